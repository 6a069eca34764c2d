/* lifecycle.c: the stage machine of a case, and loading and saving cases. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include "date.h"
#include "idcard.h"
#include "lifecycle.h"
#include "matters.h"
#include "statute.h"
#include "record.h"
#include "tabin.h"
#include "util.h"
#include "banned.h"

/* The stages, by enum lc_stage: the names the ledger's cases.stage holds. */
const char *const lc_stage_names[LC_NSTAGES + 1] = {
	[LC_REGISTERED] = "registered",	[LC_IN_PROGRESS] = "in_progress",
	[LC_CONCLUDED] = "concluded",	[LC_IN_REVIEW] = "in_review",
	[LC_REVIEWED] = "reviewed",	[LC_IN_RECHECK] = "in_recheck",
	[LC_CLOSED] = "closed",		[LC_NSTAGES] = NULL,
};

/* The events, by enum lc_ev: the names the ledger's events.event holds. */
const char *const lc_event_names[LC_NEVENTS + 1] = {
	[LC_ACCEPT] = "accept",		[LC_REJECT] = "reject",
	[LC_TRANSFER] = "transfer",	[LC_ASSIGN] = "assign",
	[LC_EXTEND] = "extend",		[LC_CONCLUDE] = "conclude",
	[LC_REPLY] = "reply",		[LC_RATE] = "rate",
	[LC_REVIEW] = "review",		[LC_REVIEW_DONE] = "review_done",
	[LC_RECHECK] = "recheck",	[LC_RECHECK_DONE] = "recheck_done",
	[LC_TERMINATE] = "terminate",	[LC_REOPEN] = "reopen",
	[LC_RECALC] = "recalc",
	[LC_TAG] = "tag",		[LC_UNTAG] = "untag",
	[LC_VOID] = "void",		[LC_AMEND] = "amend",
	[LC_NEVENTS] = NULL,
};

/* index of name in names (NULL-terminated), or -1 */
static int
name_index(const char *name, const char *const *names)
{
	int i;

	for (i = 0; name && names[i]; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

int
lc_stage_parse(const char *name)
{
	return name_index(name, lc_stage_names);
}

int
lc_stage_is_office(const char *stage)
{
	int s = lc_stage_parse(stage);

	return s >= 0 && (LC_OFFICE_STAGES & LC_AT(s));
}

/* The value of vals (n of them) named s, in English (any case) or Chinese; NULL if none. */
static const char *
pick(const char *const (*vals)[2], size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcasecmp(s, vals[i][0]) || !strcmp(s, vals[i][1]))
			return vals[i][0];
	return NULL;
}

const char *
lc_rating_parse(const char *s)
{
	static const char *const ratings[][2] = {
		{ "satisfied", "满意" }, { "basic", "基本满意" }, { "unsatisfied", "不满意" },
	};

	return pick(ratings, 3, s);
}

const char *
lc_review_outcome_parse(const char *s)
{
	static const char *const outcomes[][2] = {
		{ "upheld", "维持" }, { "revoked", "撤销" }, { "changed", "变更" },
	};

	return pick(outcomes, 3, s);
}

static void
set_text(char *dst, const char *src)
{
	snprintf(dst, LC_TEXT, "%s", src ? src : "");
}

static void
enter(struct case_state *cs, enum lc_stage stage, int date, int due)
{
	snprintf(cs->stage, sizeof(cs->stage), "%s", lc_stage_names[stage]);
	cs->stage_start = date;
	cs->due = due;
}

static void
close_as(struct case_state *cs, int date, const char *how)
{
	enter(cs, LC_CLOSED, date, -1);
	cs->closed = date;
	snprintf(cs->closed_how, sizeof(cs->closed_how), "%s", how);
}

void
lc_recompute_due(struct case_state *cs, const struct calendar *cal)
{
	if (!strcmp(cs->stage, "in_progress") && cs->accepted >= 0) {
		cs->due = deadline_progress(cal, cs->stage_start,
					    !strcmp(cs->procedure, "simplified"),
					    cs->extended, cs->ref_due);
		cs->conclude_due = cs->due;
	}
}

#define REFUSE(...) do { snprintf(err, errsize, __VA_ARGS__); return -1; } while (0)
/* A value from the input, quoted in a message: ID numbers and phones masked. */
#define SHOWN(v) mask_shown((v) ? (v) : "", shown, sizeof(shown))
#define EFFECT(name) static int name(struct case_state *n, const struct lc_event *ev, \
	const struct calendar *cal, char *err, size_t errsize)

/*
 * The effects: each moves n, which has passed its row's checks; one may
 * still refuse (with err), leaving the caller's case as it was.
 */
EFFECT(fx_accept)
{
	(void)err, (void)errsize;
	if (ev->unit)
		set_text(n->unit, ev->unit);
	if (ev->leader)
		set_text(n->leader, ev->leader);
	if (ev->procedure)
		snprintf(n->procedure, sizeof(n->procedure), "%s", ev->procedure);
	n->accepted = ev->date;
	n->extended = 0;
	if (n->decided < 0)
		n->decided = ev->date;
	enter(n, LC_IN_PROGRESS, ev->date, 0);
	lc_recompute_due(n, cal);
	return 0;
}

EFFECT(fx_route)
{
	(void)cal;
	if (!strcmp(ev->event, "transfer") && !strcmp(ev->unit, n->unit))
		REFUSE("transfer to the unit that already has the case (%s)", n->unit);
	set_text(n->unit, ev->unit);
	set_text(n->leader, ev->leader);
	if (ev->procedure && !strcmp(n->stage, "registered"))
		snprintf(n->procedure, sizeof(n->procedure), "%s", ev->procedure);
	return 0;
}

/*
 * A transfer (转办) of a registered case is the office's decision on it
 * within its 15 days (Art. 22): the case is decided on the transfer's
 * date unless it was before, and the receiving unit has DL_ACCEPT_DAYS of
 * its own from then to accept it (Art. 23).  A case in progress keeps its
 * deadline to conclude.
 */
EFFECT(fx_transfer)
{
	if (fx_route(n, ev, cal, err, errsize) < 0)
		return -1;
	if (!strcmp(n->stage, "registered")) {
		if (n->decided < 0)
			n->decided = ev->date;
		n->due = ev->date + DL_ACCEPT_DAYS;
	}
	return 0;
}

EFFECT(fx_reject)
{
	(void)cal, (void)err, (void)errsize;
	close_as(n, ev->date, "rejected");
	if (n->decided < 0)
		n->decided = ev->date;
	return 0;
}

/* Art. 34: an extension is made while the deadline it extends runs, never after. */
EFFECT(fx_extend)
{
	char d1[DATE_BUF], d2[DATE_BUF];

	if (n->due >= 0 && ev->date > n->due)
		REFUSE("extension dated %s after the deadline (%s): an extension is made"
		       " while the deadline runs", date_format(ev->date, d1),
		       date_format(n->due, d2));
	n->extended = (int)ev->days;
	lc_recompute_due(n, cal);
	return 0;
}

EFFECT(fx_conclude)
{
	(void)cal, (void)err, (void)errsize;
	n->concluded = ev->date;
	n->resolved = ev->resolved;
	enter(n, LC_CONCLUDED, ev->date, -1);
	return 0;
}

EFFECT(fx_reply)
{
	(void)cal, (void)err, (void)errsize;
	n->replied = ev->date;
	n->due = ev->date + DL_REVIEW_WINDOW;
	return 0;
}

/* The unit's rating (rating), the petition bureau's (bureau_rating), or both. */
EFFECT(fx_rate)
{
	(void)cal, (void)err, (void)errsize;
	if (ev->rating)
		snprintf(n->rating, sizeof(n->rating), "%s", ev->rating);
	if (ev->bureau_rating)
		snprintf(n->bureau_rating, sizeof(n->bureau_rating), "%s", ev->bureau_rating);
	return 0;
}

/*
 * An appeal asked on ev's date ("review asked", "re-review asked"):
 * refused past window days after since, the date of what it appeals
 * (after: "reply", "review"); else n enters stage, due days later.
 */
static int
appeal(struct case_state *n, const struct lc_event *ev, int since, int window,
       enum lc_stage stage, int days, const char *what, const char *after,
       char *err, size_t errsize)
{
	if (ev->date > since + window)
		REFUSE("%s %d days after the %s; the window is %d days", what,
		       ev->date - since, after, window);
	enter(n, stage, ev->date, ev->date + days);
	return 0;
}

EFFECT(fx_review)
{
	(void)cal;
	return appeal(n, ev, n->replied, DL_REVIEW_WINDOW, LC_IN_REVIEW, DL_REVIEW_DAYS,
		      "review asked", "reply", err, errsize);
}

EFFECT(fx_review_done)
{
	(void)cal, (void)err, (void)errsize;
	enter(n, LC_REVIEWED, ev->date, ev->date + DL_RECHECK_WINDOW);
	return 0;
}

EFFECT(fx_recheck)
{
	(void)cal;
	return appeal(n, ev, n->stage_start, DL_RECHECK_WINDOW, LC_IN_RECHECK,
		      DL_RECHECK_DAYS, "re-review asked", "review", err, errsize);
}

EFFECT(fx_recheck_done)
{
	(void)cal, (void)err, (void)errsize;
	close_as(n, ev->date, "rechecked");
	return 0;
}

EFFECT(fx_terminate)
{
	(void)cal, (void)err, (void)errsize;
	close_as(n, ev->date, "terminated");
	return 0;
}

EFFECT(fx_reopen)
{
	(void)err, (void)errsize;
	n->accepted = ev->date;
	n->extended = 0;
	n->concluded = n->replied = n->closed = -1;
	n->resolved = -1;
	n->rating[0] = n->bureau_rating[0] = n->closed_how[0] = '\0';
	enter(n, LC_IN_PROGRESS, ev->date, 0);
	lc_recompute_due(n, cal);
	return 0;
}

/* A correction moves no stage here: lc_session_correct changes the ledger. */
EFFECT(fx_correction)
{
	(void)n, (void)ev, (void)cal, (void)err, (void)errsize;
	return 0;
}

/* What a row requires besides its stages, checked in this order. */
enum {
	NEED_FIT_REPLIED = 1 << 0,	/* replied, or the stage does not fit */
	NEED_NOT_EXTENDED = 1 << 1,
	NEED_DAYS = 1 << 2,		/* days from 1 to DL_MAX_EXTENSION */
	NEED_UNIT = 1 << 3,
	NEED_RESOLVED = 1 << 4,
	NEED_NOT_REPLIED = 1 << 5,
	NEED_REPLIED = 1 << 6,
	NEED_RATING = 1 << 7,		/* rating, bureau_rating or both */
	NEED_NOT_RATED = 1 << 8,	/* not yet by whoever rates now */
};

#define AT LC_AT
#define OPEN_STAGES (LC_ALL_STAGES & ~AT(LC_CLOSED))

/* The transition table: a row per event pt-update and pt-assign record. */
static const struct transition {
	unsigned stages;	/* the stages it fits (LC_AT bits); 0: none */
	unsigned needs;		/* NEED_ bits */
	const char *hint;	/* after "E does not fit stage S" */
	int (*effect)(struct case_state *, const struct lc_event *,
		      const struct calendar *, char *, size_t);
} transitions[LC_NEVENTS] = {
	[LC_ACCEPT] = { AT(LC_REGISTERED), 0, "", fx_accept },
	[LC_REJECT] = { AT(LC_REGISTERED), 0, " (only a registered case)", fx_reject },
	[LC_TRANSFER] = { AT(LC_REGISTERED) | AT(LC_IN_PROGRESS), NEED_UNIT, "", fx_transfer },
	[LC_ASSIGN] = { AT(LC_REGISTERED) | AT(LC_IN_PROGRESS), NEED_UNIT, "", fx_route },
	[LC_EXTEND] = { AT(LC_IN_PROGRESS), NEED_NOT_EXTENDED | NEED_DAYS, "", fx_extend },
	[LC_CONCLUDE] = { AT(LC_IN_PROGRESS), NEED_RESOLVED, "", fx_conclude },
	[LC_REPLY] = { AT(LC_CONCLUDED), NEED_NOT_REPLIED, " (conclude first)", fx_reply },
	[LC_RATE] = { OPEN_STAGES, NEED_REPLIED | NEED_RATING | NEED_NOT_RATED, "", fx_rate },
	[LC_REVIEW] = { AT(LC_CONCLUDED), NEED_FIT_REPLIED, " (after the reply only)", fx_review },
	[LC_REVIEW_DONE] = { AT(LC_IN_REVIEW), 0, "", fx_review_done },
	[LC_RECHECK] = { AT(LC_REVIEWED), 0, " (after the review only)", fx_recheck },
	[LC_RECHECK_DONE] = { AT(LC_IN_RECHECK), 0, "", fx_recheck_done },
	[LC_TERMINATE] = { OPEN_STAGES, 0, "", fx_terminate },
	[LC_REOPEN] = { AT(LC_CLOSED), 0, " (only a closed case)", fx_reopen },
	[LC_RECALC] = { 0, 0, "", NULL },	/* the calendar's, never applied */
	/* the corrections: any stage; lc_session_correct does the rest */
	[LC_TAG] = { LC_ALL_STAGES, 0, "", fx_correction },
	[LC_UNTAG] = { LC_ALL_STAGES, 0, "", fx_correction },
	[LC_VOID] = { LC_ALL_STAGES, 0, "", fx_correction },
	[LC_AMEND] = { LC_ALL_STAGES, 0, "", fx_correction },
};

int
lc_event_parse(const char *name)
{
	int e = name_index(name, lc_event_names);

	return e >= 0 && transitions[e].effect ? e : -1;
}

/*
 * The Chinese names an events file may give (a unit's feedback sheet
 * writes 办结, not conclude), each for the event it names.
 */
static const struct { int e; const char *zh; } event_aliases[] = {
	{ LC_ACCEPT, "受理" },		{ LC_REJECT, "不予受理" },
	{ LC_TRANSFER, "转办" },	{ LC_ASSIGN, "交办" },
	{ LC_EXTEND, "延期" },		{ LC_CONCLUDE, "办结" },
	{ LC_REPLY, "答复" },		{ LC_RATE, "评价" },
	{ LC_REVIEW, "复查" },		{ LC_REVIEW_DONE, "复查意见" },
	{ LC_RECHECK, "复核" },		{ LC_RECHECK_DONE, "复核意见" },
	{ LC_TERMINATE, "终结" },	{ LC_REOPEN, "重新办理" },
	{ LC_TAG, "标记" },		{ LC_UNTAG, "取消标记" },
	{ LC_VOID, "撤销" },		{ LC_AMEND, "更正" },
	{ LC_REVIEW, "申请复查" },	{ LC_RECHECK, "申请复核" },
};

int
lc_event_input(const char *s)
{
	size_t i;
	int e = s ? lc_event_parse(s) : -1;

	for (i = 0; e < 0 && s && i < sizeof(event_aliases) / sizeof(event_aliases[0]); i++)
		if (!strcmp(s, event_aliases[i].zh))
			e = event_aliases[i].e;
	return e;
}

const char *
lc_event_alias(int e, int k)
{
	size_t i;

	for (i = 0; i < sizeof(event_aliases) / sizeof(event_aliases[0]); i++)
		if (event_aliases[i].e == e && k-- == 0)
			return event_aliases[i].zh;
	return NULL;
}

int
lc_event_known(const char *name)
{
	return lc_event_parse(name) >= 0;
}

/* The checks every event passes, whatever its row. */
static int
check_any(const struct transition *t, const struct case_state *cs, int stage,
	  const struct lc_event *ev, int as_of, char *err, size_t errsize)
{
	char d1[DATE_BUF], d2[DATE_BUF];
	const char *e = ev->event;

	if (ev->date > as_of)
		REFUSE("%s dated %s, after the as-of date", e, date_format(ev->date, d1));
	if (ev->date < cs->last_event)
		REFUSE("%s dated %s, before the case's last event (%s)", e,
		       date_format(ev->date, d1), date_format(cs->last_event, d2));
	if (stage == LC_CLOSED && !(t->stages & AT(LC_CLOSED)))
		REFUSE("the case is closed; only reopen applies");
	if (ev->unit && strlen(ev->unit) >= LC_TEXT)
		REFUSE("unit name longer than %d bytes", LC_TEXT - 1);
	if (ev->leader && strlen(ev->leader) >= LC_TEXT)
		REFUSE("leader name longer than %d bytes", LC_TEXT - 1);
	if (ev->procedure && strcmp(ev->procedure, "normal") && strcmp(ev->procedure, "simplified"))
		REFUSE("unknown procedure '%s' (normal, simplified)", ev->procedure);
	return 0;
}

/* The row's requirements of the case and of the event. */
static int
check_row(const struct transition *t, const struct case_state *cs, int stage,
	  const struct lc_event *ev, char *err, size_t errsize)
{
	const char *e = ev->event;
	unsigned need = t->needs;

	if (stage < 0 || !(t->stages & AT(stage)) ||
	    ((need & NEED_FIT_REPLIED) && cs->replied < 0))
		REFUSE("%s does not fit stage %s%s", e, cs->stage, t->hint);
	if ((need & NEED_NOT_EXTENDED) && cs->extended)
		REFUSE("the case was extended already (%d days); one extension only",
		       cs->extended);
	if ((need & NEED_DAYS) && (ev->days < 1 || ev->days > DL_MAX_EXTENSION))
		REFUSE("an extension takes days from 1 to %d", DL_MAX_EXTENSION);
	if ((need & NEED_UNIT) && (!ev->unit || !*ev->unit))
		REFUSE("%s needs a unit", e);
	if ((need & NEED_RESOLVED) && ev->resolved < 0)
		REFUSE("%s needs resolved (yes or no)", e);
	if ((need & NEED_NOT_REPLIED) && cs->replied >= 0)
		REFUSE("the case was replied to already");
	if ((need & NEED_REPLIED) && cs->replied < 0)
		REFUSE("%s before the reply", e);
	if ((need & NEED_RATING) && !ev->rating && !ev->bureau_rating)
		REFUSE("%s needs a rating or a bureau_rating (satisfied, basic, unsatisfied)", e);
	if ((need & NEED_NOT_RATED) && ev->rating && *cs->rating)
		REFUSE("the case was rated already (%s)", cs->rating);
	if ((need & NEED_NOT_RATED) && ev->bureau_rating && *cs->bureau_rating)
		REFUSE("the case was rated by the bureau already (%s)", cs->bureau_rating);
	return 0;
}

int
lc_apply(struct case_state *cs, const struct lc_event *ev,
	 const struct calendar *cal, int as_of, char *err, size_t errsize)
{
	struct case_state n = *cs;
	int e = lc_event_parse(ev->event), stage = lc_stage_parse(cs->stage);
	const struct transition *t;

	if (e < 0)
		REFUSE("unknown event '%s'", ev->event ? ev->event : "");
	t = &transitions[e];
	if (check_any(t, cs, stage, ev, as_of, err, errsize) < 0 ||
	    check_row(t, cs, stage, ev, err, errsize) < 0 ||
	    t->effect(&n, ev, cal, err, errsize) < 0)
		return -1;
	n.last_event = ev->date;
	*cs = n;
	return 0;
}

/* Loading and saving: the columns in one order for both. */
#define CASE_COLS "stage, received, stage_start, due, unit, leader, procedure," \
	" accepted, extended, concluded, resolved, replied, rating, closed," \
	" closed_how, ref_due, last_event, decided, conclude_due, bureau_rating"

int
lc_db_init(struct lc_db *db, struct ledger *l, const char *tool, const char *by,
	   const char *input)
{
	memset(db, 0, sizeof(*db));
	db->l = l;
	db->tool = tool;
	db->by = by;
	db->input = input;
	db->load = ledger_prepare(l, "SELECT " CASE_COLS " FROM cases WHERE id = ?1");
	db->save = ledger_prepare(l,
		"UPDATE cases SET stage = ?2, stage_start = ?3, due = ?4, unit = ?5,"
		" leader = ?6, procedure = ?7, accepted = ?8, extended = ?9,"
		" concluded = ?10, resolved = ?11, replied = ?12, rating = ?13,"
		" closed = ?14, closed_how = ?15, last_event = ?16,"
		" decided = ?17, conclude_due = ?18, bureau_rating = ?19 WHERE id = ?1");
	db->event = ledger_prepare(l,
		"INSERT INTO events (case_ref, event, date, tool, by, note, days,"
		" rating, resolved, unit, leader, procedure, run, bureau_rating, outcome)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
	db->same = ledger_prepare(l,
		"SELECT 1 FROM events WHERE case_ref = ?1 AND event = ?2 AND date = ?3"
		" AND note IS ?4 AND days IS ?5 AND rating IS ?6 AND resolved IS ?7"
		" AND unit IS ?8 AND leader IS ?9 AND bureau_rating IS ?10"
		" AND outcome IS ?11 LIMIT 1");
	db->run_insert = ledger_prepare(l,
		"INSERT INTO runs (tool, started, by, input)"
		" VALUES (?1, datetime('now', 'localtime'), ?2, ?3)");
	return db->load && db->save && db->event && db->same && db->run_insert ? 0 : -1;
}

void
lc_db_release(struct lc_db *db)
{
	sqlite3_finalize(db->load);
	sqlite3_finalize(db->save);
	sqlite3_finalize(db->event);
	sqlite3_finalize(db->same);
	sqlite3_finalize(db->run_insert);
	memset(db, 0, sizeof(*db));
}

static int
col_date(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	int day;
	if (!s || date_parse(s, &day, NULL) < 0)
		return -1;
	return day;
}

static void
col_text(sqlite3_stmt *st, int i, char *dst, size_t size)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	snprintf(dst, size, "%s", s ? s : "");
}

/* st stepped once with result rc: reset it; 1 for a row, 0 for none, -1 (db's error). */
static int
stepped(struct lc_db *db, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return ledger_fail(db->l);
}

int
lc_load(struct lc_db *db, int64_t id, struct case_state *cs)
{
	sqlite3_stmt *st = db->load;
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(cs, 0, sizeof(*cs));
		cs->id = id;
		col_text(st, 0, cs->stage, sizeof(cs->stage));
		cs->received = col_date(st, 1);
		cs->stage_start = col_date(st, 2);
		cs->due = col_date(st, 3);
		col_text(st, 4, cs->unit, sizeof(cs->unit));
		col_text(st, 5, cs->leader, sizeof(cs->leader));
		col_text(st, 6, cs->procedure, sizeof(cs->procedure));
		cs->accepted = col_date(st, 7);
		cs->extended = sqlite3_column_int(st, 8);
		cs->concluded = col_date(st, 9);
		cs->resolved = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1
						: sqlite3_column_int(st, 10);
		cs->replied = col_date(st, 11);
		col_text(st, 12, cs->rating, sizeof(cs->rating));
		cs->closed = col_date(st, 13);
		col_text(st, 14, cs->closed_how, sizeof(cs->closed_how));
		cs->ref_due = col_date(st, 15);
		cs->last_event = col_date(st, 16);
		cs->decided = col_date(st, 17);
		cs->conclude_due = col_date(st, 18);
		col_text(st, 19, cs->bureau_rating, sizeof(cs->bureau_rating));
		if (cs->last_event < 0)
			cs->last_event = cs->received;
	}
	return stepped(db, st, rc);
}

static void
bind_date(sqlite3_stmt *st, int i, int day)
{
	char buf[DATE_BUF];
	if (day < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, date_format(day, buf), -1, SQLITE_TRANSIENT);
}

static void
bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void
bind_event(sqlite3_stmt *st, int first, const struct lc_event *ev)
{
	bind_str(st, first, ev->note);
	if (ev->days >= 0)
		sqlite3_bind_int64(st, first + 1, ev->days);
	else
		sqlite3_bind_null(st, first + 1);
	bind_str(st, first + 2, ev->rating);
	if (ev->resolved >= 0)
		sqlite3_bind_int(st, first + 3, ev->resolved);
	else
		sqlite3_bind_null(st, first + 3);
	bind_str(st, first + 4, ev->unit);
}

int
lc_recorded(struct lc_db *db, int64_t id, const struct lc_event *ev)
{
	sqlite3_stmt *st = db->same;
	int rc;

	sqlite3_bind_int64(st, 1, id);
	bind_str(st, 2, ev->event);
	bind_date(st, 3, ev->date);
	bind_event(st, 4, ev);
	bind_str(st, 9, ev->leader);
	bind_str(st, 10, ev->bureau_rating);
	bind_str(st, 11, ev->outcome);
	rc = sqlite3_step(st);
	return stepped(db, st, rc);
}

/* This run's runs row, made with its first event; its id, or -1. */
static int64_t
run_id(struct lc_db *db)
{
	sqlite3_stmt *st = db->run_insert;
	int rc;

	if (db->run)
		return db->run;
	bind_str(st, 1, db->tool);
	bind_str(st, 2, db->by);
	bind_str(st, 3, db->input);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return ledger_fail(db->l);
	return db->run = sqlite3_last_insert_rowid(db->l->db);
}

static int
save_case(struct lc_db *db, const struct case_state *cs)
{
	sqlite3_stmt *st = db->save;
	int rc;

	sqlite3_bind_int64(st, 1, cs->id);
	bind_str(st, 2, cs->stage);
	bind_date(st, 3, cs->stage_start);
	bind_date(st, 4, cs->due);
	bind_str(st, 5, cs->unit);
	bind_str(st, 6, cs->leader);
	bind_str(st, 7, cs->procedure);
	bind_date(st, 8, cs->accepted);
	sqlite3_bind_int(st, 9, cs->extended);
	bind_date(st, 10, cs->concluded);
	if (cs->resolved >= 0)
		sqlite3_bind_int(st, 11, cs->resolved);
	else
		sqlite3_bind_null(st, 11);
	bind_date(st, 12, cs->replied);
	bind_str(st, 13, cs->rating);
	bind_date(st, 14, cs->closed);
	bind_str(st, 15, cs->closed_how);
	bind_date(st, 16, cs->last_event);
	bind_date(st, 17, cs->decided);
	bind_date(st, 18, cs->conclude_due);
	bind_str(st, 19, cs->bureau_rating);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : ledger_fail(db->l);
}

int
lc_save(struct lc_db *db, const struct case_state *cs, const struct lc_event *ev)
{
	sqlite3_stmt *st = db->event;
	int64_t run;
	int rc;

	if (save_case(db, cs) < 0)
		return -1;
	if (!ev)
		return 0;
	if ((run = run_id(db)) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, cs->id);
	bind_str(st, 2, ev->event);
	bind_date(st, 3, ev->date);
	bind_str(st, 4, db->tool);
	bind_str(st, 5, ev->by);
	bind_event(st, 6, ev);
	bind_str(st, 11, ev->leader);
	/* the procedure the event set: none when it named one that did not apply */
	bind_str(st, 12, ev->procedure && !strcmp(ev->procedure, cs->procedure)
		 ? ev->procedure : NULL);
	sqlite3_bind_int64(st, 13, run);
	bind_str(st, 14, ev->bureau_rating);
	bind_str(st, 15, ev->outcome);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : ledger_fail(db->l);
}

int
lc_calendar_replace(struct lc_db *db, const struct calendar *cal, int as_of)
{
	sqlite3_stmt *st;
	struct case_state cs;
	struct lc_event ev;
	struct calendar merged;	/* the ledger's years cal does not cover, and cal's */
	char note[64], d1[DATE_BUF], d2[DATE_BUF];
	int rc, moved = 0, old;

	if (calendar_store(cal, db->l) < 0 || calendar_load_ledger(&merged, db->l) < 0)
		return -1;
	st = ledger_prepare(db->l,
		"SELECT id FROM cases WHERE open = 1 AND stage = 'in_progress'"
		" AND procedure = 'simplified'");
	if (!st) {
		calendar_release(&merged);
		return -1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.event = lc_event_names[LC_RECALC];
	ev.date = as_of;
	ev.days = -1;
	ev.resolved = -1;
	ev.by = db->by;
	ev.note = note;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* lc_load and lc_save keep their own error in db->l */
		int found = lc_load(db, sqlite3_column_int64(st, 0), &cs);
		if (found < 0)
			goto fail;
		if (!found)
			continue;	/* not within this transaction */
		old = cs.due;
		lc_recompute_due(&cs, &merged);
		if (cs.due == old)
			continue;
		snprintf(note, sizeof(note), "calendar changed: due %s -> %s",
			 date_format(old, d1), date_format(cs.due, d2));
		if (lc_save(db, &cs, &ev) < 0)
			goto fail;
		moved++;
	}
	if (rc != SQLITE_DONE) {
		ledger_fail(db->l);
		goto fail;
	}
	sqlite3_finalize(st);
	calendar_release(&merged);
	return moved;
fail:
	sqlite3_finalize(st);
	calendar_release(&merged);
	return -1;
}

/* Replace the ledger's calendar by the file's, in a transaction of its own. */
static enum lc_open_result
replace_calendar(struct lc_session *s, const char *calendar, int as_of,
		 char *err, size_t errsize, long *line)
{
	struct calendar file;
	int rc = calendar_read_file(&file, calendar, err, errsize, line);

	if (rc == -1)
		return LC_OPEN_CALENDAR;
	if (rc < 0)
		return LC_OPEN_CALENDAR_DATA;
	s->file_holidays = file.nholidays;
	s->file_workdays = file.nworkdays;
	rc = ledger_begin(&s->l) < 0 ||
	     (s->moved = lc_calendar_replace(&s->db, &file, as_of)) < 0 ||
	     ledger_commit(&s->l) < 0;
	calendar_release(&file);
	return rc ? LC_OPEN_LEDGER : LC_OPEN_OK;
}

/*
 * The registered cases without a unit.  The first of them is found among
 * the open cases (cases_open: min(+id) keeps SQLite from walking the table
 * by rowid from the first case of the ledger); the pages are then read by
 * rowid from it, each after the one before, so that all of them together
 * read the cases from the first pending one on, once.  (Pages sorted from
 * cases_open would read every open case for each page: after a bulk
 * intake, when every case is pending, quadratic.)
 */
#define PENDING_WHERE "open = 1 AND stage = 'registered' AND unit IS NULL"

enum lc_open_result
lc_session_open(struct lc_session *s, const char *path, const char *calendar,
		const char *tool, const char *by, const char *input, int as_of,
		char *err, size_t errsize, long *line)
{
	enum lc_open_result rc;

	memset(s, 0, sizeof(*s));
	s->as_of = as_of;
	calendar_init(&s->cal);
	if (ledger_open(&s->l, path, 0) < 0)
		return s->l.missing ? LC_OPEN_NO_LEDGER : LC_OPEN_LEDGER;
	if (lc_db_init(&s->db, &s->l, tool, by, input) < 0)
		return LC_OPEN_LEDGER;
	s->facts = ledger_prepare(&s->l,
		"SELECT region, category, channel, level, law_related, received"
		" FROM cases WHERE id = ?1");
	s->pending = ledger_prepare(&s->l, "SELECT id FROM cases WHERE " PENDING_WHERE
				    " AND id > ?1 ORDER BY id LIMIT ?2");
	s->pending_first = ledger_prepare(&s->l, "SELECT min(+id) FROM cases WHERE "
					  PENDING_WHERE);
	if (!s->facts || !s->pending || !s->pending_first)
		return LC_OPEN_LEDGER;
	/* no calendar yet, none given: the one installed, when it is there */
	if (!calendar) {
		if (calendar_load_ledger(&s->cal, &s->l) < 0)
			return LC_OPEN_LEDGER;
		if (s->cal.nyears == 0 && access(calendar_default_path(), R_OK) == 0)
			calendar = calendar_default_path();
		calendar_release(&s->cal);
	}
	if (calendar && (rc = replace_calendar(s, calendar, as_of, err, errsize, line)))
		return rc;
	if (calendar_load_ledger(&s->cal, &s->l) < 0)
		return LC_OPEN_LEDGER;
	return LC_OPEN_OK;
}

void
lc_session_close(struct lc_session *s)
{
	int i;

	sqlite3_finalize(s->facts);
	sqlite3_finalize(s->pending);
	sqlite3_finalize(s->pending_first);
	for (i = 0; i < LC_NCORR; i++)
		sqlite3_finalize(s->corr[i]);
	matter_store_release(&s->keys);
	calendar_release(&s->cal);
	lc_db_release(&s->db);
	ledger_close(&s->l);
}

int
lc_session_commit(struct lc_session *s)
{
	sqlite3_reset(s->facts);	/* the facts handed out end here */
	return ledger_commit_open(&s->l);
}

int
lc_session_case(struct lc_session *s, int64_t id, struct case_state *cs,
		struct lc_facts *f)
{
	int rc, c;

	sqlite3_reset(s->facts);
	if (ledger_begin_once(&s->l) < 0 || (rc = lc_load(&s->db, id, cs)) < 0)
		return -1;
	if (!rc || !f)
		return rc;
	sqlite3_bind_int64(s->facts, 1, id);
	if (sqlite3_step(s->facts) != SQLITE_ROW)
		return ledger_fail(&s->l);
	for (c = 0; c < LC_NFACTS; c++)
		f->v[c] = (const char *)sqlite3_column_text(s->facts, c);
	return 1;
}

int
lc_session_record(struct lc_session *s, struct case_state *cs, const struct lc_event *ev)
{
	struct case_state n = *cs;

	if (lc_apply(&n, ev, &s->cal, s->as_of, s->err, sizeof(s->err)) < 0)
		return 1;
	if (lc_save(&s->db, &n, ev) < 0)
		return -1;
	*cs = n;
	return 0;
}

enum lc_outcome
lc_session_update(struct lc_session *s, int64_t id, const struct lc_event *ev,
		  struct case_state *cs)
{
	int rc = lc_session_case(s, id, cs, NULL);

	if (rc <= 0)
		return rc < 0 ? LC_FAILED : LC_NO_CASE;
	if ((rc = lc_recorded(&s->db, id, ev)) != 0)
		return rc < 0 ? LC_FAILED : LC_ALREADY;
	rc = lc_session_record(s, cs, ev);
	return rc < 0 ? LC_FAILED : rc ? LC_REFUSED : LC_DONE;
}

int
lc_session_pending(struct lc_session *s, int64_t after, int64_t *ids, int max)
{
	sqlite3_stmt *st = s->pending;
	int n = 0, rc;

	if (!after) {		/* the first page: from the first pending case */
		rc = sqlite3_step(s->pending_first);
		after = rc == SQLITE_ROW ? sqlite3_column_int64(s->pending_first, 0) - 1 : 0;
		sqlite3_reset(s->pending_first);
		if (rc != SQLITE_ROW)
			return ledger_fail(&s->l);
		if (after < 0)
			return 0;	/* min() of no case: NULL, none pending */
	}
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int(st, 2, max);
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	if (n < max && rc != SQLITE_DONE)
		n = ledger_fail(&s->l);		/* no end of the pending cases */
	sqlite3_reset(st);
	return n;
}

int
lc_event_read(struct tabin *t, const char *by, struct lc_event *ev, int64_t *id,
	      char *err, size_t errsize)
{
	const char *s, *cid = tabin_get(t, LC_C_CASE);
	char shown[LC_TEXT];	/* a value quoted in err, ID numbers and phones masked */
	int secs, e;

	memset(ev, 0, sizeof(*ev));
	ev->days = -1;
	ev->resolved = -1;
	if (!cid || (*id = case_id_parse(cid)) < 0)
		REFUSE("bad case_id '%s'", SHOWN(cid));
	ev->event = tabin_get(t, LC_C_EVENT);
	if ((e = lc_event_input(ev->event)) < 0)
		REFUSE("case %s: unknown event '%s'", cid, SHOWN(ev->event));
	ev->event = lc_event_names[e];	/* as the ledger names it */
	s = tabin_get(t, LC_C_DATE);
	if (!s || date_parse(s, &ev->date, &secs) < 0)
		REFUSE("case %s: bad date '%s' in column date", cid, SHOWN(s));
	if ((s = tabin_get(t, LC_C_DAYS)) && parse_long(s, 0, LC_DAYS_MAX, &ev->days) < 0)
		REFUSE("case %s: bad days '%s'", cid, SHOWN(s));
	if ((transitions[e].needs & NEED_DAYS) && ev->days < 0)
		REFUSE("case %s: %s needs days", cid, ev->event);
	if ((s = tabin_get(t, LC_C_RATING)) && !(ev->rating = lc_rating_parse(s)))
		REFUSE("case %s: unknown rating '%s' (satisfied, basic, unsatisfied)", cid, SHOWN(s));
	if ((s = tabin_get(t, LC_C_RESOLVED)) && (!*s || (ev->resolved = rec_bool_parse(s)) < 0))
		REFUSE("case %s: bad resolved '%s' (yes or no)", cid, SHOWN(s));
	if ((s = tabin_get(t, LC_C_BUREAU_RATING)) && !(ev->bureau_rating = lc_rating_parse(s)))
		REFUSE("case %s: unknown bureau_rating '%s' (satisfied, basic, unsatisfied)",
		       cid, SHOWN(s));
	if ((s = tabin_get(t, LC_C_OUTCOME)) && e != LC_REVIEW_DONE && e != LC_RECHECK_DONE)
		REFUSE("case %s: an outcome is given with review_done or recheck_done only", cid);
	if (s && !(ev->outcome = lc_review_outcome_parse(s)))
		REFUSE("case %s: unknown outcome '%s' (upheld, revoked, changed)", cid, SHOWN(s));
	ev->note = tabin_get(t, LC_C_NOTE);
	ev->unit = tabin_get(t, LC_C_UNIT);
	ev->leader = tabin_get(t, LC_C_LEADER);
	ev->procedure = tabin_get(t, LC_C_PROCEDURE);
	ev->by = tabin_get(t, LC_C_BY);
	if (!ev->by)
		ev->by = by;
	ev->tags = tabin_get(t, LC_C_TAGS);
	for (e = 0; e < LC_NCOLS - LC_C_AMEND; e++)
		ev->fields[lc_amend_cols[e]] = tabin_get(t, LC_C_AMEND + (size_t)e);
	return 0;
}

void
lc_input_names(struct strbuf *sb, int argc, char *const *argv, const char *none)
{
	int i;

	strbuf_init(sb);
	if (!argc && none)
		strbuf_adds(sb, none);
	for (i = 0; i < argc; i++)
		strbuf_addf(sb, "%s%s", i ? " " : "", argv[i]);
}

const struct colspec lc_event_cols[LC_NCOLS] = {
	[LC_C_CASE] = { "case_id", "编号", 1 },
	[LC_C_EVENT] = { "event", "事件", 1 },
	[LC_C_DATE] = { "date", "日期", 1 },
	[LC_C_NOTE] = { "note", "备注", 0 },
	[LC_C_DAYS] = { "days", "天数", 0 },
	[LC_C_RATING] = { "rating", "评价", 0 },
	[LC_C_RESOLVED] = { "resolved", "化解", 0 },
	[LC_C_UNIT] = { "unit", "责任单位", 0 },
	[LC_C_LEADER] = { "leader", "包案领导", 0 },
	[LC_C_PROCEDURE] = { "procedure", "程序", 0 },
	[LC_C_BY] = { "by", "经办人", 0 },
	[LC_C_TAGS] = { "tags", REC_A_TAGS, 0 },
	[LC_C_BUREAU_RATING] = { "bureau_rating", "信访部门评价", 0 },
	[LC_C_OUTCOME] = { "outcome", "复查结论", 0 },
	/* amend: the intake columns, their names and aliases intake's (record.h) */
	[LC_C_AMEND + 0] = { "received", REC_A_RECEIVED, 0 },
	[LC_C_AMEND + 1] = { "channel", REC_A_CHANNEL, 0 },
	[LC_C_AMEND + 2] = { "name", REC_A_NAME, 0 },
	[LC_C_AMEND + 3] = { "id_number", REC_A_ID_NUMBER, 0 },
	[LC_C_AMEND + 4] = { "phone", REC_A_PHONE, 0 },
	[LC_C_AMEND + 5] = { "persons", REC_A_PERSONS, 0 },
	[LC_C_AMEND + 6] = { "region", REC_A_REGION, 0 },
	[LC_C_AMEND + 7] = { "category", REC_A_CATEGORY, 0 },
	[LC_C_AMEND + 8] = { "level", REC_A_LEVEL, 0 },
	[LC_C_AMEND + 9] = { "referred_by", REC_A_REFERRED_BY, 0 },
	[LC_C_AMEND + 10] = { "due", REC_A_DUE, 0 },
	[LC_C_AMEND + 11] = { "law_related", REC_A_LAW_RELATED, 0 },
	[LC_C_AMEND + 12] = { "summary", REC_A_SUMMARY, 0 },
	[LC_C_AMEND + 13] = { "source", REC_A_SOURCE, 0 },
	[LC_C_AMEND + 14] = { "receiver", REC_A_RECEIVER, 0 },
};

const enum rec_col lc_amend_cols[LC_NCOLS - LC_C_AMEND] = {
	REC_RECEIVED, REC_CHANNEL, REC_NAME, REC_ID_NUMBER, REC_PHONE, REC_PERSONS,
	REC_REGION, REC_CATEGORY, REC_LEVEL, REC_REFERRED_BY, REC_DUE,
	REC_LAW_RELATED, REC_SUMMARY, REC_SOURCE, REC_RECEIVER,
};

/* ---- the corrections: tag, untag, void, amend ---- */

enum { CQ_SAME, CQ_EXTRA, CQ_HAS_TAG, CQ_ADD_TAG, CQ_DEL_TAG, CQ_GET_TAGS,
       CQ_SET_TAGS, CQ_LAST, CQ_MARK, CQ_REPLAY, CQ_INTAKE, CQ_AMEND, CQ_FIRST,
       CQ_REPEATS, CQ_NQ };

/*
 * The corrections' statements, all prepared with the first correction of
 * the session (each from its literal): 0, or -1 with l.err.
 */
static int
corr_prepare(struct lc_session *s)
{
	struct ledger *l = &s->l;
	int q;

	for (q = 0; q < CQ_NQ; q++)	/* none left of a failed attempt */
		sqlite3_finalize(s->corr[q]), s->corr[q] = NULL;
	matter_store_release(&s->keys);
	if (matter_store_prepare(&s->keys, l) < 0)
		return -1;	/* the corrections' statements stay NULL */
	s->corr[CQ_SAME] = ledger_prepare(l,
		"SELECT 1 FROM events WHERE case_ref = ?1 AND event = ?2"
		" AND date = ?3 AND note IS ?4 AND asked IS ?5 LIMIT 1");
	s->corr[CQ_EXTRA] = ledger_prepare(l,
		"UPDATE events SET tags = ?2, asked = ?3, changes = ?4, was = ?5 WHERE id = ?1");
	s->corr[CQ_HAS_TAG] = ledger_prepare(l,
		"SELECT 1 FROM case_tags WHERE tag = ?1 AND case_ref = ?2");
	s->corr[CQ_ADD_TAG] = ledger_prepare(l,
		"INSERT OR IGNORE INTO case_tags (tag, case_ref) VALUES (?1, ?2)");
	s->corr[CQ_DEL_TAG] = ledger_prepare(l,
		"DELETE FROM case_tags WHERE tag = ?1 AND case_ref = ?2");
	s->corr[CQ_GET_TAGS] = ledger_prepare(l, "SELECT tags FROM cases WHERE id = ?1");
	s->corr[CQ_SET_TAGS] = ledger_prepare(l, "UPDATE cases SET tags = ?2 WHERE id = ?1");
	s->corr[CQ_LAST] = ledger_prepare(l,
		"SELECT id, event, tags, was FROM events WHERE case_ref = ?1"
		" AND voided_by IS NULL AND event <> 'void' AND event <> 'recalc'"
		" ORDER BY id DESC LIMIT 1");
	s->corr[CQ_MARK] = ledger_prepare(l, "UPDATE events SET voided_by = ?2 WHERE id = ?1");
	s->corr[CQ_REPLAY] = ledger_prepare(l,
		"SELECT id, event, date, note, days, rating, resolved, unit,"
		" leader, procedure, bureau_rating, outcome FROM events WHERE case_ref = ?1"
		" AND voided_by IS NULL AND event <> 'void' AND event <> 'recalc'"
		" AND event <> 'tag' AND event <> 'untag' AND event <> 'amend'"
		" ORDER BY id");
	s->corr[CQ_INTAKE] = ledger_prepare(l,	/* in lc_amend_cols' order */
		"SELECT received, channel, name, id_number, phone, persons, region,"
		" category, level, referred_by, ref_due, law_related, summary,"
		" source, receiver, first_case, dispute FROM cases WHERE id = ?1");
	s->corr[CQ_AMEND] = ledger_prepare(l,
		"UPDATE cases SET received = ?2, channel = ?3, name = ?4,"
		" id_number = ?5, phone = ?6, persons = ?7, region = ?8,"
		" category = ?9, level = ?10, referred_by = ?11, ref_due = ?12,"
		" law_related = ?13, summary = ?14, source = ?15, receiver = ?16,"
		" kind = ?17, first_case = ?18, collective = ?19 WHERE id = ?1");
	s->corr[CQ_FIRST] = ledger_prepare(l,
		"SELECT received, id_number IS NULL FROM cases WHERE id = ?1");
	s->corr[CQ_REPEATS] = ledger_prepare(l,
		"SELECT id, id_number, name, phone, category, region FROM cases"
		" WHERE first_case = ?1 ORDER BY received, id");
	for (q = 0; q < CQ_NQ; q++)
		if (!s->corr[q])
			return -1;
	return 0;
}

int
lc_event_is_correction(const char *name)
{
	int e = lc_event_parse(name);

	return e >= LC_TAG && e <= LC_AMEND;
}

/* Statement q of the session, prepared the first time; NULL with l.err. */
static sqlite3_stmt *
cq(struct lc_session *s, int q)
{
	_Static_assert(CQ_NQ <= LC_NCORR, "LC_NCORR too small");
	if (!s->corr[q] && corr_prepare(s) < 0)
		return NULL;
	return s->corr[q];
}

/* Step st once and reset it: 1 for a row, 0 for none, -1 with l.err. */
static int
cq_step(struct lc_session *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : ledger_fail(&s->l);
}

/* 1 when case id has a correction ev with this asked, 0 when not, -1. */
static int
corr_same(struct lc_session *s, int64_t id, const struct lc_event *ev, const char *asked)
{
	sqlite3_stmt *st = cq(s, CQ_SAME);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	bind_str(st, 2, ev->event);
	bind_date(st, 3, ev->date);
	bind_str(st, 4, ev->note);
	bind_str(st, 5, asked);
	return cq_step(s, st);
}

/* Save n with ev and keep the correction's own columns on the event; its id or -1. */
static int64_t
corr_save(struct lc_session *s, const struct case_state *n, const struct lc_event *ev,
	  const char *tags, const char *asked, const char *changes, const char *was)
{
	sqlite3_stmt *st = cq(s, CQ_EXTRA);
	int64_t eid;

	if (!st || lc_save(&s->db, n, ev) < 0)
		return -1;
	eid = sqlite3_last_insert_rowid(s->l.db);
	sqlite3_bind_int64(st, 1, eid);
	bind_str(st, 2, tags);
	bind_str(st, 3, asked);
	bind_str(st, 4, changes);
	bind_str(st, 5, was);
	return cq_step(s, st) < 0 ? -1 : eid;
}

/* The next tag of the list "a;b" at *p into *t, *n bytes; 0 at its end. */
static int
next_tag(const char **p, const char **t, size_t *n)
{
	const char *e;

	if (!**p)
		return 0;
	e = strchr(*p, ';');
	*t = *p;
	*n = e ? (size_t)(e - *p) : strlen(*p);
	*p += *n + (e != NULL);
	return 1;
}

/* Run tag statement q (has, add, delete) for tag t (n bytes) on case id. */
static int
tag_stmt(struct lc_session *s, int q, int64_t id, const char *t, size_t n)
{
	sqlite3_stmt *st = cq(s, q);

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, t, (int)n, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	return cq_step(s, st);
}

/* 1 when list "a;b" holds tag t (n bytes), else 0. */
static int
list_has(const char *list, const char *t, size_t n)
{
	const char *u;
	size_t m;

	while (next_tag(&list, &u, &m))
		if (m == n && !memcmp(u, t, n))
			return 1;
	return 0;
}

/*
 * Add (add 1) or remove the tags of list on case id, in case_tags and in
 * cases.tags (kept in its order, added ones at its end).
 */
static int
tags_change(struct lc_session *s, int64_t id, const char *list, int add)
{
	sqlite3_stmt *get = cq(s, CQ_GET_TAGS), *set = cq(s, CQ_SET_TAGS);
	struct strbuf sb;
	const char *p, *t, *old;
	size_t n;
	int rc = -1;

	if (!get || !set)
		return -1;
	for (p = list; next_tag(&p, &t, &n);)
		if (tag_stmt(s, add ? CQ_ADD_TAG : CQ_DEL_TAG, id, t, n) < 0)
			return -1;
	strbuf_init(&sb);
	sqlite3_bind_int64(get, 1, id);
	if (sqlite3_step(get) == SQLITE_ROW) {
		old = (const char *)sqlite3_column_text(get, 0);
		for (p = old ? old : ""; next_tag(&p, &t, &n);)
			if (add || !list_has(list, t, n))
				strbuf_addf(&sb, "%s%.*s", sb.len ? ";" : "", (int)n, t);
		if (add)
			strbuf_addf(&sb, "%s%s", sb.len ? ";" : "", list);
	}
	sqlite3_reset(get);
	sqlite3_bind_int64(set, 1, id);
	bind_str(set, 2, sb.buf);
	rc = cq_step(s, set);
	strbuf_release(&sb);
	return rc;
}

#define CREFUSE(...) do { snprintf(s->err, sizeof(s->err), __VA_ARGS__); \
	return LC_REFUSED; } while (0)

/* tag (add 1) or untag ev->tags on case *cs. */
static enum lc_outcome
correct_tags(struct lc_session *s, struct case_state *cs, const struct lc_event *ev, int add)
{
	char asked[1024], changed[1024];
	struct case_state n = *cs;
	const char *p, *t;
	size_t len, o = 0;
	int rc;

	if (!ev->tags || tags_normalise(ev->tags, asked, sizeof(asked)) < 0)
		CREFUSE(ev->tags ? "tags too long" : "%s needs tags", ev->event);
	if (!*asked)
		CREFUSE("%s needs tags", ev->event);
	if ((rc = corr_same(s, cs->id, ev, asked)) != 0)
		return rc < 0 ? LC_FAILED : LC_ALREADY;
	if (lc_apply(&n, ev, &s->cal, s->as_of, s->err, sizeof(s->err)) < 0)
		return LC_REFUSED;
	changed[0] = '\0';
	for (p = asked; next_tag(&p, &t, &len);) {
		if ((rc = tag_stmt(s, CQ_HAS_TAG, cs->id, t, len)) < 0)
			return LC_FAILED;
		if (rc != add)
			o += (size_t)snprintf(changed + o, sizeof(changed) - o, "%s%.*s",
					      o ? ";" : "", (int)len, t);
	}
	if (!*changed && add)
		return LC_ALREADY;	/* every tag is there: nothing to do */
	if (!*changed)
		CREFUSE("the case has no tag %.400s", asked);
	if (tags_change(s, cs->id, changed, add) < 0 ||
	    corr_save(s, &n, ev, changed, asked, NULL, NULL) < 0)
		return LC_FAILED;
	*cs = n;
	return LC_DONE;
}

void
lc_registered(struct case_state *r, int64_t id, int received, int ref_due)
{
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->received = r->last_event = received;
	r->ref_due = ref_due;
	enter(r, LC_REGISTERED, received, received + DL_ACCEPT_DAYS);
	snprintf(r->procedure, sizeof(r->procedure), "normal");
	r->accepted = r->concluded = r->replied = r->closed = -1;
	r->decided = r->conclude_due = -1;
	r->resolved = -1;
}

/*
 * Replay case *n from its registration over its events in force that move
 * it (all but skip), through lc_apply with today's calendar: 0 with *n
 * the state they give, 1 when one no longer fits (s->err), -1.
 */
static int
replay(struct lc_session *s, struct case_state *n, int64_t skip)
{
	sqlite3_stmt *st = cq(s, CQ_REPLAY);
	struct case_state r;
	struct lc_event e;
	char why[sizeof(s->err) - 64], d[DATE_BUF];
	int rc;

	if (!st)
		return -1;
	lc_registered(&r, n->id, n->received, n->ref_due);
	sqlite3_bind_int64(st, 1, n->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 0) == skip)
			continue;
		memset(&e, 0, sizeof(e));
		e.event = (const char *)sqlite3_column_text(st, 1);
		e.date = col_date(st, 2);
		e.note = (const char *)sqlite3_column_text(st, 3);
		e.days = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4);
		e.rating = (const char *)sqlite3_column_text(st, 5);
		e.resolved = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 6);
		e.unit = (const char *)sqlite3_column_text(st, 7);
		e.leader = (const char *)sqlite3_column_text(st, 8);
		e.procedure = (const char *)sqlite3_column_text(st, 9);
		e.bureau_rating = (const char *)sqlite3_column_text(st, 10);
		e.outcome = (const char *)sqlite3_column_text(st, 11);
		if (lc_apply(&r, &e, &s->cal, INT_MAX, why, sizeof(why)) < 0) {
			snprintf(s->err, sizeof(s->err), "its %s of %s no longer fits: %s",
				 e.event, date_format(e.date, d), why);
			sqlite3_reset(st);
			return 1;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return ledger_fail(&s->l);
	*n = r;
	return 0;
}

static enum lc_outcome void_amend(struct lc_session *s, struct case_state *n,
				  const struct lc_event *ev, struct strbuf *was);

/*
 * void: undo the case's latest event in force (see lc_session_correct):
 * an amend's old values put back, a tag's or untag's labels, or the case
 * replayed without the event.
 */
static enum lc_outcome
correct_void(struct lc_session *s, struct case_state *cs, const struct lc_event *ev)
{
	sqlite3_stmt *last = cq(s, CQ_LAST), *mark = cq(s, CQ_MARK);
	struct case_state n = *cs;
	struct strbuf was;
	enum lc_outcome out;
	char what[16], tags[1024];
	int64_t target, eid;
	int rc;

	if (!last || !mark || (rc = corr_same(s, cs->id, ev, NULL)) < 0)
		return LC_FAILED;
	if (rc)
		return LC_ALREADY;
	sqlite3_bind_int64(last, 1, cs->id);
	if ((rc = sqlite3_step(last)) != SQLITE_ROW) {
		sqlite3_reset(last);
		if (rc != SQLITE_DONE)
			return ledger_fail(&s->l), LC_FAILED;
		CREFUSE("nothing to void: its latest event in force is its registration");
	}
	target = sqlite3_column_int64(last, 0);
	col_text(last, 1, what, sizeof(what));
	col_text(last, 2, tags, sizeof(tags));
	strbuf_init(&was);
	if (sqlite3_column_text(last, 3))
		strbuf_adds(&was, (const char *)sqlite3_column_text(last, 3));
	sqlite3_reset(last);
	if (!strcmp(what, "amend"))
		out = void_amend(s, &n, ev, &was);
	else if (lc_apply(&n, ev, &s->cal, s->as_of, s->err, sizeof(s->err)) < 0)
		out = LC_REFUSED;
	else if (!strcmp(what, "tag") || !strcmp(what, "untag"))
		out = tags_change(s, cs->id, tags, !strcmp(what, "untag")) < 0 ? LC_FAILED : LC_DONE;
	else if ((rc = replay(s, &n, target)) != 0)
		out = rc < 0 ? LC_FAILED : LC_REFUSED;
	else
		out = LC_DONE;
	strbuf_release(&was);
	if (out != LC_DONE)
		return out;
	n.last_event = ev->date;
	if ((eid = corr_save(s, &n, ev, NULL, NULL, NULL, NULL)) < 0)
		return LC_FAILED;
	sqlite3_bind_int64(mark, 1, target);
	sqlite3_bind_int64(mark, 2, eid);
	if (cq_step(s, mark) < 0)
		return LC_FAILED;
	*cs = n;
	return LC_DONE;
}

/* ---- amend ---- */

#define AMEND_N (LC_NCOLS - LC_C_AMEND)

/* An amend's work: the case's intake values, old and new, as text. */
struct amend {
	struct strbuf buf;		/* old values, each NUL-ended */
	size_t off[AMEND_N];		/* where each old value starts; SIZE_MAX: NULL */
	char *f[REC_NCOLS];		/* the row intake_parse checks */
	struct strbuf work;		/* its copies */
	struct intake_rec r;
	char tagbuf[8];
	char num[2][24];		/* the new persons and law_related as text */
	int64_t first;			/* its first case as registered, 0 when none */
	int dispute;			/* 1: a dispute, its matter keys a dispute's */
};

/* The value column e (of lc_amend_cols) has in the ledger: NULL or text. */
static const char *
amend_old(const struct amend *a, int e)
{
	return a->off[e] == SIZE_MAX ? NULL : a->buf.buf + a->off[e];
}

/* Column e's new value, as the ledger holds it: NULL or text. */
static const char *
amend_new(struct amend *a, int e)
{
	const struct intake_rec *r = &a->r;

	switch (lc_amend_cols[e]) {
	case REC_RECEIVED: return r->received;
	case REC_CHANNEL: return r->channel;
	case REC_NAME: return r->name;
	case REC_ID_NUMBER: return r->id_number;
	case REC_PHONE: return r->phone;
	case REC_PERSONS:
		snprintf(a->num[0], sizeof(a->num[0]), "%ld", r->persons);
		return a->num[0];
	case REC_REGION: return r->region;
	case REC_CATEGORY: return r->category;
	case REC_LEVEL: return r->level;
	case REC_REFERRED_BY: return r->referred_by;
	case REC_DUE: return r->due_day >= 0 ? r->due : NULL;
	case REC_LAW_RELATED:
		snprintf(a->num[1], sizeof(a->num[1]), "%d", r->law_related);
		return a->num[1];
	case REC_SOURCE: return r->source;
	case REC_RECEIVER: return r->receiver;
	default: return r->summary;
	}
}

/*
 * AMEND_CLEAR given for a column empties it: an empty field is a column
 * not given.  Only the columns that may be empty at intake, where none
 * means none (not a default): a case wrongly registered as referred
 * becomes a first or repeat case again.
 */
#define AMEND_CLEAR "-"

static int
amend_clearable(int c)
{
	return c == REC_ID_NUMBER || c == REC_PHONE || c == REC_REFERRED_BY || c == REC_DUE ||
	       c == REC_SUMMARY || c == REC_SOURCE || c == REC_RECEIVER;
}

/*
 * Read case id's intake values and check them with ev's in their place,
 * as intake checks a row: 0, 1 when a value is bad (s->err), -1.  With
 * row, ev is a row read from a file, where AMEND_CLEAR empties a column;
 * else old values put back (void), each as it was.
 */
static int
amend_check(struct lc_session *s, int64_t id, const struct lc_event *ev, struct amend *a,
	    int row)
{
	sqlite3_stmt *st = cq(s, CQ_INTAKE);
	struct colmap m;
	const char *v;
	size_t o[REC_NCOLS];
	int e, c, rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return ledger_fail(&s->l);
	}
	for (e = 0; e < AMEND_N; e++) {
		v = (const char *)sqlite3_column_text(st, e);
		a->off[e] = v ? a->buf.len : SIZE_MAX;
		if (v)
			strbuf_add(&a->buf, v, strlen(v) + 1);
	}
	a->first = sqlite3_column_int64(st, AMEND_N);
	a->dispute = sqlite3_column_int(st, AMEND_N + 1);
	sqlite3_reset(st);
	memset(&m, 0, sizeof(m));
	m.nspec = m.nfields = REC_NCOLS;
	for (c = 0; c < REC_NCOLS; c++)
		m.field[c] = c, o[c] = SIZE_MAX;
	for (e = 0; e < AMEND_N; e++) {
		c = lc_amend_cols[e];
		v = ev->fields[c] ? ev->fields[c] : amend_old(a, e);
		if (v && c == REC_LAW_RELATED && !ev->fields[c])
			v = !strcmp(v, "0") ? "no" : "yes";
		if (row && ev->fields[c] && !strcmp(ev->fields[c], AMEND_CLEAR)) {
			if (!amend_clearable(c)) {
				snprintf(s->err, sizeof(s->err), "%s cannot be emptied",
					 rec_col_name(c));
				return 1;
			}
			v = "";		/* read as intake reads an empty field: none */
		}
		o[c] = a->work.len;
		strbuf_add(&a->work, v ? v : "", v ? strlen(v) + 1 : 1);
	}
	for (c = 0; c < REC_NCOLS; c++)		/* ext_id and tags: empty */
		if (o[c] == SIZE_MAX)
			o[c] = a->work.len, strbuf_addch(&a->work, '\0');
	for (c = 0; c < REC_NCOLS; c++)
		a->f[c] = a->work.buf + o[c];
	if (intake_parse(&m, a->f, REC_NCOLS, s->as_of, &a->r, a->tagbuf,
			 sizeof(a->tagbuf), s->err, sizeof(s->err)) < 0)
		return 1;
	a->r.dispute = a->dispute;
	return 0;
}

/*
 * The first case filed under matter key, when it came before case id
 * received on received (need_no_id: only when it has no ID number):
 * 1 with *first, 0 when none, -1.  The key is filed for id when new.
 */
static int
amend_key(struct lc_session *s, int64_t key, int64_t id, const char *received,
	  int need_no_id, int64_t *first)
{
	sqlite3_stmt *fc = cq(s, CQ_FIRST);	/* and the matter keys with it */
	const char *got;
	int rc, earlier = 0;

	if (!fc || (rc = matter_lookup(&s->keys, &s->l, key, first)) < 0)
		return -1;
	if (!rc)
		return matter_file(&s->keys, &s->l, key, id);
	if (*first == id)
		return 0;
	sqlite3_bind_int64(fc, 1, *first);
	if ((rc = sqlite3_step(fc)) == SQLITE_ROW) {
		got = (const char *)sqlite3_column_text(fc, 0);
		rc = strcmp(got ? got : "", received);
		earlier = (rc < 0 || (rc == 0 && *first < id)) &&
			  (!need_no_id || sqlite3_column_int(fc, 1));
		rc = SQLITE_ROW;
	}
	sqlite3_reset(fc);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return ledger_fail(&s->l);
	return earlier;
}

/* The case's first case by its new matter keys (as matters.h says): 0 when first, or -1. */
static int64_t
amend_first(struct lc_session *s, const struct intake_rec *r, int64_t id)
{
	int64_t f = 0, g = 0;
	int rc = 0, rn = 0;

	if (r->id_number &&
	    (rc = amend_key(s, matter_key_of(r->dispute ? DISPUTE_ID : MATTER_ID, r->id_number,
					     NULL, r->category, r->region),
			    id, r->received, 0, &f)) < 0)
		return -1;
	if (r->phone &&
	    (rn = amend_key(s, matter_key_of(r->dispute ? DISPUTE_NP : MATTER_NP, r->name,
					     r->phone, r->category,
					     r->region), id, r->received,
			    r->id_number != NULL, &g)) < 0)
		return -1;
	if (rc == 1 && (rn != 1 || f <= g))
		return f;
	return rn == 1 ? g : 0;
}

/* The value intake column c had before the amend: NULL or text. */
static const char *
amend_was(const struct amend *a, enum rec_col c)
{
	int e;

	for (e = 0; e < AMEND_N && lc_amend_cols[e] != c; e++)
		;
	return e < AMEND_N ? amend_old(a, e) : NULL;
}

/*
 * A matter key of kind (MATTER_ID, MATTER_NP, or a dispute's DISPUTE_ID,
 * DISPUTE_NP) from these values; 0 when they have none.
 */
static int64_t
key_of(int kind, const char *idn, const char *name, const char *phone,
       const char *category, const char *region)
{
	if (kind == MATTER_ID || kind == DISPUTE_ID)
		return idn ? matter_key_of(kind, idn, NULL, category, region) : 0;
	return phone ? matter_key_of(kind, name, phone, category, region) : 0;
}

/*
 * Old key k of kind, which case id has left: when it names id as its
 * matter's first case, filed again under the earliest of id's repeats that
 * is still on that matter, or dropped when none is.  0, or -1.
 */
static int
refile_key(struct lc_session *s, int64_t id, int kind, int64_t k)
{
	sqlite3_stmt *rep = cq(s, CQ_REPEATS);	/* and the matter keys with it */
	const char *v[5];
	int64_t first = 0, next = 0;
	int rc, c;

	if (!rep)
		return -1;
	if ((rc = matter_lookup(&s->keys, &s->l, k, &first)) <= 0 || first != id)
		return rc < 0 ? -1 : 0;
	sqlite3_bind_int64(rep, 1, id);
	while (!next && (rc = sqlite3_step(rep)) == SQLITE_ROW) {
		for (c = 0; c < 5; c++)
			v[c] = (const char *)sqlite3_column_text(rep, c + 1);
		if (key_of(kind, v[0], v[1], v[2], v[3], v[4]) == k)
			next = sqlite3_column_int64(rep, 0);
	}
	sqlite3_reset(rep);
	if (!next && rc != SQLITE_DONE)
		return ledger_fail(&s->l);
	return next ? matter_refile(&s->keys, &s->l, k, next) : matter_drop(&s->keys, &s->l, k);
}

/*
 * Case id moved by an amend (a: its old values and the new): each old
 * matter key the new values do not have is re-filed (refile_key), so a
 * later case on the old matter is not counted a repeat of id.  0, or -1.
 */
static int
amend_refile(struct lc_session *s, int64_t id, const struct amend *a)
{
	static const int kinds[2][2] = { { MATTER_ID, MATTER_NP }, { DISPUTE_ID, DISPUTE_NP } };
	const struct intake_rec *r = &a->r;
	const int *kind = kinds[a->dispute != 0];
	int64_t was, now;
	int i;

	for (i = 0; i < 2; i++) {
		was = key_of(kind[i], amend_was(a, REC_ID_NUMBER), amend_was(a, REC_NAME),
			     amend_was(a, REC_PHONE), amend_was(a, REC_CATEGORY),
			     amend_was(a, REC_REGION));
		now = key_of(kind[i], r->id_number, r->name, r->phone, r->category, r->region);
		if (was && was != now && refile_key(s, id, kind[i], was) < 0)
			return -1;
	}
	return 0;
}

/* Bind text v (NULL: SQL NULL) to st's parameter i. */
#define BIND_NEW(i, e) bind_str(st, (i), amend_new(a, (e)))

/* Write the case's new intake values and what follows from them. */
static int
amend_store(struct lc_session *s, int64_t id, struct amend *a, int64_t first)
{
	sqlite3_stmt *st = cq(s, CQ_AMEND);
	const struct intake_rec *r = &a->r;
	int e;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	for (e = 0; e < AMEND_N; e++)
		BIND_NEW(2 + e, e);
	bind_str(st, 2 + AMEND_N, r->referred_by ? "referred" : first ? "repeat" : "first");
	if (first)
		sqlite3_bind_int64(st, 3 + AMEND_N, first);
	else
		sqlite3_bind_null(st, 3 + AMEND_N);
	sqlite3_bind_int(st, 4 + AMEND_N, !strcmp(r->channel, "visit") &&
				 r->persons >= COLLECTIVE_PERSONS);
	return cq_step(s, st);
}
#undef BIND_NEW

/* "col: old -> new; ..." into ch and the old values "col\tvalue\n..." into was; changed columns (bits). */
static unsigned
amend_diff(struct amend *a, const struct lc_event *ev, struct strbuf *ch, struct strbuf *was,
	   struct strbuf *asked)
{
	const char *o, *n;
	unsigned bits = 0;
	int e, c;

	for (e = 0; e < AMEND_N; e++) {
		c = lc_amend_cols[e];
		if (!ev->fields[c])
			continue;
		o = amend_old(a, e);
		n = amend_new(a, e);
		strbuf_addf(asked, "%s%s=%s", asked->len ? ";" : "", rec_col_name(c), n ? n : "");
		if (o && n ? !strcmp(o, n) : o == n)
			continue;
		bits |= 1u << c;
		strbuf_addf(ch, "%s%s: %s -> %s", ch->len ? "; " : "", rec_col_name(c),
			    o ? o : "", n ? n : "");
		strbuf_addf(was, "%s\t%s\n", rec_col_name(c), o ? o : "");
	}
	return bits;
}

/*
 * An amend's work with the intake columns fields gives on case id, *n the
 * case's state: each checked as intake checks it, ap applied to *n, kind,
 * first case, collective and the deadlines worked out again and the case's
 * columns written; its changes into ch, was and asked.  same: fields is a
 * row read from a file, which is LC_ALREADY when it changes nothing or is
 * recorded already, and whose AMEND_CLEAR empties a column; else (void)
 * the old values, put back as they were.
 */
static enum lc_outcome
amend_work(struct lc_session *s, struct case_state *n, const struct lc_event *fields,
	   const struct lc_event *ap, int same, struct strbuf *ch, struct strbuf *was,
	   struct strbuf *asked)
{
	enum lc_outcome out = LC_FAILED;
	struct amend a;
	const unsigned matter = 1u << REC_ID_NUMBER | 1u << REC_NAME | 1u << REC_PHONE |
				1u << REC_CATEGORY | 1u << REC_REGION;
	unsigned bits;
	int64_t first = -1;
	int rc = 0;

	memset(&a, 0, sizeof(a));
	strbuf_init(&a.buf), strbuf_init(&a.work);
	if ((rc = amend_check(s, n->id, fields, &a, same)) != 0) {
		out = rc < 0 ? LC_FAILED : LC_REFUSED;
		goto done;
	}
	bits = amend_diff(&a, fields, ch, was, asked);
	if (same && (!bits || (rc = corr_same(s, n->id, fields, asked->buf)) != 0)) {
		out = rc < 0 ? LC_FAILED : LC_ALREADY;
		goto done;
	}
	if (lc_apply(n, ap, &s->cal, s->as_of, s->err, sizeof(s->err)) < 0) {
		out = LC_REFUSED;
		goto done;
	}
	n->received = a.r.received_day;
	n->ref_due = a.r.due_day;
	if (!strcmp(n->stage, "registered")) {
		n->stage_start = n->received;
		n->due = n->received + DL_ACCEPT_DAYS;
	}
	lc_recompute_due(n, &s->cal);
	n->last_event = ap->date > n->last_event ? ap->date : n->last_event;
	if ((bits & matter) && amend_refile(s, n->id, &a) < 0)
		goto done;
	first = bits & matter ? amend_first(s, &a.r, n->id) : a.first;
	if (first >= 0 && amend_store(s, n->id, &a, first) >= 0)
		out = LC_DONE;
done:
	strbuf_release(&a.buf), strbuf_release(&a.work);
	return out;
}

/*
 * amend: the intake columns given replace the case's, each checked as
 * intake checks it; kind, first case, collective and the deadlines that
 * come from them are worked out again.
 */
static enum lc_outcome
correct_amend(struct lc_session *s, struct case_state *cs, const struct lc_event *ev)
{
	enum lc_outcome out;
	struct strbuf ch, was, asked;
	struct case_state n = *cs;
	int e;

	for (e = 0; e < AMEND_N && !ev->fields[lc_amend_cols[e]]; e++)
		;
	if (e == AMEND_N)
		CREFUSE("amend needs a column to change (category, received, persons, ...)");
	strbuf_init(&ch), strbuf_init(&was), strbuf_init(&asked);
	out = amend_work(s, &n, ev, ev, 1, &ch, &was, &asked);
	if (out == LC_DONE && corr_save(s, &n, ev, NULL, asked.buf, ch.buf, was.buf) < 0)
		out = LC_FAILED;
	if (out == LC_DONE)
		*cs = n;
	strbuf_release(&ch), strbuf_release(&was), strbuf_release(&asked);
	return out;
}

/*
 * The void ev of an amend whose old values are was ("col\tvalue\n" each):
 * those values put back on *n as an amend puts values, no amend recorded.
 */
static enum lc_outcome
void_amend(struct lc_session *s, struct case_state *n, const struct lc_event *ev,
	   struct strbuf *was)
{
	enum lc_outcome out = LC_REFUSED;
	struct lc_event back;
	struct strbuf ch, w, asked;
	char *p = was->buf, *tab, *nl;
	int e;

	memset(&back, 0, sizeof(back));
	for (; p && *p; p = nl + 1) {
		tab = strchr(p, '\t');
		nl = strchr(p, '\n');
		if (!tab || !nl || tab > nl)
			CREFUSE("its amend's old values are not understood");
		*tab = *nl = '\0';
		for (e = 0; e < AMEND_N && strcmp(p, rec_col_name(lc_amend_cols[e])); e++)
			;
		if (e == AMEND_N)
			CREFUSE("its amend's old values are not understood");
		back.fields[lc_amend_cols[e]] = tab + 1;
	}
	strbuf_init(&ch), strbuf_init(&w), strbuf_init(&asked);
	out = amend_work(s, n, &back, ev, 0, &ch, &w, &asked);
	strbuf_release(&ch), strbuf_release(&w), strbuf_release(&asked);
	return out;
}

enum lc_outcome
lc_session_correct(struct lc_session *s, int64_t id, const struct lc_event *ev,
		   struct case_state *cs)
{
	int rc = lc_session_case(s, id, cs, NULL), e = lc_event_parse(ev->event);

	if (rc <= 0)
		return rc < 0 ? LC_FAILED : LC_NO_CASE;
	switch (e) {
	case LC_TAG:
	case LC_UNTAG:
		return correct_tags(s, cs, ev, e == LC_TAG);
	case LC_VOID:
		return correct_void(s, cs, ev);
	case LC_AMEND:
		return correct_amend(s, cs, ev);
	default:
		CREFUSE("%s is not a correction", ev->event ? ev->event : "");
	}
}
