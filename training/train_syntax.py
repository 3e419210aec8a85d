"""Train annales' German syntax model from UD German-GSD (``make models``): part of speech and morphology,
lemmas and a dependency parse with Universal Dependencies labels.

UD German-GSD ships no train file here, only dev (799 sentences) and test (977). The model learns on the
dev file and the first part of the test file; the rest of the test file (the last ``--held-out`` share, in
file order) is never seen in training or selection, and the model card reports the scores on it. One
sentence in ten of the training part is set aside to choose the best step. Words joined in the text and
split in the treebank ("zum" = "zu dem") are one token, as spaCy's German tokenizer leaves them.

    .venv/bin/python training/train_syntax.py --lang de
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from spacy_best import train_best  # beside this script

ROOT = Path(__file__).resolve().parent.parent
SELECT_EVERY = 10
TREEBANKS = {"de": ("UD_German-GSD", "de_gsd")}


def read_sentences(path: Path) -> list[str]:
    """The CoNLL-U blocks of a file (comments and token lines of one sentence), in file order."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    return [b.strip("\n") + "\n" for b in blocks if b.strip()]


def to_docbin(sentences: list[str], out: Path, extra: list[str] = ()) -> int:  # type: ignore[assignment]
    """Write sentences as spaCy Docs of ten sentences (so the parser learns where sentences end); ``extra``
    sentences (another language's) keep only their words and dependencies, for the parser alone."""
    from spacy.tokens import Doc, DocBin
    from spacy.training.converters import conllu_to_docs

    docs = list(conllu_to_docs("\n".join(sentences), n_sents=10, merge_subtokens=True, no_print=True))
    for doc in conllu_to_docs("\n".join(extra), n_sents=10, merge_subtokens=True, no_print=True) if extra else []:
        words = [t.text for t in doc]
        spaces = [bool(t.whitespace_) for t in doc]
        heads = [t.head.i for t in doc]
        deps = [t.dep_ for t in doc]
        docs.append(Doc(doc.vocab, words=words, spaces=spaces, heads=heads, deps=deps))
    DocBin(docs=docs, store_user_data=False).to_disk(out)
    return sum(len(d) for d in docs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="de", choices=sorted(TREEBANKS))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ud")
    parser.add_argument("--held-out", type=float, default=0.4, help="share of the test file kept out (its end)")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default build/syntax/<lang>)")
    parser.add_argument("--out", type=Path, default=None, help="model folder (default src/annales/models/syntax-<lang>)")
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--config", type=Path, default=ROOT / "training" / "syntax.cfg")
    parser.add_argument("--note", default="", help="a paragraph for the model card")
    parser.add_argument(
        "--transfer", type=int, default=0, help="add this many UD English-EWT train sentences (parse only) to training"
    )
    args = parser.parse_args(argv)

    from spacy.cli.evaluate import evaluate

    folder, stem = TREEBANKS[args.lang]
    dev_file = args.data / folder / f"{stem}-ud-dev.conllu"
    test_file = args.data / folder / f"{stem}-ud-test.conllu"
    missing = [str(p) for p in (dev_file, test_file) if not p.is_file()]
    if missing:
        print(f"train_syntax: no treebank file {', '.join(missing)} (give --data)", file=sys.stderr)
        return 2
    work = args.work or ROOT / "build" / "syntax" / args.lang
    out = args.out or ROOT / "src" / "annales" / "models" / f"syntax-{args.lang}"
    dev = read_sentences(dev_file)
    test = read_sentences(test_file)
    cut = round(len(test) * (1 - args.held_out))
    pool, held = dev + test[:cut], test[cut:]
    train_part = [s for i, s in enumerate(pool) if i % SELECT_EVERY != SELECT_EVERY - 1]
    select_part = [s for i, s in enumerate(pool) if i % SELECT_EVERY == SELECT_EVERY - 1]
    work.mkdir(parents=True, exist_ok=True)
    extra: list[str] = []
    if args.transfer:
        extra = read_sentences(args.data / "UD_English-EWT" / "en_ewt-ud-train.conllu")[: args.transfer]
    words = {
        "train": to_docbin(train_part, work / "train.spacy", extra),
        "select": to_docbin(select_part, work / "select.spacy"),
        "held_out": to_docbin(held, work / "held.spacy"),
    }
    config = args.config
    overrides: dict[str, object] = {
        "paths.train": _shown(work / "train.spacy"),
        "paths.dev": _shown(work / "select.spacy"),
        "nlp.lang": args.lang,
    }
    train_best(config, work, overrides, out, args.max_steps)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta.update(name=f"annales_syntax_{args.lang}", license="CC BY-SA 4.0", description=f"annales syntax model, {folder}")
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    scores = evaluate(str(out), work / "held.spacy")
    kept = _keep_needed_strings(out, work / "held.spacy")
    summary = {
        "lang": args.lang,
        "treebank": folder,
        "config": config.name,
        "train_sentences": len(train_part),
        "transfer_sentences": len(extra),
        "select_sentences": len(select_part),
        "held_out_sentences": len(held),
        "held_out_from": f"{test_file.name}, sentences {cut + 1}-{len(test)} of {len(test)}",
        "tokens": words,
        "held_out_scores": {
            k: scores.get(k) for k in ("pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f", "speed")
        },
        "strings_kept": kept,
        "note": args.note,
    }
    (out / "training.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(model_card(summary, out), encoding="utf-8")
    print(json.dumps(summary, indent=2))
    return 0


def _shown(path: Path) -> str:
    """A path as the model's configuration records it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _keep_needed_strings(out: Path, check: Path) -> int:
    """Ship the model with only the strings it reads back: labels, morphological features and the pieces of
    the lemmatizer's edit trees, not every word of the treebank. Kept only if the held-out sentences get the
    same analysis as with the full string table; returns how many strings are kept (0: the table as saved)."""
    import spacy
    from spacy.tokens import DocBin

    full = spacy.load(out)
    docs = list(DocBin().from_disk(check).get_docs(full.vocab))
    texts = [d.text for d in docs]
    before = [_analysis(d) for d in full.pipe(texts)]
    needed: set[str] = set()
    morphologizer = full.get_pipe("morphologizer")
    needed.update(str(label) for label in morphologizer.labels)
    for label in morphologizer.labels:
        for feature in str(label).split("|"):
            needed.update(feature.split("=", 1))
            needed.add(feature)
    needed.update(str(label) for label in full.get_pipe("parser").labels)
    lemmatizer = full.get_pipe("trainable_lemmatizer")
    strings = full.vocab.strings
    for i in range(len(lemmatizer.trees)):  # type: ignore[attr-defined]
        tree = lemmatizer.trees[i]  # type: ignore[attr-defined]
        for key in ("orig", "subst"):
            if key in tree:
                needed.add(strings[tree[key]])
    needed.update(str(label) for label in lemmatizer.labels)
    path = out / "vocab" / "strings.json"
    saved = path.read_text(encoding="utf-8")
    path.write_text(json.dumps(sorted(needed)), encoding="utf-8")
    after = [_analysis(d) for d in spacy.load(out).pipe(texts)]
    if after != before:
        path.write_text(saved, encoding="utf-8")
        return 0
    return len(needed)


def _analysis(doc):  # type: ignore[no-untyped-def]
    return [(t.pos_, str(t.morph), t.lemma_, t.head.i, t.dep_, t.is_sent_start) for t in doc]


def model_card(summary: dict, out: Path) -> str:  # type: ignore[type-arg]
    """The model card: what the model is, what it learnt from under which licence, how it scores."""
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
    held = summary["held_out_scores"]

    def pct(key: str) -> str:
        return f"{100 * held[key]:.1f}" if held.get(key) is not None else "-"

    lang = summary["lang"]
    return f"""# annales syntax model `syntax-{lang}`

A spaCy pipeline for {lang} (tokenizer, `tok2vec`, `morphologizer`, `trainable_lemmatizer`, `parser`)
built by `make models` (`training/train_syntax.py`, configuration `training/{summary["config"]}`).
annales loads it for {lang} when the language is listed under `syntax:` in `src/annales/data/models.yaml`
and no spaCy package serves it; annales' paragraph breaks and sentence rules go before the parser (which
keeps to them) and its own NER model after it, so the claims read subjects, objects, passive agents and
lemmas from a parse.

- **Output**: universal part of speech and morphological features (morphologizer), lemmas (edit trees
  learnt from the treebank's lemmas), a dependency parse with Universal Dependencies labels (`nsubj`,
  `obj`, `nsubj:pass`, `obl:agent`, `compound:prt`...); the parser also learnt sentence ends (scored
  below), which annales does not use.
- **Architecture**: one hash-embedding CNN (norm, prefix, suffix and shape features, width 96, depth 4)
  shared by the three components; no static vectors, no transformer; CPU only. {size:.1f} MB. Only the
  strings the model reads back (labels, features, lemma edit pieces) are kept in its string table:
  {f"{summary['strings_kept']:,} strings" if summary["strings_kept"] else "the full table (pruning changed an analysis)"}.
- **Training data**: Universal Dependencies v2.16, {summary["treebank"]} (news, reviews, wiki; gold part of
  speech, features and dependencies, automatic lemmas). No train file is available, so the model learns
  on the dev file and the first part of the test file: {summary["train_sentences"]} sentences for
  training, {summary["select_sentences"]} (one in ten of them) set aside to choose the best step.
  Multi-word tokens are merged ("zum") as spaCy's tokenizer leaves them.
- **Held-out part**: {summary["held_out_from"]} ({summary["held_out_sentences"]} sentences), never seen in
  training or selection.
- **Held-out scores** (`spacy evaluate`, spaCy's tokenization aligned to the treebank's): UPOS
  {pct("pos_acc")} %, morphology {pct("morph_acc")} %, lemma {pct("lemma_acc")} %, UAS {pct("dep_uas")},
  LAS {pct("dep_las")}, sentence F1 {pct("sents_f")}.
- **Licence**: the treebank is CC BY-SA 4.0 (UD German-GSD: McDonald et al. 2013, Universal Dependencies
  contributors; https://github.com/UniversalDependencies/UD_German-GSD). The weights derive from it:
  credit it and share derived models under the same terms. No sentence of the treebank is in the project.
- **What it is not**: about 1,400 sentences of modern web text are little for a parser (spaCy's packages
  learn on tens of thousands); expect errors on historical narrative, past-tense verbs and dates
  ("Der Kaiser ernannte Bismarck …" is misparsed).

{summary.get("note", "")}

Rebuild: `make models` (the data folder defaults to `../shared/data`; `DATA=...` to change it), or
`.venv/bin/python training/train_syntax.py --lang {lang} --data ../shared/data/ud`.
"""


if __name__ == "__main__":
    raise SystemExit(main())
