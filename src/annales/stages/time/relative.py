"""Kinds read against the narrative's reference time: "the following year", "three days later", "in May".

"following" counts from the reference's end, "previous" from its start;
"same" and bare months take the year the reference ends in. Without a
reference the value keeps X's ("XXXX-01") and no interval. Words that count
from the speaker's now ("next year", "last week": ``deictic`` templates)
are read against the document date when there is one.
"""

from __future__ import annotations

import datetime as dt

from annales.records import Granularity, TimexType
from annales.stages.time.clauses import direction_of, event_anchored, heading_between
from annales.stages.time.explicit import explicit_month, news_month
from annales.stages.time.kinds import RELATIVE_KINDS
from annales.stages.time.lexicon import TimeLexicon
from annales.stages.time.patterns import norm
from annales.stages.time.scan import Match
from annales.stages.time.values import (
    Normaliser,
    Reading,
    Ref,
    add_months,
    count_of,
    day_value,
    duration_code,
    finer_than_reference,
    granularity_of,
    interval_code,
    leading_int,
    month_end,
    month_value,
    period_code,
    quarter_of,
    shift,
    time_value,
    year_span,
)

#: A bare month in a narrative standing at a month or a day takes the next year when that puts it at most
#: this many months ahead ("December 16, 1944 … repulsed by January" is January 1945), not most of a year back.
NARRATIVE_WRAP_MONTHS = 2


def _same_time(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "At the same time, Lacoste proposed …": the time the narrative stands at.

    News uses the words as a connective ("at the same time, we …"), so only narratives read them.
    """
    if dct is not None or ref is None or ref.span is None or not ref.code:
        return None
    return "DATE", time_value(
        ref.start,
        ref.end,
        granularity=granularity_of(ref),
        value=ref.code,
        edtf=interval_code(ref.start, ref.end),
        ref=ref,
        relative=True,
    )


def _month_or_day(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """A month or a day of one named without its year: from a list ("April and June 1955"), news, or the narrative."""
    shared = _shared_year(found, lex)
    if shared is not None:
        return explicit_month(found, lex, shared)
    if dct is not None:
        return news_month(found, lex, dct)
    return _relative(found, lex, ref)


def _relative_kind(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """A relative kind, read against the document date when its words count from the speaker's now."""
    if found.template.deictic and dct is not None:
        ref = dct
    return _relative(found, lex, ref)


def _shared_year(found: Match, lex: TimeLexicon) -> int | None:
    """The year a month takes from the next one in a list: "April and June 1955", "Mai/Juni 1940"."""
    text = found.match.string
    tail = lex.month_list_tail.match(text, found.span().end)
    if tail is None or norm(tail.group(1)) not in lex.months:
        return None
    return int(tail.group(2))


def _relative(found: Match, lex: TimeLexicon, ref: Ref | None) -> Reading | None:
    """Resolve a relative expression against the reference time ``ref``."""
    kind = found.template.kind
    get = found.get
    direction = direction_of(found, lex) if kind not in ("month", "day_month") else "same"
    month = lex.months[norm(get("month") or "")] if get("month") else 0
    if kind in ("rel_day", "rel_week"):
        part = get("part")
        return day_or_week(kind, direction, ref, lex.day_parts[norm(part)] if part else found.template.part)
    if kind in ("duration_rel", "offset"):
        unit = lex.units[norm(get("unit") or "")]
        # Without a number slot, a bare plural: "the following days" is some days (PXD).
        count = count_of(get("number"), lex) if "number" in found.template.slots else None
        code = duration_code(count, unit)
        if kind == "offset" and event_anchored(found, lex):
            # "a week after receiving the command": the anchor is an event whose date the
            # text does not give here, so this is a length of time, not a date.
            return "DURATION", time_value(None, None, granularity="unknown", value=code, edtf="")
        if ref is None or count is None:
            if kind == "duration_rel":
                return "DURATION", time_value(None, None, granularity="unknown", value=code, edtf="", ref=ref, relative=True)
            if count is None:
                # "a few days later": some time after, no date to give (TIMEX3 FUTURE_REF / PAST_REF).
                return "DATE", time_value(
                    None,
                    None,
                    granularity="unknown",
                    value="FUTURE_REF" if direction == "next" else "PAST_REF",
                    edtf="",
                    ref=ref,
                    relative=True,
                )
            return "DATE", time_value(None, None, granularity="unknown", value="XXXX", edtf="XXXX", ref=ref, relative=True)
        if kind == "offset" and direction == "prev":
            compared = quarter_back(ref, unit, count)
            if compared is not None:
                return compared
        start, end, granularity = shift(ref, unit, count, direction, whole=kind == "duration_rel")
        if kind == "duration_rel":
            return "DURATION", time_value(
                start, end, granularity=granularity, value=code, edtf=interval_code(start, end), ref=ref, relative=True
            )
        code = interval_code(start, end)
        value = period_code(start, granularity) or code
        if finer_than_reference(ref, unit) and ref.code:
            value = ref.code  # (TIMEX3 has no value for a moved interval: the reference's is the nearest, "1913")
        return "DATE", time_value(start, end, granularity=granularity, value=value, edtf=code, ref=ref, relative=True)
    if ref is None:
        value = {
            "rel_year": "XXXX",
            "rel_month": "XXXX-XX",
            "month": f"XXXX-{month:02d}",
            "rel_month_name": f"XXXX-{month:02d}",
            "month_rel_year": f"XXXX-{month:02d}",
            "day_month": f"XXXX-{month:02d}-{leading_int(get('day')):02d}",
        }[kind]
        gran: Granularity = "year" if kind == "rel_year" else "day" if kind == "day_month" else "month"
        return "DATE", time_value(None, None, granularity=gran, value=value, edtf=value, relative=True)
    year = {"next": ref.end.year + 1, "prev": ref.start.year - 1}.get(direction, ref.end.year)
    if kind == "rel_year":
        start, end = year_span(year)
        return "DATE", time_value(start, end, granularity="year", value=f"{year:04d}", edtf=f"{year:04d}", ref=ref, relative=True)
    if kind == "rel_month":
        if direction == "next":
            y, m = add_months(ref.end.year, ref.end.month, 1)
        elif direction == "prev":
            y, m = add_months(ref.start.year, ref.start.month, -1)
        else:
            y, m = ref.end.year, ref.end.month
    elif kind == "rel_month_name":
        if direction == "prev":
            y, m = (ref.start.year if month < ref.start.month else ref.start.year - 1), month
        else:
            y, m = (ref.end.year if month > ref.end.month else ref.end.year + 1), month
    elif kind == "day_month":
        return day_value(dt.date(_narrative_year(ref, month, found), month, leading_int(get("day"))), found, lex, ref)
    elif kind == "month":
        y, m = _narrative_year(ref, month, found), month
    else:  # month_rel_year
        y, m = year, month
    return month_value(y, m, found, lex, ref)


def _narrative_year(ref: Ref, month: int, found: Match) -> int:
    """The year of a bare month in a narrative: the reference's, or the next one when the narrative stands at
    a month or a day and the month falls at most ``NARRATIVE_WRAP_MONTHS`` after it (narratives move on); not
    across a heading, where a section goes back to tell its year again from the start ("… am 26. Dezember …
    Westlicher Kriegsschauplatz … im Januar": the January of the same year)."""
    at_month = (ref.start.year, ref.start.month) == (ref.end.year, ref.end.month)
    wraps = at_month and month < ref.end.month and month + 12 - ref.end.month <= NARRATIVE_WRAP_MONTHS
    if wraps and (ref.span is None or not heading_between(found.match.string, ref.span.end, found.match.start())):
        return ref.end.year + 1
    return ref.end.year


def day_or_week(kind: str, direction: str, ref: Ref | None, part: str | None = None) -> Reading:
    """ "The next day", "that night", "la veille", "last week": a day needs a reference of one day; a week, any."""
    step = {"next": 1, "prev": -1}.get(direction, 0)
    if kind == "rel_day":
        kind_out: TimexType = "TIME" if part else "DATE"
        suffix = f"T{part}" if part else ""
        if ref is None or ref.start != ref.end:
            return kind_out, time_value(
                None, None, granularity="day", value="XXXX-XX-XX" + suffix, edtf="XXXX-XX-XX", ref=ref, relative=True
            )
        day = ref.end + dt.timedelta(days=step)
        return kind_out, time_value(
            day, day, granularity="day", value=day.isoformat() + suffix, edtf=day.isoformat(), ref=ref, relative=True
        )
    if ref is None:
        return "DATE", time_value(None, None, granularity="week", value="XXXX-WXX", edtf="XXXX-XX-XX/XXXX-XX-XX", relative=True)
    base = ref.start if step < 0 else ref.end
    monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=step)
    sunday = monday + dt.timedelta(days=6)
    year, week, _ = monday.isocalendar()
    return "DATE", time_value(
        monday,
        sunday,
        granularity="week",
        value=f"{year:04d}-W{week:02d}",
        edtf=interval_code(monday, sunday),
        ref=ref,
        relative=True,
    )


def quarter_back(ref: Ref | None, unit: str, count: int) -> Reading | None:
    """ "A year earlier" while the narrative speaks of a quarter: the same quarter that many years before.

    "Profit rose in the third quarter from a year earlier" compares 1989-Q3
    with 1988-Q3, not with the whole of 1988.
    """
    if ref is None or ref.span is None or unit != "year" or ref.bc is not None:
        return None
    quarter = quarter_of(ref)
    if quarter is None:
        return None
    year, n = quarter[0] - count, quarter[1]
    start, end = dt.date(year, 3 * n - 2, 1), month_end(year, 3 * n)
    return "DATE", time_value(
        start, end, granularity="quarter", value=f"{year:04d}-Q{n}", edtf=interval_code(start, end), ref=ref, relative=True
    )


RELATIVE: dict[str, Normaliser] = {
    **dict.fromkeys(RELATIVE_KINDS - {"month", "day_month"}, _relative_kind),
    "month": _month_or_day,
    "day_month": _month_or_day,
    "same_time": _same_time,
}
