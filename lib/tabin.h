/* tabin.h: a CSV/TSV table with a header of known columns, row by row. */
#ifndef PT_TABIN_H
#define PT_TABIN_H

#include "colmap.h"
#include "csvin.h"
#include "util.h"

/*
 * What pt-assign, pt-update and the calendar loader read: a header naming
 * known columns (struct colspec), then rows.  Each row comes as read (for
 * the rejects) and as a working copy whose values tabin_get trims.
 */
struct tabin {
	struct csvin *in;
	struct colmap map;
	struct csvrow hdr;	/* header names, as read */
	struct csvrow row;	/* the current row, as read */
	char **work;		/* its working copy */
	size_t nwork;
	struct strbuf hcopy, wcopy;
	char err[512];		/* what is wrong, without file and line */
};

/*
 * tabin_open: open path ("-": standard input) and read its header.
 * Returns 0; -1 when the file cannot be opened (errno; EINVAL for an
 * unknown encoding); -2 when the header is unusable or the input was
 * refused or could not be read before it (t->err says why, without the
 * file name, at line t->hdr.line, 1 or more).  Call tabin_close in every
 * case.
 */
int tabin_open(struct tabin *t, const char *path, const char *encoding,
	       const struct colspec *spec, size_t nspec, int ignore_unknown);

/*
 * tabin_next: the next row.  Returns 1 for a usable row, 2 for a row to
 * reject (t->err says why: bad bytes, a malformed record, too few or many
 * fields; t->row is the row as read, for the rejects: a malformed record
 * is one field, its first line), 0 at the end, -1 when reading failed
 * (t->err; t->row.line and t->row.end_line are the line it stopped on).
 */
int tabin_next(struct tabin *t);

/* tabin_get: known column c of the current row, trimmed; NULL when empty. */
char *tabin_get(struct tabin *t, size_t c);

/*
 * tabin_name: the name of t's input, for messages ("<stdin>" for standard
 * input, "?" before a file was opened); the string belongs to t.
 */
const char *tabin_name(const struct tabin *t);

/*
 * tabin_close: close the input and free everything t holds, whatever
 * tabin_open returned; t is zeroed.  Never fails (reading is done).
 */
void tabin_close(struct tabin *t);

#endif
