"""Page furniture: page numbers, footers and running heads, one definition for the text and the geometry.

The page-number and footer patterns are built from the words of every
language's ``repair.yaml`` (``page_words`` "page", "Seite"; ``page_abbreviations``
"p.", "S."; ``page_of`` "of", "sur", "von"), as furniture does not follow the
text's language. Two paths use them:

* the text path, :func:`find_furniture`, sees only lines: a page number is a
  short line that is a number, with a page word or dashes or on its own
  between blank lines or page breaks; a footer ends on a page word and a
  number; a running head is a short line that, digits masked, comes back at
  page edges;
* the geometry path (:mod:`annales.stages.repair.geometry`) also knows that a
  line sits in a page's top or bottom band, so there a page number may also
  be a roman numeral (``xii``): :attr:`FurniturePatterns.page_number_in_band`.
  The text path leaves roman numerals alone, since a lone ``II`` between
  blank lines is as likely a section number as a page's.

Running heads and footers repeat with the page number masked: :func:`running_key`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from annales.stages.repair.lines import Line, strip_bounds
from annales.stages.repair.rules import rules_of_every_language

__all__ = [
    "MAX_BAND_PAGE_NUMBER_LEN",
    "MAX_FURNITURE_LEN",
    "MAX_PAGE_NUMBER_LEN",
    "FurniturePatterns",
    "find_furniture",
    "is_page_number_in_band",
    "patterns",
    "running_key",
]

#: Longest line that can be a running head or footer.
MAX_FURNITURE_LEN = 90
#: Longest line (stripped) that can be a page number, in the text path…
MAX_PAGE_NUMBER_LEN = 20
#: A number that reads as a year of the sources' range.
_YEAR = re.compile(r"1\d{3}|20\d{2}")
#: …and in a page's band, where "Page 12 of 130" fits.
MAX_BAND_PAGE_NUMBER_LEN = 24

_DIGITS = re.compile(r"\d+")
#: Characters that end a sentence or a paragraph, and that open one besides capitals and digits.
_SENTENCE_ENDS = frozenset(".!?:;\"”»)’'")
_OPENING_MARKS = frozenset("\"“„«(‘'")
#: Longest line that, set between blank lines, heads a section.
_HEADING_LEN = 70
_SPACES = re.compile(r"\s+")
#: Dashes and spaces around a page number ("- 12 -", "— 12 —").
_DASHES = r"[-\u2013\u2014\s]*"
_NUMBER = r"\d{1,4}"
_ROMAN = r"[ivxlc]{1,7}"


@dataclass(frozen=True)
class FurniturePatterns:
    """The compiled furniture patterns (case-insensitive), built by :func:`patterns`."""

    #: A line that is only a page number: "12", "- 12 -", "p. 12", "Seite 12", "12 of 30" (group ``label``: the page word).
    page_number: re.Pattern[str]
    #: The same, where roman numerals ("xii", "Page iv") also count: for lines in a page's top or bottom band.
    page_number_in_band: re.Pattern[str]
    #: A line that ends on a page word and a number ("Annual report · page 4"), groups ``before``, ``sep``, ``gap``.
    footer: re.Pattern[str]


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def patterns() -> FurniturePatterns:
    """The furniture patterns built from the page words of every language."""
    every = rules_of_every_language()
    words = {w for rules in every for w in rules.page_words}
    labels = _alternatives(words | {w for rules in every for w in rules.page_abbreviations})
    of = "|".join(["/", *(re.escape(w) for w in sorted({w for rules in every for w in rules.page_of}))])
    count = rf"(?:\s*(?:{of})\s*{_NUMBER})?"

    def page_number(numeral: str) -> re.Pattern[str]:
        return re.compile(rf"{_DASHES}(?:(?P<label>{labels})\s*)?(?P<num>{numeral}){count}{_DASHES}", re.IGNORECASE)

    footer = re.compile(
        rf"(?P<before>.*?)(?P<sep>\s*)\b(?:{_alternatives(words)})(?P<gap>\s*){_NUMBER}\s*", re.IGNORECASE | re.DOTALL
    )
    return FurniturePatterns(page_number(_NUMBER), page_number(f"{_NUMBER}|{_ROMAN}"), footer)


def running_key(line: str) -> str:
    """What stays the same of a running head or footer from page to page: digits masked, spaces folded, casefolded."""
    return _SPACES.sub(" ", _DIGITS.sub("#", line)).casefold()


def is_page_number_in_band(words: str) -> bool:
    """Whether ``words`` (a stripped line in a page's top or bottom band) is a page number."""
    return (
        len(words) <= MAX_BAND_PAGE_NUMBER_LEN
        and patterns().page_number_in_band.fullmatch(words) is not None
        and any(ch.isalnum() for ch in words)
    )


def find_furniture(text: str, lines: list[Line], blank: list[bool]) -> dict[int, tuple[int, int, str]]:
    """Map line index → (start, end, kind) for page numbers, footers and running heads."""
    found_patterns = patterns()
    last = len(lines) - 1
    found: dict[int, tuple[int, int, str]] = {}

    def empty(i: int) -> bool:
        return blank[i] or i in found

    def isolated(i: int) -> bool:
        above = i == 0 or empty(i - 1) or lines[i - 1].page_break
        below = i == last or empty(i + 1) or lines[i].page_break
        return above or below

    def page_edge(i: int, *, text_ends: bool = True) -> bool:
        """Whether only blank lines part line ``i`` from a page break (or, with ``text_ends``, the text's ends)."""
        j = i - 1
        while j >= 0 and empty(j) and not lines[j].page_break:
            j -= 1
        if (j < 0 and text_ends) or (j >= 0 and lines[j].page_break):
            return True
        k = i
        while k <= last and not lines[k].page_break and (k == i or empty(k)):
            k += 1
        return (k > last and text_ends) or (k <= last and lines[k].page_break)

    for i, line in enumerate(lines):
        if blank[i]:
            continue
        s, e = strip_bounds(text, line.start, line.end)
        if e - s <= MAX_PAGE_NUMBER_LEN and (m := found_patterns.page_number.fullmatch(text, s, e)):
            dashed = any(ch in "-\u2013\u2014" for ch in text[s:e])
            # A bare year on its own line ("1863") is a section heading in a history, which dates what
            # follows; it is a page number only where a page visibly ends beside it.
            year = not m.group("label") and not dashed and _YEAR.fullmatch(text, s, e) is not None
            if (m.group("label") or dashed or isolated(i)) and not (year and not page_edge(i, text_ends=False)):
                found[i] = (s, e, "page-number")
            continue
        if e - s <= MAX_FURNITURE_LEN and (m := found_patterns.footer.fullmatch(text, s, e)) and m.group("before").strip():
            before = m.group("before")
            if not m.group("gap") or any(ch in before for ch in "\u00b7|\u2022") or len(m.group("sep")) >= 2 or isolated(i):
                found[i] = (s, e, "footer")

    groups: dict[str, list[int]] = {}
    bounds: dict[int, tuple[int, int]] = {}
    for i, line in enumerate(lines):
        if blank[i] or i in found:
            continue
        s, e = strip_bounds(text, line.start, line.end)
        if e - s > 70 or text[e - 1] in ".,;!?" or sum(ch.isalpha() for ch in text[s:e]) < 3:
            continue
        key = running_key(text[s:e])
        groups.setdefault(key, []).append(i)
        bounds[i] = (s, e)

    def interrupting(i: int) -> bool:
        """Whether a line breaks into running text rather than opening a section: the text before it does not end a
        sentence, or the text after it does not open one, or it stands at an end of the text."""
        j = i - 1
        while j >= 0 and empty(j):
            j -= 1
        k = i + 1
        while k <= last and empty(k):
            k += 1
        if j < 0 or k > last:
            return True
        bounds_before = strip_bounds(text, lines[j].start, lines[j].end)
        # (a heading before it ends nothing but opens a section too: "1862", then "Western theatre")
        heading_before = (j == 0 or empty(j - 1)) and bounds_before[1] - bounds_before[0] <= _HEADING_LEN
        ends = text[bounds_before[1] - 1] in _SENTENCE_ENDS or heading_before
        opens = text[strip_bounds(text, lines[k].start, lines[k].end)[0]]
        return not ends or not (opens.isupper() or opens.isdigit() or opens in _OPENING_MARKS)

    for occurrences in groups.values():
        if len(occurrences) < 2:
            continue
        edges = sum(page_edge(i) for i in occurrences)
        apart = min(b - a for a, b in zip(occurrences, occurrences[1:], strict=False)) >= 15
        alone = sum(isolated(i) for i in occurrences)
        # (with no page in sight, a line that comes back between finished paragraphs is a section heading the
        # chapters repeat, "Westlicher Kriegsschauplatz" under each year, "Campaign of 1905": not furniture)
        headings = sum(not interrupting(i) for i in occurrences)
        if edges >= 2 or (apart and alone >= 2 and len(occurrences) - headings >= 2):
            for i in occurrences:
                found[i] = (*bounds[i], "running-head")
    return found
