"""How the text asserts a claim: its qualifiers.

A claim the text does not assert is ``negated`` (a negation), ``hypothetical`` (a modal, a conditional, an
infinitive that says what was wanted, a plan, a counterfactual noun), ``reported`` (under a verb of
hearsay) or ``generic`` (a habit, a vaguely counted plural event noun); ``unique:<word>`` markers say an
event happens once to its participants ("his first stroke").
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from annales.stages.claims.clauses import marked_infinitive, own_clause
from annales.stages.claims.syntax import (
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    governor,
    participle,
    preposition,
    sent_end,
    sent_start,
)
from annales.stages.claims.triggers import Trigger
from annales.vocabulary.claim_words import listed
from annales.vocabulary.events import Lexicon, formed_from, verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["find_qualifiers", "unasserted_infinitive"]


def find_qualifiers(trigger: Trigger, lexicon: Lexicon, parsed: bool, *, news: bool = False) -> tuple[str, ...]:
    """What the text says of the claim's truth: ``negated``, ``hypothetical``, ``reported``, and the
    ``unique:<word>`` markers ("his first stroke"). In ``news`` a future is still to come."""
    head = trigger.head
    found: list[str] = []
    window = list(head.doc[max(sent_start(head), head.i - 3) : head.i])
    # without a parse, the two words after the verb too: a clause's auxiliary can follow it ("überfluten würden")
    children = list(head.children) if parsed else window + list(head.doc[head.i + 1 : min(sent_end(head), head.i + 3)])
    words = {c.lower_ for c in children} | {c.lemma_.lower() for c in children}
    # Modal verbs only as verbs: "chassé du pouvoir" (power) is not "pouvoir" (can).
    verbs = [c for c in children if not parsed or c.pos_ in ("AUX", "VERB")]
    modal_words = {c.lower_ for c in verbs} | {c.lemma_.lower() for c in verbs}
    carrier = _carrier(trigger, lexicon) if parsed else None
    if (
        words & lexicon.negation
        or any(c.dep_ == "neg" for c in children)
        # ("no longer fought", "no more met": the negation hangs from a comparative adverb; not "not so much by …")
        or (parsed and any(_negated_comparative(c, lexicon) for c in children))
        or (not parsed and not trigger.nominal and _clause_negated(head, lexicon))
        or (carrier is not None and _negated(carrier, lexicon))
        or (parsed and not trigger.nominal and _failed(head, lexicon))
        or (trigger.nominal and _missing(head, lexicon, parsed))
    ):
        # (an event noun's carrier too: "did not launch an attack", "did not take place"; a complement that did
        # not happen: "failed to take the city")
        found.append("negated")
    # An infinitive is not asserted: "how to create an alliance", "entreprit d'assassiner Trotsky", "um … zu
    # verhaften" say what was wanted or asked, not what happened.
    infinitive = not trigger.nominal and (
        any(unasserted_infinitive(v, lexicon) for v in _xcomp_chain(head)) if parsed else _marked_infinitive(head, lexicon)
    )
    # "If Stalin had died …": the clause a condition opens tells no event (the head's own clause, or for an
    # event noun the verb it is the argument of).
    clause = head if not trigger.nominal or head.head == head else head.head
    conditional = parsed and any(c.dep_ == "mark" and c.lower_ in lexicon.conditions for c in clause.children)
    if (
        modal_words & lexicon.modality
        or (not parsed and _modal_clause(head, lexicon))
        or conditional
        or _conditional(head, lexicon)
        or infinitive
        or _counterfactual_noun(trigger, lexicon)
        or (trigger.nominal and parsed and _carried_modal(head, lexicon))
        or (carrier is not None and trigger.occurred and _modal(carrier, lexicon))
        or (
            news
            and parsed
            and (_future(head, lexicon) or (trigger.nominal and head.dep_ in SUBJECTS and _future(head.head, lexicon)))
        )
    ):
        found.append("hypothetical")
    if parsed:
        ancestors = {a.lemma_.lower() for a in head.ancestors}
        if ancestors & lexicon.reported:
            found.append("reported")
    if trigger.nominal and parsed and _planned(head, lexicon) and "hypothetical" not in found:
        found.append("hypothetical")  # "a meeting is scheduled for 16 July", "preparations for an attack"
    if trigger.nominal and "hypothetical" not in found and (_demanded(head, lexicon) if parsed else _asked_for(head, lexicon)):
        found.append("hypothetical")  # "demanded the resignation of the minister", « souhaite la nomination »
    if (
        words & lexicon.habitual
        or (trigger.nominal and _vague_plural(head, lexicon, parsed))
        or (not parsed and not trigger.nominal and _clause_habitual(head, lexicon))
    ):
        found.append("generic")  # "was regularly removed", "despite several offensives"
    over = _adjunct_of(head, trigger.nominal) if parsed else None
    if over is not None:
        # "frequently attacked civilian targets, bombing Red Cross shelters", "planning to take advantage … by
        # seizing …": the adjunct is as habitual, or as hypothetical, as the verb it hangs from
        around = {c.lower_ for c in over.children} | {c.lemma_.lower() for c in over.children}
        if around & lexicon.habitual and "generic" not in found:
            found.append("generic")
        wanted = any(unasserted_infinitive(v, lexicon) for v in _xcomp_chain(over))
        if (around & lexicon.modality or "Cnd" in over.morph.get("Mood", []) or wanted) and "hypothetical" not in found:
            found.append("hypothetical")
    modifiers = [c for c in head.children if c.dep_ in ("amod", "advmod")] if parsed else []
    markers = {t.lower_ for t in window} | {c.lower_ for c in modifiers}
    for marker in sorted(markers & lexicon.unique_markers):
        found.append(f"unique:{marker}")
    return tuple(found)


def _future(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a verb or its auxiliary is in the future tense (« il sera remplacé », "will open", « s'ouvrira »
    by its ending: ``future_endings``, ``future_auxiliaries``). Only news reads it so: a history tells its past
    in the future too (« Trotsky sera assassiné en 1940 »)."""
    auxiliaries = [c for c in verb.children if c.dep_.startswith("aux")]
    if any("Fut" in t.morph.get("Tense", []) for t in (verb, *auxiliaries)):
        return True
    if any(a.lower_ in lexicon.future_auxiliaries for a in auxiliaries):
        return True
    return formed_from((verb.lemma_ or "").lower(), verb.lower_, lexicon.future_endings)


def _adjunct_of(verb: Token, nominal: bool) -> Token | None:
    """The verb a verb hangs from as its manner, with no subject of its own: a participle set beside it
    ("…, bombing Red Cross shelters") or a gerund after a preposition ("by seizing"); None for any other."""
    if nominal or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    over = verb.head
    if verb.dep_ == "pcomp" and over.dep_ == "prep" and verb.tag_ == "VBG":
        over = over.head  # English: the gerund hangs from its preposition
    elif not (verb.dep_ == "advcl" and participle(verb)):
        return None
    return over if over.pos_ in ("VERB", "AUX") and over != verb else None


def _modal_clause(verb: Token, lexicon: Lexicon) -> bool:
    """Without a parse, whether a modal verb stands in the verb's clause, however far before it ("Die Flotte
    sollte ursprünglich Port Arthur aus der Belagerung befreien"): a clause has one finite verb, so the verb
    is its infinitive."""
    order = lexicon.word_order
    if order is None or not lexicon.modality:
        return False
    sent = verb.doc[sent_start(verb) : sent_end(verb)]
    own = own_clause(verb, sent, order)
    return own is not None and any(t.lower_ in lexicon.modality for t in verb.doc[own[0] : verb.i])


def _marked_infinitive(verb: Token, lexicon: Lexicon) -> bool:
    """Without a parse, whether a verb is an infinitive its marker shows (:func:`word_order.marked_infinitive`),
    unless a verb that implies its complement comes before ("zwang sie, … zu räumen")."""
    if not marked_infinitive(verb, lexicon):
        return False
    earlier = verb.doc[sent_start(verb) : verb.i]
    return not any(listed(t, lexicon.implicatives) or verb_lemma(t.lower_, lexicon) in lexicon.implicatives for t in earlier)


def _conditional(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a verb is a conditional: by its mood, or by its form, the infinitive and an ending of the
    language's ``conditional_endings`` (« qu'il démissionnerait », which the small model reads as an imperfect)."""
    if "Cnd" in verb.morph.get("Mood", []):
        return True
    lemma = (verb.lemma_ or "").lower()
    if not lexicon.conditional_endings or verb.pos_ not in ("VERB", "AUX") or not lemma.endswith(("er", "ir", "re")):
        return False
    stem = lemma[:-1] if lemma.endswith("re") else lemma
    form = verb.lower_
    return form.startswith(stem) and form[len(stem) :] in lexicon.conditional_endings


def _planned(noun: Token, lexicon: Lexicon) -> bool:
    """Whether an event noun is what a plan is of ("une réunion est prévue", "preparations for an attack")."""

    planner = governor(noun)
    # ("made preparations for an attack": the preparations are the verb's object)
    return planner != noun and (
        listed(planner, lexicon.plans) or any(c.dep_ in OBJECTS and listed(c, lexicon.plans) for c in planner.children)
    )


def _demanded(noun: Token, lexicon: Lexicon) -> bool:
    """Whether an event noun is what a verb of ``demands`` asks for, orders, proposes, fears or prevents: its
    object, its passive subject ("a ceasefire was demanded") or its noun after the verb's preposition ("called for
    a ceasefire", « appela à la grève »), not the subject that does it ("the attack threatened Paris")."""
    if noun.dep_ in SUBJECTS - PASSIVE_SUBJECTS:
        return False
    verb = governor(noun)
    if verb == noun or verb.pos_ not in ("VERB", "AUX"):
        return False
    marker = preposition(noun)
    lemma = (verb.lemma_ or verb.lower_).lower()
    return (lemma if marker is None else f"{lemma} {marker.lower_}") in lexicon.demands


def _asked_for(noun: Token, lexicon: Lexicon) -> bool:
    """Without a parse, whether a verb of ``demands`` comes before an event noun in its clause ("forderten die
    Gewerkschaften den Rücktritt des Ministers", "befürchtete einen Angriff"): unless the noun opens right after
    it with no article of an object only, where it is the subject the verb comes before ("forderte die Schlacht
    viele Opfer": the battle took them)."""
    order = lexicon.word_order
    if order is None or not lexicon.demands:
        return False
    doc = noun.doc
    sent = doc[sent_start(noun) : sent_end(noun)]
    own = own_clause(noun, sent, order)
    if own is None:
        return False

    def demanding(t: Token) -> bool:
        return (
            t.lower_ in lexicon.demands
            or (t.lemma_ or "").lower() in lexicon.demands
            or verb_lemma(t.lower_, lexicon, known=lexicon.demands) is not None
        )

    verb = next((t for t in doc[own[0] : noun.i] if demanding(t)), None)
    if verb is None:
        # the infinitive or participle that ends the clause, after its object ("musste den Angriff verschieben",
        # "hatte die Konferenz abgesagt")
        last = next((t for t in reversed(doc[noun.i + 1 : own[1]]) if not t.is_punct), None)
        return last is not None and last.text[:1].islower() and demanding(last)
    between = doc[verb.i + 1 : noun.i]
    object_only = order.object_articles - order.subject_articles
    # (a name between them is the subject: "sagte Jelzin ein Treffen … ab")
    its_subject = len(between) <= 3 and not any(t.lower_ in object_only or t.is_punct or t.text[:1].isupper() for t in between)
    return not its_subject


def _vague_plural(noun: Token, lexicon: Lexicon, parsed: bool) -> bool:
    """Whether a plural event noun is counted vaguely ("several offensives", "plusieurs attaques"): no one event."""
    if parsed:
        return "Plur" in noun.morph.get("Number", []) and any(c.lower_ in lexicon.vague_quantifiers for c in noun.children)
    before = noun.doc[max(sent_start(noun), noun.i - 2) : noun.i]
    return any(t.lower_ in lexicon.vague_quantifiers for t in before)


def _counterfactual_noun(trigger: Trigger, lexicon: Lexicon) -> bool:
    """Whether an event noun is the subject or object of a past conditional: "a victory would have saved the
    Empire", "une victoire aurait sauvé l'Empire". (A modal before an infinitive, "the siege would last
    three months", is the narrative's future in the past, and stays asserted.)"""
    head = trigger.head
    if not trigger.nominal or head.dep_ not in SUBJECTS | OBJECTS:
        return False
    governor = head.head
    auxiliaries = [c for c in governor.children if c.dep_.startswith("aux")]  # aux, aux:pass, aux:tense (UD French)
    modal = any(c.lower_ in lexicon.modality or "Cnd" in c.morph.get("Mood", []) for c in auxiliaries)
    return modal and "Part" in governor.morph.get("VerbForm", [])


def _carrier(trigger: Trigger, lexicon: Lexicon) -> Token | None:
    """The verb that tells an event noun happened, if one does: a frame's ("the attack took place", "culminated in
    armed clashes": ``occurred``) or a light verb taking it as its object ("launched an attack")."""
    head = trigger.head
    if not trigger.nominal or head.head == head:
        return None
    if trigger.occurred:
        return governor(head)
    return head.head if head.dep_ in OBJECTS and listed(head.head, lexicon.light_verbs) else None


def _clause_negated(verb: Token, lexicon: Lexicon) -> bool:
    """Without a parse, whether a negation stands after a verb in its clause, where a finite verb's comes ("half er
    Hitler nicht", "eroberten die Stadt nicht"), but not one that opens a pair (``negation_pairs``: "nicht nur …,
    sondern auch")."""
    order = lexicon.word_order
    own = own_clause(verb, verb.sent, order) if order is not None else None
    if own is None:
        return False
    doc = verb.doc
    return any(
        doc[i].lower_ in lexicon.negation and not (i + 1 < own[1] and doc[i + 1].lower_ in lexicon.negation_pairs)
        for i in range(verb.i + 1, own[1])
    )


def _clause_habitual(verb: Token, lexicon: Lexicon) -> bool:
    """Without a parse, whether a word or words of habit stand in a verb's clause, however far from it ("legte sich …
    während des Feldzuges immer wieder vor", "umging Sherman jedes Mal die Stellungen")."""
    order = lexicon.word_order
    own = own_clause(verb, verb.sent, order) if order is not None else None
    if own is None:
        return False
    words = [t.lower_ for t in verb.doc[own[0] : own[1]]]
    return any(tuple(words[i : i + len(phrase)]) == phrase for phrase in _phrases_of(lexicon.habitual) for i in range(len(words)))


@lru_cache(maxsize=8)
def _phrases_of(words: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(word.split()) for word in sorted(words))


def _negated_comparative(adverb: Token, lexicon: Lexicon) -> bool:
    """Whether an adverb is a comparative right after a negation that hangs from it ("no longer", "no more")."""
    return (
        adverb.dep_ == "advmod"
        and "Cmp" in adverb.morph.get("Degree", [])
        and any(g.lower_ in lexicon.negation and g.i == adverb.i - 1 for g in adverb.children)
    )


def _negated(verb: Token, lexicon: Lexicon) -> bool:
    return any(c.dep_ == "neg" or {c.lower_, c.lemma_.lower()} & lexicon.negation for c in verb.children)


def _missing(noun: Token, lexicon: Lexicon, parsed: bool) -> bool:
    """Whether an event noun is told as missing (``absence_words``): "for lack of an agreement", "without a treaty",
    « faute d'accord », « sans traité »; without a parse, one of the words just before it („mangels eines
    Abkommens“)."""
    if not parsed:
        return any(t.lower_ in lexicon.absence_words for t in noun.doc[max(sent_start(noun), noun.i - 3) : noun.i])
    near = [noun.head, *(c for c in noun.children if c.dep_ == "case")]
    if noun.head.pos_ == "ADP":
        near.append(noun.head.head)  # "lack" of "for lack of an agreement"
    return any(t != noun and ({t.lower_, (t.lemma_ or "").lower()} & lexicon.absence_words) for t in near)


def _modal(verb: Token, lexicon: Lexicon) -> bool:
    near = [c for c in verb.children if c.pos_ in ("AUX", "VERB")]
    return any({c.lower_, c.lemma_.lower()} & lexicon.modality for c in near) or "Cnd" in verb.morph.get("Mood", [])


def _carried_modal(noun: Token, lexicon: Lexicon) -> bool:
    """Whether the verb that carries an event noun as its object is under a modal or a conditional: "could
    launch an attack", « devrait pouvoir en faire l'annonce », "hätte einen Angriff beginnen können"."""
    if noun.dep_ not in OBJECTS or noun.head == noun:
        return False
    chain = _xcomp_chain(noun.head)
    # (a verb up the chain may itself be the modal: "could" in « devrait pouvoir en faire »)
    return any(
        _modal(verb, lexicon) or (k and {verb.lower_, verb.lemma_.lower()} & lexicon.modality) for k, verb in enumerate(chain)
    )


def _failed(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a verb is the infinitive complement of a verb or adjective that says it did not happen ("failed to
    take", "were unable to cross", « refusa de signer »)."""
    return verb.dep_ == "xcomp" and (verb.head.lemma_ or verb.head.lower_).lower() in lexicon.negative_implicatives


def _xcomp_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it is the open complement of: "urged Trotsky to begin fighting" → fighting, begin."""
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and chain[-1].head != chain[-1] and len(chain) < 5:
        chain.append(chain[-1].head)
    return chain


def unasserted_infinitive(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a verb is an infinitive that says what was wanted, not what happened ("to begin")."""
    governor = verb.head
    return (
        "Inf" in verb.morph.get("VerbForm", [])
        and verb.dep_ != "ROOT"
        # "forced the Allies to evacuate", "parvint à s'échapper": a verb that implies its complement happened
        # ("failed to take": the complement did not happen, and is negated rather than hypothetical)
        and not (
            verb.dep_ == "xcomp"
            and (governor.lemma_ or governor.lower_).lower() in lexicon.implicatives | lexicon.negative_implicatives
        )
        # "avant d'arriver à Mexico", "after reaching": a time clause with an infinitive tells what happened
        and not any(c.lower_ in lexicon.reference_prepositions for c in verb.children if c.dep_ in ("mark", "case"))
    )
