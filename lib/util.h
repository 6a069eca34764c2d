/* util.h: memory wrappers that die, a growable string buffer, number parsing. */
#ifndef PT_UTIL_H
#define PT_UTIL_H

#include <stddef.h>
#include <stdint.h>

/*
 * xmalloc, xcalloc, xrealloc, xstrdup, xmemdup: as the libc calls, but on
 * allocation failure they print "pt: out of memory" and exit 70.  These are
 * the one place lib/ may exit.  Memory returned belongs to the caller.
 * xmemdup copies n bytes and adds a terminating NUL.
 */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t n);

/*
 * struct strbuf: a NUL-terminated, growable byte string (git's strbuf, in
 * small).  buf is never NULL after strbuf_init; len excludes the NUL.
 * The buffer belongs to the strbuf; strbuf_release frees it and leaves an
 * empty, reusable strbuf that owns no memory.
 */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

/*
 * strbuf_init: an empty strbuf (buf "", owning no memory).  strbuf_release:
 * free the buffer, leaving the strbuf as strbuf_init leaves it.
 * strbuf_grow: make room for extra more bytes and the NUL.  strbuf_add:
 * append n bytes of data (which may hold NULs); strbuf_adds: append the
 * string s; strbuf_addch: append the byte c; strbuf_addf: append as
 * printf formats.  They never fail: out of memory exits, as xrealloc.
 */
void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* strbuf_reset: empty sb, keeping its memory for reuse.  Never fails. */
static inline void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

/*
 * put_decimal: v in decimal at p, at least width digits (zeros before);
 * returns the end, with no NUL.  For what is written for every row (dates,
 * case ids), where snprintf would cost more than the rest of the work.
 */
char *put_decimal(char *p, uint64_t v, int width);

/*
 * parse_long: parse all of s as a decimal integer within [min, max]
 * (OpenBSD strtonum's contract).  Returns 0 and sets *out, or -1 when s is
 * empty, has trailing characters, or is out of range; *out is unchanged.
 */
int parse_long(const char *s, long min, long max, long *out);

/*
 * str_trim_blank: trim s in place of what is blank or invisible around a
 * value, at either end, any number of them: ASCII blanks (space, tab, CR,
 * LF, VT, FF), the no-break space U+00A0, the ideographic space U+3000, and
 * the invisible U+FEFF (byte order mark, zero-width no-break space),
 * U+200B, U+200C, U+200D (zero-width space, non-joiner, joiner) and
 * U+2060 (word joiner).  Characters inside the value stay.  Writes a NUL
 * after the last kept byte and returns a pointer to the first (into s).
 * Every header name and every field of every tool is trimmed by this one
 * rule.
 *
 * str_blank_span: the same without changing s: returns the first kept
 * byte and sets *len to the number of bytes kept.
 */
char *str_trim_blank(char *s);
const char *str_blank_span(const char *s, size_t *len);

/*
 * utf8_valid: 1 when the n bytes at s are well-formed UTF-8 (no overlong
 * forms, no surrogates, nothing above U+10FFFF), else 0.
 */
int utf8_valid(const char *s, size_t n);

/*
 * hash64: a 64-bit FNV-1a hash of n bytes, continuing from h (start with
 * HASH64_INIT).  Stable across runs and machines: it is stored in ledgers.
 */
#define HASH64_INIT 0xcbf29ce484222325ULL
uint64_t hash64(uint64_t h, const void *p, size_t n);

#endif
