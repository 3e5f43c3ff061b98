// The public routes publish counts under disclosure control: a number, "<5" (a count of 1 to 4) or "*" (withheld
// so that another withheld count cannot be worked out), and null rates, intervals and totals beside them. These
// helpers show such figures as the hub published them — never as 0, which would be a different, false figure.

/** True when the published count is a number (not "<5", "*" or null). */
export function isShown(count) {
  return typeof count === "number" && Number.isFinite(count);
}

/** A published count as text: the number, or the hub's own mark ("<5", "*"), or "withheld" for null. */
export function countText(count) {
  if (isShown(count)) return count.toLocaleString("en-GB");
  if (typeof count === "string" && count) return count;
  return "withheld";
}

/** The same in words, for titles and screen readers. */
export function countWords(count) {
  if (isShown(count)) return count.toLocaleString("en-GB");
  if (count === "<5") return "fewer than 5 (exact count withheld)";
  if (count === "*") return "withheld to protect a small count";
  return "withheld";
}
