"""The container for repaired text and its exact map back to the original.

Repair never edits text in place. It builds a new string piece by piece with a
:class:`TextBuilder`, and every character it appends records the offset of the
original character it stands for. A character the repair invents (a space that
replaces a line break) records the offset of the character it replaces, so
``original[offsets[i]]`` always exists and every clean span maps back.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field, replace

from annales.records import Block, Furniture, Join, Span


class TextBuilder:
    """Append original slices or substitutes, recording their original offsets."""

    def __init__(self, original: str) -> None:
        self.original = original
        self._parts: list[str] = []
        self._offsets = array("q")

    def __len__(self) -> int:
        return len(self._offsets)

    def keep(self, start: int, end: int) -> None:
        """Append ``original[start:end]`` unchanged."""
        if not 0 <= start <= end <= len(self.original):
            raise ValueError(f"slice [{start}, {end}) outside the original text")
        self._parts.append(self.original[start:end])
        self._offsets.extend(range(start, end))

    def substitute(self, text: str, at: int) -> None:
        """Append ``text`` standing for the original character at ``at``."""
        if not 0 <= at < max(len(self.original), 1):
            raise ValueError(f"offset {at} outside the original text")
        self._parts.append(text)
        self._offsets.extend([at] * len(text))

    def ends_with(self, suffix: str) -> bool:
        tail = "".join(self._parts[-3:])
        return tail.endswith(suffix)

    def build(self) -> tuple[str, array[int]]:
        return "".join(self._parts), self._offsets


@dataclass(frozen=True)
class Repaired:
    """Repaired text with an exact offset map into the original text."""

    original: str
    text: str
    offsets: array[int] = field(repr=False)
    blocks: tuple[Block, ...] = ()
    furniture: tuple[Furniture, ...] = ()
    joins: tuple[Join, ...] = ()
    #: How sure repair is of the reading order (1.0 when nothing was moved).
    order_confidence: float = 1.0
    #: Original spans of UTF-8 that had been decoded twice ("MÃ©decins"), each decoded back to its characters.
    recoded: tuple[Span, ...] = ()

    @classmethod
    def identity(cls, original: str) -> Repaired:
        """The repair that changes nothing."""
        offsets = array("q", range(len(original)))
        block = Block(0, Span(0, len(original)), Span(0, len(original)))
        return cls(original, original, offsets, (block,) if original else ())

    def to_original(self, start: int, end: int) -> Span:
        """Map a clean-text span to the smallest original span covering it."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside the repaired text")
        if start == end:
            at = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return Span(at, at)
        pieces = self.offsets[start:end]
        lo, hi = min(pieces), max(pieces) + 1
        return Span(lo, hi)

    def to_original_around(self, start: int, end: int, anchor: int, *, max_jump: int = 400) -> Span:
        """Like :meth:`to_original`, but kept to the contiguous piece of the original around ``anchor``.

        When repair moved blocks, a clean span can straddle pieces that lie far apart
        in the original; the quote of a claim should then be the piece that holds its
        trigger, not everything in between. A jump backwards, or forwards by more than
        ``max_jump`` characters (more than furniture or a hyphen can explain), ends a piece.
        """
        if not 0 <= start <= anchor < end <= len(self.text):
            return self.to_original(start, end)
        lo = anchor
        while lo > start and 0 <= self.offsets[lo] - self.offsets[lo - 1] <= max_jump:
            lo -= 1
        hi = anchor + 1
        while hi < end and 0 <= self.offsets[hi] - self.offsets[hi - 1] <= max_jump:
            hi += 1
        return self.to_original(lo, hi)

    def longest_piece(self, start: int, end: int, *, max_jump: int = 400) -> tuple[int, int]:
        """The clean-text range, within ``start`` to ``end``, of the longest piece that lies contiguous in the
        original (as :meth:`to_original_around` reads pieces), without the spaces at its ends: a name that a
        wrong join of blocks ran across two of them ("reviving Soviet | Trotsky, revolutions") is one of them,
        not everything between them in the original."""
        if not 0 <= start < end <= len(self.text):
            return start, end
        pieces, lo = [], start
        for i in range(start + 1, end + 1):
            if i == end or not 0 <= self.offsets[i] - self.offsets[i - 1] <= max_jump:
                first, last = lo, i
                while first < last - 1 and self.text[first].isspace():
                    first += 1
                while last > first + 1 and self.text[last - 1].isspace():
                    last -= 1
                pieces.append((first, last))
                lo = i
        if len(pieces) == 1:
            return start, end
        return max(pieces, key=lambda piece: piece[1] - piece[0])

    def to_original_piece(self, start: int, end: int) -> Span:
        """The original span of :meth:`longest_piece`."""
        return self.to_original(*self.longest_piece(start, end))

    def compose(self, inner: Repaired) -> Repaired:
        """The repair of :attr:`original` that is ``inner`` applied after this one (``inner.original`` is :attr:`text`).

        Each character of ``inner.text`` maps through ``inner``'s offsets into this
        text and through this repair's offsets into the original. The result has
        ``inner``'s text, blocks and joins (which number ``inner``'s pieces), a block's
        original span covering what its clean characters stand for; the furniture and
        the recoded spans of both, ``inner``'s mapped back and all sorted by span; the
        lower of the two order confidences.
        """
        if inner.original != self.text:
            raise ValueError("the inner repair must repair this repair's text")
        offsets = array("q", (self.offsets[k] for k in inner.offsets))
        composed = Repaired(self.original, inner.text, offsets)
        blocks = tuple(
            replace(
                b,
                original=composed.to_original(b.clean.start, b.clean.end)
                if b.clean.end > b.clean.start
                else self.original_span(b.original),
            )
            for b in inner.blocks
        )
        furniture = list(self.furniture)
        for item in inner.furniture:
            span = self.original_span(item.span)
            furniture.append(Furniture(span, item.kind, self.original[span.start : span.end]))
        furniture.sort(key=lambda f: (f.span.start, f.span.end))
        confidence = min(self.order_confidence, inner.order_confidence)
        recoded = sorted([*self.recoded, *(self.original_span(span) for span in inner.recoded)])
        return Repaired(self.original, inner.text, offsets, blocks, tuple(furniture), inner.joins, confidence, tuple(recoded))

    def original_span(self, span: Span) -> Span:
        return self.to_original(span.start, span.end)

    def quote(self, start: int, end: int) -> str:
        """The original text a clean span stands for."""
        span = self.to_original(start, end)
        return self.original[span.start : span.end]
