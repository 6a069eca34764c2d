/* register.h: registering new cases in batches: numbers, matters, kind, deadline. */
#ifndef PT_REGISTER_H
#define PT_REGISTER_H

#include <stdint.h>
#include <stdio.h>

#include "csvin.h"
#include "date.h"
#include "ledger.h"
#include "matters.h"
#include "record.h"
#include "util.h"

/*
 * A new case is numbered in its received year (id = year * CASE_SEQ_BASE
 * + the next sequence of that year, no gaps), goes in as a first, repeat
 * or referred case by its matter (see matters.h; a dispute's matter is
 * looked for among disputes only, a petition's among petitions), with its
 * source, receiver and dispute flag as its record has them, is a collective visit
 * when COLLECTIVE_PERSONS or more came in person, and is to be accepted,
 * refused or transferred within DL_ACCEPT_DAYS of its receipt.  A row the
 * ledger holds already (its fingerprint, or its ext_id with the same
 * values) is not registered again; a row whose ext_id is a case with other
 * values is a conflict, not registered.
 *
 * Rows are registered in batches of REG_BATCH, one transaction each, with
 * the runs row of their input: a batch's rows wait in its spool, an
 * unlinked temporary file in $TMPDIR (else /tmp), so memory holds only a
 * few numbers per row.  When rows of a batch turn out to be in the ledger
 * already, the transaction is rolled back and the batch written again
 * without them, so case numbers leave no gaps.  Every statement is
 * prepared once, by reg_ledger.
 *
 * Two batches take turns: while one is written to the ledger, by a thread
 * of its own (the writer), the caller reads the rows of the next into the
 * other.  Only the writer touches the ledger while it writes; batches are
 * written in the order they filled, each committed before the next
 * begins, so a batch's matters see every earlier one's.  With
 * present_ids set, batches are written in the caller's thread, one at a
 * time: the caller's own ledger work (a case's steps) then runs between
 * them.
 *
 * Use: reg_open; reg_ledger (when the ledger is wanted); per input
 * reg_input, then reg_add per valid row and, when reg_add returns 1,
 * reg_flush(g, 0), and at the end of the input reg_flush(g, 1), each
 * followed by reg_next until it returns 0; reg_close.  The members of
 * struct reg are its own, except err and status.
 */
#define REG_BATCH 50000		/* rows per transaction */
#define SPOOL_BUF 65536		/* the spools' stdio buffers */

/* One batch: its rows in the spools, their matters, how each went. */
struct reg_batch {
	FILE *spool;		/* the batch's records */
	FILE *raw_spool;	/* the rows with an ext_id as read, for a conflict */
	uint64_t raw_end;	/* the raw spool's length in this batch */
	char *spool_path;	/* the spools' name, for an error */
	struct matters matters;
	int *day;		/* per batch position: the received day */
	unsigned char *state;	/* per batch position: new, present, conflict */
	struct reg_conflict { uint32_t pos; int64_t id; } *conflict;	/* the case
				   holding a conflict's ext_id, by position */
	size_t nconflict, alloc_conflict, next_conflict;
	struct spool_hdr *hdr;	/* the record read last */
	struct strbuf rec_buf, raw_buf;	/* the record read last, its row as read */
	struct strbuf tags;	/* the new cases' ids and tags, for reg_tags */
	struct intake_rec rec;
	struct csvrow raw;
	size_t raw_alloc;
	size_t next;		/* reg_next's batch position */
	int rc;			/* the writer's result: 0, or -1 with err */
};

struct reg_writer;

struct reg {
	char err[4200];		/* what failed, "FILE: what" (the ledger's, the spool's) */
	int status;		/* and its sysexits status */
	struct ledger l;
	const char *tool, *by;
	char *input;		/* of the rows being added */
	int64_t run_id;		/* its runs row, 0 until its first batch */
	struct reg_stmts *st;
	int64_t matter_keys[2];	/* matters_merge's counts, -1 until a bulk batch counts them */
	int64_t next_seq[1100];	/* per year from 1900, valid in one transaction */
	struct reg_batch b[2];
	int fill;		/* the batch reg_add fills */
	int writing;		/* the batch the writer has, -1 when none */
	int ready[2], nready;	/* written batches for reg_next, in order */
	struct reg_writer *w;	/* the writer thread, once started */
	struct checkpointer *ckpt;	/* once a full batch is written (checkpoint.h) */
	int ckpt_tried;
	int one_by_one;		/* the last batch's first try found a row present: the next
				   batch is written a case at a time from the start */
	int present_ids;	/* set by the caller: reg_next gives a present row's case
				   (one an earlier run registered); batches are
				   written in the caller's thread */
};

/* What became of one row of a batch. */
enum reg_outcome { REG_ADDED, REG_PRESENT, REG_CONFLICT };

/*
 * struct reg_case: one row of a committed batch.  rec and raw point into
 * the struct reg and stay valid until the next reg_next.
 */
struct reg_case {
	enum reg_outcome outcome;
	const struct intake_rec *rec;	/* its values */
	int64_t id;		/* ADDED: the new case; CONFLICT: the case holding its ext_id;
				   PRESENT: with present_ids, the case it is when an
				   earlier run registered it (else 0) */
	int64_t first;		/* ADDED: its matter's first case, 0 when it is that case */
	const char *kind;	/* ADDED: "first", "repeat" or "referred" */
	int collective;		/* ADDED: 1 for a collective visit */
	char due[DATE_BUF];	/* ADDED: the deadline to accept, refuse or transfer */
	const struct csvrow *raw;	/* CONFLICT: the row as it was read */
};

/*
 * reg_open: start registering for tool (its runs rows say so) by by (may
 * be NULL); tool and by must outlive g.  Makes the spool; no ledger is
 * opened yet.  Returns 0, or -1 with g->err ("DIR: cannot make a temporary
 * file: why") and g->status 73.  Call reg_close in both cases.
 */
int reg_open(struct reg *g, const char *tool, const char *by);

/*
 * reg_ledger: open (creating it if missing) the ledger at path and prepare
 * the statements; nothing when it is open already.  The tool writes only
 * references it makes itself, in the transaction that makes them, and
 * files a batch's matters before its cases, so foreign keys are not
 * enforced on this connection.  Returns 0, or -1 with g->err "PATH: why"
 * and g->status as ledger_exit_code says.
 */
int reg_ledger(struct reg *g, const char *path);

/*
 * reg_input: the rows added from now on come from input (copied), which
 * gets its own runs row with its first batch, even an empty one.
 */
void reg_input(struct reg *g, const char *input);

/*
 * reg_add: a valid row r joins the batch, row being its fields as read (a
 * conflict is reported with them).  The ledger must be open.  Returns 0;
 * 1 when the batch is full (call reg_flush before adding more: the batch
 * holds REG_BATCH rows at most); -1 with g->err and
 * g->status 74 when the spool cannot be written.
 */
int reg_add(struct reg *g, const struct intake_rec *r, const struct csvrow *row);

/*
 * reg_flush: the batch reg_add filled goes to be written in one
 * transaction (with the input's runs row, the first time), retried
 * without the rows found in the ledger already; the batch written before
 * it is waited for.  With all, every batch is waited for.  Then reg_next
 * gives the rows of the batches written and not yet given, in input
 * order.  Returns 0, or -1 with g->err and g->status (the ledger's, or 74
 * for the spool): nothing of the failed batch is committed then.
 */
int reg_flush(struct reg *g, int all);

/*
 * reg_next: the next row of the batches reg_flush waited for, in input
 * order, into c.  Returns 1; 0 when there are no more, those batches then
 * emptied for reg_add; -1 with g->err and g->status when the spool or the
 * ledger (looking up a present row's case) fails.
 */
int reg_next(struct reg *g, struct reg_case *c);

/*
 * reg_conflict_reason: why conflict c is rejected ("ext_id X is case
 * YYYY-NNNNNN, registered with other values", X masked as mask_shown
 * masks it) into buf (cut to size).  Returns buf.
 */
const char *reg_conflict_reason(const struct reg_case *c, char *buf, size_t size);

/*
 * struct reg_out: the columns of pt-intake's stream of new cases: the 20
 * it always has (case_id ... summary), then source and receiver when the
 * header of the first input holds them, then dispute (yes) for disputes;
 * and the buffers of one row's cells.
 */
#define REG_OUT_MAX 23
struct reg_out {
	const char *names[REG_OUT_MAX];
	size_t n;
	size_t source, receiver, dispute;	/* their places; 0 when not printed */
	char cid[24], fid[24], idm[64], phm[64], persons[24];
};

/*
 * reg_out_columns: o's columns for an input whose header is first (its
 * map; NULL: none was read), with disputes when the run registers disputes.  No failure.
 */
void reg_out_columns(struct reg_out *o, const struct colmap *first, int disputes);

/*
 * reg_out_cells: the o->n cells of new case c into cells, as it went into
 * the ledger: ID numbers and phones masked unless unmask.  The cells
 * point into c's record and o, valid until either changes.
 */
void reg_out_cells(struct reg_out *o, const struct reg_case *c, int unmask,
		   const char **cells);

/*
 * struct reg_progress: when to say how a long run goes: every
 * REG_PROGRESS_ROWS rows, or at a row a second or more after the last
 * line (the clock is read every 1024 rows).
 */
#define REG_PROGRESS_ROWS 100000
struct reg_progress {
	double start, last;	/* seconds, on the monotonic clock */
	long rows, last_rows;
};

/* reg_progress_start: p at the start of a run, now. */
void reg_progress_start(struct reg_progress *p);

/*
 * reg_progress_row: one more row read; when a line is due, the text of it
 * ("N rows read, R rows/s, A added, J rejected", no newline) into buf
 * (cut to size) and 1, else 0.  No failure.
 */
int reg_progress_row(struct reg_progress *p, long added, long rejected,
		     char *buf, size_t size);

/* reg_close: close the ledger (rolling back what is open) and free g's memory. */
void reg_close(struct reg *g);

#endif
