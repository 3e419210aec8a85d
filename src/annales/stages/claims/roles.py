"""Who takes part in an event, and in which role.

The subject of a passive verb is its patient ("was expelled", "est expulsé", "wurde verbannt"); an
event noun's possessor or of-phrase takes the role its type says (``noun_role``); the subject of a
light verb takes part in the event noun that is its object ("suffered a stroke"). How the text asserts
it is :mod:`qualifiers`'.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.analyse import doc_text
from annales.stages.claims.becoming import became
from annales.stages.claims.clauses import shared_passive
from annales.stages.claims.coreference import Coreference
from annales.stages.claims.documents import document_noun, document_participant
from annales.stages.claims.drafts import DraftParticipant
from annales.stages.claims.noun_phrases import phrase_opening
from annales.stages.claims.owners import acts, owner
from annales.stages.claims.referents import after_date, participant
from annales.stages.claims.speakers import incise_speaker, inverted_subject
from annales.stages.claims.syntax import (
    INHERIT_DEPS,
    OBJECTS,
    PASSIVE_AUX,
    PASSIVE_SUBJECTS,
    RELATIVE_CLAUSES,
    SUBJECTS,
    after_preposition,
    antecedent,
    dependents,
    introduced,
    next_word,
    of_objects,
    participle,
    preposition,
    sent_end,
    sent_start,
)
from annales.stages.claims.titles import names_inside, office_holders
from annales.stages.claims.triggers import Trigger, listed_noun
from annales.stages.claims.word_order import genitive_name, light_verb_subject, noun_participants, word_order_participants
from annales.stages.gazetteer import gazetteer
from annales.vocabulary.claim_words import claim_words, listed
from annales.vocabulary.events import Lexicon, WordOrder, event_type
from annales.vocabulary.names import name_words

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "find_participants",
    "governing_trigger",
    "is_passive",
    "participle_modifier",
]

#: How many lower-case words may stand between a genitive name and the noun it owns ("Hoods erste beiden Angriffe").
_ADJECTIVES = 3


def caused(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a past participle tells what a causative verb before it had done (``causative_verbs``: "Napoleon
    had the duc d'Enghien executed", "Díaz had Madero jailed"): its subject undergoes it."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("ccomp", "xcomp")
        and verb.head.i < verb.i
        and (verb.head.lemma_ or "").lower() in lexicon.causative_verbs
    )


def _causers(verb: Token, clean: Callable[[list[Token]], list[Token]]) -> list[Token]:
    """Who has a causative's participle done: the causative's subject, or that of the verb it is joined to ("Díaz
    did not approve of Madero and had him jailed": Díaz)."""
    causative = verb.head
    while True:
        found = clean(dependents(causative, SUBJECTS))
        if found or causative.dep_ != "conj" or causative.head == causative:
            return found
        causative = causative.head


def is_passive(trigger: Trigger, triggers: list[Trigger], lexicon: Lexicon, parsed: bool) -> bool:
    """Whether the trigger's subject undergoes it ("was expelled", "est expulsé", "wurde verbannt")."""
    token = trigger.head
    lemma = (token.lemma_ or "").lower()
    if became(trigger, lexicon):
        return True  # "Hitler became chancellor", « devint chancelier »: the one appointed
    if trigger.nominal or event_type(trigger.type).undergoer or lemma in lexicon.be_perfect:
        return False  # (« les gendarmes sont intervenus »: a perfect with "être")
    if parsed and lemma in lexicon.undergo_verbs:
        return True  # « Trois rames de TGV ont essuyé des coups de feu »: the subject undergoes it
    if parsed and caused(token, lexicon):
        return True  # "had the duc d'Enghien executed": the duke was
    if (
        len(trigger.tokens) > 1
        and " ".join(t.lower_ for t in sorted(trigger.tokens, key=lambda t: t.i)) in lexicon.undergo_phrases
    ):
        return True  # "Díaz took office": the one appointed
    if parsed:
        deps = {c.dep_ for c in token.children}
        if deps & PASSIVE_AUX:
            return True
        if (
            token.dep_ == "advcl"
            and _bare_past_participle(token)
            and not any("Fin" in c.morph.get("VerbForm", []) for c in token.conjuncts)
        ):
            # "Exiled in Turkey since 1929, Trotsky …": the clause's subject was exiled (not a past tense taken for a
            # participle, as its finite conjunct shows: "marched on, captured, and burnt Sardis")
            return True
        if (
            token.dep_ == "conj"
            and _bare_past_participle(token)
            and token.head.pos_ in ("VERB", "AUX")
            and {c.dep_ for c in token.head.children} & (PASSIVE_AUX | PASSIVE_SUBJECTS)
        ):
            return True  # "Miletus was besieged, captured, and …": a bare participle joined to a passive shares its voice
        if any("Yes" in c.morph.get("Reflex", []) for c in token.children if c.dep_.startswith("expl")):
            return False  # "s'est précipitée", "se sont réunis": a reflexive verb is active whatever its auxiliary
        if deps & PASSIVE_SUBJECTS:
            # (a subject labelled passive whose verb has only a perfect's "avoir" is a misparse: "Il a
            # rapidement consolidé son pouvoir")
            auxiliaries = [c for c in token.children if c.dep_.startswith("aux")]
            if not auxiliaries or any(a.lower_ in lexicon.passive_auxiliaries for a in auxiliaries):
                return True
    # The parse can miss it (small models tag "expulsé" as an adverb): look for the auxiliary.
    i = token.i - 1
    first = sent_start(token)
    while i >= first and token.i - i <= 3 and token.doc[i].pos_ in ("ADV", "PART", "AUX"):
        if token.doc[i].lower_ in lexicon.passive_auxiliaries:
            return True
        i -= 1
    if i >= first and token.doc[i].lower_ in lexicon.passive_auxiliaries:
        return True
    # "ehe sie … von der USS Kearsarge versenkt wurde": a verb-final clause puts the auxiliary after it
    if (
        not parsed
        and lexicon.word_order is not None
        and token.i + 1 < sent_end(token)
        and token.doc[token.i + 1].lower_ in lexicon.passive_auxiliaries
    ):
        return True
    if not parsed and shared_passive(token, lexicon):
        return True  # "Eretria wurde erobert, niedergebrannt und seine Bevölkerung nach Medien verschleppt"
    # "est expulsé … et exilé": a coordinated participle shares the voice of the first one.
    if i >= first and token.doc[i].pos_ == "CCONJ":
        earlier = [t for t in triggers if t.head.i < token.i and not t.nominal]
        if earlier:
            return is_passive(earlier[-1], triggers, lexicon, parsed)
    return False


def governing_trigger(head: Token, triggers: list[Trigger]) -> Trigger | None:
    """The trigger of the clause this one is coordinated with or subordinate to ("… and exiled")."""
    node = head
    while node.dep_ in INHERIT_DEPS and node.head != node:
        node = node.head
        for trigger in triggers:
            if trigger.head == node:
                return trigger
    return None


def find_participants(
    trigger: Trigger,
    mentions: Sequence[Mention],
    persons: Coreference,
    passive: bool,
    parsed: bool,
    time_spans: Sequence[Span],
    lexicon: Lexicon,
) -> list[DraftParticipant]:
    """The trigger's participants: from the parse when there is one, else from word order; a date (of
    ``time_spans``, the sentence's times) is never one, nor the event's own name."""
    head = trigger.head
    found: list[DraftParticipant] = []
    helpers: set[int | None] = set()  # (where those who help are named: they need a subject to help)

    def in_time(token: Token) -> bool:
        return any(s.start <= token.idx < s.end for s in time_spans)

    def clean(tokens: list[Token]) -> list[Token]:
        # A time phrase parsed as subject ("Le mois précédent, Lénine …"): its apposition is the subject. A
        # clause as subject ("Kevin Buckley writing in Newsweek estimated"): its own subject is.
        kept: list[Token] = []
        for token in tokens:
            if in_time(token):
                kept += [c for c in token.children if c.dep_ == "appos" and not in_time(c)]
            elif token.pos_ in ("VERB", "AUX") and not any(c.dep_ == "det" for c in token.children):
                # (with an article it is a noun the tagger took for a verb: « a condamné un automobiliste »)
                kept += [c for c in token.children if c.dep_ in SUBJECTS]
            else:
                kept.append(token)
        return kept

    subject_role = "patient" if passive else "agent"
    # What an event noun is aimed at comes after "against" (and for an attack "on"); a verb's, after "against".
    targets = lexicon.targets(trigger.type) if trigger.nominal else lexicon.against_words
    # "the besieged port of Tobruk", "the city captured by the Germans": a past participle modifying a noun
    # happened to that noun, and says nothing of who did it but through its by-phrase.
    modifier = parsed and not trigger.nominal and participle_modifier(head)
    if modifier:
        found.append(participant(head.head, "patient", mentions, persons))
    if parsed:
        subjects = [] if modifier else clean(dependents(head, SUBJECTS)) or inverted_subject(head)
        if not modifier and not passive and event_type(trigger.type).incise:
            # « Eltsine a annulé la rencontre, a affirmé l'ambassade »: the parser may make the subject of the
            # clause said (or a noun of it) the subject of the verb of saying; not "the mayor, who had resigned,
            # informed the prefect"
            speaker = incise_speaker(head)
            if speaker and not any(c.dep_ in RELATIVE_CLAUSES for s in subjects for c in s.children):
                subjects = speaker
        node = head
        # Inherit the subject of the verb this one is coordinated with or hangs from ("intervened …, by invading
        # Greece"); the object of a verb of causing does what it is made to ("forcing the Allies to evacuate");
        # a participle modifying a noun (acl) says nothing about its subject.
        while not subjects and not modifier and node.head != node:
            if node.dep_ == "xcomp":
                controller = clean(dependents(node.head, OBJECTS))
                if controller:
                    subjects = controller
                    break
            if node.dep_ in INHERIT_DEPS - {"acl"}:
                node = node.head
            elif node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head != node.head:
                node = node.head.head
            else:
                break
            subjects = clean(dependents(node, SUBJECTS))
        # "Stalin had him arrested": Stalin makes it happen, and "him" is someone else
        causers = _causers(head, clean) if not trigger.nominal and caused(head, lexicon) else []
        causing = [p for token in causers for p in _stands_for(token, "agent", mentions, persons)]
        for token in subjects:
            found += _stands_for(token, subject_role, mentions, persons, [p.name for p in causing if p.name], trigger.type)
        found += causing
        if not trigger.nominal and not passive:
            # "Commonwealth forces, with the assistance of the Free French, invaded Syria": the helpers act too
            for helper in (h for holder in (head, *subjects) for h in _helpers(holder, lexicon)):
                found.append(participant(helper, "agent", mentions, persons))
                helpers.add(helper.idx)
        if not trigger.nominal:
            objects = dependents(head, OBJECTS) or [c for c in head.children if c.dep_ == "xcomp" and c.pos_ in ("PROPN", "NOUN")]
            objects = [o for o in objects if o not in subjects]  # (the speaker of an incise, parsed as an object)
            # "attempted to dislodge Axis forces": a catenative's objects are its complement's
            complements = [t for t in trigger.tokens if t.dep_ == "xcomp" and t.head == head]
            if not objects:
                objects = [o for c in complements for o in dependents(c, OBJECTS)]
            if not objects:
                # "held off the Biafrans": the particle of a phrasal trigger, parsed as a preposition, brings its object
                particles = [t for t in trigger.tokens if t.head == head and t.pos_ == "ADP"]
                objects = [o for t in particles for o in t.children if o.dep_ == "pobj"]
            kind = event_type(trigger.type)
            if not objects and kind.patient_place:
                objects = _shared_objects(head)
                if kind.undergoer:
                    # "entered and occupied Mexico City": a movement shares only a place, where it went
                    objects = [o for o in objects if _names_place_at(o, mentions)]
            if kind.office:
                objects = office_holders(head, objects, mentions)
            subjects_named = [p.name for p in found if p.role == subject_role and p.name]
            for token in clean(objects):
                token = token if kind.telling or kind.office else owner(token, mentions, lexicon)
                found += _stands_for(token, "patient", mentions, persons, subjects_named, trigger.type)
            for target in _by_phrase(head):
                found += _stands_for(target, "agent", mentions, persons)
            if passive and not any(p.role == "agent" for p in found):
                # "murdered and starved by the blockading forces", "were arrested by the NKVD and shot": the
                # by-phrase of a passive joined to this one, with no subject of its own, is this one's too
                for other in head.conjuncts:
                    if not any(c.dep_ in SUBJECTS for c in other.children):
                        for target in _by_phrase(other):
                            found += _stands_for(target, "agent", mentions, persons)
            if passive and not any(p.role == "agent" for p in found):
                by = _misattached_agent(head, mentions, lexicon)
                if by is not None:
                    found.append(participant(by, "agent", mentions, persons))
        else:
            verb = (head.head.lemma_ or "").lower()
            light = verb in lexicon.light_verbs
            if head.dep_ in OBJECTS and light:
                # "suffered his first stroke", "a subi une attaque", "mena des purges": the verb's subject (who
                # undergoes an attack it suffers)
                role = "patient" if verb in lexicon.undergo_verbs and not event_type(trigger.type).undergoer else "agent"
                for token in clean(dependents(head.head, SUBJECTS)):
                    found.append(participant(token, role, mentions, persons))
            if head.dep_ in PASSIVE_SUBJECTS and light:
                # "the announcement was made by Churchill", « l'annonce en a été faite par Jacques Chirac et
                # Lionel Jospin »: the light verb's by-phrase, with the names joined to it
                for token in _by_phrase(head.head):
                    for doer in (token, *token.conjuncts):
                        found.append(participant(doer, "agent", mentions, persons))
            kind = event_type(trigger.type)
            # "the Russian defeat", "Napoleon's fall": who undergoes it; "the invasion of Poland": what it is aimed at
            noun = (head.lemma_ or head.lower_).lower()
            role = "patient" if listed(head, lexicon.undergoer_nouns) else kind.noun_role
            # (a document's own of-phrase is its name, "the treaty of Versailles"; the signing's is the document; an
            # attack's is what it is aimed at, unless a target follows: "the attack of the Wehrmacht on Poland")
            # (the parse may hang the target from the of-phrase's noun: "the attack of [the Wehrmacht on Poland]")
            # (not a date: "the capture of the officers on April 6")
            aims: list[Token | None] = [introduced(child, targets) for child in head.children]
            aims += [aimed for child in of_objects(head) for aimed in _aimed(child, targets)]
            aimed_elsewhere = any(aimed is not None and not in_time(aimed) for aimed in aims)
            of_role = role if document_noun(head) or aimed_elsewhere else kind.of_role or role
            of_role = "agent" if listed(head, lexicon.winner_nouns) else of_role  # "the victory of Japan"
            acted = listed(head, lexicon.doer_nouns) and not aimed_elsewhere

            def of_role_of(token: Token) -> str:
                # "the offensive of the Red Army": people do it; "the invasion of Poland": a place undergoes it
                return "agent" if acted and acts(token, mentions) else of_role

            of = claim_words().of_prepositions
            for child in head.children:
                if introduced(child, targets) is not None:
                    continue  # the target, below
                carrier = introduced(child, lexicon.agent_prepositions)
                if carrier is not None:
                    # "offensives by the Kuomintang troops", « la prise de Nankin par les troupes »: who carries it out
                    found.append(participant(carrier, "agent", mentions, persons))
                    continue
                named = child.pos_ in ("PROPN", "PRON", "DET") or any(m.span.start <= child.idx < m.span.end for m in mentions)
                # (or a noun whose own phrase names someone: « la démission du gouvernement de Wim Kok »)
                named = named or (child.pos_ == "NOUN" and names_inside(child, mentions))
                # (or, beside a target, people: « l'offensive des Français contre la Sarre », "of the German troops")
                named = named or (
                    aimed_elsewhere
                    and (claim_words().names_people(child) or (child.text[:1].isupper() and not child.is_sent_start))
                )
                # (or the document signed: « la signature du traité de Versailles », "the signing of the pact")
                document = document_participant(child, of_role, mentions, trigger.type)
                named = named or document is not None
                if child.dep_ in ("poss", "nmod", "nmod:poss") and named:
                    # (Universal Dependencies: an nmod with "de" is the of-phrase)
                    cases = [c.lower_ for c in child.children if c.dep_ == "case"]
                    if child.dep_ == "nmod" and child.i > head.i and not cases and _names_place_at(child, mentions):
                        continue  # « à leur arrivée devant le 10, rue Paul-Bert »: an address set beside, nobody's act
                    if cases and not of.intersection(cases):  # "la défaite … en Russie": a place, read as before
                        found.append(participant(child, kind.noun_role, mentions, persons))
                    else:
                        found.append(document or participant(child, of_role_of(child) if cases else role, mentions, persons))
                elif child.dep_ == "compound" and any(
                    m.span.start <= child.idx < m.span.end and m.label != "LOC" for m in mentions
                ):
                    found.append(participant(child, role, mentions, persons))  # "the Bolshevik coup"
                elif (
                    child.dep_ == "amod"
                    and kind.patient_place
                    and noun not in lexicon.scene_nouns
                    and any(m.span.start <= child.idx < m.span.end and m.label in ("MISC", "ORG") for m in mentions)
                ):
                    # "the German invasion", "the Russian defeat"; not "the Russian revolution", "the Spanish civil war"
                    found.append(participant(child, role, mentions, persons))
                elif child.dep_ == "prep" and child.lower_ in of:
                    for grand in child.children:
                        if grand.dep_ == "pobj":  # and the names coordinated with it: "the bombing of Cambodia and Laos"
                            for target in (grand, *grand.conjuncts):
                                document = document_participant(target, of_role, mentions, trigger.type)
                                found.append(document or participant(target, of_role_of(target), mentions, persons))
        # "the offensive against the Commonwealth forces", "the attack on Pearl Harbor", "rebelled against the
        # Bolsheviks", "l'offensive contre les Allemands": the target is the patient
        for child in [c for t in trigger.tokens for c in t.children]:
            aimed = introduced(child, targets)
            if aimed is not None:
                found.append(participant(aimed, "patient", mentions, persons))
        if trigger.nominal:
            for aimed in (a for child in of_objects(head) for a in _aimed(child, targets)):
                found.append(participant(aimed, "patient", mentions, persons))
        if event_type(trigger.type).partner:
            # "met with President Madero", "a treaty with Japan", « s'entretint avec Madero »: who it is held with
            for partner in _partners(trigger, mentions, lexicon):
                found.append(participant(partner, "patient", mentions, persons))
    if not parsed:
        sent = head.doc[sent_start(head) : sent_end(head)]

        def named_by(token: Token, role: str) -> DraftParticipant:
            return participant(token, role, mentions, persons)

        if lexicon.word_order is not None and not trigger.nominal:
            found += word_order_participants(
                head,
                sent,
                mentions,
                time_spans,
                lexicon,
                passive,
                named_by,
                persons.within,
                partner=event_type(trigger.type).partner,
                human=event_type(trigger.type).human or event_type(trigger.type).office,
            )
        else:
            found += _unparsed_participants(trigger, mentions, lexicon, subject_role)
            if trigger.nominal and lexicon.word_order is not None and not any(p.role == "agent" for p in found):
                found += light_verb_subject(head, sent, mentions, time_spans, lexicon, named_by, persons.within)
    if not modifier and not (
        found
        if trigger.nominal
        else any((p.role == subject_role or p.role == "agent") and p.name and p.at not in helpers for p in found)
    ):
        # No parse, or the parse missed the subject: nearest person (else group) before the trigger, not
        # one after a preposition of place ("Napoleon in Reims gekrönt").
        before = [m for m in mentions if m.span.end <= head.idx and m.label in ("PER", "ORG")]
        if not parsed:
            before = [m for m in before if not after_preposition(head.doc, m.span, lexicon)] or before
        else:
            # (a name no preposition governs, a country too: "On June 22, 1941, Germany, along with other
            # European Axis members and Finland, invaded", where the parse hung Germany from the date)
            labels = ("PER", "ORG") if trigger.nominal else ("PER", "ORG", "LOC")
            free = [m for m in mentions if m.span.end <= head.idx and m.label in labels and _ungoverned(head, m, time_spans)]
            before = [m for m in free if m.label != "LOC"] or free or before
        people = [m for m in before if m.label == "PER"]
        if people or before:
            m = (people or before)[-1]
            found.append(DraftParticipant(subject_role, m.text, m.span, m.label))
        else:
            pronouns = claim_words().personal_pronouns
            if lexicon.word_order is not None:  # "Für seine Erfolge wurde …": a possessive is no subject
                pronouns = pronouns & lexicon.word_order.subject_pronouns
            pronoun = next((t for t in reversed(head.doc[sent_start(head) : head.i]) if t.lower_ in pronouns), None)
            if pronoun is not None:
                found.append(participant(pronoun, subject_role, mentions, persons))
    unique: dict[tuple[str, int], DraftParticipant] = {}
    for p in found:
        p = after_date(p, time_spans, head.doc) if parsed else p  # "On 3 May 1945 British troops entered": the troops
        if any(p.span.overlaps(t) for t in time_spans):
            continue  # "the law of 1 December 1934": a date is never a participant
        if trigger.nominal and p.span.start <= head.idx < p.span.end:
            continue  # "the Russian Revolution", "the Great War": the event's name, not a participant
        if any(p.span.start <= t.idx < p.span.end for t in trigger.tokens[1:]):
            continue  # "kam … ums Leben": the event's own words
        unique.setdefault((p.name, p.span.start), p)
    kept = list(unique.values())
    return [p for p in kept if any(c.isalnum() for c in p.name) and not _titles(p, kept, doc_text(head.doc))]


def _titles(common: DraftParticipant, found: Sequence[DraftParticipant], text: str) -> bool:
    """Whether an unnamed participant is only the title or the kind of a name right after it in the same role,
    which the parse made a participant apart ("the Spartan king Demaratus was stripped"): one person, named."""
    return common.label is None and any(
        p.label is not None
        and p.role == common.role
        and p.span.start > common.span.end
        and not text[common.span.end : p.span.start].strip()
        for p in found
    )


def _aimed(token: Token, targets: frozenset[str]) -> list[Token]:
    """What a phrase hanging from ``token`` aims at, through one of the ``targets`` prepositions ("on Poland")."""
    return [aimed for child in token.children if (aimed := introduced(child, targets)) is not None]


def _before_adjectives(noun: Token, order: WordOrder) -> Token | None:
    """The word before a noun and the adjectives and numbers that open its phrase, within its sentence: where a
    name in the genitive stands ("Hoods erste beiden Angriffe": "Hoods"; not over "zum" in "Unterwegs kam es zum
    Doggerbank-Zwischenfall")."""
    k = phrase_opening(noun.doc, noun.i, noun.sent.start + 1, order, most=_ADJECTIVES) - 1
    return noun.doc[k] if k >= noun.sent.start else None


def _names_place_at(token: Token, mentions: Sequence[Mention]) -> bool:
    """Whether ``token`` lies in a mention of a place."""
    return any(m.label == "LOC" and m.span.start <= token.idx < m.span.end for m in mentions)


def _shared_objects(verb: Token) -> list[Token]:
    """The object a verb shares with the verb coordinated after it ("seized and occupied the port of Veracruz",
    « prirent et occupèrent le port »): that verb's, when it has no subject of its own and nothing stands
    between the two but the coordinator."""
    for other in verb.children:
        if other.dep_ != "conj" or other.pos_ != "VERB" or any(c.dep_ in SUBJECTS for c in other.children):
            continue
        if any(verb.i < c.i < other.i and c.dep_ not in ("cc", "punct") for c in verb.children):
            continue  # "fought at Verdun and took the fort": the first has its own complement
        return dependents(other, OBJECTS)
    return []


def _stands_for(
    token: Token,
    role: str,
    mentions: Sequence[Mention],
    persons: Coreference,
    avoid: Sequence[str] = (),
    kind: str | None = None,
) -> list[DraftParticipant]:
    """The participants a subject, object or by-phrase names: the document of an event of type ``kind`` ("signed
    the Treaty of Versailles", "the Treaty of … was signed": :mod:`~annales.stages.claims.documents`), the pair a
    noun of people counted as two stands for ("the two powers", see :meth:`Coreference.pair`), the names set in
    apposition to a common noun ("his lawyer, Sophie Martin, said", "trois adolescentes, Julie, Marie et Anne",
    or the relative pronoun after them), else the token's participant."""
    document = document_participant(token, role, mentions, kind) if kind is not None else None
    if document is not None:
        return [document]
    # (a relative pronoun stands for its noun's names too: "trois adolescentes, Julie et Anne, qui l'ont vu")
    noun = antecedent(token) if token.dep_ else None
    named = _apposed_names(token if noun is None else noun, mentions) or list(persons.pair(token))
    if named:
        return [DraftParticipant(role, m.text, m.span, m.label, token.idx) for m in named]
    return [participant(token, role, mentions, persons, avoid)]


def _apposed_names(token: Token, mentions: Sequence[Mention]) -> list[Mention]:
    """The persons or bodies named in apposition to a common noun that no mention covers, with the names
    coordinated with them ("trois adolescentes, Julie, Marie et Anne"), or the name of a ship after a noun of a
    kind of ship ("the flagship Bismarck": ``vessel_nouns`` in ``names.yaml``)."""
    if token.pos_ != "NOUN" or any(m.span.start <= token.idx < m.span.end for m in mentions):
        return []
    if token.lower_ in name_words().vessel_nouns and token.i + 1 < len(token.doc):
        after = token.doc[token.i + 1].idx  # "the German flagship Bismarck": the ship is its name
        return [m for m in mentions if m.span.start == after][:1]
    found: dict[int, Mention] = {}
    # (a list of names after a plural noun and its comma is its apposition where the parser made them its
    # conjuncts or a modifier without a preposition: "trois adolescentes, Julie, Marie et Anne")
    listing = "Plur" in token.morph.get("Number", []) and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == ","
    for child in token.children:
        listed_after = listing and child.i == token.i + 2 and child.dep_ in ("conj", "nmod")
        if child.dep_ != "appos" and not (listed_after and not any(c.dep_ == "case" for c in child.children)):
            continue
        listed_names = [
            mention
            for name in (child, *child.conjuncts)
            if (mention := next((m for m in mentions if m.span.start <= name.idx < m.span.end), None)) is not None
        ]
        # (a name the model took for a place among persons is one of them: "Jessica, Jennifer and Nadia")
        among_persons = any(m.label == "PER" for m in listed_names)
        for mention in listed_names:
            if mention.label in ("PER", "ORG") or among_persons:
                found.setdefault(mention.span.start, mention)
    return [found[k] for k in sorted(found)]


def _helpers(holder: Token, lexicon: Lexicon) -> list[Token]:
    """Who helps, in a "with the help of" phrase hanging from ``holder`` ("with the assistance of the Free French",
    "avec l'aide des Alliés"), with the names coordinated with them."""
    found: list[Token] = []
    of = claim_words().of_prepositions
    for child in holder.children:
        if child.lower_ in lexicon.company_words:
            # "Germany, along with other European Axis members and Finland, invaded"
            company = next((n for g in child.children if (n := introduced(g, lexicon.with_words)) is not None), None)
            found += [company, *company.conjuncts] if company is not None else []
            continue
        aid = introduced(child, lexicon.with_words)
        if aid is None or not listed(aid, lexicon.aid_nouns):
            continue
        for grand in aid.children:
            helper = introduced(grand, of)
            if helper is not None:
                found += [helper, *helper.conjuncts]
    return found


def _partners(trigger: Trigger, mentions: Sequence[Mention], lexicon: Lexicon) -> list[Token]:
    """The names a "with" phrase hanging from the trigger brings in, with those coordinated with them: who a
    meeting, a treaty or a marriage is held with; not a help ("with the help of"), nor no one ("met with
    resistance"). For a verb, also one hanging from its object when that names an event of its type ("signa un
    pacte avec le Japon")."""
    found: list[Token] = []
    holders = list(trigger.tokens)
    if not trigger.nominal:
        holders += [
            o for o in dependents(trigger.head, OBJECTS) if lexicon.noun((o.lemma_ or o.lower_).lower(), o.lower_) == trigger.type
        ]
    for child in (c for t in holders for c in t.children):
        partner = introduced(child, lexicon.with_words)
        if partner is None or listed(partner, lexicon.aid_nouns):
            continue
        found += [
            name
            for name in (partner, *partner.conjuncts)
            if any(m.span.start <= name.idx < m.span.end and m.label in ("PER", "ORG", "LOC") for m in mentions)
        ]
    return found


def _past_participle(verb: Token) -> bool:
    return participle(verb) and "Past" in verb.morph.get("Tense", [])


def _bare_past_participle(verb: Token) -> bool:
    """Whether a verb is a past participle with no auxiliary and no subject of its own ("Exiled in Turkey, …")."""
    return _past_participle(verb) and not any(c.dep_.startswith("aux") or c.dep_ in SUBJECTS for c in verb.children)


def participle_modifier(verb: Token) -> bool:
    """Whether a verb is a past participle modifying a noun ("the besieged port", "la ville assiégée")."""
    # (a participle after "et" hung from a noun the parser made the root is a misparsed verb: "est expulsé du
    # Comité Central et exilé")
    # (one set off by a comma is an apposition even where the parser made its noun the root: "Port Arthur,
    # besieged since 1904, capitulated")
    apposed = verb.i > 0 and verb.doc[verb.i - 1].text == ","
    return (
        verb.dep_ in ("amod", "acl")
        and verb.head.pos_ in ("NOUN", "PROPN")
        and (verb.head.dep_ != "ROOT" or apposed)
        and not any(c.dep_ == "cc" for c in verb.children)
        # (a clause of its own is no modifier: "received the news that Xerxes had crossed the Hellespont")
        and not any(c.dep_ in SUBJECTS or c.dep_ in ("aux", "mark") for c in verb.children)
        and _past_participle(verb)
    )


def describes(verb: Token) -> bool:
    """Whether a present participle after a noun describes it rather than telling an event ("troops advancing
    toward central Ukraine", "the forces invading from Eritrea"; a past participle may tell one: "the besieged
    port of Tobruk")."""
    return (
        verb.dep_ == "acl"
        and verb.i > verb.head.i
        and verb.head.pos_ in ("NOUN", "PROPN")
        and "Part" in verb.morph.get("VerbForm", [])
        and "Pres" in verb.morph.get("Tense", [])
        and not any(c.dep_ in SUBJECTS or c.dep_.startswith("aux") for c in verb.children)
    )


def _misattached_agent(verb: Token, mentions: Sequence[Mention], lexicon: Lexicon) -> Token | None:
    """A passive's by-phrase the parser hung from a noun ("chassé du pouvoir … par Staline", the name read as a
    modifier of "pouvoir"): a name after an agent preposition inside the verb's own clause."""
    for token in verb.subtree:
        if token.i <= verb.i or not any(m.span.start <= token.idx < m.span.end for m in mentions):
            continue
        marker = preposition(token)
        if marker is None or marker.lower_ not in lexicon.agent_prepositions:
            continue
        clause = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if clause == verb:
            return token
    return None


def _unparsed_participants(
    trigger: Trigger, mentions: Sequence[Mention], lexicon: Lexicon, subject_role: str
) -> list[DraftParticipant]:
    """Participants without a parse, from word order: the names after an event noun's "of" or "against"
    ("Ausschluss von Trotzki", "Prozess gegen Ludwig XVI."), and for a verb with no name before it, the
    first name after it ("Am 5. Mai 1821 starb Napoleon")."""
    head = trigger.head
    after = [m for m in mentions if m.span.start > head.idx and m.label in ("PER", "ORG", "MISC")]
    found: list[DraftParticipant] = []
    if trigger.nominal:
        role = event_type(trigger.type).noun_role
        word = next_word(head)
        targets = lexicon.targets(trigger.type)
        if lexicon.word_order is not None:
            # "die Attacke der japanischen 5. Armee auf die Flanke der Russen": with a target, the genitive does it
            sent = head.doc[sent_start(head) : sent_end(head)]
            of, target = noun_participants(head, sent, mentions, lexicon, targets)
            if of is not None and target is not None:
                return [replace(of, role="agent"), replace(target, role="patient")]
            if of is not None and listed(head, lexicon.undergoer_nouns):
                return [replace(of, role="patient")]  # "mit der Kapitulation der 6. Armee": who undergoes it
            # "der Angriff der japanischen Armee": who carries it out (not a place: "die Invasion des Iraks")
            doer = of is not None and listed_noun(head.lower_, lexicon) in lexicon.doer_nouns
            if doer and of is not None and of.label != "LOC" and of.name.removesuffix("s") not in gazetteer():
                return [replace(of, role="agent")]
            # "die Verhaftung Bucharins": a person; "der Sieg Japans": whoever won it
            winner = listed(head, lexicon.winner_nouns)
            if of is not None and (of.label == "PER" or winner) and word not in lexicon.of_words:
                return [replace(of, role="agent" if winner else event_type(trigger.type).of_role or role)]
            previous = _before_adjectives(head, lexicon.word_order)
            named = previous is not None and any(m.span.start <= previous.idx < m.span.end for m in mentions)
            owner = genitive_name(previous, lexicon.word_order) if previous is not None and not named else None
            if owner is not None and target is not None:
                return [replace(owner, role="agent"), replace(target, role="patient")]  # "Hoods Angriffe gegen …"
            if owner is not None:
                return [replace(owner, role=role)]  # "Stalins Tod", "Hoods erste beiden Angriffe"
        if word in lexicon.of_words | targets:
            labels = ("PER", "ORG", "MISC", "LOC") if word in targets else ("PER", "ORG", "MISC")  # "der Angriff auf Polen"
            near = [m for m in mentions if 0 < m.span.start - head.idx < 40 and m.label in labels]
            if near:
                m = near[0]
                found.append(DraftParticipant("patient" if word in targets else role, m.text, m.span, m.label))
        return found
    before = [m for m in mentions if m.span.end <= head.idx and m.label in ("PER", "ORG")]
    after = [m for m in after if not after_preposition(head.doc, m.span, lexicon)]
    if not before and after:
        m = after[0]
        found.append(DraftParticipant(subject_role, m.text, m.span, m.label))
    elif before and after and subject_role == "agent":
        m = after[0]  # "Hindenburg ernannte Hitler": the name after the verb is its object
        found.append(DraftParticipant("patient", m.text, m.span, m.label))
    return found


def _by_phrase(verb: Token) -> list[Token]:
    """The agents a verb's by-phrase names (English: "by" -> pobj; UD: the obl:agent itself)."""
    return [
        next((g for g in child.children if g.dep_ == "pobj"), child)
        for child in verb.children
        if child.dep_ in ("agent", "obl:agent")
    ]


def _ungoverned(head: Token, mention: Mention, time_spans: Sequence[Span]) -> bool:
    """Whether no preposition governs a name of the trigger's sentence before it, on its way up the parse; a name
    the parse hung from a date as its apposition is free ("On June 22, 1941, Germany, … invaded")."""
    span = head.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    while node.head.i != node.i and node.i != head.i:
        if node.dep_ == "appos" and any(t.start <= node.head.idx < t.end for t in time_spans):
            return True
        if node.dep_ in ("pobj", "prep", "agent", "obl", "nmod") or node.pos_ == "ADP":
            return False
        node = node.head
    return True
