"""Tests for per-block language identification."""

from __future__ import annotations

import pytest

from annales.records import Block, Span
from annales.stages.language import dominant, identify, identify_blocks

ENGLISH = (
    "The Tenth Congress of the party met in March 1921, while the sailors of Kronstadt were still "
    "holding out against the government across the frozen gulf."
)
FRENCH = (
    "Le dixième congrès du parti se réunit en mars 1921, alors que les marins de Kronstadt "
    "tenaient encore tête au gouvernement de l'autre côté du golfe gelé."
)
GERMAN = (
    "Der zehnte Parteitag trat im März 1921 zusammen, während die Matrosen von Kronstadt sich "
    "noch immer jenseits der zugefrorenen Bucht gegen die Regierung behaupteten."
)


def make_blocks(pieces: list[str], sep: str = "\n\n") -> tuple[str, tuple[Block, ...]]:
    """Join pieces into a text and one block per piece, checking every span."""
    text = ""
    blocks: list[Block] = []
    for index, piece in enumerate(pieces):
        if text:
            text += sep
        start = len(text)
        text += piece
        span = Span(start, len(text))
        assert text[span.start : span.end] == piece
        blocks.append(Block(index, span, span))
    return text, tuple(blocks)


@pytest.mark.parametrize(("paragraph", "lang"), [(ENGLISH, "en"), (FRENCH, "fr"), (GERMAN, "de")])
def test_language_identify_paragraph(paragraph: str, lang: str) -> None:
    code, prob = identify(paragraph)
    assert code == lang
    assert prob > 0.9


def test_language_identify_too_few_letters_takes_default() -> None:
    assert identify("1921 — 12", default="fr") == ("fr", 0.0)


def test_language_blocks_of_a_mixed_document() -> None:
    text, blocks = make_blocks([ENGLISH, FRENCH, GERMAN])
    labelled = identify_blocks(text, blocks)
    assert [b.lang for b in labelled] == ["en", "fr", "de"]
    assert [b.clean for b in labelled] == [b.clean for b in blocks]
    assert [b.original for b in labelled] == [b.original for b in blocks]


def test_language_short_blocks_take_document_language() -> None:
    # "Kronstadt, 1921" and "Chapitre 3" are too short to judge; the document is French.
    text, blocks = make_blocks(["Chapitre 3", FRENCH, "Kronstadt, 1921", FRENCH + " " + FRENCH, "p. 12"])
    labelled = identify_blocks(text, blocks)
    assert [b.lang for b in labelled] == ["fr"] * 5


def test_language_short_block_between_agreeing_neighbours() -> None:
    # The document is mostly English, but a short line between two German paragraphs is German.
    text, blocks = make_blocks([ENGLISH, ENGLISH, ENGLISH, GERMAN, "Zweites Kapitel", GERMAN])
    labelled = identify_blocks(text, blocks)
    assert [b.lang for b in labelled] == ["en", "en", "en", "de", "de", "de"]


def test_language_short_block_between_disagreeing_neighbours_takes_document() -> None:
    text, blocks = make_blocks([ENGLISH, ENGLISH, "Note 4", FRENCH])
    labelled = identify_blocks(text, blocks)
    assert labelled[2].lang == "en"


def test_language_default_overrides_document_language() -> None:
    text, blocks = make_blocks(["Kapitel 1", "1921"])
    assert [b.lang for b in identify_blocks(text, blocks, default="de")] == ["de", "de"]


def test_language_dominant_weights_by_length() -> None:
    text, blocks = make_blocks([ENGLISH, FRENCH + " " + FRENCH, "Kapitel"])
    labelled = identify_blocks(text, blocks)
    assert dominant(labelled) == "fr"
    assert dominant((), default="de") == "de"
