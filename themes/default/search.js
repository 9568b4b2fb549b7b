/*
 * search.js — the portal's search, no framework and no network: the
 * index shards written by ybt (search/i*.js, d*.js) are loaded with
 * <script> tags, so it works from file://. A query's unigram (one
 * character) or bigrams narrow the candidates; each candidate is then
 * checked against its stored text, so every result really contains
 * the query. Titles rank first. The shard of a key is
 * (c1 * 31 + c2) % n over code points, as in search.c.
 */
var ybtSearch = (function () {
	"use strict";
	var S = {}, meta = null, idx = {}, docs = {}, started = {}, waiting = {};

	S.base = "search/";
	/* search/meta.js, loaded after this file, starts the search page. */
	S.meta = function (m) {
		meta = m;
		if (typeof document !== "undefined" && document.getElementById("search-results"))
			S.run();
	};
	S.idx = function (n, o) { idx[n] = o; ready("i" + n); };
	S.docs = function (n, a) { docs[n] = a; ready("d" + n); };

	function ready(name) {
		var w = waiting[name] || [];
		delete waiting[name];
		w.forEach(function (f) { f(); });
	}
	function loaded(name) {
		return name.charAt(0) === "i" ? idx[name.slice(1)] !== undefined :
		    docs[name.slice(1)] !== undefined;
	}
	/* Browser loader; tests replace it. A missing shard counts as empty. */
	S.load = function (name) {
		var s = document.createElement("script");
		s.src = S.base + name + ".js";
		s.onerror = function () {
			if (name.charAt(0) === "i") idx[name.slice(1)] = {};
			else docs[name.slice(1)] = [];
			ready(name);
		};
		document.head.appendChild(s);
	};
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
	function keys(q) {
		var c = Array.from(q), k = [], seen = {}, i, s;
		if (c.length === 1) return [c[0]];
		for (i = 0; i + 1 < c.length; i++) {
			s = c[i] + c[i + 1];
			if (!seen[s]) { seen[s] = 1; k.push(s); }
		}
		return k;
	}
	function shard(k) {
		var c = Array.from(k), c1 = c[0].codePointAt(0), c2 = c.length > 1 ? c[1].codePointAt(0) : 0;
		return (c1 * 31 + c2) % meta.n;
	}
	/* A key's document ids (search.c, search_postings): "*" and a
	 * bitmap, 6 ids per character; or base-36 gaps, where "g~r" adds r
	 * consecutive ids after the one at gap g. */
	var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	function postings(s) {
		var out = [], last = 0, i, j, v;
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
	function intersect(a, b) {
		var out = [], i = 0, j = 0;
		while (i < a.length && j < b.length) {
			if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
			else if (a[i] < b[j]) i++;
			else j++;
		}
		return out;
	}
	function docShard(id) {
		var lo = 0, hi = meta.starts.length - 1, mid;
		while (lo < hi) {
			mid = (lo + hi + 1) >> 1;
			if (meta.starts[mid] <= id) lo = mid; else hi = mid - 1;
		}
		return lo;
	}
	function count(t, q) {
		var n = 0, p = t.indexOf(q);
		while (p >= 0) { n++; p = t.indexOf(q, p + q.length); }
		return n;
	}
	var KIND = { "一件事": 0, "事项": 1, "办理地点": 2 };
	function rank(k) { return KIND.hasOwnProperty(k) ? KIND[k] : 3; }

	/* cb(results): [{id, url, title, kind, text, pos, inTitle, hits}] */
	S.query = function (raw, cb) {
		var q = S.normalize(raw), ks;
		if (!q || !meta) { cb([]); return; }
		ks = keys(q);
		need(ks.map(function (k) { return "i" + shard(k); }).filter(function (v, i, a) {
			return a.indexOf(v) === i;
		}), function () {
			var lists = [], cand, i, ds;
			for (i = 0; i < ks.length; i++) {
				var p = (idx[shard(ks[i])] || {})[ks[i]];
				if (p === undefined) { cb([]); return; }
				lists.push(postings(p));
			}
			lists.sort(function (a, b) { return a.length - b.length; });
			cand = lists[0];
			for (i = 1; i < lists.length && cand.length; i++) cand = intersect(cand, lists[i]);
			ds = cand.map(function (id) { return "d" + docShard(id); }).filter(function (v, j, a) {
				return a.indexOf(v) === j;
			});
			need(ds, function () {
				var res = [];
				cand.forEach(function (id) {
					var n = docShard(id), d = docs[n][id - meta.starts[n]], t = lower(d[3]), pos = t.indexOf(q);
					if (pos < 0) return;		/* bigrams matched, text does not */
					/* A synonym (d[4]) holding the query counts as a title hit. */
					res.push({ id: id, url: d[0], title: d[1], kind: d[2], text: d[3], pos: pos,
					    inTitle: lower(d[1]).indexOf(q) >= 0 || lower(d[4] || "").indexOf(q) >= 0,
					    hits: count(t, q) });
				});
				res.sort(function (a, b) {
					return (b.inTitle - a.inTitle) || (rank(a.kind) - rank(b.kind)) ||
					    (b.hits - a.hits) || (a.id - b.id);
				});
				cb(res);
			});
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
	var PAGE = 30;
	function show(list, status, res, q, from) {
		var i, r, li, a, k, p;
		for (i = from; i < res.length && i < from + PAGE; i++) {
			r = res[i];
			li = document.createElement("li");
			a = document.createElement("a");
			a.href = r.url;
			marked(a, r.title, q);
			li.appendChild(a);
			k = document.createElement("span");
			k.className = "kind";
			k.textContent = r.kind;
			li.appendChild(k);
			p = document.createElement("p");
			marked(p, snippet(r, q), q);
			li.appendChild(p);
			list.appendChild(li);
		}
		var old = document.getElementById("more");
		if (old) old.parentNode.removeChild(old);
		if (i < res.length) {
			var b = document.createElement("button");
			b.type = "button";
			b.id = "more";
			b.className = "more";
			b.textContent = "显示更多（还有 " + (res.length - i) + " 条）";
			b.addEventListener("click", function () { show(list, status, res, q, i); });
			list.parentNode.insertBefore(b, list.nextSibling);
		}
	}
	S.run = function () {
		var input = document.getElementById("q"), list = document.getElementById("search-results"),
		    status = document.getElementById("search-status"), q;
		if (!input || !list) return;
		q = new URLSearchParams(window.location.search).get("q") || "";
		input.value = q;
		if (!S.normalize(q)) { status.textContent = "请输入要查找的内容。"; return; }
		status.textContent = "正在查找……";
		S.query(q, function (res) {
			list.textContent = "";
			status.textContent = res.length ? "“" + q.trim() + "”共找到 " + res.length + " 条结果。" :
			    "没有找到包含“" + q.trim() + "”的内容。请换一个词，例如“出生”“营业执照”。";
			show(list, status, res, S.normalize(q), 0);
		});
	};
	return S;
}());
