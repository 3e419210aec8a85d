"""Appointments told by becoming: "Hitler became chancellor", « Sherman devint le successeur de Grant », „wurde
Sherman Nachfolger Grants“, „… in deren Ergebnis Mao Zedong KP-Chef wurde“.

A verb of becoming (the language's ``becoming_verbs`` in ``events.yaml``) whose complement is an office (the
``offices`` of ``names.yaml``) or a rank, a crown or a succession (``becoming_offices``) tells that its subject was
appointed: a trigger of type ``appointment`` made of the verb and the noun, whose subject undergoes it
(:func:`became`, read by :func:`~annales.stages.claims.roles.is_passive`). With a parse the complement hangs
from the verb; without one (German), it is a noun of the verb's clause, in a clause that holds no participle the
verb would be the auxiliary of ("wurde … zum Kaiser gekrönt" is the crowning), and not a title before a name
("wurde General Sherman verwundet").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annales.stages.claims.clauses import own_clause
from annales.stages.claims.syntax import SUBJECTS
from annales.stages.claims.triggers import Trigger
from annales.vocabulary.events import Lexicon, office_word
from annales.vocabulary.inflection import load_verbs, word_lemma

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["APPOINTMENT", "became", "becoming_triggers"]

#: The type of what becoming an office tells.
APPOINTMENT = "appointment"


def becoming_triggers(sent: SpacySpan, triggers: Sequence[Trigger], lexicon: Lexicon, parsed: bool) -> list[Trigger]:
    """The verbs of becoming of ``sent`` with an office as complement, no trigger yet, as appointments."""
    # (a sentence without an office has no such appointment: its verbs' lemmas are not worth reading)
    if not lexicon.becoming_verbs or not any(_office_like(t, lexicon) for t in sent):
        return []
    taken = {t.i for trigger in triggers for t in trigger.tokens}
    found: list[Trigger] = []
    for token in sent:
        if token.i in taken or token.pos_ not in ("VERB", "AUX", "") or word_lemma(token) not in lexicon.becoming_verbs:
            continue
        office = _complement(token, lexicon) if parsed else _clause_office(token, sent, lexicon, taken)
        if office is not None and office.i not in taken:
            found.append(Trigger([token, office], APPOINTMENT, nominal=False))
    return found


def became(trigger: Trigger, lexicon: Lexicon) -> bool:
    """Whether a trigger is a verb of becoming and its office: its subject is the one appointed."""
    return (
        not trigger.nominal
        and trigger.type == APPOINTMENT
        and len(trigger.tokens) > 1
        and word_lemma(trigger.head) in lexicon.becoming_verbs
    )


def _office_like(token: Token, lexicon: Lexicon) -> bool:
    """Whether a word may be the office of a verb of becoming: by its lemma, as :func:`_complement` reads it, or as
    a compound, as :func:`_clause_office` does."""
    return office_word(token.lemma_ or token.lower_, lexicon) or office_word(token.lower_, lexicon, compound=True)


def _complement(verb: Token, lexicon: Lexicon) -> Token | None:
    """With a parse, the office the verb of becoming has as complement ("became chancellor", « devint le
    successeur »; French tags a bare « chancelier » as an adjective)."""
    return next(
        (
            child
            for child in verb.children
            if child.dep_ not in SUBJECTS
            and child.pos_ in ("NOUN", "PROPN", "ADJ")
            and office_word(child.lemma_ or child.lower_, lexicon)
            and not _described(child, lexicon)
        ),
        None,
    )


def _described(noun: Token, lexicon: Lexicon) -> bool:
    """Whether an office is said of someone by an infinitive after it ("becoming the last Confederate general to
    surrender"): a description of what they did, no appointment."""
    # (the infinitive may hang from a noun of the office's phrase, or from the verb: "the last general in the field
    # to stand down")
    after = [c for c in noun.head.children if c.i > noun.i and c.dep_ in ("xcomp", "advcl")]
    return any(
        c.dep_ in ("acl", "relcl", "xcomp", "advcl")
        and any(g.dep_ in ("aux", "mark") and g.lower_ in lexicon.infinitive_markers for g in c.children)
        for c in [*noun.subtree, *after]
    )


def _clause_office(verb: Token, sent: SpacySpan, lexicon: Lexicon, taken: set[int]) -> Token | None:
    """Without a parse, the office noun of the verb's clause, where no participle makes the verb an auxiliary and
    no trigger of the clause tells the event already."""
    order = lexicon.word_order
    table = load_verbs(verb.doc.lang_)
    own = own_clause(verb, sent, order) if order is not None else None
    if own is None or table is None:
        return None
    words = list(verb.doc[own[0] : own[1]])
    # (the participle may stand past a joining word, up to the next punctuation: "wurde der Makedonenkönig
    # Alexander I. als Unterhändler nach Athen geschickt")
    rest = next((i for i in range(verb.i + 1, sent.end) if verb.doc[i].text in (",", ";", ":")), sent.end)
    around = [*words, *verb.doc[own[1] : rest]]
    if any(t.i in taken for t in words) or any(
        t.i != verb.i and t.text[:1].islower() and table.participle(t.lower_) for t in around
    ):
        return None
    for token in words:
        if not token.text[:1].isupper() or token.i == sent.start or not office_word(token.lower_, lexicon, compound=True):
            continue
        after = verb.doc[token.i + 1] if token.i + 1 < len(verb.doc) else None
        if after is not None and after.is_alpha and after.text[:1].isupper() and not after.lower_.endswith("s"):
            continue  # "wurde General Sherman verwundet": a title before a name (not "Nachfolger Grants", a genitive)
        return token
    return None
