"""How common a word is in a language (wordfreq's Zipf scale: 0 unknown, 3 rare, 6 very common)."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["word_zipf"]


@lru_cache(maxsize=65536)
def word_zipf(word: str, lang: str) -> float:
    """The Zipf frequency of ``word`` in ``lang`` (wordfreq), 0 for a word or language it does not know."""
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(word, lang))
    except (LookupError, ValueError):
        return 0.0
