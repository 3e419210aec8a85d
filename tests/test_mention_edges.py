"""A mention ends on a word of the name: no name ends in a function word or a comma."""

from __future__ import annotations

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
