"""A language's time knowledge: the schema of ``time.yaml`` and the compiled :class:`TimeLexicon`.

The file is loaded through :func:`annales.langdata.load` into :class:`TimeData`
(unknown keys are errors); what a schema cannot say (a pattern's slots fit
its kind, the patterns compile together) is checked while compiling, and
every problem names the file and the key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from annales import langdata
from annales.errors import DataError
from annales.langdata import DataModel
from annales.stages.time.kinds import DIRECTION_SLOTS, KINDS, RELATIVE_KINDS, SLOTS, WORD_SLOTS
from annales.stages.time.patterns import (
    APOSTROPHES,
    DAY,
    DECADE,
    ISO,
    SLOT_RE,
    YEAR,
    YEAR2,
    alternation,
    anchor_words,
    connector_words,
    expand,
    norm,
    spelled_years,
)
from annales.stages.time.schema import PatternData, TimeData

__all__ = ["Template", "TimeLexicon", "load_language"]


@dataclass(frozen=True)
class Template:
    """One compiled pattern of a language's YAML."""

    index: int
    kind: str
    slots: frozenset[str]
    direction: str | None
    unit: str | None
    regex: str
    #: Read against the document date when there is one, not against the narrative ("last year").
    deictic: bool = False
    #: For deictic_day patterns without a day word: the day offset ("tonight": 0) and part of day;
    #: for clock patterns without an hour, the hour ("midi": 12).
    offset: int | None = None
    part: str | None = None
    #: In news (with a document date), the expression names no particular one ("en été": in summer).
    generic_in_news: bool = False


@dataclass(frozen=True)
class TimeLexicon:
    """A language's time knowledge, compiled: lookups and one scanning regex."""

    lang: str
    path: Path
    templates: tuple[Template, ...]
    scanner: re.Pattern[str]
    #: The same templates with no preposition allowed, and each template alone (see :meth:`match_at`).
    bare_scanner: re.Pattern[str]
    singles: tuple[re.Pattern[str], ...]
    #: Each template by the regex group that marks it (``_t<index>``), to read which one matched.
    by_group: dict[str, Template]
    months: dict[str, int]
    seasons: dict[str, str]
    numbers: dict[str, int | None]
    ordinals: dict[str, int]
    units: dict[str, str]
    words: dict[str, str]
    modifiers: dict[str, str]
    decade_words: dict[str, int]
    capitalised_months: bool
    old_style: re.Pattern[str]
    not_year_before: re.Pattern[str]
    not_year_after: re.Pattern[str]
    prefix: str
    #: An offset ending in one of these words and followed by its complement is measured
    #: from an event, not from a date ("une semaine après avoir reçu…", "two weeks after the battle").
    event_anchor: re.Pattern[str] = re.compile("(?!)")
    #: Weekday names (Monday 0), day words with their offset from today, parts of the day (MO, AF, EV, NI),
    #: vague references (PRESENT_REF, PAST_REF, FUTURE_REF).
    weekdays: dict[str, int] = field(default_factory=dict)
    day_words: dict[str, int] = field(default_factory=dict)
    day_parts: dict[str, str] = field(default_factory=dict)
    ref_words: dict[str, str] = field(default_factory=dict)
    #: Words in a sentence that put it in the future tense (a bare weekday then looks forward).
    future: re.Pattern[str] = re.compile("(?!)")
    #: Words that put a clause in a past tense (a bare weekday then looks back, even the day after).
    past: re.Pattern[str] = re.compile("(?!)")
    #: Words of a past perfect: a plan in such a clause was for a day now past.
    pluperfect: re.Pattern[str] = re.compile("(?!)")
    #: Holiday names and their day: "MM-DD", or a rule: easter (and easter+N days), thanksgiving-us.
    holidays: dict[str, str] = field(default_factory=dict)
    #: French Republican month names and their number (vendémiaire 1 … fructidor 12).
    republican_months: dict[str, int] = field(default_factory=dict)
    #: Words that make a date in their clause the bound of a state at the narrative's time ("part of the empire
    #: since 513 BC", "lasted until … February 1945"), not a new time for the story: it does not move the reference.
    bound: re.Pattern[str] = re.compile("(?!)")
    #: Regexes for a clause that looks back from the narrative's time (a relative clause in the pluperfect).
    flashback: re.Pattern[str] = re.compile("(?!)")
    #: Regexes (case-sensitive) for the words right after a date that make it part of a noun's attribute
    #: ("auf ab 1941 ausgearbeiteten Plänen"): it describes the noun and does not move the narrative.
    attribute: re.Pattern[str] = re.compile("(?!)")
    #: Before "a year", "a day", these (regexes, at the end of the text before) make it a rate, a SET ("$5 a year").
    rate_before: re.Pattern[str] = re.compile("(?!)")
    #: Before a number of years, these (regexes, matched at the end of the text before) make it an age.
    age_before: re.Pattern[str] = re.compile("(?!)")
    #: Whether a bare year right before a capitalised word is a count of that noun (German: "1500 Panzer").
    capital_noun_counts: bool = False
    #: Prepositions after which a month named alone is the event it names ("the veterans of October").
    month_not_after: frozenset[str] = frozenset()
    #: Month names that are other words too (May, March): a bare one needs a preposition before it.
    months_needing_prep: frozenset[str] = frozenset()
    #: Words (as prefixes) and digits of which every match holds one (see :func:`~annales.stages.time.patterns.anchor_words`).
    anchors: re.Pattern[str] = re.compile(r"\d")
    #: Every word the language's data names (patterns, word lists, prepositions), casefolded: a match can
    #: hold no other word before its anchor, so the scan need not start further back than one.
    connectors: frozenset[str] = frozenset()
    #: After a month (or a season), the rest of a list whose last item carries the year the month takes
    #: ("April and June 1955", "the spring and early summer of 1943"); group 1 the last month (season), 2 the year.
    month_list_tail: re.Pattern[str] = re.compile("(?!)")
    season_list_tail: re.Pattern[str] = re.compile("(?!)")
    #: A mark that ends a clause (a full stop, unless after an abbreviation or an initial).
    clause_end: re.Pattern[str] = re.compile("(?!)")

    def match_at(self, text: str, at: int, after: int = -1) -> re.Match[str] | None:
        """The match at ``at`` of the first template after index ``after`` that fits there.

        The first template wins, with its preposition if it takes one. From
        the start (``after`` -1), the shared-preposition scanner answers at once
        unless it used a preposition, in which case an earlier template that
        includes the word itself ("from 1991 to 1997") may win. After a refused
        match, the later templates are tried one by one, each compiled alone.
        """
        if after >= 0:
            for template in self.templates[after + 1 :]:
                m = self.singles[template.index].match(text, at)
                if m is not None:
                    return m
            return None
        with_prep, bare = self.scanner, self.bare_scanner
        m = with_prep.match(text, at)
        if m is None or m.group("_p") is None:
            return m
        other = bare.match(text, at)
        if other is not None and _template_index(other) < _template_index(m):
            return other
        return m


def _template_index(m: re.Match[str]) -> int:
    """The index of the template a scanner match came from (its group is named ``_t<index>``)."""
    return int((m.lastgroup or "_t0")[2:])


# --------------------------------------------------------------------------- compiling


def _fail(path: Path, key: str, problem: str) -> DataError:
    """The error for a problem with ``key`` in the file at ``path``."""
    return DataError(f"{path}: key '{key}': {problem}")


def _grouped(groups: DataModel) -> dict[str, str]:
    """Each word of a model of word groups (casefolded) mapped to its group's name."""
    return {norm(w): name for name, ws in groups.model_dump().items() for w in ws}


def _numbers(words: dict[str, int]) -> dict[str, int]:
    """A word-to-number mapping keyed by the words as matched (see :func:`norm`)."""
    return {norm(word): number for word, number in words.items()}


def _regexes(items: Sequence[str], *, suffix: str = "", flags: int = 0) -> re.Pattern[str]:
    """One regex from a list of regexes (each then ``suffix``; case-sensitive unless ``flags``); none matches nothing."""
    return re.compile("|".join(f"(?:{item}){suffix}" for item in items) or "(?!)", flags)


def _word_regex(items: Sequence[str], template: str) -> re.Pattern[str]:
    """A case-insensitive regex of ``template`` with the alternation of ``items`` in its ``{}``; none matches nothing."""
    return re.compile(template.format(alternation(items)) if items else "(?!)", re.IGNORECASE)


@cache
def load_language(lang: str) -> TimeLexicon:
    """The compiled time lexicon of ``lang`` (cached; validated against the schema)."""
    path = langdata.lang_file(lang, "time.yaml")
    data = langdata.load(path, TimeData)

    months = {norm(name): i for i, names in enumerate(data.months, start=1) for name in names}
    republican = {norm(name): i for i, names in enumerate(data.republican_months, start=1) for name in names}
    weekdays = {norm(name): i for i, names in enumerate(data.weekdays) for name in names}
    seasons = _grouped(data.seasons)
    units = _grouped(data.units)
    words = _grouped(data.words)
    modifiers = _grouped(data.modifiers)
    day_parts = _grouped(data.day_parts)
    ref_words = _grouped(data.ref_words)
    numbers: dict[str, int | None] = {**_numbers(data.numbers)}
    numbers.update({norm(w): None for w in data.vague_numbers})
    ordinals = _numbers(data.ordinals)
    decade_words = _numbers(data.decade_words)
    day_words = _numbers(data.day_words)
    holidays = {norm(name): rule for name, rule in data.holidays.items()}
    spelled_rx, spelled = spelled_years(numbers, data.number_and) if data.spelled_years else ("(?!)", [])

    ord_suffix, day_suffix = data.ordinal_suffix, data.day_suffix
    suffix = f"(?:{ord_suffix})" if ord_suffix else ""
    day = DAY + (f"(?:{day_suffix})?" if day_suffix else "")
    slot_rx: dict[str, str] = {
        "year": YEAR,
        "year2": YEAR2,
        "day": day,
        "day2": day,
        "spelled": spelled_rx,
        "month": alternation(list(months)),
        "month2": alternation(list(months)),
        "season": alternation(list(seasons)),
        "decade": DECADE,
        "decade_word": alternation(list(decade_words)),
        "century": f"(?:[IVXLC]{{1,6}}{suffix}?|\\d{{1,2}}{suffix}|{alternation(list(ordinals))})",
        "number": f"(?:\\d{{1,3}}|{alternation(list(numbers))})",
        "unit": alternation(list(units)),
        "mod": alternation(list(modifiers)),
        "iso": ISO,
        "bcyear": r"(?<![\d.,])\d{1,4}",
        "rmonth": alternation(list(republican)) if republican else "(?!)",
        "ryear": r"(?:[IVX]{1,5}|[1-9]\d?)(?![\w])",
        "bcyear2": r"\d{1,4}",
        "bcdecade": r"(?<![\d.,])\d{0,2}[1-9]0(?!\d)",
        "bc": alternation(data.bc_words),
        "ordinal": f"(?:\\d(?:{ord_suffix})|{alternation(list(ordinals))})" if ord_suffix else alternation(list(ordinals)),
        "weekday": alternation(list(weekdays)),
        "dayword": alternation(list(day_words)),
        "part": alternation(list(day_parts)),
        "refword": alternation(list(ref_words)),
        "holiday": alternation(list(holidays)),
        "hour": r"(?<![\d.,:])(?:[01]?\d|2[0-3])",
        "minute": r"[0-5]\d(?!\d)",
        "ampm": r"[ap]\.? ?m\.?(?!\w)",
    }
    for slot in WORD_SLOTS:
        slot_rx[slot] = alternation(getattr(data.words, slot))

    glued = [p for p in data.prepositions if p[-1] in APOSTROPHES]
    spaced = [p for p in data.prepositions if p[-1] not in APOSTROPHES]
    prep_alts = []
    if spaced:
        prep_alts.append(alternation(spaced) + r"\s+")
    if glued:
        prep_alts.append(alternation(glued))
    prefix = "(?:" + "|".join(prep_alts) + ")" if prep_alts else "(?!)"

    items = [_pattern_item(path, i, item) for i, item in enumerate(data.patterns)]
    templates = _compile_patterns(path, items, slot_rx, prefix, data.units.model_fields_set)
    try:
        scanner = _scanner(templates, prefix)
    except re.error as exc:  # pragma: no cover - each pattern compiled alone first
        raise _fail(path, "patterns", f"does not compile together: {exc}") from exc

    return TimeLexicon(
        lang=lang,
        path=path,
        templates=templates,
        scanner=scanner,
        bare_scanner=_scanner(templates, "(?!)"),
        singles=tuple(_scanner([t], prefix) for t in templates),
        by_group={f"_t{t.index}": t for t in templates},
        months=months,
        republican_months=republican,
        seasons=seasons,
        numbers=numbers,
        ordinals=ordinals,
        units=units,
        words=words,
        modifiers=modifiers,
        decade_words=decade_words,
        capitalised_months=data.capitalised_months,
        old_style=_word_regex(data.old_style, r"\s*\(?\s*{}"),
        not_year_before=_word_regex(data.not_year_before, r"(?<!\w){}\s*$"),
        not_year_after=_word_regex(data.not_year_after, r"\s*{}(?!\w)"),
        prefix=prefix,
        event_anchor=_word_regex(data.event_anchors, r"(?:^|.*\s){}$"),
        weekdays=weekdays,
        day_words=day_words,
        day_parts=day_parts,
        ref_words=ref_words,
        future=_regexes(data.future_markers, flags=re.IGNORECASE),
        past=_regexes(data.past_markers, flags=re.IGNORECASE),
        pluperfect=_regexes(data.pluperfect_markers, flags=re.IGNORECASE),
        flashback=_regexes(data.flashback_markers, flags=re.IGNORECASE),
        attribute=_regexes(data.attribute_markers),
        bound=_word_regex(data.bound_words, r"(?<!\w){}(?!\w)"),
        capital_noun_counts=data.capital_noun_counts,
        month_not_after=frozenset(norm(w) for w in data.month_not_after),
        holidays=holidays,
        age_before=_regexes(data.age_before, suffix="$"),
        rate_before=_regexes(data.rate_before, suffix="$"),
        months_needing_prep=frozenset(norm(w) for w in data.months_needing_prep),
        connectors=connector_words(data.model_dump(exclude_unset=True)),
        anchors=anchor_words(
            [item.pattern for item in items],
            {
                "month": list(months),
                "month2": list(months),
                "season": list(seasons),
                "unit": list(units),
                "decade_word": list(decade_words),
                "century": list(ordinals),
                "ordinal": list(ordinals),
                "bc": list(data.bc_words),
                "weekday": list(weekdays),
                "dayword": list(day_words),
                "part": list(day_parts),
                "refword": list(ref_words),
                "holiday": list(holidays),
                "rmonth": list(republican),
                # Spelled years begin with a century's word ("nineteen …") or the millennium's ("two thousand").
                "spelled": spelled,
            },
        ),
        month_list_tail=re.compile(
            rf"\s*(?:,\s*[^\W\d_]+\.?\s*)*(?:,|{alternation(data.month_list_joiners)}|[-–/])\s*"
            rf"(?:\d{{1,2}}\.?{f'(?:{day_suffix})?' if day_suffix else ''}\s+)?([^\W\d_]+\.?)\s*,?\s*(\d{{4}})(?!\d)"
        ),
        season_list_tail=re.compile(
            rf"\s*(?:{alternation(data.season_list_joiners)}|[-–/])\s*(?:[^\W\d_]+\s+){{0,3}}?([^\W\d_]+)\s+"
            rf"(?:{alternation(data.season_year_joiners)}\s*)?(\d{{4}})(?!\d)"
        ),
        clause_end=re.compile(
            r"(?<!\b[A-Z])" + "".join(rf"(?<!\b{re.escape(w)})" for w in data.abbreviations) + r"\.|[;:!?,\"“”«»()\n]|``|''"
        ),
    )


def _pattern_item(path: Path, index: int, item: Any) -> PatternData:
    """One item of ``patterns`` validated, its problems named ``patterns[index].key``."""
    try:
        return PatternData.model_validate(item)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = "".join(f".{part}" for part in error["loc"])
            message = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
            problems.append(f"key 'patterns[{index}]{where}': {message}")
        raise DataError(f"{path}: {'; '.join(problems)}") from exc


def _scanner(templates: Sequence[Template], prefix: str) -> re.Pattern[str]:
    """One regex for ``templates``: an optional preposition, read once, then the templates in order."""
    body = "|".join(f"(?P<_t{t.index}>{t.regex})" for t in templates) or "(?!)"
    return re.compile(f"(?<!\\w)(?P<_p>{prefix})?(?P<_s>)(?:{body})", re.IGNORECASE)


def _compile_patterns(
    path: Path, items: Sequence[PatternData], slot_rx: dict[str, str], prefix: str, units: set[str]
) -> tuple[Template, ...]:
    """The templates of a language's patterns, in the order of :data:`KINDS` (then as written)."""
    order = {kind: i for i, kind in enumerate(KINDS)}
    for i, item in enumerate(items):
        if item.unit is not None and item.unit not in units:
            raise _fail(path, f"patterns[{i}].unit", f"unknown unit {item.unit!r}")
    templates: list[Template] = []
    for i, item in sorted(enumerate(items), key=lambda f: (order[f[1].kind], f[0])):
        key = f"patterns[{i}].pattern"
        kind, pattern = item.kind, item.pattern
        slots = [m.group(1) for m in SLOT_RE.finditer(pattern)]
        for slot in slots:
            if slot not in SLOTS:
                raise _fail(path, key, f"unknown slot {{{slot}}}")
        if len(set(slots)) != len(slots):
            raise _fail(path, key, "a slot is used twice")
        missing = KINDS[kind] - set(slots) - ({"year"} if "spelled" in slots else set())
        if missing:
            raise _fail(path, key, f"kind {kind} needs the slot(s) {', '.join(sorted(missing))}")
        if kind == "decade" and not {"decade", "decade_word"} & set(slots):
            raise _fail(path, key, "kind decade needs {decade} or {decade_word}")
        directed = kind in RELATIVE_KINDS - {"month", "day_month"}
        if directed and item.direction is None and not set(DIRECTION_SLOTS) & set(slots):
            raise _fail(path, key, f"kind {kind} needs a direction slot or a 'direction' key")
        if kind == "set" and item.unit is None and "unit" not in slots:
            raise _fail(path, key, "kind set needs {unit} or a 'unit' key")
        if kind == "deictic_day" and not {"dayword", "this"} & set(slots) and item.offset is None:
            raise _fail(path, key, "kind deictic_day needs {dayword}, {this} or an 'offset' key")
        if kind == "clock" and "hour" not in slots and item.offset is None:
            raise _fail(path, key, "kind clock needs {hour} or an 'offset' key (the hour: midi is 12)")
        n = len(templates)
        regex = expand(pattern, n, slot_rx)
        # The preposition group _p is shared by all templates (see _scanner): a template may
        # require it (needs_prep) or, when it marks its own start ({^}), refuse it.
        if "^" in slots:
            regex = "(?(_p)(?!)|)" + regex
        elif item.needs_prep:
            regex = "(?(_p)|(?!))" + regex
        regex += r"(?!\w)"
        try:
            re.compile(f"(?P<_p>{prefix})?(?P<_s>){regex}", re.IGNORECASE)
        except re.error as exc:
            raise _fail(path, key, f"not a valid pattern: {exc}") from exc
        templates.append(
            Template(
                n,
                kind,
                frozenset(slots),
                item.direction,
                item.unit,
                regex,
                deictic=item.deictic or bool({"this", "last"} & set(slots)),
                offset=item.offset,
                part=item.part,
                generic_in_news=item.generic_in_news,
            )
        )
    return tuple(templates)
