"""Documents as participants: the treaty signed, the law passed ("signed the Treaty of Versailles", « la signature
du traité de Versailles »).

A noun of a document (``document_nouns`` in a language's ``events.yaml``) that is the object, the passive subject
or the of-phrase of an event of its own type is that event's patient, named with the words before its noun and
the name it is of. Languages without a parse read the same nouns in word order
(:mod:`annales.stages.claims.word_order`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.claims.drafts import DraftParticipant
from annales.stages.claims.syntax import hyphen_before, of_objects, participle
from annales.stages.claims.triggers import Trigger
from annales.vocabulary.claim_words import listed
from annales.vocabulary.events import Lexicon, load_lexicon, verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["adopted_type", "document_noun", "document_participant"]


def document_noun(token: Token, type_: str | None = None) -> bool:
    """Whether a noun names a document (``document_nouns`` of its language: "treaty", « traité », "Gesetz"), by its
    lemma or its form; with ``type_``, one of that event type ("signed a pact": a treaty's document)."""
    lexicon = load_lexicon(token.doc.lang_)
    if token.pos_ not in ("NOUN", "PROPN") or not listed(token, lexicon.document_nouns):
        return False
    return type_ is None or lexicon.noun((token.lemma_ or token.lower_).lower(), token.lower_) == type_


def document_participant(token: Token, role: str, mentions: Sequence[Mention], type_: str) -> DraftParticipant | None:
    """A document of an event of ``type_`` as its participant, with the words before its noun and the name it is
    of: "the Soviet-Japanese Neutrality Pact", "a peace treaty", « le traité de Versailles », "the Treaty of
    Brest-Litovsk"; None if ``token`` names none."""
    if not document_noun(token, type_) or any(m.span.start <= token.idx < m.span.end for m in mentions):
        return None  # (a document the models named is its mention: "the Tripartite Pact")
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod", "flat", "flat:name") and not participle(c)]
    first, last = min([token.i] + [c.left_edge.i for c in left]), token.i  # (and theirs: "cease-fire agreement")
    while hyphen_before(token.doc, first):
        first -= 2  # "the Soviet-Japanese Neutrality Pact"
    doc = token.doc
    for of in (o for o in of_objects(token) if o.i > token.i):
        lo, hi = of.left_edge.idx, of.right_edge.idx + len(of.right_edge.text)
        name = next((m for m in mentions if lo <= m.span.start < hi), None)
        named = None if name is None else doc.char_span(name.span.start, name.span.end, alignment_mode="expand")
        if named is not None:
            last = max(named.end - 1, of.i)
            break
    while last + 2 < len(doc) and hyphen_before(doc, last + 2):
        last += 2  # "the Treaty of Brest-Litovsk", where the model named Brest
    words = doc[first : last + 1]
    return DraftParticipant(role, words.text, Span(words.start_char, words.end_char), "MISC")


def adopted_type(trigger: Trigger, participants: Sequence[DraftParticipant], lexicon: Lexicon) -> Trigger:
    """The trigger typed by the document it adopts, where its verb is one of ``adopting_verbs`` that no type lists
    and its patient a document ("passed the Homestead Act", « adopta la constitution »: a law; the type of the
    document's noun, else its ``document_types``); else the trigger as it is."""
    head = trigger.head
    if trigger.listed or trigger.nominal:
        return trigger
    lemma = head.lemma_ or verb_lemma(head.lower_, lexicon, lexicon.adopting_verbs) or head.lower_  # (German: no lemmatizer)
    if lemma.lower() not in lexicon.adopting_verbs:
        return trigger
    doc = head.doc
    parsed = doc.has_annotation("DEP")
    for participant in participants:
        words = doc.char_span(participant.span.start, participant.span.end, alignment_mode="expand")
        if participant.role != "patient" or words is None:
            continue
        # (the noun heads its phrase in a parse; without one, German ends it: "die Resolution")
        noun = words.root if parsed else words[-1]
        if not document_noun(noun):
            continue
        word = (noun.lemma_ or noun.lower_).lower()
        type_ = lexicon.noun(word, noun.lower_) or lexicon.document_types.get(word)
        if type_ is not None:
            return replace(trigger, type=type_, listed=True)
    return trigger
