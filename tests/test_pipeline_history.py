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
