"""Reading order from page geometry: columns, page furniture and footnotes, then repair.

A reader that knows where each line sits on its page (the PDF text layer, OCR)
gives :attr:`Document.layout`: one :class:`~annales.records.LayoutBlock` a
line, with its page and its box (left, bottom, right, top; origin at the
page's bottom left, so a larger ``y`` is higher). :func:`reading_order` reads
that geometry:

* **Furniture**: a line in the top or bottom band of the pages whose text,
  digits masked, comes back on two pages or more is a running head (top) or a
  footer (bottom); a lone number (``12``, ``- 12 -``, ``Page 12``) in a band is
  a page number.
* **Footnotes**: smaller lines at the bottom of a page, below a gap, that open
  with a note mark (``1.``, ``*``, ``†``…). They are read after the body.
* **Columns**: gutters are vertical strips that the page's narrow lines leave
  empty, with lines side by side on both sides. A line that crosses a gutter (a
  title) splits the page into bands read one after the other; inside a band,
  columns are read left to right, each top to bottom.
* **Paragraphs**: a line starts a paragraph after a gap taller than the usual
  line spacing, when it is indented, or when the type size changes; at the top
  of a column, when it is indented or the line before ended a sentence short of
  the column's edge.

:func:`repair_layout` lays the body lines out in that order, runs the
text-only :func:`annales.stages.repair.repair` over the result (de-hyphenation,
hard-wrap joining, furniture it can still see) and composes the two offset
maps (:meth:`annales.doc.Repaired.compose`), so every clean character maps
exactly to the original text. Page numbers and running keys are those of
:mod:`annales.stages.repair.furniture`, sentence ends those of the text path.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from annales.doc import Repaired, TextBuilder
from annales.records import Furniture, LayoutBlock
from annales.stages.repair.furniture import is_page_number_in_band, running_key
from annales.stages.repair.lines import SENTENCE_END
from annales.stages.repair.text import repair

__all__ = ["Reading", "reading_order", "repair_layout"]

_NOTE_MARK = re.compile(r"\s*(?:\d{1,3}[.)\s]|[*\u2020\u2021\u00a7]|[\u00b9\u00b2\u00b3\u2070-\u2079]+)")

#: A furniture band reaches this many line heights in from the text's top or bottom edge…
BAND_LINES = 2.5
#: …or this share of the text's height, whichever is more.
BAND_SHARE = 0.06
#: Footnote type is at most this share of the body's line height.
SMALL = 0.88
#: A gutter is at least this many line heights wide.
GUTTER = 0.5
#: Extra vertical space, in line heights, that starts a paragraph.
PARAGRAPH_GAP = 0.35
#: An indent, in line heights, that starts a paragraph.
INDENT = 0.6
#: Lines whose heights differ by this share are set in different sizes (a heading).
RESIZED = 0.2


@dataclass(frozen=True)
class Reading:
    """The reading of a document's layout blocks: which are body, furniture, footnotes, in what order."""

    #: Indices into the layout blocks that are body text, in reading order.
    order: tuple[int, ...]
    #: (block index, kind) for running heads, footers and page numbers.
    furniture: tuple[tuple[int, str], ...]
    #: Footnote blocks, page by page, read after the body.
    footnotes: tuple[int, ...]
    #: Block indices that begin a new paragraph.
    paragraph_starts: frozenset[int]
    #: How sure the order is: 1.0 for plain single-column pages, less where columns were inferred.
    confidence: float


@dataclass(frozen=True)
class _Box:
    index: int
    page: int
    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def reading_order(text: str, layout: Sequence[LayoutBlock]) -> Reading:
    """Find the furniture, footnotes, columns and paragraphs of ``layout`` and the body's reading order."""
    boxes = [_Box(i, b.page, *_normal(b.bbox), text[b.span.start : b.span.end]) for i, b in enumerate(layout)]
    if not boxes:
        return Reading((), (), (), frozenset(), 1.0)
    height = statistics.median(b.height for b in boxes) or 1.0
    furniture = _furniture(boxes, height)
    rest = [b for b in boxes if b.index not in furniture]
    body_height = statistics.median(b.height for b in rest) if rest else height
    body_height = body_height or 1.0
    pages: dict[int, list[_Box]] = defaultdict(list)
    for box in rest:
        pages[box.page].append(box)
    laid: list[tuple[list[tuple[list[_Box], bool]], list[tuple[list[_Box], bool]]]] = []
    confidences: list[float] = []
    for page in sorted(pages):
        page_notes = _footnotes(pages[page], body_height)
        body = [b for b in pages[page] if b.index not in page_notes]
        runs, confidence = _columns(body, body_height)
        note_runs, _ = _columns([b for b in pages[page] if b.index in page_notes], body_height)
        laid.append((runs, note_runs))
        confidences.append(confidence)
    # The usual blank strip between two lines of a paragraph, from the document itself.
    gaps = [
        a.bottom - b.top
        for runs, note_runs in laid
        for run, spanning in runs + note_runs
        if not spanning
        for a, b in zip(run, run[1:], strict=False)
    ]
    spacing = statistics.median(gaps) if gaps else 0.0
    order: list[int] = []
    notes: list[int] = []
    starts: set[int] = set()
    previous: _Box | None = None
    previous_edge = 0.0
    after_title = True
    for runs, note_runs in laid:
        for run, spanning in runs:
            edge = max(b.right for b in run)
            column = _Column(_column_left(run), edge, _justified(run, edge, body_height))
            for k, box in enumerate(run):
                if k == 0:
                    new = (
                        previous is None
                        or spanning
                        or after_title
                        or _starts_column(box, column.left, previous, previous_edge, body_height)
                    )
                else:
                    new = _starts_paragraph(run[k - 1], box, column, spacing, body_height)
                if new:
                    starts.add(box.index)
                order.append(box.index)
                previous, previous_edge = box, edge
            # A title is a paragraph of its own: the text after it starts afresh.
            after_title = spanning
        for run, _ in note_runs:
            edge = max(b.right for b in run)
            column = _Column(_column_left(run), edge, _justified(run, edge, body_height))
            for k, box in enumerate(run):
                if k == 0 or _NOTE_MARK.match(box.text) or _starts_paragraph(run[k - 1], box, column, spacing, body_height):
                    starts.add(box.index)
                notes.append(box.index)
    furniture_items = tuple(sorted(furniture.items()))
    confidence = min(confidences) if confidences else 1.0
    return Reading(tuple(order), furniture_items, tuple(notes), frozenset(starts), round(confidence, 3))


def _normal(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    left, bottom, right, top = bbox
    return min(left, right), min(bottom, top), max(left, right), max(bottom, top)


# --- furniture -----------------------------------------------------------------------------------


def _furniture(boxes: list[_Box], height: float) -> dict[int, str]:
    """Block index → kind for running heads, footers and page numbers."""
    top = max(b.top for b in boxes)
    bottom = min(b.bottom for b in boxes)
    band = max(BAND_LINES * height, BAND_SHARE * (top - bottom))
    found: dict[int, str] = {}
    keys: dict[tuple[str, str], set[int]] = defaultdict(set)
    edge: dict[int, str] = {}
    for box in boxes:
        if box.top >= top - band:
            edge[box.index] = "top"
        elif box.bottom <= bottom + band:
            edge[box.index] = "bottom"
        else:
            continue
        words = box.text.strip()
        if is_page_number_in_band(words):
            found[box.index] = "page-number"
            continue
        keys[(edge[box.index], running_key(words))].add(box.page)
    for box in boxes:
        where = edge.get(box.index)
        if where is None or box.index in found:
            continue
        key = running_key(box.text.strip())
        if len(keys[(where, key)]) >= 2 and any(ch.isalpha() for ch in key):
            found[box.index] = "running-head" if where == "top" else "footer"
    return found


# --- footnotes -----------------------------------------------------------------------------------


def _footnotes(boxes: list[_Box], body_height: float) -> set[int]:
    """Small lines at the page's bottom, below a gap, opening with a note mark."""
    small = [b for b in boxes if b.height <= SMALL * body_height]
    if not small or len(small) == len(boxes):
        return set()
    normal = [b for b in boxes if b.height > SMALL * body_height]
    group = [b for b in small if not any(n.top <= b.bottom + 0.1 * body_height and _overlap(n, b) for n in normal)]
    if not group:
        return set()
    group.sort(key=lambda b: -b.top)
    # Everything in the group lies below the body; the topmost small line must open a note.
    first = group[0]
    above = [n for n in normal if _overlap(n, first) and n.bottom >= first.top]
    gap = min((n.bottom - first.top for n in above), default=body_height)
    if gap < PARAGRAPH_GAP * body_height or not _NOTE_MARK.match(first.text):
        return set()
    return {b.index for b in group}


def _overlap(a: _Box, b: _Box) -> bool:
    return a.left < b.right and b.left < a.right


# --- columns -------------------------------------------------------------------------------------


def _columns(boxes: list[_Box], height: float) -> tuple[list[tuple[list[_Box], bool]], float]:
    """The page's lines as runs in reading order, each run a column slice or a spanning line.

    Returns ``[(lines top to bottom, spans_gutters)]`` and the page's confidence.
    """
    if not boxes:
        return [], 1.0
    gutters = _gutters(boxes, height)
    if not gutters:
        return [(sorted(boxes, key=lambda b: (-b.top, b.left)), False)], _page_confidence(boxes, height)
    spanning = sorted((b for b in boxes if any(b.left < g1 and b.right > g0 for g0, g1 in gutters)), key=lambda b: -b.top)
    spanning_ids = {b.index for b in spanning}
    bands: dict[int, dict[int, list[_Box]]] = defaultdict(lambda: defaultdict(list))
    for box in boxes:
        if box.index in spanning_ids:
            continue
        band = sum(1 for s in spanning if s.middle > box.middle)
        column = sum(1 for _, g1 in gutters if g1 <= box.left)
        bands[band][column].append(box)
    runs: list[tuple[list[_Box], bool]] = []
    for band in range(len(spanning) + 1):
        for column in sorted(bands.get(band, {})):
            runs.append((sorted(bands[band][column], key=lambda b: (-b.top, b.left)), False))
        if band < len(spanning):
            runs.append(([spanning[band]], True))
    # Inferred columns are likely right; a title crossing them a little less so.
    confidence = 0.9 if len(spanning) <= 1 else 0.8
    return runs, min(confidence, _page_confidence(boxes, height))


def _gutters(boxes: list[_Box], height: float) -> list[tuple[float, float]]:
    """Vertical strips left empty by the page's narrow lines, with side-by-side text on both sides."""
    if len(boxes) < 4:
        return []
    left, right = min(b.left for b in boxes), max(b.right for b in boxes)
    narrow = sorted((b for b in boxes if b.width <= 0.6 * (right - left)), key=lambda b: b.left)
    if len(narrow) < 4:
        return []
    gaps: list[tuple[float, float]] = []
    reach = narrow[0].right
    for box in narrow[1:]:
        if box.left - reach >= GUTTER * height:
            gaps.append((reach, box.left))
        reach = max(reach, box.right)
    gutters = []
    for g0, g1 in gaps:
        before = [b for b in boxes if b.right <= g0]
        after = [b for b in boxes if b.left >= g1]
        crossing = [b for b in boxes if b.left < g1 and b.right > g0]
        if len(before) < 2 or len(after) < 2 or len(crossing) >= min(len(before), len(after)):
            continue
        # Columns stand side by side: their vertical extents overlap.
        if min(max(b.top for b in before), max(b.top for b in after)) <= max(
            min(b.bottom for b in before), min(b.bottom for b in after)
        ):
            continue
        gutters.append((g0, g1))
    return gutters


def _page_confidence(boxes: list[_Box], height: float) -> float:
    """Lower when lines of one column overlap (a box that hides another makes the order a guess)."""
    ordered = sorted(boxes, key=lambda b: -b.top)
    clashes = sum(
        1
        for a, b in zip(ordered, ordered[1:], strict=False)
        if _overlap(a, b) and a.bottom - b.top > 0.5 * min(a.height, b.height, height)
    )
    return max(0.3, 1.0 - clashes / max(len(boxes), 1))


def _column_left(run: list[_Box]) -> float:
    """The column's left edge: the commonest left among its lines (indented lines are fewer)."""
    lefts = sorted(b.left for b in run)
    return lefts[len(lefts) // 4] if len(lefts) >= 4 else lefts[0]


# --- paragraphs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    left: float
    right: float
    #: Whether the column's lines end flush right, so a short line ends a paragraph.
    justified: bool


def _justified(run: list[_Box], edge: float, height: float) -> bool:
    flush = sum(1 for b in run if b.right >= edge - 0.5 * (b.height or height))
    return len(run) >= 3 and flush >= 0.6 * len(run)


def _starts_paragraph(above: _Box, box: _Box, column: _Column, spacing: float, height: float) -> bool:
    """Whether ``box``, right under ``above`` in one column, begins a paragraph.

    ``spacing`` is the document's usual blank strip between two lines of a
    paragraph; a paragraph break leaves a visibly taller one. Without space
    or indent, a sentence that ends short of the column's edge ends its
    paragraph: well short in ragged text, visibly short in justified text.
    """
    if min(above.top, box.top) - max(above.bottom, box.bottom) > 0.5 * min(above.height, box.height):
        return False  # one line cut in two by a wide space
    if _resized(above, box):
        return True  # a heading's size, or back from one
    size = min(box.height, above.height) or height
    if above.bottom - box.top > spacing + PARAGRAPH_GAP * size:
        return True
    indent = INDENT * size
    if box.left > column.left + indent and box.left > above.left + indent:
        return True
    if SENTENCE_END.search(above.text.rstrip()) is None:
        return False
    short = 1.5 * size if column.justified else 0.3 * (column.right - column.left)
    return above.right < column.right - short


def _resized(a: _Box, b: _Box) -> bool:
    """Whether two lines are set in clearly different sizes."""
    return abs(a.height - b.height) > RESIZED * max(a.height, b.height)


def _starts_column(box: _Box, column_left: float, previous: _Box, previous_edge: float, height: float) -> bool:
    """Whether the first line of a column (or page) begins a paragraph."""
    size = box.height or height
    if box.left > column_left + INDENT * size:
        return True
    if _resized(previous, box):
        return True
    ended = SENTENCE_END.search(previous.text.rstrip()) is not None
    short = previous.right < previous_edge - 2 * size
    return ended and short


# --- repair --------------------------------------------------------------------------------------


def repair_layout(text: str, layout: Sequence[LayoutBlock], *, lang: str | None = None) -> Repaired:
    """Repair ``text`` with the reading order of its ``layout``; the result maps exactly into ``text``.

    The body lines are laid out in reading order (lines of a paragraph joined
    by ``"\\n"``, paragraphs by ``"\\n\\n"``, footnotes last), the text-only
    repair runs over that, and the two offset maps are composed. Geometric
    furniture keeps its original spans. Original text that no block covers
    (pdfium characters without a box) is kept after the body line it follows,
    so no letter is lost. ``Join`` indices count the paragraphs of the
    reading-order text.
    """
    if not layout or not _consistent(text, layout):
        return repair(text, lang=lang)
    reading = reading_order(text, layout)
    orphans = _orphans(text, layout, owners={*reading.order, *reading.footnotes})
    builder = TextBuilder(text)
    last_end: int | None = None

    def emit(start: int, end: int, paragraph: bool) -> None:
        nonlocal last_end
        if last_end is not None:
            # The break stands for a whitespace character next to one of the two lines, if any.
            if start > 0 and text[start - 1].isspace():
                at = start - 1
            elif last_end < len(text) and text[last_end].isspace():
                at = last_end
            else:
                at = start
            builder.substitute("\n\n" if paragraph else "\n", at)
        last_end = end
        builder.keep(start, end)

    body = [(i, i in reading.paragraph_starts) for i in reading.order]
    body += [(i, k == 0 or i in reading.paragraph_starts) for k, i in enumerate(reading.footnotes)]
    for i, paragraph in body:
        span = layout[i].span
        emit(span.start, span.end, paragraph)
        for start, end in orphans.get(i, ()):
            emit(start, end, False)
    for start, end in orphans.get(-1, ()):
        emit(start, end, False)
    middle, middle_offsets = builder.build()
    if not middle:
        return repair(text, lang=lang)
    furniture = tuple(
        Furniture(layout[i].span, kind, text[layout[i].span.start : layout[i].span.end]) for i, kind in reading.furniture
    )
    laid = Repaired(text, middle, middle_offsets, furniture=furniture, order_confidence=reading.confidence)
    return laid.compose(repair(middle, lang=lang))


def _consistent(text: str, layout: Sequence[LayoutBlock]) -> bool:
    """Whether the blocks' spans lie inside ``text`` and do not overlap (else geometry is not trusted)."""
    spans = sorted((b.span.start, b.span.end) for b in layout)
    if any(s < 0 or e > len(text) or s >= e for s, e in spans):
        return False
    return all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def _orphans(text: str, layout: Sequence[LayoutBlock], *, owners: set[int]) -> dict[int, list[tuple[int, int]]]:
    """Stretches of non-blank text no block covers, keyed by the ``owners`` block they follow (-1: none).

    A stretch is cut at page breaks and trimmed of surrounding whitespace.
    """
    by_start = sorted(range(len(layout)), key=lambda i: layout[i].span.start)
    found: dict[int, list[tuple[int, int]]] = defaultdict(list)
    position = 0
    owner = -1
    for i in [*by_start, None]:
        end = len(text) if i is None else layout[i].span.start
        for piece in re.finditer(r"[^\f]+", text[position:end]):
            s, e = position + piece.start(), position + piece.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                found[owner].append((s, e))
        if i is not None:
            position = max(position, layout[i].span.end)
            if i in owners:
                owner = i
    return found
