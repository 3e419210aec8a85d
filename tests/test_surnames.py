"""Persons the model missed, named in full once and by the surname alone afterwards."""

from __future__ import annotations

from annales.records import Mention, Span
from annales.stages.analyse import analyse
from annales.stages.surnames import missed_persons


def _found(text: str, mentions: list[Mention] | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in missed_persons(analyse(text, "de"), mentions or [], "de")]


def test_surnames_a_full_name_and_its_surname_alone_are_a_person() -> None:
    text = "Den Sieg errang eine Flotte unter David Glasgow Farragut. Farragut eroberte danach Baton Rouge."
    assert _found(text) == [("David Glasgow Farragut", "PER"), ("Farragut", "PER")]


def test_surnames_a_name_the_text_never_uses_alone_is_left_to_the_model() -> None:
    assert _found("Den Sieg errang eine Flotte unter David Glasgow Farragut.") == []


def test_surnames_common_nouns_and_places_are_no_surnames() -> None:
    # "Marsch" is a common word; "Norfolk" a city of the gazetteer
    text = "Sie zogen im Langen Marsch ab. Der Marsch dauerte. Sie verloren den Heimathafen Norfolk. Norfolk fiel."
    assert _found(text) == []


def test_surnames_a_mention_of_the_model_is_kept_as_it_is() -> None:
    text = "Den Sieg errang David Farragut. Farragut eroberte danach Baton Rouge."
    mention = Mention(Span(16, 30), "David Farragut", "PER")
    assert _found(text, [mention]) == [("David Farragut", "PER")]
