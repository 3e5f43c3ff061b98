// A bar chart of monthly counts, drawn as SVG. A count the public routes withhold ("<5") has no bar height: it is
// marked with the hub's own text at the baseline rather than drawn as 0.
import { isShown, countText, countWords } from "./disclosure.js";

const SVG = "http://www.w3.org/2000/svg";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function el(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function niceStep(max, ticks) {
  const raw = Math.max(1, max) / ticks;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * magnitude >= raw) return Math.max(1, m * magnitude);
  return 10 * magnitude;
}

/** points: [{ period: "2026-01", count }] (count a number, or "<5" when withheld); highlights the month containing `today`. */
export function renderChart(svg, points, today) {
  const width = 640, height = 280, left = 48, right = 10, top = 16, bottom = 40;
  svg.replaceChildren();
  const max = Math.max(0, ...points.filter((p) => isShown(p.count)).map((p) => p.count));
  const step = niceStep(max, 4);
  const top_ = Math.max(step, Math.ceil(max / step) * step);
  const y = (v) => top + (height - top - bottom) * (1 - v / top_);
  const grid = el("g", { class: "grid" });
  for (let v = 0; v <= top_; v += step) {
    grid.append(el("line", { x1: left, x2: width - right, y1: y(v), y2: y(v) }));
    grid.append(el("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end" }, v.toLocaleString("en-GB")));
  }
  svg.append(grid);
  const n = Math.max(1, points.length);
  const band = (width - left - right) / n;
  const barWidth = Math.max(2, band * 0.7);
  const currentMonth = today.slice(0, 7);
  const labelEvery = Math.ceil(n / 13);
  points.forEach((p, i) => {
    const x = left + i * band + (band - barWidth) / 2;
    const [year, month] = p.period.split("-");
    const label = `${MONTHS[Number(month) - 1]} ${year}`;
    const shown = isShown(p.count);
    const value = shown ? p.count : 0;
    const bar = el("rect", {
      class: (p.period === currentMonth ? "bar current" : "bar") + (shown ? "" : " withheld"),
      x, y: y(value), width: barWidth, height: Math.max(0, y(0) - y(value)),
    });
    bar.dataset.period = p.period;
    bar.append(el("title", {}, `${label}: ${countWords(p.count)}`));
    svg.append(bar);
    if ((!shown || value > 0) && n <= 24)
      svg.append(el("text", { class: shown ? "value" : "value withheld", x: x + barWidth / 2, y: y(value) - 3, "text-anchor": "middle" },
        countText(p.count)));
    if (i % labelEvery === 0) {
      svg.append(el("text", { x: x + barWidth / 2, y: height - bottom + 14, "text-anchor": "middle" }, MONTHS[Number(month) - 1]));
      if (i === 0 || month === "01")
        svg.append(el("text", { x: x + barWidth / 2, y: height - bottom + 28, "text-anchor": "middle" }, year));
    }
  });
  svg.append(el("line", { x1: left, x2: width - right, y1: y(0), y2: y(0), stroke: "#8c959f" }));
  svg.setAttribute("aria-label", `Monthly counts: ${points.map((p) => `${p.period} ${countText(p.count)}`).join(", ")}`);
}
