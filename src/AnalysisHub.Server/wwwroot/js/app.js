// AnalysisHub dashboard: a choropleth of the selected footprint kind and a live monthly series of the
// selected footprint. Reads the REST API (/api/v1) and listens to the SignalR hub (/hubs/live).
import { loadBoundaries, drawFootprints } from "./map.js";
import { makeScale, renderLegend, formatRate } from "./scale.js";
import { renderChart } from "./chart.js";

const $ = (id) => document.getElementById(id);
const NATION = "nation:wales";
const MAP_REFRESH_MS = 1000;

const state = {
  feeds: [],
  footprints: new Map(),
  codeOf: new Map(),
  boundaries: null,
  mapView: null,
  kind: "la",
  feed: "",
  category: "",
  from: "",
  to: "",
  lang: "en",
  selected: NATION,
  values: new Map(), // footprint id → { total, rate }
  series: null, // the selected footprint's series response
  dayCounts: new Map(), // day → count, from the live feed of the selected footprint
  generation: 0,
  comparison: null, // the /compare rows of the current kind, feed, category and period
  alerts: [], // newest first
};

const ALERTS_SHOWN = 10;
const COMPARISON = {
  higher: { text: "Higher", icon: "\u25B2" },
  similar: { text: "Similar", icon: "\u25CF" },
  lower: { text: "Lower", icon: "\u25BC" },
};

// ---- helpers ------------------------------------------------------------------------------------------

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = "";
    try { detail = (await response.json()).detail ?? ""; } catch { /* not JSON */ }
    throw new Error(`${response.status} ${response.statusText} ${detail}`.trim());
  }
  return response.json();
}

function isoDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function today() { return isoDate(new Date()); }

/** The last 12 complete calendar months. */
function defaultPeriod() {
  const now = new Date();
  const to = new Date(now.getFullYear(), now.getMonth(), 0);
  const from = new Date(now.getFullYear(), now.getMonth() - 12, 1);
  return { from: isoDate(from), to: isoDate(to) };
}

function nameOf(id) {
  const f = state.footprints.get(id);
  if (!f) return id;
  return state.lang === "cy" && f.nameCy ? f.nameCy : f.name;
}

// body[data-ready] is "true" when nothing is loading or subscribing (for tests and automation).
let pending = 0;
async function busy(work) {
  pending++;
  document.body.dataset.ready = "busy";
  try { return await work; } finally {
    if (--pending === 0) document.body.dataset.ready = "true";
  }
}

function showMessage(text) {
  const m = $("message");
  m.textContent = text ?? "";
  m.hidden = !text;
}

function seriesUrl(id) {
  const q = new URLSearchParams({ feed: state.feed, from: state.from, to: state.to, granularity: "month" });
  if (state.category) q.set("category", state.category);
  return `/api/v1/footprints/${encodeURIComponent(id)}/series?${q}`;
}

function rateOf(total, population) {
  return population > 0 ? (total * 100000) / population : NaN;
}

function periodValid() {
  return state.from && state.to && state.from <= state.to;
}

// ---- controls -----------------------------------------------------------------------------------------

function fillCategories() {
  const feed = state.feeds.find((f) => f.id === state.feed);
  const select = $("category");
  select.replaceChildren(new Option("All categories", ""));
  if (!feed) return;
  const depth = (c) => {
    let d = 0;
    for (let p = c.parent; p; p = feed.categories.find((x) => x.id === p)?.parent) d++;
    return d;
  };
  // Children follow their parent.
  const ordered = [];
  const visit = (parent) => {
    for (const c of feed.categories.filter((x) => (x.parent ?? null) === parent)) { ordered.push(c); visit(c.id); }
  };
  visit(null);
  for (const c of ordered) {
    const label = c.id.replace(/-/g, " ");
    select.append(new Option("\u00a0\u00a0".repeat(depth(c)) + label.charAt(0).toUpperCase() + label.slice(1), c.id));
  }
  select.value = state.category;
  if (select.value !== state.category) state.category = select.value;
}

function readControls() {
  state.feed = $("feed").value;
  state.category = $("category").value;
  state.from = $("from").value;
  state.to = $("to").value;
  state.kind = $("kind").value;
  state.lang = document.querySelector("input[name=lang]:checked")?.value ?? "en";
}

// ---- map ----------------------------------------------------------------------------------------------

function footprintsOfKind(kind) {
  return [...state.footprints.values()].filter((f) => f.kind === kind);
}

function drawMap() {
  const list = footprintsOfKind(state.kind);
  state.mapView = drawFootprints($("map"), state.boundaries, list, state.codeOf, select);
  state.mapView.highlight(state.selected);
  paintMap();
}

function paintMap() {
  if (!state.mapView) return;
  const list = footprintsOfKind(state.kind);
  const scale = makeScale(list.map((f) => state.values.get(f.id)?.rate ?? NaN));
  const styled = new Map();
  const rows = [];
  for (const f of list) {
    const v = state.values.get(f.id);
    const rate = v?.rate ?? NaN;
    const count = v ? v.total.toLocaleString("en-GB") : "–";
    styled.set(f.id, {
      fill: scale.colour(rate),
      label: `${nameOf(f.id)}: ${formatRate(rate)} per 100,000 (${count})`,
    });
    rows.push([f.id, count, formatRate(rate)]);
  }
  state.mapView.update(styled);
  renderLegend($("legend"), scale);
  const body = $("values-table").tBodies[0];
  body.replaceChildren(...rows.map(([id, count, rate]) => {
    const tr = document.createElement("tr");
    for (const text of [nameOf(id), count, rate]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  }));
}

async function refreshMap() {
  if (!periodValid()) return;
  const generation = state.generation;
  const list = footprintsOfKind(state.kind);
  try {
    const results = await Promise.all(list.map((f) => getJson(seriesUrl(f.id))));
    if (generation !== state.generation) return;
    results.forEach((s, i) => state.values.set(list[i].id, { total: s.total, rate: rateOf(s.total, s.population) }));
    paintMap();
  } catch (e) {
    if (generation === state.generation) showMessage(`Could not load the map values: ${e.message}`);
  }
}

// ---- comparison with Wales ----------------------------------------------------------------------------

function compareUrl() {
  const q = new URLSearchParams({ kind: state.kind, feed: state.feed });
  if (state.category) q.set("category", state.category);
  q.set("from", state.from);
  q.set("to", state.to);
  return `/api/v1/compare?${q}`;
}

function formatCount(n) {
  return Number.isFinite(n) ? n.toLocaleString("en-GB") : "–";
}

function renderComparison() {
  const table = $("comparison-table");
  if (!table) return;
  const feed = state.feeds.find((f) => f.id === state.feed);
  const kindLabel = $("kind").selectedOptions[0]?.textContent ?? state.kind;
  $("comparison-caption").textContent = `${kindLabel}: ${feed?.name ?? state.feed}` +
    `${state.category ? ` — ${state.category}` : ""}, ${state.from} to ${state.to}, compared with Wales (95% interval)`;
  const rows = state.comparison ?? [];
  table.tBodies[0].replaceChildren(...rows.map((r) => {
    const tr = document.createElement("tr");
    tr.dataset.footprint = r.footprint;
    tr.dataset.comparison = r.comparison ?? "benchmark";
    if (r.isBenchmark) tr.className = "benchmark";
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = state.footprints.has(r.footprint) ? nameOf(r.footprint) : r.name;
    tr.append(th);
    const ci = Array.isArray(r.ci95) ? `${formatRate(r.ci95[0])} – ${formatRate(r.ci95[1])}` : "–";
    for (const text of [formatCount(r.count), formatRate(r.ratePer100k), ci]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    const td = document.createElement("td");
    const c = COMPARISON[r.comparison];
    if (c) {
      const badge = document.createElement("span");
      badge.className = `cmp cmp-${r.comparison}`;
      const icon = document.createElement("span");
      icon.className = "cmp-icon";
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = c.icon;
      badge.append(icon, document.createTextNode(c.text));
      td.append(badge);
    } else {
      td.className = "cmp-none";
      td.textContent = r.isBenchmark ? "Benchmark" : "–";
    }
    tr.append(td);
    return tr;
  }));
}

async function refreshComparison() {
  if (!periodValid() || !state.feed) return;
  const generation = state.generation;
  try {
    const body = await getJson(compareUrl());
    if (generation !== state.generation) return;
    state.comparison = body.rows ?? [];
    renderComparison();
  } catch (e) {
    if (generation === state.generation) showMessage(`Could not load the comparison: ${e.message}`);
  }
}

// ---- alerts -------------------------------------------------------------------------------------------

function alertKey(a) {
  return [a.footprint, a.feed, a.category ?? "", a.period, a.method].join("|");
}

function formatNumber(x, digits = 1) {
  return Number.isFinite(x) ? x.toLocaleString("en-GB", { maximumFractionDigits: digits }) : "–";
}

function alertItem(a, isNew) {
  const li = document.createElement("li");
  li.dataset.footprint = a.footprint;
  if (a.withdrawnAt) li.className = "withdrawn";
  else if (isNew) li.className = "new";
  const measure = (a.category ?? "all").replace(/-/g, " ");
  const title = document.createElement("span");
  title.className = "alert-title";
  title.textContent = `${nameOf(a.footprint)} — ${measure}, week ${a.period}`;
  const detail = document.createElement("span");
  detail.className = "alert-detail";
  detail.textContent = `: ${formatCount(a.count)} against a threshold of ${formatNumber(a.threshold)} ` +
    `(expected ${formatNumber(a.expected)}), method ${a.method}`;
  const meta = document.createElement("div");
  meta.className = "alert-meta";
  const raised = a.raisedAt ? new Date(a.raisedAt) : null;
  meta.textContent = `${a.feed}` + (raised && !Number.isNaN(raised.getTime())
    ? ` · raised ${raised.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}` : "");
  li.append(title, detail, meta);
  if (a.withdrawnAt) {
    // Said in words, not only struck through, so it reads the same without colour or styling.
    const withdrawn = document.createElement("div");
    withdrawn.className = "alert-withdrawn";
    const at = new Date(a.withdrawnAt);
    withdrawn.textContent = "Withdrawn" + (Number.isNaN(at.getTime())
      ? "" : ` ${at.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}`) + (a.reason ? `: ${a.reason}` : "");
    li.append(withdrawn);
  }
  return li;
}

const newAlertKeys = new Set();
function renderAlerts() {
  const list = $("alerts-list");
  if (!list) return;
  const shown = state.alerts.slice(0, ALERTS_SHOWN);
  list.replaceChildren(...shown.map((a) => alertItem(a, newAlertKeys.has(alertKey(a)))));
  $("alerts-empty").hidden = shown.length > 0;
}

async function loadAlerts() {
  try {
    const alerts = await getJson("/api/v1/alerts");
    const known = new Set(state.alerts.map(alertKey));
    // Keep any that arrived live while loading, then the stored ones, newest first.
    state.alerts = [...state.alerts, ...(Array.isArray(alerts) ? alerts : []).filter((a) => !known.has(alertKey(a)))];
  } catch (e) {
    showMessage(`Could not load the alerts: ${e.message}`);
  }
  renderAlerts();
}

function onAlertRaised(alert) {
  if (!alert || typeof alert !== "object") return;
  const key = alertKey(alert);
  state.alerts = [alert, ...state.alerts.filter((a) => alertKey(a) !== key)].slice(0, 100);
  newAlertKeys.add(key);
  renderAlerts();
}

/** Marks a shown alert as withdrawn where it stands (someone may have read it already); an unseen one stays unseen. */
function onAlertWithdrawn(alert) {
  if (!alert || typeof alert !== "object") return;
  const key = alertKey(alert);
  if (!state.alerts.some((a) => alertKey(a) === key)) return;
  state.alerts = state.alerts.map((a) => (alertKey(a) === key ? alert : a));
  newAlertKeys.delete(key);
  renderAlerts();
}

let mapTimer = null;
let lastMapRefresh = 0;
/** Refreshes the map (and re-reads the selected series) at most once per second. */
function scheduleRefresh() {
  if (mapTimer) return;
  const wait = Math.max(100, MAP_REFRESH_MS - (Date.now() - lastMapRefresh));
  mapTimer = setTimeout(async () => {
    mapTimer = null;
    lastMapRefresh = Date.now();
    await Promise.all([refreshMap(), refreshSelected(), refreshComparison()]);
  }, wait);
}

// ---- selected footprint -------------------------------------------------------------------------------

function renderSelected() {
  $("selected-name").textContent = nameOf(state.selected);
  const s = state.series;
  if (!s) {
    $("selected-count").textContent = "–";
    $("selected-rate").textContent = "–";
    return;
  }
  const total = s.points.reduce((sum, p) => sum + p.count, 0);
  $("selected-count").textContent = total.toLocaleString("en-GB");
  $("selected-rate").textContent = formatRate(rateOf(total, s.population));
  const feed = state.feeds.find((f) => f.id === state.feed);
  $("period-note").textContent = `${feed?.name ?? state.feed}${state.category ? ` — ${state.category}` : ""}, ` +
    `${state.from} to ${state.to}` + (s.population ? `; population ${s.population.toLocaleString("en-GB")}` : "");
  $("chart-title").textContent = `Monthly counts — ${nameOf(state.selected)}`;
  renderChart($("chart"), s.points, today());
}

async function refreshSelected() {
  if (!periodValid()) return;
  const generation = state.generation;
  const id = state.selected;
  try {
    const s = await getJson(seriesUrl(id));
    if (generation !== state.generation || id !== state.selected) return;
    state.series = s;
    renderSelected();
  } catch (e) {
    if (generation === state.generation) showMessage(`Could not load the series: ${e.message}`);
  }
}

function select(id) {
  if (id === state.selected) return;
  state.selected = id;
  state.series = null;
  state.mapView?.highlight(id);
  state.generation++;
  renderSelected();
  busy(refreshSelected().then(subscribe));
}

// ---- live updates -------------------------------------------------------------------------------------

let connection = null;
let subscriptions = []; // [footprint, feed, category|null]

function topicsWanted() {
  const category = state.category || null;
  const ids = state.selected === NATION ? [NATION] : [state.selected, NATION];
  return ids.map((id) => [id, state.feed, category]);
}

async function subscribe() {
  if (!connection || connection.state !== "Connected") return;
  const wanted = topicsWanted();
  const same = (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
  const old = subscriptions;
  subscriptions = wanted;
  try {
    for (const t of old) if (!wanted.some((w) => same(w, t))) await connection.invoke("Unsubscribe", ...t);
    // A new subscription starts with a snapshot, which resets the day counts of the selected topic.
    for (const t of wanted) if (!old.some((o) => same(o, t))) await connection.invoke("Subscribe", ...t);
  } catch (e) {
    showMessage(`Live updates unavailable: ${e.message}`);
  }
}

/** Applies a rollupChanged message of the selected topic to the displayed months. */
function applyLive(message) {
  const s = state.series;
  if (message.snapshot) state.dayCounts = new Map();
  if (!s) return;
  const inside = (p) => p.start >= state.from && p.end <= state.to;
  let changed = false;
  for (const p of message.periods) {
    if (p.granularity === "month") {
      const point = s.points.find((x) => x.period === p.period);
      if (point && inside(point) && point.count !== p.count) { point.count = p.count; changed = true; }
    } else if (p.granularity === "day") {
      const previous = state.dayCounts.get(p.period);
      state.dayCounts.set(p.period, p.count);
      if (message.snapshot || previous === undefined || p.start < state.from || p.start > state.to) continue;
      // A month only partly inside the period: add the day's change.
      const point = s.points.find((x) => x.period === p.period.slice(0, 7));
      if (point && !inside(point) && p.count !== previous) { point.count += p.count - previous; changed = true; }
    }
  }
  if (changed) renderSelected();
}

function onRollupChanged(message) {
  const category = message.category ?? null;
  if (message.feed !== state.feed || category !== (state.category || null)) return;
  if (message.footprint === state.selected) applyLive(message);
  if (!message.snapshot) scheduleRefresh();
}

function setConnection(text, cls) {
  const c = $("connection");
  c.textContent = text;
  c.className = `connection ${cls}`;
}

async function connect() {
  if (!window.signalR) { setConnection("Live updates unavailable", "down"); return; }
  connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/live")
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection.on("rollupChanged", onRollupChanged);
  connection.on("alertRaised", onAlertRaised);
  connection.on("alertWithdrawn", onAlertWithdrawn);
  connection.onreconnecting(() => setConnection("Reconnecting…", "down"));
  connection.onreconnected(async () => {
    setConnection("Live", "live");
    subscriptions = [];
    await subscribe();
    scheduleRefresh();
  });
  connection.onclose(() => setConnection("Disconnected — reload to reconnect", "down"));
  try {
    await connection.start();
    setConnection("Live", "live");
    await subscribe();
  } catch (e) {
    setConnection(`Live updates unavailable (${e.message})`, "down");
  }
}

// ---- wiring -------------------------------------------------------------------------------------------

async function reload({ redraw = false } = {}) {
  showMessage(periodValid() ? "" : "Choose a period whose start is on or before its end.");
  state.generation++;
  state.values = new Map();
  state.comparison = null;
  if (redraw) drawMap(); else paintMap();
  renderSelected();
  renderComparison();
  if (!periodValid()) return;
  await busy(Promise.all([refreshMap(), refreshComparison(), refreshSelected().then(subscribe)]));
}

async function main() {
  const period = defaultPeriod();
  $("from").value = period.from;
  $("to").value = period.to;
  const [feeds, footprints, boundaries] = await Promise.all([
    getJson("/api/v1/feeds"),
    getJson("/api/v1/footprints"),
    loadBoundaries("data/wales-la-boundaries.json"),
  ]);
  state.feeds = feeds;
  state.boundaries = boundaries;
  for (const f of footprints) {
    state.footprints.set(f.id, f);
    if (f.kind === "la") state.codeOf.set(f.id, f.code);
  }
  const feedSelect = $("feed");
  for (const f of feeds) feedSelect.append(new Option(f.name, f.id));
  feedSelect.value = feeds.some((f) => f.id === "crime") ? "crime" : feeds[0]?.id ?? "";
  state.feed = feedSelect.value;
  fillCategories();
  readControls();

  $("feed").addEventListener("change", () => { state.category = ""; readControls(); fillCategories(); readControls(); reload(); });
  for (const id of ["category", "from", "to"]) $(id).addEventListener("change", () => { readControls(); reload(); });
  $("kind").addEventListener("change", () => { readControls(); reload({ redraw: true }); });
  for (const radio of document.querySelectorAll("input[name=lang]"))
    radio.addEventListener("change", () => {
      readControls();
      document.querySelector("main").lang = state.lang;
      paintMap();
      renderSelected();
      renderComparison();
      renderAlerts();
    });
  $("select-wales").addEventListener("click", () => select(NATION));
  $("controls").addEventListener("submit", (e) => e.preventDefault());

  drawMap();
  await busy(Promise.all([reload(), connect(), loadAlerts()]));
}

busy(main()).catch((e) => showMessage(`The dashboard could not start: ${e.message}`));
