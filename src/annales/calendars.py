"""Calendar rules below the stages: feast days by rule, the Julian calendar against the Gregorian, and the
French Republican calendar (years I to XIV, 1792-1805).

Holiday rules are the strings the language files give for a named day:
``MM-DD`` (a fixed day), ``easter``, ``easter+N`` / ``easter-N`` (days from
Gregorian Easter Sunday) and ``thanksgiving-us`` (the fourth Thursday of
November). Julian dates are held in :class:`datetime.date` as the day labels
written (a Julian 29 February of a century year not divisible by 400 cannot
be held, and is never produced).
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["HOLIDAY_RULE", "easter", "holiday", "julian_offset", "julian_to_gregorian", "republican_to_gregorian"]

#: The holiday rules :func:`holiday` understands.
HOLIDAY_RULE = re.compile(r"(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|easter(?:[+-]\d{1,2})?|thanksgiving-us")


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday of ``year`` (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday(rule: str, year: int) -> dt.date:
    """The day of a holiday ``rule`` (see :data:`HOLIDAY_RULE`) in ``year``; ValueError for a day that does not exist."""
    if rule == "thanksgiving-us":
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)  # the fourth Thursday
    if rule.startswith("easter"):
        offset = int(rule[6:]) if len(rule) > 6 else 0
        return easter(year) + dt.timedelta(days=offset)
    return dt.date(year, int(rule[:2]), int(rule[3:]))


def julian_offset(day: dt.date) -> int:
    """Days the Gregorian calendar is ahead of the Julian on ``day`` (a Julian day label)."""
    century = day.year // 100
    offset = century - century // 4 - 2
    # A century year not divisible by 400 has a Julian 29 February but no Gregorian one: the gap grows after it.
    if day.year % 100 == 0 and day.year % 400 != 0 and day < dt.date(day.year, 3, 1):
        offset -= 1
    return offset


def julian_to_gregorian(day: dt.date) -> dt.date:
    """The Gregorian date of the Julian day labelled ``day``; ValueError when it falls outside years 1-9999."""
    try:
        return day + dt.timedelta(days=julian_offset(day))
    except OverflowError as exc:
        raise ValueError(f"{day} (Julian) has no Gregorian date between years 1 and 9999") from exc


#: The Gregorian first day (1 vendémiaire) of each year of the French Republican calendar in use, I to XIV:
#: the day of the autumn equinox at Paris, as the calendar's decree of 1793 fixed it.
_REPUBLICAN_NEW_YEAR = {
    1: dt.date(1792, 9, 22),
    2: dt.date(1793, 9, 22),
    3: dt.date(1794, 9, 22),
    4: dt.date(1795, 9, 23),
    5: dt.date(1796, 9, 22),
    6: dt.date(1797, 9, 22),
    7: dt.date(1798, 9, 22),
    8: dt.date(1799, 9, 23),
    9: dt.date(1800, 9, 23),
    10: dt.date(1801, 9, 23),
    11: dt.date(1802, 9, 23),
    12: dt.date(1803, 9, 24),
    13: dt.date(1804, 9, 23),
    14: dt.date(1805, 9, 23),
}


def republican_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of day ``day`` of month ``month`` (1 vendémiaire … 12 fructidor; 13 the
    complementary days) of year ``year`` of the French Republican calendar ("18 brumaire an VIII": 9 November
    1799); ValueError for a year the calendar was not used in or a day it does not have. The calendar ended
    on 10 nivôse an XIV (31 December 1805)."""
    first = _REPUBLICAN_NEW_YEAR.get(year)
    if first is None or not 1 <= month <= 13 or not 1 <= day <= (30 if month <= 12 else 6):
        raise ValueError(f"no day {day} of month {month} in year {year} of the Republican calendar")
    found = first + dt.timedelta(days=(month - 1) * 30 + day - 1)
    following = _REPUBLICAN_NEW_YEAR.get(year + 1, dt.date(1806, 1, 1))
    if found >= following:
        raise ValueError(f"no day {day} of month {month} in year {year} of the Republican calendar")
    return found
