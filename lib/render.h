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

int render_fmt_parse(const char *s, enum rfmt *fmt);	/* text, md, html */

void render_begin(struct render *r, FILE *fp, enum rfmt fmt, const char *title,
		  const char *lang);
void render_heading(struct render *r, int level, const char *text);
void render_para(struct render *r, const char *text);
void render_table_begin(struct render *r, const char *caption,
			const char *const *hdr, size_t ncols);
void render_table_row(struct render *r, const char *const *cells);
void render_table_end(struct render *r);
/* render_svg: an inline SVG figure (HTML only; other formats skip it). */
void render_svg(struct render *r, const char *svg);
void render_end(struct render *r);

/* text_width: display columns of UTF-8 text (wide CJK characters count 2). */
size_t text_width(const char *s);

/*
 * Charts, as SVG text appended to sb.  labels has n entries; values are
 * per series.  Colours are fixed; every chart has a title and a legend.
 */
void chart_lines(struct strbuf *sb, const char *title, const char *const *labels,
		 size_t n, const long *const *series, const char *const *names,
		 size_t nseries);
void chart_bars(struct strbuf *sb, const char *title, const char *const *labels,
		const long *values, size_t n);
/* chart_stacked: one bar per label, stacked segments per series. */
void chart_stacked(struct strbuf *sb, const char *title, const char *const *labels,
		   size_t n, const long *const *series, const char *const *names,
		   const char *const *colors, size_t nseries);

#endif
