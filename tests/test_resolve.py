"""Entity resolution: name variants, transliterations, short forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.errors import DataError
from annales.records import Mention, Span
from annales.stages.resolve import AliasTable, Resolver, compatible, entity_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Trotsky", "Trotski"),
        ("Trotsky", "Trotzki"),
        ("Trotsky", "Trotzkij"),
        ("Lénine", "Lenin"),
        ("Staline", "Stalin"),
        ("Boukharine", "Bukharin"),
        ("Alma-Ata", "Alma Ata"),
        ("Napoléon", "Napoleon"),
        ("V. I. Lenin", "Lenin"),
    ],
)
def test_resolve_variants_share_a_key(a: str, b: str) -> None:
    assert entity_key(a) == entity_key(b) or compatible(a, b)


@pytest.mark.parametrize(("a", "b"), [("Lenin", "Stalin"), ("Austerlitz", "Waterloo"), ("Paris", "Prague")])
def test_resolve_different_names_stay_apart(a: str, b: str) -> None:
    assert entity_key(a) != entity_key(b)
    assert not compatible(a, b)


def _mention(text: str, label: str = "PER", start: int = 0) -> Mention:
    return Mention(Span(start, start + len(text)), text, label)


def test_resolve_short_form_joins_the_full_name() -> None:
    resolver = Resolver()
    full, short = resolver.resolve([_mention("Napoléon Bonaparte"), _mention("Bonaparte", start=40)])
    assert full.entity is not None and full.entity == short.entity
    assert "Bonaparte" in resolver.entities[full.entity].aliases


def test_resolve_ids_are_stable_across_resolvers() -> None:
    first = Resolver().resolve([_mention("Trotski")])[0]
    second = Resolver().resolve([_mention("Trotsky")])[0]
    assert first.entity == second.entity


def test_resolve_alias_table_maps_variants_and_wikidata(tmp_path: Path) -> None:
    table = tmp_path / "aliases.yaml"
    table.write_text("Leon Trotsky:\n  aliases: [Bronstein, Lev Bronstein]\n  wikidata: Q33391\n", encoding="utf-8")
    resolver = Resolver(aliases=AliasTable.load(table))
    a, b = resolver.resolve([_mention("Leon Trotsky"), _mention("Lev Bronstein", start=30)])
    assert a.entity == b.entity
    assert a.entity is not None and resolver.entities[a.entity].wikidata == "Q33391"


def test_analyse_one_label_per_name_and_untagged_occurrences_added() -> None:
    from annales.stages.analyse import _consistent

    text = "Lenin spoke. Then Lenin left. Later Lenin wrote to Paris."
    found = [
        Mention(Span(0, 5), "Lenin", "PER"),
        Mention(Span(18, 23), "Lenin", "ORG"),
        Mention(Span(51, 56), "Paris", "LOC"),
    ]
    result = _consistent(found, text)
    lenins = [m for m in result if m.text == "Lenin"]
    assert [m.span.start for m in lenins] == [0, 18, 36]
    assert {m.label for m in lenins} == {"PER"}
    for m in result:
        assert text[m.span.start : m.span.end] == m.text


@pytest.mark.parametrize(
    "names",
    [
        ("Comité Central", "Central Committee", "Zentralkomitee", "the central committee"),
        ("Parti communiste", "Communist Party", "Kommunistische Partei"),
        ("Conseil des commissaires du peuple", "Council of People's Commissars"),
    ],
)
def test_resolve_institutions_across_languages(names: tuple[str, ...]) -> None:
    resolver = Resolver()
    found = resolver.resolve([_mention(n, "ORG", start=40 * i) for i, n in enumerate(names)])
    assert len({m.entity for m in found}) == 1


def test_resolve_people_keep_their_word_order_and_institutions_stay_apart() -> None:
    resolver = Resolver()
    a, b = resolver.resolve([_mention("Comité Central", "ORG"), _mention("Comité exécutif", "ORG", start=30)])
    assert a.entity != b.entity


def test_resolve_known_entities_keep_their_ids_when_keys_change() -> None:
    from annales.records import Entity

    old = Entity("ent_stored_before", "Comité Central", "ORG", ("Comité Central",))
    resolver = Resolver([old])
    mention = resolver.resolve([_mention("Central Committee", "ORG")])[0]
    assert mention.entity == "ent_stored_before"


def test_institution_words_name_one_concept_each() -> None:
    from pathlib import Path

    import yaml

    from annales.stages.resolve import DATA, fold_word

    concepts = yaml.safe_load((Path(DATA) / "institutions.yaml").read_text(encoding="utf-8"))["concepts"]
    owner: dict[str, str] = {}
    for concept, words in concepts.items():
        for word in [concept, *words]:
            folded = fold_word(word)
            assert owner.setdefault(folded, concept) == concept, f"{word!r} is in {owner[folded]} and {concept}"


def test_a_place_arrested_or_speaking_is_a_person() -> None:
    # The stock English model files Russian surnames as places; a one-word name that is the subject of
    # an arrest or of saying is a person. Places stay places.
    from annales.stages.analyse import analyse, mentions

    found = {(m.text, m.label) for m in mentions(analyse("Bukharin was arrested in 1937 and Rykov said nothing.", "en"))}
    assert ("Bukharin", "PER") in found and ("Rykov", "PER") in found
    assert ("Paris", "LOC") in {(m.text, m.label) for m in mentions(analyse("Paris was taken in 1814.", "en"))}


def test_resolve_places_and_given_names_across_languages() -> None:
    from annales.stages.resolve import compatible

    for a, b in [
        ("Moskau", "Moscow"),
        ("Moscou", "Moskva"),
        ("l'île d'Elbe", "Elba"),
        ("Trèves", "Trier"),
        ("München", "Munich"),
        ("Sainte-Hélène", "Saint Helena"),
        ("Nikolaus II", "Nicholas II"),
        ("Ludwig XVI.", "Louis XVI"),
        ("Alexandre Ier", "Alexander I"),
    ]:
        assert compatible(a, b), (a, b)
    for a, b in [("Elbe", "Elba"), ("Nicholas I", "Nicholas II"), ("Louis XVI", "Louis XVIII")]:
        assert not compatible(a, b), (a, b)


def test_resolve_german_tsch_folds_like_the_french_tch() -> None:
    from annales.stages.resolve import compatible

    assert compatible("Tscheka", "Tchéka") and compatible("Tschitscherin", "Chicherin")


@pytest.mark.model
def test_resolve_names_known_in_the_corpus_are_found_where_the_model_missed_them(tmp_path: Path) -> None:
    from annales.pipeline import ingest
    from annales.store import Store

    first = tmp_path / "01_en.txt"
    first.write_text(
        "On 2 December 1804, Napoleon was crowned in Paris. Karl Marx was born in Trier in 1818.\n", encoding="utf-8"
    )
    second = tmp_path / "02_fr.txt"
    second.write_text("Karl Marx naît à Trèves le 5 mai 1818. Joseph Fouché meurt à Trieste en 1820.\n", encoding="utf-8")
    with Store(tmp_path / "k.db") as store:
        ingest([second], store)
        ingest([first], store)
        mentions = {m.text: m.label for m in store.mentions(store.documents()[-1]["id"])}
    assert mentions.get("Trier") == "LOC"  # tagged an organisation by the English model, a place in French


def test_resolve_alias_table_typo_names_the_file_the_name_and_the_key(tmp_path: Path) -> None:
    table = tmp_path / "aliases.yaml"
    table.write_text("Leon Trotsky:\n  alias: [Bronstein]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"aliases\.yaml: key 'Leon Trotsky\.alias': unknown key — write the alias table"):
        AliasTable.load(table)


@pytest.mark.model
def test_resolve_a_known_surname_that_is_an_everyday_word_opening_a_sentence_is_the_word(tmp_path: Path) -> None:
    from annales.pipeline import Options, ingest
    from annales.store import Store

    first = tmp_path / "01_en.txt"
    first.write_text("In October 1864 Sheridan defeated Maj. Gen. Jubal A. Early at Cedar Creek.\n", encoding="utf-8")
    second = tmp_path / "02_en.txt"
    second.write_text("Early in spring the army moved to Abydos, where it waited for the fleet.\n", encoding="utf-8")
    with Store(tmp_path / "k.db") as store:
        ingest([first], store, Options(lang="en"))
        ingest([second], store, Options(lang="en"))
        docs = {d["name"]: d["id"] for d in store.documents()}
        first_names = [m.text for m in store.mentions(docs["01_en.txt"])]
        second_names = [m.text for m in store.mentions(docs["02_en.txt"])]
    assert "Jubal A. Early" in first_names  # the initial's stop ends no sentence
    assert "Early" not in second_names
