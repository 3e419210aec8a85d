"""The closed-class words the claims grammar reads: pronouns, anaphors, clitics (``data/lang/<code>/claims.yaml``).

The grammar has always read these words whatever the document's language (a French "de" in an
English sentence still joins a name), so the words of every language with a ``claims.yaml`` are
read together. Universal-dependency labels are not words of a language: they are in
:mod:`annales.stages.claims.syntax`. The gazetteer reads the nouns of bodies too, so these words sit below the
stages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Literal

from annales.errors import DataError
from annales.langdata import DataModel, Word, every_language, union

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ClaimWords", "ClaimsFile", "claim_words", "listed"]


class ClaimsFile(DataModel):
    """The schema of ``data/lang/<code>/claims.yaml``."""

    #: Gendered personal pronouns: an object pronoun of one gender beside a subject is someone else.
    pronoun_gender: dict[str, Literal["m", "f"]] = {}
    #: Pronouns that stand for a person named before.
    personal_pronouns: list[Word] = []
    #: Those of them that are also a plural and a thing's pronoun (German "sie": the troops, the city, the
    #: surrender): one stands for a person only where a title makes that person a woman (``woman_titles``).
    ambiguous_pronouns: list[Word] = []
    #: Titles before a name that make the person a woman ("Queen Victoria", « la reine Hortense », „Zarin Katharina“).
    woman_titles: list[Word] = []
    #: After a determiner, the person named ``-n``-th last ("the latter": -1, "the former": -2).
    order_anaphors: dict[str, Literal[-1, -2, -3]] = {}
    #: Pronouns that are only ever objects ("l'accusant").
    object_clitics: list[Word] = []
    #: The preposition of an event noun's participant in the parse ("the execution of Bukharin").
    of_prepositions: list[Word] = []
    #: Common nouns (lemmas) that name people or bodies of people ("troops", "the government").
    people_nouns: list[Word] = []
    #: Those of them that name a body, never one person ("the party", "l'armée"): a body is not born, nor marries.
    body_nouns: list[Word] = []
    #: Those of them that name one person each, never a body or a country ("the two men", « les deux hommes »).
    person_nouns: list[Word] = []
    #: Plural pronouns that stand for a group named before ("German forces … they").
    plural_pronouns: list[Word] = []
    #: Quantifiers that, standing alone for the subject or object, count out of a group named before as a plural
    #: pronoun would stand for it ("legionnaires were flown into Biafra, but most returned", « la plupart rentrèrent »).
    group_quantifiers: list[Word] = []
    #: Words that make a noun of people stand for the last two named ("the two powers", "les deux pays").
    pair_words: list[Word] = []
    #: Relative words of place: the clause they open happened at the place it hangs from ("Jiangxi, where …").
    place_relatives: list[Word] = []
    #: Nouns (lemmas) that count a group out of an of-phrase ("hundreds of civilians", « des milliers de
    #: manifestants »): the group takes part, as after a number.
    quantity_nouns: list[Word] = []
    #: Nouns (lemmas) of holding a thing, whose of-phrase names what is held ("seized control of the Tennessee
    #: River", « prit le contrôle de Kiev »): that thing takes part.
    hold_nouns: list[Word] = []
    #: Adverbs that set an event before the time the narrative has reached ("had earlier been ceded", « avait
    #: auparavant signé », „wurden zuvor versenkt“): the narrative's date is not the event's.
    earlier_words: list[Word] = []
    #: Conjunctions and prepositions that set their clause's event after its main clause's ("lived in Norway
    #: before arriving in Mexico", « avant d'arriver à Mexico », „bevor er in Mexiko ankam“): the narrative's date,
    #: which the main clause holds, is not the event's.
    later_subordinators: list[Word] = []


@dataclass(frozen=True)
class ClaimWords:
    """The claims grammar's words, of every language together."""

    pronoun_gender: dict[str, str]
    personal_pronouns: frozenset[str]
    order_anaphors: dict[str, int]
    object_clitics: frozenset[str]
    of_prepositions: frozenset[str]
    people_nouns: frozenset[str]
    plural_pronouns: frozenset[str]
    group_quantifiers: frozenset[str] = frozenset()
    pair_words: frozenset[str] = frozenset()
    place_relatives: frozenset[str] = frozenset()
    body_nouns: frozenset[str] = frozenset()
    quantity_nouns: frozenset[str] = frozenset()
    hold_nouns: frozenset[str] = frozenset()
    earlier_words: frozenset[str] = frozenset()
    later_subordinators: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    ambiguous_pronouns: frozenset[str] = frozenset()
    woman_titles: frozenset[str] = frozenset()

    @cached_property
    def subject_pronouns(self) -> frozenset[str]:
        """Pronouns that stand for someone named before, singular or plural."""
        return self.personal_pronouns | self.plural_pronouns

    def names_people(self, token: Token) -> bool:
        """Whether a noun names people, by its lemma or its form ("the troops", "les pompiers")."""
        return listed(token, self.people_nouns)


def listed(token: Token, words: frozenset[str]) -> bool:
    """Whether a word's lemma, or its form (where the lemmatizer failed), is one of ``words`` (lower case)."""
    return (token.lemma_ or token.lower_).lower() in words or token.lower_ in words


@lru_cache(maxsize=1)
def claim_words() -> ClaimWords:
    """The words of every language's ``claims.yaml``, read together."""
    found = every_language("claims.yaml", ClaimsFile)
    for path, data in found:
        unlisted = sorted({w.lower() for w in data.person_nouns} - {w.lower() for w in data.people_nouns})
        if unlisted:
            raise DataError(f"{path}: person_nouns not among people_nouns: {', '.join(unlisted)}")
    files = [data for _, data in found]
    return ClaimWords(
        pronoun_gender={k: v for data in files for k, v in data.pronoun_gender.items()},
        personal_pronouns=union(files, lambda d: d.personal_pronouns, str),
        ambiguous_pronouns=union(files, lambda d: d.ambiguous_pronouns, str),
        woman_titles=union(files, lambda d: d.woman_titles),
        order_anaphors={k: v for data in files for k, v in data.order_anaphors.items()},
        object_clitics=union(files, lambda d: d.object_clitics, str),
        of_prepositions=union(files, lambda d: d.of_prepositions, str),
        people_nouns=union(files, lambda d: d.people_nouns),
        plural_pronouns=union(files, lambda d: d.plural_pronouns),
        group_quantifiers=union(files, lambda d: d.group_quantifiers),
        pair_words=union(files, lambda d: d.pair_words),
        place_relatives=union(files, lambda d: d.place_relatives),
        body_nouns=union(files, lambda d: d.body_nouns),
        quantity_nouns=union(files, lambda d: d.quantity_nouns),
        hold_nouns=union(files, lambda d: d.hold_nouns),
        earlier_words=union(files, lambda d: d.earlier_words),
        later_subordinators=union(files, lambda d: d.later_subordinators),
        person_nouns=union(files, lambda d: d.person_nouns),
    )
