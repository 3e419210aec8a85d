"""Intervals of days and the :class:`~annales.records.TimeValue` records made of them.

Everything here is calendar arithmetic and the TIMEX3/EDTF codes of
intervals; which interval a match names is decided by the modules of the
kinds (``explicit``, ``relative``, ``deictic``, ``bc``).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from annales.records import Basis, Granularity, Span, TimeValue, TimexType
from annales.stages.time.lexicon import TimeLexicon
from annales.stages.time.patterns import norm
from annales.stages.time.scan import Match

#: What reading a match gives: its TIMEX3 type and its value.
Reading = tuple[TimexType, TimeValue]


_UNIT_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}
#: Units under a day: TIMEX3 writes them after a T (PT3H, PT30M).
_CLOCK_UNIT_CODE = {"hour": "H", "minute": "M"}
SEASON_CODE = {"spring": "SP", "summer": "SU", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}


@dataclass(frozen=True)
class Ref:
    """The narrative reference time: an interval and the span it came from (None for the dct)."""

    start: dt.date
    end: dt.date
    span: Span | None
    #: The year before the common era the narrative stands in, when it does (start and end then unused).
    bc: int | None = None
    #: The TIMEX3 value of the mention the reference came from ("" for the document date).
    code: str = ""


#: A kind's reader: a match, the language, the narrative's reference and the document date to its reading.
Normaliser = Callable[[Match, TimeLexicon, Ref | None, Ref | None], Reading | None]


def time_value(
    start: dt.date | None,
    end: dt.date | None,
    *,
    granularity: Granularity,
    value: str,
    edtf: str,
    ref: Ref | None = None,
    relative: bool = False,
) -> TimeValue:
    """A Gregorian value; ``relative`` ones were read against ``ref`` (None: against nothing known)."""
    basis: Basis = "relative" if relative else "explicit"
    return TimeValue(start, end, granularity, value, edtf, "gregorian", basis, ref.span if ref else None)


def duration_code(count: int | None, unit: str) -> str:
    """The TIMEX3 value of ``count`` ``unit``s (X when the count is vague): P3Y, PXM, PT5H."""
    n = count if count is not None else "X"
    if unit in _CLOCK_UNIT_CODE:
        return f"PT{n}{_CLOCK_UNIT_CODE[unit]}"
    return f"P{n}{_UNIT_CODE[unit]}"


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last days of a month."""
    return dt.date(year, month, 1), month_end(year, month)


def year_span(first: int, last: int | None = None) -> tuple[dt.date, dt.date]:
    """From 1 January of ``first`` to 31 December of ``last`` (default: the same year)."""
    return dt.date(first, 1, 1), dt.date(last if last is not None else first, 12, 31)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """The (year, month) ``delta`` months after (before, when negative) the given one."""
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


def interval_code(start: dt.date, end: dt.date) -> str:
    """The EDTF/TIMEX3 form of an interval at the coarsest unit that fits it exactly."""
    if start == end:
        return start.isoformat()
    if start.day == 1 and end == month_end(end.year, end.month):
        if start.month == 1 and end.month == 12:
            return f"{start.year:04d}" if start.year == end.year else f"{start.year:04d}/{end.year:04d}"
        a, b = f"{start.year:04d}-{start.month:02d}", f"{end.year:04d}-{end.month:02d}"
        return a if a == b else f"{a}/{b}"
    return f"{start.isoformat()}/{end.isoformat()}"


def narrow(start: dt.date, end: dt.date, granularity: str, mod: str) -> tuple[dt.date, dt.date]:
    """Keep the early, mid or late third of an interval (see the package docstring)."""
    if granularity in ("year", "season") and start.year * 12 + start.month < end.year * 12 + end.month:
        n = (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1
        k = math.ceil(n / 3)
        first = 0 if mod == "early" else n - k if mod == "late" else (n - k) // 2
        y, m = add_months(start.year, start.month, first)
        y2, m2 = add_months(y, m, k - 1)
        return dt.date(y, m, 1), month_end(y2, m2)
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31 and end.year > start.year:
        n = end.year - start.year + 1
        k = math.ceil(n / 3)
        first = 0 if mod == "early" else n - k if mod == "late" else (n - k) // 2
        return year_span(start.year + first, start.year + first + k - 1)
    n = (end - start).days + 1
    k = math.ceil(n / 3)
    first = 0 if mod == "early" else n - k if mod == "late" else (n - k) // 2
    a = start + dt.timedelta(days=first)
    return a, a + dt.timedelta(days=k - 1)


def leading_int(text: str | None) -> int:
    """The number a slot's text begins with ("21", "1er", "3."); 0 when it has none."""
    digits = re.match(r"\d+", text or "")
    return int(digits.group(0)) if digits else 0


def second_year(first: int, raw: str) -> int | None:
    """The second year of a range, completing "1923-4" and "1920-21"; None if not after the first."""
    n = len(raw)
    second = int(raw) if n == 4 else (first // 10**n) * 10**n + int(raw)
    return second if second > first else None


def granularity_of(ref: Ref) -> Granularity:
    """The unit a reference interval spans: a day, a month, a year, or (anything else) a season."""
    if ref.start == ref.end:
        return "day"
    code = interval_code(ref.start, ref.end)
    return "year" if re.fullmatch(r"\d{4}", code) else "month" if re.fullmatch(r"\d{4}-\d\d", code) else "unknown"


def day_value(day: dt.date, found: Match, lex: TimeLexicon, ref: Ref | None) -> Reading | None:
    """A day a match names, read against ``ref`` (None: written out): through to ``day2`` when it gives
    one ("May 4 and 5"), a part of it with ``part`` ("the night of 8 February 1904")."""
    if found.get("day2") is not None:
        return _day_range(day, leading_int(found.get("day2")), ref)
    part = found.get("part")
    if part is not None:
        clock = f"{day.isoformat()}T{lex.day_parts[norm(part)]}"
        return "TIME", time_value(
            day, day, granularity="day", value=clock, edtf=day.isoformat(), ref=ref, relative=ref is not None
        )
    return "DATE", time_value(
        day, day, granularity="day", value=day.isoformat(), edtf=day.isoformat(), ref=ref, relative=ref is not None
    )


def month_value(year: int, month: int, found: Match, lex: TimeLexicon, ref: Ref | None) -> Reading:
    """A month a match names, narrowed by its modifier ("early August"), read against ``ref`` (None: written out)."""
    start, end = month_span(year, month)
    code = f"{year:04d}-{month:02d}"
    edtf = code
    mod = found.get("mod")
    if mod is not None:
        start, end = narrow(start, end, "month", lex.modifiers[norm(mod)])
        edtf = interval_code(start, end)
    return "DATE", time_value(start, end, granularity="month", value=code, edtf=edtf, ref=ref, relative=ref is not None)


def _day_range(first: dt.date, last_day: int, ref: Ref | None) -> Reading | None:
    """ "May 4 and 5", "6-7 February", "April 13-15": the days from the first to the last, in one month."""
    try:
        last = first.replace(day=last_day)
    except ValueError:
        return None
    if last <= first:
        return None
    value = f"{first.isoformat()}/{last.isoformat()}"
    return "DATE", time_value(first, last, granularity="day", value=value, edtf=value, ref=ref, relative=ref is not None)


def quarter_of(ref: Ref) -> tuple[int, int] | None:
    """(year, quarter) when the reference is exactly one calendar quarter."""
    n = (ref.start.month - 1) // 3 + 1
    if ref.start == dt.date(ref.start.year, 3 * n - 2, 1) and ref.end == month_end(ref.start.year, 3 * n):
        return ref.start.year, n
    return None


def season_span(season: str, year: int) -> tuple[dt.date, dt.date]:
    """Meteorological seasons; a winter starts in the December of ``year``."""
    if season == "winter":
        return dt.date(year, 12, 1), month_end(year + 1, 2)
    first, last = SEASON_MONTHS[season]
    return dt.date(year, first, 1), month_end(year, last)


def clock_code(found: Match) -> str | None:
    """The TIMEX3 time of a match's hour, minute and a.m./p.m. ("T21:45"); None for an impossible hour."""
    get = found.get
    hour = int(get("hour") or 0) if get("hour") is not None else found.template.offset or 0
    minute = int(get("minute") or 0)
    ampm = (get("ampm") or "").casefold()
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}"


def ordinal_of(word: str, lex: TimeLexicon) -> int:
    """The number an ordinal word or numeral names ("third", "3rd"); 0 when it names none."""
    key = norm(word)
    if key in lex.ordinals:
        return lex.ordinals[key]
    digits = re.match(r"\d+", word)
    return int(digits.group(0)) if digits else 0


def count_of(word: str | None, lex: TimeLexicon) -> int | None:
    """The number a count word names ("three", "12"); 1 without one, None for a vague one ("several")."""
    if word is None:
        return 1
    if word.isdigit():
        return int(word)
    return lex.numbers.get(norm(word))


def shift(ref: Ref, unit: str, count: int, direction: str, *, whole: bool) -> tuple[dt.date, dt.date, Granularity]:
    """``count`` units after the reference's end (or before its start): the period, or the point.

    A point a unit finer than the reference ("a week later" than something of 1913, "two days later" than
    something of March) is that far from one of the reference's days, not from its last: the reference moved
    by the offset (1913-01-08..1914-01-07), as wide as it was."""
    sign = -1 if direction == "prev" else 1
    if not whole and finer_than_reference(ref, unit):
        if unit == "month":
            sy, sm = add_months(ref.start.year, ref.start.month, sign * count)
            ey, em = add_months(ref.end.year, ref.end.month, sign * count)
            return dt.date(sy, sm, 1), month_end(ey, em), granularity_of(ref)
        moved = dt.timedelta(days=sign * count * (7 if unit == "week" else 1))
        return ref.start + moved, ref.end + moved, granularity_of(ref)
    base = ref.start if sign < 0 else ref.end
    if unit in _CLOCK_UNIT_CODE:
        # "three hours later": still the reference's day, as far as days go.
        return base, base, "day"
    if unit in ("year", "decade", "century"):
        years = count * {"year": 1, "decade": 10, "century": 100}[unit]
        far = base.year + sign * years
        near = base.year + sign
        if not whole and unit == "decade":
            # "two decades earlier": a decade, not a year (TIMEX3 194X); so for centuries.
            return (*year_span(far // 10 * 10, far // 10 * 10 + 9), "decade")
        if not whole and unit == "century":
            return (*year_span(far // 100 * 100, far // 100 * 100 + 99), "century")
        if not whole:
            return (*year_span(far), "year")
        return (*year_span(min(near, far), max(near, far)), "year")
    if unit == "month":
        fy, fm = add_months(base.year, base.month, sign * count)
        ny, nm = add_months(base.year, base.month, sign)
        if not whole:
            return (*month_span(fy, fm), "month")
        a, b = sorted([(ny, nm), (fy, fm)])
        return dt.date(a[0], a[1], 1), month_end(*b), "month"
    days = count * (7 if unit == "week" else 1)
    far_day = base + dt.timedelta(days=sign * days)
    if not whole:
        return far_day, far_day, "day"
    near_day = base + dt.timedelta(days=sign)
    return min(near_day, far_day), max(near_day, far_day), "day"


def finer_than_reference(ref: Ref, unit: str) -> bool:
    """Whether an offset in ``unit`` is finer than the reference it counts from: days or weeks from more than
    a week, months from more than a month. (A day later than "27–28 September" is the 29th.)"""
    if unit in ("day", "week"):
        return (ref.end - ref.start).days >= 7
    if unit == "month":
        return (ref.start.year, ref.start.month) != (ref.end.year, ref.end.month)
    return False


def period_code(start: dt.date, granularity: Granularity) -> str | None:
    """The TIMEX3 value of a decade (194X) or a century (19XX) starting at ``start``; None for other units."""
    if granularity == "decade":
        return f"{start.year // 10:03d}X"
    if granularity == "century":
        return f"{start.year // 100:02d}XX"
    return None
