/* overdue.c: the four colours of supervision and the listing of cases by colour. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "lifecycle.h"
#include "overdue.h"
#include "statute.h"
#include "util.h"
#include "banned.h"

static const char *const color_names[OD_NCOLORS] = { "red", "yellow", "blue", "green" };
static const char *const color_names_zh[OD_NCOLORS] = { "红", "黄", "蓝", "绿" };

const char *
od_color_name(enum od_color c)
{
	return color_names[c];
}

int
od_colors_parse(const char *list, int want[OD_NCOLORS])
{
	char buf[128], *p, *save = NULL;
	int c;

	snprintf(buf, sizeof(buf), "%s", list);
	memset(want, 0, OD_NCOLORS * sizeof(*want));
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		for (c = 0; c < OD_NCOLORS; c++)
			if (!strcmp(p, color_names[c]) || !strcmp(p, color_names_zh[c]))
				break;
		if (c == OD_NCOLORS)
			return -1;
		want[c] = 1;
	}
	return 0;
}

enum od_color
od_color_of(const char *stage, int due, int as_of, long warn_days)
{
	if (!lc_stage_is_office(stage) || due < 0)
		return OD_GREEN;
	if (due < as_of)
		return OD_RED;
	if (due - as_of <= warn_days)
		return OD_YELLOW;
	return OD_BLUE;
}

/* The columns of a query, in this order: see fill(). */
#define SELECT_COLS "id, stage, due, unit, leader, region, category, received," \
	" channel, name, phone, kind, procedure, stage_start"

/*
 * The cases, petitions and disputes told apart by their column dispute:
 * the temporary view od_cases (nothing is written to the ledger); on a
 * ledger from before disputes were kept, all its cases are petitions.  0,
 * or -1 with l->err.
 */
static int
population(struct ledger *l)
{
	sqlite3_stmt *st = ledger_prepare(l, "SELECT count(*) FROM pragma_table_info('cases')"
					  " WHERE name = 'dispute'");
	int rc, kept;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	kept = rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return ledger_fail(l);
	if (kept)
		return ledger_exec(l, "CREATE TEMP VIEW IF NOT EXISTS od_cases AS"
				   " SELECT * FROM main.cases");
	return ledger_exec(l, "CREATE TEMP VIEW IF NOT EXISTS od_cases AS"
			   " SELECT *, 0 AS dispute FROM main.cases");
}

/*
 * prepare: the statement over the cases where `where` holds and the
 * filters match, petitions or (q->disputes) disputes, by due date then
 * id; with a limit, ?4 is that day.
 */
static sqlite3_stmt *
prepare(struct od_scan *s, const char *where, int bind_limit, int limit)
{
	char sql[1024], day[DATE_BUF];
	sqlite3_stmt *st;

	snprintf(sql, sizeof(sql),
		 "SELECT " SELECT_COLS " FROM od_cases WHERE %s AND dispute = ?5"
		 " AND (?1 IS NULL OR unit = ?1) AND (?2 IS NULL OR leader = ?2)"
		 " AND (?3 IS NULL OR region = ?3) ORDER BY due, id", where);
	if (!(st = ledger_prepare(s->l, sql)))
		return NULL;
	if (sqlite3_bind_int(st, 5, s->q->disputes != 0) ||
	    (s->q->unit && sqlite3_bind_text(st, 1, s->q->unit, -1, SQLITE_STATIC)) ||
	    (s->q->leader && sqlite3_bind_text(st, 2, s->q->leader, -1, SQLITE_STATIC)) ||
	    (s->q->region && sqlite3_bind_text(st, 3, s->q->region, -1, SQLITE_STATIC)) ||
	    (bind_limit && sqlite3_bind_text(st, 4, date_format(limit, day), -1,
					     SQLITE_TRANSIENT))) {
		ledger_fail(s->l);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/*
 * The open cases: all of them when blue is listed; else those due by the
 * end of the warning days (yellow) or before the day (red); with neither,
 * the red ones still, for the exit status.  The others only for green.
 */
int
od_scan_begin(struct od_scan *s, struct ledger *l, const struct od_query *q)
{
	const int *w = q->want;

	memset(s, 0, sizeof(*s));
	s->l = l;
	s->q = q;
	calendar_init(&s->cal);
	if (ledger_exec(l, "BEGIN") < 0)
		return -1;
	if (calendar_load_ledger(&s->cal, l) < 0 || population(l) < 0)
		return -1;
	if (w[OD_BLUE])
		s->st[0] = prepare(s, "open = 1", 0, 0);
	else if (w[OD_RED] || w[OD_YELLOW])
		s->st[0] = prepare(s, "open = 1 AND due <= ?4", 1,
				   q->as_of + (w[OD_YELLOW] ? (int)q->warn_days : -1));
	else
		s->st[0] = prepare(s, "open = 1 AND due < ?4", 1, q->as_of);
	if (!s->st[0])
		return -1;
	if (w[OD_GREEN] && !(s->st[1] = prepare(s, "open = 0", 0, 0)))
		return -1;
	return 0;
}

static const char *
text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

/* fill: *c from the current row of st (SELECT_COLS), coloured. */
static void
fill(const struct od_scan *s, sqlite3_stmt *st, struct od_case *c)
{
	int due = -1, start;

	c->stage = text(st, 1);
	c->due = text(st, 2);
	if (c->due && date_parse(c->due, &due, NULL) < 0)
		due = -1;
	c->color = od_color_of(c->stage, due, s->q->as_of, s->q->warn_days);
	c->has_left = c->color != OD_GREEN && due >= 0;
	c->days_left = c->has_left ? due - s->q->as_of : 0;
	c->id = sqlite3_column_int64(st, 0);
	c->unit = text(st, 3);
	c->leader = text(st, 4);
	c->region = text(st, 5);
	c->category = text(st, 6);
	c->received = text(st, 7);
	c->channel = text(st, 8);
	c->name = text(st, 9);
	c->phone = text(st, 10);
	c->kind = text(st, 11);
	c->procedure = text(st, 12);
	/* a deadline in working days, counted over a year the calendar lacks */
	c->uncovered = 0;
	if (c->stage && !strcmp(c->stage, "in_progress") && c->procedure &&
	    !strcmp(c->procedure, "simplified") && text(st, 13) &&
	    date_parse(text(st, 13), &start, NULL) == 0)
		c->uncovered = calendar_uncovered(&s->cal, start, DL_SIMPLE_WORKDAYS);
}

int
od_scan_next(struct od_scan *s, struct od_case *c)
{
	int rc;

	while (s->pass < 2 && s->st[s->pass]) {
		while ((rc = sqlite3_step(s->st[s->pass])) == SQLITE_ROW) {
			fill(s, s->st[s->pass], c);
			if (c->color == OD_RED)
				s->reds++;
			if (s->q->want[c->color])
				return 1;
		}
		if (rc != SQLITE_DONE)
			return ledger_fail(s->l);
		s->pass++;
	}
	return 0;
}

int
od_scan_end(struct od_scan *s)
{
	int i, rc = 0;

	for (i = 0; i < 2; i++) {
		sqlite3_finalize(s->st[i]);
		s->st[i] = NULL;
	}
	calendar_release(&s->cal);
	if (s->l && ledger_commit(s->l) < 0)
		rc = -1;
	s->l = NULL;
	return rc;
}

void
od_summary_add(struct od_summary *sum, const char *unit, enum od_color c)
{
	size_t i;

	unit = unit ? unit : "";
	for (i = 0; i < sum->nunits; i++)
		if (!strcmp(sum->units[i].unit, unit))
			break;
	if (i == sum->nunits) {
		if (sum->nunits == sum->aunits) {
			sum->aunits = sum->aunits ? sum->aunits * 2 : 32;
			sum->units = xrealloc(sum->units, sum->aunits * sizeof(*sum->units));
		}
		memset(&sum->units[i], 0, sizeof(sum->units[i]));
		sum->units[i].unit = xstrdup(unit);
		sum->nunits++;
	}
	sum->units[i].n[c]++;
}

static int
cmp_units(const void *a, const void *b)
{
	const struct od_unit *x = a, *y = b;

	if (x->n[OD_RED] != y->n[OD_RED])
		return x->n[OD_RED] < y->n[OD_RED] ? 1 : -1;
	if (x->n[OD_YELLOW] != y->n[OD_YELLOW])
		return x->n[OD_YELLOW] < y->n[OD_YELLOW] ? 1 : -1;
	return strcmp(x->unit, y->unit);
}

void
od_summary_sort(struct od_summary *sum)
{
	if (sum->nunits)
		qsort(sum->units, sum->nunits, sizeof(*sum->units), cmp_units);
}

void
od_summary_release(struct od_summary *sum)
{
	size_t i;

	for (i = 0; i < sum->nunits; i++)
		free(sum->units[i].unit);
	free(sum->units);
	memset(sum, 0, sizeof(*sum));
}
