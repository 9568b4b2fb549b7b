/*
 * html_office.c — one page per office (office/ID.html) and per
 * department (dept/N.html), and the table of matters both show.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "html_site.h"
#include "zhtext.h"

/* ---- office, department, stage ----------------------------------------- */

void
matter_list(struct site *s, const struct matter *const *ms, size_t n)
{
	size_t i;

	P(s, "<div class=\"table\"><table class=\"list stack\"><thead><tr>"
	    "<th scope=\"col\">事项名称</th><th scope=\"col\">事项类型</th>"
	    "<th scope=\"col\">承诺时限</th><th scope=\"col\">到现场</th>"
	    "</tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		char *mp = xasprintf("matter/%s.html", ms[i]->it.id);

		P(s, "<tr><th scope=\"row\"><a ");
		href(s, mp);
		P(s, ">");
		T(s, ms[i]->title);
		P(s, "</a></th><td data-label=\"事项类型\">");
		T(s, ms[i]->type);
		P(s, "</td><td data-label=\"承诺时限\">");
		days_cn(s, ms[i]->promised_days);
		F(s, "</td><td data-label=\"到现场\">%d 次</td></tr>\n", ms[i]->visits);
		free(mp);
	}
	P(s, "</tbody></table></div>\n");
}

void
page_office(struct site *s, size_t oi)
{
	const struct edition *ed = s->ed;
	const struct office *o = ed->offices[oi];
	const struct md_node *doc;
	char *path = xasprintf("office/%s.html", o->it.id), *pp = NULL, *np = NULL;
	struct link crumbs[3], prev = { NULL, NULL }, next = { NULL, NULL };
	size_t i;

	crumbs[0] = (struct link){ "index.html", "首页" };
	crumbs[1] = (struct link){ "offices.html", "办理地点" };
	crumbs[2] = (struct link){ NULL, o->name };
	page_begin(s, path, o->name, NAV_OFFICES, crumbs, 3);
	P(s, "<p class=\"kicker\">办理地点 · ");
	T(s, o->district);
	P(s, "</p>\n<h1>");
	T(s, o->name);
	P(s, "</h1>\n<dl class=\"kv big\"><dt>地址</dt><dd>");
	T(s, o->address);
	P(s, "</dd><dt>电话</dt><dd>");
	tel_link(s, o->phone);
	P(s, "</dd></dl>\n");
	P(s, "<section aria-labelledby=\"h-hours\"><h2 id=\"h-hours\">办公时间</h2>\n");
	hours_block(s, o);
	P(s, "</section>\n");
	if (o->nwindows) {
		P(s, "<section aria-labelledby=\"h-win\"><h2 id=\"h-win\">窗口分布</h2>\n"
		    "<div class=\"table\"><table><thead><tr><th scope=\"col\">窗口</th>"
		    "<th scope=\"col\">办理业务</th></tr></thead><tbody>\n");
		for (i = 0; i < o->nwindows; i++) {
			P(s, "<tr><th scope=\"row\">");
			T(s, o->windows[i].no);
			P(s, "</th><td>");
			T(s, o->windows[i].serves);
			P(s, "</td></tr>\n");
		}
		P(s, "</tbody></table></div>\n</section>\n");
	}
	if (o->transit) {
		P(s, "<section aria-labelledby=\"h-tr\"><h2 id=\"h-tr\">交通指引</h2>\n<p>");
		T(s, o->transit);
		P(s, "</p>\n</section>\n");
	}
	if (o->accessibility.n) {
		P(s, "<section aria-labelledby=\"h-acc\"><h2 id=\"h-acc\">无障碍和便民设施</h2>\n"
		    "<ul class=\"chips\">");
		for (i = 0; i < o->accessibility.n; i++) {
			P(s, "<li>");
			T(s, o->accessibility.v[i]);
			P(s, "</li>");
		}
		P(s, "</ul>\n</section>\n");
	}
	if (o->self_service) {
		P(s, "<section aria-labelledby=\"h-self\"><h2 id=\"h-self\">24小时自助服务</h2>\n<p>");
		T(s, o->self_service);
		P(s, "</p>\n</section>\n");
	}
	if ((doc = zh_body(&o->it)) != NULL && doc->child) {
		P(s, "<section aria-labelledby=\"h-more\"><h2 id=\"h-more\">说明</h2>\n");
		body(s, &o->it, doc);
		P(s, "</section>\n");
	}
	zh_body_done(&o->it, doc);
	if (ed->at_office[oi].n) {
		P(s, "<section aria-labelledby=\"h-mt\"><h2 id=\"h-mt\">在此办理的事项</h2>\n");
		matter_list(s, ed->at_office[oi].v, ed->at_office[oi].n);
		P(s, "</section>\n");
	}
	if (oi > 0) {
		pp = xasprintf("office/%s.html", ed->offices[oi - 1]->it.id);
		prev = (struct link){ pp, ed->offices[oi - 1]->name };
	}
	if (oi + 1 < ed->noffices) {
		np = xasprintf("office/%s.html", ed->offices[oi + 1]->it.id);
		next = (struct link){ np, ed->offices[oi + 1]->name };
	}
	s->updated = o->it.updated;
	page_end(s, o->name, "办理地点", &prev, &next);
	free(pp);
	free(np);
	free(path);
}

size_t
dept_parts(const struct department *d)
{
	return d->nmatters > DEPT_ROWS ?
	    (d->nmatters + DEPT_ROWS - 1) / DEPT_ROWS : 1;
}

char *
dept_path(size_t di, size_t part)
{
	return part == 0 ? xasprintf("dept/d%zu.html", di + 1) :
	    xasprintf("dept/d%zu-%zu.html", di + 1, part + 1);
}

/* Links to a department's pages, the one shown marked. */
static void
dept_pager(struct site *s, size_t di, size_t part, size_t parts)
{
	size_t k;

	P(s, "<nav class=\"pages\" aria-label=\"分页\"><ul>");
	for (k = 0; k < parts; k++) {
		char *p = dept_path(di, k);

		if (k == part)
			P(s, "<li><a aria-current=\"page\" ");
		else
			P(s, "<li><a ");
		href(s, p);
		F(s, ">第 %zu 页</a></li>", k + 1);
		free(p);
	}
	P(s, "</ul></nav>\n");
}

void
page_dept(struct site *s, size_t di, size_t part)
{
	const struct department *d = &s->ed->departments[di];
	size_t parts = dept_parts(d), from = part * DEPT_ROWS;
	size_t n = d->nmatters - from < DEPT_ROWS ? d->nmatters - from :
	    DEPT_ROWS;
	char *path = dept_path(di, part), *title;
	struct link crumbs[3];

	title = parts > 1 ? xasprintf("%s（第 %zu 页）", d->name, part + 1) :
	    xstrdup(d->name);
	crumbs[0] = (struct link){ "index.html", "首页" };
	crumbs[1] = (struct link){ "departments.html", "部门" };
	crumbs[2] = (struct link){ NULL, d->name };
	page_begin(s, path, title, NAV_DEPTS, crumbs, 3);
	P(s, "<p class=\"kicker\">实施部门</p>\n<h1>");
	T(s, d->name);
	F(s, "</h1>\n<p class=\"lead\">本部门共有 %zu 项公开的政务服务事项", d->nmatters);
	if (parts > 1)
		F(s, "，每页 %d 项，分 %zu 页列出；本页列出第 %zu 至 %zu 项",
		    DEPT_ROWS, parts, from + 1, from + n);
	P(s, "。</p>\n");
	if (parts > 1)
		dept_pager(s, di, part, parts);
	matter_list(s, d->matters + from, n);
	if (parts > 1)
		dept_pager(s, di, part, parts);
	page_end(s, title, NULL, NULL, NULL);
	free(title);
	free(path);
}
