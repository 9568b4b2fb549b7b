/*
 * pdfw.c — the lean PDF writer (paint.h: paint_pdf_lean): a display list
 * straight to a PDF file, without libharu, for the leaflets.
 *
 * Why not libharu: a leaflet is a one-page document, a thousand of them
 * per edition, and libharu's fixed cost per document (its UTF-8 encoder
 * tables for the whole BMP, reading the font back from a file, zlib at
 * its default level over the font) was nine tenths of the time: about
 * 170 leaflets a second on two cores, against the 500 asked. Here the
 * subset font goes in as subset.c writes it, with character code = CID
 * = glyph index (CIDToGIDMap /Identity), compressed once by libdeflate,
 * and the page content comes from the same pdfops.c as the handbook's.
 *
 * What it writes: a PDF 1.4 file with one Type0/CIDFontType2 font per
 * face drawn (FontFile2, W, ToUnicode), pages with their content
 * streams and link annotations, the outline (leaflets.pdf: one entry per
 * guide) and the document information. No page labels or print boxes:
 * the handbook and the print PDF stay with libharu. Same display list,
 * same bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "util.h"
#include "diag.h"
#include "dlist.h"
#include "font.h"
#include "paint.h"
#include "pdfops.h"
#include "subset.h"

#define PDFW_LEVEL	1	/* libdeflate: 5% over zlib -6, five times as fast */

struct pdfw {
	struct buf	 out;
	size_t		*off;		/* offset of each object, by number */
	int		 nobj;		/* numbers given so far */
	int		 cap;
	struct buf	 tmp;
	struct libdeflate_compressor *z;
};

static int
obj_new(struct pdfw *w)
{
	if (w->nobj + 1 >= w->cap) {
		w->cap = w->cap ? 2 * w->cap : 64;
		w->off = xreallocarray(w->off, (size_t)w->cap,
		    sizeof(*w->off));
	}
	w->off[++w->nobj] = 0;
	return w->nobj;
}

static void
obj_begin(struct pdfw *w, int n)
{
	w->off[n] = w->out.len;
	buf_printf(&w->out, "%d 0 obj\n", n);
}

/* Object n: a stream of data, deflated, with extra dictionary entries. */
static void
obj_stream(struct pdfw *w, int n, const void *data, size_t len,
    const char *extra)
{
	size_t	 bound = libdeflate_zlib_compress_bound(w->z, len), clen;

	w->tmp.len = 0;
	buf_grow(&w->tmp, bound);
	clen = libdeflate_zlib_compress(w->z, data, len, w->tmp.data, bound);
	obj_begin(w, n);
	buf_printf(&w->out, "<< /Length %zu /Filter /FlateDecode%s >>\n"
	    "stream\n", clen, extra ? extra : "");
	buf_putn(&w->out, w->tmp.data, clen);
	buf_puts(&w->out, "\nendstream\nendobj\n");
}

/* A text string: UTF-16BE with a byte order mark, in hex. */
static void
text_string(struct buf *b, const char *s)
{
	unsigned	 cp;
	int		 n;

	buf_puts(b, "<FEFF");
	for (; *s; s += n) {
		n = utf8_decode(s, strlen(s), &cp);
		if (n == 0)
			break;
		pdf_utf16(b, cp);
	}
	buf_putc(b, '>');
}

/* A byte string (a URI): literal, with ( ) \ and controls escaped. */
static void
byte_string(struct buf *b, const char *s)
{
	buf_putc(b, '(');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '(' || c == ')' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c >= 0x7F)
			buf_printf(b, "\\%03o", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, ')');
}

/*
 * The font objects of one face: Type0 → CIDFontType2 → descriptor →
 * FontFile2, and the ToUnicode map. Returns the Type0 object's number,
 * or 0 when the subsetter cannot read the face.
 */
static int
put_font(struct pdfw *w, struct fonts *fonts, int face, struct pdf_face *f)
{
	const unsigned char	*data;
	const char		*fam;
	unsigned		*gids;
	struct buf		 ttf, b;
	size_t			 len, n, k;
	uint32_t		 h = 2166136261u;
	char			 name[80];
	int			 bbox[4], o0, o1, o2, o3, o4, i, run;

	gids = pdf_face_codes(f, fonts, face, 1, &n);
	data = fonts_data(fonts, face, &len);
	buf_init(&ttf);
	if (data == NULL || subset_ttf(data, len, fonts_index(fonts, face),
	    gids, n, &ttf) != 0 || subset_bbox(data, len,
	    fonts_index(fonts, face), bbox) != 0) {
		buf_free(&ttf);
		free(gids);
		return 0;
	}
	/* Subset tag: six capitals from a hash of the glyphs kept. */
	for (k = 0; k < n; k++)
		h = (h ^ gids[k] ^ (f->codes[k].half << 20)) * 16777619u;
	for (i = 0; i < 6; i++, h /= 26)
		name[i] = (char)('A' + h % 26);
	name[6] = '+';
	i = 7;
	for (fam = fonts_family(fonts, face); fam && *fam &&
	    i < (int)sizeof(name) - 1; fam++)
		if ((*fam >= 'A' && *fam <= 'Z') || (*fam >= 'a' &&
		    *fam <= 'z') || (*fam >= '0' && *fam <= '9'))
			name[i++] = *fam;
	if (i == 7)
		name[i++] = 'F';
	name[i] = '\0';
	free(gids);

	o0 = obj_new(w);
	o1 = obj_new(w);
	o2 = obj_new(w);
	o3 = obj_new(w);
	o4 = obj_new(w);
	obj_begin(w, o0);
	buf_printf(&w->out, "<< /Type /Font /Subtype /Type0 /BaseFont /%s "
	    "/Encoding /Identity-H /DescendantFonts [%d 0 R] "
	    "/ToUnicode %d 0 R >>\nendobj\n", name, o1, o4);
	obj_begin(w, o1);
	buf_printf(&w->out, "<< /Type /Font /Subtype /CIDFontType2 "
	    "/BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering "
	    "(Identity) /Supplement 0 >> /FontDescriptor %d 0 R "
	    "/CIDToGIDMap /Identity /DW 1000 /W [", name, o2);
	/* runs of codes whose width is not the default */
	for (k = 0, run = 0; k < n; k++) {
		int adv = fonts_advance(fonts, face, f->codes[k].cp);
		if (f->codes[k].half)
			adv /= 2;
		if (adv == 1000) {
			if (run)
				buf_puts(&w->out, "]\n");
			run = 0;
			continue;
		}
		if (!run)
			buf_printf(&w->out, "%u [", f->codes[k].code);
		buf_printf(&w->out, run ? " %d" : "%d", adv);
		run = 1;
	}
	buf_puts(&w->out, run ? "]] >>\nendobj\n" : "] >>\nendobj\n");
	obj_begin(w, o2);
	buf_printf(&w->out, "<< /Type /FontDescriptor /FontName /%s "
	    "/Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d "
	    "/Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>\n"
	    "endobj\n", name, bbox[0], bbox[1], bbox[2], bbox[3],
	    fonts_ascent(fonts, face), fonts_descent(fonts, face),
	    fonts_ascent(fonts, face), o3);
	{
		char extra[40];
		snprintf(extra, sizeof(extra), " /Length1 %zu", ttf.len);
		obj_stream(w, o3, ttf.data, ttf.len, extra);
	}
	buf_free(&ttf);
	buf_init(&b);
	pdf_tounicode(f, &b);
	obj_stream(w, o4, b.data, b.len, NULL);
	buf_free(&b);
	return o0;
}

static const char *
face_name(void *arg, int face)
{
	static const char *const names[FONT_MAX_FACES] = {
		"F0", "F1", "F2", "F3", "F4", "F5", "F6", "F7",
		"F8", "F9", "F10", "F11", "F12", "F13", "F14", "F15"
	};
	const int	*fontobj = arg;

	return fontobj[face] ? names[face] : NULL;
}

/* The link annotations of page pi; their numbers are added to annots. */
static void
put_links(struct pdfw *w, const struct dlist *dl, int pi, int page0,
    struct buf *annots)
{
	const struct dl_page	*dp = dl_page(dl, pi);
	size_t			 i;

	for (i = 0; i < dp->nitems; i++) {
		const struct dl_item *it = &dp->items[i];
		const struct dl_dest *d = NULL;
		int o;

		if (it->type != DL_LINK)
			continue;
		if (it->dest >= 0 && (size_t)it->dest < dl->ndests) {
			d = &dl->dests[it->dest];
			if (d->page < 0 || (size_t)d->page >= dl->npages)
				continue;
		} else if (it->uri == NULL)
			continue;
		o = obj_new(w);
		obj_begin(w, o);
		buf_puts(&w->out, "<< /Type /Annot /Subtype /Link /Rect [");
		pdf_num(&w->out, it->x);
		buf_putc(&w->out, ' ');
		pdf_num(&w->out, dl->height - it->y - it->h);
		buf_putc(&w->out, ' ');
		pdf_num(&w->out, it->x + it->w);
		buf_putc(&w->out, ' ');
		pdf_num(&w->out, dl->height - it->y);
		buf_puts(&w->out, "] /Border [0 0 0] ");
		if (d != NULL) {
			buf_printf(&w->out, "/Dest [%d 0 R /FitH ",
			    page0 + 2 * d->page);
			pdf_num(&w->out, dl->height - d->y + 2);
			buf_putc(&w->out, ']');
		} else {
			buf_puts(&w->out, "/A << /S /URI /URI ");
			byte_string(&w->out, it->uri);
			buf_puts(&w->out, " >>");
		}
		buf_puts(&w->out, " >>\nendobj\n");
		buf_printf(annots, " %d 0 R", o);
	}
}

/*
 * The outline: entries nest by level (an entry's parent is the last one
 * before it of a lower level). Returns the root's number, or 0.
 */
static int
put_outline(struct pdfw *w, const struct dlist *dl, int page0)
{
	size_t	 n = dl->noutline, i;
	int	*obj, *par, *first, *last, *prev, *next, *count, root, j;

	if (n == 0)
		return 0;
	obj = xcalloc(n, sizeof(int));
	par = xcalloc(n, sizeof(int));
	first = xcalloc(n + 1, sizeof(int));
	last = xcalloc(n + 1, sizeof(int));
	prev = xcalloc(n, sizeof(int));
	next = xcalloc(n, sizeof(int));
	count = xcalloc(n + 1, sizeof(int));
	root = obj_new(w);
	for (i = 0; i < n; i++) {
		obj[i] = obj_new(w);
		/* parent index + 1, 0 for the root */
		for (j = (int)i - 1; j >= 0; j--)
			if (dl->outline[j].level < dl->outline[i].level)
				break;
		par[i] = j + 1;
		if (last[par[i]]) {
			prev[i] = last[par[i]];
			next[last[par[i]] - 1] = (int)i + 1;
		} else
			first[par[i]] = (int)i + 1;
		last[par[i]] = (int)i + 1;
		count[par[i]]++;
	}
	for (i = 0; i < n; i++) {
		const struct dl_outline *o = &dl->outline[i];
		const struct dl_dest *d = o->dest >= 0 &&
		    (size_t)o->dest < dl->ndests ? &dl->dests[o->dest] : NULL;
		obj_begin(w, obj[i]);
		buf_puts(&w->out, "<< /Title ");
		text_string(&w->out, o->title ? o->title : "");
		buf_printf(&w->out, " /Parent %d 0 R", par[i] ?
		    obj[par[i] - 1] : root);
		if (prev[i])
			buf_printf(&w->out, " /Prev %d 0 R", obj[prev[i] - 1]);
		if (next[i])
			buf_printf(&w->out, " /Next %d 0 R", obj[next[i] - 1]);
		if (first[i + 1])
			buf_printf(&w->out, " /First %d 0 R /Last %d 0 R "
			    "/Count -%d", obj[first[i + 1] - 1],
			    obj[last[i + 1] - 1], count[i + 1]);
		if (d && d->page >= 0 && (size_t)d->page < dl->npages) {
			buf_printf(&w->out, " /Dest [%d 0 R /XYZ null ",
			    page0 + 2 * d->page);
			pdf_num(&w->out, dl->height - d->y);
			buf_puts(&w->out, " null]");
		}
		buf_puts(&w->out, " >>\nendobj\n");
	}
	obj_begin(w, root);
	buf_printf(&w->out, "<< /Type /Outlines /First %d 0 R /Last %d 0 R "
	    "/Count %d >>\nendobj\n", obj[first[0] - 1], obj[last[0] - 1],
	    count[0]);
	free(obj);
	free(par);
	free(first);
	free(last);
	free(prev);
	free(next);
	free(count);
	return root;
}

static void
put_info(struct pdfw *w, const struct dlist *dl, int o)
{
	int	y, m, d;

	obj_begin(w, o);
	buf_puts(&w->out, "<<");
	if (dl->title) {
		buf_puts(&w->out, " /Title ");
		text_string(&w->out, dl->title);
	}
	if (dl->author) {
		buf_puts(&w->out, " /Author ");
		text_string(&w->out, dl->author);
	}
	if (dl->subject) {
		buf_puts(&w->out, " /Subject ");
		text_string(&w->out, dl->subject);
	}
	buf_puts(&w->out, " /Creator (ybt)");
	if (dl->date && is_iso_date(dl->date, &y, &m, &d))
		buf_printf(&w->out, " /CreationDate (D:%04d%02d%02d000000Z)"
		    " /ModDate (D:%04d%02d%02d000000Z)", y, m, d, y, m, d);
	buf_puts(&w->out, " >>\nendobj\n");
}

int
paint_pdf_lean(const struct dlist *dl, struct fonts *fonts, const char *path)
{
	static struct libdeflate_compressor *z;
	struct pdf_face	 faces[FONT_MAX_FACES];
	struct pdf_pen	 pen;
	struct pdfw	 w;
	struct buf	 ops, annots;
	int		 fontobj[FONT_MAX_FACES];
	int		 face, pi, page0, outline, rc = 0;
	size_t		 xref, k;

	if (z == NULL && (z = libdeflate_alloc_compressor(PDFW_LEVEL)) ==
	    NULL) {
		diag_file(path, 0, 0, DIAG_ERROR, "写 PDF 失败：内存不足");
		return -1;
	}
	memset(faces, 0, sizeof(faces));
	memset(fontobj, 0, sizeof(fontobj));
	memset(&w, 0, sizeof(w));
	buf_init(&w.out);
	buf_init(&w.tmp);
	w.z = z;
	obj_new(&w);	/* 1 catalog */
	obj_new(&w);	/* 2 page tree */
	obj_new(&w);	/* 3 document information */
	buf_puts(&w.out, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");

	pdf_faces_collect(dl, faces);
	for (face = 0; face < FONT_MAX_FACES; face++)
		if (faces[face].used != NULL &&
		    (fontobj[face] = put_font(&w, fonts, face,
		    &faces[face])) == 0)
			break;
	if (face < FONT_MAX_FACES) {
		/* A face subset.c cannot read: libharu embeds it whole. */
		pdf_faces_free(faces);
		buf_free(&w.out);
		buf_free(&w.tmp);
		free(w.off);
		return paint_pdf(dl, fonts, path, NULL);
	}

	/* Page i is object page0 + 2i, its content page0 + 2i + 1. */
	page0 = w.nobj + 1;
	for (k = 0; k < 2 * dl->npages; k++)
		obj_new(&w);
	memset(&pen, 0, sizeof(pen));
	pen.dl = dl;
	pen.faces = faces;
	pen.font_name = face_name;
	pen.arg = fontobj;
	pen.ph = dl->height;
	buf_init(&ops);
	buf_init(&annots);
	for (pi = 0; pi < (int)dl->npages; pi++) {
		ops.len = 0;
		pdf_pen_page(&pen, pi, &ops);
		obj_stream(&w, page0 + 2 * pi + 1, ops.data, ops.len, NULL);
		annots.len = 0;
		put_links(&w, dl, pi, page0, &annots);
		obj_begin(&w, page0 + 2 * pi);
		buf_puts(&w.out, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ");
		pdf_num(&w.out, dl->width);
		buf_putc(&w.out, ' ');
		pdf_num(&w.out, dl->height);
		buf_puts(&w.out, "] /Resources << /Font <<");
		for (face = 0; face < FONT_MAX_FACES; face++)
			if (fontobj[face])
				buf_printf(&w.out, " /%s %d 0 R",
				    face_name(fontobj, face), fontobj[face]);
		buf_printf(&w.out, " >> >> /Contents %d 0 R",
		    page0 + 2 * pi + 1);
		if (annots.len)
			buf_printf(&w.out, " /Annots [%.*s ]",
			    (int)annots.len, annots.data);
		buf_puts(&w.out, " >>\nendobj\n");
	}
	buf_free(&ops);
	buf_free(&annots);

	obj_begin(&w, 2);
	buf_puts(&w.out, "<< /Type /Pages /Kids [");
	for (pi = 0; pi < (int)dl->npages; pi++)
		buf_printf(&w.out, pi % 10 == 9 ? "%d 0 R\n" : "%d 0 R ",
		    page0 + 2 * pi);
	buf_printf(&w.out, "] /Count %zu >>\nendobj\n", dl->npages);
	outline = put_outline(&w, dl, page0);
	obj_begin(&w, 1);
	if (outline)
		buf_printf(&w.out, "<< /Type /Catalog /Pages 2 0 R /Outlines "
		    "%d 0 R /PageMode /UseOutlines >>\nendobj\n", outline);
	else
		buf_puts(&w.out, "<< /Type /Catalog /Pages 2 0 R >>\n"
		    "endobj\n");
	put_info(&w, dl, 3);

	xref = w.out.len;
	buf_printf(&w.out, "xref\n0 %d\n0000000000 65535 f \n", w.nobj + 1);
	for (pi = 1; pi <= w.nobj; pi++)
		buf_printf(&w.out, "%010zu 00000 n \n", w.off[pi]);
	buf_printf(&w.out, "trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\n"
	    "startxref\n%zu\n%%%%EOF\n", w.nobj + 1, xref);

	if (file_write(path, w.out.data, w.out.len) != 0) {
		diag_io(path, "写 PDF 失败：%s",
		    zh_strerror(errno));
		rc = -1;
	}
	pdf_faces_free(faces);
	buf_free(&w.out);
	buf_free(&w.tmp);
	free(w.off);
	return rc;
}
