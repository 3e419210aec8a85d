"""The hand-annotated gold of claims on real prose (bench/gold/claims/) and how bench/claims_gold.py scores it."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import claims_gold  # noqa: E402
from claims_gold import GoldEvent, date_right, load_passages, match, passage_text, people_right, type_right  # noqa: E402
from floors import check_floors  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
GUIDELINE_TYPES = set(
    [
        "attack",
        "capture",
        "siege",
        "offensive",
        "retreat",
        "surrender",
        "invasion",
        "ceasefire",
        "armistice",
        "occupation",
        "battle",
        "movement",
        "election",
        "appointment",
        "dismissal",
        "resignation",
        "coup",
        "decree",
        "law",
        "reform",
        "purge",
        "arrest",
        "trial",
        "conviction",
        "execution",
        "exile",
        "deportation",
        "expulsion",
        "founding",
        "dissolution",
        "treaty",
        "declaration_of_war",
        "alliance",
        "negotiation",
        "recognition",
        "meeting",
        "abdication",
        "birth",
        "death",
        "killing",
        "accident",
        "marriage",
        "illness",
        "publication",
        "letter",
        "speech",
        "famine",
        "strike",
        "uprising",
        "migration",
        "other",
    ]
)


def _day(day: dt.date | str) -> tuple[int, int, int]:
    """A gold day as numbers, years before the common era negative ("-0489-09-12")."""
    if isinstance(day, dt.date):
        return day.year, day.month, day.day
    year, month, date = day.rsplit("-", 2)
    return int(year), int(month), int(date)


def _event(**changes: Any) -> GoldEvent:
    base: dict[str, Any] = {
        "evidence": (10, 60),
        "trigger": (20, 26),
        "type": "capture",
        "names": {"agent": ("the Red Army",), "patient": ("Kiev",), "place": ()},
        "start": dt.date(1918, 1, 26),
        "end": dt.date(1918, 1, 26),
    }
    return GoldEvent(**{**base, **changes})


def _claim(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "type": "battle",
        "trigger": [21, 27],
        "span": [0, 80],
        "participants": [{"role": "agent", "name": "Red Army"}, {"role": "patient", "name": "Kiev"}],
        "place": None,
        "time": {"start": "1918-01-26", "end": "1918-01-26"},
    }
    return {**base, **changes}


def test_claims_gold_passages_are_well_formed() -> None:
    passages = load_passages()
    assert len(passages) >= 12 and sum(len(p.events) for p in passages) >= 300
    for lang in ("en", "fr", "de"):
        assert {p.split for p in passages if p.lang == lang} == {"tune", "heldout"}, lang
    for passage in passages:
        for event in passage.events:
            assert 0 <= event.evidence[0] <= event.trigger[0] < event.trigger[1] <= event.evidence[1]
            assert event.evidence[1] - event.evidence[0] <= 100 and event.evidence[1] <= passage.end - passage.start
            assert event.type in GUIDELINE_TYPES, (passage.id, event.type)
            assert (event.start is None) == (event.end is None)
            assert event.start is None or event.end is None or _day(event.start) <= _day(event.end)


@pytest.mark.skipif(not DATA.is_dir(), reason="the evaluation data is not beside the project")
def test_claims_gold_passages_are_the_texts_annotated() -> None:
    for passage in load_passages():
        text = passage_text(passage, DATA)
        assert len(text) == passage.end - passage.start
        for event in passage.events:
            assert text[event.trigger[0] : event.trigger[1]].strip()


def test_claims_gold_match_takes_the_trigger_inside_the_evidence_once() -> None:
    event = _event()
    near, far, outside = _claim(trigger=[21, 27]), _claim(trigger=[50, 55]), _claim(trigger=[61, 66])
    assert match([event], [far, outside, near]) == [(event, near)]
    assert match([event, _event(evidence=(40, 60), trigger=(50, 55))], [near]) == [(event, near)]
    assert match([event], [outside]) == []


def test_claims_gold_type_date_and_people() -> None:
    event = _event()
    assert type_right(event, _claim()) and not type_right(event, _claim(type="move"))
    assert type_right(_event(type="recognition"), _claim(type="other"))  # annales has no type for recognitions
    assert type_right(_event(type="speech"), _claim(type="speech")) and not type_right(
        _event(type="speech"), _claim(type="other")
    )
    assert not type_right(_event(type="death"), _claim(type="other"))
    assert date_right(event, _claim())
    # a year before the common era, which a claim gives by its EDTF only
    marathon = _event(start="-0489-01-01", end="-0489-12-31")
    bc_year = {"start": None, "end": None, "edtf": "-0489"}
    assert date_right(marathon, _claim(time=bc_year))
    assert not date_right(marathon, _claim(time={**bc_year, "edtf": "-0489-09"}))
    assert date_right(_event(start="-0489-09-01", end="-0489-10-31"), _claim(time={**bc_year, "edtf": "-0489-09/-0489-10"}))
    assert not date_right(_event(start=None, end=None), _claim(time=bc_year))
    assert not date_right(event, _claim(time={"start": "1918-01-01", "end": "1918-01-31"}))
    assert date_right(_event(start=None, end=None), _claim(time=None))
    assert people_right(event, _claim())
    assert not people_right(event, _claim(participants=[{"role": "agent", "name": "Red Army"}]))
    assert not people_right(event, _claim(participants=[*_claim()["participants"], {"role": "agent", "name": "Muravyov"}]))
    # The one who dies is the contract's agent and the guideline's patient: the same person either way.
    death = _event(type="death", names={"agent": (), "patient": ("Lénine",), "place": ()})
    assert people_right(death, _claim(type="death", participants=[{"role": "agent", "name": "Lénine"}]))
    assert not people_right(
        _event(names={"agent": (), "patient": ("Kiev",), "place": ()}), _claim(participants=[{"role": "agent", "name": "Kiev"}])
    )


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(not DATA.is_dir(), reason="the evaluation data is not beside the project")
def test_claims_gold_meets_its_floors(capsys: pytest.CaptureFixture[str]) -> None:
    """Every gold passage through the CLI, against the claims_gold floors of bench/baseline.json (a quality gate)."""
    figures = claims_gold.bench(DATA)
    capsys.readouterr()
    assert check_floors("claims_gold", figures, width=34, digits=3) == 0, capsys.readouterr().out
