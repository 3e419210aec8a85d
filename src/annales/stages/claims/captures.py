"""Places taken: verbs that no type lists for places, read as a battle when a place is what they take or what falls.

"took Mexicali", « prit Moscou », "the city was taken by the Germans": a verb of ``capture_verbs`` whose patient
is a place captures it. "Seoul fell to the Chinese", « Port-Arthur tomba », "Königsberg fiel an die
Sowjetunion": a verb of ``fall_verbs`` whose subject is a place tells that the place was taken; the place is its
patient, and who took it is the name after one of ``fall_prepositions``. Whatever falls into someone's hands
(``fall_hands``: « Tobrouk tomba aux mains des Britanniques ») is taken, whatever the models call its name.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import TYPE_CHECKING

from annales.records import Mention
from annales.stages.claims.drafts import DraftParticipant
from annales.stages.claims.eventhood import names_place
from annales.stages.claims.syntax import introduced, sent_end
from annales.stages.claims.triggers import Trigger
from annales.vocabulary.events import Lexicon
from annales.vocabulary.inflection import word_lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["captured_person", "taken_place"]

#: How far after a preposition of ``fall_prepositions`` the taker's name may start, without a parse (characters).
_TAKER_REACH = 40
#: How many words after a verb of falling its hands may come ("fiel am 13. November wieder in britische Hand").
_HANDS_REACH = 10


def taken_place(
    trigger: Trigger, participants: list[DraftParticipant], mentions: Sequence[Mention], lexicon: Lexicon, parsed: bool
) -> tuple[Trigger, list[DraftParticipant]]:
    """The trigger typed a battle where it takes a place or a place falls, with its participants read so; else
    both as they are."""
    head = trigger.head
    lemma = (head.lemma_ or head.lower_).lower()
    if (
        not trigger.listed
        and lemma in lexicon.capture_verbs
        and any(p.role == "patient" and _a_place(p, head, parsed) for p in participants)
    ):
        return replace(trigger, type="battle"), participants
    if not trigger.nominal and lemma in lexicon.fall_verbs:
        hands = _hands(head, lexicon)
        # ("Tobrouk tomba aux mains des Britanniques": what falls into hands is taken, the models' person too)
        taken = [p for p in participants if p.role == "agent" and (hands is not None or _a_place(p, head, parsed))]
        if taken:
            takers = _holders(hands, mentions) if hands is not None else _takers(head, mentions, lexicon, parsed)
            return replace(trigger, type="battle"), [replace(p, role="patient") for p in taken] + takers
    return trigger, participants


def captured_person(
    trigger: Trigger, participants: Sequence[DraftParticipant], lexicon: Lexicon, full_names: AbstractSet[str]
) -> Trigger:
    """The trigger typed by ``person_types`` where its verb takes a person ("captured Saddam Hussein", "seized Ney"
    after "Marshal Michel Ney": an arrest): a patient the models call a person, named in full here or elsewhere
    (``full_names``: the words of the persons the document names in full; a name of one word alone may be a place
    the models took for a person, "captured Crete"); else the trigger as it is."""
    head = trigger.head
    retyped = lexicon.person_types.get(word_lemma(head)) if not trigger.nominal else None
    if retyped is None:
        return trigger
    patients = [p for p in participants if p.role == "patient"]
    if any(p.label == "PER" and (" " in p.name or p.name in full_names) for p in patients) and not any(
        p.label == "LOC" for p in patients
    ):
        return replace(trigger, type=retyped)
    return trigger


def _a_place(participant: DraftParticipant, head: Token, parsed: bool) -> bool:
    """Whether a participant is a place: a name the models call one, or a noun of a kind of place ("the city")."""
    return participant.label == "LOC" or (parsed and names_place(head.doc, participant))


def _hands(verb: Token, lexicon: Lexicon) -> Token | None:
    """The noun of ``fall_hands`` a verb of falling falls into, within the few words after it in its sentence ("fell
    into British hands", « tomba aux mains des Anglais », „fiel wieder in britische Hand“)."""
    if not lexicon.fall_hands:
        return None
    after = verb.doc[verb.i + 1 : min(sent_end(verb), verb.i + 1 + _HANDS_REACH)]
    return next((t for t in after if t.lower_ in lexicon.fall_hands), None)


def _holders(hands: Token, mentions: Sequence[Mention]) -> list[DraftParticipant]:
    """Who takes what falls into their hands: the name right after the hands ("into the hands of the Russians",
    « aux mains des Britanniques »); none where an adjective says it ("into British hands")."""
    reach = hands.idx + len(hands.text) + _TAKER_REACH // 2
    return [
        DraftParticipant("agent", m.text, m.span, m.label)
        for m in mentions
        if hands.idx < m.span.start < reach and m.label in ("PER", "ORG", "MISC", "LOC")
    ][:1]


def _takers(head: Token, mentions: Sequence[Mention], lexicon: Lexicon, parsed: bool) -> list[DraftParticipant]:
    """Who takes a place that falls: the name after the verb's ``fall_prepositions`` ("fell to the Chinese")."""
    if parsed:
        objects = [o for child in head.children if (o := introduced(child, lexicon.fall_prepositions)) is not None]
        spans = [(o.left_edge.idx, o.right_edge.idx + len(o.right_edge.text)) for o in objects]
    else:  # the first such preposition after the verb in its sentence ("fiel Port Arthur an die Japaner")
        sent = head.doc[head.i : sent_end(head)]
        after = next((t for t in sent if t.lower_ in lexicon.fall_prepositions), None)
        spans = [(after.idx, after.idx + _TAKER_REACH)] if after is not None else []
    return [
        DraftParticipant("agent", m.text, m.span, m.label)
        for lo, hi in spans
        for m in mentions
        if lo <= m.span.start < hi and m.label in ("PER", "ORG", "MISC", "LOC")
    ][:1]
