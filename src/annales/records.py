"""The typed records that every stage produces and consumes.

All records are frozen dataclasses. Every span is a half-open pair of
character (code point) offsets into a document's *original* decoded text,
unless a field says otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Basis = Literal["explicit", "relative", "narrative"]
Calendar = Literal["gregorian", "julian"]
Granularity = Literal["day", "week", "month", "season", "quarter", "year", "decade", "century", "unknown"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True)
class Document:
    """A source as read from disk: its decoded text and where it came from.

    ``text`` is the original decoded text; every span in the system counts
    characters in it. ``sha256`` hashes the decoded text, so the same content
    read from two encodings is the same document.
    """

    name: str
    text: str
    sha256: str
    media_type: str
    encoding: str
    path: str = ""
    title: str | None = None
    meta: tuple[tuple[str, str], ...] = ()
    #: Layout blocks from the reader (PDF text layer, OCR), in extraction order.
    layout: tuple[LayoutBlock, ...] = ()

    @property
    def id(self) -> str:
        return self.sha256[:16]


@dataclass(frozen=True)
class LayoutBlock:
    """A block of text with its page geometry, as a reader found it."""

    span: Span
    page: int
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True)
class TimeValue:
    """A normalised time: an inclusive interval of days plus its readings.

    ``start`` and ``end`` bound the interval (March 1923 is 1923-03-01 to
    1923-03-31). ``value`` is the TimeML TIMEX3 value, ``edtf`` the Extended
    Date/Time Format string. ``anchor`` is the span of the mention this value
    was resolved against (for relative and narrative times), else ``None``.
    """

    start: dt.date | None
    end: dt.date | None
    granularity: Granularity
    value: str
    edtf: str
    calendar: Calendar = "gregorian"
    basis: Basis = "explicit"
    anchor: Span | None = None
    #: The other calendar's reading, when the text allows both (Old/New Style).
    alternative: TimeValue | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"time interval inverted: {self.start} > {self.end}")

    def with_basis(self, basis: Basis, anchor: Span | None = None) -> TimeValue:
        return TimeValue(
            self.start,
            self.end,
            self.granularity,
            self.value,
            self.edtf,
            self.calendar,
            basis,
            anchor if anchor is not None else self.anchor,
            self.alternative,
        )

    def contains(self, other: TimeValue) -> bool:
        if not (self.start and self.end and other.start and other.end):
            return False
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: TimeValue) -> bool:
        if not (self.start and self.end and other.start and other.end):
            return True
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True)
class TimeMention:
    """A time expression found in text, with its normalised value."""

    span: Span
    text: str
    type: TimexType
    time: TimeValue
    #: An aside of the narrative (the bound of a state, "since Friday"; a quoted speaker's "next year"; a look
    #: back): the story's time does not move to it, so sentences after it are not dated by it.
    aside: bool = False
    #: Counted from the time of writing ("today", "Friday", "last year", "ten years ago"), as news counts.
    deictic: bool = False


@dataclass(frozen=True)
class Mention:
    """A named-entity mention."""

    span: Span
    text: str
    label: str
    entity: str | None = None


@dataclass(frozen=True)
class Participant:
    role: str
    name: str
    span: Span
    entity: str | None = None


#: The qualifiers of a claim the text does not assert as having happened (``generic``: a habit or a kind of
#: event, not one of them: "was regularly removed", "despite several offensives"): reconcile leaves such claims
#: out of events, ``claims`` lists them only when asked for all, and a claim no lexicon word names is not made
#: at all.
UNASSERTED = frozenset({"negated", "hypothetical", "reported", "generic"})


@dataclass(frozen=True)
class Claim:
    """One thing a source says happened, pointing to the words that say it."""

    id: str
    doc: str
    doc_id: str
    lang: str
    span: Span
    quote: str
    type: str
    predicate: str
    participants: tuple[Participant, ...]
    time: TimeValue | None
    time_text: str | None = None
    time_span: Span | None = None
    place: Participant | None = None
    confidence: float = 0.5
    qualifiers: tuple[str, ...] = ()
    #: The words that name the event (its verb or event noun) in the original text; None in stores
    #: written before annales kept it.
    trigger: Span | None = None


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True)
class Event:
    """Claims about the same happening, across sources."""

    id: str
    type: str
    time: TimeValue | None
    claims: tuple[Claim, ...]
    sources: tuple[str, ...]
    agreement: int


@dataclass(frozen=True)
class Conflict:
    """Claims of one event that cannot all be true, with why."""

    id: str
    kind: str
    explanation: str
    claims: tuple[Claim, ...]
    event: str | None = None


@dataclass(frozen=True)
class Furniture:
    """Page furniture removed from the prose: page number, running head, footer."""

    span: Span
    kind: str
    text: str


@dataclass(frozen=True)
class Join:
    """A decision that one block continues another, with its confidence."""

    before: int
    after: int
    reason: str
    confidence: float


@dataclass(frozen=True)
class Block:
    """A paragraph-sized piece of repaired text and where it came from."""

    index: int
    clean: Span
    original: Span
    lang: str | None = None


@dataclass(frozen=True)
class Problem:
    """A file that could not be ingested, and why."""

    path: str
    reason: str
    hint: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=())
