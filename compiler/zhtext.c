/*
 * zhtext.c — Chinese text rules that hold for every output: ASCII
 * quotation marks that stand in Chinese text are set as “…” and ‘…’.
 *
 * One rule (quote_marks) decides which ASCII quotes are a pair and
 * whether the pair stands in Chinese text; zh_quotes applies it to a
 * string, zh_quotes_md to the inline text of each Markdown block (a
 * pair may enclose emphasis or a link), and zh_typeset to every text
 * field of a loaded edition before the back ends run. Ids, URLs, file
 * names, code spans and code blocks are never touched. Sources keep
 * their text: the edition's item bodies (it->body) and front matter
 * trees stay as written.
 *
 * A " pairs with the next "; a ' is a quote only where it cannot be an
 * apostrophe (not between two Latin letters or digits). A pair is set
 * in Chinese style when a Chinese character (or fullwidth punctuation)
 * stands inside it or right beside it: 出生"一件事" and "粤省事"小程序
 * become “…”, He said "yes" stays.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "model.h"
#include "md.h"
#include "zhtext.h"

enum mark { M_NONE, M_OPEN2, M_CLOSE2, M_OPEN1, M_CLOSE1 };

static int
is_cjk(unsigned c)
{
	return (c >= 0x2E80 && c <= 0x9FFF) ||	/* radicals … unified */
	    (c >= 0xF900 && c <= 0xFAFF) ||	/* compatibility */
	    (c >= 0xFE30 && c <= 0xFE4F) ||	/* vertical forms */
	    (c >= 0xFF00 && c <= 0xFFEF) ||	/* fullwidth forms */
	    (c >= 0x20000 && c <= 0x3FFFF);	/* extensions B… */
}

static int
is_word(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9');
}

/* The code point that ends just before s[i], or 0 at the start. */
static unsigned
cp_before(const char *s, size_t i)
{
	size_t j = i;
	unsigned c = 0;

	while (j > 0 && i - j < 4) {
		j--;
		if (((unsigned char)s[j] & 0xC0) != 0x80)
			break;
	}
	if (j < i && utf8_decode(s + j, i - j, &c) == (int)(i - j))
		return c;
	return j < i ? (unsigned char)s[i - 1] : 0;
}

static unsigned
cp_at(const char *s, size_t n, size_t i)
{
	unsigned c = 0;

	if (i >= n)
		return 0;
	if (utf8_decode(s + i, n - i, &c) > 0)
		return c;
	return (unsigned char)s[i];
}

/* Does a Chinese character stand in s[a..b] or right beside it? */
static int
chinese_around(const char *s, size_t n, size_t a, size_t b)
{
	size_t i;
	unsigned c;
	int len;

	if (is_cjk(cp_before(s, a)) || is_cjk(cp_at(s, n, b + 1)))
		return 1;
	for (i = a + 1; i < b; i += len > 0 ? (size_t)len : 1) {
		len = utf8_decode(s + i, n - i, &c);
		if (len > 0 && is_cjk(c))
			return 1;
	}
	return 0;
}

/*
 * The rule. s is text of n bytes in which a byte 0x01 stands for
 * something that is not text (a code span); mk[i] gets the mark for
 * each ASCII quote at s[i]. Returns the offset of the first unpaired
 * double quote, or -1.
 */
static long
quote_marks(const char *s, size_t n, unsigned char *mk)
{
	size_t i, open2 = (size_t)-1, open1 = (size_t)-1;

	memset(mk, M_NONE, n);
	for (i = 0; i < n; i++) {
		int prev = i > 0 ? (unsigned char)s[i - 1] : ' ';
		int next = i + 1 < n ? (unsigned char)s[i + 1] : ' ';

		if (s[i] == '"') {
			if (open2 == (size_t)-1) {
				open2 = i;
				continue;
			}
			if (chinese_around(s, n, open2, i)) {
				mk[open2] = M_OPEN2;
				mk[i] = M_CLOSE2;
			}
			open2 = (size_t)-1;
		} else if (s[i] == '\'') {
			if (is_word(prev) && is_word(next))
				continue;	/* an apostrophe: it's */
			if (open1 == (size_t)-1) {
				if (next != ' ' && next != '\t' && next != '\n')
					open1 = i;
				continue;
			}
			if (prev == ' ' || prev == '\t' || prev == '\n' ||
			    is_word(next))
				continue;
			if (chinese_around(s, n, open1, i)) {
				mk[open1] = M_OPEN1;
				mk[i] = M_CLOSE1;
			}
			open1 = (size_t)-1;
		}
	}
	return open2 == (size_t)-1 ? -1 : (long)open2;
}

static const char *const mark_text[] = { NULL, "“", "”", "‘", "’" };

/* Appends s[0..n) to b with the marked quotes set; 1 if any was. */
static int
put_marked(struct buf *b, const char *s, size_t n, const unsigned char *mk)
{
	size_t i;
	int any = 0;

	for (i = 0; i < n; i++)
		if (mk[i] != M_NONE) {
			buf_puts(b, mark_text[mk[i]]);
			any = 1;
		} else
			buf_putc(b, s[i]);
	return any;
}

static int
needs_look(const char *s)
{
	return s != NULL && (strchr(s, '"') != NULL || strchr(s, '\'') != NULL);
}

char *
zh_quotes(const char *s)
{
	size_t n;
	unsigned char *mk;
	struct buf b;
	int any = 0;

	if (!needs_look(s))
		return NULL;
	n = strlen(s);
	mk = xmalloc(n);
	quote_marks(s, n, mk);
	buf_init(&b);
	any = put_marked(&b, s, n, mk);
	free(mk);
	if (!any) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

long
zh_quote_unpaired(const char *s)
{
	size_t n;
	unsigned char *mk;
	long r;

	if (s == NULL || strchr(s, '"') == NULL)
		return -1;
	n = strlen(s);
	mk = xmalloc(n);
	r = quote_marks(s, n, mk);
	free(mk);
	return r;
}

/* ---- Markdown source, for outputs that carry it (the XML) ---------- */

/* Length of the backtick run at s, or 0. */
static size_t
ticks(const char *s)
{
	size_t n = 0;

	while (s[n] == '`')
		n++;
	return n;
}

/*
 * A copy of the Markdown source src (n bytes) in which what is not text
 * is blanked with 0x01: fenced code blocks, code spans, link targets,
 * autolinks and tags.
 */
static char *
md_text_mask(const char *src, size_t n)
{
	char *mask = xstrdup(src);
	size_t i, k;
	int fence = 0, isfence, bol = 1;

	for (i = 0; i < n; ) {
		if (bol) {
			size_t j = i;

			while (src[j] == ' ')
				j++;
			isfence = j - i < 4 && (strncmp(src + j, "```", 3) == 0
			    || strncmp(src + j, "~~~", 3) == 0);
			if (isfence)
				fence = !fence;
			if (isfence || fence) {
				while (i < n && src[i] != '\n')
					mask[i++] = '\x01';
				if (i < n)
					i++;
				continue;
			}
			bol = 0;
		}
		if (src[i] == '\n') {
			bol = 1;
			i++;
		} else if (src[i] == '`' && (k = ticks(src + i)) > 0) {
			size_t j = i + k, e = (size_t)-1;

			while (j < n) {
				size_t t = ticks(src + j);

				if (t == k) {
					e = j + t;
					break;
				}
				j += t ? t : 1;
			}
			if (e == (size_t)-1)
				i += k;
			else
				for (; i < e; i++)
					mask[i] = '\x01';
		} else if (src[i] == ']' && src[i + 1] == '(') {
			i++;
			while (i < n && src[i] != ')' && src[i] != '\n')
				mask[i++] = '\x01';
		} else if (src[i] == '<') {
			while (i < n && src[i] != '>' && src[i] != '\n')
				mask[i++] = '\x01';
		} else
			i++;
	}
	return mask;
}

/*
 * Marks the quotes of the Markdown source src (n bytes) in mk (n + 1),
 * paragraph by paragraph: pairs never cross a blank line. Calls
 * unpaired(arg, offset) for each paragraph's unpaired double quote.
 */
static void
md_quote_marks(const char *src, size_t n, unsigned char *mk,
    void (*unpaired)(void *, size_t), void *arg)
{
	char *mask = md_text_mask(src, n);
	size_t i, para;
	long off;

	memset(mk, M_NONE, n + 1);
	for (para = 0, i = 0; i <= n; i++)
		if (i == n || (src[i] == '\n' && (i + 1 == n ||
		    src[i + 1] == '\n'))) {
			off = quote_marks(mask + para, i - para, mk + para);
			if (off >= 0 && unpaired != NULL)
				unpaired(arg, para + (size_t)off);
			para = i + 1;
		}
	free(mask);
}

char *
zh_quotes_markdown(const char *src)
{
	size_t n;
	unsigned char *mk;
	struct buf b;
	int any;

	if (!needs_look(src))
		return NULL;
	n = strlen(src);
	mk = xmalloc(n + 1);
	md_quote_marks(src, n, mk, NULL, NULL);
	buf_init(&b);
	any = put_marked(&b, src, n, mk);
	free(mk);
	if (!any) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

void
zh_quotes_unpaired_md(const char *src, void (*fn)(void *, size_t),
    void *arg)
{
	size_t n;
	unsigned char *mk;

	if (src == NULL || strchr(src, '"') == NULL)
		return;
	n = strlen(src);
	mk = xmalloc(n + 1);
	md_quote_marks(src, n, mk, fn, arg);
	free(mk);
}

/* ---- Markdown: the inline text of one block at a time ------------- */

struct piece {
	struct md_node	*n;	/* an MD_TEXT node, or NULL (not text) */
	size_t		 off;	/* where its text starts in the block */
};

struct block {
	struct buf	 text;
	struct piece	*p;
	size_t		 np;
};

static int
is_block(enum md_type t)
{
	return t <= MD_CELL;
}

static void
gather(struct block *bk, struct md_node *n)
{
	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case MD_TEXT:
			*VEC_PUSH(&bk->p, &bk->np) =
			    (struct piece){ n, bk->text.len };
			buf_puts(&bk->text, n->text ? n->text : "");
			break;
		case MD_SOFTBREAK:
		case MD_LINEBREAK:
			buf_putc(&bk->text, ' ');
			break;
		case MD_CODE_INLINE:
		case MD_HTML_INLINE:
			buf_putc(&bk->text, '\x01');
			break;
		default:
			if (!is_block(n->type))
				gather(bk, n->child);
			break;
		}
	}
}

static void
quote_block(struct md_node *first)
{
	struct block bk;
	unsigned char *mk;
	size_t k;

	memset(&bk, 0, sizeof(bk));
	buf_init(&bk.text);
	gather(&bk, first);
	if (bk.text.len == 0 || !needs_look(bk.text.data)) {
		buf_free(&bk.text);
		free(bk.p);
		return;
	}
	mk = xmalloc(bk.text.len);
	quote_marks(bk.text.data, bk.text.len, mk);
	for (k = 0; k < bk.np; k++) {
		struct md_node *n = bk.p[k].n;
		size_t off = bk.p[k].off, len = n->text ? strlen(n->text) : 0;
		struct buf nb;

		buf_init(&nb);
		if (!put_marked(&nb, n->text ? n->text : "", len, mk + off)) {
			buf_free(&nb);
			continue;
		}
		free(n->text);
		n->text = buf_detach(&nb);
	}
	free(mk);
	buf_free(&bk.text);
	free(bk.p);
}

/* A string a tree owns: replaced, the old freed (thread-safe, unlike
 * quote_string, as trees parsed where they are used are quoted on the
 * threads that render them). */
static void
quote_owned(char **sp)
{
	char *t;

	if (*sp != NULL && (t = zh_quotes(*sp)) != NULL) {
		free(*sp);
		*sp = t;
	}
}

void
zh_quotes_md(struct md_node *n)
{
	int inlines = 0;

	for (; n != NULL; n = n->next) {
		if (is_block(n->type)) {
			if (n->type != MD_CODE && n->type != MD_HTML)
				zh_quotes_md(n->child);
			continue;
		}
		/* The first inline of a run does the whole run. */
		if (!inlines)
			quote_block(n);
		inlines = 1;
		if (n->type == MD_LINK || n->type == MD_IMAGE)
			quote_owned(&n->title);
	}
}

/* ---- the model ----------------------------------------------------- */

/*
 * Fields are replaced in place; a few const pointers elsewhere (the
 * merged checklist's name, form and condition) point at the strings
 * replaced, so the old→new pairs are kept to move those over, and a
 * string two fields share is set once.
 */
struct swap {
	const char	*old;
	char		*new;
};
static struct swap	*swaps;		/* open addressing on old */
static size_t		 nswaps, capswaps;

static size_t
swap_slot(const char *old)
{
	size_t h = ((size_t)old >> 4) * 0x9E3779B97F4A7C15ull;

	for (h &= capswaps - 1; swaps[h].old != NULL && swaps[h].old != old;
	    h = (h + 1) & (capswaps - 1))
		;
	return h;
}

static const char *
swapped(const char *p)
{
	size_t h;

	if (p == NULL || nswaps == 0)
		return p;
	h = swap_slot(p);
	return swaps[h].old == p ? swaps[h].new : p;
}

static void
quote_string(char **sp)
{
	const char *seen = swapped(*sp);
	char *t;
	size_t h, i;

	if (seen != *sp) {		/* a string two fields share */
		*sp = (char *)seen;
		return;
	}
	if ((t = zh_quotes(*sp)) == NULL)
		return;
	if ((nswaps + 1) * 2 > capswaps) {
		struct swap *o = swaps;
		size_t oc = capswaps;

		capswaps = capswaps ? capswaps * 2 : 256;
		swaps = xcalloc(capswaps, sizeof(*swaps));
		for (i = 0; i < oc; i++)
			if (o[i].old != NULL)
				swaps[swap_slot(o[i].old)] = o[i];
		free(o);
	}
	h = swap_slot(*sp);
	swaps[h] = (struct swap){ *sp, t };
	nswaps++;
	*sp = t;
}

static void
quote_list(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		quote_string(&l->v[i]);
}

static void
quote_item(struct item *it)
{
	zh_quotes_md(it->doc);
	it->body_quoted = 1;
}

const struct md_node *
zh_body(const struct item *it)
{
	struct md_node *d;

	if (it->doc != NULL || it->body == NULL || *it->body == '\0')
		return it->doc;
	d = md_parse(it->body, it->file, it->body_line);
	if (it->body_quoted)
		zh_quotes_md(d);
	return d;
}

void
zh_body_done(const struct item *it, const struct md_node *d)
{
	if (d != it->doc)
		md_free((struct md_node *)d);
}

static void
quote_procedure(struct procedure *p)
{
	size_t i;

	quote_item(&p->it);
	quote_string(&p->title);
	for (i = 0; i < p->nsteps; i++) {
		quote_string(&p->steps[i].name);
		quote_string(&p->steps[i].actor);
		quote_string(&p->steps[i].time);
	}
}

static void
quote_matter(struct matter *m)
{
	size_t i;

	quote_item(&m->it);
	quote_string(&m->title);
	quote_string(&m->department);
	quote_list(&m->basis);
	quote_list(&m->conditions);
	for (i = 0; i < m->nmaterials; i++) {
		struct material *mt = &m->materials[i];

		quote_string(&mt->name);
		quote_string(&mt->source);
		quote_string(&mt->condition);
		quote_string(&mt->note);
	}
	for (i = 0; i < m->nfees; i++) {
		quote_string(&m->fees[i].item);
		quote_string(&m->fees[i].amount);
		quote_string(&m->fees[i].basis);
	}
	quote_string(&m->result_name);
	quote_list(&m->delivery);
	if (m->inline_proc)
		quote_procedure(m->inline_proc);
}

static void
quote_office(struct office *o)
{
	size_t i;

	quote_item(&o->it);
	quote_string(&o->name);
	quote_string(&o->address);
	quote_string(&o->transit);
	quote_string(&o->self_service);
	quote_list(&o->accessibility);
	for (i = 0; i < o->nhours; i++)
		quote_string(&o->hours[i].text);
	for (i = 0; i < o->nwindows; i++)
		quote_string(&o->windows[i].serves);
}

static void	fix_checklist(struct guide *);

static void
quote_guide(struct guide *g)
{
	quote_item(&g->it);
	quote_string(&g->title);
	quote_string(&g->summary);
}

void
zh_typeset(struct edition *top)
{
	struct edition *ed;
	size_t i;

	for (ed = top; ed != NULL; ed = ed->base) {
		quote_string(&ed->title);
		quote_string(&ed->issuer);
		quote_string(&ed->version);
		zh_quotes_md(ed->preface_doc);
		for (i = 0; i < ed->nall_matters; i++)
			quote_matter(ed->all_matters[i]);
		for (i = 0; i < ed->nall_procedures; i++)
			quote_procedure(ed->all_procedures[i]);
		for (i = 0; i < ed->nall_offices; i++)
			quote_office(ed->all_offices[i]);
		for (i = 0; i < ed->nall_guides; i++)
			quote_guide(ed->all_guides[i]);
		for (i = 0; i < ed->ndepartments; i++)
			quote_string(&ed->departments[i].name);
	}
	/* The merged checklists point into the materials. */
	for (ed = top; ed != NULL; ed = ed->base)
		for (i = 0; i < ed->nall_guides; i++)
			fix_checklist(ed->all_guides[i]);
	/* The old strings stay where they are (the table keeps them
	 * reachable): something not listed here may still point at one. */
}

static void
fix_checklist(struct guide *g)
{
	for (size_t j = 0; j < g->nchecklist; j++) {
		struct checkline *c = &g->checklist[j];

		c->name = swapped(c->name);
		c->form = swapped(c->form);
		c->condition = swapped(c->condition);
	}
}

void
zh_typeset_items(struct edition *ed, struct item *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		switch (v[i]->kind) {
		case KIND_MATTER:
			quote_matter((struct matter *)v[i]);
			break;
		case KIND_PROCEDURE:
			quote_procedure((struct procedure *)v[i]);
			break;
		case KIND_OFFICE:
			quote_office((struct office *)v[i]);
			break;
		case KIND_GUIDE:
			quote_guide((struct guide *)v[i]);
			break;
		default:
			break;
		}
	for (size_t i = 0; i < n; i++)
		if (v[i]->kind == KIND_GUIDE)
			fix_checklist((struct guide *)v[i]);
	for (size_t i = 0; i < ed->ndepartments; i++)
		quote_string(&ed->departments[i].name);
}
