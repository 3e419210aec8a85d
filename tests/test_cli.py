"""The command line over real files and a real SQLite database."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from annales.cli import EXIT_INPUT, EXIT_OK, EXIT_STORE, EXIT_USAGE, main

EN = (
    "In June 1812 the Grande Armée crossed the Niemen. Napoleon entered Moscow in September 1812, "
    "and the following month he ordered the retreat.\n\n"
    "Napoleon died on 5 May 1821 on Saint Helena.\n"
)
FR = "Napoléon meurt le 5 mai 1821 à Sainte-Hélène. Il abdique le 4 avril 1814 à Fontainebleau.\n"
EN2 = "Napoleon abdicated on 6 April 1814 at Fontainebleau.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a_en.txt").write_text(EN, encoding="utf-8")
    (folder / "b_fr.txt").write_text(FR, encoding="cp1252")
    (folder / "c_en.txt").write_text(EN2, encoding="utf-8")
    return folder


def test_cli_help_documents_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("ingest", "claims", "conflicts", "events", "timeline", "repair", "times", "entities", "serve", "export"):
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0
        out = capsys.readouterr().out
        assert "example:" in out, command


@pytest.mark.model
def test_cli_claims_lists_what_the_texts_assert_and_all_with_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "plans.txt"
    source.write_text(
        "In 1941 Churchill urged Stalin to attack. In 1942 Stalin did not attack Finland."
        " In 1943 the Red Army attacked Kharkov.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "p.db")
    code, _, err = run(capsys, "ingest", str(source), "--db", db, "--lang", "en", "--quiet")
    assert code == EXIT_OK, err
    _, out, _ = run(capsys, "claims", "--db", db, "--format", "jsonl")
    asserted = [json.loads(line) for line in out.splitlines()]
    _, out, _ = run(capsys, "claims", "--db", db, "--format", "jsonl", "--all")
    every = [json.loads(line) for line in out.splitlines()]
    attacks = [c for c in every if c["type"] == "battle"]
    assert {q for c in attacks for q in c["qualifiers"]} >= {"hypothetical", "negated"}
    assert [c["quote"] for c in asserted if c["type"] == "battle"] == ["1943 the Red Army attacked Kharkov"]
    assert not [c for c in asserted if c["qualifiers"] and {"negated", "hypothetical", "reported"} & set(c["qualifiers"])]
    assert len(every) > len(asserted)


def test_cli_ingest_claims_conflicts_round_trip(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "t.db")
    code, out, err = run(capsys, "ingest", str(corpus), "--db", db, "--quiet")
    assert code == EXIT_OK, err
    code, out, _ = run(capsys, "claims", "--db", db, "--format", "jsonl")
    assert code == EXIT_OK
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows
    texts = {p.name: p.read_text(encoding="cp1252" if p.name == "b_fr.txt" else "utf-8") for p in corpus.iterdir()}
    for row in rows:
        start, end = row["span"]
        assert texts[row["doc"]][start:end] == row["quote"]
        if row["time"] and row["time"]["start"]:
            assert row["time"]["start"] <= row["time"]["end"]
            assert len(row["time"]["start"]) == 10
    deaths = [r for r in rows if r["type"] == "death"]
    assert {r["doc"] for r in deaths} == {"a_en.txt", "b_fr.txt"}
    assert all(r["time"]["start"] == "1821-05-05" for r in deaths)

    code, out, _ = run(capsys, "conflicts", "--db", db, "--format", "jsonl")
    conflicts = [json.loads(line) for line in out.splitlines()]
    abdication = [c for c in conflicts if c["claims"][0]["type"] == "abdication"]
    assert len(abdication) == 1
    assert {c["doc"] for c in abdication[0]["claims"]} == {"b_fr.txt", "c_en.txt"}
    assert not [c for c in conflicts if c["claims"][0]["type"] == "death"]

    code, out, _ = run(capsys, "events", "--db", db, "--format", "jsonl")
    events = [json.loads(line) for line in out.splitlines()]
    death = [e for e in events if e["type"] == "death"]
    assert len(death) == 1 and death[0]["agreement"] == 2 and sorted(death[0]["sources"]) == ["a_en.txt", "b_fr.txt"]

    code, out, _ = run(capsys, "claims", "--db", db, "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert len(table) == len(rows) and table[0]["quote"]

    code, out, _ = run(capsys, "timeline", "--db", db, "--entity", "Napoléon", "--from", "1821", "--to", "1821")
    assert code == EXIT_OK and "death" in out and "1812" not in out

    # Re-ingesting the same content adds nothing.
    code, out, _ = run(capsys, "ingest", str(corpus), "--db", db)
    assert code == EXIT_OK and "ingested 0 document(s)" in out and "3 already stored" in out


@pytest.mark.model
def test_cli_ingest_reports_bad_files_and_keeps_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(EN2, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer garbage")
    (folder / "broken.html").write_bytes(b"<html><body><div><p>unclosed <b>tags")
    db = str(tmp_path / "t.db")
    code, out, err = run(capsys, "ingest", str(folder), str(tmp_path / "missing.txt"), "--db", db, "--quiet")
    assert code == EXIT_INPUT
    for name in ("empty.txt", "junk.txt", "broken.pdf", "missing.txt"):
        assert name in err, name
    code, out, _ = run(capsys, "claims", "--db", db, "--format", "jsonl")
    assert any(json.loads(line)["doc"] == "good.txt" for line in out.splitlines())


def test_cli_ingest_max_bytes_refuses_a_bigger_file_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "big.txt").write_text(EN2, encoding="utf-8")
    code, _, err = run(
        capsys, "ingest", str(tmp_path / "big.txt"), "--db", str(tmp_path / "t.db"), "--max-bytes", "10", "--quiet"
    )
    assert code == EXIT_INPUT
    assert "big.txt" in err and "limit of 10 bytes" in err


def test_cli_rejects_nonsense_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["timeline", "--db", str(tmp_path / "x.db"), "--from", "yesterday"])
    assert exit_info.value.code == EXIT_USAGE
    assert "yesterday" in capsys.readouterr().err
    code, _out, err = run(capsys, "claims", "--db", str(tmp_path / "none.db"))
    assert code == EXIT_STORE and "none.db" in err
    not_db = tmp_path / "notes.db"
    not_db.write_text("just some notes\n" * 100, encoding="utf-8")
    code, _out, err = run(capsys, "claims", "--db", str(not_db))
    assert code == EXIT_STORE and "notes.db" in err


def test_cli_times_timeml_is_the_text_with_timex3_tags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.txt"
    text = "On 12–14 July 1916 the army attacked; AT&T <sic> was founded in 1885.\nBetween 1925 and 1928 nothing moved."
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "times", str(path), "--lang", "en", "--format", "timeml")
    assert code == EXIT_OK
    assert out.startswith('<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n')
    assert out.endswith("\n</TimeML>\n")
    body = out.split("<TimeML>\n", 1)[1].rsplit("\n</TimeML>\n", 1)[0]
    tags = re.findall(r'<TIMEX3 tid="(t\d+)" type="(\w+)" value="([^"]*)">([^<]*)</TIMEX3>', body)
    # The original text between the tags, escaped: well-formed XML whose text is the file's, offsets included.
    assert re.sub(r"</?TIMEX3[^>]*>", "", body) == text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    root = ElementTree.fromstring(out)
    assert "".join(root.itertext()) == "\n" + text + "\n"
    assert [(e.text, e.get("value")) for e in root.iter("TIMEX3")][2] == ("1885", "1885")
    assert [t[0] for t in tags] == ["t1", "t2", "t3", "t4", "t5"]
    assert [(t[3], t[2]) for t in tags] == [
        ("12", "1916-07-12"),  # a range of days is two TIMEX3s, as HeidelTime writes it
        ("14 July 1916", "1916-07-14"),
        ("1885", "1885"),
        ("1925", "1925"),
        ("1928", "1928"),
    ]


def test_cli_times_prints_contract_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.txt"
    text = "Le 2 décembre 1804, Napoléon est sacré. L'année suivante, il gagne à Austerlitz."
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "times", str(path), "--lang", "fr")
    assert code == EXIT_OK
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["value"] for r in rows] == ["1804-12-02", "1805"]
    for row in rows:
        assert {"span", "text", "type", "value", "start", "end", "edtf", "anchor"} <= set(row)
        assert text[row["span"][0] : row["span"][1]] == row["text"]
    assert rows[1]["anchor"] == rows[0]["span"]


def test_cli_repair_json_maps_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.txt"
    text = "The Em-\nperor entered the city\nin triumph.\n\nHISTORY TODAY · Page 3\n\nA new paragraph.\n"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "repair", str(path), "--format", "json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert "Emperor entered the city in triumph." in data["text"]
    for block in data["blocks"]:
        start, end = block["original"]
        assert 0 <= start <= end <= len(text)
    assert any("Page 3" in f["text"] for f in data["furniture"])


def test_cli_entry_point_runs_as_a_command(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("In 1815 the Emperor returned.", encoding="utf-8")
    exe = Path(sys.executable).with_name("annales")
    result = subprocess.run([str(exe), "times", str(path), "--format", "text"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "1815" in result.stdout


@pytest.mark.model
def test_cli_ingest_survives_a_tokenizer_special_case_without_a_parse(tmp_path: Path) -> None:
    # Regression: German has no parser; after a special case of spaCy's tokenizer such as "):" the token
    # tree spaCy leaves is undefined, and walking it (a claim's modifiers, a name's compounds) crashed the
    # whole process with a segmentation fault. In a subprocess, so that a crash fails this test only.
    path = tmp_path / "lüttich.txt"
    path.write_text(
        "Der Krieg im Westen\n\n* 1914 Schlacht um Lüttich (Belgien): Deutsche und belgische Truppen kämpften, "
        "die Deutschen eroberten die Festung am 16. August 1914. Danach marschierten sie nach Brüssel.\n",
        encoding="utf-8",
    )
    exe = str(Path(sys.executable).with_name("annales"))
    db = str(tmp_path / "t.db")
    result = subprocess.run([exe, "ingest", str(path), "--db", db, "--lang", "de", "--quiet"], capture_output=True, text=True)
    assert result.returncode == 0, (result.returncode, result.stderr)
    claims = subprocess.run([exe, "claims", "--db", db, "--format", "jsonl"], capture_output=True, text=True, check=True)
    assert any(json.loads(line)["time"]["start"] == "1914-08-16" for line in claims.stdout.splitlines())


@pytest.mark.model
def test_cli_killed_ingest_leaves_no_half_document(tmp_path: Path, corpus: Path) -> None:
    """`annales ingest` killed inside a document's transaction keeps earlier documents, nothing of that one."""
    import os
    import signal
    import sqlite3
    import time

    from annales.store.sqlite import STALL_ENV

    db = tmp_path / "k.db"
    exe = str(Path(sys.executable).with_name("annales"))
    first = subprocess.run([exe, "ingest", str(corpus / "a_en.txt"), "--db", str(db), "--quiet"], check=False)
    assert first.returncode == 0
    env = dict(os.environ, **{STALL_ENV: "1"})
    proc = subprocess.Popen([exe, "ingest", str(corpus / "c_en.txt"), "--db", str(db), "--quiet"], env=env)
    try:
        deadline = time.monotonic() + 60
        # Wait until the writer holds the lock mid-transaction (the -wal file grows), then kill it.
        while time.monotonic() < deadline and proc.poll() is None:
            probe = sqlite3.connect(db, timeout=0.05, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
            except sqlite3.OperationalError:
                break  # locked: the ingest is inside its transaction
            finally:
                probe.close()
            time.sleep(0.1)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        assert time.monotonic() < deadline, "the ingest never took the write lock"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    connection = sqlite3.connect(db)
    names = [row[0] for row in connection.execute("SELECT name FROM documents")]
    orphans = connection.execute("SELECT count(*) FROM claims WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    assert names == ["a_en.txt"]
    assert orphans == 0


def test_pipeline_segments_stay_under_the_analysis_limit() -> None:
    from annales.pipeline import MAX_SEGMENT, _segments
    from annales.records import Block, Span

    blocks = [Block(i, Span(i * 30_000, i * 30_000 + 29_998), Span(0, 0), "en") for i in range(10)]
    segments = _segments(blocks, 300_000)
    assert all(len(s.clean) <= MAX_SEGMENT for s in segments)
    assert segments[0].clean.start == 0 and segments[-1].clean.end == 300_000
    assert all(a.clean.end == b.clean.start for a, b in zip(segments, segments[1:], strict=False))


def test_cli_serve_refuses_a_missing_database_and_a_bad_port(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "serve", "--db", str(tmp_path / "none.db"))
    assert code == 3 and "does not exist" in err and "annales ingest" in err
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--db", str(tmp_path / "none.db"), "--port", "99999"])
    assert exit_.value.code == 2 and "not a port" in capsys.readouterr().err


@pytest.mark.model
def test_cli_ingest_progress_as_json_lines_and_quiet(capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path) -> None:
    log = tmp_path / "progress.jsonl"
    code, _, err = run(capsys, "ingest", str(corpus), "--db", str(tmp_path / "p.db"), "--log-json", str(log), "--quiet")
    assert code == 0 and err == ""
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [line["files_done"] for line in lines] == [1, 2, 3] and {line["files_total"] for line in lines} == {3}
    assert lines[-1]["seconds_left"] == 0 and lines[-1]["words"] > 0 and lines[-1]["words_per_second"] > 0
    code, _, err = run(capsys, "ingest", str(corpus), "--db", str(tmp_path / "p.db"))
    assert code == 0 and err.count("skipped") == 3
    code, _, err = run(
        capsys, "ingest", str(corpus), "--db", str(tmp_path / "p.db"), "--log-json", str(tmp_path / "missing" / "p.jsonl")
    )
    assert code == 2 and "progress log" in err


@pytest.mark.model
def test_cli_timeline_shows_a_date_before_the_common_era(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A date before the common era has no days, only its EDTF: the timeline shows it, not "undated".
    source = tmp_path / "marathon.txt"
    source.write_text("In 490 BC the Persians landed at Marathon.\n", encoding="utf-8")
    db = str(tmp_path / "bc.db")
    assert run(capsys, "ingest", str(source), "--db", db, "--lang", "en")[0] == EXIT_OK
    code, out, _ = run(capsys, "timeline", "--db", db)
    assert code == EXIT_OK and "-0489" in out and "undated" not in out
