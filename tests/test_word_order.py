"""Reading a verb's participants without a parse: inflected weak verbs and word order (German data)."""

from __future__ import annotations

import pytest

from annales.stages.claims.noun_phrases import titled
from annales.vocabulary.events import load_lexicon, verb_lemma


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("eroberten", "erobern"),  # -ern verb, simple past
        ("besetzt", "besetzen"),  # participle without ge- (inseparable prefix)
        ("gegründet", "gründen"),  # ge- at the start
        ("abgesetzt", "absetzen"),  # ge- after a separable prefix
        ("verhaftete", "verhaften"),
    ],
)
def test_verb_lemma_recovers_a_listed_infinitive(form: str, lemma: str) -> None:
    assert verb_lemma(form, load_lexicon("de")) == lemma


@pytest.mark.parametrize("form", ["regnete", "gut", "ten", "kommt"])
def test_verb_lemma_is_none_for_unlisted_verbs_and_short_words(form: str) -> None:
    assert verb_lemma(form, load_lexicon("de")) is None


def test_only_a_language_that_asks_for_it_is_read_from_word_order() -> None:
    assert load_lexicon("de").word_order is not None
    assert load_lexicon("en").word_order is None  # English has a parser
    assert "den" in load_lexicon("de").word_order.object_articles  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("word", "type_"),
    [("seeschlacht", "battle"), ("halbinsel-feldzug", "battle"), ("friedensvertrags", "treaty"), ("auswahl", None)],
)
def test_a_german_compound_is_of_its_heads_type(word: str, type_: str | None) -> None:
    from annales.stages.claims.triggers import noun_type

    assert noun_type(word, load_lexicon("de")) == type_


def test_word_order_a_title_office_or_kind_of_place_and_their_compounds_are_titles() -> None:
    assert all(titled(word) for word in ("General", "Gen", "Außenminister", "Hafenstadt", "Fregatte", "Zar"))


def test_word_order_a_short_abbreviation_ends_no_compound() -> None:
    # "gen" (General), "lt" (Lieutenant) and "st" (Saint) are titles alone, not the ends of "Zusagen", "Gewalt", "Herbst"
    assert not any(titled(word) for word in ("Zusagen", "Gewalt", "Herbst"))
