/*
 * html_office.c — one page per office (office/ID.html) and per
 * department (dept/N.html), and the table of matters both show.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "html_site.h"
#include "present.h"

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

/*
 * Part `part` of a list of n matters, LIST_ROWS a page: what the page
 * holds, then the links to all its pages (the one shown marked) above
 * and below the list. paths[k] is the k-th page.
 */
static void
list_part(struct site *s, const struct matter *const *ms, size_t n,
    size_t part, char *const *paths, int say_total)
{
	size_t parts = list_parts(n), from = part * LIST_ROWS, k, pass;
	size_t rows = n - from < LIST_ROWS ? n - from : LIST_ROWS;

	if (parts == 1) {
		matter_list(s, ms, n);
		return;
	}
	P(s, "<p>");
	if (say_total)
		F(s, "共 %zu 项，", n);
	F(s, "每页 %d 项，分 %zu 页列出；本页列出第 %zu 至 %zu 项。</p>\n",
	    LIST_ROWS, parts, from + 1, from + rows);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			matter_list(s, ms + from, rows);
		P(s, "<nav class=\"pages\" aria-label=\"分页\"><ul>");
		for (k = 0; k < parts; k++) {
			P(s, k == part ? "<li><a aria-current=\"page\" " :
			    "<li><a ");
			href(s, paths[k]);
			F(s, ">第 %zu 页</a></li>", k + 1);
		}
		P(s, "</ul></nav>\n");
	}
}

static char **
part_paths(size_t parts, char *(*fn)(const void *, size_t), const void *arg)
{
	char **v = xcalloc(parts, sizeof(*v));

	for (size_t k = 0; k < parts; k++)
		v[k] = fn(arg, k);
	return v;
}

static void
free_paths(char **v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(v[k]);
	free(v);
}

static char *
dept_path_of(const void *arg, size_t part)
{
	return dept_path(*(const size_t *)arg, part);
}

static char *
office_path_of(const void *arg, size_t part)
{
	return office_path(arg, part);
}

void
page_office(struct site *s, size_t oi)
{
	const struct edition *ed = s->ed;
	const struct office *o = ed->offices[oi];
	const struct matterlist *at = &ed->at_office[oi];
	size_t i, parts = list_parts(at->n);
	char **paths = part_paths(parts, office_path_of, o);
	char *path = paths[0], *pp = NULL, *np = NULL;
	struct link crumbs[3], prev = { NULL, NULL }, next = { NULL, NULL };

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
	body_section(s, &o->it, PRESENT_OFFICE_BODY);
	if (at->n) {
		P(s, "<section aria-labelledby=\"h-mt\"><h2 id=\"h-mt\">在此办理的事项</h2>\n");
		list_part(s, at->v, at->n, 0, paths, 1);
		P(s, "</section>\n");
	}
	if (oi > 0) {
		pp = office_path(ed->offices[oi - 1], 0);
		prev = (struct link){ pp, ed->offices[oi - 1]->name };
	}
	if (oi + 1 < ed->noffices) {
		np = office_path(ed->offices[oi + 1], 0);
		next = (struct link){ np, ed->offices[oi + 1]->name };
	}
	s->updated = o->it.updated;
	page_end(s, o->name, "办理地点", &prev, &next);
	free(pp);
	free(np);
	free_paths(paths, parts);
}

void
page_dept(struct site *s, size_t di, size_t part)
{
	const struct department *d = &s->ed->departments[di];
	size_t parts = list_parts(d->nmatters);
	char **paths = part_paths(parts, dept_path_of, &di), *title;
	struct link crumbs[3];

	title = parts > 1 ? xasprintf("%s（第 %zu 页）", d->name, part + 1) :
	    xstrdup(d->name);
	crumbs[0] = (struct link){ "index.html", "首页" };
	crumbs[1] = (struct link){ "departments.html", "部门" };
	crumbs[2] = (struct link){ NULL, d->name };
	page_begin(s, paths[part], title, NAV_DEPTS, crumbs, 3);
	P(s, "<p class=\"kicker\">实施部门</p>\n<h1>");
	T(s, d->name);
	F(s, "</h1>\n<p class=\"lead\">本部门共有 %zu 项公开的政务服务事项。</p>\n",
	    d->nmatters);
	list_part(s, d->matters, d->nmatters, part, paths, 0);
	page_end(s, title, NULL, NULL, NULL);
	free(title);
	free_paths(paths, parts);
}

/* The further pages of an office's matters (office_path, part > 0):
 * lists only, not searched (the office's own page is). */
void
page_office_list(struct site *s, size_t oi, size_t part)
{
	const struct office *o = s->ed->offices[oi];
	const struct matterlist *at = &s->ed->at_office[oi];
	size_t parts = list_parts(at->n);
	char **paths = part_paths(parts, office_path_of, o);
	char *title = xasprintf("%s（在此办理的事项，第 %zu 页）", o->name,
	    part + 1);
	struct link crumbs[4];

	crumbs[0] = (struct link){ "index.html", "首页" };
	crumbs[1] = (struct link){ "offices.html", "办理地点" };
	crumbs[2] = (struct link){ paths[0], o->name };
	crumbs[3] = (struct link){ NULL, "在此办理的事项" };
	page_begin(s, paths[part], title, NAV_OFFICES, crumbs, 4);
	P(s, "<p class=\"kicker\">办理地点 · 在此办理的事项</p>\n<h1>");
	T(s, o->name);
	P(s, "</h1>\n");
	list_part(s, at->v, at->n, part, paths, 1);
	page_end(s, title, NULL, NULL, NULL);
	free(title);
	free_paths(paths, parts);
}
