/* msg.c: the one place a tool formats a message for stderr. */
#include <errno.h>
#include <limits.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "figsrc.h"
#include "i18n.h"
#include "lifecycle.h"
#include "msg.h"
#include "record.h"
#include "banned.h"

static const char *prog = "pt";

#ifndef PT_LOCALEDIR
#define PT_LOCALEDIR "/usr/local/share/locale"
#endif

#if defined(PT_BUILD_BINDIR) && defined(PT_BUILD_LOCALEDIR)
/*
 * same_dir: a and b name one directory (compared by device and inode, so
 * that a symbolic link on the way does not matter).
 */
static int
same_dir(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
#endif

/*
 * localedir: where the catalogues are, from where the running tool is: a
 * tool in the build tree's bin (PT_BUILD_BINDIR) reads the catalogues make
 * built (PT_BUILD_LOCALEDIR); an installed one DIR/bin/pt-X reads
 * DIR/share/locale, so that a tree installed elsewhere than its PREFIX
 * still speaks its language; else the PREFIX's (PT_LOCALEDIR).  buf holds
 * the path when it is made here.
 */
static const char *
localedir(char *buf, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	struct stat st;

	if (n <= 0)
		return PT_LOCALEDIR;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return PT_LOCALEDIR;
	*slash = '\0';
#if defined(PT_BUILD_BINDIR) && defined(PT_BUILD_LOCALEDIR)
	if (same_dir(exe, PT_BUILD_BINDIR))
		return PT_BUILD_LOCALEDIR;
#endif
	if ((size_t)snprintf(buf, size, "%s/../share/locale", exe) < size &&
	    stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
		return buf;
	return PT_LOCALEDIR;
}

/*
 * c_messages: the messages' locale is C, POSIX or C.CODESET: English,
 * whatever LANGUAGE says (gettext ignores LANGUAGE for plain C only).
 */
static int
c_messages(void)
{
	const char *m = setlocale(LC_MESSAGES, NULL);

	return !m || !strcmp(m, "C") || !strcmp(m, "POSIX") || !strncmp(m, "C.", 2);
}

void
msg_init(const char *argv0)
{
	static char dir[PATH_MAX + 32];
	const char *slash = strrchr(argv0, '/');

	prog = slash ? slash + 1 : argv0;
	/*
	 * Messages in the user's language and character set, data as it is:
	 * only LC_MESSAGES and LC_CTYPE come from the environment; numbers,
	 * dates, money and the order of strings stay C whatever it says, so
	 * that no output changes with it.  A locale the system lacks is C.
	 */
	setlocale(LC_CTYPE, "");
	if (!setlocale(LC_MESSAGES, "") || c_messages())
		setlocale(LC_MESSAGES, "C");
	bindtextdomain(PT_TEXTDOMAIN, localedir(dir, sizeof(dir)));
	textdomain(PT_TEXTDOMAIN);
	/* LC_MESSAGES=zh_CN.UTF-8 alone, over an ASCII C: UTF-8, not "???" */
	if (!strcmp(nl_langinfo(CODESET), "ANSI_X3.4-1968")) {
		bind_textdomain_codeset(PT_TEXTDOMAIN, "UTF-8");
		bind_textdomain_codeset("libc", "UTF-8");
	}
}

/*
 * vmsg_as: "PROG: " and fmt as given (translated already, or not to be),
 * with the text of errno at the call appended when errmsg is set.
 */
static void
vmsg_as(const char *fmt, int errmsg, va_list ap)
{
	int saved = errno;

	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	if (errmsg)
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

/*
 * vmsg: fmt in the user's language; errno's text is appended when the
 * English fmt ends in ':' (a translation may end otherwise).
 */
static void
vmsg(const char *fmt, va_list ap)
{
	size_t n = strlen(fmt);
	int saved = errno;
	const char *tr = _(fmt);

	errno = saved;
	vmsg_as(tr, n && fmt[n - 1] == ':', ap);
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

/* raw_die: "PROG: " and fmt, not translated, then exit with code. */
static void __attribute__((format(printf, 2, 3), noreturn))
raw_die(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg_as(fmt, 0, ap);
	va_end(ap);
	exit(code);
}

void
msg_die_at(int code, const char *file, long line, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), _(fmt), ap);
	va_end(ap);
	if (line > 0)
		raw_die(code, "%s:%ld: %s", file, line, text);
	raw_die(code, "%s: %s", file, text);
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
		fprintf(stderr, _("%s: write error on standard output: %s\n"), prog,
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
		printf("%s %s\n", tool, PT_VERSION);	/* the same in every language */
		exit(0);
	}
	switch (cli_option(c, opt, arg, err, sizeof(err))) {
	case 1:
		/* a workbook to a terminal: refused before anything is done */
		if (cli_output_check(c, stdout, err, sizeof(err)) < 0) {
			msg_warn("%s", err);
			exit(EX_USAGE);
		}
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
	fputs(_(usage_text), stderr);
	exit(EX_USAGE);
}

void
cli_help(const char *usage_text, const char *text)
{
	fputs(_(usage_text), stdout);
	fputs(_(text), stdout);
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

	if (!strcmp(name, "rating") || !strcmp(name, "bureau_rating"))
		return "satisfied 满意; basic 基本满意; unsatisfied 不满意";
	if (!strcmp(name, "outcome"))
		return "upheld 维持; revoked 撤销; changed 变更";
	if (!strcmp(name, "procedure"))
		return "normal; simplified";
	if (strcmp(name, "event"))
		return NULL;
	buf[0] = '\0';
	for (i = 0; lc_event_names[i] && o < size; i++) {	/* recalc is pt's own */
		const char *zh;
		int k;
		if (lc_event_parse(lc_event_names[i]) < 0)
			continue;
		o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? "; " : "", lc_event_names[i]);
		for (k = 0; (zh = lc_event_alias((int)i, k)) && o < size; k++)
			o += (size_t)snprintf(buf + o, size - o, " %s", zh);
	}
	return buf;
}

void
msg_columns(const struct cli *c, const struct msg_colset *sets, size_t nsets)
{
	static const char *const names[] = { "file", "column", "aliases", "required",
					     "values" };
	char alias[512], vbuf[1024];
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

void
cli_check_inputs(const char *rejects, int argc, char **argv)
{
	struct stat rs, st;
	int i, have_rs = rejects && stat(rejects, &rs) == 0;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-"))
			continue;
		if (access(argv[i], R_OK) < 0) {
			msg_warn("%s:", argv[i]);
			exit(EX_NOINPUT);
		}
		if (have_rs && stat(argv[i], &st) == 0 &&
		    st.st_dev == rs.st_dev && st.st_ino == rs.st_ino)
			msg_die(EX_USAGE, "--rejects %s is also an input", rejects);
	}
}
