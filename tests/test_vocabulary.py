"""The shared vocabulary: event types, lexicons and the words around names load through checked schemas."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annales.errors import DataError
from annales.langdata import languages
from annales.vocabulary import events, names
from annales.vocabulary.claim_words import claim_words
from annales.vocabulary.events import event_type, event_types, load_event_types, load_lexicon


def _clear() -> None:
    for cached in (load_event_types, event_types, load_lexicon, claim_words, names.name_words):
        cached.cache_clear()


@pytest.fixture
def fresh() -> Iterator[None]:
    """Caches emptied before and after, so a test's data does not leak into the next."""
    _clear()
    yield
    _clear()


def test_vocabulary_typo_in_event_types_names_file_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("types:\n  birth: {uniqe: true}\n", encoding="utf-8")
    monkeypatch.setattr(events, "EVENT_TYPES_FILE", path)
    with pytest.raises(DataError, match=r"events\.yaml: key 'types\.birth\.uniqe': unknown key"):
        load_event_types()


def test_vocabulary_typo_in_a_lexicon_names_file_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "events.yaml").write_text("lang: xx\ntypes:\n  death: {verb: [die]}\n", encoding="utf-8")
    monkeypatch.setenv("ANNALES_LANG_PATH", str(tmp_path))
    with pytest.raises(DataError, match=r"xx/events\.yaml: key 'types\.death\.verb': unknown key"):
        load_lexicon("xx")


def test_vocabulary_a_bare_yaml_boolean_word_asks_for_quotes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None
) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "events.yaml").write_text("lang: xx\ntypes: {}\nnegation: [not, no]\n", encoding="utf-8")
    monkeypatch.setenv("ANNALES_LANG_PATH", str(tmp_path))
    with pytest.raises(DataError, match=r"xx/events\.yaml: key 'negation\.1': .*quote the word"):
        load_lexicon("xx")
    (tmp_path / "xx" / "events.yaml").write_text('lang: xx\ntypes: {}\nnegation: [not, "no", 1815]\n', encoding="utf-8")
    load_lexicon.cache_clear()
    assert load_lexicon("xx").negation == frozenset({"not", "no", "1815"})


def test_vocabulary_lexicon_type_outside_the_inventory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "events.yaml").write_text("lang: xx\ntypes:\n  picnic: {verbs: [picnic]}\n", encoding="utf-8")
    monkeypatch.setenv("ANNALES_LANG_PATH", str(tmp_path))
    with pytest.raises(DataError, match=r"event type 'picnic' is not in data/events\.yaml"):
        load_lexicon("xx")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "types:\n  appointment: {phrases: [took office]}\nundergo_phrases: [took office, came to power]\n",
            r"xx/events\.yaml: undergo_phrases not among the types' phrases: came to power —",
        ),
        (
            "demands: [demand, cancel]\ncancelling: [cancel, postpone]\n",
            r"xx/events\.yaml: cancelling not among demands: postpone —",
        ),
    ],
    ids=["undergo phrase not a listed phrase", "cancelling verb not a demand"],
)
def test_vocabulary_a_sublist_must_lie_within_its_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None, body: str, message: str
) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "events.yaml").write_text("lang: xx\n" + body, encoding="utf-8")
    monkeypatch.setenv("ANNALES_LANG_PATH", str(tmp_path))
    with pytest.raises(DataError, match=message):
        load_lexicon("xx")


def test_vocabulary_a_language_without_a_lexicon_has_an_empty_one(fresh: None) -> None:
    lexicon = load_lexicon("zz")
    assert lexicon.lang == "zz" and not lexicon.verbs and not lexicon.phrases


def _claims_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """A language "xx" whose ``claims.yaml`` is ``text``, on the data path."""
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "claims.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("ANNALES_LANG_PATH", str(tmp_path))


def test_vocabulary_a_new_language_adds_its_pronouns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None) -> None:
    _claims_yaml(tmp_path, monkeypatch, "personal_pronouns: [hän]\norder_anaphors: {jälkimmäinen: -1}\n")
    words = claim_words()
    assert "hän" in words.personal_pronouns and "he" in words.personal_pronouns
    assert words.order_anaphors["jälkimmäinen"] == -1


def test_vocabulary_typo_in_claim_words_names_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None) -> None:
    _claims_yaml(tmp_path, monkeypatch, "personal_pronoun: [hän]\n")
    with pytest.raises(DataError, match=r"claims\.yaml: key 'personal_pronoun': unknown key"):
        claim_words()


def test_vocabulary_a_person_noun_must_be_a_noun_of_people(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None) -> None:
    _claims_yaml(tmp_path, monkeypatch, "people_nouns: [mies]\nperson_nouns: [mies, nainen]\n")
    with pytest.raises(DataError, match=r"claims\.yaml: person_nouns not among people_nouns: nainen"):
        claim_words()


def test_vocabulary_type_properties_come_from_the_data() -> None:
    assert event_type("birth").undergoer and event_type("birth").human and event_type("birth").unique
    assert not event_type("appointment").undergoer and event_type("appointment").noun_role == "patient"
    assert event_type("meeting").object == "named"
    assert event_type("no such type") == events.EventType()
    # The mapping form keeps only what the file sets, as the callers that read keys always had it.
    assert event_types()["meeting"] == {"unique": False, "object": "named", "partner": True}


@pytest.mark.parametrize("lang", languages())
def test_vocabulary_every_language_file_loads(lang: str) -> None:
    lexicon = load_lexicon(lang)
    assert lexicon.verbs and lexicon.nouns
    assert claim_words().personal_pronouns and names.name_words().titles


def test_vocabulary_titles_of_every_language_are_dropped_from_names() -> None:
    assert names.entity_key("Queen Victoria") == names.entity_key("Königin Victoria") == names.entity_key("reine Victoria")
    assert "on" in names.locative_words() and "nach" in names.locative_words()
    # ranks and their abbreviations too, but not a word that is also a surname
    key = names.entity_key("MacArthur")
    assert names.entity_key("Gen. MacArthur") == names.entity_key("Admiral MacArthur") == key
    assert names.entity_key("Konteradmiral MacArthur") == names.entity_key("le colonel MacArthur") == key
    assert names.entity_key("John Major") != names.entity_key("John")


def test_vocabulary_an_abbreviation_of_initials_is_one_word_of_a_name() -> None:
    # every initial alone is dropped ("John F. Kennedy" = "John Kennedy"); written together they are the name
    assert names.entity_key("John F. Kennedy") == names.entity_key("John Kennedy")
    assert names.entity_key("U.S.") == names.entity_key("US") == names.entity_key("the U.S.") != ""
    assert names.entity_key("U.S.") != names.entity_key("U.N.")
    assert names.entity_key("U.S. Army") != names.entity_key("Army")
