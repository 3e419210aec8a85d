"""The type of a word in a data file's list."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator

__all__ = ["Word"]


def _as_text(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError('YAML reads a bare yes, no, on or off as true or false: quote the word ("no")')
    return value if isinstance(value, str) else str(value)


#: A word of a list. A number (a year) is kept as its text; a bare ``no``, ``on``, ``yes`` or ``off``,
#: which YAML 1.1 reads as a boolean, is an error asking for quotes: the English lexicon once held
#: ``negation: [.., no]`` and ``place_prepositions: [.., on]``, which were silently read as "False" and
#: "True" and so never matched a word.
Word = Annotated[str, BeforeValidator(_as_text)]
