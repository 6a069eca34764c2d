/* csvin.c: gzip (zlib) -> iconv -> libcsv, one record at a time, with lines. */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "csvin.h"
#include "i18n.h"
#include "util.h"
#include "banned.h"

#define RAW_SIZE (64 * 1024)
#define CHUNK_MAX (64 * 1024)	/* bytes given to libcsv at once when no line end comes */
#define BLK_SIZE 4096		/* libcsv grows its field buffer by this much */
/* the most libcsv's field buffer may take: a full field and one block of slack */
#define FIELD_ALLOC_MAX ((size_t)CSVIN_MAX_FIELD + BLK_SIZE)

/* A byte that never occurs in UTF-8: marks input iconv could not convert. */
#define BAD_BYTE '\xff'

/*
 * How the reader moves: decoded bytes wait in dec; libcsv is fed from
 * dec[decpos] one line (up to and including its line end) at a time, so a
 * record can only end at the end of what was fed.  dec keeps the bytes of
 * the record being read from its first one (rec_start), so that a record
 * libcsv refuses can be handed out as its first line and parsing can start
 * again on the line after it.
 */
struct csvin {
	char *name;
	char *encoding;		/* NULL: UTF-8; else what iconv converts from */
	int fd;
	int gzip;		/* 1: inflating; 2: a member ended, another may follow */
	z_stream z;
	unsigned char zin[RAW_SIZE];	/* compressed bytes, for z */
	iconv_t cd;		/* (iconv_t)-1 when the input is UTF-8 */
	size_t unit;		/* bytes skipped past an unconvertible sequence */
	struct csv_parser p;

	char raw[RAW_SIZE];	/* bytes as read, before iconv */
	size_t rawlen;
	char *dec;		/* UTF-8 bytes, from the current record's start */
	size_t declen, decpos, decalloc;

	int looked;		/* first raw bytes looked at (zip, UTF-16) */
	int high_seen;		/* a byte >= 0x80 was read: the encoding check is done */
	size_t tail;		/* raw bytes held back undecoded until the check (a cut sequence) */
	int started;		/* first decoded bytes seen (BOM, delimiter decided) */
	int tsv;
	int input_eof;		/* the input has no more bytes */
	int failed;		/* an error stopped reading: errmsg */
	int done;		/* csvin_next returned 0 */
	long line;		/* line of dec[decpos] */
	int cr;			/* the last line end was a CR: an LF now ends no line */

	/* the record being read */
	int in_rec;
	size_t rec_start;	/* its first byte in dec */
	long rec_line;
	int row_ended;		/* libcsv called on_row */
	enum csvin_problem pending;	/* libcsv refused it: find its first line's end */
	size_t pending_field;
	int span;		/* it costs its lines through the one parsing stopped on */
	size_t scanned;		/* bytes from rec_start past the last line end it costs */
	int skipping;		/* dropping the rest of a first line over CSVIN_MAX_ROW */
	struct strbuf arena[2];	/* fields: one for the row handed out, one for the next */
	int build;		/* the arena the record being read goes into */
	size_t *offs;		/* offset and length of each field in arena[build] */
	size_t nf, nfalloc;
	enum csvin_problem problem;
	size_t problem_field;

	/* a complete record, waiting for csvin_next */
	int held;
	long held_line, held_end;

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

/* libcsv's realloc: no field buffer past FIELD_ALLOC_MAX (libcsv then fails with CSV_ENOMEM). */
static void *
capped_realloc(void *p, size_t n)
{
	if (n > FIELD_ALLOC_MAX)
		return NULL;
	return realloc(p, n);
}

/* A parser in its first state, set up for this input.  Returns 0, or -1. */
static int
parser_init(struct csvin *in)
{
	if (csv_init(&in->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return -1;
	csv_set_space_func(&in->p, no_space);
	csv_set_blk_size(&in->p, BLK_SIZE);
	csv_set_realloc_func(&in->p, capped_realloc);
	if (in->tsv)
		csv_set_delim(&in->p, CSV_TAB);
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

/* Append one field to the record being read. */
static void
add_field(struct csvin *in, const void *s, size_t len)
{
	struct strbuf *a = &in->arena[in->build];

	if (in->nf == in->nfalloc) {
		in->nfalloc = in->nfalloc ? in->nfalloc * 2 : 32;
		in->offs = xrealloc(in->offs, in->nfalloc * sizeof(*in->offs) * 2);
	}
	in->offs[2 * in->nf] = a->len;
	in->offs[2 * in->nf + 1] = len;
	if (len)
		strbuf_add(a, s, len);
	strbuf_addch(a, '\0');
	in->nf++;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct csvin *in = data;

	/* libcsv's buffer may hold a block more than a field may */
	if (len > CSVIN_MAX_FIELD)
		set_problem(in, CSVIN_TOO_LONG, in->nf);
	add_field(in, s, len);
}

static void
on_row(int c, void *data)
{
	struct csvin *in = data;
	(void)c;
	in->row_ended = 1;
}

struct csvin *
csvin_open(const char *path, const char *encoding)
{
	struct csvin *in;
	struct stat st;
	int fd;

	if (!path || !strcmp(path, "-")) {
		fd = dup(0);
		path = "<stdin>";
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return NULL;
	}
	in = xcalloc(1, sizeof(*in));
	in->fd = fd;
	in->name = xstrdup(path);
	in->cd = (iconv_t)-1;
	in->unit = 1;
	strbuf_init(&in->arena[0]);
	strbuf_init(&in->arena[1]);
	if (encoding && strcasecmp(encoding, "UTF-8") && strcasecmp(encoding, "UTF8")) {
		in->cd = iconv_open("UTF-8", encoding);
		if (in->cd == (iconv_t)-1) {
			csvin_close(in);
			errno = EINVAL;
			return NULL;
		}
		in->encoding = xstrdup(encoding);
	}
	if (parser_init(in) != 0) {
		csvin_close(in);
		errno = ENOMEM;
		return NULL;
	}
	in->line = 1;
	return in;
}

const char *
csvin_errmsg(const struct csvin *in)
{
	return in->errmsg;
}

long
csvin_line(const struct csvin *in)
{
	return in->line;
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
	case CSVIN_MALFORMED:
		return "malformed CSV: stray quote";
	case CSVIN_LONG_QUOTED:
		return "quoted field longer than 1 MiB (a quote never closed?)";
	case CSVIN_ROW_TOO_LONG:
		return "record longer than 4 MiB";
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
 * rejected as badly encoded) and in->unit bytes are skipped; an incomplete
 * one at the end waits for more input, or becomes BAD_BYTE at the end of
 * input.
 */
static void
decode(struct csvin *in, int at_eof)
{
	char *src = in->raw;
	size_t left = in->rawlen;
	char out[4 * RAW_SIZE];

	while (left) {
		char *dst = out;
		size_t room = sizeof(out), skip;
		size_t r = iconv(in->cd, &src, &left, &dst, &room);
		dec_add(in, out, (size_t)(dst - out));
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !at_eof)
			break;
		/* EILSEQ, or EINVAL at the end: mark it and skip a unit */
		dec_add(in, (const char[]){ BAD_BYTE }, 1);
		skip = in->unit < left ? in->unit : left;
		src += skip;
		left -= skip;
	}
	memmove(in->raw, src, left);
	in->rawlen = left;
}

/* The n bytes at s less an incomplete UTF-8 sequence at their end (a read may cut one). */
static size_t
utf8_whole(const unsigned char *s, size_t n)
{
	size_t i = n, k = 0, need;

	while (i > 0 && k < 3 && (s[i - 1] & 0xc0) == 0x80)
		i--, k++;
	if (i == 0 || s[i - 1] < 0xc0)
		return n;
	need = s[i - 1] >= 0xf0 ? 4 : s[i - 1] >= 0xe0 ? 3 : 2;
	return n - (i - 1) < need ? i - 1 : n;
}

/* 1 when the n bytes at s convert from encoding to UTF-8 without an invalid sequence. */
static int
converts(const char *s, size_t n, const char *encoding)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	char *src = (char *)s, out[4096];
	size_t left = n;
	int ok = 1;

	if (cd == (iconv_t)-1)
		return 0;
	while (left) {
		char *dst = out;
		size_t room = sizeof(out);
		if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		ok = errno == EINVAL;	/* cut at the end of the block: fine */
		break;
	}
	iconv_close(cd);
	return ok;
}

static int
has_high_bytes(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= 0x80)
			return 1;
	return 0;
}

/* 1 for the names of Unicode encodings: iconv reads those as they are. */
static int
unicode_name(const char *e)
{
	return !strncasecmp(e, "UTF", 3) || !strncasecmp(e, "UCS", 3) ||
	       !strncasecmp(e, "UNICODE", 7);
}

/*
 * Look at the first bytes read, before anything is decoded: refuse a zip
 * file, switch to UTF-16 by its byte order mark.  Returns 0, or -1 with
 * errmsg set.
 */
static int
look(struct csvin *in)
{
	const unsigned char *s = (const unsigned char *)in->raw;
	size_t n = in->rawlen;

	if (n >= 4 && !memcmp(s, "PK\003\004", 4)) {
		snprintf(in->errmsg, sizeof(in->errmsg), _("not CSV but a zip file "
			 "(an .xlsx workbook?): convert it to CSV first, e.g. with xlsx2csv"));
		return -1;
	}
	if (n >= 2 && ((s[0] == 0xff && s[1] == 0xfe) || (s[0] == 0xfe && s[1] == 0xff))) {
		const char *e = s[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
		if (in->encoding)
			return 0;	/* as named */
		if ((in->cd = iconv_open("UTF-8", e)) == (iconv_t)-1) {
			snprintf(in->errmsg, sizeof(in->errmsg), "cannot convert from %s: %s",
				 e, strerror(errno));
			return -1;
		}
		in->encoding = xstrdup(e);
		in->unit = 2;
		memmove(in->raw, in->raw + 2, n - 2);	/* the byte order mark */
		in->rawlen -= 2;
		return 0;
	}
	return 0;
}

/*
 * Look at the first raw block that holds a byte >= 0x80, before any of it
 * is decoded: refuse what the named encoding (or UTF-8) plainly is not.
 * Until such a block comes, every block is looked at; when its only high
 * bytes are a sequence cut at its end, in->tail says how many bytes to hold
 * back (they wait for the next read).  Returns 0, or -1 with errmsg set.
 */
static int
look_high(struct csvin *in, int at_eof)
{
	const unsigned char *s = (const unsigned char *)in->raw;
	size_t n = in->rawlen, whole = utf8_whole(s, n);

	in->tail = 0;
	if (in->encoding && unicode_name(in->encoding)) {
		in->high_seen = 1;
		return 0;
	}
	if (!has_high_bytes(s, whole)) {
		if (whole < n) {
			if (at_eof)
				in->high_seen = 1;	/* a cut sequence only: its row is rejected */
			else
				in->tail = n - whole;
		}
		return 0;
	}
	in->high_seen = 1;
	if (!in->encoding) {
		if (!utf8_valid(in->raw, whole) && converts(in->raw, n, "GB18030")) {
			snprintf(in->errmsg, sizeof(in->errmsg), _("not valid UTF-8, but valid "
				 "GB18030 (how Excel saves CSV on a Chinese Windows): "
				 "read it with -E GB18030"));
			return -1;
		}
	} else if (utf8_valid(in->raw, whole)) {
		snprintf(in->errmsg, sizeof(in->errmsg), _("already UTF-8, not %s: leave out -E"),
			 in->encoding);
		return -1;
	}
	return 0;
}

/* read(2) once into buf, again on EINTR: bytes read, 0 at the end, -1 with errmsg. */
static ssize_t
read_some(struct csvin *in, void *buf, size_t n)
{
	ssize_t r;

	do
		r = read(in->fd, buf, n);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		snprintf(in->errmsg, sizeof(in->errmsg), "read error: %s", strerror(errno));
	return r;
}

static int
gzip_failed(struct csvin *in, const char *why)
{
	snprintf(in->errmsg, sizeof(in->errmsg), "corrupt gzip data (%s)", why);
	return -1;
}

/*
 * At the end of a gzip member: another follows when the next bytes are
 * gzip's magic; anything else after a member is ignored, as gzip(1) does.
 * Returns 1 to go on inflating, 0 at the end, -1 with errmsg.
 */
static int
gzip_next_member(struct csvin *in)
{
	z_stream *z = &in->z;
	ssize_t r;

	while (z->avail_in < 2) {
		memmove(in->zin, z->next_in, z->avail_in);
		z->next_in = in->zin;
		if ((r = read_some(in, in->zin + z->avail_in, sizeof(in->zin) - z->avail_in)) < 0)
			return -1;
		if (r == 0)
			return 0;
		z->avail_in += (unsigned)r;
	}
	if (z->next_in[0] != 0x1f || z->next_in[1] != 0x8b)
		return 0;
	if (inflateReset(z) != Z_OK)
		return gzip_failed(in, "cannot restart");
	in->gzip = 1;
	return 1;
}

/*
 * Inflate into raw what the compressed input gives, reading it as it
 * comes: returns as soon as some bytes are out (so a pipe is read record
 * by record, not block by block), 0 at the end, -1 with errmsg.
 */
static ssize_t
gzip_read(struct csvin *in)
{
	z_stream *z = &in->z;

	for (;;) {
		size_t room = RAW_SIZE - in->rawlen, out;
		int rc;

		if (in->gzip == 2 && (rc = gzip_next_member(in)) <= 0)
			return rc;
		if (z->avail_in == 0) {
			ssize_t r = read_some(in, in->zin, sizeof(in->zin));
			if (r < 0)
				return -1;
			if (r == 0)
				return gzip_failed(in, "unexpected end of file");
			z->next_in = in->zin;
			z->avail_in = (unsigned)r;
		}
		z->next_out = (unsigned char *)in->raw + in->rawlen;
		z->avail_out = (unsigned)room;
		rc = inflate(z, Z_NO_FLUSH);
		out = room - z->avail_out;
		if (rc == Z_STREAM_END)
			in->gzip = 2;
		else if (rc != Z_OK && rc != Z_BUF_ERROR)
			return gzip_failed(in, z->msg ? z->msg : zError(rc));
		if (out)
			return (ssize_t)out;
	}
}

/*
 * The first bytes: at least four (or all there are), enough to tell gzip,
 * zip and a byte order mark.  gzip's magic starts inflating them.
 * Returns 0, or -1 with errmsg.
 */
static int
first_bytes(struct csvin *in)
{
	ssize_t r = 1;

	while (in->rawlen < 4 && (r = read_some(in, in->raw + in->rawlen,
						   RAW_SIZE - in->rawlen)) > 0)
		in->rawlen += (size_t)r;
	if (r < 0)
		return -1;
	if (in->rawlen < 2 || (unsigned char)in->raw[0] != 0x1f ||
	    (unsigned char)in->raw[1] != 0x8b)
		return 0;
	memcpy(in->zin, in->raw, in->rawlen);
	in->z.next_in = in->zin;
	in->z.avail_in = (unsigned)in->rawlen;
	in->rawlen = 0;
	if (inflateInit2(&in->z, 16 + MAX_WBITS) != Z_OK) {
		snprintf(in->errmsg, sizeof(in->errmsg), "out of memory for gzip");
		return -1;
	}
	in->gzip = 1;
	return 0;
}

/*
 * Read once more into the decoded buffer (it may gain no bytes: iconv can
 * wait for the rest of a sequence).  The bytes before the current record
 * go first.  Returns 0, or -1 with errmsg set.
 */
static int
fill(struct csvin *in)
{
	size_t keep = in->in_rec ? in->rec_start : in->decpos;
	ssize_t n;
	int first = !in->looked;
	char held[4];
	size_t tail;

	if (keep && (keep == in->declen || in->decalloc - in->declen < 5 * RAW_SIZE)) {
		memmove(in->dec, in->dec + keep, in->declen - keep);
		in->declen -= keep;
		in->decpos -= keep;
		if (in->in_rec)
			in->rec_start -= keep;
	}
	if (first && first_bytes(in) < 0)
		return -1;
	if (in->gzip)
		n = gzip_read(in);
	else if (first)
		n = (ssize_t)in->rawlen;	/* first_bytes read them */
	else
		n = read_some(in, in->raw + in->rawlen, RAW_SIZE - in->rawlen);
	if (n < 0)
		return -1;
	if (n == 0)
		in->input_eof = 1;
	if (!first || in->gzip)
		in->rawlen += (size_t)n;
	if (first) {
		in->looked = 1;
		if (look(in) < 0)
			return -1;
	}
	if (!in->high_seen && look_high(in, n == 0) < 0)
		return -1;
	tail = in->tail;
	memcpy(held, in->raw + in->rawlen - tail, tail);
	in->rawlen -= tail;
	if (in->cd == (iconv_t)-1) {
		dec_add(in, in->raw, in->rawlen);
		in->rawlen = 0;
	} else {
		decode(in, n == 0);
	}
	memcpy(in->raw + in->rawlen, held, tail);
	in->rawlen += tail;
	return 0;
}

static int
is_eol(char c)
{
	return c == '\n' || c == '\r';
}

/*
 * On the first bytes: drop a BOM, pick the delimiter from the first line,
 * once its end is in (or the input's end, or CSVIN_MAX_ROW bytes of it).
 * Returns 1 when decided, 0 when more bytes are needed.
 */
static int
start(struct csvin *in)
{
	const char *s = in->dec + in->decpos;
	size_t n = in->declen - in->decpos, i, tabs = 0, commas = 0;

	for (i = 0; i < n && !is_eol(s[i]); i++)
		;
	if (i == n && n < CSVIN_MAX_ROW && !in->input_eof)
		return 0;
	if (n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
		in->decpos += 3;
		s += 3;
		n -= 3;
	}
	for (i = 0; i < n && !is_eol(s[i]); i++) {
		tabs += s[i] == '\t';
		commas += s[i] == ',';
	}
	if (tabs > commas) {
		in->tsv = 1;
		csv_set_delim(&in->p, CSV_TAB);
	}
	in->started = 1;
	return 1;
}

/* Count the line end c just passed: CR, LF, and the LF of a CRLF not again. */
static void
line_end(struct csvin *in, char c)
{
	if (c == '\n' && in->cr) {
		in->cr = 0;
		return;
	}
	in->line++;
	in->cr = c == '\r';
}

static void
begin_record(struct csvin *in)
{
	in->in_rec = 1;
	in->rec_start = in->decpos;
	in->rec_line = in->line;
	in->nf = 0;
	strbuf_reset(&in->arena[in->build]);
	in->problem = CSVIN_OK;
	in->problem_field = 0;
}

static void
hold(struct csvin *in, long end_line)
{
	in->in_rec = 0;
	in->held = 1;
	in->held_line = in->rec_line;
	in->held_end = end_line < in->rec_line ? in->rec_line : end_line;
}

/*
 * libcsv refused the record (resolve hands it out).  A stray quote found
 * on a line after the record's first (a quoted field over several lines,
 * with an unescaped quote in it) costs the record's lines through that
 * one; anything else costs its first line only.
 */
static void
refuse(struct csvin *in, enum csvin_problem p)
{
	in->pending = p;
	in->pending_field = in->nf;
	in->span = p == CSVIN_MALFORMED;
	/* the bytes before decpos lie on lines before in->line, or hold no line end */
	in->scanned = in->span ? in->decpos - in->rec_start : 0;
}

/*
 * A refused record: find the end of the line it ends on (its first line,
 * or for a span the line libcsv stopped on), hand its bytes up to there
 * out as the record's one field (cut at CSVIN_MAX_ROW), and start a new
 * parser on the line after it.  Returns 1 when the record is held, 2 when
 * a read is needed and may_read is 0, -1 on a read error.
 */
static int
resolve(struct csvin *in, int may_read)
{
	const char *s;
	size_t n, i;
	long end_line;

	for (;;) {
		s = in->dec + in->rec_start;
		n = in->declen - in->rec_start;
		for (i = in->scanned; i < n && !is_eol(s[i]); i++)
			;
		in->scanned = i;
		if (i < n || n >= CSVIN_MAX_ROW || in->input_eof)
			break;
		if (!may_read)
			return 2;
		if (fill(in) < 0)
			return -1;
	}
	in->nf = 0;
	strbuf_reset(&in->arena[in->build]);
	add_field(in, s, i < CSVIN_MAX_ROW ? i : CSVIN_MAX_ROW);
	in->problem = in->pending;
	in->problem_field = in->pending_field;
	in->pending = CSVIN_OK;
	if (!in->span)
		in->line = in->rec_line;
	end_line = in->line;
	in->cr = 0;
	if (i < n) {
		line_end(in, s[i]);
		in->decpos = in->rec_start + i + 1;
	} else {
		in->decpos = in->declen;
		in->skipping = !in->input_eof;	/* the rest of the line goes */
	}
	hold(in, end_line);
	csv_free(&in->p);
	if (parser_init(in) != 0) {
		snprintf(in->errmsg, sizeof(in->errmsg), "cannot restart the CSV parser");
		return -1;
	}
	return 1;
}

/* Give libcsv the next line (or CHUNK_MAX bytes of it).  Returns 0, or -1. */
static int
feed(struct csvin *in)
{
	const char *s = in->dec + in->decpos;
	size_t n = in->declen - in->decpos, len;
	long end_line;
	int eol;

	if (n > CHUNK_MAX)
		n = CHUNK_MAX;
	for (len = 0; len < n && !is_eol(s[len]); len++)
		;
	eol = len < n;
	len += eol;
	if (!in->in_rec) {
		if (eol && len == 1) {	/* an empty line, or the LF of a CRLF */
			line_end(in, s[0]);
			in->decpos++;
			return 0;
		}
		begin_record(in);
	}
	in->row_ended = 0;
	if (csv_parse(&in->p, s, len, on_field, on_row, in) != len) {
		int e = csv_error(&in->p);
		if (e == CSV_EPARSE) {
			refuse(in, CSVIN_MALFORMED);
		} else if (csv_get_buffer_size(&in->p) >= CSVIN_MAX_FIELD) {
			/* capped_realloc refused: a field over the limit */
			refuse(in, in->line > in->rec_line ? CSVIN_LONG_QUOTED : CSVIN_TOO_LONG);
		} else {
			snprintf(in->errmsg, sizeof(in->errmsg), "%s", csv_strerror(e));
			return -1;
		}
		return 0;
	}
	in->decpos += len;
	end_line = in->line;
	if (len > 1 || !eol)
		in->cr = 0;
	if (eol)
		line_end(in, s[len - 1]);
	if (in->row_ended)
		hold(in, end_line);
	else if (in->decpos - in->rec_start > CSVIN_MAX_ROW)
		refuse(in, CSVIN_ROW_TOO_LONG);
	return 0;
}

/*
 * Parse on until a record is held.  Returns 1 when one is, 0 at the end of
 * input, 2 when a read is needed and may_read is 0, -1 on an error (errmsg).
 */
static int
advance(struct csvin *in, int may_read)
{
	while (!in->held) {
		if (in->pending) {
			int r = resolve(in, may_read);
			if (r != 1)
				return r;
			continue;
		}
		if (in->skipping) {
			while (in->decpos < in->declen && !is_eol(in->dec[in->decpos]))
				in->decpos++;
			if (in->decpos < in->declen) {
				line_end(in, in->dec[in->decpos++]);
				in->skipping = 0;
				continue;
			}
			if (in->input_eof) {
				in->skipping = 0;
				continue;
			}
		}
		if (!in->started && in->decpos < in->declen && start(in))
			continue;
		if (in->decpos == in->declen || !in->started) {
			if (!in->input_eof) {
				if (!may_read)
					return 2;
				if (fill(in) < 0)
					return -1;
				continue;
			}
			if (!in->in_rec)
				return 0;
			/* the last record has no line end */
			in->row_ended = 0;
			if (csv_fini(&in->p, on_field, on_row, in) != 0) {
				refuse(in, CSVIN_UNCLOSED_QUOTE);
				continue;
			}
			hold(in, in->line);
			continue;
		}
		if (feed(in) < 0)
			return -1;
	}
	return 1;
}

/* Hand out the held record: check each field, build the caller's view. */
static void
take_row(struct csvin *in, struct csvrow *row)
{
	struct strbuf *a = &in->arena[in->build];
	size_t i;

	if (in->nf > in->fieldsalloc) {
		in->fieldsalloc = in->nf;
		in->fields = xrealloc(in->fields, in->nf * sizeof(*in->fields));
		in->lens = xrealloc(in->lens, in->nf * sizeof(*in->lens));
	}
	for (i = 0; i < in->nf; i++) {
		in->fields[i] = a->buf + in->offs[2 * i];
		in->lens[i] = in->offs[2 * i + 1];
		if (memchr(in->fields[i], '\0', in->lens[i]))
			set_problem(in, CSVIN_NUL, i);
		else if (!utf8_valid(in->fields[i], in->lens[i]))
			set_problem(in, CSVIN_BAD_ENCODING, i);
	}
	row->nfields = in->nf;
	row->fields = in->fields;
	row->lens = in->lens;
	row->line = in->held_line;
	row->end_line = in->held_end;
	row->problem = in->problem;
	row->problem_field = in->problem_field;
	in->held = 0;
	in->build = !in->build;	/* the next record must not overwrite this one */
}

int
csvin_next(struct csvin *in, struct csvrow *row)
{
	int r;

	if (in->done)
		return 0;
	r = in->failed ? -1 : advance(in, 1);
	if (r < 0) {
		in->failed = 1;
		memset(row, 0, sizeof(*row));
		row->line = row->end_line = in->line;
		return -1;
	}
	if (r == 0) {
		in->done = 1;
		return 0;
	}
	take_row(in, row);
	return 1;
}

int
csvin_buffered(struct csvin *in)
{
	int r;

	if (in->done || in->failed)
		return 0;
	r = advance(in, 0);
	if (r < 0)
		in->failed = 1;
	return r == 1;
}

void
csvin_close(struct csvin *in)
{
	if (!in)
		return;
	csv_free(&in->p);
	if (in->gzip)
		inflateEnd(&in->z);
	if (in->fd >= 0)
		close(in->fd);
	if (in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	strbuf_release(&in->arena[0]);
	strbuf_release(&in->arena[1]);
	free(in->offs);
	free(in->fields);
	free(in->lens);
	free(in->dec);
	free(in->encoding);
	free(in->name);
	free(in);
}
