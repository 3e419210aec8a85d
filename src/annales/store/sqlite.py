"""The SQLite store: one file holding documents, claims, entities and events.

Writes happen in one transaction each, so a failed or killed ingest leaves
nothing half-written. Documents are keyed by the hash of their text and claims
by ids the claims stage derives from their content, so ingesting the same
content twice adds nothing. Claims are kept whole as JSON (``data``), beside
the columns that queries filter on; reading a claim back gives an equal record.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from annales.errors import StoreError
from annales.records import Claim, Conflict, Document, Entity, Event, LayoutBlock, Mention, Span
from annales.serialize import (
    claim_from_dict,
    claim_to_dict,
    conflict_from_dict,
    conflict_to_dict,
    event_from_dict,
    event_to_dict,
)
from annales.store.migrations import (
    APPLICATION_ID,
    MIGRATIONS,
    OPEN_CLASS,
    applied_migrations,
    apply_migrations,
    fold,
    register_functions,
    time_class,
)

__all__ = ["STALL_ENV", "Store"]

#: How long a writer waits for another process's lock before giving up.
BUSY_TIMEOUT_MS = 30_000

#: Page cache of the writing connection (KiB): a store of a million claims keeps its indexes' upper
#: pages in memory instead of reading them again for every row.
CACHE_KIB = 262_144
#: Readers map the file into memory (read through the OS's cache, no copy per page), as far as SQLite
#: allows (2 GB as built for Python), and cache what lies beyond.
MMAP_BYTES = 0x7FFF0000
READER_CACHE_KIB = 65_536

#: Test hook, never set outside tests: when this environment variable holds N,
#: :meth:`Store.add_document` calls :func:`_stall` inside its transaction right
#: after writing N claim rows, so a test can kill the process there and check
#: that nothing of the document was kept.
STALL_ENV = "ANNALES_TEST_STALL_AFTER_ROWS"


def _stall() -> None:
    """Wait inside the transaction (test hook, see :data:`STALL_ENV`)."""
    time.sleep(60)


def _stall_after_rows() -> int | None:
    value = os.environ.get(STALL_ENV)
    return int(value) if value else None


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _day(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _merge_aliases(name: str, *groups: Sequence[str]) -> tuple[str, ...]:
    seen = {name}
    merged: list[str] = []
    for group in groups:
        for alias in group:
            if alias not in seen:
                seen.add(alias)
                merged.append(alias)
    return tuple(merged)


def _check_span(doc: Document, span: Span, quote: str, what: str) -> None:
    # The store is the last gate before provenance becomes permanent.
    if span.end > len(doc.text) or doc.text[span.start : span.end] != quote:
        raise ValueError(f"{what} in {doc.name}: span [{span.start}, {span.end}) does not hold its quote {quote[:40]!r}")


class Store:
    """An annales database in one SQLite file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self._lock = threading.RLock()
        # Reads go through one connection per thread, so that a long read (an export) in one thread does
        # not hold up the short ones of others: in WAL mode readers do not wait for each other.
        self._readers = threading.local()
        self._reader_conns: list[sqlite3.Connection] = []
        self._check_path()
        try:
            # isolation_level=None: this class opens and closes every transaction itself.
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open database {self.path}: {error}") from error
        try:
            self._open()
        except BaseException:
            self._conn.close()
            raise

    def _check_path(self) -> None:
        path = Path(self.path)
        if path.is_dir():
            raise StoreError(f"database path {self.path} is a folder, not a file")
        if path.exists():
            if not os.access(path, os.R_OK | os.W_OK):
                raise StoreError(f"database {self.path} is not readable and writable")
        elif not path.parent.is_dir():
            raise StoreError(f"cannot create database {self.path}: folder {path.parent} does not exist")
        # SQLite keeps its -wal and -shm files next to the database.
        if not os.access(path.parent, os.W_OK):
            raise StoreError(f"database {self.path} is in a folder annales cannot write to")

    def _open(self) -> None:
        conn = self._conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # index pages stay in memory while writing
            conn.execute("PRAGMA foreign_keys = ON")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path} is not an SQLite database ({error})") from error
        if app_id != APPLICATION_ID and (app_id != 0 or tables):
            raise StoreError(
                f"{self.path} is an SQLite database but not an annales one",
                hint="give --db a new file name or an existing annales database",
            )
        known = {migration.name for migration in MIGRATIONS}
        unknown = [name for name in applied_migrations(conn) if name not in known]
        if unknown:
            raise StoreError(
                f"{self.path} was written by a newer annales (migration {unknown[0]})",
                hint="upgrade annales to read this database",
            )
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            register_functions(conn)
            apply_migrations(conn)
        except sqlite3.Error as error:
            raise StoreError(f"cannot prepare database {self.path}: {error}") from error

    def close(self) -> None:
        """Close the database; the store cannot be used afterwards."""
        with self._lock:
            for reader in self._reader_conns:
                reader.close()
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole, or rolled back whole."""
        with self._lock:
            try:
                # IMMEDIATE takes the write lock now, so the checks made inside
                # the transaction still hold when it commits.
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise StoreError(f"cannot write to database {self.path}: {error}") from error
            try:
                yield self._conn
            except sqlite3.Error as error:
                self._conn.execute("ROLLBACK")
                raise StoreError(f"cannot write to database {self.path}: {error}") from error
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _reader(self) -> sqlite3.Connection:
        """This thread's read-only connection, opened on first use."""
        conn: sqlite3.Connection | None = getattr(self._readers, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )  # used by this thread only, closed by close()
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA query_only = ON")
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
            register_functions(conn)
            with self._lock:
                self._reader_conns.append(conn)
            self._readers.conn = conn
        return conn

    def _query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        try:
            cursor = self._reader().execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()
        except sqlite3.Error as error:
            raise StoreError(f"cannot read database {self.path}: {error}") from error

    def data_version(self) -> int:
        """A number that changes whenever the database changes (SQLite's ``data_version`` as this thread's
        reader sees it: compare numbers read by one thread only)."""
        return int(self._reader().execute("PRAGMA data_version").fetchone()[0])

    def schema(self) -> list[str]:
        """The migrations applied to this database, in order."""
        with self._lock:
            return applied_migrations(self._conn)

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
        for claim in claims:
            if claim.doc_id != doc.id:
                raise ValueError(f"claim {claim.id} belongs to document {claim.doc_id!r}, not {doc.id!r}")
            _check_span(doc, claim.span, claim.quote, f"claim {claim.id}")
        for mention in mentions:
            _check_span(doc, mention.span, mention.text, "mention")
        merged_meta = dict(doc.meta)
        merged_meta.update(meta or {})
        layout = [[b.span.start, b.span.end, b.page, list(b.bbox)] for b in doc.layout]
        stall_after = _stall_after_rows()
        with self._transaction() as conn:
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
                    _dumps(merged_meta),
                    _dumps(layout),
                    doc.text,
                    repaired_text,
                    len(doc.text),
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                ),
            )
            self._upsert_entities(conn, entities)
            for written, claim in enumerate(claims, start=1):
                self._insert_claim(conn, claim)
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

    @staticmethod
    def _insert_claim(conn: sqlite3.Connection, claim: Claim) -> None:
        time_value = claim.time
        time_start = _day(time_value.start) if time_value else None
        time_end = _day(time_value.end) if time_value else None
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
                _dumps(claim_to_dict(claim)),
            ),
        )
        if cursor.rowcount != 1:
            return  # the same claim was already stored; its participants are too
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
    ) -> list[Claim]:
        """Stored claims, filtered, ordered by time start, document and span.

        ``entity`` matches an entity id, an entity's name or alias, or a
        participant's (or place's) name, case-insensitively. ``start`` and
        ``end`` keep the claims whose time interval overlaps ``[start, end]``;
        claims without a time are left out when either is given. ``doc``
        matches a document id or name.
        """
        texts = self.claims_json(entity=entity, type=type, doc=doc, lang=lang, start=start, end=end, limit=limit, offset=offset)
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
    ) -> list[bytes]:
        """The claims :meth:`claims` returns, each as its stored JSON (``claim_to_dict``) in UTF-8.

        The claims' order is read off an index (migration ``0005_claim_filters``) in runs that follow
        each other: with a date filter, the claims that start before ``start`` and are still going on
        (found by interval length, ``time_class``), those that start within the window, and those with
        only an end; without one, the claims with a start, then the others. The claims of an entity are
        gathered first and sorted when it has few, and found while reading the order when it has many.
        """
        where: list[str] = []
        params: dict[str, Any] = {}
        gathered = None  # the ids of an entity's few claims, read before the claims themselves
        if entity is not None:
            params["entity"], params["folded"] = entity, fold(entity)
            claims_of = (
                "SELECT DISTINCT claim_id FROM claim_participants WHERE folded = :folded OR entity_id = :entity"
                " OR entity_id IN (SELECT entity_id FROM entity_names WHERE folded = :folded)"
            )
            many = self._query(f"SELECT COUNT(*) FROM ({claims_of} LIMIT {_FEW_CLAIMS})", params)[0][0]
            if many < _FEW_CLAIMS:
                gathered = claims_of
            else:
                where.append(f"claims.id IN ({claims_of})")
        if type is not None:
            where.append("claims.type = :type")
            params["type"] = type
        if doc is not None:
            ids = [row[0] for row in self._query("SELECT id FROM documents WHERE id = ? OR name = ?", (doc, doc))]
            if not ids:
                return []
            where.append("claims.doc_id IN (" + ", ".join(f":doc{i}" for i in range(len(ids))) + ")")
            params.update({f"doc{i}": doc_id for i, doc_id in enumerate(ids)})
        if lang is not None:
            # A corpus has few languages: with another filter, that one's index finds the page sooner.
            where.append(("+" if where or gathered else "") + "claims.lang = :lang")
            params["lang"] = lang
        if gathered:
            return self._gathered_page(gathered, where, params, start, end, limit, offset)
        runs: list[str | list[str]]
        if start is None and end is None:
            runs = ["claims.time_start IS NOT NULL", "claims.time_start IS NULL"]
        else:
            runs = _time_runs(start, end, self._time_classes() if start is not None else [], params)
        found: list[bytes] = []
        skip, wanted = offset, -1 if limit is None else limit
        params["n"] = -1 if limit is None else offset + limit  # the most rows any one run gives
        for number, run in enumerate(runs):
            rows_of, page_of = self._run_queries(where, run)
            if skip and number < len(runs) - 1:
                # A run shorter than the rows still to skip is skipped whole.
                passed = self._query(f"SELECT COUNT(*) FROM ({rows_of} LIMIT :skip)", {**params, "skip": skip})[0][0]
                if passed < skip:
                    skip -= passed
                    continue
            rows = self._query(page_of, {**params, "limit": wanted, "offset": skip})
            found.extend(row[0] for row in rows)
            skip = 0
            if wanted >= 0:
                wanted -= len(rows)
                if wanted == 0:
                    break
        return found

    def _gathered_page(
        self,
        ids: str,
        where: list[str],
        params: dict[str, Any],
        start: dt.date | None,
        end: dt.date | None,
        limit: int | None,
        offset: int,
    ) -> list[bytes]:
        """A page of the claims whose ids the query ``ids`` gives (an entity's few): gathered, sorted on
        their order columns in one query, and only the page's rows read whole."""
        conditions = list(where)
        if start is not None or end is not None:
            # An open side of a claim's interval reaches as far as it can.
            conditions.append("(claims.time_start IS NOT NULL OR claims.time_end IS NOT NULL)")
        if start is not None:
            conditions.append("COALESCE(claims.time_end, '9999-12-31') >= :start")
            params["start"] = start.isoformat()
        if end is not None:
            conditions.append("COALESCE(claims.time_start, '0001-01-01') <= :end")
            params["end"] = end.isoformat()
        order = f"claims.time_start IS NULL, {_CLAIM_ORDER}"
        # CROSS JOIN: SQLite reads the ids first, as written, then each claim by its id.
        source = f"({ids}) AS own CROSS JOIN claims ON claims.id = own.claim_id"
        page = (
            f"SELECT claims.rowid FROM {source}"
            + (" WHERE " + " AND ".join(conditions) if conditions else "")
            + f" ORDER BY {order} LIMIT :limit OFFSET :offset"
        )
        sql = f"SELECT {_DATA} FROM claims WHERE claims.rowid IN ({page}) ORDER BY {order}"
        return [row[0] for row in self._query(sql, {**params, "limit": -1 if limit is None else limit, "offset": offset})]

    @staticmethod
    def _run_queries(where: list[str], run: str | list[str]) -> tuple[str, str]:
        """For one run of the claims' order: a query of its rows' ids, and one of a page of their data.

        The claims that started before a date filter (``run`` a list, one condition per time class) are
        read class by class off the ``claims_class`` index, each class already in the claims' order, and
        merged; the other filters only check them there. Any other run is read in order off the index of
        a filter, or of the claims' order.
        """
        if isinstance(run, list):
            checks = [f"+{w}" for w in where]
            columns = ", ".join(f"{c} AS o{i}" for i, c in enumerate(_ORDER_COLUMNS))
            branches = " UNION ALL ".join(
                f"SELECT * FROM (SELECT claims.rowid AS r, {columns} FROM claims WHERE "
                + " AND ".join([*checks, condition])
                + f" ORDER BY {_CLAIM_ORDER} LIMIT :n)"
                for condition in run
            )
            order = ", ".join(f"o{i}" for i in range(len(_ORDER_COLUMNS)))
            page = f"SELECT r FROM ({branches} ORDER BY {order} LIMIT :limit OFFSET :offset)"
            return (
                f"SELECT r FROM ({branches})",
                f"SELECT {_DATA} FROM claims WHERE claims.rowid IN ({page}) ORDER BY {_CLAIM_ORDER}",
            )
        conditions = " AND ".join([*where, run])
        return (
            f"SELECT claims.rowid FROM claims WHERE {conditions}",
            f"SELECT {_DATA} FROM claims WHERE {conditions} ORDER BY {_CLAIM_ORDER} LIMIT :limit OFFSET :offset",
        )

    def _time_classes(self) -> list[int]:
        """The time classes of the stored claims (a loose scan of their index), kept until a write."""
        conn = self._reader()
        version = self.data_version()
        cached = getattr(self._readers, "classes", None)
        if cached is None or cached[0] != version:
            rows = conn.execute(
                "WITH RECURSIVE class(k) AS (SELECT MIN(time_class) FROM claims UNION ALL"
                " SELECT (SELECT MIN(time_class) FROM claims WHERE time_class > class.k) FROM class"
                " WHERE class.k IS NOT NULL) SELECT k FROM class WHERE k IS NOT NULL"
            ).fetchall()
            cached = (version, [row[0] for row in rows])
            self._readers.classes = cached
        return list(cached[1])

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
        with self._transaction() as conn:
            self._upsert_entities(conn, entities)

    @staticmethod
    def _upsert_entities(conn: sqlite3.Connection, entities: Sequence[Entity]) -> None:
        for entity in entities:
            row = conn.execute("SELECT name, label, aliases, wikidata FROM entities WHERE id = ?", (entity.id,)).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO entities (id, name, label, aliases, wikidata) VALUES (?, ?, ?, ?, ?)",
                    (
                        entity.id,
                        entity.name,
                        entity.label,
                        _dumps(list(_merge_aliases(entity.name, entity.aliases))),
                        entity.wikidata,
                    ),
                )
                continue
            name, label, aliases, wikidata = row
            merged = _merge_aliases(name, json.loads(aliases), [entity.name], entity.aliases)
            conn.execute(
                "UPDATE entities SET aliases = ?, wikidata = ? WHERE id = ?",
                (_dumps(list(merged)), wikidata or entity.wikidata, entity.id),
            )
        conn.executemany(  # every name an entity is known by, folded, for the entity filter of claims
            "INSERT OR IGNORE INTO entity_names (folded, entity_id) VALUES (?, ?)",
            [(fold(name), e.id) for e in entities for name in {e.id, e.name, *e.aliases}],
        )

    # -- events and conflicts ----------------------------------------------

    def replace_events(self, events: Sequence[Event], conflicts: Sequence[Conflict]) -> None:
        """Replace the stored events and conflicts with a new reconcile output, in one transaction."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM event_keys")
            conn.execute("DELETE FROM event_claims")
            conn.execute("DELETE FROM events")
            conn.execute("DELETE FROM conflicts")
            self._insert_events(conn, events, conflicts)

    def update_events(self, removed: Sequence[str], events: Sequence[Event], conflicts: Sequence[Conflict]) -> None:
        """Remove the events ``removed`` (with their conflicts) and store ``events`` and ``conflicts``, in one
        transaction: what reconciling the claims of the removed events with new claims gave."""
        with self._transaction() as conn:
            # An unchanged event keeps its id (a digest of its claims): it is replaced in place.
            for chunk in _chunks(sorted(set(removed) | {e.id for e in events})):
                marks = ", ".join("?" * len(chunk))
                for table, column in (
                    ("conflicts", "event_id"),
                    ("event_keys", "event_id"),
                    ("event_claims", "event_id"),
                    ("events", "id"),
                ):
                    conn.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
            self._insert_events(conn, events, conflicts)

    @staticmethod
    def _insert_events(conn: sqlite3.Connection, events: Sequence[Event], conflicts: Sequence[Conflict]) -> None:
        from annales.vocabulary.keys import event_keys

        disputed = {c.event for c in conflicts if c.kind != "calendar"}
        for event in events:
            conn.execute(
                "INSERT INTO events (id, type, time_start, time_end, data, summary) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    event.id,
                    event.type,
                    _day(event.time.start) if event.time else None,
                    _day(event.time.end) if event.time else None,
                    _dumps(event_to_dict(event)),
                    _dumps(event_summary(event, event.id in disputed)),
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
            [(c.id, c.kind, c.event, _dumps(conflict_to_dict(c))) for c in conflicts],
        )

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
        for chunk in _chunks(sorted(set(keys))):
            marks = ", ".join("?" * len(chunk))
            ids.update(r["event_id"] for r in self._query(f"SELECT event_id FROM event_keys WHERE key IN ({marks})", chunk))
        found: list[Event] = []
        for chunk in _chunks(sorted(ids)):
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
            found.append(_dumps(event_summary(event_from_dict(json.loads(row["data"])), row["id"] in disputed)))
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


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    """``items`` in slices small enough for SQLite's limit on bound parameters."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


#: The tables Store.counts reports.
_COUNTED = ("documents", "claims", "mentions", "entities", "events", "conflicts")

#: The claims' order, as the ``*_order`` indexes of migration ``0005_claim_filters`` hold it.
_ORDER_COLUMNS = ("claims.time_start", "claims.time_end", "claims.doc", "claims.span_start", "claims.span_end", "claims.id")
_CLAIM_ORDER = ", ".join(_ORDER_COLUMNS)
#: A claim's stored JSON as UTF-8 bytes, as the API sends it (no decoding and encoding again).
_DATA = "CAST(claims.data AS BLOB)"
#: An entity with fewer claims than this has them gathered and sorted; one with more, found in order.
_FEW_CLAIMS = 5000


def _time_runs(
    start: dt.date | None, end: dt.date | None, classes: Sequence[int], params: dict[str, Any]
) -> list[str | list[str]]:
    """The conditions of the claims overlapping ``[start, end]``, as runs that follow each other in the
    claims' order: started before ``start`` and still going on (one condition per time class of
    ``classes``); started within the window; only an end."""
    runs: list[str | list[str]] = []
    if start is not None:
        params["start"] = start.isoformat()
        earlier = []
        for k in classes:
            if k == OPEN_CLASS:
                earlier.append(f"claims.time_class = {k} AND claims.time_start < :start")
                continue
            # A claim of class k that overlaps start began less than 2**k days before it.
            params[f"from{k}"] = _days_before(start, 2**k)
            earlier.append(
                f"claims.time_class = {k} AND claims.time_start >= :from{k} AND claims.time_start < :start"
                " AND claims.time_end >= :start"
            )
        if earlier:
            runs.append(earlier)
    within = ["claims.time_start IS NOT NULL"]
    if start is not None:
        within.append("claims.time_start >= :start")
    if end is not None:
        params["end"] = end.isoformat()
        within.append("claims.time_start <= :end")
    runs.append(" AND ".join(within))
    runs.append(
        "claims.time_start IS NULL AND claims.time_end IS NOT NULL"
        + (" AND claims.time_end >= :start" if start is not None else "")
    )
    return runs


def _days_before(day: dt.date, days: int) -> str:
    try:
        return (day - dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return dt.date.min.isoformat()


#: A word cut by a line-break hyphen inside a quote ("Aus- terlitz"), joined for the search index.
_LINE_BREAK_HYPHEN = re.compile(r"(\w)-\s+(\w)")


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: each word quoted, all required."""
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        word = word.rstrip("*").replace('"', '""')
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)


def event_summary(event: Event, disputed: bool) -> dict[str, Any]:
    """What a timeline shows of an event before it is opened."""
    time = event.time
    names = list(dict.fromkeys(p.name for c in event.claims for p in c.participants if p.name))
    return {
        "id": event.id,
        "type": event.type,
        "start": _day(time.start) if time else None,
        "end": _day(time.end) if time else None,
        "edtf": time.edtf if time else None,
        "basis": time.basis if time else None,
        "names": names[:8],
        "sources": list(event.sources),
        "agreement": event.agreement,
        "langs": sorted({c.lang for c in event.claims}),
        "claims": len(event.claims),
        "disputed": disputed,
    }
