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

static void
scan_text(struct fonts *f, const char *s, const struct loc *at)
{
	struct loc l = *at;
	unsigned cp;
	int k;

	for (; *s; s += k) {
		if ((k = utf8_decode(s, strlen(s), &cp)) == 0) {
			k = 1;
			continue;
		}
		if (cp == '\n') {
			l.line++;
			l.col = 1;
			continue;
		}
		if (cp >= 0x80 && fonts_pick(f, FONT_BODY, cp) < 0 &&
		    fonts_pick(f, FONT_HEADING, cp) < 0) {
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
	scan_ynode(f, it->front);
	scan_md(f, it->doc);
}

void
check_glyphs(const struct edition *ed, const struct theme *th)
{
	struct fonts *f = fonts_open(th);

	if (f == NULL)
		return;
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
