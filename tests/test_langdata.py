"""The one loader of data files: schemas forbid unknown keys, errors name the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.errors import DataError
from annales.langdata import DATA_DIR, DataModel, lang_file, languages, load, read_yaml


class _Toy(DataModel):
    unique: bool = False
    words: list[str] = []


def test_langdata_load_validates_into_the_model(tmp_path: Path) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text("unique: true\nwords: [a, b]\n", encoding="utf-8")
    assert load(path, _Toy) == _Toy(unique=True, words=["a", "b"])


def test_langdata_unknown_key_names_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text("uniqe: true\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"toy\.yaml: key 'uniqe': unknown key"):
        load(path, _Toy)


def test_langdata_wrong_type_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text("words: {a: 1}\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"key 'words'"):
        load(path, _Toy)


def test_langdata_empty_file_is_an_empty_mapping(tmp_path: Path) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text("", encoding="utf-8")
    assert load(path, _Toy) == _Toy()


@pytest.mark.parametrize("content", [b"a: [unclosed\n", b"\xff\xfe\x00junk"])
def test_langdata_unreadable_yaml_is_a_data_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(DataError, match=r"bad\.yaml: not valid UTF-8 YAML"):
        read_yaml(path)


def test_langdata_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"nothing\.yaml does not exist"):
        read_yaml(tmp_path / "nothing.yaml")


def test_langdata_search_path_puts_extra_folders_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "zz").mkdir()
    (tmp_path / "zz" / "time.yaml").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("ANNALES_LANG_PATH", str(tmp_path))
    assert lang_file("zz", "time.yaml") == tmp_path / "zz" / "time.yaml"
    assert lang_file("en", "time.yaml") == DATA_DIR / "lang" / "en" / "time.yaml"
    assert {"en", "fr", "de", "zz"} <= set(languages())


def test_langdata_missing_language_file_points_at_the_package_folder() -> None:
    assert lang_file("qq", "time.yaml") == DATA_DIR / "lang" / "qq" / "time.yaml"


@pytest.mark.parametrize(
    ("field", "unknown"),
    [
        ("active_types: {accuse: gossip}", "gossip"),
        ("agentless_types: {kill: accident_of_fate}", "accident_of_fate"),
        ("person_types: {capture: kidnapping}", "kidnapping"),
        ("document_types: {act: legislation}", "legislation"),
    ],
)
def test_langdata_event_lexicon_checks_the_types_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str, unknown: str
) -> None:
    from annales.vocabulary.events import load_lexicon

    (tmp_path / "zy").mkdir()
    (tmp_path / "zy" / "events.yaml").write_text(field + "\n", encoding="utf-8")
    monkeypatch.setenv("ANNALES_LANG_PATH", str(tmp_path))
    load_lexicon.cache_clear()
    message = r"events\.yaml: active_types, agentless_types, person_types or document_types name types not in data/events\.yaml: "
    with pytest.raises(DataError, match=message + unknown):
        load_lexicon("zy")
    load_lexicon.cache_clear()
