"""How common a word is in a language (wordfreq's Zipf scale: 0 unknown, 3 rare, 6 very common)."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["COMMON", "KNOWN", "RARE", "known_somewhere", "rare", "shared_name", "unknown_everywhere", "word_zipf"]

#: The Zipf frequency under which a word is rare in its language: a capitalised one is likely a name the
#: models missed ("Farragut": 1.9; "Danach", "Marsch" are common).
RARE = 3.0
#: The Zipf frequency from which a word is one of the language's everyday words ("early": 5.4, "king": 5.2; "Grant":
#: 4.7, "Stalin": 3.7): capitalised at a sentence's start, it is that word before it is anyone's name.
COMMON = 5.0
#: The Zipf frequency from which a word is known at all in a language ("McClellan": 3.0 in English, 2.1 in German).
KNOWN = 1.0
#: The Zipf frequency from which a word is too common in its language to be read as a name for being used as
#: often in another: the nouns languages share are that common ("Offensive": 4.0 in German, "Terror": 4.2,
#: "Front": 4.4), and a name known that well the models know ("Hitler": 4.5; "Stalin": 3.8, "Rommel": 3.3).
SHARED_COMMON = 3.8
#: How much less often another language may use a word for the two to share it as a name ("Rommel": 3.3 in
#: German, 2.8 in English; "Kanzler": 4.2 and 1.3).
SHARED_MARGIN = 1.0
#: The languages whose use of a word is compared.
_SHARING = ("en", "fr", "de")


@lru_cache(maxsize=65536)
def word_zipf(word: str, lang: str) -> float:
    """The Zipf frequency of ``word`` in ``lang`` (wordfreq), 0 for a word or language it does not know."""
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(word, lang))
    except (LookupError, ValueError):
        return 0.0


def rare(word: str, lang: str) -> bool:
    """Whether ``word`` (folded to lower case) is rare in ``lang`` (:data:`RARE`)."""
    return word_zipf(word.lower(), lang) < RARE


def shared_name(word: str, lang: str) -> bool:
    """Whether a capitalised word is used about as often in another language as in ``lang``, and not often in
    either: a name that travels, not a word of the language ("Rommel", "Sherman", "Grant" in German; not
    "Oberbefehlshaber", as rare, nor "Union", common everywhere). In a language that capitalises its nouns,
    this tells a famous surname from a noun where rarity (:func:`rare`) cannot."""
    own = word_zipf(word.lower(), lang)
    if own >= SHARED_COMMON:
        return False
    return any(
        (other := word_zipf(word.lower(), code)) >= KNOWN and other >= own - SHARED_MARGIN for code in _SHARING if code != lang
    )


def unknown_everywhere(word: str, langs: tuple[str, ...]) -> bool:
    """Whether ``word`` is a word none of ``langs`` uses ("McClellans"; "Engels" is a name, "Paris" a city)."""
    return all(word_zipf(word.lower(), lang) == 0.0 for lang in langs)


def known_somewhere(word: str, langs: tuple[str, ...]) -> bool:
    """Whether some language of ``langs`` uses ``word`` at all (:data:`KNOWN`)."""
    return any(word_zipf(word.lower(), lang) >= KNOWN for lang in langs)
