/*
 * check.c — the check pass of loading (SPEC §3): the checks that look
 * across items of the built model, which it only reads: exclusions that
 * name nothing, procedure graph shape, disclosure leaks, reductions
 * that do not reduce, and stale items. Field types and enumerations are
 * checked where they are read, in the model's reader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "model.h"
#include "check.h"
#include "zhtext.h"

static void
check_exclude_unused(const struct edition *ed)
{
	const int *hit = ed->exclude_hit;

	for (size_t i = 0; i < ed->exclude.n; i++) {
		if (hit[i])
			continue;
		if (ed->base == NULL)
			diag_at(&ed->exclude.loc[i], DIAG_WARNING, "exclude 中的"
			    "“%s”没有作用：本版本没有 base（继承）",
			    ed->exclude.v[i]);
		else
			diag_at(&ed->exclude.loc[i], DIAG_WARNING, "exclude 中的"
			    "“%s”不是所继承版本“%s”的条目：请检查编号",
			    ed->exclude.v[i], ed->base->id);
	}
}

/*
 * The procedure graph: the first step is the entry; ids unique; no
 * cycle; every step reachable. (Its layered drawing is flow_rank's.)
 */
static void
check_procedure(const struct procedure *p)
{
	size_t n = p->nsteps, i, j, head = 0, tail = 0;
	int *indeg, *state, *order;

	if (n == 0) {
		if (p->it.id)
			diag_at(&p->it.loc, DIAG_ERROR, "流程“%s”没有步骤：请在 "
			    "steps 中至少写一步", p->it.id);
		return;
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (p->steps[i].id && str_eq(p->steps[i].id,
			    p->steps[j].id))
				diag_at(&p->steps[i].loc, DIAG_ERROR, "步骤编号"
				    "“%s”重复（第 %d 行已使用）",
				    p->steps[i].id, p->steps[j].loc.line);
	indeg = xcalloc(n, sizeof(int));
	state = xcalloc(n, sizeof(int));
	order = xcalloc(n, sizeof(int));
	for (i = 0; i < n; i++)
		for (j = 0; j < p->steps[i].nsucc; j++)
			indeg[p->steps[i].succ[j]]++;
	/* Reachability from the entry. */
	order[tail++] = 0;
	state[0] = 1;
	while (head < tail) {
		const struct step *s = &p->steps[order[head++]];

		for (j = 0; j < s->nsucc; j++)
			if (!state[s->succ[j]]) {
				state[s->succ[j]] = 1;
				order[tail++] = (int)s->succ[j];
			}
	}
	for (i = 0; i < n; i++)
		if (!state[i])
			diag_at(&p->steps[i].loc, DIAG_ERROR, "步骤“%s”从第一步"
			    "出发无法到达：请在前面某一步的 next 中加上它，或删"
			    "去这一步", p->steps[i].id ? p->steps[i].id :
			    p->steps[i].name);
	/* Kahn's algorithm; leftovers are on a cycle. */
	head = tail = 0;
	for (i = 0; i < n; i++)
		if (indeg[i] == 0)
			order[tail++] = (int)i;
	while (head < tail) {
		const struct step *s = &p->steps[order[head++]];

		for (j = 0; j < s->nsucc; j++)
			if (--indeg[s->succ[j]] == 0)
				order[tail++] = (int)s->succ[j];
	}
	if (tail < n) {
		struct buf b;

		buf_init(&b);
		for (i = 0; i < n; i++)
			if (indeg[i] > 0)
				buf_printf(&b, "%s%s", b.len ? " → " : "",
				    p->steps[i].id ? p->steps[i].id : "?");
		for (i = 0; i < n; i++)
			if (indeg[i] > 0)
				break;
		diag_at(&p->steps[i].loc, DIAG_ERROR, "流程中有循环（%s）："
		    "步骤只能向后指向，请检查这些步骤的 next", b.data);
		buf_free(&b);
	}
	free(indeg);
	free(state);
	free(order);
}

/* Where key en of it was written (any spelling), or the item's file.
 * The location lives in a static slot: one at a time. */
static const struct loc *
key_loc(const struct item *it, const char *en)
{
	static struct loc at;

	return model_key_at(it, en, &at) ? &at : &it->loc;
}

static void
check_stale(const struct edition *ed, const struct item *it)
{
	int y, m, d;
	long ed_days, it_days;

	if (it->updated == NULL || ed->date == NULL ||
	    !is_iso_date(ed->date, &y, &m, &d))
		return;
	ed_days = days_from_civil(y, m, d);
	is_iso_date(it->updated, &y, &m, &d);
	it_days = days_from_civil(y, m, d);
	if (it_days > ed_days)
		diag_at(key_loc(it, "updated"), DIAG_WARNING,
		    "更新日期 %s 晚于本版本的发布日期 %s：请核对日期",
		    it->updated, ed->date);
	else if (ed_days - it_days > ed->stale_after)
		diag_at(key_loc(it, "updated"), DIAG_WARNING,
		    "内容已过期：更新日期 %s 距本版本发布日期 %s 已超过 %d 天"
		    "（%ld 天）；请核实内容后更新 updated", it->updated,
		    ed->date, ed->stale_after, ed_days - it_days);
}

static void
quotes_warn(const struct loc *at, int line, int col)
{
	struct loc l = *at;

	l.line = line;
	l.col = col;
	diag_at(&l, DIAG_WARNING, "这个英文引号 \" 没有配对：引号应成对出现"
	    "（中文里写成“…”），请补上另一半或删去它");
}

/* An unpaired quote of a body, at offset off: its line and column. */
static void
quote_in_body(void *arg, size_t off)
{
	const struct item *it = arg;
	const char *p = it->body, *bol = p;
	int line = it->body_line;

	for (const char *q = p; q < p + off; q++)
		if (*q == '\n') {
			line++;
			bol = q + 1;
		}
	quotes_warn(&it->loc, line, 1 + (int)utf8_count(bol, (size_t)(p +
	    off - bol)));
}

/* An ASCII quote without its partner is set as written, straight,
 * in every output (zhtext.c pairs only pairs): say where it is. */
static void
check_quotes(const struct edition *ed, const struct item *it)
{
	if (it->edition != ed)
		return;		/* the base's own check says it */
	for (size_t i = 0; i < it->nquotes; i++)
		quotes_warn(&it->loc, it->quotes[i].line, it->quotes[i].col);
	zh_quotes_unpaired_md(it->body, quote_in_body, (void *)it);
}

/* The head of a folded material name: without a bracketed tail
 * （正反面） and a form word (原件、复印件…), which name how the
 * material is given, not what it is. */
static size_t
name_head(const char *key)
{
	static const char *const forms[] = { "原件及复印件", "原件和复印件",
	    "正副本", "复印件", "原件", "电子证照", "电子版", "扫描件", "正本",
	    "副本", "及", "和" };
	size_t n = strlen(key), i;
	int again = 1;

	while (again && n > 0) {
		again = 0;
		if (n >= 3 && (memcmp(key + n - 3, "）", 3) == 0 ||
		    key[n - 1] == ')')) {
			const char *open = key[n - 1] == ')' ? "(" : "（";
			size_t ol = strlen(open);

			for (i = n - (key[n - 1] == ')' ? 1 : 3); i > 0; i--)
				if (i >= ol && memcmp(key + i - ol, open, ol) == 0)
					break;
			if (i >= ol && i - ol > 0) {
				n = i - ol;
				again = 1;
				continue;
			}
		}
		for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
			size_t fl = strlen(forms[i]);

			if (n > fl && memcmp(key + n - fl, forms[i], fl) == 0) {
				n -= fl;
				again = 1;
				break;
			}
		}
	}
	return n;
}

/*
 * Two lines of one merged checklist whose names name the same thing
 * in other words: one ends with the other (男女双方居民身份证 /
 * 居民身份证: Chinese puts the head noun last), after the form words
 * of either. A note: they may be two materials, but the editor
 * should look, as the citizen would bring them twice.
 */
static void
check_checklist_names(const struct edition *ed, const struct guide *g)
{
	/* each line's head once, not once a pair (N=10000: 0.5 s) */
	size_t *head = xcalloc(g->nchecklist + 1, sizeof(*head));

	for (size_t i = 0; i < g->nchecklist; i++)
		head[i] = name_head(g->checklist[i].key);
	for (size_t i = 0; i < g->nchecklist; i++)
		for (size_t j = 0; j < i; j++) {
			const struct checkline *a = &g->checklist[j];
			const struct checkline *b = &g->checklist[i];
			size_t la = head[j], lb = head[i];
			const char *lo = la >= lb ? a->key : b->key;
			size_t ll = la >= lb ? la : lb, ls = la >= lb ? lb : la;
			const char *sh = la >= lb ? b->key : a->key;

			if (ls == 0 || memcmp(lo + ll - ls, sh, ls) != 0)
				continue;
			if (b->first == NULL || a->first == NULL)
				continue;
			if (g->it.edition != ed &&
			    b->matters[0]->it.edition != ed &&
			    a->matters[0]->it.edition != ed)
				continue;	/* the base's check says it */
			diag_at(&b->first->loc, DIAG_NOTE, "材料“%s”与同一件事"
			    "“%s”中事项“%s”的材料“%s”（%s:%d）名称相互包含：如是"
			    "同一份材料，请写成同一个名称，一套材料才会合并为一行；"
			    "如确是两份材料，可不理会此提示", b->name, g->title ?
			    g->title : g->it.id, a->matters[0]->title ?
			    a->matters[0]->title : a->matters[0]->it.id, a->name,
			    a->matters[0]->it.file, a->first->loc.line);
		}
	free(head);
}

/*
 * A guide's stage belongs to its audience (the one table of stages,
 * model.c); its matters serve its audience.
 */
static void
check_guide_audience(const struct edition *ed, const struct guide *g)
{
	const char *sa;
	struct buf mine, other;

	if (g->it.edition == ed && g->stage != NULL && g->audience != NULL) {
		sa = model_stage_audience(g->stage);
		buf_init(&mine);
		buf_init(&other);
		model_stage_list(&mine, g->audience);
		model_stage_list(&other, str_eq(g->audience, "法人") ?
		    "个人" : "法人");
		if (sa != NULL && !str_eq(sa, g->audience))
			diag_at(key_loc(&g->it, "stage"), DIAG_ERROR, "阶段“%s”"
			    "是%s的阶段，而这件事的服务对象（audience）是%s：%s"
			    "的阶段为 %s；请改写 stage，或把 audience 改为%s",
			    g->stage, sa, g->audience, g->audience, mine.data,
			    sa);
		else if (sa == NULL)
			diag_at(key_loc(&g->it, "stage"), DIAG_WARNING, "阶段"
			    "“%s”不在阶段表中，手册和门户会把它排在最后：%s的阶段"
			    "为 %s（%s的阶段为 %s）", g->stage, g->audience,
			    mine.data, str_eq(g->audience, "法人") ? "个人" :
			    "法人", other.data);
		buf_free(&mine);
		buf_free(&other);
	}
	if (g->audience == NULL)
		return;
	for (size_t j = 0; j < g->matter_ids.n; j++) {
		const struct matter *m = NULL;
		struct buf w;
		int ok = 0;

		for (size_t k = 0; k < g->nmatters; k++)
			if (strcmp(g->matters[k]->it.id, g->matter_ids.v[j]) == 0)
				m = g->matters[k];
		if (m == NULL || m->audience.n == 0 ||
		    (g->it.edition != ed && m->it.edition != ed))
			continue;
		/* A 法人 guide is the enterprise side: 其他组织 too. */
		for (size_t k = 0; k < m->audience.n; k++)
			ok |= str_eq(m->audience.v[k], g->audience) ||
			    (str_eq(g->audience, "法人") &&
			    str_eq(m->audience.v[k], "其他组织"));
		if (ok)
			continue;
		buf_init(&w);
		for (size_t k = 0; k < m->audience.n; k++)
			buf_printf(&w, "%s%s", k ? "、" : "", m->audience.v[k]);
		diag_at(&g->matter_ids.loc[j], DIAG_WARNING, "事项“%s”（%s）的"
		    "服务对象是%s，不包括这件事的服务对象%s：请核对是否选错了"
		    "事项，或在事项的 audience 中加上%s", m->title ? m->title :
		    m->it.id, m->it.id, w.data, g->audience, g->audience);
		buf_free(&w);
	}
}

/*
 * A district's own guide without `offices:` lists the union of its
 * matters' offices: inherited matters bring the offices of other
 * districts (an office whose district is not the edition's region).
 */
static void
check_guide_offices(const struct edition *ed, const struct guide *g)
{
	struct buf other, own;

	if (ed->base == NULL || g->it.edition != ed || g->office_ids.n > 0 ||
	    ed->region == NULL)
		return;
	buf_init(&other);
	buf_init(&own);
	for (size_t i = 0; i < g->noffices; i++) {
		const struct office *o = g->offices[i];

		if (o->it.edition != ed && o->district != NULL &&
		    !str_eq(o->district, ed->region))
			buf_printf(&other, "%s%s（%s，%s）", other.len ? "、" : "",
			    o->name ? o->name : o->it.id, o->it.id, o->district);
		else
			buf_printf(&own, "%s%s", own.len ? ", " : "", o->it.id);
	}
	if (other.len > 0)
		diag_at(key_loc(&g->it, "matters"), DIAG_WARNING, "这件事没有写"
		    "办理地点（offices），默认列出各事项办理地点的合集，其中有继"
		    "承自“%s”的其他区的办理地点：%s；请在这件事中用 offices: "
		    "[%s] 写明%s办事群众应去的办理地点", ed->base->id,
		    other.data, own.len ? own.data : "…", ed->region);
	buf_free(&other);
	buf_free(&own);
}

/* A matter: stale, visits, online and offices. */
static void
check_matter(const struct edition *ed, const struct matter *m)
{
	if (m->it.disclosure == DISC_PUBLIC)
		check_stale(ed, &m->it);
	/* Unknown visits, a refused online or offices: said. */
	if (m->noffices == 0 && m->office_ids.n == 0 &&
	    m->visits >= 0 && !m->offices_said &&
	    !(m->visits == 0 && (m->online.url != NULL ||
	    m->online.bad)) &&
	    m->it.keys != NULL)
		diag_at(key_loc(&m->it, "offices"),
		    DIAG_ERROR, "事项需要到现场办理，但没有写办理地点"
		    "（offices）：请写出办理地点编号；只有 visits: 0 且"
		    "写明 online 的全程网办事项可以不写");
	if (m->visits == 0 && m->online.url == NULL &&
	    !m->online.bad && m->it.keys != NULL)
		diag_at(key_loc(&m->it, "visits"),
		    DIAG_WARNING, "到现场次数为 0，却没有写网上办理地址"
		    "（online）：申请人从哪里办理？");
}

static void
check_guide(const struct edition *ed, const struct guide *g)
{
	const struct reductions *r = &g->red;

	if (g->it.disclosure != DISC_PUBLIC) {
		if (g->it.disclosure != DISC_UNKNOWN)
			diag_at(key_loc(&g->it, "disclosure"),
			    DIAG_NOTE, "“%s”为%s，不会发布", g->it.id,
			    model_disclosure_name(g->it.disclosure));
		return;
	}
	check_stale(ed, &g->it);
	check_checklist_names(ed, g);
	check_guide_audience(ed, g);
	check_guide_offices(ed, g);
	for (size_t j = 0; j < g->matter_ids.n; j++) {
		const struct matter *m = NULL;

		for (size_t k = 0; k < g->nmatters; k++)
			if (strcmp(g->matters[k]->it.id,
			    g->matter_ids.v[j]) == 0)
				m = g->matters[k];
		if (m == NULL || m->it.disclosure == DISC_PUBLIC)
			continue;
		diag_at(&g->matter_ids.loc[j], DIAG_ERROR, "主动公开的"
		    "一件事包含了%s的事项“%s”（%s）：非公开事项不能出现"
		    "在发布的内容中；请从 matters 中删除它，或先完成保密"
		    "审查再把它改为主动公开", model_disclosure_name(
		    m->it.disclosure), m->it.id, m->it.file);
	}
	if (g->nmatters != g->matter_ids.n)
		return;	/* unresolved: figures would mislead */
	if (g->nmatters > 0 && r->days_after > r->days_before &&
	    g->promise_days >= 0)
		diag_at(key_loc(&g->it, "promise"), DIAG_WARNING,
		    "承诺时限 %d 个工作日比各事项承诺时限之和（%d）还长："
		    "请核对", r->days_after, r->days_before);
	if (g->nmatters > 0 && r->visits_after > r->visits_before &&
	    g->promise_visits >= 0)
		diag_at(key_loc(&g->it, "promise"), DIAG_WARNING,
		    "承诺到现场 %d 次，比各事项到现场次数之和（%d）还多："
		    "请核对", r->visits_after, r->visits_before);
	if (g->nmatters == 0 && g->matter_ids.n == 0 &&
	    model_key_at(&g->it, "matters", &(struct loc){ 0 }))
		diag_at(key_loc(&g->it, "matters"),
		    DIAG_ERROR, "一件事至少要包含一个事项");
}

void
check_edition(const struct edition *ed)
{
	for (size_t i = 0; i < ed->nall_matters; i++)
		check_quotes(ed, &ed->all_matters[i]->it);
	for (size_t i = 0; i < ed->nall_guides; i++)
		check_quotes(ed, &ed->all_guides[i]->it);
	for (size_t i = 0; i < ed->nall_procedures; i++)
		check_quotes(ed, &ed->all_procedures[i]->it);
	for (size_t i = 0; i < ed->nall_offices; i++)
		check_quotes(ed, &ed->all_offices[i]->it);
	check_exclude_unused(ed);
	for (size_t i = 0; i < ed->nall_procedures; i++)
		check_procedure(ed->all_procedures[i]);
	for (size_t i = 0; i < ed->nall_matters; i++)
		if (ed->all_matters[i]->inline_proc != NULL)
			check_procedure(ed->all_matters[i]->inline_proc);
	for (size_t i = 0; i < ed->nall_matters; i++)
		check_matter(ed, ed->all_matters[i]);
	for (size_t i = 0; i < ed->nall_guides; i++)
		check_guide(ed, ed->all_guides[i]);
}

void
check_items(const struct edition *ed, struct item *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct item *it = v[i];

		check_quotes(ed, it);
		if (it->kind == KIND_PROCEDURE)
			check_procedure((const struct procedure *)it);
		else if (it->kind == KIND_MATTER) {
			const struct matter *m = (const struct matter *)it;

			if (m->inline_proc != NULL)
				check_procedure(m->inline_proc);
			check_matter(ed, m);
		} else if (it->kind == KIND_GUIDE)
			check_guide(ed, (const struct guide *)it);
	}
}
