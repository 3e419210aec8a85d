"""Kinds read from their own words: dates, months and years written out, periods, durations and sets.

Also the months named without a year that take one from the text (the next
item of a list, the document date of news) and the Old Style marker that
makes a date Julian.
"""

from __future__ import annotations

import datetime as dt
import re

from annales.calendars import julian_to_gregorian, republican_to_gregorian
from annales.records import Granularity, TimeMention, TimeValue
from annales.stages.time.clauses import in_future
from annales.stages.time.lexicon import TimeLexicon
from annales.stages.time.patterns import norm
from annales.stages.time.scan import Match
from annales.stages.time.values import (
    SEASON_CODE,
    SEASON_MONTHS,
    Normaliser,
    Reading,
    Ref,
    count_of,
    day_value,
    duration_code,
    interval_code,
    leading_int,
    month_end,
    month_span,
    month_value,
    narrow,
    second_year,
    time_value,
    year_span,
)

#: News names months near its date in the same year whatever the tense: only a month further than this
#: from the document date moves to the year before (or, in the future tense, after).
NEWS_SLACK_MONTHS = 2


def _date(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """A day written out: "21 janvier 1924", "2009-12-19T17:00", "25 October/7 November 1917"."""
    kind = found.template.kind
    get = found.get
    if kind == "iso_date":
        iso = get("iso") or ""
        day = dt.date.fromisoformat(iso[:10])
        if len(iso) > 10:
            # "2009-12-19T17:00:00": a time of that day
            return "TIME", time_value(day, day, granularity="day", value=iso, edtf=iso)
    else:
        day = dt.date(int(get("year") or 0), lex.months[norm(get("month") or "")], leading_int(get("day")))
    if kind == "dual_date":
        return "DATE", _dual(found, lex, day)
    return day_value(day, found, lex, None)


def _republican(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """A day of the French Republican calendar ("18 brumaire an VIII", "9 Thermidor, Year II"), as its Gregorian
    day; None for a day the calendar did not have."""
    get = found.get
    try:
        year = _numeral((get("ryear") or "").upper())
        day = republican_to_gregorian(year, lex.republican_months[norm(get("rmonth") or "")], leading_int(get("day")))
    except ValueError:
        return None
    return day_value(day, found, lex, None)


def _period(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """A month, year, range of years, season, decade or century written out, narrowed by its modifier."""
    kind = found.template.kind
    get = found.get
    granularity: Granularity
    if kind == "month_year":
        year, month = int(get("year") or 0), lex.months[norm(get("month") or "")]
        start, end = month_span(year, month)
        granularity, value, edtf = "month", f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}"
    elif kind == "year":
        year = int(get("year") or 0)
        start, end = year_span(year)
        granularity, value, edtf = "year", f"{year:04d}", f"{year:04d}"
    elif kind == "year_range":
        first = int(get("year") or 0)
        last = second_year(first, get("year2") or "")
        # "1920/21" is one season or fiscal year; "1928/1962" is two dates (written/published).
        slashed = "/" in found.match.group(0) and last is not None and last != first + 1
        if last is None or slashed:
            return None
        start, end = year_span(first, last)
        granularity, value = "year", f"{first:04d}/{last:04d}"
        edtf = value
    elif kind == "season":
        start, end, value = _season(found, lex)
        granularity, edtf = "season", interval_code(start, end)
    elif kind == "decade":
        decade = get("decade")
        first = int(decade) if decade else 1900 + 10 * lex.decade_words[norm(get("decade_word") or "")]
        start, end = year_span(first, first + 9)
        granularity, value = "decade", f"{first // 10:03d}X"
        edtf = value
    elif kind == "century":
        number = _century(get("century") or "", lex)
        if not 1 <= number <= 21:
            return None
        if get("bc") is not None:
            # "the 4th century BC": TIMEX3 BC03; no Gregorian day exists for it here.
            return "DATE", time_value(None, None, granularity="century", value=f"BC{number - 1:02d}", edtf=f"-{number - 1:02d}XX")
        start, end = year_span(max(1, (number - 1) * 100), (number - 1) * 100 + 99)
        granularity, value, edtf = "century", f"{number - 1:02d}", f"{number - 1:02d}XX"
    else:  # pragma: no cover - every kind is handled above
        return None
    mod = get("mod")
    if mod is not None:
        start, end = narrow(start, end, granularity, lex.modifiers[norm(mod)])
        edtf = interval_code(start, end)
    elif get("approx") is not None:
        edtf += "~"
        if granularity == "year" and "/" not in value:
            start, end = year_span(start.year - 1, end.year + 1)
    return "DATE", time_value(start, end, granularity=granularity, value=value, edtf=edtf)


def _set(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "every week", "annually": TIMEX3 SET P1W, P1Y."""
    unit = found.template.unit or lex.units[norm(found.get("unit") or "")]
    return "SET", time_value(None, None, granularity="unknown", value=duration_code(1, unit), edtf="")


def _length(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "three years", "for weeks": a DURATION (or a SET when an amount comes before: "$5 a year")."""
    get = found.get
    unit = lex.units[norm(get("unit") or "")]
    start_at = found.span().start
    if lex.rate_before.search(found.match.string, max(0, start_at - 40), start_at):
        # "$1 billion a year", "30 a day": an amount per unit of time, a SET (TimeML).
        return "SET", time_value(None, None, granularity="unknown", value=duration_code(1, unit), edtf="")
    # Without a number slot, a bare plural: "for weeks" is some weeks (PXW).
    count = count_of(get("number"), lex) if "number" in found.template.slots else None
    return "DURATION", time_value(None, None, granularity="unknown", value=duration_code(count, unit), edtf="")


def _season(found: Match, lex: TimeLexicon) -> tuple[dt.date, dt.date, str]:
    """The interval and TIMEX3 value of a season with its year ("winter 1920-1921"); ValueError for impossible ranges."""
    season = lex.seasons[norm(found.get("season") or "")]
    year = int(found.get("year") or 0)
    raw2 = found.get("year2")
    year2 = second_year(year, raw2) if raw2 else None
    if raw2 and not (season == "winter" and year2 == year + 1):
        raise ValueError("only a winter spans two years")
    value = f"{year:04d}-{SEASON_CODE[season]}"
    if season == "winter":
        if year2 is not None:
            return dt.date(year, 12, 1), month_end(year + 1, 2), value
        return dt.date(year, 1, 1), month_end(year + 1, 2), value
    first, last = SEASON_MONTHS[season]
    return dt.date(year, first, 1), month_end(year, last), value


def _century(word: str, lex: TimeLexicon) -> int:
    """The number of a century written as an ordinal word, digits or Roman numerals ("XIXe", "19th")."""
    key = norm(word)
    if key in lex.ordinals:
        return lex.ordinals[key]
    return _numeral(word)


def _numeral(word: str) -> int:
    """The number that opens a word in digits or Roman numerals ("19th", "XIXe", "VIII"); 0 if none."""
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group(0))
    roman = re.match(r"[IVXLC]+", word)
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    letters = roman.group(0) if roman else ""
    for i, ch in enumerate(letters):
        v = values[ch]
        total += -v if i + 1 < len(letters) and values[letters[i + 1]] > v else v
    return total


def _dual(found: Match, lex: TimeLexicon, first: dt.date) -> TimeValue:
    """'25 October/7 November 1917': the first reading Julian, the second Gregorian."""
    second = dt.date(first.year, lex.months[norm(found.get("month2") or "")], leading_int(found.get("day2")))
    if first.month > second.month:
        first = first.replace(year=first.year - 1)
    greg = time_value(second, second, granularity="day", value=second.isoformat(), edtf=second.isoformat())
    return TimeValue(first, first, "day", first.isoformat(), first.isoformat(), "julian", alternative=greg)


def explicit_month(found: Match, lex: TimeLexicon, year: int) -> Reading | None:
    """A month (or a day of one) whose year is written a little after it."""
    month = lex.months[norm(found.get("month") or "")]
    if found.get("day") is not None:
        try:
            day = dt.date(year, month, leading_int(found.get("day")))
        except ValueError:
            return None
        return day_value(day, found, lex, None)
    return month_value(year, month, found, lex, None)


def _news_year(today: dt.date, month: int, future: bool) -> int:
    """The year of ``month`` seen from ``today`` in news: the last such month at most
    ``NEWS_SLACK_MONTHS`` ahead, or in the future tense the first at most that far behind."""
    # Signed months from today to the month in last year, this year and next year.
    offsets = {year: (year - today.year) * 12 + month - today.month for year in (today.year - 1, today.year, today.year + 1)}
    if future:
        return min((y for y, d in offsets.items() if d >= -NEWS_SLACK_MONTHS), key=lambda y: offsets[y])
    return max((y for y, d in offsets.items() if d <= NEWS_SLACK_MONTHS), key=lambda y: offsets[y])


def news_month(found: Match, lex: TimeLexicon, dct: Ref) -> Reading | None:
    """A month or day named without a year in news: the one before the document date, or after it in the future.

    News reports what happened and announces what will: "in December" in a
    story of August 1998 is December 1997, unless the clause is in the
    future tense; "on 25 November" likewise. A month within
    ``NEWS_SLACK_MONTHS`` of the document date stays in its year.
    """
    month = lex.months[norm(found.get("month") or "")]
    day_text = found.get("day")
    day = leading_int(day_text) if day_text else None
    today = dct.end
    year = _news_year(today, month, in_future(found, lex))
    if day is not None:
        return day_value(dt.date(year, month, day), found, lex, dct)
    return month_value(year, month, found, lex, dct)


def mark_old_style(text: str, mention: TimeMention, lex: TimeLexicon) -> TimeMention:
    """Mark a date followed by an Old Style marker as Julian, with its Gregorian reading."""
    value = mention.time
    if value.calendar == "julian" or value.start is None or value.end is None:
        return mention
    if not lex.old_style.match(text, mention.span.end):
        return mention
    try:
        start, end = julian_to_gregorian(value.start), julian_to_gregorian(value.end)
    except ValueError:
        return mention
    code = interval_code(start, end)
    greg = TimeValue(start, end, value.granularity, code, code, "gregorian", value.basis, value.anchor)
    julian_value = TimeValue(
        value.start,
        value.end,
        value.granularity,
        value.value,
        value.edtf,
        "julian",
        value.basis,
        value.anchor,
        greg,
    )
    return TimeMention(mention.span, mention.text, mention.type, julian_value, mention.aside, mention.deictic)


EXPLICIT: dict[str, Normaliser] = {
    "date": _date,
    "dual_date": _date,
    "iso_date": _date,
    "republican_date": _republican,
    **dict.fromkeys(("month_year", "year", "year_range", "season", "decade", "century"), _period),
    "set": _set,
    "duration": _length,
}
