// The annales timeline: event summaries from /api/timeline drawn with vis-timeline, an event's claims and
// passages fetched when it is opened; every text from a document is put in the page with textContent
// (never as HTML), so markup in a source cannot run.
"use strict";

const state = { events: [], items: null, timeline: null };

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function getJSON(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

function item(event) {
  if (!event.start) return null;
  const content = el("span", `${event.type}: ${event.names.join(", ") || "?"}`);
  const ranged = event.end && event.end !== event.start;
  const classes = [event.disputed ? "disputed" : "", event.basis === "narrative" ? "narrative" : ""].join(" ").trim();
  return { id: event.id, content, start: event.start, end: ranged ? event.end : undefined,
           type: ranged ? "range" : "box", className: classes };
}

function matches(event, filters) {
  if (filters.type && event.type !== filters.type) return false;
  if (filters.disputed && !event.disputed) return false;
  if (filters.lang && !event.langs.includes(filters.lang)) return false;
  if (filters.source && !event.sources.includes(filters.source)) return false;
  if (filters.entity) {
    const wanted = filters.entity.toLocaleLowerCase();
    if (!event.names.some((n) => n.toLocaleLowerCase().includes(wanted))) return false;
  }
  return true;
}

function currentFilters() {
  return {
    entity: document.getElementById("f-entity").value.trim(),
    type: document.getElementById("f-type").value,
    lang: document.getElementById("f-lang").value,
    source: document.getElementById("f-source").value,
    disputed: document.getElementById("f-disputed").checked,
  };
}

function applyFilters() {
  const started = performance.now();
  const filters = currentFilters();
  const shown = [];
  for (const event of state.events) {
    if (matches(event, filters)) {
      const entry = item(event);
      if (entry) shown.push(entry);
    }
  }
  state.items.clear();
  state.items.add(shown);
  document.getElementById("count").textContent = `${shown.length} events`;
  if (state.timeline && shown.length) state.timeline.fit({ animation: false });  // show what the filter kept
  window.annalesLastFilterMs = performance.now() - started;
}

function fill(select, values) {
  for (const value of [...values].sort()) select.appendChild(el("option", value)).value = value;
}

async function showEvent(id) {
  const detail = document.getElementById("detail");
  detail.replaceChildren(el("p", "…", "hint"));
  const event = await getJSON(`/api/events/${encodeURIComponent(id)}`);
  detail.replaceChildren();
  const time = event.time ? event.time.edtf : "undated";
  detail.appendChild(el("h2", `${event.type} — ${time}`));
  detail.appendChild(el("p", `${event.sources.length} source(s), ${event.agreement} agree`));
  const disputes = event.conflicts.filter((c) => c.kind !== "calendar");
  const disputedClaims = new Set();
  for (const conflict of disputes) {
    detail.appendChild(el("p", conflict.explanation, "conflict"));
    for (const claim of conflict.claims) disputedClaims.add(claim.id);
  }
  const sources = el("div", null, "sources");
  detail.appendChild(sources);
  for (const claim of event.claims) {
    const box = el("article", null, disputedClaims.has(claim.id) ? "source disputed" : "source");
    box.dataset.claim = claim.id;
    box.appendChild(el("h3", claim.doc));
    box.appendChild(el("p", claim.time ? `${claim.time.edtf} (${claim.time.basis})` : "undated"));
    const context = el("p", null, "context");
    box.appendChild(context);
    sources.appendChild(box);
    try {
      const doc = await getJSON(`/api/documents/${encodeURIComponent(claim.doc_id || claim.doc)}?start=${claim.span[0]}&end=${claim.span[1]}`);
      const h = doc.highlight;
      context.append("…" + h.before.slice(-200), el("mark", h.passage), h.after.slice(0, 200) + "…");
    } catch (error) {
      context.textContent = `(passage unavailable: ${error.message})`;
    }
  }
}

async function showEntities() {
  const list = document.getElementById("entity-list");
  const counts = new Map();
  for (const event of state.events) for (const name of event.names) counts.set(name, (counts.get(name) || 0) + 1);
  const entities = (await getJSON("/api/entities")).items;
  const rows = entities.filter((e) => counts.has(e.name)).sort((a, b) => counts.get(b.name) - counts.get(a.name));
  for (const entity of rows.slice(0, 200)) {
    const row = el("li", `${entity.name} (${entity.label}) — ${counts.get(entity.name)} event(s)`);
    row.addEventListener("click", () => {
      document.getElementById("f-entity").value = entity.name;
      applyFilters();
    });
    list.appendChild(row);
  }
}

async function main() {
  const started = performance.now();
  state.events = (await getJSON("/api/timeline")).items;
  fill(document.getElementById("f-type"), new Set(state.events.map((e) => e.type)));
  fill(document.getElementById("f-lang"), new Set(state.events.flatMap((e) => e.langs)));
  fill(document.getElementById("f-source"), new Set(state.events.flatMap((e) => e.sources)));
  state.items = new vis.DataSet();
  // Many events: clustered (vis-timeline groups what would overlap) so the page stays responsive.
  const many = state.events.length > 500;
  state.timeline = new vis.Timeline(document.getElementById("timeline"), state.items, {
    stack: true, zoomable: true, horizontalScroll: true, zoomKey: "ctrlKey", maxHeight: 520,
    cluster: many ? { maxItems: 3, titleTemplate: "{count} events: zoom in" } : false,
  });
  applyFilters();
  state.timeline.on("select", (props) => { if (props.items.length) showEvent(props.items[0]); });
  for (const id of ["f-entity", "f-type", "f-lang", "f-source", "f-disputed"]) {
    document.getElementById(id).addEventListener(id === "f-entity" ? "input" : "change", applyFilters);
  }
  window.annalesFirstRenderMs = performance.now() - started;
  document.body.dataset.ready = "true";
  showEntities();
}

main().catch((error) => {
  document.getElementById("detail").replaceChildren(el("p", `Cannot load the timeline: ${error.message}`, "conflict"));
});
