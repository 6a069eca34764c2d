/* csvout.c: RFC 4180 CSV, Excel-style TSV and JSON Lines writers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "util.h"
#include "banned.h"

void
out_init(struct out *o, FILE *fp, enum out_format fmt, int flags,
	 const char *const *names, size_t ncols)
{
	size_t i;

	memset(o, 0, sizeof(*o));
	o->fp = fp;
	o->fmt = fmt;
	o->flags = flags;
	o->ncols = ncols;
	o->names = xcalloc(ncols, sizeof(*o->names));
	o->numeric = xcalloc(ncols, 1);
	for (i = 0; i < ncols; i++)
		o->names[i] = xstrdup(names[i]);
}

void
out_numeric(struct out *o, size_t col)
{
	if (col < o->ncols)
		o->numeric[col] = 1;
}

int
out_format_parse(const char *s, enum out_format *fmt)
{
	if (!strcmp(s, "csv"))
		*fmt = OUT_CSV;
	else if (!strcmp(s, "tsv"))
		*fmt = OUT_TSV;
	else if (!strcmp(s, "jsonl") || !strcmp(s, "json"))
		*fmt = OUT_JSONL;
	else
		return -1;
	return 0;
}

/* A plain decimal number: -?digits(.digits)? */
static int
is_number(const char *s)
{
	const char *p = s;
	if (*p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

/*
 * After a record: a write that failed keeps its errno in o->error.  The
 * writers set errno to 0 before a record, so a value left by an earlier,
 * unrelated call is never taken for the failure's.
 */
static void
check(struct out *o)
{
	if (ferror(o->fp) && !o->closed) {
		if (errno == EPIPE)
			o->closed = 1;
		else if (!o->error)
			o->error = errno ? errno : EIO;
	}
}

static void
start(struct out *o)
{
	if (o->started)
		return;
	o->started = 1;
	if ((o->flags & OUT_BOM) && o->fmt != OUT_JSONL)
		fputs_unlocked("\xef\xbb\xbf", o->fp);
}

static void
put_cell(struct out *o, const char *s)
{
	FILE *fp = o->fp;
	char delim = o->fmt == OUT_TSV ? '\t' : ',';

	int quote;

	if (!s)
		return;
	quote = strpbrk(s, "\"\r\n") || strchr(s, delim);
	if (quote)
		fputc_unlocked('"', fp);
	/* the ' that neutralises a formula is part of the cell, inside its quotes */
	if ((o->flags & OUT_EXCEL) && *s && strchr("=+-@", *s) && !is_number(s))
		fputc_unlocked('\'', fp);
	if (!quote) {
		fputs_unlocked(s, fp);
		return;
	}
	for (; *s; s++) {
		if (*s == '"')
			fputc_unlocked('"', fp);
		fputc_unlocked(*s, fp);
	}
	fputc_unlocked('"', fp);
}

static void
put_json_string(FILE *fp, const char *s)
{
	fputc_unlocked('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			fputc_unlocked('\\', fp);
			fputc_unlocked(c, fp);
		} else if (c == '\n') {
			fputs_unlocked("\\n", fp);
		} else if (c == '\r') {
			fputs_unlocked("\\r", fp);
		} else if (c == '\t') {
			fputs_unlocked("\\t", fp);
		} else if (c < 0x20) {
			fprintf(fp, "\\u%04x", c);
		} else {
			fputc_unlocked(c, fp);
		}
	}
	fputc_unlocked('"', fp);
}

void
out_header(struct out *o)
{
	if (o->closed)
		return;
	start(o);
	if (o->fmt != OUT_JSONL)
		out_row(o, (const char *const *)o->names);
	check(o);
}

void
out_row(struct out *o, const char *const *cells)
{
	size_t i;

	if (o->closed)
		return;
	errno = 0;
	start(o);
	if (o->fmt == OUT_JSONL) {
		fputc_unlocked('{', o->fp);
		for (i = 0; i < o->ncols; i++) {
			const char *s = cells[i];
			if (i)
				fputc_unlocked(',', o->fp);
			put_json_string(o->fp, o->names[i]);
			fputc_unlocked(':', o->fp);
			if (!s)
				fputs_unlocked("null", o->fp);
			else if (o->numeric[i] && is_number(s))
				fputs_unlocked(s, o->fp);
			else
				put_json_string(o->fp, s);
		}
		fputs_unlocked("}\n", o->fp);
		check(o);
	} else {
		out_row_n(o, cells, o->ncols);
	}
}

void
out_row_n(struct out *o, const char *const *cells, size_t n)
{
	size_t i;

	if (o->closed)
		return;
	errno = 0;
	start(o);
	for (i = 0; i < n; i++) {
		if (i)
			fputc_unlocked(o->fmt == OUT_TSV ? '\t' : ',', o->fp);
		put_cell(o, cells[i]);
	}
	fputc_unlocked('\n', o->fp);
	check(o);
}

int
out_closed(const struct out *o)
{
	return o->closed;
}

int
out_hold(struct out *o)
{
	FILE *mem;

	if (o->dest)
		return 0;
	if (!(mem = open_memstream(&o->held, &o->nheld)))
		return -1;
	o->dest = o->fp;
	o->fp = mem;
	return 0;
}

void
out_release(struct out *o)
{
	FILE *mem = o->fp;

	if (!o->dest)
		return;
	errno = 0;
	if (fflush(mem) != 0) {
		if (!o->error)
			o->error = errno ? errno : ENOMEM;
		return;
	}
	o->fp = o->dest;
	if (o->nheld && !o->closed) {
		errno = 0;
		fwrite_unlocked(o->held, 1, o->nheld, o->fp);
		fflush(o->fp);
		check(o);
	}
	o->fp = mem;
	rewind(mem);
}

int
out_finish(struct out *o)
{
	size_t i;
	int rc = 0;

	if (o->dest) {
		out_release(o);
		fclose(o->fp);
		free(o->held);
		o->fp = o->dest;
		o->dest = NULL;
		o->held = NULL;
	}
	errno = 0;
	if (!o->closed && fflush(o->fp) != 0) {
		if (errno == EPIPE)
			o->closed = 1;
		else if (!o->error)
			o->error = errno ? errno : EIO;
	}
	if (o->error) {
		errno = o->error;
		rc = -1;
	}
	for (i = 0; i < o->ncols; i++)
		free(o->names[i]);
	free(o->names);
	free(o->numeric);
	o->names = NULL;
	o->numeric = NULL;
	return rc;
}
