/*
 * pdfops.c — character codes, ToUnicode maps and page content streams
 * shared by the two PDF painters (see pdfops.h).
 *
 * Glyph runs are written as "<codes> Tj": the codes are the ones given
 * to the face's subset (pdf_face_codes), so nothing looks characters up
 * in a font's cmap again. Coordinates: the display list has its origin
 * at the top left of the trim box with y down; PDF user space has it at
 * the bottom left of the sheet with y up.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "pdfops.h"
#include "subset.h"

static int
cmp_cp(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

/* The code of cp (DL_HALF + cp: its half-width variant), 0 if none. */
static unsigned
face_code(const struct pdf_face *f, unsigned cp)
{
	size_t	i;

	if (cp <= FONT_BMP_MAX)
		return f->code[cp];
	if (cp >= DL_HALF && cp - DL_HALF <= FONT_BMP_MAX)
		return f->hcode[cp - DL_HALF];
	for (i = 0; i < f->nastral; i++)
		if (f->astral[i] == cp)
			return f->acode[i];
	return 0;
}

void
pdf_faces_collect(const struct dlist *dl,
    struct pdf_face faces[FONT_MAX_FACES])
{
	size_t	pg, i;

	for (pg = 0; pg < dl->npages; pg++) {
		const struct dl_page *dp = dl_page(dl, (int)pg);

		for (i = 0; i < dp->nitems; i++) {
			const struct dl_item *it = &dp->items[i];
			unsigned char *used;
			const char *s;
			unsigned cp;
			int n;

			if (it->type != DL_TEXT || it->face < 0 ||
			    it->face >= FONT_MAX_FACES)
				continue;
			if (faces[it->face].used == NULL)
				faces[it->face].used =
				    xcalloc(1, FONT_BMP_MAX + 1);
			used = faces[it->face].used;
			for (s = it->text; *s; s += n) {
				n = utf8_decode(s, strlen(s), &cp);
				if (n == 0)
					break;
				if (cp <= FONT_BMP_MAX)
					used[cp] |= 1;
				else if (cp >= DL_HALF &&
				    cp - DL_HALF <= FONT_BMP_MAX)
					used[cp - DL_HALF] |= 2;
				else if (cp <= FONT_CP_MAX)
					/* beyond the BMP: rare, a short
					 * list per face */
					uniq_add(&faces[it->face].astral,
					    &faces[it->face].nastral, cp);
			}
		}
	}
	for (i = 0; i < FONT_MAX_FACES; i++)
		if (faces[i].nastral > 1)
			qsort(faces[i].astral, faces[i].nastral,
			    sizeof(*faces[i].astral), cmp_cp);
}

static void
face_alloc(struct pdf_face *f)
{
	if (f->code == NULL) {
		f->code = xcalloc(FONT_BMP_MAX + 1, sizeof(*f->code));
		f->hcode = xcalloc(FONT_BMP_MAX + 1, sizeof(*f->hcode));
		f->codes = xcalloc(2 * (FONT_BMP_MAX + 1) + f->nastral,
		    sizeof(*f->codes));
		f->acode = xcalloc(f->nastral + 1, sizeof(*f->acode));
	}
}

unsigned *
pdf_face_codes(struct pdf_face *f, struct fonts *fonts, int face,
    unsigned first, size_t *np)
{
	unsigned	*gids;
	size_t		 n = 0, k;
	unsigned	 cp;
	int		 pass;

	face_alloc(f);
	gids = xcalloc(2 * (FONT_BMP_MAX + 1) + f->nastral, sizeof(*gids));
	for (pass = 1; pass <= 2; pass++)
		for (cp = 0; cp <= FONT_BMP_MAX; cp++) {
			uint64_t word;
			if (cp % 8 == 0) {
				/* most of the BMP is not drawn */
				memcpy(&word, f->used + cp, sizeof(word));
				if (word == 0) {
					cp += 7;
					continue;
				}
			}
			if (!(f->used[cp] & pass) || n >= SUBSET_MAX)
				continue;
			gids[n] = fonts_gid(fonts, face, cp);
			f->codes[n].code = first + (unsigned)n;
			f->codes[n].cp = cp;
			f->codes[n].half = pass == 2;
			if (pass == 2)
				f->hcode[cp] = (unsigned short)(first + n);
			else
				f->code[cp] = (unsigned short)(first + n);
			n++;
		}
	for (k = 0; k < f->nastral && n < SUBSET_MAX; k++, n++) {
		gids[n] = fonts_gid(fonts, face, f->astral[k]);
		f->codes[n].code = first + (unsigned)n;
		f->codes[n].cp = f->astral[k];
		f->codes[n].half = 0;
		f->acode[k] = (unsigned short)(first + n);
	}
	f->ncodes = n;
	*np = n;
	return gids;
}

void
pdf_face_identity(struct pdf_face *f)
{
	size_t		 n = 0;
	unsigned	 cp;

	face_alloc(f);
	/* beyond the BMP nothing fits a two-byte code: not drawn */
	memset(f->acode, 0, f->nastral * sizeof(*f->acode));
	memset(f->code, 0, (FONT_BMP_MAX + 1) * sizeof(*f->code));
	for (cp = 0x20; cp <= FONT_BMP_MAX; cp++) {
		f->code[cp] = f->hcode[cp] = (unsigned short)cp;
		if (f->used[cp]) {
			f->codes[n].code = cp;
			f->codes[n].cp = cp;
			f->codes[n].half = 0;
			n++;
		}
	}
	f->ncodes = n;
}

void
pdf_faces_free(struct pdf_face faces[FONT_MAX_FACES])
{
	int	i;

	for (i = 0; i < FONT_MAX_FACES; i++) {
		free(faces[i].used);
		free(faces[i].code);
		free(faces[i].hcode);
		free(faces[i].codes);
		free(faces[i].astral);
		free(faces[i].acode);
		memset(&faces[i], 0, sizeof(faces[i]));
	}
}

/* Four hex digits. */
static void
hex4(struct buf *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	char	t[4];

	t[0] = hex[(v >> 12) & 15];
	t[1] = hex[(v >> 8) & 15];
	t[2] = hex[(v >> 4) & 15];
	t[3] = hex[v & 15];
	buf_putn(b, t, 4);
}

void
pdf_utf16(struct buf *b, unsigned cp)
{
	if (cp > 0xFFFF) {
		hex4(b, 0xD800 + ((cp - 0x10000) >> 10));
		hex4(b, 0xDC00 + ((cp - 0x10000) & 0x3FF));
	} else
		hex4(b, cp);
}

void
pdf_tounicode(const struct pdf_face *face, struct buf *b)
{
	struct buf	 ranges;
	size_t		 k;
	int		 n = 0;

	buf_init(&ranges);
	buf_puts(b, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (k = 0; k < face->ncodes; k++) {
		const struct fcode *f = &face->codes[k];
		size_t j = k;
		/* A bfrange may only vary the last byte of the code; a code
		 * point beyond the BMP is a UTF-16 surrogate pair. */
		while (f->cp <= 0xFFFF && j + 1 < face->ncodes &&
		    f[j - k + 1].code == f[j - k].code + 1 &&
		    f[j - k + 1].cp == f[j - k].cp + 1 &&
		    (f[j - k + 1].code & 0xFF00) == (f->code & 0xFF00))
			j++;
		buf_putc(&ranges, '<');
		hex4(&ranges, f->code);
		buf_puts(&ranges, "> <");
		hex4(&ranges, f[j - k].code);
		buf_puts(&ranges, "> <");
		pdf_utf16(&ranges, f->cp);
		buf_puts(&ranges, ">\n");
		k = j;
		if (++n == 100) {
			buf_printf(b, "100 beginbfrange\n%.*s"
			    "endbfrange\n", (int)ranges.len, ranges.data);
			ranges.len = 0;
			n = 0;
		}
	}
	if (n > 0)
		buf_printf(b, "%d beginbfrange\n%.*sendbfrange\n", n,
		    (int)ranges.len, ranges.data);
	buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource "
	    "pop\nend\nend\n");
	buf_free(&ranges);
}

void
pdf_num(struct buf *b, float v)
{
	char	 t[32], *e = t + sizeof(t), *q = e;
	long	 n = (long)(v * 100 + (v < 0 ? -0.5f : 0.5f));
	int	 neg = n < 0;

	if (neg)
		n = -n;
	if (n % 100) {
		if (n % 10)
			*--q = (char)('0' + n % 10);
		*--q = (char)('0' + n / 10 % 10);
		*--q = '.';
	}
	n /= 100;
	do
		*--q = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	if (neg)
		*--q = '-';
	buf_putn(b, q, (size_t)(e - q));
}

/* A colour component, 0..1, with at most three decimals. */
static void
comp(struct buf *b, float v)
{
	long	n = (long)(v * 1000 + 0.5f);

	if (n <= 0)
		buf_putc(b, '0');
	else if (n >= 1000)
		buf_putc(b, '1');
	else {
		char d[4];
		int len = 3;
		d[0] = (char)('0' + n / 100);
		d[1] = (char)('0' + n / 10 % 10);
		d[2] = (char)('0' + n % 10);
		while (d[len - 1] == '0')
			len--;
		buf_printf(b, "0.%.*s", len, d);
	}
}

void
pdf_cmyk(float r, float g, float b, float v[4])
{
	float	k = 1 - (r > g ? (r > b ? r : b) : (g > b ? g : b));

	v[0] = k < 1 ? (1 - r - k) / (1 - k) : 0;
	v[1] = k < 1 ? (1 - g - k) / (1 - k) : 0;
	v[2] = k < 1 ? (1 - b - k) / (1 - k) : 0;
	v[3] = k;
}

void
pdf_color(const struct pdf_pen *p, unsigned c, int stroke, struct buf *b)
{
	float	r = ((c >> 16) & 0xff) / 255.0f;
	float	g = ((c >> 8) & 0xff) / 255.0f;
	float	bl = (c & 0xff) / 255.0f;

	if (p->opts && p->opts->print) {
		float v[4];
		int i;
		pdf_cmyk(r, g, bl, v);
		for (i = 0; i < 4; i++) {
			comp(b, v[i]);
			buf_putc(b, ' ');
		}
		buf_puts(b, stroke ? "K\n" : "k\n");
	} else {
		comp(b, r);
		buf_putc(b, ' ');
		comp(b, g);
		buf_putc(b, ' ');
		comp(b, bl);
		buf_puts(b, stroke ? " RG\n" : " rg\n");
	}
}

/* Page coordinates (top-left, y down) to PDF user space. */
#define PX(p, x)	((p)->ox + (x))
#define PY(p, y)	((p)->ph - (p)->oy - (y))

void
pdf_pt(struct buf *b, float x, float y, const char *op)
{
	pdf_num(b, x);
	buf_putc(b, ' ');
	pdf_num(b, y);
	buf_putc(b, ' ');
	buf_puts(b, op);
}

/*
 * Colours and the line width are graphics state: they are set only when
 * they change (also across BT/ET). Filled rectangles in a row of one
 * colour (a QR code, table shading) are one path: "re" each, then "f".
 */
static void
flush_fill(struct pdf_pen *p, struct buf *b)
{
	if (p->pending) {
		buf_puts(b, "f\n");
		p->pending = 0;
	}
}

static void
fill(struct pdf_pen *p, unsigned c, struct buf *b)
{
	if (p->cur_fill != c) {
		flush_fill(p, b);
		pdf_color(p, c, 0, b);
		p->cur_fill = c;
	}
}

static void
stroke(struct pdf_pen *p, unsigned c, struct buf *b)
{
	if (p->cur_stroke != c) {
		pdf_color(p, c, 1, b);
		p->cur_stroke = c;
	}
}

static void
line_width(struct pdf_pen *p, float w, struct buf *b)
{
	if (p->cur_lw != w) {
		pdf_num(b, w);
		buf_puts(b, " w\n");
		p->cur_lw = w;
	}
}

static void
end_text(struct pdf_pen *p, struct buf *b)
{
	if (p->in_text) {
		buf_puts(b, "ET\n");
		p->in_text = 0;
	}
}

static void
rect(struct pdf_pen *p, struct buf *b, float x, float y, float w, float h)
{
	pdf_num(b, PX(p, x));
	buf_putc(b, ' ');
	pdf_num(b, PY(p, y + h));
	buf_putc(b, ' ');
	pdf_num(b, w);
	buf_putc(b, ' ');
	pdf_num(b, h);
	buf_puts(b, " re\n");
}

static void
paint_text(struct pdf_pen *p, const struct dl_item *it, struct buf *b)
{
	const struct pdf_face *f;
	const char	*s, *name;
	unsigned	 cp;
	int		 n;
	float		 x = PX(p, it->x), y = PY(p, it->y);

	if (it->face < 0 || it->face >= FONT_MAX_FACES)
		return;
	f = &p->faces[it->face];
	if (f->code == NULL)
		return;
	if (!p->in_text) {
		buf_puts(b, "BT\n");
		p->in_text = 1;
		p->cur_face = -1;	/* Tc and the fill persist: graphics state */
		p->lx = p->ly = 0;
	}
	if (p->cur_face != it->face || p->cur_size != it->size) {
		if ((name = p->font_name(p->arg, it->face)) == NULL)
			return;
		buf_printf(b, "/%s ", name);
		pdf_num(b, it->size);
		buf_puts(b, " Tf\n");
		p->cur_face = it->face;
		p->cur_size = it->size;
	}
	if (p->cur_tc != it->tc) {
		pdf_num(b, it->tc);
		buf_puts(b, " Tc\n");
		p->cur_tc = it->tc;
	}
	fill(p, it->color, b);
	pdf_pt(b, x - p->lx, y - p->ly, "Td <");
	p->lx = x;
	p->ly = y;
	for (s = it->text; *s; s += n) {
		n = utf8_decode(s, strlen(s), &cp);
		if (n == 0)
			break;
		if ((cp = face_code(f, cp)) == 0)
			continue;
		hex4(b, cp);
	}
	buf_puts(b, "> Tj\n");
}

static void
paint_rect(struct pdf_pen *p, const struct dl_item *it, struct buf *b)
{
	float	x = it->x, y = it->y, w = it->w, h = it->h;

	if (it->type == DL_RECT && it->color != DL_NONE &&
	    it->stroke == DL_NONE) {
		if (p->opts && p->opts->print) {
			/* a background touching the trim runs into the
			 * bleed */
			float bl = p->opts->bleed;
			if (x <= 0.01f) { x -= bl; w += bl; }
			if (y <= 0.01f) { y -= bl; h += bl; }
			if (it->x + it->w >= p->dl->width - 0.01f)
				w += bl;
			if (it->y + it->h >= p->dl->height - 0.01f)
				h += bl;
		}
		fill(p, it->color, b);
		rect(p, b, x, y, w, h);
		p->pending = 1;
		return;
	}
	flush_fill(p, b);
	if (it->type == DL_RECT && it->color != DL_NONE)
		fill(p, it->color, b);
	if (it->stroke != DL_NONE || it->type == DL_MISSING) {
		line_width(p, it->lw > 0 ? it->lw : 0.5f, b);
		stroke(p, it->type == DL_MISSING ? 0xC00000 : it->stroke, b);
	}
	rect(p, b, x, y, w, h);
	if (it->type == DL_MISSING) {
		buf_puts(b, "S\n");
		pdf_pt(b, PX(p, x), PY(p, y), "m\n");
		pdf_pt(b, PX(p, x + w), PY(p, y + h), "l\n");
		pdf_pt(b, PX(p, x + w), PY(p, y), "m\n");
		pdf_pt(b, PX(p, x), PY(p, y + h), "l\nS\n");
	} else if (it->color != DL_NONE && it->stroke != DL_NONE)
		buf_puts(b, "B\n");
	else if (it->color != DL_NONE)
		buf_puts(b, "f\n");
	else
		buf_puts(b, "S\n");
}

static void
paint_path(struct pdf_pen *p, const struct dl_item *it, struct buf *b)
{
	float	x1, y1, x2, y2, dx, dy, l, s;
	float	hl = 4.5f, hw = 2.2f;
	int	i;

	if (it->npts < 2)
		return;
	line_width(p, it->lw, b);
	stroke(p, it->stroke, b);
	pdf_pt(b, PX(p, it->pts[0]), PY(p, it->pts[1]), "m\n");
	for (i = 1; i < it->npts; i++)
		pdf_pt(b, PX(p, it->pts[2 * i]), PY(p, it->pts[2 * i + 1]),
		    "l\n");
	buf_puts(b, "S\n");
	if (!it->arrow)
		return;
	/* A filled head pointing along the last segment. */
	x1 = it->pts[2 * it->npts - 4];
	y1 = it->pts[2 * it->npts - 3];
	x2 = it->pts[2 * it->npts - 2];
	y2 = it->pts[2 * it->npts - 1];
	dx = x2 - x1;
	dy = y2 - y1;
	l = dx * dx + dy * dy;
	if (l <= 0)
		return;
	s = 1.0f / sqrtf(l);
	dx *= s;
	dy *= s;
	fill(p, it->stroke, b);
	pdf_pt(b, PX(p, x2), PY(p, y2), "m\n");
	pdf_pt(b, PX(p, x2 - dx * hl - dy * hw), PY(p, y2 - dy * hl + dx * hw),
	    "l\n");
	pdf_pt(b, PX(p, x2 - dx * hl + dy * hw), PY(p, y2 - dy * hl - dx * hw),
	    "l\nh\nf\n");
}

void
pdf_pen_page(struct pdf_pen *p, int pi, struct buf *b)
{
	const struct dl_page	*dp = dl_page(p->dl, pi);
	size_t			 i;

	p->in_text = 0;
	p->pending = 0;
	p->cur_face = -1;
	p->cur_tc = 0;
	p->cur_fill = p->cur_stroke = DL_NONE;	/* set before first use */
	p->cur_lw = -1;
	for (i = 0; i < dp->nitems; i++) {
		const struct dl_item *it = &dp->items[i];

		if (it->type == DL_LINK)
			continue;
		if (it->type == DL_RECT || it->type == DL_MISSING) {
			end_text(p, b);
			paint_rect(p, it, b);
			continue;
		}
		flush_fill(p, b);
		if (it->type == DL_TEXT) {
			paint_text(p, it, b);
			continue;
		}
		end_text(p, b);
		switch (it->type) {
		case DL_RULE:
			line_width(p, it->lw, b);
			stroke(p, it->stroke == DL_NONE ? it->color :
			    it->stroke, b);
			pdf_pt(b, PX(p, it->x), PY(p, it->y), "m\n");
			pdf_pt(b, PX(p, it->x2), PY(p, it->y2), "l\nS\n");
			break;
		case DL_PATH:
			paint_path(p, it, b);
			break;
		case DL_IMAGE: {
			const char *name = p->image_name ?
			    p->image_name(p->arg, it) : NULL;
			if (name == NULL)
				break;
			buf_puts(b, "q\n");
			pdf_num(b, it->w);
			buf_puts(b, " 0 0 ");
			pdf_num(b, it->h);
			buf_putc(b, ' ');
			pdf_pt(b, PX(p, it->x), PY(p, it->y + it->h), "cm\n");
			buf_printf(b, "/%s Do\nQ\n", name);
			break;
		}
		default:
			break;
		}
	}
	flush_fill(p, b);
	end_text(p, b);
}
