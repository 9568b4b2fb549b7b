/*
 * asset.h — asset paths confined to an edition's assets/ folder.
 * Included by: asset.c, html_page.c and model_read.c.
 */
#ifndef YBT_ASSET_H
#define YBT_ASSET_H

struct loc;

/* Is file (after resolving symlinks) inside edition_dir/assets/? */
int	 asset_inside(const char *file, const char *edition_dir);
/*
 * The real path of rel (relative to assets/) or NULL, reported at l for
 * key: absolute, "..", missing, a link out of assets/ or not a file.
 */
char	*asset_path(const char *rel, const char *edition_dir,
	    const struct loc *l, const char *key);

#endif
