/* tap.h: the smallest TAP producer, for the unit tests of lib/. */
#ifndef PT_TAP_H
#define PT_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

/* ok: one test point; cond is what must hold. */
#define ok(cond, ...) do { \
	int ok_ = (cond) ? 1 : 0; \
	printf("%sok %d - ", ok_ ? "" : "not ", ++tap_n); \
	printf(__VA_ARGS__); \
	putchar('\n'); \
	if (!ok_) { tap_failed++; printf("#   failed at %s:%d\n", __FILE__, __LINE__); } \
} while (0)

/* is_str: two strings are equal; shows both when not. */
#define is_str(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int c_ = g_ && w_ && !strcmp(g_, w_); \
	ok(c_, __VA_ARGS__); \
	if (!c_) printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}

#endif
