"""Records to JSON-ready dicts and back (annales.serialize)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, get_args

from hypothesis import given, settings
from hypothesis import strategies as st

from annales.records import (
    Claim,
    Conflict,
    Event,
    Granularity,
    Mention,
    Participant,
    Span,
    TimeMention,
    TimeValue,
)
from annales.serialize import (
    claim_from_dict,
    claim_to_dict,
    conflict_from_dict,
    conflict_to_dict,
    event_from_dict,
    event_to_dict,
    mention_from_dict,
    mention_to_dict,
    time_from_dict,
    time_mention_from_dict,
    time_mention_to_dict,
    time_to_dict,
)

TEXT = "Après une longue maladie, Lénine mourut le 21 janvier 1924 à Gorki, près de Moscou."


def span_of(text: str, quote: str) -> Span:
    start = text.index(quote)
    span = Span(start, start + len(quote))
    assert text[span.start : span.end] == quote
    return span


def example_claim() -> Claim:
    """The claim of the DESIGN.md example, over a sentence written for this test."""
    quote = "Lénine mourut le 21 janvier 1924 à Gorki"
    span = span_of(TEXT, quote)
    day = dt.date(1924, 1, 21)
    return Claim(
        id="c-death-1",
        doc="000_lenine.txt",
        doc_id="ea52d88deb30eea9",
        lang="fr",
        span=span,
        quote=quote,
        type="death",
        predicate="mourir",
        participants=(Participant("agent", "Lénine", span_of(TEXT, "Lénine"), "lenin"),),
        time=TimeValue(day, day, "day", "1924-01-21", "1924-01-21"),
        time_text="le 21 janvier 1924",
        time_span=span_of(TEXT, "le 21 janvier 1924"),
        place=None,
        confidence=0.9,
        trigger=span_of(TEXT, "mourut"),
    )


def test_serialize_claim_matches_design_example() -> None:
    data = claim_to_dict(example_claim())
    assert TEXT[data["span"][0] : data["span"][1]] == data["quote"]
    for key in ("id", "doc", "lang", "span", "quote", "type", "predicate", "participants", "time", "place", "confidence"):
        assert key in data
    assert data["doc"] == "000_lenine.txt"
    assert data["span"] == [26, 66]
    assert data["participants"] == [{"role": "agent", "name": "Lénine", "entity": "lenin", "span": [26, 32]}]
    time = data["time"]
    assert {k: time[k] for k in ("text", "start", "end", "edtf", "calendar", "basis")} == {
        "text": "le 21 janvier 1924",
        "start": "1924-01-21",
        "end": "1924-01-21",
        "edtf": "1924-01-21",
        "calendar": "gregorian",
        "basis": "explicit",
    }
    assert time["anchor"] is None and time["alternative"] is None
    assert data["place"] is None
    assert data["confidence"] == 0.9
    # JSON-ready: nothing but JSON types, and unchanged by a trip through JSON text.
    assert json.loads(json.dumps(data)) == data


def test_serialize_claim_place_and_anchor_shapes() -> None:
    claim = example_claim()
    place = Participant("place", "Gorki", span_of(TEXT, "Gorki"), "gorki")
    anchored = TimeValue(
        dt.date(1924, 1, 1), dt.date(1924, 12, 31), "year", "1924", "1924", basis="narrative", anchor=span_of(TEXT, "1924")
    )
    claim = Claim(**{**claim.__dict__, "place": place, "time": anchored})
    data = claim_to_dict(claim)
    assert data["place"] == {"name": "Gorki", "entity": "gorki", "span": [61, 66], "role": "place"}
    assert TEXT[61:66] == "Gorki"
    anchor = data["time"]["anchor"]
    assert TEXT[anchor[0] : anchor[1]] == "1924"
    assert data["time"]["basis"] == "narrative"
    assert claim_from_dict(data) == claim


def test_serialize_time_none_and_unresolved_text() -> None:
    assert time_to_dict(None) is None
    assert time_from_dict(None) is None
    unresolved = time_to_dict(None, text="cette année-là")
    assert unresolved is not None and unresolved["text"] == "cette année-là"
    assert time_from_dict(unresolved) is None


def test_serialize_claim_keeps_time_text_without_time() -> None:
    claim = Claim(**{**example_claim().__dict__, "time": None})
    assert claim_from_dict(claim_to_dict(claim)) == claim
    bare = Claim(**{**example_claim().__dict__, "time": None, "time_text": None})
    assert claim_from_dict(claim_to_dict(bare)) == bare
    nothing = Claim(**{**bare.__dict__, "time_span": None})
    assert claim_to_dict(nothing)["time"] is None
    assert claim_from_dict(claim_to_dict(nothing)) == nothing


def test_serialize_mentions_round_trip() -> None:
    mention = Mention(span_of(TEXT, "Moscou"), "Moscou", "LOC", "moscow")
    data = mention_to_dict(mention)
    assert data == {"span": [76, 82], "text": "Moscou", "label": "LOC", "entity": "moscow"}
    assert TEXT[76:82] == "Moscou"
    assert mention_from_dict(data) == mention
    day = dt.date(1924, 1, 21)
    timex = TimeMention(
        span_of(TEXT, "21 janvier 1924"), "21 janvier 1924", "DATE", TimeValue(day, day, "day", "1924-01-21", "1924-01-21")
    )
    data = time_mention_to_dict(timex)
    for key in ("span", "text", "type", "value", "start", "end", "edtf", "anchor", "basis", "granularity", "calendar"):
        assert key in data
    assert data["value"] == "1924-01-21" and data["start"] == "1924-01-21" and data["type"] == "DATE"
    assert time_mention_from_dict(data) == timex


# -- hypothesis: from_dict(to_dict(x)) == x ---------------------------------

spans = st.tuples(st.integers(0, 10_000), st.integers(0, 500)).map(lambda t: Span(t[0], t[0] + t[1]))
names = st.text(min_size=1, max_size=12)
optional_names = st.none() | names


@st.composite
def times(draw: st.DrawFn, *, depth: int = 1) -> TimeValue:
    a = draw(st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
    b = draw(st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
    if a and b and b < a:
        a, b = b, a
    alternative = draw(st.none() | times(depth=0)) if depth else None
    return TimeValue(
        start=a,
        end=b,
        granularity=draw(st.sampled_from(get_args(Granularity))),
        value=draw(st.text(max_size=10)),
        edtf=draw(st.text(max_size=10)),
        calendar=draw(st.sampled_from(["gregorian", "julian"])),
        basis=draw(st.sampled_from(["explicit", "relative", "narrative"])),
        anchor=draw(st.none() | spans),
        alternative=alternative,
    )


participants = st.builds(Participant, role=names, name=names, span=spans, entity=optional_names)


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    text = draw(st.text(min_size=1, max_size=60))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Claim(
        id=draw(names),
        doc=draw(names),
        doc_id=draw(st.text(max_size=16)),
        lang=draw(st.sampled_from(["en", "fr"])),
        span=Span(start, end),
        quote=text[start:end],
        type=draw(names),
        predicate=draw(st.text(max_size=10)),
        participants=tuple(draw(st.lists(participants, max_size=3))),
        time=draw(st.none() | times()),
        time_text=draw(optional_names),
        time_span=draw(st.none() | spans),
        place=draw(st.none() | participants),
        confidence=draw(st.floats(0, 1)),
        qualifiers=tuple(draw(st.lists(names, max_size=2))),
        trigger=draw(st.none() | spans),
    )


def through_json(data: Any) -> Any:
    return json.loads(json.dumps(data))


@settings(max_examples=60, deadline=None)
@given(times(), optional_names)
def test_serialize_time_round_trip(time: TimeValue, text: str | None) -> None:
    assert time_from_dict(through_json(time_to_dict(time, text=text))) == time


@settings(max_examples=60, deadline=None)
@given(claims())
def test_serialize_claim_round_trip(claim: Claim) -> None:
    assert claim_from_dict(through_json(claim_to_dict(claim))) == claim


@settings(max_examples=25, deadline=None)
@given(names, names, st.none() | times(), st.lists(claims(), max_size=3), st.lists(names, max_size=3), st.integers(0, 10))
def test_serialize_event_round_trip(
    id: str, type: str, time: TimeValue | None, members: list[Claim], sources: list[str], agreement: int
) -> None:
    event = Event(id, type, time, tuple(members), tuple(sources), agreement)
    data = through_json(event_to_dict(event))
    assert set(data) >= {"id", "type", "time", "claims", "sources", "agreement"}
    assert event_from_dict(data) == event


@settings(max_examples=25, deadline=None)
@given(names, names, st.text(max_size=30), st.lists(claims(), max_size=3), optional_names)
def test_serialize_conflict_round_trip(id: str, kind: str, explanation: str, members: list[Claim], event: str | None) -> None:
    conflict = Conflict(id, kind, explanation, tuple(members), event)
    data = through_json(conflict_to_dict(conflict))
    assert set(data) >= {"id", "kind", "explanation", "claims"}
    assert conflict_from_dict(data) == conflict


def test_time_dict_has_tei_bounds_and_narrative_time_is_only_a_lower_bound() -> None:
    import datetime as dt

    from annales.records import TimeValue
    from annales.serialize import time_to_dict

    explicit = TimeValue(dt.date(1927, 10, 1), dt.date(1927, 10, 31), "month", "1927-10", "1927-10")
    d = time_to_dict(explicit, text="octobre 1927")
    assert d is not None and (d["notBefore"], d["notAfter"]) == ("1927-10-01", "1927-10-31")
    inherited = TimeValue(dt.date(1927, 10, 1), dt.date(1927, 10, 31), "month", "1927-10", "1927-10", basis="narrative")
    d = time_to_dict(inherited)
    assert d is not None and (d["notBefore"], d["notAfter"]) == ("1927-10-01", None)
    assert (d["start"], d["end"]) == ("1927-10-01", "1927-10-31")  # the contract's interval is unchanged
