/* Dyad view: weekly conflict–cooperation series between two actors, drawn in SVG. */
"use strict";
(() => {
  const {h, s} = RL;
  const form = document.getElementById("dyad-form");
  const chartBox = document.getElementById("chart");
  const listBox = document.getElementById("week-events");
  let current = null;

  function addDays(day, n) {
    const d = new Date(day + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function draw(data, which) {
    const pts = data.series.filter((p) => p.events > 0).map((p) => ({...p, v: which === "sum" ? p.sum : p.mean}));
    if (!pts.length) {
      chartBox.replaceChildren(h("p", {class: "notice", id: "no-data"}, `No events ${data.source} → ${data.target} in this period.`));
      return;
    }
    const W = Math.max(600, chartBox.clientWidth || 900), H = 380, m = {l: 54, r: 20, t: 20, b: 46};
    const t0 = Date.parse(data.series[0].week), t1 = Date.parse(data.series[data.series.length - 1].week);
    const span = Math.max(1, t1 - t0);
    const x = (w) => m.l + (t1 === t0 ? (W - m.l - m.r) / 2 : (Date.parse(w) - t0) / span * (W - m.l - m.r));
    const raw = Math.max(1, ...pts.map((p) => Math.abs(p.v))) * 1.05;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const ymax = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((v) => v >= raw);
    const y = (v) => m.t + (ymax - v) / (2 * ymax) * (H - m.t - m.b);
    const svg = s("svg", {class: "chart", id: "dyad-chart", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
      "aria-label": `weekly ${which} of ${data.measure} ${data.source} to ${data.target}`});
    const axis = s("g", {class: "axis"});
    axis.appendChild(s("line", {x1: m.l, x2: m.l, y1: m.t, y2: H - m.b}));
    axis.appendChild(s("line", {x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b}));
    for (let i = -4; i <= 4; i += 1) {
      const v = ymax * i / 4;
      axis.appendChild(s("line", {x1: m.l - 4, x2: m.l, y1: y(v), y2: y(v)}));
      axis.appendChild(s("text", {x: m.l - 7, y: y(v) + 4, "text-anchor": "end"}, Number(v.toFixed(2)).toString()));
    }
    const weeks = data.series.map((p) => p.week);
    const step = Math.max(1, Math.ceil(weeks.length / 8));
    weeks.forEach((w, i) => {
      if (i % step) return;
      axis.appendChild(s("line", {x1: x(w), x2: x(w), y1: H - m.b, y2: H - m.b + 4}));
      axis.appendChild(s("text", {x: x(w), y: H - m.b + 17, "text-anchor": "middle"}, w));
    });
    axis.appendChild(s("text", {x: 14, y: m.t + (H - m.t - m.b) / 2, transform: `rotate(-90 14 ${m.t + (H - m.t - m.b) / 2})`, "text-anchor": "middle"},
      `${which === "sum" ? "weekly sum" : "weekly mean"} of ${data.measure}`));
    axis.appendChild(s("text", {x: W - m.r, y: m.t + 10, "text-anchor": "end"}, "cooperation ↑  conflict ↓"));
    svg.appendChild(axis);
    svg.appendChild(s("line", {class: "zero", x1: m.l, x2: W - m.r, y1: y(0), y2: y(0)}));
    svg.appendChild(s("polyline", {class: "series", points: pts.map((p) => `${x(p.week).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ")}));
    const g = s("g", {class: "points"});
    for (const p of pts) {
      const c = s("circle", {class: "point " + (p.v > 0 ? "pos" : p.v < 0 ? "neg" : "zero-pt"), cx: x(p.week).toFixed(1), cy: y(p.v).toFixed(1),
        r: Math.min(12, 4 + Math.sqrt(p.events) * 1.6), tabindex: "0", dataset: {week: p.week, events: p.events}},
      s("title", {}, `week of ${p.week}: ${p.events} event(s), ${which} ${p.v === null ? "–" : p.v.toFixed(2)}`));
      c.addEventListener("click", () => { for (const o of g.querySelectorAll(".selected")) o.classList.remove("selected"); c.classList.add("selected"); weekEvents(p.week); });
      c.addEventListener("keydown", (e) => { if (e.key === "Enter") c.dispatchEvent(new MouseEvent("click")); });
      g.appendChild(c);
    }
    svg.appendChild(g);
    chartBox.replaceChildren(svg, h("p", {class: "muted small"}, `${pts.length} week(s) with events; ${data.series.reduce((a, p) => a + p.events, 0)} events in all.`));
  }

  async function weekEvents(week) {
    const v = current;
    listBox.replaceChildren(h("p", {class: "muted"}, "Loading events of the week of " + week + "…"));
    try {
      const page = await RL.api("/api/events", {source: v.source, target: v.target, factuality: v.factuality.join(","),
        since: week, until: addDays(week, 6), sort: "day", order: "asc", limit: 200});
      listBox.replaceChildren(h("h2", {}, `Events ${v.source} → ${v.target}, week of ${week} (${page.total})`),
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
    if (!f.source || !f.target) return;
    history.replaceState(null, "", RL.qs(f));
    listBox.replaceChildren();
    try {
      const data = await RL.api("/api/dyad", {source: f.source, target: f.target, measure: f.measure, per: f.per, since: f.since, until: f.until});
      current = data;
      draw(data, f.value || "mean");
      document.body.dataset.ready = "1";
    } catch (err) { RL.showError(chartBox, err); }
  }

  const params = new URLSearchParams(location.search);
  RL.fillForm(form, params);
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  if (params.get("source") && params.get("target")) load();
})();
