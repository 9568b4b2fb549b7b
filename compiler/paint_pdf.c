/*
 * paint_pdf.c — the libharu painter: display list → PDF. The only file
 * that includes hpdf.h.
 *
 * Text goes through libharu's UTF-8 encoder into embedded, subset
 * CIDFontType2 fonts whose character codes are the BMP code points.
 * libharu 2.3.0 then attaches its *encoding* CMap as the ToUnicode map,
 * which poppler rejects ("Invalid 'begincidrange' operator in ToUnicode
 * CMap"); before saving we rewrite that stream as a proper ToUnicode
 * CMap (bfrange) over exactly the code points drawn with the font.
 *
 * The same code paints the print variant: CMYK with black as 100% K,
 * bleed and trim boxes, crop marks, padding to a multiple of four pages
 * and saddle-stitch imposition (two pages side by side per sheet, each
 * painted from the same display list at an offset).
 */
#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_doc.h>
#include <hpdf_streams.h>
#include <hpdf_pages.h>
#include <hpdf_font.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <math.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "dlist.h"
#include "font.h"
#include "paint.h"
#include "subset.h"

#define MARK_LEN	12.0f	/* pt, crop mark length */

struct fcode {
	unsigned	 code;
	unsigned	 cp;
	int		 half;		/* half the advance (DL_HALF) */
};

struct painter {
	HPDF_Doc		 pdf;
	const struct dlist	*dl;
	struct fonts		*fonts;
	const struct paint_opts	*opts;
	HPDF_Font		 font[FONT_MAX_FACES];
	unsigned char		*used[FONT_MAX_FACES];	/* BMP bitmaps */
	/* character code of each code point and of its half-width
	 * variant (0: not drawn); the codes in order with their code
	 * points, for ToUnicode and widths */
	unsigned short		*code[FONT_MAX_FACES];
	unsigned short		*hcode[FONT_MAX_FACES];
	struct fcode		*codes[FONT_MAX_FACES];
	size_t			 ncodes[FONT_MAX_FACES];
	char			*tmpfont[FONT_MAX_FACES];	/* subset file */
	const char		*path;
	HPDF_Page		*pages;		/* one per dlist page */
	int			 npages;
	HPDF_STATUS		 err;
	HPDF_STATUS		 detail;
	/* per page state */
	HPDF_Page		 page;
	float			 ox, oy, ph;	/* offset, sheet height */
	int			 in_text;
	float			 lx, ly;	/* text line matrix origin */
	struct buf		 tj;		/* scratch for Tj operands */
	int			 cur_face;
	float			 cur_size, cur_tc;
	unsigned		 cur_fill;
};

static void
on_error(HPDF_STATUS err, HPDF_STATUS detail, void *data)
{
	struct painter	*p = data;

	if (p->err == 0) {
		p->err = err;
		p->detail = detail;
	}
}

/*
 * Before painting: find the code points each face draws, write a subset
 * font beside the output (unlinked after saving; libharu reads the file
 * again when it embeds), and give the code points consecutive character
 * codes from SUBSET_FIRST. A face the subsetter cannot read is loaded
 * whole, with the code points themselves as codes.
 */
static void
load_fonts(struct painter *p)
{
	const struct dlist	*dl = p->dl;
	size_t			 pg, i;
	int			 face;

	for (pg = 0; pg < dl->npages; pg++)
		for (i = 0; i < dl->pages[pg].nitems; i++) {
			const struct dl_item *it = &dl->pages[pg].items[i];
			const char *s;
			unsigned cp;
			int n;
			if (it->type != DL_TEXT || it->face < 0 ||
			    it->face >= FONT_MAX_FACES)
				continue;
			if (p->used[it->face] == NULL)
				p->used[it->face] = xcalloc(1, FONT_BMP_MAX + 1);
			for (s = it->text; *s; s += n) {
				n = utf8_decode(s, strlen(s), &cp);
				if (n == 0)
					break;
				if (cp <= FONT_BMP_MAX)
					p->used[it->face][cp] |= 1;
				else if (cp >= DL_HALF &&
				    cp - DL_HALF <= FONT_BMP_MAX)
					p->used[it->face][cp - DL_HALF] |= 2;
			}
		}
	for (face = 0; face < FONT_MAX_FACES; face++) {
		const unsigned char *data;
		size_t len, n = 0;
		unsigned cp, *gids;
		struct buf b;
		const char *name = NULL;
		struct fcode *fc;
		int pass;

		if (p->used[face] == NULL)
			continue;
		p->code[face] = xcalloc(FONT_BMP_MAX + 1, sizeof(unsigned short));
		p->hcode[face] = xcalloc(FONT_BMP_MAX + 1,
		    sizeof(unsigned short));
		fc = p->codes[face] = xcalloc(2 * (FONT_BMP_MAX + 1),
		    sizeof(struct fcode));
		gids = xcalloc(2 * (FONT_BMP_MAX + 1), sizeof(unsigned));
		/* the code points, then the half-width variants */
		for (pass = 1; pass <= 2; pass++)
			for (cp = 0; cp <= FONT_BMP_MAX; cp++)
				if ((p->used[face][cp] & pass) &&
				    n < SUBSET_MAX) {
					gids[n] = fonts_gid(p->fonts, face, cp);
					fc[n].code = SUBSET_FIRST + (unsigned)n;
					fc[n].cp = cp;
					fc[n].half = pass == 2;
					n++;
				}
		buf_init(&b);
		data = fonts_data(p->fonts, face, &len);
		if (data && subset_ttf(data, len, fonts_index(p->fonts, face),
		    gids, n, &b) == 0) {
			p->tmpfont[face] = xasprintf("%s.font%d.ttf", p->path,
			    face);
			if (file_write_atomic(p->tmpfont[face], b.data,
			    b.len) == 0)
				name = HPDF_LoadTTFontFromFile(p->pdf,
				    p->tmpfont[face], HPDF_TRUE);
		}
		buf_free(&b);
		free(gids);
		if (name != NULL) {
			p->ncodes[face] = n;
			for (i = 0; i < n; i++) {
				if (fc[i].half)
					p->hcode[face][fc[i].cp] =
					    (unsigned short)fc[i].code;
				else
					p->code[face][fc[i].cp] =
					    (unsigned short)fc[i].code;
			}
		} else {
			/* the whole face; codes are the code points and the
			 * half-width variants are drawn whole */
			const char *path = fonts_path(p->fonts, face);
			size_t pl = strlen(path);
			HPDF_ResetError(p->pdf);
			p->err = 0;
			if (pl > 4 && strcasecmp(path + pl - 4, ".ttc") == 0)
				name = HPDF_LoadTTFontFromFile2(p->pdf, path,
				    (HPDF_UINT)fonts_index(p->fonts, face),
				    HPDF_TRUE);
			else
				name = HPDF_LoadTTFontFromFile(p->pdf, path,
				    HPDF_TRUE);
			n = 0;
			for (cp = 0x20; cp <= FONT_BMP_MAX; cp++) {
				p->code[face][cp] = p->hcode[face][cp] =
				    (unsigned short)cp;
				if (p->used[face][cp]) {
					fc[n].code = cp;
					fc[n].cp = cp;
					fc[n].half = 0;
					n++;
				}
			}
			p->ncodes[face] = n;
		}
		if (name != NULL)
			p->font[face] = HPDF_GetFont(p->pdf, name, "UTF-8");
	}
}

static HPDF_Font
get_font(struct painter *p, int face)
{
	return face >= 0 && face < FONT_MAX_FACES ? p->font[face] : NULL;
}

/* RGB fill or stroke, or CMYK in print mode (black → 0 0 0 1). */
static void
set_color(struct painter *p, unsigned c, int stroke)
{
	float	r = ((c >> 16) & 0xff) / 255.0f;
	float	g = ((c >> 8) & 0xff) / 255.0f;
	float	b = (c & 0xff) / 255.0f;

	if (p->opts->print) {
		float k = 1 - (r > g ? (r > b ? r : b) : (g > b ? g : b));
		float cc = k < 1 ? (1 - r - k) / (1 - k) : 0;
		float m = k < 1 ? (1 - g - k) / (1 - k) : 0;
		float y = k < 1 ? (1 - b - k) / (1 - k) : 0;
		if (stroke)
			HPDF_Page_SetCMYKStroke(p->page, cc, m, y, k);
		else
			HPDF_Page_SetCMYKFill(p->page, cc, m, y, k);
	} else if (stroke)
		HPDF_Page_SetRGBStroke(p->page, r, g, b);
	else
		HPDF_Page_SetRGBFill(p->page, r, g, b);
}

static void
end_text(struct painter *p)
{
	p->cur_fill = DL_NONE;	/* paths set their own colours */
	if (p->in_text) {
		HPDF_Page_EndText(p->page);
		p->in_text = 0;
	}
}

/* Page coordinates (top-left, y down) to PDF user space. */
#define PX(p, x)	((p)->ox + (x))
#define PY(p, y)	((p)->ph - (p)->oy - (y))

/* A number for a content stream: at most two decimals, no exponent. */
static void
put_num(struct buf *b, float v)
{
	long	n = (long)(v * 100 + (v < 0 ? -0.5f : 0.5f));

	if (n < 0) {
		buf_putc(b, '-');
		n = -n;
	}
	buf_printf(b, "%ld", n / 100);
	if (n % 100)
		buf_printf(b, n % 10 ? ".%02ld" : ".%ld", n % 10 ?
		    n % 100 : n % 100 / 10);
}

/*
 * Glyph runs are written straight into the page's content stream as
 * "<codes> Tj" (the codes are the BMP code points, as libharu's UTF-8
 * encoder would write them): HPDF_Page_ShowText looks every character
 * up in the font's cmap again, which was a fifth of the run time. The
 * glyphs are marked used for the subset once per code point at the end
 * (mark_used). Font, size, Tc and colour still go through libharu, so
 * the page's resources are right.
 */
static void
paint_text(struct painter *p, const struct dl_item *it)
{
	static const char hex[] = "0123456789ABCDEF";
	HPDF_Font	 f = get_font(p, it->face);
	HPDF_PageAttr	 attr;
	const char	*s;
	unsigned	 cp;
	int		 n;
	float		 x = PX(p, it->x), y = PY(p, it->y);

	if (f == NULL)
		return;
	if (!p->in_text) {
		HPDF_Page_BeginText(p->page);
		p->in_text = 1;
		p->cur_face = -1;	/* Tc and the fill persist: graphics state */
		p->lx = p->ly = 0;
	}
	if (p->cur_face != it->face || p->cur_size != it->size) {
		HPDF_Page_SetFontAndSize(p->page, f, it->size);
		p->cur_face = it->face;
		p->cur_size = it->size;
	}
	if (p->cur_tc != it->tc) {
		HPDF_Page_SetCharSpace(p->page, it->tc);
		p->cur_tc = it->tc;
	}
	if (p->cur_fill != it->color) {
		set_color(p, it->color, 0);
		p->cur_fill = it->color;
	}
	p->tj.len = 0;
	put_num(&p->tj, x - p->lx);
	buf_putc(&p->tj, ' ');
	put_num(&p->tj, y - p->ly);
	buf_puts(&p->tj, " Td <");
	p->lx = x;
	p->ly = y;
	for (s = it->text; *s; s += n) {
		n = utf8_decode(s, strlen(s), &cp);
		if (n == 0)
			break;
		if (cp >= DL_HALF && cp - DL_HALF <= FONT_BMP_MAX)
			cp = p->hcode[it->face][cp - DL_HALF];
		else if (cp <= FONT_BMP_MAX)
			cp = p->code[it->face][cp];
		else
			continue;
		buf_putc(&p->tj, hex[(cp >> 12) & 15]);
		buf_putc(&p->tj, hex[(cp >> 8) & 15]);
		buf_putc(&p->tj, hex[(cp >> 4) & 15]);
		buf_putc(&p->tj, hex[cp & 15]);
	}
	buf_puts(&p->tj, "> Tj\n");
	attr = (HPDF_PageAttr)((HPDF_Dict)p->page)->attr;
	HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)p->tj.data,
	    (HPDF_UINT)p->tj.len);
}

/* Mark every drawn glyph for the subset (libharu marks on measuring). */
static void
mark_used(struct painter *p, int face)
{
	char	u[4];
	size_t	k;

	for (k = 0; k < p->ncodes[face]; k++) {
		unsigned c = p->codes[face][k].code;
		if (c >= 0x20 && (c < 0xD800 || c > 0xDFFF))
			HPDF_Font_TextWidth(p->font[face], (const HPDF_BYTE *)u,
			    (HPDF_UINT)utf8_encode(c, u));
	}
}

static void
paint_item(struct painter *p, const struct dl_item *it)
{
	HPDF_Page	pg = p->page;
	int		i;

	if (it->type == DL_TEXT) {
		paint_text(p, it);
		return;
	}
	end_text(p);
	switch (it->type) {
	case DL_RULE:
		HPDF_Page_SetLineWidth(pg, it->lw);
		set_color(p, it->stroke == DL_NONE ? it->color : it->stroke, 1);
		HPDF_Page_MoveTo(pg, PX(p, it->x), PY(p, it->y));
		HPDF_Page_LineTo(pg, PX(p, it->x2), PY(p, it->y2));
		HPDF_Page_Stroke(pg);
		break;
	case DL_RECT:
	case DL_MISSING:
		if (it->type == DL_RECT && it->color != DL_NONE)
			set_color(p, it->color, 0);
		if (it->type == DL_RECT && p->opts->print &&
		    it->color != DL_NONE && it->stroke == DL_NONE) {
			/* a background touching the trim runs into the bleed */
			float x = it->x, y = it->y, w = it->w, h = it->h;
			float b = p->opts->bleed;
			if (x <= 0.01f) { x -= b; w += b; }
			if (y <= 0.01f) { y -= b; h += b; }
			if (it->x + it->w >= p->dl->width - 0.01f)
				w += b;
			if (it->y + it->h >= p->dl->height - 0.01f)
				h += b;
			HPDF_Page_Rectangle(pg, PX(p, x), PY(p, y + h), w, h);
			HPDF_Page_Fill(pg);
			break;
		}
		if (it->stroke != DL_NONE || it->type == DL_MISSING) {
			HPDF_Page_SetLineWidth(pg, it->lw > 0 ? it->lw : 0.5f);
			set_color(p, it->type == DL_MISSING ? 0xC00000 :
			    it->stroke, 1);
		}
		HPDF_Page_Rectangle(pg, PX(p, it->x), PY(p, it->y + it->h),
		    it->w, it->h);
		if (it->type == DL_MISSING) {
			HPDF_Page_Stroke(pg);
			HPDF_Page_MoveTo(pg, PX(p, it->x), PY(p, it->y));
			HPDF_Page_LineTo(pg, PX(p, it->x + it->w),
			    PY(p, it->y + it->h));
			HPDF_Page_MoveTo(pg, PX(p, it->x + it->w), PY(p, it->y));
			HPDF_Page_LineTo(pg, PX(p, it->x), PY(p, it->y + it->h));
			HPDF_Page_Stroke(pg);
		} else if (it->color != DL_NONE && it->stroke != DL_NONE)
			HPDF_Page_FillStroke(pg);
		else if (it->color != DL_NONE)
			HPDF_Page_Fill(pg);
		else
			HPDF_Page_Stroke(pg);
		break;
	case DL_PATH:
		if (it->npts < 2)
			break;
		HPDF_Page_SetLineWidth(pg, it->lw);
		set_color(p, it->stroke, 1);
		HPDF_Page_MoveTo(pg, PX(p, it->pts[0]), PY(p, it->pts[1]));
		for (i = 1; i < it->npts; i++)
			HPDF_Page_LineTo(pg, PX(p, it->pts[2 * i]),
			    PY(p, it->pts[2 * i + 1]));
		HPDF_Page_Stroke(pg);
		if (it->arrow) {
			/* A filled head pointing along the last segment. */
			float x1 = it->pts[2 * it->npts - 4];
			float y1 = it->pts[2 * it->npts - 3];
			float x2 = it->pts[2 * it->npts - 2];
			float y2 = it->pts[2 * it->npts - 1];
			float dx = x2 - x1, dy = y2 - y1, l;
			float hl = 4.5f, hw = 2.2f;
			l = dx * dx + dy * dy;
			if (l <= 0)
				break;
			{
				float s = 1.0f / sqrtf(l);
				dx *= s;
				dy *= s;
			}
			set_color(p, it->stroke, 0);
			HPDF_Page_MoveTo(pg, PX(p, x2), PY(p, y2));
			HPDF_Page_LineTo(pg, PX(p, x2 - dx * hl - dy * hw),
			    PY(p, y2 - dy * hl + dx * hw));
			HPDF_Page_LineTo(pg, PX(p, x2 - dx * hl + dy * hw),
			    PY(p, y2 - dy * hl - dx * hw));
			HPDF_Page_ClosePath(pg);
			HPDF_Page_Fill(pg);
		}
		break;
	default:
		break;
	}
}

static void
paint_links(struct painter *p, int pi, HPDF_Page pg)
{
	const struct dl_page	*dp = &p->dl->pages[pi];
	size_t			 i;

	for (i = 0; i < dp->nitems; i++) {
		const struct dl_item *it = &dp->items[i];
		HPDF_Rect r;
		HPDF_Annotation a;

		if (it->type != DL_LINK)
			continue;
		r.left = it->x;
		r.right = it->x + it->w;
		r.top = p->dl->height - it->y;
		r.bottom = p->dl->height - it->y - it->h;
		if (it->dest >= 0 && (size_t)it->dest < p->dl->ndests) {
			const struct dl_dest *d = &p->dl->dests[it->dest];
			HPDF_Destination dst;
			if (d->page < 0 || d->page >= p->npages)
				continue;
			dst = HPDF_Page_CreateDestination(p->pages[d->page]);
			HPDF_Destination_SetFitH(dst,
			    p->dl->height - d->y + 2);
			a = HPDF_Page_CreateLinkAnnot(pg, r, dst);
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		} else if (it->uri) {
			a = HPDF_Page_CreateURILinkAnnot(pg, r, it->uri);
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		}
	}
}

static void
paint_page(struct painter *p, int pi)
{
	const struct dl_page	*dp = &p->dl->pages[pi];
	size_t			 i;

	p->in_text = 0;
	p->cur_face = -1;
	p->cur_tc = 0;
	p->cur_fill = DL_NONE;
	for (i = 0; i < dp->nitems; i++)
		paint_item(p, &dp->items[i]);
	end_text(p);
}

static void
crop_marks(struct painter *p, float x0, float y0, float w, float h)
{
	float	b = p->opts->bleed, m = MARK_LEN;
	float	xs[2] = { x0, x0 + w }, ys[2] = { y0, y0 + h };
	int	i, j;

	HPDF_Page_SetLineWidth(p->page, 0.25f);
	set_color(p, 0x000000, 1);
	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++) {
			float x = xs[i], y = ys[j];
			float dx = i ? 1 : -1, dy = j ? 1 : -1;
			HPDF_Page_MoveTo(p->page, x + dx * (b + 2), y);
			HPDF_Page_LineTo(p->page, x + dx * (b + 2 + m), y);
			HPDF_Page_MoveTo(p->page, x, y + dy * (b + 2));
			HPDF_Page_LineTo(p->page, x, y + dy * (b + 2 + m));
		}
	HPDF_Page_Stroke(p->page);
}

static void
set_box(struct painter *p, HPDF_Page pg, const char *key, float l, float b,
    float r, float t)
{
	HPDF_Box box;

	box.left = l;
	box.bottom = b;
	box.right = r;
	box.top = t;
	HPDF_Dict_Add((HPDF_Dict)pg, key,
	    HPDF_Box_Array_New(p->pdf->mmgr, box));
}

/* Rewrite libharu's ToUnicode stream of one font as bfranges. */
static void
fix_tounicode(struct painter *p, int face)
{
	HPDF_Dict	 font = (HPDF_Dict)p->font[face];
	HPDF_Dict	 cmap;
	HPDF_Stream	 s;
	struct buf	 b, ranges;
	size_t		 k;
	int		 n = 0, total = 0;

	cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (cmap == NULL || cmap->stream == NULL)
		return;
	s = cmap->stream;
	HPDF_MemStream_FreeData(s);
	HPDF_Dict_RemoveElement(cmap, "Type");
	HPDF_Dict_RemoveElement(cmap, "CMapName");
	HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cmap, "WMode");

	buf_init(&b);
	buf_init(&ranges);
	buf_puts(&b, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (k = 0; k < p->ncodes[face]; k++) {
		const struct fcode *f = &p->codes[face][k];
		size_t j = k;
		/* A bfrange may only vary the last byte of the code. */
		while (j + 1 < p->ncodes[face] &&
		    f[j - k + 1].code == f[j - k].code + 1 &&
		    f[j - k + 1].cp == f[j - k].cp + 1 &&
		    (f[j - k + 1].code & 0xFF00) == (f->code & 0xFF00))
			j++;
		buf_printf(&ranges, "<%04X> <%04X> <%04X>\n", f->code,
		    f[j - k].code, f->cp);
		k = j;
		n++;
		total++;
		if (n == 100) {
			buf_printf(&b, "100 beginbfrange\n%.*s"
			    "endbfrange\n", (int)ranges.len, ranges.data);
			ranges.len = 0;
			n = 0;
		}
	}
	if (n > 0)
		buf_printf(&b, "%d beginbfrange\n%.*sendbfrange\n", n,
		    (int)ranges.len, ranges.data);
	buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource "
	    "pop\nend\nend\n");
	HPDF_Stream_Write(s, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	buf_free(&b);
	buf_free(&ranges);
	(void)total;
}

/*
 * libharu writes a W (widths) array with an entry for every BMP code
 * that differs from the default width, used or not — half a megabyte
 * per font that every reader parses again for every page (pdftotext
 * took 6 s on a 250-page book) — and a CIDToGIDMap for all 65,536
 * codes. Keep only the codes drawn.
 */
static void
compact_font(struct painter *p, int face)
{
	HPDF_FontAttr	 attr = (HPDF_FontAttr)((HPDF_Dict)p->font[face])->attr;
	HPDF_Dict	 desc = attr->descendant_font;
	HPDF_MMgr	 mm = p->pdf->mmgr;
	HPDF_Array	 w, run = NULL;
	size_t		 k;
	unsigned	 last = 0, hi = 0;

	if (desc == NULL)
		return;
	w = HPDF_Array_New(mm);
	for (k = 0; k < p->ncodes[face]; k++) {
		const struct fcode *f = &p->codes[face][k];
		int adv = fonts_advance(p->fonts, face, f->cp);
		if (run == NULL || f->code != last + 1) {
			HPDF_Array_AddNumber(w, (HPDF_INT32)f->code);
			run = HPDF_Array_New(mm);
			HPDF_Array_Add(w, run);
		}
		HPDF_Array_AddNumber(run, f->half ? adv / 2 : adv);
		last = f->code;
		if (f->code > hi)
			hi = f->code;
	}
	HPDF_Dict_Add(desc, "W", w);

	if (attr->map_stream && attr->map_stream->stream) {
		HPDF_Stream	 st = attr->map_stream->stream;
		HPDF_UINT	 n = HPDF_MemStream_GetBufCount(st), i, len;
		size_t		 want = ((size_t)hi + 1) * 2, have = 0;
		unsigned char	*data = xmalloc(want);

		for (i = 0; i < n && have < want; i++) {
			HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(st, i, &len);
			if (b == NULL)
				break;
			if (have + len > want)
				len = (HPDF_UINT)(want - have);
			memcpy(data + have, b, len);
			have += len;
		}
		HPDF_MemStream_FreeData(st);
		HPDF_Stream_Write(st, data, (HPDF_UINT)have);
		free(data);
	}
}

static void
doc_info(struct painter *p)
{
	const struct dlist	*dl = p->dl;
	int			 y, m, d;

	HPDF_SetCurrentEncoder(p->pdf, "UTF-8");
	if (dl->title)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_TITLE, dl->title);
	if (dl->author)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_AUTHOR, dl->author);
	if (dl->subject)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_SUBJECT, dl->subject);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_CREATOR, "ybt");
	if (dl->date && is_iso_date(dl->date, &y, &m, &d)) {
		HPDF_Date dt;
		memset(&dt, 0, sizeof(dt));
		dt.year = y;
		dt.month = m;
		dt.day = d;
		dt.ind = 'Z';
		HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_CREATION_DATE, dt);
		HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_MOD_DATE, dt);
	}
}

static void
outlines(struct painter *p)
{
	const struct dlist	*dl = p->dl;
	HPDF_Outline		 parent[4] = { NULL, NULL, NULL, NULL };
	HPDF_Encoder		 enc = HPDF_GetEncoder(p->pdf, "UTF-8");
	size_t			 i;

	for (i = 0; i < dl->noutline; i++) {
		const struct dl_outline *o = &dl->outline[i];
		const struct dl_dest *d = &dl->dests[o->dest];
		int lv = o->level < 0 ? 0 : o->level > 2 ? 2 : o->level;
		HPDF_Outline ol, par = NULL;
		HPDF_Destination dst;
		int k;

		for (k = lv - 1; k >= 0 && par == NULL; k--)
			par = parent[k];
		ol = HPDF_CreateOutline(p->pdf, par, o->title, enc);
		if (ol == NULL || d->page < 0 || d->page >= p->npages)
			continue;
		dst = HPDF_Page_CreateDestination(p->pages[d->page]);
		HPDF_Destination_SetFitH(dst, dl->height - d->y + 2);
		HPDF_Outline_SetDestination(ol, dst);
		HPDF_Outline_SetOpened(ol, lv == 0);
		parent[lv] = ol;
		for (k = lv + 1; k < 4; k++)
			parent[k] = NULL;
	}
}

static void
labels(struct painter *p)
{
	size_t	i;

	for (i = 0; i < p->dl->nlabels; i++) {
		const struct dl_labelrange *l = &p->dl->labels[i];
		HPDF_PageNumStyle st = l->style == DL_LABEL_ROMAN ?
		    HPDF_PAGE_NUM_STYLE_LOWER_ROMAN :
		    HPDF_PAGE_NUM_STYLE_DECIMAL;
		if (l->style == DL_LABEL_NONE)
			continue;
		HPDF_AddPageLabel(p->pdf, (HPDF_UINT)l->first, st,
		    (HPDF_UINT)l->start, l->prefix);
	}
}

int
paint_pdf(const struct dlist *dl, struct fonts *fonts, const char *path,
    const struct paint_opts *opts)
{
	struct painter	 p;
	struct paint_opts defopts;
	int		 i, nsheets, rc = 0;
	float		 w = dl->width, h = dl->height, frame = 0;

	memset(&p, 0, sizeof(p));
	buf_init(&p.tj);
	memset(&defopts, 0, sizeof(defopts));
	p.dl = dl;
	p.fonts = fonts;
	p.opts = opts ? opts : &defopts;
	p.pdf = HPDF_New(on_error, &p);
	if (p.pdf == NULL) {
		diag_file(path, 0, 0, DIAG_ERROR, "无法创建 PDF (libharu)");
		return -1;
	}
	HPDF_SetCompressionMode(p.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p.pdf);
	HPDF_SetPageMode(p.pdf, dl->noutline && !p.opts->print ?
	    HPDF_PAGE_MODE_USE_OUTLINE : HPDF_PAGE_MODE_USE_NONE);
	doc_info(&p);

	p.path = path;
	load_fonts(&p);
	p.npages = (int)dl->npages;
	if (p.opts->print)
		frame = p.opts->bleed + p.opts->marks;
	nsheets = p.npages;
	if (p.opts->pad4 || p.opts->saddle)
		nsheets = (nsheets + 3) / 4 * 4;
	if (p.opts->saddle)
		nsheets /= 2;
	p.pages = xcalloc((size_t)(p.npages + 1), sizeof(HPDF_Page));

	for (i = 0; i < nsheets; i++) {
		HPDF_Page pg = HPDF_AddPage(p.pdf);
		int cols = p.opts->saddle ? 2 : 1, c;
		float sw = cols * w + 2 * frame, sh = h + 2 * frame;

		HPDF_Page_SetWidth(pg, sw);
		HPDF_Page_SetHeight(pg, sh);
		p.page = pg;
		p.ph = sh;
		if (p.opts->print) {
			set_box(&p, pg, "TrimBox", frame, frame,
			    frame + cols * w, frame + h);
			set_box(&p, pg, "BleedBox", frame - p.opts->bleed,
			    frame - p.opts->bleed,
			    frame + cols * w + p.opts->bleed,
			    frame + h + p.opts->bleed);
		}
		for (c = 0; c < cols; c++) {
			int pi;
			if (p.opts->saddle) {
				/* Sheet side i: (n-1-i | i) or (i | n-1-i). */
				int n = nsheets * 2;
				int lo = i, hi = n - 1 - i;
				pi = (i % 2 == 0) ? (c == 0 ? hi : lo) :
				    (c == 0 ? lo : hi);
			} else
				pi = i;
			p.ox = frame + c * w;
			p.oy = frame;
			if (pi < p.npages) {
				p.pages[pi] = pg;
				paint_page(&p, pi);
			}
		}
		if (p.opts->print)
			crop_marks(&p, frame, frame, cols * w, h);
	}
	if (!p.opts->print && !p.opts->saddle) {
		for (i = 0; i < p.npages; i++)
			paint_links(&p, i, p.pages[i]);
		outlines(&p);
		labels(&p);
	}
	for (i = 0; i < FONT_MAX_FACES; i++)
		if (p.font[i]) {
			mark_used(&p, i);
			fix_tounicode(&p, i);
			compact_font(&p, i);
		}
	if (p.err == 0)
		HPDF_SaveToFile(p.pdf, path);
	if (p.err != 0) {
		diag_file(path, 0, 0, DIAG_ERROR,
		    "写 PDF 失败：libharu 错误 0x%04X (细节 %u)",
		    (unsigned)p.err, (unsigned)p.detail);
		rc = -1;
	}
	HPDF_Free(p.pdf);
	for (i = 0; i < FONT_MAX_FACES; i++) {
		free(p.used[i]);
		free(p.code[i]);
		free(p.hcode[i]);
		free(p.codes[i]);
		if (p.tmpfont[i])
			unlink(p.tmpfont[i]);
		free(p.tmpfont[i]);
	}
	free(p.pages);
	buf_free(&p.tj);
	return rc;
}
