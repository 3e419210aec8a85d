"""Table-driven claims: one YAML file of one-sentence cases per language under ``tests/claims_cases/``.

A case names a text and the event type of the claim it expects, then what that claim (the first of its
type, or of its type and predicate) must be: its participants, time, place and qualifiers (see the head of ``en.yaml``). Adding a
language is adding its ``data/lang/<code>/events.yaml`` and a case file here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from annales.pipeline import Options, process
from annales.records import Claim
from annales.stages.read import read_bytes
from annales.stages.repair.encoding import mojibake

CASES = Path(__file__).parent / "claims_cases"
KEYS = {
    "text",
    "type",
    "absent",
    "count",
    "participants",
    "includes",
    "names",
    "not_named",
    "has_participants",
    "time",
    "start",
    "dated",
    "basis",
    "anchor",
    "place",
    "qualifiers",
    "not_qualifiers",
    "dct",
    "predicate",
}


def _cases() -> list[Any]:
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for k, case in enumerate(data["cases"]):
            found.append(pytest.param(data["language"], case, id=f"{path.stem}-{k}-{case['type']}"))
    return found


def _claims(text: str, lang: str, dct: dt.date | None = None) -> list[Claim]:
    doc = read_bytes(text.encode("utf-8"), name=f"test_{lang}.txt")
    claims = list(process(doc, Options(lang=lang, dct=dct)).claims)
    for claim in claims:
        assert doc.text[claim.span.start : claim.span.end] == claim.quote
        for p in claim.participants:
            # A name is its span's text, its whitespace as one space and garbled UTF-8 decoded back
            written = " ".join(doc.text[p.span.start : p.span.end].split())
            decoded = mojibake(written)
            assert p.name == (decoded.text if decoded else written)
    return claims


@pytest.mark.model
@pytest.mark.parametrize(("lang", "case"), _cases())
def test_claims_case(lang: str, case: dict[str, Any]) -> None:
    assert set(case) <= KEYS, f"unknown keys {set(case) - KEYS}"
    text = case["text"]
    dct = case.get("dct")
    claims = _claims(text, lang, dt.date.fromisoformat(str(dct)) if dct else None)
    found = [c for c in claims if c.type == case["type"] and case.get("predicate", c.predicate) == c.predicate]
    if case.get("absent"):
        assert not found, [(c.type, c.quote) for c in found]
        return
    assert found, f"no {case['type']} claim in {[(c.type, c.quote) for c in claims]}"
    if "count" in case:
        assert len(found) == case["count"], [(c.type, c.quote) for c in found]
    claim = found[0]
    pairs = [[p.role, p.name] for p in claim.participants]
    if "participants" in case:
        assert pairs == case["participants"]
    for pair in case.get("includes", []):
        assert pair in pairs, pairs
    if "names" in case:
        assert [p.name for p in claim.participants] == case["names"]
    for word in case.get("not_named", []):
        assert not [p for p in claim.participants if word in p.name]
    if case.get("has_participants"):
        assert claim.participants
    if "time" in case:
        assert (claim.time.edtf if claim.time is not None else None) == case["time"]
    if "start" in case:
        assert claim.time is not None and str(claim.time.start) == case["start"]
    if case.get("dated"):
        assert claim.time is not None
    if "basis" in case:
        assert claim.time is not None and claim.time.basis == case["basis"]
    if "anchor" in case:
        assert claim.time is not None and claim.time.anchor is not None
        assert text[claim.time.anchor.start : claim.time.anchor.end] == case["anchor"]
    if "place" in case and case["place"] is None:
        assert claim.place is None, claim.place
    elif "place" in case:
        assert claim.place is not None and claim.place.name == case["place"]
    for qualifier in case.get("qualifiers", []):
        assert qualifier in claim.qualifiers
    for qualifier in case.get("not_qualifiers", []):
        assert qualifier not in claim.qualifiers


def test_claims_cases_cover_every_language_with_a_lexicon() -> None:
    data = Path(__file__).parent.parent / "src" / "annales" / "data" / "lang"
    assert {p.parent.name for p in data.glob("*/events.yaml")} <= {p.stem for p in CASES.glob("*.yaml")}
