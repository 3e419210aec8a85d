"""Group claims into events across sources and report contradictions.

Claims join an event when they have the same type, share a participant (by
entity, or by a name one of whose forms contains the other) and their times are
compatible: a vaguer interval containing a precise one agrees with it. Claims
are placed most precise first, so a vague "1815" cannot bridge March and June.

Two explicit claims from different sources whose intervals are disjoint are
kept in one event and reported as a conflict when the event can happen only
once to its participants (death, a *first* stroke) or when the dates are so
close that they are more likely one happening told two ways than two
happenings. A gap of exactly the Julian–Gregorian offset of the period is
reported as a probable calendar difference. A time inherited from the
narrative never contradicts an explicit one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from annales.records import Claim, Conflict, Event, TimeValue
from annales.stages.claims import event_types
from annales.stages.resolve import compatible

#: Dates at most this far apart in two sources are read as one happening.
NEAR_DAYS = 14
SKIPPED_QUALIFIERS = {"negated", "hypothetical", "reported"}


def julian_offset(day: dt.date) -> int:
    """Days the Gregorian calendar is ahead of the Julian on ``day``."""
    century = day.year // 100
    offset = century - century // 4 - 2
    if day.year % 100 == 0 and day.year % 400 != 0 and day < dt.date(day.year, 3, 1):
        offset -= 1
    return offset


@dataclass
class _Group:
    type: str
    claims: list[Claim] = field(default_factory=list)
    interval: tuple[dt.date, dt.date] | None = None
    disputed: bool = False

    def names(self) -> list[tuple[str | None, str]]:
        return [(p.entity, p.name) for c in self.claims for p in c.participants]


def _firm(time: TimeValue | None) -> bool:
    return time is not None and time.basis != "narrative" and time.start is not None and time.end is not None


def _shares_participant(claim: Claim, group: _Group) -> bool:
    names = group.names()
    if not claim.participants or not names:
        return False
    for p in claim.participants:
        for entity, name in names:
            if (p.entity and p.entity == entity) or compatible(p.name, name):
                return True
    return False


def _same_day(claim: Claim, group: _Group) -> bool:
    time = claim.time
    return (
        time is not None and time.granularity == "day"
        and any(c.time is not None and c.time.granularity == "day" and c.time.start == time.start for c in group.claims)
    )


def _places_differ(claim: Claim, group: _Group) -> bool:
    if claim.place is None:
        return False
    others = [c.place.name for c in group.claims if c.place is not None]
    return bool(others) and not any(compatible(claim.place.name, other) for other in others)


def _unique(claim: Claim, types: dict[str, dict[str, object]]) -> bool:
    return bool(types.get(claim.type, {}).get("unique")) or any(q.startswith("unique:") for q in claim.qualifiers)


def _gap_days(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def reconcile(claims: Sequence[Claim]) -> tuple[list[Event], list[Conflict]]:
    """Events and conflicts for a set of claims (any number of documents)."""
    types = event_types()
    usable = [c for c in claims if not SKIPPED_QUALIFIERS & set(c.qualifiers)]
    firm = [c for c in usable if _firm(c.time)]
    loose = [c for c in usable if not _firm(c.time)]
    firm.sort(key=lambda c: ((c.time.end - c.time.start).days if c.time and c.time.start and c.time.end else 0, c.id))

    groups: list[_Group] = []
    by_type: dict[str, list[_Group]] = {}
    for claim in firm:
        assert claim.time is not None and claim.time.start and claim.time.end
        interval = (claim.time.start, claim.time.end)
        best: _Group | None = None
        best_disputed = False
        for group in by_type.get(claim.type, []):
            if group.interval is None or _places_differ(claim, group):
                continue
            gap = _gap_days(group.interval, interval)
            if not _shares_participant(claim, group):
                # Participants can be missed or misread; the same type on the same day in
                # another source is still the same happening (never a dispute without them).
                if gap == 0 and _same_day(claim, group):
                    best, best_disputed = group, False
                    break
                continue
            if gap == 0:
                best, best_disputed = group, False
                break
            other_docs = {c.doc for c in group.claims} != {claim.doc}
            if other_docs and (_unique(claim, types) or gap <= NEAR_DAYS) and best is None:
                best, best_disputed = group, True
        if best is None:
            best = _Group(claim.type, interval=interval)
            groups.append(best)
            by_type.setdefault(claim.type, []).append(best)
        elif not best_disputed and best.interval is not None:
            best.interval = (max(best.interval[0], interval[0]), min(best.interval[1], interval[1]))
        best.disputed = best.disputed or best_disputed
        best.claims.append(claim)

    for claim in loose:
        home = None
        candidates = [(g, g.interval) for g in by_type.get(claim.type, [])
                      if g.interval is not None and _shares_participant(claim, g) and not _places_differ(claim, g)]
        time = claim.time
        start = time.start if time is not None else None
        if time is not None and start is not None and time.basis == "narrative":
            # Only a lower bound (notBefore): the story stood there when it told the event, which may come
            # later ("exiled to X" in a paragraph about October, the exile dated January). The nearest after.
            later = [(g, first) for g, (first, last) in candidates if last >= start]
            if later:
                home = min(later, key=lambda item: max(0, (item[1] - start).days))[0]
        elif time is not None and start is not None:
            end = time.end or start
            home = next((g for g, (first, last) in candidates if start <= last and first <= end), None)
        # No date at all ("after Lenin's death"): the event of that type with those people, when there
        # is only one, or when the type happens once (a death).
        if home is None and start is None and candidates and (len(candidates) == 1 or _unique(claim, types)):
            home = candidates[0][0]
        if home is None:
            home = _Group(claim.type)
            groups.append(home)
            by_type.setdefault(claim.type, []).append(home)
        home.claims.append(claim)

    events: list[Event] = []
    conflicts: list[Conflict] = []
    for group in groups:
        event_id = "evt_" + _digest(sorted(c.id for c in group.claims))
        found = _conflicts(group, event_id)
        conflicts.extend(found)
        disputed_ids = {c.id for conflict in found for c in conflict.claims}
        agreeing = {c.doc for c in group.claims if c.id not in disputed_ids}
        events.append(
            Event(
                event_id, group.type, _event_time(group),
                tuple(sorted(group.claims, key=lambda c: (c.doc, c.span.start))),
                tuple(sorted({c.doc for c in group.claims})), len(agreeing),
            )
        )
    events.sort(key=lambda e: (e.time.start if e.time and e.time.start else dt.date.max, e.id))
    return events, conflicts


def _event_time(group: _Group) -> TimeValue | None:
    firm = [c.time for c in group.claims if _firm(c.time)]
    if group.interval is not None and firm and not group.disputed:
        narrowest = min(firm, key=lambda t: (t.end - t.start).days if t and t.end and t.start else 0)
        return narrowest
    if firm:
        return min(firm, key=lambda t: (t.end - t.start).days if t and t.end and t.start else 0)
    times = [c.time for c in group.claims if c.time is not None]
    return times[0] if times else None


def _conflicts(group: _Group, event_id: str) -> list[Conflict]:
    found: list[Conflict] = []
    firm = [c for c in group.claims if _firm(c.time)]
    for i, a in enumerate(firm):
        for b in firm[i + 1 :]:
            if a.doc == b.doc or a.time is None or b.time is None:
                continue
            assert a.time.start and a.time.end and b.time.start and b.time.end
            gap = _gap_days((a.time.start, a.time.end), (b.time.start, b.time.end))
            if gap == 0:
                continue
            shift = abs((a.time.start - b.time.start).days)
            if a.time.granularity == b.time.granularity == "day" and shift == julian_offset(a.time.start):
                kind = "calendar"
                explanation = (
                    f"{a.doc} dates this {a.type} {a.time.edtf}, {b.doc} {b.time.edtf}: exactly {shift} days"
                    " apart, the Julian–Gregorian offset of the period; probably one date is Old Style"
                )
            else:
                kind = "date"
                explanation = (
                    f"{a.doc} dates this {a.type} {a.time.edtf} ({a.time_text or 'narrative'}), "
                    f"{b.doc} dates it {b.time.edtf} ({b.time_text or 'narrative'}); the intervals do not overlap"
                )
            ordered = tuple(sorted((a, b), key=lambda c: (c.doc, c.span.start)))
            found.append(Conflict("cfl_" + _digest([kind] + [c.id for c in ordered]), kind, explanation, ordered, event_id))
    return found


def _digest(parts: Sequence[str]) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
