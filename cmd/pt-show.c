/* pt-show: look cases up: a case's whole life, a petitioner's cases, and the exchange between offices. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "i18n.h"
#include "idcard.h"
#include "ledger.h"
#include "msg.h"
#include "record.h"
#include "render.h"
#include "show.h"
#include "tabin.h"
#include "util.h"
#include "banned.h"

static const char usage_text[] = N_(
"usage: pt-show [-qt] [-d ledger] [-E encoding]\n"
"               [--format text|csv|tsv|jsonl|xlsx] [--bom] [--excel]\n"
"               [--unmask] [case_id ...]\n"
"       pt-show [-qt] [-d ledger] [--format text|csv|tsv|jsonl|xlsx] [--unmask]\n"
"               --petitioner who\n"
"       pt-show [-qt] [-d ledger] [-E encoding] [--format csv|tsv|jsonl|xlsx]\n"
"               --referral --unmask [--referred-by central|province|city]\n"
"               [case_id ...]\n"
"       pt-show [-qt] [-d ledger] [--format csv|tsv|jsonl|xlsx] [--unmask]\n"
"               --report-back [--referred-by central|province|city]\n"
"               [--since date]\n");

static const char help_text[] = N_(
	"\nLook cases up, reading the ledger only.  With case ids (else a case_id\n"
	"column on standard input: pt-overdue | pt-show), each case with its\n"
	"whole life: its registered columns, then its events in order.  Text for\n"
	"people by default; --format csv, tsv or jsonl prints one row per event.\n"
	"ID numbers and phones are masked unless --unmask.\n\n"
	"  -d, --db FILE          the ledger (default $PT_DB, else ./ledger.db)\n"
	"  -E, --encoding ENC     encoding of the case ids read from standard input\n"
	"      --petitioner WHO   every case of a petitioner, newest first: WHO is\n"
	"                         an ID number, a phone (digits), else a name\n"
	"      --referral         the cases as rows for the lower office's pt-intake\n"
	"                         (交办): referred_by, due, and LVL:case_id as ext_id\n"
	"      --referred-by LVL  the referring level: central, province or city\n"
	"                         (default city); with --report-back, only the cases\n"
	"                         that level referred\n"
	"      --report-back      the events to send up (报结) on the cases referred\n"
	"                         from above, as rows for the upper office's pt-update\n"
	"      --since DATE       with --report-back, only events dated DATE or later\n"
	"  -t, --tsv              print TSV (same as --format tsv)\n"
	"      --format FMT       text (default for cases and petitioners), csv\n"
	"                         (default for --referral and --report-back), tsv,\n"
	"                         jsonl or xlsx (Excel)\n"
	"      --bom              start CSV or TSV with a UTF-8 BOM (Excel)\n"
	"      --excel            neutralise cells starting with = + - @\n"
	"      --unmask           print ID numbers and phones in full\n"
	"  -q, --quiet            no summary line on stderr\n"
	"  -h, --help             this text; --version the version\n");

CLI_USAGE_HELP(usage_text, help_text)

enum { OPT_PETITIONER = OPT_TOOL_BASE, OPT_REFERRAL, OPT_REFERRED_BY, OPT_REPORT_BACK,
       OPT_SINCE };
enum mode { M_CASES, M_PETITIONER, M_REFERRAL, M_REPORT_BACK };

struct showtool {
	struct cli cli;
	enum mode mode;
	int text;		/* 1 the layout for people, 0 CSV/TSV/JSONL, -1 not said */
	const char *who, *referred_by, *level;
	char since[DATE_BUF];
	struct ledger l;
	struct show s;
	struct out out;
	struct strbuf buf[SHOW_MAXCOLS];	/* the masked cells of the row */
	long rows, cases, bad;	/* rows printed; cases found; case ids bad, not found or refused */
	long disputes;		/* of bad: disputes --referral refused */
	int werr;		/* errno of the text layout's first failed write */
};

static void __attribute__((noreturn))
die_ledger(struct showtool *t)
{
	cli_die_ledger(&t->l);
}

/*
 * The text layout written so far flushed; a failed write is kept (errno)
 * and stops the tool: quietly for a reader gone (EPIPE), else exit 74.
 */
static int
text_flushed(struct showtool *t)
{
	if (!t->werr && fflush(stdout) != 0)
		t->werr = errno ? errno : EIO;
	return !t->werr;
}

/* More to print: the reader is there and every write so far went. */
static int
printing(const struct showtool *t)
{
	return !out_closed(&t->out) && !t->werr;
}

/* Print the rows of the query begun: as text into tb, else as records. */
static void
print_rows(struct showtool *t, struct show_table *tb)
{
	const char *cells[SHOW_MAXCOLS];
	int rc;

	while (!out_closed(&t->out) && (rc = show_next(&t->s)) == 1) {
		show_row(&t->s, t->cli.unmask, cells, t->buf);
		if (tb)
			show_table_add(tb, cells);
		else
			out_row(&t->out, cells);
		t->rows++;
	}
	if (rc < 0)
		die_ledger(t);
}

/* One case id: its life, or its referral row.  Unknown ids are counted. */
static void
one_case(struct showtool *t, const char *where, const char *cid)
{
	struct show_table tb;
	const char *cells[SHOW_MAXCOLS];
	char buf[64];
	int64_t id = case_id_parse(cid);
	int rc;

	if (id < 0) {
		msg_warn("%sbad case_id '%s'", where, mask_shown(cid, buf, sizeof(buf)));
		t->bad++;
		return;
	}
	rc = t->mode == M_REFERRAL ? show_referral(&t->s, id, t->level) : show_case(&t->s, id);
	if (rc < 0)
		die_ledger(t);
	if (rc == 0) {
		msg_warn("%scase %s: no such case in the ledger", where, cid);
		t->bad++;
		return;
	}
	if (rc == 2) {
		msg_warn("%scase %s is a dispute: refer disputes on their own, for the lower"
			 " office's pt-intake --disputes", where, cid);
		t->bad++;
		t->disputes++;
		return;
	}
	t->cases++;
	show_row(&t->s, t->cli.unmask, cells, t->buf);
	if (t->mode == M_REFERRAL) {
		out_row(&t->out, cells);
		t->rows++;
		return;
	}
	if (t->text) {
		if (t->cases > 1)
			putchar('\n');
		show_print_case(stdout, cells);
		putchar('\n');
	}
	/* the events of the case, the case_id column left out of the text */
	show_table_init(&tb, SHOW_EVENTS, 1);
	if (show_events_begin(&t->s, id) < 0)
		die_ledger(t);
	print_rows(t, t->text ? &tb : NULL);
	show_table_print(&tb, stdout);
	show_table_release(&tb);
	if (t->text)
		text_flushed(t);
}

/* The case ids of a case stream on standard input (its case_id column). */
static void
stdin_cases(struct showtool *t)
{
	static const struct colspec stream[] = { { "case_id", "编号", 1 } };
	struct tabin in;
	char where[300], buf[600];
	int rc = tabin_open(&in, "-", t->cli.encoding, stream, 1, 1);

	switch (rc) {
	case -1:
		msg_die(errno == EINVAL ? EX_USAGE : EX_NOINPUT, "%s",
			errno == EINVAL ? "unknown encoding" : "cannot read standard input");
	case -2:
		msg_die_at(EX_DATAERR, tabin_name(&in), in.hdr.line, "%s", in.err);
	}
	while (printing(t) && (rc = tabin_next(&in)) > 0) {
		snprintf(where, sizeof(where), "%s:%ld: ", tabin_name(&in), in.row.line);
		if (rc == 2) {
			msg_warn("%s%s", where, mask_text(in.err, buf, sizeof(buf)));
			t->bad++;
		} else
			one_case(t, where, tabin_get(&in, 0) ? tabin_get(&in, 0) : "");
	}
	if (rc < 0)
		msg_die_at(EX_DATAERR, tabin_name(&in), in.row.end_line > 0 ?
			   in.row.end_line : in.hdr.end_line, "%s", in.err);
	tabin_close(&in);
}

/*
 * The statements, released at exit before the ledger is closed (atexit
 * runs last registered first): a statement left open keeps SQLite's -wal
 * and -shm beside the ledger, when pt-show dies on bad input.
 */
static struct show *at_exit_show;

static void
release_at_exit(void)
{
	if (at_exit_show)
		show_release(at_exit_show);
	at_exit_show = NULL;
}

/* The summary line on stderr. */
static void
summary(const struct showtool *t)
{
	if (t->mode == M_PETITIONER)
		fprintf(stderr, _("pt-show: %ld found\n"), t->rows);
	else if (t->mode == M_REPORT_BACK)
		fprintf(stderr, _("pt-show: %ld to report back\n"), t->rows);
	else if (t->mode == M_REFERRAL && t->disputes)
		fprintf(stderr, _("pt-show: %ld referred, %ld not found, %ld refused as disputes\n"),
			t->cases, t->bad - t->disputes, t->disputes);
	else if (t->mode == M_REFERRAL)
		fprintf(stderr, _("pt-show: %ld referred, %ld not found\n"), t->cases, t->bad);
	else
		fprintf(stderr, _("pt-show: %ld shown, %ld not found\n"), t->cases, t->bad);
}

static void
parse_options(struct showtool *t, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_LONGOPTS,
		CLI_UNMASK_OPT,
		{ "petitioner", required_argument, NULL, OPT_PETITIONER },
		{ "referral", no_argument, NULL, OPT_REFERRAL },
		{ "referred-by", required_argument, NULL, OPT_REFERRED_BY },
		{ "report-back", no_argument, NULL, OPT_REPORT_BACK },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ NULL, 0, NULL, 0 }
	};
	int c, day, modes = 0;

	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_PETITIONER:
			t->who = optarg;
			t->mode = M_PETITIONER;
			modes++;
			break;
		case OPT_REFERRAL:
			t->mode = M_REFERRAL;
			modes++;
			break;
		case OPT_REPORT_BACK:
			t->mode = M_REPORT_BACK;
			modes++;
			break;
		case OPT_REFERRED_BY:
			if (!(t->referred_by = rec_referred_parse(optarg)) || !*t->referred_by) {
				msg_warn("bad --referred-by '%s' (central, province, city)", optarg);
				usage();
			}
			break;
		case OPT_SINCE:
			if (date_parse(optarg, &day, NULL) < 0) {
				msg_warn("bad --since date '%s'", optarg);
				usage();
			}
			date_format(day, t->since);
			break;
		case OPT_AS_OF:
			msg_warn("--as-of: pt-show shows the ledger as it is");
			usage();
			break;
		case OPT_FORMAT:
			if (!strcmp(optarg, "text")) {
				t->text = 1;
				break;
			}
			/* fall through */
		case 't':
			t->text = 0;
			/* fall through */
		default:
			cli_xoption(&t->cli, c, optarg, "pt-show", help, usage);
		}
	}
	if (modes > 1 || (t->mode != M_REFERRAL && t->mode != M_REPORT_BACK && t->referred_by) ||
	    (t->mode != M_REPORT_BACK && *t->since) ||
	    (optind < argc && (t->mode == M_PETITIONER || t->mode == M_REPORT_BACK)))
		usage();
	if (t->mode >= M_REFERRAL && t->text == 1) {
		msg_warn("--referral and --report-back print csv, tsv or jsonl");
		usage();
	}
	if (t->mode == M_REFERRAL && !t->cli.unmask) {
		msg_warn("--referral hands ID numbers and phones to another office: give --unmask");
		usage();
	}
	if (t->text < 0)
		t->text = t->mode < M_REFERRAL;
	t->level = t->referred_by ? t->referred_by : "city";
}

int
main(int argc, char **argv)
{
	static const enum show_query outq[] = {
		[M_CASES] = SHOW_EVENTS, [M_PETITIONER] = SHOW_PETITIONER,
		[M_REFERRAL] = SHOW_REFERRAL, [M_REPORT_BACK] = SHOW_REPORT_BACK,
	};
	struct showtool t;
	struct show_table tb;
	const struct show_col *cols;
	const char *names[SHOW_MAXCOLS];
	size_t n, c;
	int i;

	msg_init(argv[0]);
	memset(&t, 0, sizeof(t));
	for (c = 0; c < SHOW_MAXCOLS; c++)
		strbuf_init(&t.buf[c]);
	t.text = -1;
	cli_init(&t.cli);
	parse_options(&t, argc, argv);
	if (optind == argc && t.mode <= M_REFERRAL && t.mode != M_PETITIONER && isatty(0)) {
		msg_warn("no case ids, and standard input is a terminal");
		usage();
	}
	signal(SIGPIPE, SIG_IGN);

	cli_ledger_at_exit(&t.l);
	if (ledger_open(&t.l, ledger_path(t.cli.db), LEDGER_READONLY) < 0) {
		if (t.l.missing)
			msg_die(69, "%s: no ledger", t.l.path);
		cli_die_ledger(&t.l);
	}
	at_exit_show = &t.s;
	atexit(release_at_exit);
	if (show_init(&t.s, &t.l) < 0)
		die_ledger(&t);
	cols = show_cols(outq[t.mode], &n);
	for (c = 0; c < n; c++)
		names[c] = cols[c].name;
	out_init(&t.out, stdout, t.cli.fmt, t.cli.out_flags, names, n);
	for (c = 0; c < n; c++)
		if (cols[c].numeric)
			out_numeric(&t.out, c);
	if (!t.text)
		out_header(&t.out);

	if (t.mode == M_PETITIONER || t.mode == M_REPORT_BACK) {
		if ((t.mode == M_PETITIONER ? show_petitioner_begin(&t.s, t.who) :
		     show_report_back_begin(&t.s, *t.since ? t.since : NULL, t.referred_by)) < 0)
			die_ledger(&t);
		show_table_init(&tb, outq[t.mode], 0);
		print_rows(&t, t.text ? &tb : NULL);
		show_table_print(&tb, stdout);
		show_table_release(&tb);
		text_flushed(&t);
	} else if (optind == argc)
		stdin_cases(&t);
	for (i = optind; i < argc && printing(&t); i++)
		one_case(&t, "", argv[i]);

	at_exit_show = NULL;
	if (show_release(&t.s) < 0)
		die_ledger(&t);
	if (out_finish(&t.out) < 0 || (text_flushed(&t), t.werr && t.werr != EPIPE)) {
		errno = t.werr ? t.werr : errno;
		msg_die(EX_IOERR, "write error:");
	}
	if (!t.cli.quiet && printing(&t))
		summary(&t);
	cli_ledger_close();
	for (c = 0; c < SHOW_MAXCOLS; c++)
		strbuf_release(&t.buf[c]);
	if (!t.werr && fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return t.bad ? EX_DATAERR : 0;
}
