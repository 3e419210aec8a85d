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

import os
from pathlib import Path

from annales.errors import NotFoundError, ReadError, TooLargeError, UnsupportedFormatError
from annales.records import Document
from annales.stages.read.html import read_html
from annales.stages.read.image import read_image
from annales.stages.read.media import HTML, IMAGES, JPEG, MARKDOWN, MEDIA_TYPES, PDF, PNG, SUPPORTED_SUFFIXES, TEXT, TIFF
from annales.stages.read.paths import expand_paths
from annales.stages.read.pdf import read_pdf
from annales.stages.read.text import read_text

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "expand_paths", "read", "read_bytes"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def read(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a document; raise a :class:`ReadError` subclass if it cannot be read."""
    file = Path(path)
    shown = str(path)
    media_type = MEDIA_TYPES.get(file.suffix.lower())
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
        media_type = MEDIA_TYPES.get(Path(name).suffix.lower()) or _sniff(data)
    elif media_type not in {TEXT, MARKDOWN, HTML, PDF} | IMAGES:
        raise UnsupportedFormatError(f"{name}: unsupported media type {media_type!r}")
    return _decode(bytes(data), name=Path(name).name or name, path="", media_type=media_type)


_IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)


def _sniff(data: bytes) -> str:
    """The media type of content with no known suffix: PDF or image by magic number, HTML by its opening tag, else text."""
    if data.lstrip()[:5] == b"%PDF-":
        return PDF
    for magic, image_type in _IMAGE_MAGIC:
        if data.startswith(magic):
            return image_type
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head:
        return HTML
    return TEXT


def _decode(data: bytes, *, name: str, path: str, media_type: str) -> Document:
    """Hand the bytes to the reader of ``media_type``."""
    if media_type == PDF:
        return read_pdf(data, name=name, path=path)
    if media_type in IMAGES:
        return read_image(data, name=name, path=path, media_type=media_type)
    if media_type == HTML:
        return read_html(data, name=name, path=path)
    return read_text(data, name=name, path=path, media_type=media_type)
