/* fuzz-date: date_parse and period_parse on any string, with their invariants. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fuzz.h"
#include "banned.h"

/* A parsed date: in range, a real day, and its text parses back to it. */
static void
check_date(const char *s, int day, int secs)
{
	char buf[DATE_BUF];
	int y, m, d, day2, secs2;

	fuzz_check(day >= date_from_ymd(1900, 1, 1) && day <= date_from_ymd(2999, 12, 31));
	fuzz_check(secs == -1 || (secs >= 0 && secs < 86400));
	date_to_ymd(day, &y, &m, &d);
	fuzz_check(date_valid_ymd(y, m, d) && date_from_ymd(y, m, d) == day);
	fuzz_check(date_weekday(day) >= 1 && date_weekday(day) <= 7);
	fuzz_check(date_parse(s, &day2, NULL) == 0 && day2 == day);

	date_format_time(day, secs, buf);
	fuzz_check(date_parse(buf, &day2, &secs2) == 0);
	fuzz_check(day2 == day && secs2 == secs);
	date_format(day, buf);
	fuzz_check(strlen(buf) == 10);
	fuzz_check(date_parse(buf, &day2, &secs2) == 0 && day2 == day && secs2 == -1);
}

/* A parsed period: from <= to, its label parses back to it, its neighbours fit. */
static void
check_period(const struct period *p)
{
	char buf[64];
	struct period q, prev, yoy;

	fuzz_check(p->from <= p->to);
	fuzz_check(p->from >= date_from_ymd(1900, 1, 1) && p->to <= date_from_ymd(2999, 12, 31));
	fuzz_check(p->kind != PERIOD_RANGE);	/* period_parse makes none */
	fuzz_check(p->months == 0 ? p->kind == PERIOD_DAY : p->months >= 1);

	period_format(p, buf, sizeof(buf));
	fuzz_check(period_parse(buf, &q) == 0);
	fuzz_check(q.from == p->from && q.to == p->to && q.kind == p->kind &&
		   q.months == p->months);

	prev = period_prev(p);
	fuzz_check(prev.from <= prev.to && prev.to + 1 == p->from);
	fuzz_check(prev.kind == p->kind && prev.months == p->months);
	if (!p->months)
		fuzz_check(prev.to - prev.from == p->to - p->from);

	yoy = period_yoy(p);
	fuzz_check(yoy.from <= yoy.to && yoy.from < p->from);
	fuzz_check(yoy.kind == p->kind && yoy.months == p->months);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct period p;
	int day, secs;

	fuzz_check(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, &day, &secs) == 0)
		check_date(s, day, secs);
	if (period_parse(s, &p) == 0)
		check_period(&p);
	free(s);
	return 0;
}
