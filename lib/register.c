/* register.c: new cases into the ledger, a batch at a time, through a spool. */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checkpoint.h"
#include "idcard.h"
#include "register.h"
#include "statute.h"
#include "vscan.h"
#include "banned.h"

#define NSTR 13			/* string members of a spooled record */

/* What a batch position turned out to be when the batch was written. */
enum { POS_NEW, POS_PRESENT, POS_CONFLICT };

struct reg_stmts {
	sqlite3_stmt *bulk, *one, *bulk_tags, *differs, *max_seq, *run, *ext_case, *ext_present, *fp_present;
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

/* A spool of b failed (errno says how); returns -1. */
static int
spool_error(struct reg *g, const struct reg_batch *b)
{
	snprintf(g->err, sizeof(g->err), "%s: temporary file: %s", b->spool_path,
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
spool_make(struct reg *g, struct reg_batch *b, const char *dir, FILE **f)
{
	size_t n;
	int fd;

	free(b->spool_path);
	n = strlen(dir) + strlen(g->tool) + 9;
	b->spool_path = xmalloc(n);
	snprintf(b->spool_path, n, "%s/%s.XXXXXX", dir, g->tool);
	fd = mkstemp(b->spool_path);
	if (fd < 0) {
		snprintf(g->err, sizeof(g->err), "%s: cannot make a temporary file: %s",
			 dir, strerror(errno));
		g->status = 73;
		return -1;
	}
	unlink(b->spool_path);	/* 0600 while it had a name */
	*f = fdopen(fd, "w+");
	if (!*f) {
		int e = errno;
		close(fd);
		errno = e;
		return spool_error(g, b);
	}
	setvbuf(*f, NULL, _IOFBF, SPOOL_BUF);
	return 0;
}

int
reg_open(struct reg *g, const char *tool, const char *by)
{
	const char *dir = getenv("TMPDIR");
	int i;

	memset(g, 0, sizeof(*g));
	g->tool = tool;
	g->by = by;
	g->st = xcalloc(1, sizeof(*g->st));
	g->writing = -1;
	g->matter_keys[0] = g->matter_keys[1] = -1;
	if (!dir || !*dir)
		dir = "/tmp";
	for (i = 0; i < 2; i++) {
		struct reg_batch *b = &g->b[i];
		b->hdr = xcalloc(1, sizeof(*b->hdr));
		strbuf_init(&b->rec_buf);
		strbuf_init(&b->raw_buf);
		strbuf_init(&b->tags);
		b->day = xcalloc(REG_BATCH, sizeof(*b->day));
		b->state = xcalloc(REG_BATCH, sizeof(*b->state));
		if (spool_make(g, b, dir, &b->spool) < 0 ||
		    spool_make(g, b, dir, &b->raw_spool) < 0)
			return -1;
	}
	return 0;
}

/* r and its row into b's spools; 0, or -1 with errno. */
static int
spool_write(struct reg_batch *b, const struct intake_rec *r, const struct csvrow *row)
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
		h.raw_off = b->raw_end;
		if (h.raw_size && fwrite(row->fields[0], h.raw_size, 1, b->raw_spool) != 1)
			return -1;
		b->raw_end += h.raw_size;
	}
	if (fwrite(&h, sizeof(h), 1, b->spool) != 1)
		return -1;
	for (i = 0; i < NSTR; i++)
		if (h.len[i] && fwrite(s[i], h.len[i], 1, b->spool) != 1)
			return -1;
	return 0;
}

/*
 * The row of the record read last as it was read: its fields,
 * NUL-separated, from b's raw spool into b->raw.  Read for a conflict
 * only: the raw spool is written as the batch fills and read from here.
 * The spool functions return 0, or -1 with errno (spool_error says it).
 */
static int
spool_read_raw(struct reg_batch *b)
{
	const struct spool_hdr *h = b->hdr;
	const char *p;
	size_t f;

	b->raw.nfields = 0;
	b->raw.line = b->raw.end_line = (long)h->line;
	if (!h->raw_size)
		return 0;
	strbuf_reset(&b->raw_buf);
	strbuf_grow(&b->raw_buf, h->raw_size);
	if (fflush(b->raw_spool) != 0 || fseeko(b->raw_spool, (off_t)h->raw_off, SEEK_SET) != 0 ||
	    fread(b->raw_buf.buf, h->raw_size, 1, b->raw_spool) != 1)
		return -1;
	if (h->raw_n > b->raw_alloc) {
		b->raw_alloc = h->raw_n;
		b->raw.fields = xrealloc(b->raw.fields, b->raw_alloc * sizeof(*b->raw.fields));
		b->raw.lens = xrealloc(b->raw.lens, b->raw_alloc * sizeof(*b->raw.lens));
	}
	b->raw.nfields = h->raw_n;
	for (f = 0, p = b->raw_buf.buf; f < h->raw_n; f++) {
		b->raw.fields[f] = (char *)p;
		b->raw.lens[f] = strlen(p);
		p += b->raw.lens[f] + 1;
	}
	return 0;
}

/* The next record of b's spool into b->rec; its strings live in b until the next. */
static int
spool_read(struct reg_batch *b)
{
	struct intake_rec *r = &b->rec;
	const struct spool_hdr *h = b->hdr;
	const char *s[NSTR];
	size_t total = 0;
	const char *p;
	int i;

	if (fread(b->hdr, sizeof(*b->hdr), 1, b->spool) != 1)
		return -1;
	for (i = 0; i < NSTR; i++)
		total += h->len[i];
	strbuf_reset(&b->rec_buf);
	strbuf_grow(&b->rec_buf, total);
	if (total && fread(b->rec_buf.buf, total, 1, b->spool) != 1)
		return -1;
	for (i = 0, p = b->rec_buf.buf; i < NSTR; p += h->len[i], i++)
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

/* b's spool from its start, for reading. */
static int
spool_rewind(struct reg_batch *b)
{
	if (fflush(b->spool) != 0 || fseek(b->spool, 0, SEEK_SET) != 0)
		return -1;
	return 0;
}

/* The batch done: both spools from their start again. */
static int
spool_restart(struct reg_batch *b)
{
	b->raw_end = 0;
	if (fflush(b->raw_spool) != 0 || fseek(b->raw_spool, 0, SEEK_SET) != 0)
		return -1;
	return spool_rewind(b);
}

/* ---- the batch as a table: reg_cases(scan) ---- */

/*
 * A batch's new cases, read from its spool, as the rows of an eponymous
 * virtual table, so that an INSERT ... SELECT writes many at once: SQLite
 * then keeps its cursors on cases and its indexes open from row to row,
 * where an INSERT per case opens and closes them each time.  The scan
 * comes as a pointer bound to the hidden column scan, and gives the batch
 * positions from pos to end, reading the spool on from where the scan
 * before stopped.  SQLite copies the rows of a virtual table into a
 * temporary table before inserting them (it cannot know that the table
 * does not read cases), in memory: a scan gives SCAN_ROWS positions at most.
 */
#define SCAN_PTR "pt_reg_scan"
#define SCAN_ROWS 1024

struct reg_scan {
	struct reg *g;
	struct reg_batch *b;
	size_t pos, end;	/* the batch positions to give */
	int err;		/* errno of a spool read that failed */
};

struct scan_cursor {
	sqlite3_vtab_cursor base;
	struct reg_scan *s;
	struct reg_case c;	/* the case at s->pos - 1, read last */
};

/* The columns, in the order of the bulk insert's. */
enum { SC_ID, SC_RECEIVED, SC_CHANNEL, SC_NAME, SC_ID_NUMBER, SC_PHONE, SC_PERSONS,
       SC_REGION, SC_CATEGORY, SC_LEVEL, SC_REFERRED_BY, SC_REF_DUE, SC_EXT_ID,
       SC_LAW_RELATED, SC_TAGS, SC_SUMMARY, SC_KIND, SC_FIRST_CASE, SC_COLLECTIVE,
       SC_FINGERPRINT, SC_RUN, SC_DUE, SC_SOURCE, SC_RECEIVER, SC_DISPUTE, SC_SCAN };

/* The next batch position with a case to insert, its record read and settled. */
static int
scan_next(sqlite3_vtab_cursor *cur)
{
	struct scan_cursor *c = (struct scan_cursor *)cur;
	struct reg_scan *s = c->s;
	int64_t id;

	c->c.id = 0;
	while (!c->c.id && s->pos < s->end) {
		if (spool_read(s->b) < 0) {
			s->err = errno;
			return SQLITE_IOERR;
		}
		if ((id = matters_case(&s->b->matters, (uint32_t)s->pos))) {
			settle(&c->c, &s->b->rec, id,
			       matters_first(&s->b->matters, (uint32_t)s->pos));
			if (s->b->rec.tags) {	/* for reg_tags, after the cases */
				strbuf_add(&s->b->tags, &id, sizeof(id));
				strbuf_add(&s->b->tags, s->b->rec.tags, strlen(s->b->rec.tags) + 1);
			}
		}
		s->pos++;
	}
	return SQLITE_OK;
}

static int
scan_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxs, int argc, sqlite3_value **argv)
{
	struct scan_cursor *c = (struct scan_cursor *)cur;

	(void)idx, (void)idxs;
	c->s = vscan_arg(cur, argc, argv);
	if (!c->s)
		return SQLITE_ERROR;
	return scan_next(cur);
}

static int
scan_eof(sqlite3_vtab_cursor *cur)
{
	return ((const struct scan_cursor *)cur)->c.id == 0;
}

static void
result_text(sqlite3_context *ctx, const char *s)
{
	if (s)
		sqlite3_result_text(ctx, s, -1, SQLITE_STATIC);	/* read before the next row */
	else
		sqlite3_result_null(ctx);
}

/* The value insert_case binds for column col. */
static int
scan_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	const struct scan_cursor *c = (const struct scan_cursor *)cur;
	const struct intake_rec *r = c->c.rec;

	switch (col) {
	case SC_ID: sqlite3_result_int64(ctx, c->c.id); break;
	case SC_RECEIVED: result_text(ctx, r->received); break;
	case SC_CHANNEL: result_text(ctx, r->channel); break;
	case SC_NAME: result_text(ctx, r->name); break;
	case SC_ID_NUMBER: result_text(ctx, r->id_number); break;
	case SC_PHONE: result_text(ctx, r->phone); break;
	case SC_PERSONS: sqlite3_result_int64(ctx, r->persons); break;
	case SC_REGION: result_text(ctx, r->region); break;
	case SC_CATEGORY: result_text(ctx, r->category); break;
	case SC_LEVEL: result_text(ctx, r->level); break;
	case SC_REFERRED_BY: result_text(ctx, r->referred_by); break;
	case SC_REF_DUE: result_text(ctx, r->due_day >= 0 ? r->due : NULL); break;
	case SC_EXT_ID: result_text(ctx, r->ext_id); break;
	case SC_LAW_RELATED: sqlite3_result_int(ctx, r->law_related); break;
	case SC_TAGS: result_text(ctx, r->tags); break;
	case SC_SUMMARY: result_text(ctx, r->summary); break;
	case SC_KIND: result_text(ctx, c->c.kind); break;
	case SC_FIRST_CASE:
		if (c->c.first)
			sqlite3_result_int64(ctx, c->c.first);
		else
			sqlite3_result_null(ctx);
		break;
	case SC_COLLECTIVE: sqlite3_result_int(ctx, c->c.collective); break;
	case SC_FINGERPRINT: sqlite3_result_int64(ctx, (int64_t)r->fingerprint); break;
	case SC_RUN: sqlite3_result_int64(ctx, c->s->g->run_id); break;
	case SC_DUE: result_text(ctx, c->c.due); break;
	case SC_SOURCE: result_text(ctx, r->source); break;
	case SC_RECEIVER: result_text(ctx, r->receiver); break;
	case SC_DISPUTE: sqlite3_result_int(ctx, r->dispute); break;
	default: sqlite3_result_null(ctx); break;
	}
	return SQLITE_OK;
}

static int
scan_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = (sqlite3_int64)((const struct scan_cursor *)cur)->c.id;
	return SQLITE_OK;
}

static const struct vscan_table scan_table = {
	"CREATE TABLE x(id, received, channel, name, id_number, phone, persons, region,"
	" category, level, referred_by, ref_due, ext_id, law_related, tags, summary, kind,"
	" first_case, collective, fingerprint, run, due, source, receiver, dispute,"
	" scan HIDDEN)", SC_SCAN, SCAN_PTR, sizeof(struct scan_cursor)
};

static const sqlite3_module scan_module = {
	.xConnect = vscan_connect, .xBestIndex = vscan_best_index,
	.xDisconnect = vscan_disconnect, .xOpen = vscan_open, .xClose = vscan_close,
	.xFilter = scan_filter, .xNext = scan_next, .xEof = scan_eof,
	.xColumn = scan_column, .xRowid = scan_rowid,
};

/*
 * The tags of the cases a batch's scans gave, as rows (tag, case_ref) of
 * reg_tags(tags): tags holds, for each case, its id (8 bytes) and its
 * tags ("a;b"), NUL-ended.
 */
#define TAGS_PTR "pt_reg_tags"

struct tags_cursor {
	sqlite3_vtab_cursor base;
	const char *p, *end;	/* the next case's entry; the buffer's end */
	const char *tag;	/* the current tag, n bytes; NULL at the end */
	size_t n;
	int64_t id;		/* its case */
	int64_t row;		/* its place among the rows given */
};

/* The tag after the current one: in the same case's tags, or the next case's first. */
static int
tags_next(sqlite3_vtab_cursor *cur)
{
	struct tags_cursor *c = (struct tags_cursor *)cur;
	const char *t = c->tag ? c->tag + c->n : NULL;

	for (;;) {
		while (t && *t == ';')
			t++;
		if (t && *t)
			break;
		if (c->p >= c->end) {
			c->tag = NULL;
			return SQLITE_OK;
		}
		memcpy(&c->id, c->p, sizeof(c->id));	/* the next case */
		t = c->p + sizeof(c->id);
		c->p = t + strlen(t) + 1;
	}
	c->tag = t;
	c->n = strcspn(t, ";");
	c->row++;
	return SQLITE_OK;
}

static int
tags_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxs, int argc, sqlite3_value **argv)
{
	struct tags_cursor *c = (struct tags_cursor *)cur;
	const struct strbuf *tags = vscan_arg(cur, argc, argv);

	(void)idx, (void)idxs;
	if (!tags)
		return SQLITE_ERROR;
	c->p = tags->buf;
	c->end = tags->buf + tags->len;
	c->tag = NULL;
	c->row = 0;
	return tags_next(cur);
}

static int
tags_eof(sqlite3_vtab_cursor *cur)
{
	return ((const struct tags_cursor *)cur)->tag == NULL;
}

static int
tags_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	const struct tags_cursor *c = (const struct tags_cursor *)cur;

	if (col == 0)
		sqlite3_result_text(ctx, c->tag, (int)c->n, SQLITE_STATIC);
	else if (col == 1)
		sqlite3_result_int64(ctx, c->id);
	return SQLITE_OK;
}

static int
tags_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = ((const struct tags_cursor *)cur)->row;
	return SQLITE_OK;
}

static const struct vscan_table tags_table = {
	"CREATE TABLE x(tag, case_ref, scan HIDDEN)", 2, TAGS_PTR, sizeof(struct tags_cursor)
};

static const sqlite3_module tags_module = {
	.xConnect = vscan_connect, .xBestIndex = vscan_best_index,
	.xDisconnect = vscan_disconnect, .xOpen = vscan_open, .xClose = vscan_close,
	.xFilter = tags_filter, .xNext = tags_next, .xEof = tags_eof,
	.xColumn = tags_column, .xRowid = tags_rowid,
};

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
#define INSERT_CASES "INTO cases (id, received, channel, name, id_number, phone," \
	" persons, region, category, level, referred_by, ref_due, ext_id," \
	" law_related, tags, summary, kind, first_case, collective," \
	" fingerprint, run, stage, stage_start, due, source, receiver, dispute)" \
	" SELECT id, received, channel, name, id_number, phone," \
	" persons, region, category, level, referred_by, ref_due, ext_id," \
	" law_related, tags, summary, kind, first_case, collective," \
	" fingerprint, run, 'registered', received, due, source, receiver, dispute" \
	" FROM reg_cases(?1)"
	if (sqlite3_create_module(g->l.db, "reg_cases", &scan_module, (void *)&scan_table)
	    != SQLITE_OK ||
	    sqlite3_create_module(g->l.db, "reg_tags", &tags_module, (void *)&tags_table)
	    != SQLITE_OK)
		return ledger_error(g);
	/*
	 * A batch's cases, SCAN_ROWS to a statement (reg_cases).  OR IGNORE:
	 * a row it cannot insert is left out, and the batch is then written
	 * again a case at a time, which tells why (insert_batch); a statement
	 * that may abort halfway would keep every page it changes in a
	 * statement journal, in memory.
	 */
	g->st->bulk = ledger_prepare(&g->l, "INSERT OR IGNORE " INSERT_CASES);
	/*
	 * A case at a time: a row already in the ledger (its fingerprint, or
	 * its ext_id) is not inserted, and sqlite3_changes says so; any other
	 * constraint fails it.  Only then does `differs` ask whether the case
	 * with that ext_id holds other values (a conflict), comparing the
	 * fingerprint, or the values for a case registered before ext_id rows
	 * had one.  (An upsert with RETURNING did both in one statement but
	 * cost three times the insert.)
	 */
	g->st->one = ledger_prepare(&g->l, "INSERT " INSERT_CASES " WHERE 1 ON CONFLICT DO NOTHING");
#undef INSERT_CASES
	g->st->differs = ledger_prepare(&g->l,
		"SELECT id FROM cases WHERE ext_id = ?13 AND CASE WHEN fingerprint IS NULL"
		"   THEN (received, channel, name, id_number, phone, persons, region,"
		"         category, level, referred_by, ref_due, law_related, tags, summary)"
		"     IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?14, ?15, ?16)"
		"   ELSE fingerprint IS NOT ?20 END");
	g->st->bulk_tags = ledger_prepare(&g->l, "INSERT OR IGNORE INTO case_tags (tag, case_ref)"
					 " SELECT tag, case_ref FROM reg_tags(?1)");
	return g->st->bulk && g->st->one && g->st->differs && g->st->bulk_tags
		? 0 : ledger_error(g);
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
	if (matters_init(&g->b[0].matters, &g->l) < 0 ||
	    matters_init(&g->b[1].matters, &g->l) < 0)
		return ledger_error(g);
	if (prepare_one(g, &s->run,
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

/* The values of r that `differs` compares, into st. */
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
 * Run st over the batch positions of scan from scan->pos to end: 0, or -1
 * with g->err.  *added gets the cases it inserted.
 */
static int
run_cases(struct reg *g, sqlite3_stmt *st, struct reg_scan *scan, size_t end, size_t *added)
{
	int rc;

	scan->end = end;
	sqlite3_bind_pointer(st, 1, scan, SCAN_PTR, NULL);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (scan->err) {
		errno = scan->err;
		return spool_error(g, scan->b);
	}
	if (rc != SQLITE_DONE)
		return step_error(g);
	*added = (size_t)sqlite3_changes(g->l.db);
	scan->pos = end;	/* read to there, whether it gave a row or not */
	return 0;
}

/*
 * The case at scan->pos (b->rec once read), on its own.  Returns POS_NEW
 * when added, POS_PRESENT when it is in the ledger already (its ext_id
 * with the same values, or its fingerprint), POS_CONFLICT when its ext_id
 * is a case registered with other values; -1 on error.
 */
static int
insert_one(struct reg *g, struct reg_scan *scan)
{
	const struct intake_rec *r = &scan->b->rec;
	size_t added;
	int64_t got;

	if (run_cases(g, g->st->one, scan, scan->pos + 1, &added) < 0)
		return -1;
	if (added)
		return POS_NEW;
	if (!r->ext_id)
		return POS_PRESENT;
	bind_values(g->st->differs, r);	/* bound for the few rows not inserted */
	if (step_id(g, g->st->differs, &got) < 0)
		return -1;
	return got ? POS_CONFLICT : POS_PRESENT;
}

/* ---- the batch ---- */

static void reg_wait(struct reg *g);

/* A spool of b failed in the caller's thread: said once the writer is done with g->err. */
static int
caller_spool_error(struct reg *g, const struct reg_batch *b)
{
	int e = errno;

	reg_wait(g);
	errno = e;
	return spool_error(g, b);
}

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
	struct reg_batch *b = &g->b[g->fill];
	uint32_t pos;

	if (spool_write(b, r, row) < 0)
		return caller_spool_error(g, b);
	pos = matters_add(&b->matters,
		r->id_number ? matter_key_of(r->dispute ? DISPUTE_ID : MATTER_ID,
					     r->id_number, NULL, r->category, r->region) : 0,
		r->phone ? matter_key_of(r->dispute ? DISPUTE_NP : MATTER_NP, r->name,
					 r->phone, r->category, r->region) : 0);
	b->day[pos] = r->received_day;
	b->state[pos] = POS_NEW;
	return matters_count(&b->matters) >= REG_BATCH;
}

/* The case holding the ext_id of conflict pos (the record read last), kept for reg_next. */
static int
note_conflict(struct reg *g, struct reg_batch *b, uint32_t pos)
{
	int64_t id;

	bind_text(g->st->ext_case, 1, b->rec.ext_id);
	if (step_id(g, g->st->ext_case, &id) < 0)
		return -1;
	if (b->nconflict == b->alloc_conflict) {
		b->alloc_conflict = b->alloc_conflict ? 2 * b->alloc_conflict : 16;
		b->conflict = xrealloc(b->conflict, b->alloc_conflict * sizeof(*b->conflict));
	}
	b->conflict[b->nconflict].pos = pos;
	b->conflict[b->nconflict++].id = id;
	return 0;
}

/*
 * The new cases of batch b (expected of them), SCAN_ROWS to a statement.
 * Returns 1 when every case went in, 0 when one did not (in the ledger
 * already, or in conflict: the caller writes the batch again, a case at
 * a time), -1 on error.
 */
static int
insert_bulk(struct reg *g, struct reg_batch *b, size_t expected)
{
	size_t n = matters_count(&b->matters), added = 0, k;
	struct reg_scan scan = { g, b, 0, 0, 0 };

	while (scan.pos < n) {
		if (run_cases(g, g->st->bulk, &scan,
			      scan.pos + SCAN_ROWS < n ? scan.pos + SCAN_ROWS : n, &k) < 0)
			return -1;
		added += k;
	}
	return added == expected;
}

/* The tags the scans of b kept, of its cases, into case_tags: 0, or -1. */
static int
insert_tags(struct reg *g, struct reg_batch *b)
{
	int rc;

	sqlite3_bind_pointer(g->st->bulk_tags, 1, &b->tags, TAGS_PTR, NULL);
	rc = sqlite3_step(g->st->bulk_tags);
	sqlite3_reset(g->st->bulk_tags);
	sqlite3_clear_bindings(g->st->bulk_tags);
	return rc == SQLITE_DONE ? 0 : step_error(g);
}

/*
 * One try at inserting batch b: ids for the rows not known to be present
 * or in conflict, their matters resolved, then the cases: all at once
 * (insert_bulk) on the first try, a case at a time after.  *found gets how
 * many rows turned out to be present (their ext_id or fingerprint in the
 * ledger, or earlier in the batch) or in conflict (their ext_id a case of
 * other values); they are marked, for the caller to roll back and try
 * again (a first try that left a case out counts 1, none marked).  A row
 * marked a conflict by an earlier try gets the case holding its ext_id,
 * which is in the ledger or inserted earlier in this try.  Returns 0 or -1.
 */
static int
insert_batch(struct reg *g, struct reg_batch *b, int first_try, size_t *found)
{
	size_t n = matters_count(&b->matters), pos, expected = 0;
	struct reg_scan scan = { g, b, 0, 0, 0 };
	int64_t id;
	int rc;

	*found = 0;
	b->nconflict = 0;
	memset(g->next_seq, 0, sizeof(g->next_seq));
	for (pos = 0; pos < n; pos++) {
		id = 0;
		if (!b->state[pos] && next_id(g, b->day[pos], &id) < 0)
			return -1;
		expected += id != 0;
		matters_set_case(&b->matters, (uint32_t)pos, id);
	}
	if (matters_resolve(&b->matters, &g->l) < 0)
		return ledger_error(g);
	strbuf_reset(&b->tags);
	if (spool_rewind(b) < 0)
		return spool_error(g, b);
	if (first_try) {
		if ((rc = insert_bulk(g, b, expected)) < 0)
			return -1;
		*found = rc == 0;
	} else
		for (pos = 0; pos < n; pos++) {
			if (matters_case(&b->matters, (uint32_t)pos)) {
				if ((rc = insert_one(g, &scan)) < 0)
					return -1;
				if (rc != POS_NEW) {
					b->state[pos] = (unsigned char)rc;
					(*found)++;
				}
				continue;
			}
			if (spool_read(b) < 0)
				return spool_error(g, b);
			scan.pos++;
			if (b->state[pos] == POS_CONFLICT && note_conflict(g, b, (uint32_t)pos) < 0)
				return -1;
		}
	return *found ? 0 : insert_tags(g, b);
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
 * Write batch b in one transaction, retried without the rows found
 * present or in conflict; then its spool is rewound for reg_next.
 * Returns 0, or -1 with g->err: nothing of b committed.  (A savepoint
 * would keep the pages the batch changes in memory: a whole rollback
 * keeps memory flat.)
 */
static int
write_batch(struct reg *g, struct reg_batch *b)
{
	int64_t run_before = g->run_id;
	int full = matters_count(&b->matters) >= REG_BATCH, try;
	size_t found;

	if (full && !g->ckpt && !g->ckpt_tried) {	/* a bulk run: checkpoints on a thread */
		g->ckpt = ckpt_start(g->l.db, g->l.path);
		g->ckpt_tried = 1;
	}
	for (try = 0;; try++) {
		if (g->ckpt)
			ckpt_before_begin(g->ckpt);
		if (ledger_begin(&g->l) < 0)
			return ledger_error(g);
		/* after a batch the bulk insert could not write, a case at a time */
		if (insert_run(g) < 0 ||
		    insert_batch(g, b, try == 0 && !g->one_by_one, &found) < 0) {
			ledger_rollback(&g->l);
			g->run_id = run_before;
			return -1;
		}
		if (found == 0 && full &&
		    matters_merge(&b->matters, &g->l, g->matter_keys) < 0) {
			ledger_error(g);
			ledger_rollback(&g->l);
			g->run_id = run_before;
			return -1;
		}
		if (try == 0)	/* a re-run: the next batch is likely one too */
			g->one_by_one = found != 0;
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
	if (g->ckpt)
		ckpt_committed(g->ckpt);
	b->next = 0;
	b->next_conflict = 0;
	return spool_rewind(b) < 0 ? spool_error(g, b) : 0;
}

/* ---- the writer ---- */

/*
 * The writer thread and its one job: the batch it is to write (job, -1
 * when none), taken and written in turn; job back to -1, broadcast on cv,
 * wakes the caller waiting for it.  g->err and the ledger are the
 * writer's while a job is on.
 */
struct reg_writer {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int job, quit;
};

static void *
writer_main(void *arg)
{
	struct reg *g = arg;
	struct reg_writer *w = g->w;
	int job;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (w->job < 0 && !w->quit)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->job < 0)
			break;
		job = w->job;
		pthread_mutex_unlock(&w->mu);
		g->b[job].rc = write_batch(g, &g->b[job]);
		pthread_mutex_lock(&w->mu);
		w->job = -1;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Wait until the writer (if any) has no job; then batches and g->err are the caller's. */
static void
reg_wait(struct reg *g)
{
	struct reg_writer *w = g->w;

	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	while (w->job >= 0)
		pthread_cond_wait(&w->cv, &w->mu);
	pthread_mutex_unlock(&w->mu);
}

/* w's mutex and condition destroyed, w freed. */
static void
writer_free(struct reg *g)
{
	pthread_cond_destroy(&g->w->cv);
	pthread_mutex_destroy(&g->w->mu);
	free(g->w);
	g->w = NULL;
}

/* Batch i to the writer, started the first time; 0, or -1 when no thread can start. */
static int
writer_give(struct reg *g, int i)
{
	struct reg_writer *w = g->w;

	if (!w) {
		/* one malloc arena: a second, the writer's, would hold pages of its own */
		mallopt(M_ARENA_MAX, 1);
		w = g->w = xcalloc(1, sizeof(*w));
		pthread_mutex_init(&w->mu, NULL);
		pthread_cond_init(&w->cv, NULL);
		w->job = -1;
		if ((errno = pthread_create(&w->thread, NULL, writer_main, g)) != 0) {
			writer_free(g);
			return -1;
		}
	}
	pthread_mutex_lock(&w->mu);
	w->job = i;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	return 0;
}

/* The writer ended (after the job it has, if any) and freed. */
static void
writer_stop(struct reg *g)
{
	struct reg_writer *w = g->w;

	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->quit = 1;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	writer_free(g);
}

/* The batch the writer has (if any) waited for: ready for reg_next, or its error. */
static int
collect(struct reg *g)
{
	int i = g->writing;

	if (i < 0)
		return 0;
	reg_wait(g);
	g->writing = -1;
	if (g->b[i].rc < 0)
		return -1;
	g->ready[g->nready++] = i;
	return 0;
}

int
reg_flush(struct reg *g, int all)
{
	int i = g->fill;

	if (collect(g) < 0)
		return -1;
	g->fill = !i;	/* drained by reg_next before reg_add fills it */
	if (g->present_ids || writer_give(g, i) < 0) {
		/* written here, in turn */
		if ((g->b[i].rc = write_batch(g, &g->b[i])) < 0)
			return -1;
		g->ready[g->nready++] = i;
	} else
		g->writing = i;
	return all ? collect(g) : 0;
}

int
reg_next(struct reg *g, struct reg_case *c)
{
	struct reg_batch *b;
	size_t pos;
	int64_t id;

	for (;;) {
		if (!g->nready)
			return 0;
		b = &g->b[g->ready[0]];
		if (b->next < matters_count(&b->matters))
			break;
		matters_clear(&b->matters);	/* read: empty for reg_add */
		b->next = 0;
		if (spool_restart(b) < 0)
			return caller_spool_error(g, b);
		g->ready[0] = g->ready[1];
		g->nready--;
	}
	pos = b->next;
	if (spool_read(b) < 0)
		return caller_spool_error(g, b);
	b->next++;
	if ((id = matters_case(&b->matters, (uint32_t)pos))) {
		settle(c, &b->rec, id, matters_first(&b->matters, (uint32_t)pos));
		return 1;
	}
	memset(c, 0, sizeof(*c));
	c->rec = &b->rec;
	c->outcome = REG_PRESENT;
	if (b->state[pos] == POS_CONFLICT) {
		/* its ext_id's case, noted when the batch was written */
		c->outcome = REG_CONFLICT;
		c->raw = &b->raw;
		if (spool_read_raw(b) < 0)
			return caller_spool_error(g, b);
		while (b->next_conflict < b->nconflict && b->conflict[b->next_conflict].pos < pos)
			b->next_conflict++;
		if (b->next_conflict < b->nconflict && b->conflict[b->next_conflict].pos == pos)
			c->id = b->conflict[b->next_conflict].id;
	} else if (g->present_ids) {	/* by the key that found it present */
		sqlite3_stmt *st = b->rec.ext_id ? g->st->ext_present : g->st->fp_present;
		if (b->rec.ext_id)
			bind_text(st, 1, b->rec.ext_id);
		else
			sqlite3_bind_int64(st, 1, (int64_t)b->rec.fingerprint);
		sqlite3_bind_int64(st, 2, g->run_id);
		if (step_id(g, st, &c->id) < 0)
			return -1;
	}
	return 1;
}

void
reg_close(struct reg *g)
{
	int i;

	writer_stop(g);	/* after the batch it writes, if any */
	ckpt_stop(g->ckpt);
	g->ckpt = NULL;
	if (g->st) {
		sqlite3_finalize(g->st->bulk);
		sqlite3_finalize(g->st->bulk_tags);
		sqlite3_finalize(g->st->one);
		sqlite3_finalize(g->st->differs);
		sqlite3_finalize(g->st->max_seq);
		sqlite3_finalize(g->st->run);
		sqlite3_finalize(g->st->ext_case);
		sqlite3_finalize(g->st->ext_present);
		sqlite3_finalize(g->st->fp_present);
		free(g->st);
	}
	for (i = 0; i < 2; i++) {
		struct reg_batch *b = &g->b[i];
		matters_release(&b->matters);
		if (b->spool)
			fclose(b->spool);
		if (b->raw_spool)
			fclose(b->raw_spool);
		free(b->hdr);
		strbuf_release(&b->rec_buf);
		strbuf_release(&b->raw_buf);
		strbuf_release(&b->tags);
		free(b->raw.fields);
		free(b->raw.lens);
		free(b->day);
		free(b->state);
		free(b->conflict);
		free(b->spool_path);
	}
	ledger_close(&g->l);
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
