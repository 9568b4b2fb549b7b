/*
 * present.h — the words of every fact that more than one output shows:
 * time limits (0 days is 即办), visits, fees, the reductions (减材料、
 * 减时限、减跑动、减环节) with their percentages, material forms and
 * copies, phone labels and dates. The portal, the handbook, the
 * leaflets and the XML's readable fields call these; no back end words
 * such a fact itself, so the outputs cannot disagree.
 *
 * Everything is plain UTF-8 text appended to a struct buf (or returned
 * as a constant): the caller escapes it for HTML, XML or PDF.
 *
 * Included by: book.c, html_guide.c, html_matter.c, html_office.c, html_page.c, out_leaflet.c, present.c and report_diff.c.
 * Includes model.h and util.h.
 */
#ifndef YBT_PRESENT_H
#define YBT_PRESENT_H

#include "model.h"
#include "util.h"

/* Headings and labels several outputs print. */
#define PRESENT_REDUCTIONS	"减材料、减时限、减跑动、减环节"
#define PRESENT_CONSULT		"咨询电话"
#define PRESENT_COMPLAINT	"监督投诉电话"
#define PRESENT_HOTLINE		"服务热线"
#define PRESENT_FREE		"不收费"
#define PRESENT_SHARED		"免提交"
#define PRESENT_NO_MATERIALS	"无需提交材料"
/* The heading of an item's body (its free text): a guide's, a matter's
 * (the portal's; the handbook sets it under the matter's own heading)
 * and an office's. */
#define PRESENT_GUIDE_BODY	"办事须知"
#define PRESENT_MATTER_BODY	"注意事项"
#define PRESENT_OFFICE_BODY	"说明"
/* The reductions table's columns, and the column of a material's form
 * and copies where one column holds both (handbook, leaflet). */
#define PRESENT_RED_WHAT	"项目"
#define PRESENT_RED_BEFORE	"逐项分别办理"
#define PRESENT_RED_AFTER	"一件事集成办理"
#define PRESENT_RED_SAVED	"减少"
#define PRESENT_FORM_COPIES	"形式、份数"

/* "即办" for 0 days, else "5 个工作日". */
void	 present_days(struct buf *, int days);
/* A matter's 办结时限: "法定 20 个工作日，承诺 5 个工作日", with
 * "（即办件）"/"（承诺件）" after it when kind is given; 0 days is 即办
 * on either side ("法定 1 个工作日，承诺即办"; both 0: "即办"). */
void	 present_time_limit(struct buf *, int legal, int promised,
	    const char *kind);
/* "1 次", "0 次". */
void	 present_visits(struct buf *, int visits);
/* A count and its unit with the space every table uses: "5 份". */
void	 present_count(struct buf *, int n, const char *unit);
/* A checklist line's or material's copies: "2 份" (0 or less: 1 份). */
void	 present_copies(struct buf *, int copies);
/* What a material's 样表 (template) is called where it is shown or
 * linked: the material's name, else the file's name without its folder
 * and extension ("《出生医学证明》首次签发登记表"), never the path. */
void	 present_template_title(struct buf *, const struct material *);

/* A checklist line to bring that some of its matters take from data
 * sharing: "其中生育登记、生育津贴申领通过数据共享获取，无需为其提交"
 * (brief, for a leaflet: "部分事项免提交"); nothing for other lines. */
void	 present_shared_by(struct buf *, const struct checkline *,
	    int brief);

/* The four reductions, in the order every output shows them. */
enum present_red { RED_MATERIALS, RED_DAYS, RED_VISITS, RED_STEPS,
	RED__MAX };
struct present_red_row {
	const char	*what;		/* 材料, 时限, 跑动, 环节 */
	const char	*unit;		/* 份, 个工作日, 次, 个 */
	int		 before;	/* each matter on its own */
	int		 after;		/* the guide */
};
void	 present_red_rows(const struct reductions *,
	    struct present_red_row[RED__MAX]);
/* Percentage saved, rounded half up (2 of 3 → 67); -1 when there is
 * nothing to compare (before ≤ 0 or after > before). */
int	 present_red_percent(int before, int after);
/* "材料 14 → 6 份，时限 35 → 5 个工作日，跑动 5 → 1 次，环节 20 → 4 个。" */
void	 present_red_sentence(struct buf *, const struct reductions *);
/* A row's saving, under the column PRESENT_RED_SAVED: "8 份（57%）",
 * or "—" when nothing is saved. */
void	 present_red_saving(struct buf *, const struct present_red_row *);

/* A matter charges nothing (不收费, or no fee items). */
int	 present_matter_free(const struct matter *);
/* Every matter of the guide is free. */
int	 present_guide_free(const struct guide *);
/* A fee item: "工本费：20 元（依据：…）". */
void	 present_fee(struct buf *, const struct fee *);
/* A guide's fees in one phrase: 不收费 or 部分事项收费. */
const char *present_guide_fee(const struct guide *);

/* 网上办理 in a word: the depth, else "可网上办理" when a URL is given,
 * else NULL. */
const char *present_online(const struct online *);

/* An ISO date as "2026年11月25日"; anything else as written. */
void	 present_date(struct buf *, const char *iso);

#endif
