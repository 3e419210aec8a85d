"""De-hyphenation and hard-wrap joining in the repair stage."""

from __future__ import annotations

import pytest

from annales.stages.repair import repair, rules_for

DEHYPHEN_CASES = [
    # (lang, original, expected clean text)
    ("en", "The war came be-\ntween the two kingdoms.", "The war came between the two kingdoms."),
    ("en", "The rising began in Octo-\nber of that year.", "The rising began in October of that year."),
    ("en", "He fought the bureau -\ncratisation of it.", "He fought the bureaucratisation of it."),
    ("en", "They feared the Men-\n shevism of the rivals.", "They feared the Menshevism of the rivals."),
    ("en", "The first five-\nyear plan failed.", "The first five-year plan failed."),
    ("en", "It was a counter-revolu-\ntion in all but name.", "It was a counter-revolution in all but name."),
    ("en", "The counter-\nrevolution won in Paris.", "The counter-revolution won in Paris."),
    ("en", "A bureaucratically-\ndegenerated state.", "A bureaucratically-degenerated state."),
    ("en", "Trade with semi-colo-\nnial lands grew.", "Trade with semi-colonial lands grew."),
    ("en", "They returned to the pre-\n1914 borders.", "They returned to the pre-1914 borders."),
    ("en", "The Franco-\nPrussian war ended in 1871.", "The Franco-Prussian war ended in 1871."),
    ("en", "The army marched -\nwhich surprised the court.", "The army marched - which surprised the court."),
    ("en", "The assem\u00adbly met at Versailles.", "The assembly met at Versailles."),
    ("en", "The assem\u00ad\nbly met at Versailles.", "The assembly met at Versailles."),
    ("fr", "Le gouverne-\nment provisoire siégeait à Paris.", "Le gouvernement provisoire siégeait à Paris."),
    ("fr", "La contre-\nrévolution gagna la Vendée.", "La contre-révolution gagna la Vendée."),
    ("fr", "Le porte-\nparole du comité parla.", "Le porte-parole du comité parla."),
    ("fr", "La Révolu-\ntion française commença en 1789.", "La Révolution française commença en 1789."),
    ("fr", "Les pays semi-\ncoloniaux protestèrent.", "Les pays semi-coloniaux protestèrent."),
    ("de", "Die Arbeiter-\nbewegung wuchs schnell.", "Die Arbeiterbewegung wuchs schnell."),
    ("de", "Der Reichs-\ntag tagte in Berlin.", "Der Reichstag tagte in Berlin."),
    ("de", "Die Sozial-\ndemokratie wurde verboten.", "Die Sozialdemokratie wurde verboten."),
    ("de", "Das Bismarck-\nDenkmal steht in Hamburg.", "Das Bismarck-Denkmal steht in Hamburg."),
    # Older print's hyphenated words and street names, with no other evidence in the document.
    ("en", "The council meets to-\nday at noon.", "The council meets to-day at noon."),
    ("en", "The wind blew from the north-\neast all night.", "The wind blew from the north-east all night."),
    ("en", "A fire broke out in Oxford-\nstreet last night.", "A fire broke out in Oxford-street last night."),
    ("en", "The coach left by the Parramatta-\nroad at six.", "The coach left by the Parramatta-road at six."),
    ("fr", "Il viendra peut-\nêtre demain matin.", "Il viendra peut-être demain matin."),
]


@pytest.mark.parametrize(("lang", "original", "expected"), DEHYPHEN_CASES)
def test_repair_dehyphenates_or_keeps_compounds(lang: str, original: str, expected: str) -> None:
    repaired = repair(original, lang=lang)
    assert repaired.text == expected
    assert len(repaired.offsets) == len(repaired.text)


def test_repair_dehyphen_prefers_document_evidence() -> None:
    # "war-time" written elsewhere in the document decides against wordfreq ("wartime").
    text = "The war-time rationing was harsh.\n\nMany resented the war-\ntime rationing of bread."
    assert "war-time rationing of bread" in repair(text, lang="en").text
    text = "The wartime rationing was harsh.\n\nMany resented the war-\ntime rationing of bread."
    assert "wartime rationing of bread" in repair(text, lang="en").text


def test_repair_document_spelling_beats_the_hyphenated_list() -> None:
    # A modern document that writes "today" closes "to-|day" at a line end.
    text = "The council sits today.\n\nIt meets to-\nday at noon."
    assert "meets today at noon" in repair(text, lang="en").text


def test_repair_joins_hard_wraps_and_separates_paragraphs() -> None:
    text = "Bismarck became minister\npresident in 1862.\n\nHe  unified   Germany\nby 1871.\n"
    repaired = repair(text, lang="en")
    assert repaired.text == "Bismarck became minister president in 1862.\n\nHe unified Germany by 1871."
    assert [repaired.text[b.clean.start : b.clean.end] for b in repaired.blocks] == [
        "Bismarck became minister president in 1862.",
        "He unified Germany by 1871.",
    ]
    first, second = repaired.blocks
    assert text[first.original.start : first.original.end] == "Bismarck became minister\npresident in 1862."
    assert text[second.original.start : second.original.end] == "He  unified   Germany\nby 1871."
    # The space that replaces the wrap stands for the newline it replaced.
    wrap = repaired.text.index(" president")
    assert text[repaired.offsets[wrap]] == "\n"


def test_repair_handles_crlf_and_lone_cr() -> None:
    text = "The Estates-General met\r\nin May 1789.\r\n\r\nThe Bastille fell in Ju-\rly 1789.\r\n"
    repaired = repair(text, lang="en")
    assert repaired.text == "The Estates-General met in May 1789.\n\nThe Bastille fell in July 1789."
    for block in repaired.blocks:
        assert "\r" not in repaired.text[block.clean.start : block.clean.end]


def test_repair_empty_and_blank_input() -> None:
    assert repair("", lang="en").text == ""
    assert repair("", lang="en").blocks == ()
    blank = repair(" \n\r\n\f  \n", lang="en")
    assert blank.text == ""
    assert blank.blocks == ()


def test_repair_guesses_language_when_not_given() -> None:
    text = "La contre-\nrévolution gagna la Vendée et la Bretagne pendant l'hiver de cette année-là."
    assert "contre-révolution" in repair(text).text


def test_repair_rules_load_from_data() -> None:
    assert "counter" in rules_for("en").compound_prefixes
    assert "contre" in rules_for("fr").compound_prefixes
    assert rules_for("de").join_compounds
    assert rules_for("xx").compound_prefixes == frozenset()
    assert "to-day" in rules_for("en").hyphenated
    assert "street" in rules_for("en").name_parts
    assert rules_for("de").hyphenated == frozenset()


def test_repair_joins_a_place_name_broken_at_a_line_end() -> None:
    # A capitalised name broken before a lower-case part is written closed.
    repaired = repair("The mill stood at Ashby-\ntown near the river.", lang="en")
    assert repaired.text == "The mill stood at Ashbytown near the river."
    at = repaired.text.index("Ashbytown")
    span = repaired.to_original(at, at + len("Ashbytown"))
    assert repaired.original[span.start : span.end] == "Ashby-\ntown"


@pytest.mark.parametrize(
    ("lang", "original", "expected"),
    [
        # An extraction that turned the line break after a hyphen into a space.
        ("en", "The law of De- cember 1st was un- der review.", "The law of December 1st was under review."),
        ("fr", "La dic- tature du prolétariat fut pro- clamée.", "La dictature du prolétariat fut proclamée."),
        # Suspended compounds and unknown joins keep their hyphen.
        ("en", "Both pre- and post-war plans failed.", "Both pre- and post-war plans failed."),
        ("en", "A well- known man spoke.", "A well- known man spoke."),
    ],
)
def test_repair_joins_words_split_by_an_inline_hyphen(lang: str, original: str, expected: str) -> None:
    repaired = repair(original, lang=lang)
    assert repaired.text == expected
    word = expected.split()[3] if lang == "en" else expected.split()[1]
    at = repaired.text.index(word)
    span = repaired.to_original(at, at + len(word))
    assert repaired.original[span.start : span.end].replace("- ", "") == word
