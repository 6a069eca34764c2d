/* cli.h: the options every pt tool shares, parsed one way. */
#ifndef PT_CLI_H
#define PT_CLI_H

#include <getopt.h>
#include <stdio.h>
#include "csvout.h"
#include "tabin.h"

/* Long-only option codes, above any character. */
enum {
	OPT_FORMAT = 256, OPT_BOM, OPT_EXCEL, OPT_UNMASK, OPT_AS_OF, OPT_BY,
	OPT_VERSION, OPT_IGNORE_UNKNOWN, OPT_REJECTS,
	OPT_TOOL_BASE = 300	/* a tool's own long-only options start here */
};

struct cli {
	const char *db;		/* -d; NULL: ledger_path() decides */
	const char *encoding;	/* -E */
	enum out_format fmt;	/* -t, --format */
	int out_flags;		/* --bom, --excel */
	int unmask;
	int as_of;		/* --as-of, default today */
	const char *by;		/* --by, default $USER */
	int ignore_unknown;
	const char *rejects;
	int quiet;		/* -q */
};

/*
 * The shared options, to splice into a tool's table.  Letters: d: E: t q h.
 */
#define CLI_SHORTOPTS "d:E:tqh"
#define CLI_LONGOPTS \
	{ "db", required_argument, NULL, 'd' }, \
	{ "encoding", required_argument, NULL, 'E' }, \
	{ "tsv", no_argument, NULL, 't' }, \
	{ "format", required_argument, NULL, OPT_FORMAT }, \
	{ "bom", no_argument, NULL, OPT_BOM }, \
	{ "excel", no_argument, NULL, OPT_EXCEL }, \
	{ "as-of", required_argument, NULL, OPT_AS_OF }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, OPT_VERSION }

/* --unmask: only the tools that print ID numbers or phones take it */
#define CLI_UNMASK_OPT { "unmask", no_argument, NULL, OPT_UNMASK }

/*
 * cli_init: defaults: CSV, as-of today, by $USER (else the login name).
 * Every tool calls it first; it also ignores SIGXFSZ for the process, so a
 * file-size limit is a write error (EFBIG) for the tool to report, not a
 * death by signal.
 */
void cli_init(struct cli *c);

/*
 * cli_option: apply one shared option.  Returns 1 when handled, 0 when the
 * option is not a shared one, -1 when its argument is bad (err says why).
 * -h and --version are not handled here: the tool prints its own.
 */
int cli_option(struct cli *c, int opt, const char *arg, char *err, size_t errsize);

/*
 * cli_output_check: -1 with err set when the chosen format cannot go to
 * out: a workbook (--format xlsx) to a terminal ("refusing to write an
 * Excel workbook to a terminal: redirect standard output to a file");
 * else 0.  The caller exits 64 on -1, after the message; nothing else
 * happens.  For the tools' option loop, once a shared option is applied.
 */
int cli_output_check(const struct cli *c, FILE *out, char *err, size_t errsize);

/*
 * cli_unknown_column: the first header name of t that names no known
 * column, or NULL.  For a file read with ignore_unknown set although the
 * tool has no --ignore-unknown (a rules file, a calendar): the caller
 * refuses it as "unknown column 'X'", without suggesting an option the
 * tool lacks.  The name belongs to t.  Inline, so that what links
 * calendar.c without cli.o (the fuzz targets) has it.
 */
static inline const char *
cli_unknown_column(const struct tabin *t)
{
	size_t i, c;

	for (i = 0; i < t->hdr.nfields; i++) {
		for (c = 0; c < t->map.nspec; c++)
			if (t->map.field[c] == (int)i)
				break;
		if (c == t->map.nspec)
			return t->hdr.fields[i];
	}
	return NULL;
}

#define PT_VERSION "0.1.0"

#endif
