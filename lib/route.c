/* route.c: the rules that name a case's unit, and how pt-assign routes a case. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "idcard.h"
#include "record.h"
#include "route.h"
#include "tabin.h"
#include "banned.h"

_Static_assert((int)ROUTE_REGION == LC_F_REGION && (int)ROUTE_CATEGORY == LC_F_CATEGORY &&
	       (int)ROUTE_CHANNEL == LC_F_CHANNEL && (int)ROUTE_LEVEL == LC_F_LEVEL &&
	       (int)ROUTE_LAW == LC_F_LAW, "a rule's facts are lc_facts' order");

const struct colspec route_cols[ROUTE_NCOLS] = {
	[ROUTE_REGION] = { "region", "问题属地", 0 },
	[ROUTE_CATEGORY] = { "category", "问题类别", 0 },
	[ROUTE_CHANNEL] = { "channel", "信访形式", 0 },
	[ROUTE_LEVEL] = { "level", "信访层级", 0 },
	[ROUTE_LAW] = { "law_related", "涉法涉诉", 0 },
	[ROUTE_UNIT] = { "unit", "责任单位", 1 },
	[ROUTE_LEADER] = { "leader", "包案领导", 0 },
	[ROUTE_PROCEDURE] = { "procedure", "程序", 0 },
};

void
route_rules_init(struct route_rules *r)
{
	memset(r, 0, sizeof(*r));
}

void
route_rules_free(struct route_rules *r)
{
	size_t i, c;

	for (i = 0; i < r->n; i++)
		for (c = 0; c < ROUTE_NCOLS; c++)
			free(r->rule[i].v[c]);
	free(r->rule);
	route_rules_init(r);
}

/* Record where and what went wrong; returns -2. */
static int __attribute__((format(printf, 4, 5)))
bad(struct route_rules *r, const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	snprintf(r->file, sizeof(r->file), "%s", file);
	r->line = line;
	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
	return -2;
}

/* The normal form of cell value s of column c, or NULL when it is none. */
static const char *
normal_value(size_t c, const char *s)
{
	int b;

	switch (c) {
	case ROUTE_CHANNEL:
		return rec_channel_parse(s);
	case ROUTE_LEVEL:
		return rec_level_parse(s);
	case ROUTE_LAW:
		b = rec_bool_parse(s);
		return b < 0 ? NULL : b ? "1" : "0";
	case ROUTE_PROCEDURE:
		return strcmp(s, "normal") && strcmp(s, "simplified") ? NULL : s;
	default:
		return s;
	}
}

/* The current row of t as a new rule of r: 0, -1 out of memory, -2 bad. */
static int
read_rule(struct route_rules *r, struct tabin *t, const char *path)
{
	struct route_rule *rule;
	const char *s, *v;
	char shown[256];	/* a value quoted in a message, numbers masked */
	size_t c;

	if (r->n == r->alloc) {
		size_t alloc = r->alloc ? r->alloc * 2 : 16;
		if (!(rule = realloc(r->rule, alloc * sizeof(*rule))))
			return -1;
		r->rule = rule;
		r->alloc = alloc;
	}
	rule = &r->rule[r->n];
	memset(rule, 0, sizeof(*rule));
	r->n++;
	for (c = 0; c < ROUTE_NCOLS; c++) {
		if (!(s = tabin_get(t, c)) || !strcmp(s, "*"))
			continue;
		if (!(v = normal_value(c, s)))
			return bad(r, tabin_name(t), t->row.line, "bad %s '%s'",
				   route_cols[c].name, mask_shown(s, shown, sizeof(shown)));
		if (!(rule->v[c] = strdup(v)))
			return -1;
	}
	if (!rule->v[ROUTE_UNIT])
		return bad(r, path, t->row.line, "a rule needs a unit");
	return 0;
}

/* Read the rows of t, opened on path, into r; 0, -1 or -2. */
static int
read_rules(struct route_rules *r, struct tabin *t, const char *path)
{
	const char *u;
	char shown[256];	/* the column's name quoted, numbers masked */
	int rc;

	/* pt-assign has no --ignore-unknown: an unknown column is refused here */
	if ((u = cli_unknown_column(t)))
		return bad(r, path, t->hdr.line, "unknown column '%s'",
			   mask_shown(u, shown, sizeof(shown)));
	while ((rc = tabin_next(t)) > 0) {
		if (rc == 2)
			return bad(r, path, t->row.line, "%s", t->err);
		if ((rc = read_rule(r, t, path)) < 0) {
			if (rc == -1)
				return bad(r, path, t->row.line, "%s", strerror(ENOMEM));
			return rc;
		}
	}
	return rc < 0 ? bad(r, path, 0, "%s", t->err) : 0;
}

int
route_rules_read(struct route_rules *r, const char *path, const char *encoding)
{
	struct tabin t;
	int rc = tabin_open(&t, path, encoding, route_cols, ROUTE_NCOLS, 1), saved;

	if (rc == -2)
		rc = bad(r, tabin_name(&t), t.hdr.line, "%s", t.err);
	else if (rc == 0)
		rc = read_rules(r, &t, path);
	saved = errno;
	tabin_close(&t);
	errno = saved;
	return rc;
}

const struct route_rule *
route_match(const struct route_rules *r, const struct lc_facts *f)
{
	size_t i, c;

	for (i = 0; r && i < r->n; i++) {
		for (c = ROUTE_REGION; c <= ROUTE_LAW; c++)
			if (r->rule[i].v[c] && (!f->v[c] || strcmp(r->rule[i].v[c], f->v[c])))
				break;
		if (c > ROUTE_LAW)
			return &r->rule[i];
	}
	return NULL;
}

/* Whether a and b differ, NULL being "". */
static int
differ(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* Which event moves cs to unit and leader, or ROUTE_UNCHANGED. */
static enum route_outcome
route_event(const struct route_ask *ask, const struct case_state *cs,
	    const char *unit, const char *leader)
{
	if (!strcmp(cs->stage, "registered")) {
		if (!ask->no_accept)
			return ROUTE_ACCEPT;
		return differ(cs->unit, unit) || differ(cs->leader, leader)
		       ? ROUTE_ASSIGN : ROUTE_UNCHANGED;
	}
	if (differ(cs->unit, unit))
		return ROUTE_TRANSFER;		/* 转办: the history stays in events */
	return leader && differ(cs->leader, leader) ? ROUTE_ASSIGN : ROUTE_UNCHANGED;
}

static const enum lc_ev route_events[] = {
	[ROUTE_ACCEPT] = LC_ACCEPT, [ROUTE_ASSIGN] = LC_ASSIGN, [ROUTE_TRANSFER] = LC_TRANSFER,
};

enum route_outcome
route_choose(const struct route_ask *ask, const struct case_state *cs,
	     const struct lc_facts *f, int date, const char *unit, const char *leader,
	     const char *procedure, struct lc_event *ev)
{
	const struct route_rule *r;
	enum route_outcome o;

	if (strcmp(cs->stage, "registered") && strcmp(cs->stage, "in_progress"))
		return ROUTE_NOT_OPEN;
	/*
	 * A row's unit is an instruction only when it names another unit:
	 * pt-overdue's output carries the unit a case has now, and
	 * `pt-overdue | pt-assign --unit Y` must re-route it.
	 */
	if (unit && !strcmp(unit, cs->unit)) {
		unit = NULL;
		if (leader && !strcmp(leader, cs->leader))
			leader = NULL;
	}
	if (!unit)
		unit = ask->unit;
	if (!unit && (r = route_match(ask->rules, f))) {
		unit = r->v[ROUTE_UNIT];
		if (!leader)
			leader = r->v[ROUTE_LEADER];
		if (!procedure)
			procedure = r->v[ROUTE_PROCEDURE];
	}
	if (!leader)
		leader = ask->leader;
	if (!procedure)
		procedure = ask->procedure;
	if (!unit && *cs->unit) {
		unit = cs->unit;	/* routed before (--no-accept): accept it there */
		if (!leader && *cs->leader)
			leader = cs->leader;
	}
	if (!unit)
		return ROUTE_UNMATCHED;
	if ((o = route_event(ask, cs, unit, leader)) == ROUTE_UNCHANGED)
		return o;
	memset(ev, 0, sizeof(*ev));
	ev->event = lc_event_names[route_events[o]];
	ev->date = date >= 0 ? date : ask->date;
	ev->days = -1;
	ev->resolved = -1;
	ev->unit = unit;
	ev->leader = leader;
	ev->procedure = procedure;
	ev->by = ask->by;
	return o;
}

enum route_outcome
route_case(struct lc_session *s, const struct route_ask *ask, int64_t id,
	   int date, const char *unit, const char *leader, const char *procedure,
	   struct case_state *cs, struct lc_facts *f)
{
	struct lc_event ev;
	struct case_state n;
	enum route_outcome o;
	int rc = lc_session_case(s, id, cs, f);

	if (rc <= 0)
		return rc < 0 ? ROUTE_FAILED : ROUTE_NO_CASE;
	o = route_choose(ask, cs, f, date, unit, leader, procedure, &ev);
	if (o > ROUTE_TRANSFER)
		return o;
	n = *cs;
	if (lc_apply(&n, &ev, &s->cal, s->as_of, s->err, sizeof(s->err)) < 0)
		return ROUTE_REFUSED;
	/*
	 * Routing a registered case without accepting it (--no-accept) is the
	 * office's paperwork, no step of the case: it leaves the case's last
	 * event where it was, so that the acceptance, rejection or transfer
	 * decided before the routing was recorded can still be dated so.
	 */
	if (o == ROUTE_ASSIGN && !strcmp(cs->stage, "registered"))
		n.last_event = cs->last_event;
	if (lc_save(&s->db, &n, &ev) < 0)
		return ROUTE_FAILED;
	*cs = n;
	return o;
}

int
route_ask_check(const struct route_ask *ask, char *err, size_t errsize)
{
	if (ask->procedure && strcmp(ask->procedure, "normal") &&
	    strcmp(ask->procedure, "simplified"))
		snprintf(err, errsize, "unknown procedure '%s' (normal, simplified)",
			 ask->procedure);
	else if (ask->unit && strlen(ask->unit) >= LC_TEXT)
		snprintf(err, errsize, "--unit is longer than %d bytes", LC_TEXT - 1);
	else if (ask->leader && strlen(ask->leader) >= LC_TEXT)
		snprintf(err, errsize, "--leader is longer than %d bytes", LC_TEXT - 1);
	else
		return 0;
	return -1;
}
