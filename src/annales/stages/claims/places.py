"""Where an event happened: the place of a claim, and the places coordinated with it.

A place comes from a name after a preposition of place in the trigger's clause ("in Egypt", "à Belfort",
"im Norden Chinas"), from an event noun's own phrase ("the Moscow trials", "the Battle of Britain", "die
Konferenz von München") or the name of the event it is told in (:mod:`event_names`: "defeated Villa in the Battle
of Celaya"), from a name read as a participant that follows a preposition of place, or, for
the types a place undergoes (``patient_place``), from the place that undergoes it ("conquered Crete").
Places coordinated with the first ("invaded Syria and Lebanon", "in Cambodia and Laos") are places too.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.claims.drafts import DraftParticipant
from annales.stages.claims.event_names import own_name_place
from annales.stages.claims.syntax import (
    OBJECTS,
    PASSIVE_SUBJECTS,
    RELATIVE_CLAUSES,
    after_preposition,
    closest,
    hyphen_joined,
    next_word,
    of_objects,
    word_form,
)
from annales.stages.claims.triggers import Trigger, noun_type
from annales.vocabulary.claim_words import claim_words, listed
from annales.vocabulary.events import Lexicon, event_type
from annales.vocabulary.inflection import word_lemma
from annales.vocabulary.names import name_words, town_context

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["Placed", "find_place", "scene_place"]

#: Labels of a mention that names someone, not somewhere.
_ACTORS = ("PER", "ORG")
#: How many words after an event noun its phrase may name its place in, without a parse.
_PHRASE_WORDS = 8


@dataclass(frozen=True)
class Placed:
    """The claim's place, the further places coordinated with it, and the participants left once the places
    read as participants are taken out; ``named``: the place is only the one the event's own name holds ("the
    Battle of Marathon"), no sign by itself that the words tell an event."""

    place: DraftParticipant | None
    more: tuple[DraftParticipant, ...]
    participants: list[DraftParticipant]
    named: bool = False


def scene_place(sent: SpacySpan, places: Sequence[Mention], lexicon: Lexicon) -> Mention | None:
    """The place that opens a sentence and sets its scene ("In the Atlantic, the British scored a boost by sinking
    the Bismarck", "En mai 1941, en Crète, …"): a preposition of place before the sentence's first verb, the
    name, then a comma. An event the sentence tells with no other place happened there."""
    doc = sent.doc
    for place in places:
        name = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
        if name is None or name.end >= sent.end or doc[name.end].text != ",":
            continue
        before = doc[sent.start : name.start]
        opening = next((t for t in reversed(before) if word_form(t) in lexicon.place_prepositions), None)
        if opening is not None and name.start - opening.i <= 4 and not any(t.pos_ in ("VERB", "AUX") for t in before):
            return place
    return None


def find_place(
    trigger: Trigger,
    participants: list[DraftParticipant],
    mentions: Sequence[Mention],
    lexicon: Lexicon,
    parsed: bool,
    full_names: AbstractSet[str] = frozenset(),
) -> Placed:
    """The place of ``trigger``'s claim (``trigger.places`` holds the places its clause names; ``full_names``:
    the words of the persons the document names in full)."""
    head = trigger.head
    place = closest(trigger.places, head.idx) or (_compound_place(head, mentions) if trigger.nominal and parsed else None)
    kind = event_type(trigger.type)
    if place is not None and kind.patient_place and not kind.undergoer:
        # "In the Pacific, the Americans captured Guadalcanal": the place taken is where, not the wider scene
        target = _target_place(participants, head, lexicon)
        place = Mention(target.span, target.name, "LOC") if target is not None else place
    own_name = False
    if place is not None and any(place.span.start <= t.idx < place.span.end for t in trigger.tokens):
        place = None  # the event's own name or words ("Permanent Revolution", "ging ins Exil") are not its place
    if place is None and trigger.nominal and not parsed:
        place = _place_after_of(trigger, mentions, lexicon)  # "die Konferenz von München"
    if place is None and parsed and not trigger.nominal and kind.undergoer and kind.patient_place:
        # "Athens was evacuated", « la ville de Kiev fut évacuée »: a place a movement's passive makes its subject
        # is where it happened, not who moved
        left = next((p for p in participants if p.label == "LOC" and _passive_subject(head, p.span)), None)
        if left is not None:
            participants = [p for p in participants if p is not left]
            place = Mention(left.span, left.name, "LOC")
    if place is None:
        # "l'exil de Trotski à Alma-Ata", "wurde Napoleon in Reims gekrönt": a name after a preposition of place,
        # read as a participant (the models tag Alma-Ata and Reims as people), is the place when someone else
        # takes part.
        located = next(
            (
                p
                for p in participants
                if p.label in ("LOC", "PER", "MISC")
                and after_preposition(head.doc, p.span, lexicon)
                and (p.label == "LOC" or any(q is not p and q.label == "PER" for q in participants))
            ),
            None,
        )
        if located is not None:
            participants = [p for p in participants if p is not located]
            place = Mention(located.span, located.name, "LOC")
    if place is None and trigger.nominal and parsed:
        # "the Battle of Britain", "la bataille de Leipzig": a place named in the event noun's of-phrase, read
        # as its agent, is where it happened (after a noun of an event at a place, whatever the model called it
        # but a body: "the siege of Khe Sanh"); for an event a place undergoes, so is a proper name there that
        # the models do not know as a person or a body.
        where = listed(head, lexicon.place_event_nouns)  # "the Battle of Verdun"
        named = next(
            (
                p
                for p in participants
                if _of_phrase(head, p.span)
                and (
                    (p.label == "LOC" and p.role == "agent")
                    or (where and (p.label in ("LOC", "PER") or (p.label == "ORG" and not _body_name(p.name))))
                    or (kind.patient_place and p.label in ("LOC", "PER") and not _named_actor(p.span, mentions))
                )
            ),
            None,
        )
        if named is not None:
            # "the siege of Tobruk", "the invasion of Poland": the place is what the event is aimed at too; "the
            # Battle of Britain" (``scene_nouns``) only happened there
            if listed(head, lexicon.scene_nouns) or not kind.aimed or named.role != "patient":
                participants = [p for p in participants if p is not named]
            else:
                participants = [
                    p if p is not named else DraftParticipant(p.role, p.name, p.span, "LOC", p.at) for p in participants
                ]
            place = Mention(named.span, named.name, "LOC")
    if place is None:
        place, participants, own_name = own_name_place(trigger, participants, mentions, lexicon, parsed)
    if place is None and event_type(trigger.type).patient_place:
        # "Germany conquered Crete", "the siege of Tobruk": the place it happens to is where it happened (not
        # the country a war is waged against)
        target = _target_place(participants, head, lexicon, None if trigger.nominal else full_names)
        if target is not None:
            participants = [replace(p, label="LOC") if p is target else p for p in participants]
            place = Mention(target.span, target.name, "LOC")
    if place is None and not trigger.nominal and event_type(trigger.type).origin_place:
        # "zog sich aus Mukden zurück", "banni de l'Union soviétique" (not "un référendum pour un retrait
        # d'Algérie": a noun's place is its own phrase's)
        place = closest(trigger.origins, head.idx)
    if place is None and parsed:
        place = _where(trigger, mentions)  # "… to Jiangxi, where they founded a Soviet republic"
    if place is None and trigger.scene is not None and trigger.scene.span.end <= head.idx:
        place = trigger.scene  # "In the Atlantic, the British … by sinking the Bismarck"
    # "declared war on Japan", « déclara la guerre au Japon »: the enemy is the war's patient, no place of it
    enemies = _declared_on(trigger, mentions, lexicon) if parsed else []
    if enemies:
        spans = {m.span for m in enemies}
        place = None if place is not None and place.span in spans else place
        participants = [p for p in participants if p.span not in spans]
        participants += [DraftParticipant("patient", m.text, m.span, m.label) for m in enemies]
    if place is None:
        return Placed(None, (), participants)
    found = DraftParticipant("place", place.text, place.span, "LOC")
    # "assassiné à Léningrad" tagged a person; a captured place stays the patient (an exile's place does not:
    # "l'exil de Trotski à Alma-Ata")
    aimed = event_type(trigger.type).aimed
    participants = [p for p in participants if p.span != found.span or (aimed and p.role == "patient" and p.label == "LOC")]
    more = _coordinated(found, trigger, participants, mentions, lexicon, parsed)
    if event_type(trigger.type).undergoer:
        participants = [p for p in participants if not any(m.span == p.span for m in more)]  # a place, no patient
    return Placed(found, more, participants, own_name)


def _passive_subject(verb: Token, span: Span) -> bool:
    """Whether the name at ``span`` is the subject of ``verb`` in the passive."""
    name = verb.doc.char_span(span.start, span.end, alignment_mode="expand")
    return name is not None and name.root.head == verb and name.root.dep_ in PASSIVE_SUBJECTS


def _declared_on(trigger: Trigger, mentions: Sequence[Mention], lexicon: Lexicon) -> list[Mention]:
    """The names a war is declared on, where ``trigger`` is a noun of war that a declaring verb has as its object
    (``war_nouns``, ``declaring_verbs``, ``enemy_prepositions``): the objects of the verb's (or the noun's)
    enemy prepositions ("declared war on Japan and Italy")."""
    noun = trigger.head
    verb = noun.head
    if not (trigger.nominal and listed(noun, lexicon.war_nouns) and noun.dep_ in ("dobj", "obj")):
        return []
    if not listed(verb, lexicon.declaring_verbs):
        return []
    found: list[Mention] = []
    for child in (*verb.children, *noun.children):
        if child.dep_ in ("prep", "obl", "obl:arg", "iobj", "nmod"):
            # English hangs the name under its preposition ("on" -> pobj); UD the preposition under the name
            objects = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else [child]
            preposition = child if child.dep_ == "prep" else next((g for g in child.children if g.dep_ == "case"), None)
            if preposition is None or preposition.lower_ not in lexicon.enemy_prepositions:
                continue
            for target in (t for o in objects for t in (o, *o.conjuncts)):
                found += [m for m in mentions if m.span.start <= target.idx < m.span.end and m not in found]
    return found


def _target_place(
    participants: Sequence[DraftParticipant], head: Token, lexicon: Lexicon, full_names: AbstractSet[str] | None = None
) -> DraftParticipant | None:
    """The place among the patients, but one a war is waged against ("declared war on Japan"). Of a verb whose
    object is a place (``place_verbs``: "invaded Crete", « envahirent la Crète »), given the words of the persons
    the document names in full, a name of one word the models took for a person or a body is one too, but for a
    body's name ("besieged the Red Army") and a person's ("seized Ney" after "Marshal Michel Ney")."""
    takes_places = full_names is not None and word_lemma(head) in town_context(head.doc.lang_)[1]
    return next(
        (
            p
            for p in participants
            if p.role == "patient"
            and (p.label == "LOC" or (takes_places and _mistaken_place(p, full_names or frozenset())))
            and not after_preposition(head.doc, p.span, lexicon, lexicon.against_words - lexicon.target_words)
        ),
        None,
    )


def _mistaken_place(participant: DraftParticipant, full_names: AbstractSet[str]) -> bool:
    """Whether a participant can be a place the models took for a person or a body: one word, no body's name,
    and no word of a person the document names in full."""
    name = participant.name
    return participant.label in _ACTORS and " " not in name and not _body_name(name) and name not in full_names


def _coordinated(
    place: DraftParticipant,
    trigger: Trigger,
    participants: Sequence[DraftParticipant],
    mentions: Sequence[Mention],
    lexicon: Lexicon,
    parsed: bool,
) -> tuple[DraftParticipant, ...]:
    """The places coordinated with ``place``: "in Syria and Lebanon", and for an event a place undergoes, the
    other places that undergo it ("invaded Greece and Yugoslavia")."""
    found: dict[int, DraftParticipant] = {}
    if parsed:
        sdoc = trigger.head.doc
        first = sdoc.char_span(place.span.start, place.span.end, alignment_mode="expand")
        if first is not None:
            for token in first.root.conjuncts:
                mention = next((m for m in mentions if m.span.start <= token.idx < m.span.end and m.label == "LOC"), None)
                if mention is not None and mention.span != place.span:
                    found[mention.span.start] = DraftParticipant("place", mention.text, mention.span, "LOC")
    agents = {p.span for p in participants if p.role == "agent"}
    for more in _beside(place, trigger.head.doc, mentions, lexicon, parsed):
        if more.span not in agents:  # (not who takes it: "fiel Port Arthur an Japan")
            found.setdefault(more.span.start, DraftParticipant("place", more.text, more.span, "LOC"))
    kind = event_type(trigger.type)
    # (for a movement, the place it crosses beside the one it reaches: "crossed the Niemen into Russia")
    if kind.patient_place and (kind.undergoer or any(p.span == place.span and p.role == "patient" for p in participants)):
        for p in participants:
            if p.role == "patient" and p.label == "LOC" and p.span != place.span:
                found[p.span.start] = DraftParticipant("place", p.name, p.span, "LOC")
    return tuple(found[k] for k in sorted(found))


def _beside(place: DraftParticipant, doc: Doc, mentions: Sequence[Mention], lexicon: Lexicon, parsed: bool) -> list[Mention]:
    """The places named right after ``place``, set beside it by a comma or a coordinator: the region it lies in
    ("Galveston, Texas", "In Mobile, Alabama kam es …") or more places ("in Port Harcourt, Enugu, Benin City
    …", "im Mutterland und in Algerien"); a place after a preposition of place is one too ("rue Paul-Bert à
    Belfort"). Not a place that opens a clause of its own ("In Egypt, Germany attacked …")."""
    order = lexicon.word_order
    joints = {",", *(order.coordinators if order is not None else ())}
    articles = order.articles if order is not None else frozenset()
    starts = {m.span.start: m for m in mentions}
    found: list[Mention] = []
    current: Mention | DraftParticipant = place
    while True:
        name = doc.char_span(current.span.start, current.span.end, alignment_mode="expand")
        if name is None:
            break
        i = name.end
        joined = i < len(doc) and doc[i].lower_ in joints
        i += joined
        if i < len(doc) and doc[i].lower_ in lexicon.place_prepositions:
            i += 1
            joined = True
        i += i < len(doc) and doc[i].lower_ in articles
        nxt = starts.get(doc[i].idx) if joined and i < len(doc) else None
        if nxt is None or nxt.label != "LOC" or (parsed and doc[i].dep_.startswith("nsubj")):
            break
        found.append(nxt)
        current = nxt
    return found


def _where(trigger: Trigger, mentions: Sequence[Mention]) -> Mention | None:
    """The place a relative clause of place hangs from, for the event its verb (or its verb's object) tells:
    "… to Jiangxi, where they founded a Soviet republic", « à Prinkipo, où il écrivit … »."""
    head = trigger.head
    clause = head.head if trigger.nominal and head.dep_ in OBJECTS else head
    where = next((c for c in clause.children if c.i < clause.i and c.lower_ in claim_words().place_relatives), None)
    if where is None:
        return None
    # (a relative clause, or one the parser made another kind that opens on the relative word after a comma:
    # « s'est rendu jeudi à Bruxelles, où il a rencontré … » as a ccomp; not "asked where they went")
    if clause.dep_ not in RELATIVE_CLAUSES and not (where.i > 0 and head.doc[where.i - 1].text == ","):
        return None
    # the name right before the relative word (the parser may hang the clause from the verb instead: « se rendirent
    # à Yalta, où ils tinrent une conférence »)
    before = head.doc[max(0, where.i - 3) : where.i]
    named = [m for m in mentions if m.label == "LOC" and any(m.span.start <= t.idx < m.span.end for t in before)]
    return max(named, key=lambda m: m.span.start) if named else None


def _named_actor(span: Span, mentions: Sequence[Mention]) -> bool:
    """Whether a mention the models labelled a person or a body covers ``span``."""
    return any(m.label in _ACTORS and m.span.start <= span.start < m.span.end for m in mentions)


def _place_after_of(trigger: Trigger, mentions: Sequence[Mention], lexicon: Lexicon) -> Mention | None:
    """Without a parse, the place named right after an event noun's "of" ("Konferenz von München"); after a
    noun whose of-phrase is a place ("Schlacht von Hampton Roads", "Seeschlacht von …"), whatever the model
    called the name."""
    head = trigger.head
    if next_word(head) not in lexicon.of_words:
        return None
    noun = head.lower_
    where = noun in lexicon.place_event_nouns or (
        lexicon.compound_heads and any(noun.endswith(word) for word in lexicon.place_event_nouns)
    )
    labels = ("LOC", "PER", "MISC") if where else ("LOC",)
    # within the noun's phrase: its "of", articles, prepositions of place and capitalised words ("Landung der
    # Alliierten in Sizilien"; not "Abkommen von Évian erkannte Frankreich", "Angriffen der deutschen Luftwaffe"),
    # up to another event noun, whose phrase it is then ("Unterzeichnung des Vertrags von Frankfurt")
    doc = head.doc
    order = lexicon.word_order
    joints = (
        lexicon.of_words
        | lexicon.place_prepositions
        | name_words().locatives
        | (order.articles if order is not None else frozenset())
    )
    starts: set[int] = set()
    for token in doc[head.i + 1 : min(len(doc), head.i + _PHRASE_WORDS)]:
        if token.is_sent_start or not (token.lower_ in joints or token.text[:1].isupper()):
            break
        if token.lower_ not in joints and noun_type(token.lower_, lexicon) is not None:
            break
        starts.add(token.idx)
    return next((m for m in mentions if m.label in labels and m.span.start in starts), None)


def _body_name(name: str) -> bool:
    """Whether a name holds a noun of a body ("the Red Army", "Central Committee"): the model's organisation, not
    a place it took for one ("the siege of Khe Sanh")."""
    bodies = claim_words().body_nouns
    return any(word.lower() in bodies for word in name.split())


def _of_phrase(head: Token, span: Span) -> bool:
    """Whether ``span`` holds the object of the "of" (de, von) that hangs from an event noun."""
    return any(span.start <= o.idx < span.end for o in of_objects(head))


def _compound_place(head: Token, mentions: Sequence[Mention]) -> Mention | None:
    """The place named inside an event's noun phrase: "the Moscow trials", "the Kronstadt rebellion"."""
    for child in head.lefts:
        if child.dep_ == "compound":
            place = next((m for m in mentions if m.label == "LOC" and m.span.start <= child.idx < m.span.end), None)
            if place is not None and not hyphen_joined(head.doc, place.span):  # (not "the Greco-Persian wars")
                return place
    return None
