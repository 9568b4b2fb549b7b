/*
 * out.h — the interface between main.c and the back ends. Each back end
 * reads the model (model.h) and the theme (theme.h) and writes into
 * ctx->dir, a temporary folder that main.c renames into place only when
 * every requested format succeeded. A back end returns 0 on success,
 * or reports through diag.c and returns -1. main.c runs them from one
 * table, one entry per back end and the formats it makes (out_pdf makes
 * pdf and print from one layout); a new format is a bit here, a name in
 * main.c's -f list and an entry in that table.
 * Included by: main.c, out_leaflet.c, out_pdf.c, out_xlsx.c, out_xml.c and serve_build.c.
 */
#ifndef YBT_OUT_H
#define YBT_OUT_H

#include "model.h"
#include "theme.h"

enum out_format {
	FMT_HTML	= 1 << 0,
	FMT_PDF		= 1 << 1,
	FMT_PRINT	= 1 << 2,
	FMT_LEAFLETS	= 1 << 3,
	FMT_XML		= 1 << 4,
	FMT_XLSX	= 1 << 5
};

struct out_ctx {
	const struct edition	*ed;
	const struct theme	*theme;
	const char		*dir;		/* temp folder: out/.<id>.tmp */
	unsigned		 formats;	/* what this build makes */
	int			 jobs;		/* -j N */
	int			 duplex;	/* --duplex */
	const char		*impose;	/* --impose saddle, or NULL */
	int			 progress;	/* stderr is a terminal */
	/* ybt serve's quick pass: when set, the portal writes only the
	 * pages (paths from the site's root) want says yes to, into a dir
	 * it does not empty, and no assets, search index, sitemap or feed. */
	int			(*want)(void *arg, const char *path);
	void			*want_arg;
	/* ybt serve's full pass: each page is handed to put (its file
	 * under dir, its bytes) instead of written, from the writing
	 * threads, so that it is served as soon as it is made; put writes
	 * the file (0) or says why not (-1). */
	int			(*put)(void *arg, const char *file,
				    const char *data, size_t len);
	void			*put_arg;
};

int	out_html(const struct out_ctx *);
int	out_pdf(const struct out_ctx *);
int	out_leaflets(const struct out_ctx *);
int	out_xml(const struct out_ctx *);
int	out_xlsx(const struct out_ctx *);

#endif
