/* pt-assign: route cases to handling units and lead officials (受理/交办/转办). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "calendar.h"
#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "ledger.h"
#include "lifecycle.h"
#include "msg.h"
#include "record.h"
#include "tabin.h"
#include "util.h"
#include "banned.h"

#define BATCH 10000

static const char usage_text[] =
"usage: pt-assign [-qt] [-d ledger] [-E encoding] [--rules file] [--unit name]\n"
"                 [--leader name] [--procedure normal|simplified] [--pending]\n"
"                 [--no-accept] [--date date] [--calendar file]\n"
"                 [--format csv|tsv|jsonl] [--bom] [--excel] [--as-of date]\n"
"                 [--by name] [file ...]\n";

enum { OPT_RULES = OPT_TOOL_BASE, OPT_UNIT, OPT_LEADER, OPT_PROCEDURE, OPT_PENDING,
       OPT_NO_ACCEPT, OPT_DATE, OPT_CALENDAR };

/* The case stream: only case_id is needed; unit, leader, procedure win. */
enum { S_CASE, S_UNIT, S_LEADER, S_PROCEDURE, NSCOLS };
static const struct colspec stream_cols[NSCOLS] = {
	[S_CASE] = { "case_id", "编号", 1 },
	[S_UNIT] = { "unit", "责任单位", 0 },
	[S_LEADER] = { "leader", "包案领导", 0 },
	[S_PROCEDURE] = { "procedure", "程序", 0 },
};

/* The rules file: the first row that matches a case wins. */
enum { R_REGION, R_CATEGORY, R_CHANNEL, R_LEVEL, R_LAW, R_UNIT, R_LEADER,
       R_PROCEDURE, NRCOLS };
static const struct colspec rule_cols[NRCOLS] = {
	[R_REGION] = { "region", "问题属地", 0 },
	[R_CATEGORY] = { "category", "问题类别", 0 },
	[R_CHANNEL] = { "channel", "信访形式", 0 },
	[R_LEVEL] = { "level", "信访层级", 0 },
	[R_LAW] = { "law_related", "涉法涉诉", 0 },
	[R_UNIT] = { "unit", "责任单位", 1 },
	[R_LEADER] = { "leader", "包案领导", 0 },
	[R_PROCEDURE] = { "procedure", "程序", 0 },
};

struct rule {
	char *v[NRCOLS];	/* NULL: matches anything */
};

static const char *const out_cols[] = {
	"case_id", "unit", "leader", "due", "stage", "procedure", "received",
	"channel", "region", "category", "level", "law_related",
};
#define NOUT (sizeof(out_cols) / sizeof(out_cols[0]))

struct assign {
	struct cli cli;
	const char *rules_path, *unit, *leader, *procedure, *calendar;
	int pending, no_accept, date;
	struct rule *rules;
	size_t nrules;
	struct lc_session s;	/* the ledger, its statements and calendar */
	sqlite3_stmt *facts, *pending_ids;
	struct out out;
	long assigned, unmatched, refused, unchanged, batch;
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
	fputs("\nRoute cases to the unit that must handle them, by rules or by hand, and\n"
	      "accept them (受理) on --date.  Reads a case stream (a case_id column;\n"
	      "unit, leader, procedure columns win) or takes --pending.  --rules,\n"
	      "--unit or the stream's unit column must be there to name a unit.\n\n"
	      "  -d, --db FILE          the ledger (default $PT_DB, else ./ledger.db)\n"
	      "  -E, --encoding ENC     input encoding, e.g. GB18030 (default UTF-8)\n"
	      "      --rules FILE       CSV region,category,channel,level,law_related,\n"
	      "                         unit,leader,procedure; first match wins; * any\n"
	      "      --unit NAME        this unit for every case\n"
	      "      --leader NAME      and this lead official (包案领导)\n"
	      "      --procedure P      normal (60 days) or simplified (10 working days)\n"
	      "      --pending          every registered case that has no unit yet\n"
	      "      --no-accept        route only; do not accept\n"
	      "      --date DATE        the date of acceptance (default the as-of date)\n"
	      "      --calendar FILE    load the holiday calendar (default $PT_CALENDAR)\n"
	      "  -t, --tsv              print TSV (same as --format tsv)\n"
	      "      --format FMT       csv (default), tsv or jsonl\n"
	      "      --bom              start the output with a UTF-8 BOM (Excel)\n"
	      "      --excel            neutralise cells starting with = + - @\n"
	      "      --as-of DATE       today\n"
	      "      --by NAME          who assigns (default $USER)\n"
	      "  -q, --quiet            no summary line on stderr\n"
	      "  -h, --help             this text; --version the version\n", stdout);
	exit(0);
}

static void __attribute__((noreturn))
die_ledger(struct assign *a)
{
	msg_die(ledger_exit_code(&a->s.l), "%s: %s", a->s.l.path, a->s.l.err);
}

/* Normalise one rule cell; returns NULL for "any", or dies on a bad value. */
static char *
rule_value(struct tabin *t, size_t c)
{
	char *s = tabin_get(t, c);
	const char *v = s;

	if (!s || !strcmp(s, "*"))
		return NULL;
	if (c == R_CHANNEL)
		v = rec_channel_parse(s);
	else if (c == R_LEVEL)
		v = rec_level_parse(s);
	else if (c == R_LAW)
		v = rec_bool_parse(s) < 0 ? NULL : rec_bool_parse(s) ? "1" : "0";
	else if (c == R_PROCEDURE && strcmp(s, "normal") && strcmp(s, "simplified"))
		v = NULL;
	if (!v)
		msg_die(EX_DATAERR, "%s:%ld: bad %s '%s'", tabin_name(t), t->row.line,
			rule_cols[c].name, s);
	return xstrdup(v);
}

static void
read_rules(struct assign *a)
{
	struct tabin t;
	size_t alloc = 0, c;
	/* pt-assign has no --ignore-unknown: an unknown column is refused here */
	int rc = tabin_open(&t, a->rules_path, a->cli.encoding, rule_cols, NRCOLS, 1);
	const char *u;

	if (rc == -1) {
		if (errno == EINVAL)
			msg_die(EX_USAGE, "unknown encoding '%s'", a->cli.encoding);
		msg_warn("%s:", a->rules_path);
		exit(EX_NOINPUT);
	}
	if (rc == -2)
		msg_die_at(EX_DATAERR, a->rules_path, t.hdr.line, "%s", t.err);
	if ((u = cli_unknown_column(&t)))
		msg_die(EX_DATAERR, "%s:%ld: unknown column '%s'", a->rules_path, t.hdr.line, u);
	while ((rc = tabin_next(&t)) > 0) {
		if (rc == 2)
			msg_die(EX_DATAERR, "%s:%ld: %s", a->rules_path, t.row.line, t.err);
		if (a->nrules == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			a->rules = xrealloc(a->rules, alloc * sizeof(*a->rules));
		}
		for (c = 0; c < NRCOLS; c++)
			a->rules[a->nrules].v[c] = rule_value(&t, c);
		if (!a->rules[a->nrules].v[R_UNIT])
			msg_die(EX_DATAERR, "%s:%ld: a rule needs a unit", a->rules_path, t.row.line);
		a->nrules++;
	}
	if (rc < 0)
		msg_die(EX_DATAERR, "%s: %s", a->rules_path, t.err);
	tabin_close(&t);
}

/* The first rule matching the case's facts (region..law_related), or NULL. */
static const struct rule *
match(const struct assign *a, const char *const *facts)
{
	size_t i, c;
	for (i = 0; i < a->nrules; i++) {
		for (c = R_REGION; c <= R_LAW; c++)
			if (a->rules[i].v[c] && (!facts[c] || strcmp(a->rules[i].v[c], facts[c])))
				break;
		if (c > R_LAW)
			return &a->rules[i];
	}
	return NULL;
}

static void open_ledger(struct assign *a);

static void
print_case(struct assign *a, const struct case_state *cs, const char *const *facts,
	   const char *received)
{
	char cid[24], due[DATE_BUF];
	const char *cells[NOUT] = {
		case_id_format(cs->id, cid), cs->unit, cs->leader,
		cs->due >= 0 ? date_format(cs->due, due) : NULL, cs->stage,
		cs->procedure, received, facts[R_CHANNEL], facts[R_REGION],
		facts[R_CATEGORY], facts[R_LEVEL],
		facts[R_LAW] && !strcmp(facts[R_LAW], "1") ? "yes" : "no",
	};
	out_row(&a->out, cells);
}

/*
 * Assign one case.  where names the input row for messages ("FILE:LINE: ")
 * and the stream's own unit, leader and procedure (NULL when absent) win.
 */
static void
assign_case(struct assign *a, int64_t id, const char *where, const char *unit,
	    const char *leader, const char *procedure)
{
	struct case_state cs;
	struct lc_event ev;
	const char *facts[R_LAW + 1];
	char cid[24], err[512], received[DATE_BUF * 2];
	const struct rule *r;
	sqlite3_stmt *st = a->facts;
	int rc, c;

	case_id_format(id, cid);
	/* read and write the case in one transaction */
	if (ledger_begin_once(&a->s.l) < 0 || (rc = lc_load(&a->s.db, id, &cs)) < 0)
		die_ledger(a);
	if (rc == 0) {
		a->refused++;
		msg_warn("%scase %s: no such case in the ledger", where, cid);
		return;
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		ledger_fail(&a->s.l);
		die_ledger(a);
	}
	for (c = R_REGION; c <= R_LAW; c++)
		facts[c] = (const char *)sqlite3_column_text(st, c);
	snprintf(received, sizeof(received), "%s", sqlite3_column_text(st, R_LAW + 1));

	if (strcmp(cs.stage, "registered") && strcmp(cs.stage, "in_progress")) {
		a->refused++;
		msg_warn("%scase %s: the case is %s; only registered or in-progress cases "
			 "are assigned", where, cid, cs.stage);
		sqlite3_reset(st);
		return;
	}
	/*
	 * A stream's unit column is an instruction only when it names another
	 * unit: pt-overdue's output carries the unit a case has now, and
	 * `pt-overdue | pt-assign --unit Y` must re-route it.
	 */
	if (unit && !strcmp(unit, cs.unit)) {
		unit = NULL;
		if (leader && !strcmp(leader, cs.leader))
			leader = NULL;
	}
	if (!unit)
		unit = a->unit;
	if (!unit && (r = match(a, facts))) {
		unit = r->v[R_UNIT];
		if (!leader)
			leader = r->v[R_LEADER];
		if (!procedure)
			procedure = r->v[R_PROCEDURE];
	}
	if (!leader)
		leader = a->leader;
	if (!procedure)
		procedure = a->procedure;
	if (!unit && *cs.unit) {
		unit = cs.unit;		/* routed before (--no-accept): accept it there */
		if (!leader && *cs.leader)
			leader = cs.leader;
	}
	if (!unit) {
		a->unmatched++;
		msg_warn("%scase %s: no rule matches (region %s, category %s, channel %s, level %s)",
			 where, cid, facts[R_REGION], facts[R_CATEGORY], facts[R_CHANNEL],
			 facts[R_LEVEL]);
		sqlite3_reset(st);
		return;
	}
	memset(&ev, 0, sizeof(ev));
	ev.days = -1;
	ev.resolved = -1;
	ev.date = a->date;
	ev.unit = unit;
	ev.leader = leader;
	ev.procedure = procedure;
	ev.by = a->cli.by;
	if (!strcmp(cs.stage, "registered") && !a->no_accept)
		ev.event = "accept";
	else if (!strcmp(cs.stage, "registered") && (strcmp(cs.unit, unit) ||
						     strcmp(cs.leader, leader ? leader : "")))
		ev.event = "assign";
	else if (!strcmp(cs.stage, "registered"))
		ev.event = NULL;
	else if (strcmp(cs.unit, unit))
		ev.event = "transfer";		/* 转办: the history stays in events */
	else if (leader && strcmp(cs.leader, leader))
		ev.event = "assign";
	else
		ev.event = NULL;
	if (!ev.event) {
		a->unchanged++;
	} else if (lc_apply(&cs, &ev, &a->s.cal, a->cli.as_of, err, sizeof(err)) < 0) {
		a->refused++;
		msg_warn("%scase %s: %s", where, cid, err);
	} else {
		if (lc_save(&a->s.db, &cs, &ev, "pt-assign") < 0)
			die_ledger(a);
		a->assigned++;
		print_case(a, &cs, facts, received);
		a->batch++;
	}
	sqlite3_reset(st);
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
	if (ledger_commit_open(&a->s.l) < 0)
		die_ledger(a);
	out_release(&a->out);
	a->batch = 0;
}

static void
assign_file(struct assign *a, const char *path)
{
	struct tabin t;
	char where[512];
	const char *cid;
	int64_t id;
	int rc = tabin_open(&t, path, a->cli.encoding, stream_cols, NSCOLS, 1);

	if (rc == -1) {
		if (errno == EINVAL)
			msg_die(EX_USAGE, "unknown encoding '%s'", a->cli.encoding);
		msg_warn("%s:", path);
		exit(EX_NOINPUT);
	}
	if (rc == -2)
		msg_die_at(EX_DATAERR, tabin_name(&t), t.hdr.line, "%s", t.err);
	/* nothing would name a unit: a usage error, before any case is read */
	if (!a->rules_path && !a->unit && t.map.field[S_UNIT] < 0) {
		msg_warn("%s: no unit column, and neither --rules nor --unit", tabin_name(&t));
		usage();
	}
	open_ledger(a);
	while ((rc = tabin_next(&t)) > 0) {
		snprintf(where, sizeof(where), "%s:%ld: ", tabin_name(&t), t.row.line);
		if (rc == 2) {
			a->refused++;
			msg_warn("%s%s", where, t.err);
			continue;
		}
		cid = tabin_get(&t, S_CASE);
		if (!cid || (id = case_id_parse(cid)) < 0) {
			a->refused++;
			msg_warn("%sbad case_id '%s'", where, cid ? cid : "");
			continue;
		}
		assign_case(a, id, where, tabin_get(&t, S_UNIT), tabin_get(&t, S_LEADER),
			    tabin_get(&t, S_PROCEDURE));
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
	int n, i, rc;

	do {
		n = 0;
		sqlite3_bind_int64(a->pending_ids, 1, last);
		while ((rc = sqlite3_step(a->pending_ids)) == SQLITE_ROW)
			ids[n++] = sqlite3_column_int64(a->pending_ids, 0);
		/* a failed read is no end of the pending cases */
		if (rc != SQLITE_DONE) {
			ledger_fail(&a->s.l);
			sqlite3_reset(a->pending_ids);
			die_ledger(a);
		}
		sqlite3_reset(a->pending_ids);
		for (i = 0; i < n; i++)
			assign_case(a, ids[i], "", NULL, NULL, NULL);
		maybe_commit(a, 1);
		if (n)
			last = ids[n - 1];
	} while (n == 1000);
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
			 a->cli.by, a->cli.as_of);
	if (!(a->facts = ledger_prepare(&a->s.l,
		"SELECT region, category, channel, level, law_related, received"
		" FROM cases WHERE id = ?1")) ||
	    !(a->pending_ids = ledger_prepare(&a->s.l,
		"SELECT id FROM cases WHERE open = 1 AND stage = 'registered'"
		" AND unit IS NULL AND id > ?1 ORDER BY id LIMIT 1000")))
		die_ledger(a);
	out_header(&a->out);
}

int
main(int argc, char **argv)
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
		{ NULL, 0, NULL, 0 }
	};
	struct assign a;
	const char *date = NULL;
	int c, i, secs;
	size_t r, k;

	msg_init(argv[0]);
	memset(&a, 0, sizeof(a));
	cli_init(&a.cli);
	a.calendar = getenv("PT_CALENDAR");
	if (a.calendar && !*a.calendar)
		a.calendar = NULL;
	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_RULES:
			a.rules_path = optarg;
			break;
		case OPT_UNIT:
			a.unit = optarg;
			break;
		case OPT_LEADER:
			a.leader = optarg;
			break;
		case OPT_PROCEDURE:
			if (strcmp(optarg, "normal") && strcmp(optarg, "simplified")) {
				msg_warn("unknown procedure '%s' (normal, simplified)", optarg);
				usage();
			}
			a.procedure = optarg;
			break;
		case OPT_PENDING:
			a.pending = 1;
			break;
		case OPT_NO_ACCEPT:
			a.no_accept = 1;
			break;
		case OPT_DATE:
			date = optarg;
			break;
		case OPT_CALENDAR:
			a.calendar = optarg;
			break;
		default:
			cli_xoption(&a.cli, c, optarg, "pt-assign", help, usage);
		}
	}
	argc -= optind;
	argv += optind;
	a.date = a.cli.as_of;
	if (date && date_parse(date, &a.date, &secs) < 0) {
		msg_warn("bad date '%s' for --date", date);
		usage();
	}
	if (a.pending && argc > 0) {
		msg_warn("--pending takes no files");
		usage();
	}
	/* once, before any case: lc_apply would refuse each case for it */
	if (a.unit && strlen(a.unit) >= LC_TEXT) {
		msg_warn("--unit is longer than %d bytes", LC_TEXT - 1);
		usage();
	}
	if (a.leader && strlen(a.leader) >= LC_TEXT) {
		msg_warn("--leader is longer than %d bytes", LC_TEXT - 1);
		usage();
	}
	/* a pending case has no unit: something must name one */
	if (a.pending && !a.rules_path && !a.unit) {
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
		fprintf(stderr, "pt-assign: %ld assigned, %ld unmatched, %ld refused, %ld unchanged\n",
			a.assigned, a.unmatched, a.refused, a.unchanged);
	if (out_finish(&a.out) < 0)
		msg_die(EX_IOERR, "write error:");
	for (r = 0; r < a.nrules; r++)
		for (k = 0; k < NRCOLS; k++)
			free(a.rules[r].v[k]);
	free(a.rules);
	sqlite3_finalize(a.facts);
	sqlite3_finalize(a.pending_ids);
	lc_session_close(&a.s);
	if (!a.out.closed && fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return a.unmatched || a.refused ? EX_DATAERR : 0;
}
