"""Train annales' named-entity model for one language from HIPE training data (``make models``).

The documents are rebuilt as OCR text, their line-end hyphens joined and
their apostrophes normalised the way annales' ingest does before tagging,
so the model learns on what it will see. One document in ten is held out
for choosing the best step; the HIPE-2020 development files are never used
here (``bench/bench_claims.py`` scores on them).

    .venv/bin/python training/train_ner.py --lang de --train hipe2020/HIPE-data-v1.4-train-de.tsv \
        hipe2022/sonar/HIPE-2022-v2.1-sonar-dev-de.tsv

HIPE-2022's coarse types (newseye, sonar: PER, LOC, ORG, HumanProd) are renamed to HIPE-2020's.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from hipe import HipeDoc, dehyphenate, read_hipe  # noqa: E402
from spacy_best import train_best  # noqa: E402  (beside this script)

from annales.stages.analyse import normalise  # noqa: E402

HELD_OUT_EVERY = 10
#: HIPE-2022's coarse types (newseye, sonar) as HIPE-2020 names them, so that the sets train one label each.
HIPE2020_LABELS = {"PER": "pers", "LOC": "loc", "ORG": "org", "HumanProd": "prod"}


def to_spacy(docs: list[HipeDoc], lang: str):  # type: ignore[no-untyped-def]
    """spaCy Docs with the gold mentions as entities, on the de-hyphenated, normalised text."""
    import spacy
    from spacy.util import filter_spans

    nlp = spacy.blank(lang)
    out = []
    for doc in docs:
        text, where = dehyphenate(doc.text)
        position = {old: new for new, old in enumerate(where)}
        parsed = nlp.make_doc(normalise(text))
        spans = []
        for entity in doc.gold:
            start = position.get(doc.tokens[entity.start][0])
            end = position.get(doc.tokens[entity.end - 1][1])
            if start is None or end is None or end <= start:
                continue
            label = HIPE2020_LABELS.get(entity.type, entity.type)
            span = parsed.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        parsed.ents = filter_spans(spans)
        out.append(parsed)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", required=True)
    parser.add_argument("--train", required=True, nargs="+", help="HIPE TSV files under --data")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default build/ner/<lang>)")
    parser.add_argument("--out", type=Path, default=None, help="model folder (default src/annales/models/ner-<lang>)")
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--source", help="start from this spaCy package's NER (training/ner-from-package.cfg)")
    parser.add_argument("--note", default="", help="a paragraph for the model card (why these data, this start)")
    args = parser.parse_args(argv)

    from spacy.tokens import DocBin

    work = args.work or ROOT / "build" / "ner" / args.lang
    out = args.out or ROOT / "src" / "annales" / "models" / f"ner-{args.lang}"
    missing = [name for name in args.train if not (args.data / name).is_file()]
    if missing:
        print(f"train_ner: no HIPE file {', '.join(missing)} under {args.data} (give --data)", file=sys.stderr)
        return 2
    docs = [d for name in args.train for d in read_hipe(args.data / name)]
    train_docs = [d for i, d in enumerate(docs) if i % HELD_OUT_EVERY != HELD_OUT_EVERY - 1]
    held_docs = [d for i, d in enumerate(docs) if i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1]
    work.mkdir(parents=True, exist_ok=True)
    DocBin(docs=to_spacy(train_docs, args.lang)).to_disk(work / "train.spacy")
    DocBin(docs=to_spacy(held_docs, args.lang)).to_disk(work / "dev.spacy")
    overrides: dict[str, object] = {
        "paths.train": str(work / "train.spacy"),
        "paths.dev": str(work / "dev.spacy"),
        "nlp.lang": args.lang,
    }
    config = ROOT / "training" / "ner.cfg"
    if args.source:
        config = ROOT / "training" / "ner-from-package.cfg"
        overrides["paths.source"] = args.source
    train_best(config, work, overrides, out, args.max_steps)
    _keep_only_label_strings(out)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    summary = {
        "lang": args.lang,
        "train_files": args.train,
        "started_from": args.source or "nothing (random weights)",
        "config": config.name,
        "note": args.note + ("\n" if args.note else ""),
        "train_documents": len(train_docs),
        "held_out_documents": len(held_docs),
        "held_out_scores": {k: meta.get("performance", {}).get(k) for k in ("ents_p", "ents_r", "ents_f")},
        "labels": meta.get("labels", {}).get("ner", []),
    }
    (out / "training.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(model_card(args.lang, args.train, summary, out), encoding="utf-8")
    print(json.dumps(summary, indent=2))
    return 0


def _keep_only_label_strings(out: Path) -> None:
    """Ship the model without the words of its training text: spaCy saves every string it met (the HIPE
    documents' vocabulary, and a source package's) though the hash embeddings need none of them; only the
    label names are read back. Predictions are the same (checked on the HIPE development sets)."""
    import spacy

    labels = sorted(spacy.load(out).get_pipe("ner").labels)
    (out / "vocab" / "strings.json").write_text(json.dumps(labels), encoding="utf-8")


def _sources(files: list[str]) -> str:
    """The campaigns the training files come from."""
    hipe2022 = sorted({name.split("/")[1] for name in files if name.startswith("hipe2022/")})
    return "CLEF-HIPE-2020" + (f" and HIPE-2022 {', '.join(hipe2022)}" if hipe2022 else "")


def _more_licences(files: list[str]) -> str:
    """The terms of the HIPE-2022 sets among the training files, beside HIPE-2020's."""
    if not any(name.startswith("hipe2022/") for name in files):
        return ""
    return "; the HIPE-2022 sets are CC BY 4.0 at their source and released by HIPE-2022 under CC BY-NC-SA 4.0"


def model_card(lang: str, files: list[str], summary: dict, out: Path) -> str:  # type: ignore[type-arg]
    """The model card: what the model is, what it was trained on and under which licence, how it scores."""
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
    held = summary["held_out_scores"]
    start = summary["started_from"]
    if "random" not in start:
        start += (
            " (a spaCy package, MIT licence; the labels it already had, PER, LOC, ORG and MISC, stay in"
            " the model and are mapped like the package's)"
        )
    held_line = " / ".join(f"{held[k]:.3f}" if held[k] is not None else "-" for k in ("ents_p", "ents_r", "ents_f"))
    return f"""# annales NER model `ner-{lang}`

A spaCy named-entity component for {lang} historical newspaper text with OCR noise, built by
`make models` (`training/train_ner.py`, configuration `training/{summary.get("config", "ner.cfg")}`). annales puts it in place of
the spaCy package's NER for this language (`src/annales/data/models.yaml`), or on a blank pipeline
when the language has no spaCy package.

- **Labels**: {", ".join(summary["labels"])} (HIPE-2020 coarse literal types; annales files pers/loc/org
  as PER/LOC/ORG and prod as MISC, and takes times from its own time engine).
- **Architecture**: transition-based NER over its own hash-embedding CNN (norm, prefix, suffix and
  shape features, width 96, depth 4); no static vectors, no transformer; CPU only. {size:.1f} MB. The
  words of the training text are not shipped (only the label names are kept in the string table).
  Started from: {start}.
- **Training data**: {_sources(files)} ({", ".join(files)}): {summary["train_documents"]} documents for
  training, {summary["held_out_documents"]} (one in ten) held out to choose the best step. Text rebuilt as
  OCR lines, line-end hyphens joined and apostrophes normalised as annales' ingest does. The HIPE-2020
  development sets were not used for training or selection (`make bench-claims` scores on them).
- **Licence of the training data**: CC BY-NC-SA 4.0 (Ehrmann et al., CLEF-HIPE-2020, impresso project{_more_licences(files)}).
  The weights derive from it: use them non-commercially and share derived models under the same terms.
- **Held-out scores** (spaCy span P / R / F1 on the held-out training documents): {held_line}.
- **HIPE-2020 development set**: strict and fuzzy micro F1 beside the stock spaCy model are printed by
  `make bench-claims`; the figures at the time of the last build are in the closing notes of the issue
  that built it.

{summary.get("note", "")}
Rebuild: `make models` (the data folder defaults to `../shared/data`; `DATA=...` to change it).
"""


if __name__ == "__main__":
    raise SystemExit(main())
