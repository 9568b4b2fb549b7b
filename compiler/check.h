/*
 * check.h — the check pass of loading: checks that need the built
 * edition (exclusions, procedure graphs, disclosure, staleness), which
 * they only read; and check_glyphs_prepare, the font scan of `ybt check`.
 * Included by: check.c, check_glyphs.c, load.c, main.c and model_patch.c.
 */
#ifndef YBT_CHECK_H
#define YBT_CHECK_H

#include "model.h"

/* check.c: the checks of one built, resolved edition. */
void	 check_edition(const struct edition *);
/* The checks of check_edition that concern the items v[0..n) (a
 * matter, guide or procedure): ybt serve's patch (model_patch.c) asks
 * them of the items it changed. */
void	 check_items(const struct edition *, struct item *const *v,
	    size_t n);

struct theme;
/* check_glyphs.c: before `ybt check` loads, scan every source for
 * characters the theme's fonts cannot draw. */
int	 check_glyphs_prepare(const struct theme *);

#endif
