/*
 * asset.c — where a file named by a source lies against the edition's
 * assets/ folder, symlinks resolved: the one rule that published files
 * come from assets/ only, for the model (pictures, templates) and the
 * portal (which copies them).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"
#include "diag.h"
#include "asset.h"

enum asset_where { ASSET_MISSING, ASSET_OUTSIDE, ASSET_INSIDE };

/*
 * Where file is against edition_dir/assets/ once symlinks are resolved;
 * *real is its real path when inside (the caller frees it).
 */
static enum asset_where
asset_where(const char *file, const char *edition_dir, char **real)
{
	char		*assets = xasprintf("%s/assets", edition_dir);
	char		*areal = realpath(assets, NULL);
	size_t		 alen;
	enum asset_where w;

	*real = realpath(file, NULL);
	if (*real == NULL || areal == NULL)
		w = ASSET_MISSING;
	else if (alen = strlen(areal), strncmp(*real, areal, alen) != 0 ||
	    (*real)[alen] != '/')
		w = ASSET_OUTSIDE;
	else
		w = ASSET_INSIDE;
	if (w != ASSET_INSIDE) {
		free(*real);
		*real = NULL;
	}
	free(areal);
	free(assets);
	return w;
}

int
asset_inside(const char *file, const char *edition_dir)
{
	char	*real;
	int	 ok = asset_where(file, edition_dir, &real) == ASSET_INSIDE;

	free(real);
	return ok;
}

char *
asset_path(const char *rel, const char *edition_dir,
    const struct loc *l, const char *key)
{
	char		*path, *real;
	struct stat	 st;

	if (rel[0] == '/' || strstr(rel, "..") != NULL || strchr(rel, '\\')) {
		diag_at(l, DIAG_ERROR, "“%s”的路径“%s”无效：应为 assets/ 下的"
		    "相对路径，不能以 / 开头，也不能含 ..", key, rel);
		return NULL;
	}
	path = xasprintf("%s/assets/%s", edition_dir,
	    str_has_prefix(rel, "assets/") ? rel + 7 : rel);
	switch (asset_where(path, edition_dir, &real)) {
	case ASSET_MISSING:
		diag_at(l, DIAG_ERROR, "找不到“%s”指定的文件 %s：请把文件放到"
		    " %s/assets/ 下", key, path, edition_dir);
		break;
	case ASSET_OUTSIDE:
		diag_at(l, DIAG_ERROR, "“%s”的文件 %s 是指向 assets/ 之外的"
		    "链接：发布的文件必须放在 assets/ 里", key, path);
		break;
	case ASSET_INSIDE:
		if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
			diag_at(l, DIAG_ERROR, "“%s”的路径 %s 不是一个文件："
			    "请写到文件名为止", key, path);
			free(real);
			real = NULL;
		}
		break;
	}
	free(path);
	return real;
}
