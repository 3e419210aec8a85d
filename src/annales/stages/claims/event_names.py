"""The place an event's own name holds: "the Battle of Mukden", « la bataille de Moukden », "die Schlacht bei Kulm".

A battle's or a siege's name says where it was fought, whatever the models made of the name (a person, a work,
one name with the words after it). The event's noun may be inside the name ("the Battle of Mukden began"), its
verb may tell the named event ("The Battle of Omsk was fought": the name is no participant then), or the event
may be told as taking place in it ("defeated Villa in the Battle of Celaya", "won a decisive victory at the
Battle of Five Forks"). A siege's place is also what it is aimed at ("the Siege of Port Arthur").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annales.records import Mention, Span
from annales.stages.claims.clauses import own_clause
from annales.stages.claims.drafts import DraftParticipant
from annales.stages.claims.noun_phrases import name_like
from annales.stages.claims.syntax import OBJECTS, governor, introduced, preposition
from annales.stages.claims.triggers import Trigger
from annales.vocabulary.claim_words import listed
from annales.vocabulary.events import Lexicon, WordOrder, event_type, load_lexicon
from annales.vocabulary.names import capitalised_nouns, name_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["own_name_place", "scene_of", "told_in"]


def own_name_place(
    trigger: Trigger, participants: list[DraftParticipant], mentions: Sequence[Mention], lexicon: Lexicon, parsed: bool
) -> tuple[Mention | None, list[DraftParticipant], bool]:
    """The place the event's own name holds, where its noun is inside the name ("the Battle of Mukden began"), its
    verb tells the named event ("The Battle of Omsk was fought": the name is then no participant) or took place
    in it ("defeated Villa in the Battle of Celaya"); a siege's place is its patient too ("the Siege of Port
    Arthur"). The flag: the place is the trigger's own name's (no sign by itself that the words tell an event),
    not that of another event it happened in."""
    head = trigger.head
    kind: str | None = trigger.type
    own = True
    if trigger.nominal:
        name = next((m.span for m in mentions if m.span.start <= head.idx < m.span.end), None)
        if name is None:
            name = _unnamed_name(head, mentions, lexicon)  # ("die Erste Schlacht von El Alamein": a name the models missed)
    else:
        told = next((p for p in participants if _event_name_place(head.doc, p.span, kind, lexicon)), None)
        name = told.span if told is not None else None
        participants = [p for p in participants if p is not told]
    if name is None and parsed:  # (without a parse the tree is undefined)
        name, kind, own = (
            _named_scene(head, trigger.nominal, mentions, lexicon),
            None,
            False,
        )  # ("killed in the Battle of Celaya")
    elif name is None and not trigger.nominal:
        name, kind, own = _scene_in_order(head, lexicon), None, False
    place = _event_name_place(head.doc, name, kind, lexicon) if name is not None else None
    if place is None or name is None:
        return None, participants, False
    noun = _name_noun(head.doc, name)
    if kind is not None and event_type(kind).aimed and noun is not None and not listed(noun, lexicon.scene_nouns):
        participants = [*participants, DraftParticipant("patient", place.text, place.span, "LOC")]
    return place, participants, own


def told_in(noun: Token, lexicon: Lexicon) -> bool:
    """Whether an event noun names the event ("the Battle of Tsushima", « la bataille d'Austerlitz ») in a phrase of
    place of the word that governs it: the verb then tells what happened in that event ("destroyed the Russian
    fleet at the Battle of Tsushima"); it does not carry the noun as its own event ("launched an offensive")."""
    before = preposition(noun)
    if before is None or before.lower_ not in lexicon.place_prepositions:
        return False
    return _name_after(noun, lexicon.of_words | name_words().locatives) is not None


def scene_of(verb: Token, triggers: Sequence[Trigger], lexicon: Lexicon) -> Trigger | None:
    """The named event a verb tells something in, where it is an event noun's trigger ("was wounded at the Battle
    of Essling in 1809": the date the parse hung from the battle dates the wound)."""
    return next(
        (
            t
            for t in triggers
            if t.nominal and t.head.head is not t.head and governor(t.head) == verb and told_in(t.head, lexicon)
        ),
        None,
    )


def _name_after(noun: Token, ofs: frozenset[str]) -> SpacySpan | None:
    """The capitalised words after an event noun's "of" (or word of place) and an article, within its sentence:
    "Tsushima" in "the Battle of Tsushima", "Yalu River" in "the Battle of the Yalu River"."""
    doc = noun.doc
    if noun.i + 1 >= len(doc) or doc[noun.i + 1].lower_ not in ofs:
        return None
    start = _name_start(doc, noun.i + 2)
    end = start
    while end < len(doc) and _name_word(doc[end]) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end] if end > start else None


def _unnamed_name(noun: Token, mentions: Sequence[Mention], lexicon: Lexicon) -> Span | None:
    """The name an event noun of a place opens with its "of" or word of place and the capitalised words after it,
    where the models named nothing there but a place ("Schlacht von El Alamein", « bataille d'El Alamein »; not
    "the siege of the Red Army")."""
    if not listed(noun, lexicon.place_event_nouns):
        return None  # (not a war's: "wurde der Krieg vom Pentagon für beendet erklärt")
    order = lexicon.word_order
    # (not a genitive's article, where every noun is capitalised: "die Belagerung der Stadt")
    ofs = lexicon.of_words - order.genitive_articles if order is not None else lexicon.of_words
    after = _name_after(noun, ofs | name_words().locatives)
    if after is None or any(
        m.label != "LOC" and m.span.start < after.end_char and after.start_char < m.span.end for m in mentions
    ):
        return None
    if capitalised_nouns(noun.doc.lang_) and not any(name_like(t.text, t.doc.lang_) for t in after):
        return None  # where every noun is capitalised, a name ("von El Alamein"; not "zur Befreiung von Kriegsgefangenen")
    return Span(noun.idx, after.end_char)


def _event_name_place(doc: Doc, span: Span, type_: str | None, lexicon: Lexicon) -> Mention | None:
    """The place in the name of an event of ``type_`` (of any type: None) that ``span`` holds: "Mukden" in "the Battle of Mukden",
    "Kulm" in "die Schlacht bei Kulm" (a noun whose phrase is a place, its "of" or a word of place, then
    the capitalised words after it, the name the models may have run on: "the Battle of Britain the Royal Air
    Force")."""
    noun = _name_noun(doc, span)
    if noun is None or type_ not in (None, lexicon.noun((noun.lemma_ or noun.lower_).lower(), noun.lower_)):
        return None
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None:
        return None
    start = _name_start(doc, noun.i + 2)  # ("of the Yalu River")
    end = start
    while end < words.end and _name_word(doc[end]):
        end += 1
    if end >= words.end:  # and on where the model cut the name: "the Battle" of Franklin, "the Battle of Seven" Pines
        while end < len(doc) and _name_word(doc[end]) and not doc[end].is_sent_start:
            end += 1
    while end > start and doc[end - 1].text == "-":
        end -= 1  # ("the Battle of Salamis-in-Cyprus": the name up to its lower-case word)
    if end == start:
        return None
    place = doc[start:end]
    return Mention(Span(place.start_char, place.end_char), place.text, "LOC")


def _name_start(doc: Doc, i: int) -> int:
    """Where a name after an "of" starts: at ``i``, or past an article before a capitalised word ("of the Yalu
    River")."""
    return i + 1 if i + 1 < len(doc) and doc[i].pos_ == "DET" and _name_word(doc[i + 1]) else i


def _name_word(token: Token) -> bool:
    return token.text[:1].isupper() or token.text == "-"


def _named_scene(head: Token, nominal: bool, mentions: Sequence[Mention], lexicon: Lexicon) -> Span | None:
    """The name of an event that a preposition of place hangs from the trigger: "defeated Villa in the Battle of
    Celaya", "the victory at the Second Battle of Fort Fisher", « écrasa les Autrichiens à la bataille
    d'Austerlitz », from the verb an event noun is the object of, "won a decisive victory at the Battle of
    Five Forks", or from a verb's object, "sank two ships in the Battle of Hampton Roads"; the name may follow a
    part of the event's time, "on the first day of the Battle of Hampton Roads" (parsed)."""
    holders = [head, head.head] if nominal and head.dep_ in OBJECTS else [head]
    if not nominal:  # (the parser may hang the phrase from the object: "sank two ships in the Battle of Hampton Roads")
        holders += [c for c in head.children if c.dep_ in OBJECTS]
    for child in (c for holder in holders for c in holder.children):
        introducing = introduced(child, lexicon.place_prepositions)
        if introducing is None:
            continue
        # the noun, or the event whose part of time it names: "on the first day of the Battle of Hampton Roads"
        of = (introduced(c, lexicon.of_words) for c in introducing.children)
        for noun in (introducing, *(n for n in of if n is not None)):
            name = next((m.span for m in mentions if m.span.start <= noun.idx < m.span.end), None)
            if name is not None and _name_noun(head.doc, name) is not None:
                return name
            after = _name_after(noun, lexicon.of_words)
            if after is not None and listed(noun, lexicon.place_event_nouns | lexicon.scene_nouns):
                return Span(noun.idx, after.end_char)  # (a name the models did not take for one)
    return None


def _scene_in_order(verb: Token, lexicon: Lexicon) -> Span | None:
    """Without a parse, the name of an event in a verb's clause that a preposition of place opens, with only
    lower-case words, articles and a noun with the event in its genitive between them: "versenkte … am ersten Tag
    der Schlacht von Hampton Roads", "in der Schlacht bei Kulm" (not "nach der Schlacht von …", which dates the
    verb by another event: ``reference_prepositions``)."""
    order = lexicon.word_order
    own = own_clause(verb, verb.sent, order) if order is not None else None
    if order is None or own is None:
        return None
    doc = verb.doc
    for noun in doc[own[0] : own[1]]:
        if noun.i == verb.i or not listed(noun, lexicon.place_event_nouns | lexicon.scene_nouns):
            continue
        after = _name_after(noun, lexicon.of_words)
        opening = _opening_word(noun, own[0], order)
        if after is not None and opening in lexicon.place_prepositions and opening not in lexicon.reference_prepositions:
            return Span(noun.idx, after.end_char)
    return None


def _opening_word(noun: Token, start: int, order: WordOrder) -> str:
    """The word before a noun's phrase in its clause (from token ``start``), back over articles, adjectives and a
    noun that has the phrase as its genitive ("am ersten Tag der Schlacht": "am")."""
    doc = noun.doc
    k = noun.i - 1
    while k >= start and doc[k].is_alpha:
        word = doc[k]
        genitive_owner = k + 1 < noun.i and doc[k + 1].lower_ in order.genitive_articles
        if word.lower_ in order.prepositions or not (word.lower_ in order.articles or word.text[:1].islower() or genitive_owner):
            break
        k -= 1
    return doc[k].lower_ if k >= start else ""


def _name_noun(doc: Doc, span: Span) -> Token | None:
    """The event noun a name holds before its "of" or word of place ("Battle" in "the Battle of Mukden")."""
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None:
        return None
    lexicon = load_lexicon(doc.lang_)
    ofs = lexicon.of_words | name_words().locatives
    for token in words:  # (the model may have cut the name before its "of": "the Battle" of Franklin)
        if not listed(token, lexicon.place_event_nouns | lexicon.scene_nouns):
            continue
        # a name's ("the Battle of Mukden"; not "fought the bloodiest battle in United States history"), or a noun
        # a name follows after its "of" (« la bataille d'Austerlitz »)
        if (token.text[:1].isupper() and _name_after(token, ofs) is not None) or _name_after(token, lexicon.of_words):
            return token
    return None
