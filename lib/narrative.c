/* narrative.c: rise, fall and no change, and dates, worded as bureaus word them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrative.h"
#include "figures.h"
#include "render.h"
#include "sentences.h"
#include "banned.h"

#define W(lang, zh, en) ((lang) == LANG_ZH ? (zh) : (en))

static const char *const months_en[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* English singular or plural by count. */
static const char *
pl(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* 10 x the percent change, rounded half away from zero. */
static long
tenths(long now, long before)
{
	double v = 1000.0 * (double)(now - before) / (double)before;
	return (long)(v + (v < 0 ? -0.5 : 0.5));
}

static void
add_pct(struct strbuf *sb, long t)
{
	strbuf_addf(sb, "%ld.%ld%%", labs(t) / 10, labs(t) % 10);
}

void
change_phrase(struct strbuf *sb, enum lang lang, long now, long before)
{
	long t;

	if (before == 0) {
		strbuf_adds(sb, now == 0 ? (lang == LANG_ZH ? "持平" : "unchanged")
					 : (lang == LANG_ZH ? "上年同期为零" : "none a year before"));
		return;
	}
	t = tenths(now, before);
	if (t == 0) {
		strbuf_adds(sb, lang == LANG_ZH ? "持平" : "unchanged");
		return;
	}
	strbuf_adds(sb, t > 0 ? (lang == LANG_ZH ? "上升" : "up ")
			      : (lang == LANG_ZH ? "下降" : "down "));
	add_pct(sb, t);
}

void
change_pair(struct strbuf *sb, enum lang lang, long now1, long before1,
	    long now2, long before2)
{
	long t1, t2;
	int same1 = before1 ? tenths(now1, before1) == 0 : now1 == 0;
	int same2 = before2 ? tenths(now2, before2) == 0 : now2 == 0;

	if (same1 && same2) {
		strbuf_adds(sb, lang == LANG_ZH ? "均持平" : "both unchanged");
		return;
	}
	if (!before1 && !before2) {
		strbuf_adds(sb, lang == LANG_ZH ? "上年同期均为零" : "none a year before");
		return;
	}
	if (before1 && before2) {
		t1 = tenths(now1, before1);
		t2 = tenths(now2, before2);
		if ((t1 > 0 && t2 > 0) || (t1 < 0 && t2 < 0)) {
			if (lang == LANG_ZH) {
				strbuf_addf(sb, "分别%s", t1 > 0 ? "上升" : "下降");
				add_pct(sb, t1);
				strbuf_adds(sb, "和");
				add_pct(sb, t2);
			} else {
				strbuf_adds(sb, t1 > 0 ? "up " : "down ");
				add_pct(sb, t1);
				strbuf_adds(sb, " and ");
				add_pct(sb, t2);
				strbuf_adds(sb, " respectively");
			}
			return;
		}
	}
	if (lang == LANG_ZH) {
		strbuf_adds(sb, "分别");
		change_phrase(sb, lang, now1, before1);
		strbuf_adds(sb, "、");
		change_phrase(sb, lang, now2, before2);
	} else {
		change_phrase(sb, lang, now1, before1);
		strbuf_adds(sb, " and ");
		change_phrase(sb, lang, now2, before2);
		strbuf_adds(sb, " respectively");
	}
}

void
day_words(struct strbuf *sb, enum lang lang, int day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (lang == LANG_ZH)
		strbuf_addf(sb, "%d年%d月%d日", y, m, d);
	else
		strbuf_addf(sb, "%d %s %d", d, months_en[m - 1], y);
}

/* 2026年第48周（11月23日至11月29日）; week 48 of 2026 (23 to 29 November). */
static void
week_words(struct strbuf *sb, enum lang lang, const struct period *p)
{
	int y, w, y1, m, d, y2, m2, d2;

	date_iso_week(p->from, &y, &w);
	date_to_ymd(p->from, &y1, &m, &d);
	date_to_ymd(p->to, &y2, &m2, &d2);
	if (y1 != y2) {
		/* a week across a year end: both ends with their years */
		if (lang == LANG_ZH)
			strbuf_addf(sb, "%d年第%d周（%d年%d月%d日至%d年%d月%d日）", y, w, y1, m,
				    d, y2, m2, d2);
		else
			strbuf_addf(sb, "week %d of %d (%d %s %d to %d %s %d)", w, y, d,
				    months_en[m - 1], y1, d2, months_en[m2 - 1], y2);
	} else if (lang == LANG_ZH)
		strbuf_addf(sb, "%d年第%d周（%d月%d日至%d月%d日）", y, w, m, d, m2, d2);
	else if (m == m2)
		strbuf_addf(sb, "week %d of %d (%d to %d %s)", w, y, d, d2, months_en[m - 1]);
	else
		strbuf_addf(sb, "week %d of %d (%d %s to %d %s)", w, y, d, months_en[m - 1],
			    d2, months_en[m2 - 1]);
}

void
period_words(struct strbuf *sb, enum lang lang, const struct period *p)
{
	static const char *const q_zh[] = { "一", "二", "三", "四" };
	int y, m, d, y2, m2, d2;

	date_to_ymd(p->from, &y, &m, &d);
	date_to_ymd(p->to, &y2, &m2, &d2);
	switch (p->kind) {
	case PERIOD_YEAR:
		strbuf_addf(sb, lang == LANG_ZH ? "%d年" : "%d", y);
		break;
	case PERIOD_HALF:
		if (lang == LANG_ZH)
			strbuf_addf(sb, "%d年%s半年", y, m == 1 ? "上" : "下");
		else
			strbuf_addf(sb, "the %s half of %d", m == 1 ? "first" : "second", y);
		break;
	case PERIOD_QUARTER:
		if (lang == LANG_ZH)
			strbuf_addf(sb, "%d年第%s季度", y, q_zh[(m - 1) / 3]);
		else
			strbuf_addf(sb, "Q%d %d", (m - 1) / 3 + 1, y);
		break;
	case PERIOD_MONTH:
		if (lang == LANG_ZH)
			strbuf_addf(sb, "%d年%d月", y, m);
		else
			strbuf_addf(sb, "%s %d", months_en[m - 1], y);
		break;
	case PERIOD_MONTHS:
		if (lang == LANG_ZH) {
			if (y == y2)
				strbuf_addf(sb, "%d年%d—%d月", y, m, m2);
			else
				strbuf_addf(sb, "%d年%d月至%d年%d月", y, m, y2, m2);
		} else if (y == y2) {
			strbuf_addf(sb, "%s–%s %d", months_en[m - 1], months_en[m2 - 1], y);
		} else {
			strbuf_addf(sb, "%s %d – %s %d", months_en[m - 1], y, months_en[m2 - 1], y2);
		}
		break;
	case PERIOD_DAY:
		day_words(sb, lang, p->from);
		break;
	case PERIOD_RANGE:
		day_words(sb, lang, p->from);
		strbuf_adds(sb, lang == LANG_ZH ? "至" : " to ");
		day_words(sb, lang, p->to);
		break;
	case PERIOD_WEEK:
		week_words(sb, lang, p);
		break;
	}
}

/* The group with keys k0 (and k1), or a group of zeros. */
const long *
fig_values(const struct fig_table *t, const char *k0, const char *k1)
{
	static const long zero[NFIGS];
	size_t i;
	for (i = 0; i < t->ngroups; i++)
		if ((!k0 || !strcmp(t->groups[i].key[0], k0)) &&
		    (!k1 || !strcmp(t->groups[i].key[1], k1)))
			return t->groups[i].v;
	return zero;
}

const char *
channel_words(enum lang lang, const char *c)
{
	static const char *const map[][3] = {
		{ "letter", "来信", "letters" }, { "visit", "来访", "visits" },
		{ "online", "网上信访", "online" }, { "phone", "来电", "phone calls" },
		{ "sms", "短信", "text messages" }, { "fax", "传真", "faxes" },
		{ "video", "视频接访", "video visits" },
	};
	size_t i;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(c, map[i][0]))
			return map[i][lang == LANG_ZH ? 1 : 2];
	return c;
}

const char *
level_words(enum lang lang, const char *l)
{
	static const char *const map[][3] = {
		{ "national", "进京", "to Beijing" }, { "province", "赴省", "to the province" },
		{ "city", "到市", "to the city" }, { "county", "到县", "to the county" },
	};
	size_t i;
	for (i = 0; i < 4; i++)
		if (!strcmp(l, map[i][0]))
			return map[i][lang == LANG_ZH ? 1 : 2];
	return l;
}

static void
rate(struct strbuf *sb, long num, long den)
{
	char buf[24];
	strbuf_adds(sb, fig_rate(num, den, buf, sizeof(buf)));
	strbuf_addch(sb, '%');
}

/* The channels in the order reports name them; the last NCHAN_OPT (fax,
 * video) are named only when the period has some. */
static const char *const chans[] = { "letter", "visit", "online", "phone", "sms", "fax",
				     "video" };
#define NCHAN 7
#define NCHAN_OPT 2

/* A period without cases: one sentence, with the year before's totals. */
static void
para_none(struct strbuf *sb, enum lang lang, const char *org, const long *w)
{
	if (lang == LANG_ZH)
		strbuf_addf(sb, "，%s未受理群众来信来访；上年同期为%ld批次、%ld人次。",
			    org, w[FIG_BATCHES], w[FIG_PERSONS]);
	else
		strbuf_addf(sb, ", %s received no petitions (a year before: %ld from %ld %s).",
			    org, w[FIG_BATCHES], w[FIG_PERSONS],
			    pl(w[FIG_PERSONS], "person", "people"));
}

/* The totals in 批次 and 人次 with 同比, up to the list of channels. */
static void
sentence_totals(struct strbuf *sb, enum lang lang, const char *org, const long *v,
		const long *w)
{
	if (lang == LANG_ZH) {
		strbuf_addf(sb, "，%s共受理群众来信来访%ld批次、%ld人次，同比", org,
			    v[FIG_BATCHES], v[FIG_PERSONS]);
		change_pair(sb, lang, v[FIG_BATCHES], w[FIG_BATCHES], v[FIG_PERSONS],
			    w[FIG_PERSONS]);
		strbuf_adds(sb, "。其中，");
	} else {
		strbuf_addf(sb, ", %s received %ld %s from %ld %s (year on year: ",
			    org, v[FIG_BATCHES], pl(v[FIG_BATCHES], "petition", "petitions"),
			    v[FIG_PERSONS], pl(v[FIG_PERSONS], "person", "people"));
		change_pair(sb, lang, v[FIG_BATCHES], w[FIG_BATCHES], v[FIG_PERSONS],
			    w[FIG_PERSONS]);
		strbuf_adds(sb, "). They came as ");
	}
}

/* The channels: letters, visits (with persons), online, phone, text
 * messages, then faxes and video visits when there are any. */
static void
sentence_channels(struct strbuf *sb, enum lang lang, const struct fig_table *cl)
{
	static const char *const levels[] = { "national", "province", "city", "county" };
	static const char *const one[] = { "letter", "visit", "online petition",
					   "phone call", "text message", "fax", "video visit" };
	static const char *const many[] = { "letters", "visits", "online petitions",
					    "phone calls", "text messages", "faxes",
					    "video visits" };
	long n[NCHAN] = { 0 }, p[NCHAN] = { 0 };
	size_t i, k, last = NCHAN - NCHAN_OPT - 1;

	for (i = 0; i < NCHAN; i++) {
		for (k = 0; k < 4; k++) {
			n[i] += fig_values(cl, chans[i], levels[k])[FIG_BATCHES];
			p[i] += fig_values(cl, chans[i], levels[k])[FIG_PERSONS];
		}
		if (i > last && n[i])
			last = i;
	}
	for (i = 0; i <= last; i++) {
		if (i >= NCHAN - NCHAN_OPT && !n[i])
			continue;
		if (lang == LANG_ZH) {
			if (!strcmp(chans[i], "visit"))
				strbuf_addf(sb, "%s来访%ld批次、%ld人次", i ? "，" : "", n[i], p[i]);
			else
				strbuf_addf(sb, "%s%s%ld件次", i ? "，" : "",
					    channel_words(lang, chans[i]), n[i]);
		} else {
			strbuf_addf(sb, "%s%ld %s", i == 0 ? "" : i == last ? " and " : ", ", n[i],
				    pl(n[i], one[i], many[i]));
			if (!strcmp(chans[i], "visit"))
				strbuf_addf(sb, " by %ld %s", p[i], pl(p[i], "person", "people"));
		}
	}
	strbuf_adds(sb, W(lang, "。", "."));
}

/* The ledger's levels, lowest first: enum org_level indexes them. */
static const char *const levels_up[] = { "county", "city", "province", "national" };

/*
 * The letters alone, as a bureau writes them: 来信N件，其中初信…件，占总信的…；
 * 重复信…；交办件…  Nothing when the period had none.
 */
static void
sentence_letters(struct strbuf *sb, enum lang lang, const struct fig_table *cl)
{
	long n = 0, first = 0, repeat = 0, referred = 0;
	int k;

	for (k = 0; k < 4; k++) {
		const long *v = fig_values(cl, "letter", levels_up[k]);
		n += v[FIG_BATCHES];
		first += v[FIG_FIRST];
		repeat += v[FIG_REPEAT];
		referred += v[FIG_REFERRED];
	}
	if (!n)
		return;
	if (lang == LANG_ZH) {
		strbuf_addf(sb, "来信%ld件，其中初信%ld件，占总信的", n, first);
		rate(sb, first, n);
		strbuf_addf(sb, "；重复信%ld件，占", repeat);
		rate(sb, repeat, n);
		strbuf_addf(sb, "；交办件%ld件，占", referred);
		rate(sb, referred, n);
		strbuf_adds(sb, "。");
	} else {
		strbuf_addf(sb, " Of the %ld %s, %ld %s first (", n, pl(n, "letter", "letters"),
			    first, pl(first, "was", "were"));
		rate(sb, first, n);
		strbuf_addf(sb, "), %ld repeat (", repeat);
		rate(sb, repeat, n);
		strbuf_addf(sb, ") and %ld referred from above (", referred);
		rate(sb, referred, n);
		strbuf_adds(sb, ").");
	}
}

/* First, repeat and referred with their shares; the letters'; joint letters. */
static void
para_kinds(struct strbuf *sb, enum lang lang, const long *v, const struct fig_table *cl)
{
	if (lang == LANG_ZH) {
		strbuf_addf(sb, "初信初访%ld件，占", v[FIG_FIRST]);
		rate(sb, v[FIG_FIRST], v[FIG_BATCHES]);
		strbuf_addf(sb, "；重复信访%ld件，占", v[FIG_REPEAT]);
		rate(sb, v[FIG_REPEAT], v[FIG_BATCHES]);
		strbuf_addf(sb, "；交办件%ld件，占", v[FIG_REFERRED]);
		rate(sb, v[FIG_REFERRED], v[FIG_BATCHES]);
		strbuf_adds(sb, "。");
		sentence_letters(sb, lang, cl);
		if (v[FIG_JOINT_LETTERS])
			strbuf_addf(sb, "联名信%ld件，联名人数%ld人。", v[FIG_JOINT_LETTERS],
				    v[FIG_JOINT_SIGNERS]);
	} else {
		strbuf_addf(sb, "First petitions numbered %ld (", v[FIG_FIRST]);
		rate(sb, v[FIG_FIRST], v[FIG_BATCHES]);
		strbuf_addf(sb, "), repeat petitions %ld (", v[FIG_REPEAT]);
		rate(sb, v[FIG_REPEAT], v[FIG_BATCHES]);
		strbuf_addf(sb, ") and cases referred from above %ld (", v[FIG_REFERRED]);
		rate(sb, v[FIG_REFERRED], v[FIG_BATCHES]);
		strbuf_adds(sb, ").");
		sentence_letters(sb, lang, cl);
		if (v[FIG_JOINT_LETTERS])
			strbuf_addf(sb, " %ld joint %s carried %ld signatures.",
				    v[FIG_JOINT_LETTERS], pl(v[FIG_JOINT_LETTERS], "letter", "letters"),
				    v[FIG_JOINT_SIGNERS]);
	}
}

/*
 * The office's own level in Chinese, as in 来市上访: the last character of
 * its name when that is 省, 市, 县 or 区 (舞钢市 is a county-level city and
 * writes 来市), else the character of its level.
 */
static void
own_word(struct strbuf *sb, const struct narrative_who *w)
{
	static const char *const by_level[] = { "县", "市", "省" };
	static const char *const ends[] = { "省", "市", "县", "区" };
	size_t n = strlen(w->org), i;

	for (i = 0; i < 4; i++)
		if (n >= strlen(ends[i]) && !strcmp(w->org + n - strlen(ends[i]), ends[i])) {
			strbuf_addf(sb, "来%s", ends[i]);
			return;
		}
	strbuf_addf(sb, "来%s", by_level[w->level]);
}

/* Visits of level k (index into levels_up) as seen from the office, in Chinese. */
static void
visits_zh(struct strbuf *sb, const struct narrative_who *w, int k, const long *v)
{
	if (k == (int)w->level) {
		strbuf_adds(sb, "；");
		own_word(sb, w);
		strbuf_addf(sb, "上访%ld起%ld人，其中个访%ld起%ld人，集访%ld起%ld人",
			    v[FIG_BATCHES], v[FIG_PERSONS], v[FIG_BATCHES] - v[FIG_COLLECTIVE],
			    v[FIG_PERSONS] - v[FIG_COLLECTIVE_PERSONS], v[FIG_COLLECTIVE],
			    v[FIG_COLLECTIVE_PERSONS]);
		return;
	}
	if (k < (int)w->level && !v[FIG_BATCHES])
		return;		/* below the office: only when there are some */
	if (k == (int)w->level + 1 && w->above)
		strbuf_addf(sb, "；%s%s", k == ORG_PROVINCE ? "赴" : "到", w->above);
	else
		strbuf_addf(sb, "；%s", level_words(LANG_ZH, levels_up[k]));
	strbuf_addf(sb, "上访%ld起%ld人", v[FIG_BATCHES], v[FIG_PERSONS]);
}

/* Visits of level k as seen from the office, in English. */
static void
visits_en(struct strbuf *sb, const struct narrative_who *w, int k, const long *v)
{
	static const char *const to[] = { "the county", "the city", "the province" };

	if (k < (int)w->level && !v[FIG_BATCHES])
		return;
	strbuf_addf(sb, "; to %s: %ld by %ld %s",
		    k == (int)w->level + 1 && w->above ? w->above : to[k], v[FIG_BATCHES],
		    v[FIG_PERSONS], pl(v[FIG_PERSONS], "person", "people"));
	if (k == (int)w->level) {
		long ind = v[FIG_BATCHES] - v[FIG_COLLECTIVE];
		long indp = v[FIG_PERSONS] - v[FIG_COLLECTIVE_PERSONS];
		strbuf_addf(sb, ", %ld of them individual (%ld %s) and %ld collective (%ld %s)",
			    ind, indp, pl(indp, "person", "people"), v[FIG_COLLECTIVE],
			    v[FIG_COLLECTIVE_PERSONS], pl(v[FIG_COLLECTIVE_PERSONS], "person", "people"));
	}
}

/*
 * Visits by level, from the office's level: 进京 with 同比, the levels above
 * it, its own (来市上访 with 个访 and 集访), and those below it that had any.
 */
static void
para_visits(struct strbuf *sb, enum lang lang, const struct narrative_who *w,
	    const struct fig_table *cl, const struct fig_table *cly)
{
	const long *nat = fig_values(cl, "visit", "national");
	const long *naty = fig_values(cly, "visit", "national");
	int k;

	if (lang == LANG_ZH)
		strbuf_addf(sb, "发生进京上访%ld起%ld人，同比起数、人数", nat[FIG_BATCHES],
			    nat[FIG_PERSONS]);
	else
		strbuf_addf(sb, "Visits to Beijing: %ld by %ld %s (year on year: ",
			    nat[FIG_BATCHES], nat[FIG_PERSONS],
			    pl(nat[FIG_PERSONS], "person", "people"));
	change_pair(sb, lang, nat[FIG_BATCHES], naty[FIG_BATCHES], nat[FIG_PERSONS],
		    naty[FIG_PERSONS]);
	if (lang == LANG_EN)
		strbuf_adds(sb, ")");
	for (k = ORG_PROVINCE; k >= ORG_COUNTY; k--) {
		const long *v = fig_values(cl, "visit", levels_up[k]);
		if (lang == LANG_ZH)
			visits_zh(sb, w, k, v);
		else
			visits_en(sb, w, k, v);
	}
	strbuf_adds(sb, W(lang, "。", "."));
}
/*
 * The cases referred from above (v: all the period's figures, kd: due and
 * on_time by kind), with their own on-time rate, as a bureau writes them:
 * 上三级交办信访事项N件，到期应办结…件，按期办结…件，按期办结率…。 (上三级
 * from a county, whose three levels above are the city, the province and
 * the centre; else 上级).  Nothing when none came and none fell due.
 */
static void
sentence_referred(struct strbuf *sb, enum lang lang, const struct narrative_who *w,
		  const long *v, const struct fig_table *kd)
{
	const long *r = fig_values(kd, "referred", NULL);

	if (!v[FIG_REFERRED] && !r[FIG_DUE])
		return;
	if (lang == LANG_ZH) {
		strbuf_addf(sb, "%s交办信访事项%ld件", w->level == ORG_COUNTY ? "上三级" : "上级",
			    v[FIG_REFERRED]);
		if (r[FIG_DUE]) {
			strbuf_addf(sb, "，到期应办结%ld件，按期办结%ld件，按期办结率", r[FIG_DUE],
				    r[FIG_ON_TIME]);
			rate(sb, r[FIG_ON_TIME], r[FIG_DUE]);
		}
		strbuf_adds(sb, "。");
	} else {
		strbuf_addf(sb, "%ld %s referred from above", v[FIG_REFERRED],
			    pl(v[FIG_REFERRED], "case was", "cases were"));
		if (r[FIG_DUE]) {
			strbuf_addf(sb, "; %ld referred %s fell due to be concluded, %ld of them on"
				    " time (", r[FIG_DUE], pl(r[FIG_DUE], "case", "cases"),
				    r[FIG_ON_TIME]);
			rate(sb, r[FIG_ON_TIME], r[FIG_DUE]);
			strbuf_adds(sb, ")");
		}
		strbuf_adds(sb, ". ");
	}
}

/* The rates, then the red and yellow cases at end, in Chinese. */
static void
para_rates_zh(struct strbuf *sb, const long *v, int end)
{
	if (v[FIG_DUE]) {
		strbuf_addf(sb, "到期应办结%ld件，按期办结%ld件，按期办结率", v[FIG_DUE],
			    v[FIG_ON_TIME]);
		rate(sb, v[FIG_ON_TIME], v[FIG_DUE]);
	} else {
		strbuf_adds(sb, "本期无到期应办结事项");
	}
	if (v[FIG_ACCEPT_DUE]) {
		strbuf_adds(sb, "；及时受理率");
		rate(sb, v[FIG_TIMELY_ACCEPTED], v[FIG_ACCEPT_DUE]);
	}
	if (v[FIG_CONCLUDED]) {
		strbuf_adds(sb, "；参评率");
		rate(sb, v[FIG_RATED], v[FIG_CONCLUDED]);
	}
	if (v[FIG_RATED]) {
		strbuf_adds(sb, "，满意率");
		rate(sb, v[FIG_SATISFIED], v[FIG_RATED]);
	}
	strbuf_adds(sb, "。截至");
	day_words(sb, LANG_ZH, end);
	strbuf_addf(sb, "，超期未办结（红牌）%ld件，即将到期（黄牌）%ld件。",
		    v[FIG_RED], v[FIG_YELLOW]);
}

/* The rates, then the red and yellow cases at end, in English. */
static void
para_rates_en(struct strbuf *sb, const long *v, int end)
{
	if (v[FIG_DUE]) {
		strbuf_addf(sb, "Of the %ld %s due to be concluded, %ld %s concluded on "
			    "time (", v[FIG_DUE], pl(v[FIG_DUE], "case", "cases"), v[FIG_ON_TIME],
			    pl(v[FIG_ON_TIME], "was", "were"));
		rate(sb, v[FIG_ON_TIME], v[FIG_DUE]);
		strbuf_adds(sb, ")");
	} else {
		strbuf_adds(sb, "No case fell due to be concluded");
	}
	if (v[FIG_ACCEPT_DUE]) {
		strbuf_adds(sb, "; timely acceptance ");
		rate(sb, v[FIG_TIMELY_ACCEPTED], v[FIG_ACCEPT_DUE]);
	}
	if (v[FIG_CONCLUDED]) {
		strbuf_adds(sb, "; participation in rating ");
		rate(sb, v[FIG_RATED], v[FIG_CONCLUDED]);
	}
	if (v[FIG_RATED]) {
		strbuf_adds(sb, ", satisfaction ");
		rate(sb, v[FIG_SATISFIED], v[FIG_RATED]);
	}
	strbuf_adds(sb, ". As of ");
	day_words(sb, LANG_EN, end);
	strbuf_addf(sb, ", %ld %s overdue (red) and %ld close to the deadline (yellow).",
		    v[FIG_RED], pl(v[FIG_RED], "case was", "cases were"), v[FIG_YELLOW]);
}

void
narrative_empty(struct render *r, enum lang lang, const struct period *period)
{
	struct strbuf sb;

	strbuf_init(&sb);
	if (lang == LANG_ZH) {
		period_words(&sb, lang, period);
		strbuf_adds(&sb, "未收到信访事项。");
	} else {
		strbuf_adds(&sb, "In ");
		period_words(&sb, lang, period);
		strbuf_adds(&sb, ", no petitions were received.");
	}
	render_para(r, sb.buf);
	strbuf_release(&sb);
}

/* The narrative: one paragraph per family of sentences, from the figures. */
void
narrative_write(struct render *r, enum lang lang, const struct narrative_who *who,
		const struct period *period, int end, const struct bulletin_figs *f)
{
	const long *v = fig_values(f->total, NULL, NULL);
	const long *w = fig_values(f->total_before, NULL, NULL);
	const char *org = who->org;
	struct strbuf sb;

	strbuf_init(&sb);
	if (lang == LANG_EN)
		strbuf_adds(&sb, "In ");
	period_words(&sb, lang, period);
	if (!v[FIG_BATCHES]) {
		para_none(&sb, lang, org, w);
		render_para(r, sb.buf);
		strbuf_release(&sb);
		return;
	}
	sentence_totals(&sb, lang, org, v, w);
	sentence_channels(&sb, lang, f->chlv);
	render_para(r, sb.buf);
	strbuf_reset(&sb);
	para_kinds(&sb, lang, v, f->chlv);
	render_para(r, sb.buf);
	strbuf_reset(&sb);
	para_visits(&sb, lang, who, f->chlv, f->chlv_before);
	render_para(r, sb.buf);
	strbuf_reset(&sb);
	sentence_referred(&sb, lang, who, v, f->kind_due);
	if (lang == LANG_ZH)
		para_rates_zh(&sb, v, end);
	else
		para_rates_en(&sb, v, end);
	render_para(r, sb.buf);
	strbuf_reset(&sb);
	sentences_write(&sb, lang, v);
	if (sb.len)
		render_para(r, sb.buf);
	strbuf_release(&sb);
}
