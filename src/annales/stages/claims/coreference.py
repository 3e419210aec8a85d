"""Who a pronoun or "the latter" stands for: the coreference a reader of narrative prose makes."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from annales.records import Mention, Span, TimeMention
from annales.stages.analyse import doc_text
from annales.stages.claims.syntax import OBJECTS, SUBJECTS
from annales.vocabulary.claim_words import claim_words, listed
from annales.vocabulary.names import entity_key, fold_word, name_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["Coreference"]


class Coreference:
    """Resolves personal pronouns to people, the way a reader of narrative prose does.

    In order of preference: a person who is the subject earlier in the same
    sentence; the subject of the previous sentence (itself possibly a resolved
    pronoun, so chains of "he … he …" keep their referent); the last person named
    in the previous sentence; the most salient name among the last few. Small
    models often tag a person as an organisation ("Napoleon" as ORG), so a proper
    name acting as a subject counts as a person.
    """

    def __init__(self, sdoc: Doc, mentions: Sequence[Mention], parsed: bool, times: Sequence[TimeMention] = ()) -> None:
        self.words = words = claim_words()
        # A piece without a verb ("Pie VII ;" cut off by the parser, a heading) is no sentence of its own: it
        # belongs to the sentence before, whose subject a pronoun after it still continues.
        self.starts: list[int] = []
        for piece in sdoc.sents:
            if not self.starts or not parsed or any(t.pos_ in ("VERB", "AUX") for t in piece):
                self.starts.append(piece.start_char)
        self.candidates: list[tuple[Mention, bool, int]] = []
        #: The names that are the subject of a clause other than the main one ("when Cyrus attempted …").
        self.clause_subjects: set[Span] = set()
        #: The candidates named as a body or a thing, not as a person (an organisation, a town the model took
        #: for one): the subject of their sentence only where no person is.
        self.bodies: set[Span] = set()
        #: The persons a feminine noun of a person set beside their name describes (« l'avocate de Bernard,
        #: Alexandra Michel »), by their names' key.
        described_women: set[str] = set()
        for mention in mentions:
            subject = False
            if parsed:
                span = sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
                if mention.label == "PER" and span is not None and _described_woman(span.root):
                    described_women.add(entity_key(mention.text))
                if mention.label != "PER" and span is not None and "Plur" in span.root.morph.get("Number", []):
                    # "the Germans", « les Bolcheviks »: a group, whom "he" never continues (``group``); the tagger
                    # calls a person's name that ends in "s" plural too ("Desmoulins")
                    continue
                # (a person's name after a title is a subject too: "le Premier ministre Lionel Jospin s'est rendu";
                # not a body's or a thing's after an article: "The Civil Code")
                opening = span is not None and (
                    span[0].pos_ == "PROPN" or (mention.label == "PER" and any(t.pos_ == "PROPN" for t in span))
                )
                # (of the main clause: "he argued that the Constitution was …" is about him, not the Constitution)
                of_a_clause = span is not None and span.root.dep_ in SUBJECTS and opening
                subject = of_a_clause and span is not None and _main_clause(span.root.head)
                if of_a_clause and not subject:
                    self.clause_subjects.add(mention.span)
            if mention.label == "PER" or (mention.label in ("ORG", "MISC") and subject):
                person = Mention(mention.span, mention.text, "PER", mention.entity)
                self.candidates.append((person, subject, self._sentence(mention.span.start)))
                if mention.label != "PER":
                    self.bodies.add(mention.span)
        self.candidates.sort(key=lambda c: c[0].span.end)
        #: The words of the persons named in full ("Michel Ney": Michel, Ney).
        self.full_names = frozenset(w for m in mentions if m.label == "PER" and " " in m.text for w in m.text.split())
        #: Every mention and date by start, for what a sentence before names (:meth:`within`).
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.mention_starts = [m.span.start for m in self.mentions]
        self.dates = sorted((t.span for t in times), key=lambda span: span.start)
        self.date_starts = [span.start for span in self.dates]
        #: The people a title makes women ("Königin Luise"), by their names' key: the only ones an ambiguous
        #: pronoun may stand for.
        self.women = _women(doc_text(sdoc), mentions, words.woman_titles) | described_women
        #: Every name of someone or somewhere, for a pair told of again ("the two powers").
        self.named = sorted((m for m in mentions if m.label in ("PER", "LOC", "ORG")), key=lambda m: m.span.end)
        self.named_ends = [m.span.end for m in self.named]
        self.candidate_ends = [c[0].span.end for c in self.candidates]
        self.by_sentence: dict[int, list[tuple[Mention, bool, int]]] = {}
        for candidate in self.candidates:
            self.by_sentence.setdefault(candidate[2], []).append(candidate)
        self.subject_of: dict[int, Mention] = {}
        #: Sentences whose subject is a pronoun for someone the text has not named (a segment that starts "he …").
        self.unnamed: set[int] = set()
        #: The people whose death the claims have told so far: the sentence it is told in, and its date.
        self.dead: dict[str, tuple[int, dt.date]] = {}
        #: Each sentence's first explicit date: a pronoun's event dated after a death is not the dead's.
        self.dated: dict[int, dt.date] = {}
        for time in times:
            if time.time.basis == "explicit" and time.time.start is not None:
                self.dated.setdefault(self._sentence(time.span.start), time.time.start)
        self.dated_sentences = sorted(self.dated)
        # Per sentence, the genders of object pronouns beside its subject: that person is someone else.
        self.other_gender: dict[int, set[str]] = {}
        if parsed:
            for token in sdoc:
                if token.dep_ in OBJECTS | {"dative", "pobj"} and token.lower_ in words.pronoun_gender:
                    self.other_gender.setdefault(self._sentence(token.idx), set()).add(words.pronoun_gender[token.lower_])
        # A sentence's named subject first, so that a pronoun resolved in the text's order reads the subjects
        # of the sentences before it ("Napoléon est sacré … ; il pose … Un an plus tard, il remporte").
        # (a person before a body: "In 1793 Toulon … was held by royalists, and Captain Bonaparte commanded the guns
        # … three days later he was promoted": Bonaparte)
        for mention, subject, sent in sorted(self.candidates, key=lambda c: c[0].span in self.bodies):
            if subject:
                self.subject_of.setdefault(sent, mention)
        if parsed:
            for token in sdoc:
                if token.dep_ in SUBJECTS and token.lower_ in words.personal_pronouns:
                    found = self._resolve(token.idx, words.pronoun_gender.get(token.lower_))
                    if found is not None:
                        self.subject_of.setdefault(self._sentence(token.idx), found)
                    elif self._sentence(token.idx) not in self.subject_of:
                        self.unnamed.add(self._sentence(token.idx))

    def within(self, sent: SpacySpan) -> tuple[list[Mention], list[Span]]:
        """The mentions and the dates inside ``sent``."""
        lo, hi = sent.start_char, sent.end_char
        mentions = self.mentions[bisect_left(self.mention_starts, lo) : bisect_left(self.mention_starts, hi)]
        dates = self.dates[bisect_left(self.date_starts, lo) : bisect_left(self.date_starts, hi)]
        return [m for m in mentions if m.span.end <= hi], [d for d in dates if d.end <= hi]

    def _sentence(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def _resolve(self, position: int, gender: str | None = None) -> Mention | None:
        sent = self._sentence(position)
        same = [c for c in self.by_sentence.get(sent, []) if c[0].span.end <= position]
        subjects = [m for m, subject, _ in same if subject]
        if subjects:
            return subjects[-1]
        # "When Cyrus attempted to seize the throne, he recruited …": the subject of a clause before it in its
        # sentence, where the main clause names none before it
        subjects = [m for m, _, _ in same if m.span in self.clause_subjects]
        if subjects:
            return subjects[-1]
        # The previous subject, unless that sentence had an object pronoun of this gender beside it:
        # then this pronoun is that other person ("Joséphine had given him no heir. … he married …").
        passed = gender is not None and gender in self.other_gender.get(sent - 1, set())
        if sent - 1 in self.subject_of and not passed:
            return self.subject_of[sent - 1]
        if sent - 1 in self.unnamed and not passed:
            return None  # the pronoun before stood for someone this text has not named: so does this one
        skip = self.subject_of[sent - 1].text if passed and sent - 1 in self.subject_of else None
        previous = [m for m, _, _ in self.by_sentence.get(sent - 1, []) if m.text != skip]
        if previous:
            return previous[-1]
        # A sentence that names nobody ("After Waterloo there was no way back.") does not break the chain: the
        # subject of the sentence before it carries on.
        for earlier in (sent - 2, sent - 3):
            if earlier in self.subject_of and self.subject_of[earlier].text != skip:
                return self.subject_of[earlier]
            if earlier in self.unnamed:
                return None
        return self._salient(position, skip)

    def _salient(self, position: int, skip: str | None = None) -> Mention | None:
        """The person most named (subjects counting double) among the last few before ``position``, not
        ``skip`` and not one whose death was told before ``position``'s sentence."""
        upto = bisect_right(self.candidate_ends, position)
        before = [
            (m, 2 if subject else 1)
            for m, subject, _ in self.candidates[max(0, upto - 8) : upto]
            if m.text != skip and self._alive(m, position)
        ]
        if not before:
            return None
        weights: dict[str, int] = {}
        for mention, weight in before:
            key = " ".join(mention.text.lower().split())
            weights[key] = weights.get(key, 0) + weight
        top = max(weights.values())
        return next(m for m, _ in reversed(before) if weights[" ".join(m.text.lower().split())] == top)

    def antecedent(self, token: Token) -> Mention | None:
        """The person a personal pronoun continues (see the class); never one whose death the text has told
        before ("the duc d'Enghien was shot. … he was crowned Emperor": not d'Enghien)."""
        if token.lower_ in self.words.ambiguous_pronouns:
            return self._woman_before(token.idx)
        gender = self.words.pronoun_gender.get(token.lower_)
        found = self._cataphora(token) or self._resolve(token.idx, gender)
        if found is not None and not self._alive(found, token.idx):
            return self._salient(token.idx, found.text)
        if gender == "f" and found is not None and entity_key(found.text) not in self.women:
            # « L'avocate de Bernard, Alexandra Michel, a souligné … », souligne-t-elle »: the woman named just before
            return self._woman_before(token.idx) or found
        if gender == "m" and found is not None and entity_key(found.text) in self.women:
            return self._salient(token.idx, found.text)  # « … le trouble qu'il avait causé »: not the lawyer
        return found

    def _woman_before(self, position: int) -> Mention | None:
        """The last woman named (``women``) in the sentence of ``position`` or the two before: the one person an
        ambiguous pronoun may stand for (German "sie" after "Hitler" is the troops, the city or the surrender)."""
        sent = self._sentence(position)
        upto = bisect_right(self.candidate_ends, position)
        for mention, _, where in reversed(self.candidates[:upto]):
            if where < sent - 2:
                break
            if entity_key(mention.text) in self.women and self._alive(mention, position):
                return mention
        return None

    def died(self, name: str, position: int, when: dt.date) -> None:
        """Remember that the text tells ``name``'s death at ``position``, dated ``when``."""
        self.dead.setdefault(entity_key(name), (self._sentence(position), when))

    def _alive(self, mention: Mention, position: int) -> bool:
        """Whether a pronoun at ``position`` may stand for ``mention``: not when the text told their death in an
        earlier sentence and the pronoun's sentence is dated after it (histories also tell, after a death, what
        the person did before it: "He died in 1821. … He had abdicated in 1814")."""
        death = self.dead.get(entity_key(mention.text))
        sent = self._sentence(position)
        if death is None or death[0] >= sent:
            return True
        # (a sentence without a date of its own goes on at the last date given after the death: "On 2 December
        # 1804 … he was crowned. He took the crown from the altar" is not the duc d'Enghien, shot in March)
        dated = self.dated.get(sent)
        if dated is None:
            k = bisect_right(self.dated_sentences, sent) - 1
            if k >= 0 and self.dated_sentences[k] > death[0]:
                dated = self.dated[self.dated_sentences[k]]
        return dated is None or dated <= death[1]

    def _cataphora(self, token: Token) -> Mention | None:
        """A possessive in a phrase that opens the sentence names the person the sentence is about: "After his
        first stroke in March 1923, Lenin urged…", "Après sa défaite, Napoléon abdique"."""
        if token.dep_ not in ("poss", "nmod:poss", "det:poss") and "Yes" not in token.morph.get("Poss", []):
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

    def pair(self, token: Token) -> list[Mention]:
        """The two named last in its paragraph, if ``token`` is a noun of people counted as two ("the two powers",
        "both sides", "les deux pays"): in a history they are the pair just told of ("… between Japan and the
        Soviet Union. … the two powers signed"); for a noun of persons ("the two men"), the two persons. Empty
        otherwise, when fewer than two are named before, or when the two are not named in one sentence."""
        words = self.words
        if not words.names_people(token) or not any(c.lower_ in words.pair_words for c in token.children):
            return []
        paragraph = doc_text(token.doc).rfind("\n", 0, token.idx)
        persons = listed(token, words.person_nouns)  # "the two men": two persons, never a city
        seen: list[Mention] = []
        for mention in reversed(self.named[: bisect_right(self.named_ends, token.idx)]):
            if mention.span.start <= paragraph:
                break
            if persons and mention.label != "PER":
                continue
            if all(entity_key(mention.text) != entity_key(m.text) for m in seen):
                seen.append(mention)
            if len(seen) == 2:
                # told of together, in one sentence ("between Japan and Russia"); not the last name of one sentence
                # and another of the one before ("… by Togo at Tsushima. President Roosevelt mediated …")
                together = self._sentence(seen[0].span.start) == self._sentence(seen[1].span.start)
                return sorted(seen, key=lambda m: m.span.start) if together else []
        return []

    def referent(self, token: Token, avoid: Sequence[str] = ()) -> Mention | None:
        """The person a pronoun or an order anaphor stands for, if ``token`` is one and has one.

        ``avoid`` names the clause's subjects: an object pronoun is someone else ("Joséphine had given him no
        heir", "Lénine a critiqué Trotsky, l'accusant"). "The latter", "ce dernier" is the last person named,
        "the former" the one before. A personal pronoun is its :meth:`antecedent`.
        """
        words = self.words
        if avoid and (token.lower_ in words.personal_pronouns or token.lower_ in words.object_clitics):
            avoided = {entity_key(name) for name in avoid}
            for rank in range(1, 4):
                other = self.named_before(token.idx, rank)
                if other is None:
                    break
                if entity_key(other.text) not in avoided:
                    return other
        if token.lower_ in words.order_anaphors and token.i > 0 and token.doc[token.i - 1].pos_ == "DET":
            named = self.named_before(token.idx, -words.order_anaphors[token.lower_])
            if named is not None:
                return named
        if token.lower_ in words.plural_pronouns:
            return self.group(token, avoid)
        # The nearest person named before the pronoun: crude, but right in narrative prose (not one to avoid, when
        # nobody else is named: "Stalin had him arrested" is not Stalin arrested)
        found = self.antecedent(token) if token.lower_ in words.personal_pronouns else None
        if found is not None and entity_key(found.text) in {entity_key(name) for name in avoid}:
            return None
        return found

    def titled(self, token: Token) -> Mention | None:
        """The person "the general", « le général », "der General" stands for: a title with its article and nothing
        else, for the last person named with that title before it, in its sentence or the three before ("General
        Douglas MacArthur … the general publicly criticized")."""
        title = fold_word(token.text)
        if title not in name_words().titles or token.dep_ == "amod":  # (the tagger may call it an adjective)
            return None
        if not any(c.dep_ == "det" for c in token.children) or any(c.dep_ != "det" for c in token.lefts):
            return None
        if any(c.dep_ in ("prep", "nmod", "appos", "flat", "flat:name") for c in token.rights):
            return None  # "the general of the army", "the general Wellington"
        text = doc_text(token.doc)
        upto = bisect_right(self.candidate_ends, token.idx)
        holders: set[str] = set()  # the last words of the names written with the title before it
        for mention, _, _ in self.candidates[:upto]:
            words = mention.text.split()
            before = text[max(0, mention.span.start - 40) : mention.span.start].split()
            if len(words) > 1 and fold_word(words[0]) == title or (words and before and fold_word(before[-1]) == title):
                holders.add(fold_word(words[-1]))
        sent = self._sentence(token.idx)
        for mention, _, where in reversed(self.candidates[:upto]):
            if where < sent - 3:
                break
            if mention.text.split() and fold_word(mention.text.split()[-1]) in holders:
                return mention  # (the last time the text names them, with the title or not)
        return None

    def demonstrated(self, token: Token) -> Mention | None:
        """The person "cette habitante", "this officer", "dieser Offizier" stands for: a noun of one person
        (``person_nouns``: not "this army", "that state") with a demonstrative and no name of its own, for whom
        "she" or "he" there would stand (« Juliette Carpezat s'est précipitée … « … », explique cette habitante du
        quartier »)."""
        if not token.dep_ or "Plur" in token.morph.get("Number", []) or not listed(token, self.words.person_nouns):
            return None
        if not any(c.dep_ == "det" and "Dem" in c.morph.get("PronType", []) for c in token.children):
            return None
        if any(c.dep_ in ("appos", "flat", "flat:name", "compound") and c.pos_ == "PROPN" for c in token.children):
            return None  # "this officer, John Smith": named there
        return self._resolve(token.idx)

    def group(self, token: Token, avoid: Sequence[str] = ()) -> Mention | None:
        """The group a plural pronoun stands for: the last plural noun of people ("German forces", "les troupes")
        or named group ("the Germans") before it, in its sentence or the one before; for an object pronoun, not
        its clause's subject (``avoid``: "the Red Army drove them back")."""
        avoided = {entity_key(name) for name in avoid}
        doc = token.doc
        sent = self._sentence(token.idx)
        first, own = self.starts[max(0, sent - 1)], self.starts[sent]
        last: Mention | None = None
        for candidate in reversed(doc[: token.i]):
            if candidate.idx < first:
                break
            if candidate.pos_ not in ("NOUN", "PROPN") or "Plur" not in candidate.morph.get("Number", []):
                continue
            named = candidate.ent_type_ != "" or candidate.pos_ == "PROPN"
            if not named and (candidate.lemma_ or candidate.lower_).lower() not in self.words.people_nouns:
                continue
            left = [c for c in candidate.lefts if c.dep_ in ("compound", "amod", "flat", "flat:name")]
            start = min([candidate.i] + [c.i for c in left])
            span = doc[start : candidate.i + 1]
            if avoided and entity_key(span.text) in avoided:
                continue
            mention = Mention(Span(span.start_char, span.end_char), span.text, "ORG")
            # A subject pronoun continues a subject ("These doctors … concluded that … the welfare of victims. They
            # created …": the doctors), else the last group named; but a group named in its own sentence comes
            # before a subject of the sentence before ("The Germans crossed … Hitler sent German forces to Libya,
            # and they launched …": the forces)
            if token.dep_ not in SUBJECTS or candidate.dep_ in SUBJECTS:
                return last if last is not None and last.span.start >= own > candidate.idx else mention
            last = last or mention
        return last


def _women(text: str, mentions: Sequence[Mention], titles: frozenset[str]) -> frozenset[str]:
    """The name keys of the persons whose name opens with, or follows, a title of a woman ("Zarin Katharina",
    "Queen Victoria", « la reine Hortense »)."""
    found: set[str] = set()
    for mention in mentions:
        if mention.label != "PER":
            continue
        words = mention.text.split()
        before = text[max(0, mention.span.start - 40) : mention.span.start].split()
        if (words and words[0].lower() in titles) or (before and before[-1].lower() in titles):
            found.add(entity_key(mention.text))
    return frozenset(found)


def _described_woman(root: Token) -> bool:
    """Whether the name headed by ``root`` is set beside a feminine noun of a person, in apposition either way
    (« l'avocate de Bernard, Alexandra Michel »; "Alexandra Michel, the defendant's lawyer" has no gender to read)."""
    beside = [root.head] if root.dep_ == "appos" else []
    beside += [c for c in root.children if c.dep_ == "appos"]
    return any(_feminine(t) and claim_words().names_people(t) for t in beside)


def _feminine(noun: Token) -> bool:
    """Whether a noun is feminine: by its morphology, or, where the tagger says otherwise, by a singular form other
    than its lemma (a lemma is the masculine singular: « avocate », lemma « avocat », which the French tagger calls
    masculine; an English singular is its own lemma)."""
    if noun.pos_ != "NOUN" or "Plur" in noun.morph.get("Number", []):
        return False
    lemma = noun.lemma_.lower()
    return "Fem" in noun.morph.get("Gender", []) or (bool(lemma) and lemma != noun.lower_)


def _main_clause(verb: Token) -> bool:
    """Whether a verb heads no clause that a conjunction or a relative subordinates ("argued that the Constitution
    was", "qui fut", not « Napoléon cède : … il abdique », whose parataxis is a main clause too)."""
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    if verb.dep_ in ("relcl", "acl:relcl"):
        return False
    return not (verb.dep_ == "ccomp" and any(c.dep_ == "mark" for c in verb.children))
