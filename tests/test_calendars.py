"""Tests for annales.calendars: holiday rules and the Julian calendar against the Gregorian."""

from __future__ import annotations

import datetime as dt

import pytest
from convertdate import julian

from annales.calendars import HOLIDAY_RULE, easter, holiday, julian_offset, julian_to_gregorian


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
