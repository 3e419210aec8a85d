"""Invariants of the repair stage's offset map, checked on random texts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annales.doc import Repaired
from annales.stages.repair import repair

PIECES = st.sampled_from(
    [
        "a",
        "b",
        "Z",
        "é",
        "x",
        "1",
        "9",
        "-",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r",
        "\r\n",
        "\f",
        "\u00ad",
        "\u00a0",
        "the",
        "war",
        "be-\ntween",
        "five-\nyear",
        "Page 3",
        "\n12\n",
        "HEAD\n",
        " sh",
        ".",
    ]
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


def _furniture_offsets(repaired: Repaired) -> set[int]:
    return {k for f in repaired.furniture for k in range(f.span.start, f.span.end)}


def _check(text: str, repaired: Repaired) -> None:
    assert repaired.original == text
    assert len(repaired.offsets) == len(repaired.text)
    for char, at in zip(repaired.text, repaired.offsets, strict=True):
        assert 0 <= at < len(text)
        # A clean character is the original one, or a space/newline standing for whitespace.
        assert char == text[at] or (char in " \n" and (text[at].isspace() or text[at] == "\u00ad"))
    kept = set(repaired.offsets)
    furniture = _furniture_offsets(repaired)
    for at, char in enumerate(text):
        if char.isalnum() and at not in furniture:
            assert at in kept, f"lost {char!r} at {at}"
    for f in repaired.furniture:
        assert text[f.span.start : f.span.end] == f.text
    moved = any(join.after != join.before + 1 for join in repaired.joins)
    for block in repaired.blocks:
        piece = repaired.offsets[block.clean.start : block.clean.end]
        assert block.original == repaired.to_original(block.clean.start, block.clean.end)
        if moved:
            continue
        assert list(piece) == sorted(piece)
        covered = "".join(
            ch
            for k, ch in enumerate(text[block.original.start : block.original.end], block.original.start)
            if ch.isalnum() and k not in furniture
        )
        clean = "".join(ch for ch in repaired.text[block.clean.start : block.clean.end] if ch.isalnum())
        assert covered == clean
    spans = [(b.clean.start, b.clean.end) for b in repaired.blocks]
    assert [b.index for b in repaired.blocks] == list(range(len(spans)))
    assert spans == sorted(spans)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_repair_offsets_are_exact(text: str) -> None:
    _check(text, repair(text, lang="en"))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab1 -\n\r\f\u00ad.,Zq", max_size=80))
def test_repair_offsets_exact_on_raw_characters(text: str) -> None:
    _check(text, repair(text, lang="fr"))


def test_repair_offsets_exact_on_shuffled_document() -> None:
    text = (
        "The Congress of Vienna redrew the map of Europe in 1815 and restored many of the old dyn-\n\n"
        "Metternich presided over the talks with great patience.\n\n"
        "asties, though not all of them, to their thrones.\n"
    )
    repaired = repair(text, lang="en")
    assert "old dynasties, though" in repaired.text
    _check(text, repaired)
    block = repaired.blocks[0]
    words = "".join(ch for ch in repaired.text[block.clean.start : block.clean.end] if ch.isalnum())
    aside = "Metternichpresidedoverthetalkswithgreatpatience"
    moved = "".join(ch for ch in text if ch.isalnum()).replace(aside, "")
    assert words == moved
