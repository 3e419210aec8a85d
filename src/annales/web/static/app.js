// The annales timeline: event summaries from /api/timeline drawn with vis-timeline, an event's claims and
// passages fetched when it is opened; every text from a document is put in the page with textContent
// (never as HTML), so markup in a source cannot run.
//
// All summaries stay in memory, but vis-timeline only ever holds what the visible window needs: the
// events in view when there are few enough of them to read one by one, otherwise one aggregate per
// stretch of time ("bucket"). Laying out items is what costs (35,000 of them took seconds, clustered or
// not); filtering and counting plain objects takes milliseconds.
"use strict";

// Most events drawn one by one. vis-timeline lays out each item it is given on its own as it arrives (a
// forced layout of the timeline per item), so the cost grows faster than the count: in headless
// chromium on two cores, 50 new items were on screen in about 70 ms, 100 in 140 ms, 200 in 250-300 ms
// (two animation frames, ~33 ms, included). 100 keeps a redraw inside a 200 ms filter with room for a
// busy machine, and a hundred labelled boxes already crowd a screen-wide timeline. More than
// this in view and the window is shown as buckets.
const MAX_ITEMS = 100;
// Pixels of timeline per bucket: some twenty buckets across a 1,400-pixel screen, each wide enough for
// "1,234 events · 12 disputed" on three lines.
const BUCKET_PX = 72;
// Gap kept between neighbouring buckets, in pixels: vis-timeline stacks items closer than its
// horizontal item margin (10 px) onto separate rows, and buckets belong on one.
const BUCKET_GAP_PX = 12;
// Pixels kept free either side of the events when the window is fitted to them.
const FIT_MARGIN_PX = 100;
const DAY_MS = 86400000;
// The narrowest bucket. A window this wide or narrower shows its events one by one whatever their
// number: dates are days, so time cannot tell them apart any further, and zooming into buckets would
// never end.
const MIN_BUCKET_MS = DAY_MS;

const state = {
  events: [],     // every dated summary, with startMs/endMs (from its first day to the end of its last) and nameKey
  filtered: [],   // the events the filters keep
  generation: 0,  // bumped by each filter, so a redraw of the same window still notices it
  drawnKey: "",   // what the DataSet holds now: window, width and generation
  shown: new Map(),    // id in the DataSet -> signature (what a bucket shows; "" for an event)
  buckets: new Map(),  // bucket id -> { start, end }
  items: null,
  timeline: null,
};

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

/** Resolves once what was just put in the DataSet is on screen: vis-timeline redraws in the next
 *  animation frame (its redraw is throttled to one), the frame after that follows the paint. */
function nextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

/** The summary with what drawing and filtering read many times computed once. */
function prepare(event) {
  // Local midnight, as vis-timeline reads a date and draws its axis.
  event.startMs = Date.parse(`${event.start}T00:00`);
  event.endMs = Date.parse(`${event.end || event.start}T00:00`) + DAY_MS;
  event.ranged = Boolean(event.end && event.end !== event.start);
  // One lower-cased string for the entity filter; a name never holds a newline, so no match spans two.
  event.nameKey = event.names.join("\n").toLocaleLowerCase();
  return event;
}

function item(event) {
  const content = el("span", `${event.type}: ${event.names.join(", ") || "?"}`);
  const classes = [event.disputed ? "disputed" : "", event.basis === "narrative" ? "narrative" : ""].join(" ").trim();
  return { id: event.id, content, start: event.startMs, end: event.ranged ? event.endMs : undefined,
           type: event.ranged ? "range" : "box", className: classes };
}

function matches(event, filters) {
  if (filters.type && event.type !== filters.type) return false;
  if (filters.disputed && !event.disputed) return false;
  if (filters.lang && !event.langs.includes(filters.lang)) return false;
  if (filters.source && !event.sources.includes(filters.source)) return false;
  if (filters.entity && !event.nameKey.includes(filters.entity)) return false;
  return true;
}

function currentFilters() {
  return {
    entity: document.getElementById("f-entity").value.trim().toLocaleLowerCase(),
    type: document.getElementById("f-type").value,
    lang: document.getElementById("f-lang").value,
    source: document.getElementById("f-source").value,
    disputed: document.getElementById("f-disputed").checked,
  };
}

const number = new Intl.NumberFormat("en");

function plural(count, word) {
  return `${number.format(count)} ${word}${count === 1 ? "" : "s"}`;
}

/** The buckets of the window [start, end): a grid of equal stretches aligned on multiples of their
 *  width, so that panning keeps the buckets (and their ids) where they are. Each event counts once, in
 *  the bucket of its middle; the buckets cover the window's edges whole, so each count is its bucket's. */
function bucketItems(start, end, widthPx) {
  const size = Math.max(MIN_BUCKET_MS, (end - start) / Math.max(1, Math.round(widthPx / BUCKET_PX)));
  const first = Math.floor(start / size);
  const counts = new Map();  // bucket index -> [events, disputed]
  for (const event of state.filtered) {
    const index = Math.floor((event.startMs + event.endMs) / 2 / size);
    if (index < first || index * size >= end) continue;
    const count = counts.get(index) || [0, 0];
    count[0] += 1;
    if (event.disputed) count[1] += 1;
    counts.set(index, count);
  }
  let most = 1;
  for (const [events] of counts.values()) most = Math.max(most, events);
  const gap = Math.min(size / 4, (BUCKET_GAP_PX * (end - start)) / Math.max(1, widthPx));
  const items = [];
  for (const [index, [events, disputed]] of counts) {
    const id = `bucket:${size}:${index}`;
    const label = plural(events, "event") + (disputed ? ` · ${number.format(disputed)} disputed` : "");
    // Darker for fuller buckets, so the spread of events over time reads at a glance.
    const shade = (0.15 + 0.6 * (events / most)).toFixed(2);
    state.buckets.set(id, { start: index * size, end: (index + 1) * size });
    items.push({
      id, content: el("span", label), signature: `${label} ${shade}`, type: "range", className: "bucket",
      start: index * size + gap / 2, end: (index + 1) * size - gap / 2, title: `${label}: click to zoom in`,
      style: `background-color: rgba(70, 100, 160, ${shade})`,
    });
  }
  return items;
}

/** Put in the DataSet what the window needs, by difference with what it holds. */
function redraw() {
  const view = state.timeline.getWindow();
  const start = view.start.valueOf();
  const end = view.end.valueOf();
  const widthPx = document.getElementById("timeline").clientWidth;
  const key = `${start} ${end} ${widthPx} ${state.generation}`;
  if (key === state.drawnKey) return;
  const started = performance.now();
  state.drawnKey = key;
  // A pass over every kept event: a few milliseconds for 35,000, far below what drawing them would cost.
  const oneByOne = end - start <= MIN_BUCKET_MS;
  const inView = [];
  for (const event of state.filtered) {
    if (event.startMs < end && event.endMs > start) {
      inView.push(event);
      if (inView.length > MAX_ITEMS && !oneByOne) break;
    }
  }
  state.buckets.clear();
  const wanted = inView.length <= MAX_ITEMS || oneByOne
    ? inView.map((event) => ({ ...item(event), signature: "" }))
    : bucketItems(start, end, widthPx);
  const wantedIds = new Set(wanted.map((entry) => entry.id));
  const gone = [...state.shown.keys()].filter((id) => !wantedIds.has(id));
  const added = [];
  const changed = [];
  for (const entry of wanted) {
    const before = state.shown.get(entry.id);
    if (before === undefined) added.push(entry);
    else if (before !== entry.signature) changed.push(entry);
    state.shown.set(entry.id, entry.signature);
  }
  for (const id of gone) state.shown.delete(id);
  const strip = ({ signature, ...rest }) => rest;
  if (gone.length) state.items.remove(gone);
  if (changed.length) state.items.update(changed.map(strip));
  if (added.length) state.items.add(added.map(strip));
  window.annalesDrawn = nextPaint().then(() => {
    window.annalesLastRedrawMs = performance.now() - started;
  });
}

/** The window that shows every kept event: their extent from min and max, with room either side for
 *  half a label (a box is centred on its date, so half of it hangs past the extent). */
function extent(events) {
  let start = Infinity;
  let end = -Infinity;
  for (const event of events) {
    if (event.startMs < start) start = event.startMs;
    if (event.endMs > end) end = event.endMs;
  }
  const widthPx = Math.max(3 * FIT_MARGIN_PX, document.getElementById("timeline").clientWidth);
  const margin = Math.max(((end - start) * FIT_MARGIN_PX) / (widthPx - 2 * FIT_MARGIN_PX), 7 * DAY_MS);
  return { start: start - margin, end: end + margin };
}

function applyFilters() {
  const started = performance.now();
  const filters = currentFilters();
  state.filtered = state.events.filter((event) => matches(event, filters));
  state.generation += 1;
  document.getElementById("count").textContent = plural(state.filtered.length, "event");
  if (state.filtered.length) {
    const { start, end } = extent(state.filtered);  // show what the filter kept
    state.timeline.setWindow(start, end, { animation: false });
  }
  redraw();
  return window.annalesDrawn.then(() => {
    window.annalesLastFilterMs = performance.now() - started;
  });
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

/** A click: an event opens its sources; a bucket zooms the window to its stretch of time. */
function select(id) {
  const bucket = state.buckets.get(id);
  if (bucket) {
    state.timeline.setWindow(bucket.start, bucket.end, { animation: false });
    redraw();  // now, not when vis-timeline reports the window settled (200 ms later)
  } else {
    showEvent(id);
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
  const loading = getJSON("/api/timeline");
  // The timeline is built while its data is on the way.
  state.items = new vis.DataSet();
  state.timeline = new vis.Timeline(document.getElementById("timeline"), state.items, {
    stack: true, zoomable: true, horizontalScroll: true, zoomKey: "ctrlKey", maxHeight: 520,
  });
  window.annalesTimeline = state.timeline;
  // Undated events have no place on a timeline; the count, like the drawing, is of dated ones.
  state.events = (await loading).items.filter((e) => e.start).map(prepare);
  fill(document.getElementById("f-type"), new Set(state.events.map((e) => e.type)));
  fill(document.getElementById("f-lang"), new Set(state.events.flatMap((e) => e.langs)));
  fill(document.getElementById("f-source"), new Set(state.events.flatMap((e) => e.sources)));
  // A pan or a zoom by the user: redrawn once it settles. A window the page sets itself is redrawn at
  // once, and this finds nothing left to do.
  state.timeline.on("rangechanged", redraw);
  window.addEventListener("resize", redraw);
  state.timeline.on("select", (props) => { if (props.items.length) select(props.items[0]); });
  for (const id of ["f-entity", "f-type", "f-lang", "f-source", "f-disputed"]) {
    document.getElementById(id).addEventListener(id === "f-entity" ? "input" : "change", applyFilters);
  }
  await applyFilters();
  window.annalesFirstRenderMs = performance.now() - started;
  document.body.dataset.ready = "true";
  showEntities();
}

main().catch((error) => {
  document.getElementById("detail").replaceChildren(el("p", `Cannot load the timeline: ${error.message}`, "conflict"));
});
