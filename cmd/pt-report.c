/* pt-report: daily, monthly, quarterly and annual bulletins from the ledger. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "figsrc.h"
#include "msg.h"
#include "narrative.h"
#include "render.h"
#include "statute.h"
#include "util.h"
#include "banned.h"

static const char usage_text[] =
"usage: pt-report [-q] [-d ledger] [--kind daily|monthly|quarterly|annual]\n"
"                 [--period period] [--lang zh|en] [--format text|md|html]\n"
"                 [--org name] [--as-of date]\n";

enum { OPT_KIND = OPT_TOOL_BASE, OPT_PERIOD, OPT_LANG, OPT_RFORMAT, OPT_ORG };
enum kind { K_DAILY, K_MONTHLY, K_QUARTERLY, K_ANNUAL };

#define ZH(rp) ((rp)->lang == LANG_ZH)
#define W(rp, zh, en) (ZH(rp) ? (zh) : (en))	/* the words in the report's language */

struct report {
	struct cli cli;
	enum kind kind;
	enum lang lang;
	enum rfmt fmt;
	const char *org;
	struct period p, py;
	int end;		/* the period's end, or the as-of date if earlier */
	struct fig_src src;	/* the ledger */
	struct render r;
};

static void
usage(void)
{
	fputs(usage_text, stderr);
	exit(EX_USAGE);
}

static void
help(void)
{
	fputs(usage_text, stdout);
	fputs("\nWrite the bulletin of a period: the narrative a bureau writes (totals in\n"
	      "批次 and 人次 with 同比, channels, first/repeat/referred, joint letters,\n"
	      "visits by level, the rates), then the tables, and in HTML the charts.\n\n"
	      "  -d, --db FILE          the ledger (default $PT_DB, else ./ledger.db)\n"
	      "      --kind KIND        daily, monthly (default), quarterly or annual\n"
	      "      --period P         the period (default: the as-of date's day, month,\n"
	      "                         quarter or year, by --kind)\n"
	      "      --lang LANG        zh (default) or en\n"
	      "      --format FMT       text (default), md or html (one self-contained file)\n"
	      "      --org NAME         who reports: 全市, 包头市信访局 ...\n"
	      "      --as-of DATE       today\n"
	      "  -q, --quiet            nothing on stderr but errors\n"
	      "  -h, --help             this text; --version the version\n", stdout);
	exit(0);
}

/* The ledger, closed (its -wal and -shm tidied) on any exit. */
static struct fig_src *reading;

static void
close_reading(void)
{
	if (reading)
		fig_src_close(reading);
	reading = NULL;
}

static void
die_ledger(struct report *rp)
{
	msg_die(rp->src.code, "%s", rp->src.err);
}

/*
 * Count period p into t, grouped by the dims given (nby of them); with
 * volume, the volume figures only (fig_opts.volume_only).
 */
static void
count(struct report *rp, struct fig_table *t, const struct period *p,
      const enum dim *by, size_t nby, int volume)
{
	struct fig_opts o;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.nby = nby;
	for (i = 0; i < nby; i++)
		o.by[i] = by[i];
	o.warn_days = DL_WARN_DAYS;
	o.resolution_tag = "积案";
	o.as_of = rp->cli.as_of;
	o.volume_only = volume;
	fig_table_init(t, &o);
	if (fig_src_count(&rp->src, t, p) < 0)
		die_ledger(rp);
	fig_table_sort(t);
}

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

/* A table of one dimension's groups: batches, persons, share, a year before, change. */
static void
table_dim(struct report *rp, const char *caption, const char *head,
	  struct fig_table *t, const struct fig_table *ty, int mark_fastest,
	  const char *(*word)(enum lang, const char *))
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
		all += t->groups[i].v[FIG_BATCHES];
		order[i] = i;
	}
	/* most cases first */
	for (i = 1; i < t->ngroups; i++)
		for (k = i; k > 0 && t->groups[order[k]].v[FIG_BATCHES] >
				     t->groups[order[k - 1]].v[FIG_BATCHES]; k--) {
			size_t x = order[k];
			order[k] = order[k - 1];
			order[k - 1] = x;
		}
	/* the fastest-growing: the largest rise in percent over a non-zero base */
	for (i = 0; mark_fastest && i < t->ngroups; i++) {
		const long *w = fig_values(ty, t->groups[i].key[0], NULL);
		long now = t->groups[i].v[FIG_BATCHES], before = w[FIG_BATCHES];
		if (before > 0 && now > before && (now - before) * 1000 / before > best) {
			best = (now - before) * 1000 / before;
			fastest = i;
		}
	}
	render_table_begin(&rp->r, caption, hdr, mark_fastest ? 7 : 6);
	for (k = 0; k < t->ngroups; k++) {
		const struct fig_group *g = &t->groups[order[k]];
		const long *w = fig_values(ty, g->key[0], NULL);
		i = order[k];
		if (!g->v[FIG_BATCHES] && !w[FIG_BATCHES])
			continue;	/* a group only other figures know */
		const char *cells[7] = {
			word ? word(rp->lang, g->key[0]) : (*g->key[0] ? g->key[0] : "-"),
			num(g->v[FIG_BATCHES], b[0]), num(g->v[FIG_PERSONS], b[1]),
			pct(g->v[FIG_BATCHES], all, b[2]), num(w[FIG_BATCHES], b[3]),
			chg(g->v[FIG_BATCHES], w[FIG_BATCHES], b[4]),
			i == fastest ? W(rp, "增长最快", "fastest rise") : "",
		};
		render_table_row(&rp->r, cells);
	}
	render_table_end(&rp->r);
	free(order);
}

static const char *
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

/* The three rates (三率) by unit, ranked by their mean (月考评). */
struct unit_rank {
	const char *unit;
	double r[3];
	int have[3];
	double score;
};

static int
cmp_rank(const void *a, const void *b)
{
	const struct unit_rank *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return strcmp(x->unit, y->unit);
}

static void
table_rates(struct report *rp, const struct fig_table *t)
{
	const char *hdr[] = { W(rp, "排名", "rank"), W(rp, "责任单位", "unit"),
			      W(rp, "及时受理率", "timely acceptance"),
			      W(rp, "按期办结率", "concluded on time"),
			      W(rp, "满意率", "satisfaction"), W(rp, "综合", "mean") };
	static const enum fig nums[3] = { FIG_TIMELY_ACCEPTED, FIG_ON_TIME, FIG_SATISFIED };
	static const enum fig dens[3] = { FIG_ACCEPT_DUE, FIG_DUE, FIG_RATED };
	struct unit_rank *u = xcalloc(t->ngroups + 1, sizeof(*u));
	size_t i, n = 0, k;
	char b[6][24];

	for (i = 0; i < t->ngroups; i++) {
		const struct fig_group *g = &t->groups[i];
		int have = 0;
		if (!*g->key[0])
			continue;	/* not yet assigned */
		u[n].unit = g->key[0];
		for (k = 0; k < 3; k++)
			if (g->v[dens[k]]) {
				u[n].r[k] = 100.0 * (double)g->v[nums[k]] / (double)g->v[dens[k]];
				u[n].have[k] = 1;
				u[n].score += u[n].r[k];
				have++;
			}
		u[n].score = have ? u[n].score / have : -1;
		n++;
	}
	if (n)
		qsort(u, n, sizeof(*u), cmp_rank);
	render_table_begin(&rp->r, W(rp, "责任单位“三率”排名（月考评）",
				     "The three rates by unit, ranked"), hdr, 6);
	for (i = 0; i < n; i++) {
		const char *cells[6];
		snprintf(b[0], 24, "%zu", i + 1);
		cells[0] = u[i].score >= 0 ? b[0] : "-";
		cells[1] = u[i].unit;
		for (k = 0; k < 3; k++) {
			if (u[i].have[k])
				snprintf(b[k + 1], 24, "%.1f%%", u[i].r[k]);
			cells[k + 2] = u[i].have[k] ? b[k + 1] : "-";
		}
		if (u[i].score >= 0)
			snprintf(b[4], 24, "%.1f", u[i].score);
		cells[5] = u[i].score >= 0 ? b[4] : "-";
		render_table_row(&rp->r, cells);
	}
	render_table_end(&rp->r);
	free(u);
}

/* Red and yellow cases by unit and lead official (四色督办), and the red list. */
static void
table_colours(struct report *rp, const struct fig_table *ul)
{
	const char *hdr[] = { W(rp, "责任单位", "unit"), W(rp, "包案领导", "lead official"),
			      W(rp, "红牌", "red"), W(rp, "黄牌", "yellow") };
	const char *lh[] = { W(rp, "编号", "case"), W(rp, "责任单位", "unit"),
			     W(rp, "包案领导", "lead official"), W(rp, "期限", "due"),
			     W(rp, "超期天数", "days overdue"), W(rp, "问题类别", "category") };
	struct fig_list ls;
	size_t i;
	int rc;
	char b[2][24];

	render_table_begin(&rp->r, W(rp, "红黄牌督办（按责任单位）", "Red and yellow cases by unit"),
			   hdr, 4);
	for (i = 0; i < ul->ngroups; i++) {
		const struct fig_group *g = &ul->groups[i];
		const char *cells[4] = {
			*g->key[0] ? g->key[0] : W(rp, "（未交办）", "(not assigned)"),
			*g->key[1] ? g->key[1] : "-", num(g->v[FIG_RED], b[0]),
			num(g->v[FIG_YELLOW], b[1]),
		};
		if (g->v[FIG_RED] || g->v[FIG_YELLOW])
			render_table_row(&rp->r, cells);
	}
	render_table_end(&rp->r);
	if (rp->end != rp->cli.as_of)
		return;		/* the list is of the cases red today */
	if (fig_list_open(&ls, &rp->src, FIG_LIST_RED, NULL, rp->end) < 0)
		die_ledger(rp);
	render_table_begin(&rp->r, W(rp, "超期未办结事项（红牌，最多50件）",
				     "Overdue cases (red; at most 50)"), lh, 6);
	while ((rc = fig_list_next(&ls)) > 0)
		render_table_row(&rp->r, ls.cell);
	if (rc < 0)
		die_ledger(rp);
	render_table_end(&rp->r);
}

/* The batches of each month of year y, for the chart. */
static void
month_batches(struct report *rp, int y, long out[12])
{
	if (fig_src_month_batches(&rp->src, y, out) < 0)
		die_ledger(rp);
}

/* HTML charts: the months against the year before, the channels, colours by unit. */
static void
charts(struct report *rp, const struct fig_table *ch, const struct fig_table *ul)
{
	static const char *const chans[] = { "letter", "visit", "online", "phone", "sms" };
	static const char *const mlabels[12] = { "1", "2", "3", "4", "5", "6", "7", "8",
						 "9", "10", "11", "12" };
	const char *colors[2] = { "#c0392b", "#f1c40f" };
	long now[12], before[12], cv[5], red[64], yellow[64];
	const long *series[2];
	const char *names[2], *labels[64];
	struct strbuf svg;
	int y, m, d, i;
	size_t n;

	date_to_ymd(rp->p.to, &y, &m, &d);
	month_batches(rp, y, now);
	month_batches(rp, y - 1, before);
	strbuf_init(&svg);
	series[0] = now;
	series[1] = before;
	names[0] = W(rp, "本年", "this year");
	names[1] = W(rp, "上年", "last year");
	chart_lines(&svg, W(rp, "各月受理批次与上年同期", "Cases by month, against last year"),
		    mlabels, 12, series, names, 2);
	render_svg(&rp->r, svg.buf);

	strbuf_reset(&svg);
	for (i = 0; i < 5; i++) {
		cv[i] = fig_values(ch, chans[i], NULL)[FIG_BATCHES];
		labels[i] = channel_words(rp->lang, chans[i]);
	}
	chart_bars(&svg, W(rp, "信访形式构成（批次）", "Cases by channel"), labels, cv, 5);
	render_svg(&rp->r, svg.buf);

	strbuf_reset(&svg);
	for (n = 0; n < ul->ngroups && n < 64; n++) {
		labels[n] = *ul->groups[n].key[0] ? ul->groups[n].key[0] : "-";
		red[n] = ul->groups[n].v[FIG_RED];
		yellow[n] = ul->groups[n].v[FIG_YELLOW];
	}
	series[0] = red;
	series[1] = yellow;
	names[0] = W(rp, "红牌", "red");
	names[1] = W(rp, "黄牌", "yellow");
	chart_stacked(&svg, W(rp, "红黄牌（按责任单位）", "Red and yellow cases by unit"),
		      labels, n, series, names, colors, 2);
	render_svg(&rp->r, svg.buf);
	strbuf_release(&svg);
}

/* The daily bulletin's list: the day's new cases. */
static void
table_new_cases(struct report *rp)
{
	const char *hdr[] = { W(rp, "编号", "case"), W(rp, "信访形式", "channel"),
			      W(rp, "人数", "people"), W(rp, "问题属地", "region"),
			      W(rp, "问题类别", "category"), W(rp, "类型", "kind") };
	struct fig_list ls;
	const char *cells[6];
	int i, rc;

	if (fig_list_open(&ls, &rp->src, FIG_LIST_NEW, &rp->p, rp->end) < 0)
		die_ledger(rp);
	render_table_begin(&rp->r, W(rp, "新登记信访事项", "New cases"), hdr, 6);
	while ((rc = fig_list_next(&ls)) > 0) {
		for (i = 0; i < 6; i++)
			cells[i] = ls.cell[i];
		cells[1] = channel_words(rp->lang, cells[1]);
		cells[5] = kind_words(rp->lang, cells[5]);
		render_table_row(&rp->r, cells);
	}
	if (rc < 0)
		die_ledger(rp);
	render_table_end(&rp->r);
}

/* Pick the visit rows of a channel x level table into a table by level. */
static void
visits_by_level(const struct fig_table *cl, struct fig_table *lv)
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

enum { T_ALL, T_ALLY, T_CL, T_CLY, T_CH, T_CHY, T_LV, T_LVY, T_KD, T_KDY, T_RG, T_RGY,
       T_CA, T_CAY, T_UN, T_UL, NT };

static void
body(struct report *rp)
{
	static const enum dim chlv[] = { DIM_CHANNEL, DIM_LEVEL }, ch[] = { DIM_CHANNEL };
	static const enum dim rg[] = { DIM_REGION }, ca[] = { DIM_CATEGORY };
	static const enum dim un[] = { DIM_UNIT }, ul[] = { DIM_UNIT, DIM_LEADER };
	static const enum dim kd[] = { DIM_KIND };
	struct fig_table t[NT];
	struct bulletin_figs bf = { &t[T_ALL], &t[T_ALLY], &t[T_CL], &t[T_CLY] };
	int i;

	count(rp, &t[T_ALL], &rp->p, NULL, 0, 0);
	count(rp, &t[T_ALLY], &rp->py, NULL, 0, 0);
	count(rp, &t[T_CL], &rp->p, chlv, 2, 1);
	count(rp, &t[T_CLY], &rp->py, chlv, 2, 1);
	count(rp, &t[T_CH], &rp->p, ch, 1, 1);
	count(rp, &t[T_CHY], &rp->py, ch, 1, 1);
	visits_by_level(&t[T_CL], &t[T_LV]);
	visits_by_level(&t[T_CLY], &t[T_LVY]);
	count(rp, &t[T_KD], &rp->p, kd, 1, 1);
	count(rp, &t[T_KDY], &rp->py, kd, 1, 1);
	count(rp, &t[T_RG], &rp->p, rg, 1, 1);
	count(rp, &t[T_RGY], &rp->py, rg, 1, 1);
	count(rp, &t[T_CA], &rp->p, ca, 1, 1);
	count(rp, &t[T_CAY], &rp->py, ca, 1, 1);
	count(rp, &t[T_UN], &rp->p, un, 1, 0);
	count(rp, &t[T_UL], &rp->p, ul, 2, 0);

	render_heading(&rp->r, 1, W(rp, "一、基本情况", "Overview"));
	narrative_write(&rp->r, rp->lang, rp->org, &rp->p, rp->end, &bf);
	if (rp->fmt == R_HTML)
		charts(rp, &t[T_CH], &t[T_UL]);
	render_heading(&rp->r, 1, W(rp, "二、分类统计", "The figures"));
	if (rp->kind == K_DAILY)
		table_new_cases(rp);
	table_dim(rp, W(rp, "按信访形式", "By channel"), W(rp, "信访形式", "channel"),
		  &t[T_CH], &t[T_CHY], 0, channel_words);
	table_dim(rp, W(rp, "来访按层级（进京、赴省、到市、到县）", "Visits by level"),
		  W(rp, "层级", "level"), &t[T_LV], &t[T_LVY], 0, level_words);
	table_dim(rp, W(rp, "初信初访、重复信访与交办件", "First, repeat and referred"),
		  W(rp, "类型", "kind"), &t[T_KD], &t[T_KDY], 0, kind_words);
	table_dim(rp, W(rp, "按问题属地", "By region"), W(rp, "问题属地", "region"),
		  &t[T_RG], &t[T_RGY], 1, NULL);
	table_dim(rp, W(rp, "按问题类别", "By category"), W(rp, "问题类别", "category"),
		  &t[T_CA], &t[T_CAY], 0, NULL);
	render_heading(&rp->r, 1, W(rp, "三、办理质效", "Handling"));
	table_rates(rp, &t[T_UN]);
	table_colours(rp, &t[T_UL]);
	for (i = 0; i < NT; i++)
		fig_table_release(&t[i]);
}

static const char *const kinds[] = { "daily", "monthly", "quarterly", "annual" };

/* The period: --period, or the as-of date's day, month, quarter or year by kind. */
static void
set_period(struct report *rp, const char *period)
{
	char buf[64];
	int y, m, d;

	date_to_ymd(rp->cli.as_of, &y, &m, &d);
	if (!period) {
		switch (rp->kind) {
		case K_DAILY: snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d); break;
		case K_MONTHLY: snprintf(buf, sizeof(buf), "%04d-%02d", y, m); break;
		case K_QUARTERLY: snprintf(buf, sizeof(buf), "%04d-Q%d", y, (m - 1) / 3 + 1); break;
		case K_ANNUAL: snprintf(buf, sizeof(buf), "%04d", y); break;
		}
		period = buf;
	}
	if (period_parse(period, &rp->p) < 0) {
		msg_warn("bad period '%s'", period);
		usage();
	}
	rp->py = period_yoy(&rp->p);
	rp->end = rp->p.to < rp->cli.as_of ? rp->p.to : rp->cli.as_of;
}

/* One option; period and format are kept for later. */
static void
option(struct report *rp, int c, const char **period, const char **format)
{
	size_t k;

	switch (c) {
	case OPT_KIND:
		for (k = 0; k < 4 && strcmp(optarg, kinds[k]); k++)
			;
		if (k == 4) {
			msg_warn("unknown kind '%s' (daily, monthly, quarterly, annual)", optarg);
			usage();
		}
		rp->kind = (enum kind)k;
		break;
	case OPT_PERIOD:
		*period = optarg;
		break;
	case OPT_LANG:
		if (strcmp(optarg, "zh") && strcmp(optarg, "en")) {
			msg_warn("unknown language '%s' (zh, en)", optarg);
			usage();
		}
		rp->lang = !strcmp(optarg, "en") ? LANG_EN : LANG_ZH;
		break;
	case OPT_FORMAT:
		*format = optarg;
		break;
	case OPT_ORG:
		rp->org = optarg;
		break;
	default:
		if (c == 't' || c == 'E' || c == OPT_BOM || c == OPT_EXCEL)
			usage();
		cli_xoption(&rp->cli, c, optarg, "pt-report", help, usage);
	}
}

static void
parse_options(struct report *rp, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_LONGOPTS,
		{ "kind", required_argument, NULL, OPT_KIND },
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "org", required_argument, NULL, OPT_ORG },
		{ NULL, 0, NULL, 0 }
	};
	const char *period = NULL, *format = "text";
	int c;

	memset(rp, 0, sizeof(*rp));
	cli_init(&rp->cli);
	fig_src_init(&rp->src);
	rp->kind = K_MONTHLY;
	/* --format here names text, md or html: take it before the shared options */
	while ((c = getopt_long(argc, argv, "d:qh", longopts, NULL)) != -1)
		option(rp, c, &period, &format);
	if (optind != argc)
		usage();
	if (render_fmt_parse(format, &rp->fmt) < 0) {
		msg_warn("unknown format '%s' (text, md, html)", format);
		usage();
	}
	if (!rp->org)
		rp->org = W(rp, "全市", "the city");
	set_period(rp, period);
}

/* The bulletin's title: 全市信访工作月报（2026年9月）, Petition work monthly bulletin, ... */
static void
title_words(const struct report *rp, struct strbuf *title)
{
	static const char *const kinds_zh[] = { "日报", "月报", "季度分析", "年度总结" };
	static const char *const kinds_en[] = { "daily bulletin", "monthly bulletin",
						"quarterly analysis", "annual summary" };

	if (ZH(rp)) {
		strbuf_addf(title, "%s信访工作%s（", rp->org, kinds_zh[rp->kind]);
		period_words(title, rp->lang, &rp->p);
		strbuf_adds(title, "）");
	} else {
		strbuf_addf(title, "Petition work %s, ", kinds_en[rp->kind]);
		period_words(title, rp->lang, &rp->p);
		strbuf_addf(title, " (%s)", rp->org);
	}
}

int
main(int argc, char **argv)
{
	struct report rp;
	struct strbuf title;

	msg_init(argv[0]);
	parse_options(&rp, argc, argv);
	signal(SIGPIPE, SIG_IGN);
	reading = &rp.src;
	atexit(close_reading);
	/* one read transaction: every figure from one state of the ledger */
	fig_src_add(&rp.src, ledger_path(rp.cli.db));
	if (fig_src_open(&rp.src, 0) < 0)
		die_ledger(&rp);
	strbuf_init(&title);
	title_words(&rp, &title);
	render_begin(&rp.r, stdout, rp.fmt, title.buf, ZH(&rp) ? "zh-CN" : "en");
	body(&rp);
	render_end(&rp.r);
	strbuf_release(&title);
	if (fig_src_end(&rp.src) < 0)
		die_ledger(&rp);
	close_reading();
	if (fflush(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	if (fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return 0;
}
