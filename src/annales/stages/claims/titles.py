"""Offices and the people named to them or by them, read from a parse.

A verb that names someone to an office takes the office as its second complement, and the office is no
participant ("appointed MacArthur commander", « nomma Murat roi de Naples »: :func:`office_holders`); a noun of
people or an office with the person's name set beside it stands for the person ("the new national secretary of
the Greens, Gilles Lemaire": :func:`titled_name`); a common noun whose phrase names a person is as good as named
for the event noun it completes ("the resignation of the government of Wim Kok": :func:`names_inside`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.claims.syntax import PASSIVE_SUBJECTS
from annales.vocabulary.claim_words import claim_words, listed
from annales.vocabulary.events import load_lexicon
from annales.vocabulary.names import name_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["apposed_person", "names_inside", "office_holders", "person_within", "titled_name"]

#: Complements of a verb besides its objects that can name who is named to an office: "named Yezhov commissar"
#: (an object predicate), "named him an enemy" (a dative).
_OFFICE_COMPLEMENTS = {"oprd", "dative"}


#: The most words of an of-phrase or a genitive between an office and the name set beside it after a comma ("den
#: Oberbefehlshaber des Heeres, Walther von Brauchitsch").
_COMPLEMENT_WORDS = 4

#: The dependencies on the way from a noun of people to the name set beside it.
_BESIDE = {"appos", "flat", "flat:name", "compound", "nmod", "amod", "prep", "pobj"}


def names_inside(token: Token, mentions: Sequence[Mention]) -> bool:
    """Whether a person's name is in the phrase ``token`` heads, after it ("le gouvernement de Wim Kok")."""
    return person_within(Span(token.idx + 1, token.right_edge.idx + len(token.right_edge.text)), mentions)


def person_within(span: Span, mentions: Sequence[Mention]) -> bool:
    """Whether a person's name lies wholly within ``span`` ("the government of Wim Kok")."""
    return any(m.label == "PER" and span.start <= m.span.start and m.span.end <= span.end for m in mentions)


def office_holders(head: Token, objects: list[Token], mentions: Sequence[Mention]) -> list[Token]:
    """Of the complements of a verb that names someone to an office, the ones named: "appointed MacArthur
    commander" (the parser makes MacArthur a compound of the office), "named Yezhov commissar", « nomma Murat
    roi de Naples », « nomma Iejov commissaire »; the objects as they are when none is a name ("appointed a
    commission")."""

    def named(token: Token) -> bool:
        return token.pos_ in ("PROPN", "PRON") or any(
            m.label == "PER" and m.span.start <= token.idx < m.span.end for m in mentions
        )

    if any(c.dep_ in PASSIVE_SUBJECTS for c in head.children):
        return objects  # "Stalin was elected General Secretary": the subject holds it, the complement is the office
    complements = [*objects]
    complements += [
        c
        for c in head.children
        if c not in objects
        and (c.dep_ in _OFFICE_COMPLEMENTS or (c.dep_ == "obl:mod" and c.pos_ == "PROPN" and not any(c.children)))
    ]
    holders: list[Token] = []
    for token in complements:
        if named(token):
            holders.append(token)
        else:
            holders += [c for c in token.lefts if c.dep_ == "compound" and named(c)]
    return holders or objects


def titled_name(token: Token, mentions: Sequence[Mention]) -> Mention | None:
    """The person a noun of people names, when its phrase ends with the person's name set beside it ("the new
    national secretary of the Greens, Gilles Lemaire", « le secrétaire national des Verts Gilles Lemaire »);
    not a name after a preposition ("the troops of Díaz": whose they are)."""
    if not (claim_words().names_people(token) or listed(token, name_words().offices)):
        return None
    doc = token.doc
    end = token.right_edge.idx + len(token.right_edge.text)
    name = next((m for m in mentions if m.label == "PER" and m.span.end == end and m.span.start > token.idx), None)
    span = doc.char_span(name.span.start, name.span.end, alignment_mode="expand") if name is not None else None
    if span is None or span.start == 0:
        return None
    before = doc[span.start - 1]
    if before.pos_ == "ADP" or before.dep_ == "case":
        return None
    # set beside the noun, not inside a clause that hangs from it ("le président, accompagné de son épouse
    # Laura"; "the army of Orozquistas, who were called the Colorados") nor one of several ("officers, Ewell
    # and Anderson")
    node = span.root
    if node.dep_ == "conj":
        return None
    while node != token:
        if node.dep_ not in _BESIDE or node.head == node:
            return None
        node = node.head
    return name


def apposed_person(doc: Doc, start: int, end: int, mentions: Sequence[Mention]) -> Mention | None:
    """The person named after a comma beside an office or a noun of people that runs over characters ``start`` to
    ``end``, read from the words whatever the parse made of them ("son ministre de l'Économie, Dominique
    Strauss-Kahn, …", "den Oberbefehlshaber des Heeres, Walther von Brauchitsch"): over a short of-phrase or
    genitive, a comma, a person's name, then a comma, a full stop or the end of the text. None when the phrase
    names no office nor people."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(claim_words().names_people(t) or listed(t, name_words().offices) for t in span):
        return None
    i = span.end
    of_words = load_lexicon(doc.lang_).of_words | claim_words().of_prepositions  # ("des Heeres", "of the army")
    if i < len(doc) and doc[i].lower_ in of_words:
        stop = min(len(doc), i + _COMPLEMENT_WORDS + 1)
        i = next((k for k in range(i, stop) if doc[k].text == ","), i)
    if i >= len(doc) - 1 or doc[i].text != ",":
        return None
    name = next((m for m in mentions if m.span.start == doc[i + 1].idx and m.label == "PER"), None)
    if name is None:
        return None
    after = doc.char_span(name.span.start, name.span.end, alignment_mode="expand")
    closing = after is None or after.end >= len(doc) or doc[after.end].text in (",", ".", ";", ")")
    plural = any("Plur" in t.morph.get("Number", []) for t in span)
    return name if closing and not plural else None  # (a plural noun and a list of names: the parse's apposition)
