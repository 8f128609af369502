/* Actor network: nodes = countries or actors, edges = events (green cooperation, red
 * conflict), laid out by a small deterministic force simulation, drawn in SVG. */
"use strict";
(() => {
  const {h, s} = RL;
  const form = document.getElementById("net-form");
  const box = document.getElementById("network");

  function layout(nodes, edges, W, H) {
    const n = nodes.length, idx = new Map(nodes.map((d, i) => [d.id, i]));
    const P = nodes.map((d, i) => ({x: W / 2 + Math.cos(2 * Math.PI * i / n) * W * 0.35, y: H / 2 + Math.sin(2 * Math.PI * i / n) * H * 0.35}));
    if (n < 3) return P;
    const k = Math.sqrt((W * H) / n) * 0.6;
    let temp = W / 8;
    for (let it = 0; it < 250; it++) {
      const D = P.map(() => ({x: 0, y: 0}));
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        let dx = P[i].x - P[j].x, dy = P[i].y - P[j].y;
        const d = Math.max(0.01, Math.hypot(dx, dy)), f = k * k / d;
        dx /= d; dy /= d;
        D[i].x += dx * f; D[i].y += dy * f; D[j].x -= dx * f; D[j].y -= dy * f;
      }
      for (const e of edges) {
        const a = idx.get(e.source), b = idx.get(e.target);
        let dx = P[a].x - P[b].x, dy = P[a].y - P[b].y;
        const d = Math.max(0.01, Math.hypot(dx, dy)), f = d * d / k * Math.min(2, 0.5 + Math.log1p(e.events) / 3);
        dx /= d; dy /= d;
        D[a].x -= dx * f; D[a].y -= dy * f; D[b].x += dx * f; D[b].y += dy * f;
      }
      for (let i = 0; i < n; i++) {
        const d = Math.max(0.01, Math.hypot(D[i].x, D[i].y));
        P[i].x += D[i].x / d * Math.min(d, temp); P[i].y += D[i].y / d * Math.min(d, temp);
        P[i].x = Math.min(W - 40, Math.max(40, P[i].x)); P[i].y = Math.min(H - 25, Math.max(25, P[i].y));
      }
      temp *= 0.98;
    }
    return P;
  }

  function draw(net, f) {
    if (!net.edges.length) { box.replaceChildren(h("p", {class: "notice", id: "no-data"}, "No events between two different actors in this period.")); return; }
    const W = Math.max(640, box.clientWidth || 960), H = 620;
    const P = layout(net.nodes, net.edges, W, H);
    const pos = new Map(net.nodes.map((d, i) => [d.id, P[i]]));
    const maxE = Math.max(...net.edges.map((e) => e.events));
    const svg = s("svg", {class: "chart", id: "network-chart", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": "actor network"});
    const defs = s("defs", {});
    for (const kind of ["coop", "conflict", "mixed"]) {
      defs.appendChild(s("marker", {id: "arrow-" + kind, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "9", markerHeight: "9", markerUnits: "userSpaceOnUse", orient: "auto"},
        s("path", {d: "M0,0 L10,5 L0,10 z"})));
    }
    svg.appendChild(defs);
    const radius = (d) => 5 + 14 * Math.sqrt(d.events / Math.max(...net.nodes.map((x) => x.events)));
    const rOf = new Map(net.nodes.map((d) => [d.id, radius(d)]));
    const eg = s("g", {class: "edges"});
    for (const e of net.edges) {
      const a = pos.get(e.source), b = pos.get(e.target);
      const kind = e.cooperation > e.conflict ? "coop" : e.conflict > e.cooperation ? "conflict" : "mixed";
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(1, Math.hypot(dx, dy));
      // curve to the right of the direction, so A→B and B→A are both visible
      const mx = (a.x + b.x) / 2 - dy / d * Math.min(40, d * 0.15), my = (a.y + b.y) / 2 + dx / d * Math.min(40, d * 0.15);
      const rb = rOf.get(e.target) + 3;
      const ex = b.x - (b.x - mx) / Math.hypot(b.x - mx, b.y - my) * rb, ey = b.y - (b.y - my) / Math.hypot(b.x - mx, b.y - my) * rb;
      const path = s("path", {class: "edge " + kind, d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
        "stroke-width": (1 + 7 * Math.sqrt(e.events / maxE)).toFixed(2), "marker-end": `url(#arrow-${kind})`,
        dataset: {source: e.source, target: e.target, events: e.events}},
      s("title", {}, `${e.source} → ${e.target}: ${e.events} events (${e.cooperation} cooperation, ${e.conflict} conflict), mean score ${e.score_mean ?? "–"}`));
      path.addEventListener("click", () => {
        const q = f.by === "country" ? {source: e.source, target: e.target} : {source: e.source, target: e.target};
        location.href = "/events" + RL.qs({...q, since: f.since, until: f.until, factuality: f.factuality});
      });
      eg.appendChild(path);
    }
    svg.appendChild(eg);
    const ng = s("g", {class: "nodes"});
    for (const d of net.nodes) {
      const p = pos.get(d.id);
      const g = s("g", {class: "node", transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`, dataset: {id: d.id}},
        s("circle", {r: rOf.get(d.id).toFixed(1)}), s("text", {x: rOf.get(d.id) + 3, y: 4}, d.label),
        s("title", {}, `${d.label}: ${d.events} events (${d.out} as source, ${d.in} as target)`));
      g.addEventListener("mouseenter", () => {
        for (const el of eg.children) el.classList.toggle("dim", el.dataset.source !== d.id && el.dataset.target !== d.id);
      });
      g.addEventListener("mouseleave", () => { for (const el of eg.children) el.classList.remove("dim"); });
      ng.appendChild(g);
    }
    svg.appendChild(ng);
    box.replaceChildren(svg, h("p", {class: "muted small"}, `${net.nodes.length} nodes, ${net.edges.length} edges.`));
  }

  async function load() {
    const f = RL.formValues(form);
    history.replaceState(null, "", RL.qs(f));
    try {
      const net = await RL.api("/api/network", {by: f.by, since: f.since, until: f.until, factuality: f.factuality, edges: f.edges || 80});
      draw(net, f);
      document.body.dataset.ready = "1";
    } catch (err) { RL.showError(box, err); }
  }

  RL.fillForm(form, new URLSearchParams(location.search));
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  load();
})();
