/* history.c: past cases' lifecycles, each step an event through the lifecycle. */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "history.h"
#include "idcard.h"
#include "banned.h"

const struct colspec hist_cols[HIST_NCOLS] = {
	[HIST_ACCEPTED] = { "accepted", "受理日期", 0 },
	[HIST_UNIT] = { "unit", "责任单位", 0 },
	[HIST_LEADER] = { "leader", "包案领导", 0 },
	[HIST_PROCEDURE] = { "procedure", "办理方式", 0 },
	[HIST_CONCLUDED] = { "concluded", "办结日期", 0 },
	[HIST_RESOLVED] = { "resolved", "是否化解", 0 },
	[HIST_REPLIED] = { "replied", "答复日期", 0 },
	[HIST_RATED] = { "rated", "评价日期", 0 },
	[HIST_RATING] = { "rating", "满意度", 0 },
	[HIST_BUREAU_RATING] = { "bureau_rating", "信访部门评价", 0 },
	[HIST_CLOSED] = { "closed", "终结日期", 0 },
};

#define HIST_DATE "a date in a form received takes"

const char *const hist_values[HIST_NCOLS] = {
	[HIST_ACCEPTED] = HIST_DATE, [HIST_CONCLUDED] = HIST_DATE, [HIST_REPLIED] = HIST_DATE,
	[HIST_RATED] = HIST_DATE, [HIST_CLOSED] = HIST_DATE,
};

/* A row's steps, in the order they happened. */
#define NSTEPS 5
struct steps {
	struct lc_event ev[NSTEPS];
	enum hist_col col[NSTEPS];	/* the date column of each */
	int n;
};

#define REFUSE(...) do { snprintf(err, errsize, __VA_ARGS__); return -1; } while (0)
#define SHOWN(v) mask_shown((v), shown, sizeof(shown))

/*
 * The columns' names in a row's messages: as the header spells them
 * (hist_check), else the canonical names (hist_cols).
 */
typedef const char *hist_names[HIST_NCOLS];

/* Column c's date into *day (-1 when empty): 0, or -1 with err. */
static int
step_date(const char *const *v, const hist_names nm, enum hist_col c, int *day,
	  char *err, size_t errsize)
{
	char shown[LC_TEXT];
	int secs;

	*day = -1;
	if (v[c] && date_parse(v[c], day, &secs) < 0)
		REFUSE("%s: bad date '%s'", nm[c], SHOWN(v[c]));
	return 0;
}

/* The next step, on date, of event e, for column c; its fields zero. */
static struct lc_event *
step_add(struct steps *st, const struct history *h, enum lc_ev e, enum hist_col c, int date)
{
	struct lc_event *ev = &st->ev[st->n];

	memset(ev, 0, sizeof(*ev));
	ev->event = lc_event_names[e];
	ev->date = date;
	ev->days = -1;
	ev->resolved = -1;
	ev->by = h->by;
	st->col[st->n++] = c;
	return ev;
}

/* 0 when column c is empty or when column of is given, else -1 with err. */
static int
needs(const char *const *v, const hist_names nm, enum hist_col c, enum hist_col of,
      char *err, size_t errsize)
{
	if (v[c] && !v[of])
		REFUSE("%s: given without %s", nm[c], nm[of]);
	return 0;
}

/*
 * The steps the values v (NULL: empty) give, as the row alone can tell:
 * 0, or -1 with err naming the column as nm does.
 */
static int
steps_read(const struct history *h, const char *const *v, const hist_names nm,
	   struct steps *st, char *err, size_t errsize)
{
	static const enum hist_col dates[NSTEPS] = {
		HIST_ACCEPTED, HIST_CONCLUDED, HIST_REPLIED, HIST_RATED, HIST_CLOSED,
	};
	char shown[LC_TEXT];
	struct lc_event *ev;
	int day[NSTEPS], i;

	for (i = 0; i < NSTEPS; i++)
		if (step_date(v, nm, dates[i], &day[i], err, errsize) < 0)
			return -1;
	if (needs(v, nm, HIST_UNIT, HIST_ACCEPTED, err, errsize) < 0 ||
	    needs(v, nm, HIST_LEADER, HIST_ACCEPTED, err, errsize) < 0 ||
	    needs(v, nm, HIST_PROCEDURE, HIST_ACCEPTED, err, errsize) < 0 ||
	    needs(v, nm, HIST_RESOLVED, HIST_CONCLUDED, err, errsize) < 0 ||
	    needs(v, nm, HIST_RATING, HIST_RATED, err, errsize) < 0 ||
	    needs(v, nm, HIST_BUREAU_RATING, HIST_RATED, err, errsize) < 0)
		return -1;
	st->n = 0;
	if (day[0] >= 0) {
		ev = step_add(st, h, LC_ACCEPT, HIST_ACCEPTED, day[0]);
		ev->unit = v[HIST_UNIT];
		ev->leader = v[HIST_LEADER];
		ev->procedure = v[HIST_PROCEDURE];
	}
	if (day[1] >= 0) {
		ev = step_add(st, h, LC_CONCLUDE, HIST_CONCLUDED, day[1]);
		if (v[HIST_RESOLVED] && (ev->resolved = rec_bool_parse(v[HIST_RESOLVED])) < 0)
			REFUSE("%s: bad resolved '%s' (yes or no)", nm[HIST_RESOLVED],
			       SHOWN(v[HIST_RESOLVED]));
	}
	if (day[2] >= 0)
		step_add(st, h, LC_REPLY, HIST_REPLIED, day[2]);
	if (day[3] >= 0) {
		ev = step_add(st, h, LC_RATE, HIST_RATED, day[3]);
		if (v[HIST_RATING] && !(ev->rating = lc_rating_parse(v[HIST_RATING])))
			REFUSE("%s: unknown rating '%s' (satisfied, basic, unsatisfied)",
			       nm[HIST_RATING], SHOWN(v[HIST_RATING]));
		if (v[HIST_BUREAU_RATING] &&
		    !(ev->bureau_rating = lc_rating_parse(v[HIST_BUREAU_RATING])))
			REFUSE("%s: unknown rating '%s' (satisfied, basic, unsatisfied)",
			       nm[HIST_BUREAU_RATING], SHOWN(v[HIST_BUREAU_RATING]));
	}
	/* closed: the refusal of a case never accepted, else its termination */
	if (day[4] >= 0)
		step_add(st, h, day[0] >= 0 ? LC_TERMINATE : LC_REJECT, HIST_CLOSED, day[4]);
	return 0;
}

void
hist_init(struct history *h, const char *by)
{
	memset(h, 0, sizeof(*h));
	strbuf_init(&h->queue);
	h->by = by;
}

int
hist_check(struct history *h, const struct colmap *m, char **fields, size_t nfields,
	   const struct intake_rec *r, char *err, size_t errsize)
{
	const char *v[HIST_NCOLS];
	hist_names nm;
	struct case_state cs;
	struct steps st;
	char why[sizeof(h->s.err)], names[HIST_NCOLS][64];
	int c, i;

	for (c = 0; c < HIST_NCOLS; c++) {
		v[c] = colmap_get(m, REC_NCOLS + (size_t)c, fields, nfields);
		nm[c] = colmap_header_name(m, REC_NCOLS + (size_t)c, names[c], sizeof(names[c]));
		nm[c] = nm[c] ? nm[c] : hist_cols[c].name;
	}
	if (steps_read(h, v, nm, &st, err, errsize) < 0)
		return 1;
	lc_registered(&cs, 0, r->received_day, r->due_day);
	for (i = 0; i < st.n; i++)
		if (lc_apply(&cs, &st.ev[i], &h->s.cal, h->s.as_of, why, sizeof(why)) < 0) {
			snprintf(err, errsize, "%s: %s", nm[st.col[i]], why);
			return 1;
		}
	for (c = 0; c < HIST_NCOLS; c++)
		strbuf_add(&h->queue, v[c] ? v[c] : "", v[c] ? strlen(v[c]) + 1 : 1);
	return 0;
}

/* 1 when case id has an event in the ledger, 0 when none, -1 with h->err. */
static int
has_events(struct history *h, int64_t id)
{
	int rc;

	if (!h->has_events && !(h->has_events = ledger_prepare(&h->s.l,
			"SELECT EXISTS (SELECT 1 FROM events WHERE case_ref = ?1)")))
		goto fail;
	sqlite3_bind_int64(h->has_events, 1, id);
	rc = sqlite3_step(h->has_events);
	rc = rc == SQLITE_ROW ? sqlite3_column_int(h->has_events, 0) : -1;
	sqlite3_reset(h->has_events);
	if (rc >= 0)
		return rc;
	ledger_fail(&h->s.l);
fail:
	snprintf(h->err, sizeof(h->err), "%s: %s", h->s.l.path, h->s.l.err);
	return -1;
}

/*
 * Record the steps of a row (its values v) on case id, as hist_next says:
 * 1 when *cs was set, 0 when not, -1 with h->err.
 */
static int
record(struct history *h, int64_t id, int present, const char *const *v,
       struct case_state *cs)
{
	hist_names canonical;
	struct steps st;
	int c, i, rc;

	for (c = 0; c < HIST_NCOLS; c++)
		canonical[c] = hist_cols[c].name;
	if (steps_read(h, v, canonical, &st, h->err, sizeof(h->err)) < 0)
		return -1;
	if (present) {		/* only a case that has no event yet takes them */
		if (!st.n)
			return 0;
		if ((rc = has_events(h, id)) != 0)
			return rc < 0 ? -1 : 0;
	}
	if ((rc = lc_session_case(&h->s, id, cs, NULL)) <= 0) {
		snprintf(h->err, sizeof(h->err), "%s: %s", h->s.l.path,
			 rc < 0 ? h->s.l.err : "a case just registered is not there");
		return -1;
	}
	for (i = 0; i < st.n; i++)
		if ((rc = lc_session_record(&h->s, cs, &st.ev[i])) != 0) {
			snprintf(h->err, sizeof(h->err), "%s: %s", h->s.l.path,
				 rc < 0 ? h->s.l.err : h->s.err);
			return -1;
		}
	return 1;
}

int
hist_next(struct history *h, int64_t id, int present, struct case_state *cs)
{
	const char *v[HIST_NCOLS];
	int c, rc;

	for (c = 0; c < HIST_NCOLS; c++) {
		v[c] = h->queue.buf + h->head;
		h->head += strlen(v[c]) + 1;
		if (!*v[c])
			v[c] = NULL;
	}
	rc = id ? record(h, id, present, v, cs) : 0;
	/* the batch's last row: the queue empties, once v (which points into it) is used */
	if (h->head >= h->queue.len)
		h->head = 0, strbuf_reset(&h->queue);
	return rc;
}

int
hist_commit(struct history *h)
{
	if (lc_session_commit(&h->s) < 0) {
		snprintf(h->err, sizeof(h->err), "%s: %s", h->s.l.path, h->s.l.err);
		return -1;
	}
	return 0;
}

void
hist_close(struct history *h)
{
	sqlite3_finalize(h->has_events);
	lc_session_close(&h->s);
	strbuf_release(&h->queue);
}
