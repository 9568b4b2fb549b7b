/*
 * keys.c — every key of every kind, English and Chinese, with whether it
 * is required and a one-line help. This is the only place the aliases
 * are written down; ybt-sources(5) lists the same table.
 */
#include <pthread.h>
#include <string.h>

#include "source.h"
#include "keys.h"

static const struct keydef edition_keys[] = {
	{ "id", "编号", 0, "与文件夹名相同，如 gz" },
	{ "title", "标题", 1, "版本标题，如 广州市\"办事一本通\"" },
	{ "region", "地区", 1, "广州市 / 天河区" },
	{ "issuer", "发布单位", 1, "如 广州市政务服务数据管理局" },
	{ "version", "版本", 1, "如 2026年第四季度版" },
	{ "date", "发布日期", 1, "ISO 日期，如 2026-11-20；也是输出的时间戳" },
	{ "hotline", "服务热线", 1, "默认咨询、投诉电话，如 12345" },
	{ "portal", "门户地址", 0, "二维码指向的网址前缀，如 https://www.gz.gov.cn/ybt/" },
	{ "base", "继承", 0, "所继承的版本文件夹名，如 gz" },
	{ "exclude", "排除", 0, "不在本版提供的继承条目编号列表" },
	{ "theme", "主题", 0, "themes/ 下的主题名，默认 default" },
	{ "stale_after", "过期天数", 0, "更新日期早于发布日期多少天视为过期，默认 365" },
	{ "extra", "扩展", 0, "本地自定义字段（任意键、任意层次）：ybt 原样保留在 XML 中，其他输出不用" },
};

static const struct keydef guide_keys[] = {
	{ "id", "编号", 1, "小写字母、数字和连字符，与文件名相同" },
	{ "title", "标题", 1, "如 新生儿出生\"一件事\"" },
	{ "audience", "服务对象", 1, "个人 或 法人" },
	{ "stage", "阶段", 1, "出生、上学、就业、婚育、居住、退休、身后；开办、准营、经营、变更、注销" },
	{ "summary", "简介", 1, "一两句话说明这件事" },
	{ "matters", "包含事项", 1, "事项编号列表，按办理顺序" },
	{ "procedure", "办理流程", 1, "流程编号" },
	{ "offices", "办理地点", 0, "办理地点编号列表；默认为各事项地点的并集" },
	{ "online", "网上办理", 0, "{url: 网址, depth: 全程网办}" },
	{ "promise", "承诺", 1, "{time_limit: 工作日数, visits: 到现场次数}" },
	{ "synonyms", "别称", 0, "群众常用的说法，如 生孩子、上户口" },
	{ "disclosure", "公开属性", 1, "主动公开、依申请公开 或 不予公开" },
	{ "updated", "更新日期", 1, "最近一次修改的日期，如 2026-11-01" },
	{ "extra", "扩展", 0, "本地自定义字段（任意键、任意层次）：ybt 原样保留在 XML 中，其他输出不用" },
};

static const struct keydef matter_keys[] = {
	{ "id", "编号", 1, "小写字母、数字和连字符，与文件名相同" },
	{ "code", "事项编码", 0, "实施清单编码" },
	{ "title", "事项名称", 1, "如 出生医学证明签发" },
	{ "type", "事项类型", 1, "行政许可、行政确认、行政给付、行政征收、行政奖励、行政裁决、其他行政权力、公共服务" },
	{ "department", "实施主体", 1, "如 广州市卫生健康委员会" },
	{ "basis", "设定依据", 1, "法律法规及条款列表" },
	{ "audience", "服务对象", 1, "个人、法人、其他组织 的列表" },
	{ "conditions", "受理条件", 1, "文字或列表" },
	{ "materials", "申请材料", 1, "材料列表，每项写成 {name: 材料名称, form: 原件, copies: 1}，name 和 form 必填；无需材料时写 []" },
	{ "procedure", "办理流程", 0, "流程编号，或步骤列表" },
	{ "time_limit", "办结时限", 1, "{legal: 法定工作日, promised: 承诺工作日, unit: 工作日}" },
	{ "kind", "办件类型", 1, "即办件 或 承诺件" },
	{ "fee", "收费", 1, "不收费，或 {item, amount, basis} 列表" },
	{ "offices", "办理地点", 0, "办理地点编号列表；到现场办理的事项必填，全程网办（visits: 0 且写明 online）时可不写" },
	{ "online", "网上办理", 0, "{url: 网址, depth: 全程网办}" },
	{ "visits", "到现场次数", 1, "0、1、2…" },
	{ "result", "办理结果", 1, "{name: 结果名称, delivery: [窗口领取, 邮寄, 电子证照]}" },
	{ "scope", "通办范围", 0, "全市通办、全省通办、跨省通办 或 就近办" },
	{ "consult", "咨询电话", 0, "默认为服务热线" },
	{ "complaint", "投诉电话", 0, "默认为服务热线" },
	{ "disclosure", "公开属性", 1, "主动公开、依申请公开 或 不予公开" },
	{ "updated", "更新日期", 1, "最近一次修改的日期，如 2026-11-01" },
	{ "extra", "扩展", 0, "本地自定义字段（任意键、任意层次）：ybt 原样保留在 XML 中，其他输出不用" },
};

static const struct keydef procedure_keys[] = {
	{ "id", "编号", 1, "小写字母、数字和连字符，与文件名相同" },
	{ "title", "标题", 1, "流程名称" },
	{ "steps", "步骤", 1, "步骤列表；第一步为入口" },
	{ "updated", "更新日期", 0, "最近一次修改的日期" },
	{ "extra", "扩展", 0, "本地自定义字段（任意键、任意层次）：ybt 原样保留在 XML 中，其他输出不用" },
};

static const struct keydef office_keys[] = {
	{ "id", "编号", 1, "小写字母、数字和连字符，与文件名相同" },
	{ "name", "名称", 1, "如 广州市政务服务中心" },
	{ "district", "所在区", 1, "如 天河区" },
	{ "address", "地址", 1, "详细地址" },
	{ "hours", "办公时间", 1, "{days: 周一至周五, open: \"09:00\", close: \"17:30\"} 列表，另可写例外说明" },
	{ "phone", "电话", 1, "咨询电话" },
	{ "windows", "窗口", 0, "{no: 窗口号, serves: 办理业务} 列表" },
	{ "transit", "交通", 0, "公交、地铁到达方式" },
	{ "accessibility", "无障碍设施", 0, "无障碍通道、母婴室、老年人绿色通道…" },
	{ "self_service", "自助服务", 0, "24 小时自助服务区说明" },
	{ "geo", "坐标", 0, "[纬度, 经度]" },
	{ "updated", "更新日期", 0, "最近一次修改的日期" },
	{ "extra", "扩展", 0, "本地自定义字段（任意键、任意层次）：ybt 原样保留在 XML 中，其他输出不用" },
};

static const struct keydef material_keys[] = {
	{ "name", "材料名称", 1, "如 居民身份证" },
	{ "source", "来源渠道", 0, "申请人自备，或出具单位" },
	{ "form", "材料形式", 1, "原件、复印件、原件及复印件 或 电子证照" },
	{ "medium", "载体", 0, "纸质、电子 或 纸质或电子" },
	{ "copies", "份数", 0, "1、2…" },
	{ "required", "必要性", 0, "true、false，或需要提交的条件" },
	{ "shared", "免提交", 0, "true：通过数据共享获取，申请人无需提交" },
	{ "template", "样表", 0, "assets/ 下的样表文件路径" },
	{ "note", "备注", 0, "填写要求等说明" },
};

static const struct keydef fee_keys[] = {
	{ "item", "收费项目", 1, "如 工本费" },
	{ "amount", "收费标准", 1, "如 20元" },
	{ "basis", "收费依据", 0, "如 粤价〔2003〕123号" },
};

static const struct keydef step_keys[] = {
	{ "id", "编号", 0, "步骤编号（流程文件中必填）" },
	{ "name", "名称", 1, "如 受理" },
	{ "actor", "办理人", 0, "如 窗口工作人员" },
	{ "where", "地点", 0, "办理地点编号，或 online" },
	{ "time", "时限", 0, "如 即时、1个工作日" },
	{ "next", "下一步", 0, "后续步骤编号列表；最后一步可省略" },
};

static const struct keydef hours_keys[] = {
	{ "days", "日期", 1, "如 周一至周五" },
	{ "open", "开始", 1, "HH:MM，如 \"09:00\"" },
	{ "close", "结束", 1, "HH:MM，如 \"17:30\"" },
};

static const struct keydef window_keys[] = {
	{ "no", "窗口号", 1, "如 A12" },
	{ "serves", "业务", 1, "该窗口办理的业务" },
};

static const struct keydef timelimit_keys[] = {
	{ "legal", "法定", 1, "法定办结时限（工作日）" },
	{ "promised", "承诺", 1, "承诺办结时限（工作日），不得超过法定时限" },
	{ "unit", "单位", 0, "工作日" },
};

static const struct keydef online_keys[] = {
	{ "url", "网址", 1, "网上办理地址，https://…" },
	{ "depth", "网办深度", 0, "全程网办、一次登录…" },
};

static const struct keydef result_keys[] = {
	{ "name", "结果名称", 1, "如 出生医学证明" },
	{ "delivery", "送达方式", 0, "窗口领取、邮寄、电子证照 的列表" },
};

static const struct keydef promise_keys[] = {
	{ "time_limit", "办结时限", 1, "整件事的承诺工作日数" },
	{ "visits", "到现场次数", 1, "整件事的到现场次数" },
};

#define T(a) { a, sizeof(a) / sizeof(a[0]) }
static const struct {
	const struct keydef	*t;
	size_t			 n;
} tables[KIND__MAX] = {
	[KIND_EDITION] = T(edition_keys),
	[KIND_GUIDE] = T(guide_keys),
	[KIND_MATTER] = T(matter_keys),
	[KIND_PROCEDURE] = T(procedure_keys),
	[KIND_OFFICE] = T(office_keys),
	[KIND_MATERIAL] = T(material_keys),
	[KIND_FEE] = T(fee_keys),
	[KIND_STEP] = T(step_keys),
	[KIND_HOURS] = T(hours_keys),
	[KIND_WINDOW] = T(window_keys),
	[KIND_TIMELIMIT] = T(timelimit_keys),
	[KIND_ONLINE] = T(online_keys),
	[KIND_RESULT] = T(result_keys),
	[KIND_PROMISE] = T(promise_keys),
};

const struct keydef *
keys_table(enum kind k, size_t *n)
{
	*n = tables[k].n;
	return tables[k].t;
}

/*
 * keys_find runs for every key of every map of every file, and fidx for
 * every field read: a hash of both spellings per kind, built once.
 */
#define KEYS_HASH	256	/* slots per kind, a power of two */

static short		 hslot[KIND__MAX][KEYS_HASH];	/* index + 1 */
static pthread_once_t	 honce = PTHREAD_ONCE_INIT;

static unsigned
khash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
hput(enum kind k, const char *name, size_t idx)
{
	unsigned i = khash(name) & (KEYS_HASH - 1);

	while (hslot[k][i] != 0)
		i = (i + 1) & (KEYS_HASH - 1);
	hslot[k][i] = (short)(idx + 1);
}

static void
hbuild(void)
{
	for (int k = 0; k < KIND__MAX; k++)
		for (size_t i = 0; i < tables[k].n; i++) {
			hput((enum kind)k, tables[k].t[i].en, i);
			hput((enum kind)k, tables[k].t[i].zh, i);
		}
}

int
keys_find(enum kind k, const char *name)
{
	unsigned i;

	pthread_once(&honce, hbuild);
	for (i = khash(name) & (KEYS_HASH - 1); hslot[k][i] != 0;
	    i = (i + 1) & (KEYS_HASH - 1)) {
		const struct keydef *d = &tables[k].t[hslot[k][i] - 1];
		if (strcmp(d->en, name) == 0 || strcmp(d->zh, name) == 0)
			return hslot[k][i] - 1;
	}
	/* A few common second spellings. */
	if (k == KIND_MATERIAL) {
		if (strcmp(name, "名称") == 0)
			return 0;
		if (strcmp(name, "形式") == 0)
			return 2;
	}
	if (k == KIND_RESULT && strcmp(name, "名称") == 0)
		return 0;
	return -1;
}

const struct ynode *
keys_get(enum kind k, const struct ynode *map, const char *en)
{
	int want = keys_find(k, en);

	if (map == NULL || map->type != YN_MAP || want < 0)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (keys_find(k, map->kids[i]->str) == want)
			return map->kids[i + 1];
	return NULL;
}
