"""The claims grammar on parses built by hand: no model is loaded.

Each document is a spaCy ``Doc`` made from its words, heads, dependency labels, parts of speech,
lemmas and morphology, as spaCy's own tests make them, with the mentions the NER would give.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.tokens import Doc
from spacy.vocab import Vocab

from annales.records import Mention, Span, TimeMention, TimeValue
from annales.stages.claims import DraftClaim, extract_claims
from annales.stages.claims.coreference import Coreference
from annales.stages.claims.qualifiers import unasserted_infinitive
from annales.vocabulary import load_lexicon


class Word(NamedTuple):
    text: str
    head: int  # index of the head in the document (itself for a root)
    dep: str
    pos: str
    lemma: str = ""
    morph: str = ""


#: A vocabulary with the lexical attributes the grammar reads (lower case, is_alpha), and no model.
VOCAB = Vocab(lex_attr_getters=LEX_ATTRS)


def _doc(*words: Word) -> Doc:
    """A parsed document of ``words``, one space between them but none before a full stop."""
    spaces = [i + 1 < len(words) and words[i + 1].text not in (".", ",") for i in range(len(words))]
    return Doc(
        VOCAB,
        words=[w.text for w in words],
        spaces=spaces,
        heads=[w.head for w in words],
        deps=[w.dep for w in words],
        pos=[w.pos for w in words],
        lemmas=[w.lemma or w.text.lower() for w in words],
        morphs=[w.morph for w in words],
    )


def _person(doc: Doc, name: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(name, start + 1)
    return Mention(Span(start, start + len(name)), name, "PER")


def _roles(claim: DraftClaim) -> list[tuple[str, str]]:
    return [(p.role, p.name) for p in claim.participants]


def _one(claims: list[DraftClaim], type_: str) -> DraftClaim:
    found = [c for c in claims if c.type == type_]
    assert len(found) == 1, [(c.type, c.predicate) for c in claims]
    return found[0]


def test_claims_grammar_passive_subject_is_patient() -> None:
    doc = _doc(
        Word("Napoleon", 2, "nsubjpass", "PROPN"),
        Word("was", 2, "auxpass", "AUX", "be"),
        Word("exiled", 2, "ROOT", "VERB", "exile", "VerbForm=Part"),
        Word(".", 2, "punct", "PUNCT"),
    )
    claim = _one(extract_claims(doc, [], [_person(doc, "Napoleon")], lang="en"), "exile")
    assert _roles(claim) == [("patient", "Napoleon")]
    assert doc.text[claim.span.start : claim.span.end] == "Napoleon was exiled"


def test_claims_grammar_active_subject_is_agent_and_object_patient() -> None:
    doc = _doc(
        Word("Hindenburg", 1, "nsubj", "PROPN"),
        Word("appointed", 1, "ROOT", "VERB", "appoint"),
        Word("Hitler", 1, "dobj", "PROPN"),
        Word(".", 1, "punct", "PUNCT"),
    )
    mentions = [_person(doc, "Hindenburg"), _person(doc, "Hitler")]
    claim = _one(extract_claims(doc, [], mentions, lang="en"), "appointment")
    assert _roles(claim) == [("agent", "Hindenburg"), ("patient", "Hitler")]


def test_claims_grammar_an_undergoer_is_never_passive() -> None:
    # "was born": the subject of a birth undergoes it, yet it is the type's own role, not a passive patient.
    doc = _doc(
        Word("Goethe", 2, "nsubjpass", "PROPN"),
        Word("was", 2, "auxpass", "AUX", "be"),
        Word("born", 2, "ROOT", "VERB", "bear", "VerbForm=Part"),
        Word(".", 2, "punct", "PUNCT"),
    )
    claim = _one(extract_claims(doc, [], [_person(doc, "Goethe")], lang="en"), "birth")
    assert _roles(claim) == [("agent", "Goethe")]


def test_claims_grammar_a_light_verb_gives_the_event_noun_its_subject() -> None:
    doc = _doc(
        Word("Lenin", 1, "nsubj", "PROPN"),
        Word("suffered", 1, "ROOT", "VERB", "suffer"),
        Word("a", 3, "det", "DET"),
        Word("stroke", 1, "dobj", "NOUN"),
        Word(".", 1, "punct", "PUNCT"),
    )
    claim = _one(extract_claims(doc, [], [_person(doc, "Lenin")], lang="en"), "illness")
    assert _roles(claim) == [("agent", "Lenin")]
    assert claim.predicate == "stroke"


def test_claims_grammar_an_event_noun_without_a_light_verb_is_a_topic() -> None:
    # The same noun as the object of an ordinary verb names no participant and has no date: no claim.
    doc = _doc(
        Word("Lenin", 1, "nsubj", "PROPN"),
        Word("feared", 1, "ROOT", "VERB", "fear"),
        Word("a", 3, "det", "DET"),
        Word("stroke", 1, "dobj", "NOUN"),
        Word(".", 1, "punct", "PUNCT"),
    )
    assert extract_claims(doc, [], [_person(doc, "Lenin")], lang="en") == []


def test_claims_grammar_an_infinitive_under_a_verb_is_not_asserted() -> None:
    doc = _doc(
        Word("Stalin", 1, "nsubj", "PROPN"),
        Word("wanted", 1, "ROOT", "VERB", "want"),
        Word("to", 3, "aux", "PART"),
        Word("arrest", 1, "xcomp", "VERB", "arrest", "VerbForm=Inf"),
        Word("Trotsky", 3, "dobj", "PROPN"),
        Word(".", 1, "punct", "PUNCT"),
    )
    claim = _one(extract_claims(doc, [], [_person(doc, "Stalin"), _person(doc, "Trotsky")], lang="en"), "arrest")
    assert "hypothetical" in claim.qualifiers
    assert ("patient", "Trotsky") in _roles(claim)
    assert claim.confidence < 0.5  # an unasserted claim is worth less


def test_claims_grammar_an_infinitive_after_a_preposition_of_time_is_asserted() -> None:
    # "avant d'arriver à Paris": a time clause with an infinitive tells what happened.
    doc = _doc(
        Word("Il", 1, "nsubj", "PRON", "il"),
        Word("vécut", 1, "ROOT", "VERB", "vivre"),
        Word("avant", 4, "mark", "ADP"),
        Word("d'", 4, "mark", "ADP", "de"),
        Word("arriver", 1, "advcl", "VERB", "arriver", "VerbForm=Inf"),
    )
    lexicon = load_lexicon("fr")
    assert not unasserted_infinitive(doc[4], lexicon)
    doc_xcomp = _doc(
        Word("Il", 1, "nsubj", "PRON", "il"),
        Word("entreprit", 1, "ROOT", "VERB", "entreprendre"),
        Word("d'", 3, "mark", "ADP", "de"),
        Word("arrêter", 1, "xcomp", "VERB", "arrêter", "VerbForm=Inf"),
    )
    assert unasserted_infinitive(doc_xcomp[3], lexicon)


def test_claims_grammar_the_latter_is_the_last_person_named() -> None:
    doc = _doc(
        Word("Danton", 4, "nsubjpass", "PROPN"),
        Word("and", 0, "cc", "CCONJ"),
        Word("Desmoulins", 0, "conj", "PROPN"),
        Word("were", 4, "auxpass", "AUX", "be"),
        Word("arrested", 4, "ROOT", "VERB", "arrest", "VerbForm=Part"),
        Word(".", 4, "punct", "PUNCT"),
        Word("The", 7, "det", "DET", "the"),
        Word("latter", 9, "nsubjpass", "ADJ", "latter"),
        Word("was", 9, "auxpass", "AUX", "be"),
        Word("exiled", 9, "ROOT", "VERB", "exile", "VerbForm=Part"),
        Word(".", 9, "punct", "PUNCT"),
    )
    mentions = [_person(doc, "Danton"), _person(doc, "Desmoulins")]
    claims = extract_claims(doc, [], mentions, lang="en")
    assert _roles(_one(claims, "arrest")) == [("patient", "Danton"), ("patient", "Desmoulins")]
    exile = _one(claims, "exile")
    assert _roles(exile) == [("patient", "Desmoulins")]
    assert exile.participants[0].at == doc[7].idx  # named by "latter", which stands for Desmoulins


def test_claims_grammar_the_former_is_the_person_before() -> None:
    doc = _doc(
        Word("Danton", 4, "nsubjpass", "PROPN"),
        Word("and", 0, "cc", "CCONJ"),
        Word("Desmoulins", 0, "conj", "PROPN"),
        Word("were", 4, "auxpass", "AUX", "be"),
        Word("arrested", 4, "ROOT", "VERB", "arrest", "VerbForm=Part"),
        Word(".", 4, "punct", "PUNCT"),
        Word("The", 7, "det", "DET", "the"),
        Word("former", 9, "nsubjpass", "ADJ", "former"),
        Word("was", 9, "auxpass", "AUX", "be"),
        Word("exiled", 9, "ROOT", "VERB", "exile", "VerbForm=Part"),
        Word(".", 9, "punct", "PUNCT"),
    )
    mentions = [_person(doc, "Danton"), _person(doc, "Desmoulins")]
    assert _roles(_one(extract_claims(doc, [], mentions, lang="en"), "exile")) == [("patient", "Danton")]


def test_claims_grammar_a_pronoun_continues_the_previous_subject() -> None:
    doc = _doc(
        Word("Napoleon", 1, "nsubj", "PROPN"),
        Word("met", 1, "ROOT", "VERB", "meet"),
        Word("Alexander", 1, "dobj", "PROPN"),
        Word(".", 1, "punct", "PUNCT"),
        Word("He", 5, "nsubj", "PRON", "he"),
        Word("died", 5, "ROOT", "VERB", "die"),
        Word(".", 5, "punct", "PUNCT"),
    )
    mentions = [_person(doc, "Napoleon"), _person(doc, "Alexander")]
    persons = Coreference(doc, mentions, parsed=True)
    antecedent = persons.antecedent(doc[4])
    assert antecedent is not None and antecedent.text == "Napoleon"
    death = _one(extract_claims(doc, [], mentions, lang="en"), "death")
    assert _roles(death) == [("agent", "Napoleon")]


def _year(doc: Doc, year: int) -> TimeMention:
    start = doc.text.index(str(year))
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return TimeMention(Span(start, start + 4), str(year), "DATE", TimeValue(first, last, "year", str(year), str(year)))


def _victory(*verb: Word) -> Doc:
    """ "In 1815 a victory <verb…> the Empire ." with the verb's words given (heads count from 0)."""
    return _doc(
        Word("In", 1, "prep", "ADP"),
        Word("1815", len(verb) + 3, "pobj", "NUM"),
        Word("a", 3, "det", "DET"),
        Word("victory", len(verb) + 3, "nsubj", "NOUN"),
        *verb,
        Word("the", len(verb) + 5, "det", "DET"),
        Word("Empire", len(verb) + 3, "dobj", "PROPN"),
        Word(".", len(verb) + 3, "punct", "PUNCT"),
    )


def test_claims_grammar_an_event_noun_under_a_past_conditional_is_hypothetical() -> None:
    # "a victory would have saved the Empire": the modal hangs from the verb, the event is the noun's.
    doc = _victory(
        Word("would", 6, "aux", "AUX", "would"),
        Word("have", 6, "aux", "AUX", "have"),
        Word("saved", 6, "ROOT", "VERB", "save", "Tense=Past|VerbForm=Part"),
    )
    claim = _one(extract_claims(doc, [_year(doc, 1815)], [_person(doc, "Empire")], lang="en"), "battle")
    assert "hypothetical" in claim.qualifiers


def test_claims_grammar_a_future_in_the_past_is_asserted() -> None:
    # "the victory would bring him the Empire": a narrative's future in the past, not a counterfactual.
    doc = _victory(
        Word("would", 5, "aux", "AUX", "would"),
        Word("bring", 5, "ROOT", "VERB", "bring", "VerbForm=Inf"),
    )
    claim = _one(extract_claims(doc, [_year(doc, 1815)], [_person(doc, "Empire")], lang="en"), "battle")
    assert "hypothetical" not in claim.qualifiers


def test_quotations_close_within_their_paragraph() -> None:
    from annales.stages.claims.syntax import quotations

    text = 'Il dit : « Nous étions partis vendredi. » Puis “bien” et "x". « jamais fermée\n\nsuite »'
    assert [text[q.start : q.end] for q in quotations(text)] == ["« Nous étions partis vendredi. »", "“bien”", '"x"']


def test_an_office_is_nobodys_name() -> None:
    import spacy

    from annales.stages.analyse import office_phrase

    for text, office in (
        ("Secrétaire général du Comité Central", True),
        ("Secretary of State", True),
        ("General Secretary of the Central Committee", True),
        ("Commissaire Trotsky", False),
        ("Secretary Acheson", False),
        ("Staline", False),
    ):
        doc = spacy.blank("fr")(text)
        assert office_phrase(doc[:]) is office, text


def test_claims_grammar_a_pronoun_continues_the_subject_of_a_clause_before_it_in_its_sentence() -> None:
    # "Sealey wrote. When Cyrus attacked, he died.": the main clause names nobody before "he" (the clause parsed as
    # a relative one, as the small English model parses "In 404 BC when Cyrus … attempted")
    doc = _doc(
        Word("Sealey", 1, "nsubj", "PROPN"),
        Word("wrote", 1, "ROOT", "VERB", "write"),
        Word(".", 1, "punct", "PUNCT"),
        Word("When", 5, "advmod", "SCONJ"),
        Word("Cyrus", 5, "nsubj", "PROPN"),
        Word("attacked", 8, "relcl", "VERB", "attack"),
        Word(",", 8, "punct", "PUNCT"),
        Word("he", 8, "nsubj", "PRON", "he"),
        Word("died", 8, "ROOT", "VERB", "die"),
        Word(".", 8, "punct", "PUNCT"),
    )
    persons = Coreference(doc, [_person(doc, "Sealey"), _person(doc, "Cyrus")], parsed=True)
    antecedent = persons.antecedent(doc[7])
    assert antecedent is not None and antecedent.text == "Cyrus"


def test_claims_grammar_he_never_continues_a_group_named_in_the_plural() -> None:
    doc = _doc(
        Word("Germans", 1, "nsubj", "PROPN", "german", "Number=Plur"),
        Word("attacked", 1, "ROOT", "VERB", "attack"),
        Word(".", 1, "punct", "PUNCT"),
        Word("He", 4, "nsubj", "PRON", "he"),
        Word("died", 4, "ROOT", "VERB", "die"),
        Word(".", 4, "punct", "PUNCT"),
    )
    start = doc.text.index("Germans")
    persons = Coreference(doc, [Mention(Span(start, start + 7), "Germans", "MISC")], parsed=True)
    assert persons.antecedent(doc[3]) is None
