"""Words per second of the full ingest path beside the bare spaCy pipeline.

Both run in the same process on the same texts, models loaded beforehand, so
the ratio is meaningful on a noisy machine: each document is analysed bare and
ingested in full one right after the other, in turns (bare first, then full
first), and each side's time is the sum over documents of its best of
``--repeat`` rounds, so that neither side gets the machine's faster moments
(a block of bare runs, then a block of full ones, drifted with the machine by
as much as the ratio's last tenth). Texts: the bundled sample corpus and, when
the data folder has them, the WikiWars narratives stripped of tags.

    .venv/bin/python bench/bench_ingest.py [--data ../shared/data] [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from annales.pipeline import Options, process, store_processed
from annales.records import Document
from annales.stages.analyse import analyse, pipeline
from annales.stages.read import read, read_bytes
from annales.store import Store

ROOT = Path(__file__).resolve().parent.parent


def corpus(data: Path, limit: int) -> list[tuple[Document, str]]:
    docs: list[tuple[Document, str]] = []
    for path in sorted((ROOT / "samples" / "napoleon" / "sources").iterdir()):
        if path.suffix in (".txt", ".html"):
            doc = read(path)
            docs.append((doc, "fr" if "_fr_" in path.name else "en"))
    wikiwars = data / "wikiwars-en" / "timex2"
    if wikiwars.is_dir():
        for path in sorted(wikiwars.iterdir())[:limit]:
            raw = path.read_text(encoding="utf-8", errors="replace")
            text = re.sub(r"<[^>]+>", "", raw)
            docs.append((read_bytes(text.encode("utf-8"), name=path.name + ".txt"), "en"))
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=3, help="WikiWars documents to add")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    docs = corpus(args.data, args.limit)
    words = sum(len(doc.text.split()) for doc, _ in docs)
    for lang in {lang for _, lang in docs}:
        pipeline(lang)("warm up")

    bare: list[list[float]] = [[] for _ in docs]
    full: list[list[float]] = [[] for _ in docs]
    for round_ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
            for k, (doc, lang) in enumerate(docs):
                for side in ("bare", "full") if (round_ + k) % 2 == 0 else ("full", "bare"):
                    t0 = time.perf_counter()
                    if side == "bare":
                        analyse(doc.text, lang)
                    else:
                        store_processed(store, process(doc, Options(lang=lang)))
                    (bare if side == "bare" else full)[k].append(time.perf_counter() - t0)
    bare_wps = words / sum(min(times) for times in bare)
    full_wps = words / sum(min(times) for times in full)
    print(f"documents: {len(docs)}, words: {words}, best of {args.repeat} rounds for each document")
    print(f"bare spaCy pipeline : {bare_wps:10.0f} words/s  (baseline)")
    print(f"full ingest path    : {full_wps:10.0f} words/s")
    print(f"ratio full/bare     : {full_wps / bare_wps:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
