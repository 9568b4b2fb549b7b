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
#include <hpdf_conf.h>
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <math.h>
#include <unistd.h>
#include <zlib.h>

#include "util.h"
#include "diag.h"
#include "dlist.h"
#include "font.h"
#include "paint.h"
#include "subset.h"
#include "pdfops.h"
#include "image.h"

#define MARK_LEN	12.0f	/* pt, crop mark length */

struct pimage {
	char		*path;
	HPDF_Image	 img;		/* NULL: could not be read */
};

/*
 * A sheet's content stream, deflated as it is painted and kept in the
 * spool file until libharu writes it (see spool_sheet).
 */
struct spooled {
	struct painter	*p;
	off_t		 off;
	HPDF_UINT	 len, pos;
};

struct painter {
	HPDF_Doc		 pdf;
	const struct dlist	*dl;
	struct fonts		*fonts;
	const struct paint_opts	*opts;
	HPDF_Font		 font[FONT_MAX_FACES];
	struct pdf_face		 faces[FONT_MAX_FACES];
	char			*tmpfont[FONT_MAX_FACES];	/* subset file */
	struct pimage		*images;	/* pictures loaded, by path */
	size_t			 nimages;
	const char		*path;
	HPDF_Page		*pages;		/* one per dlist page */
	int			 npages;
	HPDF_STATUS		 err;
	HPDF_STATUS		 detail;
	HPDF_Page		 page;		/* being painted */
	struct pdf_pen		 pen;
	struct buf		 ops;		/* its content stream */
	struct buf		 z;		/* ... deflated */
	FILE			*spool;		/* deflated streams, unlinked */
	off_t			 spool_len;
	struct spooled		*sheets;	/* one per sheet */
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
	int		 face;

	pdf_faces_collect(p->dl, p->faces);
	for (face = 0; face < FONT_MAX_FACES; face++) {
		struct pdf_face *f = &p->faces[face];
		const unsigned char *data;
		unsigned *gids;
		size_t len, n;
		struct buf b;
		const char *name = NULL;

		if (f->used == NULL)
			continue;
		gids = pdf_face_codes(f, p->fonts, face, SUBSET_FIRST, &n);
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
		if (name == NULL) {
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
			pdf_face_identity(f);
		}
		if (name != NULL)
			p->font[face] = HPDF_GetFont(p->pdf, name, "UTF-8");
	}
}

/* The page's resource name of a face (added to its resources). */
static const char *
font_name(void *arg, int face)
{
	struct painter	*p = arg;

	if (p->font[face] == NULL)
		return NULL;
	return HPDF_Page_GetLocalFontName(p->page, p->font[face]);
}

/* Mark every drawn glyph for the subset (libharu marks on measuring). */
static void
mark_used(struct painter *p, int face)
{
	char	u[4];
	size_t	k;

	for (k = 0; k < p->faces[face].ncodes; k++) {
		unsigned c = p->faces[face].codes[k].code;
		if (c >= 0x20 && (c < 0xD800 || c > 0xDFFF))
			HPDF_Font_TextWidth(p->font[face], (const HPDF_BYTE *)u,
			    (HPDF_UINT)utf8_encode(c, u));
	}
}

static void
paint_links(struct painter *p, int pi, HPDF_Page pg)
{
	const struct dl_page	*dp = dl_page(p->dl, pi);
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

/*
 * A picture, loaded once per document: RGB on white for the screen,
 * CMYK with black as K for the press (no alpha either way: image.c
 * composites it, and the print PDF holds no transparency).
 */
static const char *
image_name(void *arg, const struct dl_item *it)
{
	struct painter	*p = arg;
	struct pimage	*pi = NULL;
	struct image	 im;
	const char	*why;
	size_t		 i;

	for (i = 0; i < p->nimages; i++)
		if (strcmp(p->images[i].path, it->text) == 0) {
			pi = &p->images[i];
			break;
		}
	if (pi == NULL) {
		pi = VEC_PUSH(&p->images, &p->nimages);
		pi->path = xstrdup(it->text);	/* the page is read once */
		if (image_load(it->text, it->w, &im, &why) != 0) {
			diag_file(it->text, 0, 0, DIAG_WARNING, "图片没有印出：%s",
			    why);
			return NULL;
		}
		if (p->opts->print) {
			size_t n = (size_t)im.w * (size_t)im.h, k;
			unsigned char *c = xmalloc(n * 4);
			for (k = 0; k < n; k++) {
				const unsigned char *q = im.rgb + 3 * k;
				float v[4];
				pdf_cmyk(q[0] / 255.0f, q[1] / 255.0f,
				    q[2] / 255.0f, v);
				for (int j = 0; j < 4; j++)
					c[4 * k + (size_t)j] =
					    (unsigned char)(v[j] * 255 + 0.5f);
			}
			pi->img = HPDF_LoadRawImageFromMem(p->pdf, c,
			    (HPDF_UINT)im.w, (HPDF_UINT)im.h,
			    HPDF_CS_DEVICE_CMYK, 8);
			free(c);
		} else
			pi->img = HPDF_LoadRawImageFromMem(p->pdf, im.rgb,
			    (HPDF_UINT)im.w, (HPDF_UINT)im.h,
			    HPDF_CS_DEVICE_RGB, 8);
		image_free(&im);
	}
	return pi->img ? HPDF_Page_GetXObjectName(p->page, pi->img) : NULL;
}

/*
 * The spool file beside the output (callers write into a temporary
 * folder), unlinked at once: nothing is left behind if ybt dies.
 */
static int
open_spool(struct painter *p)
{
	char	*sp = xasprintf("%s.spool", p->path);
	int	 fd = file_scratch(sp);

	if (fd >= 0) {
		p->spool = fdopen(fd, "w+");
		if (p->spool == NULL)
			close(fd);
	}
	if (p->spool == NULL)
		diag_io(p->path, "无法创建临时文件 %s：%s", sp, zh_strerror(errno));
	free(sp);
	return p->spool ? 0 : -1;
}

/* libharu reads a spooled stream back while it saves. */
static HPDF_STATUS
spooled_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct spooled	*sp = s->attr;
	HPDF_UINT	 n = sp->len - sp->pos;

	if (n > *siz)
		n = *siz;
	if (n > 0 && pread(fileno(sp->p->spool), ptr, n,
	    sp->off + (off_t)sp->pos) != (ssize_t)n)
		return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
	sp->pos += n;
	if (n < *siz) {
		*siz = n;
		return HPDF_STREAM_EOF;
	}
	return HPDF_OK;
}

static HPDF_STATUS
spooled_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct spooled	*sp = s->attr;

	if (mode != HPDF_SEEK_SET || pos < 0 || (HPDF_UINT)pos > sp->len)
		return HPDF_SetError(s->error, HPDF_INVALID_OPERATION, 0);
	sp->pos = (HPDF_UINT)pos;
	return HPDF_OK;
}

static HPDF_INT32
spooled_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct spooled *)s->attr)->pos;
}

static HPDF_UINT32
spooled_size(HPDF_Stream s)
{
	return ((struct spooled *)s->attr)->len;
}

/* The filter of a spooled stream, written where libharu writes it. */
static HPDF_STATUS
flate_filter(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

/*
 * p->ops deflated into p->z as libharu deflates a stream when it saves
 * (zlib's default level, fed in HPDF_STREAM_BUF_SIZ pieces), so the
 * bytes are the same.
 */
static int
deflate_ops(struct painter *p)
{
	z_stream	 z;
	size_t		 at = 0;
	int		 rc = Z_OK;

	memset(&z, 0, sizeof(z));
	if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK)
		return -1;
	p->z.len = 0;
	buf_grow(&p->z, deflateBound(&z, (uLong)p->ops.len));
	z.next_out = (Bytef *)p->z.data;
	z.avail_out = (uInt)deflateBound(&z, (uLong)p->ops.len);
	while (rc == Z_OK && at < p->ops.len) {
		size_t n = p->ops.len - at;
		if (n > HPDF_STREAM_BUF_SIZ)
			n = HPDF_STREAM_BUF_SIZ;
		z.next_in = (Bytef *)p->ops.data + at;
		z.avail_in = (uInt)n;
		at += n;
		while (rc == Z_OK && z.avail_in > 0)
			rc = deflate(&z, Z_NO_FLUSH);
	}
	if (rc == Z_OK)
		rc = deflate(&z, Z_FINISH);
	p->z.len = z.total_out;
	deflateEnd(&z);
	return rc == Z_STREAM_END ? 0 : -1;
}

/*
 * Sheet i's content stream (p->ops) leaves memory as soon as it is
 * painted: deflated now and appended to the spool file, which the
 * page's stream object reads back when libharu writes the file. Left
 * in libharu's memory streams (4 KB pieces) until HPDF_SaveToFile, the
 * operators of a 21,600-page handbook held some 200 MB. An empty stream
 * stays libharu's (it writes nothing for it either way).
 */
static int
spool_sheet(struct painter *p, int i, HPDF_Page pg)
{
	HPDF_PageAttr	 attr = (HPDF_PageAttr)((HPDF_Dict)pg)->attr;
	HPDF_Dict	 c = attr->contents;
	struct spooled	*sp = &p->sheets[i];
	HPDF_Stream	 s;

	if (p->ops.len == 0)
		return 0;
	if (deflate_ops(p) != 0 ||
	    fwrite(p->z.data, 1, p->z.len, p->spool) != p->z.len)
		return -1;
	sp->p = p;
	sp->off = p->spool_len;
	sp->len = (HPDF_UINT)p->z.len;
	p->spool_len += (off_t)p->z.len;
	s = HPDF_CallbackReader_New(p->pdf->mmgr, spooled_read, spooled_seek,
	    spooled_tell, spooled_size, sp);
	if (s == NULL)
		return -1;
	HPDF_Stream_Free(c->stream);
	c->stream = attr->stream = s;
	c->filter = HPDF_STREAM_FILTER_NONE;
	c->write_fn = flate_filter;
	return 0;
}

/* Page pi at the pen's offset, added to the current sheet's stream. */
static void
paint_page(struct painter *p, int pi)
{
	pdf_pen_page(&p->pen, pi, &p->ops);
}

static void
crop_marks(struct painter *p, float x0, float y0, float w, float h)
{
	struct buf	*b = &p->ops;
	float		 bl = p->opts->bleed, m = MARK_LEN;
	float		 xs[2] = { x0, x0 + w }, ys[2] = { y0, y0 + h };
	int		 i, j;

	buf_puts(b, "0.25 w\n");
	pdf_color(&p->pen, 0x000000, 1, b);
	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++) {
			float x = xs[i], y = ys[j];
			float dx = i ? 1 : -1, dy = j ? 1 : -1;
			pdf_pt(b, x + dx * (bl + 2), y, "m ");
			pdf_pt(b, x + dx * (bl + 2 + m), y, "l\n");
			pdf_pt(b, x, y + dy * (bl + 2), "m ");
			pdf_pt(b, x, y + dy * (bl + 2 + m), "l\n");
		}
	buf_puts(b, "S\n");
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

/* Replace libharu's ToUnicode stream of one font (see the top). */
static void
fix_tounicode(struct painter *p, int face)
{
	HPDF_Dict	 font = (HPDF_Dict)p->font[face];
	HPDF_Dict	 cmap;
	HPDF_Stream	 s;
	struct buf	 b;

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
	pdf_tounicode(&p->faces[face], &b);
	HPDF_Stream_Write(s, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	buf_free(&b);
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
	for (k = 0; k < p->faces[face].ncodes; k++) {
		const struct fcode *f = &p->faces[face].codes[k];
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

/*
 * A Pages node holds at most HPDF_LIMIT_MAX_ARRAY (32,767) kids: a
 * longer document gets a level of Pages nodes under the root, as few
 * as will do and filled evenly (43,000 pages: two of 21,500). Shorter
 * ones keep libharu's single node, and their bytes.
 */
static void
page_tree(struct painter *p, int nsheets)
{
	int	nodes;

	if (nsheets <= HPDF_LIMIT_MAX_ARRAY)
		return;
	nodes = (nsheets + HPDF_LIMIT_MAX_ARRAY - 1) / HPDF_LIMIT_MAX_ARRAY;
	HPDF_SetPagesConfiguration(p->pdf,
	    (HPDF_UINT)((nsheets + nodes - 1) / nodes));
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
	buf_init(&p.ops);
	buf_init(&p.z);
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
	p.pen.dl = dl;
	p.pen.opts = p.opts;
	p.pen.faces = p.faces;
	p.pen.font_name = font_name;
	p.pen.image_name = image_name;
	p.pen.arg = &p;
	p.npages = (int)dl->npages;
	if (p.opts->print)
		frame = p.opts->bleed + p.opts->marks;
	nsheets = p.npages;
	if (p.opts->pad4 || p.opts->saddle)
		nsheets = (nsheets + 3) / 4 * 4;
	if (p.opts->saddle)
		nsheets /= 2;
	p.pages = xcalloc((size_t)(p.npages + 1), sizeof(HPDF_Page));
	p.sheets = xcalloc((size_t)nsheets + 1, sizeof(*p.sheets));
	page_tree(&p, nsheets);
	if (open_spool(&p) != 0) {
		rc = -1;
		nsheets = 0;
	}

	for (i = 0; i < nsheets; i++) {
		HPDF_Page pg = HPDF_AddPage(p.pdf);
		int cols = p.opts->saddle ? 2 : 1, c;
		float sw = cols * w + 2 * frame, sh = h + 2 * frame;

		if (pg == NULL)		/* p.err says why */
			break;
		HPDF_Page_SetWidth(pg, sw);
		HPDF_Page_SetHeight(pg, sh);
		p.page = pg;
		p.pen.ph = sh;
		if (p.opts->print) {
			set_box(&p, pg, "TrimBox", frame, frame,
			    frame + cols * w, frame + h);
			set_box(&p, pg, "BleedBox", frame - p.opts->bleed,
			    frame - p.opts->bleed,
			    frame + cols * w + p.opts->bleed,
			    frame + h + p.opts->bleed);
		}
		p.ops.len = 0;
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
			p.pen.ox = frame + c * w;
			p.pen.oy = frame;
			if (pi < p.npages) {
				p.pages[pi] = pg;
				paint_page(&p, pi);
			}
		}
		if (p.opts->print)
			crop_marks(&p, frame, frame, cols * w, h);
		if (spool_sheet(&p, i, pg) != 0) {
			diag_io(path, "写临时文件 %s.spool "
			    "失败：%s", path, zh_strerror(errno));
			rc = -1;
			break;
		}
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
	if (rc == 0 && fflush(p.spool) != 0) {
		diag_io(path, "写临时文件 %s.spool 失败：%s",
		    path, zh_strerror(errno));
		rc = -1;
	}
	errno = 0;
	if (rc == 0 && p.err == 0)
		HPDF_SaveToFile(p.pdf, path);
	/* A failed fopen or fwrite (which may come as the detail of a
	 * zlib error) left an errno; libharu's detail is none. */
	if (rc == 0 && (p.err == HPDF_FILE_IO_ERROR ||
	    p.err == HPDF_FILE_OPEN_ERROR || p.detail == HPDF_FILE_IO_ERROR ||
	    p.detail == HPDF_FILE_OPEN_ERROR)) {
		diag_io(path, "写 PDF 失败：%s",
		    zh_strerror(errno ? errno : EIO));
		rc = -1;
	} else if (rc == 0 && p.err != 0) {
		diag_file(path, 0, 0, DIAG_ERROR,
		    "写 PDF 失败：libharu 错误 0x%04X (细节 %u)",
		    (unsigned)p.err, (unsigned)p.detail);
		rc = -1;
	}
	HPDF_Free(p.pdf);
	for (i = 0; i < FONT_MAX_FACES; i++) {
		if (p.tmpfont[i])
			unlink(p.tmpfont[i]);
		free(p.tmpfont[i]);
	}
	if (p.spool)
		fclose(p.spool);
	free(p.sheets);
	free(p.pages);
	pdf_faces_free(p.faces);
	for (i = 0; i < (int)p.nimages; i++)
		free(p.images[i].path);
	free(p.images);
	buf_free(&p.ops);
	buf_free(&p.z);
	return rc;
}
