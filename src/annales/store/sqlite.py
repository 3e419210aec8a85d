"""The SQLite store: one file holding documents, claims, entities and events.

Writes happen in one transaction each, so a failed or killed ingest leaves
nothing half-written. Documents are keyed by the hash of their text and claims
by ids the claims stage derives from their content, so ingesting the same
content twice adds nothing. Claims are kept whole as JSON (``data``), beside
the columns that queries filter on; reading a claim back gives an equal record.

:class:`Store` is the one public class. Beside it, :mod:`~annales.store.connections` opens the
connections (one writer, a read-only reader per thread), :mod:`~annales.store.write` writes inside
a transaction, and :mod:`~annales.store.claims_query` reads filtered pages of claims in order.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any

from annales.errors import StoreError
from annales.records import Claim, Conflict, Document, Entity, Event, LayoutBlock, Mention, Span
from annales.serialize import claim_from_dict, conflict_from_dict, event_from_dict
from annales.store import claims_query, write
from annales.store.connections import Connections, chunks
from annales.store.migrations import applied_migrations
from annales.store.write import STALL_ENV, dumps, event_summary

__all__ = ["STALL_ENV", "Store"]


class Store:
    """An annales database in one SQLite file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._db = Connections(os.fspath(path))
        self.path = self._db.path
        # The writing connection, for tests and benches that look inside the file.
        self._conn = self._db.writer

    def close(self) -> None:
        """Close the database; the store cannot be used afterwards."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        return self._db.query(sql, params)

    def data_version(self) -> int:
        """A number that changes whenever the database changes (SQLite's ``data_version`` as this thread's
        reader sees it: compare numbers read by one thread only)."""
        return self._db.data_version()

    def schema(self) -> list[str]:
        """The migrations applied to this database, in order."""
        with self._db.lock:
            return applied_migrations(self._db.writer)

    # -- documents ---------------------------------------------------------

    def has_document(self, sha256: str) -> bool:
        """Whether a document with this text hash is stored."""
        return bool(self._query("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)))

    def add_document(
        self,
        doc: Document,
        *,
        lang: str,
        claims: Sequence[Claim],
        mentions: Sequence[Mention],
        entities: Sequence[Entity],
        repaired_text: str | None = None,
        meta: Mapping[str, str] | None = None,
    ) -> bool:
        """Store a document and everything derived from it in ONE transaction.

        Returns ``False`` (and changes nothing) if a document with the same
        sha256 is already stored. Raises ``ValueError`` if a claim or mention
        does not belong to ``doc`` or its span does not hold its quote.
        """
        write.check_document(doc, claims, mentions)
        with self._db.transaction() as conn:
            return write.insert_document(
                conn, doc, lang=lang, claims=claims, mentions=mentions, entities=entities, repaired_text=repaired_text, meta=meta
            )

    def search(self, query: str, *, kind: str | None = None, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Documents and claims whose text has every word of ``query`` (a word ending in ``*`` is a prefix),
        best first, each with a snippet; ``kind`` keeps "document" or "claim" rows only."""
        match = fts_query(query)
        if not match:
            return []
        sql = (
            "SELECT kind, ref, doc, snippet(search, 3, '[', ']', '…', 16) AS snippet, rank FROM search"
            " WHERE search MATCH ?" + (" AND kind = ?" if kind else "") + " ORDER BY rank LIMIT ? OFFSET ?"
        )
        params: list[Any] = [match] + ([kind] if kind else []) + [limit, offset]
        return [dict(row) for row in self._query(sql, params)]

    def documents(self) -> list[dict[str, Any]]:
        """The stored documents, oldest ingest first, without their text."""
        rows = self._query(
            "SELECT id, name, sha256, path, title, lang, media_type, encoding, chars, ingested_at"
            " FROM documents ORDER BY ingested_at, rowid"
        )
        return [dict(row) for row in rows]

    def _document_row(self, doc_id: str, columns: str) -> sqlite3.Row:
        rows = self._query(f"SELECT {columns} FROM documents WHERE id = ? OR name = ? LIMIT 1", (doc_id, doc_id))
        if not rows:
            raise StoreError(f"no document {doc_id!r} in {self.path}", hint="check the document id or file name")
        return rows[0]

    def document_text(self, doc_id: str, *, repaired: bool = False) -> str:
        """The original decoded text of a document (by id or name), or its repaired text."""
        row = self._document_row(doc_id, "text, repaired_text")
        if repaired and row["repaired_text"] is not None:
            return str(row["repaired_text"])
        return str(row["text"])

    def document(self, doc_id: str) -> Document:
        """The stored document (by id or name) as a record."""
        row = self._document_row(doc_id, "name, text, sha256, media_type, encoding, path, title, meta, layout")
        layout = tuple(
            LayoutBlock(Span(start, end), page, (bbox[0], bbox[1], bbox[2], bbox[3]))
            for start, end, page, bbox in json.loads(row["layout"])
        )
        return Document(
            name=row["name"],
            text=row["text"],
            sha256=row["sha256"],
            media_type=row["media_type"],
            encoding=row["encoding"],
            path=row["path"],
            title=row["title"],
            meta=tuple(json.loads(row["meta"]).items()),
            layout=layout,
        )

    def mentions(self, doc_id: str) -> list[Mention]:
        """The entity mentions of one document (by id), in text order."""
        rows = self._query(
            "SELECT span_start, span_end, text, label, entity_id FROM mentions"
            " WHERE doc_id = ? ORDER BY span_start, span_end, rowid",
            (doc_id,),
        )
        return [Mention(Span(r["span_start"], r["span_end"]), r["text"], r["label"], r["entity_id"]) for r in rows]

    # -- claims ------------------------------------------------------------

    def claims(
        self,
        *,
        entity: str | None = None,
        type: str | None = None,
        doc: str | None = None,
        lang: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
        asserted: bool = False,
    ) -> list[Claim]:
        """Stored claims, filtered, ordered by time start, document and span.

        ``entity`` matches an entity id, an entity's name or alias, or a
        participant's (or place's) name, case-insensitively. ``start`` and
        ``end`` keep the claims whose time interval overlaps ``[start, end]``;
        claims without a time are left out when either is given. ``doc``
        matches a document id or name. ``asserted`` keeps only the claims their
        text asserts (none of the qualifiers negated, hypothetical, reported).
        """
        texts = self.claims_json(
            entity=entity, type=type, doc=doc, lang=lang, start=start, end=end, limit=limit, offset=offset, asserted=asserted
        )
        return [claim_from_dict(json.loads(text)) for text in texts]

    def claims_json(
        self,
        *,
        entity: str | None = None,
        type: str | None = None,
        doc: str | None = None,
        lang: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
        asserted: bool = False,
    ) -> list[bytes]:
        """The claims :meth:`claims` returns, each as its stored JSON (``claim_to_dict``) in UTF-8.

        How a page is read off the indexes: :func:`annales.store.claims_query.claims_json`.
        """
        return claims_query.claims_json(
            self._db,
            entity=entity,
            type=type,
            doc=doc,
            lang=lang,
            start=start,
            end=end,
            limit=limit,
            offset=offset,
            asserted=asserted,
        )

    # -- entities ----------------------------------------------------------

    def entities(self) -> list[Entity]:
        """The stored entities, by name."""
        rows = self._query("SELECT id, name, label, aliases, wikidata FROM entities ORDER BY name, id")
        return [Entity(r["id"], r["name"], r["label"], tuple(json.loads(r["aliases"])), r["wikidata"]) for r in rows]

    def upsert_entities(self, entities: Sequence[Entity]) -> None:
        """Add entities, merging into stored ones with the same id.

        A stored entity keeps its name and label; a different incoming name
        and the incoming aliases become aliases; a missing Wikidata id is
        filled in.
        """
        with self._db.transaction() as conn:
            write.upsert_entities(conn, entities)

    # -- events and conflicts ----------------------------------------------

    def replace_events(self, events: Sequence[Event], conflicts: Sequence[Conflict]) -> None:
        """Replace the stored events and conflicts with a new reconcile output, in one transaction."""
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM event_keys")
            conn.execute("DELETE FROM event_claims")
            conn.execute("DELETE FROM events")
            conn.execute("DELETE FROM conflicts")
            write.insert_events(conn, events, conflicts)

    def update_events(self, removed: Sequence[str], events: Sequence[Event], conflicts: Sequence[Conflict]) -> None:
        """Remove the events ``removed`` (with their conflicts) and store ``events`` and ``conflicts``, in one
        transaction: what reconciling the claims of the removed events with new claims gave."""
        with self._db.transaction() as conn:
            # An unchanged event keeps its id (a digest of its claims): it is replaced in place.
            for chunk in chunks(sorted(set(removed) | {e.id for e in events})):
                write.delete_events(conn, chunk)
            write.insert_events(conn, events, conflicts)

    def claims_outside_events(self) -> list[Claim]:
        """Stored claims that no event holds: new ones not yet reconciled (an ingest interrupted before its
        events were stored leaves some), and those reconcile leaves out (negated, hypothetical, reported)."""
        rows = self._query("SELECT data FROM claims WHERE id NOT IN (SELECT claim_id FROM event_claims) ORDER BY id")
        return [claim_from_dict(json.loads(r["data"])) for r in rows]

    def events_indexed(self) -> bool:
        """Whether every stored event has its keys (events stored before keys existed have none)."""
        rows = self._query("SELECT EXISTS (SELECT 1 FROM events WHERE id NOT IN (SELECT event_id FROM event_keys)) AS missing")
        return not rows[0]["missing"]

    def events_with_keys(self, keys: Sequence[str]) -> list[Event]:
        """The stored events that have any of ``keys`` (see ``annales.vocabulary.keys.event_keys``)."""
        ids: set[str] = set()
        for chunk in chunks(sorted(set(keys))):
            marks = ", ".join("?" * len(chunk))
            ids.update(r["event_id"] for r in self._query(f"SELECT event_id FROM event_keys WHERE key IN ({marks})", chunk))
        found: list[Event] = []
        for chunk in chunks(sorted(ids)):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(f"SELECT data FROM events WHERE id IN ({marks})", chunk)
            found += [event_from_dict(json.loads(r["data"])) for r in rows]
        return found

    def event_summaries(self) -> list[dict[str, Any]]:
        """Every event's summary (see ``event_summary``), in timeline order: what a timeline of many events
        draws before anyone opens one."""
        return [json.loads(text) for text in self.event_summaries_json()]

    def event_summaries_json(self) -> list[str]:
        """The summaries as stored JSON texts, for a server that sends them on without decoding them."""
        rows = self._query("SELECT summary, data, id FROM events ORDER BY time_start IS NULL, time_start, id")
        disputed: set[str] | None = None
        found = []
        for row in rows:
            if row["summary"] is not None:
                found.append(str(row["summary"]))
                continue
            if disputed is None:  # an event stored before summaries existed
                disputed = {r["event_id"] for r in self._query("SELECT event_id FROM conflicts WHERE kind != 'calendar'")}
            found.append(dumps(event_summary(event_from_dict(json.loads(row["data"])), row["id"] in disputed)))
        return found

    def event(self, event_id: str) -> Event | None:
        """One stored event, or None."""
        rows = self._query("SELECT data FROM events WHERE id = ?", (event_id,))
        return event_from_dict(json.loads(rows[0]["data"])) if rows else None

    def conflicts_of(self, event_id: str) -> list[Conflict]:
        rows = self._query("SELECT data FROM conflicts WHERE event_id = ? ORDER BY id", (event_id,))
        return [conflict_from_dict(json.loads(r["data"])) for r in rows]

    def events(self, *, limit: int | None = None, offset: int = 0) -> list[Event]:
        """The stored events, by start (undated last), then id: the order reconcile gives them; ``limit``
        and ``offset`` page them."""
        rows = self._query(
            "SELECT data FROM events ORDER BY time_start IS NULL, time_start, id LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [event_from_dict(json.loads(r["data"])) for r in rows]

    def conflicts(self, *, limit: int | None = None, offset: int = 0) -> list[Conflict]:
        """The stored conflicts, in the order of their events, then by id; ``limit`` and ``offset`` page them."""
        rows = self._query(
            "SELECT conflicts.data FROM conflicts LEFT JOIN events ON events.id = conflicts.event_id"
            " ORDER BY events.time_start IS NULL, events.time_start, events.id, conflicts.id LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [conflict_from_dict(json.loads(r["data"])) for r in rows]

    def counts(self) -> dict[str, int]:
        """How many documents, claims, mentions, entities, events and conflicts are stored."""
        sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {t}" for t in _COUNTED)
        return {row[0]: int(row[1]) for row in self._query(sql)}

    def count(self, table: str) -> int:
        """How many rows one of the tables :meth:`counts` reports holds."""
        if table not in _COUNTED:
            raise ValueError(f"no table {table!r} to count: one of {', '.join(_COUNTED)}")
        return int(self._query(f"SELECT COUNT(*) FROM {table}")[0][0])


#: The tables Store.counts reports.
_COUNTED = ("documents", "claims", "mentions", "entities", "events", "conflicts")


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: each word quoted, all required."""
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        word = word.rstrip("*").replace('"', '""')
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)
