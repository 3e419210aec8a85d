"""HTML: the declared charset, then the main text through trafilatura, else the body's text through lxml."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any

from annales.errors import EmptyFileError, MalformedFileError
from annales.records import Document
from annales.stages.read.media import HTML, make_document
from annales.stages.read.text import BOMS, decode_text

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
    """The codec named by the page's XML declaration or ``<meta charset>``, if Python knows it."""
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


def read_html(data: bytes, *, name: str, path: str) -> Document:
    """Read a web page: decode it (BOM, else declared charset, else as text) and keep its main text."""
    declared = None if data.startswith(tuple(b for b, _, _ in BOMS)) else _declared_charset(data)
    markup, encoding, meta = decode_text(data, name=name, declared=declared)
    if not markup.strip():
        raise EmptyFileError(f"{name}: the page is empty")
    text, title, extra = _extract_html(markup, name=name)
    meta.extend(extra)
    text = text.strip()
    if not text:
        raise EmptyFileError(f"{name}: the page holds no text outside its markup")
    return make_document(text, name=name, path=path, media_type=HTML, encoding=encoding, title=title, meta=meta)


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
