"""Exports in the formats of the field, one module per format; each renders the store as one string.

jsonl       claims, one JSON object a line (the contract's claim shape)
csv         claims as a spreadsheet (Palladio-ready: one row a claim, dates as ISO days)
timelinejs  events as TimelineJS JSON (uncertain dates spelled out in display_date)
jsonld      events and entities as JSON-LD (schema.org Event, Person, Place, Organization)
gexf        the entity network for Gephi: entities linked by the events they share
tei         TEI P5: sources, entities and events in a standOff, each claim pointing to its passage
"""

from __future__ import annotations

from collections.abc import Callable

from annales.export import claims_csv, claims_jsonl, gexf, jsonld, tei, timelinejs
from annales.store import Store

#: Format name → (renderer, media type, file suffix).
FORMATS: dict[str, tuple[Callable[[Store], str], str, str]] = {
    "jsonl": (claims_jsonl.render, "application/x-ndjson", ".jsonl"),
    "csv": (claims_csv.render, "text/csv", ".csv"),
    "timelinejs": (timelinejs.render, "application/json", ".json"),
    "jsonld": (jsonld.render, "application/ld+json", ".jsonld"),
    "gexf": (gexf.render, "application/gexf+xml", ".gexf"),
    "tei": (tei.render, "application/tei+xml", ".xml"),
}


def export(store: Store, fmt: str) -> str:
    """The store rendered in ``fmt`` (a key of ``FORMATS``)."""
    return FORMATS[fmt][0](store)


__all__ = ["FORMATS", "export"]
