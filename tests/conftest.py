"""Shared fixtures: real files in tmp_path, the sample corpus, model-backed helpers."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
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


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Start the API over a database on a free loopback port, in a real uvicorn server; returns its URL.
    The servers stop at the end of the session."""
    import uvicorn

    from annales.api import create_app

    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(db: Path) -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        running.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(timeout=10)
