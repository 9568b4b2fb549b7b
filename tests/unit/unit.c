/*
 * unit.c — unit tests of the tricky pieces: encoding detection, the
 * alias table, YAML positions, reference resolution, checklist merging,
 * reductions, inheritance, the procedure layout and the display list's
 * spool. Prints "ok NAME" or
 * "FAIL NAME: why" per test, as tests/run expects.
 * Run from the repository root (it reads tests/regress/base).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/util.h"
#include "../../compiler/diag.h"
#include "../../compiler/source.h"
#include "../../compiler/keys.h"
#include "../../compiler/model.h"
#include "../../compiler/present.h"
#include "../../compiler/zhtext.h"
#include "../../compiler/md.h"
#include "../../compiler/dlist.h"
#include "../../compiler/qr.h"

#include <qrencode.h>

/* Exported by libqrencode 4, not declared in qrencode.h (see qr.c). */
QRcode	*QRcode_encodeMask(QRinput *, int);

static int failed;

#define CHECK(name, cond, ...) do { \
	if (cond) \
		printf("ok unit/%s\n", name); \
	else { \
		printf("FAIL unit/%s: ", name); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		failed++; \
	} \
} while (0)

static int
decode(const char *raw, size_t len, char **out, enum encoding *enc)
{
	size_t n;
	int rc = source_decode("t.md", raw, len, out, &n, enc);

	return rc;
}

static void
test_encodings(void)
{
	char *t = NULL;
	enum encoding e;
	/* 样例 in UTF-8, GBK, UTF-16LE with BOM. */
	const char utf8[] = "id: \xe6\xa0\xb7\xe4\xbe\x8b\r\n";
	const char gbk[] = "id: \xd1\xf9\xc0\xfd\n";
	const char u16[] = "\xff\xfe" "i\0d\0:\0 \0\x37\x68\x8b\x4f\n\0";
	const char bom[] = "\xef\xbb\xbfid: x\n";
	const char bad[] = "id: \xe6\xa0\xb7\xe4\xbe\x8b\n\xe6\xa0\xb7\xff\n";
	const char nul[] = "id: x\0y\n";

	CHECK("encoding-utf8", decode(utf8, sizeof(utf8) - 1, &t, &e) == 0 &&
	    e == ENC_UTF8 && strcmp(t, "id: 样例\n") == 0,
	    "got enc %d text %s", e, t ? t : "(null)");
	free(t); t = NULL;
	CHECK("encoding-gbk", decode(gbk, sizeof(gbk) - 1, &t, &e) == 0 &&
	    e == ENC_GB18030 && strcmp(t, "id: 样例\n") == 0,
	    "got enc %d text %s", e, t ? t : "(null)");
	free(t); t = NULL;
	CHECK("encoding-utf16le", decode(u16, sizeof(u16) - 1, &t, &e) == 0 &&
	    e == ENC_UTF16LE && strcmp(t, "id: 样例\n") == 0,
	    "got enc %d text %s", e, t ? t : "(null)");
	free(t); t = NULL;
	CHECK("encoding-bom", decode(bom, sizeof(bom) - 1, &t, &e) == 0 &&
	    e == ENC_UTF8_BOM && strcmp(t, "id: x\n") == 0, "got enc %d", e);
	free(t); t = NULL;
	CHECK("encoding-bad-utf8", decode(bad, sizeof(bad) - 1, &t, &e) == 1,
	    "broken UTF-8 with real UTF-8 text must be an error");
	CHECK("encoding-nul", decode(nul, sizeof(nul) - 1, &t, &e) == 1,
	    "NUL must be an error");
	diag_reset();
}

static void
test_keys(void)
{
	size_t n;
	const struct keydef *t = keys_table(KIND_MATTER, &n);
	int all = 1;

	for (size_t i = 0; i < n; i++)
		all &= keys_find(KIND_MATTER, t[i].en) == (int)i &&
		    keys_find(KIND_MATTER, t[i].zh) == (int)i;
	CHECK("alias-roundtrip", all, "every key and alias finds itself");
	CHECK("alias-zh", keys_find(KIND_MATTER, "事项名称") ==
	    keys_find(KIND_MATTER, "title"), "事项名称 is title");
	CHECK("alias-unknown", keys_find(KIND_MATTER, "tittle") == -1,
	    "tittle is not a key");
	/* No two keys of one kind share a spelling. */
	for (int k = 0; k < KIND__MAX; k++) {
		t = keys_table((enum kind)k, &n);
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < i; j++)
				if (!strcmp(t[i].en, t[j].en) ||
				    !strcmp(t[i].zh, t[j].zh) ||
				    !strcmp(t[i].en, t[j].zh))
					all = 0;
	}
	CHECK("alias-unique", all, "a spelling is used twice in one table");
}

static void
test_yaml_positions(void)
{
	const char y[] = "a: 1\nlist:\n  - x\n  - {k: v}\n";
	struct ynode *n = source_yaml("t.md", y, sizeof(y) - 1, 10);
	const struct ynode *l = ynode_get(n, "list");

	CHECK("yaml-positions", n && l && l->n == 2 &&
	    l->kids[0]->loc.line == 12 && l->kids[0]->loc.col == 5 &&
	    l->kids[1]->loc.line == 13, "list entries at 12:5 and 13:x");
	ynode_free(n);
	n = source_yaml("t.md", "a: &x 1\nb: *x\n", 14, 1);
	CHECK("yaml-anchor-refused", n == NULL && diag_count(DIAG_ERROR) > 0,
	    "anchors must be refused");
	diag_reset();
}

static const struct checkline *
line_of(const struct guide *g, const char *name, const char *form)
{
	for (size_t i = 0; i < g->nchecklist; i++)
		if (!strcmp(g->checklist[i].name, name) &&
		    str_eq(g->checklist[i].form, form))
			return &g->checklist[i];
	return NULL;
}

static void
test_model(void)
{
	struct edition *ed = model_load("tests/regress/base/ed");
	const struct guide *g = ed ? model_guide(ed, "newborn") : NULL;
	const struct checkline *c;
	const struct procedure *p;

	CHECK("model-clean", ed && diag_count(DIAG_ERROR) == 0 &&
	    diag_count(DIAG_WARNING) == 0, "base edition must be clean");
	if (g == NULL) {
		CHECK("model-guide", 0, "no guide newborn");
		return;
	}
	CHECK("resolve-matters", g->nmatters == 3 &&
	    g->matters[1] == model_matter(ed, "hukou"),
	    "guide matters resolved in order");
	CHECK("resolve-offices-default", g->noffices == 2 &&
	    !strcmp(g->offices[0]->it.id, "city-hall") &&
	    !strcmp(g->offices[1]->it.id, "police"),
	    "default offices: union of matters' in order");
	c = line_of(g, "居民身份证", "原件");
	CHECK("checklist-merge", c && c->nmatters == 2 && !c->shared &&
	    g->nchecklist == 5, "身份证 needed by 2 matters, 5 lines");
	c = line_of(g, "居民户口簿", "原件");
	CHECK("checklist-shared", c && c->shared, "户口簿 免提交");
	c = line_of(g, "结婚证", "原件");
	CHECK("checklist-condition", c && !c->required && c->condition &&
	    !strcmp(c->condition, "父母已婚的"), "conditional material");
	CHECK("reductions", g->red.materials_before == 6 &&
	    g->red.materials_after == 3 && g->red.days_before == 4 &&
	    g->red.days_after == 3 && g->red.visits_before == 2 &&
	    g->red.visits_after == 1 && g->red.steps_before ==
	    MODEL_DEFAULT_STEPS + 3 + MODEL_DEFAULT_STEPS &&
	    g->red.steps_after == 5, "got %d→%d %d→%d %d→%d %d→%d",
	    g->red.materials_before, g->red.materials_after,
	    g->red.days_before, g->red.days_after, g->red.visits_before,
	    g->red.visits_after, g->red.steps_before, g->red.steps_after);
	p = model_procedure(ed, "newborn-flow");
	CHECK("layout-layers", p && p->nlayers == 4 && p->maxwidth == 2 &&
	    p->steps[0].layer == 0 && p->steps[1].layer == 1 &&
	    p->steps[2].layer == 1 && p->steps[3].layer == 2 &&
	    p->steps[4].layer == 3 && p->steps[1].pos != p->steps[2].pos,
	    "layers 0,1,1,2,3 with the branch side by side");
	CHECK("consult-default", !strcmp(model_matter(ed, "hukou")->consult,
	    "12345"), "consult defaults to the hotline");
	CHECK("stages", ed->nstages == 1 && ed->stages[0].nguides == 1,
	    "one stage");
	CHECK("departments", ed->ndepartments == 3 &&
	    strcmp(ed->departments[0].name, ed->departments[1].name) < 0,
	    "three departments sorted");
	diag_reset();
}

static void
test_inheritance(void)
{
	struct edition *th = model_load("tests/work/unit-guides/th");
	struct edition *ed = th ? th->base : NULL;
	const struct guide *g, *gb;

	if (th == NULL || ed == NULL) {
		CHECK("inherit-load", 0, "district did not load");
		return;
	}
	g = model_guide(th, "newborn");
	gb = model_guide(ed, "newborn");
	CHECK("inherit-guide", g && gb && g != gb && g->it.file == gb->it.file,
	    "inherited guide is the base's item, copied for the district");
	CHECK("inherit-override", g && !strcmp(g->matters[2]->title,
	    "城乡居民医保参保登记（区）") && g->matters[2]->it.overrides &&
	    !strcmp(gb->matters[2]->title, "城乡居民基本医疗保险参保登记"),
	    "district guide sees the district's matter; the city's does not");
	CHECK("inherit-exclude", model_office(th, "spare") == NULL &&
	    model_office(ed, "spare") != NULL, "excluded office is gone");
	CHECK("inherit-shared-office", model_office(th, "police") ==
	    model_office(ed, "police"), "offices are shared, not copied");
	CHECK("inherit-clean", diag_count(DIAG_ERROR) == 0,
	    "district loads without errors");
	diag_reset();
}

/* The one wording of shared facts (present.c). */
static void
test_present(void)
{
	struct buf b;
	struct reductions r = { 14, 6, 35, 5, 3, 1, 20, 4 };
	struct present_red_row rows[RED__MAX];

	buf_init(&b);
	present_days(&b, 0);
	CHECK("present-days-0", strcmp(b.data, "即办") == 0, "got %s", b.data);
	b.len = 0; b.data[0] = '\0';
	present_time_limit(&b, 20, 0, "即办件");
	CHECK("present-time-limit-0", strcmp(b.data,
	    "法定 20 个工作日，承诺即办（即办件）") == 0, "got %s", b.data);
	b.len = 0; b.data[0] = '\0';
	present_time_limit(&b, 0, 0, NULL);
	CHECK("present-time-limit-00", strcmp(b.data, "即办") == 0, "got %s",
	    b.data);
	CHECK("present-percent-2of3", present_red_percent(3, 1) == 67,
	    "3 → 1 gives %d%%", present_red_percent(3, 1));
	CHECK("present-percent-half-up", present_red_percent(8, 7) == 13 &&
	    present_red_percent(14, 6) == 57 && present_red_percent(0, 0) == -1
	    && present_red_percent(2, 3) == -1 && present_red_percent(5, 5) == 0,
	    "8 → 7 %d, 14 → 6 %d", present_red_percent(8, 7),
	    present_red_percent(14, 6));
	b.len = 0; b.data[0] = '\0';
	present_red_sentence(&b, &r);
	CHECK("present-red-sentence", strcmp(b.data, "材料 14 → 6 份，时限 35 → "
	    "5 个工作日，跑动 3 → 1 次，环节 20 → 4 个。") == 0, "got %s", b.data);
	present_red_rows(&r, rows);
	b.len = 0; b.data[0] = '\0';
	present_red_saving(&b, &rows[RED_VISITS]);
	CHECK("present-red-saving", strcmp(b.data, "2 次（67%）") == 0,
	    "got %s", b.data);
	b.len = 0; b.data[0] = '\0';
	present_date(&b, "2026-11-05");
	CHECK("present-date", strcmp(b.data, "2026年11月5日") == 0, "got %s",
	    b.data);
	buf_free(&b);
}

/* Quotes in Chinese text (zhtext.c): which pairs, and never in code. */
static void
test_quotes(void)
{
	static const struct { const char *in, *out; } c[] = {
		{ "新生儿出生\"一件事\"", "新生儿出生“一件事”" },
		{ "\"粤省事\"小程序", "“粤省事”小程序" },
		{ "勾选\"生育登记\"\"夫妻投靠入户\"的", "勾选“生育登记”“夫妻投靠入户”的" },
		{ "He said \"yes\" twice", NULL },
		{ "it's the 'A' form", NULL },
		{ "称'一窗受理'模式", "称‘一窗受理’模式" },
		{ "通过\"穗好办\"APP 或 'Sui' app", "通过“穗好办”APP 或 'Sui' app" },
		{ "他说\"你好", NULL },
		{ "没有引号", NULL },
	};
	struct md_node *d;
	struct buf b;
	char *t;
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char name[32];

		t = zh_quotes(c[i].in);
		snprintf(name, sizeof(name), "quotes-%zu", i);
		CHECK(name, (t == NULL && c[i].out == NULL) || (t && c[i].out &&
		    strcmp(t, c[i].out) == 0), "%s gave %s", c[i].in,
		    t ? t : "(unchanged)");
		free(t);
	}
	CHECK("quotes-unpaired", zh_quote_unpaired("他说\"你好") == 6 &&
	    zh_quote_unpaired("“好”\"对\"") == -1, "offset %ld",
	    zh_quote_unpaired("他说\"你好"));
	t = zh_quotes_markdown("出生\"一件事\"见 `\"代码\"` 和 [链接](http://x \"标题\")。\n\n```\n\"中文\"\n```\n");
	CHECK("quotes-markdown", t && strcmp(t, "出生“一件事”见 `\"代码\"` 和 "
	    "[链接](http://x \"标题\")。\n\n```\n\"中文\"\n```\n") == 0, "got %s",
	    t ? t : "(unchanged)");
	free(t);
	d = md_parse("出生\"一件事\"见 `\"代码\"`，**\"加粗\"**和\"*强调*\"。\n", "t.md", 1);
	zh_quotes_md(d);
	buf_init(&b);
	md_plain(d, &b);
	CHECK("quotes-md-tree", b.data && strcmp(b.data, "出生“一件事”见 \"代码\"，"
	    "**“加粗”**和“强调”。\n") == 0, "got %s", b.data ? b.data : "");
	buf_free(&b);
	md_free(d);
}

/* Pages spooled to a file come back as they were, one at a time; what
 * is not a page's (outline titles) stays in memory. */
static void
test_spool(void)
{
	struct dlist		*dl = dl_new(100, 100);
	const struct dl_page	*p;
	struct dl_item		*it;
	float			*pts;
	int			 i;

	CHECK("spool-open", dl_spool_open(dl, "tests/work/unit.dlist") == 0,
	    "cannot make tests/work/unit.dlist");
	dl_add_page(dl);
	it = dl_add(dl, 0, DL_TEXT);
	it->text = dl_strdup(dl, "一件事", strlen("一件事"));
	it->face = 2;
	it->x = 1.5f;
	it = dl_add(dl, 0, DL_PATH);
	pts = dl_floats(dl, 6);
	for (i = 0; i < 6; i++)
		pts[i] = (float)i + 0.25f;
	it->pts = pts;
	it->npts = 3;
	dl_add_page(dl);		/* no items */
	dl_add_outline(dl, 0, "第一部分", dl_add_dest(dl, 0, 5));
	CHECK("spool-first", dl_spool(dl) == 0 && dl->pages[0].items == NULL &&
	    dl->arena == NULL, "pages or strings left in memory");
	dl_add_page(dl);
	it = dl_add(dl, 2, DL_LINK);
	it->uri = dl_strdup(dl, "https://example.org/", 20);
	CHECK("spool-page-in-memory", dl_page(dl, 2) == &dl->pages[2],
	    "an unspooled page is not read in place");
	CHECK("spool-second", dl_spool(dl) == 0, "second spool failed");
	p = dl_page(dl, 0);
	CHECK("spool-text", p->nitems == 2 && p->items[0].type == DL_TEXT &&
	    strcmp(p->items[0].text, "一件事") == 0 &&
	    p->items[0].face == 2 && p->items[0].x == 1.5f &&
	    p->items[0].uri == NULL && p->items[0].pts == NULL,
	    "page 0 read back wrong");
	CHECK("spool-points", p->nitems == 2 && p->items[1].npts == 3 &&
	    p->items[1].pts[0] == 0.25f && p->items[1].pts[5] == 5.25f &&
	    p->items[1].text == NULL, "path read back wrong");
	CHECK("spool-empty", dl_page(dl, 1)->nitems == 0, "page 1 has items");
	p = dl_page(dl, 2);
	CHECK("spool-uri", p->nitems == 1 && p->items[0].type == DL_LINK &&
	    strcmp(p->items[0].uri, "https://example.org/") == 0,
	    "link read back wrong");
	CHECK("spool-outline", strcmp(dl->outline[0].title, "第一部分") == 0,
	    "outline title lost");
	dl_move_to_front(dl, 2);
	p = dl_page(dl, 0);
	CHECK("spool-move-to-front", p->nitems == 1 &&
	    p->items[0].type == DL_LINK && dl->dests[0].page == 1,
	    "pages or destinations not moved");
	dl_free(dl);
}

/*
 * qr.c makes the masks 1 to 7 from the code encoded with mask 0: each
 * must be the very matrix libqrencode makes with that mask (data
 * modules, format information, everything), for texts of several
 * versions.
 */
static void
test_qr_masks(void)
{
	static const char *const texts[] = {
		"https://zwfw.example.gov.cn/guide/birth.html",
		"https://www.gdzwfw.gov.cn/portal/matter/zjj-00042.html?from=qr",
		"广州市政务服务中心 出生医学证明 https://example.org/",
		"A",
	};
	char big[700];
	size_t t;
	int m, bad = 0, n = 0;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (t = 0; t <= sizeof(texts) / sizeof(texts[0]); t++) {
		const char *text = t < sizeof(texts) / sizeof(texts[0]) ?
		    texts[t] : big;

		for (m = 0; m < 8; m++) {
			QRinput *in = QRinput_new2(0, QR_ECLEVEL_M);
			QRcode *c;
			struct qr *q = qr_encode_masked(text, m);
			int i;

			QRinput_append(in, QR_MODE_8, (int)strlen(text),
			    (const unsigned char *)text);
			c = QRcode_encodeMask(in, m);
			n++;
			if (c == NULL || q == NULL || q->width != c->width)
				bad++;
			else
				for (i = 0; i < c->width * c->width; i++)
					if (q->dark[i] != (c->data[i] & 1)) {
						bad++;
						break;
					}
			QRcode_free(c);
			QRinput_free(in);
			qr_free(q);
		}
	}
	CHECK("qr-masks", bad == 0, "%d of %d masked codes differ from "
	    "libqrencode's", bad, n);
}

/*
 * qr_encode scores the masks by lines of bits (or module by module past
 * 120 modules): the code it returns must be the mask of lowest penalty
 * by the module-by-module score, the lowest number on a tie, for texts
 * of every length up to version 29.
 */
static void
test_qr_choice(void)
{
	char text[1500];
	int len, m, bad = 0, n = 0, wide = 0;

	for (len = 1; len < (int)sizeof(text); len += len < 120 ? 1 : 37) {
		struct qr *q, *best = NULL;
		int i, low = -1;

		for (i = 0; i < len; i++)
			text[i] = "https://zwfw.example.gov.cn/matter/"
			    "ABCdef0123-_.?=&%"[(i * 7 + len) % 52];
		text[len] = '\0';
		q = qr_encode(text);
		for (m = 0; m < 8; m++) {
			struct qr *t = qr_encode_masked(text, m);
			int pen = qr_penalty(t);

			if (low < 0 || pen < low) {
				low = pen;
				qr_free(best);
				best = t;
			} else
				qr_free(t);
		}
		n++;
		if (q == NULL || best == NULL || q->width != best->width ||
		    memcmp(q->dark, best->dark,
		    (size_t)q->width * (size_t)q->width) != 0)
			bad++;
		else if (q->width > 120)
			wide++;
		qr_free(q);
		qr_free(best);
	}
	CHECK("qr-mask-choice", bad == 0 && wide > 0, "%d of %d codes not "
	    "masked by their lowest penalty (%d past 120 modules)", bad, n,
	    wide);
}

int
main(void)
{
	test_qr_masks();
	test_qr_choice();
	test_quotes();
	test_present();
	test_encodings();
	test_keys();
	test_yaml_positions();
	test_model();
	test_inheritance();
	test_spool();
	diag_set_min(DIAG_ERROR);
	diag_reset();
	return failed ? 1 : 0;
}
