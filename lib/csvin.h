/* csvin.h: read CSV or TSV records, streaming, through libcsv. */
#ifndef PT_CSVIN_H
#define PT_CSVIN_H

#include <stddef.h>

/*
 * A reader takes a file (or standard input), undoes gzip when the data
 * starts with gzip's magic bytes (zlib reads plain data through as it is),
 * converts from another encoding to UTF-8 through iconv when asked, drops a
 * UTF-8 byte order mark, tells CSV from TSV by the first line (a tab in it
 * makes it TSV), and hands out one record at a time with the line it starts
 * on.  Memory is bounded by CSVIN_MAX_FIELD and CSVIN_MAX_ROW, not by the
 * input.
 *
 * Problems inside one record do not stop the reader: the record is returned
 * with its problem set, so the caller can reject just that row and go on.
 */

#define CSVIN_MAX_FIELD (1 << 20)	/* bytes in one field */
#define CSVIN_MAX_ROW   (4 << 20)	/* bytes in one record */

enum csvin_problem {
	CSVIN_OK = 0,
	CSVIN_BAD_ENCODING,	/* field not valid UTF-8 (or not valid ENC) */
	CSVIN_NUL,		/* field holds a NUL byte */
	CSVIN_TOO_LONG,		/* field or record over the limits */
	CSVIN_UNCLOSED_QUOTE,	/* a quoted field runs to the end of input */
};

struct csvrow {
	size_t nfields;
	char **fields;		/* NUL-terminated; owned by the reader */
	size_t *lens;
	long line;		/* line of the input the record starts on */
	long end_line;		/* line it ends on */
	enum csvin_problem problem;
	size_t problem_field;	/* index of the field with the problem */
};

/*
 * csvrow_size: the bytes a record's fields take: they lie in one block, in
 * order from fields[0], each followed by a NUL, so a copy of that block
 * copies the record (field i at the same offset as fields[i] - fields[0]).
 */
static inline size_t
csvrow_size(const struct csvrow *r)
{
	return r->nfields ? (size_t)(r->fields[r->nfields - 1] - r->fields[0]) +
			    r->lens[r->nfields - 1] + 1 : 0;
}

struct csvin;

/*
 * csvin_open: open path ("-" or NULL: standard input) for reading; encoding
 * NULL means UTF-8.  Returns the reader, or NULL with errno set (ENOENT and
 * friends from open(2); EINVAL for an encoding iconv does not know).
 * The reader owns its file descriptor; csvin_close releases all of it.
 */
struct csvin *csvin_open(const char *path, const char *encoding);

/*
 * csvin_next: read the next record into *row (the first call gives the
 * header).  The row's memory stays valid until the next call.  Returns 1
 * for a record, 0 at the end of input, -1 on an error that stops reading
 * (corrupt gzip data, a read error): csvin_errmsg says what.
 */
int csvin_next(struct csvin *in, struct csvrow *row);

/* csvin_errmsg: text of the last error that stopped reading. */
const char *csvin_errmsg(const struct csvin *in);

/*
 * csvin_buffered: 1 when the next record can be had without another read:
 * the decoded bytes waiting hold its end, outside quotes.  A tool holding a
 * write transaction commits before a read that could block on a pipe.
 */
int csvin_buffered(const struct csvin *in);

/* csvin_is_tsv: 1 once the first line was seen to be tab-separated. */
int csvin_is_tsv(const struct csvin *in);

/* csvin_name: the name used in messages ("<stdin>" for standard input). */
const char *csvin_name(const struct csvin *in);

/* csvin_problem_text: a short phrase for a problem, e.g. "invalid UTF-8". */
const char *csvin_problem_text(const struct csvin *in, enum csvin_problem p);

void csvin_close(struct csvin *in);

#endif
