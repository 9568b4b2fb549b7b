/*
 * model.c — from an edition's folder to the model (model.h), the
 * driver of the model's steps: read its edition.md and, recursively,
 * its base; read its own items (model_read.c); assemble: the base's
 * items, minus `exclude`, replaced by same-id items of its own, plus its
 * own; resolve references in the assembled edition (model_resolve.c),
 * so a district override is seen by the city's guides. Once load.c has
 * run the check pass, model_publish groups stages and departments and
 * fills the published (主动公开) arrays the back ends read.
 *
 * It does not check graph shapes, disclosure leaks or staleness: that
 * is check.c, the pass load.c runs on the built model.
 */
#include <sys/stat.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "source.h"
#include "keys.h"
#include "model_int.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct edition *load_edition(const char *dir, int depth);

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
item_id_cmp(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a;
	const struct item *y = *(const struct item *const *)b;

	return strcmp(x->id, y->id);
}

/*
 * Assemble one kind: base items minus excluded, replaced by own items
 * of the same id, plus own items. Items without an id are dropped (they
 * were reported). Inherited guides, matters and procedures are copied,
 * since their references are resolved per edition.
 */
static void
assemble(struct edition *ed, enum kind k, struct own *own, void ***out,
    size_t *nout, size_t sz, int *excluded_hit)
{
	void **arr = NULL;
	size_t n = 0;

	/* Own items first: duplicates among them are errors. */
	for (size_t i = 0; i < own->n; i++) {
		struct item *it = own->items[i];
		struct item *prev;

		if (it->id == NULL)
			continue;
		if ((prev = model_lookup(ed, k, it->id)) != NULL) {
			diag_at(&it->id_loc, DIAG_ERROR, "编号“%s”重复：%s 第 %d "
			    "行已使用这个编号；同一类条目的编号必须唯一：请给"
			    "这个文件另起一个编号（并把文件改成同名），或删去"
			    "其中一个文件", it->id, prev->file, prev->id_loc.line);
			model_index_drop(ed, it);
			continue;
		}
		model_index_put(ed, k, it->id, it);
	}
	if (ed->base != NULL) {
		void **barr;
		size_t bn;

		switch (k) {
		case KIND_GUIDE: barr = (void **)ed->base->all_guides;
			bn = ed->base->nall_guides; break;
		case KIND_MATTER: barr = (void **)ed->base->all_matters;
			bn = ed->base->nall_matters; break;
		case KIND_PROCEDURE: barr = (void **)ed->base->all_procedures;
			bn = ed->base->nall_procedures; break;
		default: barr = (void **)ed->base->all_offices;
			bn = ed->base->nall_offices; break;
		}
		for (size_t i = 0; i < bn; i++) {
			struct item *bi = barr[i], *mine;

			if (model_excluded(ed, k, bi->id, excluded_hit))
				continue;
			if ((mine = model_lookup(ed, k, bi->id)) != NULL) {
				if (!mine->overrides) {
					mine->overrides = 1;
					diag_at(&mine->loc, DIAG_NOTE, "替换了继承"
					    "的%s“%s”（%s）", model_kind_zh(k),
					    bi->id, bi->file);
				}
				continue;
			}
			if (k != KIND_OFFICE) {
				void *copy = xmalloc(sz);

				memcpy(copy, bi, sz);
				bi = copy;
			}
			model_index_put(ed, k, bi->id, bi);
			*VEC_PUSH((struct item ***)&arr, &n) = bi;
		}
	}
	for (size_t i = 0; i < own->n; i++) {
		struct item *it = own->items[i];

		if (it->id != NULL && model_lookup(ed, k, it->id) == it)
			*VEC_PUSH((struct item ***)&arr, &n) = it;
	}
	xqsort(arr, n, sizeof(*arr), item_id_cmp);
	*out = arr;
	*nout = n;
}

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *
parent_dir(const char *dir)
{
	const char *slash;
	size_t len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	for (slash = dir + len; slash > dir && slash[-1] != '/'; slash--)
		continue;
	if (slash == dir)
		return xstrdup(".");
	return xstrndup(dir, (size_t)(slash - dir - 1 > 0 ?
	    slash - dir - 1 : 1));
}

static struct edition *
load_edition(const char *dir, int depth)
{
	struct edition *ed;
	struct source src;
	struct loadctx lc;
	struct own own[KIND__MAX];
	char real[PATH_MAX], *ap;
	int *hit;
	int loading;

	if (realpath(dir, real) == NULL || !is_dir(real))
		return NULL;
	if ((ed = model_index_find(real, &loading)) != NULL)
		return loading ? (struct edition *)-1 : ed;	/* -1: a loop */
	ed = xcalloc(1, sizeof(*ed));
	model_index_add(ed, real);

	{
		size_t len = strlen(dir);

		while (len > 1 && dir[len - 1] == '/')
			len--;
		ed->dir = xstrndup(dir, len);
	}
	/* `ybt check .` inside an edition folder: the id is the folder's
	 * name, and its base a sibling (../gz). */
	ed->id = path_leaf(ed->dir);
	if (str_eq(ed->id, ".") || str_eq(ed->id, "..")) {
		free(ed->id);
		ed->id = path_leaf(real);
	}
	ed->file = xasprintf("%s/edition.md", ed->dir);
	if (!model_valid_id(ed->id))
		diag_file(ed->file, 1, 1, DIAG_ERROR, "版本文件夹名“%s”不能作为"
		    "版本编号：文件夹名只能使用小写字母、数字和连字符，如 gz、"
		    "tianhe", ed->id);
	ed->stale_after = 365;
	model_read_edition(ed, &src);

	if (ed->base_id != NULL) {
		char *leaf = path_leaf(ed->dir);
		char *pd = str_eq(leaf, ".") ? xstrdup("..") :
		    str_eq(leaf, "..") ? xasprintf("%s/..", ed->dir) :
		    parent_dir(ed->dir);
		char *bdir = xasprintf("%s/%s", pd, ed->base_id);
		struct loc bl = { ed->file, 1, 1 };

		if (keys_get(KIND_EDITION, src.front, "base") != NULL)
			bl = keys_get(KIND_EDITION, src.front, "base")->loc;
		if (depth > 16 || (ed->base = load_edition(bdir, depth + 1)) ==
		    (struct edition *)-1) {
			diag_at(&bl, DIAG_ERROR, "继承形成了循环：%s 最终又继承了"
			    "自己；请检查各版本 edition.md 的 base", ed->id);
			ed->base = NULL;
		} else if (ed->base == NULL)
			diag_at(&bl, DIAG_ERROR, "找不到所继承的版本“%s”：应为与"
			    "本版本同在 %s/ 下的文件夹", ed->base_id, pd);
		free(pd);
		free(bdir);
		free(leaf);
	}

	memset(&lc, 0, sizeof(lc));
	lc.ed = ed;
	ap = xasprintf("%s/assets", ed->dir);
	lc.assets_real = realpath(ap, NULL);
	free(ap);
	memset(own, 0, sizeof(own));
	model_read_folder(&lc, "offices", KIND_OFFICE, &own[KIND_OFFICE]);
	model_read_folder(&lc, "procedures", KIND_PROCEDURE, &own[KIND_PROCEDURE]);
	model_read_folder(&lc, "matters", KIND_MATTER, &own[KIND_MATTER]);
	model_read_folder(&lc, "guides", KIND_GUIDE, &own[KIND_GUIDE]);
	free(lc.assets_real);

	hit = xcalloc(ed->exclude.n + 1, sizeof(int));
	assemble(ed, KIND_OFFICE, &own[KIND_OFFICE], (void ***)&ed->all_offices,
	    &ed->nall_offices, sizeof(struct office), hit);
	assemble(ed, KIND_PROCEDURE, &own[KIND_PROCEDURE],
	    (void ***)&ed->all_procedures, &ed->nall_procedures,
	    sizeof(struct procedure), hit);
	assemble(ed, KIND_MATTER, &own[KIND_MATTER], (void ***)&ed->all_matters,
	    &ed->nall_matters, sizeof(struct matter), hit);
	assemble(ed, KIND_GUIDE, &own[KIND_GUIDE], (void ***)&ed->all_guides,
	    &ed->nall_guides, sizeof(struct guide), hit);
	for (size_t i = 0; i < KIND__MAX; i++)
		free(own[i].items);
	ed->exclude_hit = hit;	/* for the check pass */

	model_resolve(ed);
	model_index_loaded(ed);
	/* Of src.front, only ed->extra is kept (for the XML): the tree
	 * lives as long as the model, like the items' trees. */
	if (ed->extra != NULL)
		src.front = NULL;
	source_free(&src);
	return ed;
}

struct edition *
model_build(const char *dir)
{
	struct edition *ed = load_edition(dir, 0);

	return ed == (struct edition *)-1 ? NULL : ed;
}

static int
ptr_cmp(const void *a, const void *b)
{
	const void *x = *(const void *const *)a, *y = *(const void *const *)b;

	return x < y ? -1 : x > y;
}

/* Every item of eds[0..n) and their bases: f(arg, item). */
static void
each_item(struct edition **eds, size_t n, void (*f)(void *, struct item *),
    void *arg)
{
	for (size_t i = 0; i < n; i++)
		for (struct edition *e = eds[i]; e != NULL; e = e->base) {
			for (size_t j = 0; j < e->nall_guides; j++)
				f(arg, &e->all_guides[j]->it);
			for (size_t j = 0; j < e->nall_matters; j++)
				f(arg, &e->all_matters[j]->it);
			for (size_t j = 0; j < e->nall_procedures; j++)
				f(arg, &e->all_procedures[j]->it);
			for (size_t j = 0; j < e->nall_offices; j++)
				f(arg, &e->all_offices[j]->it);
		}
}

struct fronts {
	const struct ynode	**v;
	size_t			  n;
};

static void
front_take(void *arg, struct item *it)
{
	struct fronts *fr = arg;

	/* A tree holding extra: stays: the XML writes it (every item of
	 * that tree has it, so none frees it). */
	if (it->front != NULL && it->extra == NULL)
		*VEC_PUSH(&fr->v, &fr->n) = it->front;
	it->front = NULL;
}

/*
 * The source trees, once checked: a build's back ends read the model
 * only, and an edition of 10^5 items holds a tree per file. Inherited
 * items share their base's tree, so each is freed once.
 */
void
model_drop_sources(struct edition **eds, size_t n)
{
	struct fronts fr = { NULL, 0 };

	each_item(eds, n, front_take, &fr);
	xqsort(fr.v, fr.n, sizeof(*fr.v), ptr_cmp);
	for (size_t i = 0; i < fr.n; i++)
		if (i == 0 || fr.v[i] != fr.v[i - 1])
			ynode_free((struct ynode *)fr.v[i]);
	free(fr.v);
}

void
model_free(struct edition *ed)
{
	/* The model lives until the program ends; nothing to do. */
	(void)ed;
}

/* --- publication ----------------------------------------------------- */

/*
 * The one table of stages (SPEC §2): the handbook's parts and the
 * portal's sections, in this order, 个人 before 法人. check.c uses it
 * too: a guide's stage must belong to its audience.
 */
static const char *const person_stages[] = { "出生", "上学", "入学",
    "就业", "创业", "婚育", "居住", "出行", "就医", "医疗", "养老", "退休",
    "身后", "救助", "兵役" };
static const char *const legal_stages[] = { "开办", "准营", "经营",
    "变更", "投资", "建设", "纳税", "用工", "注销", "破产" };

static int
stage_index(const char *const *t, size_t n, const char *stage)
{
	for (size_t i = 0; i < n; i++)
		if (str_eq(stage, t[i]))
			return (int)i;
	return -1;
}

const char *
model_stage_audience(const char *stage)
{
	if (stage_index(person_stages, NELEM(person_stages), stage) >= 0)
		return "个人";
	if (stage_index(legal_stages, NELEM(legal_stages), stage) >= 0)
		return "法人";
	return NULL;
}

void
model_stage_list(struct buf *b, const char *audience)
{
	int legal = str_eq(audience, "法人");
	const char *const *t = legal ? legal_stages : person_stages;
	size_t n = legal ? NELEM(legal_stages) : NELEM(person_stages);

	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? "、" : "", t[i]);
}

static int
stage_rank(const char *audience, const char *stage)
{
	int legal = str_eq(audience, "法人");
	int i = legal ? stage_index(legal_stages, NELEM(legal_stages), stage) :
	    stage_index(person_stages, NELEM(person_stages), stage);

	return (legal ? 100 : 0) + (i >= 0 ? i : 99);
}

static int
guide_cmp(const void *a, const void *b)
{
	const struct guide *x = *(const struct guide *const *)a;
	const struct guide *y = *(const struct guide *const *)b;
	int rx = stage_rank(x->audience, x->stage);
	int ry = stage_rank(y->audience, y->stage);
	int c;

	if (rx != ry)
		return rx < ry ? -1 : 1;
	if ((c = strcmp(x->stage ? x->stage : "", y->stage ? y->stage : "")))
		return c;
	return strcmp(x->it.id, y->it.id);
}

static int
matter_title_cmp(const void *a, const void *b)
{
	const struct matter *x = *(const struct matter *const *)a;
	const struct matter *y = *(const struct matter *const *)b;
	int c = strcmp(x->title ? x->title : "", y->title ? y->title : "");

	return c ? c : strcmp(x->it.id, y->it.id);
}

/* An office and its index in edition->offices, sorted by address. */
struct office_at {
	const struct office	*o;
	size_t			 i;
};

static int
office_at_cmp(const void *a, const void *b)
{
	const struct office *x = ((const struct office_at *)a)->o;
	const struct office *y = ((const struct office_at *)b)->o;

	return x < y ? -1 : x > y;
}

/* The public matters done at each office, in one pass over the matters
 * (an office page lists them; 10^3 offices × 10^5 matters otherwise). */
static void
publish_at_office(struct edition *ed)
{
	struct office_at *by = xcalloc(ed->noffices + 1, sizeof(*by));
	size_t *cap = xcalloc(ed->noffices + 1, sizeof(*cap));

	ed->at_office = xcalloc(ed->noffices + 1, sizeof(*ed->at_office));
	for (size_t i = 0; i < ed->noffices; i++)
		by[i] = (struct office_at){ ed->offices[i], i };
	xqsort(by, ed->noffices, sizeof(*by), office_at_cmp);
	for (size_t i = 0; i < ed->nmatters; i++) {
		const struct matter *m = ed->matters[i];

		for (size_t j = 0; j < m->noffices; j++) {
			struct office_at key = { m->offices[j], 0 }, *hit;
			struct matterlist *l;
			size_t k;

			hit = bsearch(&key, by, ed->noffices, sizeof(*by),
			    office_at_cmp);
			for (k = 0; hit != NULL && k < j; k++)
				if (m->offices[k] == m->offices[j])
					break;	/* named twice: listed once */
			if (hit == NULL || k < j)
				continue;
			l = &ed->at_office[hit->i];
			if (l->n == cap[hit->i]) {
				cap[hit->i] = cap[hit->i] ? 2 * cap[hit->i] : 8;
				l->v = xreallocarray(l->v, cap[hit->i],
				    sizeof(*l->v));
			}
			l->v[l->n++] = m;
		}
	}
	free(cap);
	free(by);
}

void
model_publish(struct edition *ed)
{
	ed->guides = xcalloc(ed->nall_guides + 1, sizeof(void *));
	for (size_t i = 0; i < ed->nall_guides; i++) {
		struct guide *g = ed->all_guides[i];

		if (g->it.disclosure != DISC_PUBLIC)
			continue;
		ed->guides[ed->nguides++] = g;
	}
	xqsort(ed->guides, ed->nguides, sizeof(void *), guide_cmp);
	ed->matters = xcalloc(ed->nall_matters + 1, sizeof(void *));
	for (size_t i = 0; i < ed->nall_matters; i++)
		if (ed->all_matters[i]->it.disclosure == DISC_PUBLIC)
			ed->matters[ed->nmatters++] = ed->all_matters[i];
	ed->procedures = (const struct procedure **)ed->all_procedures;
	ed->nprocedures = ed->nall_procedures;
	ed->offices = (const struct office **)ed->all_offices;
	ed->noffices = ed->nall_offices;

	/* Stages, in the order of the sorted guides. */
	for (size_t i = 0; i < ed->nguides; i++) {
		const struct guide *g = ed->guides[i];
		struct stage *s = NULL;

		for (size_t j = 0; j < ed->nstages; j++)
			if (str_eq(ed->stages[j].name, g->stage) &&
			    str_eq(ed->stages[j].audience, g->audience))
				s = &ed->stages[j];
		if (s == NULL) {
			s = VEC_PUSH(&ed->stages, &ed->nstages);
			s->name = xstrdup(g->stage ? g->stage : "其他");
			s->audience = g->audience ? g->audience : "个人";
			s->guides = xcalloc(ed->nguides, sizeof(void *));
		}
		s->guides[s->nguides++] = g;
	}

	/* Departments of public matters. */
	for (size_t i = 0; i < ed->nmatters; i++) {
		const struct matter *m = ed->matters[i];
		struct department *d = NULL;

		if (m->department == NULL)
			continue;
		for (size_t j = 0; j < ed->ndepartments; j++)
			if (strcmp(ed->departments[j].name, m->department) == 0)
				d = &ed->departments[j];
		if (d == NULL) {
			d = VEC_PUSH(&ed->departments, &ed->ndepartments);
			d->name = xstrdup(m->department);
			d->matters = xcalloc(ed->nmatters, sizeof(void *));
		}
		d->matters[d->nmatters++] = m;
	}
	xqsort(ed->departments, ed->ndepartments, sizeof(*ed->departments),
	    name_cmp);	/* name is the first member */
	publish_at_office(ed);
	for (size_t j = 0; j < ed->ndepartments; j++)
		xqsort(ed->departments[j].matters, ed->departments[j].nmatters,
		    sizeof(void *), matter_title_cmp);
}

/* The arrays of the last publication are left as they are (the patched
 * model lives in a process that ends after one patch). */
void
model_republish(struct edition *ed)
{
	ed->guides = NULL;
	ed->nguides = 0;
	ed->matters = NULL;
	ed->nmatters = 0;
	ed->stages = NULL;
	ed->nstages = 0;
	ed->departments = NULL;
	ed->ndepartments = 0;
	ed->at_office = NULL;
	model_publish(ed);
}
