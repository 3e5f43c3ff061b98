// AnalysisHub dashboard: a choropleth of the selected footprint kind and a monthly series of the selected
// footprint, or (the "Public confidence" view, confidence.js) the survey indicator for the same kind and period.
// Two modes:
// - public (no key stored): reads the disclosure-controlled /api/v1/public/… routes and the metadata routes only,
//   polls them to stay fresh, shows no alerts and opens no live connection;
// - partner (signed in with an API key, see access.js): reads the partner routes with the key in X-Api-Key, shows
//   the alerts and listens to the SignalR hub (/hubs/live). A key the hub later refuses drops the page back to public.
import { loadBoundaries, drawFootprints } from "./map.js";
import { makeScale, renderLegend, formatRate } from "./scale.js";
import { renderChart } from "./chart.js";
import { getJson, whenKeyRefused, HEADER } from "./api.js";
import { storedKey, clearKey } from "./session.js";
import { initAccess, showAccessMode, showAccessMessage } from "./access.js";
import { isShown, countText } from "./disclosure.js";
import { createConfidenceView } from "./confidence.js";
import { comparisonCell } from "./comparison.js";
import { loadFeedHealth, renderFeedHealth } from "./health.js";

const $ = (id) => document.getElementById(id);
const NATION = "nation:wales";
const MAP_REFRESH_MS = 1000;
const PUBLIC_POLL_MS = 30_000;

const state = {
  mode: "public", // "public" or "partner"
  view: "counts", // "counts" (feeds' records) or "confidence" (the survey indicator)
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
  values: new Map(), // footprint id → { shown: count as text, rate }
  series: null, // the selected footprint's series response
  dayCounts: new Map(), // day → count, from the live feed of the selected footprint
  generation: 0,
  comparison: null, // the /compare rows of the current kind, feed, category and period
  alerts: [], // newest first
  health: [], // per feed, the last complete month's completeness rows (partners)
};

const confidence = createConfidenceView({
  footprintsOfKind: (kind) => footprintsOfKind(kind),
  nameOf: (id) => nameOf(id),
  boundaries: () => state.boundaries,
  codeOf: state.codeOf,
  isPartner: () => partner(),
  showMessage: (text) => showMessage(text),
});
confidence.configure({
  busy: (work) => busy(work),
  labelOfKind: (kind) => [...$("kind").options].find((o) => o.value === kind)?.textContent ?? kind,
});

const ALERTS_SHOWN = 10;

// ---- helpers ------------------------------------------------------------------------------------------

const partner = () => state.mode === "partner";

/** Where the figures come from: the partner routes, or their disclosure-controlled public twins. */
const figuresBase = () => (partner() ? "/api/v1" : "/api/v1/public");

function isoDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function today() { return isoDate(new Date()); }

/** Twelve calendar months ending with the month before (year, month) (month 0-based, as Date takes it). */
function twelveMonthsBefore(year, month) {
  return { from: isoDate(new Date(year, month - 12, 1)), to: isoDate(new Date(year, month, 0)) };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The period first shown: `?from=&to=` in the address when both are dates; otherwise the last 12 complete
 * months, unless the feed's records all lie before them (a hub loaded with older files, or the README's tour),
 * when it is the 12 months ending with the feed's last month holding records, so that they are on screen.
 */
function initialPeriod(extent, feed) {
  const asked = new URLSearchParams(location.search);
  const from = asked.get("from"), to = asked.get("to");
  if (ISO_DAY.test(from ?? "") && ISO_DAY.test(to ?? "") && from <= to) return { from, to };
  const now = new Date();
  const recent = twelveMonthsBefore(now.getFullYear(), now.getMonth());
  const last = extent?.feeds?.find((f) => f.feed === feed)?.lastMonth;
  if (!last || `${last}-31` >= recent.from) return recent;
  const [year, month] = last.split("-").map(Number);
  return twelveMonthsBefore(year, month);
}

/**
 * An empty hub says how to load data, and looks again every few seconds until records arrive (a failed look
 * counts as still empty). An unknown extent (null) shows nothing.
 */
function showEmptyHub(extent) {
  const empty = extent?.feeds.length === 0;
  $("empty-hub").hidden = !empty;
  if (empty) setTimeout(() => getJson(EXTENT_URL).catch(() => extent).then(showEmptyHub), 5000);
}

const EXTENT_URL = `/api/v1/footprints/${NATION}/extent`;

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
  if (state.footprintBoundaries === "as-was") q.set("boundaries", "as-was");
  return `${figuresBase()}/footprints/${encodeURIComponent(id)}/series?${q}`;
}

/** The ISO week (YYYY-Www) of the last complete Monday-to-Sunday week before today. */
function lastCompleteWeek() {
  const now = new Date();
  const day = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7) - 1); // the Sunday before this week
  const thursday = new Date(day);
  thursday.setUTCDate(day.getUTCDate() - 3); // the ISO year is the year of the week's Thursday
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86400000));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Public mode: a link to the selected footprint's printable public bulletin (a plain link cannot carry a key). */
function renderBulletinLink() {
  const shown = !partner();
  $("bulletin").hidden = !shown;
  if (!shown) return;
  const week = lastCompleteWeek();
  const link = $("bulletin-link");
  link.href = `/api/v1/public/footprints/${encodeURIComponent(state.selected)}/bulletin?` +
    new URLSearchParams({ week, format: "html" });
  link.textContent = `Weekly violence bulletin for ${nameOf(state.selected)}, ${week} (printable, opens in a new tab)`;
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
  state.view = $("view").value;
  state.feed = $("feed").value;
  state.category = $("category").value;
  state.from = $("from").value;
  state.to = $("to").value;
  state.kind = $("kind").value;
  // Public figures are on current boundaries only (the hub refuses as-was on the public routes).
  state.footprintBoundaries = partner() ? $("footprint-boundaries").value : "current";
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
    const count = v ? v.shown : "–";
    styled.set(f.id, {
      fill: scale.colour(rate),
      label: v && !Number.isFinite(rate) ? `${nameOf(f.id)}: rate withheld (count ${count})`
        : `${nameOf(f.id)}: ${formatRate(rate)} per 100,000 (${count})`,
    });
    rows.push([f.id, count, formatRate(rate)]);
  }
  state.mapView.update(styled);
  renderLegend($("legend"), scale, { withheld: list.some((f) => state.values.has(f.id) && !Number.isFinite(state.values.get(f.id).rate)) });
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

/** The partner map: each footprint's series. (The public map is painted from the public comparison's rows.) */
async function refreshMap() {
  if (!periodValid() || !partner()) return;
  const generation = state.generation;
  const list = footprintsOfKind(state.kind);
  try {
    const results = await Promise.all(list.map((f) => getJson(seriesUrl(f.id))));
    if (generation !== state.generation) return;
    results.forEach((s, i) => state.values.set(list[i].id, { shown: s.total.toLocaleString("en-GB"), rate: rateOf(s.total, s.population) }));
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
  if (state.footprintBoundaries === "as-was") q.set("boundaries", "as-was");
  return `${figuresBase()}/compare?${q}`;
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
  const note = $("disclosure-note");
  note.textContent = state.disclosure ?? "";
  note.hidden = !state.disclosure;
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
    // A public row's count may be "<5" or "*", and its rate null: shown as the hub published them.
    const rate = r.ratePer100k === null || r.ratePer100k === undefined ? (r.suppressed ? "withheld" : "–") : formatRate(r.ratePer100k);
    for (const text of [isShown(r.count) ? formatCount(r.count) : countText(r.count), rate, ci]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    tr.append(comparisonCell(r));
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
    state.disclosure = partner() ? null : body.disclosureControl ?? null;
    if (!partner()) {
      // The public map shows the comparison's own figures, so both carry the same disclosure control.
      for (const r of state.comparison)
        if (!r.isBenchmark) state.values.set(r.footprint, { shown: countText(r.count), rate: r.ratePer100k ?? NaN });
      paintMap();
    }
    renderComparison();
  } catch (e) {
    if (generation === state.generation) showMessage(`Could not load the comparison: ${e.message}`);
  }
}

// ---- feed health ---------------------------------------------------------------------------------------

async function loadHealth() {
  const generation = state.generation;
  try {
    const health = await loadFeedHealth({ feeds: state.feeds, getJson });
    if (generation !== state.generation) return;
    state.health = health;
  } catch (e) {
    if (generation !== state.generation) return;
    showMessage(`Could not load the feed health: ${e.message}`);
  }
  renderFeedHealth(state.health, nameOf);
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
  // A monthly alert (month-precision feeds such as data.police.uk) says so; alerts without a granularity are weekly.
  title.textContent = a.method === "silence"
    ? `${nameOf(a.footprint)} — ${a.feed} silent since ${a.period}`
    : `${nameOf(a.footprint)} — ${measure}, ${a.granularity === "month" ? "month" : "week"} ${a.period}`;
  const detail = document.createElement("span");
  detail.className = "alert-detail";
  detail.textContent = a.method === "silence"
    ? `: no records for two days (usually ${formatNumber(a.expected)} a day)`
    : `: ${formatCount(a.count)} against a threshold of ${formatNumber(a.threshold)} ` +
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
  if (!partner()) return;
  const generation = state.generation;
  try {
    const alerts = await getJson("/api/v1/alerts");
    if (!partner() || generation !== state.generation) return;
    const known = new Set(state.alerts.map(alertKey));
    // Keep any that arrived live while loading, then the stored ones, newest first.
    state.alerts = [...state.alerts, ...(Array.isArray(alerts) ? alerts : []).filter((a) => !known.has(alertKey(a)))];
  } catch (e) {
    if (!partner() || generation !== state.generation) return;
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
  if (mapTimer || state.view !== "counts") return;
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
  renderBulletinLink();
  const s = state.series;
  if (!s) {
    $("selected-count").textContent = "–";
    $("selected-rate").textContent = "–";
    return;
  }
  // Partner: the sum of the months, which live updates keep current. Public: the hub's total, null when withheld
  // (a shown total beside a month's "<5" would give that month's count by subtraction).
  const total = partner() ? s.points.reduce((sum, p) => sum + p.count, 0) : s.total ?? null;
  $("selected-count").textContent = total === null ? "withheld" : total.toLocaleString("en-GB");
  $("selected-rate").textContent = total === null ? "withheld" : formatRate(rateOf(total, s.population));
  const feed = state.feeds.find((f) => f.id === state.feed);
  $("period-note").textContent = `${feed?.name ?? state.feed}${state.category ? ` — ${state.category}` : ""}, ` +
    `${state.from} to ${state.to}` + (s.population ? `; population ${s.population.toLocaleString("en-GB")}` : "") +
    (total === null ? ". The total is withheld because a month's count is under 5 (shown as “<5”)." : "");
  renderFootprintLife(state.footprints.get(state.selected));
  $("chart-title").textContent = `Monthly counts — ${nameOf(state.selected)}`;
  renderChart($("chart"), s.points, today());
}

function longDate(iso) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** When the selected footprint began or ended, and what it replaced, as the geography says. */
function renderFootprintLife(f) {
  const note = $("footprint-life");
  const parts = [];
  if (f?.validFrom) parts.push(`Began on ${longDate(f.validFrom)}${f.replaces?.length ? `, replacing ${f.replaces.map(nameOf).join(", ")}` : ""}.`);
  if (f?.validTo) parts.push(`Ended on ${longDate(f.validTo)}.`);
  if (f?.membership?.length > 1) parts.push(`Its members changed on ${f.membership.slice(1).map((p) => longDate(p.from)).join(", ")}.`);
  if (parts.length && f.datesAssumed) parts.push("(The exact day is not known: 1 April of the year is assumed.)");
  if (parts.length && state.footprintBoundaries !== "as-was" && partner()) parts.push("Counted on today’s boundaries throughout.");
  note.textContent = parts.join(" ");
  note.hidden = parts.length === 0;
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
  const live = connection;
  if (!live || live.state !== "Connected") return;
  const wanted = topicsWanted();
  const same = (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
  const old = subscriptions;
  subscriptions = wanted;
  try {
    for (const t of old) if (!wanted.some((w) => same(w, t))) await live.invoke("Unsubscribe", ...t);
    // A new subscription starts with a snapshot, which resets the day counts of the selected topic.
    for (const t of wanted) if (!old.some((o) => same(o, t))) await live.invoke("Subscribe", ...t);
  } catch (e) {
    if (live === connection) showMessage(`Live updates unavailable: ${e.message}`); // not after sign-out
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

/** Partner mode only: the hub needs the key, which a browser's WebSocket cannot carry in a header. */
async function connect() {
  if (!window.signalR) { setConnection("Live updates unavailable", "down"); return; }
  const key = storedKey();
  if (!key) return;
  // accessTokenFactory: the client puts the key in ?access_token= on the WebSocket (and SSE) URL, the only place a
  // browser can, and in "Authorization: Bearer" on negotiate and long polling. The hub reads only X-Api-Key on
  // those, so the same key goes there too (browsers send these headers on XHR/fetch, never on the WebSocket).
  const live = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/live", { accessTokenFactory: () => storedKey() ?? "", headers: { [HEADER]: key } })
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection = live;
  // A connection stopped at sign-out may still report: only the current one speaks.
  const current = () => connection === live;
  live.on("rollupChanged", (m) => current() && onRollupChanged(m));
  live.on("alertRaised", (a) => current() && onAlertRaised(a));
  live.on("alertWithdrawn", (a) => current() && onAlertWithdrawn(a));
  live.onreconnecting(() => current() && setConnection("Reconnecting…", "down"));
  live.onreconnected(async () => {
    if (!current()) return;
    setConnection("Live", "live");
    subscriptions = [];
    await subscribe();
    scheduleRefresh();
  });
  live.onclose(() => current() && setConnection("Disconnected — reload to reconnect", "down"));
  setConnection("Connecting…", "");
  try {
    await live.start();
    if (!current()) return;
    setConnection("Live", "live");
    await subscribe();
  } catch (e) {
    if (current()) setConnection(`Live updates unavailable (${e.message})`, "down");
  }
}

async function disconnect() {
  const live = connection;
  connection = null;
  subscriptions = [];
  if (live) await live.stop().catch(() => { /* already closed */ });
}

// ---- public mode: polling -----------------------------------------------------------------------------

let pollTimer = null;

/** The public view has no live connection: it re-reads its routes every 30 s while the tab is visible. */
function startPolling() {
  stopPolling();
  setConnection("Public view — refreshed every 30 seconds", "public");
  pollTimer = setInterval(() => {
    if (document.hidden || partner() || !periodValid() || state.view !== "counts") return;
    Promise.all([refreshComparison(), refreshSelected()]);
  }, PUBLIC_POLL_MS);
}

function stopPolling() {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = null;
}

// ---- wiring -------------------------------------------------------------------------------------------

/** Shows the chosen view; only the one on screen reads the hub, so switching views re-reads the other. */
function showView() {
  const confidence = state.view === "confidence";
  $("counts-view").hidden = confidence;
  $("confidence-view").hidden = !confidence;
  for (const control of document.querySelectorAll(".counts-only")) control.hidden = confidence;
}

async function reload({ redraw = false } = {}) {
  showMessage(periodValid() ? "" : "Choose a period whose start is on or before its end.");
  state.generation++;
  if (state.view === "confidence") {
    if (!periodValid()) return;
    await busy(confidence.reload({ kind: state.kind, from: state.from, to: state.to }));
    return;
  }
  state.values = new Map();
  state.comparison = null;
  if (redraw) drawMap(); else paintMap();
  renderSelected();
  renderComparison();
  if (!periodValid()) return;
  await busy(Promise.all([refreshMap(), refreshComparison(), refreshSelected().then(subscribe)]));
}

/**
 * Shows the page in `mode`: every figure re-read from that mode's routes; alerts and the live connection in
 * partner mode, polling in public mode. Responses still on their way from the other mode are ignored (generation).
 */
async function enterMode(mode, { focus = false } = {}) {
  state.mode = mode;
  state.generation++;
  document.body.dataset.mode = mode;
  $("footprint-boundaries").disabled = !partner();
  readControls();
  stopPolling();
  showAccessMode(mode, { focus });
  state.alerts = [];
  newAlertKeys.clear();
  renderAlerts();
  $("alerts-panel").hidden = !partner();
  $("feed-health-panel").hidden = !partner();
  state.health = [];
  renderFeedHealth(state.health, nameOf);
  state.disclosure = null;
  await disconnect();
  if (state.mode !== mode) return; // changed again meanwhile
  if (partner()) await Promise.all([reload(), connect(), loadAlerts(), loadHealth()]);
  else {
    startPolling();
    await reload();
  }
}

let started = false;

/** The hub refused the stored key (revoked or expired since sign-in): back to the public view, saying why. */
function keyRefused(detail) {
  if (!partner()) return;
  clearKey();
  showAccessMessage(`Your API key is no longer accepted${detail ? ` (${detail})` : ""}. ` +
    "Showing the public view; sign in again with a valid key to see partner figures.", { alert: true });
  showMessage("");
  if (started) busy(enterMode("public"));
  else state.mode = "public";
}

/** The metadata and boundaries; read again without the key if the stored key was refused on the way. */
async function loadReference() {
  const load = () => Promise.all([
    getJson("/api/v1/feeds"),
    getJson("/api/v1/footprints"),
    loadBoundaries("data/wales-la-boundaries.json", getJson),
    // Without it the dashboard still works: it just cannot tell an empty hub or choose a period holding data.
    getJson(EXTENT_URL).catch(() => null),
  ]);
  try {
    return await load();
  } catch (e) {
    if (e.status === 401 && !storedKey()) return load();
    throw e;
  }
}

async function main() {
  whenKeyRefused(keyRefused);
  state.mode = storedKey() ? "partner" : "public";
  showAccessMode(state.mode);
  initAccess({
    onSignedIn: () => busy(enterMode("partner", { focus: true })),
    onSignedOut: () => busy(enterMode("public", { focus: true })),
  });
  const [feeds, footprints, boundaries, extent] = await loadReference();
  showEmptyHub(extent);
  state.feeds = feeds;
  state.boundaries = boundaries;
  for (const f of footprints) {
    state.footprints.set(f.id, f);
    if (f.kind === "la") state.codeOf.set(f.id, f.code);
  }
  // Footprints a partnership defined: a kind of their own, offered only when there are some.
  if (footprints.some((f) => f.kind === "custom")) $("kind").append(new Option("Footprints defined by partnerships", "custom"));
  const feedSelect = $("feed");
  for (const f of feeds) feedSelect.append(new Option(f.name, f.id));
  feedSelect.value = feeds.some((f) => f.id === "crime") ? "crime" : feeds[0]?.id ?? "";
  state.feed = feedSelect.value;
  const period = initialPeriod(extent, state.feed);
  $("from").value = period.from;
  $("to").value = period.to;
  fillCategories();
  // ?view=confidence opens the confidence view, so it can be linked to.
  if (new URLSearchParams(location.search).get("view") === "confidence") $("view").value = "confidence";
  readControls();
  showView();

  $("feed").addEventListener("change", () => { state.category = ""; readControls(); fillCategories(); readControls(); reload(); });
  for (const id of ["category", "from", "to"]) $(id).addEventListener("change", () => { readControls(); reload(); });
  $("kind").addEventListener("change", () => { readControls(); reload({ redraw: true }); });
  $("footprint-boundaries").addEventListener("change", () => { readControls(); reload(); });
  for (const radio of document.querySelectorAll("input[name=lang]"))
    radio.addEventListener("change", () => {
      readControls();
      for (const main of document.querySelectorAll("main")) main.lang = state.lang;
      paintMap();
      renderSelected();
      renderComparison();
      renderAlerts();
      renderFeedHealth(state.health ?? [], nameOf);
      confidence.relabel();
    });
  $("select-wales").addEventListener("click", () => select(NATION));
  $("confidence-wales").addEventListener("click", () => confidence.selectWales());
  $("view").addEventListener("change", () => { readControls(); showView(); reload({ redraw: true }); });
  $("controls").addEventListener("submit", (e) => e.preventDefault());

  drawMap();
  started = true;
  await busy(enterMode(state.mode));
}

busy(main()).catch((e) => showMessage(`The dashboard could not start: ${e.message}`));
