/* csvout.h: write records as CSV, TSV, JSON Lines or an Excel workbook to a stream. */
#ifndef PT_CSVOUT_H
#define PT_CSVOUT_H

#include <stdio.h>
#include <stddef.h>

enum out_format { OUT_CSV, OUT_TSV, OUT_JSONL, OUT_XLSX };

/*
 * What a column holds, found by its name (out_kind_of) or set by the tool
 * (out_numeric): it decides a cell's type in JSON Lines and in a workbook;
 * CSV and TSV print every cell as it is.
 */
enum out_kind {
	OUT_K_TEXT,	/* a string: also when it looks like a number */
	OUT_K_ID,	/* case_id, ext_id, id_number, phone: text, never a number */
	OUT_K_NUMBER,	/* a count: a number when it reads as one */
	OUT_K_PERCENT,	/* a rate or share in percent, one decimal (85.3) */
	OUT_K_DATE,	/* YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS */
	OUT_K_FLAG	/* yes or no */
};

struct xlsx;

#define OUT_BOM   1	/* start CSV/TSV with a UTF-8 byte order mark (Excel) */
#define OUT_EXCEL 2	/* neutralise cells starting with = + - @ */

/*
 * struct out: one output stream of records with a fixed list of columns.
 * CSV and TSV quote a cell (RFC 4180) when it holds the delimiter, a quote,
 * CR or LF.  JSON Lines writes one object per record, keys from the header,
 * typed by the column's kind: an empty or NULL cell is null (text too: no
 * column is ever ""), a number or a percent that reads as a number is a
 * JSON number (a percent as printed: 85.3), a flag's yes and no are true
 * and false, anything else a string.  OUT_XLSX writes one worksheet (see
 * xlsxout.h): nothing reaches the stream before out_finish.
 * With OUT_EXCEL a cell starting with = + - @ gets a leading ' unless it is
 * a plain number (days_left -3 stays -3); a workbook's cells are never
 * formulas, so it needs none.
 * A reader that closes the pipe (EPIPE) makes the stream "closed": later
 * rows are dropped quietly and out_closed() says so, so a tool can stop.
 */
struct out {
	FILE *fp;
	enum out_format fmt;
	int flags;
	size_t ncols;
	char **names;
	unsigned char *kind;	/* enum out_kind of each column */
	int closed;		/* the reader went away */
	int error;		/* errno of a failed write other than EPIPE */
	int started;
	FILE *dest;		/* out_hold: where out_release writes; else NULL */
	char *held;		/* out_hold: the memory stream's buffer */
	size_t nheld;
	struct xlsx *xlsx;	/* OUT_XLSX: the workbook, from the first row on */
};

/*
 * out_init: names are copied, each column's kind found by out_kind_of; fp
 * is not closed by out_finish.  For OUT_XLSX fp must not be a terminal:
 * then every row fails (ENOTTY, for out_finish to report) and nothing is
 * written to it.
 */
void out_init(struct out *o, FILE *fp, enum out_format fmt, int flags,
	      const char *const *names, size_t ncols);

/*
 * out_numeric: column col holds counts (a number when it reads as one),
 * whatever its name says (pt-stats' due and accepted are counts), unless
 * its name made it an id or a percent, which stay as they are.
 */
void out_numeric(struct out *o, size_t col);

/*
 * out_text: column col holds text (a string in JSON Lines and a workbook),
 * whatever its name says (pt-stats' groups: law_related's yes and no, and
 * "total" below them), unless its name made it an id, which stays one.
 */
void out_text(struct out *o, size_t col);

/*
 * out_kind_of: the kind of a column named name, by one table: case_id,
 * first_case, ext_id, id_number, phone are ids; received, due, date,
 * accepted and the other dates of a case's life are dates; a name ending
 * in _rate, _share or _change_pct (or one of these and _before) is a
 * percent; law_related, collective, resolved, dispute are flags; persons,
 * days, days_left and the like are numbers; any other is text.
 */
enum out_kind out_kind_of(const char *name);

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
 * A workbook (OUT_XLSX) reaches the stream only at out_finish, after the
 * tool's last commit, so for it holding changes nothing.
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
 * out_finish: release what is held, flush, and free the column names.  A
 * workbook is closed and copied to the stream (none when no header nor row
 * was written).  Returns 0 when everything was written or the reader
 * closed the pipe, -1 with errno set when a write failed (the caller exits
 * 74).
 */
int out_finish(struct out *o);

/* out_format_parse: "csv", "tsv", "jsonl" ("json"), "xlsx" -> 0 and *fmt, else -1. */
int out_format_parse(const char *s, enum out_format *fmt);

#endif
