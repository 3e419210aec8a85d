"""Frames that tell that the event noun they carry happened: its subject ("the attack took place", « les
tirs ont eu lieu », "war broke out") or, without a parse, the noun after the frame's word ("Dabei kam es zu
einem Stellungskrieg"); and, with a parse, a listed event noun an outcome frame brings in ("this culminated
in armed clashes", « la crise déboucha sur une guerre »: the language's ``outcome``) or that is the subject of
a verb telling how it began, went or ended ("the offensive failed", « la bataille s'acheva »: ``aspect``). The
noun is an event the text asserts whether or not it names anyone: a listed noun keeps its type, any other is
of type ``other`` ("the facts took place on 27 May"); an outcome's and an aspect's must be listed ("resulted in
heavy losses", "the talks failed" are no events the inventory knows).

The frames are the language's ``occurrence`` in ``events.yaml``: a verb's lemma with the words that must hang
from it ("take place": take with place), and for a word-order language a verb with the words that bring in
its noun (kommen: zu, zum, zur, with "es" beside the verb).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annales.stages.claims.clauses import own_clause
from annales.stages.claims.predicates import PREDICATE_TYPE
from annales.stages.claims.syntax import OBJECTS, PASSIVE_SUBJECTS, SUBJECTS
from annales.stages.claims.triggers import Trigger, event_noun_type
from annales.vocabulary.events import Lexicon, verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["occurrence_triggers"]

#: How far after the word that brings it in the noun of a frame may stand ("zu einem zähen und
#: verlustreichen Stellungskrieg").
_NOUN_WINDOW = 6


def occurrence_triggers(sent: SpacySpan, triggers: Sequence[Trigger], lexicon: Lexicon, parsed: bool) -> list[Trigger]:
    """Mark the triggers of ``sent`` that a frame says happened (``occurred``), and return the event nouns of
    frames that are no trigger yet, as new triggers."""
    if not lexicon.occurrence:
        return []
    by_head = {t.head.i: t for t in triggers}
    found: list[Trigger] = []
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX")] if parsed else []
    nouns = _parsed_nouns(verbs, lexicon.occurrence) if parsed else _word_order_nouns(sent, lexicon)
    if parsed:
        listed_only = [*_outcome_nouns(verbs, lexicon), *_parsed_nouns(verbs, lexicon.aspect)]
    else:
        listed_only = _word_order_aspect_nouns(sent, lexicon)
    listed_at = {noun.i for noun in listed_only}
    for noun in [*nouns, *listed_only]:
        known = by_head.get(noun.i)
        if known is not None:
            known.occurred = True
            continue
        type_ = event_noun_type(noun, lexicon, parsed)
        if type_ is None and noun.i in listed_at:
            continue  # "resulted in heavy losses", "the talks failed": only a listed event noun
        found.append(Trigger([noun], type_ or PREDICATE_TYPE, nominal=True, listed=type_ is not None, occurred=True))
    return found


def _parsed_nouns(verbs: Sequence[Token], frames_by_verb: dict[str, tuple[tuple[str, ...], ...]]) -> list[Token]:
    """The nouns that are the subject of a frame's verb among a sentence's ``verbs``."""
    found = []
    for token, children, frames in _frame_verbs(verbs, frames_by_verb):
        if not any(all(w in children for w in words) for words in frames):
            continue
        # (one subject and those coordinated with it: « L'intervention des sapeurs - pompiers s'est déroulée » is
        # parsed with three)
        found += _with_conjuncts([c for c in token.children if c.dep_ in SUBJECTS and c.pos_ in ("NOUN", "PROPN")][:1])
    return found


def _outcome_nouns(verbs: Sequence[Token], lexicon: Lexicon) -> list[Token]:
    """The nouns brought in by the preposition of an outcome frame's verb ("culminated in armed clashes",
    "resulting in encirclement and elimination", « déboucha sur une guerre »), with those coordinated with them:
    the object of the preposition (English), or the noun the preposition hangs from (Universal Dependencies)."""
    found: list[Token] = []
    for token, children, frames in _frame_verbs(verbs, lexicon.outcome):
        for frame in frames:
            if not frame:
                # a causative verb's own object, or its passive subject ("provoked the departure of …", "the war
                # was triggered by …")
                found += _with_conjuncts([c for c in token.children if c.dep_ in OBJECTS or c.dep_ in PASSIVE_SUBJECTS])
                continue
            *words, preposition = frame
            if not all(w in children for w in words):
                continue
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == preposition:
                    found += _with_conjuncts([g for g in child.children if g.dep_ == "pobj"])
                elif child.pos_ in ("NOUN", "PROPN") and any(
                    c.dep_ == "case" and c.lower_ == preposition for c in child.children
                ):
                    found += _with_conjuncts([child])
    return found


def _frame_verbs(
    verbs: Sequence[Token], frames: dict[str, tuple[tuple[str, ...], ...]]
) -> list[tuple[Token, set[str], tuple[tuple[str, ...], ...]]]:
    """The ``verbs`` that have frames, each with the words hanging from it (« s' » read as « se ») and its
    frames."""
    found = []
    for token in verbs:
        verb_frames = frames.get((token.lemma_ or token.lower_).lower())
        if verb_frames is not None:
            found.append((token, {_reflexive(c.lower_) for c in token.children}, verb_frames))
    return found


def _with_conjuncts(nouns: list[Token]) -> list[Token]:
    return [n for noun in nouns for n in (noun, *noun.conjuncts) if n.pos_ in ("NOUN", "PROPN")]


def _reflexive(word: str) -> str:
    return "se" if word in ("s'", "s’") else word


def _word_order_nouns(sent: SpacySpan, lexicon: Lexicon) -> list[Token]:
    """Without a parse: the noun after a frame verb's word, the verb with "es" beside it ("kam es zu einem
    Gefecht", "es kam zum Zwischenfall"), within its clause."""
    found = []
    doc = sent.doc
    for token in sent:
        frames = lexicon.occurrence.get((token.lemma_ or token.lower_).lower())
        if frames is None:
            continue
        words = {w for frame in frames for w in frame}
        if not any(doc[k].lower_ == "es" for k in (token.i - 1, token.i + 1) if sent.start <= k < sent.end):
            continue
        marker = next((t for t in doc[token.i + 1 : sent.end] if t.lower_ in words or t.is_punct), None)
        if marker is None or marker.is_punct:
            continue
        noun = next(
            (t for t in doc[marker.i + 1 : min(marker.i + 1 + _NOUN_WINDOW, sent.end)] if t.is_punct or _capitalised(t)), None
        )
        if noun is not None and not noun.is_punct:
            found.append(noun)
    return found


def _word_order_aspect_nouns(sent: SpacySpan, lexicon: Lexicon) -> list[Token]:
    """Without a parse: the event noun that is the subject of an ``aspect`` verb in its clause, after a subject
    article and the adjectives that follow it ("Das erste Gefecht … endete unentschieden", "begann die
    Schlacht", "Die Offensive scheiterte")."""
    order = lexicon.word_order
    if order is None or not lexicon.aspect:
        return []
    found = []
    doc = sent.doc
    for token in sent:
        if not token.text[:1].islower():
            continue
        lemma = token.lemma_ or verb_lemma(token.lower_, lexicon, lexicon.aspect) or token.lower_
        if lemma not in lexicon.aspect:
            continue
        own = own_clause(token, sent, order)
        if own is None:
            continue
        for noun in doc[own[0] : own[1]]:
            if noun.i == token.i or not _capitalised(noun) or event_noun_type(noun, lexicon, False) is None:
                continue
            i = noun.i - 1
            while i >= own[0] and doc[i].text[:1].islower() and doc[i].lower_ not in order.articles and doc[i].is_alpha:
                i -= 1  # (its adjectives: "Das erste Gefecht")
            if i >= own[0] and doc[i].lower_ in order.subject_articles:
                found.append(noun)
                break
    return found


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(c.isalpha() for c in token.text)
