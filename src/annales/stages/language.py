"""Language identification per block, offline (py3langid).

Short or digit-only blocks carry too little evidence; they take the language of
their neighbours, or the document's.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from annales.langdata import languages
from annales.records import Block

#: Languages identification may answer besides those with a data folder: the languages of Western
#: historical sources, so that a block in one of them is not called English. Identification is
#: restricted to these and the data folders so that a noisy block is not called Breton.
SUPPORTED = ("en", "fr", "de", "es", "it", "ru", "la", "pt", "nl")
MIN_LETTERS = 40


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import _load_identifier

    identifier = _load_identifier(norm_probs=True)
    known = set(identifier.nb_classes)
    identifier.set_languages(sorted(set(SUPPORTED) | {lang for lang in languages() if lang in known}))
    return identifier


def identify(text: str, *, default: str = "en") -> tuple[str, float]:
    """Return ``(language code, probability)`` for ``text``."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < 3:
        return default, 0.0
    lang, prob = _identifier().classify(text)
    return str(lang), float(prob)


def identify_blocks(text: str, blocks: tuple[Block, ...], *, default: str | None = None) -> tuple[Block, ...]:
    """Give each block of ``text`` (repaired text) a language.

    Blocks with at least :data:`MIN_LETTERS` letters are identified on their
    own. A shorter block (a heading, a date line, a footnote number) takes the
    language of its nearest identified neighbours when both agree, else the
    document's: ``default`` if given, else the language covering most letters
    of the identified blocks, else that of the whole text.
    """
    found: list[str | None] = []
    weight: dict[str, int] = {}
    for block in blocks:
        piece = text[block.clean.start : block.clean.end]
        letters = sum(ch.isalpha() for ch in piece)
        if letters >= MIN_LETTERS:
            lang = identify(piece)[0]
            weight[lang] = weight.get(lang, 0) + letters
            found.append(lang)
        else:
            found.append(None)
    if default:
        doc_lang = default
    elif weight:
        doc_lang = max(weight, key=lambda k: weight[k])
    else:
        doc_lang = identify(text)[0]
    before = _nearest(found)
    after = _nearest(found[::-1])[::-1]
    labelled: list[Block] = []
    for block, own, prev, nxt in zip(blocks, found, before, after, strict=True):
        lang = own if own is not None else prev if prev is not None and prev == nxt else doc_lang
        labelled.append(Block(block.index, block.clean, block.original, lang))
    return tuple(labelled)


def _nearest(found: list[str | None]) -> list[str | None]:
    """For each position, the last identified language strictly before it."""
    out: list[str | None] = []
    last: str | None = None
    for lang in found:
        out.append(last)
        if lang is not None:
            last = lang
    return out


def dominant(blocks: tuple[Block, ...], *, default: str = "en") -> str:
    """The language covering most characters of the blocks."""
    weight: dict[str, int] = {}
    for block in blocks:
        if block.lang:
            weight[block.lang] = weight.get(block.lang, 0) + len(block.clean)
    return max(weight, key=lambda k: weight[k]) if weight else default
