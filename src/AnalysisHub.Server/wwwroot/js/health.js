// The feed-health panel (partners): for each feed, the authorities whose last complete month is missing or partial,
// from GET /api/v1/feeds/{feed}/completeness (by default Wales over the last 12 complete months; the panel shows the
// last of them). Withdrawn months are listed too: their figures are not to be relied on either.

const LISTED = ["missing", "partial", "withdrawn"];

/**
 * Reads every feed's completeness and renders the panel. `feeds` is /api/v1/feeds, `nameOf(id)` a footprint's name in
 * the page's language, `getJson` the keyed fetch. Returns what was read, so the page can render it again on a language
 * change.
 */
export async function loadFeedHealth({ feeds, getJson }) {
  const answers = await Promise.all(feeds.map(async (feed) => {
    const body = await getJson(`/api/v1/feeds/${encodeURIComponent(feed.id)}/completeness`);
    const rows = (body.rows ?? []).filter((r) => r.month === body.to);
    return { feed, month: body.to, rows };
  }));
  return answers;
}

/** Renders what loadFeedHealth read into #feed-health-list. */
export function renderFeedHealth(answers, nameOf) {
  const list = document.getElementById("feed-health-list");
  const month = answers.find((a) => a.month)?.month;
  document.getElementById("feed-health-month").textContent = month ?? "";
  list.replaceChildren(...answers.map(({ feed, rows }) => {
    const li = document.createElement("li");
    li.dataset.feed = feed.id;
    const name = document.createElement("span");
    name.className = "health-feed";
    name.textContent = feed.name ?? feed.id;
    li.append(name);
    let any = false;
    for (const status of LISTED) {
      const authorities = rows.filter((r) => r.status === status).map((r) => r.authority);
      if (authorities.length === 0) continue;
      any = true;
      const line = document.createElement("div");
      line.className = `health-${status}`;
      line.dataset.status = status;
      line.textContent = `${status}: ${authorities.map(nameOf).join(", ")}`;
      li.append(line);
    }
    if (!any) {
      const ok = document.createElement("div");
      ok.className = "health-ok";
      ok.textContent = rows.length > 0 && rows.every((r) => r.status === "no-history")
        ? "no records in the year before" : "every authority complete";
      li.append(ok);
    }
    return li;
  }));
}
