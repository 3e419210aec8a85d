"""Named, ordered schema migrations for the annales SQLite store.

Each migration runs in its own transaction together with the row that records
it in the ``migrations`` table and the matching ``PRAGMA user_version``, so a
migration is either applied and recorded or not applied at all. Migrations
are append-only: never edit one that has shipped, add the next one instead.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "OPEN_CLASS",
    "Migration",
    "apply_migrations",
    "applied_migrations",
    "fold",
    "register_functions",
    "sql",
    "time_class",
]

#: ``PRAGMA application_id`` of an annales database ("ANNL" in ASCII), so that
#: another program's SQLite file is recognised and left alone.
APPLICATION_ID = 0x414E4E4C


@dataclass(frozen=True)
class Migration:
    """One schema step: a stable name and a function that applies it."""

    name: str
    apply: Callable[[sqlite3.Connection], None]


def sql(script: str) -> Callable[[sqlite3.Connection], None]:
    """A migration function that runs an SQL script statement by statement.

    ``Connection.executescript`` commits any open transaction first, which
    would break the one-transaction-per-migration rule, so the script is split
    into complete statements and each is executed on its own.
    """

    def apply(conn: sqlite3.Connection) -> None:
        statement = ""
        for line in script.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                conn.execute(statement)
                statement = ""
        if statement.strip():
            raise ValueError(f"incomplete SQL statement in migration: {statement.strip()[:60]!r}")

    return apply


#: ``time_class`` of an interval with one end open; a closed one of class k lasts under 2**k days, and
#: the longest a date can span (year 1 to 9999) is of class 22.
OPEN_CLASS = 63


def fold(text: str | None) -> str | None:
    """Case-fold for name matching (SQLite's NOCASE folds ASCII only)."""
    return None if text is None else text.casefold()


def time_class(start: str | None, end: str | None) -> int | None:
    """The bit length of an interval's length in days, OPEN_CLASS when one end is open, None without a time."""
    if start is None and end is None:
        return None
    if start is None or end is None:
        return OPEN_CLASS
    return max((dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days, 0).bit_length()


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the schema's migrations and queries call: ``annales_fold``, ``annales_time_class``."""
    conn.create_function("annales_fold", 1, fold, deterministic=True)
    conn.create_function("annales_time_class", 2, time_class, deterministic=True)


_INITIAL = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL DEFAULT '',
    lang TEXT,
    media_type TEXT NOT NULL,
    encoding TEXT NOT NULL,
    title TEXT,
    meta TEXT NOT NULL DEFAULT '{}',
    layout TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL,
    repaired_text TEXT,
    chars INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    doc TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    quote TEXT NOT NULL,
    type TEXT NOT NULL,
    predicate TEXT NOT NULL,
    lang TEXT NOT NULL,
    time_start TEXT,
    time_end TEXT,
    time_basis TEXT,
    confidence REAL NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX claims_time ON claims(time_start, time_end);
CREATE INDEX claims_type ON claims(type);
CREATE INDEX claims_doc ON claims(doc_id, span_start);
CREATE INDEX claims_lang ON claims(lang);

CREATE TABLE claim_participants (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    entity_id TEXT
);
CREATE INDEX claim_participants_entity ON claim_participants(entity_id);
CREATE INDEX claim_participants_claim ON claim_participants(claim_id);

CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    entity_id TEXT
);
CREATE INDEX mentions_doc ON mentions(doc_id, span_start);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    wikidata TEXT
);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    time_start TEXT,
    time_end TEXT,
    data TEXT NOT NULL
);
CREATE INDEX events_time ON events(time_start, time_end);

-- No foreign key to claims: an event keeps its claims in its data column, and
-- this table only indexes which claims each event groups.
CREATE TABLE event_claims (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL,
    PRIMARY KEY (event_id, claim_id)
);
CREATE INDEX event_claims_claim ON event_claims(claim_id);

CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    event_id TEXT,
    data TEXT NOT NULL
);
"""

#: Which events a new claim could join: one row per event and key (its type, then a participant's entity
#: id or name word, or a day). Events stored before this table existed have no keys: the next ingest
#: reconciles the whole store once (see ``Store.events_indexed``).
_EVENT_KEYS = """
CREATE TABLE event_keys (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    PRIMARY KEY (key, event_id)
);
CREATE INDEX event_keys_event ON event_keys(event_id);
CREATE INDEX conflicts_event ON conflicts(event_id);
"""

#: Full-text search over documents and claims (SQLite FTS5): one row per document text and per claim
#: quote, accents folded ("Lénine" matches "Lenine"); the rows already stored are indexed at once.
_SEARCH = """
CREATE VIRTUAL TABLE search USING fts5(
    kind UNINDEXED, ref UNINDEXED, doc UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search (kind, ref, doc, text) SELECT 'document', id, name, COALESCE(repaired_text, text) FROM documents;
INSERT INTO search (kind, ref, doc, text) SELECT 'claim', id, doc, quote FROM claims;
"""

#: A small summary per event, for timelines of many events (the page reads these, not every claim):
#: type, dates, names, sources, agreement, languages, whether disputed. Rows stored before it have none
#: and are summarised from their data when read.
_EVENT_SUMMARIES = """
ALTER TABLE events ADD COLUMN summary TEXT;
"""

#: Filtered pages of claims without scanning the table, for stores of a million claims:
#: - each filter column leads an index in the claims' order, so a page is read off one index in order;
#: - ``time_class`` (the bit length of a claim's interval in days; 63 when one end is open) bounds how
#:   far back a claim overlapping a date can start, so a date filter seeks instead of scanning; its index
#:   holds each class in the claims' order and every column the filters read, so the claims of each
#:   class are read in order, from the index alone;
#: - names are folded once on write (``claim_participants.folded``, ``entity_names``) and looked up by
#:   index, instead of folding every stored name on every query; the participants' indexes hold the
#:   claim id, so an entity's claims are gathered from the index alone.
_CLAIM_FILTERS = """
ALTER TABLE claims ADD COLUMN time_class INTEGER;
UPDATE claims SET time_class = annales_time_class(time_start, time_end);
CREATE INDEX claims_order ON claims(time_start, time_end, doc, span_start, span_end, id);
CREATE INDEX claims_type_order ON claims(type, time_start, time_end, doc, span_start, span_end, id);
CREATE INDEX claims_lang_order ON claims(lang, time_start, time_end, doc, span_start, span_end, id);
CREATE INDEX claims_doc_order ON claims(doc_id, time_start, time_end, doc, span_start, span_end, id);
CREATE INDEX documents_name ON documents(name);
CREATE INDEX events_order ON events(time_start IS NULL, time_start, id);
CREATE INDEX claims_class ON claims(time_class, time_start, time_end, doc, span_start, span_end, id, type, lang, doc_id);
DROP INDEX claims_time;
DROP INDEX claims_type;
DROP INDEX claims_lang;
ALTER TABLE claim_participants ADD COLUMN folded TEXT;
UPDATE claim_participants SET folded = annales_fold(name);
CREATE INDEX claim_participants_folded ON claim_participants(folded, claim_id);
DROP INDEX claim_participants_entity;
CREATE INDEX claim_participants_entity ON claim_participants(entity_id, claim_id);
CREATE TABLE entity_names (
    folded TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (folded, entity_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO entity_names (folded, entity_id) SELECT annales_fold(id), id FROM entities;
INSERT OR IGNORE INTO entity_names (folded, entity_id) SELECT annales_fold(name), id FROM entities;
INSERT OR IGNORE INTO entity_names (folded, entity_id)
    SELECT annales_fold(alias.value), entities.id FROM entities, json_each(entities.aliases) AS alias;
"""

#: The claims whose text does not assert them (a qualifier negated, hypothetical or reported), so that the
#: asserted claims are listed off the order indexes, which hold the claim id, without reading each claim.
_UNASSERTED = """
CREATE TABLE unasserted_claims (
    claim_id TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT OR IGNORE INTO unasserted_claims (claim_id)
    SELECT claims.id FROM claims, json_each(claims.data, '$.qualifiers') AS qualifier
    WHERE qualifier.value IN ('negated', 'hypothetical', 'reported');
"""

#: Every migration, in the order it must be applied.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", sql(_INITIAL)),
    Migration("0002_event_keys", sql(_EVENT_KEYS)),
    Migration("0003_search", sql(_SEARCH)),
    Migration("0004_event_summaries", sql(_EVENT_SUMMARIES)),
    Migration("0005_claim_filters", sql(_CLAIM_FILTERS)),
    Migration("0006_unasserted_claims", sql(_UNASSERTED)),
)

_LEDGER = """
CREATE TABLE IF NOT EXISTS migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)
"""


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the database, in the order applied."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone()
    if not exists:
        return []
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def apply_migrations(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Apply the migrations not yet recorded, each in its own transaction.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so that the
    transactions here are the only ones. Returns the names applied now.
    """
    register_functions(conn)
    applied = set(applied_migrations(conn))
    done: list[str] = []
    for index, migration in enumerate(migrations, start=1):
        if migration.name in applied:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(_LEDGER)
            # Another process may have applied it while this one waited for the lock.
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (migration.name,)).fetchone():
                conn.execute("COMMIT")
                continue
            migration.apply(conn)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (migration.name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            # PRAGMAs take no parameters; both values are integers we control.
            conn.execute(f"PRAGMA user_version = {int(index)}")
            conn.execute(f"PRAGMA application_id = {int(APPLICATION_ID)}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        done.append(migration.name)
    return done
