"""Mojibake: UTF-8 text that was decoded a second time as Windows-1252 or Latin-1 somewhere before it reached
annales ("MÃ©decins Sans FrontiÃ¨res", "itâ€™s"). The file itself is valid UTF-8, so the reader cannot tell;
the characters can: a UTF-8 lead byte read as a letter (Ã, Â, â …) followed by the right number of
continuation bytes read as symbols (©, ¨, €, ™ …) is a sequence no language writes, and it decodes, strictly,
back to the one character it was. Only to a character the languages read here write, though: "Fuß«" is
a German word before a quote (ß« would read as an N'Ko sign), « abordé » a French one before a no-break space
and its closing quote (a Chinese sign, read as UTF-8).

Each repaired character stands for the first of the characters it replaces, so a claim still cites the
document's own characters.
"""

from __future__ import annotations

import re

from annales.doc import Repaired, TextBuilder
from annales.records import Span

__all__ = ["mojibake"]


def _byte_of() -> dict[str, int]:
    """The byte each character of the upper half of Windows-1252 (Latin-1 where it leaves a byte undefined) is."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        try:
            table[bytes([byte]).decode("cp1252")] = byte
        except UnicodeDecodeError:
            table[chr(byte)] = byte
    return table


_BYTE = _byte_of()
#: What a repaired character may be: Latin letters and signs, Greek, Cyrillic, and the general punctuation
#: ("’", "–", "…"), the euro and the trade mark.
_GREEK_CYRILLIC = (0x0370, 0x04FF)
_WRITTEN = ((0x00A0, 0x024F), _GREEK_CYRILLIC, (0x2010, 0x205E), (0x20AC, 0x20AC), (0x2122, 0x2122))
_CONTINUATION = "[" + "".join(re.escape(c) for c, b in _BYTE.items() if b < 0xC0) + "]"
#: A lead byte and its continuation bytes: two, three or four bytes of one UTF-8 character.
_SEQUENCE = re.compile(
    f"(?:[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}|[\u00f0-\u00f4]{_CONTINUATION}{{3}})+"
)


def mojibake(text: str) -> Repaired | None:
    """The text with each run of mojibake decoded back to its characters, or None when it has none."""
    runs = [(m, decoded) for m in _SEQUENCE.finditer(text) if (decoded := _decode(m.group())) is not None]
    # One Greek or Cyrillic letter alone is OCR noise ("membership Ó» A.S.F.A."), unless the text has words of
    # that script garbled too ("Ð² ÐœÐ¾ÑÐºÐ²Ñƒ": в Москву).
    if not any(len(decoded) > 1 and _foreign(decoded[0]) for _, decoded in runs):
        runs = [(m, decoded) for m, decoded in runs if not (len(decoded) == 1 and _foreign(decoded))]
    if not runs:
        return None
    builder = TextBuilder(text)
    kept = 0
    for match, decoded in runs:
        builder.keep(kept, match.start())
        at = match.start()
        for char in decoded:
            builder.substitute(char, at)
            at += len(char.encode("utf-8"))
        kept = match.end()
    builder.keep(kept, len(text))
    clean, offsets = builder.build()
    return Repaired(text, clean, offsets, recoded=tuple(Span(m.start(), m.end()) for m, _ in runs))


def _foreign(char: str) -> bool:
    return _GREEK_CYRILLIC[0] <= ord(char) <= _GREEK_CYRILLIC[1]


def _decode(run: str) -> str | None:
    """What a run of lead and continuation characters was, if it is valid UTF-8 of characters written here."""
    try:
        decoded = bytes(_BYTE[c] for c in run).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not all(any(lo <= ord(c) <= hi for lo, hi in _WRITTEN) for c in decoded):
        return None
    return decoded
