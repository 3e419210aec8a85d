"""What an of-phrase names: whose a thing is, and who carries out an attack.

"broke the resistance of the Japanese garrison", « contrer l'influence de Staline »: an object that is a thing of
someone's names them (:func:`owner`). "the offensive of the Red Army", „der Angriff der japanischen Armee“: the
of-phrase of a noun of ``doer_nouns`` names who attacks when it names people, not a place (:func:`acts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annales.records import Mention
from annales.stages.claims.documents import document_noun
from annales.stages.claims.syntax import of_objects
from annales.vocabulary.claim_words import claim_words, listed
from annales.vocabulary.events import Lexicon
from annales.vocabulary.names import name_words

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["acts", "owner"]


def acts(token: Token, mentions: Sequence[Mention]) -> bool:
    """Whether a word names people who can act: a person's or a body's name, or a noun of people; not a place."""
    labels = {m.label for m in mentions if m.span.start <= token.idx < m.span.end}
    if labels:
        return not labels <= {"LOC"}
    return claim_words().names_people(token)


def owner(token: Token, mentions: Sequence[Mention], lexicon: Lexicon) -> Token:
    """Who an object that is a thing of someone's names through its of-phrase: "disrupted the operations of the
    Nigerian Air Force", "broke the resistance of the garrison", « contrer l'influence de Staline »: the air force,
    the garrison, Stalin; and an event's: "suspended the offensive of Army Group Centre", « ordonna la répression de
    la rébellion de Kronstadt ». The object itself where it names someone or somewhere or a document ("the city of
    Kiev", "the Treaty of Riga"), or its phrase names no one. (:mod:`roles` does not ask it of what a verb of telling
    tells, "published the list of the new commissioners", nor of an office taken, « prit ses fonctions de Premier
    consul ».)"""
    # (a common noun, whatever the tagger says: it may call « la résistance » a proper noun)
    if token.pos_ not in ("NOUN", "PROPN") or not token.is_lower or any(m.span.start <= token.idx < m.span.end for m in mentions):
        return token
    if claim_words().names_people(token) or listed(token, name_words().place_nouns) or document_noun(token):
        return token
    for found in of_objects(token):
        named = any(m.span.start <= found.idx < m.span.end for m in mentions) or found.pos_ == "PROPN"
        if named or (found.pos_ == "NOUN" and claim_words().names_people(found)):
            return found
        # (of an event of someone's: "the repression of the rebellion of Kronstadt"; not "the abandonment of the
        # slogan of the Socialist United States", "news of the fate of Leonidas")
        event = lexicon.noun((found.lemma_ or found.lower_).lower(), found.lower_) is not None
        whose = owner(found, mentions, lexicon) if event else found
        if whose is not found:
            return whose
    return token
