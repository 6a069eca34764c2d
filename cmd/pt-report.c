/* pt-report: daily, weekly, monthly, quarterly and annual bulletins from the ledger. */
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

static const char usage_text[] = N_(
"usage: pt-report [-q] [-d ledger] [--kind daily|weekly|monthly|quarterly|annual]\n"
"                 [--period period] [--from date --to date] [--lang zh|en]\n"
"                 [--format text|md|html] [--org name] [--org-level level]\n"
"                 [--org-above name] [--weights a,b,c] [--mark text]\n"
"                 [--as-of date] [--region r] [--unit u] [--category c] [--tag t]\n");

enum { OPT_KIND = OPT_TOOL_BASE, OPT_PERIOD, OPT_FROM, OPT_TO, OPT_LANG, OPT_RFORMAT, OPT_ORG,
       OPT_ORG_LEVEL, OPT_ORG_ABOVE, OPT_WEIGHTS, OPT_MARK,
       OPT_REGION, OPT_UNIT, OPT_CATEGORY, OPT_TAG };	/* the filters: as enum fig_filter_col */

#define ZH(rp) ((rp)->lang == LANG_ZH)
#define W(rp, zh, en) (ZH(rp) ? (zh) : (en))	/* the words in the report's language */

struct report {
	struct cli cli;
	enum lang lang;
	enum rfmt fmt;
	const char *from, *to;	/* --from and --to, when given */
	const char *mark;	/* --mark: 内部资料, on every page of the HTML */
	int kind_given;		/* --kind, else the kind follows --period */
	struct bulletin_spec spec;
	struct fig_src src;	/* the ledger */
	struct fig_filter filter;	/* --region, --unit, --category, --tag */
	struct render r;
};

static const char help_text[] = N_(
	"\nWrite the bulletin of a period: the narrative a bureau writes (totals in\n"
	"批次 and 人次 with 同比, channels, first/repeat/referred, joint letters,\n"
	"visits by level, the rates), then the tables, and in HTML the charts.\n"
	"A period with nothing in it is one sentence.\n\n"
	"  -d, --db FILE          the ledger (default $PT_DB, else ./ledger.db)\n"
	"      --kind KIND        daily, weekly, monthly, quarterly or annual (default:\n"
	"                         as --period is a day, week, quarter, year or half;\n"
	"                         else monthly)\n"
	"      --period P         2026-11, 2026-W48, 2026-Q3, 2026-H1, 2026, a day ...\n"
	"                         (default: the period of --kind just ended: the\n"
	"                         month, ISO week, quarter or year before the as-of\n"
	"                         date's; daily, the as-of day)\n"
	"      --from DATE        with --to: any range of days (inclusive)\n"
	"      --lang LANG        zh (default) or en\n"
	"      --format FMT       text (default), md or html (one self-contained file)\n"
	"      --org NAME         who reports: 全市, 包头市信访局, 舞钢市 ...\n"
	"      --org-level LEVEL  county, city (default) or province: visits at this\n"
	"                         level are 来市/来县/来省上访 with 个访 and 集访\n"
	"      --org-above NAME   the level above by name (到平顶山市上访; default\n"
	"                         到市, 赴省)\n"
	"      --weights A,B,C    the weights of timely acceptance, on time and\n"
	"                         satisfaction in the ranking (default 1,1,1)\n"
	"      --mark TEXT        in HTML, a mark such as 内部资料 on every page\n"
	"      --as-of DATE       today\n"
	"      --region R, --unit U, --category C, --tag T\n"
	"                         only the cases of R (U, C, tagged T); repeat: any\n"
	"  -q, --quiet            nothing on stderr but errors\n"
	"  -h, --help             this text; --version the version\n");

CLI_USAGE_HELP(usage_text, help_text)

static void
die_ledger(struct report *rp)
{
	cli_die_fig_src(&rp->src);
}

/* The period: --period, --from and --to, or the one of --kind just ended. */
static void
set_period(struct report *rp, const char *period)
{
	char buf[128];

	if ((rp->from != NULL) != (rp->to != NULL)) {
		msg_warn("--from and --to go together");
		usage();
	}
	if (rp->from && period) {
		msg_warn("--period, or --from and --to, not both");
		usage();
	}
	if (rp->from) {
		if (period_from_to(rp->from, rp->to, &rp->spec.p, buf, sizeof(buf)) < 0) {
			msg_warn("%s", buf);
			usage();
		}
		rp->spec.range = 1;	/* captioned by its dates, one day or many */
	} else if (!period) {
		bulletin_default_period(rp->spec.kind, rp->cli.as_of, &rp->spec.p);
	} else if (period_parse(period, &rp->spec.p) < 0) {
		msg_warn("bad period '%s'", period);
		usage();
	} else if (!rp->kind_given) {	/* --period 2026 is the annual summary */
		rp->spec.kind = bulletin_kind_of(&rp->spec.p);
	}
}

/* The index of optarg among words (n of them), or -1. */
static int
word_index(const char *const *words, int n)
{
	int k = n - 1;

	while (k >= 0 && strcmp(optarg, words[k]))
		k--;
	return k;
}

/* One option; period and format are kept for later. */
static void
option(struct report *rp, int c, const char **period, const char **format)
{
	static const char *const langs[] = { "zh", "en" };
	static const char *const levels[] = { "county", "city", "province" };
	int k;

	switch (c) {
	case OPT_KIND:
		if ((k = bulletin_kind_parse(optarg)) < 0) {
			msg_warn("unknown kind '%s' (daily, weekly, monthly, quarterly, annual)",
				 optarg);
			usage();
		}
		rp->spec.kind = (enum bulletin_kind)k;
		rp->kind_given = 1;
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
		if ((k = word_index(langs, 2)) < 0) {
			msg_warn("unknown language '%s' (zh, en)", optarg);
			usage();
		}
		rp->lang = k ? LANG_EN : LANG_ZH;
		break;
	case OPT_FORMAT:
		*format = optarg;
		break;
	case OPT_ORG:
		rp->spec.who.org = optarg;
		break;
	case OPT_ORG_LEVEL:
		if ((k = word_index(levels, 3)) < 0) {
			msg_warn("unknown level '%s' (county, city, province)", optarg);
			usage();
		}
		rp->spec.who.level = (enum org_level)k;
		break;
	case OPT_ORG_ABOVE:
		rp->spec.who.above = optarg;
		break;
	case OPT_MARK:
		rp->mark = optarg;
		break;
	case OPT_WEIGHTS:
		if (bulletin_weights_parse(optarg, rp->spec.weights) < 0) {
			msg_warn("bad --weights '%s' (three numbers 0 to 1000, as 1,1,1)", optarg);
			usage();
		}
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

/* Before the options: the defaults. */
static void
defaults(struct report *rp)
{
	memset(rp, 0, sizeof(*rp));
	cli_init(&rp->cli);
	fig_src_init(&rp->src);
	rp->spec.kind = BK_MONTHLY;
	rp->spec.who.level = ORG_CITY;
	rp->spec.weights[0] = rp->spec.weights[1] = rp->spec.weights[2] = 1;
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
		{ "org-level", required_argument, NULL, OPT_ORG_LEVEL },
		{ "org-above", required_argument, NULL, OPT_ORG_ABOVE },
		{ "weights", required_argument, NULL, OPT_WEIGHTS },
		{ "mark", required_argument, NULL, OPT_MARK },
		FIG_FILTER_LONGOPTS(OPT_REGION),
		{ NULL, 0, NULL, 0 }
	};
	static const char *const all_zh[] = { "全县", "全市", "全省" };
	static const char *const all_en[] = { "the county", "the city", "the province" };
	const char *period = NULL, *format = "text";
	int c;

	defaults(rp);
	/* --format here names text, md or html: take it before the shared options */
	while ((c = getopt_long(argc, argv, "d:qh", longopts, NULL)) != -1)
		option(rp, c, &period, &format);
	if (optind != argc)
		usage();
	if (render_fmt_parse(format, &rp->fmt) < 0) {
		msg_warn("unknown format '%s' (text, md, html)", format);
		usage();
	}
	if (!rp->spec.who.org)
		rp->spec.who.org = W(rp, all_zh, all_en)[rp->spec.who.level];
	set_period(rp, period);
	rp->spec.as_of = rp->cli.as_of;
	rp->spec.base.warn_days = DL_WARN_DAYS;
	rp->spec.base.resolution_tag = "积案";
	rp->spec.base.as_of = rp->cli.as_of;
	rp->spec.base.filter = rp->filter;	/* every count, and (src.filter) the lists and the chart */
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
	bulletin_title(&title, rp.lang, &rp.spec);
	render_begin(&rp.r, stdout, rp.fmt, title.buf, ZH(&rp) ? "zh-CN" : "en");
	strbuf_reset(&title);	/* now the date of issue, under the office */
	day_words(&title, rp.lang, rp.cli.as_of);
	render_set_meta(&rp.r, rp.spec.who.org, title.buf, rp.mark);
	if (bulletin_write(&rp.r, rp.lang, &rp.src, &rp.spec) < 0)
		die_ledger(&rp);
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
