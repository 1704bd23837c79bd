// Gazette search: runs in the browser against the static index under search/index/.
// Terms are sharded by their first two letters and documents by chunks, so a query fetches
// only what it needs. Matching is by prefix; headlines and names weigh more than body text.
(() => {
  const form = document.getElementById("search-form");
  if (!form) return;
  const input = document.getElementById("q");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const base = form.dataset.base;
  const indexUrl = form.dataset.index;
  const cache = new Map();
  const fetchJson = (name) => {
    if (!cache.has(name)) {
      cache.set(name, fetch(indexUrl + name).then((r) => (r.ok ? r.json() : null)).catch(() => null));
    }
    return cache.get(name);
  };
  const meta = fetchJson("meta.json");
  const fold = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/ß/g, "ss").replace(/æ/g, "ae").replace(/ø/g, "o").replace(/ł/g, "l").replace(/đ/g, "d");
  const words = (q) => fold(q).split(/[^a-z0-9]+/).filter((w) => w.length >= 2);
  const kinds = { article: "Article", note: "Note", person: "Person", organization: "Organisation", place: "Place", other: "Actor", topic: "Topic" };

  let seq = 0;
  async function run() {
    const query = input.value.trim();
    const terms = words(query);
    const mine = ++seq;
    const started = performance.now();
    if (terms.length === 0) {
      list.textContent = "";
      status.textContent = query ? "Type at least two letters." : "";
      return;
    }
    const info = await meta;
    if (!info) { status.textContent = "The search index could not be loaded."; return; }
    const shards = new Set(info.shards);
    // Score each document per query word; a document must match every word.
    const perWord = await Promise.all(terms.map(async (w) => {
      const shard = w.slice(0, 2);
      const scores = new Map();
      if (!shards.has(shard)) return scores;
      const postings = (await fetchJson("t-" + shard + ".json")) || {};
      for (const term in postings) {
        if (!term.startsWith(w)) continue;
        const exact = term === w ? 2 : 1;
        const flat = postings[term];
        for (let i = 0; i < flat.length; i += 2) {
          scores.set(flat[i], (scores.get(flat[i]) || 0) + flat[i + 1] * exact);
        }
      }
      return scores;
    }));
    let total = perWord[0];
    for (const m of perWord.slice(1)) {
      const next = new Map();
      for (const [doc, s] of total) if (m.has(doc)) next.set(doc, s + m.get(doc));
      total = next;
    }
    const ranked = [...total.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 30);
    const chunks = new Map();
    await Promise.all([...new Set(ranked.map(([d]) => Math.floor(d / info.chunk)))].map(async (c) => {
      chunks.set(c, (await fetchJson("d-" + c + ".json")) || []);
    }));
    if (mine !== seq) return;
    list.textContent = "";
    for (const [doc] of ranked) {
      const row = (chunks.get(Math.floor(doc / info.chunk)) || [])[doc % info.chunk];
      if (!row) continue;
      const [kind, title, url, date, detail] = row;
      const li = document.createElement("li");
      li.className = "search-result kind-" + kind;
      const a = document.createElement("a");
      a.href = base + url;
      a.textContent = title;
      const label = document.createElement("span");
      label.className = "badge";
      label.textContent = kinds[kind] || kind;
      const metaLine = document.createElement("p");
      metaLine.className = "meta";
      metaLine.textContent = [date, detail].filter(Boolean).join(" · ");
      li.append(label, " ", a, metaLine);
      list.appendChild(li);
    }
    const ms = Math.round(performance.now() - started);
    status.textContent = total.size === 0 ? "No results." : `${total.size} result${total.size === 1 ? "" : "s"}${total.size > ranked.length ? ", showing the best " + ranked.length : ""} (${ms} ms)`;
  }

  let timer;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
  form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
  const q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(); }
})();
