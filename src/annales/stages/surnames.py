"""Persons the model missed, found by how a text names them: in full once, then by the surname alone.

A history names a person in full ("eine US-Flotte unter David Glasgow Farragut") and then by the surname
("Farragut stieß … vor", "Farragut eroberte …"). Where the model tagged neither, a run of two to four
capitalised words is a person when its last word is a rare word of the language (a surname, not a noun:
Zipf frequency below :data:`annales.vocabulary.frequency.RARE`), no place of the gazetteer bigger than a
town, no event noun, and the text uses it alone
elsewhere; each lone use of it is then that person too. Runs that open a sentence count only from their
second word on, as any word is capitalised there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.analyse import doc_text
from annales.stages.gazetteer import CITY, gazetteer, mention_tokens
from annales.vocabulary.events import load_lexicon
from annales.vocabulary.frequency import rare
from annales.vocabulary.names import locative_words, name_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["missed_persons", "surnames_of_persons"]

#: The longest run of capitalised words read as one name.
_LONGEST = 4


def missed_persons(sdoc: Doc, mentions: Sequence[Mention], lang: str) -> list[Mention]:
    """``mentions`` with the persons named in full and by surname that no mention covers (see the module)."""
    taken = mention_tokens(sdoc, mentions)
    tokens = list(sdoc)  # (spaCy builds a Token object on every index)
    capitals = [_capital(token, taken) for token in tokens]
    runs = _runs(tokens, capitals)
    alone: dict[str, list[Token]] = {}  # a capitalised word between words that are not (a sentence's first too)
    for i, token in enumerate(tokens):
        followed = i + 1 < len(tokens) and capitals[i + 1]
        preceded = not token.is_sent_start and capitals[i - 1]
        if capitals[i] and not followed and not preceded:
            alone.setdefault(token.text, []).append(token)
    lexicon = load_lexicon(lang)
    text = doc_text(sdoc)
    found: list[Mention] = []
    surnames: set[str] = set()
    for run in runs:
        last = run[-1]
        if len(run) < 2 or last.text not in alone or _known_place(last.text) or _known_place(" ".join(t.text for t in run)):
            continue
        # (a rare word: one other languages share may be a place of old the gazetteer does not know, "Sparta")
        if lexicon.nouns.get(last.lower_) or not rare(last.text, lang):
            continue
        found.append(_mention(text, run))
        surnames.add(last.text)
    for name in surnames:
        found += [_mention(text, [token]) for token in alone[name]]
    return sorted([*mentions, *found], key=lambda m: m.span.start)


def _runs(tokens: Sequence[Token], capitals: Sequence[bool]) -> list[list[Token]]:
    """The runs of capitalised alphabetic words (hyphens allowed) outside mentions (``capitals``), a sentence's
    first word left out."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token, capital in zip(tokens, capitals, strict=True):
        capital = capital and not token.is_sent_start
        if capital and len(current) < _LONGEST:
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = [token] if capital else []
    if current:
        runs.append(current)
    return runs


def _known_place(name: str) -> bool:
    """Whether a name is a place of the gazetteer bigger than a town ("Norfolk", not "Farragut", Tennessee)."""
    place = gazetteer().get(name)
    return place is not None and (place.unnamed(1) or place.population >= CITY)


def _capital(token: Token, taken: set[int]) -> bool:
    return token.text.replace("-", "").isalpha() and token.text[:1].isupper() and token.i not in taken


def _mention(text: str, run: Sequence[Token]) -> Mention:
    start, end = run[0].idx, run[-1].idx + len(run[-1].text)
    return Mention(Span(start, end), text[start:end], "PER")


def surnames_of_persons(sdoc: Doc, mentions: Sequence[Mention], lang: str) -> list[Mention]:
    """``mentions`` where the surname of a person the model tagged in full ("Generalmajor Sherman", "Erwin Rommel")
    stands alone elsewhere in the text ("Sherman zerstörte …"): that use is the person too, whatever the model or
    the gazetteer made of it (Sherman, Texas) or however common the name is as a word, but after a word of place
    ("in Sherman") or inside a longer name."""
    lexicon = load_lexicon(lang)
    words = {m.text.split()[-1] for m in mentions if m.label == "PER" and len(m.text.split()) >= 2}
    # (not a city or a country the model ran into a "name": "Tyrann von Athen", "Raum Basra")
    surnames = {
        w
        for w in words
        if w.isalpha() and w[:1].isupper() and len(w) > 2 and not lexicon.nouns.get(w.lower()) and not _known_place(w)
    }
    if not surnames:
        return list(mentions)
    text = doc_text(sdoc)
    locatives = locative_words()
    by_start = {m.span.start: m for m in mentions}
    taken = mention_tokens(sdoc, mentions)
    found: list[Mention] = []
    relabelled: dict[int, Mention] = {}
    articles = name_words().articles | (lexicon.word_order.articles if lexicon.word_order is not None else frozenset())
    for token in sdoc:
        if token.text not in surnames:
            continue
        before = sdoc[token.i - 1] if token.i > 0 else None
        after = sdoc[token.i + 1] if token.i + 1 < len(sdoc) else None
        if before is not None and (before.lower_ in locatives or before.lower_ in articles):
            continue  # "in Sherman": a place; "die Deutschen": a people
        if (before is not None and not token.is_sent_start and _capital(before, set())) or (
            after is not None and _capital(after, set())
        ):
            continue  # part of a longer name ("des britischen Feldmarschall Montgomery")
        span = Span(token.idx, token.idx + len(token.text))
        own = by_start.get(token.idx)
        if own is not None and own.span == span and own.label != "PER":
            relabelled[token.idx] = Mention(span, own.text, "PER")  # "Sherman" the model or the gazetteer placed
        elif token.i not in taken:
            found.append(Mention(span, text[span.start : span.end], "PER"))
    kept = [relabelled.get(m.span.start, m) for m in mentions]
    return sorted([*kept, *found], key=lambda m: m.span.start)
