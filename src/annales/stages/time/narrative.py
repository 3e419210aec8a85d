"""Reading a text: the narrative's reference time moves from date to date as the scan goes.

Relative expressions resolve against the last date that moved the reference
(else the document date, never today). A date moves it unless it is an
aside: the bound of a state (since, until), a year far from the story's, a
quoted speaker's now, a coarser restatement, or a look back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from annales.records import Span, TimeMention, TimeValue, TimexType
from annales.stages.time.clauses import clause_before, direction_of, heading_between, in_future, is_directed, year_heading
from annales.stages.time.explicit import mark_old_style
from annales.stages.time.lexicon import TimeLexicon, load_language
from annales.stages.time.normalise import normalise
from annales.stages.time.scan import Match, scan
from annales.stages.time.values import Reading, Ref, month_end, time_value

__all__ = ["find_times", "narrative_time"]

#: A bare year further than this from the narrative's reference is an aside (see _digression).
DIGRESSION_YEARS = 30
#: Kinds that count from the time of writing whatever their words ("today", "ten years ago").
SPEECH_KINDS = frozenset({"deictic_day", "ago"})


def find_times(text: str, lang: str, *, dct: dt.date | None = None) -> list[TimeMention]:
    """All time expressions in `text` (already repaired text), in text order, spans into `text`."""
    mentions = _scan_times(text, lang, dct, {})
    if dct is not None:
        return mentions
    filled = _years_from_ahead(mentions)
    opening = {m.span: (m.type, m.time) for m, before in zip(filled, mentions, strict=True) if m is not before}
    # The dates that count from the opening's months ("Am 8. März … Am folgenden Tag") are read again from them.
    return _years_from_ahead(_scan_times(text, lang, dct, opening)) if opening else filled


def _scan_times(text: str, lang: str, dct: dt.date | None, known: dict[Span, Reading]) -> list[TimeMention]:
    """The time expressions of ``text`` as the reference moves through it; ``known`` gives the values of some
    spans (the opening's months once their year is known)."""
    lex = load_language(lang)
    # The reference moves as the scan goes; the judge reads it from this one-item holder.
    speech = Ref(dct, dct, None) if dct is not None else None
    ref: list[Ref | None] = [speech]
    mentions: list[TimeMention] = []
    # A history's chapter headed by a year alone ("1862"): a section heading inside it takes the story back to that
    # year, whatever date the section before ended on (its last "2. Januar 1863" does not date the next section).
    chapter: list[Ref | None] = [None]
    told = [0]  # where the last mention ends

    def judge(found: Match) -> Reading | None:
        if speech is None and chapter[0] is not None and heading_between(text, told[0], found.match.start()):
            ref[0] = chapter[0]
        return known.get(found.span()) or normalise(found, lex, ref[0], speech)

    for found, (kind, value) in scan(text, lex, judge):
        span = found.span()
        bound = _bound(found, lex, ref[0])
        back = _looks_back(found, value, ref[0], lex)
        # (a look back, "les faits remontent au 27 mai 1998" told at a hearing, does not date what follows)
        aside = bound or (speech is None and _from_speech_time(found)) or back or _ahead_of_paper(value, dct)
        deictic = found.template.kind in SPEECH_KINDS or _from_speech_time(found)
        mention = mark_old_style(text, TimeMention(span, text[span.start : span.end], kind, value, aside, deictic), lex)
        mentions.append(mention)
        ref[0] = _next_reference(found, kind, value, ref[0], speech is None, lex, bound=bound, back=back) or ref[0]
        told[0] = span.end
        year = kind == "DATE" and value.granularity == "year"
        if year and value.start is not None and value.end is not None and year_heading(text, span.start, span.end):
            chapter[0] = Ref(value.start, value.end, span, code=value.value)
    return mentions


_YEARLESS = re.compile(r"XXXX-(\d\d)(?:-(\d\d))?")


def _years_from_ahead(mentions: list[TimeMention]) -> list[TimeMention]:
    """A story that opens on months with no year ("In February, Hitler sent forces to Libya … on May 11, 1941")
    takes the year of its first full date, or the year before for a month later in the year than that date's
    ("im Oktober eroberten sie Galveston … am Neujahrstag 1863": October 1862), since a narrative runs forward.
    Only before the first full date, and only without a document date, which the months would count from."""
    first = next(
        (
            m
            for m in mentions
            if m.type == "DATE" and m.time.basis == "explicit" and m.time.start is not None and not m.time.value.startswith("-")
        ),
        None,
    )
    if first is None or first.time.start is None or first.time.end is None:
        return mentions
    found: list[TimeMention] = []
    for mention in mentions:
        yearless = _YEARLESS.fullmatch(mention.time.value)
        if mention.span.start >= first.span.start or mention.type != "DATE" or mention.time.start is not None or yearless is None:
            found.append(mention)
            continue
        month, day = int(yearless.group(1)), yearless.group(2)
        later_month = first.time.granularity in ("day", "month") and month > first.time.start.month
        year = first.time.start.year - later_month
        try:
            start = dt.date(year, month, int(day) if day else 1)
        except ValueError:
            found.append(mention)
            continue
        end = start if day else month_end(year, month)
        code = start.isoformat() if day else f"{year:04d}-{month:02d}"
        value = time_value(
            start,
            end,
            granularity=mention.time.granularity,
            value=code,
            edtf=code,
            ref=Ref(first.time.start, first.time.end, first.span),
            relative=True,
        )
        found.append(TimeMention(mention.span, mention.text, mention.type, value, mention.aside))
    return found


def _next_reference(
    found: Match,
    kind: TimexType,
    value: TimeValue,
    ref: Ref | None,
    narrative: bool,
    lex: TimeLexicon,
    *,
    bound: bool,
    back: bool,
) -> Ref | None:
    """The narrative's reference after this date, or None when the date leaves it where it is.

    A date moves the story unless it only bounds a state at the story's time
    (since, until), is an aside (:func:`_digression`), counts from a quoted
    speaker's now, repeats the story's time more coarsely, or looks back from a
    pluperfect clause. A relative date also has to say more than its reference
    or carry the story on (:func:`_finer`). Before the common era the
    reference is a year BC, and after a winter it is the year the winter ends in.
    """
    if bound:  # (:func:`_bound` and :func:`_looks_back`, read once by the caller)
        return None
    bc = _BC_VALUE.match(value.value)
    if bc is not None and kind == "DATE":
        year = max(1, int(bc.group(1)) - value.value.endswith("-WI"))
        return Ref(dt.date.min, dt.date.min, found.span(), bc=year)
    placed = kind == "DATE" or (kind == "TIME" and value.start == value.end)
    if bc is not None or not placed or value.start is None or value.end is None:
        return None
    if back or (narrative and _from_speech_time(found)) or _restates(value, ref):
        return None
    if (
        value.basis == "explicit"
        or value.anchor is None
        or _finer(value, ref)
        or (is_directed(found) and direction_of(found, lex) != "prev")
    ):
        return Ref(value.start, value.end, found.span(), code=value.value)
    return None


def narrative_time(mentions: Sequence[TimeMention], position: int) -> TimeValue | None:
    """The narrative reference time at character `position`: the last DATE or TIME mention (explicit or relative, with known start/end: "dimanche après-midi" dates the day; or a date before the common era, by its EDTF) ending at or before `position`, returned as a TimeValue with basis="narrative" and anchor=that mention's span. None if there is none."""  # noqa: E501
    best: TimeMention | None = None
    for mention in mentions:
        if mention.span.end > position or mention.aside:
            continue
        if mention.type not in ("DATE", "TIME") or not _on_timeline(mention.time):
            continue
        if best is None or mention.span.end >= best.span.end:
            best = mention
    if best is None:
        return None
    return best.time.with_basis("narrative", best.span)


def _on_timeline(time: TimeValue) -> bool:
    """Whether a time has bounds: days, or a date before the common era that only its EDTF holds ("June 479 BC":
    -0478-06), which dates the story after it as much."""
    return (time.start is not None and time.end is not None) or (time.edtf.startswith("-") and time.start is None)


def _ahead_of_paper(value: TimeValue, dct: dt.date | None) -> bool:
    """Whether news speaks of a day after its own date ("further cuts next year", « s'ouvrira lundi »): a plan or
    an expectation, which dates none of the events the paper tells after it."""
    return dct is not None and value.start is not None and value.start > dct


def _looks_back(found: Match, value: TimeValue, ref: Ref | None, lex: TimeLexicon) -> bool:
    """Whether a date steps out of the story to look back or aside: a digression, a flashback, a noun's attribute."""
    if value.start is None or value.end is None:
        return False
    return _digression(value, ref, found, lex) or _flashback(found, value, ref, lex) or _attribute(found, value, ref, lex)


def _flashback(found: Match, value: TimeValue, ref: Ref | None, lex: TimeLexicon) -> bool:
    """Whether a date before the narrative's time (or the document's date) sits in a clause that looks back from
    it ("forces that had invaded Burma in late 1943", written in May 1944; « accusé d'avoir détourné des fonds
    entre 1990 et 1995 »): the language's ``flashback_markers``."""
    if ref is None or value.end is None or value.end >= ref.start:
        return False  # (news too: "accused of having embezzled funds between 1990 and 1995", dated by the paper)
    return bool(lex.flashback.search(clause_before(found, lex)))


def _attribute(found: Match, value: TimeValue, ref: Ref | None, lex: TimeLexicon) -> bool:
    """Whether a date before the narrative's time, inside a sentence, belongs to the attribute of a noun that
    follows it ("Der Plan fußte auf ab 1941 ausgearbeiteten Invasionsplänen", told in June 1944): it dates the
    plans, a look back, not the story's next step."""
    if ref is None or ref.span is None or value.end is None or value.end >= ref.start:
        return False
    text, end = found.match.string, found.span().end
    return bool(lex.attribute.match(text, end)) and not _opens_sentence(text, found.match.start())


def _restates(value: TimeValue, ref: Ref | None) -> bool:
    """Whether a date only repeats, coarser, the time the narrative stands at ("On December 7 (December 8 in
    Asian time zones), 1941"): it keeps the finer reference, so "In January" that follows is 1942."""
    if ref is None or ref.span is None or value.start is None or value.end is None:
        return False
    return ref.start >= value.start and ref.end <= value.end and (ref.end - ref.start) < (value.end - value.start)


def _from_speech_time(found: Match) -> bool:
    """Whether the words count from the speaker's now ("next summer", "this year", "last week"): in a
    narrative they are a quoted speaker's time, so they do not move the story's reference."""
    if found.get("this") is not None or found.get("last") is not None:
        return True
    return found.template.deictic and not {"this", "last"} & found.template.slots


def _bound(found: Match, lex: TimeLexicon, ref: Ref | None) -> bool:
    """Whether a date bounds a state at the narrative's time rather than moving the story: "since"/"until"
    (the language's ``bound_words``) in its clause, or as its own preposition, while the narrative has a time."""
    if ref is None or ref.span is None:
        return False
    prep = found.match.group("_p")
    return bool((prep and lex.bound.search(prep)) or lex.bound.search(clause_before(found, lex)))


def _finer(value: TimeValue, ref: Ref | None) -> bool:
    """Whether a relative date says more than the reference it was read against (a month after a year).

    Such a date moves the narrative's reference; a bare one that says no more
    ("January" after "May", both read in 1942) does not, so that one wrong
    year is not carried from each relative date to the next. Dates written
    out, those read from the document date (anchor None) and those whose
    words carry the story on ("the following June", "that same year") always
    move it; a look back ("am Ende des vorangegangenen Jahres") is an aside.
    """
    if ref is None or ref.bc is not None or value.start is None or value.end is None:
        return True
    if value.start.year == ref.start.year == ref.end.year == value.end.year:
        return True  # "9 April" after "16 April 1865": the year stands, the story moves within it
    # Clearly shorter, not a day or two: 1863 is not finer than the leap year 1864, nor February than March.
    return ((value.end - value.start).days + 1) * 3 <= ((ref.end - ref.start).days + 1) * 2


_BC_VALUE = re.compile(r"BC(\d{4})(?!\d)")


def _digression(value: TimeValue, ref: Ref | None, found: Match, lex: TimeLexicon) -> bool:
    """Whether a bare year is an aside that leaves the narrative's time where it is.

    While the narrative is at a month or a day, a bare year far from it
    inside a sentence is a count or a remark ("moderne Schätzungen … von
    1207" in a text about 1944; a look ahead to 2009): it does not move the
    reference, so the next "21. Oktober" stays in 1944. A year near the
    narrative's, any year after a reference of a year or more ("The following
    year … In 1850 …"), any month or day, and a year that opens a sentence,
    a paragraph or a heading move it, unless the clause looks ahead ("a
    planned campaign in 1976" in March 1975). (Treating every earlier year as a look
    back, "die alte Grenze von 1940", gained as much in the English WikiWars
    as it lost in the German, whose sections return to earlier years: not done.)
    """
    if ref is None or ref.span is None or value.granularity != "year" or value.start is None:
        return False
    if (ref.start.year, ref.start.month) != (ref.end.year, ref.end.month):
        return False
    gap = value.start.year - ref.end.year
    if gap > 0 and in_future(found, lex):
        return True  # "a planned campaign in 1976", written in March 1975
    if abs(gap) <= DIGRESSION_YEARS:
        return False
    return not _opens_sentence(found.match.string, found.match.start())


_SENTENCE_LEAD = re.compile(r"(?:^|[.!?:\n])[\s\"“«(]*(?:[^\W\d_]+\s+){0,2}$")


def _opens_sentence(text: str, start: int) -> bool:
    """Whether at most two words (a preposition, "Im Jahr") stand between ``start`` and a sentence start."""
    window = text[max(0, start - 40) : start]
    if start > 40:
        window = window[window.find(" ") + 1 :] if " " in window else window  # no sentence starts at the cut
        return bool(_SENTENCE_LEAD.search(window)) and not _SENTENCE_LEAD.fullmatch(window)
    return bool(_SENTENCE_LEAD.search(window))
