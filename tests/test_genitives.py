"""Names in the genitive are cut back to the name where the text or the gazetteer knows it without its ending."""

from __future__ import annotations

from annales.records import Mention, Span
from annales.stages.analyse import analyse
from annales.stages.genitives import uninflected


def _mention(text: str, name: str, label: str) -> Mention:
    start = text.index(name)
    return Mention(Span(start, start + len(name)), name, label)


def test_genitives_a_name_before_its_noun_loses_its_ending_when_the_text_uses_it_alone() -> None:
    text = "Im Mai 1862 scheiterte General McClellans Halbinsel-Feldzug. McClellan wurde abgesetzt."
    found = uninflected(analyse(text, "de"), [_mention(text, "General McClellans", "PER")], "de")
    assert [(m.text, text[m.span.start : m.span.end]) for m in found] == [("General McClellan",) * 2]


def test_genitives_a_place_the_gazetteer_knows_loses_its_ending() -> None:
    text = "Damals suchte Spaniens Diktator Verbündete."
    found = uninflected(analyse(text, "de"), [_mention(text, "Spaniens", "LOC")], "de")
    assert [m.text for m in found] == ["Spanien"]


def test_genitives_a_name_ending_so_in_the_nominative_keeps_its_ending() -> None:
    text = "Die Flotte des Perikles Athen verließ den Hafen."
    found = uninflected(analyse(text, "de"), [_mention(text, "Perikles", "PER")], "de")
    assert [m.text for m in found] == ["Perikles"]


def test_genitives_a_name_no_language_knows_with_its_ending_loses_it() -> None:
    # The text never names McClellan alone, but "McClellans" is no word of any language annales reads while
    # "McClellan" is one (a name of English); "Engels" is a word in its own right and keeps its ending.
    text = "Im Mai 1862 scheiterte General McClellans Halbinsel-Feldzug. Damals erschien Engels Schrift."
    mentions = [_mention(text, "General McClellans", "PER"), _mention(text, "Engels", "PER")]
    found = uninflected(analyse(text, "de"), mentions, "de")
    assert [m.text for m in found] == ["General McClellan", "Engels"]


def test_genitives_not_in_a_language_without_them() -> None:
    text = "Hitlers Army attacked. Hitler fled."
    found = uninflected(analyse(text, "en"), [_mention(text, "Hitlers", "PER")], "en")
    assert [m.text for m in found] == ["Hitlers"]
