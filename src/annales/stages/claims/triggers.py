"""Event triggers: the verbs, nouns and phrases of the language's event lexicon in a sentence.

Each trigger then receives the time expressions and places of the clause that holds it
(:func:`assign`), so "expelled in October 1927 and exiled the following January" gives
each verb its own month.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from annales.records import Mention, Span, TimeMention
from annales.stages.claims.clauses import light_verb, own_clause
from annales.stages.claims.syntax import OBJECTS, PASSIVE_AUX, PASSIVE_SUBJECTS, RELATIVE_CLAUSES, SKIP_POS, SUBJECTS
from annales.vocabulary.claim_words import claim_words, listed
from annales.vocabulary.events import Lexicon, event_type, load_lexicon, office_word, verb_lemma
from annales.vocabulary.names import genitive_suffixes, name_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["Trigger", "assign", "event_noun_type", "find_triggers", "listed_noun", "noun_type", "scope", "split_at_event_words"]

_M = TypeVar("_M", TimeMention, Mention)


@dataclass
class Trigger:
    """The tokens of one event word or phrase (its head first), with the times and places given to it.
    ``listed``: named by the event lexicon (otherwise an asserted past verb, :mod:`predicates`). ``origins``:
    the places its clause names as left ("from Mukden"). ``scene``: the place that opens its sentence ("In
    the Atlantic, …"), where it happened if nothing else says. ``occurred``: a frame says the event noun
    happened ("the attack took place", :mod:`occurrences`)."""

    tokens: list[Token]
    type: str
    nominal: bool
    listed: bool = True
    times: list[TimeMention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    origins: list[Mention] = field(default_factory=list)
    scene: Mention | None = None
    occurred: bool = False

    @property
    def head(self) -> Token:
        return self.tokens[0]


#: The parts of speech of a skipped kind that may still be an event's name or a verb the tagger missed.
_NAMED_POS = frozenset({"PROPN", "NOUN"})


def find_triggers(sent: SpacySpan, lexicon: Lexicon, parsed: bool) -> list[Trigger]:
    """The triggers of a sentence, in text order: phrases first (longest first), then single words."""
    found: list[Trigger] = []
    taken: set[int] = set()
    lowers = [t.lower_ for t in sent]
    present = set(lowers)
    for words, phrase_type in lexicon.phrases:
        if words[0] not in present:
            continue
        n = len(words)
        for i in range(len(lowers) - n + 1):
            if lowers[i] == words[0] and tuple(lowers[i : i + n]) == words and not taken.intersection(range(i, i + n)):
                tokens = [sent[j] for j in range(i, i + n)]
                # The verb of "was born" carries the parse; the noun of a noun phrase its head: with a parse, the
                # word the others hang from ("hostage-taking": taking)
                outside = [t for t in tokens if not i <= t.head.i < i + n or t.head.i == t.i] if parsed else []
                tokens.sort(key=lambda t: (len(outside) == 1 and t.i != outside[0].i, t.pos_ not in ("VERB", "NOUN"), t.i))
                found.append(Trigger(tokens, phrase_type, tokens[0].pos_ == "NOUN"))
                taken.update(range(i, i + n))
    for k, token in enumerate(sent):
        pos = token.pos_
        if (parsed and pos in SKIP_POS and pos not in _NAMED_POS) or k in taken or not _word(token):
            continue  # (a word of a part of speech no trigger has: only a noun or a name may be a missed verb)
        lemma = (token.lemma_ or token.lower_).lower()
        # A named event ("the Sixth Congress of 1928", "the October Revolution") is headed by an event noun
        # that the tagger takes for a proper name; one inside a longer name ("Congress Party") is not.
        named_event = pos == "PROPN" and token.dep_ != "compound" and lemma in lexicon.nouns
        # A verb form the tagger took for a name or a noun ("Napoléon mourut", "épouse Joséphine"): lower-case
        # and listed among the forms the models miss.
        # (not one with a possessive, indefinite or demonstrative determiner: « son épouse, Marie » is the noun,
        # while the article of « le nomme » is the object pronoun; nor a listed event noun with any: « la mort »)
        missed_verb = (
            pos in ("PROPN", "NOUN")
            and token.text[:1].islower()
            and token.lower_ in lexicon.forms
            and not any(
                c.dep_.startswith("det") and (_noun_determiner(c) or lexicon.noun(lemma, token.lower_) is not None)
                for c in token.children
            )
            # (nor one right after a preposition: « condamné à mort », « peine de mort » name a death, tell none)
            and not (token.i > 0 and token.doc[token.i - 1].pos_ == "ADP")
        )
        if pos in SKIP_POS and parsed and not (named_event or missed_verb):
            continue
        type_: str | None = None
        nominal = False
        if parsed and token.dep_ == "amod" and token.tag_ == "VBG":
            continue  # "the founding Programme", "the ruling party": a present participle naming a kind
        if parsed and _attributive(token):
            continue  # "rebel forces", "the rebel army": an adjective before its noun names a kind
        # (without a parse, in a language that capitalises its nouns, a capitalised word inside a sentence is no
        # verb: "in den folgenden Tagen" is no "tagen")
        noun_cased = not parsed and lexicon.compound_heads and token.text[:1].isupper() and not token.is_sent_start
        if (pos in ("VERB", "AUX", "ADJ", "ADV") or not parsed) and not noun_cased:
            type_ = lexicon.verbs.get(lemma)
            # No lemmatizer ("eroberten"), or one that left a form it does not know as it is (the French simple
            # past tagged as an adjective: "déclara", "ajouta")
            if type_ is None and (not parsed or lemma == token.lower_) and token.text[:1].islower():
                listed = verb_lemma(token.lower_, lexicon)
                if listed is not None and lemma != listed and lemma.endswith(listed) and lemma != token.lower_:
                    listed = None  # "sagte … ab" is "absagen", with its particle, not "sagen"
                type_ = lexicon.verbs[listed] if listed is not None else None
                if listed is not None and not parsed and not token.lemma_:
                    token.lemma_ = listed  # (a weak past form's infinitive, its claim's predicate: "versenkte": versenken)
        # A "verb" with a determiner is a noun the tagger missed ("Le sacre de Nicolas II a lieu").
        noun_like = parsed and pos == "VERB" and any(c.dep_ == "det" for c in token.children)
        # (without a parse, in a language that capitalises its nouns, a lower-case word is none: "traf" is
        # "treffen", the verb, not "das Treffen")
        capitalised_nouns = not parsed and lexicon.compound_heads
        if (
            type_ is None
            and (pos == "NOUN" or named_event or noun_like or not parsed)
            and not (capitalised_nouns and token.text[:1].islower())
        ):
            type_ = event_noun_type(token, lexicon, parsed)
            nominal = type_ is not None
        if missed_verb or (type_ is None and not (parsed and pos in ("NOUN", "PROPN"))):
            type_ = lexicon.forms.get(token.lower_) or type_
            nominal = nominal and not missed_verb
        if type_ is None and parsed and _appoints(token, lexicon):
            type_ = "appointment"
        if type_ is not None:
            found.append(Trigger([token], type_, nominal))
    found.sort(key=lambda t: t.head.i)
    kept = [t for t in found if not _light(t, found, sent, lexicon, parsed)]
    return [t for t in kept if not (parsed and _undergone(t, kept))]


def _word(token: Token) -> bool:
    """Whether a token is a word: letters, or letters joined by hyphens ("Tet-Offensive", "Halbinsel-Feldzug")."""
    return token.is_alpha or (
        "-" in token.text and not token.text.startswith("-") and all(part.isalpha() for part in token.text.split("-"))
    )


def _undergone(trigger: Trigger, found: list[Trigger]) -> bool:
    """Whether an event noun is what a listed verb of another type is done to: a body the noun also names ("an
    assembly was elected", "dissolved the congress"), not an event of its own. (A verb of telling tells it:
    "announced the withdrawal".)"""
    head = trigger.head
    if not trigger.nominal or head.dep_ not in OBJECTS | PASSIVE_SUBJECTS:
        return False
    return any(t.head == head.head and not t.nominal and t.type != trigger.type and not event_type(t.type).telling for t in found)


def _appoints(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a verb of ``appointing_verbs`` in the passive makes its subject an office or a rank of people
    ("David Petraeus was made commander", « Bonaparte fut fait premier consul »)."""
    if verb.pos_ != "VERB" or (verb.lemma_ or "").lower() not in lexicon.appointing_verbs:
        return False
    children = list(verb.children)
    return any(c.dep_ in PASSIVE_AUX for c in children) and any(
        c.dep_ in ("oprd", "obj", "dobj", "xcomp", "attr")
        and c.pos_ == "NOUN"
        and (claim_words().names_people(c) or listed(c, name_words().offices))
        for c in children
    )


def _light(trigger: Trigger, found: list[Trigger], sent: SpacySpan, lexicon: Lexicon, parsed: bool) -> bool:
    """Whether a listed verb is also a light verb whose object is an event noun of another type: the noun tells
    the event ("France declared war on Germany" is the war's start, no speech). Without a parse, the object is
    an event noun after an object article in the verb's clause ("erklärte Frankreich Deutschland den Krieg")."""
    head = trigger.head
    if trigger.nominal:
        return False
    others = [t.head for t in found if t.nominal and t.type != trigger.type]
    if parsed:
        return (head.lemma_ or "").lower() in lexicon.light_verbs and any(
            c.dep_ in OBJECTS and c in others for c in head.children
        )
    order = lexicon.word_order
    if order is None or not light_verb(head, lexicon):
        return False
    own = own_clause(head, sent, order)
    return own is not None and any(
        own[0] < noun.i < own[1] and noun.doc[noun.i - 1].lower_ in order.object_articles for noun in others
    )


def _attributive(token: Token) -> bool:
    """Whether an adjective that is no participle stands before the noun it modifies ("rebel forces"): a verb's
    participle keeps telling its event ("the besieged port"), and an adjective after its noun may be a verb
    the tagger missed."""
    head = token.head
    return (
        token.pos_ == "ADJ"
        and token.dep_ in ("amod", "compound")
        and head.pos_ in ("NOUN", "PROPN")
        and token.i < head.i
        and "Part" not in token.morph.get("VerbForm", [])
        and not token.tag_.startswith("VB")
    )


def _noun_determiner(det: Token) -> bool:
    """Whether a determiner can only open a noun phrase: a possessive, an indefinite or a demonstrative one."""
    return "Yes" in det.morph.get("Poss", []) or bool({"Ind", "Dem"} & set(det.morph.get("PronType", [])))


def event_noun_type(token: Token, lexicon: Lexicon, parsed: bool) -> str | None:
    """The type of the event noun ``token`` is, by its lemma or form; without a lemmatizer, by its endings and
    as the head of a compound ("des Vertrags", "Seeschlacht")."""
    type_ = lexicon.noun((token.lemma_ or token.lower_).lower(), token.lower_)
    if type_ is None and not parsed:
        type_ = noun_type(token.lower_, lexicon, compound=token.text[:1].isupper())
    return type_


#: The shortest listed noun read as the head of a compound, and the shortest part before it ("Auswahl" is no
#: election: "wahl" is too short to be told apart from a word's ending).
_HEAD, _MODIFIER = 5, 3


def noun_type(word: str, lexicon: Lexicon, *, compound: bool = True) -> str | None:
    """Without a lemmatizer, the type of the listed noun a noun is (:func:`listed_noun`); None if it is none."""
    noun = listed_noun(word, lexicon, compound=compound)
    return lexicon.nouns[noun] if noun is not None else None


def listed_noun(word: str, lexicon: Lexicon, *, compound: bool = True) -> str | None:
    """Without a lemmatizer, the listed noun a noun is, as it stands ("vertrag") or inflected ("des Vertrags":
    vertrag) or, in a language whose compounds end with their head (``compound_heads``), ends with
    ("seeschlacht": schlacht, "halbinsel-feldzug": feldzug); None if it is none of them."""
    if word in lexicon.nouns:
        return word
    stems = [word[: -len(e)] for e in lexicon.noun_endings if word.endswith(e)]
    if len(word) > 4:
        listed = next((stem for stem in stems if stem in lexicon.nouns), None)
        if listed is not None:
            return listed
    if not (compound and lexicon.compound_heads):
        return None
    for stem in [word, *stems]:
        for i in range(_MODIFIER, len(stem) - _HEAD + 1):
            head = stem[i:].lstrip("-")
            if len(head) >= _HEAD and head in lexicon.nouns:
                return head
    return None


def assign(
    triggers: list[Trigger],
    items: Iterable[_M],
    slot: Callable[[Trigger], list[_M]],
    sdoc: Doc,
    parsed: bool,
    *,
    strict: bool = False,
) -> None:
    """Give each item to the trigger whose clause holds it (into ``slot(trigger)``), else (unless ``strict``)
    the nearest trigger."""
    heads = {scope(t).i for t in triggers} | {t.head.i for t in triggers}
    for item in items:
        span = item.span
        token = sdoc.char_span(span.start, span.end, alignment_mode="expand")
        best: Trigger | None = None
        if parsed and token is not None and _in_other_clause(token.root, heads):
            continue  # "la construction d'une piscine, qui devrait ouvrir en 2005": the relative clause's own
        if strict and parsed and token is not None and _in_participle_clause(token.root, heads):
            continue  # "defeated Bragg …, opening a route to Atlanta": the place of the participle's own doing
        if parsed and token is not None:
            root = token.root
            best_size = None
            for trigger in triggers:
                head = scope(trigger)
                if head.left_edge.i <= root.i <= head.right_edge.i and _is_ancestor(head, root):
                    if strict and trigger.nominal and _through_list(head, root):
                        continue  # "the Chinese revolution of 1927, the rise of Nazism in Germany"
                    size = head.right_edge.i - head.left_edge.i
                    if best_size is None or size < best_size:
                        best, best_size = trigger, size
        if best is None and strict and parsed:
            if len(triggers) != 1 or token is None or any(a.pos_ in ("VERB", "AUX") for a in token.root.ancestors):
                continue  # the place of another verb ("welcomed in Paris")
            best = triggers[0]  # one event and no verb over the place: a misparse ("part en exil à l'île d'Elbe")
        if best is None:
            middle = (span.start + span.end) / 2
            best = min(triggers, key=lambda t: abs(t.head.idx - middle))
        slot(best).append(item)


def scope(trigger: Trigger) -> Token:
    """The token whose subtree is the trigger's clause: an event noun that is a verb's subject, or a light verb's
    object, takes the verb's ("a reform … came into effect in June 1929", "the congress opened on 2 December",
    "in August they launched an offensive")."""
    head = trigger.head
    if trigger.nominal and head.dep_ in SUBJECTS and head.head.pos_ in ("VERB", "AUX") and head.head != head:
        return head.head
    if trigger.nominal and head.dep_ in OBJECTS and (head.head.lemma_ or "").lower() in load_lexicon(head.doc.lang_).light_verbs:
        return head.head  # "In August, the communists launched an offensive": the light verb's clause is the event's
    return head


def _through_list(head: Token, token: Token) -> bool:
    """Whether ``token`` hangs from ``head`` through a conjunct or apposition: another item of a list."""
    node = token
    while node != head and node.head != node:
        if node.dep_ in ("conj", "appos") and node.pos_ in ("NOUN", "PROPN"):
            return True
        node = node.head
    return False


def _in_other_clause(token: Token, heads: set[int]) -> bool:
    """Whether ``token`` lies in a relative clause or a verb's complement clause that tells no event of the
    sentence's ("a pool, which should open in 2005"; "the bridge, which was built in 1990, collapsed"; "announced
    that the mission in Iraq would end by August 31, 2010"): what is in it is that clause's, not the verb's above."""
    node = token
    while node.head.i != node.i and node.i not in heads:
        if node.dep_ in _OTHER_CLAUSES and node.pos_ in ("VERB", "AUX"):
            return True
        node = node.head
    return False


def _in_participle_clause(token: Token, heads: set[int]) -> bool:
    """Whether ``token`` lies in a participle's adverbial clause that tells no event of the sentence's ("defeated
    Bragg at Chattanooga, driving Confederate forces out of Tennessee and opening a route to Atlanta"): the place
    there is where the participle's doing went, not where the verb above happened."""
    node = token
    while node.head.i != node.i and node.i not in heads:
        if node.dep_ in _PARTICIPLE_CLAUSES and node.pos_ == "VERB" and {"Ger", "Part"} & set(node.morph.get("VerbForm", [])):
            # (not a participle of an event noun's own, "the war breaking out in Europe": the war's frame; nor one a
            # subordinator makes a circumstance of the verb, "was assassinated while traveling in his car in Parral")
            own = node.dep_ == "acl" and node.head.i in heads
            return not own and not any(c.dep_ == "mark" for c in node.children)
        node = node.head
    return False


#: The dependencies of a participle's clause of its own beside its verb's (English and Universal Dependencies).
_PARTICIPLE_CLAUSES = frozenset({"advcl", "acl"})


#: The dependencies of a clause whose times and places are its own: relative and complement clauses.
_OTHER_CLAUSES = RELATIVE_CLAUSES | {"ccomp"}


def _is_ancestor(head: Token, token: Token) -> bool:
    return head == token or head.is_ancestor(token)


def split_at_event_words(sdoc: Doc, mentions: Sequence[Mention], lang: str) -> list[Mention]:
    """Mentions cut at a lower-case event verb the tagger swallowed into a name: "Napoléon épouse Joséphine
    de Beauharnais" is two people and a marriage, "confirme André Kaufmann" one person after a speech, "Kouchner
    put Biafra" a person and a place around a verb of no type; and a person's name cut at an event noun
    ("General McClellans Halbinsel-Feldzug": the general, not his campaign) or a quotation mark ('the
    “democrat” Miliukov': Miliukov)."""
    lexicon = load_lexicon(lang)
    found: list[Mention] = []
    for mention in mentions:
        span = sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        cuts = (
            []
            if span is None
            else [
                t
                for t in span
                if t.text[:1].islower()
                and (t.lower_ in lexicon.forms or (t.lemma_ or "").lower() in lexicon.verbs or t.pos_ in ("VERB", "AUX"))
                or mention.label == "PER"
                and (t.i > span.start or len(span) == 1)  # ("Großangriffe" alone: no one's name)
                and (_event_noun(t, lexicon) or t.is_quote)
                or _trailing_office(t, span, lexicon)
                or _event_before_genitive(t, span, mention.label, lexicon)
            ]
        )
        if span is None or not cuts:
            found.append(mention)
            continue
        pieces: list[list[Token]] = [[]]
        for token in span:
            if token in cuts:
                pieces.append([])
            else:
                pieces[-1].append(token)
        for piece in pieces:
            while piece and not piece[0].text[:1].isupper():
                piece.pop(0)
            while piece and (piece[-1].is_punct or piece[-1].text[:1].islower()):
                piece.pop()  # ("General Rommel den | Vormarsch": no name ends with the article the cut left)
            if piece:
                start, end = piece[0].idx, piece[-1].idx + len(piece[-1].text)
                text = "".join(t.text_with_ws for t in piece).strip()
                found.append(Mention(Span(start, end), text, mention.label, mention.entity))
    return found


def _event_before_genitive(token: Token, span: SpacySpan, label: str, lexicon: Lexicon) -> bool:
    """Whether the first word of a body's or a thing's name of two words is an event noun before a name in the
    genitive ("Angriff Japans" tagged as a body: the attack, and Japan who made it)."""
    suffixes = genitive_suffixes(span.doc.lang_)
    if label not in ("ORG", "MISC") or token.i != span.start or len(span) != 2 or not suffixes:
        return False
    owner = span[1].text
    return owner[:1].isupper() and owner.endswith(tuple(suffixes)) and _event_noun(token, lexicon)


def _trailing_office(token: Token, span: SpacySpan, lexicon: Lexicon) -> bool:
    """In a language of compounds, whether a word after the first of a name is an office the name's bearer became
    ("Hitler Reichskanzler", "Zedong KP-Chef", "Sherman Nachfolger Grants": the model ran the sentence's words into
    one name): the name's last word, or one before a name in the genitive. A title opens a name instead ("Präsident
    Johnson")."""
    if not lexicon.compound_heads or token.i == span.start or not token.text[:1].isupper():
        return False
    suffixes = genitive_suffixes(span.doc.lang_)  # (the name after it in the genitive)
    if token.i + 1 < span.end and not (suffixes and span.doc[token.i + 1].lower_.endswith(suffixes)):
        return False
    return office_word(token.lower_, lexicon, compound=True)


def _event_noun(token: Token, lexicon: Lexicon) -> bool:
    """Whether a capitalised word of a name is an event noun of the lexicon (or, in a language of compounds, ends
    with one)."""
    word = token.lower_
    return (token.is_alpha or "-" in token.text) and (
        word in lexicon.nouns or noun_type(word, lexicon, compound=lexicon.compound_heads) is not None
    )
