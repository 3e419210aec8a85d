"""Repair benchmarks, each figure printed beside the do-nothing baseline of the same run.

1. Shuffled blocks: WikiWars narratives (en, de), hard-wrapped at ~45 columns
   with line-end hyphenation at syllable points, cut into column-sized blocks
   (15-30 lines, mid-paragraph and mid-sentence), shuffled with a fixed seed
   (within pages of a few blocks, and over the whole document), then repaired.
   Measures: Kendall tau of the recovered block order, split words rejoined,
   cut sentences rejoined, characters per second. Baseline: the shuffled text
   left as it is.
2. De-hyphenation on OverProof (human-corrected newspaper lines, which keep
   the line-end hyphens of print): for each line-end hyphen between letters,
   does repair join or keep it as the evidence says (the form the human text
   uses mid-line anywhere in the corpus, else OverProof's own rendering).
   Baselines: always join, always keep.
3. The shuffled seed: Kendall tau of its block order against the project's
   human reading (``tests/gold/seed_reading_order.yaml``), beside doing nothing.
4. Throughput: repair's characters per second on a large text, and its share
   of the full ingest path (``annales.pipeline.process``) on sample documents.

    .venv/bin/python bench/bench_repair.py --data ../shared/data [--quick]

Data is read from the data folder, never copied into the project.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from floors import check_floors

from annales.doc import Repaired
from annales.gold import clean_positions, load_reading_order, reading_order_tau
from annales.stages.repair import kendall_tau, repair

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 45
VOWELS = set("aeiouyäöüéèàâêîôûæœ")


# --- shuffled blocks ----------------------------------------------------------------------------


@dataclass
class Built:
    """A synthetic damaged document and what the benchmark knows about it."""

    text: str
    #: (start, end) of each block in ``text``, indexed by original block order.
    blocks: list[tuple[int, int]]
    #: Shuffled position → original block index.
    order: list[int]
    #: (offset of the line-end hyphen, offset of the continuation's first letter, kind, at a block cut).
    splits: list[tuple[int, int, str, bool]] = field(default_factory=list)
    #: (offset of the last char before the cut, offset of the first char after, kind).
    cuts: list[tuple[int, int, str]] = field(default_factory=list)


def wikiwars_texts(data: Path) -> list[tuple[str, str, str]]:
    """(name, lang, plain text) of every WikiWars narrative, tags stripped."""
    found: list[tuple[str, str, str]] = []
    for lang, folder in (("en", data / "wikiwars-en" / "timex2"), ("de", data / "wikiwars-de")):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml")):
            raw = path.read_text(encoding="utf-8", errors="replace")
            m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
            body = html.unescape(re.sub(r"<[^>]+>", "", m.group(1) if m else raw))
            found.append((f"{lang}/{path.stem}", lang, body.strip()))
    return found


def _syllable_points(word: str) -> list[int]:
    """Plausible hyphenation points: V-CV and VC-CV, leaving 3+ letters each side."""
    low = word.casefold()
    points = []
    for k in range(3, len(word) - 2):
        a, b, c = low[k - 1], low[k], low[k + 1] if k + 1 < len(low) else ""
        open_syllable = a in VOWELS and b not in VOWELS and c in VOWELS
        consonant_pair = (
            a not in VOWELS
            and b not in VOWELS
            and c in VOWELS
            and low[k - 2] in VOWELS
            and low[k - 1 : k + 1] not in ("ch", "sh", "th", "ph", "ck", "sc")
        )
        if open_syllable or consonant_pair:
            points.append(k)
    return points


def wrap(paragraph: str) -> list[tuple[str, tuple[int, str] | None]]:
    """Hard-wrap at WIDTH; a long word is hyphenated. Each line carries (hyphen column, kind) if split."""
    lines: list[tuple[str, tuple[int, str] | None]] = []
    current = ""
    for word in paragraph.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= WIDTH or not current:
            current = candidate
            continue
        room = WIDTH - len(current) - 2  # a space and the hyphen
        split = None
        if "-" in word and 0 < word.index("-") + 1 <= room + 1 and word.index("-") >= 2 and word[-1] != "-":
            cut = word.index("-") + 1
            if word[cut - 2].isalpha() and word[cut].isalpha():
                split = (cut, "compound")
        if split is None and len(word) >= 7 and word.isalpha():
            points = [k for k in _syllable_points(word) if k <= room]
            if points:
                split = (points[-1], "syllable")
        if split is None:
            lines.append((current, None))
            current = word
            continue
        k, kind = split
        left = word[:k] if kind == "compound" else word[:k] + "-"
        line = f"{current} {left}"
        lines.append((line, (len(line) - 1, kind)))
        current = word[k:]
    if current:
        lines.append((current, None))
    return lines


def build(text: str, rng: random.Random, shuffle: str) -> Built:
    """Wrap, cut into blocks, shuffle; record every split word and cut point."""
    rows: list[tuple[str, tuple[int, str] | None]] = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        if paragraph.strip():
            if rows:
                rows.append(("", None))
            rows.extend(wrap(paragraph.strip()))
    blocks: list[list[tuple[str, tuple[int, str] | None]]] = []
    #: Whether a blank line (a paragraph break) fell at the cut after each block.
    paragraph_cut: list[bool] = []
    pos = 0
    while pos < len(rows):
        size = rng.randint(15, 30)
        chunk = rows[pos : pos + size]
        pos += size
        blank = False
        while chunk and not chunk[0][0]:
            chunk.pop(0)
            blank = True
        if blank and paragraph_cut:
            paragraph_cut[-1] = True
        blank = False
        while chunk and not chunk[-1][0]:
            chunk.pop()
            blank = True
        if chunk:
            blocks.append(chunk)
            paragraph_cut.append(blank)
        elif blank and paragraph_cut:
            paragraph_cut[-1] = True
    order = list(range(len(blocks)))
    if shuffle == "full":
        rng.shuffle(order)
    else:
        page = 8
        for start in range(0, len(order), page):
            group = order[start : start + page]
            rng.shuffle(group)
            order[start : start + page] = group
    out: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    offset = 0
    line_starts: dict[tuple[int, int], int] = {}
    for k, b in enumerate(order):
        if k:
            out.append("\n\n")
            offset += 2
        begin = offset
        for r, (line, _) in enumerate(blocks[b]):
            if r:
                out.append("\n")
                offset += 1
            line_starts[(b, r)] = offset
            out.append(line)
            offset += len(line)
        spans[b] = (begin, offset)
    built = Built("".join(out) + "\n", [spans[b] for b in range(len(blocks))], order)
    for b, chunk in enumerate(blocks):
        for r, (_line, split) in enumerate(chunk):
            if split is None:
                continue
            hyphen = line_starts[(b, r)] + split[0]
            if r + 1 < len(chunk):
                built.splits.append((hyphen, line_starts[(b, r + 1)], split[1], False))
            elif b + 1 < len(blocks):
                built.splits.append((hyphen, line_starts[(b + 1, 0)], split[1], True))
    # The cut points between consecutive original blocks.
    for b in range(len(blocks) - 1):
        last_line, split = blocks[b][-1]
        left_end = spans[b][1] - 1
        right_start = spans[b + 1][0]
        kind = "mid-sentence"
        if paragraph_cut[b]:
            kind = "paragraph"
        elif split is not None:
            kind = "word"
        elif re.search(r"[.!?:][\"')\]]*$", last_line):
            kind = "sentence-end"
        built.cuts.append((left_end, right_start, kind))
    return built


@dataclass
class Score:
    tau: list[float] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)
    cuts: Counter[str] = field(default_factory=Counter)
    chars: int = 0
    seconds: float = 0.0

    def add(self, other: Score) -> None:
        self.tau += other.tau
        self.words.update(other.words)
        self.cuts.update(other.cuts)
        self.chars += other.chars
        self.seconds += other.seconds


def score(built: Built, repaired: Repaired) -> Score:
    """Compare a repair of ``built.text`` with what the benchmark knows."""
    out = Score()
    where = clean_positions(repaired)
    clean = repaired.text
    recovered: list[float] = []
    for start, end in built.blocks:
        found = [where[k] for k in range(start, end) if where[k] >= 0 and built.text[k].isalnum()]
        recovered.append(statistics.median(found) if found else -1.0)
    out.tau.append(kendall_tau(recovered))

    def joined(hyphen: int, right: int, kind: str) -> bool:
        c1, c2 = where[hyphen - 1], where[right]
        if c1 < 0 or c2 < 0:
            return False
        if kind == "syllable":
            return c2 == c1 + 1
        return c2 == c1 + 2 and clean[c1 + 1] == "-"

    for hyphen, right, kind, at_cut in built.splits:
        ok = joined(hyphen, right, kind)
        group = "cut" if at_cut else "inside"
        out.words[f"{group}"] += 1
        out.words[f"{group} ok"] += ok
    splits_at = {h: (r, kind) for h, r, kind, at_cut in built.splits if at_cut}
    for left, right, kind in built.cuts:
        if kind == "word":
            r, skind = splits_at.get(left, (right, "syllable"))
            ok = joined(left, r, skind)
        else:
            c1, c2 = where[left], where[right]
            between = clean[c1 + 1 : c2] if 0 <= c1 < c2 else "x"
            ok = between == " " if kind == "mid-sentence" else (between != "" and not between.strip())
        out.cuts[kind] += 1
        out.cuts[f"{kind} ok"] += ok
    return out


def bench_shuffled(data: Path, shuffle: str, limit: int | None) -> tuple[Score, Score]:
    """Score repair and the do-nothing baseline on every WikiWars narrative."""
    texts = wikiwars_texts(data)[:limit] if limit else wikiwars_texts(data)
    mine, nothing = Score(), Score()
    for k, (_name, lang, text) in enumerate(texts):
        built = build(text, random.Random(1000 + k), shuffle)
        nothing.add(score(built, Repaired.identity(built.text)))
        t0 = time.perf_counter()
        repaired = repair(built.text, lang=lang)
        elapsed = time.perf_counter() - t0
        result = score(built, repaired)
        result.chars, result.seconds = len(built.text), elapsed
        mine.add(result)
    return mine, nothing


def share(counter: Counter[str], key: str) -> str:
    total = counter[key]
    return f"{counter[key + ' ok'] / total:6.1%} ({counter[key + ' ok']}/{total})" if total else "   n/a"


def report_shuffled(label: str, mine: Score, nothing: Score) -> float:
    print(f"\n== shuffled blocks, {label} shuffle ({len(mine.tau)} documents) ==")
    print(f"{'':34}{'repair':>22}{'do nothing':>22}")
    print(f"{'Kendall tau of block order (mean)':34}{statistics.mean(mine.tau):>22.3f}{statistics.mean(nothing.tau):>22.3f}")
    print(f"{'Kendall tau (min)':34}{min(mine.tau):>22.3f}{min(nothing.tau):>22.3f}")
    rows = [
        ("split words inside blocks", mine.words, nothing.words, "inside"),
        ("split words at block cuts", mine.words, nothing.words, "cut"),
    ]
    for name, a, b, key in rows:
        print(f"{name:34}{share(a, key):>22}{share(b, key):>22}")
    cut_mine, cut_none = Counter(mine.cuts), Counter(nothing.cuts)
    for c in (cut_mine, cut_none):
        c["cut sentences"] = c["word"] + c["mid-sentence"]
        c["cut sentences ok"] = c["word ok"] + c["mid-sentence ok"]
    for key in ("cut sentences", "word", "mid-sentence", "sentence-end", "paragraph"):
        print(f"{'cuts: ' + key:34}{share(cut_mine, key):>22}{share(cut_none, key):>22}")
    print(f"{'characters per second':34}{mine.chars / max(mine.seconds, 1e-9):>22,.0f}{'-':>22}")
    return statistics.mean(mine.tau)


# --- the shuffled seed ------------------------------------------------------------------------


def bench_seed(data: Path) -> float | None:
    """Block order of the shuffled seed against the project's human reading (tests/gold/)."""
    name, starts = load_reading_order(ROOT / "tests" / "gold" / "seed_reading_order.yaml")
    path = data.parent / "seeds" / name
    if not path.is_file():
        print(f"\n== shuffled seed: {path} not found ==")
        return None
    text = path.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    repaired = repair(text, lang="en")
    elapsed = time.perf_counter() - t0
    print(f"\n== shuffled seed {name} ({len(starts)} blocks of a human reading) ==")
    print(f"{'':34}{'repair':>22}{'do nothing':>22}")
    print(
        f"{'Kendall tau of block order':34}{reading_order_tau(repaired, starts):>22.3f}"
        f"{reading_order_tau(Repaired.identity(text), starts):>22.3f}"
    )
    print(f"{'joins made':34}{len(repaired.joins):>22}{0:>22}")
    print(f"{'furniture removed':34}{len(repaired.furniture):>22}{0:>22}")
    print(f"{'seconds':34}{elapsed:>22.2f}{'-':>22}")
    return reading_order_tau(repaired, starts)


# --- OverProof de-hyphenation -------------------------------------------------------------------


_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def overproof_articles(data: Path) -> list[list[tuple[str, str]]]:
    """Articles as lists of (human line, overproof line)."""
    articles: list[list[tuple[str, str]]] = []
    for name in ("dataset2", "dataset3"):
        path = data / "ocr-overproof" / name / "rawTextAndHumanCorrectionAndOverproofCorrectionTriples" / "allArticles.txt"
        if not path.is_file():
            continue
        current: list[tuple[str, str]] | None = None
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("*$*OVERPROOF*$*"):
                current = []
                articles.append(current)
                continue
            parts = line.split("||@@||")
            if current is not None and len(parts) >= 3:
                current.append((parts[1], parts[2]))
    return articles


def bench_overproof(data: Path) -> float | None:
    articles = overproof_articles(data)
    if not articles:
        print("\n== OverProof: no data ==")
        return None
    # Mid-line evidence: how the human text writes words when no line break is involved.
    joined_forms: Counter[str] = Counter()
    hyphen_forms: Counter[str] = Counter()
    for article in articles:
        for human, _ in article:
            tokens = _TOKEN.findall(human)
            for k, token in enumerate(tokens):
                if k == len(tokens) - 1 and human.rstrip().endswith("-"):
                    continue
                low = token.casefold()
                if "-" in low:
                    hyphen_forms[low] += 1
                    hyphen_forms[low.replace("-", "", 1)] += 0
                else:
                    joined_forms[low] += 1
    verdicts: Counter[str] = Counter()
    t_repair = 0.0
    chars = 0
    for article in articles:
        lines = [human for human, _ in article]
        text = "\n".join(lines)
        t0 = time.perf_counter()
        repaired = repair(text, lang="en")
        t_repair += time.perf_counter() - t0
        chars += len(text)
        where = clean_positions(repaired)
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        for i, line in enumerate(lines[:-1]):
            stripped = line.rstrip()
            nxt = lines[i + 1]
            lead = len(nxt) - len(nxt.lstrip())
            if not stripped.endswith("-") or len(stripped) < 2 or not stripped[-2].isalpha():
                continue
            if lead >= len(nxt) or not nxt[lead].isalpha():
                continue
            left = re.search(r"[^\W\d_]+$", stripped[:-1])
            right = re.match(r"[^\W\d_]+", nxt[lead:])
            if not left or not right:
                continue
            lw, rw = left.group().casefold(), right.group().casefold()
            gold = None
            j, h = joined_forms[lw + rw], hyphen_forms[f"{lw}-{rw}"]
            if j != h:
                gold = "join" if j > h else "keep"
            else:
                op = article[i][1]
                if re.search(rf"\b{re.escape(lw)}-{re.escape(rw)}\b", op, re.IGNORECASE):
                    gold = "keep"
                elif re.search(rf"\b{re.escape(lw + rw)}\b", op, re.IGNORECASE):
                    gold = "join"
            if gold is None:
                verdicts["undecided"] += 1
                continue
            c1, c2 = where[starts[i] + len(stripped) - 2], where[starts[i + 1] + lead]
            if c1 >= 0 and c2 == c1 + 1:
                said = "join"
            elif c1 >= 0 and c2 >= 0 and repaired.text[c1 + 1 : c2] == "-":
                said = "keep"
            else:
                said = "other"
            verdicts[f"gold {gold}"] += 1
            verdicts[f"{gold} ok"] += said == gold
            verdicts["ok"] += said == gold
            verdicts["total"] += 1
            if said != gold:
                verdicts[f"error: {lw}-{rw} ({gold})"] += 1
    total = verdicts["total"]
    print(
        f"\n== OverProof line-end hyphens ({len(articles)} articles, {total} scored, "
        f"{verdicts['undecided']} without evidence left out) =="
    )
    print(f"{'':34}{'repair':>14}{'always join':>14}{'always keep':>14}")
    print(
        f"{'accuracy':34}{verdicts['ok'] / total:>14.2%}{verdicts['gold join'] / total:>14.2%}"
        f"{verdicts['gold keep'] / total:>14.2%}"
    )
    print(f"{'joins kept right':34}{verdicts['join ok']}/{verdicts['gold join']}")
    print(f"{'compounds kept right':34}{verdicts['keep ok']}/{verdicts['gold keep']}")
    print(f"{'characters per second':34}{chars / max(t_repair, 1e-9):>14,.0f}")
    errors = sorted(k[7:] for k in verdicts if k.startswith("error: "))
    print("errors: " + ", ".join(errors[:40]) + (" …" if len(errors) > 40 else ""))
    return verdicts["ok"] / total


# --- throughput ---------------------------------------------------------------------------------


def bench_throughput(data: Path) -> None:
    texts = wikiwars_texts(data)
    big = "\n\n".join(t for _, lang, t in texts if lang == "en")
    t0 = time.perf_counter()
    repair(big, lang="en")
    elapsed = time.perf_counter() - t0
    print(f"\n== throughput ==\nrepair on {len(big):,} characters: {len(big) / elapsed:,.0f} characters per second")

    from annales.pipeline import Options, process
    from annales.stages.read import read

    sources = ROOT / "samples" / "napoleon" / "sources"
    docs = [
        read(sources / n) for n in ("04_en_tilsit_shuffled.txt", "02_en_empire.txt", "06_fr_chute.txt") if (sources / n).is_file()
    ]
    for doc in docs:
        process(doc)  # load models once before timing
    full = rep = 0.0
    for _ in range(2):
        for doc in docs:
            t0 = time.perf_counter()
            process(doc, Options())
            full += time.perf_counter() - t0
            t0 = time.perf_counter()
            repair(doc.text, lang="fr" if "_fr_" in doc.name else "en")
            rep += time.perf_counter() - t0
    print(
        f"ingest path (process) on {len(docs)} sample documents: {full:.3f} s; repair alone: {rep:.3f} s; "
        f"repair's share {rep / full:.1%} (target < 10%)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--quick", action="store_true", help="four documents, no throughput")
    parser.add_argument("--only", choices=("shuffled", "seed", "overproof", "throughput"))
    args = parser.parse_args(argv)
    if not (args.data / "wikiwars-en").is_dir():
        print(f"no WikiWars under {args.data}; pass --data", file=sys.stderr)
        return 2
    limit = 4 if args.quick else None
    figures: dict[str, float | None] = {}
    if args.only in (None, "shuffled"):
        for shuffle in ("page", "full"):
            label = "within pages of 8 blocks" if shuffle == "page" else "whole-document"
            tau = report_shuffled(label, *bench_shuffled(args.data, shuffle, limit))
            if not args.quick:
                figures[f"{shuffle}_shuffle_tau"] = tau
    if args.only in (None, "seed"):
        figures["seed_order_tau"] = bench_seed(args.data)
    if args.only in (None, "overproof"):
        figures["overproof_accuracy"] = bench_overproof(args.data)
    if args.only in (None, "throughput") and not args.quick:
        bench_throughput(args.data)
    return check_floors("repair", figures, width=34, digits=4)


if __name__ == "__main__":
    sys.exit(main())
