"""Names that run into a time expression are cut back to the name, or dropped when no name is left."""

from __future__ import annotations

from annales.pipeline import Options, find_document_mentions
from annales.records import Mention, Span
from annales.stages.dated_names import outside_times
from annales.stages.read import read_bytes


def _at(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def _mention(text: str, name: str, label: str) -> Mention:
    return Mention(_at(text, name), name, label)


def test_dated_names_keep_the_words_outside_the_time() -> None:
    text = "Im Golf von Tonkin Anfang August 1964 kam es zu Angriffen, im Jahr 481 BC Xerxes auch."
    found = outside_times(
        [_mention(text, "Tonkin Anfang August 1964", "PER"), _mention(text, "BC Xerxes", "ORG")],
        [_at(text, "Anfang August 1964"), _at(text, "481 BC")],
        text,
    )
    assert [(m.text, text[m.span.start : m.span.end], m.label) for m in found] == [
        ("Tonkin", "Tonkin", "PER"),
        ("Xerxes", "Xerxes", "ORG"),
    ]


def test_dated_names_a_time_alone_is_no_name() -> None:
    text = "In September 1939, in 480 BC, in Spring."
    mentions = [_mention(text, "September 1939", "ORG"), _mention(text, "BC", "ORG"), _mention(text, "Spring", "LOC")]
    times = [_at(text, "September 1939"), _at(text, "480 BC"), _at(text, "Spring")]
    assert outside_times(mentions, times, text) == []


def test_dated_names_a_name_that_holds_its_date_stays_whole() -> None:
    text = "The Revolution of 1848 spread; the Army of the Potomac on July 26 moved."
    revolution = _mention(text, "The Revolution of 1848", "MISC")
    army = _mention(text, "the Army of the Potomac on July 26", "ORG")
    found = outside_times([revolution, army], [_at(text, "1848"), _at(text, "July 26")], text)
    assert [m.text for m in found] == ["The Revolution of 1848", "the Army of the Potomac"]


def test_dated_names_the_entities_command_reads_no_date_as_a_name() -> None:
    doc = read_bytes(b"Xerxes crossed the Hellespont in 480 BC with his army.", name="xerxes.txt")
    names = [m.text for m in find_document_mentions(doc, Options(lang="en"))]
    assert "BC" not in names and "Hellespont" in names
