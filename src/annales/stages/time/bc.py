"""Years before the common era: "490 BC", "the 470s BC", and relative dates in a narrative set before it.

TIMEX3 writes them BC0490; EDTF counts a year 0, so 490 BC is -0489. No
Gregorian day exists for them in Python's calendar, so their intervals stay
open (start and end None).
"""

from __future__ import annotations

from annales.stages.time.clauses import direction_of, event_anchored
from annales.stages.time.lexicon import TimeLexicon
from annales.stages.time.patterns import norm
from annales.stages.time.scan import Match
from annales.stages.time.values import SEASON_CODE, Reading, Ref, count_of, leading_int, time_value


def bc_year(found: Match, lex: TimeLexicon, year: int) -> Reading | None:
    """ "490 BC", "April 480 BC", "the autumn of 481 BC": TIMEX3 BC0490, BC0480-04, BC0481-FA.

    EDTF counts a year 0, so 490 BC is -0489. No Gregorian day exists for
    these in Python's calendar, so the interval stays open.
    """
    if not 1 <= year <= 9999:
        return None
    value, edtf, granularity = f"BC{year:04d}", f"-{year - 1:04d}", "year"
    second = found.get("bcyear2")
    if second is not None:
        last = int(second)
        if len(second) < len(str(year)):
            last = year // 10 ** len(second) * 10 ** len(second) + last  # "499-93 BC"
        if not 1 <= last < year:
            return None
        # TIMEX3 has no range value: two years, as timex3() renders it.
        return "DATE", time_value(
            None, None, granularity="year", value=f"BC{year:04d}/BC{last:04d}", edtf=f"-{year - 1:04d}/-{last - 1:04d}"
        )
    month, season = found.get("month"), found.get("season")
    if month is not None:
        number = lex.months[norm(month)]
        value, edtf, granularity = f"{value}-{number:02d}", f"{edtf}-{number:02d}", "month"
    elif season is not None:
        code = SEASON_CODE[lex.seasons[norm(season)]]
        value, granularity = f"{value}-{code}", "season"
        edtf = f"{edtf}-{ {'SP': 21, 'SU': 22, 'FA': 23, 'WI': 24}[code] }"
    return "DATE", time_value(None, None, granularity=granularity, value=value, edtf=edtf)  # type: ignore[arg-type]


def bc_decade(found: Match) -> Reading:
    """ "the 470s BC": the ten years 479-470 BC, TIMEX3 BC047 (EDTF counts a year 0: -0478/-0469)."""
    first = int(found.get("bcdecade") or 0)
    return "DATE", time_value(
        None, None, granularity="decade", value=f"BC{first // 10:03d}", edtf=f"-{first + 8:04d}/-{first - 1:04d}"
    )


def bc_relative(found: Match, lex: TimeLexicon, ref: Ref) -> Reading | None:
    """A relative date in a narrative before the common era, counted from the year BC it stands in."""
    kind = found.template.kind
    get = found.get
    year = ref.bc or 0
    if kind == "bc_year":
        digits = get("bcyear") or ""
        if get("bc") is None and len(digits) > 3:
            return None  # "1944" in such a narrative is still a year of the common era
        return bc_year(found, lex, int(digits or 0))
    if kind == "bc_decade":
        return bc_decade(found)
    if kind == "rel_year":
        direction = direction_of(found, lex)
        year += {"next": -1, "prev": 1}.get(direction, 0)
        value, granularity = f"BC{year:04d}", "year"
    elif kind == "offset":
        unit = lex.units.get(norm(get("unit") or ""))
        count = count_of(get("number"), lex)
        if unit not in ("year", "decade", "century") or count is None or event_anchored(found, lex):
            return None
        years = count * {"year": 1, "decade": 10, "century": 100}[unit]
        year += -years if direction_of(found, lex) == "next" else years
        value, granularity = f"BC{year:04d}", "year"
    elif kind in ("month", "day_month"):
        month = lex.months[norm(get("month") or "")]
        value, granularity = f"BC{year:04d}-{month:02d}", "month"
        if kind == "day_month":
            value, granularity = f"{value}-{leading_int(get('day')):02d}", "day"
    elif kind == "season_rel":
        value, granularity = f"BC{year:04d}-{SEASON_CODE[lex.seasons[norm(get('season') or '')]]}", "season"
    elif kind == "rel_day":
        value, granularity = f"BC{year:04d}-XX-XX", "day"
    else:
        return None
    if year < 1:
        return None
    return "DATE", time_value(None, None, granularity=granularity, value=value, edtf="", ref=ref, relative=True)  # type: ignore[arg-type]
