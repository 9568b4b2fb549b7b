/*
 * lbtest.c — golden test of the line breaker: reads paragraphs from
 * stdin ("@WIDTH" lines set the measure in ems, with "indent" for a
 * 2-em first-line indent and "ragged" for unjustified text as in table
 * cells, flowchart boxes and leaflet lines; blank lines separate
 * paragraphs) and prints each paragraph's lines between | bars, with
 * the x of each character in hundredths of an em when -x is given. In
 * justified text a line other than the last that is left short is
 * marked "short" (no justification within the stretch cap), and one
 * whose gaps open is marked "+N" (N: the widest gap's opening in
 * thousandths of an em).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "font.h"
#include "linebreak.h"

static void
run(struct para *p, float width, float size, int indent, int ragged,
    int showx)
{
	size_t	i, j;
	struct buf b;

	lb_break(p, width * size, indent ? 2 * size : 0, !ragged);
	for (i = 0; i < p->nlines; i++) {
		const struct lb_line *l = &p->lines[i];

		buf_init(&b);
		lb_line_text(p, i, &b);
		printf("|%.*s|", (int)b.len, b.data ? b.data : "");
		buf_free(&b);
		if (!ragged && i + 1 < p->nlines) {
			float most = 0;

			/* the gap between two ideographs (class 0,
			 * linebreak.c's C_ID) beyond their advance */
			for (j = l->start + 1; j < l->end; j++) {
				float gap = p->c[j].x - p->c[j - 1].x -
				    p->c[j - 1].adv;
				if (p->c[j].cls == 0 && p->c[j - 1].cls == 0 &&
				    gap > most)
					most = gap;
			}
			if (l->width < width * size - 0.01f)
				printf(" short");
			else if (most > 0.0005f * size)
				printf(" +%d", (int)(most / size * 1000 + 0.5));
		}
		printf("\n");
		if (showx) {
			for (j = p->lines[i].start; j < p->lines[i].end; j++)
				printf(" %d", (int)(p->c[j].x / size * 100 + 0.5));
			printf("\n");
		}
	}
	printf("\n");
}

int
main(int argc, char *argv[])
{
	struct fonts	*f = fonts_open(NULL);
	struct para	 p;
	struct tstyle	 st = { FONT_BODY, 10.5f, 0, -1, NULL };
	char		 line[4096];
	float		 width = 20;
	int		 indent = 0, ragged = 0;
	int		 showx = argc > 1 && strcmp(argv[1], "-x") == 0;

	if (f == NULL)
		return 1;
	lb_init(&p, f);
	while (fgets(line, sizeof(line), stdin)) {
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (line[0] == '#')
			continue;
		if (line[0] == '@') {
			width = (float)atof(line + 1);
			indent = strstr(line, "indent") != NULL;
			ragged = strstr(line, "ragged") != NULL;
			printf("%s\n", line);
			continue;
		}
		if (n == 0) {
			if (!lb_empty(&p))
				run(&p, width, st.size, indent, ragged, showx);
			lb_reset(&p);
			continue;
		}
		lb_add(&p, line, n, &st, NULL);
	}
	if (!lb_empty(&p))
		run(&p, width, st.size, indent, ragged, showx);
	lb_free(&p);
	fonts_close(f);
	diag_flush();
	return 0;
}
