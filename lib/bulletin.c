/* bulletin.c: a bulletin's tables and charts from its figure tables. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "bulletin.h"
#include "statute.h"
#include "util.h"
#include "banned.h"

#define ZH(rp) ((rp)->lang == LANG_ZH)
#define W(rp, zh, en) (ZH(rp) ? (zh) : (en))	/* the words in the bulletin's language */

/* Change in percent as a cell: "+12.3%", "-4.0%", "0.0%", or "-" without a base. */
static const char *
chg(long now, long before, char *buf)
{
	char t[16];
	if (!before)
		return "-";
	fig_change(now, before, t, sizeof(t));
	snprintf(buf, 24, "%s%s%%", now > before ? "+" : "", t);
	return buf;
}

static const char *
num(long v, char *buf)
{
	snprintf(buf, 24, "%ld", v);
	return buf;
}

static const char *
pct(long n, long d, char *buf)
{
	char t[16];
	fig_rate(n, d, t, sizeof(t));
	if (!*t)
		return "-";
	snprintf(buf, 24, "%s%%", t);
	return buf;
}

void
bulletin_table_dim(const struct bulletin *rp, const char *caption, const char *head,
	  struct fig_table *t, const struct fig_table *ty, int mark_fastest,
	  const char *(*word)(enum lang, const char *))
{
	bulletin_table_figs(rp, caption, head, t, ty, mark_fastest, word, FIG_BATCHES,
			    FIG_PERSONS);
}

void
bulletin_table_figs(const struct bulletin *rp, const char *caption, const char *head,
		    struct fig_table *t, const struct fig_table *ty, int mark_fastest,
		    const char *(*word)(enum lang, const char *), enum fig nf, enum fig pf)
{
	const char *hdr[] = { head, W(rp, "批次", "cases"), W(rp, "人次", "people"),
			      W(rp, "占比", "share"), W(rp, "上年同期", "a year before"),
			      W(rp, "同比", "change"), "" };
	long all = 0, best = -1;
	size_t i, k, fastest = (size_t)-1, *order = xcalloc(t->ngroups + 1, sizeof(*order));
	char b[5][24];

	/* a group with cases only a year before still has its row */
	for (i = 0; i < ty->ngroups; i++)
		fig_group_get(t, ty->groups[i].key);
	order = xrealloc(order, (t->ngroups + 1) * sizeof(*order));
	for (i = 0; i < t->ngroups; i++) {
		all += t->groups[i].v[nf];
		order[i] = i;
	}
	/* most cases first */
	for (i = 1; i < t->ngroups; i++)
		for (k = i; k > 0 && t->groups[order[k]].v[nf] >
				     t->groups[order[k - 1]].v[nf]; k--) {
			size_t x = order[k];
			order[k] = order[k - 1];
			order[k - 1] = x;
		}
	/* the fastest-growing: the largest rise in percent over a non-zero base */
	for (i = 0; mark_fastest && i < t->ngroups; i++) {
		const long *w = fig_values(ty, t->groups[i].key[0], NULL);
		long now = t->groups[i].v[nf], before = w[nf];
		if (before > 0 && now > before && (now - before) * 1000 / before > best) {
			best = (now - before) * 1000 / before;
			fastest = i;
		}
	}
	render_table_begin(rp->r, caption, hdr, mark_fastest ? 7 : 6);
	for (k = 0; k < t->ngroups; k++) {
		const struct fig_group *g = &t->groups[order[k]];
		const long *w = fig_values(ty, g->key[0], NULL);
		i = order[k];
		if (!g->v[nf] && !w[nf])
			continue;	/* a group only other figures know */
		const char *cells[7] = {
			word ? word(rp->lang, g->key[0]) : (*g->key[0] ? g->key[0] : "-"),
			num(g->v[nf], b[0]), num(g->v[pf], b[1]),
			pct(g->v[nf], all, b[2]), num(w[nf], b[3]),
			chg(g->v[nf], w[nf], b[4]),
			i == fastest ? W(rp, "增长最快", "fastest rise") : "",
		};
		render_table_row(rp->r, cells);
	}
	render_table_end(rp->r);
	free(order);
}

const char *
kind_words(enum lang lang, const char *k)
{
	if (!strcmp(k, "first"))
		return lang == LANG_ZH ? "初信初访" : "first petitions";
	if (!strcmp(k, "repeat"))
		return lang == LANG_ZH ? "重复信访" : "repeat petitions";
	if (!strcmp(k, "referred"))
		return lang == LANG_ZH ? "交办件" : "referred from above";
	return k;
}

/* A unit's three rates (三率), its score and its place in the ranking. */
struct unit_rank {
	const char *unit;
	double r[3];
	long num[3], den[3];	/* each rate's numerator and denominator */
	int have[3];
	int n;			/* the rates scored: with a denominator and a weight */
	double score;		/* their weighted mean, or -1 without any */
	long tenths;		/* the score as shown, for ties */
	size_t rank;		/* 1 and up; 0 unranked */
	int tied;
};

/* More rates scored first, then the higher score, then the unit's name. */
static int
cmp_rank(const void *a, const void *b)
{
	const struct unit_rank *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	if (x->tenths != y->tenths)
		return x->tenths < y->tenths ? 1 : -1;
	return strcmp(x->unit, y->unit);
}

/* One unit's rates and weighted score from its group. */
static void
unit_score(struct unit_rank *u, const struct fig_group *g, const double wt[3])
{
	static const enum fig nums[3] = { FIG_TIMELY_ACCEPTED, FIG_ON_TIME, FIG_SATISFIED };
	static const enum fig dens[3] = { FIG_ACCEPT_DUE, FIG_DUE, FIG_RATED };
	double sum = 0, wsum = 0;
	int k;

	u->unit = g->key[0];
	for (k = 0; k < 3; k++) {
		if (!g->v[dens[k]])
			continue;	/* nothing due: no rate, not 0.0% */
		u->num[k] = g->v[nums[k]];
		u->den[k] = g->v[dens[k]];
		u->r[k] = 100.0 * (double)g->v[nums[k]] / (double)g->v[dens[k]];
		u->have[k] = 1;
		if (wt[k] > 0) {
			sum += wt[k] * u->r[k];
			wsum += wt[k];
			u->n++;
		}
	}
	u->score = u->n ? sum / wsum : -1;
	u->tenths = u->n ? (long)(u->score * 10 + 0.5) : -1;
}

/*
 * The units of t (grouped by unit; unassigned left out) ranked: units with
 * more rates scored first, so that one without a rate is never above one
 * with all three by accident; the same score (as shown) and the same
 * number of rates is the same rank (并列).  The array is the caller's to
 * free; its units are t's keys.
 */
static struct unit_rank *
rank_units(const struct fig_table *t, const double wt[3], size_t *np)
{
	struct unit_rank *u = xcalloc(t->ngroups + 1, sizeof(*u));
	size_t i, n = 0;

	for (i = 0; i < t->ngroups; i++)
		if (*t->groups[i].key[0])
			unit_score(&u[n++], &t->groups[i], wt);
	if (n)
		qsort(u, n, sizeof(*u), cmp_rank);
	for (i = 0; i < n && u[i].n; i++) {
		if (i && u[i].n == u[i - 1].n && u[i].tenths == u[i - 1].tenths) {
			u[i].rank = u[i - 1].rank;
			u[i].tied = u[i - 1].tied = 1;
		} else {
			u[i].rank = i + 1;
		}
	}
	*np = n;
	return u;
}

/* A rank as a cell: 2, 并列第2 (=2), or - unranked. */
static const char *
rank_cell(const struct bulletin *rp, const struct unit_rank *u, char *buf)
{
	if (!u || !u->rank)
		return "-";
	if (u->tied)
		snprintf(buf, 24, ZH(rp) ? "并列第%zu" : "=%zu", u->rank);
	else
		snprintf(buf, 24, "%zu", u->rank);
	return buf;
}

/* The ranking's caption, naming the kind of period: 月考评, 季度考评 ... */
static const char *
rates_caption(const struct bulletin *rp, const struct period *p)
{
	switch (p->kind) {
	case PERIOD_WEEK: return W(rp, "责任单位“三率”排名（周考评）",
				   "The three rates by unit, ranked (weekly assessment)");
	case PERIOD_MONTH: return W(rp, "责任单位“三率”排名（月考评）",
				    "The three rates by unit, ranked (monthly assessment)");
	case PERIOD_QUARTER: return W(rp, "责任单位“三率”排名（季度考评）",
				      "The three rates by unit, ranked (quarterly assessment)");
	case PERIOD_HALF: return W(rp, "责任单位“三率”排名（半年考评）",
				   "The three rates by unit, ranked (half-year assessment)");
	case PERIOD_YEAR: return W(rp, "责任单位“三率”排名（年度考评）",
				   "The three rates by unit, ranked (annual assessment)");
	default: return W(rp, "责任单位“三率”排名（考评）",
			  "The three rates by unit, ranked (assessment)");
	}
}

void
bulletin_rates(const struct bulletin *rp, const struct fig_table *t,
	       const struct fig_table *before, const double wt[3], const struct period *p)
{
	const char *hdr[] = { W(rp, "排名", "rank"), W(rp, "责任单位", "unit"),
			      W(rp, "及时受理率", "timely acceptance"),
			      W(rp, "按期办结率", "concluded on time"),
			      W(rp, "满意率", "satisfaction"), W(rp, "综合", "score"),
			      W(rp, "上期排名", "rank before") };
	size_t i, j, n, nb, k;
	struct unit_rank *u = rank_units(t, wt, &n), *ub = rank_units(before, wt, &nb);
	char b[7][24];

	render_table_begin(rp->r, rates_caption(rp, p), hdr, 7);
	for (i = 0; i < n; i++) {
		const char *cells[7];
		for (j = 0; j < nb && strcmp(ub[j].unit, u[i].unit); j++)
			;
		cells[0] = rank_cell(rp, &u[i], b[0]);
		cells[1] = u[i].unit;
		/* rounded as fig_rate rounds (half away from zero), the score as tied */
		for (k = 0; k < 3; k++) {
			if (u[i].have[k]) {
				char r[24];
				snprintf(b[k + 1], 24, "%s%%",
					 fig_rate(u[i].num[k], u[i].den[k], r, sizeof(r)));
			}
			cells[k + 2] = u[i].have[k] ? b[k + 1] : "-";
		}
		if (u[i].n)
			snprintf(b[4], 24, "%ld.%ld", u[i].tenths / 10, u[i].tenths % 10);
		cells[5] = u[i].n ? b[4] : "-";
		cells[6] = rank_cell(rp, j < nb ? &ub[j] : NULL, b[5]);
		render_table_row(rp->r, cells);
	}
	render_table_end(rp->r);
	free(u);
	free(ub);
}

void
bulletin_colours(const struct bulletin *rp, const struct fig_table *ul)
{
	const char *hdr[] = { W(rp, "责任单位", "unit"), W(rp, "包案领导", "lead official"),
			      W(rp, "红牌", "red"), W(rp, "黄牌", "yellow") };
	size_t i;
	char b[2][24];

	render_table_begin(rp->r, W(rp, "红黄牌督办（按责任单位）", "Red and yellow cases by unit"),
			   hdr, 4);
	for (i = 0; i < ul->ngroups; i++) {
		const struct fig_group *g = &ul->groups[i];
		const char *cells[4] = {
			*g->key[0] ? g->key[0] : W(rp, "未分配", "unassigned"),
			*g->key[1] ? g->key[1] : "-", num(g->v[FIG_RED], b[0]),
			num(g->v[FIG_YELLOW], b[1]),
		};
		if (g->v[FIG_RED] || g->v[FIG_YELLOW])
			render_table_row(rp->r, cells);
	}
	render_table_end(rp->r);
}

void
bulletin_charts(const struct bulletin *rp, const struct fig_table *ch, const struct fig_table *ul,
		const long now[12], const long before[12])
{
	static const char *const chans[] = { "letter", "visit", "online", "phone", "sms", "fax",
					     "video" };
	const char *colors[2] = { "#c0392b", "#f1c40f" };
	long cv[7], red[64], yellow[64];
	const long *series[2];
	const char *names[2], *labels[64];
	struct strbuf svg;
	int i;
	size_t n;

	strbuf_init(&svg);
	series[0] = now;
	series[1] = before;
	names[0] = W(rp, "本年", "this year");
	names[1] = W(rp, "上年", "last year");
	chart_lines(&svg, W(rp, "各月受理批次与上年同期", "Cases by month, against last year"),
		    chart_months(ZH(rp) ? "zh" : "en"), 12, series, names, 2);
	render_svg(rp->r, svg.buf);

	strbuf_reset(&svg);
	/* fax and video get a bar only when the period has some */
	for (i = 0, n = 0; i < 7; i++) {
		cv[n] = fig_values(ch, chans[i], NULL)[FIG_BATCHES];
		labels[n] = channel_words(rp->lang, chans[i]);
		if (i < 5 || cv[n])
			n++;
	}
	chart_bars(&svg, W(rp, "信访形式构成（批次）", "Cases by channel"), labels, cv, n);
	render_svg(rp->r, svg.buf);

	strbuf_reset(&svg);
	for (n = 0; n < ul->ngroups && n < 64; n++) {
		labels[n] = *ul->groups[n].key[0] ? ul->groups[n].key[0] : W(rp, "未分配", "unassigned");
		red[n] = ul->groups[n].v[FIG_RED];
		yellow[n] = ul->groups[n].v[FIG_YELLOW];
	}
	series[0] = red;
	series[1] = yellow;
	names[0] = W(rp, "红牌", "red");
	names[1] = W(rp, "黄牌", "yellow");
	chart_stacked(&svg, W(rp, "红黄牌（按责任单位）", "Red and yellow cases by unit"),
		      labels, n, series, names, colors, 2);
	render_svg(rp->r, svg.buf);
	strbuf_release(&svg);
}

void
fig_visits_by_level(const struct fig_table *cl, struct fig_table *lv)
{
	struct fig_opts o = cl->opts;
	size_t i;

	o.nby = 1;
	o.by[0] = DIM_LEVEL;
	fig_table_init(lv, &o);
	for (i = 0; i < cl->ngroups; i++)
		if (!strcmp(cl->groups[i].key[0], "visit"))
			memcpy(fig_group_get(lv, &cl->groups[i].key[1])->v, cl->groups[i].v,
			       sizeof(cl->groups[i].v));
}

static const char *const kind_names[NBKINDS] = { "daily", "weekly", "monthly", "quarterly",
						 "annual" };

int
bulletin_kind_parse(const char *s)
{
	int k = NBKINDS - 1;

	while (k >= 0 && strcmp(s, kind_names[k]))
		k--;
	return k;	/* -1 when none matched */
}

enum bulletin_kind
bulletin_kind_of(const struct period *p)
{
	switch (p->kind) {
	case PERIOD_DAY:
		return BK_DAILY;
	case PERIOD_WEEK:
		return BK_WEEKLY;
	case PERIOD_QUARTER:
		return BK_QUARTERLY;
	case PERIOD_YEAR:
	case PERIOD_HALF:
		return BK_ANNUAL;
	default:
		return BK_MONTHLY;
	}
}

void
bulletin_default_period(enum bulletin_kind k, int as_of, struct period *p)
{
	char buf[32];
	int y, m, d, w;

	date_to_ymd(as_of, &y, &m, &d);
	switch (k) {
	case BK_DAILY:
		period_range(as_of, as_of, p);
		return;
	case BK_WEEKLY:
		date_iso_week(as_of - date_weekday(as_of), &y, &w);
		snprintf(buf, sizeof(buf), "%04d-W%02d", y, w);
		break;
	case BK_MONTHLY:
		date_to_ymd(date_add_months(date_from_ymd(y, m, 1), -1), &y, &m, &d);
		snprintf(buf, sizeof(buf), "%04d-%02d", y, m);
		break;
	case BK_QUARTERLY:
		date_to_ymd(date_add_months(date_from_ymd(y, (m - 1) / 3 * 3 + 1, 1), -3),
			    &y, &m, &d);
		snprintf(buf, sizeof(buf), "%04d-Q%d", y, (m - 1) / 3 + 1);
		break;
	default:
		snprintf(buf, sizeof(buf), "%04d", y - 1);
		break;
	}
	period_parse(buf, p);
}

int
bulletin_weights_parse(const char *s, double w[3])
{
	double v[3], sum = 0;
	char *end;
	int k;

	for (k = 0; k < 3; k++) {
		errno = 0;
		v[k] = strtod(s, &end);
		if (end == s || errno || v[k] < 0 || v[k] > 1000 || v[k] != v[k])
			return -1;
		sum += v[k];
		s = end;
		if (k < 2 && *s++ != ',')
			return -1;
	}
	if (*s || sum <= 0)
		return -1;
	memcpy(w, v, sizeof(v));
	return 0;
}

void
bulletin_title(struct strbuf *sb, enum lang lang, const struct bulletin_spec *s)
{
	static const char *const zh[NBKINDS] = { "日报", "周报", "月报", "季度分析", "年度总结" };
	static const char *const en[NBKINDS] = { "daily bulletin", "weekly bulletin",
		"monthly bulletin", "quarterly analysis", "annual summary" };

	/* the summary of a half year is the half year's (半年总结) */
	int half = s->kind == BK_ANNUAL && s->p.kind == PERIOD_HALF;

	if (lang == LANG_ZH) {
		strbuf_addf(sb, "%s信访工作%s（", s->who.org,
			    s->range ? "情况" : half ? "半年总结" : zh[s->kind]);
		period_words(sb, lang, &s->p);
		strbuf_adds(sb, "）");
	} else {
		strbuf_addf(sb, "Petition work %s, ",
			    s->range ? "report" : half ? "half-year summary" : en[s->kind]);
		period_words(sb, lang, &s->p);
		strbuf_addf(sb, " (%s)", s->who.org);
	}
}

/* The ledger's error of now into s's code and err ("FILE: what"); -1. */
static int
src_failed(struct fig_src *s)
{
	ledger_fail(&s->l);
	s->code = ledger_exit_code(&s->l);
	snprintf(s->err, sizeof(s->err), "%s: %s", s->l.path, s->l.err);
	return -1;
}

/* A bulletin being written: where, from what, over which periods. */
struct bw {
	struct bulletin b;
	struct fig_src *src;
	const struct bulletin_spec *s;
	struct period py, pp;	/* the year before (同比), the period before (上期) */
	int end;		/* the period's end, or the as-of date if earlier */
};

/* what count() counts */
enum { COUNT_ALL, COUNT_VOLUME, COUNT_RATES, COUNT_RANKS, COUNT_DISTINCT, COUNT_DUE };

/*
 * Count period p into t, grouped by the dims given (nby of them): every
 * figure (COUNT_ALL), the volume figures only (COUNT_VOLUME), what the
 * ranking's three rates are made of (COUNT_RATES), the same without the
 * colours (COUNT_RANKS: only ranks are shown of the period before), or
 * the figures that do not add up over groups (COUNT_DISTINCT, the rest
 * rolled up from a table grouped finer), or the cases due to be concluded
 * and on time alone (COUNT_DUE: the family "due").  0, or -1 (src's code,
 * err).
 */

/* 1 + the index of the family named name (fig_opts.family), 0 when none. */
static int
family_of(const char *name)
{
	const char *f;
	int k;

	for (k = 0; (f = fig_family_name(k)); k++)
		if (!strcmp(f, name))
			return k + 1;
	return 0;
}

static void
table_init(const struct bw *w, struct fig_table *t, const enum dim *by, size_t nby, int volume)
{
	struct fig_opts o = w->s->base;
	size_t i;

	o.nby = nby;
	for (i = 0; i < nby; i++)
		o.by[i] = by[i];
	o.volume_only = volume == COUNT_VOLUME;
	o.rates_only = volume == COUNT_RATES || volume == COUNT_RANKS;
	o.no_open = volume == COUNT_RANKS;
	o.distinct_only = volume == COUNT_DISTINCT;
	if (volume == COUNT_DUE)
		o.family = family_of("due");
	fig_table_init(t, &o);
}

static int
count(const struct bw *w, struct fig_table *t, const struct period *p,
      const enum dim *by, size_t nby, int volume)
{
	table_init(w, t, by, nby, volume);
	if (fig_src_count(w->src, t, p) < 0)
		return -1;
	fig_table_sort(t);
	return 0;
}

/*
 * Count t as count(w, t, p, by, nby, volume) would, from fine (counted
 * over p by more dims, t's among them): what adds up is rolled up from
 * fine, and only the rest (with COUNT_ALL, the figures that do not add up)
 * read from the ledger.  0, or -1 (src's code, err).
 */
static int
count_from(const struct bw *w, struct fig_table *t, const struct period *p,
	   const enum dim *by, size_t nby, int volume, const struct fig_table *fine)
{
	if (volume == COUNT_ALL) {
		if (count(w, t, p, by, nby, COUNT_DISTINCT) < 0)
			return -1;
	} else {
		table_init(w, t, by, nby, volume);
	}
	if (fig_table_rollup(t, fine) < 0) {
		w->src->code = EX_SOFTWARE;
		snprintf(w->src->err, sizeof(w->src->err),
			 "a table rolled up from one without its dims");
		return -1;
	}
	t->opts.distinct_only = 0;
	fig_table_sort(t);
	return 0;
}

/* The cases red at the end, most overdue first (when the end is today). */
static int
red_list(const struct bw *w)
{
	const struct bulletin *rp = &w->b;
	const char *lh[] = { W(rp, "编号", "case"), W(rp, "责任单位", "unit"),
			     W(rp, "包案领导", "lead official"), W(rp, "期限", "due"),
			     W(rp, "超期天数", "days overdue"), W(rp, "问题类别", "category") };
	struct fig_list ls;
	int rc;

	if (w->end != w->s->as_of)
		return 0;
	if (fig_list_open(&ls, w->src, FIG_LIST_RED, NULL, w->end) < 0)
		return -1;
	render_table_begin(rp->r, W(rp, "超期未办结事项（红牌，最多50件）",
				    "Overdue cases (red; at most 50)"), lh, 6);
	while ((rc = fig_list_next(&ls)) > 0)
		render_table_row(rp->r, ls.cell);
	render_table_end(rp->r);
	return rc;
}

/* The deadline of a new case: the ledger's due date, else received + DL_ACCEPT_DAYS. */
static const char *
new_case_due(const char *due, const char *received, char *buf)
{
	int day;

	if (due && *due)
		return due;
	if (!received || date_parse(received, &day, NULL) < 0)
		return "-";
	return date_format(day + DL_ACCEPT_DAYS, buf);
}

/*
 * The daily list: each petition received in the period (passing the
 * filters) with its level, unit, lead official and deadline
 * (逐案明确包案领导、责任人、化解时限).
 */
static int
new_cases(const struct bw *w)
{
	const struct bulletin *rp = &w->b;
	const char *hdr[] = { W(rp, "编号", "case"), W(rp, "信访形式", "channel"),
			      W(rp, "人数", "people"), W(rp, "问题属地", "region"),
			      W(rp, "问题类别", "category"), W(rp, "类型", "kind"),
			      W(rp, "层级", "level"), W(rp, "责任单位", "unit"),
			      W(rp, "包案领导", "lead official"), W(rp, "化解时限", "deadline") };
	struct fig_list ls;
	char dl[DATE_BUF];
	const char *cells[10];
	int i, rc;

	if (fig_list_open(&ls, w->src, FIG_LIST_NEW, &w->s->p, w->end) < 0)
		return -1;
	render_table_begin(rp->r, W(rp, "新登记信访事项", "New cases"), hdr, 10);
	while ((rc = fig_list_next(&ls)) > 0) {	/* the filters passed */
		for (i = 0; i < 10; i++)
			cells[i] = ls.cell[i] && *ls.cell[i] ? ls.cell[i] : "-";
		cells[1] = channel_words(rp->lang, cells[1]);
		cells[5] = kind_words(rp->lang, cells[5]);
		cells[6] = level_words(rp->lang, cells[6]);
		cells[9] = new_case_due(ls.cell[9], ls.cell[10], dl);
		render_table_row(rp->r, cells);
	}
	render_table_end(rp->r);
	return rc < 0 ? -1 : 0;
}

/* HTML charts: the months against the year before, the channels, colours by unit. */
static int
charts(const struct bw *w, const struct fig_table *ch, const struct fig_table *ul)
{
	long now[12], before[12];
	int y, m, d;

	date_to_ymd(w->s->p.to, &y, &m, &d);
	if (fig_src_month_batches(w->src, y, now) < 0 ||
	    fig_src_month_batches(w->src, y - 1, before) < 0)
		return -1;
	bulletin_charts(&w->b, ch, ul, now, before);
	return 0;
}

/*
 * Whether the period has nothing to say: no case received, none due to be
 * accepted or concluded, none concluded, and none open at its end.  1, 0,
 * or -1 (src's code, err).  The ledger is asked only when the figures are
 * all zero.
 */
static int
empty(const struct bw *w, const struct fig_table *all)
{
	static const enum fig zero[] = { FIG_BATCHES, FIG_ACCEPT_DUE, FIG_DUE, FIG_CONCLUDED,
					 FIG_RED, FIG_YELLOW };
	const long *v = fig_values(all, NULL, NULL);
	const struct fig_filter *f = &w->s->base.filter;
	sqlite3_stmt *st;
	char e1[DATE_BUF];
	size_t i;
	int rc = SQLITE_DONE, found = 0;

	for (i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		if (v[zero[i]])
			return 0;
	/* the cases open at the end, until one passes the filters */
	st = fig_stmt_get(&w->src->stmts, &w->src->l,
		"SELECT c.region, c.unit, c.category, (SELECT group_concat(t.tag, ';')"
		" FROM case_tags t WHERE t.case_ref = c.id) FROM petition_cases c"
		" WHERE c.received < ?1 AND ifnull(c.concluded, '9') >= ?1"
		" AND ifnull(c.closed, '9') >= ?1");
	if (!st)
		return src_failed(w->src);
	sqlite3_bind_text(st, 1, date_format(w->end + 1, e1), -1, SQLITE_STATIC);
	while (!found && (rc = sqlite3_step(st)) == SQLITE_ROW)
		found = fig_filter_pass(f, (const char *)sqlite3_column_text(st, 0),
					(const char *)sqlite3_column_text(st, 1),
					(const char *)sqlite3_column_text(st, 2),
					(const char *)sqlite3_column_text(st, 3));
	sqlite3_reset(st);
	return found ? 0 : rc == SQLITE_DONE ? 1 : src_failed(w->src);
}

static const enum dim ul_dims[] = { DIM_UNIT, DIM_LEADER };

enum { T_ALL, T_ALLY, T_CL, T_CLY, T_CH, T_CHY, T_LV, T_LVY, T_KD, T_KDY, T_KDD, T_RG,
       T_RGY, T_CA, T_CAY, T_UN, T_UNP, T_UL, NT };

/* Every table's counts, all or none: 0, or -1 (src's code, err). */
static int
count_all(const struct bw *w, struct fig_table *t)
{
	static const enum dim chlv[] = { DIM_CHANNEL, DIM_LEVEL }, ch[] = { DIM_CHANNEL };
	static const enum dim rg[] = { DIM_REGION }, ca[] = { DIM_CATEGORY };
	static const enum dim un[] = { DIM_UNIT };
	static const enum dim kd[] = { DIM_KIND };
	/* what the breakdowns add up from: two counts a period, not five */
	static const enum dim chlvkd[] = { DIM_CHANNEL, DIM_LEVEL, DIM_KIND };
	static const enum dim rgca[] = { DIM_REGION, DIM_CATEGORY };
	const struct period *p = &w->s->p, *py = &w->py;
	struct fig_table f[4];
	int rc, i;

	memset(f, 0, sizeof(f));
	rc = count(w, &f[0], p, chlvkd, 3, COUNT_VOLUME) < 0 ||
	     count(w, &f[1], py, chlvkd, 3, COUNT_VOLUME) < 0 ||
	     count(w, &f[2], p, rgca, 2, COUNT_VOLUME) < 0 ||
	     count(w, &f[3], py, rgca, 2, COUNT_VOLUME) < 0 ||
	     count_from(w, &t[T_CL], p, chlv, 2, COUNT_VOLUME, &f[0]) < 0 ||
	     count_from(w, &t[T_CLY], py, chlv, 2, COUNT_VOLUME, &f[1]) < 0 ||
	     count_from(w, &t[T_CH], p, ch, 1, COUNT_VOLUME, &f[0]) < 0 ||
	     count_from(w, &t[T_CHY], py, ch, 1, COUNT_VOLUME, &f[1]) < 0 ||
	     count_from(w, &t[T_KD], p, kd, 1, COUNT_VOLUME, &f[0]) < 0 ||
	     count_from(w, &t[T_KDY], py, kd, 1, COUNT_VOLUME, &f[1]) < 0 ||
	     count_from(w, &t[T_RG], p, rg, 1, COUNT_VOLUME, &f[2]) < 0 ||
	     count_from(w, &t[T_RGY], py, rg, 1, COUNT_VOLUME, &f[3]) < 0 ||
	     count_from(w, &t[T_CA], p, ca, 1, COUNT_VOLUME, &f[2]) < 0 ||
	     count_from(w, &t[T_CAY], py, ca, 1, COUNT_VOLUME, &f[3]) < 0 ||
	     count_from(w, &t[T_UN], p, un, 1, COUNT_RATES, &t[T_UL]) < 0 ||
	     count(w, &t[T_UNP], &w->pp, un, 1, COUNT_RANKS) < 0 ||
	     count(w, &t[T_KDD], p, kd, 1, COUNT_DUE) < 0;
	for (i = 0; i < 4; i++)
		fig_table_release(&f[i]);
	if (rc)
		return -1;
	fig_visits_by_level(&t[T_CL], &t[T_LV]);
	fig_visits_by_level(&t[T_CLY], &t[T_LVY]);
	return 0;
}

/* The bulletin's three parts from the counted tables; 0, or -1 (src's code, err). */
static int
parts(const struct bw *w, struct fig_table *t)
{
	const struct bulletin *b = &w->b, *rp = b;
	struct bulletin_figs bf = { &t[T_ALL], &t[T_ALLY], &t[T_CL], &t[T_CLY], &t[T_KDD] };

	render_heading(b->r, 1, W(rp, "一、基本情况", "Overview"));
	narrative_write(b->r, b->lang, &w->s->who, &w->s->p, w->end, &bf);
	if (b->r->fmt == R_HTML && charts(w, &t[T_CH], &t[T_UL]) < 0)
		return -1;
	render_heading(b->r, 1, W(rp, "二、分类统计", "The figures"));
	if (w->s->kind == BK_DAILY && new_cases(w) < 0)
		return -1;
	bulletin_table_dim(b, W(rp, "按信访形式", "By channel"), W(rp, "信访形式", "channel"),
			   &t[T_CH], &t[T_CHY], 0, channel_words);
	bulletin_table_dim(b, W(rp, "来访按层级（进京、赴省、到市、到县）", "Visits by level"),
			   W(rp, "层级", "level"), &t[T_LV], &t[T_LVY], 0, level_words);
	bulletin_table_dim(b, W(rp, "初信初访、重复信访与交办件", "First, repeat and referred"),
			   W(rp, "类型", "kind"), &t[T_KD], &t[T_KDY], 0, kind_words);
	if (fig_values(&t[T_ALL], NULL, NULL)[FIG_COLLECTIVE] ||
	    fig_values(&t[T_ALLY], NULL, NULL)[FIG_COLLECTIVE])
		bulletin_table_figs(b, W(rp, "集体访（5人以上来访，按层级）",
					 "Collective visits (5 or more people) by level"),
				    W(rp, "层级", "level"), &t[T_LV], &t[T_LVY], 0, level_words,
				    FIG_COLLECTIVE, FIG_COLLECTIVE_PERSONS);
	bulletin_table_dim(b, W(rp, "按问题属地", "By region"), W(rp, "问题属地", "region"),
			   &t[T_RG], &t[T_RGY], 1, NULL);
	bulletin_table_dim(b, W(rp, "按问题类别", "By category"), W(rp, "问题类别", "category"),
			   &t[T_CA], &t[T_CAY], 0, NULL);
	render_heading(b->r, 1, W(rp, "三、办理质效", "Handling"));
	bulletin_rates(b, &t[T_UN], &t[T_UNP], w->s->weights, &w->s->p);
	bulletin_colours(b, &t[T_UL]);
	return red_list(w);
}

int
bulletin_write(struct render *r, enum lang lang, struct fig_src *src,
	       const struct bulletin_spec *s)
{
	struct fig_table t[NT];
	struct bw w;
	int rc, i;

	memset(t, 0, sizeof(t));
	w.b.r = r;
	w.b.lang = lang;
	w.src = src;
	w.s = s;
	w.py = period_yoy(&s->p);
	w.pp = period_prev(&s->p);
	w.end = s->p.to < s->as_of ? s->p.to : s->as_of;
	/* by unit and lead official: the colours' table, and what the whole adds up from */
	rc = count(&w, &t[T_UL], &s->p, ul_dims, 2, COUNT_ALL);
	if (rc == 0)
		rc = count_from(&w, &t[T_ALL], &s->p, NULL, 0, COUNT_ALL, &t[T_UL]);
	if (rc == 0)
		rc = empty(&w, &t[T_ALL]);
	if (rc == 1) {
		narrative_empty(r, lang, &s->p);
		rc = 0;
	} else if (rc == 0) {
		rc = count(&w, &t[T_ALLY], &w.py, NULL, 0, 0);
		if (rc == 0)
			rc = count_all(&w, t);
		if (rc == 0)
			rc = parts(&w, t);
	}
	for (i = 0; i < NT; i++)
		fig_table_release(&t[i]);
	return rc;
}
