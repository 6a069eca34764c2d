/* figures.c: each figure defined once, counted over a ledger in SQL or over a case stream. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "statute.h"
#include "util.h"
#include "banned.h"

/*
 * The families of figures: the figures counted on the same date over the
 * same cases, one statement each.  ref is the date a month group takes;
 * bind lists the values (enum bindv) bound as ?1, ?2 ...
 */
enum fam { FAM_RECEIVED, FAM_MATTER, FAM_ACCEPT, FAM_DECIDED, FAM_DUE, FAM_CONCLUDED,
	   FAM_RECEPTION, FAM_EVENTS, FAM_DISPUTE, FAM_OPEN, FAM_BATCH, NFAMS };
_Static_assert(NFAMS <= 32, "a group's families fit an unsigned (fig_group.fams)");
enum bindv { B_FROM, B_TO1, B_END1, B_AFROM, B_ATO1, B_TAG, B_E, B_E1, B_EW, B_EA, B_EWA1,
	     B_EL, NBINDV };

/* The parameters a filter's values take, ?11 to ?14 (enum fig_filter_col): after every family's own. */
#define FILTER_PARAM 11

#define ACCEPT_BY "date(c.received, '+" STATUTE_STR(DL_ACCEPT_DAYS) " days')"
/*
 * The deadline of an open case at the time: accept by received +
 * DL_ACCEPT_DAYS until decided; a case transferred (decided) and not yet
 * accepted, by the transfer + DL_ACCEPT_DAYS (the receiving unit's own
 * days); once accepted, its deadline to conclude.  Red: that deadline
 * before the day ?1; yellow: from ?1 to the last warning day ?3.  The
 * deadline is never computed: received + DL_ACCEPT_DAYS < ?1 is received
 * < ?4, the day DL_ACCEPT_DAYS before ?1, and <= ?3 is < ?5, the day
 * after ?3 less DL_ACCEPT_DAYS (dates compare as text, a time after the
 * day sorting after it), so that no row costs a date().
 */
#define OPEN_RED "(CASE WHEN c.decided IS NULL OR c.decided >= ?2 THEN c.received < ?4" \
	" WHEN c.accepted IS NULL OR c.accepted >= ?2 THEN c.decided < ?4" \
	" ELSE c.conclude_due < ?1 END)"
#define OPEN_YELLOW "(CASE WHEN c.decided IS NULL OR c.decided >= ?2" \
	" THEN c.received >= ?4 AND c.received < ?5" \
	" WHEN c.accepted IS NULL OR c.accepted >= ?2 THEN c.decided >= ?4 AND c.decided < ?5" \
	" ELSE c.conclude_due >= ?1 AND c.conclude_due <= ?3 END)"
/* not concluded or closed by the end of day ?2 - 1 */
#define NOT_ENDED "(c.concluded IS NULL OR c.concluded >= ?2) AND (c.closed IS NULL OR c.closed >= ?2)"
#define OPEN_AT " AND " NOT_ENDED
#define FREQ "c.n >= " STATUTE_STR(FREQUENT_CASES)
/* the earlier cases of a matter worth counting: a literal LIMIT (an expression costs per row) */
#define FREQ_EARLIER 2
_Static_assert(FREQ_EARLIER == FREQUENT_CASES - 1, "FREQ_EARLIER is FREQUENT_CASES - 1");
/*
 * Petitions are read from the view petition_cases (cases WHERE dispute =
 * 0) and nowhere else; the disputes' own figures from DISPUTE_CASES alone.
 */
#define DISPUTE_CASES "(SELECT * FROM cases WHERE dispute = 1)"
/* The events a review figure counts, in the period, not voided, with their case. */
#define REVIEW_EVENTS \
	"(SELECT cc.*, e.event AS ev_event, e.outcome AS ev_outcome, e.date AS ev_date" \
	" FROM events e JOIN petition_cases cc ON cc.id = e.case_ref" \
	" WHERE e.date >= ?1 AND e.date < ?2 AND e.voided_by IS NULL" \
	" AND e.event IN ('review', 'review_done', 'recheck', 'recheck_done'))"
#define ANSWER_IS(o) "sum(c.ev_event IN ('review_done', 'recheck_done') AND c.ev_outcome = '" o "')"

/*
 * The cases whose column col falls in [?1, ?2), listed from its index
 * (which carries dispute: migration 9) and read in the order of their rows
 * rather than of the dates: the IN list is a sorted set of ids, so each
 * page of the table is read once, not once per case on it (0.06 s against
 * 0.12 s for a month's concluded cases on a million).
 */
#define IN_ORDER(col) \
	"c.id IN (SELECT id FROM petition_cases WHERE " col " >= ?1 AND " col " < ?2)"

/*
 * The families: ref is the date a month or week group takes (a family
 * counted at a day's end: that day, ?1); bind lists the values (enum bindv) bound as ?1, ?2 ...; disputes says
 * the family counts disputes (fig_opts.disputes), not petitions.
 */
static const char *const fam_names[NFAMS] = {
	"received", "matter", "accept", "decided", "due", "concluded", "reception", "events",
	"dispute", "open", "batch",
};

static const struct family {
	const char *ref, *from, *where;
	enum bindv bind[6];
	size_t nbind;
	int disputes;
	int since_6;	/* needs what migration 6 added: not counted on a ledger before it */
	/* a second statement's WHERE, over other cases than where's: its counts are added */
	const char *where_more;
} fams[NFAMS] = {
	[FAM_RECEIVED] = { "c.received", "petition_cases",
			   "c.received >= ?1 AND c.received < ?2", { B_FROM, B_TO1 }, 2, 0 },
	/* n, the case's place in its matter, is only compared with 3: count two earlier at most */
	[FAM_MATTER] = { "c.received",
		"(SELECT cc.*, coalesce(cc.first_case, cc.id) AS matter,"
		" 1 + (SELECT count(*) FROM (SELECT 1 FROM petition_cases x WHERE x.first_case ="
		" coalesce(cc.first_case, cc.id) AND x.received < ?3 LIMIT "
		STATUTE_STR(FREQ_EARLIER) ")) AS n"
		" FROM petition_cases cc WHERE cc.received >= ?1 AND cc.received < ?2)",
		"1", { B_FROM, B_TO1, B_END1 }, 3, 0 },
	[FAM_ACCEPT] = { ACCEPT_BY, "petition_cases", "c.received >= ?1 AND c.received < ?2",
			 { B_AFROM, B_ATO1 }, 2, 0 },
	[FAM_DECIDED] = { "c.decided", "petition_cases", IN_ORDER("decided"),
			  { B_FROM, B_TO1 }, 2, 0 },
	[FAM_DUE] = { "c.conclude_due", "petition_cases", IN_ORDER("conclude_due"),
		      { B_FROM, B_TO1 }, 2, 0 },
	[FAM_CONCLUDED] = { "c.concluded", "petition_cases", IN_ORDER("concluded"),
			    { B_FROM, B_TO1 }, 2, 0 },
	/* the visits a leader received: read by the index on (day, receiver) */
	[FAM_RECEPTION] = { "c.received", "petition_cases",
		"c.receiver IS NOT NULL AND substr(c.received, 1, 10) >= ?1"
		" AND substr(c.received, 1, 10) < ?2", { B_FROM, B_TO1 }, 2, 0, 1 },
	[FAM_EVENTS] = { "c.ev_date", REVIEW_EVENTS, "1", { B_FROM, B_TO1 }, 2, 0, 1 },
	[FAM_DISPUTE] = { "c.received", DISPUTE_CASES,
		"c.received >= ?1 AND c.received < ?2", { B_FROM, B_TO1, B_END1 }, 3, 1, 1 },
	/*
	 * red and yellow among the cases open at the end of day ?2 - 1: not
	 * concluded or closed by then, read by the day they came (?6, the
	 * day LEDGER_LATE_DAYS before ?2).  Those that came since ?6, most of
	 * them, in the order of their rows from cases_received; the older ones
	 * (where_more) are the few open now (cases_open; +received keeps it
	 * from cases_received), concluded late since (cases_concluded_late,
	 * migration 10) or closed late since (cases_closed_late, migration
	 * 11), found from the indexes alone, the day they came in each, so
	 * that not every case concluded or closed since ?2 is walked.
	 */
	[FAM_OPEN] = { "?1", "petition_cases", "c.received >= ?6 AND c.received < ?2" OPEN_AT,
		{ B_E, B_E1, B_EW, B_EA, B_EWA1, B_EL }, 6, 0, 0,
		"c.id IN (SELECT id FROM petition_cases WHERE open = 1 AND +received < ?6"
		" UNION ALL SELECT id FROM petition_cases WHERE " LEDGER_LATE_WHERE
		" AND concluded >= ?2 AND received < ?6"
		" UNION ALL SELECT id FROM petition_cases WHERE " LEDGER_CLOSED_LATE_WHERE
		" AND closed >= ?2 AND received < ?6)"
		" AND c.received < ?6" OPEN_AT },
	/* the batch carrying tag ?3 received by the end of day ?2 - 1 (交办 N 件) */
	[FAM_BATCH] = { "?1", "petition_cases",
		"c.id IN (SELECT case_ref FROM case_tags WHERE tag = ?3) AND c.received < ?2",
		{ B_E, B_E1, B_TAG }, 3, 0 },
};

/* What one stream row adds to a figure. */
static long
row_one(const struct fig_row *r)
{
	(void)r;
	return 1;
}

static long
row_persons(const struct fig_row *r)
{
	return r->persons;
}

static long
row_first(const struct fig_row *r)
{
	return r->kind && !strcmp(r->kind, "first");
}

static long
row_repeat(const struct fig_row *r)
{
	return r->kind && !strcmp(r->kind, "repeat");
}

static long
row_referred(const struct fig_row *r)
{
	return r->kind && !strcmp(r->kind, "referred");
}

static long
row_coll(const struct fig_row *r)
{
	return r->collective;
}

static long
row_coll_persons(const struct fig_row *r)
{
	return r->collective ? r->persons : 0;
}

static long
row_joint(const struct fig_row *r)
{
	return r->joint;
}

static long
row_joint_signers(const struct fig_row *r)
{
	return r->joint ? r->persons : 0;
}

static long
row_red(const struct fig_row *r)
{
	return r->color && !strcmp(r->color, "red");
}

static long
row_yellow(const struct fig_row *r)
{
	return r->color && !strcmp(r->color, "yellow");
}

/*
 * Each figure, once: its name, its family and the SQL aggregate that counts
 * it over the family's cases c, and what one row of a case stream adds to
 * it (with the stream column it needs; FIG_COL_NONE: a stream cannot count it).
 * Within a family the aggregates go into the statement in this order.
 */
static const struct figdef {
	const char *name;
	enum fam fam;
	const char *agg;
	enum fig_col col;
	long (*row)(const struct fig_row *r);
} figdefs[NFIGS] = {
	[FIG_BATCHES] = { "batches", FAM_RECEIVED, "count(*)", FIG_COL_ANY, row_one },
	[FIG_PERSONS] = { "persons", FAM_RECEIVED, "sum(c.persons)", FIG_COL_PERSONS,
			  row_persons },
	[FIG_FIRST] = { "first", FAM_RECEIVED, "sum(c.kind = 'first')", FIG_COL_KIND, row_first },
	[FIG_REPEAT] = { "repeat", FAM_RECEIVED, "sum(c.kind = 'repeat')", FIG_COL_KIND,
			 row_repeat },
	[FIG_REFERRED] = { "referred", FAM_RECEIVED, "sum(c.kind = 'referred')", FIG_COL_KIND,
			   row_referred },
	[FIG_COLLECTIVE] = { "collective", FAM_RECEIVED, "sum(c.collective)", FIG_COL_PERSONS,
			     row_coll },
	[FIG_COLLECTIVE_PERSONS] = { "collective_persons", FAM_RECEIVED,
		"sum(CASE WHEN c.collective THEN c.persons ELSE 0 END)", FIG_COL_PERSONS,
		row_coll_persons },
	[FIG_JOINT_LETTERS] = { "joint_letters", FAM_RECEIVED,
		"sum(c.channel = 'letter' AND c.persons > 1)", FIG_COL_PERSONS, row_joint },
	[FIG_JOINT_SIGNERS] = { "joint_signers", FAM_RECEIVED,
		"sum(CASE WHEN c.channel = 'letter' AND c.persons > 1 THEN c.persons ELSE 0 END)",
		FIG_COL_PERSONS, row_joint_signers },
	[FIG_ACCEPTED] = { "accepted", FAM_DECIDED, "count(*)", FIG_COL_NONE, NULL },
	[FIG_ACCEPT_DUE] = { "accept_due", FAM_ACCEPT, "count(*)", FIG_COL_NONE, NULL },
	[FIG_TIMELY_ACCEPTED] = { "timely_accepted", FAM_ACCEPT,
		"sum(c.decided IS NOT NULL AND c.decided <= " ACCEPT_BY ")", FIG_COL_NONE, NULL },
	[FIG_DUE] = { "due", FAM_DUE, "count(*)", FIG_COL_NONE, NULL },
	[FIG_ON_TIME] = { "on_time", FAM_DUE,
		"sum(c.concluded IS NOT NULL AND c.concluded <= c.conclude_due)", FIG_COL_NONE, NULL },
	[FIG_CONCLUDED] = { "concluded", FAM_CONCLUDED, "count(*)", FIG_COL_NONE, NULL },
	[FIG_RATED] = { "rated", FAM_CONCLUDED, "sum(c.rating IS NOT NULL)", FIG_COL_NONE, NULL },
	[FIG_SATISFIED] = { "satisfied", FAM_CONCLUDED,
		"sum(c.rating = 'satisfied' OR c.rating = 'basic')", FIG_COL_NONE, NULL },
	[FIG_RESOLUTION_CASES] = { "resolution_cases", FAM_BATCH, "count(*)", FIG_COL_NONE,
				   NULL },
	[FIG_RESOLVED] = { "resolved", FAM_BATCH, "sum(c.resolved = 1 AND c.concluded < ?2)",
			   FIG_COL_NONE, NULL },
	[FIG_RED] = { "red", FAM_OPEN, "sum(" OPEN_RED ")", FIG_COL_COLOR, row_red },
	[FIG_YELLOW] = { "yellow", FAM_OPEN, "sum(" OPEN_YELLOW ")",
			 FIG_COL_COLOR, row_yellow },
	[FIG_FREQUENT] = { "frequent", FAM_MATTER,
		"count(DISTINCT CASE WHEN " FREQ " THEN c.matter END)", FIG_COL_NONE, NULL },
	[FIG_FREQUENT_CASES] = { "frequent_cases", FAM_MATTER, "sum(" FREQ ")", FIG_COL_NONE,
				 NULL },
	[FIG_RESOLVING] = { "resolving", FAM_BATCH, "sum(" NOT_ENDED ")", FIG_COL_NONE, NULL },
	[FIG_RECEPTION_SESSIONS] = { "reception_sessions", FAM_RECEPTION,
		"count(DISTINCT c.receiver || char(31) || substr(c.received, 1, 10))",
		FIG_COL_NONE, NULL },
	[FIG_RECEPTION_LEADERS] = { "reception_leaders", FAM_RECEPTION,
				    "count(DISTINCT c.receiver)", FIG_COL_NONE, NULL },
	[FIG_RECEPTION_BATCHES] = { "reception_batches", FAM_RECEPTION, "count(*)",
				    FIG_COL_NONE, NULL },
	[FIG_RECEPTION_PERSONS] = { "reception_persons", FAM_RECEPTION, "sum(c.persons)",
				    FIG_COL_NONE, NULL },
	[FIG_BUREAU_RATED] = { "bureau_rated", FAM_CONCLUDED, "sum(c.bureau_rating IS NOT NULL)",
			       FIG_COL_NONE, NULL },
	[FIG_BUREAU_SATISFIED] = { "bureau_satisfied", FAM_CONCLUDED,
		"sum(c.bureau_rating = 'satisfied' OR c.bureau_rating = 'basic')", FIG_COL_NONE,
		NULL },
	[FIG_REVIEWS] = { "reviews", FAM_EVENTS, "sum(c.ev_event = 'review')", FIG_COL_NONE,
			  NULL },
	[FIG_REVIEWS_ANSWERED] = { "reviews_answered", FAM_EVENTS,
				   "sum(c.ev_event = 'review_done')", FIG_COL_NONE, NULL },
	[FIG_RECHECKS] = { "rechecks", FAM_EVENTS, "sum(c.ev_event = 'recheck')", FIG_COL_NONE,
			   NULL },
	[FIG_RECHECKS_ANSWERED] = { "rechecks_answered", FAM_EVENTS,
				    "sum(c.ev_event = 'recheck_done')", FIG_COL_NONE, NULL },
	[FIG_UPHELD] = { "upheld", FAM_EVENTS, ANSWER_IS("upheld"), FIG_COL_NONE, NULL },
	[FIG_REVOKED] = { "revoked", FAM_EVENTS, ANSWER_IS("revoked"), FIG_COL_NONE, NULL },
	[FIG_CHANGED] = { "changed", FAM_EVENTS, ANSWER_IS("changed"), FIG_COL_NONE, NULL },
	[FIG_FOUND] = { "found", FAM_DISPUTE, "count(*)", FIG_COL_NONE, NULL },
	[FIG_DISPUTE_RESOLVED] = { "resolved", FAM_DISPUTE,
		"sum(c.resolved = 1 AND c.concluded < ?3)", FIG_COL_NONE, NULL },
};

static const struct {
	const char *name;
	enum fig num, den, after;
} rates[NRATES] = {
	[RATE_FIRST_SHARE] = { "first_share", FIG_FIRST, FIG_BATCHES, FIG_FIRST },
	[RATE_REPEAT_SHARE] = { "repeat_share", FIG_REPEAT, FIG_BATCHES, FIG_REPEAT },
	[RATE_REFERRED_SHARE] = { "referred_share", FIG_REFERRED, FIG_BATCHES, FIG_REFERRED },
	[RATE_TIMELY_ACCEPT] = { "timely_accept_rate", FIG_TIMELY_ACCEPTED, FIG_ACCEPT_DUE,
				 FIG_TIMELY_ACCEPTED },
	[RATE_ON_TIME] = { "on_time_rate", FIG_ON_TIME, FIG_DUE, FIG_ON_TIME },
	[RATE_PARTICIPATION] = { "participation_rate", FIG_RATED, FIG_CONCLUDED, FIG_RATED },
	[RATE_SATISFACTION] = { "satisfaction_rate", FIG_SATISFIED, FIG_RATED, FIG_SATISFIED },
	[RATE_RESOLUTION] = { "resolution_rate", FIG_RESOLVED, FIG_RESOLUTION_CASES,
			      FIG_RESOLVED },
	[RATE_BUREAU_SATISFACTION] = { "bureau_satisfaction_rate", FIG_BUREAU_SATISFIED,
				       FIG_BUREAU_RATED, FIG_BUREAU_SATISFIED },
	[RATE_DISPUTE_RESOLUTION] = { "resolution_rate", FIG_DISPUTE_RESOLVED, FIG_FOUND,
				      FIG_DISPUTE_RESOLVED },
};

static const char *const dim_names[NDIMS] = {
	"channel", "level", "region", "category", "unit", "leader", "kind", "month", "tag",
	"week", "referred_by", "source", "law_related", "procedure", "stage", "receiver",
	"ledger",
};

const char *
fig_name(enum fig f)
{
	return figdefs[f].name;
}

const char *
rate_name(enum rate r)
{
	return rates[r].name;
}

void
rate_parts(enum rate r, enum fig *num, enum fig *den)
{
	*num = rates[r].num;
	*den = rates[r].den;
}

int
fig_rate_after(enum fig f)
{
	int r;
	for (r = 0; r < NRATES; r++)
		if (rates[r].after == f)
			return r;
	return -1;
}

const char *
dim_name(enum dim d)
{
	return dim_names[d];
}

int
dim_parse(const char *s)
{
	int d;
	for (d = 0; d < NDIMS; d++)
		if (!strcmp(s, dim_names[d]))
			return d;
	return -1;
}

void
fig_table_init(struct fig_table *t, const struct fig_opts *o)
{
	memset(t, 0, sizeof(*t));
	t->opts = *o;
}

void
fig_table_release(struct fig_table *t)
{
	size_t i, d;
	for (i = 0; i < t->ngroups; i++)
		for (d = 0; d < t->opts.nby; d++)
			free(t->groups[i].key[d]);
	free(t->groups);
	free(t->slot);
	t->groups = NULL;
	t->slot = NULL;
	t->ngroups = t->alloc = t->nslot = 0;
}

/* The hash of a group's keys (FNV-1a over them, each ended by a 0 byte). */
static size_t
keys_hash(const struct fig_table *t, char *const *keys)
{
	uint64_t h = 1469598103934665603ULL;
	size_t d;
	const unsigned char *p;

	for (d = 0; d < t->opts.nby; d++) {
		for (p = (const unsigned char *)keys[d]; *p; p++)
			h = (h ^ *p) * 1099511628211ULL;
		h *= 1099511628211ULL;	/* the 0 byte ending the key */
	}
	return (size_t)h;
}

/* Whether group g has these keys. */
static int
keys_equal(const struct fig_table *t, const struct fig_group *g, char *const *keys)
{
	size_t d;
	for (d = 0; d < t->opts.nby; d++)
		if (strcmp(g->key[d], keys[d]))
			return 0;
	return 1;
}

/* (Re)build t's slots for at least n groups: at most half of them taken. */
static void
rehash(struct fig_table *t, size_t n)
{
	size_t i, j, mask;

	free(t->slot);
	for (t->nslot = 64; t->nslot < 2 * n; t->nslot *= 2)
		;
	t->slot = xcalloc(t->nslot, sizeof(*t->slot));
	mask = t->nslot - 1;
	for (i = 0; i < t->ngroups; i++) {
		for (j = keys_hash(t, t->groups[i].key) & mask; t->slot[j]; j = (j + 1) & mask)
			;
		t->slot[j] = i + 1;
	}
}

/*
 * The group with these keys, found through the slots: a period by region
 * and category has hundreds of groups, by a few dims more thousands.
 */
struct fig_group *
fig_group_get(struct fig_table *t, char *const *keys)
{
	size_t j, d, mask;
	struct fig_group *g;

	if (!t->slot || 2 * (t->ngroups + 1) > t->nslot)
		rehash(t, t->ngroups + 1);
	mask = t->nslot - 1;
	for (j = keys_hash(t, keys) & mask; t->slot[j]; j = (j + 1) & mask)
		if (keys_equal(t, &t->groups[t->slot[j] - 1], keys))
			return &t->groups[t->slot[j] - 1];
	t->slot[j] = t->ngroups + 1;
	if (t->ngroups == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 16;
		t->groups = xrealloc(t->groups, t->alloc * sizeof(*t->groups));
	}
	g = &t->groups[t->ngroups++];
	memset(g, 0, sizeof(*g));
	for (d = 0; d < t->opts.nby; d++)
		g->key[d] = xstrdup(keys[d]);
	return g;
}

static size_t sort_nby;

static int
cmp_group(const void *a, const void *b)
{
	const struct fig_group *x = a, *y = b;
	size_t d;
	int c;
	for (d = 0; d < sort_nby; d++)
		if ((c = strcmp(x->key[d], y->key[d])))
			return c;
	return 0;
}

void
fig_table_sort(struct fig_table *t)
{
	sort_nby = t->opts.nby;
	if (t->ngroups)
		qsort(t->groups, t->ngroups, sizeof(*t->groups), cmp_group);
	free(t->slot);	/* the groups moved: the slots are made again when asked */
	t->slot = NULL;
	t->nslot = 0;
}

/* The SQL for grouping: select list and join, with ref as the month's (and week's) date. */
static void
group_sql(const struct fig_opts *o, enum fam fm, struct strbuf *sel, int *tag)
{
	size_t i;

	*tag = 0;
	for (i = 0; i < o->nby; i++) {
		switch (o->by[i]) {
		case DIM_CHANNEL: strbuf_adds(sel, "c.channel"); break;
		case DIM_LEVEL: strbuf_adds(sel, "c.level"); break;
		case DIM_REGION: strbuf_adds(sel, "c.region"); break;
		case DIM_CATEGORY: strbuf_adds(sel, "c.category"); break;
		case DIM_UNIT: strbuf_adds(sel, "ifnull(c.unit, '')"); break;
		case DIM_LEADER: strbuf_adds(sel, "ifnull(c.leader, '')"); break;
		case DIM_KIND: strbuf_adds(sel, "c.kind"); break;
		case DIM_MONTH: case DIM_WEEK:
			/* the week: pt_iso_week (fig_iso_week) of the day */
			if (o->by[i] == DIM_WEEK)
				strbuf_adds(sel, "pt_iso_week(");
			strbuf_addf(sel, "substr(%s, 1, %d)", fams[fm].ref,
				    o->by[i] == DIM_MONTH ? 7 : 10);
			if (o->by[i] == DIM_WEEK)
				strbuf_adds(sel, ")");
			break;
		case DIM_TAG: strbuf_adds(sel, "t.tag"); *tag = 1; break;
		case DIM_REFERRED_BY: strbuf_adds(sel, "ifnull(c.referred_by, '')"); break;
		case DIM_SOURCE: strbuf_adds(sel, "ifnull(c.source, '')"); break;
		case DIM_LAW_RELATED:
			strbuf_adds(sel, "CASE WHEN c.law_related THEN 'yes' ELSE 'no' END");
			break;
		case DIM_PROCEDURE: strbuf_adds(sel, "c.procedure"); break;
		case DIM_STAGE: strbuf_adds(sel, "c.stage"); break;
		case DIM_RECEIVER: strbuf_adds(sel, "ifnull(c.receiver, '')"); break;
		case DIM_LEDGER: strbuf_adds(sel, "''"); break;	/* the name: family() puts it in */
		case NDIMS: break;
		}
		strbuf_adds(sel, ", ");
	}
}

int
fig_filter_add(struct fig_filter *f, enum fig_filter_col c, const char *v)
{
	if (f->n[c] == FIG_FILTER_MAX)
		return -1;
	f->v[c][f->n[c]++] = v;
	return 0;
}

/* Whether v is one of list c of f (or the list is empty). */
static int
filter_has(const struct fig_filter *f, enum fig_filter_col c, const char *v)
{
	size_t i;
	if (!f->n[c])
		return 1;
	for (i = 0; v && i < f->n[c]; i++)
		if (!strcmp(f->v[c][i], v))
			return 1;
	return 0;
}

int
fig_filter_pass(const struct fig_filter *f, const char *region, const char *unit,
		const char *category, const char *tags)
{
	char buf[512], *tag, *save = NULL;

	if (!filter_has(f, FF_REGION, region) || !filter_has(f, FF_UNIT, unit) ||
	    !filter_has(f, FF_CATEGORY, category))
		return 0;
	if (!f->n[FF_TAG])
		return 1;
	snprintf(buf, sizeof(buf), "%s", tags ? tags : "");
	for (tag = strtok_r(buf, ";", &save); tag; tag = strtok_r(NULL, ";", &save))
		if (filter_has(f, FF_TAG, tag))
			return 1;
	return 0;
}

void
fig_filter_sql(const struct fig_filter *f, struct strbuf *sql)
{
	/* each list is bound as one JSON array (fig_filter_bind) */
	if (f->n[FF_REGION])
		strbuf_adds(sql, " AND c.region IN (SELECT value FROM json_each(?11))");
	if (f->n[FF_UNIT])
		strbuf_adds(sql, " AND c.unit IN (SELECT value FROM json_each(?12))");
	if (f->n[FF_CATEGORY])
		strbuf_adds(sql, " AND c.category IN (SELECT value FROM json_each(?13))");
	if (f->n[FF_TAG])
		/* a probe of the key (tag, case_ref) per case, not every case ever tagged so */
		strbuf_adds(sql, " AND EXISTS (SELECT 1 FROM case_tags ft WHERE ft.case_ref = c.id"
			    " AND ft.tag IN (SELECT value FROM json_each(?14)))");
}
_Static_assert(FILTER_PARAM + NFF - 1 == 14, "the filters are ?11 to ?14");

/* s as a JSON string into j: quoted, with " \\ and control bytes escaped. */
static void
json_str(struct strbuf *j, const char *s)
{
	strbuf_addch(j, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_addch(j, '\\');
		if ((unsigned char)*s < 0x20)
			strbuf_addf(j, "\\u%04x", (unsigned char)*s);
		else
			strbuf_addch(j, *s);
	}
	strbuf_addch(j, '"');
}

void
fig_filter_bind(const struct fig_filter *f, sqlite3_stmt *st)
{
	struct strbuf j;
	size_t c, i;

	strbuf_init(&j);
	for (c = 0; c < NFF; c++) {
		if (!f->n[c])
			continue;
		strbuf_reset(&j);
		strbuf_addch(&j, '[');
		for (i = 0; i < f->n[c]; i++) {
			if (i)
				strbuf_addch(&j, ',');
			json_str(&j, f->v[c][i]);
		}
		strbuf_addch(&j, ']');
		sqlite3_bind_text(st, (int)(FILTER_PARAM + c), j.buf, -1, SQLITE_TRANSIENT);
	}
	strbuf_release(&j);
}

int
fig_shown(const struct fig_opts *o, enum fig f)
{
	return fams[figdefs[f].fam].disputes == (o->disputes != 0);
}

/* Whether family fm's figures add up over groups: none of them counts DISTINCT. */
static int
fam_adds_up(enum fam fm)
{
	return fm != FAM_MATTER && fm != FAM_RECEPTION;
}

/*
 * Whether a table counted with o counts family fm, on a ledger from
 * before migration 6 (before_disputes) or not.
 */
static int
fam_counted(const struct fig_opts *o, enum fam fm, int before_disputes)
{
	if (fams[fm].disputes != (o->disputes != 0) || (before_disputes && fams[fm].since_6))
		return 0;
	if (o->family)
		return (int)fm == o->family - 1;
	if (o->volume_only)
		return fm == FAM_RECEIVED;
	if (fm == FAM_OPEN || fm == FAM_BATCH)
		return !o->no_open && !o->distinct_only;
	if (o->rates_only)
		return fm == FAM_RECEIVED || fm == FAM_ACCEPT || fm == FAM_DECIDED ||
		       fm == FAM_DUE || fm == FAM_CONCLUDED;
	return !o->distinct_only || !fam_adds_up(fm);
}

/*
 * Whether a table counted with o counts both FAM_MATTER and FAM_RECEIVED:
 * the same rows, so FAM_RECEIVED's figures are counted in FAM_MATTER's
 * statement, one read of the period's cases for both.
 */
static int
rides_matter(const struct fig_opts *o, int before_disputes)
{
	return fam_counted(o, FAM_MATTER, before_disputes) &&
	       fam_counted(o, FAM_RECEIVED, before_disputes);
}

/* A prepared statement and the SQL text it was prepared from. */
struct fig_stmt {
	char *sql;
	sqlite3_stmt *st;
};

void
fig_stmts_release(struct fig_stmts *c)
{
	size_t i;
	for (i = 0; i < c->n; i++) {
		sqlite3_finalize(c->v[i].st);
		free(c->v[i].sql);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

int
fig_stmts_schema(struct fig_stmts *c, struct ledger *l)
{
	sqlite3_stmt *st;
	int rc;

	if (c->schema)
		return 0;
	if (!(st = ledger_prepare(l, "SELECT count(*) FROM main.sqlite_schema"
				  " WHERE type = 'view' AND name = 'petition_cases'")))
		return -1;
	rc = sqlite3_step(st);
	c->before_disputes = rc == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return ledger_fail(l);
	/*
	 * A ledger from before migration 6 (read as it is): its cases are all
	 * petitions, with none of the columns migration 6 added.  The view is
	 * in the connection's temporary schema: the ledger is not written.
	 */
	if (c->before_disputes &&
	    ledger_exec(l, "CREATE TEMP VIEW IF NOT EXISTS petition_cases AS SELECT *, NULL AS"
			" source, NULL AS receiver, NULL AS bureau_rating, 0 AS dispute FROM main.cases") < 0)
		return -1;
	c->schema = 1;
	return 0;
}

sqlite3_stmt *
fig_stmt_get(struct fig_stmts *c, struct ledger *l, const char *sql)
{
	sqlite3_stmt *st;
	size_t i;

	if (fig_stmts_schema(c, l) < 0)
		return NULL;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].sql, sql)) {
			sqlite3_reset(c->v[i].st);
			return c->v[i].st;
		}
	if (!(st = ledger_prepare(l, sql)))
		return NULL;
	if (c->n == c->alloc) {
		c->alloc = c->alloc ? c->alloc * 2 : 16;
		c->v = xrealloc(c->v, c->alloc * sizeof(*c->v));
	}
	c->v[c->n].sql = xstrdup(sql);
	c->v[c->n++].st = st;
	return st;
}

/* The period's values a family binds, as text (enum bindv). */
struct binds {
	char v[NBINDV][DATE_BUF];	/* the dates (v[B_TAG] unused) */
	const char *tag;		/* B_TAG */
};

/*
 * One statement of family fm with the values in b, adding its counts into
 * t: SELECT <groups>, <aggs> FROM <from> c WHERE <where> <filter> GROUP BY
 * <groups>.
 */
static int
family_where(struct fig_table *t, struct ledger *l, struct fig_stmts *c, int skip_below,
	     enum fam fm, const struct binds *b, const char *where)
{
	struct strbuf sql, sel;
	sqlite3_stmt *st;
	enum fig figs[NFIGS];
	char *keys[NDIMS];
	size_t i, nby = t->opts.nby, nfigs = 0;
	unsigned rows = 1u << fm;	/* the families whose figures this statement counts */
	int rc, tag, g;

	if (fm == FAM_MATTER && rides_matter(&t->opts, c->before_disputes))
		rows |= 1u << FAM_RECEIVED;
	strbuf_init(&sql);
	strbuf_init(&sel);
	group_sql(&t->opts, fm, &sel, &tag);
	for (g = 0; g < NFIGS; g++)
		if (rows & (1u << figdefs[g].fam)) {
			strbuf_addf(&sel, "%s%s", nfigs ? ", " : "", figdefs[g].agg);
			figs[nfigs++] = (enum fig)g;
		}
	strbuf_addf(&sql, "SELECT %s FROM %s c%s WHERE %s", sel.buf, fams[fm].from,
		    tag ? " JOIN case_tags t ON t.case_ref = c.id" : "", where);
	fig_filter_sql(&t->opts.filter, &sql);
	if (skip_below > 0)
		strbuf_addf(&sql, " AND (c.ext_id IS NULL OR NOT EXISTS (SELECT 1"
			    " FROM seen.seen s WHERE s.ext_id = c.ext_id AND s.dispute = c.dispute"
			    " AND s.ledger < %d))",
			    skip_below);
	for (i = 0; i < nby; i++)
		strbuf_addf(&sql, "%s%zu", i ? ", " : " GROUP BY ", i + 1);
	strbuf_release(&sel);
	st = fig_stmt_get(c, l, sql.buf);
	strbuf_release(&sql);
	if (!st)
		return -1;
	for (i = 0; i < fams[fm].nbind; i++) {
		enum bindv v = fams[fm].bind[i];
		sqlite3_bind_text(st, (int)i + 1, v == B_TAG ? b->tag : b->v[v], -1, SQLITE_STATIC);
	}
	fig_filter_bind(&t->opts.filter, st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fig_group *g;
		for (i = 0; i < nby; i++) {
			const char *k = (const char *)sqlite3_column_text(st, (int)i);
			keys[i] = (char *)(t->opts.by[i] == DIM_LEDGER ? (t->ledger ? t->ledger : "")
					   : k ? k : "");
		}
		g = fig_group_get(t, keys);
		g->fams |= rows;
		for (i = 0; i < nfigs; i++)
			g->v[figs[i]] += sqlite3_column_int64(st, (int)(nby + i));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return ledger_fail(l);
	for (i = 0; i < nfigs; i++)
		t->have[figs[i]] = 1;
	return 0;
}

/* Run family fm: its statement, and its where_more's. */
static int
family(struct fig_table *t, struct ledger *l, struct fig_stmts *c, int skip_below,
       enum fam fm, const struct binds *b)
{
	if (family_where(t, l, c, skip_below, fm, b, fams[fm].where) < 0)
		return -1;
	return fams[fm].where_more ? family_where(t, l, c, skip_below, fm, b, fams[fm].where_more) : 0;
}

/* Red and yellow among the cases open at the end of day end, and the batch's progress. */
static int
open_at(struct fig_table *t, struct ledger *l, struct fig_stmts *c, int skip_below,
	struct binds *b, int end)
{
	date_format(end, b->v[B_E]);
	date_format(end + 1, b->v[B_E1]);
	date_format(end + t->opts.warn_days, b->v[B_EW]);
	date_format(end - DL_ACCEPT_DAYS, b->v[B_EA]);
	date_format(end + t->opts.warn_days + 1 - DL_ACCEPT_DAYS, b->v[B_EWA1]);
	date_format(end + 1 - LEDGER_LATE_DAYS, b->v[B_EL]);
	if (fam_counted(&t->opts, FAM_OPEN, c->before_disputes) &&
	    family(t, l, c, skip_below, FAM_OPEN, b) < 0)
		return -1;
	if (fam_counted(&t->opts, FAM_BATCH, c->before_disputes) &&
	    family(t, l, c, skip_below, FAM_BATCH, b) < 0)
		return -1;
	return 0;
}

static int
has_dim(const struct fig_opts *o, enum dim d)
{
	size_t i;
	for (i = 0; i < o->nby; i++)
		if (o->by[i] == d)
			return 1;
	return 0;
}

/* Red, yellow and the batch at the end (by month: at each month's end up to it). */
static int
count_open(struct fig_table *t, struct ledger *l, struct fig_stmts *c, int skip_below,
	   struct binds *b, const struct period *p, int end)
{
	int m = p->from;

	if (!has_dim(&t->opts, DIM_MONTH))
		return end >= p->from ? open_at(t, l, c, skip_below, b, end) : 0;
	while (m <= end) {
		int y, mo, d, me;
		date_to_ymd(m, &y, &mo, &d);
		me = date_from_ymd(y, mo, date_days_in_month(y, mo));
		if (open_at(t, l, c, skip_below, b, me < end ? me : end) < 0)
			return -1;
		m = me + 1;
	}
	return 0;
}

char *
fig_iso_week(int day, char *buf)
{
	int th = day - (date_weekday(day) - 1) + 3, y, m, d;	/* the week's Thursday */

	date_to_ymd(th, &y, &m, &d);
	snprintf(buf, FIG_WEEK_BUF, "%04d-W%02d", y % 10000,
		 ((th - date_from_ymd(y, 1, 1)) / 7 + 1) % 100);
	return buf;
}

/* SQL pt_iso_week(date): fig_iso_week of a date's text; NULL for anything else. */
static void
sql_iso_week(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char buf[FIG_WEEK_BUF];
	int day;

	(void)argc;
	if (!s || date_parse(s, &day, NULL) < 0)
		sqlite3_result_null(cx);
	else
		sqlite3_result_text(cx, fig_iso_week(day, buf), -1, SQLITE_TRANSIENT);
}

/* Register pt_iso_week on l's connection, once (c remembers). */
static int
week_fn(struct ledger *l, struct fig_stmts *c)
{
	if (c->week_fn)
		return 0;
	if (sqlite3_create_function_v2(l->db, "pt_iso_week", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				       NULL, sql_iso_week, NULL, NULL, NULL) != SQLITE_OK)
		return ledger_fail(l);
	c->week_fn = 1;
	return 0;
}

int
fig_count_ledger(struct fig_table *t, struct ledger *l, struct fig_stmts *c,
		 int skip_below, const struct period *p)
{
	struct binds b;
	int end = p->to < t->opts.as_of ? p->to : t->opts.as_of, fm;

	memset(&b, 0, sizeof(b));
	date_format(p->from, b.v[B_FROM]);
	date_format(p->to + 1, b.v[B_TO1]);
	date_format(p->from - DL_ACCEPT_DAYS, b.v[B_AFROM]);
	date_format(p->to + 1 - DL_ACCEPT_DAYS, b.v[B_ATO1]);
	date_format(end + 1, b.v[B_END1]);
	b.tag = t->opts.resolution_tag;
	if (has_dim(&t->opts, DIM_WEEK) && week_fn(l, c) < 0)
		return -1;
	if (fig_stmts_schema(c, l) < 0)
		return -1;
	for (fm = 0; fm < FAM_OPEN; fm++)	/* one not counted: its cells stay empty */
		if (fam_counted(&t->opts, fm, c->before_disputes) &&
		    !(fm == FAM_RECEIVED && rides_matter(&t->opts, c->before_disputes)) &&
		    family(t, l, c, skip_below, fm, &b) < 0)
			return -1;
	if (!fam_counted(&t->opts, FAM_OPEN, c->before_disputes) &&
	    !fam_counted(&t->opts, FAM_BATCH, c->before_disputes))
		return 0;
	return count_open(t, l, c, skip_below, &b, p, end);
}

int
fig_families(void)
{
	return NFAMS;
}

const char *
fig_family_name(int k)
{
	return k >= 0 && k < NFAMS ? fam_names[k] : NULL;
}

int
fig_table_rollup(struct fig_table *t, const struct fig_table *fine)
{
	struct fig_opts o = t->opts;
	size_t pos[NDIMS], i, d, e;
	unsigned mask = 0;
	char *keys[NDIMS];
	int f, fm;

	for (d = 0; d < t->opts.nby; d++) {
		for (e = 0; e < fine->opts.nby && fine->opts.by[e] != t->opts.by[d]; e++)
			;
		if (e == fine->opts.nby)
			return -1;
		pos[d] = e;
	}
	o.distinct_only = 0;
	for (fm = 0; fm < NFAMS; fm++)
		if (fam_adds_up((enum fam)fm) && fam_counted(&o, (enum fam)fm, 0))
			mask |= 1u << fm;
	for (f = 0; f < NFIGS; f++)
		if (mask & (1u << figdefs[f].fam) && fine->have[f])
			t->have[f] = 1;
	for (i = 0; i < fine->ngroups; i++) {
		const struct fig_group *fg = &fine->groups[i];
		struct fig_group *g;
		if (!(fg->fams & mask))
			continue;
		for (d = 0; d < t->opts.nby; d++)
			keys[d] = fg->key[pos[d]];
		g = fig_group_get(t, keys);
		g->fams |= fg->fams & mask;
		for (f = 0; f < NFIGS; f++)
			if (mask & (1u << figdefs[f].fam))
				g->v[f] += fg->v[f];
	}
	return 0;
}

void
fig_stream_have(struct fig_table *t, const int *col)
{
	int f;
	for (f = 0; f < NFIGS; f++)
		if (figdefs[f].row && col[figdefs[f].col])
			t->have[f] = 1;
}

void
fig_count_row(struct fig_table *t, const struct fig_row *r, const struct period *p)
{
	char *keys[NDIMS], tagbuf[512], *tag = NULL, *save = NULL;
	struct fig_group *g;
	size_t d, tagdim = NDIMS;
	int f;

	if (p && (r->day < 0 || r->day < p->from || r->day > p->to))
		return;
	if (!fig_filter_pass(&t->opts.filter, r->val[DIM_REGION], r->val[DIM_UNIT],
			     r->val[DIM_CATEGORY], r->tags))
		return;
	for (d = 0; d < t->opts.nby; d++) {
		if (t->opts.by[d] == DIM_TAG)
			tagdim = d;
		keys[d] = (char *)(t->opts.by[d] != DIM_TAG && r->val[t->opts.by[d]]
				   ? r->val[t->opts.by[d]] : "");
	}
	if (tagdim < NDIMS) {
		snprintf(tagbuf, sizeof(tagbuf), "%s", r->tags ? r->tags : "");
		if (!(tag = strtok_r(tagbuf, ";", &save)))
			return;		/* by tag: an untagged case is in no group */
	}
	do {
		if (tagdim < NDIMS)
			keys[tagdim] = tag;
		g = fig_group_get(t, keys);
		for (f = 0; f < NFIGS; f++)
			if (figdefs[f].row)
				g->v[f] += figdefs[f].row(r);
	} while (tagdim < NDIMS && (tag = strtok_r(NULL, ";", &save)));
}

void
fig_table_add_total(struct fig_table *t, const struct fig_table *all)
{
	char *keys[NDIMS];
	struct fig_group *tot;
	size_t d;

	for (d = 0; d < t->opts.nby; d++)
		keys[d] = (char *)"total";
	tot = fig_group_get(t, keys);
	if (all->ngroups)
		memcpy(tot->v, all->groups[0].v, sizeof(tot->v));
}

void
fig_table_union(struct fig_table *t, const struct fig_table *before)
{
	size_t i;
	for (i = 0; i < before->ngroups; i++)
		fig_group_get(t, before->groups[i].key);
}

/* The month and week keys' shifts from before to now (fig_shift_time). */
static void
time_shifts(const struct period *now, const struct period *before, int *months, int *weeks)
{
	int y, m, d, yb, mb;

	date_to_ymd(now->from, &y, &m, &d);
	date_to_ymd(before->from, &yb, &mb, &d);
	*months = (y * 12 + m) - (yb * 12 + mb);
	*weeks = ((now->from - date_weekday(now->from)) -
		  (before->from - date_weekday(before->from))) / 7;
}

void
fig_shift_time(struct fig_table *t, const struct period *now, const struct period *before)
{
	size_t i, d;
	int months, weeks;

	time_shifts(now, before, &months, &weeks);
	for (d = 0; d < t->opts.nby; d++) {
		if (t->opts.by[d] != DIM_MONTH && t->opts.by[d] != DIM_WEEK)
			continue;
		for (i = 0; i < t->ngroups; i++) {
			int y, m, day;
			char *k = t->groups[i].key[d], buf[FIG_WEEK_BUF];
			if (t->opts.by[d] == DIM_MONTH) {
				if (strlen(k) != 7 || sscanf(k, "%4d-%2d", &y, &m) != 2)
					continue;
				date_to_ymd(date_add_months(date_from_ymd(y, m, 1), months), &y, &m,
					    &day);
				snprintf(k, 8, "%04d-%02d", y, m);
			} else {
				/* "2026-W38": its Monday, as many weeks on */
				if (strlen(k) != 8 || sscanf(k, "%4d-W%2d", &y, &m) != 2 ||
				    (day = date_iso_week_monday(y, m)) < 0)
					continue;
				memcpy(k, fig_iso_week(day + 7 * weeks, buf), 9);
			}
		}
	}
	free(t->slot);	/* keys changed */
	t->slot = NULL;
	t->nslot = 0;
}

/* One decimal, rounded half away from zero, and never "-0.0". */
static void
pct(double v, char *buf, size_t size)
{
	long tenths = (long)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
	snprintf(buf, size, "%s%ld.%ld", tenths < 0 ? "-" : "", labs(tenths) / 10,
		 labs(tenths) % 10);
}

char *
fig_rate(long num, long den, char *buf, size_t size)
{
	if (den == 0)
		buf[0] = '\0';
	else
		pct(100.0 * (double)num / (double)den, buf, size);
	return buf;
}

char *
fig_change(long now, long before, char *buf, size_t size)
{
	if (before == 0)
		buf[0] = '\0';
	else
		pct(100.0 * (double)(now - before) / (double)before, buf, size);
	return buf;
}
