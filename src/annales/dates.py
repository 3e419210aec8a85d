"""Dates as people type them on a command line or in a query: YYYY, YYYY-MM or YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt


def first_day(value: str) -> dt.date:
    """The first day ``value`` names; ValueError with a message saying what to type when it names none."""
    parts = value.strip().split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1)
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD") from exc


def last_day(value: str) -> dt.date:
    """The last day ``value`` names (1815 → 1815-12-31, 1815-02 → 1815-02-28)."""
    start = first_day(value)
    parts = value.strip().split("-")
    if len(parts) == 1:
        return dt.date(start.year, 12, 31)
    if len(parts) == 2:
        following = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return start
