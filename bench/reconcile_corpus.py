"""Event grouping and conflict detection: a generated corpus with its gold, and the scorer.

The corpus is written from a table of true facts (reconcile/facts.yaml) and
sentence templates per language (reconcile/phrasings.yaml): a dozen short
documents in English, French and German, each telling a subset of the facts
in chronological order, one sentence a fact, every sentence with its own
explicit date. Each fact is told by two to five documents in at least two
languages. About a third of the facts have one appearance that disagrees:

- ``shifted``: another date. Types that happen once to the same people
  (a birth, a death, a founding...) move by months or years; the others by
  two to ten days at day precision, since a gap of months would make another
  happening (another arrest), not a disagreement about one.
- ``place``: another place, same date (types that happen in one place):
  the fact's ``other_place``, a plausible mistake, or another fact's place.
- ``old_style``: the Julian date, unmarked (day precision, before 1918).
- ``vaguer``: the same date at a coarser precision: the month, the season
  or the year containing it. It agrees: no gold conflict.

The gold lists every fact sentence (document, half-open character span,
fact, type, language, injection) and the conflict pairs a reconciler should
report: each disagreeing appearance against each true appearance of the fact
in the other documents, of kind ``date``, ``place`` or ``calendar``.

Scoring works on plain rows, not on the store: claims as
``(claim_id, doc, span_start, span_end, type)``, a claim-to-event mapping,
and conflicts as ``(kind, claim_a, claim_b)``. Each gold sentence is matched
to at most one claim; events are scored with B-cubed against the facts,
conflicts at the pair level.

    .venv/bin/python bench/reconcile_corpus.py [--out build/reconcile-corpus] [--seed 1] [--documents 12]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import string
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
FACTS = HERE / "reconcile" / "facts.yaml"
PHRASINGS = HERE / "reconcile" / "phrasings.yaml"
OUT = Path("build/reconcile-corpus")

LANGUAGES = ("en", "fr", "de")
TYPES = frozenset(
    {
        "birth",
        "death",
        "illness",
        "appointment",
        "election",
        "resignation",
        "dismissal",
        "expulsion",
        "exile",
        "deportation",
        "arrest",
        "trial",
        "conviction",
        "execution",
        "assassination",
        "founding",
        "dissolution",
        "publication",
        "meeting",
        "law",
        "treaty",
        "battle",
        "uprising",
        "move",
        "abdication",
        "coronation",
        "marriage",
    }
)
ROLES = ("agent", "patient")
# Types that happen once to the same people: a date months or years away is the same happening, misdated.
ONCE_TYPES = frozenset({"birth", "death", "execution", "assassination", "founding", "dissolution", "coronation"})
# Types that happen in one place: another place is a disagreement.
PLACE_TYPES = frozenset(
    {"birth", "death", "exile", "deportation", "execution", "assassination", "coronation", "arrest", "founding"}
)
INJECTIONS = ("shifted", "place", "old_style", "vaguer")
CONFLICT_KINDS = {"shifted": "date", "place": "place", "old_style": "calendar"}
INJECTED_SHARE = 0.3
PRECISIONS = ("day", "month", "season", "year")
# Seasons as annales reads them (spring March-May...). December is left out: "the winter of 1924" is read
# as starting in January 1924, so it holds January and February of that year but not, for every reader, December.
SEASON_OF_MONTH = {
    1: "winter",
    2: "winter",
    3: "spring",
    4: "spring",
    5: "spring",
    6: "summer",
    7: "summer",
    8: "summer",
    9: "autumn",
    10: "autumn",
    11: "autumn",
}
SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "winter": 24}  # EDTF
_SLOT_BASES = ("agent", "patient", "place", "office")
_SLOT_SUFFIXES = {"en": ("",), "fr": ("", "_de", "_e"), "de": ("", "_nom", "_acc", "_dat", "_gen")}
_GERMAN_CASES = ("nom", "acc", "dat", "gen")
_FRENCH_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Name:
    """A name per language; German names may decline (``forms[lang][case]``)."""

    forms: Mapping[str, Mapping[str, str]]
    feminine: bool = False

    def text(self, lang: str, case: str = "nom") -> str:
        forms = self.forms[lang]
        return forms.get(case, forms["nom"])


@dataclass(frozen=True)
class Participant:
    role: str
    name: Name


@dataclass(frozen=True)
class When:
    """A date as written: ``day`` is the day, or a day inside the month, season or year of ``precision``."""

    day: dt.date
    precision: str

    def value(self) -> str:
        """The date as EDTF: ``1924-01-21``, ``1924-01``, ``1924-24`` (winter), ``1924``."""
        if self.precision == "day":
            return self.day.isoformat()
        if self.precision == "month":
            return f"{self.day.year:04d}-{self.day.month:02d}"
        if self.precision == "season":
            return f"{self.day.year:04d}-{SEASON_CODES[SEASON_OF_MONTH[self.day.month]]}"
        return f"{self.day.year:04d}"


@dataclass(frozen=True)
class Fact:
    id: str
    type: str
    participants: tuple[Participant, ...]
    place: Name | None
    office: Name | None
    when: When
    other_place: Name | None = None  # the wrong place a source could plausibly give

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(p.role for p in self.participants)


@dataclass(frozen=True)
class Template:
    text: str
    slots: frozenset[str]

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(s.split("_")[0] for s in self.slots if s.split("_")[0] in ROLES)

    def uses(self, base: str) -> bool:
        return any(s.split("_")[0] == base for s in self.slots)

    def fits(self, fact: Fact) -> bool:
        """Whether the fact has everything the template names, and the template names a participant when there is one."""
        if not self.roles <= fact.roles:
            return False
        if (self.uses("place") and fact.place is None) or (self.uses("office") and fact.office is None):
            return False
        return bool(self.roles) if fact.roles else self.uses("place")


@dataclass(frozen=True)
class Phrasing:
    """How one language writes dates and events."""

    lang: str
    months: tuple[str, ...]
    first_day: str
    dates: Mapping[str, str]
    seasons: Mapping[str, str]
    titles: tuple[str, ...]
    fillers: tuple[str, ...]
    templates: Mapping[str, tuple[Template, ...]]


@dataclass(frozen=True)
class GoldSentence:
    """One fact sentence of the corpus; ``text[start:end] == quote``."""

    key: str
    doc: str
    start: int
    end: int
    fact: str
    type: str
    lang: str
    injection: str | None
    date: str
    precision: str
    quote: str


@dataclass(frozen=True)
class GoldConflict:
    """A pair of sentences (keys, sorted) a reconciler should report as disagreeing."""

    kind: str
    first: str
    second: str


@dataclass(frozen=True)
class Gold:
    sentences: tuple[GoldSentence, ...]
    conflicts: tuple[GoldConflict, ...]


@dataclass(frozen=True)
class Corpus:
    seed: int
    facts: tuple[Fact, ...]
    texts: Mapping[str, str]  # document name -> text, in document order
    gold: Gold


# ---------------------------------------------------------------- loading


def load_facts(path: Path = FACTS) -> list[Fact]:
    """The facts of a facts file, checked (types, roles, names in every language, dates)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        raise ValueError(f"{path}: no `facts` list; see the comment at the top of bench/reconcile/facts.yaml")
    facts: list[Fact] = []
    seen: set[str] = set()
    for raw in data["facts"]:
        fact_id = str(raw.get("id", ""))
        where = f"{path}: fact {fact_id or '(no id)'}"
        if not fact_id or fact_id in seen:
            raise ValueError(f"{where}: every fact needs an id of its own")
        seen.add(fact_id)
        if raw.get("type") not in TYPES:
            raise ValueError(f"{where}: type {raw.get('type')!r} is not in the inventory: use one of {sorted(TYPES)}")
        participants = []
        for item in raw.get("participants") or []:
            if item.get("role") not in ROLES:
                raise ValueError(f"{where}: role {item.get('role')!r}: use agent or patient")
            participants.append(Participant(item["role"], _name(item.get("name"), where)))
        if len({p.role for p in participants}) != len(participants):
            raise ValueError(f"{where}: a role is given twice; one agent and one patient at most")
        place = _name(raw["place"], f"{where} place") if raw.get("place") else None
        office = _name(raw["office"], f"{where} office") if raw.get("office") else None
        other = _name(raw["other_place"], f"{where} other_place") if raw.get("other_place") else None
        if other is not None and (place is None or other == place):
            raise ValueError(f"{where}: other_place needs a place, and another one")
        when = _parse_date(raw.get("date"), where)
        facts.append(Fact(fact_id, raw["type"], tuple(participants), place, office, when, other))
    return facts


def load_phrasings(path: Path = PHRASINGS) -> dict[str, Phrasing]:
    """The phrasings of every language, checked (slots known, a date in each template)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    phrasings: dict[str, Phrasing] = {}
    for lang in LANGUAGES:
        raw = (data or {}).get(lang)
        where = f"{path}: {lang}"
        if not isinstance(raw, dict):
            raise ValueError(f"{where}: missing; give months, dates, titles, fillers and templates for each of {LANGUAGES}")
        months = tuple(str(m) for m in raw.get("months", []))
        if len(months) != 12:
            raise ValueError(f"{where}: months lists {len(months)} names, not 12")
        dates = raw.get("dates") or {}
        if not all(isinstance(dates.get(p), str) for p in ("day", "month", "year")) or set(dates.get("season") or {}) != set(
            SEASON_CODES
        ):
            raise ValueError(f"{where}: dates needs day, month, year and season (spring, summer, autumn, winter)")
        templates: dict[str, tuple[Template, ...]] = {}
        for type_, texts in (raw.get("templates") or {}).items():
            if type_ not in TYPES:
                raise ValueError(f"{where}: templates for {type_!r}, which is not in the inventory")
            templates[type_] = tuple(_template(str(text), lang, f"{where} {type_}") for text in texts)
        fillers = tuple(str(f) for f in raw.get("fillers", []))
        titles = tuple(str(t) for t in raw.get("titles", []))
        if not fillers or not titles or not all(re.fullmatch(r"[a-z]+", t) for t in titles):
            raise ValueError(f"{where}: give fillers and titles (lower-case ASCII words: they name the files)")
        phrasings[lang] = Phrasing(
            lang,
            months,
            str(raw.get("first_day", "1")),
            {p: dates[p] for p in ("day", "month", "year")},
            dict(dates["season"]),
            titles,
            fillers,
            templates,
        )
    return phrasings


def _name(raw: Any, where: str) -> Name:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: a name is a mapping with en, fr and de")
    forms: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        value = raw.get(lang)
        if isinstance(value, str):
            if lang == "de" and value.split(" ")[0] in ("der", "die", "das"):
                raise ValueError(f"{where}: German {value!r} declines; give its cases (nom, acc, dat, gen)")
            forms[lang] = {"nom": value}
        elif isinstance(value, dict) and isinstance(value.get("nom"), str):
            forms[lang] = {str(k): str(v) for k, v in value.items()}
        else:
            raise ValueError(f"{where}: no {lang} name; give one for each of {', '.join(LANGUAGES)}")
    return Name(forms, feminine=raw.get("gender") == "f")


def _parse_date(raw: Any, where: str) -> When:
    text = str(raw or "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return When(dt.date.fromisoformat(text), "day")
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return When(dt.date(int(text[:4]), int(text[5:]), 1), "month")
    if re.fullmatch(r"\d{4}", text):
        return When(dt.date(int(text), 1, 1), "year")
    raise ValueError(f"{where}: date {raw!r}: write it as a quoted YYYY-MM-DD, YYYY-MM or YYYY")


def _template(text: str, lang: str, where: str) -> Template:
    slots = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    allowed = {"date"} | {base + suffix for base in _SLOT_BASES for suffix in _SLOT_SUFFIXES[lang]}
    if "date" not in slots:
        raise ValueError(f"{where}: {text!r} has no {{date}}; every fact sentence carries its own date")
    if not slots <= allowed:
        raise ValueError(f"{where}: {text!r} uses {sorted(slots - allowed)}; the slots are {sorted(allowed)}")
    return Template(text, frozenset(slots))


# ---------------------------------------------------------------- dates


def julian_offset(day: dt.date) -> int:
    """Days the Gregorian calendar is ahead of the Julian on ``day`` (1582-10-15 to 2100-02-28)."""
    if not dt.date(1582, 10, 15) <= day <= dt.date(2100, 2, 28):
        raise ValueError(f"{day}: Old Style offsets are known from 1582-10-15 to 2100-02-28")
    for first, offset in ((dt.date(1900, 3, 1), 13), (dt.date(1800, 3, 1), 12), (dt.date(1700, 3, 1), 11)):
        if day >= first:
            return offset
    return 10


def old_style(day: dt.date) -> dt.date:
    """The Julian (Old Style) date of a Gregorian day."""
    return day - dt.timedelta(days=julian_offset(day))


def render_date(when: When, phrasing: Phrasing) -> str:
    """The date as the language writes it at its precision ("am 21. Januar 1924", "en 1924")."""
    year, month = when.day.year, phrasing.months[when.day.month - 1]
    if when.precision == "day":
        day = phrasing.first_day if when.day.day == 1 else str(when.day.day)
        return phrasing.dates["day"].format(day=day, month=month, year=year)
    if when.precision == "month":
        return phrasing.dates["month"].format(month=month, year=year)
    if when.precision == "season":
        return phrasing.seasons[SEASON_OF_MONTH[when.day.month]].format(year=year)
    return phrasing.dates["year"].format(year=year)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


# ---------------------------------------------------------------- generation


@dataclass(frozen=True)
class _Injection:
    doc: int
    kind: str
    when: When
    place: Name | None


def generate(facts: Sequence[Fact], phrasings: Mapping[str, Phrasing], *, seed: int, documents: int = 12) -> Corpus:
    """The corpus for a seed: the same facts, phrasings and seed give the same texts and gold."""
    if documents < 2:
        raise ValueError(f"documents={documents}: a fact is told by two documents at least; ask for 2 or more")
    rng = random.Random(seed)
    langs = [LANGUAGES[i % len(LANGUAGES)] for i in range(documents)]
    names = _document_names(langs, phrasings)
    tellers = _assign(facts, langs, rng)
    injections = _inject(facts, tellers, rng)
    # Each document's sentences, in the order of the true dates.
    told: dict[int, list[tuple[Fact, str, _Injection | None, When]]] = defaultdict(list)
    for fact in sorted(facts, key=lambda f: (f.when.day, f.id)):
        by_lang: dict[str, list[int]] = defaultdict(list)
        for doc in tellers[fact.id]:
            by_lang[langs[doc]].append(doc)
        injected = injections.get(fact.id)
        # A place disagreement needs every appearance of the fact to name its place.
        named = injected is not None and injected.kind == "place"
        for lang, docs in by_lang.items():
            fitting = [t for t in phrasings[lang].templates.get(fact.type, ()) if t.fits(fact) and (t.uses("place") or not named)]
            if not fitting:
                raise ValueError(f"fact {fact.id}: no {lang} template for a {fact.type} fits it; add one to the phrasings")
            rng.shuffle(fitting)
            for i, doc in enumerate(docs):
                injection = injected if injected is not None and injected.doc == doc else None
                when = injection.when if injection else fact.when
                place = injection.place if injection and injection.place else fact.place
                sentence = _sentence(fitting[i % len(fitting)], fact, place, when, phrasings[lang])
                told[doc].append((fact, sentence, injection, when))
    texts: dict[str, str] = {}
    sentences: list[GoldSentence] = []
    for doc in range(documents):
        text, spans = _compose(told[doc], phrasings[langs[doc]], rng)
        texts[names[doc]] = text
        for (fact, sentence, injection, when), (start, end) in zip(told[doc], spans, strict=True):
            if text[start:end] != sentence:
                raise AssertionError(f"{names[doc]}: span {start}-{end} does not hold {sentence!r}")
            sentences.append(
                GoldSentence(
                    f"{names[doc]}:{start}-{end}",
                    names[doc],
                    start,
                    end,
                    fact.id,
                    fact.type,
                    langs[doc],
                    injection.kind if injection else None,
                    when.value(),
                    when.precision,
                    sentence,
                )
            )
    return Corpus(seed, tuple(facts), texts, Gold(tuple(sentences), _gold_conflicts(sentences)))


def _document_names(langs: Sequence[str], phrasings: Mapping[str, Phrasing]) -> list[str]:
    count: Counter[str] = Counter()
    names = []
    for i, lang in enumerate(langs):
        titles = phrasings[lang].titles
        names.append(f"{i + 1:02d}_{lang}_{titles[count[lang] % len(titles)]}.txt")
        count[lang] += 1
    return names


def _assign(facts: Sequence[Fact], langs: Sequence[str], rng: random.Random) -> dict[str, list[int]]:
    """The documents that tell each fact: 2-5 of them, the least loaded first, in two languages at least."""
    load = [0] * len(langs)
    tellers: dict[str, list[int]] = {}
    for fact in facts:
        wanted = rng.randint(2, min(5, len(langs)))
        order = sorted(range(len(langs)), key=lambda d: (load[d], rng.random()))
        chosen = [order[0]]
        other = next((d for d in order if langs[d] != langs[order[0]]), None)
        if other is not None:
            chosen.append(other)
        chosen.extend(d for d in order if d not in chosen)
        chosen = sorted(chosen[:wanted])
        for doc in chosen:
            load[doc] += 1
        tellers[fact.id] = chosen
    return tellers


def injectable(fact: Fact, places: Sequence[Name]) -> list[str]:
    """The injections a fact allows, in the order of INJECTIONS."""
    kinds = []
    if fact.type in ONCE_TYPES or fact.when.precision == "day":
        kinds.append("shifted")
    if fact.place is not None and fact.type in PLACE_TYPES and (fact.other_place or any(p != fact.place for p in places)):
        kinds.append("place")
    if fact.when.precision == "day" and fact.when.day < dt.date(1918, 1, 1):
        kinds.append("old_style")
    if fact.when.precision in ("day", "month"):
        kinds.append("vaguer")
    return kinds


def _inject(facts: Sequence[Fact], tellers: Mapping[str, list[int]], rng: random.Random) -> dict[str, _Injection]:
    """One disagreeing appearance for about a third of the facts, the kinds kept about even."""
    places = sorted({f.place.text("en"): f.place for f in facts if f.place is not None}.values(), key=lambda p: p.text("en"))
    options = {f.id: injectable(f, places) for f in facts}
    candidates = [f for f in facts if options[f.id]]
    chosen = rng.sample(candidates, min(round(INJECTED_SHARE * len(facts)), len(candidates)))
    chosen.sort(key=lambda f: (len(options[f.id]), f.id))  # the most constrained choose first
    used: Counter[str] = Counter()
    injections: dict[str, _Injection] = {}
    for fact in chosen:
        fewest = min(used[k] for k in options[fact.id])
        kind = rng.choice([k for k in options[fact.id] if used[k] == fewest])
        used[kind] += 1
        doc = rng.choice(tellers[fact.id])
        if kind == "shifted":
            injections[fact.id] = _Injection(doc, kind, _shift(fact, rng), None)
        elif kind == "place":
            place = fact.other_place or rng.choice([p for p in places if p != fact.place])
            injections[fact.id] = _Injection(doc, kind, fact.when, place)
        elif kind == "old_style":
            injections[fact.id] = _Injection(doc, kind, When(old_style(fact.when.day), "day"), None)
        else:
            coarser = ["month", "year"] if fact.when.precision == "day" else ["year"]
            if fact.when.day.month in SEASON_OF_MONTH:
                coarser.append("season")
            injections[fact.id] = _Injection(doc, kind, When(fact.when.day, rng.choice(coarser)), None)
    return injections


def _shift(fact: Fact, rng: random.Random) -> When:
    """Another date for the fact: months or years away for a once-only type, 2-10 days for the others."""
    sign = rng.choice((-1, 1))
    when = fact.when
    if fact.type not in ONCE_TYPES:
        return When(when.day + dt.timedelta(days=sign * rng.randint(2, 10)), "day")
    if when.precision == "year" or rng.random() < 0.5:
        return When(_add_months(when.day, 12 * sign * rng.randint(1, 3)), when.precision)
    return When(_add_months(when.day, sign * rng.randint(2, 8)), when.precision)


def _sentence(template: Template, fact: Fact, place: Name | None, when: When, phrasing: Phrasing) -> str:
    slots: dict[str, str] = {"date": render_date(when, phrasing)}
    for participant in fact.participants:
        _fill(slots, participant.role, participant.name, phrasing.lang)
    if place is not None:
        _fill(slots, "place", place, phrasing.lang)
    if fact.office is not None:
        _fill(slots, "office", fact.office, phrasing.lang)
    text = template.text.format_map(slots).replace("..", ".")  # "Ludwig XVI." at the end of a sentence
    return text[:1].upper() + text[1:]


def _fill(slots: dict[str, str], base: str, name: Name, lang: str) -> None:
    text = name.text(lang)
    slots[base] = text
    if lang == "fr":
        slots[base + "_de"] = french_de(text)
        slots[base + "_e"] = "e" if name.feminine else ""
    elif lang == "de":
        for case in _GERMAN_CASES:
            slots[f"{base}_{case}"] = name.text(lang, case)


def french_de(name: str) -> str:
    """The name after French "de": du prince Albert, de la Tchéka, de l'Internationale, d'Austerlitz, de Lénine."""
    lower = name.lower()
    if lower.startswith("le "):
        return "du " + name[3:]
    if lower.startswith("les "):
        return "des " + name[4:]
    if lower.startswith(("la ", "l'")):
        return "de " + name
    if lower[:1] in _FRENCH_VOWELS:
        return "d'" + name
    return "de " + name


def _compose(
    told: Sequence[tuple[Fact, str, _Injection | None, When]], phrasing: Phrasing, rng: random.Random
) -> tuple[str, list[tuple[int, int]]]:
    """A document's text: paragraphs of 2-4 fact sentences with 0-2 fillers between them; the fact sentences' spans."""
    fillers = list(phrasing.fillers)
    rng.shuffle(fillers)
    next_filler = 0
    paragraphs: list[list[tuple[str, bool]]] = []
    i = 0
    while i < len(told):
        size = rng.randint(2, 4)
        paragraph: list[tuple[str, bool]] = []
        for j, (_, sentence, _, _) in enumerate(told[i : i + size]):
            if j:
                for _ in range(rng.randint(0, 2)):
                    paragraph.append((fillers[next_filler % len(fillers)], False))
                    next_filler += 1
            paragraph.append((sentence, True))
        paragraphs.append(paragraph)
        i += size
    text = ""
    spans: list[tuple[int, int]] = []
    for p, paragraph in enumerate(paragraphs):
        if p:
            text += "\n\n"
        for s, (sentence, is_fact) in enumerate(paragraph):
            if s:
                text += " "
            if is_fact:
                spans.append((len(text), len(text) + len(sentence)))
            text += sentence
    return text + "\n", spans


def _gold_conflicts(sentences: Sequence[GoldSentence]) -> tuple[GoldConflict, ...]:
    """Each disagreeing appearance against each true appearance of its fact in another document."""
    by_fact: dict[str, list[GoldSentence]] = defaultdict(list)
    for sentence in sentences:
        by_fact[sentence.fact].append(sentence)
    found = []
    for told in by_fact.values():
        for odd in told:
            kind = CONFLICT_KINDS.get(odd.injection or "")
            if kind is None:
                continue
            for true in told:
                if true.injection is None and true.doc != odd.doc:
                    first, second = sorted((odd.key, true.key))
                    found.append(GoldConflict(kind, first, second))
    return tuple(sorted(found, key=lambda c: (c.kind, c.first, c.second)))


# ---------------------------------------------------------------- files


def write(corpus: Corpus, folder: Path) -> list[Path]:
    """Write the documents (UTF-8 .txt) and gold.json into folder; the files of an earlier corpus there go first."""
    folder.mkdir(parents=True, exist_ok=True)
    gold_path = folder / "gold.json"
    if gold_path.exists():
        for name in json.loads(gold_path.read_text(encoding="utf-8")).get("documents", []):
            stale = folder / Path(name).name
            if stale.suffix == ".txt":
                stale.unlink(missing_ok=True)
    written = []
    for name, text in corpus.texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    gold_path.write_text(json.dumps(gold_json(corpus), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [*written, gold_path]


def gold_json(corpus: Corpus) -> dict[str, Any]:
    """The gold as JSON data (what gold.json holds)."""
    return {
        "seed": corpus.seed,
        "documents": list(corpus.texts),
        "facts": [{"id": f.id, "type": f.type, "date": f.when.value()} for f in corpus.facts],
        "sentences": [
            {
                "key": s.key,
                "doc": s.doc,
                "span": [s.start, s.end],
                "fact": s.fact,
                "type": s.type,
                "lang": s.lang,
                "injection": s.injection,
                "date": s.date,
                "precision": s.precision,
                "quote": s.quote,
            }
            for s in corpus.gold.sentences
        ],
        "conflicts": [{"kind": c.kind, "sentences": [c.first, c.second]} for c in corpus.gold.conflicts],
    }


def read_gold(path: Path) -> Gold:
    """The gold of a gold.json that write() made."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sentences = tuple(
        GoldSentence(
            s["key"],
            s["doc"],
            s["span"][0],
            s["span"][1],
            s["fact"],
            s["type"],
            s["lang"],
            s["injection"],
            s["date"],
            s["precision"],
            s["quote"],
        )
        for s in data["sentences"]
    )
    conflicts = tuple(GoldConflict(c["kind"], *sorted(c["sentences"])) for c in data["conflicts"])
    return Gold(sentences, conflicts)


# ---------------------------------------------------------------- scoring

ClaimRow = tuple[str, str, int, int, str]  # (claim_id, doc, span_start, span_end, type)
ConflictRow = tuple[str, str, str]  # (kind, claim_a, claim_b)


@dataclass(frozen=True)
class PairScore:
    """Reported conflict pairs against gold pairs; an empty denominator gives 1.0."""

    reported: int
    right: int
    gold: int
    found: int

    @property
    def precision(self) -> float:
        return _ratio(self.right, self.reported)

    @property
    def recall(self) -> float:
        return _ratio(self.found, self.gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


@dataclass(frozen=True)
class Score:
    sentences: int
    mapped: int
    bcubed: tuple[float, float, float]  # precision, recall, F1; unmapped sentences count for recall
    bcubed_mapped: tuple[float, float, float]  # over the mapped sentences only
    date_place: PairScore
    calendar: PairScore

    @property
    def claim_recall(self) -> float:
        return _ratio(self.mapped, self.sentences)


def map_claims(sentences: Sequence[GoldSentence], claims: Iterable[ClaimRow]) -> dict[str, str]:
    """Each gold sentence's claim (sentence key -> claim id): one of the fact's type inside the sentence, the longest."""
    by_doc: dict[str, list[ClaimRow]] = defaultdict(list)
    for claim in claims:
        by_doc[claim[1]].append(claim)
    mapping: dict[str, str] = {}
    for sentence in sentences:
        inside = [
            c for c in by_doc.get(sentence.doc, ()) if c[4] == sentence.type and sentence.start <= c[2] and c[3] <= sentence.end
        ]
        if inside:
            mapping[sentence.key] = min(inside, key=lambda c: (c[2] - c[3], c[2], c[0]))[0]
    return mapping


def bcubed(gold_cluster_of: Mapping[str, str], predicted_cluster_of: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering of the gold items.

    Items are the keys of ``gold_cluster_of``. An item missing from
    ``predicted_cluster_of`` (a gold sentence no claim was mapped to) is left
    out of precision and counts for recall as a singleton: it contributes
    1/|its gold cluster|, only itself found with itself. Predicted items
    outside the gold are ignored. For the score over mapped items only, pass
    the gold restricted to the predicted items. An empty average gives 1.0.
    """
    gold_members: dict[str, set[str]] = defaultdict(set)
    for item, cluster in gold_cluster_of.items():
        gold_members[cluster].add(item)
    predicted_members: dict[str, set[str]] = defaultdict(set)
    for item, cluster in predicted_cluster_of.items():
        if item in gold_cluster_of:
            predicted_members[cluster].add(item)
    precisions: list[float] = []
    recalls: list[float] = []
    for item, cluster in gold_cluster_of.items():
        gold = gold_members[cluster]
        if item not in predicted_cluster_of:
            recalls.append(1 / len(gold))
            continue
        predicted = predicted_members[predicted_cluster_of[item]]
        both = len(predicted & gold)
        precisions.append(both / len(predicted))
        recalls.append(both / len(gold))
    precision = sum(precisions) / len(precisions) if precisions else 1.0
    recall = sum(recalls) / len(recalls) if recalls else 1.0
    return precision, recall, _f1(precision, recall)


def score_conflicts(
    gold_conflicts: Iterable[GoldConflict], mapping: Mapping[str, str], conflicts: Iterable[ConflictRow]
) -> tuple[PairScore, PairScore]:
    """Date-or-place pairs and calendar pairs, each reported pair right when its claims map to a gold pair of its kinds.

    ``mapping`` is map_claims' sentence key -> claim id. A reported pair with a
    claim that maps to no gold sentence is wrong; so is a ``date`` conflict on
    a gold ``calendar`` pair. Reports of the same claim pair count once.
    """
    sentence_of = {claim: key for key, claim in mapping.items()}
    gold_kind = {frozenset((c.first, c.second)): c.kind for c in gold_conflicts}
    rows = list(conflicts)

    def tally(kinds: frozenset[str]) -> PairScore:
        reported = {frozenset((a, b)) for kind, a, b in rows if kind in kinds and a != b}
        gold_pairs = {pair for pair, kind in gold_kind.items() if kind in kinds}
        found: set[frozenset[str]] = set()
        right = 0
        for pair in reported:
            keys = frozenset(sentence_of.get(claim, "") for claim in pair)
            if "" not in keys and keys in gold_pairs:
                right += 1
                found.add(keys)
        return PairScore(len(reported), right, len(gold_pairs), len(found))

    return tally(frozenset({"date", "place"})), tally(frozenset({"calendar"}))


def score(gold: Gold, claims: Sequence[ClaimRow], event_of: Mapping[str, str], conflicts: Iterable[ConflictRow]) -> Score:
    """The whole score: claims found, events (B-cubed over facts), conflicts. A claim with no event is an event alone."""
    mapping = map_claims(gold.sentences, claims)
    gold_cluster = {s.key: s.fact for s in gold.sentences}
    predicted = {key: event_of.get(claim, "claim:" + claim) for key, claim in mapping.items()}
    date_place, calendar = score_conflicts(gold.conflicts, mapping, conflicts)
    return Score(
        len(gold.sentences),
        len(mapping),
        bcubed(gold_cluster, predicted),
        bcubed({k: gold_cluster[k] for k in predicted}, predicted),
        date_place,
        calendar,
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# ---------------------------------------------------------------- command line


def summary(corpus: Corpus) -> dict[str, Any]:
    """Counts for a corpus: documents, facts, sentences per language, injections and gold conflicts by kind."""
    sentences = corpus.gold.sentences
    return {
        "documents": len(corpus.texts),
        "facts": len(corpus.facts),
        "sentences": len(sentences),
        "sentences_by_lang": dict(Counter(s.lang for s in sentences)),
        "injections": dict(Counter(s.injection for s in sentences if s.injection)),
        "conflicts": dict(Counter(c.kind for c in corpus.gold.conflicts)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder for the documents and gold.json (default {OUT})")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--documents", type=int, default=12, help="number of documents (default 12)")
    parser.add_argument("--facts", type=Path, default=FACTS, help="facts file")
    parser.add_argument("--phrasings", type=Path, default=PHRASINGS, help="phrasings file")
    args = parser.parse_args(argv)
    corpus = generate(load_facts(args.facts), load_phrasings(args.phrasings), seed=args.seed, documents=args.documents)
    write(corpus, args.out)
    counts = summary(corpus)
    print(f"wrote {counts['documents']} documents and gold.json to {args.out}")
    print(f"facts: {counts['facts']}, fact sentences: {counts['sentences']}")
    print("sentences by language: " + ", ".join(f"{k} {v}" for k, v in sorted(counts["sentences_by_lang"].items())))
    print("injections: " + ", ".join(f"{k} {counts['injections'].get(k, 0)}" for k in INJECTIONS))
    print("gold conflicts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts["conflicts"].items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
