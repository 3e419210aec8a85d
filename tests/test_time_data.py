"""Tests for the time language data: every YAML loads, and bad data is reported by file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales import langdata
from annales.errors import DataError
from annales.stages.time import KINDS, load_language
from annales.stages.time.normalise import NORMALISERS

GOOD = """
months: [[Jan], [Feb], [Mar], [Apr], [May], [Jun], [Jul], [Aug], [Sep], [Oct], [Nov], [Dec]]
units: {year: [year, years]}
words: {next: [next]}
patterns:
  - {kind: year, pattern: "{year}"}
"""


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_time_data_loads(lang: str) -> None:
    lexicon = load_language(lang)
    assert lexicon.lang == lang
    assert len(set(lexicon.months.values())) == 12
    assert set(lexicon.seasons.values()) == {"spring", "summer", "autumn", "winter"}
    assert set(lexicon.modifiers.values()) == {"early", "mid", "late"}
    # number words up to twenty at least
    assert set(range(1, 21)) <= {n for n in lexicon.numbers.values() if n is not None}


def test_time_data_every_kind_has_a_reader() -> None:
    assert set(NORMALISERS) == set(KINDS)


def test_time_data_is_cached() -> None:
    assert load_language("fr") is load_language("fr")


def _load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "time.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv(langdata.LANG_PATH_VARIABLE, str(tmp_path))
    load_language.__wrapped__("xx")


def test_time_data_minimal_file_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _load(tmp_path, monkeypatch, GOOD)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("units:", "unitz:", "unitz"),
        ("[Nov], [Dec]]", "[Nov]]", "months"),
        ("kind: year,", "kind: era,", "patterns[0].kind"),
        ('pattern: "{year}"', 'pattern: "{yeer}"', "patterns[0].pattern"),
        ('pattern: "{year}"', 'pattern: "({year}"', "patterns[0].pattern"),
        ("{next: [next]}", "{nextt: [next]}", "words.nextt"),
        ("{year: [year, years]}", "{year: [year, 3]}", "units.year"),
    ],
)
def test_time_data_errors_name_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, key: str
) -> None:
    assert old in GOOD
    with pytest.raises(DataError) as caught:
        _load(tmp_path, monkeypatch, GOOD.replace(old, new))
    message = str(caught.value)
    assert "time.yaml" in message
    assert f"'{key}'" in message


def test_time_data_missing_language() -> None:
    with pytest.raises(DataError, match="does not exist"):
        load_language.__wrapped__("zz")


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ("holidays: {Christmas: '13-40'}", "holidays.Christmas"),
        ("holidays: [Christmas]", "holidays"),
        ("weekdays: [[Mon], [Tue]]", "weekdays"),
        ("ref_words: {NOW_REF: [now]}", "ref_words.NOW_REF"),
        ("day_parts: {XX: [morning]}", "day_parts.XX"),
        ("future_markers: ['(will']", "future_markers"),
        ("age_before: ['(aged']", "age_before"),
        ("day_words: {today: soon}", "day_words.today"),
        ("month_list_joiners: [and, 3]", "month_list_joiners"),
        ("abbreviations: Mr", "abbreviations"),
    ],
)
def test_time_data_new_keys_are_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str, key: str) -> None:
    with pytest.raises(DataError) as caught:
        _load(tmp_path, monkeypatch, GOOD + extra + "\n")
    assert f"'{key}'" in str(caught.value)


@pytest.mark.parametrize(
    ("pattern", "key"),
    [
        ('{kind: clock, pattern: "noon"}', "patterns[1].pattern"),
        ('{kind: deictic_day, pattern: "tonight"}', "patterns[1].pattern"),
        ('{kind: year, pattern: "{year}", part: XX}', "patterns[1].part"),
        ('{kind: year, pattern: "{year}", generic_in_news: maybe}', "patterns[1].generic_in_news"),
    ],
)
def test_time_data_pattern_keys_are_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, key: str) -> None:
    base = '- {kind: year, pattern: "{year}"}'
    with pytest.raises(DataError) as caught:
        _load(tmp_path, monkeypatch, GOOD.replace(base, base + "\n  - " + pattern))
    assert f"'{key}'" in str(caught.value)
