"""Repair's language knowledge: the schema of ``data/lang/<code>/repair.yaml`` and the rules read from it.

A language's file holds the words de-hyphenation needs (compound prefixes,
words written hyphenated, parts that stay apart after a name) and the words
of page furniture ("page", "p.", "of"…). A language without a file gets empty
rules; a key the schema does not know is a :class:`~annales.errors.DataError`
naming the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from annales import langdata
from annales.langdata import DataModel, Word

__all__ = ["RepairFile", "RepairRules", "rules_for", "rules_of_every_language"]


class RepairFile(DataModel):
    """The content of ``data/lang/<code>/repair.yaml``."""

    #: The language code, for the reader's benefit (the folder decides).
    lang: str | None = None
    #: A line-end hyphen after one of these is a real compound hyphen unless the joined word is common.
    compound_prefixes: tuple[Word, ...] = ()
    #: When both halves are words and the joined form is unknown: join (closed-compound languages) or keep.
    join_compounds: bool = False
    #: Words written with a hyphen although the closed form is common today.
    hyphenated: tuple[Word, ...] = ()
    #: Lower-case words that stay a separate, hyphenated part after a capitalised name.
    name_parts: tuple[Word, ...] = ()
    #: Words that label a page number, in full ("page", "Seite"); a footer ends on one and a number.
    page_words: tuple[Word, ...] = ()
    #: Abbreviations that label a page number ("p.", "pp.", "S."), never a footer's end.
    page_abbreviations: tuple[Word, ...] = ()
    #: Words between a page number and the page count ("12 of 30").
    page_of: tuple[Word, ...] = ()
    #: Words after which a hyphen and a space suspend a compound ("pre- and post-war").
    suspended_after: tuple[Word, ...] = ()


@dataclass(frozen=True)
class RepairRules:
    """Language knowledge for de-hyphenation and page furniture, read from ``data/lang/<code>/repair.yaml``.

    Words are casefolded.
    """

    lang: str
    compound_prefixes: frozenset[str] = frozenset()
    join_compounds: bool = False
    #: Words the language writes (or, in older print, wrote) with a hyphen although the closed form is common.
    hyphenated: frozenset[str] = frozenset()
    #: Lower-case words that stay a separate part after a hyphenated name (Oxford-street, Parramatta-road).
    name_parts: frozenset[str] = frozenset()
    page_words: frozenset[str] = frozenset()
    page_abbreviations: frozenset[str] = frozenset()
    page_of: frozenset[str] = frozenset()
    suspended_after: frozenset[str] = frozenset()


@lru_cache(maxsize=16)
def rules_for(lang: str) -> RepairRules:
    """Load the repair rules of ``lang``; a language without a file gets empty rules."""
    path = langdata.lang_file(lang, "repair.yaml")
    if not path.is_file():
        return RepairRules(lang)
    data = langdata.load(path, RepairFile)

    def words(found: tuple[str, ...]) -> frozenset[str]:
        return frozenset(w.casefold() for w in found)

    return RepairRules(
        lang,
        compound_prefixes=words(data.compound_prefixes),
        join_compounds=data.join_compounds,
        hyphenated=words(data.hyphenated),
        name_parts=words(data.name_parts),
        page_words=words(data.page_words),
        page_abbreviations=words(data.page_abbreviations),
        page_of=words(data.page_of),
        suspended_after=words(data.suspended_after),
    )


def rules_of_every_language() -> tuple[RepairRules, ...]:
    """The rules of every language with a data folder, for knowledge that holds whatever a text's language.

    Page furniture and suspended compounds are told apart by the words of all
    languages together, as a document may quote, or be misread as, another language.
    """
    return tuple(rules_for(lang) for lang in langdata.languages())
