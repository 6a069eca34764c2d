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

#define CW 640
#define CH 260
#define L 48	/* left margin: the axis labels */
#define R 16
#define T 34
#define B 40

static const char *const palette[] = { "#c0392b", "#7f8c8d", "#2e86c1", "#27ae60", "#f1c40f" };

static void
svg_text_escaped(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
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
svg_begin(struct strbuf *sb, const char *title, long max)
{
	int i;
	strbuf_addf(sb, "<svg viewBox=\"0 0 %d %d\" "
		    "role=\"img\" font-size=\"11\"><title>", CW, CH);
	svg_text_escaped(sb, title);
	strbuf_addf(sb, "</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
		    "<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">", CW, CH, L);
	svg_text_escaped(sb, title);
	strbuf_adds(sb, "</text>");
	for (i = 0; i <= 4; i++) {
		int y = T + (CH - T - B) * i / 4;
		strbuf_addf(sb, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
			    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">%ld</text>",
			    L, y, CW - R, y, L - 4, y + 4, max * (4 - i) / 4);
	}
}

/* The axis' top: a round number that 4 divides, so every gridline is whole. */
static long
nice_max(long m)
{
	long step = 1;
	if (m < 4)
		return 4;
	while (step * 10 < m)
		step *= 10;
	m = (m + step - 1) / step * step;
	return (m + 3) / 4 * 4;
}

static void
legend(struct strbuf *sb, const char *const *names, const char *const *colors, size_t n)
{
	size_t i;
	int x = CW - R - 110 * (int)n;
	for (i = 0; i < n; i++, x += 110) {
		strbuf_addf(sb, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			    "<text x=\"%d\" y=\"18\">", x, colors[i], x + 16);
		svg_text_escaped(sb, names[i]);
		strbuf_adds(sb, "</text>");
	}
}

static void
xlabels(struct strbuf *sb, const char *const *labels, size_t n, int slot)
{
	size_t i;
	for (i = 0; i < n; i++) {
		strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">",
			    L + slot * (int)i + slot / 2, CH - B + 16);
		svg_text_escaped(sb, labels[i]);
		strbuf_adds(sb, "</text>");
	}
}

void
chart_lines(struct strbuf *sb, const char *title, const char *const *labels,
	    size_t n, const long *const *series, const char *const *names, size_t nseries)
{
	long max = 0;
	size_t i, s;
	int slot = n ? (CW - L - R) / (int)n : 1;

	for (s = 0; s < nseries; s++)
		for (i = 0; i < n; i++)
			if (series[s][i] > max)
				max = series[s][i];
	max = nice_max(max);
	svg_begin(sb, title, max);
	for (s = 0; s < nseries; s++) {
		strbuf_addf(sb, "<polyline fill=\"none\" stroke-width=\"2.5\" stroke=\"%s\"%s points=\"",
			    palette[s % 5], s ? " stroke-dasharray=\"6 4\"" : "");
		for (i = 0; i < n; i++)
			strbuf_addf(sb, "%d,%ld ", L + slot * (int)i + slot / 2,
				    T + (CH - T - B) - series[s][i] * (CH - T - B) / max);
		strbuf_adds(sb, "\"/>");
		for (i = 0; i < n; i++)
			strbuf_addf(sb, "<circle cx=\"%d\" cy=\"%ld\" r=\"3\" fill=\"%s\"/>",
				    L + slot * (int)i + slot / 2,
				    T + (CH - T - B) - series[s][i] * (CH - T - B) / max, palette[s % 5]);
	}
	xlabels(sb, labels, n, slot);
	legend(sb, names, palette, nseries);
	strbuf_adds(sb, "</svg>");
}

void
chart_bars(struct strbuf *sb, const char *title, const char *const *labels,
	   const long *values, size_t n)
{
	const long *series[1] = { values };
	const char *names[1] = { "" };
	const char *colors[1] = { palette[2] };
	chart_stacked(sb, title, labels, n, series, names, colors, 0);
	(void)colors;
}

void
chart_stacked(struct strbuf *sb, const char *title, const char *const *labels,
	      size_t n, const long *const *series, const char *const *names,
	      const char *const *colors, size_t nseries)
{
	long max = 0, sum;
	size_t i, s, ns = nseries ? nseries : 1;
	int slot = n ? (CW - L - R) / (int)n : 1, bw = slot * 3 / 5;

	for (i = 0; i < n; i++) {
		for (s = 0, sum = 0; s < ns; s++)
			sum += series[s][i];
		if (sum > max)
			max = sum;
	}
	max = nice_max(max);
	svg_begin(sb, title, max);
	for (i = 0; i < n; i++) {
		long base = 0;
		for (s = 0; s < ns; s++) {
			long v = series[s][i];
			int h = (int)(v * (CH - T - B) / max);
			int y = T + (CH - T - B) - (int)((base + v) * (CH - T - B) / max);
			if (v > 0)
				strbuf_addf(sb, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
					    "fill=\"%s\"/>", L + slot * (int)i + (slot - bw) / 2, y,
					    bw, h, nseries ? colors[s] : palette[2]);
			base += v;
		}
		if (!nseries)
			strbuf_addf(sb, "<text x=\"%d\" y=\"%ld\" text-anchor=\"middle\">%ld</text>",
				    L + slot * (int)i + slot / 2,
				    T + (CH - T - B) - base * (CH - T - B) / max - 4, base);
	}
	xlabels(sb, labels, n, slot);
	if (nseries)
		legend(sb, names, colors, nseries);
	strbuf_adds(sb, "</svg>");
}
