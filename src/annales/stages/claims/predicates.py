"""Events no lexicon word names: the asserted past predicates of a sentence ("Hitler called off the
bombing campaign", "Trotsky abandonna finalement son opposition").

A verb becomes a trigger of type ``other`` when the parse shows it telling something that happened:

- it heads a clause of its own (the sentence's root, a coordinated, adverbial or relative clause; not
  the content of what someone said or wanted, not an infinitive or a participle describing a noun);
- it is in a past tense: a finite past (English preterite, French passé simple or imparfait, German
  Präteritum), or a past participle with an auxiliary that is itself past or is the language's perfect
  auxiliary ("has signed", "a critiqué", "est mort", "hat unterzeichnet"); in a history written in a
  language that narrates in the present (``historical_present``), a present indicative too;
- it is not a state, a thought or a wish (the language's ``states`` in ``events.yaml``: "was", "knew",
  "wanted"), and names no event noun that is a trigger already
  ("launched an offensive": the offensive is the claim);
- its subject is named (a name or a personal pronoun) or is people the text does not name ("the workers",
  "les pompiers": the language's ``people_nouns``), so there is someone a historian could cite it
  about.

Whether the claim is asserted (not negated, not hypothetical or conditional, not reported) is decided when it is built,
as for any trigger; for these verbs an unasserted one is no claim at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.claims.event_names import told_in
from annales.stages.claims.eventhood import reference_point
from annales.stages.claims.syntax import OBJECTS, PASSIVE_AUX, SUBJECTS, dependents, governor
from annales.stages.claims.triggers import Trigger
from annales.vocabulary.claim_words import claim_words
from annales.vocabulary.events import Lexicon, formed_from

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["PREDICATE_TYPE", "past", "predicate_triggers", "tells_state"]

#: The type of an event that no lexicon word names.
PREDICATE_TYPE = "other"
#: The dependencies of a verb that tells an event of its own: the root, a coordinated verb, an adverbial
#: or relative clause, a clause set beside another.
_CLAUSE_DEPS = {"ROOT", "conj", "advcl", "relcl", "acl:relcl", "parataxis"}
_AUX_DEPS = {"aux", "auxpass", "aux:pass", "aux:tense"}
_PARTICLES = {"prt", "compound:prt"}
_PAST = {"Past", "Imp"}
#: The dependencies of a noun's possessor ("Salan's methods", « ses méthodes »).
_POSSESSORS = {"poss", "nmod:poss"}
#: Hyphens that join a prefix to its word.
_HYPHENS = frozenset({"-", "‐", "‑"})


def predicate_triggers(
    sent: SpacySpan,
    triggers: Sequence[Trigger],
    lexicon: Lexicon,
    mentions: Sequence[Mention],
    *,
    narrative: bool = False,
    dated: Sequence[Span] = (),
) -> list[Trigger]:
    """The verbs of ``sent`` that tell a past event and are no trigger yet, as triggers of :data:`PREDICATE_TYPE`.
    In a ``narrative`` (a history, not news), a language's historical present counts as a past. A passive or a verb
    whose subject is a noun needs no named subject when its own clause dates it (``dated``: "Hundreds of villages
    were devastated in 1958", "the fortress fell on 2 January 1905")."""
    present = narrative and lexicon.historical_present
    taken = {t.i for trigger in triggers for t in trigger.tokens}
    # A verb whose own argument is an event word already tells that event ("launched an offensive").
    # (not an event noun that only dates the verb's clause: "After a second stroke, Lenin dictated a testament", nor
    # the named event it happened in: "destroyed the Russian fleet at the Battle of Tsushima")
    # (but a verb that calls the event off tells an event of its own: "cancelled a meeting")
    carriers = {
        carrier.i
        for trigger in triggers
        if trigger.nominal
        and not reference_point(trigger.head, lexicon, True)
        and not told_in(trigger.head, lexicon)
        and ((carrier := governor(trigger.head)).lemma_ or "").lower() not in lexicon.cancelling
    }
    found: list[Trigger] = []
    for token in sent:
        if token.pos_ != "VERB" or token.i in taken or token.i in carriers or token.dep_ not in _CLAUSE_DEPS:
            continue
        if not all(c.isalpha() or c in "-'’" for c in token.text) or not any(c.isalpha() for c in token.text):
            continue  # markup, a number or a hyphen the tagger took for a verb ('onerror="window.x', not a word)
        if not token.whitespace_ and token.i + 1 < sent.end and token.doc[token.i + 1].text in _HYPHENS:
            continue  # the prefix of a hyphenated word the tokenizer split ("re-started"), not a verb of its own
        if token.dep_ == "conj" and token.head.pos_ not in ("VERB", "AUX"):
            continue  # "the Tobruk garrison and the besieged port": a verb coordinated with a noun
        lemma = (token.lemma_ or token.lower_).lower()
        if lemma in lexicon.states or not (past(token, lexicon) or (present and _present(token))):
            continue
        if "Imp" in token.morph.get("Tense", []) and not _dated_phrase(token, dated):
            continue  # « Trotsky creusait », « il donnait à Staline le contrôle »: an imperfect sets a scene, unless dated
        if lemma in lexicon.measures and _measured(token, dated):
            continue  # "the cities grew by 30 million inhabitants": a measure, not an event
        if lemma in lexicon.thoughts and _clause_only(token):
            continue  # "concluded that a new organisation was needed": a thought, not an event
        if _negated_object(token, lexicon) or not (_named_subject(token, mentions) or _dated_clause(token, dated)):
            continue
        if lemma in lexicon.implicatives and any(c.dep_ == "xcomp" and c.i in taken for c in token.children):
            continue  # "managed to capture", "began to withdraw": the complement is the event, a trigger already
        particles = [c for c in token.children if c.dep_ in _PARTICLES]
        complement = _complement(token, lexicon)
        if complement is not None and complement.i in taken:
            complement = None  # "attempted to withdraw": the attempt is the event the text asserts
        words = [token, *particles] + ([complement] if complement is not None else [])
        found.append(Trigger(words, PREDICATE_TYPE, nominal=False, listed=False))
    return found


def _owner(token: Token, noun: Token) -> bool:
    """Whether a word belongs to the possessor of ``noun`` ("Salan" in "Salan's methods")."""
    return any(a.dep_ in _POSSESSORS and a.head == noun for a in (token, *token.ancestors) if a.i < noun.i)


def _clause_only(verb: Token) -> bool:
    """Whether a verb has a clause and no object as its complement: a verb of thinking (the language's
    ``thoughts``) then tells a thought, not an event ("concluded that …", "figured he would retire")."""
    children = {c.dep_ for c in verb.children}
    return "ccomp" in children and not children & OBJECTS


def _measured(verb: Token, dated: Sequence[Span]) -> bool:
    """Whether a verb has a number among its complements (not in its subject, not an article, not a date): a verb
    of a changing quantity (the language's ``measures``) then tells a measure, "grew by 30 million", "went from 10
    to 22 million", "lost four-fifths of its employees"; not "lost the city in 1921", « perdit une bataille »."""
    complements = [c for c in verb.children if c.dep_ not in SUBJECTS and c.dep_ not in ("punct", "cc", "conj", "mark")]
    return any(
        (t.pos_ == "NUM" or t.like_num) and t.dep_ != "det" and not any(d.start <= t.idx < d.end for d in dated)
        for c in complements
        for t in c.subtree
    )


def _complement(verb: Token, lexicon: Lexicon) -> Token | None:
    """The infinitive through which a catenative verb tells its event ("attempted to dislodge", "tente de contrer")."""
    if (verb.lemma_ or verb.lower_).lower() not in lexicon.catenatives:
        return None
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)


def past(verb: Token, lexicon: Lexicon) -> bool:
    """Whether ``verb`` is a finite past, or a past participle with a past or perfect auxiliary."""
    form, tense = verb.morph.get("VerbForm", []), verb.morph.get("Tense", [])
    if "Fin" in form:
        return bool(_PAST.intersection(tense)) or _simple_past(verb, lexicon)
    if "Part" not in form or (tense and "Past" not in tense):
        return False  # (German participles carry no tense: "wurde … zerstört")
    auxiliaries = [c for c in verb.children if c.dep_ in _AUX_DEPS]
    if any(a.morph.get("Tense", []) == ["Fut"] or "Cnd" in a.morph.get("Mood", []) for a in auxiliaries):
        return False
    return any(
        _PAST.intersection(a.morph.get("Tense", [])) or (a.lemma_ or a.lower_).lower() in lexicon.perfect_auxiliaries
        for a in auxiliaries
    )


def tells_state(verb: Token, lexicon: Lexicon, *, narrative: bool = False) -> bool:
    """Whether a participle tells the state its event left, not the event: alone ("married with three
    children", « marié et père de trois enfants ») or with a "be" in the present or the imperfect (« qui est
    marié », "he is accused of"); a perfect's "have", a preterite "be" or a reflexive ("has married", "was
    married in 1926", « s'est marié ») tell the event, and so does a present in a ``narrative`` of a language
    that narrates in the present (« Boukharine est jugé en 1938 »)."""
    if "Part" not in verb.morph.get("VerbForm", []) and verb.pos_ != "ADJ":
        return False
    if verb.lower_ in lexicon.forms and (verb.lemma_ or verb.lower_).lower() == verb.lower_:
        return False  # a form the models miss, which they may take for anything ("il épouse" as a participle)
    for child in verb.children:
        if child.dep_ in _AUX_DEPS:
            lemma = (child.lemma_ or child.lower_).lower()
            if lemma in lexicon.perfect_auxiliaries and child.lower_ not in lexicon.passive_auxiliaries:
                return False  # "has married", « a épousé », « avait épousé »
            if "Past" in child.morph.get("Tense", []) and "Fin" in child.morph.get("VerbForm", []):
                return False  # "was married in 1926", « fut marié »
            if narrative and lexicon.historical_present and "Pres" in child.morph.get("Tense", []):
                return False
        if "Yes" in child.morph.get("Reflex", []):
            return False  # « s'est marié », "sich verheiratet"
    return True


def _present(verb: Token) -> bool:
    """Whether ``verb`` is a finite present indicative ("il s'allie", "Napoléon cède")."""
    return (
        "Fin" in verb.morph.get("VerbForm", [])
        and "Pres" in verb.morph.get("Tense", [])
        and "Ind" in verb.morph.get("Mood", ["Ind"])
    )


def _negated_object(verb: Token, lexicon: Lexicon) -> bool:
    """Whether the verb's object is denied ("had given him no heir", "n'eut aucun enfant", "keinen Erben")."""
    return any(c.lower_ in lexicon.negation for o in dependents(verb, OBJECTS) for c in o.children if c.dep_ == "det")


def _simple_past(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a finite verb's form is its lemma's simple past (the language's ``past_endings``)."""
    return formed_from((verb.lemma_ or "").lower(), verb.lower_, lexicon.past_endings)


def _dated_clause(verb: Token, dated: Sequence[Span]) -> bool:
    """Whether a verb with a subject of its own, a passive's or a noun, has a date among its own words ("were
    devastated in 1958", "the fortress fell on 2 January 1905")."""
    if not dated:
        return False
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    passive = any(c.dep_ in PASSIVE_AUX for c in verb.children)
    if not subjects or not (passive or any(c.pos_ in ("NOUN", "PROPN") for c in subjects)):
        return False
    # its own words: its dependents and theirs ("in 1958": the year hangs from "in")
    own = [t for c in verb.children for t in (c, *c.children)]
    return any(span.start <= t.idx < span.end for t in own for span in dated)


def _dated_phrase(verb: Token, dated: Sequence[Span]) -> bool:
    """Whether one of the sentence's dates is among a verb's words (« comparaissait hier »)."""
    low, high = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
    return any(low <= span.start and span.end <= high for span in dated)


def _named_subject(verb: Token, mentions: Sequence[Mention]) -> bool:
    """Whether the verb's subject (or, passive, its agent; or the subject of the verb it is coordinated
    with) is a name or a personal pronoun."""
    node = verb
    while True:
        subjects = [c for c in node.children if c.dep_ in SUBJECTS or c.dep_ in ("agent", "obl:agent")]
        if subjects or node.dep_ != "conj" or node.head == node:
            break
        node = node.head
    if verb.dep_ in ("relcl", "acl:relcl"):
        # "a coup … which had been supported by German aircraft": the relative pronoun stands for the noun
        subjects = [verb.head if "Rel" in s.morph.get("PronType", []) else s for s in subjects] or [verb.head]
    words = claim_words()
    for subject in subjects:
        target = next((g for g in subject.children if g.dep_ == "pobj"), subject)  # "by German aircraft"
        if target.lower_ in words.subject_pronouns or target.pos_ == "PROPN":
            return True  # a pronoun, or a name the tagger knows and the name model missed ("Farragut eroberte")
        if words.names_people(target):
            return True  # people the text does not name: "les pompiers engageaient", "the troops withdrew"
        # (a thing someone owns is not someone: "Salan's methods sharply reduced …", "Villa's treatment of
        # Gutiérrez outraged …")
        owned = target.pos_ == "NOUN" and any(c.dep_ in _POSSESSORS for c in target.children)
        named = [t for t in target.subtree if t.i <= target.i and not (owned and _owner(t, target))]
        if any(m.span.start <= t.idx < m.span.end for m in mentions for t in named):
            return True
    return False
