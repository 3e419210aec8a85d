"""Sentences, tokens and entity mentions: one spaCy pipeline per language.

Pipelines load lazily and once per process. Which package serves which
language is data (``data/models.yaml``), so the code names no model. A
language with no installed model gets a rule-only pipeline (tokenizer and
sentencizer): claims still find their triggers, but without a parse.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from annales.errors import DataError, ModelMissingError
from annales.records import Mention, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DATA = Path(__file__).resolve().parent.parent / "data"

#: Same-length substitutions applied before tagging: curly apostrophes make the
#: French model split "l’hiver" badly and invent entities. Length is kept so
#: offsets need no map.
_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u202f": " ", "\u00ad": "-"})

#: Words before a mention that make it a place whatever the model says
#: ("exiled to Alma-Ata", "exilé dans la lointaine Alma-Ata").
_LOCATIVE = {"to", "in", "at", "on", "à", "dans", "vers", "sur", "nach", "bei", "auf"}
_LOCATIVE_GAP = {"DET", "ADJ", "ADV"}


@dataclass(frozen=True)
class ModelInfo:
    lang: str
    package: str | None


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    path = DATA / "models.yaml"
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"cannot read model table {path}: {exc}") from exc
    if not isinstance(config, dict):
        raise DataError(f"model table {path} is not a mapping")
    return config


def model_for(lang: str) -> ModelInfo:
    """The installed package that serves ``lang``, or none."""
    for package in _config().get(lang, []) or []:
        if importlib.util.find_spec(package) is not None:
            return ModelInfo(lang, package)
    return ModelInfo(lang, None)


def _register_components() -> None:
    from spacy.language import Language

    if "annales_paragraphs" in Language.factories:
        return

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
        return doc


@lru_cache(maxsize=8)
def pipeline(lang: str) -> Language:
    """The spaCy pipeline for ``lang``, loaded on first use."""
    import spacy

    _register_components()
    info = model_for(lang)
    if info.package is None:
        try:
            nlp = spacy.blank(lang)
        except Exception:  # spaCy has no tokenizer rules for this code
            nlp = spacy.blank("xx")
        nlp.add_pipe("annales_paragraphs")
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        nlp = spacy.load(info.package)
    except OSError as exc:
        raise ModelMissingError(f"spaCy model {info.package} for '{lang}' cannot be loaded: {exc}") from exc
    first = "parser" if "parser" in nlp.pipe_names else ("senter" if "senter" in nlp.pipe_names else None)
    if first is not None:
        nlp.add_pipe("annales_paragraphs", before=first)
    return nlp


def normalise(text: str) -> str:
    """Same-length normalisation applied before tagging."""
    return text.translate(_NORMALISE)


def analyse(text: str, lang: str) -> Doc:
    """Run the pipeline of ``lang`` over ``text``; offsets are those of ``text``."""
    return pipeline(lang)(normalise(text))


def coarse_label(label: str) -> str | None:
    """The coarse label (PER, ORG, LOC, MISC) of a model label; None for dates and numbers."""
    labels: dict[str, str] = _config().get("labels", {})
    return labels.get(label)


def mentions(doc: Doc) -> list[Mention]:
    """Named-entity mentions of ``doc`` with coarse labels, spans into its text."""
    found = []
    full = doc.text  # Doc.text is rebuilt on every access
    for ent in doc.ents:
        text = ent.text.strip(" ,;:.'\"«»“”")
        if not text or not any(ch.isalpha() for ch in text):
            continue
        label = coarse_label(ent.label_)
        if label is None:
            continue  # dates, numbers, quantities: the time stage and the claims handle them
        start = ent.start_char + ent.text.index(text)
        if label in ("PER", "ORG", "MISC") and _after_locative(ent):
            label = "LOC"
        found.append(Mention(Span(start, start + len(text)), full[start : start + len(text)], label))
    return _consistent(found, full)


#: Which label wins a tie when one name is tagged differently across a document.
_LABEL_ORDER = {"PER": 0, "LOC": 1, "ORG": 2, "MISC": 3}


def _consistent(found: list[Mention], text: str) -> list[Mention]:
    """One name, one label, everywhere in the document ("one sense per discourse").

    Small models tag the same name differently from sentence to sentence, and
    miss it in some: each name takes the label most of its mentions have, and
    its untagged occurrences are added.
    """
    votes: dict[str, dict[str, int]] = {}
    for m in found:
        votes.setdefault(m.text, {}).setdefault(m.label, 0)
        votes[m.text][m.label] += 1
    label_of = {
        name: min(counts, key=lambda label: (-counts[label], _LABEL_ORDER.get(label, 9)))
        for name, counts in votes.items()
    }
    covered = [(m.span.start, m.span.end) for m in found]
    added: list[Mention] = []
    for name in label_of:
        if len(name) < 3 or not name[0].isupper():
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            start, end = match.span()
            if not any(s < end and start < e for s, e in covered):
                added.append(Mention(Span(start, end), name, label_of[name]))
                covered.append((start, end))
    result = [Mention(m.span, m.text, label_of[m.text], m.entity) for m in found] + added
    result.sort(key=lambda m: m.span.start)
    return result


def _after_locative(ent: Any) -> bool:
    i = ent.start - 1
    doc = ent.doc
    while i >= 0 and doc[i].pos_ in _LOCATIVE_GAP:
        i -= 1
    return i >= 0 and doc[i].lower_ in _LOCATIVE and ent.label_ not in ("ORG", "NORP")
