/* msg.h: the tools' messages to stderr, "pt-TOOL: what is wrong". */
#ifndef PT_MSG_H
#define PT_MSG_H

/*
 * Only cmd/ calls these: lib/ returns errors and never prints.
 * msg_init sets the program name used as the prefix.
 * msg_warn prints "PROG: MESSAGE\n"; if fmt ends in ':' the text of errno
 *   at the call is appended (as sbase's eprintf).
 * msg_die does the same and exits with status code.
 */
void msg_init(const char *argv0);
const char *msg_prog(void);
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

#endif
