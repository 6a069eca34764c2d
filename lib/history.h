/* history.h: past cases registered with their lifecycle (pt-intake --history). */
#ifndef PT_HISTORY_H
#define PT_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "colmap.h"
#include "lifecycle.h"
#include "record.h"
#include "util.h"

/*
 * A bureau moving in brings its past cases as one wide file: the intake
 * columns and, beside them, the lifecycle as its old system exports it.
 * Each step is the event it is, dated as the row says:
 *
 *   accepted (unit, leader, procedure)  accept, as pt-assign accepts
 *   concluded (resolved)                conclude
 *   replied                             reply
 *   rated (rating, bureau_rating)       rate
 *   closed                              reject when the case was never
 *                                       accepted, else terminate
 *
 * each checked by the lifecycle as pt-update checks it (lc_apply: in
 * date order, fitting the stage, not after the as-of date).  A row whose
 * step does not fit is refused as a whole before anything of it is
 * registered.
 */
enum hist_col {
	HIST_ACCEPTED, HIST_UNIT, HIST_LEADER, HIST_PROCEDURE, HIST_CONCLUDED,
	HIST_RESOLVED, HIST_REPLIED, HIST_RATED, HIST_RATING, HIST_BUREAU_RATING,
	HIST_CLOSED, HIST_NCOLS
};

/* The history columns with their Chinese aliases, by enum hist_col. */
extern const struct colspec hist_cols[HIST_NCOLS];

/*
 * hist_values: what each history column takes, for --columns: the date
 * columns' text, NULL for the others (their values are the ones the
 * events file of pt-update takes under the same names).
 */
extern const char *const hist_values[HIST_NCOLS];

/*
 * struct history: the lifecycle session the steps are recorded through,
 * and the steps of the rows waiting for their batch (in input order).
 * The caller opens s (lc_session_open, or lc_session_xopen) after
 * hist_init, on the ledger the rows are registered in, for the tool
 * pt-intake; the other members are h's own, except err.
 */
struct history {
	char err[600];			/* what failed: the ledger's, or a step's */
	struct lc_session s;
	struct strbuf queue;		/* per row, its HIST_NCOLS values, each NUL-ended */
	size_t head;			/* the next row's start in queue */
	sqlite3_stmt *has_events;	/* made when first needed */
	const char *by;
};

/* hist_init: h empty, its steps to be recorded by by (which must outlive h). */
void hist_init(struct history *h, const char *by);

/*
 * hist_check: the steps of one row (fields, as intake_parse_row left them,
 * mapped by m, whose column REC_NCOLS + i is hist_cols[i]), of a case r
 * describes, checked in order on the case as registered: 0, and the row's
 * steps queued for hist_next; or 1 with the reason in err ("COLUMN: why",
 * COLUMN as the header spells it, else its canonical name) and nothing
 * queued.  Never touches the ledger.
 */
int hist_check(struct history *h, const struct colmap *m, char **fields, size_t nfields,
	       const struct intake_rec *r, char *err, size_t errsize);

/*
 * hist_next: the next queued row's steps, dropped when id is 0 (the row
 * was not registered).  Else the row is case id: registered by this batch,
 * or, when present is set, found in the ledger already.  The steps are
 * recorded on it, inside a transaction hist_commit ends, and *cs is the
 * state they leave it in -- for a case found in the ledger only when the
 * row has steps and the case no event yet (a run stopped after committing
 * a batch's cases, before their steps: its re-run records them); a case
 * with an event keeps its life as the ledger has it.  Returns 1 when *cs
 * was set, 0 when not, -1 with h->err (the ledger failed, or a step no
 * longer fits).
 */
int hist_next(struct history *h, int64_t id, int present, struct case_state *cs);

/* hist_commit: commit what hist_next recorded; 0, or -1 with h->err. */
int hist_commit(struct history *h);

/* hist_close: roll back what is not committed and free h's memory. */
void hist_close(struct history *h);

#endif
