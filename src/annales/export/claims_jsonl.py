"""Claims as JSON lines, in the contract's claim shape."""

from __future__ import annotations

import json

from annales.serialize import claim_to_dict
from annales.store import Store


def render(store: Store) -> str:
    return "".join(json.dumps(claim_to_dict(c), ensure_ascii=False) + "\n" for c in store.claims())
