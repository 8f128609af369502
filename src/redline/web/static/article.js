/* Article page: /articles/{id} -> the reader. */
"use strict";
(async () => {
  const root = document.getElementById("article");
  const id = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
  try {
    const art = await RL.api("/api/articles/" + encodeURIComponent(id));
    document.title = (art.title || "Article") + " · Redline workbench";
    const m = /#ev=([^&]+)/.exec(location.hash);
    Reader.render(root, art, {updateHash: true, selectId: m ? decodeURIComponent(m[1]) : null});
    document.body.dataset.ready = "1";
  } catch (err) {
    RL.showError(root, err);
    document.body.dataset.ready = "error";
  }
})();
