"""Sentences, tokens and entity mentions: one spaCy pipeline per language.

Pipelines load lazily and once per process. Which package serves which
language is data (``data/models.yaml``), so the code names no model. A
language with no installed spaCy package is served by annales' own syntax
model when the package ships one (``models/syntax-<code>``: tagger,
lemmatizer and parser trained on Universal Dependencies), else by a
rule-only pipeline (tokenizer and sentencizer): claims still find their
triggers, but without a parse.
"""

from __future__ import annotations

import importlib.util
import re
from bisect import bisect_left, insort
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annales.errors import DataError, ModelMissingError
from annales.langdata import DATA_DIR, DataModel, lang_file, load, read_yaml
from annales.records import Mention, Span
from annales.stages import simple_past, verb_lemmas
from annales.vocabulary.claim_words import listed
from annales.vocabulary.events import load_event_types, load_lexicon
from annales.vocabulary.inflection import load_verbs
from annales.vocabulary.names import capitalised_nouns, locative_words, name_words, surname_like

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

DATA = DATA_DIR
MODELS = Path(__file__).resolve().parent.parent / "models"

#: Same-length substitutions applied before tagging: curly apostrophes make the
#: French model split "l’hiver" badly and invent entities. Length is kept so
#: offsets need no map.
_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u202f": " ", "\u00ad": "-"})

#: Words before a mention that make it a place whatever the model says
#: ("exiled to Alma-Ata", "exilé dans la lointaine Alma-Ata"), in every language (``names.yaml``).
LOCATIVE = locative_words()
_LOCATIVE_GAP = {"DET", "ADJ", "ADV"}


@dataclass(frozen=True)
class ModelInfo:
    lang: str
    package: str | None


class StockNames(DataModel):
    """Which of the spaCy package's names to keep where annales' own model found nothing."""

    labels: list[str] = []
    min_tokens: int = 2


class ModelTable(DataModel):
    """The schema of ``data/models.yaml``."""

    #: Language → spaCy packages, tried in order.
    packages: dict[str, list[str]] = {}
    #: Language → folder of annales' own NER model under ``models/``.
    ner: dict[str, str] = {}
    #: Language → folder of annales' own syntax model under ``models/`` (part of speech, morphology, lemmas,
    #: a Universal Dependencies parse), for a language no installed spaCy package serves.
    syntax: dict[str, str] = {}
    #: Languages whose separable verb particle belongs in the verb's lemma ("griff … an": angreifen), the
    #: form their event lexicons list.
    particle_lemmas: list[str] = []
    stock_names: StockNames = StockNames()
    #: Model labels of names that a locative word before them does not make places ("in Pravda").
    unplaced: list[str] = []
    #: Model label → coarse label.
    labels: dict[str, str] = {}


@lru_cache(maxsize=1)
def _config() -> ModelTable:
    return load(DATA / "models.yaml", ModelTable)


def model_for(lang: str) -> ModelInfo:
    """The installed package that serves ``lang``, or none."""
    for package in _config().packages.get(lang, []):
        if importlib.util.find_spec(package) is not None:
            return ModelInfo(lang, package)
    return ModelInfo(lang, None)


def _register_components() -> None:
    from spacy.language import Language

    if "annales_paragraphs" in Language.factories:
        return

    @Language.component("annales_hold_stock_ents")
    def hold_stock_ents(doc: Doc) -> Doc:
        """Keep the spaCy package's entities aside (``doc.spans["stock_ents"]``) for annales' own NER."""
        doc.spans["stock_ents"] = list(doc.ents)
        doc.set_ents([], default="missing")
        return doc

    @Language.component("annales_add_stock_names")
    def add_stock_names(doc: Doc) -> Doc:
        """Where annales' historical model found nothing, keep the package model's multi-word person names
        ("Joséphine de Beauharnais" in modern prose): the two models know different centuries. A name
        that only adds a given name before a place the historical model found is kept too."""
        rule = _config().stock_names
        labels = set(rule.labels)
        min_tokens = rule.min_tokens
        kept = list(doc.ents)
        changed = False
        for span in doc.spans.get("stock_ents", []):
            if span.label_ not in labels or (len(span) < min_tokens and "-" not in span.text):
                continue
            inside = [e for e in kept if e.start < span.end and span.start < e.end]
            # "Marie-Louise d'Autriche": a name ending in a place the historical model tagged alone.
            if all(e.label_ == "loc" and span.start < e.start and e.end <= span.end for e in inside):
                kept = [e for e in kept if e not in inside] + [span]
                changed = True
        if changed:
            doc.ents = sorted(kept, key=lambda span: span.start)
        return doc

    @Language.component("annales_paragraphs")
    def paragraphs(doc: Doc) -> Doc:
        """A paragraph break (a blank line in the repaired text) always ends a sentence.

        Without this, a heading without final punctuation is glued to the first
        sentence under it.
        """
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if previous.is_space and previous.text.count("\n") >= 2 or "\n\n" in previous.whitespace_:
                token.is_sent_start = True
            elif after_initial(doc, token):
                token.is_sent_start = False  # "Maj. Gen. Jubal A. Early in a series of battles"
        return doc


def _time_data(lang: str) -> dict[str, Any]:
    """The language's time data (time.yaml), of which the time stage owns the schema: only its month names,
    its number words and its ordinals are read here."""
    path = lang_file(lang, "time.yaml")
    return (read_yaml(path) or {}) if path.is_file() else {}


@lru_cache(maxsize=16)
def month_words(lang: str) -> frozenset[str]:
    """The language's month names, folded to lower case (from its time data), for sentence boundaries."""
    return frozenset(str(name).lower().rstrip(".") for names in _time_data(lang).get("months", []) for name in names)


@lru_cache(maxsize=16)
def number_words(lang: str) -> frozenset[str]:
    """The language's number words ("vier", "trois"), folded to lower case, from its time data."""
    return frozenset(number_values(lang))


@lru_cache(maxsize=16)
def number_values(lang: str) -> dict[str, int]:
    """The language's number words with their values ("sixteen": 16, « seize »: 16), from its time data."""
    return {str(word).lower(): int(value) for word, value in (_time_data(lang).get("numbers") or {}).items()}


def count_of(token: Any) -> int | None:
    """The number a word writes ("16", "sixteen", « seize »), if it is one."""
    if token.text.isdigit():
        return int(token.text)
    return number_values(token.doc.lang_).get(token.lower_)


@lru_cache(maxsize=16)
def ordinal_words(lang: str) -> frozenset[str]:
    """The language's ordinal words ("third", « troisième », „dritte“), folded to lower case, from its time data."""
    return frozenset(str(word).lower() for word in (_time_data(lang).get("ordinals") or {}))


_ROMAN = re.compile(r"^[IVXL]+$")
#: A year with the sentence's full stop attached, as the German tokenizer leaves it ("1821.").
_YEAR_STOP = re.compile(r"^\d{3,4}\.$")


#: A capital that may be a name's initial: not one of the roman numerals that end a sentence as often ("World War
#: I.", "Charles V.", "Pius X.").
_INITIAL = re.compile(r"[A-HJ-UWYZ]")


def after_initial(doc: Doc, token: Any) -> bool:
    """Whether a capitalised word follows the initial inside a person's name ("Maj. Gen. Jubal A. Early", "President
    Harry S. Truman"): a capital and its full stop after a capitalised word that a title's abbreviation or another
    capitalised word comes before; not "organised as Force K. Some 600 escaped" nor "World War I. The"."""
    if not token.text[:1].isupper() or token.i < 3:
        return False
    initial = doc[token.i - 1]
    if len(initial.text) == 2 and initial.text[1] == "." and _INITIAL.fullmatch(initial.text[0]):
        given = doc[token.i - 2]
    elif initial.text == "." and not doc[token.i - 2].whitespace_ and _INITIAL.fullmatch(doc[token.i - 2].text):
        given = doc[token.i - 3]
    else:
        return False
    if given.i < 1 or not given.is_alpha or not given.text[:1].isupper():
        return False
    before = doc[given.i - 1]  # (not an article that opens the sentence: "Die Heeresgruppe B. Die Armee …")
    title = before.text.endswith(".") and before.text[:-1].isalpha()
    return before.text[:1].isupper() and (title or (before.is_alpha and not _function_word(before)))


def _false_boundary(doc: Doc, token: Any, months: frozenset[str]) -> bool:
    """Whether a sentence start after a full stop is really inside a sentence: a lower-case word goes on
    ("Ludwig XVI. begann"), and so does a month after a day number ("am 5. Mai 1821", "le 1. mars") and the name
    after an initial (:func:`after_initial`)."""
    if after_initial(doc, token):
        return True
    if token.i < 2 or doc[token.i - 1].text != "." or doc[token.i - 1].whitespace_ == "":
        return False
    before = doc[token.i - 2]
    if token.text[:1].islower():
        return before.is_digit or bool(_ROMAN.match(before.text)) or len(before.text) == 1
    return before.is_digit and len(before.text) <= 2 and token.lower_ in months


def _register_boundaries() -> None:
    from spacy.language import Language

    if "annales_boundaries" in Language.factories:
        return

    @Language.component("annales_boundaries")
    def boundaries(doc: Doc) -> Doc:
        """After the sentencizer: no sentence break after an ordinal's or an initial's full stop."""
        months = month_words(doc.lang_)
        for token in doc[1:]:
            if token.is_sent_start and _false_boundary(doc, token, months):
                token.is_sent_start = False
            elif _YEAR_STOP.match(doc[token.i - 1].text) and token.text[:1].isupper():
                token.is_sent_start = True  # "Er starb 1821. Danach …": the tokenizer keeps "1821." whole
        return doc


def _register_particle_lemmas() -> None:
    from spacy.language import Language

    if "annales_particle_lemmas" in Language.factories:
        return

    @Language.component("annales_particle_lemmas")
    def particle_lemmas(doc: Doc) -> Doc:
        """After the parser: a verb's separable particle joins its lemma ("griff … an" → angreifen, as the
        participle "angegriffen" already lemmatises)."""
        for token in doc:
            head = token.head
            if token.dep_ == "compound:prt" and token.is_alpha and head.i != token.i and head.pos_ in ("VERB", "AUX"):
                particle, lemma = token.lower_, head.lemma_ or head.lower_
                if not lemma.lower().startswith(particle):
                    head.lemma_ = particle + lemma
        return doc


@lru_cache(maxsize=16)
def ner_model(lang: str) -> Path | None:
    """The folder of annales' own NER model for ``lang``, if the package has one."""
    return _own_model(_config().ner.get(lang))


@lru_cache(maxsize=16)
def syntax_model(lang: str) -> Path | None:
    """The folder of annales' own syntax model for ``lang``, if the package has one."""
    return _own_model(_config().syntax.get(lang))


def _own_model(name: str | None) -> Path | None:
    if not name:
        return None
    folder = MODELS / str(name)
    return folder if (folder / "config.cfg").is_file() else None


@lru_cache(maxsize=8)
def pipeline(lang: str, *, own_ner: bool = True) -> Language:
    """The spaCy pipeline for ``lang``, loaded on first use; with annales' NER model for the language
    when it has one (``own_ner=False``: the spaCy package as it comes, for comparison)."""
    import spacy

    _register_components()
    info = model_for(lang)
    syntax = syntax_model(lang) if info.package is None else None
    if info.package is None and syntax is None:
        try:
            nlp = spacy.blank(lang)
        except Exception:  # spaCy has no tokenizer rules for this code
            nlp = spacy.blank("xx")
        nlp.add_pipe("annales_paragraphs")
        nlp.add_pipe("sentencizer")
        _register_boundaries()
        nlp.add_pipe("annales_boundaries")
        if load_verbs(lang) is not None:  # no lemmatizer: verb lemmas from the language's verb table
            verb_lemmas.register()
            nlp.add_pipe("annales_verb_lemmas")
    else:
        source = info.package or str(syntax)
        try:
            nlp = spacy.load(source)
        except (OSError, ValueError) as exc:
            raise ModelMissingError(f"spaCy model {source} for '{lang}' cannot be loaded: {exc}") from exc
        first = "parser" if "parser" in nlp.pipe_names else ("senter" if "senter" in nlp.pipe_names else None)
        if first is not None:
            nlp.add_pipe("annales_paragraphs", before=first)
        if syntax is not None:
            # annales' syntax models learnt sentence ends from a few hundred treebank documents and break
            # inside names ("Nathaniel P. | Banks"): the rules set the sentences and the parser keeps to them.
            nlp.add_pipe("sentencizer", before="annales_paragraphs")
            _register_boundaries()
            nlp.add_pipe("annales_boundaries", after="annales_paragraphs")
        # (the French simple past, which the package's model hardly knows, shown to it as a present)
        simple_past.add_to(nlp, lang)
        if lang in _config().particle_lemmas and "parser" in nlp.pipe_names:
            _register_particle_lemmas()
            nlp.add_pipe("annales_particle_lemmas", after="parser")
    folder = ner_model(lang) if own_ner else None
    if folder is not None:
        try:
            trained = spacy.load(folder)
        except (OSError, ValueError) as exc:
            raise ModelMissingError(f"annales NER model {folder} for '{lang}' cannot be loaded: {exc}") from exc
        stock = "ner" in nlp.pipe_names
        if stock:
            nlp.add_pipe("annales_hold_stock_ents", after="ner")
        nlp.add_pipe("ner", name="annales_ner", source=trained)
        if stock:
            nlp.add_pipe("annales_add_stock_names")
    return nlp


#: A name ending in an abbreviation of single letters ("U.S", "J.F"), whose last stop was stripped with the punctuation.
_ABBREVIATION = re.compile(r"(?:^|[\s.])\w\.\w$")


def normalise(text: str) -> str:
    """Same-length normalisation applied before tagging."""
    return text.translate(_NORMALISE)


def analyse(text: str, lang: str) -> Doc:
    """Run the pipeline of ``lang`` over ``text``; offsets are those of ``text``."""
    normalised = normalise(text)
    doc = pipeline(lang)(normalised)
    doc.user_data[_TEXT] = normalised  # what Doc.text would join again
    return doc


#: Where :func:`doc_text` keeps a document's text.
_TEXT = "annales.text"


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, kept with it: spaCy's ``Doc.text`` joins every token again on each access, which
    made every stage that reads text around a token quadratic in the document's length."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return str(text)


def coarse_label(label: str) -> str | None:
    """The coarse label (PER, ORG, LOC, MISC) of a model label; None for dates and numbers."""
    return _config().labels.get(label)


def mentions(doc: Doc) -> list[Mention]:
    """Named-entity mentions of ``doc`` with coarse labels, spans into its text."""
    found: list[Mention] = []
    strong: set[int] = set()  # indexes of mentions whose place label a strong cue gave
    full = doc_text(doc)
    # The locative rule mends a failure of the stock models ("exiled to Alma-Ata" as a person); annales'
    # own models learnt places from historical text, and the rule would turn "bei Herrn X" into a place.
    locative = ner_model(doc.lang_) is None
    human_verbs = _human_verbs(doc.lang_) if locative else frozenset()
    numbers = number_words(doc.lang_)
    lowered = capitalised_nouns(doc.lang_)
    for ent in doc.ents:
        text = ent.text.strip(" ,;:.'\"«»“”")
        if _ABBREVIATION.search(text) and ent.text[ent.text.index(text) + len(text) :].startswith("."):
            text += "."  # "the U.S." keeps the stop that ends its abbreviation
        if not text or not any(ch.isalpha() for ch in text):
            continue
        words = [t for t in ent if not (t.is_punct or t.is_space)]
        if len(words) == 1 and words[0].is_sent_start and _function_word(words[0]):
            continue  # "Zwar erlitt die FNL …", "Aufgrund …": capitalised because it opens the sentence
        counts = [t for t in words if t.like_num or t.lower_ in numbers]
        if len(counts) == len(words):
            continue  # "Trois", "Vier": a count, nobody's name
        label = coarse_label(ent.label_)
        if label == "PER" and counts and counts[0] is words[0]:
            # "Vier Großangriffe der Kuomintang-Truppen" tagged as a person: no one's name opens with a count
            ent = doc[next(t.i for t in words if t not in counts) : ent.end]
            text = ent.text.strip(" ,;:.'\"«»“”")
        if lowered and len(ent) > 1 and ent[0].text[:1].islower() and any(t.text[:1].isupper() for t in ent):
            # "neuen südvietnamischen Präsident Nguyễn Văn Thiệu", "ging Paulus": a language that capitalises its
            # nouns opens no name with a lower-case word
            ent = doc[next(t.i for t in ent if t.text[:1].isupper()) : ent.end]
            text = ent.text.strip(" ,;:.'\"«»“”")
        last = max((t for t in ent if not t.is_punct), key=lambda t: t.i, default=ent[-1])
        if lowered and last.i > ent.start and _lower_case(last) and not _lower_case(ent[0]):
            # "von General Grant zerstört.": nor ends one with a lower-case word (the verb the model ran on into;
            # "Côte d'Azur" ends in a name)
            ent = doc[ent.start : 1 + max(t.i for t in ent if not _lower_case(t) and not t.is_punct)]
            text = ent.text.strip(" ,;:.'\"«»“”")
        if label is None:
            continue  # dates, numbers, quantities: the time stage and the claims handle them
        if len(ent) > 1 and ent[-1].tag_ == "POS":
            ent = ent[:-1]  # "Benito Juárez's death": the possessive ending is not the name
            text = ent.text.strip(" ,;:.'\"«»“”")
        if len(ent) > 1 and ent[-1].text[:1].islower() and _function_word(ent[-1]):
            # "Bernard, de Giromagny" cut after "de": no name ends in a function word (nor the comma before it)
            while len(ent) > 1 and (ent[-1].is_punct or (ent[-1].text[:1].islower() and _function_word(ent[-1]))):
                ent = ent[:-1]
            text = ent.text.strip(" ,;:.'\"«»“”")
        named = _named_after_noun(ent)
        if named is not None:
            # "im Kessel von Falaise" tagged as "Kessel": the place is the name after the noun and its "of"
            ent, text, label = named, named.text, "LOC"
            strong.add(len(found))
        if label == "PER":
            surname = _surname_after(ent)
            if surname is not None:
                # "Generaloberst Alfred | Jodl", "Festungskommandant Karl-Wilhelm | von Schlieben": the model stopped
                # before the surname
                ent = surname
                text = ent.text.strip(" ,;:.'\"«»“”")
        start = ent.start_char + ent.text.index(text)
        if label in ("PER", "ORG", "MISC") and after_place_noun(doc, ent.start):
            label = "LOC"  # "near the village of Waterloo": a place, and it counts double in the vote below
            strong.add(len(found))
        elif locative and label in ("PER", "ORG", "MISC") and _after_locative(ent):
            label = "LOC"
        elif locative and label == "LOC" and _subject_of(ent, human_verbs):
            label = "PER"  # "Bukharin was arrested", "Zinoviev, Kamenev and Bukharin were tried": a person
        if label != "LOC" and ent[0].text[:1].islower() and ent[0].lower_ in name_words().building_nouns:
            label = "LOC"  # "hôpital Jeanne-d'Arc de Toul" tagged a person: a building is somewhere
        if label == "PER" and office_phrase(ent):
            label = "MISC"  # "Secrétaire général du Comité Central": an office, nobody's name
        found.append(Mention(Span(start, start + len(text)), full[start : start + len(text)], label))
    return _vessels(doc, _consistent(found, full, strong), full)


def _surname_after(ent: SpacySpan) -> SpacySpan | None:
    """A person's name widened over the surname the model left after it: a capitalised word the language rarely
    uses and the gazetteer does not know, right after the name or after one of its ``surname_particles`` ("von
    Schlieben"); None when no such word follows."""
    from annales.stages.gazetteer import gazetteer

    doc = ent.doc
    if not ent[-1].text[:1].isupper():
        return None  # ("Bernard, de": cut after the function word, its name ends before it)
    at = ent.end
    if at < len(doc) and doc[at].lower_ in name_words().surname_particles and doc[at].text[:1].islower():
        at += 1
    if at >= len(doc) or ent.end >= len(doc) or doc[ent.end].is_sent_start:
        return None
    word = doc[at]
    name_like = word.text[:1].isupper() and word.text.replace("-", "").isalpha() and not word.is_sent_start
    if not name_like or not surname_like(word.text, doc.lang_) or word.text in gazetteer() or word.ent_type_:
        return None
    return doc[ent.start : at + 1]


def _lower_case(token: Any) -> bool:
    """Whether a word has letters and no capital among them ("zerstört"; not "d'Azur", "1905")."""
    return any(ch.isalpha() for ch in token.text) and not any(ch.isupper() for ch in token.text)


#: Parts of speech of words that are never a name.
_FUNCTION_POS = frozenset({"ADP", "SCONJ", "CCONJ", "DET", "PRON", "PART", "AUX"})


def _function_word(token: Any) -> bool:
    """Whether a word is a function word of its language: a stop word, a preposition, an article, a conjunction
    (by its tag, or without a tagger by the word-order lexicon's closed words: "aufgrund")."""
    order = load_lexicon(token.doc.lang_).word_order
    closed = order is not None and (token.lower_ in order.closed or token.lower_ in order.clause_words)
    return token.is_stop or token.pos_ in _FUNCTION_POS or closed


@lru_cache(maxsize=1)
def _vessel_words() -> re.Pattern[str]:
    """The ships' prefixes as written and the nouns of kinds of ships in any case, as whole words."""
    words = name_words()
    prefixes = "|".join(re.escape(w) for w in sorted(words.vessel_prefixes, key=len, reverse=True))
    nouns = "|".join(re.escape(w) for w in sorted(words.vessel_nouns, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{prefixes or '(?!)'}|(?i:{nouns or '(?!)'}))(?!\w)")


def _vessels(doc: Doc, found: list[Mention], full: str) -> list[Mention]:
    """Ships: a name after a ship's prefix or a noun of a kind of ship (``vessel_prefixes``, ``vessel_nouns`` in
    ``names.yaml``) names a vessel (MISC), the prefix with it, whatever the model made of it ("CSS Alabama"
    tagged a place, "USS Kearsarge" missed, "the flagship Bismarck" a person)."""
    words = name_words()
    ships: list[Span] = []
    i = 0  # (the words are found in the text, so that a document without them costs one search)
    for match in _vessel_words().finditer(full):
        word = doc.char_span(match.start(), match.end())
        if word is None or len(word) != 1 or word.start < i:
            continue
        i = word.start
        prefix = doc[i].text in words.vessel_prefixes
        first = i if prefix else i + 1
        if not prefix and first < len(doc) and doc[first].text in words.vessel_prefixes:
            prefix = True  # "das Panzerschiff CSS Virginia": the prefix is part of the name
        end = first + prefix
        while end < len(doc) and end - first < 4 and doc[end].is_alpha and doc[end].text[:1].isupper():
            end += 1
        if end > first + prefix:
            ships.append(Span(doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text)))
        i = max(end, i + 1)
    if not ships:
        return found
    ships += _ships_again(doc, ships, full)
    kept = [m for m in found if not any(m.span.start < s.end and s.start < m.span.end for s in ships)]
    kept += [Mention(s, full[s.start : s.end], "MISC") for s in ships]
    return sorted(kept, key=lambda m: m.span.start)


def _ships_again(doc: Doc, ships: list[Span], full: str) -> list[Span]:
    """A ship named with its prefix, named again by its name after an article ("die CSS Virginia … die Virginia
    zog sich zurück", "the Virginia"): a state or a town takes no article."""
    words = name_words()
    names: set[str] = set()
    for ship in ships:
        parts = full[ship.start : ship.end].split(maxsplit=1)
        if len(parts) == 2 and parts[0] in words.vessel_prefixes:
            names.add(parts[1])
    order = load_lexicon(doc.lang_).word_order
    articles = order.articles if order is not None else frozenset()
    again: list[Span] = []
    for name in names:
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", full):
            span = doc.char_span(match.start(), match.end())
            if span is None or span.start == 0 or any(s.start <= match.start() < s.end for s in ships):
                continue
            before = doc[span.start - 1]
            if before.pos_ == "DET" or before.lower_ in articles:
                again.append(Span(match.start(), match.end()))
    return again


#: Which label wins a tie when one name is tagged differently across a document.
_LABEL_ORDER = {"PER": 0, "LOC": 1, "ORG": 2, "MISC": 3}


def _consistent(found: list[Mention], text: str, strong: AbstractSet[int] = frozenset()) -> list[Mention]:
    """One name, one label, everywhere in the document ("one sense per discourse").

    Small models tag the same name differently from sentence to sentence, and
    miss it in some: each name takes the label most of its mentions have, and
    its untagged occurrences are added.
    """
    votes: dict[str, dict[str, int]] = {}
    for i, m in enumerate(found):
        votes.setdefault(m.text, {}).setdefault(m.label, 0)
        votes[m.text][m.label] += 2 if i in strong else 1
    label_of = {
        name: min(counts, key=lambda label: (-counts[label], _LABEL_ORDER.get(label, 9))) for name, counts in votes.items()
    }
    covered = sorted((m.span.start, m.span.end) for m in found)
    added: list[Mention] = []
    names = sorted((n for n in label_of if len(n) >= 3 and n[0].isupper()), key=len, reverse=True)
    if names:
        # One scan for every name, longest first at each position (a name inside a longer one is not added).
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
        for match in pattern.finditer(text):
            start, end = match.span()
            i = bisect_left(covered, (end, end))
            if (i > 0 and covered[i - 1][1] > start) or (i < len(covered) and covered[i][0] < end):
                continue
            added.append(Mention(Span(start, end), match.group(0), label_of[match.group(0)]))
            insort(covered, (start, end))
    result = [Mention(m.span, m.text, label_of[m.text], m.entity) for m in found] + added
    result.sort(key=lambda m: m.span.start)
    return result


@lru_cache(maxsize=8)
def _human_verbs(lang: str) -> frozenset[str]:
    """Lemmas of the language's verbs of events that happen to people only (``human: true`` in
    ``data/events.yaml``), and of saying (the lexicon's reported words): a "place" as their subject is a
    person the stock model mistook."""
    try:
        lexicon = load_lexicon(lang)
        human = {name for name, spec in load_event_types().items() if spec.human}
    except DataError:
        return frozenset()
    return frozenset({w for w, t in lexicon.verbs.items() if t in human} | set(lexicon.reported))


def _subject_of(ent: Any, verbs: frozenset[str]) -> bool:
    """Whether a one-word proper name is the subject (or one of coordinated subjects) of such a verb."""
    if not verbs or len(ent) != 1 or ent[0].pos_ != "PROPN":
        return False
    token = ent[0]
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") and token.head.lemma_.lower() in verbs


def office_phrase(ent: Any) -> bool:
    """Whether a "person" opens with the noun of an office followed by a lower-case word or a preposition, so
    names none ("Secrétaire général du Comité Central", "Secretary of State"; not "Commissar Trotsky")."""
    tokens = [t for t in ent if not t.is_punct]
    offices = name_words().offices
    if len(tokens) < 2:
        return False
    first, second = tokens[0].lower_, tokens[1]
    if f"{first} {second.lower_}" in offices:  # "General Secretary of …"
        second = tokens[2] if len(tokens) > 2 else second
        return len(tokens) > 2 and (second.text[:1].islower() or second.lower_ in name_words().place_of)
    return first in offices and (second.text[:1].islower() or second.lower_ in name_words().place_of)


def _named_after_noun(ent: SpacySpan) -> SpacySpan | None:
    """The capitalised words after a name that is only a noun of a kind of place and its "of", where the model
    took the noun for the name ("im Kessel von Falaise": Falaise); None for any other name."""
    words = name_words()
    doc = ent.doc
    if len(ent) != 1 or not listed(ent[0], words.place_nouns) or ent.end + 1 >= len(doc):
        return None
    if doc[ent.end].lower_ not in words.place_of or not doc[ent.end + 1].text[:1].isupper():
        return None
    # (one word where nouns are capitalised: "im Golf von Tonkin Anfang August")
    longest = 1 if capitalised_nouns(doc.lang_) else _LONGEST_NAME
    end = ent.end + 2
    while end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper() and end - ent.end - 1 < longest:
        end += 1
    return doc[ent.end + 1 : end]


#: The most words of a name read after a noun of a kind of place.
_LONGEST_NAME = 3


def after_place_noun(doc: Doc, start: int) -> bool:
    """Whether the name at token ``start`` follows a noun of a kind of place and its "of" ("the village of
    Waterloo", "la ville de Toulon", "den Hafen von Galveston"): ``place_nouns`` and ``place_of`` in ``names.yaml``."""
    words = name_words()
    return start >= 2 and doc[start - 1].lower_ in words.place_of and listed(doc[start - 2], words.place_nouns)


def _after_locative(ent: Any) -> bool:
    i = ent.start - 1
    doc = ent.doc
    while i >= 0 and doc[i].pos_ in _LOCATIVE_GAP:
        i -= 1
    return i >= 0 and doc[i].lower_ in LOCATIVE and ent.label_ not in _config().unplaced
