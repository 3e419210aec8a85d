"""Build annales' running-text model (``src/annales/models/running-text/running.json.gz``) from UD treebanks.

Repair's reading order asks whether a piece's last words run on into another
piece's first words. This script counts, per language, how running text goes
on from word to word in a class-based view: each of the language's ``TOP``
commonest word forms (closed-class words, mostly: "the", "of", "than") is a
class of its own, every other token is its universal part-of-speech tag, and
``<s>`` stands at each sentence start and ``</s>`` after its end. The file holds only those counts (class
trigrams, bigrams, unigrams and the list of word classes), never a sentence.

Sources (CC BY-SA 4.0, see the model card beside the file): UD English-EWT
train, UD French-GSD and German-GSD dev and test (no train file is staged).

    .venv/bin/python training/train_running_text.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "annales" / "models" / "running-text" / "running.json.gz"
#: Commonest word forms kept as classes of their own, per language.
TOP = 250
#: Trigrams seen fewer times are left out of the file (their bigram stands in).
MIN_TRIGRAM = 2
SOURCES = {
    "en": ["UD_English-EWT/en_ewt-ud-train.conllu"],
    "fr": ["UD_French-GSD/fr_gsd-ud-dev.conllu", "UD_French-GSD/fr_gsd-ud-test.conllu"],
    "de": ["UD_German-GSD/de_gsd-ud-dev.conllu", "UD_German-GSD/de_gsd-ud-test.conllu"],
}


def sentences(path: Path) -> list[list[tuple[str, str]]]:
    """(casefolded surface form, UPOS) of each sentence's tokens; a contraction ("du", "zum") is one token
    with the tag of its first word, as a tokenizer sees it."""
    found: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    skip_until = 0
    pending: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                found.append(current)
            current, skip_until, pending = [], 0, None
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        ident = cols[0]
        if "." in ident:
            continue  # an empty node of enhanced dependencies
        if "-" in ident:
            first, last = ident.split("-")
            skip_until = int(last)
            pending = cols[1].casefold()
            del first
            continue
        k = int(ident)
        if pending is not None:
            current.append((pending, cols[3]))
            pending = None
        elif k <= skip_until:
            continue
        else:
            current.append((cols[1].casefold(), cols[3]))
    if current:
        found.append(current)
    return found


def build(data: Path, lang: str) -> dict[str, object]:
    sents = [s for rel in SOURCES[lang] for s in sentences(data / "ud" / rel)]
    forms = Counter(w for s in sents for w, _t in s)
    words = sorted(w for w, _n in forms.most_common(TOP))
    keep = set(words)
    uni: Counter[str] = Counter()
    bi: Counter[tuple[str, str]] = Counter()
    tri: Counter[tuple[str, str, str]] = Counter()
    for sent in sents:
        seq = ["<s>", "<s>", *[w if w in keep else t for w, t in sent], "</s>"]
        uni.update(seq[2:])
        bi.update(zip(seq[1:], seq[2:], strict=False))
        tri.update(zip(seq, seq[1:], seq[2:], strict=False))
    return {
        "words": words,
        "sentences": len(sents),
        "tokens": sum(uni.values()),
        "unigrams": dict(sorted(uni.items())),
        "bigrams": {f"{a} {b}": n for (a, b), n in sorted(bi.items())},
        "trigrams": {f"{a} {b} {c}": n for (a, b, c), n in sorted(tri.items()) if n >= MIN_TRIGRAM},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    langs = {lang: build(args.data, lang) for lang in SOURCES}
    payload = json.dumps(langs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    model = {
        "format": 1,
        "top": TOP,
        "min_trigram": MIN_TRIGRAM,
        "sha256": hashlib.sha256(payload.encode("utf-8")).hexdigest(),
        "languages": langs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as fh:
        fh.write(json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    for lang, m in langs.items():
        print(f"{lang}: {m['sentences']} sentences, {m['tokens']} tokens, {len(m['trigrams'])} trigrams")  # type: ignore[arg-type]
    print(f"{args.out}: {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
