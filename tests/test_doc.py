"""The offset map of repaired text: exact, monotonic for kept pieces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annales.doc import Repaired, TextBuilder
from annales.records import Span


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
