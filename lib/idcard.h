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
 * idcard_check_on: idcard_check, and also "ID number's birth date is after
 * the received date" when the birth date the number carries is after day
 * (a day number of date.h: the date the number was given to us).
 */
const char *idcard_check_on(const char *s, int day);

/*
 * mask_id, mask_phone: write a masked copy of s into buf (size bytes):
 * an ID of 18 characters keeps its first 6 and last 4 (430522********3888),
 * one of any other length (a malformed one) only its first 3 and last 2; a
 * phone keeps its first 3 and last 4 (138****1234); shorter values keep
 * less.  Returns buf.  Masking works on characters, not bytes.
 */
char *mask_id(const char *s, char *buf, size_t size);
char *mask_phone(const char *s, char *buf, size_t size);

/*
 * mask_shown: a value to be quoted in a message, where an ID number or a
 * phone may stand in any column (a shifted row, a missing header): s
 * itself when it holds no number of 7 or more digits, else a copy in buf
 * masked as mask_phone masks.  A number's digits are ASCII or full-width
 * (U+FF10-FF19), counted across up to two in a row of - space ( ) + (and
 * their full-width forms, and U+3000): 138-1234-1234, +86 138 1234 1234
 * and (0472) 512-3456 are numbers of 11 and more digits.  A date
 * (2026-01-05, also 2026-01-05 14:30) or a case id (2025-000001) is not
 * personal data and is shown.  s and buf must not overlap.
 */
const char *mask_shown(const char *s, char *buf, size_t size);

/*
 * mask_text: a copy of the text s (a whole message) in buf (size bytes,
 * 1 or more), each number mask_shown would mask replaced by its own mask
 * (its first 3 and last 4 characters kept), the rest as it is; cut short
 * to fit.  Returns buf.  s and buf must not overlap.
 */
char *mask_text(const char *s, char *buf, size_t size);

#endif
