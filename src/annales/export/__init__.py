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
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annales.store import Store


@dataclass(frozen=True)
class Format:
    """One export format: the module under ``annales.export`` that renders it, its media type and file suffix."""

    module: str
    media_type: str
    suffix: str

    def renderer(self) -> Callable[[Store], str]:
        """The format's ``render`` function (its module is imported on first use, so the CLI starts fast)."""
        render: Callable[[Store], str] = import_module(f"annales.export.{self.module}").render
        return render


#: Every format by the name the CLI and the API take.
FORMATS: dict[str, Format] = {
    "jsonl": Format("claims_jsonl", "application/x-ndjson", ".jsonl"),
    "csv": Format("claims_csv", "text/csv", ".csv"),
    "timelinejs": Format("timelinejs", "application/json", ".json"),
    "jsonld": Format("jsonld", "application/ld+json", ".jsonld"),
    "gexf": Format("gexf", "application/gexf+xml", ".gexf"),
    "tei": Format("tei", "application/tei+xml", ".xml"),
}


def export(store: Store, fmt: str) -> str:
    """The store rendered in ``fmt`` (a key of ``FORMATS``)."""
    return FORMATS[fmt].renderer()(store)


__all__ = ["FORMATS", "Format", "export"]
