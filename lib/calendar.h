/* calendar.h: the holiday calendar and working-day deadlines. */
#ifndef PT_CALENDAR_H
#define PT_CALENDAR_H

#include "ledger.h"
#include "statute.h"

/*
 * The calendar lists public holidays and make-up working days (调休: a
 * Saturday or Sunday that is worked), as the State Council publishes them.
 * Any other Saturday or Sunday is a day off; any other day is a working
 * day.  The ledger keeps the calendar (table calendar), so every tool works
 * deadlines from the same one.
 */
struct calendar {
	int *holidays, *workdays;	/* sorted day numbers */
	size_t nholidays, nworkdays;
	int *years;			/* the years it covers, sorted (calendar_sort) */
	size_t nyears;
};

/*
 * calendar_init: an empty calendar, owning no memory.  calendar_release:
 * free what cal owns and leave it empty, as calendar_init does; cal may
 * be empty already.  Neither fails.
 */
void calendar_init(struct calendar *cal);
void calendar_release(struct calendar *cal);

/* calendar_add: one day of kind "holiday" or "workday"; -1 for another kind. */
int calendar_add(struct calendar *cal, int day, const char *kind);

/*
 * calendar_sort: sort after adding (calendar_add keeps no order), and work
 * out the years the calendar covers: every year it lists a day of (the
 * State Council's notice for a year lists at least the Spring Festival).
 */
void calendar_sort(struct calendar *cal);

/* calendar_covers: 1 when cal lists a day of year (calendar_sort), else 0. */
int calendar_covers(const struct calendar *cal, int year);

/*
 * calendar_is_workday: 1 when day is a working day, else 0.  In a year the
 * calendar does not cover, the fixed-date public holidays (1 January, 1-2
 * May, 1-3 October) are days off; the lunar ones and the make-up working
 * days cannot be known, so the other weekdays are working days.
 */
int calendar_is_workday(const struct calendar *cal, int day);

/*
 * calendar_add_workdays: the day on which n working days after start have
 * passed (start itself not counted: a case accepted on Friday with 1
 * working day is due on Monday).  When a day counted is in a year cal
 * does not cover, the hook set by calendar_set_uncovered_hook is called
 * with that year (once per year per call).
 */
int calendar_add_workdays(const struct calendar *cal, int start, int n);

/*
 * calendar_set_uncovered_hook: have calendar_add_workdays call fn(year,
 * arg) for each year a count needs and the calendar does not cover, so
 * that the tool can warn (the library prints nothing).  fn NULL: no hook
 * (the default).  One hook for the process.
 */
void calendar_set_uncovered_hook(void (*fn)(int year, void *arg), void *arg);

/*
 * calendar_uncovered: the first year, among the days counted for n working
 * days after start, that cal does not cover; 0 when it covers them all.
 * Calls no hook.
 */
int calendar_uncovered(const struct calendar *cal, int start, int n);

/*
 * calendar_load_ledger: read the ledger's calendar into cal (initialised
 * here, sorted).  Returns 0, or -1 with l->err set and cal left empty.
 */
int calendar_load_ledger(struct calendar *cal, struct ledger *l);

/*
 * calendar_store: replace, in the ledger's calendar, the years cal covers
 * (calendar_sort) with cal's days; the other years stay as they are.
 * Inside the caller's transaction.  Returns 0, or -1 with l->err set.
 */
int calendar_store(const struct calendar *cal, struct ledger *l);

/*
 * calendar_default_path: the calendar make install puts in the data
 * directory, $PT_DATADIR/calendar-cn.csv when PT_DATADIR is set and not
 * empty, else the directory compiled in (-DPT_DATADIR).  A static string,
 * worked out on the first call.  Never fails (the file may not exist).
 */
const char *calendar_default_path(void);

/*
 * calendar_read_file: read a calendar file (CSV date,kind; kind holiday or
 * workday) into cal (initialised here).  Returns 0; -1 when the file cannot
 * be opened (errno); -2 when a line is wrong: err says what, *line where
 * (the first wrong line).  Wrong are: a bad date or kind, a workday that
 * is not a Saturday or Sunday, and a date listed twice (of either kind).
 * A Saturday or Sunday listed as a holiday is accepted.  On -2, cal is
 * left empty.
 */
int calendar_read_file(struct calendar *cal, const char *path, char *err,
		       size_t errsize, long *line);

/*
 * deadline_progress: the deadline to conclude a case accepted on accepted:
 * 60 days, or 10 working days under the simplified procedure, plus an
 * extension of extended days; a referring level's due (ref_due, -1 when
 * none) wins when it is earlier.  The day of acceptance is not counted.
 */
int deadline_progress(const struct calendar *cal, int accepted, int simplified,
		      int extended, int ref_due);

#endif
