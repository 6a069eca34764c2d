/* util.c: dying allocators, strbuf, strict number parsing, UTF-8 checks, trimming. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util.h"
#include "banned.h"

static void
oom(void)
{
	fputs("pt: out of memory\n", stderr);
	exit(EX_SOFTWARE);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}

char *
xmemdup(const void *p, size_t n)
{
	char *s = xmalloc(n + 1);
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* What an empty strbuf points at until it first grows (git's slopbuf). */
static char slopbuf[1];

void
strbuf_init(struct strbuf *sb)
{
	sb->alloc = 0;
	sb->len = 0;
	sb->buf = slopbuf;
}

void
strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb);
}

void
strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	if (!sb->alloc) {
		sb->alloc = need < 64 ? 64 : need;
		sb->buf = xmalloc(sb->alloc);
		sb->buf[0] = '\0';
		return;
	}
	while (sb->alloc < need)
		sb->alloc = sb->alloc * 3 / 2 + 16;
	sb->buf = xrealloc(sb->buf, sb->alloc);
}

void
strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
	strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void
strbuf_addch(struct strbuf *sb, int c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void
strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	strbuf_grow(sb, 64);
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sb->alloc - sb->len) {
		strbuf_grow(sb, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

char *
put_decimal(char *p, uint64_t v, int width)
{
	char tmp[20];
	int n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (width-- > n)
		*p++ = '0';
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

int
parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;

	while (s < e) {
		unsigned c = *s;
		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			if (e - s < 2 || (s[1] & 0xc0) != 0x80)
				return 0;
			s += 2;
		} else if (c >= 0xe0 && c <= 0xef) {
			if (e - s < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
				return 0;
			if (c == 0xe0 && s[1] < 0xa0)
				return 0;	/* overlong */
			if (c == 0xed && s[1] > 0x9f)
				return 0;	/* surrogate */
			s += 3;
		} else if (c >= 0xf0 && c <= 0xf4) {
			if (e - s < 4 || (s[1] & 0xc0) != 0x80 ||
			    (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
				return 0;
			if (c == 0xf0 && s[1] < 0x90)
				return 0;
			if (c == 0xf4 && s[1] > 0x8f)
				return 0;
			s += 4;
		} else {
			return 0;
		}
	}
	return 1;
}

uint64_t
hash64(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	while (n--) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The bytes of a blank character starting at s (of n bytes), or 0. */
static size_t
blank_at(const char *s, size_t n)
{
	static const char *const wide[] = {
		"\xc2\xa0",		/* U+00A0 no-break space */
		"\xe3\x80\x80",	/* U+3000 ideographic space */
		"\xef\xbb\xbf",	/* U+FEFF byte order mark */
		"\xe2\x80\x8b",	/* U+200B zero-width space */
		"\xe2\x80\x8c",	/* U+200C zero-width non-joiner */
		"\xe2\x80\x8d",	/* U+200D zero-width joiner */
		"\xe2\x81\xa0",	/* U+2060 word joiner */
	};
	unsigned char c = n ? (unsigned char)*s : 0;
	size_t i, k;

	if (c < 0x80)		/* the common case: one test, no list */
		return c && strchr(" \t\r\n\v\f", c) ? 1 : 0;
	if (c != 0xc2 && c != 0xe2 && c != 0xe3 && c != 0xef)
		return 0;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++) {
		k = strlen(wide[i]);
		if (n >= k && !memcmp(s, wide[i], k))
			return k;
	}
	return 0;
}

/* The bytes of a blank character ending at e (with n bytes before it), or 0. */
static size_t
blank_before(const char *e, size_t n)
{
	unsigned char c = n ? (unsigned char)e[-1] : 0;
	size_t k;

	if (c < 0x80)
		return c && strchr(" \t\r\n\v\f", c) ? 1 : 0;
	if (c != 0xa0 && c != 0x80 && c != 0xbf && (c < 0x8b || c > 0x8d))
		return 0;	/* no wide blank ends in this byte */
	for (k = 2; k <= 3 && k <= n; k++)
		if (blank_at(e - k, k) == k)
			return k;
	return 0;
}

const char *
str_blank_span(const char *s, size_t *len)
{
	size_t n = strlen(s), k;

	while ((k = blank_at(s, n))) {
		s += k;
		n -= k;
	}
	while ((k = blank_before(s + n, n)))
		n -= k;
	*len = n;
	return s;
}

char *
str_trim_blank(char *s)
{
	size_t n;
	char *t = (char *)str_blank_span(s, &n);

	t[n] = '\0';
	return t;
}
