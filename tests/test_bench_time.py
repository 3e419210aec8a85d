"""The time benchmark's corpus readers and TempEval-3 scorer, on small hand-written TimeML and TIMEX2."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import bench_time  # noqa: E402
from floors import check_floors  # noqa: E402
from timeml import (  # noqa: E402
    Timex,
    canonical_value,
    locate,
    read_system_timeml,
    read_timeml,
    read_timex2,
    score,
    timex2_type,
    value_error,
)

TIMEML = """<?xml version="1.0" ?>
<!-- a comment with <TIMEX3 value="0000"> in it -->
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>siege</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1871-01-28" functionInDocument="CREATION_TIME">28 Jan 1871</TIMEX3></DCT>
<TEXT>
Filed <TIMEX3 tid="t0" type="DATE" value="1871-01-28">1871-01-28</TIMEX3>.
Paris &amp; its forts <EVENT eid="e1" class="OCCURRENCE">held</EVENT> out for
<TIMEX3 tid="t1" type="DURATION" value="P4M" temporalFunction="false">four months</TIMEX3>; the armistice came
<TIMEX3 tid="t2" type="DATE" value="1871-01-28" temporalFunction="true" anchorTimeID="t0">today</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""

TIMEX2 = """<DOC>
<DOCID>siege</DOCID>
<DATETIME> <TIMEX2 val="2011-02-16T17:00:00">2011-02-16T17:00:00</TIMEX2> </DATETIME>
<TEXT>
Die Belagerung von Paris & Metz dauerte vom <TIMEX2 val="1870-09-19">19. September 1870</TIMEX2>
bis <TIMEX2 val="1871-01-28"><TIMEX2 val="1871-01">Ende Januar</TIMEX2> 1871</TIMEX2>, also
<TIMEX2 val="P4M">vier Monate</TIMEX2>; Kanonen feuerten <TIMEX2 val="XXXX-XX-XX" set="YES">täglich</TIMEX2>
um <TIMEX2 val="1871-01-05T09:00">neun Uhr</TIMEX2>.
</TEXT>
</DOC>
"""


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_timeml_reader_strips_tags_and_keeps_offsets(tmp_path: Path) -> None:
    doc = read_timeml(_write(tmp_path, "siege.tml", TIMEML))
    assert doc.dct == dt.date(1871, 1, 28)
    assert "<" not in doc.text and "Paris & its forts held out" in doc.text
    assert [(t.text, t.type, t.value) for t in doc.gold] == [
        ("four months", "DURATION", "P4M"),
        ("today", "DATE", "1871-01-28"),
    ]
    for timex in doc.gold:
        assert doc.text[timex.start : timex.end] == timex.text
    # The creation-date stamp inside TEXT (same tid as the DCT) is neither gold nor scorable.
    assert [doc.text[s:e] for s, e in doc.ignore] == ["1871-01-28"]


def test_timex2_reader_keeps_outermost_and_reads_values(tmp_path: Path) -> None:
    doc = read_timex2(_write(tmp_path, "siege.key.xml", TIMEX2))
    assert doc.name == "siege" and doc.dct == dt.date(2011, 2, 16)
    assert "Paris & Metz" in doc.text
    quotes = [(t.text, t.type, t.value) for t in doc.gold]
    assert quotes == [
        ("19. September 1870", "DATE", "1870-09-19"),
        ("Ende Januar 1871", "DATE", "1871-01-28"),
        ("vier Monate", "DURATION", "P4M"),
        ("täglich", "SET", "XXXX-XX-XX"),
        ("neun Uhr", "TIME", "1871-01-05T09:00"),
    ]
    for timex in doc.gold:
        assert doc.text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize(
    ("attrs", "kind"),
    [
        ({"val": "P3D"}, "DURATION"),
        ({"val": "1870-07-19TEV"}, "TIME"),
        ({"val": "1870-SU"}, "DATE"),
        ({"val": "XXXX-WXX", "set": "YES"}, "SET"),
        ({"val": "PRESENT_REF"}, "DATE"),
    ],
)
def test_timex2_type_from_value(attrs: dict[str, str], kind: str) -> None:
    assert timex2_type(attrs) == kind


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("187X", "187", True),
        ("18XX", "18", True),
        ("1870-07-19T14:00:00", "1870-07-19T14:00", True),
        (" p4m", "P4M", True),
        ("XXXX-01", "XXXX-01", True),
        ("1870", "187", False),
        ("1870-07", "1871-07", False),
        ("2000-W6", "2000-W06", True),
        ("2000-W16", "2000-W06", False),
    ],
)
def test_canonical_value(a: str, b: str, same: bool) -> None:
    assert (canonical_value(a) == canonical_value(b)) is same


def test_locate_searches_in_order_from_last_match() -> None:
    text = "In May 1871 the Commune fell; in May\n1872 came the trial, and May again."
    spans = locate(text, ["May", "May 1872", "June", "May"])
    assert spans[3] is not None and spans[1] is not None
    assert [text[s:e] if s is not None else None for s, e in (sp or (None, None) for sp in spans)] == [
        "May",
        "May\n1872",
        None,
        "May",
    ]
    assert spans[0] == (3, 6) and spans[3][0] > spans[1][1]


def _t(text: str, quote: str, value: str, kind: str = "DATE", nth: int = 0) -> Timex:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    assert text[start : start + len(quote)] == quote
    return Timex(start, start + len(quote), quote, kind, value)


def test_score_strict_relaxed_value_and_errors() -> None:
    text = "Sedan fell on 2 September 1870; the siege lasted four months and ended in late January 1871."
    gold = [
        _t(text, "2 September 1870", "1870-09-02"),
        _t(text, "four months", "P4M", "DURATION"),
        _t(text, "late January 1871", "1871-01"),
    ]
    system = [
        _t(text, "2 September 1870", "1870-09-02"),  # exact, right value
        _t(text, "January 1871", "1870-01"),  # overlap only, wrong value
        _t(text, "Sedan", "XXXX", "DATE"),  # spurious
    ]
    result = score(gold, system)
    assert (result.gold, result.system, result.strict, result.relaxed, result.value) == (3, 3, 1, 2, 1)
    assert result.strict_f1 == pytest.approx(100 / 3)
    assert result.relaxed_f1 == pytest.approx(200 / 3)
    assert result.value_f1 == pytest.approx(100 / 3)
    assert result.type_accuracy == 100.0
    assert result.missed == {"four months": 1}
    assert result.spurious == {"sedan": 1}
    assert result.wrong_value == {"late january 9999: year -1": 1}
    assert result.examples["late january 9999: year -1"] == "late january 1871 ~ january 1871: gold 1871-01, got 1870-01"


def test_score_is_one_to_one_and_honours_ignored_spans() -> None:
    text = "Dated 1871-03-18. The Commune ran from March to May 1871."
    gold = [_t(text, "March", "1871-03"), _t(text, "May 1871", "1871-05")]
    ignore = [(6, 16)]
    assert text[6:16] == "1871-03-18"
    system = [
        _t(text, "1871-03-18", "1871-03-18"),  # the stamp: dropped, not spurious
        _t(text, "March to May 1871", "1871-03/1871-05"),  # one system span cannot match two golds
    ]
    result = score(gold, system, ignore)
    assert (result.system, result.relaxed, result.strict, result.value) == (1, 1, 0, 0)
    assert result.missed == {"may 1871": 1}
    assert not result.spurious


def test_value_error_kinds() -> None:
    text = "From 1870 to 1871 and in 1870"
    gold = _t(text, "1870", "1870")
    assert value_error(gold, _t(text, "1870 to 1871", "1870/1871")) == "9999: range, gold one value 9999"
    assert value_error(gold, _t(text, "1870", "P1Y", nth=1)) == "9999: gold 9999, got P9Y"


HEAD = '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n'
TAIL = "\n</TimeML>\n"


def test_system_timeml_is_read_with_offsets_into_the_text() -> None:
    text = "AT&T <sic> was founded in 1885 and sold in May 1886."
    body = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = body.replace("1885", '<TIMEX3 tid="t1" type="DATE" value="1885">1885</TIMEX3>')
    body = body.replace("May 1886", '<TIMEX3 tid="t2" type="DATE" value="1886-05">May 1886</TIMEX3>')
    timexes, problems = read_system_timeml(HEAD + body + TAIL, text)
    assert problems == []
    assert [(text[t.start : t.end], t.type, t.value) for t in timexes] == [
        ("1885", "DATE", "1885"),
        ("May 1886", "DATE", "1886-05"),
    ]


def test_system_timeml_problems_are_named() -> None:
    text = "AT&T <sic> was founded in 1885."
    bare = HEAD + text.replace("1885", '<TIMEX3 tid="t1" type="DATE" value="1885">1885</TIMEX3>') + TAIL
    timexes, problems = read_system_timeml(bare, text)
    # Unescaped: not XML, and "<sic>" read as a tag shortens the text; the TIMEX3 is placed again by its words.
    assert problems[0].startswith("not well-formed XML")
    assert "differs from the document's from offset 5" in problems[1]
    assert [(text[t.start : t.end], t.value) for t in timexes] == [("1885", "1885")]
    nested = (
        HEAD
        + '<TIMEX3 tid="t1" type="DATE" value="1885-05"><TIMEX3 tid="t2" type="DATE" value="1885">May</TIMEX3> 1885</TIMEX3>'
        + TAIL
    )
    timexes, problems = read_system_timeml(nested, "May 1885")
    assert problems == ["1 TIMEX3(s) nested in another"] and [t.value for t in timexes] == ["1885-05"]
    assert read_system_timeml("<TimeML></TimeML>", "x")[1][-1] == "no <TimeML> element"


def test_halves_are_stable_and_split_by_file_name() -> None:
    names = [f"{n:02d}_war.tml" for n in range(40)]
    first = [bench_time.half(Path("a") / name) for name in names]
    assert first == [bench_time.half(Path("b") / "c" / name) for name in names]  # the folder does not count
    assert set(first) == {"tune", "heldout"}
    assert 10 < first.count("tune") < 30


def test_bench_runs_annales_alone_on_a_tiny_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "wikiwars-en" / "timex3"
    folder.mkdir(parents=True)
    narrative = TIMEML.replace("today", "in March 1871")
    _write(folder, "01_siege.tml", narrative.replace('"1871-01-28" temporalFunction', '"1871-03" temporalFunction'))
    assert bench_time.main(["--data", str(tmp_path), "--corpus", "wikiwars-en", "--no-heideltime"]) == 0
    out = capsys.readouterr().out
    assert "not run (--no-heideltime)" in out
    assert "== wikiwars-en" in out and "1 of 1 documents" in out
    assert "annales times FILE --format timeml" in out and "one process per document" in out
    # Read through the CLI: the TimeML of one document, every gold found with its value, in its half.
    where = bench_time.half(folder / "01_siege.tml")
    rows = {
        line.split()[0]: line.split()
        for line in out.splitlines()
        if line.startswith(("  annales ", "    tune", "    heldout", "    all"))
    }
    assert rows["annales"][1:4] == ["1", "2", "2"] and rows["annales"][6] == "100.0"
    assert rows[where][1:4] == ["1", "2", "100.0"] and rows["all"][1:4] == ["1", "2", "100.0"]
    assert "TimeML problem" not in out and "TimeML problems" not in out
    assert "WikiWarsDE      value F1 78.7" in out


def test_missing_heideltime_is_explained(tmp_path: Path) -> None:
    why = bench_time.heideltime_missing(tmp_path / "nowhere" / "bin" / "python")
    assert why is not None and "setup.sh" in why


DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.mark.skipif(not (DATA / "wikiwars-en").is_dir(), reason="evaluation data not beside the project")
def test_time_engine_meets_its_floors_on_the_evaluation_corpora(capsys: pytest.CaptureFixture[str]) -> None:
    """annales alone, through ``annales.cli.main`` as ``annales times --format timeml`` runs it, on every document of the
    four corpora (all and held-out half), against bench/baseline.json (a quality gate)."""
    figures = bench_time.bench(DATA, bench_time.CORPORA, 0, None, 60.0, 0)
    capsys.readouterr()
    assert set(figures) == {f"{c.name}_{part}value_f1" for c in bench_time.CORPORA for part in ("", "heldout_")}
    assert check_floors("time", dict(figures), width=32, digits=1) == 0, capsys.readouterr().out
