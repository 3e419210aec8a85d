"""The French simple past through annales' pipeline, with and without its stand-ins, on UD French-GSD.

The sentences of UD French-GSD (dev and test: no train file is here) that hold a verb in the simple past
(gold ``Mood=Ind|Tense=Past|VerbForm=Fin``) are tagged and parsed from their gold tokens by annales' French
pipeline as ingest runs it, and by the same pipeline with the simple-past components switched off
(:mod:`annales.stages.simple_past`). For each simple-past verb: tagged a verb, its head right, its subject
found (the gold subject hangs from it as a subject), and ``Tense=Past`` in its morphology; for all the tokens
of those sentences, the unlabelled attachment score and the part of speech.

The stand-in (``data/lang/fr/simple_past.yaml``) was chosen looking at both parts, among a form's own present
and three common verbs' presents; the claims gold (``bench/claims_gold.py``, held-out French passages) is the
measure it was not chosen on.

    .venv/bin/python bench/bench_simple_past.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from floors import check_floors

from annales.stages.analyse import normalise, pipeline

_OFF = ("annales_simple_past_norms", "annales_simple_past_tense")
_SIMPLE_PAST = ("Mood=Ind", "Tense=Past", "VerbForm=Fin")


def read_conllu(path: Path) -> Iterator[list[list[str]]]:
    """The sentences of a CoNLL-U file, each a list of its word lines' ten fields (no ranges, no empty nodes)."""
    sentence: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
        elif not line.startswith("#"):
            fields = line.split("\t")
            if fields[0].isdigit():
                sentence.append(fields)
    if sentence:
        yield sentence


def measure(sentences: list[list[list[str]]], *, stand_ins: bool) -> Counter[str]:
    """The counts over ``sentences``, parsed with or without the stand-ins."""
    from spacy.tokens import Doc

    nlp = pipeline("fr")
    counts: Counter[str] = Counter()
    disabled = [] if stand_ins else [name for name in _OFF if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        for sentence in sentences:
            words = [normalise(f[1]) for f in sentence]
            doc = nlp(Doc(nlp.vocab, words=words, spaces=["SpaceAfter=No" not in f[9] for f in sentence]))
            for i, fields in enumerate(sentence):
                token, head = doc[i], int(fields[6]) - 1
                attached = token.head.i == (head if head >= 0 else i)
                counts["tokens"] += 1
                counts["attached"] += attached
                counts["pos"] += token.pos_ == fields[3]
                if not all(f in fields[5].split("|") for f in _SIMPLE_PAST):
                    continue
                counts["verbs"] += 1
                counts["verb"] += token.pos_ in ("VERB", "AUX")
                counts["head"] += attached
                counts["past"] += "Past" in token.morph.get("Tense", [])
                for j, other in enumerate(sentence):
                    if int(other[6]) - 1 == i and other[7].startswith("nsubj"):
                        counts["subjects"] += 1
                        counts["subject"] += doc[j].head.i == i and doc[j].dep_.startswith("nsubj")
    return counts


def figures(counts: Counter[str]) -> dict[str, float]:
    return {
        "verb": counts["verb"] / counts["verbs"],
        "head": counts["head"] / counts["verbs"],
        "subject": counts["subject"] / max(1, counts["subjects"]),
        "past": counts["past"] / counts["verbs"],
        "uas": counts["attached"] / counts["tokens"],
        "pos": counts["pos"] / counts["tokens"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args(argv)
    folder = args.data / "ud" / "UD_French-GSD"
    if not folder.is_dir():
        print(f"no UD French-GSD under {args.data}: give --data the folder that holds ud/", file=sys.stderr)
        return 2
    print("part  sentences verbs  stand-ins  verb   head   subject past   uas    pos")
    floors: dict[str, float] = {}
    for part in ("dev", "test"):
        sentences = [
            s
            for s in read_conllu(folder / f"fr_gsd-ud-{part}.conllu")
            if any(all(f in w[5].split("|") for f in _SIMPLE_PAST) for w in s)
        ]
        for stand_ins in (False, True):
            counts = measure(sentences, stand_ins=stand_ins)
            found = figures(counts)
            row = "  ".join(f"{v:.3f}" for v in found.values())
            print(f"{part:5} {len(sentences):9} {counts['verbs']:5}  {'with' if stand_ins else 'without':9}  {row}")
            if stand_ins:
                floors.update({f"{part}_{name}": value for name, value in found.items() if name in ("verb", "head", "subject")})
    return check_floors("simple_past", floors, width=28, digits=3)


if __name__ == "__main__":
    sys.exit(main())
