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
#include "lifecycle.h"
#include "msg.h"
#include "util.h"
#include "banned.h"

static const char usage_text[] =
"usage: pt-overdue [-qt] [-d ledger] [--all] [--color list] [--warn-days n]\n"
"                  [--unit name] [--leader name] [--region name] [--summary]\n"
"                  [--format csv|tsv|jsonl] [--bom] [--excel] [--unmask]\n"
"                  [--as-of date]\n";

enum { OPT_ALL = OPT_TOOL_BASE, OPT_COLOR, OPT_WARN, OPT_UNIT, OPT_LEADER,
       OPT_REGION, OPT_SUMMARY };

enum color { RED, YELLOW, BLUE, GREEN, NCOLORS };
static const char *const color_names[NCOLORS] = { "red", "yellow", "blue", "green" };

static const char *const out_cols[] = {
	"case_id", "color", "stage", "due", "days_left", "unit", "leader", "region",
	"category", "received", "channel", "name", "phone", "kind", "procedure",
};
#define NOUT (sizeof(out_cols) / sizeof(out_cols[0]))

/* What a query returns, in this order (the cells after case_id/color). */
#define SELECT_COLS "id, stage, due, unit, leader, region, category, received," \
	" channel, name, phone, kind, procedure"

struct overdue {
	struct cli cli;
	int want[NCOLORS];
	long warn_days;
	const char *unit, *leader, *region;
	int summary;
	struct ledger l;
	struct out out;
	long count[NCOLORS];	/* listed, by colour */
	long reds;		/* red cases seen, listed or not: the exit status */
	/* --summary: counts per unit, in the order units are met */
	struct unit_count { char *unit; long n[NCOLORS]; } *units;
	size_t nunits, aunits;
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
	fputs("\nList cases by the colour of the deadline of the stage they are in, as\n"
	      "of a date: red past due, yellow due within --warn-days, blue open, green\n"
	      "concluded.  By default the red and yellow cases, most overdue first.\n"
	      "Exits 1 when any case the filters select is red, so `pt-overdue || notify`\n"
	      "works.\n\n"
	      "  -d, --db FILE          the ledger (default $PT_DB, else ./ledger.db)\n"
	      "      --all              every colour (red, yellow, blue, green)\n"
	      "      --color LIST       the colours to list, e.g. red or red,yellow\n"
	      "      --warn-days N      yellow when due within N days (default 5)\n"
	      "      --unit NAME        only this unit's cases\n"
	      "      --leader NAME      only this lead official's cases\n"
	      "      --region NAME      only cases of this region\n"
	      "      --summary          counts by unit and colour instead of cases\n"
	      "  -t, --tsv              print TSV (same as --format tsv)\n"
	      "      --format FMT       csv (default), tsv or jsonl\n"
	      "      --bom              start the output with a UTF-8 BOM (Excel)\n"
	      "      --excel            neutralise cells starting with = + - @\n"
	      "      --unmask           print phones in full\n"
	      "      --as-of DATE       the day the colours are for (default today)\n"
	      "  -q, --quiet            no summary line on stderr\n"
	      "  -h, --help             this text; --version the version\n", stdout);
	exit(0);
}

/* The ledger, closed (its -wal and -shm tidied) on any exit. */
static struct ledger *reading;

static void
close_reading(void)
{
	if (reading)
		ledger_close(reading);
	reading = NULL;
}

static void
die_ledger(struct overdue *o)
{
	msg_die(ledger_exit_code(&o->l), "%s: %s", o->l.path, o->l.err);
}

static int
parse_colors(struct overdue *o, const char *list)
{
	char buf[128], *p, *save = NULL;
	int c;

	snprintf(buf, sizeof(buf), "%s", list);
	memset(o->want, 0, sizeof(o->want));
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		for (c = 0; c < NCOLORS; c++)
			if (!strcmp(p, color_names[c]) ||
			    (c == RED && !strcmp(p, "红")) || (c == YELLOW && !strcmp(p, "黄")) ||
			    (c == BLUE && !strcmp(p, "蓝")) || (c == GREEN && !strcmp(p, "绿")))
				break;
		if (c == NCOLORS)
			return -1;
		o->want[c] = 1;
	}
	return 0;
}

static enum color
color_of(const struct overdue *o, const char *stage, int due)
{
	if (!lc_stage_is_office(stage) || due < 0)
		return GREEN;
	if (due < o->cli.as_of)
		return RED;
	if (due - o->cli.as_of <= o->warn_days)
		return YELLOW;
	return BLUE;
}

static void
count_unit(struct overdue *o, const char *unit, enum color c)
{
	size_t i;

	unit = unit ? unit : "";
	for (i = 0; i < o->nunits; i++)
		if (!strcmp(o->units[i].unit, unit))
			break;
	if (i == o->nunits) {
		if (o->nunits == o->aunits) {
			o->aunits = o->aunits ? o->aunits * 2 : 32;
			o->units = xrealloc(o->units, o->aunits * sizeof(*o->units));
		}
		memset(&o->units[i], 0, sizeof(o->units[i]));
		o->units[i].unit = xstrdup(unit);
		o->nunits++;
	}
	o->units[i].n[c]++;
}

/* One row of a query: colour it, keep it if wanted, print or count it. */
static void
take(struct overdue *o, sqlite3_stmt *st)
{
	const char *cells[NOUT];
	char cid[24], left[24], phm[64];
	const char *stage = (const char *)sqlite3_column_text(st, 1);
	const char *due_s = (const char *)sqlite3_column_text(st, 2);
	int due = -1, i;
	enum color c;

	if (due_s && date_parse(due_s, &due, NULL) < 0)
		due = -1;
	c = color_of(o, stage, due);
	if (c == RED)
		o->reds++;
	if (!o->want[c])
		return;
	o->count[c]++;
	if (o->summary) {
		count_unit(o, (const char *)sqlite3_column_text(st, 3), c);
		return;
	}
	cells[0] = case_id_format(sqlite3_column_int64(st, 0), cid);
	cells[1] = color_names[c];
	cells[2] = stage;
	cells[3] = due_s;
	if (c != GREEN && due >= 0) {
		snprintf(left, sizeof(left), "%d", due - o->cli.as_of);
		cells[4] = left;
	} else {
		cells[4] = NULL;
	}
	for (i = 5; i < (int)NOUT; i++)
		cells[i] = (const char *)sqlite3_column_text(st, i - 2);
	if (cells[12] && !o->cli.unmask)
		cells[12] = mask_phone(cells[12], phm, sizeof(phm));
	out_row(&o->out, cells);
}

/*
 * Run one query over the cases and take each row.  The open cases come
 * from the partial index cases_open (their cost follows the open cases,
 * not the ledger); green cases need the rest of the ledger.
 */
static void
scan(struct overdue *o, const char *where, int bind_limit, int limit)
{
	char sql[1024];
	sqlite3_stmt *st;
	int rc, n = 1;

	snprintf(sql, sizeof(sql),
		 "SELECT " SELECT_COLS " FROM cases WHERE %s"
		 " AND (?1 IS NULL OR unit = ?1) AND (?2 IS NULL OR leader = ?2)"
		 " AND (?3 IS NULL OR region = ?3) ORDER BY due, id", where);
	if (!(st = ledger_prepare(&o->l, sql)))
		die_ledger(o);
	if (o->unit)
		sqlite3_bind_text(st, n, o->unit, -1, SQLITE_STATIC);
	if (o->leader)
		sqlite3_bind_text(st, n + 1, o->leader, -1, SQLITE_STATIC);
	if (o->region)
		sqlite3_bind_text(st, n + 2, o->region, -1, SQLITE_STATIC);
	if (bind_limit) {
		char buf[DATE_BUF];
		sqlite3_bind_text(st, 4, date_format(limit, buf), -1, SQLITE_TRANSIENT);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !out_closed(&o->out))
		take(o, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		ledger_fail(&o->l);
		die_ledger(o);
	}
	sqlite3_finalize(st);
}

/* Most red first, then most yellow, then by name: the bulletin's order. */
static int
cmp_units(const void *a, const void *b)
{
	const struct unit_count *x = a, *y = b;
	if (x->n[RED] != y->n[RED])
		return x->n[RED] < y->n[RED] ? 1 : -1;
	if (x->n[YELLOW] != y->n[YELLOW])
		return x->n[YELLOW] < y->n[YELLOW] ? 1 : -1;
	return strcmp(x->unit, y->unit);
}

static void
print_summary(struct overdue *o)
{
	const char *names[2 + NCOLORS], *cells[2 + NCOLORS];
	char num[NCOLORS + 1][24];
	size_t i, n = 0;
	int c;
	long total;
	struct out out;

	names[n++] = "unit";
	for (c = 0; c < NCOLORS; c++)
		if (o->want[c])
			names[n++] = color_names[c];
	names[n++] = "total";
	out_init(&out, stdout, o->cli.fmt, o->cli.out_flags, names, n);
	for (i = 1; i < n; i++)
		out_numeric(&out, i);
	out_header(&out);
	if (o->nunits)
		qsort(o->units, o->nunits, sizeof(*o->units), cmp_units);
	for (i = 0; i < o->nunits; i++) {
		size_t k = 0;
		cells[k++] = o->units[i].unit;
		total = 0;
		for (c = 0; c < NCOLORS; c++)
			if (o->want[c]) {
				snprintf(num[k - 1], sizeof(num[0]), "%ld", o->units[i].n[c]);
				cells[k] = num[k - 1];
				k++;
				total += o->units[i].n[c];
			}
		snprintf(num[NCOLORS], sizeof(num[0]), "%ld", total);
		cells[k++] = num[NCOLORS];
		out_row(&out, cells);
		free(o->units[i].unit);
	}
	free(o->units);
	if (out_finish(&out) < 0)
		msg_die(EX_IOERR, "write error:");
}

int
main(int argc, char **argv)
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
		{ NULL, 0, NULL, 0 }
	};
	struct overdue o;
	char err[256];
	int c;

	msg_init(argv[0]);
	memset(&o, 0, sizeof(o));
	cli_init(&o.cli);
	o.want[RED] = o.want[YELLOW] = 1;
	o.warn_days = 5;
	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ALL:
			o.want[RED] = o.want[YELLOW] = o.want[BLUE] = o.want[GREEN] = 1;
			break;
		case OPT_COLOR:
			if (parse_colors(&o, optarg) < 0) {
				msg_warn("bad colour list '%s' (red, yellow, blue, green)", optarg);
				usage();
			}
			break;
		case OPT_WARN:
			if (parse_long(optarg, 0, 365, &o.warn_days) < 0) {
				msg_warn("bad --warn-days '%s' (0 to 365)", optarg);
				usage();
			}
			break;
		case OPT_UNIT:
			o.unit = optarg;
			break;
		case OPT_LEADER:
			o.leader = optarg;
			break;
		case OPT_REGION:
			o.region = optarg;
			break;
		case OPT_SUMMARY:
			o.summary = 1;
			break;
		default:
			cli_xoption(&o.cli, c, optarg, "pt-overdue", help, usage);
		}
	}
	if (optind != argc)
		usage();
	signal(SIGPIPE, SIG_IGN);

	reading = &o.l;
	atexit(close_reading);
	if (ledger_open(&o.l, ledger_path(o.cli.db), LEDGER_READONLY) < 0) {
		if (o.l.missing)
			msg_die(69, "%s: no ledger", o.l.path);
		die_ledger(&o);
	}
	out_init(&o.out, stdout, o.cli.fmt, o.cli.out_flags, out_cols, NOUT);
	out_numeric(&o.out, 4);
	if (!o.summary)
		out_header(&o.out);
	/* one read transaction: every colour as of one state of the ledger */
	if (ledger_exec(&o.l, "BEGIN") < 0)
		die_ledger(&o);
	if (o.want[BLUE])
		scan(&o, "open = 1", 0, 0);
	else if (o.want[RED] || o.want[YELLOW])
		scan(&o, "open = 1 AND due <= ?4", 1,
		     o.cli.as_of + (o.want[YELLOW] ? (int)o.warn_days : -1));
	else
		scan(&o, "open = 1 AND due < ?4", 1, o.cli.as_of);	/* reds, for the status */
	if (o.want[GREEN])
		scan(&o, "open = 0", 0, 0);
	if (ledger_commit(&o.l) < 0)
		die_ledger(&o);
	if (o.summary)
		print_summary(&o);
	if (out_finish(&o.out) < 0)
		msg_die(EX_IOERR, "write error:");
	if (!o.cli.quiet && !o.out.closed)
		fprintf(stderr, "pt-overdue: %ld red, %ld yellow, %ld blue, %ld green as of %s\n",
			o.count[RED], o.count[YELLOW], o.count[BLUE], o.count[GREEN],
			date_format(o.cli.as_of, err));
	close_reading();
	if (!o.out.closed && fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return o.reds ? 1 : 0;
}
