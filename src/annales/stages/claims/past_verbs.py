"""Events no lexicon word names, without a parse: the past verbs of a language read by word order (German).

With a parse, :mod:`predicates` makes every asserted past verb with a named subject a claim of type
``other``. German runs without one, so its verbs are read from their forms and their place in the clause:

- a clause's verb is a strong verb's Präteritum (``verbs.yaml``: "zog", "übernahm", "einnahm") or a weak past
  form ("führte", "verhandelten") that no article, possessive or preposition opens ("die erste Schlacht") and
  whose infinitive is a word of the language ("überfluten" is no past of "überfluen");
- it is the first such word of a main clause (the finite verb comes second) and the last of a clause that a
  conjunction or a relative pronoun opens (the finite verb comes last);
- it is not a state, a thought, a wish or a plan (the lexicon's ``states`` and ``plans``: "war", "hatte",
  "blieb", "sah … vor"), nor a link from one event to what followed (``outcome``: "führte zu einer Niederlage",
  "löste … aus");
- its subject, read from word order, is named (a mention, a rare capitalised word, "er" or "sie");
- a past passive ("wurde … aufgenommen") tells its participle (strong or weak, ``verbs.yaml``), with its
  subject as the one it happens to.

Only clauses that no listed trigger speaks for are read: where the lexicon names the event, the other
words of its clause are most often its circumstances; a clause of its own beside it tells a further event
("Die Polizei löste die Demonstration auf, indem sie in die Menge schoss").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.claims.clauses import clauses
from annales.stages.claims.drafts import DraftParticipant
from annales.stages.claims.predicates import PREDICATE_TYPE
from annales.stages.claims.triggers import Trigger
from annales.stages.claims.word_order import someone, word_order_participants
from annales.vocabulary.events import Lexicon, WordOrder
from annales.vocabulary.frequency import word_zipf
from annales.vocabulary.inflection import VerbTable, load_verbs

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["past_verb_triggers"]

#: The Zipf frequency (wordfreq) from which the infinitive a weak past form points to is a word of the language.
KNOWN_VERB = 2.5
#: Personal pronouns that name someone as a subject ("es" is most often an expletive: "kam es zu Kämpfen").
_PERSONS = frozenset({"er", "sie"})


def past_verb_triggers(
    sent: SpacySpan, triggers: Sequence[Trigger], lexicon: Lexicon, mentions: Sequence[Mention], time_spans: Sequence[Span]
) -> list[Trigger]:
    """The past verbs of ``sent`` that tell an event no listed trigger names, as triggers of type ``other``."""
    order = lexicon.word_order
    table = load_verbs(sent.doc.lang_)
    if order is None or table is None:
        return []
    found: list[Trigger] = []
    for start, end in clauses(sent, order):
        if any(t.listed and any(start <= k.i < end for k in t.tokens) for t in triggers):
            continue
        verb = _clause_verb(sent, start, end, table, order)
        passive = verb is not None and verb.lower_ in lexicon.passive_auxiliaries and table.preterite(verb.lower_)
        if passive and verb is not None:
            # "Im Juni wurde West Virginia … in die Union aufgenommen": a passive in the past tells its participle
            verb = _participle(sent, verb.i + 1, end, table, order)
        if verb is not None and _lemma(verb, table) in lexicon.implicatives:
            # "… den Nachschub unterbinden konnte", "mussten sich zurückziehen": what it could or had to do happened
            verb = _infinitive(sent, start, end, verb, table, order)
        if verb is None:
            continue
        lemma = _lemma(verb, table)
        if lemma in lexicon.states or lemma in lexicon.plans or _outcome(verb, lemma, start, end, lexicon):
            continue  # (nor a plan: "Der Plan sah vor, Dänemark einzunehmen")
        if lemma in lexicon.measures and _counted(sent, start, end, time_spans):
            continue  # "verlor die FNL mit über 40.000 Toten mehr als die Hälfte ihrer Kräfte": a measure, a tally
        drafted = word_order_participants(
            verb,
            sent,
            mentions,
            time_spans,
            lexicon,
            False,
            lambda token, role: DraftParticipant(role, token.text, _span(token), None),
        )
        subject = next((p for p in drafted if p.role == ("patient" if passive else "agent")), None)
        # (a word the models did not name counts when it is rare: a famous surname that is no rare word, "Rommel",
        # is as often a noun the language borrowed, and a verb no lexicon lists needs a surer subject)
        if subject is None or not (subject.name.lower() in _PERSONS or someone(subject, sent.doc.lang_, shared=False)):
            continue
        if not verb.lemma_:
            # a weak past form keeps no lemma from the analysis (it may be an adjective: "die ersten Truppen"); read
            # as a verb here, its claim's predicate is its infinitive ("führten": führen), as a strong verb's is
            verb.lemma_ = lemma
        found.append(Trigger([verb], PREDICATE_TYPE, nominal=False, listed=False))
    return found


def _counted(sent: SpacySpan, start: int, end: int, time_spans: Sequence[Span]) -> bool:
    """Whether a clause holds a number that is no part of a date: a verb of changing quantity (``measures``) then
    tells a measure ("stieg auf 500.000 Mann", "verlor 40.000 Mann"), not "verlor die Stadt"."""
    # (not an ordinal: "erreichte die deutsche 6. Armee den Fluss Schelde")
    return any(
        (t.like_num or t.text[:1].isdigit())
        and not t.text.endswith(".")
        and not any(s.start <= t.idx < s.end for s in time_spans)
        for t in sent.doc[start:end]
    )


def _outcome(verb: Token, lemma: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether a verb (of infinitive ``lemma``) tells that something followed from what its clause tells ("führte zu
    einer Niederlage", "…, was zu großer Empörung führte", "verursachte große Schäden": the language's
    ``outcome``), a link between events rather than one: a causative verb alone, or with its preposition in its
    clause."""
    frames = lexicon.outcome.get(lemma, ())
    if not frames:
        return False
    clause = [t for t in verb.doc[start:end] if t.i != verb.i]
    words = {t.lower_ for t in clause}
    order = lexicon.word_order
    # (not one that leads someone somewhere: "führte die Bauern zum Berg Isel" has an object, whose article is
    # neither the clause's first word, the subject or relative pronoun, nor the article of a preposition's noun)
    led = order is not None and any(
        t.lower_ in order.object_articles and t.i > start and t.doc[t.i - 1].lower_ not in order.prepositions for t in clause
    )
    return any(not frame or (frame[-1] in words and not led) for frame in frames)


def _clause_verb(sent: SpacySpan, start: int, end: int, table: VerbTable, order: WordOrder) -> Token | None:
    doc = sent.doc
    tokens = [doc[i] for i in range(start, end) if not (doc[i].is_punct or doc[i].lower_ in order.clause_words)]
    candidates = [t for t in tokens if t.is_alpha and t.text[:1].islower() and _past_form(t, table, order.closed)]
    if not candidates:
        return None
    opener = doc[start].lower_ if start > sent.start else ""
    # "…, nachdem die Japaner Peking eroberten", "…, die Peking eroberten": the verb comes last
    opens_phrase = bool(tokens) and (tokens[0].lower_ in order.articles or tokens[0].lower_ in order.prepositions)
    subordinate = opener in order.clause_words - order.coordinators or (opener == "," and opens_phrase)
    return candidates[-1] if subordinate else candidates[0]


def _participle(sent: SpacySpan, start: int, end: int, table: VerbTable, order: WordOrder) -> Token | None:
    """The participle a past passive auxiliary governs in its clause: the last lower-case word from ``start`` that
    is one ("wurde … aufgenommen", "wurden … hingerichtet")."""
    doc = sent.doc
    words = [
        doc[i]
        for i in range(start, end)
        if doc[i].is_alpha and doc[i].text[:1].islower() and doc[i].lower_ not in order.closed and table.participle(doc[i].lower_)
    ]
    return words[-1] if words else None


def _infinitive(sent: SpacySpan, start: int, end: int, verb: Token, table: VerbTable, order: WordOrder) -> Token | None:
    """The infinitive a verb like "konnte" or "musste" governs in its clause: the last lower-case word before it
    that ends like an infinitive of a verb the language uses, else the last after it ("mussten sich … zurückziehen")."""
    doc = sent.doc
    words = [
        doc[i]
        for i in range(start, end)
        if i != verb.i
        and doc[i].is_alpha
        and doc[i].text[:1].islower()
        and doc[i].lower_ not in order.closed
        and table.infinitive_form(doc[i].lower_)
        and word_zipf(doc[i].lower_, doc.lang_) >= KNOWN_VERB
        # (not an adjective before its noun: "zwang Johnston zum erneuten Ausweichen")
        and not (i + 1 < end and doc[i + 1].is_alpha and doc[i + 1].text[:1].isupper() and doc[i - 1].lower_ in order.closed)
    ]
    before = [w for w in words if w.i < verb.i]
    found = before or words
    return found[-1] if found else None


def _past_form(token: Token, table: VerbTable, closed: frozenset[str]) -> bool:
    if token.lower_ in closed:
        return False
    if table.preterite(token.lower_):
        return True
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    infinitive = table.weak(token.lower_)  # (every weak past ending of verbs.yaml ends in -te or -ten)
    # "führten" is "führen" in the past; "überfluten" no past of "überfluen", "erste" none of "ersen"
    known = infinitive is not None and word_zipf(infinitive, token.doc.lang_) >= KNOWN_VERB
    return before not in closed and known and not _attributive(token)


def _attributive(token: Token) -> bool:
    """Whether a weak past form stands between an inflected adjective and a noun, as an adjective itself ("andere
    improvisierte Hafträume", "zahlreiche zerstörte Dörfer"): a lower-case word ending in -e, -en, -em or -es
    before it, a capitalised word after it. (Not -er: "später besetzten Truppen die Stadt".)"""
    doc = token.doc
    if token.i == 0 or token.i + 1 >= len(doc):
        return False
    before, after = doc[token.i - 1], doc[token.i + 1]
    return (
        before.is_alpha
        and before.text[:1].islower()
        and before.lower_.endswith(("e", "en", "em", "es"))
        and after.is_alpha
        and after.text[:1].isupper()
    )


def _lemma(verb: Token, table: VerbTable) -> str:
    return (verb.lemma_ or table.weak(verb.lower_) or verb.lower_).lower()


def _span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text))
