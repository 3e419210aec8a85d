"""Which of its sentence's dates dates a claim: its clause's, an explicit one first, widened to a period.

The time stage gives each trigger the dates near it (``Trigger.times``). Of those, the ones inside its clause
count: the parse's clause, or without a parse the clause word order reads ("Am 1. Juli 1962 stimmten die
Algerier ab und am 3. Juli erkannte Frankreich …"). The bound of a state ("seit 1929", an aside of the
narrative) gives way to a date after the verb; an explicit date beats a relative one beside it (in "Le 9 mars
1796, une semaine après avoir reçu le commandement, il épouse…" the relative phrase dates the subordinate
event, not the marriage); the nearest wins. A date that opens or closes a period with another, a range word
between them (``range_words``: "from August to September 1904"), dates it by the period. In news, a date wider
than a week that a sentence would go on from two sentences later is background, no date of it
(:func:`background_date`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annales.records import Span, TimeMention, TimeValue
from annales.stages.analyse import doc_text
from annales.stages.claims.clauses import bare_verb, own_clause
from annales.stages.claims.eventhood import reference_point
from annales.stages.claims.noun_phrases import adjective_like
from annales.stages.claims.syntax import closest, sent_end
from annales.stages.claims.triggers import Trigger, scope
from annales.vocabulary.events import Lexicon, WordOrder

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["background_date", "clause_times", "own_date"]

#: The granularities of a date that an event told as the reference of another shares with it.
_COARSE = ("year", "decade", "century")
#: The longest word that may follow a range word before the second date ("bis zum 10. März").
_ARTICLE_LENGTH = 3
#: The longest stretch of time (in days, less one) a news story tells its events on: a week.
_NEWS_DAYS = 7


def own_date(trigger: Trigger, sent: SpacySpan, lexicon: Lexicon, parsed: bool) -> tuple[list[TimeMention], TimeMention | None]:
    """The explicit dates of ``trigger``'s clause, and the date that dates it (None where it has none)."""
    head = trigger.head
    if parsed:
        clause_head = scope(trigger)
        clause = [t for t in trigger.times if clause_head.left_edge.idx <= t.span.start <= clause_head.right_edge.idx]
    else:
        # (all the dates given, where word order reads no clause or the clause has none)
        own = own_clause(head, sent, lexicon.word_order) if lexicon.word_order is not None else None
        clause = (_in_clause(trigger.times, own, sent.doc) if own is not None else []) or list(trigger.times)
    # (not the bound of a state where a date after the verb is there: "errichteten in Kiangsi (seit 1929) eine
    # Sowjetrepublik (1931)" was founded in 1931; but "Terrorism and Communism (1921), since 1923 he had started")
    if any(t.aside for t in clause):
        clause = [t for t in clause if not t.aside and t.span.start > head.idx] or clause
    explicit = [t for t in clause if t.time.basis == "explicit" and t.time.start is not None]
    found = closest(explicit or clause or trigger.times, head.idx)
    return explicit, None if found is None else _period(found, trigger.times, doc_text(head.doc), lexicon)


def clause_times(triggers: list[Trigger], times: Sequence[TimeMention], sent: SpacySpan, lexicon: Lexicon) -> None:
    """Without a parse, an event noun a frame says happened and that no date went to takes the dates of its clause
    ("Der Krieg mit der Bezeichnung … begann am 20. März 2003 mit Bombardements": the war too); one that dates
    another, those of its own phrase."""
    order = lexicon.word_order
    if order is None:
        return
    for trigger in triggers:
        if trigger.nominal and reference_point(trigger.head, lexicon, False):
            # "Nach der Schlacht von Mukden im März 1905 wurde …": an event noun that dates another has its own
            # phrase's dates, else only a year of its clause ("1937 kam es nach dem Zwischenfall …"; not "Nach
            # 154-tägiger Belagerung musste Port Arthur am 2. Januar 1905 …": the surrender's day)
            own = own_clause(trigger.head, sent, order)
            clause = (_in_clause(times, own, sent.doc) if own is not None else []) or list(times)
            trigger.times = _phrase_times(times, trigger.head, order) or [t for t in clause if t.time.granularity in _COARSE]
            continue
        if not (trigger.occurred and trigger.nominal) or trigger.times:
            continue
        own = own_clause(trigger.head, sent, order)
        if own is not None:
            trigger.times = _in_clause(times, own, sent.doc)


def _phrase_times(times: Sequence[TimeMention], head: Token, order: WordOrder) -> list[TimeMention]:
    """Without a parse, the dates inside a noun's phrase: from the noun to the first verb after it ("Nach der
    Niederlage Frankreichs, September 1939 bis Juni 1940, …")."""
    doc = head.doc
    end = next(
        (t.i for t in doc[head.i + 1 : sent_end(head)] if bare_verb(t, order) and not _before_noun(t, order)), sent_end(head)
    )
    hi = doc[end - 1].idx + len(doc[end - 1].text)
    return [t for t in times if head.idx <= t.span.start and t.span.end <= hi]


def _before_noun(token: Token, order: WordOrder) -> bool:
    """Whether a lower-case word is an adjective before its noun ("auf die amerikanische Pazifikflotte"), no verb."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and following.is_alpha and following.text[:1].isupper() and adjective_like(token, order)


def _in_clause(times: Sequence[TimeMention], clause: tuple[int, int], doc: Doc) -> list[TimeMention]:
    """The dates inside a clause (token indexes, end excluded)."""
    lo, hi = doc[clause[0]].idx, doc[clause[1] - 1].idx + len(doc[clause[1] - 1].text)
    return [t for t in times if lo <= t.span.start and t.span.end <= hi]


def _period(found: TimeMention, times: Sequence[TimeMention], text: str, lexicon: Lexicon) -> TimeMention:
    """``found`` widened to the period it opens or closes with another of ``times``, a range word between them
    ("from August to September 1904", « d'août à septembre 1904 », „von August bis September 1904“; a short
    article may follow the word: „bis zum 10. März“); ``found`` itself where none does."""
    for other in times:
        if other.span.start >= found.span.end:
            first, last = found, other
        elif other.span.end <= found.span.start:
            first, last = other, found
        else:
            continue
        words = text[first.span.end : last.span.start].lower().split()
        if (
            not words
            or words[0] not in lexicon.range_words
            or len(words) > 2
            or (len(words) == 2 and len(words[1]) > _ARTICLE_LENGTH)
        ):
            continue
        start, end = first.time.start, last.time.end
        if start is None or end is None or end < start or first.time.calendar != last.time.calendar:
            continue
        basis = first.time.basis if first.time.basis == last.time.basis else "relative"
        time = TimeValue(
            start,
            end,
            first.time.granularity,
            f"{first.time.value}/{last.time.value}",
            f"{first.time.edtf}/{last.time.edtf}",
            first.time.calendar,
            basis,
            first.time.anchor or last.time.anchor,
        )
        span = Span(first.span.start, last.span.end)
        return TimeMention(span, text[span.start : span.end], first.type, time, first.aside and last.aside)
    return found


def background_date(time: TimeValue, sent: SpacySpan) -> bool:
    """Whether the narrative time a news sentence would take is longer than a week (a month, a quarter, a year)
    and named before the sentence before it: news tells its story on days and weeks; a wider date is background,
    which the next sentence may go on with ("… two decisions by the Supreme Court last June. In those cases, the
    high court ruled …") but not the story after it (Jean Motsch "confie" nothing in 1995 because the camp's shop
    opened then; a company "said" nothing over the quarter its results were for)."""
    anchor = time.anchor
    wide = time.start is None or time.end is None or (time.end - time.start).days >= _NEWS_DAYS
    if not wide or anchor is None or sent.start == 0:
        return False
    before = sent.doc[sent.start - 1].sent
    return anchor.start < before.start_char
