/*
 * gen-petitions.c — write synthetic, realistic petition intake rows (the columns of pt-intake(1))
 * as CSV to standard output, for tests, demos and benchmarks of pt.
 *
 * Single file, no dependencies beyond the C library (no libm):
 *     cc -std=gnu11 -O2 -o gen-petitions scripts/gen-petitions.c
 *
 * Deterministic for a given seed and options (own PRNG: splitmix64 seeds an
 * xorshift64*), streams in constant memory, and avoids stdio per field: rows
 * are assembled in a 1 MiB buffer that is written with fwrite when nearly full.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EX_USAGE 64
#define EX_IOERR 74

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const prog = "gen-petitions";

/* ---------------------------------------------------------------- PRNG */

static uint64_t rng_state;

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static inline uint64_t next64(void)
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * UINT64_C(0x2545F4914F6CDD1D);
}

/* Uniform in [0, n), n <= 2^32 - 1 (multiply-shift; bias < 2^-32). */
static inline uint32_t rnd(uint32_t n)
{
	return (uint32_t)(((next64() >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline uint32_t rnd_between(uint32_t lo, uint32_t hi)
{
	return lo + rnd(hi - lo + 1);
}

/* Uniform in [0, 1). */
static inline double rndu(void)
{
	return (double)(next64() >> 11) * 0x1.0p-53;
}

/* True with probability per/1000. */
static inline int chance(uint32_t per_mille)
{
	return rnd(1000) < per_mille;
}

/* Index picked by integer weights. */
static unsigned pick(const unsigned *w, unsigned n, unsigned total)
{
	unsigned r = rnd(total), i;
	for (i = 0; i + 1 < n; i++) {
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return n - 1;
}

static unsigned wsum(const unsigned *w, unsigned n)
{
	unsigned s = 0;
	for (unsigned i = 0; i < n; i++)
		s += w[i];
	return s;
}

/* ---------------------------------------------------------------- dates */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)((int64_t)yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

/* ---------------------------------------------------------------- output */

#define OBUF_SIZE (1u << 20)
#define ROW_MAX 4096		/* generous bound on one formatted row */

static char obuf[OBUF_SIZE];
static size_t olen;

static void write_failed(void)
{
	if (errno == EPIPE)	/* reader went away (SIGPIPE ignored): quietly */
		exit(0);
	fprintf(stderr, "%s: write error: %s\n", prog, strerror(errno));
	exit(EX_IOERR);
}

static void flush_out(void)
{
	if (olen && fwrite(obuf, 1, olen, stdout) != olen)
		write_failed();
	olen = 0;
}

static inline char *put_mem(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

static inline char *put_str(char *p, const char *s)
{
	return put_mem(p, s, strlen(s));
}

static inline char *put_uint(char *p, uint64_t v)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* v with at least `width` digits, zero-padded. */
static inline char *put_uint_w(char *p, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		tmp[n++] = '0';
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* 12,800 */
static char *put_grouped(char *p, uint64_t v)
{
	char tmp[32];
	int n = 0, k = 0;
	do {
		if (k && k % 3 == 0)
			tmp[n++] = ',';
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
		k++;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_date(char *p, int y, int m, int d)
{
	p = put_uint_w(p, (uint64_t)y, 4);
	*p++ = '-';
	*p++ = (char)('0' + m / 10);
	*p++ = (char)('0' + m % 10);
	*p++ = '-';
	*p++ = (char)('0' + d / 10);
	*p++ = (char)('0' + d % 10);
	return p;
}

/* A CSV field, quoted (RFC 4180) only when it must be. */
static char *put_field(char *p, const char *s, size_t n)
{
	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) &&
	    !memchr(s, '\r', n))
		return put_mem(p, s, n);
	*p++ = '"';
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			*p++ = '"';
		*p++ = s[i];
	}
	*p++ = '"';
	return p;
}

/* ---------------------------------------------------------------- data */

static const char *const channels[] = { "letter", "visit", "online", "phone", "sms" };
enum { CH_LETTER, CH_VISIT, CH_ONLINE, CH_PHONE, CH_SMS };
static const unsigned channel_w[] = { 200, 300, 350, 120, 30 };
/* per mille of rows with an ID number / a phone / a time, by channel */
static const unsigned id_pm[] = { 800, 800, 950, 800, 800 };
static const unsigned phone_pm[] = { 600, 700, 900, 1000, 1000 };
static const unsigned time_pm[] = { 0, 300, 850, 850, 850 };

static const char *const levels[] = { "county", "city", "province", "national" };
enum { LV_COUNTY, LV_CITY, LV_PROVINCE, LV_NATIONAL };
static const unsigned level_w[] = { 300, 600, 80, 20 };

/* Common surnames, most frequent first; every one is a 3-byte UTF-8 char. */
static const char surnames[] =
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
	"彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
	"石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
	"万钱严覃武戴莫孔向汤";
static const char givens[] =
	"伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰玉华红建国文"
	"志海春梅林燕云飞鹏辉宇鑫波斌宁凤琴莉萍晨东亮成福荣珍贵生龙元"
	"全德胜学祥才发武新利清彬富顺金山凯浩博淑振永爱宏";
_Static_assert((sizeof(surnames) - 1) % 3 == 0, "surnames: 3-byte chars");
_Static_assert((sizeof(givens) - 1) % 3 == 0, "givens: 3-byte chars");
#define N_SURNAMES ((unsigned)(sizeof(surnames) - 1) / 3)
#define N_GIVENS ((unsigned)(sizeof(givens) - 1) / 3)

struct region {
	const char *name;
	const char *code;	/* GB/T 2260 code, used for most local IDs */
};
static const struct region regions[] = {
	{ "昆都仑区", "150203" }, { "青山区", "150204" },
	{ "东河区", "150202" }, { "九原区", "150207" },
	{ "石拐区", "150205" }, { "白云鄂博矿区", "150206" },
	{ "土默特右旗", "150221" }, { "固阳县", "150222" },
	{ "达尔罕茂明安联合旗", "150223" }, { "武冈市", "430581" },
	{ "邵阳县", "430523" }, { "隆回县", "430524" },
};
static const unsigned region_w[] = { 160, 140, 130, 90, 30, 20, 80, 50, 40, 90, 80, 90 };
/* Birthplace codes of petitioners born elsewhere. */
static const char *const other_codes[] = {
	"430522", "450102", "621102", "130102", "410102", "150102", "110101",
	"430581", "150202",
};

static const char *const categories[] = {
	"城乡建设", "劳动社保", "企业改制", "土地征用", "房屋拆迁", "农民工工资",
	"农村农业", "涉法涉诉", "涉军", "问题楼盘", "环境保护", "教育", "医疗卫生",
};
enum { CAT_WAGES = 5, CAT_LAW = 7, CAT_HOUSING = 9 };
static const unsigned category_w[] = {
	170, 140, 50, 100, 90, 120, 80, 90, 30, 60, 40, 15, 15,
};
/* Wage arrears peak before the Spring Festival (Nov–Jan). */
static const unsigned category_w_winter[] = {
	170, 140, 50, 100, 90, 360, 80, 90, 30, 60, 40, 15, 15,
};
_Static_assert(NELEM(categories) == NELEM(category_w), "category weights");
_Static_assert(NELEM(categories) == NELEM(category_w_winter), "category weights");
_Static_assert(NELEM(regions) == NELEM(region_w), "region weights");

/*
 * Summary templates, by category.  Codes: $c community/estate, $v village,
 * $o company, $a amount of money, $s a smaller one (one person's wages; both
 * may hold a ',' once formatted),
 * $w workers, $m months, $k years, $h households, $y an earlier year.
 */
static const char *const tpl_0[] = {
	"反映$c道路破损、排水不畅，要求尽快维修",
	"反映$c供暖温度不达标，要求供热公司整改",
	"反映$c周边违章建筑影响通行，要求依法拆除",
	"反映$c老旧小区改造施工质量差，要求返工",
	"反映$c物业公司乱收费，要求退还多收的$a",
};
static const char *const tpl_1[] = {
	"反映$o未为职工缴纳养老保险，要求补缴",
	"反映$o解除劳动合同未支付经济补偿金$s，要求处理",
	"反映本人工伤认定久拖不决，要求尽快作出认定",
	"要求落实$y年退休人员养老金调整待遇",
	"反映失业保险金申领被拒，要求说明理由",
};
static const char *const tpl_2[] = {
	"反映原$o改制时职工身份置换补偿不到位，要求补发",
	"反映$o破产改制后$w名职工社保断缴，要求解决",
	"原$o下岗职工要求解决工龄买断遗留问题",
};
static const char *const tpl_3[] = {
	"反映$v土地被征收后补偿款$a未足额发放",
	"反映$v征地补偿标准过低，要求按新标准重新补偿",
	"反映$v村干部截留征地补偿款，要求查处",
	"反映$v失地农民养老保险未落实",
};
static const char *const tpl_4[] = {
	"反映$c拆迁安置房逾期$m个月未交付，要求按期回迁",
	"反映$c房屋征收评估价格过低，要求重新评估",
	"反映临时安置费自$y年起停发，要求补发",
	"反映$c拆迁过程中存在强拆行为，要求依法处理",
};
static const char *const tpl_5[] = {
	"反映$o拖欠$w名农民工工资共计$a，要求尽快支付",
	"反映在$o承建的$c项目务工，工资$s至今未结清",
	"反映包工头欠薪后失联，要求总承包单位$o先行垫付",
};
static const char *const tpl_6[] = {
	"反映$v土地承包经营权确权有误，要求更正",
	"反映$v村务不公开，要求公开集体收支账目",
	"反映$v惠农补贴未发放到户，要求核查",
	"反映$v灌溉水渠年久失修，影响春耕",
};
static const char *const tpl_7[] = {
	"不服法院$y年作出的民事判决，要求再审",
	"反映申请执行的案款$a长期未执行到位",
	"反映公安机关对其报案不予立案，要求监督",
	"对检察院不起诉决定不服，要求重新审查",
};
static const char *const tpl_8[] = {
	"退役士兵要求落实安置待遇",
	"反映参战退役人员生活补助未按标准发放",
	"伤残军人要求提高抚恤金标准",
};
static const char *const tpl_9[] = {
	"反映$o开发的$c项目逾期未交房，要求交房并办理产权证",
	"反映$c购房后$k年未办理不动产权证",
	"反映$o以\"内部认购\"名义收取购房款后停工",
	"反映$c烂尾停工，$h户业主要求复工",
	"反映$c交房后漏水严重，开发商拒不维修",
};
static const char *const tpl_10[] = {
	"反映$o夜间排放废气，气味刺鼻，影响居民生活",
	"反映$c附近餐饮油烟扰民",
	"反映$v附近河道被倾倒垃圾，要求治理",
};
static const char *const tpl_11[] = {
	"反映子女入学被拒，要求就近入学",
	"反映$c配套学校未按规划建设",
	"反映代课教师待遇问题，要求落实",
};
static const char *const tpl_12[] = {
	"反映医疗纠纷处理不公，要求重新鉴定",
	"反映新农合报销比例不合理，要求按政策报销",
	"反映$o职工医保待遇未落实",
};
struct tplset {
	const char *const *t;
	unsigned n;
};
#define TPL(a) { a, NELEM(a) }
static const struct tplset templates[] = {
	TPL(tpl_0), TPL(tpl_1), TPL(tpl_2), TPL(tpl_3), TPL(tpl_4),
	TPL(tpl_5), TPL(tpl_6), TPL(tpl_7), TPL(tpl_8), TPL(tpl_9),
	TPL(tpl_10), TPL(tpl_11), TPL(tpl_12),
};
_Static_assert(NELEM(templates) == NELEM(categories), "templates per category");

static const char *const communities[] = {
	"幸福小区", "阳光花园", "锦绣家园", "东风小区", "丽景花园", "金地名都",
	"滨河新城", "富强路社区", "青年路社区", "友谊大街社区", "钢铁大街社区",
	"民族东路小区", "翠苑小区", "北梁棚户区", "万和城", "华府名苑",
};
static const char *const villages[] = {
	"和平村", "红星村", "胜利村", "团结村", "西河村", "前进村", "新光村",
	"沙河村", "柳树湾村", "大树湾村", "石门村", "高家营村",
};
static const char *const companies[] = {
	"鑫达房地产开发有限公司", "华远建筑工程有限公司", "宏发建设集团",
	"北方重型机械厂", "第二毛纺厂", "恒通物业服务有限公司",
	"金泰置业有限公司", "兴盛矿业有限公司", "长城劳务派遣公司",
	"东方食品有限公司", "鹿城建筑安装有限公司", "市第三建筑公司",
};

/* ------------------------------------------------------------ petitioners */

struct person {
	char name[16];		/* surname + 1–2 given chars: at most 9 bytes */
	char id[19];		/* "" or 18 characters */
	char phone[12];		/* "" or 11 digits */
	unsigned char region, category;
};

#define RING_SIZE 4096u		/* recent petitioners who may come back */
static struct person ring[RING_SIZE];
static unsigned ring_head, ring_count;

static const int id_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char id_checks[] = "10X98765432";

static char id_check(const char *id17)
{
	unsigned s = 0;
	for (int i = 0; i < 17; i++)
		s += (unsigned)(id17[i] - '0') * (unsigned)id_weights[i];
	return id_checks[s % 11];
}

/*
 * Distinct petitioners get distinct ID numbers and phones, in constant
 * memory: the n-th new one gets the n-th element of a fixed permutation
 * x -> (x * mul + add) mod size (mul coprime with size) of the space of
 * (birth date, sequence number) pairs, or of 8-digit phone suffixes.  The
 * space of IDs holds ~23.7 million; past that they start to repeat.
 */
struct perm {
	uint64_t size, mul, add, next;
};

static uint64_t gcd64(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static void perm_init(struct perm *pm, uint64_t size)
{
	pm->size = size;
	pm->mul = size * 618034 / 1000000 + rnd(1000);	/* spreads neighbours */
	while (gcd64(pm->mul, size) != 1)
		pm->mul++;
	pm->add = next64() % size;
	pm->next = 0;
}

static uint64_t perm_next(struct perm *pm)
{
	uint64_t x = pm->next++ % pm->size;
	return (x * pm->mul + pm->add) % pm->size;
}

static int64_t birth_lo;	/* first birth day */
static struct perm id_perm, phone_perm;

static void make_id(char *id, unsigned region)
{
	const char *code = chance(750) ? regions[region].code
		: other_codes[rnd(NELEM(other_codes))];
	uint64_t k = perm_next(&id_perm);
	int y, m, d;
	char *p = id;

	p = put_mem(p, code, 6);
	civil_from_days(birth_lo + (int64_t)(k / 999), &y, &m, &d);
	p = put_uint_w(p, (uint64_t)y, 4);
	p = put_uint_w(p, (uint64_t)m, 2);
	p = put_uint_w(p, (uint64_t)d, 2);
	p = put_uint_w(p, k % 999 + 1, 3);
	*p = id_check(id);
	p[1] = '\0';
}

static const char *const phone_prefixes[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"150", "151", "152", "153", "155", "156", "157", "158", "159",
	"180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
};

static void make_phone(char *ph)
{
	char *p = put_mem(ph, phone_prefixes[rnd(NELEM(phone_prefixes))], 3);
	p = put_uint_w(p, perm_next(&phone_perm), 8);
	*p = '\0';
}

static void make_name(char *name)
{
	/* half the time one of the 20 commonest surnames */
	unsigned s = chance(500) ? rnd(20) : rnd(N_SURNAMES);
	char *p = put_mem(name, surnames + 3 * s, 3);
	unsigned ng = chance(300) ? 1 : 2;
	for (unsigned i = 0; i < ng; i++)
		p = put_mem(p, givens + 3 * rnd(N_GIVENS), 3);
	*p = '\0';
}

/* ---------------------------------------------------------------- summary */

static char *put_amount(char *p, int small)
{
	uint64_t a;
	unsigned t = rnd(100);

	if (small)
		a = rnd_between(20, 900) * 100;
	else if (t < 25)
		a = rnd_between(8, 99) * 100;
	else if (t < 70)
		a = rnd_between(100, 999) * 100;
	else if (t < 95)
		a = rnd_between(1000, 9999) * 100;
	else
		a = rnd_between(1000, 3000) * 1000;
	if (a >= 10000 && chance(500)) {	/* 3.56万元 */
		unsigned frac = (unsigned)(a % 10000 / 100);
		p = put_uint(p, a / 10000);
		if (frac) {
			*p++ = '.';
			*p++ = (char)('0' + frac / 10);
			if (frac % 10)
				*p++ = (char)('0' + frac % 10);
		}
		return put_str(p, "万元");
	}
	p = put_grouped(p, a);
	return put_str(p, "元");
}

/* Expand the template of a category into buf; returns the end. */
static char *make_summary(char *buf, unsigned category, int year, int repeat)
{
	const struct tplset *ts = &templates[category];
	const char *t = ts->t[rnd(ts->n)];
	char *p = buf;

	if (repeat && strncmp(t, "反映", 6) == 0)
		p = put_str(p, "再次");
	for (; *t; t++) {
		if (*t != '$') {
			*p++ = *t;
			continue;
		}
		switch (*++t) {
		case 'c':
			if (chance(8)) {	/* rarely quoted with ASCII quotes */
				*p++ = '"';
				p = put_str(p, communities[rnd(NELEM(communities))]);
				*p++ = '"';
			} else {
				p = put_str(p, communities[rnd(NELEM(communities))]);
			}
			break;
		case 'v':
			p = put_str(p, villages[rnd(NELEM(villages))]);
			break;
		case 'o':
			p = put_str(p, companies[rnd(NELEM(companies))]);
			break;
		case 'a':
			p = put_amount(p, 0);
			break;
		case 's':
			p = put_amount(p, 1);
			break;
		case 'w':
			p = put_uint(p, rnd_between(3, 120));
			break;
		case 'm':
			p = put_uint(p, rnd_between(2, 36));
			break;
		case 'k':
			p = put_uint(p, rnd_between(2, 12));
			break;
		case 'h':
			p = put_uint(p, rnd_between(10, 600));
			break;
		case 'y':
			p = put_uint(p, (uint64_t)(year - (int)rnd_between(1, 12)));
			break;
		default:	/* cannot happen with the templates above */
			*p++ = '$';
			*p++ = *t;
			break;
		}
	}
	return p;
}

/* ---------------------------------------------------------------- options */

static void usage(FILE *f)
{
	fprintf(f,
"Usage: %s [-n ROWS] [-s SEED] [-y FIRSTYEAR] [-Y YEARS] [--no-ext-id] [--bad-every K]\n"
"Write ROWS synthetic petition intake rows (pt-intake CSV, see pt-intake(1))\n"
"to standard output, in date order, covering YEARS calendar years evenly.\n"
"\n"
"  -n, --rows ROWS         data rows after the header (default 1000; 0: header only)\n"
"  -s, --seed SEED         PRNG seed, 0 to 2^63-1 (default 1); same seed, same output\n"
"  -y, --first-year YEAR   first calendar year covered (default 2025)\n"
"  -Y, --years YEARS       number of years covered, 1 to 100 (default 2)\n"
"      --no-ext-id         leave the ext_id column empty\n"
"      --bad-every K       make every K-th row invalid, in turn: bad date, unknown\n"
"                          channel, wrong ID check digit, negative persons, empty name\n"
"  -h, --help              print this help and exit\n",
		prog);
}

static long long parse_num(const char *opt, const char *s, long long lo, long long hi)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || errno == ERANGE || v < lo || v > hi ||
	    (*s != '-' && (*s < '0' || *s > '9'))) {
		fprintf(stderr, "%s: %s: '%s' is not an integer from %lld to %lld\n",
			prog, opt, s, lo, hi);
		usage(stderr);
		exit(EX_USAGE);
	}
	return v;
}

/* ---------------------------------------------------------------- main */

enum { BAD_DATE, BAD_CHANNEL, BAD_IDCHECK, BAD_PERSONS, BAD_NAME, BAD_KINDS };

int main(int argc, char **argv)
{
	enum { OPT_NO_EXT_ID = 256, OPT_BAD_EVERY };
	static const struct option longopts[] = {
		{ "rows", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "first-year", required_argument, NULL, 'y' },
		{ "years", required_argument, NULL, 'Y' },
		{ "no-ext-id", no_argument, NULL, OPT_NO_EXT_ID },
		{ "bad-every", required_argument, NULL, OPT_BAD_EVERY },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t nrows = 1000, seed = 1, bad_every = 0;
	int first_year = 2025, years = 2, ext_ids = 1, c;

	while ((c = getopt_long(argc, argv, "n:s:y:Y:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			nrows = (uint64_t)parse_num("-n", optarg, 0, LLONG_MAX);
			break;
		case 's':
			seed = (uint64_t)parse_num("-s", optarg, 0, LLONG_MAX);
			break;
		case 'y':
			first_year = (int)parse_num("-y", optarg, 1900, 9998);
			break;
		case 'Y':
			years = (int)parse_num("-Y", optarg, 1, 100);
			break;
		case OPT_NO_EXT_ID:
			ext_ids = 0;
			break;
		case OPT_BAD_EVERY:
			bad_every = (uint64_t)parse_num("--bad-every", optarg, 1, LLONG_MAX);
			break;
		case 'h':
			usage(stdout);
			return fflush(stdout) == 0 ? 0 : EX_IOERR;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", prog, argv[optind]);
		usage(stderr);
		return EX_USAGE;
	}
	if (first_year + years - 1 > 9998) {
		fprintf(stderr, "%s: -y %d -Y %d runs past the year 9998\n",
			prog, first_year, years);
		usage(stderr);
		return EX_USAGE;
	}

	/* PRNG */
	{
		uint64_t x = seed;
		rng_state = splitmix64(&x);
		if (rng_state == 0)
			rng_state = UINT64_C(0x9E3779B97F4A7C15);
	}

	/* Petitioners were born 21 to 85 years before the first year
	 * (1940-01-01 .. 2004-12-31 by default). */
	birth_lo = days_from_civil(first_year - 85, 1, 1);
	perm_init(&id_perm, (uint64_t)(days_from_civil(first_year - 20, 1, 1) - birth_lo) * 999);
	perm_init(&phone_perm, 100000000);

	const unsigned channel_total = wsum(channel_w, NELEM(channel_w));
	const unsigned level_total = wsum(level_w, NELEM(level_w));
	const unsigned region_total = wsum(region_w, NELEM(region_w));
	const unsigned cat_total = wsum(category_w, NELEM(category_w));
	const unsigned cat_total_winter = wsum(category_w_winter, NELEM(category_w_winter));

	/* Date cursor: row i falls on day floor(i * D / N) of the D days
	 * covered; the remainder (i * D mod N) / N is how far into that day,
	 * which gives the time, so timed rows ascend within a day too. */
	const int64_t day0 = days_from_civil(first_year, 1, 1);
	const uint64_t ndays = (uint64_t)(days_from_civil(first_year + years, 1, 1) - day0);
	const uint64_t step_q = nrows ? ndays / nrows : 0;
	const uint64_t step_r = nrows ? ndays % nrows : 0;
	uint64_t day = 0, acc = 0, serial = 0, bad_count = 0;
	int64_t cached_day = -1;
	int y = 0, m = 0, d = 0, serial_year = 0;
	char datestr[16];

	char *p = obuf;
	p = put_str(p, "received,channel,name,id_number,phone,persons,region,category,"
		    "level,referred_by,due,ext_id,law_related,tags,summary\n");
	olen = (size_t)(p - obuf);

	for (uint64_t i = 0; i < nrows; i++) {
		struct person pe;
		int repeat = 0, bad = -1;
		char summary[1024];
		char *se;

		if (olen > OBUF_SIZE - ROW_MAX)
			flush_out();
		p = obuf + olen;

		if ((int64_t)day != cached_day) {
			cached_day = (int64_t)day;
			civil_from_days(day0 + cached_day, &y, &m, &d);
			put_date(datestr, y, m, d);
		}
		if (y != serial_year) {
			serial_year = y;
			serial = 0;
		}
		serial++;
		if (bad_every && (i + 1) % bad_every == 0)
			bad = (int)(bad_count++ % BAD_KINDS);

		unsigned ch = pick(channel_w, NELEM(channel_w), channel_total);

		/* petitioner: a recent one coming back, or a new one */
		if (ring_count && chance(150)) {
			/* skewed towards the most recent */
			double u = rndu();
			unsigned k = (unsigned)(u * u * ring_count);
			pe = ring[(ring_head - 1 - k) % RING_SIZE];
			repeat = 1;
		} else {
			pe.region = (unsigned char)pick(region_w, NELEM(region_w), region_total);
			if (m == 11 || m == 12 || m == 1)
				pe.category = (unsigned char)pick(category_w_winter,
					NELEM(category_w_winter), cat_total_winter);
			else
				pe.category = (unsigned char)pick(category_w,
					NELEM(category_w), cat_total);
			make_name(pe.name);
			if (chance(id_pm[ch]))
				make_id(pe.id, pe.region);
			else
				pe.id[0] = '\0';
			if (chance(phone_pm[ch]))
				make_phone(pe.phone);
			else
				pe.phone[0] = '\0';
		}

		/* received */
		if (bad == BAD_DATE) {
			p = put_uint_w(p, (uint64_t)y, 4);
			p = put_str(p, (bad_count / BAD_KINDS) % 2 ? "-02-30" : "-13-40");
		} else {
			p = put_mem(p, datestr, 10);
			if (chance(time_pm[ch])) {
				unsigned min = 8 * 60 +
					(unsigned)((double)acc / (double)nrows * (14 * 60));
				*p++ = ' ';
				p = put_uint_w(p, min / 60, 2);
				*p++ = ':';
				p = put_uint_w(p, min % 60, 2);
			}
		}
		*p++ = ',';

		/* channel */
		p = put_str(p, bad == BAD_CHANNEL ? "pigeon" : channels[ch]);
		*p++ = ',';

		/* name, id_number, phone */
		if (bad != BAD_NAME)
			p = put_str(p, pe.name);
		*p++ = ',';
		if (bad == BAD_IDCHECK) {
			char wrong[19];
			if (pe.id[0])
				memcpy(wrong, pe.id, sizeof wrong);
			else
				make_id(wrong, pe.region);
			const char *cp = strchr(id_checks, wrong[17]);
			unsigned ci = cp ? (unsigned)(cp - id_checks) : 0;
			wrong[17] = id_checks[(ci + 1 + rnd(10)) % 11];
			p = put_mem(p, wrong, 18);
		} else {
			p = put_str(p, pe.id);
		}
		*p++ = ',';
		p = put_str(p, pe.phone);
		*p++ = ',';

		/* persons */
		unsigned persons = 1;
		if (ch == CH_VISIT) {
			if (chance(100)) {
				double u = rndu();
				persons = 5 + (unsigned)(u * u * 56);	/* 5..60 */
			} else {
				unsigned r = rnd(100);
				persons = r < 70 ? 1 : r < 85 ? 2 : r < 95 ? 3 : 4;
			}
		} else if (ch == CH_LETTER && chance(80)) {
			double u = rndu();
			persons = 2 + (unsigned)(u * u * 39);	/* 2..40 */
		}
		if (bad == BAD_PERSONS)
			*p++ = '-';
		p = put_uint(p, persons);
		*p++ = ',';

		/* region, category */
		p = put_str(p, regions[pe.region].name);
		*p++ = ',';
		p = put_str(p, categories[pe.category]);
		*p++ = ',';

		/* level, referred_by, due */
		unsigned lv = pick(level_w, NELEM(level_w), level_total);
		const char *ref = NULL;
		switch (lv) {
		case LV_NATIONAL:
			if (chance(900))
				ref = "central";
			break;
		case LV_PROVINCE:
			if (chance(700))
				ref = chance(850) ? "province" : "central";
			break;
		case LV_CITY:
			if (chance(80))
				ref = chance(700) ? "province" : "central";
			break;
		default:
			if (chance(90)) {
				unsigned r = rnd(10);
				ref = r < 7 ? "city" : r < 9 ? "province" : "central";
			}
			break;
		}
		p = put_str(p, levels[lv]);
		*p++ = ',';
		if (ref) {
			int dy, dm, dd;
			p = put_str(p, ref);
			*p++ = ',';
			civil_from_days(day0 + (int64_t)day + rnd_between(20, 50), &dy, &dm, &dd);
			p = put_date(p, dy, dm, dd);
		} else {
			*p++ = ',';
		}
		*p++ = ',';

		/* ext_id: XF + year + serial (restarting each year), unique */
		if (ext_ids) {
			*p++ = 'X';
			*p++ = 'F';
			p = put_uint_w(p, (uint64_t)y, 4);
			p = put_uint_w(p, serial, 6);
		}
		*p++ = ',';

		/* law_related */
		p = put_str(p, pe.category == CAT_LAW ? "yes" : "no");
		*p++ = ',';

		/* tags */
		{
			int t_backlog = chance(repeat ? 150 : 30);
			int t_key = chance(persons >= 5 || lv == LV_NATIONAL ? 400 : 40);
			int t_housing = pe.category == CAT_HOUSING && chance(800);
			int n = 0;
			if (t_backlog) {
				p = put_str(p, "积案");
				n++;
			}
			if (t_key) {
				if (n++)
					*p++ = ';';
				p = put_str(p, "重点");
			}
			if (t_housing && n < 2) {
				if (n++)
					*p++ = ';';
				p = put_str(p, "问题楼盘");
			}
		}
		*p++ = ',';

		/* summary */
		se = make_summary(summary, pe.category, y, repeat);
		p = put_field(p, summary, (size_t)(se - summary));
		*p++ = '\n';

		olen = (size_t)(p - obuf);

		if (!repeat && bad < 0) {
			ring[ring_head] = pe;
			ring_head = (ring_head + 1) % RING_SIZE;
			if (ring_count < RING_SIZE)
				ring_count++;
		}

		/* advance the date cursor */
		day += step_q;
		acc += step_r;
		if (acc >= nrows) {
			acc -= nrows;
			day++;
		}
	}
	flush_out();
	if (fclose(stdout) != 0)
		write_failed();
	return 0;
}
