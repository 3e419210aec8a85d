"""Tests for the time stage: finding time expressions and normalising them, per language."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annales.records import Span, TimeMention
from annales.stages.time import find_times, narrative_time

D = dt.date


def _only(text: str, lang: str, quote: str, **kwargs: object) -> TimeMention:
    """The one mention whose text is ``quote``, checking that its span points at it."""
    mentions = [m for m in find_times(text, lang, **kwargs) if m.text == quote]  # type: ignore[arg-type]
    assert len(mentions) == 1, [m.text for m in find_times(text, lang)]
    mention = mentions[0]
    assert text[mention.span.start : mention.span.end] == quote
    return mention


# Absolute expressions: (text, quote, value, start, end, edtf).
ABSOLUTE = {
    "en": [
        (
            "Napoleon was crowned on 2 December 1804.",
            "2 December 1804",
            "1804-12-02",
            D(1804, 12, 2),
            D(1804, 12, 2),
            "1804-12-02",
        ),
        (
            "Lenin died on January 21, 1924 at Gorki.",
            "January 21, 1924",
            "1924-01-21",
            D(1924, 1, 21),
            D(1924, 1, 21),
            "1924-01-21",
        ),
        (
            "The pact was signed December 1st 1934 in Paris.",
            "December 1st 1934",
            "1934-12-01",
            D(1934, 12, 1),
            D(1934, 12, 1),
            "1934-12-01",
        ),
        (
            "It snowed on the 1st of December 1934.",
            "the 1st of December 1934",
            "1934-12-01",
            D(1934, 12, 1),
            D(1934, 12, 1),
            "1934-12-01",
        ),
        ("Bismarck was dismissed in March 1890.", "March 1890", "1890-03", D(1890, 3, 1), D(1890, 3, 31), "1890-03"),
        ("February, 1848 shook the monarchy.", "February, 1848", "1848-02", D(1848, 2, 1), D(1848, 2, 29), "1848-02"),
        ("The Commune rose in 1871.", "1871", "1871", D(1871, 1, 1), D(1871, 12, 31), "1871"),
        ("The campaign of 1812-3 ruined the army.", "1812-3", "1812/1813", D(1812, 1, 1), D(1813, 12, 31), "1812/1813"),
        ("The crisis of 1866-67 passed.", "1866-67", "1866/1867", D(1866, 1, 1), D(1867, 12, 31), "1866/1867"),
        (
            "Between 1862 and 1871 Prussia rose.",
            "Between 1862 and 1871",
            "1862/1871",
            D(1862, 1, 1),
            D(1871, 12, 31),
            "1862/1871",
        ),
        ("From 1799 to 1815 France was at war.", "From 1799 to 1815", "1799/1815", D(1799, 1, 1), D(1815, 12, 31), "1799/1815"),
        (
            "In the winter of 1812-13 the Grande Armée froze.",
            "the winter of 1812-13",
            "1812-WI",
            D(1812, 12, 1),
            D(1813, 2, 28),
            "1812-12/1813-02",
        ),
        (
            "Revolts spread in the spring of 1848.",
            "the spring of 1848",
            "1848-SP",
            D(1848, 3, 1),
            D(1848, 5, 31),
            "1848-03/1848-05",
        ),
        ("In summer 1914 the war began.", "summer 1914", "1914-SU", D(1914, 6, 1), D(1914, 8, 31), "1914-06/1914-08"),
        ("Railways spread in the 1840s.", "the 1840s", "184X", D(1840, 1, 1), D(1849, 12, 31), "184X"),
        ("Unrest grew in the early 1830s.", "the early 1830s", "183X", D(1830, 1, 1), D(1833, 12, 31), "1830/1833"),
        ("By the late 1860s the empire was weak.", "the late 1860s", "186X", D(1866, 1, 1), D(1869, 12, 31), "1866/1869"),
        ("The 19th century was one of nations.", "The 19th century", "18", D(1800, 1, 1), D(1899, 12, 31), "18XX"),
        ("The eighteenth century ended in revolution.", "The eighteenth century", "17", D(1700, 1, 1), D(1799, 12, 31), "17XX"),
        ("Around 1800 the old order fell.", "Around 1800", "1800", D(1799, 1, 1), D(1801, 12, 31), "1800~"),
        ("Late 1870 was grim in Paris.", "Late 1870", "1870", D(1870, 9, 1), D(1870, 12, 31), "1870-09/1870-12"),
        ("Napoleon landed on 1815-03-01 near Antibes.", "1815-03-01", "1815-03-01", D(1815, 3, 1), D(1815, 3, 1), "1815-03-01"),
    ],
    "fr": [
        (
            "Napoléon meurt le 5 mai 1821 à Sainte-Hélène.",
            "le 5 mai 1821",
            "1821-05-05",
            D(1821, 5, 5),
            D(1821, 5, 5),
            "1821-05-05",
        ),
        (
            "Le 1er mai 1891, la troupe tire à Fourmies.",
            "Le 1er mai 1891",
            "1891-05-01",
            D(1891, 5, 1),
            D(1891, 5, 1),
            "1891-05-01",
        ),
        ("Le coup d’État a lieu en décembre 1851.", "décembre 1851", "1851-12", D(1851, 12, 1), D(1851, 12, 31), "1851-12"),
        ("En février, 1848, le roi abdique.", "février, 1848", "1848-02", D(1848, 2, 1), D(1848, 2, 29), "1848-02"),
        ("La Commune est proclamée en 1871.", "1871", "1871", D(1871, 1, 1), D(1871, 12, 31), "1871"),
        (
            "Entre 1799 et 1804, le Consulat gouverne.",
            "Entre 1799 et 1804",
            "1799/1804",
            D(1799, 1, 1),
            D(1804, 12, 31),
            "1799/1804",
        ),
        ("De 1804 à 1814, l’Empire domine.", "De 1804 à 1814", "1804/1814", D(1804, 1, 1), D(1814, 12, 31), "1804/1814"),
        (
            "Pendant l'hiver 1812-1813, l’armée recule.",
            "l'hiver 1812-1813",
            "1812-WI",
            D(1812, 12, 1),
            D(1813, 2, 28),
            "1812-12/1813-02",
        ),
        (
            "Au printemps 1848, les peuples se soulèvent.",
            "printemps 1848",
            "1848-SP",
            D(1848, 3, 1),
            D(1848, 5, 31),
            "1848-03/1848-05",
        ),
        ("Les années 1830 voient naître le chemin de fer.", "Les années 1830", "183X", D(1830, 1, 1), D(1839, 12, 31), "183X"),
        (
            "Au début des années 1860, l’Empire se libéralise.",
            "début des années 1860",
            "186X",
            D(1860, 1, 1),
            D(1863, 12, 31),
            "1860/1863",
        ),
        ("Le XIXe siècle est celui des nations.", "Le XIXe siècle", "18", D(1800, 1, 1), D(1899, 12, 31), "18XX"),
        ("Au XVIIIe siècle, les Lumières brillent.", "XVIIIe siècle", "17", D(1700, 1, 1), D(1799, 12, 31), "17XX"),
        ("Vers 1800, tout change.", "Vers 1800", "1800", D(1799, 1, 1), D(1801, 12, 31), "1800~"),
        (
            "Fin octobre 1870, Metz capitule.",
            "Fin octobre 1870",
            "1870-10",
            D(1870, 10, 21),
            D(1870, 10, 31),
            "1870-10-21/1870-10-31",
        ),
    ],
    "de": [
        (
            "Wilhelm wurde am 18. Januar 1871 in Versailles ausgerufen.",
            "18. Januar 1871",
            "1871-01-18",
            D(1871, 1, 18),
            D(1871, 1, 18),
            "1871-01-18",
        ),
        ("Im März 1890 wurde Bismarck entlassen.", "März 1890", "1890-03", D(1890, 3, 1), D(1890, 3, 31), "1890-03"),
        ("Das Reich entstand 1871 nach dem Krieg.", "1871", "1871", D(1871, 1, 1), D(1871, 12, 31), "1871"),
        (
            "Zwischen 1862 und 1871 stieg Preußen auf.",
            "Zwischen 1862 und 1871",
            "1862/1871",
            D(1862, 1, 1),
            D(1871, 12, 31),
            "1862/1871",
        ),
        ("Im Winter 1812/13 erfror die Armee.", "Winter 1812/13", "1812-WI", D(1812, 12, 1), D(1813, 2, 28), "1812-12/1813-02"),
        ("Die 1920er Jahre waren unruhig.", "Die 1920er Jahre", "192X", D(1920, 1, 1), D(1929, 12, 31), "192X"),
        ("Im 19. Jahrhundert wuchsen die Städte.", "19. Jahrhundert", "18", D(1800, 1, 1), D(1899, 12, 31), "18XX"),
        (
            "Ende Oktober 1806 zog Napoleon in Berlin ein.",
            "Ende Oktober 1806",
            "1806-10",
            D(1806, 10, 21),
            D(1806, 10, 31),
            "1806-10-21/1806-10-31",
        ),
    ],
}


@pytest.mark.parametrize(
    ("lang", "text", "quote", "value", "start", "end", "edtf"),
    [(lang, *row) for lang, rows in ABSOLUTE.items() for row in rows],
)
def test_time_absolute(lang: str, text: str, quote: str, value: str, start: dt.date, end: dt.date, edtf: str) -> None:
    mention = _only(text, lang, quote)
    assert mention.type == "DATE"
    assert (mention.time.value, mention.time.start, mention.time.end, mention.time.edtf) == (
        value,
        start,
        end,
        edtf,
    )
    assert mention.time.basis == "explicit"
    assert mention.time.anchor is None
    assert mention.time.calendar == "gregorian"


# Relative expressions after one explicit date: (text, anchor quote, quote, value, start, end).
RELATIVE = {
    "en": [
        (
            "Bismarck fell in 1890. The same year, Caprivi took over.",
            "1890",
            "The same year",
            "1890",
            D(1890, 1, 1),
            D(1890, 12, 31),
        ),
        ("Bismarck fell in 1890. That year, Caprivi took over.", "1890", "That year", "1890", D(1890, 1, 1), D(1890, 12, 31)),
        (
            "Bismarck fell in 1890. That same year, Caprivi took over.",
            "1890",
            "That same year",
            "1890",
            D(1890, 1, 1),
            D(1890, 12, 31),
        ),
        (
            "The war ended in 1815. The following year was cold.",
            "1815",
            "The following year",
            "1816",
            D(1816, 1, 1),
            D(1816, 12, 31),
        ),
        ("The war ended in 1815. The next year was cold.", "1815", "The next year", "1816", D(1816, 1, 1), D(1816, 12, 31)),
        (
            "Napoleon was exiled in 1815; the previous year he had abdicated.",
            "1815",
            "the previous year",
            "1814",
            D(1814, 1, 1),
            D(1814, 12, 31),
        ),
        (
            "He reached Moscow in September 1812 and left the following January.",
            "September 1812",
            "the following January",
            "1813-01",
            D(1813, 1, 1),
            D(1813, 1, 31),
        ),
        (
            "The Duma met in May 1906. The previous month the tsar had issued laws.",
            "May 1906",
            "The previous month",
            "1906-04",
            D(1906, 4, 1),
            D(1906, 4, 30),
        ),
        (
            "The Duma met in May 1906. The following month it was dissolved.",
            "May 1906",
            "The following month",
            "1906-06",
            D(1906, 6, 1),
            D(1906, 6, 30),
        ),
        (
            "The treaty came in March 1918. In December of the same year the war ended.",
            "March 1918",
            "December of the same year",
            "1918-12",
            D(1918, 12, 1),
            D(1918, 12, 31),
        ),
        ("The empire fell in 1870. In May, the Commune was crushed.", "1870", "May", "1870-05", D(1870, 5, 1), D(1870, 5, 31)),
        (
            "Alexander II was killed in 1881. Three years later the reforms were undone.",
            "1881",
            "Three years later",
            "1884",
            D(1884, 1, 1),
            D(1884, 12, 31),
        ),
    ],
    "fr": [
        (
            "La Bastille tombe en 1789. La même année, les privilèges sont abolis.",
            "1789",
            "La même année",
            "1789",
            D(1789, 1, 1),
            D(1789, 12, 31),
        ),
        (
            "La Bastille tombe en 1789. Cette année-là, tout bascule.",
            "1789",
            "Cette année-là",
            "1789",
            D(1789, 1, 1),
            D(1789, 12, 31),
        ),
        (
            "La Bastille tombe en 1789. L’année suivante, on fête la Fédération.",
            "1789",
            "L’année suivante",
            "1790",
            D(1790, 1, 1),
            D(1790, 12, 31),
        ),
        (
            "Le roi fuit en 1791 ; l'année précédente, il avait juré.",
            "1791",
            "l'année précédente",
            "1790",
            D(1790, 1, 1),
            D(1790, 12, 31),
        ),
        (
            "Il entre à Moscou en septembre 1812 et repart en janvier suivant.",
            "septembre 1812",
            "janvier suivant",
            "1813-01",
            D(1813, 1, 1),
            D(1813, 1, 31),
        ),
        (
            "Les états se réunissent en mai 1789. Le mois précédent, on rédigeait les cahiers.",
            "mai 1789",
            "Le mois précédent",
            "1789-04",
            D(1789, 4, 1),
            D(1789, 4, 30),
        ),
        (
            "Les états se réunissent en mai 1789. Le mois suivant, le serment est prêté.",
            "mai 1789",
            "Le mois suivant",
            "1789-06",
            D(1789, 6, 1),
            D(1789, 6, 30),
        ),
        (
            "Le roi fuit en juin 1791. En décembre de la même année, l’Assemblée débat.",
            "juin 1791",
            "décembre de la même année",
            "1791-12",
            D(1791, 12, 1),
            D(1791, 12, 31),
        ),
        ("La guerre éclate en 1792. En août, la monarchie tombe.", "1792", "août", "1792-08", D(1792, 8, 1), D(1792, 8, 31)),
    ],
    "de": [
        (
            "Das Reich entstand 1871. Im selben Jahr begann der Kulturkampf.",
            "1871",
            "selben Jahr",
            "1871",
            D(1871, 1, 1),
            D(1871, 12, 31),
        ),
        (
            "Das Reich entstand 1871. Im folgenden Jahr kam das Schulgesetz.",
            "1871",
            "folgenden Jahr",
            "1872",
            D(1872, 1, 1),
            D(1872, 12, 31),
        ),
        (
            "Napoleon kam im September 1812 nach Moskau und im folgenden Januar war alles verloren.",
            "September 1812",
            "folgenden Januar",
            "1813-01",
            D(1813, 1, 1),
            D(1813, 1, 31),
        ),
        (
            "Der Reichstag tagte im Mai 1849. Im Vormonat war die Verfassung fertig.",
            "Mai 1849",
            "Vormonat",
            "1849-04",
            D(1849, 4, 1),
            D(1849, 4, 30),
        ),
    ],
}


@pytest.mark.parametrize(
    ("lang", "text", "anchor", "quote", "value", "start", "end"),
    [(lang, *row) for lang, rows in RELATIVE.items() for row in rows],
)
def test_time_relative_resolves_against_the_earlier_date(
    lang: str, text: str, anchor: str, quote: str, value: str, start: dt.date, end: dt.date
) -> None:
    mention = _only(text, lang, quote)
    assert mention.type == "DATE"
    assert (mention.time.value, mention.time.start, mention.time.end, mention.time.edtf) == (
        value,
        start,
        end,
        value,
    )
    assert mention.time.basis == "relative"
    assert mention.time.anchor is not None
    assert text[mention.time.anchor.start : mention.time.anchor.end] == anchor


def test_time_chained_narrative_resolves_each_against_the_latest_date() -> None:
    text = (
        "Napoleon returned from Elba in March 1815. The following June he lost at Waterloo. "
        "The next month he surrendered to the British. The following year, in 1816, he settled "
        "on Saint Helena. In May, Hudson Lowe arrived. That same year the governor tightened the guard."
    )
    mentions = find_times(text, "en")
    got = [(m.text, m.time.value, text[m.time.anchor.start : m.time.anchor.end] if m.time.anchor else None) for m in mentions]
    assert got == [
        ("March 1815", "1815-03", None),
        ("The following June", "1815-06", "March 1815"),
        ("The next month", "1815-07", "The following June"),
        ("The following year", "1816", "The next month"),
        ("1816", "1816", None),
        ("May", "1816-05", "1816"),
        ("That same year", "1816", "May"),
    ]


def test_time_chained_narrative_french() -> None:
    text = (
        "Le 9 novembre 1799, Bonaparte prend le pouvoir. En décembre suivant, la constitution paraît. "
        "Le mois précédent, Sieyès négociait. L'année suivante, Marengo."
    )
    got = [(m.text, m.time.value) for m in find_times(text, "fr")]
    assert got == [
        ("Le 9 novembre 1799", "1799-11-09"),
        ("décembre suivant", "1799-12"),
        ("Le mois précédent", "1799-11"),
        ("L'année suivante", "1800"),
    ]


def test_time_relative_without_reference_has_no_interval() -> None:
    text = "The following January he left. In May he returned. The same year he died."
    mentions = find_times(text, "en")
    assert [(m.text, m.time.value, m.time.start, m.time.end) for m in mentions] == [
        ("The following January", "XXXX-01", None, None),
        ("May", "XXXX-05", None, None),
        ("The same year", "XXXX", None, None),
    ]
    assert all(m.time.basis == "relative" and m.time.anchor is None for m in mentions)


def test_time_relative_uses_dct_only_without_an_earlier_date() -> None:
    text = "The following year he left. In 1850 he came back. The next year he died."
    mentions = find_times(text, "en", dct=D(1900, 6, 1))
    assert [(m.text, m.time.value) for m in mentions] == [
        ("The following year", "1901"),
        ("1850", "1850"),
        ("The next year", "1851"),
    ]
    assert mentions[0].time.anchor is None
    assert mentions[2].time.anchor == mentions[1].span


DURATIONS = [
    ("en", "He spent seven years in exile.", "seven years", "DURATION", "P7Y"),
    ("en", "He was jailed for three months.", "three months", "DURATION", "P3M"),
    ("en", "The siege lasted 12 days.", "12 days", "DURATION", "P12D"),
    ("fr", "Il passa sept années en exil.", "sept années", "DURATION", "P7Y"),
    ("fr", "La campagne dura trois mois.", "trois mois", "DURATION", "P3M"),
    ("de", "Er blieb sieben Jahre im Exil.", "sieben Jahre", "DURATION", "P7Y"),
    ("en", "Every year the congress met.", "Every year", "SET", "P1Y"),
    ("fr", "Chaque année, le congrès se réunit.", "Chaque année", "SET", "P1Y"),
    ("de", "Jedes Jahr tagte der Kongress.", "Jedes Jahr", "SET", "P1Y"),
]


@pytest.mark.parametrize(("lang", "text", "quote", "kind", "value"), DURATIONS)
def test_time_durations_and_sets(lang: str, text: str, quote: str, kind: str, value: str) -> None:
    mention = _only(text, lang, quote)
    assert (mention.type, mention.time.value) == (kind, value)
    assert mention.time.start is None and mention.time.end is None


@pytest.mark.parametrize(
    ("lang", "text", "quote"),
    [
        ("fr", "Il part en 1821. Au cours des sept années suivantes, il voyage.", "sept années suivantes"),
        ("en", "He left in 1821. Over the next seven years he travelled.", "the next seven years"),
    ],
)
def test_time_duration_after_reference_gets_the_following_years(lang: str, text: str, quote: str) -> None:
    mention = _only(text, lang, quote)
    assert (mention.type, mention.time.value) == ("DURATION", "P7Y")
    assert (mention.time.start, mention.time.end) == (D(1822, 1, 1), D(1828, 12, 31))
    assert mention.time.basis == "relative"


def test_time_five_year_plan_is_not_a_duration() -> None:
    text = "The first Five-Year Plan began; a five year plan followed."
    assert find_times(text, "en") == []


NEGATIVES = [
    ("en", "The army had 1,500 men and 1.7 million rifles."),
    ("en", "See pp. 152-155 and pages 1152-1155 of the report."),
    ("en", "Some 1917 soldiers deserted and 1500 men stayed."),
    ("en", "Growth reached 1920% in the worst province."),
    ("en", "You may go; the march was long."),
    ("en", "He was in his twenties."),
    ("fr", "L’armée comptait 1 500 hommes et 2000 soldats."),
    ("fr", "Voir p. 1871 du recueil."),
    ("fr", "Il coûta 1848 francs."),
    ("de", "Es kostete 1500 Mark; siehe S. 1871."),
    ("de", "Die Kaiserin mai war nett."),
]


@pytest.mark.parametrize(("lang", "text"), NEGATIVES)
def test_time_numbers_that_are_not_dates(lang: str, text: str) -> None:
    assert [m.text for m in find_times(text, lang)] == []


def test_time_old_style_date_is_julian_with_gregorian_alternative() -> None:
    text = "The Winter Palace fell on 25 October 1917 (O.S.) after a night of shooting."
    mention = _only(text, "en", "25 October 1917")
    assert mention.time.calendar == "julian"
    assert mention.time.start == D(1917, 10, 25)
    alternative = mention.time.alternative
    assert alternative is not None
    assert (alternative.calendar, alternative.start) == ("gregorian", D(1917, 11, 7))
    assert alternative.value == "1917-11-07"


@pytest.mark.parametrize(
    ("lang", "text", "quote"),
    [
        ("fr", "Le manifeste du 17 octobre 1905 (ancien style) promet une Douma.", "17 octobre 1905"),
        ("de", "Am 17. Oktober 1905 a. St. erschien das Manifest.", "17. Oktober 1905"),
    ],
)
def test_time_old_style_markers_per_language(lang: str, text: str, quote: str) -> None:
    mention = _only(text, lang, quote)
    assert mention.time.calendar == "julian"
    assert mention.time.alternative is not None
    assert mention.time.alternative.start == D(1905, 10, 30)


def test_time_dual_dating() -> None:
    text = "The rising of 25 October/7 November 1917 brought the Bolsheviks to power."
    mention = _only(text, "en", "25 October/7 November 1917")
    assert (mention.time.calendar, mention.time.start) == ("julian", D(1917, 10, 25))
    assert mention.time.alternative is not None
    assert mention.time.alternative.start == D(1917, 11, 7)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Le 5\u00a0mai\u00a01821, il meurt.", "Le 5\u00a0mai\u00a01821"),
        ("Au\u202fprintemps 1848, Paris se soulève.", "printemps 1848"),
        ("L’année suivante, rien.", "L’année suivante"),
    ],
)
def test_time_spaces_and_apostrophes(text: str, quote: str) -> None:
    mentions = find_times("En 1820, il vit. " + text, "fr")
    assert quote in [m.text for m in mentions]


def test_time_case_insensitive_in_french() -> None:
    mention = _only("EN OCTOBRE 1927 TOUT CHANGE.", "fr", "OCTOBRE 1927")
    assert mention.time.value == "1927-10"


def test_time_narrative_time_is_last_date_before_position() -> None:
    text = "In March 1815 he landed. For seven years he waited. Every year he wrote. Then he sailed."
    mentions = find_times(text, "en")
    position = text.index("Then")
    value = narrative_time(mentions, position)
    assert value is not None
    assert (value.value, value.basis) == ("1815-03", "narrative")
    assert value.anchor == Span(3, 13)
    assert text[3:13] == "March 1815"
    assert narrative_time(mentions, 2) is None


@pytest.mark.parametrize(
    ("text", "lang", "then"),
    [
        ("In March 1999 the court met. The dispute dates back to May 1995. The judge ruled.", "en", "The judge"),
        ("Le tribunal siégea le 21 mai 1999. Les faits remontent au 27 mai 1998. Le juge a condamné Paul.", "fr", "Le juge"),
    ],
)
def test_time_a_look_back_does_not_date_what_follows(text: str, lang: str, then: str) -> None:
    mentions = find_times(text, lang)
    value = narrative_time(mentions, text.index(then))
    assert value is not None
    assert value.value in ("1999-03", "1999-05-21")


def test_time_narrative_time_takes_the_day_of_a_time_of_day() -> None:
    text = "Des coups de feu ont visé le TGV dimanche après-midi. Le train a été retardé."
    mentions = find_times(text, "fr", dct=dt.date(2002, 4, 2))
    assert [m.type for m in mentions] == ["TIME"]
    value = narrative_time(mentions, text.index("Le train"))
    assert value is not None
    assert (value.start, value.end, value.basis) == (dt.date(2002, 3, 31), dt.date(2002, 3, 31), "narrative")


_WORDS = st.sampled_from(
    [
        "in",
        "1917",
        "1923-4",
        "March",
        "May",
        "the following year",
        "January",
        "21",
        "the 1930s",
        "between",
        "and",
        "1925",
        "1,500",
        "pp.",
        "l'hiver",
        "1920-1921",
        "le mois précédent",
        "seven years",
        "(O.S.)",
        "early",
        "XIXe siècle",
        "29 February 1900",
        "février,",
        "en",
        "suivant",
        "Im",
        "folgenden",
        "Jahr",
        ".",
        ",",
        "\u00a0",
        "\n",
    ]
)


@settings(max_examples=120, deadline=None)
@given(st.lists(_WORDS, max_size=25), st.sampled_from(["en", "fr", "de"]))
def test_time_intervals_never_inverted_and_spans_inside_text(words: list[str], lang: str) -> None:
    text = " ".join(words)
    previous_end = 0
    for mention in find_times(text, lang):
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        assert mention.span.start >= previous_end
        previous_end = mention.span.end
        assert text[mention.span.start : mention.span.end] == mention.text
        time = mention.time
        if time.start is not None and time.end is not None:
            assert time.start <= time.end
        if time.anchor is not None:
            # before it, or the first full date after it when the story opens with months and no year
            assert time.anchor.end <= mention.span.start or (
                time.anchor.start >= mention.span.end and time.anchor.end <= len(text)
            )


@pytest.mark.parametrize(
    ("text", "lang", "phrase"),
    [
        ("Le 9 mars 1796, une semaine après avoir reçu le commandement, il se marie.", "fr", "une semaine après"),
        ("En mai 1814, deux jours avant son départ, il écrit au tsar.", "fr", "deux jours avant"),
    ],
)
def test_time_offset_anchored_on_an_event_is_a_duration(text: str, lang: str, phrase: str) -> None:
    # Regression: "une semaine après avoir reçu…" was resolved a week after the last date.
    found = {m.text: m for m in find_times(text, lang)}
    mention = found[phrase]
    assert mention.type == "DURATION"
    assert mention.time.start is None and mention.time.end is None


def test_time_adverbial_offset_still_resolves() -> None:
    found = {m.text: m for m in find_times("Le 9 mars 1796, il part. Trois jours après, il arrive.", "fr")}
    assert str(found["Trois jours après"].time.start) == "1796-03-12"


def test_time_a_story_opening_without_a_year_takes_the_year_of_its_first_full_date() -> None:
    text = (
        "In February the army crossed the river. By the end of March it had reached the coast. On 11 May 1941 the campaign ended."
    )
    values = [(m.text, m.time.value, m.time.anchor) for m in find_times(text, "en")]
    first = text.index("11 May 1941")
    assert values[0][:2] == ("February", "1941-02") and values[0][2] is not None and values[0][2].start == first
    assert values[1][:2] == ("the end of March", "1941-03")
    # With a document date the months count from it instead.
    assert find_times(text, "en", dct=dt.date(1950, 6, 1))[0].time.value == "1950-02"


@pytest.mark.parametrize(
    ("text", "lang", "phrase", "day"),
    [
        (
            "Am 8. März versenkte die Virginia zwei Schiffe. Am folgenden Tag traf sie auf die Monitor. "
            "Die Stadt fiel am Neujahrstag 1863.",
            "de",
            "Am folgenden Tag",
            "1862-03-09",
        ),
        (
            "On 8 March the Virginia sank two ships. The following day she met the Monitor. The town fell on 1 January 1863.",
            "en",
            "The following day",
            "1862-03-09",
        ),
    ],
)
def test_time_offset_counts_from_an_opening_month_dated_ahead(text: str, lang: str, phrase: str, day: str) -> None:
    # A story that opens on months with no year takes its year from its first full date; the days counted from
    # those months count from them too (they were left without a value).
    found = {m.text: m for m in find_times(text, lang)}
    assert str(found[phrase].time.start) == day
