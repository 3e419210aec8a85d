"""annales' German syntax model (``models/syntax-de``): a Universal Dependencies parse, and claims read from it.

``data/models.yaml`` does not list the model for German yet (its figures on the claims gold are in the
file), so these tests list it for their own run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from annales.pipeline import Options, process
from annales.records import Claim
from annales.stages import analyse
from annales.stages.read import read_bytes


def _clear() -> None:
    for cached in (analyse.pipeline, analyse.syntax_model):
        cached.cache_clear()


@pytest.fixture
def german_parse(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``pipeline("de")`` with the German syntax model listed in the model table."""
    table = analyse._config().model_copy(update={"syntax": {"de": "syntax-de"}})
    monkeypatch.setattr(analyse, "_config", lambda: table)
    _clear()
    yield
    monkeypatch.undo()
    _clear()


def _claim(text: str, type_: str) -> Claim:
    claims = list(process(read_bytes(text.encode("utf-8"), name="test_de.txt"), Options(lang="de")).claims)
    found = [c for c in claims if c.type == type_]
    assert found, f"no {type_} claim in {[(c.type, c.quote) for c in claims]}"
    return found[0]


def _roles(claim: Claim) -> dict[str, set[str]]:
    roles: dict[str, set[str]] = {}
    for p in claim.participants:
        roles.setdefault(p.role, set()).add(p.name)
    return roles


def test_syntax_de_is_shipped() -> None:
    folder = analyse._own_model("syntax-de")
    assert folder is not None and (folder / "MODEL_CARD.md").is_file()


@pytest.mark.model
@pytest.mark.usefixtures("german_parse")
def test_syntax_de_pipeline_keeps_annales_components_around_the_parser() -> None:
    names = analyse.pipeline("de").pipe_names
    assert names.index("annales_paragraphs") < names.index("annales_boundaries") < names.index("parser")
    assert names.index("parser") < names.index("annales_particle_lemmas") < names.index("annales_ner")


@pytest.mark.model
@pytest.mark.usefixtures("german_parse")
def test_syntax_de_parse_has_subject_object_and_lemmas() -> None:
    doc = analyse.analyse("Im Jahr 1810 besiegte Napoleon die Österreicher bei Wagram.", "de")
    assert doc.has_annotation("DEP")
    by_word = {t.text: t for t in doc}
    verb = by_word["besiegte"]
    assert (verb.pos_, verb.lemma_, verb.dep_) == ("VERB", "besiegen", "ROOT")
    assert by_word["Napoleon"].dep_ == "nsubj" and by_word["Napoleon"].head == verb
    assert by_word["Österreicher"].dep_ == "obj" and by_word["Österreicher"].head == verb


@pytest.mark.model
@pytest.mark.usefixtures("german_parse")
def test_syntax_de_separable_particle_joins_the_lemma() -> None:
    doc = analyse.analyse("Der König setzte den Minister ab.", "de")
    assert next(t for t in doc if t.text == "setzte").lemma_ == "absetzen"


@pytest.mark.model
@pytest.mark.usefixtures("german_parse")
def test_syntax_de_active_claim_agent_and_patient() -> None:
    claim = _claim("Im Jahr 1810 besiegte Napoleon die Österreicher bei Wagram.", "battle")
    assert _roles(claim) == {"agent": {"Napoleon"}, "patient": {"Österreicher"}}
    assert claim.time is not None and claim.time.edtf == "1810"


@pytest.mark.model
@pytest.mark.usefixtures("german_parse")
def test_syntax_de_passive_subject_is_the_patient() -> None:
    # "wurde … verhaftet": the subject (nsubj:pass) undergoes the arrest. (The model rarely hangs a "von"
    # phrase from the verb as obl:agent: the treebank has a few dozen.)
    claim = _claim("Der Minister Karl Berger wurde im Mai 1920 verhaftet.", "arrest")
    assert _roles(claim) == {"patient": {"Minister Karl Berger"}}
    assert claim.time is not None and claim.time.edtf == "1920-05"
