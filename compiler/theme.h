/*
 * theme.h — a theme folder (themes/<name>/): theme.yaml plus the files
 * the back ends copy (css, fragments, logo). Values are looked up by a
 * dotted path ("pdf.page.size"); a missing value gives the default.
 * Included by: book.c, book_style.c, check_glyphs.c, font.c, main.c, out_leaflet.c, out_pdf.c, pdfkit.c, serve_build.c and theme.c.
 * Includes nothing but util.h.
 */
#ifndef YBT_THEME_H
#define YBT_THEME_H

#include <stddef.h>

struct ynode;

struct theme {
	char		*name;
	char		*dir;		/* resolved folder */
	struct ynode	*root;		/* theme.yaml, or NULL */
	char		*yaml;		/* its path */
};

/* Find and read theme name for the edition folder dir (SPEC §7). */
struct theme	*theme_load(const char *name, const char *edition_dir);
struct theme	*theme_load_quiet(const char *, const char *);
void		 theme_free(struct theme *);

const char	*theme_str(const struct theme *, const char *, const char *);
double		 theme_num(const struct theme *, const char *, double);
int		 theme_bool(const struct theme *, const char *, int);
/* A list of strings (e.g. a font fallback chain); returns count. */
size_t		 theme_list(const struct theme *, const char *,
		    const char **, size_t);
/* Path of a file inside the theme folder (malloc'd), or NULL. */
char		*theme_file(const struct theme *, const char *);

#endif
