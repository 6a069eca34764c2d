/* register.c: new cases into the ledger, a batch at a time, through a spool. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "idcard.h"
#include "register.h"
#include "statute.h"
#include "banned.h"

#define NSTR 13			/* string members of a spooled record */

/* What a batch position turned out to be when the batch was written. */
enum { POS_NEW, POS_PRESENT, POS_CONFLICT };

struct reg_stmts {
	sqlite3_stmt *ins, *differs, *max_seq, *tag, *run, *ext_case, *ext_present, *fp_present;
};

/* The spooled form of a record, followed by its strings and its raw row. */
struct spool_hdr {
	int64_t persons;
	int64_t line;		/* where the row starts in its input */
	uint64_t fingerprint;
	int32_t received_day, received_secs, due_day, law_related, dispute;
	char received[24];
	char due[12];
	uint32_t len[NSTR];	/* with the NUL; 0 for NULL */
	uint32_t raw_n, raw_size;	/* a row with an ext_id: its fields as read, */
	uint64_t raw_off;	/* at this offset of the raw spool */
};

/* The ledger failed: its error into g; returns -1. */
static int
ledger_error(struct reg *g)
{
	snprintf(g->err, sizeof(g->err), "%s: %s", g->l.path, g->l.err);
	g->status = ledger_exit_code(&g->l);
	return -1;
}

/* A statement failed: the ledger's error into g; returns -1. */
static int
step_error(struct reg *g)
{
	ledger_fail(&g->l);
	return ledger_error(g);
}

/* A spool failed (errno says how); returns -1. */
static int
spool_error(struct reg *g)
{
	snprintf(g->err, sizeof(g->err), "%s: temporary file: %s", g->spool_path,
		 strerror(errno));
	g->status = 74;
	return -1;
}

/*
 * The derived values of a case, each decided here only: its kind, its
 * first case, collective or not, the deadline to accept it.
 */
static void
settle(struct reg_case *c, const struct intake_rec *r, int64_t id, int64_t first)
{
	c->outcome = REG_ADDED;
	c->rec = r;
	c->id = id;
	c->first = first != id ? first : 0;
	c->kind = r->referred_by ? "referred" : c->first ? "repeat" : "first";
	c->collective = !strcmp(r->channel, "visit") && r->persons >= COLLECTIVE_PERSONS;
	date_format(r->received_day + DL_ACCEPT_DAYS, c->due);
	c->raw = NULL;
}

/* ---- the spool ---- */

/*
 * An unlinked temporary file in dir into *f, with a buffer of SPOOL_BUF
 * (a batch goes through it two or three times: 4 KiB calls cost).
 */
static int
spool_make(struct reg *g, const char *dir, FILE **f)
{
	int fd;

	snprintf(g->spool_path, sizeof(g->spool_path), "%s/%s.XXXXXX", dir, g->tool);
	fd = mkstemp(g->spool_path);
	if (fd < 0) {
		snprintf(g->err, sizeof(g->err), "%s: cannot make a temporary file: %s",
			 dir, strerror(errno));
		g->status = 73;
		return -1;
	}
	unlink(g->spool_path);	/* 0600 while it had a name */
	*f = fdopen(fd, "w+");
	if (!*f) {
		int e = errno;
		close(fd);
		errno = e;
		return spool_error(g);
	}
	setvbuf(*f, NULL, _IOFBF, SPOOL_BUF);
	return 0;
}

int
reg_open(struct reg *g, const char *tool, const char *by)
{
	const char *dir = getenv("TMPDIR");

	memset(g, 0, sizeof(*g));
	g->tool = tool;
	g->by = by;
	g->st = xcalloc(1, sizeof(*g->st));
	g->hdr = xcalloc(1, sizeof(*g->hdr));
	strbuf_init(&g->rec_buf);
	strbuf_init(&g->raw_buf);
	if (!dir || !*dir)
		dir = "/tmp";
	if (spool_make(g, dir, &g->spool) < 0 || spool_make(g, dir, &g->raw_spool) < 0)
		return -1;
	g->day = xcalloc(REG_BATCH, sizeof(*g->day));
	g->state = xcalloc(REG_BATCH, sizeof(*g->state));
	return 0;
}

static int
spool_write(struct reg *g, const struct intake_rec *r, const struct csvrow *row)
{
	const char *s[NSTR] = { r->channel, r->name, r->id_number, r->phone,
		r->region, r->category, r->level, r->referred_by, r->ext_id,
		r->tags, r->summary, r->source, r->receiver };
	struct spool_hdr h;
	int i;

	memset(&h, 0, sizeof(h));
	h.persons = r->persons;
	h.fingerprint = r->fingerprint;
	h.received_day = r->received_day;
	h.received_secs = r->received_secs;
	h.due_day = r->due_day;
	h.law_related = r->law_related;
	h.dispute = r->dispute;
	memcpy(h.received, r->received, sizeof(h.received));
	memcpy(h.due, r->due, sizeof(h.due));
	h.line = row->line;
	for (i = 0; i < NSTR; i++)
		h.len[i] = s[i] ? (uint32_t)strlen(s[i]) + 1 : 0;
	if (r->ext_id) {	/* it may be a conflict, rejected as it was read */
		h.raw_n = (uint32_t)row->nfields;
		h.raw_size = (uint32_t)csvrow_size(row);
		h.raw_off = g->raw_end;
		if (h.raw_size && fwrite(row->fields[0], h.raw_size, 1, g->raw_spool) != 1)
			return spool_error(g);
		g->raw_end += h.raw_size;
	}
	if (fwrite(&h, sizeof(h), 1, g->spool) != 1)
		return spool_error(g);
	for (i = 0; i < NSTR; i++)
		if (h.len[i] && fwrite(s[i], h.len[i], 1, g->spool) != 1)
			return spool_error(g);
	return 0;
}

/*
 * The row of the record read last as it was read: its fields,
 * NUL-separated, from the raw spool into g->raw.  Read for a conflict
 * only: the raw spool is written as the batch fills and read from here.
 */
static int
spool_read_raw(struct reg *g)
{
	const struct spool_hdr *h = g->hdr;
	const char *p;
	size_t f;

	g->raw.nfields = 0;
	g->raw.line = g->raw.end_line = (long)h->line;
	if (!h->raw_size)
		return 0;
	strbuf_reset(&g->raw_buf);
	strbuf_grow(&g->raw_buf, h->raw_size);
	if (fflush(g->raw_spool) != 0 || fseeko(g->raw_spool, (off_t)h->raw_off, SEEK_SET) != 0 ||
	    fread(g->raw_buf.buf, h->raw_size, 1, g->raw_spool) != 1)
		return spool_error(g);
	if (h->raw_n > g->raw_alloc) {
		g->raw_alloc = h->raw_n;
		g->raw.fields = xrealloc(g->raw.fields, g->raw_alloc * sizeof(*g->raw.fields));
		g->raw.lens = xrealloc(g->raw.lens, g->raw_alloc * sizeof(*g->raw.lens));
	}
	g->raw.nfields = h->raw_n;
	for (f = 0, p = g->raw_buf.buf; f < h->raw_n; f++) {
		g->raw.fields[f] = (char *)p;
		g->raw.lens[f] = strlen(p);
		p += g->raw.lens[f] + 1;
	}
	return 0;
}

/* The next record of the spool into g->rec; its strings live in g until the next. */
static int
spool_read(struct reg *g)
{
	struct intake_rec *r = &g->rec;
	const struct spool_hdr *h = g->hdr;
	const char *s[NSTR];
	size_t total = 0;
	const char *p;
	int i;

	if (fread(g->hdr, sizeof(*g->hdr), 1, g->spool) != 1)
		return spool_error(g);
	for (i = 0; i < NSTR; i++)
		total += h->len[i];
	strbuf_reset(&g->rec_buf);
	strbuf_grow(&g->rec_buf, total);
	if (total && fread(g->rec_buf.buf, total, 1, g->spool) != 1)
		return spool_error(g);
	for (i = 0, p = g->rec_buf.buf; i < NSTR; p += h->len[i], i++)
		s[i] = h->len[i] ? p : NULL;
	memset(r, 0, sizeof(*r));
	r->persons = (long)h->persons;
	r->fingerprint = h->fingerprint;
	r->received_day = h->received_day;
	r->received_secs = h->received_secs;
	r->due_day = h->due_day;
	r->law_related = h->law_related;
	r->dispute = h->dispute;
	memcpy(r->received, h->received, sizeof(r->received));
	memcpy(r->due, h->due, sizeof(r->due));
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
	r->source = s[11];
	r->receiver = s[12];
	return 0;
}

static int
spool_rewind(struct reg *g)
{
	if (fflush(g->spool) != 0 || fseek(g->spool, 0, SEEK_SET) != 0)
		return spool_error(g);
	return 0;
}

/* The batch done: both spools from their start again. */
static int
spool_restart(struct reg *g)
{
	g->raw_end = 0;
	if (fflush(g->raw_spool) != 0 || fseek(g->raw_spool, 0, SEEK_SET) != 0)
		return spool_error(g);
	return spool_rewind(g);
}

/* ---- the ledger's statements ---- */

/*
 * The insert of a case.  A known ext_id: a re-run when the registered case
 * came from the same values (its fingerprint; for a case registered before
 * fingerprints were kept with ext_ids, its values), else a conflict, which
 * touches the case (a no-op the batch's rollback undoes) to return its id.
 * Any other known row (a fingerprint) is a re-run: nothing, no id returned.
 */
static int
prepare_insert(struct reg *g)
{
	/*
	 * A row already in the ledger (its fingerprint, or its ext_id) is not
	 * inserted: sqlite3_changes says so.  Only then does `differs` ask
	 * whether the case with that ext_id holds other values (a conflict),
	 * comparing the fingerprint, or the values for a case registered
	 * before ext_id rows had one.  (An upsert with RETURNING did both in
	 * one statement but cost three times the insert.)
	 */
	g->st->ins = ledger_prepare(&g->l,
		"INSERT INTO cases (id, received, channel, name, id_number, phone,"
		" persons, region, category, level, referred_by, ref_due, ext_id,"
		" law_related, tags, summary, kind, first_case, collective,"
		" fingerprint, run, stage, stage_start, due, source, receiver, dispute)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,"
		" ?17,?18,?19,?20,?21,'registered',?22,?23,?24,?25,?26)"
		" ON CONFLICT DO NOTHING");
	g->st->differs = ledger_prepare(&g->l,
		"SELECT id FROM cases WHERE ext_id = ?13 AND CASE WHEN fingerprint IS NULL"
		"   THEN (received, channel, name, id_number, phone, persons, region,"
		"         category, level, referred_by, ref_due, law_related, tags, summary)"
		"     IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?14, ?15, ?16)"
		"   ELSE fingerprint IS NOT ?20 END");
	return g->st->ins && g->st->differs ? 0 : ledger_error(g);
}

static int
prepare_one(struct reg *g, sqlite3_stmt **st, const char *sql)
{
	*st = ledger_prepare(&g->l, sql);
	return *st ? 0 : ledger_error(g);
}

int
reg_ledger(struct reg *g, const char *path)
{
	struct reg_stmts *s = g->st;

	if (g->l.db)
		return 0;
	if (ledger_open(&g->l, path, LEDGER_CREATE) < 0 ||
	    ledger_exec(&g->l, "PRAGMA foreign_keys = OFF") < 0)
		return ledger_error(g);
	if (prepare_insert(g) < 0 ||
	    prepare_one(g, &s->ext_case, "SELECT id FROM cases WHERE ext_id = ?1") < 0 ||
	    prepare_one(g, &s->ext_present,
		    "SELECT id FROM cases WHERE ext_id = ?1 AND run IS NOT ?2") < 0 ||
	    prepare_one(g, &s->fp_present, "SELECT id FROM cases WHERE fingerprint = ?1"
		    " AND ext_id IS NULL AND run IS NOT ?2") < 0 ||
	    prepare_one(g, &s->max_seq,
		    "SELECT max(id) FROM cases WHERE id >= ?1 AND id < ?2") < 0)
		return -1;
	if (matters_init(&g->matters, &g->l) < 0)
		return ledger_error(g);
	if (prepare_one(g, &s->tag,
		    "INSERT OR IGNORE INTO case_tags (tag, case_ref) VALUES (?1, ?2)") < 0 ||
	    prepare_one(g, &s->run,
		    "INSERT INTO runs (tool, started, by, input)"
		    " VALUES (?1, datetime('now', 'localtime'), ?2, ?3) RETURNING id") < 0)
		return -1;
	return 0;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Run a statement that returns at most one integer, into *v (0: no row). */
static int
step_id(struct reg *g, sqlite3_stmt *st, int64_t *v)
{
	int rc = sqlite3_step(st);

	*v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		step_error(g);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

/* The next case id of day's year, in this transaction, into *id. */
static int
next_id(struct reg *g, int day, int64_t *id)
{
	int y, m, d;
	int64_t *seq;

	date_to_ymd(day, &y, &m, &d);
	seq = &g->next_seq[y - 1900];
	if (!*seq) {
		int64_t base = (int64_t)y * CASE_SEQ_BASE, max;
		sqlite3_bind_int64(g->st->max_seq, 1, base);
		sqlite3_bind_int64(g->st->max_seq, 2, base + CASE_SEQ_BASE);
		if (step_id(g, g->st->max_seq, &max) < 0)
			return -1;
		*seq = max ? max + 1 : base + 1;
	}
	*id = (*seq)++;
	return 0;
}

/* A new case's tags ("a;b") into case_tags. */
static int
insert_tags(struct reg *g, const char *p, int64_t id)
{
	sqlite3_stmt *st = g->st->tag;

	while (*p) {
		const char *e = strchr(p, ';');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		int rc;
		sqlite3_bind_text(st, 1, p, (int)n, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return step_error(g);
		p += n + (e != NULL);
	}
	return 0;
}

/* The values of r that both the insert and `differs` take, into st. */
static void
bind_values(sqlite3_stmt *st, const struct intake_rec *r)
{
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
	sqlite3_bind_int64(st, 20, (int64_t)r->fingerprint);
}

/*
 * Insert case c.  Returns POS_NEW when added, POS_PRESENT when it is in
 * the ledger already (its ext_id with the same values, or its
 * fingerprint), POS_CONFLICT when its ext_id is a case registered with
 * other values; -1 on error.
 */
static int
insert_case(struct reg *g, const struct reg_case *c)
{
	const struct intake_rec *r = c->rec;
	sqlite3_stmt *st = g->st->ins;
	int64_t got;
	int rc;

	sqlite3_bind_int64(st, 1, c->id);
	bind_values(st, r);
	bind_text(st, 17, c->kind);
	if (c->first)
		sqlite3_bind_int64(st, 18, c->first);
	else
		sqlite3_bind_null(st, 18);
	sqlite3_bind_int(st, 19, c->collective);
	sqlite3_bind_int64(st, 21, g->run_id);
	bind_text(st, 22, r->received);
	bind_text(st, 23, c->due);
	bind_text(st, 24, r->source);
	bind_text(st, 25, r->receiver);
	sqlite3_bind_int(st, 26, r->dispute);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return step_error(g);
	if (sqlite3_changes(g->l.db) == 0) {
		if (!r->ext_id)
			return POS_PRESENT;
		bind_values(g->st->differs, r);	/* bound for the few rows not inserted */
		if (step_id(g, g->st->differs, &got) < 0)
			return -1;
		return got ? POS_CONFLICT : POS_PRESENT;
	}
	if (r->tags && insert_tags(g, r->tags, c->id) < 0)
		return -1;
	return POS_NEW;
}

/* ---- the batch ---- */

void
reg_input(struct reg *g, const char *input)
{
	free(g->input);
	g->input = xstrdup(input);
	g->run_id = 0;
}

int
reg_add(struct reg *g, const struct intake_rec *r, const struct csvrow *row)
{
	uint32_t pos;

	if (spool_write(g, r, row) < 0)
		return -1;
	pos = matters_add(&g->matters,
		r->id_number ? matter_key_of(r->dispute ? DISPUTE_ID : MATTER_ID,
					     r->id_number, NULL, r->category, r->region) : 0,
		r->phone ? matter_key_of(r->dispute ? DISPUTE_NP : MATTER_NP, r->name,
					 r->phone, r->category, r->region) : 0);
	g->day[pos] = r->received_day;
	g->state[pos] = POS_NEW;
	return matters_count(&g->matters) >= REG_BATCH;
}

/*
 * One try at inserting the batch: ids for the rows not known to be present
 * or in conflict, their matters resolved, then the cases.  *found gets how
 * many rows turned out to be present (their ext_id or fingerprint in the
 * ledger, or earlier in the batch) or in conflict (their ext_id a case of
 * other values); they are marked, for the caller to roll back and try
 * again.  Returns 0 or -1.
 */
static int
insert_batch(struct reg *g, size_t *found)
{
	size_t n = matters_count(&g->matters), pos;
	struct reg_case c;
	int64_t id;

	*found = 0;
	memset(g->next_seq, 0, sizeof(g->next_seq));
	for (pos = 0; pos < n; pos++) {
		id = 0;
		if (!g->state[pos] && next_id(g, g->day[pos], &id) < 0)
			return -1;
		matters_set_case(&g->matters, (uint32_t)pos, id);
	}
	if (matters_resolve(&g->matters, &g->l) < 0)
		return ledger_error(g);
	if (spool_rewind(g) < 0)
		return -1;
	for (pos = 0; pos < n; pos++) {
		int how;
		if (spool_read(g) < 0)
			return -1;
		if (!(id = matters_case(&g->matters, (uint32_t)pos)))
			continue;
		settle(&c, &g->rec, id, matters_first(&g->matters, (uint32_t)pos));
		if ((how = insert_case(g, &c)) < 0)
			return -1;
		if (how != POS_NEW) {
			g->state[pos] = (unsigned char)how;
			(*found)++;
		}
	}
	return 0;
}

/* The input's runs row, the first time one of its batches is written. */
static int
insert_run(struct reg *g)
{
	sqlite3_stmt *st = g->st->run;

	if (g->run_id)
		return 0;
	bind_text(st, 1, g->tool);
	bind_text(st, 2, g->by);
	bind_text(st, 3, g->input);
	return step_id(g, st, &g->run_id);
}

/*
 * (A savepoint would keep the pages the batch changes in memory: a whole
 * rollback keeps memory flat.)
 */
int
reg_flush(struct reg *g)
{
	int64_t run_before = g->run_id;
	size_t found;

	for (;;) {
		if (ledger_begin(&g->l) < 0)
			return ledger_error(g);
		if (insert_run(g) < 0 || insert_batch(g, &found) < 0) {
			ledger_rollback(&g->l);
			g->run_id = run_before;
			return -1;
		}
		if (found == 0)
			break;
		ledger_rollback(&g->l);
		g->run_id = run_before;
	}
	if (ledger_commit(&g->l) < 0) {
		ledger_error(g);
		ledger_rollback(&g->l);
		g->run_id = run_before;
		return -1;
	}
	g->next = 0;
	return spool_rewind(g);
}

int
reg_next(struct reg *g, struct reg_case *c)
{
	size_t pos = g->next;
	int64_t id;

	if (pos == matters_count(&g->matters)) {
		matters_clear(&g->matters);
		g->next = 0;
		return spool_restart(g) < 0 ? -1 : 0;
	}
	if (spool_read(g) < 0)
		return -1;
	g->next++;
	if ((id = matters_case(&g->matters, (uint32_t)pos))) {
		settle(c, &g->rec, id, matters_first(&g->matters, (uint32_t)pos));
		return 1;
	}
	memset(c, 0, sizeof(*c));
	c->rec = &g->rec;
	c->outcome = REG_PRESENT;
	if (g->state[pos] == POS_CONFLICT) {
		/* looked up for the few rows in conflict */
		c->outcome = REG_CONFLICT;
		c->raw = &g->raw;
		if (spool_read_raw(g) < 0)
			return -1;
		bind_text(g->st->ext_case, 1, g->rec.ext_id);
		if (step_id(g, g->st->ext_case, &c->id) < 0)
			return -1;
	} else if (g->present_ids) {	/* by the key that found it present */
		sqlite3_stmt *st = g->rec.ext_id ? g->st->ext_present : g->st->fp_present;
		if (g->rec.ext_id)
			bind_text(st, 1, g->rec.ext_id);
		else
			sqlite3_bind_int64(st, 1, (int64_t)g->rec.fingerprint);
		sqlite3_bind_int64(st, 2, g->run_id);
		if (step_id(g, st, &c->id) < 0)
			return -1;
	}
	return 1;
}

void
reg_close(struct reg *g)
{
	if (g->st) {
		sqlite3_finalize(g->st->ins);
		sqlite3_finalize(g->st->differs);
		sqlite3_finalize(g->st->max_seq);
		sqlite3_finalize(g->st->tag);
		sqlite3_finalize(g->st->run);
		sqlite3_finalize(g->st->ext_case);
		sqlite3_finalize(g->st->ext_present);
		sqlite3_finalize(g->st->fp_present);
		free(g->st);
	}
	matters_release(&g->matters);
	ledger_close(&g->l);
	if (g->spool)
		fclose(g->spool);
	if (g->raw_spool)
		fclose(g->raw_spool);
	free(g->hdr);
	strbuf_release(&g->rec_buf);
	strbuf_release(&g->raw_buf);
	free(g->raw.fields);
	free(g->raw.lens);
	free(g->day);
	free(g->state);
	free(g->input);
	memset(g, 0, sizeof(*g));
}

/* ---- the stream of new cases ---- */

const char *
reg_conflict_reason(const struct reg_case *c, char *buf, size_t size)
{
	char shown[256], cid[24];

	snprintf(buf, size, "ext_id %s is case %s, registered with other values",
		 mask_shown(c->rec->ext_id, shown, sizeof(shown)), case_id_format(c->id, cid));
	return buf;
}

void
reg_out_columns(struct reg_out *o, const struct colmap *first, int disputes)
{
	static const char *const base[] = {
		"case_id", "received", "channel", "name", "id_number", "phone", "persons",
		"region", "category", "level", "referred_by", "ext_id", "law_related",
		"tags", "kind", "first_case", "collective", "stage", "due", "summary",
	};
	size_t i;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < sizeof(base) / sizeof(base[0]); i++)
		o->names[o->n++] = base[i];
	if (first && first->field[REC_SOURCE] >= 0)
		o->names[o->source = o->n++] = "source";
	if (first && first->field[REC_RECEIVER] >= 0)
		o->names[o->receiver = o->n++] = "receiver";
	if (disputes)
		o->names[o->dispute = o->n++] = "dispute";
}

void
reg_out_cells(struct reg_out *o, const struct reg_case *c, int unmask,
	      const char **cells)
{
	const struct intake_rec *r = c->rec;

	/* by hand, every row printed: persons is 1 or more (intake_parse_row) */
	*put_decimal(o->persons, (uint64_t)r->persons, 1) = '\0';
	cells[0] = case_id_format(c->id, o->cid);
	cells[1] = r->received;
	cells[2] = r->channel;
	cells[3] = r->name;
	cells[4] = r->id_number && !unmask
		? mask_id(r->id_number, o->idm, sizeof(o->idm)) : r->id_number;
	cells[5] = r->phone && !unmask
		? mask_phone(r->phone, o->phm, sizeof(o->phm)) : r->phone;
	cells[6] = o->persons;
	cells[7] = r->region;
	cells[8] = r->category;
	cells[9] = r->level;
	cells[10] = r->referred_by;
	cells[11] = r->ext_id;
	cells[12] = r->law_related ? "yes" : "no";
	cells[13] = r->tags;
	cells[14] = c->kind;
	cells[15] = c->first ? case_id_format(c->first, o->fid) : NULL;
	cells[16] = c->collective ? "yes" : "no";
	cells[17] = "registered";
	cells[18] = c->due;
	cells[19] = r->summary;
	if (o->source)
		cells[o->source] = r->source;
	if (o->receiver)
		cells[o->receiver] = r->receiver;
	if (o->dispute)
		cells[o->dispute] = r->dispute ? "yes" : "no";
}

/* ---- progress ---- */

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
reg_progress_start(struct reg_progress *p)
{
	memset(p, 0, sizeof(*p));
	p->start = p->last = now_seconds();
}

int
reg_progress_row(struct reg_progress *p, long added, long rejected,
		 char *buf, size_t size)
{
	double t, rate;

	p->rows++;
	if (p->rows - p->last_rows < REG_PROGRESS_ROWS && p->rows % 1024)
		return 0;
	t = now_seconds();
	if (p->rows - p->last_rows < REG_PROGRESS_ROWS && t - p->last < 1.0)
		return 0;
	p->last = t;
	p->last_rows = p->rows;
	rate = t > p->start ? p->rows / (t - p->start) : 0;
	snprintf(buf, size, "%ld rows read, %.0f rows/s, %ld added, %ld rejected",
		 p->rows, rate, added, rejected);
	return 1;
}
