"""OCR: read the text of page images through the Tesseract command line.

Tesseract runs as a subprocess (``tesseract IMAGE stdout -l eng+fra+deu tsv``),
offline, with the Debian language packs that ``make setup`` installs. Its TSV
output lists every word with its page, block, paragraph and line numbers and a
pixel box; :func:`parse_tsv` turns it into the text annales keeps as the
document's original text:

* the words of a line joined by one space, lines by ``"\\n"``;
* paragraphs and blocks separated by a blank line ``"\\n\\n"``;
* pages separated by a form feed ``"\\f"``.

Each line also becomes a :class:`~annales.records.LayoutBlock` whose box is
converted from Tesseract's top-left pixel origin to a bottom-left origin (and
divided by ``scale``, so a PDF page rendered at ``scale`` gets its boxes back in
PDF units): :func:`annales.stages.repair.reading_order` then reads OCR pages and
PDF text layers alike.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from annales.errors import ReadError
from annales.records import LayoutBlock, Span

__all__ = ["LANGUAGES", "OcrResult", "available_languages", "ocr_image", "parse_tsv", "tesseract_path"]

#: Tesseract language packs annales asks for, in order (Debian ``tesseract-ocr-<code>``).
LANGUAGES: tuple[str, ...] = ("eng", "fra", "deu")
#: Seconds one Tesseract run may take before it is given up.
TIMEOUT = 600
_SETUP_HINT = "run `make setup`, which installs Tesseract with its English, French and German data"


@dataclass(frozen=True)
class OcrResult:
    """Text read from an image, its line blocks and how sure Tesseract was."""

    text: str
    #: One block a line; spans count characters in ``text``, pages from 1.
    layout: tuple[LayoutBlock, ...]
    #: Confidence (0–100) of each word, in text order.
    word_confidences: tuple[float, ...]
    pages: int
    languages: tuple[str, ...] = ()
    missing_languages: tuple[str, ...] = ()

    @property
    def confidence(self) -> float | None:
        """Mean word confidence (0–100), or None when no word was read."""
        if not self.word_confidences:
            return None
        return sum(self.word_confidences) / len(self.word_confidences)

    @property
    def meta(self) -> tuple[tuple[str, str], ...]:
        """What a document's ``meta`` records about this OCR run."""
        items = [("ocr", "tesseract"), ("ocr_languages", "+".join(self.languages))]
        if self.confidence is not None:
            items.append(("ocr_confidence", f"{self.confidence:.1f}"))
        if self.missing_languages:
            items.append(("ocr_missing_languages", "+".join(self.missing_languages)))
        return tuple(items)


def tesseract_path() -> str | None:
    """The ``tesseract`` program on the PATH, or None."""
    return shutil.which("tesseract")


@lru_cache(maxsize=4)
def available_languages(program: str = "tesseract") -> frozenset[str]:
    """The language packs the installed Tesseract has (``osd`` is not a language)."""
    try:
        done = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=60, check=False, env=_env())
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    lines = (done.stdout or done.stderr).splitlines()
    # The first line is a heading: 'List of available languages in "…" (4):'.
    return frozenset(line.strip() for line in lines[1:] if line.strip() and line.strip() != "osd")


def ocr_image(
    image: bytes,
    *,
    name: str,
    scale: float = 1.0,
    dpi: int | None = None,
    languages: Sequence[str] = LANGUAGES,
) -> OcrResult:
    """OCR one image file's bytes (PNG, JPEG, TIFF; a multi-page TIFF gives several pages).

    ``name`` names the file in error messages. ``scale`` divides the pixel
    boxes (a page rendered at ``scale`` × its PDF size gets PDF units back);
    ``dpi`` tells Tesseract the resolution when the image does not. Languages
    that are not installed are left out and listed in
    :attr:`OcrResult.missing_languages`; with none of them installed, any
    installed pack is used. Raise :class:`ReadError` when Tesseract is missing
    or fails.
    """
    program = tesseract_path()
    if program is None:
        raise ReadError(f"{name}: OCR needs the `tesseract` program, which is not installed", hint=_SETUP_HINT)
    installed = available_languages(program)
    chosen = tuple(code for code in languages if code in installed)
    missing = tuple(code for code in languages if code not in installed)
    if not chosen:
        chosen = tuple(sorted(installed))[:3]
    if not chosen:
        raise ReadError(f"{name}: Tesseract has no language data installed", hint=_SETUP_HINT)
    command = [program, "stdin", "stdout", "-l", "+".join(chosen)]
    if dpi:
        command += ["--dpi", str(dpi)]
    command.append("tsv")
    try:
        done = subprocess.run(command, input=image, capture_output=True, timeout=TIMEOUT, check=False, env=_env())
    except subprocess.TimeoutExpired:
        raise ReadError(
            f"{name}: OCR took more than {TIMEOUT} s and was stopped", hint="split the file into smaller images"
        ) from None
    except OSError as exc:
        raise ReadError(f"{name}: Tesseract could not be run ({exc})", hint=_SETUP_HINT) from None
    if done.returncode != 0:
        errors = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = errors[-1] if errors else f"exit code {done.returncode}"
        raise ReadError(
            f"{name}: Tesseract could not read the image ({detail})",
            hint="check that the file is a PNG, JPEG or TIFF image that opens",
        )
    text, layout, confidences, pages = parse_tsv(done.stdout.decode("utf-8", "replace"), scale=scale)
    return OcrResult(text, layout, confidences, pages, chosen, missing)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Tesseract's OpenMP threads slow it down on a small shared machine; one page, one core.
    env.setdefault("OMP_THREAD_LIMIT", "1")
    return env


#: A space between two words wider than this many line heights is a gutter, not a word space.
GUTTER = 1.0

_Word = tuple[str, float, int, int, int, int]  # text, confidence, left, top, right, bottom


def parse_tsv(tsv: str, *, scale: float = 1.0) -> tuple[str, tuple[LayoutBlock, ...], tuple[float, ...], int]:
    """Tesseract TSV → (text, one layout block a line, word confidences, page count).

    Boxes go from Tesseract's pixels (origin top left) to (left, bottom,
    right, top) with the origin at the bottom left, divided by ``scale``. A
    line that Tesseract runs across a column gutter (a space wider than the
    line is tall) is cut there into two lines.
    """
    heights: dict[int, float] = {}
    # page → block → paragraph → line → words, in TSV order.
    pages: dict[int, dict[int, dict[int, dict[int, list[_Word]]]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 11:
            continue
        try:
            level, page, block, par, line = (int(c) for c in cells[:5])
            left, top, width, height = (int(c) for c in cells[6:10])
            conf = float(cells[10])
        except ValueError:
            continue
        word = cells[11].strip() if len(cells) > 11 else ""
        if level == 1:
            heights[page] = height
            pages.setdefault(page, {})
        elif level == 5 and word:
            lines = pages.setdefault(page, {}).setdefault(block, {}).setdefault(par, {})
            lines.setdefault(line, []).append((word, conf, left, top, left + width, top + height))
    parts: list[str] = []
    layout: list[LayoutBlock] = []
    confidences: list[float] = []
    offset = 0
    numbers = sorted(pages)
    for k, page in enumerate(numbers):
        if k:
            parts.append("\f")
            offset += 1
        page_height = heights.get(page, 0)
        first_paragraph = True
        for paragraphs in pages[page].values():
            for lines in paragraphs.values():
                if not first_paragraph:
                    parts.append("\n\n")
                    offset += 2
                first_paragraph = False
                first_line = True
                for words in lines.values():
                    for piece in _cut_at_gutters(words):
                        if not first_line:
                            parts.append("\n")
                            offset += 1
                        first_line = False
                        line_text = " ".join(w[0] for w in piece)
                        confidences.extend(w[1] for w in piece if w[1] >= 0)
                        left = min(w[2] for w in piece)
                        top = min(w[3] for w in piece)
                        right = max(w[4] for w in piece)
                        bottom = max(w[5] for w in piece)
                        bbox = (
                            round(left / scale, 2),
                            round((page_height - bottom) / scale, 2),
                            round(right / scale, 2),
                            round((page_height - top) / scale, 2),
                        )
                        layout.append(LayoutBlock(Span(offset, offset + len(line_text)), k + 1, bbox))
                        parts.append(line_text)
                        offset += len(line_text)
    return "".join(parts), tuple(layout), tuple(confidences), len(numbers)


def _cut_at_gutters(words: list[_Word]) -> list[list[_Word]]:
    """Cut a line's words where the space between two is wider than the line is tall."""
    height = max(w[5] - w[3] for w in words)
    pieces = [[words[0]]]
    for word in words[1:]:
        before = pieces[-1][-1]
        if word[2] - before[4] > GUTTER * height or word[4] < before[2]:
            pieces.append([word])
        else:
            pieces[-1].append(word)
    return pieces
