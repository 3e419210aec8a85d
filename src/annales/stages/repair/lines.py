"""What repair knows about one document: its lines, its pieces and its words.

A :class:`Line` is one line of the original text, a :class:`Piece` a run of
lines between gaps (blank lines, page breaks, visible jumps), numbered in
extraction order, and a :class:`Context` the document's own word statistics
that the hyphen and reading-order decisions consult.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from annales.stages.repair.continuity import WrapModel
from annales.stages.repair.rules import rules_for
from annales.vocabulary.frequency import word_zipf

__all__ = [
    "LEAD_LETTERS",
    "SENTENCE_END",
    "TRAIL_LETTERS",
    "WORD",
    "Context",
    "GapKind",
    "Line",
    "Piece",
    "split_lines",
    "strip_bounds",
]

GapKind = Literal["none", "split", "blank", "page"]

_BREAK = re.compile(r"\r\n|[\n\r\f]")
WORD = re.compile(r"\w+(?:[-\u2010]\w+)*")
#: The end of a sentence: final punctuation, then closing quotes, brackets or note stars (text right-stripped or not).
SENTENCE_END = re.compile(r"[.!?\u2026:][\s\"'\u201d\u2019\u00bb)\]*]*$")
TRAIL_LETTERS = re.compile(r"[^\W\d_]+$")
LEAD_LETTERS = re.compile(r"[^\W\d_]+")
#: Words and sentence punctuation, to see which words follow a lower-case word.
_TOKEN = re.compile(r"[^\W\d_]+|[.!?:;\u2026]")


@dataclass(frozen=True)
class Line:
    """One line of the original: content ``[start, end)``, break ``[end, brk)``."""

    start: int
    end: int
    brk: int
    page_break: bool


@dataclass
class Piece:
    """A run of content lines between gaps, in extraction order."""

    index: int
    lines: list[int]
    gap_before: GapKind = "none"
    hyphen_cut: bool = False
    sentence_cut: bool = False
    tail: str = ""
    head: str = ""
    start_kind: str = "other"
    words_end: list[str] = field(default_factory=list)
    words_start: list[str] = field(default_factory=list)
    topic_end: frozenset[str] = frozenset()
    topic_start: frozenset[str] = frozenset()
    heading: bool = False
    first_start: int = 0
    #: Opening minus closing quotes and brackets: > 0 leaves one open, < 0 closes an earlier one.
    open_quotes: int = 0
    years_start: tuple[int, ...] = ()
    years_end: tuple[int, ...] = ()
    years_all: tuple[int, ...] = ()
    #: Length of the last line, and of the first whitespace-separated word, for the wrap model.
    last_length: int = 0
    first_word: int = 0
    #: Bounds of the piece's last ~15 words and first ~15 words in the original.
    tail_start: int = 0
    tail_end: int = 0
    head_end: int = 0


class Context:
    """What repair knows about one document while it works."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.rules = rules_for(lang)
        self.vocab: Counter[str] = Counter(m.group().casefold() for m in WORD.finditer(text))
        #: Word pairs and triples inside pieces, counted when the text path describes the pieces.
        self.bigrams: Counter[tuple[str, str]] = Counter()
        self.trigrams: Counter[tuple[str, str, str]] = Counter()
        #: The document's line-filling habit, learnt when the text path finds a cut sentence.
        self.wrap = WrapModel()
        self.lines: list[Line] = []
        self._inside: tuple[Counter[str], Counter[str]] | None = None

    def capitalised(self, word: str) -> bool:
        """Whether the document writes ``word`` with a capital inside sentences as often as not.

        Counted after a lower-case word, where a capital cannot be a sentence's:
        names everywhere and nouns in German pass, "The" or "Der" do not.
        """
        if self._inside is None:
            inside: Counter[str] = Counter()
            lower: Counter[str] = Counter()
            previous = ""
            for m in _TOKEN.finditer(self.text):
                token = m.group()
                if previous[:1].islower() and token[0].isalpha():
                    (inside if token[0].isupper() else lower)[token.casefold()] += 1
                previous = token
            self._inside = (inside, lower)
        inside, lower = self._inside
        key = word.casefold()
        return inside[key] > 0 and inside[key] >= lower[key]

    def zipf(self, word: str) -> float:
        """The Zipf frequency of ``word`` in the document's language."""
        return word_zipf(word.casefold(), self.lang)


def split_lines(text: str) -> list[Line]:
    """Cut ``text`` at every line break; a form feed is a break that also ends a page."""
    lines: list[Line] = []
    pos = 0
    for m in _BREAK.finditer(text):
        lines.append(Line(pos, m.start(), m.end(), m.group() == "\f"))
        pos = m.end()
    if pos < len(text) or not lines:
        lines.append(Line(pos, len(text), len(text), False))
    return lines


def strip_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of ``text[start:end]`` without surrounding whitespace or soft hyphens."""
    while start < end and (text[start].isspace() or text[start] == "\u00ad"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == "\u00ad"):
        end -= 1
    return start, end
