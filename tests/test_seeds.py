"""The contract on the project's two seed documents, read from ../shared/seeds (never copied)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annales.pipeline import ingest
from annales.stages.read import read
from annales.store import Store

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout"),
]
FLOORS = json.loads((Path(__file__).resolve().parent.parent / "bench" / "baseline.json").read_text())["repair"]
ISO_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store(path) as store:
        report = ingest([SEEDS], store)
    assert report.problems == []
    assert len(report.added) == 2
    return path


def test_seeds_claims_quote_their_span_with_iso_days(seed_store: Path) -> None:
    texts = {p.name: read(p).text for p in SEEDS.iterdir()}
    with Store(seed_store) as store:
        claims = store.claims()
    assert len(claims) >= 20
    for claim in claims:
        assert texts[claim.doc][claim.span.start : claim.span.end] == claim.quote
        if claim.time is not None and claim.time.start is not None:
            assert claim.time.end is not None and claim.time.start <= claim.time.end
            assert ISO_DAY.match(claim.time.start.isoformat())


def test_seeds_first_stroke_dates_disagree(seed_store: Path) -> None:
    with Store(seed_store) as store:
        conflicts = store.conflicts()
    strokes = [c for c in conflicts if all(claim.type == "illness" for claim in c.claims)]
    assert len(strokes) == 1
    assert len({claim.doc for claim in strokes[0].claims}) == 2


def test_seeds_agreeing_events_are_grouped(seed_store: Path) -> None:
    with Store(seed_store) as store:
        events = store.events()
        conflicts = store.conflicts()
    expulsions = [e for e in events if e.type == "expulsion" and len(e.sources) == 2]
    assert expulsions, "the October 1927 expulsion should be one event told by both sources"
    assert expulsions[0].time is not None and expulsions[0].time.edtf == "1927-10"
    assert not [c for c in conflicts if c.claims[0].type in ("expulsion", "exile", "death")]


def test_seeds_reading_order_meets_floor() -> None:
    # The gold order is a human reading of the shuffled seed, kept as offsets (tests/gold/).
    from annales.doc import Repaired
    from annales.gold import load_reading_order, reading_order_tau
    from annales.stages.repair import repair

    name, starts = load_reading_order(Path(__file__).parent / "gold" / "seed_reading_order.yaml")
    text = read(SEEDS / name).text
    floor = FLOORS["seed_order_tau"]
    assert reading_order_tau(Repaired.identity(text), starts) < floor  # the floor says more than doing nothing
    assert reading_order_tau(repair(text, lang="en"), starts) >= floor
