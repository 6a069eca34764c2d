/* csvin.h: read CSV or TSV records, streaming, through libcsv. */
#ifndef PT_CSVIN_H
#define PT_CSVIN_H

#include <stddef.h>

/*
 * A reader takes a file (or standard input), undoes gzip (zlib's inflate;
 * several members one after the other, as gzip(1) writes them) when the data
 * starts with gzip's magic bytes, reads what a pipe holds as it comes (a
 * record is handed out without waiting for a whole block),
 * reads a UTF-16 file by its byte order mark (FF FE or FE FF: Excel's
 * "Unicode text"), converts from another encoding to UTF-8 through iconv
 * when asked, drops a UTF-8 byte order mark, tells CSV from TSV by the
 * first line (more tabs than commas in it makes it TSV), and hands out one
 * record at a time with the line it starts on.  CR, LF and CRLF each end a
 * line, inside quoted fields too.  Memory is bounded by CSVIN_MAX_FIELD and
 * CSVIN_MAX_ROW, not by the input.
 *
 * The first bytes are looked at before any record: a zip file (an .xlsx
 * workbook) is refused.  The first block read that holds a byte >= 0x80,
 * wherever it comes (a sequence cut at its end waits for the next read),
 * is looked at as read, before any of it is decoded: input that is not
 * UTF-8 but reads as GB18030 when no encoding was named, and UTF-8 text
 * when another (not Unicode) encoding was named, are refused there
 * (csvin_next returns -1 and csvin_errmsg says which and what to do; the
 * records before it were handed out as they were), so neither a row per
 * line of garbage nor mojibake ever comes out.
 *
 * Records are parsed by libcsv in strict mode (RFC 4180 quoting).  A
 * problem inside one record does not stop the reader: the record is
 * returned with its problem set, so the caller can reject just that row
 * and go on.  When the record cannot be parsed at all it comes back as
 * one field holding its bytes as read, cut at CSVIN_MAX_ROW, and parsing
 * starts again on the line after them:
 *  - a stray quote (CSVIN_MALFORMED) on the record's first line: that line
 *    (without its line end);
 *  - a stray quote on a later line (a quoted field over several lines, a
 *    quote inside it not doubled): the lines from the record's first
 *    through that one, their line ends between them kept, as one record
 *    (line to end_line), so no line inside the field is read as a record;
 *  - a quote never closed at the end of input, a quoted field over the
 *    limit, a field or record over the limits: its first line, so lines a
 *    bogus opening quote would have swallowed are read again as records of
 *    their own.
 */

#define CSVIN_MAX_FIELD (1 << 20)	/* bytes in one field */
#define CSVIN_MAX_ROW   (4 << 20)	/* bytes in one record */

enum csvin_problem {
	CSVIN_OK = 0,
	CSVIN_BAD_ENCODING,	/* field not valid UTF-8 (or not valid ENC) */
	CSVIN_NUL,		/* field holds a NUL byte */
	CSVIN_TOO_LONG,		/* a field over CSVIN_MAX_FIELD */
	CSVIN_UNCLOSED_QUOTE,	/* a quoted field runs to the end of input */
	/* the record could not be parsed: its line(s) as read are its one field */
	CSVIN_MALFORMED,	/* a quote where RFC 4180 allows none */
	CSVIN_LONG_QUOTED,	/* a quoted field over several lines, over the limit */
	CSVIN_ROW_TOO_LONG,	/* a record over CSVIN_MAX_ROW */
};

struct csvrow {
	size_t nfields;
	char **fields;		/* NUL-terminated; owned by the reader */
	size_t *lens;
	long line;		/* line of the input the record starts on */
	long end_line;		/* line it ends on */
	enum csvin_problem problem;
	/*
	 * The field with the problem.  For a record that could not be parsed
	 * (MALFORMED, UNCLOSED_QUOTE, LONG_QUOTED, ROW_TOO_LONG, and TOO_LONG
	 * when the field was too long to finish) it is the column the parse
	 * stopped in, which may be past nfields (the record holds one field).
	 */
	size_t problem_field;
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
 * friends from open(2); EISDIR for a directory; EINVAL for an encoding
 * iconv does not know).
 * The reader owns its file descriptor; csvin_close releases all of it.
 */
struct csvin *csvin_open(const char *path, const char *encoding);

/*
 * csvin_next: read the next record into *row (the first call gives the
 * header).  The row's memory belongs to the reader and stays valid until
 * the next csvin_next (csvin_buffered does not touch it).  Returns 1 for a
 * record, 0 at the end of input (and on every call after), -1 on an error
 * that stops reading: corrupt gzip data, a read error, or input refused
 * by its first bytes or by its first block with high bytes (see above).
 * csvin_errmsg says what; on -1, *row holds no fields and row->line and row->end_line are
 * the line the reader stopped on (csvin_line).
 */
int csvin_next(struct csvin *in, struct csvrow *row);

/* csvin_errmsg: text of the last error that stopped reading, without the file name. */
const char *csvin_errmsg(const struct csvin *in);

/*
 * csvin_line: the line the reader stands on: the line of the next byte it
 * would parse (after an error, where it stopped).
 */
long csvin_line(const struct csvin *in);

/*
 * csvin_buffered: 1 when the next record can be had without another read.
 * It parses ahead, with the reader's one parser, over the bytes already
 * read and decoded: a record found complete there is held for the next
 * csvin_next; when the bytes run out first it returns 0 (the next
 * csvin_next would read, which can block on a pipe).  It never reads and
 * leaves the row csvin_next gave valid.  A tool holding a write
 * transaction commits when it returns 0.
 */
int csvin_buffered(struct csvin *in);

/* csvin_is_tsv: 1 once the first line was seen to be tab-separated. */
int csvin_is_tsv(const struct csvin *in);

/* csvin_name: the name used in messages ("<stdin>" for standard input). */
const char *csvin_name(const struct csvin *in);

/* csvin_problem_text: a short phrase for a problem, e.g. "invalid UTF-8". */
const char *csvin_problem_text(const struct csvin *in, enum csvin_problem p);

/* csvin_close: close the file and free the reader and its rows; NULL is a no-op. */
void csvin_close(struct csvin *in);

#endif
