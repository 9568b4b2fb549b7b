/*
 * out_xml.c — <edition>.xml: the whole public model of an edition, for
 * other systems (the 政务服务网, archives). Only published items are
 * written (edition->guides/matters/..., never all_*). The grammar is
 * doc/ybt-edition.rng (RELAX NG); the tests validate against it. The
 * Markdown bodies are kept as source text.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "out.h"
#include "source.h"
#include "zhtext.h"

#define XML_NS	"urn:ybt:edition:1"

static void
x_attr(struct buf *b, const char *name, const char *v)
{
	if (v == NULL)
		return;
	buf_printf(b, " %s=\"", name);
	esc_xml(b, v);
	buf_putc(b, '"');
}

static void
x_int(struct buf *b, const char *name, int v)
{
	buf_printf(b, " %s=\"%d\"", name, v);
}

static void
x_bool(struct buf *b, const char *name, int v)
{
	buf_printf(b, " %s=\"%s\"", name, v ? "true" : "false");
}

/* <name>text</name>, nothing when text is NULL. */
static void
x_el(struct buf *b, const char *ind, const char *name, const char *text)
{
	if (text == NULL)
		return;
	buf_printf(b, "%s<%s>", ind, name);
	esc_xml(b, text);
	buf_printf(b, "</%s>\n", name);
}

static void
x_list(struct buf *b, const char *ind, const char *name,
    const struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		x_el(b, ind, name, l->v[i]);
}

static void
x_ref(struct buf *b, const char *ind, const char *name, const char *id)
{
	buf_printf(b, "%s<%s", ind, name);
	x_attr(b, "ref", id);
	buf_puts(b, "/>\n");
}

static void
x_online(struct buf *b, const char *ind, const struct online *o)
{
	if (o->url == NULL)
		return;
	buf_printf(b, "%s<online", ind);
	x_attr(b, "url", o->url);
	x_attr(b, "depth", o->depth);
	buf_puts(b, "/>\n");
}

/*
 * An extra: mapping, the local fields ybt keeps for other systems: a
 * <field key="..."> per key, holding the text of a scalar, the fields
 * of a mapping or an <item> per list entry. Quotes as in every output.
 */
static void
x_extra_value(struct buf *b, const char *ind, const struct ynode *v)
{
	char *in;

	if (v->type == YN_SCALAR) {
		char *t = zh_quotes(v->str);

		esc_xml(b, t ? t : v->str);
		free(t);
		return;
	}
	if (v->n == 0)
		return;
	in = xasprintf("%s  ", ind);
	buf_putc(b, '\n');
	for (size_t i = 0; i < v->n; i += v->type == YN_MAP ? 2 : 1) {
		if (v->type == YN_MAP) {
			buf_printf(b, "%s<field", in);
			x_attr(b, "key", v->kids[i]->str);
			buf_putc(b, '>');
			x_extra_value(b, in, v->kids[i + 1]);
			buf_puts(b, "</field>\n");
		} else {
			buf_printf(b, "%s<item>", in);
			x_extra_value(b, in, v->kids[i]);
			buf_puts(b, "</item>\n");
		}
	}
	buf_puts(b, ind);
	free(in);
}

static void
x_extra(struct buf *b, const char *ind, const struct ynode *extra)
{
	if (extra == NULL)
		return;
	buf_printf(b, "%s<extra>", ind);
	x_extra_value(b, ind, extra);
	buf_puts(b, "</extra>\n");
}

static void
x_body(struct buf *b, const char *ind, const struct item *it)
{
	if (it->body != NULL && *it->body != '\0') {
		char *t = zh_quotes_markdown(it->body);

		x_el(b, ind, "body", t ? t : it->body);
		free(t);
	}
}

static void
x_steps(struct buf *b, const char *ind, const struct procedure *p)
{
	size_t i, j;

	for (i = 0; i < p->nsteps; i++) {
		const struct step *s = &p->steps[i];

		buf_printf(b, "%s<step", ind);
		x_attr(b, "id", s->id);
		x_attr(b, "name", s->name);
		x_attr(b, "actor", s->actor);
		x_attr(b, "where", s->where);
		x_attr(b, "time", s->time);
		x_int(b, "layer", s->layer);
		x_int(b, "pos", s->pos);
		if (s->nsucc == 0) {
			buf_puts(b, "/>\n");
			continue;
		}
		buf_puts(b, ">\n");
		for (j = 0; j < s->nsucc; j++) {
			const struct step *t = &p->steps[s->succ[j]];
			char *n = t->id ? NULL : xasprintf("%zu", s->succ[j] + 1);

			buf_printf(b, "%s  <next", ind);
			x_attr(b, "ref", t->id ? t->id : n);
			buf_puts(b, "/>\n");
			free(n);
		}
		buf_printf(b, "%s</step>\n", ind);
	}
}

static void
x_guide(struct buf *b, const struct guide *g)
{
	const struct reductions *r = &g->red;
	size_t i, j;

	buf_puts(b, "    <guide");
	x_attr(b, "id", g->it.id);
	x_attr(b, "audience", g->audience);
	x_attr(b, "stage", g->stage);
	x_attr(b, "disclosure", model_disclosure_name(g->it.disclosure));
	x_attr(b, "updated", g->it.updated);
	buf_puts(b, ">\n");
	x_el(b, "      ", "title", g->title);
	x_el(b, "      ", "summary", g->summary);
	x_list(b, "      ", "synonym", &g->synonyms);
	for (i = 0; i < g->nmatters; i++)
		x_ref(b, "      ", "matter-ref", g->matters[i]->it.id);
	if (g->procedure)
		x_ref(b, "      ", "procedure-ref", g->procedure->it.id);
	for (i = 0; i < g->noffices; i++)
		x_ref(b, "      ", "office-ref", g->offices[i]->it.id);
	x_online(b, "      ", &g->online);
	buf_puts(b, "      <promise");
	x_int(b, "time-limit", g->promise_days);
	x_int(b, "visits", g->promise_visits);
	buf_puts(b, "/>\n      <checklist>\n");
	for (i = 0; i < g->nchecklist; i++) {
		const struct checkline *c = &g->checklist[i];

		buf_puts(b, "        <line");
		x_attr(b, "name", c->name);
		x_attr(b, "form", c->form);
		x_bool(b, "shared", c->shared);
		x_bool(b, "required", c->required);
		x_int(b, "copies", c->copies);
		buf_puts(b, ">\n");
		for (j = 0; j < c->nmatters; j++)
			x_ref(b, "          ", "matter-ref", c->matters[j]->it.id);
		/* A line to bring: the matters that take it by sharing. */
		for (j = 0; !c->shared && j < c->nshared_by; j++)
			x_ref(b, "          ", "shared-by", c->shared_by[j]->it.id);
		buf_puts(b, "        </line>\n");
	}
	buf_puts(b, "      </checklist>\n      <reductions");
	x_int(b, "materials-before", r->materials_before);
	x_int(b, "materials-after", r->materials_after);
	x_int(b, "days-before", r->days_before);
	x_int(b, "days-after", r->days_after);
	x_int(b, "visits-before", r->visits_before);
	x_int(b, "visits-after", r->visits_after);
	x_int(b, "steps-before", r->steps_before);
	x_int(b, "steps-after", r->steps_after);
	buf_puts(b, "/>\n");
	x_extra(b, "      ", g->it.extra);
	x_body(b, "      ", &g->it);
	buf_puts(b, "    </guide>\n");
}

static void
x_matter(struct buf *b, const struct matter *m)
{
	size_t i;

	buf_puts(b, "    <matter");
	x_attr(b, "id", m->it.id);
	x_attr(b, "code", m->code);
	x_attr(b, "type", m->type);
	x_attr(b, "kind", m->kind);
	x_int(b, "visits", m->visits);
	x_attr(b, "scope", m->scope);
	x_attr(b, "disclosure", model_disclosure_name(m->it.disclosure));
	x_attr(b, "updated", m->it.updated);
	buf_puts(b, ">\n");
	x_el(b, "      ", "title", m->title);
	x_el(b, "      ", "department", m->department);
	x_list(b, "      ", "basis", &m->basis);
	x_list(b, "      ", "audience", &m->audience);
	x_list(b, "      ", "condition", &m->conditions);
	buf_puts(b, "      <materials>\n");
	for (i = 0; i < m->nmaterials; i++) {
		const struct material *mt = &m->materials[i];

		buf_puts(b, "        <material");
		x_attr(b, "name", mt->name);
		x_attr(b, "source", mt->source);
		x_attr(b, "form", mt->form);
		x_attr(b, "medium", mt->medium);
		if (mt->copies > 0)
			x_int(b, "copies", mt->copies);
		x_bool(b, "required", mt->required);
		x_attr(b, "condition", mt->condition);
		x_bool(b, "shared", mt->shared);
		x_attr(b, "template", mt->template);
		if (mt->note == NULL)
			buf_puts(b, "/>\n");
		else {
			buf_puts(b, ">");
			esc_xml(b, mt->note);
			buf_puts(b, "</material>\n");
		}
	}
	buf_puts(b, "      </materials>\n");
	if (m->procedure)
		x_ref(b, "      ", "procedure-ref", m->procedure->it.id);
	else if (m->inline_proc && m->inline_proc->nsteps) {
		buf_puts(b, "      <steps>\n");
		x_steps(b, "        ", m->inline_proc);
		buf_puts(b, "      </steps>\n");
	}
	buf_puts(b, "      <time-limit");
	x_int(b, "legal", m->legal_days);
	x_int(b, "promised", m->promised_days);
	buf_puts(b, " unit=\"工作日\"/>\n");
	if (m->free_of_charge || m->nfees == 0)
		buf_puts(b, "      <fee free=\"true\"/>\n");
	else {
		buf_puts(b, "      <fee free=\"false\">\n");
		for (i = 0; i < m->nfees; i++) {
			buf_puts(b, "        <item");
			x_attr(b, "name", m->fees[i].item);
			x_attr(b, "amount", m->fees[i].amount);
			x_attr(b, "basis", m->fees[i].basis);
			buf_puts(b, "/>\n");
		}
		buf_puts(b, "      </fee>\n");
	}
	for (i = 0; i < m->noffices; i++)
		x_ref(b, "      ", "office-ref", m->offices[i]->it.id);
	x_online(b, "      ", &m->online);
	buf_puts(b, "      <result");
	x_attr(b, "name", m->result_name);
	buf_puts(b, ">\n");
	x_list(b, "        ", "delivery", &m->delivery);
	buf_puts(b, "      </result>\n");
	x_el(b, "      ", "consult", m->consult);
	x_el(b, "      ", "complaint", m->complaint);
	x_extra(b, "      ", m->it.extra);
	x_body(b, "      ", &m->it);
	buf_puts(b, "    </matter>\n");
}

static void
x_office(struct buf *b, const struct office *o)
{
	size_t i;

	buf_puts(b, "    <office");
	x_attr(b, "id", o->it.id);
	x_attr(b, "district", o->district);
	x_attr(b, "updated", o->it.updated);
	buf_puts(b, ">\n");
	x_el(b, "      ", "name", o->name);
	x_el(b, "      ", "address", o->address);
	for (i = 0; i < o->nhours; i++) {
		const struct hours *h = &o->hours[i];

		if (h->days) {
			buf_puts(b, "      <hours");
			x_attr(b, "days", h->days);
			x_attr(b, "open", h->open);
			x_attr(b, "close", h->close);
			buf_puts(b, "/>\n");
		} else
			x_el(b, "      ", "hours-note", h->text ? h->text : "");
	}
	x_el(b, "      ", "phone", o->phone);
	for (i = 0; i < o->nwindows; i++) {
		buf_puts(b, "      <window");
		x_attr(b, "no", o->windows[i].no);
		x_attr(b, "serves", o->windows[i].serves);
		buf_puts(b, "/>\n");
	}
	x_el(b, "      ", "transit", o->transit);
	x_list(b, "      ", "accessibility", &o->accessibility);
	x_el(b, "      ", "self-service", o->self_service);
	if (o->has_geo)
		buf_printf(b, "      <geo lat=\"%.6f\" lon=\"%.6f\"/>\n",
		    o->geo[0], o->geo[1]);
	x_extra(b, "      ", o->it.extra);
	x_body(b, "      ", &o->it);
	buf_puts(b, "    </office>\n");
}

/*
 * A province's XML is hundreds of MB (N=10000: 394 MB): it goes to the
 * file a megabyte at a time rather than whole from memory. The file is
 * in the build's work folder, which replaces the output only when every
 * step has succeeded.
 */
#define XML_SPILL	(1 << 20)

static void
spill(struct buf *b, FILE *f, int *ok, size_t at_least)
{
	if (b->len < at_least || b->len == 0)
		return;
	if (fwrite(b->data, 1, b->len, f) != b->len)
		*ok = 0;
	b->len = 0;
	b->data[0] = '\0';
}

int
out_xml(const struct out_ctx *ctx)
{
	const struct edition *ed = ctx->ed;
	struct buf b;
	size_t i, j;
	char *path = xasprintf("%s/%s.xml", ctx->dir, ed->id);
	FILE *f;
	int ok = 1;

	if ((f = fopen(path, "wb")) == NULL) {
		diag_io(path, "无法写入文件：%s",
		    zh_strerror(errno));
		free(path);
		return -1;
	}
	buf_init(&b);
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<edition xmlns=\""
	    XML_NS "\"");
	x_attr(&b, "id", ed->id);
	x_attr(&b, "region", ed->region);
	x_attr(&b, "issuer", ed->issuer);
	x_attr(&b, "version", ed->version);
	x_attr(&b, "date", ed->date);
	x_attr(&b, "hotline", ed->hotline);
	x_attr(&b, "portal", ed->portal);
	x_attr(&b, "base", ed->base_id);
	buf_puts(&b, ">\n");
	x_el(&b, "  ", "title", ed->title ? ed->title : "");
	if (ed->preface && *ed->preface) {
		char *t = zh_quotes_markdown(ed->preface);

		x_el(&b, "  ", "preface", t ? t : ed->preface);
		free(t);
	}
	x_extra(&b, "  ", ed->extra);

	buf_puts(&b, "  <stages>\n");
	for (i = 0; i < ed->nstages; i++) {
		buf_puts(&b, "    <stage");
		x_attr(&b, "name", ed->stages[i].name);
		x_attr(&b, "audience", ed->stages[i].audience);
		buf_puts(&b, ">\n");
		for (j = 0; j < ed->stages[i].nguides; j++)
			x_ref(&b, "      ", "guide-ref",
			    ed->stages[i].guides[j]->it.id);
		buf_puts(&b, "    </stage>\n");
	}
	buf_puts(&b, "  </stages>\n  <guides>\n");
	for (i = 0; i < ed->nguides; i++) {
		x_guide(&b, ed->guides[i]);
		spill(&b, f, &ok, XML_SPILL);
	}
	buf_puts(&b, "  </guides>\n  <matters>\n");
	for (i = 0; i < ed->nmatters; i++) {
		x_matter(&b, ed->matters[i]);
		spill(&b, f, &ok, XML_SPILL);
	}
	buf_puts(&b, "  </matters>\n  <procedures>\n");
	for (i = 0; i < ed->nprocedures; i++) {
		const struct procedure *p = ed->procedures[i];

		buf_puts(&b, "    <procedure");
		x_attr(&b, "id", p->it.id);
		buf_puts(&b, ">\n");
		x_el(&b, "      ", "title", p->title ? p->title : "");
		x_steps(&b, "      ", p);
		x_extra(&b, "      ", p->it.extra);
		buf_puts(&b, "    </procedure>\n");
		spill(&b, f, &ok, XML_SPILL);
	}
	buf_puts(&b, "  </procedures>\n  <offices>\n");
	for (i = 0; i < ed->noffices; i++) {
		x_office(&b, ed->offices[i]);
		spill(&b, f, &ok, XML_SPILL);
	}
	buf_puts(&b, "  </offices>\n  <departments>\n");
	for (i = 0; i < ed->ndepartments; i++) {
		buf_puts(&b, "    <department");
		x_attr(&b, "name", ed->departments[i].name);
		buf_puts(&b, ">\n");
		for (j = 0; j < ed->departments[i].nmatters; j++)
			x_ref(&b, "      ", "matter-ref",
			    ed->departments[i].matters[j]->it.id);
		buf_puts(&b, "    </department>\n");
	}
	buf_puts(&b, "  </departments>\n</edition>\n");
	spill(&b, f, &ok, 0);
	if (fclose(f) != 0)
		ok = 0;
	if (!ok) {
		diag_io(path, "无法写入文件：%s",
		    zh_strerror(errno));
		unlink(path);
	}
	free(path);
	buf_free(&b);
	return ok ? 0 : -1;
}
