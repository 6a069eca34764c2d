/* xlsxout.c: a worksheet of typed columns through libxlsxwriter's public API. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "xlsxout.h"
#include "date.h"
#include "util.h"
#include "banned.h"

#define WIDTH_MIN 6	/* Excel's columns in character widths, padding included */
#define WIDTH_MAX 60	/* a long summary wraps in the cell, not across the screen */
#define WIDTH_PAD 2
#define EXCEL_CELL_MAX 32767	/* characters Excel keeps in one cell */
#define DATE_WIDTH (sizeof("YYYY-MM-DD") - 1)
#define DATETIME_WIDTH (DATE_BUF - 1)	/* YYYY-MM-DD HH:MM:SS */

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *text, *date, *datetime, *pct;
	unsigned char *kind;
	unsigned *width;	/* widest cell of each column, in character widths */
	size_t ncols;
	lxw_row_t row;		/* the next row to write */
	int fd;			/* the temporary file */
	char *tmpdir;
	char *path;		/* its name when /proc could not stand for it; else NULL */
};

/* A libxlsxwriter error as an errno. */
static int
lxw_errno(lxw_error e)
{
	switch (e) {
	case LXW_NO_ERROR:
		return 0;
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		return ENOMEM;
	case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
		return EFBIG;
	case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
		return EOVERFLOW;
	default:
		return EIO;
	}
}

/*
 * The columns a UTF-8 string takes on screen: 2 for a wide (CJK) character,
 * 1 for any other; a continuation byte adds nothing.
 */
static unsigned
display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned w = 0;
	unsigned long cp;

	while (*p) {
		if (*p < 0x80) {
			cp = *p++;
		} else if ((*p & 0xe0) == 0xc0) {
			cp = (unsigned long)(*p++ & 0x1f) << 6;
			if (*p)
				cp |= *p++ & 0x3f;
		} else if ((*p & 0xf0) == 0xe0) {
			cp = (unsigned long)(*p++ & 0x0f) << 12;
			if (*p)
				cp |= (unsigned long)(*p++ & 0x3f) << 6;
			if (*p)
				cp |= *p++ & 0x3f;
		} else {
			cp = 0x20000;	/* four bytes: the supplementary ideographs */
			p++;
			while ((*p & 0xc0) == 0x80)
				p++;
		}
		w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
		     (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
		     (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
		     (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000 ? 2 : 1;
	}
	return w;
}

/* The characters of a UTF-8 string: its bytes but the continuation bytes. */
static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A plain decimal number (as csvout writes them bare): 0 and *v, else -1. */
static int
read_number(const char *s, double *v)
{
	const char *p = s;
	char *end;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	return *end || errno ? -1 : 0;
}

/* The temporary file and the name libxlsxwriter writes it by. */
static int
make_file(struct xlsx *x, char *name, size_t size)
{
	const char *dir = getenv("TMPDIR");
	struct strbuf tmpl;

	if (!dir || !*dir)
		dir = "/tmp";
	x->tmpdir = xstrdup(dir);
	strbuf_init(&tmpl);
	strbuf_addf(&tmpl, "%s/pt-xlsx-XXXXXX", dir);
	if ((x->fd = mkstemp(tmpl.buf)) < 0) {
		strbuf_release(&tmpl);
		return -1;
	}
	/* /proc names the open file itself: unlinked now, it never lingers */
	snprintf(name, size, "/proc/self/fd/%d", x->fd);
	if (access(name, W_OK) == 0) {
		unlink(tmpl.buf);
		strbuf_release(&tmpl);
	} else {
		x->path = tmpl.buf;
		snprintf(name, size, "%s", x->path);
	}
	return 0;
}

static lxw_format *
num_format(lxw_workbook *wb, const char *fmt)
{
	lxw_format *f = workbook_add_format(wb);

	if (f)
		format_set_num_format(f, fmt);
	return f;
}

struct xlsx *
xlsx_new(const unsigned char *kinds, size_t ncols)
{
	struct xlsx *x = xcalloc(1, sizeof(*x));
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE };
	char name[64];

	x->ncols = ncols;
	x->kind = (unsigned char *)xmemdup(kinds, ncols);
	x->width = xcalloc(ncols ? ncols : 1, sizeof(*x->width));
	x->fd = -1;
	if (make_file(x, name, sizeof(name)) < 0)
		goto fail;
	opts.tmpdir = x->tmpdir;
	if (!(x->wb = workbook_new_opt(name, &opts)) ||
	    !(x->ws = workbook_add_worksheet(x->wb, NULL)) ||
	    !(x->bold = workbook_add_format(x->wb)) ||
	    !(x->text = num_format(x->wb, "@")) ||
	    !(x->date = num_format(x->wb, "yyyy-mm-dd")) ||
	    !(x->datetime = num_format(x->wb, "yyyy-mm-dd hh:mm:ss")) ||
	    !(x->pct = num_format(x->wb, "0.0%"))) {
		errno = ENOMEM;
		goto fail;
	}
	format_set_bold(x->bold);
	worksheet_freeze_panes(x->ws, 1, 0);
	return x;
fail:
	xlsx_free(x);
	return NULL;
}

/* A cell as a date: 1 and *e, or 0 when it does not read as one. */
static int
write_date(struct xlsx *x, lxw_col_t c, const char *s, unsigned *w, lxw_error *e)
{
	lxw_datetime dt = { 0 };
	int day, secs;

	if (date_parse(s, &day, &secs) < 0)
		return 0;
	date_to_ymd(day, &dt.year, &dt.month, &dt.day);
	if (secs >= 0) {
		dt.hour = secs / 3600;
		dt.min = secs / 60 % 60;
		dt.sec = secs % 60;
	}
	*w = secs >= 0 ? DATETIME_WIDTH : DATE_WIDTH;
	*e = worksheet_write_datetime(x->ws, x->row, c, &dt,
				      secs >= 0 ? x->datetime : x->date);
	return 1;
}

/*
 * One cell of a row after the header, as its column's kind says; a cell
 * that does not read as its kind, a string.
 */
static lxw_error
write_cell(struct xlsx *x, lxw_col_t c, const char *s)
{
	lxw_error e = LXW_NO_ERROR;
	unsigned w = 0;
	int done = 0;
	double v;

	switch (x->kind[c]) {
	case OUT_K_NUMBER:
		if ((done = read_number(s, &v) == 0))
			e = worksheet_write_number(x->ws, x->row, c, v, NULL);
		break;
	case OUT_K_PERCENT:
		if ((done = read_number(s, &v) == 0)) {
			e = worksheet_write_number(x->ws, x->row, c, v / 100, x->pct);
			w = (unsigned)strlen(s) + 1;
		}
		break;
	case OUT_K_DATE:
		done = write_date(x, c, s, &w, &e);
		break;
	default:
		break;
	}
	if (!done)
		e = worksheet_write_string(x->ws, x->row, c, s,
					   x->kind[c] == OUT_K_ID ? x->text : NULL);
	if (!w)
		w = display_width(s);
	if (w > x->width[c])
		x->width[c] = w;
	return e;
}

int
xlsx_row(struct xlsx *x, const char *const *cells)
{
	lxw_error e = LXW_NO_ERROR;
	size_t c;

	if (x->row >= LXW_ROW_MAX) {
		errno = EFBIG;
		return -1;
	}
	for (c = 0; c < x->ncols; c++)
		if (cells[c] && utf8_chars(cells[c]) > EXCEL_CELL_MAX) {
			errno = EOVERFLOW;
			return -1;
		}
	for (c = 0; c < x->ncols && !e; c++) {
		const char *s = cells[c];
		if (!s || !*s)
			continue;
		if (x->row == 0) {
			e = worksheet_write_string(x->ws, 0, (lxw_col_t)c, s, x->bold);
			if (display_width(s) > x->width[c])
				x->width[c] = display_width(s);
		} else {
			e = write_cell(x, (lxw_col_t)c, s);
		}
	}
	if (e) {
		errno = lxw_errno(e);
		return -1;
	}
	x->row++;
	return 0;
}

/* Copy the closed workbook from the temporary file to dest. */
static int
copy_out(struct xlsx *x, FILE *dest)
{
	char buf[65536];
	ssize_t n;

	if (lseek(x->fd, 0, SEEK_SET) < 0)
		return -1;
	errno = 0;
	while ((n = read(x->fd, buf, sizeof(buf))) > 0)
		if (fwrite(buf, 1, (size_t)n, dest) != (size_t)n)
			return -1;
	if (n < 0)
		return -1;
	return fflush(dest) == 0 && !ferror(dest) ? 0 : -1;
}

/* Close the temporary file, remove it if /proc did not, free x. */
static void
release(struct xlsx *x)
{
	if (x->fd >= 0)
		close(x->fd);
	if (x->path)
		unlink(x->path);
	free(x->path);
	free(x->tmpdir);
	free(x->kind);
	free(x->width);
	free(x);
}

int
xlsx_finish(struct xlsx *x, FILE *dest)
{
	lxw_error e;
	size_t c;
	int rc = 0, saved;

	for (c = 0; c < x->ncols; c++) {
		unsigned w = x->width[c] + WIDTH_PAD;
		w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
	}
	e = workbook_close(x->wb);
	x->wb = NULL;
	if (e) {
		errno = lxw_errno(e);
		rc = -1;
	} else if (copy_out(x, dest) < 0) {
		if (!errno)
			errno = EIO;
		rc = -1;
	}
	saved = errno;
	release(x);
	errno = saved;
	return rc;
}

void
xlsx_free(struct xlsx *x)
{
	int saved = errno;

	if (!x)
		return;
	if (x->wb)
		workbook_close(x->wb);	/* into the temporary file, which goes */
	release(x);
	errno = saved;
}
