"""Training a spaCy pipeline from a config and keeping its best model: shared by annales' training scripts."""

from __future__ import annotations

import shutil
from pathlib import Path


def train_best(config: Path, work: Path, overrides: dict[str, object], out: Path, max_steps: int | None = None) -> None:
    """Train ``config`` with ``overrides`` under ``work`` (``max_steps`` caps the run) and put the best model
    in ``out``, replacing what was there."""
    from spacy.cli.train import train

    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    train(config, work / "output", overrides=overrides)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(work / "output" / "model-best", out)
