/* csvin.c: gzip (zlib) -> iconv -> libcsv, one record at a time, with lines. */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "csvin.h"
#include "util.h"
#include "banned.h"

#define RAW_SIZE (64 * 1024)

/* libcsv's parser state before any byte of a record (libcsv.c: ROW_NOT_BEGUN). */
#define LIBCSV_ROW_NOT_BEGUN 0
#define LIBCSV_FIELD_BEGUN 2

/* A byte that never occurs in UTF-8: marks input iconv could not convert. */
#define BAD_BYTE '\xff'

struct csvin {
	char *name;
	const char *encoding;
	gzFile gz;
	iconv_t cd;		/* (iconv_t)-1 when the input is UTF-8 */
	struct csv_parser p;

	char raw[RAW_SIZE];	/* bytes as read, before iconv */
	size_t rawlen;
	char *dec;		/* UTF-8 bytes waiting to be parsed */
	size_t declen, decpos, decalloc;

	int started;		/* first bytes seen (BOM, delimiter decided) */
	int tsv;
	int eof;
	long line;		/* line of the next byte to be parsed */

	/* the record being built */
	struct strbuf arena;
	size_t *offs;
	size_t nf, nfalloc;
	int row_ready;
	long row_start;
	enum csvin_problem problem;
	size_t problem_field;

	/* what the caller sees */
	char **fields;
	size_t *lens;
	size_t fieldsalloc;

	char errmsg[256];
};

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
set_problem(struct csvin *in, enum csvin_problem p, size_t field)
{
	if (in->problem == CSVIN_OK) {
		in->problem = p;
		in->problem_field = field;
	}
}

static void
on_field(void *s, size_t len, void *data)
{
	struct csvin *in = data;

	if (in->nf == in->nfalloc) {
		in->nfalloc = in->nfalloc ? in->nfalloc * 2 : 32;
		in->offs = xrealloc(in->offs, in->nfalloc * sizeof(*in->offs) * 2);
	}
	if (in->arena.len + len > CSVIN_MAX_ROW) {
		set_problem(in, CSVIN_TOO_LONG, in->nf);
		len = 0;
	}
	in->offs[2 * in->nf] = in->arena.len;
	in->offs[2 * in->nf + 1] = len;
	if (len)
		strbuf_add(&in->arena, s, len);
	strbuf_addch(&in->arena, '\0');
	in->nf++;
}

static void
on_row(int c, void *data)
{
	struct csvin *in = data;
	(void)c;
	in->row_ready = 1;
}

struct csvin *
csvin_open(const char *path, const char *encoding)
{
	struct csvin *in;
	int fd;

	if (!path || !strcmp(path, "-")) {
		fd = dup(0);
		path = "<stdin>";
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return NULL;
	in = xcalloc(1, sizeof(*in));
	in->name = xstrdup(path);
	in->cd = (iconv_t)-1;
	if (encoding && strcasecmp(encoding, "UTF-8") && strcasecmp(encoding, "UTF8")) {
		in->cd = iconv_open("UTF-8", encoding);
		if (in->cd == (iconv_t)-1) {
			close(fd);
			free(in->name);
			free(in);
			errno = EINVAL;
			return NULL;
		}
		in->encoding = encoding;
	}
	in->gz = gzdopen(fd, "rb");
	if (!in->gz) {
		close(fd);
		if (in->cd != (iconv_t)-1)
			iconv_close(in->cd);
		free(in->name);
		free(in);
		errno = ENOMEM;
		return NULL;
	}
	gzbuffer(in->gz, 128 * 1024);
	if (csv_init(&in->p, 0) != 0) {
		csvin_close(in);
		errno = ENOMEM;
		return NULL;
	}
	csv_set_space_func(&in->p, no_space);
	csv_set_blk_size(&in->p, 4096);
	strbuf_init(&in->arena);
	in->line = 1;
	return in;
}

const char *
csvin_errmsg(const struct csvin *in)
{
	return in->errmsg;
}

/*
 * The reader stands at the start of a record.  Scan what is decoded for
 * the end of one, the way libcsv reads (not strict): a quote opens a quoted
 * field only where a field starts, "" inside it is a quote, a line end
 * inside it is text; a quote in an unquoted field is text; a quoted field
 * goes on after its closing quote until a delimiter or line end follows
 * (spaces between are skipped); empty lines are skipped.  The scan stops at
 * the first record end, so it costs about one record.
 */
int
csvin_buffered(const struct csvin *in)
{
	enum { ROW_START, FIELD_START, UNQUOTED, QUOTED, QUOTE_SEEN } st = ROW_START;
	unsigned char delim = in->tsv ? CSV_TAB : CSV_COMMA;
	const char *s = in->dec + in->decpos, *end = in->dec + in->declen;

	for (; s < end; s++) {
		unsigned char c = (unsigned char)*s;
		int nl = c == '\n' || c == '\r';
		int space = (c == ' ' || c == '\t') && c != delim;

		switch (st) {
		case ROW_START:
		case FIELD_START:
			if (nl) {
				if (st == FIELD_START)
					return 1;
				continue;	/* an empty line */
			}
			if (c == '"')
				st = QUOTED;
			else if (c == delim)
				st = FIELD_START;
			else if (!space)
				st = UNQUOTED;
			else if (st == ROW_START)
				st = FIELD_START;
			break;
		case UNQUOTED:
			if (nl)
				return 1;
			if (c == delim)
				st = FIELD_START;
			break;
		case QUOTED:
			if (c == '"')
				st = QUOTE_SEEN;
			break;
		case QUOTE_SEEN:
			if (nl)
				return 1;
			if (c == delim)
				st = FIELD_START;
			else if (!space)
				st = QUOTED;	/* "" or text after the closing quote */
			break;
		}
	}
	return 0;
}

int
csvin_is_tsv(const struct csvin *in)
{
	return in->tsv;
}

const char *
csvin_name(const struct csvin *in)
{
	return in->name;
}

const char *
csvin_problem_text(const struct csvin *in, enum csvin_problem p)
{
	switch (p) {
	case CSVIN_OK:
		return "no problem";
	case CSVIN_BAD_ENCODING:
		return in->encoding ? "bytes not valid in the input encoding"
				    : "invalid UTF-8";
	case CSVIN_NUL:
		return "NUL byte";
	case CSVIN_TOO_LONG:
		return "field longer than 1 MiB";
	case CSVIN_UNCLOSED_QUOTE:
		return "quoted field never closed";
	}
	return "?";
}

/* Append n bytes to the decoded buffer. */
static void
dec_add(struct csvin *in, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (in->declen + n > in->decalloc) {
		in->decalloc = (in->declen + n) * 2;
		in->dec = xrealloc(in->dec, in->decalloc);
	}
	memcpy(in->dec + in->declen, s, n);
	in->declen += n;
}

/*
 * Convert in->raw through iconv into the decoded buffer.  A byte sequence
 * the encoding does not have becomes BAD_BYTE (so the record holding it is
 * rejected as badly encoded); an incomplete one at the end waits for more
 * input, or becomes BAD_BYTE at the end of input.
 */
static void
decode(struct csvin *in, int at_eof)
{
	char *src = in->raw;
	size_t left = in->rawlen;
	char out[4 * RAW_SIZE];

	while (left) {
		char *dst = out;
		size_t room = sizeof(out);
		size_t r = iconv(in->cd, &src, &left, &dst, &room);
		dec_add(in, out, (size_t)(dst - out));
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !at_eof)
			break;
		/* EILSEQ, or EINVAL at the end: mark it and skip one byte */
		dec_add(in, (const char[]){ BAD_BYTE }, 1);
		src++;
		left--;
	}
	memmove(in->raw, src, left);
	in->rawlen = left;
}

/* Read more input into the decoded buffer.  Returns bytes added, 0 at EOF, -1 on error. */
static int
fill(struct csvin *in)
{
	size_t before;
	int n;

	if (in->decpos == in->declen)
		in->decpos = in->declen = 0;
	before = in->declen;
	do {
		n = gzread(in->gz, in->raw + in->rawlen, (unsigned)(RAW_SIZE - in->rawlen));
		if (n < 0) {
			int zerr;
			const char *m = gzerror(in->gz, &zerr);
			snprintf(in->errmsg, sizeof(in->errmsg), "%s",
				 zerr == Z_ERRNO ? strerror(errno) : m);
			return -1;
		}
		if (n == 0 && !gzeof(in->gz)) {
			int zerr;
			const char *m = gzerror(in->gz, &zerr);
			if (zerr != Z_OK) {
				snprintf(in->errmsg, sizeof(in->errmsg),
					 "corrupt gzip data: %s", m);
				return -1;
			}
		}
		in->rawlen += (size_t)n;
		if (in->cd == (iconv_t)-1) {
			dec_add(in, in->raw, in->rawlen);
			in->rawlen = 0;
		} else {
			decode(in, n == 0);
		}
	} while (n > 0 && in->declen == before);
	/* gzip: a truncated stream reads as EOF; zlib reports it here */
	if (n == 0) {
		int zerr;
		const char *m = gzerror(in->gz, &zerr);
		if (zerr != Z_OK && zerr != Z_STREAM_END) {
			snprintf(in->errmsg, sizeof(in->errmsg), "corrupt gzip data: %s", m);
			return -1;
		}
	}
	return (int)(in->declen - before);
}

/* On the first bytes: drop a BOM, pick the delimiter from the first line. */
static void
start(struct csvin *in)
{
	const char *s = in->dec + in->decpos;
	size_t n = in->declen - in->decpos, i, tabs = 0, commas = 0;

	if (n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
		in->decpos += 3;
		s += 3;
		n -= 3;
	}
	for (i = 0; i < n && s[i] != '\n' && s[i] != '\r'; i++) {
		tabs += s[i] == '\t';
		commas += s[i] == ',';
	}
	if (tabs > commas) {
		in->tsv = 1;
		csv_set_delim(&in->p, CSV_TAB);
	}
	in->started = 1;
}

/* Check each field of the finished record; build the caller's view. */
static void
finish_row(struct csvin *in, struct csvrow *row)
{
	size_t i;

	if (in->nf > in->fieldsalloc) {
		in->fieldsalloc = in->nf;
		in->fields = xrealloc(in->fields, in->nf * sizeof(*in->fields));
		in->lens = xrealloc(in->lens, in->nf * sizeof(*in->lens));
	}
	for (i = 0; i < in->nf; i++) {
		in->fields[i] = in->arena.buf + in->offs[2 * i];
		in->lens[i] = in->offs[2 * i + 1];
		if (memchr(in->fields[i], '\0', in->lens[i]))
			set_problem(in, CSVIN_NUL, i);
		else if (!utf8_valid(in->fields[i], in->lens[i]))
			set_problem(in, CSVIN_BAD_ENCODING, i);
	}
	row->nfields = in->nf;
	row->fields = in->fields;
	row->lens = in->lens;
	row->line = in->row_start;
	row->end_line = in->line - (in->eof ? 0 : 1);
	if (row->end_line < row->line)
		row->end_line = row->line;
	row->problem = in->problem;
	row->problem_field = in->problem_field;
}

static void
begin_row(struct csvin *in)
{
	in->nf = 0;
	strbuf_reset(&in->arena);
	in->row_ready = 0;
	in->problem = CSVIN_OK;
	in->problem_field = 0;
	in->row_start = in->line;
}

int
csvin_next(struct csvin *in, struct csvrow *row)
{
	if (in->eof)
		return 0;
	if (in->row_ready || in->nf == 0)
		begin_row(in);
	while (!in->row_ready) {
		const char *s;
		size_t n, len;

		if (in->decpos == in->declen) {
			int r = fill(in);
			if (r < 0)
				return -1;
			if (r == 0) {
				if (in->p.pstate == LIBCSV_FIELD_BEGUN && in->p.quoted)
					set_problem(in, CSVIN_UNCLOSED_QUOTE, in->nf);
				csv_fini(&in->p, on_field, on_row, in);
				in->eof = 1;
				if (!in->row_ready)
					return 0;
				break;
			}
		}
		if (!in->started) {
			start(in);
			if (in->decpos == in->declen)
				continue;	/* a BOM was all the first read held */
		}
		/* feed up to and including the next line end: one record end at most */
		s = in->dec + in->decpos;
		n = in->declen - in->decpos;
		for (len = 0; len < n; len++)
			if (s[len] == '\n' || s[len] == '\r') {
				len++;
				break;
			}
		if (in->p.pstate == LIBCSV_ROW_NOT_BEGUN && in->nf == 0)
			in->row_start = in->line;
		if (csv_parse(&in->p, s, len, on_field, on_row, in) != len) {
			snprintf(in->errmsg, sizeof(in->errmsg), "%s",
				 csv_strerror(csv_error(&in->p)));
			return -1;
		}
		in->decpos += len;
		if (s[len - 1] == '\n')
			in->line++;
		if (in->p.entry_pos > CSVIN_MAX_FIELD) {
			/* keep memory flat: drop the field's text, keep parsing */
			in->p.entry_pos = 0;
			set_problem(in, CSVIN_TOO_LONG, in->nf);
		}
	}
	finish_row(in, row);
	return 1;
}

void
csvin_close(struct csvin *in)
{
	if (!in)
		return;
	csv_free(&in->p);
	if (in->gz)
		gzclose(in->gz);
	if (in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	strbuf_release(&in->arena);
	free(in->offs);
	free(in->fields);
	free(in->lens);
	free(in->dec);
	free(in->name);
	free(in);
}
