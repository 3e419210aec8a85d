"""Check that the bundled sample corpus and its gold annotations agree.

Fast and model-free: it reads ``samples/napoleon/gold.yaml`` and the documents
beside it, and checks the gold against the bytes on disk, so that a scoring run
never fails (or silently scores nothing) because of a typo in the gold.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "samples" / "napoleon"
GOLD = CORPUS / "gold.yaml"
SOURCES = CORPUS / "sources"
EVENT_TYPES_FILE = ROOT / "src" / "annales" / "data" / "events.yaml"

#: The cross-lingual event-type inventory the gold may use.
INVENTORY = frozenset(
    {
        "birth",
        "death",
        "illness",
        "appointment",
        "election",
        "resignation",
        "dismissal",
        "expulsion",
        "exile",
        "deportation",
        "arrest",
        "trial",
        "conviction",
        "execution",
        "assassination",
        "founding",
        "dissolution",
        "publication",
        "speech",
        "purge",
        "famine",
        "strike",
        "meeting",
        "law",
        "treaty",
        "battle",
        "uprising",
        "move",
        "abdication",
        "coronation",
        "marriage",
        "other",
    }
)
BASES = frozenset({"explicit", "relative", "narrative"})
CLAIM_KEYS = frozenset({"file", "type", "trigger", "sentence", "participants", "place", "start", "end", "basis", "note"})


def _load() -> dict[str, Any]:
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


GOLD_DATA = _load()
DOCUMENTS: list[dict[str, Any]] = GOLD_DATA["documents"]
CLAIMS: list[dict[str, Any]] = GOLD_DATA["claims"]
DOC_BY_FILE = {d["file"]: d for d in DOCUMENTS}


def _text(file: str) -> str:
    """The file decoded in the encoding the gold states for it."""
    return (SOURCES / file).read_bytes().decode(DOC_BY_FILE[file]["encoding"])


TEXTS = {d["file"]: _text(d["file"]) for d in DOCUMENTS}


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _interval(claim: dict[str, Any]) -> tuple[dt.date, dt.date]:
    return _day(claim["start"]), _day(claim["end"])


def _claim_id(claim: dict[str, Any]) -> str:
    return f"{claim['file']}:{claim['trigger']}"


CLAIM_BY_KEY = {(c["file"], c["trigger"]): c for c in CLAIMS}


def _visible_words(file: str) -> int:
    """Words a reader sees: markup stripped for HTML, furniture left in."""
    text = TEXTS[file]
    if file.endswith(".html"):
        text = re.sub(r"<(head|script|style)\b.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
    return len(text.split())


def test_sample_corpus_documents_match_folder() -> None:
    on_disk = {p.name for p in SOURCES.iterdir() if p.is_file()}
    assert on_disk == set(DOC_BY_FILE)
    assert len(DOCUMENTS) == len(DOC_BY_FILE), "a document is listed twice"


def test_sample_corpus_languages_and_names() -> None:
    langs = Counter(d["lang"] for d in DOCUMENTS)
    assert langs["en"] >= 4 and langs["fr"] >= 4
    for doc in DOCUMENTS:
        assert re.fullmatch(r"\d\d_(en|fr)_[a-z0-9_]+\.(txt|html)", doc["file"]), doc["file"]
        assert doc["file"][3:5] == doc["lang"], doc["file"]


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d["file"])
def test_sample_corpus_file_decodes_in_stated_encoding(doc: dict[str, Any]) -> None:
    data = (SOURCES / doc["file"]).read_bytes()
    text = data.decode(doc["encoding"])  # strict: raises on a wrong byte
    assert "\ufffd" not in text
    if doc["encoding"] != "utf-8":
        # The file must really need detection, or it exercises nothing.
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    if doc["file"].endswith(".html"):
        assert re.search(r'<meta charset="?' + re.escape(doc["encoding"]), text, re.I)


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d["file"])
def test_sample_corpus_file_is_short(doc: dict[str, Any]) -> None:
    assert 150 <= _visible_words(doc["file"]) <= 500


def test_sample_corpus_claim_count() -> None:
    assert 35 <= len(CLAIMS) <= 120
    assert {c["file"] for c in CLAIMS} == set(DOC_BY_FILE), "every document carries gold claims"


@pytest.mark.parametrize("claim", CLAIMS, ids=_claim_id)
def test_sample_corpus_claim_is_well_formed(claim: dict[str, Any]) -> None:
    assert set(claim) <= CLAIM_KEYS, set(claim) - CLAIM_KEYS
    assert claim["file"] in DOC_BY_FILE
    assert claim["type"] in INVENTORY
    assert claim["basis"] in BASES
    assert isinstance(claim["participants"], list)
    assert all(isinstance(p, str) and p for p in claim["participants"])
    start, end = _interval(claim)
    assert start <= end


@pytest.mark.parametrize("claim", CLAIMS, ids=_claim_id)
def test_sample_corpus_claim_is_in_its_file(claim: dict[str, Any]) -> None:
    text = TEXTS[claim["file"]]
    sentence, trigger = claim["sentence"], claim["trigger"]
    assert "\n" not in sentence and "\f" not in sentence
    assert text.count(sentence) == 1, f"sentence must occur exactly once: {sentence!r}"
    assert trigger in sentence
    # Locate the trigger the way the scorer does: first occurrence inside the sentence.
    sentence_at = text.index(sentence)
    start = text.index(trigger, sentence_at)
    end = start + len(trigger)
    assert end <= sentence_at + len(sentence)
    assert text[start:end] == trigger


def test_sample_corpus_claim_keys_are_unique() -> None:
    keys = Counter((c["file"], c["trigger"]) for c in CLAIMS)
    assert [k for k, n in keys.items() if n > 1] == []


def test_sample_corpus_types_are_in_the_project_inventory() -> None:
    project = yaml.safe_load(EVENT_TYPES_FILE.read_text(encoding="utf-8"))["types"]
    assert {c["type"] for c in CLAIMS} <= set(project)


def _members(group: dict[str, Any]) -> list[dict[str, Any]]:
    members = []
    for file, trigger in group["members"]:
        assert (file, trigger) in CLAIM_BY_KEY, f"no gold claim {file}: {trigger!r}"
        members.append(CLAIM_BY_KEY[(file, trigger)])
    return members


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    (s1, e1), (s2, e2) = _interval(a), _interval(b)
    return s1 <= e2 and s2 <= e1


@pytest.mark.parametrize("event", GOLD_DATA["events"], ids=lambda e: e.get("name", e["type"]))
def test_sample_corpus_event_members_are_claims(event: dict[str, Any]) -> None:
    members = _members(event)
    assert len(members) >= 2
    assert len({m["file"] for m in members}) == len(members), "one claim per file in an event"
    assert all(m["type"] == event["type"] for m in members)


def test_sample_corpus_events_agree_unless_in_conflict() -> None:
    in_conflict = {tuple(m) for c in GOLD_DATA["conflicts"] for m in c["members"]}
    for event in GOLD_DATA["events"]:
        dated = [m for m in _members(event) if m["basis"] != "narrative" and (m["file"], m["trigger"]) not in in_conflict]
        for i, a in enumerate(dated):
            for b in dated[i + 1 :]:
                assert _overlap(a, b), f"{event.get('name')}: {_claim_id(a)} vs {_claim_id(b)}"


def test_sample_corpus_events_cross_languages() -> None:
    crossing = [e for e in GOLD_DATA["events"] if len({DOC_BY_FILE[m[0]]["lang"] for m in e["members"]}) > 1]
    assert len(crossing) >= 5


def test_sample_corpus_conflicts_are_genuine() -> None:
    assert GOLD_DATA["conflicts"], "the corpus must hold at least one disagreement"
    for conflict in GOLD_DATA["conflicts"]:
        assert conflict["kind"] in {"date", "place"}
        members = _members(conflict)
        assert len(members) >= 2 and all(m["type"] == conflict["type"] for m in members)
        assert all(m["basis"] == "explicit" for m in members), "a conflict needs two explicit claims"
        if conflict["kind"] == "date":
            a, b = members[:2]
            assert not _overlap(a, b)


def test_sample_corpus_not_conflicts_are_compatible() -> None:
    for pair in GOLD_DATA.get("not_conflicts", []):
        members = _members(pair)
        assert all(m["type"] == pair["type"] for m in members)
        if pair["reason"] == "vaguer":
            a, b = members
            (s1, e1), (s2, e2) = _interval(a), _interval(b)
            assert (s1 <= s2 and e2 <= e1) or (s2 <= s1 and e1 <= e2), "one interval must contain the other"
        else:
            assert pair["reason"] == "narrative"
            assert any(m["basis"] == "narrative" for m in members)


def _features(feature: str) -> list[str]:
    return [d["file"] for d in DOCUMENTS if feature in d["features"]]


def test_sample_corpus_hyphenation_feature() -> None:
    files = _features("hyphenation")
    assert files
    broken = re.compile(r"[^\W\d_]{2,}-\n[^\W\d_A-Z]")  # "Em-\nperor": a word split by the layout
    compound = re.compile(r"[^\W\d_]-\n[^\W\d_]")  # "Franco-\nRussian": also matches, checked below
    for file in files:
        text = TEXTS[file]
        assert broken.search(text), f"{file}: no word split at a line end"
        assert compound.search(text)
    kept = ["Franco-\nRussian", "Notre-\nDame", "thirty-\nfive", "franco-\nrusse", "Cent-\nJours"]
    assert all(any(k in TEXTS[f] for f in files) for k in kept)


def test_sample_corpus_running_header_feature() -> None:
    for file in _features("running-header-footer"):
        pages = TEXTS[file].split("\f")
        assert len(pages) == 3
        headers = {page.strip().splitlines()[0] for page in pages}
        assert len(headers) == 1
        footers = [page.strip().splitlines()[-1] for page in pages]
        assert footers == [f"Cahiers d'histoire · Page {n}" for n in (1, 2, 3)]
        # A word continues across the first page break.
        assert re.search(r"-\n\n" + re.escape(footers[0]), pages[0])


def test_sample_corpus_shuffled_feature() -> None:
    for file in _features("shuffled-blocks"):
        blocks = TEXTS[file].split("\n\n")
        ends_mid_word = [i for i, b in enumerate(blocks) if b.rstrip().endswith("-")]
        starts_lower = [i for i, b in enumerate(blocks) if b[:1].islower()]
        assert ends_mid_word and len(starts_lower) >= 2
        # The continuation never directly follows the block it continues.
        assert all(i + 1 not in starts_lower for i in ends_mid_word)


def test_sample_corpus_readme_names_every_file() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for file in DOC_BY_FILE:
        assert file in readme
    for doc in DOCUMENTS:
        if doc["encoding"] != "utf-8":
            assert doc["encoding"] in readme
