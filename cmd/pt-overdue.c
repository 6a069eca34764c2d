/* pt-overdue: four-colour supervision (四色督办) of deadlines, for cron and people. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "idcard.h"
#include "ledger.h"
#include "msg.h"
#include "overdue.h"
#include "statute.h"
#include "util.h"
#include "banned.h"

static const char usage_text[] = N_(
"usage: pt-overdue [-qt] [-d ledger] [--all] [--color list] [--warn-days n]\n"
"                  [--unit name] [--leader name] [--region name] [--summary]\n"
"                  [--format csv|tsv|jsonl|xlsx] [--bom] [--excel] [--unmask]\n"
"                  [--as-of date] [--disputes]\n");

enum { OPT_ALL = OPT_TOOL_BASE, OPT_COLOR, OPT_WARN, OPT_UNIT, OPT_LEADER,
       OPT_REGION, OPT_SUMMARY, OPT_DISPUTES };

static const char *const out_cols[] = {
	"case_id", "color", "stage", "due", "days_left", "unit", "leader", "region",
	"category", "received", "channel", "name", "phone", "kind", "procedure",
	"uncovered",
};
#define NOUT (sizeof(out_cols) / sizeof(out_cols[0]))

struct overdue {
	struct cli cli;
	struct od_query q;
	int summary;
	struct ledger l;
	struct out out;
	long count[OD_NCOLORS];	/* listed, by colour */
	struct od_summary sum;	/* --summary: counts per unit */
};

static const char help_text[] = N_(
	"\nList cases by the colour of the deadline of the stage they are in, as\n"
	"of a date: red past due, yellow due within --warn-days, blue open, green\n"
	"concluded.  By default the red and yellow petitions, most overdue first.\n"
	"Column uncovered: the year a working-day deadline was counted over that\n"
	"the ledger's calendar does not cover (no holidays but the fixed-date ones).\n"
	"Exits 1 when any case the filters select is red, so `pt-overdue || notify`\n"
	"works.\n\n"
	"  -d, --db FILE          the ledger (default $PT_DB, else ./ledger.db)\n"
	"      --all              every colour (red, yellow, blue, green)\n"
	"      --color LIST       the colours to list, e.g. red or red,yellow\n"
	"      --warn-days N      yellow when due within N days (default "
	    STATUTE_STR(DL_WARN_DAYS) ")\n"
	"      --unit NAME        only this unit's cases\n"
	"      --leader NAME      only this lead official's cases\n"
	"      --region NAME      only cases of this region\n"
	"      --summary          counts by unit and colour instead of cases\n"
	"      --disputes         the disputes (矛盾纠纷) instead of the petitions\n"
	"  -t, --tsv              print TSV (same as --format tsv)\n"
	"      --format FMT       csv (default), tsv, jsonl or xlsx (Excel)\n"
	"      --bom              start the output with a UTF-8 BOM (Excel)\n"
	"      --excel            neutralise cells starting with = + - @\n"
	"      --unmask           print phones in full\n"
	"      --as-of DATE       the day the colours are for (default today)\n"
	"  -q, --quiet            no summary line on stderr\n"
	"  -h, --help             this text; --version the version\n");

CLI_USAGE_HELP(usage_text, help_text)

/* print_case: one case as a row of the case stream. */
static void
print_case(struct overdue *o, const struct od_case *c)
{
	const char *cells[NOUT] = {
		NULL, od_color_name(c->color), c->stage, c->due, NULL, c->unit,
		c->leader, c->region, c->category, c->received, c->channel,
		c->name, c->phone, c->kind, c->procedure, NULL,
	};
	char cid[24], left[24], phm[64], year[16];

	cells[0] = case_id_format(c->id, cid);
	if (c->has_left) {
		snprintf(left, sizeof(left), "%d", c->days_left);
		cells[4] = left;
	}
	if (c->uncovered) {
		snprintf(year, sizeof(year), "%d", c->uncovered);
		cells[15] = year;
	}
	if (cells[12] && !o->cli.unmask)
		cells[12] = mask_phone(cells[12], phm, sizeof(phm));
	out_row(&o->out, cells);
}

/* print_summary: --summary's table: a row per unit, a column per colour listed. */
static void
print_summary(struct overdue *o)
{
	const char *names[2 + OD_NCOLORS], *cells[2 + OD_NCOLORS];
	char num[OD_NCOLORS + 1][24];
	size_t i, n = 0;
	int c;
	long total;
	struct out out;

	names[n++] = "unit";
	for (c = 0; c < OD_NCOLORS; c++)
		if (o->q.want[c])
			names[n++] = od_color_name(c);
	names[n++] = "total";
	out_init(&out, stdout, o->cli.fmt, o->cli.out_flags, names, n);
	for (i = 1; i < n; i++)
		out_numeric(&out, i);
	out_header(&out);
	od_summary_sort(&o->sum);
	for (i = 0; i < o->sum.nunits; i++) {
		const struct od_unit *u = &o->sum.units[i];
		size_t k = 0;
		cells[k++] = u->unit;
		total = 0;
		for (c = 0; c < OD_NCOLORS; c++)
			if (o->q.want[c]) {
				snprintf(num[k - 1], sizeof(num[0]), "%ld", u->n[c]);
				cells[k] = num[k - 1];
				k++;
				total += u->n[c];
			}
		snprintf(num[OD_NCOLORS], sizeof(num[0]), "%ld", total);
		cells[k++] = num[OD_NCOLORS];
		out_row(&out, cells);
	}
	od_summary_release(&o->sum);
	if (out_finish(&out) < 0)
		msg_die(EX_IOERR, "write error:");
}

static void
parse_options(struct overdue *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_LONGOPTS,
		CLI_UNMASK_OPT,
		{ "all", no_argument, NULL, OPT_ALL },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "colour", required_argument, NULL, OPT_COLOR },
		{ "warn-days", required_argument, NULL, OPT_WARN },
		{ "unit", required_argument, NULL, OPT_UNIT },
		{ "leader", required_argument, NULL, OPT_LEADER },
		{ "region", required_argument, NULL, OPT_REGION },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ "disputes", no_argument, NULL, OPT_DISPUTES },
		{ NULL, 0, NULL, 0 }
	};
	int c, k;

	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ALL:
			for (k = 0; k < OD_NCOLORS; k++)
				o->q.want[k] = 1;
			break;
		case OPT_COLOR:
			if (od_colors_parse(optarg, o->q.want) < 0) {
				msg_warn("bad colour list '%s' (red, yellow, blue, green)", optarg);
				usage();
			}
			break;
		case OPT_WARN:
			if (parse_long(optarg, 0, 365, &o->q.warn_days) < 0) {
				msg_warn("bad --warn-days '%s' (0 to 365)", optarg);
				usage();
			}
			break;
		case OPT_UNIT:
			o->q.unit = optarg;
			break;
		case OPT_LEADER:
			o->q.leader = optarg;
			break;
		case OPT_REGION:
			o->q.region = optarg;
			break;
		case OPT_SUMMARY:
			o->summary = 1;
			break;
		case OPT_DISPUTES:
			o->q.disputes = 1;
			break;
		default:
			cli_xoption(&o->cli, c, optarg, "pt-overdue", help, usage);
		}
	}
	if (optind != argc)
		usage();
	o->q.as_of = o->cli.as_of;
}

int
main(int argc, char **argv)
{
	struct overdue o;
	struct od_scan scan;
	struct od_case oc;
	char day[DATE_BUF];
	int rc = 0;

	msg_init(argv[0]);
	memset(&o, 0, sizeof(o));
	cli_init(&o.cli);
	o.q.want[OD_RED] = o.q.want[OD_YELLOW] = 1;
	o.q.warn_days = DL_WARN_DAYS;
	parse_options(&o, argc, argv);
	signal(SIGPIPE, SIG_IGN);

	cli_ledger_at_exit(&o.l);
	if (ledger_open(&o.l, ledger_path(o.cli.db), LEDGER_READONLY) < 0) {
		if (o.l.missing)
			msg_die(69, "%s: no ledger", o.l.path);
		cli_die_ledger(&o.l);
	}
	out_init(&o.out, stdout, o.cli.fmt, o.cli.out_flags, out_cols, NOUT);
	out_numeric(&o.out, 4);
	out_numeric(&o.out, 15);
	if (!o.summary)
		out_header(&o.out);
	/* one read transaction: every colour as of one state of the ledger */
	if (od_scan_begin(&scan, &o.l, &o.q) < 0)
		cli_die_ledger(&o.l);
	while (!out_closed(&o.out) && (rc = od_scan_next(&scan, &oc)) == 1) {
		o.count[oc.color]++;
		if (o.summary)
			od_summary_add(&o.sum, oc.unit, oc.color);
		else
			print_case(&o, &oc);
	}
	if (rc < 0 || od_scan_end(&scan) < 0)
		cli_die_ledger(&o.l);
	if (o.summary)
		print_summary(&o);
	if (out_finish(&o.out) < 0)
		msg_die(EX_IOERR, "write error:");
	if (!o.cli.quiet && !o.out.closed)
		fprintf(stderr, _("pt-overdue: %ld red, %ld yellow, %ld blue, %ld green as of %s\n"),
			o.count[OD_RED], o.count[OD_YELLOW], o.count[OD_BLUE], o.count[OD_GREEN],
			date_format(o.cli.as_of, day));
	cli_ledger_close();
	if (!o.out.closed && fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return scan.reds ? 1 : 0;
}
