"""The type of a word in a data file's list."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator

__all__ = ["Word"]


def _as_text(value: Any) -> Any:
    return value if isinstance(value, str) else str(value)


#: A word of a list. YAML 1.1 reads a bare ``no`` or ``on`` as a boolean, a year as a number: such a value
#: is kept as the text the loaders always made of it (``"False"``, ``"True"``, ``"1815"``), so that loading
#: through a schema changes no output. (The English ``negation: [.., no]`` and ``place_prepositions: [..,
#: on]`` are read that way: quoting them changes what annales finds, which is for its own commit.)
Word = Annotated[str, BeforeValidator(_as_text)]
