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
#include "bulletin.h"
#include "render.h"
#include "statute.h"
#include "util.h"
#include "banned.h"

static const char usage_text[] =
"usage: pt-report [-q] [-d ledger] [--kind daily|monthly|quarterly|annual]\n"
"                 [--period period] [--from date --to date] [--lang zh|en]\n"
"                 [--format text|md|html] [--org name] [--as-of date]\n"
"                 [--region r] [--unit u] [--category c] [--tag t]\n";

enum { OPT_KIND = OPT_TOOL_BASE, OPT_PERIOD, OPT_FROM, OPT_TO, OPT_LANG, OPT_RFORMAT, OPT_ORG,
       OPT_REGION, OPT_UNIT, OPT_CATEGORY, OPT_TAG };	/* the filters: as enum fig_filter_col */
enum kind { K_DAILY, K_MONTHLY, K_QUARTERLY, K_ANNUAL };

#define ZH(rp) ((rp)->lang == LANG_ZH)
#define W(rp, zh, en) (ZH(rp) ? (zh) : (en))	/* the words in the report's language */

struct report {
	struct cli cli;
	enum kind kind;
	enum lang lang;
	enum rfmt fmt;
	const char *org;
	const char *from, *to;	/* --from and --to, when given */
	struct period p, py;
	int end;		/* the period's end, or the as-of date if earlier */
	struct fig_src src;	/* the ledger */
	struct fig_filter filter;	/* --region, --unit, --category, --tag */
	struct render r;
};

static const char help_text[] =
	"\nWrite the bulletin of a period: the narrative a bureau writes (totals in\n"
	"批次 and 人次 with 同比, channels, first/repeat/referred, joint letters,\n"
	"visits by level, the rates), then the tables, and in HTML the charts.\n\n"
	"  -d, --db FILE          the ledger (default $PT_DB, else ./ledger.db)\n"
	"      --kind KIND        daily, monthly (default), quarterly or annual\n"
	"      --period P         the period (default: the as-of date's day, month,\n"
	"                         quarter or year, by --kind)\n"
	"      --from DATE        with --to: any range of days (inclusive)\n"
	"      --lang LANG        zh (default) or en\n"
	"      --format FMT       text (default), md or html (one self-contained file)\n"
	"      --org NAME         who reports: 全市, 包头市信访局 ...\n"
	"      --as-of DATE       today\n"
	"      --region R, --unit U, --category C, --tag T\n"
	"                         only the cases of R (U, C, tagged T); repeat: any\n"
	"  -q, --quiet            nothing on stderr but errors\n"
	"  -h, --help             this text; --version the version\n";

CLI_USAGE_HELP(usage_text, help_text)

static void
die_ledger(struct report *rp)
{
	cli_die_fig_src(&rp->src);
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
	o.filter = rp->filter;
	fig_table_init(t, &o);
	if (fig_src_count(&rp->src, t, p) < 0)
		die_ledger(rp);
	fig_table_sort(t);
}

/* The batches of each month of year y, for the chart. */
static void
month_batches(struct report *rp, int y, long out[12])
{
	if (fig_src_month_batches(&rp->src, y, out) < 0)
		die_ledger(rp);
}

/* The cases red today, most overdue first (the list is of today's). */
static void
red_list(struct report *rp)
{
	const char *lh[] = { W(rp, "编号", "case"), W(rp, "责任单位", "unit"),
			     W(rp, "包案领导", "lead official"), W(rp, "期限", "due"),
			     W(rp, "超期天数", "days overdue"), W(rp, "问题类别", "category") };
	struct fig_list ls;
	int rc;

	if (rp->end != rp->cli.as_of)
		return;
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

/* HTML charts: the months against the year before, the channels, colours by unit. */
static void
charts(struct report *rp, const struct bulletin *b, const struct fig_table *ch,
       const struct fig_table *ul)
{
	long now[12], before[12];
	int y, m, d;

	date_to_ymd(rp->p.to, &y, &m, &d);
	month_batches(rp, y, now);
	month_batches(rp, y - 1, before);
	bulletin_charts(b, ch, ul, now, before);
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
	const struct bulletin b = { &rp->r, rp->lang };
	struct bulletin_figs bf = { &t[T_ALL], &t[T_ALLY], &t[T_CL], &t[T_CLY] };
	int i;

	count(rp, &t[T_ALL], &rp->p, NULL, 0, 0);
	count(rp, &t[T_ALLY], &rp->py, NULL, 0, 0);
	count(rp, &t[T_CL], &rp->p, chlv, 2, 1);
	count(rp, &t[T_CLY], &rp->py, chlv, 2, 1);
	count(rp, &t[T_CH], &rp->p, ch, 1, 1);
	count(rp, &t[T_CHY], &rp->py, ch, 1, 1);
	fig_visits_by_level(&t[T_CL], &t[T_LV]);
	fig_visits_by_level(&t[T_CLY], &t[T_LVY]);
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
		charts(rp, &b, &t[T_CH], &t[T_UL]);
	render_heading(&rp->r, 1, W(rp, "二、分类统计", "The figures"));
	if (rp->kind == K_DAILY)
		table_new_cases(rp);
	bulletin_table_dim(&b, W(rp, "按信访形式", "By channel"), W(rp, "信访形式", "channel"),
		  &t[T_CH], &t[T_CHY], 0, channel_words);
	bulletin_table_dim(&b, W(rp, "来访按层级（进京、赴省、到市、到县）", "Visits by level"),
		  W(rp, "层级", "level"), &t[T_LV], &t[T_LVY], 0, level_words);
	bulletin_table_dim(&b, W(rp, "初信初访、重复信访与交办件", "First, repeat and referred"),
		  W(rp, "类型", "kind"), &t[T_KD], &t[T_KDY], 0, kind_words);
	bulletin_table_dim(&b, W(rp, "按问题属地", "By region"), W(rp, "问题属地", "region"),
		  &t[T_RG], &t[T_RGY], 1, NULL);
	bulletin_table_dim(&b, W(rp, "按问题类别", "By category"), W(rp, "问题类别", "category"),
		  &t[T_CA], &t[T_CAY], 0, NULL);
	render_heading(&rp->r, 1, W(rp, "三、办理质效", "Handling"));
	bulletin_rates(&b, &t[T_UN]);
	bulletin_colours(&b, &t[T_UL]);
	red_list(rp);
	for (i = 0; i < NT; i++)
		fig_table_release(&t[i]);
}

static const char *const kinds[] = { "daily", "monthly", "quarterly", "annual" };

/* The period: --period, or the as-of date's day, month, quarter or year by kind. */
static void
set_period(struct report *rp, const char *period)
{
	char buf[128];
	int y, m, d;

	date_to_ymd(rp->cli.as_of, &y, &m, &d);
	if ((rp->from != NULL) != (rp->to != NULL)) {
		msg_warn("--from and --to go together");
		usage();
	}
	if (rp->from && period) {
		msg_warn("--period, or --from and --to, not both");
		usage();
	}
	if (rp->from) {
		if (period_from_to(rp->from, rp->to, &rp->p, buf, sizeof(buf)) < 0) {
			msg_warn("%s", buf);
			usage();
		}
	} else if (!period) {
		switch (rp->kind) {
		case K_DAILY: snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d); break;
		case K_MONTHLY: snprintf(buf, sizeof(buf), "%04d-%02d", y, m); break;
		case K_QUARTERLY: snprintf(buf, sizeof(buf), "%04d-Q%d", y, (m - 1) / 3 + 1); break;
		case K_ANNUAL: snprintf(buf, sizeof(buf), "%04d", y); break;
		}
		period = buf;
	}
	if (!rp->from && period_parse(period, &rp->p) < 0) {
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
	case OPT_FROM:
		rp->from = optarg;
		break;
	case OPT_TO:
		rp->to = optarg;
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
	case OPT_REGION: case OPT_UNIT: case OPT_CATEGORY: case OPT_TAG:
		if (fig_filter_add(&rp->filter, (enum fig_filter_col)(c - OPT_REGION), optarg) < 0)
			msg_die(EX_USAGE, "at most %d values of a filter", FIG_FILTER_MAX);
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
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "org", required_argument, NULL, OPT_ORG },
		FIG_FILTER_LONGOPTS(OPT_REGION),
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
	cli_fig_src_at_exit(&rp.src);	/* closed on any exit */
	/* one read transaction: every figure from one state of the ledger */
	fig_src_add(&rp.src, ledger_path(rp.cli.db));
	rp.src.filter = &rp.filter;	/* the lists and the chart too */
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
	cli_fig_src_close();
	if (fflush(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	if (fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return 0;
}
