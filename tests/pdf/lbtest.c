/*
 * lbtest.c — golden test of the line breaker: reads paragraphs from
 * stdin ("@WIDTH" lines set the measure in ems, blank lines separate
 * paragraphs) and prints each paragraph's lines between | bars, with
 * the x of each character in hundredths of an em when -x is given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "font.h"
#include "linebreak.h"

static void
run(struct para *p, float width, float size, int indent, int showx)
{
	size_t	i, j;
	struct buf b;

	lb_break(p, width * size, indent ? 2 * size : 0, 1);
	for (i = 0; i < p->nlines; i++) {
		buf_init(&b);
		lb_line_text(p, i, &b);
		printf("|%.*s|\n", (int)b.len, b.data ? b.data : "");
		buf_free(&b);
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
	int		 indent = 0, showx = argc > 1 && strcmp(argv[1], "-x") == 0;

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
			printf("%s\n", line);
			continue;
		}
		if (n == 0) {
			if (!lb_empty(&p))
				run(&p, width, st.size, indent, showx);
			lb_reset(&p);
			continue;
		}
		lb_add(&p, line, n, &st, NULL);
	}
	if (!lb_empty(&p))
		run(&p, width, st.size, indent, showx);
	lb_free(&p);
	fonts_close(f);
	diag_flush();
	return 0;
}
