"""Tests for reading order from page geometry: columns, furniture, footnotes, and the composed offset map."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annales.doc import Repaired
from annales.records import Document, LayoutBlock, Span
from annales.stages.read import read
from annales.stages.repair import Reading, reading_order, repair_layout

TITLE = "The Hanseatic League and the Baltic Trade"
HEADER = "A Short History of the Hanse"
PARAGRAPHS = [
    "In the thirteenth century the merchants of northern German towns began to travel together for "
    "protection, sharing ships, warehouses and privileges abroad. Their associations grew into a league "
    "of cities that dominated the trade of the Baltic and the North Sea for three hundred years.",
    "Lübeck stood at the centre of this network. Founded anew in 1159, the town controlled the short "
    "land route to Hamburg, so that goods from Novgorod could reach Bruges without the dangerous voyage "
    "around Denmark. Salt from Lüneburg went east, while furs, wax and grain came west.",
    "The league kept counting houses, called Kontore, in four great foreign cities: Novgorod, Bergen, "
    "Bruges and London. In London the German merchants lived behind the walls of the Steelyard, where "
    "they enjoyed exemptions from customs that English traders resented bitterly.",
    "War with Denmark tested the cities. After King Valdemar IV captured Visby in 1361, the towns formed "
    "the Cologne Confederation and forced him to accept the Peace of Stralsund in 1370, which gave them "
    "control of the fortresses along the Scanian coast.",
    "The decline was slow. Dutch shippers carried grain more cheaply, the rising territorial princes "
    "absorbed the smaller towns, and the discovery of new ocean routes moved the centre of European "
    "commerce to the Atlantic. The diets of the league met less and less often.",
    "Yet the memory of the Hanse endured. Hamburg, Bremen and Lübeck kept the title of free Hanseatic "
    "cities into modern times, and their merchants still remembered the privileges their ancestors had won.",
]
FOOTNOTE = ("1. The last general diet met at Lübeck in 1669,", "attended by the envoys of only nine cities.")
#: Where a word may be hyphenated at a line end (letters before the hyphen).
HYPHENATION = {"merchants": 3, "warehouses": 4, "exemptions": 2, "Confederation": 4, "fortresses": 5}
#: Lines in each column of each page: page 2 col 1 ends on "ex-", its col 2 opens on "emptions".
CAPACITY = ((8, 8), (9, 9), (9, 99))
WIDTH, HEIGHT = 150, 100  # mm
COLUMNS = (15.0, 80.0)
COLUMN_WIDTH = 55.0
PITCH = 4.6
INDENT = 4.0


def wrap(pdf: object) -> list[tuple[bool, str]]:
    """The paragraphs broken into (first line of a paragraph?, line) to fit a column, hyphenating."""
    width_of = pdf.get_string_width  # type: ignore[attr-defined]
    lines: list[tuple[bool, str]] = []
    for paragraph in PARAGRAPHS:
        words = paragraph.split()
        line, first = "", True
        while words:
            room = COLUMN_WIDTH - (INDENT if first else 0)
            word = words[0]
            if width_of(f"{line} {word}".strip()) <= room:
                line, words = f"{line} {word}".strip(), words[1:]
                continue
            cut = HYPHENATION.get(word.strip(".,;:"))
            if cut and width_of(f"{line} {word[:cut]}-".strip()) <= room:
                lines.append((first, f"{line} {word[:cut]}-".strip()))
                words[0] = word[cut:]
            else:
                lines.append((first, line))
            line, first = "", False
        lines.append((first, line))
    return lines


def make_pdf(*, by_rows: bool = False) -> bytes:
    """Three pages in two columns, with a title across both, a running head, page numbers and a footnote.

    ``by_rows`` writes the lines row by row across the columns, as some
    typesetters do, so the text layer interleaves the columns.
    """
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format=(WIDTH, HEIGHT))
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    lines = iter(wrap(pdf))
    for number, capacity in enumerate(CAPACITY, start=1):
        pdf.add_page()
        top = 32.0 if number == 1 else 22.0
        placed: list[tuple[float, float, str]] = []
        for x, count in zip(COLUMNS, capacity, strict=True):
            y = top
            for _ in range(count):
                item = next(lines, None)
                if item is None:
                    break
                first, line = item
                if first and y > top:
                    y += 2.0  # a paragraph leaves a little space
                placed.append((y, x + (INDENT if first else 0.0), line))
                y += PITCH
        if by_rows:
            placed.sort()
        pdf.set_font("Helvetica", size=10)
        for y, x, line in placed:
            pdf.text(x, y, line)
        if number == 1:
            pdf.set_font("Helvetica", "B", 15)
            pdf.text(15, 20, TITLE)
        if number == 2:
            pdf.set_font("Helvetica", size=7)
            pdf.text(15, 80, FOOTNOTE[0])
            pdf.text(15, 83.5, FOOTNOTE[1])
        pdf.set_font("Helvetica", "I", 8)
        pdf.text(15, 9, HEADER)
        pdf.set_font("Helvetica", size=9)
        pdf.text(WIDTH / 2 - 1, 93, str(number))
    assert next(lines, None) is None, "the text must fit the three pages"
    return bytes(pdf.output())


@pytest.fixture(scope="module", params=[False, True], ids=["column-stream", "row-stream"])
def hanse(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = tmp_path_factory.mktemp("layout") / "hanse.pdf"
    path.write_bytes(make_pdf(by_rows=request.param))
    return read(path)


@pytest.fixture(scope="module")
def hanse_repaired(hanse: Document) -> Repaired:
    return repair_layout(hanse.text, hanse.layout, lang="en")


def line(doc: Document, i: int) -> str:
    span = doc.layout[i].span
    return doc.text[span.start : span.end]


def test_layout_reader_gives_one_block_per_column_line(hanse: Document) -> None:
    texts = [line(hanse, i) for i in range(len(hanse.layout))]
    assert "Steelyard, where they enjoyed ex-" in texts and "emptions from customs that" in texts
    assert "\ufffe" not in hanse.text  # pdfium's own mark for a line-end hyphen
    page_width = WIDTH / 25.4 * 72
    for i, block in enumerate(hanse.layout):
        left, _, right, _ = block.bbox
        assert right - left < page_width / 2 or line(hanse, i) == TITLE


def test_reading_order_reads_columns_and_the_title_first(hanse: Document) -> None:
    reading = reading_order(hanse.text, hanse.layout)
    body = [line(hanse, i) for i in reading.order]
    assert body[0] == TITLE
    assert " ".join(body[1:]).replace("- ", "") == " ".join(PARAGRAPHS)
    assert 0.5 <= reading.confidence <= 1.0


def test_reading_order_finds_paragraphs_and_the_footnote(hanse: Document) -> None:
    reading = reading_order(hanse.text, hanse.layout)
    starts = {line(hanse, i) for i in reading.paragraph_starts if i in reading.order}
    firsts = {text for first, text in wrap_lines() if first}
    assert starts == firsts | {TITLE}
    assert [line(hanse, i) for i in reading.footnotes] == list(FOOTNOTE)
    assert reading.footnotes[0] in reading.paragraph_starts
    assert not set(reading.footnotes) & set(reading.order)


def wrap_lines() -> list[tuple[bool, str]]:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format=(WIDTH, HEIGHT))
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    return wrap(pdf)


def test_reading_order_finds_running_heads_and_page_numbers(hanse: Document) -> None:
    reading = reading_order(hanse.text, hanse.layout)
    found = sorted((hanse.layout[i].page, kind, line(hanse, i)) for i, kind in reading.furniture)
    assert found == [
        (page, kind, text) for page in (1, 2, 3) for kind, text in sorted([("page-number", str(page)), ("running-head", HEADER)])
    ]
    # Every block is body, furniture or footnote, exactly once.
    kinds = [*reading.order, *(i for i, _ in reading.furniture), *reading.footnotes]
    assert sorted(kinds) == list(range(len(hanse.layout)))


def test_repair_layout_restores_the_text(hanse_repaired: Repaired) -> None:
    paragraphs = hanse_repaired.text.split("\n\n")
    assert paragraphs == [TITLE, *PARAGRAPHS, " ".join(FOOTNOTE)]


def test_repair_layout_joins_a_word_split_across_columns(hanse: Document, hanse_repaired: Repaired) -> None:
    clean = hanse_repaired.text
    at = clean.index("exemptions")
    pieces = hanse_repaired.offsets[at : at + len("exemptions")]
    # "ex" ends column 1 of page 2, "emptions" opens column 2: the hyphen and break are gone.
    assert hanse.text[pieces[0] : pieces[1] + 1] == "ex"
    assert hanse.text[pieces[2] : pieces[2] + 8] == "emptions"
    assert "ex-" in line_at(hanse, pieces[1]) and line_at(hanse, pieces[2]).startswith("emptions")


def line_at(doc: Document, offset: int) -> str:
    for block in doc.layout:
        if block.span.start <= offset < block.span.end:
            return doc.text[block.span.start : block.span.end]
    raise AssertionError(offset)


def test_repair_layout_keeps_furniture_with_exact_spans(hanse: Document, hanse_repaired: Repaired) -> None:
    assert hanse_repaired.original == hanse.text
    kinds = sorted((f.kind, f.text) for f in hanse_repaired.furniture)
    assert kinds == sorted([("running-head", HEADER)] * 3 + [("page-number", str(n)) for n in (1, 2, 3)])
    for item in hanse_repaired.furniture:
        assert hanse.text[item.span.start : item.span.end] == item.text
    assert HEADER not in hanse_repaired.text


def test_repair_layout_offset_map_is_exact(hanse: Document, hanse_repaired: Repaired) -> None:
    original, clean, offsets = hanse.text, hanse_repaired.text, hanse_repaired.offsets
    assert len(offsets) == len(clean)
    for ch, at in zip(clean, offsets, strict=True):
        assert 0 <= at < len(original)
        assert ch == original[at] or (ch.isspace() and original[at].isspace())  # substituted breaks
    # Every letter and digit of the original is kept once, or is furniture.
    furniture = {k for f in hanse_repaired.furniture for k in range(f.span.start, f.span.end)}
    kept = [at for ch, at in zip(clean, offsets, strict=True) if ch.isalnum()]
    assert len(kept) == len(set(kept))
    wanted = {k for k, ch in enumerate(original) if ch.isalnum() and k not in furniture}
    assert set(kept) == wanted
    for block in hanse_repaired.blocks:
        assert hanse_repaired.to_original(block.clean.start, block.clean.end) == block.original


def test_repair_layout_quotes_map_back() -> None:
    blocks_text = "North Sea for\nthree hundred years."
    layout = (
        LayoutBlock(Span(0, 13), 1, (10, 100, 200, 112)),
        LayoutBlock(Span(14, 34), 1, (10, 86, 200, 98)),
    )
    repaired = repair_layout(blocks_text, layout, lang="en")
    assert repaired.text == "North Sea for three hundred years."
    start = repaired.text.index("three")
    assert repaired.quote(start, start + 5) == "three"
    assert repaired.order_confidence == 1.0


def test_reading_order_single_column_keeps_extraction_order(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 7, " ".join(PARAGRAPHS[:2]))
    path = tmp_path / "plain.pdf"
    path.write_bytes(bytes(pdf.output()))
    doc = read(path)
    reading = reading_order(doc.text, doc.layout)
    assert reading.order == tuple(range(len(doc.layout)))
    assert reading.furniture == () and reading.footnotes == ()
    assert reading.confidence == 1.0
    repaired = repair_layout(doc.text, doc.layout, lang="en")
    assert repaired.text == " ".join(PARAGRAPHS[:2])


def test_reading_order_of_nothing() -> None:
    assert reading_order("", ()) == Reading((), (), (), frozenset(), 1.0)


def test_repair_layout_keeps_text_no_block_covers() -> None:
    text = "The fleet sailed.\nStray words\nIt returned in May."
    layout = (
        LayoutBlock(Span(0, 17), 1, (10, 100, 200, 112)),
        LayoutBlock(Span(30, 49), 1, (10, 86, 200, 98)),
    )
    repaired = repair_layout(text, layout, lang="en")
    assert "Stray words" in repaired.text
    kept = {at for ch, at in zip(repaired.text, repaired.offsets, strict=True) if ch.isalnum()}
    assert kept == {k for k, ch in enumerate(text) if ch.isalnum()}


def test_repair_layout_falls_back_when_blocks_overlap() -> None:
    text = "The treaty was signed in 1370 at Stralsund."
    layout = (
        LayoutBlock(Span(0, 20), 1, (10, 100, 200, 112)),
        LayoutBlock(Span(10, 43), 1, (10, 86, 200, 98)),
    )
    repaired = repair_layout(text, layout, lang="en")
    assert repaired.text == text and repaired.original == text


WORDS = st.sampled_from(["salt", "grain", "furs", "wax", "Lübeck", "Bergen", "1370", "ships", "ware-", "the"])


@settings(max_examples=30, deadline=None)
@given(
    lines=st.lists(st.lists(WORDS, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=12),
    columns=st.lists(st.integers(0, 1), min_size=12, max_size=12),
    rows=st.lists(st.integers(0, 8), min_size=12, max_size=12),
    pages=st.lists(st.integers(1, 2), min_size=12, max_size=12),
    seps=st.lists(st.sampled_from([" \n", "\n", "\f", "\n\n", " "]), min_size=12, max_size=12),
)
def test_repair_layout_offset_map_invariants(
    lines: list[str], columns: list[int], rows: list[int], pages: list[int], seps: list[str]
) -> None:
    """Any geometry: the clean text maps into the original, and no letter is invented or lost."""
    parts, layout, pos = [], [], 0
    for k, words in enumerate(lines):
        if k:
            parts.append(seps[k])
            pos += len(seps[k])
        x, y = 40 + 200 * columns[k], 700 - 14 * rows[k]
        layout.append(LayoutBlock(Span(pos, pos + len(words)), pages[k], (x, y, x + 150, y + 12)))
        parts.append(words)
        pos += len(words)
    text = "".join(parts)
    repaired = repair_layout(text, tuple(layout), lang="en")
    assert repaired.original == text
    assert len(repaired.offsets) == len(repaired.text)
    for ch, at in zip(repaired.text, repaired.offsets, strict=True):
        assert 0 <= at < len(text)
        assert ch == text[at] or ch.isspace()  # only line breaks and spaces are substituted
    furniture = {k for f in repaired.furniture for k in range(f.span.start, f.span.end)}
    for item in repaired.furniture:
        assert text[item.span.start : item.span.end] == item.text
    kept = [at for ch, at in zip(repaired.text, repaired.offsets, strict=True) if ch.isalnum()]
    assert len(kept) == len(set(kept))
    assert set(kept) == {k for k, ch in enumerate(text) if ch.isalnum() and k not in furniture}
