"""The French simple past shown to the tagger as a present, and given back its past after the parse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annales.errors import DataError
from annales.langdata import LANG_PATH_VARIABLE
from annales.stages.analyse import analyse
from annales.vocabulary.simple_past import load_simple_past


@pytest.fixture
def fresh() -> Iterator[None]:
    load_simple_past.cache_clear()
    yield
    load_simple_past.cache_clear()


@pytest.mark.parametrize(
    ("form", "lemma", "shown"),
    [
        ("occupèrent", "occuper", "donnent"),  # a regular verb, plural
        ("attaqua", "attaquer", "donne"),  # and singular
        ("commença", "commencer", "donne"),  # its spelling before a
        ("reprirent", "reprendre", "donnent"),  # an irregular verb with a prefix
        ("devint", "devenir", "donne"),
        ("rendit", "rendre", "donne"),
        ("fut", "être", "est"),  # a verb shown as its own present: it carries the passive
        ("furent", "être", "sont"),
        ("fit", "faire", "fait"),
        ("finirent", "finir", "donnent"),
        ("finit", "finir", None),  # the singular is the present too
        ("dit", "dire", None),
        ("occupent", "occuper", None),  # a present
        ("occupait", "occuper", None),  # an imperfect
        ("cela", "celer", None),  # a pronoun the lemmatizer reads as a verb
        ("alla", "aller", "donne"),  # aller is no verb in -er
        ("allèrent", "aller", "donnent"),
    ],
)
def test_simple_past_forms(form: str, lemma: str, shown: str | None) -> None:
    tense = load_simple_past("fr")
    assert tense is not None
    assert tense.stand_in_for(form, lemma) == shown


def test_simple_past_language_without_file() -> None:
    assert load_simple_past("en") is None


def test_simple_past_file_needs_two_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None) -> None:
    (tmp_path / "zz").mkdir()
    (tmp_path / "zz" / "simple_past.yaml").write_text(
        "stand_in: {singular: x, plural: y}\nendings: {er: [a]}\n", encoding="utf-8"
    )
    monkeypatch.setenv(LANG_PATH_VARIABLE, str(tmp_path))
    with pytest.raises(DataError, match=r"simple_past\.yaml: endings of 'er' needs \[singular, plural\]"):
        load_simple_past("zz")


@pytest.mark.model
def test_simple_past_is_tagged_a_past_verb_and_keeps_its_words() -> None:
    doc = analyse("En avril 1914, les troupes américaines débarquèrent à Veracruz et occupèrent le port.", "fr")
    for word, lemma in (("débarquèrent", "débarquer"), ("occupèrent", "occuper")):
        token = next(t for t in doc if t.text == word)
        assert token.pos_ == "VERB", (word, token.pos_)
        assert token.morph.get("Tense", []) == ["Past"]
        assert (token.lemma_, token.norm_) == (lemma, word)
    assert "annales_simple_past" not in doc.user_data
