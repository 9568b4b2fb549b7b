/*
 * check.h — checks that need the assembled edition (references,
 * exclusions, procedure graphs, disclosure, staleness, asset paths),
 * and model.c's internal steps that check.c calls back. Included only
 * by model.c and check.c.
 */
#ifndef YBT_CHECK_H
#define YBT_CHECK_H

#include "model.h"

/* check.c */
/* Is file (after resolving symlinks) inside edition_dir/assets/? */
int	 check_asset_inside(const char *file, const char *edition_dir);
char	*check_asset_path(const char *rel, const char *edition_dir,
	    const struct loc *, const char *key);
int	 check_excluded(const struct edition *, enum kind, const char *,
	    int *hit);
int	 check_is_excluded(const struct edition *, enum kind, const char *);
void	 check_exclude_unused(const struct edition *, const int *hit);
void	 check_procedure(struct procedure *);
void	 check_edition(struct edition *);

struct theme;
/* check_glyphs.c: before `ybt check` loads, scan every source for
 * characters the theme's fonts cannot draw. */
int	 check_glyphs_prepare(const struct theme *);

/* model.c */
void	 model_resolve(struct edition *);
void	 model_publish(struct edition *);
const char *model_kind_zh(enum kind);

#endif
