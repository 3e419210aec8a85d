"""Names in the genitive, brought back to the name: "Hitlers Befehl", "General McClellans Halbinsel-Feldzug".

German writes a name's genitive with an "s" on its last word, before the noun it belongs to. The mention then
holds "Hitlers", a name of no one: as a participant it would match neither "Hitler" in the next sentence nor the
same person in another source. A mention whose last word ends in a genitive ending of its language
(``genitive_suffixes`` in ``names.yaml``) and that stands right before a capitalised word of its own is cut back
to the name, where the text uses the name without the ending elsewhere or the gazetteer knows it as a place
("Spaniens Diktator": Spanien). A name whose nominative ends so ("Perikles", "Paris") keeps it: the text names
no "Perikle".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.gazetteer import gazetteer
from annales.vocabulary.names import genitive_suffixes

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["uninflected"]


def uninflected(sdoc: Doc, mentions: Sequence[Mention], lang: str) -> list[Mention]:
    """``mentions`` with the names in the genitive cut back to the name (see the module)."""
    suffixes = genitive_suffixes(lang)
    if not suffixes:
        return list(mentions)
    words = {token.text for token in sdoc}
    places = gazetteer()
    found: list[Mention] = []
    for mention in mentions:
        span = sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        after = sdoc[span.end] if span is not None and span.end < len(sdoc) else None
        last = mention.text.split()[-1]
        suffix = next((s for s in suffixes if last.endswith(s) and len(last) > len(s) + 2), None)
        if after is None or suffix is None or not (after.text[:1].isalpha() and after.text[:1].isupper()):
            found.append(mention)
            continue
        name = mention.text[: -len(suffix)]
        if last[: -len(suffix)] in words or name in places:
            found.append(replace(mention, span=Span(mention.span.start, mention.span.end - len(suffix)), text=name))
        else:
            found.append(mention)
    return found
