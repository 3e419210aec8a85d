"""Claims built from triggers: the time, the place, the participants and the span of each.

An event noun becomes a claim only when the text tells it as an event, not as a topic
(:func:`~annales.stages.claims.eventhood.nominal_event`); a trigger with nobody and no date of its own is no claim.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from annales.records import UNASSERTED, Mention, Span, TimeMention, TimeValue
from annales.stages.analyse import doc_text
from annales.stages.claims.becoming import becoming_triggers
from annales.stages.claims.captures import captured_person, taken_place
from annales.stages.claims.clauses import (
    attribute_start,
    comes_after,
    describing_participle,
    looks_ahead,
    looks_back,
    own_clause,
    verb_own_noun,
)
from annales.stages.claims.coreference import Coreference
from annales.stages.claims.dating import background_date, clause_times, own_date
from annales.stages.claims.documents import adopted_type
from annales.stages.claims.drafts import DraftClaim, DraftParticipant
from annales.stages.claims.event_names import scene_of
from annales.stages.claims.eventhood import (
    acting_body,
    bare_definite,
    caused_effect,
    common_object,
    is_body,
    is_people,
    is_person,
    named_again,
    names_event,
    names_label,
    names_place,
    naming,
    nominal_event,
    reference_point,
    restated_in_order,
    restates,
    retold,
    war_frame,
    year_names_thing,
)
from annales.stages.claims.occurrences import occurrence_triggers
from annales.stages.claims.past_verbs import past_verb_triggers
from annales.stages.claims.places import find_place, scene_place
from annales.stages.claims.predicates import PREDICATE_TYPE, past, predicate_triggers, tells_state
from annales.stages.claims.qualifiers import find_qualifiers
from annales.stages.claims.roles import describes, find_participants, governing_trigger, is_passive, participle_modifier
from annales.stages.claims.syntax import (
    PASSIVE_AUX,
    SUBJECTS,
    after_preposition,
    after_word,
    closest,
    heading,
    quotations,
    sentences,
)
from annales.stages.claims.triggers import Trigger, assign, find_triggers
from annales.stages.claims.word_order import assign_by_clause, thing
from annales.stages.time import narrative_time
from annales.vocabulary.events import Lexicon, event_type, load_lexicon, verb_lemma
from annales.vocabulary.names import entity_key, names_operation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["build_claim", "extract_claims"]

#: Words from which a quotation is a source speaking, not a quoted name or term.
QUOTED_WORDS = 4


def extract_claims(
    sdoc: Doc,
    times: Sequence[TimeMention],
    mentions: Sequence[Mention],
    *,
    lang: str,
    narrative: bool = False,
    dct: dt.date | None = None,
) -> list[DraftClaim]:
    """All claims in a spaCy ``Doc``; ``times`` and ``mentions`` are spans into its text. ``narrative``: the
    document tells history (no document date, or one far after its own dates), not news."""
    lexicon = load_lexicon(lang)
    parsed = sdoc.has_annotation("DEP")
    if parsed:
        times = [t for t in times if not year_names_thing(sdoc, t, lexicon)]  # "le budget 2003" dates nothing
    # Vague references ("now", "recently") place nothing on a timeline: the narrative dates such clauses.
    # (a time of a day dates it too: « mardi soir », "on the night of 4 July")
    dated = sorted(
        (
            t
            for t in times
            if (t.type == "DATE" or (t.type == "TIME" and t.time.start is not None)) and not t.time.value.endswith("_REF")
        ),
        key=lambda t: t.span.start,
    )
    dated_starts = [t.span.start for t in dated]
    persons = Coreference(sdoc, mentions, parsed, dated)
    text = doc_text(sdoc)
    told = _Told(times, quotations(text), text)
    spans = sorted((t.span for t in times), key=lambda span: span.start)  # every time: none is a participant
    span_starts = [span.start for span in spans]
    claims: list[DraftClaim] = []
    for sent in sentences(sdoc):
        triggers = find_triggers(sent, lexicon, parsed)
        if any(t.nominal for t in triggers) and heading(sent, text):
            # A heading names what its section tells ("Schlacht von Mukden"): its event nouns are no claim
            triggers = [t for t in triggers if not t.nominal]
        heads = {t.head.i: t.type for t in triggers}
        # "convened the Fifteenth Congress", "the Civil Code … was promulgated": the noun is the verb's own event
        triggers = [t for t in triggers if not (t.nominal and t.head.head != t.head and heads.get(t.head.head.i) == t.type)]
        if not parsed and lexicon.word_order is not None:
            # "trafen sich … in Tilsit zu einer Konferenz": without a parse, read from the clause
            triggers = [t for t in triggers if not verb_own_noun(t, triggers, sent, lexicon.word_order)]
            # "die Entwicklung des chinesischen Bürgerkriegs": the war the sentence's thing belongs to
            triggers = [t for t in triggers if not war_frame(t, sent, lexicon)]
        lo, hi = sent.start_char, sent.end_char
        sent_mentions = persons.within(sent)[0]
        if parsed:
            # "The Congress of Soviets ratified the treaty": a body named after its meeting acts; the act is the event
            triggers = [t for t in triggers if not acting_body(t, sent_mentions)]
        sent_times = [t for t in dated[bisect_left(dated_starts, lo) : bisect_left(dated_starts, hi)] if t.span.end <= hi]
        sent_spans = _overlapping(spans, span_starts, lo, hi)
        triggers += occurrence_triggers(sent, triggers, lexicon, parsed)
        triggers += becoming_triggers(sent, triggers, lexicon, parsed)
        if parsed:
            triggers += predicate_triggers(
                sent, triggers, lexicon, sent_mentions, narrative=narrative, dated=[t.span for t in sent_times]
            )
        elif lexicon.word_order is not None:
            triggers += past_verb_triggers(sent, triggers, lexicon, sent_mentions, sent_spans)
        triggers = _one_of_alternatives(sorted(triggers, key=lambda t: t.head.i), lexicon)
        if not triggers:
            continue
        assign(triggers, sent_times, lambda t: t.times, sdoc, parsed)
        if not parsed and lexicon.word_order is not None:
            clause_times(triggers, sent_times, sent, lexicon)
        places = [m for m in sent_mentions if m.label == "LOC" and after_preposition(sdoc, m.span, lexicon)]
        if not parsed:
            # Without a parse, a name right after "in" is a place whatever the model called it ("in Reims").
            places += [
                m for m in sent_mentions if m.label in ("PER", "MISC") and after_word(sdoc, m.span, lexicon.name_place_words)
            ]
        if parsed:
            places = [m for m in places if not _names_other(sdoc, m, places)]  # "in Iraqi Kurdistan": Kurdistan
        places = _give(triggers, places, lambda t: t.places, sent, lexicon, parsed)
        if any(not t.nominal and event_type(t.type).origin_place for t in triggers):
            # "withdrew from Mukden": the place a movement leaves (read by find_place for those alone)
            origins = [
                m
                for m in sent_mentions
                if m.label == "LOC" and after_preposition(sdoc, m.span, lexicon, lexicon.origin_prepositions)
            ]
            _give(triggers, origins, lambda t: t.origins, sent, lexicon, parsed)
        scene = scene_place(sent, places, lexicon)
        for trigger in triggers:
            trigger.scene = scene
        built: list[tuple[Trigger, DraftClaim]] = []
        for trigger in triggers:
            claim = build_claim(
                trigger, triggers, sent, sent_mentions, persons, sent_spans, lexicon, parsed, told, narrative=narrative, dct=dct
            )
            if claim is not None and trigger.nominal and reference_point(trigger.head, lexicon, parsed):
                # "Nach der Eroberung von Port Arthur …", "after the siege": an event told before, named again to
                # date another, is no second claim
                claim = None if any(retold(claim, earlier) for earlier in claims) else claim
            elif claim is not None and trigger.nominal and bare_definite(trigger.head, sent_mentions, lexicon, parsed):
                # "Die Schlacht begann schließlich am 20. Februar", "während des Feldzuges": the one told before
                claim = None if any(named_again(claim, earlier, lexicon) for earlier in claims) else claim
            if claim is not None:
                built.append((trigger, claim))
        for claim in _placed_by_noun(built, lexicon) if parsed else [c for _, c in built]:
            claims.append(claim)
            _remember_deaths(claim, persons)
    return claims


def _echoed(participant: DraftParticipant, participants: Sequence[DraftParticipant], start: int) -> bool:
    """Whether a participant named before the sentence (a pronoun's referent) is named again in the sentence, by
    the same name, in another role: the pronoun was read as the wrong one (not "They created Doctors Without
    Borders", where "they" are doctors)."""
    return participant.span.start < start and any(
        other.role != participant.role and other.span.start >= start and entity_key(other.name) == entity_key(participant.name)
        for other in participants
    )


def _within_phrase(time: TimeMention, head: Token, sent: SpacySpan, lexicon: Lexicon, phrase: tuple[int, int]) -> bool:
    """Whether a date stands in the phrase a trigger heads (``phrase``, from the parse) or, without a parse, in its
    clause ("bevor er 1937 in Mexiko ankam")."""
    if head.dep_ or lexicon.word_order is None:
        return phrase[0] <= time.span.start < phrase[1]
    own = own_clause(head, sent, lexicon.word_order)
    return own is not None and sent.doc[own[0]].idx <= time.span.start < sent.doc[own[1] - 1].idx + len(sent.doc[own[1] - 1])


def _placed_by_noun(built: Sequence[tuple[Trigger, DraftClaim]], lexicon: Lexicon) -> list[DraftClaim]:
    """The claims of a sentence, where a death or what befalls someone has no place and the event it befell them
    in has one, named by a noun in a phrase of place of its verb: "Three people were killed in a bomb explosion in
    Ajaccio", « tuées dans l'explosion d'une bombe à Ajaccio" (the event it happened in happened there; not
    "replaced during Lee's invasion of the North", nor "charged in the Haditha killings")."""
    found: list[DraftClaim] = []
    for trigger, claim in built:
        kind = event_type(claim.type)
        if claim.place is None and not trigger.nominal and (kind.fatal or kind.undergoer):
            inner = next(
                (
                    c
                    for t, c in built
                    if t.nominal
                    and c.place is not None
                    and c.type != claim.type
                    and _oblique_of(t.head, trigger.head, lexicon.place_prepositions)
                ),
                None,
            )
            if inner is not None:
                claim = replace(claim, place=inner.place)
        found.append(claim)
    return found


def _oblique_of(noun: Token, verb: Token, prepositions: frozenset[str]) -> bool:
    """Whether a noun is a verb's phrase of one of ``prepositions``: English hangs it from the preposition ("killed
    [in] an explosion"), Universal Dependencies from the verb with its case (« tuées dans l'explosion »)."""
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head == verb:
        return noun.head.lower_ in prepositions
    return (
        noun.head == verb
        and noun.dep_.split(":")[0] in ("obl", "nmod")
        and any(c.dep_ == "case" and c.lower_ in prepositions for c in noun.children)
    )


def _give(
    triggers: list[Trigger],
    items: list[Mention],
    slot: Callable[[Trigger], list[Mention]],
    sent: SpacySpan,
    lexicon: Lexicon,
    parsed: bool,
) -> list[Mention]:
    """Give each place to the trigger of its clause (into ``slot(trigger)``): without a parse, first to the one verb
    of its clause by word order; the places that reading left (all of them with a parse) go to the trigger the
    parse or nearness says. Returns those."""
    if not parsed and lexicon.word_order is not None:
        items = assign_by_clause(triggers, items, sent, lexicon.word_order, slot)
    assign(triggers, items, slot, sent.doc, parsed, strict=True)
    return items


def _overlapping(spans: Sequence[Span], starts: Sequence[int], lo: int, hi: int) -> list[Span]:
    """The spans (sorted by start, ``starts`` their starts) that overlap ``[lo, hi)``."""
    first = bisect_left(starts, lo)
    while first > 0 and spans[first - 1].end > lo:
        first -= 1  # one that opens before the sentence and runs into it
    return [span for span in spans[first : bisect_left(starts, hi)] if span.end > lo]


def _bare_first_conjunct(verb: Token) -> bool:
    """Whether a verb is joined to a later one and has nothing of its own after it ("captured and executed in
    February 1920"; not "was born in Ajaccio and died in 1821")."""
    after = [c for c in verb.children if c.i > verb.i]
    return any(c.dep_ == "conj" for c in after) and all(c.dep_ in ("cc", "conj", "punct") for c in after)


def _one_of_alternatives(triggers: list[Trigger], lexicon: Lexicon) -> list[Trigger]:
    """The triggers without a verb joined to the one before it by "or" with the same type (or none of the
    lexicon's): "versenkte oder zerstörte", "sank or destroyed" tell one event, whichever word is right."""
    kept: list[Trigger] = []
    for trigger in triggers:
        head = trigger.head
        previous = kept[-1] if kept else None
        joined = (
            previous is not None
            and not trigger.nominal
            and not previous.nominal
            and (previous.type == trigger.type or not trigger.listed)
            and head.i == previous.head.i + 2
            and head.doc[head.i - 1].lower_ in lexicon.disjunctions
        )
        if not joined:
            kept.append(trigger)
    return kept


def _by_writing(time: TimeValue, dct: dt.date) -> TimeValue:
    """A past event of news happened by the day it was written: a period that runs past it ends there."""
    if time.start is None or time.end is None or not time.start <= dct < time.end:
        return time
    return replace(time, end=dct, edtf=f"{time.start.isoformat()}/{dct.isoformat()}")


def _names_other(sdoc: Doc, place: Mention, places: Sequence[Mention]) -> bool:
    """Whether a place's name only qualifies another place named right after it ("Iraqi" in "Iraqi Kurdistan",
    which the models tag as two names)."""
    name = sdoc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    if name is None or name.root.dep_ not in ("compound", "amod"):
        return False
    head = name.root.head.idx
    return any(other is not place and other.span.start <= head < other.span.end for other in places)


def build_claim(
    trigger: Trigger,
    triggers: list[Trigger],
    sent: SpacySpan,
    mentions: Sequence[Mention],
    persons: Coreference,
    time_spans: Sequence[Span],
    lexicon: Lexicon,
    parsed: bool,
    told: _Told,
    *,
    narrative: bool,
    dct: dt.date | None = None,
) -> DraftClaim | None:
    """The claim of one trigger of ``sent``, or None when it is no event the text tells. ``time_spans``: the
    sentence's time expressions, none of which is a participant; ``told``: the times that can date the
    narrative at a point; ``narrative``: a history, whose futures tell its past, not news; ``dct``: the date
    news was written."""
    head = trigger.head
    if parsed and not trigger.nominal and (common_object(trigger, mentions, lexicon) or caused_effect(trigger, lexicon)):
        # "met the demands", "assembled these criticisms": not a meeting; "jugé recevables les constitutions":
        # no trial, but what the verb tells may be another event
        trigger = replace(trigger, type=PREDICATE_TYPE, listed=False)
    if (
        parsed
        and not trigger.nominal
        and event_type(trigger.type).state_participle
        and tells_state(head, lexicon, narrative=narrative)
    ):
        return None  # "John Smith, 45, married with three children", « qui est marié », "is accused of": a state
    if not trigger.nominal and naming(head, lexicon):
        return None  # "the Morice Line (named for the defense minister)": a name given, no appointment
    if parsed and trigger.nominal and restates(head, lexicon):
        return None  # "The Battle of Mukden was the last major land battle of the war": the one battle, described
    if not parsed and trigger.nominal and restated_in_order(head, sent, lexicon):
        return None  # "Die Schlacht bei Mukden war die letzte größere Feldschlacht": the same, without a parse
    if not trigger.nominal and event_type(trigger.type).office and names_label(head, lexicon):
        trigger = replace(trigger, type=PREDICATE_TYPE, listed=False)  # "named him an enemy of the people"
    passive = is_passive(trigger, triggers, lexicon, parsed)
    spoken = None if passive or trigger.nominal else lexicon.active_types.get((head.lemma_ or head.lower_).lower())
    if spoken is not None:
        trigger = replace(trigger, type=spoken)  # "Mitzna a accusé Sharon": said, not a charge in court
    participants = find_participants(trigger, mentions, persons, passive, parsed, time_spans, lexicon)
    # "took Mexicali", "Seoul fell to the Chinese": a place taken (:mod:`captures`)
    trigger, participants = taken_place(trigger, participants, mentions, lexicon, parsed)
    trigger = captured_person(trigger, participants, lexicon, persons.full_names)  # "captured Saddam Hussein"
    trigger = adopted_type(trigger, participants, lexicon)  # "passed the Homestead Act": a law
    # The phrase the trigger heads (its tree's edges exist only in a parse: without one, spaCy leaves them
    # undefined after some tokenizer special cases, and walking them can crash).
    low, high = (
        (head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)) if parsed else (head.idx, head.idx + len(head.text))
    )
    explicit, time_mention = own_date(trigger, sent, lexicon, parsed)  # (:mod:`dating`)
    inherited_from_clause = False
    # A participle describing a noun ("members of other groups killed by the FLN"), or a clause set after its main
    # clause ("before arriving in Mexico"), is dated by nothing but a date in its own phrase
    described = not trigger.nominal and ((parsed and describing_participle(head)) or comes_after(head, sent, lexicon, parsed))
    attribute = None if parsed or lexicon.word_order is None else attribute_start(head, lexicon.word_order)
    if attribute is not None and not trigger.nominal:
        # "dem in Algerien geborenen Albert Camus": only a date inside the attribute ("der 1958 erschienene Essay")
        described, low = True, sent.doc[attribute].idx
        time_mention = closest([t for t in trigger.times if low <= t.span.start < high], head.idx)
    elif described and time_mention is not None and not _within_phrase(time_mention, head, sent, lexicon, (low, high)):
        time_mention = None
    if time_mention is None and parsed and not described:
        governor = governing_trigger(head, triggers)
        scene = None if trigger.nominal else scene_of(head, triggers, lexicon)
        if governor is not None and governor.times:
            # (its date as it dates the governor: "From May to July his force attacked …, destroying": the period)
            time_mention = own_date(governor, sent, lexicon, parsed)[1] or closest(governor.times, head.idx)
            inherited_from_clause = True
        elif scene is not None and scene.times:
            time_mention = closest(scene.times, scene.head.idx)  # "wounded at the Battle of Essling in 1809"
        elif not trigger.nominal and _bare_first_conjunct(head):
            # "was captured and executed in February 1920": a bare verb shares the date of the one it is joined to
            later = [t for t in triggers if t.head in head.conjuncts and t.head.i > head.i and t.times]
            if later:
                time_mention = closest(later[0].times, later[0].head.idx)
                inherited_from_clause = True
    placed = find_place(trigger, participants, mentions, lexicon, parsed, persons.full_names)
    participants, place = placed.participants, placed.place
    if place is not None and names_operation(place.name):
        place = None  # "captured … near Tikrit in Operation Red Dawn": the event's name, nowhere
    somewhere = None if placed.named else place  # (the place "the Battle of Marathon" names tells no event by itself)
    if (
        trigger.nominal
        and parsed
        and not trigger.occurred
        and not nominal_event(trigger, participants, somewhere, mentions, explicit, time_mention, lexicon, (low, high))
    ):
        return None
    if not participants and somewhere is None and time_mention is None and not trigger.occurred:
        return None  # nobody, nowhere and no date of its own: nothing a historian could cite as an event
    time: TimeValue | None
    if time_mention is not None:
        time = time_mention.time
        time_text, time_span = time_mention.text, time_mention.span
    elif trigger.nominal and reference_point(head, lexicon, parsed):
        time, time_text, time_span = None, None, None  # "after Lenin's death": told elsewhere, not dated here
    elif not trigger.nominal and looks_back(head, sent, lexicon, parsed):
        time, time_text, time_span = None, None, None  # "had earlier been ceded": before the narrative's date
    elif narrative and parsed and looks_ahead(head, lexicon):
        time, time_text, time_span = None, None, None  # "would be reduced by Sherman's capture": after it
    elif described:
        time, time_text, time_span = None, None, None
    else:
        time = narrative_time(told.at(head.idx), head.idx)
        time_text, time_span = None, None
        if time is not None and dct is not None and not narrative and background_date(time, sent):
            time = None  # news: "En 1995, Hervé Mangin a installé une supérette." dates no "se procurent chaque jour"
    if time is not None and dct is not None and not narrative and parsed and not trigger.nominal and past(head, lexicon):
        time = _by_writing(time, dct)  # "a déjà publié cette semaine", written on Friday: by Friday
    # "Im September 1940 half er Hitler": a pronoun read as the one the clause names in another role stands for
    # someone else
    participants = [p for p in participants if not _echoed(p, participants, sent.start_char)]
    # "the Northern Virginia Campaign … ended in another victory": an event acts in no other
    participants = [p for p in participants if not (p.role == "agent" and names_event(head.doc, p, lexicon))]
    if parsed:
        participants = [p for p in participants if p.label is not None or is_people(head.doc, p)]
        if not trigger.nominal and event_type(trigger.type).undergoer and event_type(trigger.type).patient_place:
            # "after entering the country", "crossed the river": where a movement goes is no one it moves
            participants = [p for p in participants if p.role != "patient" or not names_place(head.doc, p)]
    elif lexicon.word_order is not None:
        # "verschärfte seine Strategie", "legte eine Strecke … zurück": a thing the event concerns takes no part
        order = lexicon.word_order
        participants = [p for p in participants if not thing(p, head.doc, mentions, time_spans, order)]
    if parsed and not participants and somewhere is None and time_mention is None and participle_modifier(head):
        return None  # "the practice of removing elected representatives": an attribute of a thing, no event
    if parsed and time_mention is None and not trigger.nominal and describes(head):
        return None  # "troops advancing toward Kiev": what the troops were doing, no event told
    if not participants and somewhere is None and time is None and not trigger.occurred:
        return None  # "This disproportion explains …": once no one is left, nothing a historian could cite
    if (
        event_type(trigger.type).persons
        and participants
        and all(
            p.label == "ORG"
            or (p.label == "MISC" and " " not in p.name)
            or is_body(head.doc, p)
            or (parsed and p.label is None and not is_person(head.doc, p))
            for p in participants
        )
    ):
        # "the party's orthodoxy, which was wedded to …", "thunderbolts … wedded to": a figure of speech; "German
        # born": a description
        return None
    agentless = None
    if not trigger.nominal and lexicon.agentless_types and not any(p.role == "agent" for p in participants):
        lemma = head.lemma_ or verb_lemma(head.lower_, lexicon) or head.lower_  # (German: no lemmatizer)
        agentless = lexicon.agentless_types.get(lemma.lower())
    if agentless is not None:
        # "was killed when his car collided": a death; its subject undergoes it, as a death's does
        trigger = replace(trigger, type=agentless)
        if event_type(agentless).undergoer:
            participants = [replace(p, role="agent") if p.role == "patient" else p for p in participants]
    participants += _commanders(participants, sent, mentions, lexicon)
    participants += placed.more
    participants = [p for p in participants if not names_operation(p.name)]  # (an event's name takes no part)
    qualifiers = find_qualifiers(trigger, lexicon, parsed, news=not narrative)
    if told.in_quotation(head.idx) and "reported" not in qualifiers:
        qualifiers += ("reported",)  # what a quoted source says, not what the text asserts
    if not trigger.listed and UNASSERTED.intersection(qualifiers):
        return None  # a verb no lexicon lists is a claim only when the text asserts it happened

    edges = [head.idx, head.idx + len(head.text)]
    for token in trigger.tokens:
        edges += [token.idx, token.idx + len(token.text)]
    for p in participants:
        if sent.start_char <= p.span.start and p.span.end <= sent.end_char:
            edges += [p.span.start, p.span.end]
    for span in (time_span if not inherited_from_clause else None, place.span if place else None):
        if span is not None:
            edges += [span.start, span.end]
    if parsed and trigger.nominal:
        for child in head.lefts:  # "the second Chinese revolution", "the Sixth Congress"
            if child.dep_ in ("compound", "amod", "nummod") and head.i - child.i <= 3:
                edges += [child.idx, child.idx + len(child.text)]
    if parsed:
        for child in head.children:
            if child.dep_ in PASSIVE_AUX | {"aux", "aux:tense", "neg", "cop"} or child.lower_ in lexicon.negation:
                edges += [child.idx, child.idx + len(child.text)]
    start, end = min(edges), max(edges)
    # (the document's text, read once: Doc.text and Span.text join every token on each call)
    while end > start and sent.start_char <= end - 1 < sent.end_char and told.text[end - 1] in " ,;:":
        end -= 1

    confidence = 0.45
    if any(p.label in ("PER", "ORG") for p in participants):
        confidence += 0.2
    elif participants:
        confidence += 0.1
    if time is not None and time.basis != "narrative":
        confidence += 0.2
    if parsed and any(c.dep_ in SUBJECTS for c in head.children):
        confidence += 0.1
    if {"negated", "hypothetical", "reported"} & set(qualifiers):
        confidence -= 0.3
    # (a phrase's verbs by their lemma, its other words as written: "prendre ses fonctions", "coup d'état")
    words = sorted(trigger.tokens, key=lambda t: t.i)
    predicate = "".join(
        ((t.lemma_ or t.lower_).lower() if len(words) == 1 or t.pos_ in ("VERB", "AUX") else t.lower_)
        + (t.whitespace_ if k < len(words) - 1 else "")
        for k, t in enumerate(words)
    )
    return DraftClaim(
        Span(start, end),
        trigger.type,
        predicate,
        Span(min(t.idx for t in trigger.tokens), max(t.idx + len(t.text) for t in trigger.tokens)),
        tuple(participants),
        time,
        time_text,
        time_span,
        place,
        round(max(0.05, min(confidence, 0.99)), 2),
        qualifiers,
    )


class _Told:
    """The times that can date the narrative at a point: those of its paragraph before it, or while the
    paragraph has given no date yet, those of the paragraph just before (a heading's "1981" dates its section's
    first paragraph; a paragraph goes on from the one before it), not further back: two paragraphs without a
    date have left the story's time. Of those, a date inside a quotation only for the rest of its quotation,
    since it tells the speaker's story ("« Nous avons ouvert vendredi »", said on Saturday)."""

    def __init__(self, times: Sequence[TimeMention], quoted: Sequence[Span], text: str) -> None:
        self.text = text
        self.quoted = sorted(quoted, key=lambda q: q.start)
        self.starts = [q.start for q in self.quoted]
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.times = sorted(times, key=lambda t: t.span.start)
        self.time_starts = [t.span.start for t in self.times]
        self.quote_of = [self._quote(t.span.start) for t in self.times]
        #: The quotations long enough to be a source speaking (:data:`QUOTED_WORDS`), not a quoted name or term.
        self.spoken = [len(text[q.start : q.end].split()) >= QUOTED_WORDS for q in self.quoted]

    def _quote(self, position: int) -> int | None:
        k = bisect_right(self.starts, position) - 1
        return k if k >= 0 and position < self.quoted[k].end else None

    def in_quotation(self, position: int) -> bool:
        """Whether ``position`` lies in a quotation of at least :data:`QUOTED_WORDS` words (not a quoted name or
        term: "the 'democrat' Miliukov")."""
        k = self._quote(position)
        return k is not None and self.spoken[k]

    def at(self, position: int) -> Sequence[TimeMention]:
        k = bisect_right(self.breaks, position) - 1
        paragraph = self.breaks[k] if k >= 0 else -1
        own = self._quote(position)
        first, last = bisect_right(self.time_starts, paragraph), bisect_right(self.time_starts, position)
        if first == last and k >= 0:
            first = bisect_right(self.time_starts, self._paragraph_before(k))
        return [self.times[i] for i in range(first, last) if self.quote_of[i] is None or self.quote_of[i] == own]

    def _paragraph_before(self, k: int) -> int:
        """Where the paragraph before the one after line break ``k`` begins (its line break; -1 at the text's
        start), over blank lines."""
        j = k - 1
        while j >= 0 and not self.text[self.breaks[j] + 1 : self.breaks[k]].strip():
            j -= 1
        return self.breaks[j] if j >= 0 else -1


def _remember_deaths(claim: DraftClaim, persons: Coreference) -> None:
    """A death, an execution, an assassination the text asserts: the one it ends is not a later pronoun's referent."""
    kind = event_type(claim.type)
    if not kind.fatal or claim.time is None or claim.time.end is None or UNASSERTED.intersection(claim.qualifiers):
        return
    for p in claim.participants:
        if p.label is not None and (p.role == "patient" or kind.undergoer):  # (a name the model took for a body)
            persons.died(p.name, p.span.start, claim.time.end)


#: The words between a command preposition and the commander's name at most ("sous les ordres du général").
_COMMAND_REACH = 5


def _commanders(
    participants: Sequence[DraftParticipant], sent: SpacySpan, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[DraftParticipant]:
    """The persons named as leading the agents ("von konföderierten Truppen unter General Magruder", "a US fleet
    under David Farragut", "les troupes sous les ordres de Kléber"): agents too, unless already there."""
    if not lexicon.command_prepositions:
        return []
    doc = sent.doc
    starts = {m.span.start: m for m in mentions if m.label == "PER"}
    have = {p.span for p in participants}
    found: list[DraftParticipant] = []
    for agent in [p for p in participants if p.role == "agent" and p.label != "PER"]:
        after = doc.char_span(agent.span.end, sent.end_char, alignment_mode="expand")
        if after is None or not len(after) or after[0].lower_ not in lexicon.command_prepositions:
            continue
        for token in after[1 : 1 + _COMMAND_REACH]:
            if token.is_punct and token.text != ".":
                break
            leader = starts.get(token.idx)
            if leader is not None:
                if leader.span not in have:
                    found.append(DraftParticipant("agent", leader.text, leader.span, "PER"))
                    have.add(leader.span)
                break
    return found
