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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from annales.calendars import julian_offset
from annales.records import UNASSERTED, Claim, Conflict, Event, TimeValue
from annales.vocabulary.events import event_types
from annales.vocabulary.keys import claim_keys
from annales.vocabulary.keys import claim_time as _when
from annales.vocabulary.keys import own_keys as _keys
from annales.vocabulary.names import compatible

#: Dates at most this far apart in two sources are read as one happening.
NEAR_DAYS = 14


@dataclass
class _Group:
    type: str
    order: int
    #: What claims must share to join: the type, or for ``other`` the type and the predicate (see :func:`_kind`).
    kind: str = ""
    claims: list[Claim] = field(default_factory=list)
    interval: tuple[dt.date, dt.date] | None = None
    disputed: bool = False
    names: list[tuple[str | None, str]] = field(default_factory=list)
    places: list[tuple[str | None, str]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    merged: bool = False  # absorbed into another group

    def add(self, claim: Claim) -> None:
        self.claims.append(claim)
        # (places coordinated with the claim's place are participants of role "place": where, not who)
        self.names += [(p.entity, p.name) for p in claim.participants if p.role != "place"]
        self.places += _places(claim)


def reconcile_update(
    new_claims: Sequence[Claim], stored: Callable[[Sequence[str]], Sequence[Event]]
) -> tuple[list[str], list[Event], list[Conflict]]:
    """What adding ``new_claims`` changes: the ids of the stored events to remove, and the events and conflicts
    to store instead.

    ``stored(keys)`` returns the stored events having any of the keys. Only those events can take a new claim
    (they share its type and a participant or its day), so only their claims are reconciled again with the
    new ones: one document costs its own events, not the corpus.
    """
    keys: set[str] = set()
    for claim in new_claims:
        keys |= claim_keys(claim)
    affected = {event.id: event for event in stored(sorted(keys))}
    claims: dict[str, Claim] = {}
    for event in affected.values():
        claims.update((c.id, c) for c in event.claims)
    claims.update((c.id, c) for c in new_claims)
    events, conflicts = reconcile(list(claims.values()))
    return sorted(affected), events, conflicts


class _Index:
    """Groups by (type, key), so that a claim is compared only with the groups it could join."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.by_key: dict[tuple[str, str], list[_Group]] = {}

    def new(self, claim: Claim) -> _Group:
        group = _Group(claim.type, len(self.groups), kind=_kind(claim))
        self.groups.append(group)
        return group

    def add(self, group: _Group, claim: Claim) -> None:
        group.add(claim)
        keys = _keys(claim)
        for key in keys - group.keys:
            self.by_key.setdefault((group.kind, key), []).append(group)
        group.keys |= keys

    def candidates(self, claim: Claim, *, same_day: bool = False) -> list[_Group]:
        """Groups of the claim's type sharing a participant key (or, with ``same_day``, its day), oldest first."""
        return self._groups(_kind(claim), _keys(claim, day=same_day))

    def _groups(self, type_: str, keys: set[str]) -> list[_Group]:
        found: dict[int, _Group] = {}
        for key in keys:
            for group in self.by_key.get((type_, key), ()):
                if not group.merged:
                    found[group.order] = group
        return [found[k] for k in sorted(found)]

    def merge_disputed(self, types: dict[str, dict[str, object]]) -> None:
        """Join groups that are one happening told with dates a few days apart: the same type, a shared
        participant, no source in common. Placing claims one at a time can miss this when a claim agreeing
        on the day took the other claim first."""
        for group in list(self.groups):
            if group.merged or group.interval is None:
                continue
            docs = {c.doc for c in group.claims}
            names = {k for k in group.keys if not k.startswith("d:")}
            for other in self._groups(group.kind, names):
                if other is group or other.order < group.order or other.interval is None:
                    continue
                if docs & {c.doc for c in other.claims}:
                    continue
                if not any(_shares_participant(c, group) for c in other.claims):
                    continue
                places_differ = any(_places_differ(c, group) for c in other.claims)
                if places_differ and not any(_one_place(c, types) for c in group.claims):
                    continue
                if _gap_days(group.interval, other.interval) > NEAR_DAYS:
                    continue  # far apart: only a claim placed one at a time may call that one happening
                for claim in other.claims:
                    self.add(group, claim)
                other.merged = True
                group.disputed = True
                docs |= {c.doc for c in other.claims}


def _width(time: TimeValue | None) -> int:
    return (time.end - time.start).days if time is not None and time.start and time.end else 0


def _firm(time: TimeValue | None) -> bool:
    return time is not None and time.basis != "narrative" and time.start is not None and time.end is not None


def _shares_participant(claim: Claim, group: _Group) -> bool:
    if not claim.participants or not group.names:
        return False
    for p in claim.participants:
        if p.role == "place":
            continue
        for entity, name in group.names:
            if (p.entity and p.entity == entity) or compatible(p.name, name):
                return True
    return False


def _kind(claim: Claim) -> str:
    """What a claim must share with a group to join it: its type, and for a claim of type ``other`` (an event no
    type names: "Stalin turned", "Staline mena des purges") its predicate too, since two such claims about
    one person are two happenings, not one told with two dates."""
    return claim.type if claim.type != "other" else f"other:{claim.predicate}"


def _same_day(claim: Claim, group: _Group) -> bool:
    time = _when(claim)
    return (
        time is not None
        and time.granularity == "day"
        and any(t is not None and t.granularity == "day" and t.start == time.start for t in map(_when, group.claims))
    )


def _same_place(a: tuple[str | None, str], b: tuple[str | None, str]) -> bool:
    return bool(a[0] and a[0] == b[0]) or compatible(a[1], b[1])


def _places(claim: Claim) -> list[tuple[str | None, str]]:
    """A claim's place and the places coordinated with it ("crossed the Niemen into Russia": both)."""
    if claim.place is None:
        return []
    more = [(p.entity, p.name) for p in claim.participants if p.role == "place"]
    return [(claim.place.entity, claim.place.name), *more]


def _places_differ(claim: Claim, group: _Group) -> bool:
    """Whether none of a claim's places is one of the group's."""
    mine = _places(claim)
    if not mine or not group.places:
        return False
    return not any(_same_place(place, other) for place in mine for other in group.places)


def _unique(claim: Claim, types: dict[str, dict[str, object]]) -> bool:
    return bool(types.get(claim.type, {}).get("unique")) or any(q.startswith("unique:") for q in claim.qualifiers)


def _one_place(claim: Claim, types: dict[str, dict[str, object]]) -> bool:
    return bool(types.get(claim.type, {}).get("one_place")) or _unique(claim, types)


def _gap_days(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def reconcile(claims: Sequence[Claim]) -> tuple[list[Event], list[Conflict]]:
    """Events and conflicts for a set of claims (any number of documents)."""
    types = event_types()
    usable = [c for c in claims if not UNASSERTED.intersection(c.qualifiers)]
    firm = [c for c in usable if _firm(_when(c))]
    loose = [c for c in usable if not _firm(_when(c))]
    firm.sort(key=lambda c: (_width(_when(c)), c.id))

    index = _Index()
    for claim in firm:
        when = _when(claim)
        assert when is not None and when.start and when.end
        interval = (when.start, when.end)
        best: _Group | None = None
        best_disputed = False
        for group in index.candidates(claim, same_day=True):
            if group.interval is None:
                continue
            gap = _gap_days(group.interval, interval)
            if not _shares_participant(claim, group):
                # Participants can be missed or misread; the same type on the same day in
                # another source is still the same happening (never a dispute without them).
                if gap == 0 and _same_day(claim, group) and not _places_differ(claim, group):
                    best, best_disputed = group, False
                    break
                continue
            other_docs = {c.doc for c in group.claims} != {claim.doc}
            if _places_differ(claim, group):
                # Another place on a compatible date: a second happening, unless the event happens in one
                # place (an exile, a death): then the sources disagree on where.
                if gap == 0 and other_docs and _one_place(claim, types) and best is None:
                    best, best_disputed = group, True
                continue
            if gap == 0:
                best, best_disputed = group, False
                break
            if other_docs and (_unique(claim, types) or gap <= NEAR_DAYS) and best is None:
                best, best_disputed = group, True
        if best is None:
            best = index.new(claim)
            best.interval = interval
        elif not best_disputed and best.interval is not None:
            best.interval = (max(best.interval[0], interval[0]), min(best.interval[1], interval[1]))
        best.disputed = best.disputed or best_disputed
        index.add(best, claim)

    index.merge_disputed(types)
    for claim in loose:
        home = None
        candidates = [
            (g, g.interval)
            for g in index.candidates(claim)
            if g.interval is not None and _shares_participant(claim, g) and not _places_differ(claim, g)
        ]
        time = _when(claim)
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
            home = index.new(claim)
        index.add(home, claim)

    events: list[Event] = []
    conflicts: list[Conflict] = []
    for group in index.groups:
        if group.merged:
            continue
        event_id = "evt_" + _digest(sorted(c.id for c in group.claims))
        found = _conflicts(group, event_id, types)
        conflicts.extend(found)
        disputed_ids = {c.id for conflict in found if conflict.kind != "calendar" for c in conflict.claims}
        agreeing = {c.doc for c in group.claims if c.id not in disputed_ids}
        events.append(
            Event(
                event_id,
                group.type,
                _event_time(group),
                tuple(sorted(group.claims, key=lambda c: (c.doc, c.span.start))),
                tuple(sorted({c.doc for c in group.claims})),
                len(agreeing),
            )
        )
    events.sort(key=event_order)
    return events, conflicts


def event_order(event: Event) -> tuple[dt.date, str]:
    """How events are listed: by start, undated last, then by id."""
    return (event.time.start if event.time and event.time.start else dt.date.max, event.id)


def _event_time(group: _Group) -> TimeValue | None:
    """The tightest interval the explicit claims allow (their intersection), or, when they disagree, the
    most precise claim's; narrative and undated claims only when nothing else dates the event."""
    firm = [t for t in map(_when, group.claims) if t is not None and _firm(t)]
    if not firm:
        times = [t for t in map(_when, group.claims) if t is not None]
        return times[0] if times else None
    narrowest = min(firm, key=_width)
    if group.disputed or group.interval is None or group.interval == (narrowest.start, narrowest.end):
        return narrowest
    start, end = group.interval
    # "the autumn of 1812" and "October–December 1812": neither claim alone, both together.
    span = f"{start.isoformat()}/{end.isoformat()}"
    return TimeValue(start, end, "day", span, span)


def _conflicts(group: _Group, event_id: str, types: dict[str, dict[str, object]]) -> list[Conflict]:
    """Pairs of explicit claims from different sources that cannot both be right: their dates do not
    overlap (or differ by the calendar offset), their places differ, or they name different agents of
    something that happens once."""
    found: list[Conflict] = []
    firm = [c for c in group.claims if _firm(_when(c))]
    for i, a in enumerate(firm):
        for b in firm[i + 1 :]:
            if a.doc == b.doc:
                continue
            for kind, explanation in _disagreements(a, b, types):
                ordered = tuple(sorted((a, b), key=lambda c: (c.doc, c.span.start)))
                found.append(Conflict("cfl_" + _digest([kind] + [c.id for c in ordered]), kind, explanation, ordered, event_id))
    return found


def _disagreements(a: Claim, b: Claim, types: dict[str, dict[str, object]]) -> list[tuple[str, str]]:
    ta, tb = _when(a), _when(b)
    assert ta is not None and tb is not None and ta.start and ta.end and tb.start and tb.end
    found: list[tuple[str, str]] = []
    gap = _gap_days((ta.start, ta.end), (tb.start, tb.end))
    if gap:
        shift = abs((ta.start - tb.start).days)
        if ta.granularity == tb.granularity == "day" and shift == julian_offset(min(ta.start, tb.start)):
            found.append(
                (
                    "calendar",
                    (
                        f"{a.doc} dates this {a.type} {ta.edtf}, {b.doc} {tb.edtf}: exactly {shift} days"
                        " apart, the Julian–Gregorian offset of the period; probably one date is Old Style"
                    ),
                )
            )
        else:
            found.append(
                (
                    "date",
                    (
                        f"{a.doc} dates this {a.type} {ta.edtf} ({a.time_text or 'narrative'}), "
                        f"{b.doc} dates it {tb.edtf} ({b.time_text or 'narrative'}); the intervals do not overlap"
                    ),
                )
            )
    places_a, places_b = _places(a), _places(b)
    if (
        a.place is not None
        and b.place is not None
        and not any(_same_place(x, y) for x in places_a for y in places_b)  # (one shared place agrees)
    ):
        found.append(("place", f"{a.doc} places this {a.type} in {a.place.name}, {b.doc} in {b.place.name}"))
    if _unique(a, types) and types.get(a.type, {}).get("noun_role") == "patient":
        agents_a, agents_b = _agents(a), _agents(b)
        if agents_a and agents_b and not any(_same_place(x, y) for x in agents_a for y in agents_b):
            found.append(
                (
                    "participant",
                    (
                        f"{a.doc} names {', '.join(n for _, n in agents_a)} as the agent of this {a.type}, "
                        f"{b.doc} names {', '.join(n for _, n in agents_b)}"
                    ),
                )
            )
    return found


def _agents(claim: Claim) -> list[tuple[str | None, str]]:
    """The named agents of a claim (resolved to an entity: a name, not a common noun)."""
    return [(p.entity, p.name) for p in claim.participants if p.role == "agent" and p.entity]


def _digest(parts: Sequence[str]) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
