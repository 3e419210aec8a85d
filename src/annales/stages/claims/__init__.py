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

- ``triggers``: finding the triggers of a sentence and giving each its times and places;
- ``coreference``: who a pronoun or "the latter" stands for;
- ``roles``: participants and their roles (passive, light verbs, noun roles) and qualifiers; ``titles``: offices
  and the people named to them or by them; ``owners``: what an of-phrase names (whose a thing is, who attacks);
- ``build``: a claim from each trigger;
- ``eventhood``: whether words tell an event (an event noun told as one, not as a topic; a body where a
  person must act; a year that names a thing; an event told again to date another);
- ``predicates``, ``past_verbs``, ``occurrences``: events no lexicon word names; ``becoming``: an appointment
  told by becoming an office ("became chancellor"); ``qualifiers``: how the text
  asserts a claim; ``places``: where it happened (``event_names``: the place a battle's name holds);
  ``word_order``: who does what without a parse (``noun_phrases``: the noun phrases it reads by articles);
- ``syntax``: dependency labels and sentence helpers; ``drafts``: the records produced; the pronouns and other
  small words of ``data/lang/<code>/claims.yaml`` are shared vocabulary (:mod:`annales.vocabulary.claim_words`),
  read by the entity stages too.
"""

from __future__ import annotations

from annales.stages.claims.build import extract_claims
from annales.stages.claims.drafts import DraftClaim, DraftParticipant
from annales.stages.claims.triggers import split_at_event_words
from annales.vocabulary.events import Lexicon, event_types, load_lexicon

__all__ = [
    "DraftClaim",
    "DraftParticipant",
    "Lexicon",
    "event_types",
    "extract_claims",
    "load_lexicon",
    "split_at_event_words",
]
