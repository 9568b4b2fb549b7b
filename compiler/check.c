/*
 * check.c — the checks of SPEC §3 that look across items: exclusions,
 * procedure graph shape (and its layered layout, computed here while
 * the graph is walked), asset paths confined to assets/, disclosure
 * leaks, reductions that do not reduce, and stale items. Field types
 * and enumerations are checked where they are read, in model.c.
 */
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "source.h"
#include "model.h"
#include "check.h"

enum asset_where { ASSET_MISSING, ASSET_OUTSIDE, ASSET_INSIDE };

/*
 * Where file is against edition_dir/assets/ once symlinks are resolved;
 * *real is its real path when inside (the caller frees it).
 */
static enum asset_where
asset_where(const char *file, const char *edition_dir, char **real)
{
	char		*assets = xasprintf("%s/assets", edition_dir);
	char		*areal = realpath(assets, NULL);
	size_t		 alen;
	enum asset_where w;

	*real = realpath(file, NULL);
	if (*real == NULL || areal == NULL)
		w = ASSET_MISSING;
	else if (alen = strlen(areal), strncmp(*real, areal, alen) != 0 ||
	    (*real)[alen] != '/')
		w = ASSET_OUTSIDE;
	else
		w = ASSET_INSIDE;
	if (w != ASSET_INSIDE) {
		free(*real);
		*real = NULL;
	}
	free(areal);
	free(assets);
	return w;
}

int
check_asset_inside(const char *file, const char *edition_dir)
{
	char	*real;
	int	 ok = asset_where(file, edition_dir, &real) == ASSET_INSIDE;

	free(real);
	return ok;
}

char *
check_asset_path(const char *rel, const char *edition_dir,
    const struct loc *l, const char *key)
{
	char		*path, *real;
	struct stat	 st;

	if (rel[0] == '/' || strstr(rel, "..") != NULL || strchr(rel, '\\')) {
		diag_at(l, DIAG_ERROR, "“%s”的路径“%s”无效：应为 assets/ 下的"
		    "相对路径，不能以 / 开头，也不能含 ..", key, rel);
		return NULL;
	}
	path = xasprintf("%s/assets/%s", edition_dir,
	    str_has_prefix(rel, "assets/") ? rel + 7 : rel);
	switch (asset_where(path, edition_dir, &real)) {
	case ASSET_MISSING:
		diag_at(l, DIAG_ERROR, "找不到“%s”指定的文件 %s：请把文件放到"
		    " %s/assets/ 下", key, path, edition_dir);
		break;
	case ASSET_OUTSIDE:
		diag_at(l, DIAG_ERROR, "“%s”的文件 %s 是指向 assets/ 之外的"
		    "链接：发布的文件必须放在 assets/ 里", key, path);
		break;
	case ASSET_INSIDE:
		if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
			diag_at(l, DIAG_ERROR, "“%s”的路径 %s 不是一个文件："
			    "请写到文件名为止", key, path);
			free(real);
			real = NULL;
		}
		break;
	}
	free(path);
	return real;
}

/* Does exclude entry e name (k, id)? Entries: "id" or "kind:id". */
static int
exclude_matches(const char *e, enum kind k, const char *id)
{
	const char *colon = strchr(e, ':');

	if (colon == NULL)
		return strcmp(e, id) == 0;
	return strncmp(e, model_kind_name(k), (size_t)(colon - e)) == 0 &&
	    strlen(model_kind_name(k)) == (size_t)(colon - e) &&
	    strcmp(colon + 1, id) == 0;
}

int
check_excluded(const struct edition *ed, enum kind k, const char *id,
    int *hit)
{
	int found = 0;

	for (size_t i = 0; i < ed->exclude.n; i++)
		if (exclude_matches(ed->exclude.v[i], k, id)) {
			if (hit)
				hit[i] = 1;
			found = 1;
		}
	return found;
}

int
check_is_excluded(const struct edition *ed, enum kind k, const char *id)
{
	return check_excluded(ed, k, id, NULL);
}

void
check_exclude_unused(const struct edition *ed, const int *hit)
{
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
 * cycle; every step reachable. Then the layered layout: a step's layer
 * is its longest distance from the entry, and steps within a layer are
 * ordered by the mean position of their predecessors (fewer crossings).
 */
void
check_procedure(struct procedure *p)
{
	size_t n = p->nsteps, i, j, head = 0, tail = 0;
	int *indeg, *state, *order, *width;
	double *key;
	int cyclic = 0;

	p->nlayers = p->maxwidth = 0;
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
		struct step *s = &p->steps[order[head++]];

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
	/* Kahn's algorithm for the order; leftovers are on a cycle. */
	memset(state, 0, n * sizeof(int));
	head = tail = 0;
	for (i = 0; i < n; i++)
		if (indeg[i] == 0)
			order[tail++] = (int)i;
	while (head < tail) {
		struct step *s = &p->steps[order[head++]];

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
		cyclic = 1;
	}
	/* Layers: longest path, in topological order (cycles: index). */
	for (i = 0; i < n; i++)
		p->steps[i].layer = 0;
	if (!cyclic)
		for (size_t t = 0; t < n; t++) {
			struct step *s = &p->steps[order[t]];

			for (j = 0; j < s->nsucc; j++)
				if (p->steps[s->succ[j]].layer < s->layer + 1)
					p->steps[s->succ[j]].layer = s->layer + 1;
		}
	else
		for (i = 0; i < n; i++)
			p->steps[i].layer = (int)i;
	for (i = 0; i < n; i++)
		if (p->steps[i].layer + 1 > p->nlayers)
			p->nlayers = p->steps[i].layer + 1;
	/* Positions: barycentre of predecessors, layer by layer. */
	width = xcalloc((size_t)p->nlayers, sizeof(int));
	key = xcalloc(n, sizeof(double));
	for (int L = 0; L < p->nlayers; L++) {
		size_t *in = xcalloc(n, sizeof(size_t)), m = 0;

		for (i = 0; i < n; i++) {
			double sum = 0;
			int cnt = 0;

			if (p->steps[i].layer != L)
				continue;
			for (size_t u = 0; u < n; u++)
				for (j = 0; j < p->steps[u].nsucc; j++)
					if (p->steps[u].succ[j] == i &&
					    p->steps[u].layer < L) {
						sum += p->steps[u].pos;
						cnt++;
					}
			key[i] = cnt ? sum / cnt : (double)i;
			in[m++] = i;
		}
		/* Stable insertion sort by key, then index. */
		for (size_t a = 1; a < m; a++)
			for (size_t b = a; b > 0 && key[in[b - 1]] > key[in[b]];
			    b--) {
				size_t tmp = in[b];

				in[b] = in[b - 1];
				in[b - 1] = tmp;
			}
		for (size_t a = 0; a < m; a++)
			p->steps[in[a]].pos = (int)a;
		width[L] = (int)m;
		if ((int)m > p->maxwidth)
			p->maxwidth = (int)m;
		free(in);
	}
	free(width);
	free(key);
	free(indeg);
	free(state);
	free(order);
}

static const struct loc *
key_loc(const struct item *it, const char *en, const char *zh)
{
	const struct ynode *v;

	if (it->front == NULL)
		return &it->loc;
	if ((v = ynode_get(it->front, en)) == NULL)
		v = ynode_get(it->front, zh);
	return v ? &v->loc : &it->loc;
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
		diag_at(key_loc(it, "updated", "更新日期"), DIAG_WARNING,
		    "更新日期 %s 晚于本版本的发布日期 %s：请核对日期",
		    it->updated, ed->date);
	else if (ed_days - it_days > ed->stale_after)
		diag_at(key_loc(it, "updated", "更新日期"), DIAG_WARNING,
		    "内容已过期：更新日期 %s 距本版本发布日期 %s 已超过 %d 天"
		    "（%ld 天）；请核实内容后更新 updated", it->updated,
		    ed->date, ed->stale_after, ed_days - it_days);
}

void
check_edition(struct edition *ed)
{
	for (size_t i = 0; i < ed->nall_matters; i++) {
		struct matter *m = ed->all_matters[i];

		if (m->it.disclosure == DISC_PUBLIC)
			check_stale(ed, &m->it);
		if (m->noffices == 0 && m->office_ids.n == 0 &&
		    !(m->visits == 0 && m->online.url != NULL) &&
		    m->it.front != NULL)
			diag_at(key_loc(&m->it, "offices", "办理地点"),
			    DIAG_ERROR, "事项需要到现场办理，但没有写办理地点"
			    "（offices）：请写出办理地点编号；只有 visits: 0 且"
			    "写明 online 的全程网办事项可以不写");
		if (m->visits == 0 && m->online.url == NULL &&
		    m->it.front != NULL)
			diag_at(key_loc(&m->it, "visits", "到现场次数"),
			    DIAG_WARNING, "到现场次数为 0，却没有写网上办理地址"
			    "（online）：申请人从哪里办理？");
	}
	for (size_t i = 0; i < ed->nall_guides; i++) {
		struct guide *g = ed->all_guides[i];
		const struct reductions *r = &g->red;

		if (g->it.disclosure != DISC_PUBLIC) {
			if (g->it.disclosure != DISC_UNKNOWN)
				diag_at(key_loc(&g->it, "disclosure", "公开属性"),
				    DIAG_NOTE, "“%s”为%s，不会发布", g->it.id,
				    model_disclosure_name(g->it.disclosure));
			continue;
		}
		check_stale(ed, &g->it);
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
			continue;	/* unresolved: figures would mislead */
		if (g->nmatters > 0 && r->days_after > r->days_before &&
		    g->promise_days >= 0)
			diag_at(key_loc(&g->it, "promise", "承诺"), DIAG_WARNING,
			    "承诺时限 %d 个工作日比各事项承诺时限之和（%d）还长："
			    "请核对", r->days_after, r->days_before);
		if (g->nmatters > 0 && r->visits_after > r->visits_before &&
		    g->promise_visits >= 0)
			diag_at(key_loc(&g->it, "promise", "承诺"), DIAG_WARNING,
			    "承诺到现场 %d 次，比各事项到现场次数之和（%d）还多："
			    "请核对", r->visits_after, r->visits_before);
		if (g->nmatters == 0 && g->matter_ids.n == 0 &&
		    g->it.front != NULL && ynode_get(g->it.front, "matters"))
			diag_at(key_loc(&g->it, "matters", "包含事项"),
			    DIAG_ERROR, "一件事至少要包含一个事项");
	}
}
