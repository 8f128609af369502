/* Redline workbench: the article reader (used by the article page and the analyse page).
 *
 * The text is cut at every annotation boundary into flat segments; each segment is a
 * <span> whose classes say which quotes, mentions, triggers and evidence sentences
 * cover it. Offsets from the API are Python string indices (code points); they are
 * mapped to JavaScript's UTF-16 indices first. Every string goes in as text.
 */
"use strict";

const Reader = (() => {
  const {h} = RL;

  /** code point offset -> UTF-16 offset (identity when the text has no astral chars). */
  function offsetMap(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return (i) => Math.max(0, Math.min(text.length, i));
    const map = [0];
    let u = 0;
    for (const ch of text) { u += ch.length; map.push(u); }
    return (i) => map[Math.max(0, Math.min(map.length - 1, i))];
  }

  function spansOf(q) {
    const parts = (q.parts && q.parts.length) ? q.parts : [q];
    return parts.filter((p) => Number.isInteger(p.start) && Number.isInteger(p.end) && p.end > p.start);
  }

  function render(root, art, opts) {
    opts = opts || {};
    const text = art.text || "";
    const conv = offsetMap(text);
    const entities = new Map((art.entities || []).map((e) => [e.id, e]));
    const quotes = art.quotes || [];
    const events = art.events || [];

    // speaker -> colour class
    const spkIndex = new Map();
    function spkClass(q) {
      const sp = q.speaker;
      const key = sp ? (sp.entity || sp.name || sp.text) : null;
      if (!key) return "spk-none";
      if (!spkIndex.has(key)) spkIndex.set(key, spkIndex.size % 8);
      return "spk-" + spkIndex.get(key);
    }

    // annotations: {start, end, kind, ref}
    const anns = [];
    function add(start, end, kind, ref) {
      if (!Number.isInteger(start) || !Number.isInteger(end) || end <= start) return;
      const a = conv(start), b = conv(end);
      if (b > a) anns.push({start: a, end: b, kind, ref});
    }
    quotes.forEach((q, qi) => {
      q._cls = spkClass(q);
      for (const p of spansOf(q)) add(p.start, p.end, "quote", qi);
      if (q.speaker) add(q.speaker.start, q.speaker.end, "speaker", qi);
      if (q.cue) add(q.cue.start, q.cue.end, "cue", qi);
    });
    (art.entities || []).forEach((e) => {
      for (const m of (e.mentions || [])) add(m.start, m.end, "mention", e.id);
    });
    events.forEach((ev, vi) => {
      if (ev.sentence) add(ev.sentence.start, ev.sentence.end, "sent", vi);
      if (ev.trigger) add(ev.trigger.start, ev.trigger.end, "trig", vi);
    });
    (art.terms || []).forEach((t, ti) => add(t.start, t.end, "term", ti));

    const cuts = new Set([0, text.length]);
    for (const a of anns) { cuts.add(a.start); cuts.add(a.end); }
    const bounds = [...cuts].sort((x, y) => x - y);
    const starts = new Map();
    for (const a of anns) {
      if (!starts.has(a.start)) starts.set(a.start, []);
      starts.get(a.start).push(a);
    }

    const textBox = h("div", {class: "article-text", id: "article-text"});
    const segInfo = new WeakMap();
    const evSent = events.map(() => []), evTrig = events.map(() => []);
    const quoteEls = quotes.map(() => []);
    let active = [];
    for (let i = 0; i < bounds.length - 1; i++) {
      const a = bounds[i], b = bounds[i + 1];
      active = active.filter((x) => x.end > a);
      for (const x of (starts.get(a) || [])) active.push(x);
      const piece = text.slice(a, b);
      if (!active.length) { textBox.appendChild(document.createTextNode(piece)); continue; }
      const classes = new Set();
      const info = {quotes: [], entities: [], sents: [], trigs: []};
      for (const x of active) {
        if (x.kind === "quote") { classes.add("quote"); classes.add(quotes[x.ref]._cls); info.quotes.push(x.ref); }
        else if (x.kind === "speaker") { classes.add("speaker"); info.quotes.push(x.ref); }
        else if (x.kind === "cue") { classes.add("cue"); info.quotes.push(x.ref); }
        else if (x.kind === "mention") {
          classes.add("mention");
          const e = entities.get(x.ref);
          if (e && e.type) classes.add("ent-" + RL.cls(e.type).toUpperCase());
          info.entities.push(x.ref);
        } else if (x.kind === "sent") info.sents.push(x.ref);
        else if (x.kind === "trig") { classes.add("trigger"); info.trigs.push(x.ref); }
        else if (x.kind === "term") classes.add("term");
      }
      const span = h("span", {class: [...classes].join(" ") || null}, piece);
      if (info.quotes.length) span.dataset.quote = [...new Set(info.quotes)].map((qi) => quotes[qi].id).join(" ");
      if (info.entities.length) span.dataset.entity = [...new Set(info.entities)].join(" ");
      if (info.trigs.length) span.dataset.trigger = info.trigs.map((vi) => events[vi].id).join(" ");
      segInfo.set(span, info);
      for (const vi of info.sents) evSent[vi].push(span);
      for (const vi of info.trigs) evTrig[vi].push(span);
      for (const qi of new Set(info.quotes)) quoteEls[qi].push(span);
      textBox.appendChild(span);
    }

    function tipRows(info) {
      const rows = [];
      for (const qi of new Set(info.quotes)) {
        const q = quotes[qi];
        const sp = q.speaker || {};
        const ent = sp.entity ? entities.get(sp.entity) : null;
        rows.push(["tt-title", "Speaker: " + (sp.name || sp.text || "unknown")]);
        if (ent && ent.role) rows.push(["tt-row tt-role", "Role: " + ent.role]);
        if (ent && (ent.country || ent.sector)) rows.push(["tt-row tt-country", "Country: " + [ent.country, ent.sector].filter(Boolean).join(" / ")]);
        if (q.cue && q.cue.text) rows.push(["tt-row tt-cue", "Cue: " + q.cue.text]);
        rows.push(["tt-row", (q.kind || "quote") + " quote " + q.id]);
      }
      for (const eid of new Set(info.entities)) {
        const e = entities.get(eid);
        if (!e) continue;
        rows.push(["tt-title", e.name || eid]);
        rows.push(["tt-row", [e.type, e.country, e.sector].filter(Boolean).join(" · ")]);
        if (e.role) rows.push(["tt-row", "Role: " + e.role]);
        if (e.kb) rows.push(["tt-row tt-kb", "Knowledge base: " + e.kb]);
        if (e.evidence) rows.push(["tt-row tt-evidence", "Country from: " + e.evidence]);
      }
      for (const vi of new Set(info.trigs)) {
        const ev = events[vi];
        rows.push(["tt-row", "Event trigger: " + ev.type + " (" + (ev.factuality || "?") + ")"]);
      }
      return rows.length ? rows : null;
    }

    textBox.addEventListener("mouseover", (e) => {
      const span = e.target.closest && e.target.closest("span");
      const info = span && segInfo.get(span);
      RL.tooltip(e.clientX, e.clientY, info ? tipRows(info) : null);
    });
    textBox.addEventListener("mousemove", (e) => {
      const span = e.target.closest && e.target.closest("span");
      const info = span && segInfo.get(span);
      if (info) RL.tooltip(e.clientX, e.clientY, tipRows(info));
    });
    textBox.addEventListener("mouseleave", () => RL.tooltip(0, 0, null));

    // ------------------------------------------------------------ side panel
    const evList = h("ul", {class: "events", id: "event-list"});
    let selected = -1;
    function selectEvent(vi, scroll) {
      for (const el of textBox.querySelectorAll(".ev-sentence, .ev-trigger")) el.classList.remove("ev-sentence", "ev-trigger");
      for (const li of evList.querySelectorAll("li.selected")) li.classList.remove("selected");
      if (vi < 0 || vi >= events.length || vi === selected) { selected = -1; return; }
      selected = vi;
      evSent[vi].forEach((el) => el.classList.add("ev-sentence"));
      evTrig[vi].forEach((el) => el.classList.add("ev-trigger"));
      const li = evList.children[vi];
      if (li) li.classList.add("selected");
      const first = evTrig[vi][0] || evSent[vi][0];
      if (scroll && first) first.scrollIntoView({block: "center", behavior: "auto"});
      if (opts.updateHash) history.replaceState(null, "", "#ev=" + encodeURIComponent(events[vi].id));
    }
    events.forEach((ev, vi) => {
      const src = (ev.source || []).map(RL.actorLabel).join(", ") || "?";
      const tgt = (ev.target || []).map(RL.actorLabel).join(", ") || "?";
      const obj = RL.objectNames(ev);
      const li = h("li", {dataset: {event: ev.id}, tabindex: "0"},
        h("div", {}, RL.typeBadge(ev.type), " ", RL.factBadge(ev.factuality), " ", RL.scoreSpan(ev.score), " ",
          h("span", {class: "trigger-text"}, "“" + ((ev.trigger && ev.trigger.text) || "") + "”")),
        h("div", {class: "ev-actors"}, src + " → " + tgt),
        obj ? h("div", {class: "ev-object"}, "object: " + obj) : null,
        h("div", {class: "muted small"}, [ev.date ? "date " + ev.date : null, ev.mode ? "mode " + ev.mode : null,
          ev.location ? "at " + ev.location.name : null].filter(Boolean).join(" · ")));
      li.addEventListener("click", () => selectEvent(vi, true));
      li.addEventListener("keydown", (e) => { if (e.key === "Enter") selectEvent(vi, true); });
      evList.appendChild(li);
    });

    const qList = h("ul", {class: "quotes", id: "quote-list"});
    quotes.forEach((q, qi) => {
      const sp = q.speaker || {};
      const li = h("li", {dataset: {quote: q.id}},
        h("div", {}, h("span", {class: "quote-chip " + q._cls}, "■"), " ", h("b", {}, sp.name || sp.text || "unknown speaker"), " ",
          h("span", {class: "badge kind"}, q.kind || "quote")),
        h("div", {class: "small"}, (q.text || "").length > 160 ? q.text.slice(0, 160) + "…" : (q.text || "")));
      li.addEventListener("click", () => { const el = quoteEls[qi][0]; if (el) el.scrollIntoView({block: "center"}); });
      qList.appendChild(li);
    });

    const entList = h("ul", {class: "plain small", id: "entity-list"});
    for (const e of (art.entities || []).filter((e) => (e.mentions || []).length).slice(0, 60)) {
      const prov = RL.provenance(e);
      entList.appendChild(h("li", {dataset: {entity: e.id}}, h("b", {}, e.name || e.id), " ",
        h("span", {class: "muted"}, [e.type, e.country, e.sector, e.role].filter(Boolean).join(" · ")),
        " ×" + (e.mentions || []).length,
        prov ? h("div", {class: "provenance"}, prov) : null));
    }

    const meta = h("div", {class: "article-meta"});
    const bits = [];
    if (art.published) bits.push("published " + art.published);
    if (art.source) bits.push(art.source);
    meta.appendChild(document.createTextNode(bits.join(" · ")));
    const href = RL.safeHref(art.url);
    if (href) { meta.appendChild(document.createTextNode(bits.length ? " · " : "")); meta.appendChild(h("a", {href, rel: "noopener noreferrer nofollow", target: "_blank"}, "original")); }
    else if (art.url) meta.appendChild(document.createTextNode(" · " + art.url));
    if (art.duplicate_of) meta.appendChild(h("div", {class: "notice"}, "A near-copy of ", h("a", {href: "/articles/" + encodeURIComponent(art.duplicate_of)}, art.duplicate_of)));

    const legend = h("div", {class: "legend"},
      h("span", {}, h("span", {class: "swatch spk-0"}), h("span", {class: "swatch spk-1"}), "quote (colour = speaker)"),
      h("span", {}, h("b", {}, "bold"), " speaker"), h("span", {}, h("i", {}, "italic"), " cue"),
      h("span", {class: "mention"}, "underlined: entity mention"));

    root.replaceChildren(
      h("h1", {id: "article-title"}, art.title || "(untitled article)"), meta,
      h("div", {class: "reader"},
        h("div", {}, legend, textBox),
        h("aside", {class: "side"},
          h("section", {}, h("h2", {}, "Events (" + events.length + ")"),
            events.length ? evList : h("p", {class: "muted"}, "No events found."),
            h("p", {class: "muted small"}, "Click an event to highlight its evidence sentence and trigger.")),
          h("section", {}, h("h2", {}, "Quotes (" + quotes.length + ")"), quotes.length ? qList : h("p", {class: "muted"}, "No quotes found.")),
          h("section", {}, h("h2", {}, "Entities"), entList))));

    if (opts.selectId) {
      const vi = events.findIndex((e) => e.id === opts.selectId);
      if (vi >= 0) selectEvent(vi, true);
    }
    return {selectEvent, events};
  }

  return {render, offsetMap};
})();
