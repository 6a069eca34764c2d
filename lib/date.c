/* date.c: civil-date arithmetic (after Howard Hinnant) and period parsing. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "util.h"
#include "banned.h"

int
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int
date_days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

int
date_valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 &&
	       d >= 1 && d <= date_days_in_month(y, m);
}

int
date_weekday(int day)
{
	/* 1970-01-01 was a Thursday (4) */
	int w = (day % 7 + 7 + 3) % 7;
	return w + 1;
}

void
date_iso_week(int day, int *year, int *week)
{
	int thursday = day - date_weekday(day) + 4, m, d;

	date_to_ymd(thursday, year, &m, &d);
	*week = (thursday - date_from_ymd(*year, 1, 1)) / 7 + 1;
}

int
date_iso_week_monday(int y, int w)
{
	int jan4 = date_from_ymd(y, 1, 4), wy, last;

	/* 28 December is always in the year's last week */
	date_iso_week(date_from_ymd(y, 12, 28), &wy, &last);
	if (w < 1 || w > last)
		return -1;
	return jan4 - (date_weekday(jan4) - 1) + 7 * (w - 1);
}

/* Read 1..max digits; returns the count read, or 0. */
static int
digits(const char **sp, int max, int *out)
{
	const char *s = *sp;
	int n = 0, v = 0;
	while (n < max && isdigit((unsigned char)s[n])) {
		v = v * 10 + (s[n] - '0');
		n++;
	}
	if (n)
		*out = v, *sp = s + n;
	return n;
}

static int
skip(const char **sp, const char *lit)
{
	size_t n = strlen(lit);
	if (strncmp(*sp, lit, n))
		return 0;
	*sp += n;
	return 1;
}

int
date_parse(const char *s, int *day, int *secs)
{
	int y, m, d, hh = 0, mm = 0, ss = 0, t = -1;
	char sep;

	while (*s == ' ' || *s == '\t')
		s++;
	if (digits(&s, 4, &y) != 4)
		return -1;
	if (skip(&s, "年")) {
		if (!digits(&s, 2, &m) || !skip(&s, "月") || !digits(&s, 2, &d))
			return -1;
		skip(&s, "日");
	} else {
		sep = *s;
		if (sep != '-' && sep != '/' && sep != '.')
			return -1;
		s++;
		if (!digits(&s, 2, &m) || *s++ != sep || !digits(&s, 2, &d))
			return -1;
	}
	if (*s == ' ' || *s == 'T') {
		const char *save = s;
		while (*s == ' ')
			s++;
		if (*save == 'T')
			s++;
		if (*s) {
			if (digits(&s, 2, &hh) == 0 || *s++ != ':' ||
			    digits(&s, 2, &mm) != 2)
				return -1;
			if (*s == ':' && (s++, digits(&s, 2, &ss) != 2))
				return -1;
			if (hh > 23 || mm > 59 || ss > 59)
				return -1;
			t = hh * 3600 + mm * 60 + ss;
		}
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s || !date_valid_ymd(y, m, d))
		return -1;
	*day = date_from_ymd(y, m, d);
	if (secs)
		*secs = t;
	return 0;
}

/*
 * "YYYY-MM-DD" at p, no NUL; returns the end.  Dates are written for every
 * row read and printed: by hand, not by snprintf, except for a year
 * outside 0..9999 (never a petition's), which snprintf writes as it fits.
 */
static char *
put_ymd(int day, char *p)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		int n = snprintf(p, DATE_BUF, "%04d-%02d-%02d", y, m, d);
		return p + (n < DATE_BUF ? n : DATE_BUF - 1);
	}
	p = put_decimal(p, (uint64_t)y, 4);
	*p++ = '-';
	p = put_decimal(p, (uint64_t)m, 2);
	*p++ = '-';
	return put_decimal(p, (uint64_t)d, 2);
}

char *
date_format(int day, char *buf)
{
	*put_ymd(day, buf) = '\0';
	return buf;
}

char *
date_format_time(int day, int secs, char *buf)
{
	char *p = put_ymd(day, buf), t[9], *q = t;
	size_t room = (size_t)(DATE_BUF - 1 - (p - buf));

	if (secs >= 0) {	/* " HH:MM:SS", as much as buf holds */
		*q++ = ' ';
		q = put_decimal(q, (uint64_t)secs / 3600 % 24, 2);
		*q++ = ':';
		q = put_decimal(q, (uint64_t)secs / 60 % 60, 2);
		*q++ = ':';
		q = put_decimal(q, (uint64_t)secs % 60, 2);
		memcpy(p, t, room < sizeof(t) ? room : sizeof(t));
		p += room < sizeof(t) ? room : sizeof(t);
	}
	*p = '\0';
	return buf;
}

int
date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int
date_add_months(int day, int n)
{
	int y, m, d, dim;
	date_to_ymd(day, &y, &m, &d);
	m += n;
	while (m > 12)
		m -= 12, y++;
	while (m < 1)
		m += 12, y--;
	dim = date_days_in_month(y, m);
	return date_from_ymd(y, m, d > dim ? dim : d);
}

static void
months(struct period *p, int y, int m, int count, enum period_kind kind)
{
	int ey = y, em = m + count - 1;
	while (em > 12)
		em -= 12, ey++;
	p->from = date_from_ymd(y, m, 1);
	p->to = date_from_ymd(ey, em, date_days_in_month(ey, em));
	p->kind = kind;
	p->months = count;
}

static int
year_month(const char **s, int *y, int *m)
{
	if (digits(s, 4, y) != 4 || *y < 1900 || *y > 2999)
		return -1;
	if (**s != '-')
		return -1;
	(*s)++;
	if (!digits(s, 2, m) || *m < 1 || *m > 12)
		return -1;
	return 0;
}

int
period_parse(const char *s, struct period *p)
{
	const char *q = s;
	int y, m, y2, m2, n, day;

	if (date_parse(s, &day, NULL) == 0)
		return period_range(day, day, p);
	if (digits(&q, 4, &y) != 4 || y < 1900 || y > 2999)
		return -1;
	if (!*q) {
		months(p, y, 1, 12, PERIOD_YEAR);
		return 0;
	}
	if (*q++ != '-')
		return -1;
	if ((*q == 'Q' || *q == 'q') && q[1] >= '1' && q[1] <= '4' && !q[2]) {
		months(p, y, (q[1] - '1') * 3 + 1, 3, PERIOD_QUARTER);
		return 0;
	}
	if ((*q == 'W' || *q == 'w') && isdigit((unsigned char)q[1]) &&
	    isdigit((unsigned char)q[2]) && !q[3]) {
		if ((day = date_iso_week_monday(y, (q[1] - '0') * 10 + q[2] - '0')) < 0)
			return -1;
		period_range(day, day + 6, p);
		p->kind = PERIOD_WEEK;
		return 0;
	}
	if ((*q == 'H' || *q == 'h') && (q[1] == '1' || q[1] == '2') && !q[2]) {
		months(p, y, q[1] == '1' ? 1 : 7, 6, PERIOD_HALF);
		return 0;
	}
	q = s;
	if (year_month(&q, &y, &m) < 0)
		return -1;
	if (!*q) {
		months(p, y, m, 1, PERIOD_MONTH);
		return 0;
	}
	if (strncmp(q, "..", 2))
		return -1;
	q += 2;
	if (year_month(&q, &y2, &m2) < 0 || *q)
		return -1;
	n = (y2 * 12 + m2) - (y * 12 + m) + 1;
	if (n < 1)
		return -1;
	months(p, y, m, n, PERIOD_MONTHS);
	return 0;
}

int
period_range(int from, int to, struct period *p)
{
	if (to < from)
		return -1;
	p->from = from;
	p->to = to;
	p->kind = from == to ? PERIOD_DAY : PERIOD_RANGE;
	p->months = 0;
	return 0;
}

int
period_from_to(const char *from, const char *to, struct period *p, char *err,
	       size_t errsize)
{
	int d1, d2, secs;
	char b1[DATE_BUF], b2[DATE_BUF];

	if (date_parse(from, &d1, &secs) < 0) {
		snprintf(err, errsize, "bad date '%s' for --from", from);
		return -1;
	}
	if (date_parse(to, &d2, &secs) < 0) {
		snprintf(err, errsize, "bad date '%s' for --to", to);
		return -1;
	}
	if (period_range(d1, d2, p) < 0) {
		snprintf(err, errsize, "--from %s is after --to %s",
			 date_format(d1, b1), date_format(d2, b2));
		return -1;
	}
	return 0;
}

/* The same calendar day n years earlier, Feb 29 becoming Feb 28. */
static int
minus_years(int day, int n)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	y -= n;
	if (m == 2 && d == 29 && date_days_in_month(y, 2) == 28)
		d = 28;
	return date_from_ymd(y, m, d);
}

struct period
period_yoy(const struct period *p)
{
	struct period r = *p;
	if (p->kind == PERIOD_WEEK) {
		int y, w, monday;
		date_iso_week(p->from, &y, &w);
		if ((monday = date_iso_week_monday(y - 1, w)) < 0)
			monday = date_iso_week_monday(y - 1, w - 1);
		r.from = monday;
		r.to = monday + 6;
	} else if (p->months) {
		int y, m, d;
		date_to_ymd(p->from, &y, &m, &d);
		months(&r, y - 1, m, p->months, p->kind);
	} else {
		r.from = minus_years(p->from, 1);
		r.to = minus_years(p->to, 1);
	}
	return r;
}

struct period
period_prev(const struct period *p)
{
	struct period r = *p;
	if (p->months) {
		int y, m, d;
		date_to_ymd(date_add_months(p->from, -p->months), &y, &m, &d);
		months(&r, y, m, p->months, p->kind);
	} else {
		int len = p->to - p->from + 1;
		r.from = p->from - len;
		r.to = p->to - len;
	}
	return r;
}

char *
period_format(const struct period *p, char *buf, int size)
{
	int y, m, d, y2, m2, d2;

	date_to_ymd(p->from, &y, &m, &d);
	date_to_ymd(p->to, &y2, &m2, &d2);
	switch (p->kind) {
	case PERIOD_YEAR:
		snprintf(buf, size, "%04d", y);
		break;
	case PERIOD_HALF:
		snprintf(buf, size, "%04d-H%d", y, m == 1 ? 1 : 2);
		break;
	case PERIOD_QUARTER:
		snprintf(buf, size, "%04d-Q%d", y, (m - 1) / 3 + 1);
		break;
	case PERIOD_MONTH:
		snprintf(buf, size, "%04d-%02d", y, m);
		break;
	case PERIOD_MONTHS:
		snprintf(buf, size, "%04d-%02d..%04d-%02d", y, m, y2, m2);
		break;
	case PERIOD_DAY:
		snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
		break;
	case PERIOD_RANGE:
		snprintf(buf, size, "%04d-%02d-%02d..%04d-%02d-%02d", y, m, d, y2, m2, d2);
		break;
	case PERIOD_WEEK:
		date_iso_week(p->from, &y, &m);
		snprintf(buf, size, "%04d-W%02d", y, m);
		break;
	}
	return buf;
}
