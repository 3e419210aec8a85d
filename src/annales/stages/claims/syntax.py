"""What the claims grammar reads of a parse: dependency labels, sentences, the words around a token.

The labels are Universal Dependencies' and spaCy's English ones, not words of a language, so they
stay in code. Sentences are looked up by walking tokens, because ``Token.sent`` scans the whole
document when there is no parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from annales.records import Span
from annales.stages.analyse import doc_text, ordinal_words
from annales.vocabulary.claim_words import claim_words, listed
from annales.vocabulary.events import Lexicon
from annales.vocabulary.names import name_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

SUBJECTS = {"nsubj", "nsubjpass", "nsubj:pass", "csubj", "csubjpass", "expl:subj"}
OBJECTS = {"obj", "dobj", "iobj"}
PASSIVE_AUX = {"auxpass", "aux:pass"}
PASSIVE_SUBJECTS = {"nsubjpass", "nsubj:pass"}
#: Dependencies through which a clause shares the subject or the time of the clause it hangs from.
INHERIT_DEPS = {"conj", "xcomp", "acl", "advcl", "acl:relcl", "ccomp", "parataxis", "acomp"}
#: Parts of speech that are never a trigger (unless a named event or a verb the tagger missed).
SKIP_POS = {"DET", "ADP", "PUNCT", "PRON", "CCONJ", "SCONJ", "NUM", "PROPN", "SYM", "SPACE", "PART"}


class _Spanned(Protocol):
    @property
    def span(self) -> Span: ...


_S = TypeVar("_S", bound=_Spanned)


#: A character that is not white space.
_NON_BLANK = re.compile(r"\S")

#: The most words a heading has ("Schlacht von Mukden", "The war becomes global").
HEADING_WORDS = 12


def heading(sent: SpacySpan, text: str) -> bool:
    """Whether a sentence of the document ``text`` is a heading: a short paragraph of its own that no
    punctuation mark ends ("Schlacht von Mukden", "Battle of the Yellow Sea"). It names what the section
    tells; its event nouns tell nothing (a headline that ends with a full stop is a sentence: "Tournoi de
    boules annulé.")."""
    # (only the text next to the sentence is read: slicing the document up to it, for each sentence, made
    # reading a long document quadratic)
    start, end = sent.start_char, sent.end_char
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    while end < len(text) and text[end] in " \t":
        end += 1
    opens = _blank_before(text, start) or text.endswith("\n\n", 0, start)
    alone = opens and (_blank_after(text, end) or text.startswith("\n\n", end))
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    return alone and 0 < len(words) <= HEADING_WORDS and not sent[-1].is_punct and sent.text[-1:] not in ".!?…"


def _blank_before(text: str, i: int) -> bool:
    """Whether nothing but white space comes before offset ``i`` of ``text``."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i == 0


def _blank_after(text: str, i: int) -> bool:
    """Whether nothing but white space comes from offset ``i`` of ``text`` on."""
    return _NON_BLANK.search(text, i) is None


def sentences(sdoc: Doc) -> Iterator[SpacySpan]:
    """The document's sentences, with a fragment the parser cut off glued back: a sentence that starts after
    one ending without a full stop, with no blank line between ("Napoléon mourut | le 5 mai 1821.", "Hitler et
    Neville | Chamberlain | se réunissent", "Alexander | I met"); a heading ends at a blank line."""
    start: int | None = None
    last: Token | None = None  # the last word of the sentence before
    for sent in sdoc.sents:
        first = next((t for t in sent if not t.is_space), None)
        if first is None:
            continue
        if start is None:
            start = sent.start
        elif last is not None:
            ended = last.is_punct or last.text[-1:] in ".!?…"  # "1821." is one token
            gap = sdoc[last.i + 1 : first.i]
            if ended or any("\n\n" in t.text.replace(" ", "") for t in gap) or "\n\n" in last.whitespace_:
                yield sdoc[start : last.i + 1]
                start = first.i
        last = next(t for t in reversed(sent) if not t.is_space)
    if start is not None and last is not None:
        yield sdoc[start : last.i + 1]


def sent_start(token: Token) -> int:
    """The index of the first token of ``token``'s sentence (``Token.sent`` scans the whole document when
    there is no parse)."""
    i = token.i
    while i > 0 and not token.doc[i].is_sent_start:
        i -= 1
    return i


def sent_end(token: Token) -> int:
    """The index after the last token of ``token``'s sentence."""
    doc, i = token.doc, token.i + 1
    while i < len(doc) and not doc[i].is_sent_start:
        i += 1
    return i


def next_word(token: Token) -> str:
    """The next word after ``token`` in its sentence, lower-cased ("" at the sentence's end)."""
    following = token.doc[token.i + 1 : min(token.i + 3, sent_end(token))]
    return next((t.lower_ for t in following if not t.is_space), "")


def after_word(sdoc: Doc, span: Span, words: frozenset[str]) -> bool:
    """Whether the word before ``span`` is one of ``words``."""
    first = sdoc.char_span(span.start, span.end, alignment_mode="expand")
    return first is not None and first.start > 0 and sdoc[first.start - 1].lower_ in words


def after_preposition(sdoc: Doc, span: Span, lexicon: Lexicon, words: frozenset[str] | None = None) -> bool:
    """Whether ``span`` follows a preposition of place (or one of ``words``), maybe across a determiner or
    adjectives."""
    first = sdoc.char_span(span.start, span.end, alignment_mode="expand")
    if first is None or hyphen_joined(sdoc, span):
        return False  # "in the Greco-Persian wars": the first part of a word, no place
    i = first.start - 1
    if i > 0 and _place_noun(sdoc[i]):
        i -= 1  # "in der Provinz Hunan", "in Richtung Shanghai": the name in apposition to a kind of place
    # Words between the preposition and the name: "dans la très reculée Alma-Ata" (a participle used as an
    # adjective, which small models tag as a verb); without a tagger, the language's articles ("in den Norden
    # Chinas").
    articles = lexicon.word_order.articles if lexicon.word_order is not None else frozenset()
    while i >= 0 and first.start - i < 6 and (_between(sdoc[i]) or sdoc[i].lower_ in articles or _modifies(sdoc[i], first)):
        i -= 1
    if i > 0 and sdoc[i].lower_ in name_words().place_of and word_form(sdoc[i - 1]) in lexicon.place_prepositions:
        i -= 1  # « près d'Angers »: a preposition of place that takes "de"
    elif i > 0 and (_kind_of_place(sdoc[i - 1], sdoc[i]) or _scene_of(sdoc[i - 1], sdoc[i], lexicon)):
        # "sailed to the island of Rhodes", « débarqua dans la baie de Naples »: the name of the place the
        # preposition leads to; "defeated Bragg at the Third Battle of Chattanooga", « vainquit à la bataille
        # d'Austerlitz »: of the battle the clause's event happened at
        i -= 2
        while i >= 0 and first.start - i < 9 and (_between(sdoc[i]) or sdoc[i].lower_ in articles or _ordinal(sdoc[i])):
            i -= 1
    preceded = i >= 0 and word_form(sdoc[i]) in (lexicon.place_prepositions if words is None else words)
    root = first.root
    if root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN" and root.head.i >= first.end:
        # "in United States military history": the name qualifies the noun after it, no place; but "in the Mount
        # Cudi region", "the Sadr City district" name the place the noun is a kind of
        return preceded and root.head.i == first.end and _place_noun(root.head)
    return preceded


#: A hyphen that joins the name to the word after it.
_HYPHENATED = re.compile(r"-\w")


def hyphen_joined(doc: Doc, span: Span) -> bool:
    """Whether a hyphen joins ``span`` to the word after it: the name is the first part of a longer word
    ("the Greco-Persian wars", "the Franco-Prussian war"), not a name of its own."""
    return bool(_HYPHENATED.match(doc_text(doc), span.end))


def hyphen_before(doc: Doc, i: int) -> bool:
    """Whether a capitalised word and a hyphen join the word at token ``i`` to the one before it, with no space
    ("the Soviet-Japanese Neutrality Pact"): one name over the hyphen."""
    if i < 2:
        return False
    hyphen, word = doc[i - 1], doc[i - 2]
    return hyphen.text == "-" and not hyphen.whitespace_ and not word.whitespace_ and word.is_alpha and word.text[:1].isupper()


def _kind_of_place(noun: Token, of: Token) -> bool:
    """Whether ``noun`` and ``of`` are a noun of a kind of place and its "of" ("the island of", « la baie de »):
    ``place_nouns`` and ``place_of`` of the languages' ``names.yaml``."""
    return of.lower_ in name_words().place_of and _place_noun(noun)


def _scene_of(noun: Token, of: Token, lexicon: Lexicon) -> bool:
    """Whether ``noun`` and ``of`` are a noun of an event that only happens at its place and its "of" ("the Battle
    of", « la bataille de »: ``scene_nouns`` and ``of_words`` of the language's ``events.yaml``)."""
    return word_form(of) in lexicon.of_words and listed(noun, lexicon.scene_nouns)


def _ordinal(token: Token) -> bool:
    """Whether a word is an ordinal ("the Third Battle of", « la deuxième bataille de »; "2nd", "2.")."""
    return token.lower_ in ordinal_words(token.doc.lang_) or "Ord" in token.morph.get("NumType", [])


def _place_noun(noun: Token) -> bool:
    """Whether a word is a noun of a kind of place or of a direction (``place_nouns``: "island", „Provinz“,
    „Richtung“)."""
    return listed(noun, name_words().place_nouns)


#: Capitals that print drops the accent of ("A Belfort, …" for « À Belfort, … »): the word they stand for.
_UNACCENTED = {"A": "à"}


def word_form(token: Token) -> str:
    """A word in lower case, with the accent that print drops from the capital opening a sentence given back."""
    if token.text in _UNACCENTED and token.is_sent_start:
        return _UNACCENTED[token.text]
    return token.lower_


def _between(token: Token) -> bool:
    """Whether a word can stand between a preposition and its name: a determiner, an adjective, an adverb, a
    conjunction, a participle."""
    return token.pos_ in ("DET", "ADJ", "ADV", "CCONJ") or (token.pos_ == "VERB" and "Part" in token.morph.get("VerbForm", []))


def _modifies(token: Token, name: SpacySpan) -> bool:
    """Whether a word before a name is a modifier of it that the models tag as a name of its own ("in Iraqi
    Kurdistan": a nationality, a compound of the name)."""
    return token.dep_ in ("compound", "amod") and name.start <= token.head.i < name.end


def governor(token: Token) -> Token:
    """The word ``token`` is the argument of, directly or through a preposition ("turned his cannon on a
    royalist uprising": turned)."""
    node = token.head
    return node.head if node.pos_ == "ADP" else node


#: Penn tags of the English relative pronouns, which the English model gives no ``PronType`` ("who", "which").
_RELATIVE_TAGS = {"WP", "WDT"}
RELATIVE_CLAUSES = {"relcl", "acl:relcl"}


def antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for ("Rosen, who led air attacks", "the fortress, which surrendered",
    "Trotsky, qui dirigeait l'armée"), if ``token`` is one."""
    if not ("Rel" in token.morph.get("PronType", []) or token.tag_ in _RELATIVE_TAGS):
        return None
    clause = token.head
    if clause.dep_ in RELATIVE_CLAUSES and clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    return None


def preposition(token: Token) -> Token | None:
    """The preposition that introduces a noun: its ``case`` child in Universal Dependencies, or its head when
    spaCy's English parse hangs the noun from it (``pobj``)."""
    marker = next((c for c in token.children if c.dep_ == "case"), None)
    if marker is None and token.dep_ == "pobj":
        marker = token.head
    return marker


def introduced(child: Token, words: frozenset[str]) -> Token | None:
    """The noun a child of a word brings in through one of the prepositions ``words``: spaCy's English hangs the
    noun from the preposition (``prep`` → ``pobj``), Universal Dependencies the preposition from the noun (``case``)."""
    if child.dep_ == "prep" and child.lower_ in words:
        return next((g for g in child.children if g.dep_ == "pobj"), None)
    if child.dep_.split(":")[0] in ("nmod", "obl") and any(c.dep_ == "case" and c.lower_ in words for c in child.children):
        return child
    return None


def dependents(token: Token, deps: set[str]) -> list[Token]:
    """The children of ``token`` with one of ``deps``, and the conjuncts after them ("Zinoviev and Kamenev")."""
    direct = [c for c in token.children if c.dep_ in deps]
    expanded = list(direct)
    for t in direct:
        expanded += [c for c in t.conjuncts if c.i > t.i]
    return expanded


def closest(items: Sequence[_S], position: int) -> _S | None:
    """The item whose span's middle is nearest to ``position``."""
    if not items:
        return None
    return min(items, key=lambda item: abs((item.span.start + item.span.end) / 2 - position))


#: Quotation marks, opening and closing: a quotation runs to its closing mark within a paragraph.
_QUOTES = {"«": "»", "“": "”", "„": "“", '"': '"'}
_OPENING = re.compile("[" + "".join(_QUOTES) + "]")


def quotations(text: str) -> list[Span]:
    """The quoted passages of a text (« … », “ … ”, „ … “, " … "), each within one paragraph."""
    found: list[Span] = []
    position = 0
    while (opening := _OPENING.search(text, position)) is not None:
        start = opening.start()
        paragraph = text.find("\n\n", start + 1)
        end = text.find(_QUOTES[text[start]], start + 1, len(text) if paragraph < 0 else paragraph)
        if end < 0:
            position = start + 1
            continue
        found.append(Span(start, end + 1))
        position = end + 1
    return found


def participle(token: Token) -> bool:
    """Whether a token is a participle (its morphology says so)."""
    return "Part" in token.morph.get("VerbForm", [])


def of_objects(head: Token) -> list[Token]:
    """The words an "of" (de, von: ``of_prepositions``) brings in under ``head``: English hangs the object from the
    preposition ("the army of Madero"), Universal Dependencies the preposition from the object as its case
    (« les troupes de Díaz »)."""
    of = claim_words().of_prepositions
    found = [g for c in head.children if c.dep_ == "prep" and c.lower_ in of for g in c.children if g.dep_ == "pobj"]
    return found + [
        c for c in head.children if c.dep_ in ("nmod", "obl") and any(g.dep_ == "case" and g.lower_ in of for g in c.children)
    ]


def after_adposition(token: Token) -> bool:
    """Whether the word right before ``token`` is a preposition ("In 1950 …", « en 1950 »): a year there dates
    its clause, whatever noun the parse hung it from."""
    return token.i > 0 and token.doc[token.i - 1].pos_ == "ADP"
