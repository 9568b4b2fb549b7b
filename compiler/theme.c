/*
 * theme.c — finds a theme folder (themes/ beside the edition's guides/
 * folder, then the installed share folder; SPEC §7) and answers dotted
 * lookups into its theme.yaml. It does not know what the values mean.
 */
#include <sys/stat.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "source.h"
#include "theme.h"

#ifndef YBT_SHARE
#define YBT_SHARE "/usr/local/share/ybt"
#endif

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static struct theme *theme_find(const char *, const char *, int);

struct theme *
theme_load(const char *name, const char *edition_dir)
{
	return theme_find(name, edition_dir, 0);
}

/* The same, silent when there is no such theme (for `ybt check`). */
struct theme *
theme_load_quiet(const char *name, const char *edition_dir)
{
	return theme_find(name, edition_dir, 1);
}


/*
 * A key written twice in one map of theme.yaml is an error, as in the
 * sources: only the first would count, and the district would wonder
 * why its second print: block does nothing.
 */
static void
dup_keys(const struct ynode *n)
{
	size_t	i, j;

	if (n == NULL)
		return;
	if (n->type == YN_MAP)
		for (i = 0; i + 1 < n->n; i += 2) {
			for (j = 0; j < i; j += 2)
				if (n->kids[i]->str && n->kids[j]->str &&
				    strcmp(n->kids[i]->str, n->kids[j]->str) == 0) {
					diag_at(&n->kids[i]->loc, DIAG_ERROR,
					    "键“%s”重复：第 %d 行已写过；"
					    "请合并成一处", n->kids[i]->str,
					    n->kids[j]->loc.line);
					break;
				}
			dup_keys(n->kids[i + 1]);
		}
	else if (n->type == YN_SEQ)
		for (i = 0; i < n->n; i++)
			dup_keys(n->kids[i]);
}

static struct theme *
theme_find(const char *name, const char *edition_dir, int quiet)
{
	struct theme *t;
	char real[PATH_MAX], exe[PATH_MAX], *cand[5], *yaml, *text;
	ssize_t elen;
	size_t len;
	int i;

	if (name == NULL)
		name = "default";
	if (strchr(name, '/') != NULL || strcmp(name, "..") == 0 ||
	    name[0] == '.') {
		if (quiet)
			return NULL;
		diag_file(edition_dir, 0, 0, DIAG_ERROR, "主题名“%s”无效：应为 "
		    "themes/ 下的文件夹名", name);
		return NULL;
	}
	if (realpath(edition_dir, real) == NULL)
		return NULL;
	/* real is …/guides/<edition>: themes/ sits beside guides/. */
	cand[0] = xasprintf("%s/../../themes/%s", real, name);
	cand[1] = xasprintf("%s/themes/%s", YBT_SHARE, name);
	cand[2] = NULL;
	cand[3] = NULL;
	cand[4] = NULL;
	/* Last, beside the ybt binary itself (a build tree), or in the
	 * share folder of wherever it was installed (PREFIX/bin/ybt). */
	if ((elen = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		char *slash;

		exe[elen] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			cand[2] = xasprintf("%s/themes/%s", exe, name);
			cand[3] = xasprintf("%s/../share/ybt/themes/%s", exe,
			    name);
		}
	}
	t = NULL;
	for (i = 0; cand[i]; i++)
		if (t == NULL && is_dir(cand[i])) {
			t = xcalloc(1, sizeof(*t));
			t->name = xstrdup(name);
			t->dir = realpath(cand[i], NULL);
		}
	for (i = 0; cand[i]; i++)
		free(cand[i]);
	if (t == NULL) {
		if (quiet)
			return NULL;
		diag_file(edition_dir, 0, 0, DIAG_ERROR, "找不到主题“%s”：应在 "
		    "themes/%s/ 下", name, name);
		return NULL;
	}
	/* Said relative to the working folder when under it, as the
	 * sources' paths are (SPEC §7). */
	{
		char cwd[PATH_MAX];
		size_t cl;

		if (getcwd(cwd, sizeof(cwd)) != NULL &&
		    (cl = strlen(cwd)) > 1 &&
		    strncmp(t->dir, cwd, cl) == 0 && t->dir[cl] == '/')
			yaml = xasprintf("%s/theme.yaml", t->dir + cl + 1);
		else
			yaml = xasprintf("%s/theme.yaml", t->dir);
	}
	if (file_read(yaml, &text, &len, 1024 * 1024) == 0) {
		t->root = source_yaml(yaml, text, len, 1);
		free(text);
		dup_keys(t->root);	/* check says it too */
	}
	t->yaml = yaml;		/* the nodes' locations point at it */
	return t;
}

void
theme_free(struct theme *t)
{
	if (t == NULL)
		return;
	ynode_free(t->root);
	free(t->yaml);
	free(t->name);
	free(t->dir);
	free(t);
}

static const struct ynode *
find(const struct theme *t, const char *path)
{
	const struct ynode *n = t ? t->root : NULL;
	char key[128];

	while (n != NULL && *path) {
		size_t len = strcspn(path, ".");

		if (len >= sizeof(key))
			return NULL;
		memcpy(key, path, len);
		key[len] = '\0';
		n = ynode_get(n, key);
		path += len;
		if (*path == '.')
			path++;
	}
	return n;
}

const char *
theme_str(const struct theme *t, const char *path, const char *def)
{
	const struct ynode *n = find(t, path);

	return n && n->type == YN_SCALAR ? n->str : def;
}

double
theme_num(const struct theme *t, const char *path, double def)
{
	const char *s = theme_str(t, path, NULL);
	char *end;
	double d;

	if (s == NULL)
		return def;
	d = strtod(s, &end);
	return end != s && *end == '\0' ? d : def;
}

int
theme_bool(const struct theme *t, const char *path, int def)
{
	const char *s = theme_str(t, path, NULL);

	if (s == NULL)
		return def;
	return strcmp(s, "true") == 0 || strcmp(s, "yes") == 0;
}

size_t
theme_list(const struct theme *t, const char *path, const char **out,
    size_t max)
{
	const struct ynode *n = find(t, path);
	size_t k = 0;

	if (n == NULL)
		return 0;
	if (n->type == YN_SCALAR) {
		if (max > 0)
			out[k++] = n->str;
		return k;
	}
	for (size_t i = 0; n->type == YN_SEQ && i < n->n && k < max; i++)
		if (n->kids[i]->type == YN_SCALAR)
			out[k++] = n->kids[i]->str;
	return k;
}

char *
theme_file(const struct theme *t, const char *rel)
{
	char *p;
	struct stat st;

	if (t == NULL || rel == NULL || strstr(rel, "..") != NULL)
		return NULL;
	p = xasprintf("%s/%s", t->dir, rel);
	if (stat(p, &st) != 0) {
		free(p);
		return NULL;
	}
	return p;
}
