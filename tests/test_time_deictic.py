"""Time expressions read from the speech time (the document date) or the narrative, per language.

Weekdays, "yesterday", "last year", quarters, "three years ago", clock times,
seasons without a year, vague references and BC years. Each table row is
(text, quote, TIMEX3 type, TIMEX3 value); the document date is a Friday.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annales.stages import time as time_stage
from annales.stages.time import find_times, load_language, timex3

DCT = dt.date(1998, 10, 23)  # a Friday

NEWS = {
    "en": [
        ("The minister resigned yesterday.", "yesterday", "DATE", "1998-10-22"),
        ("Talks resume tomorrow.", "tomorrow", "DATE", "1998-10-24"),
        ("Shares fell this morning.", "this morning", "TIME", "1998-10-23TMO"),
        ("Police arrived yesterday evening.", "yesterday evening", "TIME", "1998-10-22TEV"),
        ("The strike ends tonight.", "tonight", "TIME", "1998-10-23TNI"),
        ("The board met on Tuesday.", "Tuesday", "DATE", "1998-10-20"),
        ("The board will meet on Tuesday.", "Tuesday", "DATE", "1998-10-27"),
        ("He spoke Friday.", "Friday", "DATE", "1998-10-23"),
        ("The vote was last Friday.", "last Friday", "DATE", "1998-10-16"),
        ("Sales rose last year.", "last year", "DATE", "1997"),
        ("Sales rose this year.", "this year", "DATE", "1998"),
        ("Sales will rise next year.", "next year", "DATE", "1999"),
        ("Prices fell last month.", "last month", "DATE", "1998-09"),
        ("They met last week.", "last week", "DATE", "1998-W42"),
        ("Profit rose in the third quarter.", "the third quarter", "DATE", "1998-Q3"),
        ("Third-quarter profit rose.", "Third-quarter", "DATE", "1998-Q3"),
        ("The fourth quarter of 1996 was bad.", "The fourth quarter of 1996", "DATE", "1996-Q4"),
        ("The plant closed three years ago.", "three years ago", "DATE", "1995"),
        ("The plant closed 11 days ago.", "11 days ago", "DATE", "1998-10-12"),
        ("The plant closed two months ago.", "two months ago", "DATE", "1998-08"),
        ("The market opened at 10:35 a.m.", "10:35 a.m.", "TIME", "1998-10-23T10:35"),
        ("The market closed at 4 p.m.", "4 p.m.", "TIME", "1998-10-23T16:00"),
        ("The company is now profitable.", "now", "DATE", "PRESENT_REF"),
        ("The firm recently hired.", "recently", "DATE", "PAST_REF"),
        ("Prices are reported daily.", "daily", "SET", "P1D"),
    ],
    "fr": [
        ("Le ministre a démissionné hier.", "hier", "DATE", "1998-10-22"),
        ("Le conseil s'est réuni hier soir.", "hier soir", "TIME", "1998-10-22TEV"),
        ("Il parlera aujourd'hui.", "aujourd'hui", "DATE", "1998-10-23"),
        ("Il est arrivé ce matin.", "ce matin", "TIME", "1998-10-23TMO"),
        ("Le vote a eu lieu mardi.", "mardi", "DATE", "1998-10-20"),
        ("Le vote a eu lieu vendredi dernier.", "vendredi dernier", "DATE", "1998-10-16"),
        ("Le vote aura lieu mardi prochain.", "mardi prochain", "DATE", "1998-10-27"),
        ("Les ventes ont baissé l'an dernier.", "l'an dernier", "DATE", "1997"),
        ("Les ventes ont monté cette année.", "cette année", "DATE", "1998"),
        ("Ils se sont vus la semaine dernière.", "la semaine dernière", "DATE", "1998-W42"),
        ("Les ventes du troisième trimestre.", "troisième trimestre", "DATE", "1998-Q3"),
        ("L'usine a fermé il y a trois ans.", "il y a trois ans", "DATE", "1995"),
        ("Le train part à 18 h 45.", "18 h 45", "TIME", "1998-10-23T18:45"),
        ("Le train part à 18 h.", "18 h", "TIME", "1998-10-23T18:00"),
        ("La société est désormais rentable.", "désormais", "DATE", "PRESENT_REF"),
    ],
    "de": [
        ("Der Minister trat gestern zurück.", "gestern", "DATE", "1998-10-22"),
        ("Der Rat tagte gestern Abend.", "gestern Abend", "TIME", "1998-10-22TEV"),
        ("Die Sitzung war am Dienstag.", "Dienstag", "DATE", "1998-10-20"),
        ("Die Sitzung wird am Dienstag sein.", "Dienstag", "DATE", "1998-10-27"),
        ("Der Umsatz fiel letztes Jahr.", "letztes Jahr", "DATE", "1997"),
        ("Der Umsatz stieg im dritten Quartal.", "dritten Quartal", "DATE", "1998-Q3"),
        ("Das Werk schloss vor drei Jahren.", "vor drei Jahren", "DATE", "1995"),
        ("Der Zug fährt um 18.45 Uhr.", "18.45 Uhr", "TIME", "1998-10-23T18:45"),
        ("Die Firma ist jetzt rentabel.", "jetzt", "DATE", "PRESENT_REF"),
    ],
}

NARRATIVE = {
    "en": [
        ("On 4 June 1942 the fleet sailed. The next day it fought.", "The next day", "1942-06-05"),
        ("On 4 June 1942 the fleet sailed. That same day it fought.", "That same day", "1942-06-04"),
        ("In November 1941 the front froze. The winter was harsh.", "The winter", "1941-WI"),
        ("In 1862 the army moved north. In the summer it fought.", "the summer", "1862-SU"),
        ("In 1862 the army moved. By the end of the year it held.", "the end of the year", "1862"),
        ("By 490 BC the Persians had landed.", "490 BC", "BC0490"),
        ("Today the site is a museum.", "Today", "PRESENT_REF"),
    ],
    "fr": [
        ("Le 4 juin 1942, la flotte appareille. Le lendemain, elle combat.", "Le lendemain", "1942-06-05"),
        ("Le 4 juin 1942, la flotte appareille. La veille, elle attendait.", "La veille", "1942-06-03"),
        ("En 1862, l'armée avance. En été, elle combat.", "été", "1862-SU"),
        ("En 1862, l'armée avance. À la fin de l'année, elle tient.", "fin de l'année", "1862"),
        ("En 490 av. J.-C., les Perses débarquent.", "490 av. J.-C.", "BC0490"),
    ],
    "de": [
        ("Am 4. Juni 1942 lief die Flotte aus. Am folgenden Tag kämpfte sie.", "Am folgenden Tag", "1942-06-05"),
        ("Am 4. Juni 1942 lief die Flotte aus. Am selben Tag kämpfte sie.", "Am selben Tag", "1942-06-04"),
        ("Im Jahr 1862 rückte das Heer vor. Im Herbst kämpfte es.", "Herbst", "1862-FA"),
        ("Im Jahr 1862 rückte das Heer vor. Ende des Jahres hielt es.", "Ende des Jahres", "1862"),
        ("Um 490 v. Chr. landeten die Perser.", "490 v. Chr.", "BC0490"),
    ],
}


def _mention(text: str, lang: str, quote: str, dct: dt.date | None) -> tuple[str, str]:
    found = [m for m in find_times(text, lang, dct=dct) if m.text == quote]
    assert len(found) == 1, [(m.text, m.time.value) for m in find_times(text, lang, dct=dct)]
    mention = found[0]
    assert text[mention.span.start : mention.span.end] == quote
    return mention.type, mention.time.value


@pytest.mark.parametrize(
    ("lang", "text", "quote", "kind", "value"),
    [(lang, *row) for lang, rows in NEWS.items() for row in rows],
)
def test_time_news_reads_from_the_document_date(lang: str, text: str, quote: str, kind: str, value: str) -> None:
    assert _mention(text, lang, quote, DCT) == (kind, value)


@pytest.mark.parametrize(
    ("lang", "text", "quote", "value"),
    [(lang, *row) for lang, rows in NARRATIVE.items() for row in rows],
)
def test_time_narrative_reads_from_the_last_date(lang: str, text: str, quote: str, value: str) -> None:
    assert _mention(text, lang, quote, None)[1] == value


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
    ["in", "from", "between", "and", "to", "1917", "1923", "-", "the", "next", "day", "last", "year", "March",
     "Friday", "morning", "du", "17", "octobre", "le", "lendemain", "von", "bis", "1945", "am", "selben", "Tag",
     "early", "of", "third", "quarter", "ago", "three", "years", "hier", "soir", "now", "10:35", "a.m.", ".",
     ",", "\n", "au", "cours", "de", "l'année", "BC", "490", "winter", "that"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_SCAN_WORDS, max_size=30), st.sampled_from(["en", "fr", "de"]))
def test_time_anchored_scan_equals_the_scan_of_every_position(words: list[str], lang: str) -> None:
    text = " ".join(words)
    lexicon = load_language(lang)

    def judge(found: time_stage._Match) -> object:
        return time_stage._normalise(found, lexicon, None, None)

    anchored = [(f.match.start(), f.match.end(), f.template.index) for f, _ in time_stage._scan(text, lexicon, judge)]
    everywhere = [
        (f.match.start(), f.match.end(), f.template.index) for f, _ in time_stage._scan_everywhere(text, lexicon, judge)
    ]
    assert anchored == everywhere


def test_time_timex3_splits_a_range_of_years_into_its_two_years() -> None:
    text = "Between 1925 and 1928 the plan ran; the war of 1861-63 ended."
    rendered = [
        (text[span.start : span.end], kind, value) for m in find_times(text, "en") for span, kind, value in timex3(m)
    ]
    assert rendered == [("1925", "DATE", "1925"), ("1928", "DATE", "1928"), ("1861", "DATE", "1861"),
                        ("63", "DATE", "1863")]
    single = find_times("In March 1923 he fell ill.", "en")[0]
    assert timex3(single) == [(single.span, "DATE", "1923-03")]
