/* pt-intake: register new petitions from CSV/TSV into the ledger. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "csvin.h"
#include "csvout.h"
#include "history.h"
#include "idcard.h"
#include "ledger.h"
#include "msg.h"
#include "record.h"
#include "register.h"
#include "rejects.h"
#include "util.h"
#include "banned.h"

static const char usage_text[] = N_(
"usage: pt-intake [-qt] [-d ledger] [-E encoding] [--rejects file]\n"
"                 [--ignore-unknown] [--map name=column] [--disputes]\n"
"                 [--format csv|tsv|jsonl|xlsx] [--bom] [--excel] [--unmask]\n"
"                 [--history] [--as-of date] [--by name] [file ...]\n"
"       pt-intake --columns [-t] [--format csv|tsv|jsonl]\n");

enum { OPT_MAP = OPT_TOOL_BASE, OPT_DISPUTES, OPT_COLUMNS, OPT_HISTORY };

#define MAX_REJECT_MSGS 20	/* with --rejects, messages beyond this are counted */

struct intake {
	struct cli cli;
	struct reg reg;		/* the ledger, the batch and its spool */
	struct out out;		/* new cases, printed once their batch commits */
	struct reg_out cols;	/* its columns, set by the first input's header */
	int started;		/* its header written */
	struct colmap_alias *map;	/* --map */
	size_t nmap;
	int disputes;		/* --disputes */
	int progress;		/* a progress line on stderr (a terminal) */
	struct reg_progress prog;
	struct rejects *rj;
	long added, rejected, present_n;
	long completed;		/* of present_n: cases without their steps, given them */
	long reject_msgs;
	int accepted;		/* inputs whose header was accepted */
	int history;		/* --history: the lifecycle columns too */
	struct history hist;	/* their steps, recorded as each batch commits */
	struct strbuf input;	/* the inputs, for the steps' runs row */
};

static const char help_text[] = N_(
	"\nRegister petitions from CSV or TSV (gzip and GB18030 welcome) and print\n"
	"the new cases.  Rows that cannot be registered go to --rejects.\n"
	"--columns lists the columns read; pt-intake(1) tells all of them.\n\n"
	"  -d, --db FILE          the ledger (default $PT_DB, else ./ledger.db)\n"
	"  -E, --encoding ENC     input encoding, e.g. GB18030 (default UTF-8)\n"
	"      --rejects FILE     write refused rows there with line and reason\n"
	"      --ignore-unknown   skip columns pt does not know\n"
	"      --map NAME=COLUMN  read the header name NAME as COLUMN (repeatable)\n"
	"      --columns          list the columns, their aliases and values; exit\n"
	"      --disputes         register the rows as disputes (矛盾纠纷)\n"
	"  -t, --tsv              print TSV (same as --format tsv)\n"
	"      --format FMT       csv (default), tsv, jsonl or xlsx (Excel)\n"
	"      --bom              start the output with a UTF-8 BOM (Excel)\n"
	"      --excel            neutralise cells starting with = + - @\n"
	"      --unmask           print ID numbers and phones in full\n"
	"      --history          past cases with their lifecycle: accepted unit\n"
	"                         leader procedure concluded resolved replied rated\n"
	"                         rating bureau_rating closed, each step an event\n"
	"      --as-of DATE       today, for checks and deadlines\n"
	"      --by NAME          who registers (default $USER)\n"
	"  -q, --quiet            no summary line on stderr\n"
	"  -h, --help             this text; --version the version\n");

CLI_USAGE_HELP(usage_text, help_text)

/* A failure of the registration: said as it keeps it, with its status. */
static void
die_reg(struct intake *in)
{
	msg_die(in->reg.status, "%s", in->reg.err);
}

/* Print one new case as it went into the ledger (as its history left it: cs), masked. */
static void
print_case(struct intake *in, const struct reg_case *c, const struct case_state *cs)
{
	const char *cells[REG_OUT_MAX];
	char due[DATE_BUF];

	reg_out_cells(&in->cols, c, in->cli.unmask, cells);
	if (cs) {	/* where its history left it */
		cells[17] = cs->stage;
		cells[18] = cs->due >= 0 ? date_format(cs->due, due) : NULL;
	}
	out_row(&in->out, cells);
}

/*
 * The output's header, once: its columns as the first input's header (map)
 * has them; NULL when no input had one.
 */
static void
start_output(struct intake *in, const struct colmap *map)
{
	if (in->started++)
		return;
	reg_out_columns(&in->cols, map, in->disputes);
	out_init(&in->out, stdout, in->cli.fmt, in->cli.out_flags, in->cols.names,
		 in->cols.n);
	out_numeric(&in->out, 6);
	out_header(&in->out);
}

/* A row refused: to the rejects, and said (up to a point with --rejects). */
static void
reject(struct intake *in, const char *name, const struct csvrow *hdr,
       const struct csvrow *row, const char *reason)
{
	char shown[600];

	in->rejected++;
	if (in->rj) {
		if (rejects_add(in->rj, name, hdr, row, reason) < 0)
			msg_die(EX_IOERR, "%s: write error:", in->cli.rejects);
		if (in->reject_msgs++ >= MAX_REJECT_MSGS)
			return;
	}
	if (in->progress)
		fputs("\r\033[K", stderr);	/* the message on a line of its own */
	/* a reason may quote the row (a column's name, a value): numbers masked */
	msg_warn("%s:%ld: %s", name, row->line, mask_text(reason, shown, sizeof(shown)));
}

/* The batch to be committed (all: waited for), then those committed printed. */
static void
flush(struct intake *in, const char *input, const struct csvrow *hdr, int all)
{
	struct reg_case c;
	struct case_state cs;
	char why[512];
	int rc, steps = 0;	/* steps: hist_next set cs */

	if (reg_flush(&in->reg, all) < 0)
		die_reg(in);
	while ((rc = reg_next(&in->reg, &c)) > 0) {
		if (in->history && (steps = hist_next(&in->hist, c.outcome == REG_CONFLICT ? 0 : c.id,
						      c.outcome == REG_PRESENT, &cs)) < 0)
			msg_die(ledger_exit_code(&in->hist.s.l), "%s", in->hist.err);
		if (c.outcome == REG_PRESENT && steps > 0)
			in->completed++;
		if (c.outcome == REG_CONFLICT)	/* rejected as it was read */
			reject(in, input, hdr, c.raw, reg_conflict_reason(&c, why, sizeof(why)));
		else if (c.outcome == REG_PRESENT)
			in->present_n++;
		else {
			in->added++;
			if (!out_closed(&in->out))
				print_case(in, &c, in->history ? &cs : NULL);
		}
	}
	if (rc < 0)
		die_reg(in);
	if (in->history && hist_commit(&in->hist) < 0)
		msg_die(ledger_exit_code(&in->hist.s.l), "%s", in->hist.err);
	if (fflush(stdout) != 0 || in->out.error) {
		if (errno != EPIPE && in->out.error != EPIPE)
			msg_die(EX_IOERR, "write error on standard output:");
		in->out.closed = 1;
	}
}

/*
 * Open (or create) the ledger, once, when the first input's header has
 * been accepted: a file refused before its first row leaves no ledger.
 * A pipe's header is there as soon as its writer has written it (the
 * reader returns what a pipe holds as it comes), so a pipe is no
 * exception.
 */
static void
ledger_start(struct intake *in)
{
	if (reg_ledger(&in->reg, ledger_path(in->cli.db)) < 0)
		die_reg(in);
	in->reg.present_ids = in->history;	/* a present case may lack its steps */
	if (in->history && !in->hist.s.l.db)
		lc_session_xopen(&in->hist.s, ledger_path(in->cli.db), NULL, "pt-intake",
				 in->cli.by, in->input.buf, in->cli.as_of);
}

/*
 * End the run: the output and the rejects closed with a check, the
 * summary line (none when the first input was refused: its message says
 * all), everything released.  Returns the exit status: code when
 * it is not 0, else 65 when a row was rejected, else 0.
 */
static int
finish(struct intake *in, int code)
{
	start_output(in, NULL);
	if (in->progress)
		fputs("\r\033[K", stderr);	/* the progress line, cleared */
	if (out_finish(&in->out) < 0)
		msg_die(EX_IOERR, "write error:");
	if (rejects_close(in->rj) < 0)
		msg_die(EX_IOERR, "%s: write error:", in->cli.rejects);
	if (in->rj && in->reject_msgs > MAX_REJECT_MSGS)
		msg_warn("%ld more rejected rows in %s", in->reject_msgs - MAX_REJECT_MSGS,
			 in->cli.rejects);
	if (!in->cli.quiet && in->completed)
		fprintf(stderr, _("pt-intake: %ld already in the ledger without their steps:"
				  " steps recorded\n"), in->completed);
	if (!in->cli.quiet && in->accepted)
		fprintf(stderr, _("pt-intake: %ld added, %ld rejected, %ld already in the ledger\n"),
			in->added, in->rejected, in->present_n);
	reg_close(&in->reg);
	hist_close(&in->hist);
	strbuf_release(&in->input);
	free(in->map);
	if (!code)
		code = in->rejected ? EX_DATAERR : 0;
	if (!in->out.closed && fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return code;
}

/*
 * Read and map src's header into h: 0, or -1 when the input is refused
 * (an empty input, a bad header, unknown, duplicate or missing columns),
 * said on stderr; h is then left for intake_header_release.
 */
static int
header_read(struct intake *in, struct csvin *src, struct intake_header *h)
{
	struct csvrow row;
	char err[2048];
	int rc = csvin_next(src, &row);

	if (rc < 0) {
		msg_warn("%s:1: %s", csvin_name(src), csvin_errmsg(src));
		return -1;
	}
	if (rc == 0) {
		msg_warn("%s: empty input, no header", csvin_name(src));
		return -1;
	}
	if (row.problem) {
		msg_warn("%s:%ld: %s in the header", csvin_name(src), row.line,
			 csvin_problem_text(src, row.problem));
		return -1;
	}
	if (in->history)
		h->also = hist_cols, h->nalso = HIST_NCOLS;
	if (intake_header_build(h, &row, in->map, in->nmap, in->cli.ignore_unknown,
				err, sizeof(err)) < 0) {
		msg_warn_lines(csvin_name(src), row.line, err);	/* one line each */
		return -1;
	}
	start_output(in, &h->map);
	return 0;
}

/* One row: refused, or into the batch (committed when full). */
static void
intake_row(struct intake *in, struct csvin *src, const struct intake_header *h,
	   const struct csvrow *row, struct intake_work *w)
{
	char err[512];
	struct intake_rec r;
	int rc;

	if (in->progress && reg_progress_row(&in->prog, in->added, in->rejected,
					     err, sizeof(err)))
		fprintf(stderr, "\rpt-intake: %s\033[K", err);
	if (row->problem) {
		const char *col = row->problem_field < h->map.nfields
			? h->row.fields[row->problem_field] : "beyond the header";
		snprintf(err, sizeof(err), "%s in column %s",
			 csvin_problem_text(src, row->problem), col);
		reject(in, csvin_name(src), &h->row, row, err);
		return;
	}
	if (intake_parse_row(&h->map, row, in->cli.as_of, &r, w, err, sizeof(err)) < 0 ||
	    (in->history && hist_check(&in->hist, &h->map, w->fields, row->nfields, &r,
				       err, sizeof(err)))) {
		reject(in, csvin_name(src), &h->row, row, err);
		return;
	}
	if ((rc = reg_add(&in->reg, &r, row)) < 0)
		die_reg(in);
	if (rc > 0)
		flush(in, csvin_name(src), &h->row, 0);
}

static void
intake_file(struct intake *in, const char *path)
{
	struct csvin *src = csvin_open(path, in->cli.encoding);
	struct intake_work w;
	struct intake_header h;
	struct csvrow row;
	int rc;

	if (!src) {
		if (errno == EINVAL)
			msg_die(EX_USAGE, "unknown encoding '%s'", in->cli.encoding);
		msg_warn("%s:", path);
		exit(finish(in, EX_NOINPUT));
	}
	memset(&h, 0, sizeof(h));
	if (header_read(in, src, &h) < 0) {
		/* the inputs before stay registered; the run ends, summed up */
		intake_header_release(&h);
		csvin_close(src);
		exit(finish(in, EX_DATAERR));
	}
	ledger_start(in);
	in->accepted++;
	reg_input(&in->reg, csvin_name(src));
	intake_work_init(&w);
	w.dispute = in->disputes;
	while ((rc = csvin_next(src, &row)) > 0)
		intake_row(in, src, &h, &row, &w);
	flush(in, csvin_name(src), &h.row, 1);
	if (rc < 0) {
		/* what was read so far stays, committed; then stop, summed up */
		msg_warn("%s:%ld: %s", csvin_name(src), row.end_line, csvin_errmsg(src));
		exit(finish(in, EX_DATAERR));
	}
	intake_work_release(&w);
	intake_header_release(&h);
	csvin_close(src);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_LONGOPTS,
		CLI_UNMASK_OPT,
		{ "by", required_argument, NULL, OPT_BY },
		{ "rejects", required_argument, NULL, OPT_REJECTS },
		{ "ignore-unknown", no_argument, NULL, OPT_IGNORE_UNKNOWN },
		{ "history", no_argument, NULL, OPT_HISTORY },
		{ "map", required_argument, NULL, OPT_MAP },
		{ "disputes", no_argument, NULL, OPT_DISPUTES },
		{ "columns", no_argument, NULL, OPT_COLUMNS },
		{ NULL, 0, NULL, 0 }
	};
	struct msg_colset cols[2] = { { "input", rec_colspec(), REC_NCOLS, NULL },
				      { "input", hist_cols, HIST_NCOLS, hist_values } };
	struct intake in;
	int c, i, columns = 0;

	msg_init(argv[0]);
	memset(&in, 0, sizeof(in));
	cli_init(&in.cli);
	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == OPT_MAP) {
			in.map = xrealloc(in.map, (in.nmap + 1) * sizeof(*in.map));
			if (rec_map_parse(optarg, &in.map[in.nmap++]) < 0) {
				msg_warn("--map '%s': not NAME=COLUMN with a column of pt-intake "
					 "(--columns lists them)", optarg);
				usage();
			}
		} else if (c == OPT_DISPUTES || c == OPT_COLUMNS || c == OPT_HISTORY)
			*(c == OPT_DISPUTES ? &in.disputes : c == OPT_COLUMNS ? &columns
			  : &in.history) = 1;
		else
			cli_xoption(&in.cli, c, optarg, "pt-intake", help, usage);
	}
	if (columns)
		msg_columns(&in.cli, cols, in.history ? 2 : 1);
	in.progress = !in.cli.quiet && isatty(2);
	reg_progress_start(&in.prog);
	argc -= optind;
	argv += optind;
	hist_init(&in.hist, in.cli.by);
	lc_input_names(&in.input, argc, argv, "<stdin>");
	signal(SIGPIPE, SIG_IGN);
	cli_check_inputs(in.cli.rejects, argc, argv);

	if (reg_open(&in.reg, "pt-intake", in.cli.by) < 0)
		die_reg(&in);
	if (in.cli.rejects && !(in.rj = rejects_open(in.cli.rejects)))
		msg_die(EX_CANTCREAT, "%s:", in.cli.rejects);

	if (argc == 0)
		intake_file(&in, "-");
	for (i = 0; i < argc; i++)
		intake_file(&in, argv[i]);
	return finish(&in, 0);
}
