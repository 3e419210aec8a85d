"""Claims from real parses: one claim per clause, each with its own time."""

from __future__ import annotations

import pytest

from annales.pipeline import Options, process
from annales.records import Claim
from annales.stages.read import read_bytes
from annales.vocabulary import event_types, load_lexicon


def _claims(text: str, lang: str) -> list[Claim]:
    doc = read_bytes(text.encode("utf-8"), name=f"test_{lang}.txt")
    result = process(doc, Options(lang=lang))
    for claim in result.claims:
        assert doc.text[claim.span.start : claim.span.end] == claim.quote
        assert claim.trigger is not None and claim.span.start <= claim.trigger.start < claim.trigger.end <= claim.span.end
        for p in claim.participants:
            assert " ".join(doc.text[p.span.start : p.span.end].split()) == p.name
    return list(result.claims)


def _by_type(claims: list[Claim], type_: str) -> Claim:
    found = [c for c in claims if c.type == type_]
    assert found, f"no {type_} claim in {[(c.type, c.quote) for c in claims]}"
    return found[0]


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_claims_lexicons_use_only_inventory_types(lang: str) -> None:
    lexicon = load_lexicon(lang)
    types = set(event_types())
    assert set(lexicon.verbs.values()) | set(lexicon.nouns.values()) | set(lexicon.forms.values()) <= types
    assert lexicon.negation and lexicon.place_prepositions


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "lang", "trigger"),
    [
        ("The old king died in Vienna on 3 May 1850, and his son was crowned in June.", "en", "died"),
        ("Le roi fut couronné à Reims en juin 1825.", "fr", "couronné"),
    ],
)
def test_claims_trigger_is_the_event_word(text: str, lang: str, trigger: str) -> None:
    claim = _claims(text, lang)[0]
    assert claim.trigger is not None
    assert text[claim.trigger.start : claim.trigger.end] == trigger


@pytest.mark.model
def test_claims_two_clauses_two_times_en() -> None:
    claims = _claims(
        "In October 1805 the admiral was defeated at sea. "
        "In March 1815 Napoleon was welcomed in Paris and exiled the following October to Saint Helena.",
        "en",
    )
    exile = _by_type(claims, "exile")
    assert exile.time is not None and (str(exile.time.start), str(exile.time.end)) == ("1815-10-01", "1815-10-31")
    assert exile.time.basis == "relative"
    assert any(p.name == "Napoleon" for p in exile.participants)
    assert exile.place is not None and "Helena" in exile.place.name


@pytest.mark.model
def test_claims_two_clauses_two_times_fr() -> None:
    claims = _claims(
        "En avril 1814, Napoléon est contraint d'abdiquer et il est exilé en mai suivant à l'île d'Elbe.",
        "fr",
    )
    abdication = _by_type(claims, "abdication")
    exile = _by_type(claims, "exile")
    assert abdication.time is not None and abdication.time.edtf == "1814-04"
    assert exile.time is not None and exile.time.edtf == "1814-05"
    assert any("Napoléon" in p.name for p in exile.participants)


HYPOTHETICAL = "In 1815 a victory would have saved the Empire, but the Emperor was defeated at Waterloo."


@pytest.mark.model
def test_claims_beside_a_hypothetical_the_asserted_clause_is_not_qualified() -> None:
    claims = _claims(HYPOTHETICAL, "en")
    defeat = [c for c in claims if c.type == "battle" and "defeated" in c.quote]
    assert defeat and all("hypothetical" not in c.qualifiers for c in defeat), [(c.quote, c.qualifiers) for c in claims]


@pytest.mark.model
def test_claims_hypothetical_is_qualified() -> None:
    claims = _claims(HYPOTHETICAL, "en")
    victory = [c for c in claims if c.type == "battle" and "victory" in c.quote]
    assert victory and all("hypothetical" in c.qualifiers for c in victory), [(c.quote, c.qualifiers) for c in claims]


@pytest.mark.model
def test_claims_german_rule_only_pipeline_finds_triggers() -> None:
    claims = _claims("Napoleon wurde im Mai 1814 nach Elba verbannt. Er starb am 5. Mai 1821.", "de")
    death = _by_type(claims, "death")
    assert death.time is not None and str(death.time.start) == "1821-05-05"
    exile = _by_type(claims, "exile")
    assert exile.time is not None and exile.time.edtf == "1814-05"


def test_claims_german_event_noun_after_a_preposition_is_its_verbs_event() -> None:
    # "trafen sich … zu einer Konferenz": one meeting, the verb's, which names both
    claims = _claims("Am 25. Juni 1807 trafen sich Napoleon und Alexander in Tilsit zu einer Konferenz.", "de")
    meetings = [c for c in claims if c.type == "meeting"]
    assert len(meetings) == 1
    assert [p.name for p in meetings[0].participants] == ["Napoleon", "Alexander"]


@pytest.mark.model
def test_claims_an_infinitive_in_a_time_clause_is_asserted() -> None:
    # (the infinitive that is not asserted, "entreprit d'arrêter", is in claims_cases/fr.yaml)
    done = [c for c in _claims("En 1815, il vécut à Gand avant d'arriver à Paris.", "fr") if c.type == "move"]
    assert done and all("hypothetical" not in c.qualifiers for c in done)


@pytest.mark.model
def test_claims_an_event_noun_without_names_or_date_is_a_topic() -> None:
    claims = _claims("In 1851 the deputy wrote about the war. The revolution remained an idea for the exiles.", "en")
    assert not [c for c in claims if c.type in ("battle", "uprising")], [(c.type, c.quote) for c in claims]
    # The same noun with a place and a date of its own is an event.
    claims = _claims("In 1851 the deputy wrote about the war. In March 1848 the revolution in Vienna drove Metternich out.", "en")
    uprising = _by_type(claims, "uprising")
    assert uprising.place is not None and uprising.place.name == "Vienna"
    assert uprising.time is not None and uprising.time.edtf == "1848-03"


@pytest.mark.model
def test_claims_a_light_verb_gives_the_event_noun_its_subject() -> None:
    claims = _claims("Le ministre Carnot arriva à Lyon en 1796. En mai, il a subi sa première attaque.", "fr")
    illness = _by_type(claims, "illness")
    assert [p.name.split()[-1] for p in illness.participants] == ["Carnot"]
    assert illness.time is not None and illness.time.edtf == "1796-05"


@pytest.mark.model
def test_claims_meeting_verbs_with_a_common_noun_object_are_no_meetings() -> None:
    claims = _claims(
        "In December 1849 he assembled these criticisms in a pamphlet. "
        "The reforms met the demands of the peasants. The delegates met in Vienna in June 1850.",
        "en",
    )
    meetings = [c for c in claims if c.type == "meeting"]
    assert [m.place.name for m in meetings if m.place] == ["Vienna"] and len(meetings) == 1


@pytest.mark.model
def test_claims_german_without_parse_finds_names_after_the_word() -> None:
    claims = _claims(
        "Am 5. Mai 1821 starb Napoleon in Sankt Helena. Der Prozess gegen Ludwig XVI. begann am "
        "11. Dezember 1792 in Paris. Der Ausschluss von Trotzki erfolgte im November 1927.",
        "de",
    )
    death, trial, expulsion = (_by_type(claims, t) for t in ("death", "trial", "expulsion"))
    assert [p.name for p in death.participants] == ["Napoleon"] and death.time is not None
    assert death.time.edtf == "1821-05-05"
    assert [(p.role, p.name) for p in trial.participants] == [("patient", "Ludwig XVI")]
    assert trial.time is not None and trial.time.edtf == "1792-12-11"  # "XVI." does not end the sentence
    assert [(p.role, p.name) for p in expulsion.participants] == [("patient", "Trotzki")]


@pytest.mark.model
def test_claims_a_verb_form_the_tagger_took_for_a_name() -> None:
    # The small French model reads passé simple forms as names and cuts the sentence after them.
    claims = _claims("Talleyrand mourut le 17 mai 1838. Le 9 mars 1796, Napoléon épouse Joséphine de Beauharnais.", "fr")
    death = _by_type(claims, "death")
    assert death.time is not None and death.time.edtf == "1838-05-17"
    marriage = _by_type(claims, "marriage")
    assert "Napoléon" in [p.name for p in marriage.participants]
    assert not [p for c in claims for p in c.participants if "épouse" in p.name]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        (
            "Im Juni 1904 belagerten die Japaner Port Arthur. Nach der Belagerung von Port Arthur zogen sie nach Norden.",
            "de",
            "Belagerung",
        ),
        ("In 1812 Napoleon invaded Russia. After the invasion of Russia, the Tsar refused to negotiate.", "en", "invasion"),
    ],
)
def test_claims_an_event_named_again_to_date_another_is_no_second_claim(text: str, lang: str, word: str) -> None:
    claims = _claims(text, lang)
    again = text.rindex(word)
    assert claims, "the first telling is a claim"
    assert not [c for c in claims if c.trigger is not None and c.trigger.start == again], [c.quote for c in claims]


@pytest.mark.model
def test_claims_a_battle_of_another_place_after_a_preposition_of_time_is_told() -> None:
    text = "Die Schlacht von Mukden begann am 20. Februar 1905. Nach der Schlacht von Liaoyang zogen sich die Russen zurück."
    claims = _claims(text, "de")
    assert any(c.trigger is not None and c.trigger.start == text.rindex("Schlacht") for c in claims), [c.quote for c in claims]


def test_news_future_is_still_to_come_but_a_history_tells_its_past_in_it() -> None:
    import datetime as dt

    news = "Dominique Strauss-Kahn a quitté le gouvernement mardi. Il sera remplacé par Christian Sautter."
    doc = read_bytes(news.encode("utf-8"), name="news_fr.txt")
    found = {c.predicate: c for c in process(doc, Options(lang="fr", dct=dt.date(1999, 11, 4))).claims}
    assert "hypothetical" in found["remplacer"].qualifiers
    assert "hypothetical" not in found["quitter"].qualifiers
    history = {c.predicate: c for c in _claims("En 1929, Trotsky est expulsé d'URSS. Il sera assassiné en 1940 à Mexico.", "fr")}
    assert "hypothetical" not in history["assassiner"].qualifiers


def test_markup_the_tagger_took_for_a_verb_is_no_event() -> None:
    text = 'In April 1848 <img src=x onerror="window.x = 2"> Kossuth was arrested in Vienna.'
    claims = _claims(text, "en")
    assert [c.type for c in claims] == ["arrest"]
    assert all(c.predicate.replace(" ", "").isalpha() for c in claims)


def test_a_quoted_source_is_reported_not_asserted_but_a_quoted_term_is_no_quotation() -> None:
    quoted = _claims(
        "In 1927 the platform said that “the opposition was crushed by the apparatus in every city”. "
        "In 1928 the “democrat” Miliukov fled to Paris.",
        "en",
    )
    # reported: a listed word keeps its claim, unasserted; an unlisted verb is then no claim at all
    assert all("reported" in c.qualifiers for c in quoted if c.predicate == "crush")
    fled = next(c for c in quoted if c.predicate == "flee")
    assert "reported" not in fled.qualifiers
