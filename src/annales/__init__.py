"""annales: historical documents to a cited, dated, cross-checked timeline.

The public API is imported lazily so that ``import annales`` stays cheap and
commands that need no model load none.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Options": "annales.pipeline",
    "Processed": "annales.pipeline",
    "ingest": "annales.pipeline",
    "process": "annales.pipeline",
    "read": "annales.stages.read",
    "repair": "annales.stages.repair",
    "find_times": "annales.stages.time",
    "reconcile": "annales.stages.reconcile",
    "Store": "annales.store",
    "Claim": "annales.records",
    "Conflict": "annales.records",
    "Document": "annales.records",
    "Entity": "annales.records",
    "Event": "annales.records",
    "Mention": "annales.records",
    "Span": "annales.records",
    "TimeValue": "annales.records",
    "AnnalesError": "annales.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'annales' has no attribute {name!r}")
