/* overdue.h: the four colours of supervision (四色督办) and the listing of cases by colour. */
#ifndef PT_OVERDUE_H
#define PT_OVERDUE_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "ledger.h"

/*
 * A case's colour, as of a date: red when the deadline of the office's
 * stage is past, yellow when it falls on the date or within the warning
 * days after it, blue when it is later, green when the stage owes the
 * office nothing (concluded, reviewed, closed) or has no deadline.
 */
enum od_color { OD_RED, OD_YELLOW, OD_BLUE, OD_GREEN, OD_NCOLORS };

/* od_color_name: "red", "yellow", "blue" or "green"; a static string. */
const char *od_color_name(enum od_color c);

/*
 * od_colors_parse: read a comma-separated list of colour names, in English
 * (red, yellow, blue, green) or Chinese (红, 黄, 蓝, 绿), into want: 1 for
 * each colour named, 0 for the others.  Returns 0, or -1 when a name is
 * none of these (want is then partly filled: the caller refuses the list).
 */
int od_colors_parse(const char *list, int want[OD_NCOLORS]);

/*
 * od_color_of: the colour of a case in stage whose deadline is the day
 * number due (-1 when it has none), as of the day as_of, yellow when due
 * within warn_days after it.  Never fails.
 */
enum od_color od_color_of(const char *stage, int due, int as_of, long warn_days);

/* What to list: the colours, the day, the warning days and the filters. */
struct od_query {
	int want[OD_NCOLORS];	/* 1 for each colour to list */
	int as_of;		/* day number the colours are for */
	long warn_days;		/* yellow: due within this many days */
	const char *unit, *leader, *region;	/* NULL: any; else the exact value */
	int disputes;		/* 1: the disputes (dispute = 1); 0: the petitions */
};

/*
 * One case as listed.  Its strings belong to the scan and hold until the
 * next od_scan_next or od_scan_end; NULL for an empty value.
 */
struct od_case {
	int64_t id;
	enum od_color color;
	const char *stage, *due;	/* due as the ledger holds it */
	int has_left;			/* days_left is meant: not green, a due date */
	int days_left;			/* due - as_of, negative when overdue */
	const char *unit, *leader, *region, *category, *received, *channel,
		   *name, *phone, *kind, *procedure;
	int uncovered;			/* a year its working-day deadline needs
					   that the calendar lacks; 0: none */
};

/*
 * struct od_scan: the cases of a query, in one read transaction of a
 * ledger: the open ones (read from the partial index cases_open, so the
 * cost follows the open cases), most overdue first (by due date, then id),
 * then, when green is wanted, the others.  It also counts, in reds, every
 * red case the filters select, listed or not: a tool's exit status.
 */
struct od_scan {
	struct ledger *l;
	const struct od_query *q;
	sqlite3_stmt *st[2];	/* the open cases; the others (green) or NULL */
	int pass;		/* index into st of the statement being read */
	long reds;		/* red cases met so far, listed or not */
	struct calendar cal;	/* the ledger's, for od_case.uncovered */
};

/*
 * od_scan_begin: begin a read transaction on the open ledger l, read its
 * calendar and prepare the statements of q (both kept by s; l and q must
 * outlive s): over the petitions, or with q->disputes the disputes (a
 * ledger from before disputes were kept has none).
 * Returns 0, or -1 with l->err and l->rc set; call od_scan_end in both
 * cases.
 */
int od_scan_begin(struct od_scan *s, struct ledger *l, const struct od_query *q);

/*
 * od_scan_next: the next case of a colour q wants, into *c.  Returns 1
 * with *c filled, 0 when there is none left, -1 with l->err and l->rc set
 * when SQLite fails.  Red cases skipped on the way are counted in s->reds.
 */
int od_scan_next(struct od_scan *s, struct od_case *c);

/*
 * od_scan_end: finish the statements, free the calendar and end the read
 * transaction (the ledger stays open).  Returns 0, or -1 with l->err set when the commit
 * fails; s owns nothing afterwards.
 */
int od_scan_end(struct od_scan *s);

/* The cases of each colour of one unit, for the summary. */
struct od_unit {
	char *unit;		/* "" for the cases not yet assigned */
	long n[OD_NCOLORS];
};

/*
 * struct od_summary: counts by unit and colour, units in the order met
 * until od_summary_sort.  The array and its names belong to the summary.
 */
struct od_summary {
	struct od_unit *units;
	size_t nunits, aunits;
};

/*
 * od_summary_add: count one case of colour c for unit (NULL counts as
 * ""), adding the unit when new.  Out of memory exits (xrealloc).
 */
void od_summary_add(struct od_summary *sum, const char *unit, enum od_color c);

/*
 * od_summary_sort: the bulletin's order: most red first, then most yellow,
 * then by the byte order of the unit's name.  Never fails.
 */
void od_summary_sort(struct od_summary *sum);

/* od_summary_release: free the units and their names; sum is empty after. */
void od_summary_release(struct od_summary *sum);

#endif
