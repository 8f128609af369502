/* World map of events by place, in SVG: Natural Earth country outlines (world-atlas's
 * 110m TopoJSON, vendored in static/vendor/) projected by d3-geo, one circle per
 * place (area ∝ events; green mostly cooperation, red mostly conflict, grey even).
 * No tiles, no network: everything comes from this server. */
"use strict";
const RLMap = (() => {
  const {s} = RL;
  let outlines = null; // GeoJSON FeatureCollection, loaded once

  async function countries() {
    if (!outlines) {
      const resp = await fetch("/static/vendor/countries-110m.json");
      if (!resp.ok) throw new Error("cannot load the base map (HTTP " + resp.status + ")");
      const world = await resp.json();
      outlines = topojson.feature(world, world.objects.countries);
    }
    return outlines;
  }

  function kindOf(p) {
    return p.cooperation > p.conflict ? "coop" : p.conflict > p.cooperation ? "conflict" : "mixed";
  }

  /** Draw `places` ([{name, country, lat, lon, events, cooperation, conflict}]) into
   * `box`; onPick(place) is called when a circle is clicked. */
  async function draw(box, places, onPick) {
    const land = await countries();
    const W = Math.max(320, box.clientWidth || 960), H = Math.round(W * 0.5);
    const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [W - 4, H - 4]], {type: "Sphere"});
    const path = d3.geoPath(projection);
    const svg = s("svg", {class: "chart map", id: "map-chart", viewBox: `0 0 ${W} ${H}`, width: W, height: H,
      role: "img", "aria-label": `map of ${places.length} places with events`});
    svg.appendChild(s("path", {class: "sphere", d: path({type: "Sphere"})}));
    const g = s("g", {class: "countries"});
    for (const f of land.features) {
      const d = path(f);
      if (d) g.appendChild(s("path", {class: "country", d}, s("title", {}, f.properties.name)));
    }
    svg.appendChild(g);
    const maxE = Math.max(1, ...places.map((p) => p.events));
    const dots = s("g", {class: "places"});
    // biggest first, so that small circles stay on top and clickable
    for (const p of [...places].sort((a, b) => b.events - a.events)) {
      const xy = projection([p.lon, p.lat]);
      if (!xy || !Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) continue;
      const c = s("circle", {class: "place " + kindOf(p), cx: xy[0].toFixed(1), cy: xy[1].toFixed(1),
        r: (3 + 15 * Math.sqrt(p.events / maxE)).toFixed(1), tabindex: "0",
        dataset: {name: p.name || "", country: p.country || "", events: p.events}},
      s("title", {}, `${p.name || "?"}${p.country ? " (" + p.country + ")" : ""}: ${p.events} events (${p.cooperation} cooperation, ${p.conflict} conflict)`));
      c.addEventListener("click", () => onPick(p));
      c.addEventListener("keydown", (e) => { if (e.key === "Enter") onPick(p); });
      dots.appendChild(c);
    }
    svg.appendChild(dots);
    box.replaceChildren(svg);
  }

  return {draw};
})();
