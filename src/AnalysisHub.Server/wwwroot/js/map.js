// The choropleth: Welsh authority polygons (GeoJSON, WGS84) projected equirectangularly, grouped into the
// selected kind of footprint — one <g class="footprint"> per footprint, holding its members' polygons.
const SVG = "http://www.w3.org/2000/svg";
const COS_LAT = Math.cos((52.4 * Math.PI) / 180);

/**
 * Loads the boundaries with getJson (the page's one way of fetching) and returns
 * { viewBox, shapes: Map(code → { fill path, rings }) }.
 */
export async function loadBoundaries(url, getJson, width = 600) {
  const geo = await getJson(url);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const raw = new Map();
  for (const feature of geo.features) {
    const g = feature.geometry;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    const rings = [];
    for (const polygon of polygons)
      for (const ring of polygon) {
        const projected = ring.map(([lon, lat]) => [lon * COS_LAT, -lat]);
        for (const [x, y] of projected) {
          if (x < minX) minX = x; if (x > maxX) maxX = x;
          if (y < minY) minY = y; if (y > maxY) maxY = y;
        }
        rings.push(projected);
      }
    raw.set(feature.properties.LAD13CD, rings);
  }
  const pad = 8;
  const scale = (width - 2 * pad) / (maxX - minX);
  const height = Math.ceil((maxY - minY) * scale + 2 * pad);
  const shapes = new Map();
  for (const [code, rings] of raw) {
    const screen = rings.map((ring) => ring.map(([x, y]) => [
      Math.round(((x - minX) * scale + pad) * 100) / 100,
      Math.round(((y - minY) * scale + pad) * 100) / 100,
    ]));
    shapes.set(code, { rings: screen, d: screen.map(ringPath).join("") });
  }
  return { viewBox: `0 0 ${width} ${height}`, shapes };
}

function ringPath(ring) {
  return "M" + ring.map(([x, y]) => `${x},${y}`).join("L") + "Z";
}

/** The outer boundary of a union of polygons: edges shared by two members cancel out. */
function outlinePath(ringSets) {
  const counts = new Map();
  const key = (a, b) => (a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]) ? `${a}|${b}` : `${b}|${a}`);
  for (const rings of ringSets)
    for (const ring of rings)
      for (let i = 1; i < ring.length; i++) {
        const k = key(ring[i - 1], ring[i]);
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
  let d = "";
  for (const rings of ringSets)
    for (const ring of rings) {
      let open = false;
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1], b = ring[i];
        if (counts.get(key(a, b)) === 1) {
          if (!open) { d += `M${a[0]},${a[1]}`; open = true; }
          d += `L${b[0]},${b[1]}`;
        } else open = false;
      }
    }
  return d;
}

/**
 * Draws the footprints of one kind. footprints: [{ id, name, members: [la ids] }]; codeOf: la id → W06 code.
 * onSelect(id) is called on click and on Enter/Space.
 */
export function drawFootprints(svg, boundaries, footprints, codeOf, onSelect) {
  svg.setAttribute("viewBox", boundaries.viewBox);
  svg.replaceChildren();
  const outlines = new Map();
  for (const footprint of footprints) {
    const g = document.createElementNS(SVG, "g");
    g.setAttribute("class", "footprint");
    g.dataset.id = footprint.id;
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    const ringSets = [];
    for (const member of footprint.members) {
      const shape = boundaries.shapes.get(codeOf.get(member));
      if (!shape) continue;
      const path = document.createElementNS(SVG, "path");
      path.setAttribute("class", "member");
      path.setAttribute("d", shape.d);
      path.dataset.member = member;
      g.append(path);
      ringSets.push(shape.rings);
    }
    const outline = document.createElementNS(SVG, "path");
    outline.setAttribute("class", "outline");
    const d = outlinePath(ringSets);
    outline.setAttribute("d", d);
    outlines.set(footprint.id, d);
    g.append(outline);
    const title = document.createElementNS(SVG, "title");
    g.append(title);
    g.addEventListener("click", () => onSelect(footprint.id));
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onSelect(footprint.id); }
    });
    svg.append(g);
  }
  const selection = document.createElementNS(SVG, "path");
  selection.setAttribute("class", "selection");
  selection.setAttribute("aria-hidden", "true");
  svg.append(selection);
  return {
    /** Colours and labels each footprint: values: id → { fill, label }. */
    update(values) {
      for (const g of svg.querySelectorAll("g.footprint")) {
        const v = values.get(g.dataset.id);
        if (!v) continue;
        for (const p of g.querySelectorAll("path.member")) { p.style.fill = v.fill; p.style.stroke = v.fill; }
        g.setAttribute("aria-label", v.label);
        g.querySelector("title").textContent = v.label;
      }
    },
    /** Outlines the selected footprint, or its member authority when a finer footprint is selected. */
    highlight(id) {
      selection.setAttribute("d", outlines.get(id) ?? "");
      for (const g of svg.querySelectorAll("g.footprint"))
        g.setAttribute("aria-pressed", String(g.dataset.id === id));
    },
  };
}
