"""From the words and patterns of a language's data to regular expressions.

A literal space in a pattern matches any run of whitespace (no-break spaces
included), `` ?`` optional whitespace, and a ``'`` a typographic apostrophe
too. Slots (``{month}``, ``{year}`` …) become named groups filled with the
word lists or the fixed digit patterns below. :func:`anchor_words` finds what
every match must contain, so that the scanner only runs near those words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from annales.stages.time.kinds import ANCHOR_SLOTS

YEAR = r"(?<!\w)(?<!\d[.,])(?:1\d{3}|20\d{2})(?!\w)(?![.,]\d)"
YEAR2 = r"(?<!\w)(?:1\d{3}|20\d{2}|\d{1,2})(?!\w)(?![.,]\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"
DECADE = r"(?:1\d{2}0|20\d0)"
ISO = (
    r"(?:1\d{3}|20\d{2})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    r"(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)?(?![\d-])"
)
SLOT_RE = re.compile(r"\{(\^|\$|[a-z_]+\d?)\}")
APOSTROPHES = "'’ʼ"


def norm(word: str) -> str:
    """The lookup key of a word as matched: casefolded, one space, plain apostrophe."""
    word = re.sub(r"\s+", " ", word.strip()).casefold()
    for ch in APOSTROPHES[1:]:
        word = word.replace(ch, "'")
    return word


def literal(piece: str) -> str:
    """Turn pattern text into regex: spaces match whitespace, apostrophes match both kinds."""
    piece = piece.replace(" ?", "\0").replace(" ", r"\s+").replace("\0", r"\s*")
    return re.sub(r"['’]", f"[{APOSTROPHES}]", piece)


def alternation(words: Sequence[str]) -> str:
    """An alternation matching any of ``words`` (longest first), as literals."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        escaped = re.escape(word.strip()).replace(r"\ ", " ")
        parts.append(literal(escaped))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


#: Years written in words ("nineteen ninety-six"), filled by the languages that spell them, keyed by
#: their words with single spaces.
SPELLED_YEARS: dict[str, int] = {}


def spelled_years(numbers: Mapping[str, int | None], conjunction: str) -> tuple[str, list[str]]:
    """How years 1100-2099 are read out in English-like languages: a compact regex and its first words.

    "nineteen ninety-six", "nineteen hundred", "two thousand", "two thousand
    and three" (``conjunction`` is the "and", if the language has one). Every reading is registered in
    ``SPELLED_YEARS`` (words with single spaces, hyphens as spaces) so a match
    converts by look-up.
    """
    words: dict[int, str] = {}
    for word, n in numbers.items():
        if n is not None and " " not in word and len(word) > 2:
            words.setdefault(n, word)  # the first spelling of each number ("one", not "a" or "an")
    below = {k: words[k] for k in range(1, 20) if k in words}
    for tens in range(20, 100, 10):
        if tens in words:
            below[tens] = words[tens]
            for unit in range(1, 10):
                if unit in words:
                    below[tens + unit] = f"{words[tens]} {words[unit]}"
    heads = [century for century in range(11, 21) if century in below]
    for century in heads:
        for rest, tail in below.items():
            if rest >= 10:
                SPELLED_YEARS[f"{below[century]} {tail}"] = century * 100 + rest
        if 100 in words:
            SPELLED_YEARS[f"{below[century]} {words[100]}"] = century * 100
    starts = [below[c] for c in heads]
    units_rx = alternation([words[k] for k in range(1, 10) if k in words])
    teens_rx = alternation([below[k] for k in range(10, 20) if k in below])
    tens_rx = alternation([words[k] for k in range(20, 100, 10) if k in words])
    rest_rx = f"(?:{tens_rx}(?:[- ]{units_rx})?|{teens_rx}" + (f"|{alternation([words[100]])}" if 100 in words else "") + ")"
    parts = [f"{alternation(starts)} {rest_rx}"] if starts else []
    if 2 in words and 1000 in words:
        millennium = f"{words[2]} {words[1000]}"
        SPELLED_YEARS[millennium] = 2000
        for n, tail in below.items():
            SPELLED_YEARS[f"{millennium} {tail}"] = 2000 + n
            if conjunction:
                SPELLED_YEARS[f"{millennium} {conjunction} {tail}"] = 2000 + n
        joined = f"(?:{re.escape(conjunction)} )?" if conjunction else ""
        parts.append(f"{literal(millennium)}(?: {joined}(?:{tens_rx}(?:[- ]{units_rx})?|{teens_rx}|{units_rx}))?")
        starts.append(millennium)
    regex = "(?:" + "|".join(p.replace(" ", r"\s+") for p in parts) + ")" if parts else "(?!)"
    return regex, starts


LETTERS = re.compile(r"[^\W\d_]+")


def connector_words(data: Any) -> frozenset[str]:
    """The letter runs of every string in a language's data (keys and values), casefolded."""
    found: set[str] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.update(w.casefold() for w in LETTERS.findall(item))
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return frozenset(found)


_LOOKAROUND = re.compile(r"\(\?<?[=!](?:[^()]|\([^()]*\))*\)")
_OPTIONAL_GROUP = re.compile(r"\((?:[^()]|\([^()]*\))*\)[?*]")
_ALTERNATION_GROUP = re.compile(r"\((?:[^()]|\([^()]*\))*\|(?:[^()]|\([^()]*\))*\)")


def anchor_words(patterns: Sequence[str], vocab: dict[str, list[str]]) -> re.Pattern[str]:
    """A regex of the anchors of a language's patterns: what every match must contain.

    For each pattern, the parts outside optional groups are mandatory. A
    mandatory anchor slot contributes its words (a digit slot, any digit);
    else a mandatory literal that a slot knows too ("year"); else an
    alternation every branch of which has an anchor contributes all of them
    ("(?:day|{part})"); else the pattern's longest mandatory literal word; a
    pattern with none of these contributes every word it names.
    Matching an anchor is cheap, so the full scanner only runs in a window
    before each one.
    """
    known = {w.casefold() for ws in vocab.values() for w in ws}

    def literals(text: str) -> list[str]:
        plain = SLOT_RE.sub(" ", text.replace("\\s", " ").replace("\\b", " "))
        return re.findall(r"[^\W\d_]{2,}", plain)

    def best(found: list[str]) -> str:
        # A word the slots know (a unit), else the longest, and of equals the last: determiners
        # come first ("that day", "the next week").
        return max(reversed(found), key=lambda w: (w.casefold() in known, len(w)))

    def branch_anchors(branch: str) -> set[str] | None:
        slots = [m.group(1) for m in SLOT_RE.finditer(branch) if m.group(1) in ANCHOR_SLOTS]
        if slots:
            return {w for slot in slots for w in vocab.get(slot, [])} or {"0"}
        found = literals(branch)
        return {best(found)} if found else None

    words: set[str] = set()  # whole words, from the slots' vocabularies
    prefixes: set[str] = set()  # literal words of patterns, which may begin a longer word ("Jahres…")
    for pattern in patterns:
        core = _LOOKAROUND.sub(" ", pattern)  # they match no characters
        previous = None
        while previous != core:
            previous, core = core, _OPTIONAL_GROUP.sub(" ", core)
        groups = [g.group(0) for g in _ALTERNATION_GROUP.finditer(core)]
        outside = core
        for group in groups:
            outside = outside.replace(group, " ")
        if "|" in outside:
            outside = ""  # an alternation at the top: no part of it is mandatory
        mandatory = [m.group(1) for m in SLOT_RE.finditer(outside) if m.group(1) in ANCHOR_SLOTS]
        if mandatory:
            for slot in mandatory:
                words.update(vocab.get(slot, []))
            continue
        found = literals(outside)
        if any(w.casefold() in known for w in found):
            prefixes.add(best(found))
            continue
        chosen: set[str] | None = None
        for group in groups:
            branches = (
                [branch_anchors(b) for b in group[group.index(":") + 1 : -1].split("|")] if group.startswith("(?:") else [None]
            )
            if branches and all(b is not None for b in branches):
                chosen = set().union(*[b for b in branches if b is not None])
                break
        if chosen is not None:
            prefixes.update(chosen - {"0"})
            continue
        if found:
            prefixes.add(best(found))
            continue
        for m in SLOT_RE.finditer(pattern):
            prefixes.update(vocab.get(m.group(1), []))
        prefixes.update(re.findall(r"[^\W\d_]{2,}", SLOT_RE.sub(" ", pattern)))
    whole = alternation([w.casefold() for w in words])
    begun = alternation([w.casefold() for w in prefixes])
    return re.compile(rf"(?<!\d)\d|(?<!\w){whole}(?!\w)|(?<!\w){begun}", re.IGNORECASE)


def expand(pattern: str, n: int, slot_rx: dict[str, str]) -> str:
    """The regex of template ``n``: its literal text as regex, each slot a named group ``t<n>_<slot>``."""
    out: list[str] = []
    pos = 0
    for m in SLOT_RE.finditer(pattern):
        out.append(literal(pattern[pos : m.start()]))
        name = m.group(1)
        if name == "^":
            out.append(f"(?P<t{n}__s>)")
        elif name == "$":
            out.append(f"(?P<t{n}__e>)")
        else:
            out.append(f"(?P<t{n}_{name}>{slot_rx[name]})")
        pos = m.end()
    out.append(literal(pattern[pos:]))
    return "".join(out)
