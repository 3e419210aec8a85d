"""Source criticism: events grouped across sources and languages, conflicts found, and the time it takes.

Quality: generated corpora (bench/reconcile_corpus.py) — documents in English,
French and German written from a table of true facts, with injected
disagreements (shifted dates, other places, unmarked Old Style dates) and
vaguer dates that agree — ingested through the whole pipeline into a real
store, then scored: event grouping with B-cubed against the facts, conflict
pairs (date or place) and calendar differences with precision and recall.
The seeds, when the shared folder has them, are ingested too and their
multi-source events and conflicts listed.

Speed: synthetic claims (bench/reconcile_scale.py) reconciled at 10,000 and
100,000, beside a one-pass group-by of the same claims measured in the same
run (the least any grouping does); then one new document's claims added to a
store holding the 100,000-claim events, which recomputes only what they touch.

    .venv/bin/python bench/bench_reconcile.py [--seeds 1 2 3 4 5 6] [--sizes 10000 100000] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from floors import check_floors
from reconcile_corpus import (
    Gold,
    GoldConflict,
    GoldSentence,
    PairScore,
    generate,
    load_facts,
    load_phrasings,
    score,
    write,
)
from reconcile_scale import group_by_type_and_year, one_document, synthetic_claims

from annales.pipeline import ingest, update_events
from annales.stages.reconcile import reconcile
from annales.store import Store

ROOT = Path(__file__).resolve().parent.parent
#: The issue's goals, printed beside the figures (the floors, below them when a goal is not met, are in baseline.json).
GOALS = {"bcubed_f1": 0.9, "conflict_precision": 0.95, "conflict_recall": 0.95}
SECONDS_GOALS = {100_000: 60.0}
UPDATE_GOAL = 1.0


def _prefixed(gold: Gold, prefix: str) -> Gold:
    """The gold with its documents and sentence keys prefixed, so several corpora score as one."""
    sentences = tuple(
        GoldSentence(
            prefix + s.key,
            prefix + s.doc,
            s.start,
            s.end,
            prefix + s.fact,
            s.type,
            s.lang,
            s.injection,
            s.date,
            s.precision,
            s.quote,
        )
        for s in gold.sentences
    )
    conflicts = tuple(GoldConflict(c.kind, prefix + c.first, prefix + c.second) for c in gold.conflicts)
    return Gold(sentences, conflicts)


def corpus_quality(seeds: Sequence[int], documents: int) -> dict[str, float | None]:
    facts, phrasings = load_facts(), load_phrasings()
    sentences: list[GoldSentence] = []
    gold_conflicts: list[GoldConflict] = []
    claims: list[tuple[str, str, int, int, str]] = []
    event_of: dict[str, str] = {}
    conflicts: list[tuple[str, str, str]] = []
    same_as_full = True
    ingest_seconds = 0.0
    for seed in seeds:
        corpus = generate(facts, phrasings, seed=seed, documents=documents)
        prefix = f"s{seed}/"
        gold = _prefixed(corpus.gold, prefix)
        sentences += gold.sentences
        gold_conflicts += gold.conflicts
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            paths = [p for p in write(corpus, folder) if p.suffix == ".txt"]
            with Store(Path(tmp) / "corpus.db") as store:
                started = time.perf_counter()
                for path in paths:  # one document at a time: the incremental path, as a user adds sources
                    report = ingest([path], store)
                    if report.problems:
                        raise SystemExit(f"ingest failed: {report.problems}")
                ingest_seconds += time.perf_counter() - started
                stored_events, stored_conflicts = store.events(), store.conflicts()
                full_events, full_conflicts = reconcile(store.claims())
                same_as_full &= sorted(e.id for e in stored_events) == sorted(e.id for e in full_events) and sorted(
                    c.id for c in stored_conflicts
                ) == sorted(c.id for c in full_conflicts)
                for claim in store.claims():
                    claims.append((claim.id, prefix + claim.doc, claim.span.start, claim.span.end, claim.type))
                for event in stored_events:
                    event_of.update((c.id, event.id) for c in event.claims)
                for conflict in stored_conflicts:
                    for i, a in enumerate(conflict.claims):
                        for b in conflict.claims[i + 1 :]:
                            conflicts.append((conflict.kind, a.id, b.id))
    result = score(Gold(tuple(sentences), tuple(gold_conflicts)), claims, event_of, conflicts)
    docs = len(seeds) * documents
    print(
        f"\n== generated corpora: seeds {', '.join(map(str, seeds))}, {docs} documents, {result.sentences} fact"
        f" sentences (en/fr/de), ingested one by one in {ingest_seconds:.1f} s =="
    )
    print(f"  fact sentences with a claim of their type   {result.mapped:>4} / {result.sentences}  ({result.claim_recall:.3f})")
    p, r, f = result.bcubed
    pm, rm, fm = result.bcubed_mapped
    print(f"  events, B-cubed P / R / F1                  {p:.3f} / {r:.3f} / {f:.3f}   goal F1 >= {GOALS['bcubed_f1']}")
    print(f"    over the sentences with a claim           {pm:.3f} / {rm:.3f} / {fm:.3f}")
    _pairs("conflicts (date, place)", result.date_place, goal=True)
    _pairs("calendar differences (Old Style)", result.calendar)
    print(f"  stored events equal a full recomputation    {'yes' if same_as_full else 'NO'}")
    return {
        "claim_recall": round(result.claim_recall, 3),
        "bcubed_f1": round(f, 3),
        "conflict_precision": round(result.date_place.precision, 3),
        "conflict_recall": round(result.date_place.recall, 3),
        "calendar_precision": round(result.calendar.precision, 3),
        "calendar_recall": round(result.calendar.recall, 3),
        "incremental_equals_full": 1.0 if same_as_full else 0.0,
    }


def _pairs(title: str, pairs: PairScore, *, goal: bool = False) -> None:
    line = (
        f"  {title:<42}  P {pairs.precision:.3f} ({pairs.right}/{pairs.reported})"
        f"  R {pairs.recall:.3f} ({pairs.found}/{pairs.gold})"
    )
    if goal:
        line += f"   goal >= {GOALS['conflict_precision']}"
    print(line)


def seeds_report(shared: Path) -> None:
    """The seeds' events told by more than one source, and their conflicts (nothing scored: there is no gold)."""
    folder = shared / "seeds"
    if not folder.is_dir():
        print(f"\n(no seeds at {folder}: skipped)")
        return
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "seeds.db") as store:
        ingest([folder], store)
        events, conflicts = store.events(), store.conflicts()
        print(f"\n== seeds ({folder}): {store.counts()['claims']} claims, {len(events)} events ==")
        for event in events:
            if len(event.sources) > 1:
                when = event.time.edtf if event.time else "undated"
                names = sorted({p.name for c in event.claims for p in c.participants})
                print(
                    f"  {when:<12} {event.type:<12} {len(event.sources)} sources, {event.agreement} agree:"
                    f" {', '.join(names)[:70]}"
                )
        for conflict in conflicts:
            print(f"  CONFLICT ({conflict.kind}): {conflict.explanation}")


def scale(sizes: Sequence[int]) -> dict[str, float | None]:
    print("\n== reconcile at scale (synthetic claims; ratio = reconcile / one-pass group-by, same run) ==")
    print(f"  {'claims':>8}  {'events':>7}  {'conflicts':>9}  {'group-by s':>10}  {'reconcile s':>11}  {'ratio':>6}  goal")
    figures: dict[str, float | None] = {}
    largest = None
    for size in sizes:
        claims = synthetic_claims(size)
        started = time.perf_counter()
        group_by_type_and_year(claims)
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        events, conflicts = reconcile(claims)
        seconds = time.perf_counter() - started
        goal = SECONDS_GOALS.get(size)
        verdict = "" if goal is None else f"< {goal:.0f} s {'ok' if seconds < goal else 'MISSED'}"
        print(
            f"  {size:>8,}  {len(events):>7,}  {len(conflicts):>9,}  {baseline:>10.3f}  {seconds:>11.2f}"
            f"  {seconds / baseline:>6.0f}  {verdict}"
        )
        largest = (claims, events, conflicts)
    if largest is not None:
        claims, events, conflicts = largest
        new = one_document(claims)
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "scale.db") as store:
            started = time.perf_counter()
            store.replace_events(events, conflicts)
            stored = time.perf_counter() - started
            started = time.perf_counter()
            update_events(store, new)
            seconds = time.perf_counter() - started
        print(
            f"  storing {len(events):,} events: {stored:.1f} s; adding one document ({len(new)} claims) to them:"
            f" {seconds:.3f} s  (goal < {UPDATE_GOAL:.0f} s {'ok' if seconds < UPDATE_GOAL else 'MISSED'})"
        )
        figures["update_seconds"] = round(seconds, 3)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5, 6], help="generated corpora (random seeds)")
    parser.add_argument("--documents", type=int, default=12, help="documents per generated corpus")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="synthetic claim counts")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="folder holding seeds/")
    args = parser.parse_args(argv)

    figures = corpus_quality(args.seeds, args.documents)
    seeds_report(args.shared)
    scale(args.sizes)
    return check_floors("reconcile", figures, width=26, digits=3)


if __name__ == "__main__":
    sys.exit(main())
