/*
 * book.c — the handbook laid out (book.h): what goes on which page.
 * Cover, 前言 and table of contents (front matter, roman folios); one
 * part per stage and one chapter per guide (summary, the reductions, the
 * merged checklist, the flowchart, every matter with all its elements,
 * the offices); an appendix of offices and an index of matters by
 * department (arabic folios); running heads, folios, page labels,
 * outlines and internal links. Markdown bodies are laid out by
 * md_layout.c, flowcharts by book_flow.c; out_pdf.c paints the result.
 *
 * The body is laid out first, so its page numbers are known when the
 * front matter (whose table of contents shows them) is laid out after
 * it; dl_move_to_front() then puts the front matter first. Arabic
 * numbering restarts at the body, so the length of the contents never
 * moves a chapter. Each finished chapter goes to the display list's
 * spool (finish), so only one is in memory at a time.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "model.h"
#include "md.h"
#include "zhtext.h"
#include "theme.h"
#include "font.h"
#include "dlist.h"
#include "linebreak.h"
#include "layout.h"
#include "book.h"
#include "image.h"
#include "book_int.h"
#include "pdfkit.h"
#include "present.h"

#define MM		(72.0f / 25.4f)

/* ---- styles ---------------------------------------------------------- */

/* Adds the words in wb (present.h) to p and empties wb. */
static void
put_buf(struct para *p, const struct tstyle *st, struct buf *wb,
    const struct loc *loc)
{
	if (wb->len > 0)
		lb_add(p, wb->data, wb->len, st, loc);
	wb->len = 0;
}

/* " 2 份" after a material's form: the count as every table sets it. */
static void
put_copies(struct para *p, const struct tstyle *st, int copies,
    const struct loc *loc)
{
	struct buf	wb;

	buf_init(&wb);
	buf_putc(&wb, ' ');
	present_copies(&wb, copies);
	put_buf(p, st, &wb, loc);
	buf_free(&wb);
}

static const char *
zh_num(int n, char *out)
{
	static const char *d[] = { "〇", "一", "二", "三", "四", "五", "六",
	    "七", "八", "九" };

	out[0] = '\0';
	if (n <= 0 || n >= 100) {
		snprintf(out, 16, "%d", n);
		return out;
	}
	if (n >= 10) {
		if (n / 10 > 1)
			strcat(out, d[n / 10]);
		strcat(out, "十");
		if (n % 10)
			strcat(out, d[n % 10]);
	} else
		strcat(out, d[n]);
	return out;
}

/* ---- blocks ---------------------------------------------------------- */

/* A heading; returns its destination. */
static int
heading(struct book *b, const char *text, const struct loc *loc, float size,
    unsigned color, float before, float after)
{
	int	dest;

	lay_space(&b->lay, before);
	lb_reset(P(b));
	put(P(b), sty(b, FONT_HEADING, size, color), text, loc);
	dest = lay_para(&b->lay, LAY_LEFT, 0, 0, size, 1.35f, 2, 1);
	lb_reset(P(b));
	b->lay.y += after;
	return dest;
}

/* "key：value" lines of a matter, as a two-column table. */
struct kv {
	struct ltable	*t;
	struct book	*b;
	size_t		 row;
};

static struct para *
kv_row(struct kv *kv, const char *key)
{
	struct para *p = ltable_cell(kv->t, kv->b->fonts, kv->row, 0);

	put(p, SMALLB(kv->b), key, NULL);
	kv->t->shade[kv->row] = (int)C_LIGHT;
	p = ltable_cell(kv->t, kv->b->fonts, kv->row, 1);
	kv->t->shade[kv->row] = -1;
	kv->row++;
	return p;
}

/* ---- tables from the model ------------------------------------------ */

static void
checklist(struct book *b, const struct guide *g)
{
	struct ltable	*t;
	size_t		 i, j;
	char		 num[24];

	if (g->nchecklist == 0) {
		lb_reset(P(b));
		put(P(b), BODY(b), "无需提交材料。", &g->it.loc);
		para_body(b, 1);
		return;
	}
	t = ltable_new(&b->lay, 4, b->body * 0.86f);
	put(ltable_cell(t, b->fonts, 0, 0), SMALLB(b), "序号", NULL);
	put(ltable_cell(t, b->fonts, 0, 1), SMALLB(b), "材料名称", NULL);
	put(ltable_cell(t, b->fonts, 0, 2), SMALLB(b), PRESENT_FORM_COPIES,
	    NULL);
	put(ltable_cell(t, b->fonts, 0, 3), SMALLB(b), "用于事项", NULL);
	for (i = 0; i < g->nchecklist; i++) {
		const struct checkline *cl = &g->checklist[i];
		const struct loc *loc = cl->first ? &cl->first->loc :
		    &g->it.loc;
		struct para *p;

		snprintf(num, sizeof(num), "%zu", i + 1);
		put(ltable_cell(t, b->fonts, i + 1, 0), SMALL(b), num, NULL);
		p = ltable_cell(t, b->fonts, i + 1, 1);
		put(p, SMALL(b), cl->name, loc);
		if (cl->shared)
			put(p, sty(b, FONT_HEADING, b->body * 0.86f,
			    C_ACCENT), "（免提交）", NULL);
		else if (!cl->required)
			put(p, SMALL(b), "（视情况提供）", NULL);
		if (!cl->shared && cl->nshared_by > 0) {
			struct buf w;

			buf_init(&w);
			buf_puts(&w, "（");
			present_shared_by(&w, cl, 0);
			buf_puts(&w, "）");
			put_buf(p, SMALL(b), &w, NULL);
			buf_free(&w);
		}
		p = ltable_cell(t, b->fonts, i + 1, 2);
		put(p, SMALL(b), cl->form, loc);
		if (cl->copies > 0 && !cl->shared)	/* as portal, leaflet */
			put_copies(p, SMALL(b), cl->copies, loc);
		p = ltable_cell(t, b->fonts, i + 1, 3);
		for (j = 0; j < cl->nmatters; j++) {
			if (j)
				put(p, SMALL(b), "；", NULL);
			put(p, SMALL(b), cl->matters[j]->title,
			    &cl->matters[j]->it.loc);
		}
	}
	t->minw[0] = b->body * 2.2f;
	lay_table(&b->lay, t);
	ltable_free(t);
}

static void
reductions(struct book *b, const struct guide *g)
{
	const struct reductions	*r = &g->red;
	struct ltable		*t;
	struct present_red_row	 rows[RED__MAX];
	struct buf		 wb;
	int			 i;

	present_red_rows(r, rows);
	buf_init(&wb);
	t = ltable_new(&b->lay, 4, b->body * 0.86f);
	put(ltable_cell(t, b->fonts, 0, 0), SMALLB(b), PRESENT_RED_WHAT, NULL);
	put(ltable_cell(t, b->fonts, 0, 1), SMALLB(b), PRESENT_RED_BEFORE,
	    NULL);
	put(ltable_cell(t, b->fonts, 0, 2), SMALLB(b), PRESENT_RED_AFTER,
	    NULL);
	put(ltable_cell(t, b->fonts, 0, 3), SMALLB(b), PRESENT_RED_SAVED,
	    NULL);
	for (i = 0; i < RED__MAX; i++) {
		put(ltable_cell(t, b->fonts, (size_t)i + 1, 0), SMALLB(b),
		    rows[i].what, NULL);
		present_count(&wb, rows[i].before, rows[i].unit);
		put_buf(ltable_cell(t, b->fonts, (size_t)i + 1, 1), SMALL(b),
		    &wb, NULL);
		present_count(&wb, rows[i].after, rows[i].unit);
		put_buf(ltable_cell(t, b->fonts, (size_t)i + 1, 2),
		    sty(b, FONT_HEADING, b->body * 0.86f, C_ACCENT), &wb, NULL);
		present_red_saving(&wb, &rows[i]);
		put_buf(ltable_cell(t, b->fonts, (size_t)i + 1, 3), SMALL(b),
		    &wb, NULL);
	}
	lay_table(&b->lay, t);
	ltable_free(t);
	buf_free(&wb);
}

/* ---- one chapter ------------------------------------------------------ */

static void
offices_block(struct book *b, const struct office *const *o, size_t n,
    int want_dest)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		const struct office *of = o[i];
		struct kv kv;
		struct para *p;
		int d;

		lay_space(&b->lay, b->body * 0.6f);
		lb_reset(P(b));
		put(P(b), sty(b, FONT_HEADING, b->body * 1.05f, DL_BLACK),
		    of->name, &of->it.loc);
		d = lay_para(&b->lay, LAY_LEFT, 0, 0, b->body * 1.05f,
		    b->leading, 3, want_dest);
		lb_reset(P(b));
		if (want_dest && b->office_dest) {
			for (j = 0; j < b->ed->noffices; j++)
				if (b->ed->offices[j] == of)
					b->office_dest[j] = d;
		}
		kv.b = b;
		kv.row = 0;
		kv.t = ltable_new(&b->lay, 2, b->body * 0.86f);
		kv.t->header = 0;
		put(kv_row(&kv, "地址"), SMALL(b), of->address, &of->it.loc);
		if (of->district)
			put(kv_row(&kv, "所在区"), SMALL(b), of->district,
			    &of->it.loc);
		if (of->nhours) {
			p = kv_row(&kv, "办理时间");
			for (j = 0; j < of->nhours; j++) {
				const struct hours *h = &of->hours[j];
				if (j)
					lb_newline(p);
				if (h->days)
					lb_addf(p, SMALL(b), &of->it.loc,
					    "%s %s—%s", h->days,
					    h->open ? h->open : "",
					    h->close ? h->close : "");
				else
					put(p, SMALL(b), h->text, &of->it.loc);
			}
		}
		if (of->phone)
			put(kv_row(&kv, "电话"), SMALL(b), of->phone,
			    &of->it.loc);
		if (of->nwindows) {
			p = kv_row(&kv, "窗口");
			for (j = 0; j < of->nwindows; j++) {
				if (j)
					lb_newline(p);
				lb_addf(p, SMALL(b), &of->it.loc, "%s：%s",
				    of->windows[j].no ? of->windows[j].no : "",
				    of->windows[j].serves ?
				    of->windows[j].serves : "");
			}
		}
		if (of->transit)
			put(kv_row(&kv, "交通"), SMALL(b), of->transit,
			    &of->it.loc);
		if (of->accessibility.n) {
			p = kv_row(&kv, "便民设施");
			for (j = 0; j < of->accessibility.n; j++) {
				if (j)
					put(p, SMALL(b), "、", NULL);
				put(p, SMALL(b), of->accessibility.v[j],
				    &of->it.loc);
			}
		}
		if (of->self_service)
			put(kv_row(&kv, "自助服务"), SMALL(b),
			    of->self_service, &of->it.loc);
		kv.t->minw[0] = b->body * 0.86f * 5 + 8;
		lay_table(&b->lay, kv.t);
		ltable_free(kv.t);
	}
}

/* One paragraph per office: name, address, hours, phone; the full
 * record (windows, transit, facilities) is in the appendix. */
static void
offices_brief(struct book *b, const struct office *const *o, size_t n)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		const struct office *of = o[i];

		lb_reset(P(b));
		put(P(b), BOLD(b), of->name, &of->it.loc);
		lb_newline(P(b));
		put(P(b), SMALL(b), of->address, &of->it.loc);
		for (j = 0; j < of->nhours; j++) {
			const struct hours *h = &of->hours[j];
			put(P(b), SMALL(b), j ? "；" : "。", NULL);
			if (h->days)
				lb_addf(P(b), SMALL(b), &of->it.loc, "%s %s—%s",
				    h->days, h->open ? h->open : "",
				    h->close ? h->close : "");
			else
				put(P(b), SMALL(b), h->text, &of->it.loc);
		}
		if (of->phone) {
			put(P(b), SMALL(b), "。电话 ", NULL);
			put(P(b), SMALL(b), of->phone, &of->it.loc);
		}
		put(P(b), SMALL(b), "。", NULL);
		lay_space(&b->lay, b->body * 0.3f);
		lay_para(&b->lay, LAY_JUSTIFY, 0, 0, b->body * 0.86f,
		    b->leading, 1, 0);
		lb_reset(P(b));
	}
	lb_reset(P(b));
	put(P(b), sty(b, FONT_BODY, b->body * 0.86f, C_GRAY),
	    "窗口、交通和便民设施见书末“附录　办理地点一览”。", NULL);
	lay_space(&b->lay, b->body * 0.3f);
	lay_para(&b->lay, LAY_LEFT, 0, 0, b->body * 0.86f, b->leading, 0, 0);
	lb_reset(P(b));
}

static void
strlist_into(struct book *b, struct para *p, const struct strlist *l,
    const char *sep, const struct loc *loc)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		if (i && sep)
			put(p, SMALL(b), sep, NULL);
		else if (i)
			lb_newline(p);
		put(p, SMALL(b), l->v[i], loc);
	}
}

static void
materials_table(struct book *b, const struct matter *m)
{
	struct ltable	*t;
	size_t		 i;

	if (m->nmaterials == 0) {
		lb_reset(P(b));
		put(P(b), BODY(b), "无需材料。", &m->it.loc);
		para_body(b, 1);
		return;
	}
	t = ltable_new(&b->lay, 4, b->body * 0.86f);
	put(ltable_cell(t, b->fonts, 0, 0), SMALLB(b), "材料名称", NULL);
	put(ltable_cell(t, b->fonts, 0, 1), SMALLB(b), "来源", NULL);
	put(ltable_cell(t, b->fonts, 0, 2), SMALLB(b), PRESENT_FORM_COPIES,
	    NULL);
	put(ltable_cell(t, b->fonts, 0, 3), SMALLB(b), "要求", NULL);
	for (i = 0; i < m->nmaterials; i++) {
		const struct material *mt = &m->materials[i];
		struct para *p = ltable_cell(t, b->fonts, i + 1, 0);

		put(p, SMALL(b), mt->name, &mt->loc);
		if (mt->shared)
			put(p, sty(b, FONT_HEADING, b->body * 0.86f,
			    C_ACCENT), "（免提交）", NULL);
		put(ltable_cell(t, b->fonts, i + 1, 1), SMALL(b), mt->source,
		    &mt->loc);
		p = ltable_cell(t, b->fonts, i + 1, 2);
		put(p, SMALL(b), mt->form, &mt->loc);
		if (mt->medium)
			lb_addf(p, SMALL(b), &mt->loc, "（%s）", mt->medium);
		if (mt->copies > 0)
			put_copies(p, SMALL(b), mt->copies, &mt->loc);
		p = ltable_cell(t, b->fonts, i + 1, 3);
		if (mt->condition)
			put(p, SMALL(b), mt->condition, &mt->loc);
		else
			put(p, SMALL(b), mt->required ? "必需" : "非必需",
			    NULL);
		if (mt->note) {
			put(p, SMALL(b), "。", NULL);
			put(p, SMALL(b), mt->note, &mt->loc);
		}
		if (mt->template) {
			/* by its title, linked to the portal's copy */
			char *u = kit_template_url(b->ed, mt->template);
			struct buf wb;

			buf_init(&wb);
			present_template_title(&wb, mt);
			put(p, SMALL(b), "（样表：", NULL);
			put_buf(p, u ? sty_full(b, FONT_BODY, b->body * 0.86f,
			    b->accent, -1, u) : SMALL(b), &wb, &mt->loc);
			put(p, SMALL(b), "）", NULL);
			buf_free(&wb);
			free(u);
		}
	}
	lay_table(&b->lay, t);
	ltable_free(t);
}

static void
matter_section(struct book *b, const struct matter *m)
{
	struct kv		 kv;
	struct para		*p;
	const struct procedure	*pr = model_matter_steps(m);
	const struct md_node	*doc;
	struct buf		 wb;
	size_t			 i;
	int			 d;

	lay_space(&b->lay, b->body * 1.2f);
	d = heading(b, m->title, &m->it.loc, b->body * 1.25f, DL_BLACK, 0,
	    b->body * 0.2f);
	for (i = 0; i < b->ed->nmatters; i++)
		if (b->ed->matters[i] == m && b->matter_dest[i] < 0)
			b->matter_dest[i] = d;
	dl_add_outline(b->dl, 2, m->title, d);

	kv.b = b;
	kv.row = 0;
	kv.t = ltable_new(&b->lay, 2, b->body * 0.86f);
	kv.t->header = 0;
	if (m->code)
		put(kv_row(&kv, "事项编码"), SMALL(b), m->code, &m->it.loc);
	put(kv_row(&kv, "事项类型"), SMALL(b), m->type, &m->it.loc);
	put(kv_row(&kv, "实施主体"), SMALL(b), m->department, &m->it.loc);
	if (m->basis.n)
		strlist_into(b, kv_row(&kv, "设定依据"), &m->basis, NULL,
		    &m->it.loc);
	if (m->audience.n)
		strlist_into(b, kv_row(&kv, "服务对象"), &m->audience, "、",
		    &m->it.loc);
	if (m->conditions.n)
		strlist_into(b, kv_row(&kv, "受理条件"), &m->conditions,
		    NULL, &m->it.loc);
	buf_init(&wb);
	p = kv_row(&kv, "办结时限");
	present_time_limit(&wb, m->legal_days, m->promised_days, m->kind);
	put_buf(p, SMALL(b), &wb, &m->it.loc);
	p = kv_row(&kv, "收费");
	if (present_matter_free(m))
		put(p, SMALL(b), PRESENT_FREE, NULL);
	for (i = 0; i < m->nfees; i++) {
		if (i)
			lb_newline(p);
		present_fee(&wb, &m->fees[i]);
		put_buf(p, SMALL(b), &wb, &m->fees[i].loc);
	}
	present_visits(&wb, m->visits);
	put_buf(kv_row(&kv, "到现场次数"), SMALL(b), &wb, &m->it.loc);
	buf_free(&wb);
	if (m->online.url || m->online.depth) {
		p = kv_row(&kv, "网上办理");
		if (m->online.depth)
			put(p, SMALL(b), m->online.depth, &m->it.loc);
		if (m->online.url) {
			if (m->online.depth)
				put(p, SMALL(b), " ", NULL);
			put(p, sty_full(b, FONT_BODY, b->body * 0.86f,
			    0x1F4E99u, -1, m->online.url), m->online.url,
			    &m->it.loc);
		}
	}
	if (m->result_name) {
		p = kv_row(&kv, "办理结果");
		put(p, SMALL(b), m->result_name, &m->it.loc);
		if (m->delivery.n) {
			put(p, SMALL(b), "（送达方式：", NULL);
			strlist_into(b, p, &m->delivery, "、", &m->it.loc);
			put(p, SMALL(b), "）", NULL);
		}
	}
	if (m->scope)
		put(kv_row(&kv, "通办范围"), SMALL(b), m->scope, &m->it.loc);
	if (m->noffices) {
		p = kv_row(&kv, "办理地点");
		for (i = 0; i < m->noffices; i++) {
			if (i)
				put(p, SMALL(b), "；", NULL);
			put(p, SMALL(b), m->offices[i]->name,
			    &m->offices[i]->it.loc);
		}
	}
	if (m->consult)
		put(kv_row(&kv, PRESENT_CONSULT), SMALL(b), m->consult,
		    &m->it.loc);
	if (m->complaint)
		put(kv_row(&kv, PRESENT_COMPLAINT), SMALL(b), m->complaint,
		    &m->it.loc);
	if (m->it.updated)
		put(kv_row(&kv, "更新日期"), SMALL(b), m->it.updated,
		    &m->it.loc);
	kv.t->minw[0] = b->body * 0.86f * 5 + 8;
	lay_table(&b->lay, kv.t);
	ltable_free(kv.t);

	book_label(b, "申请材料");
	materials_table(b, m);
	if (pr && pr->nsteps) {
		book_label(b, "办理流程");
		lb_reset(P(b));
		for (i = 0; i < pr->nsteps; i++) {
			const struct step *s = &pr->steps[i];
			lb_reset(P(b));
			lb_addf(P(b), BODY(b), &s->loc, "%zu. ", i + 1);
			put(P(b), BODY(b), s->name, &s->loc);
			if (s->actor || s->time || s->office) {
				put(P(b), SMALL(b), "（", NULL);
				put(P(b), SMALL(b), s->actor, &s->loc);
				if (s->actor && (s->time || s->office))
					put(P(b), SMALL(b), "，", NULL);
				if (s->office)
					put(P(b), SMALL(b), s->office->name,
					    &s->loc);
				if (s->office && s->time)
					put(P(b), SMALL(b), "，", NULL);
				put(P(b), SMALL(b), s->time, &s->loc);
				put(P(b), SMALL(b), "）", NULL);
			}
			lay_para(&b->lay, LAY_JUSTIFY, b->body * 1.5f,
			    -b->body * 1.5f, b->body, b->leading, 0, 0);
			lb_reset(P(b));
		}
	}
	if ((doc = zh_body(&m->it)) != NULL && doc->child) {
		lay_space(&b->lay, b->body * 0.3f);
		book_md(b, doc);
	}
	zh_body_done(&m->it, doc);
}

static void
chapter(struct book *b, const struct guide *g, size_t gi, int num)
{
	struct lay	*l = &b->lay;
	const struct md_node *doc, *under;
	struct md_node top;
	char		 zn[16], *url;
	struct dl_item	*it;
	size_t		 i;
	int		 d;
	float		 qs = 24 * MM, y0;

	l->head_right = g->title;
	lay_new_page(l);
	lay_nohead(l);
	lb_reset(P(b));
	lb_addf(P(b), sty(b, FONT_HEADING, b->body, C_ACCENT), NULL, "第%s章",
	    zh_num(num, zn));
	lay_para(l, LAY_LEFT, 0, 0, b->body, 1.5f, 0, 0);
	lb_reset(P(b));
	d = heading(b, g->title, &g->it.loc, b->body * 1.75f, DL_BLACK, 0, 2);
	b->guide_dest[gi] = d;
	dl_add_outline(b->dl, 1, g->title, d);
	lay_rule(l, 1.2f, C_ACCENT);
	lay_space(l, b->body * 0.8f);

	/* summary and key facts beside the QR code */
	url = kit_guide_url(b->ed, g);
	y0 = l->y;
	if (url) {
		kit_qr(b->dl, l->page, url, l->x0 + l->w - qs, y0, qs);
		l->rindent = qs + 6;
	}
	lb_reset(P(b));
	put(P(b), BODY(b), g->summary, &g->it.loc);
	para_body(b, 1);
	lb_reset(P(b));
	put(P(b), BOLD(b), "服务对象：", NULL);
	put(P(b), BODY(b), g->audience, &g->it.loc);
	lb_newline(P(b));
	put(P(b), BOLD(b), "承诺时限：", NULL);
	{
		struct buf wb;

		buf_init(&wb);
		present_days(&wb, g->promise_days);
		put_buf(P(b), BODY(b), &wb, &g->it.loc);
		buf_free(&wb);
	}
	lb_newline(P(b));
	put(P(b), BOLD(b), "到现场次数：", NULL);
	lb_addf(P(b), BODY(b), &g->it.loc, "%d 次", g->promise_visits);
	if (g->online.url || g->online.depth) {
		lb_newline(P(b));
		put(P(b), BOLD(b), "网上办理：", NULL);
		put(P(b), BODY(b), g->online.depth ? g->online.depth : "可网办",
		    &g->it.loc);
	}
	lay_para(l, LAY_LEFT, 0, 0, b->body, b->leading, 0, 0);
	lb_reset(P(b));
	l->rindent = 0;
	if (url) {
		float need = y0 + qs + b->body * 1.4f;
		lb_reset(P(b));
		put(P(b), sty(b, FONT_BODY, b->body * 0.7f, C_GRAY),
		    "扫码在线办理", NULL);
		lb_break(P(b), qs, 0, 0);
		if (P(b)->nlines)
			lb_emit(P(b), 0, b->dl, l->page, l->x0 + l->w - qs +
			    (qs - P(b)->lines[0].width) / 2,
			    y0 + qs + b->body * 0.75f);
		lb_reset(P(b));
		if (l->y < need)
			l->y = need;
		free(url);
	}

	book_label(b, PRESENT_REDUCTIONS);
	reductions(b, g);
	book_label(b, "一套材料（一次提交）");
	checklist(b, g);
	if (g->procedure && g->procedure->nsteps) {
		book_flowchart(b, g->procedure, "办理流程");
	}
	if ((under = md_under(doc = zh_body(&g->it), PRESENT_GUIDE_BODY,
	    &top)) != NULL) {
		book_label(b, PRESENT_GUIDE_BODY);
		book_md(b, under);
	}
	zh_body_done(&g->it, doc);
	for (i = 0; i < g->nmatters; i++)
		matter_section(b, g->matters[i]);
	if (g->noffices) {
		lay_space(l, b->body);
		book_label(b, "办理地点");
		offices_brief(b, g->offices, g->noffices);
	}
	(void)it;
}

/* ---- part titles, appendix, index ---------------------------------- */

static void
part_page(struct book *b, size_t si)
{
	const struct stage	*st = &b->ed->stages[si];
	struct lay		*l = &b->lay;
	char			 zn[16];
	int			 d;

	b->part_title = st->name;
	l->head_left = st->name;
	lay_new_recto(l);
	l->info[l->page].blank = 1;	/* a blind folio, as usual */
	l->y = l->ph * 0.3f;
	lb_reset(P(b));
	lb_addf(P(b), sty(b, FONT_HEADING, b->body * 1.2f, C_ACCENT), NULL,
	    "第%s部分", zh_num((int)si + 1, zn));
	lay_para(l, LAY_CENTER, 0, 0, b->body * 1.2f, 1.6f, 0, 0);
	lb_reset(P(b));
	lay_space(l, b->body);
	lb_reset(P(b));
	lb_addf(P(b), sty(b, FONT_HEADING, b->body * 2.4f, DL_BLACK), NULL, "%s",
	    st->name);
	d = lay_para(l, LAY_CENTER, 0, 0, b->body * 2.4f, 1.4f, 0, 1);
	lb_reset(P(b));
	lay_space(l, b->body * 0.6f);
	lb_reset(P(b));
	lb_addf(P(b), sty(b, FONT_BODY, b->body, C_GRAY), NULL, "%s · %zu 件事",
	    st->audience && strcmp(st->audience, "法人") == 0 ?
	    "企业办事" : "个人办事", st->nguides);
	lay_para(l, LAY_CENTER, 0, 0, b->body, 1.6f, 0, 0);
	lb_reset(P(b));
	b->stage_dest[si] = d;
	dl_add_outline(b->dl, 0, st->name, d);
}

/* Title …… page: text at x, dot leaders, the number flush right. */
static void
leader_line(struct book *b, const char *title, const struct loc *loc,
    int dest, const char *num, float indent, const struct tstyle *st)
{
	struct lay	*l = &b->lay;
	float		 numw = 3 * st->size, lh = st->size * 1.7f;
	size_t		 n, last;
	float		 x, y, base;
	struct dl_item	*it;

	lb_reset(P(b));
	put(P(b), sty_full(b, st->role, st->size, st->color, dest, NULL),
	    title, loc);
	n = lb_break(P(b), l->w - indent - numw - st->size, 0, 0);
	if (n == 0)
		return;
	lay_need(l, n * lh);
	x = l->x0 + indent;
	for (last = 0; last < n; last++) {
		y = l->y;
		base = y + (lh - st->size) / 2 + st->size * 0.88f;
		lb_emit(P(b), last, b->dl, l->page, x, base);
		if (last + 1 < n) {
			l->y += lh;
			continue;
		}
		/* dots from the end of the text to the number */
		{
			float from = x + P(b)->lines[last].width + st->size * 0.5f;
			float to = l->x0 + l->w - numw;
			float pitch = st->size * 0.5f;
			int k = (int)((to - from) / pitch), i;
			char *dots;
			struct lb_char tmp;

			(void)tmp;
			if (k > 0) {
				dots = xmalloc((size_t)k + 1);
				for (i = 0; i < k; i++)
					dots[i] = '.';
				dots[k] = '\0';
				it = dl_add(b->dl, l->page, DL_TEXT);
				it->face = fonts_pick(b->fonts, FONT_BODY, '.');
				it->size = st->size;
				it->tc = pitch - fonts_advance(b->fonts,
				    it->face, '.') * st->size / 1000.0f;
				it->x = to - k * pitch;
				it->y = base;
				it->color = C_GRAY;
				it->text = dl_strdup(b->dl, dots, (size_t)k);
				free(dots);
			}
		}
		/* number, right aligned */
		{
			struct para np;
			lb_init(&np, b->fonts);
			put(&np, sty_full(b, FONT_BODY, st->size, DL_BLACK,
			    dest, NULL), num, NULL);
			lb_break(&np, numw * 2, 0, 0);
			if (np.nlines)
				lb_emit(&np, 0, b->dl, l->page, l->x0 + l->w -
				    np.lines[0].width, base);
			lb_free(&np);
		}
		l->y += lh;
	}
	lb_reset(P(b));
}

static int
folio_of(struct book *b, int dest)
{
	if (dest < 0 || (size_t)dest >= b->dl->ndests)
		return 0;
	return b->lay.info[b->dl->dests[dest].page].folio;
}

static void
appendix(struct book *b)
{
	struct lay	*l = &b->lay;
	int		 d;

	l->head_left = "附录";
	l->head_right = "办理地点一览";
	lay_new_recto(l);
	lay_nohead(l);
	d = heading(b, "附录　办理地点一览", NULL, b->body * 1.75f, DL_BLACK,
	    0, 2);
	b->appendix_dest = d;
	dl_add_outline(b->dl, 0, "附录　办理地点一览", d);
	lay_rule(l, 1.2f, C_ACCENT);
	offices_block(b, b->ed->offices, b->ed->noffices, 1);
}

static void
index_pages(struct book *b)
{
	struct lay	*l = &b->lay;
	size_t		 i, j, k;
	char		 num[24];
	int		 d;

	l->head_left = "索引";
	l->head_right = "事项索引（按实施主体）";
	lay_new_recto(l);
	lay_nohead(l);
	d = heading(b, "事项索引（按实施主体）", NULL, b->body * 1.75f,
	    DL_BLACK, 0, 2);
	b->index_dest = d;
	dl_add_outline(b->dl, 0, "事项索引", d);
	lay_rule(l, 1.2f, C_ACCENT);
	for (i = 0; i < b->ed->ndepartments; i++) {
		const struct department *dp = &b->ed->departments[i];
		lay_space(l, b->body * 0.6f);
		lb_reset(P(b));
		put(P(b), BOLD(b), dp->name, NULL);
		lay_para(l, LAY_LEFT, 0, 0, b->body, 1.6f, 2, 0);
		lb_reset(P(b));
		for (j = 0; j < dp->nmatters; j++) {
			int md = -1;
			for (k = 0; k < b->ed->nmatters; k++)
				if (b->ed->matters[k] == dp->matters[j])
					md = b->matter_dest[k];
			snprintf(num, sizeof(num), "%d", folio_of(b, md));
			leader_line(b, dp->matters[j]->title,
			    &dp->matters[j]->it.loc, md, md >= 0 ? num : "—",
			    b->body, SMALL(b));
		}
	}
}

/* ---- front matter ----------------------------------------------------- */

static void
cover(struct book *b)
{
	const struct edition	*ed = b->ed;
	struct lay		*l = &b->lay;
	struct dl_item		*it;

	lay_new_page(l);
	lay_nohead(l);
	l->info[l->page].folio = 0;
	it = dl_add(b->dl, l->page, DL_RECT);
	it->x = 0;
	it->y = 0;
	it->w = l->pw;
	it->h = l->ph * 0.62f;
	it->color = C_ACCENT;
	l->y = l->ph * 0.2f;
	lb_reset(P(b));
	put(P(b), sty(b, FONT_HEADING, b->body * 1.3f, 0xFFFFFFu), ed->region,
	    NULL);
	lay_para(l, LAY_CENTER, 0, 0, b->body * 1.3f, 1.6f, 0, 0);
	lb_reset(P(b));
	lay_space(l, b->body * 1.2f);
	put(P(b), sty(b, FONT_HEADING, b->body * 2.6f, 0xFFFFFFu), ed->title,
	    &(struct loc){ ed->file, 1, 1 });
	lay_para(l, LAY_CENTER, 0, 0, b->body * 2.6f, 1.35f, 0, 0);
	lb_reset(P(b));
	lay_space(l, b->body * 1.2f);
	put(P(b), sty(b, FONT_BODY, b->body * 1.2f, 0xFFFFFFu), ed->version,
	    NULL);
	lay_para(l, LAY_CENTER, 0, 0, b->body * 1.2f, 1.6f, 0, 0);
	lb_reset(P(b));
	l->y = l->ph * 0.78f;
	put(P(b), sty(b, FONT_HEADING, b->body * 1.15f, DL_BLACK), ed->issuer,
	    NULL);
	lay_para(l, LAY_CENTER, 0, 0, b->body * 1.15f, 1.6f, 0, 0);
	lb_reset(P(b));
	{
		struct buf wb;

		buf_init(&wb);
		present_date(&wb, ed->date);
		put_buf(P(b), sty(b, FONT_BODY, b->body, C_GRAY), &wb, NULL);
		buf_free(&wb);
		lay_para(l, LAY_CENTER, 0, 0, b->body, 1.6f, 0, 0);
		lb_reset(P(b));
	}
	if (ed->hotline) {
		lb_addf(P(b), sty(b, FONT_BODY, b->body * 0.9f, C_GRAY), NULL,
		    PRESENT_HOTLINE " %s", ed->hotline);
		lay_para(l, LAY_CENTER, 0, 0, b->body * 0.9f, 1.6f, 0, 0);
		lb_reset(P(b));
	}
	/* the back of the cover */
	lay_new_page(l);
	lay_nohead(l);
	l->info[l->page].folio = 0;
}

static void
toc(struct book *b)
{
	struct lay	*l = &b->lay;
	size_t		 si, gi, k;
	char		 num[24];

	l->head_left = l->head_right = "目录";
	lay_new_recto(l);
	lay_nohead(l);
	b->toc_dest = heading(b, "目　录", NULL, b->body * 1.75f, DL_BLACK,
	    0, b->body);
	dl_add_outline(b->dl, 0, "目录", b->toc_dest);
	for (si = 0; si < b->ed->nstages; si++) {
		const struct stage *st = &b->ed->stages[si];
		char zn[16], *t;
		lay_space(l, b->body * 0.5f);
		t = xasprintf("第%s部分　%s", zh_num((int)si + 1, zn), st->name);
		snprintf(num, sizeof(num), "%d", folio_of(b, b->stage_dest[si]));
		leader_line(b, t, NULL, b->stage_dest[si], num, 0, BOLD(b));
		free(t);
		for (gi = 0; gi < st->nguides; gi++) {
			int d = -1;
			for (k = 0; k < b->ed->nguides; k++)
				if (b->ed->guides[k] == st->guides[gi])
					d = b->guide_dest[k];
			snprintf(num, sizeof(num), "%d", folio_of(b, d));
			leader_line(b, st->guides[gi]->title,
			    &st->guides[gi]->it.loc, d, num, 2 * b->body,
			    BODY(b));
		}
	}
	lay_space(l, b->body * 0.5f);
	snprintf(num, sizeof(num), "%d", folio_of(b, b->appendix_dest));
	leader_line(b, "附录　办理地点一览", NULL, b->appendix_dest, num, 0,
	    BOLD(b));
	snprintf(num, sizeof(num), "%d", folio_of(b, b->index_dest));
	leader_line(b, "事项索引（按实施主体）", NULL, b->index_dest, num, 0,
	    BOLD(b));
}

/* Running heads and folios, once every page is known. */
static void
furniture(struct book *b, int from, int to)
{
	struct lay	*l = &b->lay;
	int		 pg;
	const struct tstyle *hs = sty(b, FONT_BODY, b->body * 0.8f, C_GRAY);

	for (pg = from; pg < to; pg++) {
		const struct lay_pageinfo *pi = &l->info[pg];
		int rec = pi->folio % 2 == 1;
		float x0 = rec ? l->m_inner : l->m_outer;
		float w = l->pw - l->m_inner - l->m_outer;
		struct para np;
		char num[32];
		float hy = l->m_top - b->body * 1.1f;
		struct dl_item *it;

		if (pi->folio <= 0 || pi->blank)
			continue;
		lb_init(&np, b->fonts);
		if (!pi->nohead) {
			const char *h = rec ? pi->head_right : pi->head_left;
			if (h == NULL)
				h = b->ed->title;
			put(&np, hs, h, NULL);
			lb_break(&np, w, 0, 0);
			if (np.nlines)
				lb_emit(&np, 0, b->dl, pg, rec ? x0 + w -
				    np.lines[0].width : x0, hy);
			it = dl_add(b->dl, pg, DL_RULE);
			it->x = x0;
			it->x2 = x0 + w;
			it->y = it->y2 = hy + b->body * 0.4f;
			it->lw = 0.4f;
			it->color = C_RULE;
			lb_reset(&np);
		}
		if (pi->roman) {
			static const char *r[] = { "i", "ii", "iii", "iv",
			    "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
			    "xiii", "xiv", "xv", "xvi", "xvii", "xviii",
			    "xix", "xx" };
			snprintf(num, sizeof(num), "%s", pi->folio <= 20 ?
			    r[pi->folio - 1] : "");
		} else
			snprintf(num, sizeof(num), "%d", pi->folio);
		put(&np, hs, num, NULL);
		lb_break(&np, w, 0, 0);
		if (np.nlines)
			lb_emit(&np, 0, b->dl, pg, rec ? x0 + w -
			    np.lines[0].width : x0,
			    l->ph - l->m_bottom + b->body * 2.0f);
		lb_free(&np);
	}
}

/* ---- the book ---------------------------------------------------------- */

/*
 * The pages laid out since the last call are finished: what comes next
 * starts on a new page of its own (lay_new_page or lay_new_recto; only
 * a turn of the layout changes the page before, moving a heading left
 * at its foot onto the new one). Their running heads and folios are
 * added and they go to the spool, so the layout holds one chapter at a
 * time; the next chapter reuses the memory freed (malloc_trim here cost
 * 4 s of system time at N=1000 and lowered no peak).
 */
static void
finish(struct book *b)
{
	int	n = (int)b->dl->npages;

	if (n == b->finished)
		return;
	furniture(b, b->finished, n);
	b->finished = n;
	if (dl_spool(b->dl) != 0 && !b->spool_failed) {
		diag_io(b->ed->file, "手册排版的临时文件写不"
		    "进去：%s", zh_strerror(errno));
		b->spool_failed = 1;
	}
}

static void
geometry(const struct theme *th, float *w, float *h)
{
	const char	*p = th ? theme_str(th, "pdf.page", "A5") : "A5";

	if (strcasecmp(p, "A4") == 0) {
		*w = 210 * MM;
		*h = 297 * MM;
	} else if (strcmp(p, "大32开") == 0 || strcasecmp(p, "32k") == 0 ||
	    strcasecmp(p, "D32") == 0) {
		*w = 140 * MM;
		*h = 203 * MM;
	} else {
		if (strcasecmp(p, "A5") != 0)
			diag_file(th && th->dir ? th->dir : "theme.yaml", 1, 1,
			    DIAG_WARNING, "pdf.page 的值“%s”无法识别：可写 A5、"
			    "A4 或 大32开；已按 A5 排版", p);
		*w = 148 * MM;
		*h = 210 * MM;
	}
}

struct dlist *
book_layout(const struct edition *ed, const struct theme *th,
    struct fonts *fonts, const char *spool)
{
	struct book	 b;
	struct lay	*l = &b.lay;
	float		 w, h;
	size_t		 si, gi, k, nbody;
	int		 num = 0, front;
	struct lay_pageinfo *tmp;

	memset(&b, 0, sizeof(b));
	b.ed = ed;
	b.theme = th;
	b.fonts = fonts;
	geometry(th, &w, &h);
	b.dl = dl_new(w, h);
	b.dl->title = ed->title;
	b.dl->author = ed->issuer;
	b.dl->subject = ed->version;
	b.dl->date = ed->date;
	if (dl_spool_open(b.dl, spool) != 0) {
		diag_io(spool, "无法创建临时文件：%s",
		    zh_strerror(errno));
		dl_free(b.dl);
		return NULL;
	}
	lay_init(l, b.dl, fonts);
	b.body = th ? (float)theme_num(th, "pdf.body_size", 10.5) : 10.5f;
	if (b.body < 7 || b.body > 16)
		b.body = 10.5f;
	b.leading = th ? (float)theme_num(th, "pdf.leading", 1.6) : 1.6f;
	b.accent = kit_color(th, "pdf.accent", 0x9E1B1Bu);
	if (b.leading < 1.5f)
		b.leading = 1.5f;
	l->body_size = b.body;
	l->leading = b.leading;
	l->m_top = (th ? (float)theme_num(th, "pdf.margins.top", 18) : 18) * MM;
	l->m_bottom = (th ? (float)theme_num(th, "pdf.margins.bottom", 18) :
	    18) * MM;
	l->m_inner = (th ? (float)theme_num(th, "pdf.margins.inner", 18) :
	    18) * MM;
	l->m_outer = (th ? (float)theme_num(th, "pdf.margins.outer", 15) :
	    15) * MM;
	b.guide_dest = xcalloc(ed->nguides + 1, sizeof(int));
	b.matter_dest = xcalloc(ed->nmatters + 1, sizeof(int));
	b.office_dest = xcalloc(ed->noffices + 1, sizeof(int));
	b.stage_dest = xcalloc(ed->nstages + 1, sizeof(int));
	for (k = 0; k < ed->nmatters; k++)
		b.matter_dest[k] = -1;
	for (k = 0; k < ed->nguides; k++)
		b.guide_dest[k] = -1;

	/* body: arabic from 1 */
	lay_section(l, 0);
	for (si = 0; si < ed->nstages; si++) {
		const struct stage *st = &ed->stages[si];
		finish(&b);
		part_page(&b, si);
		for (gi = 0; gi < st->nguides; gi++)
			for (k = 0; k < ed->nguides; k++)
				if (ed->guides[k] == st->guides[gi]) {
					finish(&b);
					chapter(&b, ed->guides[k], k, ++num);
				}
	}
	finish(&b);
	appendix(&b);
	finish(&b);
	index_pages(&b);
	finish(&b);
	nbody = b.dl->npages;

	/* front matter: roman; cover and its back carry no folio */
	front = (int)b.dl->npages;
	lay_section(l, 1);
	cover(&b);
	if (ed->preface_doc && ed->preface_doc->child) {
		l->head_left = l->head_right = "前言";
		lay_new_recto(l);
		lay_nohead(l);
		b.preface_dest = heading(&b, "前　言", NULL, b.body * 1.75f,
		    DL_BLACK, 0, b.body);
		dl_add_outline(b.dl, 0, "前言", b.preface_dest);
		book_md(&b, ed->preface_doc);
	}
	toc(&b);
	if ((b.dl->npages - (size_t)front) % 2) {
		lay_new_page(l);
		l->info[l->page].blank = 1;
	}
	finish(&b);

	dl_move_to_front(b.dl, front);
	tmp = xreallocarray(NULL, l->ninfo, sizeof(*tmp));
	memcpy(tmp, l->info + front, (l->ninfo - (size_t)front) * sizeof(*tmp));
	memcpy(tmp + (l->ninfo - (size_t)front), l->info,
	    (size_t)front * sizeof(*tmp));
	free(l->info);
	l->info = tmp;
	dl_add_label(b.dl, 0, DL_LABEL_ROMAN, 1, NULL);
	dl_add_label(b.dl, (int)(b.dl->npages - nbody), DL_LABEL_ARABIC, 1,
	    NULL);

	{
		struct loc el = { ed->file, 1, 1 };
		lb_warn_unlocated(&el);
	}
	lay_free(l);
	free(b.guide_dest);
	free(b.matter_dest);
	free(b.office_dest);
	free(b.stage_dest);
	for (k = 0; k < b.nstyles; k++) {
		free((char *)b.styles[k]->uri);
		free(b.styles[k]);
	}
	free(b.styles);
	if (b.spool_failed) {
		dl_free(b.dl);
		return NULL;
	}
	return b.dl;
}
