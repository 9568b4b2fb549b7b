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
			struct loc at;

			suggest_ref(ed, KIND_PROCEDURE, m->procedure_id,
			    model_key_at(&m->it, "procedure", &at) ? &at :
			    &m->it.loc, "流程");
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

/* --- the merged checklist -------------------------------------------- */

static int
is_space_cp(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == 0x3000 || c == 0xa0;
}

char *
model_material_key(const char *name)
{
	struct buf b;
	size_t len = name ? strlen(name) : 0, i = 0;
	int pending = 0;	/* spaces seen since the last character */
	unsigned last = 0;	/* the last character kept */
	char u[8];

	buf_init(&b);
	while (i < len) {
		unsigned c;
		int n = utf8_next(name + i, len - i, &c);

		if (n <= 0) {
			c = (unsigned char)name[i];
			n = 1;
		}
		i += (size_t)n;
		if (c >= 0xff01 && c <= 0xff5e)	/* full width ASCII */
			c -= 0xfee0;
		if (is_space_cp(c)) {
			pending = 1;
			continue;
		}
		/* One space between Latin words; none next to Chinese or
		 * at either end. */
		if (pending && last != 0 && last < 0x80 && c < 0x80)
			buf_putc(&b, ' ');
		pending = 0;
		if (c < 0x80)
			buf_putc(&b, (char)c);
		else
			buf_putn(&b, u, (size_t)utf8_encode(c, u));
		last = c;
	}
	if (b.data == NULL)
		return xstrdup("");
	return b.data;
}

int
model_form_rank(const char *form)
{
	if (str_eq(form, "原件及复印件"))
		return 4;
	if (str_eq(form, "原件"))
		return 3;
	if (str_eq(form, "复印件"))
		return 2;
	if (str_eq(form, "电子证照"))
		return 1;
	return 0;
}

/*
 * One line per material name (model.h, struct checkline). A matter
 * takes a line from sharing when every entry it has for that name is
 * shared; the line is 免提交 when every matter does. Whether a line to
 * bring is required (or needed only when …) is said by the matters
 * that need it brought: a condition is not lost to a matter that
 * shares it.
 */
struct lineacc {
	int		*by_sharing;	/* per matter of the line */
	int		*req;		/* per matter: required */
	const char	**cond;		/* per matter: first condition */
};

static void
compute_checklist(struct guide *g)
{
	struct checkline *cl = NULL;
	struct lineacc *acc = NULL;
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
			char *key;
			size_t k;

			if (mat->name == NULL)
				continue;
			key = model_material_key(mat->name);
			for (k = 0; k < n; k++)
				if (strcmp(cl[k].key, key) == 0) {
					c = &cl[k];
					break;
				}
			if (c == NULL) {
				c = VEC_PUSH(&cl, &n);
				acc = xreallocarray(acc, n, sizeof(*acc));
				acc[k].by_sharing = xcalloc(g->nmatters + 1,
				    sizeof(int));
				acc[k].req = xcalloc(g->nmatters + 1,
				    sizeof(int));
				acc[k].cond = xcalloc(g->nmatters + 1,
				    sizeof(char *));
				c->name = mat->name;
				c->key = key;
				c->form = mat->form;
				c->first = mat;
				c->matters = xcalloc(g->nmatters + 1,
				    sizeof(void *));
				c->shared_by = xcalloc(g->nmatters + 1,
				    sizeof(void *));
			} else
				free(key);
			if (model_form_rank(mat->form) >
			    model_form_rank(c->form))
				c->form = mat->form;
			if (mat->copies > c->copies)
				c->copies = mat->copies;
			if (c->nmatters == 0 ||
			    c->matters[c->nmatters - 1] != m) {
				acc[k].by_sharing[c->nmatters] = 1;
				c->matters[c->nmatters++] = m;
			}
			acc[k].by_sharing[c->nmatters - 1] &= mat->shared;
			acc[k].req[c->nmatters - 1] |= mat->required;
			if (acc[k].cond[c->nmatters - 1] == NULL)
				acc[k].cond[c->nmatters - 1] = mat->condition;
		}
	}
	for (size_t k = 0; k < n; k++) {
		struct checkline *c = &cl[k];

		c->shared = 1;
		for (size_t j = 0; j < c->nmatters; j++)
			if (acc[k].by_sharing[j])
				c->shared_by[c->nshared_by++] = c->matters[j];
			else
				c->shared = 0;
		for (size_t j = 0; j < c->nmatters; j++) {
			if (!c->shared && acc[k].by_sharing[j])
				continue;
			c->required |= acc[k].req[j];
			if (c->condition == NULL)
				c->condition = acc[k].cond[j];
		}
		free(acc[k].by_sharing);
		free(acc[k].req);
		free(acc[k].cond);
	}
	free(acc);
	g->checklist = cl;
	g->nchecklist = n;
	/* The reductions count from the merged list: one per line to
	 * bring. */
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
			struct loc at;

			suggest_ref(ed, KIND_PROCEDURE, g->procedure_id,
			    model_key_at(&g->it, "procedure", &at) ? &at :
			    &g->it.loc, "流程");
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

void
model_resolve_item(struct edition *ed, struct item *it)
{
	if (it->kind == KIND_PROCEDURE)
		resolve_steps(ed, (struct procedure *)it);
	else if (it->kind == KIND_MATTER)
		resolve_matter(ed, (struct matter *)it);
	else if (it->kind == KIND_GUIDE)
		resolve_guide(ed, (struct guide *)it);
}
