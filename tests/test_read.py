"""Tests for the read stage: decoding, refusals, HTML extraction, PDF text layer, path expansion."""

from __future__ import annotations

import codecs
import hashlib
import os
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
from annales.records import Document
from annales.stages.read import SUPPORTED_SUFFIXES, expand_paths, read, read_bytes

FRENCH = "« Lénine » mourut à Gorki en janvier 1924 ; Staline prononça l’éloge funèbre — déjà sûr de lui."
ENGLISH = "The Tenth Congress met in March 1921 while the Kronstadt garrison was still in revolt."


def meta(doc: Document) -> dict[str, str]:
    return dict(doc.meta)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def assert_quote(doc: Document, start: int, end: int, quote: str) -> None:
    assert doc.text[start:end] == quote


# --- text decoding ---------------------------------------------------------


def test_read_utf8_file(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", FRENCH.encode("utf-8"))
    doc = read(path)
    assert doc.text == FRENCH
    assert doc.encoding == "utf-8"
    assert doc.name == "notes.txt"
    assert doc.path == str(path)
    assert doc.media_type == "text/plain"
    assert doc.sha256 == hashlib.sha256(FRENCH.encode("utf-8")).hexdigest()
    start = doc.text.index("Lénine")
    assert_quote(doc, start, start + 6, "Lénine")


def test_read_utf8_bom_is_not_text(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + FRENCH.encode("utf-8")))
    assert doc.text == FRENCH  # the BOM is not a character of the text
    assert doc.encoding == "utf-8-sig"
    assert meta(doc)["bom"] == "utf-8"


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    ],
)
def test_read_utf16_and_utf32_with_bom(tmp_path: Path, bom: bytes, codec: str, expected: str) -> None:
    doc = read(write(tmp_path, "wide.txt", bom + FRENCH.encode(codec)))
    assert doc.text == FRENCH
    assert doc.encoding == expected
    assert meta(doc)["bom"] == expected


def test_read_same_content_in_two_encodings_has_one_hash(tmp_path: Path) -> None:
    a = read(write(tmp_path, "a.txt", FRENCH.encode("utf-8")))
    b = read(write(tmp_path, "b.txt", codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le")))
    assert a.sha256 == b.sha256


def test_read_cp1252_curly_quotes_and_accents(tmp_path: Path) -> None:
    text = "“Lénine” était déjà malade ; l’été 1923 fut “décisif” — à Moscou, en août."
    doc = read(write(tmp_path, "win.txt", text.encode("cp1252")))
    assert doc.text == text
    assert doc.encoding == "cp1252"
    facts = meta(doc)
    assert facts["encoding_detected"] == "cp1252"
    assert float(facts["encoding_confidence"]) >= 0.8
    start = doc.text.index("Lénine")
    assert_quote(doc, start, start + len("Lénine"), "Lénine")


def test_read_latin1_decodes_right(tmp_path: Path) -> None:
    text = "Le congrès de Zürich réunit les délégués à l'été 1915, près du lac."
    doc = read(write(tmp_path, "latin.txt", text.encode("latin-1")))
    assert doc.text == text
    # Without bytes 0x80-0x9F the three Western encodings read the same text; say so.
    assert doc.encoding in {"cp1252", "latin-1", "iso-8859-15"}
    assert "latin-1" in {doc.encoding, *meta(doc).get("encoding_equivalents", "").split(",")}


def test_read_weak_detection_is_recorded(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "short.txt", "Lénine".encode("cp1252")))
    assert doc.text == "Lénine"
    assert "encoding_warning" in meta(doc)
    assert float(meta(doc)["encoding_confidence"]) < 0.8


def test_read_cyrillic_cp1251(tmp_path: Path) -> None:
    text = "Ленин умер в январе 1924 года в Горках под Москвой."
    doc = read(write(tmp_path, "ru.txt", text.encode("cp1251")))
    assert doc.text == text
    assert doc.encoding == "cp1251"


def test_read_crlf_is_preserved_and_spans_hold(tmp_path: Path) -> None:
    text = "First line about 1905.\r\nSecond line: the Duma met.\r\n\r\nA new paragraph.\r\n"
    doc = read(write(tmp_path, "dos.txt", text.encode("utf-8")))
    assert doc.text == text
    assert "\r\n" in doc.text
    start = doc.text.index("the Duma met")
    assert_quote(doc, start, start + len("the Duma met"), "the Duma met")
    assert start == len("First line about 1905.\r\nSecond line: ")


def test_read_unicode_is_not_normalised(tmp_path: Path) -> None:
    decomposed = "Le´nine".replace("e´", "e\u0301")  # e + combining acute, not é
    doc = read(write(tmp_path, "nfd.txt", decomposed.encode("utf-8")))
    assert doc.text == decomposed
    assert len(doc.text) == 7


def test_read_markdown_title(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "essay.md", b"# The Opposition\n\nIn 1923 the letter of the 46 was sent.\n"))
    assert doc.media_type == "text/markdown"
    assert doc.title == "The Opposition"


# --- refusals ---------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_read_empty_and_whitespace_files(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(EmptyFileError) as info:
        read(write(tmp_path, "blank.txt", data))
    assert "blank.txt" in str(info.value)


def test_read_bom_only_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyFileError):
        read(write(tmp_path, "bom.txt", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")))


def test_read_random_bytes_are_binary(tmp_path: Path) -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00"
    with pytest.raises(BinaryFileError) as info:
        read(write(tmp_path, "junk.txt", data))
    assert "junk.txt" in str(info.value)


def test_read_png_is_binary(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n" + b"IHDR" + bytes(range(40, 120))
    with pytest.raises(BinaryFileError, match="PNG"):
        read(write(tmp_path, "picture.txt", data))


def test_read_control_characters_are_binary(tmp_path: Path) -> None:
    data = b"abc\x01\x02\x03\x04\x05\x06 def" * 50
    with pytest.raises(BinaryFileError):
        read(write(tmp_path, "ctl.txt", data))


def test_read_too_large_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"The archive grew and grew. " * 2000)
    with pytest.raises(TooLargeError) as info:
        read(path, max_bytes=1000)
    assert "big.txt" in str(info.value)
    assert read(path, max_bytes=10**6).text.startswith("The archive")


def test_read_bad_utf16_after_bom(tmp_path: Path) -> None:
    with pytest.raises(EncodingError):
        read(write(tmp_path, "odd.txt", codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"\x00\xd8"))


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as info:
        read(tmp_path / "nowhere.txt")
    assert "nowhere.txt" in str(info.value)


def test_read_unsupported_suffix(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError):
        read(write(tmp_path, "sheet.xlsx", b"PK\x03\x04"))


def test_read_errors_carry_a_hint(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        read(write(tmp_path, "blank.md", b""))
    assert info.value.hint
    assert info.value.code.startswith("E1")


# --- HTML ---------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The exile of 1928</title>
<style>body { font-family: serif } .secret { color: red }</style>
<script>var tracker = "SCRIPTWORDS"; function f() { return "more script"; }</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/archive">Archive</a></li>
<li><a href="/about">About us</a></li></ul></nav>
<article>
<h1>The road to Alma-Ata</h1>
<p>In January 1928 the leader of the Left Opposition was put on a train at night and sent east, to a town
near the Chinese border, where letters reached him weeks late and the winters were long.</p>
<p>From there he kept writing to his followers, and by the autumn the police had counted hundreds of
letters leaving the town each month, most of them copied by hand and passed from one exile to the next.</p>
</article>
<footer>Copyright the Example Society</footer>
<script>document.write("LATE SCRIPT")</script>
</body></html>
"""


def test_read_html_keeps_article_and_drops_script(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "page.html", PAGE.encode("utf-8")))
    assert doc.media_type == "text/html"
    assert doc.encoding == "utf-8"
    assert "In January 1928 the leader of the Left Opposition" in doc.text
    assert "copied by hand" in doc.text
    for junk in ("SCRIPTWORDS", "more script", "LATE SCRIPT", "font-family", "About us"):
        assert junk not in doc.text
    assert doc.title
    # paragraphs stay separate blocks
    assert "\n\n" in doc.text
    start = doc.text.index("Left Opposition")
    assert_quote(doc, start, start + len("Left Opposition"), "Left Opposition")


def test_read_html_declared_charset(tmp_path: Path) -> None:
    page = "<html><head><meta charset='windows-1252'></head><body><p>“Lénine” à Gorki, l’été 1923.</p></body></html>"
    doc = read(write(tmp_path, "old.htm", page.encode("cp1252")))
    assert "“Lénine” à Gorki, l’été 1923." in doc.text
    assert doc.encoding == "cp1252"


def test_read_malformed_html_still_reads(tmp_path: Path) -> None:
    page = b"<html><body><div><p>The treaty was signed at Brest-Litovsk in March 1918.<p>Unclosed <b>bold <i>and more"
    doc = read(write(tmp_path, "broken.html", page))
    assert "The treaty was signed at Brest-Litovsk in March 1918." in doc.text
    assert "Unclosed" in doc.text


def test_read_tiny_html_falls_back_to_body(tmp_path: Path) -> None:
    page = b"<html><head><style>p{}</style><script>x=1</script></head>"
    page += b"<body><p>Kronstadt, 1921.</p></body></html>"
    doc = read(write(tmp_path, "tiny.html", page))
    assert "Kronstadt, 1921." in doc.text
    assert "x=1" not in doc.text


def test_read_html_without_text_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyFileError):
        page = b"<html><head><script>var a = 1;</script></head><body></body></html>"
        read(write(tmp_path, "void.html", page))


# --- PDF ---------------------------------------------------------------------

PAGE_ONE = (
    "The first page tells how the sailors of Kronstadt rose in March 1921 "
    "and were crushed within a fortnight by troops sent across the ice."
)
PAGE_TWO = "The second page says the New Economic Policy began that spring."


def make_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Two pages of history")
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, PAGE_ONE)
    pdf.add_page()
    pdf.cell(0, 10, PAGE_TWO)
    return bytes(pdf.output())


def test_read_pdf_text_pages_and_layout(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "two.pdf", make_pdf()))
    assert doc.media_type == "application/pdf"
    assert meta(doc)["pages"] == "2"
    assert doc.title == "Two pages of history"
    first, second = doc.text.split("\f")
    assert " ".join(first.split()) == PAGE_ONE
    assert second.strip() == PAGE_TWO
    assert "\r" not in doc.text
    assert doc.layout
    assert {block.page for block in doc.layout} == {1, 2}
    for block in doc.layout:
        quote = doc.text[block.span.start : block.span.end]
        assert quote.strip() == quote and quote
        assert "\f" not in quote and "\n" not in quote
        left, bottom, right, top = block.bbox
        assert left < right and bottom < top
    last = doc.layout[-1]
    assert last.page == 2
    assert_quote(doc, last.span.start, last.span.end, PAGE_TWO)
    # Blocks of page 1 lie before the form feed, page 2 after it.
    feed = doc.text.index("\f")
    assert all((b.span.end <= feed) == (b.page == 1) for b in doc.layout)
    # Lines of page 1 read top to bottom.
    tops = [b.bbox[3] for b in doc.layout if b.page == 1]
    assert tops == sorted(tops, reverse=True) and len(tops) >= 2


def test_read_truncated_pdf_is_malformed(tmp_path: Path) -> None:
    data = make_pdf()
    with pytest.raises(MalformedFileError) as info:
        read(write(tmp_path, "cut.pdf", data[:200]))
    assert "cut.pdf" in str(info.value)


def test_read_garbage_pdf_is_malformed(tmp_path: Path) -> None:
    with pytest.raises(MalformedFileError):
        read(write(tmp_path, "fake.pdf", b"This is a plain note, not a PDF at all."))


def test_read_pdf_without_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a drawing, no text: like a scan
    with pytest.raises(ReadError, match="no text layer") as info:
        read(write(tmp_path, "scan.pdf", bytes(pdf.output())))
    assert "OCR" in str(info.value)


def test_read_encrypted_pdf_says_so(tmp_path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 10, "Minutes of a closed session, 1926.")
    pdf.set_encryption(owner_password="owner", user_password="reader", encryption_method=EncryptionMethod.RC4)
    with pytest.raises(ReadError, match="encrypted") as info:
        read(write(tmp_path, "locked.pdf", bytes(pdf.output())))
    assert "locked.pdf" in str(info.value) and "password" in str(info.value)


def test_read_bytes_sniffs_pdf_and_html() -> None:
    assert read_bytes(make_pdf(), name="upload").media_type == "application/pdf"
    doc = read_bytes(PAGE.encode("utf-8"), name="upload")
    assert doc.media_type == "text/html" and doc.path == ""
    assert read_bytes(ENGLISH.encode(), name="x", media_type="text/plain").text == ENGLISH


# --- expand_paths ---------------------------------------------------------------


def test_expand_paths_walks_folders(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root, "b.txt", b"b")
    write(root, "a.md", b"a")
    write(root, "sub/deeper/c.PDF", b"%PDF")
    write(root, "sub/d.html", b"<p>d</p>")
    write(root, ".hidden.txt", b"h")
    write(root, ".git/config.txt", b"g")
    write(root, "notes.docx", b"PK")
    write(root, "image.png", b"\x89PNG")
    write(root, "drawing.gif", b"GIF89a")
    files, problems = expand_paths([root])
    assert problems == []
    rel = [f.relative_to(root).as_posix() for f in files]
    # Images are read through OCR; a GIF is not.
    assert rel == ["a.md", "b.txt", "image.png", "sub/d.html", "sub/deeper/c.PDF"]


def test_expand_paths_reports_missing_and_unsupported(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", b"good")
    bad = write(tmp_path, "table.csv", b"a,b")
    missing = tmp_path / "gone.txt"
    files, problems = expand_paths([good, missing, bad, str(good)])
    assert files == [good]
    assert [p.path for p in problems] == [str(missing), str(bad)]
    assert "no such file" in problems[0].reason and problems[0].hint
    assert "unsupported" in problems[1].reason
    assert dict(problems[0].extra)["code"] == NotFoundError.code


def test_expand_paths_named_hidden_file_is_kept(tmp_path: Path) -> None:
    hidden = write(tmp_path, ".draft.md", b"draft")
    files, problems = expand_paths([hidden])
    assert files == [hidden] and problems == []


def test_supported_suffixes() -> None:
    text = {".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml", ".pdf"}
    images = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
    assert text | images == set(SUPPORTED_SUFFIXES)


def test_read_does_not_open_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "once.txt", ENGLISH.encode())
    opened: list[str] = []
    real_open = Path.open

    def counting_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.fspath(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting_open)
    assert read(path).text == ENGLISH
    assert opened == [str(path)]


def test_read_html_falls_back_to_lxml_when_trafilatura_finds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    page = (
        b"<html><head><title>Fallback</title><script>hidden()</script></head><body>"
        b"<h1>Brest-Litovsk</h1><p>Signed in <b>March</b> 1918.<style>p{}</style></p>"
        b"<div>Ratified<br>soon</div>"
        b"</body></html>"
    )
    doc = read(write(tmp_path, "fallback.html", page))
    assert doc.text == "Brest-Litovsk\n\nSigned in March 1918.\n\nRatified\n\nsoon"
    assert doc.title == "Fallback"
    assert meta(doc)["extractor"] == "lxml"


# Text without control characters (other than tab and newlines), not blank.
_PLAIN = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\t\r\n"), min_size=1).filter(
    lambda s: s.strip() and not s.startswith("\ufeff")
)


@settings(max_examples=60, deadline=None)
@given(_PLAIN)
def test_read_bytes_utf8_round_trips_exactly(text: str) -> None:
    doc = read_bytes(text.encode("utf-8"), name="any.txt")
    assert doc.text == text
    assert doc.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
