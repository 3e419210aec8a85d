"""Claims as CSV: one row a claim, Palladio-ready (ISO dates, names and entity ids joined by "; ")."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from annales.serialize import claim_to_dict
from annales.store import Store

FIELDS = [
    "id",
    "doc",
    "lang",
    "span_start",
    "span_end",
    "quote",
    "type",
    "predicate",
    "participants",
    "entities",
    "time_text",
    "start",
    "end",
    "edtf",
    "basis",
    "calendar",
    "place",
    "confidence",
]


def rows(claims: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Contract-shaped claim dicts as flat CSV rows."""
    for row in claims:
        time = row.get("time") or {}
        yield {
            "id": row["id"],
            "doc": row["doc"],
            "lang": row["lang"],
            "span_start": row["span"][0],
            "span_end": row["span"][1],
            "quote": row["quote"],
            "type": row["type"],
            "predicate": row["predicate"],
            "participants": "; ".join(p["name"] for p in row["participants"]),
            "entities": "; ".join(p.get("entity") or "" for p in row["participants"]),
            "time_text": time.get("text"),
            "start": time.get("start"),
            "end": time.get("end"),
            "edtf": time.get("edtf"),
            "basis": time.get("basis"),
            "calendar": time.get("calendar"),
            "place": (row.get("place") or {}).get("name"),
            "confidence": row["confidence"],
        }


def write(claims: Iterable[dict[str, Any]], out: Any) -> None:
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    writer.writerows(rows(claims))


def render(store: Store) -> str:
    buffer = io.StringIO()
    write((claim_to_dict(c) for c in store.claims()), buffer)
    return buffer.getvalue()
