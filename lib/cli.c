/* cli.c: parsing the options all pt tools share. */
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "banned.h"

void
cli_init(struct cli *c)
{
	const char *u = getenv("USER");
	struct passwd *pw;

	/*
	 * A file-size limit (ulimit -f) must not kill a tool halfway: ignored,
	 * SIGXFSZ becomes a write() failing with EFBIG, which the ledger and
	 * the output report as an I/O error (exit 74) like a full disk.
	 */
	signal(SIGXFSZ, SIG_IGN);
	memset(c, 0, sizeof(*c));
	c->fmt = OUT_CSV;
	c->as_of = date_today();
	if ((!u || !*u) && (pw = getpwuid(getuid())))
		u = pw->pw_name;
	c->by = u && *u ? u : "unknown";
}

int
cli_option(struct cli *c, int opt, const char *arg, char *err, size_t errsize)
{
	int secs;

	switch (opt) {
	case 'd':
		c->db = arg;
		return 1;
	case 'E':
		c->encoding = arg;
		return 1;
	case 't':
		c->fmt = OUT_TSV;
		return 1;
	case 'q':
		c->quiet = 1;
		return 1;
	case OPT_FORMAT:
		if (out_format_parse(arg, &c->fmt) < 0) {
			snprintf(err, errsize, "unknown format '%s' (csv, tsv, jsonl, xlsx)", arg);
			return -1;
		}
		return 1;
	case OPT_BOM:
		c->out_flags |= OUT_BOM;
		return 1;
	case OPT_EXCEL:
		c->out_flags |= OUT_EXCEL;
		return 1;
	case OPT_UNMASK:
		c->unmask = 1;
		return 1;
	case OPT_AS_OF:
		if (date_parse(arg, &c->as_of, &secs) < 0) {
			snprintf(err, errsize, "bad date '%s' for --as-of", arg);
			return -1;
		}
		return 1;
	case OPT_BY:
		c->by = arg;
		return 1;
	case OPT_IGNORE_UNKNOWN:
		c->ignore_unknown = 1;
		return 1;
	case OPT_REJECTS:
		c->rejects = arg;
		return 1;
	}
	return 0;
}

int
cli_output_check(const struct cli *c, FILE *out, char *err, size_t errsize)
{
	if (c->fmt != OUT_XLSX || !isatty(fileno(out)))
		return 0;
	snprintf(err, errsize, "refusing to write an Excel workbook to a terminal: "
		 "redirect standard output to a file");
	return -1;
}
