"""UTF-8 text decoded twice ("MÃ©decins") is decoded back by repair, and words that only look like it are kept."""

from __future__ import annotations

import pytest

from annales.stages.repair import repair
from annales.stages.repair.encoding import mojibake


def _garble(text: str, codec: str = "cp1252") -> str:
    """The text's UTF-8 read as ``codec``, as a browser reads Windows-1252 (a byte it leaves undefined as Latin-1)."""
    chars = []
    for byte in text.encode("utf-8"):
        try:
            chars.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


@pytest.mark.parametrize(
    "text",
    [
        "In 1971 the doctors founded Médecins Sans Frontières in Paris.",
        "It’s the “last” offensive – and the König’s à la carte.",
        "Сталин прибыл в Москву.",
        "Le traité fut signé à Évian le 18 mars 1962.",
    ],
)
def test_mojibake_is_decoded_back(text: str) -> None:
    garbled = _garble(text)
    decoded = mojibake(garbled)
    assert decoded is not None
    assert decoded.text == text
    assert decoded.original == garbled
    # Each character stands for the first of the garbled characters it replaces; the others map on.
    assert list(decoded.offsets) == sorted(decoded.offsets)
    assert decoded.quote(0, len(text)).startswith(garbled[: decoded.offsets[-1]])


def test_latin1_mojibake_of_a_no_break_space() -> None:
    assert mojibake(_garble("voilà une phrase", "latin-1")) is not None
    assert mojibake("Ã\u00a0 la maison").text == "à la maison"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "Die »Straße« und der »Fuß«, Größe, Ärger.",  # ß« would be an N'Ko sign
        "« Il a abordé\u00a0» la question à l'été 1999.",  # é + no-break space + » would be a Chinese sign
        "São Paulo, España, Ñandú, Ørsted, Þingvellir, Łódź.",
        "associate membership Ó» A.S.F.A.",  # one Cyrillic letter alone: OCR noise
        "Plain ASCII text with no accents at all.",
        "",
    ],
)
def test_text_that_only_looks_garbled_is_kept(text: str) -> None:
    assert mojibake(text) is None


def test_repair_decodes_mojibake_with_offsets_into_the_original() -> None:
    original = _garble("Kouchner co-founded Médecins Sans Frontières.\n\nIt’s known.")
    repaired = repair(original, lang="en")
    assert repaired.text == "Kouchner co-founded Médecins Sans Frontières.\n\nIt’s known."
    start = repaired.text.index("Médecins")
    span = repaired.to_original(start, start + len("Médecins Sans Frontières"))
    assert original[span.start : span.end] == "MÃ©decins Sans FrontiÃ¨res"
    word = repaired.text.index("known")
    assert original[repaired.offsets[word] : repaired.offsets[word] + 5] == "known"
