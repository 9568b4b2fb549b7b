/*
 * flow.c — geometry of a flowchart: boxes on a grid of layers and
 * orthogonal edges between them, in abstract units. Painting is the
 * back ends' job (flow_svg.c, the PDF painter). The layer and column of
 * each step are computed here too, by flow_rank(), which the model calls
 * once a procedure's steps are resolved; when a procedure has none
 * (nlayers 0) flow_layout recomputes them as the longest path.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "flow.h"

void
flow_default_params(struct flow_params *p)
{
	p->box_w = 180;
	p->box_h = 64;
	p->gap_x = 28;
	p->gap_y = 48;
	p->margin = 8;
}

/*
 * The layered layout of a procedure, for its flowchart: a step's layer
 * is its longest distance from the entry, and steps within a layer are
 * ordered by the mean position of their predecessors (fewer crossings).
 * On a cycle (reported by the check pass) a step's layer is its index.
 */
void
flow_rank(struct procedure *p)
{
	size_t n = p->nsteps, i, j, head = 0, tail = 0;
	int *indeg, *order, *width;
	double *key;
	int cyclic = 0;

	p->nlayers = p->maxwidth = 0;
	if (n == 0)
		return;
	indeg = xcalloc(n, sizeof(int));
	order = xcalloc(n, sizeof(int));
	for (i = 0; i < n; i++)
		for (j = 0; j < p->steps[i].nsucc; j++)
			indeg[p->steps[i].succ[j]]++;
	/* Kahn's algorithm for the order; leftovers are on a cycle. */
	for (i = 0; i < n; i++)
		if (indeg[i] == 0)
			order[tail++] = (int)i;
	while (head < tail) {
		struct step *s = &p->steps[order[head++]];

		for (j = 0; j < s->nsucc; j++)
			if (--indeg[s->succ[j]] == 0)
				order[tail++] = (int)s->succ[j];
	}
	if (tail < n)
		cyclic = 1;
	/* Layers: longest path, in topological order (cycles: index). */
	for (i = 0; i < n; i++)
		p->steps[i].layer = 0;
	if (!cyclic)
		for (size_t t = 0; t < n; t++) {
			struct step *s = &p->steps[order[t]];

			for (j = 0; j < s->nsucc; j++)
				if (p->steps[s->succ[j]].layer < s->layer + 1)
					p->steps[s->succ[j]].layer = s->layer + 1;
		}
	else
		for (i = 0; i < n; i++)
			p->steps[i].layer = (int)i;
	for (i = 0; i < n; i++)
		if (p->steps[i].layer + 1 > p->nlayers)
			p->nlayers = p->steps[i].layer + 1;
	/* Positions: barycentre of predecessors, layer by layer. */
	width = xcalloc((size_t)p->nlayers, sizeof(int));
	key = xcalloc(n, sizeof(double));
	for (int L = 0; L < p->nlayers; L++) {
		size_t *in = xcalloc(n, sizeof(size_t)), m = 0;

		for (i = 0; i < n; i++) {
			double sum = 0;
			int cnt = 0;

			if (p->steps[i].layer != L)
				continue;
			for (size_t u = 0; u < n; u++)
				for (j = 0; j < p->steps[u].nsucc; j++)
					if (p->steps[u].succ[j] == i &&
					    p->steps[u].layer < L) {
						sum += p->steps[u].pos;
						cnt++;
					}
			key[i] = cnt ? sum / cnt : (double)i;
			in[m++] = i;
		}
		/* Stable insertion sort by key, then index. */
		for (size_t a = 1; a < m; a++)
			for (size_t b = a; b > 0 && key[in[b - 1]] > key[in[b]];
			    b--) {
				size_t tmp = in[b];

				in[b] = in[b - 1];
				in[b - 1] = tmp;
			}
		for (size_t a = 0; a < m; a++)
			p->steps[in[a]].pos = (int)a;
		width[L] = (int)m;
		if ((int)m > p->maxwidth)
			p->maxwidth = (int)m;
		free(in);
	}
	free(width);
	free(key);
	free(indeg);
	free(order);
}

/* Layers and columns when the model left them unset. */
static void
flow_fallback(const struct procedure *pr, int *layer, int *pos,
    int *nlayers)
{
	size_t i, j, k;
	int changed, *count;

	for (i = 0; i < pr->nsteps; i++)
		layer[i] = 0;
	/* Longest path; the graph is acyclic (check.c), cap the rounds. */
	for (k = 0, changed = 1; changed && k <= pr->nsteps; k++) {
		changed = 0;
		for (i = 0; i < pr->nsteps; i++)
			for (j = 0; j < pr->steps[i].nsucc; j++) {
				size_t s = pr->steps[i].succ[j];

				if (s < pr->nsteps && layer[s] < layer[i] + 1) {
					layer[s] = layer[i] + 1;
					changed = 1;
				}
			}
	}
	*nlayers = 0;
	for (i = 0; i < pr->nsteps; i++)
		if (layer[i] + 1 > *nlayers)
			*nlayers = layer[i] + 1;
	count = xcalloc((size_t)*nlayers + 1, sizeof(int));
	for (i = 0; i < pr->nsteps; i++)
		pos[i] = count[layer[i]]++;
	free(count);
}

/* Is x clear of every box in layers strictly between la and lb? */
static int
flow_lane_free(const struct flow *f, const int *layer, int la, int lb,
    double x, double clear)
{
	size_t i;

	for (i = 0; i < f->nboxes; i++) {
		if (layer[i] <= la || layer[i] >= lb)
			continue;
		if (x > f->boxes[i].x - clear &&
		    x < f->boxes[i].x + f->boxes[i].w + clear)
			return 0;
	}
	return 1;
}

struct flow *
flow_layout(const struct procedure *pr, const struct flow_params *p)
{
	struct flow *f;
	int *layer, *pos, *width, nlayers, maxw, l;
	int *nslot, *srcslot, *inslot;
	size_t i, j, k;
	double rowh, colw;

	f = xcalloc(1, sizeof(*f));
	if (pr == NULL || pr->nsteps == 0)
		return f;
	layer = xcalloc(pr->nsteps, sizeof(int));
	pos = xcalloc(pr->nsteps, sizeof(int));
	nlayers = pr->nlayers;
	if (nlayers > 0) {
		for (i = 0; i < pr->nsteps; i++) {
			layer[i] = pr->steps[i].layer;
			pos[i] = pr->steps[i].pos;
			if (layer[i] < 0 || layer[i] >= nlayers || pos[i] < 0)
				nlayers = 0;
		}
	}
	if (nlayers == 0)
		flow_fallback(pr, layer, pos, &nlayers);

	/* Width of each layer = its highest column + 1. */
	width = xcalloc((size_t)nlayers, sizeof(int));
	for (i = 0; i < pr->nsteps; i++)
		if (pos[i] + 1 > width[layer[i]])
			width[layer[i]] = pos[i] + 1;
	maxw = 1;
	for (l = 0; l < nlayers; l++)
		if (width[l] > maxw)
			maxw = width[l];

	colw = p->box_w + p->gap_x;
	rowh = p->box_h + p->gap_y;
	f->width = 2 * p->margin + maxw * colw - p->gap_x;
	f->height = 2 * p->margin + nlayers * rowh - p->gap_y;
	f->nboxes = pr->nsteps;
	f->boxes = xcalloc(pr->nsteps, sizeof(*f->boxes));
	for (i = 0; i < pr->nsteps; i++) {
		struct flow_box *b = &f->boxes[i];
		/* Centre each layer's row under the widest one. */
		double off = (maxw - width[layer[i]]) * colw / 2;

		b->x = p->margin + off + pos[i] * colw;
		b->y = p->margin + layer[i] * rowh;
		b->w = p->box_w;
		b->h = p->box_h;
		b->step = &pr->steps[i];
		b->index = i;
	}

	/*
	 * Horizontal runs get their own height in the gap below a layer:
	 * one per source step (its edges fan out from one point, so they
	 * may share it) and one per long edge arriving at the next layer,
	 * so that runs of different edges never lie on one line.
	 */
	nslot = xcalloc((size_t)nlayers + 1, sizeof(int));
	srcslot = xcalloc(pr->nsteps, sizeof(int));
	for (l = 0; l < nlayers; l++)
		for (k = 0; k < (size_t)maxw; k++)
			for (i = 0; i < pr->nsteps; i++)
				if (layer[i] == l && pos[i] == (int)k &&
				    pr->steps[i].nsucc > 0)
					srcslot[i] = nslot[l]++;
	/*
	 * An edge that drops onto a box right below another source of its
	 * layer would run along that source's own stub unless its run lies
	 * lower: swap slots until such edges come after (bounded passes;
	 * a crossing pair just keeps its order).
	 */
	for (k = 0; k < pr->nsteps; k++) {
		int swapped = 0;

		for (i = 0; i < pr->nsteps; i++)
			for (j = 0; j < pr->steps[i].nsucc; j++) {
				size_t t = pr->steps[i].succ[j], o;

				if (t >= pr->nsteps || layer[t] != layer[i] + 1)
					continue;
				for (o = 0; o < pr->nsteps; o++) {
					int tmp;

					if (o == i || layer[o] != layer[i] ||
					    pr->steps[o].nsucc == 0 ||
					    fabs(f->boxes[o].x - f->boxes[t].x) > 0.5 ||
					    srcslot[i] > srcslot[o])
						continue;
					tmp = srcslot[i];
					srcslot[i] = srcslot[o];
					srcslot[o] = tmp;
					swapped = 1;
				}
			}
		if (!swapped)
			break;
	}
	for (i = 0; i < pr->nsteps; i++)
		for (j = 0; j < pr->steps[i].nsucc; j++) {
			size_t t = pr->steps[i].succ[j];

			if (t < pr->nsteps && t != i && layer[t] > layer[i] + 1)
				nslot[layer[t] - 1]++;
		}
	inslot = xcalloc((size_t)nlayers + 1, sizeof(int));
	for (l = 0; l < nlayers; l++) {
		int n = 0;

		for (i = 0; i < pr->nsteps; i++)
			if (layer[i] == l && pr->steps[i].nsucc > 0)
				n++;
		inslot[l] = n;		/* long edges take slots after */
	}

	for (i = 0; i < pr->nsteps; i++)
		for (j = 0; j < pr->steps[i].nsucc; j++) {
			size_t t = pr->steps[i].succ[j];
			const struct flow_box *a = &f->boxes[i], *b;
			struct flow_edge *e;
			double sx, sy, tx, ty, ym, yn;

			if (t >= pr->nsteps || t == i)
				continue;
			b = &f->boxes[t];
			e = VEC_PUSH(&f->edges, &f->nedges);
			e->from = i;
			e->to = t;
			sx = a->x + a->w / 2;
			sy = a->y + a->h;
			tx = b->x + b->w / 2;
			ty = b->y;
			ym = sy + p->gap_y * (srcslot[i] + 1) /
			    (nslot[layer[i]] + 1);
			yn = ty - p->gap_y / 2;
			if (t < pr->nsteps && layer[t] > layer[i] + 1) {
				int g = layer[t] - 1;

				yn = ty - p->gap_y + p->gap_y *
				    (inslot[g] + 1) / (nslot[g] + 1);
				inslot[g]++;
			}
			e->pts[0][0] = sx; e->pts[0][1] = sy;
			if (layer[t] == layer[i] + 1 || layer[t] <= layer[i]) {
				/* Adjacent layers: down, across, down. */
				e->pts[1][0] = sx; e->pts[1][1] = ym;
				e->pts[2][0] = tx; e->pts[2][1] = ym;
				e->pts[3][0] = tx; e->pts[3][1] = ty;
				e->npts = 4;
			} else {
				/* Skip layers in a lane clear of all boxes. */
				double best = 0, bestd = -1, cand;
				int side;

				/* Candidates: beside every box; right of
				 * the drawing always works (it grows). */
				for (k = 0; k < 2 * f->nboxes; k++) {
					side = (int)(k % 2);
					cand = side ?
					    f->boxes[k / 2].x + f->boxes[k / 2].w + p->gap_x / 2 :
					    f->boxes[k / 2].x - p->gap_x / 2;
					if (cand < p->margin / 2 ||
					    !flow_lane_free(f, layer, layer[i],
					    layer[t], cand, p->gap_x / 4))
						continue;
					if (bestd < 0 || fabs(cand - sx) +
					    fabs(cand - tx) < bestd - 1e-9) {
						bestd = fabs(cand - sx) + fabs(cand - tx);
						best = cand;
					}
				}
				if (bestd < 0)
					best = f->width - p->margin + p->gap_x / 2;
				if (best + p->margin > f->width)
					f->width = best + p->margin;
				e->pts[1][0] = sx; e->pts[1][1] = ym;
				e->pts[2][0] = best; e->pts[2][1] = ym;
				e->pts[3][0] = best; e->pts[3][1] = yn;
				e->pts[4][0] = tx; e->pts[4][1] = yn;
				e->pts[5][0] = tx; e->pts[5][1] = ty;
				e->npts = 6;
			}
		}
	free(nslot);
	free(srcslot);
	free(inslot);
	free(width);
	free(layer);
	free(pos);
	return f;
}

void
flow_free(struct flow *f)
{
	if (f == NULL)
		return;
	free(f->boxes);
	free(f->edges);
	free(f);
}
