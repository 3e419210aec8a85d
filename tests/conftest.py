"""Shared fixtures: real files in tmp_path, the sample corpus, model-backed helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "napoleon"
SOURCES = SAMPLES / "sources"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus ingested once into a real SQLite file."""
    from annales.pipeline import ingest
    from annales.store import Store

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    with Store(path) as store:
        report = ingest([SOURCES], store)
    assert report.problems == [], report.problems
    return path
