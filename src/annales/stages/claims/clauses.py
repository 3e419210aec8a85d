"""German clause structure without a parse: where a sentence's clauses begin and end, and what word order tells
of a clause's verb.

German runs on rules (no spaCy pipeline of it is on PyPI), so :mod:`word_order` reads subjects and objects
from the articles and the place of the words in a clause. This module cuts the clauses (at commas, semicolons
and the language's joining words, not between two names, two verbs or two adjectives of one noun) and reads
from them whether a verb opens its clause, follows a subordinate clause, is an infinitive its marker shows,
shares a passive auxiliary, or carries an event noun of its type. Its words are the ``word_order`` section of
the language's ``events.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annales.stages.analyse import month_words
from annales.stages.claims.syntax import participle, sent_start
from annales.vocabulary.claim_words import claim_words
from annales.vocabulary.events import Lexicon, WordOrder
from annales.vocabulary.inflection import load_verbs

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from annales.stages.claims.triggers import Trigger

__all__ = [
    "after_subordinate",
    "attribute_start",
    "bare_verb",
    "clauses",
    "comes_after",
    "describing_participle",
    "genitive_attribute",
    "light_verb",
    "looks_ahead",
    "looks_back",
    "marked_infinitive",
    "own_clause",
    "shared_passive",
    "verb_first",
    "verb_own_noun",
]


def clauses(sent: SpacySpan, order: WordOrder) -> list[tuple[int, int]]:
    """The sentence cut into clauses at commas, semicolons and the joining words (token index ranges); kept with
    the document, since every trigger and participant of the sentence asks again."""
    kept: dict[tuple[int, int], tuple[tuple[int, int], ...]] = sent.doc.user_data.setdefault(_CLAUSES, {})
    found = kept.get((sent.start, sent.end))
    if found is None:
        found = kept[sent.start, sent.end] = tuple(_clauses(sent, order))
    return list(found)


#: Where :func:`clauses` keeps a sentence's clauses in its document's ``user_data``.
_CLAUSES = "annales.clauses"


def _clauses(sent: SpacySpan, order: WordOrder) -> list[tuple[int, int]]:
    cuts = [sent.start]
    doc = sent.doc
    articles = order.subject_articles | order.object_articles
    depth = 0  # inside brackets: "(Hunan, Fukien)" is a list, no clause
    for token in sent:
        depth = max(0, depth + (token.text in ("(", "[")) - (token.text in (")", "]")))
        if depth:
            continue
        if token.lower_ in order.coordinators and sent.start < token.i < sent.end - 1:
            before, after = doc[token.i - 1], doc[token.i + 1]
            if before.text.endswith("-"):
                continue  # "Süd- und Mittelchina": one word cut short, no clause
            if before.text[:1].isupper() and before.is_alpha and (after.text[:1].isupper() or after.lower_ in articles):
                continue  # "Hitler und Neville Chamberlain kamen": two names, one clause
            if bare_verb(before, order) and bare_verb(after, order):
                continue  # "versenkte oder zerstörte die CSS Virginia": two verbs, one subject and object
            if _joined_attributes(before, after, order):
                continue  # "Amerikanische und britische Soldaten drangen … ein": two adjectives of one noun
        if (
            token.lower_ in order.clause_words
            and token.i + 1 < sent.end
            and (doc[token.i + 1].like_num or f"{token.lower_} {doc[token.i + 1].lower_}" in order.degree_words)
        ):
            continue  # "mehr als 100 Demonstranten", "bis 1961", "bis zu 200 Menschen": a comparison or a bound
        if (
            token.lower_ in order.clause_words
            and token.lower_ in order.prepositions
            and token.i + 1 < sent.end
            and doc[token.i + 1].lower_ in order.oblique_articles
        ):
            continue  # "während des Feldzuges", "seit dem Frühjahr": a preposition before its case, no clause
        if token.text in (",", ";", ":") or token.lower_ in order.clause_words:
            cuts.append(token.i)
    cuts.append(sent.end)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def own_clause(token: Token, sent: SpacySpan, order: WordOrder) -> tuple[int, int] | None:
    """The clause of ``sent`` (:func:`clauses`) that holds ``token``."""
    return next((c for c in clauses(sent, order) if c[0] <= token.i < c[1]), None)


def verb_first(sent: SpacySpan, clause: tuple[int, int], order: WordOrder) -> bool:
    """Whether a clause after the sentence's first opens with its verb ("…, eroberten Peking"): its subject is
    the one before."""
    if clause[0] == sent.start:
        return False
    doc = sent.doc
    i = clause[0]
    while i < clause[1] and (doc[i].is_punct or doc[i].lower_ in order.clause_words):
        i += 1
    if i >= clause[1]:
        return False
    word = doc[i]
    return word.is_alpha and word.text[:1].islower() and word.lower_ not in order.closed


def after_subordinate(sent: SpacySpan, own: tuple[int, int], parts: Sequence[tuple[int, int]], order: WordOrder) -> bool:
    """Whether a clause follows a subordinate clause that opens the sentence ("Nachdem die Truppen Memphis
    erreichten, forderte Lincoln Verstärkung", "Um ein Exempel zu statuieren, zerstörten die Perser Milet"): its
    verb comes first and its own subject after it."""
    earlier = [c for c in parts if c[1] <= own[0]]
    if not earlier:
        return False
    doc = sent.doc
    first = earlier[0]
    opener = doc[first[0]]
    if first[0] > sent.start:
        return False
    if opener.lower_ in order.infinitive_openers:
        last = first[1] - 1
        while last > first[0] and doc[last].is_punct:
            last -= 1
        return doc[last - 1].lower_ == "zu" or doc[last].lower_.find("zu", 2) > 0  # "zu statuieren", "einzunehmen"
    return opener.lower_ in order.clause_words - order.coordinators


def bare_verb(token: Token, order: WordOrder) -> bool:
    """Whether a word can be a verb standing alone: lower case, no article, preposition, pronoun, clause word or
    separable particle ("griff an und eroberte" joins two clauses)."""
    table = load_verbs(token.doc.lang_)
    particle = table is not None and token.lower_ in table.particles
    closed = token.lower_ in order.closed or token.lower_ in order.clause_words
    return token.is_alpha and token.text[:1].islower() and not closed and not particle


def light_verb(token: Token, lexicon: Lexicon) -> bool:
    """Without a parse, whether a word is one of the language's light verbs: by its form, or by the lemma the verb
    table gives it ("begann": beginnen; "erklärte": erklären)."""
    word = token.lower_
    if word in lexicon.light_verbs:
        return True
    table = load_verbs(token.doc.lang_)
    lemma = (table.lemma(word) or table.weak(word)) if table is not None else None
    return lemma is not None and lemma in lexicon.light_verbs


def marked_infinitive(verb: Token, lexicon: Lexicon) -> bool:
    """Without a parse, whether a verb is an infinitive its marker shows: right after it ("um … zu erobern"),
    before it and an auxiliary ("anerkannt zu werden"), or inside it after the particle ("einzunehmen", whose
    lemma is "einnehmen")."""
    markers = lexicon.infinitive_markers
    if not markers:
        return False
    doc = verb.doc
    before = doc[verb.i - 1].lower_ if verb.i > sent_start(verb) else ""
    after = doc[verb.i + 1 : verb.i + 3]
    lemma = (verb.lemma_ or "").lower()
    inside = any(lemma and verb.lower_ == lemma[:k] + marker + lemma[k:] for marker in markers for k in range(2, len(lemma) - 3))
    return (
        before in markers
        or (
            len(after) == 2
            and after[0].lower_ in markers
            and after[1].lower_ in lexicon.passive_auxiliaries | lexicon.perfect_auxiliaries
        )
        or inside
    )


def shared_passive(verb: Token, lexicon: Lexicon) -> bool:
    """Without a parse, whether a verb that ends a clause of its own with no auxiliary shares the passive
    auxiliary of a clause before it in the sentence ("Eretria wurde erobert, niedergebrannt und seine
    Bevölkerung nach Medien verschleppt"): a participle joined to a passive."""
    order = lexicon.word_order
    if order is None:
        return False
    sent = verb.sent
    parts = clauses(sent, order)
    own = next((c for c in parts if c[0] <= verb.i < c[1]), None)
    if own is None or own[0] == sent.start:
        return False
    doc = sent.doc
    # (it ends its clause, or its part of it before a coordinator: "…, von konföderierten Truppen
    # zurückerobert und blieb …")
    after = doc[verb.i + 1] if verb.i + 1 < own[1] else None
    if after is not None and not after.is_punct and after.lower_ not in order.coordinators:
        return False
    verbs = lexicon.passive_auxiliaries | lexicon.perfect_auxiliaries | lexicon.modality
    if any(doc[i].lower_ in verbs or doc[i].lower_ in order.clause_words - order.coordinators for i in range(own[0], verb.i)):
        return False  # (an auxiliary of its own, or a subordinate clause: "…, als die Stadt erobert war")
    table = load_verbs(doc.lang_)
    if table is not None and any(table.preterite(doc[i].lower_) for i in range(own[0], verb.i)):
        return False
    return any(doc[i].lower_ in lexicon.passive_auxiliaries for i in range(sent.start, own[0]))


def genitive_attribute(noun: Token, sent: SpacySpan, order: WordOrder) -> bool:
    """Without a parse, whether an event noun stands in the genitive after another noun, whose attribute it is: a
    genitive article, maybe adjectives, then the noun, right after a capitalised word inside the sentence that is
    no month ("die Entwicklung des chinesischen Bürgerkriegs", "die Feldschlacht des Krieges")."""
    doc = sent.doc
    i = noun.i - 1
    while i > sent.start and doc[i].text[:1].islower() and doc[i].lower_ not in order.articles and _lettered(doc[i].text):
        i -= 1  # adjectives ("des russisch-japanischen Krieges")
    if i <= sent.start or doc[i].lower_ not in order.genitive_articles:
        return False
    owner = doc[i - 1]
    # (not a month: "wurde am 19. März der Krieg eröffnet", where "der" opens the subject)
    return owner.is_alpha and owner.text[:1].isupper() and not owner.is_sent_start and owner.lower_ not in month_words(doc.lang_)


def _lettered(word: str) -> bool:
    """Whether a word is letters, or letters joined by hyphens ("russisch-japanischen")."""
    return all(part.isalpha() for part in word.split("-"))


def verb_own_noun(trigger: Trigger, triggers: Sequence[Trigger], sent: SpacySpan, order: WordOrder) -> bool:
    """Without a parse, whether an event noun names the event of a verb of its type in its clause ("trafen sich
    Napoleon und Alexander in Tilsit zu einer Konferenz", "kamen … zu einer Konferenz zusammen", "wurde das
    Abkommen von Évian unterzeichnet"): one event, the verb's claim."""
    if not trigger.nominal:
        return False
    doc = sent.doc
    i = trigger.head.i - 1
    while i >= sent.start and doc[i].lower_ in order.articles:
        i -= 1
    article = doc[i + 1].lower_ if i + 1 < trigger.head.i else ""
    if i >= sent.start and article in order.genitive_articles and doc[i].text[:1].isupper():
        return False  # "am zweiten Tag der Schlacht bei Lützen eroberten …": the noun's own event, beside the verb's
    own = own_clause(trigger.head, sent, order)
    return own is not None and any(
        not t.nominal and t.type == trigger.type and own[0] <= t.head.i < own[1] for t in triggers if t is not trigger
    )


def _joined_attributes(before: Token, after: Token, order: WordOrder) -> bool:
    """Whether a coordinator joins two adjectives of one noun ("Amerikanische und britische Soldaten", "die
    britischen und amerikanischen Truppen"): the first opens a noun phrase (the sentence, an article or a
    preposition before it), the second is lower case with the same ending, and a capitalised noun follows;
    not two verbs ("Die Truppen kämpften und besiegten Österreich": a noun before the first)."""
    doc = before.doc
    noun = doc[after.i + 1] if after.i + 1 < len(doc) else None
    opens = before.is_sent_start or doc[before.i - 1].lower_ in order.closed
    return (
        opens
        and before.is_alpha
        and after.is_alpha
        and after.text[:1].islower()
        and len(before) > 3
        and before.lower_[-2:] == after.lower_[-2:]
        and noun is not None
        and noun.is_alpha
        and noun.text[:1].isupper()
    )


def looks_back(verb: Token, sent: SpacySpan, lexicon: Lexicon, parsed: bool) -> bool:
    """Whether an adverb sets a verb's event before the time the narrative has reached (``earlier_words``: "had
    earlier been ceded", « avait auparavant signé », „wurden zuvor versenkt“): an adverb of the verb, or without a
    parse one in its clause."""
    words = claim_words().earlier_words
    if parsed:
        return any(c.dep_ == "advmod" and c.lower_ in words for c in verb.children)
    if lexicon.word_order is None:
        return False
    own = own_clause(verb, sent, lexicon.word_order)
    return own is not None and any(t.lower_ in words for t in sent.doc[own[0] : own[1]])


def describing_participle(verb: Token) -> bool:
    """With a parse, whether a verb is a participle that describes a noun ("members of other groups killed by the
    FLN", "the Algerian-born Camus", « Camus, né en Algérie »): what it tells is said of the noun, at no time the
    narrative has reached. Looser than :func:`~annales.stages.claims.roles.participle_modifier`, which decides
    whether an undated one is no event at all: a participle whose noun the parser made its subject ("weapons caches
    created prior to the invasion by the Iraqi army") still takes no date from its sentence."""
    return verb.dep_ in ("amod", "acl") and participle(verb) and verb.head.pos_ in ("NOUN", "PROPN")


#: Words an attribute may hold between its article and its participle ("den am 5. November 1937 angebotenen").
_ATTRIBUTE_WORDS = 8


def attribute_start(verb: Token, order: WordOrder) -> int | None:
    """Without a parse, where the attribute a participle ends starts, if the participle describes the noun after it:
    a participle with an adjective's ending (a word the language's verb table reads as one once the ending is off)
    between an article and a capitalised word, "der 1958 erschienene Essay", "dem in Algerien geborenen Albert
    Camus", "die zerstörten Dörfer". The index of the article; None for any other word."""
    table = load_verbs(verb.doc.lang_)
    doc = verb.doc
    word = verb.lower_
    if verb.dep_ or table is None or not verb.text[:1].islower() or verb.i + 1 >= len(doc):
        return None
    after = doc[verb.i + 1]
    if not (after.is_alpha and after.text[:1].isupper()):
        return None
    base = next(
        (word[: -len(e)] for e in table.adjective_endings if word.endswith(e) and table.participle(word[: -len(e)])), None
    )
    if base is None:
        return None
    before = doc[verb.i - 1] if verb.i > 0 else None
    # a weak participle's "-te", "-ten" is a past tense too ("des Krieges eroberte Deutschland Polen"): only right
    # after an article or an adjective of the same noun ("die zerstörten Dörfer")
    attached = before is not None and (before.lower_ in order.articles or (before.is_alpha and before.text[:1].islower()))
    if not base.endswith("en") and word[len(base) :] in ("e", "en") and not attached:
        return None
    for i in range(verb.i - 1, max(sent_start(verb), verb.i - _ATTRIBUTE_WORDS) - 1, -1):
        token = doc[i]
        if token.lower_ in order.articles and not (doc[i + 1].is_alpha and doc[i + 1].text[:1].isupper()):
            return i  # (not the article of a noun inside the attribute: "der von den Deutschen angebotene Frieden")
        if token.is_punct or token.lower_ in order.clause_words or bare_verb(token, order):
            return None
    return None


def comes_after(verb: Token, sent: SpacySpan, lexicon: Lexicon, parsed: bool) -> bool:
    """Whether a subordinator sets a verb's clause after its main clause (``later_subordinators``: "lived in Norway
    before arriving in Mexico", « avant d'arriver à Mexico », „bevor die Verstärkung eintraf“): the narrative's time,
    which the main clause holds, is not the event's. Without a parse, its clause opens with one."""
    words = claim_words().later_subordinators
    if parsed:
        if verb.dep_ == "pcomp" and verb.head.lower_ in words:
            return True  # "before arriving": spaCy's English hangs the verb from the preposition
        return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in words for c in verb.children)
    if lexicon.word_order is None or not any(t.lower_ in words for t in sent):
        return False
    own = own_clause(verb, sent, lexicon.word_order)
    if own is None:
        return False
    first = next((t for t in sent.doc[own[0] : own[1]] if not t.is_punct), None)
    return first is not None and first.lower_ in words


def looks_ahead(word: Token, lexicon: Lexicon) -> bool:
    """With a parse, whether a word tells of a time after the narrative's, under a future in the past
    (``prospective_auxiliaries``: "supplies would be reduced by Sherman's capture of Atlanta and cut off when Grant
    besieged Petersburg"): the word, or one it hangs from in its sentence, has that auxiliary."""
    node = word
    while True:
        if any(c.dep_ == "aux" and c.lower_ in lexicon.prospective_auxiliaries for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
