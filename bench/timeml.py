"""Gold time expressions from TimeML (TIMEX3) and TIMEX2 files, and TempEval-3 scoring.

Readers strip the markup of a document's ``TEXT`` element and keep every
TIMEX as half-open character offsets into that raw text, so a system's
spans can be compared with the gold directly. The scorer follows TempEval-3:
strict span match (same offsets), relaxed span match (overlap, one to one)
and value match (a relaxed match whose normalised value is the same).

Benchmark code only: it reads third-party data given on the command line and
never ships with annales.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

__all__ = [
    "Doc",
    "Score",
    "Timex",
    "canonical_value",
    "locate",
    "read_system_timeml",
    "read_timeml",
    "read_timex2",
    "score",
    "timex2_type",
    "value_error",
]


@dataclass(frozen=True)
class Timex:
    """One time expression: half-open span into the document text, its type and TIMEX value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Doc:
    """A gold document: raw text, creation date, gold timexes and spans to leave out of scoring."""

    name: str
    text: str
    dct: dt.date | None
    gold: tuple[Timex, ...]
    # Spans of creation-time stamps inside the text: neither gold nor spurious.
    ignore: tuple[tuple[int, int], ...] = ()


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)((?:\s[^>]*?)?)(/?)>", re.S)
_ATTR = re.compile(r"([A-Za-z_:][\w:.-]*)\s*=\s*(\"[^\"]*\"|'[^']*')")
_COMMENT = re.compile(r"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>]*>", re.S)


def _attrs(raw: str) -> dict[str, str]:
    """The attributes of a start tag, names as written, values unescaped."""
    return {name: html.unescape(value[1:-1]) for name, value in _ATTR.findall(raw)}


def _strip(markup: str, timex_tag: str) -> tuple[str, list[tuple[int, int, dict[str, str]]]]:
    """Raw text of `markup` and the (start, end, attributes) of each outermost `timex_tag` element.

    A careful tag walk rather than an XML parser: TIMEX2 files are not always
    well-formed (bare ``&``), and ``html.unescape`` leaves a bare ``&`` alone.
    """
    out: list[str] = []
    length = 0
    found: list[tuple[int, int, dict[str, str]]] = []
    open_: list[tuple[int, dict[str, str]]] = []
    pos = 0
    for tag in _TAG.finditer(markup):
        piece = html.unescape(markup[pos : tag.start()])
        out.append(piece)
        length += len(piece)
        pos = tag.end()
        closing, name, raw, empty = tag.groups()
        if name != timex_tag:
            continue
        if closing:
            if open_:
                start, attrs = open_.pop()
                if not open_:  # nested TIMEX2s: score the outermost one
                    found.append((start, length, attrs))
        elif not empty:
            open_.append((length, _attrs(raw)))
    out.append(html.unescape(markup[pos:]))
    return "".join(out), found


def _text_element(source: str) -> str:
    """The inside of the document's TEXT element (the whole document if it has none)."""
    source = _COMMENT.sub("", source)
    match = re.search(r"<TEXT(?:\s[^>]*)?>(.*)</TEXT>", source, re.S)
    return match.group(1) if match else source


def _date(value: str) -> dt.date | None:
    """The calendar date a DCT value starts with (``1998-01-08``, ``19980108``), else None."""
    match = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def read_timeml(path: Path) -> Doc:
    """A TimeML document: TIMEX3s of TEXT as gold, the CREATION_TIME TIMEX3 as DCT (excluded from gold)."""
    source = path.read_text(encoding="utf-8")
    dct: dt.date | None = None
    dct_tid: str | None = None
    for tag in re.finditer(r"<TIMEX3\s[^>]*>", source):
        attrs = _attrs(tag.group(0)[len("<TIMEX3") : -1])
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct, dct_tid = _date(attrs.get("value", "")), attrs.get("tid")
            break
    text, found = _strip(_text_element(source), "TIMEX3")
    gold: list[Timex] = []
    ignore: list[tuple[int, int]] = []
    for start, end, attrs in found:
        if attrs.get("functionInDocument") == "CREATION_TIME" or (dct_tid and attrs.get("tid") == dct_tid):
            ignore.append((start, end))
            continue
        gold.append(Timex(start, end, text[start:end], attrs.get("type", ""), attrs.get("value", "")))
    return Doc(path.stem, text, dct, tuple(gold), tuple(ignore))


def read_system_timeml(markup: str, text: str) -> tuple[list[Timex], list[str]]:
    """A system's TimeML output for ``text`` as timexes with offsets into ``text``, and what a TimeML reader trips on.

    The output is HeidelTime's layout: an XML head, then ``<TimeML>``, a newline, the text with
    inline TIMEX3s, a newline and ``</TimeML>``. Problems reported: markup an XML parser refuses
    (an unescaped ``&`` or ``<`` in the text), text between the tags that is not ``text`` (the
    offsets would not be the document's), TIMEX3s inside TIMEX3s (only the outermost is kept, as
    for gold) and a missing ``TimeML`` element. When the text differs, each TIMEX3 is placed by
    searching its words in ``text`` in order (:func:`locate`), and one that cannot be is dropped.
    """
    problems: list[str] = []
    try:
        root = ElementTree.fromstring(markup)
    except ElementTree.ParseError as error:
        problems.append(f"not well-formed XML ({error})")
    else:
        if "".join(root.itertext()) != "\n" + text + "\n":
            problems.append("an XML parser reads a text other than the document's")
    match = re.search(r"<TimeML>\n(.*)\n</TimeML>", markup, re.S)
    if match is None:
        return [], [*problems, "no <TimeML> element"]
    body = match.group(1)
    stripped, found = _strip(body, "TIMEX3")
    opened = len(re.findall(r"<TIMEX3[\s>]", body))
    if opened != len(found):
        problems.append(f"{opened - len(found)} TIMEX3(s) nested in another")
    timexes = [Timex(s, e, stripped[s:e], a.get("type", ""), a.get("value", "")) for s, e, a in found]
    if stripped == text:
        return timexes, problems
    at = next((i for i, (a, b) in enumerate(zip(stripped, text, strict=False)) if a != b), min(len(stripped), len(text)))
    problems.append(f"text between the tags differs from the document's from offset {at}: {stripped[at : at + 20]!r}")
    spans = locate(text, [t.text for t in timexes])
    placed = [Timex(s[0], s[1], text[s[0] : s[1]], t.type, t.value) for t, s in zip(timexes, spans, strict=True) if s]
    if len(placed) < len(timexes):
        problems.append(f"{len(timexes) - len(placed)} TIMEX3(s) not found in the document's text")
    return placed, problems


def timex2_type(attrs: dict[str, str]) -> str:
    """A TIMEX3 type for a TIMEX2 (which has none): SET if marked, else read from the VAL's shape."""
    value = attrs.get("val", "")
    if attrs.get("set", "").upper() == "YES":
        return "SET"
    if re.match(r"P(\d|X|T)", value):  # not PRESENT_REF, PAST_REF
        return "DURATION"
    if "T" in value and re.match(r"(\d{4}|XXXX)-", value):
        return "TIME"
    return "DATE"


def read_timex2(path: Path) -> Doc:
    """A TIMEX2 document (ACE/WikiWars inline): TIMEX2s of TEXT as gold, DATETIME as DCT."""
    source = path.read_text(encoding="utf-8")
    dct: dt.date | None = None
    stamp = re.search(r"<DATETIME>.*?<TIMEX2\s([^>]*)>", source, re.S)
    if stamp:
        dct = _date(_attrs(stamp.group(1)).get("val", ""))
    text, found = _strip(_text_element(source), "TIMEX2")
    gold = tuple(Timex(start, end, text[start:end], timex2_type(attrs), attrs.get("val", "")) for start, end, attrs in found)
    return Doc(path.name.split(".")[0], text, dct, gold)


def canonical_value(value: str) -> str:
    """A TIMEX value in one spelling where TIMEX2, TIMEX3 and the systems differ only in form.

    ``193X``→``193`` and ``19XX``→``19`` (decade and century), seconds ``:00`` dropped
    from times, ISO weeks padded (``2000-W6``→``2000-W06``), case and surrounding
    space ignored. Nothing that changes meaning.
    """
    value = value.strip().upper()
    decade = re.fullmatch(r"(\d{1,3})X+", value)
    if decade:
        return decade.group(1)
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    return re.sub(r"(T\d{2}:\d{2}):00$", r"\1", value)


def locate(text: str, expressions: Iterable[str]) -> list[tuple[int, int] | None]:
    """Spans of `expressions` found in `text` in order, each searched from the end of the last one found.

    Used for systems that return expression strings over a text they altered;
    an expression not found gets None and does not move the search position.
    Whitespace runs in an expression match any whitespace run in the text.
    """
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for expression in expressions:
        words = expression.split()
        if not words:
            spans.append(None)
            continue
        pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
        match = pattern.search(text, pos)
        if match is None:
            spans.append(None)
            continue
        spans.append((match.start(), match.end()))
        pos = match.end()
    return spans


@dataclass
class Score:
    """Counts over documents, TempEval-3 style, with the errors kept for reading."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)
    wrong_value: Counter[str] = field(default_factory=Counter)
    # One concrete case per wrong-value kind, to show beside its count.
    examples: dict[str, str] = field(default_factory=dict)

    def add(self, other: Score) -> None:
        """Add another document's counts to these."""
        for name in ("gold", "system", "strict", "relaxed", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed.update(other.missed)
        self.spurious.update(other.spurious)
        self.wrong_value.update(other.wrong_value)
        for kind, example in other.examples.items():
            self.examples.setdefault(kind, example)

    def f1(self, hits: int) -> float:
        """F1 (in %) of `hits` matches over these gold and system counts."""
        if not hits:
            return 0.0
        precision, recall = hits / self.system, hits / self.gold
        return 100 * 2 * precision * recall / (precision + recall)

    @property
    def strict_f1(self) -> float:
        """Exact-span F1."""
        return self.f1(self.strict)

    @property
    def relaxed_f1(self) -> float:
        """Overlapping-span F1."""
        return self.f1(self.relaxed)

    @property
    def value_f1(self) -> float:
        """F1 of relaxed matches with the same normalised value."""
        return self.f1(self.value)

    @property
    def type_accuracy(self) -> float:
        """Share (in %) of relaxed matches with the gold type."""
        return 100 * self.type / self.relaxed if self.relaxed else 0.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _shape(text: str) -> str:
    return re.sub(r"\d", "9", text)


def value_error(gold: Timex, system: Timex) -> str:
    """A kind of wrong value, general enough to count: the expression's shape and what went wrong.

    ``january: gold 1942-01, got 1941-01`` → ``january: year -1``; digits become 9s.
    """
    g, s = canonical_value(gold.value), canonical_value(system.value)
    text = _shape(_key(gold.text))
    if "/" in s and "/" not in g:
        return f"{text}: range, gold one value {_shape(g)}"
    years = re.fullmatch(r"(\d{4})(.*)", g), re.fullmatch(r"(\d{4})(.*)", s)
    if years[0] and years[1] and years[0].group(2) == years[1].group(2):
        return f"{text}: year {int(years[1].group(1)) - int(years[0].group(1)):+d}"
    return f"{text}: gold {_shape(g) or '-'}, got {_shape(s) or '-'}"


def score(gold: Sequence[Timex], system: Sequence[Timex], ignore: Sequence[tuple[int, int]] = ()) -> Score:
    """Score one document's system timexes against its gold ones.

    System timexes overlapping an `ignore` span are dropped. Relaxed matching
    is one to one: each gold timex, in order, takes the first unmatched system
    timex that overlaps it, preferring an exact one.
    """
    system = [t for t in system if not any(_overlaps((t.start, t.end), span) for span in ignore)]
    result = Score(gold=len(gold), system=len(system))
    used: set[int] = set()
    for g in gold:
        candidates = [i for i, s in enumerate(system) if i not in used and _overlaps((g.start, g.end), (s.start, s.end))]
        if not candidates:
            result.missed[_key(g.text)] += 1
            continue
        exact = [i for i in candidates if (system[i].start, system[i].end) == (g.start, g.end)]
        chosen = exact[0] if exact else candidates[0]
        used.add(chosen)
        s = system[chosen]
        result.relaxed += 1
        result.strict += bool(exact)
        result.type += s.type == g.type
        if canonical_value(s.value) == canonical_value(g.value):
            result.value += 1
        else:
            result.wrong_value[value_error(g, s)] += 1
            label = _key(g.text) if _key(g.text) == _key(s.text) else f"{_key(g.text)} ~ {_key(s.text)}"
            result.examples.setdefault(value_error(g, s), f"{label}: gold {g.value or '-'}, got {s.value or '-'}")
    for i, s in enumerate(system):
        if i not in used:
            result.spurious[_key(s.text)] += 1
    return result
