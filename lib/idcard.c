/* idcard.c: GB 11643 check digits and the masks every listing uses. */
#include <assert.h>
#include <ctype.h>
#include <string.h>

#include "date.h"
#include "idcard.h"
#include "banned.h"

/*
 * The birth date of a number of 17+ digits: 0 and its day in *day, or -1
 * when it is no date (month 13, February 30).
 */
static int
birth_day(const char *s, int *day)
{
	int y, m, d;

	y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	if (!date_valid_ymd(y, m, d))
		return -1;
	*day = date_from_ymd(y, m, d);
	return 0;
}

const char *
idcard_check(const char *s)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char map[] = "10X98765432";
	int i, sum = 0, day;
	char last;

	if (strlen(s) != 18)
		return "ID number is not 18 characters";
	for (i = 0; i < 17; i++) {
		if (!isdigit((unsigned char)s[i]))
			return "ID number has a non-digit";
		sum += (s[i] - '0') * w[i];
	}
	if (birth_day(s, &day) < 0)
		return "ID number has an impossible birth date";
	last = (char)toupper((unsigned char)s[17]);
	if (map[sum % 11] != last)
		return "ID number check digit is wrong";
	return NULL;
}

const char *
idcard_check_on(const char *s, int day)
{
	const char *why = idcard_check(s);
	int born;

	if (!why && birth_day(s, &born) == 0 && born > day)
		return "ID number's birth date is after the received date";
	return why;
}

/* Length in bytes of the UTF-8 character starting at s. */
static size_t
charlen(const char *s)
{
	unsigned char c = (unsigned char)*s;
	if (c < 0x80)
		return 1;
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	return 2;
}

/*
 * Copy the first len bytes of s into buf (size bytes), each character
 * but the first keep_head and the last keep_tail replaced by '*'.
 */
static char *
mask_n(const char *s, size_t len, size_t keep_head, size_t keep_tail, char *buf, size_t size)
{
	size_t nchars = 0, i = 0, o = 0;
	const char *p, *e = s + len;

	for (p = s; p < e; p += charlen(p))
		nchars++;
	if (nchars <= keep_head + keep_tail) {
		/* too short to keep both ends: keep only the last two */
		keep_head = 0;
		keep_tail = nchars > 4 ? 2 : 0;
	}
	for (p = s; p < e && o + 5 < size; i++) {
		size_t n = charlen(p);
		if (i < keep_head || i >= nchars - keep_tail) {
			memcpy(buf + o, p, n);
			o += n;
		} else {
			buf[o++] = '*';
		}
		p += n;
	}
	buf[o] = '\0';
	return buf;
}

static char *
mask(const char *s, size_t keep_head, size_t keep_tail, char *buf, size_t size)
{
	return mask_n(s, strlen(s), keep_head, keep_tail, buf, size);
}

char *
mask_id(const char *s, char *buf, size_t size)
{
	size_t nchars = 0;
	const char *p;

	for (p = s; *p; p += charlen(p))
		nchars++;
	return nchars == 18 ? mask(s, 6, 4, buf, size) : mask(s, 3, 2, buf, size);
}

char *
mask_phone(const char *s, char *buf, size_t size)
{
	return mask(s, 3, 4, buf, size);
}

/* Bytes of the digit at p: 1 for 0-9, 3 for a full-width one (U+FF10-FF19), else 0. */
static size_t
digit_at(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (isdigit(u[0]))
		return 1;
	if (u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99)
		return 3;
	return 0;
}

/*
 * Bytes of a character a number is written across at p: - space ( ) +,
 * their full-width forms (U+FF0D U+FF08 U+FF09 U+FF0B) and the ideographic
 * space (U+3000); else 0.
 */
static size_t
sep_at(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (strchr("- ()+", u[0]) && u[0])
		return 1;
	if (u[0] == 0xef && u[1] == 0xbc &&
	    (u[2] == 0x8d || u[2] == 0x88 || u[2] == 0x89 || u[2] == 0x8b))
		return 3;
	if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	return 0;
}

/*
 * The number starting at p (a digit): its digits, counted across at most
 * two separators in a row (sep_at), up to its last digit, whose end goes
 * in *end.  Returns how many digits it has.
 */
static size_t
digit_run(const char *p, const char **end)
{
	size_t n = 0, k;

	for (;;) {
		const char *q;
		int seps = 0;

		while ((k = digit_at(p)) > 0) {
			p += k;
			n++;
		}
		*end = p;
		for (q = p; seps < 2 && (k = sep_at(q)) > 0; seps++)
			q += k;
		if (!seps || !digit_at(q))
			return n;
		p = q;
	}
}

/* 1 when [p, p + len) is n ASCII digits (lo <= n <= hi); *p moves past them. */
static int
ascii_digits(const char **p, const char *e, int lo, int hi)
{
	int n = 0;

	while (*p < e && isdigit((unsigned char)**p) && n < hi)
		(*p)++, n++;
	return n >= lo;
}

/*
 * 1 when the number [p, e) is no personal data: a date (2026-1-5,
 * 2026-01-05, also followed by an hour and ':', as in 2026-01-05 14:30) or
 * a case id (2025-000001).
 */
static int
harmless(const char *p, const char *e)
{
	const char *q = p;

	if (!ascii_digits(&q, e, 4, 4) || q == e || *q++ != '-')
		return 0;
	if (e - q == 6) {
		const char *c = q;
		if (ascii_digits(&c, e, 6, 6))
			return 1;	/* a case id */
	}
	if (!ascii_digits(&q, e, 1, 2) || q == e || *q++ != '-' || !ascii_digits(&q, e, 1, 2))
		return 0;
	if (q == e)
		return 1;		/* a date */
	return *q++ == ' ' && ascii_digits(&q, e, 1, 2) && q == e && *e == ':';
}

/* The next number at or after *p that must be masked: its start, *p its end; NULL when none. */
static const char *
next_shown_number(const char **p)
{
	const char *s = *p, *end;

	while (*s) {
		if (!digit_at(s)) {
			s += charlen(s);
			continue;
		}
		if (digit_run(s, &end) >= 7 && !harmless(s, end)) {
			*p = end;
			return s;
		}
		s = end;
	}
	*p = s;
	return NULL;
}

const char *
mask_shown(const char *s, char *buf, size_t size)
{
	const char *p = s;

	return next_shown_number(&p) ? mask_phone(s, buf, size) : s;
}

char *
mask_text(const char *s, char *buf, size_t size)
{
	const char *p = s, *start;
	size_t o = 0;

	assert(size > 0);
	while (*p && o + 1 < size) {
		const char *from = p;
		size_t n;

		start = next_shown_number(&p);
		n = (size_t)((start ? start : p) - from);
		if (n > size - 1 - o)
			n = size - 1 - o;
		memcpy(buf + o, from, n);
		o += n;
		if (!start || o + 1 >= size)
			break;
		mask_n(start, (size_t)(p - start), 3, 4, buf + o, size - o);
		o += strlen(buf + o);
	}
	buf[o] = '\0';
	return buf;
}
