/* calendar.c: working days over the holiday calendar, and deadlines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "cli.h"
#include "date.h"
#include "idcard.h"
#include "tabin.h"
#include "util.h"
#include "banned.h"

void
calendar_init(struct calendar *cal)
{
	memset(cal, 0, sizeof(*cal));
}

void
calendar_release(struct calendar *cal)
{
	free(cal->holidays);
	free(cal->workdays);
	free(cal->years);
	calendar_init(cal);
}

static void
push(int **v, size_t *n, int day)
{
	/* grow by powers of two: n is a power of two when full */
	if ((*n & (*n - 1)) == 0)
		*v = xrealloc(*v, (*n ? *n * 2 : 16) * sizeof(**v));
	(*v)[(*n)++] = day;
}

int
calendar_add(struct calendar *cal, int day, const char *kind)
{
	if (!strcmp(kind, "holiday"))
		push(&cal->holidays, &cal->nholidays, day);
	else if (!strcmp(kind, "workday"))
		push(&cal->workdays, &cal->nworkdays, day);
	else
		return -1;
	return 0;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* year_of: the year of a day number. */
static int
year_of(int day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return y;
}

/* add_years: push the years of v[0..n) (sorted) not pushed yet. */
static void
add_years(struct calendar *cal, const int *v, size_t n)
{
	size_t i;
	int y, last = 0;

	for (i = 0; i < n; i++)
		if ((y = year_of(v[i])) != last) {
			push(&cal->years, &cal->nyears, y);
			last = y;
		}
}

void
calendar_sort(struct calendar *cal)
{
	size_t i, k;

	if (cal->nholidays)
		qsort(cal->holidays, cal->nholidays, sizeof(int), cmp_int);
	if (cal->nworkdays)
		qsort(cal->workdays, cal->nworkdays, sizeof(int), cmp_int);
	free(cal->years);
	cal->years = NULL;
	cal->nyears = 0;
	add_years(cal, cal->holidays, cal->nholidays);
	add_years(cal, cal->workdays, cal->nworkdays);
	if (cal->nyears < 2)
		return;
	qsort(cal->years, cal->nyears, sizeof(int), cmp_int);
	for (i = k = 1; i < cal->nyears; i++)
		if (cal->years[i] != cal->years[k - 1])
			cal->years[k++] = cal->years[i];
	cal->nyears = k;
}

static int
has(const int *v, size_t n, int day)
{
	return n && bsearch(&day, v, n, sizeof(int), cmp_int) != NULL;
}

int
calendar_covers(const struct calendar *cal, int year)
{
	return has(cal->years, cal->nyears, year);
}

/* The public holidays of a fixed date (元旦, 劳动节, 国庆), by month and day. */
static int
fixed_holiday(int m, int d)
{
	return (m == 1 && d == 1) || (m == 5 && d <= 2) || (m == 10 && d <= 3);
}

/*
 * workday: calendar_is_workday, with *gap the day's year when cal does not
 * cover it, else 0.
 */
static int
workday(const struct calendar *cal, int day, int *gap)
{
	int y, m, d;

	*gap = 0;
	if (has(cal->workdays, cal->nworkdays, day))
		return 1;
	if (has(cal->holidays, cal->nholidays, day))
		return 0;
	date_to_ymd(day, &y, &m, &d);
	if (!calendar_covers(cal, y)) {
		*gap = y;
		if (fixed_holiday(m, d))
			return 0;
	}
	return date_weekday(day) <= 5;
}

int
calendar_is_workday(const struct calendar *cal, int day)
{
	int gap;

	return workday(cal, day, &gap);
}

static void (*uncovered_hook)(int year, void *arg);
static void *uncovered_arg;

void
calendar_set_uncovered_hook(void (*fn)(int year, void *arg), void *arg)
{
	uncovered_hook = fn;
	uncovered_arg = arg;
}

/* count: the day n working days after start; *first the first uncovered year met. */
static int
count(const struct calendar *cal, int start, int n, int report, int *first)
{
	int day = start, gap, last = 0;

	*first = 0;
	while (n > 0) {
		day++;
		if (workday(cal, day, &gap))
			n--;
		if (gap && gap != last) {
			if (!*first)
				*first = gap;
			if (report && uncovered_hook)
				uncovered_hook(gap, uncovered_arg);
			last = gap;
		}
	}
	return day;
}

int
calendar_add_workdays(const struct calendar *cal, int start, int n)
{
	int first;

	return count(cal, start, n, 1, &first);
}

int
calendar_uncovered(const struct calendar *cal, int start, int n)
{
	int first;

	count(cal, start, n, 0, &first);
	return first;
}

int
calendar_load_ledger(struct calendar *cal, struct ledger *l)
{
	sqlite3_stmt *st;
	int rc, day;

	calendar_init(cal);
	if (!(st = ledger_prepare(l, "SELECT date, kind FROM calendar")))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 0);
		const char *k = (const char *)sqlite3_column_text(st, 1);
		if (d && k && date_parse(d, &day, NULL) == 0)
			calendar_add(cal, day, k);
	}
	if (rc != SQLITE_DONE) {
		ledger_fail(l);
		sqlite3_finalize(st);
		calendar_release(cal);
		return -1;
	}
	sqlite3_finalize(st);
	calendar_sort(cal);
	return 0;
}

static int
store(sqlite3_stmt *st, struct ledger *l, const int *v, size_t n, const char *kind)
{
	char buf[DATE_BUF];
	size_t i;

	for (i = 0; i < n; i++) {
		sqlite3_bind_text(st, 1, date_format(v[i], buf), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_reset(st);
			return ledger_fail(l);
		}
		sqlite3_reset(st);
	}
	return 0;
}

/* drop: delete the ledger's days of each year cal covers. */
static int
drop(const struct calendar *cal, struct ledger *l)
{
	sqlite3_stmt *st;
	char from[DATE_BUF], to[DATE_BUF];
	size_t i;
	int rc = SQLITE_DONE;

	if (!(st = ledger_prepare(l, "DELETE FROM calendar WHERE date >= ?1 AND date <= ?2")))
		return -1;
	for (i = 0; i < cal->nyears && rc == SQLITE_DONE; i++) {
		sqlite3_bind_text(st, 1, date_format(date_from_ymd(cal->years[i], 1, 1), from),
				  -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, date_format(date_from_ymd(cal->years[i], 12, 31), to),
				  -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	if (rc != SQLITE_DONE)
		ledger_fail(l);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
calendar_store(const struct calendar *cal, struct ledger *l)
{
	sqlite3_stmt *st;
	int rc;

	if (drop(cal, l) < 0)
		return -1;
	if (!(st = ledger_prepare(l, "INSERT OR REPLACE INTO calendar (date, kind) VALUES (?1, ?2)")))
		return -1;
	rc = store(st, l, cal->holidays, cal->nholidays, "holiday");
	if (rc == 0)
		rc = store(st, l, cal->workdays, cal->nworkdays, "workday");
	sqlite3_finalize(st);
	return rc;
}

int
deadline_progress(const struct calendar *cal, int accepted, int simplified,
		  int extended, int ref_due)
{
	int due = simplified ? calendar_add_workdays(cal, accepted, DL_SIMPLE_WORKDAYS)
			     : accepted + DL_CONCLUDE_DAYS;
	due += extended;
	if (ref_due >= 0 && ref_due < due)
		due = ref_due;
	return due;
}

#ifndef PT_DATADIR
#define PT_DATADIR "/usr/local/share/pt"
#endif

const char *
calendar_default_path(void)
{
	static char path[4096];
	const char *dir;

	if (!*path) {
		dir = getenv("PT_DATADIR");
		snprintf(path, sizeof(path), "%s/calendar-cn.csv", dir && *dir ? dir : PT_DATADIR);
	}
	return path;
}

/* A day read from a calendar file, and its line, to find days listed twice. */
struct seen {
	int day;
	long line;
};

static int
cmp_seen(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	if (x->day != y->day)
		return (x->day > y->day) - (x->day < y->day);
	return (x->line > y->line) - (x->line < y->line);
}

/*
 * The first line (by line number) that repeats a day of an earlier line,
 * among the n days read; 0 when none does.  *first: that earlier line.
 */
static long
first_repeat(struct seen *v, size_t n, long *first, int *day)
{
	long best = 0;
	size_t i;

	if (n < 2)
		return 0;
	qsort(v, n, sizeof(*v), cmp_seen);
	for (i = 1; i < n; i++)
		if (v[i].day == v[i - 1].day && (!best || v[i].line < best)) {
			best = v[i].line;
			*first = v[i - 1].line;
			*day = v[i].day;
		}
	return best;
}

/*
 * open_file: tabin_open for a calendar file, whose unknown columns are
 * refused (no tool skips them in a calendar).  Returns 0, or tabin_open's
 * -1 or -2 with err and *line set and t closed.
 */
static int
open_file(struct tabin *t, const char *path, char *err, size_t errsize, long *line)
{
	static const struct colspec spec[] = {
		{ "date", "日期", 1 }, { "kind", "类型", 1 },
	};
	const char *u;
	char shown[256];
	int rc = tabin_open(t, path, NULL, spec, 2, 1);

	if (rc == 0 && (u = cli_unknown_column(t))) {
		snprintf(err, errsize, "unknown column '%s'", mask_shown(u, shown, sizeof(shown)));
		rc = -2;
	} else if (rc < 0) {
		snprintf(err, errsize, "%s", t->err);
	}
	if (rc < 0) {
		*line = t->hdr.line;
		tabin_close(t);
	}
	return rc;
}

int
calendar_read_file(struct calendar *cal, const char *path, char *err,
		   size_t errsize, long *line)
{
	static const char *const wday[] = { "", "Monday", "Tuesday", "Wednesday",
					    "Thursday", "Friday" };
	struct tabin t;
	struct seen *seen = NULL;
	size_t nseen = 0, alloc = 0;
	long dup, first = 0;
	char buf[DATE_BUF], shown[256];
	int rc, day, dupday = 0, bad = 0;

	calendar_init(cal);
	if ((rc = open_file(&t, path, err, errsize, line)) < 0)
		return rc;
	while ((rc = tabin_next(&t)) > 0) {
		const char *d = tabin_get(&t, 0), *k = tabin_get(&t, 1);
		*line = t.row.line;
		bad = 1;
		if (rc == 2) {
			snprintf(err, errsize, "%s", t.err);
			break;
		}
		if (!d || date_parse(d, &day, NULL) < 0) {
			snprintf(err, errsize, "bad date '%s' in column date",
				 d ? mask_shown(d, shown, sizeof(shown)) : "");
			break;
		}
		if (!k || calendar_add(cal, day, k) < 0) {
			snprintf(err, errsize, "unknown kind '%s' (holiday, workday)",
				 k ? mask_shown(k, shown, sizeof(shown)) : "");
			break;
		}
		/*
		 * A make-up working day (调休) is a Saturday or Sunday; a weekday
		 * marked workday is a mistake in the file.  A weekend day marked
		 * holiday is what the notices list inside a holiday: harmless.
		 */
		if (!strcmp(k, "workday") && date_weekday(day) <= 5) {
			snprintf(err, errsize, "workday %s is a %s: a make-up working day "
				 "is a Saturday or Sunday", date_format(day, buf),
				 wday[date_weekday(day)]);
			break;
		}
		if (nseen == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			seen = xrealloc(seen, alloc * sizeof(*seen));
		}
		seen[nseen].day = day;
		seen[nseen++].line = t.row.line;
		bad = 0;
	}
	if (rc < 0) {
		bad = 1;
		*line = t.row.end_line > 0 ? t.row.end_line : t.hdr.line;
		snprintf(err, errsize, "%s", t.err);
	}
	tabin_close(&t);
	/* a day listed twice, when that comes before any other error */
	if ((dup = first_repeat(seen, nseen, &first, &dupday)) && (!bad || dup < *line)) {
		*line = dup;
		snprintf(err, errsize, "%s is listed twice (also on line %ld)",
			 date_format(dupday, buf), first);
		bad = 1;
	}
	free(seen);
	if (bad) {
		calendar_release(cal);
		return -2;
	}
	calendar_sort(cal);
	return 0;
}
