/*
 * flow.h — flowchart geometry shared by the HTML and PDF back ends.
 * flow_rank() computes a procedure's layered layout (struct step
 * layer/pos); flow_layout() turns it into boxes and orthogonal edge
 * polylines in abstract units (y grows downwards); each back end scales
 * and paints them. Parallel branches sit side by side, boxes never
 * overlap, and an edge that skips layers runs in a free vertical lane.
 * Included by: book_flow.c, flow.c and model_resolve.c.
 * Includes model.h.
 */
#ifndef YBT_FLOW_H
#define YBT_FLOW_H

#include "model.h"

#define FLOW_MAXPTS	6

struct flow_params {
	double	box_w, box_h;	/* one step box */
	double	gap_x, gap_y;	/* between boxes */
	double	margin;		/* around the drawing */
};

struct flow_box {
	double			 x, y, w, h;	/* top-left corner, size */
	const struct step	*step;
	size_t			 index;		/* into procedure->steps */
};

struct flow_edge {
	size_t	from, to;			/* box (= step) indexes */
	int	npts;
	double	pts[FLOW_MAXPTS][2];		/* polyline; last = arrow tip */
};

struct flow {
	double			 width, height;
	struct flow_box		*boxes;		/* one per step, same order */
	size_t			 nboxes;
	struct flow_edge	*edges;
	size_t			 nedges;
};

/* Layers and positions of p's steps (succ resolved); sets nlayers. */
void		 flow_rank(struct procedure *p);
/* Defaults: 180 × 64 boxes, gaps 28 × 48, margin 8. */
void		 flow_default_params(struct flow_params *);
struct flow	*flow_layout(const struct procedure *,
		    const struct flow_params *);
void		 flow_free(struct flow *);

#endif
