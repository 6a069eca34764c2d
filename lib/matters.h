/* matters.h: finding a petitioner's earlier cases on the same matter, by batch. */
#ifndef PT_MATTERS_H
#define PT_MATTERS_H

#include <stdint.h>
#include "ledger.h"

/*
 * A matter is one petitioner on one problem (same category and region).
 * The ledger's matters table maps a 64-bit key to the matter's first case.
 * A case with an ID number is known by its ID number (an ID key); any case
 * with a phone also files a name-and-phone key, and a case without an ID
 * number is matched by that key, against every earlier case.  So is the
 * first case of an ID number that a case without one came before: 王五 with
 * his ID number, after 王五 on the same phone and matter without it, is a
 * repeat of that earlier case, and his ID key is filed under it (when
 * both carry ID numbers, only the ID numbers decide).
 *
 * Keys are gathered over a batch of new cases and resolved before the
 * batch is inserted, in key order, so the table's pages are visited in
 * order once per batch rather than at random once per case, and each case
 * goes into the ledger with its kind and first case already known.
 *
 * A batch files its new keys in matters_recent, a table apart, and looks
 * each key up in both tables; a key is in one of them.  New keys are
 * scattered by their hash, so a batch's keys touch nearly every page of
 * the table they go into: matters_recent stays small, and joins matters
 * (matters_merge) once it holds half as many keys as matters does, so
 * that each page of matters is written once per merge rather than once
 * per batch.
 */
enum { MATTER_ID = 'I', MATTER_NP = 'N' };

/*
 * The kinds of a dispute's matter keys: a dispute (cases.dispute = 1)
 * files and finds its keys apart from petitions', so it repeats only an
 * earlier dispute and no petition is ever a repeat of one.
 */
enum { DISPUTE_ID = 'i', DISPUTE_NP = 'n' };

struct matter_key {
	int64_t key;
	uint32_t pos;		/* the case's place in the batch */
	uint32_t to_file;	/* resolving: the key is new, filed after the batch's walk */
};

struct matters {
	struct matter_key *id, *np;
	size_t nid, nnp, alloc_id, alloc_np;
	int64_t *case_id;	/* per batch position: the case */
	int64_t *first;		/* per batch position: its matter's first case */
	unsigned char *has_id;
	int64_t *id_key;	/* per batch position: its ID key, 0 when none */
	size_t ncases, alloc_cases;
	struct matter_adopt { int64_t from, to, key; } *adopt;	/* first cases merged */
	size_t nadopt, alloc_adopt;
	size_t filed;		/* keys the last matters_resolve filed */
	sqlite3_stmt *find, *add, *refile, *no_id, *count, *merge, *clear;
};

/*
 * matter_key_of: the 64-bit key of a petitioner on a problem: kind
 * MATTER_ID (DISPUTE_ID for a dispute) with who the ID number (phone
 * NULL), or MATTER_NP (DISPUTE_NP) with who the name and phone the phone; category and region the problem's.  Pure; no
 * failure.
 */
int64_t matter_key_of(int kind, const char *who, const char *phone,
		      const char *category, const char *region);

/*
 * matters_init: an empty batch, its statements prepared on l (which must
 * outlive m).  Returns 0, or -1 with l->err; call matters_release either
 * way.
 */
int matters_init(struct matters *m, struct ledger *l);

/* matters_release: finalize m's statements and free its memory; m may be all zeroes. */
void matters_release(struct matters *m);

/*
 * matters_add: a case of this batch, with its keys (0: none).  Returns its
 * batch position; its case id is set by matters_set_case before resolving.
 * Memory grows as needed (xrealloc: exits when there is none).
 */
uint32_t matters_add(struct matters *m, int64_t id_key, int64_t np_key);

/* matters_set_case: the case id at pos (< matters_count); 0 when it is not registered after all. */
void matters_set_case(struct matters *m, uint32_t pos, int64_t case_id);

/*
 * matters_resolve: find each registered case's first case, filing new keys
 * in the ledger (run it inside the batch's transaction, and again after a
 * rollback).  Returns 0, or -1 with l->err.
 */
int matters_resolve(struct matters *m, struct ledger *l);

/*
 * matters_merge: after a bulk batch (resolved, in the batch's transaction),
 * matters_recent's keys join matters, and matters_recent is emptied, when
 * it holds at least MATTERS_MERGE_MIN keys and at least one for every
 * MATTERS_MERGE_SHARE in matters.  n holds the two tables' key counts
 * (matters, matters_recent): n[0] < 0 has them counted (a walk of both
 * tables, once per run of bulk batches); after that they are kept up
 * with the keys each batch filed and with the merges.  They steer when to
 * merge only, so a count another writer has made stale costs nothing
 * but timing.  Returns 0, or -1 with l->err.
 */
#define MATTERS_MERGE_MIN 300000
#define MATTERS_MERGE_SHARE 2
int matters_merge(struct matters *m, struct ledger *l, int64_t n[2]);

/*
 * struct matter_store: the matter tables one key at a time, for a
 * correction that moves a case onto another matter.  A key is in matters
 * or in matters_recent, never in both: its calls are the only ones outside
 * a batch that know it.
 */
struct matter_store {
	sqlite3_stmt *find, *add, *refile, *refile_recent, *drop, *drop_recent;
};

/*
 * matter_store_prepare: its statements on l, all at once (0, or -1 with
 * l->err; call matter_store_release either way).  matter_store_release:
 * finalize them; ms may be all zeroes.  matter_lookup: the first case filed
 * under key into *first: 1, 0 when the key is filed nowhere, -1.
 * matter_file: key, filed nowhere, filed under first (in matters_recent).
 * matter_refile: key filed under first instead, in the table holding it.
 * matter_drop: key filed nowhere from now on.  Each returns 0 or -1 with
 * l->err.
 */
int matter_store_prepare(struct matter_store *ms, struct ledger *l);
void matter_store_release(struct matter_store *ms);
int matter_lookup(struct matter_store *ms, struct ledger *l, int64_t key, int64_t *first);
int matter_file(struct matter_store *ms, struct ledger *l, int64_t key, int64_t first);
int matter_refile(struct matter_store *ms, struct ledger *l, int64_t key, int64_t first);
int matter_drop(struct matter_store *ms, struct ledger *l, int64_t key);

/* matters_case: the case id at pos (< matters_count; 0: not registered). */
int64_t matters_case(const struct matters *m, uint32_t pos);

/* matters_first: the first case of the matter of the case at pos, once resolved. */
int64_t matters_first(const struct matters *m, uint32_t pos);

/* matters_count: the cases in the batch. */
size_t matters_count(const struct matters *m);

/* matters_clear: empty the batch, keeping its memory and statements. */
void matters_clear(struct matters *m);

#endif
