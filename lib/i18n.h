/* i18n.h: the marks for gettext: _() translates now, N_() marks for later. */
#ifndef PT_I18N_H
#define PT_I18N_H

#include <libintl.h>

/* The text domain: the catalogue is LOCALEDIR/LANG/LC_MESSAGES/pt.mo. */
#define PT_TEXTDOMAIN "pt"

/*
 * _(s): s in the user's language (gettext in the pt domain): a string
 * owned by the catalogue, or s itself when there is no translation (the C
 * locale, no catalogue, or a message not in it); never fails.  N_(s): s
 * unchanged, a mark for po/update, for a string that is translated where
 * it is used (a tool's usage_text and help_text, which cli_usage and
 * cli_help translate).  When po/update extracts the messages it builds
 * with PT_XGETTEXT, which makes N_ a call xgettext knows.
 */
#define _(s) dgettext(PT_TEXTDOMAIN, s)
#ifdef PT_XGETTEXT
#define N_(s) gettext_noop(s)
#else
#define N_(s) s
#endif

#endif
