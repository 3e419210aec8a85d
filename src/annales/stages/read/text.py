"""Plain text and Markdown: decoding (byte-order marks, strict UTF-8, detection), refusing binary files, titles."""

from __future__ import annotations

import codecs
import re
import unicodedata

from annales.errors import BinaryFileError, EmptyFileError, EncodingError
from annales.records import Document
from annales.stages.read.media import MARKDOWN, make_document

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str, str], ...] = (
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


def read_text(data: bytes, *, name: str, path: str, media_type: str) -> Document:
    """Read a plain text or Markdown file: its decoded bytes, exactly; a Markdown file's first ``# `` heading is its title."""
    text, encoding, meta = decode_text(data, name=name)
    _check_text(text, name=name)
    title = _markdown_title(text) if media_type == MARKDOWN else None
    return make_document(text, name=name, path=path, media_type=media_type, encoding=encoding, title=title, meta=meta)


def decode_text(data: bytes, *, name: str, declared: str | None = None) -> tuple[str, str, list[tuple[str, str]]]:
    """Decode bytes: BOM, else a declared charset, else strict UTF-8, else detection."""
    if not data.strip():
        problem = "is empty" if not data else "holds only whitespace"
        raise EmptyFileError(f"{name}: the file {problem}")
    for bom, codec, label in BOMS:
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
    """The first level-one ATX heading among the first 20 lines, if any."""
    for line in text.splitlines()[:20]:
        if line.startswith("# "):
            return line[2:].strip().strip("#").strip() or None
    return None
