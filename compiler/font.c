/*
 * font.c — find the theme's faces with fontconfig and measure glyphs
 * with FreeType. Advances are cached per face for the BMP, because the
 * line breaker asks for every character of every paragraph; characters
 * beyond it (𠮷 U+20BB7 in a name, from HanaMinB) are rare and looked up
 * each time through the face's Unicode cmap (format 12).
 * Does not draw anything; the painter loads the same files into libharu.
 */
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"
#include "diag.h"
#include "theme.h"
#include "font.h"

struct face {
	char		*path;
	int		 index;
	char		*family;
	FT_Face		 ft;
	int		 upem;
	int		 ascent, descent;
	short		*adv;		/* BMP advance cache, -2 = unknown */
	signed char	*has;		/* BMP: -1 unknown, 0 no, 1 yes */
	void		*map;		/* the file, mapped by fonts_data */
	size_t		 maplen;
};

struct fonts {
	FT_Library	 lib;
	struct face	 faces[FONT_MAX_FACES];
	int		 nfaces;
	int		 chain[FONT__ROLES][FONT_MAX_CHAIN];
	int		 nchain[FONT__ROLES];
};

static const char *const default_chain[FONT__ROLES][5] = {
	{ "AR PL UMing CN", "AR PL UMing TW", "HanaMinA", "HanaMinB", NULL },
	/* not WenQuanYi Micro Hei: libharu 2.3.0 embeds it broken */
	{ "WenQuanYi Zen Hei", "AR PL UMing CN", "HanaMinA", "HanaMinB",
	  NULL },
};

static const char *const role_key[FONT__ROLES] = {
	"pdf.fonts.body", "pdf.fonts.heading"
};

/* Does the pattern's family list contain name (case-insensitive)? */
static int
family_matches(FcPattern *p, const char *name, char **family)
{
	FcChar8	*s;
	int	 i;

	for (i = 0; FcPatternGetString(p, FC_FAMILY, i, &s) ==
	    FcResultMatch; i++)
		if (strcasecmp((const char *)s, name) == 0) {
			*family = xstrdup((const char *)s);
			return 1;
		}
	return 0;
}

static int
face_find(struct fonts *f, const char *name)
{
	FcPattern	*pat, *m;
	FcResult	 res;
	FcChar8		*file;
	char		*family = NULL;
	int		 index = 0, i, id = -1;

	pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)name);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	m = FcFontMatch(NULL, pat, &res);
	FcPatternDestroy(pat);
	if (m == NULL)
		return -1;
	if (!family_matches(m, name, &family) ||
	    FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch) {
		free(family);
		FcPatternDestroy(m);
		return -1;
	}
	FcPatternGetInteger(m, FC_INDEX, 0, &index);
	for (i = 0; i < f->nfaces; i++)
		if (strcmp(f->faces[i].path, (const char *)file) == 0 &&
		    f->faces[i].index == index) {
			id = i;
			break;
		}
	if (id < 0 && f->nfaces < FONT_MAX_FACES) {
		struct face *fc = &f->faces[f->nfaces];
		if (FT_New_Face(f->lib, (const char *)file, index,
		    &fc->ft) == 0) {
			fc->path = xstrdup((const char *)file);
			fc->index = index;
			fc->family = family;
			family = NULL;
			fc->upem = fc->ft->units_per_EM ?
			    fc->ft->units_per_EM : 1000;
			fc->ascent = fc->ft->ascender * 1000 / fc->upem;
			fc->descent = fc->ft->descender * 1000 / fc->upem;
			fc->adv = xmalloc(sizeof(short) * (FONT_BMP_MAX + 1));
			for (i = 0; i <= FONT_BMP_MAX; i++)
				fc->adv[i] = -2;
			fc->has = xmalloc(FONT_BMP_MAX + 1);
			memset(fc->has, -1, FONT_BMP_MAX + 1);
			id = f->nfaces++;
		}
	}
	free(family);
	FcPatternDestroy(m);
	return id;
}

struct fonts *
fonts_open(const struct theme *th)
{
	struct fonts	*f;
	const char	*names[FONT_MAX_CHAIN];
	size_t		 n, i;
	int		 r, id;

	f = xcalloc(1, sizeof(*f));
	if (FT_Init_FreeType(&f->lib) != 0 || !FcInit()) {
		diag_file("-", 0, 0, DIAG_ERROR, "无法初始化字体库 (FreeType/fontconfig)");
		free(f);
		return NULL;
	}
	for (r = 0; r < FONT__ROLES; r++) {
		n = th ? theme_list(th, role_key[r], names, FONT_MAX_CHAIN) : 0;
		if (n == 0)
			for (n = 0; n < 5 && default_chain[r][n]; n++)
				names[n] = default_chain[r][n];
		for (i = 0; i < n && f->nchain[r] < FONT_MAX_CHAIN; i++) {
			id = face_find(f, names[i]);
			if (id >= 0)
				f->chain[r][f->nchain[r]++] = id;
		}
	}
	if (f->nchain[FONT_BODY] == 0 && f->nchain[FONT_HEADING] > 0) {
		memcpy(f->chain[FONT_BODY], f->chain[FONT_HEADING],
		    sizeof(f->chain[0]));
		f->nchain[FONT_BODY] = f->nchain[FONT_HEADING];
	}
	if (f->nchain[FONT_HEADING] == 0) {
		memcpy(f->chain[FONT_HEADING], f->chain[FONT_BODY],
		    sizeof(f->chain[0]));
		f->nchain[FONT_HEADING] = f->nchain[FONT_BODY];
	}
	if (f->nchain[FONT_BODY] == 0) {
		diag_file(th && th->dir ? th->dir : "theme.yaml", 1, 1,
		    DIAG_ERROR, "找不到 PDF 所需的中文字体：请安装 "
		    "fonts-arphic-uming 和 fonts-wqy-microhei，"
		    "或在 theme.yaml 的 pdf.fonts 中写出已安装的字体名");
		fonts_close(f);
		return NULL;
	}
	return f;
}

void
fonts_close(struct fonts *f)
{
	int	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nfaces; i++) {
		FT_Done_Face(f->faces[i].ft);
		if (f->faces[i].map)
			munmap(f->faces[i].map, f->faces[i].maplen);
		free(f->faces[i].path);
		free(f->faces[i].family);
		free(f->faces[i].adv);
		free(f->faces[i].has);
	}
	FT_Done_FreeType(f->lib);
	free(f);
}

int
fonts_nfaces(const struct fonts *f)
{
	return f->nfaces;
}

const char *
fonts_path(const struct fonts *f, int face)
{
	return f->faces[face].path;
}

int
fonts_index(const struct fonts *f, int face)
{
	return f->faces[face].index;
}

const char *
fonts_family(const struct fonts *f, int face)
{
	return f->faces[face].family;
}

int
fonts_ascent(const struct fonts *f, int face)
{
	return f->faces[face].ascent;
}

int
fonts_descent(const struct fonts *f, int face)
{
	return f->faces[face].descent;
}

static int
face_has(struct face *fc, unsigned cp)
{
	if (cp > FONT_BMP_MAX)
		return cp <= FONT_CP_MAX && FT_Get_Char_Index(fc->ft, cp) != 0;
	if (fc->has[cp] < 0)
		fc->has[cp] = FT_Get_Char_Index(fc->ft, cp) != 0;
	return fc->has[cp];
}

int
fonts_pick(struct fonts *f, enum font_role role, unsigned cp)
{
	int	i;

	for (i = 0; i < f->nchain[role]; i++)
		if (face_has(&f->faces[f->chain[role][i]], cp))
			return f->chain[role][i];
	/* Spaces and controls: any face will do, they draw nothing. */
	if (cp == ' ' || cp == 0x3000 || cp == 0xA0)
		return f->chain[role][0];
	return -1;
}

int
fonts_advance(struct fonts *f, int face, unsigned cp)
{
	struct face	*fc = &f->faces[face];
	FT_UInt		 gid;
	FT_Fixed	 a = 0;
	int		 adv;

	if (cp <= FONT_BMP_MAX && fc->adv[cp] != -2)
		return fc->adv[cp];
	gid = FT_Get_Char_Index(fc->ft, cp);
	if (FT_Get_Advance(fc->ft, gid, FT_LOAD_NO_SCALE, &a) != 0)
		a = fc->upem;
	/* libharu: advance_width * 1000 / units_per_em, truncated. */
	adv = (int)((unsigned long)a * 1000 / fc->upem);
	if (cp <= FONT_BMP_MAX)
		fc->adv[cp] = (short)adv;
	return adv;
}

void
fonts_coverage(struct fonts *f, enum font_role role, unsigned char *bits)
{
	int	i;

	for (i = 0; i < f->nchain[role]; i++) {
		FT_Face	 ft = f->faces[f->chain[role][i]].ft;
		FT_ULong cp;
		FT_UInt	 gid;

		for (cp = FT_Get_First_Char(ft, &gid); gid != 0;
		    cp = FT_Get_Next_Char(ft, cp, &gid))
			if (cp <= FONT_CP_MAX)
				bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
	}
}

unsigned
fonts_gid(struct fonts *f, int face, unsigned cp)
{
	return FT_Get_Char_Index(f->faces[face].ft, cp);
}

const unsigned char *
fonts_data(struct fonts *f, int face, size_t *len)
{
	struct face	*fc = &f->faces[face];
	struct stat	 st;
	int		 fd;

	if (fc->map == NULL) {
		if ((fd = open(fc->path, O_RDONLY)) < 0)
			return NULL;
		if (fstat(fd, &st) == 0 && st.st_size > 0) {
			void *m = mmap(NULL, (size_t)st.st_size, PROT_READ,
			    MAP_PRIVATE, fd, 0);
			if (m != MAP_FAILED) {
				fc->map = m;
				fc->maplen = (size_t)st.st_size;
			}
		}
		close(fd);
		if (fc->map == NULL)
			return NULL;
	}
	*len = fc->maplen;
	return fc->map;
}
