"""Time expressions read from the speech time (the document date) or the narrative: behaviour across cases.

The per-language tables of such expressions are in ``tests/time_cases/``;
these tests check what a table cannot: which reference wins, intervals, the
TIMEX3 view and that the anchored scan finds what a scan of every position does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from annales.stages.time import TimeLexicon, find_times, load_language, timex3
from annales.stages.time.normalise import normalise
from annales.stages.time.scan import Match, first_at, scan

DCT = dt.date(1998, 10, 23)  # a Friday
_T = TypeVar("_T")


def _scan_everywhere(text: str, lex: TimeLexicon, judge: Callable[[Match], _T | None]) -> Iterator[tuple[Match, _T]]:
    """The reference scan of every position, which the anchored scan must equal."""
    pos = 0
    while True:
        m = lex.scanner.search(text, pos)
        if m is None:
            return
        at = m.start()
        first = first_at(text, at, lex, judge)
        if first is not None:
            yield first
            pos = max(first[0].match.end(), at + 1)
        else:
            pos = at + 1


def test_time_deictic_words_prefer_the_document_date_to_the_narrative() -> None:
    # "last year" counts from the document date even after another year is mentioned;
    # "the following year" counts from the narrative.
    text = "In 1990 the firm was founded. Sales rose last year. The following year they fell."
    values = {m.text: m.time.value for m in find_times(text, "en", dct=DCT)}
    assert values["last year"] == "1997"
    assert values["The following year"] == "1998"


def test_time_intervals_of_weeks_quarters_and_days() -> None:
    found = {m.text: m.time for m in find_times("They met last week, in the third quarter.", "en", dct=DCT)}
    assert (found["last week"].start, found["last week"].end) == (dt.date(1998, 10, 12), dt.date(1998, 10, 18))
    third = found["the third quarter"]
    assert (third.start, third.end, third.granularity) == (dt.date(1998, 7, 1), dt.date(1998, 9, 30), "quarter")


def test_time_without_a_document_date_days_stay_unresolved() -> None:
    mention = find_times("The minister resigned yesterday.", "en")[0]
    assert mention.time.value == "XXXX-XX-XX"
    assert mention.time.start is None
    bc = find_times("By 490 BC the Persians had landed.", "en")[0]
    assert (bc.time.edtf, bc.time.start) == ("-0489", None)


_SCAN_WORDS = st.sampled_from(
    [
        "in",
        "from",
        "between",
        "and",
        "to",
        "1917",
        "1923",
        "-",
        "the",
        "next",
        "day",
        "last",
        "year",
        "March",
        "Friday",
        "morning",
        "du",
        "17",
        "octobre",
        "le",
        "lendemain",
        "von",
        "bis",
        "1945",
        "am",
        "selben",
        "Tag",
        "early",
        "of",
        "third",
        "quarter",
        "ago",
        "three",
        "years",
        "hier",
        "soir",
        "now",
        "10:35",
        "a.m.",
        ".",
        ",",
        "\n",
        "au",
        "cours",
        "de",
        "l'année",
        "BC",
        "490",
        "winter",
        "that",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_SCAN_WORDS, max_size=30), st.sampled_from(["en", "fr", "de"]))
def test_time_anchored_scan_equals_the_scan_of_every_position(words: list[str], lang: str) -> None:
    text = " ".join(words)
    lexicon = load_language(lang)

    def judge(found: Match) -> object:
        return normalise(found, lexicon, None, None)

    anchored = [(f.match.start(), f.match.end(), f.template.index) for f, _ in scan(text, lexicon, judge)]
    everywhere = [(f.match.start(), f.match.end(), f.template.index) for f, _ in _scan_everywhere(text, lexicon, judge)]
    assert anchored == everywhere


def test_time_timex3_splits_a_range_of_years_into_its_two_years() -> None:
    text = "Between 1925 and 1928 the plan ran; the war of 1861-63 ended."
    rendered = [(text[span.start : span.end], kind, value) for m in find_times(text, "en") for span, kind, value in timex3(m)]
    assert rendered == [("1925", "DATE", "1925"), ("1928", "DATE", "1928"), ("1861", "DATE", "1861"), ("63", "DATE", "1863")]
    single = find_times("In March 1923 he fell ill.", "en")[0]
    assert timex3(single) == [(single.span, "DATE", "1923-03")]


def test_time_timex3_splits_days_and_bc_years() -> None:
    text = "Surrendering on May 4 and 5, 1865 were the last armies; the Ionian Revolt (499-493 BC) came first."
    rendered = [(text[span.start : span.end], value) for m in find_times(text, "en") for span, _kind, value in timex3(m)]
    assert rendered == [("May 4", "1865-05-04"), ("5, 1865", "1865-05-05"), ("499", "BC0499"), ("493", "BC0493")]
