"""The REST API under load: filtered pages of claims from a store of N claims, with wrk (Debian's package).

The store holds N synthetic claims (bench/reconcile_scale.py) in 1,000 documents in three languages, a
tenth of them undated, each claim's quote a sentence of its document; it is built once and kept under
build/bench/ (rebuilt when the schema changes). The server is the real one, started as ``annales serve``
with one worker per core. wrk keeps CONNECTIONS connections busy for DURATION seconds, each request a
page of claims taken in turn from a few hundred filters: an entity, a type, a language, a source, a
date window (a day to a century), two filters together, and later pages (offsets up to 1,000); once
with pages of the API's default size, once with pages twice as long.

Beside them, in the same run and with the same connections: ``/api/status``, which reads nothing, so
the figures are also given as ratios to what the server and wrk cost alone.

    .venv/bin/python bench/bench_serve.py [--claims 1000000] [--connections 50] [--duration 20]
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reconcile_scale import synthetic_claims

from annales.api.app import DEFAULT_LIMIT
from annales.records import Claim, Document, Entity, Span
from annales.store import Store
from annales.store.migrations import MIGRATIONS
from annales.vocabulary import event_types

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"p95_ms": 50.0, "errors": 0}
LANGS = ("en", "fr", "de")
DOCUMENTS = 1000
#: Reports wrk's figures as one JSON line when the run ends (latencies in microseconds).
REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d,'
    .. ' "non2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.status, e.connect, e.read, e.write, e.timeout))
end
"""


def _sentence(claim: Claim) -> str:
    names = [p.name for p in claim.participants]
    where = f" at {claim.place.name}" if claim.place else ""
    when = f" in {claim.time.start.year}" if claim.time and claim.time.start else ""
    return f"{names[0]} and the {claim.type} of {names[1]}{where}{when}."


def build_store(db: Path, count: int) -> float:
    """Write ``count`` claims into a new store at ``db``; returns the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(3)
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in synthetic_claims(count, documents=DOCUMENTS):
        by_doc[claim.doc].append(claim if rng.random() >= 0.1 else dataclasses.replace(claim, time=None))
    partial = db.with_suffix(".partial")
    for path in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        path.unlink(missing_ok=True)
    with Store(partial) as store:
        store._conn.execute("PRAGMA synchronous = OFF")  # a file thrown away if the build fails: no fsync
        for number, (name, told) in enumerate(sorted(by_doc.items())):
            lang = LANGS[number % len(LANGS)]
            text, spans = "", []
            for claim in told:
                quote = _sentence(claim)
                spans.append((Span(len(text), len(text) + len(quote)), quote))
                text += quote + " "
            sha = hashlib.sha256(text.encode()).hexdigest()
            doc = Document(name=name, text=text, sha256=sha, media_type="text/plain", encoding="utf-8")
            claims = [
                dataclasses.replace(c, doc_id=doc.id, lang=lang, span=span, quote=quote)
                for c, (span, quote) in zip(told, spans, strict=True)
            ]
            entities = {
                p.entity: Entity(p.entity, p.name, "LOC" if p.role == "place" else "PER")
                for c in claims
                for p in (*c.participants, *([c.place] if c.place else []))
                if p.entity
            }
            store.add_document(doc, lang=lang, claims=claims, mentions=[], entities=list(entities.values()))
    os.replace(partial, db)
    return time.perf_counter() - started


def filters(db: Path, rng: random.Random, count: int = 400) -> list[str]:
    """``count`` filtered claims URLs, paths and queries, drawn from what the store holds."""
    with Store(db) as store:
        entities = store.entities()
        sources = [d["name"] for d in store.documents()]
    people = [e.name for e in entities if e.label == "PER"]
    places = [e.name for e in entities if e.label == "LOC"]
    types = sorted(t for t in event_types() if t != "other")  # the types synthetic_claims draws from

    def window() -> dict[str, str]:
        day = dt.date(1800, 1, 1) + dt.timedelta(days=rng.randrange(150 * 365))
        width = rng.choice(("day", "month", "year", "decade", "century"))
        if width == "day":
            return {"from": day.isoformat(), "to": day.isoformat()}
        if width == "month":
            return {"from": day.strftime("%Y-%m"), "to": day.strftime("%Y-%m")}
        span = {"year": 0, "decade": 9, "century": 99}[width]
        return {"from": str(day.year), "to": str(day.year + span)}

    makers: list[Callable[[], dict[str, str]]] = [
        lambda: {"entity": rng.choice(people)},
        lambda: {"entity": rng.choice(places).lower()},
        lambda: {"type": rng.choice(types)},
        lambda: {"lang": rng.choice(LANGS)},
        lambda: {"source": rng.choice(sources)},
        window,
        lambda: {"type": rng.choice(types), **window()},
        lambda: {"lang": rng.choice(LANGS), "type": rng.choice(types)},
        lambda: {"type": rng.choice(types), "offset": str(rng.choice((100, 500, 1000)))},
        lambda: {"entity": rng.choice(people), "from": "1850"},
    ]
    return ["/api/claims?" + urllib.parse.urlencode(makers[i % len(makers)]()) for i in range(count)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def connections_per_worker(server: int, port: int) -> list[int]:
    """How many established connections to ``port`` each worker process of ``server`` holds (from /proc),
    most first."""
    listening = f"{port:04X}"
    established = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table, encoding="ascii") as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if fields[1].rsplit(":", 1)[1] == listening and fields[3] == "01":
                    established.add(fields[9])
    counts = []
    children = Path(f"/proc/{server}/task/{server}/children")
    for pid in children.read_text().split() if children.exists() else [str(server)]:
        with contextlib.suppress(OSError):
            if b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue  # multiprocessing's helper, not a worker
        held = 0
        with contextlib.suppress(OSError):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                held += target.startswith("socket:[") and target[8:-1] in established
        counts.append(held)
    return sorted(counts, reverse=True)


def wrk(url: str, paths: list[str], connections: int, duration: int, folder: Path, server: int | None = None) -> dict[str, Any]:
    """One wrk run over ``paths`` in turn; its figures (latencies in ms), and how the connections were
    shared among the workers of ``server`` halfway through."""
    script = folder / "paths.lua"
    table = ",\n".join(json.dumps(p) for p in paths)
    script.write_text(
        f"local paths = {{\n{table}\n}}\nlocal n = 0\n"
        "request = function()\n  n = n % #paths + 1\n  return wrk.format('GET', paths[n])\nend\n" + REPORT,
        encoding="utf-8",
    )
    load = subprocess.Popen(
        ["wrk", "-t", "1", "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s", "-s", str(script), url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(duration / 2)
    shared = connections_per_worker(server, int(url.rsplit(":", 1)[1])) if server else []
    stdout, stderr = load.communicate()
    if load.returncode:
        raise RuntimeError(f"wrk failed: {stderr.strip()}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    out: dict[str, Any] = {k: figures[k] / 1000 for k in ("p50", "p95", "p99", "max")}
    out["shared"] = shared
    out["rate"] = figures["requests"] / (figures["duration_us"] / 1e6)
    out["requests"] = figures["requests"]
    out["errors"] = sum(figures[k] for k in ("non2xx", "connect", "read", "write", "timeout"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per run")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("bench_serve: wrk is not installed (make setup installs Debian's package)", file=sys.stderr)
        return 2
    args.cache.mkdir(parents=True, exist_ok=True)
    db = args.cache / f"serve-{args.claims}-{len(MIGRATIONS)}.db"
    if db.exists():
        print(f"{args.claims:,} claims: store {db} (built before)")
    else:
        seconds = build_store(db, args.claims)
        print(f"{args.claims:,} claims: store built in {seconds:.0f} s ({db.stat().st_size / 1e6:,.0f} MB)")
    paths = filters(db, random.Random(5))
    pages = {
        f"pages of {DEFAULT_LIMIT} (the default)": paths,
        f"pages of {2 * DEFAULT_LIMIT}": [f"{path}&limit={2 * DEFAULT_LIMIT}" for path in paths],
    }
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("annales")),
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url + "/api/status", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        sizes = []
        for path in pages[f"pages of {2 * DEFAULT_LIMIT}"]:  # every filter answers, before any load
            with urllib.request.urlopen(url + path, timeout=30) as response:
                sizes.append(len(json.loads(response.read())["items"]))
        with tempfile.TemporaryDirectory() as tmp:
            runs = {
                "/api/status (reads nothing)": wrk(url, ["/api/status"], args.connections, args.duration, Path(tmp), server.pid)
            }
            runs.update(
                {name: wrk(url, group, args.connections, args.duration, Path(tmp), server.pid) for name, group in pages.items()}
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"  {len(paths)} filters ({sum(1 for s in sizes if s < 2 * DEFAULT_LIMIT)} with fewer than"
        f" {2 * DEFAULT_LIMIT} claims); {args.workers} worker(s), {args.connections} connections, {args.duration} s each"
    )
    floor = runs["/api/status (reads nothing)"]
    for name, run in runs.items():
        print(
            f"  {name:28} {run['rate']:7,.0f} req/s  p50 {run['p50']:6.1f} ms  p95 {run['p95']:6.1f} ms"
            f"  p99 {run['p99']:6.1f} ms  max {run['max']:7.1f} ms  errors {run['errors']:.0f}"
            f" of {run['requests']:,.0f}"
            + (f"   p95 = {run['p95'] / floor['p95']:.1f} x /api/status" if run is not floor else "")
            + f"   connections per worker {'/'.join(map(str, run['shared']))}"
        )
    load = runs[f"pages of {DEFAULT_LIMIT} (the default)"]
    ok = load["p95"] < GOALS["p95_ms"] and load["errors"] == GOALS["errors"]
    print(f"  goal for a page of claims, p95 < {GOALS['p95_ms']:.0f} ms with no errors: {'ok' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
