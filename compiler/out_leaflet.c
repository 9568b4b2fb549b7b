/*
 * out_leaflet.c — single sheets (单张): one A4 page per 一件事 for the
 * counter and the 政务公开专区, ctx->dir/leaflets/<guide>.pdf, and all
 * of them in guide order in ctx->dir/leaflets.pdf for one print job.
 * With --duplex (or theme leaflet.duplex) each leaflet is exactly two
 * pages.
 *
 * Fitting: a leaflet is laid out at the theme's size (leaflet.body_size,
 * default 10.5 pt) and, while it does not fit, again half a point
 * smaller down to leaflet.min_size (9 pt); if it still does not fit the
 * build fails with an error naming the guide and how much is over.
 * Nothing is ever clipped or spilled onto an extra page.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "model.h"
#include "theme.h"
#include "out.h"
#include "font.h"
#include "dlist.h"
#include "linebreak.h"
#include "layout.h"
#include "paint.h"
#include "pdfkit.h"
#include "present.h"

#define MM		(72.0f / 25.4f)
#define LF_ACCENT	(lf->accent)
#define LF_GRAY		0x555555u
#define LF_SHADE	0xF3EEE6u
#define LF_STEP		0.5f	/* pt: shrink step while fitting */
#define LF_MAX_STYLES	64
#define LF_TWO_COLS	12	/* more materials: two halves side by side */

struct leaf {
	const struct edition	*ed;
	const struct guide	*g;
	struct fonts		*fonts;
	struct lay		 lay;
	float			 body;
	unsigned		 accent;
	struct tstyle		 st[LF_MAX_STYLES];
	int			 nst;
};

static const struct tstyle *
lsty(struct leaf *lf, enum font_role role, float size, unsigned color)
{
	int	i;

	for (i = 0; i < lf->nst; i++)
		if (lf->st[i].role == role && lf->st[i].size == size &&
		    lf->st[i].color == color)
			return &lf->st[i];
	if (lf->nst == LF_MAX_STYLES)
		return &lf->st[0];
	lf->st[lf->nst].role = role;
	lf->st[lf->nst].size = size;
	lf->st[lf->nst].color = color;
	lf->st[lf->nst].dest = -1;
	lf->st[lf->nst].uri = NULL;
	return &lf->st[lf->nst++];
}

#define LB(lf)	lsty(lf, FONT_BODY, (lf)->body, DL_BLACK)
#define LH(lf)	lsty(lf, FONT_HEADING, (lf)->body, DL_BLACK)

static void
lput(struct para *p, const struct tstyle *st, const char *s,
    const struct loc *loc)
{
	if (s && *s)
		lb_add(p, s, strlen(s), st, loc);
}

/* Adds the words in wb (present.h) to p and empties wb. */
static void
lput_buf(struct para *p, const struct tstyle *st, struct buf *wb)
{
	if (wb->len > 0)
		lb_add(p, wb->data, wb->len, st, NULL);
	wb->len = 0;
}

static void
section(struct leaf *lf, const char *title)
{
	struct lay	*l = &lf->lay;
	struct dl_item	*it;
	float		 s = lf->body * 1.15f;

	lay_space(l, lf->body * 0.7f);
	lay_need(l, 3 * s * 1.5f);
	it = dl_add(l->dl, l->page, DL_RECT);
	it->x = l->x0;
	it->y = l->y + s * 0.25f;
	it->w = 3.5f;
	it->h = s * 1.0f;
	it->color = LF_ACCENT;
	lb_reset(&l->para);
	lput(&l->para, lsty(lf, FONT_HEADING, s, LF_ACCENT), title,
	    &lf->g->it.loc);
	lay_para(l, LAY_LEFT, 7, 0, s, 1.5f, 2, 0);
	lb_reset(&l->para);
}

/* Append s to the list v (n entries) unless it is there. */
static void
add_unique(const char **v, size_t *n, size_t max, const char *s)
{
	size_t	i;

	if (s == NULL || *s == '\0')
		return;
	for (i = 0; i < *n; i++)
		if (strcmp(v[i], s) == 0)
			return;
	if (*n < max)
		v[(*n)++] = s;
}

/* Lay out the leaflet of g at body size lf->body into a new list. */
static struct dlist *
leaf_layout(struct leaf *lf, const struct theme *th)
{
	const struct guide	*g = lf->g;
	const struct edition	*ed = lf->ed;
	struct lay		*l = &lf->lay;
	struct dlist		*dl = dl_new(210 * MM, 297 * MM);
	struct ltable		*t;
	struct para		*p;
	char			*url;
	float			 qs = 32 * MM, y0, ts = lf->body * 2.0f;
	size_t			 i, j, nphones;
	const char		*phones[32];
	const char		*on;
	struct buf		 wb;

	lf->nst = 0;
	buf_init(&wb);
	lay_init(l, dl, lf->fonts);
	l->body_size = lf->body;
	l->leading = 1.45f;
	l->m_top = 14 * MM;
	l->m_bottom = 20 * MM;	/* the footer lives below */
	l->m_inner = l->m_outer = 15 * MM;
	lay_section(l, 0);
	lay_new_page(l);

	/* head: issuer, title, audience; QR code at the right */
	url = kit_guide_url(ed, g);
	y0 = l->y;
	if (url) {
		kit_qr(dl, l->page, url, l->x0 + l->w - qs, y0, qs);
		l->rindent = qs + 8;
	}
	p = &l->para;
	lb_reset(p);
	lb_addf(p, lsty(lf, FONT_BODY, lf->body * 0.9f, LF_GRAY), NULL, "%s · 办事一本通单张",
	    ed->issuer);
	lay_para(l, LAY_LEFT, 0, 0, lf->body * 0.9f, 1.5f, 0, 0);
	lb_reset(p);
	lput(p, lsty(lf, FONT_HEADING, ts, LF_ACCENT), g->title, &g->it.loc);
	lay_para(l, LAY_LEFT, 0, 0, ts, 1.3f, 0, 0);
	lb_reset(p);
	lput(p, LH(lf), "服务对象：", NULL);
	lput(p, LB(lf), g->audience, &g->it.loc);
	lput(p, LB(lf), "　　", NULL);
	lput(p, LH(lf), "阶段：", NULL);
	lput(p, LB(lf), g->stage, &g->it.loc);
	lay_para(l, LAY_LEFT, 0, 0, lf->body, 1.5f, 0, 0);
	lb_reset(p);
	lput(p, LB(lf), g->summary, &g->it.loc);
	lay_para(l, LAY_JUSTIFY, 0, 2 * lf->body, lf->body, 1.45f, 0, 0);
	lb_reset(p);
	l->rindent = 0;
	if (url) {
		lb_reset(p);
		lput(p, lsty(lf, FONT_BODY, 8, LF_GRAY), "扫码在线办理", NULL);
		lb_break(p, qs, 0, 0);
		if (p->nlines)
			lb_emit(p, 0, dl, l->page, l->x0 + l->w - qs +
			    (qs - p->lines[0].width) / 2, y0 + qs + 8);
		lb_reset(p);
		if (l->y < y0 + qs + 12)
			l->y = y0 + qs + 12;
		free(url);
	}

	/* the figures */
	t = ltable_new(l, 4, lf->body);
	lput(ltable_cell(t, lf->fonts, 0, 0), LH(lf), "承诺时限", NULL);
	lput(ltable_cell(t, lf->fonts, 0, 1), LH(lf), "到现场次数", NULL);
	lput(ltable_cell(t, lf->fonts, 0, 2), LH(lf), "收费", NULL);
	lput(ltable_cell(t, lf->fonts, 0, 3), LH(lf), "网上办理", NULL);
	present_days(&wb, g->promise_days);
	lput_buf(ltable_cell(t, lf->fonts, 1, 0), LB(lf), &wb);
	present_visits(&wb, g->promise_visits);
	lput_buf(ltable_cell(t, lf->fonts, 1, 1), LB(lf), &wb);
	if (present_guide_free(g))
		lput(ltable_cell(t, lf->fonts, 1, 2), LB(lf), PRESENT_FREE,
		    NULL);
	else
		lb_addf(ltable_cell(t, lf->fonts, 1, 2), LB(lf), NULL,
		    "%s（见手册）", present_guide_fee(g));
	on = present_online(&g->online);
	lput(ltable_cell(t, lf->fonts, 1, 3), LB(lf), on ? on : "—", NULL);
	lay_space(l, lf->body * 0.5f);
	lay_table(l, t);
	ltable_free(t);
	lb_reset(p);
	lput(p, LH(lf), PRESENT_REDUCTIONS "：", NULL);
	present_red_sentence(&wb, &g->red);
	lput_buf(p, LB(lf), &wb);
	lay_space(l, lf->body * 0.4f);
	lay_para(l, LAY_JUSTIFY, 0, 0, lf->body, 1.45f, 0, 0);
	lb_reset(p);

	/* the merged checklist, a box to tick per material */
	section(lf, "一套材料（请逐项打勾）");
	if (g->nchecklist == 0) {
		lput(p, LB(lf), "无需提交材料。", NULL);
		lay_para(l, LAY_LEFT, 0, 0, lf->body, 1.45f, 0, 0);
		lb_reset(p);
	} else {
		/* long lists go in two halves side by side */
		size_t half = g->nchecklist > LF_TWO_COLS ?
		    (g->nchecklist + 1) / 2 : g->nchecklist;
		int halves = half < g->nchecklist ? 2 : 1, hc;

		t = ltable_new(l, 3 * halves, lf->body);
		t->leading = 1.3f;
		t->pad = 1.5f;
		for (hc = 0; hc < halves; hc++) {
			t->checkmask |= 1u << (3 * hc);
			t->minw[3 * hc] = lf->body * 1.8f;
			lput(ltable_cell(t, lf->fonts, 0, 3 * hc), LH(lf),
			    "√", NULL);
			lput(ltable_cell(t, lf->fonts, 0, 3 * hc + 1), LH(lf),
			    "材料名称", NULL);
			lput(ltable_cell(t, lf->fonts, 0, 3 * hc + 2), LH(lf),
			    PRESENT_FORM_COPIES, NULL);
		}
		for (i = 0; i < g->nchecklist; i++) {
			const struct checkline *cl = &g->checklist[i];
			const struct loc *loc = cl->first ? &cl->first->loc :
			    &g->it.loc;
			size_t row = i % half + 1;
			int c0 = 3 * (int)(i / half);

			/* a line the department fetches itself has no box
			 * to tick: it says 免提交 there instead */
			p = ltable_cell(t, lf->fonts, row, c0);
			if (cl->shared)
				lput(p, lsty(lf, FONT_HEADING, lf->body * 0.7f,
				    LF_ACCENT), PRESENT_SHARED, NULL);
			lput(ltable_cell(t, lf->fonts, row, c0 + 1), LB(lf),
			    cl->name, loc);
			p = ltable_cell(t, lf->fonts, row, c0 + 2);
			lput(p, LB(lf), cl->form, loc);
			if (cl->copies > 0 && !cl->shared) {
				buf_putc(&wb, ' ');
				present_copies(&wb, cl->copies);
				lput_buf(p, LB(lf), &wb);
			}
			if (!cl->shared && !cl->required)
				lput(p, LB(lf), "（视情况）", NULL);
			if (!cl->shared && cl->nshared_by > 0) {
				lput(p, LB(lf), "（", NULL);
				present_shared_by(&wb, cl, 1);
				lput_buf(p, LB(lf), &wb);
				lput(p, LB(lf), "）", NULL);
			}
		}
		lay_table(l, t);
		ltable_free(t);
	}
	p = &l->para;

	/* where and when */
	section(lf, "办理地点和时间");
	for (i = 0; i < g->noffices; i++) {
		const struct office *of = g->offices[i];
		lb_reset(p);
		lput(p, LH(lf), of->name, &of->it.loc);
		lput(p, LB(lf), "　", NULL);
		lput(p, LB(lf), of->address, &of->it.loc);
		for (j = 0; j < of->nhours; j++) {
			const struct hours *h = &of->hours[j];
			lput(p, LB(lf), j ? "；" : "。", NULL);
			if (h->days)
				lb_addf(p, LB(lf), NULL, "%s %s—%s", h->days,
				    h->open ? h->open : "",
				    h->close ? h->close : "");
			else
				lput(p, LB(lf), h->text, &of->it.loc);
		}
		if (of->phone) {
			lput(p, LB(lf), "。电话 ", NULL);
			lput(p, LB(lf), of->phone, &of->it.loc);
		}
		lay_para(l, LAY_JUSTIFY, 0, 0, lf->body, 1.45f, 0, 0);
		lb_reset(p);
	}
	if (g->noffices == 0) {
		lput(p, LB(lf), "全程网上办理，无需到现场。", NULL);
		lay_para(l, LAY_LEFT, 0, 0, lf->body, 1.45f, 0, 0);
		lb_reset(p);
	}

	/* phones */
	section(lf, "咨询和投诉");
	nphones = 0;
	for (i = 0; i < g->nmatters; i++)
		add_unique(phones, &nphones, 32, g->matters[i]->consult);
	lb_reset(p);
	lput(p, LH(lf), PRESENT_CONSULT "：", NULL);
	for (i = 0; i < nphones; i++) {
		if (i)
			lput(p, LB(lf), "、", NULL);
		lput(p, LB(lf), phones[i], NULL);
	}
	if (nphones == 0)
		lput(p, LB(lf), ed->hotline, NULL);
	lput(p, LB(lf), "　", NULL);
	lput(p, LH(lf), PRESENT_COMPLAINT "：", NULL);
	nphones = 0;
	for (i = 0; i < g->nmatters; i++)
		add_unique(phones, &nphones, 32, g->matters[i]->complaint);
	for (i = 0; i < nphones; i++) {
		if (i)
			lput(p, LB(lf), "、", NULL);
		lput(p, LB(lf), phones[i], NULL);
	}
	if (nphones == 0)
		lput(p, LB(lf), ed->hotline, NULL);
	lay_para(l, LAY_JUSTIFY, 0, 0, lf->body, 1.45f, 0, 0);
	lb_reset(p);
	buf_free(&wb);
	(void)th;
	return dl;
}

/* Issuer, version, dates at the foot of every page of the leaflet. */
static void
leaf_footer(struct leaf *lf, struct dlist *dl)
{
	struct para	 p;
	size_t		 pg;
	float		 x0 = 15 * MM, w = dl->width - 30 * MM;
	struct dl_item	*it;

	lb_init(&p, lf->fonts);
	lb_addf(&p, lsty(lf, FONT_BODY, 8.5f, LF_GRAY), NULL, "%s　%s　发布日期 %s"
	    "　更新日期 %s", lf->ed->issuer, lf->ed->version ?
	    lf->ed->version : "", lf->ed->date ? lf->ed->date : "",
	    lf->g->it.updated ? lf->g->it.updated : "—");
	lb_break(&p, w, 0, 0);
	for (pg = 0; pg < dl->npages; pg++) {
		size_t i;
		it = dl_add(dl, (int)pg, DL_RULE);
		it->x = x0;
		it->x2 = x0 + w;
		it->y = it->y2 = dl->height - 15 * MM;
		it->lw = 0.5f;
		it->color = LF_GRAY;
		for (i = 0; i < p.nlines; i++)
			lb_emit(&p, i, dl, (int)pg, x0,
			    dl->height - 15 * MM + 12 + i * 11);
	}
	lb_free(&p);
}

/* The fitted leaflet of g, or NULL after an error. */
static struct dlist *
leaf_fit(struct leaf *lf, const struct theme *th, int pages)
{
	float		 size = th ? (float)theme_num(th, "leaflet.body_size",
			    10.5) : 10.5f;
	float		 min = th ? (float)theme_num(th, "leaflet.min_size", 9)
			    : 9;
	struct dlist	*dl;

	if (min < 6)
		min = 6;
	if (size < min)
		size = min;
	for (;; size -= LF_STEP) {
		if (size < min)
			size = min;
		lf->body = size;
		dl = leaf_layout(lf, th);
		if ((int)dl->npages <= pages) {
			while ((int)dl->npages < pages)
				dl_add_page(dl);
			lay_free(&lf->lay);
			leaf_footer(lf, dl);
			return dl;
		}
		if (size <= min) {
			float over = (float)(dl->npages - (size_t)pages - 1) *
			    (dl->height - lf->lay.m_top - lf->lay.m_bottom) +
			    lf->lay.y - lf->lay.m_top;
			diag_at(&lf->g->it.loc, DIAG_ERROR, "单张放不下“%s”：缩小到 "
			    "%.1f pt 仍超出约 %.0f 毫米（%d 页以外）；请精简材料说明、"
			    "合并办理地点，或在 theme.yaml 调低 leaflet.min_size"
			    "，或用 --duplex 双面印刷", lf->g->title, min,
			    over / MM, pages);
			lay_free(&lf->lay);
			dl_free(dl);
			return NULL;
		}
		lay_free(&lf->lay);
		dl_free(dl);
	}
}

/* Where a guide's leaflet is among the pages of leaflets.pdf. */
struct span {
	size_t	 first;
	size_t	 n;		/* 0: no leaflet (it did not fit) */
};

/* What the painting processes share. */
struct painting {
	const struct dlist	*all;	/* every leaflet's pages */
	const struct span	*sp;
	const struct edition	*ed;
	struct fonts		*fonts;
	const char		*dir;
	size_t			*next;	/* next guide to take (shared) */
};

/*
 * Paint leaflets until none is left: *next (shared between the painting
 * processes) is the index of the next guide to take. Each leaflet is
 * painted from its pages in all, to dir/<id>.pdf. Returns 0, or -1 if
 * one could not be written.
 */
static int
paint_some(const struct painting *pt)
{
	const struct edition	*ed = pt->ed;
	struct dlist		 v;
	size_t			 i;
	char			*path;
	int			 rc = 0;

	while ((i = __atomic_fetch_add(pt->next, 1, __ATOMIC_RELAXED)) <
	    ed->nguides) {
		if (pt->sp[i].n == 0)
			continue;
		memset(&v, 0, sizeof(v));
		v.width = pt->all->width;
		v.height = pt->all->height;
		v.pages = pt->all->pages + pt->sp[i].first;
		v.npages = pt->sp[i].n;
		v.title = ed->guides[i]->title;
		v.author = ed->issuer;
		v.subject = ed->title;
		v.date = ed->date;
		path = xasprintf("%s/%s.pdf", pt->dir, ed->guides[i]->it.id);
		if (paint_pdf_lean(&v, pt->fonts, path) != 0)
			rc = -1;
		free(path);
	}
	return rc;
}

static int
paint_child(void *arg)
{
	return paint_some(arg) != 0 ? EXIT_CONTENT : 0;
}

int
out_leaflets(const struct out_ctx *ctx)
{
	const struct edition	*ed = ctx->ed;
	struct fonts		*fonts;
	struct dlist		*all;
	struct leaf		 lf;
	struct span		*sp;
	char			*dir, *path;
	size_t			 i;
	int			 rc = 0, pages, jobs, nkids = 0;
	size_t			*next, own;
	char			**dpath;
	struct painting		 pt;

	pages = ctx->duplex || (ctx->theme &&
	    theme_bool(ctx->theme, "leaflet.duplex", 0)) ? 2 : 1;
	fonts = fonts_open(ctx->theme);
	if (fonts == NULL)
		return -1;
	dir = xasprintf("%s/leaflets", ctx->dir);
	if (mkdir_p(dir) != 0) {
		diag_io(dir, "无法创建文件夹：%s",
		    zh_strerror(errno));
		free(dir);
		fonts_close(fonts);
		return -1;
	}
	all = dl_new(210 * MM, 297 * MM);
	all->title = ed->title;
	all->author = ed->issuer;
	all->subject = "单张";
	all->date = ed->date;
	/* Lay out every leaflet first (fitting reports here, once). */
	sp = xcalloc(ed->nguides + 1, sizeof(*sp));
	for (i = 0; i < ed->nguides; i++) {
		struct dlist *dl;

		memset(&lf, 0, sizeof(lf));
		lf.ed = ed;
		lf.g = ed->guides[i];
		lf.fonts = fonts;
		lf.accent = kit_color(ctx->theme, "pdf.accent", 0x9E1B1Bu);
		dl = leaf_fit(&lf, ctx->theme, pages);
		if (dl == NULL) {
			rc = -1;
			continue;
		}
		sp[i].first = all->npages;
		sp[i].n = dl->npages;
		dl_append_pages(all, dl);
		/* leaflets.pdf: a bookmark per guide */
		dl_add_outline(all, 0, lf.g->title,
		    dl_add_dest(all, (int)sp[i].first, 0));
	}
	{
		struct loc el = { ed->file, 1, 1 };
		lb_warn_unlocated(&el);
	}
	/*
	 * Then paint, with -j N in N processes: N-1 children and this one
	 * take the next unpainted leaflet from a counter they share, this
	 * one after leaflets.pdf, the biggest piece. Each file is painted
	 * the same whoever paints it.
	 */
	jobs = rc == 0 && ctx->jobs > 1 && ed->nguides > 8 ? ctx->jobs : 1;
	next = jobs > 1 ? mmap(NULL, sizeof(*next), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0) : MAP_FAILED;
	if (next == MAP_FAILED) {
		next = &own;
		jobs = 1;
	}
	*next = 0;
	pt.all = all;
	pt.sp = sp;
	pt.ed = ed;
	pt.fonts = fonts;
	pt.dir = dir;
	pt.next = next;
	dpath = xcalloc((size_t)jobs, sizeof(*dpath));
	for (int k = 1; k < jobs; k++) {
		dpath[k] = xasprintf("%s.paint%d.diag", ctx->dir, k);
		if (diag_fork(dpath[k], paint_child, &pt) == -1)
			break;		/* paint the rest here */
		nkids++;
	}
	if (rc == 0 && all->npages > 0) {
		path = xasprintf("%s/leaflets.pdf", ctx->dir);
		rc = paint_pdf_lean(all, fonts, path);
		free(path);
	}
	if (paint_some(&pt) != 0)
		rc = -1;
	while (nkids > 0) {
		int st;

		if (wait(&st) == -1)
			break;
		nkids--;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			rc = -1;
	}
	for (int k = 1; k < jobs; k++)
		if (dpath[k] != NULL) {
			diag_load(dpath[k]);
			free(dpath[k]);
		}
	free(dpath);
	if (next != &own)
		munmap(next, sizeof(*next));
	free(sp);
	dl_free(all);
	free(dir);
	fonts_close(fonts);
	return rc;
}
