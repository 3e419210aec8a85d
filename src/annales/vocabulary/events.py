"""The event vocabulary every stage shares: the event types and each language's event words.

The cross-lingual inventory of event types is ``data/events.yaml``; each language's
lexicon (``data/lang/<code>/events.yaml``) maps its verbs, nouns, surface forms and
phrases to those types, and lists the small words the claims grammar reads
(negation, modality, prepositions of place and time, passive auxiliaries, light verbs).
Both files load through :func:`annales.langdata.load` into the schemas below, so a
misspelt key is an error naming the file and the key. Nothing here imports a stage.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Literal

from annales.errors import DataError
from annales.langdata import DATA_DIR, DataModel, Word, lang_file, load
from annales.vocabulary.names import name_words

__all__ = [
    "EventType",
    "EventTypes",
    "Lexicon",
    "LexiconFile",
    "TypeWords",
    "event_type",
    "event_types",
    "formed_from",
    "load_event_types",
    "load_lexicon",
    "verb_lemma",
]


#: The file of the event-type inventory.
EVENT_TYPES_FILE = DATA_DIR / "events.yaml"


class EventType(DataModel):
    """What the program knows of one event type (see the comments in ``data/events.yaml``)."""

    unique: bool = False
    one_place: bool = False
    object: Literal["named", "person"] | None = None
    noun_role: Literal["agent", "patient"] = "agent"
    #: The role of the event noun's of-phrase where it differs from ``noun_role``: what an attack is aimed at
    #: ("the invasion of Poland", "the defeat of the Russian fleet").
    of_role: Literal["agent", "patient"] | None = None
    #: Its grammatical subject undergoes rather than acts ("was born", "died").
    undergoer: bool = False
    #: It happens to people only: a "place" as its subject is a person the stock model mistook.
    human: bool = False
    #: A place it happens to is where it happens ("conquered Crete", "besieged Tobruk"): a place that is its
    #: patient is its place too, when the sentence names no other.
    patient_place: bool = False
    #: The place it leaves is where it happens ("withdrew from Mukden"), when the sentence names no other.
    origin_place: bool = False
    #: It ends the life of the one it happens to: no later pronoun stands for them.
    fatal: bool = False
    #: Its verb's second complement is the office, not a participant ("appointed MacArthur commander").
    office: bool = False
    #: Only persons do it: one told of bodies (organisations) alone is a figure of speech ("orthodoxy … wedded to").
    persons: bool = False
    #: Who it is done with, after "with", takes part as its patient ("met with Madero", "a treaty with Japan").
    partner: bool = False
    #: Its participle alone, or with a present or imperfect "be", tells a state, not the event ("married with three
    #: children", « qui est marié », « il était marié »): only a perfect, a preterite or a reflexive tells it.
    state_participle: bool = False
    #: Its verb's object is an event told, not a thing done to it ("announced the withdrawal").
    telling: bool = False
    #: Its verb set after a quotation names the one who speaks after it (« … », a déclaré Jean Dupont).
    incise: bool = False

    @property
    def aimed(self) -> bool:
        """Whether the place it happens to stays its patient as well ("conquered Crete"; not "reached Moscow": a
        movement's place is only where it went)."""
        return self.patient_place and not self.undergoer


class EventTypes(DataModel):
    """The schema of ``data/events.yaml``."""

    types: dict[str, EventType]


class TypeWords(DataModel):
    """One event type's words in one language."""

    verbs: list[Word] = []
    nouns: list[Word] = []
    forms: list[Word] = []
    phrases: list[Word] = []


class WordOrderFile(DataModel):
    """The ``word_order`` section of a language's event lexicon (see stages/claims/word_order.py)."""

    subject_articles: list[Word]
    object_articles: list[Word]
    genitive_articles: list[Word] = []
    oblique_articles: list[Word] = []
    subject_pronouns: list[Word] = []
    prepositions: list[Word]
    clause_words: list[Word] = []
    coordinators: list[Word] = []
    pronoun_articles: dict[Word, list[Word]] = {}
    object_pronouns: dict[Word, list[Word]] = {}
    common_articles: list[Word] = []
    degree_words: list[Word] = []
    infinitive_openers: list[Word] = []
    state_auxiliaries: list[Word] = []
    sein_verbs: list[Word] = []
    abstract_endings: list[Word] = []


@dataclass(frozen=True)
class WordOrder:
    """How a language without a parser marks subject and object: articles, prepositions, clause joints."""

    subject_articles: frozenset[str]
    object_articles: frozenset[str]
    genitive_articles: frozenset[str]
    subject_pronouns: frozenset[str]
    prepositions: frozenset[str]
    clause_words: frozenset[str]
    coordinators: frozenset[str] = frozenset()
    #: Articles of a phrase that is neither subject nor object (German datives and genitives: "dem Kaiser").
    oblique_articles: frozenset[str] = frozenset()
    #: The articles of a subject a subject pronoun can stand for ("sie": "die Polizei", "die Japaner").
    pronoun_articles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: The articles of the phrase before an object pronoun stands for ("ihn": "den Minister", "der General").
    object_pronouns: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: Articles no name takes: a phrase they open names a kind of thing or person ("seine Strategie", "eine Strecke").
    common_articles: frozenset[str] = frozenset()
    #: Number words, and the words that may stand with a number between a preposition and its noun ("bei
    #: insgesamt nur zwei Gegenstimmen", "mit mehr als 300 Mann").
    degree_words: frozenset[str] = frozenset()
    #: Words that open an infinitive clause ("um … zu statuieren"): one that opens the sentence is subordinate.
    infinitive_openers: frozenset[str] = frozenset()
    #: The forms of "to be" that make a passive of state with a participle ("war … von der Roten Armee erobert"),
    #: where an agent's preposition and someone follow.
    state_auxiliaries: frozenset[str] = frozenset()
    #: The verbs whose perfect takes "to be" (motion and change of state: "war … marschiert", "waren … eingedrungen"):
    #: their participle after a state auxiliary is a pluperfect; any other's, with no agent, a passive of state ("am
    #: 10. April war Zagreb besetzt": Zagreb was occupied).
    sein_verbs: frozenset[str] = frozenset()
    #: Endings of nouns of acts, qualities and doctrines ("Planungen", "Desertionen", "Bürokratismus"): a rare
    #: word with one names no one, unless a noun of people ends it ("Regierung", "Führung").
    abstract_endings: tuple[str, ...] = ()

    @cached_property
    def articles(self) -> frozenset[str]:
        """Every word that opens a noun phrase: subject, object and oblique articles."""
        return self.subject_articles | self.object_articles | self.oblique_articles

    @cached_property
    def closed(self) -> frozenset[str]:
        """The closed-class words that are never a verb: articles, prepositions, subject pronouns."""
        return self.articles | self.prepositions | self.subject_pronouns | frozenset(self.object_pronouns)


class LexiconFile(DataModel):
    """The schema of ``data/lang/<code>/events.yaml``."""

    lang: str | None = None
    types: dict[str, TypeWords] = {}
    negation: list[Word] = []
    modality: list[Word] = []
    habitual: list[Word] = []
    vague_quantifiers: list[Word] = []
    plans: list[Word] = []
    demands: list[Word] = []
    cancelling: list[Word] = []
    undergoer_nouns: list[Word] = []
    winner_nouns: list[Word] = []
    doer_nouns: list[Word] = []
    label_nouns: list[Word] = []
    document_nouns: list[Word] = []
    document_types: dict[str, str] = {}
    adopting_verbs: list[Word] = []
    absence_words: list[Word] = []
    negation_pairs: list[Word] = []
    dated_nouns: list[Word] = []
    scene_nouns: list[Word] = []
    active_types: dict[str, str] = {}
    agentless_types: dict[str, str] = {}
    person_types: dict[str, str] = {}
    naming: dict[str, list[Word]] = {}
    occurrence: list[str] = []
    outcome: list[str] = []
    aspect: list[str] = []
    with_words: list[Word] = []
    aid_nouns: list[Word] = []
    company_words: list[Word] = []
    be_perfect: list[Word] = []
    undergo_verbs: list[Word] = []
    undergo_phrases: list[Word] = []
    becoming_verbs: list[Word] = []
    becoming_offices: list[Word] = []
    causative_verbs: list[Word] = []
    capture_verbs: list[Word] = []
    fall_verbs: list[Word] = []
    fall_prepositions: list[Word] = []
    fall_hands: list[Word] = []
    prospective_auxiliaries: list[Word] = []
    conditional_endings: list[Word] = []
    appointing_verbs: list[Word] = []
    infinitive_markers: list[Word] = []
    disjunctions: list[Word] = []
    reported: list[Word] = []
    unique_markers: list[Word] = []
    place_prepositions: list[Word] = []
    origin_prepositions: list[Word] = []
    passive_auxiliaries: list[Word] = []
    reference_prepositions: list[Word] = []
    range_words: list[Word] = []
    war_nouns: list[Word] = []
    declaring_verbs: list[Word] = []
    enemy_prepositions: list[Word] = []
    command_prepositions: list[Word] = []
    light_verbs: list[Word] = []
    of_words: list[Word] = []
    against_words: list[Word] = []
    target_words: list[Word] = []
    name_place_words: list[Word] = []
    noun_endings: list[Word] = []
    states: list[Word] = []
    measures: list[Word] = []
    thoughts: list[Word] = []
    effects: list[Word] = []
    perfect_auxiliaries: list[Word] = []
    conditions: list[Word] = []
    past_endings: dict[str, list[Word]] = {}
    future_endings: dict[str, list[Word]] = {}
    future_auxiliaries: list[Word] = []
    historical_present: bool = False
    agent_prepositions: list[Word] = []
    place_event_nouns: list[Word] = []
    implicatives: list[Word] = []
    negative_implicatives: list[Word] = []
    catenatives: list[Word] = []
    compound_heads: bool = False
    verb_endings: dict[str, list[Word]] = {}
    participle_infix: str = ""
    word_order: WordOrderFile | None = None


#: The lists of ``events.yaml`` that a :class:`Lexicon` holds as sets of lower-case words under the same name.
_WORD_SETS: tuple[str, ...] = (
    "negation",
    "modality",
    "reported",
    "unique_markers",
    "place_prepositions",
    "origin_prepositions",
    "passive_auxiliaries",
    "reference_prepositions",
    "range_words",
    "war_nouns",
    "declaring_verbs",
    "enemy_prepositions",
    "command_prepositions",
    "light_verbs",
    "of_words",
    "against_words",
    "name_place_words",
    "states",
    "measures",
    "thoughts",
    "effects",
    "perfect_auxiliaries",
    "future_auxiliaries",
    "conditions",
    "agent_prepositions",
    "place_event_nouns",
    "implicatives",
    "negative_implicatives",
    "target_words",
    "catenatives",
    "habitual",
    "vague_quantifiers",
    "plans",
    "demands",
    "cancelling",
    "undergoer_nouns",
    "winner_nouns",
    "doer_nouns",
    "label_nouns",
    "document_nouns",
    "adopting_verbs",
    "absence_words",
    "negation_pairs",
    "dated_nouns",
    "scene_nouns",
    "with_words",
    "aid_nouns",
    "company_words",
    "be_perfect",
    "undergo_verbs",
    "undergo_phrases",
    "becoming_verbs",
    "becoming_offices",
    "causative_verbs",
    "capture_verbs",
    "fall_verbs",
    "fall_prepositions",
    "fall_hands",
    "prospective_auxiliaries",
    "conditional_endings",
    "appointing_verbs",
    "infinitive_markers",
    "disjunctions",
)


@dataclass(frozen=True)
class Lexicon:
    """One language's event words, compiled for look-up (lower case; phrases longest first)."""

    lang: str
    verbs: dict[str, str]
    nouns: dict[str, str]
    forms: dict[str, str]
    phrases: tuple[tuple[tuple[str, ...], str], ...]
    negation: frozenset[str] = frozenset()
    modality: frozenset[str] = frozenset()
    reported: frozenset[str] = frozenset()
    unique_markers: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    #: Prepositions of the place an event leaves ("withdrew from Mukden", "banni de l'Union soviétique").
    origin_prepositions: frozenset[str] = frozenset()
    passive_auxiliaries: frozenset[str] = frozenset()
    #: Prepositions that make an event noun a point of reference ("after Lenin's death", "après la mort de"):
    #: such a noun is not dated by the surrounding narrative.
    reference_prepositions: frozenset[str] = frozenset()
    #: The words between two dates that make them the ends of one period ("from August to September 1904",
    #: « d'août à septembre 1904 », „von August bis September 1904“).
    range_words: frozenset[str] = frozenset()
    #: A war declared (``declaring_verbs`` with a noun of ``war_nouns`` as object) is declared on an enemy, the
    #: object of one of ``enemy_prepositions`` ("declared war on Japan"): its patient, not its place.
    war_nouns: frozenset[str] = frozenset()
    declaring_verbs: frozenset[str] = frozenset()
    enemy_prepositions: frozenset[str] = frozenset()
    #: Prepositions that name who led those who acted ("troops under General Magruder"): their commander
    #: is an agent too.
    command_prepositions: frozenset[str] = frozenset()
    #: Verbs whose object noun is the event and whose subject its participant ("suffered a stroke").
    light_verbs: frozenset[str] = frozenset()
    #: Words after an event noun that introduce its participant ("of", "von"), and its target ("against").
    of_words: frozenset[str] = frozenset()
    against_words: frozenset[str] = frozenset()
    #: Prepositions after which any name is a place, when there is no parse ("in Reims").
    name_place_words: frozenset[str] = frozenset()
    #: Inflectional endings to strip from a noun when there is no lemmatizer.
    noun_endings: tuple[str, ...] = ()
    #: Verbs that tell a state, a thought or a wish, never an event of their own ("was", "knew", "wanted").
    states: frozenset[str] = frozenset()
    #: Verbs of a quantity that changes: with a number among their complements they tell a measure or a tally, not
    #: an event ("prices had tripled", "the cities grew by 30 million", "lost four-fifths of its employees").
    measures: frozenset[str] = frozenset()
    #: Verbs that tell a thought when a clause is their only complement ("concluded that …", "figured he would
    #: retire"); with an object they may tell an event ("concluded a treaty").
    thoughts: frozenset[str] = frozenset()
    #: Nouns of what an act causes, which a verb of making takes with no founding ("créer la polémique", "created
    #: a sensation"): the verb then tells an event of no listed type.
    effects: frozenset[str] = frozenset()
    #: The auxiliaries of a perfect ("has signed", "a signé", "ist gestorben"): with a past participle, a past.
    perfect_auxiliaries: frozenset[str] = frozenset()
    #: Conjunctions of a condition ("if", "si", "wenn"): the clause tells no event.
    conditions: frozenset[str] = frozenset()
    #: The endings of a simple past by the ending of the verb's lemma ("abandonna" from "abandonner"): the
    #: small models often tag that tense as a present.
    past_endings: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: The endings of a future by the ending of the lemma (« ouvrira » from « ouvrir »), which the small
    #: models tag as other tenses; and the auxiliaries of a future ("will", "shall").
    future_endings: tuple[tuple[str, tuple[str, ...]], ...] = ()
    future_auxiliaries: frozenset[str] = frozenset()
    #: Histories in the language tell the past in the present ("En 1799, il s'allie à Sieyès"): in a
    #: narrative, a verb in the present indicative tells an event as a past one does.
    historical_present: bool = False
    #: The preposition of a passive's agent ("by", "par", "von"), read where the parser misplaced the phrase.
    agent_prepositions: frozenset[str] = frozenset()
    #: Event nouns whose of-phrase names where it happened ("the Battle of Verdun", "la prise de Paris").
    place_event_nouns: frozenset[str] = frozenset()
    #: Verbs whose infinitive complement happened ("forced them to evacuate", "parvint à fuir"): it is asserted.
    implicatives: frozenset[str] = frozenset()
    #: Verbs (and adjectives) whose infinitive complement did not happen ("failed to take the city", "was unable to
    #: cross", « refusa de signer »): it is negated.
    negative_implicatives: frozenset[str] = frozenset()
    #: Nouns are compounds that end with their head ("Seeschlacht", "Halbinsel-Feldzug"): without a parse, a
    #: noun ending with a listed one is of its type.
    compound_heads: bool = False
    #: Without a lemmatizer, the endings of a verb's inflected forms by the ending of its lemma ("eroberten" from
    #: "erobern"), and the infix of its participle ("gegründet", "abgesetzt").
    verb_endings: tuple[tuple[str, tuple[str, ...]], ...] = ()
    participle_infix: str = ""
    #: Without a parse, how the language marks subject and object (None: it is not read from word order).
    word_order: WordOrder | None = None
    #: Prepositions that introduce the target of an event a place or a force undergoes (an attack): "the attack
    #: on Pearl Harbor", "l'assaut sur Paris", "der Angriff auf Polen".
    target_words: frozenset[str] = frozenset()
    #: Verbs that tell an event through their infinitive complement ("attempted to dislodge", "tente de contrer"):
    #: the two are one trigger, and the complement's objects are the event's.
    catenatives: frozenset[str] = frozenset()
    #: Adverbs of habit ("regularly", "régulièrement"): the clause tells no specific event.
    habitual: frozenset[str] = frozenset()
    #: Vague quantifiers ("several", "plusieurs", "mehrere"): with them a plural event noun tells no specific event.
    vague_quantifiers: frozenset[str] = frozenset()
    #: Verbs and nouns of planning ("scheduled", "prévue", "preparations for"): an event planned has not happened.
    plans: frozenset[str] = frozenset()
    #: Verbs whose object event noun is what someone wanted, asked, ordered, proposed or feared, not what
    #: happened ("demanded the resignation", "called for a ceasefire", « souhaite la nomination », "forderte den
    #: Rücktritt"); a verb and its preposition where the noun follows one ("call for", « appeler à »).
    demands: frozenset[str] = frozenset()
    #: Of the ``demands``, the verbs that call an event off ("cancelled a meeting", « annula la rencontre », „sagte
    #: das Treffen ab“): the event they carry does not take place, and calling it off is an event of its own.
    cancelling: frozenset[str] = frozenset()
    #: Event nouns whose possessor or adjective undergoes them ("the Russian defeat", "Napoleon's fall").
    undergoer_nouns: frozenset[str] = frozenset()
    #: Event nouns whose of-phrase or genitive wins them ("the victory of Japan", « la victoire des Athéniens »,
    #: "der Sieg Athens"): the agent, where another noun of the type takes what it is aimed at.
    winner_nouns: frozenset[str] = frozenset()
    #: Event nouns whose of-phrase or genitive, when it names people and not a place, names who does it ("the
    #: offensive of the Red Army", „der Angriff der japanischen Armee“, « l'offensive des Allemands »); a place
    #: there is what it is aimed at ("the invasion of Poland").
    doer_nouns: frozenset[str] = frozenset()
    #: What someone is named that no office is ("named him an enemy of the people"): no appointment.
    label_nouns: frozenset[str] = frozenset()
    #: Nouns of a document (a treaty, a law): one as the object or the of-phrase of an event is its patient, named
    #: with what it is of ("signed the Treaty of Versailles", « la signature du traité de Versailles », "signed a
    #: neutrality pact"); a document noun's own of-phrase is its name, not a participant.
    document_nouns: frozenset[str] = frozenset()
    #: The event type of a document whose noun no type lists ("act": law), for a verb of no type that takes it.
    document_types: dict[str, str] = field(default_factory=dict)
    #: Verbs that adopt a document ("passed", « adopta »): with one, a verb no type lists takes its document's type.
    adopting_verbs: frozenset[str] = frozenset()
    #: Words that tell an event noun as missing ("for lack of an agreement", « faute d'accord »): it is negated.
    absence_words: frozenset[str] = frozenset()
    #: Words after a negation that make it open a pair, no denial ("nicht nur …, sondern auch").
    negation_pairs: frozenset[str] = frozenset()
    #: Event nouns that tell an event only with an explicit date in their clause ("in a letter to the Central
    #: Committee in October 1923"; not "Madero's letter was not a plan", "in response to Madero's letter").
    dated_nouns: frozenset[str] = frozenset()
    #: Of ``place_event_nouns``, those whose of-phrase is only where it happened ("the Battle of Britain"); the
    #: others are aimed at the place, which is their patient too ("the siege of Tobruk").
    scene_nouns: frozenset[str] = frozenset()
    #: Verbs whose active voice tells another type than their passive: "Mitzna a accusé Sharon" is something
    #: said, "16 des alliés ont été accusés" a charge in court.
    active_types: dict[str, str] = field(default_factory=dict)
    #: Verbs whose type is another when the text tells nobody doing it ("a motorist was killed when his car
    #: collided": a death, not a murder).
    agentless_types: dict[str, str] = field(default_factory=dict)
    #: Verbs whose type is another when a person named by name is what they take ("captured Ney": an arrest, not
    #: a battle).
    person_types: dict[str, str] = field(default_factory=dict)
    #: Verbs that, followed by one of their words, name a thing after someone and tell no event ("named for the
    #: defense minister", "named after the battle").
    naming: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Frames that tell the event noun they carry happened, by verb lemma: for each, the words that must hang
    #: from the verb ("take place": take, (place,)), or without a parse the word that brings in the noun
    #: ("kam es zu": kommen, (zu,)).
    occurrence: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    #: Frames that tell the listed event noun after their preposition came of what went before, and so happened
    #: ("culminated in armed clashes", « déboucha sur une guerre »), by verb lemma: the prepositions.
    outcome: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    #: Frames whose subject, a listed event noun, happened since the frame tells how it began, went or ended ("the
    #: offensive failed", « la bataille s'acheva »), by verb lemma: the words that must hang from the verb.
    aspect: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    #: "with" and the nouns of help after it: "with the assistance of the Free French", the helpers act too.
    with_words: frozenset[str] = frozenset()
    aid_nouns: frozenset[str] = frozenset()
    #: Words before a "with" whose noun acts beside the subject: "Germany, along with Finland, invaded".
    company_words: frozenset[str] = frozenset()
    #: Verbs whose perfect takes "be" (« sont intervenus »): that auxiliary makes no passive of them.
    be_perfect: frozenset[str] = frozenset()
    #: Verbs whose subject undergoes what their object tells ("suffered an attack", « ont essuyé des coups de
    #: feu »): the subject is its patient.
    undergo_verbs: frozenset[str] = frozenset()
    undergo_phrases: frozenset[str] = frozenset()
    #: Verbs of becoming, and the ranks, crowns and successions that make one an appointment with the offices of
    #: ``names.yaml`` ("Hitler became chancellor", „wurde Sherman Nachfolger Grants“): the subject is appointed.
    becoming_verbs: frozenset[str] = frozenset()
    becoming_offices: frozenset[str] = frozenset()
    causative_verbs: frozenset[str] = frozenset()
    capture_verbs: frozenset[str] = frozenset()
    #: Verbs whose subject, a place, is taken ("Seoul fell"), and the prepositions that name who takes it ("fell to
    #: the Chinese").
    fall_verbs: frozenset[str] = frozenset()
    fall_prepositions: frozenset[str] = frozenset()
    #: The nouns of "falling into someone's hands" ("fell into British hands", « tomba aux mains des Anglais »):
    #: whatever falls so is taken, whatever the models call its name, and who holds the hands takes it.
    fall_hands: frozenset[str] = frozenset()
    prospective_auxiliaries: frozenset[str] = frozenset()
    #: Endings that make a conditional of a verb's infinitive (French "démissionner" + "ait"), for the forms the
    #: tagger reads as an imperfect.
    conditional_endings: frozenset[str] = frozenset()
    #: Verbs that appoint when their passive takes an office or a rank ("was made commander", « fut fait
    #: maréchal »).
    appointing_verbs: frozenset[str] = frozenset()
    #: Without a parse, the word that marks an infinitive ("zu"): a verb right after it ("um die Stadt zu
    #: erobern"), or before it and an auxiliary ("anerkannt zu werden"), says what was wanted, not what happened.
    infinitive_markers: frozenset[str] = frozenset()
    #: "or", "ou", "oder": two verbs of one type it joins tell one event ("sank or destroyed").
    disjunctions: frozenset[str] = frozenset()

    def noun(self, lemma: str, form: str) -> str | None:
        """The type of an event noun by its lemma, else by its form as written (lower case both)."""
        return self.nouns.get(lemma) or self.nouns.get(form)

    def targets(self, type_: str) -> frozenset[str]:
        """The prepositions that introduce the target of an event of ``type_`` ("against", and for an event a
        place undergoes, "on")."""
        return self.against_words | self.target_words if event_type(type_).patient_place else self.against_words


@lru_cache(maxsize=1)
def load_event_types() -> dict[str, EventType]:
    """The event-type inventory, in the file's order."""
    return dict(load(EVENT_TYPES_FILE, EventTypes).types)


def event_type(name: str) -> EventType:
    """The properties of the type ``name``; an unknown type has the defaults."""
    return load_event_types().get(name) or _DEFAULT_TYPE


_DEFAULT_TYPE = EventType()


@lru_cache(maxsize=1)
def event_types() -> dict[str, dict[str, Any]]:
    """The inventory as plain mappings of the properties the file sets (for code that reads them as keys)."""
    return {name: spec.model_dump(exclude_unset=True) for name, spec in load_event_types().items()}


def _lower(words: list[str]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


def _frames(entries: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``occurrence``, ``outcome`` and ``aspect`` entries, "lemma word …", by lemma: the words of each frame of that
    verb ("take place", "kommen zu")."""
    frames: dict[str, tuple[tuple[str, ...], ...]] = {}
    for entry in entries:
        lemma, *words = entry.lower().split()
        frames[lemma] = (*frames.get(lemma, ()), tuple(words))
    return frames


@lru_cache(maxsize=16)
def load_lexicon(lang: str) -> Lexicon:
    """The event lexicon of ``lang``; an empty one if the language has none."""
    path = lang_file(lang, "events.yaml")
    if not path.is_file():
        return Lexicon(lang, {}, {}, {}, ())
    data = load(path, LexiconFile)
    known = load_event_types()
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    forms: dict[str, str] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    for type_, entry in data.types.items():
        if type_ not in known:
            raise DataError(f"{path}: event type '{type_}' is not in data/events.yaml")
        verbs.update((word.lower(), type_) for word in entry.verbs)
        nouns.update((word.lower(), type_) for word in entry.nouns)
        forms.update((word.lower(), type_) for word in entry.forms)
        phrases += [(tuple(phrase.lower().split()), type_) for phrase in entry.phrases]
    phrases.sort(key=lambda item: -len(item[0]))
    stray = sorted({w.lower() for w in data.cancelling} - {w.lower() for w in data.demands})
    if stray:
        raise DataError(f"{path}: cancelling not among demands: {', '.join(stray)}")
    unlisted = sorted({p.lower() for p in data.undergo_phrases} - {" ".join(words) for words, _ in phrases})
    if unlisted:
        raise DataError(f"{path}: undergo_phrases not among the types' phrases: {', '.join(unlisted)}")
    retyped = set(data.active_types.values()) | set(data.agentless_types.values()) | set(data.person_types.values())
    retyped |= set(data.document_types.values())
    unknown = sorted(retyped - set(known))
    if unknown:
        named = ", ".join(unknown)
        raise DataError(
            f"{path}: active_types, agentless_types, person_types or document_types name types not in data/events.yaml: {named}"
        )
    return Lexicon(
        lang,
        verbs,
        nouns,
        forms,
        tuple(phrases),
        noun_endings=tuple(sorted(data.noun_endings, key=len, reverse=True)),
        past_endings=tuple((ending.lower(), tuple(e.lower() for e in endings)) for ending, endings in data.past_endings.items()),
        future_endings=tuple(
            (ending.lower(), tuple(e.lower() for e in endings)) for ending, endings in data.future_endings.items()
        ),
        historical_present=data.historical_present,
        compound_heads=data.compound_heads,
        verb_endings=tuple(
            (ending.lower(), tuple(sorted((e.lower() for e in endings), key=len, reverse=True)))
            for ending, endings in data.verb_endings.items()
        ),
        participle_infix=data.participle_infix.lower(),
        word_order=_word_order(data.word_order),
        active_types={verb.lower(): type_ for verb, type_ in data.active_types.items()},
        agentless_types={verb.lower(): type_ for verb, type_ in data.agentless_types.items()},
        person_types={verb.lower(): type_ for verb, type_ in data.person_types.items()},
        document_types={noun.lower(): type_ for noun, type_ in data.document_types.items()},
        naming={verb.lower(): _lower(words) for verb, words in data.naming.items()},
        occurrence=_frames(data.occurrence),
        outcome=_frames(data.outcome),
        aspect=_frames(data.aspect),
        **{name: _lower(getattr(data, name)) for name in _WORD_SETS},
    )


def formed_from(lemma: str, form: str, endings: tuple[tuple[str, tuple[str, ...]], ...]) -> bool:
    """Whether ``form`` is ``lemma`` less its ending plus one of the endings listed for it (``past_endings``:
    « abandonna » from « abandonner »; ``future_endings``: « ouvrira » from « ouvrir »)."""
    return any(lemma.endswith(ending) and form in {lemma[: -len(ending)] + e for e in forms} for ending, forms in endings)


def verb_lemma(word: str, lexicon: Lexicon, known: Collection[str] | None = None) -> str | None:
    """Without a lemmatizer (or where it failed), the listed verb an inflected lower-case form belongs to
    ("eroberten": erobern, "gegründet": gründen, "abgesetzt": absetzen, "déclara": déclarer), from the
    language's ``verb_endings``, ``past_endings`` and ``participle_infix``; None if none is listed. ``known``:
    the verbs to look in, if not the event verbs ("endete": enden, of the ``aspect`` frames)."""
    verbs = lexicon.verbs if known is None else known
    infix = lexicon.participle_infix
    for lemma_ending, endings in (*lexicon.verb_endings, *lexicon.past_endings):
        for ending in endings:
            if not word.endswith(ending) or len(word) - len(ending) < 3:
                continue
            stem = word[: -len(ending)]
            candidates = [stem + lemma_ending]
            if infix:  # "ge" at the start or after a separable prefix
                candidates += [
                    stem[:i] + stem[i + len(infix) :] + lemma_ending for i in range(0, 7) if stem[i:].startswith(infix)
                ]
            found = next((c for c in candidates if c in verbs), None)
            if found is not None:
                return found
    return None


def _word_order(data: WordOrderFile | None) -> WordOrder | None:
    if data is None:
        return None
    return WordOrder(
        _lower(data.subject_articles),
        _lower(data.object_articles),
        _lower(data.genitive_articles),
        _lower(data.subject_pronouns),
        _lower(data.prepositions),
        _lower(data.clause_words),
        _lower(data.coordinators),
        _lower(data.oblique_articles),
        {pronoun.lower(): _lower(articles) for pronoun, articles in data.pronoun_articles.items()},
        {pronoun.lower(): _lower(articles) for pronoun, articles in data.object_pronouns.items()},
        _lower(data.common_articles),
        _lower(data.degree_words),
        _lower(data.infinitive_openers),
        _lower(data.state_auxiliaries),
        _lower(data.sein_verbs),
        tuple(sorted(_lower(data.abstract_endings), key=len, reverse=True)),
    )


#: The shortest office a compound is read as ending with ("Reichskanzler": kanzler; "KP-Chef": chef).
OFFICE_END = 4


def office_word(word: str, lexicon: Lexicon, *, compound: bool = False) -> bool:
    """Whether a word is an office (``offices`` of ``names.yaml``) or a rank, a crown or a succession one becomes
    (``becoming_offices``); with ``compound``, in a language of compounds, also a word that ends with one
    ("Reichskanzler", "KP-Chef")."""
    word = word.lower()
    offices, ends = _offices(lexicon.lang)
    return word in offices or (compound and lexicon.compound_heads and word.endswith(ends))


@lru_cache(maxsize=8)
def _offices(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """A language's offices (see :func:`office_word`), and those a compound may end with."""
    offices = name_words().offices | load_lexicon(lang).becoming_offices
    return offices, tuple(sorted(o for o in offices if len(o) >= OFFICE_END))
