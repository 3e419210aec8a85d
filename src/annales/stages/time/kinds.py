"""The vocabulary of the time data: expression kinds, pattern slots and the codes they map words to.

These names are the contract between ``data/lang/<code>/time.yaml`` and the
code: a pattern names a kind and slots from here, and the loader rejects any
other.
"""

from __future__ import annotations

#: Expression kinds, in the order they are tried at one text position, with
#: the slots each needs. A pattern may use other slots too (``mod``,
#: ``approx``, the direction slots, ``year2``).
KINDS: dict[str, frozenset[str]] = {
    "dual_date": frozenset({"day", "month", "day2", "month2", "year"}),
    "iso_date": frozenset({"iso"}),
    "clock": frozenset(),
    "date": frozenset({"day", "month", "year"}),
    "republican_date": frozenset({"day", "rmonth", "ryear"}),
    "bc_year": frozenset({"bcyear"}),
    "bc_decade": frozenset({"bcdecade", "bc"}),
    "season": frozenset({"season", "year"}),
    "year_range": frozenset({"year", "year2"}),
    "decade": frozenset(),
    "century": frozenset({"century"}),
    "quarter": frozenset({"ordinal"}),
    "half": frozenset(),
    "quarter_rel": frozenset(),
    "ago": frozenset({"number", "unit"}),
    "deictic_day": frozenset(),
    "holiday": frozenset({"holiday"}),
    "month_rel_year": frozenset({"month"}),
    "rel_month_name": frozenset({"month"}),
    "duration_rel": frozenset({"unit"}),
    "offset": frozenset({"number", "unit"}),
    "month_year": frozenset({"month", "year"}),
    "day_month": frozenset({"day", "month"}),
    "weekday": frozenset({"weekday"}),
    "rel_year": frozenset(),
    "rel_month": frozenset(),
    "rel_week": frozenset(),
    "rel_day": frozenset(),
    "same_time": frozenset(),
    "season_rel": frozenset({"season"}),
    "part_of_day": frozenset({"part"}),
    "weekend": frozenset(),
    "ref_word": frozenset({"refword"}),
    "set": frozenset(),
    "duration": frozenset({"unit"}),
    "month": frozenset({"month"}),
    "year": frozenset({"year"}),
}
RELATIVE_KINDS = frozenset(
    {
        "month_rel_year",
        "rel_month_name",
        "duration_rel",
        "offset",
        "day_month",
        "rel_year",
        "rel_month",
        "rel_week",
        "rel_day",
        "month",
    }
)
#: Kinds read against the speech time or the narrative (see the ``deictic`` module); no direction word required.
DEICTIC_KINDS = frozenset(
    {
        "clock",
        "bc_year",
        "bc_decade",
        "quarter",
        "half",
        "quarter_rel",
        "holiday",
        "ago",
        "deictic_day",
        "weekday",
        "season_rel",
        "ref_word",
        "part_of_day",
        "weekend",
    }
)
#: Kinds a narrative before the common era reads in years BC (see the ``bc`` module).
BC_KINDS = frozenset({"bc_year", "bc_decade", "rel_year", "month", "day_month", "season_rel", "rel_day", "offset"})
DIRECTION_SLOTS = ("next", "prev", "same", "after", "before", "this", "last")
#: Word slots: "this" and "last" point from the speech time (the document date) when there is one.
WORD_SLOTS = ("next", "prev", "same", "after", "before", "approx", "this", "last")
SLOTS = frozenset(
    {
        "year",
        "year2",
        "day",
        "day2",
        "month",
        "month2",
        "season",
        "decade",
        "decade_word",
        "century",
        "number",
        "unit",
        "mod",
        "iso",
        "^",
        "$",
        "bcyear",
        "bcyear2",
        "rmonth",
        "ryear",
        "bcdecade",
        "bc",
        "ordinal",
        "weekday",
        "dayword",
        "part",
        "refword",
        "hour",
        "minute",
        "ampm",
        "holiday",
        "spelled",
        *WORD_SLOTS,
    }
)
#: Slots whose words (or digits) are rare enough in prose to anchor the scan: every match holds one of
#: them or a literal word of its pattern (see ``patterns.anchor_words``): every slot but the common words
#: (numbers, modifiers, direction words, "a.m."), the second year of a BC range and the text's edges.
ANCHOR_SLOTS = SLOTS - {"number", "mod", "^", "$", "bcyear2", "ampm", *WORD_SLOTS}
REF_CODES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
PART_CODES = ("MO", "AF", "EV", "NI")
UNITS = ("minute", "hour", "day", "week", "month", "year", "decade", "century")
SEASONS = ("spring", "summer", "autumn", "winter")
MODIFIERS = ("early", "mid", "late")
