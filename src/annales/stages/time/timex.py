"""The TimeML view of a mention: the TIMEX3s it is annotated as."""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from annales.records import Span, TimeMention, TimexType

__all__ = ["timeml", "timex3"]

#: What HeidelTime writes before and after the tagged text.
TIMEML_HEAD = '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n'
TIMEML_TAIL = "\n</TimeML>\n"


_RANGE_VALUE = re.compile(r"((?:BC)?\d{4})/((?:BC)?\d{4})")
_DAY_RANGE_VALUE = re.compile(r"(\d{4}-\d\d-\d\d)/(\d{4}-\d\d-\d\d)")


def timex3(mention: TimeMention) -> list[tuple[Span, TimexType, str]]:
    """The mention as TimeML annotates it: (span, type, value) of each TIMEX3.

    TimeML has no value for a range of years or days, so "between 1925 and
    1928", "1861-63", "499-493 BC" and "May 4 and 5" are two TIMEX3s, one per
    year or day written; anything else is one.
    """
    base = mention.span.start
    days = _DAY_RANGE_VALUE.fullmatch(mention.time.value)
    if mention.type == "DATE" and days is not None:
        # "May 4 and 5, 1865" is "May 4" and "5, 1865": split where the second day begins.
        first_day, last_day = str(int(days.group(1)[-2:])), str(int(days.group(2)[-2:]))
        numbers = [m for m in re.finditer(r"\d+", mention.text) if m.group() in (first_day, last_day)]
        if len(numbers) >= 2:
            cut_end, cut_start = numbers[0].end(), numbers[1].start()
            return [
                (Span(base, base + cut_end), "DATE", days.group(1)),
                (Span(base + cut_start, mention.span.end), "DATE", days.group(2)),
            ]
    value = _RANGE_VALUE.fullmatch(mention.time.value)
    numbers = list(re.finditer(r"\d+", mention.text))
    if mention.type != "DATE" or value is None or len(numbers) != 2:
        return [(mention.span, mention.type, mention.time.value)]
    return [
        (Span(base + number.start(), base + number.end()), "DATE", year)
        for number, year in zip(numbers, value.groups(), strict=True)
    ]


def timeml(text: str, mentions: Sequence[TimeMention]) -> str:
    """``text`` with each mention's TIMEX3s inline, laid out as HeidelTime writes TimeML.

    The text between the tags is ``text`` with ``&``, ``<`` and ``>`` escaped, so the output is XML:
    an XML parser (or removing the tags and unescaping) gives the original back, and offsets in it
    are the original's. HeidelTime leaves them bare, which no XML reader accepts ("AT&T") and which
    a tag-walking reader takes for markup ("<sic>"). ``tid`` counts t1, t2, … in text order. A
    TIMEX3 that would overlap one before it is left out (TimeML does not nest TIMEX3s).
    """
    pieces = [TIMEML_HEAD]
    at = 0
    number = 0
    for span, kind, value in sorted((t for m in mentions for t in timex3(m)), key=lambda t: (t[0].start, -t[0].end)):
        if span.start < at or span.start >= span.end:
            continue
        number += 1
        pieces.append(escape(text[at : span.start]))
        attribute = escape(value, {'"': "&quot;"})
        pieces.append(f'<TIMEX3 tid="t{number}" type="{kind}" value="{attribute}">{escape(text[span.start : span.end])}</TIMEX3>')
        at = span.end
    pieces.append(escape(text[at:]))
    pieces.append(TIMEML_TAIL)
    return "".join(pieces)
