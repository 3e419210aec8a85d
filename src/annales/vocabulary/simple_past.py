"""A narrative past tense the tagger hardly knows, from a language's ``simple_past.yaml``.

French histories tell in the simple past (« les troupes débarquèrent à Veracruz et occupèrent le port »),
which the news and reviews a spaCy model learns from hardly use: the model tags such forms as adverbs or
adjectives, and its parse breaks around them. A language's file lists the endings of the tense's third
persons by the ending of the infinitive, and the present form (``stand_in``) that the tagger is shown in their
place (:mod:`annales.stages.simple_past`): a form is one of the tense when its lemma, less the listed ending of
the infinitive, plus the tense's ending, gives the form back ("occupèrent": occuper, "reprirent": reprendre).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from annales.errors import DataError
from annales.langdata import DataModel, Word, lang_file, load

__all__ = ["SimplePast", "load_simple_past"]


class StandIn(DataModel):
    """The present forms the tagger is shown, of the same number."""

    singular: Word
    plural: Word


class SimplePastFile(DataModel):
    """The schema of ``data/lang/<code>/simple_past.yaml``."""

    stand_in: StandIn
    own_present: dict[str, list[Word]] = {}
    endings: dict[str, list[Word | None]]
    not_past: list[Word] = []


@dataclass(frozen=True)
class SimplePast:
    """The third persons of a language's simple past: their endings by the infinitive's, longest first."""

    endings: tuple[tuple[str, str | None, str | None], ...]
    #: Singular and plural stand-ins for any verb; own present forms for the verbs listed with theirs.
    stand_in: tuple[str, str]
    own_present: dict[str, tuple[str, str]]
    not_past: frozenset[str]

    def stand_in_for(self, form: str, lemma: str) -> str | None:
        """The present form to show the tagger for ``form``, a lower-case word whose lemma is ``lemma``; None
        when ``form`` is no third person of the simple past."""
        if form in self.not_past:
            return None
        for ending, singular, plural in self.endings:
            if not lemma.endswith(ending):
                continue
            stem = lemma[: -len(ending)]
            forms = [stem + e if e is not None else None for e in (singular, plural)]
            if form not in forms:
                return None
            return (self.own_present.get(lemma) or self.stand_in)[forms.index(form)]
        return None


@lru_cache(maxsize=16)
def load_simple_past(lang: str) -> SimplePast | None:
    """The simple past of ``lang``; None for a language without a ``simple_past.yaml``."""
    path = lang_file(lang, "simple_past.yaml")
    if not path.is_file():
        return None
    data = load(path, SimplePastFile)
    for name, table in (("endings", data.endings), ("own_present", data.own_present)):
        for key, forms in table.items():
            if len(forms) != 2:
                raise DataError(f"{path}: {name} of '{key}' needs [singular, plural], not {forms}")
    return SimplePast(
        endings=tuple(
            (ending.lower(), _lower(forms[0]), _lower(forms[1]))
            for ending, forms in sorted(data.endings.items(), key=lambda kv: len(kv[0]), reverse=True)
        ),
        stand_in=(data.stand_in.singular, data.stand_in.plural),
        own_present={lemma.lower(): (forms[0], forms[1]) for lemma, forms in data.own_present.items()},
        not_past=frozenset(w.lower() for w in data.not_past),
    )


def _lower(form: str | None) -> str | None:
    return form.lower() if form is not None else None
