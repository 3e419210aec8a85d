"""What a word of the sentence names as a participant: the mention it is in, the person a pronoun or a relative
stands for, the group a partitive counts ("sixteen of his allies"), the place a common noun names ("the port of
Tobruk"), the person an office is followed by, or else the common-noun phrase it heads, with its compounds and
adjectives and without the date the parse may have opened it with ("On 3 May 1945 British troops").

:mod:`roles` decides which words take part and in which role; this module says whom or what each names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.analyse import count_of, doc_text
from annales.stages.claims.drafts import DraftParticipant
from annales.stages.claims.syntax import antecedent, hyphen_before, hyphen_joined, of_objects, participle
from annales.stages.claims.titles import apposed_person, titled_name
from annales.stages.gazetteer import gazetteer
from annales.vocabulary.claim_words import claim_words, listed
from annales.vocabulary.names import name_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from annales.stages.claims.coreference import Coreference

__all__ = ["REGNAL", "after_date", "participant", "participant_for", "town_before"]

#: A regnal numeral the parser may take for the pronoun "I" ("met Alexander I").
REGNAL = re.compile(r"[IVX]{1,4}")


def participant(
    token: Token, role: str, mentions: Sequence[Mention], persons: Coreference, avoid: Sequence[str] = ()
) -> DraftParticipant:
    """The participant a token stands for, remembering where the text names it (``at``)."""
    found = participant_for(token, role, mentions, persons, avoid)
    return DraftParticipant(found.role, found.name, found.span, found.label, token.idx)


def participant_for(
    token: Token, role: str, mentions: Sequence[Mention], persons: Coreference, avoid: Sequence[str]
) -> DraftParticipant:
    """The participant a token stands for. ``avoid`` names the clause's subjects: an object pronoun is
    someone else ("Joséphine had given him no heir", "Lénine a critiqué Trotsky, l'accusant")."""
    for m in mentions:
        if m.span.start <= token.idx < m.span.end:
            # (an office the model took for a name, with the person after it: « son ministre de l'Économie, Dominique
            # Strauss-Kahn »)
            person = apposed_person(token.doc, m.span.start, m.span.end, mentions) if m.label == "MISC" else None
            return DraftParticipant(role, (person or m).text, (person or m).span, (person or m).label)
    noun = antecedent(token) if token.dep_ else None
    if noun is not None:  # "Rosen, who led air attacks": Rosen
        return participant_for(noun, role, mentions, persons, avoid)
    person = persons.referent(token, avoid) or (persons.titled(token) or persons.demonstrated(token) if token.dep_ else None)
    if person is not None:
        return DraftParticipant(role, person.text, person.span, person.label)
    # Without a parse the tree is the tokenizer's, which spaCy leaves undefined (and unsafe to walk) after
    # some of its special cases ("):"): only a parsed token has dependents to read.
    parsed = bool(token.dep_)
    compounds = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] if parsed else []
    if REGNAL.fullmatch(token.text) and compounds:  # "met Alexander I": the parser took the numeral for "I"
        start = compounds[0].idx
        return DraftParticipant(
            role, "".join(t.text_with_ws for t in (*compounds, token)).strip(), Span(start, token.idx + len(token.text)), "PER"
        )
    words = claim_words()
    if parsed and listed(token, words.group_quantifiers) and not any(c.dep_ in ("prep", "nmod") for c in token.children):
        counted = persons.group(token, avoid)  # "… legionnaires were flown into Biafra, but most returned": them
        if counted is not None:
            return DraftParticipant(role, counted.text, counted.span, counted.label)
    if token.pos_ == "PRON" or (not parsed and token.lower_ in words.subject_pronouns):
        # a pronoun for no one the text names is nobody to cite (without a parse, "sie" has no tag to say so)
        return DraftParticipant(role, "", Span(token.idx, token.idx + len(token.text)))
    group = _partitive(token) if parsed else None
    if group is not None:  # "16 des alliés de Trotsky", "sixteen of his allies": the allies
        return participant_for(group, role, mentions, persons, avoid)
    held = _held(token) if parsed else None
    if held is not None:  # "seized control of the Tennessee River": the river
        return participant_for(held, role, mentions, persons, avoid)
    group = _counted_again(token) if parsed else None
    if group is not None:  # "All sixteen", « Tous les 16 »: the group counted so before, named with its sentence's names
        return participant_for(group, role, persons.mentions, persons, avoid)
    named = _named_place(token, mentions) if parsed else None
    if named is not None:  # "the port of Tobruk", "la ville de Toulon": the place
        return DraftParticipant(role, named.text, named.span, "LOC")
    named = _described_place(token, persons.mentions) if parsed else None
    if named is not None:  # "Richmond … The city was the symbol of the Confederacy": Richmond
        return DraftParticipant(role, named.text, named.span, "LOC")
    titled = titled_name(token, mentions) if parsed else None
    if titled is not None:  # "the new national secretary of the Greens, Gilles Lemaire": the person named
        return DraftParticipant(role, titled.text, titled.span, "PER")
    # A common-noun phrase: the token with its compounds and adjectives.
    # (not a participle: "the diminished Commonwealth forces" are the Commonwealth forces)
    left = (
        [c for c in token.lefts if c.dep_ in ("compound", "amod", "nummod", "flat", "flat:name") and not participle(c)]
        if parsed
        else []
    )
    left = [c for c in left if not any(t.is_quote for t in token.doc[c.i : token.i])]  # not 'the “democrat” Miliukov'
    # a compound's own compounds too: "Force K members" (Force hangs from K), "Red Army Air Force pilots" (and an
    # adjective's own: "North Korean troops")
    for c in left:
        left += [g for g in c.lefts if (c.dep_, g.dep_) in (("compound", "compound"), ("amod", "amod")) and g not in left]
    right = [c for c in token.rights if c.dep_ in ("flat", "flat:name", "compound", "amod")] if parsed else []
    start = min([token.idx] + [c.idx for c in left])
    end = max([token.idx + len(token.text)] + [c.idx + len(c.text) for c in right])
    first = min([token.i] + [c.i for c in left])
    while hyphen_before(token.doc, first):
        first -= 2  # "the Soviet-Japanese Neutrality Pact": the name runs on over the hyphen
        start = token.doc[first].idx
    last = max([token.i] + [c.i for c in right])
    owner = _named_owner(token, mentions) if parsed else None
    if owner is not None and owner.i < first:  # "Madero's army": whose they are
        first, start = owner.left_edge.i, owner.left_edge.idx
    elif owner is not None and owner.i > last:  # « les troupes de Díaz », "the troops of Díaz"
        name = next(m for m in mentions if m.span.start <= owner.idx < m.span.end)
        last = max(t.i for t in token.doc[owner.i : owner.right_edge.i + 1] if t.idx < name.span.end)
        end = token.doc[last].idx + len(token.doc[last].text)
    text = token.doc[first : last + 1].text
    person = apposed_person(token.doc, start, end, mentions) if token.pos_ == "NOUN" else None
    if person is not None:  # "the commander of the army, Walther von Brauchitsch": the person
        return DraftParticipant(role, person.text, person.span, person.label)
    return DraftParticipant(role, text, Span(start, end), "PER" if token.pos_ == "PROPN" else None)


def after_date(drafted: DraftParticipant, time_spans: Sequence[Span], doc: Doc) -> DraftParticipant:
    """A common-noun phrase the parse opened with the date before it ("On 3 May 1945 British troops"): the words
    after the date."""
    if drafted.label is not None:
        return drafted
    opening = [t for t in time_spans if t.start <= drafted.span.start < t.end]
    if not opening or max(t.end for t in opening) >= drafted.span.end:
        return drafted
    start = max(t.end for t in opening)
    text = doc_text(doc)
    while start < drafted.span.end and not text[start].isalnum():
        start += 1
    name = " ".join(text[start : drafted.span.end].split())
    return replace(drafted, name=name, span=Span(start, drafted.span.end))


def _named_owner(token: Token, mentions: Sequence[Mention]) -> Token | None:
    """The word naming the person or body a common noun of people belongs to: its possessor ("Madero's army")
    or its of-phrase (« les troupes de Díaz », "the army of Madero"), when a person's or a body's name."""
    if not claim_words().names_people(token):
        return None
    owners = [c for c in token.lefts if c.dep_ in ("poss", "nmod:poss")] + [o for o in of_objects(token) if o.i > token.i]
    return next(
        (o for o in owners if any(m.label in ("PER", "ORG") and m.span.start <= o.idx < m.span.end for m in mentions)), None
    )


def _named_place(token: Token, mentions: Sequence[Mention]) -> Mention | None:
    """The name a noun of a kind of place is followed by ("the port of Tobruk", "la ville de Toulon", "die Stadt
    von Hunan"): ``place_nouns`` and ``place_of`` of the languages' ``names.yaml``."""
    words = name_words()
    if (token.lemma_ or token.lower_).lower() not in words.place_nouns and token.lower_ not in words.place_nouns:
        return None
    for child in token.children:
        target = None
        if child.dep_ == "prep" and child.lower_ in words.place_of:  # English: of -> pobj
            target = next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ in ("nmod", "appos", "flat", "flat:name") and (
            child.dep_ != "nmod" or any(c.dep_ == "case" and c.lower_ in words.place_of for c in child.children)
        ):
            target = child  # UD: the name, its "de" a case; "la ville Toulon"
        if target is not None:
            found = next((m for m in mentions if m.span.start <= target.idx < m.span.end), None)
            if found is not None:
                return found
    return None


def _sentences_before(token: Token, count: int) -> int:
    """The index of the first word of the sentence ``count`` sentences before ``token``'s (or of the first)."""
    start = token.sent.start
    for _ in range(count):
        start = token.doc[start - 1].sent.start if start > 0 else start
    return start


#: How many sentences before its own a count may count the group it stands for again.
_COUNTED_BACK = 2


def _counted_again(token: Token) -> Token | None:
    """The group a bare count stands for, counted the same a sentence or two before: "16 des alliés de Trotsky
    ont été accusés … Tous les 16 ont été reconnus coupables", "sixteen of his allies … All sixteen were
    convicted", "the 17 defendants … the 17 were shot"; None if ``token`` is no such count."""
    value = count_of(token) if token.pos_ == "NUM" else None
    if value is None or token.dep_ == "nummod" or any(c.dep_ in ("prep", "nmod", "obl") for c in token.children):
        return None
    doc = token.doc
    for earlier in reversed(doc[_sentences_before(token, _COUNTED_BACK) : token.sent.start]):
        if count_of(earlier) != value:
            continue  # (a day of a month is no partitive nor a plural noun's count: "le 16 août")
        group = _partitive(earlier)
        if group is None and earlier.dep_ == "nummod" and "Plur" in earlier.head.morph.get("Number", []):
            group = earlier.head  # "the 17 defendants"
        if group is not None:
            return group
    return None


def _held(token: Token) -> Token | None:
    """What a noun of holding (``hold_nouns``: "control", « contrôle ») is of, if ``token`` is one with an
    of-phrase: "seized control of the Tennessee River", « prit le contrôle de Kiev »."""
    if not listed(token, claim_words().hold_nouns):
        return None
    return next((o for o in of_objects(token) if o.i > token.i), None)


#: How many sentences before its own "the city" may look for the town it stands for.
_DESCRIBED_BACK = 2


def _described_place(token: Token, mentions: Sequence[Mention]) -> Mention | None:
    """The town a definite noun of a kind of settlement stands for alone (``settlement_nouns``: "Richmond … The
    city was the symbol of the Confederacy", "betrayed the city to the Persians", « la ville »): the last place
    named in its sentence or the two before that the gazetteer does not know as a country, a continent or a
    state; None where the noun has a name of its own ("the city of Lindos": :func:`_named_place`), a modifier
    of its own or qualifies another ("the city boys", "city-states")."""
    if (
        not listed(token, name_words().settlement_nouns)
        or token.dep_ == "compound"
        or hyphen_joined(token.doc, Span(token.idx, token.idx + len(token.text)))
    ):
        return None
    if not any("Def" in c.morph.get("Definite", []) for c in token.children if c.dep_ == "det"):
        return None
    if any(c.dep_ in ("amod", "compound", "nmod:poss", "poss") for c in token.children):
        return None  # "the Confederate capital was moved to Richmond": a role, not the town named before
    return town_before(token, mentions)


def town_before(token: Token, mentions: Sequence[Mention]) -> Mention | None:
    """The town a noun of a kind of settlement at ``token`` stands for: the last place of ``mentions`` named before
    it in its sentence or the two before that the gazetteer does not know as a country, a continent or a state, or a
    body's name the gazetteer knows as a town."""
    lowest = token.doc[_sentences_before(token, _DESCRIBED_BACK)].idx
    known = gazetteer()
    for mention in reversed(mentions):
        if mention.span.end > token.idx or mention.span.start < lowest:
            continue
        words = mention.text.split()
        bare = " ".join(words[1:]) if len(words) > 1 and words[0].islower() else mention.text  # "the United States"
        place = known.get(bare)
        # (or a town the model took for a body: "In 1793 Toulon, the great naval port …, was held by royalists")
        if (mention.label == "LOC" and (place is None or place.kind == "city")) or (
            mention.label == "ORG" and place is not None and place.kind == "city"
        ):
            return mention
    return None


def _partitive(token: Token) -> Token | None:
    """The group a number, a noun of quantity or a quantifier counts out of ("16 des alliés", "sixteen of the allies",
    "hundreds of civilians", "most of the legionnaires"), if ``token`` is such a word."""
    words = claim_words()
    if not (token.like_num or token.pos_ == "NUM" or listed(token, words.quantity_nouns | words.group_quantifiers)):
        return None
    of = words.of_prepositions
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in of:  # English: of -> pobj
            return next((g for g in child.children if g.dep_ == "pobj"), None)
        if child.dep_ in ("nmod", "obl") and any(c.dep_ == "case" and c.lower_ in of for c in child.children):
            return child  # UD: the noun, its "des" a case
    return None
