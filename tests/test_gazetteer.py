"""Places from the gazetteer: relabelled where the model took them for people, added where it missed them."""

from __future__ import annotations

from annales.records import Mention, Span
from annales.stages.analyse import analyse
from annales.stages.gazetteer import gazetteer, gazetteer_places


def _mention(text: str, name: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(Span(start, start + len(name)), name, label)


def _labels(text: str, lang: str, mentions: list[Mention]) -> dict[str, str]:
    return {m.text: m.label for m in gazetteer_places(analyse(text, lang), mentions, lang)}


def test_gazetteer_knows_countries_cities_states_continents_and_exonyms() -> None:
    places = gazetteer()
    assert places["Shanghai"].kind == "city" and places["Shanghai"].anywhere
    assert places["Texas"].kind == "state"
    assert places["Europa"].name == "Europe"  # a continent in German
    assert places["Peking"].name == "Beijing" and places["Peking"].alias  # another name of a great city
    assert "Napoleon" not in places
    # countries by their German and French names (the Unicode CLDR), as other names: placed by their context
    assert places["Algerien"].name == places["Algérie"].name == "Algeria" and not places["Algerien"].anywhere


def test_gazetteer_a_given_name_that_is_also_a_country_stays_a_person() -> None:
    text = "Hier, Jean-Pierre et Maurice ont été blessés près de Belfort. Selon Maurice, ils étaient deux."
    found = _labels(text, "fr", [_mention(text, "Maurice", "PER"), _mention(text, "Maurice", "PER", 1)])
    assert found == {"Maurice": "PER"}  # Mauritius is « Maurice » in French


def test_gazetteer_a_part_of_a_country_named_with_it_is_a_place_anywhere() -> None:
    places = gazetteer()
    assert places["Südvietnam"].kind == "region" and places["Südvietnam"].anywhere
    assert places["Südvietnam"].geonameid == places["Vietnam"].geonameid
    assert places["Nord-Vietnam"].anywhere and places["Eastern Europe"].anywhere
    assert places["South Africa"].kind == "country"  # a country of its own stays one


def test_gazetteer_two_names_run_together_after_a_second_place_verb_are_split() -> None:
    text = "Im März 1964 besuchte Robert McNamara Südvietnam. Die Bundesrepublik Deutschland wurde 1949 gegründet."
    found = _labels(
        text, "de", [_mention(text, "Robert McNamara Südvietnam", "PER"), _mention(text, "Bundesrepublik Deutschland", "LOC")]
    )
    assert found == {"Robert McNamara": "PER", "Südvietnam": "LOC", "Bundesrepublik Deutschland": "LOC"}


def test_gazetteer_a_great_city_the_model_took_for_a_person_is_a_place() -> None:
    text = "Die Japaner griffen 1932 Shanghai an. Shanghai fiel."
    found = _labels(text, "de", [_mention(text, "Shanghai", "PER"), _mention(text, "Shanghai", "PER", 1)])
    assert found == {"Shanghai": "LOC"}


def test_gazetteer_adds_the_places_the_model_missed() -> None:
    text = "Farragut eroberte danach Baton Rouge und den Hafen von Galveston, Texas."
    found = _labels(text, "de", [])
    assert found == {"Baton Rouge": "LOC", "Galveston": "LOC", "Texas": "LOC"}


def test_gazetteer_a_town_needs_a_locative_word_and_a_month_is_none() -> None:
    text = "The Communist International was founded in March 1919; Kirov spoke at Columbus."
    found = _labels(text, "en", [])
    assert "March" not in found and "Kirov" not in found
    assert found.get("Columbus") == "LOC"


def test_gazetteer_a_title_or_a_full_name_keeps_a_person() -> None:
    text = "General Houston marched. George Washington crossed the river; Washington won."
    mentions = [
        _mention(text, "Houston", "PER"),
        _mention(text, "George Washington", "PER"),
        _mention(text, "Washington", "PER", 1),
    ]
    found = _labels(text, "en", mentions)
    assert found == {"Houston": "PER", "George Washington": "PER", "Washington": "PER"}


def test_gazetteer_a_name_running_on_is_no_place() -> None:
    text = "Den größten Sieg errang eine Flotte unter David Glasgow Farragut."
    assert "Glasgow" not in _labels(text, "de", [])


def test_gazetteer_a_city_of_two_words_the_model_took_for_a_person_is_a_place() -> None:
    text = "Er eroberte am 28. April New Orleans. Saint Louis starb 1270."
    mentions = [_mention(text, "New Orleans", "PER"), _mention(text, "Saint Louis", "PER")]
    assert _labels(text, "de", mentions) == {"New Orleans": "LOC", "Saint Louis": "PER"}


def test_gazetteer_an_event_named_after_a_place_places_it_but_not_one_of_persons() -> None:
    text = "The Kiev offensive succeeded. The Lincoln assassination shocked them."
    found = _labels(text, "en", [_mention(text, "Kiev", "PER"), _mention(text, "Lincoln", "PER")])
    assert found == {"Kiev": "LOC", "Lincoln": "PER"}
    text = "Trotsky ordonna la répression de la rébellion de Kronstadt."
    found = _labels(text, "fr", [_mention(text, "Trotsky", "PER")])
    assert found == {"Trotsky": "PER", "Kronstadt": "LOC"}


def test_gazetteer_a_ship_named_after_a_state_leaves_the_state_a_place_where_the_words_say_so() -> None:
    text = "Die CSS Alabama wurde versenkt. In Mobile, Alabama kam es zu Unruhen; die Alabama war verloren."
    mentions = [_mention(text, "CSS Alabama", "MISC"), _mention(text, "Mobile", "LOC")]
    found = gazetteer_places(analyse(text, "de"), mentions, "de")
    assert [(m.text, m.label) for m in found] == [("CSS Alabama", "MISC"), ("Mobile", "LOC"), ("Alabama", "LOC")]


def test_mentions_a_name_after_a_ships_prefix_or_a_kind_of_ship_is_a_vessel() -> None:
    from annales.stages.analyse import mentions

    text = "In May 1941 the British sank the flagship Bismarck. The USS Maine exploded in Havana harbor."
    found = {m.text: m.label for m in mentions(analyse(text, "en"))}
    assert found["Bismarck"] == "MISC" and found["USS Maine"] == "MISC" and "Maine" not in found
    text = "Die CSS Alabama wurde am 19. Juni 1864 von der USS Kearsarge versenkt; das Panzerschiff CSS Virginia sank."
    found = {m.text: m.label for m in mentions(analyse(text, "de"))}
    assert {n: found.get(n) for n in ("CSS Alabama", "USS Kearsarge", "CSS Virginia")} == dict.fromkeys(
        ("CSS Alabama", "USS Kearsarge", "CSS Virginia"), "MISC"
    )


def test_gazetteer_the_subject_of_a_passive_place_verb_is_a_place() -> None:
    # Vilnius and Riga are cities below a million: a place by their name only where the words say so
    text = "In 1920 Vilnius was captured by the Poles, and Riga was praised by the Latvians."
    found = _labels(text, "en", [_mention(text, "Vilnius", "PER"), _mention(text, "Riga", "PER")])
    assert found == {"Vilnius": "LOC", "Riga": "PER"}
    text = "Im Januar 1919 wurde Riga von den Bolschewiki erobert."
    assert _labels(text, "de", [_mention(text, "Riga", "PER")]) == {"Riga": "LOC"}
    text = "En 1920, Vilnius fut prise par les Polonais."
    assert _labels(text, "fr", [_mention(text, "Vilnius", "PER")]) == {"Vilnius": "LOC"}
