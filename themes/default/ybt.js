/*
 * ybt.js — the 适老化 switches: large text and high contrast, kept in
 * localStorage (works from file:// too). Loaded in <head> so the page
 * never flashes in the wrong mode; the buttons stay hidden without JS.
 */
(function () {
	"use strict";
	var KEY = "ybt-modes", root = document.documentElement, m = {};
	try {
		m = JSON.parse(window.localStorage.getItem(KEY) || "{}") || {};
	} catch (e) {
		m = {};
	}
	function apply() {
		root.classList.toggle("large", !!m.large);
		root.classList.toggle("contrast", !!m.contrast);
	}
	function save() {
		try {
			window.localStorage.setItem(KEY, JSON.stringify(m));
		} catch (e) { /* private mode: the switch still works here */ }
	}
	apply();
	document.addEventListener("DOMContentLoaded", function () {
		var box = document.getElementById("modes");
		if (!box)
			return;
		box.hidden = false;
		[["mode-large", "large"], ["mode-contrast", "contrast"]].forEach(function (p) {
			var b = document.getElementById(p[0]);
			b.setAttribute("aria-pressed", m[p[1]] ? "true" : "false");
			b.addEventListener("click", function () {
				m[p[1]] = !m[p[1]];
				save();
				apply();
				b.setAttribute("aria-pressed", m[p[1]] ? "true" : "false");
			});
		});
	});
}());
