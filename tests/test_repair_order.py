"""Page furniture and reading order in the repair stage."""

from __future__ import annotations

import random

from annales.pipeline import find_document_times
from annales.stages.read import read_bytes
from annales.stages.repair import repair

HEAD = "THE AGE OF BISMARCK"


def _page(body: str, number: int) -> str:
    return f"{HEAD}\n\n{body}\n\n- {number} -\n"


def test_repair_removes_page_furniture_with_exact_spans() -> None:
    pages = [
        "Otto von Bismarck was appointed minister president of Prussia in\n"
        "September 1862, in the middle of a quarrel over the army budget.",
        "He fought Denmark in 1864 and Austria in 1866, and the North German\n"
        "Confederation was founded in the following year under Prus-",
        "sian leadership, with the king of Prussia as its president.\n\nThe empire was proclaimed at Versailles in January 1871.",
    ]
    text = "\f".join(_page(body, k + 1) for k, body in enumerate(pages))
    text += "Revue d'histoire allemande · Page 4\n"
    repaired = repair(text, lang="en")
    kinds = [(f.kind, f.text) for f in repaired.furniture]
    assert kinds.count(("running-head", HEAD)) == 3
    assert ("page-number", "- 1 -") in kinds
    assert ("page-number", "- 3 -") in kinds
    assert ("footer", "Revue d'histoire allemande · Page 4") in kinds
    for furniture in repaired.furniture:
        assert text[furniture.span.start : furniture.span.end] == furniture.text
    assert HEAD not in repaired.text
    assert "Page 4" not in repaired.text
    # The page break inside "Prus-|sian" does not break the paragraph.
    assert "founded in the following year under Prussian leadership, with the king" in repaired.text
    assert repaired.text.count("\n\n") == 2


def test_repair_removes_mid_paragraph_running_head() -> None:
    filler = "\n".join(f"Line {k} of the chronicle of the Second Empire and its wars." for k in range(20))
    text = (
        f"HISTOIRE DE FRANCE 12\n\n{filler}\n\n"
        "The emperor surrendered at Se-\nHISTOIRE DE FRANCE 13\ndan in September 1870.\n\n"
        f"{filler}\n\nHISTOIRE DE FRANCE 14\n"
    )
    repaired = repair(text, lang="en")
    assert "surrendered at Sedan in September 1870." in repaired.text
    heads = [f for f in repaired.furniture if f.kind == "running-head"]
    assert [f.text for f in heads] == [f"HISTOIRE DE FRANCE {k}" for k in (12, 13, 14)]
    for furniture in heads:
        assert text[furniture.span.start : furniture.span.end] == furniture.text


def test_repair_keeps_section_headings_that_chapters_repeat() -> None:
    # The same heading under each year, between finished paragraphs, is the text's structure, not a running head:
    # it tells the reader (and the time engine) that a section starts over within its year.
    chapter = "\n\n".join(f"In month {k} the armies of the west moved again along the river." for k in range(9))
    text = "\n\n".join(f"{year}\n\nWestern theatre\n\n{chapter}\n\nEastern theatre\n\n{chapter}" for year in (1862, 1863))
    repaired = repair(text, lang="en")
    assert repaired.furniture == ()
    assert repaired.text.count("Western theatre") == 2
    assert repaired.text.count("Eastern theatre") == 2


def test_repair_keeps_numbers_inside_prose() -> None:
    text = "The treaty was signed in\n1871\nat Frankfurt after long talks."
    repaired = repair(text, lang="en")
    assert repaired.text == "The treaty was signed in 1871 at Frankfurt after long talks."
    assert repaired.furniture == ()


PARAGRAPHS = [
    "The Estates-General opened at Versailles in May 1789 amid bread shortages.",
    "The deputies of the Third Estate declared themselves a National Assembly in June, and the king could not undo the claim.",
    "Crowds in Paris stormed the Bastille on 14 July, looking for powder and arms.",
    "In August the Assembly abolished feudal privileges and adopted the Declaration of the Rights of Man.",
    "The royal family was brought back from Versailles to Paris in October by a crowd of market women.",
]


def _wrap(paragraph: str, width: int = 40) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return lines


def test_repair_restores_shuffled_blocks() -> None:
    # Cut the third paragraph inside "Bastille" and move its second half away.
    cut_para = PARAGRAPHS[2]
    head, tail = cut_para.split("Bastille", 1)
    first_half = "\n".join(_wrap(head)) + "\nBas-"
    second_half = "tille" + tail
    blocks = ["\n".join(_wrap(p)) for p in PARAGRAPHS[:2]]
    blocks += [first_half, "\n".join(_wrap(PARAGRAPHS[3])), "\n".join(_wrap(PARAGRAPHS[4])), second_half]
    text = "\n\n".join(blocks) + "\n"
    repaired = repair(text, lang="en")
    assert repaired.text.split("\n\n") == [*PARAGRAPHS[:2], cut_para, *PARAGRAPHS[3:]]
    assert len(repaired.joins) == 1
    join = repaired.joins[0]
    assert (join.before, join.after) == (2, 5)
    assert "Bas" in join.reason
    assert repaired.order_confidence < 1.0
    # The moved half still maps back to its own original words.
    at = repaired.text.index("tille on 14 July")
    span = repaired.to_original(at, at + len("tille on 14 July"))
    assert text[span.start : span.end] == "tille on 14 July"


def test_repair_shuffle_roundtrip_random_order() -> None:
    rng = random.Random(1789)
    halves: list[str] = []
    expected: list[str] = []
    words = ["declared", "Bastille", "abolished", "Versailles"]
    for paragraph, word in zip(PARAGRAPHS[1:], words, strict=True):
        head, tail = paragraph.split(word, 1)
        cut = len(word) // 2
        halves.append("\n".join(_wrap(head + word[:cut] + "-")))
        halves.append(word[cut:] + tail)
        expected.append(paragraph)
    order = list(range(len(halves)))
    rng.shuffle(order)
    # Keep every cut ahead of its continuation so the test is about moving, not guessing.
    firsts = [k for k in order if k % 2 == 0]
    seconds = [k for k in order if k % 2 == 1]
    text = "\n\n".join(halves[k] for k in firsts + seconds) + "\n"
    repaired = repair(text, lang="en")
    assert sorted(repaired.text.split("\n\n")) == sorted(expected)
    assert len(repaired.joins) == len(words)


def test_repair_leaves_unbroken_text_in_order() -> None:
    text = "\n\n".join("\n".join(_wrap(p)) for p in PARAGRAPHS)
    repaired = repair(text, lang="en")
    assert repaired.text.split("\n\n") == PARAGRAPHS
    assert repaired.joins == ()
    assert repaired.order_confidence == 1.0
    assert [b.index for b in repaired.blocks] == list(range(len(PARAGRAPHS)))


def test_repair_title_and_byline_lead_and_sections_keep_their_numbers() -> None:
    # A PDF extraction put the title block after the opening paragraph and section 2 before section 1.
    text = (
        "The Congress met at Vienna in the autumn of 1814 after the first fall of Napoleon.\n\n"
        "Jane Historian\n\n"
        "The Vienna Settlement\n\n"
        "Its delegates argued for months over Saxony and Poland before agreeing.\n\n"
        "2. The balance of power\n"
        "The great powers promised to meet again to keep the peace of Europe.\n\n"
        "1. The frontiers\n"
        "Prussia gained half of Saxony and Russia most of the Duchy of Warsaw.\n"
    )
    repaired = repair(text, lang="en")
    paragraphs = repaired.text.split("\n\n")
    assert paragraphs[:2] == ["Jane Historian", "The Vienna Settlement"]
    assert paragraphs.index(next(p for p in paragraphs if p.startswith("1."))) < paragraphs.index(
        next(p for p in paragraphs if p.startswith("2."))
    )
    for block in repaired.blocks:
        quote = repaired.text[block.clean.start : block.clean.end]
        assert quote.replace(" ", "") in text.replace("\n", "").replace(" ", "")


def test_repair_prefers_the_fragment_over_a_common_word_after_a_split() -> None:
    # "Men-" could glue onto "to" (rare "mento"); the fragment "shevism" is the real continuation.
    text = (
        "In his speech the leader called the doctrine a kind of Men-\n\n"
        "to the workers of the capital, who listened in silence.\n\n"
        "shevism, a charge his rivals resented for years afterwards.\n"
    )
    repaired = repair(text, lang="en")
    assert "a kind of Menshevism, a charge" in repaired.text
    join = next(j for j in repaired.joins if "shevism" in j.reason)
    assert (join.before, join.after) == (0, 2)
    at = repaired.text.index("shevism")
    span = repaired.to_original(at, at + len("shevism"))
    assert text[span.start : span.end] == "shevism"


def test_repair_leaves_an_ambiguous_sentence_cut_in_place() -> None:
    # Two lower-case pieces could both continue the cut sentence: no clear winner, no move.
    text = (
        "The garrison of the fortress held out through the winter and\n\n"
        "the spring brought no relief to the defenders of the walls.\n\n"
        "the relief army was still far away on the river.\n"
    )
    repaired = repair(text, lang="en")
    assert all(j.after == j.before + 1 for j in repaired.joins)
    assert repaired.text.index("the spring") < repaired.text.index("the relief army")


def test_repair_tells_capitals_inside_sentences_from_sentence_openers() -> None:
    # A sentence may go on with a name, or in German with any noun; "Der" or "The" open sentences.
    from annales.stages.repair.lines import Context

    german = Context(
        "Der Krieg begann im Sommer. Die preußische Armee siegte, und die Armee zog weiter. Der König blieb in der Hauptstadt.",
        "de",
    )
    assert german.capitalised("Armee") and german.capitalised("Hauptstadt")
    assert not german.capitalised("Der") and not german.capitalised("Die")
    english = Context("The army crossed the river. Then Napoleon entered the town, and Napoleon slept.", "en")
    assert english.capitalised("Napoleon")
    assert not english.capitalised("The") and not english.capitalised("Then")


def test_repair_order_keeps_a_year_heading_over_its_section() -> None:
    # Regression: a history cut mid-section, whose next section opens with a year and a title, had that
    # pair of headings moved to the front as if it were the document's title, or the year ordered apart
    # by the years it names; either way the year left its section and dated another.
    text = (
        "Die Flotte des Nordens blockierte die Häfen des Südens immer enger. Ein Kaperschiff des Südens "
        "brachte viele Handelsschiffe auf, ehe es am 19. Juni 1864 vor Cherbourg versenkt wurde.\n\n"
        "1863\n\n"
        "Politische Entwicklung\n\n"
        "Die Erklärung trat am 1. Januar in Kraft und veränderte den Krieg. Im Juni wurde ein neuer Staat "
        "in die Union aufgenommen. In der Hafenstadt kam es im August zu Unruhen.\n"
    )
    repaired = repair(text, lang="de")
    assert list(repaired.offsets) == sorted(repaired.offsets)  # nothing moved
    assert "\n\n1863\n\nPolitische Entwicklung\n\n" in repaired.text  # the year stays a paragraph of its own

    times = {m.text: m.time.value for m in find_document_times(read_bytes(text.encode("utf-8"), name="t.txt"))}
    assert times["1. Januar"] == "1863-01-01" and times["August"] == "1863-08"


def test_a_title_between_two_paragraphs_stays_a_title() -> None:
    """A one-line piece between a paragraph that ends its sentence and one that opens on a capital is a section
    title, however its words are cased ("Allies close in"): no sentence is cut there, nothing moves."""
    paragraphs = [
        "The winter offensive had stalled along the river by the end of January 1943. Supplies ran short on both "
        "sides of the front, and the armies dug in for the thaw. Reinforcements arrived slowly by rail.",
        "Allies close in",
        "In the spring, both armies prepared for a summer campaign in the centre. On 4 July the attack began at "
        "dawn along a front of two hundred kilometres. The defenders had laid minefields for months.",
        "Relationship between the two sides after the war",
        "Most observers expected the government to fall within a year. Things changed with the outbreak of war "
        "in the north in June 1950. The island was then protected by a fleet.",
    ]
    text = "\n\n".join(paragraphs) + "\n"
    repaired = repair(text, lang="en")
    assert [p.strip() for p in repaired.text.split("\n\n") if p.strip()] == paragraphs
