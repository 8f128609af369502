/* Analyse a text: POST /api/analyse, then show the result in the reader.
 * Stored only when "Store it" is ticked, with the token (kept in this browser's
 * localStorage only if storing succeeds). */
"use strict";
(() => {
  const {h} = RL;
  const form = document.getElementById("analyse-form");
  const status = document.getElementById("status");
  const result = document.getElementById("result");
  const tokenInput = document.getElementById("token");
  tokenInput.value = RL.token();

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = RL.formValues(form);
    const body = {text: document.getElementById("text").value, title: f.title || null, published: f.published || null,
      store: document.getElementById("store").checked};
    const button = document.getElementById("analyse-button");
    button.disabled = true;
    status.replaceChildren("Analysing…");
    result.replaceChildren();
    const t0 = performance.now();
    try {
      const out = await RL.api("/api/analyse", null, {method: "POST", body, token: body.store ? tokenInput.value : ""});
      const secs = ((performance.now() - t0) / 1000).toFixed(2);
      if (out.stored && tokenInput.value) { try { localStorage.setItem("redline-token", tokenInput.value); } catch (x) { /* private mode */ } }
      const link = out.id ? h("a", {href: "/articles/" + encodeURIComponent(out.duplicate_of || out.id)}, "open the stored article") : null;
      // RL.append skips null parts (replaceChildren would write "null" for a missing link)
      status.replaceChildren();
      RL.append(status, [h("span", {id: "analyse-status"}, `${out.status} in ${secs} s`),
        out.error ? " — " + out.error : null, link ? " — " : null, link]);
      if (out.article) {
        const holder = h("div", {});
        result.replaceChildren(holder);
        Reader.render(holder, out.article, {});
      }
      document.body.dataset.ready = "1";
    } catch (err) {
      status.replaceChildren();
      RL.showError(result, err);
    } finally {
      button.disabled = false;
    }
  });
})();
