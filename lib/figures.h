/* figures.h: the figures a petition bureau reports (SPEC §6), by group. */
#ifndef PT_FIGURES_H
#define PT_FIGURES_H

#include <stddef.h>
#include "date.h"
#include "ledger.h"

/* What figures can be grouped by. */
enum dim { DIM_CHANNEL, DIM_LEVEL, DIM_REGION, DIM_CATEGORY, DIM_UNIT, DIM_LEADER,
	   DIM_KIND, DIM_MONTH, DIM_TAG, NDIMS };

/*
 * The counts.  Each is counted on its own date within the period:
 *   batches .. joint_signers, frequent*   received in the period
 *   accept_due, timely_accepted           the 15-day acceptance deadline
 *   accepted                              the decision (accept or reject)
 *   due, on_time                          the deadline to conclude (到期应结)
 *   concluded .. resolved                 the day concluded
 *   red, yellow                           open at the period's end (or the
 *                                         as-of date, when earlier)
 */
enum fig {
	FIG_BATCHES, FIG_PERSONS, FIG_FIRST, FIG_REPEAT, FIG_REFERRED,
	FIG_COLLECTIVE, FIG_COLLECTIVE_PERSONS, FIG_JOINT_LETTERS, FIG_JOINT_SIGNERS,
	FIG_ACCEPTED, FIG_ACCEPT_DUE, FIG_TIMELY_ACCEPTED, FIG_DUE, FIG_ON_TIME,
	FIG_CONCLUDED, FIG_RATED, FIG_SATISFIED, FIG_TAGGED_CONCLUDED, FIG_RESOLVED,
	FIG_RED, FIG_YELLOW, FIG_FREQUENT, FIG_FREQUENT_CASES, NFIGS
};

/* The rates: numerator and denominator figures, percent with one decimal. */
enum rate {
	RATE_FIRST_SHARE, RATE_REPEAT_SHARE, RATE_REFERRED_SHARE,
	RATE_TIMELY_ACCEPT, RATE_ON_TIME, RATE_PARTICIPATION, RATE_SATISFACTION,
	RATE_RESOLUTION, NRATES
};

const char *fig_name(enum fig f);
const char *rate_name(enum rate r);
void rate_parts(enum rate r, enum fig *num, enum fig *den);
/* fig_after: the rate printed after figure f, or -1 (first_share after first). */
int fig_rate_after(enum fig f);

const char *dim_name(enum dim d);
int dim_parse(const char *s);	/* -1 when not a dimension */

struct fig_group {
	char *key[NDIMS];	/* the group's values, for the dims grouped by */
	long v[NFIGS];
};

struct fig_opts {
	size_t nby;
	enum dim by[NDIMS];
	int warn_days;		/* yellow: due within this many days (5) */
	const char *resolution_tag;	/* 化解率 is over cases with this tag (积案) */
	int as_of;
	/*
	 * volume_only: count the volume figures only (batches, persons, kinds,
	 * collective visits, joint letters), not frequent petitioners, the
	 * rates or the colours: a report's breakdown tables need no more.
	 */
	int volume_only;
};

/*
 * struct fig_table: groups and their counts.  have[f] says whether figure f
 * could be counted at all (a case stream may lack the columns).
 */
struct fig_table {
	struct fig_opts opts;
	struct fig_group *groups;
	size_t ngroups, alloc;
	int have[NFIGS];
	/*
	 * skip_below: when above 0, cases whose ext_id the attached table
	 * seen.seen (ext_id, ledger) holds from a ledger numbered below it are
	 * not counted: several ledgers count a case once.
	 */
	int skip_below;
};

void fig_table_init(struct fig_table *t, const struct fig_opts *o);
void fig_table_release(struct fig_table *t);

/* fig_group_get: the group with these key values (created when new). */
struct fig_group *fig_group_get(struct fig_table *t, char *const *keys);

/* fig_table_sort: order groups by their keys. */
void fig_table_sort(struct fig_table *t);

/*
 * fig_count_ledger: add the ledger's counts over period p into t.  Returns
 * 0, or -1 with l->err.
 */
int fig_count_ledger(struct fig_table *t, struct ledger *l, const struct period *p);

/*
 * fig_shift_months: add n months to every month key of t (so that the
 * groups of an earlier period line up with the current one's).
 */
void fig_shift_months(struct fig_table *t, int n);

/* fig_rate: 100 * num / den into buf with one decimal; "" when den is 0. */
char *fig_rate(long num, long den, char *buf, size_t size);

/* fig_change: percent change from before to now, one decimal; "" when before is 0. */
char *fig_change(long now, long before, char *buf, size_t size);

#endif
