/*
 * linebreak.c — paragraphs to lines by the rules of W3C clreq (see
 * linebreak.h). Total fit (Knuth–Plass) over the clreq break
 * opportunities: the slack an unbreakable piece (a number and its
 * unit, a time range, a phone number) leaves is spread over the lines
 * before it rather than opening one line wide. A closing mark that
 * would overflow is kept on the line by setting it half width (line-end
 * compression) or by squeezing the line by half its width, rather than
 * pushing an ideograph down alone with it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "font.h"
#include "dlist.h"
#include "linebreak.h"

enum cls {
	C_ID,		/* ideographs, kana, other wide characters */
	C_OP,		/* opening punctuation: no break after */
	C_CL,		/* closing punctuation: no break before */
	C_AL,		/* Latin letters and symbols */
	C_NU,		/* ASCII digits */
	C_SP,		/* spaces: drawn as gaps */
	C_NL		/* forced break */
};

#define F_NOBRK		0x01	/* no break before this character */
#define F_NOGLUE	0x02	/* no CJK-Latin space before it */
#define F_HALF		0x04	/* drawn as its half-width variant */
#define F_RANGE		0x08	/* after a time range's dash: a last resort */
#define F_ENDHALF	0x10	/* a closing mark set half width at a line end */

#define GLUE_EM		0.25f	/* CJK-Latin space */
#define SPACE_EM	0.30f	/* a Latin word space */
/* Most a gap may grow by justification: a tenth of an em, well inside
 * the ¼ em clreq tolerates; beyond it characters stand visibly apart
 * (and text extraction reads them as words), so such a line stays
 * ragged. */
#define MAXSTRETCH	0.10f
#define SQUEEZE		0.5f	/* a closing mark may lose half its width */

/* Sorted code points: closing (no break before), opening (no break
 * after), and first characters of three-character document issuers. */
static const unsigned cl_chars[] = {
	0x00B7, 0x2019, 0x201D, 0x3001, 0x3002, 0x3005, 0x3009, 0x300B,
	0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x30FB, 0x30FC, 0xFF01,
	0xFF05, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D,
	0xFF5D, 0xFF5E, 0xFF60
};
static const unsigned op_chars[] = {
	0x2018, 0x201C, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014,
	0x3016, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F
};
static const unsigned issuer_first[] = {
	0x4E91, 0x4EAC, 0x5180, 0x533A, 0x53BF, 0x5409, 0x56FD, 0x5B81,
	0x5DDD, 0x5E02, 0x65B0, 0x664B, 0x6842, 0x6CAA, 0x6D25, 0x6D59,
	0x6E1D, 0x6E2F, 0x6E58, 0x6FB3, 0x743C, 0x7518, 0x7696, 0x7701,
	0x7A57, 0x7CA4, 0x82CF, 0x8499, 0x85CF, 0x8C6B, 0x8D35, 0x8D63,
	0x8FBD, 0x9102, 0x95FD, 0x9655, 0x9752, 0x9C81, 0x9ED1
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Units and classifiers that stay with the number before them
 * (1 个工作日, 5 份, 3 次, 20 元): the longer names first, then single
 * characters. */
static const char *const unit_words[] = {
	"个工作日",
	"个自然日",
	"个小时",
	"工作日",
	"自然日",
	"平方米",
	"个月",
	"小时",
	"分钟",
	"周岁",
	"公里",
	"千克",
	"公斤",
	"万元",
	"个",
	"元"
};
static const unsigned unit_chars[] = {
	0x4E07, 0x4EBA, 0x4EBF, 0x4EF6, 0x4EFD, 0x4F4D, 0x500D, 0x5143,
	0x514B, 0x518C, 0x5206, 0x5343, 0x53F0, 0x540D, 0x5468, 0x5904,
	0x5929, 0x5957, 0x5BB6, 0x5C81, 0x5E74, 0x5F20, 0x6237, 0x6240,
	0x6279, 0x65F6, 0x672C, 0x6761, 0x6B21, 0x79CD, 0x79D2, 0x7C73,
	0x7C7B, 0x89D2, 0x8F86, 0x95F4, 0x9875, 0x9879
};

static int
in_set(const unsigned *set, size_t n, unsigned cp)
{
	size_t	lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (set[mid] == cp)
			return 1;
		if (set[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static enum cls
classify(unsigned cp)
{
	if (cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000)
		return C_SP;
	if (cp == '\n')
		return C_NL;
	if (cp >= '0' && cp <= '9')
		return C_NU;
	if (cp < 0x80) {
		if (strchr("([{", (int)cp))
			return C_OP;
		if (strchr(")]},.;:!?%", (int)cp))
			return C_CL;
		return C_AL;
	}
	if (cp < 0x2000 || (cp >= 0x2010 && cp <= 0x2015 && cp != 0x2014))
		return C_AL;
	if (in_set(cl_chars, NELEM(cl_chars), cp))
		return C_CL;
	if (in_set(op_chars, NELEM(op_chars), cp))
		return C_OP;
	return C_ID;
}

static int
latin(const struct lb_char *c)
{
	return c->cls == C_AL || c->cls == C_NU ||
	    (c->cp < 0x80 && (c->cls == C_OP || c->cls == C_CL));
}

/* A CJK character that takes the ¼ em gap beside Latin: not the
 * dashes, ellipses and other marks of the punctuation blocks. */
static int
ideograph(const struct lb_char *c)
{
	return c->cls == C_ID && !(c->cp >= 0x2000 && c->cp <= 0x206F) &&
	    !(c->cp >= 0x3000 && c->cp <= 0x303F) &&
	    !(c->cp >= 0xFF00 && c->cp <= 0xFF0F);
}

void
lb_init(struct para *p, struct fonts *f)
{
	memset(p, 0, sizeof(*p));
	p->fonts = f;
}

void
lb_reset(struct para *p)
{
	p->n = 0;
	p->nlines = 0;
}

void
lb_free(struct para *p)
{
	free(p->c);
	free(p->lines);
	free(p->warned);
	free(p->scratch);
	memset(p, 0, sizeof(*p));
}

int
lb_empty(const struct para *p)
{
	return p->n == 0;
}

static struct lb_char *
push(struct para *p)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->c = xreallocarray(p->c, p->cap, sizeof(*p->c));
	}
	memset(&p->c[p->n], 0, sizeof(p->c[0]));
	return &p->c[p->n++];
}

/*
 * Characters no face has, warned once per place. Text given without a
 * place (running heads, the cover, a leaflet's fixed parts) is kept
 * aside: lb_warn_unlocated() warns about what was never seen at a
 * place of its own.
 */
struct cpset {
	unsigned	*v;
	size_t		 n;
};
static struct cpset	 located, unlocated;

static void
warn_missing(struct para *p, unsigned cp, const struct loc *loc)
{
	char		 u[8];
	size_t		 i;
	const char	*file = loc ? loc->file : NULL;
	int		 line = loc ? loc->line : 0;

	for (i = 0; i < p->nwarned; i++)
		if (p->warned[i].cp == cp && p->warned[i].line == line &&
		    str_eq(p->warned[i].file, file))
			return;
	{
		struct lb_warn *w = VEC_PUSH(&p->warned, &p->nwarned);
		w->cp = cp;
		w->file = file;
		w->line = line;
	}
	if (loc == NULL) {
		uniq_add(&unlocated.v, &unlocated.n, cp);
		return;
	}
	uniq_add(&located.v, &located.n, cp);
	u[utf8_encode(cp, u)] = '\0';
	diag_at(loc, DIAG_WARNING, "PDF 字体无法显示字符“%s”(U+%04X)，"
	    "已画成方框：请改用通用规范汉字，或在 theme.yaml 的 "
	    "pdf.fonts 中加入能显示它的字体", u, cp);
}

/*
 * U+FEFF and U+200B were left out before; the rest of U+200C-U+200F
 * (joiners, LRM, RLM), U+202A-U+202E (embeddings and overrides),
 * U+2060-U+2064 and U+2066-U+2069 (isolates) were drawn as boxes with
 * a warning that printed the character, so a U+202E turned the rest of
 * the editor's terminal line around.
 */
int
lb_invisible(unsigned cp)
{
	return cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

void
lb_warn_unlocated(const struct loc *where)
{
	char	u[8];
	size_t	i, j;

	for (i = 0; i < unlocated.n; i++) {
		unsigned cp = unlocated.v[i];
		for (j = 0; j < located.n && located.v[j] != cp; j++)
			continue;
		if (j < located.n)
			continue;
		u[utf8_encode(cp, u)] = '\0';
		diag_at(where, DIAG_WARNING, "PDF 字体无法显示字符“%s”"
		    "(U+%04X)，已画成方框（在页眉、页脚、封面或单张的固定栏目"
		    "里）：请改用通用规范汉字，或在 theme.yaml 的 pdf.fonts "
		    "中加入能显示它的字体", u, cp);
	}
	free(unlocated.v);
	free(located.v);
	memset(&unlocated, 0, sizeof(unlocated));
	memset(&located, 0, sizeof(located));
}

void
lb_addf(struct para *p, const struct tstyle *st, const struct loc *loc,
    const char *fmt, ...)
{
	struct buf	b;
	va_list		ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	lb_add(p, b.data ? b.data : "", b.len, st, loc);
	buf_free(&b);
}

void
lb_add(struct para *p, const char *s, size_t len, const struct tstyle *st,
    const struct loc *loc)
{
	size_t	 i = 0;
	unsigned cp;
	int	 n;

	while (i < len) {
		struct lb_char *c;

		n = utf8_decode(s + i, len - i, &cp);
		if (n <= 0) {
			cp = 0xFFFD;
			n = 1;
		}
		i += (size_t)n;
		if (cp == '\r' || lb_invisible(cp) ||
		    (cp < 0x20 && cp != '\t' && cp != '\n'))
			continue;
		if (cp == '\n' || cp == '\t')
			cp = ' ';
		c = push(p);
		c->cp = cp;
		c->cls = (unsigned char)classify(cp);
		c->st = st;
		c->loc = loc;
		if (c->cls == C_SP) {
			c->face = -1;
			c->adv = st->size * (cp == 0x3000 ? 1.0f : SPACE_EM);
			continue;
		}
		c->face = (short)fonts_pick(p->fonts, st->role, cp);
		if (c->face < 0) {
			warn_missing(p, cp, loc);
			c->adv = st->size;
		} else
			c->adv = fonts_advance(p->fonts, c->face, cp) *
			    st->size / 1000.0f;
	}
}

void
lb_newline(struct para *p)
{
	struct lb_char	*c = push(p);
	static const struct tstyle nl = { FONT_BODY, 10, 0, -1, NULL };

	c->cp = '\n';
	c->cls = C_NL;
	c->face = -1;
	c->st = p->n > 1 ? p->c[p->n - 2].st : &nl;
}

/* The number of characters of word w at c[i], or 0. */
static size_t
match_word(const struct para *p, size_t i, const char *w)
{
	size_t	 k = 0, len = strlen(w), o = 0;
	unsigned cp;
	int	 n;

	while (o < len) {
		n = utf8_decode(w + o, len - o, &cp);
		if (n <= 0 || i + k >= p->n || p->c[i + k].cp != cp)
			return 0;
		o += (size_t)n;
		k++;
	}
	return k;
}

/* The dashes and words of a range: 09:00—17:00, 9:00-17:30, 8:30至12:00. */
static int
range_dash(unsigned cp)
{
	return cp == '-' || cp == '~' || cp == 0x2013 || cp == 0x2014 ||
	    cp == 0xFF5E || cp == 0x301C || cp == 0xFF0D || cp == 0x81F3 ||
	    cp == 0x5230;
}

/* Is c[s..e] (inclusive, digits and colons) a time: 9:00, 17:30? */
static int
time_run(const struct lb_char *c, size_t s, size_t e)
{
	size_t	i;
	int	colon = 0;

	if (c[s].cls != C_NU || c[e].cls != C_NU)
		return 0;
	for (i = s; i <= e; i++)
		if (c[i].cp == ':')
			colon = 1;
	return colon;
}

/* A number and its unit (1 个工作日, 5 份) and a time range never break;
 * a range longer than the line may break after its dash (F_RANGE). */
static void
protect_units(struct para *p)
{
	struct lb_char	*c = p->c;
	size_t		 i, j, k, m, n = p->n;

	for (i = 0; i < n; i++) {
		if (c[i].cls != C_NU || (i + 1 < n && c[i + 1].cls == C_NU))
			continue;
		for (j = i + 1; j < n && (c[j].cp == ' ' || c[j].cp == 0xA0);
		    j++)
			continue;
		if (j >= n)
			break;
		for (k = 0, m = 0; m < NELEM(unit_words) && k == 0; m++)
			k = match_word(p, j, unit_words[m]);
		if (k == 0 && in_set(unit_chars, NELEM(unit_chars), c[j].cp))
			k = 1;
		for (m = j; m < j + k; m++)
			c[m].flags |= F_NOBRK;
	}
	for (i = 1; i + 1 < n; i++) {
		size_t a, b, d, e, s;

		if (!range_dash(c[i].cp) || range_dash(c[i - 1].cp))
			continue;
		for (d = i; d + 1 < n && range_dash(c[d + 1].cp); d++)
			continue;
		/* the time before the dash */
		for (a = i; a > 0 && c[a - 1].cp == ' '; a--)
			continue;
		if (a == 0)
			continue;
		for (s = a - 1; s > 0 && (c[s - 1].cls == C_NU ||
		    c[s - 1].cp == ':'); s--)
			continue;
		if (!time_run(c, s, a - 1))
			continue;
		/* the time after it */
		for (b = d + 1; b < n && c[b].cp == ' '; b++)
			continue;
		for (e = b; e + 1 < n && (c[e + 1].cls == C_NU ||
		    c[e + 1].cp == ':'); e++)
			continue;
		if (b >= n || !time_run(c, b, e))
			continue;
		for (j = a; j <= d; j++)
			c[j].flags |= F_NOBRK;
		c[b].flags |= F_NOBRK | F_RANGE;
		i = d;
	}
}

/* Mark the places no break may go: dates, document numbers, phones. */
static void
protect(struct para *p)
{
	struct lb_char	*c = p->c;
	size_t		 i, n = p->n, j;

	protect_units(p);

	for (i = 1; i < n; i++) {
		unsigned cp = c[i].cp;

		/* 2026年11月25日, 3号 */
		if ((cp == 0x5E74 || cp == 0x6708 || cp == 0x65E5 ||
		    cp == 0x53F7) && c[i - 1].cls == C_NU) {
			c[i].flags |= F_NOBRK | F_NOGLUE;
			if (i + 1 < n && c[i + 1].cls == C_NU && cp != 0x53F7)
				c[i + 1].flags |= F_NOBRK | F_NOGLUE;
		}
		/* 国发〔2024〕3号: bind two characters before 〔 */
		if (cp == 0x3014 && i + 1 < n && c[i + 1].cls == C_NU) {
			c[i].flags |= F_NOBRK;
			if (i >= 2 && ideograph(&c[i - 1]) &&
			    ideograph(&c[i - 2])) {
				c[i - 1].flags |= F_NOBRK;
				/* 国办发, 粤府办, 穗府函: a three-character
				 * issuer starts with a place */
				if (i >= 3 && in_set(issuer_first, NELEM(issuer_first),
				    c[i - 3].cp))
					c[i - 2].flags |= F_NOBRK;
			}
			for (j = i + 1; j < n && c[j].cls == C_NU; j++)
				c[j].flags |= F_NOGLUE;
			if (j < n && c[j].cp == 0x3015) {
				for (j++; j < n && c[j].cls == C_NU; j++)
					c[j].flags |= F_NOBRK | F_NOGLUE;
			}
		}
		/* 400 123 4567: a space between digits holds */
		if (c[i].cls == C_NU && c[i - 1].cls == C_SP && i >= 2 &&
		    c[i - 2].cls == C_NU)
			c[i].flags |= F_NOBRK;
		/* —— and …… */
		if ((cp == 0x2014 || cp == 0x2026) && c[i - 1].cp == cp)
			c[i].flags |= F_NOBRK;
	}
	/* A space next to a CJK character is the CJK-Latin gap. */
	for (i = 0; i < n; i++)
		if (c[i].cls == C_SP && c[i].cp == ' ' &&
		    ((i > 0 && !latin(&c[i - 1]) && c[i - 1].cls != C_SP) ||
		    (i + 1 < n && !latin(&c[i + 1]) &&
		    c[i + 1].cls != C_SP)))
			c[i].adv = c[i].st->size * GLUE_EM;
}

static int
can_break(const struct lb_char *p, const struct lb_char *q)
{
	if (q->flags & F_NOBRK)
		return 0;
	if (q->cls == C_SP || q->cls == C_NL)
		return 0;
	if (p->cls == C_SP)
		return q->cls != C_CL;
	if (q->cls == C_CL)
		return 0;
	if (p->cls == C_OP)
		return 0;
	if (latin(p) && latin(q))
		return 0;
	if (p->cls == C_CL && p->cp < 0x80 && latin(q))
		return 0;
	if (q->cls == C_OP && q->cp < 0x80 && latin(p))
		return 0;
	return 1;
}

/* Last-resort break inside a long Latin piece (URLs). */
static int
can_break_url(const struct lb_char *p, const struct lb_char *q)
{
	if (q->flags & F_RANGE)
		return 1;
	return p->cp < 0x80 && strchr("/-?&=_.#", (int)p->cp) != NULL &&
	    q->cls != C_SP && q->cls != C_NL;
}

/* A letter or digit (not Latin punctuation: no gap beside 3" or "). */
static int
alnum(const struct lb_char *c)
{
	if (c->cls == C_NU)
		return 1;
	if (c->cls != C_AL)
		return 0;
	if (c->cp < 0x80)
		return (c->cp | 0x20) >= 'a' && (c->cp | 0x20) <= 'z';
	return c->cp >= 0xC0;
}

/*
 * Closing marks whose ink sits in the left half of the em give up the
 * blank right half when another mark follows (clreq 3.1.6, consecutive
 * punctuation): ”。 ），《 ；（. They are drawn as a half-width variant
 * (dlist.h DL_HALF) so that the PDF's own widths say so and text
 * extraction does not see overlapping boxes. 。 and ！ are centred in
 * 宋/明 faces and keep their width; an opening mark's blank half is on
 * the wrong side for this (op_right is kept for reference).
 */
static const unsigned cl_left[] = {
	0x2019, 0x201D, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015,
	0x3017, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B
};

static int
is_mark(const struct lb_char *c)
{
	return (c->cls == C_CL || c->cls == C_OP) && c->cp >= 0x2000;
}

static void
halve_marks(struct para *p)
{
	size_t	i;

	for (i = 0; i + 1 < p->n; i++) {
		struct lb_char *a = &p->c[i], *b = &p->c[i + 1];
		if ((a->flags & F_HALF) || a->face < 0 || !is_mark(a) ||
		    !is_mark(b) || a->st->size != b->st->size ||
		    !in_set(cl_left, NELEM(cl_left), a->cp))
			continue;
		a->flags |= F_HALF;
		a->adv *= 0.5f;
	}
}

/* The gap to insert before q (CJK-Latin spacing), or a negative one
 * (consecutive punctuation). */
static float
glue(const struct lb_char *p, const struct lb_char *q)
{
	if (q->flags & F_NOGLUE)
		return 0;
	if ((ideograph(p) && alnum(q)) || (alnum(p) && ideograph(q)))
		return GLUE_EM * (p->st->size < q->st->size ?
		    p->st->size : q->st->size);
	return 0;
}

/* May justification stretch the gap before q? */
static int
stretchable(const struct lb_char *p, const struct lb_char *q)
{
	if (p->cls == C_SP || q->cls == C_SP)
		return 1;
	return !(latin(p) && latin(q));
}

static void
add_line(struct para *p, size_t s, size_t e)
{
	struct lb_line	*l;

	if (p->nlines == p->lcap) {
		p->lcap = p->lcap ? p->lcap * 2 : 16;
		p->lines = xreallocarray(p->lines, p->lcap, sizeof(*l));
	}
	l = &p->lines[p->nlines++];
	l->start = s;
	l->end = e;
	l->width = 0;
	l->size = 0;
}

/* The advance of c as set: a closing mark at a line end may be half. */
static float
set_adv(const struct lb_char *c)
{
	return c->flags & F_ENDHALF ? c->adv * 0.5f : c->adv;
}

/*
 * With YBT_LBSTATS=FILE in the environment, every justified line
 * appends to FILE how far its gaps open, in em ("r" before the figure
 * when the line was left ragged): `make bench` prints the worst and
 * the 99th percentile over a handbook.
 */
static void
stats(const struct para *p, const struct lb_line *l, float em, int ragged)
{
	static FILE	*f;
	static int	 looked;
	const char	*path;

	if (!looked) {
		looked = 1;
		if ((path = getenv("YBT_LBSTATS")) != NULL && *path != '\0')
			f = fopen(path, "a");
		if (f != NULL)	/* whole lines: back ends append in parallel */
			setvbuf(f, NULL, _IOLBF, 0);
	}
	if (f != NULL) {
		size_t i;
		char u[8];
		fprintf(f, "%s%.4f ", ragged ? "r" : "", em);
		for (i = l->start; i < l->end; i++)
			fwrite(u, 1, (size_t)utf8_encode(p->c[i].cp, u), f);
		fprintf(f, "\n");
	}
}

/* Place the characters of line l; stretch to width if asked. */
static void
place(struct para *p, struct lb_line *l, float width, float indent,
    int justify)
{
	struct lb_char	*c = p->c;
	size_t		 i, end = l->end, ngaps = 0;
	float		 x = indent, extra;

	while (end > l->start && (c[end - 1].cls == C_SP ||
	    c[end - 1].cls == C_NL))
		end--;
	for (i = l->start; i < end; i++) {
		if (i > l->start) {
			x += glue(&c[i - 1], &c[i]);
			if (stretchable(&c[i - 1], &c[i]))
				ngaps++;
		}
		c[i].x = x;
		x += set_adv(&c[i]);
		if (c[i].st->size > l->size)
			l->size = c[i].st->size;
	}
	l->width = x;
	if (l->size == 0 && l->start < l->end)
		l->size = c[l->start].st->size;
	if (!justify || ngaps == 0)
		return;
	extra = (width - x) / (float)ngaps;
	/* No gap opens by more than MAXSTRETCH: such a line stays ragged. */
	if (extra > MAXSTRETCH * l->size) {
		stats(p, l, extra / l->size, 1);
		return;
	}
	stats(p, l, extra / l->size, 0);
	x = 0;
	for (i = l->start + 1; i < end; i++) {
		if (stretchable(&c[i - 1], &c[i]))
			x += extra;
		c[i].x += x;
	}
	l->width = width;
}

/*
 * Total fit (Knuth and Plass, over the break opportunities of clreq).
 * Every way of breaking a paragraph is weighed and the one with the
 * least demerits is taken: a justified line costs (10 + 100 r³)², r
 * being how far its gaps open against the MAXSTRETCH they may (so the slack
 * an unbreakable number or time range leaves is spread over the lines
 * before it instead of opening one line wide); a line that cannot be
 * justified within MAXSTRETCH stays ragged at a high cost; a last line of
 * one character is avoided. Before a line is stretched or left
 * ragged, a closing mark at its end may give up its blank half
 * (clreq: line-end compression) or, if its ink is centred, squeeze the
 * gaps by up to half its width. A URL breaks after / . - and the like,
 * and a piece longer than the line at any character, only where
 * nothing else fits. Ragged text (table cells, flowchart boxes,
 * leaflets) takes the fewest lines, then the most even ones.
 */
#define D_RAGGED	1e6	/* a justified line left ragged */
#define D_LINE		1e4	/* a line of ragged text */
#define D_WIDOW		2500	/* a last line of a single character */
#define D_URL		1e8	/* a break inside a URL or a long time range */
#define D_ANY		1e10	/* a break anywhere in a too long piece */
#define D_OVER		1e13	/* a line wider than the measure */

enum { K_NONE, K_BRK, K_URL, K_ANY };

static int
end_halvable(const struct lb_char *c)
{
	return c->cls == C_CL && c->face >= 0 && !(c->flags & F_HALF) &&
	    c->cp >= 0x2000 && in_set(cl_left, NELEM(cl_left), c->cp);
}

struct kp {
	const struct lb_char *c;
	const float	*pw;		/* natural width of c[0..i) */
	const float	*gl;		/* glue before c[i] */
	const size_t	*sg;		/* stretchable gaps among c[0..i) */
	float		 width, indent, size;	/* size: 0 if mixed */
	size_t		 s0;		/* where the paragraph's first line starts */
	int		 justify;
};

/* The natural width of the line c[a..b), its gaps and its largest size. */
static float
kp_line(const struct kp *k, size_t a, size_t *bp, size_t *ngaps,
    float *size)
{
	size_t	b = *bp, i;
	float	w;

	while (b > a && k->c[b - 1].cls == C_SP)
		b--;
	*bp = b;
	if (b <= a) {
		*ngaps = 0;
		*size = 0;
		return a == k->s0 ? k->indent : 0;
	}
	w = k->pw[b] - k->pw[a] - k->gl[a] + (a == k->s0 ? k->indent : 0);
	*ngaps = k->sg[b] - k->sg[a + 1];
	*size = k->size;
	if (*size == 0)
		for (i = a; i < b; i++)
			if (k->c[i].st->size > *size)
				*size = k->c[i].st->size;
	return w;
}

/*
 * The demerits of the line c[a..b); last: it ends its paragraph or a
 * forced break. *half: its closing mark must be set half width.
 */
static double
kp_cost(const struct kp *k, size_t a, size_t b, int last, int *half,
    float *wp, float *sp)
{
	const struct lb_char *c = k->c;
	size_t	 t = b, ngaps;
	float	 size, w = kp_line(k, a, &t, &ngaps, &size), e;
	double	 r, d;

	*wp = w;
	*sp = size;
	*half = 0;
	if (t > a && w > k->width + 0.01f && c[t - 1].cls == C_CL) {
		if (end_halvable(&c[t - 1]) &&
		    w - c[t - 1].adv * 0.5f <= k->width + 0.01f) {
			*half = 1;
			w -= c[t - 1].adv * 0.5f;
		} else if (w - c[t - 1].adv * SQUEEZE <= k->width + 0.01f &&
		    (ngaps > 0 || !k->justify))
			w = k->width;	/* squeezed */
	}
	e = k->width - w;
	if (e < -0.01f)
		return D_OVER - e;
	if (last) {
		d = 0;
		/* one ideograph (and its marks) alone on a last line */
		if (a > k->s0 && t > a && ideograph(&c[a]) &&
		    (t == a + 1 || c[a + 1].cls == C_CL) &&
		    (t <= a + 2))
			d = D_WIDOW;
		return d + (k->justify ? 0 : D_LINE);
	}
	if (!k->justify) {
		r = e / k->width;
		return D_LINE + 100 * r * r;
	}
	if (e <= 0.01f)
		return 100;
	if (ngaps == 0 || e > ngaps * size * MAXSTRETCH) {
		r = e / k->width;	/* the emptier, the worse */
		return D_RAGGED * (1 + 10 * r * r);
	}
	r = e / (ngaps * size * MAXSTRETCH);
	d = 10 + 100 * r * r * r;
	return d * d;
}

/* Find the best breaks of the segment c[s..e) (e: a forced break or
 * the end of the paragraph): from[b] is where the line ending at b
 * starts. */
static void
kp_segment(const struct para *p, const struct kp *k, size_t s, size_t e,
    double *dm, size_t *from, unsigned char *kind)
{
	const struct lb_char *c = p->c;
	size_t		 i, a, b;
	int		 half;

	for (i = s + 1; i < e; i++) {
		if (can_break(&c[i - 1], &c[i]))
			kind[i] = K_BRK;
		else if (can_break_url(&c[i - 1], &c[i]))
			kind[i] = K_URL;
		else if (c[i].cls != C_SP && c[i].cls != C_NL)
			kind[i] = K_ANY;
		else
			kind[i] = K_NONE;
	}
	kind[e] = K_BRK;
	dm[s] = 0;
	for (b = s + 1; b <= e; b++) {
		dm[b] = -1;
		if (kind[b] == K_NONE)
			continue;
		for (a = b; a-- > s;) {
			float	sz, w;
			double	d;

			if (a != s && (kind[a] == K_NONE || dm[a] < 0))
				continue;
			d = kp_cost(k, a, b, b == e, &half, &w, &sz) + dm[a];
			if (kind[b] == K_URL)
				d += D_URL;
			else if (kind[b] == K_ANY)
				d += D_ANY;
			if (dm[b] < 0 || d < dm[b]) {
				dm[b] = d;
				from[b] = a;
			}
			/* no line from further back can fit */
			if (w - 0.5f * sz > k->width + 0.01f)
				break;
		}
	}
}

size_t
lb_break(struct para *p, float width, float indent, int justify)
{
	struct lb_char	*c = p->c;
	struct kp	 k;
	size_t		 n = p->n, i, s, e, j, nst, *from, *sg, *stk;
	float		*pw, *gl;
	double		*dm;
	unsigned char	*kind;
	int		 first = 1, half;

	p->nlines = 0;
	protect(p);
	halve_marks(p);
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		c[i].flags &= ~F_ENDHALF;
	/* the scratch arrays, kept with the paragraph */
	{
		size_t need = (n + 2) * (2 * sizeof(float) + 3 *
		    sizeof(size_t) + sizeof(double) + 1) + 64;
		if (p->scap < need) {
			free(p->scratch);
			p->scratch = xmalloc(need);
			p->scap = need;
		}
	}
	dm = (double *)(void *)p->scratch;
	from = (size_t *)(void *)(dm + n + 2);
	sg = from + n + 2;
	stk = sg + n + 2;
	pw = (float *)(void *)(stk + n + 2);
	gl = pw + n + 2;
	kind = (unsigned char *)(gl + n + 2);

	pw[0] = 0;
	gl[0] = 0;
	sg[0] = sg[1] = 0;
	k.size = c[0].st->size;
	for (i = 0; i < n; i++) {
		gl[i] = i > 0 ? glue(&c[i - 1], &c[i]) : 0;
		pw[i + 1] = pw[i] + gl[i] + c[i].adv;
		if (i > 0)
			sg[i + 1] = sg[i] + (stretchable(&c[i - 1], &c[i]) ?
			    1 : 0);
		if (c[i].cls != C_SP && c[i].cls != C_NL &&
		    c[i].st->size != k.size)
			k.size = 0;
	}
	gl[n] = 0;
	k.c = c;
	k.pw = pw;
	k.gl = gl;
	k.sg = sg;
	k.width = width;
	k.indent = indent;
	k.s0 = 0;
	k.justify = justify;

	s = 0;
	while (s < n) {
		/* skip spaces at a line start (not the first) */
		while (!first && s < n && c[s].cls == C_SP)
			s++;
		if (s >= n)
			break;
		for (e = s; e < n && c[e].cls != C_NL; e++)
			continue;
		if (first)
			k.s0 = s;
		else
			k.s0 = (size_t)-1;
		if (e == s) {
			stk[0] = s;
			nst = 0;
		} else {
			kp_segment(p, &k, s, e, dm, from, kind);
			for (nst = 0, j = e; j > s; j = from[j])
				stk[nst++] = j;
		}
		/* stk holds the line ends, last first */
		if (nst == 0) {
			add_line(p, s, e);
			place(p, &p->lines[p->nlines - 1], width,
			    first ? indent : 0, 0);
		}
		while (nst > 0) {
			size_t b = stk[--nst], a = p->nlines > 0 &&
			    p->lines[p->nlines - 1].end >= s ?
			    p->lines[p->nlines - 1].end : s;
			float w, sz;

			if (a != s && c[a].cls == C_NL)
				a = s;
			kp_cost(&k, a, b, b == e, &half, &w, &sz);
			if (half) {
				size_t t = b;
				while (t > a && c[t - 1].cls == C_SP)
					t--;
				c[t - 1].flags |= F_ENDHALF;
			}
			add_line(p, a, b);
			place(p, &p->lines[p->nlines - 1], width,
			    a == k.s0 ? indent : 0, justify && b != e);
		}
		first = 0;
		s = e < n ? e + 1 : e;
	}
	return p->nlines;
}

void
lb_minmax(struct para *p, float *min, float *max)
{
	struct lb_char	*c = p->c;
	size_t		 i;
	float		 piece = 0, line = 0;

	*min = *max = 0;
	protect(p);
	halve_marks(p);
	for (i = 0; i < p->n; i++) {
		if (c[i].cls == C_NL) {
			piece = line = 0;
			continue;
		}
		if (i > 0 && c[i - 1].cls != C_NL) {
			float g = glue(&c[i - 1], &c[i]);
			line += g;
			if (can_break(&c[i - 1], &c[i]) ||
			    can_break_url(&c[i - 1], &c[i]))
				piece = 0;
			else
				piece += g;
		}
		line += c[i].adv;
		if (c[i].cls != C_SP)
			piece += c[i].adv;
		else
			piece = 0;
		if (piece > *min)
			*min = piece;
		if (line > *max)
			*max = line;
	}
}

static void
flush_run(const struct para *p, struct dlist *dl, int page, size_t s,
    size_t e, float x0, float y, float tc)
{
	char		*tmp, *q;
	size_t		 i;
	struct dl_item	*it;

	if (e <= s)
		return;
	q = tmp = xmalloc((e - s) * 4 + 1);
	for (i = s; i < e; i++)
		q += utf8_encode(p->c[i].flags & (F_HALF | F_ENDHALF) ?
		    DL_HALF + p->c[i].cp : p->c[i].cp, q);
	it = dl_add(dl, page, DL_TEXT);
	it->x = x0 + p->c[s].x;
	it->y = y;
	it->face = p->c[s].face;
	it->size = p->c[s].st->size;
	it->color = p->c[s].st->color;
	it->tc = tc;
	it->text = dl_strdup(dl, tmp, (size_t)(q - tmp));
	free(tmp);
}

void
lb_emit(const struct para *p, size_t li, struct dlist *dl, int page,
    float x0, float y)
{
	const struct lb_line	*l = &p->lines[li];
	const struct lb_char	*c = p->c;
	size_t			 i, rs = l->start, end = l->end;
	float			 tc = 0;
	int			 have_tc = 0;

	while (end > l->start && (c[end - 1].cls == C_SP ||
	    c[end - 1].cls == C_NL))
		end--;
	for (i = l->start; i < end; i++) {
		int brk = 0;

		if (c[i].face < 0) {
			flush_run(p, dl, page, rs, i, x0, y, have_tc ? tc : 0);
			if (c[i].cls != C_SP && c[i].cls != C_NL) {
				struct dl_item *it = dl_add(dl, page,
				    DL_MISSING);
				float s = c[i].st->size;
				it->x = x0 + c[i].x + s * 0.08f;
				it->y = y - s * 0.82f;
				it->w = s * 0.84f;
				it->h = s * 0.9f;
				it->lw = 0.6f;
			}
			rs = i + 1;
			have_tc = 0;
			tc = 0;
			continue;
		}
		if (i > rs) {
			const struct lb_char *a = &c[i - 1], *b = &c[i];
			float gap = b->x - a->x - a->adv;
			if (a->face != b->face || a->st != b->st)
				brk = 1;
			else if (!have_tc) {
				tc = gap;
				have_tc = 1;
			} else if (gap - tc > 0.01f || tc - gap > 0.01f)
				brk = 1;
		}
		if (brk) {
			flush_run(p, dl, page, rs, i, x0, y, have_tc ? tc : 0);
			rs = i;
			have_tc = 0;
			tc = 0;
		}
	}
	flush_run(p, dl, page, rs, end, x0, y, have_tc ? tc : 0);

	/* links: one rectangle per run of characters with the same target */
	for (i = l->start; i < end; i++) {
		const struct tstyle *st = c[i].st;
		size_t j;
		struct dl_item *it;

		if (st->dest < 0 && st->uri == NULL)
			continue;
		for (j = i + 1; j < end && c[j].st == st; j++)
			;
		it = dl_add(dl, page, DL_LINK);
		it->x = x0 + c[i].x;
		it->w = c[j - 1].x + c[j - 1].adv - c[i].x;
		it->y = y - st->size * 0.9f;
		it->h = st->size * 1.15f;
		it->dest = st->dest;
		it->uri = st->uri ? dl_strdup(dl, st->uri,
		    strlen(st->uri)) : NULL;
		i = j - 1;
	}
}

void
lb_line_text(const struct para *p, size_t li, struct buf *b)
{
	const struct lb_line	*l = &p->lines[li];
	size_t			 i;
	char			 u[8];

	for (i = l->start; i < l->end; i++) {
		if (p->c[i].cls == C_NL)
			continue;
		buf_putn(b, u, (size_t)utf8_encode(p->c[i].cp, u));
	}
}
