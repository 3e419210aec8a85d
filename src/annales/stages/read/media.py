"""Media types annales reads, the suffixes that name them, and the :class:`Document` every reader returns."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from annales.records import Document, LayoutBlock

TEXT = "text/plain"
MARKDOWN = "text/markdown"
HTML = "text/html"
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
IMAGES = frozenset({PNG, JPEG, TIFF})

MEDIA_TYPES: dict[str, str] = {
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
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(MEDIA_TYPES)


def make_document(
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
    """A document of ``text`` with its SHA-256 (of the text, not the file's bytes, so a re-encoded copy is the same document)."""
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
