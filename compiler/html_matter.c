/*
 * html_matter.c — one page per published matter (matter/ID.html): its
 * basis, conditions, materials, fees, time limits, the guides that
 * hold it and the offices that handle it.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "present.h"
#include "html_site.h"

/* ---- matter ----------------------------------------------------------- */

void
page_matter(struct site *s, size_t mi)
{
	const struct edition *ed = s->ed;
	const struct matter *m = ed->matters[mi];
	const struct procedure *pr = model_matter_steps(m);
	char *path = xasprintf("matter/%s.html", m->it.id);
	char *dp = NULL, *pp = NULL, *np = NULL;
	struct link crumbs[4], prev = { NULL, NULL }, next = { NULL, NULL };
	size_t i, d = dept_index(ed, m->department), nc = 0;
	const char *dept = m->department;

	crumbs[nc++] = (struct link){ "index.html", "首页" };
	crumbs[nc++] = (struct link){ "matters.html", "事项索引" };
	if (d != (size_t)-1) {
		dp = dept_path(d, 0);
		crumbs[nc++] = (struct link){ dp, m->department };
	}
	crumbs[nc++] = (struct link){ NULL, m->title };
	page_begin(s, path, m->title, NAV_MATTERS, crumbs, nc);

	P(s, "<div class=\"head-grid\"><div>\n<p class=\"kicker\">事项 · ");
	T(s, m->type);
	P(s, "</p>\n<h1>");
	T(s, m->title);
	P(s, "</h1>\n<p class=\"lead\">实施主体：");
	if (dp) {
		P(s, "<a ");
		href(s, dp);
		P(s, ">");
		T(s, m->department);
		P(s, "</a>");
	} else
		T(s, m->department);
	P(s, "；服务对象：");
	for (i = 0; i < m->audience.n; i++) {
		if (i)
			P(s, "、");
		T(s, m->audience.v[i]);
	}
	P(s, "</p>\n");
	online_link(s, &m->online);
	if (s->nmguides[mi]) {
		P(s, "<p class=\"aka\">属于：");
		for (i = 0; i < s->nmguides[mi]; i++) {
			char *gp = xasprintf("guide/%s.html",
			    s->mguides[mi][i]->it.id);

			if (i)
				P(s, "、");
			P(s, "<a ");
			href(s, gp);
			P(s, ">");
			T(s, s->mguides[mi][i]->title);
			P(s, "</a>");
			free(gp);
		}
		P(s, "</p>\n");
	}
	P(s, "</div>\n");
	qr_block(s, m->online.url, path, "matter");
	P(s, "</div>\n");

	/* How many visits, how long, how much — first. */
	P(s, "<section aria-labelledby=\"h-key\"><h2 id=\"h-key\">办事要点</h2>\n"
	    "<dl class=\"facts\">");
	fact(s, "到现场次数", NULL);
	say(s, present_visits, m->visits, NULL);
	P(s, "</dd></div>");
	fact(s, "承诺办结时限", NULL);
	days_cn(s, m->promised_days);
	P(s, "</dd></div>");
	fact(s, "法定办结时限", NULL);
	days_cn(s, m->legal_days);
	P(s, "</dd></div>");
	fact(s, "收费", NULL);
	P(s, present_matter_free(m) ? PRESENT_FREE : "收费，见下文");
	P(s, "</dd></div>");
	fact(s, "办件类型", NULL);
	T(s, m->kind);
	P(s, "</dd></div>");
	if (m->online.depth) {
		fact(s, "网办深度", NULL);
		T(s, m->online.depth);
		P(s, "</dd></div>");
	}
	if (m->scope) {
		fact(s, "通办范围", NULL);
		T(s, m->scope);
		P(s, "</dd></div>");
	}
	P(s, "</dl>\n</section>\n");

	/* What to bring. */
	P(s, "<section aria-labelledby=\"h-mat\"><h2 id=\"h-mat\">申请材料</h2>\n");
	if (m->nmaterials == 0)
		P(s, "<p>无需材料。</p>\n");
	else {
		P(s, "<div class=\"table\"><table class=\"checklist stack\"><thead><tr>"
		    "<th scope=\"col\">序号</th><th scope=\"col\">材料名称</th>"
		    "<th scope=\"col\">来源</th><th scope=\"col\">形式</th>"
		    "<th scope=\"col\">份数</th><th scope=\"col\">是否必需</th>"
		    "</tr></thead><tbody>\n");
		for (i = 0; i < m->nmaterials; i++) {
			const struct material *mt = &m->materials[i];

			F(s, "<tr%s><td class=\"no\">%zu</td><th scope=\"row\">",
			    mt->shared ? " class=\"shared\"" : "", i + 1);
			T(s, mt->name);
			if (mt->shared)
				P(s, " <span class=\"tag ok\">免提交</span>");
			if (mt->note) {
				P(s, "<span class=\"sub\">");
				T(s, mt->note);
				P(s, "</span>");
			}
			if (mt->template) {
				char *u = asset_copy(s, &m->it, mt->template);

				if (u != NULL) {
					struct buf tb;

					buf_init(&tb);
					present_template_title(&tb, mt);
					P(s, "<span class=\"sub\">样表：<a href=\"");
					A(s, u);
					P(s, "\" download>");
					T(s, tb.data ? tb.data : "");
					P(s, "</a>");
					buf_free(&tb);
					download_template_meta(s, mt->template);
					P(s, "</span>");
					free(u);
				}
			}
			P(s, "</th><td data-label=\"来源\">");
			T(s, mt->source ? mt->source : "申请人自备");
			P(s, "</td><td data-label=\"形式\">");
			material_form(s, mt);
			P(s, "</td><td data-label=\"份数\">");
			say(s, present_copies, mt->copies, NULL);
			P(s, "</td><td data-label=\"是否必需\">");
			if (mt->condition)
				T(s, mt->condition);
			else
				P(s, mt->required ? "必需" : "非必需");
			P(s, "</td></tr>\n");
		}
		P(s, "</tbody></table></div>\n");
	}
	P(s, "</section>\n");

	/* Where and when. */
	P(s, "<section aria-labelledby=\"h-off\"><h2 id=\"h-off\">办理地点和时间</h2>\n");
	if (m->noffices == 0)
		P(s, "<p>全程网上办理，无需到现场。</p>\n");
	else {
		P(s, "<div class=\"cards\">\n");
		for (i = 0; i < m->noffices; i++)
			office_card(s, m->offices[i], 3);
		P(s, "</div>\n");
	}
	P(s, "</section>\n");

	P(s, "<section aria-labelledby=\"h-cond\"><h2 id=\"h-cond\">受理条件</h2>\n<ul>\n");
	for (i = 0; i < m->conditions.n; i++) {
		P(s, "<li>");
		T(s, m->conditions.v[i]);
		P(s, "</li>\n");
	}
	P(s, "</ul>\n</section>\n");

	if (pr != NULL && pr->nsteps) {
		P(s, "<section aria-labelledby=\"h-flow\"><h2 id=\"h-flow\">办理流程</h2>\n");
		flow_svg(&s->b, pr, s->root, pr->title);
		P(s, "</section>\n");
	}

	if (!m->free_of_charge && m->nfees) {
		P(s, "<section aria-labelledby=\"h-fee\"><h2 id=\"h-fee\">收费标准</h2>\n"
		    "<div class=\"table\"><table><thead><tr><th scope=\"col\">收费项目</th>"
		    "<th scope=\"col\">标准</th><th scope=\"col\">依据</th></tr></thead><tbody>\n");
		for (i = 0; i < m->nfees; i++) {
			P(s, "<tr><th scope=\"row\">");
			T(s, m->fees[i].item);
			P(s, "</th><td>");
			T(s, m->fees[i].amount);
			P(s, "</td><td>");
			T(s, m->fees[i].basis);
			P(s, "</td></tr>\n");
		}
		P(s, "</tbody></table></div>\n</section>\n");
	}

	P(s, "<section aria-labelledby=\"h-res\"><h2 id=\"h-res\">办理结果</h2>\n"
	    "<dl class=\"kv\"><dt>结果名称</dt><dd>");
	T(s, m->result_name);
	P(s, "</dd><dt>送达方式</dt><dd>");
	for (i = 0; i < m->delivery.n; i++) {
		if (i)
			P(s, "、");
		T(s, m->delivery.v[i]);
	}
	P(s, "</dd></dl>\n</section>\n");

	P(s, "<section aria-labelledby=\"h-tel\"><h2 id=\"h-tel\">咨询和投诉</h2>\n"
	    "<dl class=\"kv\"><dt>" PRESENT_CONSULT "</dt><dd>");
	tel_link(s, m->consult);
	P(s, "</dd><dt>" PRESENT_COMPLAINT "</dt><dd>");
	tel_link(s, m->complaint);
	P(s, "</dd></dl>\n</section>\n");

	P(s, "<section aria-labelledby=\"h-info\"><h2 id=\"h-info\">基本信息</h2>\n"
	    "<dl class=\"kv\">");
	if (m->code) {
		P(s, "<dt>事项编码</dt><dd>");
		T(s, m->code);
		P(s, "</dd>");
	}
	P(s, "<dt>事项类型</dt><dd>");
	T(s, m->type);
	P(s, "</dd><dt>实施主体</dt><dd>");
	T(s, m->department);
	P(s, "</dd><dt>设定依据</dt><dd><ul class=\"plain\">");
	for (i = 0; i < m->basis.n; i++) {
		P(s, "<li>");
		T(s, m->basis.v[i]);
		P(s, "</li>");
	}
	P(s, "</ul></dd><dt>公开属性</dt><dd>");
	T(s, model_disclosure_name(m->it.disclosure));
	P(s, "</dd></dl>\n</section>\n");

	body_section(s, &m->it, PRESENT_MATTER_BODY);
	provider(s, &dept, 1, m->it.updated);

	if (mi > 0) {
		pp = xasprintf("matter/%s.html", ed->matters[mi - 1]->it.id);
		prev = (struct link){ pp, ed->matters[mi - 1]->title };
	}
	if (mi + 1 < ed->nmatters) {
		np = xasprintf("matter/%s.html", ed->matters[mi + 1]->it.id);
		next = (struct link){ np, ed->matters[mi + 1]->title };
	}
	s->updated = m->it.updated;
	page_end(s, m->title, "事项", &prev, &next);
	free(pp);
	free(np);
	free(dp);
	free(path);
}
