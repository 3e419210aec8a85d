"""Who does what without a parse: subject and object read from word order and articles.

For a language with no parser (German runs on rules), the lexicon's ``word_order`` section lists the articles
that open a subject noun phrase and those that open an object, the prepositions (a noun phrase after one is
neither), and the words that join clauses. In a clause, the first noun phrase not governed by a preposition
whose article can open a subject is the subject ("Die Kommunisten eroberten …", "Am 8. März versenkte die
CSS Virginia …"); the next one whose article can open an object is the object ("… eroberten die Nordstaaten
den Hafen von Galveston"). A verb whose clause names no subject shares the subject of the clause before it
in the sentence ("Die Japaner marschierten … ein, eroberten Peking und rückten … vor"). The subject of a
passive is its patient, and the phrase after an agent preposition its agent ("von der USS Kearsarge
versenkt").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.analyse import doc_text
from annales.stages.claims.clauses import (
    after_subordinate,
    bare_verb,
    clauses,
    genitive_attribute,
    light_verb,
    marked_infinitive,
    own_clause,
    verb_first,
)
from annales.stages.claims.drafts import DraftParticipant
from annales.stages.claims.noun_phrases import (
    OBJECT_PRONOUN,
    Phrase,
    article_of,
    first_subject,
    name_like,
    noun_end,
    noun_phrases,
)
from annales.stages.claims.referents import town_before
from annales.stages.claims.titles import apposed_person
from annales.stages.claims.triggers import Trigger, noun_type
from annales.stages.gazetteer import gazetteer
from annales.vocabulary.claim_words import claim_words, listed
from annales.vocabulary.events import Lexicon, WordOrder, load_lexicon
from annales.vocabulary.inflection import load_verbs
from annales.vocabulary.names import name_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = [
    "assign_by_clause",
    "light_verb_subject",
    "genitive_name",
    "noun_participants",
    "someone",
    "thing",
    "word_order_participants",
]

#: The shortest name in the genitive read without the models ("Lenins").
_GENITIVE_NAME = 5


def word_order_participants(
    head: Token,
    sent: SpacySpan,
    mentions: Sequence[Mention],
    time_spans: Sequence[Span],
    lexicon: Lexicon,
    passive: bool,
    pronoun: Callable[[Token, str], DraftParticipant],
    within: Callable[[SpacySpan], tuple[Sequence[Mention], Sequence[Span]]] | None = None,
    *,
    partner: bool = False,
    human: bool = False,
) -> list[DraftParticipant]:
    """The subject (agent, or patient of a passive) and object of the verb ``head``, read from word order; a
    passive's agent from its agent preposition. Nothing for a language without ``word_order``. For an event that
    happens to people only (``human``), a bare capitalised word as a passive's subject is a person's name ("wurde
    Stalin verhaftet": a common noun there takes an article).
    ``pronoun`` gives the participant a personal pronoun stands for, unless ``within`` (the mentions and the
    dates of a sentence) lets the subject before that agrees with it be read (:func:`_antecedent`). For an event
    held with someone (``partner``: a meeting, a treaty, a marriage), someone after a "with" word is a patient too
    ("traf sich … mit Madero")."""
    order = lexicon.word_order
    if order is None:
        return []
    parts = clauses(sent, order)
    own = next((c for c in parts if c[0] <= head.i < c[1]), None)
    if own is None:
        return []
    found: list[DraftParticipant] = []
    # "Am 19. Juni wurde die CSS Alabama von der USS Kearsarge versenkt": the auxiliary opens the clause
    passive = passive or any(t.lower_ in lexicon.passive_auxiliaries for t in sent.doc[own[0] : head.i])
    every = noun_phrases(sent, own, mentions, time_spans, order)
    with_phrases = (
        _draft(p, "patient", sent, mentions) for p in every if partner and p.governed and p.after in lexicon.with_words
    )
    partners = [d for d in with_phrases if someone(d, sent.doc.lang_)]
    holder = _holder(head, every)
    if holder is not None:
        return _attributive(head, holder, sent, mentions, lexicon) + partners
    phrases = [p for p in every if not (p.start <= head.i < p.end)]
    free = [p for p in phrases if not p.governed]
    if not passive and any(t.lower_ in order.state_auxiliaries for t in sent.doc[own[0] : head.i]):
        # "Ungarn war am 4. April vollständig von der Roten Armee erobert": "war" and a participle with someone after
        # an agent's preposition is a passive of state (not "war … marschiert", a perfect with no agent)
        agents = [p for p in phrases if p.governed and p.after in lexicon.agent_prepositions and p.start < head.i]
        passive = any(someone(_draft(p, "agent", sent, mentions), sent.doc.lang_) for p in agents) or (
            not agents and _state_participle(head, order)
        )
    # "…, Hanoi im Norden zu bombardieren": an infinitive's clause set apart by a comma has no subject of its own
    infinitive = sent.doc[own[0]].text == "," and marked_infinitive(head, lexicon)
    subject = (
        None
        if (verb_first(sent, own, order) and not after_subordinate(sent, own, parts, order)) or infinitive
        else first_subject(free, order)
    )
    if subject is None:
        # "…, eroberten Peking und rückten … vor": the subject of the clause before that names one
        for clause in reversed([c for c in parts if c[1] <= own[0]]):
            if verb_first(sent, clause, order) or not any(bare_verb(t, order) for t in sent.doc[clause[0] : clause[1]]):
                continue  # (a clause with no verb, "und Mittelchina", has no subject to share)
            earlier = [p for p in noun_phrases(sent, clause, mentions, time_spans, order) if not p.governed]
            subject = first_subject(earlier, order)
            if subject is not None and infinitive:
                # "drängten die Stabschefs den Präsidenten, … zu bombardieren": an object there does what it is
                # urged or made to do; else the subject does ("beschloss Johnson, … zu bombardieren")
                subject = next((p for p in earlier if p.start > subject.start and p.article in order.object_articles), subject)
            if subject is not None:
                break
    subjects = [] if subject is None else [subject, *_coordinated(subject, phrases, sent, order)]
    role = "patient" if passive else "agent"
    for phrase in subjects:
        if phrase.article == "pron":
            word = sent.doc[phrase.start]
            before = [c for c in parts if c[1] <= own[0]]
            antecedent = None if within is None else _antecedent(word, sent, before, within, order)
            if antecedent is None:
                found.append(pronoun(word, role))
            else:
                subject_before, its_sentence, its_mentions = antecedent
                found.append(_draft(subject_before, role, its_sentence, its_mentions))
        elif someone(drafted := _draft(phrase, role, sent, mentions, within), sent.doc.lang_) or (
            human and passive and not phrase.article and phrase.end - phrase.start == 1 and drafted.name[:1].isupper()
        ):
            found.append(drafted)  # (a thing as subject, "der Code civil wurde verkündet", is left to the claim's words)
    if passive:
        # "von der USS Kearsarge versenkt", not "durch Erlass verkündet": an agent is someone; not in the next verb's
        # part of the clause ("bombardiert und zwei Tage später durch Artilleriebeschuss zerstört") nor a part of a
        # quantity ("mit Tausenden von Flüchtlingen an Bord durch ein U-Boot torpediert")
        limit = next((t.i for t in sent.doc[head.i + 1 : own[1]] if t.lower_ in order.coordinators), own[1])
        by = (
            _draft(p, "agent", sent, mentions)
            for p in phrases
            if p.governed
            and p.after in lexicon.agent_prepositions
            and p.start < limit
            and not _of_event_noun(p, sent, lexicon)
            and not _of_quantity(p, sent, order, time_spans)
        )
        agent = next((a for a in by if someone(a, sent.doc.lang_)), None)
        if agent is not None:
            found.append(agent)
    else:
        rest = [p for p in free if p not in subjects and p.article != "pron" and (subject is None or p.start > subject.start)]
        target = next((p for p in rest if p.article in order.object_articles or not p.article), None)
        if target is not None:  # with the names joined to it ("Hải Phòng und Hanoi")
            found += [_draft(p, "patient", sent, mentions, within) for p in (target, *_coordinated(target, phrases, sent, order))]
        elif within is not None:
            # "… nahm 14.000 Algerier fest und brachte sie in Sportstadien", "ließ er ihn verhaften": an object pronoun
            # ("sie" too when the clause shares the subject of the one it is joined to by "und"; after a subordinate
            # clause, "zogen sie sich zurück", it is the subject)
            joined = any(t.lower_ in order.coordinators for t in sent.doc[max(own[0] - 1, sent.start) : own[0] + 1])
            shared = bool(subjects) and subjects[0].start < own[0]
            pronouns = (
                p
                for p in free
                if p not in subjects and (p.article == OBJECT_PRONOUN or (p.article == "pron" and (joined or not shared)))
            )
            pronoun_word = next((sent.doc[p.start] for p in pronouns if sent.doc[p.start].lower_ in order.object_pronouns), None)
            taken = {d.name for d in found}
            antecedent = None if pronoun_word is None else _object_antecedent(pronoun_word, sent, own, within, order, taken)
            if antecedent is not None:
                phrase, its_sentence, its_mentions = antecedent
                found.append(_draft(phrase, "patient", its_sentence, its_mentions))
    # "kämpften gegen die Japaner", "traf auf die USS Monitor": someone the verb is aimed at
    aimed = (_draft(p, "patient", sent, mentions) for p in phrases if p.governed and p.after in lexicon.against_words)
    found += [a for a in aimed if someone(a, sent.doc.lang_)]
    return found + partners


def _state_participle(head: Token, order: WordOrder) -> bool:
    """Whether a word is the participle of a verb whose perfect takes "to have" (``sein_verbs`` lists the others):
    after "war" with no agent, a passive of state ("am 10. April war Zagreb besetzt"), not a pluperfect ("war …
    marschiert")."""
    table = load_verbs(head.doc.lang_)
    infinitive = table.participle(head.lower_) if table is not None else None
    if table is None or infinitive is None:
        return False
    # (with a separable particle too: "zurückmarschiert"; not an inseparable prefix: "überfallen" takes "haben")
    bare = {infinitive} | {infinitive[len(p) :] for p in table.particles if infinitive.startswith(p)}
    return not bare & order.sein_verbs


def light_verb_subject(
    noun: Token,
    sent: SpacySpan,
    mentions: Sequence[Mention],
    time_spans: Sequence[Span],
    lexicon: Lexicon,
    pronoun: Callable[[Token, str], DraftParticipant],
    within: Callable[[SpacySpan], tuple[Sequence[Mention], Sequence[Span]]] | None = None,
) -> list[DraftParticipant]:
    """The subject of the light verb that carries an event noun in its clause, read from word order ("Im Frühjahr
    1919 begann die Rote Armee eine Offensive": the Red Army), as the event's agents; none without one."""
    order = lexicon.word_order
    if order is None:
        return []
    own = own_clause(noun, sent, order)
    if own is None:
        return []
    # (not a noun a preposition governs, but "with": "wegen eines deutschen Angriffs", and after the genitive name
    # that opens its phrase, "als sie aufgrund General McClellans Halbinsel-Feldzug … verlor"; but "begann die
    # Luftwaffe mit Angriffen auf London")
    phrases = noun_phrases(sent, own, mentions, time_spans, order)
    if any(p.governed and p.after not in lexicon.with_words and p.start <= noun.i <= p.end for p in phrases):
        return []
    if genitive_attribute(noun, sent, order):
        return []  # "übten Einfluss auf die Entwicklung des Bürgerkriegs aus": the war is the development's
    for token in sent.doc[own[0] : own[1]]:
        if token.i == noun.i or not bare_verb(token, order):
            continue
        if light_verb(token, lexicon):
            found = word_order_participants(token, sent, mentions, time_spans, lexicon, False, pronoun, within)
            return [p for p in found if p.role == "agent" and not (p.span.start <= noun.idx < p.span.end)]
    return []


def noun_participants(
    noun: Token, sent: SpacySpan, mentions: Sequence[Mention], lexicon: Lexicon, targets: frozenset[str]
) -> tuple[DraftParticipant | None, DraftParticipant | None]:
    """An event noun's genitive or of-phrase and its target, read from word order: the phrase right after it
    that a genitive article or an "of" opens ("die Attacke der japanischen 5. Armee", "der Angriff von
    Kuomintang-Truppen"), and the one a target preposition opens after that ("… auf die linke Flanke der
    Russen"); each None where the words are not there. A phrase counts when it names someone (a name, or a noun
    of people: ``people_nouns``, ``body_nouns``)."""
    order = lexicon.word_order
    doc = sent.doc
    if order is None or noun.i + 1 >= sent.end:
        return None, None

    def phrase_at(i: int, owner: bool = True) -> tuple[DraftParticipant | None, int]:
        start = i + 1 if i < sent.end and doc[i].lower_ in order.articles else i
        end = noun_end(doc, start, sent.end, mentions, order)
        if end is None or end <= start:
            return None, i
        draft = _draft(Phrase("", start, end, True, ""), "patient", sent, mentions)
        if draft.label is not None or someone(draft, doc.lang_):
            return draft, end
        if owner and end < sent.end and doc[end].lower_ in order.genitive_articles:
            return phrase_at(end, owner=False)[0], end  # "auf die linke Flanke der Russen": the Russians
        return None, end

    after = doc[noun.i + 1]
    word = after.lower_
    of, end = (None, noun.i + 1)
    if word in order.genitive_articles or word in lexicon.of_words:
        of, end = phrase_at(noun.i + 1 + (word not in order.genitive_articles))
    elif any(m.span.start == after.idx and m.label in ("PER", "ORG", "LOC") for m in mentions):
        of, end = phrase_at(noun.i + 1)  # "der Angriff Deutschlands auf die Sowjetunion"
        places = gazetteer()
        known = of is not None and (of.label == "PER" or (of.name not in places and of.name.removesuffix("s") in places))
        if of is not None and known and of.name == after.text and len(of.name) >= _GENITIVE_NAME:
            # a name right after the noun, with no article, is in the genitive: "die Verhaftung Bucharins", "der
            # Sieg Athens"
            of = replace(of, name=of.name.removesuffix("s"), span=Span(of.span.start, of.span.end - of.name.endswith("s")))
    elif (name := genitive_name(after, order)) is not None:
        of, end = name, noun.i + 2  # "der Tod Lenins", "die Verhaftung Bucharins"
    # (the target within a few words after it, before the clause goes on: "Attacke der 5. Armee auf die Flanke")
    target = None
    for i in range(end, min(end + 2, sent.end)):
        if doc[i].lower_ in targets:
            target, _ = phrase_at(i + 1)
            break
        if doc[i].is_punct or doc[i].pos_ in ("VERB", "AUX"):
            break
    return of, target


def genitive_name(token: Token, order: WordOrder) -> DraftParticipant | None:
    """A name in the genitive that the models missed: a capitalised word in "-s" with no article whose stem is a
    rare word ("Trotzkis", "Bucharins"; not "Krieges", "Frankreichs": words the language uses, nor a town the
    gazetteer knows), as the person."""
    word = token.text
    if len(word) < _GENITIVE_NAME or not word.endswith("s") or not word.isalpha() or not name_like(word[:-1], token.doc.lang_):
        return None
    if token.i > 0 and token.doc[token.i - 1].lower_ in order.articles:
        return None
    if word[:-1] in gazetteer():
        return None  # a town ("die Bombardierung Rotterdams"), whose role its event's type says, not a person
    return DraftParticipant("patient", word[:-1], Span(token.idx, token.idx + len(word) - 1), "PER")


def _antecedent(
    word: Token,
    sent: SpacySpan,
    before: Sequence[tuple[int, int]],
    within: Callable[[SpacySpan], tuple[Sequence[Mention], Sequence[Span]]],
    order: WordOrder,
) -> tuple[Phrase, SpacySpan, Sequence[Mention]] | None:
    """The subject a subject pronoun continues, with its sentence and that sentence's mentions: the last subject
    before it, in its sentence or the two before, whose article agrees with it (``pronoun_articles``: "Die
    Polizei löste die Demonstration auf. … nahm sie 14.000 Algerier fest"); the same pronoun before it carries
    the chain on. None when the subject before is another, or a bare name (a person's pronoun is the
    coreference's to read)."""
    agreeing = order.pronoun_articles.get(word.lower_)
    if not agreeing:
        return None
    doc = sent.doc
    for where, clause, mentions, dates in _clauses_before(sent, before, within, order):
        if verb_first(where, clause, order):
            continue
        subject = first_subject([p for p in noun_phrases(where, clause, mentions, dates, order) if not p.governed], order)
        if subject is None:
            continue
        if subject.article == "pron" and doc[subject.start].lower_ == word.lower_:
            continue  # "sie … sie": the chain goes on
        article = article_of(subject, doc, order)
        if article != subject.article and not someone(_draft(subject, "agent", where, mentions), doc.lang_):
            return None  # a count of things ("Vier Großangriffe der Kuomintang-Truppen …, zogen sie sich …")
        return (subject, where, mentions) if article in agreeing else None
    return None


def _object_antecedent(
    word: Token,
    sent: SpacySpan,
    own: tuple[int, int],
    within: Callable[[SpacySpan], tuple[Sequence[Mention], Sequence[Span]]],
    order: WordOrder,
    subjects: AbstractSet[str],
) -> tuple[Phrase, SpacySpan, Sequence[Mention]] | None:
    """The phrase an object pronoun stands for, with its sentence and that sentence's mentions: the last phrase
    before its clause, in its sentence or the two before, that names someone, is not the clause's subject
    (``subjects``: the names found for it) and whose article agrees with the pronoun (``object_pronouns``: "nahm
    14.000 Algerier fest und brachte sie …": the Algerians; "traf den Minister … ließ ihn verhaften": the minister);
    "ihn" stands for a person named alone too ("traf Talleyrand … entließ ihn")."""
    agreeing = order.object_pronouns.get(word.lower_, frozenset())
    doc = sent.doc
    before = [c for c in clauses(sent, order) if c[1] <= own[0]]
    for where, clause, mentions, dates in _clauses_before(sent, before, within, order):
        for phrase in reversed([p for p in noun_phrases(where, clause, mentions, dates, order) if not p.governed]):
            if phrase.article in ("pron", OBJECT_PRONOUN):
                continue  # ("ließ er ihn verhaften. … entließ Napoleon ihn": over the pronouns to the name)
            drafted = _draft(phrase, "patient", where, mentions)
            if drafted.name in subjects or not someone(drafted, doc.lang_):
                continue
            article = article_of(phrase, doc, order)
            alone = not article and drafted.label == "PER" and word.lower_ not in order.subject_pronouns
            return (phrase, where, mentions) if article in agreeing or alone else None
    return None


def _clauses_before(
    sent: SpacySpan,
    before: Sequence[tuple[int, int]],
    within: Callable[[SpacySpan], tuple[Sequence[Mention], Sequence[Span]]],
    order: WordOrder,
) -> Iterator[tuple[SpacySpan, tuple[int, int], Sequence[Mention], Sequence[Span]]]:
    """Where a pronoun's referent may be named, nearest first: the clauses of its sentence ``before`` it, then every
    clause of the two sentences before, each with its sentence and that sentence's mentions and dates."""
    doc = sent.doc
    where, parts = sent, list(before)
    for _ in range(3):  # its sentence, then the two before
        mentions, dates = within(where)
        for clause in reversed(parts):
            yield where, clause, mentions, dates
        if where.start == 0:
            return
        where = doc[where.start - 1].sent
        parts = clauses(where, order)


def _of_event_noun(phrase: Phrase, sent: SpacySpan, lexicon: Lexicon) -> bool:
    """Whether a phrase's preposition follows an event noun or a noun of a kind of place, whose attribute it is ("in
    der Seeschlacht von Lade zerstört": the place of the battle, not who destroyed; "im Wald von Compiègne von
    Hitler empfangen": the forest's name, not who received)."""
    order = lexicon.word_order
    i = phrase.start - 1
    while order is not None and i > sent.start and sent.doc[i].lower_ in order.articles:
        i -= 1
    noun = sent.doc[i - 1] if i > sent.start else None
    if noun is None or not noun.text[:1].isupper():
        return False
    return noun_type(noun.lower_, lexicon) is not None or noun.lower_ in name_words().place_nouns


def _of_quantity(phrase: Phrase, sent: SpacySpan, order: WordOrder, time_spans: Sequence[Span]) -> bool:
    """Whether a phrase's preposition follows a number or a word of quantity ("Tausenden von Flüchtlingen"; not
    a date's: "am 11. Februar 1945 von der Roten Armee")."""
    doc = sent.doc
    i = next(
        (k for k in range(phrase.start - 1, max(sent.start, phrase.start - 3) - 1, -1) if doc[k].lower_ == phrase.after), None
    )
    if i is None or i == sent.start:
        return False
    before = doc[i - 1]
    if any(span.start <= before.idx < span.end for span in time_spans):
        return False
    return before.like_num or before.lower_.rstrip("en") in order.degree_words


def _holder(head: Token, phrases: Sequence[Phrase]) -> Phrase | None:
    """The noun phrase whose noun a participle stands before."""
    return next((p for p in phrases if p.start <= head.i < p.end - 1 and p.article), None)


def _attributive(
    head: Token, holder: Phrase, sent: SpacySpan, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[DraftParticipant]:
    """The participants of a participle inside a noun phrase, before its noun ("die von den Japanern eroberte
    Stadt"): the noun undergoes it, and the phrase after an agent preposition before the participle does it."""
    doc = sent.doc
    order = lexicon.word_order
    assert order is not None
    noun = head.i + 1
    while noun < holder.end and not doc[noun].text[:1].isupper():
        noun += 1
    found = [_draft(Phrase(holder.article, noun, holder.end, holder.governed, holder.after), "patient", sent, mentions)]
    by = next((t for t in doc[holder.start : head.i] if t.lower_ in lexicon.agent_prepositions), None)
    if by is not None:
        start = by.i + 1 + (by.i + 1 < head.i and doc[by.i + 1].lower_ in order.articles)
        end = noun_end(doc, start, head.i, mentions)
        if end is not None:
            agent = _draft(Phrase("", start, end, True, by.lower_), "agent", sent, mentions)
            if someone(agent, doc.lang_):
                found.append(agent)
    return found


def assign_by_clause(
    triggers: Sequence[Trigger],
    items: Sequence[Mention],
    sent: SpacySpan,
    order: WordOrder,
    slot: Callable[[Trigger], list[Mention]] = lambda t: t.places,
) -> list[Mention]:
    """Give each item to the one verb of the clause it stands in, into ``slot(trigger)`` ("marschierten in
    Frankreich ein, eroberten Metz": Frankreich is where they marched); the items left are those of a clause
    with no verb or several."""
    doc = sent.doc
    parts = clauses(sent, order)
    left: list[Mention] = []
    for item in items:
        token = doc.char_span(item.span.start, item.span.end, alignment_mode="expand")
        clause = next((c for c in parts if token is not None and c[0] <= token.start < c[1]), None)
        own = [t for t in triggers if clause is not None and not t.nominal and clause[0] <= t.head.i < clause[1]]
        if len(own) == 1:
            slot(own[0]).append(item)
        else:
            left.append(item)
    return left


def _coordinated(first: Phrase, phrases: Sequence[Phrase], sent: SpacySpan, order: WordOrder) -> list[Phrase]:
    """The phrases joined to ``first`` by a coordinator ("Hitler und Neville Chamberlain")."""
    doc = sent.doc
    found: list[Phrase] = []
    last = first
    for phrase in phrases:
        if phrase.start <= last.start:
            continue
        joint = doc[last.end : phrase.start]
        words = [t for t in joint if t.lower_ not in order.subject_articles]
        if len(words) == 1 and words[0].lower_ in order.coordinators and phrase.article != "pron":
            found.append(phrase)
            last = phrase
        else:
            break
    return found


def someone(participant: DraftParticipant, lang: str, shared: bool = True) -> bool:
    """Whether a participant is a named one (a mention, two capitalised words, or a rare one) or people
    (``people_nouns``), not a thing ("durch Erlass"); a famous surname that is no rare word counts unless not
    ``shared`` (:func:`name_like`)."""
    if participant.label is not None or sum(w[:1].isupper() for w in participant.name.split()) >= 2:
        return True  # a name ("die USS Kearsarge", which the model missed)
    words = participant.name.lower().split()
    if not words:
        return False
    people = claim_words().people_nouns
    # the head with an ending taken off, or the end of a compound ("Nordstaaten": staat, "Kuomintang-Truppen")
    stems = {words[-1][: len(words[-1]) - k] for k in range(0, 4)}
    # (each ending of four letters or more looked up, not each people noun tried as an ending)
    if any(stem[i:] in people for stem in stems for i in range(len(stem) - 3)) or stems & people:
        return True
    lexicon = load_lexicon(lang)
    order = lexicon.word_order
    if order is not None and len(words) == 1 and words[0].endswith(order.abstract_endings):
        return False  # "die Planungen sahen … vor", "Desertionen erreichten …": an act or a quality, no one
    # "die Virginia", "Farragut" (not "Großangriffe": a compound of an event noun names an event)
    return name_like(participant.name, lang, shared) and noun_type(participant.name.lower(), lexicon) is None


def thing(
    participant: DraftParticipant, doc: Doc, mentions: Sequence[Mention], time_spans: Sequence[Span], order: WordOrder
) -> bool:
    """Whether a participant read from word order is a thing the event concerns, no one taking part: a common
    noun that is not someone (:func:`someone`), with an adjective or a number before it or an article no name
    takes ("verschärfte seine Strategie", "den militärischen Nachschub", "eroberten fünfzehn Gebiete"; not "die
    Sowjetunion", which may be a name the models missed)."""
    if someone(participant, doc.lang_):
        return False
    if any(m.span.start < participant.span.end and participant.span.start < m.span.end for m in mentions):
        return False
    span = doc.char_span(participant.span.start, participant.span.end, alignment_mode="expand")
    if span is None:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and any(s.start <= before.idx < s.end for s in time_spans):
        before = None  # "im Mai 1862 Memphis erreichten": a date's number, not a count
    return any(t.text[:1].islower() or t.like_num for t in span) or (
        before is not None and (before.lower_ in order.common_articles or before.like_num)
    )


def _draft(
    phrase: Phrase,
    role: str,
    sent: SpacySpan,
    mentions: Sequence[Mention],
    within: Callable[[SpacySpan], tuple[Sequence[Mention], Sequence[Span]]] | None = None,
) -> DraftParticipant:
    """The participant a phrase names: the mention it holds, else its words; with ``within`` (the mentions and
    dates of a stretch of text), a definite noun of a settlement alone stands for the town named last before it."""
    doc = sent.doc
    first = doc[phrase.start]
    last = doc[phrase.end - 1]
    span = Span(first.idx, last.idx + len(last.text))
    named = next((m for m in mentions if span.start <= m.span.start < span.end), None)
    if named is not None and named.label in ("PER", "ORG", "LOC", "MISC"):
        return DraftParticipant(role, named.text, named.span, named.label)
    words = name_words()
    if last.lower_ in words.place_nouns and phrase.end + 1 < len(doc) and doc[phrase.end].lower_ in words.place_of:
        place = next((m for m in mentions if m.span.start == doc[phrase.end + 1].idx), None)
        if place is not None:  # "den Hafen von Galveston": the place
            return DraftParticipant(role, place.text, place.span, "LOC")
    lexicon = load_lexicon(doc.lang_)
    if last.lower_ in lexicon.document_nouns and phrase.end + 1 < len(doc) and doc[phrase.end].lower_ in words.place_of:
        name = next((m for m in mentions if m.span.start == doc[phrase.end + 1].idx), None)
        if name is not None:  # "den Vertrag von Versailles": the document by its name
            return DraftParticipant(role, doc_text(doc)[first.idx : name.span.end], Span(first.idx, name.span.end), "MISC")
    person = apposed_person(doc, span.start, span.end, mentions)
    if person is not None:  # "den Oberbefehlshaber des Heeres, Walther von Brauchitsch": the person
        return DraftParticipant(role, person.text, person.span, person.label)
    order = lexicon.word_order
    definite = phrase.article not in ("", "pron") and (order is None or phrase.article not in order.common_articles)
    if within is not None and first == last and definite and listed(first, words.settlement_nouns):
        # "Galveston … Die Stadt wurde … zurückerobert": a definite noun of a settlement alone is the town named before
        place = town_before(first, within(doc[: sent.end])[0])
        if place is not None:
            return DraftParticipant(role, place.text, place.span, "LOC")
    return DraftParticipant(role, phrase.text(sent), span, None)
