"""Table-driven time expressions: one YAML file of cases per language under ``tests/time_cases/``.

Adding a language is adding its ``data/lang/<code>/time.yaml`` and a case file
here. A case has ``text`` and the expression ``quote``, then either its
TIMEX3 ``value`` (and ``type``, DATE unless said; ``start`` and ``end``, the
days it spans, where they say more than the value) or ``absent: true`` for
words that must not be read as a time (no mention then overlaps the
quote). ``dct`` gives a document date (news); without it the text is a
narrative.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from annales.stages.time import find_times

CASES = Path(__file__).parent / "time_cases"


def _cases() -> list[Any]:
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for k, case in enumerate(data["cases"]):
            found.append(pytest.param(data["language"], case, id=f"{path.stem}-{k}-{case['quote']}"))
    return found


@pytest.mark.parametrize(("lang", "case"), _cases())
def test_time_case(lang: str, case: dict[str, Any]) -> None:
    dct = dt.date.fromisoformat(str(case["dct"])) if "dct" in case else None
    text, quote = case["text"], str(case["quote"])
    mentions = find_times(text, lang, dct=dct)
    if case.get("absent"):
        at = text.index(quote)
        inside = [m.text for m in mentions if m.span.start < at + len(quote) and at < m.span.end]
        assert not inside, inside
        return
    found = [m for m in mentions if m.text == quote]
    assert len(found) == 1, [(m.text, m.time.value) for m in mentions]
    mention = found[0]
    assert text[mention.span.start : mention.span.end] == quote
    assert (mention.type, mention.time.value) == (case.get("type", "DATE"), str(case["value"]))
    if "start" in case:
        assert (mention.time.start, mention.time.end) == (case["start"], case["end"])


def test_time_cases_cover_every_language_with_data() -> None:
    data_langs = {p.parent.name for p in (Path(__file__).parent.parent / "src" / "annales" / "data" / "lang").glob("*/time.yaml")}
    assert data_langs <= {p.stem for p in CASES.glob("*.yaml")}
