/*
 * search.js — the portal's search, no framework and no network: the
 * index shards written by ybt (search/i*.js keys, l*.js lines, t*.js
 * titles, d*.js texts, k*.js keys too big to share a shard, named by
 * their code points) are
 * loaded with <script> tags, so it works from
 * file://. A query of one or two characters is one key of the index,
 * which lists every page holding it, how often, and whether in its
 * title; a longer query's bigrams narrow the distinct lines of the
 * texts, each candidate line is checked and lists the pages holding
 * it. Either way every result really contains the query, and only the
 * texts of the results shown are loaded. Titles rank first. The shard
 * of a key is (c1 * 31 + c2) % n over code points, as in search.c.
 */
var ybtSearch = (function () {
	"use strict";
	/* got: the loaded shards by name: i<k> keys, d<k> documents, l<k>
	 * lines, t<k> titles */
	var S = {}, meta = null, got = {}, started = {}, waiting = {};

	S.base = "search/";
	/* search/meta.js, loaded by this file (below), starts the search:
	 * the query's shards load while the rest of the page is read. */
	S.meta = function (m) {
		meta = m;
		if (typeof document !== "undefined" && typeof location !== "undefined")
			S.run();
	};
	S.idx = function (n, o) { got["i" + n] = o; ready("i" + n); };
	S.key = function (n, v) { got["k" + n] = v; ready("k" + n); };
	S.docs = function (n, a) { got["d" + n] = a; ready("d" + n); };
	S.lines = function (n, a) { got["l" + n] = a; ready("l" + n); };
	S.titles = function (n, a) { got["t" + n] = a; ready("t" + n); };

	function ready(name) {
		var w = waiting[name] || [];
		delete waiting[name];
		w.forEach(function (f) { f(); });
	}
	function loaded(name) { return got[name] !== undefined; }
	/* Browser loader; tests replace it. A missing shard counts as empty. */
	S.load = function (name) {
		var s = document.createElement("script");
		s.src = S.base + name + ".js";
		s.onerror = function () {
			var e = { i: {}, k: "" }[name.charAt(0)];
			got[name] = e !== undefined ? e : [];
			ready(name);
		};
		document.head.appendChild(s);
	};
	/* The distinct names of the shards of a list (each of f(x)). */
	function names(list, f) {
		var seen = {}, out = [];
		list.forEach(function (x) { var n = f(x); if (!seen[n]) { seen[n] = 1; out.push(n); } });
		return out;
	}
	/* Start loading a file that may not exist (a missing one counts as
	 * empty): one a query will likely need, before it knows. */
	function preload(n) {
		if (!started[n] && !loaded(n)) { started[n] = 1; S.load(n); }
	}
	/* The file of a key too big for its shard ("@"), named by its code
	 * points (search.c, search_key_name). */
	function keyFile(k) {
		return "k" + Array.from(k).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
	}
	function need(names, cb) {
		var miss = names.filter(function (n) { return !loaded(n); }), left = miss.length;
		if (left === 0) { cb(); return; }
		miss.forEach(function (n) {
			(waiting[n] = waiting[n] || []).push(function () { if (--left === 0) cb(); });
		});
		miss.forEach(function (n) {
			if (!started[n]) { started[n] = 1; S.load(n); }
		});
	}

	function lower(s) {
		return s.replace(/[A-Z]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 32); });
	}
	S.normalize = function (q) { return lower(String(q).replace(/\s+/g, " ").trim()); };
	/* The keys a query looks up: its one character, or all its
	 * bigrams (their shards hold the keys of its substrings of 3 to
	 * FREQ_MAX characters, search_freq.c, that the bound needs at every
	 * place: doc/portal.md, "Bounds"). Past FREQ_DENSE characters a
	 * frequent string may be on the chain of a shorter one instead. */
	var KEYS = 4, FREQ_DENSE = 8, FREQ_MAX = 200, FREQ_LINES = 32;
	function keys(q) {
		var c = Array.from(q), k = [], seen = {}, i, s;
		if (c.length === 1) return [c[0]];
		for (i = 0; i + 1 < c.length; i++) {
			s = c[i] + c[i + 1];
			if (!seen[s]) { seen[s] = 1; k.push(s); }
		}
		return k;
	}
	/* The shards of the keys of a query's substrings: of its bigrams,
	 * and past FREQ_DENSE characters of its pieces of FREQ_DENSE + 1. */
	function shards(q, ks) {
		var c = Array.from(q), n = names(ks, function (k) { return "i" + shard(k); }), i;
		for (i = 0; i + FREQ_DENSE < c.length; i++) n.push("i" + shard(c.slice(i, i + FREQ_DENSE + 1).join("")));
		return names(n, function (x) { return x; });
	}
	/* The KEYS bigrams of fewest lines (their counts are in the
	 * shards): the lines holding them all are checked when no key
	 * bounds them. */
	function rarest(ks) {
		return ks.slice().sort(function (a, b) {
			return lineCount(value(a)) - lineCount(value(b));
		}).slice(0, KEYS);
	}
	/* A key past FREQ_DENSE characters is in the shard of its first
	 * FREQ_DENSE + 1 (search_freq.c, freq_spread). */
	function shard(k) {
		var c = Array.from(k), c1 = c[0].codePointAt(0), c2 = c.length > 1 ? c[1].codePointAt(0) : 0, i;
		if (c.length > FREQ_DENSE) {
			for (c1 = 0, c2 = 0, i = 0; i <= FREQ_DENSE; i++) {
				if (i < 5) c1 = (c1 * 31 + c[i].codePointAt(0)) & 0x1fffff;
				else c2 = (c2 * 31 + c[i].codePointAt(0)) & 0x1fffff;
			}
		}
		return (c1 * 31 + c2) % meta.n;
	}
	/* A key's document ids (search.c, search_ids): "*" and a bitmap,
	 * 6 ids per character; or base-36 gaps, where "g~r" adds r
	 * consecutive ids after the one at gap g. */
	var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	function postings(s) {
		var out = [], last = 0, i, j, v;
		if (!s) return out;
		if (s.charAt(0) === "*") {
			for (i = 1; i < s.length; i++) {
				v = B64.indexOf(s.charAt(i));
				for (j = 0; j < 6; j++)
					if (v & (1 << j)) out.push((i - 1) * 6 + j);
			}
			return out;
		}
		s.split(",").forEach(function (d) {
			var t = d.split("~");
			last += parseInt(t[0], 36);
			out.push(last);
			for (j = t.length > 1 ? parseInt(t[1], 36) : 0; j > 0; j--) out.push(++last);
		});
		return out;
	}
	/* The hits of each of n documents (search_hits): one character of
	 * B62 each, "0" base-36 "." past 61; "" when every one is 1. */
	var B62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	function hitsOf(s, n) {
		var out = [], i = 0, e;
		if (!s) { while (out.length < n) out.push(1); return out; }
		while (i < s.length) {
			if (s.charAt(i) === "0") {
				e = s.indexOf(".", i);
				out.push(parseInt(s.slice(i + 1, e), 36));
				i = e + 1;
			} else out.push(B62.indexOf(s.charAt(i++)));
		}
		return out;
	}
	/* A key's value (search_value): ids[;hits][!title ids][|line ids]. */
	function parse(v) {
		var l = v.split("|"), t = l[0].split("!"), m = t[0].split(";"), ids = postings(m[0]);
		return { ids: ids, hits: hitsOf(m[1], ids.length), title: t.length > 1 ? postings(t[1]) : [],
		    lines: l.length > 1 ? postings(l[1]) : [] };
	}
	function intersect(a, b) {
		var out = [], i = 0, j = 0;
		while (i < a.length && j < b.length) {
			if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
			else if (a[i] < b[j]) i++;
			else j++;
		}
		return out;
	}
	/* The last entry of a sorted list of runs [first id, …] at or before id. */
	function runOf(list, id, at) {
		var lo = 0, hi = list.length - 1, mid;
		while (lo < hi) {
			mid = (lo + hi + 1) >> 1;
			if (at(list[mid]) <= id) lo = mid; else hi = mid - 1;
		}
		return lo;
	}
	function same(x) { return x; }
	function docShard(id) { return runOf(meta.starts, id, same); }
	function lineShard(id) { return runOf(meta.lstarts, id, same); }
	function kindOf(id) {
		var k = meta.kinds || [];
		return k.length ? k[runOf(k, id, function (x) { return x[0]; })][1] : "";
	}
	function doc(id) { var n = docShard(id); return got["d" + n][id - meta.starts[n]]; }
	function line(id) { var n = lineShard(id); return got["l" + n][id - meta.lstarts[n]]; }
	function titleShard(id) { return "t" + Math.floor(id / meta.titles); }
	function title(id) { return got["t" + Math.floor(id / meta.titles)][id % meta.titles]; }
	function count(t, q) {
		var n = 0, p = t.indexOf(q);
		while (p >= 0) { n++; p = t.indexOf(q, p + q.length); }
		return n;
	}
	var KIND = { "一件事": 0, "事项": 1, "办理地点": 2 };
	function rank(k) { return KIND.hasOwnProperty(k) ? KIND[k] : 3; }
	function order(res) {
		return res.sort(function (a, b) {
			return (b.inTitle - a.inTitle) || (rank(a.kind) - rank(b.kind)) ||
			    (b.hits - a.hits) || (a.id - b.id);
		});
	}
	/* Page, title, text and first hit of a result whose shard is loaded. */
	function fill(r, q) {
		var d = doc(r.id);
		r.url = d[0]; r.title = d[1]; r.text = d[3]; r.pos = lower(d[3]).indexOf(q);
	}

	/*
	 * cb(results): [{id, kind, inTitle, hits}] in rank order, the whole
	 * list; S.page(results, from, cb) adds url, title, text and pos to
	 * the PAGE of them from `from`. A query of one or two characters is
	 * one key, whose postings give every page, its hits and whether
	 * its title holds the key: no text is loaded until a page is shown.
	 * A longer query's candidates (the pages holding all its bigrams) are
	 * checked against their texts.
	 */
	S.query = function (raw, whenDone) {
		var q = S.normalize(raw), ks, own = null, done = false;
		S.checked = 0;
		S.unbounded = false;
		S.chained = false;
		if (!q || !meta) { whenDone([]); return; }
		function cb(r) { if (!done) { done = true; whenDone(r); } }
		/* The pages, hits and title hits of a key's value. */
		function answer(v) {
			var inT = {};
			v.title.forEach(function (id) { inT[id] = 1; });
			cb(order(v.ids.map(function (id, j) {
				return { id: id, kind: kindOf(id), inTitle: inT[id] === 1, hits: v.hits[j] };
			})));
		}
		ks = keys(q);
		/* Its own key may be a file of its own, asked for with the
		 * shards: if it is there, it is the answer (a big value is
		 * always its key's own, never "="), whatever comes first. */
		if (Array.from(q).length <= FREQ_DENSE) {
			own = keyFile(q);
			preload(own);
			need([own], function () { if (got[own]) answer(parse(got[own])); });
		}
		need(shards(q, ks), function () {
			var i;
			if (done) return;
			for (i = 0; i < ks.length; i++)
				if (value(ks[i]) === undefined) { cb([]); return; }
			/* One or two characters, or a frequent string
			 * (search_freq.c, in the shard of its first bigram, or
			 * on the chain of a key in a shard of its bigrams): its
			 * key has the pages, hits and title hits. */
			var v = value(q), b;
			if (v !== undefined && !linesOnly(v)) {
				resolve([q], function (v) { answer(v[0]); });
				return;
			}
			if (v === undefined && (b = onChain(q)) !== null) {
				S.chained = true;	/* for the tests */
				resolve([b], function (v) { answer(v[0]); });
				return;
			}
			/* Else the lines of its substring of fewest lines, if
			 * one has a key of lines (at most FREQ_LINES lines), or
			 * of its bigrams in at most FREQ_LINES lines. If none
			 * has and some substring of FREQ_MAX characters is not
			 * frequent, no line holds the query; if every one is,
			 * the lines holding KEYS bigrams are checked
			 * (doc/portal.md, "Bounds"). */
			if ((b = fewest(q)) !== null) { viaLines(q, [parse(value(b))], cb); return; }
			/* A bigram in its shard (not a file of its own) in at
			 * most FREQ_LINES lines and SHORT titles: its lines and
			 * titles alone, without waiting for the others' files. */
			if ((b = rareBigram(ks)) !== null) { viaLines(q, [b], cb); return; }
			var rare = ks.filter(function (k) { return lineCount(value(k)) <= FREQ_LINES; });
			if (rare.length) { resolve(rare, function (lists) { viaLines(q, lists, cb); }); return; }
			if (!allFrequent(q)) { cb([]); return; }
			S.unbounded = true;	/* for the tests of the bound */
			resolve(rarest(ks), function (lists) { viaLines(q, lists, cb); });
		});
	};
	/* The lines of a bigram's value, or of "@n", a value in a file of
	 * its own with n lines (search.c, search_big_mark). */
	function lineCount(v) {
		if (v.charAt(0) === "@") return v.length > 1 ? parseInt(v.slice(1), 10) : 0;
		return parse(v).lines.length;
	}
	/* Whether every substring of FREQ_MAX characters of q (past
	 * FREQ_MAX) is a frequent string: a key with pages, or on a chain. */
	function allFrequent(q) {
		var c = Array.from(q), i;
		if (c.length <= FREQ_MAX) return false;
		for (i = 0; i + FREQ_MAX <= c.length; i++)
			if (!frequent(c.slice(i, i + FREQ_MAX).join(""))) return false;
		return true;
	}
	function frequent(s) {
		var v = value(s);
		return v !== undefined ? !linesOnly(v) : onChain(s) !== null;
	}
	/* The chains of a key (search_freq.c, freq_chain): after its value
	 * and "\n", the characters that extend it to the right, one string
	 * at a time, with the same pages; after a second "\n", those that
	 * extend it to the left, the first added last. */
	function chains(k) {
		var o = got["i" + shard(k)] || {}, p;
		if (!Object.prototype.hasOwnProperty.call(o, k) || o[k].indexOf("\n") < 0) return ["", ""];
		p = o[k].split("\n");
		return [p[1], p[2] || ""];
	}
	/* The key whose pages a string past FREQ_DENSE characters without a
	 * key of its own has (it is on that key's chain), or null: a string
	 * on no chain and with no key is not frequent, or stands nowhere. */
	function onChain(s) {
		var c = Array.from(s), j, h, e;
		if (c.length <= FREQ_DENSE || c.length > FREQ_MAX) return null;
		for (j = c.length - 1; j >= FREQ_DENSE; j--) {
			h = c.slice(0, j).join("");
			e = chains(h)[0];
			if (e && value(h) !== undefined && e.indexOf(c.slice(j).join("")) === 0) return h;
			h = c.slice(c.length - j).join("");
			e = chains(h)[1];
			if (e && value(h) !== undefined && e.slice(-(s.length - h.length)) === c.slice(0, c.length - j).join("")) return h;
		}
		return null;
	}
	var SHORT = 64;
	function rareBigram(ks) {
		var best = null, i, v, p;
		for (i = 0; i < ks.length; i++) {
			v = value(ks[i]);
			if (v.charAt(0) === "@") continue;
			p = parse(v);
			if (p.lines.length <= FREQ_LINES && p.title.length <= SHORT &&
			    (best === null || p.lines.length < best.lines.length))
				best = p;
		}
		return best;
	}
	/* A key of lines only (search_freq.c, freq_lines_key): of a string
	 * that is not frequent, or that no text line holds. */
	function linesOnly(v) { var c = v.charAt(0); return c === "|" || c === "!"; }
	/* Of the substrings of q of 3 to FREQ_MAX characters in loaded
	 * shards, the one whose key of lines has the fewest, or null (a
	 * string on a chain is frequent: not one of them). */
	function fewest(q) {
		var c = Array.from(q), best = null, most = Infinity, i, j, s, v, n;
		for (i = 0; i + 2 < c.length; i++) {
			if (!loaded("i" + shard(c[i] + c[i + 1]))) continue;
			for (j = i + 3; j <= c.length && j - i <= FREQ_MAX; j++) {
				s = c.slice(i, j).join("");
				if ((v = value(s)) === undefined || !linesOnly(v)) continue;
				n = parse(v).lines.length;
				if (n < most) { most = n; best = s; }
			}
		}
		return best;
	}
	/* The value of key k in its loaded shard, or undefined; of a
	 * frequent string, "=" and the string of the same pages (its chains,
	 * after "\n", left out). */
	function value(k) {
		var o = got["i" + shard(k)] || {}, v;
		if (!Object.prototype.hasOwnProperty.call(o, k) || o[k] === "") return undefined;
		v = o[k];
		return v.indexOf("\n") < 0 ? v : v.slice(0, v.indexOf("\n"));
	}
	/* The parsed values of keys (or "=" references to them) whose shards
	 * are loaded: "@" is in the file keyFile(k) (search.c, SEARCH_KEY_BYTES). */
	function resolve(ks, cb) {
		var named = ks.map(function (k) {
			var v = value(k);
			return v !== undefined && v.charAt(0) === "=" ? v.slice(1) : k;
		});
		named.forEach(function (k) { if (!loaded("i" + shard(k))) preload(keyFile(k)); });
		need(names(named, function (k) { return "i" + shard(k); }), function () {
			var own = named.map(function (k) { return (value(k) || "").charAt(0) === "@" ? keyFile(k) : ""; });
			need(own.filter(function (n) { return n; }), function () {
				cb(named.map(function (k, j) { return parse(own[j] ? got[own[j]] : value(k)); }));
			});
		});
	}
	/* The pages whose title or synonyms hold q, among those whose titles
	 * hold all its bigrams: cb({id: 1}). */
	function titled(q, lists, cb) {
		var ct = intersectAll(lists.map(function (l) { return l.title; }));
		need(names(ct, titleShard), function () {
			var inT = {};
			ct.forEach(function (id) {
				var t = title(id);
				if (lower(t[0]).indexOf(q) >= 0 || lower(t[1]).indexOf(q) >= 0) inT[id] = 1;
			});
			cb(inT);
		});
	}
	function intersectAll(lists) {
		var cand;
		lists = lists.slice().sort(function (a, b) { return a.length - b.length; });
		cand = lists[0];
		for (var i = 1; i < lists.length && cand.length; i++) cand = intersect(cand, lists[i]);
		return cand;
	}
	/*
	 * A longer query: the distinct lines holding all its bigrams are
	 * checked (a page holds the query iff one of its lines does), and
	 * each page's hits are the hits of its lines times how often it
	 * holds them; title hits are checked in the title shards of the
	 * pages whose titles hold all its bigrams.
	 */
	function viaLines(q, lists, cb) {
		var cl = intersectAll(lists.map(function (l) { return l.lines; }));
		S.checked = cl.length;		/* for the tests of the bound */
		/* the title shards of the title candidates with the lines */
		names(intersectAll(lists.map(function (l) { return l.title; })), titleShard).forEach(preload);
		need(names(cl, function (id) { return "l" + lineShard(id); }), function () {
			var hits = {}, ids = [];
			cl.forEach(function (id) {
				var l = line(id), c = count(lower(l[0]), q), m, p, h;
				if (!c) return;			/* bigrams matched, the line does not */
				m = l[1].split(";");
				p = postings(m[0]);
				h = hitsOf(m[1], p.length);
				p.forEach(function (d, j) {
					if (hits[d] === undefined) { hits[d] = 0; ids.push(d); }
					hits[d] += c * h[j];
				});
			});
			titled(q, lists, function (inT) {
				cb(order(ids.map(function (id) {
					return { id: id, kind: kindOf(id), inTitle: inT[id] === 1, hits: hits[id] };
				})));
			});
		});
	}
	var PAGE = 30;
	S.PAGE = PAGE;
	S.page = function (res, from, raw, cb) {
		var q = S.normalize(raw), part = res.slice(from, from + PAGE);
		need(names(part, function (r) { return "d" + docShard(r.id); }), function () {
			part.forEach(function (r) { fill(r, q); });
			cb(part);
		});
	};

	/* Append text to el with every occurrence of q marked. */
	function marked(el, text, q) {
		var t = lower(text), at = 0, p;
		while ((p = t.indexOf(q, at)) >= 0) {
			el.appendChild(document.createTextNode(text.slice(at, p)));
			var m = document.createElement("mark");
			m.textContent = text.slice(p, p + q.length);
			el.appendChild(m);
			at = p + q.length;
		}
		el.appendChild(document.createTextNode(text.slice(at)));
	}
	/* Around the first hit below the kicker and title lines, if any. */
	function snippet(r, q) {
		var t = lower(r.text), skip = t.indexOf("\n", t.indexOf("\n") + 1), pos = r.pos, a, b;
		if (skip > 0 && t.indexOf(q, skip) > 0)
			pos = t.indexOf(q, skip);
		a = Math.max(0, pos - 36);
		b = Math.min(r.text.length, pos + q.length + 60);
		return (a > 0 ? "…" : "") + r.text.slice(a, b).replace(/\n/g, " · ") + (b < r.text.length ? "…" : "");
	}
	/* The PAGE of results from `from`: their titles and links as soon
	 * as their title shards are loaded (then done()), their snippets
	 * once their texts are. */
	function show(list, res, q, from, done) {
		var part = res.slice(from, from + PAGE), ps = [];
		need(names(part, function (r) { return "t" + Math.floor(r.id / meta.titles); }), function () {
			var i, r, t, li, a, k, p, next = from + part.length;
			for (i = 0; i < part.length; i++) {
				r = part[i];
				t = title(r.id);
				li = document.createElement("li");
				a = document.createElement("a");
				a.href = t[2];
				marked(a, t[0], q);
				li.appendChild(a);
				k = document.createElement("span");
				k.className = "kind";
				k.textContent = r.kind;
				li.appendChild(k);
				p = document.createElement("p");
				li.appendChild(p);
				ps.push(p);
				list.appendChild(li);
			}
			var old = document.getElementById("more");
			if (old) old.parentNode.removeChild(old);
			if (next < res.length) {
				var b = document.createElement("button");
				b.type = "button";
				b.id = "more";
				b.className = "more";
				b.textContent = "显示更多（还有 " + (res.length - next) + " 条）";
				b.addEventListener("click", function () { b.disabled = true; show(list, res, q, next); });
				list.parentNode.insertBefore(b, list.nextSibling);
			}
			if (done) done();
			S.page(res, from, q, function (filled) {
				filled.forEach(function (f, j) { marked(ps[j], snippet(f, q), q); });
			});
		});
	}
	/* f() once the page is read (search.js runs in its <head>). */
	function whenRead(f) {
		if (document.readyState !== "loading") f();
		else document.addEventListener("DOMContentLoaded", f);
	}
	/* The query starts at once; the count shows with the first page of
	 * results (their titles and links), not before. */
	S.run = function () {
		var q = new URLSearchParams(location.search).get("q") || "", res = null, read = false;
		function both() {
			var list = document.getElementById("search-results"),
			    status = document.getElementById("search-status");
			if (!list || !status || res === null || !read) return;
			list.textContent = "";
			show(list, res, S.normalize(q), 0, function () {
				status.textContent = res.length ? "“" + q.trim() + "”共找到 " + res.length + " 条结果。" :
				    "没有找到包含“" + q.trim() + "”的内容。请换一个词，例如“出生”“营业执照”。";
			});
		}
		whenRead(function () {
			var input = document.getElementById("q"), status = document.getElementById("search-status");
			if (!input || !status) return;
			input.value = q;
			read = true;
			if (!S.normalize(q)) { status.textContent = "请输入要查找的内容。"; return; }
			if (res === null) status.textContent = "正在查找……";
			both();
		});
		if (S.normalize(q))
			S.query(q, function (r) {
				res = r;
				/* the first page's titles, while the page is read */
				need(names(r.slice(0, PAGE), function (x) { return "t" + Math.floor(x.id / meta.titles); }), function () {});
				both();
			});
	};
	/* On search.html (async in its <head>): a query's own key file
	 * needs no meta, so it starts now, with meta.js, which starts the
	 * rest (S.meta). */
	if (typeof document !== "undefined" && typeof location !== "undefined") {
		var q0 = S.normalize(new URLSearchParams(location.search).get("q") || "");
		if (q0 && Array.from(q0).length <= FREQ_DENSE) preload(keyFile(q0));
		preload("meta");
	}
	return S;
}());
