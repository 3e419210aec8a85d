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


@pytest.mark.model
def test_claims_passive_subject_is_patient() -> None:
    claims = _claims("On 2 December 1804 Napoleon was crowned in Notre-Dame.", "en")
    coronation = _by_type(claims, "coronation")
    assert [(p.role, p.name) for p in coronation.participants] == [("patient", "Napoleon")]
    assert coronation.time is not None and str(coronation.time.start) == "1804-12-02"
    assert coronation.time.basis == "explicit"


@pytest.mark.model
def test_claims_narrative_time_is_marked_and_anchored() -> None:
    text = "The campaign of 1812 ended badly. Napoleon abandoned his army and retreated to Paris."
    claims = _claims(text, "en")
    move = _by_type(claims, "move")
    assert move.time is not None and move.time.basis == "narrative"
    assert move.time.anchor is not None
    assert text[move.time.anchor.start : move.time.anchor.end] == "1812"


@pytest.mark.model
def test_claims_hypothetical_is_qualified() -> None:
    claims = _claims("In 1815 a victory would have saved the Empire, but the Emperor was defeated at Waterloo.", "en")
    assert all("hypothetical" not in c.qualifiers for c in claims if c.type == "battle" and "defeated" in c.quote)


@pytest.mark.model
def test_claims_german_rule_only_pipeline_finds_triggers() -> None:
    claims = _claims("Napoleon wurde im Mai 1814 nach Elba verbannt. Er starb am 5. Mai 1821.", "de")
    death = _by_type(claims, "death")
    assert death.time is not None and str(death.time.start) == "1821-05-05"
    exile = _by_type(claims, "exile")
    assert exile.time is not None and exile.time.edtf == "1814-05"


@pytest.mark.model
def test_claims_noun_pouvoir_is_not_the_modal_verb() -> None:
    # "chassé du pouvoir" is driven from power: the noun is not the modal "pouvoir" (can).
    claims = _claims("Entre 1810 et 1812, le préfet a été progressivement chassé du pouvoir par ses rivaux.", "fr")
    claim = _by_type(claims, "expulsion")
    assert "hypothetical" not in claim.qualifiers


@pytest.mark.model
def test_claims_place_after_an_adjectival_participle() -> None:
    claims = _claims("En mars 1852, le député est exilé dans la très reculée Cayenne.", "fr")
    claim = _by_type(claims, "exile")
    assert claim.place is not None and claim.place.name == "Cayenne"


@pytest.mark.model
def test_claims_the_latter_is_the_last_person_named() -> None:
    claims = _claims("In March 1794 Danton and Desmoulins were arrested by the guard. The latter was exiled to Vienna.", "en")
    exile = _by_type(claims, "exile")
    assert [(p.role, p.name) for p in exile.participants] == [("patient", "Desmoulins")]
    assert exile.place is not None and exile.place.name == "Vienna"
    assert exile.time is not None and exile.time.basis == "narrative"


@pytest.mark.model
def test_claims_a_present_participle_naming_a_kind_is_no_event() -> None:
    assert not [
        c for c in _claims("In 1864, the founding statutes of the association were printed.", "en") if c.type == "founding"
    ]
    assert _by_type(_claims("In 1864 the delegates founded the association in London.", "en"), "founding")


@pytest.mark.model
def test_claims_an_object_pronoun_is_not_the_subject() -> None:
    # Principle B: "him" beside "Joséphine" is someone else, and the next "he" continues "him".
    claims = _claims(
        "In 1809 Napoleon divorced Joséphine. Joséphine had given him no heir. "
        "In April 1810 he married Marie-Louise, daughter of the Austrian emperor.",
        "en",
    )
    marriage = _by_type(claims, "marriage")
    assert ("agent", "Napoleon") in [(p.role, p.name) for p in marriage.participants]


@pytest.mark.model
def test_claims_an_event_noun_after_a_preposition_of_time_is_not_dated_by_the_narrative() -> None:
    claims = _claims("In 1830 the city grew. After Goethe's death, the theatre closed.", "en")
    death = _by_type(claims, "death")
    assert death.time is None


@pytest.mark.model
def test_claims_an_infinitive_is_not_asserted_but_a_time_clause_is() -> None:
    wanted = _by_type(_claims("En 1793, Robespierre entreprit alors d'arrêter Danton.", "fr"), "arrest")
    assert "hypothetical" in wanted.qualifiers
    done = [c for c in _claims("En 1815, il vécut à Gand avant d'arriver à Paris.", "fr") if c.type == "move"]
    assert done and all("hypothetical" not in c.qualifiers for c in done)


@pytest.mark.model
def test_claims_a_named_event_dated_in_its_own_phrase() -> None:
    # The tagger takes "Congress" for a proper name; the event is the congress, and its name is no participant.
    claims = _claims("The question was again on the agenda of the Third Congress of 1864, under new conditions.", "en")
    meeting = _by_type(claims, "meeting")
    assert meeting.time is not None and meeting.time.edtf == "1864"
    assert not [p for p in meeting.participants if "Congress" in p.name]


@pytest.mark.model
def test_claims_an_event_noun_without_names_or_date_is_a_topic() -> None:
    claims = _claims("In 1851 the deputy wrote about the war. The revolution remained an idea for the exiles.", "en")
    assert not [c for c in claims if c.type in ("battle", "uprising")], [(c.type, c.quote) for c in claims]


@pytest.mark.model
def test_claims_the_place_inside_an_event_noun_phrase() -> None:
    claims = _claims("In 1946, when the Nuremberg trials were in full swing, the deputy left for Geneva.", "en")
    trial = _by_type(claims, "trial")
    assert trial.place is not None and trial.place.name == "Nuremberg"
    assert trial.time is not None and trial.time.edtf == "1946"


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
def test_claims_a_possessive_in_an_opening_phrase_is_the_main_subject() -> None:
    claims = _claims("Metternich spoke first. After his first stroke in March 1848, Radetzky urged the emperor to act.", "en")
    illness = _by_type(claims, "illness")
    assert [p.name for p in illness.participants] == ["Radetzky"]


@pytest.mark.model
def test_claims_an_event_verb_under_an_infinitive_is_not_asserted() -> None:
    claims = _claims("In 1848 Radetzky urged the emperor to begin fighting the rebels.", "en")
    battle = _by_type(claims, "battle")
    assert "hypothetical" in battle.qualifiers


@pytest.mark.model
def test_claims_an_event_noun_subject_takes_its_verbs_date() -> None:
    claims = _claims("At the same time as the blockade, a crucial reform of the customs came into effect in June 1807.", "en")
    law = _by_type(claims, "law")
    assert law.time is not None and law.time.edtf == "1807-06"


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
def test_claims_german_inflected_event_noun() -> None:
    claims = _claims("Die Unterzeichnung des Vertrags von Frankfurt erfolgte am 10. Mai 1871.", "de")
    assert _by_type(claims, "treaty").time is not None


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
def test_claims_a_regnal_number_cut_off_by_the_parser() -> None:
    claims = _claims("On 25 June 1807, Napoleon and Alexander I met at Tilsit.", "en")
    meeting = _by_type(claims, "meeting")
    assert meeting.time is not None and meeting.time.edtf == "1807-06-25"
    assert meeting.place is not None and meeting.place.name == "Tilsit"


@pytest.mark.model
def test_claims_names_split_by_the_parser_stay_in_one_sentence() -> None:
    claims = _claims("Metternich et Talleyrand se réunissent à Vienne le 29 septembre 1814.", "fr")
    meeting = _by_type(claims, "meeting")
    assert meeting.time is not None and meeting.time.edtf == "1814-09-29"
    assert meeting.participants and meeting.place is not None and meeting.place.name == "Vienne"


@pytest.mark.model
def test_claims_a_noun_tagged_as_a_verb_with_its_determiner() -> None:
    claims = _claims("Le sacre de Charles X a lieu le 29 mai 1825.", "fr")
    coronation = _by_type(claims, "coronation")
    assert coronation.time is not None and coronation.time.edtf == "1825-05-29"


@pytest.mark.model
def test_claims_german_place_after_von() -> None:
    claims = _claims("Die Konferenz von Wien begann am 1. November 1814.", "de")
    meeting = _by_type(claims, "meeting")
    assert meeting.place is not None and meeting.place.name == "Wien"


@pytest.mark.model
def test_claims_german_without_parse_the_name_after_the_verb_is_its_object() -> None:
    claims = _claims("Napoleon ernannte Joseph Fouché am 20. Juli 1799 zum Polizeiminister.", "de")
    appointment = _by_type(claims, "appointment")
    assert ("patient", "Joseph Fouché") in [(p.role, p.name) for p in appointment.participants]
