/*
 * out_print.c — the print PDF for the printing office,
 * ctx->dir/<edition>-print.pdf: the handbook's display list (book.h)
 * painted for press — 3 mm bleed (theme print.bleed) with TrimBox and
 * BleedBox on every page, crop marks, black as 100% K, no links or
 * bookmarks, the page count padded to a multiple of four. With
 * `--impose saddle` (or theme print.impose: saddle) it also writes
 * <edition>-print-saddle.pdf: two pages per sheet in saddle-stitch order,
 * painted from the same display list. When the screen handbook is built
 * too, out_pdf paints these from its own layout (print_pdfs) and this
 * step is not run: the handbook is laid out once.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "model.h"
#include "theme.h"
#include "out.h"
#include "font.h"
#include "dlist.h"
#include "paint.h"
#include "book.h"

#define MM		(72.0f / 25.4f)
#define MARK_ROOM	16.0f	/* pt outside the bleed for crop marks */

int
print_pdfs(const struct out_ctx *ctx, const struct dlist *dl,
    struct fonts *fonts)
{
	struct paint_opts	 o;
	const char		*imp;
	char			*path;
	int			 rc;

	memset(&o, 0, sizeof(o));
	o.print = 1;
	o.bleed = (float)(ctx->theme ? theme_num(ctx->theme, "print.bleed", 3)
	    : 3) * MM;
	o.marks = MARK_ROOM;
	o.pad4 = 1;
	path = xasprintf("%s/%s-print.pdf", ctx->dir, ctx->ed->id);
	rc = paint_pdf(dl, fonts, path, &o);
	free(path);
	imp = ctx->impose ? ctx->impose : ctx->theme ?
	    theme_str(ctx->theme, "print.impose", NULL) : NULL;
	if (rc == 0 && imp != NULL && strcmp(imp, "saddle") == 0) {
		o.saddle = 1;
		path = xasprintf("%s/%s-print-saddle.pdf", ctx->dir,
		    ctx->ed->id);
		rc = paint_pdf(dl, fonts, path, &o);
		free(path);
	} else if (imp != NULL && strcmp(imp, "saddle") != 0 &&
	    strcmp(imp, "none") != 0) {
		diag_file(ctx->ed->file, 1, 1, DIAG_ERROR, "拼版方式“%s”无法识别："
		    "只支持 saddle（骑马钉）", imp);
		rc = -1;
	}
	return rc;
}

int
out_print(const struct out_ctx *ctx)
{
	struct fonts	*fonts;
	struct dlist	*dl;
	int		 rc;

	fonts = fonts_open(ctx->theme);
	if (fonts == NULL)
		return -1;
	dl = book_layout(ctx->ed, ctx->theme, fonts);
	rc = print_pdfs(ctx, dl, fonts);
	dl_free(dl);
	fonts_close(fonts);
	return rc;
}
