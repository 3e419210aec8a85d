"""The REST API under load: filtered pages of claims from a store of N claims, with wrk (Debian's package).

The store holds N synthetic claims (bench/reconcile_scale.py) in 1,000 documents in three languages, a
tenth of them undated, each claim's quote a sentence of its document; it is built once and kept under
build/bench/ (rebuilt when the schema changes). The server is the real one, started as ``annales serve``
with one worker per core. wrk keeps CONNECTIONS connections busy for DURATION seconds, each request a
page of claims taken in turn from a few hundred filters: an entity, a type, a language, a source, a
date window (a day to a century), two filters together, and later pages (offsets up to 1,000).

Beside it, in the same run and with the same connections: ``/api/status``, which reads nothing, so the
figures are also given as ratios to what the server and wrk cost alone.

    .venv/bin/python bench/bench_serve.py [--claims 1000000] [--connections 50] [--duration 20]
"""

from __future__ import annotations

import argparse
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
from pathlib import Path

from reconcile_scale import synthetic_claims

from annales.records import Claim, Document, Entity, Span
from annales.store import Store
from annales.store.migrations import MIGRATIONS

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
            claims = [dataclasses.replace(c, doc_id=doc.id, lang=lang, span=span, quote=quote)
                      for c, (span, quote) in zip(told, spans, strict=True)]
            entities = {p.entity: Entity(p.entity, p.name, "LOC" if p.role == "place" else "PER")
                        for c in claims for p in (*c.participants, *([c.place] if c.place else [])) if p.entity}
            store.add_document(doc, lang=lang, claims=claims, mentions=[], entities=list(entities.values()))
    os.replace(partial, db)
    return time.perf_counter() - started


def filters(db: Path, rng: random.Random, count: int = 400) -> list[str]:
    """``count`` filtered claims URLs, paths and queries, drawn from what the store holds."""
    with Store(db) as store:
        people = [r["name"] for r in store._query("SELECT name FROM entities WHERE label = 'PER' LIMIT 5000")]
        places = [r["name"] for r in store._query("SELECT name FROM entities WHERE label = 'LOC' LIMIT 1000")]
        sources = [d["name"] for d in store.documents()]
        types = [r[0] for r in store._query("SELECT DISTINCT type FROM claims")]

    def window() -> dict[str, str]:
        day = dt.date(1800, 1, 1) + dt.timedelta(days=rng.randrange(150 * 365))
        width = rng.choice(("day", "month", "year", "decade", "century"))
        if width == "day":
            return {"from": day.isoformat(), "to": day.isoformat()}
        if width == "month":
            return {"from": day.strftime("%Y-%m"), "to": day.strftime("%Y-%m")}
        span = {"year": 0, "decade": 9, "century": 99}[width]
        return {"from": str(day.year), "to": str(day.year + span)}

    makers = [
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


def wrk(url: str, paths: list[str], connections: int, duration: int, folder: Path) -> dict[str, float]:
    """One wrk run over ``paths`` in turn; its figures (latencies in ms)."""
    script = folder / "paths.lua"
    table = ",\n".join(json.dumps(p) for p in paths)
    script.write_text(f"local paths = {{\n{table}\n}}\nlocal n = 0\n"
                      "request = function()\n  n = n % #paths + 1\n  return wrk.format('GET', paths[n])\nend\n"
                      + REPORT, encoding="utf-8")
    result = subprocess.run(
        ["wrk", "-t", "1", "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    out = {k: figures[k] / 1000 for k in ("p50", "p95", "p99", "max")}
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
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("annales")), "serve", "--db", str(db), "--port", str(port),
         "--workers", str(args.workers)], stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url + "/api/status", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        sizes = []
        for path in paths:  # every filter answers, before any load
            with urllib.request.urlopen(url + path, timeout=30) as response:
                sizes.append(len(json.loads(response.read())["items"]))
        with tempfile.TemporaryDirectory() as tmp:
            floor = wrk(url, ["/api/status"], args.connections, args.duration, Path(tmp))
            load = wrk(url, paths, args.connections, args.duration, Path(tmp))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"  {len(paths)} filters, {sum(sizes) / len(sizes):.0f} claims a page on average"
          f" ({sum(1 for s in sizes if s == 0)} empty); {args.workers} worker(s), {args.connections} connections,"
          f" {args.duration} s each")
    for name, run in (("/api/status (reads nothing)", floor), ("filtered claims pages", load)):
        print(f"  {name:28} {run['rate']:7,.0f} req/s  p50 {run['p50']:6.1f} ms  p95 {run['p95']:6.1f} ms"
              f"  p99 {run['p99']:6.1f} ms  max {run['max']:7.1f} ms  errors {run['errors']:.0f}"
              f" of {run['requests']:,.0f}")
    ok = load["p95"] < GOALS["p95_ms"] and load["errors"] == GOALS["errors"]
    print(f"  claims pages: p95 = {load['p95'] / floor['p95']:.1f} x /api/status, rate = "
          f"{load['rate'] / floor['rate']:.2f} x;  goal p95 < {GOALS['p95_ms']:.0f} ms with no errors:"
          f" {'ok' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
