"""Filtered pages of claims (Store.claims_json) against the same filters applied in Python to every claim.

The store's query reads the claims' order off indexes in runs (claims that started before a date
filter's start, found by interval length; claims within the window; claims with only an end), and
gathers an entity's claims first or finds them in order: every combination must give the page a plain
filter-and-sort over all claims gives, whatever the page's offset and size.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import annales.store.claims_query as claims_query_module
from annales.records import Claim, Document, Entity, Participant, Span, TimeValue
from annales.serialize import claim_to_dict
from annales.store import Store
from annales.store.migrations import MIGRATIONS, apply_migrations

TYPES = ("birth", "death", "exile", "treaty")
PEOPLE = [
    ("ent_lenin", "Lenin", ("Lénine", "Vladimir Ilitch")),
    ("ent_trotsky", "Trotsky", ("Trotski",)),
    ("ent_stalin", "Stalin", ("Staline",)),
    ("ent_zinoviev", "Zinoviev", ()),
]
PLACES = [("ent_moscow", "Moscow", ("Moscou",)), ("ent_alma_ata", "Alma-Ata", ())]


def _time(rng: random.Random) -> TimeValue | None:
    """Every shape a claim's time takes: a day to a century, an open start or end, or none."""
    shape = rng.choice(("day", "month", "year", "decade", "century", "open_end", "open_start", "none"))
    day = dt.date(1850, 1, 1) + dt.timedelta(days=rng.randrange(120 * 365))
    if shape == "none":
        return None
    if shape == "open_end":
        return TimeValue(day, None, "day", f"{day}/..", f"{day}/..")
    if shape == "open_start":
        return TimeValue(None, day, "day", f"../{day}", f"../{day}")
    length = {"day": 0, "month": 30, "year": 364, "decade": 3652, "century": 36524}[shape]
    end = day + dt.timedelta(days=length)
    return TimeValue(day, end, "day", day.isoformat(), day.isoformat())


def _documents(rng: random.Random, count: int = 6, claims_each: int = 70) -> list[tuple[Document, list[Claim]]]:
    made = []
    for number in range(count):
        sentences = [f"Sentence {i} of document {number}." for i in range(claims_each)]
        text = " ".join(sentences)
        doc = Document(
            name=f"doc{number}.txt",
            text=text,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            media_type="text/plain",
            encoding="utf-8",
        )
        claims = []
        for i, sentence in enumerate(sentences):
            start = text.index(sentence)
            people = rng.sample(PEOPLE, rng.randint(0, 2))
            # Some participants are unresolved names, in another case than the entity's.
            participants = tuple(
                Participant(
                    "agent",
                    name.upper() if rng.random() < 0.2 else name,
                    Span(start, start + 1),
                    None if rng.random() < 0.2 else ident,
                )
                for ident, name, _ in people
            )
            where = rng.choice([None, *PLACES])
            place = Participant("place", where[1], Span(start, start + 1), where[0]) if where else None
            claims.append(
                Claim(
                    id=f"{doc.id}-{i:03}",
                    doc=doc.name,
                    doc_id=doc.id,
                    lang=("en", "fr", "de")[number % 3],
                    span=Span(start, start + len(sentence)),
                    quote=sentence,
                    type=rng.choice(TYPES),
                    predicate="p",
                    participants=participants,
                    time=_time(rng),
                    place=place,
                )
            )
        made.append((doc, claims))
    return made


def _entities() -> list[Entity]:
    return [Entity(ident, name, "PER", aliases) for ident, name, aliases in PEOPLE] + [
        Entity(ident, name, "LOC", aliases) for ident, name, aliases in PLACES
    ]


def _order(claim: Claim) -> tuple[object, ...]:
    start = claim.time.start if claim.time else None
    end = claim.time.end if claim.time else None
    return (
        start is None,
        start or dt.date.min,
        end is not None,
        end or dt.date.min,
        claim.doc,
        claim.span.start,
        claim.span.end,
        claim.id,
    )


def _expected(
    claims: list[Claim],
    *,
    entity: str | None = None,
    type: str | None = None,
    doc: str | None = None,
    lang: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Claim]:
    """The filters of Store.claims, applied to every claim one by one."""
    kept = []
    for claim in claims:
        if type is not None and claim.type != type:
            continue
        if lang is not None and claim.lang != lang:
            continue
        if doc is not None and doc not in (claim.doc, claim.doc_id):
            continue
        if entity is not None:
            folded = entity.casefold()
            known = {
                ident for ident, name, aliases in PEOPLE + PLACES if folded in {n.casefold() for n in (ident, name, *aliases)}
            }
            people = [*claim.participants, *([claim.place] if claim.place else [])]
            if not any(p.name.casefold() == folded or p.entity == entity or p.entity in known for p in people):
                continue
        if start is not None or end is not None:
            if claim.time is None or (claim.time.start is None and claim.time.end is None):
                continue
            if start is not None and claim.time.end is not None and claim.time.end < start:
                continue
            if end is not None and claim.time.start is not None and claim.time.start > end:
                continue
        kept.append(claim)
    return sorted(kept, key=_order)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[Claim]]:
    store = Store(tmp_path_factory.mktemp("queries") / "q.db")
    everything: list[Claim] = []
    for doc, claims in _documents(random.Random(11)):
        assert store.add_document(doc, lang=claims[0].lang, claims=claims, mentions=[], entities=_entities())
        everything.extend(claims)
    return store, everything


def _random_filters(rng: random.Random) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    if rng.random() < 0.4:
        ident, name, aliases = rng.choice(PEOPLE + PLACES)
        filters["entity"] = rng.choice([ident, name, name.lower(), *aliases, "Nobody"])
    if rng.random() < 0.4:
        filters["type"] = rng.choice(TYPES)
    if rng.random() < 0.3:
        filters["lang"] = rng.choice(("en", "fr", "de"))
    if rng.random() < 0.2:
        filters["doc"] = f"doc{rng.randrange(7)}.txt"
    if rng.random() < 0.6:
        low = dt.date(1840, 1, 1) + dt.timedelta(days=rng.randrange(140 * 365))
        high = low + dt.timedelta(days=rng.choice((0, 31, 365, 3650, 40000)))
        side = rng.choice(("both", "from", "to"))
        filters["start"] = low if side != "to" else None
        filters["end"] = high if side != "from" else None
    return filters


def test_filtered_pages_equal_filtering_every_claim(corpus: tuple[Store, list[Claim]]) -> None:
    store, claims = corpus
    rng = random.Random(5)
    nonempty = 0
    for _ in range(300):
        filters = _random_filters(rng)
        expected = [c.id for c in _expected(claims, **filters)]
        nonempty += bool(expected)
        whole = [json.loads(t)["id"] for t in store.claims_json(**filters)]
        assert whole == expected, filters
        offset, limit = rng.randrange(len(expected) + 3), rng.randint(1, 40)
        page = [json.loads(t)["id"] for t in store.claims_json(**filters, limit=limit, offset=offset)]
        assert page == expected[offset : offset + limit], (filters, offset, limit)
    assert nonempty > 200  # the filters are not so narrow that nothing is compared


def test_an_entity_with_many_claims_is_found_in_order(corpus: tuple[Store, list[Claim]], monkeypatch: pytest.MonkeyPatch) -> None:
    # Above _FEW_CLAIMS the entity's claims are not gathered first but found while reading the order.
    store, claims = corpus
    monkeypatch.setattr(claims_query_module, "_FEW_CLAIMS", 3)
    for filters in (
        {"entity": "Lénine"},
        {"entity": "moscow", "type": "exile"},
        {"entity": "Trotsky", "start": dt.date(1900, 1, 1), "end": dt.date(1930, 12, 31)},
    ):
        expected = [c.id for c in _expected(claims, **filters)]
        assert len(expected) > 3
        assert [json.loads(t)["id"] for t in store.claims_json(**filters)] == expected
        page = store.claims_json(**filters, limit=5, offset=2)
        assert [json.loads(t)["id"] for t in page] == expected[2:7]


def test_claims_json_is_the_claim_as_the_contract_prints_it(corpus: tuple[Store, list[Claim]]) -> None:
    store, claims = corpus
    by_id = {c.id: c for c in claims}
    for text in store.claims_json(limit=50):
        data = json.loads(text)
        assert data == claim_to_dict(by_id[data["id"]])


def test_a_store_from_before_the_claim_filters_is_migrated(tmp_path: Path) -> None:
    # A database at 0004: claims without time_class, participants without folded names, no entity_names.
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    apply_migrations(conn, MIGRATIONS[:4])
    ((doc, claims),) = _documents(random.Random(3), count=1, claims_each=40)
    conn.execute(
        "INSERT INTO documents (id, name, sha256, media_type, encoding, text, chars, ingested_at)"
        " VALUES (?, ?, ?, 'text/plain', 'utf-8', ?, ?, '2026-01-01')",
        (doc.id, doc.name, doc.sha256, doc.text, len(doc.text)),
    )
    for entity in _entities():
        conn.execute(
            "INSERT INTO entities (id, name, label, aliases) VALUES (?, ?, ?, ?)",
            (entity.id, entity.name, entity.label, json.dumps(list(entity.aliases))),
        )
    for claim in claims:
        start = claim.time.start.isoformat() if claim.time and claim.time.start else None
        end = claim.time.end.isoformat() if claim.time and claim.time.end else None
        conn.execute(
            "INSERT INTO claims (id, doc_id, doc, span_start, span_end, quote, type, predicate, lang,"
            " time_start, time_end, confidence, data) VALUES (?, ?, ?, ?, ?, ?, ?, 'p', ?, ?, ?, 0.5, ?)",
            (
                claim.id,
                doc.id,
                doc.name,
                claim.span.start,
                claim.span.end,
                claim.quote,
                claim.type,
                claim.lang,
                start,
                end,
                json.dumps(claim_to_dict(claim)),
            ),
        )
        for p in [*claim.participants, *([claim.place] if claim.place else [])]:
            conn.execute(
                "INSERT INTO claim_participants (claim_id, role, name, entity_id) VALUES (?, ?, ?, ?)",
                (claim.id, p.role, p.name, p.entity),
            )
    conn.close()
    with Store(db) as store:
        assert store.schema()[-1] == MIGRATIONS[-1].name
        for filters in (
            {"entity": "lénine"},
            {"entity": "Staline", "start": dt.date(1900, 1, 1)},
            {"type": "death", "end": dt.date(1920, 1, 1)},
            {},
        ):
            expected = [c.id for c in _expected(claims, **filters)]
            assert [json.loads(t)["id"] for t in store.claims_json(**filters)] == expected, filters


def test_entities_added_later_are_found_by_their_new_aliases(tmp_path: Path) -> None:
    ((doc, claims),) = _documents(random.Random(4), count=1, claims_each=30)
    with Store(tmp_path / "a.db") as store:
        store.add_document(doc, lang="en", claims=claims, mentions=[], entities=_entities())
        lenin = next(c for c in claims if any(p.entity == "ent_lenin" for p in c.participants))
        assert lenin.id not in [json.loads(t)["id"] for t in store.claims_json(entity="Ульянов")]
        store.upsert_entities([dataclasses.replace(_entities()[0], aliases=("Ульянов",))])
        assert lenin.id in [json.loads(t)["id"] for t in store.claims_json(entity="ульянов")]


@pytest.mark.parametrize("writer", ["same store", "another process's store"])
def test_a_new_length_of_interval_is_seen_after_a_write(tmp_path: Path, writer: str) -> None:
    # The time classes a date filter seeks are cached until the database changes, whoever changes it.
    rng = random.Random(8)
    (doc, claims), (later_doc, later_claims) = _documents(rng, count=2, claims_each=5)
    days = [
        dataclasses.replace(c, time=TimeValue(dt.date(1900, 1, 2), dt.date(1900, 1, 2), "day", "1900-01-02", "1900-01-02"))
        for c in claims
    ]
    century = dataclasses.replace(
        later_claims[0], time=TimeValue(dt.date(1801, 1, 1), dt.date(1900, 12, 31), "century", "18", "18")
    )
    db = tmp_path / "a.db"
    with Store(db) as reader:
        reader.add_document(doc, lang="en", claims=days, mentions=[], entities=[])
        start, end = dt.date(1850, 1, 1), dt.date(1850, 12, 31)
        assert reader.claims_json(start=start, end=end) == []
        if writer == "same store":
            reader.add_document(later_doc, lang="en", claims=[century], mentions=[], entities=[])
        else:
            with Store(db) as other:
                other.add_document(later_doc, lang="en", claims=[century], mentions=[], entities=[])
        assert [json.loads(t)["id"] for t in reader.claims_json(start=start, end=end)] == [century.id]
