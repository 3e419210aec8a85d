"""Who speaks: the subject a verb of saying leaves after it in an inversion or an incise.

French sets the speaker after the verb of saying: joined to it by a hyphen ("détaille-t-il", "a-t-elle
ajouté"), or after a quotation or a clause said and its comma (« … », a déclaré le maire ; « Eltsine a annulé
la rencontre, a affirmé l'ambassade d'Espagne »), where the parser most often takes the speaker for the verb's
object, or the subject of the clause said for its subject. English does the same after a quotation ("…, said
the spokesman"); a participle after a comma names no speaker ("…, warning the Spartans").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annales.stages.claims.syntax import OBJECTS
from annales.vocabulary.claim_words import claim_words, listed

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["incise_speaker", "inverted_subject"]


def inverted_subject(verb: Token) -> list[Token]:
    """The subject pronoun joined to its verb by a hyphen in an inversion ("détaille-t-il", "a-t-elle ajouté"),
    whatever the parser made of it."""
    pronouns = claim_words().subject_pronouns
    return [c for c in verb.children if c.lower_.startswith("-") and c.lower_ in pronouns][:1]


def incise_speaker(verb: Token) -> list[Token]:
    """The speaker a verb of saying set after a quotation or a clause said names after it, which the French parser
    takes for the verb's object (« … », explique cette habitante du quartier ; « … », a déclaré le maire) : the
    verb, or its auxiliary, comes right after the quotation or its comma, it is finite, and the noun comes right
    after the verb."""
    first = min((verb, *(c for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i)), key=lambda t: t.i)
    doc = verb.doc
    if first.i == 0 or not (doc[first.i - 1].text == "," or doc[first.i - 1].is_quote):
        return []
    speaker = next((c for c in verb.children if c.dep_ in OBJECTS and c.i > verb.i), None)
    if speaker is None or speaker.left_edge.i != verb.i + 1:
        return []
    if first is verb and "Fin" not in verb.morph.get("VerbForm", []):
        return []  # "…, warning the Spartans": a participle's object, no speaker
    if any(t.is_quote for t in doc[verb.sent.start : first.i]):
        return [speaker]
    # Without quotation marks, the clause said comes before the comma (« Eltsine a annulé la rencontre, a affirmé
    # l'ambassade d'Espagne ») and the one who says it is someone: a name, a noun of people or of a body; not
    # « …, a affirmé son soutien ».
    said = any(t.pos_ in ("VERB", "AUX") for t in doc[verb.sent.start : first.i - 1])
    return [speaker] if said and _someone(speaker) else []


def _someone(token: Token) -> bool:
    """Whether a noun names someone: a name, or a noun of people or of a body (``people_nouns``, ``body_nouns``)."""
    words = claim_words()
    return token.pos_ == "PROPN" or bool(token.ent_type_) or words.names_people(token) or listed(token, words.body_nouns)
