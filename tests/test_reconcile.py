"""Events and conflicts from hand-built claims: agreement, precision, calendars."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from annales.calendars import julian_offset
from annales.pipeline import ingest
from annales.records import Claim, Conflict, Event, Participant, Span, TimeValue
from annales.stages.reconcile import reconcile, reconcile_update
from annales.store import Store
from annales.vocabulary.keys import claim_keys, event_keys


def _time(start: str, end: str | None = None, *, basis: str = "explicit", granularity: str = "day") -> TimeValue:
    s = dt.date.fromisoformat(start)
    e = dt.date.fromisoformat(end or start)
    return TimeValue(s, e, granularity, start, start if end is None else f"{start}/{end}", basis=basis)  # type: ignore[arg-type]


def _claim(
    ident: str,
    doc: str,
    type_: str,
    who: str,
    time: TimeValue | None,
    *,
    qualifiers: tuple[str, ...] = (),
    place: str | None = None,
) -> Claim:
    return Claim(
        id=ident,
        doc=doc,
        doc_id=doc[:4],
        lang="en",
        span=Span(0, 10),
        quote="x" * 10,
        type=type_,
        predicate=type_,
        participants=(Participant("agent", who, Span(0, len(who))),),
        time=time,
        time_text="some date",
        place=Participant("place", place, Span(0, 1)) if place else None,
        qualifiers=qualifiers,
    )


def test_reconcile_groups_agreeing_sources_across_languages() -> None:
    claims = [
        _claim("a", "en.txt", "death", "Napoleon", _time("1821-05-05")),
        _claim("b", "fr.txt", "death", "Napoléon", _time("1821-05-05")),
        _claim("c", "fr2.txt", "death", "Napoléon Bonaparte", _time("1821-01-01", "1821-12-31", granularity="year")),
    ]
    events, conflicts = reconcile(claims)
    assert conflicts == []
    assert len(events) == 1
    event = events[0]
    assert event.agreement == 3
    assert event.sources == ("en.txt", "fr.txt", "fr2.txt")
    assert event.time is not None and event.time.start == dt.date(1821, 5, 5)


def test_reconcile_reports_disjoint_dates_of_a_unique_event() -> None:
    claims = [
        _claim(
            "a", "a.txt", "illness", "Lenin", _time("1922-05-01", "1922-05-31", granularity="month"), qualifiers=("unique:first",)
        ),
        _claim(
            "b",
            "b.txt",
            "illness",
            "Lénine",
            _time("1923-03-01", "1923-03-31", granularity="month"),
            qualifiers=("unique:first",),
        ),
    ]
    events, conflicts = reconcile(claims)
    assert len(events) == 1
    assert len(conflicts) == 1
    assert conflicts[0].kind == "date"
    assert {c.doc for c in conflicts[0].claims} == {"a.txt", "b.txt"}
    assert "do not overlap" in conflicts[0].explanation


def test_reconcile_two_strokes_without_first_are_two_events() -> None:
    claims = [
        _claim("a", "a.txt", "illness", "Lenin", _time("1922-05-01", "1922-05-31", granularity="month")),
        _claim("b", "b.txt", "illness", "Lenin", _time("1923-03-01", "1923-03-31", granularity="month")),
    ]
    events, conflicts = reconcile(claims)
    assert len(events) == 2 and conflicts == []


def test_reconcile_close_dates_in_two_sources_conflict() -> None:
    claims = [
        _claim("a", "en.txt", "abdication", "Napoleon", _time("1814-04-06")),
        _claim("b", "fr.txt", "abdication", "Napoléon", _time("1814-04-04")),
    ]
    events, conflicts = reconcile(claims)
    assert len(events) == 1 and len(conflicts) == 1
    assert events[0].agreement == 0


def test_reconcile_narrative_time_never_contradicts() -> None:
    claims = [
        _claim("a", "a.txt", "exile", "Trotsky", _time("1928-01-01", "1928-01-31", granularity="month")),
        _claim("b", "b.txt", "exile", "Trotski", _time("1927-01-01", "1927-12-31", basis="narrative", granularity="year")),
    ]
    events, conflicts = reconcile(claims)
    assert conflicts == []


def test_reconcile_julian_offset_is_a_calendar_difference() -> None:
    assert julian_offset(dt.date(1917, 10, 25)) == 13
    assert julian_offset(dt.date(1812, 6, 1)) == 12
    claims = [
        _claim("a", "a.txt", "uprising", "Bolsheviks", _time("1917-10-25")),
        _claim("b", "b.txt", "uprising", "Bolsheviks", _time("1917-11-07")),
    ]
    _events, conflicts = reconcile(claims)
    assert [c.kind for c in conflicts] == ["calendar"]


def test_reconcile_ignores_negated_and_hypothetical_claims() -> None:
    claims = [
        _claim("a", "a.txt", "death", "Lenin", _time("1924-01-21")),
        _claim("b", "b.txt", "death", "Lenin", _time("1923-01-21"), qualifiers=("hypothetical",)),
    ]
    events, conflicts = reconcile(claims)
    assert conflicts == [] and len(events) == 1


def test_reconcile_different_places_are_different_battles() -> None:
    claims = [
        _claim("a", "a.txt", "battle", "Napoleon", _time("1815-06-16"), place="Ligny"),
        _claim("b", "b.txt", "battle", "Napoleon", _time("1815-06-18"), place="Waterloo"),
    ]
    events, conflicts = reconcile(claims)
    assert len(events) == 2 and conflicts == []


def test_reconcile_same_type_same_day_groups_without_shared_participant() -> None:
    claims = [
        _claim("a", "en.txt", "coronation", "the Emperor", _time("1804-12-02")),
        _claim("b", "fr.txt", "coronation", "Napoléon", _time("1804-12-02")),
        _claim("c", "de.txt", "coronation", "Josephine", _time("1804-12-03")),
    ]
    events, conflicts = reconcile(claims)
    assert conflicts == []
    assert sorted(len(e.claims) for e in events) == [1, 2]


def test_reconcile_narrative_time_is_a_lower_bound_for_grouping() -> None:
    # Told in a paragraph about 1847, dated March 1848 elsewhere: one exile, not two; the nearest event after.
    claims = [
        _claim("a", "a.txt", "exile", "Mazzini", _time("1848-03-01", "1848-03-31", granularity="month")),
        _claim("c", "a.txt", "exile", "Mazzini", _time("1857-06-01", "1857-06-30", granularity="month")),
        _claim("b", "b.txt", "exile", "Mazzini", _time("1847-01-01", "1847-12-31", basis="narrative", granularity="year")),
    ]
    events, conflicts = reconcile(claims)
    assert conflicts == []
    grouped = {frozenset(c.id for c in e.claims) for e in events}
    assert frozenset({"a", "b"}) in grouped


def test_reconcile_an_undated_mention_of_a_unique_event_joins_it() -> None:
    claims = [
        _claim("a", "a.txt", "death", "Mazzini", _time("1872-03-10")),
        _claim("b", "b.txt", "death", "Mazzini", None),
    ]
    events, _ = reconcile(claims)
    assert len(events) == 1 and events[0].agreement == 2


def _shape(events: list[Event], conflicts: list[Conflict]) -> tuple[list[Any], list[Any]]:
    return (
        [(e.id, e.type, e.agreement, [c.id for c in e.claims]) for e in events],
        sorted((c.id, c.kind, c.event) for c in conflicts),
    )


@pytest.mark.model
def test_reconcile_adding_documents_one_by_one_equals_reconciling_all(tmp_path: Path, samples: Path) -> None:
    # Each ingest recomputes only the events its claims could join; the result is the full recomputation's.
    with Store(tmp_path / "one-by-one.db") as store:
        for path in sorted((samples / "sources").iterdir()):
            ingest([path], store)
        stored = _shape(store.events(), store.conflicts())
        events, conflicts = reconcile(store.claims())
    assert stored == _shape(events, conflicts)
    assert any(len(e[3]) > 1 for e in stored[0]) and stored[1]


def test_reconcile_update_touches_only_events_sharing_a_key() -> None:
    napoleon = _claim("a", "a.txt", "death", "Napoleon", _time("1821-05-05"))
    nelson = _claim("b", "a.txt", "death", "Nelson", _time("1805-10-21"))
    events, _ = reconcile([napoleon, nelson])
    asked: list[set[str]] = []

    def stored(keys: Sequence[str]) -> list[Event]:
        asked.append(set(keys))
        return [e for e in events if event_keys(e) & set(keys)]

    later = _claim("c", "b.txt", "death", "Napoléon Bonaparte", _time("1821-05-05"))
    removed, added, conflicts = reconcile_update([later], stored)
    assert removed == [e.id for e in events if napoleon in e.claims]
    assert [sorted(c.id for c in e.claims) for e in added] == [["a", "c"]] and conflicts == []
    assert asked == [claim_keys(later)]


def test_reconcile_another_place_for_a_one_place_event_is_a_place_conflict() -> None:
    claims = [
        _claim("a", "en.txt", "exile", "Dreyfus", _time("1895-04-13"), place="Devil's Island"),
        _claim("b", "fr.txt", "exile", "Dreyfus", _time("1895-04-13"), place="Cayenne"),
    ]
    events, conflicts = reconcile(claims)
    assert len(events) == 1 and [c.kind for c in conflicts] == ["place"]
    assert "Cayenne" in conflicts[0].explanation and "Devil's Island" in conflicts[0].explanation
    assert events[0].agreement == 0


def test_reconcile_another_place_for_a_repeatable_event_is_another_event() -> None:
    claims = [
        _claim("a", "en.txt", "meeting", "Metternich", _time("1815-06-09"), place="Vienna"),
        _claim("b", "fr.txt", "meeting", "Metternich", _time("1815-06-09"), place="Paris"),
    ]
    events, conflicts = reconcile(claims)
    assert len(events) == 2 and conflicts == []


def test_reconcile_different_agents_of_an_assassination_conflict() -> None:
    def killing(ident: str, doc: str, killer: str) -> Claim:
        return Claim(
            id=ident,
            doc=doc,
            doc_id=doc[:4],
            lang="en",
            span=Span(0, 10),
            quote="x" * 10,
            type="assassination",
            predicate="assassinate",
            time=_time("1610-05-14"),
            time_text="14 May 1610",
            participants=(
                Participant("agent", killer, Span(0, 1), "ent_" + killer.lower()),
                Participant("patient", "Henri IV", Span(0, 1), "ent_henri"),
            ),
        )

    events, conflicts = reconcile([killing("a", "a.txt", "Ravaillac"), killing("b", "b.txt", "Châtel")])
    assert len(events) == 1 and [c.kind for c in conflicts] == ["participant"]
    events, conflicts = reconcile([killing("a", "a.txt", "Ravaillac"), killing("b", "b.txt", "Ravaillac")])
    assert len(events) == 1 and conflicts == [] and events[0].agreement == 2


def test_reconcile_event_time_is_the_intersection_of_explicit_claims() -> None:
    claims = [
        _claim("a", "a.txt", "move", "Kutuzov", _time("1812-09-01", "1812-11-30", granularity="season")),
        _claim("b", "b.txt", "move", "Koutouzov", _time("1812-10-01", "1812-12-31", granularity="month")),
    ]
    events, conflicts = reconcile(claims)
    assert len(events) == 1 and conflicts == []
    time = events[0].time
    assert time is not None and (str(time.start), str(time.end)) == ("1812-10-01", "1812-11-30")


def test_reconcile_an_old_style_date_written_as_such_agrees_with_new_style() -> None:
    new_style = _time("1917-11-07")
    written = TimeValue(
        dt.date(1917, 10, 25), dt.date(1917, 10, 25), "day", "1917-10-25", "1917-10-25", calendar="julian", alternative=new_style
    )
    claims = [
        _claim("a", "ru.txt", "uprising", "Bolsheviks", written),
        _claim("b", "fr.txt", "uprising", "Bolsheviks", new_style),
    ]
    events, conflicts = reconcile(claims)
    assert len(events) == 1 and conflicts == [] and events[0].agreement == 2


@pytest.mark.model
def test_reconcile_an_ingest_stopped_before_its_events_is_caught_up(tmp_path: Path, samples: Path) -> None:
    sources = sorted((samples / "sources").iterdir())
    with Store(tmp_path / "stopped.db") as store:
        ingest(sources[:2], store)
        store.replace_events(*reconcile(store.claims()[:3]))  # as if the last ingest stopped half-way
        ingest(sources[2:3], store)
        stored = _shape(store.events(), store.conflicts())
        events, conflicts = reconcile(store.claims())
    assert stored == _shape(events, conflicts)
