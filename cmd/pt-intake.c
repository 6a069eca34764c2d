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
#include "date.h"
#include "idcard.h"
#include "ledger.h"
#include "matters.h"
#include "msg.h"
#include "record.h"
#include "rejects.h"
#include "util.h"
#include "banned.h"

#define BATCH 100000		/* rows per transaction */
#define NSTR 11			/* string members of a spooled record */
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

/*
 * A batch's valid rows wait in the spool, an unlinked temporary file, until
 * their matters are resolved: then they are inserted with their kind and
 * first case known, and after the commit they are printed from it.  Memory
 * holds only a few numbers per row.
 */
struct spool_hdr {
	int64_t persons;
	int64_t line;		/* where the row starts in its input */
	uint64_t fingerprint;
	int32_t received_day, received_secs, due_day, law_related, collective;
	char received[24];
	char due[12];
	uint32_t len[NSTR];	/* with the NUL; 0 for NULL */
	uint32_t raw_n, raw_size;	/* a row with an ext_id: its fields as read */
};

/* What a batch position turned out to be when the batch was written. */
enum { POS_NEW, POS_PRESENT, POS_CONFLICT };

struct intake {
	struct cli cli;
	struct ledger l;
	sqlite3_stmt *ins, *max_seq, *tag, *run, *ext_case;
	struct matters matters;
	int64_t run_id;		/* of the current input, 0 until its first batch */
	int64_t next_seq[1100];	/* per year from 1900, valid in one transaction */
	FILE *spool;
	char spool_path[4096];
	struct strbuf rec;	/* the spooled record read last */
	struct strbuf raw;	/* and its row as read, when it has an ext_id */
	struct csvrow raw_row;
	size_t raw_alloc;
	int *day;		/* per batch position: the received day */
	unsigned char *present;	/* per batch position: POS_NEW, _PRESENT, _CONFLICT */
	struct out out;		/* new cases, printed once their batch commits */
	struct rejects *rj;
	long added, rejected, present_n, conflicts;	/* conflicts: in this batch */
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
		/*
		 * A known ext_id: a re-run when the registered case came from
		 * the same values (its fingerprint; for a case registered
		 * before fingerprints were kept with ext_ids, its values), else
		 * a conflict, which touches the case (a no-op the batch's
		 * rollback undoes) to return its id.  Any other known row (a
		 * fingerprint) is a re-run: nothing, no id returned.
		 */
		" ON CONFLICT (ext_id) WHERE ext_id IS NOT NULL DO UPDATE SET ext_id = excluded.ext_id"
		"  WHERE CASE WHEN cases.fingerprint IS NULL"
		"   THEN (received, channel, name, id_number, phone, persons, region,"
		"         category, level, referred_by, ref_due, law_related, tags, summary)"
		"     IS NOT (excluded.received, excluded.channel, excluded.name,"
		"         excluded.id_number, excluded.phone, excluded.persons,"
		"         excluded.region, excluded.category, excluded.level,"
		"         excluded.referred_by, excluded.ref_due, excluded.law_related,"
		"         excluded.tags, excluded.summary)"
		"   ELSE cases.fingerprint IS NOT excluded.fingerprint END"
		" ON CONFLICT DO NOTHING"
		" RETURNING id");
	in->ext_case = prep(in, "SELECT id FROM cases WHERE ext_id = ?1");
	in->max_seq = prep(in, "SELECT max(id) FROM cases WHERE id >= ?1 AND id < ?2");
	if (matters_init(&in->matters, &in->l) < 0)
		die_ledger(in);
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

/* The next case id of day's year, in this transaction. */
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
	return (*seq)++;
}

static void
spool_error(struct intake *in)
{
	msg_die(EX_IOERR, "%s: temporary file:", in->spool_path);
}

/* An unlinked temporary file in $TMPDIR (else /tmp), 0600 while it has a name. */
static void
spool_open(struct intake *in)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	snprintf(in->spool_path, sizeof(in->spool_path), "%s/pt-intake.XXXXXX", dir);
	fd = mkstemp(in->spool_path);
	if (fd < 0)
		msg_die(EX_CANTCREAT, "%s: cannot make a temporary file:", dir);
	unlink(in->spool_path);
	in->spool = fdopen(fd, "w+");
	if (!in->spool)
		spool_error(in);
	strbuf_init(&in->rec);
	strbuf_init(&in->raw);
	in->day = xcalloc(BATCH, sizeof(*in->day));
	in->present = xcalloc(BATCH, sizeof(*in->present));
}

static void
spool_write(struct intake *in, const struct intake_rec *r, const struct csvrow *row)
{
	const char *s[NSTR] = { r->channel, r->name, r->id_number, r->phone,
		r->region, r->category, r->level, r->referred_by, r->ext_id,
		r->tags, r->summary };
	struct spool_hdr h;
	int i;

	memset(&h, 0, sizeof(h));
	h.persons = r->persons;
	h.fingerprint = r->fingerprint;
	h.received_day = r->received_day;
	h.received_secs = r->received_secs;
	h.due_day = r->due_day;
	h.law_related = r->law_related;
	h.collective = r->collective;
	memcpy(h.received, r->received, sizeof(h.received));
	memcpy(h.due, r->due, sizeof(h.due));
	h.line = row->line;
	for (i = 0; i < NSTR; i++)
		h.len[i] = s[i] ? (uint32_t)strlen(s[i]) + 1 : 0;
	if (r->ext_id) {	/* it may be a conflict, rejected as it was read */
		h.raw_n = (uint32_t)row->nfields;
		h.raw_size = (uint32_t)csvrow_size(row);
	}
	if (fwrite(&h, sizeof(h), 1, in->spool) != 1)
		spool_error(in);
	for (i = 0; i < NSTR; i++)
		if (h.len[i] && fwrite(s[i], h.len[i], 1, in->spool) != 1)
			spool_error(in);
	if (h.raw_size && fwrite(row->fields[0], h.raw_size, 1, in->spool) != 1)
		spool_error(in);
}

/* The next record of the spool; its strings live in in->rec until the next. */
static void
spool_read(struct intake *in, struct intake_rec *r)
{
	const char *s[NSTR];
	struct spool_hdr h;
	size_t total = 0;
	const char *p;
	int i;

	if (fread(&h, sizeof(h), 1, in->spool) != 1)
		spool_error(in);
	for (i = 0; i < NSTR; i++)
		total += h.len[i];
	strbuf_reset(&in->rec);
	strbuf_grow(&in->rec, total);
	if (total && fread(in->rec.buf, total, 1, in->spool) != 1)
		spool_error(in);
	for (i = 0, p = in->rec.buf; i < NSTR; p += h.len[i], i++)
		s[i] = h.len[i] ? p : NULL;
	in->raw_row.nfields = 0;
	in->raw_row.line = in->raw_row.end_line = (long)h.line;
	if (h.raw_size) {
		size_t f;
		strbuf_reset(&in->raw);
		strbuf_grow(&in->raw, h.raw_size);
		if (fread(in->raw.buf, h.raw_size, 1, in->spool) != 1)
			spool_error(in);
		if (h.raw_n > in->raw_alloc) {
			in->raw_alloc = h.raw_n;
			in->raw_row.fields = xrealloc(in->raw_row.fields,
				in->raw_alloc * sizeof(*in->raw_row.fields));
			in->raw_row.lens = xrealloc(in->raw_row.lens,
				in->raw_alloc * sizeof(*in->raw_row.lens));
		}
		in->raw_row.nfields = h.raw_n;
		for (f = 0, p = in->raw.buf; f < h.raw_n; f++) {
			in->raw_row.fields[f] = (char *)p;
			in->raw_row.lens[f] = strlen(p);
			p += in->raw_row.lens[f] + 1;
		}
	}
	memset(r, 0, sizeof(*r));
	r->persons = (long)h.persons;
	r->fingerprint = h.fingerprint;
	r->received_day = h.received_day;
	r->received_secs = h.received_secs;
	r->due_day = h.due_day;
	r->law_related = h.law_related;
	r->collective = h.collective;
	memcpy(r->received, h.received, sizeof(r->received));
	memcpy(r->due, h.due, sizeof(r->due));
	r->channel = s[0];
	r->name = s[1];
	r->id_number = s[2];
	r->phone = s[3];
	r->region = s[4];
	r->category = s[5];
	r->level = s[6];
	r->referred_by = s[7];
	r->ext_id = s[8];
	r->tags = (char *)s[9];
	r->summary = s[10];
}

static void
spool_rewind(struct intake *in)
{
	if (fflush(in->spool) != 0 || fseek(in->spool, 0, SEEK_SET) != 0)
		spool_error(in);
}

/* Print one new case as it went into the ledger, masked. */
static void
print_case(struct intake *in, const struct intake_rec *r, int64_t id, int64_t first)
{
	const char *cells[NOUT];
	char cid[24], fid[24], idm[64], phm[64], persons[24], due[DATE_BUF];

	snprintf(persons, sizeof(persons), "%ld", r->persons);
	date_format(r->received_day + ACCEPT_DAYS, due);
	cells[0] = case_id_format(id, cid);
	cells[1] = r->received;
	cells[2] = r->channel;
	cells[3] = r->name;
	cells[4] = r->id_number && !in->cli.unmask
		? mask_id(r->id_number, idm, sizeof(idm)) : r->id_number;
	cells[5] = r->phone && !in->cli.unmask
		? mask_phone(r->phone, phm, sizeof(phm)) : r->phone;
	cells[6] = persons;
	cells[7] = r->region;
	cells[8] = r->category;
	cells[9] = r->level;
	cells[10] = r->referred_by;
	cells[11] = r->ext_id;
	cells[12] = r->law_related ? "yes" : "no";
	cells[13] = r->tags;
	cells[14] = r->referred_by ? "referred" : first != id ? "repeat" : "first";
	cells[15] = first != id ? case_id_format(first, fid) : NULL;
	cells[16] = r->collective ? "yes" : "no";
	cells[17] = "registered";
	cells[18] = due;
	cells[19] = r->summary;
	out_row(&in->out, cells);
}

/*
 * Insert one case with its id and its matter's first case.  Returns
 * POS_NEW when added, POS_PRESENT when it is in the ledger already (its
 * ext_id with the same values, or its fingerprint), POS_CONFLICT when its
 * ext_id is a case registered with other values.
 */
static int
insert_case(struct intake *in, const struct intake_rec *r, int64_t id, int64_t first)
{
	sqlite3_stmt *st = in->ins;
	const char *kind = r->referred_by ? "referred" : first != id ? "repeat" : "first";
	char due[DATE_BUF];
	int64_t got;

	date_format(r->received_day + ACCEPT_DAYS, due);
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
	if (first != id)
		sqlite3_bind_int64(st, 18, first);
	else
		sqlite3_bind_null(st, 18);
	sqlite3_bind_int(st, 19, r->collective);
	sqlite3_bind_int64(st, 20, (int64_t)r->fingerprint);
	sqlite3_bind_int64(st, 21, in->run_id);
	bind_text(st, 22, r->received);
	bind_text(st, 23, due);
	got = step_id(in, st);	/* the id inserted, or the conflicting case's */
	if (!got)
		return POS_PRESENT;
	if (got != id)
		return POS_CONFLICT;

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
	return POS_NEW;
}

/* A valid row joins the batch: into the spool, its keys to the matters. */
static void
batch_add(struct intake *in, const struct intake_rec *r, const struct csvrow *row)
{
	uint32_t pos;

	spool_write(in, r, row);
	pos = matters_add(&in->matters,
		r->id_number ? matter_key_of(MATTER_ID, r->id_number, NULL,
					     r->category, r->region) : 0,
		r->phone ? matter_key_of(MATTER_NP, r->name, r->phone,
					 r->category, r->region) : 0);
	in->day[pos] = r->received_day;
	in->present[pos] = POS_NEW;
}

/*
 * One try at inserting the batch: ids for the rows not known to be present
 * or in conflict, their matters resolved, then the cases.  Returns how many
 * rows turned out to be present (their ext_id or fingerprint in the
 * ledger, or earlier in the batch) or in conflict (their ext_id a case of
 * other values); they are marked, and the caller rolls back and tries
 * again.
 */
static size_t
insert_batch(struct intake *in)
{
	size_t n = matters_count(&in->matters), pos, found = 0;
	struct intake_rec r;

	memset(in->next_seq, 0, sizeof(in->next_seq));
	for (pos = 0; pos < n; pos++)
		matters_set_case(&in->matters, (uint32_t)pos,
				 in->present[pos] ? 0 : next_id(in, in->day[pos]));
	if (matters_resolve(&in->matters, &in->l) < 0)
		die_ledger(in);
	spool_rewind(in);
	for (pos = 0; pos < n; pos++) {
		int64_t id = matters_case(&in->matters, (uint32_t)pos);
		spool_read(in, &r);
		if (!id)
			continue;
		int how = insert_case(in, &r, id, matters_first(&in->matters, (uint32_t)pos));
		if (how != POS_NEW) {
			in->present[pos] = (unsigned char)how;
			in->conflicts += how == POS_CONFLICT;
			found++;
		}
	}
	return found;
}

/* A row refused: to the rejects, and said (up to a point with --rejects). */
static void
reject(struct intake *in, const char *name, const struct csvrow *hdr,
       const struct csvrow *row, const char *reason)
{
	in->rejected++;
	if (in->rj) {
		if (rejects_add(in->rj, name, hdr, row, reason) < 0)
			msg_die(EX_IOERR, "%s: write error:", in->cli.rejects);
		if (in->reject_msgs++ >= MAX_REJECT_MSGS)
			return;
	}
	msg_warn("%s:%ld: %s", name, row->line, reason);
}

/*
 * A row whose ext_id is a case registered with other values: rejected as
 * it was read, naming that case (looked up for the few rows in conflict).
 */
static void
reject_conflict(struct intake *in, const char *name, const struct csvrow *hdr,
		const struct intake_rec *r)
{
	char why[512], shown[256], cid[24];
	int64_t id;

	bind_text(in->ext_case, 1, r->ext_id);
	id = step_id(in, in->ext_case);
	snprintf(why, sizeof(why), "ext_id %s is case %s, registered with other values",
		 mask_shown(r->ext_id, shown, sizeof(shown)), case_id_format(id, cid));
	reject(in, name, hdr, &in->raw_row, why);
}

/*
 * Write the batch in one transaction (with the input's run record, the
 * first time), then print its new cases and empty it.  When rows turn out
 * to be in the ledger already, the transaction is rolled back and the
 * batch written again without them, so case numbers leave no gaps.  (A
 * savepoint would keep the pages it changes in memory: a whole rollback
 * keeps memory flat.)
 */
static void
flush(struct intake *in, const char *input, const struct csvrow *hdr)
{
	size_t n = matters_count(&in->matters), pos;
	int64_t run_before = in->run_id;
	struct intake_rec r;

	in->conflicts = 0;
	for (;;) {
		if (ledger_begin(&in->l) < 0)
			die_ledger(in);
		if (!in->run_id) {
			bind_text(in->run, 1, in->cli.by);
			bind_text(in->run, 2, input);
			step_done(in, in->run);
			in->run_id = sqlite3_last_insert_rowid(in->l.db);
		}
		if (insert_batch(in) == 0)
			break;
		ledger_rollback(&in->l);
		in->run_id = run_before;
	}
	if (ledger_commit(&in->l) < 0)
		die_ledger(in);

	spool_rewind(in);
	for (pos = 0; pos < n; pos++) {
		int64_t id = matters_case(&in->matters, (uint32_t)pos);
		if (!out_closed(&in->out) || in->conflicts)
			spool_read(in, &r);
		if (!id) {
			if (in->present[pos] == POS_CONFLICT)
				reject_conflict(in, input, hdr, &r);
			else
				in->present_n++;
			continue;
		}
		in->added++;
		if (!out_closed(&in->out))
			print_case(in, &r, id, matters_first(&in->matters, (uint32_t)pos));
	}
	if (fflush(stdout) != 0 || in->out.error) {
		if (errno != EPIPE && in->out.error != EPIPE)
			msg_die(EX_IOERR, "write error on standard output:");
		in->out.closed = 1;
	}
	matters_clear(&in->matters);
	spool_rewind(in);
}

/*
 * Open (or create) the ledger, once, when the first input's header has
 * been accepted: a file refused before its first row leaves no ledger.
 * (An input that is a pipe has the ledger opened before it is read:
 * see main.)
 */
static void
ledger_start(struct intake *in)
{
	if (in->l.db)
		return;
	if (ledger_open(&in->l, ledger_path(in->cli.db), LEDGER_CREATE) < 0)
		die_ledger(in);
	/*
	 * pt-intake writes only references it makes itself, in the transaction
	 * that makes them, and files a batch's matters before its cases: the
	 * foreign keys are not enforced here (the tests run foreign_key_check).
	 */
	if (ledger_exec(&in->l, "PRAGMA foreign_keys = OFF") < 0)
		die_ledger(in);
	prepare_all(in);
}

/*
 * End the run: the output and the rejects closed with a check, the
 * summary line, everything released.  Returns the exit status: code when
 * it is not 0, else 65 when a row was rejected, else 0.
 */
static int
finish(struct intake *in, int code)
{
	if (out_finish(&in->out) < 0)
		msg_die(EX_IOERR, "write error:");
	if (rejects_close(in->rj) < 0)
		msg_die(EX_IOERR, "%s: write error:", in->cli.rejects);
	if (in->rj && in->reject_msgs > MAX_REJECT_MSGS)
		msg_warn("%ld more rejected rows in %s", in->reject_msgs - MAX_REJECT_MSGS,
			 in->cli.rejects);
	if (!in->cli.quiet)
		fprintf(stderr, "pt-intake: %ld added, %ld rejected, %ld already in the ledger\n",
			in->added, in->rejected, in->present_n);
	sqlite3_finalize(in->ins);
	sqlite3_finalize(in->max_seq);
	matters_release(&in->matters);
	sqlite3_finalize(in->tag);
	sqlite3_finalize(in->run);
	sqlite3_finalize(in->ext_case);
	ledger_close(&in->l);
	fclose(in->spool);
	strbuf_release(&in->rec);
	strbuf_release(&in->raw);
	free(in->raw_row.fields);
	free(in->raw_row.lens);
	free(in->day);
	free(in->present);
	if (!code)
		code = in->rejected ? EX_DATAERR : 0;
	if (!in->out.closed && fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return code;
}

static void
intake_file(struct intake *in, const char *path)
{
	struct csvin *src = csvin_open(path, in->cli.encoding);
	struct csvrow row, hdr;
	struct colmap map;
	struct strbuf hdrcopy, tagbuf, work;
	char **wfields = NULL;
	size_t wfalloc = 0;
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
			msg_die(EX_DATAERR, "%s:1: %s", csvin_name(src), csvin_errmsg(src));
		msg_warn("%s: empty input, no header", csvin_name(src));
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
	if (intake_colmap_build(&map, hnames, row.nfields, in->cli.ignore_unknown,
			     err, sizeof(err)) < 0) {
		msg_die(EX_DATAERR, "%s:%ld: %s", csvin_name(src), row.line, err);
	}
	ledger_start(in);

	strbuf_init(&tagbuf);
	strbuf_init(&work);
	in->run_id = 0;

	while ((rc = csvin_next(src, &row)) > 0) {
		if (row.problem) {
			const char *col = row.problem_field < map.nfields
				? hnames[row.problem_field] : "beyond the header";
			snprintf(err, sizeof(err), "%s in column %s",
				 csvin_problem_text(src, row.problem), col);
			reject(in, csvin_name(src), &hdr, &row, err);
			continue;
		}
		if (row.nfields > wfalloc) {
			wfalloc = row.nfields;
			wfields = xrealloc(wfields, wfalloc * sizeof(*wfields));
		}
		strbuf_reset(&tagbuf);
		strbuf_grow(&tagbuf, 64 + (row.nfields ? row.lens[0] : 0));
		for (i = 0; i < row.nfields; i++)
			strbuf_grow(&tagbuf, row.lens[i] + 64);
		/* parse a copy: parsing trims in place, the rejects want the row as read */
		strbuf_reset(&work);
		strbuf_add(&work, row.fields[0], csvrow_size(&row));
		for (i = 0; i < row.nfields; i++)
			wfields[i] = work.buf + (row.fields[i] - row.fields[0]);
		if (intake_parse(&map, wfields, row.nfields, in->cli.as_of, &r,
				 tagbuf.buf, tagbuf.alloc, err, sizeof(err)) < 0) {
			reject(in, csvin_name(src), &hdr, &row, err);
			continue;
		}
		batch_add(in, &r, &row);
		if (matters_count(&in->matters) >= BATCH)
			flush(in, csvin_name(src), &hdr);
	}
	flush(in, csvin_name(src), &hdr);
	if (rc < 0) {
		/* what was read so far stays, committed; then stop, summed up */
		msg_warn("%s:%ld: %s", csvin_name(src), row.end_line, csvin_errmsg(src));
		exit(finish(in, EX_DATAERR));
	}
	strbuf_release(&tagbuf);
	strbuf_release(&work);
	free(wfields);
	strbuf_release(&hdrcopy);
	free(hnames);
	free(hdr.lens);
	csvin_close(src);
}

/*
 * Before registering anything: every input can be read (else exit 66, with
 * nothing registered), and --rejects is not one of them (it would be
 * truncated before being read).
 */
static void
check_inputs(struct intake *in, int argc, char **argv)
{
	struct stat rs, st;
	int i, have_rs = in->cli.rejects && stat(in->cli.rejects, &rs) == 0;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-"))
			continue;
		if (access(argv[i], R_OK) < 0) {
			msg_warn("%s:", argv[i]);
			exit(EX_NOINPUT);
		}
		if (have_rs && stat(argv[i], &st) == 0 &&
		    st.st_dev == rs.st_dev && st.st_ino == rs.st_ino)
			msg_die(EX_USAGE, "--rejects %s is also an input", in->cli.rejects);
	}
}

/*
 * 1 when reading path ("-": standard input) may wait for a writer: a pipe,
 * a terminal, a socket.  Not a regular file, a directory or a missing one.
 */
static int
may_wait(const char *path)
{
	struct stat st;
	int r = strcmp(path, "-") ? stat(path, &st) : fstat(STDIN_FILENO, &st);

	return r == 0 && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) ||
			  S_ISSOCK(st.st_mode));
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
		{ NULL, 0, NULL, 0 }
	};
	struct intake in;
	int c, i;

	msg_init(argv[0]);
	memset(&in, 0, sizeof(in));
	cli_init(&in.cli);
	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) != -1) {
		cli_xoption(&in.cli, c, optarg, "pt-intake", help, usage);
	}
	argc -= optind;
	argv += optind;
	signal(SIGPIPE, SIG_IGN);
	check_inputs(&in, argc, argv);

	spool_open(&in);
	/*
	 * A pipe's header may wait for its writer indefinitely (the reader
	 * takes whole blocks): the ledger is opened, and any trouble with it
	 * said, before waiting.
	 */
	if (may_wait(argc ? argv[0] : "-"))
		ledger_start(&in);
	if (in.cli.rejects && !(in.rj = rejects_open(in.cli.rejects)))
		msg_die(EX_CANTCREAT, "%s:", in.cli.rejects);
	out_init(&in.out, stdout, in.cli.fmt, in.cli.out_flags, out_cols, NOUT);
	out_numeric(&in.out, 6);
	out_header(&in.out);

	if (argc == 0)
		intake_file(&in, "-");
	for (i = 0; i < argc; i++)
		intake_file(&in, argv[i]);
	return finish(&in, 0);
}
