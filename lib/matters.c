/* matters.c: batch-wise, key-ordered resolution of repeat petitions. */
#include <stdlib.h>
#include <string.h>

#include "matters.h"
#include "util.h"
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

int
matters_init(struct matters *m, struct ledger *l)
{
	memset(m, 0, sizeof(*m));
	m->find = ledger_prepare(l, "SELECT first_case FROM matters WHERE key = ?1");
	m->add = ledger_prepare(l,
		"INSERT OR IGNORE INTO matters (key, first_case) VALUES (?1, ?2)");
	m->refile = ledger_prepare(l, "UPDATE matters SET first_case = ?2 WHERE key = ?1");
	m->no_id = ledger_prepare(l, "SELECT id_number IS NULL FROM cases WHERE id = ?1");
	return m->find && m->add && m->refile && m->no_id ? 0 : -1;
}

void
matters_release(struct matters *m)
{
	sqlite3_finalize(m->find);
	sqlite3_finalize(m->add);
	sqlite3_finalize(m->refile);
	sqlite3_finalize(m->no_id);
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

/* The first case filed under key, 0 when none; -1 on error. */
static int64_t
find(struct matters *m, struct ledger *l, int64_t key)
{
	int64_t v = 0;
	int rc;

	sqlite3_bind_int64(m->find, 1, key);
	rc = sqlite3_step(m->find);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(m->find, 0);
	sqlite3_reset(m->find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return ledger_fail(l);
	return v;
}

/*
 * File key under first unless it is filed already.  Returns the key's first
 * case: first, or the one the ledger holds; -1 on error.  New keys, the
 * common case, cost one visit to the table's page.
 */
static int64_t
file(struct matters *m, struct ledger *l, int64_t key, int64_t first)
{
	int rc;

	sqlite3_bind_int64(m->add, 1, key);
	sqlite3_bind_int64(m->add, 2, first);
	rc = sqlite3_step(m->add);
	sqlite3_reset(m->add);
	if (rc != SQLITE_DONE)
		return ledger_fail(l);
	return sqlite3_changes(l->db) ? first : find(m, l, key);
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
	m->adopt[m->nadopt++].to = first;
	sqlite3_bind_int64(m->refile, 1, m->id_key[pos]);
	sqlite3_bind_int64(m->refile, 2, first);
	rc = sqlite3_step(m->refile);
	sqlite3_reset(m->refile);
	return rc == SQLITE_DONE ? 0 : ledger_fail(l);
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
	size_t i = 0, j;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_key);
	while (i < n) {
		int64_t first = 0, filed;
		long first_pos = -1;
		for (j = i; j < n && v[j].key == v[i].key; j++)
			if (!first && m->case_id[v[j].pos]) {
				first = m->first[v[j].pos];
				first_pos = first == m->case_id[v[j].pos] ? (long)v[j].pos : -1;
			}
		if (first && (filed = file(m, l, v[i].key, first)) != first) {
			if (filed < 0)
				return -1;
			first = filed;		/* filed before: a case of the ledger */
			first_pos = -1;
		}
		for (j = i; j < n && v[j].key == v[i].key; j++) {
			uint32_t p = v[j].pos;
			if (!m->case_id[p])
				continue;
			if (!np || !m->has_id[p])
				m->first[p] = first;
			else if (adopt(m, l, p, first, first_pos) < 0)
				return -1;
		}
		i = j;
	}
	return 0;
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
		struct matter_adopt k = { m->first[i], 0 }, *a;
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
	if (resolve(m, l, m->id, m->nid, 0) < 0 || resolve(m, l, m->np, m->nnp, 1) < 0)
		return -1;
	apply_adoptions(m);
	return 0;
}
