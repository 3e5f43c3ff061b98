// The "Public confidence" view: one survey indicator (the share agreeing that the police and council deal with the
// issues that matter) as a map and a table of the footprints of a kind against Wales, and a trend of the selected
// footprint with its target trajectory. Partners read the unsuppressed indicator routes; the public view reads their
// disclosure-controlled twins, where a figure on too few responses is withheld and shown as such, never as a number.
import { drawFootprints } from "./map.js";
import { makeRangeScale, renderLegend } from "./scale.js";
import { getJson } from "./api.js";
import { COMPARISON, comparisonCell } from "./comparison.js";

const SVG = "http://www.w3.org/2000/svg";
export const INDICATOR = "police-and-council-dealing-with-issues";
const NATION = "nation:wales";
/** Rolling 12-month windows in the trend, a quarter apart: two years of movement in at most 8 figure requests. */
const TREND_WINDOWS = 8;
const TREND_STEP_MONTHS = 3;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const CHANGE = {
  increase: "Increase",
  decrease: "Decrease",
  "no-significant-change": "No significant change",
  "not-tested": "Not tested",
};

const $ = (id) => document.getElementById(id);

function el(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function formatPercent(p) {
  return Number.isFinite(p) ? `${p.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%` : "–";
}

function intervalText(ci) {
  return Array.isArray(ci) ? `${formatPercent(ci[0])} – ${formatPercent(ci[1])}` : "–";
}

function isoDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Days since the epoch of a YYYY-MM-DD date, for placing dates on the trend's axis. */
function dayNumber(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}

/**
 * The trend's windows, oldest first: 12 months each, ending at the last complete month on or before `to` and then a
 * quarter earlier each time. Whole months, so that every point covers a comparable year of fieldwork.
 */
export function trendWindows(to) {
  const [y, m, d] = to.split("-").map(Number);
  const monthEnd = new Date(y, m, 0).getDate() === d;
  const lastMonth = monthEnd ? m : m - 1; // 1-based month of the last complete month
  const windows = [];
  for (let k = TREND_WINDOWS - 1; k >= 0; k--) {
    const endMonth = lastMonth - k * TREND_STEP_MONTHS;
    windows.push({ from: isoDate(new Date(y, endMonth - 12, 1)), to: isoDate(new Date(y, endMonth, 0)) });
  }
  return windows;
}

/** The change direction of a row: an object on the partner routes, the bare direction on the public ones. */
function directionOf(row) {
  return typeof row.change === "string" ? row.change : row.change?.direction ?? null;
}

function rowLabel(name, row) {
  if (row.withheld) return `${name}: withheld (fewer than the minimum responses; ${row.unweightedBase} responses)`;
  if (!Number.isFinite(row.percent)) return `${name}: no responses`;
  const parts = [`${name}: ${formatPercent(row.percent)} agree (95% interval ${intervalText(row.ci95)})`,
    `${row.unweightedBase.toLocaleString("en-GB")} responses`];
  const c = COMPARISON[row.comparison];
  if (c) parts.push(`${c.text.toLowerCase()} than Wales`.replace("similar than", "similar to"));
  const change = CHANGE[directionOf(row)];
  if (change) parts.push(`change: ${change.toLowerCase()}`);
  return parts.join("; ");
}

/** The interval as a bar on a scale shared by every row, with the benchmark's percent as a line through them all. */
function intervalBar(row, domain, benchmark) {
  const width = 160, height = 18;
  const x = (p) => ((p - domain.lo) / (domain.hi - domain.lo)) * width;
  const svg = el("svg", { class: "interval", viewBox: `0 0 ${width} ${height}`, width, height, "aria-hidden": "true" });
  if (Array.isArray(row.ci95) && Number.isFinite(row.percent)) {
    svg.append(el("rect", { class: `ci ci-${row.comparison ?? "benchmark"}`, x: x(row.ci95[0]), y: 5,
      width: Math.max(1, x(row.ci95[1]) - x(row.ci95[0])), height: 8 }));
    svg.append(el("line", { class: "estimate", x1: x(row.percent), x2: x(row.percent), y1: 2, y2: 16 }));
  }
  if (Number.isFinite(benchmark)) svg.append(el("line", { class: "benchmark-line", x1: x(benchmark), x2: x(benchmark), y1: 0, y2: height }));
  return svg;
}

/** A scale for the interval bars: every interval and the benchmark, out to whole tens. */
function barDomain(rows) {
  const values = rows.flatMap((r) => (Array.isArray(r.ci95) ? r.ci95 : [])).concat(rows.map((r) => r.percent)).filter(Number.isFinite);
  if (values.length === 0) return { lo: 0, hi: 100 };
  const lo = Math.max(0, Math.floor(Math.min(...values) / 10) * 10);
  const hi = Math.min(100, Math.ceil(Math.max(...values) / 10) * 10);
  return hi > lo ? { lo, hi } : { lo: Math.max(0, lo - 10), hi: Math.min(100, hi + 10) };
}

function monthLabel(iso) {
  const [y, m] = iso.split("-");
  return `${MONTHS[Number(m) - 1]} ${y}`;
}

/**
 * The trend chart: each window's percent on a line at the window's end, with its 95% interval as a band; a target's
 * trajectory (baseline end, then each milestone) as a dashed line with the milestones marked; published figures as
 * squares at the end of their period. The axis runs to the last milestone, so a target ahead of the data still shows.
 */
export function renderTrend(svg, { points, target, published }) {
  const width = 640, height = 280, left = 48, right = 14, top = 14, bottom = 36;
  svg.replaceChildren();
  const shown = points.filter((p) => Number.isFinite(p.percent));
  const trajectory = target ? [{ date: target.baseline.to, percent: target.baseline.percent, baseline: true },
    ...target.milestones.map((m) => ({ date: m.date, percent: m.percent }))] : [];
  const dates = [...points.map((p) => p.to), ...trajectory.map((t) => t.date), ...published.map((p) => p.to)].map(dayNumber);
  const values = [...shown.flatMap((p) => p.ci95 ?? [p.percent]), ...trajectory.map((t) => t.percent), ...published.map((p) => p.percent)];
  if (dates.length === 0) return;
  const x0 = Math.min(...dates), x1 = Math.max(...dates, x0 + 1);
  const yLo = values.length ? Math.max(0, Math.floor((Math.min(...values) - 2) / 10) * 10) : 0;
  const yHi = values.length ? Math.min(100, Math.ceil((Math.max(...values) + 2) / 10) * 10) : 100;
  const x = (iso) => left + ((dayNumber(iso) - x0) / (x1 - x0)) * (width - left - right);
  const y = (p) => top + (height - top - bottom) * (1 - (p - yLo) / Math.max(1, yHi - yLo));

  const grid = el("g", { class: "grid" });
  const step = yHi - yLo > 40 ? 20 : yHi - yLo > 20 ? 10 : 5;
  for (let v = yLo; v <= yHi; v += step) {
    grid.append(el("line", { x1: left, x2: width - right, y1: y(v), y2: y(v) }));
    grid.append(el("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end" }, `${v}%`));
  }
  const firstYear = new Date(x0 * 86400000).getUTCFullYear(), lastYear = new Date(x1 * 86400000).getUTCFullYear();
  for (let year = firstYear; year <= lastYear + 1; year++) {
    const at = `${year}-01-01`;
    if (dayNumber(at) < x0 || dayNumber(at) > x1) continue;
    grid.append(el("line", { class: "year", x1: x(at), x2: x(at), y1: top, y2: height - bottom }));
    grid.append(el("text", { x: x(at), y: height - bottom + 14, "text-anchor": "middle" }, String(year)));
  }
  svg.append(grid);

  // The band and line are broken where a window has no figure (no responses, or withheld in the public view).
  const runs = [];
  let run = [];
  for (const p of points) {
    if (Number.isFinite(p.percent) && Array.isArray(p.ci95)) run.push(p);
    else if (run.length) { runs.push(run); run = []; }
  }
  if (run.length) runs.push(run);
  for (const r of runs) {
    const upper = r.map((p) => `${x(p.to)},${y(p.ci95[1])}`);
    const lower = r.map((p) => `${x(p.to)},${y(p.ci95[0])}`).reverse();
    svg.append(el("polygon", { class: "band", points: [...upper, ...lower].join(" ") }));
    svg.append(el("polyline", { class: "estimate", points: r.map((p) => `${x(p.to)},${y(p.percent)}`).join(" ") }));
  }
  for (const p of points) {
    const label = `12 months to ${monthLabel(p.to)}: ` + (p.withheld ? "withheld (too few responses)"
      : Number.isFinite(p.percent) ? `${formatPercent(p.percent)} (95% interval ${intervalText(p.ci95)}), ${p.unweightedBase} responses` : "no responses");
    const mark = Number.isFinite(p.percent)
      ? el("circle", { class: "point", cx: x(p.to), cy: y(p.percent), r: 3.5 })
      : el("text", { class: "point missing", x: x(p.to), y: height - bottom - 4, "text-anchor": "middle" }, p.withheld ? "*" : "–");
    mark.dataset.to = p.to;
    mark.append(el("title", {}, label));
    svg.append(mark);
  }

  if (trajectory.length) {
    svg.append(el("polyline", { class: "trajectory", points: trajectory.map((t) => `${x(t.date)},${y(t.percent)}`).join(" ") }));
    for (const t of trajectory) {
      const cx = x(t.date), cy = y(t.percent), r = 5;
      const mark = el("path", { class: t.baseline ? "baseline" : "milestone", d: `M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z` });
      mark.dataset.date = t.date;
      mark.append(el("title", {}, `${t.baseline ? "Baseline" : "Milestone"} ${t.date}: ${formatPercent(t.percent)}`));
      svg.append(mark);
    }
  }
  for (const p of published) {
    const s = 7;
    const mark = el("rect", { class: "published", x: x(p.to) - s / 2, y: y(p.percent) - s / 2, width: s, height: s });
    mark.dataset.to = p.to;
    mark.append(el("title", {}, `Published: ${formatPercent(p.percent)}, ${p.from} to ${p.to}` +
      `${p.unweightedBase ? `, ${p.unweightedBase} responses` : ""}${p.source ? ` (${p.source})` : ""}`));
    svg.append(mark);
  }
  svg.setAttribute("aria-label", "Percent agreeing, 12 months to: " +
    points.map((p) => `${monthLabel(p.to)} ${p.withheld ? "withheld" : formatPercent(p.percent)}`).join(", ") +
    (trajectory.length ? `. Target trajectory: ${trajectory.map((t) => `${t.date} ${formatPercent(t.percent)}`).join(", ")}` : "") +
    (published.length ? `. Published: ${published.map((p) => `${p.to} ${formatPercent(p.percent)}`).join(", ")}` : ""));
}

/**
 * The view's state and rendering. The page gives it what it already holds (footprints, boundaries, names, mode);
 * the view fetches only indicator routes. `generation` drops answers that arrive after the period, kind or mode
 * changed, and `trendGeneration` trend answers after the selection changed too (a click must not drop the table).
 */
export function createConfidenceView({ footprintsOfKind, nameOf, boundaries, codeOf, isPartner, showMessage }) {
  const view = { kind: "la", from: "", to: "", rows: [], published: [], disclosure: null, selected: NATION, generation: 0, trendGeneration: 0, mapView: null, drawnKind: null };
  const base = () => (isPartner() ? "/api/v1" : "/api/v1/public");
  const indicatorUrl = (path, query) => `${base()}/indicators/${INDICATOR}/${path}` + (query ? `?${new URLSearchParams(query)}` : "");

  function drawMap() {
    view.mapView = drawFootprints($("confidence-map"), boundaries(), footprintsOfKind(view.kind), codeOf, select);
    view.mapView.highlight(view.selected);
    view.drawnKind = view.kind;
  }

  function paint() {
    if (!view.mapView || view.drawnKind !== view.kind) drawMap();
    const list = footprintsOfKind(view.kind);
    const byId = new Map(view.rows.map((r) => [r.footprint, r]));
    const scale = makeRangeScale(list.map((f) => byId.get(f.id)?.percent ?? NaN));
    const styled = new Map();
    for (const f of list) {
      const r = byId.get(f.id);
      styled.set(f.id, { fill: scale.colour(r?.percent ?? NaN), label: r ? rowLabel(nameOf(f.id), r) : `${nameOf(f.id)}: –` });
    }
    view.mapView.update(styled);
    renderLegend($("confidence-legend"), scale, {
      title: "Percent agreeing",
      format: (p) => `${Math.round(p)}%`,
      withheld: view.rows.some((r) => r.withheld && !r.isBenchmark),
      withheldText: "Withheld (too few responses)",
      emptyText: "No responses",
    });
    renderTable();
  }

  function renderTable() {
    const benchmark = view.rows.find((r) => r.isBenchmark);
    const domain = barDomain(view.rows);
    $("confidence-caption").textContent = `${kindLabel(view.kind)}: percent agreeing, ${view.from} to ${view.to}, ` +
      `compared with Wales (95% interval; the line is Wales at ${formatPercent(benchmark?.percent)})`;
    $("confidence-scale").textContent = `${domain.lo}% – ${domain.hi}%`;
    $("confidence-table").tBodies[0].replaceChildren(...view.rows.map((r) => {
      const tr = document.createElement("tr");
      tr.dataset.footprint = r.footprint;
      tr.dataset.comparison = r.isBenchmark ? "benchmark" : r.comparison ?? (r.withheld ? "withheld" : "none");
      if (r.isBenchmark) tr.className = "benchmark";
      if (r.footprint === view.selected) tr.classList.add("selected");
      const th = document.createElement("th");
      th.scope = "row";
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.textContent = nameOf(r.footprint) === r.footprint ? r.name : nameOf(r.footprint);
      button.addEventListener("click", () => select(r.footprint));
      th.append(button);
      tr.append(th);
      const cells = [
        ["percent", r.withheld ? "withheld" : formatPercent(r.percent)],
        ["interval-text", r.withheld ? "withheld" : intervalText(r.ci95)],
      ];
      for (const [cls, text] of cells) {
        const td = document.createElement("td");
        td.className = cls;
        td.textContent = text;
        tr.append(td);
      }
      const bar = document.createElement("td");
      bar.className = "interval-bar";
      bar.append(intervalBar(r, domain, benchmark?.percent));
      tr.append(bar);
      const n = document.createElement("td");
      n.className = "base";
      n.textContent = r.unweightedBase.toLocaleString("en-GB");
      tr.append(n, comparisonCell(r));
      const change = document.createElement("td");
      change.className = "change";
      const direction = directionOf(r);
      change.textContent = r.withheld ? "withheld" : CHANGE[direction] ?? "–";
      if (direction) change.dataset.direction = direction;
      tr.append(change);
      return tr;
    }));
    const note = $("confidence-disclosure");
    note.textContent = view.disclosure ?? "";
    note.hidden = !view.disclosure;
    const list = $("confidence-published");
    list.replaceChildren(...view.published.map((p) => {
      const li = document.createElement("li");
      li.textContent = `${nameOf(p.footprint)}: ${formatPercent(p.percent)}, ${p.from} to ${p.to}` +
        `${p.unweightedBase ? ` (${p.unweightedBase.toLocaleString("en-GB")} responses)` : ""}${p.source ? ` — ${p.source}` : ""}` +
        `${p.note ? `. ${p.note}` : ""}`;
      return li;
    }));
    $("confidence-published-panel").hidden = view.published.length === 0;
  }

  let kindLabel = (kind) => kind;

  async function loadComparison() {
    const generation = view.generation;
    const body = await getJson(indicatorUrl("compare", { kind: view.kind, from: view.from, to: view.to }));
    if (generation !== view.generation) return;
    view.rows = body.rows ?? [];
    view.published = body.published ?? [];
    view.disclosure = isPartner() ? null : body.disclosureControl ?? null;
    paint();
  }

  async function loadTrend() {
    const generation = view.trendGeneration;
    const id = view.selected;
    const windows = trendWindows(view.to);
    const figure = (w) => getJson(indicatorUrl(`footprints/${encodeURIComponent(id)}`, w))
      // Public answers hold the footprint's one row, with withheld saying whether its figures are shown.
      .then((b) => (b.rows ? { ...b.rows[0], from: b.from, to: b.to } : b));
    // Targets and published figures are partner routes. The list of targets, not the footprint's own route: a
    // footprint without one is then simply absent, not a 404 in the console on every selection.
    const target = isPartner()
      ? getJson(indicatorUrl("targets")).then((b) => (b.targets ?? []).find((x) => x.footprint === id) ?? null)
      : Promise.resolve(null);
    const published = isPartner() ? getJson(indicatorUrl("published", { footprint: id })) : Promise.resolve({ published: [] });
    const [points, t, p] = await Promise.all([Promise.all(windows.map(figure)), target, published]);
    if (generation !== view.trendGeneration || id !== view.selected) return;
    const publishedRows = (p?.published ?? []).filter((x) => x.footprint === id);
    renderTrend($("confidence-chart"), { points, target: t, published: publishedRows });
    renderSelected(points.at(-1), t);
  }

  function renderSelected(latest, target) {
    $("confidence-selected-name").textContent = nameOf(view.selected);
    $("confidence-percent").textContent = latest ? (latest.withheld ? "withheld" : formatPercent(latest.percent)) : "–";
    $("confidence-interval").textContent = latest && !latest.withheld ? intervalText(latest.ci95) : "–";
    $("confidence-base").textContent = latest ? latest.unweightedBase.toLocaleString("en-GB") : "–";
    $("confidence-trend-note").textContent = latest ? `Each point is the 12 months to the end of a quarter; the latest is ` +
      `${latest.from} to ${latest.to}. The band is the 95% interval.` +
      (target ? ` The dashed line is the target trajectory from the baseline (${target.baseline.from} to ${target.baseline.to}) ` +
        `through ${target.milestones.length} milestone${target.milestones.length === 1 ? "" : "s"} (◆).` : "") : "";
    $("confidence-target-key").hidden = !target;
  }

  function select(id) {
    if (id === view.selected) return;
    view.selected = id;
    view.trendGeneration++;
    view.mapView?.highlight(id);
    for (const tr of $("confidence-table").tBodies[0].rows) tr.classList.toggle("selected", tr.dataset.footprint === id);
    $("confidence-selected-name").textContent = nameOf(id);
    const generation = view.trendGeneration;
    return track(loadTrend().catch((e) => generation === view.trendGeneration && showMessage(`Could not load the trend: ${e.message}`)));
  }

  let track = (work) => work;
  const failed = (generation) => (e) => {
    if (generation === view.generation) showMessage(`Could not load the confidence figures: ${e.message}`);
  };

  return {
    /** Re-reads everything for the kind and period (and the mode's routes); resolves when drawn. */
    async reload({ kind, from, to }) {
      const redraw = kind !== view.kind;
      Object.assign(view, { kind, from, to, rows: [], published: [], disclosure: null });
      view.generation++;
      view.trendGeneration++;
      if (redraw || !view.mapView) drawMap();
      paint();
      const generation = view.generation;
      await Promise.all([loadComparison(), loadTrend()]).catch(failed(generation));
    },
    /** Names changed language: redraw from what is held. */
    relabel() {
      if (view.mapView) paint();
      $("confidence-selected-name").textContent = nameOf(view.selected);
    },
    /** How the page marks work in progress, and the kind selector's own labels. */
    configure({ busy, labelOfKind }) {
      track = busy;
      kindLabel = labelOfKind;
    },
    selectWales: () => select(NATION),
  };
}
