// khabar web UI: hash routes over the JSON API. Every piece of data is inserted with
// textContent (through el()); the only HTML inserted is the search crate's snippet HTML, which
// is escaped there except for its <mark> tags.
"use strict";

const app = () => document.getElementById("app");

// el("div", {class: "x", href: "..."}, child, "text", ...): text children become text nodes.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// Search-crate HTML (escaped text with <mark>): parsed, then only text and <mark> kept.
function marked(html) {
  const tpl = document.createElement("template");
  tpl.innerHTML = html;
  const out = document.createDocumentFragment();
  for (const n of tpl.content.childNodes) {
    if (n.nodeType === Node.ELEMENT_NODE && n.tagName === "MARK") out.append(el("mark", {}, n.textContent));
    else out.append(document.createTextNode(n.textContent));
  }
  return out;
}

function fmtTime(iso) {
  if (!iso) return "بلا تاريخ";
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  return d.toLocaleString("ar", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
}

function span(first, last) {
  if (!first && !last) return "بلا تاريخ";
  if (first === last || !last) return fmtTime(first);
  return fmtTime(first) + " ← " + fmtTime(last);
}

async function api(path, opts) {
  const r = await fetch(path, opts);
  let body = null;
  try { body = await r.json(); } catch (_) { body = null; }
  if (!r.ok) throw new Error((body && body.error) || ("HTTP " + r.status));
  return body;
}

function show(...nodes) {
  const root = app();
  root.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined));
  window.scrollTo(0, 0);
}

function notice(text, kind) {
  return el("div", { class: "notice " + (kind || "error") }, text);
}

// Counted nouns in Arabic number agreement, the rule of the text crate's plural module (keep the
// two in step; a server test runs this function against it): 1 مقال واحد, 2 مقالان (مقالين after a
// preposition), 3–10 مقالات, 11–99 مقالًا, 100–102 مقال, after 100 by the last two digits.
const NOUN = {
  article: ["مقال", "مقالان", "مقالين", "مقالات", "مقالًا", false],
  source: ["مصدر", "مصدران", "مصدرين", "مصادر", "مصدرًا", false],
  independentSource: ["مصدر مستقل", "مصدران مستقلان", "مصدرين مستقلين", "مصادر مستقلة", "مصدرًا مستقلًا", false],
  story: ["قصة", "قصتان", "قصتين", "قصص", "قصة", true],
  result: ["نتيجة", "نتيجتان", "نتيجتين", "نتائج", "نتيجة", true],
};

function countNoun(n, noun, oblique) {
  const [singular, dual, dualOblique, plural, accusative, feminine] = noun;
  const last2 = n % 100;
  if (n === 0) return "لا " + plural;
  if (n === 1) return singular + (feminine ? " واحدة" : " واحد");
  if (n === 2) return oblique ? dualOblique : dual;
  if (last2 >= 3 && last2 <= 10) return n + " " + plural;
  if (last2 >= 11) return n + " " + accusative;
  return n + " " + singular;
}

function chips(list, cls) {
  return el("ul", { class: "chips" }, (list || []).map((s) => el("li", { class: "chip " + (cls || ""), dir: "auto" }, s)));
}

// ------------------------------------------------------------------ story list
async function listView(params) {
  const q = params.get("q") || "", source = params.get("source") || "";
  const from = params.get("from") || "", to = params.get("to") || "";
  const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  const form = el("form", { class: "filters", id: "filters" },
    el("label", {}, "كلمات", el("input", { name: "q", value: q })),
    el("label", {}, "المصدر", el("input", { name: "source", value: source })),
    el("label", {}, "من", el("input", { name: "from", type: "date", value: from })),
    el("label", {}, "إلى", el("input", { name: "to", type: "date", value: to })),
    el("button", { type: "submit" }, "تصفية"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) p.set(k, v);
    location.hash = "#/?" + p.toString();
  });
  show(el("h1", {}, "أحدث القصص"), form, el("p", { class: "muted" }, "جارٍ التحميل…"));
  const p = new URLSearchParams({ page: String(page) });
  for (const [k, v] of [["q", q], ["source", source], ["from", from], ["to", to]]) if (v) p.set(k, v);
  let data;
  try { data = await api("/api/stories?" + p.toString()); } catch (e) { show(el("h1", {}, "أحدث القصص"), form, notice(e.message)); return; }
  const cards = data.stories.map((s) => el("article", { class: "card story-item", "data-story": s.id },
    el("h3", {}, el("a", { href: "#/story/" + s.id }, s.headline || "(بلا عنوان)")),
    chips(s.sources),
    el("div", { class: "meta" },
      el("span", { class: "count" }, countNoun(s.article_count, NOUN.article)),
      el("span", {}, span(s.first, s.last)),
      s.key_terms_display && s.key_terms_display.length ? el("span", { class: "key-terms" }, "كلمات: " + s.key_terms_display.slice(0, 6).join("، ")) : null)));
  const pages = Math.max(1, Math.ceil(data.total / data.per_page));
  const nav = (n) => { const pp = new URLSearchParams(p); pp.set("page", String(n)); return "#/?" + pp.toString(); };
  const pager = el("div", { class: "pager" },
    page > 1 ? el("a", { href: nav(page - 1) }, "→ السابق") : null,
    el("span", { class: "muted" }, "صفحة " + page + " من " + pages + " (" + countNoun(data.total, NOUN.story) + ")"),
    page < pages ? el("a", { href: nav(page + 1) }, "التالي ←") : null);
  show(el("h1", {}, "أحدث القصص"), form,
    cards.length ? el("section", { class: "stories" }, cards) : el("p", { class: "muted" }, "لا قصص."), pager);
}

// ------------------------------------------------------------------ story page
const KIND = { person: "شخص", organization: "جهة", place: "مكان" };

function token() { return localStorage.getItem("khabar-token") || ""; }

async function postCorrection(body, status) {
  const headers = { "Content-Type": "application/json" };
  if (token()) headers["Authorization"] = "Bearer " + token();
  try {
    const r = await api("/api/corrections", { method: "POST", headers, body: JSON.stringify(body) });
    status.replaceChildren(notice("تم التصحيح.", "ok"));
    if (r.story) location.hash = "#/story/" + r.story.id;
    else route();
  } catch (e) {
    status.replaceChildren(notice(e.message));
  }
}

function editorPanel(story, articles) {
  const status = el("div", {});
  const tok = el("input", { type: "password", placeholder: "رمز التحرير (إن لزم)", value: token() });
  tok.addEventListener("change", () => localStorage.setItem("khabar-token", tok.value));
  const article = el("select", { name: "article" }, articles.map((a) => el("option", { value: a.id }, a.source + " — " + a.title)));
  const to = el("input", { type: "number", min: "0", name: "to", placeholder: "رقم القصة", required: true });
  const move = el("form", { id: "move-form" }, "نقل المقال", article, "إلى القصة", to, el("button", { type: "submit" }, "نقل"));
  move.addEventListener("submit", (e) => { e.preventDefault(); postCorrection({ kind: "move", article: article.value, to: Number(to.value) }, status); });
  const other = el("input", { type: "number", min: "0", name: "b", placeholder: "رقم القصة", required: true });
  const merge = el("form", { id: "merge-form" }, "دمج القصة", other, "في هذه القصة", el("button", { type: "submit" }, "دمج"));
  merge.addEventListener("submit", (e) => { e.preventDefault(); postCorrection({ kind: "merge", a: story.id, b: Number(other.value) }, status); });
  return el("section", { class: "editor card" }, el("h3", {}, "تصحيحات المحرر"), tok, move, merge, status);
}

async function storyView(id) {
  show(el("p", { class: "muted" }, "جارٍ التحميل…"));
  let data;
  try { data = await api("/api/stories/" + encodeURIComponent(id)); } catch (e) { show(notice(e.message)); return; }
  const s = data.story, c = data.comparison, arts = data.articles;
  const sourceOf = {};
  for (const a of c.articles) sourceOf[a.id] = a.source;
  for (const a of arts) sourceOf[a.id] = a.source;
  const outlets = [...new Set(arts.map((a) => a.source))];

  const head = el("section", {},
    el("h1", {}, s.headline || "(بلا عنوان)"),
    el("div", { class: "meta" },
      el("span", {}, "قصة رقم " + s.id),
      el("span", {}, countNoun(s.article_count, NOUN.article) + " من " + countNoun(s.sources.length, NOUN.source, true)),
      el("span", {}, span(s.first, s.last))),
    chips(s.sources));

  const summary = c.summary && c.summary.length ? el("section", {}, el("h2", {}, "الخلاصة"),
    el("ul", {}, c.summary.map((l) => el("li", {}, l.text, " ", el("span", { class: "muted small" }, "(" + l.sources.join("، ") + ")"))))) : null;

  // Outlets side by side: their articles and what each alone reports.
  const columns = el("div", { class: "outlets" }, outlets.map((o) => {
    const mine = arts.filter((a) => a.source === o);
    const adds = [];
    for (const a of mine) for (const t of (c.unique[a.id] || [])) adds.push(t);
    return el("section", { class: "outlet", "data-source": o },
      el("h3", {}, o),
      el("ul", {}, mine.map((a) => el("li", {}, el("a", { href: "#/article/" + encodeURIComponent(a.id) }, a.title || a.id),
        a.duplicate_of ? el("span", { class: "muted small" }, " (نسخة من ", el("bdi", { dir: "ltr" }, a.duplicate_of), ")") : null))),
      el("h4", {}, "ما ينفرد به"),
      adds.length ? el("ul", { class: "unique" }, adds.map((t) => el("li", {}, t))) : el("p", { class: "muted small" }, "لا إضافات."));
  }));

  const shared = c.facts.filter((f) => f.sources.length > 1);
  const facts = el("section", { id: "facts" }, el("h2", {}, "الحقائق المشتركة"),
    shared.length ? el("table", {},
      el("thead", {}, el("tr", {}, el("th", {}, "الحقيقة كما روتها المصادر"), el("th", {}, "المصادر المؤيدة"))),
      el("tbody", {}, shared.map((f) => el("tr", { class: "fact" },
        el("td", { class: "fact-text" }, Object.entries(f.sentences).map(([aid, t]) => el("p", {}, el("span", { class: "src" }, (sourceOf[aid] || aid) + ":"), t))),
        el("td", {}, chips(f.sources), el("span", { class: "muted small" }, countNoun(f.independent_sources, NOUN.independentSource)))))))
      : el("p", { class: "muted" }, "لا حقائق مشتركة بين المصادر."));

  const conflicts = c.conflicts.length ? el("section", { id: "conflicts" }, el("h2", {}, "تعارضات"),
    c.conflicts.map((k) => el("div", { class: "card conflict" },
      el("h3", {}, "اختلاف في " + (k.about || k.kind)),
      el("ul", {}, k.versions.map((v) => el("li", {}, el("strong", {}, v.source + ": "), v.text, " — ", el("span", { class: "muted small" }, v.sentence))))))) : null;

  const quotes = c.quotes.length ? el("section", { id: "quotes" }, el("h2", {}, "الاقتباسات"),
    c.quotes.map((q) => el("div", { class: "card" },
      el("h3", {}, q.speaker + (q.anonymous ? " (مصدر مجهّل)" : "")),
      el("blockquote", {}, q.text),
      el("div", { class: "muted small" }, (q.paraphrase ? "نقل بالمعنى — " : "") + "ذكره: " + q.sources.join("، "))))) : null;

  const entities = c.entities.length ? el("section", { id: "entities" }, el("h2", {}, "الأسماء"),
    el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "الاسم"), el("th", {}, "النوع"), el("th", {}, "الصيغ"), el("th", {}, "المصادر"))),
      el("tbody", {}, c.entities.slice(0, 60).map((e) => el("tr", {},
        el("td", {}, e.name), el("td", {}, KIND[e.kind] || e.kind), el("td", {}, e.forms.join("، ")), el("td", {}, e.sources.join("، "))))))) : null;

  const citedRows = Object.entries(c.cited_sources || {}).filter(([, v]) => v.length);
  const cited = citedRows.length ? el("section", { id: "cited" }, el("h2", {}, "المصادر المستشهد بها"),
    el("ul", {}, citedRows.map(([aid, names]) => el("li", {}, el("strong", {}, (sourceOf[aid] || aid) + ": "), names.join("، "))))) : null;

  const timeline = el("section", { id: "timeline" }, el("h2", {}, "التسلسل الزمني"),
    el("ol", { class: "timeline" }, arts.map((a) => el("li", {},
      el("div", { class: "muted small" }, fmtTime(a.published)),
      el("strong", {}, a.source + ": "), el("a", { href: "#/article/" + encodeURIComponent(a.id) }, a.title || a.id)))));

  const note = data.compared < arts.length ? el("p", { class: "muted small" }, "قورن " + data.compared + " من " + countNoun(arts.length, NOUN.article, true) + ".") : null;
  show(head, summary, el("h2", {}, "المصادر جنباً إلى جنب"), columns, note, facts, conflicts, quotes, entities, cited, timeline, editorPanel(s, arts));
  document.title = (s.headline || "قصة") + " — خبر";
}

// ------------------------------------------------------------------ search
async function searchView(params) {
  const q = params.get("q") || "";
  const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  document.getElementById("search-q").value = q;
  if (!q.trim()) { show(el("h1", {}, "بحث"), el("p", { class: "muted" }, "اكتب كلمات البحث.")); return; }
  show(el("h1", {}, "نتائج البحث عن: ", el("q", {}, q)), el("p", { class: "muted" }, "جارٍ البحث…"));
  let data;
  try { data = await api("/api/search?" + new URLSearchParams({ q, page: String(page) }).toString()); } catch (e) { show(notice(e.message)); return; }
  const stories = data.stories.length ? el("section", {}, el("h2", {}, "القصص"),
    data.stories.map((s) => el("div", { class: "card" }, el("a", { href: "#/story/" + s.id }, s.headline),
      el("span", { class: "muted small" }, " — " + countNoun(s.article_count, NOUN.article) + "، " + countNoun(s.hits, NOUN.result))))) : null;
  const hits = el("section", { id: "hits" }, el("h2", {}, "المقالات (" + data.total + ")"),
    data.relaxed ? el("p", { class: "muted small" }, "لا مقال يحوي كل الكلمات؛ هذه أقرب النتائج.") : null,
    data.hits.map((h) => el("article", { class: "card hit" },
      el("h3", {}, el("a", { href: "#/article/" + encodeURIComponent(h.id) }, marked(h.title_highlight.html || ""))),
      el("div", { class: "meta" }, el("span", {}, h.source), el("span", {}, fmtTime(h.published_iso)),
        h.story ? el("a", { href: "#/story/" + h.story }, "القصة: " + (h.story_headline || h.story)) : null),
      el("p", { class: "snippet" }, marked(h.snippet.html || "")))));
  const pages = Math.max(1, Math.ceil(data.total / data.limit));
  const nav = (n) => "#/search?" + new URLSearchParams({ q, page: String(n) }).toString();
  const pager = el("div", { class: "pager" },
    page > 1 ? el("a", { href: nav(page - 1) }, "→ السابق") : null,
    el("span", { class: "muted" }, "صفحة " + page + " من " + pages),
    page < pages ? el("a", { href: nav(page + 1) }, "التالي ←") : null);
  show(el("h1", {}, "نتائج البحث عن: ", el("q", {}, q)), stories, hits, pager);
}

// ------------------------------------------------------------------ article page
const REASON = { read_also: "«اقرأ أيضاً»", follow_us: "دعوة للمتابعة", share_bar: "أزرار المشاركة", repeated_caption: "تعليق صورة مكرر", control_characters: "محارف تحكم" };

async function articleView(id) {
  show(el("p", { class: "muted" }, "جارٍ التحميل…"));
  let data;
  try { data = await api("/api/articles/" + encodeURIComponent(id)); } catch (e) { show(notice(e.message)); return; }
  const a = data.article;
  const fields = el("dl", { class: "fields" },
    el("dt", {}, "المعرّف"), el("dd", {}, a.id),
    el("dt", {}, "المصدر"), el("dd", {}, a.source),
    el("dt", {}, "التاريخ"), el("dd", {}, a.published ? fmtTime(a.published.iso) + " (" + a.published.raw + ")" : "بلا تاريخ"),
    el("dt", {}, "الرابط"), el("dd", {}, a.url ? el("a", { href: /^https?:\/\//i.test(a.url) ? a.url : null, rel: "noopener noreferrer" }, a.url) : "—"),
    el("dt", {}, "القصة"), el("dd", {}, data.story !== null && data.story !== undefined ? el("a", { href: "#/story/" + data.story }, data.story_headline || String(data.story)) : "—"),
    el("dt", {}, "نسخة من"), el("dd", {}, data.duplicate_of ? el("a", { href: "#/article/" + encodeURIComponent(data.duplicate_of), dir: "ltr" }, data.duplicate_of) : "—"));
  const removed = el("section", { id: "removed" }, el("h2", {}, "ما أزاله التنظيف"),
    a.removed.length ? el("ul", { class: "removed" }, a.removed.map((r) => el("li", {},
      el("strong", {}, (REASON[r.reason] || r.reason) + " (سطر " + r.line + "): "), r.text))) : el("p", { class: "muted" }, "لم يُحذف شيء."));
  const why = data.why ? el("details", {}, el("summary", {}, "لماذا هذه القصة؟"),
    el("ul", {},
      el("li", {}, "الاحتمال: " + Number(data.why.score).toFixed(2)),
      data.why.shared_names_display && data.why.shared_names_display.length ? el("li", { class: "shared-names" }, "أسماء مشتركة: " + data.why.shared_names_display.join("، ")) : null,
      data.why.shared_terms_display && data.why.shared_terms_display.length ? el("li", { class: "shared-terms" }, "كلمات مشتركة: " + data.why.shared_terms_display.join("، ")) : null,
      data.why.runner_up ? el("li", {}, "القصة التالية في الترتيب: ", el("a", { href: "#/story/" + data.why.runner_up[0] }, String(data.why.runner_up[0])), " (" + Number(data.why.runner_up[1]).toFixed(2) + ")") : null)) : null;
  show(el("h1", {}, a.title || a.id), fields, why,
    el("h2", {}, "النص بعد التنظيف"), el("div", { class: "text", id: "clean-text" }, a.text),
    removed,
    el("details", {}, el("summary", {}, "النص الأصلي"), el("div", { class: "text" }, a.original)));
  document.title = (a.title || a.id) + " — خبر";
}

// ------------------------------------------------------------------ router
function route() {
  const h = location.hash.replace(/^#/, "") || "/";
  const [path, qs] = h.split("?");
  const params = new URLSearchParams(qs || "");
  let m;
  if ((m = path.match(/^\/story\/(.+)$/))) return storyView(decodeURIComponent(m[1]));
  if ((m = path.match(/^\/article\/(.+)$/))) return articleView(decodeURIComponent(m[1]));
  if (path === "/search") return searchView(params);
  document.title = "خبر — القصص الإخبارية";
  return listView(params);
}

window.addEventListener("hashchange", route);
document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = document.getElementById("search-q").value.trim();
    location.hash = "#/search?" + new URLSearchParams({ q }).toString();
  });
  route();
});
