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
 * of a key is (c1 * 31 + c2) % n over code points, as in search.c
 * (search_shard.c); a query past 9 characters loads its shards in
 * stages (stage), not one per place.
 */
var ybtSearch = (function () {
	"use strict";
	/* got: the loaded shards by name: i<k> keys, d<k> documents, l<k>
	 * lines, t<k> titles */
	var S = {}, meta = null, got = {}, started = {}, waiting = {}, firsts = {}, split = Object.create(null),
	    esplit = Object.create(null), nesplit = 0;

	S.base = "search/";
	/* search/meta.js, loaded by this file (below) while the query's own
	 * key file loads: the shards' names need it, that file does not. */
	S.meta = function (m) {
		(m.split || []).forEach(function (p) { split[p] = 1; });
		/* a split end's own ends are split too, to FREQ_DENSE
		 * characters: meta has those that are no other's end */
		(m.esplit || []).forEach(function (p) {
			var c = Array.from(p), d;
			for (d = FREQ_DENSE; d <= c.length; d++) esplit[c.slice(c.length - d).join("")] = 1;
			nesplit++;
		});
		meta = got.meta = m;
		ready("meta");
	};
	S.idx = function (n, o) { got["i" + n] = o; ready("i" + n); };
	/* A big key's file: its value and, if it has pages, their number
	 * and the first PAGE in rank order (search_post.c, search_first):
	 * [count, [id, title hit, hits, kind, title, url], …]. */
	S.key = function (n, v, f) {
		got["k" + n] = v;
		if (f) firsts["k" + n] = f;
		ready("k" + n);
	};
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
		/* Asked for while the head is read, from file:// (a kiosk,
		 * a USB stick: the file comes in milliseconds): the first
		 * render waits for it, so the count can come with the first
		 * paint. Over a network the page shows while files travel. */
		if (!document.body && location.protocol === "file:")
			s.setAttribute("blocking", "render");
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
		if (S.asked) S.asked(n);	/* for the tests */
		if (!started[n] && !loaded(n)) { started[n] = 1; S.load(n); }
	}
	/* The file of a key too big for its shard ("@"), named by its code
	 * points (search.c, search_key_name). */
	function keyFile(k) {
		return "k" + Array.from(k).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
	}
	/* The file of a sentence of many pages: two FNV-1a hashes of its
	 * code points (search_hot.c, hot_long). */
	function longFile(q) {
		var a = 2166136261, b = 3735928559;
		Array.from(q).forEach(function (c) {
			var cp = c.codePointAt(0);
			a = Math.imul(a ^ cp, 16777619) >>> 0;
			b = Math.imul(b ^ cp, 16777619) >>> 0;
		});
		return "kh" + (a + 0x100000000).toString(16).slice(1) + (b + 0x100000000).toString(16).slice(1);
	}
	function need(names, cb) {
		var miss = names.filter(function (n) { return !loaded(n); }), left = miss.length;
		if (S.asked) names.forEach(S.asked);
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
		for (i = 0; i + 2 < c.length; i++) n.push(place(c, i)[1]);
		for (i = 0; i + FREQ_DENSE < c.length; i++) n.push("i" + shard(c.slice(i, i + FREQ_DENSE + 1).join("")));
		return names(n, function (x) { return x; });
	}
	/*
	 * The shards a query past FREQ_DENSE + 1 characters loads, in four
	 * stages, each if the ones before did not answer (doc/portal.md,
	 * "Bounds"). 0: its own (of its first FREQ_DENSE + 1 characters:
	 * its key and its prefixes'), that of its last FREQ_DENSE (its
	 * suffixes' on chains to the left, and keys of lines that end there:
	 * search.c, search_by_end), and those of its first place and of its
	 * last FREQ_DENSE characters' (the keys that start there): a
	 * frequent string is answered from them. 1: where its longest
	 * frequent prefix that stage 0 shows ends, the keys of lines that
	 * end one or AIM further (the shards of their last FREQ_DENSE and the
	 * places before), and where its longest frequent suffix begins,
	 * those that begin one or AIM before. 2, as many times as needed:
	 * SWEEP more places, from both ends of the gap between the prefix
	 * and suffix that stage 0 shows (a longer one may lie on a chain not
	 * loaded), then the rest (a query a piece of FREQ_DENSE of which is
	 * not frequent is answered once its places are). 3: all (a shorter query: at once), the shards of all
	 * its places and pieces of FREQ_DENSE + 1.
	 */
	var AIM = 2, SWEEP = 20;
	function stage(q, ks, k) {
		var c = Array.from(q), n = c.length, out, p, s, i;
		function piece(i) { return "i" + shard(c.slice(i, i + FREQ_DENSE + 1).join("")); }
		if (k === 3) return shards(q, ks);
		if (k === 0)
			return names(["i" + shard(q), "i" + endShard(c)].concat(place(c, 0), place(c, n - FREQ_DENSE)), same);
		out = [];
		if (k === 2) {
			/* SWEEP places not loaded, nearest first to both ends of
			 * the gap between the frequent prefix and suffix stage 0
			 * shows (where a substring that is not frequent begins:
			 * its key of lines is in its place's shards), then the
			 * others: repeated while any is left (step) */
			var pre = shown(q, c, 0), lo = Math.max(0, pre + 1 - FREQ_DENSE), hi = n - shown(q, c, 1) - 1, todo = [];
			for (i = 0; i + 1 < n; i++)
				if (!placeLoaded(c, i))
					todo.push([i >= lo && i <= hi ? Math.min(i - lo, hi - i) : 2 * n + Math.min(Math.abs(i - lo), Math.abs(i - hi)), i, 0]);
			/* one past FREQ_DENSE begins by hi too (its key, if any,
			 * in the shard of its piece there), nearest first */
			for (i = Math.min(hi, n - FREQ_DENSE - 1); i >= 0; i--)
				if (!loaded(piece(i))) todo.push([n + hi - i, i, 1]);
			todo.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
			todo.slice(0, SWEEP).forEach(function (t) { out = out.concat(t[2] ? [piece(t[1])] : place(c, t[1])); });
			return names(out, same);
		}
		/* AIM ends and starts: a longer prefix or suffix than stage 0
		 * shows may be frequent, on a chain in a shard not loaded */
		p = shown(q, c, 0);
		for (i = p + 1; i <= p + AIM && i <= n; i++)
			if (i >= FREQ_DENSE) out.push("i" + endShard(c.slice(0, i)));
		for (i = Math.max(0, p + 1 - FREQ_DENSE); i < p + AIM - 1 && i + 1 < n; i++) out = out.concat(place(c, i));
		s = shown(q, c, 1);
		for (i = n - s - 1; i > n - s - 1 - AIM && i >= 0; i--) {
			out = out.concat(place(c, i));
			if (i + FREQ_DENSE < n) out.push(piece(i));
		}
		return names(out, same);
	}
	/*
	 * The length of the longest frequent prefix (side 0) or suffix (1)
	 * of q (code points c) that stage 0 shows: up to FREQ_DENSE
	 * characters a key with pages, past it a key in its shard (q's own,
	 * or for a suffix as copied to that of its last FREQ_DENSE) and
	 * the characters its chain to that side adds. (All shorter ones
	 * are frequent too; a longer one may be on a chain stage 0 does not
	 * show.)
	 */
	function shown(q, c, side) {
		var n = c.length, best = 0, o = got["i" + (side ? endShard(c) : shard(q))] || {}, found = [], j, k, v, e, m,
		    h1, h2, cp;
		for (j = 2; j <= FREQ_DENSE && j < n; j++)
			if ((v = raw(side ? c.slice(n - j).join("") : c.slice(0, j).join(""))) !== undefined) found.push([j, v]);
		for (k in o) {
			if (!Object.prototype.hasOwnProperty.call(o, k) || (k.charAt(0) === "\n") !== (side === 1))
				continue;
			e = side ? k.slice(1) : k;
			if (e.length < q.length && (side ? q.slice(q.length - e.length) : q.slice(0, e.length)) === e)
				found.push([Array.from(e).length, o[k]]);
		}
		for (k = 0; k < found.length; k++) {
			m = found[k][0];
			v = found[k][1].split("\n");
			if (linesOnly(v[0])) continue;
			/* and the characters its chain adds that the query has next */
			e = Array.from(v[1 + side] || "");
			for (j = 0; j < e.length && m + j < n; j++)
				if (side ? e[e.length - 1 - j] !== c[n - m - j - 1] : e[j] !== c[m + j]) break;
			best = Math.max(best, m + j);
		}
		/* and the prefixes marked there: a string on a chain to the
		 * left has no key in the shard of its first FREQ_DENSE + 1
		 * characters, but a mark, "\t" and hashes of its code points
		 * (search_shard.c, shard_marks) */
		for (h1 = 0, h2 = 0, j = 0; !side && j + 1 < n; j++) {
			cp = c[j].codePointAt(0);
			h1 = (h1 * 31 + cp) & 0x1fffff;
			h2 = (h2 * 37 + cp) & 0x1fffff;
			if (j >= FREQ_DENSE && Object.prototype.hasOwnProperty.call(o, "\t" + (h1 * 2097152 + h2).toString(36)))
				best = Math.max(best, j + 1);
		}
		return best;
	}
	/* The shard of the keys whose last FREQ_DENSE characters are those
	 * of c (code points), or, where those are split (meta.esplit), its
	 * longer end's: hashes of all but the last four and of those four
	 * (search_shard.c, shard_end, shard_end_split). */
	function endShard(c) {
		var h = [0, 0], n = c.length, d = FREQ_DENSE, i;
		while (nesplit && d < n && esplit[c.slice(n - d).join("")] === 1)
			d++;
		for (i = n - d; i < n; i++)
			h[i + 4 >= n ? 1 : 0] = (h[i + 4 >= n ? 1 : 0] * 31 + c[i].codePointAt(0)) & 0x1fffff;
		return (h[0] * 31 + h[1]) % meta.n;
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
	/* A key of 3 to FREQ_DENSE characters whose bigram's keys are split
	 * (meta.split, search.c, search_split) is in the shard of its first
	 * prefix not split, or of its bigram if it is one (the prefix itself). */
	var shardOf = Object.create(null);	/* each key's, once found */
	function shard(k) {
		var c, d, n = meta.n, v = shardOf[k];
		if (v !== undefined) return v;
		c = Array.from(k);
		if (c.length > FREQ_DENSE) v = spread(c.slice(0, FREQ_DENSE + 1), n);
		else if (c.length > 2 && split[c[0] + c[1]] === 1) {
			for (d = 3; d <= c.length && split[c.slice(0, d).join("")] === 1; d++)
				;
			if (d <= c.length) v = spread(c.slice(0, d), n);
		}
		if (v === undefined)
			v = (c[0].codePointAt(0) * 31 + (c.length > 1 ? c[1].codePointAt(0) : 0)) % n;
		return (shardOf[k] = v);
	}
	/* Hashes of the first five code points and of the next four. */
	function spread(c, n) {
		var c1 = 0, c2 = 0, i;
		for (i = 0; i < c.length; i++) {
			if (i < 5) c1 = (c1 * 31 + c[i].codePointAt(0)) & 0x1fffff;
			else c2 = (c2 * 31 + c[i].codePointAt(0)) & 0x1fffff;
		}
		return (c1 * 31 + c2) % n;
	}
	/*
	 * Whether a key may have a file of its own: meta.own is a Bloom
	 * filter of their names (search_post.c, search_own_filter),
	 * OWN_PROBES bits of it by two FNV-1a hashes of the name, 6 bits a
	 * character of B64. No filter (an edition too big for one, or an
	 * older meta.js): it may.
	 */
	var OWN_PROBES = 7;
	function fnv(s, h) {
		for (var i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
		return h >>> 0;
	}
	S.mayOwn = mayOwn;
	S.longFile = longFile;	/* for the tests */
	/* the shard of key k's copy by its end: for the tests */
	S.endShard = function (k) { return endShard(Array.from(k)); };
	function mayOwn(name) {
		var b = meta && meta.own, m, h1, h2, i, j;
		if (typeof b !== "string" || !b.length) return true;
		m = b.length * 6;
		h1 = fnv(name, 2166136261);
		h2 = (fnv(name, 3735928559) | 1) >>> 0;
		for (i = 0; i < OWN_PROBES; i++) {
			j = ((h1 + Math.imul(i, h2)) >>> 0) % m;
			if (!(V64[b.charCodeAt((j / 6) | 0) & 127] >> (j % 6) & 1)) return false;
		}
		return true;
	}
	/* The shards of the keys that begin at place i of c (code points)
	 * up to FREQ_DENSE characters: of its bigram, and of the group of
	 * its longer keys (the same unless the bigram's are split). */
	function place(c, i) {
		return ["i" + shard(c[i] + c[i + 1]), "i" + shard(c.slice(i, i + FREQ_DENSE).join(""))];
	}
	function placeLoaded(c, i) {
		var p = place(c, i);
		return loaded(p[0]) && loaded(p[1]);
	}
	/* A key's document ids (search.c, search_ids): "*" and a bitmap,
	 * 6 ids per character; or base-36 gaps, where "g~r" adds r
	 * consecutive ids after the one at gap g. */
	var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
	    B62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	/* The value of each character code of the two alphabets and of base
	 * 36: a key of 100,000 ids was 100,000 indexOf calls. */
	function table(abc) {
		var t = [], i;
		for (i = 0; i < 128; i++) t.push(0);
		for (i = 0; i < abc.length; i++) t[abc.charCodeAt(i)] = i;
		return t;
	}
	var V64 = table(B64), V62 = table(B62), V36 = table(B62.slice(0, 36));
	/* Each id of s's first n characters to put(id): gaps in base 36,
	 * "g~r" a run (search_ids), or "*" and a bitmap of six ids a
	 * character. */
	function eachId(s, n, put) {
		var last = 0, i, j, v, c;
		if (s.charAt(0) === "*") {
			for (i = 1; i < n; i++) {
				v = V64[s.charCodeAt(i) & 127];
				for (j = 0; v; j++, v >>= 1)
					if (v & 1) put((i - 1) * 6 + j);
			}
			return;
		}
		for (i = 0; i < n; i++) {	/* gap[~run], then "," */
			for (v = 0; i < n && (c = s.charCodeAt(i)) !== 44 && c !== 126; i++)
				v = v * 36 + V36[c & 127];
			put(last += v);
			if (c !== 126) continue;
			for (v = 0, i++; i < n && (c = s.charCodeAt(i)) !== 44; i++)
				v = v * 36 + V36[c & 127];
			for (; v > 0; v--) put(++last);
		}
	}
	function postings(s) {
		var out = [];
		if (s) eachId(s, s.length, function (d) { out.push(d); });
		return out;
	}
	/* The hits of each of n documents (search_hits): one character of
	 * B62 each, "0" base-36 "." past 61; "" when every one is 1. */
	function hitsOf(s, n) {
		var out = [], i = 0;
		if (!s) { while (out.length < n) out.push(1); return out; }
		while (i < s.length) {
			out.push(hitAt(s, i));
			i = hitEnd;
		}
		return out;
	}
	/* The number at s[i] written as hits are (search_hits: one
	 * character of B62, or "0", base 36 and "."); hitEnd is the place
	 * after it. Hits, and the gaps of meta's lists (run). */
	var hitEnd = 0;
	function hitAt(s, i) {
		var c = s.charCodeAt(i++), v;
		if (c !== 48) { hitEnd = i; return V62[c & 127]; }
		for (v = 0; i < s.length && (c = s.charCodeAt(i)) !== 46; i++)
			v = v * 36 + V36[c & 127];
		hitEnd = i + 1;
		return v;
	}
	/* A key's value (search_value): ids[;hits][!title ids][|line ids]. */
	function parse(v) {
		var h = v.indexOf("#"), l = (h < 0 ? v : v.slice(0, h)).split("|"), t = l[0].split("!"),
		    m = t[0].split(";"), ids = postings(m[0]);
		return { ids: ids, hits: hitsOf(m[1], ids.length), title: t.length > 1 ? postings(t[1]) : [],
		    lines: l.length > 1 ? postings(l[1]) : [], hint: h < 0 ? null : postings(v.slice(h + 1)) };
	}
	/* The ids in both sorted lists a and b; given their hits ha and
	 * hb, the fewer of each id's two to hout too. */
	function intersect(a, b, ha, hb, hout) {
		var out = [], i = 0, j = 0;
		while (i < a.length && j < b.length) {
			if (a[i] === b[j]) {
				out.push(a[i]);
				if (hout) hout.push(Math.min(ha[i], hb[j]));
				i++;
				j++;
			} else if (a[i] < b[j]) i++;
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
	/* The first document ("starts") or line ("lstarts") of each shard,
	 * in runs of RUN: [[the run's first, "gaps to the next ones"], …],
	 * the gaps written as hits are (search_shard.c, shard_gaps). A run
	 * is decoded when one of its entries is asked for: the whole of
	 * N=10000's lists (22,000 shards each) took 30 ms of a cold page. */
	var RUN = 64, runs = {};
	function run(f, r) {
		var name = f + r, a = runs[name], s, i = 0;
		if (a) return a;
		s = meta[f][r][1];
		a = [meta[f][r][0]];
		while (i < s.length) {
			a.push(a[a.length - 1] + hitAt(s, i));
			i = hitEnd;
		}
		return (runs[name] = a);
	}
	/* Entry k of list f, and their number. */
	function startOf(f, k) { return run(f, Math.floor(k / RUN))[k % RUN]; }
	function startsIn(f) { var m = meta[f]; return m.length ? (m.length - 1) * RUN + run(f, m.length - 1).length : 0; }
	/* The last entry of list f at or before id. */
	function runIn(f, id) {
		var r;
		if (!meta[f].length) return 0;		/* no shards: an empty edition */
		r = runOf(meta[f], id, function (e) { return e[0]; });
		return r * RUN + runOf(run(f, r), id, same);
	}
	function docShard(id) { return runIn("starts", id); }
	function lineShard(id) { return runIn("lstarts", id); }
	function kindOf(id) {
		var k = meta.kinds || [];
		return k.length ? k[runOf(k, id, function (x) { return x[0]; })][1] : "";
	}
	function doc(id) { var n = docShard(id); return got["d" + n][id - startOf("starts", n)]; }
	function line(id) { var n = lineShard(id); return got["l" + n][id - startOf("lstarts", n)]; }
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
	 * The results of a key's value in rank order: a sort of numbers, not
	 * of objects by a function (100,000 pages at N=10000), each number
	 * its rank group (title hit, kind), hits and place (ids come in
	 * order): the order of order(). Each result is made when asked for
	 * (at(i)): a query through lines shows its first page before the
	 * other 100,000 are made (viaLines).
	 */
	var HITS = 16777216, AT = 8388608;
	function ranking(v, m) {
		var n = v.ids.length, key, kinds = meta.kinds || [], run = -1, t = 0,
		    inT, kof, next = 0, g = 3, sorted = false, best = [], i, j, id, h, o, x;
		function titleHit(id) { return v.inT ? v.inT[id] === 1 : v.title.indexOf(id) >= 0; }
		if (n >= AT) {
			o = order(Array.prototype.map.call(v.ids, function (id, j) {
				return { id: id, kind: kindOf(id), inTitle: titleHit(id), hits: v.hits[j] };
			}));
			return { n: n, at: function (i) { return o[i]; }, top: o.slice(0, m) };
		}
		key = new Float64Array(n);
		inT = new Uint8Array(n);
		kof = new Uint16Array(n);	/* the run of kinds of each */
		for (i = 0; i < n; i++) {
			id = v.ids[i];
			if (id >= next) {	/* the next run of kinds */
				while (run + 1 < kinds.length && kinds[run + 1][0] <= id) run++;
				next = run + 1 < kinds.length ? kinds[run + 1][0] : Infinity;
				g = run >= 0 ? rank(kinds[run][1]) : 3;
			}
			if (v.inT) inT[i] = v.inT[id];
			else {
				while (t < v.title.length && v.title[t] < id) t++;
				inT[i] = t < v.title.length && v.title[t] === id ? 1 : 0;
			}
			kof[i] = run < 0 ? 0 : run;
			h = v.hits[i];
			x = key[i] = ((inT[i] ? 0 : 4) + g) * HITS * AT + (HITS - 1 - (h < HITS ? h : HITS - 1)) * AT + i;
			/* and the m least keys (they differ: each holds its
			 * place), in order: the first page without sorting all */
			if (best.length === m && (m === 0 || x >= best[m - 1])) continue;
			for (j = best.length < m ? best.length : m - 1; j > 0 && best[j - 1] > x; j--)
				best[j] = best[j - 1];
			best[j] = x;
		}
		function make(k) {
			return { id: v.ids[k], kind: kinds.length ? kinds[kof[k]][1] : "", inTitle: inT[k] === 1,
			    hits: v.hits[k] };
		}
		return { n: n, at: function (i) {
			if (!sorted) { key.sort(); sorted = true; }
			return make(key[i] % AT);
		}, top: best.map(function (y) { return make(y % AT); }) };
	}
	/* The whole list of a ranking, after the results made already. */
	function whole(r, made) {
		var out = made.slice(), i;
		for (i = made.length; i < r.n; i++) out.push(r.at(i));
		return out;
	}
	function ranked(v) { return whole(ranking(v, 0), []); }
	/* A key file's first page (S.key): {n, top: results with titles}. */
	function firstOf(f) {
		return { n: f[0], top: f.slice(1).map(function (e) {
			return { id: e[0], inTitle: e[1] === 1, hits: e[2], kind: e[3], title: e[4], url: e[5] };
		}) };
	}
	/* f now, or after the page has painted what it was given (S.run). */
	/* f() once the first page from a big key's file has shown (S.run),
	 * after it has painted: the whole list is made then, not while the
	 * page waits to show the count. */
	S.afterFirst = function (f) { S.later(f); };
	S.later = function (f) {
		if (typeof setTimeout === "function") setTimeout(f, 0); else f();
	};

	/*
	 * whenDone(results): [{id, kind, inTitle, hits}] in rank order, the
	 * whole list; S.page(results, from, cb) adds url, title, text and pos
	 * to the PAGE of them from `from`. A query of one or two characters is
	 * one key, whose postings give every page, its hits and whether
	 * its title holds the key: no text is loaded until a page is shown.
	 * A longer query's candidates (the pages holding all its bigrams) are
	 * checked against their texts. first({n, top}), if given, is called
	 * first when a big key's file holds its count and first page: the
	 * whole list is then made after the page has shown them.
	 */
	S.query = function (raw, whenDone, first) {
		var q = S.normalize(raw), ks, own = null, done = false, firsted = false;
		S.checked = 0;
		S.unbounded = false;
		S.chained = false;
		if (!q) { whenDone([]); return; }
		function cb(r) { if (!done) { done = true; whenDone(r); } }
		/* The pages, hits and title hits of a key's value (parsed, or
		 * as written): after the first page has shown, if it has. */
		function answer(v) {
			whenShown(function () { return ranked(typeof v === "string" ? parse(v) : v); });
		}
		/* A count and first page h shows at once (first); once. */
		function showFirst(h) {
			if (!done && first && !firsted) {
				firsted = true;
				first(h);
			}
		}
		/* The whole list (list()), after the first page has painted
		 * if one has shown. */
		function whenShown(list) {
			thenAll(function () { if (!done) cb(list()); });
		}
		/* f(), which makes the whole list: after the first page has
		 * painted if one has shown. */
		function thenAll(f) {
			if (firsted) S.afterFirst(f);
			else f();
		}
		/* The first page of key file name, if it has one, without a
		 * round of title shards. */
		function firstFrom(name) {
			if (name && firsts[name]) showFirst(firstOf(firsts[name]));
		}
		/* The answer is key k's value (q's own, the string q's "="
		 * names, or the key whose chain q is on), with the first page
		 * of its file. */
		function answerBy(k) {
			resolve([k], function (v, own) { firstFrom(own[0]); answer(v[0]); });
		}
		/* Through lines: the count and first page h show, and the
		 * whole list (rest()) is made after they have painted. */
		function headed(h, rest) {
			showFirst(h);
			whenShown(rest);
		}
		ks = keys(q);
		/* Its own key may be a file of its own: if it is there, it is
		 * the answer, whatever comes first (a big value is always its
		 * key's own; a frequent string that refers to a big one has a
		 * file naming it, search_refs). With meta (search.html holds
		 * it) a key whose name is not in its filter has none, and the
		 * shards are asked for at once, not after that file is found
		 * missing. */
		if (Array.from(q).length <= FREQ_DENSE && (!meta || mayOwn(keyFile(q)))) {
			own = keyFile(q);
			preload(own);
			need([own], function () {
				var v = got[own], to;
				if (!v || done) return;
				firstFrom(own);
				/* a string that no key holds but many pages do
				 * (search_hot.c): its lines, as a key of lines
				 * has them, make the whole list */
				if (linesOnly(v)) {
					thenAll(function () {
						need(["meta"], function () {
							if (!done) viaLines(q, [parse(v)], cb, headed);
						});
					});
					return;
				}
				to = v.charAt(0) === "=" ? keyFile(v.slice(1)) : own;
				need([to, "meta"], function () {
					if (done) return;
					if (got[to] && meta) answer(got[to]);
					else viaShards();	/* the file it names is missing */
				});
			});
		} else if (meta && typeof meta.own === "string" && meta.own.length &&
		    Array.from(q).length <= FREQ_MAX && mayOwn(longFile(q))) {
			/* A sentence of many pages has a file too, named by a
			 * hash (search_hot.c, hot_long): "~" and its string,
			 * then its count and first page; the whole list comes
			 * from the shards after the page has painted. Only if
			 * the filter of names says so: without one, most
			 * sentences would ask for a file that is not there. */
			own = longFile(q);
			preload(own);
			need([own], function () {
				var v = got[own];
				if (!v || done) return;
				if (v !== "~" + q) { viaShards(); return; }	/* another's hash */
				firstFrom(own);
				thenAll(viaShards);
			});
		}
		/* Else the shards, named by meta.js. One or two characters, or a
		 * frequent string: its key, in its own shard (of its first bigram,
		 * or past FREQ_DENSE of its first FREQ_DENSE + 1 characters), is
		 * the answer, without waiting for the other keys' shards. */
		need(own ? [own, "meta"] : ["meta"], function () { if (!(own && got[own])) viaShards(); });
		function viaShards() {
			var s0;
			if (!meta) { cb([]); return; }
			s0 = "i" + shard(q);
			need([s0], function () {
				var v = value(q);
				if (!done && v !== undefined && !linesOnly(v)) answerBy(q);
			});
			step(Array.from(q).length <= FREQ_DENSE + 1 ? 3 : 0);
		}
		/* The shards of stage k (stage), then the answer if they give
		 * it, else the next stage's. */
		function step(k) {
			var list = stage(q, ks, k);
			S.stage = k;	/* for the tests */
			/* stage 2 sweeps while it finds places not loaded */
			if (k === 2 && list.length === 0) { step(3); return; }
			need(list, function () {
				if (!done && !byShards(k === 3)) step(k === 2 ? 2 : k + 1);
			});
		}
		/* Whether the loaded shards answer: all of them, at the last
		 * stage (doc/portal.md, "Bounds"). */
		function byShards(last) {
			var i;
			if (done) return true;
			for (i = 0; i < ks.length; i++)
				if (loaded("i" + shard(ks[i])) && value(ks[i]) === undefined) { cb([]); return true; }
			/* One or two characters, or a frequent string
			 * (search_freq.c, in the shard of its first bigram, or
			 * on the chain of a key in a shard of its bigrams): its
			 * key has the pages, hits and title hits. */
			var v = value(q), b;
			if (v !== undefined && !linesOnly(v)) {
				answerBy(q);
				return true;
			}
			if (v === undefined && (b = onChain(q)) !== null) {
				S.chained = true;	/* for the tests */
				answerBy(b);
				return true;
			}
			/* Else the lines of its substring of fewest lines, if
			 * one has a key of lines (at most FREQ_LINES lines), or
			 * of its bigrams in at most FREQ_LINES lines. If none
			 * has and some substring of FREQ_MAX characters is not
			 * frequent, no line holds the query; if every one is,
			 * the lines holding KEYS bigrams are checked
			 * (doc/portal.md, "Bounds"). */
			if ((b = fewest(q)) !== null) { viaLines(q, [parse(value(b))], cb, headed); return true; }
			/* A bigram in its shard (not a file of its own) in at
			 * most FREQ_LINES lines and SHORT titles: its lines and
			 * titles alone, without waiting for the others' files. */
			var there = ks.filter(function (k) { return loaded("i" + shard(k)); });
			if ((b = rareBigram(there)) !== null) { viaLines(q, [b], cb, headed); return true; }
			var rare = there.filter(function (k) { return lineCount(value(k)) <= FREQ_LINES; });
			if (rare.length) { resolve(rare, function (lists) { viaLines(q, lists, cb, headed); }); return true; }
			/* A piece of FREQ_DENSE whose keys are all loaded and
			 * that is not frequent: no line holds it. */
			if (!last) {
				if (!rarePiece(q)) return false;
				cb([]);
				return true;
			}
			if (!allFrequent(q)) { cb([]); return true; }
			S.unbounded = true;	/* for the tests of the bound */
			resolve(rarest(ks), function (lists) { viaLines(q, lists, cb, headed); });
			return true;
		}
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
		var v = raw(k), p;
		if (v === undefined || v.indexOf("\n") < 0) return ["", ""];
		p = v.split("\n");
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
	/* Whether some piece of FREQ_DENSE characters of q, with the shards
	 * of all its places loaded, is not a frequent string (its key, if
	 * any, has no pages): its shortest substring that is not frequent
	 * has a key of lines in them if a line holds it (doc/portal.md,
	 * "Bounds"), so if none is found no line holds q. */
	function rarePiece(q) {
		var c = Array.from(q), i, j, v;
		for (i = 0; i + FREQ_DENSE <= c.length; i++) {
			for (j = i; j < i + FREQ_DENSE - 1 && placeLoaded(c, j); j++)
				;
			if (j < i + FREQ_DENSE - 1) continue;
			v = value(c.slice(i, i + FREQ_DENSE).join(""));
			if (v === undefined || linesOnly(v)) return true;
		}
		return false;
	}
	var SHORT = 64;
	function rareBigram(ks) {
		var best = null, i, v, p;
		for (i = 0; i < ks.length; i++) {
			v = value(ks[i]);
			/* a file's mark: "@n", and its titles and lines if few
			 * (search.c, search_big_mark) */
			if (v.charAt(0) === "@" && (v = v.replace(/^@[0-9]*/, "")) === "") continue;
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
		var c = Array.from(q), best = null, most = Infinity, at = [], end = [], i, j, s, v, n;
		/* the places whose keys are loaded: up to FREQ_DENSE characters
		 * in the shard of their bigram, past it of their first
		 * FREQ_DENSE + 1; and from FREQ_DENSE those of lines, in the
		 * shard of their last FREQ_DENSE (raw) */
		for (i = 0; i + 1 < c.length; i++)
			at.push((placeLoaded(c, i) ? 1 : 0) |
			    (i + FREQ_DENSE < c.length && loaded("i" + shard(c.slice(i, i + FREQ_DENSE + 1).join(""))) ? 2 : 0));
		for (j = 0; j <= c.length; j++)
			end.push(j >= FREQ_DENSE && loaded("i" + endShard(c.slice(0, j))));
		for (i = 0; i + 2 < c.length; i++) {
			for (j = i + 3; j <= c.length && j - i <= FREQ_MAX; j++) {
				if (!(at[i] & (j - i > FREQ_DENSE ? 2 : 1)) && !(j - i >= FREQ_DENSE && end[j])) continue;
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
		var v = raw(k);
		return v === undefined || v.indexOf("\n") < 0 ? v : v.slice(0, v.indexOf("\n"));
	}
	/* A key's entry as written (its value and chains), or undefined; if
	 * its shard is not loaded, of FREQ_DENSE characters or more, its
	 * copy ("\n" and the key) in the shard of its last FREQ_DENSE, which
	 * a key with a chain to the left has (search.c, search_left_chain). */
	function raw(k) {
		var o = got["i" + shard(k)], c;
		if (o === undefined) {
			if ((c = Array.from(k)).length < FREQ_DENSE || (o = got["i" + endShard(c)]) === undefined)
				return undefined;
			k = "\n" + k;
		}
		return Object.prototype.hasOwnProperty.call(o, k) && o[k] !== "" ? o[k] : undefined;
	}
	/* The parsed values of keys (or "=" references to them) whose shards
	 * are loaded: "@" is in the file keyFile(k) (search_post.c, search_big).
	 * cb(values, the file each came from or ""). */
	function resolve(ks, cb) {
		var named = ks.map(function (k) {
			var v = value(k);
			return v !== undefined && v.charAt(0) === "=" ? v.slice(1) : k;
		});
		var unknown = named.filter(function (k) { return value(k) === undefined; });
		unknown.forEach(function (k) { if (!loaded("i" + shard(k)) && mayOwn(keyFile(k))) preload(keyFile(k)); });
		need(names(unknown, function (k) { return "i" + shard(k); }), function () {
			var own = named.map(function (k) { return (value(k) || "").charAt(0) === "@" ? keyFile(k) : ""; });
			need(own.filter(function (n) { return n; }), function () {
				cb(named.map(function (k, j) { return parse(own[j] ? got[own[j]] : value(k)); }), own);
			});
		});
	}
	/* The pages whose title or synonyms hold q, among those whose titles
	 * hold all its bigrams: cb({id: 1}). */
	function titled(q, lists, cb) {
		var ct = intersectAll(lists.map(function (l) { return l.title; }));
		need(names(ct, titleShard), function () {
			var inT = new Uint8Array(meta.docs + 1);	/* an object's missing keys were 100 ns each */
			ct.forEach(function (id) {
				var t = title(id);
				if (lower(t[0]).indexOf(q) >= 0 || lower(t[1]).indexOf(q) >= 0) inT[id] = 1;
			});
			cb(inT);
		});
	}
	/*
	 * The first page of the pages that may hold q: those holding all its
	 * bigrams whose values are in their loaded shards and all the keys
	 * of lists that have pages (none if no value has), best kind first,
	 * then most hits (the fewest a page has of those keys: it holds q
	 * no more often), then page order. A guess, for the title shards to
	 * ask for early: the lines decide. By kind and page order alone it
	 * missed: 无配偶以及与对方 at N=1000 asked for 14 title shards, of
	 * which its first page needed 2.
	 */
	function maybe(q, lists) {
		var ls = lists.filter(function (l) { return l.ids.length > 0; }), ids, hs, k, h;
		keys(q).forEach(function (k) {
			var v = Array.from(k).length === 2 ? value(k) : undefined, c;
			if (v === undefined || (c = v.charAt(0)) === "@" || c === "=" || linesOnly(v)) return;
			ls.push(parse(v));
		});
		if (!ls.length) return [];
		ls.sort(function (a, b) { return a.ids.length - b.ids.length; });
		ids = ls[0].ids;
		hs = ls[0].hits;
		for (k = 1; k < ls.length && ids.length; k++) {
			ids = intersect(ids, ls[k].ids, hs, ls[k].hits, h = []);
			hs = h;
		}
		return ids.map(function (id, i) { return [rank(kindOf(id)), -hs[i], id]; })
		    .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; })
		    .slice(0, PAGE).map(function (x) { return x[2]; });
	}
	/* The title shards of the pages that first used the lines cl,
	 * lowest first: lines are numbered in order of first use, so a line
	 * of shard k was first used by a page from ldocs[k] to ldocs[k + 1]
	 * (each written plus its shard's number: search_shard.c,
	 * shard_lines_meta). */
	function firstUsers(cl) {
		var n, out = [], seen = {};
		if (meta.ldocs === undefined) return out;
		n = startsIn("ldocs");
		/* the page that first used line shard k's first line (the
		 * last shard's lines: up to the last page) */
		function first(k) { return k + 1 < n ? startOf("ldocs", k + 1) - k - 1 : meta.docs - 1; }
		cl.forEach(function (id) {
			var k = lineShard(id), lo = Math.floor(first(k) / meta.titles),
			    hi = Math.floor(first(k + 1) / meta.titles), t;
			for (t = lo; t <= hi && t <= lo + 1; t++)
				if (!seen[t]) { seen[t] = 1; out.push(t); }
		});
		return out.sort(function (x, y) { return x - y; }).map(function (t) { return "t" + t; });
	}
	function intersectAll(lists) {
		var cand;
		lists = lists.slice().sort(function (a, b) { return a.length - b.length; });
		cand = lists[0];
		for (var i = 1; i < lists.length && cand.length; i++) cand = intersect(cand, lists[i]);
		return cand;
	}
	/* Adds c times each page's hits in a line's "ids[;hits]" to hits,
	 * and the pages not there before to ids: postings and hitsOf at
	 * once, without their lists (9:00 at N=10000: lines of 100,000
	 * pages). A page's work is a small function: in a cold page it is
	 * compiled after a few thousand calls, while the same loops written
	 * out here ran twice as long in chromium. */
	function addLine(s, c, hits, ids) {
		var semi = s.indexOf(";"), hs = semi < 0 ? "" : s.slice(semi + 1), hn = hs.length, hi = 0;
		eachId(s, semi < 0 ? s.length : semi, function (d) {
			var h = 1;		/* hitsOf's: "" when every one is 1 */
			if (hi < hn) {
				h = hitAt(hs, hi);
				hi = hitEnd;
			}
			if (!hits[d]) ids.push(d);
			hits[d] += c * h;
		});
	}
	/*
	 * A longer query: the distinct lines holding all its bigrams are
	 * checked (a page holds the query iff one of its lines does), and
	 * each page's hits are the hits of its lines times how often it
	 * holds them; title hits are checked in the title shards of the
	 * pages whose titles hold all its bigrams.
	 */
	function viaLines(q, lists, cb, head) {
		var cl = intersectAll(lists.map(function (l) { return l.lines; })), ahead;
		S.checked = cl.length;		/* for the tests of the bound */
		/* the title shards of the title candidates with the lines */
		names(intersectAll(lists.map(function (l) { return l.title; })), titleShard).forEach(preload);
		/* and those of the first page, which come with the lines,
		 * not a round of files after them: a key of lines names the
		 * title shards of its own first page, and a query holding it
		 * mostly has its pages (search_post.c, search_hint); else
		 * those of the first page of the pages that may hold q; else
		 * (its bigrams too common for maybe) those of the pages that
		 * first used its lines, each of which holds its line */
		if (lists.length === 1 && lists[0].hint) lists[0].hint.forEach(function (t) { preload("t" + t); });
		else if ((ahead = maybe(q, lists)).length) names(ahead, titleShard).forEach(preload);
		else firstUsers(cl).slice(0, FREQ_LINES).forEach(preload);
		need(names(cl, function (id) { return "l" + lineShard(id); }), function () {
			var hits = new Float64Array(meta.docs + 1), ids = [];
			cl.forEach(function (id) {
				var l = line(id), c = count(lower(l[0]), q);
				if (c) addLine(l[1], c, hits, ids);	/* else bigrams matched, the line does not */
			});
			titled(q, lists, function (inT) {
				var n = ids.length, v = { ids: new Int32Array(n), hits: new Float64Array(n), inT: inT }, d, j, r;
				/* in page order: many pages are read in order, few sorted */
				if (n > meta.docs / 16) {
					for (d = 0, j = 0; d < hits.length; d++)
						if (hits[d]) { v.ids[j] = d; v.hits[j++] = hits[d]; }
				} else {
					v.ids.set(ids);
					v.ids.sort();
					for (j = 0; j < n; j++) v.hits[j] = hits[v.ids[j]];
				}
				r = ranking(v, head && n > PAGE ? PAGE : 0);
				if (!r.top.length) { cb(whole(r, [])); return; }
				head({ n: r.n, top: r.top }, function () { return whole(r, r.top); });
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
	/* The PAGE of results from `from` of total: their titles and links
	 * as soon as their title shards are loaded (or at once, those of a
	 * key file's first page), then done(); their snippets once their
	 * texts are, asked for after the page has painted. all(f) gives f
	 * the whole list, for the next PAGE. */
	function show(list, res, total, all, q, from, done) {
		var part = res.slice(from, from + PAGE), ps = [];
		need(names(part.filter(function (r) { return r.url === undefined; }),
		    function (r) { return titleShard(r.id); }), function () {
			var i, r, t, li, a, k, p, next = from + part.length;
			for (i = 0; i < part.length; i++) {
				r = part[i];
				t = r.url !== undefined ? [r.title, "", r.url] : title(r.id);
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
			if (next < total) {
				var b = document.createElement("button");
				b.type = "button";
				b.id = "more";
				b.className = "more";
				b.textContent = "显示更多（还有 " + (total - next) + " 条）";
				b.addEventListener("click", function () {
					b.disabled = true;
					all(function (r) { show(list, r, total, all, q, next); });
				});
				list.parentNode.insertBefore(b, list.nextSibling);
			}
			if (done) done();
			S.later(function () {
				need(["meta"], function () {
					S.page(part, 0, q, function (filled) {
						filled.forEach(function (f, j) { marked(ps[j], snippet(f, q), q); });
					});
				});
			});
		});
	}
	/* f() once the page is read (search.js runs in its <head>). */
	function whenRead(f) {
		if (document.readyState !== "loading") f();
		else document.addEventListener("DOMContentLoaded", f);
	}
	/* The query starts at once; the count shows with the first page of
	 * results (their titles and links), not before: a big key's file
	 * has both (S.query's first), else the whole list gives them. */
	S.run = function () {
		var q = new URLSearchParams(location.search).get("q") || "", res = null, head = null,
		    read = false, shown = false, counted = false, after = [], wait = [],
		    held = document.getElementById("ybt-search-meta");
		/* A big key's file can come before the page is read: the
		 * whole list (100,000 pages: 100 ms and more) is made after
		 * the count shows, not before it. */
		S.afterFirst = function (f) { if (counted) S.later(f); else after.push(f); };
		function all(f) { if (res !== null) f(res); else wait.push(f); }
		function both() {
			var list = document.getElementById("search-results"),
			    status = document.getElementById("search-status"), n;
			if (!list || !status || (res === null && head === null) || !read || shown) return;
			shown = true;
			n = res !== null ? res.length : head.n;
			list.textContent = "";
			show(list, res !== null ? res : head.top, n, all, S.normalize(q), 0, function () {
				status.textContent = n ? "“" + q.trim() + "”共找到 " + n + " 条结果。" :
				    "没有找到包含“" + q.trim() + "”的内容。请换一个词，例如“出生”“营业执照”。";
				counted = true;
				after.splice(0).forEach(S.later);
			});
		}
		/* search.html holds meta.js's object (search.c, search_write),
		 * before this script: the shards are named without a round
		 * of files for it */
		if (held && !meta)
			try { S.meta(JSON.parse(held.textContent)); } catch (e) { }
		whenRead(function () {
			var input = document.getElementById("q"), status = document.getElementById("search-status");
			if (!input || !status) return;
			input.value = q;
			read = true;
			if (!S.normalize(q)) { status.textContent = "请输入要查找的内容。"; return; }
			if (res === null && head === null) status.textContent = "正在查找……";
			both();
		});
		if (S.normalize(q))
			S.query(q, function (r) {
				res = r;
				/* the first page's titles, while the page is read */
				if (!shown) need(names(r.slice(0, PAGE), function (x) { return titleShard(x.id); }), function () {});
				wait.splice(0).forEach(function (f) { f(r); });
				both();
			}, function (h) { head = h; both(); });
		/* meta.js, after the query's own key file, if the page does
		 * not hold it (serve's first pass) */
		preload("meta");
	};
	/* On search.html (in its <head>): the query starts now. */
	if (typeof document !== "undefined" && typeof location !== "undefined")
		S.run();
	return S;
}());
