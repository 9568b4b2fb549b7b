/*
 * gen.c — the synthetic edition generator for `make bench`.
 *
 *   gen N OUTDIR           an edition folder in ybt's source format
 *                          (SPEC §2, §7): edition.md, N guides, 10N
 *                          matters, N procedures, N/10+5 offices
 *   gen --hugo N OUTDIR    the same content as a Hugo site
 *   gen --html N OUTFILE   the same content as one HTML file with a print
 *                          stylesheet, for WeasyPrint
 *
 * Everything is drawn from a seeded PRNG (splitmix64), one stream per
 * item, so the same N gives the same bytes. The content is built once in
 * memory (struct world) and then written by one of three emitters, so the
 * three outputs say the same things.
 *
 * Shape of the edition, so that back ends have realistic work to do:
 * - guides are spread over the 7 personal and 5 enterprise stages;
 * - every guide references 10 matters; matters are handed out to guides
 *   in order and the last guides wrap around, so a few matters belong to
 *   two guides;
 * - about 2% of the matters are 依申请公开 and no guide references them
 *   (their titles come from their own pool, with words found nowhere
 *   else, so leak tests can grep for them: see NONPUBLIC_MARK);
 * - materials come from a pool of about 200 names, mostly from the
 *   guide's stage and the guide's own 联办申请表, so the merged
 *   checklists really merge;
 * - each procedure has 5–9 steps with one parallel branch (a DAG, every
 *   step reachable from the first).
 *
 * No dependencies beyond libc; C11.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#define MATTERS_PER_GUIDE	10
#define MAX_MATERIALS		8
#define MAX_STEPS		9
#define NONPUBLIC_EVERY		50	/* 1 matter in 50 is 依申请公开 */
#define NONPUBLIC_MARK		"内控"	/* in every non-public title */
#define EDITION_DATE		"2026-11-20"
#define PORTAL			"https://bench.example.gov.cn/"
#define ONLINE_BASE		"https://zwfw.bench.example.gov.cn/"
#define CITY			"云州市"
#define HOTLINE			"12345"
#define MAX_N			100000

/* ---------------------------------------------------------------- */
/* Small helpers: allocation, a growable buffer, files.              */

static void *
xmalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (p == NULL) {
		fprintf(stderr, "gen: out of memory\n");
		exit(3);
	}
	return p;
}

struct buf {
	char	*p;
	size_t	 n, cap;
};

static void
bgrow(struct buf *b, size_t more)
{
	if (b->n + more + 1 <= b->cap)
		return;
	while (b->n + more + 1 > b->cap)
		b->cap = b->cap ? b->cap * 2 : 65536;
	b->p = realloc(b->p, b->cap);
	if (b->p == NULL) {
		fprintf(stderr, "gen: out of memory\n");
		exit(3);
	}
}

static void
bput(struct buf *b, const char *s)
{
	size_t l = strlen(s);

	bgrow(b, l);
	memcpy(b->p + b->n, s, l);
	b->n += l;
	b->p[b->n] = '\0';
}

static void
bputc(struct buf *b, char c)
{
	if (b->n + 2 > b->cap)
		bgrow(b, 1);
	b->p[b->n++] = c;
	b->p[b->n] = '\0';
}

static void __attribute__((format(printf, 2, 3)))
bprintf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int l;

	bgrow(b, 256);		/* most calls fit: format only once */
	va_start(ap, fmt);
	l = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	if ((size_t)l >= b->cap - b->n) {
		bgrow(b, (size_t)l);
		va_start(ap, fmt);
		vsnprintf(b->p + b->n, (size_t)l + 1, fmt, ap);
		va_end(ap);
	}
	b->n += (size_t)l;
}

/* Write b to path and empty it. Plain open/write: one system call per
 * file beyond open and close, which matters with 12,000 files. */
static void
bwrite(struct buf *b, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	size_t off = 0;

	while (fd >= 0 && off < b->n) {
		ssize_t k = write(fd, b->p + off, b->n - off);

		if (k <= 0)
			break;
		off += (size_t)k;
	}
	if (fd < 0 || off < b->n || close(fd) != 0) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(3);
	}
	b->n = 0;
	if (b->p)
		b->p[0] = '\0';
}

static void
mkdirs(const char *path)
{
	char tmp[4096];

	if (strlen(path) >= sizeof(tmp)) {
		fprintf(stderr, "gen: path too long\n");
		exit(3);
	}
	strcpy(tmp, path);
	for (char *p = tmp + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
				fprintf(stderr, "gen: mkdir %s: %s\n", tmp,
				    strerror(errno));
				exit(3);
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
}

/* ---------------------------------------------------------------- */
/* Deterministic randomness: splitmix64, one stream per item.         */

struct rng {
	uint64_t s;
};

static uint64_t
rnext(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A stream for item `index` of kind `salt`. */
static struct rng
rstream(uint64_t salt, uint64_t index)
{
	struct rng r = { 0x59425442454e4348ULL ^ (salt << 48) ^ index };

	rnext(&r);
	return r;
}

/* Uniform in [0, n). */
static int
rint_(struct rng *r, int n)
{
	return n <= 1 ? 0 : (int)(rnext(r) % (uint64_t)n);
}

/* True with probability pct %. */
static int
rpct(struct rng *r, int pct)
{
	return rint_(r, 100) < pct;
}

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a)	((a)[rint_((r), NELEM(a))])

/* ---------------------------------------------------------------- */
/* Dates: days since 1970-01-01 and back (Howard Hinnant's algorithm). */

static long
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, char *out, size_t size)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);

	snprintf(out, size, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

/* 1..99 in Chinese numerals, for article numbers: 第二十三条. */
static void
cn_number(int n, char *out, size_t size)
{
	static const char *dig[] = { "", "一", "二", "三", "四", "五", "六",
	    "七", "八", "九" };
	int t = n / 10, u = n % 10;

	if (t == 0)
		snprintf(out, size, "%s", dig[u]);
	else
		snprintf(out, size, "%s十%s", t == 1 ? "" : dig[t], dig[u]);
}

/* ---------------------------------------------------------------- */
/* Content pools.                                                     */

struct dept {
	const char	*name;	/* without the city prefix, see dept_name */
	const char	*slug;	/* id prefix of its matters */
};

static const struct dept depts[] = {
	{ "公安局", "gaj" },			/* 0 */
	{ "卫生健康委员会", "wjw" },		/* 1 */
	{ "医疗保障局", "ybj" },		/* 2 */
	{ "人力资源和社会保障局", "rsj" },	/* 3 */
	{ "民政局", "mzj" },			/* 4 */
	{ "教育局", "jyj" },			/* 5 */
	{ "市场监督管理局", "scjgj" },		/* 6 */
	{ "税务局", "swj" },			/* 7 */
	{ "住房和城乡建设局", "zjj" },		/* 8 */
	{ "规划和自然资源局", "ghzyj" },	/* 9 */
	{ "生态环境局", "sthjj" },		/* 10 */
	{ "交通运输局", "jtysj" },		/* 11 */
	{ "商务局", "swuj" },			/* 12 */
	{ "文化广电旅游体育局", "wgltj" },	/* 13 */
	{ "城市管理和综合执法局", "cgzfj" },	/* 14 */
	{ "水务局", "swuij" },			/* 15 */
	{ "消防救援支队", "xfjyzd" },		/* 16 */
	{ "退役军人事务局", "tyjrj" },		/* 17 */
	{ "残疾人联合会", "cjrlh" },		/* 18 */
	{ "司法局", "sfj" },			/* 19 */
	{ "财政局", "czj" },			/* 20 */
	{ "应急管理局", "yjglj" },		/* 21 */
	{ "农业农村局", "nyncj" },		/* 22 */
	{ "住房公积金管理中心", "gjj" },	/* 23 */
	{ "不动产登记中心", "bdcdj" },		/* 24 */
	{ "档案馆", "dag" },			/* 25 */
	{ "科学技术局", "kjj" },		/* 26 */
	{ "工业和信息化局", "gxj" },		/* 27 */
	{ "发展和改革委员会", "fgw" },		/* 28 */
	{ "政务服务数据管理局", "zsj" },	/* 29 */
	{ "保密局", "bmj" },			/* 30: non-public matters only */
};
#define NDEPT_PUBLIC	30

static void
dept_name(int d, char *out, size_t size)
{
	if (d == 7)
		snprintf(out, size, "国家税务总局%s税务局", CITY);
	else
		snprintf(out, size, "%s%s", CITY, depts[d].name);
}

struct mtitle {
	const char	*title;
	int		 dept;
};

struct stage {
	const char	*name;
	const char	*slug;
	int		 legal_person;	/* 0 个人, 1 法人 */
	const char	*themes[3];	/* 一件事 names */
	const char	*synonyms[3];	/* one per theme */
	struct mtitle	 matters[11];
	const char	*materials[10];	/* stage-specific materials */
};

static const struct stage stages[] = {
	{ "出生", "chusheng", 0,
	  { "新生儿出生", "新生儿落户", "生育登记" },
	  { "生孩子", "上户口", "办准生证" },
	  { { "出生医学证明签发", 1 }, { "预防接种证办理", 1 },
	    { "出生登记", 0 }, { "城乡居民基本医疗保险参保登记", 2 },
	    { "社会保障卡申领", 3 }, { "生育登记服务", 1 },
	    { "生育医疗费用报销", 2 }, { "生育津贴申领", 2 },
	    { "独生子女父母光荣证办理", 1 }, { "居民身份证首次申领", 0 },
	    { "新生儿预防接种建档", 1 } },
	  { "出生医学证明", "新生儿父母结婚证", "住院分娩记录", "预防接种记录",
	    "父母双方户口簿", "新生儿近期正面免冠照片", "生育服务证",
	    "母亲身份证明", "出院小结", "医疗费用发票" } },
	{ "上学", "shangxue", 0,
	  { "义务教育入学", "学生转学", "学生资助" },
	  { "上小学", "转学", "助学金" },
	  { { "义务教育阶段新生入学登记", 5 }, { "义务教育阶段学生转学", 5 },
	    { "学籍信息变更", 5 }, { "家庭经济困难学生资助认定", 5 },
	    { "随迁子女积分入学申请", 5 }, { "入学预防接种证查验", 1 },
	    { "居住证签注", 0 }, { "最低生活保障家庭子女教育救助", 4 },
	    { "残疾儿童少年送教上门申请", 5 },
	    { "中等职业教育国家助学金申请", 5 },
	    { "学生意外伤害医疗费用报销", 2 } },
	  { "学生学籍卡", "适龄儿童户口簿", "房屋产权证明", "转学申请书",
	    "家庭经济困难情况说明", "最低生活保障证", "积分入学资格证明",
	    "监护人居住证", "残疾人证", "学校接收证明" } },
	{ "就业", "jiuye", 0,
	  { "就业创业", "失业保障", "灵活就业参保" },
	  { "找工作", "领失业金", "交社保" },
	  { { "就业登记", 3 }, { "失业登记", 3 }, { "失业保险金申领", 3 },
	    { "就业创业证申领", 3 }, { "职业技能培训补贴申领", 3 },
	    { "创业担保贷款申请", 20 },
	    { "灵活就业人员社会保险参保登记", 3 },
	    { "职工基本医疗保险参保登记", 2 },
	    { "住房公积金个人账户设立", 23 }, { "人才引进落户", 0 },
	    { "职业资格证书补发", 3 } },
	  { "劳动合同", "解除劳动关系证明", "毕业证书", "职业资格证书",
	    "培训合格证书", "创业项目计划书", "营业执照副本",
	    "社会保险缴费证明", "人才引进审批表", "学位证书" } },
	{ "婚育", "hunyu", 0,
	  { "结婚登记", "生育服务", "收养登记" },
	  { "领结婚证", "办生育登记", "收养孩子" },
	  { { "内地居民结婚登记", 4 }, { "内地居民补领结婚证", 4 },
	    { "婚前医学检查", 1 }, { "生育服务登记", 1 },
	    { "孕产妇保健手册建册", 1 }, { "生育保险待遇核准", 2 },
	    { "户口簿婚姻状况变更", 0 }, { "内地居民离婚登记", 4 },
	    { "收养登记", 4 }, { "住房公积金提取（婚育）", 23 },
	    { "计划生育家庭奖励扶助申请", 1 } },
	  { "本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明",
	    "双方近期半身免冠合影照片", "婚前医学检查证明", "离婚协议书",
	    "孕情证明", "收养人与被收养人合影照片", "被收养人户籍证明",
	    "结婚证", "离婚证", "夫妻双方身份证明" } },
	{ "居住", "juzhu", 0,
	  { "新市民安居", "二手房交易", "居住证办理" },
	  { "办居住证", "买二手房", "租房补贴" },
	  { { "居住证申领", 0 }, { "居住登记", 0 }, { "不动产转移登记", 24 },
	    { "房产交易契税申报", 7 }, { "住房公积金提取（购房）", 23 },
	    { "公共租赁住房申请", 8 }, { "供水用户过户", 15 },
	    { "迁入户口（投靠）", 0 }, { "房屋租赁登记备案", 8 },
	    { "住房租赁补贴申请", 8 }, { "商品房预售合同备案", 8 } },
	  { "不动产权证书", "房屋买卖合同", "房屋租赁合同", "契税完税证明",
	    "购房发票", "住房困难情况说明", "房屋查册表", "水费缴费凭证",
	    "被投靠人户口簿", "亲属关系证明" } },
	{ "退休", "tuixiu", 0,
	  { "退休", "养老待遇", "老年优待" },
	  { "办退休", "领养老金", "老人证" },
	  { { "职工基本养老保险待遇申领", 3 },
	    { "城乡居民基本养老保险待遇申领", 3 },
	    { "基本养老保险关系转移接续", 3 },
	    { "退休人员医疗保险待遇核定", 2 },
	    { "住房公积金提取（离退休）", 23 }, { "高龄老人津贴申领", 4 },
	    { "老年人优待证办理", 4 }, { "职工退休核准", 3 },
	    { "养老服务补贴申请", 4 }, { "社会保障卡信息变更", 3 },
	    { "长期护理保险待遇申请", 2 } },
	  { "职工档案", "退休审批表", "养老保险缴费凭证", "视同缴费年限证明",
	    "本人银行结算账户", "老年人近期免冠照片", "参保缴费证明",
	    "失能等级评估表", "养老服务需求评估表", "退休证" } },
	{ "身后", "shenhou", 0,
	  { "身后", "遗属待遇", "惠民殡葬" },
	  { "老人去世", "领抚恤金", "殡葬补贴" },
	  { { "居民死亡医学证明书签发", 1 }, { "死亡注销户口", 0 },
	    { "遗体火化", 4 }, { "丧葬补助金申领", 3 }, { "抚恤金申领", 3 },
	    { "社会保险关系注销", 3 }, { "医保个人账户余额继承", 2 },
	    { "住房公积金提取（继承）", 23 }, { "不动产继承登记", 24 },
	    { "惠民殡葬补贴申领", 4 }, { "退役军人抚恤金领取资格注销", 17 } },
	  { "居民死亡医学证明书", "火化证明", "死者户口簿", "死者身份证",
	    "继承权公证书", "继承人身份证明", "亲属关系证明材料",
	    "遗嘱或遗赠扶养协议", "殡葬服务费用发票", "退役军人优待证" } },
	{ "开办", "kaiban", 1,
	  { "企业开办", "开办餐饮店", "开办运输企业" },
	  { "开公司", "开饭店", "开物流公司" },
	  { { "企业设立登记", 6 }, { "公章刻制备案", 0 },
	    { "新办纳税人涉税事项办理", 7 }, { "发票申领", 7 },
	    { "企业职工社会保险登记", 3 }, { "住房公积金单位缴存登记", 23 },
	    { "食品经营许可", 6 }, { "户外招牌设置审批", 14 },
	    { "城镇污水排入排水管网许可", 15 }, { "道路运输经营许可", 11 },
	    { "单位医疗保险参保登记", 2 } },
	  { "公司章程", "股东会决议", "经营场所使用证明", "企业名称申报材料",
	    "全体股东身份证明", "食品安全管理制度", "招牌设计效果图",
	    "排水户内部排水设施竣工图", "车辆行驶证", "驾驶员从业资格证" } },
	{ "准营", "zhunying", 1,
	  { "开办便利店", "开办药店", "开办健身房" },
	  { "开小卖部", "开药房", "开健身房" },
	  { { "预包装食品销售备案", 6 }, { "药品零售企业许可", 6 },
	    { "公众聚集场所投入使用营业前消防安全检查", 16 },
	    { "娱乐场所经营许可", 13 },
	    { "高危险性体育项目经营许可", 13 }, { "医疗器械经营备案", 6 },
	    { "公共场所卫生许可", 1 }, { "排污许可登记", 10 },
	    { "建设项目环境影响登记表备案", 10 }, { "特种设备使用登记", 6 },
	    { "出版物零售单位设立", 13 } },
	  { "执业药师注册证", "质量管理文件", "消防设施检测报告",
	    "场所平面布置图", "社会体育指导人员资格证明", "卫生检测报告",
	    "从业人员健康证明", "特种设备安装监督检验证书", "营业场所产权证明",
	    "环境影响登记表" } },
	{ "经营", "jingying", 1,
	  { "企业年报", "招聘用工", "纳税服务" },
	  { "年报", "招工", "报税" },
	  { { "企业年度报告公示", 6 }, { "增值税一般纳税人登记", 7 },
	    { "招用员工就业登记", 3 }, { "特殊工时制度审批", 3 },
	    { "建筑工程施工许可", 8 }, { "对外贸易经营者备案", 12 },
	    { "高新技术企业认定", 26 }, { "安全生产许可", 21 },
	    { "广告发布登记", 6 }, { "企业职工参保信息变更", 3 },
	    { "科技型中小企业评价", 26 } },
	  { "年度财务会计报告", "员工花名册", "工时制度实施方案",
	    "施工合同", "研发费用专项审计报告", "知识产权证明",
	    "安全生产管理制度", "广告审查意见", "对外贸易经营者备案登记表",
	    "职工代表大会意见" } },
	{ "变更", "biangeng", 1,
	  { "企业信息变更", "法定代表人变更", "经营范围变更" },
	  { "换法人", "改地址", "改经营范围" },
	  { { "企业变更登记", 6 }, { "税务登记信息变更", 7 },
	    { "社会保险登记信息变更", 3 },
	    { "住房公积金单位登记信息变更", 23 }, { "食品经营许可变更", 6 },
	    { "公章重新刻制备案", 0 }, { "医保单位信息变更", 2 },
	    { "道路运输经营许可变更", 11 }, { "排水许可变更", 15 },
	    { "对外贸易经营者备案变更", 12 }, { "银行账户信息变更", 20 } },
	  { "变更登记申请书", "修改后的公司章程", "新任法定代表人任职文件",
	    "原营业执照正副本", "变更事项证明材料", "新经营场所使用证明",
	    "公章遗失声明", "变更后营业执照", "原许可证正副本",
	    "股权转让协议" } },
	{ "注销", "zhuxiao", 1,
	  { "企业注销", "简易注销", "个体工商户注销" },
	  { "关公司", "注销执照", "关店" },
	  { { "企业注销登记", 6 }, { "企业简易注销登记", 6 },
	    { "清税证明开具", 7 }, { "社会保险登记注销", 3 },
	    { "住房公积金单位缴存登记注销", 23 }, { "海关报关单位注销", 12 },
	    { "食品经营许可注销", 6 }, { "公章缴销", 0 },
	    { "医保单位参保登记注销", 2 }, { "个体工商户注销登记", 6 },
	    { "排污许可注销", 10 } },
	  { "清算报告", "注销决议", "清税证明", "全体投资人承诺书",
	    "债权人公告证明", "营业执照正副本", "许可证正副本",
	    "公章缴销证明", "社保费清缴证明", "清算组备案通知书" } },
};
#define NSTAGES		NELEM(stages)

/* Materials every stage may ask for. Indexes 0..NCOMMON-1 of the pool. */
static const char *common_materials[] = {
	"居民身份证", "户口簿", "近期正面免冠照片", "授权委托书",
	"受托人身份证", "社会保障卡", "银行账户信息", "居住证",
	"营业执照", "法定代表人身份证明", "经办人身份证明",
	"法定代表人授权书", "申请人书面承诺书", "个人信用承诺书",
	"场所租赁合同", "房屋产权证明", "统一社会信用代码证书",
	"单位介绍信", "婚姻状况证明", "监护关系证明",
};
#define NCOMMON		NELEM(common_materials)

/* Titles of non-public (依申请公开) matters: words found nowhere else. */
static const char *nonpublic_titles[] = {
	"涉密档案利用" NONPUBLIC_MARK "审批",
	"国家秘密载体复制" NONPUBLIC_MARK "登记",
	"特殊人员户籍信息" NONPUBLIC_MARK "核查",
	"涉外保密事项" NONPUBLIC_MARK "备案",
	"重点人员档案" NONPUBLIC_MARK "调阅",
};

static const char *types[] = {
	"行政许可", "行政确认", "行政给付", "行政征收", "行政奖励",
	"行政裁决", "其他行政权力", "公共服务",
};
static const int type_weight[] = { 30, 20, 10, 4, 3, 2, 6, 25 };

static const char *laws[] = {
	"《中华人民共和国行政许可法》", "《中华人民共和国户口登记条例》",
	"《中华人民共和国社会保险法》", "《中华人民共和国母婴保健法》",
	"《中华人民共和国居民身份证法》", "《中华人民共和国义务教育法》",
	"《中华人民共和国就业促进法》", "《失业保险条例》",
	"《婚姻登记条例》", "《中华人民共和国民法典》",
	"《居住证暂行条例》", "《不动产登记暂行条例》",
	"《住房公积金管理条例》", "《中华人民共和国契税法》",
	"《殡葬管理条例》", "《中华人民共和国市场主体登记管理条例》",
	"《中华人民共和国税收征收管理法》", "《中华人民共和国食品安全法》",
	"《中华人民共和国药品管理法》", "《中华人民共和国消防法》",
	"《城镇排水与污水处理条例》", "《中华人民共和国道路运输条例》",
	"《娱乐场所管理条例》", "《公共场所卫生管理条例》",
	"《排污许可管理条例》", "《中华人民共和国特种设备安全法》",
	"《中华人民共和国广告法》", "《中华人民共和国对外贸易法》",
	"《安全生产许可证条例》", "《中华人民共和国发票管理办法》",
	"《优化营商环境条例》", "《中华人民共和国老年人权益保障法》",
};

static const char *conditions_pool[] = {
	"申请人具有完全民事行为能力",
	"申请材料齐全、符合法定形式",
	"申请人在本市办理了居住登记或具有本市户籍",
	"申请事项属于本机关职权范围",
	"按规定参加社会保险并足额缴费",
	"未受到相关行政处罚或处罚已执行完毕",
	"符合国家和本市相关政策规定的条件",
	"经营场所符合规划、消防和安全要求",
	"申请人已取得营业执照",
	"委托他人办理的，受托人须具有完全民事行为能力",
};

static const char *forms[] = { "原件", "复印件", "原件及复印件", "电子证照" };
static const char *media[] = { "纸质", "电子", "纸质或电子" };

static const char *required_conditions[] = {
	"委托他人办理的提供", "已婚的提供", "非本市户籍的提供",
	"涉及前置审批的提供", "有变更事项的提供", "申请人为未成年人的提供",
};

static const char *material_notes[] = {
	"须在有效期内", "复印件须由申请人签字确认", "使用A4纸复印",
	"外文材料须附中文译本", "可通过电子证照库调取",
};

static const char *fee_items[] = { "工本费", "登记费", "证书费", "检测费" };
static const char *fee_amounts[] = { "10元", "20元", "50元", "80元",
	"每件550元", "每宗80元" };
static const char *fee_bases[] = {
	"《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》",
	"《财政部 国家发展改革委关于居民身份证工本费有关问题的通知》",
	"《省物价局关于证照工本费收费标准的通知》",
};

static const char *depths[] = { "全程网办", "一次登录", "在线预审",
	"网上预约" };
static const char *scopes[] = { "全市通办", "全省通办", "跨省通办",
	"就近办" };
static const char *deliveries[] = { "窗口领取", "邮寄", "电子证照" };
static const char *result_suffixes[] = { "证明", "决定书", "登记证",
	"许可证", "办结通知书", "核准通知书", "备案回执" };

static const char *districts[] = {
	"东城区", "西城区", "南湖区", "北岭区", "江滨区", "青山区",
	"白云区", "临港区", "高新区", "新城区", "石门县",
};
static const char *roads[] = {
	"人民路", "解放大道", "中山路", "滨江东路", "学府路", "建设路",
	"府前路", "科创大道", "青年路", "和平路", "湖滨路", "光明街",
};
static const char *metro_stations[] = {
	"市民中心", "人民广场", "滨江公园", "体育中心", "火车站", "科学城",
	"大学城", "南湖", "会展中心", "青山",
};
static const char *accessibility_pool[] = {
	"无障碍通道", "无障碍卫生间", "母婴室", "老年人绿色通道",
	"爱心座椅", "轮椅借用", "助听设备", "手语服务预约",
};
static const char *window_letters = "ABCDEF";

/* Prose. %T title, %D department, %L legal days, %P promised days,
 * %H hotline. */
static const char *note_sentences[] = {
	"申请人应当如实提交有关材料和反映真实情况，并对申请材料实质内容的真实性负责。",
	"材料不全或者不符合法定形式的，窗口工作人员将一次性告知需要补正的全部内容。",
	"%T可通过“云上办”小程序或政务服务网预约办理，预约成功后请按时到场。",
	"本事项法定办结时限为%L个工作日，承诺在%P个工作日内办结，办结后将通过短信通知申请人。",
	"已通过数据共享获取的材料，申请人无需重复提交，窗口工作人员会当场核验。",
	"办理过程中如有疑问，可拨打%H政务服务便民热线咨询，也可向%D窗口咨询。",
	"委托他人代为办理的，受托人须携带本人有效身份证件及申请人签署的授权委托书。",
	"申请人对办理结果有异议的，可依法申请行政复议或者提起行政诉讼。",
	"逾期未领取办理结果的，可选择邮寄送达，邮寄费用由政府统一支付。",
	"复印件应当使用A4规格纸张，并由申请人在复印件上签名确认与原件一致。",
	"老年人、残疾人等群体可通过绿色通道优先办理，也可预约上门服务。",
	"本事项已纳入“一网通办”，在网上办理的，无需到现场提交纸质材料。",
	"%D将在受理后对申请材料进行审查，需要现场核查的，将提前与申请人约定时间。",
	"对符合条件的申请，当场作出决定并发放%T的办理结果。",
	"外文材料应当附具有资质的翻译机构出具的中文译本。",
	"电子证照与纸质证照具有同等法律效力，可在全市政务服务场所使用。",
};

static const char *qa_pairs[][2] = {
	{ "可以在外区办理吗？", "可以。本事项已实现全市通办，申请人可选择任一政务服务中心综合窗口提交申请。" },
	{ "材料丢失了怎么办？", "可先向原出具单位申请补发；属于政府部门核发的证照，可通过电子证照库调取。" },
	{ "办理需要多长时间？", "材料齐全的，%D承诺在%P个工作日内办结，即办件当场办结。" },
	{ "能否委托他人办理？", "可以。受托人须携带授权委托书和本人身份证件，部分事项须本人到场签字的除外。" },
	{ "网上办理后还要去现场吗？", "全程网办的事项无需到现场；需要核验原件的，将告知到现场的时间和地点。" },
	{ "办理是否收费？", "本事项按规定标准收费的，收费项目和标准在办理地点公示；不收费的，任何单位不得收取费用。" },
	{ "如何查询办理进度？", "可登录政务服务网“我的办件”栏目查询，也可拨打%H热线查询。" },
	{ "办理结果如何领取？", "可选择窗口领取或者免费邮寄送达，已开通电子证照的可在手机上直接查看。" },
};

static const char *policy_sentences[] = {
	"为贯彻落实国务院关于加快推进政务服务标准化、规范化、便利化的部署要求，本市推行“高效办成一件事”改革。",
	"改革后，申请人只需提交一套材料、在一个窗口办理，相关部门通过数据共享并联审批。",
	"%D会同相关部门对办事流程进行了优化，取消了可以通过数据共享获取的证明材料。",
	"通过一表申请、一窗受理、一次办好，平均减少材料%P份、减少跑动一次以上。",
	"本市建立了办事指南动态更新机制，事项信息发生变化的，将在二十个工作日内更新公开。",
	"政务服务中心设置了帮办代办窗口，为企业和群众提供免费帮办代办服务。",
};

static const char *step_actors_front[] = { "申请人", "综合受理窗口" };

/* ---------------------------------------------------------------- */
/* The world: everything generated, before it is written.            */

struct gmaterial {
	int	name;		/* index into the material pool */
	int	form;		/* forms[] */
	int	medium;		/* media[] or -1 */
	int	copies;
	int	required;	/* 1, 0, or -1: conditional */
	int	cond;		/* required_conditions[] when required < 0 */
	int	shared;
	int	note;		/* material_notes[] or -1 */
	int	source_dept;	/* issuing department, or -1: 申请人自备 */
};

struct gmatter {
	char		 id[32];
	char		 title[160];
	char		 code[32];	/* "" when not given */
	int		 stage;
	int		 owner;		/* first guide that uses it, -1 */
	int		 public;
	int		 dept;
	int		 type;
	int		 basis[3], basis_art[3], nbasis;
	int		 aud_org;	/* 法人 matters: also 其他组织 */
	int		 by_person, by_legal;	/* used by such guides */
	int		 cond[3], ncond, cond_as_text;
	struct gmaterial mats[MAX_MATERIALS];
	int		 nmats;
	int		 legal, promised;
	int		 nfees, fee_item[2], fee_amount[2], fee_basis[2];
	int		 offices[2], noffices;
	int		 online, depth;
	int		 visits;
	int		 result_suffix, delivery;	/* delivery: bitmask */
	int		 scope;		/* -1 none */
	int		 consult;	/* own consult phone, 0 none */
	int		 inline_steps;	/* 0 or 3: inline procedure */
	long		 updated;	/* days since epoch */
	uint64_t	 body_seed;
};

struct gstep {
	char	 name[96];
	char	 actor[160];
	int	 where;		/* office index, -1 online */
	char	 time[32];
	int	 next[3], nnext;
};

struct gguide {
	char		 id[40];
	char		 title[160];
	char		 proc_id[48];
	int		 stage, theme, variant;
	int		 matters[MATTERS_PER_GUIDE];
	int		 offices[2], noffices;	/* given explicitly, or 0 */
	int		 online, depth;
	int		 promise_days, promise_visits;
	long		 updated;
	struct gstep	 steps[MAX_STEPS];
	int		 nsteps;
	uint64_t	 body_seed;
};

struct goffice {
	char	 id[40];
	char	 name[160];
	int	 district;
	int	 road, number;
	int	 saturday;	/* open on Saturday morning */
	int	 lunch;		/* closes for lunch: two rows */
	int	 nwindows;
	int	 metro_line, station, bus[2];
	int	 access;	/* bitmask over accessibility_pool */
	int	 self_service;
	int	 phone;
	double	 geo[2];
};

struct checkline {
	int	 name, form;
	int	 shared;	/* shared in every matter that asks */
	int	 copies;
	int	 users[MATTERS_PER_GUIDE], nusers;	/* matter indexes */
};

struct world {
	int		  n;
	char		  edition_id[128];
	const char	**materials;	/* the pool */
	int		  nmaterials;
	int		  mat_stage_base;	/* first stage material */
	int		  mat_form_base;	/* first 联办申请表 */
	struct gmatter	 *matters;
	int		  nmatters;
	struct gguide	 *guides;
	int		  nguides;
	struct goffice	 *offices;
	int		  noffices;
};

/* The material pool: common ones, then 10 per stage, then one
 * 联办申请表 per stage theme, then one 申请表 per department. */
static void
build_material_pool(struct world *w)
{
	int cap = NCOMMON + NSTAGES * 10 + NSTAGES * 3 + NDEPT_PUBLIC;
	char tmp[256];

	w->materials = xmalloc(sizeof(char *) * (size_t)cap);
	for (int i = 0; i < NCOMMON; i++)
		w->materials[w->nmaterials++] = common_materials[i];
	w->mat_stage_base = w->nmaterials;
	for (int s = 0; s < NSTAGES; s++)
		for (int i = 0; i < 10; i++)
			w->materials[w->nmaterials++] = stages[s].materials[i];
	w->mat_form_base = w->nmaterials;
	for (int s = 0; s < NSTAGES; s++)
		for (int t = 0; t < 3; t++) {
			snprintf(tmp, sizeof(tmp), "《%s“一件事”联办申请表》",
			    stages[s].themes[t]);
			w->materials[w->nmaterials++] = strdup(tmp);
		}
	for (int d = 0; d < NDEPT_PUBLIC; d++) {
		snprintf(tmp, sizeof(tmp), "《%s业务申请表》", depts[d].name);
		w->materials[w->nmaterials++] = strdup(tmp);
	}
}

/* The usual form of a material: fixed per name, so checklists merge. */
static int
material_form(int name)
{
	static const int pattern[] = { 0, 1, 2, 0, 3, 1, 0, 2 };

	return pattern[(name * 7 + 3) % NELEM(pattern)];
}

static void
gen_material(struct world *w, struct rng *r, struct gmaterial *m, int name,
    int dept)
{
	m->name = name;
	m->form = material_form(name);
	if (rpct(r, 8))		/* sometimes another form: a separate line */
		m->form = (m->form + 1) % NELEM(forms);
	m->medium = rpct(r, 30) ? rint_(r, NELEM(media)) : -1;
	m->copies = rpct(r, 80) ? 1 : 2;
	m->required = 1;
	m->cond = 0;
	if (rpct(r, 10)) {
		m->required = -1;
		m->cond = rint_(r, NELEM(required_conditions));
	} else if (rpct(r, 5))
		m->required = 0;
	/* Certificates the government issued itself can be shared. */
	m->shared = name < 12 && rpct(r, 35);
	m->note = rpct(r, 15) ? rint_(r, NELEM(material_notes)) : -1;
	m->source_dept = m->shared || rpct(r, 10) ? dept : -1;
	(void)w;
}

static int
has_material(const struct gmatter *m, int name)
{
	for (int i = 0; i < m->nmats; i++)
		if (m->mats[i].name == name)
			return 1;
	return 0;
}

static void
gen_matter(struct world *w, int i, int owner, int slot)
{
	struct gmatter *m = &w->matters[i];
	struct rng r = rstream(1, (uint64_t)i);
	long today = days_from_civil(2026, 11, 20);
	char suffix[96] = "";

	m->owner = owner;
	m->public = owner >= 0;
	if (m->public) {
		const struct gguide *g = &w->guides[owner];
		const struct stage *st = &stages[g->stage];
		int k = (slot + g->theme * 3) % NELEM(st->matters);

		m->stage = g->stage;
		m->dept = st->matters[k].dept;
		if (g->variant > 0)
			snprintf(suffix, sizeof(suffix), "（%s受理点%d）",
			    districts[g->variant % NELEM(districts)],
			    g->variant / NELEM(districts) + 1);
		snprintf(m->title, sizeof(m->title), "%s%s",
		    st->matters[k].title, suffix);
	} else {
		m->stage = rint_(&r, NSTAGES);
		m->dept = NDEPT_PUBLIC;	/* 国家保密局: only here */
		snprintf(m->title, sizeof(m->title), "%s",
		    nonpublic_titles[i / NONPUBLIC_EVERY %
		    NELEM(nonpublic_titles)]);
	}
	snprintf(m->id, sizeof(m->id), "%s-%05d", depts[m->dept].slug, i + 1);
	if (rpct(&r, 70)) {
		static const char alnum[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
		int l = snprintf(m->code, sizeof(m->code), "114401%02d",
		    m->dept);

		for (int j = 0; j < 12; j++)
			m->code[l++] = alnum[rint_(&r, (int)sizeof(alnum) - 1)];
		snprintf(m->code + l, sizeof(m->code) - (size_t)l, "%06d",
		    i + 1);
	}

	{
		int x = rint_(&r, 100), t = 0;

		while (x >= type_weight[t]) {
			x -= type_weight[t];
			t++;
		}
		m->type = t;
	}
	m->nbasis = 1 + rint_(&r, 3);
	for (int j = 0; j < m->nbasis; j++) {
		m->basis[j] = rint_(&r, NELEM(laws));
		m->basis_art[j] = 2 + rint_(&r, 60);
	}
	m->aud_org = stages[m->stage].legal_person && rpct(&r, 50);
	m->cond_as_text = rpct(&r, 40);
	m->ncond = 1 + rint_(&r, 3);
	for (int j = 0; j < m->ncond; j++)
		m->cond[j] = (i + j * 3) % NELEM(conditions_pool);

	/* Materials: 3–8, from the guide's form, the stage and the common
	 * pool, no name twice. */
	{
		int want = 3 + rint_(&r, 6), guard = 0;
		const struct gguide *g = m->public ? &w->guides[owner] : NULL;

		m->nmats = 0;
		if (g && rpct(&r, 50))
			gen_material(w, &r, &m->mats[m->nmats++],
			    w->mat_form_base + g->stage * 3 + g->theme, m->dept);
		while (m->nmats < want && guard++ < 100) {
			int x = rint_(&r, 100), name;

			if (x < 30)
				name = rint_(&r, 6);	/* ID, 户口簿, … */
			else if (x < 45)
				name = rint_(&r, NCOMMON);
			else if (x < 90)
				name = w->mat_stage_base + m->stage * 10 +
				    rint_(&r, 10);
			else
				name = w->mat_form_base + NSTAGES * 3 + m->dept %
				    NDEPT_PUBLIC;
			if (has_material(m, name))
				continue;
			gen_material(w, &r, &m->mats[m->nmats++], name,
			    m->dept);
		}
	}

	{
		static const int legal[] = { 0, 1, 3, 5, 7, 10, 15, 20, 20, 30,
		    30, 60 };

		m->legal = PICK(&r, legal);
		m->promised = m->legal == 0 ? 0 :
		    rpct(&r, 25) ? 0 : 1 + rint_(&r, m->legal);
		if (m->promised > m->legal)
			m->promised = m->legal;
	}
	m->nfees = rpct(&r, 80) ? 0 : 1 + rpct(&r, 30);
	for (int j = 0; j < m->nfees; j++) {
		m->fee_item[j] = (j + rint_(&r, NELEM(fee_items))) %
		    NELEM(fee_items);
		m->fee_amount[j] = rint_(&r, NELEM(fee_amounts));
		m->fee_basis[j] = rint_(&r, NELEM(fee_bases));
	}
	if (m->nfees == 2 && m->fee_item[0] == m->fee_item[1])
		m->fee_item[1] = (m->fee_item[1] + 1) % NELEM(fee_items);

	m->online = rpct(&r, 75);
	m->depth = rint_(&r, NELEM(depths));
	m->visits = m->online && m->depth == 0 ? 0 : 1 + rpct(&r, 20);
	if (m->online && m->depth == 0 && rpct(&r, 25))
		m->noffices = 0;	/* fully online: no office */
	else {
		int home = m->public ? w->guides[owner].offices[0] :
		    rint_(&r, w->noffices);

		m->noffices = 1;
		m->offices[0] = home;
		if (home != 0 && rpct(&r, 50))
			m->offices[m->noffices++] = 0;	/* city centre */
	}
	m->result_suffix = rint_(&r, NELEM(result_suffixes));
	m->delivery = 1 + rint_(&r, 7);
	m->scope = rpct(&r, 70) ? rint_(&r, NELEM(scopes)) : -1;
	m->consult = rpct(&r, 30) ? 80000000 + rint_(&r, 9999999) : 0;
	m->inline_steps = rpct(&r, 15) ? 3 : 0;
	m->updated = today - 1 - rint_(&r, 360);
	m->body_seed = rnext(&r);
}

static void
gen_office(struct world *w, int k)
{
	struct goffice *o = &w->offices[k];
	struct rng r = rstream(2, (uint64_t)k);
	static const char *kinds[] = { "政务服务中心", "政务服务中心分中心",
	    "街道党群服务中心", "不动产登记服务大厅", "税务服务厅",
	    "社会保险服务大厅" };

	o->district = k == 0 ? 0 : (k - 1) % NELEM(districts);
	if (k == 0) {
		snprintf(o->id, sizeof(o->id), "sz-zwfw");
		snprintf(o->name, sizeof(o->name), "%s政务服务中心", CITY);
	} else {
		int kind = (k - 1) / NELEM(districts);

		snprintf(o->id, sizeof(o->id), "office-%03d", k);
		if (kind < NELEM(kinds))
			snprintf(o->name, sizeof(o->name), "%s%s%s", CITY,
			    districts[o->district], kinds[kind]);
		else
			snprintf(o->name, sizeof(o->name), "%s%s第%d便民服务站",
			    CITY, districts[o->district], kind);
	}
	o->road = rint_(&r, NELEM(roads));
	o->number = 1 + rint_(&r, 399);
	o->saturday = rpct(&r, 40);
	o->lunch = rpct(&r, 30);
	o->nwindows = 2 + rint_(&r, 5);
	o->metro_line = 1 + rint_(&r, 12);
	o->station = rint_(&r, NELEM(metro_stations));
	o->bus[0] = 1 + rint_(&r, 300);
	o->bus[1] = 1 + rint_(&r, 300);
	o->access = 1 | rint_(&r, 1 << NELEM(accessibility_pool));
	o->self_service = rpct(&r, 60);
	o->phone = 80000000 + rint_(&r, 9999999);
	o->geo[0] = 23.0 + rint_(&r, 300000) / 1e6;
	o->geo[1] = 113.2 + rint_(&r, 300000) / 1e6;
	(void)w;
}

/* The procedure of guide g: entry, 受理, a parallel branch of 2 or 3
 * departments (the guide's own matters' departments), 汇总, then the
 * rest in sequence. */
static void
gen_procedure(struct world *w, struct gguide *g, struct rng *r)
{
	static const char *tail_names[] = { "联合审批决定", "制证出证",
	    "结果送达", "回访评价" };
	static const char *tail_actors[] = { "牵头部门", "制证窗口",
	    "出件窗口", "政务服务中心" };
	static const char *times[] = { "即时", "1个工作日", "2个工作日",
	    "3个工作日", "半个工作日" };
	int n = 5 + rint_(r, 5), width = n >= 7 && rpct(r, 50) ? 3 : 2;
	int front = 2, join = front + width, k;
	int office = g->offices[0];

	g->nsteps = n;
	for (k = 0; k < n; k++) {
		struct gstep *s = &g->steps[k];
		char dn[128];

		s->nnext = 0;
		s->where = office;
		snprintf(s->time, sizeof(s->time), "%s", PICK(r, times));
		if (k == 0) {
			snprintf(s->name, sizeof(s->name), "提交申请");
			snprintf(s->actor, sizeof(s->actor), "%s",
			    step_actors_front[0]);
			s->where = rpct(r, 50) ? -1 : office;
			snprintf(s->time, sizeof(s->time), "即时");
			s->next[s->nnext++] = 1;
		} else if (k == 1) {
			snprintf(s->name, sizeof(s->name), "综合窗口受理");
			snprintf(s->actor, sizeof(s->actor), "%s",
			    step_actors_front[1]);
			for (int j = 0; j < width; j++)
				s->next[s->nnext++] = front + j;
		} else if (k < join) {
			const struct gmatter *m =
			    &w->matters[g->matters[(k - front) * 3 %
			    MATTERS_PER_GUIDE]];

			dept_name(m->dept, dn, sizeof(dn));
			snprintf(s->name, sizeof(s->name), "%s并联审核",
			    depts[m->dept].name);
			snprintf(s->actor, sizeof(s->actor), "%s", dn);
			s->where = -1;
			s->next[s->nnext++] = join;
		} else if (k == join) {
			snprintf(s->name, sizeof(s->name), "审核结果汇总");
			snprintf(s->actor, sizeof(s->actor), "综合受理窗口");
			if (k + 1 < n)
				s->next[s->nnext++] = k + 1;
		} else {
			int t = (k - join - 1) % NELEM(tail_names);

			snprintf(s->name, sizeof(s->name), "%s", tail_names[t]);
			snprintf(s->actor, sizeof(s->actor), "%s",
			    tail_actors[t]);
			if (k + 1 < n)
				s->next[s->nnext++] = k + 1;
		}
	}
}

static void
build_world(struct world *w, int n, const char *edition_id)
{
	int nm = MATTERS_PER_GUIDE * n, npub = 0, *pub;
	int per_stage[NSTAGES] = { 0 };
	long today = days_from_civil(2026, 11, 20);

	memset(w, 0, sizeof(*w));
	w->n = n;
	snprintf(w->edition_id, sizeof(w->edition_id), "%s", edition_id);
	build_material_pool(w);
	w->nmatters = nm;
	w->nguides = n;
	w->noffices = n / 10 + 5;
	w->matters = xmalloc(sizeof(*w->matters) * (size_t)nm);
	w->guides = xmalloc(sizeof(*w->guides) * (size_t)n);
	w->offices = xmalloc(sizeof(*w->offices) * (size_t)w->noffices);

	for (int k = 0; k < w->noffices; k++)
		gen_office(w, k);

	/* Guides: stage, theme, variant, offices, ids. */
	for (int g = 0; g < n; g++) {
		struct gguide *gd = &w->guides[g];
		struct rng r = rstream(3, (uint64_t)g);
		int s = g % NSTAGES, occ = per_stage[s]++;

		gd->stage = s;
		gd->theme = occ % 3;
		gd->variant = occ / 3;
		snprintf(gd->id, sizeof(gd->id), "%s-%04d", stages[s].slug,
		    g + 1);
		snprintf(gd->proc_id, sizeof(gd->proc_id), "lc-%s", gd->id);
		if (gd->variant == 0)
			snprintf(gd->title, sizeof(gd->title), "%s“一件事”",
			    stages[s].themes[gd->theme]);
		else
			snprintf(gd->title, sizeof(gd->title),
			    "%s“一件事”（%s第%d批）",
			    stages[s].themes[gd->theme],
			    districts[gd->variant % NELEM(districts)],
			    gd->variant / NELEM(districts) + 1);
		gd->offices[0] = w->noffices > 1 ?
		    1 + (g * 7) % (w->noffices - 1) : 0;
		gd->offices[1] = 0;
		gd->noffices = rpct(&r, 33) ? 2 : 0;	/* else default */
		gd->online = rpct(&r, 80);
		gd->depth = rint_(&r, 2);
		gd->promise_visits = rpct(&r, 40) ? 0 : 1;
		gd->updated = today - 1 - rint_(&r, 300);
		gd->body_seed = rnext(&r);
	}

	/* Matters: every NONPUBLIC_EVERY-th is non-public; the public ones
	 * are dealt to the guides in order, wrapping at the end. */
	pub = xmalloc(sizeof(int) * (size_t)nm);
	for (int i = 0; i < nm; i++)
		if (i % NONPUBLIC_EVERY != NONPUBLIC_EVERY - 13)
			pub[npub++] = i;
	{
		int *owner = xmalloc(sizeof(int) * (size_t)nm);
		int *slot = xmalloc(sizeof(int) * (size_t)nm);

		for (int i = 0; i < nm; i++)
			owner[i] = -1;
		for (int g = 0; g < n; g++)
			for (int k = 0; k < MATTERS_PER_GUIDE; k++) {
				int i = pub[(g * MATTERS_PER_GUIDE + k) % npub];

				w->guides[g].matters[k] = i;
				if (stages[w->guides[g].stage].legal_person)
					w->matters[i].by_legal = 1;
				else
					w->matters[i].by_person = 1;
				if (owner[i] < 0) {
					owner[i] = g;
					slot[i] = k;
				}
			}
		for (int i = 0; i < nm; i++)
			gen_matter(w, i, owner[i], owner[i] < 0 ? 0 : slot[i]);
		free(owner);
		free(slot);
	}
	free(pub);

	/* Procedures and promises need the matters. */
	for (int g = 0; g < n; g++) {
		struct gguide *gd = &w->guides[g];
		struct rng r = rstream(4, (uint64_t)g);
		int maxp = 0;

		gen_procedure(w, gd, &r);
		for (int k = 0; k < MATTERS_PER_GUIDE; k++) {
			int p = w->matters[gd->matters[k]].promised;

			if (p > maxp)
				maxp = p;
		}
		gd->promise_days = maxp < 5 ? maxp : 3 + rint_(&r, maxp / 2);
	}
}

/* The merged checklist of a guide (same name and form = one line), in
 * order of first appearance. Returns the number of lines. */
static int
checklist(const struct world *w, const struct gguide *g,
    struct checkline *cl, int max)
{
	int n = 0;

	for (int k = 0; k < MATTERS_PER_GUIDE; k++) {
		const struct gmatter *m = &w->matters[g->matters[k]];

		for (int j = 0; j < m->nmats; j++) {
			const struct gmaterial *a = &m->mats[j];
			int l;

			for (l = 0; l < n; l++)
				if (cl[l].name == a->name &&
				    cl[l].form == a->form)
					break;
			if (l == n) {
				if (n == max)
					continue;
				memset(&cl[n], 0, sizeof(cl[n]));
				cl[n].name = a->name;
				cl[n].form = a->form;
				cl[n].shared = 1;
				n++;
			}
			cl[l].shared &= a->shared;
			if (a->copies > cl[l].copies)
				cl[l].copies = a->copies;
			if (cl[l].nusers == 0 ||
			    cl[l].users[cl[l].nusers - 1] != k)
				cl[l].users[cl[l].nusers++] = k;
		}
	}
	return n;
}

/* ---------------------------------------------------------------- */
/* Text: YAML scalars, HTML escapes, template prose.                 */

/* A YAML scalar, single-quoted when a plain scalar could misread. */
static void
yscalar(struct buf *b, const char *s)
{
	int quote = *s == '\0' || strchr("-?!&*@`'\"%|>[]{}#, ", *s) != NULL;

	for (const char *p = s; *p && !quote; p++)
		if (strchr(":#[]{},'\"", *p))
			quote = 1;
	if (!quote) {
		bput(b, s);
		return;
	}
	bputc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '\'')
			bputc(b, '\'');
		bputc(b, *p);
	}
	bputc(b, '\'');
}

static void
hesc(struct buf *b, const char *s)
{
	for (const char *p = s; *p; p++)
		switch (*p) {
		case '<': bput(b, "&lt;"); break;
		case '>': bput(b, "&gt;"); break;
		case '&': bput(b, "&amp;"); break;
		case '"': bput(b, "&quot;"); break;
		default: bputc(b, *p);
		}
}

struct subst {
	const char	*title, *dept;
	int		 legal, promised;
};

/* Expand %T %D %L %P %H of a prose template into out (truncating). */
static void
expand(char *out, size_t size, const char *tpl, const struct subst *v)
{
	size_t l = 0;
	char num[16];

	for (const char *p = tpl; *p && l + 1 < size; p++) {
		const char *ins = NULL;

		if (*p == '%' && p[1] != '\0') {
			switch (p[1]) {
			case 'T': ins = v->title; break;
			case 'D': ins = v->dept; break;
			case 'L': snprintf(num, sizeof(num), "%d", v->legal);
				ins = num; break;
			case 'P': snprintf(num, sizeof(num), "%d", v->promised);
				ins = num; break;
			case 'H': ins = HOTLINE; break;
			}
		}
		if (ins == NULL) {
			out[l++] = *p;
			continue;
		}
		p++;
		for (; *ins && l + 1 < size; ins++)
			out[l++] = *ins;
	}
	out[l] = '\0';
}

/*
 * A body: 2–4 paragraphs under a heading or two, a Q&A now and then, a
 * small table sometimes. Built as blocks so that the Markdown and the
 * HTML say the same thing.
 */
enum btype { B_HEAD, B_PARA, B_QA, B_TABLE };

struct block {
	enum btype	 type;
	char		 text[1024];	/* heading, paragraph, answer */
	char		 q[256];	/* question */
	char		 cells[4][3][128];	/* B_TABLE: header + 3 rows */
	int		 nrows;
};

static void
para(char *out, size_t size, struct rng *r, const char **pool, int npool,
    int nsent, const struct subst *v, int *last)
{
	char s[512];
	size_t l = 0;
	int first = rint_(r, npool);

	if (first == *last)	/* two paragraphs alike in a row */
		first = (first + 1) % npool;
	*last = first;

	out[0] = '\0';
	for (int i = 0; i < nsent; i++) {
		expand(s, sizeof(s), pool[(first + i * 5) % npool], v);
		if (l + strlen(s) + 1 >= size)
			break;
		strcpy(out + l, s);
		l += strlen(s);
	}
}

static int
make_body(struct block *bl, uint64_t seed, const struct subst *v,
    int guide)
{
	struct rng r = { seed };
	int n = 0, paras = 2 + rint_(&r, 3), last = -1;

	bl[n].type = B_HEAD;
	snprintf(bl[n++].text, sizeof(bl[0].text), "%s",
	    guide ? "办事须知" : "注意事项");
	for (int i = 0; i < paras; i++) {
		if (i == 1 && rpct(&r, 40)) {
			int q = rint_(&r, NELEM(qa_pairs));

			bl[n].type = B_HEAD;
			snprintf(bl[n++].text, sizeof(bl[0].text), "常见问题");
			bl[n].type = B_QA;
			snprintf(bl[n].q, sizeof(bl[0].q), "%s", qa_pairs[q][0]);
			expand(bl[n++].text, sizeof(bl[0].text), qa_pairs[q][1],
			    v);
			continue;
		}
		if (i == paras - 1 && paras > 2 && rpct(&r, 50)) {
			bl[n].type = B_HEAD;
			snprintf(bl[n++].text, sizeof(bl[0].text), "政策解读");
			bl[n].type = B_PARA;
			para(bl[n++].text, sizeof(bl[0].text), &r,
			    policy_sentences, NELEM(policy_sentences),
			    2 + rint_(&r, 2), v, &last);
			continue;
		}
		bl[n].type = B_PARA;
		para(bl[n++].text, sizeof(bl[0].text), &r, note_sentences,
		    NELEM(note_sentences), 2 + rint_(&r, 3), v, &last);
	}
	if (rpct(&r, 20)) {
		static const char *cases[] = { "本人办理", "委托他人办理",
		    "网上办理", "邮寄申请" };
		struct block *t = &bl[n++];

		t->type = B_TABLE;
		t->nrows = 2 + rint_(&r, 2);
		snprintf(t->cells[0][0], 128, "情形");
		snprintf(t->cells[0][1], 128, "需到现场");
		snprintf(t->cells[0][2], 128, "承诺时限");
		for (int j = 1; j <= t->nrows; j++) {
			snprintf(t->cells[j][0], 128, "%s", cases[j - 1]);
			snprintf(t->cells[j][1], 128, "%s",
			    j == 3 ? "否" : j == 1 ? "是" : "视情况");
			snprintf(t->cells[j][2], 128, "%d个工作日",
			    v->promised + j - 1);
		}
	}
	return n;
}

static void
body_md(struct buf *b, const struct block *bl, int n)
{
	for (int i = 0; i < n; i++) {
		const struct block *x = &bl[i];

		switch (x->type) {
		case B_HEAD:
			bprintf(b, "\n## %s\n", x->text);
			break;
		case B_PARA:
			bprintf(b, "\n%s\n", x->text);
			break;
		case B_QA:
			bprintf(b, "\n**问：%s**\n\n答：%s\n", x->q, x->text);
			break;
		case B_TABLE:
			bput(b, "\n");
			for (int j = 0; j <= x->nrows; j++) {
				bprintf(b, "| %s | %s | %s |\n", x->cells[j][0],
				    x->cells[j][1], x->cells[j][2]);
				if (j == 0)
					bput(b, "|---|---|---|\n");
			}
			break;
		}
	}
}

static void
body_html(struct buf *b, const struct block *bl, int n, const char *h)
{
	for (int i = 0; i < n; i++) {
		const struct block *x = &bl[i];

		switch (x->type) {
		case B_HEAD:
			bprintf(b, "<%s>", h);
			hesc(b, x->text);
			bprintf(b, "</%s>\n", h);
			break;
		case B_PARA:
			bput(b, "<p>");
			hesc(b, x->text);
			bput(b, "</p>\n");
			break;
		case B_QA:
			bput(b, "<p><strong>问：");
			hesc(b, x->q);
			bput(b, "</strong></p>\n<p>答：");
			hesc(b, x->text);
			bput(b, "</p>\n");
			break;
		case B_TABLE:
			bput(b, "<table class=\"body\">\n<thead><tr>");
			for (int c = 0; c < 3; c++)
				bprintf(b, "<th>%s</th>", x->cells[0][c]);
			bput(b, "</tr></thead>\n<tbody>\n");
			for (int j = 1; j <= x->nrows; j++) {
				bput(b, "<tr>");
				for (int c = 0; c < 3; c++)
					bprintf(b, "<td>%s</td>",
					    x->cells[j][c]);
				bput(b, "</tr>\n");
			}
			bput(b, "</tbody>\n</table>\n");
			break;
		}
	}
}

static int
matter_body(const struct gmatter *m, struct block *bl)
{
	char dn[128];
	struct subst v;

	dept_name(m->dept, dn, sizeof(dn));
	v.title = m->title;
	v.dept = dn;
	v.legal = m->legal;
	v.promised = m->promised;
	return make_body(bl, m->body_seed, &v, 0);
}

static int
guide_body(const struct world *w, const struct gguide *g, struct block *bl)
{
	char dn[128];
	struct subst v;

	dept_name(w->matters[g->matters[0]].dept, dn, sizeof(dn));
	v.title = g->title;
	v.dept = dn;
	v.legal = g->promise_days;
	v.promised = g->promise_days;
	return make_body(bl, g->body_seed, &v, 1);
}

static void
guide_summary(const struct world *w, const struct gguide *g, char *out,
    size_t size)
{
	const struct stage *st = &stages[g->stage];

	snprintf(out, size, "将%s、%s等%d个事项整合为“一件事”，"
	    "一套材料、一窗受理、%s。",
	    w->matters[g->matters[0]].title, w->matters[g->matters[1]].title,
	    MATTERS_PER_GUIDE,
	    g->promise_visits == 0 ? "全程网办、零跑动" : "最多跑一次");
	(void)st;
}

static void
conditions_text(const struct gmatter *m, char *out, size_t size)
{
	size_t l = 0;

	out[0] = '\0';
	for (int j = 0; j < m->ncond; j++) {
		int k = snprintf(out + l, size - l, "%s%s",
		    conditions_pool[m->cond[j]], j + 1 < m->ncond ? "；" : "。");

		if (k < 0 || (size_t)k >= size - l)
			break;
		l += (size_t)k;
	}
}

static void
basis_text(const struct gmatter *m, int j, char *out, size_t size)
{
	char num[32];

	cn_number(m->basis_art[j], num, sizeof(num));
	snprintf(out, size, "%s第%s条", laws[m->basis[j]], num);
}

static void
result_name(const struct gmatter *m, char *out, size_t size)
{
	/* The object of the matter: its title up to the first bracket. */
	char t[160];
	char *p;

	snprintf(t, sizeof(t), "%s", m->title);
	if ((p = strstr(t, "（")) != NULL)
		*p = '\0';
	snprintf(out, size, "%s%s", t, result_suffixes[m->result_suffix]);
}

static void
office_address(const struct goffice *o, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s%d号", CITY, districts[o->district],
	    roads[o->road], o->number);
}

static void
office_transit(const struct goffice *o, char *out, size_t size)
{
	snprintf(out, size, "地铁%d号线%s站B出口步行约300米；公交%d路、%d路%s站下车",
	    o->metro_line, metro_stations[o->station], o->bus[0], o->bus[1],
	    roads[o->road]);
}

static void
window_serves(const struct world *w, int k, int j, char *out, size_t size)
{
	static const char *serve[] = { "综合受理", "出件", "企业开办专区",
	    "社保医保", "不动产登记", "税务", "户政", "帮办代办" };

	(void)w;
	snprintf(out, size, "%s", serve[(k + j) % NELEM(serve)]);
}

/* ---------------------------------------------------------------- */
/* Emitter 1: the ybt edition.                                        */

static void
emit_edition_md(struct buf *b, const struct world *w)
{
	struct rng r = rstream(5, 0);
	char p[1024];
	struct subst v = { "办事一本通", CITY "政务服务数据管理局", 20, 5 };
	int last = -1;

	bput(b, "---\n");
	bprintf(b, "id: %s\n", w->edition_id);
	bprintf(b, "title: '%s“办事一本通”（基准测试版）'\n", CITY);
	bprintf(b, "region: %s\n", CITY);
	bprintf(b, "issuer: %s政务服务数据管理局\n", CITY);
	bput(b, "version: 2026年第四季度版\n");
	bprintf(b, "date: %s\n", EDITION_DATE);
	bprintf(b, "hotline: %s\n", HOTLINE);
	bprintf(b, "portal: %s\n", PORTAL);
	bput(b, "---\n\n");
	bprintf(b, "为方便企业和群众办事，%s政务服务数据管理局会同各部门，"
	    "围绕“高效办成一件事”，编制了本“办事一本通”。"
	    "本书收录%d件“一件事”、%d个政务服务事项和%d个办理地点。\n\n",
	    CITY, w->nguides, w->nmatters, w->noffices);
	para(p, sizeof(p), &r, policy_sentences, NELEM(policy_sentences), 3,
	    &v, &last);
	bprintf(b, "%s\n\n", p);
	bput(b, "本书按个人和企业两条主线编排：个人部分按出生、上学、就业、"
	    "婚育、居住、退休、身后七个阶段，企业部分按开办、准营、经营、"
	    "变更、注销五个阶段。每件事列出一套材料、办理流程、办理地点和"
	    "承诺时限，扫描二维码可直达网上办理页面。\n");
}

static void
emit_matter_md(struct buf *b, const struct world *w, const struct gmatter *m)
{
	char s[1024];
	struct block bl[12];
	int nb;

	bput(b, "---\n");
	bprintf(b, "id: %s\n", m->id);
	if (m->code[0])
		bprintf(b, "code: %s\n", m->code);
	bput(b, "title: ");
	yscalar(b, m->title);
	bprintf(b, "\ntype: %s\n", types[m->type]);
	dept_name(m->dept, s, sizeof(s));
	bprintf(b, "department: %s\n", s);
	bput(b, "basis:\n");
	for (int j = 0; j < m->nbasis; j++) {
		basis_text(m, j, s, sizeof(s));
		bprintf(b, "  - %s\n", s);
	}
	/* A matter serves every audience of the guides that reuse it. */
	if (stages[m->stage].legal_person && !m->by_person)
		bprintf(b, "audience: [法人%s]\n", m->aud_org ? ", 其他组织" : "");
	else if (stages[m->stage].legal_person || m->by_legal)
		bprintf(b, "audience: [个人, 法人%s]\n", m->aud_org ?
		    ", 其他组织" : "");
	else
		bput(b, "audience: [个人]\n");
	if (m->cond_as_text) {
		conditions_text(m, s, sizeof(s));
		bprintf(b, "conditions: %s\n", s);
	} else {
		bput(b, "conditions:\n");
		for (int j = 0; j < m->ncond; j++)
			bprintf(b, "  - %s\n", conditions_pool[m->cond[j]]);
	}
	bput(b, "materials:\n");
	for (int j = 0; j < m->nmats; j++) {
		const struct gmaterial *a = &m->mats[j];

		bput(b, "  - name: ");
		yscalar(b, w->materials[a->name]);
		if (a->source_dept >= 0) {
			dept_name(a->source_dept, s, sizeof(s));
			bprintf(b, "\n    source: %s\n", s);
		} else
			bput(b, "\n    source: 申请人自备\n");
		bprintf(b, "    form: %s\n", forms[a->form]);
		if (a->medium >= 0)
			bprintf(b, "    medium: %s\n", media[a->medium]);
		bprintf(b, "    copies: %d\n", a->copies);
		if (a->required < 0)
			bprintf(b, "    required: %s\n",
			    required_conditions[a->cond]);
		else
			bprintf(b, "    required: %s\n",
			    a->required ? "true" : "false");
		bprintf(b, "    shared: %s\n", a->shared ? "true" : "false");
		if (a->note >= 0)
			bprintf(b, "    note: %s\n", material_notes[a->note]);
	}
	if (m->inline_steps) {
		bput(b, "procedure:\n");
		bput(b, "  - {name: 申请, actor: 申请人, time: 即时}\n");
		bput(b, "  - {name: 受理审核, actor: 窗口工作人员, time: 1个工作日}\n");
		bprintf(b, "  - {name: 办结, actor: %s, time: %d个工作日}\n",
		    depts[m->dept].name, m->promised);
	}
	bprintf(b, "time_limit: {legal: %d, promised: %d, unit: 工作日}\n",
	    m->legal, m->promised);
	bprintf(b, "kind: %s\n", m->promised == 0 ? "即办件" : "承诺件");
	if (m->nfees == 0)
		bput(b, "fee: 不收费\n");
	else {
		bput(b, "fee:\n");
		for (int j = 0; j < m->nfees; j++)
			bprintf(b, "  - {item: %s, amount: %s, basis: %s}\n",
			    fee_items[m->fee_item[j]],
			    fee_amounts[m->fee_amount[j]],
			    fee_bases[m->fee_basis[j]]);
	}
	bput(b, "offices: [");
	for (int j = 0; j < m->noffices; j++)
		bprintf(b, "%s%s", j ? ", " : "", w->offices[m->offices[j]].id);
	bput(b, "]\n");
	if (m->online)
		bprintf(b, "online: {url: '%sitem/%s', depth: %s}\n",
		    ONLINE_BASE, m->id, depths[m->depth]);
	bprintf(b, "visits: %d\n", m->visits);
	result_name(m, s, sizeof(s));
	bput(b, "result:\n  name: ");
	yscalar(b, s);
	bput(b, "\n  delivery: [");
	for (int j = 0, first = 1; j < 3; j++)
		if (m->delivery & (1 << j)) {
			bprintf(b, "%s%s", first ? "" : ", ", deliveries[j]);
			first = 0;
		}
	bput(b, "]\n");
	if (m->scope >= 0)
		bprintf(b, "scope: %s\n", scopes[m->scope]);
	if (m->consult)
		bprintf(b, "consult: 0888-%d\n", m->consult);
	bprintf(b, "disclosure: %s\n", m->public ? "主动公开" : "依申请公开");
	civil_from_days(m->updated, s, sizeof(s));
	bprintf(b, "updated: %s\n", s);
	bput(b, "---\n");
	nb = matter_body(m, bl);
	body_md(b, bl, nb);
}

static void
emit_guide_md(struct buf *b, const struct world *w, const struct gguide *g)
{
	const struct stage *st = &stages[g->stage];
	char s[1024];
	struct block bl[12];
	int nb;

	bput(b, "---\n");
	bprintf(b, "id: %s\n", g->id);
	bput(b, "title: ");
	yscalar(b, g->title);
	bprintf(b, "\naudience: %s\n", st->legal_person ? "法人" : "个人");
	bprintf(b, "stage: %s\n", st->name);
	guide_summary(w, g, s, sizeof(s));
	bprintf(b, "summary: %s\n", s);
	bput(b, "matters:\n");
	for (int k = 0; k < MATTERS_PER_GUIDE; k++)
		bprintf(b, "  - %s\n", w->matters[g->matters[k]].id);
	bprintf(b, "procedure: %s\n", g->proc_id);
	if (g->noffices) {
		bput(b, "offices: [");
		for (int j = 0; j < g->noffices; j++)
			bprintf(b, "%s%s", j ? ", " : "",
			    w->offices[g->offices[j]].id);
		bput(b, "]\n");
	}
	if (g->online)
		bprintf(b, "online: {url: '%syjs/%s', depth: %s}\n",
		    ONLINE_BASE, g->id, depths[g->depth]);
	bprintf(b, "promise: {time_limit: %d, visits: %d}\n", g->promise_days,
	    g->promise_visits);
	bprintf(b, "synonyms: [%s, %s%s]\n", st->synonyms[g->theme],
	    st->themes[g->theme], "一件事");
	bput(b, "disclosure: 主动公开\n");
	civil_from_days(g->updated, s, sizeof(s));
	bprintf(b, "updated: %s\n", s);
	bput(b, "---\n");
	nb = guide_body(w, g, bl);
	body_md(b, bl, nb);
}

static void
emit_procedure_md(struct buf *b, const struct world *w,
    const struct gguide *g)
{
	bput(b, "---\n");
	bprintf(b, "id: %s\n", g->proc_id);
	bput(b, "title: ");
	{
		char t[256];

		snprintf(t, sizeof(t), "%s办理流程", g->title);
		yscalar(b, t);
	}
	bput(b, "\nsteps:\n");
	for (int k = 0; k < g->nsteps; k++) {
		const struct gstep *s = &g->steps[k];

		bprintf(b, "  - id: s%d\n", k + 1);
		bprintf(b, "    name: %s\n", s->name);
		bprintf(b, "    actor: %s\n", s->actor);
		bprintf(b, "    where: %s\n",
		    s->where < 0 ? "online" : w->offices[s->where].id);
		bprintf(b, "    time: %s\n", s->time);
		bput(b, "    next: [");
		for (int j = 0; j < s->nnext; j++)
			bprintf(b, "%ss%d", j ? ", " : "", s->next[j] + 1);
		bput(b, "]\n");
	}
	bput(b, "---\n\n各部门通过数据共享并联审核，申请人无需在部门之间往返。\n");
}

static void
emit_office_md(struct buf *b, const struct world *w, int k)
{
	const struct goffice *o = &w->offices[k];
	char s[512];

	bput(b, "---\n");
	bprintf(b, "id: %s\n", o->id);
	bprintf(b, "name: %s\n", o->name);
	bprintf(b, "district: %s\n", districts[o->district]);
	office_address(o, s, sizeof(s));
	bprintf(b, "address: %s\n", s);
	bput(b, "hours:\n");
	if (o->lunch) {
		bput(b, "  - {days: 周一至周五, open: \"09:00\", close: \"12:00\"}\n");
		bput(b, "  - {days: 周一至周五, open: \"13:30\", close: \"17:30\"}\n");
	} else
		bput(b, "  - {days: 周一至周五, open: \"09:00\", close: \"17:30\"}\n");
	if (o->saturday)
		bput(b, "  - {days: 周六, open: \"09:00\", close: \"12:00\"}\n");
	bput(b, "  - 法定节假日休息\n");
	bprintf(b, "phone: 0888-%d\n", o->phone);
	bput(b, "windows:\n");
	for (int j = 0; j < o->nwindows; j++) {
		window_serves(w, k, j, s, sizeof(s));
		bprintf(b, "  - {no: %c%02d, serves: %s}\n",
		    window_letters[j % 6], 1 + j * 3, s);
	}
	office_transit(o, s, sizeof(s));
	bprintf(b, "transit: %s\n", s);
	bput(b, "accessibility: [");
	for (int j = 0, first = 1; j < NELEM(accessibility_pool); j++)
		if (o->access & (1 << j)) {
			bprintf(b, "%s%s", first ? "" : ", ",
			    accessibility_pool[j]);
			first = 0;
		}
	bput(b, "]\n");
	if (o->self_service)
		bput(b, "self_service: 一楼东侧24小时自助服务区，可办理社保查询、证照打印、税费缴纳等业务\n");
	bprintf(b, "geo: [%.6f, %.6f]\n", o->geo[0], o->geo[1]);
	bput(b, "---\n\n");
	bput(b, "大厅实行“一窗受理、集成服务”，取号后请留意叫号屏幕。"
	    "停车场位于大楼负一层，办事群众可免费停车两小时。\n");
}

static void
path_join(char *out, size_t size, const char *dir, const char *sub,
    const char *id)
{
	if ((size_t)snprintf(out, size, "%s/%s%s%s.md", dir, sub,
	    *sub ? "/" : "", id) >= size) {
		fprintf(stderr, "gen: path too long\n");
		exit(3);
	}
}

static void
write_edition(const struct world *w, const char *dir)
{
	struct buf b = { 0 };
	char path[4096];

	for (const char *sub = "guides\0matters\0procedures\0offices\0";
	    *sub; sub += strlen(sub) + 1) {
		snprintf(path, sizeof(path), "%s/%s", dir, sub);
		mkdirs(path);
	}
	emit_edition_md(&b, w);
	path_join(path, sizeof(path), dir, "", "edition");
	bwrite(&b, path);
	for (int i = 0; i < w->nmatters; i++) {
		emit_matter_md(&b, w, &w->matters[i]);
		path_join(path, sizeof(path), dir, "matters",
		    w->matters[i].id);
		bwrite(&b, path);
	}
	for (int g = 0; g < w->nguides; g++) {
		emit_guide_md(&b, w, &w->guides[g]);
		path_join(path, sizeof(path), dir, "guides", w->guides[g].id);
		bwrite(&b, path);
		emit_procedure_md(&b, w, &w->guides[g]);
		path_join(path, sizeof(path), dir, "procedures",
		    w->guides[g].proc_id);
		bwrite(&b, path);
	}
	for (int k = 0; k < w->noffices; k++) {
		emit_office_md(&b, w, k);
		path_join(path, sizeof(path), dir, "offices",
		    w->offices[k].id);
		bwrite(&b, path);
	}
	free(b.p);
}

/* ---------------------------------------------------------------- */
/* Emitter 2: a Hugo site with the same content.                      */

#include "hugo-layouts.h"

static void
write_hugo(const struct world *w, const char *dir)
{
	struct buf b = { 0 };
	char path[4096], s[1024];

	for (const char *sub = "content/guides\0content/matters\0"
	    "content/offices\0layouts/_default\0layouts/guides\0"
	    "layouts/matters\0layouts/offices\0layouts/partials\0static\0";
	    *sub; sub += strlen(sub) + 1) {
		snprintf(path, sizeof(path), "%s/%s", dir, sub);
		mkdirs(path);
	}

	/* Configuration; the stage order drives the home page. */
	bprintf(&b, "baseURL = \"%s\"\n", PORTAL);
	bput(&b, "languageCode = \"zh-cn\"\ndefaultContentLanguage = \"zh\"\n"
	    "hasCJKLanguage = true\n");
	bprintf(&b, "title = \"%s“办事一本通”（基准测试版）\"\n", CITY);
	bput(&b, "enableRobotsTXT = false\n\n[taxonomies]\n"
	    "  department = \"departments\"\n  stage = \"stages\"\n\n"
	    "[outputs]\n  home = [\"HTML\", \"RSS\", \"JSON\"]\n\n"
	    "[services.rss]\n  limit = 50\n\n[params]\n");
	bprintf(&b, "  hotline = \"%s\"\n  issuer = \"%s政务服务数据管理局\"\n"
	    "  date = \"%s\"\n  stages = [", HOTLINE, CITY, EDITION_DATE);
	for (int i = 0; i < NSTAGES; i++)
		bprintf(&b, "%s\"%s\"", i ? ", " : "", stages[i].name);
	bput(&b, "]\n");
	snprintf(path, sizeof(path), "%s/config.toml", dir);
	bwrite(&b, path);

	/* Layouts. */
	for (int i = 0; hugo_layouts[i].path; i++) {
		snprintf(path, sizeof(path), "%s/layouts/%s", dir,
		    hugo_layouts[i].path);
		bput(&b, hugo_layouts[i].text);
		bwrite(&b, path);
	}

	/* Home content: the preface. */
	emit_edition_md(&b, w);
	{
		/* Replace the ybt front matter by Hugo's. */
		char *end = strstr(b.p + 4, "\n---\n");
		struct buf h = { 0 };

		bprintf(&h, "---\ntitle: '%s“办事一本通”（基准测试版）'\n"
		    "date: %s\n---\n%s", CITY, EDITION_DATE, end + 5);
		snprintf(path, sizeof(path), "%s/content/_index.md", dir);
		bwrite(&h, path);
		free(h.p);
		b.n = 0;
	}
	bput(&b, "---\ntitle: 一件事\n---\n");
	snprintf(path, sizeof(path), "%s/content/guides/_index.md", dir);
	bwrite(&b, path);
	bput(&b, "---\ntitle: 事项\n---\n");
	snprintf(path, sizeof(path), "%s/content/matters/_index.md", dir);
	bwrite(&b, path);
	bput(&b, "---\ntitle: 办理地点\n---\n");
	snprintf(path, sizeof(path), "%s/content/offices/_index.md", dir);
	bwrite(&b, path);

	/* Matters: the ybt front matter, with Hugo's reserved keys
	 * renamed (type → mtype, kind → jkind) and a departments
	 * taxonomy. Non-public matters are left out, as ybt does. */
	for (int i = 0; i < w->nmatters; i++) {
		const struct gmatter *m = &w->matters[i];
		struct buf fm = { 0 };

		if (!m->public)
			continue;
		emit_matter_md(&fm, w, m);
		bput(&b, "---\n");
		dept_name(m->dept, s, sizeof(s));
		bprintf(&b, "departments: [%s]\n", s);
		civil_from_days(m->updated, s, sizeof(s));
		bprintf(&b, "date: %s\n", s);
		for (char *line = fm.p + 4; *line; ) {
			char *nl = strchr(line, '\n');
			size_t l = nl ? (size_t)(nl - line + 1) : strlen(line);

			if (strncmp(line, "type: ", 6) == 0)
				bput(&b, "m");
			else if (strncmp(line, "kind: ", 6) == 0)
				bput(&b, "j");
			bgrow(&b, l);
			memcpy(b.p + b.n, line, l);
			b.n += l;
			b.p[b.n] = '\0';
			line += l;
		}
		free(fm.p);
		path_join(path, sizeof(path), dir, "content/matters", m->id);
		bwrite(&b, path);
	}

	/* Guides: the ybt front matter plus the procedure's steps (Hugo
	 * has no procedures section) and a stages taxonomy. */
	for (int g = 0; g < w->nguides; g++) {
		const struct gguide *gd = &w->guides[g];
		struct buf fm = { 0 };
		char *body;

		emit_guide_md(&fm, w, gd);
		body = strstr(fm.p + 4, "\n---\n");
		*body = '\0';
		bput(&b, fm.p);
		bprintf(&b, "\nstages: [%s]\nweight: %d\n",
		    stages[gd->stage].name, g + 1);
		bput(&b, "procedure_title: ");
		snprintf(s, sizeof(s), "%s办理流程", gd->title);
		yscalar(&b, s);
		bput(&b, "\nsteps:\n");
		for (int k = 0; k < gd->nsteps; k++) {
			const struct gstep *st = &gd->steps[k];

			bprintf(&b, "  - {id: s%d, name: %s, actor: %s, "
			    "where: %s, time: %s, next: [", k + 1, st->name,
			    st->actor, st->where < 0 ? "online" :
			    w->offices[st->where].id, st->time);
			for (int j = 0; j < st->nnext; j++)
				bprintf(&b, "%ss%d", j ? ", " : "",
				    st->next[j] + 1);
			bput(&b, "]}\n");
		}
		bput(&b, body + 1);
		free(fm.p);
		path_join(path, sizeof(path), dir, "content/guides", gd->id);
		bwrite(&b, path);
	}

	for (int k = 0; k < w->noffices; k++) {
		struct buf fm = { 0 };

		emit_office_md(&fm, w, k);
		bprintf(&b, "---\ntitle: %s\n", w->offices[k].name);
		bput(&b, fm.p + 4);
		free(fm.p);
		path_join(path, sizeof(path), dir, "content/offices",
		    w->offices[k].id);
		bwrite(&b, path);
	}
	free(b.p);
}

/* ---------------------------------------------------------------- */
/* Emitter 3: one HTML handbook for WeasyPrint.                       */

static const char print_css[] =
"@page { size: A5; margin: 18mm 15mm 18mm 18mm;\n"
"  @top-center { content: string(chapter); font: 8pt 'WenQuanYi Micro Hei'; }\n"
"  @bottom-center { content: counter(page); font: 8pt 'AR PL UMing CN'; } }\n"
"@page :first { @top-center { content: none; } @bottom-center { content: none; } }\n"
"html { font-family: 'AR PL UMing CN', 'AR PL UMing TW', 'HanaMinA', serif;\n"
"  font-size: 10.5pt; line-height: 1.6; }\n"
"h1, h2, h3, h4, th, .cover { font-family: 'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', sans-serif; }\n"
"h1 { font-size: 18pt; page-break-before: always; }\n"
"h2 { font-size: 14pt; string-set: chapter content(); }\n"
"h3 { font-size: 12pt; } h4 { font-size: 11pt; }\n"
"h1, h2, h3, h4 { page-break-after: avoid; break-after: avoid; }\n"
"section.chapter { page-break-before: always; }\n"
"p { text-indent: 2em; margin: 0.3em 0; text-align: justify; }\n"
"td p, .summary { text-indent: 0; }\n"
"table { border-collapse: collapse; width: 100%; margin: 0.5em 0; font-size: 9pt; }\n"
"th, td { border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: top; }\n"
"thead { display: table-header-group; }\n"
"tr { page-break-inside: avoid; }\n"
"table.elements th { width: 22%; text-align: left; font-weight: normal; }\n"
".cover { text-align: center; padding-top: 40mm; }\n"
".cover h1 { page-break-before: avoid; font-size: 24pt; }\n"
"nav.toc ol { list-style: none; padding: 0; }\n"
"nav.toc a { color: #000; text-decoration: none; }\n"
"nav.toc a::after { content: leader('.') target-counter(attr(href), page); }\n"
"ol.steps li { margin: 0.2em 0; }\n"
"a { color: #000; }\n";

/* A matter in full. A matter shared by two guides is printed in both;
 * only its first guide's copy carries the anchor. */
static void
html_matter(struct buf *b, const struct world *w, const struct gmatter *m,
    int anchor)
{
	char s[1024];
	struct block bl[12];
	int nb;

	if (anchor)
		bprintf(b, "<section class=\"matter\" id=\"%s\">\n<h4>",
		    m->id);
	else
		bput(b, "<section class=\"matter\">\n<h4>");
	hesc(b, m->title);
	bput(b, "</h4>\n<table class=\"elements\">\n<tbody>\n");
	if (m->code[0])
		bprintf(b, "<tr><th>事项编码</th><td>%s</td></tr>\n", m->code);
	bprintf(b, "<tr><th>事项类型</th><td>%s</td></tr>\n", types[m->type]);
	dept_name(m->dept, s, sizeof(s));
	bprintf(b, "<tr><th>实施主体</th><td>%s</td></tr>\n", s);
	bput(b, "<tr><th>设定依据</th><td>");
	for (int j = 0; j < m->nbasis; j++) {
		basis_text(m, j, s, sizeof(s));
		bprintf(b, "%s%s", j ? "<br>" : "", s);
	}
	bput(b, "</td></tr>\n");
	bprintf(b, "<tr><th>服务对象</th><td>%s</td></tr>\n",
	    stages[m->stage].legal_person ? (m->aud_org ? "法人、其他组织" :
	    "法人") : "个人");
	conditions_text(m, s, sizeof(s));
	bprintf(b, "<tr><th>受理条件</th><td>%s</td></tr>\n", s);
	bprintf(b, "<tr><th>办结时限</th><td>法定%d个工作日，承诺%d个工作日</td></tr>\n",
	    m->legal, m->promised);
	bprintf(b, "<tr><th>办件类型</th><td>%s</td></tr>\n",
	    m->promised == 0 ? "即办件" : "承诺件");
	bput(b, "<tr><th>收费</th><td>");
	if (m->nfees == 0)
		bput(b, "不收费");
	for (int j = 0; j < m->nfees; j++)
		bprintf(b, "%s%s：%s（%s）", j ? "<br>" : "",
		    fee_items[m->fee_item[j]], fee_amounts[m->fee_amount[j]],
		    fee_bases[m->fee_basis[j]]);
	bput(b, "</td></tr>\n<tr><th>办理地点</th><td>");
	if (m->noffices == 0)
		bput(b, "全程网办，无需到现场");
	for (int j = 0; j < m->noffices; j++) {
		bprintf(b, "%s<a href=\"#%s\">", j ? "<br>" : "",
		    w->offices[m->offices[j]].id);
		hesc(b, w->offices[m->offices[j]].name);
		bput(b, "</a>");
	}
	bput(b, "</td></tr>\n");
	if (m->online)
		bprintf(b, "<tr><th>网上办理</th><td>%s：%sitem/%s</td></tr>\n",
		    depths[m->depth], ONLINE_BASE, m->id);
	bprintf(b, "<tr><th>到现场次数</th><td>%d次</td></tr>\n", m->visits);
	result_name(m, s, sizeof(s));
	bprintf(b, "<tr><th>办理结果</th><td>%s（", s);
	for (int j = 0, first = 1; j < 3; j++)
		if (m->delivery & (1 << j)) {
			bprintf(b, "%s%s", first ? "" : "、", deliveries[j]);
			first = 0;
		}
	bput(b, "）</td></tr>\n");
	if (m->scope >= 0)
		bprintf(b, "<tr><th>通办范围</th><td>%s</td></tr>\n",
		    scopes[m->scope]);
	if (m->consult)
		bprintf(b, "<tr><th>咨询电话</th><td>0888-%d</td></tr>\n",
		    m->consult);
	else
		bprintf(b, "<tr><th>咨询电话</th><td>%s</td></tr>\n", HOTLINE);
	bprintf(b, "<tr><th>投诉电话</th><td>%s</td></tr>\n", HOTLINE);
	civil_from_days(m->updated, s, sizeof(s));
	bprintf(b, "<tr><th>更新日期</th><td>%s</td></tr>\n", s);
	bput(b, "</tbody>\n</table>\n");

	bput(b, "<table class=\"materials\">\n<thead><tr><th>申请材料</th>"
	    "<th>来源</th><th>形式</th><th>份数</th><th>必要性</th></tr></thead>\n<tbody>\n");
	for (int j = 0; j < m->nmats; j++) {
		const struct gmaterial *a = &m->mats[j];

		bput(b, "<tr><td>");
		hesc(b, w->materials[a->name]);
		if (a->shared)
			bput(b, "（免提交）");
		if (a->source_dept >= 0)
			dept_name(a->source_dept, s, sizeof(s));
		else
			snprintf(s, sizeof(s), "申请人自备");
		bprintf(b, "</td><td>%s</td><td>%s%s%s</td><td>%d</td><td>%s</td></tr>\n",
		    s, forms[a->form], a->medium >= 0 ? "，" : "",
		    a->medium >= 0 ? media[a->medium] : "", a->copies,
		    a->required < 0 ? required_conditions[a->cond] :
		    a->required ? "必要" : "非必要");
	}
	if (m->nmats == 0)
		bput(b, "<tr><td colspan=\"5\">无需材料</td></tr>\n");
	bput(b, "</tbody>\n</table>\n");
	nb = matter_body(m, bl);
	body_html(b, bl, nb, "h5");
	bput(b, "</section>\n");
}

static void
html_guide(struct buf *b, const struct world *w, const struct gguide *g)
{
	struct checkline cl[MATTERS_PER_GUIDE * MAX_MATERIALS];
	int ncl = checklist(w, g, cl, NELEM(cl)), before_m = 0, before_d = 0;
	int before_v = 0, before_s = 0, after_m = 0;
	char s[1024];
	struct block bl[12];
	int nb;

	for (int k = 0; k < MATTERS_PER_GUIDE; k++) {
		const struct gmatter *m = &w->matters[g->matters[k]];

		before_m += m->nmats;
		before_d += m->promised;
		before_v += m->visits;
		/* As ybt's model: a matter without steps counts
		 * MODEL_DEFAULT_STEPS (申请、受理、审查、决定). */
		before_s += m->inline_steps ? m->inline_steps : 4;
	}
	for (int l = 0; l < ncl; l++)
		after_m += !cl[l].shared;

	bprintf(b, "<section class=\"chapter\" id=\"%s\">\n<h2>", g->id);
	hesc(b, g->title);
	bput(b, "</h2>\n");
	guide_summary(w, g, s, sizeof(s));
	bprintf(b, "<p class=\"summary\">%s</p>\n", s);
	bput(b, "<h3>减材料、减时限、减跑动、减环节</h3>\n<table class=\"reductions\">\n"
	    "<thead><tr><th></th><th>单独办理</th><th>一件事</th></tr></thead>\n<tbody>\n");
	bprintf(b, "<tr><td>材料</td><td>%d份</td><td>%d份</td></tr>\n",
	    before_m, after_m);
	bprintf(b, "<tr><td>时限</td><td>%d个工作日</td><td>%d个工作日</td></tr>\n",
	    before_d, g->promise_days);
	bprintf(b, "<tr><td>跑动</td><td>%d次</td><td>%d次</td></tr>\n",
	    before_v, g->promise_visits);
	bprintf(b, "<tr><td>环节</td><td>%d个</td><td>%d个</td></tr>\n",
	    before_s, g->nsteps);
	bput(b, "</tbody>\n</table>\n");

	bput(b, "<h3>一套材料</h3>\n<table class=\"checklist\">\n<thead><tr><th>序号</th>"
	    "<th>材料名称</th><th>形式</th><th>份数</th><th>涉及事项</th></tr></thead>\n<tbody>\n");
	for (int l = 0; l < ncl; l++) {
		bprintf(b, "<tr><td>%d</td><td>", l + 1);
		hesc(b, w->materials[cl[l].name]);
		bprintf(b, "%s</td><td>%s</td><td>%d</td><td>",
		    cl[l].shared ? "（免提交）" : "", forms[cl[l].form],
		    cl[l].copies);
		for (int u = 0; u < cl[l].nusers; u++) {
			if (u)
				bput(b, "、");
			hesc(b, w->matters[g->matters[cl[l].users[u]]].title);
		}
		bput(b, "</td></tr>\n");
	}
	bput(b, "</tbody>\n</table>\n");

	bput(b, "<h3>办理流程</h3>\n<ol class=\"steps\">\n");
	for (int k = 0; k < g->nsteps; k++) {
		const struct gstep *st = &g->steps[k];

		bprintf(b, "<li>%s（%s，%s，%s）", st->name, st->actor,
		    st->where < 0 ? "网上办理" : w->offices[st->where].name,
		    st->time);
		if (st->nnext) {
			bput(b, " → ");
			for (int j = 0; j < st->nnext; j++)
				bprintf(b, "%s%s", j ? "、" : "",
				    g->steps[st->next[j]].name);
		}
		bput(b, "</li>\n");
	}
	bput(b, "</ol>\n");
	nb = guide_body(w, g, bl);
	body_html(b, bl, nb, "h3");
	bput(b, "<h3>包含事项</h3>\n");
	for (int k = 0; k < MATTERS_PER_GUIDE; k++)
		html_matter(b, w, &w->matters[g->matters[k]],
		    w->matters[g->matters[k]].owner == (int)(g - w->guides));
	bput(b, "</section>\n");
}

static void
html_office(struct buf *b, const struct world *w, int k)
{
	const struct goffice *o = &w->offices[k];
	char s[512];

	bprintf(b, "<section class=\"office\" id=\"%s\">\n<h3>%s</h3>\n",
	    o->id, o->name);
	bput(b, "<table class=\"elements\">\n<tbody>\n");
	office_address(o, s, sizeof(s));
	bprintf(b, "<tr><th>地址</th><td>%s</td></tr>\n", s);
	bprintf(b, "<tr><th>办公时间</th><td>周一至周五 %s%s；法定节假日休息</td></tr>\n",
	    o->lunch ? "09:00—12:00、13:30—17:30" : "09:00—17:30",
	    o->saturday ? "；周六 09:00—12:00" : "");
	bprintf(b, "<tr><th>电话</th><td>0888-%d</td></tr>\n", o->phone);
	bput(b, "<tr><th>窗口</th><td>");
	for (int j = 0; j < o->nwindows; j++) {
		window_serves(w, k, j, s, sizeof(s));
		bprintf(b, "%s%c%02d %s", j ? "<br>" : "",
		    window_letters[j % 6], 1 + j * 3, s);
	}
	bput(b, "</td></tr>\n");
	office_transit(o, s, sizeof(s));
	bprintf(b, "<tr><th>交通</th><td>%s</td></tr>\n<tr><th>无障碍设施</th><td>", s);
	for (int j = 0, first = 1; j < NELEM(accessibility_pool); j++)
		if (o->access & (1 << j)) {
			bprintf(b, "%s%s", first ? "" : "、",
			    accessibility_pool[j]);
			first = 0;
		}
	bput(b, "</td></tr>\n");
	if (o->self_service)
		bput(b, "<tr><th>自助服务</th><td>一楼东侧24小时自助服务区，可办理社保查询、证照打印、税费缴纳等业务</td></tr>\n");
	bput(b, "</tbody>\n</table>\n</section>\n");
}

static void
write_html(const struct world *w, const char *file)
{
	struct buf b = { 0 };
	char *used = xmalloc((size_t)w->noffices);
	char s[512];

	bput(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>");
	bprintf(&b, "%s“办事一本通”（基准测试版）</title>\n<style>\n%s</style>\n"
	    "</head>\n<body>\n", CITY, print_css);
	bprintf(&b, "<section class=\"cover\">\n<h1>%s“办事一本通”</h1>\n"
	    "<p>基准测试版 · 2026年第四季度版</p>\n<p>%s政务服务数据管理局</p>\n"
	    "<p>%s</p>\n</section>\n", CITY, CITY, EDITION_DATE);

	/* 前言: the edition body, as paragraphs. */
	{
		struct buf e = { 0 };
		char *p;

		emit_edition_md(&e, w);
		p = strstr(e.p + 4, "\n---\n") + 5;
		bput(&b, "<section class=\"preface\">\n<h1>前言</h1>\n");
		while (*p) {
			char *nl = strchr(p, '\n');

			if (nl)
				*nl = '\0';
			if (*p) {
				bput(&b, "<p>");
				hesc(&b, p);
				bput(&b, "</p>\n");
			}
			if (!nl)
				break;
			p = nl + 1;
		}
		bput(&b, "</section>\n");
		free(e.p);
	}

	bput(&b, "<nav class=\"toc\">\n<h1>目录</h1>\n<ol>\n");
	for (int s_ = 0; s_ < NSTAGES; s_++)
		for (int g = 0; g < w->nguides; g++)
			if (w->guides[g].stage == s_) {
				bprintf(&b, "<li><a href=\"#%s\">",
				    w->guides[g].id);
				hesc(&b, w->guides[g].title);
				bput(&b, "</a></li>\n");
			}
	bput(&b, "</ol>\n</nav>\n");

	for (int s_ = 0; s_ < NSTAGES; s_++) {
		bprintf(&b, "<h1 class=\"part\">%s · %s</h1>\n",
		    stages[s_].legal_person ? "企业" : "个人", stages[s_].name);
		for (int g = 0; g < w->nguides; g++)
			if (w->guides[g].stage == s_) {
				const struct gguide *gd = &w->guides[g];

				html_guide(&b, w, gd);
				for (int k = 0; k < MATTERS_PER_GUIDE; k++) {
					const struct gmatter *m =
					    &w->matters[gd->matters[k]];

					for (int j = 0; j < m->noffices; j++)
						used[m->offices[j]] = 1;
				}
			}
	}

	bput(&b, "<h1 class=\"appendix\">附录一 办理地点</h1>\n");
	for (int k = 0; k < w->noffices; k++)
		if (used[k])
			html_office(&b, w, k);

	/* 附录二: the published matters by department. */
	bput(&b, "<h1 class=\"appendix\">附录二 按部门索引</h1>\n");
	for (int d = 0; d < NDEPT_PUBLIC; d++) {
		int any = 0;

		for (int g = 0; g < w->nguides; g++)
			for (int k = 0; k < MATTERS_PER_GUIDE; k++) {
				const struct gmatter *m =
				    &w->matters[w->guides[g].matters[k]];

				if (m->dept != d || m->owner != g)
					continue;
				if (!any) {
					dept_name(d, s, sizeof(s));
					bprintf(&b, "<h3>%s</h3>\n<ul>\n", s);
					any = 1;
				}
				bprintf(&b, "<li><a href=\"#%s\">", m->id);
				hesc(&b, m->title);
				bput(&b, "</a></li>\n");
			}
		if (any)
			bput(&b, "</ul>\n");
	}
	bput(&b, "</body>\n</html>\n");
	bwrite(&b, file);
	free(b.p);
	free(used);
}

/* ---------------------------------------------------------------- */

static void
usage(void)
{
	fprintf(stderr, "usage: gen N OUTDIR\n"
	    "       gen --hugo N OUTDIR\n"
	    "       gen --html N OUTFILE\n");
	exit(3);
}

int
main(int argc, char **argv)
{
	enum { EDITION, HUGO, HTML } mode = EDITION;
	struct world w;
	char id[128], *end;
	const char *out, *base;
	long n;

	if (argc == 4 && strcmp(argv[1], "--hugo") == 0)
		mode = HUGO;
	else if (argc == 4 && strcmp(argv[1], "--html") == 0)
		mode = HTML;
	else if (argc != 3)
		usage();
	n = strtol(argv[argc - 2], &end, 10);
	if (*end != '\0' || n < 1 || n > MAX_N)
		usage();
	out = argv[argc - 1];

	/* The edition's id is its folder's name (SPEC §7). */
	snprintf(id, sizeof(id), "%s", out);
	while (strlen(id) > 1 && id[strlen(id) - 1] == '/')
		id[strlen(id) - 1] = '\0';
	base = strrchr(id, '/') ? strrchr(id, '/') + 1 : id;
	if (mode == EDITION)
		for (const char *p = base; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') || *p == '-')) {
				fprintf(stderr, "gen: %s: the folder name is the "
				    "edition id and must match [a-z0-9-]+\n",
				    out);
				exit(3);
			}

	build_world(&w, (int)n, base);
	switch (mode) {
	case EDITION:
		mkdirs(out);
		write_edition(&w, out);
		break;
	case HUGO:
		mkdirs(out);
		write_hugo(&w, out);
		break;
	case HTML:
		write_html(&w, out);
		break;
	}
	return 0;
}
