/* figout.h: a figure table as rows of named columns, as pt-stats prints it. */
#ifndef PT_FIGOUT_H
#define PT_FIGOUT_H

#include "csvout.h"
#include "figures.h"
#include "util.h"

/* At most this many columns in a row of figures. */
#define FIG_OUT_MAXCOLS (1 + NDIMS + 4 * (NFIGS + NRATES))

/*
 * fig_out_header: the column names into names (FIG_OUT_MAXCOLS): period,
 * t's groups, then each figure t shows (fig_shown; and the rate printed after it), each with
 * its _before and _change_pct (a rate: _before) when compare is set.  The
 * names made here are kept in hdr, which must outlive names and not be
 * added to.  Returns the number of columns.
 */
size_t fig_out_header(const struct fig_table *t, int compare, const char **names,
		      struct strbuf *hdr);

/*
 * fig_out_row: group x of t as a row of out, period label first: its
 * counts and rates, and with before the counts and rates of before's group
 * with the same keys (zeros when none) and the changes.  A figure t cannot
 * count (have) is an empty cell.
 */
void fig_out_row(struct out *out, const struct fig_table *t, const struct fig_table *before,
		 const struct fig_group *x, const char *label);

#endif
