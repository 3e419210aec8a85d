"""Claims as the grammar drafts them, in the analysed text's coordinates, before spans are mapped back."""

from __future__ import annotations

from dataclasses import dataclass

from annales.records import Span, TimeValue

__all__ = ["DraftClaim", "DraftParticipant"]


@dataclass(frozen=True)
class DraftParticipant:
    """Someone or somewhere taking part in a drafted claim, with the span that names them."""

    role: str
    name: str
    span: Span
    label: str | None = None
    #: Where the text names this participant: the pronoun's own offset when ``span`` is its antecedent's.
    at: int | None = None


@dataclass(frozen=True)
class DraftClaim:
    """A claim in analysed-text coordinates, before spans are mapped back."""

    span: Span
    type: str
    predicate: str
    trigger: Span
    participants: tuple[DraftParticipant, ...]
    time: TimeValue | None
    time_text: str | None
    time_span: Span | None
    place: DraftParticipant | None
    confidence: float
    qualifiers: tuple[str, ...] = ()
