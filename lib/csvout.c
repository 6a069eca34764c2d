/* csvout.c: RFC 4180 CSV, Excel-style TSV, typed JSON Lines and the workbook's rows. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvout.h"
#include "xlsxout.h"
#include "util.h"
#include "banned.h"

/*
 * The kinds of the columns the tools print, by name: one table for JSON
 * Lines and workbooks alike.  A name not here is text, unless its suffix
 * makes it a percent (out_kind_of) or the tool calls it numeric.
 */
static const struct {
	const char *name;
	enum out_kind kind;
} kinds[] = {
	{ "case_id", OUT_K_ID }, { "first_case", OUT_K_ID }, { "ext_id", OUT_K_ID },
	{ "id_number", OUT_K_ID }, { "phone", OUT_K_ID },
	{ "received", OUT_K_DATE }, { "due", OUT_K_DATE }, { "date", OUT_K_DATE },
	{ "accepted", OUT_K_DATE }, { "transferred", OUT_K_DATE },
	{ "extended", OUT_K_DATE }, { "concluded", OUT_K_DATE },
	{ "replied", OUT_K_DATE }, { "rated", OUT_K_DATE }, { "reviewed", OUT_K_DATE },
	{ "rechecked", OUT_K_DATE }, { "terminated", OUT_K_DATE }, { "closed", OUT_K_DATE },
	{ "law_related", OUT_K_FLAG }, { "collective", OUT_K_FLAG },
	{ "resolved", OUT_K_FLAG }, { "dispute", OUT_K_FLAG },
	{ "persons", OUT_K_NUMBER }, { "days", OUT_K_NUMBER },
	{ "days_left", OUT_K_NUMBER }, { "uncovered", OUT_K_NUMBER },
	{ "total", OUT_K_NUMBER },
};

/* 1 when name ends in suffix, or in suffix and "_before". */
static int
ends_in(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix), b = strlen("_before");

	if (n > b && !strcmp(name + n - b, "_before"))
		n -= b;
	return n > k && !strncmp(name + n - k, suffix, k);
}

enum out_kind
out_kind_of(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(name, kinds[i].name))
			return kinds[i].kind;
	if (ends_in(name, "_rate") || ends_in(name, "_share") || ends_in(name, "_change_pct"))
		return OUT_K_PERCENT;
	return OUT_K_TEXT;
}

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
	o->kind = xcalloc(ncols ? ncols : 1, 1);
	for (i = 0; i < ncols; i++) {
		o->names[i] = xstrdup(names[i]);
		o->kind[i] = (unsigned char)out_kind_of(names[i]);
	}
	/* a workbook's bytes on a terminal help no one */
	if (fmt == OUT_XLSX && isatty(fileno(fp)))
		o->error = ENOTTY;
}

void
out_numeric(struct out *o, size_t col)
{
	if (col < o->ncols && o->kind[col] != OUT_K_ID && o->kind[col] != OUT_K_PERCENT)
		o->kind[col] = OUT_K_NUMBER;
}

void
out_text(struct out *o, size_t col)
{
	if (col < o->ncols && o->kind[col] != OUT_K_ID)
		o->kind[col] = OUT_K_TEXT;
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
	else if (!strcmp(s, "xlsx"))
		*fmt = OUT_XLSX;
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
	if ((o->flags & OUT_BOM) && (o->fmt == OUT_CSV || o->fmt == OUT_TSV))
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

/*
 * A cell's JSON value by its column's kind: empty is null; a number or a
 * percent that reads as one is bare; a flag's yes and no are true, false.
 */
static void
put_json_value(FILE *fp, enum out_kind kind, const char *s)
{
	if (!s || !*s)
		fputs_unlocked("null", fp);
	else if ((kind == OUT_K_NUMBER || kind == OUT_K_PERCENT) && is_number(s))
		fputs_unlocked(s, fp);
	else if (kind == OUT_K_FLAG && (!strcmp(s, "yes") || !strcmp(s, "no")))
		fputs_unlocked(*s == 'y' ? "true" : "false", fp);
	else
		put_json_string(fp, s);
}

/*
 * A row into the workbook, made at the first row (the header): a failure
 * is kept in o->error, as a failed write is, and ends the workbook.
 */
static void
xlsx_put(struct out *o, const char *const *cells)
{
	if (o->error)
		return;
	if (!o->xlsx && !(o->xlsx = xlsx_new(o->kind, o->ncols))) {
		o->error = errno ? errno : EIO;
		return;
	}
	if (xlsx_row(o->xlsx, cells) < 0) {
		o->error = errno;
		xlsx_free(o->xlsx);
		o->xlsx = NULL;
	}
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
	if (o->fmt == OUT_XLSX) {
		xlsx_put(o, cells);
	} else if (o->fmt == OUT_JSONL) {
		fputc_unlocked('{', o->fp);
		for (i = 0; i < o->ncols; i++) {
			if (i)
				fputc_unlocked(',', o->fp);
			put_json_string(o->fp, o->names[i]);
			fputc_unlocked(':', o->fp);
			put_json_value(o->fp, (enum out_kind)o->kind[i], cells[i]);
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
	if (o->fmt == OUT_XLSX)
		return;	/* a workbook's rows all have its columns */
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

	if (o->dest || o->fmt == OUT_XLSX)
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
	if (o->xlsx && o->error) {
		xlsx_free(o->xlsx);
	} else if (o->xlsx) {
		if (xlsx_finish(o->xlsx, o->fp) < 0) {
			if (errno == EPIPE)
				o->closed = 1;
			else
				o->error = errno ? errno : EIO;
		}
		o->xlsx = NULL;
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
	free(o->kind);
	o->names = NULL;
	o->kind = NULL;
	return rc;
}
