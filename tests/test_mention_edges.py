"""A mention ends on a word of the name: no name ends in a function word or a comma."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from annales.stages.analyse import analyse, mentions


def test_mention_edges_a_name_cut_after_a_function_word_ends_before_it() -> None:
    text = "Bernard, de Giromagny, comparaissait hier devant le tribunal."
    doc = analyse(text, "fr")
    doc.ents = [SpacySpan(doc, 0, 3, label="PER")]  # "Bernard, de", as the model may cut it
    assert [(m.text, m.label) for m in mentions(doc)] == [("Bernard", "PER")]


def test_mention_edges_a_function_word_inside_a_name_stays() -> None:
    text = "Charles de Gaulle parla."
    doc = analyse(text, "fr")
    doc.ents = [SpacySpan(doc, 0, 3, label="PER")]
    assert [m.text for m in mentions(doc)] == ["Charles de Gaulle"]


def test_mention_edges_a_german_name_opens_with_no_lower_case_word() -> None:
    text = "Am 1. Mai 1968 sprach der neue britische Befehlshaber Bernard Montgomery."
    doc = analyse(text, "de")
    start = next(t.i for t in doc if t.text == "neue")
    doc.ents = [SpacySpan(doc, start, start + 5, label="PER")]  # "neue britische Befehlshaber Bernard Montgomery"
    assert [m.text for m in mentions(doc)] == ["Befehlshaber Bernard Montgomery"]


def test_mention_edges_a_lower_case_particle_inside_a_german_name_stays() -> None:
    text = "Im Jahr 1915 sprach Georgi Karlowitsch von Stackelberg."
    doc = analyse(text, "de")
    start = next(t.i for t in doc if t.text == "Georgi")
    doc.ents = [SpacySpan(doc, start, start + 4, label="PER")]
    assert [m.text for m in mentions(doc)] == ["Georgi Karlowitsch von Stackelberg"]


def test_mention_edges_a_german_name_ends_with_no_lower_case_word() -> None:
    text = "Die Festung wurde im Mai 1862 von General Grant zerstört."
    doc = analyse(text, "de")
    start = next(t.i for t in doc if t.text == "General")
    doc.ents = [SpacySpan(doc, start, len(doc), label="PER")]  # "General Grant zerstört.", as the model ran on
    assert [m.text for m in mentions(doc)] == ["General Grant"]


def test_mention_edges_a_german_name_may_end_in_a_word_with_a_capital_inside() -> None:
    text = "Im August 1944 landeten die Alliierten an der Côte d'Azur."
    doc = analyse(text, "de")
    start = next(t.i for t in doc if t.text == "Côte")
    doc.ents = [SpacySpan(doc, start, start + 2, label="LOC")]
    assert [m.text for m in mentions(doc)] == ["Côte d'Azur"]


def _tagged(text: str, first: str, length: int, label: str = "PER") -> Doc:
    """A German ``text`` analysed, its one entity the ``length`` words from ``first``, as a model may tag it."""
    doc = analyse(text, "de")
    start = next(t.i for t in doc if t.text == first)
    doc.ents = [SpacySpan(doc, start, start + length, label=label)]
    return doc


def test_mention_edges_a_name_cut_at_an_event_noun_ends_before_the_article_left_over() -> None:
    from annales.stages.claims.triggers import split_at_event_words

    # "Admiral Scheer den Vorstoß", as the model ran on
    doc = _tagged("Am 1. Juni 1916 begann Admiral Scheer den Vorstoß in die Nordsee.", "Admiral", 4)
    assert [m.text for m in split_at_event_words(doc, mentions(doc), "de")] == ["Admiral Scheer"]


def test_mention_edges_a_person_cut_before_a_famous_surname_takes_it() -> None:
    # "Hindenburg" is no rare word in German, but English uses it nearly as often: the surname the model left off
    # ("General Paul", as the model may cut it)
    doc = _tagged("Bei Tannenberg siegte der General Paul Hindenburg über die Russen.", "General", 2)
    assert [m.text for m in mentions(doc)] == ["General Paul Hindenburg"]


def test_mention_edges_a_common_german_noun_after_a_name_is_no_surname() -> None:
    doc = _tagged("Im Jahr 1933 wurde Adolf Hitler Kanzler.", "Adolf", 2)
    assert [m.text for m in mentions(doc)] == ["Adolf Hitler"]


def test_mention_edges_an_event_noun_before_a_genitive_is_cut_from_a_body_name() -> None:
    from annales.stages.claims.triggers import split_at_event_words

    # "Angriff Japans" tagged as a body: the attack, and Japan in the genitive
    doc = _tagged("Nach dem Angriff Japans auf die Flotte erklärten die USA den Krieg.", "Angriff", 2, "ORG")
    assert [m.text for m in split_at_event_words(doc, mentions(doc), "de")] == ["Japans"]
