/* render.c: the report's output formats, and its SVG charts. */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "banned.h"

int
render_fmt_parse(const char *s, enum rfmt *fmt)
{
	if (!strcmp(s, "text"))
		*fmt = R_TEXT;
	else if (!strcmp(s, "md") || !strcmp(s, "markdown"))
		*fmt = R_MD;
	else if (!strcmp(s, "html"))
		*fmt = R_HTML;
	else
		return -1;
	return 0;
}

/* Decode one UTF-8 character; returns its length. */
static size_t
u8(const char *s, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (p[0] < 0x80) { *cp = p[0]; return 1; }
	if (p[0] < 0xe0 && p[1]) { *cp = (p[0] & 0x1f) << 6 | (p[1] & 0x3f); return 2; }
	if (p[0] < 0xf0 && p[1] && p[2]) {
		*cp = (p[0] & 0x0f) << 12 | (p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		return 3;
	}
	if (p[1] && p[2] && p[3]) {
		*cp = (p[0] & 0x07) << 18 | (p[1] & 0x3f) << 12 | (p[2] & 0x3f) << 6 | (p[3] & 0x3f);
		return 4;
	}
	*cp = '?';
	return 1;
}

size_t
text_width(const char *s)
{
	size_t w = 0;
	unsigned cp;
	while (*s) {
		s += u8(s, &cp);
		w += (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) ||
				       (cp >= 0xac00 && cp <= 0xd7a3) ||
				       (cp >= 0xf900 && cp <= 0xfaff) ||
				       (cp >= 0xfe30 && cp <= 0xfe4f) ||
				       (cp >= 0xff00 && cp <= 0xff60) ||
				       (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000)) ? 2 : 1;
	}
	return w;
}

static void
html_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '&': fputs("&amp;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default: fputc(*s, fp);
		}
	}
}

static void
md_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|#", *s))
			fputc('\\', fp);
		fputc(*s == '\n' ? ' ' : *s, fp);
	}
}

/*
 * The style sheet.  Print: A4 with its margins; the page number and the
 * page count in the bottom margin box (@page margin boxes, which Chromium
 * draws since version 131; a browser without them prints no number); a
 * table's header row repeated on every page it runs onto (thead as
 * table-header-group: tables may break, rows may not); the mark fixed in
 * the top right corner, which print repeats on every page.
 */
static const char css[] =
	"@page{size:A4;margin:18mm 16mm 20mm;"
	"@bottom-center{content:counter(page) ' / ' counter(pages);font-size:9pt;color:#555}}"
	"body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',"
	"'PingFang SC',SimSun,sans-serif;font-size:11pt;line-height:1.6;color:#222;"
	"max-width:178mm;margin:0 auto;padding:8mm 0}"
	"h1{font-size:18pt;text-align:center;margin:0 0 6mm}"
	".meta{text-align:center;color:#444;margin:-4mm 0 6mm}.meta span+span{margin-left:2em}"
	".mark{position:fixed;top:0;right:0;border:1.5px solid #c0392b;color:#c0392b;"
	"padding:0 2mm;font-weight:bold;letter-spacing:.2em}"
	"h2{font-size:13pt;border-bottom:1px solid #999;margin:7mm 0 3mm;"
	"break-after:avoid}"
	"p{text-indent:2em;margin:2mm 0;text-align:justify}"
	"table{border-collapse:collapse;width:100%;margin:2mm 0 4mm;font-size:10pt}"
	"thead{display:table-header-group}tr{break-inside:avoid}"
	"caption{font-weight:bold;text-align:left;margin-bottom:1mm;break-after:avoid}"
	"th,td{border:1px solid #888;padding:1mm 2mm}th{background:#eee}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}"
	"figure{margin:3mm 0;break-inside:avoid}svg{width:100%;height:auto}"
	"@media print{body{padding:0}}";

void
render_begin(struct render *r, FILE *fp, enum rfmt fmt, const char *title,
	     const char *lang)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->fmt = fmt;
	switch (fmt) {
	case R_HTML:
		fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<title>", lang);
		html_text(fp, title);
		fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
		html_text(fp, title);
		fputs("</h1>\n", fp);
		break;
	case R_MD:
		fputs("# ", fp);
		md_text(fp, title);
		fputs("\n\n", fp);
		break;
	case R_TEXT:
		fprintf(fp, "%s\n\n", title);
		break;
	}
}

void
render_set_meta(struct render *r, const char *office, const char *date, const char *mark)
{
	FILE *fp = r->fp;

	if (r->fmt != R_HTML)
		return;
	if ((office && *office) || (date && *date)) {
		fputs("<div class=\"meta\">", fp);
		if (office && *office) {
			fputs("<span class=\"office\">", fp);
			html_text(fp, office);
			fputs("</span>", fp);
		}
		if (date && *date) {
			fputs("<span class=\"date\">", fp);
			html_text(fp, date);
			fputs("</span>", fp);
		}
		fputs("</div>\n", fp);
	}
	if (mark && *mark) {
		fputs("<div class=\"mark\">", fp);
		html_text(fp, mark);
		fputs("</div>\n", fp);
	}
}

void
render_heading(struct render *r, int level, const char *text)
{
	switch (r->fmt) {
	case R_HTML:
		fprintf(r->fp, "<h%d>", level + 1);
		html_text(r->fp, text);
		fprintf(r->fp, "</h%d>\n", level + 1);
		break;
	case R_MD:
		fprintf(r->fp, "%.*s ", level + 1, "#####");
		md_text(r->fp, text);
		fputs("\n\n", r->fp);
		break;
	case R_TEXT:
		fprintf(r->fp, "%s\n\n", text);
		break;
	}
}

void
render_para(struct render *r, const char *text)
{
	switch (r->fmt) {
	case R_HTML:
		fputs("<p>", r->fp);
		html_text(r->fp, text);
		fputs("</p>\n", r->fp);
		break;
	case R_MD:
		md_text(r->fp, text);
		fputs("\n\n", r->fp);
		break;
	case R_TEXT:
		fprintf(r->fp, "    %s\n\n", text);
		break;
	}
}

static int
numeric(const char *s)
{
	if (!strcmp(s, "-"))
		return 1;	/* "no figure" in a column of numbers */
	if (*s == '-' || *s == '+')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!strchr("0123456789.%", *s))
			return 0;
	return 1;
}

static void
push(struct render *r, const char *s)
{
	if (r->ncells == r->alloc) {
		r->alloc = r->alloc ? r->alloc * 2 : 64;
		r->cells = xrealloc(r->cells, r->alloc * sizeof(*r->cells));
	}
	r->cells[r->ncells++] = xstrdup(s ? s : "");
}

void
render_table_begin(struct render *r, const char *caption, const char *const *hdr,
		   size_t ncols)
{
	size_t i;
	r->ncols = ncols;
	r->ncells = 0;
	r->caption = xstrdup(caption ? caption : "");
	r->right = xcalloc(ncols, sizeof(*r->right));
	for (i = 0; i < ncols; i++) {
		push(r, hdr[i]);
		r->right[i] = 1;
	}
}

void
render_table_row(struct render *r, const char *const *cells)
{
	size_t i;
	for (i = 0; i < r->ncols; i++) {
		push(r, cells[i]);
		if (cells[i] && *cells[i] && !numeric(cells[i]))
			r->right[i] = 0;
	}
}

static void
pad(FILE *fp, size_t n)
{
	while (n--)
		fputc(' ', fp);
}

/*
 * A number's leading run of digits with a comma between thousands:
 * "12345" as "12,345", "-1234.5%" as "-1,234.5%"; a cell that does not
 * start with a number is written as it is.
 */
static void
html_number(FILE *fp, const char *s)
{
	size_t i, n;

	if (*s == '-' || *s == '+')
		fputc(*s++, fp);
	n = strspn(s, "0123456789");
	for (i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			fputc(',', fp);
		fputc(s[i], fp);
	}
	html_text(fp, s + n);
}

static void
table_html(const struct render *r, size_t nrows)
{
	FILE *fp = r->fp;
	size_t i, j;

	fputs("<table>\n<caption>", fp);
	html_text(fp, r->caption);
	fputs("</caption>\n<thead><tr>", fp);
	for (j = 0; j < r->ncols; j++) {
		fputs("<th>", fp);
		html_text(fp, r->cells[j]);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (i = 1; i < nrows; i++) {
		fputs("<tr>", fp);
		for (j = 0; j < r->ncols; j++) {
			if (r->right[j]) {
				fputs("<td class=\"n\">", fp);
				html_number(fp, r->cells[i * r->ncols + j]);
			} else {
				fputs("<td>", fp);
				html_text(fp, r->cells[i * r->ncols + j]);
			}
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

static void
table_md(const struct render *r, size_t nrows)
{
	FILE *fp = r->fp;
	size_t i, j;

	if (*r->caption) {
		fputs("**", fp);
		md_text(fp, r->caption);
		fputs("**\n\n", fp);
	}
	for (i = 0; i < nrows; i++) {
		fputs("|", fp);
		for (j = 0; j < r->ncols; j++) {
			fputc(' ', fp);
			md_text(fp, r->cells[i * r->ncols + j]);
			fputs(" |", fp);
		}
		fputc('\n', fp);
		if (i == 0) {
			fputs("|", fp);
			for (j = 0; j < r->ncols; j++)
				fputs(r->right[j] ? " ---: |" : " --- |", fp);
			fputc('\n', fp);
		}
	}
	fputc('\n', fp);
}

static void
table_text(const struct render *r, size_t nrows)
{
	FILE *fp = r->fp;
	size_t i, j, *w;

	w = xcalloc(r->ncols, sizeof(*w));
	for (i = 0; i < r->ncells; i++)
		if (text_width(r->cells[i]) > w[i % r->ncols])
			w[i % r->ncols] = text_width(r->cells[i]);
	if (*r->caption)
		fprintf(fp, "%s\n", r->caption);
	for (i = 0; i < nrows; i++) {
		for (j = 0; j < r->ncols; j++) {
			const char *c = r->cells[i * r->ncols + j];
			size_t gap = w[j] - text_width(c);
			fputs(j ? "  " : "  ", fp);
			if (r->right[j] && i)
				pad(fp, gap);
			fputs(c, fp);
			if (!(r->right[j] && i) && j + 1 < r->ncols)
				pad(fp, gap);
		}
		fputc('\n', fp);
	}
	fputc('\n', fp);
	free(w);
}

void
render_table_end(struct render *r)
{
	size_t nrows = r->ncells / r->ncols, i;

	switch (r->fmt) {
	case R_HTML:
		table_html(r, nrows);
		break;
	case R_MD:
		table_md(r, nrows);
		break;
	case R_TEXT:
		table_text(r, nrows);
		break;
	}
	for (i = 0; i < r->ncells; i++)
		free(r->cells[i]);
	free(r->caption);
	free(r->right);
	r->ncells = 0;
	r->caption = NULL;
	r->right = NULL;
}

void
render_svg(struct render *r, const char *svg)
{
	if (r->fmt == R_HTML)
		fprintf(r->fp, "<figure>%s</figure>\n", svg);
}

void
render_end(struct render *r)
{
	if (r->fmt == R_HTML)
		fputs("</body>\n</html>\n", r->fp);
	free(r->cells);
	r->cells = NULL;
}

/* --- charts --------------------------------------------------------- */

#define CW 640	/* a chart's width; its height is CH, or grows with its rows */
#define CH 260
#define L 48	/* left margin: the axis labels */
#define R 16
#define T 34
#define B 40
#define COLPX 6.5	/* pixels a display column takes at font-size 11, a little over */
#define LABEL_COLS 36	/* a label's line at most: 18 CJK characters */
#define LINE_PX 13	/* from one line of a label to the next */
#define ROW1 22		/* a horizontal bar's row, its label on one line */
#define ROW2 34		/* on two lines */
#define BAR 14		/* a horizontal bar's thickness */
#define VALUE_ROOM 48	/* right of the longest bar: its total */

static const char *const palette[] = { "#c0392b", "#7f8c8d", "#2e86c1", "#27ae60", "#f1c40f" };

static const char *const months_zh[12] = { "1月", "2月", "3月", "4月", "5月", "6月",
					   "7月", "8月", "9月", "10月", "11月", "12月" };
static const char *const months_en[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

const char *const *
chart_months(const char *lang)
{
	return lang && !strncmp(lang, "zh", 2) ? months_zh : months_en;
}

static void
svg_text_n(struct strbuf *sb, const char *s, size_t n)
{
	const char *e = s + n;
	for (; s < e && *s; s++) {
		if (*s == '<')
			strbuf_adds(sb, "&lt;");
		else if (*s == '&')
			strbuf_adds(sb, "&amp;");
		else if (*s == '>')
			strbuf_adds(sb, "&gt;");
		else
			strbuf_addch(sb, *s);
	}
}

static void
svg_text_escaped(struct strbuf *sb, const char *s)
{
	svg_text_n(sb, s, strlen(s));
}

/* v with a comma between thousands: 12345 as "12,345"; buf holds 32 bytes. */
static const char *
grouped(long v, char *buf)
{
	char t[24];
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	int n = snprintf(t, sizeof(t), "%lu", u), i, j = 0;

	if (v < 0)
		buf[j++] = '-';
	for (i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = t[i];
	}
	buf[j] = '\0';
	return buf;
}

/*
 * The axis' step: the least of 1, 2 and 5 times a power of ten that four
 * steps reach max with, so that the five gridlines (0 to 4 steps) are
 * round numbers.
 */
static long
nice_step(long max)
{
	long mag = 1;

	for (;;) {
		if (4 * mag >= max)
			return mag;
		if (8 * mag >= max)
			return 2 * mag;
		if (20 * mag >= max || mag > 1000000000000000L)
			return 5 * mag;
		mag *= 10;
	}
}

/* The bytes of s's first line when lines hold at most cols columns. */
static size_t
line_len(const char *s, size_t cols)
{
	size_t n = 0, w = 0, k;
	unsigned cp;
	char c[5];

	while (s[n]) {
		k = u8(s + n, &cp);
		memcpy(c, s + n, k);
		c[k] = '\0';
		if (w + text_width(c) > cols && n)
			break;
		w += text_width(c);
		n += k;
	}
	return n;
}

/* The lines s takes at most cols columns wide: 1, or 2 (the rest is cut). */
static int
label_lines(const char *s, size_t cols)
{
	return s[line_len(s, cols)] ? 2 : 1;
}

/*
 * The bytes of s's first line when it takes two of at most cols columns:
 * half of it (the longer half) when two lines hold it, else a full line.
 */
static size_t
first_line(const char *s, size_t cols)
{
	size_t full = line_len(s, cols), half, n;

	if (!s[full])
		return full;
	half = (text_width(s) + 1) / 2 + 1;
	if (half < cols) {
		n = line_len(s, half);
		if (!s[n + line_len(s + n, cols)])
			return n;
	}
	return full;
}

/* The columns of s's widest line when its lines hold at most cols. */
static size_t
label_cols(const char *s, size_t cols)
{
	size_t n = first_line(s, cols), w = text_width(s), m;
	char *t;

	if (!s[n])
		return w;
	t = xstrdup(s);
	t[n] = '\0';
	w = text_width(t);
	m = line_len(s + n, cols);
	memcpy(t, s + n, m);
	t[m] = '\0';
	if (text_width(t) + (s[n + m] ? 2 : 0) > w)
		w = text_width(t) + (s[n + m] ? 2 : 0);
	free(t);
	return w;
}

/*
 * Label s as one <text> at x, y (its first line's baseline) anchored as
 * anchor: on one line, or on two of at most cols columns, the second cut
 * with an ellipsis when even two cannot hold it (the whole name is then
 * its tooltip).
 */
static void
svg_label(struct strbuf *sb, const char *s, int x, int y, const char *anchor, size_t cols)
{
	size_t n = first_line(s, cols), m;

	strbuf_addf(sb, "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"%s\" fill=\"#333\">",
		    x, y, anchor);
	if (!s[n]) {
		svg_text_escaped(sb, s);
		strbuf_adds(sb, "</text>");
		return;
	}
	m = line_len(s + n, cols);
	if (s[n + m]) {
		strbuf_adds(sb, "<title>");
		svg_text_escaped(sb, s);
		strbuf_adds(sb, "</title>");
		m = line_len(s + n, cols > 2 ? cols - 2 : 1);
	}
	strbuf_addf(sb, "<tspan x=\"%d\">", x);
	svg_text_n(sb, s, n);
	strbuf_addf(sb, "</tspan><tspan x=\"%d\" dy=\"%d\">", x, LINE_PX);
	svg_text_n(sb, s + n, m);
	strbuf_adds(sb, s[n + m] ? "…</tspan></text>" : "</tspan></text>");
}

/* The <svg> open, w by h, with its title as tooltip and as heading at x. */
static void
svg_head(struct strbuf *sb, const char *title, int w, int h, int x)
{
	strbuf_addf(sb, "<svg viewBox=\"0 0 %d %d\" "
		    "role=\"img\" font-size=\"11\"><title>", w, h);
	svg_text_escaped(sb, title);
	strbuf_addf(sb, "</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
		    "<text class=\"title\" x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">",
		    w, h, x);
	svg_text_escaped(sb, title);
	strbuf_adds(sb, "</text>");
}

/* A vertical chart's head and its value axis: five gridlines, step apart. */
static void
svg_begin(struct strbuf *sb, const char *title, long step)
{
	char b[32];
	int i;

	svg_head(sb, title, CW, CH, L);
	for (i = 0; i <= 4; i++) {
		int y = T + (CH - T - B) * i / 4;
		strbuf_addf(sb, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
			    "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">"
			    "%s</text>", L, y, CW - R, y, L - 4, y + 4, grouped(step * (4 - i), b));
	}
}

static void
legend(struct strbuf *sb, const char *const *names, const char *const *colors, size_t n)
{
	size_t i;
	int x = CW - R - 110 * (int)n;
	for (i = 0; i < n; i++, x += 110) {
		strbuf_addf(sb, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			    "<text class=\"legend\" x=\"%d\" y=\"18\">", x, colors[i], x + 16);
		svg_text_escaped(sb, names[i]);
		strbuf_adds(sb, "</text>");
	}
}

/* The category labels under a vertical chart's slots, wrapped to fit one. */
static void
xlabels(struct strbuf *sb, const char *const *labels, size_t n, int slot)
{
	size_t i, cols = (size_t)((slot - 4) / COLPX);

	for (i = 0; i < n; i++)
		svg_label(sb, labels[i], L + slot * (int)i + slot / 2, CH - B + 16, "middle",
			  cols ? cols : 1);
}

void
chart_lines(struct strbuf *sb, const char *title, const char *const *labels,
	    size_t n, const long *const *series, const char *const *names, size_t nseries)
{
	long max = 0, top;
	size_t i, s;
	int slot = n ? (CW - L - R) / (int)n : 1;

	for (s = 0; s < nseries; s++)
		for (i = 0; i < n; i++)
			if (series[s][i] > max)
				max = series[s][i];
	top = 4 * nice_step(max);
	svg_begin(sb, title, top / 4);
	for (s = 0; s < nseries; s++) {
		strbuf_addf(sb, "<polyline fill=\"none\" stroke-width=\"2.5\" stroke=\"%s\"%s points=\"",
			    palette[s % 5], s ? " stroke-dasharray=\"6 4\"" : "");
		for (i = 0; i < n; i++)
			strbuf_addf(sb, "%d,%ld ", L + slot * (int)i + slot / 2,
				    T + (CH - T - B) - series[s][i] * (CH - T - B) / top);
		strbuf_adds(sb, "\"/>");
		for (i = 0; i < n; i++)
			strbuf_addf(sb, "<circle cx=\"%d\" cy=\"%ld\" r=\"3\" fill=\"%s\"/>",
				    L + slot * (int)i + slot / 2,
				    T + (CH - T - B) - series[s][i] * (CH - T - B) / top, palette[s % 5]);
	}
	xlabels(sb, labels, n, slot);
	legend(sb, names, palette, nseries);
	strbuf_adds(sb, "</svg>");
}

void
chart_bars(struct strbuf *sb, const char *title, const char *const *labels,
	   const long *values, size_t n)
{
	long max = 0, top;
	size_t i;
	int slot = n ? (CW - L - R) / (int)n : 1, bw = slot * 3 / 5;
	char b[32];

	for (i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	top = 4 * nice_step(max);
	svg_begin(sb, title, top / 4);
	for (i = 0; i < n; i++) {
		long v = values[i] > 0 ? values[i] : 0;
		int h = (int)(v * (CH - T - B) / top), x = L + slot * (int)i;
		if (v > 0)
			strbuf_addf(sb, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" "
				    "height=\"%d\" fill=\"%s\"/>", x + (slot - bw) / 2,
				    T + (CH - T - B) - h, bw, h, palette[2]);
		/* above the bar, or inside its top when above would meet the title */
		strbuf_addf(sb, "<text class=\"value\" x=\"%d\" y=\"%d\" text-anchor=\"middle\"%s>"
			    "%s</text>", x + slot / 2, h > CH - T - B - 12 ? T + (CH - T - B) - h + 12 :
			    T + (CH - T - B) - h - 4, h > CH - T - B - 12 ? " fill=\"#fff\"" : "",
			    grouped(v, b));
	}
	xlabels(sb, labels, n, slot);
	strbuf_adds(sb, "</svg>");
}

/* Text that reads on a fill of colour c ("#rrggbb"): dark on a light one. */
static const char *
ink_on(const char *c)
{
	unsigned long rgb = strtoul(c + 1, NULL, 16);
	unsigned long y = ((rgb >> 16 & 0xff) * 299 + (rgb >> 8 & 0xff) * 587 +
			   (rgb & 0xff) * 114) / 1000;
	return y > 150 ? "#222" : "#fff";
}

/* A horizontal chart's geometry: rows of pitch under T, bars from x0, w wide. */
struct hgeom {
	int x0, w, pitch;
	long top;
	size_t cols;
};

/* Row i of a horizontal stacked chart: its label, its segments, its values. */
static void
hbar_row(struct strbuf *sb, const struct hgeom *g, size_t i, const char *label,
	 const long *const *series, const char *const *colors, size_t nseries)
{
	int y = T + g->pitch * (int)i, x = g->x0, lines = label_lines(label, g->cols);
	int by = y + (g->pitch - BAR) / 2;
	long sum = 0;
	size_t s;
	char b[32];

	svg_label(sb, label, g->x0 - 8, y + g->pitch / 2 + 4 - (lines - 1) * LINE_PX / 2,
		  "end", g->cols);
	for (s = 0; s < nseries; s++) {
		long v = series[s][i] > 0 ? series[s][i] : 0;
		int w = (int)((sum + v) * g->w / g->top) - (int)(sum * g->w / g->top);
		sum += v;
		if (v <= 0)
			continue;
		strbuf_addf(sb, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			    "fill=\"%s\"/>", x, by, w, BAR, colors[s]);
		if (nseries > 1 && w >= (int)(strlen(grouped(v, b)) * COLPX) + 4)
			strbuf_addf(sb, "<text class=\"value\" x=\"%d\" y=\"%d\" font-size=\"10\" "
				    "text-anchor=\"middle\" fill=\"%s\">%s</text>",
				    x + w / 2, by + BAR - 3, ink_on(colors[s]), b);
		x += w;
	}
	if (sum > 0)
		strbuf_addf(sb, "<text class=\"value total\" x=\"%d\" y=\"%d\">%s</text>",
			    x + 4, by + BAR - 3, grouped(sum, b));
}

/* A horizontal chart's value axis: five vertical gridlines, labelled below. */
static void
haxis(struct strbuf *sb, const struct hgeom *g, size_t n)
{
	int i, bottom = T + g->pitch * (int)n;
	char b[32];

	for (i = 0; i <= 4; i++) {
		int x = g->x0 + g->w * i / 4;
		strbuf_addf(sb, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
			    "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			    "fill=\"#555\">%s</text>", x, T, x, bottom, x, bottom + 14,
			    grouped(g->top / 4 * i, b));
	}
}

void
chart_stacked(struct strbuf *sb, const char *title, const char *const *labels,
	      size_t n, const long *const *series, const char *const *names,
	      const char *const *colors, size_t nseries)
{
	struct hgeom g = { 0, 0, ROW1, 0, 0 };
	long max = 0, sum;
	size_t i, s, lw = 0;

	for (i = 0; i < n; i++) {
		for (s = 0, sum = 0; s < nseries; s++)
			sum += series[s][i] > 0 ? series[s][i] : 0;
		if (sum > max)
			max = sum;
		if (text_width(labels[i]) > g.cols)
			g.cols = text_width(labels[i]);
	}
	if (g.cols > LABEL_COLS)
		g.cols = LABEL_COLS;
	for (i = 0; i < n; i++) {
		if (label_lines(labels[i], g.cols) > 1)
			g.pitch = ROW2;
		if (label_cols(labels[i], g.cols) > lw)
			lw = label_cols(labels[i], g.cols);
	}
	g.x0 = 12 + (int)(lw * COLPX) + 8;
	g.w = CW - R - VALUE_ROOM - g.x0;
	g.top = 4 * nice_step(max);
	svg_head(sb, title, CW, T + g.pitch * (int)n + 24, 12);
	haxis(sb, &g, n);
	for (i = 0; i < n; i++)
		hbar_row(sb, &g, i, labels[i], series, colors, nseries);
	if (nseries)
		legend(sb, names, colors, nseries);
	strbuf_adds(sb, "</svg>");
}
