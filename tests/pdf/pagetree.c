/*
 * pagetree.c — paints a display list of N pages (argv[1]) into a PDF
 * (argv[2]) through the libharu painter: a grey box on every page, a
 * link on the first page to a destination on the last and an outline
 * entry for it. The suite checks the file with qpdf: beyond 32,767
 * pages (libharu's most kids in one Pages node) the painter must build
 * a level of Pages nodes.
 */
#include <stdio.h>
#include <stdlib.h>

#include "util.h"
#include "dlist.h"
#include "font.h"
#include "paint.h"

int
main(int argc, char *argv[])
{
	struct dlist	*dl;
	struct dl_item	*it;
	int		 n, i, last = 0, d;

	if (argc != 3 || (n = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: pagetree pages out.pdf\n");
		return 2;
	}
	dl = dl_new(420, 595);
	for (i = 0; i < n; i++) {
		last = dl_add_page(dl);
		it = dl_add(dl, last, DL_RECT);
		it->x = 50 + i % 300;
		it->y = 50;
		it->w = it->h = 20;
		it->color = 0x808080u;
	}
	d = dl_add_dest(dl, last, 40);
	dl_add_outline(dl, 0, "last", d);
	it = dl_add(dl, 0, DL_LINK);
	it->x = it->y = 50;
	it->w = it->h = 20;
	it->dest = d;
	i = paint_pdf(dl, NULL, argv[2], NULL);
	dl_free(dl);
	return i == 0 ? 0 : 1;
}
