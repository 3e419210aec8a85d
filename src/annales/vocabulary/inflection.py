"""Verb forms back to their infinitive without a lemmatizer, from a language's ``verbs.yaml``.

A language that runs on the rule-only pipeline (German: no spaCy package on PyPI) lists its strong and
irregular verbs with their past forms, its inseparable prefixes and its separable particles. From them a
form is read back to its infinitive, prefixes included: "übernahm" and "übernommen" are "übernehmen",
"eingenommen" and "einnahm" are "einnehmen", "anerkannte" is "anerkennen". A particle standing apart at the
end of a main clause ("nahm die Stadt … ein") is joined by the pipeline (:mod:`annales.stages.verb_lemmas`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from annales.errors import DataError
from annales.langdata import DataModel, Word, lang_file, load
from annales.vocabulary.events import load_lexicon
from annales.vocabulary.frequency import word_zipf

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["VerbTable", "load_verbs", "word_lemma"]

#: Shortest stem left when a prefix or particle is taken off a form ("über" + "nahm").
_STEM = 2
#: The Zipf frequency (wordfreq) from which an infinitive a participle points to is a verb of the language.
_KNOWN_VERB = 2.5
#: The endings of an infinitive ("erobern", "erobern", "wandeln"), read after a particle and "zu".
_INFINITIVE = ("en", "ern", "eln")


class VerbsFile(DataModel):
    """The schema of ``data/lang/<code>/verbs.yaml``."""

    strong: dict[str, list[Word]] = {}
    #: A weak participle's endings, under the infinitive ending each replaces.
    participle_endings: dict[str, list[Word]] = {}
    inseparable_prefixes: list[Word] = []
    separable_particles: list[Word] = []
    weak_past: dict[str, list[Word]] = {}
    adjective_endings: list[Word] = []


@dataclass(frozen=True)
class VerbTable:
    """The forms of a language's strong verbs (form → infinitive), with its prefixes and particles."""

    lang: str
    forms: dict[str, str]
    participles: dict[str, str]
    preterites: frozenset[str]
    inseparable: tuple[str, ...]
    particles: tuple[str, ...]
    weak_past: tuple[tuple[str, tuple[str, ...]], ...]
    #: The endings a participle takes before a noun ("der geborene", "die angebotenen").
    adjective_endings: tuple[str, ...] = ()
    #: A weak participle's prefix (the lexicon's ``participle_infix``), and its endings with the infinitive ending
    #: each replaces, longest first.
    participle_prefix: str = ""
    participle_endings: tuple[tuple[str, str], ...] = ()

    def participle(self, word: str) -> str | None:
        """The infinitive of a participle, strong ("geworfen", "aufgenommen", "übergeben", "umbenannt") or weak
        ("gegründet", "ausgebaut", "erobert", "hingerichtet") of a verb the language uses; None for a finite form
        or another word."""
        word = word.lower()
        for particle in ("", *self.particles):
            rest = word[len(particle) :]
            if not word.startswith(particle) or len(rest) < _STEM + 2:
                continue
            if rest in self.participles:
                return particle + self.participles[rest]  # "geworfen", "aufgenommen"
            # an inseparable prefix takes the place of "ge": "übergeben", "verboten", "ernannt", "umbenannt"
            for prefix in self.inseparable:
                strong = self.participles.get(self.participle_prefix + rest[len(prefix) :]) if rest.startswith(prefix) else None
                if strong is not None and strong != rest:
                    return particle + prefix + strong
            if rest in self.forms:
                return None  # a finite form ("zerstörte")
            if self.participle_prefix and rest.startswith(self.participle_prefix):
                stem = rest[len(self.participle_prefix) :]
            elif any(rest.startswith(prefix) for prefix in self.inseparable):
                stem = rest  # "erobert", "zerstört": no "ge"
            else:
                continue
            for ending, infinitive_ending in self.participle_endings:
                if stem.endswith(ending) and len(stem) - len(ending) >= _STEM + 1:
                    infinitive = particle + stem[: -len(ending)] + infinitive_ending
                    if word_zipf(infinitive, self.lang) >= _KNOWN_VERB:
                        return infinitive
        return None

    def lemma(self, word: str) -> str | None:
        """The infinitive of a strong verb's form, with its prefix or particle, or of an infinitive with its
        particle and "zu" ("einzunehmen", "zurückzuerobern"); None if the form is neither."""
        word = word.lower()
        # "hinzufügen" is the particle "hinzu", not "hin" and "zu"
        particle = next((p for p in self.particles if word.startswith(p + "zu") and p + "zu" not in self.particles), None)
        rest = word[len(particle) + 2 :] if particle is not None else ""
        if particle is not None and len(rest) > _STEM + 2 and (rest in self.forms or rest.endswith(_INFINITIVE)):
            return particle + rest
        found = self._lemma(word, depth=2)
        if found is None:
            # a strong participle before its noun ("der in Algerien geborene Camus", "den angebotenen
            # Waffenstillstand"): the participle without its adjective ending, never a finite form
            base = next(
                (
                    word[: -len(e)]
                    for e in self.adjective_endings
                    if word.endswith(e) and (word[: -len(e)].endswith("en") or word[: -len(e)] in self.participles)
                ),
                "",
            )  # (or a mixed verb's, "die so genannte"): nennen
            if len(base) > _STEM + 4 and base not in self.forms:
                found = self._lemma(base, depth=2)
        return found

    def _used(self, infinitive: str) -> bool:
        """Whether the language uses a verb a prefix and a known form make ("genennen" it does not)."""
        return word_zipf(infinitive, self.lang) > 0

    def infinitive_form(self, word: str) -> bool:
        """Whether a form ends like an infinitive ("unterbinden", "erobern", "handeln")."""
        return len(word) > _STEM + 2 and word.lower().endswith(_INFINITIVE)

    def preterite(self, word: str) -> bool:
        """Whether a form is a strong verb's Präteritum, with a prefix or a joined particle ("übernahm", "einnahm")."""
        word = word.lower()
        if word in self.preterites:
            return True
        if any(word.startswith(p) and word[len(p) :] in self.preterites for p in self.particles):
            return True
        # (with a prefix, only of a verb the language uses: "genannte" is no past of a "genennen")
        return any(
            word.startswith(p) and word[len(p) :] in self.preterites and self._used(p + self.forms[word[len(p) :]])
            for p in self.inseparable
        )

    def weak(self, word: str) -> str | None:
        """The infinitive a weak past form has ("rückten": rücken, "eroberte": erobern, "forderte": fordern, not
        "forderen"): of the infinitives its endings allow, the one the language uses most, else the longest ending's."""
        found = [
            (word_zipf(word[: -len(ending)] + lemma_ending, self.lang), len(ending), word[: -len(ending)] + lemma_ending)
            for lemma_ending, endings in self.weak_past
            for ending in endings
            if word.endswith(ending) and len(word) - len(ending) >= _STEM + 1
        ]
        return max(found)[2] if found else None

    def infinitive(self, word: str) -> str | None:
        """The infinitive of any verb form the table reads: a strong verb's form, a participle, a weak past form
        ("nahm": nehmen, "erobert", "eroberte": erobern); None for another word."""
        return self.lemma(word) or self.participle(word) or self.weak(word)

    def _lemma(self, word: str, depth: int) -> str | None:
        found = self.forms.get(word) or self.participles.get(word)
        if found is not None or depth == 0:
            return found
        for prefix in self.inseparable:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= _STEM:
                # "übernahm"; "übernommen" is "genommen" without its ge-
                base = self.forms.get(rest) or self.participles.get("ge" + rest) or self._lemma(rest, depth - 1)
                # (a verb the language uses: "genannte" is no form of a "genennen", ge- and "nannte")
                if base is not None and self._used(prefix + base):
                    return prefix + base
        for particle in self.particles:
            rest = word[len(particle) :]
            if word.startswith(particle) and len(rest) >= _STEM:
                base = self._lemma(rest, depth - 1)  # "einnahm", "eingenommen", "anerkannt"
                if base is not None:
                    return particle + base
        return None


@lru_cache(maxsize=16)
def load_verbs(lang: str) -> VerbTable | None:
    """The verb table of ``lang``; None for a language without a ``verbs.yaml``."""
    path = lang_file(lang, "verbs.yaml")
    if not path.is_file():
        return None
    data = load(path, VerbsFile)
    forms: dict[str, str] = {}
    participles: dict[str, str] = {}
    preterites: set[str] = set()
    for infinitive, parts in data.strong.items():
        if len(parts) != 2:
            raise DataError(f"{path}: strong verb '{infinitive}' needs [preterite, participle], not {parts}")
        infinitive = infinitive.lower()
        preterite, participle = (p.lower() for p in parts)
        plural = preterite + ("n" if preterite.endswith("e") else "en")
        for form in (infinitive, preterite, plural):
            for spelling in {form, _old_spelling(form)}:
                forms.setdefault(spelling, infinitive)
        preterites.update({preterite, plural, _old_spelling(preterite), _old_spelling(plural)})
        for spelling in {participle, _old_spelling(participle)}:
            participles.setdefault(spelling, infinitive)
    return VerbTable(
        lang=lang,
        forms=forms,
        participles=participles,
        preterites=frozenset(preterites - {i.lower() for i in data.strong}),
        inseparable=tuple(sorted((p.lower() for p in data.inseparable_prefixes), key=len, reverse=True)),
        particles=tuple(sorted({p.lower() for p in data.separable_particles}, key=len, reverse=True)),
        weak_past=tuple(
            (ending.lower(), tuple(sorted((e.lower() for e in endings), key=len, reverse=True)))
            for ending, endings in data.weak_past.items()
        ),
        adjective_endings=tuple(sorted((e.lower() for e in data.adjective_endings), key=len, reverse=True)),
        participle_prefix=load_lexicon(lang).participle_infix,
        participle_endings=tuple(
            sorted(
                ((e.lower(), infinitive.lower()) for infinitive, es in data.participle_endings.items() for e in es),
                key=lambda pair: len(pair[0]),
                reverse=True,
            )
        ),
    )


def _old_spelling(form: str) -> str:
    """The spelling before 1996 of a form with ss at its end or before a consonant ("schloss": schloß,
    "wusste": wußte; "schlossen" keeps it)."""
    return _SS.sub("ß", form)


_SS = re.compile(r"ss(?=$|[^aeiouäöüy])")


def word_lemma(token: Token) -> str:
    """A word's lemma, from the parse or, without one, from the language's table of verbs ("eroberte",
    "erobert": erobern)."""
    table = load_verbs(token.doc.lang_)
    found = table.infinitive(token.lower_) if table is not None else None
    return (token.lemma_ or found or token.lower_).lower()
