"""Verb lemmas for a language that runs on rules: strong forms and separable particles (German).

Without a lemmatizer the event lexicon could only list inflected forms. This pipeline component, added after
the sentences are set for a language with a ``verbs.yaml`` (:mod:`annales.vocabulary.inflection`), gives a
lower-case verb form its infinitive as its lemma: a strong verb's form from the table ("nahm": nehmen,
"übernommen": übernehmen), and a main clause's verb the particle that ends its clause ("Farragut stieß …
den Mississippi hinauf vor": vorstoßen; "die Japaner rückten … vor": vorrücken). The finite verb of a main
clause comes second, so the particle belongs to the clause's first verb form: a strong verb's form, else a
weak past form that no article opens ("die ersten Truppen" is no verb). Weak verbs without a particle keep
no lemma; the event lexicon reads their endings itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annales.vocabulary.events import WordOrder, load_lexicon
from annales.vocabulary.inflection import VerbTable, load_verbs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["register"]

#: Tokens that end a clause besides the language's coordinators.
#: (Quotation marks are not among them: they set off a name inside a clause, "zogen sich im „Langen Marsch“ … ab".)
_CLAUSE_PUNCT = frozenset(",;:.!?()[]–—")


def register() -> None:
    """Register the ``annales_verb_lemmas`` component with spaCy (once)."""
    from spacy.language import Language

    if "annales_verb_lemmas" in Language.factories:
        return

    @Language.component("annales_verb_lemmas")
    def verb_lemmas(doc: Doc) -> Doc:
        table = load_verbs(doc.lang_)
        order = load_lexicon(doc.lang_).word_order
        if table is None:
            return doc
        for token in doc:
            if token.is_alpha and token.text[:1].islower():
                lemma = table.lemma(token.lower_)
                if lemma is not None:
                    token.lemma_ = lemma
        for sent in doc.sents:
            _join_particles(sent, table, order)
        return doc


def _join_particles(sent: SpacySpan, table: VerbTable, order: WordOrder | None) -> None:
    """Join each particle that ends a clause to the clause's verb's lemma."""
    tokens = list(sent)
    # German sets a subordinate clause apart with commas: a main clause ends at punctuation or a coordinator
    # ("griff Polen an und eroberte Warschau"), not at "bis" or "als", which are prepositions too.
    clause_words = order.coordinators if order is not None else frozenset()
    closed = order.closed if order is not None else frozenset()
    articles = order.articles if order is not None else frozenset()
    start = 0
    for k, token in enumerate(tokens):
        ends = k + 1 == len(tokens) or tokens[k + 1].text in _CLAUSE_PUNCT or tokens[k + 1].lower_ in clause_words
        if token.text in _CLAUSE_PUNCT or token.lower_ in clause_words:
            start = k + 1
            continue
        if not (ends and token.lower_ in table.particles and k > start):
            continue
        verb = _clause_verb(tokens[start:k], table, closed, articles)
        if verb is not None:
            base = verb.lemma_ if verb.lemma_ and verb.lemma_ != verb.text else table.weak(verb.lower_)
            if base is not None and not base.startswith(token.lower_):
                verb.lemma_ = token.lower_ + base


def _clause_verb(tokens: list[Token], table: VerbTable, closed: frozenset[str], articles: frozenset[str]) -> Token | None:
    """The finite verb of a main clause: its first strong verb form, else its first weak past form."""
    candidates = [t for t in tokens if t.is_alpha and t.text[:1].islower() and t.lower_ not in closed]
    strong = next((t for t in candidates if t.lower_ in table.forms), None)
    if strong is not None:
        return strong
    for token in candidates:
        before = token.nbor(-1).lower_ if token.i > 0 else ""
        if before not in articles and table.weak(token.lower_) is not None:
            return token
    return None
