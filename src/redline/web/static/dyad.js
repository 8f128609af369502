/* Dyad view: weekly conflict–cooperation series between two actors, both directions on one
 * chart, drawn in SVG; a line joins only weeks that follow each other. */
"use strict";
(() => {
  const {h, s} = RL;
  const form = document.getElementById("dyad-form");
  const chartBox = document.getElementById("chart");
  const listBox = document.getElementById("week-events");
  const hintBox = document.getElementById("dyad-hint-box");
  let current = null;

  function addDays(day, n) {
    const d = new Date(day + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  const DIRS = [["fwd", (v) => `${v.source} → ${v.target}`], ["rev", (v) => `${v.target} → ${v.source}`]];

  /** Runs of weeks with events that follow each other (7 days apart): one line each,
   * so that no line crosses weeks without events. */
  function runs(pts) {
    const out = [];
    let run = [];
    for (const p of pts) {
      if (run.length && Date.parse(p.week) - Date.parse(run[run.length - 1].week) > 7 * 86400000) { out.push(run); run = []; }
      run.push(p);
    }
    if (run.length) out.push(run);
    return out;
  }

  /** A "nice" upper bound of |values| for the y axis. */
  function niceMax(values) {
    const raw = Math.max(1, ...values.map((v) => Math.abs(v))) * 1.05;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    return [1, 2, 2.5, 5, 10].map((k) => k * mag).find((v) => v >= raw);
  }

  function anchorAt(px, left, right) {
    if (px > right - 40) return "end";
    if (px < left + 40) return "start";
    return "middle";
  }

  function draw(both, which) {
    const v = current;
    const series = both.map((data, i) => ({dir: DIRS[i][0], label: DIRS[i][1](v), all: data.series,
      pts: data.series.filter((p) => p.events > 0).map((p) => ({...p, v: which === "sum" ? p.sum : p.mean}))}));
    const allPts = series.flatMap((sr) => sr.pts);
    if (!allPts.length) {
      chartBox.replaceChildren(h("p", {class: "notice", id: "no-data"}, `No events ${v.source} → ${v.target} or ${v.target} → ${v.source} in this period.`));
      return hint();
    }
    const weeks = [...new Set(series.flatMap((sr) => sr.all.map((p) => p.week)))].sort();
    const W = Math.max(600, chartBox.clientWidth || 900), H = 380, m = {l: 54, r: 24, t: 28, b: 46};
    const t0 = Date.parse(weeks[0]), t1 = Date.parse(weeks[weeks.length - 1]);
    const span = Math.max(1, t1 - t0);
    const x = (w) => m.l + (t1 === t0 ? (W - m.l - m.r) / 2 : (Date.parse(w) - t0) / span * (W - m.l - m.r));
    const ymax = niceMax(allPts.map((p) => p.v));
    const y = (val) => m.t + (ymax - val) / (2 * ymax) * (H - m.t - m.b);
    const svg = s("svg", {class: "chart", id: "dyad-chart", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
      "aria-label": `weekly ${which} of ${v.measure} between ${v.source} and ${v.target}, both directions`});
    const axis = s("g", {class: "axis"});
    axis.appendChild(s("line", {x1: m.l, x2: m.l, y1: m.t, y2: H - m.b}));
    axis.appendChild(s("line", {x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b}));
    for (let i = -4; i <= 4; i += 1) {
      const val = ymax * i / 4;
      axis.appendChild(s("line", {x1: m.l - 4, x2: m.l, y1: y(val), y2: y(val)}));
      axis.appendChild(s("text", {x: m.l - 7, y: y(val) + 4, "text-anchor": "end"}, Number(val.toFixed(2)).toString()));
    }
    const step = Math.max(1, Math.ceil(weeks.length / 8));
    weeks.forEach((w, i) => {
      if (i % step && i !== weeks.length - 1) return;
      if (i === weeks.length - 1 && i % step && x(w) - x(weeks[i - (i % step)]) < 80) return; // too close to the last tick
      axis.appendChild(s("line", {x1: x(w), x2: x(w), y1: H - m.b, y2: H - m.b + 4}));
      axis.appendChild(s("text", {class: "x-label", x: x(w), y: H - m.b + 17, "text-anchor": anchorAt(x(w), m.l, W - m.r)}, w));
    });
    axis.appendChild(s("text", {x: 14, y: m.t + (H - m.t - m.b) / 2, transform: `rotate(-90 14 ${m.t + (H - m.t - m.b) / 2})`, "text-anchor": "middle"},
      `${which === "sum" ? "weekly sum" : "weekly mean"} of ${v.measure}`));
    axis.appendChild(s("text", {x: W - m.r, y: m.t - 10, "text-anchor": "end"}, "cooperation ↑  conflict ↓"));
    svg.appendChild(axis);
    svg.appendChild(s("line", {class: "zero", x1: m.l, x2: W - m.r, y1: y(0), y2: y(0)}));
    const legend = s("g", {class: "legend"});
    series.forEach((sr, i) => {
      legend.appendChild(s("line", {class: "series " + sr.dir, x1: m.l + 10 + i * 150, x2: m.l + 34 + i * 150, y1: m.t - 14, y2: m.t - 14}));
      legend.appendChild(s("text", {x: m.l + 40 + i * 150, y: m.t - 10}, `${sr.label} (${sr.pts.reduce((a, p) => a + p.events, 0)})`));
    });
    svg.appendChild(legend);
    for (const sr of series) {
      for (const run of runs(sr.pts)) {
        if (run.length < 2) continue;
        svg.appendChild(s("polyline", {class: "series " + sr.dir, points: run.map((p) => `${x(p.week).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ")}));
      }
    }
    const g = s("g", {class: "points"});
    for (const sr of series) {
      for (const p of sr.pts) {
        const c = s("circle", {class: `point ${sr.dir} ` + (p.v > 0 ? "pos" : p.v < 0 ? "neg" : "zero-pt"), cx: x(p.week).toFixed(1), cy: y(p.v).toFixed(1),
          r: Math.min(12, 4 + Math.sqrt(p.events) * 1.6), tabindex: "0", dataset: {week: p.week, events: p.events, dir: sr.dir}},
        s("title", {}, `${sr.label}, week of ${p.week}: ${p.events} event(s), ${which} ${p.v === null ? "–" : p.v.toFixed(2)}`));
        c.addEventListener("click", () => { for (const o of g.querySelectorAll(".selected")) o.classList.remove("selected"); c.classList.add("selected"); weekEvents(p.week, sr.dir); });
        c.addEventListener("keydown", (e) => { if (e.key === "Enter") c.dispatchEvent(new MouseEvent("click")); });
        g.appendChild(c);
      }
    }
    svg.appendChild(g);
    chartBox.replaceChildren(svg, h("p", {class: "muted small"}, series.map((sr) =>
      `${sr.label}: ${sr.pts.length} week(s) with events, ${sr.pts.reduce((a, p) => a + p.events, 0)} events`).join("; ") + "."));
  }

  /** The dyads with the most events (the country network's heaviest edges): links, and
   * the form's placeholders set to the first. */
  async function hint() {
    try {
      const net = await RL.api("/api/network", {by: "country", factuality: "asserted,reported", edges: 12});
      if (!net.edges.length) { hintBox.replaceChildren(h("p", {class: "muted"}, "The store has no event between two countries yet.")); return; }
      const top = net.edges[0];
      form.elements.source.placeholder = top.source;
      form.elements.target.placeholder = top.target;
      hintBox.replaceChildren(h("p", {class: "muted small"}, "Dyads with events (asserted or reported): "),
        h("ul", {class: "dyad-list", id: "dyad-hint"}, net.edges.map((e) => h("li", {},
          h("a", {class: "dyad-suggestion", href: "/dyad" + RL.qs({source: e.source, target: e.target})}, `${e.source} → ${e.target}`),
          ` (${e.events})`))));
    } catch (err) { RL.showError(hintBox, err); }
  }

  async function weekEvents(week, dir) {
    const v = current;
    const [src, tgt] = dir === "rev" ? [v.target, v.source] : [v.source, v.target];
    listBox.replaceChildren(h("p", {class: "muted"}, "Loading events of the week of " + week + "…"));
    try {
      const page = await RL.api("/api/events", {source: src, target: tgt, factuality: v.factuality.join(","),
        since: week, until: addDays(week, 6), sort: "day", order: "asc", limit: 200});
      listBox.replaceChildren(h("h2", {}, `Events ${src} → ${tgt}, week of ${week} (${page.total})`),
        h("table", {class: "grid", id: "week-table"}, h("thead", {}, h("tr", {}, ...["Day", "Type", "Factuality", "Score", "Source → target", "Evidence"].map((t) => h("th", {}, t)))),
          h("tbody", {}, page.items.map((e) => h("tr", {class: "event-row"}, h("td", {}, e.day), h("td", {}, RL.typeBadge(e.type)), h("td", {}, RL.factBadge(e.factuality)),
            h("td", {class: "num"}, RL.scoreSpan(e.score)),
            h("td", {}, (e.source || []).map(RL.actorLabel).join(", ") + " → " + (e.target || []).map(RL.actorLabel).join(", ")),
            h("td", {}, RL.evidence(e.sentence_text, e.sentence_start, e.trigger_start, e.trigger_end, e.trigger_text), " ",
              h("a", {href: "/articles/" + encodeURIComponent(e.article_id) + "#ev=" + encodeURIComponent(e.event_id)}, "read")))))));
    } catch (err) { RL.showError(listBox, err); }
  }

  async function load() {
    const f = RL.formValues(form);
    if (!f.source || !f.target) {
      chartBox.replaceChildren();
      await hint();
      document.body.dataset.ready = "1";
      return;
    }
    history.replaceState(null, "", RL.qs(f));
    listBox.replaceChildren();
    hintBox.replaceChildren();
    try {
      const common = {measure: f.measure, per: f.per, since: f.since, until: f.until};
      const both = await Promise.all([RL.api("/api/dyad", {...common, source: f.source, target: f.target}),
        RL.api("/api/dyad", {...common, source: f.target, target: f.source})]);
      current = both[0];
      await draw(both, f.value || "mean");
    } catch (err) { RL.showError(chartBox, err); }
    document.body.dataset.ready = "1";
  }

  const params = new URLSearchParams(location.search);
  RL.fillForm(form, params);
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  load();
})();
