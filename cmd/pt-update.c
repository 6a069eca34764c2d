/* pt-update: record what happens next to cases, each event checked against its stage. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "calendar.h"
#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "idcard.h"
#include "ledger.h"
#include "lifecycle.h"
#include "msg.h"
#include "record.h"
#include "rejects.h"
#include "tabin.h"
#include "util.h"
#include "banned.h"

#define BATCH 10000

static const char usage_text[] = N_(
"usage: pt-update [-qt] [-d ledger] [-E encoding] [--calendar file]\n"
"                 [--rejects file] [--ignore-unknown]\n"
"                 [--format csv|tsv|jsonl|xlsx] [--bom] [--excel] [--as-of date]\n"
"                 [--by name] [file ...]\n"
"       pt-update --columns [-t] [--format csv|tsv|jsonl]\n");

static const char *const out_cols[] = {
	"case_id", "event", "date", "stage", "due", "unit", "leader",
};
#define NOUT (sizeof(out_cols) / sizeof(out_cols[0]))

struct update {
	struct cli cli;
	const char *calendar;
	struct lc_session s;	/* the ledger, its statements and calendar */
	struct out out;
	struct rejects *rj;
	struct strbuf input;	/* the run's input, for its runs row */
	long applied, refused, present, batch;
};

static const char help_text[] = N_(
	"\nRecord events on cases from CSV: case_id,event,date and optionally\n"
	"note,days,rating,resolved,unit,leader,procedure,by,tags,bureau_rating,\n"
	"outcome.  Events: accept reject transfer assign extend conclude reply\n"
	"rate (rating: the unit's, bureau_rating: the petition bureau's; either\n"
	"or both) review review_done recheck recheck_done (outcome: upheld,\n"
	"revoked or changed) terminate reopen; corrections, on any stage: tag and\n"
	"untag (the tags column), void (undoes the latest event in force), amend\n"
	"(the intake columns given replace the registered values).  Each event\n"
	"may be named in Chinese too (受理, 办结, 更正 ...; --columns lists them).\n"
	"An event that does not fit the case is refused and changes nothing.\n"
	"Prints the events applied.\n\n"
	"  -d, --db FILE          the ledger (default $PT_DB, else ./ledger.db)\n"
	"  -E, --encoding ENC     input encoding, e.g. GB18030 (default UTF-8)\n"
	"      --calendar FILE    load the holiday calendar (default $PT_CALENDAR)\n"
	"      --rejects FILE     write refused rows there with line and reason\n"
	"      --ignore-unknown   skip columns pt does not know\n"
	"      --columns          list the columns, their aliases and values; exit\n"
	"  -t, --tsv              print TSV (same as --format tsv)\n"
	"      --format FMT       csv (default), tsv, jsonl or xlsx (Excel)\n"
	"      --bom              start the output with a UTF-8 BOM (Excel)\n"
	"      --excel            neutralise cells starting with = + - @\n"
	"      --as-of DATE       today: no event may be dated later\n"
	"      --by NAME          who records (default $USER); a by column wins\n"
	"  -q, --quiet            no summary line on stderr\n"
	"  -h, --help             this text; --version the version\n");

CLI_USAGE_HELP(usage_text, help_text)

static void __attribute__((noreturn))
die_ledger(struct update *u)
{
	msg_die(ledger_exit_code(&u->s.l), "%s: %s", u->s.l.path, u->s.l.err);
}

static void open_ledger(struct update *u);

static void
refuse(struct update *u, struct tabin *t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
refuse(struct update *u, struct tabin *t, const char *fmt, ...)
{
	char reason[600], shown[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	u->refused++;
	if (u->rj && rejects_add(u->rj, tabin_name(t), &t->hdr, &t->row, reason) < 0)
		msg_die(EX_IOERR, "%s: write error:", u->cli.rejects);
	/* the row's values are quoted as given: numbers masked on stderr */
	msg_warn("%s:%ld: %s", tabin_name(t), t->row.line, mask_text(reason, shown, sizeof(shown)));
}

static void
print_event(struct update *u, const struct case_state *cs, const struct lc_event *ev)
{
	char cid[24], date[DATE_BUF], due[DATE_BUF];
	const char *cells[NOUT];

	cells[0] = case_id_format(cs->id, cid);
	cells[1] = ev->event;
	cells[2] = date_format(ev->date, date);
	cells[3] = cs->stage;
	cells[4] = cs->due >= 0 ? date_format(cs->due, due) : NULL;
	cells[5] = cs->unit;
	cells[6] = cs->leader;
	out_row(&u->out, cells);
}

/* Commit when the batch is full, or before a read that may block a pipe. */
static void
maybe_commit(struct update *u, int more_buffered)
{
	if (u->batch < BATCH && more_buffered)
		return;
	if (lc_session_commit(&u->s) < 0)
		die_ledger(u);
	out_release(&u->out);
	u->batch = 0;
}

/* Apply one row (rc: tabin_next's answer) in the open or a new transaction. */
static void
update_row(struct update *u, struct tabin *t, int rc)
{
	struct lc_event ev;
	struct case_state cs;
	char err[512], cid[24];
	int64_t id;

	if (rc == 2) {
		refuse(u, t, "%s", t->err);
		return;
	}
	if (lc_event_read(t, u->cli.by, &ev, &id, err, sizeof(err)) < 0) {
		refuse(u, t, "%s", err);
		return;
	}
	case_id_format(id, cid);
	switch (lc_event_is_correction(ev.event) ? lc_session_correct(&u->s, id, &ev, &cs)
		: lc_session_update(&u->s, id, &ev, &cs)) {
	case LC_FAILED:
		die_ledger(u);
	case LC_NO_CASE:
		refuse(u, t, "case %s: no such case in the ledger", cid);
		break;
	case LC_ALREADY:
		u->present++;
		break;
	case LC_REFUSED:
		refuse(u, t, "case %s: %s", cid, u->s.err);
		break;
	case LC_DONE:
		u->applied++;
		u->batch++;
		print_event(u, &cs, &ev);
		break;
	}
}

static void
update_file(struct update *u, const char *path)
{
	struct tabin t;
	int rc;

	rc = tabin_open(&t, path, u->cli.encoding, lc_event_cols, LC_NCOLS, u->cli.ignore_unknown);
	if (rc == -1)
		msg_die_open(path, u->cli.encoding);
	if (rc == -2)
		msg_die_at(EX_DATAERR, tabin_name(&t), t.hdr.line, "%s", t.err);
	open_ledger(u);
	if (!u->out.started)	/* the header once the ledger is there */
		out_header(&u->out);
	while ((rc = tabin_next(&t)) > 0) {
		update_row(u, &t, rc);
		maybe_commit(u, csvin_buffered(t.in));
	}
	maybe_commit(u, 0);
	if (rc < 0)
		/* the last line read: the header's when no row was */
		msg_die_at(EX_DATAERR, tabin_name(&t),
			   t.row.end_line > 0 ? t.row.end_line : t.hdr.end_line, "%s", t.err);
	tabin_close(&t);
}

/*
 * Open the ledger, once: when the first input has started to arrive, so a
 * pipe from pt-intake on a new ledger finds it created.
 */
static void
open_ledger(struct update *u)
{
	if (u->s.l.db)
		return;
	lc_session_xopen(&u->s, ledger_path(u->cli.db), u->calendar, "pt-update",
			 u->cli.by, u->input.buf, u->cli.as_of);
	if (u->calendar && !u->cli.quiet)
		msg_warn("calendar %s: %zu holidays, %zu make-up working days; %d deadlines moved",
			 u->calendar, u->s.file_holidays, u->s.file_workdays, u->s.moved);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_LONGOPTS,
		{ "by", required_argument, NULL, OPT_BY },
		{ "rejects", required_argument, NULL, OPT_REJECTS },
		{ "ignore-unknown", no_argument, NULL, OPT_IGNORE_UNKNOWN },
		{ "calendar", required_argument, NULL, OPT_TOOL_BASE },
		{ "columns", no_argument, NULL, OPT_TOOL_BASE + 1 },
		{ NULL, 0, NULL, 0 }
	};
	static const struct msg_colset cols = { "input", lc_event_cols, LC_NCOLS, NULL };
	struct update u;
	int c, i, calendar_only = 0, columns = 0;

	msg_init(argv[0]);
	memset(&u, 0, sizeof(u));
	cli_init(&u.cli);
	u.calendar = getenv("PT_CALENDAR");
	if (u.calendar && !*u.calendar)
		u.calendar = NULL;
	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == OPT_TOOL_BASE) {
			u.calendar = optarg;
			calendar_only = 1;	/* with no files: load it, read no events */
			continue;
		}
		if (c == OPT_TOOL_BASE + 1)
			columns = 1;
		else
			cli_xoption(&u.cli, c, optarg, "pt-update", help, usage);
	}
	if (columns)
		msg_columns(&u.cli, &cols, 1);
	argc -= optind;
	argv += optind;
	lc_input_names(&u.input, argc, argv, calendar_only ? NULL : "<stdin>");
	signal(SIGPIPE, SIG_IGN);

	if (u.cli.rejects && !(u.rj = rejects_open(u.cli.rejects)))
		msg_die(EX_CANTCREAT, "%s:", u.cli.rejects);
	out_init(&u.out, stdout, u.cli.fmt, u.cli.out_flags, out_cols, NOUT);
	/* a batch's output waits in memory for its commit */
	if (out_hold(&u.out) < 0)
		msg_die(EX_OSERR, "cannot hold the output:");

	/* --calendar alone loads the calendar and reads no events */
	if (argc == 0 && calendar_only)
		open_ledger(&u);
	else {
		if (argc == 0)
			update_file(&u, "-");
		for (i = 0; i < argc; i++)
			update_file(&u, argv[i]);
		if (!u.cli.quiet)
			fprintf(stderr, "pt-update: %ld applied, %ld refused, %ld already in the ledger\n",
				u.applied, u.refused, u.present);
	}
	if (out_finish(&u.out) < 0)
		msg_die(EX_IOERR, "write error:");
	if (rejects_close(u.rj) < 0)
		msg_die(EX_IOERR, "%s: write error:", u.cli.rejects);
	lc_session_close(&u.s);
	strbuf_release(&u.input);
	if (!u.out.closed && fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return u.refused ? EX_DATAERR : 0;
}
