// search-short.js SITE [SEARCH.JS] — the rounds of files short queries
// (2 to 8 characters, what readers type) take before their count can
// show: NQ (default 600) substrings cut at random, half from the
// site's lines (a sample of its line shards), half from its titles.
// Each runs in node in a fresh context of search.js (the site's
// assets/search.js, or SEARCH.JS against the same index) whose files
// come a round at a time, as in search-rounds.js; a query answered by
// a key file's first page shows from it ("f"), else the title shards of
// its first page not asked for by then are a round more. Prints the
// count by rounds, then by source (l: line, t: title) and length.
// YBT_SHOW=1 lists the queries of two rounds or more. Not part of make
// test: it chose SEARCH_STR_BYTES (doc/portal.md, "Files").
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");
const { run } = require("./search-node.js");
const [site, js] = process.argv.slice(2);
const dir = path.join(site, "search");
const src = fs.readFileSync(js || path.join(site, "assets/search.js"), "utf8") + "\nthis.ybtSearch = ybtSearch;";
const meta = fs.readFileSync(path.join(dir, "meta.js"), "utf8");
let per = 128;	/* pages a title shard */
vm.runInContext(meta, vm.createContext({ ybtSearch: { meta(m) { per = m.titles; } } }));

const texts = [], ctx0 = { ybtSearch: {
  lines(k, a) { for (const l of a) texts.push(l[0]); },
  titles(k, a) { for (const t of a) texts.push(t[0].toLowerCase()); } } };
vm.createContext(ctx0);
const files = fs.readdirSync(dir);
const lf = files.filter(f => /^l\d+\.js$/.test(f)), tf = files.filter(f => /^t\d+\.js$/.test(f));
for (let i = 0; i < lf.length; i += Math.max(1, Math.floor(lf.length / 150)))
  vm.runInContext(fs.readFileSync(path.join(dir, lf[i]), "utf8"), ctx0);
const nl = texts.length;
for (let i = 0; i < tf.length; i += Math.max(1, Math.floor(tf.length / 30)))
  vm.runInContext(fs.readFileSync(path.join(dir, tf[i]), "utf8"), ctx0);
let seed = 12345;	/* xorshift: the same queries every run */
const rnd = n => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) % n; };
const queries = [], nq = +process.env.NQ || 600;
while (queries.length < nq) {
  const title = rnd(2) === 1, c = Array.from(title ? texts[nl + rnd(texts.length - nl)] : texts[rnd(nl)]);
  const n = 2 + rnd(7);
  if (c.length < n) continue;
  const at = rnd(c.length - n + 1), q = c.slice(at, at + n).join("");
  if (!/^\s|\s$|\s\s/.test(q)) queries.push([q, title ? "t" : "l"]);
}

const by = {}, byLen = {};
for (const [q, from] of queries) {
  let { res, first, rounds, all } = run(src, meta, dir, q, true);
  if (!first && res && res.length &&
      res.slice(0, 30).some(r => !all.has("t" + Math.floor(r.id / per))))
    rounds++;
  const key = rounds + (first ? "f" : ""), lk = from + Array.from(q).length;
  by[key] = (by[key] || 0) + 1;
  byLen[lk] = byLen[lk] || {};
  byLen[lk][key] = (byLen[lk][key] || 0) + 1;
  if (process.env.YBT_SHOW && rounds >= 2) console.log(`${key} rounds, ${res ? res.length : "?"} results: ${q}`);
}
console.log(`${queries.length} queries of 2 to 8 characters: by rounds of files ${JSON.stringify(by)} (f: from a key file's first page)`);
for (const k of Object.keys(byLen).sort()) console.log(`  ${k}: ${JSON.stringify(byLen[k])}`);
