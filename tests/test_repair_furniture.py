"""Page furniture from language data, and the schema of repair.yaml."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annales.errors import DataError
from annales.stages.repair import repair, rules_for
from annales.stages.repair.furniture import is_page_number_in_band, patterns, running_key
from annales.stages.repair.hyphens import suspended_after


def _clear_caches() -> None:
    rules_for.cache_clear()
    patterns.cache_clear()
    suspended_after.cache_clear()


@pytest.fixture
def fresh_data() -> Iterator[None]:
    """Rules and patterns read afresh, and again after the test, so a test's own data does not leak."""
    _clear_caches()
    yield
    _clear_caches()


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "12"),
        ("en", "- 12 -"),
        ("en", "\u2014 12 \u2014"),
        ("en", "Page 12"),
        ("en", "p. 12"),
        ("en", "pp. 12"),
        ("en", "12 of 30"),
        ("en", "12 / 30"),
        ("fr", "page 12"),
        ("fr", "p. 12"),
        ("fr", "12 sur 30"),
        ("de", "Seite 12"),
        ("de", "S. 12"),
        ("de", "12 von 30"),
    ],
)
def test_repair_furniture_page_numbers_of_each_language(lang: str, line: str) -> None:
    rules = rules_for(lang)
    assert rules.page_words | rules.page_abbreviations | rules.page_of  # the words come from the language's file
    assert patterns().page_number.fullmatch(line)
    assert is_page_number_in_band(line)


@pytest.mark.parametrize("line", ["Chapter 12", "12 men", "1805 and 1806", "page twelve", "xii"])
def test_repair_furniture_rejects_lines_that_are_not_page_numbers(line: str) -> None:
    assert not patterns().page_number.fullmatch(line)


@pytest.mark.parametrize("line", ["xii", "Page iv", "- xiv -"])
def test_repair_furniture_roman_numerals_count_only_in_a_page_band(line: str) -> None:
    # On its own line in plain text a roman numeral is as likely a section number.
    assert is_page_number_in_band(line)
    assert not patterns().page_number.fullmatch(line)


@pytest.mark.parametrize("line", ["Annual report \u00b7 page 4", "Geschichte Preu\u00dfens | Seite 4", "Histoire  page 12"])
def test_repair_furniture_footers_end_on_a_page_word(line: str) -> None:
    found = patterns().footer.fullmatch(line)
    assert found and found.group("before").strip()


def test_repair_furniture_running_key_masks_page_numbers() -> None:
    assert running_key("THE  WAR OF 1812   17") == running_key("The War of 1812 18") == "the war of # #"


def test_repair_furniture_text_path_drops_page_numbers_of_each_language() -> None:
    text = (
        "The army crossed the river at dawn and marched north.\n\nSeite 12\n\n"
        "It reached the town by the evening of the same day.\n\n12 of 30\n\n"
        "The garrison surrendered without a fight.\n"
    )
    repaired = repair(text, lang="en")
    assert [(f.kind, f.text) for f in repaired.furniture] == [("page-number", "Seite 12"), ("page-number", "12 of 30")]
    assert "Seite" not in repaired.text and "30" not in repaired.text
    for item in repaired.furniture:
        assert text[item.span.start : item.span.end] == item.text


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_repair_furniture_a_year_heading_is_kept_unless_a_page_ends_beside_it(lang: str) -> None:
    # A history's section heading "1863" dates what follows: dropping it as a page number moved every
    # later bare month a year (regression: "im August" read as 1864 under a heading 1863).
    text = "The first winter passed quietly.\n\n1863\n\nIn June the new state joined the Union.\n"
    repaired = repair(text, lang=lang)
    assert "1863" in repaired.text and not repaired.furniture
    paged = "The first winter passed quietly.\n\f\n1863\n\nIn June the new state joined the Union.\n"
    assert [f.text for f in repair(paged, lang=lang).furniture] == ["1863"]
    assert [f.text for f in repair(text.replace("1863", "12"), lang=lang).furniture] == ["12"]


def test_repair_furniture_page_words_are_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_data: None) -> None:
    # A language added as data brings its page word to every text.
    (tmp_path / "it").mkdir()
    (tmp_path / "it" / "repair.yaml").write_text("page_words: [pagina]\npage_of: [di]\n", encoding="utf-8")
    monkeypatch.setenv("ANNALES_LANG_PATH", str(tmp_path))
    assert patterns().page_number.fullmatch("Pagina 12 di 30")
    assert patterns().footer.fullmatch("Storia d'Italia \u00b7 pagina 7")


def test_repair_rules_unknown_key_names_file_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_data: None) -> None:
    (tmp_path / "zz").mkdir()
    (tmp_path / "zz" / "repair.yaml").write_text("compound_prefixs: [counter]\n", encoding="utf-8")
    monkeypatch.setenv("ANNALES_LANG_PATH", str(tmp_path))
    with pytest.raises(DataError, match=r"zz/repair\.yaml: key 'compound_prefixs': unknown key"):
        rules_for("zz")


def test_repair_rules_wrong_type_names_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_data: None) -> None:
    (tmp_path / "zz").mkdir()
    (tmp_path / "zz" / "repair.yaml").write_text("page_words: page\n", encoding="utf-8")
    monkeypatch.setenv("ANNALES_LANG_PATH", str(tmp_path))
    with pytest.raises(DataError, match=r"key 'page_words'"):
        rules_for("zz")


def test_repair_rules_suspending_words_come_from_every_language() -> None:
    # "st- and" would join into "stand"; after a suspending word the hyphen stays, in any language's text.
    assert {"and", "und", "et"} <= suspended_after()
    assert repair("the st- and go rule", lang="fr").text == "the st- and go rule"
