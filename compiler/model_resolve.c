/*
 * model_resolve.c — references resolved in the assembled edition (so a
 * district override is seen by the city's guides), and the values
 * computed from them: merged checklists, reductions, default offices
 * and phones. Flowchart layers are flow_rank's (flow.c).
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "source.h"
#include "keys.h"
#include "flow.h"
#include "model_int.h"

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

/* Does ed's exclude name (k, id)? Marks the entries that do in hit. */
int
model_excluded(const struct edition *ed, enum kind k, const char *id,
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


/* --- resolution ------------------------------------------------------ */

static void
suggest_ref(const struct edition *ed, enum kind k, const char *id,
    const struct loc *l, const char *what)
{
	const char **cands = NULL;
	size_t n = 0;
	const char *best;
	void **arr;
	size_t na;

	switch (k) {
	case KIND_GUIDE: arr = (void **)ed->all_guides; na = ed->nall_guides; break;
	case KIND_MATTER: arr = (void **)ed->all_matters; na = ed->nall_matters; break;
	case KIND_PROCEDURE: arr = (void **)ed->all_procedures; na = ed->nall_procedures; break;
	default: arr = (void **)ed->all_offices; na = ed->nall_offices; break;
	}
	/* A file that did not parse was reported; its id stays quiet. */
	for (const struct edition *e = ed; e != NULL; e = e->base)
		if (model_is_broken(e, k, id))
			return;
	cands = xcalloc(na + 1, sizeof(*cands));
	for (size_t i = 0; i < na; i++)
		cands[n++] = ((struct item *)arr[i])->id;
	best = diag_suggest(id, cands, n);
	if (model_excluded(ed, k, id, NULL))
		diag_at(l, DIAG_ERROR, "%s“%s”已被本版本 edition.md 的 exclude "
		    "排除，这里却仍引用它：请同时排除或替换引用它的条目",
		    what, id);
	else if (best)
		diag_at(l, DIAG_ERROR, "找不到%s“%s”；是否想写“%s”？", what, id,
		    best);
	else
		diag_at(l, DIAG_ERROR, "找不到%s“%s”：请检查 %s/ 文件夹中是否"
		    "有 %s.md", what, id, k == KIND_MATTER ? "matters" :
		    k == KIND_OFFICE ? "offices" : k == KIND_PROCEDURE ?
		    "procedures" : "guides", id);
	free(cands);
}

static const struct office **
resolve_offices(const struct edition *ed, const struct strlist *ids,
    size_t *n)
{
	const struct office **arr = xcalloc(ids->n + 1, sizeof(*arr));

	*n = 0;
	for (size_t i = 0; i < ids->n; i++) {
		const struct office *o = model_lookup(ed, KIND_OFFICE, ids->v[i]);

		if (o == NULL)
			suggest_ref(ed, KIND_OFFICE, ids->v[i], &ids->loc[i],
			    "办理地点");
		else
			arr[(*n)++] = o;
	}
	return arr;
}

/* Resolve step ids and where; compute layers. */
static void
resolve_steps(const struct edition *ed, struct procedure *p)
{
	if (p->it.edition != ed) {
		/* An inherited procedure gets steps of its own: their
		 * offices resolve in this edition. */
		struct step *copy = xcalloc(p->nsteps + 1, sizeof(*copy));

		memcpy(copy, p->steps, p->nsteps * sizeof(*copy));
		p->steps = copy;
	}
	for (size_t i = 0; i < p->nsteps; i++) {
		struct step *s = &p->steps[i];

		s->office = NULL;
		s->succ = xcalloc(s->next.n + 1, sizeof(size_t));
		s->nsucc = 0;
		if (s->where && strcmp(s->where, "online") != 0 &&
		    strcmp(s->where, "网上") != 0 &&
		    strcmp(s->where, "线上") != 0) {
			s->office = model_lookup(ed, KIND_OFFICE, s->where);
			if (s->office == NULL) {
				/* Free text ("窗口", "现场") is allowed; an
				 * id-like word that resolves to nothing is not. */
				if (model_valid_id(s->where))
					suggest_ref(ed, KIND_OFFICE, s->where,
					    &s->loc, "办理地点");
			}
		}
		for (size_t j = 0; j < s->next.n; j++) {
			size_t k;

			for (k = 0; k < p->nsteps; k++)
				if (str_eq(p->steps[k].id, s->next.v[j]))
					break;
			if (k == p->nsteps) {
				const char **c = xcalloc(p->nsteps + 1,
				    sizeof(*c));
				size_t nc = 0;
				const char *best;

				for (k = 0; k < p->nsteps; k++)
					if (p->steps[k].id)
						c[nc++] = p->steps[k].id;
				best = diag_suggest(s->next.v[j], c, nc);
				if (best)
					diag_at(&s->next.loc[j], DIAG_ERROR,
					    "next 指向的步骤“%s”不存在；是否想"
					    "写“%s”？", s->next.v[j], best);
				else
					diag_at(&s->next.loc[j], DIAG_ERROR,
					    "next 指向的步骤“%s”不存在：请写本"
					    "流程中某一步的 id", s->next.v[j]);
				free(c);
				continue;
			}
			s->succ[s->nsucc++] = k;
		}
	}
	flow_rank(p);
}

static void
resolve_matter(const struct edition *ed, struct matter *m)
{
	m->offices = resolve_offices(ed, &m->office_ids, &m->noffices);
	m->procedure = NULL;
	if (m->procedure_id) {
		m->procedure = model_lookup(ed, KIND_PROCEDURE, m->procedure_id);
		if (m->procedure == NULL) {
			const struct ynode *v = keys_get(m->it.kind,
			    m->it.front, "procedure");
			suggest_ref(ed, KIND_PROCEDURE, m->procedure_id,
			    v ? &v->loc : &m->it.loc, "流程");
		}
	}
	if (m->inline_proc) {
		if (m->it.edition != ed) {	/* inherited: a copy */
			struct procedure *p = xmalloc(sizeof(*p));

			memcpy(p, m->inline_proc, sizeof(*p));
			m->inline_proc = p;
		}
		resolve_steps(ed, m->inline_proc);
	}
	if (m->consult == NULL && ed->hotline)
		m->consult = xstrdup(ed->hotline);
	if (m->complaint == NULL && ed->hotline)
		m->complaint = xstrdup(ed->hotline);
}

const struct procedure *
model_matter_steps(const struct matter *m)
{
	return m->procedure ? m->procedure : m->inline_proc;
}

static void
compute_checklist(struct guide *g)
{
	struct checkline *cl = NULL;
	size_t n = 0;
	struct reductions *r = &g->red;

	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < g->nmatters; i++) {
		const struct matter *m = g->matters[i];
		const struct procedure *p = model_matter_steps(m);

		r->materials_before += (int)m->nmaterials;
		r->days_before += m->promised_days > 0 ? m->promised_days : 0;
		r->visits_before += m->visits > 0 ? m->visits : 0;
		r->steps_before += p ? (int)p->nsteps : MODEL_DEFAULT_STEPS;
		for (size_t j = 0; j < m->nmaterials; j++) {
			const struct material *mat = &m->materials[j];
			struct checkline *c = NULL;

			for (size_t k = 0; k < n; k++)
				if (strcmp(cl[k].name, mat->name) == 0 &&
				    str_eq(cl[k].form, mat->form)) {
					c = &cl[k];
					break;
				}
			if (c == NULL) {
				c = VEC_PUSH(&cl, &n);
				c->name = mat->name;
				c->form = mat->form;
				c->first = mat;
				c->shared = 1;
				c->matters = xcalloc(g->nmatters, sizeof(void *));
			}
			c->shared &= mat->shared;
			c->required |= mat->required;
			if (c->condition == NULL && mat->condition)
				c->condition = mat->condition;
			if (mat->copies > c->copies)
				c->copies = mat->copies;
			if (c->nmatters == 0 || c->matters[c->nmatters - 1] != m)
				c->matters[c->nmatters++] = m;
		}
	}
	g->checklist = cl;
	g->nchecklist = n;
	r->materials_after = 0;
	for (size_t k = 0; k < n; k++)
		if (!cl[k].shared)
			r->materials_after++;
	r->days_after = g->promise_days > 0 ? g->promise_days : 0;
	r->visits_after = g->promise_visits > 0 ? g->promise_visits : 0;
	r->steps_after = g->procedure ? (int)g->procedure->nsteps : 0;
}

static void
resolve_guide(const struct edition *ed, struct guide *g)
{
	g->matters = xcalloc(g->matter_ids.n + 1, sizeof(*g->matters));
	g->nmatters = 0;
	for (size_t i = 0; i < g->matter_ids.n; i++) {
		const struct matter *m = model_lookup(ed, KIND_MATTER,
		    g->matter_ids.v[i]);
		int dup = 0;

		if (m == NULL) {
			suggest_ref(ed, KIND_MATTER, g->matter_ids.v[i],
			    &g->matter_ids.loc[i], "事项");
			continue;
		}
		for (size_t j = 0; j < g->nmatters; j++)
			dup |= g->matters[j] == m;
		if (dup) {
			diag_at(&g->matter_ids.loc[i], DIAG_WARNING, "事项“%s”"
			    "重复列出，只保留第一次", m->it.id);
			continue;
		}
		g->matters[g->nmatters++] = m;
	}
	g->procedure = NULL;
	if (g->procedure_id) {
		g->procedure = model_lookup(ed, KIND_PROCEDURE, g->procedure_id);
		if (g->procedure == NULL) {
			const struct ynode *v = keys_get(g->it.kind,
			    g->it.front, "procedure");
			suggest_ref(ed, KIND_PROCEDURE, g->procedure_id,
			    v ? &v->loc : &g->it.loc, "流程");
		}
	}
	if (g->office_ids.n)
		g->offices = resolve_offices(ed, &g->office_ids, &g->noffices);
	else {
		size_t cap = 1;

		for (size_t i = 0; i < g->nmatters; i++)
			cap += g->matters[i]->noffices;
		g->offices = xcalloc(cap, sizeof(*g->offices));
		g->noffices = 0;
		for (size_t i = 0; i < g->nmatters; i++)
			for (size_t j = 0; j < g->matters[i]->noffices; j++) {
				const struct office *o = g->matters[i]->offices[j];
				size_t k;

				for (k = 0; k < g->noffices; k++)
					if (g->offices[k] == o)
						break;
				if (k == g->noffices)
					g->offices[g->noffices++] = o;
			}
	}
	compute_checklist(g);
}

void
model_resolve(struct edition *ed)
{
	for (size_t i = 0; i < ed->nall_procedures; i++)
		resolve_steps(ed, ed->all_procedures[i]);
	for (size_t i = 0; i < ed->nall_matters; i++)
		resolve_matter(ed, ed->all_matters[i]);
	for (size_t i = 0; i < ed->nall_guides; i++)
		resolve_guide(ed, ed->all_guides[i]);
}
