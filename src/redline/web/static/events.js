/* Events explorer: filters (kept in the URL), server-side sorting, paging, export. */
"use strict";
(() => {
  const {h} = RL;
  const form = document.getElementById("filters");
  const tableBox = document.getElementById("table");
  const exportBar = document.getElementById("export-bar");
  const PAGE = 50;
  const COLS = [["day", "Day", "day"], ["type", "Type", "type"], ["factuality", "Factuality", "factuality"],
    ["source", "Source", "source"], ["target", "Target", "target"], ["score", "Score", "score"],
    ["evidence", "Evidence", null], ["article", "Article", null]];
  let sort = "day", order = "desc", offset = 0;
  let seq = 0;

  function filters() {
    const v = RL.formValues(form);
    return {source: v.source, target: v.target, actor: v.actor, type: v.type, factuality: v.factuality,
      since: v.since, until: v.until, text: v.text, place: v.place, by: v.by};
  }

  function renderExport(total) {
    const f = filters();
    const base = {...f, sort, order};
    exportBar.replaceChildren(
      h("span", {class: "muted", id: "event-count"}, total === null ? "" : `${total.toLocaleString()} matching events`),
      h("a", {class: "button", id: "export-csv", href: "/api/events/export" + RL.qs({...base, format: "csv"}), download: "redline-events.csv"}, "Export CSV"),
      h("a", {class: "button", id: "export-jsonl", href: "/api/events/export" + RL.qs({...base, format: "jsonl"}), download: "redline-events.jsonl"}, "Export PLOVER JSONL"));
  }

  async function load() {
    const mine = ++seq;
    const f = filters();
    history.replaceState(null, "", RL.qs({...f, sort: sort !== "day" ? sort : null, order: order !== "desc" ? order : null, offset: offset || null}));
    tableBox.setAttribute("aria-busy", "true");
    try {
      const page = await RL.api("/api/events", {...f, sort, order, limit: PAGE, offset});
      if (mine !== seq) return;
      renderExport(page.total);
      const head = h("tr", {}, COLS.map(([key, label, sortKey]) => {
        const th = h("th", {class: sortKey ? "sortable" + (sortKey === sort ? " sorted-" + order : "") : null, dataset: {col: key}}, label);
        if (sortKey) th.addEventListener("click", () => {
          if (sort === sortKey) order = order === "desc" ? "asc" : "desc"; else { sort = sortKey; order = sortKey === "day" || sortKey === "score" ? "desc" : "asc"; }
          offset = 0; load();
        });
        return th;
      }));
      const rows = page.items.map((e) => h("tr", {class: "event-row", dataset: {event: e.event_id, article: e.article_id}},
        h("td", {class: "day"}, e.day || ""),
        h("td", {class: "type"}, RL.typeBadge(e.type)),
        h("td", {}, RL.factBadge(e.factuality)),
        h("td", {class: "source"}, (e.source || []).map(RL.actorLabel).join(", ")),
        h("td", {class: "target"}, (e.target || []).map(RL.actorLabel).join(", "),
          RL.objectNames(e) ? h("div", {class: "ev-object"}, "object: " + RL.objectNames(e)) : null),
        h("td", {class: "num"}, RL.scoreSpan(e.score)),
        h("td", {}, RL.evidence(e.sentence_text, e.sentence_start, e.trigger_start, e.trigger_end, e.trigger_text)),
        h("td", {}, h("a", {class: "evidence-link", href: "/articles/" + encodeURIComponent(e.article_id) + "#ev=" + encodeURIComponent(e.event_id)},
          e.article_title || "article"), e.num_articles > 1 ? h("div", {class: "muted small"}, `in ${e.num_articles} articles, ${e.num_sources} sources`) : null)));
      const table = h("table", {class: "grid", id: "events-table"}, h("thead", {}, head), h("tbody", {}, rows));
      const total = page.total ?? 0;
      const pager = h("div", {class: "pager"},
        h("button", {type: "button", disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - PAGE); load(); }}, "← Previous"),
        h("span", {class: "muted"}, total ? `${offset + 1}–${offset + page.items.length} of ${total.toLocaleString()}${page.total_capped ? "+" : ""}` : "no events match"),
        h("button", {type: "button", disabled: offset + PAGE >= total, onclick: () => { offset += PAGE; load(); }}, "Next →"));
      tableBox.replaceChildren(table, pager);
      tableBox.setAttribute("aria-busy", "false");
    } catch (err) {
      if (mine === seq) { RL.showError(tableBox, err); tableBox.setAttribute("aria-busy", "false"); }
    }
  }

  /** The options of the type and factuality filters, from the API. */
  async function fillChoices() {
    const [types, facts] = await Promise.all([RL.api("/api/types").catch(() => []), RL.api("/api/factualities").catch(() => [])]);
    const typeSel = document.getElementById("type-select");
    for (const t of types) typeSel.appendChild(h("option", {value: t.type}, t.type));
    const factSel = document.getElementById("factuality-select");
    for (const f of facts) factSel.appendChild(h("option", {value: f.factuality}, `${f.factuality} (${f.events.toLocaleString()})`));
  }

  /** A value in the URL that no option of a select has (say type=aid,agree) gets an
   * option of its own, so that the filter is applied and shown instead of silently
   * dropped; the server says if it is unknown. */
  function keepUrlChoices(params) {
    for (const sel of form.querySelectorAll("select")) {
      const want = params.get(sel.name);
      if (want && ![...sel.options].some((o) => o.value === want)) sel.appendChild(h("option", {value: want}, want));
    }
  }

  (async () => {
    await fillChoices();
    const params = new URLSearchParams(location.search);
    keepUrlChoices(params);
    RL.fillForm(form, params);
    sort = params.get("sort") || "day";
    order = params.get("order") || "desc";
    offset = Number(params.get("offset") || 0) || 0;
    form.addEventListener("submit", (e) => { e.preventDefault(); offset = 0; load(); });
    form.addEventListener("change", (e) => { if (e.target.tagName === "SELECT") { offset = 0; load(); } });
    document.getElementById("reset").addEventListener("click", () => { setTimeout(() => { offset = 0; load(); }, 0); });
    load();
  })();
})();
