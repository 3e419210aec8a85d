"""Snapshot what the public stages produce, so that a restructuring can prove it changed nothing.

Writes one JSON-lines file per part under ``--out``:

- ``time.jsonl``: ``find_times`` (and its TIMEX3 values) over every document of the four
  time corpora in the data folder;
- ``repair.jsonl``: ``repair`` over the WikiWars texts shuffled the way ``make bench-repair``
  shuffles them, the OverProof articles and the seeds;
- ``pipeline.jsonl``: the CLI's ``claims``, ``events`` and ``conflicts`` after ``ingest`` of the
  sample corpus and of the seeds into fresh stores (the path users run).

Run it before and after a change and compare the folders with ``diff -r``::

    python bench/snapshot.py --out build/snap-before
    python bench/snapshot.py --out build/snap-after
    diff -r build/snap-before build/snap-after
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_repair import build, overproof_articles, wikiwars_texts  # noqa: E402
from bench_time import CORPORA  # noqa: E402

from annales.stages.repair import repair  # noqa: E402
from annales.stages.time import find_times, timex3  # noqa: E402

PARTS = ("time", "repair", "pipeline")


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a record: dataclasses as dicts, arrays and tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple) or type(value).__name__ == "array":
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def time_rows(data: Path) -> Iterator[dict[str, Any]]:
    """Every time mention of every document of the time corpora, with its TIMEX3 values."""
    for corpus in CORPORA:
        for path in corpus.files(data):
            doc = corpus.reader(path)
            mentions = find_times(doc.text, corpus.lang, dct=doc.dct if corpus.news else None)
            for m in mentions:
                yield {
                    "doc": f"{corpus.name}/{path.name}",
                    "mention": _plain(m),
                    "timex3": [[s.start, s.end, kind, value] for s, kind, value in timex3(m)],
                }


def repair_rows(data: Path, seeds: Path) -> Iterator[dict[str, Any]]:
    """The repaired text, joins, furniture and offsets of shuffled WikiWars, OverProof and the seeds."""
    texts = [
        (f"wikiwars/{name}/{shuffle}", lang, text, shuffle)
        for name, lang, text in wikiwars_texts(data)
        for shuffle in ("page", "full")
    ]
    for label, lang, text, shuffle in texts:
        built = build(text, random.Random(label), shuffle)
        yield {"doc": label, "repaired": _plain(repair(built.text, lang=lang))}
    for i, article in enumerate(overproof_articles(data)):
        raw = "\n".join(line for line, _ in article)
        yield {"doc": f"overproof/{i}", "repaired": _plain(repair(raw, lang="en"))}
    for path in sorted(seeds.glob("*.txt")):
        yield {"doc": f"seeds/{path.name}", "repaired": _plain(repair(path.read_text(encoding="utf-8")))}


def pipeline_rows(seeds: Path) -> Iterator[dict[str, Any]]:
    """Claims, events and conflicts as the CLI prints them after ingesting into a fresh store."""
    annales = shutil.which("annales", path=str(Path(sys.executable).parent)) or "annales"
    for label, source in (("samples", ROOT / "samples" / "napoleon" / "sources"), ("seeds", seeds)):
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "snap.db")
            subprocess.run([annales, "ingest", str(source), "--db", db, "--quiet"], check=True)
            for command in ("claims", "events", "conflicts"):
                out = subprocess.run(
                    [annales, command, "--db", db, "--format", "jsonl"], check=True, capture_output=True, text=True
                ).stdout
                for line in out.splitlines():
                    yield {"corpus": label, "command": command, "row": json.loads(line)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write the snapshot into")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--only", choices=PARTS, action="append", help="one part (repeatable); all by default")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    makers = {
        "time": lambda: time_rows(args.data),
        "repair": lambda: repair_rows(args.data, args.seeds),
        "pipeline": lambda: pipeline_rows(args.seeds),
    }
    for part in args.only or PARTS:
        count = 0
        with (args.out / f"{part}.jsonl").open("w", encoding="utf-8") as out:
            for row in makers[part]():
                out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
        print(f"{part}: {count} rows in {args.out / (part + '.jsonl')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
