/* csvout.h: write records as CSV, TSV or JSON Lines to a stream. */
#ifndef PT_CSVOUT_H
#define PT_CSVOUT_H

#include <stdio.h>
#include <stddef.h>

enum out_format { OUT_CSV, OUT_TSV, OUT_JSONL };

#define OUT_BOM   1	/* start CSV/TSV with a UTF-8 byte order mark (Excel) */
#define OUT_EXCEL 2	/* neutralise cells starting with = + - @ */

/*
 * struct out: one output stream of records with a fixed list of columns.
 * CSV and TSV quote a cell (RFC 4180) when it holds the delimiter, a quote,
 * CR or LF.  JSON Lines writes one object per record, keys from the header;
 * a NULL cell is null, a cell of a numeric column (out_numeric) that looks
 * like a number is written bare, anything else as a string.
 * With OUT_EXCEL a cell starting with = + - @ gets a leading ' unless it is
 * a plain number (days_left -3 stays -3).
 * A reader that closes the pipe (EPIPE) makes the stream "closed": later
 * rows are dropped quietly and out_closed() says so, so a tool can stop.
 */
struct out {
	FILE *fp;
	enum out_format fmt;
	int flags;
	size_t ncols;
	char **names;
	unsigned char *numeric;
	int closed;		/* the reader went away */
	int error;		/* errno of a failed write other than EPIPE */
	int started;
	FILE *dest;		/* out_hold: where out_release writes; else NULL */
	char *held;		/* out_hold: the memory stream's buffer */
	size_t nheld;
};

/* out_init: names are copied; fp is not closed by out_finish. */
void out_init(struct out *o, FILE *fp, enum out_format fmt, int flags,
	      const char *const *names, size_t ncols);

/* out_numeric: write column col bare in JSON Lines when it is a number. */
void out_numeric(struct out *o, size_t col);

/* out_header: write the header line (CSV, TSV; nothing for JSON Lines). */
void out_header(struct out *o);

/* out_row: write one record of o->ncols cells; NULL cells are empty. */
void out_row(struct out *o, const char *const *cells);

/*
 * out_row_n: write n cells as one CSV or TSV record whatever o->ncols is
 * (a ragged row kept as it came, for the rejects file).
 */
void out_row_n(struct out *o, const char *const *cells, size_t n);

/*
 * out_hold: from now on rows wait in memory until out_release writes them
 * to the stream given to out_init: a tool that writes to the ledger prints
 * a batch only after its commit, so what it printed is in the ledger even
 * if it is killed.  Memory holds one batch.  Returns 0, or -1 (errno).
 */
int out_hold(struct out *o);

/*
 * out_release: write and flush what waits in memory (nothing without
 * out_hold).  Write errors are kept for out_finish.
 */
void out_release(struct out *o);

/* out_closed: 1 when the reader closed the pipe; stop producing output. */
int out_closed(const struct out *o);

/*
 * out_finish: release what is held, flush, and free the column names.
 * Returns 0 when everything was written or the reader closed the pipe, -1
 * with errno set when a write failed (the caller exits 74).
 */
int out_finish(struct out *o);

/* out_format_parse: "csv", "tsv", "jsonl" -> 0 and *fmt, else -1. */
int out_format_parse(const char *s, enum out_format *fmt);

#endif
