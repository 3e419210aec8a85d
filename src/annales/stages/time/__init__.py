"""Time expressions: find them in text and normalise each to an interval.

Every mention gets a :class:`~annales.records.TimeValue`: an inclusive interval
of days (``start``/``end``), a granularity, a TimeML TIMEX3 ``value`` and an
EDTF string. The language knowledge (month names, relative words, number
words, the phrase patterns themselves) lives in
``data/lang/<code>/time.yaml``; this package only knows the *kinds* of
expression and how to normalise each kind.

How the patterns work
    Each YAML pattern is a regular expression with slots (``{month}``,
    ``{year}``, ``{next}`` …) that the loader fills from the word lists. A
    literal space matches any run of whitespace (no-break spaces included), `` ?``
    optional whitespace, and
    a ``'`` matches a typographic apostrophe too. All patterns of a language
    are compiled once into one alternation and the text is scanned once,
    leftmost match first; at one position the kinds are tried in the order of
    :data:`KINDS` (most specific first). A leading preposition from the
    language's ``prepositions`` list may precede any pattern and is left out
    of the span ("in March 1923" → "March 1923"); determiners written in the
    pattern stay in it ("le 21 janvier 1924", "the following year").

Choices made where TimeML or EDTF leave room
    * A range whose TIMEX3 value has no single form gets ``START/END`` values
      joined by ``/`` ("between 1925 and 1928" → value ``1925/1928``), the
      same shape as its EDTF.
    * Modifiers narrow the interval to a third of it, counted in the next
      smaller unit (years of a decade or century, months of a year or season,
      days of a month): *early* is the first ceil(n/3) units, *late* the last
      ceil(n/3), *mid* the ceil(n/3) in the middle ("early 1920s" →
      1920–1923, "late 1927" → September–December 1927). The TIMEX3 value
      stays that of the unmodified expression (TimeML keeps the modifier in a
      separate ``mod`` attribute); the EDTF gives the narrowed interval.
    * Centuries follow TIMEX3: "the 19th century" is value ``18``, EDTF
      ``18XX``, 1800-01-01..1899-12-31.
    * Seasons are meteorological (spring = March–May, summer = June–August,
      autumn = September–November, winter = December–February). "winter
      1920-1921" is December 1920–February 1921. A winter with one year
      ("winter 1917") is read as the widest honest interval, January 1917 to
      February 1918, since writers mean either.
    * Approximate years ("around 1920", "vers 1920", "um 1920") keep the
      stated value, get EDTF ``1920~`` and an interval widened by one year on
      each side.
    * Relative expressions resolve against the narrative reference time: the
      last DATE mention with a known interval earlier in the text, else the
      document creation time if one is given, never today. "following" counts
      from the reference's end, "previous" from its start, "same" and bare
      months ("In May") take the year the reference ends in. "the following
      January" is the first January strictly after the reference.
      "the next seven years" / "les sept années suivantes" is a DURATION with
      value ``P7Y`` and the interval reference-year+1 .. reference-year+7.
      Without any reference the mention keeps ``start=end=None`` and a value
      with X's ("XXXX-01").
    * Old Style dates ("(O.S.)", "ancien style", "a. St.") get
      ``calendar="julian"``; their start/end are the Julian day labels as
      written and ``alternative`` holds the Gregorian reading. Dual dates
      ("25 October/7 November 1917") read the first as Julian and the second
      as Gregorian.

The modules, from the data up
    ``kinds`` (the names the data may use), ``schema`` and ``lexicon`` (the
    YAML file and its compiled form), ``patterns`` (words and patterns to
    regexes), ``scan`` (finding matches), ``values`` and ``clauses`` (intervals,
    and what the words around a match say), the readers of the kinds
    (``explicit``, ``relative``, ``deictic``, ``bc``) dispatched by
    ``normalise``, then ``narrative`` (:func:`find_times`, the moving reference)
    and ``timex`` (the TimeML view).
"""

from __future__ import annotations

from annales.stages.time.kinds import KINDS
from annales.stages.time.lexicon import Template, TimeLexicon, load_language
from annales.stages.time.narrative import find_times, narrative_time
from annales.stages.time.timex import timeml, timex3

__all__ = ["KINDS", "Template", "TimeLexicon", "find_times", "load_language", "narrative_time", "timeml", "timex3"]
