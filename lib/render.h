/* render.h: headings, paragraphs, tables and charts as text, Markdown or HTML. */
#ifndef PT_RENDER_H
#define PT_RENDER_H

#include <stdio.h>
#include "util.h"

enum rfmt { R_TEXT, R_MD, R_HTML };

/*
 * A document written in order to fp.  Tables are held until their end (to
 * align plain text: a CJK character is two columns wide), then written.
 * HTML is one self-contained file: inline CSS, inline SVG, no references
 * to anything outside it, laid out for A4 paper.  Text given is plain; it
 * is escaped for the format here.
 */
struct render {
	FILE *fp;
	enum rfmt fmt;
	char **cells;		/* the table being built, row by row */
	size_t ncells, alloc, ncols;
	int *right;		/* per column: align right (numbers) */
	char *caption;
};

/*
 * render_fmt_parse: the format named by s ("text", "md" or "markdown",
 * "html") into *fmt; returns 0, or -1 leaving *fmt as it was when s names
 * none.
 */
int render_fmt_parse(const char *s, enum rfmt *fmt);

/*
 * render_begin: start a document in format fmt on fp, which stays the
 * caller's: r is cleared, then the title (and in HTML the head, with lang
 * as its language and the style sheet) is written.  render_heading: a
 * heading of level 1 (a section) or more (below it).  render_para: a
 * paragraph.  They write to fp at once and cannot fail: a write error
 * stays in fp's error indicator for the caller's fflush or fclose.
 */
void render_begin(struct render *r, FILE *fp, enum rfmt fmt, const char *title,
		  const char *lang);
void render_heading(struct render *r, int level, const char *text);
void render_para(struct render *r, const char *text);

/*
 * render_set_meta: in HTML, under the title, the issuing office and the
 * date of issue (either NULL or "" for none), and a mark such as 内部资料
 * (NULL or "" for none) shown in the top right corner of the screen and of
 * every printed page; call it right after render_begin.  Text and Markdown
 * are left as they are: it writes nothing there.  It cannot fail: a write
 * error stays in fp's error indicator.
 */
void render_set_meta(struct render *r, const char *office, const char *date,
		     const char *mark);

/*
 * render_table_begin: start a table of ncols columns under caption (NULL
 * for none), hdr its ncols headings; render_table_row: one row of ncols
 * cells (a NULL cell is empty); both copy the text they are given, and a
 * column whose every cell is a number is aligned right.
 * render_table_end: write the table to fp and free the copies (in HTML,
 * its heading row as the table's head, which print repeats on every page
 * the table runs onto, and the numbers of a right-aligned column with a
 * comma between thousands: 12,345).  Only one table is built at a time.
 * None fails (memory: they exit as xmalloc).
 */
void render_table_begin(struct render *r, const char *caption,
			const char *const *hdr, size_t ncols);
void render_table_row(struct render *r, const char *const *cells);
void render_table_end(struct render *r);
/* render_svg: an inline SVG figure (HTML only; other formats skip it). */
void render_svg(struct render *r, const char *svg);

/*
 * render_end: end the document (in HTML, close body and html) and free
 * what r holds; fp stays open, the caller's.  It cannot fail.
 */
void render_end(struct render *r);

/* text_width: display columns of UTF-8 text (wide CJK characters count 2). */
size_t text_width(const char *s);

/*
 * Charts, as SVG text appended to sb (which grows as xmalloc does: none
 * fails).  labels has n entries; values are per series.  Colours are
 * fixed; every chart has a title, and one of several series a legend.
 * The value axis has five gridlines, 0 to 4 steps of 1, 2 or 5 times a
 * power of ten; numbers have a comma between thousands (12,345).  A label
 * too long for its place is broken onto two lines, and cut with an
 * ellipsis (the whole label its tooltip) when two cannot hold it.
 */
void chart_lines(struct strbuf *sb, const char *title, const char *const *labels,
		 size_t n, const long *const *series, const char *const *names,
		 size_t nseries);
/*
 * chart_bars: one upright bar per label, values[i] its height, its value
 * above it (inside its top when it reaches the axis' top); no legend.
 */
void chart_bars(struct strbuf *sb, const char *title, const char *const *labels,
		const long *values, size_t n);
/*
 * chart_stacked: one horizontal bar per label, its label left of it, its
 * segments stacked per series (colors[s] series s's colour), each
 * segment's value on it where it fits and the bar's total at its end; the
 * chart is as tall as its rows need.
 */
void chart_stacked(struct strbuf *sb, const char *title, const char *const *labels,
		   size_t n, const long *const *series, const char *const *names,
		   const char *const *colors, size_t nseries);
/*
 * chart_months: the twelve month labels for chart_lines in language lang
 * ("zh..." gives 1月 to 12月, anything else Jan to Dec): static strings,
 * never NULL.
 */
const char *const *chart_months(const char *lang);

#endif
