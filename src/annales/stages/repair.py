"""Repair: turn a document's decoded text into clean prose with an exact offset map.

One pass over the lines of the original text finds page furniture (page
numbers, footers, running heads), joins hard-wrapped lines into paragraphs,
undoes line-break hyphenation while keeping real compounds, and finally
restores the reading order of paragraph pieces that a PDF extraction emitted
out of order (a piece that ends mid-word or mid-sentence is paired with the
piece that continues it).

The clean text is built only with :class:`~annales.doc.TextBuilder`, so every
clean character records the original character it stands for. Characters the
repair leaves out are line breaks, whitespace runs, line-break hyphens, soft
hyphens and furniture lines; letters and digits outside furniture are never
dropped.

``Join.before`` / ``Join.after`` count *pieces*: the paragraph-sized runs of
lines of the original text, numbered in extraction order from 0. A piece is
separated from the next by a blank line, a page break, or a point where the
text visibly jumps (a line that starts with a stray word fragment).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

from annales.doc import Repaired, TextBuilder
from annales.errors import DataError
from annales.records import Block, Furniture, Join, LayoutBlock, Span
from annales.stages.continuity import SyntaxModel, WrapModel, assign, best_path, kendall_tau, tag_runs

__all__ = ["repair", "RepairRules", "rules_for"]

GapKind = Literal["none", "split", "blank", "page"]

_BREAK = re.compile(r"\r\n|[\n\r\f]")
_BLANK = re.compile(r"[\s\u00ad]*")
#: Whitespace collapsed inside a line; line breaks are handled line by line.
_ODD_SPACE = "\t\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_INLINE = re.compile(f"[ {_ODD_SPACE}]{{2,}}|[{_ODD_SPACE}]|\u00ad")
_WORD = re.compile(r"\w+(?:[-\u2010]\w+)*")
_PAGE_NUMBER = re.compile(
    r"[-\u2013\u2014\s]*(?:(?P<label>p\.|pp\.|page|seite|s\.)\s*)?(?P<num>\d{1,4})[-\u2013\u2014\s]*",
    re.IGNORECASE,
)
_FOOTER = re.compile(r"(?P<before>.*?)(?P<sep>\s*)\bpage(?P<gap>\s*)\d{1,4}\s*", re.IGNORECASE | re.DOTALL)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_FINAL = re.compile(r"[.!?\u2026:][\s\"'\u201d\u2019\u00bb)\]*]*$")
_CLOSERS = ",;:.)]}\u201d\u2019\u00bb!?\u2026"
_TRAIL_LETTERS = re.compile(r"[^\W\d_]+$")
_TRAIL_WORD = re.compile(r"\w+(?:[-\u2010]\w+)*$")
_LEAD_LETTERS = re.compile(r"[^\W\d_]+")
_LEAD_WORD = re.compile(r"\w+")
#: Words and sentence punctuation, to see which words follow a lower-case word.
_TOKEN = re.compile(r"[^\W\d_]+|[.!?:;\u2026]")
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")

#: Zipf frequency from which a joined word counts as an ordinary word.
FREQUENT = 3.0
#: Zipf frequency from which a half of a hyphenated pair counts as a word.
KNOWN_PART = 1.5
#: Longest line that can be a running head or footer.
MAX_FURNITURE_LEN = 90
#: Evidence score from which a piece is joined after a cut piece.
JOIN_MIN = 2.0
#: Posterior from which a sentence-cut join is made (below it the pieces stay as extracted).
SENTENCE_POSTERIOR = 0.6
#: Weights of the lexical evidence and of the wrap model for a sentence cut.
BASE_WEIGHT = 1.2
WRAP_WEIGHT = 1.2
#: How many pieces away a continuation is looked for (bounds the work on long texts).
WINDOW = 80
#: Words of the document tagged to learn its part-of-speech n-grams.
SYNTAX_WORDS = 6000
#: Fewest words of a document for its tag n-grams to be learnt.
SYNTAX_MIN_WORDS = 300
#: Words tagged on each side of a cut.
SYNTAX_WINDOW = 12
#: Weight of the part-of-speech log-likelihood ratio among the evidence.
SYNTAX_WEIGHT = 0.35
WT_WEIGHT = 0.4
TW_WEIGHT = 0.1
#: Evidence that a sentence goes on with a word the document capitalises inside sentences.
CAPITAL_WORD = 1.5
#: Most chains ordered by the reading-path search (its tables grow with the square).
MAX_PATH = 600
#: Reading-path weight of the cut evidence between the end of one chain and the start of another.
ADJ_CUT_WEIGHT = 1.0
#: Per pair of chains: weight of the order of their years, and of their extraction order.
YEAR_PAIR = 0.6
EXTRACTION_PAIR = 1.0


@dataclass(frozen=True)
class RepairRules:
    """Language knowledge for de-hyphenation, read from ``data/lang/<code>/repair.yaml``."""

    lang: str
    compound_prefixes: frozenset[str] = frozenset()
    join_compounds: bool = False
    #: Words the language writes (or, in older print, wrote) with a hyphen although the closed form is common.
    hyphenated: frozenset[str] = frozenset()
    #: Lower-case words that stay a separate part after a hyphenated name (Oxford-street, Parramatta-road).
    name_parts: frozenset[str] = frozenset()


@lru_cache(maxsize=16)
def rules_for(lang: str) -> RepairRules:
    """Load the repair rules of ``lang``; a language without a file gets defaults."""
    base = resources.files("annales") / "data" / "lang" / lang / "repair.yaml"
    if not base.is_file():
        return RepairRules(lang)
    try:
        data: Any = yaml.safe_load(base.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise DataError(f"data/lang/{lang}/repair.yaml is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DataError(f"data/lang/{lang}/repair.yaml must be a mapping")

    def words(key: str) -> frozenset[str]:
        found = data.get(key) or []
        if not isinstance(found, list) or not all(isinstance(w, str) for w in found):
            raise DataError(f"data/lang/{lang}/repair.yaml: {key} must be a list of strings")
        return frozenset(w.casefold() for w in found)

    return RepairRules(
        lang,
        words("compound_prefixes"),
        bool(data.get("join_compounds", False)),
        words("hyphenated"),
        words("name_parts"),
    )


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(word, lang))
    except (LookupError, ValueError):
        return 0.0


@dataclass(frozen=True)
class _Line:
    """One line of the original: content ``[start, end)``, break ``[end, brk)``."""

    start: int
    end: int
    brk: int
    page_break: bool


@dataclass
class _Piece:
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


class _Context:
    """What repair knows about one document while it works."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.rules = rules_for(lang)
        self.vocab: Counter[str] = Counter(m.group().casefold() for m in _WORD.finditer(text))
        #: Word pairs and triples inside pieces, filled by :func:`_describe`.
        self.bigrams: Counter[tuple[str, str]] = Counter()
        self.trigrams: Counter[tuple[str, str, str]] = Counter()
        #: The document's line-filling habit, learnt by :func:`_describe` when a sentence is cut.
        self.wrap = WrapModel()
        self.lines: list[_Line] = []
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
        return _zipf(word.casefold(), self.lang)

    def known(self, word: str) -> bool:
        return self.vocab[word.casefold()] > 0 or self.zipf(word) >= FREQUENT

    def join_hyphen(self, left: str, right: str, *, spaced: bool = False) -> bool:
        """Decide whether ``left-`` at a line end and ``right`` on the next line form one word.

        ``left`` is the text of the line up to the hyphen, ``right`` the text of
        the next line from its first character; ``spaced`` says a space stood
        before the hyphen, which then is as likely a dash. Evidence, in order: digits and
        capitals (keep), the document itself, the language's hyphenated words
        (to-day, north-east), word frequencies, the language's compound prefixes
        and name parts (Oxford-street), and finally the commoner case, join.
        """
        left_word = _TRAIL_WORD.search(left)
        right_word = _LEAD_WORD.match(right)
        if not left_word or not right_word:
            return False
        lw, rw = left_word.group(), right_word.group()
        if lw[-1].isdigit() or rw[0].isdigit() or "_" in lw[-1] + rw[0]:
            return False
        if rw[0].isupper() and not (lw.isupper() and rw[:2].isupper()):
            return False
        joined_form = (lw + rw).casefold()
        hyphen_form = f"{lw}-{rw}".casefold()
        by_join, by_hyphen = self.vocab[joined_form], self.vocab[hyphen_form]
        if by_join != by_hyphen:
            return by_join > by_hyphen
        if hyphen_form in self.rules.hyphenated:
            return False
        last = _TRAIL_LETTERS.search(lw)
        first = _LEAD_LETTERS.match(rw)
        if not last or not first:
            return False
        lpart, rpart = last.group().casefold(), first.group().casefold()
        joined = lpart + rpart
        if self.vocab[joined] or self.zipf(joined) >= FREQUENT:
            return True
        if lpart in self.rules.compound_prefixes:
            return False
        zj = self.zipf(joined)
        zl, zr = self.zipf(lpart), self.zipf(rpart)
        if spaced:
            return zj > 0 or zr < KNOWN_PART
        if self.rules.join_compounds:
            return True
        if lpart[:1] != last.group()[:1] and not lw.isupper():
            # A capitalised name broken before a lower-case part is a name written closed (Bankstown),
            # unless the part is one that names keep apart (Oxford-street).
            return rpart not in self.rules.name_parts
        # Two ordinary words whose joined form is rare: a compound like five-year.
        both_words = zl >= KNOWN_PART and zr >= KNOWN_PART
        return not (both_words and (zj == 0 or zj < min(zl, zr) - 2.0))


def repair(text: str, *, lang: str | None = None, layout: tuple[LayoutBlock, ...] = ()) -> Repaired:
    """Repair ``text`` (a document's original decoded text) into clean paragraphs.

    ``lang`` is guessed from the text when not given. ``layout`` is accepted for
    the PDF reader's geometry and not used yet; form feeds mark page breaks.
    """
    del layout  # geometry-based reading order comes with the PDF reader
    if not text:
        return Repaired(text, "", TextBuilder(text).build()[1])
    if lang is None:
        from annales.stages.language import identify

        lang = identify(text[:20000])[0]
    ctx = _Context(text, lang)
    lines = _split_lines(text)
    ctx.lines = lines
    blank = [_BLANK.fullmatch(text, ln.start, ln.end) is not None for ln in lines]
    furniture = _find_furniture(text, lines, blank)
    pieces = _make_pieces(ctx, lines, blank, furniture)
    _describe(ctx, lines, pieces)
    chains, joins, unmatched = _pair(ctx, pieces)
    builder = TextBuilder(text)
    spans: list[tuple[int, int]] = []
    previous_last: int | None = None
    for chain in chains:
        chain_lines = [i for p in chain for i in pieces[p].lines]
        if previous_last is not None:
            builder.substitute("\n\n", _separator_offset(lines, previous_last, chain_lines[0]))
        start = len(builder)
        _emit_lines(ctx, builder, lines, chain_lines)
        spans.append((start, len(builder)))
        previous_last = chain_lines[-1]
    clean, offsets = builder.build()
    blocks = tuple(Block(k, Span(s, e), Span(min(offsets[s:e]), max(offsets[s:e]) + 1)) for k, (s, e) in enumerate(spans))
    moved = sum(1 for j in joins if j.after != j.before + 1)
    confidence = 1.0
    if moved:
        confidence = min(confidence, 0.8 * min(j.confidence for j in joins if j.after != j.before + 1))
    if unmatched:
        confidence *= max(0.2, 1.0 - unmatched / max(len(pieces), 1))
    found = tuple(Furniture(Span(s, e), kind, text[s:e]) for s, e, kind in sorted(furniture.values()))
    return Repaired(text, clean, offsets, blocks, found, tuple(joins), round(confidence, 3))


# --- lines and furniture -------------------------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    """Cut ``text`` at every line break; a form feed is a break that also ends a page."""
    lines: list[_Line] = []
    pos = 0
    for m in _BREAK.finditer(text):
        lines.append(_Line(pos, m.start(), m.end(), m.group() == "\f"))
        pos = m.end()
    if pos < len(text) or not lines:
        lines.append(_Line(pos, len(text), len(text), False))
    return lines


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of ``text[start:end]`` without surrounding whitespace or soft hyphens."""
    while start < end and (text[start].isspace() or text[start] == "\u00ad"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == "\u00ad"):
        end -= 1
    return start, end


def _find_furniture(text: str, lines: list[_Line], blank: list[bool]) -> dict[int, tuple[int, int, str]]:
    """Map line index → (start, end, kind) for page numbers, footers and running heads."""
    last = len(lines) - 1
    found: dict[int, tuple[int, int, str]] = {}

    def empty(i: int) -> bool:
        return blank[i] or i in found

    def isolated(i: int) -> bool:
        above = i == 0 or empty(i - 1) or lines[i - 1].page_break
        below = i == last or empty(i + 1) or lines[i].page_break
        return above or below

    def page_edge(i: int) -> bool:
        j = i - 1
        while j >= 0 and empty(j) and not lines[j].page_break:
            j -= 1
        if j < 0 or lines[j].page_break:
            return True
        k = i
        while k <= last and not lines[k].page_break and (k == i or empty(k)):
            k += 1
        return k > last or lines[k].page_break

    for i, line in enumerate(lines):
        if blank[i]:
            continue
        s, e = _strip(text, line.start, line.end)
        if e - s <= 20 and (m := _PAGE_NUMBER.fullmatch(text, s, e)):
            dashed = any(ch in "-\u2013\u2014" for ch in text[s:e])
            if m.group("label") or dashed or isolated(i):
                found[i] = (s, e, "page-number")
            continue
        if e - s <= MAX_FURNITURE_LEN and (m := _FOOTER.fullmatch(text, s, e)) and m.group("before").strip():
            before = m.group("before")
            if not m.group("gap") or any(ch in before for ch in "\u00b7|\u2022") or len(m.group("sep")) >= 2 or isolated(i):
                found[i] = (s, e, "footer")

    groups: dict[str, list[int]] = {}
    bounds: dict[int, tuple[int, int]] = {}
    for i, line in enumerate(lines):
        if blank[i] or i in found:
            continue
        s, e = _strip(text, line.start, line.end)
        if e - s > 70 or text[e - 1] in ".,;!?" or sum(ch.isalpha() for ch in text[s:e]) < 3:
            continue
        key = _SPACES.sub(" ", _DIGITS.sub("#", text[s:e])).casefold()
        groups.setdefault(key, []).append(i)
        bounds[i] = (s, e)
    for occurrences in groups.values():
        if len(occurrences) < 2:
            continue
        edges = sum(page_edge(i) for i in occurrences)
        apart = min(b - a for a, b in zip(occurrences, occurrences[1:], strict=False)) >= 15
        alone = sum(isolated(i) for i in occurrences)
        if edges >= 2 or (apart and alone >= 2):
            for i in occurrences:
                found[i] = (*bounds[i], "running-head")
    return found


# --- pieces --------------------------------------------------------------------------------------


def _make_pieces(
    ctx: _Context, lines: list[_Line], blank: list[bool], furniture: dict[int, tuple[int, int, str]]
) -> list[_Piece]:
    """Group content lines into pieces separated by blank lines, page breaks and visible jumps."""
    pieces: list[_Piece] = []
    current: _Piece | None = None
    gap_blank = gap_page = gap_furniture = False
    previous = -1
    for i, line in enumerate(lines):
        if blank[i]:
            gap_blank = True
        elif i in furniture:
            gap_furniture = True
        else:
            if current is None:
                current = _Piece(0, [i])
            else:
                kind: GapKind = "none"
                if gap_page or (gap_blank and gap_furniture):
                    kind = "page"
                elif gap_blank:
                    kind = "blank"
                elif _looks_split(ctx, lines[previous], line):
                    kind = "split"
                if kind == "none":
                    current.lines.append(i)
                else:
                    pieces.append(current)
                    current = _Piece(len(pieces), [i], kind)
            previous = i
            gap_blank = gap_page = gap_furniture = False
        if line.page_break:
            gap_page = True
    if current is not None:
        pieces.append(current)
    return pieces


def _looks_split(ctx: _Context, above: _Line, line: _Line) -> bool:
    """Whether ``line`` visibly does not continue ``above`` although no blank line parts them.

    PDF extractions glue the first line of a displaced block to the text before
    it; such a line starts with a space and then a lower-case word that either
    makes nonsense of the hyphen above, follows a finished sentence, or is a
    stray fragment of a word.
    """
    text = ctx.text
    if line.start >= line.end or not text[line.start].isspace():
        return False
    s, e = _strip(text, line.start, line.end)
    head = _LEAD_LETTERS.match(text, s, e)
    if head is None or head.start() != s or not text[s].islower():
        return False
    a_start, a_end = _strip(text, above.start, above.end)
    if a_end - a_start < 2:
        return False
    word = head.group()
    if text[a_end - 1] == "-" and text[a_end - 2].isalpha():
        left = _TRAIL_LETTERS.search(text, a_start, a_end - 1)
        if left is None:
            return False
        joined = left.group() + word
        return ctx.zipf(joined) == 0 and not ctx.vocab[joined.casefold()] and ctx.zipf(word) >= FREQUENT
    if re.search(r"[.!?][\"'\u201d\u2019\u00bb)\]]*$", text[a_start:a_end]):
        return True
    return ctx.zipf(word) == 0 and ctx.vocab[word.casefold()] <= 1


def _line_end_hyphen(text: str, s: int, e: int) -> int | None:
    """Offset where a line-break hyphen (and the spaces before it) starts, or None."""
    if e - s < 2 or text[e - 1] != "-":
        return None
    before = e - 1
    while before > s and text[before - 1] in " \t":
        before -= 1
    if before == s:
        return None
    if before < e - 1:
        return before if text[before - 1].isalpha() else None
    return before if text[before - 1].isalnum() else None


def _describe(ctx: _Context, lines: list[_Line], pieces: list[_Piece]) -> None:
    """Fill in how each piece ends (cut or finished) and how it starts."""
    text = ctx.text
    for piece in pieces:
        ls, le = _strip(text, lines[piece.lines[-1]].start, lines[piece.lines[-1]].end)
        raw_end = lines[piece.lines[-1]].end
        while raw_end > ls and text[raw_end - 1].isspace():
            raw_end -= 1
        hyphen = _line_end_hyphen(text, ls, le)
        if text[raw_end - 1] == "\u00ad" or (hyphen is not None and text[hyphen - 1].isalpha()):
            piece.hyphen_cut = True
            tail = _TRAIL_LETTERS.search(text, ls, hyphen if hyphen is not None else le)
            piece.tail = tail.group() if tail else ""
        fs, fe = _strip(text, lines[piece.lines[0]].start, lines[piece.lines[0]].end)
        piece.first_start = fs
        first = text[fs]
        if not piece.hyphen_cut:
            size = sum(lines[i].end - lines[i].start for i in piece.lines)
            final = _FINAL.search(text, ls, le) is not None
            piece.heading = (
                size < 100 and not first.islower() and not final and first not in _CLOSERS and _title_like(ctx, text[fs:le])
            )
            piece.sentence_cut = not piece.heading and not final
        if first.islower():
            piece.start_kind = "lower"
        elif first in _CLOSERS:
            piece.start_kind = "punct"
        elif first.isdigit():
            piece.start_kind = "digit"
        elif first.isupper():
            piece.start_kind = "upper"
        body_start, body_end = lines[piece.lines[0]].start, lines[piece.lines[-1]].end
        body = text[body_start:body_end]
        piece.open_quotes = sum(body.count(c) for c in "(\u201c[") - sum(body.count(c) for c in ")\u201d]")
        found = [(m.start(), m.end(), int(m.group())) for m in _YEAR.finditer(body)]
        piece.years_all = tuple(y for _s, _e, y in found)
        piece.years_start = tuple(y for _s, e, y in found if e <= 400)
        piece.years_end = tuple(y for s, _e, y in found if s >= len(body) - 400)
        head = _LEAD_LETTERS.match(text, fs, fe)
        piece.head = head.group() if head else ""
        piece.last_length = le - ls
        piece.tail_start = lines[piece.lines[max(0, len(piece.lines) - 3)]].start
        piece.tail_end = lines[piece.lines[-1]].end
        piece.head_end = lines[piece.lines[min(2, len(piece.lines) - 1)]].end
        piece.first_word = len(text[fs:fe].split(maxsplit=1)[0]) if fe > fs else 0
        piece.words_start = _words(text, lines, piece.lines, forward=True)
        piece.words_end = _words(text, lines, piece.lines, forward=False)
        piece.topic_start = frozenset(w for w in piece.words_start if len(w) > 3)
        piece.topic_end = frozenset(w for w in piece.words_end if len(w) > 3)
        if any(p.sentence_cut for p in pieces):
            sequence = _words(text, lines, piece.lines, forward=True, limit=len(text))
            ctx.bigrams.update(zip(sequence, sequence[1:], strict=False))
            ctx.trigrams.update(zip(sequence, sequence[1:], sequence[2:], strict=False))
    if any(p.sentence_cut for p in pieces):
        ctx.wrap = WrapModel.learn(_wrap_pairs(text, lines, pieces))


def _title_like(ctx: _Context, body: str) -> bool:
    """Whether a short unfinished piece reads as a title or byline rather than a cut sentence.

    A title is short or capitalises most of its words, and does not stop on a
    comma or on one of the language's commonest words ("the", "of").
    """
    words = _WORD.findall(body)
    if not words or body.rstrip()[-1:] in ",;":
        return False
    if len(words) > 1 and words[-1][0].islower() and ctx.zipf(words[-1]) >= 6.0:
        return False
    if len(words) <= 6:
        return True
    capitals = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitals >= 0.5 * len(words)


def _wrap_pairs(text: str, lines: list[_Line], pieces: list[_Piece]) -> list[tuple[int, int]]:
    """(line length, next line's first word length) of the unbroken, unhyphenated line pairs."""
    pairs: list[tuple[int, int]] = []
    for piece in pieces:
        for above, below in zip(piece.lines, piece.lines[1:], strict=False):
            a_s, a_e = _strip(text, lines[above].start, lines[above].end)
            b_s, b_e = _strip(text, lines[below].start, lines[below].end)
            if a_e <= a_s or b_e <= b_s or text[a_e - 1] == "-" or text[lines[above].end - 1] == "\u00ad":
                continue
            pairs.append((a_e - a_s, len(text[b_s:b_e].split(maxsplit=1)[0])))
    return pairs


def _words(text: str, lines: list[_Line], indices: list[int], *, forward: bool, limit: int = 60) -> list[str]:
    """Up to ``limit`` words from the start (or end) of the lines ``indices``."""
    words: list[str] = []
    for i in indices if forward else reversed(indices):
        found = [m.group().casefold() for m in _WORD.finditer(text, lines[i].start, lines[i].end)]
        words.extend(found if forward else reversed(found))
        if len(words) >= limit:
            break
    return words[:limit]


# --- reading order -------------------------------------------------------------------------------


def _cohesion(ctx: _Context, end: frozenset[str], start: frozenset[str]) -> float:
    """Shared uncommon words between the end of one piece and the start of another."""
    shared = end & start
    score = sum(max(0.0, 5.5 - ctx.zipf(w)) / 5.5 for w in shared)
    return min(2.0, 0.5 * score)


def _fragment(ctx: _Context, word: str) -> bool:
    """Whether ``word`` is no word at all but the second half of a split one."""
    return ctx.zipf(word) < 1.0 and ctx.vocab[word.casefold()] <= 1


def _score(ctx: _Context, cut: _Piece, cont: _Piece) -> tuple[float, str]:
    """How likely ``cont`` continues ``cut`` directly, and why (a log-odds-like sum of evidence)."""
    score = 0.0
    if cut.hyphen_cut:
        reason = f"word split: {cut.tail}-|{cont.head}"
        if cont.start_kind != "lower" or not cont.head:
            score -= 3.0 if cont.start_kind != "upper" else 1.5
        else:
            joined = cut.tail + cont.head
            zj = ctx.zipf(joined)
            if ctx.vocab[joined.casefold()] or zj >= 2.0:
                score += 4.0
            elif zj > 0:
                # A rare joined form counts fully only when the head is no word by itself.
                score += 3.0 if _fragment(ctx, cont.head) else 1.5
            elif _fragment(ctx, cont.head):
                # A piece that opens on a word fragment can only continue a hyphen cut.
                score += 2.5
            else:
                score += 0.5
    else:
        reason = "sentence continues"
        if cont.start_kind == "lower":
            score += 2.0
            if _fragment(ctx, cont.head):
                score -= 3.0  # a word fragment: it continues a hyphenated cut
        elif cont.start_kind in ("punct", "digit"):
            score += 1.5
        elif ctx.capitalised(cont.head):
            score += CAPITAL_WORD  # a name, or a German noun: capitals that do not open a sentence
        else:
            score -= 1.0
        if cut.words_end and cont.words_start:
            # The words across the cut also stand side by side elsewhere in the document.
            pair = (cut.words_end[0], cont.words_start[0])
            if ctx.bigrams[pair]:
                score += 1.0
                if len(cut.words_end) > 1 and ctx.trigrams[(cut.words_end[1], *pair)]:
                    score += 1.0
        if cut.open_quotes > 0 and cont.open_quotes < 0:
            score += 1.0
    if cut.years_end and cont.years_start:
        gap = cont.years_start[0] - cut.years_end[-1]
        if -1 <= gap <= 2:
            score += 0.5
        elif gap < -3:
            score -= 0.5
    score += _cohesion(ctx, cut.topic_end, cont.topic_start)
    return score, reason


def _proximity(cut: _Piece, cont: _Piece) -> float:
    """Prior from the extraction order: a continuation is rarely far from its cut."""
    if cont.index == cut.index + 1:
        return {"page": 1.5, "blank": 0.5, "split": -0.5, "none": 0.0}[cont.gap_before]
    return 0.6 * math.exp(-abs(cont.index - cut.index) / 6.0)


def _pair(ctx: _Context, pieces: list[_Piece]) -> tuple[list[list[int]], list[Join], int]:
    """Pair cut pieces with their continuations; return chains in reading order.

    Every cut piece is scored against every piece that could continue it, and
    the pairs are chosen together as a maximum-weight assignment (one
    continuation per cut, one cut per continuation), where a cut whose best
    evidence stays below ``JOIN_MIN`` is left open. Choosing together lets a
    clear pair elsewhere take a rival away from an ambiguous cut. A join that
    would close a loop is dropped. The confidence of a join reflects its score
    and its lead over the rivals left free, so a guess among equals is
    reported as such, and a sentence join without a clear lead is not made.
    """
    cuts = [p for p in pieces if p.hyphen_cut or p.sentence_cut]
    scores: dict[tuple[int, int], tuple[float, str]] = {}
    syntax = _syntax(ctx, pieces) if any(p.sentence_cut for p in cuts) else None
    for cut in cuts:
        for cont in pieces[max(0, cut.index - WINDOW) : cut.index + WINDOW]:
            if cont.index == cut.index or cont.index == 0:
                continue
            score, reason = _score(ctx, cut, cont)
            if cut.sentence_cut:
                # Weights fitted as a conditional logit on shuffled narratives, so the
                # softmax of a cut's scores is its posterior (see _posterior).
                score = BASE_WEIGHT * score + WRAP_WEIGHT * ctx.wrap.llr(cut.last_length, cont.first_word)
                score += _proximity(cut, cont)
                if syntax is not None:
                    score += syntax(cut.index, cont.index)
            else:
                score += _proximity(cut, cont)
            scores[(cut.index, cont.index)] = (score, reason)
    columns = sorted({j for (_i, j), (sc, _r) in scores.items() if sc >= JOIN_MIN})
    col_of = {j: k for k, j in enumerate(columns)}
    rows = [c.index for c in cuts]
    weights = [[0.0] * len(columns) for _ in rows]
    for r, i in enumerate(rows):
        for j in columns:
            sc = scores.get((i, j), (0.0, ""))[0]
            if sc >= JOIN_MIN:
                weights[r][col_of[j]] = sc - JOIN_MIN + 0.01
    chosen = {rows[r]: columns[k] for r, k in enumerate(assign(weights)) if k is not None}
    after = _break_loops(chosen, scores)
    before = {j: i for i, j in after.items()}
    joins: list[Join] = []
    for i, j in sorted(after.items()):
        score, reason = scores[(i, j)]
        # Rivals: the other free continuations of this cut, and the other free cuts before this piece.
        rivals = [sc for (a, b), (sc, _r) in scores.items() if a == i and b != j and b not in before]
        row_rivals = len(rivals)
        rivals += [sc for (a, b), (sc, _r) in scores.items() if b == j and a != i and a not in after]
        if pieces[i].sentence_cut:
            # The softmax over the free alternatives, either way round, is the join's posterior.
            confidence = min(_posterior(score, rivals[:row_rivals]), _posterior(score, rivals[row_rivals:]))
            if confidence < SENTENCE_POSTERIOR:
                continue
        else:
            margin = score - max(rivals, default=JOIN_MIN - 1.0)
            confidence = 1.0 / (1.0 + math.exp(-(score - 1.5))) * min(1.0, 0.5 + margin / 2.0)
        joins.append(Join(i, j, reason, round(max(confidence, 0.05), 3)))
    after = {join.before: join.after for join in joins}
    before = {j: i for i, j in after.items()}
    chains: list[list[int]] = []
    for piece in pieces:
        if piece.index in before:
            continue
        chain = [piece.index]
        while chain[-1] in after:
            chain.append(after[chain[-1]])
        chains.append(chain)
    chains = _order_chains(ctx, pieces, _order_path(ctx, pieces, chains, scores))
    unmatched = sum(1 for p in cuts if p.index not in after)
    return chains, joins, unmatched


def _syntax(ctx: _Context, pieces: list[_Piece]) -> Callable[[int, int], float] | None:
    """A scorer of the part-of-speech tags across a cut, or None when no tagger serves the language.

    Loads the language's spaCy pipeline only here, i.e. only for a document
    with a sentence cut. The document's uncut text (its pieces, up to
    ``SYNTAX_WORDS`` words) teaches the tag n-grams; each piece's end and
    start are tagged once, so a candidate pair costs a table look-up.
    """
    from annales.stages.analyse import model_for, pipeline

    if model_for(ctx.lang).package is None or sum(ctx.vocab.values()) < SYNTAX_MIN_WORDS:
        # Without a tagger, or with too little text to learn tag n-grams from, syntax says nothing.
        return None
    nlp = pipeline(ctx.lang)
    bodies: list[str] = []
    budget = SYNTAX_WORDS
    for piece in pieces:
        if budget <= 0:
            break
        body = " ".join(ctx.text[i.start : i.end] for i in (ctx.lines[k] for k in piece.lines))
        bodies.append(body)
        budget -= body.count(" ") + 1
    ends = [" ".join(ctx.text[p.tail_start : p.tail_end].split()[-SYNTAX_WINDOW:]) for p in pieces]
    starts = [" ".join(ctx.text[p.first_start : p.head_end].split()[:SYNTAX_WINDOW]) for p in pieces]
    tagged = tag_runs(nlp, [*bodies, *ends, *starts])
    model = SyntaxModel(tagged[: len(bodies)])
    end_runs = tagged[len(bodies) : len(bodies) + len(pieces)]
    start_runs = tagged[len(bodies) + len(pieces) :]
    end_tags = [[t for _w, t in run] for run in end_runs]
    start_tags = [[t for _w, t in run] for run in start_runs]

    def score(i: int, j: int) -> float:
        word_tag, tag_word = model.lexical(end_runs[i], start_runs[j])
        return SYNTAX_WEIGHT * model.junction(end_tags[i], start_tags[j]) + WT_WEIGHT * word_tag + TW_WEIGHT * tag_word

    return score


def _posterior(score: float, rivals: list[float]) -> float:
    """Softmax share of ``score`` among itself and ``rivals``."""
    top = max([score, *rivals])
    total = sum(math.exp(r - top) for r in rivals) + math.exp(score - top)
    return math.exp(score - top) / total


def _break_loops(chosen: dict[int, int], scores: dict[tuple[int, int], tuple[float, str]]) -> dict[int, int]:
    """Drop the weakest join of every loop, which no reading order can contain."""
    after = dict(chosen)
    seen: set[int] = set()
    for start in list(after):
        if start in seen:
            continue
        path: list[int] = []
        node: int | None = start
        while node is not None and node not in seen and node not in path:
            path.append(node)
            node = after.get(node)
        if node is not None and node in path:
            loop = path[path.index(node) :]
            weakest = min(loop, key=lambda k: scores[(k, after[k])][0])
            del after[weakest]
        seen.update(path)
    return after


def _chronology(pieces: list[_Piece]) -> float:
    """How far the document tells things in date order, from 0 (not at all) to 1.

    Read off the years inside each piece, whose order no shuffle touched: the
    share of steps from one year mention to the next that do not go back more
    than a year, rescaled so that a random order of years scores 0.
    """
    forward = steps = 0
    for piece in pieces:
        for a, b in itertools.pairwise(piece.years_all):
            if a != b:
                steps += 1
                forward += b >= a - 1
    if steps < 6:
        return 0.0
    return max(0.0, 2.0 * forward / steps - 1.0)


def _order_path(
    ctx: _Context, pieces: list[_Piece], chains: list[list[int]], scores: dict[tuple[int, int], tuple[float, str]]
) -> list[list[int]]:
    """Order the chains as the best-scoring reading path (see :func:`continuity.best_path`).

    Reading one chain right after another scores the continuation evidence
    between the first's end and the second's start (an open cut wants a start
    that goes on; a finished end wants a fresh sentence) and lexical cohesion.
    Every pair of chains further scores the order of the years they speak of,
    when the document tells things in date order, and their extraction
    order, as far as the years say the extraction kept the order. Chains whose
    order nothing decides keep their extraction order, from which the search
    starts.
    """
    if len(chains) < 3 or len(chains) > MAX_PATH:
        # Beyond MAX_PATH chains the pairwise tables outgrow their use: the extraction order stands.
        return chains
    n = len(chains)
    trust = _chronology(pieces)
    #: (first, last) year a chain mentions, or None for a chain without years.
    years: list[tuple[int, int] | None] = []
    for chain in chains:
        mentioned = [y for k in chain for y in pieces[k].years_all]
        years.append((mentioned[0], mentioned[-1]) if mentioned else None)
    dated = sum(y is not None for y in years)
    kept = 1.0
    if trust >= 0.5 and dated >= 6:
        # How well the extraction order agrees with the years, against how well the text itself does.
        agree = kendall_tau([float(y[0]) for y in years if y is not None])
        kept = max(0.0, min(1.0, agree / trust))
    weights = [[0.0] * n for _ in range(n)]
    precedence = [[0.0] * n for _ in range(n)]
    for a, ca in enumerate(chains):
        tail = pieces[ca[-1]]
        for b, cb in enumerate(chains):
            if a == b:
                continue
            weights[a][b] = _adjacency(ctx, tail, pieces[cb[0]], scores, near=abs(cb[0] - tail.index) <= WINDOW)
            order = 0.0
            ya, yb = years[a], years[b]
            if ya is not None and yb is not None:
                if ya[1] <= yb[0]:
                    order = 1.0
                elif ya[0] > yb[1] + 1:
                    order = -1.0
            precedence[a][b] = YEAR_PAIR * trust * order + EXTRACTION_PAIR * kept * (1.0 if ca[0] < cb[0] else -1.0)
    first = [
        (1.0 if c[0] == 0 else 0.0) - (3.0 if _opens_mid(pieces[c[0]]) else 0.0) + (1.0 if pieces[c[0]].heading else 0.0)
        for c in chains
    ]
    last = [-2.0 if _open_end(pieces[c[-1]]) else 0.0 for c in chains]
    return [chains[k] for k in best_path(weights, first, last, precedence)]


def _open_end(piece: _Piece) -> bool:
    return piece.hyphen_cut or piece.sentence_cut


def _opens_mid(piece: _Piece) -> bool:
    """Whether a piece starts inside a sentence (a lower-case word or closing punctuation)."""
    return piece.start_kind in ("lower", "punct")


def _adjacency(
    ctx: _Context, tail: _Piece, head: _Piece, scores: dict[tuple[int, int], tuple[float, str]], *, near: bool
) -> float:
    """Evidence that ``head``'s piece is read right after ``tail``'s, chains apart.

    Pieces more than ``WINDOW`` apart in the extraction (``near`` false) are
    judged only by how the one ends and the other starts, which bounds the work.
    """
    if _open_end(tail):
        known = scores.get((tail.index, head.index))
        if known is not None:
            return ADJ_CUT_WEIGHT * (known[0] - JOIN_MIN)
        if not near:
            return -ADJ_CUT_WEIGHT * JOIN_MIN
        score, _reason = _score(ctx, tail, head)
        return ADJ_CUT_WEIGHT * (score + _proximity(tail, head) - JOIN_MIN)
    if _opens_mid(head):
        return -3.0
    if not near:
        return 0.0
    return _cohesion(ctx, tail.topic_end, head.topic_start) + _proximity(tail, head)


def _order_chains(ctx: _Context, pieces: list[_Piece], chains: list[list[int]]) -> list[list[int]]:
    """Order chains: titles and bylines first, numbered sections in sequence, else extraction order."""
    if len(chains) < 2:
        return chains
    title = [c for c in chains if all(pieces[k].heading for k in c) and len(c) == 1]
    first = chains[0]
    lead: list[list[int]] = []
    if not all(pieces[k].heading for k in first):
        # A run of headings (title, byline) followed by the chain it introduces opens the text.
        for k, chain in enumerate(chains):
            if chain in title and k + 1 < len(chains) and not pieces[chains[k + 1][0]].heading:
                run = [chain]
                j = k - 1
                while j >= 0 and chains[j] in title:
                    run.insert(0, chains[j])
                    j -= 1
                if len(run) >= 2 and not _numbered(ctx, pieces[chain[0]]):
                    lead = run
                break
    rest = [c for c in chains if c not in lead]
    # Numbered sections keep their numbers' order: swap section chains into rank order in place.
    numbered = [(k, _numbered(ctx, pieces[c[0]])) for k, c in enumerate(rest)]
    slots = [k for k, n in numbered if n]
    ranked = sorted((n, rest[k]) for k, n in numbered if n)
    placed = list(rest)
    for slot, (_n, chain) in zip(slots, ranked, strict=True):
        placed[slot] = chain
    return lead + placed


_SECTION = re.compile(r"(\d{1,2})[.)]\s+\S")


def _numbered(ctx: _Context, piece: _Piece) -> int:
    """The section number a piece opens with ("2. On transitional demands"), else 0."""
    m = _SECTION.match(ctx.text, piece.first_start, piece.first_start + 8)
    return int(m.group(1)) if m else 0


# --- emission ------------------------------------------------------------------------------------


def _space_offset(lines: list[_Line], above: int, below: int) -> int:
    """An original whitespace offset to stand for the break between two lines."""
    if lines[above].brk > lines[above].end:
        return lines[above].end
    if lines[below].start > 0:
        return lines[below].start - 1
    return lines[below].end


_separator_offset = _space_offset


#: A hyphen and a space inside a line, between letters: a line-break hyphen whose line break an
#: earlier extraction turned into a space ("the prac- tice", "De- cember 1st").
_INLINE_SPLIT = re.compile(r"(?<=[^\W\d_])-[ \t]+(?=[^\W\d_])")
#: Words after which a hyphen is a suspended compound, not a split word ("pre- and post-war").
_SUSPENDED = frozenset({"and", "or", "nor", "to", "und", "oder", "bis", "sowie", "et", "ou", "à"})


def _inline_splits(ctx: _Context, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The hyphen-and-space cuts in ``text[start:end]`` to drop: those whose two halves make a known word."""
    pos = start
    for m in _INLINE_SPLIT.finditer(text, start, end):
        left = _TRAIL_LETTERS.search(text, pos, m.start())
        right = _LEAD_LETTERS.match(text, m.end(), end)
        if left is None or right is None or not right.group()[0].islower():
            continue
        if right.group().casefold() in _SUSPENDED or not ctx.known(left.group() + right.group()):
            continue
        yield m.start(), m.end()
        pos = m.end()


def _emit_inline(builder: TextBuilder, text: str, start: int, end: int, ctx: _Context | None = None) -> None:
    """Append ``text[start:end]`` with whitespace runs as one space, soft hyphens dropped, and (with
    ``ctx``) words split by an inline hyphen and space joined when the joined word is a known one."""
    pos = start
    for cut_start, cut_end in _inline_splits(ctx, text, start, end) if ctx is not None else ():
        _emit_spaced(builder, text, pos, cut_start)
        pos = cut_end
    _emit_spaced(builder, text, pos, end)


def _emit_spaced(builder: TextBuilder, text: str, start: int, end: int) -> None:
    """Append ``text[start:end]`` with whitespace runs as one space and soft hyphens dropped."""
    pos = start
    for m in _INLINE.finditer(text, start, end):
        if m.start() > pos:
            builder.keep(pos, m.start())
        if m.group() != "\u00ad":
            if text[m.start()] == " ":
                builder.keep(m.start(), m.start() + 1)
            else:
                builder.substitute(" ", m.start())
        pos = m.end()
    if pos < end:
        builder.keep(pos, end)


def _emit_lines(ctx: _Context, builder: TextBuilder, lines: list[_Line], indices: list[int]) -> None:
    """Append the lines ``indices`` as one paragraph, joining hard wraps and hyphenation."""
    text = ctx.text
    for k, i in enumerate(indices):
        s, e = _strip(text, lines[i].start, lines[i].end)
        raw_end = lines[i].end
        while raw_end > s and text[raw_end - 1].isspace():
            raw_end -= 1
        space = k + 1 < len(indices)
        if space and text[raw_end - 1] == "\u00ad":
            space = False
        elif space and (hyphen := _line_end_hyphen(text, s, e)) is not None:
            nxt = lines[indices[k + 1]]
            ns, ne = _strip(text, nxt.start, nxt.end)
            spaced = hyphen < e - 1
            if ctx.join_hyphen(text[s:hyphen], text[ns:ne], spaced=spaced):
                e = hyphen
                space = False
            else:
                space = spaced
        _emit_inline(builder, text, s, e, ctx)
        if space:
            builder.substitute(" ", _space_offset(lines, i, indices[k + 1]))
