/*
 * model_index.c — the ids of each loaded edition (a small string-keyed
 * hash table per kind), the files that did not parse (their ids stay
 * quiet when referenced), and the lookups the back ends use.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "model_int.h"

/* --- a small string-keyed hash table -------------------------------- */

struct htab {
	const char	**keys;
	void		**vals;
	size_t		  cap;
	size_t		  n;
};

static unsigned long
hash_str(const char *s)
{
	unsigned long h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void htab_put(struct htab *, const char *, void *);

static void
htab_grow(struct htab *t)
{
	struct htab old = *t;

	t->cap = old.cap ? old.cap * 2 : 64;
	t->keys = xcalloc(t->cap, sizeof(*t->keys));
	t->vals = xcalloc(t->cap, sizeof(*t->vals));
	t->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i])
			htab_put(t, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

static void
htab_put(struct htab *t, const char *k, void *v)
{
	size_t i;

	if ((t->n + 1) * 2 > t->cap)
		htab_grow(t);
	for (i = hash_str(k) & (t->cap - 1); t->keys[i];
	    i = (i + 1) & (t->cap - 1))
		if (strcmp(t->keys[i], k) == 0) {
			t->vals[i] = v;
			return;
		}
	t->keys[i] = k;
	t->vals[i] = v;
	t->n++;
}

static void *
htab_get(const struct htab *t, const char *k)
{
	if (t->cap == 0 || k == NULL)
		return NULL;
	for (size_t i = hash_str(k) & (t->cap - 1); t->keys[i];
	    i = (i + 1) & (t->cap - 1))
		if (strcmp(t->keys[i], k) == 0)
			return t->vals[i];
	return NULL;
}

/* Per-edition lookup tables, kept beside the edition. */
struct ed_index {
	struct edition	*ed;
	char		*real;		/* realpath of the folder */
	struct htab	 byid[KIND__MAX];
	struct htab	 broken[KIND__MAX];	/* files that did not parse */
	void		**dropped;	/* duplicates: reported, kept reachable */
	size_t		  ndropped;
	int		 loading;
};

static struct ed_index	**editions;
static size_t		  neditions;

static const char *const kind_zh[KIND__MAX] = {
	"版本", "一件事", "事项", "流程", "办理地点", "材料", "收费项目",
	"步骤", "办公时间", "窗口", "办结时限", "网上办理", "办理结果", "承诺",
};

static struct ed_index *
index_of(const struct edition *ed)
{
	for (size_t i = 0; i < neditions; i++)
		if (editions[i]->ed == ed)
			return editions[i];
	return NULL;
}

/* The edition loaded from the folder whose realpath is real, or NULL;
 * *loading says whether it is still being loaded (a base loop). */
struct edition *
model_index_find(const char *real, int *loading)
{
	for (size_t i = 0; i < neditions; i++)
		if (strcmp(editions[i]->real, real) == 0) {
			*loading = editions[i]->loading;
			return editions[i]->ed;
		}
	return NULL;
}

void
model_index_add(struct edition *ed, const char *real)
{
	struct ed_index *x = xcalloc(1, sizeof(*x));

	x->ed = ed;
	x->real = xstrdup(real);
	x->loading = 1;
	*VEC_PUSH(&editions, &neditions) = x;
}

void
model_index_loaded(struct edition *ed)
{
	index_of(ed)->loading = 0;
}

/* Any item of ed, published or not, by kind and id. */
void *
model_lookup(const struct edition *ed, enum kind k, const char *id)
{
	struct ed_index *x = index_of(ed);

	return x ? htab_get(&x->byid[k], id) : NULL;
}

/* The id's entry is item from now on; id must live as long. */
void
model_index_put(struct edition *ed, enum kind k, const char *id, void *item)
{
	htab_put(&index_of(ed)->byid[k], id, item);
}

/* A duplicate: reported, kept reachable. */
void
model_index_drop(struct edition *ed, void *item)
{
	struct ed_index *x = index_of(ed);

	*VEC_PUSH(&x->dropped, &x->ndropped) = item;
}

/* The file stem of kind k did not parse. */
void
model_index_broken(const struct edition *ed, enum kind k, const char *stem)
{
	struct ed_index *x = index_of(ed);

	if (x != NULL)
		htab_put(&x->broken[k], xstrdup(stem), (void *)1);
}

int
model_is_broken(const struct edition *ed, enum kind k, const char *id)
{
	struct ed_index *x = index_of(ed);

	return x != NULL && htab_get(&x->broken[k], id) != NULL;
}

/* --- lookups --------------------------------------------------------- */

const struct guide *
model_guide(const struct edition *ed, const char *id)
{
	const struct guide *g = model_lookup(ed, KIND_GUIDE, id);

	return g && g->it.disclosure == DISC_PUBLIC ? g : NULL;
}

const struct matter *
model_matter(const struct edition *ed, const char *id)
{
	const struct matter *m = model_lookup(ed, KIND_MATTER, id);

	return m && m->it.disclosure == DISC_PUBLIC ? m : NULL;
}

const struct office *
model_office(const struct edition *ed, const char *id)
{
	return model_lookup(ed, KIND_OFFICE, id);
}

const struct procedure *
model_procedure(const struct edition *ed, const char *id)
{
	return model_lookup(ed, KIND_PROCEDURE, id);
}

const char *
model_kind_name(enum kind k)
{
	static const char *const n[KIND__MAX] = { "edition", "guide",
	    "matter", "procedure", "office", "material", "fee", "step",
	    "hours", "window", "time_limit", "online", "result", "promise" };

	return n[k];
}

const char *
model_disclosure_name(enum disclosure d)
{
	switch (d) {
	case DISC_PUBLIC: return "主动公开";
	case DISC_ON_REQUEST: return "依申请公开";
	case DISC_SECRET: return "不予公开";
	default: return "公开属性未正确标明";
	}
}

const char *
model_kind_zh(enum kind k)
{
	return kind_zh[k];
}