"""The reconcile benchmark's generated corpus (determinism, spans, injections, gold) and its scorer, without models."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import reconcile_corpus as rc  # noqa: E402

LEXICONS = Path(__file__).resolve().parent.parent / "src" / "annales" / "data" / "lang"
SEEDS = (1, 2, 3, 4, 5)


@pytest.fixture(scope="module")
def facts() -> list[rc.Fact]:
    return rc.load_facts()


@pytest.fixture(scope="module")
def phrasings() -> dict[str, rc.Phrasing]:
    return rc.load_phrasings()


@pytest.fixture(scope="module")
def corpora(facts: list[rc.Fact], phrasings: dict[str, rc.Phrasing]) -> list[rc.Corpus]:
    return [rc.generate(facts, phrasings, seed=seed) for seed in SEEDS]


def _months(value: str) -> int:
    """Months since year 0 of an ISO year, month or day."""
    return int(value[:4]) * 12 + (int(value[5:7]) if len(value) > 4 else 0)


def _by_fact(corpus: rc.Corpus) -> dict[str, list[rc.GoldSentence]]:
    told: dict[str, list[rc.GoldSentence]] = defaultdict(list)
    for sentence in corpus.gold.sentences:
        told[sentence.fact].append(sentence)
    return told


# ---------------------------------------------------------------- data


def test_reconcile_corpus_facts_are_varied(facts: list[rc.Fact]) -> None:
    assert 35 <= len(facts) <= 50
    assert len({f.type for f in facts}) >= 15
    assert {f.when.precision for f in facts} == {"day", "month", "year"}
    soviet = [f for f in facts if f.id.startswith(("lenin", "trotsky", "cheka", "comintern", "kirov", "brest", "nicholas_ii_a"))]
    assert len(soviet) < len(facts) / 2


@pytest.mark.parametrize("lang", rc.LANGUAGES)
def test_reconcile_corpus_phrasings_cover_every_type_and_fact(
    lang: str, facts: list[rc.Fact], phrasings: dict[str, rc.Phrasing]
) -> None:
    templates = phrasings[lang].templates
    assert set(templates) == rc.TYPES
    assert all(len(t) >= 3 for t in templates.values())
    for fact in facts:
        assert sum(t.fits(fact) for t in templates[fact.type]) >= 3, fact.id


@pytest.mark.parametrize("lang", rc.LANGUAGES)
def test_reconcile_corpus_fillers_tell_no_event_and_no_date(lang: str, phrasings: dict[str, rc.Phrasing]) -> None:
    lexicon = yaml.safe_load((LEXICONS / lang / "events.yaml").read_text(encoding="utf-8"))
    words = {str(w).lower() for entry in lexicon["types"].values() for key in ("nouns", "forms") for w in entry.get(key, [])}
    months = {m.lower() for m in phrasings[lang].months}
    for filler in phrasings[lang].fillers:
        tokens = set(re.findall(r"\w+", filler.lower()))
        assert not tokens & (words | months), filler
        assert not re.search(r"\d", filler), filler


@pytest.mark.parametrize(
    ("lang", "when", "expected"),
    [
        ("en", rc.When(dt.date(1924, 1, 21), "day"), "on 21 January 1924"),
        ("fr", rc.When(dt.date(1924, 1, 21), "day"), "le 21 janvier 1924"),
        ("de", rc.When(dt.date(1924, 1, 21), "day"), "am 21. Januar 1924"),
        ("fr", rc.When(dt.date(1934, 12, 1), "day"), "le 1er décembre 1934"),
        ("en", rc.When(dt.date(1924, 1, 1), "month"), "in January 1924"),
        ("fr", rc.When(dt.date(1924, 1, 1), "month"), "en janvier 1924"),
        ("de", rc.When(dt.date(1924, 1, 1), "month"), "im Januar 1924"),
        ("en", rc.When(dt.date(1924, 1, 1), "year"), "in 1924"),
        ("fr", rc.When(dt.date(1924, 1, 1), "year"), "en 1924"),
        ("de", rc.When(dt.date(1924, 1, 1), "year"), "1924"),
        ("en", rc.When(dt.date(1924, 1, 21), "season"), "in the winter of 1924"),
        ("fr", rc.When(dt.date(1924, 2, 3), "season"), "à l'hiver 1924"),
        ("de", rc.When(dt.date(1922, 5, 26), "season"), "im Frühjahr 1922"),
    ],
)
def test_reconcile_corpus_dates_read_as_the_language_writes_them(
    lang: str, when: rc.When, expected: str, phrasings: dict[str, rc.Phrasing]
) -> None:
    assert rc.render_date(when, phrasings[lang]) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lénine", "de Lénine"),
        ("le prince Albert", "du prince Albert"),
        ("la Tchéka", "de la Tchéka"),
        ("l'Internationale communiste", "de l'Internationale communiste"),
        ("Austerlitz", "d'Austerlitz"),
        ("Émile Zola", "d'Émile Zola"),
    ],
)
def test_reconcile_corpus_french_de_contracts_and_elides(name: str, expected: str) -> None:
    assert rc.french_de(name) == expected


def test_reconcile_corpus_old_style_offsets() -> None:
    assert rc.julian_offset(dt.date(1812, 9, 7)) == 12
    assert rc.old_style(dt.date(1812, 9, 7)) == dt.date(1812, 8, 26)  # Borodino
    assert rc.julian_offset(dt.date(1917, 11, 7)) == 13
    assert rc.old_style(dt.date(1917, 11, 7)) == dt.date(1917, 10, 25)  # the October Revolution
    assert rc.julian_offset(dt.date(1796, 3, 9)) == 11
    assert rc.julian_offset(dt.date(1800, 2, 28)) == 11 and rc.julian_offset(dt.date(1800, 3, 1)) == 12
    assert rc.julian_offset(dt.date(1900, 2, 28)) == 12 and rc.julian_offset(dt.date(1900, 3, 1)) == 13


# ---------------------------------------------------------------- generation


def test_reconcile_corpus_generation_is_deterministic(facts: list[rc.Fact], phrasings: dict[str, rc.Phrasing]) -> None:
    first = rc.generate(facts, phrasings, seed=7)
    again = rc.generate(facts, phrasings, seed=7)
    other = rc.generate(facts, phrasings, seed=8)
    assert first.texts == again.texts and first.gold == again.gold
    assert first.texts != other.texts


def test_reconcile_corpus_documents_split_by_language(corpora: list[rc.Corpus]) -> None:
    for corpus in corpora:
        assert len(corpus.texts) == 12
        assert Counter(name.split("_")[1] for name in corpus.texts) == {"en": 4, "fr": 4, "de": 4}
        assert all(re.fullmatch(r"\d\d_(en|fr|de)_[a-z]+\.txt", name) for name in corpus.texts)


def test_reconcile_corpus_gold_spans_slice_their_sentences(corpora: list[rc.Corpus]) -> None:
    for corpus in corpora:
        for sentence in corpus.gold.sentences:
            assert corpus.texts[sentence.doc][sentence.start : sentence.end] == sentence.quote
            assert "{" not in sentence.quote and not sentence.quote[0].islower() and sentence.quote.endswith(".")
            assert sentence.lang == sentence.doc.split("_")[1]


def test_reconcile_corpus_documents_are_chronological_with_one_sentence_a_fact(corpora: list[rc.Corpus]) -> None:
    true_day = {f.id: f.when.day for f in corpora[0].facts}
    for corpus in corpora:
        by_doc: dict[str, list[rc.GoldSentence]] = defaultdict(list)
        for sentence in corpus.gold.sentences:
            by_doc[sentence.doc].append(sentence)
        for told in by_doc.values():
            told.sort(key=lambda s: s.start)
            assert len({s.fact for s in told}) == len(told)
            assert [true_day[s.fact] for s in told] == sorted(true_day[s.fact] for s in told)


def test_reconcile_corpus_each_fact_told_two_to_five_times_in_two_languages(corpora: list[rc.Corpus]) -> None:
    for corpus in corpora:
        told = _by_fact(corpus)
        assert set(told) == {f.id for f in corpus.facts}
        for sentences in told.values():
            assert 2 <= len(sentences) <= 5
            assert len({s.doc for s in sentences}) == len(sentences)
            assert len({s.lang for s in sentences}) >= 2


def test_reconcile_corpus_injections_recorded_with_their_gold_conflicts(corpora: list[rc.Corpus]) -> None:
    kinds: Counter[str] = Counter()
    for corpus in corpora:
        facts = {f.id: f for f in corpus.facts}
        places = [f.place for f in corpus.facts if f.place is not None]
        gold = {(c.kind, c.first, c.second) for c in corpus.gold.conflicts}
        expected = set()
        injected = 0
        for fact_id, told in _by_fact(corpus).items():
            fact = facts[fact_id]
            odd = [s for s in told if s.injection]
            assert len(odd) <= 1
            true = [s for s in told if not s.injection]
            assert all(s.date == fact.when.value() for s in true)
            if not odd:
                continue
            injected += 1
            sentence = odd[0]
            kinds[sentence.injection or ""] += 1
            assert sentence.injection in rc.injectable(fact, places)
            kind = rc.CONFLICT_KINDS.get(sentence.injection or "")
            if kind is not None:
                expected |= {(kind, *sorted((sentence.key, t.key))) for t in true}
        assert gold == expected
        assert abs(injected - 0.3 * len(corpus.facts)) <= 1
    assert set(kinds) == set(rc.INJECTIONS)


def test_reconcile_corpus_injected_dates_and_places_disagree_as_specified(corpora: list[rc.Corpus]) -> None:
    for corpus in corpora:
        facts = {f.id: f for f in corpus.facts}
        for sentence in corpus.gold.sentences:
            fact = facts[sentence.fact]
            truth = fact.when
            if sentence.injection == "shifted":
                if fact.type in rc.ONCE_TYPES:
                    assert sentence.precision == truth.precision
                    assert abs(_months(sentence.date) - _months(truth.value())) >= 2
                else:
                    gap = abs((dt.date.fromisoformat(sentence.date) - truth.day).days)
                    assert sentence.precision == "day" and 2 <= gap <= 10
            elif sentence.injection == "place":
                assert fact.type in rc.PLACE_TYPES and sentence.date == truth.value()
                assert fact.place is not None and fact.place.text(sentence.lang) not in sentence.quote
            elif sentence.injection == "old_style":
                assert truth.precision == "day" and truth.day < dt.date(1918, 1, 1)
                offset = (truth.day - dt.date.fromisoformat(sentence.date)).days
                assert offset == rc.julian_offset(truth.day) and offset in (11, 12, 13)
            elif sentence.injection == "vaguer":
                coarser = rc.PRECISIONS.index(sentence.precision) > rc.PRECISIONS.index(truth.precision)
                assert coarser and truth.value().startswith(sentence.date[:4])
                if sentence.precision == "month":
                    assert sentence.date == truth.value()[:7]


def test_reconcile_corpus_vaguer_injections_make_no_gold_conflict(corpora: list[rc.Corpus]) -> None:
    seen = 0
    for corpus in corpora:
        vaguer = {s.key for s in corpus.gold.sentences if s.injection == "vaguer"}
        seen += len(vaguer)
        assert not any(c.first in vaguer or c.second in vaguer for c in corpus.gold.conflicts)
    assert seen


def test_reconcile_corpus_place_disagreements_name_the_place_everywhere(corpora: list[rc.Corpus]) -> None:
    for corpus in corpora:
        facts = {f.id: f for f in corpus.facts}
        for told in _by_fact(corpus).values():
            if any(s.injection == "place" for s in told):
                for sentence in told:
                    place = facts[sentence.fact].place
                    assert place is not None
                    if not sentence.injection:
                        assert place.text(sentence.lang) in sentence.quote


def test_reconcile_corpus_write_round_trips_and_replaces_an_older_corpus(
    tmp_path: Path, facts: list[rc.Fact], phrasings: dict[str, rc.Phrasing]
) -> None:
    rc.write(rc.generate(facts, phrasings, seed=1, documents=12), tmp_path)
    corpus = rc.generate(facts, phrasings, seed=2, documents=6)
    written = rc.write(corpus, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    gold = rc.read_gold(tmp_path / "gold.json")
    assert gold == corpus.gold
    for sentence in gold.sentences:
        text = (tmp_path / sentence.doc).read_text(encoding="utf-8")
        assert text[sentence.start : sentence.end] == sentence.quote
    assert json.loads((tmp_path / "gold.json").read_text(encoding="utf-8"))["documents"] == list(corpus.texts)


def test_reconcile_corpus_main_writes_and_summarises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert rc.main(["--out", str(tmp_path), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "12 documents" in out and "injections: shifted" in out
    assert len(list(tmp_path.glob("*.txt"))) == 12


def test_reconcile_corpus_refuses_a_single_document(facts: list[rc.Fact], phrasings: dict[str, rc.Phrasing]) -> None:
    with pytest.raises(ValueError, match="documents=1"):
        rc.generate(facts, phrasings, seed=1, documents=1)


# ---------------------------------------------------------------- scoring


def _sentence(key: str, doc: str, start: int, end: int, fact: str, type_: str = "death") -> rc.GoldSentence:
    return rc.GoldSentence(key, doc, start, end, fact, type_, "en", None, "1924-01-21", "day", "")


def test_reconcile_corpus_bcubed_perfect_clustering() -> None:
    gold = {"a": "f", "b": "f", "c": "g"}
    assert rc.bcubed(gold, {"a": "1", "b": "1", "c": "2"}) == (1.0, 1.0, 1.0)


def test_reconcile_corpus_bcubed_one_cluster_for_everything() -> None:
    gold = {"a": "f", "b": "f", "c": "g"}
    precision, recall, f1 = rc.bcubed(gold, {"a": "x", "b": "x", "c": "x"})
    # a and b: 2 of their cluster's 3 share their fact; c: 1 of 3.
    assert precision == pytest.approx(5 / 9)
    assert recall == 1.0
    assert f1 == pytest.approx(5 / 7)


def test_reconcile_corpus_bcubed_all_singletons() -> None:
    gold = {"a": "f", "b": "f", "c": "g"}
    precision, recall, _ = rc.bcubed(gold, {"a": "1", "b": "2", "c": "3"})
    assert precision == 1.0 and recall == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)


def test_reconcile_corpus_bcubed_counts_an_unmapped_item_as_a_singleton_for_recall() -> None:
    gold = {"a": "f", "b": "f", "c": "f"}
    precision, recall, _ = rc.bcubed(gold, {"a": "x", "b": "x"})
    assert precision == 1.0
    assert recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert rc.bcubed({k: gold[k] for k in ("a", "b")}, {"a": "x", "b": "x"}) == (1.0, 1.0, 1.0)


def test_reconcile_corpus_map_claims_takes_the_longest_claim_of_the_type_inside() -> None:
    sentences = [_sentence("d:0-40", "d", 0, 40, "f"), _sentence("d:41-80", "d", 41, 80, "g")]
    claims = [
        ("short", "d", 5, 20, "death"),
        ("long", "d", 0, 39, "death"),
        ("wrong type", "d", 0, 40, "birth"),
        ("overhang", "d", 41, 81, "death"),
        ("other doc", "e", 41, 60, "death"),
    ]
    mapping = rc.map_claims(sentences, claims)
    assert mapping == {"d:0-40": "long"}


def test_reconcile_corpus_conflict_scoring_by_pairs() -> None:
    sentences = [
        _sentence("a", "A", 0, 10, "f"),
        _sentence("b", "B", 0, 10, "f"),
        _sentence("c", "C", 0, 10, "f"),
        _sentence("t", "A", 20, 30, "g"),
        _sentence("u", "B", 20, 30, "g"),
    ]
    gold = rc.Gold(
        tuple(sentences),
        (rc.GoldConflict("date", "a", "b"), rc.GoldConflict("place", "a", "c"), rc.GoldConflict("calendar", "t", "u")),
    )
    claims = [
        ("ca", "A", 0, 10, "death"),
        ("cb", "B", 1, 9, "death"),
        ("cc", "C", 0, 10, "death"),
        ("ct", "A", 20, 30, "death"),
        ("cu", "B", 20, 30, "death"),
        ("cx", "C", 50, 60, "death"),
    ]
    mapping = rc.map_claims(gold.sentences, claims)
    assert mapping == {"a": "ca", "b": "cb", "c": "cc", "t": "ct", "u": "cu"}
    reported = [
        ("date", "cb", "ca"),  # right
        ("place", "ca", "cb"),  # the same pair again: counted once
        ("date", "ca", "cc"),  # right: date and place are scored together
        ("date", "cb", "cc"),  # wrong: no gold pair
        ("date", "ct", "cu"),  # wrong: a calendar difference reported as a date conflict
        ("place", "ca", "cx"),  # wrong: cx maps to no gold sentence
        ("calendar", "ct", "cu"),  # right
        ("participant", "ca", "cb"),  # another kind: not scored
    ]
    date_place, calendar = rc.score_conflicts(gold.conflicts, mapping, reported)
    assert (date_place.reported, date_place.right, date_place.gold, date_place.found) == (5, 2, 2, 2)
    assert date_place.precision == pytest.approx(2 / 5) and date_place.recall == 1.0
    assert (calendar.reported, calendar.right, calendar.gold, calendar.found) == (1, 1, 1, 1)
    assert calendar.precision == calendar.recall == calendar.f1 == 1.0
    nothing, _ = rc.score_conflicts(gold.conflicts, mapping, [])
    assert nothing.precision == 1.0 and nothing.recall == 0.0 and nothing.f1 == 0.0


def test_reconcile_corpus_score_of_a_perfect_system_is_perfect(corpora: list[rc.Corpus]) -> None:
    gold = corpora[0].gold
    claims = [(f"c{i}", s.doc, s.start, s.end - 1, s.type) for i, s in enumerate(gold.sentences)]
    claim_of = {s.key: f"c{i}" for i, s in enumerate(gold.sentences)}
    event_of = {f"c{i}": "evt_" + s.fact for i, s in enumerate(gold.sentences)}
    conflicts = [(c.kind, claim_of[c.first], claim_of[c.second]) for c in gold.conflicts]
    result = rc.score(gold, claims, event_of, conflicts)
    assert result.claim_recall == 1.0
    assert result.bcubed == result.bcubed_mapped == (1.0, 1.0, 1.0)
    assert result.date_place.f1 == 1.0 and result.calendar.f1 == 1.0
    # Half the claims lost, one event for everything, no conflicts: recall and precision fall.
    half = claims[::2]
    worse = rc.score(gold, half, {c[0]: "evt" for c in half}, [])
    assert worse.claim_recall == pytest.approx(len(half) / len(claims))
    assert worse.bcubed[0] < 0.2 and worse.bcubed[1] < 1.0 and worse.bcubed_mapped[1] == 1.0
    assert worse.date_place.recall == 0.0
