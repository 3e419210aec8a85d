"""The reconcile benchmark on one small generated corpus, through the whole pipeline, against its floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from bench_reconcile import corpus_quality  # noqa: E402
from reconcile_scale import group_by_type_and_year, one_document, synthetic_claims  # noqa: E402

from annales.stages.reconcile import reconcile  # noqa: E402

FLOORS = json.loads((Path(__file__).resolve().parent.parent / "bench" / "baseline.json").read_text())["reconcile"]


@pytest.mark.model
def test_bench_reconcile_one_generated_corpus_meets_the_floors(capsys: pytest.CaptureFixture[str]) -> None:
    # One corpus of the benchmark's six (seed 1): its figures, not the six together, but the same floors
    # less a margin for a small sample (40 gold conflict pairs in all six; about a sixth here).
    figures = corpus_quality([1], 12)
    assert "B-cubed" in capsys.readouterr().out
    assert figures["incremental_equals_full"] == 1.0
    assert figures["bcubed_f1"] is not None and figures["bcubed_f1"] >= FLOORS["bcubed_f1"] - 0.05
    assert figures["conflict_precision"] is not None and figures["conflict_precision"] >= FLOORS["conflict_precision"]
    assert figures["conflict_recall"] is not None and figures["conflict_recall"] >= FLOORS["conflict_recall"] - 0.15


def test_bench_reconcile_synthetic_claims_make_events_and_disputes() -> None:
    claims = synthetic_claims(3000)
    assert len({c.id for c in claims}) == 3000 and group_by_type_and_year(claims) > 10
    events, conflicts = reconcile(claims)
    assert sum(len(e.claims) for e in events) == 3000
    assert 300 < len(events) < 3000 and conflicts
    kinds = {c.kind for c in conflicts}
    assert {"date", "calendar"} <= kinds
    new = one_document(claims, size=10)
    assert {c.doc for c in new} == {"new_document.txt"} and len(new) == 10
