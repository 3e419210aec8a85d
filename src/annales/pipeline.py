"""Run the stages in order over one document, and ingest batches into a store.

Stages work on repaired text; this module is where their spans are mapped back
to the document's original text, so every record leaving it counts characters
in the original.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from annales import langdata
from annales.doc import Repaired
from annales.errors import AnnalesError, ReadError
from annales.records import (
    Block,
    Claim,
    Document,
    Entity,
    Mention,
    Participant,
    Problem,
    Span,
    TimeMention,
    TimeValue,
)
from annales.stages import language as language_stage
from annales.stages.claims import DraftClaim, DraftParticipant, extract_claims, split_at_event_words
from annales.stages.dated_names import outside_times
from annales.stages.gazetteer import gazetteer_places
from annales.stages.genitives import uninflected
from annales.stages.read import DEFAULT_MAX_BYTES, expand_paths, read
from annales.stages.repair import repair, repair_layout
from annales.stages.resolve import AliasTable, Resolver, known_mentions
from annales.stages.surnames import missed_persons, surnames_of_persons
from annales.stages.time import find_times


@dataclass(frozen=True)
class Options:
    """Settings shared by every command that runs the pipeline."""

    lang: str | None = None
    dct: dt.date | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    aliases: AliasTable | None = None


@dataclass(frozen=True)
class Segment:
    """A run of consecutive blocks in one language, analysed together."""

    lang: str
    clean: Span


@dataclass(frozen=True)
class Processed:
    """Everything the pipeline derived from one document."""

    doc: Document
    repaired: Repaired
    lang: str
    blocks: tuple[Block, ...]
    times: tuple[TimeMention, ...]
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
    entities: tuple[Entity, ...]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    claims: int = 0
    words: int = 0


def prepare(doc: Document, options: Options = Options()) -> tuple[Repaired, tuple[Block, ...], list[Segment]]:
    """Repair a document and split it into language segments."""
    guess = options.lang or language_stage.identify(doc.text[:20000])[0]
    # Page geometry (PDF text layer, OCR), when there is some, decides reading order first.
    repaired = repair_layout(doc.text, doc.layout, lang=guess) if doc.layout else repair(doc.text, lang=guess)
    blocks = repaired.blocks
    if options.lang:
        blocks = tuple(Block(b.index, b.clean, b.original, options.lang) for b in blocks)
    else:
        blocks = language_stage.identify_blocks(repaired.text, blocks, default=guess)
    return repaired, blocks, _segments(blocks, len(repaired.text))


#: The most characters analysed in one spaCy call: long documents are cut at
#: paragraph breaks into segments of at most this size (spaCy's own limit is 1M,
#: and its memory grows with the length of one call).
MAX_SEGMENT = 100_000


def _segments(blocks: Sequence[Block], length: int) -> list[Segment]:
    """Runs of blocks in one language, none longer than MAX_SEGMENT unless one block is."""
    segments: list[Segment] = []
    for block in sorted(blocks, key=lambda b: b.clean.start):
        lang = block.lang or "en"
        if segments and segments[-1].lang == lang and block.clean.end - segments[-1].clean.start <= MAX_SEGMENT:
            segments[-1] = Segment(lang, Span(segments[-1].clean.start, block.clean.end))
        else:
            start = segments[-1].clean.end if segments else 0
            segments.append(Segment(lang, Span(start, block.clean.end)))
    if segments and segments[-1].clean.end < length:
        segments[-1] = Segment(segments[-1].lang, Span(segments[-1].clean.start, length))
    return segments


def _shift_time(time: TimeValue, repaired: Repaired, offset: int) -> TimeValue:
    if time.anchor is None:
        return time
    anchor = repaired.to_original(time.anchor.start + offset, time.anchor.end + offset)
    return replace(time, anchor=anchor)


def _times(repaired: Repaired, segment: Segment, dct: dt.date | None) -> tuple[list[TimeMention], list[TimeMention]]:
    """Time mentions of a segment: in segment coordinates, and mapped to the original."""
    text = repaired.text[segment.clean.start : segment.clean.end]
    if not langdata.lang_file(segment.lang, "time.yaml").is_file():
        return [], []  # no time data for this language yet: no times rather than wrong ones
    local = find_times(text, segment.lang, dct=dct)
    mapped = []
    for m in local:
        span = repaired.to_original(m.span.start + segment.clean.start, m.span.end + segment.clean.start)
        time = _shift_time(m.time, repaired, segment.clean.start)
        mapped.append(TimeMention(span, repaired.original[span.start : span.end], m.type, time, m.aside, m.deictic))
    return local, mapped


#: A document with at least HISTORY_MIN_DATES explicit dates, whose median lies HISTORY_GAP_YEARS or more
#: before its document date and of which fewer than HISTORY_NEAR_SHARE fall in the document date's year or the
#: one before, tells history rather than news. Measured on the corpora's document dates: every WikiWars
#: history but three (9/11 en, 10/11 de), and 3 of 256 TempEval-3 and none of 54 French TimeBank news
#: articles (retrospectives full of old years) would be read as history. Those three count a tenth or more of
#: their times from their own date ("today", "a decade ago", "last year", "this week": 2 to 5 of 16 to 26), which
#: no history does (WikiWars with its document dates: at most 3 of 40, German "heute" naming a place's present
#: name); at least HISTORY_DEICTIC_MIN such times, HISTORY_DEICTIC_SHARE of all, make a text news looking back.
HISTORY_MIN_DATES = 5
HISTORY_GAP_YEARS = 5
HISTORY_NEAR_SHARE = 0.2
HISTORY_DEICTIC_MIN = 2
HISTORY_DEICTIC_SHARE = 0.1


def is_history(times: Sequence[TimeMention], dct: dt.date) -> bool:
    """Whether a document dated ``dct`` tells history, from the explicit dates among its ``times``.

    A page written in 2009 about 1920 is a narrative: its "on 4 July" follows the story's year, not the
    page's. Explicit dates are read the same with or without a document date, so the times found with it
    tell (checked on the 347 documents of the time corpora and the claims gold).
    """
    years = [m.time.start.year for m in times if m.type == "DATE" and m.time.basis == "explicit" and m.time.start is not None]
    if len(years) < HISTORY_MIN_DATES:
        return False
    near = sum(1 for year in years if dct.year - 1 <= year <= dct.year) / len(years)
    deictic = sum(1 for m in times if m.deictic)
    looking_back = deictic >= HISTORY_DEICTIC_MIN and deictic >= HISTORY_DEICTIC_SHARE * len(times)
    return statistics.median(years) <= dct.year - HISTORY_GAP_YEARS and near < HISTORY_NEAR_SHARE and not looking_back


def document_times(
    repaired: Repaired, segments: Sequence[Segment], dct: dt.date | None
) -> tuple[list[tuple[list[TimeMention], list[TimeMention]]], bool]:
    """Each segment's time mentions, in segment coordinates and mapped to the original, and whether the
    document reads as a narrative (no document date, or one that tells history) rather than news.

    Each segment starts from the last date of the segments before it, else the document date ``dct``;
    a document that tells history (:func:`is_history`) is read again without it.
    """
    found = _segment_times(repaired, segments, dct)
    if dct is None:
        return found, True
    if is_history([m for _, mapped in found for m in mapped], dct):
        return _segment_times(repaired, segments, None), True
    return found, False


def _segment_times(
    repaired: Repaired, segments: Sequence[Segment], dct: dt.date | None
) -> list[tuple[list[TimeMention], list[TimeMention]]]:
    found: list[tuple[list[TimeMention], list[TimeMention]]] = []
    earlier: list[TimeMention] = []
    for segment in segments:
        local, mapped = _times(repaired, segment, _reference(earlier, dct))
        found.append((local, mapped))
        earlier.extend(mapped)
    return found


def _reference(earlier: Sequence[TimeMention], dct: dt.date | None) -> dt.date | None:
    """The reference a segment starts from: the last date of the segments before it, else the DCT."""
    for mention in reversed(earlier):
        if mention.type == "DATE" and mention.time.start is not None:
            return mention.time.start
    return dct


def find_document_times(doc: Document, options: Options = Options()) -> list[TimeMention]:
    """Time expressions of a document, spans in its original text (the `times` command)."""
    repaired, _blocks, segments = prepare(doc, options)
    return [m for _, mapped in document_times(repaired, segments, options.dct)[0] for m in mapped]


def find_document_mentions(doc: Document, options: Options = Options()) -> list[Mention]:
    """Named-entity mentions of a document, resolved within it (the `entities` command)."""
    from annales.stages.analyse import analyse

    repaired, _blocks, segments = prepare(doc, options)
    times, _narrative = document_times(repaired, segments, options.dct)
    resolver = Resolver(aliases=options.aliases)
    found: list[Mention] = []
    for segment, (local_times, _mapped) in zip(segments, times, strict=True):
        text = repaired.text[segment.clean.start : segment.clean.end]
        local = _mentions(analyse(text, segment.lang), segment.lang, resolver, local_times)
        found += resolver.resolve(_in_original(local, repaired, segment.clean.start))
    return found


def _mentions(sdoc: Any, lang: str, resolver: Resolver, times: Sequence[TimeMention]) -> list[Mention]:
    """A segment's mentions as ingest stores them: the model's, cut at event verbs it swallowed, with the
    gazetteer's places, the persons named by surname, and the names the corpus already knows; none of them
    holding the words of one of the segment's ``times`` ("481 BC", "Polen 1939")."""
    from annales.stages.analyse import LOCATIVE, doc_text, mentions

    found = split_at_event_words(sdoc, mentions(sdoc), lang)
    found = missed_persons(sdoc, gazetteer_places(sdoc, found, lang), lang)
    found = uninflected(sdoc, surnames_of_persons(sdoc, found, lang), lang)
    found = known_mentions(sdoc, found, resolver.known_names(), locative=LOCATIVE)
    return outside_times(found, [t.span for t in times], doc_text(sdoc))


def _in_original(mentions: Sequence[Mention], repaired: Repaired, offset: int) -> list[Mention]:
    """A segment's mentions (``offset``: where it starts in the repaired text) as spans of the original and its
    words there, each the piece of one block where a wrong join ran a name across two (:meth:`Repaired.longest_piece`)."""
    found = []
    for m in mentions:
        span = repaired.to_original_piece(m.span.start + offset, m.span.end + offset)
        found.append(Mention(span, repaired.original[span.start : span.end], m.label))
    return found


def process(doc: Document, options: Options = Options(), *, resolver: Resolver | None = None) -> Processed:
    """Run every stage from repair to claims over one document."""
    from annales.stages.analyse import analyse

    resolver = resolver or Resolver(aliases=options.aliases)
    repaired, blocks, segments = prepare(doc, options)
    times, narrative = document_times(repaired, segments, options.dct)
    all_times: list[TimeMention] = []
    all_mentions: list[Mention] = []
    claims: list[Claim] = []
    lang_weight: dict[str, int] = {}
    for segment, (local_times, mapped_times) in zip(segments, times, strict=True):
        offset = segment.clean.start
        text = repaired.text[offset : segment.clean.end]
        lang_weight[segment.lang] = lang_weight.get(segment.lang, 0) + len(text)
        all_times.extend(mapped_times)
        sdoc = analyse(text, segment.lang)
        local_mentions = _mentions(sdoc, segment.lang, resolver, local_times)
        resolved = resolver.resolve(_in_original(local_mentions, repaired, offset))
        all_mentions.extend(resolved)
        for draft in extract_claims(sdoc, local_times, local_mentions, lang=segment.lang, narrative=narrative, dct=options.dct):
            claims.append(_to_claim(draft, doc, repaired, offset, segment.lang, resolver))
    lang = max(lang_weight, key=lambda k: lang_weight[k]) if lang_weight else (options.lang or "und")
    used = {m.entity for m in all_mentions} | {p.entity for c in claims for p in c.participants}
    entities = tuple(e for e in resolver.entities.values() if e.id in used)
    return Processed(doc, repaired, lang, blocks, tuple(all_times), tuple(all_mentions), tuple(_dedupe(claims)), entities)


def _dedupe(claims: Iterable[Claim]) -> list[Claim]:
    seen: dict[str, Claim] = {}
    for claim in claims:
        seen.setdefault(claim.id, claim)
    return list(seen.values())


def _to_claim(draft: DraftClaim, doc: Document, repaired: Repaired, offset: int, lang: str, resolver: Resolver) -> Claim:
    def span_of(local: Span) -> Span:
        return repaired.to_original(local.start + offset, local.end + offset)

    def participant(p: DraftParticipant) -> Participant:
        start, end = p.span.start + offset, p.span.end + offset
        piece = repaired.longest_piece(start, end)
        span = repaired.to_original(*piece)
        # (a name a wrong join of blocks ran on into another block's words is the piece of one block)
        name = " ".join((p.name if piece == (start, end) else repaired.text[piece[0] : piece[1]]).split())
        return Participant(p.role, name, span, resolver.entity_for(name, p.label) if p.label else None)

    span = repaired.to_original_around(draft.span.start + offset, draft.span.end + offset, draft.trigger.start + offset)
    time = _shift_time(draft.time, repaired, offset) if draft.time is not None else None
    time_span = span_of(draft.time_span) if draft.time_span is not None else None
    trigger = span_of(draft.trigger)
    ident = hashlib.sha1(f"{doc.sha256}:{trigger.start}:{trigger.end}:{draft.type}".encode()).hexdigest()[:16]
    return Claim(
        id="clm_" + ident,
        doc=doc.name,
        doc_id=doc.id,
        lang=lang,
        span=span,
        quote=doc.text[span.start : span.end],
        type=draft.type,
        predicate=draft.predicate,
        participants=tuple(participant(p) for p in draft.participants),
        time=time,
        time_text=doc.text[time_span.start : time_span.end] if time_span else None,
        time_span=time_span,
        place=participant(draft.place) if draft.place else None,
        confidence=draft.confidence,
        qualifiers=draft.qualifiers,
        trigger=trigger,
    )


ProgressCallback = Callable[[str, Path, "IngestReport"], None]


def ingest(
    paths: Iterable[str | Path],
    store: object,
    options: Options = Options(),
    *,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Read, process and store files and folders; one transaction per document.

    A file that cannot be read is reported and skipped; the others go on. Events
    and conflicts are recomputed once at the end.
    """
    from annales.store import Store

    assert isinstance(store, Store)
    report = IngestReport()
    files, problems = expand_paths(paths)
    report.problems.extend(problems)
    resolver = Resolver(store.entities(), aliases=options.aliases)
    for path in files:
        try:
            doc = read(path, max_bytes=options.max_bytes)
        except ReadError as exc:
            report.problems.append(Problem(str(path), exc.message, exc.hint))
            if progress:
                progress("problem", path, report)
            continue
        if store.has_document(doc.sha256):
            report.skipped.append(doc.name)
            if progress:
                progress("skipped", path, report)
            continue
        try:
            processed = process(doc, options, resolver=resolver)
        except AnnalesError:
            raise
        except Exception as exc:  # a bug in a stage must not stop the batch
            report.problems.append(
                Problem(str(path), f"processing failed: {type(exc).__name__}: {exc}", "please report this file with the error")
            )
            continue
        added = store_processed(store, processed)
        if added:
            report.added.append(doc.name)
            report.claims += len(processed.claims)
            report.words += len(processed.repaired.text.split())
        else:
            report.skipped.append(doc.name)
        if progress:
            progress("added" if added else "skipped", path, report)
    if report.added:
        update_events(store)
    return report


def store_processed(store: object, processed: Processed) -> bool:
    """Write a processed document and what was derived from it; False if the store already holds the document."""
    from annales.store import Store

    assert isinstance(store, Store)
    return store.add_document(
        processed.doc,
        lang=processed.lang,
        claims=processed.claims,
        mentions=processed.mentions,
        entities=processed.entities,
        repaired_text=processed.repaired.text,
        meta=_repair_meta(processed.repaired),
    )


def _repair_meta(repaired: Repaired) -> dict[str, str]:
    """What repair says of the document's text beyond its reading order: UTF-8 found decoded twice."""
    if not repaired.recoded:
        return {}
    spans = repaired.recoded
    return {
        "mojibake": f"{len(spans)} runs of UTF-8 decoded twice (as Windows-1252) decoded back, the first at "
        f"characters {spans[0].start}-{spans[0].end}: the text's producer read it with the wrong encoding"
    }


def update_events(store: object, new_claims: Sequence[Claim] | None = None) -> None:
    """Reconcile new claims into the stored events: only the events they could join are recomputed (the
    whole store once, if its events predate the event index). The new claims are, unless given, the stored
    claims no event holds yet, so an ingest stopped before this step is caught up by the next one."""
    from annales.stages.reconcile import reconcile, reconcile_update
    from annales.store import Store

    assert isinstance(store, Store)
    if not store.events_indexed():
        events, conflicts = reconcile(store.claims())
        store.replace_events(events, conflicts)
        return
    if new_claims is None:
        new_claims = store.claims_outside_events()
    removed, events, conflicts = reconcile_update(new_claims, store.events_with_keys)
    store.update_events(removed, events, conflicts)
