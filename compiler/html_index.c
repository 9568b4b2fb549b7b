/*
 * html_index.c — the pages that list others: the home page by life and
 * enterprise stage, one page per stage, the indexes of matters, offices
 * and departments, and the search page.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "html_site.h"

static void
guide_cards(struct site *s, const struct guide *const *gs, size_t n, int hl)
{
	size_t i;

	P(s, "<ul class=\"guides\">\n");
	for (i = 0; i < n; i++) {
		char *gp = xasprintf("guide/%s.html", gs[i]->it.id);

		F(s, "<li><h%d><a ", hl);
		href(s, gp);
		P(s, ">");
		T(s, gs[i]->title);
		F(s, "</a></h%d><p>", hl);
		T(s, gs[i]->summary);
		P(s, "</p><p class=\"sub\">承诺 ");
		days_cn(s, gs[i]->promise_days);
		F(s, " · 到现场 %d 次 · 材料 %d → %d 份</p></li>\n",
		    gs[i]->promise_visits, gs[i]->red.materials_before,
		    gs[i]->red.materials_after);
		free(gp);
	}
	P(s, "</ul>\n");
}

void
page_stage(struct site *s, size_t si)
{
	const struct stage *st = &s->ed->stages[si];
	char *path = stage_path(s->ed, si), *pp = NULL, *np = NULL;
	int ent = str_eq(st->audience, "法人");
	struct link crumbs[3], prev = { NULL, NULL }, next = { NULL, NULL };
	char *pt = NULL, *nt = NULL;

	crumbs[0] = (struct link){ "index.html", "首页" };
	crumbs[1] = (struct link){ ent ? "index.html#enterprise" :
	    "index.html#person", ent ? "法人办事" : "个人办事" };
	crumbs[2] = (struct link){ NULL, st->name };
	page_begin(s, path, st->name, ent ? NAV_ENTERPRISE : NAV_PERSON,
	    crumbs, 3);
	P(s, "<p class=\"kicker\">");
	P(s, ent ? "法人办事 · 企业阶段" : "个人办事 · 人生阶段");
	P(s, "</p>\n<h1>");
	T(s, st->name);
	F(s, "</h1>\n<p class=\"lead\">本阶段共有 %zu 件“一件事”。</p>\n",
	    st->nguides);
	guide_cards(s, st->guides, st->nguides, 2);
	if (si > 0) {
		pp = stage_path(s->ed, si - 1);
		pt = xasprintf("%s", s->ed->stages[si - 1].name);
		prev = (struct link){ pp, pt };
	}
	if (si + 1 < s->ed->nstages) {
		np = stage_path(s->ed, si + 1);
		nt = xasprintf("%s", s->ed->stages[si + 1].name);
		next = (struct link){ np, nt };
	}
	page_end(s, st->name, NULL, &prev, &next);
	free(pp);
	free(np);
	free(pt);
	free(nt);
	free(path);
}

/* ---- home, indexes, search ---------------------------------------------- */

/* The home page names this many guides of a stage, then links to the
 * stage's page for the rest (at N=10000 it named all 10,000). */
#define HOME_GUIDES	12

static void
home_part(struct site *s, const char *aud, const char *id, const char *h)
{
	const struct edition *ed = s->ed;
	size_t i, j;
	int any = 0;

	for (i = 0; i < ed->nstages; i++)
		if (str_eq(ed->stages[i].audience, aud))
			any = 1;
	F(s, "<section class=\"part\" aria-labelledby=\"%s\"><h2 id=\"%s\">",
	    id, id);
	P(s, h);
	P(s, "</h2>\n");
	if (!any)
		P(s, "<p>本版暂无此类“一件事”。</p>\n");
	else
		P(s, "<div class=\"stages\">\n");
	for (i = 0; i < ed->nstages; i++) {
		const struct stage *st = &ed->stages[i];
		char *sp;

		if (!str_eq(st->audience, aud))
			continue;
		sp = stage_path(ed, i);
		P(s, "<section class=\"stage\"><h3><a ");
		href(s, sp);
		P(s, ">");
		T(s, st->name);
		F(s, "</a> <span class=\"count\">%zu 件</span></h3>\n<ul>", st->nguides);
		for (j = 0; j < st->nguides && j < HOME_GUIDES; j++) {
			char *gp = xasprintf("guide/%s.html", st->guides[j]->it.id);

			P(s, "<li><a ");
			href(s, gp);
			P(s, ">");
			T(s, st->guides[j]->title);
			P(s, "</a></li>");
			free(gp);
		}
		if (st->nguides > HOME_GUIDES) {
			P(s, "<li class=\"more\"><a ");
			href(s, sp);
			F(s, ">查看全部 %zu 件</a></li>", st->nguides);
		}
		P(s, "</ul></section>\n");
		free(sp);
	}
	if (any)
		P(s, "</div>\n");
	P(s, "</section>\n");
}

void
page_home(struct site *s)
{
	const struct edition *ed = s->ed;

	page_begin(s, "index.html", ed->title, NAV_HOME, NULL, 0);
	P(s, "<div class=\"hero\"><h1>");
	T(s, ed->title);
	P(s, "</h1>\n<p class=\"lead\">");
	T(s, ed->region);
	P(s, "政务服务“高效办成一件事”：一次告知、一套材料、一窗受理、一次办好。</p>\n"
	    "<form class=\"bigsearch\" role=\"search\" action=\"search.html\" method=\"get\">"
	    "<label for=\"q-home\">您想办什么事？</label><div class=\"row\">"
	    "<input id=\"q-home\" name=\"q\" type=\"search\" "
	    "placeholder=\"如：生孩子、开饭店、退休\"><button type=\"submit\">搜索</button>"
	    "</div></form>\n");
	F(s, "<p class=\"stats\">本版收录 %zu 件“一件事”、%zu 项政务服务事项、%zu 个办理地点。</p>\n",
	    ed->nguides, ed->nmatters, ed->noffices);
	P(s, "</div>\n");
	home_part(s, "个人", "person", "个人办事（按人生阶段）");
	home_part(s, "法人", "enterprise", "法人办事（按企业阶段）");
	if (s->book || s->allleaf || s->sheet) {
		P(s, "<section class=\"part\" aria-labelledby=\"dl\"><h2 id=\"dl\">"
		    "下载</h2>\n<ul class=\"downloads\">");
		if (s->book) {
			P(s, "<li>");
			download_link(s, s->book, "办事一本通手册");
			P(s, "</li>");
		}
		if (s->allleaf) {
			P(s, "<li>");
			download_link(s, s->allleaf, "全部单张（每件事一页，可整本打印）");
			P(s, "</li>");
		}
		if (s->sheet) {
			P(s, "<li>");
			download_link(s, s->sheet, "全部公开事项（电子表格，可筛选、排序）");
			P(s, "</li>");
		}
		P(s, "</ul>\n</section>\n");
	}
	P(s, "<section class=\"part\" aria-labelledby=\"more\"><h2 id=\"more\">更多查询</h2>\n"
	    "<ul class=\"quick\"><li><a href=\"matters.html\">事项索引<span>按部门查找全部事项</span></a></li>"
	    "<li><a href=\"offices.html\">办理地点<span>地址、办公时间、交通</span></a></li>"
	    "<li><a href=\"departments.html\">实施部门<span>各部门办理的事项</span></a></li>"
	    "<li><a href=\"search.html\">全文搜索<span>按关键词查找</span></a></li></ul>\n</section>\n");
	if (ed->preface_doc && ed->preface_doc->child) {
		P(s, "<section class=\"part\" aria-labelledby=\"about\"><h2 id=\"about\">前言</h2>\n");
		body(s, NULL, ed->preface_doc);
		P(s, "</section>\n");
	}
	page_end(s, ed->title, NULL, NULL, NULL);
}

/* Every department, linking to its (first) page, with its count. */
static void
dept_links(struct site *s)
{
	const struct edition *ed = s->ed;
	size_t i;

	P(s, "<ul class=\"quick\">\n");
	for (i = 0; i < ed->ndepartments; i++) {
		char *dp = dept_path(i, 0);

		P(s, "<li><a ");
		href(s, dp);
		P(s, ">");
		T(s, ed->departments[i].name);
		F(s, "<span>%zu 项事项</span></a></li>\n",
		    ed->departments[i].nmatters);
		free(dp);
	}
	P(s, "</ul>\n");
}

void
page_matters(struct site *s)
{
	const struct edition *ed = s->ed;
	struct link crumbs[2] = { { "index.html", "首页" }, { NULL, "事项索引" } };
	size_t i;

	page_begin(s, "matters.html", "事项索引", NAV_MATTERS, crumbs, 2);
	if (ed->nmatters > MATTERS_ONE_PAGE) {
		F(s, "<h1>事项索引</h1>\n<p class=\"lead\">全部 %zu 项公开的"
		    "政务服务事项，按实施部门分页列出：请选择部门，或使用"
		    "搜索。</p>\n", ed->nmatters);
		dept_links(s);
		page_end(s, "事项索引", NULL, NULL, NULL);
		return;
	}
	F(s, "<h1>事项索引</h1>\n<p class=\"lead\">全部 %zu 项公开的政务服务事项，按实施部门排列。</p>\n",
	    ed->nmatters);
	P(s, "<nav class=\"toc\" aria-label=\"部门目录\"><ul>");
	for (i = 0; i < ed->ndepartments; i++) {
		F(s, "<li><a href=\"#d%zu\">", i + 1);
		T(s, ed->departments[i].name);
		F(s, "</a> %zu</li>", ed->departments[i].nmatters);
	}
	P(s, "</ul></nav>\n");
	for (i = 0; i < ed->ndepartments; i++) {
		const struct department *d = &ed->departments[i];

		F(s, "<section aria-labelledby=\"d%zu\"><h2 id=\"d%zu\">", i + 1, i + 1);
		T(s, d->name);
		P(s, "</h2>\n");
		matter_list(s, d->matters, d->nmatters);
		P(s, "</section>\n");
	}
	page_end(s, "事项索引", NULL, NULL, NULL);
}

void
page_offices(struct site *s)
{
	const struct edition *ed = s->ed;
	struct link crumbs[2] = { { "index.html", "首页" }, { NULL, "办理地点" } };
	size_t i;

	page_begin(s, "offices.html", "办理地点", NAV_OFFICES, crumbs, 2);
	F(s, "<h1>办理地点</h1>\n<p class=\"lead\">共 %zu 个办理地点。</p>\n<div class=\"cards\">\n",
	    ed->noffices);
	for (i = 0; i < ed->noffices; i++)
		office_card(s, ed->offices[i], 2);
	P(s, "</div>\n");
	page_end(s, "办理地点", NULL, NULL, NULL);
}

void
page_depts(struct site *s)
{
	struct link crumbs[2] = { { "index.html", "首页" }, { NULL, "部门" } };

	page_begin(s, "departments.html", "实施部门", NAV_DEPTS, crumbs, 2);
	P(s, "<h1>实施部门</h1>\n");
	dept_links(s);
	page_end(s, "实施部门", NULL, NULL, NULL);
}

void
page_search(struct site *s)
{
	struct link crumbs[2] = { { "index.html", "首页" }, { NULL, "搜索" } };

	page_begin(s, "search.html", "搜索", NAV_SEARCH, crumbs, 2);
	P(s, "<h1>搜索</h1>\n"
	    "<form class=\"bigsearch\" id=\"search-form\" role=\"search\" action=\"search.html\" method=\"get\">"
	    "<label for=\"q\">输入关键词，如“生孩子”“营业执照”“12345”</label><div class=\"row\">"
	    "<input id=\"q\" name=\"q\" type=\"search\"><button type=\"submit\">搜索</button>"
	    "</div></form>\n"
	    "<noscript><p class=\"note\">搜索需要启用 JavaScript。您也可以从"
	    "<a href=\"index.html\">首页</a>按阶段查找，或查看<a href=\"matters.html\">事项索引</a>。</p></noscript>\n"
	    "<p id=\"search-status\" role=\"status\" aria-live=\"polite\"></p>\n"
	    "<ol id=\"search-results\" class=\"results\"></ol>\n");
	page_end(s, "搜索", NULL, NULL, NULL);
}
