"""Records to JSON-ready dicts and back: the JSON edge of annales.

Inside the program everything is a frozen record from :mod:`annales.records`;
these functions are the only place where records become plain dicts (for the
CLI, the REST API, exports and the store's JSON columns) and back. The shapes
follow the contract in DESIGN.md; fields beyond the contract are there so that
``*_from_dict(*_to_dict(x)) == x`` holds for every record.

Dates are ISO strings (``"1924-01-21"``), spans are ``[start, end]`` lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, cast

from annales.records import (
    Basis,
    Calendar,
    Claim,
    Conflict,
    Event,
    Granularity,
    Mention,
    Participant,
    Span,
    TimeMention,
    TimeValue,
    TimexType,
)

__all__ = [
    "claim_from_dict",
    "claim_to_dict",
    "conflict_from_dict",
    "conflict_to_dict",
    "event_from_dict",
    "event_to_dict",
    "mention_from_dict",
    "mention_to_dict",
    "time_from_dict",
    "time_mention_from_dict",
    "time_mention_to_dict",
    "time_to_dict",
]


def _span_to_list(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _span_from_list(data: Any) -> Span | None:
    if data is None:
        return None
    start, end = data
    return Span(int(start), int(end))


def _required_span(data: Any, what: str) -> Span:
    span = _span_from_list(data)
    if span is None:
        raise ValueError(f"{what} has no span")
    return span


def _date_to_str(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date_from_str(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _unresolved_time(text: str | None) -> dict[str, Any]:
    return {
        "text": text,
        "start": None,
        "end": None,
        "edtf": None,
        "value": None,
        "granularity": None,
        "calendar": None,
        "basis": None,
        "notBefore": None,
        "notAfter": None,
        "anchor": None,
        "alternative": None,
    }


def time_to_dict(time: TimeValue | None, *, text: str | None = None) -> dict[str, Any] | None:
    """A time value as a dict; ``text`` is the words it was read from.

    With no time and no text the result is ``None``. With text but no time
    (an expression that could not be normalised) the dict carries the text and
    nulls elsewhere, and :func:`time_from_dict` reads it back as ``None``.
    """
    if time is None:
        return None if text is None else _unresolved_time(text)
    return {
        "text": text,
        "start": _date_to_str(time.start),
        "end": _date_to_str(time.end),
        "edtf": time.edtf,
        "value": time.value,
        "granularity": time.granularity,
        "calendar": time.calendar,
        "basis": time.basis,
        **_tei_bounds(time),
        "anchor": _span_to_list(time.anchor),
        "alternative": time_to_dict(time.alternative),
    }


def _tei_bounds(time: TimeValue) -> dict[str, str | None]:
    """TEI-ready ``notBefore`` / ``notAfter``. A time merely inherited from the surrounding narrative only
    bounds the event from below: the story stands there, the event may come later (an exile told in a paragraph
    about October 1927 may have begun in January 1928)."""
    return {
        "notBefore": _date_to_str(time.start),
        "notAfter": None if time.basis == "narrative" else _date_to_str(time.end),
    }


def time_from_dict(data: Mapping[str, Any] | None) -> TimeValue | None:
    """The time value a dict from :func:`time_to_dict` stands for, or ``None``."""
    # A dict without a granularity only carries text that was never normalised.
    if data is None or data.get("granularity") is None:
        return None
    return TimeValue(
        start=_date_from_str(data.get("start")),
        end=_date_from_str(data.get("end")),
        granularity=cast(Granularity, data["granularity"]),
        value=data.get("value") or "",
        edtf=data.get("edtf") or "",
        calendar=cast(Calendar, data.get("calendar") or "gregorian"),
        basis=cast(Basis, data.get("basis") or "explicit"),
        anchor=_span_from_list(data.get("anchor")),
        alternative=time_from_dict(data.get("alternative")),
    )


def _participant_to_dict(participant: Participant) -> dict[str, Any]:
    return {
        "role": participant.role,
        "name": participant.name,
        "entity": participant.entity,
        "span": _span_to_list(participant.span),
    }


def _participant_from_dict(data: Mapping[str, Any], *, role: str = "") -> Participant:
    span = _span_from_list(data.get("span"))
    # An empty Span is falsy (it has a length), so test for None, never truthiness.
    span = Span(0, 0) if span is None else span
    return Participant(role=data.get("role", role), name=data["name"], span=span, entity=data.get("entity"))


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """A claim as the ``claims --format jsonl`` contract prints it."""
    time = time_to_dict(claim.time, text=claim.time_text)
    if claim.time_span is not None:
        # The span of the time words; a claim with a span but neither time nor
        # text still needs somewhere to keep it.
        time = time if time is not None else _unresolved_time(None)
        time["span"] = _span_to_list(claim.time_span)
    place = None
    if claim.place is not None:
        place = {
            "name": claim.place.name,
            "entity": claim.place.entity,
            "span": _span_to_list(claim.place.span),
            "role": claim.place.role,
        }
    return {
        "id": claim.id,
        "doc": claim.doc,
        "doc_id": claim.doc_id,
        "lang": claim.lang,
        "span": _span_to_list(claim.span),
        "quote": claim.quote,
        "type": claim.type,
        "predicate": claim.predicate,
        "participants": [_participant_to_dict(p) for p in claim.participants],
        "time": time,
        "place": place,
        "confidence": claim.confidence,
        "qualifiers": list(claim.qualifiers),
        "trigger": None if claim.trigger is None else _span_to_list(claim.trigger),
    }


def claim_from_dict(data: Mapping[str, Any]) -> Claim:
    """The claim a dict from :func:`claim_to_dict` stands for."""
    time_data = data.get("time")
    time_text = time_data.get("text") if time_data is not None else None
    time_span = _span_from_list(time_data.get("span")) if time_data is not None else None
    place_data = data.get("place")
    span = _required_span(data.get("span"), f"claim {data.get('id')!r}")
    return Claim(
        id=data["id"],
        doc=data["doc"],
        doc_id=data.get("doc_id", ""),
        lang=data["lang"],
        span=span,
        quote=data["quote"],
        type=data["type"],
        predicate=data.get("predicate", ""),
        participants=tuple(_participant_from_dict(p) for p in data.get("participants", ())),
        time=time_from_dict(time_data),
        time_text=time_text,
        time_span=time_span,
        place=None if place_data is None else _participant_from_dict(place_data, role="place"),
        confidence=float(data.get("confidence", 0.5)),
        qualifiers=tuple(data.get("qualifiers", ())),
        trigger=_span_from_list(data.get("trigger")),
    )


def event_to_dict(event: Event) -> dict[str, Any]:
    """An event: its tightest time, its claims, the sources that agree."""
    return {
        "id": event.id,
        "type": event.type,
        "time": time_to_dict(event.time),
        "claims": [claim_to_dict(c) for c in event.claims],
        "sources": list(event.sources),
        "agreement": event.agreement,
    }


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """The event a dict from :func:`event_to_dict` stands for."""
    return Event(
        id=data["id"],
        type=data["type"],
        time=time_from_dict(data.get("time")),
        claims=tuple(claim_from_dict(c) for c in data.get("claims", ())),
        sources=tuple(data.get("sources", ())),
        agreement=int(data.get("agreement", 0)),
    )


def conflict_to_dict(conflict: Conflict) -> dict[str, Any]:
    """A conflict: its kind, why, and the claims that disagree."""
    return {
        "id": conflict.id,
        "kind": conflict.kind,
        "explanation": conflict.explanation,
        "claims": [claim_to_dict(c) for c in conflict.claims],
        "event": conflict.event,
    }


def conflict_from_dict(data: Mapping[str, Any]) -> Conflict:
    """The conflict a dict from :func:`conflict_to_dict` stands for."""
    return Conflict(
        id=data["id"],
        kind=data["kind"],
        explanation=data.get("explanation", ""),
        claims=tuple(claim_from_dict(c) for c in data.get("claims", ())),
        event=data.get("event"),
    )


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """An entity mention as the ``entities`` command prints it."""
    return {
        "span": _span_to_list(mention.span),
        "text": mention.text,
        "label": mention.label,
        "entity": mention.entity,
    }


def mention_from_dict(data: Mapping[str, Any]) -> Mention:
    """The mention a dict from :func:`mention_to_dict` stands for."""
    span = _required_span(data.get("span"), "mention")
    return Mention(span=span, text=data["text"], label=data["label"], entity=data.get("entity"))


def time_mention_to_dict(mention: TimeMention) -> dict[str, Any]:
    """A time mention as the ``times`` command prints it (one flat dict)."""
    time = mention.time
    return {
        "span": _span_to_list(mention.span),
        "text": mention.text,
        "type": mention.type,
        "value": time.value,
        "start": _date_to_str(time.start),
        "end": _date_to_str(time.end),
        "edtf": time.edtf,
        "anchor": _span_to_list(time.anchor),
        "basis": time.basis,
        **_tei_bounds(time),
        "granularity": time.granularity,
        "calendar": time.calendar,
        "alternative": time_to_dict(time.alternative),
    }


def time_mention_from_dict(data: Mapping[str, Any]) -> TimeMention:
    """The time mention a dict from :func:`time_mention_to_dict` stands for."""
    span = _required_span(data.get("span"), "time mention")
    time = time_from_dict(data)
    if time is None:
        raise ValueError(f"time mention {data.get('text')!r} has no granularity")
    return TimeMention(span=span, text=data["text"], type=cast(TimexType, data["type"]), time=time)
