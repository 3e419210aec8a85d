"""Names in the genitive, brought back to the name: "Hitlers Befehl", "General McClellans Halbinsel-Feldzug".

German writes a name's genitive with an "s" on its last word, before the noun it belongs to or right after it
("die Niederlage Deutschlands"). The mention then
holds "Hitlers", a name of no one: as a participant it would match neither "Hitler" in the next sentence nor the
same person in another source. A mention whose last word ends in a genitive ending of its language
(``genitive_suffixes`` in ``names.yaml``) and that stands right before or after a capitalised word is cut back
to the name, where the text uses the name without the ending elsewhere, the gazetteer knows it as a place
("Spaniens Diktator": Spanien), or no language annales reads uses the word with its ending while one uses it
without ("McClellans": McClellan, a name of English). A name whose nominative ends so ("Perikles", "Paris",
"Engels") keeps it: the text names no "Perikle", and "Engels" is a word (a name) in its own right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from annales.langdata import languages
from annales.records import Mention, Span
from annales.stages.gazetteer import gazetteer
from annales.vocabulary.frequency import known_somewhere, unknown_everywhere
from annales.vocabulary.names import fold_word, genitive_suffixes, name_words

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["uninflected"]


def _names_kind(word: str) -> bool:
    """Whether a word names a kind of place, a title or an office, after which a name stands in apposition."""
    words = name_words()
    lower = word.lower()
    return fold_word(word) in words.titles or any(lower.endswith(k) for k in (*words.place_nouns, *words.offices))


def uninflected(sdoc: Doc, mentions: Sequence[Mention], lang: str) -> list[Mention]:
    """``mentions`` with the names in the genitive cut back to the name (see the module)."""
    suffixes = genitive_suffixes(lang)
    if not suffixes:
        return list(mentions)
    words = {token.text for token in sdoc}
    places = gazetteer()
    langs = languages()
    found: list[Mention] = []
    for mention in mentions:
        span = sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        after = sdoc[span.end] if span is not None and span.end < len(sdoc) else None
        before = sdoc[span.start - 1] if span is not None and span.start > 0 else None
        last = mention.text.split()[-1]
        suffix = next((s for s in suffixes if last.endswith(s) and len(last) > len(s) + 2), None)
        # before its noun ("Hitlers Befehl"), or after a noun with no article between ("die Niederlage Deutschlands")
        owned = after is not None and after.text[:1].isalpha() and after.text[:1].isupper()
        owned = owned or (
            before is not None
            and before.is_alpha
            and before.text[:1].isupper()
            and not before.is_sent_start
            and not _names_kind(before.text)  # "die Hauptstadt Paris", "General Grants": the name in apposition
            and mention.text not in places  # "Tripolis", "Paris": a place by that very name
        )
        if suffix is None or not owned:
            found.append(mention)
            continue
        name = mention.text[: -len(suffix)]
        stem = last[: -len(suffix)]
        if stem in words or name in places or (unknown_everywhere(last, langs) and known_somewhere(stem, langs)):
            found.append(replace(mention, span=Span(mention.span.start, mention.span.end - len(suffix)), text=name))
        else:
            found.append(mention)
    return found
