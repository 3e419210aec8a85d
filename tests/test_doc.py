"""The offset map of repaired text: exact, monotonic for kept pieces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annales.doc import Repaired, TextBuilder
from annales.records import Block, Furniture, Span


def test_doc_identity_maps_every_character() -> None:
    repaired = Repaired.identity("Austerlitz, 2 December 1805.")
    assert repaired.text == repaired.original
    assert repaired.to_original(0, 10) == Span(0, 10)
    assert repaired.quote(0, 10) == "Austerlitz"


def test_doc_builder_substitute_maps_to_replaced_character() -> None:
    original = "Empe-\nror of the\nFrench"
    builder = TextBuilder(original)
    builder.keep(0, 4)  # "Empe"
    builder.keep(6, 16)  # "ror of the" (hyphen and line break dropped)
    builder.substitute(" ", 16)  # line break becomes a space
    builder.keep(17, 23)
    text, offsets = builder.build()
    repaired = Repaired(original, text, offsets)
    assert text == "Emperor of the French"
    span = repaired.to_original(0, 7)
    assert original[span.start : span.end] == "Empe-\nror"
    span = repaired.to_original(15, 21)
    assert original[span.start : span.end] == "French"


def test_doc_builder_rejects_slices_outside_the_text() -> None:
    builder = TextBuilder("abc")
    try:
        builder.keep(2, 5)
    except ValueError as exc:
        assert "outside" in str(exc)
    else:
        raise AssertionError("keep accepted a slice past the end")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200), st.data())
def test_doc_kept_pieces_map_back_exactly(original: str, data: st.DataObject) -> None:
    # Keep random increasing pieces; every clean span inside one piece maps back verbatim.
    cuts = sorted(data.draw(st.lists(st.integers(0, len(original)), min_size=2, max_size=8)))
    builder = TextBuilder(original)
    pieces = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        start = len(builder)
        builder.keep(a, b)
        pieces.append((start, len(builder), a))
    text, offsets = builder.build()
    repaired = Repaired(original, text, offsets)
    assert all(0 <= o < len(original) for o in offsets)
    assert list(offsets) == sorted(offsets)  # monotonic: pieces kept in order
    for start, end, at in pieces:
        if end > start:
            span = repaired.to_original(start, end)
            assert span.start == at
            assert original[span.start : span.end] == text[start:end]


def test_doc_span_around_anchor_stays_in_one_original_piece() -> None:
    original = "second half of it.\n\nIt began with the first"
    builder = TextBuilder(original)
    builder.keep(20, len(original))  # the block that came second in extraction order, read first
    builder.substitute(" ", 19)
    builder.keep(0, 18)
    text, offsets = builder.build()
    repaired = Repaired(original, text, offsets)
    assert text == "It began with the first second half of it."
    anchor = text.index("began")
    span = repaired.to_original_around(0, len(text), anchor)
    assert original[span.start : span.end] == "It began with the first"
    whole = repaired.to_original(0, len(text))
    assert (whole.start, whole.end) == (0, len(original))


def test_doc_longest_piece_keeps_a_name_run_across_two_blocks_to_one() -> None:
    # A filler block between the two pieces puts them far apart in the original, as in a shuffled PDF.
    original = "Trotsky, revolutions.\n\n" + "x" * 500 + "\n\nthey aimed at reviving Soviet"
    builder = TextBuilder(original)
    builder.keep(original.index("they"), len(original))
    builder.substitute(" ", len(original) - 1)
    builder.keep(0, original.index("\n"))
    text, offsets = builder.build()
    repaired = Repaired(original, text, offsets)
    start = text.index("Soviet")
    end = text.index("Trotsky") + len("Trotsky")
    assert text[start:end] == "Soviet Trotsky"
    assert repaired.longest_piece(start, end) == (end - len("Trotsky"), end)
    span = repaired.to_original_piece(start, end)
    assert original[span.start : span.end] == "Trotsky"
    whole = repaired.to_original(start, end)
    assert whole.end - whole.start > 500  # (what the name's span was before)
    assert repaired.longest_piece(0, 4) == (0, 4)


def _build(original: str, data: st.DataObject) -> Repaired:
    """A random repair of ``original``: increasing kept pieces, each followed by a substitute or not."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(original)), min_size=2, max_size=10)))
    builder = TextBuilder(original)
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        builder.keep(a, b)
        if original and data.draw(st.booleans()):
            builder.substitute(data.draw(st.sampled_from([" ", "\n\n"])), min(b, len(original) - 1))
    text, offsets = builder.build()
    return Repaired(original, text, offsets)


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=1, max_size=200), st.data())
def test_doc_compose_maps_through_both_repairs(original: str, data: st.DataObject) -> None:
    outer = _build(original, data)
    inner = _build(outer.text, data)
    composed = outer.compose(inner)
    assert composed.original == original and composed.text == inner.text
    assert list(composed.offsets) == [outer.offsets[k] for k in inner.offsets]
    # A character both repairs kept stands for the very original character.
    for i, ch in enumerate(composed.text):
        if inner.original[inner.offsets[i]] == ch and outer.original[outer.offsets[inner.offsets[i]]] == ch:
            assert original[composed.offsets[i]] == ch
    # Every clean span maps back to the smallest original span covering what its characters stand for.
    a = data.draw(st.integers(0, len(composed.text)))
    b = data.draw(st.integers(a, len(composed.text)))
    if b > a:
        through = [outer.offsets[k] for k in inner.offsets[a:b]]
        assert composed.to_original(a, b) == Span(min(through), max(through) + 1)


def test_doc_compose_of_kept_pieces_quotes_the_original() -> None:
    # The layout step puts the second column first; the inner repair then drops a line-break hyphen.
    original = "Napo-\nleon left.|The army"
    outer_builder = TextBuilder(original)
    outer_builder.keep(17, 25)  # "The army"
    outer_builder.substitute("\n", 16)  # the "|" stands for the break
    outer_builder.keep(0, 16)  # "Napo-\nleon left."
    outer = Repaired(original, *outer_builder.build(), order_confidence=0.9)
    assert outer.text == "The army\nNapo-\nleon left."
    inner_builder = TextBuilder(outer.text)
    inner_builder.keep(0, 8)
    inner_builder.substitute(" ", 8)
    inner_builder.keep(9, 13)  # "Napo" (hyphen and break dropped)
    inner_builder.keep(15, 25)  # "leon left."
    block = Block(0, Span(0, 23), Span(0, 25))
    furniture = Furniture(Span(13, 15), "hyphen", "-\n")
    inner = Repaired(outer.text, *inner_builder.build(), (block,), (furniture,), order_confidence=0.7)
    composed = outer.compose(inner)
    assert composed.text == "The army Napoleon left."
    start = composed.text.index("Napoleon")
    assert composed.quote(start, start + len("Napoleon")) == "Napo-\nleon"
    assert composed.quote(0, 8) == "The army"
    assert composed.blocks == (Block(0, Span(0, 23), Span(0, 25)),)
    assert composed.furniture == (Furniture(Span(4, 6), "hyphen", "-\n"),)
    assert composed.order_confidence == 0.7


def test_doc_compose_rejects_a_repair_of_another_text() -> None:
    with pytest.raises(ValueError, match="inner repair"):
        Repaired.identity("abc").compose(Repaired.identity("abd"))
