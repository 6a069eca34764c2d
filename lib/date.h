/* date.h: civil dates as day numbers, their text forms, and report periods. */
#ifndef PT_DATE_H
#define PT_DATE_H

#include <stddef.h>

/*
 * A date is an int: days since 1970-01-01 in the proleptic Gregorian
 * calendar (Howard Hinnant's days_from_civil).  Years 1900..2999 only.
 * Times of day are seconds since midnight, local civil time; no zones.
 */

#define DATE_BUF 20	/* "YYYY-MM-DD HH:MM:SS" and the NUL */

/*
 * date_from_ymd: the day number of year y, month m (1-12), day d; the
 * date is not checked (see date_valid_ymd).  date_to_ymd: the other way,
 * into *y, *m, *d.  date_valid_ymd: 1 when y-m-d is a real date within
 * the years above, else 0.  date_weekday: 1 for Monday .. 7 for Sunday.
 * date_days_in_month: 28 to 31, leap years counted.  None fails: pure
 * arithmetic, no memory.
 */
int date_from_ymd(int y, int m, int d);
void date_to_ymd(int day, int *y, int *m, int *d);
int date_valid_ymd(int y, int m, int d);
int date_weekday(int day);
int date_days_in_month(int y, int m);

/*
 * date_iso_week: the ISO 8601 week of day (weeks run Monday to Sunday;
 * week 1 holds the year's first Thursday) into *year (the week's year,
 * which near New Year may differ from the day's) and *week (1 to 53).
 * date_iso_week_monday: the Monday of week w of ISO year y, or -1 when
 * the year has no such week (w outside 1..52, or 53 in a 52-week year).
 * Neither fails otherwise: pure arithmetic, no memory.
 */
void date_iso_week(int day, int *year, int *week);
int date_iso_week_monday(int y, int w);

/*
 * date_parse: read "YYYY-MM-DD", "YYYY/MM/DD", "YYYY.MM.DD" or
 * "YYYY年M月D日" (month and day with one or two digits in every form),
 * optionally followed by " HH:MM" or " HH:MM:SS" (or "T" for the space).
 * Leading and trailing blanks are allowed.  On success returns 0, sets
 * *day, and *secs to the time of day or -1 when none was given.  Returns
 * -1 on anything else (an impossible date such as 2026-02-30 included).
 */
int date_parse(const char *s, int *day, int *secs);

/* date_format: "YYYY-MM-DD" into buf (DATE_BUF bytes); returns buf. */
char *date_format(int day, char *buf);

/* date_format_time: "YYYY-MM-DD" or, when secs >= 0, "YYYY-MM-DD HH:MM:SS". */
char *date_format_time(int day, int secs, char *buf);

/* date_today: the local date now. */
int date_today(void);

/* date_add_months: the same day n months later, clamped to the month's end. */
int date_add_months(int day, int n);

/*
 * struct period: an inclusive range of dates and what kind of period it is,
 * so the period before it (环比) has the same shape.
 */
enum period_kind { PERIOD_DAY, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_HALF,
		   PERIOD_YEAR, PERIOD_MONTHS, PERIOD_RANGE, PERIOD_WEEK };

struct period {
	int from, to;		/* inclusive day numbers */
	enum period_kind kind;
	int months;		/* length in months, for month-shaped kinds */
};

/*
 * period_parse: "2026-09", "2026-W48" (an ISO week, Monday to Sunday;
 * W53 only in a year that has it), "2026-Q3", "2026-H1", "2026",
 * "2026-01..2026-09", or a single date.  Returns 0 and fills *p, or -1.
 */
int period_parse(const char *s, struct period *p);

/* period_range: --from/--to as a period; -1 when to < from. */
int period_range(int from, int to, struct period *p);

/*
 * period_from_to: the text of --from and --to as a period, for every tool
 * that takes them.  Returns 0 and fills *p, or -1 with the message in err:
 * "bad date 'X' for --from" (or --to), or "--from 2026-09-30 is after --to
 * 2026-09-01" (the dates as read, in YYYY-MM-DD).  A time of day is dropped.
 */
int period_from_to(const char *from, const char *to, struct period *p, char *err,
		   size_t errsize);

/*
 * period_yoy: the same period a year before (同比); Feb 29 maps to Feb 28;
 * a week, the same ISO week of the year before (week 53 of a year whose
 * year before has 52: that year's week 52).
 */
struct period period_yoy(const struct period *p);

/* period_prev: the period just before, of the same shape (环比). */
struct period period_prev(const struct period *p);

/* period_format: a label such as "2026-09", "2026-W48", "2026-Q3", "2026-03-01..2026-03-15". */
char *period_format(const struct period *p, char *buf, int size);

#endif
