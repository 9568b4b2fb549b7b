// search-test.js SITE NAME [queries...] — search exactness: for each
// query, the pages search.js returns (run in node over the shards ybt
// wrote) must equal the pages whose text contains the query, found by
// a plain substring scan of the HTML pages written independently here.
// Prints "ok NAME ..." or "FAIL NAME: ..." with recall and precision.
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");
const [site, name, ...extra] = process.argv.slice(2);

// Reference text of a page: its <main>, minus <svg>/<aside>/<script>/<style>;
// block tags break lines; entities decoded; whitespace collapsed.
const BLOCK = new Set(("address article aside blockquote br caption dd details div dl dt figcaption " +
  "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody " +
  "td tfoot th thead tr ul").split(" "));
function pageText(html) {
  const m = /<main[^>]*>([\s\S]*)<\/main>/.exec(html);
  let t = m ? m[1] : "";
  t = t.replace(/<(svg|aside|script|style)\b[\s\S]*?<\/\1>/gi, "");
  t = t.replace(/<\/?([a-zA-Z0-9]+)[^>]*>/g, (_, n) => BLOCK.has(n.toLowerCase()) ? "\n" : "");
  t = t.replace(/[ \t\r\n]/g, c => c === "\n" ? "\n" : " ")
  t = t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'")
       .replace(/&nbsp;/g, " ").replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(+d)).replace(/&amp;/g, "&");
  return t.split(/\n/).map(l => l.replace(/ +/g, " ").trim()).filter(l => l).join("\n")
          .replace(/[\n ]*\n[\n ]*/g, "\n");
}
const lower = s => s.replace(/[A-Z]/g, c => c.toLowerCase());
const docs = [];
for (const dir of ["guide", "matter", "office"]) {
  const d = path.join(site, dir);
  if (!fs.existsSync(d)) continue;
  // office/ID.2.html, …: the further pages of an office's matters
  // (doc/portal.md), lists only, not searched
  for (const f of fs.readdirSync(d).sort())
    if (f.endsWith(".html") && !/\.\d+\.html$/.test(f)) {
      const html = fs.readFileSync(path.join(d, f), "utf8"), text = lower(pageText(html));
      // The title is the <h1>; synonyms stand in the line "又称：a、b".
      const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html), aka = /^又称：(.*)$/m.exec(text);
      docs.push({ url: dir + "/" + f, text, title: h1 ? lower(pageText("<main>" + h1[1] + "</main>")) : "",
        aka: aka ? aka[1].split("、") : [] });
    }
}

// search.js in a sandbox whose loader reads the shards synchronously.
const ctx = { console };
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(path.join(site, "assets/search.js"), "utf8") + "\nthis.ybtSearch = ybtSearch;", ctx);
// Keys too big to share a shard are files of their own (k*.js): the
// queries must load some where the site has them.
let nOwn = 0, nOwnMissing = 0, nRefFiles = 0;
const hasOwn = fs.readdirSync(path.join(site, "search")).some(f => /^k[0-9a-f-]+\.js$/.test(f));
// The title shards a query asks for before its answer (check), loaded
// before or not.
let tAsked = null;
ctx.ybtSearch.asked = function (n) {
  if (tAsked && /^t\d+$/.test(n)) tAsked.add(+n.slice(1));
};
ctx.ybtSearch.load = function (n) {
  const f = path.join(site, "search", n + ".js");
  // search.js asks for a query's own key file before it knows there
  // is one: count those that are there.
  if (fs.existsSync(f)) {
    const js = fs.readFileSync(f, "utf8");
    if (n[0] === "k") nOwn++;
    // a frequent string's file naming the big one it refers to
    if (/^ybtSearch\.key\("[^"]*","=/.test(js)) nRefFiles++;
    vm.runInContext(js, ctx);
  } else if (n[0] === "k") {
    nOwnMissing++;
    ctx.ybtSearch.key(n.slice(1), "");	// missing: empty, as the page's loader has it
  }
};
vm.runInContext(fs.readFileSync(path.join(site, "search/meta.js"), "utf8"), ctx);
// The title shards, read on their own: the page shows a result's title
// and link from there before its text arrives, so they must be the
// text shard's (checked for every result below).
// The files of search/ whose names match re, run in context ctx.
function runShards(re, ctx) {
  for (const f of fs.readdirSync(path.join(site, "search")))
    if (re.test(f)) vm.runInContext(fs.readFileSync(path.join(site, "search", f), "utf8"), ctx);
}
const tctx = { ybtSearch: { meta(m) { tctx.per = m.titles; }, titles(k, a) { tctx.t[k] = a; } }, t: {} };
vm.createContext(tctx);
vm.runInContext(fs.readFileSync(path.join(site, "search/meta.js"), "utf8"), tctx);
runShards(/^t\d+\.js$/, tctx);
function titleOf(id) { const a = tctx.t[Math.floor(id / tctx.per)]; return a ? a[id % tctx.per] : undefined; }

let queries = ["出生", "上户口", "生孩子", "营业执照", "餐饮", "12345", "9:00", "证", "办", "身份证",
  "免提交", "承诺件", "工作日", "医保", "户口", "不动产", "退休", "结婚", "电子证照", "全程网办",
  "地铁", "母婴室", "ZZQ不存在的词", "窗口", "A", "020", "17:30", "原件及复印件",
  // past 8 characters, every piece of 8 frequent in generated editions
  // (unbounded before FREQ_MAX 200: 1,355 to 5,807 lines at N=10000)
  "（江滨区受理点3）", "（临港区受理点25）", "迁入户口（投靠）（临港区受理点25）", "东城区政务服务中心",
  "复印件应当使用A4规格纸"].concat(extra);
// Plus substrings cut from the pages themselves at fixed places.
for (let i = 0; i < docs.length && i < 40; i += 3) {
  const cps = Array.from(docs[i].text.replace(/\n/g, ""));
  if (cps.length > 20) queries.push(cps.slice(7 + i % 11, 7 + i % 11 + 2 + i % 5).join(""));
}
let nCross = 0, nApart = 0;
// Queries across a line break (the last characters of one line and the
// first of the next): a page's lines are separate fields, so these must
// match only where the same characters also stand together in one line.
for (let i = 0; i < docs.length && i < 60; i += 5) {
  const ls = docs[i].text.split("\n").filter(l => l.length > 3);
  if (ls.length > 2) {
    const a = Array.from(ls[1]), b = Array.from(ls[2]);
    queries.push(a.slice(-2).join("") + b.slice(0, 2).join("")); nCross++;
  }
}
// Queries whose bigrams all occur in the edition but never together:
// two bigrams of two different pages that meet nowhere, joined.
const bigrams = new Set(), bgPages = [];
for (const d of docs.slice(0, 60)) {
  for (const l of d.text.split("\n")) {
    const c = Array.from(l);
    for (let j = 0; j + 1 < c.length; j++) if (c[j] !== " " && c[j + 1] !== " ") bigrams.add(c[j] + c[j + 1]);
  }
}
const bgList = [...bigrams].sort();
for (let i = 0, made = 0; made < 8 && i + 1 < bgList.length; i += 7) {
  const q = bgList[i] + bgList[(i * 7 + 13) % bgList.length];
  // Its middle bigram must occur too, and the whole must occur nowhere.
  if (!bigrams.has(q[1] + q[2]) && Array.from(q).length === 4) continue;
  if (docs.some(d => d.text.includes(q))) continue;
  queries.push(q); made++; nApart++;
}
// One-character queries taken from the pages, Latin case folding (an upper
// case query finds lower case text), and digit strings.
for (let i = 0; i < docs.length && i < 50; i += 7) {
  const cps = Array.from(docs[i].text.replace(/\s/g, ""));
  if (cps.length > 30) queries.push(cps[11 + i % 17]);
  const lat = /[a-z]{2,}/.exec(docs[i].text);
  if (lat) queries.push(lat[0].toUpperCase(), lat[0][0].toUpperCase() + lat[0].slice(1));
  const dig = /[0-9]{2,}/.exec(docs[i].text);
  if (dig) queries.push(dig[0]);
}
queries.push("Zzq", "ZZQ", "WWW", "0", "1", "9", "00");
// Names every JavaScript object has: a key's lookup must not find them.
queries.push("constructor", "toString", "__proto__", "hasOwnProperty");
// A character twice or more in a row (hits must not overlap: "00" is
// in "000" once).
for (let i = 0, made = 0; i < docs.length && made < 6; i++) {
  const m = /([^\s])\1+/u.exec(docs[i].text);
  if (m && !queries.includes(m[0])) { queries.push(m[0], m[1] + m[1]); made++; }
}
// Strings of 3 to 8 characters cut from the pages, and the same with
// the last character taken from another page (near misses: their
// bigrams occur, often together): the bound on the lines checked.
for (let i = 0; i < docs.length && i < 400; i += 13) {
  const ls = docs[i].text.split("\n").filter(l => Array.from(l).length > 12);
  if (!ls.length) continue;
  const c = Array.from(ls[i % ls.length]), n = 3 + i % 6, at = i % (c.length - n);
  const other = Array.from(docs[(i * 7 + 5) % docs.length].text.replace(/\s/g, ""));
  queries.push(c.slice(at, at + n).join(""),
    c.slice(at, at + n - 1).join("") + (other[i % Math.max(1, other.length)] || "x"));
  if (i % 3 === 0)	// longer than 8, and the same with its last character changed
    queries.push(c.slice(0, 12).join(""), c.slice(0, 11).join("") + (other[i % Math.max(1, other.length)] || "x"));
}
// Long queries, the case frequent strings past 8 characters bound
// (doc/portal.md, "Bounds"): matter titles whole and their last part
// in parentheses (the office: "（江滨区受理点3）"), and whole lines of the
// texts of 9 to 60 characters (boilerplate sentences among them).
for (let i = 0, made = 0; i < docs.length && made < 40; i += 11) {
  const d = docs[i], t = d.title;
  if (!d.url.startsWith("matter/") || Array.from(t).length < 9) continue;
  const par = /（[^（）]*）$/.exec(t);
  queries.push(t);
  if (par) queries.push(par[0]);
  made++;
}
for (let i = 0, made = 0; i < docs.length && made < 40; i += 17) {
  const ls = docs[i].text.split("\n").filter(l => Array.from(l).length > 8 && Array.from(l).length <= 60);
  if (ls.length) { queries.push(ls[i % ls.length]); made++; }
}
// And the ends of long lines, 20 to 40 characters (a sentence every
// office's line ends with: frequent past 16 characters).
for (let i = 0, made = 0; i < docs.length && made < 30; i += 7) {
  const ls = docs[i].text.split("\n").filter(l => Array.from(l).length > 44);
  if (!ls.length) continue;
  const c = Array.from(ls[i % ls.length]), n = 20 + i % 21;
  queries.push(c.slice(c.length - n).join(""));
  made++;
}
// Sentences of 40 to 150 characters cut from long lines (across the
// boilerplate's sentences: frequent, or in few lines though every
// piece of 8 is frequent), and such lines whole, up to 200: past 9
// characters the shards come in stages (search.js, stage).
for (let i = 0, made = 0; i < docs.length && made < 30; i += 13) {
  const ls = docs[i].text.split("\n").filter(l => Array.from(l).length > 60);
  if (!ls.length) continue;
  const c = Array.from(ls[i % ls.length]), n = Math.min(c.length - 1, 40 + i % 111), at = i % (c.length - n);
  if (c.length <= 200) queries.push(c.join(""));
  queries.push(c.slice(at, at + n).join(""));
  made++;
}
// Distinct lines of the texts and of the titles and synonyms, counted
// apart as the index counts them: a string more than 32 of them hold
// is frequent (doc/portal.md, "Frequent strings").
const textLines = [...new Set(docs.flatMap(d => d.text.split("\n")))];
const titleLines = [...new Set(docs.flatMap(d => [d.title, ...d.aka]).filter(t => t))];
function linesHolding(w) {
  let n = 0;
  for (const l of textLines) if (l.includes(w)) n++;
  for (const l of titleLines) if (l.includes(w)) n++;
  return n;
}
queries = [...new Set(queries)].filter(q => q.trim());
const KIND = { guide: "一件事", matter: "事项", office: "办理地点" };
function hits(t, q) {
  let n = 0;
  for (let p = t.indexOf(q); p >= 0; p = t.indexOf(q, p + q.length)) n++;
  return n;
}
// search.js's FREQ_MAX (search_freq.c's): past it, a query whose every
// substring of FREQ_MAX characters is frequent may check more lines.
const FREQ_MAX = 200;
let tp = 0, fp = 0, fn = 0, bad = [], nonEmpty = 0, nChecked = 0, mostLong = 0, nLong = 0, nUnbounded = 0, nJoined = 0, nChained = 0;
let nFirst = 0, nAhead = 0, nLate = 0, nAskedMore = 0;
const nStage = [0, 0, 0, 0];
const unboundedQueries = [];
function check(q) {
  const nq = ctx.ybtSearch.normalize(q);
  const want = new Set(docs.filter(d => d.text.includes(nq)).map(d => d.url));
  let got = null, first = null;
  tAsked = new Set();
  ctx.ybtSearch.query(q, r => { got = r; }, f => {
    if (got !== null) bad.push(q + ": first page after the whole list");
    first = f;
  });
  const asked = tAsked;
  tAsked = null;
  if (got === null) { bad.push(q + ": no synchronous answer"); return; }
  // A first page through lines shows its titles from title shards:
  // those asked for with the lines (search.js, maybe, and a key of
  // lines' hint: search_post.c, search_hint), or a round of files
  // later.
  if (first === null && got.length && ctx.ybtSearch.checked > 0) {
    const need = new Set(got.slice(0, ctx.ybtSearch.PAGE).map(r => Math.floor(r.id / tctx.per)));
    if ([...need].every(t => asked.has(t))) nAhead++;
    else nLate++;
    nAskedMore += [...asked].filter(t => !need.has(t)).length;
  }
  // A query checks at most 32 lines (FREQ_LINES: doc/portal.md,
  // "Bounds") unless it is longer than FREQ_MAX characters and every
  // substring of FREQ_MAX is frequent, which is checked here against
  // the lines.
  const nc = Array.from(nq).length, checked = ctx.ybtSearch.checked;
  if (checked > 0) nChecked++;
  if (nc > 8) nLong++;
  // past 9 characters the shards come in stages (search.js, stage)
  if (nc > 9) nStage[ctx.ybtSearch.stage]++;
  if (ctx.ybtSearch.chained) nChained++;
  if (checked > 32 && !(nc > FREQ_MAX && ctx.ybtSearch.unbounded)) bad.push(q + ": " + checked + " lines checked");
  if (ctx.ybtSearch.unbounded && nc <= FREQ_MAX) bad.push(q + ": unbounded at " + nc + " characters");
  if (nc > FREQ_MAX && ctx.ybtSearch.unbounded) {
    nUnbounded++;
    mostLong = Math.max(mostLong, checked);
    const c = Array.from(nq);
    for (let j = 0; j + FREQ_MAX <= c.length; j++) {
      const w = c.slice(j, j + FREQ_MAX).join("");
      if (linesHolding(w) <= 32) { bad.push(q + ": unbounded, but " + w + " is not frequent"); break; }
    }
  }
  // The case that was unbounded before (every substring of 8
  // characters frequent): it must be bounded now.
  if (nc > 8 && nc <= FREQ_MAX && !ctx.ybtSearch.unbounded) {
    const c = Array.from(nq);
    let all = true;
    for (let j = 0; j + 8 <= c.length && all; j++) all = linesHolding(c.slice(j, j + 8).join("")) > 32;
    if (all) { unboundedQueries.push(nq); mostLong = Math.max(mostLong, checked); }
  }
  // The whole list, paged through as the search page shows it.
  for (let from = 0; from < got.length; from += ctx.ybtSearch.PAGE) {
    let part = null;
    ctx.ybtSearch.page(got, from, q, p => { part = p; });
    if (part === null || part.length !== Math.min(ctx.ybtSearch.PAGE, got.length - from)) {
      bad.push(q + ": page from " + from + " not answered"); break;
    }
  }
  // A big key's file has the count and the first page, shown before
  // the whole list is made: they must be the whole list's.
  if (first !== null) {
    nFirst++;
    if (first.n !== got.length) bad.push(q + ": first page says " + first.n + " results, not " + got.length);
    if (first.top.length !== Math.min(ctx.ybtSearch.PAGE, got.length))
      bad.push(q + ": first page of " + first.top.length + " results");
    first.top.forEach((f, i) => {
      const r = got[i] || {};
      for (const k of ["id", "url", "title", "kind", "inTitle", "hits"])
        if (f[k] !== r[k]) { bad.push(q + ": result " + i + " of the first page has " + k + " " + f[k] + ", not " + r[k]); break; }
    });
  }
  const gotSet = new Set(got.map(r => r.url));
  if (gotSet.size !== got.length) bad.push(q + ": a page listed twice or without its URL");
  if (want.size) nonEmpty++;
  for (const u of gotSet) (want.has(u) ? tp++ : (fp++, bad.push(q + ": extra " + u)));
  for (const u of want) if (!gotSet.has(u)) { fn++; bad.push(q + ": missed " + u); }
  // Ranking: title hits first, then by kind, then by the number of hits
  // (occurrences that do not overlap, counted here), then in page order.
  const byUrl = new Map(docs.map(d => [d.url, d]));
  let seenBody = false;
  got.forEach((r, i) => {
    if (!r.inTitle) seenBody = true; else if (seenBody) bad.push(q + ": title hit after body hit");
    const t = titleOf(r.id);
    if (!t || t[0] !== r.title || t[2] !== r.url) bad.push(q + ": title shard says " + JSON.stringify(t) + " for " + r.url);
    const d = byUrl.get(r.url);
    if (!d) return;
    if (r.kind !== KIND[d.url.split("/")[0]]) bad.push(q + ": kind " + r.kind + " of " + r.url);
    if (r.inTitle !== (d.title.includes(nq) || d.aka.some(a => a.includes(nq))))
      bad.push(q + ": title hit " + r.inTitle + " for " + r.url);
    if (r.hits !== hits(d.text, nq)) bad.push(q + ": " + r.hits + " hits in " + r.url + ", not " + hits(d.text, nq));
    const p = got[i - 1];
    if (p && p.inTitle === r.inTitle && p.kind === r.kind && p.hits < r.hits)
      bad.push(q + ": " + r.url + " (" + r.hits + " hits) after " + p.url + " (" + p.hits + ")");
  });
}
queries.forEach(check);
// Two boilerplate queries joined (queries past 8 characters whose every
// piece of 8 is frequent): those across the join seldom are, and no
// line may hold the whole.
for (let i = 0; i + 1 < unboundedQueries.length && i < 6; i++) {
  const q = unboundedQueries[i] + unboundedQueries[i + 1];
  if (!queries.includes(q)) { queries.push(q); nJoined++; check(q); }
}
// And one changed in one character so that all its bigrams stay in
// more than 32 lines but the whole stands nowhere (（江滨区受理点4）): a
// piece of 8 characters is not frequent, no line holds it, and nothing
// may be checked.
const bigramLines = new Map();
for (const l of textLines) {
  const c = Array.from(l), seen = new Set();
  for (let j = 0; j + 1 < c.length; j++) seen.add(c[j] + c[j + 1]);
  for (const b of seen) bigramLines.set(b, (bigramLines.get(b) || 0) + 1);
}
let nChanged = 0;
for (const u of unboundedQueries.slice(0, 6)) {
  const c = Array.from(u);
  search: for (let p = c.length - 1; p >= c.length - 5 && p > 0; p--)
    for (const x of new Set([..."0123456789", ...c])) {
      if (x === c[p]) continue;
      const d = c.slice(); d[p] = x;
      const q = d.join("");
      let ok = true;
      for (let j = 0; j + 1 < d.length && ok; j++) ok = (bigramLines.get(d[j] + d[j + 1]) || 0) > 32;
      if (!ok || queries.includes(q) || docs.some(e => e.text.includes(q))) continue;
      queries.push(q); nChanged++; check(q);
      break search;
    }
}
// A string that no key holds but many pages do has a file of its own
// (search_hot.c): its lines' value, count and first page. Twenty of
// them, spread over their names, are queries too: the count and first
// page from the file must be the whole list's (check), and the whole
// list must be exact.
let nHot = 0, nHotFiles = 0, nLongFiles = 0;
{
  const hot = [], long = [];
  for (const f of fs.readdirSync(path.join(site, "search")).sort()) {
    if (!/^k[0-9a-f-]+\.js$/.test(f) && !/^kh[0-9a-f]{16}\.js$/.test(f)) continue;
    const head = fs.readFileSync(path.join(site, "search", f), "utf8").slice(0, 1500);
    const m = head.match(/^ybtSearch\.key\("[0-9a-f-]+","([!|])/);
    if (m) hot.push(f.slice(1, -3).split("-").map(h => String.fromCodePoint(parseInt(h, 16))).join(""));
    // a sentence's: "~" and the string, named by its hash (search.js longFile)
    const l = head.match(/^ybtSearch\.key\("(h[0-9a-f]{16})","~((?:[^"\\]|\\.)*)"/);
    if (l) {
      const q = JSON.parse('"' + l[2] + '"');
      if (ctx.ybtSearch.longFile(q) !== "k" + l[1]) bad.push(`${f} holds ${JSON.stringify(q)}, whose file is ${ctx.ybtSearch.longFile(q)}`);
      long.push(q);
    }
  }
  nHotFiles = hot.length;
  nLongFiles = long.length;
  for (const [list, most] of [[hot, 20], [long, 20]])
  for (let i = 0; i < Math.min(most, list.length); i++) {
    const q = list[Math.floor(i * list.length / Math.min(most, list.length))];
    const before = nFirst;
    if (queries.includes(q)) continue;
    queries.push(q);
    check(q);
    if (nFirst === before) bad.push(q + ": its file (a string of many pages) showed no first page");
    nHot++;
  }
}
// search.html holds meta.js's object (a script of JSON, before
// search.js), so a query names its shards without a round of files for
// meta.js; and meta's "own" filter passes the name of every key file
// (a query's own file is asked for only if it does), and few others.
let nOwnNames = 0, nOwnPassed = 0, nNotOwn = 0, nNotOwnPassed = 0, nEnds = 0, badEnds = 0, nSplitEnds = 0;
{
  let m = null, held = null;
  const mctx = { ybtSearch: { meta(x) { m = x; } } };
  vm.createContext(mctx);
  vm.runInContext(fs.readFileSync(path.join(site, "search/meta.js"), "utf8"), mctx);
  const page = fs.readFileSync(path.join(site, "search.html"), "utf8");
  const at = page.match(/<script type="application\/json" id="ybt-search-meta">([^<]*)<\/script>/);
  try { held = at ? JSON.parse(at[1]) : null; } catch (e) { bad.push("search.html's meta is not JSON: " + e.message); }
  if (!held) bad.push("search.html does not hold meta.js's object");
  else if (JSON.stringify(held) !== JSON.stringify(m)) bad.push("search.html's meta differs from meta.js's");
  if (page.indexOf("ybt-search-meta") > page.indexOf("<script>\n"))
    bad.push("search.html's meta comes after its script");
  if (!m || typeof m.own !== "string" || !m.own.length) bad.push("meta has no filter of key files");
  const S = ctx.ybtSearch, files = new Set();
  // Every copy of a key by its end ("\n" and the key) is in the shard
  // search.js names for it: of its last 8 characters, or of a longer
  // end where those are split (meta's esplit, search_shard.c,
  // shard_end_split). A copy elsewhere is never found, and a query
  // that needs it sweeps for its key of lines instead.
  const ectx = { ybtSearch: { idx(k, o) {
    for (const key in o)
      if (key.charAt(0) === "\n") {
        nEnds++;
        if (S.endShard(key.slice(1)) !== +k && badEnds++ < 3) bad.push(`the copy of ${JSON.stringify(key.slice(1))} by its end is in shard ${k}, search.js looks in ${S.endShard(key.slice(1))}`);
      }
  } } };
  vm.createContext(ectx);
  runShards(/^i\d+\.js$/, ectx);
  nSplitEnds = m && m.esplit ? m.esplit.length : 0;
  if (process.env.YBT_ENDS_SPLIT && !nSplitEnds) bad.push("meta splits no end (YBT_SEARCH_END_BYTES lowered)");
  for (const f of fs.readdirSync(path.join(site, "search")))
    if (/^k[0-9a-f-]+\.js$/.test(f) || /^kh[0-9a-f]{16}\.js$/.test(f)) files.add(f.slice(0, -3));
  for (const n of files) { nOwnNames++; if (S.mayOwn(n)) nOwnPassed++; }
  // a query asks for a key's file only if the filter passes its name
  if (nOwnMissing > (nOwn + nOwnMissing) * 0.05 + 2)
    bad.push(`${nOwnMissing} key files asked for were missing (${nOwn} there)`);
  if (nOwnPassed !== nOwnNames) bad.push(`the filter of key files passes ${nOwnPassed} of their ${nOwnNames} names`);
  // names of keys that have no file: the bigrams of the texts
  for (const e of docs.slice(0, 400)) {
    const c = Array.from(e.text.toLowerCase());
    for (let i = 0; i + 1 < c.length; i += 7) {
      if (/\s/.test(c[i] + c[i + 1])) continue;
      const n = "k" + [c[i], c[i + 1]].map(x => x.codePointAt(0).toString(16)).join("-");
      if (files.has(n)) continue;
      nNotOwn++;
      if (S.mayOwn(n)) nNotOwnPassed++;
    }
  }
  if (nNotOwn >= 100 && nNotOwnPassed > nNotOwn * 0.03)
    bad.push(`the filter of key files passes ${nNotOwnPassed} of ${nNotOwn} names of keys without a file`);
  // meta's "starts", "lstarts" and "ldocs" come in runs of 64 entries
  // ([[first, "gaps"], …]: search_shard.c, shard_gaps), each decoded by
  // search.js (RUN) only when one of its entries is needed.
  const RUN = 64;
  function unrun(list, name) {
    const out = [];
    if (!Array.isArray(list)) { bad.push(`meta's ${name} is not a list of runs`); return out; }
    list.forEach(([first, gaps], r) => {
      let v = first, n = 1;
      out.push(v);
      for (let i = 0; i < gaps.length; n++) {
        if (gaps[i] === "0") {
          const e = gaps.indexOf(".", i);
          v += parseInt(gaps.slice(i + 1, e), 36) || 0;
          i = e + 1;
        } else v += "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".indexOf(gaps[i++]);
        out.push(v);
      }
      if (r + 1 < list.length ? n !== RUN : n > RUN) bad.push(`meta's ${name}: run ${r} of ${n} entries`);
    });
    for (let i = 1; i < out.length; i++)
      if (out[i] < out[i - 1]) { bad.push(`meta's ${name} out of order at ${i}`); break; }
    return out;
  }
  if (m) for (const f of ["starts", "lstarts"]) unrun(m[f], f);
  // meta's "ldocs": each line shard's first line's first page plus the
  // shard's number (search_shard.c, shard_lines_meta); search.js
  // asks for the titles of the pages that first used a query's lines
  // with them. Checked against the line shards and their lines' pages.
  if (m && m.ldocs !== undefined) {
    const all = unrun(m.ldocs, "ldocs"), gaps = all.slice(1).map((v, k) => v - all[k]);
    let at = 0, nl = 0, wrong = 0;
    for (let k = 0; fs.existsSync(path.join(site, "search", "l" + k + ".js")); k++, nl++) {
      let first = null;
      const lctx = { ybtSearch: { lines(n, a) { first = a[0]; } } };
      vm.createContext(lctx);
      vm.runInContext(fs.readFileSync(path.join(site, "search", "l" + k + ".js"), "utf8"), lctx);
      at += gaps[k];
      const ids = first ? first[1].split(";")[0] : "";
      let doc;
      if (ids[0] === "*") {
        const c = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (let i = 1; doc === undefined && i < ids.length; i++)
          for (let j = 0; j < 6; j++) if (c.indexOf(ids[i]) >> j & 1) { doc = 6 * (i - 1) + j; break; }
      } else doc = parseInt(ids.split(/[,~]/)[0], 36);
      if (gaps[k] === undefined || at - (k + 1) !== doc) wrong++;
    }
    if (gaps.length !== nl || wrong) bad.push(`meta's ldocs: ${gaps.length} for ${nl} line shards, ${wrong} wrong`);
  } else bad.push("meta has no ldocs");
}
const recall = tp + fn ? tp / (tp + fn) : 1, precision = tp + fp ? tp / (tp + fp) : 1;
if (hasOwn && !nOwn) bad.push("no query loaded a key of its own (k*.js)");
// An edition of thousands of pages has such queries, and some answered
// on a chain (search_freq.c, freq_chain).
if (docs.length > 1000 && (unboundedQueries.length < 5 || nChained < 5))
  bad.push(unboundedQueries.length + " queries of frequent pieces of 8 only, " + nChained + " on a chain");
if (hasOwn && !nFirst) bad.push("no query showed a first page from its key's file");
// Most first pages through lines have their title shards asked for
// with the lines (session 19: 121 of 137 at N=1000 before the hints of
// keys of lines, 134 after).
if (nAhead + nLate >= 20 && nLate > (nAhead + nLate) / 10)
  bad.push(`${nLate} of ${nAhead + nLate} first pages through lines wait a round of files for their title shards`);
const msg = `${queries.length} queries (${nonEmpty} with hits), ${docs.length} pages, ${nOwn} keys of their own loaded (${nFirst} with a first page, ${nRefFiles} naming another), ${nChecked} through lines, ${nAhead} of ${nAhead + nLate} first pages from title shards asked for ahead (${nAskedMore} shards more), ${nLong} longer than 8 characters (${unboundedQueries.length} of frequent pieces of 8 only: at most ${mostLong} lines; ${nChained} on a chain; past 9 answered at stages 0, 1, 2, 3: ${nStage.join(", ")}; ${nJoined} of two joined, ${nChanged} changed; ${nUnbounded} unbounded past ${FREQ_MAX}), ${nCross} across a line break, ${nApart} of bigrams never together, key files' filter passed ${nOwnPassed} of ${nOwnNames} and ${nNotOwnPassed} of ${nNotOwn} others, ${nEnds} copies by end (${badEnds} elsewhere, ${nSplitEnds} ends split), ${nOwnMissing} asked for missing, ${nHot} queries from the files of ${nHotFiles} strings no key holds and of ${nLongFiles} sentences, recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}`;
if (bad.length || queries.length < 20 || nonEmpty < 15 || !nCross || !nApart) console.log(`FAIL ${name}: ${msg}; ${bad.slice(0, 5).join("; ")}`);
else console.log(`ok ${name}: ${msg}`);
