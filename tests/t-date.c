/* t-date: unit tests of lib/date.c: parsing, arithmetic, periods. */
#include "date.h"
#include "tap.h"

static const char *
fmt(int day)
{
	static char buf[DATE_BUF];
	return date_format(day, buf);
}

static const char *
per(const char *s)
{
	static char buf[64];
	struct period p;
	if (period_parse(s, &p) < 0)
		return "(bad)";
	snprintf(buf, sizeof(buf), "%s", fmt(p.from));
	snprintf(buf + 10, sizeof(buf) - 10, "..%s", fmt(p.to));
	return buf;
}

int
main(void)
{
	int d, secs, y, m, dd;
	struct period p, q;
	char buf[64];

	ok(date_from_ymd(1970, 1, 1) == 0, "1970-01-01 is day 0");
	ok(date_parse("2026-09-30", &d, &secs) == 0 && secs == -1, "ISO date parses, no time");
	is_str(fmt(d), "2026-09-30", "ISO date round-trips");
	ok(date_parse("2026/9/3", &d, NULL) == 0 && d == date_from_ymd(2026, 9, 3), "YYYY/M/D");
	ok(date_parse("2026.09.03", &d, NULL) == 0 && d == date_from_ymd(2026, 9, 3), "YYYY.MM.DD");
	ok(date_parse("2026年9月3日", &d, NULL) == 0 && d == date_from_ymd(2026, 9, 3), "YYYY年M月D日");
	ok(date_parse("2026-09-03 08:05", &d, &secs) == 0 && secs == 8 * 3600 + 5 * 60, "HH:MM");
	ok(date_parse("2026-09-03 23:59:59", &d, &secs) == 0 && secs == 86399, "HH:MM:SS");
	ok(date_parse("2026-09-03T10:00", &d, &secs) == 0 && secs == 36000, "T separator");
	is_str(date_format_time(date_from_ymd(2026, 9, 3), 8 * 3600 + 5 * 60 + 7, buf),
	       "2026-09-03 08:05:07", "a time is written with its seconds, two digits each");
	is_str(date_format_time(date_from_ymd(987, 1, 2), -1, buf), "0987-01-02",
	       "a year of three digits is written with four");
	is_str(date_format_time(date_from_ymd(12026, 12, 31), 86399, buf), "12026-12-31 23:59:5",
	       "a year of five digits: as much as the buffer holds");
	ok(date_parse("2026-02-29", &d, NULL) < 0, "2026-02-29 does not exist");
	ok(date_parse("2024-02-29", &d, NULL) == 0, "2024-02-29 exists (leap year)");
	ok(date_parse("2100-02-29", &d, NULL) < 0, "2100 is not a leap year");
	ok(date_parse("2000-02-29", &d, NULL) == 0, "2000 is a leap year");
	ok(date_parse("2026-13-01", &d, NULL) < 0, "month 13 refused");
	ok(date_parse("2026-09-03 24:00", &d, NULL) < 0, "hour 24 refused");
	ok(date_parse("2026-09-03x", &d, NULL) < 0, "trailing junk refused");
	ok(date_parse("2026-09/03", &d, NULL) < 0, "mixed separators refused");
	ok(date_parse("", &d, NULL) < 0, "empty refused");
	date_to_ymd(date_from_ymd(2024, 12, 31) + 1, &y, &m, &dd);
	ok(y == 2025 && m == 1 && dd == 1, "day after 2024-12-31 is 2025-01-01");
	ok(date_weekday(date_from_ymd(2026, 11, 23)) == 1, "2026-11-23 is a Monday");
	ok(date_weekday(date_from_ymd(2024, 2, 4)) == 7, "2024-02-04 is a Sunday");
	is_str(fmt(date_add_months(date_from_ymd(2026, 1, 31), 1)), "2026-02-28",
	       "a month after Jan 31 is the end of February");

	is_str(per("2026-09"), "2026-09-01..2026-09-30", "month");
	is_str(per("2024-02"), "2024-02-01..2024-02-29", "leap February");
	is_str(per("2026-Q3"), "2026-07-01..2026-09-30", "quarter");
	is_str(per("2026-H1"), "2026-01-01..2026-06-30", "half year");
	is_str(per("2026"), "2026-01-01..2026-12-31", "year");
	is_str(per("2026-01..2026-09"), "2026-01-01..2026-09-30", "range of months");
	is_str(per("2025-11..2026-02"), "2025-11-01..2026-02-28", "range across a year");
	is_str(per("2026-09..2026-01"), "(bad)", "backwards range refused");
	is_str(per("2026-Q5"), "(bad)", "Q5 refused");
	is_str(per("2026-9"), "2026-09-01..2026-09-30", "one-digit month");

	period_parse("2026-Q1", &p);
	q = period_yoy(&p);
	is_str(period_format(&q, buf, sizeof(buf)), "2025-Q1", "yoy of a quarter");
	q = period_prev(&p);
	is_str(period_format(&q, buf, sizeof(buf)), "2025-Q4", "prev of Q1 is last year's Q4");
	period_parse("2026-03", &p);
	q = period_prev(&p);
	is_str(fmt(q.to), "2026-02-28", "prev of March ends on Feb 28");
	period_parse("2026-01..2026-09", &p);
	q = period_yoy(&p);
	is_str(period_format(&q, buf, sizeof(buf)), "2025-01..2025-09", "yoy of Jan-Sep");
	period_range(date_from_ymd(2024, 2, 29), date_from_ymd(2024, 3, 10), &p);
	q = period_yoy(&p);
	is_str(fmt(q.from), "2023-02-28", "yoy of Feb 29 is Feb 28");
	q = period_prev(&p);
	is_str(fmt(q.to), "2024-02-28", "prev of a day range is the same length before");
	is_str(fmt(q.from), "2024-02-18", "prev range is 11 days too: Feb 18-28");

	/* --- period_from_to: --from and --to as the tools read them --- */
	{
		char err[128];

		ok(period_from_to("2026-09-01", "2026-09-30", &p, err, sizeof(err)) == 0 &&
		   p.from == date_from_ymd(2026, 9, 1) && p.to == date_from_ymd(2026, 9, 30) &&
		   p.kind == PERIOD_RANGE, "--from 2026-09-01 --to 2026-09-30 is that range");
		ok(period_from_to("2026/9/5", "2026年9月5日", &p, err, sizeof(err)) == 0 &&
		   p.kind == PERIOD_DAY, "--from and --to the same day, written two ways");
		ok(period_from_to("2026-09-30", "2026-09-01", &p, err, sizeof(err)) == -1,
		   "--from after --to is refused");
		is_str(err, "--from 2026-09-30 is after --to 2026-09-01", "... saying so");
		ok(period_from_to("2026/9/30 10:00", "2026.9.1", &p, err, sizeof(err)) == -1,
		   "--from after --to, in other forms, is refused");
		is_str(err, "--from 2026-09-30 is after --to 2026-09-01", "... with the dates written out");
		ok(period_from_to("2026-13-01", "2026-09-01", &p, err, sizeof(err)) == -1,
		   "a bad --from is refused");
		is_str(err, "bad date '2026-13-01' for --from", "... naming --from");
		ok(period_from_to("2026-09-01", "x", &p, err, sizeof(err)) == -1,
		   "a bad --to is refused");
		is_str(err, "bad date 'x' for --to", "... naming --to");
	}
	return tap_done();
}
