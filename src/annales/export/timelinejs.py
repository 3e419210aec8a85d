"""Events as TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html).

Each event is a slide: ``start_date`` and ``end_date`` as TimelineJS date objects at the precision the
sources allow, ``display_date`` saying how uncertain it is ("between 1922-03 and 1922-05", "1927 (in the
narrative)"), the sources and their quotes in the text, disputed events in their own group.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from annales.records import Event, TimeValue
from annales.store import Store


def _date(day: dt.date, granularity: str) -> dict[str, Any]:
    found: dict[str, Any] = {"year": day.year}
    if granularity in ("day", "week", "month", "season", "quarter"):
        found["month"] = day.month
    if granularity == "day":
        found["day"] = day.day
    return found


def _display(time: TimeValue) -> str:
    if time.start == time.end or time.granularity in ("month", "year", "decade", "century"):
        shown = time.edtf
    else:
        shown = f"between {time.start.isoformat() if time.start else '?'} and {time.end.isoformat() if time.end else '?'}"
    if time.basis == "narrative":
        shown += " (from the narrative: no earlier than this)"
    if time.calendar == "julian":
        shown += " (Old Style)"
    return shown


def slide(event: Event, disputed: bool) -> dict[str, Any] | None:
    time = event.time
    if time is None or time.start is None:
        return None  # TimelineJS needs a start date
    names = sorted({p.name for c in event.claims for p in c.participants})
    quotes = "".join(f"<p>«{html.escape(' '.join(c.quote.split()))}» — {html.escape(c.doc)}</p>" for c in event.claims)
    found: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": _date(time.start, time.granularity),
        "display_date": _display(time),
        "text": {
            "headline": html.escape(f"{event.type}: {', '.join(names) or '?'}"),
            "text": f"<p>{len(event.sources)} source(s), {event.agreement} agree.</p>{quotes}",
        },
        "group": "disputed" if disputed else event.type,
    }
    if time.end and time.end != time.start:
        found["end_date"] = _date(time.end, time.granularity)
    return found


def render(store: Store) -> str:
    disputed = {c.event for c in store.conflicts() if c.kind != "calendar"}
    slides = [s for e in store.events() if (s := slide(e, e.id in disputed)) is not None]
    return (
        json.dumps(
            {"title": {"text": {"headline": "annales timeline", "text": "Events with their sources"}}, "events": slides},
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )
