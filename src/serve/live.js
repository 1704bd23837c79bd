// Gazette live preview: reloads this page when it changes, swaps stylesheets in place, keeps
// the scroll position, and shows build errors over the page until the next good build.
(() => {
  const here = location.pathname;
  const scrollKey = "gazette-scroll:" + here;
  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const restore = () => window.scrollTo(0, Number(saved));
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore);
  }

  const reload = () => {
    sessionStorage.setItem(scrollKey, String(window.scrollY));
    location.reload();
  };

  let overlay = null;
  const showErrors = (errors) => {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "gazette-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#1d1d1f;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;" +
        "border-top:4px solid #e5484d;box-shadow:0 -4px 24px rgba(0,0,0,.35)";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    const title = document.createElement("strong");
    title.textContent = "Gazette: the last change did not build. Still showing the previous version.";
    overlay.appendChild(title);
    const list = document.createElement("ul");
    list.style.cssText = "margin:.5rem 0 0;padding-left:1.25rem";
    for (const e of errors) {
      const item = document.createElement("li");
      const where = e.path + (e.line ? ":" + e.line : "");
      item.textContent = where + ": " + e.message;
      list.appendChild(item);
    }
    overlay.appendChild(list);
  };
  const clearErrors = () => {
    if (overlay) overlay.remove();
    overlay = null;
  };

  const events = new EventSource("/__gazette/events");
  events.addEventListener("reload", (e) => {
    const change = JSON.parse(e.data);
    if (change.all || change.paths.includes(here)) reload();
  });
  events.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("gazette", Date.now());
      link.href = url.href;
    }
  });
  events.addEventListener("errors", (e) => showErrors(JSON.parse(e.data)));
  events.addEventListener("ok", clearErrors);
})();
