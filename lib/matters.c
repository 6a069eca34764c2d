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
	return m->find && m->add ? 0 : -1;
}

void
matters_release(struct matters *m)
{
	sqlite3_finalize(m->find);
	sqlite3_finalize(m->add);
	free(m->id);
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
	}
	m->case_id[pos] = 0;
	m->first[pos] = 0;
	m->has_id[pos] = id_key != 0;
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
 * Resolve one kind of key.  For each run of equal keys: the ledger's first
 * case if the key is filed, else the earliest registered case of the run
 * (its own matter's first case, for a name-and-phone key of a case with an
 * ID), which is then filed.  Cases the key decides (all, for ID keys; those
 * without an ID number, for name-and-phone keys) take that first case.
 * Cases not registered (case id 0) neither file nor take anything.
 */
static int
resolve(struct matters *m, struct ledger *l, struct matter_key *v, size_t n, int np)
{
	size_t i = 0, j;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_key);
	while (i < n) {
		int64_t first = 0;
		for (j = i; j < n && v[j].key == v[i].key; j++)
			if (!first && m->case_id[v[j].pos])
				first = m->first[v[j].pos];
		if (first && (first = file(m, l, v[i].key, first)) < 0)
			return -1;
		for (j = i; j < n && v[j].key == v[i].key; j++)
			if (m->case_id[v[j].pos] && (!np || !m->has_id[v[j].pos]))
				m->first[v[j].pos] = first;
		i = j;
	}
	return 0;
}

int
matters_resolve(struct matters *m, struct ledger *l)
{
	size_t i;

	for (i = 0; i < m->ncases; i++)
		m->first[i] = m->case_id[i];
	if (resolve(m, l, m->id, m->nid, 0) < 0 || resolve(m, l, m->np, m->nnp, 1) < 0)
		return -1;
	return 0;
}
