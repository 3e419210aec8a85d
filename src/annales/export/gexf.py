"""The entity network as GEXF 1.3 for Gephi: entities are nodes, and two entities are linked by the
events they take part in together (the edge weight counts them)."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from xml.etree import ElementTree as ET

from annales.store import Store

NS = "http://gexf.net/1.3"


def render(store: Store) -> str:
    entities = {e.id: e for e in store.entities()}
    links: Counter[tuple[str, str]] = Counter()
    for event in store.events():
        present = sorted(
            {p.entity for c in event.claims for p in (*c.participants, *([c.place] if c.place else [])) if p.entity in entities}
        )
        links.update(combinations(present, 2))
    root = ET.Element("gexf", {"xmlns": NS, "version": "1.3"})
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "undirected", "mode": "static"})
    attributes = ET.SubElement(graph, "attributes", {"class": "node"})
    ET.SubElement(attributes, "attribute", {"id": "label", "title": "kind", "type": "string"})
    nodes = ET.SubElement(graph, "nodes")
    used = {i for pair in links for i in pair}
    for ident in sorted(used):
        node = ET.SubElement(nodes, "node", {"id": ident, "label": entities[ident].name})
        values = ET.SubElement(node, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "label", "value": entities[ident].label})
    edges = ET.SubElement(graph, "edges")
    for n, ((a, b), weight) in enumerate(sorted(links.items())):
        ET.SubElement(edges, "edge", {"id": str(n), "source": a, "target": b, "weight": str(weight)})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
