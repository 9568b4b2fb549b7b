/*
 * model_patch.c — ybt serve's patch: one edited source file put into a
 * model that was loaded, checked, published and typeset, as a fresh
 * load would have put it, without loading the rest again.
 *
 * The file is read and converted; the new item is copied over the old
 * one in its place, so every pointer the model holds to it (guides,
 * departments, the id index) sees the new item at once. Then, as the
 * load does: it is resolved where it is defined; each edition built on
 * that one gets a fresh copy of it (unless it overrides or excludes it)
 * resolved there; the guides holding it are resolved again (their
 * merged checklists, reductions, default offices); the checks that
 * concern these items run; each edition touched is published again
 * (stages, departments sorted by title, the matters of each office);
 * the items are typeset.
 *
 * It refuses (returns -1) what it cannot do as a load would: a file
 * that is not an item of one of the editions under the same id, an
 * office (shared by every edition, not copied), a read or conversion
 * error, an error of the checks. The caller then throws the model away:
 * ybt serve's full pass, which loads afresh, has the last word anyway.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "source.h"
#include "check.h"
#include "zhtext.h"
#include "model_int.h"

#define PATCH_MAX_EDITIONS	64

struct patch {
	struct edition	*eds[PATCH_MAX_EDITIONS];	/* bases first */
	struct item	*at[PATCH_MAX_EDITIONS];	/* the patched item in
							 * each, or NULL */
	struct item	**v[PATCH_MAX_EDITIONS];	/* it and the guides
							 * resolved again */
	size_t		 nv[PATCH_MAX_EDITIONS];
	size_t		 n;
};

/* e and its bases, each once, a base before the editions built on it. */
static int
add_chain(struct patch *p, struct edition *e, int depth)
{
	if (e == NULL)
		return 0;
	if (depth > 16)
		return -1;
	for (size_t i = 0; i < p->n; i++)
		if (p->eds[i] == e)
			return 0;
	if (add_chain(p, e->base, depth + 1) != 0 ||
	    p->n == PATCH_MAX_EDITIONS)
		return -1;
	p->eds[p->n++] = e;
	return 0;
}

static struct item *
patched_in(const struct patch *p, const struct edition *e)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->eds[i] == e)
			return p->at[i];
	return NULL;
}

/* Does guide g show item it (a matter or procedure) in its figures? */
static int
holds(const struct guide *g, const struct item *it)
{
	if (g->procedure != NULL && &g->procedure->it == it)
		return 1;
	for (size_t j = 0; j < g->nmatters; j++) {
		const struct procedure *pr = model_matter_steps(g->matters[j]);

		if (&g->matters[j]->it == it ||
		    (pr != NULL && &pr->it == it))
			return 1;
	}
	return 0;
}

/* The file read and converted into the place of old (of edition home). */
static int
replace(struct edition *home, struct item *old, const char *path)
{
	struct source *src = xcalloc(1, sizeof(*src));	/* the item's */
	struct md_node *doc;
	struct item *nw;

	if (model_read_source(path, src, &doc) != 0 || src->front == NULL)
		return -1;
	nw = model_convert_source(path, old->kind, home->dir, src, doc);
	if (nw == NULL || !str_eq(nw->id, old->id))
		return -1;
	model_item_home(nw, home);
	nw->overrides = old->overrides;
	memcpy(old, nw, model_item_size(nw->kind));
	free(nw);
	return 0;
}

/* In each edition holding it: the guides that show it, resolved again. */
static void
guides_again(struct patch *p, size_t i)
{
	struct edition *e = p->eds[i];
	struct item *it = p->at[i];

	*VEC_PUSH(&p->v[i], &p->nv[i]) = it;
	if (it->kind == KIND_GUIDE)
		return;
	for (size_t j = 0; j < e->nall_guides; j++) {
		struct guide *g = e->all_guides[j];

		if (holds(g, it)) {
			model_resolve_item(e, &g->it);
			*VEC_PUSH(&p->v[i], &p->nv[i]) = &g->it;
		}
	}
}

int
model_patch(struct edition **eds, size_t neds, enum kind k, const char *id,
    const char *path)
{
	struct patch p;
	size_t errors = diag_count(DIAG_ERROR), home = (size_t)-1;

	if (k != KIND_MATTER && k != KIND_GUIDE && k != KIND_PROCEDURE)
		return -1;
	memset(&p, 0, sizeof(p));
	for (size_t i = 0; i < neds; i++)
		if (add_chain(&p, eds[i], 0) != 0)
			return -1;
	for (size_t i = 0; i < p.n; i++) {
		struct item *it = model_lookup(p.eds[i], k, id);

		if (it != NULL && it->edition == p.eds[i] &&
		    str_eq(it->file, path))
			home = i;
	}
	if (home == (size_t)-1)
		return -1;
	p.at[home] = model_lookup(p.eds[home], k, id);
	if (replace(p.eds[home], p.at[home], path) != 0 ||
	    diag_count(DIAG_ERROR) > errors)
		return -1;
	model_resolve_item(p.eds[home], p.at[home]);
	/* The editions built on it: a copy of their base's, as assembled. */
	for (size_t i = home + 1; i < p.n; i++) {
		struct edition *e = p.eds[i];
		struct item *from = patched_in(&p, e->base), *it;

		if (from == NULL || (it = model_lookup(e, k, id)) == NULL ||
		    it->edition == e)
			continue;	/* not built on it, excluded, its own */
		memcpy(it, from, model_item_size(k));
		model_resolve_item(e, it);
		p.at[i] = it;
	}
	for (size_t i = 0; i < p.n; i++)
		if (p.at[i] != NULL) {
			guides_again(&p, i);
			check_items(p.eds[i], p.v[i], p.nv[i]);
		}
	if (diag_count(DIAG_ERROR) > errors)
		return -1;
	for (size_t i = 0; i < p.n; i++)
		if (p.at[i] != NULL) {
			model_republish(p.eds[i]);
			zh_typeset_items(p.eds[i], p.v[i], p.nv[i]);
			free(p.v[i]);
		}
	return 0;
}
