/* Overview page: one filter (period, actor, type, factuality, place; kept in the URL)
 * over a map of events by place, a timeline of event volume and breakdowns by type,
 * country and factuality, all from one GET /api/overview. Clicking a place, a bar or a
 * breakdown row narrows the filter to it. */
"use strict";
(() => {
  const {h} = RL;
  const form = document.getElementById("overview-form");
  const summary = document.getElementById("ov-summary");
  const boxes = {map: document.getElementById("map"), timeline: document.getElementById("timeline"),
    legend: document.getElementById("timeline-legend"), type: document.getElementById("by-type"),
    country: document.getElementById("by-country"), source: document.getElementById("by-source-country"),
    factuality: document.getElementById("by-factuality")};
  let seq = 0;

  /** The filters of the API (the form's "any" factuality is no filter). */
  function apiFilters(v) {
    return {since: v.since, until: v.until, actor: v.actor, type: v.type, place: v.place,
      factuality: v.factuality === "any" ? "" : v.factuality};
  }

  function eventsHref(f) {
    return "/events" + RL.qs({since: f.since, until: f.until, actor: f.actor, type: f.type, factuality: f.factuality, place: f.place});
  }

  function narrow(changes) {
    for (const [name, value] of Object.entries(changes)) {
      const elt = form.elements[name];
      if (!elt) continue;
      if (elt.tagName === "SELECT" && ![...elt.options].some((o) => o.value === value)) elt.appendChild(h("option", {value}, value));
      elt.value = value;
    }
    load();
  }

  async function load() {
    const mine = ++seq;
    const v = RL.formValues(form);
    history.replaceState(null, "", RL.qs(v));
    const f = apiFilters(v);
    summary.replaceChildren("Loading…");
    try {
      const ov = await RL.api("/api/overview", {...f, interval: v.interval});
      if (mine !== seq) return;
      summary.replaceChildren(h("span", {id: "ov-total"}, `${ov.total.toLocaleString()} events`), " match — ",
        h("a", {id: "ov-list", href: eventsHref(f)}, "list them in the events explorer"));
      const types = ov.types;
      await RLMap.draw(boxes.map, ov.places, (p) => narrow({place: p.name || p.country || ""}));
      RLCharts.timeline(boxes.timeline, boxes.legend, ov.timeline, v.view || "type", types,
        (p) => narrow({since: p.start, until: p.end}));
      RLCharts.bars(boxes.type, types, "by-type-chart", (r) => narrow({type: r.key}));
      RLCharts.bars(boxes.country, ov.countries, "by-country-chart", (r) => narrow({place: r.key}));
      RLCharts.bars(boxes.source, ov.source_countries, "by-source-country-chart", (r) => narrow({actor: r.key}));
      RLCharts.bars(boxes.factuality, ov.factuality, "by-factuality-chart", (r) => narrow({factuality: r.key}));
    } catch (err) {
      if (mine === seq) { summary.replaceChildren(); RL.showError(summary, err); }
    }
    if (mine === seq) document.body.dataset.ready = "1";
  }

  async function fillChoices() {
    const [types, facts] = await Promise.all([RL.api("/api/types").catch(() => []), RL.api("/api/factualities").catch(() => [])]);
    const typeSel = document.getElementById("type-select");
    for (const t of types) typeSel.appendChild(h("option", {value: t.type}, t.type));
    const factSel = document.getElementById("factuality-select");
    for (const f of facts) factSel.appendChild(h("option", {value: f.factuality}, `${f.factuality} (${f.events.toLocaleString()})`));
  }

  (async () => {
    await fillChoices();
    const params = new URLSearchParams(location.search);
    for (const sel of form.querySelectorAll("select")) { // keep a URL value no option has
      const want = params.get(sel.name);
      if (want && ![...sel.options].some((o) => o.value === want)) sel.appendChild(h("option", {value: want}, want));
    }
    RL.fillForm(form, params);
    form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
    form.addEventListener("change", (e) => { if (e.target.tagName === "SELECT") load(); });
    document.getElementById("clear-filters").addEventListener("click", () => {
      for (const name of ["since", "until", "actor", "place"]) form.elements[name].value = "";
      form.elements.type.value = "";
      form.elements.factuality.value = "asserted,reported";
      load();
    });
    load();
  })();
})();
