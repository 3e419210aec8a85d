"""The HIPE reader and scorer of the claims benchmark, and annales' own NER models, on hand-written data."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from hipe import Entity, NerScore, dehyphenate, read_hipe, to_tokens  # noqa: E402

from annales.stages.analyse import analyse, mentions, ner_model, pipeline  # noqa: E402

# Columns: TOKEN, NE-COARSE-LIT, NE-COARSE-METO, NE-FINE-LIT, NE-FINE-METO, NE-FINE-COMP, NE-NESTED,
# NEL-LIT, NEL-METO, MISC. A made-up notice from a made-up paper.
TSV = (
    "\n".join(
        "\t".join(row)
        for row in [
            [
                "TOKEN",
                "NE-COARSE-LIT",
                "NE-COARSE-METO",
                "NE-FINE-LIT",
                "NE-FINE-METO",
                "NE-FINE-COMP",
                "NE-NESTED",
                "NEL-LIT",
                "NEL-METO",
                "MISC",
            ],
            ["# language = de"],
            ["# newspaper = XYZ"],
            ["# document_id = XYZ-1850-01-01-a-i0001"],
            ["Herr", "B-pers", "O", "B-pers.ind", "O", "O", "O", "Q1", "_", "_"],
            ["Wil", "I-pers", "O", "I-pers.ind", "O", "O", "O", "Q1", "_", "NoSpaceAfter"],
            ["¬", "I-pers", "O", "I-pers.ind", "O", "O", "O", "Q1", "_", "EndOfLine"],
            ["helm", "I-pers", "O", "I-pers.ind", "O", "O", "O", "Q1", "_", "_"],
            ["reiste", "O", "O", "O", "O", "O", "O", "_", "_", "_"],
            ["nach", "O", "O", "O", "O", "O", "O", "_", "_", "_"],
            ["Bremen", "B-loc", "O", "B-loc.adm.town", "O", "O", "O", "Q24879", "_", "NoSpaceAfter"],
            [".", "O", "O", "O", "O", "O", "O", "_", "_", "EndOfLine"],
            ["# document_id = XYZ-1850-01-01-a-i0002"],
            ["Die", "O", "O", "O", "O", "O", "O", "_", "_", "_"],
            ["Gazette", "I-prod", "O", "I-prod.media", "O", "O", "O", "NIL", "_", "_"],
            ["schreibt", "O", "O", "O", "O", "O", "O", "_", "_", "NoSpaceAfter"],
            [".", "O", "O", "O", "O", "O", "O", "_", "_", "_"],
        ]
    )
    + "\n"
)


@pytest.fixture()
def docs(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "sample.tsv"
    path.write_text(TSV, encoding="utf-8")
    return read_hipe(path)


def test_read_hipe_rebuilds_ocr_lines_and_mentions(docs) -> None:  # type: ignore[no-untyped-def]
    assert [d.id for d in docs] == ["XYZ-1850-01-01-a-i0001", "XYZ-1850-01-01-a-i0002"]
    first = docs[0]
    assert first.lang == "de"
    assert first.text == "Herr Wil¬\nhelm reiste nach Bremen.\n"
    assert [(e.start, e.end, e.type) for e in first.gold] == [(0, 4, "pers"), (6, 7, "loc")]
    assert first.links == ["Q1", "Q24879"]
    # An I- tag without a B- opens a mention, as the HIPE scorer reads it.
    assert [(e.start, e.end, e.type) for e in docs[1].gold] == [(1, 2, "prod")]


def test_dehyphenate_maps_back_to_the_ocr_text(docs) -> None:  # type: ignore[no-untyped-def]
    text, where = dehyphenate(docs[0].text)
    assert text == "Herr Wilhelm reiste nach Bremen.\n"
    start = text.index("Wilhelm")
    assert docs[0].text[where[start] : where[start + len("Wilhelm") - 1] + 1] == "Wil¬\nhelm"


def test_character_spans_go_back_on_every_token_they_cover(docs) -> None:  # type: ignore[no-untyped-def]
    doc = docs[0]
    wilhelm = (doc.text.index("Herr"), doc.text.index("helm") + 4, "pers")
    bremen_part = (doc.text.index("Bremen") + 1, doc.text.index("Bremen") + 3, "loc")
    assert to_tokens(doc, [wilhelm, bremen_part]) == [Entity(0, 4, "pers"), Entity(6, 7, "loc")]


def test_score_strict_and_fuzzy() -> None:
    score = NerScore()
    gold = [Entity(0, 4, "pers"), Entity(6, 7, "loc"), Entity(9, 10, "org")]
    system = [Entity(1, 4, "pers"), Entity(6, 7, "loc"), Entity(9, 10, "loc"), Entity(12, 13, "pers")]
    score.add(gold, system)
    assert score.strict_f1() == pytest.approx((1 / 4, 1 / 3, 2 * (1 / 4) * (1 / 3) / (1 / 4 + 1 / 3)))
    # Fuzzy: pers and loc overlap with their type; "org" tagged loc does not count.
    assert score.fuzzy_f1()[:2] == pytest.approx((2 / 4, 2 / 3))
    assert score.type_f1("loc") == pytest.approx(2 * 0.5 * 1 / 1.5)


@pytest.mark.model
@pytest.mark.parametrize("lang", ["de", "fr"])
def test_annales_ner_model_is_shipped_and_used(lang: str) -> None:
    folder = ner_model(lang)
    assert folder is not None, f"no NER model for {lang} in the package (make models builds it)"
    assert (folder / "MODEL_CARD.md").is_file()
    nlp = pipeline(lang)
    assert "annales_ner" in nlp.pipe_names
    ner: Any = nlp.get_pipe("annales_ner")
    assert set(ner.labels) >= {"pers", "loc", "org"}


def test_stock_person_names_fill_what_the_historical_model_misses() -> None:
    # The package model (modern news) knows this name; annales' historical model keeps its own entities
    # and takes the package's multi-word person names only where it found nothing.
    text = "Le 9 mars 1796, il épouse Joséphine de Beauharnais, une veuve créole, puis part pour Nice."
    doc = analyse(text, "fr")
    assert ("Joséphine de Beauharnais", "PER") in {(m.text, m.label) for m in mentions(doc)}
    assert {e.label_ for e in doc.ents} & {"loc", "time"}  # the historical model's own entities stay


def test_german_gets_names_without_a_spacy_package() -> None:
    text = "Der Kaiser Napoleon reiste gestern von Paris nach Wien, wo ihn Fürst Metternich empfing."
    found = {(m.text, m.label) for m in mentions(analyse(text, "de"))}
    assert ("Paris", "LOC") in found and ("Wien", "LOC") in found
    assert any(label == "PER" and "Napoleon" in name for name, label in found)
