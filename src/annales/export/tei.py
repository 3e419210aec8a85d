"""Events, people, places and organisations as TEI P5 XML, in a ``standOff`` after the header.

- Each source document is a ``bibl`` in the ``sourceDesc``, with its SHA-256.
- Each entity is a ``person``, ``place`` or ``org`` whose ``xml:id`` is the annales entity id, with its
  names and, when known, its Wikidata ``idno``.
- Each event is an ``event``: its date as ``@when`` when the sources agree on a day, a month or a year,
  else as ``@notBefore`` / ``@notAfter`` (a date only inherited from the narrative gives ``@notBefore``
  alone). Its ``desc`` names the participants with ``persName`` / ``placeName`` / ``orgName`` and
  ``@ref`` to the entity. Each claim is a ``note`` holding its quote and a ``ptr`` to the passage: the
  document's name with an RFC 5147 fragment, ``#char=start,end`` in the original text.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from annales.records import Claim, Entity, Event, TimeValue
from annales.store import Store

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAME_ELEMENTS = {"PER": "persName", "LOC": "placeName", "ORG": "orgName"}
_XML_NAME = re.compile(r"[^A-Za-z0-9_.-]")
_WHEN = re.compile(r"\d{4}(-\d\d(-\d\d)?)?$")


def _xml_id(prefix: str, value: str) -> str:
    return prefix + _XML_NAME.sub("_", value)


def _t(tag: str) -> str:
    return f"{{{TEI}}}{tag}"


def _dates(element: ET.Element, time: TimeValue | None) -> None:
    if time is None or time.start is None:
        return
    # @when takes one xsd date, gYearMonth or gYear: a range ("1798/1799") is written as its bounds.
    if time.basis != "narrative" and time.granularity in ("day", "month", "year") and _WHEN.match(time.value):
        element.set("when", time.value if time.granularity != "day" else time.start.isoformat())
        return
    element.set("notBefore", time.start.isoformat())
    if time.end is not None and time.basis != "narrative":
        element.set("notAfter", time.end.isoformat())


def _entity(parent: ET.Element, entity: Entity) -> None:
    kind = {"PER": "person", "LOC": "place", "ORG": "org"}[entity.label]
    node = ET.SubElement(parent, _t(kind), {XML_ID: entity.id})
    for name in dict.fromkeys((entity.name, *entity.aliases)):
        ET.SubElement(node, _t(NAME_ELEMENTS[entity.label])).text = name
    if entity.wikidata:
        ET.SubElement(node, _t("idno"), {"type": "wikidata"}).text = entity.wikidata


def _claim(parent: ET.Element, claim: Claim) -> None:
    note = ET.SubElement(parent, _t("note"), {"type": "claim", XML_ID: _xml_id("", claim.id)})
    ET.SubElement(note, _t("quote"), {XML_LANG: claim.lang}).text = " ".join(claim.quote.split())
    ET.SubElement(
        note,
        _t("ptr"),
        {"target": f"{claim.doc}#char={claim.span.start},{claim.span.end}", "source": "#" + _xml_id("src_", claim.doc_id)},
    )


def _event(parent: ET.Element, event: Event, labels: dict[str, str], known: set[str]) -> None:
    node = ET.SubElement(parent, _t("event"), {XML_ID: event.id, "type": event.type})
    _dates(node, event.time)
    ET.SubElement(node, _t("label")).text = event.type
    desc = ET.SubElement(node, _t("desc"))
    seen: set[tuple[str, str]] = set()
    for claim in event.claims:
        for p in (*claim.participants, *([claim.place] if claim.place else [])):
            key = (p.entity or "", p.name)
            if key in seen or not p.name:
                continue
            seen.add(key)
            element = NAME_ELEMENTS.get(labels.get(p.entity or "", ""), "name")
            attributes = {"role": p.role}
            if p.entity in known:
                attributes["ref"] = "#" + str(p.entity)
            name = ET.SubElement(desc, _t(element), attributes)
            name.text = p.name
            name.tail = " "
    for claim in event.claims:
        _claim(node, claim)


def render(store: Store) -> str:
    entities = [e for e in store.entities() if e.label in NAME_ELEMENTS]
    labels = {e.id: e.label for e in entities}
    root = ET.Element(_t("TEI"))
    header = ET.SubElement(root, _t("teiHeader"))
    file_desc = ET.SubElement(header, _t("fileDesc"))
    ET.SubElement(ET.SubElement(file_desc, _t("titleStmt")), _t("title")).text = "annales: events and their sources"
    ET.SubElement(ET.SubElement(file_desc, _t("publicationStmt")), _t("p")).text = "Exported by annales."
    sources = ET.SubElement(ET.SubElement(file_desc, _t("sourceDesc")), _t("listBibl"))
    for doc in store.documents():
        bibl = ET.SubElement(sources, _t("bibl"), {XML_ID: _xml_id("src_", doc["id"])})
        ET.SubElement(bibl, _t("title")).text = doc.get("title") or doc["name"]
        ET.SubElement(bibl, _t("idno"), {"type": "filename"}).text = doc["name"]
        ET.SubElement(bibl, _t("idno"), {"type": "sha256"}).text = doc["sha256"]
    stand_off = ET.SubElement(root, _t("standOff"))
    for label, container in (("PER", "listPerson"), ("LOC", "listPlace"), ("ORG", "listOrg")):
        members = [e for e in entities if e.label == label]
        if members:
            listing = ET.SubElement(stand_off, _t(container))
            for entity in members:
                _entity(listing, entity)
    events = store.events()
    if events:
        listing = ET.SubElement(stand_off, _t("listEvent"))
        for event in events:
            _event(listing, event, labels, set(labels))
    body = ET.SubElement(ET.SubElement(root, _t("text")), _t("body"))
    ET.SubElement(body, _t("p")).text = "The events are in the standOff; each claim points to its passage."
    ET.register_namespace("", TEI)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
