/* msg.h: the tools' messages to stderr, "pt-TOOL: what is wrong". */
#ifndef PT_MSG_H
#define PT_MSG_H

#include "i18n.h"

/*
 * Only cmd/ calls these: the rest of lib/ returns errors and never prints.
 * msg_init sets the program name used as the prefix (the last part of
 *   argv0, kept as a pointer into it), and the language: the locale of
 *   the environment (LC_ALL, LC_MESSAGES, LANG; LANGUAGE as gettext reads
 *   it, but not under C or C.UTF-8) for messages and the character set,
 *   C for everything else (numbers, dates, money, collation), so that no
 *   output changes with it.  The catalogues are read from the build tree
 *   for a tool in its bin, else from the share/locale beside the tool's
 *   bin, else from the PREFIX's.  It never fails: a locale the system
 *   lacks, or no catalogue, leaves the messages English.
 * msg_warn prints "PROG: MESSAGE\n", fmt translated (gettext: fmt itself
 *   when the catalogue lacks it); if fmt ends in ':' the text of errno at
 *   the call is appended (as sbase's eprintf).
 * msg_die does the same and exits with status code.
 */
void msg_init(const char *argv0);
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/*
 * msg_die_at: msg_die for a place in a file: "PROG: FILE:LINE: MESSAGE",
 * or "PROG: FILE: MESSAGE" when line is 0 or less (nothing of the file was
 * read yet, as in a gzip file cut short inside its first line): a message
 * never names line 0.  fmt is translated; errno is not appended.
 */
void msg_die_at(int code, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));

/*
 * msg_warn_lines: each line of text ('\n' between them) as its own
 * message "PROG: FILE:LINE: the line", as msg_die_at words it (no line
 * number when line is 0 or less); nothing for an empty text.
 */
void msg_warn_lines(const char *file, long line, const char *text);

/*
 * msg_die_open: an input that could not be opened (errno says why): exit
 * 64 after "unknown encoding 'ENC'" when errno is EINVAL (iconv knows no
 * encoding), else 66 after "PATH: why".
 */
void msg_die_open(const char *path, const char *encoding) __attribute__((noreturn));

/* What every tool does the same way, and may end in exiting. */
struct cli;
struct lc_session;

/*
 * cli_xoption: what a tool's option loop does with an option that is not
 * its own: -h calls help (which exits 0), --version prints "TOOL VERSION"
 * and exits 0, a shared option is applied; an unknown option, or a bad
 * argument (said first), calls usage (which exits 64).  When the help or
 * the version cannot be written to standard output (a full disk; not a
 * closed pipe) the exit is 74 after "write error on standard output".
 */
void cli_xoption(struct cli *c, int opt, const char *arg, const char *tool,
		 void (*help)(void), void (*usage)(void));

/*
 * cli_usage: print usage_text to standard error and exit 64.  cli_help:
 * print usage_text, then text, to standard output and exit 0 (a failed
 * write exits 74: see cli_xoption).  Both texts are translated (mark them
 * N_() where they are defined).  Neither returns; they own nothing.
 */
void cli_usage(const char *usage_text) __attribute__((noreturn));
void cli_help(const char *usage_text, const char *text) __attribute__((noreturn));

/*
 * CLI_USAGE_HELP(usage_text, help_text): defines the tool's usage(void)
 * and help(void), the two cli_xoption takes: cli_usage(usage_text) and
 * cli_help(usage_text, help_text).  One line at file scope, after both.
 */
#define CLI_USAGE_HELP(usage_text, help_text)				\
	static void usage(void) { cli_usage(usage_text); }		\
	static void help(void) { cli_help(usage_text, help_text); }

struct ledger;

/*
 * cli_ledger_at_exit: have the tool's open ledger l closed by
 * ledger_close (which tidies a reader's -wal and -shm) when the process
 * exits, by exit or by returning from main; l stays the caller's and must
 * live until then.  cli_ledger_close: close it now, once (nothing when it
 * is closed already).  cli_die_ledger: "PROG: PATH: ERROR" from l, then
 * exit with ledger_exit_code(l).  None fails.
 */
void cli_ledger_at_exit(struct ledger *l);
void cli_ledger_close(void);
void cli_die_ledger(const struct ledger *l) __attribute__((noreturn));

struct fig_src;

/*
 * cli_fig_src_at_exit, cli_fig_src_close, cli_die_fig_src: the same for
 * a tool's figure source s (fig_src_close closes its ledgers, tidying
 * their -wal and -shm, and removes its seen file): closed at exit, or now
 * and once; "PROG: ERROR" from s, then exit with its code.  None fails.
 */
void cli_fig_src_at_exit(struct fig_src *s);
void cli_fig_src_close(void);
void cli_die_fig_src(const struct fig_src *s) __attribute__((noreturn));

/*
 * lc_session_xopen: lc_session_open, or die as a tool does: exit 69 when
 * there is no ledger, the ledger's own status when it fails, 66 or 74 when
 * the calendar file cannot be read, 65 naming its line when it is wrong.
 * From then on, a working-day deadline that needs a year the calendar
 * does not cover is warned of on stderr, once per year.
 */
void lc_session_xopen(struct lc_session *s, const char *path, const char *calendar,
		      const char *tool, const char *by, const char *input, int as_of);

struct colspec;

/*
 * struct msg_colset: one input of a tool, for --columns: what it is
 * (file: "input", "rules"), its n columns, and what each takes (values,
 * n entries or NULL; a NULL entry: rec_values, else the tool's own).
 */
struct msg_colset {
	const char *file;
	const struct colspec *spec;
	size_t n;
	const char *const *values;
};

/*
 * msg_columns: print the columns of the nsets inputs of a tool to
 * standard output as a table in c's format (CSV, TSV with -t, JSON
 * Lines): file, column (the canonical name), aliases (space-separated),
 * required (yes or no), values (what it takes; empty for free text); then
 * exit 0, or 74 after a message when standard output cannot be written.
 */
void msg_columns(const struct cli *c, const struct msg_colset *sets, size_t nsets)
	__attribute__((noreturn));
/*
 * cli_check_inputs: before anything is read or written, every input named
 * in argv (argc of them; "-" is standard input) can be read, else exit 66
 * naming it; and rejects (NULL: none), the rejects file, is not one of
 * them (it would be truncated before being read), else exit 64.
 */
void cli_check_inputs(const char *rejects, int argc, char **argv);

#endif
