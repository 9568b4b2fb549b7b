/*
 * html_guide.c — one page per published guide (guide/ID.html): its
 * facts, matters, procedure chart, body and where to go; and the fact
 * helpers the matter page shares (online link, fact, material form,
 * provider).
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "present.h"
#include "html_site.h"

void
online_link(struct site *s, const struct online *on)
{
	if (on->url == NULL)
		return;
	P(s, "<p class=\"online\"><a class=\"btn\" href=\"");
	A(s, on->url);
	P(s, "\">网上办理");
	if (on->depth) {
		P(s, "（");
		T(s, on->depth);
		P(s, "）");
	}
	P(s, "</a></p>\n");
}

void
fact(struct site *s, const char *label, const char *cls)
{
	F(s, "<div class=\"fact%s%s\"><dt>", cls ? " " : "", cls ? cls : "");
	P(s, label);
	P(s, "</dt><dd>");
}

void
material_form(struct site *s, const struct material *m)
{
	T(s, m->form);
	if (m->medium) {
		P(s, "（");
		T(s, m->medium);
		P(s, "）");
	}
}

void
provider(struct site *s, const char *const *depts, size_t n,
    const char *updated)
{
	size_t i;

	P(s, "<p class=\"provenance\"><span>资料提供：");
	for (i = 0; i < n; i++) {
		size_t d = dept_index(s->ed, depts[i]);

		if (i)
			P(s, "、");
		if (d != (size_t)-1) {
			char *p = dept_path(d, 0);

			P(s, "<a ");
			href(s, p);
			P(s, ">");
			T(s, depts[i]);
			P(s, "</a>");
			free(p);
		} else
			T(s, depts[i]);
	}
	P(s, "</span><span>更新日期：");
	if (updated) {
		P(s, "<time datetime=\"");
		A(s, updated);
		P(s, "\">");
		date_cn(&s->b, updated);
		P(s, "</time>");
	}
	P(s, "</span></p>\n");
}

/* ---- guide ------------------------------------------------------------ */

static void
reduction_row(struct site *s, const struct present_red_row *row)
{
	struct buf w;

	buf_init(&w);
	P(s, "<tr><th scope=\"row\">");
	P(s, row->what);
	F(s, "</th><td data-label=\"" PRESENT_RED_BEFORE "\">%d %s</td>"
	    "<td data-label=\"" PRESENT_RED_AFTER "\">%d %s</td>"
	    "<td data-label=\"" PRESENT_RED_SAVED "\">", row->before, row->unit, row->after,
	    row->unit);
	present_red_saving(&w, row);
	if (row->before > row->after)
		F(s, "<strong>%s</strong>", w.data);
	else
		P(s, w.data);
	P(s, "</td></tr>\n");
	buf_free(&w);
}

void
page_guide(struct site *s, size_t gi)
{
	const struct edition *ed = s->ed;
	const struct guide *g = ed->guides[gi];
	const struct reductions *r = &g->red;
	char *path = xasprintf("guide/%s.html", g->it.id), *sp = NULL;
	char *pp = NULL, *np = NULL;
	struct link crumbs[3], prev = { NULL, NULL }, next = { NULL, NULL };
	const char **depts = NULL;
	size_t ndepts = 0, i, j, st = stage_of(ed, g);
	char *stagelabel;

	stagelabel = xasprintf("%s · %s", g->audience ? g->audience : "",
	    g->stage ? g->stage : "");
	crumbs[0] = (struct link){ "index.html", "首页" };
	if (st != (size_t)-1) {
		sp = stage_path(ed, st);
		crumbs[1] = (struct link){ sp, stagelabel };
	} else
		crumbs[1] = (struct link){ "index.html", stagelabel };
	crumbs[2] = (struct link){ NULL, g->title };
	page_begin(s, path, g->title, str_eq(g->audience, "法人") ?
	    NAV_ENTERPRISE : NAV_PERSON, crumbs, 3);

	P(s, "<div class=\"head-grid\"><div>\n<p class=\"kicker\">一件事 · ");
	T(s, g->audience);
	P(s, " · ");
	T(s, g->stage);
	P(s, "</p>\n<h1>");
	T(s, g->title);
	P(s, "</h1>\n<p class=\"lead\">");
	T(s, g->summary);
	P(s, "</p>\n");
	if (g->synonyms.n) {
		P(s, "<p class=\"aka\">又称：");
		for (i = 0; i < g->synonyms.n; i++) {
			if (i)
				P(s, "、");
			T(s, g->synonyms.v[i]);
		}
		P(s, "</p>\n");
	}
	online_link(s, &g->online);
	P(s, "</div>\n");
	qr_block(s, g->online.url, path, "guide");
	P(s, "</div>\n");
	if (s->leaf && s->leaf[gi]) {
		P(s, "<p class=\"downloads\">");
		download_link(s, s->leaf[gi], "下载单张（A4，可打印）");
		P(s, "</p>\n");
	}

	/* What readers look for first. */
	P(s, "<section aria-labelledby=\"h-key\"><h2 id=\"h-key\">办事要点</h2>\n"
	    "<dl class=\"facts\">");
	fact(s, "承诺时限", NULL);
	days_cn(s, g->promise_days);
	P(s, "</dd></div>");
	fact(s, "到现场次数", NULL);
	say(s, present_visits, g->promise_visits, NULL);
	P(s, "</dd></div>");
	fact(s, "需提交材料", NULL);
	say(s, NULL, r->materials_after, "份");
	P(s, "</dd></div>");
	fact(s, "包含事项", NULL);
	say(s, NULL, (int)g->nmatters, "项");
	P(s, "</dd></div>");
	fact(s, PRESENT_CONSULT, NULL);
	tel_link(s, ed->hotline);
	P(s, "</dd></div></dl>\n</section>\n");

	P(s, "<section aria-labelledby=\"h-red\"><h2 id=\"h-red\">"
	    PRESENT_REDUCTIONS "</h2>\n"
	    "<div class=\"table\"><table class=\"reductions stack\"><thead><tr>"
	    "<th scope=\"col\">" PRESENT_RED_WHAT "</th>"
	    "<th scope=\"col\">" PRESENT_RED_BEFORE "</th>"
	    "<th scope=\"col\">" PRESENT_RED_AFTER "</th>"
	    "<th scope=\"col\">" PRESENT_RED_SAVED "</th>"
	    "</tr></thead><tbody>\n");
	{
		struct present_red_row rows[RED__MAX];
		struct buf w;
		int k;

		present_red_rows(r, rows);
		for (k = 0; k < RED__MAX; k++)
			reduction_row(s, &rows[k]);
		P(s, "</tbody></table></div>\n<p class=\"red-line\">");
		buf_init(&w);
		present_red_sentence(&w, r);
		P(s, w.data);
		buf_free(&w);
	}
	P(s, "</p>\n</section>\n");

	/* The merged checklist. */
	P(s, "<section aria-labelledby=\"h-mat\"><h2 id=\"h-mat\">一套材料</h2>\n"
	    "<p>以下材料已合并去重，同一份材料只需提交一次。标有“免提交”的材料由部门通过数据共享获取，无需提供。</p>\n"
	    "<div class=\"table\"><table class=\"checklist stack\"><thead><tr>"
	    "<th scope=\"col\">序号</th><th scope=\"col\">材料名称</th>"
	    "<th scope=\"col\">形式</th><th scope=\"col\">份数</th>"
	    "<th scope=\"col\">用于事项</th></tr></thead><tbody>\n");
	for (i = 0; i < g->nchecklist; i++) {
		const struct checkline *c = &g->checklist[i];

		F(s, "<tr%s><td class=\"no\">%zu</td><th scope=\"row\">",
		    c->shared ? " class=\"shared\"" : "", i + 1);
		T(s, c->name);
		if (c->shared)
			P(s, " <span class=\"tag ok\">免提交</span>");
		if (!c->required)
			P(s, " <span class=\"tag\">视情况</span>");
		if (c->first && c->first->note) {
			P(s, "<span class=\"sub\">");
			T(s, c->first->note);
			P(s, "</span>");
		}
		if (!c->shared && c->nshared_by > 0) {
			struct buf w;

			buf_init(&w);
			present_shared_by(&w, c, 0);
			P(s, "<span class=\"sub\">");
			T(s, w.data);
			P(s, "</span>");
			buf_free(&w);
		}
		P(s, "</th><td data-label=\"形式\">");
		T(s, c->form);
		P(s, "</td><td data-label=\"份数\">");
		if (c->shared)
			P(s, "—");
		else
			say(s, present_copies, c->copies, NULL);
		P(s, "</td><td data-label=\"用于事项\">");
		for (j = 0; j < c->nmatters; j++) {
			char *mp = xasprintf("matter/%s.html",
			    c->matters[j]->it.id);

			if (j)
				P(s, "、");
			P(s, "<a ");
			href(s, mp);
			P(s, ">");
			T(s, c->matters[j]->title);
			P(s, "</a>");
			free(mp);
		}
		P(s, "</td></tr>\n");
	}
	if (g->nchecklist == 0)
		P(s, "<tr><td colspan=\"5\">无需材料</td></tr>\n");
	P(s, "</tbody></table></div>\n</section>\n");

	if (g->procedure) {
		P(s, "<section aria-labelledby=\"h-flow\"><h2 id=\"h-flow\">办理流程</h2>\n");
		flow_svg(&s->b, g->procedure, s->root, g->procedure->title);
		P(s, "</section>\n");
	}

	P(s, "<section aria-labelledby=\"h-mt\"><h2 id=\"h-mt\">包含事项（按办理顺序）</h2>\n"
	    "<ol class=\"matters\">\n");
	for (i = 0; i < g->nmatters; i++) {
		const struct matter *m = g->matters[i];
		char *mp = xasprintf("matter/%s.html", m->it.id);

		P(s, "<li><a ");
		href(s, mp);
		P(s, ">");
		T(s, m->title);
		P(s, "</a><span class=\"sub\">");
		T(s, m->department);
		P(s, " · 承诺 ");
		days_cn(s, m->promised_days);
		F(s, " · 到现场 %d 次</span></li>\n", m->visits);
		free(mp);
		for (j = 0; j < ndepts; j++)
			if (str_eq(depts[j], m->department))
				break;
		if (j == ndepts && m->department)
			*VEC_PUSH(&depts, &ndepts) = m->department;
	}
	P(s, "</ol>\n</section>\n");

	if (g->noffices) {
		P(s, "<section aria-labelledby=\"h-off\"><h2 id=\"h-off\">办理地点和时间</h2>\n"
		    "<div class=\"cards\">\n");
		for (i = 0; i < g->noffices; i++)
			office_card(s, g->offices[i], 3);
		P(s, "</div>\n</section>\n");
	}

	P(s, "<section aria-labelledby=\"h-tel\"><h2 id=\"h-tel\">咨询和投诉</h2>\n"
	    "<dl class=\"kv\"><dt>政务服务便民热线</dt><dd>");
	tel_link(s, ed->hotline);
	P(s, "</dd>");
	for (i = 0; i < g->nmatters; i++) {
		const struct matter *m = g->matters[i];

		if (m->consult == NULL || str_eq(m->consult, ed->hotline))
			continue;
		for (j = 0; j < i; j++)
			if (str_eq(g->matters[j]->consult, m->consult))
				break;
		if (j < i)
			continue;
		P(s, "<dt>");
		T(s, m->department);
		P(s, "</dt><dd>");
		tel_link(s, m->consult);
		P(s, "</dd>");
	}
	P(s, "</dl>\n</section>\n");

	body_section(s, &g->it, PRESENT_GUIDE_BODY);
	provider(s, depts, ndepts, g->it.updated);

	if (gi > 0) {
		pp = xasprintf("guide/%s.html", ed->guides[gi - 1]->it.id);
		prev = (struct link){ pp, ed->guides[gi - 1]->title };
	}
	if (gi + 1 < ed->nguides) {
		np = xasprintf("guide/%s.html", ed->guides[gi + 1]->it.id);
		next = (struct link){ np, ed->guides[gi + 1]->title };
	}
	s->aka = &g->synonyms;
	s->updated = g->it.updated;
	page_end(s, g->title, "一件事", &prev, &next);
	free(depts);
	free(pp);
	free(np);
	free(sp);
	free(stagelabel);
	free(path);
}
