/* Home page: store counts, article search, most mentioned actors. */
"use strict";
(() => {
  const {h} = RL;
  const form = document.getElementById("search");
  const results = document.getElementById("results");
  const PAGE = 25;
  let offset = 0;

  async function stats() {
    try {
      const s = await RL.api("/api/stats");
      const box = document.getElementById("stats");
      box.replaceChildren(...[["articles", "articles"], ["events", "events"], ["quotes", "quotes"],
        ["entities", "entity records"], ["duplicates", "near-duplicates"], ["failed", "failed items"]]
        .map(([k, label]) => h("div", {class: "card"}, h("div", {class: "n"}, (s[k] ?? 0).toLocaleString()), h("div", {class: "muted small"}, label))));
    } catch (err) { RL.showError(document.getElementById("stats"), err); }
  }

  async function search() {
    const params = {...RL.formValues(form), limit: PAGE, offset};
    history.replaceState(null, "", RL.qs({...RL.formValues(form), offset: offset || null}));
    try {
      const page = await RL.api("/api/articles", params);
      const rows = page.items.map((a) => h("tr", {},
        h("td", {}, a.day || ""),
        h("td", {}, h("a", {href: "/articles/" + encodeURIComponent(a.article_id), class: "article-link"}, a.title || (a.snippet || "").slice(0, 80) || a.article_id),
          h("div", {class: "muted small"}, (a.snippet || "").slice(0, 160))),
        h("td", {}, a.source || ""),
        h("td", {class: "num"}, a.n_events), h("td", {class: "num"}, a.n_quotes), h("td", {class: "num"}, a.n_entities)));
      const table = h("table", {class: "grid", id: "articles-table"},
        h("thead", {}, h("tr", {}, ...["Day", "Article", "Outlet", "Events", "Quotes", "Entities"].map((t) => h("th", {}, t)))),
        h("tbody", {}, rows));
      const pager = h("div", {class: "pager"},
        h("button", {type: "button", disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - PAGE); search(); }}, "← Newer"),
        h("span", {class: "muted"}, page.total ? `${offset + 1}–${offset + page.items.length} of ${page.total}` : "no articles"),
        h("button", {type: "button", disabled: offset + PAGE >= page.total, onclick: () => { offset += PAGE; search(); }}, "Older →"));
      results.replaceChildren(table, pager);
    } catch (err) { RL.showError(results, err); }
  }

  async function actors() {
    const box = document.getElementById("actors");
    try {
      const list = await RL.api("/api/actors", {limit: 20});
      box.replaceChildren(h("table", {class: "grid"},
        h("thead", {}, h("tr", {}, ...["Actor", "Country", "Sector", "Roles", "Articles", "Mentions", "Quotes", "Events (src/tgt)"].map((t) => h("th", {}, t)))),
        h("tbody", {}, list.map((a) => h("tr", {},
          h("td", {}, h("a", {href: "/events" + RL.qs({actor: a.name})}, a.name || "?"),
            a.kb ? h("div", {class: "provenance actor-kb"}, "KB: " + a.kb) : null),
          h("td", {}, a.country || "",
            (a.evidence || []).length ? h("div", {class: "provenance actor-evidence"}, "from " + a.evidence.join(", ")) : null),
          h("td", {}, a.sector || ""), h("td", {}, (a.roles || []).join("; ")),
          h("td", {class: "num"}, a.articles), h("td", {class: "num"}, a.mentions), h("td", {class: "num"}, a.quotes),
          h("td", {class: "num"}, a.events_as_source + " / " + a.events_as_target))))));
    } catch (err) { RL.showError(box, err); }
  }

  const params = new URLSearchParams(location.search);
  RL.fillForm(form, params);
  offset = Number(params.get("offset") || 0) || 0;
  form.addEventListener("submit", (e) => { e.preventDefault(); offset = 0; search(); });
  stats(); search(); actors();
})();
