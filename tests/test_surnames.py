"""Persons the model missed, named in full once and by the surname alone afterwards."""

from __future__ import annotations

from annales.records import Mention, Span
from annales.stages.analyse import analyse
from annales.stages.surnames import missed_persons, surnames_of_persons


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


def _surnames(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in surnames_of_persons(analyse(text, "de"), mentions, "de")]


def _mention(text: str, name: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(Span(start, start + len(name)), name, label)


def test_surnames_the_surname_of_a_person_named_in_full_is_the_person_however_common() -> None:
    # the model placed "Sherman" (a town in Texas) and missed the other use; "in Sherman" stays a place
    text = (
        "Generalmajor Sherman zog nach Atlanta. Sherman zerstörte die Bahn. Danach griff Sherman an. In Sherman blieb es ruhig."
    )
    mentions = [
        _mention(text, "Generalmajor Sherman", "PER"),
        _mention(text, "Sherman", "LOC", 1),
        _mention(text, "Sherman", "LOC", 3),
    ]
    assert _surnames(text, mentions) == [
        ("Generalmajor Sherman", "PER"),
        ("Sherman", "PER"),
        ("Sherman", "PER"),
        ("Sherman", "LOC"),
    ]


def test_surnames_a_city_or_a_people_the_model_ran_into_a_name_are_no_surnames() -> None:
    text = "Der Tyrann von Athen floh. Athen ergab sich. Die Deutschen griffen an, so Major Deutschen."
    mentions = [_mention(text, "Tyrann von Athen", "PER"), _mention(text, "Major Deutschen", "PER")]
    assert _surnames(text, mentions) == [("Tyrann von Athen", "PER"), ("Major Deutschen", "PER")]
