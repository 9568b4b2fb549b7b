/*
 * report.c — readable views of the model: the `-T tree` dump used by
 * the regression tests, the quarterly spot-check report of `ybt check`
 * (text, JSON, HTML or a workbook, per department), `ybt diff` (added, removed and
 * changed items, element by element) and `ybt new` (a skeleton with
 * every required key). These read everything, public or not: they are
 * for the editors, not for publication.
 */
#include <sys/stat.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "source.h"
#include "keys.h"
#include "model.h"
#include "report.h"
#include "xlsx.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *
nz(const char *s)
{
	return s ? s : "-";
}

static void
tree_list(FILE *f, const char *label, const struct strlist *l)
{
	fprintf(f, "  %s:", label);
	for (size_t i = 0; i < l->n; i++)
		fprintf(f, "%s%s", i ? ", " : " ", l->v[i]);
	fputc('\n', f);
}

static void
tree_steps(FILE *f, const struct procedure *p, const char *indent)
{
	fprintf(f, "%slayers: %d, width: %d\n", indent, p->nlayers,
	    p->maxwidth);
	for (size_t i = 0; i < p->nsteps; i++) {
		const struct step *s = &p->steps[i];

		fprintf(f, "%sstep %s \"%s\" [%d,%d] actor=%s where=%s%s "
		    "time=%s ->", indent, nz(s->id), nz(s->name), s->layer,
		    s->pos, nz(s->actor), nz(s->where), s->office ?
		    "(office)" : "", nz(s->time));
		for (size_t j = 0; j < s->nsucc; j++)
			fprintf(f, " %s", nz(p->steps[s->succ[j]].id));
		fputc('\n', f);
	}
}

static void
tree_item(FILE *f, const struct item *it, const char *kind, int published)
{
	fprintf(f, "%s %s (%s)%s%s\n", kind, nz(it->id), it->file,
	    published ? "" : " [not published]",
	    it->overrides ? " [overrides base]" : "");
	if (it->kind == KIND_GUIDE || it->kind == KIND_MATTER)
		fprintf(f, "  disclosure: %s\n",
		    model_disclosure_name(it->disclosure));
	if (it->updated)
		fprintf(f, "  updated: %s\n", it->updated);
}

void
report_tree(FILE *f, const struct edition *ed)
{
	fprintf(f, "edition %s (%s)\n", ed->id, ed->file);
	fprintf(f, "  title: %s\n  region: %s\n  issuer: %s\n  version: %s\n"
	    "  date: %s\n  hotline: %s\n  portal: %s\n  base: %s\n"
	    "  theme: %s\n  stale_after: %d\n", nz(ed->title), nz(ed->region),
	    nz(ed->issuer), nz(ed->version), nz(ed->date), nz(ed->hotline),
	    nz(ed->portal), nz(ed->base_id), nz(ed->theme), ed->stale_after);
	tree_list(f, "exclude", &ed->exclude);
	fprintf(f, "  published: %zu guides, %zu matters, %zu procedures, "
	    "%zu offices\n", ed->nguides, ed->nmatters, ed->nprocedures,
	    ed->noffices);
	for (size_t i = 0; i < ed->nstages; i++) {
		fprintf(f, "  stage %s/%s:", ed->stages[i].audience,
		    ed->stages[i].name);
		for (size_t j = 0; j < ed->stages[i].nguides; j++)
			fprintf(f, " %s", ed->stages[i].guides[j]->it.id);
		fputc('\n', f);
	}
	for (size_t i = 0; i < ed->ndepartments; i++)
		fprintf(f, "  department %s: %zu matters\n",
		    ed->departments[i].name, ed->departments[i].nmatters);

	for (size_t i = 0; i < ed->nall_guides; i++) {
		const struct guide *g = ed->all_guides[i];
		const struct reductions *r = &g->red;

		tree_item(f, &g->it, "guide", model_guide(ed, g->it.id) != NULL);
		fprintf(f, "  title: %s\n  audience: %s\n  stage: %s\n"
		    "  summary: %s\n", nz(g->title), nz(g->audience),
		    nz(g->stage), nz(g->summary));
		fprintf(f, "  matters:");
		for (size_t j = 0; j < g->nmatters; j++)
			fprintf(f, " %s", g->matters[j]->it.id);
		fprintf(f, "\n  procedure: %s\n  offices:",
		    g->procedure ? g->procedure->it.id : "-");
		for (size_t j = 0; j < g->noffices; j++)
			fprintf(f, " %s", g->offices[j]->it.id);
		fprintf(f, "\n  online: %s (%s)\n  promise: %d days, %d visits\n",
		    nz(g->online.url), nz(g->online.depth), g->promise_days,
		    g->promise_visits);
		tree_list(f, "synonyms", &g->synonyms);
		fprintf(f, "  checklist:\n");
		for (size_t j = 0; j < g->nchecklist; j++) {
			const struct checkline *c = &g->checklist[j];

			fprintf(f, "    %s [%s] x%d%s%s%s%s <-", c->name,
			    nz(c->form), c->copies, c->required ? "" :
			    c->condition ? " (when: " : " (optional)",
			    !c->required && c->condition ? c->condition : "",
			    !c->required && c->condition ? ")" : "",
			    c->shared ? " 免提交" : "");
			for (size_t k = 0; k < c->nmatters; k++)
				fprintf(f, " %s", c->matters[k]->it.id);
			if (!c->shared && c->nshared_by > 0) {
				fprintf(f, "; shared for:");
				for (size_t k = 0; k < c->nshared_by; k++)
					fprintf(f, " %s", c->shared_by[k]->it.id);
			}
			fputc('\n', f);
		}
		fprintf(f, "  reductions: 材料 %d -> %d, 时限 %d -> %d, "
		    "跑动 %d -> %d, 环节 %d -> %d\n", r->materials_before,
		    r->materials_after, r->days_before, r->days_after,
		    r->visits_before, r->visits_after, r->steps_before,
		    r->steps_after);
	}
	for (size_t i = 0; i < ed->nall_matters; i++) {
		const struct matter *m = ed->all_matters[i];

		tree_item(f, &m->it, "matter",
		    model_matter(ed, m->it.id) != NULL);
		fprintf(f, "  code: %s\n  title: %s\n  type: %s\n"
		    "  department: %s\n", nz(m->code), nz(m->title), nz(m->type),
		    nz(m->department));
		tree_list(f, "basis", &m->basis);
		tree_list(f, "audience", &m->audience);
		tree_list(f, "conditions", &m->conditions);
		fprintf(f, "  materials:\n");
		for (size_t j = 0; j < m->nmaterials; j++) {
			const struct material *x = &m->materials[j];

			fprintf(f, "    %s [%s/%s] x%d source=%s required=%s%s%s%s\n",
			    x->name, nz(x->form), nz(x->medium), x->copies,
			    nz(x->source), x->condition ? x->condition :
			    x->required ? "yes" : "no", x->shared ? " 免提交" : "",
			    x->template ? " template=" : "",
			    x->template ? x->template : "");
		}
		fprintf(f, "  time_limit: legal %d, promised %d\n  kind: %s\n",
		    m->legal_days, m->promised_days, nz(m->kind));
		if (m->free_of_charge)
			fprintf(f, "  fee: 不收费\n");
		for (size_t j = 0; j < m->nfees; j++)
			fprintf(f, "  fee: %s %s (%s)\n", m->fees[j].item,
			    m->fees[j].amount, nz(m->fees[j].basis));
		fprintf(f, "  offices:");
		for (size_t j = 0; j < m->noffices; j++)
			fprintf(f, " %s", m->offices[j]->it.id);
		fprintf(f, "\n  online: %s (%s)\n  visits: %d\n  result: %s",
		    nz(m->online.url), nz(m->online.depth), m->visits,
		    nz(m->result_name));
		for (size_t j = 0; j < m->delivery.n; j++)
			fprintf(f, "%s%s", j ? ", " : " by ", m->delivery.v[j]);
		fprintf(f, "\n  scope: %s\n  consult: %s\n  complaint: %s\n",
		    nz(m->scope), nz(m->consult), nz(m->complaint));
		if (m->procedure)
			fprintf(f, "  procedure: %s\n", m->procedure->it.id);
		else if (m->inline_proc) {
			fprintf(f, "  procedure: inline\n");
			tree_steps(f, m->inline_proc, "    ");
		}
	}
	for (size_t i = 0; i < ed->nall_procedures; i++) {
		const struct procedure *p = ed->all_procedures[i];

		tree_item(f, &p->it, "procedure", 1);
		fprintf(f, "  title: %s\n", nz(p->title));
		tree_steps(f, p, "  ");
	}
	for (size_t i = 0; i < ed->nall_offices; i++) {
		const struct office *o = ed->all_offices[i];

		tree_item(f, &o->it, "office", 1);
		fprintf(f, "  name: %s\n  district: %s\n  address: %s\n"
		    "  phone: %s\n", nz(o->name), nz(o->district),
		    nz(o->address), nz(o->phone));
		for (size_t j = 0; j < o->nhours; j++)
			if (o->hours[j].text)
				fprintf(f, "  hours: %s\n", o->hours[j].text);
			else
				fprintf(f, "  hours: %s %s-%s\n", o->hours[j].days,
				    o->hours[j].open, o->hours[j].close);
		for (size_t j = 0; j < o->nwindows; j++)
			fprintf(f, "  window %s: %s\n", o->windows[j].no,
			    o->windows[j].serves);
		tree_list(f, "accessibility", &o->accessibility);
		if (o->has_geo)
			fprintf(f, "  geo: %.6f, %.6f\n", o->geo[0], o->geo[1]);
	}
}

/* Every key of every kind, tab-separated (for the man page's test). */
void
report_keys(FILE *f)
{
	for (int k = KIND_EDITION; k < KIND__MAX; k++) {
		size_t n;
		const struct keydef *t = keys_table((enum kind)k, &n);

		for (size_t i = 0; i < n; i++)
			fprintf(f, "%s\t%s\t%s\t%s\t%s\n",
			    model_kind_name((enum kind)k), t[i].en, t[i].zh,
			    t[i].required ? "required" : "optional", t[i].help);
	}
}

/* --- check: the quarterly spot check ------------------------------- */

/* Print s padded to width terminal columns (CJK counts two). */
static void
pad(FILE *f, const char *s, int width)
{
	int w = 0;

	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x80)
			w++;
		else if ((c & 0xc0) == 0xc0)
			w += 2;
	}
	fputs(s, f);
	for (; w < width; w++)
		fputc(' ', f);
}

struct dept_stat {
	const char	*name;
	size_t		 matters;
	size_t		 keys_present;
	size_t		 keys_required;
	size_t		 errors;
	size_t		 warnings;
	size_t		 stale;
	size_t		 unpublished_changes;
	int		 own;		/* has a matter of the edition's own */
};

/* Diagnostics of one file: counts by level, and whether any is stale. */
static void
file_diags(const struct diag_rec *r, size_t n, const char *file,
    size_t *err, size_t *warn, int *stale, int *changed)
{
	size_t lo = 0, hi = n;

	*err = *warn = 0;
	*stale = *changed = 0;
	while (lo < hi) {	/* records are sorted by file */
		size_t mid = (lo + hi) / 2;

		if (strcmp(r[mid].file, file) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && strcmp(r[lo].file, file) == 0; lo++) {
		if (r[lo].level == DIAG_ERROR)
			(*err)++;
		else if (r[lo].level == DIAG_WARNING)
			(*warn)++;
		if (strstr(r[lo].msg, "内容已过期"))
			*stale = 1;
		if (strstr(r[lo].msg, "晚于本版本的发布日期"))
			*changed = 1;
	}
}

static size_t
required_present(const struct item *it, enum kind k, size_t *total)
{
	size_t n, present = 0;
	const struct keydef *t = keys_table(k, &n);

	*total = 0;
	for (size_t i = 0; i < n; i++) {
		if (!t[i].required)
			continue;
		(*total)++;
		if (model_key_at(it, t[i].en, &(struct loc){ 0 }))
			present++;
	}
	return present;
}

static void
json_str(FILE *f, const char *s)
{
	struct buf b;

	buf_init(&b);
	esc_json(&b, s ? s : "");
	fprintf(f, "\"%s\"", b.data ? b.data : "");
	buf_free(&b);
}

static void
html_str(FILE *f, const char *s)
{
	struct buf b;

	buf_init(&b);
	esc_html(&b, s ? s : "");
	fputs(b.data ? b.data : "", f);
	buf_free(&b);
}

/* A table's cells, grown a row at a time. */
static char **
table_row(struct xlsx_table *t)
{
	t->cells = xreallocarray(t->cells, (t->nrows + 1) *
	    (size_t)t->ncols, sizeof(*t->cells));
	memset(t->cells + t->nrows * (size_t)t->ncols, 0,
	    (size_t)t->ncols * sizeof(*t->cells));
	return t->cells + t->nrows++ * (size_t)t->ncols;
}

static const char *const dept_head[] = { "版本", "实施主体", "事项",
    "要素完整率(%)", "错误", "警告", "过期", "待重新发布" };
static const int dept_num[] = { 0, 0, 1, 1, 1, 1, 1, 1 };
static const char *const prob_head[] = { "严重程度", "条目", "编号",
    "位置", "问题" };
static const int prob_num[] = { 0, 0, 0, 0, 0 };

const char *
report_item_title(const struct item *it)
{
	const char *t = NULL;

	switch (it->kind) {
	case KIND_GUIDE: t = ((const struct guide *)it)->title; break;
	case KIND_MATTER: t = ((const struct matter *)it)->title; break;
	case KIND_PROCEDURE: t = ((const struct procedure *)it)->title; break;
	case KIND_OFFICE: t = ((const struct office *)it)->name; break;
	default: break;
	}
	return t ? t : it->id;
}


/*
 * The items (any kind, public or not) of eds and their bases, by the
 * file each was read from: a report names the item of each of its
 * problems, 10^5 items × 10^4 problems at province scale. Of items
 * read from one file, the first in eds order (each edition before its
 * base) is the one named.
 */
struct file_item {
	const char		*file;
	const struct item	*it;
	size_t			 rank;
};

static struct file_item	*byfile;
static size_t		 nbyfile;

static int
file_item_cmp(const void *a, const void *b)
{
	const struct file_item *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c ? c : x->rank < y->rank ? -1 : x->rank > y->rank;
}

static void
byfile_add(const struct item *it, size_t *cap)
{
	if (it->file == NULL)
		return;
	if (nbyfile == *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		byfile = xreallocarray(byfile, *cap, sizeof(*byfile));
	}
	byfile[nbyfile] = (struct file_item){ it->file, it, nbyfile };
	nbyfile++;
}

static void
byfile_index(struct edition **eds, size_t neds)
{
	size_t cap = 0;

	for (size_t e = 0; e < neds; e++)
		for (const struct edition *ed = eds[e]; ed; ed = ed->base) {
			for (size_t i = 0; i < ed->nall_guides; i++)
				byfile_add(&ed->all_guides[i]->it, &cap);
			for (size_t i = 0; i < ed->nall_matters; i++)
				byfile_add(&ed->all_matters[i]->it, &cap);
			for (size_t i = 0; i < ed->nall_procedures; i++)
				byfile_add(&ed->all_procedures[i]->it, &cap);
			for (size_t i = 0; i < ed->nall_offices; i++)
				byfile_add(&ed->all_offices[i]->it, &cap);
		}
	xqsort(byfile, nbyfile, sizeof(*byfile), file_item_cmp);
}

static void
byfile_free(void)
{
	free(byfile);
	byfile = NULL;
	nbyfile = 0;
}

/* The item read from file in any of the indexed editions, or NULL. */
static const struct item *
item_in(const char *file)
{
	size_t lo = 0, hi = nbyfile;

	if (file == NULL)
		return NULL;
	while (lo < hi) {	/* the first entry not before file */
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(byfile[mid].file, file) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nbyfile && strcmp(byfile[lo].file, file) == 0 ?
	    byfile[lo].it : NULL;
}

/* The title (NULL if it has none) and id of what file holds. */
static void
item_of(struct edition **eds, size_t neds, const char *file,
    const char **title, const char **id)
{
	const struct item *it;

	*title = *id = NULL;
	for (size_t e = 0; e < neds; e++)
		if (str_eq(eds[e]->file, file)) {
			*title = eds[e]->title;
			*id = eds[e]->id;
			return;
		}
	if ((it = item_in(file)) != NULL) {
		*id = it->id;
		*title = report_item_title(it);
		if (*title == it->id)	/* no title of its own */
			*title = NULL;
	}
}

int
report_check(FILE *f, struct edition **eds, size_t neds, const char *format)
{
	const struct diag_rec *recs;
	size_t nrecs = diag_records(&recs);
	int json = str_eq(format, "json"), html = str_eq(format, "html");
	int xl = str_eq(format, "xlsx");
	struct xlsx_table tab[2] = {
		{ "各部门", dept_head, dept_num, 8, NULL, 0 },
		{ "问题清单", prob_head, prob_num, 5, NULL, 0 },
	};

	byfile_index(eds, neds);
	if (json)
		fprintf(f, "{\"editions\": [");
	if (html)
		fprintf(f, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
		    "<meta charset=\"utf-8\"><title>办事指南季度抽查报告</title>"
		    "<style>body{font:16px/1.6 sans-serif;max-width:60em;"
		    "margin:2em auto;padding:0 1em;color:#1a1a1a}table{border-"
		    "collapse:collapse;width:100%%}th,td{border:1px solid #999;"
		    "padding:.3em .5em;text-align:left}td.n{text-align:right}"
		    ".bad{color:#a00000;font-weight:bold}</style></head><body>"
		    "<h1>办事指南季度抽查报告</h1>\n");
	for (size_t e = 0; e < neds; e++) {
		const struct edition *ed = eds[e];
		struct dept_stat *ds = NULL;
		size_t nds = 0, tot_err = 0, tot_warn = 0;

		for (size_t i = 0; i < ed->nall_matters; i++) {
			const struct matter *m = ed->all_matters[i];
			struct dept_stat *d = NULL;
			const char *dn = m->department ? m->department :
			    "（未写实施主体）";
			size_t err, warn, total;
			int stale, changed;

			for (size_t j = 0; j < nds; j++)
				if (strcmp(ds[j].name, dn) == 0)
					d = &ds[j];
			if (d == NULL) {
				d = VEC_PUSH(&ds, &nds);
				d->name = dn;
			}
			d->matters++;
			d->own |= m->it.edition == ed;
			file_diags(recs, nrecs, m->it.file, &err, &warn,
			    &stale, &changed);
			/* An item with an error is not complete, whatever
			 * keys it has. */
			{
				size_t present = required_present(&m->it,
				    KIND_MATTER, &total);

				d->keys_present += err ? 0 : present;
			}
			d->keys_required += total;
			d->errors += err;
			d->warnings += warn;
			d->stale += stale;
			d->unpublished_changes += changed;
		}
		for (size_t i = 0; i < nrecs; i++) {
			tot_err += recs[i].level == DIAG_ERROR;
			tot_warn += recs[i].level == DIAG_WARNING;
		}
		/* The edition's own departments first, then those it
		 * inherits; by name, bytewise: deterministic. */
		for (size_t a = 1; a < nds; a++)
			for (size_t b = a; b > 0 && (ds[b - 1].own < ds[b].own ||
			    (ds[b - 1].own == ds[b].own &&
			    strcmp(ds[b - 1].name, ds[b].name) > 0)); b--) {
				struct dept_stat t = ds[b];

				ds[b] = ds[b - 1];
				ds[b - 1] = t;
			}
		if (xl) {
			for (size_t j = 0; j < nds; j++) {
				char **r = table_row(&tab[0]);

				r[0] = xstrdup(ed->id);
				r[1] = xstrdup(ds[j].name);
				r[2] = xasprintf("%zu", ds[j].matters);
				r[3] = xasprintf("%.1f", ds[j].keys_required ?
				    100.0 * ds[j].keys_present /
				    ds[j].keys_required : 100.0);
				r[4] = xasprintf("%zu", ds[j].errors);
				r[5] = xasprintf("%zu", ds[j].warnings);
				r[6] = xasprintf("%zu", ds[j].stale);
				r[7] = xasprintf("%zu", ds[j].unpublished_changes);
			}
		} else if (json) {
			fprintf(f, "%s\n {\"edition\": ", e ? "," : "");
			json_str(f, ed->id);
			fprintf(f, ", \"title\": ");
			json_str(f, ed->title);
			fprintf(f, ", \"date\": ");
			json_str(f, ed->date);
			fprintf(f, ", \"guides\": %zu, \"matters\": %zu, "
			    "\"published_guides\": %zu, \"published_matters\": "
			    "%zu, \"departments\": [", ed->nall_guides,
			    ed->nall_matters, ed->nguides, ed->nmatters);
			for (size_t j = 0; j < nds; j++) {
				fprintf(f, "%s\n  {\"name\": ", j ? "," : "");
				json_str(f, ds[j].name);
				fprintf(f, ", \"inherited\": %s",
				    ds[j].own ? "false" : "true");
				fprintf(f, ", \"matters\": %zu, \"completeness\": "
				    "%.1f, \"errors\": %zu, \"warnings\": %zu, "
				    "\"stale\": %zu, \"unpublished_changes\": %zu}",
				    ds[j].matters, ds[j].keys_required ? 100.0 *
				    ds[j].keys_present / ds[j].keys_required :
				    100.0, ds[j].errors, ds[j].warnings,
				    ds[j].stale, ds[j].unpublished_changes);
			}
			fprintf(f, "]}");
		} else if (html) {
			fprintf(f, "<h2>");
			html_str(f, ed->title);
			fprintf(f, "（%s，%s）</h2>\n<p>一件事 %zu 个（发布 %zu），"
			    "事项 %zu 个（发布 %zu）。</p>\n<table><thead><tr>"
			    "<th scope=\"col\">实施主体</th><th scope=\"col\">事项"
			    "</th><th scope=\"col\">要素完整率</th><th scope="
			    "\"col\">错误</th><th scope=\"col\">警告</th><th "
			    "scope=\"col\">过期</th><th scope=\"col\">待重新发布"
			    "</th></tr></thead><tbody>\n", ed->id,
			    nz(ed->date), ed->nall_guides, ed->nguides,
			    ed->nall_matters, ed->nmatters);
			for (size_t j = 0; j < nds; j++) {
				if (ed->base != NULL && (j == 0 ||
				    ds[j].own != ds[j - 1].own)) {
					fprintf(f, "<tr><th scope=\"rowgroup\" "
					    "colspan=\"7\">");
					if (ds[j].own)
						fprintf(f, "本版本自有事项的实施主体");
					else {
						fprintf(f, "继承自“");
						html_str(f, ed->base->id);
						fprintf(f, "”的实施主体");
					}
					fprintf(f, "</th></tr>\n");
				}
				fprintf(f, "<tr><th scope=\"row\">");
				html_str(f, ds[j].name);
				fprintf(f, "</th><td class=\"n\">%zu</td><td "
				    "class=\"n\">%.1f%%</td><td class=\"n%s\">%zu"
				    "</td><td class=\"n\">%zu</td><td class=\"n\">"
				    "%zu</td><td class=\"n\">%zu</td></tr>\n",
				    ds[j].matters, ds[j].keys_required ? 100.0 *
				    ds[j].keys_present / ds[j].keys_required :
				    100.0, ds[j].errors ? " bad" : "",
				    ds[j].errors, ds[j].warnings, ds[j].stale,
				    ds[j].unpublished_changes);
			}
			fprintf(f, "</tbody></table>\n");
		} else {
			fprintf(f, "%s %s（%s）\n", ed->id, nz(ed->title),
			    nz(ed->date));
			fprintf(f, "  一件事 %zu 个（发布 %zu），事项 %zu 个（发布 "
			    "%zu），流程 %zu 个，办理地点 %zu 个\n",
			    ed->nall_guides, ed->nguides, ed->nall_matters,
			    ed->nmatters, ed->nall_procedures,
			    ed->nall_offices);
			fprintf(f, "  ");
			pad(f, "实施主体", 30);
			fprintf(f, "  事项  完整率  错误  警告  过期  待发布\n");
			for (size_t j = 0; j < nds; j++) {
				if (ed->base != NULL && (j == 0 ||
				    ds[j].own != ds[j - 1].own))
					fprintf(f, "  %s%s%s\n", ds[j].own ?
					    "本版本自有事项的实施主体" : "继承自“",
					    ds[j].own ? "" : ed->base->id,
					    ds[j].own ? "" : "”的实施主体");
				fprintf(f, "  ");
				pad(f, ds[j].name, 30);
				fprintf(f, "%6zu %6.1f%% %5zu %5zu %5zu %7zu\n",
				    ds[j].matters, ds[j].keys_required ? 100.0 *
				    ds[j].keys_present / ds[j].keys_required :
				    100.0, ds[j].errors, ds[j].warnings,
				    ds[j].stale, ds[j].unpublished_changes);
			}
			fprintf(f, "  合计：错误 %zu，警告 %zu\n", tot_err, tot_warn);
		}
		free(ds);
	}
	if (xl) {
		int rc;

		for (size_t i = 0; i < nrecs; i++) {
			char **r = table_row(&tab[1]);
			const char *title, *id;

			item_of(eds, neds, recs[i].file, &title, &id);
			r[0] = xstrdup(recs[i].level == DIAG_ERROR ? "错误" :
			    recs[i].level == DIAG_WARNING ? "警告" : "提示");
			r[1] = title ? xstrdup(title) : NULL;
			r[2] = id ? xstrdup(id) : NULL;
			r[3] = xasprintf("%s:%d", recs[i].file, recs[i].line);
			r[4] = xstrdup(recs[i].msg);
		}
		rc = xlsx_tables(f, tab, 2);
		for (size_t k = 0; k < 2; k++) {
			for (size_t i = 0; i < tab[k].nrows * (size_t)
			    tab[k].ncols; i++)
				free(tab[k].cells[i]);
			free(tab[k].cells);
		}
		byfile_free();
		return rc;
	}
	if (json) {
		fprintf(f, "\n], \"diagnostics\": [");
		for (size_t i = 0; i < nrecs; i++) {
			fprintf(f, "%s\n {\"file\": ", i ? "," : "");
			json_str(f, recs[i].file);
			fprintf(f, ", \"line\": %d, \"column\": %d, \"level\": "
			    "\"%s\", \"message\": ", recs[i].line, recs[i].col,
			    recs[i].level == DIAG_ERROR ? "error" :
			    recs[i].level == DIAG_WARNING ? "warning" : "note");
			json_str(f, recs[i].msg);
			fputc('}', f);
		}
		fprintf(f, "\n]}\n");
	}
	if (html) {
		fprintf(f, "<h2>问题清单</h2>\n");
		if (nrecs == 0)
			fprintf(f, "<p>没有发现问题。</p>\n");
		else {
			fprintf(f, "<table><thead><tr><th scope=\"col\">条目"
			    "</th><th scope=\"col\">问题</th><th scope=\"col\">"
			    "位置</th></tr></thead><tbody>\n");
			for (size_t i = 0; i < nrecs; i++) {
				const struct item *it = item_in(recs[i].file);
				const char *t;

				fprintf(f, "<tr><th scope=\"row\">");
				if (it != NULL) {
					html_str(f, model_kind_zh(it->kind));
					fprintf(f, " ");
					html_str(f, report_item_title(it));
					fprintf(f, "（");
					html_str(f, it->id);
					fprintf(f, "）");
				} else if ((t = strrchr(recs[i].file, '/')) &&
				    str_eq(t, "/edition.md"))
					fprintf(f, "版本说明 edition.md");
				else
					html_str(f, recs[i].file);
				fprintf(f, "</th><td%s>%s：",
				    recs[i].level == DIAG_ERROR ?
				    " class=\"bad\"" : "",
				    recs[i].level == DIAG_ERROR ? "错误" :
				    recs[i].level == DIAG_WARNING ? "警告" :
				    "提示");
				html_str(f, recs[i].msg);
				fprintf(f, "</td><td><code>");
				html_str(f, recs[i].file);
				fprintf(f, ":%d</code></td></tr>\n",
				    recs[i].line);
			}
			fprintf(f, "</tbody></table>\n");
		}
		fprintf(f, "</body></html>\n");
	}
	byfile_free();
	return 0;
}

/* --- new ------------------------------------------------------------- */

static int
valid_id(const char *id)
{
	if (*id == '\0')
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return 0;
	return 1;
}

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * `ybt new edition ID [--base BASE] [GUIDES]`: the folder GUIDES/ID
 * (GUIDES: ./guides when there is one, else the current folder) with
 * an edition.md whose values the editor must supply say 待填写 (an
 * error until written), and the empty item folders. With a base, the
 * base must be a sibling edition folder.
 */
int
report_new_edition(const char *id, const char *base, const char *parent)
{
	static const char *const folders[] = { "guides", "matters",
	    "procedures", "offices", "assets" };
	const struct keydef *t;
	struct buf b;
	size_t nk;
	char *dir, *path, *bpath;
	struct stat st;
	int rc = 0;

	if (!valid_id(id) || (base != NULL && !valid_id(base))) {
		fprintf(stderr, "ybt new: 编号“%s”无效：版本编号就是文件夹名，只能"
		    "使用小写字母、数字和连字符，如 panyu\n", valid_id(id) ?
		    base : id);
		return EXIT_USAGE;
	}
	if (parent == NULL)
		parent = is_dir("guides") ? "guides" : ".";
	if (!is_dir(parent)) {
		fprintf(stderr, "ybt new: %s: 没有这个文件夹（应为放各版本文件夹"
		    "的 guides/）\n", parent);
		return EXIT_USAGE;
	}
	if (base != NULL) {
		bpath = xasprintf("%s/%s/edition.md", parent, base);
		if (stat(bpath, &st) != 0) {
			fprintf(stderr, "ybt new: 找不到所继承的版本“%s”（%s）："
			    "--base 应为与新版本同在 %s/ 下的版本文件夹\n", base,
			    bpath, parent);
			free(bpath);
			return EXIT_USAGE;
		}
		free(bpath);
	}
	dir = str_eq(parent, ".") ? xstrdup(id) : xasprintf("%s/%s", parent,
	    id);
	path = xasprintf("%s/edition.md", dir);
	if (stat(dir, &st) == 0) {
		fprintf(stderr, "ybt new: %s 已存在，没有覆盖\n", dir);
		free(dir);
		free(path);
		return EXIT_USAGE;
	}
	t = keys_table(KIND_EDITION, &nk);
	buf_init(&b);
	buf_puts(&b, "---\n# 写“待填写”的地方请换成实际内容（留着“待填写”，"
	    "ybt check 和 build 会报错）。\n");
	for (size_t i = 0; i < nk; i++) {
		const char *k = t[i].en;

		if (str_eq(k, "id") || str_eq(k, "stale_after") ||
		    (base == NULL && str_eq(k, "exclude")))
			continue;
		buf_printf(&b, "# %s（%s）%s：%s\n", t[i].zh, k,
		    t[i].required ? "，必填" : "，选填", t[i].help);
		if (str_eq(k, "base"))
			buf_printf(&b, base ? "base: %s\n" : "# base: \n",
			    base ? base : "");
		else if (str_eq(k, "exclude"))
			buf_puts(&b, "exclude: []\n");
		else if (str_eq(k, "theme"))
			buf_printf(&b, "theme: %s\n", base ? "district" :
			    "default");
		else if (str_eq(k, "portal"))
			buf_puts(&b, "# portal: \n");
		else if (str_eq(k, "extra"))
			buf_puts(&b, "# extra:\n#   本地字段: 值\n");
		else
			buf_printf(&b, "%s: 待填写\n", k);
	}
	buf_puts(&b, "---\n\n待填写：前言（本书的编制依据、收录范围和使用"
	    "说明）。\n");
	if (mkdir_p(dir) == -1)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < sizeof(folders) /
	    sizeof(folders[0]); i++) {
		char *f = xasprintf("%s/%s", dir, folders[i]);

		rc = mkdir_p(f);
		free(f);
	}
	if (rc == 0)
		rc = file_write_atomic(path, b.data, b.len);
	if (rc == -1)
		fprintf(stderr, "ybt new: %s: %s\n", path, zh_strerror(errno));
	else
		fprintf(stderr, "ybt new: 已写入 %s%s%s%s\n", path, base ?
		    "（继承 " : "", base ? base : "", base ? "）" : "");
	free(dir);
	free(path);
	buf_free(&b);
	return rc == -1 ? EXIT_USAGE : 0;
}

/*
 * An item ID of kind folder that edition_dir's base chain already
 * has (by the file name sources use, folder/ID.md): the path, or NULL.
 */
static char *
inherited_file(const char *edition_dir, const char *folder, const char *id)
{
	char *dir = xstrdup(edition_dir), *found = NULL;

	for (int depth = 0; depth < 16 && found == NULL; depth++) {
		struct source src;
		const struct ynode *v;
		char *f = xasprintf("%s/edition.md", dir), *next = NULL;

		if (source_read(f, &src) == 0 && src.front != NULL &&
		    (v = keys_get(KIND_EDITION, src.front, "base")) != NULL &&
		    v->type == YN_SCALAR && valid_id(v->str)) {
			const char *sl = strrchr(dir, '/');
			const char *leaf = sl ? sl + 1 : dir;

			if (str_eq(leaf, ".") || str_eq(leaf, ".."))
				next = xasprintf("%s/../%s", dir, v->str);
			else if (sl == NULL)
				next = xstrdup(v->str);
			else
				next = xasprintf("%.*s/%s", (int)(sl - dir), dir,
				    v->str);
			free(f);
			f = xasprintf("%s/%s/%s.md", next, folder, id);
			if (access(f, F_OK) == 0) {
				found = f;
				f = NULL;
			}
		}
		source_free(&src);
		free(f);
		free(dir);
		dir = next;
		if (dir == NULL)
			break;
	}
	free(dir);
	return found;
}

int
report_new(const char *kind, const char *id, const char *edition_dir)
{
	static const struct {
		const char	*name;
		enum kind	 k;
		const char	*folder;
	} kinds[] = { { "guide", KIND_GUIDE, "guides" },
	    { "matter", KIND_MATTER, "matters" },
	    { "procedure", KIND_PROCEDURE, "procedures" },
	    { "office", KIND_OFFICE, "offices" } };
	const struct keydef *t;
	struct buf b;
	size_t nk, ki;
	char *path = NULL, *dir;
	struct stat st;

	for (ki = 0; ki < NELEM(kinds); ki++)
		if (strcmp(kinds[ki].name, kind) == 0)
			break;
	if (ki == NELEM(kinds)) {
		fprintf(stderr, "ybt new: 未知的类型“%s”：应为 guide、matter、"
		    "procedure 或 office\n", kind);
		return EXIT_USAGE;
	}
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-')) {
			fprintf(stderr, "ybt new: 编号“%s”无效：只能使用小写字母、"
			    "数字和连字符\n", id);
			return EXIT_USAGE;
		}
	if (*id == '\0')
		return EXIT_USAGE;
	t = keys_table(kinds[ki].k, &nk);
	buf_init(&b);
	buf_puts(&b, "---\n");
	for (size_t i = 0; i < nk; i++) {
		const char *k = t[i].en;

		if (!t[i].required && kinds[ki].k != KIND_OFFICE &&
		    strcmp(k, "online") != 0 && strcmp(k, "synonyms") != 0 &&
		    strcmp(k, "offices") != 0 && strcmp(k, "code") != 0 &&
		    strcmp(k, "scope") != 0 && strcmp(k, "extra") != 0)
			continue;
		buf_printf(&b, "# %s（%s）%s：%s\n", t[i].zh, k,
		    t[i].required ? "，必填" : "，选填", t[i].help);
		/* 待填写 wherever the editor must supply the value: ybt
		 * refuses it until they do (an example such as 不收费 or a
		 * date would pass as real). Structure is written out. */
		if (strcmp(k, "id") == 0)
			buf_printf(&b, "id: %s\n", id);
		else if (strcmp(k, "time_limit") == 0 &&
		    kinds[ki].k == KIND_MATTER)
			buf_puts(&b, "time_limit: {legal: 待填写, promised: 待填写}"
			    "\n");
		else if (strcmp(k, "promise") == 0)
			buf_puts(&b, "promise: {time_limit: 待填写, visits: 待填写}\n");
		else if (strcmp(k, "result") == 0)
			buf_puts(&b, "result: {name: 待填写, delivery: [待填写]}\n");
		else if (strcmp(k, "online") == 0)
			buf_puts(&b, "online: {url: 待填写, depth: 待填写}\n");
		else if (strcmp(k, "materials") == 0)
			buf_puts(&b, "materials:\n  - {name: 待填写, form: 待填写, "
			    "copies: 1}\n");
		else if (strcmp(k, "steps") == 0)
			buf_puts(&b, "steps:\n  - {id: accept, name: 待填写, actor: "
			    "待填写, time: 待填写, next: [review]}\n  - {id: review, "
			    "name: 待填写, actor: 待填写, time: 待填写}\n");
		else if (strcmp(k, "hours") == 0)
			buf_puts(&b, "hours:\n  - {days: 待填写, open: 待填写, "
			    "close: 待填写}\n");
		else if (strcmp(k, "windows") == 0)
			buf_puts(&b, "windows:\n  - {no: 待填写, serves: 待填写}\n");
		else if (strcmp(k, "geo") == 0 || strcmp(k, "extra") == 0)
			continue;
		else
			buf_printf(&b, "%s: 待填写\n", k);
	}
	buf_puts(&b, "---\n\n## 注意事项\n\n");
	if (edition_dir == NULL) {
		fputs(b.data, stdout);
		buf_free(&b);
		return 0;
	}
	dir = xasprintf("%s/%s", edition_dir, kinds[ki].folder);
	if (stat(edition_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "ybt new: %s: 没有这个版本文件夹\n", edition_dir);
		free(dir);
		buf_free(&b);
		return EXIT_USAGE;
	}
	path = xasprintf("%s/%s.md", dir, id);
	if (stat(path, &st) == 0) {
		fprintf(stderr, "ybt new: %s 已存在，没有覆盖\n", path);
		free(dir);
		free(path);
		buf_free(&b);
		return EXIT_USAGE;
	}
	{
		char *inh = inherited_file(edition_dir, kinds[ki].folder, id);

		if (inh != NULL)
			fprintf(stderr, "ybt new: 所继承的版本已有%s“%s”（%s）："
			    "新文件将替换继承的%s，本版本只用新文件的内容；如只是"
			    "不想提供它，请删去新文件，改在 edition.md 的 exclude "
			    "中写上 %s\n", model_kind_zh(kinds[ki].k), id, inh,
			    model_kind_zh(kinds[ki].k), id);
		free(inh);
	}
	if (mkdir_p(dir) == -1 || file_write_atomic(path, b.data, b.len) == -1) {
		fprintf(stderr, "ybt new: %s: %s\n", path, zh_strerror(errno));
		free(dir);
		free(path);
		buf_free(&b);
		return EXIT_USAGE;
	}
	fprintf(stderr, "ybt new: 已写入 %s\n", path);
	free(dir);
	free(path);
	buf_free(&b);
	return 0;
}
