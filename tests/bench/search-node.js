// search-node.js — one query of the portal's search in node, in a fresh
// context of search.js, its files given a round at a time: all it asked
// for before any of them came, as the page gets them. For
// search-rounds.js and search-short.js (not part of make test itself).
// run(src, meta, dir, q, untilFirst) returns { res, first, rounds,
// bytes, files, all }: the whole list (or null), whether a key file's
// first page showed, the rounds and bytes and files loaded, and the
// names asked for. With untilFirst it stops once a first page shows.
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");

// A file that is missing counts as empty, as the page's loader has it.
const EMPTY = { i: {}, k: "", l: [], t: [], d: [] };

exports.run = function (src, meta, dir, q, untilFirst) {
  const ctx = { console }, all = new Set();
  let asked = [], res = null, first = false, rounds = 0, bytes = 0, files = 0;
  vm.createContext(ctx);
  vm.runInContext(src, ctx);
  ctx.ybtSearch.load = n => asked.push(n);
  vm.runInContext(meta, ctx);
  ctx.ybtSearch.query(q, r => { res = r; }, () => { first = true; });
  while (asked.length && res === null && !(untilFirst && first)) {
    const round = asked;
    asked = [];
    rounds++;
    for (const n of round) {
      const f = path.join(dir, n + ".js");
      all.add(n);
      if (fs.existsSync(f)) {
        const s = fs.readFileSync(f, "utf8");
        bytes += Buffer.byteLength(s);
        files++;
        vm.runInContext(s, ctx);
      } else {
        const e = EMPTY[n[0]], k = n.slice(1);
        if (n[0] === "k") ctx.ybtSearch.key(k, e);
        else ctx.ybtSearch[{ i: "idx", l: "lines", t: "titles", d: "docs" }[n[0]]](+k, e);
      }
    }
  }
  return { res, first, rounds, bytes, files, all };
};
