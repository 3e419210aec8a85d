"""Tests for annales.calendars: holiday rules, the Julian and the French Republican calendars against the Gregorian."""

from __future__ import annotations

import datetime as dt

import pytest
from convertdate import french_republican, julian

from annales.calendars import HOLIDAY_RULE, easter, holiday, julian_offset, julian_to_gregorian, republican_to_gregorian


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


DAYS = _days(dt.date(1000, 1, 1), dt.date(2100, 12, 31))


def _old_julian_offset(day: dt.date) -> int:
    """The offset as reconcile computed it before annales.calendars (kept to prove the move changed nothing)."""
    century = day.year // 100
    offset = century - century // 4 - 2
    if day.year % 100 == 0 and day.year % 400 != 0 and day < dt.date(day.year, 3, 1):
        offset -= 1
    return offset


def test_calendars_julian_offset_equals_the_old_one_from_1000_to_2100() -> None:
    assert [julian_offset(day) for day in DAYS] == [_old_julian_offset(day) for day in DAYS]


@pytest.mark.slow
def test_calendars_julian_to_gregorian_equals_convertdate_from_1000_to_2100() -> None:
    # convertdate was what the time stage used before annales.calendars.
    assert [julian_to_gregorian(day) for day in DAYS] == [dt.date(*julian.to_gregorian(d.year, d.month, d.day)) for d in DAYS]


@pytest.mark.parametrize(
    ("julian_day", "gregorian_day"),
    [
        (dt.date(1917, 10, 25), dt.date(1917, 11, 7)),  # the October Revolution
        (dt.date(1812, 8, 26), dt.date(1812, 9, 7)),  # Borodino
        (dt.date(1582, 10, 4), dt.date(1582, 10, 14)),  # the last Julian day in Rome
        (dt.date(1700, 2, 28), dt.date(1700, 3, 10)),
        (dt.date(1700, 3, 1), dt.date(1700, 3, 12)),
    ],
)
def test_calendars_julian_to_gregorian_known_days(julian_day: dt.date, gregorian_day: dt.date) -> None:
    assert julian_to_gregorian(julian_day) == gregorian_day


def test_calendars_julian_to_gregorian_outside_the_years_python_holds() -> None:
    with pytest.raises(ValueError):
        julian_to_gregorian(dt.date(9999, 12, 31))


@pytest.mark.parametrize(
    ("year", "day"),
    [(1818, dt.date(1818, 3, 22)), (1943, dt.date(1943, 4, 25)), (2000, dt.date(2000, 4, 23)), (2024, dt.date(2024, 3, 31))],
)
def test_calendars_easter(year: int, day: dt.date) -> None:
    assert easter(year) == day


@pytest.mark.parametrize(
    ("rule", "year", "day"),
    [
        ("12-25", 1914, dt.date(1914, 12, 25)),
        ("easter", 2024, dt.date(2024, 3, 31)),
        ("easter-2", 2024, dt.date(2024, 3, 29)),
        ("easter+49", 2024, dt.date(2024, 5, 19)),
        ("thanksgiving-us", 2023, dt.date(2023, 11, 23)),
    ],
)
def test_calendars_holiday_rules(rule: str, year: int, day: dt.date) -> None:
    assert HOLIDAY_RULE.fullmatch(rule)
    assert holiday(rule, year) == day


def test_calendars_holiday_that_does_not_exist() -> None:
    with pytest.raises(ValueError):
        holiday("02-29", 1900)


def test_calendars_republican_days_equal_convertdate_for_years_i_to_xiv() -> None:
    days = [
        (year, month, day)
        for year in range(1, 15)
        for month in range(1, 14)
        for day in range(1, 31 if month <= 12 else 7)
        if (year, month) != (14, 13) and not (year == 14 and (month, day) > (4, 10))
    ]
    ours, theirs = [], []
    for year, month, day in days:
        try:
            ours.append(republican_to_gregorian(year, month, day))
        except ValueError:
            continue  # (the sixth complementary day of a year that had five)
        theirs.append(dt.date(*french_republican.to_gregorian(year, month, day)))
    assert len(ours) == 14 * 365 + 3 - (365 - 100) and ours == theirs
    assert republican_to_gregorian(8, 2, 18) == dt.date(1799, 11, 9)  # 18 brumaire an VIII
    assert republican_to_gregorian(2, 11, 9) == dt.date(1794, 7, 27)  # 9 thermidor an II


@pytest.mark.parametrize(("year", "month", "day"), [(0, 1, 1), (15, 1, 1), (14, 4, 11), (3, 1, 31), (4, 13, 6)])
def test_calendars_republican_day_the_calendar_did_not_have(year: int, month: int, day: int) -> None:
    with pytest.raises(ValueError, match="Republican calendar"):
        republican_to_gregorian(year, month, day)
