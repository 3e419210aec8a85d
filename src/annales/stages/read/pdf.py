"""PDF: the text layer of each page with one layout block a line; pages without one but with an image go to OCR."""

from __future__ import annotations

import dataclasses
from typing import Any

from annales.errors import EmptyFileError, MalformedFileError, ReadError
from annales.records import Document, LayoutBlock, Span
from annales.stages.ocr import OcrResult, ocr_image, tesseract_path
from annales.stages.read.image import ocr_meta
from annales.stages.read.media import PDF, make_document


def read_pdf(data: bytes, *, name: str, path: str) -> Document:
    """Read a PDF's text layer page by page, pages joined by form feeds; OCR pages that are only an image."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if not data.strip():
        raise EmptyFileError(f"{name}: the file is empty")
    if b"%PDF" not in data[:1024]:
        raise MalformedFileError(f"{name}: is not a PDF file (no %PDF header)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ReadError(
                f"{name}: the PDF is encrypted and needs a password",
                hint="remove the password protection (e.g. print to a new PDF) and ingest that file",
            ) from None
        raise MalformedFileError(f"{name}: the PDF is damaged or not a PDF ({exc})") from None
    try:
        pages: list[str] = []
        layout: list[LayoutBlock] = []
        empty_pages: list[int] = []
        scanned: list[int] = []  # pages with no text layer but an image: OCR candidates
        ocr_pages: list[int] = []
        ocr_runs: list[OcrResult] = []
        offset = 0
        count = len(pdf)
        can_ocr = tesseract_path() is not None
        for number in range(1, count + 1):
            if number > 1:
                offset += 1  # the form feed between pages
            page_text, blocks = _pdf_page(pdf, number, offset)
            if not page_text.strip() and _has_image(pdf, number):
                scanned.append(number)
                if can_ocr or all(not p.strip() for p in pages):
                    # Without Tesseract a PDF that is all scan fails below; a mixed one keeps its text.
                    result = _ocr_pdf_page(pdf, number, name=name, offset=offset)
                    page_text, blocks = result.text, list(result.layout)
                    ocr_pages.append(number)
                    ocr_runs.append(result)
            if not page_text.strip():
                empty_pages.append(number)
            pages.append(page_text)
            layout.extend(blocks)
            offset += len(page_text)
        title = (pdf.get_metadata_dict(skip_empty=True).get("Title") or "").strip() or None
    except pdfium.PdfiumError as exc:
        raise MalformedFileError(f"{name}: the PDF is damaged ({exc})") from None
    finally:
        pdf.close()
    if not pages:
        raise EmptyFileError(f"{name}: the PDF has no pages")
    if len(empty_pages) == len(pages):
        if ocr_pages:
            raise EmptyFileError(
                f"{name}: the PDF has no text layer and OCR found no text on its "
                f"{len(pages)} page(s) (blank or unreadable scans?)",
                hint="check the scan's quality; OCR reads printed text at 300 dpi best",
            )
        raise ReadError(
            f"{name}: the PDF has no text layer (a scan?) and no page image for OCR on any of its {len(pages)} pages",
            hint="if it is a scan, export its pages as PNG or TIFF images and ingest those",
        )
    text = "\f".join(pages)
    meta = [("pages", str(len(pages)))]
    if empty_pages:
        meta.append(("pages_without_text", ",".join(map(str, empty_pages))))
    if ocr_pages:
        meta.append(("ocr_pages", ",".join(map(str, ocr_pages))))
        meta.extend(ocr_meta(ocr_runs))
    skipped = [n for n in scanned if n not in ocr_pages]
    if skipped:
        meta.append(("ocr_skipped_pages", ",".join(map(str, skipped))))
        meta.append(("ocr_skipped_reason", "tesseract is not installed; run `make setup`"))
    return make_document(text, name=name, path=path, media_type=PDF, encoding="pdf", title=title, meta=meta, layout=tuple(layout))


#: pdfium's code for a hyphen it found at a line end (the text API shows it as U+FFFE).
_LINE_END_HYPHENS = frozenset("\x02\ufffe")


def _pdf_page(pdf: Any, number: int, offset: int) -> tuple[str, list[LayoutBlock]]:
    """Text of one page (CRLF → LF) and one layout block per text line, spans shifted by ``offset``.

    pdfium marks a hyphen that ends a line with a code of its own and then
    generates no line break, so the next line (even one in another column)
    would run on; the hyphen is written back as ``"-"`` and the line is ended
    there with a ``"\\n"``, as for pdfium's other generated breaks.
    """
    import pypdfium2.raw as pdfium_c

    page = pdf[number - 1]
    try:
        textpage = page.get_textpage()
        try:
            chars = _page_chars(textpage, pdfium_c)
            # Lines as runs of pdfium chars between line breaks; out keeps the text,
            # index[k] the pdfium char index of out[k] (-1 for a generated break).
            out: list[str] = []
            index: list[int] = []
            lines: list[tuple[int, int]] = []  # [first, last) pdfium char index of each line
            line_start = 0
            i = 0
            while i < len(chars):
                ch = chars[i]
                if ch in "\r\n":
                    lines.append((line_start, i))
                    step = 2 if ch == "\r" and i + 1 < len(chars) and chars[i + 1] == "\n" else 1
                    out.append("\n")
                    index.append(i)
                    i += step
                    line_start = i
                    continue
                if ch in _LINE_END_HYPHENS:
                    out.append("-")
                    index.append(i)
                    lines.append((line_start, i + 1))
                    if i + 1 < len(chars) and chars[i + 1] not in "\r\n":
                        out.append("\n")
                        index.append(-1)
                    i += 1
                    line_start = i
                    continue
                if ch == "\x00":
                    i += 1  # pdfium's placeholder for an unmapped glyph carries no text
                    continue
                out.append(ch)
                index.append(i)
                i += 1
            lines.append((line_start, len(chars)))
            text = "".join(out)
            position = {pdf_i: k for k, pdf_i in enumerate(index) if pdf_i >= 0}
            blocks: list[LayoutBlock] = []
            for line in lines:
                for first, last, bbox in _segments(textpage, chars, *line):
                    kept = [position[j] for j in range(first, last) if j in position]
                    if not kept:
                        continue
                    start, end = kept[0], kept[-1] + 1
                    # Trim the spaces pdfium generates at line ends.
                    while start < end and text[start].isspace():
                        start += 1
                    while end > start and text[end - 1].isspace():
                        end -= 1
                    if start < end:
                        blocks.append(LayoutBlock(Span(offset + start, offset + end), number, bbox))
            return text, blocks
        finally:
            textpage.close()
    finally:
        page.close()


def _page_chars(textpage: Any, pdfium_c: Any) -> list[str]:
    """The page's characters, one per pdfium char index."""
    count = textpage.count_chars()
    if count <= 0:
        return []
    whole = textpage.get_text_range()
    if len(whole) == count:
        return list(whole)
    # The text API dropped or added characters; ask char by char so indices line up.
    return [chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count)]


Box = tuple[float, float, float, float]


def _segments(textpage: Any, chars: list[str], first: int, last: int) -> list[tuple[int, int, Box]]:
    """Cut the line of chars ``[first, last)`` where it jumps across a gutter; each piece with its box.

    pdfium runs text that shares a baseline into one line, so two columns come
    out as one line holding a line of each. A step back to the left, or a
    space wider than the type is tall *and* much wider than the line's other
    word spaces (justified text stretches them all alike), is where one column
    ends and the next begins. Boxes are the union of the chars' loose boxes,
    which run from the font's descent to its ascent: every line set in one
    size has one height whatever its letters, so reading order can compare
    heights and gaps.
    """
    from pypdfium2 import PdfiumError

    indexed: list[tuple[int, Box]] = []
    for k in range(first, last):
        if chars[k].isspace() or chars[k] == "\x00":
            continue
        try:
            left, bottom, right, top = textpage.get_charbox(k, loose=True)
        except PdfiumError:
            continue  # an odd glyph; the line keeps the others' boxes
        box = (float(left), float(bottom), float(right), float(top))
        if box[2] > box[0] and box[3] > box[1]:
            indexed.append((k, box))
    cuts: list[int] = []  # positions in ``indexed`` where a new piece starts
    gaps = [b[0] - a[2] for (_, a), (_, b) in zip(indexed, indexed[1:], strict=False)]
    sizes = [max(a[3] - a[1], b[3] - b[1]) for (_, a), (_, b) in zip(indexed, indexed[1:], strict=False)]
    spaces = sorted(g for g, size in zip(gaps, sizes, strict=True) if g > 0.1 * size)
    usual = spaces[len(spaces) // 2] if spaces else 0.0
    for n, (gap, size) in enumerate(zip(gaps, sizes, strict=True)):
        back = indexed[n + 1][1][2] < indexed[n][1][0] - size
        wide = gap > size and (gap > 2.0 * usual or gap > 3.0 * size)
        if back or wide:
            cuts.append(n + 1)
    pieces: list[tuple[int, int, list[Box]]] = []
    bounds = [0, *cuts, len(indexed)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece_first = first if a == 0 else indexed[a][0]
        piece_last = last if b == len(indexed) else indexed[b][0]
        pieces.append((piece_first, piece_last, [box for _, box in indexed[a:b]]))
    found: list[tuple[int, int, Box]] = []
    for piece_first, piece_last, piece_boxes in pieces:
        if not piece_boxes:
            n = textpage.count_rects(piece_first, piece_last - piece_first)
            if n <= 0:
                continue
            piece_boxes = [textpage.get_rect(k) for k in range(n)]
        found.append(
            (
                piece_first,
                piece_last,
                (
                    round(min(b[0] for b in piece_boxes), 2),
                    round(min(b[1] for b in piece_boxes), 2),
                    round(max(b[2] for b in piece_boxes), 2),
                    round(max(b[3] for b in piece_boxes), 2),
                ),
            )
        )
    return found


def _has_image(pdf: Any, number: int) -> bool:
    """Whether page ``number`` draws an image (a scan has one; a blank page has none)."""
    import pypdfium2.raw as pdfium_c

    page = pdf[number - 1]
    try:
        return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    finally:
        page.close()


#: Resolution at which a PDF page without a text layer is rendered for OCR.
OCR_DPI = 300


def _ocr_pdf_page(pdf: Any, number: int, *, name: str, offset: int) -> OcrResult:
    """Render page ``number`` at :data:`OCR_DPI` and OCR it; spans shifted by ``offset``, boxes in PDF units."""
    page = pdf[number - 1]
    try:
        scale = OCR_DPI / 72
        bitmap = page.render(scale=scale, grayscale=True)
        image = _pgm(bitmap)
    finally:
        page.close()
    result = ocr_image(image, name=f"{name} (page {number})", scale=scale, dpi=OCR_DPI)
    layout = tuple(LayoutBlock(Span(b.span.start + offset, b.span.end + offset), number, b.bbox) for b in result.layout)
    return dataclasses.replace(result, layout=layout)


def _pgm(bitmap: Any) -> bytes:
    """A pdfium bitmap as a binary PGM image, which Tesseract reads without Pillow."""
    width, height, stride, channels = bitmap.width, bitmap.height, bitmap.stride, bitmap.n_channels
    buffer = bytes(bitmap.buffer)
    if channels == 1 and stride == width:
        pixels = buffer
    else:
        # pdfium's colour bitmaps are BGR(A/x); green alone is a fair grey for text.
        green = 1 if channels >= 3 else 0
        step = max(channels, 1)
        pixels = b"".join(buffer[row * stride + green : row * stride + width * step : step] for row in range(height))
    return b"P5\n%d %d\n255\n" % (width, height) + pixels
