"""The schema of ``data/lang/<code>/time.yaml``: what a language's time data may hold.

Loaded by :func:`annales.langdata.load`, so an unknown key is an error naming
the file and the key. Word lists are validated as a whole (an error names the
key, not an index); the items of ``patterns`` are validated one by one by the
compiler (:mod:`annales.stages.time.lexicon`), so that an error names
``patterns[i].key`` as written.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StrictBool, StrictInt, field_validator

from annales.calendars import HOLIDAY_RULE
from annales.langdata import DataModel
from annales.stages.time.kinds import KINDS, PART_CODES

__all__ = ["PatternData", "TimeData"]


def _word_list(value: Any) -> Any:
    """Accept a list of non-empty strings, checked as a whole."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError("expected a list of non-empty strings")
    return value


def _regex_list(value: Any) -> Any:
    """Accept a list of valid regular expressions (none: an empty list)."""
    if not value:
        return []
    _word_list(value)
    try:
        re.compile("|".join(f"(?:{item})" for item in value))
    except re.error as exc:
        raise ValueError(f"not a valid pattern: {exc}") from exc
    return value


def _names_list(count: int, first: str, *, optional: bool = False) -> Any:
    """A validator for a list of ``count`` lists of names (months, weekdays), or of none if ``optional``."""

    def check(value: Any) -> Any:
        if optional and value in ([], ()):
            return value
        if not isinstance(value, list) or len(value) != count:
            raise ValueError(f"expected a list of {count} lists of names, {first} first")
        return value

    return BeforeValidator(check)


def _holiday_rule(value: Any) -> Any:
    """Accept a holiday rule :func:`annales.calendars.holiday` understands."""
    if not isinstance(value, str) or not HOLIDAY_RULE.fullmatch(value):
        raise ValueError("expected MM-DD, easter, easter+N, easter-N or thanksgiving-us")
    return value


#: A list of words (or phrases); validated as a whole, so an error names the key and not an index.
Words = Annotated[tuple[str, ...], BeforeValidator(_word_list)]
#: A list of regular expressions; empty or absent matches nothing.
Regexes = Annotated[tuple[str, ...], BeforeValidator(_regex_list)]
NumberMap = dict[str, StrictInt]


class Seasons(DataModel):
    """Words for the meteorological seasons."""

    spring: Words = ()
    summer: Words = ()
    autumn: Words = ()
    winter: Words = ()


class Units(DataModel):
    """Words for the units of time, singular and plural."""

    minute: Words = ()
    hour: Words = ()
    day: Words = ()
    week: Words = ()
    month: Words = ()
    year: Words = ()
    decade: Words = ()
    century: Words = ()


class DirectionWords(DataModel):
    """The words of the slots of the same names (see :data:`~annales.stages.time.kinds.WORD_SLOTS`)."""

    next: Words = ()
    prev: Words = ()
    same: Words = ()
    after: Words = ()
    before: Words = ()
    approx: Words = ()
    this: Words = ()
    last: Words = ()


class Modifiers(DataModel):
    """Words that narrow an interval to its early, mid or late third."""

    early: Words = ()
    mid: Words = ()
    late: Words = ()


class DayParts(DataModel):
    """Words for the parts of the day, by TIMEX3 code: morning, afternoon, evening, night."""

    MO: Words = ()
    AF: Words = ()
    EV: Words = ()
    NI: Words = ()


class RefWords(DataModel):
    """Vague references to the present, past and future (TIMEX3 PRESENT_REF, PAST_REF, FUTURE_REF)."""

    PRESENT_REF: Words = ()
    PAST_REF: Words = ()
    FUTURE_REF: Words = ()


class PatternData(DataModel):
    """One item of ``patterns``; the slots its kind needs are checked when it is compiled."""

    kind: str
    pattern: str
    direction: str | None = None
    unit: str | None = None
    needs_prep: StrictBool = False
    deictic: StrictBool = False
    offset: StrictInt | None = None
    part: str | None = None
    generic_in_news: StrictBool = False

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        return kind

    @field_validator("pattern")
    @classmethod
    def _non_empty(cls, pattern: str) -> str:
        if not pattern.strip():
            raise ValueError("expected a non-empty string")
        return pattern

    @field_validator("direction")
    @classmethod
    def _known_direction(cls, direction: str | None) -> str | None:
        if direction is not None and direction not in ("next", "prev", "same"):
            raise ValueError("expected next, prev or same")
        return direction

    @field_validator("part")
    @classmethod
    def _known_part(cls, part: str | None) -> str | None:
        if part is not None and part not in PART_CODES:
            raise ValueError(f"expected one of {', '.join(PART_CODES)}")
        return part


class TimeData(DataModel):
    """``data/lang/<code>/time.yaml``: a language's words for time and the patterns that use them."""

    language: str | None = None
    months: Annotated[tuple[Words, ...], _names_list(12, "January")]
    weekdays: Annotated[tuple[Words, ...], _names_list(7, "Monday")] = ()
    #: Month names that are other words too (May, March): a bare one needs a preposition before it.
    months_needing_prep: Words = ()
    #: Whether months are written with a capital ("may", "march" in lower case are then not months).
    capitalised_months: StrictBool = False
    #: Whether a bare year right before a capitalised word is a count of that noun (German: "1500 Panzer").
    capital_noun_counts: StrictBool = False
    seasons: Seasons = Seasons()
    numbers: NumberMap = {}
    vague_numbers: Words = ()
    #: Whether years are read out in words ("nineteen ninety-six"), and the "and" of "two thousand and three".
    spelled_years: StrictBool = False
    number_and: str = ""
    ordinals: NumberMap = {}
    ordinal_suffix: str = ""
    day_suffix: str = ""
    units: Units
    words: DirectionWords
    modifiers: Modifiers = Modifiers()
    decade_words: NumberMap = {}
    day_words: NumberMap = {}
    day_parts: DayParts = DayParts()
    ref_words: RefWords = RefWords()
    bc_words: Words = ()
    #: The months of the French Republican calendar, vendémiaire first ("18 brumaire an VIII"); none for a
    #: language that does not read it.
    republican_months: Annotated[tuple[Words, ...], _names_list(12, "vendémiaire", optional=True)] = ()
    holidays: dict[str, Annotated[str, BeforeValidator(_holiday_rule)]] = {}
    prepositions: Words = ()
    old_style: Words = ()
    not_year_before: Words = ()
    not_year_after: Words = ()
    event_anchors: Words = ()
    bound_words: Words = ()
    month_not_after: Words = ()
    future_markers: Regexes = ()
    past_markers: Regexes = ()
    pluperfect_markers: Regexes = ()
    flashback_markers: Regexes = ()
    attribute_markers: Regexes = ()
    age_before: Regexes = ()
    rate_before: Regexes = ()
    #: Words joining a list of months (of seasons) that takes the year written after its last item.
    month_list_joiners: Words = ()
    season_list_joiners: Words = ()
    #: Words between the last season of such a list and its year ("the spring and summer of 1943").
    season_year_joiners: Words = ()
    #: Abbreviations whose full stop does not end a clause ("Mr.", "Inc."), case-sensitive.
    abbreviations: Words = ()
    patterns: Annotated[tuple[Any, ...], Field(min_length=1)]
