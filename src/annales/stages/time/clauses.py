"""What the words around a match say: its direction, its tense, the clause it stands in."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from functools import lru_cache

from annales.stages.time.kinds import DIRECTION_SLOTS
from annales.stages.time.lexicon import TimeLexicon
from annales.stages.time.scan import Match
from annales.stages.time.values import Ref


def direction_of(found: Match, lex: TimeLexicon) -> str:
    """Which way the match points: next, prev or same (this and last count as same and prev)."""
    if found.template.direction:
        return found.template.direction
    for slot in DIRECTION_SLOTS:
        word = found.get(slot)
        if word is not None:
            return {"after": "next", "before": "prev", "this": "same", "last": "prev"}.get(slot, slot)
    return "same"  # pragma: no cover - the loader requires a direction


def is_directed(found: Match) -> bool:
    """Whether the match itself says which way to go (a direction word or key)."""
    return found.template.direction is not None or any(found.get(s) is not None for s in DIRECTION_SLOTS)


def event_anchored(found: Match, lex: TimeLexicon) -> bool:
    """Whether an offset ends in a preposition whose complement (a word, not punctuation) follows."""
    span = found.span()
    text = found.match.string
    if not lex.event_anchor.match(text[span.start : span.end]):
        return False
    following = text[span.end : span.end + 3].lstrip()
    return bool(following) and following[0].isalnum()


def speech_day(ref: Ref | None, dct: Ref | None) -> dt.date | None:
    """The day deictic words count from: the document date, else a narrative reference of one day."""
    if dct is not None:
        return dct.end
    if ref is not None and ref.start == ref.end:
        return ref.end
    return None


def clause_before(found: Match, lex: TimeLexicon) -> str:
    """The words of the match's clause before it (back to a punctuation mark, at most 120 characters)."""
    text = found.match.string
    start = found.span().start
    window = text[max(0, start - 120) : start]
    ends = list(lex.clause_end.finditer(window))
    return window[ends[-1].end() :] if ends else window


def in_future(found: Match, lex: TimeLexicon) -> bool:
    """Whether the clause around the match speaks of the future (a bare weekday then looks ahead).

    The clause runs between punctuation marks, so that "… will now proceed,
    Cuba predicted Wednesday" reads "predicted", not "will".
    """
    return _in_clause(found, lex, lex.future)


def in_past(found: Match, lex: TimeLexicon, *, perfect: bool = False) -> bool:
    """Whether the clause around the match is in a past tense ("Sununu was told Wednesday"), or with ``perfect``
    in a past perfect, which puts even a plan in the past ("it had been due to expire Friday")."""
    return _in_clause(found, lex, lex.pluperfect if perfect else lex.past)


def _in_clause(found: Match, lex: TimeLexicon, words: re.Pattern[str]) -> bool:
    text = found.match.string
    end = found.span().end
    after_text = text[end : end + 120]
    stop = lex.clause_end.search(after_text)
    after = after_text[: stop.start()] if stop else after_text
    return bool(words.search(clause_before(found, lex)) or words.search(after))


#: A heading: a short line of words between blank lines, opening with a letter and ending without punctuation
#: (the blank line after it looked at, not taken, so that a heading right under another is found too).
_HEADING = re.compile(r"\n[ \t]*\n[ \t]*[^\W\d_][^\n.!?:;,]{0,60}(?<![.!?:;,])[ \t]*(?=(?P<blank>\n[ \t]*\n))")
#: A line that is only a year between blank lines: the heading of a chapter that tells that year.
_YEAR_HEADING = re.compile(r"(?:^|\n[ \t]*\n)[ \t]*(?P<year>\d{3,4})[ \t]*(?=\n[ \t]*\n)")


def heading_between(text: str, start: int, end: int) -> bool:
    """Whether a section heading (a short line of words between blank lines) stands in ``text[start:end]``."""
    starts, ends = _headings(text)
    k = bisect_left(starts, max(0, start - 2))
    return k < len(starts) and ends[k] <= end


@lru_cache(maxsize=8)
def _headings(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where each heading of ``text`` starts (its blank line before) and ends (its blank line after), read once per
    text: the scan asks at every date."""
    found = list(_HEADING.finditer(text))
    return tuple(m.start() for m in found), tuple(m.end("blank") for m in found)


def year_heading(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a year alone on its line between blank lines: a chapter's heading."""
    found = _YEAR_HEADING.search(text, max(0, start - 8), end + 8)
    return found is not None and found.start("year") == start and found.end("year") == end
