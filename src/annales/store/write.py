"""Writing to the store: a document with its claims, mentions and entities; entities; events and conflicts.

Each function here writes inside a transaction its caller opened (see
:meth:`Connections.transaction <annales.store.connections.Connections.transaction>`), so that what it
writes is kept whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import time
from collections.abc import Mapping, Sequence
from typing import Any

from annales.records import UNASSERTED, Claim, Conflict, Document, Entity, Event, Mention, Span
from annales.serialize import claim_to_dict, conflict_to_dict, event_to_dict
from annales.store.migrations import fold, time_class

__all__ = [
    "STALL_ENV",
    "check_document",
    "delete_events",
    "dumps",
    "event_summary",
    "insert_document",
    "insert_events",
    "iso_day",
    "upsert_entities",
]

#: Test hook, never set outside tests: when this environment variable holds N,
#: :meth:`Store.add_document <annales.store.sqlite.Store.add_document>` calls :func:`_stall` inside its
#: transaction right after writing N claim rows, so a test can kill the process there and check that
#: nothing of the document was kept.
STALL_ENV = "ANNALES_TEST_STALL_AFTER_ROWS"

#: A word cut by a line-break hyphen inside a quote ("Aus- terlitz"), joined for the search index.
_LINE_BREAK_HYPHEN = re.compile(r"(\w)-\s+(\w)")


def _stall() -> None:
    """Wait inside the transaction (test hook, see :data:`STALL_ENV`)."""
    time.sleep(60)


def _stall_after_rows() -> int | None:
    value = os.environ.get(STALL_ENV)
    return int(value) if value else None


def dumps(data: Any) -> str:
    """``data`` as compact JSON, as the store keeps it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def iso_day(day: dt.date | None) -> str | None:
    """A day as the store's date columns hold it (ISO 8601), or None."""
    return None if day is None else day.isoformat()


def check_document(doc: Document, claims: Sequence[Claim], mentions: Sequence[Mention]) -> None:
    """Raise ``ValueError`` if a claim or mention does not belong to ``doc`` or its span does not hold its quote."""
    for claim in claims:
        if claim.doc_id != doc.id:
            raise ValueError(f"claim {claim.id} belongs to document {claim.doc_id!r}, not {doc.id!r}")
        _check_span(doc, claim.span, claim.quote, f"claim {claim.id}")
    for mention in mentions:
        _check_span(doc, mention.span, mention.text, "mention")


def _check_span(doc: Document, span: Span, quote: str, what: str) -> None:
    # The store is the last gate before provenance becomes permanent.
    if span.end > len(doc.text) or doc.text[span.start : span.end] != quote:
        raise ValueError(f"{what} in {doc.name}: span [{span.start}, {span.end}) does not hold its quote {quote[:40]!r}")


def insert_document(
    conn: sqlite3.Connection,
    doc: Document,
    *,
    lang: str,
    claims: Sequence[Claim],
    mentions: Sequence[Mention],
    entities: Sequence[Entity],
    repaired_text: str | None,
    meta: Mapping[str, str] | None,
) -> bool:
    """Write a checked document (see :func:`check_document`) and everything derived from it.

    Returns ``False`` (and writes nothing) if a document with the same sha256 is already stored.
    """
    merged_meta = dict(doc.meta)
    merged_meta.update(meta or {})
    layout = [[b.span.start, b.span.end, b.page, list(b.bbox)] for b in doc.layout]
    stall_after = _stall_after_rows()
    if conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (doc.sha256,)).fetchone():
        return False
    conn.execute(
        "INSERT INTO documents (id, name, sha256, path, lang, media_type, encoding, title, meta,"
        " layout, text, repaired_text, chars, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.id,
            doc.name,
            doc.sha256,
            doc.path,
            lang,
            doc.media_type,
            doc.encoding,
            doc.title,
            dumps(merged_meta),
            dumps(layout),
            doc.text,
            repaired_text,
            len(doc.text),
            dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        ),
    )
    upsert_entities(conn, entities)
    for written, claim in enumerate(claims, start=1):
        _insert_claim(conn, claim)
        if written == stall_after:
            _stall()
    conn.execute(
        "INSERT INTO search (kind, ref, doc, text) VALUES ('document', ?, ?, ?)",
        (doc.id, doc.name, repaired_text or doc.text),
    )  # words as repair rejoined them
    conn.executemany(
        "INSERT INTO mentions (doc_id, span_start, span_end, text, label, entity_id) VALUES (?, ?, ?, ?, ?, ?)",
        [(doc.id, m.span.start, m.span.end, m.text, m.label, m.entity) for m in mentions],
    )
    return True


def _insert_claim(conn: sqlite3.Connection, claim: Claim) -> None:
    time_value = claim.time
    time_start = iso_day(time_value.start) if time_value else None
    time_end = iso_day(time_value.end) if time_value else None
    cursor = conn.execute(
        "INSERT OR IGNORE INTO claims (id, doc_id, doc, span_start, span_end, quote, type, predicate,"
        " lang, time_start, time_end, time_class, time_basis, confidence, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            claim.id,
            claim.doc_id,
            claim.doc,
            claim.span.start,
            claim.span.end,
            claim.quote,
            claim.type,
            claim.predicate,
            claim.lang,
            time_start,
            time_end,
            time_class(time_start, time_end),
            time_value.basis if time_value else None,
            claim.confidence,
            dumps(claim_to_dict(claim)),
        ),
    )
    if cursor.rowcount != 1:
        return  # the same claim was already stored; its participants are too
    if UNASSERTED.intersection(claim.qualifiers):
        conn.execute("INSERT OR IGNORE INTO unasserted_claims (claim_id) VALUES (?)", (claim.id,))
    conn.execute(
        "INSERT INTO search (kind, ref, doc, text) VALUES ('claim', ?, ?, ?)",
        (claim.id, claim.doc, _LINE_BREAK_HYPHEN.sub(r"\1\2", claim.quote)),
    )
    # The place goes in with the participants so that entity queries find
    # claims by where they happened as well as by who took part.
    people = [*claim.participants, *([claim.place] if claim.place else [])]
    conn.executemany(
        "INSERT INTO claim_participants (claim_id, role, name, entity_id, folded) VALUES (?, ?, ?, ?, ?)",
        [(claim.id, p.role, p.name, p.entity, fold(p.name)) for p in people],
    )


def upsert_entities(conn: sqlite3.Connection, entities: Sequence[Entity]) -> None:
    """Add entities, merging into stored ones with the same id (see :meth:`Store.upsert_entities
    <annales.store.sqlite.Store.upsert_entities>`)."""
    for entity in entities:
        row = conn.execute("SELECT name, label, aliases, wikidata FROM entities WHERE id = ?", (entity.id,)).fetchone()
        if row is None:
            conn.execute(
                "INSERT INTO entities (id, name, label, aliases, wikidata) VALUES (?, ?, ?, ?, ?)",
                (
                    entity.id,
                    entity.name,
                    entity.label,
                    dumps(list(_merge_aliases(entity.name, entity.aliases))),
                    entity.wikidata,
                ),
            )
            continue
        name, label, aliases, wikidata = row
        merged = _merge_aliases(name, json.loads(aliases), [entity.name], entity.aliases)
        conn.execute(
            "UPDATE entities SET aliases = ?, wikidata = ? WHERE id = ?",
            (dumps(list(merged)), wikidata or entity.wikidata, entity.id),
        )
    conn.executemany(  # every name an entity is known by, folded, for the entity filter of claims
        "INSERT OR IGNORE INTO entity_names (folded, entity_id) VALUES (?, ?)",
        [(fold(name), e.id) for e in entities for name in {e.id, e.name, *e.aliases}],
    )


def _merge_aliases(name: str, *groups: Sequence[str]) -> tuple[str, ...]:
    seen = {name}
    merged: list[str] = []
    for group in groups:
        for alias in group:
            if alias not in seen:
                seen.add(alias)
                merged.append(alias)
    return tuple(merged)


def delete_events(conn: sqlite3.Connection, ids: list[str]) -> None:
    """Delete the events ``ids`` (a slice small enough for SQLite's limit on bound parameters) with their
    claims, keys and conflicts."""
    marks = ", ".join("?" * len(ids))
    for table, column in (
        ("conflicts", "event_id"),
        ("event_keys", "event_id"),
        ("event_claims", "event_id"),
        ("events", "id"),
    ):
        conn.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", ids)


def insert_events(conn: sqlite3.Connection, events: Sequence[Event], conflicts: Sequence[Conflict]) -> None:
    """Write events with their claims, keys and summaries, and conflicts (replacing any of the same id)."""
    from annales.vocabulary.keys import event_keys

    disputed = {c.event for c in conflicts if c.kind != "calendar"}
    for event in events:
        conn.execute(
            "INSERT INTO events (id, type, time_start, time_end, data, summary) VALUES (?, ?, ?, ?, ?, ?)",
            (
                event.id,
                event.type,
                iso_day(event.time.start) if event.time else None,
                iso_day(event.time.end) if event.time else None,
                dumps(event_to_dict(event)),
                dumps(event_summary(event, event.id in disputed)),
            ),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO event_claims (event_id, claim_id) VALUES (?, ?)",
            [(event.id, claim.id) for claim in event.claims],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO event_keys (event_id, key) VALUES (?, ?)",
            [(event.id, key) for key in sorted(event_keys(event))],
        )
    conn.executemany(
        "INSERT OR REPLACE INTO conflicts (id, kind, event_id, data) VALUES (?, ?, ?, ?)",
        [(c.id, c.kind, c.event, dumps(conflict_to_dict(c))) for c in conflicts],
    )


def event_summary(event: Event, disputed: bool) -> dict[str, Any]:
    """What a timeline shows of an event before it is opened."""
    when = event.time
    names = list(dict.fromkeys(p.name for c in event.claims for p in c.participants if p.name))
    return {
        "id": event.id,
        "type": event.type,
        "start": iso_day(when.start) if when else None,
        "end": iso_day(when.end) if when else None,
        "edtf": when.edtf if when else None,
        "basis": when.basis if when else None,
        "names": names[:8],
        "sources": list(event.sources),
        "agreement": event.agreement,
        "langs": sorted({c.lang for c in event.claims}),
        "claims": len(event.claims),
        "disputed": disputed,
    }
