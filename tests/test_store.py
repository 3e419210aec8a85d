"""The SQLite store (annales.store), against real database files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
import json
import os
import selectors
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import annales.store.write as write_module
from annales.errors import StoreError
from annales.records import (
    Basis,
    Claim,
    Conflict,
    Document,
    Entity,
    Event,
    LayoutBlock,
    Mention,
    Participant,
    Span,
    TimeValue,
)
from annales.serialize import claim_to_dict
from annales.store import Store
from annales.store.migrations import MIGRATIONS, Migration, apply_migrations, register_functions, sql

EN_TEXT = (
    "Napoleon was crowned emperor in Paris on 2 December 1804. "
    "The following year he defeated the allied armies at Austerlitz. "
    "In March 1815 he came back from Elba and marched on Paris."
)
FR_TEXT = "Bonaparte fut sacré empereur à Paris le 2 décembre 1804, en présence du pape."


def span_of(text: str, quote: str) -> Span:
    start = text.index(quote)
    span = Span(start, start + len(quote))
    assert text[span.start : span.end] == quote
    return span


def make_doc(name: str, text: str) -> Document:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(name=name, text=text, sha256=sha, media_type="text/plain", encoding="utf-8")


def year(y: int, basis: Basis = "explicit") -> TimeValue:
    return TimeValue(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", str(y), str(y), basis=basis)


def month(y: int, m: int) -> TimeValue:
    last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return TimeValue(dt.date(y, m, 1), dt.date(y, m, last), "month", f"{y}-{m:02}", f"{y}-{m:02}")


def day(y: int, m: int, d: int) -> TimeValue:
    when = dt.date(y, m, d)
    return TimeValue(when, when, "day", when.isoformat(), when.isoformat())


def make_claim(
    doc: Document,
    quote: str,
    type: str,
    who: str,
    entity: str | None,
    time: TimeValue | None,
    *,
    lang: str = "en",
    place: str | None = None,
) -> Claim:
    span = span_of(doc.text, quote)
    who_span = span_of(doc.text, who)
    place_part = None
    if place is not None:
        place_part = Participant("place", place, span_of(doc.text, place), place.lower())
    return Claim(
        id=f"{doc.id}:{span.start}:{type}",
        doc=doc.name,
        doc_id=doc.id,
        lang=lang,
        span=span,
        quote=doc.text[span.start : span.end],
        type=type,
        predicate=type,
        participants=(Participant("agent", who, who_span, entity),),
        time=time,
        place=place_part,
        confidence=0.8,
    )


NAPOLEON = Entity("napoleon", "Napoleon", "PER", ("Bonaparte", "Napoléon"), "Q517")


def en_records() -> tuple[Document, list[Claim], list[Mention]]:
    doc = make_doc("napoleon.txt", EN_TEXT)
    claims = [
        make_claim(
            doc,
            "Napoleon was crowned emperor in Paris on 2 December 1804",
            "coronation",
            "Napoleon",
            "napoleon",
            day(1804, 12, 2),
            place="Paris",
        ),
        make_claim(
            doc,
            "The following year he defeated the allied armies at Austerlitz",
            "battle",
            "he",
            "napoleon",
            year(1805, "relative"),
        ),
        make_claim(doc, "In March 1815 he came back from Elba", "return", "he", "napoleon", month(1815, 3)),
        make_claim(doc, "marched on Paris", "march", "Paris", None, None),
    ]
    mentions = [
        Mention(span_of(EN_TEXT, "Napoleon"), "Napoleon", "PER", "napoleon"),
        Mention(span_of(EN_TEXT, "Elba"), "Elba", "LOC", None),
    ]
    return doc, claims, mentions


def fr_records() -> tuple[Document, list[Claim]]:
    doc = make_doc("bonaparte.txt", FR_TEXT)
    claims = [
        make_claim(
            doc,
            "Bonaparte fut sacré empereur à Paris le 2 décembre 1804",
            "coronation",
            "Bonaparte",
            "napoleon",
            day(1804, 12, 2),
            lang="fr",
        )
    ]
    return doc, claims


@pytest.fixture()
def filled(tmp_path: Path) -> Store:
    store = Store(tmp_path / "annales.db")
    doc, claims, mentions = en_records()
    assert store.add_document(doc, lang="en", claims=claims, mentions=mentions, entities=[NAPOLEON])
    fr_doc, fr_claims = fr_records()
    assert store.add_document(fr_doc, lang="fr", claims=fr_claims, mentions=[], entities=[])
    return store


# -- documents and claims -------------------------------------------------------


def test_store_document_round_trip(tmp_path: Path) -> None:
    doc, claims, mentions = en_records()
    doc = dataclasses.replace(
        doc,
        path="/corpus/napoleon.txt",
        title="Napoleon",
        meta=(("source", "written for tests"),),
        layout=(LayoutBlock(Span(0, 10), 1, (0.0, 1.5, 200.0, 20.25)),),
    )
    with Store(tmp_path / "a.db") as store:
        assert not store.has_document(doc.sha256)
        added = store.add_document(
            doc, lang="en", claims=claims, mentions=mentions, entities=[NAPOLEON], repaired_text=EN_TEXT.upper()
        )
        assert added and store.has_document(doc.sha256)
    with Store(tmp_path / "a.db") as store:
        [row] = store.documents()
        assert row["id"] == doc.id == doc.sha256[:16]
        assert row["name"] == "napoleon.txt" and row["lang"] == "en" and row["chars"] == len(EN_TEXT)
        assert {"sha256", "media_type", "encoding", "ingested_at"} <= set(row)
        assert store.document_text(doc.id) == EN_TEXT
        assert store.document_text("napoleon.txt", repaired=True) == EN_TEXT.upper()
        assert store.document(doc.id) == doc
        assert store.mentions(doc.id) == mentions
        assert sorted(store.claims(), key=lambda c: c.id) == sorted(claims, key=lambda c: c.id)
        assert store.entities() == [NAPOLEON]


def test_store_unknown_document_names_it(filled: Store) -> None:
    with pytest.raises(StoreError, match="nowhere.txt"):
        filled.document_text("nowhere.txt")


def test_store_re_add_is_idempotent(filled: Store) -> None:
    before = filled.counts()
    assert before == {"documents": 2, "claims": 5, "mentions": 2, "entities": 1, "events": 0, "conflicts": 0}
    doc, claims, mentions = en_records()
    again = dataclasses.replace(doc, name="copy-of-napoleon.txt")  # same content under another name
    added = filled.add_document(again, lang="en", claims=claims, mentions=mentions, entities=[NAPOLEON])
    assert added is False
    assert filled.counts() == before
    assert [d["name"] for d in filled.documents()] == ["napoleon.txt", "bonaparte.txt"]


def test_store_rejects_claim_whose_span_does_not_hold_its_quote(tmp_path: Path) -> None:
    doc, claims, _ = en_records()
    bad = dataclasses.replace(claims[0], quote="Napoleon was not crowned")
    with Store(tmp_path / "a.db") as store:
        with pytest.raises(ValueError, match="napoleon.txt"):
            store.add_document(doc, lang="en", claims=[bad], mentions=[], entities=[])
        assert store.counts()["documents"] == 0


def test_store_failure_mid_transaction_rolls_back(filled: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = filled.counts()

    def explode() -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setenv(write_module.STALL_ENV, "1")
    monkeypatch.setattr(write_module, "_stall", explode)
    text = "The Congress of Vienna opened in September 1814."
    doc = make_doc("vienna.txt", text)
    claims = [
        make_claim(doc, "The Congress of Vienna opened in September 1814", "opening", "Congress of Vienna", None, month(1814, 9))
    ]
    with pytest.raises(RuntimeError):
        filled.add_document(doc, lang="en", claims=claims, mentions=[], entities=[Entity("vienna", "Vienna", "LOC")])
    assert filled.counts() == before
    assert not filled.has_document(doc.sha256)


_counter = itertools.count()


@st.composite
def claim_sets(draw: st.DrawFn) -> tuple[str, list[Claim]]:
    """A text and claims over it whose spans, times and participants are random."""
    text = draw(st.text(min_size=1, max_size=80))

    def spans() -> st.SearchStrategy[Span]:
        return st.integers(0, len(text)).flatmap(lambda s: st.integers(s, len(text)).map(lambda e: Span(s, e)))

    dates = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))

    @st.composite
    def times(draw: st.DrawFn) -> TimeValue:
        a, b = sorted([draw(dates), draw(dates)])
        return TimeValue(
            draw(st.none() | st.just(a)),
            draw(st.none() | st.just(b)),
            draw(st.sampled_from(["day", "month", "year", "decade", "unknown"])),
            draw(st.text(max_size=8)),
            draw(st.text(max_size=8)),
            draw(st.sampled_from(["gregorian", "julian"])),
            draw(st.sampled_from(["explicit", "relative", "narrative"])),
            draw(st.none() | spans()),
        )

    participants = st.builds(
        Participant,
        role=st.sampled_from(["agent", "patient", "place"]),
        name=st.text(min_size=1, max_size=10),
        span=spans(),
        entity=st.none() | st.text(min_size=1, max_size=6),
    )
    claims = []
    for index in range(draw(st.integers(0, 4))):
        span = draw(spans())
        claims.append(
            Claim(
                id=f"c{index}",
                doc="random.txt",
                doc_id="",
                lang=draw(st.sampled_from(["en", "fr", "de"])),
                span=span,
                quote=text[span.start : span.end],
                type=draw(st.sampled_from(["birth", "death", "exile"])),
                predicate=draw(st.text(max_size=8)),
                participants=tuple(draw(st.lists(participants, max_size=3))),
                time=draw(st.none() | times()),
                time_text=draw(st.none() | st.text(max_size=10)),
                time_span=draw(st.none() | spans()),
                place=draw(st.none() | participants),
                confidence=draw(st.floats(0, 1)),
                qualifiers=tuple(draw(st.lists(st.text(max_size=5), max_size=2))),
            )
        )
    return text, claims


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_sets())
def test_store_claims_round_trip_losslessly(tmp_path_factory: pytest.TempPathFactory, data: tuple[str, list[Claim]]) -> None:
    text, drawn = data
    # A fresh name per example: one database serves all of them.
    db = tmp_path_factory.getbasetemp() / "hypothesis.db"
    doc = make_doc(f"random-{next(_counter)}.txt", text)
    doc = dataclasses.replace(doc, sha256=hashlib.sha256(f"{doc.name}{text}".encode()).hexdigest())
    claims = [dataclasses.replace(c, id=f"{doc.id}-{c.id}", doc_id=doc.id) for c in drawn]
    for claim in claims:
        assert text[claim.span.start : claim.span.end] == claim.quote
    with Store(db) as store:
        assert store.add_document(doc, lang="en", claims=claims, mentions=[], entities=[])
        loaded = store.claims(doc=doc.id)
    assert sorted(loaded, key=lambda c: c.id) == sorted(claims, key=lambda c: c.id)


# -- filters ------------------------------------------------------------------


def test_store_claims_ordered_by_time_then_doc_then_span(filled: Store) -> None:
    got = [(c.doc, c.type) for c in filled.claims()]
    assert got == [
        ("bonaparte.txt", "coronation"),
        ("napoleon.txt", "coronation"),
        ("napoleon.txt", "battle"),
        ("napoleon.txt", "return"),
        ("napoleon.txt", "march"),  # the undated claim comes last
    ]


@pytest.mark.parametrize(
    ("entity", "types"),
    [
        ("napoleon", ["coronation", "coronation", "battle", "return"]),  # entity id
        ("Napoleon", ["coronation", "coronation", "battle", "return"]),  # entity name
        ("BONAPARTE", ["coronation", "coronation", "battle", "return"]),  # alias, any case
        ("napoléon", ["coronation", "coronation", "battle", "return"]),
        ("he", ["battle", "return"]),  # participant name only
        ("Wellington", []),
    ],
)
def test_store_claims_by_entity_id_name_or_alias(filled: Store, entity: str, types: list[str]) -> None:
    assert [c.type for c in filled.claims(entity=entity)] == types


def test_store_claims_by_place_entity(filled: Store) -> None:
    assert [c.type for c in filled.claims(entity="paris")] == ["coronation", "march"]


def test_store_claims_by_type_doc_and_lang(filled: Store) -> None:
    assert len(filled.claims(type="coronation")) == 2
    assert [c.lang for c in filled.claims(lang="fr")] == ["fr"]
    assert {c.doc for c in filled.claims(doc="napoleon.txt")} == {"napoleon.txt"}
    assert len(filled.claims(doc=make_doc("x", FR_TEXT).id)) == 1
    assert filled.claims(type="coronation", lang="en")[0].doc == "napoleon.txt"


@pytest.mark.parametrize(
    ("start", "end", "types"),
    [
        (dt.date(1805, 6, 1), dt.date(1805, 6, 30), ["battle"]),  # inside the year 1805
        (dt.date(1815, 3, 31), None, ["return"]),  # last day of March 1815
        (None, dt.date(1804, 12, 2), ["coronation", "coronation"]),
        (dt.date(1804, 12, 3), dt.date(1815, 2, 28), ["battle"]),
        (dt.date(1700, 1, 1), dt.date(1800, 1, 1), []),
    ],
)
def test_store_claims_by_time_overlap(filled: Store, start: dt.date | None, end: dt.date | None, types: list[str]) -> None:
    assert [c.type for c in filled.claims(start=start, end=end)] == types


def test_store_claims_pagination(filled: Store) -> None:
    everything = filled.claims()
    pages = [filled.claims(limit=2, offset=o) for o in (0, 2, 4)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [c for page in pages for c in page] == everything
    assert filled.claims(limit=2, offset=10) == []


# -- entities, events and conflicts -------------------------------------------------


def test_store_upsert_entities_merges_aliases(filled: Store) -> None:
    filled.upsert_entities(
        [
            Entity("napoleon", "Napoleon I", "PER", ("Boney", "Bonaparte")),
            Entity("elba", "Elba", "LOC", ("Île d'Elbe",)),
        ]
    )
    by_id = {e.id: e for e in filled.entities()}
    assert by_id["napoleon"] == Entity("napoleon", "Napoleon", "PER", ("Bonaparte", "Napoléon", "Napoleon I", "Boney"), "Q517")
    assert by_id["elba"] == Entity("elba", "Elba", "LOC", ("Île d'Elbe",))


def test_store_replace_events_round_trip(filled: Store) -> None:
    coronations = filled.claims(type="coronation")
    event = Event("e1", "coronation", day(1804, 12, 2), tuple(coronations), ("bonaparte.txt", "napoleon.txt"), 2)
    other = Event("e2", "battle", None, tuple(filled.claims(type="battle")), ("napoleon.txt",), 1)
    conflict = Conflict("k1", "date", "1804 against 1805", tuple(coronations), "e1")
    filled.replace_events([event, other], [conflict])
    assert filled.events() == [event, other]
    assert filled.conflicts() == [conflict]
    assert filled.counts()["events"] == 2
    filled.replace_events([other], [])
    assert filled.events() == [other] and filled.conflicts() == []
    path = filled.path
    filled.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM event_claims").fetchone()[0] == 1


# -- the file: WAL, migrations, bad files ---------------------------------------------


def test_store_uses_wal(tmp_path: Path) -> None:
    Store(tmp_path / "a.db").close()
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_store_migrations_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    first = conn.execute("SELECT name, applied_at FROM migrations").fetchall()
    assert (
        [name for name, _ in first]
        == [m.name for m in MIGRATIONS]
        == [
            "0001_initial",
            "0002_event_keys",
            "0003_search",
            "0004_event_summaries",
            "0005_claim_filters",
            "0006_unasserted_claims",
        ]
    )
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    conn.close()
    with Store(db) as store:
        assert store.counts()["documents"] == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT name, applied_at FROM migrations").fetchall() == first
    conn.close()


def test_store_migrations_apply_only_new_ones_and_fail_whole(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    shipped = [m.name for m in MIGRATIONS]
    extra = [*MIGRATIONS, Migration("9001_notes", sql("CREATE TABLE notes (text TEXT);\n"))]
    assert apply_migrations(conn, extra) == [*shipped, "9001_notes"]
    assert apply_migrations(conn, extra) == []
    failing = sql("CREATE TABLE half (x);\nINSERT INTO missing VALUES (1);\n")
    broken = [*extra, Migration("9002_broken", failing)]
    with pytest.raises(sqlite3.OperationalError):
        apply_migrations(conn, broken)
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None
    assert [r[0] for r in conn.execute("SELECT name FROM migrations")] == [*shipped, "9001_notes"]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(shipped) + 1
    conn.close()


def test_store_events_from_before_the_event_index_are_reconciled_whole(tmp_path: Path) -> None:
    # A database written before 0002_event_keys: its events have no keys, so the next ingest recomputes all.
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    apply_migrations(conn, MIGRATIONS[:1])
    conn.execute("INSERT INTO events (id, type, data) VALUES ('evt_old', 'death', '{}')")
    conn.close()
    with Store(db) as store:
        assert not store.events_indexed()
        store.replace_events([], [])
        assert store.events_indexed() and store.counts()["events"] == 0


def test_store_rejects_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("These are notes about the Congress of Vienna, not a database.\n" * 20)
    with pytest.raises(StoreError, match="notes.txt") as error:
        Store(path)
    assert "not an SQLite database" in str(error.value)
    assert path.read_text().startswith("These are notes")


def test_store_rejects_another_programs_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    with pytest.raises(StoreError, match="other.db.*not an annales one"):
        Store(path)


def test_store_rejects_folder_and_missing_parent(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing" / "a.db")


# -- atomicity: a process killed mid-transaction leaves nothing half-written ---------

CHILD = """
import json, sys
import annales.store.write as write_module
from annales.records import Document
from annales.store import Store
from annales.serialize import claim_from_dict

spec = json.loads(sys.argv[1])
store = Store(spec["db"])
doc = Document(**spec["doc"])
claims = [claim_from_dict(c) for c in spec["claims"]]
wait = write_module._stall

def announce():
    # Same connection, so it sees the rows written so far in the open transaction.
    count = store._conn.execute("SELECT COUNT(*) FROM claims WHERE doc_id = ?", (doc.id,)).fetchone()[0]
    print("stalled", count, flush=True)
    wait()

write_module._stall = announce
store.add_document(doc, lang="en", claims=claims, mentions=[], entities=[])
print("finished", flush=True)
"""


def test_store_add_document_killed_mid_transaction_leaves_nothing(filled: Store, tmp_path: Path) -> None:
    before = filled.counts()
    earlier = filled.claims()
    db = filled.path
    filled.close()
    text = "Waterloo was fought on 18 June 1815. Napoleon abdicated on 22 June 1815. He sailed to Saint Helena."
    doc = make_doc("waterloo.txt", text)
    claims = [
        make_claim(doc, "Waterloo was fought on 18 June 1815", "battle", "Waterloo", None, day(1815, 6, 18)),
        make_claim(doc, "Napoleon abdicated on 22 June 1815", "abdication", "Napoleon", "napoleon", day(1815, 6, 22)),
        make_claim(doc, "He sailed to Saint Helena", "exile", "He", "napoleon", None),
    ]
    spec = {
        "db": db,
        "doc": {f.name: getattr(doc, f.name) for f in dataclasses.fields(doc) if f.name not in ("meta", "layout")},
        "claims": [claim_to_dict(c) for c in claims],
    }
    env = {**os.environ, write_module.STALL_ENV: "2"}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, json.dumps(spec)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        selector = selectors.DefaultSelector()
        selector.register(child.stdout, selectors.EVENT_READ)  # type: ignore[arg-type]
        assert selector.select(timeout=30), "the child never reached the stall"
        assert child.stdout is not None
        assert child.stdout.readline().split() == ["stalled", "2"]
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.communicate()
    assert child.returncode == -signal.SIGKILL

    with Store(db) as store:
        assert not store.has_document(doc.sha256)
        assert store.claims(doc=doc.id) == []
        assert store.counts() == before
        assert store.claims() == earlier
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The killed ingest did not poison the file: the same document goes in cleanly now.
        assert store.add_document(doc, lang="en", claims=claims, mentions=[], entities=[])
        assert len(store.claims(doc=doc.id)) == 3


def test_store_lists_the_asserted_claims_from_before_the_unasserted_table(tmp_path: Path) -> None:
    # A database written before 0006_unasserted_claims: the migration reads the qualifiers of the stored claims.
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    register_functions(conn)
    apply_migrations(conn, MIGRATIONS[:5])
    conn.execute(
        "INSERT INTO documents (id, name, sha256, media_type, encoding, text, chars, ingested_at)"
        " VALUES ('d', 'd.txt', 'h', 't', 'utf-8', 'x', 1, '2026-01-01')"
    )
    for ident, qualifiers in (("c1", []), ("c2", ["hypothetical"]), ("c3", ["unique:first"])):
        data = json.dumps({"id": ident, "qualifiers": qualifiers})
        conn.execute(
            "INSERT INTO claims (id, doc_id, doc, span_start, span_end, quote, type, predicate, lang, confidence, data)"
            " VALUES (?, 'd', 'd.txt', 0, 1, 'x', 'death', 'die', 'en', 0.5, ?)",
            (ident, data),
        )
    apply_migrations(conn, MIGRATIONS)
    assert [row[0] for row in conn.execute("SELECT claim_id FROM unasserted_claims")] == ["c2"]
    conn.close()
