"""Kinds read from the speech time (the document date) or the narrative: days, weekdays, quarters, clock times.

One function per kind, dispatched from :data:`DEICTIC`. Deictic words
("yesterday", "this summer", "Tuesday") count from the document date of news;
in a narrative they count from the reference time when it is one day, and
otherwise keep X's in their value.
"""

from __future__ import annotations

import datetime as dt
import re

from annales.calendars import holiday
from annales.stages.time.bc import bc_decade, bc_year
from annales.stages.time.clauses import direction_of, in_future, in_past, is_directed, speech_day
from annales.stages.time.explicit import NEWS_SLACK_MONTHS
from annales.stages.time.lexicon import TimeLexicon
from annales.stages.time.patterns import norm
from annales.stages.time.relative import day_or_week, quarter_back
from annales.stages.time.scan import STARTS, Match, first_at
from annales.stages.time.values import (
    SEASON_CODE,
    Normaliser,
    Reading,
    Ref,
    clock_code,
    count_of,
    interval_code,
    month_end,
    narrow,
    ordinal_of,
    quarter_of,
    season_span,
    shift,
    time_value,
)

#: A bare weekday in news that names one of the next this-many days is read ahead ("Albright heads Tuesday to
#: Africa" on a Monday), not six days back; further ahead it needs the future tense.
WEEKDAY_AHEAD = 1
#: "The quarter" in news is the last one reported: the one this many days before the document date.
REPORTED_QUARTER_DAYS = 45
#: A clock time takes the day written at most this many words after it ("at 5:34 a.m. Baghdad time on March 20").
CLOCK_DAY_WORDS = 4


def _ref_word(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "now", "recently": TIMEX3 PRESENT_REF, PAST_REF, FUTURE_REF."""
    code = lex.ref_words[norm(found.get("refword") or "")]
    return "DATE", time_value(None, None, granularity="unknown", value=code, edtf="", relative=True)


def _bc_year_kind(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "490 BC", "April 480 BC" (see :mod:`~annales.stages.time.bc`)."""
    return bc_year(found, lex, int(found.get("bcyear") or 0))


def _bc_decade_kind(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "the 470s BC" (see :mod:`~annales.stages.time.bc`)."""
    return bc_decade(found)


def _quarter(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "the third quarter", "the first half of 1998": of the year written, else of the news or narrative's year."""
    kind = found.template.kind
    get = found.get
    # The part is an ordinal, or fixed by the pattern ("the latter half": offset 2).
    n = ordinal_of(get("ordinal") or "", lex) if get("ordinal") is not None else found.template.offset or 0
    parts = 4 if kind == "quarter" else 2
    if not 1 <= n <= parts:
        return None
    letter = "Q" if kind == "quarter" else "H"
    explicit = get("year") is not None
    base: Ref | None = None if explicit else dct or ref
    if not explicit and base is None:
        return "DATE", time_value(None, None, granularity="quarter", value=f"XXXX-{letter}{n}", edtf="", relative=True)
    year = int(get("year") or 0) if explicit else base.end.year  # type: ignore[union-attr]
    if not explicit and is_directed(found):
        # "next year's first quarter", "this year's third quarter"
        year += {"next": 1, "prev": -1}.get(direction_of(found, lex), 0)
    months = 12 // parts
    start, end = dt.date(year, (n - 1) * months + 1, 1), month_end(year, n * months)
    if (
        not explicit
        and not is_directed(found)
        and base is dct
        and dct is not None
        and start > dct.end
        and not in_future(found, lex)
    ):
        # News reports quarters past: "the fourth quarter" in a story of February 1998 is 1997's.
        year -= 1
        start, end = dt.date(year, (n - 1) * months + 1, 1), month_end(year, n * months)
    return "DATE", time_value(
        start,
        end,
        granularity="quarter",
        value=f"{year:04d}-{letter}{n}",
        edtf=interval_code(start, end),
        ref=base,
        relative=not explicit,
    )


def _holiday(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "Christmas", "Easter 1916": of the year written, else of the news or the narrative's year."""
    get = found.get
    rule = lex.holidays[norm(get("holiday") or "")]
    explicit = get("year") is not None
    if not explicit and dct is not None:
        # In news, the last one before the document date unless the clause looks ahead (and the next then).
        # Past unless ahead, as for a month named alone (see news_month), with the same slack.
        year = dct.end.year
        ahead = in_future(found, lex)
        try:
            when = holiday(rule, year)
            months = (when.year - dct.end.year) * 12 + when.month - dct.end.month
            if not ahead and months > NEWS_SLACK_MONTHS:
                when = holiday(rule, year - 1)
            elif ahead and months < -NEWS_SLACK_MONTHS:
                when = holiday(rule, year + 1)
        except ValueError:
            return None
        return "DATE", time_value(
            when, when, granularity="day", value=when.isoformat(), edtf=when.isoformat(), ref=dct, relative=True
        )
    base = None if explicit else ref or dct
    if not explicit and base is None:
        return "DATE", time_value(
            None, None, granularity="day", value=f"XXXX-{rule if rule[0].isdigit() else 'XX-XX'}", edtf="", relative=True
        )
    year = int(get("year") or 0) if explicit else base.end.year  # type: ignore[union-attr]
    try:
        when = holiday(rule, year)
    except ValueError:
        return None
    return "DATE", time_value(
        when, when, granularity="day", value=when.isoformat(), edtf=when.isoformat(), ref=base, relative=not explicit
    )


def _quarter_rel(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "the quarter", "the year-earlier quarter": the quarter the narrative speaks of, else the last one
    reported before the document date; "year-earlier" moves it a year back."""
    if found.template.direction == "same" and dct is not None:
        # "the current quarter": the one the document date falls in.
        year, n, base = dct.end.year, (dct.end.month - 1) // 3 + 1, dct
    elif ref is not None and ref.span is not None and (quarter := quarter_of(ref)) is not None:
        (year, n), base = quarter, ref
    elif dct is not None:
        reported = dct.end - dt.timedelta(days=REPORTED_QUARTER_DAYS)
        year, n, base = reported.year, (reported.month - 1) // 3 + 1, dct
    else:
        return "DATE", time_value(None, None, granularity="quarter", value="XXXX-QX", edtf="", relative=True)
    year -= found.template.direction == "prev"
    start, end = dt.date(year, 3 * n - 2, 1), month_end(year, 3 * n)
    return "DATE", time_value(
        start, end, granularity="quarter", value=f"{year:04d}-Q{n}", edtf=interval_code(start, end), ref=base, relative=True
    )


def _ago(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "three years ago": counted back from the document date, else from the narrative."""
    get = found.get
    base = dct or ref
    unit = lex.units[norm(get("unit") or "")]
    count = count_of(get("number"), lex)
    if count is None:
        return "DATE", time_value(
            None, None, granularity="unknown", value="PAST_REF", edtf="", ref=base, relative=True
        )  # "several years ago"
    if base is None:
        return "DATE", time_value(None, None, granularity="unknown", value="XXXX", edtf="XXXX", ref=base, relative=True)
    compared = quarter_back(ref, unit, count)
    if compared is not None:
        return compared
    if unit == "week":
        then = base.start - dt.timedelta(weeks=count)
        return day_or_week("rel_week", "same", Ref(then, then, base.span))
    # "a decade ago" in news is the year that far back (TempEval-3 reads it so), unlike a narrative's offset.
    years = {"decade": 10, "century": 100}.get(unit)
    start, end, granularity = shift(base, "year" if years else unit, count * (years or 1), "prev", whole=False)
    code = interval_code(start, end)
    return "DATE", time_value(start, end, granularity=granularity, value=code, edtf=code, ref=base, relative=True)


def _season_rel(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "this summer", "last fall" count from the document date; "the winter" from the narrative."""
    get = found.get
    base = (dct or ref) if found.template.deictic else (ref or dct)
    season = lex.seasons[norm(get("season") or "")]
    shared = _shared_season_year(found, lex)
    if shared is not None:
        # "the spring and early summer of 1943": the year of the next season in the list.
        base = Ref(dt.date(shared, 6, 30), dt.date(shared, 6, 30), None)
    elif base is None or (dct is not None and found.template.generic_in_news):
        return "DATE", time_value(None, None, granularity="season", value=f"XXXX-{SEASON_CODE[season]}", edtf="", relative=True)
    year = base.end.year
    # The winter a narrative in January or February stands in began the year before.
    year -= season == "winter" and base.end.month <= 2
    start, end = season_span(season, year)
    if (get("last") is not None or found.template.direction == "prev") and end >= base.end:
        # "last fall": the last one over before the reference.
        year -= 1
        start, end = season_span(season, year)
    elif found.template.direction == "next" and start <= base.end:
        # "next summer", said in September 2007: the first one to begin after the reference.
        year += 1
        start, end = season_span(season, year)
    value, edtf = f"{year:04d}-{SEASON_CODE[season]}", interval_code(start, end)
    if get("mod") is not None:
        start, end = narrow(start, end, "season", lex.modifiers[norm(get("mod") or "")])
        edtf = interval_code(start, end)
    return "DATE", time_value(start, end, granularity="season", value=value, edtf=edtf, ref=base, relative=True)


def _part(found: Match, lex: TimeLexicon) -> str | None:
    """The TIMEX3 part of the day a match names (MO, AF, EV, NI), by its word or its template."""
    word = found.get("part")
    return lex.day_parts[norm(word)] if word else found.template.part


def _weekend(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "over the weekend": the last one begun by the document's day; "next weekend" the one after."""
    day = speech_day(ref, dct)
    anchor = dct if dct is not None else ref
    if day is None:
        return "DATE", time_value(None, None, granularity="week", value="XXXX-WXX-WE", edtf="", relative=True)
    saturday = day - dt.timedelta(days=(day.weekday() - 5) % 7)
    ahead = direction_of(found, lex) == "next" if is_directed(found) else in_future(found, lex)
    if ahead and saturday < day:
        saturday += dt.timedelta(days=7)
    elif is_directed(found) and direction_of(found, lex) == "prev" and saturday >= day - dt.timedelta(days=1):
        saturday -= dt.timedelta(days=7)
    sunday = saturday + dt.timedelta(days=1)
    year, week, _ = saturday.isocalendar()
    return "DATE", time_value(
        saturday,
        sunday,
        granularity="week",
        value=f"{year:04d}-W{week:02d}-WE",
        edtf=interval_code(saturday, sunday),
        ref=anchor,
        relative=True,
    )


def _part_of_day(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "at night", "by day": a time of day in general, on no day in particular."""
    part = _part(found, lex)
    suffix = f"T{part}" if part else ""
    return "TIME", time_value(None, None, granularity="unknown", value=f"XXXX-XX-XX{suffix}", edtf="", relative=True)


def _clock_time(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "à 21 h 45", "10 p.m. Wednesday": a time of the day written after it, else of the narrative's or the document's."""
    get = found.get
    day = speech_day(ref, dct)
    anchor = dct if dct is not None else ref
    # A clock time belongs to the day the narrative is at ("Le 18 mai … à 21 h 45"), else the document's.
    if ref is not None and ref.start == ref.end:
        day, anchor = ref.end, ref
    clock = clock_code(found)
    if clock is None:
        return None
    written = _day_after(found, lex, ref, dct)
    if written is not None:
        day, anchor = written
    elif get("dayword") is not None and dct is not None:
        # "vers 15 h 30, hier": that day of the document's.
        day, anchor = dct.end + dt.timedelta(days=lex.day_words[norm(get("dayword") or "")]), dct
    elif get("weekday") is not None:
        # "10 p.m. Wednesday": that weekday seen from the document date.
        day, anchor = (dct.end, dct) if dct is not None else (day, anchor)
        if day is not None:
            day = _weekday_date(found, lex, day, lex.weekdays[norm(get("weekday") or "")], news=dct is not None)
    if day is None:
        return "TIME", time_value(None, None, granularity="day", value=f"XXXX-XX-XX{clock}", edtf="", relative=True)
    return "TIME", time_value(
        day, day, granularity="day", value=day.isoformat() + clock, edtf=day.isoformat(), ref=anchor, relative=True
    )


def _deictic_day(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "yesterday", "tonight", "hier à 10 h": a day counted from the document date."""
    get = found.get
    part = _part(found, lex)
    suffix = f"T{part}" if part else ""
    word = get("dayword")
    offset = lex.day_words[norm(word)] if word else found.template.offset or 0
    if get("hour") is not None:
        # "hier à 10 h", "yesterday at 3 p.m.": that day at that time.
        clock = clock_code(found)
        if clock is None:
            return None
        suffix, part = clock, "clock"
    if dct is None:
        # A narrative's "today" is the writer's present; other days need the speech time to count from.
        if offset == 0 and not part:
            return "DATE", time_value(None, None, granularity="unknown", value="PRESENT_REF", edtf="", relative=True)
        return ("TIME" if part else "DATE"), time_value(
            None, None, granularity="day", value="XXXX-XX-XX" + suffix, edtf="", relative=True
        )
    target = dct.end + dt.timedelta(days=offset)
    return ("TIME" if part else "DATE"), time_value(
        target, target, granularity="day", value=target.isoformat() + suffix, edtf=target.isoformat(), ref=dct, relative=True
    )


def _weekday(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> Reading | None:
    """ "Tuesday", "last Friday": seen from the document date (or the narrative's day); "the previous Friday",
    "the following Monday" (a template that is not ``deictic``, with a direction word) from the narrative's day."""
    day = speech_day(ref, dct)
    anchor = dct if dct is not None else ref
    anaphoric = not found.template.deictic and (found.get("next") is not None or found.get("prev") is not None)
    if anaphoric and ref is not None and ref.span is not None and ref.start == ref.end:
        day, anchor = ref.end, ref
    part = _part(found, lex)
    suffix = f"T{part}" if part else ""
    weekday = lex.weekdays[norm(found.get("weekday") or "")]
    if day is None:
        return "DATE", time_value(None, None, granularity="day", value=f"XXXX-WXX-{weekday + 1}{suffix}", edtf="", relative=True)
    target = _weekday_date(found, lex, day, weekday, news=dct is not None)
    return ("TIME" if part else "DATE"), time_value(
        target, target, granularity="day", value=target.isoformat() + suffix, edtf=target.isoformat(), ref=anchor, relative=True
    )


def _weekday_date(found: Match, lex: TimeLexicon, day: dt.date, weekday: int, *, news: bool) -> dt.date:
    """The day a weekday names, seen from ``day`` (Monday is 0), in news from the paper's date.

    Without a direction word the tense decides: ahead in the future (not in a past perfect: "it had been due to
    expire Friday"), else back or the day itself; in news the day after the paper's is ahead too, unless the
    clause is in a past tense ("Sununu was told Wednesday", the Wednesday before a Tuesday paper).
    """
    if is_directed(found):
        direction = direction_of(found, lex)
    else:
        planned = in_future(found, lex) and not (news and in_past(found, lex, perfect=True))
        direction = "next" if planned else "same-or-prev"
    if direction == "same-or-prev" and 0 < (weekday - day.weekday()) % 7 <= WEEKDAY_AHEAD and not (news and in_past(found, lex)):
        direction = "next"
    if direction == "next":
        delta = (weekday - day.weekday()) % 7 or (7 if found.get("next") is not None else 0)
        return day + dt.timedelta(days=delta)
    delta = (day.weekday() - weekday) % 7 or (7 if direction == "prev" else 0)
    return day - dt.timedelta(days=delta)


def _day_after(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None) -> tuple[dt.date, Ref | None] | None:
    """The day written just after a clock time in its sentence, and the reference it was read against."""
    text = found.match.string
    end = found.span().end
    tail = text[end : end + 60]
    stop = re.search(r"[.;!?\n]", tail)
    limit = end + (stop.start() if stop else len(tail))

    # The day is read as any date is, by the normaliser; it dispatches to this module's table, so it is
    # imported when first needed rather than at the top (which would be circular).
    from annales.stages.time.normalise import normalise

    def judge(candidate: Match) -> Reading | None:
        if candidate.template.kind not in ("date", "day_month"):
            return None
        return normalise(candidate, lex, ref, dct)

    for n, start in enumerate(STARTS.finditer(text, end, limit)):
        if n >= CLOCK_DAY_WORDS:
            break
        first = first_at(text, start.start(), lex, judge)
        if first is not None:
            value = first[1][1]
            if value.start is not None and value.start == value.end:
                return value.start, ref if value.basis != "explicit" else None
            return None
    return None


def _shared_season_year(found: Match, lex: TimeLexicon) -> int | None:
    """The year a season takes from the next one in a list: "the spring and early summer of 1943"."""
    tail = lex.season_list_tail.match(found.match.string, found.span().end)
    if tail is None or norm(tail.group(1)) not in lex.seasons:
        return None
    return int(tail.group(2))


DEICTIC: dict[str, Normaliser] = {
    "ref_word": _ref_word,
    "bc_year": _bc_year_kind,
    "bc_decade": _bc_decade_kind,
    "quarter": _quarter,
    "half": _quarter,
    "holiday": _holiday,
    "quarter_rel": _quarter_rel,
    "ago": _ago,
    "season_rel": _season_rel,
    "weekend": _weekend,
    "part_of_day": _part_of_day,
    "clock": _clock_time,
    "deictic_day": _deictic_day,
    "weekday": _weekday,
}
