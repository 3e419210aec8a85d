"""What every stage shares about words, below the stages: event types, event lexicons, name keys.

- :mod:`annales.vocabulary.events`: the event types (``data/events.yaml``) and each language's
  event lexicon (``data/lang/<code>/events.yaml``);
- :mod:`annales.vocabulary.names`: names folded to keys (titles and determiners from
  ``data/lang/<code>/names.yaml``, other languages' names from ``data/exonyms.yaml``);
- :mod:`annales.vocabulary.keys`: the index keys of claims and events, which reconciliation and the
  store both compute.

Nothing here imports a stage.
"""

from __future__ import annotations

from annales.vocabulary.events import EventType, Lexicon, event_type, event_types, load_event_types, load_lexicon
from annales.vocabulary.keys import claim_keys, event_keys
from annales.vocabulary.names import compatible, entity_key, fold_word, name_tokens

__all__ = [
    "EventType",
    "Lexicon",
    "claim_keys",
    "compatible",
    "entity_key",
    "event_keys",
    "event_type",
    "event_types",
    "fold_word",
    "load_event_types",
    "load_lexicon",
    "name_tokens",
]
