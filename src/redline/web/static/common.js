/* Redline workbench: shared helpers.
 *
 * SECURITY RULE for every script of the UI: data (article text, names, anything from the
 * API) is only ever put in the page as text (textContent / createTextNode, or SVG text
 * nodes) or as attribute values set with setAttribute; never through innerHTML,
 * outerHTML, insertAdjacentHTML or document.write. Links to outside URLs go through
 * safeHref(), which only lets http(s) through.
 */
"use strict";

const RL = (() => {
  const SVGNS = "http://www.w3.org/2000/svg";

  function append(node, children) {
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) append(node, c);
      else if (c instanceof Node) node.appendChild(c);
      else node.appendChild(document.createTextNode(String(c)));
    }
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else if (k === "dataset") Object.assign(node.dataset, v);
      else if (k === "text") node.textContent = String(v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    return node;
  }

  /** h("a", {href: "/x", class: "y"}, "text", child...) -> element (children as text). */
  function h(tag, attrs, ...children) {
    return append(setAttrs(document.createElement(tag), attrs), children);
  }

  function s(tag, attrs, ...children) {
    return append(setAttrs(document.createElementNS(SVGNS, tag), attrs), children);
  }

  /** Only http(s) URLs may become links to outside pages. */
  function safeHref(url) {
    if (typeof url !== "string") return null;
    try {
      const u = new URL(url, location.href);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (e) { return null; }
  }

  function token() {
    try { return localStorage.getItem("redline-token") || ""; } catch (e) { return ""; }
  }

  function qs(params) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (v === null || v === undefined || v === "" || v === false) continue;
      if (Array.isArray(v)) v.forEach((x) => { if (x !== "") p.append(k, x); });
      else p.append(k, String(v));
    }
    const str = p.toString();
    return str ? "?" + str : "";
  }

  async function api(path, params, opts) {
    const headers = {Accept: "application/json"};
    const t = (opts && opts.token) || token();
    if (t) headers.Authorization = "Bearer " + t;
    const init = {method: (opts && opts.method) || "GET", headers};
    if (opts && opts.body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(opts.body);
    }
    const resp = await fetch(path + qs(params), init);
    let data = null;
    try { data = await resp.json(); } catch (e) { data = null; }
    if (!resp.ok) {
      const msg = (data && data.error && data.error.message) || ("HTTP " + resp.status);
      const err = new Error(msg);
      err.status = resp.status;
      throw err;
    }
    return data;
  }

  const PAGES = [["/", "Articles"], ["/overview", "Overview"], ["/events", "Events"], ["/dyad", "Dyad"], ["/network", "Network"],
    ["/analyse", "Analyse a text"], ["/docs", "API"]];

  function header() {
    const top = document.querySelector("header.top");
    if (!top) return;
    const here = location.pathname;
    const nav = h("nav", {});
    for (const [href, label] of PAGES) {
      const active = href === "/" ? (here === "/" || here.startsWith("/articles")) : here.startsWith(href);
      nav.appendChild(h("a", {href, class: active ? "active" : null}, label));
    }
    top.replaceChildren(h("a", {href: "/", class: "brand"}, "Red", h("span", {}, "line")), nav);
  }

  function showError(container, err) {
    const box = h("div", {class: "error-box", role: "alert"}, String(err && err.message ? err.message : err));
    if (container) container.replaceChildren(box);
    return box;
  }

  function cls(value) { return String(value || "other").toLowerCase().replace(/[^a-z0-9_-]/g, ""); }

  const KNOWN_FACT = new Set(["asserted", "reported", "hypothetical", "conditional", "possible", "uncertain",
    "advocated", "demanded", "requested", "planned", "intended", "future", "threatened", "promised",
    "negated", "denied"]);

  function factBadge(f) {
    const c = KNOWN_FACT.has(cls(f)) ? cls(f) : "other";
    return h("span", {class: "badge fact-" + c, title: "factuality"}, f || "unknown");
  }
  function typeBadge(t) { return h("span", {class: "badge type", title: "PLOVER type"}, t || "?"); }
  function scoreSpan(v) {
    if (v === null || v === undefined) return h("span", {class: "muted"}, "–");
    const n = Number(v);
    return h("span", {class: n > 0 ? "score-pos" : (n < 0 ? "score-neg" : "")}, (n > 0 ? "+" : "") + n.toFixed(1));
  }

  function actorLabel(a) {
    if (!a) return "";
    const bits = [a.name || a.text || "?"];
    const code = [a.country, a.sector].filter(Boolean).join("");
    if (code) bits.push("(" + code + ")");
    return bits.join(" ");
  }

  /** The names of what an event is about when it is no actor (its object), or "". */
  function objectNames(ev) {
    return ((ev && ev.object) || []).map((o) => o.name || o.text || "").filter(Boolean).join(", ");
  }

  /** Where an entity's identity and country come from: its knowledge-base name and the
   * resolution pass that gave the country (a list of them for a grouped actor), or "". */
  function provenance(e) {
    const ev = Array.isArray(e.evidence) ? e.evidence.join(", ") : e.evidence;
    return [e.kb ? "KB: " + e.kb : null, ev ? "country from " + ev : null].filter(Boolean).join(" · ");
  }

  /** Evidence sentence with the trigger in bold, as DOM nodes. */
  function evidence(sentence, sStart, tStart, tEnd, trigger) {
    const wrap = h("span", {class: "evidence"});
    if (!sentence) { wrap.appendChild(h("b", {}, trigger || "")); return wrap; }
    const chars = Array.from(sentence); // code points, like Python offsets
    const a = (tStart ?? -1) - (sStart ?? 0), b = (tEnd ?? -1) - (sStart ?? 0);
    if (sStart === null || sStart === undefined || a < 0 || b > chars.length || a >= b) {
      wrap.appendChild(document.createTextNode(sentence));
      return wrap;
    }
    append(wrap, [chars.slice(0, a).join(""), h("b", {}, chars.slice(a, b).join("")), chars.slice(b).join("")]);
    return wrap;
  }

  /* one tooltip element per page */
  let tip = null;
  function tooltip(x, y, rows) {
    if (!tip) {
      tip = h("div", {id: "tooltip", role: "tooltip", hidden: true});
      document.body.appendChild(tip);
    }
    if (!rows) { tip.hidden = true; return; }
    tip.replaceChildren(...rows.map(([cl, text]) => h("div", {class: cl}, text)));
    tip.hidden = false;
    const w = tip.offsetWidth, hh = tip.offsetHeight;
    let left = x + 14, top = y + 16;
    if (left + w > window.innerWidth - 8) left = Math.max(8, x - w - 10);
    if (top + hh > window.innerHeight - 8) top = Math.max(8, y - hh - 12);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }

  function formValues(form) {
    const out = {};
    for (const elt of form.elements) {
      if (!elt.name) continue;
      if (elt.type === "checkbox") out[elt.name] = elt.checked ? "true" : "";
      else out[elt.name] = elt.value.trim();
    }
    return out;
  }

  function fillForm(form, params) {
    for (const elt of form.elements) {
      if (!elt.name || !params.has(elt.name)) continue;
      if (elt.type === "checkbox") elt.checked = params.get(elt.name) === "true";
      else elt.value = params.get(elt.name);
    }
  }

  document.addEventListener("DOMContentLoaded", header);

  return {h, s, append, safeHref, api, qs, header, showError, factBadge, typeBadge, scoreSpan, actorLabel,
    objectNames, provenance, evidence, tooltip, formValues, fillForm, cls, token};
})();
