"""Score claims, events and conflicts against a gold file (``gold.yaml``).

A gold claim is matched by a produced claim from the same file and of the same
type whose span covers the gold trigger inside the gold sentence. Its time is
right when the inclusive start and end days are equal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annales.doc import Repaired
from annales.langdata import read_yaml
from annales.records import Claim, Conflict, Event
from annales.stages.repair import kendall_tau


@dataclass(frozen=True)
class GoldClaim:
    file: str
    type: str
    trigger: str
    sentence: str
    participants: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    basis: str
    #: Character span of the trigger in the file's decoded text.
    trigger_span: tuple[int, int]


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    dated_right: int = 0
    produced: int = 0
    matched_produced: int = 0
    conflicts_expected: int = 0
    conflicts_found: int = 0
    conflicts_reported: int = 0
    event_pairs: int = 0
    event_pairs_together: int = 0
    misses: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def time_accuracy(self) -> float:
        """Share of gold claims found *and* dated right."""
        return self.dated_right / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.matched_produced / self.produced if self.produced else 0.0

    @property
    def conflict_recall(self) -> float:
        return self.conflicts_found / self.conflicts_expected if self.conflicts_expected else 1.0

    @property
    def event_pair_recall(self) -> float:
        """Share of gold same-event pairs whose claims were found and put in one event."""
        return self.event_pairs_together / self.event_pairs if self.event_pairs else 1.0

    def figures(self) -> dict[str, float]:
        return {
            "event_pair_recall": round(self.event_pair_recall, 3),
            "claim_recall": round(self.recall, 3),
            "claim_precision": round(self.precision, 3),
            "time_accuracy": round(self.time_accuracy, 3),
            "conflict_recall": round(self.conflict_recall, 3),
            "conflicts_reported": float(self.conflicts_reported),
        }


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def load_gold_events(path: Path) -> list[dict[str, Any]]:
    """The gold groups of claims about one happening."""
    data = read_yaml(path)
    return list(data.get("events", []))


def load_gold(path: Path, texts: dict[str, str]) -> tuple[list[GoldClaim], list[dict[str, Any]]]:
    """Gold claims (with trigger spans located in ``texts``) and gold conflicts."""
    data = read_yaml(path)
    claims = []
    for entry in data.get("claims", []):
        text = texts[entry["file"]]
        sentence_at = text.find(entry["sentence"])
        if sentence_at < 0:
            raise ValueError(f"{path}: sentence not found in {entry['file']}: {entry['sentence']!r}")
        trigger_at = text.find(entry["trigger"], sentence_at)
        claims.append(
            GoldClaim(
                entry["file"],
                entry["type"],
                entry["trigger"],
                entry["sentence"],
                tuple(entry.get("participants", [])),
                _date(entry.get("start")),
                _date(entry.get("end")),
                entry.get("basis", "explicit"),
                (trigger_at, trigger_at + len(entry["trigger"])),
            )
        )
    return claims, list(data.get("conflicts", []))


def score(
    gold: Sequence[GoldClaim],
    gold_conflicts: Sequence[dict[str, Any]],
    claims: Sequence[Claim],
    conflicts: Sequence[Conflict],
    *,
    gold_events: Sequence[dict[str, Any]] = (),
    events: Sequence[Event] = (),
) -> Score:
    result = Score(
        gold=len(gold), produced=len(claims), conflicts_expected=len(gold_conflicts), conflicts_reported=len(conflicts)
    )
    used: set[str] = set()
    matched: dict[tuple[str, str], str] = {}
    for g in gold:
        candidates = [
            c
            for c in claims
            if c.doc == g.file and c.type == g.type and c.span.start <= g.trigger_span[0] and g.trigger_span[1] <= c.span.end
        ]
        if not candidates:
            result.misses.append(f"{g.file}: {g.type} «{g.sentence}»")
            continue
        best = min(candidates, key=lambda c: (c.time is None or (c.time.start, c.time.end) != (g.start, g.end), len(c.quote)))
        used.add(best.id)
        matched[(g.file, g.trigger)] = best.id
        result.found += 1
        if best.time is not None and (best.time.start, best.time.end) == (g.start, g.end):
            result.dated_right += 1
        else:
            got = f"{best.time.start}..{best.time.end}" if best.time else "none"
            result.wrong_dates.append(f"{g.file}: {g.type} «{g.sentence}» want {g.start}..{g.end}, got {got}")
    result.matched_produced = len(used)
    event_of = {c.id: e.id for e in events for c in e.claims}
    for group in gold_events:
        found = [matched.get((m[0], m[1])) for m in group.get("members", [])]
        for i, a in enumerate(found):
            for b in found[i + 1 :]:
                result.event_pairs += 1
                if a and b and event_of.get(a) is not None and event_of.get(a) == event_of.get(b):
                    result.event_pairs_together += 1
    gold_by_key = {(g.file, g.trigger): g for g in gold}
    for expected in gold_conflicts:
        members = [gold_by_key.get((m[0], m[1])) for m in expected.get("members", [])]
        docs = {m.file for m in members if m is not None}
        for conflict in conflicts:
            if {c.doc for c in conflict.claims} == docs and all(c.type == expected.get("type") for c in conflict.claims):
                result.conflicts_found += 1
                break
    return result


def clean_positions(repaired: Repaired) -> list[int]:
    """Original offset → index in the repaired text of the character kept from it, or -1."""
    where = [-1] * len(repaired.original)
    for i, (ch, at) in enumerate(zip(repaired.text, repaired.offsets, strict=True)):
        if ch == repaired.original[at] and where[at] < 0:
            where[at] = i
    return where


def reading_order_tau(repaired: Repaired, block_starts: Sequence[int]) -> float:
    """Kendall tau of the order in which ``repaired.text`` shows blocks, against their gold order.

    ``block_starts`` lists, in the gold reading order, the original offset at
    which each block starts; a block is placed where the first original
    character from its start on that the repaired text kept stands.
    """
    where = clean_positions(repaired)
    ranks: list[float] = []
    for start in block_starts:
        k = start
        while k < len(where) and where[k] < 0:
            k += 1
        ranks.append(where[k] if k < len(where) else len(repaired.text))
    return kendall_tau(ranks)


def load_reading_order(path: Path) -> tuple[str, list[int]]:
    """(document name, block starts in reading order) of a reading-order gold file."""
    data: Any = read_yaml(path)
    return str(data["document"]), [int(k) for k in data["blocks"]]
