/* t-csvin: unit tests of the CSV/TSV reader: lines, quoting, limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvin.h"
#include "tap.h"

static char path[64];

static struct csvin *
open_text(const char *text, size_t n)
{
	int fd;

	snprintf(path, sizeof(path), "%s", "/tmp/t-csvin.XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, text, n) != (ssize_t)n)
		abort();
	close(fd);
	return csvin_open(path, NULL);
}

int
main(void)
{
	struct csvin *in;
	struct csvrow r;
	static const char t1[] = "a,b\n1,\"x\ny\"\n\n2,\"q\"\"\"\r\n3,4";
	static const char t2[] = "\xef\xbb\xbf" "a\tb\n\"1\t2\"\tz\n";
	static const char t3[] = "a,b\n\"x,1\n2,3\n";

	in = open_text(t1, sizeof(t1) - 1);
	ok(csvin_next(in, &r) == 1 && r.nfields == 2 && r.line == 1, "header on line 1");
	ok(csvin_next(in, &r) == 1 && r.line == 2 && r.end_line == 3, "quoted newline: lines 2-3");
	is_str(r.fields[1], "x\ny", "newline kept inside quotes");
	ok(csvin_next(in, &r) == 1 && r.line == 5, "blank line skipped, next record on line 5");
	is_str(r.fields[1], "q\"", "doubled quote read as one");
	ok(csvin_next(in, &r) == 1 && r.line == 6 && r.nfields == 2, "last line without newline");
	is_str(r.fields[1], "4", "CRLF before it did not leak a CR");
	ok(csvin_next(in, &r) == 0, "end of input");
	ok(!csvin_is_tsv(in), "commas: CSV");
	csvin_close(in);
	unlink(path);

	in = open_text(t2, sizeof(t2) - 1);
	ok(csvin_next(in, &r) == 1 && csvin_is_tsv(in), "tab in header: TSV");
	is_str(r.fields[0], "a", "BOM dropped");
	ok(csvin_next(in, &r) == 1 && r.nfields == 2, "quoted tab kept in one field");
	is_str(r.fields[0], "1\t2", "field with a tab");
	csvin_close(in);
	unlink(path);

	in = open_text(t3, sizeof(t3) - 1);
	ok(csvin_next(in, &r) == 1, "header");
	ok(csvin_next(in, &r) == 1 && r.problem == CSVIN_UNCLOSED_QUOTE && r.line == 2,
	   "unclosed quote reported on the line it starts");
	ok(r.nfields == 1 && r.problem_field == 0, "as one field, in the column it opened in");
	is_str(r.fields[0], "\"x,1", "the field is its first line as read");
	ok(csvin_next(in, &r) == 1 && r.line == 3 && r.nfields == 2 && r.problem == CSVIN_OK,
	   "the line after it is read again");
	ok(csvin_next(in, &r) == 0, "then the end");
	csvin_close(in);
	unlink(path);

	/* csvin_buffered: a record's end is waiting, outside quotes */
	{
		static const struct { const char *text; int want; const char *what; } b[] = {
			{ "h\n1,2\n", 1, "a whole row waits" },
			{ "h\n1,2", 0, "half a row, no line end" },
			{ "h\n1,\"x\ny", 0, "a line end inside an open quote" },
			{ "h\n1,\"x\ny\"\n", 1, "the quoted field closed, then the line end" },
			{ "h\n1,\"a\"\"\n", 0, "a doubled quote does not close the field" },
			{ "h\n1,a\"b\n", 1, "a quote inside an unquoted field: a malformed record" },
			{ "h\n1,\"a\"b,\n", 1, "text after a closing quote: a malformed record" },
			{ "h\n1,\"a\"b", 0, "a malformed record whose line end has not come" },
			{ "h\n1,2\r", 1, "a row ending in CR" },
			{ "h\n\n\r\n", 0, "empty lines are no record" },
			{ "h\n\n1\r", 1, "an empty line, then a row ending in CR" },
		};
		size_t i;

		for (i = 0; i < sizeof(b) / sizeof(b[0]); i++) {
			in = open_text(b[i].text, strlen(b[i].text));
			ok(csvin_next(in, &r) == 1 && csvin_buffered(in) == b[i].want,
			   "csvin_buffered: %s", b[i].what);
			csvin_close(in);
			unlink(path);
		}
	}

	/*
	 * a malformed record: a stray quote on its first line costs that line;
	 * one on a later line (a quote did open a field over lines) costs the
	 * lines through it; reading goes on at the line after
	 */
	{
		static const char t[] = "h,i\nx,\"a\"b\n\"a,b\nc,d\ne,\"f\"g\nk,l\n"
					"m,\"n\r\no\"p\r\nq,r\n";

		in = open_text(t, sizeof(t) - 1);
		ok(csvin_next(in, &r) == 1 && r.line == 1, "header");
		ok(csvin_next(in, &r) == 1 && r.problem == CSVIN_MALFORMED && r.line == 2 &&
		   r.end_line == 2 && r.nfields == 1 && r.problem_field == 1,
		   "text after a closing quote: malformed, in column 1");
		is_str(r.fields[0], "x,\"a\"b", "its text as read");
		ok(csvin_next(in, &r) == 1 && r.problem == CSVIN_MALFORMED && r.line == 3 &&
		   r.end_line == 5 && r.nfields == 1 && r.problem_field == 0,
		   "a quote closed on line 5, then text: malformed, lines 3-5");
		is_str(r.fields[0], "\"a,b\nc,d\ne,\"f\"g", "its lines as read");
		ok(csvin_next(in, &r) == 1 && r.problem == CSVIN_OK && r.line == 6 && r.nfields == 2,
		   "reading goes on at the line after it");
		ok(csvin_next(in, &r) == 1 && r.problem == CSVIN_MALFORMED && r.line == 7 &&
		   r.end_line == 8 && r.problem_field == 1, "CRLF: malformed, lines 7-8");
		is_str(r.fields[0], "m,\"n\r\no\"p", "its lines, the CRLF inside kept");
		ok(csvin_next(in, &r) == 1 && r.problem == CSVIN_OK && r.line == 9 &&
		   !strcmp(r.fields[0], "q"), "the CRLF after it counted once, then line 9");
		ok(csvin_next(in, &r) == 0, "end");
		csvin_close(in);
		unlink(path);
	}

	/* a span is cut at CSVIN_MAX_ROW; the rest of its last line goes */
	{
		size_t m;
		char *t = malloc(CSVIN_MAX_ROW + 4 * 65536), *p = t;

		memcpy(p, "h\n\"", 3), p += 3;
		for (m = 0; m < 3 * 65536; m++)	/* lines 2 to 65537 inside the quote */
			*p++ = m % 3 == 2 ? '\n' : 'v';
		memcpy(p, "\"x", 2), p += 2;
		memset(p, 'w', CSVIN_MAX_ROW), p += CSVIN_MAX_ROW;
		memcpy(p, "\nok\n", 4), p += 4;
		in = open_text(t, (size_t)(p - t));
		ok(csvin_next(in, &r) == 1 && csvin_next(in, &r) == 1 &&
		   r.problem == CSVIN_MALFORMED && r.line == 2 && r.end_line == 65538 &&
		   r.lens[0] == CSVIN_MAX_ROW, "a long span: malformed, cut at CSVIN_MAX_ROW");
		ok(csvin_next(in, &r) == 1 && r.line == 65539 && !strcmp(r.fields[0], "ok") &&
		   csvin_next(in, &r) == 0, "the line after it is read");
		csvin_close(in);
		unlink(path);
		free(t);
	}

	/* lines: CR alone, CRLF once, also split between two reads */
	{
		static const char t[] = "h\r1\r\"a\rb\"\r\r2\r";
		char *big = malloc(65536 + 16);

		in = open_text(t, sizeof(t) - 1);
		ok(csvin_next(in, &r) == 1 && csvin_next(in, &r) == 1 && r.line == 2,
		   "CR-only: the second line is line 2");
		ok(csvin_next(in, &r) == 1 && r.line == 3 && r.end_line == 4,
		   "CR-only: a quoted field over lines 3-4");
		is_str(r.fields[0], "a\rb", "the CR kept inside the quotes");
		ok(csvin_next(in, &r) == 1 && r.line == 6, "an empty line counted, then line 6");
		csvin_close(in);
		unlink(path);

		memcpy(big, "h\r\n", 3);
		memset(big + 3, 'x', 65535 - 3);
		big[65535] = '\r';	/* the last byte of the first read */
		memcpy(big + 65536, "\n2\r\n3\n", 6);
		in = open_text(big, 65536 + 6);
		ok(csvin_next(in, &r) == 1 && csvin_next(in, &r) == 1 && r.line == 2 &&
		   r.lens[0] == 65532, "a row whose CR ends the first read");
		ok(csvin_next(in, &r) == 1 && r.line == 3, "its LF in the next read ends no line");
		ok(csvin_next(in, &r) == 1 && r.line == 4 && csvin_next(in, &r) == 0, "and line 4");
		csvin_close(in);
		unlink(path);
		free(big);
	}

	/* csvin_buffered holds the next record; the current row stays as it was */
	{
		static const char t[] = "h\na,b\nc,d\n";

		in = open_text(t, sizeof(t) - 1);
		ok(csvin_next(in, &r) == 1 && csvin_next(in, &r) == 1, "header and a row");
		ok(csvin_buffered(in) == 1 && csvin_buffered(in) == 1, "the next is buffered");
		ok(!strcmp(r.fields[0], "a") && !strcmp(r.fields[1], "b") && r.line == 2,
		   "the current row is untouched");
		ok(csvin_next(in, &r) == 1 && !strcmp(r.fields[0], "c") && r.line == 3,
		   "the held row comes next");
		ok(csvin_buffered(in) == 0 && csvin_next(in, &r) == 0, "then the end");
		csvin_close(in);
		unlink(path);
	}

	/* limits: a field over CSVIN_MAX_FIELD, a record over CSVIN_MAX_ROW */
	{
		size_t m;
		char *t = malloc(6 * CSVIN_MAX_FIELD), *p;

		p = t;
		memcpy(p, "h\n", 2), p += 2;
		memset(p, 'y', CSVIN_MAX_FIELD), p += CSVIN_MAX_FIELD;
		*p++ = '\n';
		memset(p, 'z', CSVIN_MAX_FIELD + 5000), p += CSVIN_MAX_FIELD + 5000;
		memcpy(p, ",q\nok\n", 6), p += 6;
		in = open_text(t, (size_t)(p - t));
		ok(csvin_next(in, &r) == 1 && csvin_next(in, &r) == 1 && r.problem == CSVIN_OK &&
		   r.lens[0] == CSVIN_MAX_FIELD, "a field of CSVIN_MAX_FIELD bytes is fine");
		ok(csvin_next(in, &r) == 1 && r.problem == CSVIN_TOO_LONG && r.line == 3 &&
		   r.nfields == 1 && r.lens[0] == CSVIN_MAX_FIELD + 5002,
		   "a longer one: too long, its line kept");
		ok(csvin_next(in, &r) == 1 && r.line == 4 && !strcmp(r.fields[0], "ok") &&
		   csvin_next(in, &r) == 0, "the next line is read");
		csvin_close(in);
		unlink(path);

		p = t;
		memcpy(p, "h\n", 2), p += 2;
		for (m = 0; m < 5; m++) {
			memset(p, 'w', CSVIN_MAX_FIELD - 10), p += CSVIN_MAX_FIELD - 10;
			*p++ = ',';
		}
		memcpy(p, "\nok\n", 4), p += 4;
		in = open_text(t, (size_t)(p - t));
		ok(csvin_next(in, &r) == 1 && csvin_next(in, &r) == 1 &&
		   r.problem == CSVIN_ROW_TOO_LONG && r.line == 2 && r.nfields == 1 &&
		   r.lens[0] >= CSVIN_MAX_ROW && r.lens[0] < 5 * CSVIN_MAX_FIELD,
		   "a record over CSVIN_MAX_ROW: too long, its line cut");
		ok(csvin_next(in, &r) == 1 && r.line == 3 && !strcmp(r.fields[0], "ok") &&
		   csvin_next(in, &r) == 0, "the rest of the line dropped, the next read");
		csvin_close(in);
		unlink(path);
		free(t);
	}

	/* marks: UTF-16 by its BOM, zip refused */
	{
		static const char u16[] = "\xff\xfe" "a\0\t\0b\0\n\0" "1\0\t\0\x2d\x4e\n\0";
		static const char zip[] = "PK\003\004\024\000rest";

		in = open_text(u16, sizeof(u16) - 1);
		ok(csvin_next(in, &r) == 1 && csvin_is_tsv(in) && r.nfields == 2, "UTF-16LE: TSV header");
		is_str(r.fields[0], "a", "UTF-16LE: BOM dropped, text converted");
		ok(csvin_next(in, &r) == 1 && r.line == 2 && r.problem == CSVIN_OK, "UTF-16LE: a row");
		is_str(r.fields[1], "中", "UTF-16LE: a Chinese character");
		csvin_close(in);
		unlink(path);

		in = open_text(zip, sizeof(zip) - 1);
		ok(csvin_next(in, &r) == -1 && r.line == 1 && r.nfields == 0 &&
		   strstr(csvin_errmsg(in), "xlsx2csv") && csvin_line(in) == 1,
		   "zip: refused before the first row, naming a converter");
		ok(csvin_next(in, &r) == -1, "and it stays refused");
		csvin_close(in);
		unlink(path);
	}

	ok(csvin_open("/nonexistent/file.csv", NULL) == NULL, "missing file: NULL");
	ok(csvin_open("/dev/null", "NO-SUCH-ENCODING") == NULL, "unknown encoding: NULL");
	return tap_done();
}
