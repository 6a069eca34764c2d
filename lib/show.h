/* show.h: looking cases up: one case's life, a petitioner's cases, and the exchange between offices. */
#ifndef PT_SHOW_H
#define PT_SHOW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ledger.h"

/*
 * What pt-show reads, each a fixed list of columns (show_cols):
 *
 *   SHOW_CASE         a case's registered columns and its state, from
 *                     case_view (booleans as yes/no)
 *   SHOW_EVENTS       a case's events in the order recorded, from
 *                     event_view, the registration first
 *   SHOW_PETITIONER   every case of one petitioner, newest first
 *   SHOW_REFERRAL     a case as the intake columns for the office it is
 *                     referred down to (交办): referred_by the level that
 *                     refers it, due its deadline to conclude, ext_id its
 *                     case_id here
 *   SHOW_REPORT_BACK  the events recorded on cases referred from above
 *                     that the referring office records too (报结), as
 *                     rows of an events file with the case_id up there
 */
enum show_query {
	SHOW_CASE, SHOW_EVENTS, SHOW_PETITIONER, SHOW_REFERRAL, SHOW_REPORT_BACK,
	SHOW_NQUERIES
};

/* What a column holds that a listing masks. */
enum show_personal { SHOW_PLAIN, SHOW_ID_NUMBER, SHOW_PHONE, SHOW_TEXT };

#define SHOW_MAXCOLS 48	/* the most columns a query has */

struct show_col {
	const char *name;	/* the column's name in CSV, TSV and JSON Lines */
	const char *label;	/* its Chinese name, for the text layout; or NULL */
	enum show_personal personal;	/* SHOW_TEXT: free text, a number may stand in it */
	int numeric;		/* a number in JSON Lines */
};

/*
 * show_cols: the columns of query q, in the order show_get numbers them;
 * *n is set to how many.  Static; never fails.
 */
const struct show_col *show_cols(enum show_query q, size_t *n);

/* How show_petitioner_begin finds a petitioner: see show_key_of. */
enum show_key { SHOW_BY_ID_NUMBER, SHOW_BY_PHONE, SHOW_BY_NAME };

/*
 * show_key_of: what who is: an ID number when it is a well-formed
 * 18-character resident ID (idcard_check: its check digit valid), a
 * phone when it is made of digits (with + - ( ) and spaces between), else
 * a name.  Pure; never fails.
 */
enum show_key show_key_of(const char *who);

/*
 * struct show: the read statements over one ledger, prepared once, and the
 * query being read.  Strings show_get returns belong to the statement and
 * hold until the next show_next or show_*_begin call.
 */
#define SHOW_NSTMT 9
struct show {
	struct ledger *l;
	sqlite3_stmt *st[SHOW_NSTMT];
	sqlite3_stmt *cur;	/* the statement whose row show_get reads */
	enum show_query q;
	int step;		/* SHOW_EVENTS: 0 the registration, then the events */
};

/*
 * show_init: begin a read transaction on the open ledger l (which must
 * outlive s), so everything s reads is one state of the ledger, and
 * prepare its statements.  Returns 0, or -1 with l->err and l->rc set;
 * call show_release either way.
 */
int show_init(struct show *s, struct ledger *l);

/*
 * show_release: finalize the statements and end the read transaction;
 * s owns nothing afterwards.  Returns 0, or -1 with l->err when the
 * transaction cannot end.  s may be all zeroes or half made.
 */
int show_release(struct show *s);

/*
 * show_case: case id's SHOW_CASE row.  Returns 1 with the row ready for
 * show_get, 0 when the ledger has no such case, -1 with l->err.
 */
int show_case(struct show *s, int64_t id);

/*
 * show_events_begin: start reading case id's events (SHOW_EVENTS) with
 * show_next.  show_petitioner_begin: the cases of who, found as
 * show_key_of says, newest received first (SHOW_PETITIONER): by an ID
 * number (its x upper-cased) the cases with it and those registered
 * without an ID number under the name and phone of one with it; by a
 * phone or a name, the cases with it.  show_report_back_begin: the SHOW_REPORT_BACK
 * rows of the cases with an ext_id and referred_by set, case_id the
 * upper office's (the ext_id without its "level:" prefix); only those
 * referred by referred_by, when not NULL: the ext_id's prefix names that
 * level, or, for an ext_id without one, the case's referred_by does;
 * events dated since or later
 * (any, when NULL; "YYYY-MM-DD"), each case's in the order recorded:
 * conclude, reply, rate, extend, and the voids of these.  Each returns 0,
 * or -1 with l->err; the strings must hold until the query is read.
 */
int show_events_begin(struct show *s, int64_t id);
int show_petitioner_begin(struct show *s, const char *who);
int show_report_back_begin(struct show *s, const char *since, const char *referred_by);

/*
 * show_referral: case id's SHOW_REFERRAL row, referred_by the level
 * ("central", "province" or "city") that refers it down, its ext_id
 * "level:case_id" (so the referrals of two upper offices, each numbering
 * its own cases, never share one at the lower office).  Returns 1 with
 * the row ready, 2 when the case is a dispute (矛盾纠纷), which is not
 * referred as an intake row of petitions (no row to print), 0 when there
 * is no such case, -1 with l->err.
 */
int show_referral(struct show *s, int64_t id, const char *referred_by);

/*
 * show_next: the next row of the query begun.  Returns 1 with the row
 * ready for show_get, 0 when there is none left, -1 with l->err.
 */
int show_next(struct show *s);

/*
 * show_get: column col (< the query's show_cols count) of the row ready;
 * NULL for an empty value.
 */
const char *show_get(const struct show *s, size_t col);

struct strbuf;

/*
 * show_row: the cells of the row ready (as many as its query has
 * columns), as a listing shows them: unless unmask, ID numbers as mask_id
 * masks them, phones as mask_phone, and the numbers in free text
 * (summary, note, correction) as mask_text, each mask written into the
 * column's strbuf of bufs (the caller's, initialised; grown to fit, so
 * nothing is cut).  cells point into the row or into bufs, valid until
 * the next row or the next use of bufs.  Never fails (out of memory
 * exits, as strbuf).
 */
void show_row(const struct show *s, int unmask, const char **cells, struct strbuf *bufs);

/*
 * struct show_table: the text layout for people: rows of one query, kept
 * (copied) until show_table_print writes them as a table, each column as
 * wide as its widest cell (wide characters count two) under its name, the
 * columns empty in every row left out.  In the text layout (the table and
 * show_print_case) a control character of a value (line end, tab, ESC)
 * is written as a space.
 */
struct show_table {
	const struct show_col *cols;
	size_t ncols, first;	/* the columns from first on are shown */
	char **cells;
	size_t nrows, alloc;
};

/*
 * show_table_init: an empty table of query q's columns from first on.
 * show_table_add: keep a copy of one row of cells (as many as q has
 * columns; NULL for empty); out of memory exits (xrealloc).
 * show_table_print: write the rows kept to fp (nothing when there are
 * none) and forget them; a failed write shows in ferror(fp).
 * show_table_release: free what t holds; t is empty afterwards.
 */
void show_table_init(struct show_table *t, enum show_query q, size_t first);
void show_table_add(struct show_table *t, const char *const *cells);
void show_table_print(struct show_table *t, FILE *fp);
void show_table_release(struct show_table *t);

/*
 * show_print_case: write a SHOW_CASE row of cells to fp as a block: a
 * line "case ID", then one line for each column that has a value, its
 * name and Chinese name, then the value, aligned.  A failed write shows
 * in ferror(fp).
 */
void show_print_case(FILE *fp, const char *const *cells);

#endif
