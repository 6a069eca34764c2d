/* fuzz-csvin: every record of the input through csvin, as UTF-8 and as GB18030. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "util.h"
#include "fuzz.h"
#include "banned.h"

/* 1 for the problems of a record libcsv could not parse: its line(s) as read are its one field. */
static int
refused(enum csvin_problem p)
{
	return p == CSVIN_MALFORMED || p == CSVIN_UNCLOSED_QUOTE ||
	       p == CSVIN_LONG_QUOTED || p == CSVIN_ROW_TOO_LONG;
}

/*
 * Check one record against what csvin.h promises: fields lie in one block
 * in order, each NUL-terminated at its length; a record without a problem
 * holds no NUL and only UTF-8; each record starts on a line after the
 * previous one ended (after a refused record: after the lines it holds),
 * so resynchronising always goes forward.
 */
static void
check_row(const struct csvin *in, const struct csvrow *r, long prev_end)
{
	size_t i;

	fuzz_check(r->nfields >= 1);
	fuzz_check(r->line >= 1 && r->line > prev_end);
	fuzz_check(r->end_line >= r->line);
	for (i = 0; i < r->nfields; i++) {
		fuzz_check(r->fields[i][r->lens[i]] == '\0');
		if (i + 1 < r->nfields)
			fuzz_check(r->fields[i + 1] == r->fields[i] + r->lens[i] + 1);
		if (r->problem == CSVIN_OK) {
			fuzz_check(strlen(r->fields[i]) == r->lens[i]);
			fuzz_check(utf8_valid(r->fields[i], r->lens[i]));
		}
	}
	fuzz_check(csvrow_size(r) == (size_t)(r->fields[r->nfields - 1] - r->fields[0]) +
				      r->lens[r->nfields - 1] + 1);
	if (refused(r->problem)) {
		/* its lines as read: one, or for a stray quote a span of them */
		long ends = 0;

		for (i = 0; i < r->lens[0]; i++)
			if (r->fields[0][i] == '\n' || r->fields[0][i] == '\r') {
				if (r->fields[0][i] == '\r' && i + 1 < r->lens[0] &&
				    r->fields[0][i + 1] == '\n')
					i++;
				ends++;
			}
		fuzz_check(r->nfields == 1 && r->lens[0] <= CSVIN_MAX_ROW);
		fuzz_check(r->problem == CSVIN_MALFORMED || r->end_line == r->line);
		if (r->lens[0] < CSVIN_MAX_ROW)
			fuzz_check(ends == r->end_line - r->line);
		else
			fuzz_check(ends <= r->end_line - r->line);
	} else if (r->problem != CSVIN_OK) {
		fuzz_check(r->problem_field < r->nfields || r->problem == CSVIN_TOO_LONG);
	}
	if (r->problem != CSVIN_OK)
		fuzz_check(csvin_problem_text(in, r->problem) != NULL);
}

/*
 * The lines of data (CR, LF and CRLF each end one) that hold a byte other
 * than a line end: *n of them, a 0/1 flag per line from line 1.
 */
static char *
full_lines(const uint8_t *data, size_t size, long *n)
{
	char *full = calloc(size + 2, 1);
	long line = 1;
	size_t i;

	fuzz_check(full != NULL);
	for (i = 0; i < size; i++) {
		if (data[i] == '\r' || data[i] == '\n') {
			if (data[i] == '\r' && i + 1 < size && data[i + 1] == '\n')
				i++;
			line++;
		} else {
			full[line] = 1;
		}
	}
	*n = line;
	return full;
}

/*
 * Read path to its end with the given encoding (NULL: UTF-8).  full (NULL:
 * no check) flags the input's lines that are not empty: when the reader
 * gets to the end, every one of them lies in some record, so nothing was
 * lost.
 */
static void
read_all(const char *path, const char *encoding, const char *full, long nlines)
{
	struct csvin *in = csvin_open(path, encoding);
	struct csvrow r;
	long prev_end = 0, l;
	char *seen = calloc((size_t)nlines + 2, 1), *copy;
	int rc;

	fuzz_check(in != NULL && seen != NULL);
	while ((rc = csvin_next(in, &r)) == 1) {
		size_t size;

		check_row(in, &r, prev_end);
		prev_end = r.end_line;
		if (full)	/* gzip can make more lines than the bytes have */
			fuzz_check(r.end_line <= nlines);
		for (l = r.line; l <= r.end_line && l <= nlines; l++)
			seen[l] = 1;
		/* parsing ahead leaves the row as it was */
		size = csvrow_size(&r);
		copy = malloc(size);
		fuzz_check(copy != NULL);
		memcpy(copy, r.fields[0], size);
		(void)csvin_buffered(in);
		fuzz_check(!memcmp(copy, r.fields[0], size));
		free(copy);
	}
	fuzz_check(rc == 0 || rc == -1);
	if (rc < 0) {
		fuzz_check(*csvin_errmsg(in) != '\0');
		fuzz_check(r.nfields == 0 && r.line >= 1);
		fuzz_check(csvin_next(in, &r) == -1);	/* stays stopped */
	} else {
		fuzz_check(csvin_next(in, &r) == 0);	/* stays at the end */
		for (l = 2; full && l <= nlines; l++)
			fuzz_check(!full[l] || seen[l]);
	}
	(void)csvin_is_tsv(in);
	(void)csvin_line(in);
	csvin_close(in);
	free(seen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_file f;
	long nlines;
	char *full = full_lines(data, size, &nlines);
	/* gzip and UTF-16 change the bytes' lines; line 1 may be a BOM alone */
	int plain = !(size >= 2 && ((data[0] == 0x1f && data[1] == 0x8b) ||
				    (data[0] == 0xff && data[1] == 0xfe) ||
				    (data[0] == 0xfe && data[1] == 0xff)));

	fuzz_check(fuzz_file_open(&f, data, size) == 0);
	read_all(f.path, NULL, plain ? full : NULL, nlines);
	read_all(f.path, "GB18030", plain ? full : NULL, nlines);
	fuzz_file_close(&f);
	free(full);
	return 0;
}
