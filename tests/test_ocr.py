"""Tests for OCR through Tesseract: TSV parsing, images and scanned PDFs read into documents with layout."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from annales.errors import ReadError
from annales.records import Document
from annales.stages import ocr
from annales.stages.read import read, read_bytes
from annales.stages.repair import repair_layout

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed; run `make setup`")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian fonts-dejavu-core

ENGLISH = (
    "The Congress of Vienna opened in September 1814",
    "and closed in June 1815, nine days before the",
    "battle that ended the Hundred Days.",
)
FRENCH = (
    "Le traité de Westphalie fut signé en 1648, après",
    "trente années de guerre ; les évêques, les ducs et",
    "les électeurs y reçurent des garanties écrites.",
)
LEFT = (
    "In 1494 the treaty of Tordesillas",
    "divided the lands beyond the sea",
    "between Castile and Portugal.",
)
RIGHT = (
    "A line drawn from pole to pole",
    "gave the east to Lisbon and the",
    "west to the Catholic Monarchs.",
)


def render(lines: tuple[str, ...], *, size: int = 32, columns: tuple[tuple[str, ...], ...] = ()) -> bytes:
    """A PNG of ``lines`` (or of side-by-side ``columns``) in DejaVu Sans, black on white."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), size)
    blocks = columns or (lines,)
    pitch = int(size * 1.5)
    column_width = max(int(font.getlength(text)) for block in blocks for text in block) + 3 * size
    image = Image.new("L", (40 + column_width * len(blocks), 40 + pitch * max(map(len, blocks))), 255)
    draw = ImageDraw.Draw(image)
    for k, block in enumerate(blocks):
        for n, text in enumerate(block):
            draw.text((20 + k * column_width, 20 + n * pitch), text, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


def cer(found: str, expected: str) -> float:
    """Character error rate: edit distance over the expected length."""
    previous = list(range(len(found) + 1))
    for i, want in enumerate(expected, start=1):
        current = [i]
        for j, got in enumerate(found, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (want != got)))
        previous = current
    return previous[-1] / max(len(expected), 1)


def assert_lines(doc: Document, expected: tuple[str, ...]) -> None:
    """The layout holds one block a line, whose span quotes the line's text, close to what was drawn."""
    quotes = [doc.text[b.span.start : b.span.end] for b in doc.layout]
    assert len(quotes) == len(expected)
    for quote, want in zip(quotes, expected, strict=True):
        assert quote == quote.strip() and "\n" not in quote
        assert cer(quote, want) < 0.05, (quote, want)
    tops = [b.bbox[3] for b in doc.layout]
    assert tops == sorted(tops, reverse=True)  # origin at the bottom: the first line is highest
    for block in doc.layout:
        left, bottom, right, top = block.bbox
        assert 0 <= left < right and 0 <= bottom < top


# --- without Tesseract ---------------------------------------------------------------------------

TSV = "\n".join(
    [
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
        "1\t1\t0\t0\t0\t0\t0\t0\t1000\t500\t-1\t",
        "2\t1\t1\t0\t0\t0\t10\t10\t300\t100\t-1\t",
        "3\t1\t1\t1\t0\t0\t10\t10\t300\t100\t-1\t",
        "4\t1\t1\t1\t1\t0\t10\t10\t300\t40\t-1\t",
        "5\t1\t1\t1\t1\t1\t10\t10\t100\t40\t90\tThe",
        "5\t1\t1\t1\t1\t2\t120\t10\t190\t40\t80\tdiet",
        "4\t1\t1\t1\t2\t0\t10\t60\t250\t40\t-1\t",
        "5\t1\t1\t1\t2\t1\t10\t60\t250\t40\t70\tadjourned.",
        "5\t1\t1\t1\t2\t2\t270\t60\t10\t40\t95\t ",
        "3\t1\t1\t2\t0\t0\t10\t200\t300\t40\t-1\t",
        "4\t1\t1\t2\t1\t0\t10\t200\t300\t40\t-1\t",
        "5\t1\t1\t2\t1\t1\t10\t200\t300\t40\t60\tLübeck",
        "1\t2\t0\t0\t0\t0\t0\t0\t1000\t500\t-1\t",
        "4\t2\t1\t1\t1\t0\t20\t400\t100\t50\t-1\t",
        "5\t2\t1\t1\t1\t1\t20\t400\t100\t50\t100\t1669",
        "5\t2\t1\t1\t1\t2\t300\t400\t100\t50\t100\tHanse",
    ]
)


def test_ocr_parse_tsv_assembles_lines_paragraphs_and_pages() -> None:
    text, layout, confidences, pages = ocr.parse_tsv(TSV, scale=2.0)
    # The last line runs across a gutter (180 px between words 50 px tall): it is cut in two.
    assert text == "The diet\nadjourned.\n\nLübeck\f1669\nHanse"
    assert pages == 2
    quotes = [text[b.span.start : b.span.end] for b in layout]
    assert quotes == ["The diet", "adjourned.", "Lübeck", "1669", "Hanse"]
    assert [b.page for b in layout] == [1, 1, 1, 2, 2]
    # Pixels from the top left → PDF-like units from the bottom left, divided by the scale.
    assert layout[0].bbox == (5.0, 225.0, 155.0, 245.0)
    assert layout[3].bbox == (10.0, 25.0, 60.0, 50.0)
    assert layout[4].bbox == (150.0, 25.0, 200.0, 50.0)
    assert confidences == (90.0, 80.0, 70.0, 60.0, 100.0, 100.0)


def test_ocr_missing_tesseract_names_the_file_and_make_setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("annales.stages.ocr.shutil.which", lambda name: None)
    path = tmp_path / "charter.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with pytest.raises(ReadError) as info:
        read(path)
    assert "charter.png" in str(info.value) and "tesseract" in str(info.value)
    assert "make setup" in str(info.value)


def test_ocr_result_meta_records_missing_languages() -> None:
    result = ocr.OcrResult("x", (), (90.0, 70.0), 1, ("eng",), ("fra", "deu"))
    assert dict(result.meta) == {
        "ocr": "tesseract",
        "ocr_languages": "eng",
        "ocr_confidence": "80.0",
        "ocr_missing_languages": "fra+deu",
    }


# --- with Tesseract (4 OCR runs) -------------------------------------------------------------------


@pytest.mark.ocr
@needs_tesseract
def test_ocr_reads_an_english_image_with_a_missing_language_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend only English is installed: the others are left out and recorded.
    monkeypatch.setattr(ocr, "available_languages", lambda program="tesseract": frozenset({"eng"}))
    path = tmp_path / "vienna.png"
    path.write_bytes(render(ENGLISH))
    doc = read(path)
    assert doc.media_type == "image/png" and doc.encoding == "ocr"
    assert cer(doc.text, "\n".join(ENGLISH)) < 0.05
    assert_lines(doc, ENGLISH)
    meta = dict(doc.meta)
    assert meta["ocr_languages"] == "eng" and meta["ocr_missing_languages"] == "fra+deu"
    assert float(meta["ocr_confidence"]) > 70


@pytest.mark.ocr
@needs_tesseract
def test_ocr_reads_french_accents() -> None:
    doc = read_bytes(render(FRENCH), name="westphalie.png")
    assert cer(doc.text, "\n".join(FRENCH)) < 0.05
    assert_lines(doc, FRENCH)
    for word in ("traité", "après", "années", "électeurs", "reçurent"):
        assert word in doc.text
    assert dict(doc.meta)["ocr_languages"] == "+".join(code for code in ocr.LANGUAGES if code in ocr.available_languages())


@pytest.mark.ocr
@needs_tesseract
def test_ocr_scanned_pdf_is_read_through_ocr(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format=(120, 50))
    pdf.add_page()
    pdf.image(io.BytesIO(render(ENGLISH, size=30)), x=5, y=5, w=110)
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    doc = read(path)
    assert doc.media_type == "application/pdf"
    meta = dict(doc.meta)
    assert meta["ocr_pages"] == "1" and "pages_without_text" not in meta
    assert cer(doc.text, "\n".join(ENGLISH)) < 0.05
    assert_lines(doc, ENGLISH)
    # Boxes come back in PDF units: inside the 120 × 50 mm page.
    width, height = 120 / 25.4 * 72, 50 / 25.4 * 72
    for block in doc.layout:
        assert block.page == 1 and block.bbox[2] <= width and block.bbox[3] <= height


@pytest.mark.ocr
@needs_tesseract
def test_ocr_two_columns_read_in_order() -> None:
    doc = read_bytes(render((), size=28, columns=(LEFT, RIGHT)), name="tordesillas.png")
    repaired = repair_layout(doc.text, doc.layout, lang="en")
    expected = " ".join(LEFT) + " " + " ".join(RIGHT)
    assert cer(" ".join(repaired.text.split()), expected) < 0.05
    assert repaired.text.index("Portugal") < repaired.text.index("pole to pole")
    for ch, at in zip(repaired.text, repaired.offsets, strict=True):
        assert ch == doc.text[at] or ch.isspace()
