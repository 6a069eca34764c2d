/* pt-assign: route cases to handling units and lead officials (受理/交办/转办). */
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
#include "lifecycle.h"
#include "msg.h"
#include "route.h"
#include "tabin.h"
#include "util.h"
#include "banned.h"

#define BATCH 10000

static const char usage_text[] = N_(
"usage: pt-assign [-qt] [-d ledger] [-E encoding] [--rules file] [--unit name]\n"
"                 [--leader name] [--procedure normal|simplified] [--pending]\n"
"                 [--no-accept] [--date date] [--calendar file]\n"
"                 [--format csv|tsv|jsonl|xlsx] [--bom] [--excel] [--as-of date]\n"
"                 [--by name] [file ...]\n"
"       pt-assign --columns [-t] [--format csv|tsv|jsonl]\n");

enum { OPT_RULES = OPT_TOOL_BASE, OPT_UNIT, OPT_LEADER, OPT_PROCEDURE, OPT_PENDING,
       OPT_NO_ACCEPT, OPT_DATE, OPT_CALENDAR, OPT_COLUMNS };

/* The case stream: only case_id is needed; unit, leader, procedure, date win. */
enum { S_CASE, S_UNIT, S_LEADER, S_PROCEDURE, S_DATE, NSCOLS };
static const struct colspec stream_cols[NSCOLS] = {
	[S_CASE] = { "case_id", "编号", 1 },
	[S_UNIT] = { "unit", "责任单位", 0 },
	[S_LEADER] = { "leader", "包案领导", 0 },
	[S_PROCEDURE] = { "procedure", "程序", 0 },
	[S_DATE] = { "date", "日期", 0 },
};

static const char *const out_cols[] = {
	"case_id", "unit", "leader", "due", "stage", "procedure", "received",
	"channel", "region", "category", "level", "law_related",
};
#define NOUT (sizeof(out_cols) / sizeof(out_cols[0]))

struct assign {
	struct cli cli;
	const char *rules_path, *calendar, *input;
	int pending, columns;
	struct route_rules rules;
	struct route_ask ask;	/* what the options say for every case */
	struct lc_session s;	/* the ledger, its statements and calendar */
	struct out out;
	long assigned, unmatched, refused, unchanged, batch;
};

static const char help_text[] = N_(
	"\nRoute cases to the unit that must handle them, by rules or by hand, and\n"
	"accept them (受理) on the row's date or --date.  Reads a case stream (a\n"
	"case_id column; unit, leader, procedure, date columns win) or takes\n"
	"--pending.  --rules, --unit or the stream's unit column must name a unit.\n\n"
	"  -d, --db FILE          the ledger (default $PT_DB, else ./ledger.db)\n"
	"  -E, --encoding ENC     input encoding, e.g. GB18030 (default UTF-8)\n"
	"      --rules FILE       CSV region,category,channel,level,law_related,\n"
	"                         unit,leader,procedure; first match wins; * any\n"
	"      --unit NAME        this unit for every case\n"
	"      --leader NAME      and this lead official (包案领导)\n"
	"      --procedure P      normal (" STATUTE_STR(DL_CONCLUDE_DAYS) " days) or simplified (" STATUTE_STR(DL_SIMPLE_WORKDAYS) " working days)\n"
	"      --pending          every registered case that has no unit yet\n"
	"      --no-accept        route only; do not accept\n"
	"      --date DATE        the date for a row with no date (default --as-of)\n"
	"      --calendar FILE    load the holiday calendar (default $PT_CALENDAR)\n"
	"      --columns          list the stream's and the rules' columns; exit\n"
	"  -t, --tsv              print TSV (same as --format tsv)\n"
	"      --format FMT       csv (default), tsv, jsonl or xlsx (Excel)\n"
	"      --bom              start the output with a UTF-8 BOM (Excel)\n"
	"      --excel            neutralise cells starting with = + - @\n"
	"      --as-of DATE       today\n"
	"      --by NAME          who assigns (default $USER)\n"
	"  -q, --quiet            no summary line on stderr\n"
	"  -h, --help             this text; --version the version\n");

CLI_USAGE_HELP(usage_text, help_text)

static void
read_rules(struct assign *a)
{
	char shown[600];
	int rc;

	route_rules_init(&a->rules);
	if ((rc = route_rules_read(&a->rules, a->rules_path, a->cli.encoding)) == -1)
		msg_die_open(a->rules_path, a->cli.encoding);
	if (rc < 0)
		msg_die_at(EX_DATAERR, a->rules.file, a->rules.line, "%s",
			   mask_text(a->rules.err, shown, sizeof(shown)));
	a->ask.rules = &a->rules;
}

static void
print_case(struct assign *a, const struct case_state *cs, const struct lc_facts *f)
{
	char cid[24], due[DATE_BUF];
	const char *law = f->v[LC_F_LAW];
	const char *cells[NOUT] = {
		case_id_format(cs->id, cid), cs->unit, cs->leader,
		cs->due >= 0 ? date_format(cs->due, due) : NULL, cs->stage,
		cs->procedure, f->v[LC_F_RECEIVED], f->v[LC_F_CHANNEL], f->v[LC_F_REGION],
		f->v[LC_F_CATEGORY], f->v[LC_F_LEVEL], law && !strcmp(law, "1") ? "yes" : "no",
	};
	out_row(&a->out, cells);
}

/*
 * Assign one case.  where names the input row for messages ("FILE:LINE: ")
 * and the stream's own date (-1 when absent), unit, leader and procedure
 * (NULL when absent) win.
 */
static void
assign_case(struct assign *a, int64_t id, int date, const char *where,
	    const char *unit, const char *leader, const char *procedure)
{
	struct case_state cs;
	struct lc_facts f;
	char cid[24], why[512], shown[600];

	case_id_format(id, cid);
	switch (route_case(&a->s, &a->ask, id, date, unit, leader, procedure, &cs, &f)) {
	case ROUTE_FAILED:
		cli_die_ledger(&a->s.l);
	case ROUTE_NO_CASE:
		a->refused++;
		msg_warn("%scase %s: no such case in the ledger", where, cid);
		break;
	case ROUTE_NOT_OPEN:
		a->refused++;
		msg_warn("%scase %s: the case is %s; only registered or in-progress cases "
			 "are assigned", where, cid, cs.stage);
		break;
	case ROUTE_UNMATCHED:
		a->unmatched++;
		snprintf(why, sizeof(why), "no rule matches (region %s, category %s, channel %s, level %s)",
			 f.v[LC_F_REGION], f.v[LC_F_CATEGORY], f.v[LC_F_CHANNEL], f.v[LC_F_LEVEL]);
		msg_warn("%scase %s: %s", where, cid, mask_text(why, shown, sizeof(shown)));
		break;
	case ROUTE_UNCHANGED:
		a->unchanged++;
		break;
	case ROUTE_REFUSED:
		a->refused++;
		msg_warn("%scase %s: %s", where, cid, mask_text(a->s.err, shown, sizeof(shown)));
		break;
	case ROUTE_ACCEPT:
	case ROUTE_ASSIGN:
	case ROUTE_TRANSFER:
		a->assigned++;
		print_case(a, &cs, &f);
		a->batch++;
		break;
	}
}

/*
 * Commit when the batch is full or before a read that may block: holding
 * the write lock while waiting on a pipe would stall the writer feeding it
 * (pt-intake | pt-assign).  Printed cases are flushed after their commit.
 */
static void
maybe_commit(struct assign *a, int more_buffered)
{
	if (a->batch < BATCH && more_buffered)
		return;
	if (lc_session_commit(&a->s) < 0)
		cli_die_ledger(&a->s.l);
	out_release(&a->out);
	a->batch = 0;
}

/*
 * Open the ledger, once: only when the first input has started to arrive,
 * so that `pt-intake | pt-assign` on a new ledger finds it created.
 */
static void
open_ledger(struct assign *a)
{
	if (a->s.l.db)
		return;
	lc_session_xopen(&a->s, ledger_path(a->cli.db), a->calendar, "pt-assign",
			 a->cli.by, a->input, a->cli.as_of);
	out_header(&a->out);
}

static void
assign_file(struct assign *a, const char *path)
{
	struct tabin t;
	char where[512], shown[600];
	const char *cid, *ds;
	int64_t id;
	int date, secs, rc = tabin_open(&t, path, a->cli.encoding, stream_cols, NSCOLS, 1);

	if (rc == -1)
		msg_die_open(path, a->cli.encoding);
	if (rc == -2)
		msg_die_at(EX_DATAERR, tabin_name(&t), t.hdr.line, "%s", t.err);
	/* nothing would name a unit: a usage error, before any case is read */
	if (!a->rules_path && !a->ask.unit && t.map.field[S_UNIT] < 0) {
		msg_warn("%s: no unit column, and neither --rules nor --unit", tabin_name(&t));
		usage();
	}
	open_ledger(a);
	while ((rc = tabin_next(&t)) > 0) {
		snprintf(where, sizeof(where), "%s:%ld: ", tabin_name(&t), t.row.line);
		if (rc == 2) {
			a->refused++;
			msg_warn("%s%s", where, mask_text(t.err, shown, sizeof(shown)));
			continue;
		}
		cid = tabin_get(&t, S_CASE);
		if (!cid || (id = case_id_parse(cid)) < 0) {
			a->refused++;
			msg_warn("%sbad case_id '%s'", where,
				 cid ? mask_shown(cid, shown, sizeof(shown)) : "");
			continue;
		}
		if ((ds = tabin_get(&t, S_DATE)) && date_parse(ds, &date, &secs) < 0) {
			a->refused++;
			msg_warn("%scase %s: bad date '%s' in column date", where, cid,
				 mask_shown(ds, shown, sizeof(shown)));
			continue;
		}
		assign_case(a, id, ds ? date : -1, where, tabin_get(&t, S_UNIT),
			    tabin_get(&t, S_LEADER), tabin_get(&t, S_PROCEDURE));
		maybe_commit(a, csvin_buffered(t.in));
	}
	maybe_commit(a, 0);
	if (rc < 0)
		/* the last line read: the header's when no row was */
		msg_die_at(EX_DATAERR, tabin_name(&t),
			   t.row.end_line > 0 ? t.row.end_line : t.hdr.end_line, "%s", t.err);
	tabin_close(&t);
}

/* Every registered case without a unit, a page of ids at a time. */
static void
assign_pending(struct assign *a)
{
	int64_t last = 0, ids[1000];
	int n, i;

	do {
		if ((n = lc_session_pending(&a->s, last, ids, 1000)) < 0)
			cli_die_ledger(&a->s.l);
		for (i = 0; i < n; i++)
			assign_case(a, ids[i], -1, "", NULL, NULL, NULL);
		maybe_commit(a, 1);
		if (n)
			last = ids[n - 1];
	} while (n == 1000);
}

/* The options into a; returns optind. */
static int
parse_options(struct assign *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_LONGOPTS,
		{ "by", required_argument, NULL, OPT_BY },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "unit", required_argument, NULL, OPT_UNIT },
		{ "leader", required_argument, NULL, OPT_LEADER },
		{ "procedure", required_argument, NULL, OPT_PROCEDURE },
		{ "pending", no_argument, NULL, OPT_PENDING },
		{ "no-accept", no_argument, NULL, OPT_NO_ACCEPT },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "calendar", required_argument, NULL, OPT_CALENDAR },
		{ "columns", no_argument, NULL, OPT_COLUMNS },
		{ NULL, 0, NULL, 0 }
	};
	const char *date = NULL;
	int c, secs;

	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_RULES:
			a->rules_path = optarg;
			break;
		case OPT_UNIT:
			a->ask.unit = optarg;
			break;
		case OPT_LEADER:
			a->ask.leader = optarg;
			break;
		case OPT_PROCEDURE:
			a->ask.procedure = optarg;
			break;
		case OPT_PENDING:
			a->pending = 1;
			break;
		case OPT_NO_ACCEPT:
			a->ask.no_accept = 1;
			break;
		case OPT_DATE:
			date = optarg;
			break;
		case OPT_CALENDAR:
			a->calendar = optarg;
			break;
		case OPT_COLUMNS:
			a->columns = 1;
			break;
		default:
			cli_xoption(&a->cli, c, optarg, "pt-assign", help, usage);
		}
	}
	a->ask.date = a->cli.as_of;
	a->ask.by = a->cli.by;
	if (date && date_parse(date, &a->ask.date, &secs) < 0) {
		msg_warn("bad date '%s' for --date", date);
		usage();
	}
	return optind;
}

int
main(int argc, char **argv)
{
	static const struct msg_colset cols[] = {
		{ "input", stream_cols, NSCOLS, NULL }, { "rules", route_cols, ROUTE_NCOLS, NULL },
	};
	struct assign a;
	char err[128];
	struct strbuf input;
	int i;

	msg_init(argv[0]);
	memset(&a, 0, sizeof(a));
	cli_init(&a.cli);
	a.calendar = getenv("PT_CALENDAR");
	if (a.calendar && !*a.calendar)
		a.calendar = NULL;
	optind = parse_options(&a, argc, argv);
	if (a.columns)
		msg_columns(&a.cli, cols, 2);
	argc -= optind;
	argv += optind;
	lc_input_names(&input, argc, argv, a.pending ? "--pending" : "<stdin>");
	a.input = input.buf;
	if (a.pending && argc > 0) {
		msg_warn("--pending takes no files");
		usage();
	}
	/* once, before any case: lc_apply would refuse each case for these */
	if (route_ask_check(&a.ask, err, sizeof(err)) < 0) {
		msg_warn("%s", err);
		usage();
	}
	/* a pending case has no unit: something must name one */
	if (a.pending && !a.rules_path && !a.ask.unit) {
		msg_warn("--pending needs --rules or --unit");
		usage();
	}
	signal(SIGPIPE, SIG_IGN);

	if (a.rules_path)
		read_rules(&a);
	out_init(&a.out, stdout, a.cli.fmt, a.cli.out_flags, out_cols, NOUT);
	/* a batch's output waits in memory for its commit */
	if (out_hold(&a.out) < 0)
		msg_die(EX_OSERR, "cannot hold the output:");

	if (a.pending) {
		open_ledger(&a);
		assign_pending(&a);
	}
	else if (argc == 0)
		assign_file(&a, "-");
	for (i = 0; i < argc; i++)
		assign_file(&a, argv[i]);
	open_ledger(&a);
	maybe_commit(&a, 0);

	if (!a.cli.quiet)
		fprintf(stderr, _("pt-assign: %ld assigned, %ld unmatched, %ld refused, %ld unchanged\n"),
			a.assigned, a.unmatched, a.refused, a.unchanged);
	if (out_finish(&a.out) < 0)
		msg_die(EX_IOERR, "write error:");
	route_rules_free(&a.rules);
	lc_session_close(&a.s);
	strbuf_release(&input);
	if (!a.out.closed && fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return a.unmatched || a.refused ? EX_DATAERR : 0;
}
