"""The store's SQLite connections: one writer, and one read-only reader per thread.

The writer is opened (and the file checked, recognised and migrated) when the
store is; it takes every write transaction under a lock. Reads go through one
connection per thread, so that a long read (an export) in one thread does not
hold up the short ones of others: in WAL mode readers do not wait for each other.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from annales.errors import StoreError
from annales.store.migrations import APPLICATION_ID, MIGRATIONS, applied_migrations, apply_migrations, register_functions

__all__ = ["BUSY_TIMEOUT_MS", "CACHE_KIB", "MMAP_BYTES", "READER_CACHE_KIB", "Connections", "chunks"]

#: How long a writer waits for another process's lock before giving up.
BUSY_TIMEOUT_MS = 30_000

#: Page cache of the writing connection (KiB): a store of a million claims keeps its indexes' upper
#: pages in memory instead of reading them again for every row.
CACHE_KIB = 262_144
#: Readers map the file into memory (read through the OS's cache, no copy per page), as far as SQLite
#: allows (2 GB as built for Python), and cache what lies beyond.
MMAP_BYTES = 0x7FFF0000
READER_CACHE_KIB = 65_536


class Connections:
    """The connections to one annales database file, opened with the file checked and migrated.

    Raises :class:`StoreError` when the path cannot hold a database, the file is not an annales one,
    or a newer annales wrote it.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.lock = threading.RLock()
        #: This thread's reader (``conn``) and what is cached with it until a write.
        self.local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._check_path()
        try:
            # isolation_level=None: this class opens and closes every transaction itself.
            self.writer = sqlite3.connect(
                self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise StoreError(f"cannot open database {self.path}: {error}") from error
        try:
            self._open()
        except BaseException:
            self.writer.close()
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
        conn = self.writer
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
        """Close every connection, the readers of all threads with the writer."""
        with self.lock:
            for reader in self._readers:
                reader.close()
            self.writer.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole, or rolled back whole."""
        with self.lock:
            try:
                # IMMEDIATE takes the write lock now, so the checks made inside
                # the transaction still hold when it commits.
                self.writer.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise StoreError(f"cannot write to database {self.path}: {error}") from error
            try:
                yield self.writer
            except sqlite3.Error as error:
                self.writer.execute("ROLLBACK")
                raise StoreError(f"cannot write to database {self.path}: {error}") from error
            except BaseException:
                self.writer.execute("ROLLBACK")
                raise
            self.writer.execute("COMMIT")

    def reader(self) -> sqlite3.Connection:
        """This thread's read-only connection, opened on first use."""
        conn: sqlite3.Connection | None = getattr(self.local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )  # used by this thread only, closed by close()
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA query_only = ON")
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
            register_functions(conn)
            with self.lock:
                self._readers.append(conn)
            self.local.conn = conn
        return conn

    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        """The rows of one read on this thread's reader; an SQLite error becomes a :class:`StoreError`."""
        try:
            cursor = self.reader().execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()
        except sqlite3.Error as error:
            raise StoreError(f"cannot read database {self.path}: {error}") from error

    def data_version(self) -> int:
        """SQLite's ``data_version`` as this thread's reader sees it (see :meth:`Store.data_version`)."""
        return int(self.reader().execute("PRAGMA data_version").fetchone()[0])


def chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    """``items`` in slices small enough for SQLite's limit on bound parameters."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
