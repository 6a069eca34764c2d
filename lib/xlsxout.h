/* xlsxout.h: one worksheet of typed columns, written with libxlsxwriter, copied to a stream. */
#ifndef PT_XLSXOUT_H
#define PT_XLSXOUT_H

#include <stdio.h>
#include <stddef.h>

#include "csvout.h"

/*
 * struct xlsx: a workbook of one worksheet, written row after row in
 * libxlsxwriter's constant-memory mode (a row leaves memory when the next
 * one starts), into a temporary file in $TMPDIR (else /tmp) that is
 * unlinked as soon as it is made, so that nothing is left behind whatever
 * ends the process.  The first row is the header, in bold and frozen; the
 * cells of the rows after it take their column's kind: an id or text is a
 * string (never a number: 430522199412053888 stays as it is), a number a
 * number, a percent the fraction (85.3 -> 0.853) shown as 0.0%, a date a
 * date shown as yyyy-mm-dd (with a time: yyyy-mm-dd hh:mm:ss); a cell that
 * does not read as its kind says is a string, an empty or NULL one is
 * left blank.  Each column is as wide as its widest cell (a CJK character
 * counts twice), within bounds.
 */

/*
 * xlsx_new: a workbook of ncols columns of the given kinds (copied).
 * Returns it (the caller's, freed by xlsx_finish or xlsx_free), or NULL
 * with errno set: the temporary file could not be made, or libxlsxwriter
 * failed.
 */
struct xlsx *xlsx_new(const unsigned char *kinds, size_t ncols);

/*
 * xlsx_row: write the next row of ncols cells (NULL: blank); the first
 * is the header.  Returns 0, or -1 with errno set: EFBIG past the
 * sheet's 1048576 rows, EOVERFLOW for a cell over 32767 characters, ENOMEM or
 * EIO when libxlsxwriter fails.  Nothing of a refused row is written.
 */
int xlsx_row(struct xlsx *x, const char *const *cells);

/*
 * xlsx_finish: set the widths, close the workbook and copy it to dest,
 * which is flushed; then free x in every case.  Returns 0, or -1 with
 * errno set (EPIPE when the reader of dest went away).
 */
int xlsx_finish(struct xlsx *x, FILE *dest);

/* xlsx_free: drop the workbook unwritten and free x (NULL: nothing). */
void xlsx_free(struct xlsx *x);

#endif
