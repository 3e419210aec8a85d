"""Resolve entity mentions to entities across documents and languages.

Names are folded to a key that survives accents, transliteration habits and
language-specific endings (Trotsky / Trotski / Trotzki / Trotzkij, Lénine /
Lenin, Boukharine / Bukharin), so the same person gets the same id in every
document without a network look-up. A user-supplied alias table maps further
variants (Bronstein → Trotsky, Almaty → Alma-Ata) and may carry Wikidata ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import RootModel

from annales.langdata import DATA_DIR, DataModel, Word, load
from annales.records import Entity, Mention, Span
from annales.stages.analyse import doc_text
from annales.vocabulary.frequency import COMMON, word_zipf
from annales.vocabulary.names import compatible, entity_key, fold_word, name_tokens

__all__ = [
    "AliasTable",
    "Resolver",
    "compatible",
    "entity_id",
    "entity_key",
    "fold_word",
    "institution_key",
    "known_mentions",
    "name_tokens",
]

DATA = DATA_DIR
#: Labels whose names are institutions: folded to cross-language concepts, word order ignored.
INSTITUTION_LABELS = frozenset({"ORG", "MISC"})


class Institutions(DataModel):
    """The schema of ``data/institutions.yaml``: concept → its words in every language."""

    concepts: dict[str, list[Word]]


@lru_cache(maxsize=1)
def _concepts() -> dict[str, str]:
    """Folded word → concept, from ``data/institutions.yaml``."""
    table: dict[str, str] = {}
    for concept, words in load(DATA / "institutions.yaml", Institutions).concepts.items():
        for word in [concept, *words]:
            table[fold_word(word)] = concept
    return table


def _concept(word: str, table: dict[str, str]) -> str | None:
    """The concept of one folded word, its plural too (commissaires, Kommissare, councils)."""
    forms = [word]
    if len(word) > 4:
        forms += [word[:-1]] + ([word[:-2]] if word.endswith(("es", "en")) else [])
    return next((table[form] for form in forms if form in table), None)


def _split_compound(word: str, table: dict[str, str]) -> list[str] | None:
    """A German compound made only of institution words ("zentralkomitee" → central, committee), else None."""
    whole = _concept(word, table)
    if whole is not None:
        return [whole]
    for cut in range(len(word) - 3, 2, -1):
        head, rest = word[:cut], word[cut:]
        if head in table:
            tail = _split_compound(rest, table)
            if tail is not None:
                return [table[head], *tail]
    return None


@lru_cache(maxsize=65536)
def institution_key(name: str) -> str:
    """The key of an institution's name: its words as cross-language concepts, in no particular order
    ("Comité Central", "Central Committee", "Zentralkomitee" → "central committee")."""
    table = _concepts()
    words: set[str] = set()
    for token in name_tokens(name):
        words.update(_split_compound(token, table) or [token])
    return " ".join(sorted(words))


def entity_id(key: str) -> str:
    return "ent_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


ALIAS_HINT = "write the alias table as YAML: canonical name: {aliases: [variant, ...], wikidata: Q...}"


class AliasEntry(DataModel):
    """One canonical name's entry in a user's alias table."""

    aliases: list[Word] = []
    wikidata: Word | None = None


class AliasFile(RootModel[dict[Word, AliasEntry | None]]):
    """A user's alias table: canonical names mapped to their entries."""


@dataclass(frozen=True)
class AliasTable:
    """Variant name → canonical name, with optional Wikidata ids."""

    canonical: dict[str, str] = field(default_factory=dict)
    wikidata: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> AliasTable:
        """Read a YAML table: ``{canonical name: {aliases: [...], wikidata: Q…}}``.

        A misspelt key in an entry ("alias:") is an error naming the file, the name and the key.
        """
        table = load(Path(path), AliasFile, hint=ALIAS_HINT)
        canonical: dict[str, str] = {}
        wikidata: dict[str, str] = {}
        for name, entry in table.root.items():
            entry = entry or AliasEntry()
            key = entity_key(str(name))
            canonical[key] = key
            for alias in entry.aliases:
                canonical[entity_key(alias)] = key
            if entry.wikidata:
                wikidata[key] = entry.wikidata
        return cls(canonical, wikidata)


class Resolver:
    """Assigns entity ids to mentions, remembering entities across documents."""

    def __init__(self, known: Iterable[Entity] = (), *, aliases: AliasTable | None = None) -> None:
        self.aliases = aliases or AliasTable()
        self.entities: dict[str, Entity] = {e.id: e for e in known}
        self._by_token: dict[str, set[str]] = {}
        # Key → id of the entities known: a store written before a change of keys keeps its ids.
        self._by_key: dict[str, str] = {}
        self._known: tuple[int, dict[str, str]] | None = None
        for entity in self.entities.values():
            self._index(entity)
            self._by_key.setdefault(self.key_for(entity.name, entity.label), entity.id)

    def _index(self, entity: Entity) -> None:
        for token in entity_key(entity.name).split():
            self._by_token.setdefault(token, set()).add(entity.id)

    def key_for(self, name: str, label: str) -> str:
        key = entity_key(name)
        key = self.aliases.canonical.get(key, key)
        if label in INSTITUTION_LABELS and key not in self.aliases.wikidata:
            return institution_key(key)
        tokens = key.split()
        if label == "PER" and len(tokens) == 1:
            # A surname alone joins the one known full name that contains it.
            owners = [
                entity_key(self.entities[i].name)
                for i in self._by_token.get(tokens[0], ())
                if self.entities[i].label == "PER" and len(entity_key(self.entities[i].name).split()) > 1
            ]
            if len(set(owners)) == 1:
                return owners[0]
        return key

    def resolve(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Mentions with their ``entity`` set; new entities are remembered."""
        # Full names first, so short forms in the same batch can join them.
        order = sorted(range(len(mentions)), key=lambda i: -len(entity_key(mentions[i].text).split()))
        resolved: dict[int, Mention] = {}
        for i in order:
            mention = mentions[i]
            key = self.key_for(mention.text, mention.label)
            if not key:
                resolved[i] = mention
                continue
            ident = self._id(key)
            self._by_key.setdefault(key, ident)
            entity = self.entities.get(ident)
            if entity is None:
                entity = Entity(ident, mention.text, mention.label, (mention.text,), self.aliases.wikidata.get(key))
                self._index(entity)
            elif mention.text not in entity.aliases:
                entity = replace(entity, aliases=entity.aliases + (mention.text,))
            self.entities[ident] = entity
            resolved[i] = replace(mention, entity=ident)
        return [resolved[i] for i in range(len(mentions))]

    def known_names(self) -> dict[str, str]:
        """The key of every known person's, place's and organisation's names → its label: the folded words
        for people and places, the concepts for an organisation of two words or more ("Kommunistischen
        Internationale" = "Communist International")."""
        if self._known is None or self._known[0] != len(self.entities):
            names: dict[str, str] = {}
            for entity in self.entities.values():
                if entity.label not in ("PER", "LOC", "ORG"):
                    continue
                for name in (entity.name, *entity.aliases):
                    if len(name) < 4 or not any(w[:1].isupper() for w in name.split()) or len(name.split()) > 4:
                        continue
                    key = _known_key(name, entity.label)
                    if key:
                        names.setdefault(key, entity.label)
                    words = name.split()
                    if entity.label == "PER" and len(words) > 1 and len(words[-1]) >= 4 and words[-1][:1].isupper():
                        names.setdefault(_known_key(words[-1], "PER"), "PER")  # "Marat" after "Jean-Paul Marat"
            self._known = (len(self.entities), names)
        return self._known[1]

    def entity_for(self, name: str, label: str | None) -> str | None:
        key = self.key_for(name, label or "")
        ident = self._id(key) if key else None
        return ident if ident in self.entities else None

    def _id(self, key: str) -> str:
        """The id of the entity a key stands for: the one already known under it, else the key's hash."""
        return self._by_key.get(key) or entity_id(key)


def _as_known(sdoc: Any, mention: Mention, known: dict[str, str], locative: frozenset[str]) -> Mention:
    """A mention relabelled by what the corpus knows of its name: a known place after a locative word ("born in
    Trier" tagged an organisation), a known person tagged a place elsewhere ("Hindenburg wurde gewählt",
    where the German model sees the town)."""
    label = known.get(_known_key(mention.text, "LOC"))
    if label is None or label == mention.label or label not in ("LOC", "PER"):
        return mention
    span = sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    after_locative = span is not None and span.start > 0 and sdoc[span.start - 1].lower_ in locative
    if label == "LOC" and after_locative or label == "PER" and mention.label == "LOC" and not after_locative:
        return replace(mention, label=label)
    return mention


def _known_key(name: str, label: str) -> str:
    tokens = name_tokens(name)
    if label == "ORG":
        if len(tokens) >= 2:
            return "org:" + institution_key(" ".join(tokens))
        # One word: a proper name ("Tchéka" = "Tscheka"), not a generic one ("Partei", a concept word).
        generic = len(tokens) == 1 and (tokens[0] in _concepts() or len(tokens[0]) < 5)
        return "" if generic or not tokens else "name:" + tokens[0]
    return "name:" + " ".join(tokens) if tokens else ""


def known_mentions(
    sdoc: Any, mentions: Sequence[Mention], known: dict[str, str], *, locative: frozenset[str] = frozenset()
) -> list[Mention]:
    """``mentions`` with the untagged occurrences of names already known in the corpus added.

    A weak model misses names another document's model found ("Nikolaus II." in German after "Nicholas II"
    in English): a capitalised run of up to four words whose folded words are a known name is that name.
    A name the corpus knows as a place or a person takes that label where the context allows (see
    ``_as_known``).
    """
    if not known:
        return list(mentions)
    taken = [(m.span.start, m.span.end) for m in mentions]
    found = [_as_known(sdoc, m, known, locative) for m in mentions]
    full = doc_text(sdoc)
    tokens = list(sdoc)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.text[:1].isupper() or any(a <= token.idx < b for a, b in taken):
            i += 1
            continue
        best = None
        for length in range(min(4, len(tokens) - i), 0, -1):
            piece = tokens[i : i + length]
            if any(t.is_punct and t.text != "." or t.is_space for t in piece):
                continue
            start, end = piece[0].idx, piece[-1].idx + len(piece[-1].text)
            if any(a < end and start < b for a, b in taken):
                continue
            text = full[start:end]
            if length == 1 and token.is_sent_start and word_zipf(token.lower_, sdoc.lang_) >= COMMON:
                continue  # "Early in spring it moved": the word, not "Jubal A. Early" known from elsewhere
            label = known.get(_known_key(text, "PER")) or known.get(_known_key(text, "ORG"))
            if label is not None:
                best = (start, end, label, length)
                break
        if best is None:
            i += 1
            continue
        start, end, label, length = best
        text = full[start:end].rstrip(".")
        found.append(Mention(Span(start, start + len(text)), text, label))
        taken.append((start, end))
        i += length
    return sorted(found, key=lambda m: m.span.start)
