// search-rounds.js SITE [SEARCH.JS] — the rounds of files and the bytes
// long queries load before their count can show. With --most N NAME
// instead of SEARCH.JS, a test (tests/html/suite): "ok NAME" if no query
// takes more than N rounds, else "FAIL NAME".
// Queries are cut from the site's own lines (a sample of its line
// shards: 20 to 200 characters, each also with its middle character
// changed, which mostly stands nowhere); each runs in node in a fresh
// context of search.js (the site's assets/search.js, or SEARCH.JS to
// try another against the same index), whose files come a round at a
// time: all that it asked for before any of them came. Title shards of
// the first page not asked for by then are a round more, as in the
// page. Prints the queries of 4 rounds or more (YBT_SHOW=1), the count
// of queries by rounds, and the worst by bytes.
// NQ (default 300) queries from NS (default 300) line shards.
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");
const { run } = require("./search-node.js");
const [site, arg, most, name] = process.argv.slice(2), js = arg === "--most" ? undefined : arg;
const dir = path.join(site, "search");
const src = fs.readFileSync(js || path.join(site, "assets/search.js"), "utf8") + "\nthis.ybtSearch = ybtSearch;";
const meta = fs.readFileSync(path.join(dir, "meta.js"), "utf8");
const nq = +process.env.NQ || 300, ns = +process.env.NS || 300;
let per = 128;	/* pages a title shard */
vm.runInContext(meta, vm.createContext({ ybtSearch: { meta(m) { per = m.titles; } } }));

const lines = [], lctx = { ybtSearch: { lines(k, a) { for (const l of a) lines.push(l[0]); } } };
vm.createContext(lctx);
const lfiles = fs.readdirSync(dir).filter(f => /^l\d+\.js$/.test(f));
for (let i = 0; i < lfiles.length; i += Math.max(1, Math.floor(lfiles.length / ns)))
  vm.runInContext(fs.readFileSync(path.join(dir, lfiles[i]), "utf8"), lctx);
const queries = [];
for (let i = 0; i < lines.length && queries.length < nq; i += 7) {
  const c = Array.from(lines[i]);
  if (c.length < 30) continue;
  const n = Math.min(c.length, 20 + i % 180), at = i % (c.length - n + 1), q = c.slice(at, at + n);
  queries.push(q.join(""));
  q[n >> 1] = "零";
  queries.push(q.join(""));
}

let worst = { bytes: 0 }, over2 = 0, sum = 0;
const byRounds = {};
for (const q of queries) {
  let { res, rounds, bytes, files, all } = run(src, meta, dir, q, false);
  let late = 0;
  for (const t of new Set((res || []).slice(0, 30).map(r => "t" + Math.floor(r.id / per))))
    if (!all.has(t)) { late++; files++; bytes += fs.statSync(path.join(dir, t + ".js")).size; }
  if (late) rounds++;
  if (process.env.YBT_SHOW && rounds >= 4) console.log(`${rounds} rounds, ${(bytes / 1024).toFixed(0)} KB in ${files} files: ${q}`);
  byRounds[rounds] = (byRounds[rounds] || 0) + 1;
  sum += bytes;
  if (bytes > 2 * 1048576) over2++;
  if (bytes > worst.bytes) worst = { bytes, files, rounds, q };
}
const msg = `${queries.length} queries: by rounds of files ${JSON.stringify(byRounds)}, ` +
  `mean ${(sum / queries.length / 1024).toFixed(0)} KB, ${over2} over 2 MB; the worst ` +
  `${(worst.bytes / 1048576).toFixed(2)} MB in ${worst.files} files and ${worst.rounds} rounds: ${worst.q}`;
if (arg !== "--most") console.log(msg);
else {
  const past = Object.keys(byRounds).filter(r => +r > +most).reduce((n, r) => n + byRounds[r], 0);
  if (queries.length < 100) console.log(`FAIL ${name}: only ${queries.length} queries; ${msg}`);
  else console.log(past ? `FAIL ${name}: ${past} queries past ${most} rounds; ${msg}` : `ok ${name}: ${msg}`);
}
