/*
 * present.c — how ybt words a fact that several outputs show (see
 * present.h). One rule each: 0 days is 即办; a count and its unit are
 * set with one space ("5 份"); percentages round half up; a guide's
 * reductions are always listed materials, days, visits, steps.
 */
#include <string.h>

#include "util.h"
#include "model.h"
#include "present.h"

void
present_days(struct buf *b, int days)
{
	if (days <= 0)
		buf_puts(b, "即办");
	else
		buf_printf(b, "%d 个工作日", days);
}

void
present_time_limit(struct buf *b, int legal, int promised, const char *kind)
{
	if (legal <= 0 && promised <= 0)
		buf_puts(b, "即办");
	else {
		buf_puts(b, legal <= 0 ? "法定" : "法定 ");
		present_days(b, legal);
		buf_puts(b, promised <= 0 ? "，承诺" : "，承诺 ");
		present_days(b, promised);
	}
	if (kind != NULL && *kind != '\0')
		buf_printf(b, "（%s）", kind);
}

void
present_visits(struct buf *b, int visits)
{
	buf_printf(b, "%d 次", visits);
}

void
present_count(struct buf *b, int n, const char *unit)
{
	buf_printf(b, "%d %s", n, unit);
}

void
present_copies(struct buf *b, int copies)
{
	present_count(b, copies > 0 ? copies : 1, "份");
}

void
present_shared_by(struct buf *b, const struct checkline *c, int brief)
{
	size_t i;

	if (c->shared || c->nshared_by == 0)
		return;
	if (brief) {
		/* a leaflet's narrow column: the portal and handbook
		 * name the matters */
		buf_puts(b, "部分事项" PRESENT_SHARED);
		return;
	}
	buf_puts(b, "其中");
	for (i = 0; i < c->nshared_by; i++)
		buf_printf(b, "%s%s", i ? "、" : "", c->shared_by[i]->title ?
		    c->shared_by[i]->title : c->shared_by[i]->it.id);
	buf_puts(b, "通过数据共享获取，无需为其提交");
}

void
present_template_title(struct buf *b, const struct material *mt)
{
	const char	*s, *dot;

	if (mt->name != NULL && *mt->name != '\0') {
		buf_puts(b, mt->name);
		return;
	}
	s = mt->template != NULL ? mt->template : "";
	if (strrchr(s, '/') != NULL)
		s = strrchr(s, '/') + 1;
	dot = strrchr(s, '.');
	buf_putn(b, s, dot != NULL && dot > s ? (size_t)(dot - s) :
	    strlen(s));
}

void
present_red_rows(const struct reductions *r,
    struct present_red_row rows[RED__MAX])
{
	rows[RED_MATERIALS] = (struct present_red_row){ "材料", "份",
	    r->materials_before, r->materials_after };
	rows[RED_DAYS] = (struct present_red_row){ "时限", "个工作日",
	    r->days_before, r->days_after };
	rows[RED_VISITS] = (struct present_red_row){ "跑动", "次",
	    r->visits_before, r->visits_after };
	rows[RED_STEPS] = (struct present_red_row){ "环节", "个",
	    r->steps_before, r->steps_after };
}

int
present_red_percent(int before, int after)
{
	if (before <= 0 || after > before)
		return -1;
	/* (before - after) / before, rounded half up, in whole numbers. */
	return (int)(((long)(before - after) * 200 + before) /
	    ((long)before * 2));
}

void
present_red_sentence(struct buf *b, const struct reductions *r)
{
	struct present_red_row rows[RED__MAX];
	int i;

	present_red_rows(r, rows);
	for (i = 0; i < RED__MAX; i++)
		buf_printf(b, "%s%s %d → %d %s", i ? "，" : "", rows[i].what,
		    rows[i].before, rows[i].after, rows[i].unit);
	buf_puts(b, "。");
}

void
present_red_saving(struct buf *b, const struct present_red_row *row)
{
	int pc;

	if (row->before <= row->after) {
		buf_puts(b, "—");
		return;
	}
	present_count(b, row->before - row->after, row->unit);
	if ((pc = present_red_percent(row->before,
	    row->after)) >= 0)
		buf_printf(b, "（%d%%）", pc);
}

int
present_matter_free(const struct matter *m)
{
	return m->free_of_charge || m->nfees == 0;
}

int
present_guide_free(const struct guide *g)
{
	size_t i;

	for (i = 0; i < g->nmatters; i++)
		if (!present_matter_free(g->matters[i]))
			return 0;
	return 1;
}

void
present_fee(struct buf *b, const struct fee *f)
{
	buf_printf(b, "%s：%s", f->item ? f->item : "",
	    f->amount ? f->amount : "");
	if (f->basis != NULL && *f->basis != '\0')
		buf_printf(b, "（依据：%s）", f->basis);
}

const char *
present_guide_fee(const struct guide *g)
{
	return present_guide_free(g) ? PRESENT_FREE : "部分事项收费";
}

const char *
present_online(const struct online *o)
{
	if (o->depth != NULL && *o->depth != '\0')
		return o->depth;
	return o->url != NULL ? "可网上办理" : NULL;
}

void
present_date(struct buf *b, const char *iso)
{
	int y, m, d;

	if (iso == NULL)
		return;
	if (is_iso_date(iso, &y, &m, &d))
		buf_printf(b, "%d年%d月%d日", y, m, d);
	else
		buf_puts(b, iso);
}
