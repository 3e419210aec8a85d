"""Claims: who did what to whom, when and where, one per event trigger.

A trigger is a verb or nominalisation listed in the language's event lexicon
(``data/lang/<code>/events.yaml``). Participants come from the dependency parse
when there is one, with a proximity fallback because small models misparse
participles ("est expulsé" tagged as an adverb). Each time expression of a
sentence belongs to the trigger whose clause holds it (the smallest subtree),
so "expelled in October 1927 and exiled the following January" gives two
claims with two months. A trigger with no time of its own inherits the time of
the clause it is coordinated with, and otherwise the narrative's reference time
(``basis: narrative``).

Everything here works in the coordinates of the analysed (repaired) text; the
pipeline maps spans back to the original.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from annales.errors import DataError
from annales.records import Mention, Span, TimeMention, TimeValue
from annales.stages.resolve import entity_key
from annales.stages.time import narrative_time

DATA = Path(__file__).resolve().parent.parent / "data"

SUBJECTS = {"nsubj", "nsubjpass", "nsubj:pass", "csubj", "csubjpass", "expl:subj"}
OBJECTS = {"obj", "dobj", "iobj"}
PASSIVE_AUX = {"auxpass", "aux:pass"}
INHERIT_DEPS = {"conj", "xcomp", "acl", "advcl", "acl:relcl", "ccomp", "parataxis", "acomp"}
#: Gendered personal pronouns, for "Joséphine had given him no heir. … he married": the "he" continues
#: "him", not the sentence's subject.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "il": "m", "er": "m", "ihn": "m", "she": "f", "her": "f", "elle": "f"}
#: Words that point back to one of the last people named: "Zinoviev and Trotsky were excluded. The latter
#: was exiled" (the last one, -1; "the former", the one before), "ce dernier", "letzterer".
ORDER_ANAPHORS = {
    "latter": -1,
    "former": -2,
    "dernier": -1,
    "dernière": -1,
    "letzterer": -1,
    "letztere": -1,
    "ersterer": -2,
    "erstere": -2,
}
#: Event types whose grammatical subject undergoes rather than acts.
UNDERGOERS = {"birth", "death", "illness", "move"}
SKIP_POS = {"DET", "ADP", "PUNCT", "PRON", "CCONJ", "SCONJ", "NUM", "PROPN", "SYM", "SPACE", "PART"}
PERSONAL_PRONOUNS = {
    "he",
    "she",
    "il",
    "elle",
    "er",
    "sie",
    "him",
    "her",
    "lui",
    "ihn",
    "his",
    "son",
    "sa",
    "ses",
    "sein",
    "seine",
}


@dataclass(frozen=True)
class Lexicon:
    """One language's event words, loaded from YAML."""

    lang: str
    verbs: dict[str, str]
    nouns: dict[str, str]
    forms: dict[str, str]
    phrases: tuple[tuple[tuple[str, ...], str], ...]
    negation: frozenset[str]
    modality: frozenset[str]
    reported: frozenset[str]
    unique_markers: frozenset[str]
    place_prepositions: frozenset[str]
    passive_auxiliaries: frozenset[str] = frozenset()
    #: Prepositions that make an event noun a point of reference ("after Lenin's death", "après la mort de"):
    #: such a noun is not dated by the surrounding narrative.
    reference_prepositions: frozenset[str] = frozenset()
    #: Verbs whose object noun is the event and whose subject its participant ("suffered a stroke").
    light_verbs: frozenset[str] = frozenset()
    #: Words after an event noun that introduce its participant ("of", "von"), and its target ("against").
    of_words: frozenset[str] = frozenset()
    against_words: frozenset[str] = frozenset()
    #: Prepositions after which any name is a place, when there is no parse ("in Reims").
    name_place_words: frozenset[str] = frozenset()
    #: Inflectional endings to strip from a noun when there is no lemmatizer.
    noun_endings: tuple[str, ...] = ()


@lru_cache(maxsize=16)
def event_types() -> dict[str, dict[str, Any]]:
    path = DATA / "events.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise DataError(f"{path}: expected a mapping with 'types'")
    return {str(k): dict(v or {}) for k, v in data["types"].items()}


@lru_cache(maxsize=16)
def load_lexicon(lang: str) -> Lexicon:
    """The event lexicon of ``lang``; an empty one if the language has none."""
    path = DATA / "lang" / lang / "events.yaml"
    if not path.exists():
        return Lexicon(lang, {}, {}, {}, (), frozenset(), frozenset(), frozenset(), frozenset(), frozenset())
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML: {exc}") from exc
    known = event_types()
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    forms: dict[str, str] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    for type_, entry in (data.get("types") or {}).items():
        if type_ not in known:
            raise DataError(f"{path}: event type '{type_}' is not in data/events.yaml")
        for key in entry or {}:
            if key not in ("verbs", "nouns", "forms", "phrases"):
                raise DataError(f"{path}: type '{type_}' has unknown key '{key}'")
        for word in entry.get("verbs", []):
            verbs[str(word).lower()] = type_
        for word in entry.get("nouns", []):
            nouns[str(word).lower()] = type_
        for word in entry.get("forms", []):
            forms[str(word).lower()] = type_
        for phrase in entry.get("phrases", []):
            phrases.append((tuple(str(phrase).lower().split()), type_))
    phrases.sort(key=lambda item: -len(item[0]))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key, []) or [])

    return Lexicon(
        lang,
        verbs,
        nouns,
        forms,
        tuple(phrases),
        words("negation"),
        words("modality"),
        words("reported"),
        words("unique_markers"),
        words("place_prepositions"),
        words("passive_auxiliaries"),
        words("reference_prepositions"),
        words("light_verbs"),
        words("of_words"),
        words("against_words"),
        words("name_place_words"),
        tuple(sorted((str(e) for e in data.get("noun_endings", []) or []), key=len, reverse=True)),
    )


@dataclass(frozen=True)
class DraftParticipant:
    role: str
    name: str
    span: Span
    label: str | None = None
    #: Where the text names this participant: the pronoun's own offset when ``span`` is its antecedent's.
    at: int | None = None


@dataclass(frozen=True)
class DraftClaim:
    """A claim in analysed-text coordinates, before spans are mapped back."""

    span: Span
    type: str
    predicate: str
    trigger: Span
    participants: tuple[DraftParticipant, ...]
    time: TimeValue | None
    time_text: str | None
    time_span: Span | None
    place: DraftParticipant | None
    confidence: float
    qualifiers: tuple[str, ...] = ()


@dataclass
class _Trigger:
    tokens: list[Any]
    type: str
    nominal: bool
    times: list[TimeMention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)

    @property
    def head(self) -> Any:
        return self.tokens[0]


def extract_claims(sdoc: Any, times: Sequence[TimeMention], mentions: Sequence[Mention], *, lang: str) -> list[DraftClaim]:
    """All claims in a spaCy ``Doc``; ``times`` and ``mentions`` are spans into its text."""
    lexicon = load_lexicon(lang)
    parsed = sdoc.has_annotation("DEP")
    # Vague references ("now", "recently") place nothing on a timeline: the narrative dates such clauses.
    dated = sorted((t for t in times if t.type == "DATE" and not t.time.value.endswith("_REF")), key=lambda t: t.span.start)
    dated_starts = [t.span.start for t in dated]
    mentions = sorted(mentions, key=lambda m: m.span.start)
    mention_starts = [m.span.start for m in mentions]
    persons = _Coreference(sdoc, mentions, parsed)
    claims: list[DraftClaim] = []
    for sent in _sentences(sdoc):
        triggers = _find_triggers(sent, lexicon, parsed)
        heads = {t.head.i: t.type for t in triggers}
        # "convened the Fifteenth Congress", "the Civil Code … was promulgated": the noun is the verb's own event
        triggers = [t for t in triggers if not (t.nominal and t.head.head != t.head and heads.get(t.head.head.i) == t.type)]
        if not triggers:
            continue
        lo, hi = sent.start_char, sent.end_char
        sent_times = [t for t in dated[bisect_left(dated_starts, lo) : bisect_left(dated_starts, hi)] if t.span.end <= hi]
        sent_mentions = [
            m for m in mentions[bisect_left(mention_starts, lo) : bisect_left(mention_starts, hi)] if m.span.end <= hi
        ]
        _assign(triggers, sent_times, lambda t: t.span, "times", sdoc, parsed)
        places = [m for m in sent_mentions if m.label == "LOC" and _after_preposition(sdoc, m.span, lexicon)]
        if not parsed:
            # Without a parse, a name right after "in" is a place whatever the model called it ("in Reims").
            places += [
                m for m in sent_mentions if m.label in ("PER", "MISC") and _after_word(sdoc, m.span, lexicon.name_place_words)
            ]
        _assign(triggers, places, lambda m: m.span, "places", sdoc, parsed, strict=True)
        for trigger in triggers:
            claim = _build(trigger, triggers, sent, sent_mentions, persons, times, lexicon, parsed)
            if claim is not None:
                claims.append(claim)
    return claims


REGNAL = re.compile(r"[IVX]{1,4}")


def split_at_event_words(sdoc: Any, mentions: Sequence[Mention], lang: str) -> list[Mention]:
    """Mentions cut at a lower-case event verb the tagger swallowed into a name: "Napoléon épouse Joséphine
    de Beauharnais" is two people and a marriage."""
    lexicon = load_lexicon(lang)
    found: list[Mention] = []
    for mention in mentions:
        span = sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        cuts = (
            []
            if span is None
            else [
                t
                for t in span[1:]
                if t.text[:1].islower() and (t.lower_ in lexicon.forms or (t.lemma_ or "").lower() in lexicon.verbs)
            ]
        )
        if not cuts:
            found.append(mention)
            continue
        pieces: list[list[Any]] = [[]]
        for token in span:
            if token in cuts:
                pieces.append([])
            else:
                pieces[-1].append(token)
        for piece in pieces:
            while piece and not piece[0].text[:1].isupper():
                piece.pop(0)
            if piece:
                start, end = piece[0].idx, piece[-1].idx + len(piece[-1].text)
                text = "".join(t.text_with_ws for t in piece).strip()
                found.append(Mention(Span(start, end), text, mention.label, mention.entity))
    return found


def _sentences(sdoc: Any) -> Iterator[Any]:
    """The document's sentences, with a fragment the parser cut off glued back: a sentence that starts after
    one ending without a full stop, with no blank line between ("Napoléon mourut | le 5 mai 1821.", "Hitler et
    Neville | Chamberlain | se réunissent", "Alexander | I met"); a heading ends at a blank line."""
    start: int | None = None
    last: Any = None  # the last word of the sentence before
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


def _find_triggers(sent: Any, lexicon: Lexicon, parsed: bool) -> list[_Trigger]:
    found: list[_Trigger] = []
    taken: set[int] = set()
    lowers = [t.lower_ for t in sent]
    for words, phrase_type in lexicon.phrases:
        n = len(words)
        for i in range(len(lowers) - n + 1):
            if tuple(lowers[i : i + n]) == words and not taken.intersection(range(i, i + n)):
                tokens = [sent[j] for j in range(i, i + n)]
                # The verb of "was born" carries the parse; the noun of a noun phrase its head.
                tokens.sort(key=lambda t: (t.pos_ not in ("VERB", "NOUN"), t.i))
                found.append(_Trigger(tokens, phrase_type, tokens[0].pos_ == "NOUN"))
                taken.update(range(i, i + n))
    for k, token in enumerate(sent):
        if k in taken or not token.is_alpha:
            continue
        lemma = (token.lemma_ or token.lower_).lower()
        pos = token.pos_
        # A named event ("the Sixth Congress of 1928", "the October Revolution") is headed by an event noun
        # that the tagger takes for a proper name; one inside a longer name ("Congress Party") is not.
        named_event = pos == "PROPN" and token.dep_ != "compound" and lemma in lexicon.nouns
        # A verb form the tagger took for a name or a noun ("Napoléon mourut", "épouse Joséphine"): lower-case
        # and listed among the forms the models miss.
        missed_verb = pos in ("PROPN", "NOUN") and token.text[:1].islower() and token.lower_ in lexicon.forms
        if pos in SKIP_POS and parsed and not (named_event or missed_verb):
            continue
        type_: str | None = None
        nominal = False
        if parsed and token.dep_ == "amod" and token.tag_ == "VBG":
            continue  # "the founding Programme", "the ruling party": a present participle naming a kind
        if pos in ("VERB", "AUX", "ADJ", "ADV") or not parsed:
            type_ = lexicon.verbs.get(lemma)
        # A "verb" with a determiner is a noun the tagger missed ("Le sacre de Nicolas II a lieu").
        noun_like = parsed and pos == "VERB" and any(c.dep_ == "det" for c in token.children)
        if type_ is None and (pos == "NOUN" or named_event or noun_like or not parsed):
            type_ = lexicon.nouns.get(lemma) or lexicon.nouns.get(token.lower_)
            if type_ is None and not parsed and len(token.lower_) > 4:  # no lemmatizer: "des Vertrags"
                type_ = next(
                    (
                        lexicon.nouns[token.lower_[: -len(e)]]
                        for e in lexicon.noun_endings
                        if token.lower_.endswith(e) and token.lower_[: -len(e)] in lexicon.nouns
                    ),
                    None,
                )
            nominal = type_ is not None
        if type_ is None or missed_verb:
            type_ = lexicon.forms.get(token.lower_) or type_
            nominal = nominal and not missed_verb
        if type_ is not None:
            found.append(_Trigger([token], type_, nominal))
    found.sort(key=lambda t: t.head.i)
    return found


def _assign(
    triggers: list[_Trigger], items: Iterable[Any], span_of: Any, slot: str, sdoc: Any, parsed: bool, *, strict: bool = False
) -> None:
    """Give each item to the trigger whose clause holds it, else (unless ``strict``) the nearest trigger."""
    for item in items:
        span: Span = span_of(item)
        token = sdoc.char_span(span.start, span.end, alignment_mode="expand")
        best: _Trigger | None = None
        if parsed and token is not None:
            root = token.root
            best_size = None
            for trigger in triggers:
                head = _scope(trigger)
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
        getattr(best, slot).append(item)


def _scope(trigger: _Trigger) -> Any:
    """The token whose subtree is the trigger's clause: an event noun that is a verb's subject takes the verb's
    ("a reform … came into effect in June 1929", "the congress opened on 2 December")."""
    head = trigger.head
    if trigger.nominal and head.dep_ in SUBJECTS and head.head.pos_ in ("VERB", "AUX") and head.head != head:
        return head.head
    return head


def _through_list(head: Any, token: Any) -> bool:
    """Whether ``token`` hangs from ``head`` through a conjunct or apposition: another item of a list."""
    node = token
    while node != head and node.head != node:
        if node.dep_ in ("conj", "appos") and node.pos_ in ("NOUN", "PROPN"):
            return True
        node = node.head
    return False


def _is_ancestor(head: Any, token: Any) -> bool:
    return head == token or head.is_ancestor(token)


def _sent_start(token: Any) -> int:
    """The index of the first token of ``token``'s sentence (``Token.sent`` scans the whole document when
    there is no parse)."""
    i = token.i
    while i > 0 and not token.doc[i].is_sent_start:
        i -= 1
    return i


def _sent_end(token: Any) -> int:
    doc, i = token.doc, token.i + 1
    while i < len(doc) and not doc[i].is_sent_start:
        i += 1
    return i


def _next_word(token: Any) -> str:
    """The next word after ``token`` in its sentence, lower-cased ("" at the sentence's end)."""
    following = token.doc[token.i + 1 : min(token.i + 3, _sent_end(token))]
    return next((t.lower_ for t in following if not t.is_space), "")


def _after_word(sdoc: Any, span: Span, words: frozenset[str]) -> bool:
    first = sdoc.char_span(span.start, span.end, alignment_mode="expand")
    return first is not None and first.start > 0 and sdoc[first.start - 1].lower_ in words


def _after_preposition(sdoc: Any, span: Span, lexicon: Lexicon) -> bool:
    first = sdoc.char_span(span.start, span.end, alignment_mode="expand")
    if first is None:
        return False
    i = first.start - 1
    # Words between the preposition and the name: "dans la très reculée Alma-Ata" (a participle used as an
    # adjective, which small models tag as a verb).
    while (
        i >= 0
        and first.start - i < 6
        and (
            sdoc[i].pos_ in ("DET", "ADJ", "ADV", "CCONJ") or (sdoc[i].pos_ == "VERB" and "Part" in sdoc[i].morph.get("VerbForm"))
        )
    ):
        i -= 1
    return i >= 0 and sdoc[i].lower_ in lexicon.place_prepositions


class _Coreference:
    """Resolves personal pronouns to people, the way a reader of narrative prose does.

    In order of preference: a person who is the subject earlier in the same
    sentence; the subject of the previous sentence (itself possibly a resolved
    pronoun, so chains of "he … he …" keep their referent); the last person named
    in the previous sentence; the most salient name among the last few. Small
    models often tag a person as an organisation ("Napoleon" as ORG), so a proper
    name acting as a subject counts as a person.
    """

    def __init__(self, sdoc: Any, mentions: Sequence[Mention], parsed: bool) -> None:
        self.starts = [sent.start_char for sent in sdoc.sents]
        self.candidates: list[tuple[Mention, bool, int]] = []
        for mention in mentions:
            subject = False
            if parsed:
                span = sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
                subject = span is not None and span.root.dep_ in SUBJECTS and span[0].pos_ == "PROPN"
            if mention.label == "PER" or (mention.label in ("ORG", "MISC") and subject):
                person = Mention(mention.span, mention.text, "PER", mention.entity)
                self.candidates.append((person, subject, self._sentence(mention.span.start)))
        self.candidates.sort(key=lambda c: c[0].span.end)
        self.candidate_ends = [c[0].span.end for c in self.candidates]
        self.by_sentence: dict[int, list[tuple[Mention, bool, int]]] = {}
        for candidate in self.candidates:
            self.by_sentence.setdefault(candidate[2], []).append(candidate)
        self.subject_of: dict[int, Mention] = {}
        # Per sentence, the genders of object pronouns beside its subject: that person is someone else.
        self.other_gender: dict[int, set[str]] = {}
        if parsed:
            for token in sdoc:
                if token.dep_ in OBJECTS | {"dative", "pobj"} and token.lower_ in PRONOUN_GENDER:
                    self.other_gender.setdefault(self._sentence(token.idx), set()).add(PRONOUN_GENDER[token.lower_])
            for token in sdoc:
                if token.dep_ in SUBJECTS and token.lower_ in PERSONAL_PRONOUNS:
                    found = self._resolve(token.idx, PRONOUN_GENDER.get(token.lower_))
                    if found is not None:
                        self.subject_of.setdefault(self._sentence(token.idx), found)
        for mention, subject, sent in self.candidates:
            if subject:
                self.subject_of.setdefault(sent, mention)

    def _sentence(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def _resolve(self, position: int, gender: str | None = None) -> Mention | None:
        sent = self._sentence(position)
        same = [c for c in self.by_sentence.get(sent, []) if c[0].span.end <= position]
        subjects = [m for m, subject, _ in same if subject]
        if subjects:
            return subjects[-1]
        # The previous subject, unless that sentence had an object pronoun of this gender beside it:
        # then this pronoun is that other person ("Joséphine had given him no heir. … he married …").
        passed = gender is not None and gender in self.other_gender.get(sent - 1, set())
        if sent - 1 in self.subject_of and not passed:
            return self.subject_of[sent - 1]
        skip = self.subject_of[sent - 1].text if passed and sent - 1 in self.subject_of else None
        previous = [m for m, _, _ in self.by_sentence.get(sent - 1, []) if m.text != skip]
        if previous:
            return previous[-1]
        upto = bisect_right(self.candidate_ends, position)
        before = [(m, 2 if subject else 1) for m, subject, _ in self.candidates[max(0, upto - 8) : upto] if m.text != skip]
        if not before:
            return None
        weights: dict[str, int] = {}
        for mention, weight in before:
            key = " ".join(mention.text.lower().split())
            weights[key] = weights.get(key, 0) + weight
        top = max(weights.values())
        return next(m for m, _ in reversed(before) if weights[" ".join(m.text.lower().split())] == top)

    def antecedent(self, token: Any) -> Mention | None:
        return self._cataphora(token) or self._resolve(token.idx, PRONOUN_GENDER.get(token.lower_))

    def _cataphora(self, token: Any) -> Mention | None:
        """A possessive in a phrase that opens the sentence names the person the sentence is about: "After his
        first stroke in March 1923, Lenin urged…", "Après sa défaite, Napoléon abdique"."""
        if token.dep_ not in ("poss", "nmod:poss", "det:poss") and "Yes" not in token.morph.get("Poss"):
            return None
        sent, root = token.sent, token.sent.root
        opener = token
        while opener.head != root and opener.head != opener:
            opener = opener.head
        subject = next((c for c in root.children if c.dep_ in SUBJECTS), None)
        if subject is None or opener.left_edge.i != sent.start or not opener.i < subject.i:
            return None
        return next(
            (
                m
                for m, is_subject, _ in self.by_sentence.get(self._sentence(token.idx), [])
                if is_subject and m.span.start <= subject.idx < m.span.end
            ),
            None,
        )

    def named_before(self, position: int, rank: int) -> Mention | None:
        """The ``rank``-th last distinct person named before ``position`` in this or the previous sentence."""
        sent = self._sentence(position)
        upto = bisect_right(self.candidate_ends, position)
        seen: list[Mention] = []
        for mention, _, where in reversed(self.candidates[:upto]):
            if where < sent - 1:
                break
            if all(entity_key(mention.text) != entity_key(m.text) for m in seen):
                seen.append(mention)
            if len(seen) == rank:
                return mention
        return None


def _build(
    trigger: _Trigger,
    triggers: list[_Trigger],
    sent: Any,
    mentions: Sequence[Mention],
    persons: _Coreference,
    all_times: Sequence[TimeMention],
    lexicon: Lexicon,
    parsed: bool,
) -> DraftClaim | None:
    head = trigger.head
    if parsed and not trigger.nominal and _common_object(trigger, mentions):
        return None  # "met the demands", "assembled these criticisms": not a meeting
    passive = _is_passive(trigger, triggers, lexicon, parsed)
    time_spans = [t.span for t in all_times]
    participants = _participants(trigger, mentions, persons, passive, parsed, time_spans, lexicon)
    # An explicit date in the clause wins over a relative one beside it: in "Le 9 mars 1796,
    # une semaine après avoir reçu le commandement, il épouse…" the relative phrase dates
    # the subordinate event, not the marriage.
    low, high = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
    scope = _scope(trigger)
    clause = [t for t in trigger.times if not parsed or scope.left_edge.idx <= t.span.start <= scope.right_edge.idx]
    explicit = [t for t in clause if t.time.basis == "explicit" and t.time.start is not None]
    time_mention = _closest(explicit or clause or trigger.times, head.idx)
    inherited_from_clause = False
    if time_mention is None and parsed:
        governor = _governing_trigger(head, triggers)
        if governor is not None and governor.times:
            time_mention = _closest(governor.times, head.idx)
            inherited_from_clause = True
    place_mention = _closest(trigger.places, head.idx) or (_compound_place(head, mentions) if trigger.nominal else None)
    if place_mention is not None and place_mention.span.start <= head.idx < place_mention.span.end:
        place_mention = None  # the event's own name ("Permanent Revolution") is not its place
    if (
        trigger.nominal
        and parsed
        and not _nominal_event(trigger, participants, place_mention, mentions, explicit, time_mention, lexicon, (low, high))
    ):
        return None
    if not participants and time_mention is None:
        return None  # nobody and no date of its own: nothing a historian could cite as an event
    time: TimeValue | None
    if time_mention is not None:
        time = time_mention.time
        time_text, time_span = time_mention.text, time_mention.span
    elif trigger.nominal and parsed and _reference_point(head, lexicon):
        time, time_text, time_span = None, None, None  # "after Lenin's death": told elsewhere, not dated here
    else:
        time = narrative_time(all_times, head.idx)
        time_text, time_span = None, None
    if place_mention is None and trigger.nominal and not parsed:
        place_mention = _place_after_of(trigger, mentions, lexicon)  # "die Konferenz von München"
    if place_mention is None:
        # "l'exil de Trotski à Alma-Ata", "wurde Napoleon in Reims gekrönt": a name after a preposition of place,
        # read as a participant (the models tag Alma-Ata and Reims as people), is the place when someone else
        # takes part.
        located = next(
            (
                p
                for p in participants
                if p.label in ("LOC", "PER", "MISC")
                and _after_preposition(head.doc, p.span, lexicon)
                and (p.label == "LOC" or any(q is not p and q.label == "PER" for q in participants))
            ),
            None,
        )
        if located is not None:
            participants = [p for p in participants if p is not located]
            place_mention = Mention(located.span, located.name, "LOC")
    place = DraftParticipant("place", place_mention.text, place_mention.span, "LOC") if place_mention else None
    if place is not None:
        participants = [p for p in participants if p.span != place.span]  # "assassiné à Léningrad" tagged a person
    qualifiers = _qualifiers(trigger, lexicon, parsed)

    edges = [head.idx, head.idx + len(head.text)]
    for token in trigger.tokens:
        edges += [token.idx, token.idx + len(token.text)]
    for p in participants:
        if sent.start_char <= p.span.start and p.span.end <= sent.end_char:
            edges += [p.span.start, p.span.end]
    for span in (time_span if not inherited_from_clause else None, place.span if place else None):
        if span is not None:
            edges += [span.start, span.end]
    if parsed and trigger.nominal:
        for child in head.lefts:  # "the second Chinese revolution", "the Sixth Congress"
            if child.dep_ in ("compound", "amod", "nummod") and head.i - child.i <= 3:
                edges += [child.idx, child.idx + len(child.text)]
    if parsed:
        for child in head.children:
            if child.dep_ in PASSIVE_AUX | {"aux", "aux:tense", "neg", "cop"} or child.lower_ in lexicon.negation:
                edges += [child.idx, child.idx + len(child.text)]
    start, end = min(edges), max(edges)
    # Doc.text joins every token on each call: read the sentence's text once instead.
    sent_text, base = sent.text, sent.start_char
    while end > start and base <= end - 1 < base + len(sent_text) and sent_text[end - 1 - base] in " ,;:":
        end -= 1

    confidence = 0.45
    if any(p.label in ("PER", "ORG") for p in participants):
        confidence += 0.2
    elif participants:
        confidence += 0.1
    if time is not None and time.basis != "narrative":
        confidence += 0.2
    if parsed and any(c.dep_ in SUBJECTS for c in head.children):
        confidence += 0.1
    if {"negated", "hypothetical", "reported"} & set(qualifiers):
        confidence -= 0.3
    predicate = " ".join((t.lemma_ or t.lower_).lower() for t in sorted(trigger.tokens, key=lambda t: t.i))
    return DraftClaim(
        Span(start, end),
        trigger.type,
        predicate,
        Span(min(t.idx for t in trigger.tokens), max(t.idx + len(t.text) for t in trigger.tokens)),
        tuple(participants),
        time,
        time_text,
        time_span,
        place,
        round(max(0.05, min(confidence, 0.99)), 2),
        qualifiers,
    )


def _common_object(trigger: _Trigger, mentions: Sequence[Mention]) -> bool:
    """Whether a verb of a type that takes only named objects (``object: named``) has a common-noun object."""
    if event_types().get(trigger.type, {}).get("object") != "named":
        return False
    return any(
        o.pos_ == "NOUN" and not any(m.span.start <= o.idx < m.span.end for m in mentions)
        for o in _dependents(trigger.head, OBJECTS)
    )


def _nominal_event(
    trigger: _Trigger,
    participants: Sequence[DraftParticipant],
    place: Mention | None,
    mentions: Sequence[Mention],
    explicit: Sequence[TimeMention],
    time_mention: TimeMention | None,
    lexicon: Lexicon,
    phrase: tuple[int, int],
) -> bool:
    """Whether an event noun is an event the text tells, not a topic ("the war", "the revolution").

    It is when its own phrase names someone or somewhere ("Lenin's death", "his arrest", "the Moscow
    trials"), when it is itself a name ("the Treaty of Tilsit", "the Sixth Congress"), when it is the object
    of a light verb whose subject is named ("il a subi son premier accident vasculaire cérébral"), when its
    phrase carries a date ("le coup d'État du 18 brumaire"), or when its clause is dated and someone
    takes part ("on 5 October 1795, when he turned his cannon on a royalist uprising").
    """
    head = trigger.head
    name = next((m for m in mentions if m.span.start <= head.idx < m.span.end), None)
    if name is not None and name.label in ("PER", "LOC") and head.pos_ == "PROPN":
        return False  # a person's or a place's name ("Permanent Revolution" tagged as a place)
    if explicit or place is not None or name is not None:
        return True
    own = [phrase]
    if head.dep_ in OBJECTS and (head.head.lemma_ or "").lower() in lexicon.light_verbs:
        own += [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in head.head.children if c.dep_ in SUBJECTS]
    named = [p for p in participants if p.label is not None]
    if any(any(a <= (p.at if p.at is not None else p.span.start) < b for a, b in own) for p in named):
        return True
    # The clause's own argument ("turned his cannon on a royalist uprising"), not a noun nested in another
    # ("conscious of the brittleness of a revolution").
    governor = head.head.head if head.head.pos_ == "ADP" else head.head
    # (a root tagged as a noun is a verb the tagger missed: "il livre à Leipzig une bataille")
    argument = governor == head or governor.dep_ == "ROOT" or governor.pos_ not in ("NOUN", "PROPN", "ADJ")
    return argument and bool(participants) and time_mention is not None and time_mention.time.basis in ("explicit", "relative")


def _compound_place(head: Any, mentions: Sequence[Mention]) -> Mention | None:
    """The place named inside an event's noun phrase: "the Moscow trials", "the Kronstadt rebellion"."""
    for child in head.lefts:
        if child.dep_ == "compound":
            place = next((m for m in mentions if m.label == "LOC" and m.span.start <= child.idx < m.span.end), None)
            if place is not None:
                return place
    return None


def _reference_point(head: Any, lexicon: Lexicon) -> bool:
    """Whether an event noun is the object of a preposition of time ("after Lenin's death", "depuis la mort
    de Lénine", "nach dem Tod"): the event serves to date another, and the narrative around is not its time."""
    if any(c.dep_ == "case" and c.lower_ in lexicon.reference_prepositions for c in head.children):
        return True  # UD: the preposition hangs from the noun
    return head.dep_ == "pobj" and head.head.lower_ in lexicon.reference_prepositions  # English: the noun from it


def _closest(items: Sequence[Any], position: int) -> Any:
    if not items:
        return None
    return min(items, key=lambda item: abs((item.span.start + item.span.end) / 2 - position))


def _is_passive(trigger: _Trigger, triggers: list[_Trigger], lexicon: Lexicon, parsed: bool) -> bool:
    """Whether the trigger's subject undergoes it ("was expelled", "est expulsé", "wurde verbannt")."""
    if trigger.nominal or trigger.type in UNDERGOERS:
        return False
    token = trigger.head
    if parsed:
        deps = {c.dep_ for c in token.children}
        if deps & PASSIVE_AUX or deps & {"nsubjpass", "nsubj:pass"}:
            return True
    # The parse can miss it (small models tag "expulsé" as an adverb): look for the auxiliary.
    i = token.i - 1
    sent_start = _sent_start(token)
    while i >= sent_start and token.i - i <= 3 and token.doc[i].pos_ in ("ADV", "PART", "AUX"):
        if token.doc[i].lower_ in lexicon.passive_auxiliaries:
            return True
        i -= 1
    if i >= sent_start and token.doc[i].lower_ in lexicon.passive_auxiliaries:
        return True
    # "est expulsé … et exilé": a coordinated participle shares the voice of the first one.
    if i >= sent_start and token.doc[i].pos_ == "CCONJ":
        earlier = [t for t in triggers if t.head.i < token.i and not t.nominal]
        if earlier:
            return _is_passive(earlier[-1], triggers, lexicon, parsed)
    return False


def _governing_trigger(head: Any, triggers: list[_Trigger]) -> _Trigger | None:
    node = head
    while node.dep_ in INHERIT_DEPS and node.head != node:
        node = node.head
        for trigger in triggers:
            if trigger.head == node:
                return trigger
    return None


def _participants(
    trigger: _Trigger,
    mentions: Sequence[Mention],
    persons: _Coreference,
    passive: bool,
    parsed: bool,
    time_spans: Sequence[Span],
    lexicon: Lexicon,
) -> list[DraftParticipant]:
    head = trigger.head
    found: list[DraftParticipant] = []

    def in_time(token: Any) -> bool:
        return any(s.start <= token.idx < s.end for s in time_spans)

    def clean(tokens: list[Any]) -> list[Any]:
        # A time phrase parsed as subject ("Le mois précédent, Lénine …"): its apposition is the subject.
        kept: list[Any] = []
        for token in tokens:
            if in_time(token):
                kept += [c for c in token.children if c.dep_ == "appos" and not in_time(c)]
            else:
                kept.append(token)
        return kept

    subject_role = "patient" if passive else ("agent" if trigger.type not in UNDERGOERS else "agent")
    if parsed:
        subjects = clean(_dependents(head, SUBJECTS))
        node = head
        # Inherit the subject of the verb this one is coordinated with; a participle
        # modifying a noun (acl) says nothing about its subject.
        while not subjects and node.dep_ in INHERIT_DEPS - {"acl"} and node.head != node:
            node = node.head
            subjects = clean(_dependents(node, SUBJECTS))
        for token in subjects:
            found.append(_participant(token, subject_role, mentions, persons))
        if not trigger.nominal:
            objects = _dependents(head, OBJECTS) or [
                c for c in head.children if c.dep_ == "xcomp" and c.pos_ in ("PROPN", "NOUN")
            ]
            subjects_named = [p.name for p in found if p.role == subject_role and p.name]
            for token in clean(objects):
                found.append(_participant(token, "patient", mentions, persons, subjects_named))
            for child in head.children:
                if child.dep_ in ("agent", "obl:agent"):
                    target = next((g for g in child.children if g.dep_ == "pobj"), child)
                    found.append(_participant(target, "agent", mentions, persons))
        else:
            if head.dep_ in OBJECTS and (head.head.lemma_ or "").lower() in lexicon.light_verbs:
                # "suffered his first stroke", "a subi une attaque", "mena des purges": the verb's subject
                for token in clean(_dependents(head.head, SUBJECTS)):
                    found.append(_participant(token, "agent", mentions, persons))
            role = str(event_types().get(trigger.type, {}).get("noun_role", "agent"))
            for child in head.children:
                named = child.pos_ in ("PROPN", "PRON", "DET") or any(m.span.start <= child.idx < m.span.end for m in mentions)
                if child.dep_ in ("poss", "nmod", "nmod:poss") and named:
                    found.append(_participant(child, role, mentions, persons))
                elif child.dep_ == "compound" and any(
                    m.span.start <= child.idx < m.span.end and m.label != "LOC" for m in mentions
                ):
                    found.append(_participant(child, role, mentions, persons))  # "the Bolshevik coup"
                elif child.dep_ == "prep" and child.lower_ in ("of", "de", "von"):
                    for grand in child.children:
                        if grand.dep_ == "pobj":
                            found.append(_participant(grand, role, mentions, persons))
    if not parsed:
        found += _unparsed_participants(trigger, mentions, lexicon, subject_role)
    if not (found if trigger.nominal else any((p.role == subject_role or p.role == "agent") and p.name for p in found)):
        # No parse, or the parse missed the subject: nearest person (else group) before the trigger, not
        # one after a preposition of place ("Napoleon in Reims gekrönt").
        before = [m for m in mentions if m.span.end <= head.idx and m.label in ("PER", "ORG")]
        if not parsed:
            before = [m for m in before if not _after_preposition(head.doc, m.span, lexicon)] or before
        people = [m for m in before if m.label == "PER"]
        if people or before:
            m = (people or before)[-1]
            found.append(DraftParticipant(subject_role, m.text, m.span, m.label))
        else:
            pronoun = next((t for t in reversed(head.doc[_sent_start(head) : head.i]) if t.lower_ in PERSONAL_PRONOUNS), None)
            if pronoun is not None:
                found.append(_participant(pronoun, subject_role, mentions, persons))
    unique: dict[tuple[str, int], DraftParticipant] = {}
    for p in found:
        if any(p.span.overlaps(t) for t in time_spans):
            continue  # "the law of 1 December 1934": a date is never a participant
        if trigger.nominal and p.span.start <= head.idx < p.span.end:
            continue  # "the Russian Revolution", "the Great War": the event's name, not a participant
        unique.setdefault((p.name, p.span.start), p)
    return [p for p in unique.values() if p.name]


def _place_after_of(trigger: _Trigger, mentions: Sequence[Mention], lexicon: Lexicon) -> Mention | None:
    """Without a parse, the place named right after an event noun's "of" ("Konferenz von München")."""
    head = trigger.head
    if _next_word(head) not in lexicon.of_words:
        return None
    return next((m for m in mentions if m.label == "LOC" and 0 < m.span.start - head.idx < 30), None)


def _unparsed_participants(
    trigger: _Trigger, mentions: Sequence[Mention], lexicon: Lexicon, subject_role: str
) -> list[DraftParticipant]:
    """Participants without a parse, from word order: the names after an event noun's "of" or "against"
    ("Ausschluss von Trotzki", "Prozess gegen Ludwig XVI."), and for a verb with no name before it, the
    first name after it ("Am 5. Mai 1821 starb Napoleon")."""
    head = trigger.head
    after = [m for m in mentions if m.span.start > head.idx and m.label in ("PER", "ORG", "MISC")]
    found: list[DraftParticipant] = []
    if trigger.nominal:
        role = str(event_types().get(trigger.type, {}).get("noun_role", "agent"))
        word = _next_word(head)
        if word in lexicon.of_words | lexicon.against_words:
            near = [m for m in after if m.span.start - head.idx < 40]
            if near:
                m = near[0]
                found.append(DraftParticipant("patient" if word in lexicon.against_words else role, m.text, m.span, m.label))
        return found
    before = [m for m in mentions if m.span.end <= head.idx and m.label in ("PER", "ORG")]
    after = [m for m in after if not _after_preposition(head.doc, m.span, lexicon)]
    if not before and after:
        m = after[0]
        found.append(DraftParticipant(subject_role, m.text, m.span, m.label))
    elif before and after and subject_role == "agent":
        m = after[0]  # "Hindenburg ernannte Hitler": the name after the verb is its object
        found.append(DraftParticipant("patient", m.text, m.span, m.label))
    return found


def _dependents(token: Any, deps: set[str]) -> list[Any]:
    direct = [c for c in token.children if c.dep_ in deps]
    expanded = list(direct)
    for t in direct:
        expanded += [c for c in t.conjuncts if c.i > t.i]
    return expanded


#: French object clitics ("l'accusant", "le nomma"), pronouns only as objects.
OBJECT_CLITICS = {"l'", "le", "la"}


def _participant(
    token: Any, role: str, mentions: Sequence[Mention], persons: _Coreference, avoid: Sequence[str] = ()
) -> DraftParticipant:
    found = _participant_for(token, role, mentions, persons, avoid)
    return DraftParticipant(found.role, found.name, found.span, found.label, token.idx)


def _participant_for(
    token: Any, role: str, mentions: Sequence[Mention], persons: _Coreference, avoid: Sequence[str]
) -> DraftParticipant:
    """The participant a token stands for. ``avoid`` names the clause's subjects: an object pronoun is
    someone else ("Joséphine had given him no heir", "Lénine a critiqué Trotsky, l'accusant")."""
    for m in mentions:
        if m.span.start <= token.idx < m.span.end:
            return DraftParticipant(role, m.text, m.span, m.label)
    if avoid and (token.lower_ in PERSONAL_PRONOUNS or token.lower_ in OBJECT_CLITICS):
        avoided = {entity_key(name) for name in avoid}
        for rank in range(1, 4):
            other = persons.named_before(token.idx, rank)
            if other is None:
                break
            if entity_key(other.text) not in avoided:
                return DraftParticipant(role, other.text, other.span, "PER")
    if token.lower_ in ORDER_ANAPHORS and token.i > 0 and token.doc[token.i - 1].pos_ == "DET":
        named = persons.named_before(token.idx, -ORDER_ANAPHORS[token.lower_])
        if named is not None:
            return DraftParticipant(role, named.text, named.span, "PER")
    antecedent = persons.antecedent(token) if token.lower_ in PERSONAL_PRONOUNS else None
    if antecedent is not None:
        # The nearest person named before the pronoun: crude, but right in narrative prose.
        return DraftParticipant(role, antecedent.text, antecedent.span, "PER")
    compounds = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if REGNAL.fullmatch(token.text) and compounds:  # "met Alexander I": the parser took the numeral for "I"
        start = compounds[0].idx
        return DraftParticipant(
            role, "".join(t.text_with_ws for t in (*compounds, token)).strip(), Span(start, token.idx + len(token.text)), "PER"
        )
    if token.pos_ == "PRON":
        return DraftParticipant(role, "", Span(token.idx, token.idx + len(token.text)))
    # A common-noun phrase: the token with its compounds and adjectives.
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nummod", "flat", "flat:name")]
    right = [c for c in token.rights if c.dep_ in ("flat", "flat:name", "compound", "amod")]
    start = min([token.idx] + [c.idx for c in left])
    end = max([token.idx + len(token.text)] + [c.idx + len(c.text) for c in right])
    first = min([token.i] + [c.i for c in left])
    last = max([token.i] + [c.i for c in right])
    text = token.doc[first : last + 1].text
    return DraftParticipant(role, text, Span(start, end), "PER" if token.pos_ == "PROPN" else None)


def _qualifiers(trigger: _Trigger, lexicon: Lexicon, parsed: bool) -> tuple[str, ...]:
    head = trigger.head
    found: list[str] = []
    window = list(head.doc[max(_sent_start(head), head.i - 3) : head.i])
    children = list(head.children) if parsed else window
    words = {c.lower_ for c in children} | {c.lemma_.lower() for c in children}
    # Modal verbs only as verbs: "chassé du pouvoir" (power) is not "pouvoir" (can).
    verbs = [c for c in children if not parsed or c.pos_ in ("AUX", "VERB")]
    modal_words = {c.lower_ for c in verbs} | {c.lemma_.lower() for c in verbs}
    if words & lexicon.negation or any(c.dep_ == "neg" for c in children):
        found.append("negated")
    # An infinitive is not asserted: "how to create an alliance", "entreprit d'assassiner Trotsky", "um … zu
    # verhaften" say what was wanted or asked, not what happened.
    infinitive = parsed and not trigger.nominal and any(_unasserted_infinitive(v, lexicon) for v in _xcomp_chain(head))
    if modal_words & lexicon.modality or "Cnd" in head.morph.get("Mood") or infinitive:
        found.append("hypothetical")
    if parsed:
        ancestors = {a.lemma_.lower() for a in head.ancestors}
        if ancestors & lexicon.reported:
            found.append("reported")
    markers = {t.lower_ for t in window} | {c.lower_ for c in head.children if c.dep_ in ("amod", "advmod")}
    for marker in sorted(markers & lexicon.unique_markers):
        found.append(f"unique:{marker}")
    return tuple(found)


def _xcomp_chain(verb: Any) -> list[Any]:
    """The verb and the verbs it is the open complement of: "urged Trotsky to begin fighting" → fighting, begin."""
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and chain[-1].head != chain[-1] and len(chain) < 5:
        chain.append(chain[-1].head)
    return chain


def _unasserted_infinitive(verb: Any, lexicon: Lexicon) -> bool:
    return (
        "Inf" in verb.morph.get("VerbForm")
        and verb.dep_ != "ROOT"
        # "avant d'arriver à Mexico", "after reaching": a time clause with an infinitive tells what happened
        and not any(c.lower_ in lexicon.reference_prepositions for c in verb.children if c.dep_ in ("mark", "case"))
    )
