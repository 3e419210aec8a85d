"""The pipeline scored against the sample corpus gold, with floors from bench/baseline.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annales.gold import load_gold, load_gold_events, score
from annales.stages.read import read
from annales.store import Store

ROOT = Path(__file__).resolve().parent.parent
FLOORS = json.loads((ROOT / "bench" / "baseline.json").read_text(encoding="utf-8"))["sample_gold"]


@pytest.mark.model
def test_gold_sample_corpus_meets_floors(sample_db: Path, samples: Path) -> None:
    sources = samples / "sources"
    texts = {p.name: read(p).text for p in sources.iterdir()}
    gold, gold_conflicts = load_gold(samples / "gold.yaml", texts)
    with Store(sample_db) as store:
        claims = store.claims()
        conflicts = store.conflicts()
        events = store.events()
    for claim in claims:
        assert texts[claim.doc][claim.span.start : claim.span.end] == claim.quote
    gold_events = load_gold_events(samples / "gold.yaml")
    result = score(gold, gold_conflicts, claims, conflicts, gold_events=gold_events, events=events)
    figures = result.figures()
    print("sample gold:", figures)
    for name in ("claim_recall", "claim_precision", "time_accuracy", "conflict_recall", "event_pair_recall"):
        assert figures[name] >= FLOORS[name], f"{name} {figures[name]} < floor {FLOORS[name]}"
    false_conflicts = result.conflicts_reported - result.conflicts_found
    assert false_conflicts <= FLOORS["max_false_conflicts"], f"{false_conflicts} conflicts not in the gold"
