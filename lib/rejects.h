/* rejects.h: the rejects file: every refused input row, its line and why. */
#ifndef PT_REJECTS_H
#define PT_REJECTS_H

#include "csvin.h"

/*
 * A rejects file is CSV: the header "file,line,reason" followed by the
 * input's own column names, then the refused rows of that input; when a
 * row comes from an input whose header differs from the one last written
 * (other names, or the same in another order), that input's header line
 * is written again before it, so each block of the file is a table with
 * its own header.  Each record is one refused row: the input file,
 * the line it starts on, the reason, then the row's fields as they came
 * (a ragged row keeps all its fields; a record the reader could not parse
 * is one field, its first line as read, see csvin.h).  Bytes that are not valid UTF-8, and
 * NUL bytes, are written as \xNN so the file itself is clean UTF-8.
 */
struct rejects;

/* rejects_open: create path (mode 0600: rows carry personal data); NULL with errno. */
struct rejects *rejects_open(const char *path);

/*
 * rejects_add: write one refused row.  header (may be NULL before a header
 * was read: no names) names the input's columns; it is written with the
 * first row, and again before a row whose header differs from the one
 * last written.  Returns 0, or -1 with errno when writing failed.
 */
int rejects_add(struct rejects *rj, const char *file, const struct csvrow *header,
		const struct csvrow *row, const char *reason);

/* rejects_close: flush and close; -1 with errno when anything failed. */
int rejects_close(struct rejects *rj);

struct strbuf;

/*
 * escape_bytes: append s (len bytes) to sb, bad UTF-8 and NUL as \xNN,
 * the rest as it is.  sb grows as needed (out of memory exits, as
 * xrealloc); it never fails otherwise.
 */
void escape_bytes(struct strbuf *sb, const char *s, size_t len);

#endif
