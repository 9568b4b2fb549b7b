/*
 * unit.c — unit tests of the HTML back end's pieces: the sanitizer,
 * the search text rule and the QR matrix. Prints ok/FAIL lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../compiler/util.h"
#include "../../compiler/sanitize.h"
#include "../../compiler/html.h"
#include "../../compiler/qr.h"

static int fails;

static void
result(const char *name, int ok, const char *why)
{
	if (ok)
		printf("ok %s\n", name);
	else {
		printf("FAIL %s: %s\n", name, why);
		fails++;
	}
}

static char *
clean(const char *in)
{
	struct buf b;

	buf_init(&b);
	sanitize_html(&b, in, strlen(in), 3, NULL, NULL);
	return b.data ? buf_detach(&b) : xstrdup("");
}

int
main(void)
{
	static const char *const evil[] = {
		"<p onclick=\"steal()\">x</p>",
		"<script>alert(1)</script>",
		"<SCRIPT SRC=//evil/x.js></SCRIPT>",
		"<a href=\"javascript:alert(1)\">a</a>",
		"<a href=\"JaVaScRiPt:alert(1)\">a</a>",
		"<a href=\"java&#x09;script:alert(1)\">a</a>",
		"<a href=\" javascript:alert(1)\">a</a>",
		"<img src=x onerror=alert(1)>",
		"<iframe src=\"https://evil/\"></iframe>",
		"<svg onload=alert(1)><script>alert(1)</script></svg>",
		"<style>body{background:url(javascript:x)}</style>",
		"<div style=\"background:url(javascript:x)\">s</div>",
		"<a href=\"data:text/html,<script>alert(1)</script>\">d</a>",
		"<form action=\"https://evil/\"><input name=a></form>",
		"<object data=\"x.swf\"></object><embed src=\"x\">",
		"<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
		"<p>ok<!-- <script>alert(1)</script> --></p>",
		"<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
		"<base href=\"javascript:/\">",
		"<a href=\"vbscript:msgbox(1)\">v</a>",
	};
	static const char *const banned[] = { "script", "onclick", "onerror",
	    "onload", "javascript", "iframe", "style", "data:", "<form",
	    "<object", "<embed", "<meta", "<base", "vbscript", "<svg", "<math" };
	size_t i, j;
	char *out, why[512];
	int ok = 1;
	struct buf b;

	for (i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
		out = clean(evil[i]);
		for (j = 0; j < sizeof(banned) / sizeof(banned[0]); j++)
			if (strcasestr(out, banned[j]) != NULL) {
				snprintf(why, sizeof(why), "%s → %s", evil[i], out);
				ok = 0;
			}
		free(out);
	}
	result("sanitize-dangerous", ok, why);

	out = clean("<p>一<span title=\"t\">二<strong>三</p><table><tr><th>甲</th></tr></table>");
	result("sanitize-balanced",
	    strcmp(out, "<p>一<span title=\"t\">二<strong>三</strong></span></p>"
	    "<table><tr><th>甲</th></tr></table>") == 0 ||
	    (strstr(out, "</strong></span></p>") && strstr(out, "<th>甲</th>")), out);
	free(out);

	out = clean("<h1>大标题</h1><a href=\"https://www.gz.gov.cn/\" onmouseover=\"x\">政府</a><br>");
	result("sanitize-keeps", strstr(out, "<h3>大标题</h3>") &&
	    strstr(out, "<a href=\"https://www.gz.gov.cn/\">政府</a><br>") &&
	    !strstr(out, "onmouseover"), out);
	free(out);

	buf_init(&b);
	{
		const char *h = "<h1>标 题</h1>\n<p>甲&amp;乙 <strong>丙</strong>丁</p><svg><text>图</text></svg>"
		    "<table><tr><td>9:00</td><td>17:30</td></tr></table>";

		search_text(&b, h, strlen(h));
	}
	result("search-text-rule", b.data && strcmp(b.data,
	    "标 题\n甲&乙 丙丁\n9:00\n17:30") == 0, b.data ? b.data : "(null)");
	buf_free(&b);

	{
		struct qr *q = qr_encode("https://www.gz.gov.cn/ybt/gz/guide/x.html");

		result("qr-matrix", q && q->width >= 21 && (q->width - 17) % 4 == 0 &&
		    qr_dark(q, 0, 0) && qr_dark(q, 6, 6) && !qr_dark(q, 7, 7) &&
		    !qr_dark(q, -1, 0), "bad matrix");
		qr_free(q);
		result("qr-empty", qr_encode("") == NULL, "empty text gave a code");
	}
	{
		/* Level L (the portal) is never bigger than M (print), and
		 * smaller for this 49-byte URL: version 3, not 4. */
		const char *u = "https://zwfw.bench.example.gov.cn/item/bdcdj-00044";
		struct qr *m = qr_encode(u), *l = qr_encode_screen(u);

		result("qr-screen-level", m && l && m->width == 33 &&
		    l->width == 29, "unexpected versions");
		qr_free(m);
		qr_free(l);
	}
	return fails ? 1 : 0;
}
