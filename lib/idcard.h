/* idcard.h: resident ID numbers (GB 11643-1999) and masking personal data. */
#ifndef PT_IDCARD_H
#define PT_IDCARD_H

#include <stddef.h>

/*
 * idcard_check: NULL when s is a well-formed 18-character resident ID
 * (17 digits, a valid birth date, the ISO 7064 MOD 11-2 check digit, 'x'
 * accepted for 'X'), else a static phrase saying what is wrong.
 */
const char *idcard_check(const char *s);

/*
 * mask_id, mask_phone: write a masked copy of s into buf (size bytes):
 * an ID keeps its first 6 and last 4 characters (430522********3888), a
 * phone its first 3 and last 4 (138****1234); shorter values keep less.
 * Returns buf.  Masking works on characters, not bytes.
 */
char *mask_id(const char *s, char *buf, size_t size);
char *mask_phone(const char *s, char *buf, size_t size);

#endif
