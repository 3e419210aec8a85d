"""Noun phrases read from word order and articles, for a language with no parser (German runs on rules).

A phrase is an article and the words up to its capitalised noun, or a bare name ("die konföderierten Truppen",
"Farragut", "rund 1.500 Mann"); a preposition before it governs it. :mod:`~annales.stages.claims.word_order` reads
subjects and objects from these phrases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.gazetteer import gazetteer
from annales.vocabulary.claim_words import claim_words, listed
from annales.vocabulary.events import WordOrder
from annales.vocabulary.frequency import rare
from annales.vocabulary.inflection import load_verbs
from annales.vocabulary.names import fold_word, name_words, surname_like

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = [
    "OBJECT_PRONOUN",
    "Phrase",
    "adjective_like",
    "article_of",
    "first_subject",
    "name_like",
    "phrase_opening",
    "noun_end",
    "noun_phrases",
    "titled",
]

#: Tokens an article and its noun may have between them ("die konföderierten Truppen", "der 35. Staat").
#: Tokens an article and its noun may have between them ("die konföderierten Truppen", "der 35. Staat").
_MAX_PHRASE = 5
#: The article a phrase of one object pronoun takes ("ihn"): never a subject.
OBJECT_PRONOUN = "obj-pron"
#: The most adjectives read back over from a noun without an article to the preposition that governs it.
_MAX_ADJECTIVES = 2
#: An ordinal written in figures ("der 5. Armee").
_ORDINAL = re.compile(r"^\d+\.$")
#: The fewest letters of a title or a kind of place that ends a compound ("Außenminister", "Hafenstadt").
_COMPOUND_END = 4
#: The longest word read as a name the model missed (longer ones are compounds: "Süßwasserflottille").
_NAME_LENGTH = 12


@dataclass(frozen=True)
class Phrase:
    """A noun phrase read from word order: its article (lower case, "" for a bare name) and its words."""

    article: str
    start: int  # token index of its first word after the article
    end: int  # token index past its last word
    governed: bool  # whether a preposition governs it
    after: str  # the preposition, if one does

    def text(self, sent: SpacySpan) -> str:
        doc = sent.doc
        return doc[self.start : self.end].text


def article_of(phrase: Phrase, doc: Doc, order: WordOrder) -> str:
    """A phrase's article, where a count stands for one a plural's: "sieben sowjetische Armeen", "rund 1.500
    Mann" agree as "die" does, so "sie" continues them."""
    if phrase.article:
        return phrase.article
    opening = phrase_opening(doc, phrase.start, 0, order)
    counted = any(doc[k].like_num or doc[k].lower_ in order.degree_words for k in range(opening, phrase.start))
    return "die" if counted else phrase.article


def phrase_opening(doc: Doc, i: int, stop: int, order: WordOrder, most: int | None = None) -> int:
    """Where the words that open the phrase of the noun at ``i`` start, back to ``stop`` at most (and over ``most``
    words at most): numbers, degree words and adjectives ("sieben sowjetische Armeen", "Hoods erste beiden
    Angriffe": the index after "Hoods")."""
    k = i
    while k > stop and (most is None or i - k < most):
        word = doc[k - 1]
        if not (word.like_num or word.lower_ in order.degree_words or adjective_like(word, order)):
            break
        k -= 1
    return k


def name_like(word: str, lang: str, shared: bool = True) -> bool:
    """Whether a capitalised word is likely a name the model missed: a short word the language rarely uses
    ("Farragut"; not "Danach", nor a long compound, "Süßwasserflottille"), or one other languages use about as
    often, which no title is ("Rommel", "Sherman"; not "Admiral"), unless not ``shared``."""
    if not (word[:1].isupper() and word.isalpha() and len(word) <= _NAME_LENGTH):
        return False
    return surname_like(word, lang) if shared else rare(word, lang)


def _named_opening(token: Token) -> bool:
    """Whether a sentence opens with a name and its verb ("Farragut stieß … vor"): any word is capitalised there,
    so only a rare one followed by a lower-case word counts."""
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return after is not None and after.is_alpha and after.text[:1].islower() and name_like(token.text, token.doc.lang_)


def first_subject(free: Sequence[Phrase], order: WordOrder) -> Phrase | None:
    return next((p for p in free if p.article in order.subject_articles or p.article in ("", "pron")), None)


def noun_phrases(
    sent: SpacySpan, clause: tuple[int, int], mentions: Sequence[Mention], time_spans: Sequence[Span], order: WordOrder
) -> list[Phrase]:
    """The noun phrases of a clause: an article and the words up to its capitalised noun, or a bare name."""
    doc = sent.doc
    found: list[Phrase] = []
    i = clause[0]
    while i < clause[1]:
        token = doc[i]
        if any(s.start <= token.idx < s.end for s in time_spans):
            i += 1
            continue
        # (over an opening quotation mark: "im „Langen Marsch“")
        k = i - 1 if i - 1 > clause[0] and doc[i - 1].is_quote else i
        # (over a number and its words: "bei insgesamt nur zwei Gegenstimmen", "mit mehr als 300 Mann"; before a
        # noun without an article, over its adjectives: "Nach längeren Verhandlungen", "mit schweren Verlusten")
        adjectives = 0
        while k - 1 > clause[0]:
            if doc[k - 1].like_num or doc[k - 1].lower_ in order.degree_words:
                k -= 1
            elif k - 2 > clause[0] and f"{doc[k - 2].lower_} {doc[k - 1].lower_}" in order.degree_words:
                k -= 2  # "bis zu 200 Menschen": a degree of two words
            elif adjectives < _MAX_ADJECTIVES and token.text[:1].isupper() and adjective_like(doc[k - 1], order):
                k, adjectives = k - 1, adjectives + 1
            else:
                break
        before = doc[k - 1].lower_ if k > clause[0] else ""
        governed = before in order.prepositions and not _opening_conjunction(doc, k - 1, clause, order)
        lower = token.lower_
        if found and found[-1].end == i and found[-1].governed and lower not in order.articles:
            # "in Richtung Shanghai": the name runs on from the phrase ("mit einer Strategie die FNL …": an
            # article opens a phrase of its own)
            governed, before = True, found[-1].after
        if lower in order.subject_pronouns and not governed:
            found.append(Phrase("pron", i, i + 1, False, ""))
            i += 1
            continue
        if lower in order.object_pronouns and not governed:
            found.append(Phrase(OBJECT_PRONOUN, i, i + 1, False, ""))  # "ihn": an object only
            i += 1
            continue
        if lower in order.subject_articles or lower in order.object_articles or lower in order.oblique_articles:
            end = noun_end(doc, i + 1, clause[1], mentions, order)
            if end is not None:
                # "die Kontrolle der Japaner": an article right after a noun opens its genitive, no argument (not
                # after a preposition that opens the sentence: "Nach der Eroberung Pekings marschierten …")
                before_word = doc[i - 1] if i > clause[0] else None
                genitive = (
                    before_word is not None
                    and before_word.text[:1].isupper()
                    and before_word.lower_ not in order.prepositions
                    and lower in order.genitive_articles
                )
                if lower in order.oblique_articles and not governed:
                    governed, before = True, lower  # "dem Kaiser": a dative, neither subject nor object
                if not genitive:
                    found.append(Phrase(lower, i + 1, end, governed, before))
                i = end
                continue
        mention = next((m for m in mentions if m.span.start == token.idx), None)
        if mention is not None:
            end = i
            while end < clause[1] and doc[end].idx < mention.span.end:
                end += 1
            found.append(Phrase("", i, end, governed, before))
            i = end
            continue
        if token.text[:1].isupper() and token.is_alpha and (i > sent.start or _named_opening(token)):
            end = noun_end(doc, i, clause[1], mentions)  # a bare noun ("eroberten Peking", "Truppen")
            if end is not None:
                found.append(Phrase("", i, end, governed, before))
                i = end
                continue
        i += 1
    return found


def adjective_like(token: Token, order: WordOrder) -> bool:
    """Whether a word may be an adjective before its noun: lower case, with an adjective's ending, no closed or
    clause word nor a strong verb's form ("längeren", "schweren"; not "nahmen")."""
    table = load_verbs(token.doc.lang_)
    if table is None:
        return False
    word = token.lower_
    closed = word in order.closed or word in order.clause_words or table.lemma(word) is not None  # (a strong verb's form)
    return token.is_alpha and token.text[:1].islower() and not closed and any(word.endswith(e) for e in table.adjective_endings)


def _opening_conjunction(doc: Doc, i: int, clause: tuple[int, int], order: WordOrder) -> bool:
    """Whether the word at ``i``, a clause word that can be a preposition too ("als", "bis", "während"), opens its
    clause as a conjunction: followed by an article that only a subject or an object takes ("…, als die Rote Armee
    die Landenge durchbrach"; not "während der Belagerung")."""
    if i != clause[0] or doc[i].lower_ not in order.clause_words or i + 1 >= len(doc):
        return False
    article = doc[i + 1].lower_
    oblique = order.genitive_articles | order.oblique_articles
    return (article in order.subject_articles or article in order.object_articles) and article not in oblique


def noun_end(doc: Doc, start: int, stop: int, mentions: Sequence[Mention], order: WordOrder | None = None) -> int | None:
    """Past the noun an article opens: the capitalised word (and a name running on from it) within a few
    words, over lower-case adjectives and numbers, and with ``order``, over the phrase a preposition opens
    inside it ("die [von den Japanern] eroberte Stadt", "den [am 5. November 1937] angebotenen
    Waffenstillstand"); None when no noun follows. A noun, bare or after an article, ends before a name of its
    own (:func:`_apart`: "zerstörten die Perser Milet"; but "die Fregatte Merrimack")."""
    i = start
    window = _MAX_PHRASE
    nested = False
    while i < stop and i - start < window:
        token = doc[i]
        if order is not None and token.lower_ in order.prepositions:
            inner = noun_end(doc, i + 1 + (doc[i + 1].lower_ in order.articles if i + 1 < stop else 0), stop, mentions)
            if inner is None or nested:
                return None  # (one phrase inside, not a chain: ", die im Nordwesten gegen den Feldmarschall …")
            nested = True
            window += inner - i
            i = inner
            continue
        if token.text[:1].isupper():
            end = i + 1
            while end < stop and doc[end].text[:1].isupper() and doc[end].is_alpha and not _apart(doc, end, mentions):
                end += 1  # "die CSS Alabama", "die Stadt Hunan"; not "zerstörten die Perser Milet"
            mention = next((m for m in mentions if m.span.start <= token.idx < m.span.end), None)
            if mention is not None:
                while end < stop and doc[end].idx < mention.span.end:
                    end += 1
            return end
        if not (token.text[:1].islower() or token.like_num or _ORDINAL.match(token.text)) or token.is_punct:
            return None
        i += 1
    return None


def _apart(doc: Doc, i: int, mentions: Sequence[Mention]) -> bool:
    """Whether the name that opens at token ``i`` (a mention, or a rare word) is a noun phrase of its own, not the
    rest of the one before: after a common noun ("griffen deutsche Truppen Frankreich an"), not after a title, an
    office or a word for a kind of place ("General Magruder", "die Stadt Hunan") nor inside one name ("die CSS
    Alabama")."""
    word, name = doc[i - 1], doc[i]
    # (a rare word: one that other languages share may be a noun they share, "Operation Dynamo", "Monte Cassino")
    if not any(m.span.start == name.idx for m in mentions) and not name_like(name.text, doc.lang_, shared=False):
        if titled(word.text):
            return False  # "den britischen Feldmarschall Montgomery": a title's name runs on from it
        # a noun of people and a noun after it are two phrases ("hatten die Amerikaner Stellungen der Iraker
        # angegriffen"), but for a word of the name of a body ("die Truppen Ost") and a body a word of people
        # names ("von der Roten Armee")
        words = claim_words()
        return (
            words.names_people(word)
            and not listed(name, words.body_nouns)
            and name.is_alpha
            and name.text[1:].islower()
            and not rare(name.text, doc.lang_)
        )
    if any(m.span.start <= word.idx < m.span.end for m in mentions):
        return False
    if titled(word.text):
        return False  # (and their compounds: "Außenminister Stresemann", "die Fregatte Merrimack")
    if _plural_like(word.text) and _place_at(name, mentions):
        # a place after a noun of a group ("eroberten deutsche Fallschirmjäger Kreta", "die Konföderierten Galveston";
        # not "Heeresgruppe Nord", "die neue Atommacht China")
        return True
    if len(word.text) > 1 and word.text.isupper() and word.is_alpha:
        return word.text not in name_words().vessel_prefixes  # "griffen die USA Bagdad an"; but "die CSS Alabama"
    return word.text[1:].islower() and not rare(word.text, doc.lang_)


def _plural_like(word: str) -> bool:
    """Whether a German noun may be a plural by its ending (-e, -en, -er, -n, -s: "Truppen", "Fallschirmjäger")."""
    return word.endswith(_PLURAL_ENDINGS)


#: The endings of German plural nouns, the commonest of which a singular has too.
_PLURAL_ENDINGS = ("e", "n", "er", "s")


def _place_at(name: Token, mentions: Sequence[Mention]) -> bool:
    """Whether a place's name opens at ``name``: a mention the models call a place, or a name the gazetteer knows
    (but a direction, "Nord", which names a body's part: "Heeresgruppe Nord")."""
    if name.text in name_words().region_prefixes:
        return False
    return any(m.span.start == name.idx and m.label == "LOC" for m in mentions) or name.text in gazetteer()


@lru_cache(maxsize=4096)
def titled(word: str) -> bool:
    """Whether a word is a title, an office, a kind of place or of ship, or a compound ending in one, before which
    a name runs on ("General", "Außenminister", "Stadt", "Fregatte"): titles compared folded ("feldmarschal"),
    the others as written (cached: the same words come back). A compound's end is a word of
    :data:`_COMPOUND_END` letters or more: the abbreviation "gen" (General) makes no title of "Zusagen"."""
    words = name_words()
    folded, lower = fold_word(word), word.lower()
    return any(_ends_in(folded, title) for title in words.titles) or any(
        _ends_in(lower, kind) for kind in (*words.place_nouns, *words.offices, *words.vessel_nouns)
    )


def _ends_in(word: str, end: str) -> bool:
    """Whether ``word`` is ``end`` or a compound ending in it (an end of :data:`_COMPOUND_END` letters or more)."""
    return word == end or (len(end) >= _COMPOUND_END and word.endswith(end))
