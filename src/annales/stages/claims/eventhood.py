"""Whether words tell an event: an event noun told as one, not as a topic, nor as what another event was, nor as
the war a thing belongs to; a body or a thing where a person would have to act; a verb that names or takes a
thing for its person; a year that names a thing; an event told again to date another.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from annales.records import Mention, TimeMention, TimeValue
from annales.stages.claims.clauses import genitive_attribute, own_clause
from annales.stages.claims.drafts import DraftClaim, DraftParticipant
from annales.stages.claims.syntax import OBJECTS, SUBJECTS, after_adposition, dependents, governor, introduced, sent_start
from annales.stages.claims.titles import person_within
from annales.stages.claims.triggers import Trigger, listed_noun, noun_type
from annales.vocabulary.claim_words import claim_words, listed
from annales.vocabulary.events import Lexicon, event_type
from annales.vocabulary.names import compatible, name_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = [
    "acting_body",
    "bare_definite",
    "caused_effect",
    "common_object",
    "is_body",
    "is_person",
    "is_people",
    "named_again",
    "naming",
    "nominal_event",
    "reference_point",
    "restates",
    "restated_in_order",
    "retold",
    "war_frame",
    "year_names_thing",
]

#: The letters an event noun and its verb share at least ("erober-ung", "erober-n"; "invas-ion", "inva-de").
_STEM = 4
#: How near an event noun a participant stands to be named in or beside its own phrase (characters).
_BESIDE = 30


def is_people(sdoc: Doc, participant: DraftParticipant) -> bool:
    """Whether an unnamed participant names people ("the troops", "sixteen of Trotsky's allies") or a thing
    with a name the models missed ("le traité de Brest-Litovsk", "le Code civil"), not a thing the event
    concerns ("called off the bombing campaign"): its head is one of the language's people nouns, or its phrase
    holds a capitalised word inside the sentence."""
    root = _head_word(sdoc, participant)
    if root is None or root.pos_ in ("PRON", "PROPN"):
        return True
    return any(t.text[:1].isupper() and not t.is_sent_start for t in root.subtree) or claim_words().names_people(root)


def is_person(sdoc: Doc, participant: DraftParticipant) -> bool:
    """Whether an unnamed participant can be a person who marries or is born: a pronoun or a name the models
    missed, or a noun of people ("the widow", "his daughter"); not a thing ("thunderbolts hurled at the party",
    whose phrase holds a name)."""
    root = _head_word(sdoc, participant)
    if root is None or root.pos_ in ("PRON", "PROPN"):
        return True
    return root.text[:1].isupper() or claim_words().names_people(root)


def is_body(sdoc: Doc, participant: DraftParticipant) -> bool:
    """Whether an unnamed participant names a body, not a person ("the party", "l'armée": ``body_nouns``)."""
    if participant.label is not None:
        return False
    root = _head_word(sdoc, participant)
    return root is not None and listed(root, claim_words().body_nouns)


def names_event(sdoc: Doc, participant: DraftParticipant, lexicon: Lexicon) -> bool:
    """Whether a participant is itself an event, named by an event noun of the lexicon ("the Northern Virginia
    Campaign … ended in another victory", « l'offensive », "der Aufstand"): no one who acts. A meeting's noun is
    also a body ("the Congress ratified"), so it is not one of them."""
    root = _head_word(sdoc, participant)
    if root is not None and root.lemma_:
        kind = lexicon.noun(root.lemma_.lower(), root.lower_)
    else:
        words = participant.name.lower().split()
        kind = noun_type(words[-1], lexicon) if words else None
    return kind is not None and kind != "meeting"


def names_place(sdoc: Doc, participant: DraftParticipant) -> bool:
    """Whether an unnamed participant is a kind of place ("the country", "the river": ``place_nouns``)."""
    root = _head_word(sdoc, participant)
    return participant.label is None and root is not None and listed(root, name_words().place_nouns)


def _head_word(sdoc: Doc, participant: DraftParticipant) -> Token | None:
    """The head word of a participant's phrase in the parse, None where its span falls across tokens."""
    span = sdoc.char_span(participant.span.start, participant.span.end, alignment_mode="expand")
    return span.root if span is not None else None


def year_names_thing(sdoc: Doc, time: TimeMention, lexicon: Lexicon) -> bool:
    """Whether a bare year is a number modifying a common noun that is no event ("le budget 2003", "the 2003
    budget"; not "the 1905 revolution", nor a year after a preposition): it names the thing, it dates no event and no
    narrative."""
    span = sdoc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if span is None or len(span) != 1 or not span[0].like_num or time.time.granularity != "year":
        return False
    token, noun = span[0], span[0].head
    if after_adposition(token):
        return False  # "In 1950 North Korean troops crossed …": a preposition's year, which the parse hung from the noun
    event = lexicon.noun((noun.lemma_ or noun.lower_).lower(), noun.lower_) is not None
    return token.dep_ == "nummod" and noun.pos_ == "NOUN" and not event


def acting_body(trigger: Trigger, mentions: Sequence[Mention]) -> bool:
    """Whether an event noun heads the name of a body, or is a noun of a body that meets (``body_nouns``: "the
    assembly", « l'Assemblée »), that is the subject of a verb with an object ("the Tenth Party Congress banned
    factions", "the assembly proclaimed a republic"): the body's act is told, not its meeting."""
    head = trigger.head
    verb = head.head
    return (
        trigger.nominal
        and head.dep_ in SUBJECTS
        and verb.i != head.i
        and any(c.dep_ in OBJECTS for c in verb.children)
        and (
            any(m.label == "ORG" and m.span.start <= head.idx < m.span.end for m in mentions)
            or listed(head, claim_words().body_nouns)
        )
    )


#: The dependencies of the name a participle gives ("named Ephialtes": an object predicate; « nommé Éphialtès »).
_NAME_COMPLEMENTS = {"oprd", "xcomp", "obj", "dobj", "attr"}


def naming(head: Token, lexicon: Lexicon) -> bool:
    """Whether a verb names a thing after someone ("named for", "named after": the language's ``naming``), or
    its participle says what someone is called ("a local resident named Ephialtes", « un habitant nommé
    Éphialtès »): a name given, no appointment."""
    lemma = (head.lemma_ or head.lower_).lower()
    if lemma not in lexicon.naming:
        return False
    if head.i + 1 < len(head.doc) and head.doc[head.i + 1].lower_ in lexicon.naming[lemma]:
        return True
    return head.dep_ == "acl" and any(
        c.dep_ in _NAME_COMPLEMENTS and c.i > head.i and c.text[:1].isupper() for c in head.children
    )


#: How many words after a verb of naming its label may come ("nomma Trotsky, par contumace, conspirateur").
_LABEL_REACH = 8


def names_label(head: Token, lexicon: Lexicon) -> bool:
    """Whether a verb that names someone to an office names them something no office is, in the words after it
    up to the next verb ("nomma Trotsky, par contumace, conspirateur majeur et ennemi du peuple", "named him an
    enemy of the state": the language's ``label_nouns``). Read from the words, not the parse, which hangs such
    a label anywhere."""
    doc = head.doc
    for token in doc[head.i + 1 : min(len(doc), head.i + _LABEL_REACH)]:
        if token.is_sent_start or token.pos_ in ("VERB", "AUX"):
            return False
        if listed(token, lexicon.label_nouns):
            return True
    return False


def common_object(trigger: Trigger, mentions: Sequence[Mention], lexicon: Lexicon) -> bool:
    """Whether a verb of a type that takes only named objects (``object: named``) has a common-noun object, or
    one that takes only persons (``object: person``) a common noun that names none ("épousa la cause") or a place
    ("sacked Rome"); for a type
    held with someone (``partner``) and no object, one after "with" that names no one ("met with resistance")."""
    kind = event_type(trigger.type).object
    if kind is None:
        return False
    people = kind == "person"
    # (not a word of the trigger's own phrase: "stood trial")
    objects = [o for o in dependents(trigger.head, OBJECTS) if o not in trigger.tokens]
    if not objects and event_type(trigger.type).partner:
        # "met with fierce resistance": who it is held with is no one
        objects = [o for c in trigger.head.children if (o := introduced(c, lexicon.with_words)) is not None]
        people = True
    return any(
        (
            o.pos_ == "NOUN"
            and not o.text[:1].isupper()  # (a name tagged as a noun: « a épousé Julie »)
            and not any(m.span.start <= o.idx < m.span.end for m in mentions)
            and not (people and claim_words().names_people(o))
        )
        # (nor a place: "the imperial troops sacked Rome", "relieved Tobruk")
        or (people and any(m.label == "LOC" and m.span.start <= o.idx < m.span.end for m in mentions))
        for o in objects
    )


def caused_effect(trigger: Trigger, lexicon: Lexicon) -> bool:
    """Whether a verb's object is an effect it caused, not a thing it founded ("a créé la polémique", "created a
    sensation": the language's ``effects``)."""
    return any(listed(o, lexicon.effects) for o in dependents(trigger.head, OBJECTS))


def nominal_event(
    trigger: Trigger,
    participants: Sequence[DraftParticipant],
    place: DraftParticipant | None,
    mentions: Sequence[Mention],
    explicit: Sequence[TimeMention],
    time_mention: TimeMention | None,
    lexicon: Lexicon,
    phrase: tuple[int, int],
) -> bool:
    """Whether an event noun is an event the text tells, not a topic ("the war", "the revolution").

    It is when its own phrase names someone or somewhere ("Lenin's death", "his arrest", "the Moscow
    trials"), when it is itself a name ("the Treaty of Tilsit", "the Sixth Congress"), when it is the object
    of a light verb whose subject is named ("il a subi son premier accident vasculaire cérébral"), when its
    phrase carries a date ("le coup d'État du 18 brumaire"), or when its clause is dated and someone
    takes part ("on 5 October 1795, when he turned his cannon on a royalist uprising").
    """
    head = trigger.head
    name = next((m for m in mentions if m.span.start <= head.idx < m.span.end), None)
    if name is not None and name.label in ("PER", "LOC") and head.pos_ == "PROPN":
        return False  # a person's or a place's name ("Permanent Revolution" tagged as a place)
    if listed(head, lexicon.dated_nouns):
        return bool(explicit)  # "in a letter of 8 October 1923", not "in response to Madero's letter"
    if explicit or place is not None or name is not None:
        return True
    own = [phrase]
    if head.dep_ in OBJECTS and (head.head.lemma_ or "").lower() in lexicon.light_verbs:
        own += [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in head.head.children if c.dep_ in SUBJECTS]
    # (or a phrase with a name in it: "the resignation of the government of Wim Kok")
    named = [p for p in participants if p.label is not None or person_within(p.span, mentions)]
    if any(any(a <= (p.at if p.at is not None else p.span.start) < b for a, b in own) for p in named):
        return True
    # The clause's own argument ("turned his cannon on a royalist uprising"), not a noun nested in another
    # ("conscious of the brittleness of a revolution").
    over = governor(head)
    # (a root tagged as a noun is a verb the tagger missed: "il livre à Leipzig une bataille")
    argument = over == head or over.dep_ == "ROOT" or over.pos_ not in ("NOUN", "PROPN", "ADJ")
    # (the subject of its clause needs no one else: « un incendie a détruit samedi un entrepôt »)
    told = bool(participants) or head.dep_ in SUBJECTS
    return argument and told and time_mention is not None and time_mention.time.basis in ("explicit", "relative")


def restates(head: Token, lexicon: Lexicon) -> bool:
    """Whether an event noun is the predicate of "to be" whose subject is an event too: it says what that event was,
    no second one ("The Battle of Mukden was the last major land battle of the war", « La bataille de Moukden fut
    la dernière grande bataille de la guerre »: one battle)."""
    copula: Token | None = None
    if head.dep_ == "attr" and (head.head.lemma_ or "").lower() == "be":  # (English: the noun hangs from "be")
        copula = head.head
    else:  # (Universal Dependencies: the noun is the clause's head, with the copula below it)
        copula = next((c for c in head.children if c.dep_ == "cop"), None)
    if copula is None:
        return False
    subjects = dependents(copula if head.dep_ == "attr" else head, SUBJECTS)
    if not subjects:
        # (a parse that cut the subject off, "The Battle of Mukden, fought in March 1905, was …": the sentence's
        # first noun before the copula)
        first = next((t for t in head.sent if t.i < copula.i and t.pos_ in ("NOUN", "PROPN")), None)
        subjects = [first] if first is not None and first is not head else []
    return any(noun_type((s.lemma_ or s.lower_).lower(), lexicon) is not None for s in subjects)


def restated_in_order(head: Token, sent: SpacySpan, lexicon: Lexicon) -> bool:
    """Without a parse, whether an event noun is the predicate of "to be" after a subject that is an event noun ("Die
    Schlacht bei Mukden war die letzte größere Feldschlacht des Krieges": the one battle, described): the state
    auxiliary (``state_auxiliaries``) before the noun in its clause with only lower-case words between them, and
    the clause's first capitalised word before it, no article, an event noun."""
    order = lexicon.word_order
    own = own_clause(head, sent, order) if order is not None else None
    if order is None or own is None:
        return False
    doc = sent.doc
    copula = next((i for i in range(own[0], head.i) if doc[i].lower_ in order.state_auxiliaries), None)
    if copula is None or any(doc[i].text[:1].isupper() for i in range(copula + 1, head.i)):
        return False
    subject = next(
        (doc[i] for i in range(own[0], copula) if doc[i].text[:1].isupper() and doc[i].lower_ not in order.articles), None
    )
    return subject is not None and noun_type(subject.lower_, lexicon) is not None


def retold(claim: DraftClaim, earlier: DraftClaim) -> bool:
    """Whether an earlier claim tells the same event: its type, and its word with no other names, or the verb
    of its noun with one of its names ("eroberten Port Arthur" … "nach der Eroberung von Port Arthur"; not
    "die Belagerung von Port Arthur", another event of the type, nor the battle of another place)."""
    if claim.type != earlier.type or _apart(claim.time, earlier.time):
        return False  # (nor one on other days: "nach dem Zwischenfall von Xi'an im Dezember 1936" … 1937)
    names = [p.name for p in (*claim.participants, claim.place) if p is not None]
    told = [p.name for p in (*earlier.participants, earlier.place) if p is not None]
    shared = any(compatible(a, b) for a in names for b in told)
    if claim.predicate == earlier.predicate:
        return shared or not names or not told  # ("nach der Schlacht von Liaoyang" after another battle: a new one)
    return shared and len(os.path.commonprefix([claim.predicate, earlier.predicate])) >= _STEM


def named_again(claim: DraftClaim, earlier: DraftClaim, lexicon: Lexicon) -> bool:
    """Whether a definite event noun names again an event an earlier claim told: its type, on days that meet, by
    the same noun or the head of its compound ("Die Schlacht bei Kulm …" … "Die Schlacht endete", "den
    Atlanta-Feldzug" … "während des Feldzuges"), where nothing of its own says more: no place, no one named in
    or right beside its phrase ("the offensive of Army Group Centre", "the Biafran air attacks"), no date of its
    own ("begann der Angriff am 10. Mai 1940"), and no war, which a text names again for what is done to it
    ("erklärten Deutschland den Krieg")."""
    if claim.type != earlier.type or claim.place is not None or _apart(claim.time, earlier.time):
        return False
    if claim.time is not None and claim.time.basis in ("explicit", "relative"):
        return False
    if listed_noun(claim.predicate, lexicon) in lexicon.war_nouns or any(
        claim.trigger.start - _BESIDE < (p.at if p.at is not None else p.span.start) < claim.trigger.end + _BESIDE
        for p in claim.participants
    ):
        return False
    head = earlier.predicate.rsplit("-", 1)[-1]
    return claim.predicate == earlier.predicate or len(os.path.commonprefix([claim.predicate, head])) >= max(_STEM, len(head) - 1)


def bare_definite(head: Token, mentions: Sequence[Mention], lexicon: Lexicon, parsed: bool) -> bool:
    """Whether an event noun has a definite article and no name in its own phrase ("the battle", « la bataille »,
    "die Schlacht", "während des Feldzuges"; not "the offensive of Army Group Centre", "the Biafran air attacks",
    "den Atlanta-Feldzug"); without a parse, an article of the word-order lexicon that is no indefinite or
    possessive one (``common_articles``), before the noun or its lower-case adjectives, and no name in the noun
    or right after its "of"."""
    if parsed:
        named = any(
            m.span.start < head.right_edge.idx + len(head.right_edge.text) and head.left_edge.idx < m.span.end for m in mentions
        )
        return not named and any(c.dep_ == "det" and "Def" in c.morph.get("Definite", []) for c in head.children)
    if "-" in head.text or (
        head.i + 2 < len(head.doc) and head.doc[head.i + 1].lower_ in lexicon.of_words and head.doc[head.i + 2].text[:1].isupper()
    ):
        return False
    order = lexicon.word_order
    if order is None:
        return False
    for token in reversed(head.doc[max(sent_start(head), head.i - 4) : head.i]):
        if token.lower_ in order.articles:
            return token.lower_ not in order.common_articles
        if not token.text[:1].islower():
            return False
    return False


def _apart(one: TimeValue | None, other: TimeValue | None) -> bool:
    """Whether two dates share no day (as far as both have days: :meth:`TimeValue.overlaps`)."""
    return one is not None and other is not None and not one.overlaps(other)


def reference_point(head: Token, lexicon: Lexicon, parsed: bool) -> bool:
    """Whether an event noun is the object of a preposition of time ("after Lenin's death", "depuis la mort
    de Lénine", "nach dem Tod"): the event serves to date another, and the narrative around is not its time.
    Without a parse, the preposition opens the noun's phrase, before its article, adjectives and numbers
    ("Nach 154-tägiger Belagerung")."""
    if not parsed:
        before = head.doc[max(0, head.i - 4) : head.i]
        for token in reversed(before):
            if token.lower_ in lexicon.reference_prepositions:
                return True
            if not (token.text[:1].islower() or token.like_num or token.text[:1].isdigit()):
                return False
        return False
    if any(c.dep_ == "case" and c.lower_ in lexicon.reference_prepositions for c in head.children):
        return True  # UD: the preposition hangs from the noun
    return head.dep_ == "pobj" and head.head.lower_ in lexicon.reference_prepositions  # English: the noun from it


def war_frame(trigger: Trigger, sent: SpacySpan, lexicon: Lexicon) -> bool:
    """Without a parse, whether an event noun names a war in the genitive after another noun ("die Entwicklung des
    chinesischen Bürgerkriegs", "die letzte Feldschlacht des Krieges"): the war what the sentence tells belongs
    to, no event of its own (``war_nouns``, inflected or the head of a compound: :func:`listed_noun`)."""
    order = lexicon.word_order
    if not trigger.nominal or order is None or listed_noun(trigger.head.lower_, lexicon) not in lexicon.war_nouns:
        return False
    return genitive_attribute(trigger.head, sent, order)
