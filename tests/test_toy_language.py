"""A language added with data files alone: a toy Esperanto, outside the package, run through the real CLI.

Esperanto has no spaCy pipeline and no data in annales: its folder below holds a time, an event, a
claims, a names and a repair file, and ``ANNALES_LANG_PATH`` points at it. Nothing in Python changes:
the language is identified, its dates read and its events typed. (Without a named-entity model for the
language, the claims have no participants: names come with a model, see ``data/models.yaml``.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TOY = {
    "time.yaml": """
language: eo
months: [[januaro], [februaro], [marto], [aprilo], [majo], [junio], [julio], [aŭgusto], [septembro], [oktobro],
         [novembro], [decembro]]
units: {day: [tago, tagoj], month: [monato, monatoj], year: [jaro, jaroj]}
words: {next: [sekva, sekvan], prev: [antaŭa, antaŭan]}
prepositions: [en, je]
patterns:
  - {kind: date, pattern: "(?:la )?{day}-?an de {month} {year}"}
  - {kind: month_year, pattern: "{month} {year}"}
  - {kind: year, pattern: "{year}"}
""",
    "events.yaml": """
lang: eo
types:
  birth: {forms: [naskiĝis]}
  death: {forms: [mortis]}
  publication: {forms: [publikigis, eldonis]}
negation: [ne]
""",
    "claims.yaml": """
pronoun_gender: {li: m, ŝi: f}
personal_pronouns: [li, ŝi]
""",
    "names.yaml": """
titles: [doktoro, sinjoro]
determiners: [la, de]
locatives: [en]
""",
    "repair.yaml": """
lang: eo
compound_prefixes: [ne, mal]
page_words: [paĝo]
""",
}

TEXT = """Ludoviko Zamenhof naskiĝis la 15-an de decembro 1859 en Bjalistoko, kie li vivis kun sia familio.
Post longa laboro Zamenhof publikigis la unuan libron pri la nova lingvo en julio 1887 en Varsovio.
La kuracisto Zamenhof mortis la 14-an de aprilo 1917 en Varsovio, dum la granda milito.
"""


@pytest.fixture
def toy_language(tmp_path: Path) -> Path:
    folder = tmp_path / "languages" / "eo"
    folder.mkdir(parents=True)
    for name, content in TOY.items():
        (folder / name).write_text(content.lstrip(), encoding="utf-8")
    return folder.parent


def _annales(*args: str, lang_path: Path) -> subprocess.CompletedProcess[str]:
    exe = str(Path(sys.executable).with_name("annales"))
    env = {**os.environ, "ANNALES_LANG_PATH": str(lang_path)}
    return subprocess.run([exe, *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.slow
def test_toy_language_from_data_alone_gives_dated_claims(tmp_path: Path, toy_language: Path) -> None:
    source = tmp_path / "zamenhof.txt"
    source.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "toy.db")

    times = _annales("times", str(source), "--format", "jsonl", lang_path=toy_language)
    assert times.returncode == 0, times.stderr
    values = [json.loads(line)["value"] for line in times.stdout.splitlines()]
    assert values == ["1859-12-15", "1887-07", "1917-04-14"]

    ingest = _annales("ingest", str(source), "--db", db, "--quiet", lang_path=toy_language)
    assert ingest.returncode == 0, ingest.stderr
    listed = _annales("claims", "--db", db, "--format", "jsonl", lang_path=toy_language)
    claims = [json.loads(line) for line in listed.stdout.splitlines()]
    got = {(c["lang"], c["type"], c["predicate"], c["time"]["start"], c["time"]["end"]) for c in claims}
    assert got == {
        ("eo", "birth", "naskiĝis", "1859-12-15", "1859-12-15"),
        ("eo", "publication", "publikigis", "1887-07-01", "1887-07-31"),
        ("eo", "death", "mortis", "1917-04-14", "1917-04-14"),
    }
    for claim in claims:
        assert TEXT[claim["span"][0] : claim["span"][1]] == claim["quote"]
        assert claim["predicate"] in claim["quote"] and claim["time"]["text"] in claim["quote"]


@pytest.mark.slow
def test_toy_language_typo_in_its_data_is_named(tmp_path: Path, toy_language: Path) -> None:
    (toy_language / "eo" / "events.yaml").write_text("lang: eo\ntypes: {}\nnegaton: [ne]\n", encoding="utf-8")
    source = tmp_path / "x.txt"
    source.write_text(TEXT, encoding="utf-8")
    run = _annales("ingest", str(source), "--db", str(tmp_path / "t.db"), "--lang", "eo", lang_path=toy_language)
    assert run.returncode != 0
    assert "events.yaml" in run.stderr and "negaton" in run.stderr
