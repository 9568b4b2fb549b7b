/*
 * out_pdf.c — the handbook back end: the book laid out once (book.h)
 * and painted (paint.h) as the formats ask. -f pdf: the screen PDF,
 * ctx->dir/<edition>.pdf. -f print: the print PDF for the printing
 * office, ctx->dir/<edition>-print.pdf — 3 mm bleed (theme print.bleed)
 * with TrimBox and BleedBox on every page, crop marks, black as 100% K,
 * no links or bookmarks, the page count padded to a multiple of four —
 * and with `--impose saddle` (or theme print.impose: saddle)
 * <edition>-print-saddle.pdf, two pages per sheet in saddle-stitch
 * order, painted from the same display list.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

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

/* The print PDF (and its saddle imposition) of the layout. */
static int
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

struct print_job {
	const struct out_ctx	*ctx;
	const struct dlist	*dl;
	struct fonts		*fonts;
};

static int
print_child(void *arg)
{
	const struct print_job	*pj = arg;

	return print_pdfs(pj->ctx, pj->dl, pj->fonts) != 0 ? EXIT_CONTENT : 0;
}

int
out_pdf(const struct out_ctx *ctx)
{
	struct fonts	*fonts;
	struct dlist	*dl;
	char		*path, *dpath = NULL;
	pid_t		 pid = 0;
	int		 rc = 0, st;

	fonts = fonts_open(ctx->theme);
	if (fonts == NULL)
		return -1;
	path = xasprintf("%s/%s.dlist", ctx->dir, ctx->ed->id);
	dl = book_layout(ctx->ed, ctx->theme, fonts, path);
	free(path);
	if (dl == NULL) {
		fonts_close(fonts);
		return -1;
	}
	/*
	 * Both from the same layout: with -j, the print PDF is painted by
	 * a child process while this one paints the screen PDF; the child
	 * hands its diagnostics back through a file.
	 */
	if ((ctx->formats & FMT_PRINT) && (ctx->formats & FMT_PDF) &&
	    ctx->jobs > 1) {
		struct print_job pj = { ctx, dl, fonts };

		dpath = xasprintf("%s.print.diag", ctx->dir);
		pid = diag_fork(dpath, print_child, &pj);
	}
	if (ctx->formats & FMT_PDF) {
		path = xasprintf("%s/%s.pdf", ctx->dir, ctx->ed->id);
		rc = paint_pdf(dl, fonts, path, NULL);
		free(path);
	}
	if (pid > 0) {
		if (waitpid(pid, &st, 0) == -1 || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 0)
			rc = -1;
		diag_load(dpath);
	} else if (ctx->formats & FMT_PRINT) {
		if (print_pdfs(ctx, dl, fonts) != 0)	/* -j 1, or no fork */
			rc = -1;
	}
	free(dpath);
	dl_free(dl);
	fonts_close(fonts);
	return rc;
}
