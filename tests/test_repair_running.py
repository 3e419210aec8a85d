"""The running-text model shipped for reading order: it loads, checks itself, and reads junctions sensibly."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from annales.errors import DataError
from annales.stages.repair import running
from annales.stages.repair.running import running_text


def test_model_holds_the_three_languages() -> None:
    for lang in ("en", "fr", "de"):
        model = running_text(lang)
        assert model is not None and model.total > 20000
    assert running_text("xx") is None


def test_junctions_read_as_running_text() -> None:
    model = running_text("en")
    assert model is not None
    # "... more than | 1,500 oppositionists" goes on; "... more than | The programme" does not.
    assert model.junction(["more", "than"], ["NUM", "NOUN"]) > 2.0
    assert model.junction(["more", "than"], ["the", "NOUN"]) < model.junction(["more", "than"], ["NUM", "NOUN"])
    # A determiner is followed by a noun far more than by a verb.
    assert model.junction(["of", "the"], ["NOUN", "of"]) > model.junction(["of", "the"], ["VERB", "the"])
    assert model.classes([("the", "DET"), ("revolution", "NOUN")]) == ["the", "NOUN"]
    assert model.junction([], ["NOUN"]) == 0.0


def test_a_damaged_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with gzip.open(running._model_path().open("rb")) as fh:
        model = json.loads(fh.read())
    model["languages"]["en"]["unigrams"]["NOUN"] += 1
    target = tmp_path / "running.json.gz"
    with gzip.open(target, "wb") as fh:
        fh.write(json.dumps(model).encode("utf-8"))
    monkeypatch.setattr(running, "_model_path", lambda: target)
    running._load.cache_clear()
    running.running_text.cache_clear()
    try:
        with pytest.raises(DataError, match="checksum"):
            running.running_text("en")
    finally:
        running._load.cache_clear()
        running.running_text.cache_clear()
