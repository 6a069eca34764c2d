/* lifecycle.h: a case's stages, the events that move it, and their checks. */
#ifndef PT_LIFECYCLE_H
#define PT_LIFECYCLE_H

#include <stddef.h>
#include <stdint.h>
#include "calendar.h"
#include "colmap.h"
#include "ledger.h"
#include "matters.h"
#include "record.h"

/*
 * Stages and the deadline each one's `due` holds:
 *
 *   registered   accept, reject or transfer by received + 15 days (by
 *                the transfer + 15 days once transferred: the unit's own)
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
	LC_RECHECK_DONE, LC_TERMINATE, LC_REOPEN, LC_RECALC,
	LC_TAG, LC_UNTAG, LC_VOID, LC_AMEND,	/* the corrections (lc_session_correct) */
	LC_NEVENTS
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

/*
 * lc_event_input: lc_event_parse, and for an events file the Chinese name
 * of an event too (办结 is conclude, 不予受理 reject, 更正 amend ...), or
 * -1.  lc_event_alias: event e's Chinese name number k (from 0), or NULL.
 */
int lc_event_input(const char *s);
const char *lc_event_alias(int e, int k);

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
	char rating[16];	/* the unit's: satisfied, basic, unsatisfied, or "" */
	int closed;
	char closed_how[16];	/* rejected, terminated, rechecked */
	int ref_due;
	int last_event;		/* date of the latest event (received at first) */
	int decided;		/* first accept or reject: the acceptance decision */
	int conclude_due;	/* the deadline to conclude, kept after concluding */
	char bureau_rating[16];	/* the petition bureau's, as rating */
};

/* One event, as pt-update reads it or pt-assign makes it. */
struct lc_event {
	const char *event;	/* accept, reject, transfer, assign, extend, ... */
	int date;
	const char *note;
	long days;		/* extend: days; -1 when not given */
	const char *rating;	/* the unit's, normalised: satisfied, basic, unsatisfied */
	const char *bureau_rating;	/* the petition bureau's, likewise */
	const char *outcome;	/* review_done, recheck_done: upheld, revoked, changed */
	int resolved;		/* conclude: 1 or 0; -1 when not given */
	const char *unit, *leader, *procedure;
	const char *by;
	const char *tags;	/* tag, untag: "a;b" as given; NULL when absent */
	const char *fields[REC_NCOLS];	/* amend: the intake columns given, else NULL */
};

/*
 * lc_registered: into *cs the state of case id as its registration leaves
 * it: received on day received, a referring level's due ref_due (-1: none),
 * to be accepted, rejected or transferred within DL_ACCEPT_DAYS, under the
 * normal procedure, no event yet.  Cannot fail.
 */
void lc_registered(struct case_state *cs, int64_t id, int received, int ref_due);

/* lc_stage_is_office: 1 for stages whose due is the office's deadline. */
int lc_stage_is_office(const char *stage);

/* lc_rating_parse: satisfied 满意, basic 基本满意, unsatisfied 不满意; NULL if none. */
const char *lc_rating_parse(const char *s);

/*
 * lc_review_outcome_parse: what a review or re-review opinion decided:
 * upheld 维持, revoked 撤销, changed 变更 (static text); NULL if none.
 */
const char *lc_review_outcome_parse(const char *s);

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
 * struct lc_db: the prepared statements to load a case, save it, record
 * an event, and make the run's runs row (tool, started, by, input) with
 * its first event: every event of one lc_db carries that run.
 */
struct lc_db {
	struct ledger *l;
	const char *tool, *by, *input;	/* the run's; the caller's strings */
	int64_t run;			/* its runs row, 0 until the first event */
	sqlite3_stmt *load, *save, *event, *same, *run_insert;
};

/*
 * lc_db_init: prepare db's statements on l for a run of tool, by by, on
 * input (any may be NULL; they must outlive db).  Returns 0, or -1 with
 * l->err; call lc_db_release either way.
 */
int lc_db_init(struct lc_db *db, struct ledger *l, const char *tool, const char *by,
	       const char *input);

/* lc_db_release: finalize db's statements; db may be half made. */
void lc_db_release(struct lc_db *db);

/* lc_load: 1 and *cs for case id, 0 when there is none, -1 with l->err. */
int lc_load(struct lc_db *db, int64_t id, struct case_state *cs);

/*
 * lc_recorded: 1 when the case already has this very event (same event,
 * date, note, days, rating, resolved, unit, leader), so a re-run adds nothing
 * twice; 0 when not; -1 with l->err.
 */
int lc_recorded(struct lc_db *db, int64_t id, const struct lc_event *ev);

/*
 * lc_save: write the case's new state and, when ev is not NULL, record ev
 * as an event of db's run (making its runs row first when it has none),
 * with the procedure ev named when the case now has it.  Inside the
 * caller's transaction.  Returns 0, or -1 with l->err.
 */
int lc_save(struct lc_db *db, const struct case_state *cs, const struct lc_event *ev);

/*
 * lc_calendar_replace: make cal the ledger's calendar for the years cal
 * covers (calendar_store; the other years stay) and move the due dates
 * the calendar so merged changes (open cases under the simplified
 * procedure), recording a "recalc" event on each, dated as_of, by db's
 * by.  Inside the caller's
 * transaction.  Returns the number of cases moved, or -1 with l->err.
 */
int lc_calendar_replace(struct lc_db *db, const struct calendar *cal, int as_of);

/*
 * struct lc_session: what a tool that moves cases opens: the ledger, its
 * statements, and its calendar (replaced first from a file when given).
 */
#define LC_NCORR 24	/* statements the corrections may prepare */
struct lc_session {
	struct ledger l;
	struct lc_db db;
	struct calendar cal;
	size_t file_holidays, file_workdays;	/* what the calendar file held */
	int moved;				/* due dates the new calendar moved */
	int as_of;				/* no event may be dated later */
	sqlite3_stmt *facts, *pending, *pending_first;
	char err[512];				/* why the last event was refused */
	sqlite3_stmt *corr[LC_NCORR];		/* the corrections', made when first used */
	struct matter_store keys;		/* with them: the matter keys, one at a time */
};

enum lc_open_result {
	LC_OPEN_OK,
	LC_OPEN_NO_LEDGER,	/* no such file: the caller exits 69 */
	LC_OPEN_LEDGER,		/* the ledger failed: s->l.err, ledger_exit_code */
	LC_OPEN_CALENDAR,	/* the calendar file cannot be read: errno */
	LC_OPEN_CALENDAR_DATA,	/* the calendar file is wrong at *line: err */
};

/*
 * lc_session_open: open the ledger at path (never creating it) for a run
 * of tool, by by, on input (its runs row is made with its first event),
 * and, when calendar is not NULL, make that file the ledger's calendar
 * for the years it covers (recording a recalc event, dated as_of, on each
 * case it moves) -- when calendar is NULL and the ledger has no calendar
 * yet, the installed one (calendar_default_path) if it can be read --
 * then load the ledger's calendar.  tool, by and input must outlive s.  Call
 * lc_session_close whatever it returns.
 */
enum lc_open_result lc_session_open(struct lc_session *s, const char *path,
				    const char *calendar, const char *tool,
				    const char *by, const char *input, int as_of,
				    char *err, size_t errsize, long *line);

/* lc_session_close: roll back what is not committed, free everything. */
void lc_session_close(struct lc_session *s);

/*
 * lc_session_commit: commit the transaction the session calls below
 * opened, if any (the facts they handed out end).  Returns 0, or -1 with
 * s->l.err.
 */
int lc_session_commit(struct lc_session *s);

/* A case's facts that routing reads, by index into struct lc_facts. */
enum { LC_F_REGION, LC_F_CATEGORY, LC_F_CHANNEL, LC_F_LEVEL, LC_F_LAW,
       LC_F_RECEIVED, LC_NFACTS };
struct lc_facts {
	const char *v[LC_NFACTS];	/* law_related "1" or "0"; SQLite's memory */
};

/*
 * lc_session_case: open a transaction unless one is open, and load case
 * id into *cs and, when f is not NULL, its facts into *f (valid until the
 * next lc_session_case or lc_session_commit).  Returns 1, 0 when there is
 * no such case, or -1 with s->l.err.
 */
int lc_session_case(struct lc_session *s, int64_t id, struct case_state *cs,
		    struct lc_facts *f);

/*
 * lc_session_record: lc_apply ev to *cs (loaded by lc_session_case) with
 * the session's calendar and as-of date, and lc_save it.  Returns 0 with
 * *cs the state saved, 1 when the event does not fit (the reason in
 * s->err, *cs unchanged), or -1 with s->l.err.
 */
int lc_session_record(struct lc_session *s, struct case_state *cs,
		      const struct lc_event *ev);

enum lc_outcome {
	LC_FAILED = -1,	/* the ledger failed: s->l.err */
	LC_DONE,	/* recorded: *cs is the case's new state */
	LC_ALREADY,	/* the case has this very event: nothing done */
	LC_NO_CASE,	/* no such case */
	LC_REFUSED,	/* the event does not fit: s->err */
};

/*
 * lc_session_update: what pt-update does with one event of case id: load
 * the case, skip an event it already has (lc_recorded), else record it
 * (lc_session_record), inside the session's open transaction.
 */
enum lc_outcome lc_session_update(struct lc_session *s, int64_t id,
				  const struct lc_event *ev, struct case_state *cs);

/*
 * lc_session_pending: the ids of up to max registered cases with no unit
 * and an id above after, in id order, into ids.  Returns how many (fewer
 * than max: the last of them), or -1 with s->l.err.
 */
int lc_session_pending(struct lc_session *s, int64_t after, int64_t *ids, int max);

/* The columns of an events file (pt-update), in this order. */
enum { LC_C_CASE, LC_C_EVENT, LC_C_DATE, LC_C_NOTE, LC_C_DAYS, LC_C_RATING,
       LC_C_RESOLVED, LC_C_UNIT, LC_C_LEADER, LC_C_PROCEDURE, LC_C_BY,
       LC_C_TAGS,		/* tag, untag */
       LC_C_BUREAU_RATING,	/* rate: the petition bureau's rating */
       LC_C_OUTCOME,		/* review_done, recheck_done */
       LC_C_AMEND,		/* amend: the intake columns lc_amend_cols names, in order */
       LC_NCOLS = LC_C_AMEND + 15 };
extern const struct colspec lc_event_cols[LC_NCOLS];

#define LC_DAYS_MAX 100000	/* the largest days a row may give */

struct tabin;
struct strbuf;

/*
 * lc_input_names: into sb (initialised here; the caller releases it) what
 * a run's runs row keeps as its input: the argc names of argv, separated
 * by spaces, or none when there are none (NULL: ""; the runs row gets
 * NULL).  Dies only as strbuf does.
 */
void lc_input_names(struct strbuf *sb, int argc, char *const *argv, const char *none);

/*
 * lc_event_read: the current row of t (opened with lc_event_cols) as an
 * event: *id its case, *ev its fields (rating normalised, resolved 1 or 0,
 * -1 and days -1 when absent; by when the row names nobody), checked for
 * what the row alone can tell (a case_id, a known event, a date, days
 * from 0 to LC_DAYS_MAX and present when the event needs them, known
 * ratings, resolved yes or no, a known outcome and only on review_done or
 * recheck_done).  ev's strings are t's (valid until its next
 * row) or by.  Returns 0, or -1 with the reason in err ("case C: ..."
 * once the case_id is read).
 */
int lc_event_read(struct tabin *t, const char *by, struct lc_event *ev, int64_t *id,
		  char *err, size_t errsize);

/*
 * The intake columns an amend may give (enum rec_col), in the order of
 * lc_event_cols from LC_C_AMEND: every one but ext_id and tags (tag and
 * untag change the tags; the external number is never corrected).
 */
extern const enum rec_col lc_amend_cols[LC_NCOLS - LC_C_AMEND];

/*
 * lc_event_is_correction: 1 for the events lc_session_correct records
 * (tag, untag, void, amend), else 0.
 */
int lc_event_is_correction(const char *name);

/*
 * lc_session_correct: what pt-update does with a correction of case id,
 * inside the session's open transaction, after the checks every event
 * passes (lc_apply: its date, a closed case too):
 *
 *   tag, untag  add (remove) ev->tags to (from) case_tags and cases.tags;
 *               the event keeps the tags it changed; a tag whose tags are
 *               all there changes nothing (LC_ALREADY); an untag whose
 *               tags are none of them is refused.
 *   void        undoes the case's latest event in force (not voided, not a
 *               void, not the calendar's recalc): the voided event stays,
 *               marked voided_by; the case's state is replayed, through
 *               lc_apply, from its registration over its events still in
 *               force; a tag's changes are undone; an amend's old values
 *               (its was) are put back as an amend puts values, kind,
 *               collective, first case and deadlines worked out again, no
 *               amend recorded.  Refused when the latest event in force is
 *               the registration.
 *   amend       the intake columns given replace the registered ones,
 *               checked as intake checks them (intake_parse, on the case's
 *               values with the row's over them; a bad one refuses the row
 *               with intake's reason); the event keeps changes ("col: old
 *               -> new; ...") and was ("col\told\n" each); kind,
 *               collective and, when a matter column changed, first case
 *               (by the matters table; its new keys filed, and its old keys
 *               that named it first filed again under the earliest of its
 *               repeats still on the old matter, or dropped) are worked out
 *               again; a registered case's deadline is received + 15 days
 *               again, and a case in progress's with a new referring due.
 *               One that changes nothing is LC_ALREADY.
 *
 * A row the case already has (same event, date, note, and what it asked)
 * is LC_ALREADY.  Returns as lc_session_update does.
 */
enum lc_outcome lc_session_correct(struct lc_session *s, int64_t id,
				   const struct lc_event *ev, struct case_state *cs);

#endif
