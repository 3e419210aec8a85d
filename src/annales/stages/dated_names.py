"""Names that run into a time expression, cut back to the name.

The models tag dates as names or run a name on into one: "BC" of "481 BC" as an organisation, "BC Xerxes",
"September 1939" as an organisation, "Polen 1939", "Tonkin Anfang August 1964" as a person. The time stage
has read those words as a time; a mention keeps only its words outside every time expression, and none when
no name is left there (a capital letter and two letters at least). A name whose words before the date end in an
"of" holds its date ("the Revolution of 1848", « le traité de 1856 ») and stays whole.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from annales.records import Mention, Span
from annales.vocabulary.claim_words import claim_words

__all__ = ["outside_times"]

#: How many times starting before a mention's end are looked at for an overlap.
_NEAR = 8
#: What is stripped from the ends of a name cut at a time: spaces and punctuation.
_STRIP = " \t\n,;:.()[]'\"«»“”-–—"


def outside_times(mentions: Sequence[Mention], times: Sequence[Span], text: str) -> list[Mention]:
    """``mentions`` (spans into ``text``) without the words of ``times``; a mention left with no name is dropped."""
    of_words = claim_words().of_prepositions
    spans = sorted(times, key=lambda span: span.start)
    starts = [span.start for span in spans]
    found: list[Mention] = []
    for mention in mentions:
        lo, hi = mention.span.start, mention.span.end
        i = bisect_left(starts, hi)
        # (times do not overlap one another: the few that start before the mention ends are all that can)
        overlapping = [span for span in spans[max(0, i - _NEAR) : i] if span.end > lo]
        if not overlapping:
            found.append(mention)
            continue
        # the longest run of the mention that no time covers
        pieces: list[tuple[int, int]] = []
        at = lo
        for span in overlapping:
            if span.start > at:
                pieces.append((at, span.start))
            at = max(at, span.end)
        if at < hi:
            pieces.append((at, hi))
        best = max(pieces, key=lambda piece: piece[1] - piece[0], default=None)
        if best is None:
            continue
        start, end = best
        while start < end and text[start] in _STRIP:
            start += 1
        while end > start and text[end - 1] in _STRIP:
            end -= 1
        words = text[start:end].split()
        if words and words[-1] in of_words:
            found.append(mention)  # "the Revolution of 1848", « le traité de 1856 »: a name that holds its date
            continue
        while words and words[-1].islower():
            words.pop()  # "the Army of the Potomac on July 26": no name ends in a preposition
        name = " ".join(words)
        end = text.rindex(words[-1], start, end) + len(words[-1]) if words else start
        if sum(ch.isalpha() for ch in name) >= 2 and any(ch.isupper() for ch in name):
            found.append(Mention(Span(start, end), text[start:end], mention.label, mention.entity))
    return found
