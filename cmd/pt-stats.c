/* pt-stats: count and rate cases over a period, grouped, with 同比 and 环比. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "figout.h"
#include "figsrc.h"
#include "ledger.h"
#include "msg.h"
#include "statute.h"
#include "util.h"
#include "banned.h"

static const char usage_text[] = N_(
"usage: pt-stats [-qt] [-d ledger ...] [-E encoding] [--period period]\n"
"                [--from date --to date] [--by list] [--total]\n"
"                [--compare yoy|prev] [--warn-days n] [--resolution-tag tag]\n"
"                [--region r] [--unit u] [--category c] [--tag t] [--disputes]\n"
"                [--format csv|tsv|jsonl|xlsx] [--bom] [--excel] [--as-of date]\n"
"                [file ...]\n");

enum { OPT_PERIOD = OPT_TOOL_BASE, OPT_FROM, OPT_TO, OPT_BY_DIMS, OPT_TOTAL,
       OPT_COMPARE, OPT_WARN, OPT_RESTAG, OPT_DISPUTES,
       OPT_REGION, OPT_UNIT, OPT_CATEGORY, OPT_TAG };	/* the filters: as enum fig_filter_col */

enum compare { CMP_NONE, CMP_YOY, CMP_PREV };

struct stats {
	struct cli cli;
	struct fig_src src;
	struct period period;
	int have_period;
	struct fig_opts opts;
	int total;
	enum compare compare;
	long rows_skipped;
};

static const char help_text[] = N_(
	"\nThe figures of a period (batches 批次, persons 人次, first/repeat/referred,\n"
	"collective visits, joint letters, the three rates, red and yellow cases,\n"
	"frequent petitioners), one row, or one per group with --by.  Reads the\n"
	"ledger(s), or a case stream when files are named (\"-\" for stdin).\n\n"
	"  -d, --db FILE          a ledger; repeat to add ledgers (shared cases once)\n"
	"  -E, --encoding ENC     case stream encoding (default UTF-8)\n"
	"      --period P         2026-09, 2026-Q3, 2026-H1, 2026, 2026-01..2026-09\n"
	"      --from DATE        with --to: any range of days (inclusive)\n"
	"      --to DATE\n"
	"      --by LIST          group by channel,level,region,category,unit,\n"
	"                         leader,kind,month,week,tag,referred_by,source,\n"
	"                         law_related,procedure,stage,receiver,ledger\n"
	"      --total            add a row whose group values are total\n"
	"      --compare WHAT     yoy (同比, a year before) or prev (环比)\n"
	"      --warn-days N      yellow: due within N days (default "
	    STATUTE_STR(DL_WARN_DAYS) ")\n"
	"      --resolution-tag T 化解率 over cases tagged T (default 积案)\n"
	"      --region R, --unit U, --category C, --tag T\n"
	"                         only the cases of R (U, C, tagged T); repeat: any\n"
	"      --disputes         the disputes found by screening (矛盾纠纷): found,\n"
	"                         resolved, resolution_rate\n"
	"  -t, --tsv              print TSV (same as --format tsv)\n"
	"      --format FMT       csv (default), tsv, jsonl or xlsx (Excel)\n"
	"      --bom              start the output with a UTF-8 BOM (Excel)\n"
	"      --excel            neutralise cells starting with = + - @\n"
	"      --as-of DATE       today (default period: its month)\n"
	"  -q, --quiet            no warnings about skipped stream rows\n"
	"  -h, --help             this text; --version the version\n");

CLI_USAGE_HELP(usage_text, help_text)

/* Count the ledgers into every target, each case once. */
static void
count_ledgers(struct stats *s, const struct fig_target *tg, size_t n)
{
	size_t i;

	fig_src_dedup(&s->src);
	for (i = 0; i < s->src.n; i++)
		if (s->src.dup[i])
			msg_warn("%s: named twice; counted once", s->src.path[i]);
	if (fig_src_seen(&s->src) < 0 || fig_src_count_all(&s->src, tg, n) < 0)
		cli_die_fig_src(&s->src);
	fig_src_close(&s->src);
}

/* Read one case stream, once, into every target. */
static void
count_stream(struct stats *s, const struct fig_target *tg, size_t n, const char *path)
{
	struct fig_stream in;
	int rc;

	if (fig_stream_open(&in, path, s->cli.encoding, tg, n, s->have_period) < 0)
		msg_die(in.code, "%s", in.err);
	while ((rc = fig_stream_next(&in)) > 0) {
		if (rc != 2)
			continue;
		s->rows_skipped++;
		if (!in.quiet_skip || !s->cli.quiet)
			msg_warn("%s", in.err);
	}
	if (rc < 0)
		msg_die(in.code, "%s", in.err);
	fig_stream_close(&in);
}

static void
print(struct stats *s, struct fig_table *t, struct fig_table *before, const char *label)
{
	const char *names[FIG_OUT_MAXCOLS];
	struct strbuf hdr;
	struct out out;
	size_t n, i;

	strbuf_init(&hdr);
	n = fig_out_header(t, before != NULL, names, &hdr);
	out_init(&out, stdout, s->cli.fmt, s->cli.out_flags, names, n);
	for (i = 1; i < 1 + t->opts.nby && i < n; i++)
		out_text(&out, i);	/* a group's value is a string, "total" too */
	for (i = 1 + t->opts.nby; i < n; i++)
		out_numeric(&out, i);
	out_header(&out);
	for (i = 0; i < t->ngroups; i++)
		fig_out_row(&out, t, before, &t->groups[i], label);
	if (out_finish(&out) < 0)
		msg_die(EX_IOERR, "write error:");
	strbuf_release(&hdr);
}

/* --by LIST into s->opts.by. */
static void
parse_by(struct stats *s, const char *arg)
{
	char *list = xstrdup(arg), *tok, *save = NULL;
	int dim;

	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if ((dim = dim_parse(tok)) < 0) {
			msg_warn("cannot group by '%s'", tok);
			usage();
		}
		if (s->opts.nby == NDIMS)
			usage();
		s->opts.by[s->opts.nby++] = dim;
	}
	free(list);
}

/* One option of pt-stats' own (or a shared one); from and to are kept for later. */
static void
option(struct stats *s, int c, const char **from, const char **to)
{
	long v;

	switch (c) {
	case 'd':
		if (fig_src_add(&s->src, optarg) < 0)
			msg_die(EX_USAGE, "at most %d ledgers", FIG_MAX_LEDGERS);
		break;
	case OPT_PERIOD:
		if (period_parse(optarg, &s->period) < 0) {
			msg_warn("bad period '%s'", optarg);
			usage();
		}
		s->have_period = 1;
		break;
	case OPT_FROM: *from = optarg; break;
	case OPT_TO: *to = optarg; break;
	case OPT_BY_DIMS: parse_by(s, optarg); break;
	case OPT_TOTAL: s->total = 1; break;
	case OPT_COMPARE:
		if (!strcmp(optarg, "yoy"))
			s->compare = CMP_YOY;
		else if (!strcmp(optarg, "prev"))
			s->compare = CMP_PREV;
		else {
			msg_warn("--compare takes yoy or prev, not '%s'", optarg);
			usage();
		}
		break;
	case OPT_WARN:
		if (parse_long(optarg, 0, 365, &v) < 0) {
			msg_warn("bad --warn-days '%s'", optarg);
			usage();
		}
		s->opts.warn_days = (int)v;
		break;
	case OPT_RESTAG: s->opts.resolution_tag = optarg; break;
	case OPT_REGION: case OPT_UNIT: case OPT_CATEGORY: case OPT_TAG:
		if (fig_filter_add(&s->opts.filter, (enum fig_filter_col)(c - OPT_REGION), optarg) < 0)
			msg_die(EX_USAGE, "at most %d values of a filter", FIG_FILTER_MAX);
		break;
	case OPT_DISPUTES: s->opts.disputes = 1; break;
	default: cli_xoption(&s->cli, c, optarg, "pt-stats", help, usage);
	}
}

/* The period: --period, --from and --to, or the as-of date's month. */
static void
set_period(struct stats *s, const char *from, const char *to)
{
	char err[128], label[16];
	int y, m, d;

	if ((from != NULL) != (to != NULL)) {
		msg_warn("--from and --to go together");
		usage();
	}
	if (from) {
		if (s->have_period) {
			msg_warn("--period, or --from and --to, not both");
			usage();
		}
		if (period_from_to(from, to, &s->period, err, sizeof(err)) < 0) {
			msg_warn("%s", err);
			usage();
		}
		s->have_period = 1;
	}
	if (!s->have_period) {
		date_to_ymd(s->cli.as_of, &y, &m, &d);
		snprintf(label, sizeof(label), "%04d-%02d", y, m);
		period_parse(label, &s->period);
	}
}

/* Options into s; returns the index of the first file argument. */
static int
parse_options(struct stats *s, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_LONGOPTS,
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "by", required_argument, NULL, OPT_BY_DIMS },
		{ "total", no_argument, NULL, OPT_TOTAL },
		{ "compare", required_argument, NULL, OPT_COMPARE },
		{ "warn-days", required_argument, NULL, OPT_WARN },
		{ "resolution-tag", required_argument, NULL, OPT_RESTAG },
		FIG_FILTER_LONGOPTS(OPT_REGION),
		{ "disputes", no_argument, NULL, OPT_DISPUTES },
		{ NULL, 0, NULL, 0 }
	};
	const char *from = NULL, *to = NULL;
	int c;

	memset(s, 0, sizeof(*s));
	cli_init(&s->cli);
	fig_src_init(&s->src);
	s->opts.warn_days = DL_WARN_DAYS;
	s->opts.resolution_tag = "积案";
	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) != -1)
		option(s, c, &from, &to);
	set_period(s, from, to);
	if (argc > optind && s->src.n > 0) {
		msg_warn("a case stream or ledgers, not both");
		usage();
	}
	if (argc > optind && s->opts.disputes) {
		msg_warn("--disputes counts a ledger's disputes, not a case stream");
		usage();
	}
	if (s->src.n == 0)
		fig_src_add(&s->src, ledger_path(NULL));
	s->opts.as_of = s->cli.as_of;
	return optind;
}

/* The four tables a run may count: the period, the earlier one, and their totals. */
enum { T_NOW, T_BEFORE, T_TOTAL, T_TOTAL_BEFORE, NTABLES };

/* Count the ledgers or the streams (files) into t. */
static void
compute(struct stats *s, struct fig_table *t, struct period *before, char **files,
	int nfiles)
{
	struct fig_opts flat = s->opts;
	struct fig_target tg[NTABLES];
	size_t n = 0, k;
	int i;

	flat.nby = 0;
	*before = s->compare == CMP_YOY ? period_yoy(&s->period) : period_prev(&s->period);
	fig_table_init(&t[T_NOW], &s->opts);
	fig_table_init(&t[T_BEFORE], &s->opts);
	fig_table_init(&t[T_TOTAL], &flat);
	fig_table_init(&t[T_TOTAL_BEFORE], &flat);
	tg[n++] = (struct fig_target){ &t[T_NOW], &s->period };
	if (s->compare)
		tg[n++] = (struct fig_target){ &t[T_BEFORE], before };
	if (s->total && s->opts.nby) {
		tg[n++] = (struct fig_target){ &t[T_TOTAL], &s->period };
		if (s->compare)
			tg[n++] = (struct fig_target){ &t[T_TOTAL_BEFORE], before };
	}
	for (k = 0; k < n; k++)
		if (nfiles > 0 && !s->have_period)
			tg[k].p = NULL;	/* a stream counted whole */
	if (nfiles == 0)
		count_ledgers(s, tg, n);
	for (i = 0; i < nfiles; i++)
		count_stream(s, tg, n, files[i]);
}

/* Line the tables up for printing: groups of either period, sorted, with totals. */
static void
arrange(struct stats *s, struct fig_table *t, const struct period *before)
{
	if (s->compare) {
		/* line the earlier months and weeks up with this period's */
		fig_shift_time(&t[T_BEFORE], &s->period, before);
		fig_table_union(&t[T_NOW], &t[T_BEFORE]);
	}
	if (s->opts.nby == 0) {
		/* one row for the period, even with no cases */
		fig_group_get(&t[T_NOW], NULL);
		if (s->compare)
			fig_group_get(&t[T_BEFORE], NULL);
	}
	fig_table_sort(&t[T_NOW]);
	if (s->total && s->opts.nby) {
		fig_table_add_total(&t[T_NOW], &t[T_TOTAL]);
		if (s->compare)
			fig_table_add_total(&t[T_BEFORE], &t[T_TOTAL_BEFORE]);
	}
}

int
main(int argc, char **argv)
{
	struct stats s;
	struct fig_table t[NTABLES];
	struct period before;
	char label[64];
	int first, i;

	msg_init(argv[0]);
	first = parse_options(&s, argc, argv);
	signal(SIGPIPE, SIG_IGN);
	cli_fig_src_at_exit(&s.src);	/* closed on any exit */
	compute(&s, t, &before, argv + first, argc - first);
	arrange(&s, t, &before);
	if (argc > first && !s.have_period)
		snprintf(label, sizeof(label), "all");	/* a stream counted whole */
	else
		period_format(&s.period, label, sizeof(label));
	print(&s, &t[T_NOW], s.compare ? &t[T_BEFORE] : NULL, label);
	for (i = 0; i < NTABLES; i++)
		fig_table_release(&t[i]);
	if (fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return s.rows_skipped ? EX_DATAERR : 0;
}
