"""Repair: turn a document's decoded text into clean prose with an exact offset map into the original.

:func:`repair` works on text alone; :func:`repair_layout` first reads the page
geometry a reader gives (columns, furniture, footnotes) and then repairs the
text laid out in that order. The modules, in the order the work runs:

* :mod:`~annales.stages.repair.rules`: the language data (``data/lang/<code>/repair.yaml``);
* :mod:`~annales.stages.repair.encoding`: UTF-8 decoded twice ("MÃ©decins") decoded back;
* :mod:`~annales.stages.repair.lines`: a document's lines, pieces and word statistics;
* :mod:`~annales.stages.repair.furniture`: page numbers, footers and running heads;
* :mod:`~annales.stages.repair.hyphens`: line-end hyphens, split words and jumps;
* :mod:`~annales.stages.repair.order`: reading order, from the
  models and searches of :mod:`~annales.stages.repair.continuity`;
* :mod:`~annales.stages.repair.text`: the text path, :func:`repair`;
* :mod:`~annales.stages.repair.geometry`: the geometry path, :func:`repair_layout`.
"""

from __future__ import annotations

from annales.stages.repair.continuity import SyntaxModel, WrapModel, assign, best_path, kendall_tau, tag_runs
from annales.stages.repair.geometry import Reading, reading_order, repair_layout
from annales.stages.repair.rules import RepairRules, rules_for
from annales.stages.repair.text import repair

__all__ = [
    "Reading",
    "RepairRules",
    "SyntaxModel",
    "WrapModel",
    "assign",
    "best_path",
    "kendall_tau",
    "reading_order",
    "repair",
    "repair_layout",
    "rules_for",
    "tag_runs",
]
