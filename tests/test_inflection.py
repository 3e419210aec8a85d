"""German verb forms back to their infinitive without a lemmatizer: the strong-verb table, prefixes, particles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annales.errors import DataError
from annales.langdata import LANG_PATH_VARIABLE
from annales.stages.analyse import analyse
from annales.vocabulary.inflection import load_verbs


@pytest.fixture
def fresh() -> Iterator[None]:
    load_verbs.cache_clear()
    yield
    load_verbs.cache_clear()


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("nahm", "nehmen"),  # the table
        ("nahmen", "nehmen"),  # its plural
        ("schloß", "schließen"),  # the spelling before 1996
        ("übernahm", "übernehmen"),  # an inseparable prefix
        ("übernommen", "übernehmen"),  # whose participle has no ge-
        ("einnahm", "einnehmen"),  # a particle joined in a subordinate clause
        ("eingenommen", "einnehmen"),  # before the participle's ge-
        ("anerkannte", "anerkennen"),  # a particle and a prefix
        ("einzunehmen", "einnehmen"),  # an infinitive with zu
        ("zurückzuerobern", "zurückerobern"),  # of a weak verb
        ("hinzufügen", None),  # "hinzu" is one particle: not "hin" + "zu"
        ("geborene", "gebären"),  # a participle before its noun, with an adjective ending
        ("angebotenen", "anbieten"),  # and a particle
        ("kamen", "kommen"),  # a finite form is no participle with an ending
        ("musste", "müssen"),  # a modal verb
        ("genannte", "nennen"),  # a mixed verb's participle before its noun; not ge- and "nannte"
        ("eroberte", None),  # weak verbs are left to the lexicon's endings
        ("zurück", None),
    ],
)
def test_inflection_strong_forms_prefixes_and_particles(form: str, lemma: str | None) -> None:
    table = load_verbs("de")
    assert table is not None
    assert table.lemma(form) == lemma


def test_inflection_a_language_without_a_verb_table_has_none() -> None:
    assert load_verbs("en") is None


def test_inflection_a_strong_verb_needs_two_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "verbs.yaml").write_text("strong:\n  nehmen: [nahm]\n", encoding="utf-8")
    monkeypatch.setenv(LANG_PATH_VARIABLE, str(tmp_path))
    with pytest.raises(DataError, match=r"verbs\.yaml: strong verb 'nehmen' needs \[preterite, participle\]"):
        load_verbs("xx")


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        # the particle that ends a main clause belongs to its verb, strong or weak
        ("Farragut stieß danach den Mississippi hinauf vor, eroberte Baton Rouge.", "stieß", "vorstoßen"),
        ("Am 1. September griff Deutschland Polen an.", "griff", "angreifen"),
        ("Die Japaner rückten dann nach Süden vor.", "rückten", "vorrücken"),
        ("Die Virginia zog sich schließlich zurück.", "zog", "zurückziehen"),
        # an adjective after an article is no verb; the strong verb comes first
        ("Die ersten Truppen griffen an.", "griffen", "angreifen"),
        # no particle: the verb's own infinitive
        ("Am folgenden Tag traf sie auf die USS Monitor.", "traf", "treffen"),
    ],
)
def test_inflection_the_pipeline_joins_a_clause_final_particle(text: str, word: str, lemma: str) -> None:
    doc = analyse(text, "de")
    assert next(t for t in doc if t.text == word).lemma_ == lemma


@pytest.mark.parametrize(
    ("form", "infinitive"),
    [("rückten", "rücken"), ("eroberte", "erobern"), ("forderte", "fordern"), ("kapitulierte", "kapitulieren")],
)
def test_inflection_a_weak_past_form_points_to_the_infinitive_the_language_uses(form: str, infinitive: str) -> None:
    table = load_verbs("de")
    assert table is not None
    assert table.weak(form) == infinitive


def test_inflection_the_preterite_of_a_strong_verb_with_its_prefix_or_particle() -> None:
    table = load_verbs("de")
    assert table is not None
    assert table.preterite("nahm") and table.preterite("übernahm") and table.preterite("einnahm")
    assert not table.preterite("nehmen") and not table.preterite("genommen")


@pytest.mark.parametrize(
    ("form", "infinitive"),
    [
        ("geworfen", "werfen"),  # strong
        ("aufgenommen", "aufnehmen"),  # strong, with a particle
        ("übergeben", "übergeben"),  # strong, an inseparable prefix in place of "ge"
        ("umbenannt", "umbenennen"),  # a particle and an inseparable prefix
        ("gegründet", "gründen"),  # weak
        ("ausgebaut", "ausbauen"),  # weak, with a particle
        ("erobert", "erobern"),  # weak, an inseparable prefix
        ("hingerichtet", "hinrichten"),
        ("zerstörte", None),  # a finite form
        ("eroberten", None),
        ("gestern", None),
    ],
)
def test_inflection_participles_strong_and_weak(form: str, infinitive: str | None) -> None:
    table = load_verbs("de")
    assert table is not None
    assert table.participle(form) == infinitive
