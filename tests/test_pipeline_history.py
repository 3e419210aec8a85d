"""A history given a document date is read as a narrative: its relative dates follow the story, not the page."""

from __future__ import annotations

import datetime as dt

from annales.pipeline import Options, document_times, find_document_times, is_history, prepare
from annales.stages.read import read_bytes

HISTORY = (
    "In 1918 the civil war spread along the railway. The legion took Samara in June 1918 and Kazan on 7 August "
    "1918. In 1919 the White armies advanced from Siberia; in March 1919 they reached the Volga. The offensive "
    "failed in 1920. On 4 July the last trains left the city."
)
NEWS = (
    "The minister resigned on Tuesday, a week after the vote. He had entered parliament in 1981 and led the "
    "party since 1996. His successor will be named next month, the spokesman said yesterday."
)


def test_pipeline_history_ignores_the_document_date() -> None:
    doc = read_bytes(HISTORY.encode("utf-8"), name="history.txt")
    repaired, _blocks, segments = prepare(doc, Options(lang="en"))
    found = [m for _, mapped in document_times(repaired, segments, dt.date(2009, 12, 19))[0] for m in mapped]
    assert is_history(found, dt.date(2009, 12, 19))
    times = {m.text: m.time for m in find_document_times(doc, Options(lang="en", dct=dt.date(2009, 12, 19)))}
    assert times["4 July"].value == "1920-07-04"  # the narrative's year, not the page's 2009


def test_pipeline_news_keeps_its_document_date() -> None:
    doc = read_bytes(NEWS.encode("utf-8"), name="news.txt")
    repaired, _blocks, segments = prepare(doc, Options(lang="en"))
    dct = dt.date(1998, 3, 5)
    assert not is_history([m for _, mapped in document_times(repaired, segments, dct)[0] for m in mapped], dct)
    times = {m.text: m.time for m in find_document_times(doc, Options(lang="en", dct=dct))}
    assert times["yesterday"].value == "1998-03-04"


RETROSPECTIVE = (
    "Ten years ago tonight the border opened. The wall had gone up in August 1961; Kennedy spoke beside it in June "
    "1963, a treaty eased passage in 1971, and in 1987 Reagan asked for it to be torn down. It fell in 1989. Today "
    "a museum stands there, and last year the city opened a second one."
)


def test_pipeline_news_looking_back_keeps_its_document_date() -> None:
    # Old years throughout, but "today", "ten years ago" and "last year" count from the paper's date: news.
    doc = read_bytes(RETROSPECTIVE.encode("utf-8"), name="retrospective.txt")
    repaired, _blocks, segments = prepare(doc, Options(lang="en"))
    dct = dt.date(1999, 11, 9)
    found = [m for _, mapped in document_times(repaired, segments, dct)[0] for m in mapped]
    assert not is_history(found, dct)
    times = {m.text: m.time for m in find_document_times(doc, Options(lang="en", dct=dct))}
    assert times["last year"].value == "1998"
