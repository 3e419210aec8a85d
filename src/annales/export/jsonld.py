"""Events and the entities in them as JSON-LD, with schema.org terms.

An event is a ``schema:Event`` with ``startDate``/``endDate`` (ISO days), its ``location`` and
``actor``s, and a ``citation`` per claim pointing to the passage (document and character span).
Entities are ``Person``, ``Place`` or ``Organization``, with ``sameAs`` their Wikidata id when known.
"""

from __future__ import annotations

import json
from typing import Any

from annales.store import Store

CONTEXT = {"@vocab": "https://schema.org/", "annales": "https://annales.invalid/terms#"}
TYPES = {"PER": "Person", "LOC": "Place", "ORG": "Organization"}


def render(store: Store) -> str:
    graph: list[dict[str, Any]] = []
    for entity in store.entities():
        node: dict[str, Any] = {
            "@id": f"annales:{entity.id}",
            "@type": TYPES.get(entity.label, "Thing"),
            "name": entity.name,
            "alternateName": list(entity.aliases),
        }
        if entity.wikidata:
            node["sameAs"] = f"http://www.wikidata.org/entity/{entity.wikidata}"
        graph.append(node)
    for event in store.events():
        time = event.time
        node = {
            "@id": f"annales:{event.id}",
            "@type": "Event",
            "name": event.type,
            "annales:agreement": event.agreement,
            "actor": sorted({f"annales:{p.entity}" for c in event.claims for p in c.participants if p.entity}),
            "location": sorted({f"annales:{c.place.entity}" for c in event.claims if c.place and c.place.entity}),
            "citation": [
                {
                    "@type": "Quotation",
                    "text": c.quote,
                    "isPartOf": c.doc,
                    "annales:span": [c.span.start, c.span.end],
                    "inLanguage": c.lang,
                }
                for c in event.claims
            ],
        }
        if time is not None and time.start is not None:
            node["startDate"] = time.start.isoformat()
            node["endDate"] = (time.end or time.start).isoformat()
        graph.append(node)
    return json.dumps({"@context": CONTEXT, "@graph": graph}, ensure_ascii=False, indent=1) + "\n"
