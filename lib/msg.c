/* msg.c: the one place a tool formats a message for stderr. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "figsrc.h"
#include "lifecycle.h"
#include "msg.h"
#include "record.h"
#include "banned.h"

static const char *prog = "pt";

void
msg_init(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');
	prog = slash ? slash + 1 : argv0;
}

static void
vmsg(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	if (n && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
msg_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void
msg_die(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(code);
}

void
msg_die_at(int code, const char *file, long line, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (line > 0)
		msg_die(code, "%s:%ld: %s", file, line, text);
	msg_die(code, "%s: %s", file, text);
}

/*
 * At exit after --help or --version: what was printed must have reached
 * standard output (a full disk is exit 74, as for any other output).  A
 * reader that closed the pipe is no error.  errno is taken from the failing
 * fflush itself, or, when the stream failed earlier, is not trusted (EIO).
 */
static void
check_stdout_at_exit(void)
{
	int err = 0;

	errno = 0;
	if (fflush(stdout) != 0)
		err = errno ? errno : EIO;
	else if (ferror(stdout))
		err = EIO;
	if (err && err != EPIPE) {
		fprintf(stderr, "%s: write error on standard output: %s\n", prog,
			strerror(err));
		_exit(EX_IOERR);
	}
}

void
cli_xoption(struct cli *c, int opt, const char *arg, const char *tool,
	    void (*help)(void), void (*usage)(void))
{
	char err[256];

	if (opt == 'h' || opt == OPT_VERSION)
		atexit(check_stdout_at_exit);
	if (opt == 'h')
		help();
	if (opt == OPT_VERSION) {
		printf("%s %s\n", tool, PT_VERSION);
		exit(0);
	}
	switch (cli_option(c, opt, arg, err, sizeof(err))) {
	case 1:
		return;
	case -1:
		msg_warn("%s", err);
		/* fall through */
	default:
		usage();
	}
}

void
cli_usage(const char *usage_text)
{
	fputs(usage_text, stderr);
	exit(EX_USAGE);
}

void
cli_help(const char *usage_text, const char *text)
{
	fputs(usage_text, stdout);
	fputs(text, stdout);
	exit(0);
}

/* The ledger cli_ledger_at_exit closes at exit; NULL once closed. */
static struct ledger *at_exit_ledger;

void
cli_ledger_close(void)
{
	if (at_exit_ledger)
		ledger_close(at_exit_ledger);
	at_exit_ledger = NULL;
}

void
cli_ledger_at_exit(struct ledger *l)
{
	static int registered;

	at_exit_ledger = l;
	if (!registered)
		atexit(cli_ledger_close);
	registered = 1;
}

void
cli_die_ledger(const struct ledger *l)
{
	msg_die(ledger_exit_code(l), "%s: %s", l->path, l->err);
}

/* The source cli_fig_src_at_exit closes at exit; NULL once closed. */
static struct fig_src *at_exit_src;

void
cli_fig_src_close(void)
{
	if (at_exit_src)
		fig_src_close(at_exit_src);
	at_exit_src = NULL;
}

void
cli_fig_src_at_exit(struct fig_src *s)
{
	static int registered;

	at_exit_src = s;
	if (!registered)
		atexit(cli_fig_src_close);
	registered = 1;
}

void
cli_die_fig_src(const struct fig_src *s)
{
	msg_die(s->code, "%s", s->err);
}

/*
 * warn_uncovered: the calendar's hook: say once per year and run that a
 * working-day deadline needed a year the calendar does not cover.
 */
static void
warn_uncovered(int year, void *arg)
{
	static int warned[16];
	static size_t nwarned;
	size_t i;

	(void)arg;
	for (i = 0; i < nwarned; i++)
		if (warned[i] == year)
			return;
	if (nwarned < sizeof(warned) / sizeof(warned[0]))
		warned[nwarned++] = year;
	msg_warn("the calendar does not cover %d: deadlines in it assume no holidays"
		 " but the fixed-date ones", year);
}

void
lc_session_xopen(struct lc_session *s, const char *path, const char *calendar,
		 const char *tool, const char *by, const char *input, int as_of)
{
	char err[512];
	const char *shown;	/* the calendar file, given or installed */
	long line = 0;
	int saved;

	calendar_set_uncovered_hook(warn_uncovered, NULL);
	shown = calendar ? calendar : calendar_default_path();
	switch (lc_session_open(s, path, calendar, tool, by, input, as_of, err,
				sizeof(err), &line)) {
	case LC_OPEN_OK:
		return;
	case LC_OPEN_NO_LEDGER:
		msg_die(69, "%s: no ledger (pt-intake creates one)", s->l.path);
	case LC_OPEN_LEDGER:
		msg_die(ledger_exit_code(&s->l), "%s: %s", s->l.path, s->l.err);
	case LC_OPEN_CALENDAR:
		saved = errno;	/* the failure's, before the message is written */
		msg_warn("%s:", shown);
		exit(saved == ENOENT || saved == EACCES ? EX_NOINPUT : EX_IOERR);
	case LC_OPEN_CALENDAR_DATA:
		msg_die_at(EX_DATAERR, shown, line, "%s", err);
	}
}

/* What an event column takes that no intake column does: pt-update's. */
static const char *
tool_values(const char *name, char *buf, size_t size)
{
	size_t i, o = 0;

	if (!strcmp(name, "rating"))
		return "satisfied 满意; basic 基本满意; unsatisfied 不满意";
	if (strcmp(name, "event"))
		return NULL;
	buf[0] = '\0';
	for (i = 0; lc_event_names[i] && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? " " : "",
				      lc_event_names[i]);
	return buf;
}

void
msg_columns(const struct cli *c, const struct msg_colset *sets, size_t nsets)
{
	static const char *const names[] = { "file", "column", "aliases", "required",
					     "values" };
	char alias[512], vbuf[512];
	const char *cells[5];
	struct out o;
	size_t s, i;

	out_init(&o, stdout, c->fmt, c->out_flags, names, 5);
	out_header(&o);
	for (s = 0; s < nsets; s++)
		for (i = 0; i < sets[s].n; i++) {
			const struct colspec *sp = &sets[s].spec[i];
			size_t k;
			snprintf(alias, sizeof(alias), "%s", sp->alias ? sp->alias : "");
			for (k = 0; alias[k]; k++)
				if (alias[k] == '|')
					alias[k] = ' ';
			cells[0] = sets[s].file;
			cells[1] = sp->name;
			cells[2] = alias;
			cells[3] = sp->required ? "yes" : "no";
			cells[4] = sets[s].values ? sets[s].values[i] : NULL;
			if (!cells[4] && !(cells[4] = rec_values(sp->name, vbuf, sizeof(vbuf))))
				cells[4] = tool_values(sp->name, vbuf, sizeof(vbuf));
			out_row(&o, cells);
		}
	if (out_finish(&o) < 0 || (fclose(stdout) != 0 && errno != EPIPE))
		msg_die(EX_IOERR, "write error on standard output:");
	exit(0);
}

void
msg_warn_lines(const char *file, long line, const char *text)
{
	size_t n;

	for (; *text; text += n + (text[n] != '\0')) {
		n = strcspn(text, "\n");
		if (line > 0)
			msg_warn("%s:%ld: %.*s", file, line, (int)n, text);
		else
			msg_warn("%s: %.*s", file, (int)n, text);
	}
}

void
msg_die_open(const char *path, const char *encoding)
{
	if (errno == EINVAL)
		msg_die(EX_USAGE, "unknown encoding '%s'", encoding);
	msg_warn("%s:", path);
	exit(EX_NOINPUT);
}
