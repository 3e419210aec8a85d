"""Claims on real prose against a gold annotated by hand: found, typed, dated and with the right people.

The gold (``bench/gold/claims/<passage>.yaml``) marks every event a historian would put on a timeline in
passages of real text from the evaluation data (WikiWars EN and DE, French TimeBank news) and the seeds,
by the guideline in ``bench/gold/claims/README.md``. It holds offsets, names and dates only: the
passages are read from the data folder and checked against their hash, so no text of the data is
copied into the project.

Each passage runs through the path users run: written to a file, ``annales ingest`` into a fresh store
(with ``--dct`` for news), ``annales claims --format jsonl``. A claim matches a gold event when its trigger
(the words naming the event) starts inside the event's evidence; each side is matched at most once.
Of the matched claims, the type is right when it is the gold type or its equivalent in annales'
inventory (:data:`EQUIVALENT`), the date when the claim's interval is the gold one to the day (an
undated gold event wants an undated claim), the participants when agents, patients and place name the
same people and places as the gold (a name matches when they share a folded word), and the claim is
fully right when all three are.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from timeml import read_timeml, read_timex2

from annales.vocabulary import event_types
from annales.vocabulary.names import name_tokens

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "claims"
ROLES = ("agent", "patient", "place")

#: Gold types (the guideline's broad inventory) and the annales types that count as right for them.
#: A gold type not listed is right under its own name; one annales has no type for is right as "other".
EQUIVALENT: dict[str, frozenset[str]] = {
    **{t: frozenset({"battle"}) for t in ("attack", "capture", "siege", "offensive", "invasion", "occupation", "surrender")},
    **{t: frozenset({"move"}) for t in ("movement", "retreat", "migration")},
    **{t: frozenset({"treaty"}) for t in ("ceasefire", "armistice", "alliance")},
    **{t: frozenset({"law"}) for t in ("decree", "reform")},
    "coup": frozenset({"uprising"}),
    "killing": frozenset({"assassination", "execution", "death"}),
    "negotiation": frozenset({"meeting"}),
    "letter": frozenset({"publication"}),
    "declaration_of_war": frozenset({"battle"}),
}


@dataclass(frozen=True)
class GoldEvent:
    """One annotated event: offsets into its passage, type, participants by role, inclusive day bounds."""

    evidence: tuple[int, int]
    trigger: tuple[int, int]
    type: str
    names: dict[str, tuple[str, ...]]
    #: ISO days; a year before the common era in astronomical numbering, as EDTF writes it ("-0489-09-12": 490 BC)
    start: dt.date | str | None
    end: dt.date | str | None


@dataclass(frozen=True)
class Passage:
    """A stretch of one evaluation document and its gold events."""

    id: str
    lang: str
    corpus: str
    file: str
    start: int
    end: int
    sha1: str
    dct: dt.date | None
    split: str
    events: tuple[GoldEvent, ...]


@dataclass
class Tally:
    """Counts for one group of passages."""

    gold: int = 0
    claims: int = 0
    matched: int = 0
    type_right: int = 0
    date_right: int = 0
    people_right: int = 0
    fully_right: int = 0

    def add(self, other: Tally) -> None:
        for counter in fields(self):
            setattr(self, counter.name, getattr(self, counter.name) + getattr(other, counter.name))

    def figures(self) -> dict[str, float]:
        """Precision, recall, F1 and the shares of matched claims that are right."""
        p = self.matched / self.claims if self.claims else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        share = (lambda n: n / self.matched) if self.matched else (lambda n: 0.0)
        return {
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "type": share(self.type_right),
            "date": share(self.date_right),
            "participants": share(self.people_right),
            "fully_right": share(self.fully_right),
            # Fully right claims per gold event: what a historian gets end to end. Unlike the shares of
            # matched claims above, finding more events never lowers it.
            "fully_right_of_gold": self.fully_right / self.gold if self.gold else 0.0,
        }


def load_passages(folder: Path = GOLD) -> list[Passage]:
    """Every gold passage under ``folder``, in name order."""
    passages = []
    for path in sorted(folder.glob("*.yaml")):
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        meta = data["passage"]
        events = tuple(
            GoldEvent(
                evidence=(int(e["evidence"][0]), int(e["evidence"][1])),
                trigger=(int(e["trigger"][0]), int(e["trigger"][1])),
                type=str(e["type"]),
                names={role: tuple(str(n) for n in e.get(role) or ()) for role in ROLES},
                start=e.get("start"),
                end=e.get("end"),
            )
            for e in data["events"]
        )
        passages.append(
            Passage(
                id=path.stem,
                lang=str(meta["lang"]),
                corpus=str(meta["corpus"]),
                file=str(meta["file"]),
                start=int(meta["start"]),
                end=int(meta["end"]),
                sha1=str(meta["sha1"]),
                dct=meta.get("dct"),
                split=str(meta["split"]),
                events=events,
            )
        )
    return passages


def passage_text(passage: Passage, data: Path) -> str:
    """The passage's text, read from the data folder (or the seeds beside it) and checked against its hash."""
    if passage.corpus == "seeds":
        text = (data.parent / "seeds" / passage.file).read_text(encoding="utf-8")
    else:
        reader = read_timeml if passage.file.endswith(".tml") else read_timex2
        text = reader(data / passage.file).text
    piece = text[passage.start : passage.end]
    if hashlib.sha1(piece.encode("utf-8")).hexdigest() != passage.sha1:
        raise ValueError(f"{passage.id}: {passage.file} in {data} is not the text the gold was annotated on")
    return piece


def run_cli(passages: Sequence[Passage], texts: dict[str, str], workdir: Path) -> dict[str, list[dict[str, Any]]]:
    """Each passage's claims as ``annales claims --format jsonl`` prints them after ``annales ingest``."""
    annales = shutil.which("annales", path=str(Path(sys.executable).parent)) or "annales"
    found: dict[str, list[dict[str, Any]]] = {p.id: [] for p in passages}
    groups: dict[dt.date | None, list[Passage]] = {}
    for passage in passages:
        groups.setdefault(passage.dct, []).append(passage)
    for number, (dct, group) in enumerate(groups.items()):
        folder = workdir / f"group{number}"
        folder.mkdir()
        for passage in group:
            (folder / f"{passage.id}.txt").write_text(texts[passage.id], encoding="utf-8")
        db = str(workdir / f"group{number}.db")
        command = [annales, "ingest", str(folder), "--db", db, "--quiet"] + (["--dct", dct.isoformat()] if dct else [])
        subprocess.run(command, check=True)
        out = subprocess.run([annales, "claims", "--db", db, "--format", "jsonl"], check=True, capture_output=True, text=True)
        for line in out.stdout.splitlines():
            claim = json.loads(line)
            found[claim["doc"].removesuffix(".txt")].append(claim)
    return found


def match(events: Sequence[GoldEvent], claims: Sequence[dict[str, Any]]) -> list[tuple[GoldEvent, dict[str, Any]]]:
    """Pairs of a gold event and the claim whose trigger starts in its evidence (closest to its trigger first)."""
    pairs = []
    taken: set[int] = set()
    for event in events:
        candidates = [
            (abs(_trigger(c)[0] - event.trigger[0]), i)
            for i, c in enumerate(claims)
            if i not in taken and event.evidence[0] <= _trigger(c)[0] < event.evidence[1]
        ]
        if candidates:
            _, best = min(candidates)
            taken.add(best)
            pairs.append((event, claims[best]))
    return pairs


def _trigger(claim: dict[str, Any]) -> tuple[int, int]:
    span = claim.get("trigger") or claim["span"]
    return int(span[0]), int(span[1])


def type_right(event: GoldEvent, claim: dict[str, Any]) -> bool:
    """Whether the claim's type is the gold type or stands for it in annales' inventory."""
    accepted = EQUIVALENT.get(event.type, frozenset({event.type}))
    return claim["type"] in accepted or (claim["type"] == "other" and event.type not in _inventory())


@cache
def _inventory() -> frozenset[str]:
    return frozenset(event_types()) | frozenset(t for types in EQUIVALENT.values() for t in types if t != "other")


def date_right(event: GoldEvent, claim: dict[str, Any]) -> bool:
    """Whether the claim's interval is the gold one to the day (an undated gold event wants no date)."""
    time = claim.get("time") or {}
    if event.start is None or event.end is None:
        return time.get("start") is None and not _bc_days(time.get("edtf"))
    return (time.get("start"), time.get("end")) == (_iso(event.start), _iso(event.end)) or _bc_days(time.get("edtf")) == (
        _iso(event.start),
        _iso(event.end),
    )


def _iso(day: dt.date | str) -> str:
    return day.isoformat() if isinstance(day, dt.date) else str(day)


_BC = re.compile(r"(-\d{4})(?:-(\d\d))?(?:-(\d\d))?")


def _bc_days(edtf: str | None) -> tuple[str, str] | None:
    """The first and last day of an EDTF date or interval before the common era ("-0489", "-0489-09/-0489-10"), which
    a claim's ``start`` and ``end`` cannot hold (Python's dates start at year 1)."""
    parts = (edtf or "").split("/")
    found = [_BC.fullmatch(part) for part in parts]
    if not edtf or len(parts) > 2 or not all(found):
        return None
    first, last = found[0], found[-1]
    assert first is not None and last is not None
    month_days = calendar.monthrange(2000 if calendar.isleap(int(last.group(1))) else 2001, int(last.group(2) or 12))[1]
    start = f"{first.group(1)}-{first.group(2) or '01'}-{first.group(3) or '01'}"
    end = f"{last.group(1)}-{last.group(2) or '12'}-{last.group(3) or month_days:02}"
    return start, end


def people_right(event: GoldEvent, claim: dict[str, Any]) -> bool:
    """Whether agents, patients and place name the gold's people and places, no more and no fewer.

    For the types whose subject undergoes the event (birth, death, illness, move: ``undergoer`` in
    ``data/events.yaml``) annales calls that subject the agent, as the claim contract's example of a death
    does, where the guideline calls the one who dies the patient: for them agent and patient are
    compared as one set.
    """
    by_role: dict[str, list[str]] = {role: [] for role in ROLES}
    for participant in claim.get("participants") or ():
        by_role.setdefault(participant["role"], []).append(participant["name"])
    if claim.get("place"):
        by_role["place"].append(claim["place"]["name"])
    gold = {role: list(event.names[role]) for role in ROLES}
    if _undergoes(claim["type"]):
        for side in (gold, by_role):
            side["agent"], side["patient"] = side["agent"] + side["patient"], []
    return all(_same_names(gold[role], by_role[role]) for role in ROLES)


def _undergoes(type_: str) -> bool:
    return bool(event_types().get(type_, {}).get("undergoer"))


def _same_names(gold: Iterable[str], found: Iterable[str]) -> bool:
    gold_keys = [set(name_tokens(n)) for n in gold]
    found_keys = [set(name_tokens(n)) for n in found]
    return all(any(g & f for f in found_keys) for g in gold_keys) and all(any(f & g for g in gold_keys) for f in found_keys)


def tally(passage: Passage, claims: Sequence[dict[str, Any]]) -> Tally:
    """The counts of one passage."""
    result = Tally(gold=len(passage.events), claims=len(claims))
    pairs = match(passage.events, claims)
    result.matched = len(pairs)
    for event, claim in pairs:
        kinds = (type_right(event, claim), date_right(event, claim), people_right(event, claim))
        result.type_right += kinds[0]
        result.date_right += kinds[1]
        result.people_right += kinds[2]
        result.fully_right += all(kinds)
    return result


def bench(data: Path, folder: Path = GOLD) -> dict[str, float]:
    """Score every gold passage through the CLI; print a table by language and split; the figures for floors."""
    passages = load_passages(folder)
    texts = {p.id: passage_text(p, data) for p in passages}
    with tempfile.TemporaryDirectory() as tmp:
        claims = run_cli(passages, texts, Path(tmp))
    groups: dict[tuple[str, str], Tally] = {}
    for passage in passages:
        counts = tally(passage, claims[passage.id])
        for key in ((passage.lang, passage.split), ("all", passage.split), (passage.lang, "all"), ("all", "all")):
            groups.setdefault(key, Tally()).add(counts)
    print(f"\nClaims on real prose against the hand-annotated gold ({len(passages)} passages, bench/gold/claims/)")
    print(
        f"  {'lang':4} {'split':8} {'gold':>5} {'claims':>6}  {'P':>5} {'R':>5} {'F1':>5}"
        f"   {'type':>5} {'date':>5} {'people':>6} {'fully':>5}   {'fully/gold':>10}"
    )
    figures: dict[str, float] = {}
    for (lang, split), counts in sorted(groups.items(), key=lambda kv: (kv[0][0] == "all", kv[0])):
        f = counts.figures()
        print(
            f"  {lang:4} {split:8} {counts.gold:5} {counts.claims:6}  {f['precision']:5.2f} {f['recall']:5.2f} {f['f1']:5.2f}"
            f"   {f['type']:5.2f} {f['date']:5.2f} {f['participants']:6.2f} {f['fully_right']:5.2f}"
            f"   {f['fully_right_of_gold']:10.2f}"
        )
        if lang == "all" and split != "all":
            figures.update({f"gold_{split}_{name}": value for name, value in f.items()})
    print("  goals on unseen passages: P >= 0.80, R >= 0.65; of matched claims date >= 0.85, people >= 0.75, fully >= 0.65")
    return figures


def main(argv: list[str] | None = None) -> int:
    import argparse

    from floors import check_floors

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    return check_floors("claims_gold", bench(args.data), width=34, digits=3)


if __name__ == "__main__":
    raise SystemExit(main())
