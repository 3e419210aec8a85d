"""Language identification per block, offline (py3langid).

Short or digit-only blocks carry too little evidence; they take the language of
their neighbours, or the document's.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from annales.records import Block

#: Languages annales has data for; identification is restricted to them so a
#: noisy block is not called Latin or Breton.
SUPPORTED = ("en", "fr", "de", "es", "it", "ru", "la", "pt", "nl")
MIN_LETTERS = 40


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True, langs=list(SUPPORTED))


def identify(text: str, *, default: str = "en") -> tuple[str, float]:
    """Return ``(language code, probability)`` for ``text``."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < 3:
        return default, 0.0
    lang, prob = _identifier().classify(text)
    return str(lang), float(prob)


def identify_blocks(text: str, blocks: tuple[Block, ...], *, default: str | None = None) -> tuple[Block, ...]:
    """Give each block of ``text`` (repaired text) a language."""
    doc_lang = default or identify(text)[0]
    labelled: list[Block] = []
    for block in blocks:
        piece = text[block.clean.start : block.clean.end]
        letters = sum(ch.isalpha() for ch in piece)
        lang = identify(piece, default=doc_lang)[0] if letters >= MIN_LETTERS else doc_lang
        labelled.append(Block(block.index, block.clean, block.original, lang))
    return tuple(labelled)


def dominant(blocks: tuple[Block, ...], *, default: str = "en") -> str:
    """The language covering most characters of the blocks."""
    weight: dict[str, int] = {}
    for block in blocks:
        if block.lang:
            weight[block.lang] = weight.get(block.lang, 0) + len(block.clean)
    return max(weight, key=lambda k: weight[k]) if weight else default
