"""Scanning a text for time expressions: the leftmost match first, tried only near an anchor word.

All patterns of a language are compiled into one alternation (see
:class:`~annales.stages.time.lexicon.TimeLexicon`); at one position the kinds
are tried in the order of :data:`~annales.stages.time.kinds.KINDS` and a
match the caller's judge refuses is retried with the later templates.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from annales.records import Span
from annales.stages.time.lexicon import Template, TimeLexicon
from annales.stages.time.patterns import LETTERS, SPELLED_YEARS, norm

__all__ = ["ANCHOR_REACH", "Match", "first_at", "scan"]

_T = TypeVar("_T")

#: Every match starts at most this many word starts before an anchor (see :func:`scan`).
ANCHOR_REACH = 8
#: Word starts: the positions a match may begin at.
STARTS = re.compile(r"(?<!\w)\S")
_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_ROMAN_TOKEN = re.compile(r"[ivxlc]+[^\W\d_]{0,3}")


@dataclass
class Match:
    """One template's match in a text: its slots' words and its span (without a leading preposition)."""

    template: Template
    match: re.Match[str]

    def get(self, slot: str) -> str | None:
        """The words of ``slot`` as written, None when the template has no such slot or it matched nothing."""
        if slot == "year" and "spelled" in self.template.slots:
            # "nineteen ninety-six": the year in digits
            words = self.match.group(f"t{self.template.index}_spelled")
            return str(SPELLED_YEARS.get(norm(words).replace("-", " "), 0)) if words else None
        if slot not in self.template.slots:
            return None
        return self.match.group(f"t{self.template.index}_{slot}")

    def span(self) -> Span:
        """Where the expression is in the text: from its own start marker ``{^}`` or after the preposition."""
        n = self.template.index
        start = self.match.start(f"t{n}__s" if "^" in self.template.slots else "_s")
        end = self.match.end()
        if "$" in self.template.slots and self.match.start(f"t{n}__e") >= 0:
            end = self.match.start(f"t{n}__e")
        return Span(start, end)


def connects(lex: TimeLexicon, token: str) -> bool:
    """Whether a token can stand inside a match: its words are in the data, or it is a number or a numeral."""
    return all(w in lex.connectors or _ROMAN_TOKEN.fullmatch(w) for w in (p.casefold() for p in LETTERS.findall(token)))


def scan(text: str, lex: TimeLexicon, judge: Callable[[Match], _T | None]) -> Iterator[tuple[Match, _T]]:
    """Leftmost matches that ``judge`` accepts; a refused one is retried with the later kinds.

    The scanner is tried only at the word starts within ``ANCHOR_REACH`` of an
    anchor (see :func:`~annales.stages.time.patterns.anchor_words`), and no further back than the words the
    language's data knows (:func:`connects`), each at most once: the same
    matches as a scan of every position, for a fraction of the work.
    """
    starts = [m.start() for m in STARTS.finditer(text)]
    pos = 0  # no match may start before this offset
    tried = 0  # word starts before this index have been tried
    for anchor in lex.anchors.finditer(text):
        a = anchor.start()
        if a < pos:
            continue
        hi = bisect_right(starts, a)
        lo = max(tried, bisect_left(starts, pos), hi - ANCHOR_REACH)
        # Back from the anchor only over words the data knows: a match cannot hold any other.
        earliest = hi - 1
        while earliest > lo and connects(lex, text[starts[earliest - 1] : starts[earliest]]):
            earliest -= 1
        lo = max(lo, earliest)
        for i in range(lo, hi):
            at = starts[i]
            tried = i + 1
            first = first_at(text, at, lex, judge)
            if first is not None:
                yield first
                pos = max(first[0].match.end(), at + 1)
                tried = bisect_left(starts, pos)
                break


def first_at(text: str, at: int, lex: TimeLexicon, judge: Callable[[Match], _T | None]) -> tuple[Match, _T] | None:
    """The first match at ``at`` that ``judge`` accepts; a refused one is retried with the later templates."""
    m = lex.match_at(text, at)
    while m is not None:
        template = lex.by_group[m.lastgroup or ""]
        found = Match(template, m)
        verdict = judge(found) if acceptable(text, found, lex) else None
        if verdict is not None:
            return found, verdict
        m = lex.match_at(text, at, template.index)
    return None


def acceptable(text: str, found: Match, lex: TimeLexicon) -> bool:
    """Refuse matches that only look like dates: page numbers, quantities, lower-case 'may'."""
    kind = found.template.kind
    if lex.capitalised_months:
        for slot in ("month", "month2"):
            word = found.get(slot)
            if word is not None and not word[0].isupper():
                return False
    prep = found.match.group("_p")
    if kind == "month" and prep is not None and found.get("mod") is None and norm(prep) in lex.month_not_after:
        # "the veterans of October", "la révolution d'Octobre": the event, not the month; but a month that opens a
        # range or a list whose last month carries the year is one (« d'août à septembre 1904 »)
        tail = lex.month_list_tail.match(text, found.span().end)
        if tail is None or norm(tail.group(1)) not in lex.months:
            return False
    if kind == "month" and prep is None and found.get("mod") is None:
        # A month named alone, with no preposition: not one that is another word too ("May"),
        # nor the first name of a person ("June Carter").
        word = found.get("month") or ""
        if norm(word) in lex.months_needing_prep:
            return False
        after = text[found.span().end : found.span().end + 2]
        if len(after) == 2 and after[0] == " " and after[1].isupper():
            return False
        # Nor a name made with one ("the German October", "Red October").
        before = re.search(r"(\S+)\s+$", text[max(0, found.span().start - 30) : found.span().start])
        if before is not None and before.group(1)[0].isupper() and before.group(1)[-1].isalpha():
            return False
        if before is not None and norm(before.group(1)) in lex.month_not_after:
            return False
    if kind == "duration" and lex.age_before.search(text, max(0, found.span().start - 40), found.span().start):
        unit = lex.units.get(norm(found.get("unit") or ""))
        if unit == "year":
            return False  # "âgé de 38 ans", "Alain Parmentier, 53 ans,": an age, not a time
    century = found.get("century")
    if century is not None and century[0].isalpha() and norm(century) not in lex.ordinals:
        roman = re.match(r"[IVXLC]+", century)
        if roman is None or not _ROMAN.match(roman.group(0)):
            return False
    if kind in ("year", "year_range"):
        span = found.span()
        if lex.not_year_before.search(text, max(0, span.start - 12), span.start):
            return False
        if lex.not_year_after.match(text, span.end):
            return False
        # A year joined to a number by a dash is a numeric range (pages, counts), not a date.
        if kind == "year" and re.match(r"\s?[-–]\s?\d", text[span.end : span.end + 3]):
            return False
        if kind == "year" and re.search(r"\d\s?[-–]\s?$", text[max(0, span.start - 3) : span.start]):
            return False
        # Where nouns are capitalised, a bare number right before one counts it ("1500 Panzer").
        follows = text[span.end : span.end + 2]
        if (
            kind == "year"
            and lex.capital_noun_counts
            and re.fullmatch(r" [^\W\d_]", follows)
            and follows[1].isupper()
            and found.get("mod") is None
        ):
            return False
    return True
