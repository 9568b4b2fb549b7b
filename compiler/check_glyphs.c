/*
 * check_glyphs.c — `ybt check` warns about characters that no font of
 * the edition's theme can draw (SPEC §3), before anyone prints. The
 * fonts' coverage (their cmaps) is read once into a bitmap; then every
 * source file's text is scanned as it is read, on the reader threads,
 * and each such character is reported at its own line and column. The
 * PDF layout warns again when it meets one, and draws a visible box.
 */
#include <string.h>

#include "util.h"
#include "diag.h"
#include "model.h"
#include "theme.h"
#include "font.h"
#include "linebreak.h"
#include "check.h"

/* One bit per code point: set when some font of the theme has it. */
static unsigned char present[(FONT_CP_MAX + 1) / 8];

static int
drawable(unsigned cp)
{
	return cp <= FONT_CP_MAX && (present[cp >> 3] & (1u << (cp & 7)));
}

/* The text hook: a whole source file, already UTF-8 with LF ends. */
static void
scan_file(const char *path, const char *s, size_t len)
{
	const char *end = s + len;
	struct loc l = { path, 1, 1 };
	unsigned cp;
	int k;

	for (; s < end; s += k) {
		if ((unsigned char)*s < 0x80) {
			k = 1;
			if (*s == '\n') {
				l.line++;
				l.col = 1;
			} else
				l.col++;
			continue;
		}
		if ((k = utf8_next(s, (size_t)(end - s), &cp)) == 0) {
			k = 1;
			continue;
		}
		if (!drawable(cp) && !lb_invisible(cp)) {
			char u[5];

			u[utf8_encode(cp, u)] = '\0';
			diag_at(&l, DIAG_WARNING, "字体无法显示字符“%s”(U+%04X)："
			    "手册和单张中会画成方框；请改用通用规范汉字，或在主题"
			    "的 pdf.fonts 中加入能显示它的字体", u, cp);
		}
		l.col++;
	}
}

int
check_glyphs_prepare(const struct theme *th)
{
	struct fonts *f = fonts_open(th);

	if (f == NULL)
		return -1;
	memset(present, 0, sizeof(present));
	fonts_coverage(f, FONT_BODY, present);
	fonts_coverage(f, FONT_HEADING, present);
	/* ASCII is not asked; spaces draw nothing (fonts_pick) */
	present[0xA0 >> 3] |= 1u << (0xA0 & 7);
	present[0x3000 >> 3] |= 1u << (0x3000 & 7);
	fonts_close(f);
	model_text_hook(scan_file);
	return 0;
}
