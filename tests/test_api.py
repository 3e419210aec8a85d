"""The REST API served by a real uvicorn server over a real database, requested over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def server(sample_db: Path, serve: Callable[[Path], str]) -> str:
    return serve(sample_db)


def _get(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.model
def test_api_lists_claims_filtered_and_paged(server: str) -> None:
    status, page = _get(f"{server}/api/claims?limit=5")
    assert status == 200 and len(page["items"]) == 5 and page["more"] is True
    status, second = _get(f"{server}/api/claims?limit=5&offset=5")
    assert status == 200 and {c["id"] for c in second["items"]}.isdisjoint({c["id"] for c in page["items"]})
    status, french = _get(f"{server}/api/claims?lang=fr&type=death&limit=50")
    assert status == 200 and french["items"]
    assert all(c["lang"] == "fr" and c["type"] == "death" for c in french["items"])
    status, dated = _get(f"{server}/api/claims?from=1805&to=1805-12&limit=1000")
    assert status == 200 and dated["items"]
    assert all(c["time"]["end"] >= "1805-01-01" and c["time"]["start"] <= "1805-12-31" for c in dated["items"])
    status, napoleon = _get(f"{server}/api/claims?entity=Napoleon&limit=1000")
    assert status == 200 and napoleon["items"]


@pytest.mark.model
def test_api_document_with_a_passage_highlighted(server: str) -> None:
    status, claims = _get(f"{server}/api/claims?limit=1")
    claim = claims["items"][0]
    start, end = claim["span"]
    status, doc = _get(f"{server}/api/documents/{claim['doc']}?start={start}&end={end}")
    assert status == 200 and doc["highlight"]["passage"] == claim["quote"] == doc["text"][start:end]
    status, docs = _get(f"{server}/api/documents")
    assert status == 200 and docs["total"] == len(docs["items"]) >= 8 and "text" not in docs["items"][0]


@pytest.mark.model
def test_api_events_conflicts_entities_and_schema(server: str) -> None:
    status, events = _get(f"{server}/api/events?limit=1000")
    assert status == 200 and any(e["agreement"] >= 2 for e in events["items"])
    assert events["total"] == len(events["items"]) and not events["more"]
    status, conflicts = _get(f"{server}/api/conflicts")
    assert status == 200 and conflicts["items"] and all(len(c["claims"]) >= 2 for c in conflicts["items"])
    # Paged in the store's order: pages of 3 put back together are the whole list.
    pages, offset = [], 0
    while True:
        status, page = _get(f"{server}/api/events?limit=3&offset={offset}")
        assert status == 200 and page["total"] == events["total"]
        pages += page["items"]
        offset += 3
        if not page["more"]:
            break
    assert [e["id"] for e in pages] == [e["id"] for e in events["items"]]
    status, entities = _get(f"{server}/api/entities")
    assert status == 200 and any(e["label"] == "PER" for e in entities["items"])
    status, schema = _get(f"{server}/openapi.json")
    assert status == 200 and "/api/claims" in schema["paths"]
    listed = {p["name"] for p in schema["paths"]["/api/claims"]["get"]["parameters"]}
    assert listed == {"entity", "type", "lang", "source", "from", "to", "limit", "offset", "all"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("claims?from=last-week", "from"),
        ("claims?to=1805-13", "to"),
        ("claims?from=1806&to=1805", "to"),
        ("claims?limit=0", "limit"),
        ("claims?limit=lots", "limit"),
        ("claims?offset=-3", "offset"),
        ("claims?offset=99999999999999999999999", "offset"),
        ("claims?limit=%EF%BC%91%EF%BC%90", "limit"),  # full-width digits
        ("events?limit=5000", "limit"),
        ("conflicts?offset=-1", "offset"),
        ("claims?lang=" + "x" * 40, "lang"),
        ("claims?all=maybe", "all"),
        ("documents/no-such-file.txt", "doc"),
        ("documents/01_en_rise.txt?start=10&end=5", "start"),
        ("documents/01_en_rise.txt?start=0&end=99999999", "end"),
    ],
)
def test_api_nonsense_gets_a_clear_4xx_naming_the_parameter(server: str, query: str, parameter: str) -> None:
    status, body = _get(f"{server}/api/{query}")
    assert 400 <= status < 500, body
    assert body["error"]["parameter"] == parameter and body["error"]["status"] == status
    assert body["error"]["message"]


@pytest.mark.model
def test_api_claims_are_the_asserted_ones_unless_all_are_asked_for(server: str, sample_db: Path) -> None:
    from annales.records import UNASSERTED
    from annales.store import Store

    with Store(sample_db) as store:
        stored = store.claims()
    unasserted = [c for c in stored if UNASSERTED.intersection(c.qualifiers)]
    assert unasserted, "the sample corpus tells some events as not having happened"
    _, asserted = _get(f"{server}/api/claims?limit=1000")
    _, every = _get(f"{server}/api/claims?limit=1000&all=true")
    assert len(every["items"]) == len(stored)
    assert len(asserted["items"]) == len(stored) - len(unasserted)
    assert not any(UNASSERTED.intersection(c["qualifiers"]) for c in asserted["items"])


@pytest.mark.model
def test_api_unknown_route_has_the_same_error_shape(server: str) -> None:
    status, body = _get(f"{server}/api/nothing-here")
    assert status == 404 and body["error"]["status"] == 404


@pytest.mark.model
def test_api_full_text_search_over_documents_and_claims(server: str) -> None:
    status, found = _get(f"{server}/api/search?q=Austerlitz")
    assert status == 200 and {r["kind"] for r in found["items"]} == {"document", "claim"}
    assert all("[" in r["snippet"] for r in found["items"])
    status, claims = _get(f"{server}/api/search?q=Napol%C3%A9on%20mort*&kind=claim")
    assert status == 200 and all(r["kind"] == "claim" for r in claims["items"])
    status, odd = _get(f"{server}/api/search?q=%22unbalanced%20AND%20(")  # FTS syntax is quoted away
    assert status == 200 and odd["items"] == []
    for query, parameter in (("q=", "q"), ("q=%22*", "q"), ("q=x&kind=people", "kind")):
        status, body = _get(f"{server}/api/search?{query}")
        assert status == 422 and body["error"]["parameter"] == parameter


@pytest.mark.model
def test_api_exports_with_their_media_types(server: str) -> None:
    with urllib.request.urlopen(f"{server}/api/export/gexf", timeout=20) as response:
        assert response.status == 200 and response.headers["content-type"].startswith("application/gexf+xml")
        assert b"<gexf" in response.read()
    status, body = _get(f"{server}/api/export/docx")
    assert status == 404 and body["error"]["parameter"] == "fmt" and "timelinejs" in body["error"]["message"]


@pytest.mark.model
def test_api_timeline_summaries_and_one_event(server: str) -> None:
    status, timeline = _get(f"{server}/api/timeline")
    assert status == 200 and timeline["items"] and sum(1 for e in timeline["items"] if e["disputed"]) == 1
    first = next(e for e in timeline["items"] if e["disputed"])
    assert {"id", "type", "start", "end", "names", "sources", "langs", "agreement"} <= set(first)
    status, event = _get(f"{server}/api/events/{first['id']}")
    assert status == 200 and event["id"] == first["id"] and event["conflicts"] and event["claims"]
    status, body = _get(f"{server}/api/events/evt_nothing")
    assert status == 404 and body["error"]["parameter"] == "event_id"


@pytest.mark.model
def test_api_status_names_the_version_and_schema(server: str) -> None:
    from annales import __version__
    from annales.store.migrations import MIGRATIONS

    status, body = _get(f"{server}/api/status")
    assert status == 200 and body["annales"] == __version__
    assert body["schema"] == [m.name for m in MIGRATIONS]


@pytest.mark.model
def test_serve_with_two_worker_processes_answers(sample_db: Path, tmp_path: Path) -> None:
    # `annales serve --workers 2`: each process opens the database itself (ANNALES_DB), through the real CLI.
    import shutil
    import socket
    import subprocess
    import sys
    import time

    db = tmp_path / "served.db"
    shutil.copy(sample_db, db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    cli = Path(sys.executable).with_name("annales")
    server = subprocess.Popen(
        [str(cli), "serve", "--db", str(db), "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                status, body = _get(f"{url}/api/status")
                break
            except OSError:
                assert server.poll() is None, server.communicate()
                time.sleep(0.1)
        assert status == 200 and body["database"] == str(db)
        pages = [_get(f"{url}/api/claims?type=death&limit=3") for _ in range(6)]
        assert {code for code, _ in pages} == {200} and all(len(page["items"]) == 3 for _, page in pages)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode is not None


def test_cli_serve_refuses_nonsense_workers() -> None:
    from annales.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--workers", "0"])
    assert exit_.value.code == 2


@pytest.mark.model
def test_api_timeline_is_read_again_after_the_database_changes(
    sample_db: Path, tmp_path: Path, serve: Callable[[Path], str]
) -> None:
    # The timeline's body is kept between requests until another connection writes to the database.
    import shutil

    from annales.store import Store

    db = tmp_path / "changing.db"
    shutil.copy(sample_db, db)
    url = serve(db)
    status, before = _get(f"{url}/api/timeline")
    assert status == 200 and before["total"] == len(before["items"]) > 1
    assert _get(f"{url}/api/timeline")[1] == before
    with Store(db) as store:
        events = store.events()
        kept = [c for c in store.conflicts() if c.event != events[0].id]
        store.replace_events(events[1:], kept)
    status, after = _get(f"{url}/api/timeline")
    assert status == 200 and after["total"] == before["total"] - 1
    assert events[0].id not in {e["id"] for e in after["items"]}
