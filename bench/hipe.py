"""CLEF-HIPE-2020 named-entity data: documents rebuilt as OCR text, and the HIPE way of scoring them.

A HIPE file is one token per line with IOB tags (``NE-COARSE-LIT`` is the
literal coarse type: pers, loc, org, prod, time) and a MISC column saying
whether a space follows (``NoSpaceAfter``) and where a printed line ends
(``EndOfLine``). A line-end hyphen is its own token, ``¬``.

:func:`read_hipe` rebuilds each document's text the way OCR would give it
(``Ver¬`` and ``hältniß`` on two lines) and keeps each token's span, so a
system's entities (character spans) can be put back on the tokens.
:func:`score` counts the HIPE-2020 figures: micro precision, recall and F1
over entity mentions, strict (same tokens, same type) and fuzzy (same type,
overlapping tokens).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HYPHEN = "¬"


@dataclass(frozen=True)
class Entity:
    """A mention: tokens ``start``..``end`` (end exclusive) of one document, and its coarse type."""

    start: int
    end: int
    type: str


@dataclass
class HipeDoc:
    """One document: its OCR-like text, each token's character span in it, and the gold mentions."""

    id: str
    lang: str
    text: str
    tokens: list[tuple[int, int]]
    gold: list[Entity]
    # Gold Wikidata id per mention (same order as gold), "NIL" or "" when not linked.
    links: list[str] = field(default_factory=list)


def _entities(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """IOB tags to (start, end, type) mentions; an I- without a B- opens a mention (as the HIPE scorer does)."""
    found: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start >= 0 and (prefix != "I" or label != kind):
            found.append((start, i, kind))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, kind = i, label
    return found


def read_hipe(path: Path) -> list[HipeDoc]:
    """The documents of one HIPE TSV file."""
    docs: list[HipeDoc] = []
    lang = "xx"
    doc_id = ""
    parts: list[str] = []
    tokens: list[tuple[int, int]] = []
    tags: list[str] = []
    links: list[str] = []
    length = 0

    def close() -> None:
        if tokens:
            spans = _entities(tags)
            gold = [Entity(s, e, t) for s, e, t in spans]
            docs.append(HipeDoc(doc_id, lang, "".join(parts), list(tokens), gold, [links[s] for s, _, _ in spans]))

    with path.open(encoding="utf-8") as handle:
        header = True
        for line in handle:
            line = line.rstrip("\n")
            if header:
                header = False
                if line.startswith("TOKEN"):
                    continue
            if not line.strip():
                continue
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                # (HIPE-2022 files prefix their keys with the campaign: "hipe2022:document_id")
                key, value = key.strip().removeprefix("hipe2022:"), value.strip()
                if key == "language":
                    lang = value
                elif key == "document_id":
                    close()
                    doc_id, parts, tokens, tags, links, length = value, [], [], [], [], 0
                continue
            columns = line.split("\t")
            token, tag, misc = columns[0], columns[1], columns[-1]
            link = columns[7] if len(columns) > 7 else "_"
            tokens.append((length, length + len(token)))
            tags.append(tag if tag != "_" else "O")
            links.append(link if link not in ("_", "") else "")
            flags = set(misc.split("|"))
            gap = "" if "NoSpaceAfter" in flags else ("\n" if "EndOfLine" in flags else " ")
            if token == HYPHEN:
                gap = "\n"  # the hyphen ends its printed line
            parts.append(token + gap)
            length += len(token) + len(gap)
    close()
    return docs


def dehyphenate(text: str) -> tuple[str, list[int]]:
    """The text with line-end hyphens joined ("Ver¬\\nhältniß" → "Verhältniß"), and for each character of
    the result its offset in ``text`` (one more entry for the end)."""
    out: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(text):
        if text.startswith(HYPHEN + "\n", i):
            i += 2
            continue
        out.append(text[i])
        where.append(i)
        i += 1
    where.append(len(text))
    return "".join(out), where


def to_tokens(doc: HipeDoc, spans: Iterable[tuple[int, int, str]]) -> list[Entity]:
    """Character spans (start, end, type) of ``doc.text`` as token mentions: every token they overlap."""
    starts = [s for s, _ in doc.tokens]
    found: list[Entity] = []
    for start, end, kind in spans:
        first = max(0, bisect_right(starts, start) - 1)
        while first < len(doc.tokens) and doc.tokens[first][1] <= start:
            first += 1
        last = bisect_left(starts, end)
        if first < last:
            found.append(Entity(first, last, kind))
    return found


@dataclass
class NerScore:
    """Micro counts over documents, strict and fuzzy, with per-type strict counts."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    fuzzy_gold: int = 0  # gold mentions some system mention of the same type overlaps
    fuzzy_system: int = 0  # system mentions overlapping some gold mention of the same type
    by_type: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, gold: Sequence[Entity], system: Sequence[Entity]) -> None:
        """Count one document."""
        self.gold += len(gold)
        self.system += len(system)
        exact = {(e.start, e.end, e.type) for e in gold}
        for kind in {e.type for e in [*gold, *system]}:
            counts = self.by_type.setdefault(kind, Counter())
            counts["gold"] += sum(e.type == kind for e in gold)
            counts["system"] += sum(e.type == kind for e in system)
        for e in system:
            if (e.start, e.end, e.type) in exact:
                self.strict += 1
                self.by_type[e.type]["strict"] += 1
        self.fuzzy_gold += sum(any(_overlap(g, s) for s in system) for g in gold)
        self.fuzzy_system += sum(any(_overlap(g, s) for g in gold) for s in system)

    def strict_f1(self) -> tuple[float, float, float]:
        """Strict micro precision, recall, F1 (0..1)."""
        return _prf(self.strict, self.strict, self.system, self.gold)

    def fuzzy_f1(self) -> tuple[float, float, float]:
        """Fuzzy micro precision, recall, F1 (0..1): a match is a same-type overlap."""
        return _prf(self.fuzzy_system, self.fuzzy_gold, self.system, self.gold)

    def type_f1(self, kind: str) -> float:
        """Strict F1 of one type."""
        counts = self.by_type.get(kind, Counter())
        return _prf(counts["strict"], counts["strict"], counts["system"], counts["gold"])[2]


def _overlap(a: Entity, b: Entity) -> bool:
    return a.type == b.type and a.start < b.end and b.start < a.end


def _prf(hit_system: int, hit_gold: int, system: int, gold: int) -> tuple[float, float, float]:
    p = hit_system / system if system else 0.0
    r = hit_gold / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
