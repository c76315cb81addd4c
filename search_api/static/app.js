// mou-search page: search box, results with the answer sentence and query terms marked,
// and a document view that scrolls to the passage. All text from the API is untrusted: it is
// only ever inserted with textContent / createTextNode, never as HTML.
"use strict";

(function () {
  const K = 10;
  const LANG_LABEL = { th: "ไทย · Thai", en: "อังกฤษ · English" };
  const params = () => new URLSearchParams(location.search);
  const embed = params().get("embed") === "1";
  const $ = (id) => document.getElementById(id);
  let controller = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v; else node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function status(text, isError) {
    const s = $("status");
    s.textContent = text;
    s.classList.toggle("error", !!isError);
  }

  // -- dates: Gregorian, plus the Buddhist Era year (+543) for Thai documents ----------------
  const TH_MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];
  function formatDate(iso, lang) {
    if (!iso) return "ไม่ระบุวันที่ · undated";
    const [y, m, d] = iso.split("-").map(Number);
    let out = iso;
    if (lang === "th") {
      const be = (d ? d + " " : "") + (m ? TH_MONTHS[m - 1] + " " : "") + "พ.ศ. " + (y + 543);
      out += " (" + be + ")";
    }
    return out;
  }

  function safeUrl(url) {
    try {
      const u = new URL(url);
      return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
    } catch (e) { return null; }
  }

  function docHref(hit, q) {
    const path = hit.doc_id.split("/").map(encodeURIComponent).join("/");
    const p = new URLSearchParams({ q: q, s: hit.doc_start, e: hit.doc_end,
      a: (hit.doc_start + (hit.answer_span || hit.answer).start) + "-" +
         (hit.doc_start + (hit.answer_span || hit.answer).end) });
    return "/doc/" + path + "?" + p.toString() + "#passage";
  }

  // Split text at every boundary of the answer span, its sentence and the term spans; mark each
  // piece: the span strongly ("answer"), the rest of its sentence lightly ("context").
  function markedText(text, answer, terms, context) {
    const cuts = new Set([0, text.length]);
    const spans = (terms || []).filter((h) => h.end > h.start && h.end <= text.length);
    const valid = (m) => m && m.end > m.start && m.end <= text.length;
    if (!valid(answer)) answer = null;
    if (!valid(context)) context = null;
    for (const m of [answer, context]) if (m) { cuts.add(m.start); cuts.add(m.end); }
    for (const h of spans) { cuts.add(h.start); cuts.add(h.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    let mark = null, markClass = null;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const isTerm = spans.some((h) => h.start <= a && b <= h.end);
      const inside = (m) => m && m.start <= a && b <= m.end;
      const cls = inside(answer) ? "answer" : inside(context) ? "context" : null;
      const node = isTerm ? el("mark", { class: "term" }, piece) : document.createTextNode(piece);
      if (cls) {
        if (cls !== markClass) { mark = el("mark", { class: cls }); markClass = cls; frag.append(mark); }
        mark.append(node);
      } else {
        mark = null; markClass = null;
        frag.append(node);
      }
    }
    return frag;
  }

  const CONFIDENCE_LABEL = {
    high: "คำตอบน่าเชื่อถือสูง · Answer confidence: high",
    medium: "คำตอบน่าเชื่อถือปานกลาง · Answer confidence: medium — check the marked passage",
    low: "ไม่พบข้อความที่ตอบคำถามได้ชัดเจน · No passage clearly answers this question; the closest passages follow, nothing is marked as the answer",
  };

  // -- search ---------------------------------------------------------------------------------
  function readForm() {
    const f = $("search");
    return { q: f.q.value.trim(), lang: f.lang.value, from: f.from.value.trim(), to: f.to.value.trim(),
             party: f.party.value.trim() };
  }

  function fillForm(p) {
    const f = $("search");
    f.q.value = p.get("q") || "";
    f.lang.value = p.get("lang") || "";
    f.from.value = p.get("from") || "";
    f.to.value = p.get("to") || "";
    f.party.value = p.get("party") || "";
    if (f.lang.value || f.from.value || f.to.value || f.party.value) $("filters-box").open = true;
  }

  function pageUrl(state, page) {
    const p = new URLSearchParams();
    for (const key of ["q", "lang", "from", "to", "party"]) if (state[key]) p.set(key, state[key]);
    if (page > 1) p.set("page", page);
    if (embed) p.set("embed", "1");
    return "/?" + p.toString();
  }

  async function search(p) {
    const q = (p.get("q") || "").trim();
    $("results").replaceChildren();
    $("pager").replaceChildren();
    if (!q) { status(""); return; }
    const page = Math.max(1, parseInt(p.get("page") || "1", 10) || 1);
    const api = new URLSearchParams({ q: q, k: K, offset: (page - 1) * K });
    if (p.get("lang")) api.set("lang", p.get("lang"));
    if (p.get("from")) api.set("date_from", p.get("from"));
    if (p.get("to")) api.set("date_to", p.get("to"));
    if (p.get("party")) api.set("party", p.get("party"));
    document.title = q + " · ค้นหา MoU search";
    status("กำลังค้นหา… · Searching…");
    if (controller) controller.abort();
    controller = new AbortController();
    let body;
    try {
      const r = await fetch("/api/search?" + api.toString(), { signal: controller.signal });
      body = await r.json();
      if (!r.ok) { status((body && body.message) || ("HTTP " + r.status), true); return; }
    } catch (e) {
      if (e.name !== "AbortError") status("ค้นหาไม่สำเร็จ · Search failed: " + e.message, true);
      return;
    }
    renderResults(body, q, p, page);
  }

  function renderResults(body, q, p, page) {
    const list = $("results");
    if (!body.hits.length) {
      status("ไม่พบผลลัพธ์ · No results" + (page > 1 ? "" : " — ลองใช้คำอื่นหรือลบตัวกรอง · try other words or fewer filters"));
      return;
    }
    const first = body.offset + 1, last = body.offset + body.hits.length;
    status(`ผลลัพธ์ ${first}–${last} จาก ${body.total} · Results ${first}–${last} of ${body.total} (${Math.round(body.took_ms)} ms)`);
    if (body.answer_confidence) {
      list.append(el("p", { class: "confidence " + body.answer_confidence, role: "note" },
                     CONFIDENCE_LABEL[body.answer_confidence] || body.answer_confidence));
    }
    for (const hit of body.hits) {
      const link = el("a", { href: docHref(hit, q), target: embed ? "_blank" : null,
                             rel: embed ? "noopener" : null }, hit.title || hit.doc_id);
      const source = safeUrl(hit.source);
      const meta = el("p", { class: "meta" },
        el("span", { class: "date" }, formatDate(hit.date, hit.lang)),
        el("span", { class: "lang" }, LANG_LABEL[hit.lang] || hit.lang),
        source ? el("a", { href: source, rel: "noopener noreferrer", target: "_blank", class: "source" },
                    "ต้นฉบับ · Source") : null,
        el("span", { class: "docid" }, hit.doc_id),
        hit.confidence == null ? null : el("span", { class: "hit-confidence",
          title: "probability that this passage holds the answer · ความน่าจะเป็นที่ข้อความนี้มีคำตอบ" },
          "ความมั่นใจ · confidence " + Math.round(hit.confidence * 100) + "%"));
      // with learned models: the span marked inside its sentence, nothing when it is a guess;
      // without them: the sentence, as before
      const span = hit.confidence == null ? hit.answer : hit.answer_span;
      const passage = el("p", { class: "passage", lang: hit.lang || null },
                         markedText(hit.text, span, hit.highlights, span ? hit.answer : null));
      const dups = (hit.duplicates || []).length ? el("p", { class: "duplicates" },
        `ข่าวเดียวกันอีก ${hit.duplicates.length} ฉบับ · Also released as: `,
        ...hit.duplicates.flatMap((d, n) => [n ? ", " : "", el("a", {
          href: "/doc/" + d.split("/").map(encodeURIComponent).join("/") + "?" + new URLSearchParams({ q: q }),
          target: embed ? "_blank" : null }, d)])) : null;
      list.append(el("article", { class: "hit", "data-rank": hit.rank }, el("h2", {}, link), meta, passage, dups));
    }
    const pager = $("pager");
    const state = { q: q, lang: p.get("lang"), from: p.get("from"), to: p.get("to"), party: p.get("party") };
    if (page > 1) pager.append(el("a", { href: pageUrl(state, page - 1), "data-nav": "1" }, "← ก่อนหน้า · Previous"));
    if (last < body.total) pager.append(el("a", { href: pageUrl(state, page + 1), "data-nav": "1" }, "ถัดไป · Next →"));
  }

  // -- document view --------------------------------------------------------------------------
  async function showDocument(docId, p) {
    const view = $("document");
    view.hidden = false;
    $("results").replaceChildren();
    $("pager").replaceChildren();
    status("กำลังเปิดเอกสาร… · Opening the document…");
    const path = docId.split("/").map(encodeURIComponent).join("/");
    let doc;
    try {
      const r = await fetch("/api/documents/" + path);
      doc = await r.json();
      if (!r.ok) { status((doc && doc.message) || ("HTTP " + r.status), true); return; }
    } catch (e) { status("เปิดเอกสารไม่สำเร็จ · Could not open the document: " + e.message, true); return; }
    status("");
    document.title = doc.title + " · MoU search";
    const q = p.get("q") || "";
    const back = q ? el("a", { href: pageUrl({ q: q }, 1), class: "back" }, "← กลับไปที่ผลการค้นหา · Back to results") : null;
    const source = safeUrl(doc.source);
    const meta = el("p", { class: "meta" },
      el("span", {}, formatDate(doc.date, doc.lang)), el("span", {}, LANG_LABEL[doc.lang] || doc.lang),
      doc.parties.length ? el("span", {}, doc.parties.join(", ")) : null,
      source ? el("a", { href: source, rel: "noopener noreferrer", target: "_blank" }, "ต้นฉบับ · Source") : null);
    const text = el("div", { class: "doctext", lang: doc.lang || null });
    const s = parseInt(p.get("s"), 10), e = parseInt(p.get("e"), 10);
    const [as, ae] = (p.get("a") || "").split("-").map((x) => parseInt(x, 10));
    let target = null;
    if (Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s < e && e <= doc.text.length) {
      const answer = Number.isInteger(as) && s <= as && as < ae && ae <= e ? { start: as - s, end: ae - s } : null;
      target = el("mark", { class: "passage", id: "passage", tabindex: "-1" },
                  markedText(doc.text.slice(s, e), answer, []));
      text.append(doc.text.slice(0, s), target, doc.text.slice(e));
    } else {
      text.append(doc.text);
    }
    view.replaceChildren(back || "", el("h1", {}, doc.title), meta, text);
    (target || view).scrollIntoView({ block: "center" });
    (target || view).focus({ preventScroll: true });
  }

  // -- routing: the URL carries the query; back and forward work --------------------------------
  function route() {
    const p = params();
    fillForm(p);
    const docPrefix = "/doc/";
    if (location.pathname.startsWith(docPrefix)) {
      const id = location.pathname.slice(docPrefix.length).split("/").map(decodeURIComponent).join("/");
      showDocument(id, p);
    } else {
      $("document").hidden = true;
      $("document").replaceChildren();
      search(p);
    }
  }

  function navigate(url) {
    history.pushState(null, "", url);
    route();
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (embed) document.body.classList.add("embed");
    $("search").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const state = readForm();
      if (!state.q) { status("พิมพ์คำถามหรือคำค้น · Type a question or keywords", true); $("q").focus(); return; }
      navigate(pageUrl(state, 1));
    });
    document.addEventListener("click", (ev) => {
      const a = ev.target.closest("a[data-nav]");
      if (a && !ev.metaKey && !ev.ctrlKey && !ev.shiftKey) { ev.preventDefault(); navigate(a.getAttribute("href")); }
    });
    document.addEventListener("keydown", (ev) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (ev.key === "/" && !typing) { ev.preventDefault(); $("q").focus(); $("q").select(); }
    });
    window.addEventListener("popstate", route);
    route();
    if (!location.pathname.startsWith("/doc/") && !params().get("q")) $("q").focus();
  });
})();
