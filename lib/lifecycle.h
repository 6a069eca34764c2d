/* lifecycle.h: a case's stages, the events that move it, and their checks. */
#ifndef PT_LIFECYCLE_H
#define PT_LIFECYCLE_H

#include <stddef.h>
#include <stdint.h>
#include "calendar.h"
#include "colmap.h"
#include "ledger.h"

/*
 * Stages (SPEC §5) and the deadline each one's `due` holds:
 *
 *   registered   accept, reject or transfer by received + 15 days
 *   in_progress  conclude by accepted + 60 days (simplified: 10 working
 *                days), + an extension, or the referring level's due if
 *                earlier
 *   concluded    once replied: the petitioner may ask for review until
 *                reply + 30 days (not the office's deadline)
 *   in_review    the review opinion by request + 30 days
 *   reviewed     the petitioner may ask for re-review until opinion + 30
 *   in_recheck   the re-review opinion by request + 30 days
 *   closed       no deadline (rejected, terminated, or re-reviewed)
 *
 * registered, in_progress, in_review and in_recheck are the office's: they
 * are coloured red, yellow or blue; the others are green.
 */
enum lc_stage {
	LC_REGISTERED, LC_IN_PROGRESS, LC_CONCLUDED, LC_IN_REVIEW, LC_REVIEWED,
	LC_IN_RECHECK, LC_CLOSED, LC_NSTAGES
};
#define LC_AT(stage) (1u << (stage))	/* a set of stages, as bits */
#define LC_ALL_STAGES (LC_AT(LC_NSTAGES) - 1)
#define LC_OFFICE_STAGES (LC_AT(LC_REGISTERED) | LC_AT(LC_IN_PROGRESS) | \
			  LC_AT(LC_IN_REVIEW) | LC_AT(LC_IN_RECHECK))

/*
 * The events that move a case, as the ledger's events.event names them.
 * recalc is the calendar's (lc_calendar_replace): no file may ask for it.
 */
enum lc_ev {
	LC_ACCEPT, LC_REJECT, LC_TRANSFER, LC_ASSIGN, LC_EXTEND, LC_CONCLUDE,
	LC_REPLY, LC_RATE, LC_REVIEW, LC_REVIEW_DONE, LC_RECHECK,
	LC_RECHECK_DONE, LC_TERMINATE, LC_REOPEN, LC_RECALC, LC_NEVENTS
};

/* The names, indexed by enum lc_stage and enum lc_ev; NULL after the last. */
extern const char *const lc_stage_names[LC_NSTAGES + 1];
extern const char *const lc_event_names[LC_NEVENTS + 1];

/* lc_stage_parse: the enum lc_stage named name, or -1 (also for NULL). */
int lc_stage_parse(const char *name);

/*
 * lc_event_parse: the enum lc_ev named name when it is an event a file
 * may record (every one but recalc), or -1 (also for NULL).
 */
int lc_event_parse(const char *name);

#define LC_TEXT 256	/* longest unit, leader, note, in bytes */

struct case_state {
	int64_t id;
	char stage[16];
	int received;		/* day numbers; -1 when not set */
	int stage_start;
	int due;
	char unit[LC_TEXT], leader[LC_TEXT];
	char procedure[16];	/* normal or simplified */
	int accepted;
	int extended;		/* days, 0 when not extended */
	int concluded;
	int resolved;		/* 1, 0, or -1 when not concluded */
	int replied;
	char rating[16];	/* satisfied, basic, unsatisfied, or "" */
	int closed;
	char closed_how[16];	/* rejected, terminated, rechecked */
	int ref_due;
	int last_event;		/* date of the latest event (received at first) */
	int decided;		/* first accept or reject: the acceptance decision */
	int conclude_due;	/* the deadline to conclude, kept after concluding */
};

/* One event, as pt-update reads it or pt-assign makes it. */
struct lc_event {
	const char *event;	/* accept, reject, transfer, assign, extend, ... */
	int date;
	const char *note;
	long days;		/* extend: days; -1 when not given */
	const char *rating;	/* normalised: satisfied, basic, unsatisfied */
	int resolved;		/* conclude: 1 or 0; -1 when not given */
	const char *unit, *leader, *procedure;
	const char *by;
};

/* lc_stage_is_office: 1 for stages whose due is the office's deadline. */
int lc_stage_is_office(const char *stage);

/* lc_rating_parse: satisfied 满意, basic 基本满意, unsatisfied 不满意; NULL if none. */
const char *lc_rating_parse(const char *s);

/* lc_event_known: 1 when lc_event_parse knows name, else 0. */
int lc_event_known(const char *name);

/*
 * lc_apply: check ev against the case and, when it fits, move the case on
 * (stage, dates, due), by the event's row of the transition table: the
 * checks every event passes (dated no later than as_of nor before the
 * case's last event; a closed case takes reopen only; unit and leader
 * shorter than LC_TEXT; a known procedure), then the row's (the stages it
 * fits, the fields it needs), then its effect.  Returns 0, or -1 with the
 * reason in err (NUL-terminated, truncated to errsize) and *cs unchanged.
 */
int lc_apply(struct case_state *cs, const struct lc_event *ev,
	     const struct calendar *cal, int as_of, char *err, size_t errsize);

/*
 * lc_recompute_due: work the due date of the case's stage out again from
 * its dates (after the calendar changed).
 */
void lc_recompute_due(struct case_state *cs, const struct calendar *cal);

/*
 * struct lc_db: the prepared statements to load a case, save it, and
 * record an event.  lc_db_init returns 0, or -1 with l->err.
 */
struct lc_db {
	struct ledger *l;
	sqlite3_stmt *load, *save, *event, *same;
};

int lc_db_init(struct lc_db *db, struct ledger *l);
void lc_db_release(struct lc_db *db);

/* lc_load: 1 and *cs for case id, 0 when there is none, -1 on error. */
int lc_load(struct lc_db *db, int64_t id, struct case_state *cs);

/*
 * lc_recorded: 1 when the case already has this very event (same event,
 * date, note, days, rating, resolved, unit, leader), so a re-run adds nothing
 * twice; 0 when not; -1 on error.
 */
int lc_recorded(struct lc_db *db, int64_t id, const struct lc_event *ev);

/*
 * lc_save: write the case's new state and record ev as an event by tool.
 * Returns 0, or -1 with l->err.
 */
int lc_save(struct lc_db *db, const struct case_state *cs, const struct lc_event *ev,
	    const char *tool);

/*
 * lc_calendar_replace: make cal the ledger's calendar and move the due
 * dates it changes (open cases under the simplified procedure), recording
 * a "recalc" event on each, dated as_of, by tool and by.  Inside the
 * caller's transaction.  Returns the number of cases moved, or -1 with
 * l->err.
 */
int lc_calendar_replace(struct lc_db *db, const struct calendar *cal,
			const char *tool, const char *by, int as_of);

/*
 * struct lc_session: what a tool that moves cases opens: the ledger, its
 * statements, and its calendar (replaced first from a file when given).
 */
struct lc_session {
	struct ledger l;
	struct lc_db db;
	struct calendar cal;
	size_t file_holidays, file_workdays;	/* what the calendar file held */
	int moved;				/* due dates the new calendar moved */
};

enum lc_open_result {
	LC_OPEN_OK,
	LC_OPEN_NO_LEDGER,	/* no such file: the caller exits 69 */
	LC_OPEN_LEDGER,		/* the ledger failed: s->l.err, ledger_exit_code */
	LC_OPEN_CALENDAR,	/* the calendar file cannot be read: errno */
	LC_OPEN_CALENDAR_DATA,	/* the calendar file is wrong at *line: err */
};

/*
 * lc_session_open: open the ledger at path (never creating it) and, when
 * calendar is not NULL, make that file the ledger's calendar (recording a
 * recalc event, by tool and by, dated as_of, on each case it moves), then
 * load the ledger's calendar.  Call lc_session_close whatever it returns.
 */
enum lc_open_result lc_session_open(struct lc_session *s, const char *path,
				    const char *calendar, const char *tool,
				    const char *by, int as_of, char *err,
				    size_t errsize, long *line);
void lc_session_close(struct lc_session *s);

/* The columns of an events file (pt-update; SPEC section 5), in this order. */
enum { LC_C_CASE, LC_C_EVENT, LC_C_DATE, LC_C_NOTE, LC_C_DAYS, LC_C_RATING,
       LC_C_RESOLVED, LC_C_UNIT, LC_C_LEADER, LC_C_PROCEDURE, LC_C_BY, LC_NCOLS };
extern const struct colspec lc_event_cols[LC_NCOLS];

#endif
