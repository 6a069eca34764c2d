/* t-csvin: unit tests of the CSV/TSV reader: lines, quoting, limits. */
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
	ok(csvin_next(in, &r) == 0, "and nothing after it");
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
			{ "h\n1,a\"b\n", 1, "a quote inside an unquoted field is text" },
			{ "h\n1,\"a\"b,\n", 0, "text after a closing quote stays quoted" },
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

	ok(csvin_open("/nonexistent/file.csv", NULL) == NULL, "missing file: NULL");
	ok(csvin_open("/dev/null", "NO-SUCH-ENCODING") == NULL, "unknown encoding: NULL");
	return tap_done();
}
