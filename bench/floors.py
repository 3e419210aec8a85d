"""Quality floors of ``bench/baseline.json``, shared by the benchmarks that check them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

BASELINE = Path(__file__).resolve().parent / "baseline.json"


def check_floors(section: str, figures: Mapping[str, float | None], *, width: int, digits: int, title: str = "") -> int:
    """Print each figure beside its floor in ``section``; 1 when one falls below, else 0.

    Figures without a floor, or measured as None, are not printed; no figures, no table.
    """
    if not figures:
        return 0
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))[section]
    print(f"\n== quality floors (bench/baseline.json{title}) ==")
    failed = 0
    for name, value in figures.items():
        floor = floors.get(name)
        if floor is None or value is None:
            continue
        ok = value >= floor
        failed += not ok
        print(f"{name:{width}}{value:>10.{digits}f}  floor {floor:.{digits}f}  {'ok' if ok else 'BELOW FLOOR'}")
    return 1 if failed else 0
