/* Small SVG charts of the overview: the event-volume timeline (stacked bars by type or
 * by conflict/cooperation) and horizontal bar breakdowns. Data go in as text nodes and
 * attributes only (see common.js). */
"use strict";
const RLCharts = (() => {
  const {h, s} = RL;
  const PALETTE = ["#1c5fa8", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#8d6e63", "#ad1457", "#9e9d24"];
  const QUADS = [["cooperation", "Cooperation (quad 1–2)", "#2e7d32"], ["conflict", "Conflict (quad 3–4)", "#c62828"],
    ["other", "No quad class", "#9aa3ad"]];

  /** The stacks of the timeline: [key, label, colour] — the most frequent types (the
   * rest as "other types"), or cooperation / conflict / other. */
  function stacksOf(timeline, view, types) {
    if (view === "quad") return QUADS;
    const top = types.slice(0, PALETTE.length - 1).map((t, i) => [t.key, t.key, PALETTE[i]]);
    const shown = new Set(top.map((t) => t[0]));
    const rest = timeline.periods.some((p) => Object.keys(p.types).some((k) => !shown.has(k)));
    return rest ? [...top, ["__other", "other types", "#9aa3ad"]] : top;
  }

  function valueOf(period, key, view, shown) {
    if (view === "quad") return period[key];
    if (key === "__other") return Object.entries(period.types).filter(([k]) => !shown.has(k)).reduce((a, [, n]) => a + n, 0);
    return period.types[key] || 0;
  }

  function label(period, interval) {
    if (interval === "year") return period.start.slice(0, 4);
    if (interval === "month") return period.start.slice(0, 7);
    return period.start;
  }

  /** Stacked bars of events per period; onPick(period) on click. */
  function timeline(box, legendBox, tl, view, types, onPick) {
    const periods = tl.periods;
    if (!periods.length) { box.replaceChildren(h("p", {class: "notice", id: "timeline-empty"}, "No dated events match.")); legendBox.replaceChildren(); return; }
    const stacks = stacksOf(tl, view, types);
    const shown = new Set(stacks.map((st) => st[0]));
    const W = Math.max(320, box.clientWidth || 900), H = 260, m = {l: 44, r: 12, t: 10, b: 34};
    const maxN = Math.max(1, ...periods.map((p) => p.events));
    const band = (W - m.l - m.r) / periods.length;
    const y = (n) => H - m.b - n / maxN * (H - m.t - m.b);
    const svg = s("svg", {class: "chart", id: "timeline-chart", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
      "aria-label": `events per ${tl.interval}`});
    const axis = s("g", {class: "axis"});
    axis.appendChild(s("line", {x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b}));
    for (const n of [0, maxN / 2, maxN].map(Math.round).filter((v, i, a) => a.indexOf(v) === i)) {
      axis.appendChild(s("line", {class: "grid", x1: m.l, x2: W - m.r, y1: y(n), y2: y(n)}));
      axis.appendChild(s("text", {x: m.l - 6, y: y(n) + 4, "text-anchor": "end"}, String(n)));
    }
    const step = Math.max(1, Math.ceil(periods.length / Math.max(2, Math.floor((W - m.l - m.r) / 80))));
    periods.forEach((p, i) => {
      if (i % step) return;
      const cx = m.l + band * (i + 0.5);
      const anchor = cx > W - m.r - 40 ? "end" : cx < m.l + 40 ? "start" : "middle";
      axis.appendChild(s("text", {class: "x-label", x: cx.toFixed(1), y: H - m.b + 16, "text-anchor": anchor}, label(p, tl.interval)));
    });
    svg.appendChild(axis);
    const bars = s("g", {class: "bars"});
    periods.forEach((p, i) => {
      let acc = 0;
      const x = m.l + band * i + Math.min(1, band * 0.1), w = Math.max(1, band - 2 * Math.min(1, band * 0.1));
      for (const [key, name, colour] of stacks) {
        const n = valueOf(p, key, view, shown);
        if (!n) continue;
        const rect = s("rect", {class: "bar", x: x.toFixed(2), width: w.toFixed(2), y: y(acc + n).toFixed(2),
          height: (y(acc) - y(acc + n)).toFixed(2), fill: colour, tabindex: "0",
          dataset: {start: p.start, end: p.end, key, events: n}},
        s("title", {}, `${label(p, tl.interval)} (${p.start} – ${p.end}): ${n} ${name} of ${p.events} events`));
        rect.addEventListener("click", () => onPick(p));
        bars.appendChild(rect);
        acc += n;
      }
    });
    svg.appendChild(bars);
    const left = [tl.before ? `${tl.before} earlier` : null, tl.after ? `${tl.after} later` : null].filter(Boolean);
    box.replaceChildren(svg);
    if (left.length) box.appendChild(h("p", {class: "muted small", id: "timeline-left-out"},
      `Not shown: ${left.join(" and ")} event(s), dated far from the rest; set the dates or the periods to see them.`));
    legendBox.replaceChildren(...stacks.map(([, name, colour]) => {
      const sw = h("span", {class: "swatch"});
      sw.style.background = colour;
      return h("span", {}, sw, name);
    }));
  }

  /** Horizontal bars, one row per {key, events, cooperation, conflict}; onPick(row). */
  function bars(box, rows, id, onPick) {
    if (!rows.length) { box.replaceChildren(h("p", {class: "muted"}, "none")); return; }
    const W = Math.max(260, box.clientWidth || 420), row = 22, lab = 110, num = 50;
    const H = rows.length * row + 4;
    const maxN = Math.max(1, ...rows.map((r) => r.events));
    const svg = s("svg", {class: "chart bars-chart", id, viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img"});
    rows.forEach((r, i) => {
      const y0 = 2 + i * row, w = Math.max(1, (W - lab - num) * r.events / maxN);
      const g = s("g", {class: "bar-row", tabindex: "0", dataset: {key: r.key ?? "", events: r.events}},
        s("title", {}, `${r.key ?? "unknown"}: ${r.events} events (${r.cooperation} cooperation, ${r.conflict} conflict); click to filter`),
        s("text", {class: "bar-label", x: lab - 6, y: y0 + 15, "text-anchor": "end"}, String(r.key ?? "unknown").slice(0, 16)),
        s("rect", {class: "bar-bg", x: lab, y: y0 + 3, width: w.toFixed(1), height: row - 6}),
        s("rect", {class: "bar-coop", x: lab, y: y0 + 3, width: (w * r.cooperation / r.events).toFixed(1), height: row - 6}),
        s("rect", {class: "bar-conflict", x: (lab + w * r.cooperation / r.events).toFixed(1), y: y0 + 3,
          width: (w * r.conflict / r.events).toFixed(1), height: row - 6}),
        s("text", {class: "bar-count", x: (lab + w + 4).toFixed(1), y: y0 + 15}, String(r.events)));
      g.addEventListener("click", () => onPick(r));
      g.addEventListener("keydown", (e) => { if (e.key === "Enter") onPick(r); });
      svg.appendChild(g);
    });
    box.replaceChildren(svg);
  }

  return {timeline, bars};
})();
