/* pt-intake: register new petitions from CSV/TSV into the ledger. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "csvin.h"
#include "csvout.h"
#include "date.h"
#include "idcard.h"
#include "ledger.h"
#include "msg.h"
#include "record.h"
#include "rejects.h"
#include "util.h"
#include "banned.h"

#define BATCH 50000		/* rows per transaction */
#define MAX_REJECT_MSGS 20	/* with --rejects, messages beyond this are counted */
#define ACCEPT_DAYS 15		/* accept, reject or transfer within 15 days */

static const char usage_text[] =
"usage: pt-intake [-qt] [-d ledger] [-E encoding] [--rejects file]\n"
"                 [--ignore-unknown] [--format csv|tsv|jsonl] [--bom] [--excel]\n"
"                 [--unmask] [--as-of date] [--by name] [file ...]\n";

static const char *const out_cols[] = {
	"case_id", "received", "channel", "name", "id_number", "phone", "persons",
	"region", "category", "level", "referred_by", "ext_id", "law_related",
	"tags", "kind", "first_case", "collective", "stage", "due", "summary",
};
#define NOUT (sizeof(out_cols) / sizeof(out_cols[0]))

struct intake {
	struct cli cli;
	struct ledger l;
	sqlite3_stmt *ins, *max_seq, *matter, *add_matter, *tag, *run;
	int64_t run_id;
	int64_t next_seq[1100];	/* per year from 1900, valid in one transaction */
	struct out out;		/* new cases, held in a temporary file until */
	FILE *ostream;		/* their batch commits */
	int out_gone;		/* stdout's reader went away: keep registering */
	struct rejects *rj;
	long added, rejected, present, batch;
	long reject_msgs;
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
	fputs("\nRegister petitions from CSV or TSV (gzip and GB18030 welcome) and print\n"
	      "the new cases.  Rows that cannot be registered go to --rejects.\n\n"
	      "  -d, --db FILE          the ledger (default $PT_DB, else ./ledger.db)\n"
	      "  -E, --encoding ENC     input encoding, e.g. GB18030 (default UTF-8)\n"
	      "      --rejects FILE     write refused rows there with line and reason\n"
	      "      --ignore-unknown   skip columns pt does not know\n"
	      "  -t, --tsv              print TSV (same as --format tsv)\n"
	      "      --format FMT       csv (default), tsv or jsonl\n"
	      "      --bom              start the output with a UTF-8 BOM (Excel)\n"
	      "      --excel            neutralise cells starting with = + - @\n"
	      "      --unmask           print ID numbers and phones in full\n"
	      "      --as-of DATE       today, for checks and deadlines\n"
	      "      --by NAME          who registers (default $USER)\n"
	      "  -q, --quiet            no summary line on stderr\n"
	      "  -h, --help             this text; --version the version\n", stdout);
	exit(0);
}

static void
die_ledger(struct intake *in)
{
	msg_die(ledger_exit_code(&in->l), "%s: %s", in->l.path, in->l.err);
}

static sqlite3_stmt *
prep(struct intake *in, const char *sql)
{
	sqlite3_stmt *st = ledger_prepare(&in->l, sql);
	if (!st)
		die_ledger(in);
	return st;
}

static void
prepare_all(struct intake *in)
{
	in->ins = prep(in,
		"INSERT INTO cases (id, received, channel, name, id_number, phone,"
		" persons, region, category, level, referred_by, ref_due, ext_id,"
		" law_related, tags, summary, kind, first_case, collective,"
		" fingerprint, run, stage, stage_start, due)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,"
		" ?17,?18,?19,?20,?21,'registered',?22,?23)"
		" ON CONFLICT DO NOTHING");
	in->max_seq = prep(in, "SELECT max(id) FROM cases WHERE id >= ?1 AND id < ?2");
	in->matter = prep(in, "SELECT first_case FROM matters WHERE key = ?1");
	in->add_matter = prep(in,
		"INSERT OR IGNORE INTO matters (key, first_case) VALUES (?1, ?2)");
	in->tag = prep(in, "INSERT OR IGNORE INTO case_tags (tag, case_ref) VALUES (?1, ?2)");
	in->run = prep(in,
		"INSERT INTO runs (tool, started, by, input)"
		" VALUES ('pt-intake', datetime('now', 'localtime'), ?1, ?2)");
}

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Run a statement that returns at most one integer; 0 when no row. */
static int64_t
step_id(struct intake *in, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	int64_t v = 0;

	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE) {
		ledger_fail(&in->l);
		die_ledger(in);
	}
	sqlite3_reset(st);
	return v;
}

static void
step_done(struct intake *in, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		ledger_fail(&in->l);
		die_ledger(in);
	}
	sqlite3_reset(st);
}

/*
 * Matter keys: a petitioner on a matter (same category and region).  The
 * petitioner is known by ID number, else by name and phone, so a case has
 * up to two keys, and name-and-phone keys come in two kinds: of every case
 * (NP_ANY, found by a case without ID number) and of cases without one
 * (NP_NOID, found by a case with an ID number, which must not match a
 * different ID number through name and phone).
 */
enum { KEY_ID = 'I', KEY_NP_ANY = 'A', KEY_NP_NOID = 'N' };

static int64_t
matter_key(int kind, const struct intake_rec *r)
{
	const char *v[] = { kind == KEY_ID ? r->id_number : r->name,
			    kind == KEY_ID ? "" : r->phone, r->category, r->region };
	uint64_t h = hash64(HASH64_INIT, &(char){ (char)kind }, 1);
	size_t i;
	for (i = 0; i < 4; i++) {
		h = hash64(h, v[i], strlen(v[i]));
		h = hash64(h, "\x1f", 1);
	}
	return (int64_t)h;
}

/* The first case of this petitioner's matter, or 0. */
static int64_t
find_first(struct intake *in, const struct intake_rec *r)
{
	int64_t id = 0;

	if (r->id_number) {
		sqlite3_bind_int64(in->matter, 1, matter_key(KEY_ID, r));
		id = step_id(in, in->matter);
	}
	if (!id && r->phone) {
		sqlite3_bind_int64(in->matter, 1,
			matter_key(r->id_number ? KEY_NP_NOID : KEY_NP_ANY, r));
		id = step_id(in, in->matter);
	}
	return id;
}

static void
add_matter(struct intake *in, int kind, const struct intake_rec *r, int64_t first)
{
	sqlite3_bind_int64(in->add_matter, 1, matter_key(kind, r));
	sqlite3_bind_int64(in->add_matter, 2, first);
	step_done(in, in->add_matter);
}

/* Record this case's keys, so later cases find the matter's first case. */
static void
add_matters(struct intake *in, const struct intake_rec *r, int64_t first)
{
	if (r->id_number)
		add_matter(in, KEY_ID, r, first);
	if (r->phone) {
		add_matter(in, KEY_NP_ANY, r, first);
		if (!r->id_number)
			add_matter(in, KEY_NP_NOID, r, first);
	}
}

static int64_t
next_id(struct intake *in, int day)
{
	int y, m, d;
	int64_t *seq;

	date_to_ymd(day, &y, &m, &d);
	seq = &in->next_seq[y - 1900];
	if (!*seq) {
		int64_t base = (int64_t)y * CASE_SEQ_BASE, max;
		sqlite3_bind_int64(in->max_seq, 1, base);
		sqlite3_bind_int64(in->max_seq, 2, base + CASE_SEQ_BASE);
		max = step_id(in, in->max_seq);
		*seq = max ? max + 1 : base + 1;
	}
	return *seq;
}

static void
print_case(struct intake *in, const struct intake_rec *r, int64_t id,
	   const char *kind, int64_t first, const char *due)
{
	char cid[24], fid[24], persons[24], idm[64], phm[64];
	const char *cells[NOUT];

	snprintf(persons, sizeof(persons), "%ld", r->persons);
	cells[0] = case_id_format(id, cid);
	cells[1] = r->received;
	cells[2] = r->channel;
	cells[3] = r->name;
	cells[4] = r->id_number && !in->cli.unmask ? mask_id(r->id_number, idm, sizeof(idm))
						   : r->id_number;
	cells[5] = r->phone && !in->cli.unmask ? mask_phone(r->phone, phm, sizeof(phm))
					       : r->phone;
	cells[6] = persons;
	cells[7] = r->region;
	cells[8] = r->category;
	cells[9] = r->level;
	cells[10] = r->referred_by;
	cells[11] = r->ext_id;
	cells[12] = r->law_related ? "yes" : "no";
	cells[13] = r->tags;
	cells[14] = kind;
	cells[15] = first ? case_id_format(first, fid) : NULL;
	cells[16] = r->collective ? "yes" : "no";
	cells[17] = "registered";
	cells[18] = due;
	cells[19] = r->summary;
	out_row(&in->out, cells);
}

/* Register one valid row.  Returns 1 when added, 0 when already present. */
static int
register_case(struct intake *in, const struct intake_rec *r)
{
	sqlite3_stmt *st = in->ins;
	int64_t id = next_id(in, r->received_day), first = 0;
	const char *kind;
	char due[DATE_BUF];
	int due_day = r->received_day + ACCEPT_DAYS;

	first = find_first(in, r);
	if (r->referred_by)
		kind = "referred";	/* 交办件, whether or not a repeat */
	else if (first)
		kind = "repeat";
	else
		kind = "first";
	date_format(due_day, due);

	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, r->received);
	bind_text(st, 3, r->channel);
	bind_text(st, 4, r->name);
	bind_text(st, 5, r->id_number);
	bind_text(st, 6, r->phone);
	sqlite3_bind_int64(st, 7, r->persons);
	bind_text(st, 8, r->region);
	bind_text(st, 9, r->category);
	bind_text(st, 10, r->level);
	bind_text(st, 11, r->referred_by);
	bind_text(st, 12, r->due_day >= 0 ? r->due : NULL);
	bind_text(st, 13, r->ext_id);
	sqlite3_bind_int(st, 14, r->law_related);
	bind_text(st, 15, r->tags);
	bind_text(st, 16, r->summary);
	bind_text(st, 17, kind);
	if (first)
		sqlite3_bind_int64(st, 18, first);
	else
		sqlite3_bind_null(st, 18);
	sqlite3_bind_int(st, 19, r->collective);
	if (r->ext_id)
		sqlite3_bind_null(st, 20);
	else
		sqlite3_bind_int64(st, 20, (int64_t)r->fingerprint);
	sqlite3_bind_int64(st, 21, in->run_id);
	bind_text(st, 22, r->received);
	bind_text(st, 23, due);
	step_done(in, st);
	if (!sqlite3_changes(in->l.db))
		return 0;	/* ext_id or fingerprint already in the ledger */
	in->next_seq[id / CASE_SEQ_BASE - 1900]++;

	if (r->tags) {
		const char *p = r->tags;
		while (*p) {
			const char *e = strchr(p, ';');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			sqlite3_bind_text(in->tag, 1, p, (int)n, SQLITE_STATIC);
			sqlite3_bind_int64(in->tag, 2, id);
			step_done(in, in->tag);
			p += n + (e != NULL);
		}
	}
	add_matters(in, r, first ? first : id);
	print_case(in, r, id, kind, first, due);
	return 1;
}

static void
begin(struct intake *in)
{
	if (ledger_begin(&in->l) < 0)
		die_ledger(in);
	memset(in->next_seq, 0, sizeof(in->next_seq));
	in->batch = 0;
}

/* Commit the batch, then print its cases: a reader sees them in the ledger. */
static void
commit(struct intake *in)
{
	long len = ftell(in->ostream);
	char buf[65536];
	size_t n;

	if (ledger_commit(&in->l) < 0)
		die_ledger(in);
	if (fflush(in->ostream) != 0 || len < 0)
		msg_die(EX_IOERR, "temporary file:");
	rewind(in->ostream);
	while (len > 0 && !in->out_gone) {
		n = fread(buf, 1, len < (long)sizeof(buf) ? (size_t)len : sizeof(buf),
			  in->ostream);
		if (n == 0)
			msg_die(EX_IOERR, "temporary file: read error");
		len -= (long)n;
		if (fwrite(buf, 1, n, stdout) != n || fflush(stdout) != 0) {
			if (errno != EPIPE)
				msg_die(EX_IOERR, "write error on standard output:");
			in->out_gone = 1;
		}
	}
	rewind(in->ostream);
}

static void
reject(struct intake *in, struct csvin *src, const struct csvrow *hdr,
       const struct csvrow *row, const char *reason)
{
	in->rejected++;
	if (in->rj) {
		if (rejects_add(in->rj, csvin_name(src), hdr, row, reason) < 0)
			msg_die(EX_IOERR, "%s: write error:", in->cli.rejects);
		if (in->reject_msgs++ >= MAX_REJECT_MSGS)
			return;
	}
	msg_warn("%s:%ld: %s", csvin_name(src), row->line, reason);
}

static void
intake_file(struct intake *in, const char *path)
{
	struct csvin *src = csvin_open(path, in->cli.encoding);
	struct csvrow row, hdr;
	struct header_map map;
	struct strbuf hdrcopy, tagbuf;
	char **hnames = NULL;
	char err[512];
	struct intake_rec r;
	size_t i;
	int rc;

	if (!src) {
		if (errno == EINVAL)
			msg_die(EX_USAGE, "unknown encoding '%s'", in->cli.encoding);
		msg_warn("%s:", path);
		exit(EX_NOINPUT);
	}
	rc = csvin_next(src, &row);
	if (rc <= 0) {
		if (rc < 0)
			msg_die(EX_DATAERR, "%s: %s", csvin_name(src), csvin_errmsg(src));
		msg_warn("%s: empty input, no header", csvin_name(src));
		in->rejected += 0;
		csvin_close(src);
		exit(EX_DATAERR);
	}
	if (row.problem) {
		msg_warn("%s:%ld: %s in the header", csvin_name(src), row.line,
			 csvin_problem_text(src, row.problem));
		csvin_close(src);
		exit(EX_DATAERR);
	}
	/* keep the header's names: the row buffer is reused */
	strbuf_init(&hdrcopy);
	for (i = 0; i < row.nfields; i++)
		strbuf_add(&hdrcopy, row.fields[i], row.lens[i] + 1);
	hnames = xcalloc(row.nfields, sizeof(*hnames));
	hnames[0] = hdrcopy.buf;
	for (i = 1; i < row.nfields; i++)
		hnames[i] = hnames[i - 1] + strlen(hnames[i - 1]) + 1;
	hdr = row;
	hdr.fields = hnames;
	hdr.lens = xcalloc(row.nfields, sizeof(*hdr.lens));
	for (i = 0; i < row.nfields; i++)
		hdr.lens[i] = strlen(hnames[i]);
	if (header_map_build(&map, hnames, row.nfields, in->cli.ignore_unknown,
			     err, sizeof(err)) < 0) {
		msg_die(EX_DATAERR, "%s:%ld: %s", csvin_name(src), row.line, err);
	}

	strbuf_init(&tagbuf);
	begin(in);
	bind_text(in->run, 1, in->cli.by);
	bind_text(in->run, 2, csvin_name(src));
	step_done(in, in->run);
	in->run_id = sqlite3_last_insert_rowid(in->l.db);

	while ((rc = csvin_next(src, &row)) > 0) {
		if (row.problem) {
			const char *col = row.problem_field < map.nfields
				? hnames[row.problem_field] : "beyond the header";
			snprintf(err, sizeof(err), "%s in column %s",
				 csvin_problem_text(src, row.problem), col);
			reject(in, src, &hdr, &row, err);
			continue;
		}
		strbuf_reset(&tagbuf);
		strbuf_grow(&tagbuf, 64 + (row.nfields ? row.lens[0] : 0));
		for (i = 0; i < row.nfields; i++)
			strbuf_grow(&tagbuf, row.lens[i] + 64);
		/* a copy of the row for the rejects: parsing trims in place */
		if (intake_parse(&map, row.fields, row.nfields, in->cli.as_of, &r,
				 tagbuf.buf, tagbuf.alloc, err, sizeof(err)) < 0) {
			reject(in, src, &hdr, &row, err);
			continue;
		}
		if (register_case(in, &r))
			in->added++;
		else
			in->present++;
		if (++in->batch >= BATCH) {
			commit(in);
			begin(in);
		}
	}
	if (rc < 0) {
		/* what was read so far stays: commit it, then stop */
		commit(in);
		msg_die(EX_DATAERR, "%s:%ld: %s", csvin_name(src), row.end_line,
			csvin_errmsg(src));
	}
	commit(in);
	strbuf_release(&tagbuf);
	strbuf_release(&hdrcopy);
	header_map_release(&map);
	free(hnames);
	free(hdr.lens);
	csvin_close(src);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_LONGOPTS,
		{ "by", required_argument, NULL, OPT_BY },
		{ "rejects", required_argument, NULL, OPT_REJECTS },
		{ "ignore-unknown", no_argument, NULL, OPT_IGNORE_UNKNOWN },
		{ NULL, 0, NULL, 0 }
	};
	struct intake in;
	char err[256];
	int c, i, status;

	msg_init(argv[0]);
	memset(&in, 0, sizeof(in));
	cli_init(&in.cli);
	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == 'h')
			help();
		if (c == OPT_VERSION) {
			printf("pt-intake %s\n", PT_VERSION);
			return 0;
		}
		switch (cli_option(&in.cli, c, optarg, err, sizeof(err))) {
		case 1:
			continue;
		case -1:
			msg_warn("%s", err);
			/* fall through */
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	signal(SIGPIPE, SIG_IGN);

	if (ledger_open(&in.l, ledger_path(in.cli.db), LEDGER_CREATE) < 0)
		die_ledger(&in);
	prepare_all(&in);
	if (in.cli.rejects && !(in.rj = rejects_open(in.cli.rejects)))
		msg_die(EX_CANTCREAT, "%s:", in.cli.rejects);
	if (!(in.ostream = tmpfile()))
		msg_die(EX_CANTCREAT, "temporary file:");
	out_init(&in.out, in.ostream, in.cli.fmt, in.cli.out_flags, out_cols, NOUT);
	out_numeric(&in.out, 6);
	out_header(&in.out);

	if (argc == 0)
		intake_file(&in, "-");
	for (i = 0; i < argc; i++)
		intake_file(&in, argv[i]);

	if (out_finish(&in.out) < 0)
		msg_die(EX_IOERR, "write error:");
	fclose(in.ostream);
	if (rejects_close(in.rj) < 0)
		msg_die(EX_IOERR, "%s: write error:", in.cli.rejects);
	if (in.rj && in.reject_msgs > MAX_REJECT_MSGS)
		msg_warn("%ld more rejected rows in %s", in.reject_msgs - MAX_REJECT_MSGS,
			 in.cli.rejects);
	if (!in.cli.quiet)
		fprintf(stderr, "pt-intake: %ld added, %ld rejected, %ld already in the ledger\n",
			in.added, in.rejected, in.present);
	sqlite3_finalize(in.ins);
	sqlite3_finalize(in.max_seq);
	sqlite3_finalize(in.matter);
	sqlite3_finalize(in.add_matter);
	sqlite3_finalize(in.tag);
	sqlite3_finalize(in.run);
	ledger_close(&in.l);
	status = in.rejected ? EX_DATAERR : 0;
	if (!in.out_gone && fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return status;
}
