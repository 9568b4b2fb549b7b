/*
 * check_glyphs.c — `ybt check` warns about characters that no font of
 * the edition's theme can draw (SPEC §3), before anyone prints: every
 * scalar of every published item's front matter and every text node of
 * its body, at the character's own line and column. The PDF layout
 * warns again when it meets one, and draws a visible box.
 */
#include <string.h>

#include "util.h"
#include "diag.h"
#include "source.h"
#include "md.h"
#include "model.h"
#include "theme.h"
#include "font.h"
#include "check.h"

/* Per BMP code point: 0 not asked yet, 1 drawable, 2 not drawable. */
static unsigned char known[0x10000];

static int
drawable(struct fonts *f, unsigned cp)
{
	if (cp > 0xffff)
		return fonts_pick(f, FONT_BODY, cp) >= 0;
	if (known[cp] == 0)
		known[cp] = fonts_pick(f, FONT_BODY, cp) >= 0 ||
		    fonts_pick(f, FONT_HEADING, cp) >= 0 ? 1 : 2;
	return known[cp] == 1;
}

static void
scan_text(struct fonts *f, const char *s, const struct loc *at)
{
	struct loc l = *at;
	const char *end = s + strlen(s);
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
		if (cp == '\n') {
			l.line++;
			l.col = 1;
			continue;
		}
		if (!drawable(f, cp)) {
			char u[5];

			u[utf8_encode(cp, u)] = '\0';
			diag_at(&l, DIAG_WARNING, "字体无法显示字符“%s”(U+%04X)："
			    "手册和单张中会画成方框；请改用通用规范汉字，或在主题"
			    "的 pdf.fonts 中加入能显示它的字体", u, cp);
		}
		l.col++;
	}
}

static void
scan_ynode(struct fonts *f, const struct ynode *n)
{
	if (n == NULL)
		return;
	if (n->type == YN_SCALAR) {
		/* A quoted scalar's text starts after its quote. */
		struct loc l = n->loc;

		l.col += n->quoted;
		scan_text(f, n->str, &l);
	}
	for (size_t i = 0; i < n->n; i++)
		scan_ynode(f, n->kids[i]);
}

static void
scan_md(struct fonts *f, const struct md_node *n)
{
	for (; n != NULL; n = n->next) {
		if (n->text && n->type != MD_HTML && n->type != MD_HTML_INLINE)
			scan_text(f, n->text, &n->loc);
		scan_md(f, n->child);
	}
}

static void
scan_item(struct fonts *f, const struct item *it)
{
	struct loc l = { it->file, it->body_line, 1 };

	scan_ynode(f, it->front);
	if (it->body && it->body_line > 0)
		scan_text(f, it->body, &l);	/* the raw Markdown */
}

void
check_glyphs(const struct edition *ed, const struct theme *th)
{
	struct fonts *f = fonts_open(th);

	if (f == NULL)
		return;
	memset(known, 0, sizeof(known));	/* another theme, maybe */
	scan_md(f, ed->preface_doc);
	for (size_t i = 0; i < ed->nguides; i++)
		scan_item(f, &ed->guides[i]->it);
	for (size_t i = 0; i < ed->nmatters; i++)
		scan_item(f, &ed->matters[i]->it);
	for (size_t i = 0; i < ed->nprocedures; i++)
		scan_item(f, &ed->procedures[i]->it);
	for (size_t i = 0; i < ed->noffices; i++)
		scan_item(f, &ed->offices[i]->it);
	fonts_close(f);
}
