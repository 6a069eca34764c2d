/* t-calendar: unit tests of lib/calendar.c: working days over the State
 * Council's holiday calendar (testdata/calendar-cn.csv), and deadlines.
 * Every expected date below is counted by hand from the notices quoted in
 * testdata/calendar-cn.sources (国办发明电〔2023〕7号, 〔2024〕12号,
 * 〔2025〕7号), not from the code under test. */
#include <stdlib.h>
#include <unistd.h>

#include "calendar.h"
#include "date.h"
#include "tap.h"

#define MAXDAYS 1024

static const char *
fmt(int day)
{
	static char buf[2][DATE_BUF];
	static int i;
	i = !i;
	return date_format(day, buf[i]);
}

static int
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/*
 * load: read TESTDATA/calendar-cn.csv into cal with calendar_add, and every
 * date (of both kinds) into all[], the workdays into work[].  Returns the
 * number of data lines, or -1 when the file is missing or a line is wrong.
 */
static int
load(struct calendar *cal, int *all, int *nall, int *work, int *nwork)
{
	const char *dir = getenv("TESTDATA");
	char path[4096], line[256], kind[32];
	int y, m, d, n = 0, lineno = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/calendar-cn.csv", dir && *dir ? dir : "testdata");
	if (!(f = fopen(path, "r"))) {
		printf("# cannot open %s\n", path);
		return -1;
	}
	*nall = *nwork = 0;
	while (fgets(line, sizeof(line), f)) {
		if (++lineno == 1)
			continue;	/* header date,kind */
		if (sscanf(line, "%d-%d-%d,%31[a-z]", &y, &m, &d, kind) != 4 ||
		    !date_valid_ymd(y, m, d) || *nall >= MAXDAYS) {
			printf("# %s:%d: bad line: %s", path, lineno, line);
			fclose(f);
			return -1;
		}
		if (calendar_add(cal, ymd(y, m, d), kind) < 0) {
			printf("# %s:%d: calendar_add refused kind '%s'\n", path, lineno, kind);
			fclose(f);
			return -1;
		}
		all[(*nall)++] = ymd(y, m, d);
		if (!strcmp(kind, "workday"))
			work[(*nwork)++] = ymd(y, m, d);
		n++;
	}
	fclose(f);
	calendar_sort(cal);
	return n;
}

/*
 * try_file: write text to a temporary file and read it with
 * calendar_read_file.  Returns its answer; err and *line as it left them.
 */
static int
try_file(const char *text, struct calendar *cal, char *err, size_t errsize, long *line)
{
	char path[] = "/tmp/t-calendar.XXXXXX";
	int fd = mkstemp(path), rc;
	FILE *f;

	*line = -1;
	*err = '\0';
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		printf("# cannot create %s\n", path);
		return -99;
	}
	fputs(text, f);
	fclose(f);
	rc = calendar_read_file(cal, path, err, errsize, line);
	unlink(path);
	return rc;
}

int
main(void)
{
	static int all[MAXDAYS], work[MAXDAYS];
	struct calendar cal, empty;
	int nall, nwork, n, i, bad;
	int acc;

	calendar_init(&cal);
	n = load(&cal, all, &nall, work, &nwork);
	ok(n > 0, "testdata/calendar-cn.csv loads (%d entries)", n);
	if (n <= 0) {
		calendar_release(&cal);
		return tap_done();
	}
	ok(cal.nholidays + cal.nworkdays == (size_t)n,
	   "every line went into the calendar (%zu holidays, %zu workdays)",
	   cal.nholidays, cal.nworkdays);

	/* --- the file itself is sane --- */

	/* A make-up working day (调休上班) is by definition a weekend day. */
	for (bad = 0, i = 0; i < nwork; i++)
		if (date_weekday(work[i]) < 6) {
			printf("# workday %s falls on weekday %d\n", fmt(work[i]), date_weekday(work[i]));
			bad++;
		}
	ok(bad == 0 && nwork > 0, "every workday entry is a Saturday or Sunday (%d of them)", nwork);

	/* No date may be listed twice (not even once of each kind). */
	qsort(all, nall, sizeof(int), cmp_int);
	for (bad = 0, i = 1; i < nall; i++)
		if (all[i] == all[i - 1]) {
			printf("# %s appears twice\n", fmt(all[i]));
			bad++;
		}
	ok(bad == 0, "no date appears twice");

	/* --- calendar_is_workday --- */

	/* 2025-03-08 is a Saturday in no notice: an ordinary weekend day off. */
	ok(date_weekday(ymd(2025, 3, 8)) == 6, "2025-03-08 is a Saturday");
	ok(!calendar_is_workday(&cal, ymd(2025, 3, 8)), "ordinary Saturday 2025-03-08 is off");
	/* 2025-03-09, its Sunday, likewise. */
	ok(!calendar_is_workday(&cal, ymd(2025, 3, 9)), "ordinary Sunday 2025-03-09 is off");
	/* 2025-03-12 is a Wednesday in no notice: an ordinary working day. */
	ok(date_weekday(ymd(2025, 3, 12)) == 3, "2025-03-12 is a Wednesday");
	ok(calendar_is_workday(&cal, ymd(2025, 3, 12)), "ordinary Wednesday 2025-03-12 is on");
	/* 2024 notice, 国庆节: 10月1日至7日放假; 10-01 is a Tuesday, yet off. */
	ok(date_weekday(ymd(2024, 10, 1)) == 2, "2024-10-01 is a Tuesday");
	ok(!calendar_is_workday(&cal, ymd(2024, 10, 1)), "2024-10-01 National Day is off");
	/* 2024 notice, 国庆节: 10月12日(星期六)上班. */
	ok(date_weekday(ymd(2024, 10, 12)) == 6, "2024-10-12 is a Saturday");
	ok(calendar_is_workday(&cal, ymd(2024, 10, 12)), "2024-10-12 make-up Saturday is on");
	/* 2025 notice, 春节: 1月26日(周日)上班. */
	ok(date_weekday(ymd(2025, 1, 26)) == 7, "2025-01-26 is a Sunday");
	ok(calendar_is_workday(&cal, ymd(2025, 1, 26)), "2025-01-26 make-up Sunday is on");
	/* 2026 notice, 春节: 2月15日至23日放假; 02-16 is a Monday, yet off. */
	ok(date_weekday(ymd(2026, 2, 16)) == 1, "2026-02-16 is a Monday");
	ok(!calendar_is_workday(&cal, ymd(2026, 2, 16)), "2026-02-16 Spring Festival is off");
	/* 2026 notice, 春节: 2月28日(周六)上班. */
	ok(date_weekday(ymd(2026, 2, 28)) == 6, "2026-02-28 is a Saturday");
	ok(calendar_is_workday(&cal, ymd(2026, 2, 28)), "2026-02-28 make-up Saturday is on");
	/* 2025 notice: 1月1日(周三)放假1天, 不调休 — a holiday on a Wednesday. */
	ok(!calendar_is_workday(&cal, ymd(2025, 1, 1)), "2025-01-01 New Year (Wednesday) is off");

	/* --- calendar_add_workdays --- */

	/* A plain week: Fri 2025-03-07 + 1 working day skips Sat 8 and Sun 9
	 * (in no notice) and lands on Mon 2025-03-10. */
	is_str(fmt(calendar_add_workdays(&cal, ymd(2025, 3, 7), 1)), "2025-03-10",
	       "plain week: Friday + 1 = Monday");
	/* Fri 2025-03-07 + 5 = Fri 2025-03-14 (Mon 10 .. Fri 14). */
	is_str(fmt(calendar_add_workdays(&cal, ymd(2025, 3, 7), 5)), "2025-03-14",
	       "plain week: Friday + 5 = next Friday");

	/* 2024 National Day, from Fri 2024-09-27, counting by hand:
	 *   Sat 09-28 off; Sun 09-29 make-up (上班) = 1; Mon 09-30 = 2;
	 *   Tue 10-01 .. Mon 10-07 holiday; Tue 10-08 = 3; Wed 10-09 = 4;
	 *   Thu 10-10 = 5; Fri 10-11 = 6; Sat 10-12 make-up (上班) = 7;
	 *   Sun 10-13 off; Mon 10-14 = 8; Tue 10-15 = 9; Wed 10-16 = 10. */
	is_str(fmt(calendar_add_workdays(&cal, ymd(2024, 9, 27), 1)), "2024-09-29",
	       "2024-09-27 + 1 = the make-up Sunday 2024-09-29");
	is_str(fmt(calendar_add_workdays(&cal, ymd(2024, 9, 27), 3)), "2024-10-08",
	       "2024-09-27 + 3 jumps the National Day week to 2024-10-08");
	is_str(fmt(calendar_add_workdays(&cal, ymd(2024, 9, 27), 7)), "2024-10-12",
	       "2024-09-27 + 7 = the make-up Saturday 2024-10-12");
	is_str(fmt(calendar_add_workdays(&cal, ymd(2024, 9, 27), 10)), "2024-10-16",
	       "2024-09-27 + 10 across National Day = 2024-10-16");
	/* From Mon 2024-09-30 (itself a working day, not counted) + 1: the
	 * next working day is Tue 10-08, after the seven days off. */
	is_str(fmt(calendar_add_workdays(&cal, ymd(2024, 9, 30), 1)), "2024-10-08",
	       "2024-09-30 + 1 = 2024-10-08");

	/* 2026 Spring Festival, from Fri 2026-02-13:
	 *   Sat 02-14 make-up (上班) = 1; Sun 02-15 .. Mon 02-23 holiday;
	 *   Tue 02-24 = 2; Wed 25 = 3; Thu 26 = 4; Fri 27 = 5;
	 *   Sat 02-28 make-up (上班) = 6; Sun 03-01 off; Mon 03-02 = 7;
	 *   Tue 03-03 = 8; Wed 03-04 = 9; Thu 03-05 = 10. */
	is_str(fmt(calendar_add_workdays(&cal, ymd(2026, 2, 13), 1)), "2026-02-14",
	       "2026-02-13 + 1 = the make-up Saturday 2026-02-14");
	is_str(fmt(calendar_add_workdays(&cal, ymd(2026, 2, 14), 1)), "2026-02-24",
	       "2026-02-14 + 1 jumps the Spring Festival to 2026-02-24");
	is_str(fmt(calendar_add_workdays(&cal, ymd(2026, 2, 13), 6)), "2026-02-28",
	       "2026-02-13 + 6 = the make-up Saturday 2026-02-28");
	is_str(fmt(calendar_add_workdays(&cal, ymd(2026, 2, 13), 10)), "2026-03-05",
	       "2026-02-13 + 10 across the Spring Festival = 2026-03-05");
	/* From a day inside the holiday, Wed 2026-02-18: the first working day
	 * after it is Tue 02-24. */
	is_str(fmt(calendar_add_workdays(&cal, ymd(2026, 2, 18), 1)), "2026-02-24",
	       "from inside the Spring Festival + 1 = 2026-02-24");

	/* 2025 New Year (1月1日(周三)放假1天, 不调休): from Tue 2024-12-31
	 * + 1: Wed 01-01 off, Thu 2025-01-02 = 1.  From Mon 2024-12-30 + 4:
	 * Tue 12-31 = 1, Thu 01-02 = 2, Fri 01-03 = 3, (Sat 4, Sun 5 off),
	 * Mon 2025-01-06 = 4. */
	is_str(fmt(calendar_add_workdays(&cal, ymd(2024, 12, 31), 1)), "2025-01-02",
	       "2024-12-31 + 1 skips New Year's Day 2025 to 2025-01-02");
	is_str(fmt(calendar_add_workdays(&cal, ymd(2024, 12, 30), 4)), "2025-01-06",
	       "2024-12-30 + 4 across New Year 2025 = 2025-01-06");

	/* n = 0: start itself, whatever kind of day it is. */
	ok(calendar_add_workdays(&cal, ymd(2025, 3, 12), 0) == ymd(2025, 3, 12),
	   "n = 0 on a working day returns start");
	ok(calendar_add_workdays(&cal, ymd(2024, 10, 1), 0) == ymd(2024, 10, 1),
	   "n = 0 on a holiday returns start");
	ok(calendar_add_workdays(&cal, ymd(2025, 3, 8), 0) == ymd(2025, 3, 8),
	   "n = 0 on a Saturday returns start");

	/* --- an empty calendar: weekends and the fixed-date holidays are off --- */

	calendar_init(&empty);
	calendar_sort(&empty);
	ok(!calendar_is_workday(&empty, ymd(2024, 10, 1)), "empty calendar: Tue 2024-10-01 (国庆) is off");
	ok(!calendar_is_workday(&empty, ymd(2027, 5, 2)), "empty calendar: Sun 2027-05-02 (劳动节) is off");
	ok(!calendar_is_workday(&empty, ymd(2027, 1, 1)), "empty calendar: Fri 2027-01-01 (元旦) is off");
	ok(calendar_is_workday(&empty, ymd(2024, 10, 4)), "empty calendar: Fri 2024-10-04 is on");
	ok(calendar_is_workday(&empty, ymd(2026, 2, 16)), "empty calendar: Mon 2026-02-16 is on");
	ok(!calendar_is_workday(&empty, ymd(2024, 10, 12)), "empty calendar: Sat 2024-10-12 is off");
	ok(!calendar_is_workday(&empty, ymd(2025, 1, 26)), "empty calendar: Sun 2025-01-26 is off");
	/* Fri 2024-09-27 + 10: 09-30 (1), 10-01..03 off, 10-04 (2),
	 * 10-07..11 (3-7), 10-14..16 (8-10) = Wed 2024-10-16. */
	is_str(fmt(calendar_add_workdays(&empty, ymd(2024, 9, 27), 10)), "2024-10-16",
	       "empty calendar: 2024-09-27 + 10 = 2024-10-16");
	/* Fri 2026-02-13 + 1 = Mon 2026-02-16. */
	is_str(fmt(calendar_add_workdays(&empty, ymd(2026, 2, 13), 1)), "2026-02-16",
	       "empty calendar: Friday + 1 = Monday");
	ok(deadline_progress(&empty, ymd(2024, 9, 27), 1, 0, -1) == ymd(2024, 10, 16),
	   "empty calendar: simplified deadline counts weekends and fixed-date holidays");
	ok(calendar_uncovered(&empty, ymd(2024, 9, 27), 10) == 2024,
	   "empty calendar: the count needs 2024, uncovered");
	ok(calendar_uncovered(&cal, ymd(2026, 12, 28), 10) == 2027,
	   "shipped calendar: 10 working days from 2026-12-28 need 2027, uncovered");
	ok(calendar_uncovered(&cal, ymd(2026, 9, 30), 10) == 0,
	   "shipped calendar: 10 working days from 2026-09-30 are covered");
	calendar_release(&empty);

	/* --- deadline_progress --- */

	/* Normal: accepted + 60 calendar days, acceptance day not counted.
	 * 2025-03-15 + 60: Mar 16..31 = 16, April = 30 (46), May 1..14 = 14
	 * (60) -> 2025-05-14. */
	acc = ymd(2025, 3, 15);
	is_str(fmt(deadline_progress(&cal, acc, 0, 0, -1)), "2025-05-14",
	       "normal: 2025-03-15 + 60 = 2025-05-14 (across month ends)");
	/* 2024-01-15 + 60: Jan 16..31 = 16, Feb 1..29 = 29 (45), Mar 1..15 =
	 * 15 (60) -> 2024-03-15 (it would be 03-16 without Feb 29). */
	is_str(fmt(deadline_progress(&cal, ymd(2024, 1, 15), 0, 0, -1)), "2024-03-15",
	       "normal: 2024-01-15 + 60 = 2024-03-15 (across Feb 29)");
	/* 60 calendar days even when the end falls in a holiday: 2024-08-02
	 * + 60: Aug 3..31 = 29, Sep 1..30 = 30 (59), Oct 1 (60) -> 2024-10-01. */
	is_str(fmt(deadline_progress(&cal, ymd(2024, 8, 2), 0, 0, -1)), "2024-10-01",
	       "normal: counted in calendar days, holidays included");
	/* Simplified: 10 working days; from 2024-09-27 that is 2024-10-16
	 * (counted above). */
	is_str(fmt(deadline_progress(&cal, ymd(2024, 9, 27), 1, 0, -1)), "2024-10-16",
	       "simplified: 2024-09-27 + 10 working days = 2024-10-16");
	/* Simplified from 2026-02-13: 2026-03-05 (counted above). */
	is_str(fmt(deadline_progress(&cal, ymd(2026, 2, 13), 1, 0, -1)), "2026-03-05",
	       "simplified: 2026-02-13 + 10 working days = 2026-03-05");
	/* Extension of 30 days: 2025-05-14 + 30: May 15..31 = 17, Jun 1..13 =
	 * 13 (30) -> 2025-06-13. */
	is_str(fmt(deadline_progress(&cal, acc, 0, DL_MAX_EXTENSION, -1)), "2025-06-13",
	       "extended by 30: 2025-03-15 -> 2025-06-13");
	/* A referring level's earlier due wins: 2025-04-30 < 2025-05-14. */
	is_str(fmt(deadline_progress(&cal, acc, 0, 0, ymd(2025, 4, 30))), "2025-04-30",
	       "ref_due earlier than 60 days wins");
	/* A later one does not: 2025-06-01 > 2025-05-14. */
	is_str(fmt(deadline_progress(&cal, acc, 0, 0, ymd(2025, 6, 1))), "2025-05-14",
	       "ref_due later than 60 days does not");
	/* ref_due between the 60 days and the extended due: the earlier,
	 * ref_due 2025-06-01 < 2025-06-13, wins. */
	is_str(fmt(deadline_progress(&cal, acc, 0, 30, ymd(2025, 6, 1))), "2025-06-01",
	       "ref_due earlier than the extended due wins");
	/* Extension plus simplified: 2024-10-16 + 30: Oct 17..31 = 15,
	 * Nov 1..15 = 15 (30) -> 2024-11-15. */
	is_str(fmt(deadline_progress(&cal, ymd(2024, 9, 27), 1, 30, -1)), "2024-11-15",
	       "simplified and extended by 30: 2024-09-27 -> 2024-11-15");

	/* --- calendar_add --- */

	ok(calendar_add(&cal, ymd(2026, 12, 25), "festival") == -1,
	   "calendar_add refuses an unknown kind");
	ok(calendar_add(&cal, ymd(2026, 12, 25), "") == -1,
	   "calendar_add refuses an empty kind");
	ok(calendar_add(&cal, ymd(2026, 12, 25), "Holiday") == -1,
	   "calendar_add: kinds are lower case");
	ok(cal.nholidays + cal.nworkdays == (size_t)n,
	   "a refused kind adds nothing");

	/* --- calendar_read_file: what a calendar file may not say --- */
	{
		struct calendar f;
		char err[512];
		long line;
		char path[4096];
		const char *dir = getenv("TESTDATA");

		snprintf(path, sizeof(path), "%s/calendar-cn.csv", dir && *dir ? dir : "testdata");
		ok(calendar_read_file(&f, path, err, sizeof(err), &line) == 0 &&
		   f.nholidays + f.nworkdays == (size_t)n,
		   "calendar_read_file reads testdata/calendar-cn.csv whole");
		calendar_release(&f);

		/* 2026-10-08 is a Thursday: no make-up working day */
		ok(try_file("date,kind\n2026-10-01,holiday\n2026-10-08,workday\n",
			    &f, err, sizeof(err), &line) == -2 && line == 3,
		   "a workday on a Thursday is refused, at its line (line %ld)", line);
		is_str(err, "workday 2026-10-08 is a Thursday: a make-up working day is a Saturday or Sunday",
		       "... saying which day it is");
		ok(f.nholidays == 0 && f.nworkdays == 0, "... and the calendar is left empty");
		ok(try_file("date,kind\n2026-09-28,workday\n", &f, err, sizeof(err), &line) == -2 &&
		   line == 2 && strstr(err, "is a Monday"), "a workday on a Monday is refused");
		ok(try_file("date,kind\n2026-10-02,workday\n", &f, err, sizeof(err), &line) == -2 &&
		   strstr(err, "is a Friday"), "a workday on a Friday is refused");

		/* a weekend day inside a holiday, marked holiday, is what notices list */
		ok(try_file("date,kind\n2026-10-03,holiday\n2026-10-04,holiday\n2026-10-10,workday\n",
			    &f, err, sizeof(err), &line) == 0 && f.nholidays == 2 && f.nworkdays == 1,
		   "a Saturday or Sunday marked holiday is accepted, a Saturday workday too");
		calendar_release(&f);

		ok(try_file("date,kind\n2026-10-01,holiday\n2026-10-02,holiday\n2026/10/1,holiday\n",
			    &f, err, sizeof(err), &line) == -2 && line == 4,
		   "the same date twice is refused at the second line (line %ld)", line);
		is_str(err, "2026-10-01 is listed twice (also on line 2)", "... naming the first");
		ok(try_file("date,kind\n2026-10-10,workday\n2026-10-01,holiday\n2026-10-10,holiday\n",
			    &f, err, sizeof(err), &line) == -2 && line == 4 &&
		   !strcmp(err, "2026-10-10 is listed twice (also on line 2)"),
		   "the same date as a workday and a holiday is refused");
		ok(try_file("date,kind\n2026-10-01,holiday\n2026-10-01,holiday\n2026-10-05,festival\n",
			    &f, err, sizeof(err), &line) == -2 && line == 3 && strstr(err, "listed twice"),
		   "of a repeat and a later bad kind, the repeat (the earlier line) is said");
		ok(try_file("date,kind\n2026-10-05,festival\n2026-10-01,holiday\n2026-10-01,holiday\n",
			    &f, err, sizeof(err), &line) == -2 && line == 2 && strstr(err, "unknown kind"),
		   "of a bad kind and a later repeat, the bad kind is said");
	}

	calendar_release(&cal);
	return tap_done();
}
