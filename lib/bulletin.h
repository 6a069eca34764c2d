/* bulletin.h: a bulletin's tables and charts, from its figure tables. */
#ifndef PT_BULLETIN_H
#define PT_BULLETIN_H

#include "figures.h"
#include "narrative.h"
#include "render.h"

/* Where a bulletin goes and in which language. */
struct bulletin {
	struct render *r;
	enum lang lang;
};

/*
 * bulletin_table_dim: a table of t's groups (grouped by one dimension):
 * cases, people, share, a year before (ty's same group), change; most
 * cases first, a group only ty has included, a group with no cases either
 * year left out.  word (NULL: the key as it is) names a key; with
 * mark_fastest, a last column marks the largest rise in percent over a
 * non-zero base.  Adds groups of ty to t.
 */
void bulletin_table_dim(const struct bulletin *rp, const char *caption, const char *head,
			struct fig_table *t, const struct fig_table *ty, int mark_fastest,
			const char *(*word)(enum lang, const char *));

/* kind_words: 初信初访 / first petitions, ...; other kinds as they are. */
const char *kind_words(enum lang lang, const char *kind);

/*
 * bulletin_rates: the three rates (三率: timely acceptance, on time,
 * satisfaction) of each unit of t (grouped by unit; unassigned left out),
 * ranked by their mean over the rates it has, highest first (月考评).
 */
void bulletin_rates(const struct bulletin *rp, const struct fig_table *t);

/* bulletin_colours: red and yellow cases by unit and lead official (ul grouped so), rows with either. */
void bulletin_colours(const struct bulletin *rp, const struct fig_table *ul);

/*
 * bulletin_charts: the SVG charts (HTML only): cases by month, now and
 * before (each month's batches, January first), against last year; ch's
 * channels (grouped by channel); ul's red and yellow by unit (its first 64).
 */
void bulletin_charts(const struct bulletin *rp, const struct fig_table *ch,
		     const struct fig_table *ul, const long now[12], const long before[12]);

/*
 * fig_visits_by_level: into lv (initialised here; release it), the visit
 * rows of cl, a table grouped by channel and level, grouped by level.
 */
void fig_visits_by_level(const struct fig_table *cl, struct fig_table *lv);

#endif
