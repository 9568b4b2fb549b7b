/*
 * pdfkit.c — the pieces the handbook (book.c) and the leaflets
 * (out_leaflet.c) draw the same way: theme colours, vector QR codes
 * and the URL a guide's QR code points to.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "model.h"
#include "theme.h"
#include "dlist.h"
#include "qr.h"
#include "pdfkit.h"

/* A colour "#RRGGBB" from the theme, or def. */
unsigned
kit_color(const struct theme *th, const char *key, unsigned def)
{
	const char	*v = th ? theme_str(th, key, NULL) : NULL;
	char		*end;
	unsigned long	 c;

	if (v == NULL)
		return def;
	c = strtoul(v + (*v == '#'), &end, 16);
	if (*end != '\0' || strlen(v + (*v == '#')) != 6) {
		diag_file(th->dir, 1, 1, DIAG_WARNING, "theme.yaml 的 %s 应为"
		    "“#RRGGBB”这样的颜色，而不是“%s”", key, v);
		return def;
	}
	return (unsigned)c;
}

/* Draw a QR code of text with its top-left corner at x, y, size pt:
 * one rectangle per horizontal run of dark modules. */
void
kit_qr(struct dlist *dl, int page, const char *text, float x, float y,
    float size)
{
	struct qr	*q = qr_encode(text);
	float		 m;
	int		 r, c, s;

	if (q == NULL)
		return;
	m = size / (float)(q->width + 8);
	for (r = 0; r < q->width; r++)
		for (c = 0; c < q->width; c = s) {
			struct dl_item *it;
			if (!qr_dark(q, c, r)) {
				s = c + 1;
				continue;
			}
			for (s = c; s < q->width && qr_dark(q, s, r); s++)
				;
			it = dl_add(dl, page, DL_RECT);
			it->x = x + (4 + c) * m;
			it->y = y + (4 + r) * m;
			it->w = (s - c) * m + 0.05f;
			it->h = m + 0.05f;
			it->color = DL_BLACK;
		}
	qr_free(q);
}

/* Where a guide's QR code points: its online service, else its portal
 * page (the portal's URL scheme, doc/portal.md). */
char *
kit_guide_url(const struct edition *ed, const struct guide *g)
{
	if (g->online.url)
		return xstrdup(g->online.url);
	if (ed->portal) {
		size_t n = strlen(ed->portal);
		return xasprintf("%s%sguide/%s.html", ed->portal,
		    n && ed->portal[n - 1] == '/' ? "" : "/", g->it.id);
	}
	return NULL;
}

char *
kit_template_url(const struct edition *ed, const char *rel)
{
	size_t	n;

	if (ed->portal == NULL || rel == NULL || strstr(rel, "://") != NULL)
		return NULL;
	if (strncmp(rel, "assets/", 7) == 0)
		rel += 7;
	n = strlen(ed->portal);
	return xasprintf("%s%sfiles/%s", ed->portal,
	    n && ed->portal[n - 1] == '/' ? "" : "/", rel);
}
