/* matters.c: batch-wise, key-ordered resolution of repeat petitions. */
#include <stdlib.h>
#include <string.h>

#include "matters.h"
#include "util.h"
#include "vscan.h"
#include "banned.h"

int64_t
matter_key_of(int kind, const char *who, const char *phone,
	      const char *category, const char *region)
{
	const char *v[] = { who, phone ? phone : "", category, region };
	char k = (char)kind;
	uint64_t h = hash64(HASH64_INIT, &k, 1);
	size_t i;

	for (i = 0; i < 4; i++) {
		h = hash64(h, v[i], strlen(v[i]));
		h = hash64(h, "\x1f", 1);
	}
	return (int64_t)h;
}

/* ---- a batch's keys as a table: reg_keys(scan), scan a bound pointer ---- */

#define SCAN_PTR "pt_matter_scan"

/* What reg_keys gives: each distinct key of v, or (file) those to file with their first case. */
struct matter_scan {
	const struct matters *m;
	const struct matter_key *v;
	size_t n;
	int file;
};

struct keys_cursor {
	sqlite3_vtab_cursor base;
	const struct matter_scan *s;
	size_t i, end;		/* the run of equal keys at v[i..end) */
	int64_t first;
};

/* From c->end on, the next run to give (file: marked to file, with its first case). */
static void
keys_seek(struct keys_cursor *c)
{
	const struct matter_scan *s = c->s;
	size_t j;

	for (c->i = c->end; c->i < s->n; c->i = c->end) {
		c->first = 0;
		for (j = c->i; j < s->n && s->v[j].key == s->v[c->i].key; j++)
			if (!c->first && s->m->case_id[s->v[j].pos])
				c->first = s->m->first[s->v[j].pos];
		c->end = j;
		if (!s->file || (s->v[c->i].to_file && c->first))
			return;
	}
}

static int
keys_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxs, int argc, sqlite3_value **argv)
{
	struct keys_cursor *c = (struct keys_cursor *)cur;

	(void)idx, (void)idxs;
	c->s = vscan_arg(cur, argc, argv);
	c->i = c->end = 0;
	if (!c->s)
		return SQLITE_ERROR;
	keys_seek(c);
	return SQLITE_OK;
}

static int
keys_next(sqlite3_vtab_cursor *cur)
{
	keys_seek((struct keys_cursor *)cur);
	return SQLITE_OK;
}

static int
keys_eof(sqlite3_vtab_cursor *cur)
{
	const struct keys_cursor *c = (const struct keys_cursor *)cur;
	return c->i >= c->s->n;
}

static int
keys_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	const struct keys_cursor *c = (const struct keys_cursor *)cur;

	if (col == 0)
		sqlite3_result_int64(ctx, c->s->v[c->i].key);
	else if (col == 1)
		sqlite3_result_int64(ctx, c->first);
	return SQLITE_OK;
}

static int
keys_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = (sqlite3_int64)((const struct keys_cursor *)cur)->i;
	return SQLITE_OK;
}

static const struct vscan_table keys_table = {
	"CREATE TABLE x(key, first, scan HIDDEN)", 2, SCAN_PTR, sizeof(struct keys_cursor)
};

static const sqlite3_module keys_module = {
	.xConnect = vscan_connect, .xBestIndex = vscan_best_index,
	.xDisconnect = vscan_disconnect, .xOpen = vscan_open, .xClose = vscan_close,
	.xFilter = keys_filter, .xNext = keys_next, .xEof = keys_eof,
	.xColumn = keys_column, .xRowid = keys_rowid,
};

int
matters_init(struct matters *m, struct ledger *l)
{
	memset(m, 0, sizeof(*m));
	if (sqlite3_create_module(l->db, "reg_keys", &keys_module, (void *)&keys_table)
	    != SQLITE_OK)
		return ledger_fail(l);
	/* the batch's keys in order, each probed in both tables: one statement */
	m->find = ledger_prepare(l,
		"SELECT k.rowid, coalesce(m.first_case, r.first_case) FROM reg_keys(?1) AS k"
		" LEFT JOIN matters AS m ON m.key = k.key"
		" LEFT JOIN matters_recent AS r ON r.key = k.key"
		" WHERE m.key IS NOT NULL OR r.key IS NOT NULL");
	/*
	 * OR IGNORE, though no key is in either table yet: a statement that
	 * may abort halfway keeps the pages it changes in a statement
	 * journal, in memory (temp_store), and these change most of a table.
	 */
	m->add = ledger_prepare(l, "INSERT OR IGNORE INTO matters_recent (key, first_case)"
				   " SELECT key, first FROM reg_keys(?1)");
	m->refile = ledger_prepare(l, "UPDATE matters_recent SET first_case = ?2 WHERE key = ?1");
	m->no_id = ledger_prepare(l, "SELECT id_number IS NULL FROM cases WHERE id = ?1");
	m->count = ledger_prepare(l, "SELECT (SELECT count(*) FROM matters),"
				     " (SELECT count(*) FROM matters_recent)");
	m->merge = ledger_prepare(l, "INSERT OR IGNORE INTO matters (key, first_case)"
				     " SELECT key, first_case FROM matters_recent");
	m->clear = ledger_prepare(l, "DELETE FROM matters_recent");
	return m->find && m->add && m->refile && m->no_id && m->count && m->merge &&
	       m->clear ? 0 : -1;
}

void
matters_release(struct matters *m)
{
	sqlite3_finalize(m->find);
	sqlite3_finalize(m->add);
	sqlite3_finalize(m->refile);
	sqlite3_finalize(m->no_id);
	sqlite3_finalize(m->count);
	sqlite3_finalize(m->merge);
	sqlite3_finalize(m->clear);
	free(m->id);
	free(m->id_key);
	free(m->adopt);
	free(m->np);
	free(m->case_id);
	free(m->first);
	free(m->has_id);
	memset(m, 0, sizeof(*m));
}

static void
push(struct matter_key **v, size_t *n, size_t *alloc, int64_t key, uint32_t pos)
{
	if (*n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 1024;
		*v = xrealloc(*v, *alloc * sizeof(**v));
	}
	(*v)[*n].key = key;
	(*v)[*n].pos = pos;
	(*n)++;
}

uint32_t
matters_add(struct matters *m, int64_t id_key, int64_t np_key)
{
	uint32_t pos = (uint32_t)m->ncases;

	if (m->ncases == m->alloc_cases) {
		m->alloc_cases = m->alloc_cases ? m->alloc_cases * 2 : 1024;
		m->case_id = xrealloc(m->case_id, m->alloc_cases * sizeof(*m->case_id));
		m->first = xrealloc(m->first, m->alloc_cases * sizeof(*m->first));
		m->has_id = xrealloc(m->has_id, m->alloc_cases);
		m->id_key = xrealloc(m->id_key, m->alloc_cases * sizeof(*m->id_key));
	}
	m->case_id[pos] = 0;
	m->first[pos] = 0;
	m->has_id[pos] = id_key != 0;
	m->id_key[pos] = id_key;
	m->ncases++;
	if (id_key)
		push(&m->id, &m->nid, &m->alloc_id, id_key, pos);
	if (np_key)
		push(&m->np, &m->nnp, &m->alloc_np, np_key, pos);
	return pos;
}

/* By key, then by batch position, so the earliest case of a key comes first. */
static int
cmp_key(const void *a, const void *b)
{
	const struct matter_key *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

void
matters_set_case(struct matters *m, uint32_t pos, int64_t case_id)
{
	m->case_id[pos] = case_id;
}

int64_t
matters_case(const struct matters *m, uint32_t pos)
{
	return m->case_id[pos];
}

int64_t
matters_first(const struct matters *m, uint32_t pos)
{
	return m->first[pos];
}

size_t
matters_count(const struct matters *m)
{
	return m->ncases;
}

void
matters_clear(struct matters *m)
{
	m->nid = m->nnp = m->ncases = 0;
}

/*
 * The join's next row (a run start of v and the first case its key is
 * filed under) into *at and *filed; *at = -1 when done.  0, or -1 on error.
 */
static int
join_next(struct matters *m, struct ledger *l, int64_t *at, int64_t *filed)
{
	int rc = sqlite3_step(m->find);

	if (rc == SQLITE_ROW) {
		*at = sqlite3_column_int64(m->find, 0);
		*filed = sqlite3_column_int64(m->find, 1);
		return 0;
	}
	*at = -1;
	return rc == SQLITE_DONE ? 0 : ledger_fail(l);
}

/* The statement st over scan, stepped to its end: 0, or -1 on error. */
static int
run_scan(struct ledger *l, sqlite3_stmt *st, struct matter_scan *scan)
{
	int rc;

	sqlite3_bind_pointer(st, 1, scan, SCAN_PTR, NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : ledger_fail(l);
}

/*
 * 1 when case id carries no ID number, 0 when it does, -1 on error; pos0 is
 * its batch position when it is a case of this batch, else -1 (then the
 * ledger is asked: one row by its key).
 */
static int
without_id(struct matters *m, struct ledger *l, int64_t id, long pos0)
{
	int rc, v = 0;

	if (pos0 >= 0)
		return !m->has_id[pos0];
	sqlite3_bind_int64(m->no_id, 1, id);
	rc = sqlite3_step(m->no_id);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int(m->no_id, 0);
	sqlite3_reset(m->no_id);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return ledger_fail(l);
	return v;
}

/*
 * The case at pos carries an ID number seen for the first time (it is its
 * own first case) and its name and phone lead to first, a case without
 * one: it is a repeat of first, and so are the cases of its ID number,
 * whose key is filed under first from now on.  0, or -1 on error.
 */
static int
adopt(struct matters *m, struct ledger *l, uint32_t pos, int64_t first, long first_pos)
{
	int rc;

	if (m->first[pos] != m->case_id[pos] || first == m->case_id[pos])
		return 0;
	if ((rc = without_id(m, l, first, first_pos)) <= 0)
		return rc;
	if (m->nadopt == m->alloc_adopt) {
		m->alloc_adopt = m->alloc_adopt ? m->alloc_adopt * 2 : 64;
		m->adopt = xrealloc(m->adopt, m->alloc_adopt * sizeof(*m->adopt));
	}
	m->adopt[m->nadopt].from = m->case_id[pos];
	m->adopt[m->nadopt].key = m->id_key[pos];
	m->adopt[m->nadopt++].to = first;
	return 0;
}

/*
 * The ID keys of the adopted first cases filed under the case that adopted
 * them.  Each was filed by this batch (its case was its own first case), so
 * it is in matters_recent.
 */
static int
refile(struct matters *m, struct ledger *l)
{
	size_t i;
	int rc;

	for (i = 0; i < m->nadopt; i++) {
		sqlite3_bind_int64(m->refile, 1, m->adopt[i].key);
		sqlite3_bind_int64(m->refile, 2, m->adopt[i].to);
		rc = sqlite3_step(m->refile);
		sqlite3_reset(m->refile);
		if (rc != SQLITE_DONE)
			return ledger_fail(l);
	}
	return 0;
}

/*
 * Resolve one kind of key.  For each run of equal keys: the ledger's first
 * case if the key is filed, else the earliest registered case of the run
 * (its own matter's first case, for a name-and-phone key of a case with an
 * ID), which is then filed.  Cases the key decides (all, for ID keys; those
 * without an ID number, for name-and-phone keys, and the first case of a
 * new ID number when that first case has none: adopt) take that first
 * case.  Cases not registered (case id 0) neither file nor take anything.
 */
static int
resolve(struct matters *m, struct ledger *l, struct matter_key *v, size_t n, int np)
{
	struct matter_scan scan = { m, v, n, 0 };
	int64_t at, filed = 0;
	size_t i = 0, j;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_key);
	sqlite3_bind_pointer(m->find, 1, &scan, SCAN_PTR, NULL);
	if (join_next(m, l, &at, &filed) < 0)
		goto fail;
	while (i < n) {
		int64_t first = 0;
		long first_pos = -1;
		for (j = i; j < n && v[j].key == v[i].key; j++)
			if (!first && m->case_id[v[j].pos]) {
				first = m->first[v[j].pos];
				first_pos = first == m->case_id[v[j].pos] ? (long)v[j].pos : -1;
			}
		v[i].to_file = 0;
		if (first && at == (int64_t)i) {
			first = filed;		/* filed before: a case of the ledger */
			first_pos = -1;
		} else if (first)
			v[i].to_file = 1;
		if (at == (int64_t)i && join_next(m, l, &at, &filed) < 0)
			goto fail;
		for (j = i; j < n && v[j].key == v[i].key; j++) {
			uint32_t p = v[j].pos;
			if (!m->case_id[p])
				continue;
			if (!np || !m->has_id[p])
				m->first[p] = first;
			else if (adopt(m, l, p, first, first_pos) < 0)
				goto fail;
		}
		i = j;
	}
	sqlite3_reset(m->find);
	sqlite3_clear_bindings(m->find);
	scan.file = 1;
	if (run_scan(l, m->add, &scan) < 0)
		return -1;
	m->filed += (size_t)sqlite3_changes(l->db);
	return 0;
fail:
	sqlite3_reset(m->find);
	sqlite3_clear_bindings(m->find);
	return -1;
}

static int
cmp_adopt(const void *a, const void *b)
{
	const struct matter_adopt *x = a, *y = b;
	return (x->from > y->from) - (x->from < y->from);
}

/* The cases whose first case was merged into an earlier one take that one. */
static void
apply_adoptions(struct matters *m)
{
	size_t i;

	if (m->nadopt == 0)
		return;
	qsort(m->adopt, m->nadopt, sizeof(*m->adopt), cmp_adopt);
	for (i = 0; i < m->ncases; i++) {
		struct matter_adopt k = { m->first[i], 0, 0 }, *a;
		if (m->case_id[i] && (a = bsearch(&k, m->adopt, m->nadopt, sizeof(*a), cmp_adopt)))
			m->first[i] = a->to;
	}
}

int
matters_resolve(struct matters *m, struct ledger *l)
{
	size_t i;

	for (i = 0; i < m->ncases; i++)
		m->first[i] = m->case_id[i];
	m->nadopt = 0;
	m->filed = 0;
	if (resolve(m, l, m->id, m->nid, 0) < 0 || resolve(m, l, m->np, m->nnp, 1) < 0 ||
	    refile(m, l) < 0)
		return -1;
	apply_adoptions(m);
	return 0;
}

/* The number of keys in matters and in matters_recent into n; 0, or -1 on error. */
static int
count_keys(struct matters *m, struct ledger *l, int64_t n[2])
{
	int rc = sqlite3_step(m->count);

	if (rc == SQLITE_ROW) {
		n[0] = sqlite3_column_int64(m->count, 0);
		n[1] = sqlite3_column_int64(m->count, 1);
	}
	sqlite3_reset(m->count);
	return rc == SQLITE_ROW ? 0 : ledger_fail(l);
}

/* The statement st stepped once: 0, or -1 on error. */
static int
step_done(struct ledger *l, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : ledger_fail(l);
}

int
matters_merge(struct matters *m, struct ledger *l, int64_t n[2])
{
	if (n[0] < 0) {
		if (count_keys(m, l, n) < 0)
			return -1;
	} else
		n[1] += (int64_t)m->filed;
	if (n[1] < MATTERS_MERGE_MIN || n[1] < n[0] / MATTERS_MERGE_SHARE)
		return 0;
	if (step_done(l, m->merge) < 0 || step_done(l, m->clear) < 0)
		return -1;
	n[0] += n[1];
	n[1] = 0;
	return 0;
}

int
matter_store_prepare(struct matter_store *ms, struct ledger *l)
{
	ms->find = ledger_prepare(l, "SELECT first_case FROM matters WHERE key = ?1"
				     " UNION ALL SELECT first_case FROM matters_recent WHERE key = ?1");
	ms->add = ledger_prepare(l,
		"INSERT OR IGNORE INTO matters_recent (key, first_case) VALUES (?1, ?2)");
	ms->refile = ledger_prepare(l, "UPDATE matters SET first_case = ?2 WHERE key = ?1");
	ms->refile_recent = ledger_prepare(l,
		"UPDATE matters_recent SET first_case = ?2 WHERE key = ?1");
	ms->drop = ledger_prepare(l, "DELETE FROM matters WHERE key = ?1");
	ms->drop_recent = ledger_prepare(l, "DELETE FROM matters_recent WHERE key = ?1");
	return ms->find && ms->add && ms->refile && ms->refile_recent && ms->drop &&
	       ms->drop_recent ? 0 : -1;
}

void
matter_store_release(struct matter_store *ms)
{
	sqlite3_finalize(ms->find);
	sqlite3_finalize(ms->add);
	sqlite3_finalize(ms->refile);
	sqlite3_finalize(ms->refile_recent);
	sqlite3_finalize(ms->drop);
	sqlite3_finalize(ms->drop_recent);
	memset(ms, 0, sizeof(*ms));
}

int
matter_lookup(struct matter_store *ms, struct ledger *l, int64_t key, int64_t *first)
{
	int rc;

	sqlite3_bind_int64(ms->find, 1, key);
	rc = sqlite3_step(ms->find);
	if (rc == SQLITE_ROW)
		*first = sqlite3_column_int64(ms->find, 0);
	sqlite3_reset(ms->find);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : ledger_fail(l);
}

/* st with key (and first, when nonzero) bound, stepped once: 0, or -1 on error. */
static int
step_key(struct ledger *l, sqlite3_stmt *st, int64_t key, int64_t first)
{
	sqlite3_bind_int64(st, 1, key);
	if (first)
		sqlite3_bind_int64(st, 2, first);
	return step_done(l, st);
}

int
matter_file(struct matter_store *ms, struct ledger *l, int64_t key, int64_t first)
{
	return step_key(l, ms->add, key, first);
}

int
matter_refile(struct matter_store *ms, struct ledger *l, int64_t key, int64_t first)
{
	return step_key(l, ms->refile, key, first) < 0 ||
	       step_key(l, ms->refile_recent, key, first) < 0 ? -1 : 0;
}

int
matter_drop(struct matter_store *ms, struct ledger *l, int64_t key)
{
	return step_key(l, ms->drop, key, 0) < 0 ||
	       step_key(l, ms->drop_recent, key, 0) < 0 ? -1 : 0;
}
