// The comparison with a benchmark as both views show it: a badge with an icon, so colour is never the only cue.

export const COMPARISON = {
  higher: { text: "Higher", icon: "\u25B2" },
  similar: { text: "Similar", icon: "\u25CF" },
  lower: { text: "Lower", icon: "\u25BC" },
};

/**
 * A table cell for a row's comparison: its badge, or the text for a row that has none (the benchmark's own row, a
 * withheld figure, one not compared).
 */
export function comparisonCell(row) {
  const td = document.createElement("td");
  const c = COMPARISON[row.comparison];
  if (c) {
    const badge = document.createElement("span");
    badge.className = `cmp cmp-${row.comparison}`;
    const icon = document.createElement("span");
    icon.className = "cmp-icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = c.icon;
    badge.append(icon, document.createTextNode(c.text));
    td.append(badge);
  } else {
    td.className = "cmp-none";
    td.textContent = row.isBenchmark ? "Benchmark" : row.withheld ? "withheld" : row.comparison === "not-compared" ? "Not compared" : "–";
  }
  return td;
}
