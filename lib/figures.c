/* figures.c: counting SPEC §6's figures over a ledger, in SQL, by group. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "util.h"
#include "banned.h"

static const char *const fig_names[NFIGS] = {
	"batches", "persons", "first", "repeat", "referred", "collective",
	"collective_persons", "joint_letters", "joint_signers", "accepted",
	"accept_due", "timely_accepted", "due", "on_time", "concluded", "rated",
	"satisfied", "resolution_cases", "resolved", "red", "yellow", "frequent",
	"frequent_cases",
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
	[RATE_RESOLUTION] = { "resolution_rate", FIG_RESOLVED, FIG_TAGGED_CONCLUDED,
			      FIG_RESOLVED },
};

static const char *const dim_names[NDIMS] = {
	"channel", "level", "region", "category", "unit", "leader", "kind", "month", "tag",
};

const char *
fig_name(enum fig f)
{
	return fig_names[f];
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
	t->groups = NULL;
	t->ngroups = t->alloc = 0;
}

struct fig_group *
fig_group_get(struct fig_table *t, char *const *keys)
{
	size_t i, d;
	struct fig_group *g;

	for (i = 0; i < t->ngroups; i++) {
		for (d = 0; d < t->opts.nby; d++)
			if (strcmp(t->groups[i].key[d], keys[d]))
				break;
		if (d == t->opts.nby)
			return &t->groups[i];
	}
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
}

/* The SQL for grouping: select list and join, with ref as the month's date. */
static void
group_sql(const struct fig_opts *o, const char *ref, struct strbuf *sel, int *tag)
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
		case DIM_MONTH: strbuf_addf(sel, "substr(%s, 1, 7)", ref); break;
		case DIM_TAG: strbuf_adds(sel, "t.tag"); *tag = 1; break;
		case NDIMS: break;
		}
		strbuf_adds(sel, ", ");
	}
}

/*
 * Run one family of figures: SELECT <groups>, <aggs> FROM <from> c
 * WHERE <where> GROUP BY <groups>, binding the strings in binds as ?1...
 */
static int
family(struct fig_table *t, struct ledger *l, const char *ref, const char *from,
       const char *where, const char *aggs, const enum fig *figs, size_t nfigs,
       const char *const *binds, size_t nbinds)
{
	struct strbuf sql, sel;
	sqlite3_stmt *st;
	char *keys[NDIMS];
	size_t i, nby = t->opts.nby;
	int tag, rc;

	strbuf_init(&sql);
	strbuf_init(&sel);
	group_sql(&t->opts, ref, &sel, &tag);
	strbuf_addf(&sql, "SELECT %s%s FROM %s c%s WHERE %s", sel.buf, aggs, from,
		    tag ? " JOIN case_tags t ON t.case_ref = c.id" : "", where);
	if (t->skip_below > 0)
		strbuf_addf(&sql, " AND (c.ext_id IS NULL OR NOT EXISTS (SELECT 1"
			    " FROM seen.seen s WHERE s.ext_id = c.ext_id AND s.ledger < %d))",
			    t->skip_below);
	if (nby) {
		strbuf_adds(&sql, " GROUP BY ");
		for (i = 0; i < nby; i++)
			strbuf_addf(&sql, "%s%zu", i ? ", " : "", i + 1);
	}
	st = ledger_prepare(l, sql.buf);
	strbuf_release(&sql);
	strbuf_release(&sel);
	if (!st)
		return -1;
	for (i = 0; i < nbinds; i++)
		sqlite3_bind_text(st, (int)i + 1, binds[i], -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fig_group *g;
		for (i = 0; i < nby; i++) {
			const char *k = (const char *)sqlite3_column_text(st, (int)i);
			keys[i] = (char *)(k ? k : "");
		}
		g = fig_group_get(t, keys);
		for (i = 0; i < nfigs; i++)
			g->v[figs[i]] += sqlite3_column_int64(st, (int)(nby + i));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return ledger_fail(l);
	for (i = 0; i < nfigs; i++)
		t->have[figs[i]] = 1;
	return 0;
}

/* Red and yellow among the cases open at the end of day end. */
static int
open_at(struct fig_table *t, struct ledger *l, int end)
{
	static const enum fig figs[] = { FIG_RED, FIG_YELLOW };
	char e[DATE_BUF], e1[DATE_BUF], ew[DATE_BUF], month[8];
	const char *binds[4] = { e, e1, ew, month };
	/* the office's deadline at the time: accept by received + 15 until decided */
	static const char dl[] =
		"(CASE WHEN c.decided IS NULL OR c.decided >= ?2"
		" THEN date(c.received, '+15 days') ELSE c.conclude_due END)";
	char aggs[512];

	date_format(end, e);
	date_format(end + 1, e1);
	date_format(end + t->opts.warn_days, ew);
	snprintf(month, sizeof(month), "%.7s", e);
	snprintf(aggs, sizeof(aggs), "sum(%s < ?1), sum(%s >= ?1 AND %s <= ?3)", dl, dl, dl);
	return family(t, l, "?4", "cases", 
		"c.id IN (SELECT id FROM cases WHERE open = 1"
		" UNION ALL SELECT id FROM cases WHERE concluded >= ?2"
		" UNION ALL SELECT id FROM cases WHERE closed >= ?2)"
		" AND c.received < ?2 AND (c.concluded IS NULL OR c.concluded >= ?2)"
		" AND (c.closed IS NULL OR c.closed >= ?2)",
		aggs, figs, 2, binds, 4);
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

int
fig_count_ledger(struct fig_table *t, struct ledger *l, const struct period *p)
{
	static const enum fig f1[] = {
		FIG_BATCHES, FIG_PERSONS, FIG_FIRST, FIG_REPEAT, FIG_REFERRED,
		FIG_COLLECTIVE, FIG_COLLECTIVE_PERSONS, FIG_JOINT_LETTERS,
		FIG_JOINT_SIGNERS, FIG_FREQUENT, FIG_FREQUENT_CASES,
	};
	static const enum fig f2a[] = { FIG_ACCEPT_DUE, FIG_TIMELY_ACCEPTED };
	static const enum fig f2b[] = { FIG_ACCEPTED };
	static const enum fig f3[] = { FIG_DUE, FIG_ON_TIME };
	static const enum fig f4[] = { FIG_CONCLUDED, FIG_RATED, FIG_SATISFIED,
				       FIG_TAGGED_CONCLUDED, FIG_RESOLVED };
	char from[DATE_BUF], to1[DATE_BUF], afrom[DATE_BUF], ato1[DATE_BUF], end1[DATE_BUF];
	const char *b1[] = { from, to1, end1 };
	const char *b2[] = { afrom, ato1 };
	const char *b4[] = { from, to1, t->opts.resolution_tag };
	int end = p->to < t->opts.as_of ? p->to : t->opts.as_of, m;

	date_format(p->from, from);
	date_format(p->to + 1, to1);
	date_format(p->from - 15, afrom);
	date_format(p->to + 1 - 15, ato1);
	date_format(end + 1, end1);

	if (family(t, l, "c.received", "cases", "c.received >= ?1 AND c.received < ?2",
		   "count(*), sum(c.persons), sum(c.kind = 'first'), sum(c.kind = 'repeat'),"
		   " sum(c.kind = 'referred'), sum(c.collective),"
		   " sum(CASE WHEN c.collective THEN c.persons ELSE 0 END),"
		   " sum(c.channel = 'letter' AND c.persons > 1),"
		   " sum(CASE WHEN c.channel = 'letter' AND c.persons > 1 THEN c.persons ELSE 0 END)",
		   f1, 9, b1, 2) < 0)
		return -1;
	if (t->opts.volume_only)
		return 0;
	/* n, the case's place in its matter, is only compared with 3: count two earlier at most */
	if (family(t, l, "c.received",
		   "(SELECT cc.*, coalesce(cc.first_case, cc.id) AS matter,"
		   " 1 + (SELECT count(*) FROM (SELECT 1 FROM cases x WHERE x.first_case ="
		   " coalesce(cc.first_case, cc.id) AND x.received < ?3 LIMIT 2)) AS n"
		   " FROM cases cc WHERE cc.received >= ?1 AND cc.received < ?2)",
		   "1", "count(DISTINCT CASE WHEN c.n >= 3 THEN c.matter END), sum(c.n >= 3)",
		   f1 + 9, 2, b1, 3) < 0)
		return -1;
	if (family(t, l, "date(c.received, '+15 days')", "cases",
		   "c.received >= ?1 AND c.received < ?2",
		   "count(*), sum(c.decided IS NOT NULL AND c.decided <= date(c.received, '+15 days'))",
		   f2a, 2, b2, 2) < 0)
		return -1;
	if (family(t, l, "c.decided", "cases", "c.decided >= ?1 AND c.decided < ?2",
		   "count(*)", f2b, 1, b1, 2) < 0)
		return -1;
	if (family(t, l, "c.conclude_due", "cases",
		   "c.conclude_due >= ?1 AND c.conclude_due < ?2",
		   "count(*), sum(c.concluded IS NOT NULL AND c.concluded <= c.conclude_due)",
		   f3, 2, b1, 2) < 0)
		return -1;
	if (family(t, l, "c.concluded", "cases", "c.concluded >= ?1 AND c.concluded < ?2",
		   "count(*), sum(c.rating IS NOT NULL),"
		   " sum(c.rating = 'satisfied' OR c.rating = 'basic'),"
		   " sum(EXISTS (SELECT 1 FROM case_tags g WHERE g.case_ref = c.id AND g.tag = ?3)),"
		   " sum(c.resolved = 1 AND EXISTS (SELECT 1 FROM case_tags g"
		   " WHERE g.case_ref = c.id AND g.tag = ?3))",
		   f4, 5, b4, 3) < 0)
		return -1;
	if (!has_dim(&t->opts, DIM_MONTH))
		return end >= p->from ? open_at(t, l, end) : 0;
	/* by month: red and yellow at each month's end */
	m = p->from;
	while (m <= end) {
		int y, mo, d, me;
		date_to_ymd(m, &y, &mo, &d);
		me = date_from_ymd(y, mo, date_days_in_month(y, mo));
		if (open_at(t, l, me < end ? me : end) < 0)
			return -1;
		m = me + 1;
	}
	return 0;
}

void
fig_shift_months(struct fig_table *t, int n)
{
	size_t i, d;
	for (d = 0; d < t->opts.nby; d++) {
		if (t->opts.by[d] != DIM_MONTH)
			continue;
		for (i = 0; i < t->ngroups; i++) {
			int y, m, day;
			char *k = t->groups[i].key[d];
			if (strlen(k) != 7 || sscanf(k, "%4d-%2d", &y, &m) != 2)
				continue;
			date_to_ymd(date_add_months(date_from_ymd(y, m, 1), n), &y, &m, &day);
			snprintf(k, 8, "%04d-%02d", y, m);
		}
	}
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
