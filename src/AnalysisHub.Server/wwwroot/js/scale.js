// ColorBrewer YlGnBu, 7 classes: sequential, colour-blind safe, light = low.
export const PALETTE = ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"];
export const NO_DATA = "#d9d9d9";

function niceCeil(value) {
  if (value <= 0) return 0;
  const step = Math.pow(10, Math.floor(Math.log10(value)));
  for (const m of [1, 1.4, 2, 2.5, 3.5, 5, 7, 10]) if (m * step >= value) return m * step;
  return 10 * step;
}

/** Equal-interval classes from 0 to a rounded maximum rate. */
export function makeScale(rates) {
  const finite = rates.filter((r) => Number.isFinite(r));
  const max = niceCeil(Math.max(0, ...finite));
  const n = PALETTE.length;
  const colour = (rate) => {
    if (!Number.isFinite(rate)) return NO_DATA;
    if (max === 0) return PALETTE[0];
    return PALETTE[Math.min(n - 1, Math.floor((rate / max) * n))];
  };
  const classes = PALETTE.map((fill, i) => ({ fill, from: (max * i) / n, to: (max * (i + 1)) / n }));
  return { max, colour, classes };
}

export function formatRate(rate) {
  if (!Number.isFinite(rate)) return "–";
  return rate.toLocaleString("en-GB", { maximumFractionDigits: rate < 10 ? 2 : 1 });
}

/**
 * Equal-interval classes between the lowest and highest value, widened to multiples of `step`: for percents, whose
 * differences between areas are a few points, a scale from 0 would shade every area alike. No values: max is 0.
 */
export function makeRangeScale(values, step = 5) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { max: 0, colour: () => NO_DATA, classes: [{ fill: NO_DATA, from: 0, to: 0 }] };
  const n = PALETTE.length;
  const lo = Math.floor(Math.min(...finite) / step) * step;
  const hi = Math.max(lo + step, Math.ceil(Math.max(...finite) / step) * step);
  const colour = (v) => (Number.isFinite(v) ? PALETTE[Math.min(n - 1, Math.floor(((v - lo) / (hi - lo)) * n))] : NO_DATA);
  const classes = PALETTE.map((fill, i) => ({ fill, from: lo + ((hi - lo) * i) / n, to: lo + ((hi - lo) * (i + 1)) / n }));
  return { max: hi, colour, classes };
}

/**
 * With `withheld`, adds the grey of areas whose figure the public view withholds. The title, the format of class
 * bounds and the words for an empty scale and for withheld areas default to the rate map's.
 */
export function renderLegend(element, scale, {
  withheld = false, title: titleText = "Rate per 100,000 residents", format = formatRate,
  emptyText = "0 (no records)", withheldText = "Rate withheld (count under 5)",
} = {}) {
  element.replaceChildren();
  const title = document.createElement("span");
  title.className = "legend-title";
  title.textContent = titleText;
  element.append(title);
  const items = scale.max === 0 ? [{ fill: scale.classes[0].fill, text: emptyText }]
    : scale.classes.map((c) => ({ fill: c.fill, text: `${format(c.from)}–${format(c.to)}` }));
  if (withheld) items.push({ fill: NO_DATA, text: withheldText, cls: "withheld" });
  for (const { fill, text, cls } of items) {
    const item = document.createElement("span");
    item.className = "item";
    const swatch = document.createElement("span");
    swatch.className = cls ? `swatch ${cls}` : "swatch";
    swatch.style.background = fill;
    item.append(swatch, document.createTextNode(text));
    element.append(item);
  }
}
