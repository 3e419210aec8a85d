"""Read a file into a :class:`~annales.records.Document`: plain text, Markdown, HTML, PDF or an image.

``Document.text`` is the *original* text that every span in annales counts
characters in, so what it holds depends on the kind of file:

* **Text and Markdown**: the file's bytes decoded, exactly. Newlines (CRLF
  stays CRLF) and Unicode forms are not normalised. The encoding comes from a
  byte-order mark, else strict UTF-8, else a detection restricted to Western
  single-byte encodings (plus Cyrillic cp1251) whose result and confidence are
  recorded in ``Document.meta``: the encoding is detected, never guessed
  silently.
* **HTML**: the main text that trafilatura extracts from the decoded page (one
  block a paragraph, blocks separated by a blank line), not the markup. Spans
  therefore count characters in that extracted text, which is what
  ``annales repair`` and the exports show; the markup itself is never quoted.
  Tiny pages where trafilatura finds nothing fall back to the body's text.
* **PDF**: the text layer of each page as pdfium extracts it, pages separated
  by a form feed ``"\\f"``. pdfium's generated CRLF line breaks become ``"\\n"``
  (they are not in the file, only in the extraction), and the mark pdfium
  puts for a hyphen that ends a line becomes ``"-\\n"``. ``Document.layout``
  holds one block a text line, with its page (from 1) and its box in PDF units
  (left, bottom, right, top; origin at the page's bottom left; from the
  font's descent to its ascent). A line pdfium runs across a column gutter is
  two blocks. A page without a text layer that holds an image (a scan) is
  rendered at 300 dpi and read by OCR (:mod:`annales.stages.ocr`); its blocks
  have the same kind of boxes, and ``meta`` lists the pages read so.
* **Images** (PNG, JPEG, TIFF): the text Tesseract reads, lines separated by
  ``"\\n"``, paragraphs by a blank line, the pages of a multi-page TIFF by a
  form feed; one layout block a line (boxes in pixels, origin bottom left);
  languages and mean word confidence in ``meta``. Without the ``tesseract``
  program the read fails with a message that says to run ``make setup``.

Every failure raises one of the :mod:`annales.errors` read errors, whose
message names the file and the problem.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annales.errors import (
    BinaryFileError,
    EmptyFileError,
    EncodingError,
    MalformedFileError,
    NotFoundError,
    ReadError,
    TooLargeError,
    UnsupportedFormatError,
)
from annales.records import Document, LayoutBlock, Problem, Span
from annales.stages.ocr import OcrResult, ocr_image, tesseract_path

__all__ = ["SUPPORTED_SUFFIXES", "expand_paths", "read", "read_bytes"]

TEXT = "text/plain"
MARKDOWN = "text/markdown"
HTML = "text/html"
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
IMAGES = frozenset({PNG, JPEG, TIFF})

_MEDIA_TYPES: dict[str, str] = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".pdf": PDF,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".tif": TIFF,
    ".tiff": TIFF,
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_MEDIA_TYPES)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# Magic numbers of formats people drop into a text folder by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX, ODT or EPUB file)"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"%PDF-", "a PDF file"),
    (b"{\\rtf", "an RTF file"),
)

# Control bytes that do not occur in text. Tab, newlines, vertical tab, form
# feed, DOS end-of-file (0x1A) and escape are left out: old text files hold them.
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 11, 12, 13, 26, 27})) + b"\x7f"
_MAX_CONTROL_SHARE = 0.01
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f]")

#: Single-byte encodings tried, in order of preference when they read equally well.
_CANDIDATES: tuple[str, ...] = ("cp1252", "iso8859_15", "latin_1", "mac_roman", "cp1251")
_ENCODING_NAMES = {
    "cp1252": "cp1252",
    "iso8859_15": "iso-8859-15",
    "latin_1": "latin-1",
    "mac_roman": "mac-roman",
    "cp1251": "cp1251",
}
#: Below this confidence a detected encoding is flagged in ``meta``.
_WEAK_CONFIDENCE = 0.8


# ---------------------------------------------------------------------------
# Entry points


def read(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a document; raise a :class:`ReadError` subclass if it cannot be read."""
    file = Path(path)
    shown = str(path)
    media_type = _MEDIA_TYPES.get(file.suffix.lower())
    if media_type is None:
        if file.is_dir():
            raise UnsupportedFormatError(
                f"{shown}: is a folder, not a file", hint="pass it to `annales ingest`, which walks folders"
            )
        if not file.exists():
            raise NotFoundError(f"{shown}: no such file")
        raise UnsupportedFormatError(f"{shown}: unsupported file type {file.suffix or '(no suffix)'!r}")
    try:
        with file.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise TooLargeError(f"{shown}: {size} bytes, more than the limit of {max_bytes} bytes")
            # Read one byte past the limit: the file may have grown since fstat.
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise NotFoundError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise UnsupportedFormatError(
            f"{shown}: is a folder, not a file", hint="pass it to `annales ingest`, which walks folders"
        ) from None
    except PermissionError:
        raise ReadError(f"{shown}: permission denied", hint="check the file's permissions") from None
    except OSError as exc:
        raise ReadError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise TooLargeError(f"{shown}: more than the limit of {max_bytes} bytes")
    return _decode(data, name=file.name, path=shown, media_type=media_type)


def read_bytes(data: bytes, *, name: str, media_type: str | None = None) -> Document:
    """Read in-memory content as :func:`read` reads a file called ``name``.

    Without ``media_type`` the type comes from the suffix of ``name``; a name
    with no known suffix (an upload, say) is sniffed: PDF by its magic number,
    HTML by its opening tag, anything else as text.
    """
    if media_type is None:
        media_type = _MEDIA_TYPES.get(Path(name).suffix.lower()) or _sniff(data)
    elif media_type not in {TEXT, MARKDOWN, HTML, PDF} | IMAGES:
        raise UnsupportedFormatError(f"{name}: unsupported media type {media_type!r}")
    return _decode(bytes(data), name=Path(name).name or name, path="", media_type=media_type)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Problem]]:
    """Files and folders → the files to ingest, plus a :class:`Problem` for each bad named path.

    Folders are walked recursively in sorted order; inside them, hidden files
    and folders (names starting with ``.``) and files with unsupported
    suffixes are skipped silently. A named path that does not exist, or a
    named file with an unsupported suffix, becomes a problem. A file reached
    twice is listed once.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def add(file: Path) -> None:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            files.append(file)

    for item in paths:
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                add(file)
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                add(path)
            else:
                err = UnsupportedFormatError(f"{path}: unsupported file type {path.suffix or '(no suffix)'!r}")
                problems.append(_problem(str(item), err))
        elif path.exists():
            problems.append(_problem(str(item), ReadError(f"{path}: not a regular file or folder")))
        else:
            problems.append(_problem(str(item), NotFoundError(f"{path}: no such file or folder")))
    return files, problems


def _walk(root: Path) -> list[Path]:
    """Supported, visible files under ``root``, sorted by their path inside it."""
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        # Prune hidden folders in place so os.walk never enters them (.git can be huge).
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            if filename.startswith(".") or Path(filename).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            file = Path(folder, filename)
            if file.is_file():
                found.append(file)
    found.sort(key=lambda f: f.relative_to(root).parts)
    return found


def _problem(path: str, err: ReadError) -> Problem:
    return Problem(path=path, reason=err.message, hint=err.hint, extra=(("code", err.code),))


def _sniff(data: bytes) -> str:
    if data.lstrip()[:5] == b"%PDF-":
        return PDF
    for magic, image_type in _IMAGE_MAGIC:
        if data.startswith(magic):
            return image_type
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head:
        return HTML
    return TEXT


_IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)


def _decode(data: bytes, *, name: str, path: str, media_type: str) -> Document:
    if media_type == PDF:
        return _read_pdf(data, name=name, path=path)
    if media_type in IMAGES:
        return _read_image(data, name=name, path=path, media_type=media_type)
    if media_type == HTML:
        return _read_html(data, name=name, path=path)
    return _read_text(data, name=name, path=path, media_type=media_type)


def _document(
    text: str,
    *,
    name: str,
    path: str,
    media_type: str,
    encoding: str,
    title: str | None = None,
    meta: Iterable[tuple[str, str]] = (),
    layout: tuple[LayoutBlock, ...] = (),
) -> Document:
    return Document(
        name=name,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        media_type=media_type,
        encoding=encoding,
        path=path,
        title=title or None,
        meta=tuple(meta),
        layout=layout,
    )


# ---------------------------------------------------------------------------
# Text


def _read_text(data: bytes, *, name: str, path: str, media_type: str) -> Document:
    text, encoding, meta = _decode_text(data, name=name)
    _check_text(text, name=name)
    title = _markdown_title(text) if media_type == MARKDOWN else None
    return _document(text, name=name, path=path, media_type=media_type, encoding=encoding, title=title, meta=meta)


def _decode_text(data: bytes, *, name: str, declared: str | None = None) -> tuple[str, str, list[tuple[str, str]]]:
    """Decode bytes: BOM, else a declared charset, else strict UTF-8, else detection."""
    if not data.strip():
        problem = "is empty" if not data else "holds only whitespace"
        raise EmptyFileError(f"{name}: the file {problem}")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"{name}: starts with a {label} byte-order mark but is not valid {label} (byte {exc.start + len(bom)})"
                ) from None
            return text, codec, [("bom", label)]
    _check_binary(data, name=name)
    meta: list[tuple[str, str]] = []
    if declared:
        try:
            text = data.decode(declared)
            return text, _ENCODING_NAMES.get(declared, declared), [("declared_charset", declared)]
        except (UnicodeDecodeError, LookupError):
            meta.append(("declared_charset_ignored", declared))
    try:
        return data.decode("utf-8"), "utf-8", meta
    except UnicodeDecodeError:
        pass
    text, encoding, detected = _detect(data, name=name)
    return text, encoding, meta + detected


def _check_binary(data: bytes, *, name: str) -> None:
    """Refuse content that is not text: a known magic number, NUL bytes, many control bytes."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise BinaryFileError(f"{name}: is {kind}, not text")
    if b"\x00" in data:
        raise BinaryFileError(f"{name}: holds NUL bytes and no UTF-16/UTF-32 byte-order mark; it is not text")
    sample = data[: 1024 * 1024]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryFileError(f"{name}: {controls} control bytes in {len(sample)}; it is not text")


def _check_text(text: str, *, name: str) -> None:
    """Refuse decoded text that is blank or full of control characters."""
    if not text.strip():
        raise EmptyFileError(f"{name}: the file holds only whitespace")
    sample = text[: 1024 * 1024]
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryFileError(f"{name}: {controls} control characters in {len(sample)}; it is not text")


_WORD = re.compile(r"\w+|[^\w\s]")
#: Non-ASCII signs that Western prose really uses; others (‡, ◊, ∂) betray a wrong decoding.
_COMMON_SIGNS = frozenset("“”‘’«»‹›„‚–—…¡¿·§¶°•€£¥©®™±×÷½¼¾¹²³ªº\u00a0")


def _suspicion(text: str) -> int:
    """Count the marks of a wrong single-byte decoding in ``text``; lower is likelier.

    A right decoding of Western text rarely has C1 controls, symbols such as
    ``‡`` or ``◊`` in the middle of words, an accented capital inside a
    lower-case word (``dÈj‡``), words made mostly of accented letters
    (``ïðàâäà``), or Latin and Cyrillic letters in one word.
    """
    score = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        if len(word) == 1:
            cat = unicodedata.category(word)
            if cat == "Cc":
                score += 5
            elif not cat.startswith("L") and word not in _COMMON_SIGNS:
                score += 1
            continue
        latin_accented = sum(1 for ch in word if "\u00c0" <= ch <= "\u024f")
        cyrillic = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
        ascii_letters = sum(1 for ch in word if ch.isascii() and ch.isalpha())
        if cyrillic and (latin_accented or ascii_letters):
            score += 2
        if len(word) >= 4 and latin_accented * 2 > len(word):
            score += 1
        for i in range(1, len(word)):
            ch = word[i]
            if not ch.isascii() and ch.isupper() and word[i - 1].islower():
                score += 1
                break
        score += sum(1 for ch in word if not ch.isalnum() and ch != "_")
    return score


def _detect(data: bytes, *, name: str) -> tuple[str, str, list[tuple[str, str]]]:
    """Detect a single-byte encoding for bytes that are not UTF-8, and say how sure it is.

    charset-normalizer, restricted to the candidate encodings, rules out those
    that do not decode or read as noise; the survivors are ranked by
    :func:`_suspicion`, because on short texts charset-normalizer alone prefers
    Mac Roman to cp1252 for plain French.
    """
    import charset_normalizer

    matches = charset_normalizer.from_bytes(data, cp_isolation=list(_CANDIDATES))
    # A match stands for every encoding that decodes the bytes the same way.
    plausible = {codec for m in matches for codec in (m.encoding, *m.could_be_from_charset)}
    readings: list[tuple[int, int, str, str]] = []
    for rank, codec in enumerate(_CANDIDATES):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "latin_1" and re.search("[\x80-\x9f]", text):
            continue  # C1 controls: the file is not Latin-1 whatever decodes
        if plausible and codec not in plausible:
            continue  # charset-normalizer read it as noise
        readings.append((_suspicion(text), rank, codec, text))
    if not readings:
        raise EncodingError(f"{name}: is neither UTF-8 nor any of {', '.join(_ENCODING_NAMES.values())}")
    readings.sort()
    score, _, codec, text = readings[0]
    same = [c for _, _, c, t in readings[1:] if t == text]
    rivals = [s for s, _, _, t in readings[1:] if t != text]
    non_ascii = sum(1 for ch in text if not ch.isascii()) or 1
    confidence = max(0.0, 1.0 - score / non_ascii)
    if rivals:
        # Another encoding that reads almost as well leaves the choice resting on little evidence.
        gap = min(rivals) - score
        confidence = min(confidence, 0.5 if gap <= 0 else 0.75 if gap == 1 else 1.0)
    encoding = _ENCODING_NAMES[codec]
    meta = [("encoding_detected", encoding), ("encoding_confidence", f"{confidence:.2f}")]
    if same:
        meta.append(("encoding_equivalents", ",".join(_ENCODING_NAMES[c] for c in same)))
    if confidence < _WEAK_CONFIDENCE:
        meta.append(("encoding_warning", f"weak detection of {encoding}; check accented letters"))
    return text, encoding, meta


def _markdown_title(text: str) -> str | None:
    for line in text.splitlines()[:20]:
        if line.startswith("# "):
            return line[2:].strip().strip("#").strip() or None
    return None


# ---------------------------------------------------------------------------
# HTML

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)["']""")
# Per WHATWG, pages that say Latin-1 or ASCII are read as windows-1252.
_HTML_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "utf8": "utf-8",
}
_NOT_TEXT_TAGS = ("script", "style", "noscript", "template", "head", "svg", "math")
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "table",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "figure",
        "figcaption",
        "br",
        "hr",
        "address",
        "caption",
    }
)


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not found:
        return None
    label = found.group(1).decode("ascii").lower()
    label = _HTML_CHARSET_ALIASES.get(label, label)
    if label.startswith(("utf-16", "utf-32")):
        return None  # a BOM-less page cannot be UTF-16; the label is wrong (WHATWG)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _read_html(data: bytes, *, name: str, path: str) -> Document:
    declared = None if data.startswith(tuple(b for b, _, _ in _BOMS)) else _declared_charset(data)
    markup, encoding, meta = _decode_text(data, name=name, declared=declared)
    if not markup.strip():
        raise EmptyFileError(f"{name}: the page is empty")
    text, title, extra = _extract_html(markup, name=name)
    meta.extend(extra)
    text = text.strip()
    if not text:
        raise EmptyFileError(f"{name}: the page holds no text outside its markup")
    return _document(text, name=name, path=path, media_type=HTML, encoding=encoding, title=title, meta=meta)


def _extract_html(markup: str, *, name: str) -> tuple[str, str | None, list[tuple[str, str]]]:
    """Main text, title and metadata of a page: trafilatura, else the body's text."""
    import trafilatura
    from lxml import etree

    meta: list[tuple[str, str]] = []
    title: str | None = None
    extracted: Any = None
    try:
        extracted = trafilatura.bare_extraction(markup, include_comments=False, include_tables=True, with_metadata=True)
    except (ValueError, etree.LxmlError):
        extracted = None
    text = ""
    if extracted is not None:
        title = extracted.title or None
        for key in ("author", "date", "sitename", "url", "description"):
            value = getattr(extracted, key, None)
            if value:
                # trafilatura may take a copyright year for the date; keep it as a hint only.
                meta.append((f"html_{key}", str(value)))
        text = extracted.text or ""
    if text.strip():
        meta.append(("extractor", "trafilatura"))
        # trafilatura gives one block a line; a blank line between blocks marks paragraphs.
        blocks = [line.strip() for line in text.split("\n")]
        return "\n\n".join(b for b in blocks if b), title, meta
    body_text, page_title = _body_text(markup, name=name)
    meta.append(("extractor", "lxml"))
    return body_text, title or page_title, meta


def _body_text(markup: str, *, name: str) -> tuple[str, str | None]:
    """The visible text of a page's body, one block a paragraph, without script or style."""
    import lxml.html
    from lxml import etree

    try:
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
        root = lxml.html.document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.LxmlError, ValueError) as exc:
        raise MalformedFileError(f"{name}: the HTML cannot be parsed ({exc})") from None
    title_el = root.find(".//title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else None
    for tag in _NOT_TEXT_TAGS:
        for el in list(root.iter(tag)):
            if el.getparent() is not None:
                el.drop_tree()
    body = root.find("body")
    blocks: list[str] = []
    current: list[str] = []
    for piece in _text_pieces(body if body is not None else root):
        if piece is None:
            line = " ".join("".join(current).split())
            if line:
                blocks.append(line)
            current = []
        else:
            current.append(piece)
    line = " ".join("".join(current).split())
    if line:
        blocks.append(line)
    return "\n\n".join(blocks), title or None


def _text_pieces(el: Any) -> Iterator[str | None]:
    """Text of ``el`` in document order; ``None`` marks a block boundary."""
    tag = el.tag if isinstance(el.tag, str) else ""
    block = tag.lower() in _BLOCK_TAGS
    if block:
        yield None
    if el.text and isinstance(el.tag, str):
        yield el.text
    for child in el:
        yield from _text_pieces(child)
        if child.tail:
            yield child.tail
    if block:
        yield None


# ---------------------------------------------------------------------------
# PDF


def _read_pdf(data: bytes, *, name: str, path: str) -> Document:
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
        meta.extend(_ocr_meta(ocr_runs))
    skipped = [n for n in scanned if n not in ocr_pages]
    if skipped:
        meta.append(("ocr_skipped_pages", ",".join(map(str, skipped))))
        meta.append(("ocr_skipped_reason", "tesseract is not installed; run `make setup`"))
    return _document(text, name=name, path=path, media_type=PDF, encoding="pdf", title=title, meta=meta, layout=tuple(layout))


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


# ---------------------------------------------------------------------------
# Images


def _read_image(data: bytes, *, name: str, path: str, media_type: str) -> Document:
    """OCR an image file (a multi-page TIFF gives several pages, separated by form feeds)."""
    if not data:
        raise EmptyFileError(f"{name}: the file is empty")
    result = ocr_image(data, name=name)
    if not result.text.strip():
        raise EmptyFileError(
            f"{name}: OCR found no text in the image",
            hint="check the scan's quality; OCR reads printed text at 300 dpi best",
        )
    meta = [("pages", str(result.pages)), *result.meta]
    return _document(result.text, name=name, path=path, media_type=media_type, encoding="ocr", meta=meta, layout=result.layout)


def _ocr_meta(runs: list[OcrResult]) -> list[tuple[str, str]]:
    """The meta of several OCR runs (one a PDF page): languages, mean word confidence."""
    confidences = [c for run in runs for c in run.word_confidences]
    meta = [("ocr", "tesseract"), ("ocr_languages", "+".join(runs[0].languages))]
    if confidences:
        meta.append(("ocr_confidence", f"{sum(confidences) / len(confidences):.1f}"))
    if runs[0].missing_languages:
        meta.append(("ocr_missing_languages", "+".join(runs[0].missing_languages)))
    return meta
