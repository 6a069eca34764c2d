/* bulletin.h: a bulletin's tables and charts, from its figure tables. */
#ifndef PT_BULLETIN_H
#define PT_BULLETIN_H

#include "figures.h"
#include "figsrc.h"
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

/*
 * bulletin_table_figs: the same with the figures nf and pf as its cases and
 * people (bulletin_table_dim's are FIG_BATCHES and FIG_PERSONS): the
 * collective visits by level, say.
 */
void bulletin_table_figs(const struct bulletin *rp, const char *caption, const char *head,
			 struct fig_table *t, const struct fig_table *ty, int mark_fastest,
			 const char *(*word)(enum lang, const char *), enum fig nf,
			 enum fig pf);

/* kind_words: 初信初访 / first petitions, ...; other kinds as they are. */
const char *kind_words(enum lang lang, const char *kind);

/*
 * bulletin_rates: the three rates (三率: timely acceptance, on time,
 * satisfaction) of each unit of t (grouped by unit; unassigned left out),
 * ranked (月考评), with the rank the unit had in before (the period before,
 * grouped so; "-" when it was not ranked) beside it.  A unit's score is
 * the mean of its rates weighted by wt (timely acceptance, on time,
 * satisfaction), over the rates it has: a rate whose denominator is 0 (no
 * case due) is shown "-", never 0.0%, and left out.  Units with more rates
 * scored rank first (all three above two), then the higher score; the
 * same score as shown (one decimal) with as many rates is the same rank,
 * 并列第2 (en =2); a unit with none is unranked.  The caption names p's
 * kind: 周考评, 月考评, 季度考评, 半年考评, 年度考评, else 考评.
 */
void bulletin_rates(const struct bulletin *rp, const struct fig_table *t,
		    const struct fig_table *before, const double wt[3], const struct period *p);

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

/* The kinds of bulletin, by the rhythm bureaus keep. */
enum bulletin_kind { BK_DAILY, BK_WEEKLY, BK_MONTHLY, BK_QUARTERLY, BK_ANNUAL, NBKINDS };

/* bulletin_kind_parse: the kind named s ("daily", "weekly", "monthly", "quarterly", "annual"), or -1. */
int bulletin_kind_parse(const char *s);

/*
 * bulletin_default_period: into *p the period of kind k just ended on
 * as_of: daily, the as-of day itself; weekly, the last complete ISO week
 * (the one before as_of's); monthly, the month before; quarterly, the
 * quarter before; annual, the year before.  Cannot fail.
 */
void bulletin_default_period(enum bulletin_kind k, int as_of, struct period *p);

/*
 * bulletin_kind_of: the kind of bulletin a period is written as when no
 * kind is asked for: a day daily, an ISO week weekly, a quarter quarterly,
 * a year or a half year annual, anything else monthly.
 */
enum bulletin_kind bulletin_kind_of(const struct period *p);

/*
 * bulletin_weights_parse: "A,B,C", three numbers from 0 to 1000 whose sum
 * is above 0, into w; 0, or -1 leaving w as it was.
 */
int bulletin_weights_parse(const char *s, double w[3]);

/*
 * What a bulletin covers: its kind, whether the period is a --from/--to
 * range (captioned by its dates), who reports, the period, today, the
 * weights of the three rates, and the options every count starts from
 * (warn days, the resolution tag, as_of, any filters; grouping and
 * volume_only are set per table).
 */
struct bulletin_spec {
	enum bulletin_kind kind;
	int range;
	struct narrative_who who;
	struct period p;
	int as_of;
	double weights[3];
	struct fig_opts base;
};

/*
 * bulletin_title: the title into sb: 全市信访工作月报（2026年9月）, 周报,
 * 日报 ...; a range 全市信访工作情况（2026年3月1日至2026年3月15日）; en
 * "Petition work monthly bulletin, September 2026 (the city)", a range
 * "Petition work report, ...".
 */
void bulletin_title(struct strbuf *sb, enum lang lang, const struct bulletin_spec *s);

/*
 * bulletin_write: the bulletin's body on r, counted from src's open ledger
 * (in its read transaction): the narrative, the tables (the daily list of
 * new cases on a daily bulletin), the rates, the colours, and the red list
 * when the period ends today; in HTML the charts.  A period with nothing
 * in it (no case received, none due, none concluded, none open at its end)
 * is one sentence (narrative_empty).  Returns 0, or -1 with src's code and
 * err set; what was rendered before the failure stays rendered.  Memory is
 * its own and freed before it returns.
 */
int bulletin_write(struct render *r, enum lang lang, struct fig_src *src,
		   const struct bulletin_spec *s);

#endif
