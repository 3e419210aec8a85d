"""Names folded to a key that survives accents, transliteration habits and other languages' forms.

Trotsky / Trotski / Trotzki / Trotzkij, Lénine / Lenin, Moskau / Moscou / Moscow: one key each,
without a network look-up. The titles, determiners and locative words around names are language
data (``data/lang/<code>/names.yaml``); names are compared across languages, so the words of every
language are dropped from every name. Place names and given names that differ across languages are
``data/exonyms.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from annales.langdata import DATA_DIR, DataModel, Word, every_language, lang_file, load, union
from annales.vocabulary.frequency import rare, shared_name

__all__ = [
    "NameWords",
    "compatible",
    "entity_key",
    "exonym_places",
    "fold_word",
    "locative_words",
    "name_tokens",
    "name_words",
    "surname_like",
    "names_operation",
    "town_context",
]

#: Ordered rewrites of one word, from the commonest transliteration habits.
_FOLDS = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("tz", "ts"),
    ("ou", "u"),
    ("w", "v"),
    ("ph", "f"),
    ("kh", "h"),
    ("ck", "k"),
    ("y", "i"),
    ("j", "i"),
    ("ii", "i"),
)
_REGNAL = re.compile(r"[IVXL]+")
#: Two or more initials written together, an abbreviation read as one word ("U.S.", "U.S.S.R.", "J.F.K.").
_ABBREVIATION = re.compile(r"\b(?:[^\W\d_]\.){2,}(?!\w)")


class NamesFile(DataModel):
    """The schema of ``data/lang/<code>/names.yaml``."""

    #: Titles and ranks before a name ("Queen", "Königin").
    titles: list[Word] = []
    #: Words inside a name that are not the name, as folded ("the", "l").
    determiners: list[Word] = []
    #: Words before a mention that make it a place whatever the model says ("exiled to Alma-Ata").
    locatives: list[Word] = []
    #: Definite articles: one before a surname makes it a people's name or a thing's ("the Germans", « les Grant »).
    articles: list[Word] = []
    #: The ordinal forms of a regnal "I" after a name, as written ("Alexandre Ier").
    first_regnal: list[Word] = []
    #: Nouns of a kind of place: a name after one and its "of" is a place ("the village of Waterloo").
    place_nouns: list[Word] = []
    #: The "of" between such a noun and the name ("of", "de", "d'").
    place_of: list[Word] = []
    #: Nouns of a kind of settlement: "the city" alone stands for the last town named before it ("Richmond … The
    #: city was the symbol of the Confederacy").
    settlement_nouns: list[Word] = []
    #: Nouns of an office: a "name" that is one of them and no name of its own ("Secrétaire général du Comité
    #: Central", "General Secretary of the Party") names an office, not a person.
    offices: list[Word] = []
    #: A ship's prefix as written ("USS", "HMS"): the name after it is a vessel.
    vessel_prefixes: list[Word] = []
    #: Nouns of a kind of ship: the name right after one is a vessel ("the battleship Bismarck").
    vessel_nouns: list[Word] = []
    #: Words that open the name of a military operation, as written ("Operation Red Dawn"): an event's name, no
    #: one who takes part and nowhere.
    operation_words: list[Word] = []
    #: Lower-case particles between a given name and a surname, as written ("von" in "Karl-Wilhelm von
    #: Schlieben"): a rare capitalised word after one still belongs to the person's name.
    surname_particles: list[Word] = []
    #: Nouns of a kind of building or site, as written in lower case: a name the model opens with one is a place
    #: ("hôpital Jeanne-d'Arc de Toul", "lycée Victor-Hugo"), whatever label it gave.
    building_nouns: list[Word] = []
    #: Prefixes that name a part of a country or a continent with its name, as written: joined as they are when
    #: they end in a hyphen or a space ("Nord-Vietnam", "North Vietnam"), else compounded with the name in lower
    #: case ("Süd" + "Vietnam": Südvietnam).
    region_prefixes: list[Word] = []
    #: The endings this language writes on a name for its genitive, before the noun it belongs to, with no
    #: apostrophe ("Hitlers Befehl", "Spaniens Diktator"): read for this language only.
    genitive_suffixes: list[Word] = []
    #: The language writes every noun with a capital (German): a lower-case word that opens a name is an
    #: adjective or a verb the model took in ("neuen südvietnamischen Präsident Nguyễn Văn Thiệu", "ging
    #: Paulus"), read for this language only.
    capitalised_nouns: bool = False
    #: Words before a name of the gazetteer that make it a place there, though not any name ("from Dunkirk", not
    #: "from Lenin"), read for this language only.
    town_prepositions: list[Word] = []
    #: Verbs, as lemmas, whose object right after them is a place when the gazetteer knows its name ("captured
    #: Enugu"), read for this language only.
    place_verbs: list[Word] = []


class Exonyms(DataModel):
    """The schema of ``data/exonyms.yaml``: groups of forms of one referent, the canonical form first."""

    places: list[list[Word]] = []
    given_names: list[list[Word]] = []


@dataclass(frozen=True)
class NameWords:
    """The words around names in every language annales has data for."""

    #: Titles as :func:`fold_word` leaves them, which is how names are compared.
    titles: frozenset[str]
    determiners: frozenset[str]
    locatives: frozenset[str]
    first_regnal: frozenset[str]
    place_nouns: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    place_of: frozenset[str] = frozenset()
    settlement_nouns: frozenset[str] = frozenset()
    offices: frozenset[str] = frozenset()
    vessel_prefixes: frozenset[str] = frozenset()
    vessel_nouns: frozenset[str] = frozenset()
    operation_words: frozenset[str] = frozenset()
    surname_particles: frozenset[str] = frozenset()
    building_nouns: frozenset[str] = frozenset()
    region_prefixes: frozenset[str] = frozenset()


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def surname_like(word: str, lang: str) -> bool:
    """Whether a capitalised word may be a surname the models missed: one its language rarely uses ("Farragut"), or
    one other languages use about as often (:func:`shared_name`: "Rommel", "Sherman"), which no title is ("Admiral")."""
    return rare(word, lang) or (shared_name(word, lang) and fold_word(word) not in name_words().titles)


def fold_word(word: str) -> str:
    """One word folded to its transliteration-neutral form."""
    w = _ascii(word).lower()
    w = re.sub(r"[^a-z0-9]", "", w)
    for old, new in _FOLDS:
        w = w.replace(old, new)
    w = re.sub(r"(.)\1+", r"\1", w)
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]  # French and German final -e: Lénine, Staline, Trotzkie
    return w


@lru_cache(maxsize=1)
def name_words() -> NameWords:
    """The titles, determiners and locative words of every language with a ``names.yaml``."""
    files = [data for _, data in every_language("names.yaml", NamesFile)]
    return NameWords(
        titles=union(files, lambda d: d.titles, fold_word),
        determiners=union(files, lambda d: d.determiners, str),
        locatives=union(files, lambda d: d.locatives, str),
        first_regnal=union(files, lambda d: d.first_regnal, str),
        place_nouns=union(files, lambda d: d.place_nouns),
        articles=union(files, lambda d: d.articles, str),
        place_of=union(files, lambda d: d.place_of),
        settlement_nouns=union(files, lambda d: d.settlement_nouns),
        offices=union(files, lambda d: d.offices),
        vessel_prefixes=union(files, lambda d: d.vessel_prefixes, str),
        vessel_nouns=union(files, lambda d: d.vessel_nouns),
        operation_words=union(files, lambda d: d.operation_words, str),
        surname_particles=union(files, lambda d: d.surname_particles, str),
        building_nouns=union(files, lambda d: d.building_nouns),
        region_prefixes=union(files, lambda d: d.region_prefixes, str),
    )


@lru_cache(maxsize=16)
def _language_names(lang: str) -> NamesFile:
    """``lang``'s own ``names.yaml``, for what is read for that language only; empty without the file."""
    path = lang_file(lang, "names.yaml")
    return load(path, NamesFile) if path.is_file() else NamesFile()


def capitalised_nouns(lang: str) -> bool:
    """Whether ``lang`` writes every noun with a capital (its ``names.yaml``), so that a lower-case word opening
    a name is no part of it."""
    return _language_names(lang).capitalised_nouns


@lru_cache(maxsize=16)
def genitive_suffixes(lang: str) -> tuple[str, ...]:
    """The genitive endings ``lang`` writes on names (its ``names.yaml``), longest first; none for a language
    without them or without the file."""
    return tuple(sorted((str(w) for w in _language_names(lang).genitive_suffixes), key=len, reverse=True))


@lru_cache(maxsize=16)
def town_context(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """``lang``'s words before a name of the gazetteer that make it a place there: prepositions ("from Dunkirk")
    and the lemmas of verbs whose object is a place ("captured Enugu"); none for a language without them."""
    names = _language_names(lang)
    return frozenset(str(w) for w in names.town_prepositions), frozenset(str(w) for w in names.place_verbs)


def names_operation(name: str) -> bool:
    """Whether a name is a military operation's ("Operation Red Dawn", "Unternehmen Barbarossa"):
    ``operation_words`` of the languages' ``names.yaml``, then a name."""
    words = name.split()
    return len(words) > 1 and words[0] in name_words().operation_words


def locative_words() -> frozenset[str]:
    """Words before a mention that make it a place, in every language (see ``names.yaml``)."""
    return name_words().locatives


def _plain_tokens(name: str) -> tuple[str, ...]:
    drop = name_words()
    # (without this, every initial is dropped and "U.S." and "U.N." were the same empty name)
    name = _ABBREVIATION.sub(lambda m: m.group().replace(".", ""), name)
    words = [w for w in re.split(r"[\s\-‐–’'.]+", name) if w]
    # A regnal number after a name is part of it, as written: Nicholas I is not Nicholas II.
    words = ["I" if i and w in drop.first_regnal else w for i, w in enumerate(words)]  # Alexandre Ier
    folded = [w.lower() if i and _REGNAL.fullmatch(w) else fold_word(w) for i, w in enumerate(words)]
    return tuple(
        w
        for i, w in enumerate(folded)
        if (len(w) > 1 or (i and _REGNAL.fullmatch(words[i]))) and w not in drop.determiners and w not in drop.titles
    )


@lru_cache(maxsize=1)
def _exonyms_file() -> Exonyms:
    return load(DATA_DIR / "exonyms.yaml", Exonyms)


def exonym_places() -> tuple[tuple[str, ...], ...]:
    """The groups of names of one place in ``data/exonyms.yaml``, as written, the canonical form first."""
    return tuple(tuple(str(form) for form in group) for group in _exonyms_file().places)


@lru_cache(maxsize=1)
def _exonyms() -> tuple[dict[tuple[str, ...], tuple[str, ...]], dict[str, str]]:
    """Whole place names and single given names → their canonical folded form, from ``data/exonyms.yaml``."""
    data = _exonyms_file()
    places: dict[tuple[str, ...], tuple[str, ...]] = {}
    for group in data.places:
        canonical = _plain_tokens(group[0])
        for form in group:
            places.setdefault(_plain_tokens(form), canonical)
    words: dict[str, str] = {}
    for group in data.given_names:
        canonical_word = fold_word(group[0])
        for form in group:
            words.setdefault(fold_word(form), canonical_word)
    return places, words


@lru_cache(maxsize=131072)
def name_tokens(name: str) -> tuple[str, ...]:
    """The folded words of a name, without determiners, titles and initials (cached: names repeat).

    A place's other-language name folds to one form ("Moskau", "Moscou" → moscow), and so does a given name
    ("Nikolaus II" → nicholas ii).
    """
    kept = _plain_tokens(name)
    places, words = _exonyms()
    if kept in places:
        return places[kept]
    return tuple(words.get(w, w) for w in kept)


@lru_cache(maxsize=65536)
def entity_key(name: str) -> str:
    """A name's folded words as one string: the same for every spelling of the name (cached: names repeat)."""
    return " ".join(name_tokens(name))


@lru_cache(maxsize=131072)
def _token_set(name: str) -> frozenset[str]:
    return frozenset(name_tokens(name))


def compatible(a: str, b: str) -> bool:
    """Whether two names can denote the same entity (one's words contain the other's)."""
    ta, tb = _token_set(a), _token_set(b)
    if not ta or not tb:
        return False
    return ta <= tb or tb <= ta
