/* figures.h: the figures a petition bureau reports, by group, from a ledger or a case stream. */
#ifndef PT_FIGURES_H
#define PT_FIGURES_H

#include <stddef.h>
#include "date.h"
#include "ledger.h"
#include "util.h"

/* What figures can be grouped by. */
enum dim { DIM_CHANNEL, DIM_LEVEL, DIM_REGION, DIM_CATEGORY, DIM_UNIT, DIM_LEADER,
	   DIM_KIND, DIM_MONTH, DIM_TAG, DIM_WEEK, DIM_REFERRED_BY, DIM_SOURCE,
	   DIM_LAW_RELATED, DIM_PROCEDURE, DIM_STAGE, DIM_RECEIVER, DIM_LEDGER, NDIMS };

/*
 * The counts.  Each is counted on its own date within the period:
 *   batches .. joint_signers, frequent*   received in the period
 *   accept_due, timely_accepted           the 15-day acceptance deadline
 *   accepted                              the decision (accept or reject)
 *   due, on_time                          the deadline to conclude (到期应结)
 *   concluded .. satisfied, bureau_*      the day concluded
 *   red, yellow                           open at the period's end (or the
 *                                         as-of date, when earlier)
 *   resolution_cases, resolved, resolving the cases carrying the resolution
 *                                         tag received by that end: the
 *                                         batch's progress, so far
 *   reception_*                           received in the period, with a
 *                                         receiver (the leader at the visit)
 *   reviews .. changed                    the events' own dates (voided
 *                                         events never count)
 *   found, dispute_resolved               disputes (dispute = 1) received in
 *                                         the period; resolved by its end
 * Every figure but the last two counts petitions only (petition_cases);
 * those two count disputes only, and only they are counted with
 * fig_opts.disputes.
 */
enum fig {
	FIG_BATCHES, FIG_PERSONS, FIG_FIRST, FIG_REPEAT, FIG_REFERRED,
	FIG_COLLECTIVE, FIG_COLLECTIVE_PERSONS, FIG_JOINT_LETTERS, FIG_JOINT_SIGNERS,
	FIG_ACCEPTED, FIG_ACCEPT_DUE, FIG_TIMELY_ACCEPTED, FIG_DUE, FIG_ON_TIME,
	FIG_CONCLUDED, FIG_RATED, FIG_SATISFIED, FIG_RESOLUTION_CASES, FIG_RESOLVED,
	FIG_RED, FIG_YELLOW, FIG_FREQUENT, FIG_FREQUENT_CASES,
	FIG_RESOLVING, FIG_RECEPTION_SESSIONS, FIG_RECEPTION_LEADERS, FIG_RECEPTION_BATCHES,
	FIG_RECEPTION_PERSONS, FIG_BUREAU_RATED, FIG_BUREAU_SATISFIED,
	FIG_REVIEWS, FIG_REVIEWS_ANSWERED, FIG_RECHECKS, FIG_RECHECKS_ANSWERED,
	FIG_UPHELD, FIG_REVOKED, FIG_CHANGED,
	FIG_FOUND, FIG_DISPUTE_RESOLVED, NFIGS
};

/* The rates: numerator and denominator figures, percent with one decimal. */
enum rate {
	RATE_FIRST_SHARE, RATE_REPEAT_SHARE, RATE_REFERRED_SHARE,
	RATE_TIMELY_ACCEPT, RATE_ON_TIME, RATE_PARTICIPATION, RATE_SATISFACTION,
	RATE_RESOLUTION, RATE_BUREAU_SATISFACTION, RATE_DISPUTE_RESOLUTION, NRATES
};

/* fig_name: figure f's column name ("batches"); a static string. */
const char *fig_name(enum fig f);

/* rate_name: rate r's column name ("first_share"); a static string. */
const char *rate_name(enum rate r);

/* rate_parts: the figures rate r is num over den of, into *num and *den. */
void rate_parts(enum rate r, enum fig *num, enum fig *den);

/* fig_rate_after: the rate printed after figure f, or -1 (first_share after first). */
int fig_rate_after(enum fig f);

/* dim_name: dimension d's name ("channel"), as --by takes it; a static string. */
const char *dim_name(enum dim d);

/* dim_parse: the dimension named s, or -1 when s names none. */
int dim_parse(const char *s);

struct fig_group {
	char *key[NDIMS];	/* the group's values, for the dims grouped by */
	long v[NFIGS];
	unsigned fams;		/* the families (figures.c) a ledger gave it a row of */
};

/*
 * struct fig_filter: only the cases with one of these values count (a
 * district's own bulletin).  Each list holds at most FIG_FILTER_MAX values
 * (the pointers are the caller's, kept as they are); an empty list lets
 * every case through; lists together: a case must pass each.
 */
#define FIG_FILTER_MAX 16
enum fig_filter_col { FF_REGION, FF_UNIT, FF_CATEGORY, FF_TAG, NFF };
struct fig_filter {
	const char *v[NFF][FIG_FILTER_MAX];
	size_t n[NFF];
};

/* The filters' long options, numbered from base in the order of enum fig_filter_col. */
#define FIG_FILTER_LONGOPTS(base) \
	{ "region", required_argument, NULL, (base) + FF_REGION }, \
	{ "unit", required_argument, NULL, (base) + FF_UNIT }, \
	{ "category", required_argument, NULL, (base) + FF_CATEGORY }, \
	{ "tag", required_argument, NULL, (base) + FF_TAG }

/*
 * fig_filter_add: add value v to the list of column c (v is kept, not
 * copied).  Returns 0, or -1 when the list holds FIG_FILTER_MAX already.
 */
int fig_filter_add(struct fig_filter *f, enum fig_filter_col c, const char *v);

/* fig_filter_pass: 1 when a case with these values (tags ";"-separated; NULL: none) passes f. */
int fig_filter_pass(const struct fig_filter *f, const char *region, const char *unit,
		    const char *category, const char *tags);

/*
 * fig_filter_sql: append to sql the conditions of f on a case c, as
 * " AND c.region IN (SELECT value FROM json_each(?11))", one for each list
 * given (nothing for an empty filter): region ?11, unit ?12, category
 * ?13, tag ?14 (the parameters below are a statement's own).
 * fig_filter_bind: bind each of f's lists to st as a JSON array of its
 * values (SQLite copies them).  Neither fails.
 */
void fig_filter_sql(const struct fig_filter *f, struct strbuf *sql);
void fig_filter_bind(const struct fig_filter *f, sqlite3_stmt *st);

struct fig_opts {
	size_t nby;
	enum dim by[NDIMS];
	int warn_days;		/* yellow: due within this many days (DL_WARN_DAYS) */
	const char *resolution_tag;	/* 化解率 is over cases with this tag (积案) */
	int as_of;
	/*
	 * volume_only: count the volume figures only (batches, persons, kinds,
	 * collective visits, joint letters), not frequent petitioners, the
	 * rates or the colours: a report's breakdown tables need no more.
	 */
	int volume_only;
	/*
	 * rates_only: what a ranking of units (月考评) needs: the three
	 * rates (accept_due and timely_accepted, due and on_time, rated and
	 * satisfied, with the rest of their families), the cases received
	 * and decided, and the colours and the batch (so every unit with a
	 * case open is listed, unless no_open); not frequent petitioners,
	 * receptions or reviews.  A ledger only; a stream counts everything.
	 */
	int rates_only;
	/*
	 * no_open: not the cases open at the end (red, yellow) nor the
	 * batch: the ranking of the period before shows ranks only.
	 */
	int no_open;
	/*
	 * distinct_only: only the families with a figure that does not add
	 * up over groups (frequent petitioners, reception sessions and
	 * leaders, with the rest of their families); fig_table_rollup gives
	 * the others from a table grouped finer.
	 */
	int distinct_only;
	/* family: 1 + the one family to count (fig_family_name), for a benchmark; 0: every one */
	int family;
	struct fig_filter filter;	/* only the cases passing it count */
	/* disputes: count the disputes' own figures (found, resolved) only */
	int disputes;
};

/*
 * The families of figures: the figures counted on the same date over the
 * same cases, by one statement of their own on a ledger.
 * fig_families: how many; fig_family_name: family k's name ("received",
 * "open" ...), NULL past the last.
 */
int fig_families(void);
const char *fig_family_name(int k);

/* fig_shown: whether a table counted with o prints figure f (petition or dispute figures). */
int fig_shown(const struct fig_opts *o, enum fig f);

/*
 * struct fig_table: groups and their counts.  have[f] says whether figure f
 * could be counted at all (a case stream may lack the columns).
 */
struct fig_table {
	struct fig_opts opts;
	struct fig_group *groups;
	size_t ngroups, alloc;
	/* the groups by their keys: 1 + a group's index, 0 free; NULL until asked */
	size_t *slot, nslot;
	int have[NFIGS];
	const char *ledger;	/* the --by ledger key of the ledger counted now */
};

/* fig_table_init: an empty table counting with options o (copied). */
void fig_table_init(struct fig_table *t, const struct fig_opts *o);

/* fig_table_release: free t's groups and keys; t is empty after, and may be reused. */
void fig_table_release(struct fig_table *t);

/*
 * fig_group_get: the group with these key values (t->opts.nby of them;
 * copied), created with zero counts when new.  The pointer is t's, valid
 * until the next group is created.
 */
struct fig_group *fig_group_get(struct fig_table *t, char *const *keys);

/* fig_table_sort: order t's groups by their keys (strcmp, dim by dim). */
void fig_table_sort(struct fig_table *t);

/* Where counts go: a table, and the period it counts (NULL: every row of a stream). */
struct fig_target {
	struct fig_table *t;
	const struct period *p;
};

/*
 * struct fig_stmts: the statements a ledger's counting has prepared, one
 * per figure family and grouping, kept and reused for every period counted
 * on that connection (so a period and its comparison share them).
 */
struct fig_stmts {
	struct fig_stmt *v;
	size_t n, alloc;
	int week_fn;		/* the SQL function pt_iso_week is registered */
	int schema;		/* the ledger's schema was looked at: */
	int before_disputes;	/* it is from before migration 6 (no petition_cases) */
};

/*
 * fig_stmts_schema: look, once per c, at which schema l has: on a ledger
 * from before migration 6, set c->before_disputes and make petition_cases
 * a temporary view of all its cases (the ledger is not written).  The
 * figures that need migration 6 (receptions, reviews, disputes) are then
 * not counted (empty cells).  fig_stmt_get calls it first.  0, or -1
 * with l->err.
 */
int fig_stmts_schema(struct fig_stmts *c, struct ledger *l);

/* fig_iso_week: the ISO week of day, "2026-W48" (its Thursday's year), into buf; returns buf. */
#define FIG_WEEK_BUF 16
char *fig_iso_week(int day, char *buf);

/*
 * fig_count_ledger: add the ledger's counts over period p into t, with the
 * statements in c (prepared into it when new; c starts zeroed and is freed
 * by fig_stmts_release before l closes).  skip_below: when above 0, cases
 * whose ext_id the attached table seen.seen (ext_id, ledger) holds from a
 * ledger numbered below it are not counted (several ledgers count a case
 * once).  Returns 0, or -1 with l->err.
 */
int fig_count_ledger(struct fig_table *t, struct ledger *l, struct fig_stmts *c,
		     int skip_below, const struct period *p);

/*
 * fig_stmt_get: the statement for sql on l, from c when prepared before
 * (reset, ready to bind), else prepared now and kept in c.  NULL with
 * l->err on failure.  The statement is c's: do not finalize it.
 */
sqlite3_stmt *fig_stmt_get(struct fig_stmts *c, struct ledger *l, const char *sql);

/* fig_stmts_release: finalize and forget every statement in c. */
void fig_stmts_release(struct fig_stmts *c);

/*
 * One case of a case stream, as the stream columns give it (NULL: no such
 * column or an empty value): what the figures count a stream row by.
 */
struct fig_row {
	int day;		/* received, or -1 */
	long persons;
	const char *kind, *color, *tags;	/* tags: ";"-separated */
	const char *val[NDIMS];	/* the group values; val[DIM_TAG] unused */
	int collective, joint;
};

/* The stream columns figures need; FIG_COL_ANY: none, a row is enough. */
enum fig_col { FIG_COL_ANY, FIG_COL_PERSONS, FIG_COL_KIND, FIG_COL_COLOR, FIG_COL_NONE };

/*
 * fig_stream_have: mark in t->have the figures a stream can count, col[c]
 * saying whether it has column c (enum fig_col).
 */
void fig_stream_have(struct fig_table *t, const int *col);

/*
 * fig_count_row: count one stream row into t when it falls in p (NULL:
 * always) and passes t's filter; by tag, once for each of its tags, and
 * not at all untagged.
 */
void fig_count_row(struct fig_table *t, const struct fig_row *r, const struct period *p);

/*
 * fig_table_add_total: add to t a group whose every key is "total", with
 * the counts of all's first group (all: the same figures counted without
 * grouping; a sum of the groups would count a case in two tags twice).
 */
void fig_table_add_total(struct fig_table *t, const struct fig_table *all);

/*
 * fig_table_rollup: add into t the counts of fine, counted from a ledger
 * over the same period with the same filter and grouped by more dims (each
 * of t's among them): every group of fine into t's group of the same keys
 * for t's dims, the figures that add up of each family t counts (with
 * t->opts.distinct_only, those it leaves out).  t gets a group where fine
 * has one with a row of such a family, as counting t from the ledger would
 * give it.  Returns 0, or -1 when a dim of t is not one of fine's.
 */
int fig_table_rollup(struct fig_table *t, const struct fig_table *fine);

/* fig_table_union: give t a group (zero counts) for each group only before has. */
void fig_table_union(struct fig_table *t, const struct fig_table *before);

/*
 * fig_shift_time: move t's month and week keys, counted over the period
 * before, onto now's, so that their groups line up: a month by the months
 * between the periods' first days, a week by the weeks between the Mondays
 * of their weeks (2026-09 with 2025-09 or 2026-08 by month, 2025-W36 with
 * 2026-W36; 2026-09-16..2026-10-15 with the 30 days before, August's days
 * beside September's).
 */
void fig_shift_time(struct fig_table *t, const struct period *now, const struct period *before);

/* fig_rate: 100 * num / den into buf with one decimal; "" when den is 0.  Returns buf. */
char *fig_rate(long num, long den, char *buf, size_t size);

/* fig_change: percent change from before to now, one decimal; "" when before is 0.  Returns buf. */
char *fig_change(long now, long before, char *buf, size_t size);

#endif
