"""Line-end hyphens: which hyphen at a line's end splits a word, and which belongs to a compound.

The evidence is the document's own spelling first (its vocabulary), then the
language's data (``repair.yaml``: words written hyphenated, compound prefixes,
name parts, the words that suspend a compound) and word frequencies. Also here:
a line that visibly does not continue the one above (a stray word fragment
after a jump in the extraction) and a hyphen and space inside a line that an
earlier extraction left where a line break was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from annales.stages.repair.lines import LEAD_LETTERS, TRAIL_LETTERS, Context, Line, strip_bounds
from annales.stages.repair.rules import rules_of_every_language

__all__ = [
    "FREQUENT",
    "KNOWN_PART",
    "fragment",
    "inline_splits",
    "join_hyphen",
    "line_end_hyphen",
    "looks_split",
    "suspended_after",
]

#: Zipf frequency from which a joined word counts as an ordinary word.
FREQUENT = 3.0
#: Zipf frequency from which a half of a hyphenated pair counts as a word.
KNOWN_PART = 1.5

_TRAIL_WORD = re.compile(r"\w+(?:[-\u2010]\w+)*$")
_LEAD_WORD = re.compile(r"\w+")


def join_hyphen(ctx: Context, left: str, right: str, *, spaced: bool = False) -> bool:
    """Decide whether ``left-`` at a line end and ``right`` on the next line form one word.

    ``left`` is the text of the line up to the hyphen, ``right`` the text of
    the next line from its first character; ``spaced`` says a space stood
    before the hyphen, which then is as likely a dash. Evidence, in order: digits and
    capitals (keep), the document itself, the language's hyphenated words
    (to-day, north-east), word frequencies, the language's compound prefixes
    and name parts (Oxford-street), and finally the commoner case, join.
    """
    left_word = _TRAIL_WORD.search(left)
    right_word = _LEAD_WORD.match(right)
    if not left_word or not right_word:
        return False
    lw, rw = left_word.group(), right_word.group()
    if lw[-1].isdigit() or rw[0].isdigit() or "_" in lw[-1] + rw[0]:
        return False
    if rw[0].isupper() and not (lw.isupper() and rw[:2].isupper()):
        return False
    joined_form = (lw + rw).casefold()
    hyphen_form = f"{lw}-{rw}".casefold()
    by_join, by_hyphen = ctx.vocab[joined_form], ctx.vocab[hyphen_form]
    if by_join != by_hyphen:
        return by_join > by_hyphen
    if hyphen_form in ctx.rules.hyphenated:
        return False
    last = TRAIL_LETTERS.search(lw)
    first = LEAD_LETTERS.match(rw)
    if not last or not first:
        return False
    lpart, rpart = last.group().casefold(), first.group().casefold()
    joined = lpart + rpart
    if ctx.vocab[joined] or ctx.zipf(joined) >= FREQUENT:
        return True
    if lpart in ctx.rules.compound_prefixes:
        return False
    zj = ctx.zipf(joined)
    zl, zr = ctx.zipf(lpart), ctx.zipf(rpart)
    if spaced:
        return zj > 0 or zr < KNOWN_PART
    if ctx.rules.join_compounds:
        return True
    if lpart[:1] != last.group()[:1] and not lw.isupper():
        # A capitalised name broken before a lower-case part is a name written closed (Bankstown),
        # unless the part is one that names keep apart (Oxford-street).
        return rpart not in ctx.rules.name_parts
    # Two ordinary words whose joined form is rare: a compound like five-year.
    both_words = zl >= KNOWN_PART and zr >= KNOWN_PART
    return not (both_words and (zj == 0 or zj < min(zl, zr) - 2.0))


def _known(ctx: Context, word: str) -> bool:
    """Whether the document uses ``word`` or it is an ordinary word of the language."""
    return ctx.vocab[word.casefold()] > 0 or ctx.zipf(word) >= FREQUENT


def fragment(ctx: Context, word: str) -> bool:
    """Whether ``word`` is no word at all but the second half of a split one."""
    return ctx.zipf(word) < 1.0 and ctx.vocab[word.casefold()] <= 1


@lru_cache(maxsize=1)
def suspended_after() -> frozenset[str]:
    """Words after which a hyphen is a suspended compound, not a split word ("pre- and post-war").

    The words of every language count, whatever the text's language.
    """
    return frozenset(w for rules in rules_of_every_language() for w in rules.suspended_after)


def looks_split(ctx: Context, above: Line, line: Line) -> bool:
    """Whether ``line`` visibly does not continue ``above`` although no blank line parts them.

    PDF extractions glue the first line of a displaced block to the text before
    it; such a line starts with a space and then a lower-case word that either
    makes nonsense of the hyphen above, follows a finished sentence, or is a
    stray fragment of a word.
    """
    text = ctx.text
    if line.start >= line.end or not text[line.start].isspace():
        return False
    s, e = strip_bounds(text, line.start, line.end)
    head = LEAD_LETTERS.match(text, s, e)
    if head is None or head.start() != s or not text[s].islower():
        return False
    a_start, a_end = strip_bounds(text, above.start, above.end)
    if a_end - a_start < 2:
        return False
    word = head.group()
    if text[a_end - 1] == "-" and text[a_end - 2].isalpha():
        left = TRAIL_LETTERS.search(text, a_start, a_end - 1)
        if left is None:
            return False
        joined = left.group() + word
        return ctx.zipf(joined) == 0 and not ctx.vocab[joined.casefold()] and ctx.zipf(word) >= FREQUENT
    if re.search(r"[.!?][\"'\u201d\u2019\u00bb)\]]*$", text[a_start:a_end]):
        return True
    return ctx.zipf(word) == 0 and ctx.vocab[word.casefold()] <= 1


def line_end_hyphen(text: str, s: int, e: int) -> int | None:
    """Offset where a line-break hyphen (and the spaces before it) starts, or None."""
    if e - s < 2 or text[e - 1] != "-":
        return None
    before = e - 1
    while before > s and text[before - 1] in " \t":
        before -= 1
    if before == s:
        return None
    if before < e - 1:
        return before if text[before - 1].isalpha() else None
    return before if text[before - 1].isalnum() else None


#: A hyphen and a space inside a line, between letters: a line-break hyphen whose line break an
#: earlier extraction turned into a space ("the prac- tice", "De- cember 1st").
_INLINE_SPLIT = re.compile(r"(?<=[^\W\d_])-[ \t]+(?=[^\W\d_])")


def inline_splits(ctx: Context, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The hyphen-and-space cuts in ``text[start:end]`` to drop: those whose two halves make a known word."""
    pos = start
    for m in _INLINE_SPLIT.finditer(text, start, end):
        left = TRAIL_LETTERS.search(text, pos, m.start())
        right = LEAD_LETTERS.match(text, m.end(), end)
        if left is None or right is None or not right.group()[0].islower():
            continue
        if right.group().casefold() in suspended_after() or not _known(ctx, left.group() + right.group()):
            continue
        yield m.start(), m.end()
        pos = m.end()
