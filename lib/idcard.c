/* idcard.c: GB 11643 check digits and the masks every listing uses. */
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

static char *
mask(const char *s, size_t keep_head, size_t keep_tail, char *buf, size_t size)
{
	size_t nchars = 0, i = 0, o = 0;
	const char *p;

	for (p = s; *p; p += charlen(p))
		nchars++;
	if (nchars <= keep_head + keep_tail) {
		/* too short to keep both ends: keep only the last two */
		keep_head = 0;
		keep_tail = nchars > 4 ? 2 : 0;
	}
	for (p = s; *p && o + 5 < size; i++) {
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

const char *
mask_shown(const char *s, char *buf, size_t size)
{
	const char *p;
	int run = 0;

	for (p = s; *p; p++) {
		run = isdigit((unsigned char)*p) ? run + 1 : 0;
		if (run >= 7)
			return mask_phone(s, buf, size);
	}
	return s;
}
