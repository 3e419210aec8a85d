"""Where annales keeps what it has read: one SQLite file (see :mod:`annales.store.sqlite`)."""

from annales.store.migrations import MIGRATIONS, Migration, apply_migrations
from annales.store.sqlite import Store

__all__ = ["MIGRATIONS", "Migration", "Store", "apply_migrations"]
