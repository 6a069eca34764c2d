/* figsrc.h: where figures are counted from: ledgers (several count a case once) or a case stream. */
#ifndef PT_FIGSRC_H
#define PT_FIGSRC_H

#include <stddef.h>
#include "figures.h"
#include "ledger.h"
#include "tabin.h"

#define FIG_MAX_LEDGERS 64

/*
 * Several ledgers: the same file named twice is counted once, and so is a
 * case (by ext_id) that several ledgers hold: in the first ledger named
 * that holds it.  The ext_ids of every ledger but the last go, once, into a
 * table seen(ext_id, ledger) in a temporary file of the source's own, which
 * attaches each ledger read-only to fill it; each ledger, opened read-only,
 * attaches the file (read-only too) while it is counted.  SQLite keeps the
 * table on disk, so memory stays flat; no ledger is written.
 *
 * On failure a call returns -1 with code (a sysexits status) and err
 * ("FILE: what", ready to print) set.
 */
struct fig_src {
	const char *path[FIG_MAX_LEDGERS];
	unsigned char dup[FIG_MAX_LEDGERS];	/* the same file as an earlier one */
	size_t n;
	char seen[4096];	/* the seen file, or "" */
	struct ledger l;	/* the ledger open now, when open is set */
	int open;
	struct fig_stmts stmts;	/* l's statements */
	int skip_below;		/* l's number when cases seen before are skipped, else 0 */
	char name[256];		/* the open ledger's name, its --by ledger key */
	/* the cases the lists and month batches read (NULL: all); the caller's */
	const struct fig_filter *filter;
	int code;
	char err[6000];
};

/* fig_src_init: an empty source (no ledger named yet). */
void fig_src_init(struct fig_src *s);

/* fig_src_add: name a ledger (path is kept, not copied); -1 when FIG_MAX_LEDGERS are named. */
int fig_src_add(struct fig_src *s, const char *path);

/*
 * fig_src_dedup: mark in s->dup the ledgers that name the same file as an
 * earlier one (they are not counted); returns how many.  A file that does
 * not exist is left for the open to refuse.
 */
size_t fig_src_dedup(struct fig_src *s);

/*
 * fig_src_seen: with two distinct ledgers or more, make the seen file
 * (in $TMPDIR, else /tmp) from every ledger but the last.  Returns 0, or
 * -1 (code, err); the file, if made, goes with fig_src_close.
 */
int fig_src_seen(struct fig_src *s);

/*
 * fig_src_open: open ledger i read-only into s->l, attach the seen file
 * when a ledger before it counts, and begin one read transaction.
 * Returns 0, or -1 (code, err; a missing file: code 69, "FILE: no ledger").
 */
int fig_src_open(struct fig_src *s, size_t i);

/* fig_src_count: count the open ledger over period p into t; 0, or -1 (code, err). */
int fig_src_count(struct fig_src *s, struct fig_table *t, const struct period *p);

/* fig_src_end: commit the read transaction and close the open ledger; 0, or -1. */
int fig_src_end(struct fig_src *s);

/*
 * fig_src_count_all: every distinct ledger in turn, each in one read
 * transaction, into every target; 0, or -1 (code, err).
 */
int fig_src_count_all(struct fig_src *s, const struct fig_target *tg, size_t n);

/*
 * fig_src_close: close what is open (rolling back) and remove the seen
 * file; safe to call again, and on a source that failed.
 */
void fig_src_close(struct fig_src *s);

/*
 * A case stream (what pt-overdue prints, or any CSV/TSV with a header
 * naming the columns figures use; others are ignored), read once into
 * several targets: standard input cannot be read twice.
 */
struct fig_stream {
	struct tabin in;
	const struct fig_target *tg;
	size_t n;
	int quiet_skip;		/* the row last skipped: a bad value -q may hide */
	int code;
	char err[1200];		/* "FILE:LINE: what" */
};

/*
 * fig_stream_open: open path ("-": standard input) in encoding enc and
 * mark in each target's table what the stream can count; with
 * need_received, refuse a stream without a received column, and any
 * stream without a column a target's filter reads.  Returns 0, or -1 with
 * code and err (EX_USAGE for an unknown encoding, EX_NOINPUT for a file
 * that cannot be opened, EX_DATAERR for a bad header or a missing column).
 * Call fig_stream_close in both cases.
 */
int fig_stream_open(struct fig_stream *s, const char *path, const char *enc,
		    const struct fig_target *tg, size_t n, int need_received);

/*
 * fig_stream_next: count the next row into every target (each counting
 * the rows in its period).  Returns 1 for a row counted, 2 for a row
 * skipped (err says why and where, ending "; row skipped"; quiet_skip says
 * whether it was a bad value rather than a malformed row), 0 at the end,
 * -1 when reading failed (code EX_DATAERR, err).
 */
int fig_stream_next(struct fig_stream *s);

/* fig_stream_close: close the stream. */
void fig_stream_close(struct fig_stream *s);

/* What a bulletin lists case by case, and at most how many red cases. */
enum fig_list_kind { FIG_LIST_RED, FIG_LIST_NEW };
#define FIG_LIST_MAX 50	/* the LIMIT in its SQL (without a filter) */

/*
 * struct fig_list: the cases of a list, row by row, from the open ledger
 * of a source: FIG_LIST_RED, the cases open and past due at day end, most
 * overdue first (at most FIG_LIST_MAX): case_id, unit, leader, due, days
 * overdue, category; FIG_LIST_NEW, the cases received in the period:
 * case_id, channel, persons, region, category, kind, level, unit, leader,
 * due, received (NULL where the case has none).
 */
#define FIG_LIST_RED_CELLS 6
#define FIG_LIST_NEW_CELLS 11
struct fig_list {
	struct fig_src *s;
	sqlite3_stmt *st;
	enum fig_list_kind kind;
	int end;
	int n;			/* the rows given so far */
	const char *cell[FIG_LIST_NEW_CELLS];	/* the current row, valid until the next call */
	char days[24];
	char a[DATE_BUF], b[DATE_BUF];
};

/* fig_list_open: start list kind over period p (FIG_LIST_NEW) or at day end (FIG_LIST_RED); 0 or -1 (code, err). */
int fig_list_open(struct fig_list *ls, struct fig_src *s, enum fig_list_kind kind,
		  const struct period *p, int end);

/* fig_list_next: the next row into ls->cell: 1, 0 at the end, -1 (s's code, err). */
int fig_list_next(struct fig_list *ls);

/*
 * fig_src_month_batches: the batches (cases received) of each month of year
 * y into out: the same count as FIG_BATCHES, read from the index on
 * received alone.  0, or -1 (code, err).
 */
int fig_src_month_batches(struct fig_src *s, int y, long out[12]);

#endif
