/* Actor network: nodes = countries or actors, edges = events (green cooperation, red
 * conflict), laid out by d3-force (vendored: static/vendor/), drawn in SVG.
 *
 * Layout: links, many-body repulsion, collision (no stacked nodes) and a pull to the
 * centre; then the layout is scaled to fill the frame and a few more collision ticks
 * run with every node kept inside the frame, labels on the side with room.
 * An edge links to the events explorer with the same exact keys (`by=`): the list it
 * opens counts the same events as the edge (one query on the server). */
"use strict";
(() => {
  const {h, s} = RL;
  const form = document.getElementById("net-form");
  const box = document.getElementById("network");
  const PAD = 16; // frame margin, px
  const LABEL_PX = 6.6; // mean width of a label character at 11px, before measuring

  const finite = (v) => Number.isFinite(v);

  function keepInside(n, W, H) {
    n.x = Math.min(W - PAD - n.r, Math.max(PAD + n.r, n.x));
    n.y = Math.min(H - PAD - n.r, Math.max(PAD + n.r, n.y));
  }

  /** Positions {id: {x, y, r}} of the nodes inside a W×H frame. */
  function layout(nodes, edges, W, H, radius) {
    const sim = nodes.map((d) => ({id: d.id, r: radius(d), label: d.label}));
    const links = edges.map((e) => ({source: e.source, target: e.target, events: e.events}));
    const n = sim.length;
    const simulation = d3.forceSimulation(sim)
      .force("link", d3.forceLink(links).id((d) => d.id).distance((l) => 30 + l.source.r + l.target.r).strength(0.3))
      .force("charge", d3.forceManyBody().strength(-60 - 240 / Math.sqrt(n)))
      .force("collide", d3.forceCollide((d) => d.r + 8).iterations(2))
      .force("x", d3.forceX(0).strength(0.05))
      .force("y", d3.forceY(0).strength(0.08))
      .stop();
    simulation.tick(300);
    fit(sim, W, H);
    // settle: collisions only, inside the frame
    simulation.force("link", null).force("charge", null).force("x", null).force("y", null)
      .force("collide", d3.forceCollide((d) => d.r + 4).iterations(3)).alpha(0.3);
    for (let i = 0; i < 80; i++) {
      simulation.tick();
      for (const d of sim) keepInside(d, W, H);
    }
    for (const d of sim) {
      if (!finite(d.x) || !finite(d.y)) { d.x = W / 2; d.y = H / 2; } // never NaN in a path
    }
    return new Map(sim.map((d) => [d.id, d]));
  }

  /** Scale and move the layout so that it fills the frame (labels on the right counted). */
  function fit(sim, W, H) {
    const x0 = Math.min(...sim.map((d) => d.x - d.r)), x1 = Math.max(...sim.map((d) => d.x + d.r));
    const y0 = Math.min(...sim.map((d) => d.y - d.r)), y1 = Math.max(...sim.map((d) => d.y + d.r));
    const label = Math.min(160, Math.max(...sim.map((d) => String(d.label).length)) * LABEL_PX);
    const kx = (W - 2 * PAD - label) / Math.max(1, x1 - x0), ky = (H - 2 * PAD) / Math.max(1, y1 - y0);
    const k = Math.min(2.5, kx), kk = Math.min(2.5, ky);
    for (const d of sim) {
      d.x = PAD + (d.x - x0) * k + Math.max(0, (W - 2 * PAD - label - (x1 - x0) * k) / 2);
      d.y = PAD + (d.y - y0) * kk + Math.max(0, (H - 2 * PAD - (y1 - y0) * kk) / 2);
      d.vx = 0; d.vy = 0;
      keepInside(d, W, H);
    }
  }

  /** A curved edge from a to b (to the right of its direction, so A→B and B→A are both
   * visible) ending at b's border; its SVG path, always made of finite numbers. */
  function edgePath(a, b) {
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.hypot(dx, dy);
    if (!(d > 1)) return null;
    const bend = Math.min(40, d * 0.15);
    const mx = (a.x + b.x) / 2 - dy / d * bend, my = (a.y + b.y) / 2 + dx / d * bend;
    const back = Math.max(1e-6, Math.hypot(b.x - mx, b.y - my)), rb = b.r + 3;
    const ex = b.x - (b.x - mx) / back * rb, ey = b.y - (b.y - my) / back * rb;
    const nums = [a.x, a.y, mx, my, ex, ey];
    if (!nums.every(finite)) return null;
    const [p, q, r, t, u, v] = nums.map((x) => x.toFixed(1));
    return `M${p},${q} Q${r},${t} ${u},${v}`;
  }

  /** Put each label on the side of its node that has room, inside the frame. */
  function placeLabels(svg, W) {
    for (const g of svg.querySelectorAll("g.node")) {
      const text = g.querySelector("text"), r = Number(g.dataset.r), x = Number(g.dataset.x);
      const w = text.getComputedTextLength();
      if (x + r + 3 + w > W - 4) {
        text.setAttribute("x", String(-(r + 3)));
        text.setAttribute("text-anchor", "end");
        if (x - r - 3 - w < 4) { // no room either side: shorten it
          const keep = Math.max(3, Math.floor(text.textContent.length * (x - r - 8) / w) - 1);
          text.textContent = text.textContent.slice(0, keep) + "…";
        }
      }
    }
  }

  function eventsHref(e, f, by) {
    return "/events" + RL.qs({source: e.source, target: e.target, by, since: f.since, until: f.until, factuality: f.factuality});
  }

  function draw(net, f) {
    if (!net.edges.length) { box.replaceChildren(h("p", {class: "notice", id: "no-data"}, "No events between two different actors in this period.")); return; }
    const W = Math.max(640, box.clientWidth || 960);
    const H = Math.round(Math.min(900, Math.max(480, 70 * Math.sqrt(net.nodes.length) + 200)));
    const maxNode = Math.max(...net.nodes.map((x) => x.events));
    const radius = (d) => 5 + 12 * Math.sqrt(d.events / maxNode);
    const pos = layout(net.nodes, net.edges, W, H, radius);
    const maxE = Math.max(...net.edges.map((e) => e.events));
    const svg = s("svg", {class: "chart", id: "network-chart", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": "actor network"});
    const defs = s("defs", {});
    for (const kind of ["coop", "conflict", "mixed"]) {
      defs.appendChild(s("marker", {id: "arrow-" + kind, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "9", markerHeight: "9", markerUnits: "userSpaceOnUse", orient: "auto"},
        s("path", {d: "M0,0 L10,5 L0,10 z"})));
    }
    svg.appendChild(defs);
    const eg = s("g", {class: "edges"});
    for (const e of net.edges) {
      const d = edgePath(pos.get(e.source), pos.get(e.target));
      if (!d) continue;
      const kind = e.cooperation > e.conflict ? "coop" : e.conflict > e.cooperation ? "conflict" : "mixed";
      const path = s("path", {class: "edge " + kind, d, "stroke-width": (1 + 6 * Math.sqrt(e.events / maxE)).toFixed(2),
        "marker-end": `url(#arrow-${kind})`, dataset: {source: e.source, target: e.target, events: e.events}},
      s("title", {}, `${e.source} → ${e.target}: ${e.events} events (${e.cooperation} cooperation, ${e.conflict} conflict), mean score ${e.score_mean ?? "–"}; click for the list`));
      eg.appendChild(s("a", {class: "edge-link", href: eventsHref(e, f, net.by)}, path));
    }
    svg.appendChild(eg);
    const ng = s("g", {class: "nodes"});
    for (const d of net.nodes) {
      const p = pos.get(d.id);
      const g = s("g", {class: "node", transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`,
        dataset: {id: d.id, x: p.x.toFixed(1), y: p.y.toFixed(1), r: p.r.toFixed(1)}},
      s("circle", {r: p.r.toFixed(1)}), s("text", {x: (p.r + 3).toFixed(1), y: 4}, d.label),
      s("title", {}, `${d.label}: ${d.events} events (${d.out} as source, ${d.in} as target)`));
      g.addEventListener("mouseenter", () => {
        for (const el of eg.querySelectorAll("path.edge")) el.classList.toggle("dim", el.dataset.source !== d.id && el.dataset.target !== d.id);
      });
      g.addEventListener("mouseleave", () => { for (const el of eg.querySelectorAll("path.edge")) el.classList.remove("dim"); });
      ng.appendChild(g);
    }
    svg.appendChild(ng);
    box.replaceChildren(svg, h("p", {class: "muted small"}, `${net.nodes.length} nodes, ${net.edges.length} edges.`));
    placeLabels(svg, W);
  }

  async function load() {
    const f = RL.formValues(form);
    history.replaceState(null, "", RL.qs(f));
    try {
      const net = await RL.api("/api/network", {by: f.by, since: f.since, until: f.until, factuality: f.factuality, edges: f.edges || 80});
      draw(net, f);
    } catch (err) { RL.showError(box, err); }
    document.body.dataset.ready = "1";
  }

  RL.fillForm(form, new URLSearchParams(location.search));
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  load();
})();
