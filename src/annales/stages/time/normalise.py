"""One match to its TIMEX3 type and value: each kind's reader, chosen from one table.

``ref`` is the narrative reference time, ``dct`` the document date (the
speech time of news), which deictic words ("yesterday", "last year") use.
"""

from __future__ import annotations

from annales.stages.time.bc import bc_relative
from annales.stages.time.deictic import DEICTIC
from annales.stages.time.explicit import EXPLICIT
from annales.stages.time.kinds import BC_KINDS
from annales.stages.time.lexicon import TimeLexicon
from annales.stages.time.relative import RELATIVE
from annales.stages.time.scan import Match
from annales.stages.time.values import Normaliser, Reading, Ref

__all__ = ["normalise"]

#: The reader of each kind.
NORMALISERS: dict[str, Normaliser] = {**EXPLICIT, **RELATIVE, **DEICTIC}


def normalise(found: Match, lex: TimeLexicon, ref: Ref | None, dct: Ref | None = None) -> Reading | None:
    """The type and value of one match; None if the words do not make a real date."""
    kind = found.template.kind
    if ref is not None and ref.bc is not None:
        # A narrative before the common era: relative dates count in years BC; no Gregorian days exist.
        bc = bc_relative(found, lex, ref)
        if bc is not None or kind in BC_KINDS:
            return bc
        ref = None
    elif kind == "bc_year" and found.get("bc") is None:
        return None  # a bare number is a year BC only inside a narrative before the common era
    try:
        return NORMALISERS[kind](found, lex, ref, dct)
    except (ValueError, KeyError):
        return None
