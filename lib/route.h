/* route.h: routing cases to units: the rules file, and pt-assign's choice. */
#ifndef PT_ROUTE_H
#define PT_ROUTE_H

#include <stddef.h>
#include <stdint.h>
#include "colmap.h"
#include "lifecycle.h"

/*
 * The rules file's columns.  region..law_related are a case's facts, in
 * the order of struct lc_facts; unit (required), leader and procedure are
 * what a matching rule gives.
 */
enum { ROUTE_REGION, ROUTE_CATEGORY, ROUTE_CHANNEL, ROUTE_LEVEL, ROUTE_LAW,
       ROUTE_UNIT, ROUTE_LEADER, ROUTE_PROCEDURE, ROUTE_NCOLS };
extern const struct colspec route_cols[ROUTE_NCOLS];

/* One rule: each value normalised (channel, level, law_related "1"/"0"); NULL matches anything. */
struct route_rule {
	char *v[ROUTE_NCOLS];
};

struct route_rules {
	struct route_rule *rule;
	size_t n, alloc;
	char file[256];		/* where the error is: the file, */
	long line;		/* its line (0: none), */
	char err[512];		/* and what */
};

/* route_rules_init: an empty set of rules (which matches no case). */
void route_rules_init(struct route_rules *r);

/*
 * route_rules_read: read the rules file at path (encoding NULL: UTF-8) into
 * r, after its rules.  "*" or an empty cell matches anything; a channel,
 * level, law_related or procedure that is none of theirs, a rule without a
 * unit, an unknown column or a malformed row is an error.  Returns 0; -1
 * when the file cannot be opened (errno; EINVAL: unknown encoding); -2 for
 * bad data, with r->file, r->line and r->err.  The rules read before an
 * error stay in r: route_rules_free them either way.
 */
int route_rules_read(struct route_rules *r, const char *path, const char *encoding);

/* route_rules_free: free the rules; r is empty again. */
void route_rules_free(struct route_rules *r);

/*
 * route_match: the first rule whose every value is NULL or equal to the
 * case's fact (f->v, by ROUTE_REGION..ROUTE_LAW), or NULL.  The rule is r's.
 */
const struct route_rule *route_match(const struct route_rules *r, const struct lc_facts *f);

/* What pt-assign is told, for every case (NULL or 0: not told). */
struct route_ask {
	const struct route_rules *rules;
	const char *unit, *leader, *procedure;	/* --unit, --leader, --procedure */
	int no_accept;				/* route only, never accept */
	int date;				/* the events' date */
	const char *by;
};

/*
 * route_ask_check: 0 when every case could take ask's procedure (normal
 * or simplified), unit and leader (each shorter than LC_TEXT bytes), else
 * -1 with the option at fault in err ("--unit is longer than 255 bytes").
 */
int route_ask_check(const struct route_ask *ask, char *err, size_t errsize);

/* What routing does with a case, and why it does nothing. */
enum route_outcome {
	ROUTE_FAILED = -1,	/* the ledger failed: s->l.err */
	ROUTE_ACCEPT,		/* accepted (受理) at the unit */
	ROUTE_ASSIGN,		/* given a unit or lead official (交办) */
	ROUTE_TRANSFER,		/* moved to another unit (转办) */
	ROUTE_UNCHANGED,	/* already where it would go */
	ROUTE_UNMATCHED,	/* nothing names a unit */
	ROUTE_NOT_OPEN,		/* neither registered nor in progress */
	ROUTE_NO_CASE,		/* no such case */
	ROUTE_REFUSED,		/* the event does not fit: s->err */
};

/*
 * route_choose: the event that routes the case cs (facts f) as ask says,
 * dated date (-1: ask's date), the row's own unit, leader and procedure
 * (NULL: none) winning: the
 * row's unit only when it is not the case's own; then --unit; then the
 * first rule that matches; a case routed before keeps its unit.  A
 * registered case is accepted (assigned with no_accept), one in progress
 * transferred to another unit or assigned another leader.  Fills *ev
 * (strings: the arguments', the rules' or cs's) for ROUTE_ACCEPT,
 * ROUTE_ASSIGN and ROUTE_TRANSFER; else returns ROUTE_UNCHANGED,
 * ROUTE_UNMATCHED or ROUTE_NOT_OPEN.  No ledger, no failure.
 */
enum route_outcome route_choose(const struct route_ask *ask, const struct case_state *cs,
				const struct lc_facts *f, int date, const char *unit,
				const char *leader, const char *procedure,
				struct lc_event *ev);

/*
 * route_case: route case id in the session's open (or a new) transaction:
 * load it and its facts, route_choose (date: the row's date, -1 for
 * ask's), and record the event (lc_apply, lc_save; the reason of a
 * refusal in s->err).  The assign that routes a registered case without
 * accepting it leaves the case's last_event as it was: an acceptance
 * dated before the routing still applies.  *cs and *f are the case as it
 * is then (saved when ROUTE_ACCEPT, ROUTE_ASSIGN or ROUTE_TRANSFER), *f
 * valid until the next call or lc_session_commit.
 */
enum route_outcome route_case(struct lc_session *s, const struct route_ask *ask,
			      int64_t id, int date, const char *unit, const char *leader,
			      const char *procedure, struct case_state *cs,
			      struct lc_facts *f);

#endif
