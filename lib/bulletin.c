/* bulletin.c: a bulletin's tables and charts from its figure tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin.h"
#include "util.h"
#include "banned.h"

#define ZH(rp) ((rp)->lang == LANG_ZH)
#define W(rp, zh, en) (ZH(rp) ? (zh) : (en))	/* the words in the bulletin's language */

/* Change in percent as a cell: "+12.3%", "-4.0%", "0.0%", or "-" without a base. */
static const char *
chg(long now, long before, char *buf)
{
	char t[16];
	if (!before)
		return "-";
	fig_change(now, before, t, sizeof(t));
	snprintf(buf, 24, "%s%s%%", now > before ? "+" : "", t);
	return buf;
}

static const char *
num(long v, char *buf)
{
	snprintf(buf, 24, "%ld", v);
	return buf;
}

static const char *
pct(long n, long d, char *buf)
{
	char t[16];
	fig_rate(n, d, t, sizeof(t));
	if (!*t)
		return "-";
	snprintf(buf, 24, "%s%%", t);
	return buf;
}

void
bulletin_table_dim(const struct bulletin *rp, const char *caption, const char *head,
	  struct fig_table *t, const struct fig_table *ty, int mark_fastest,
	  const char *(*word)(enum lang, const char *))
{
	const char *hdr[] = { head, W(rp, "批次", "cases"), W(rp, "人次", "people"),
			      W(rp, "占比", "share"), W(rp, "上年同期", "a year before"),
			      W(rp, "同比", "change"), "" };
	long all = 0, best = -1;
	size_t i, k, fastest = (size_t)-1, *order = xcalloc(t->ngroups + 1, sizeof(*order));
	char b[5][24];

	/* a group with cases only a year before still has its row */
	for (i = 0; i < ty->ngroups; i++)
		fig_group_get(t, ty->groups[i].key);
	order = xrealloc(order, (t->ngroups + 1) * sizeof(*order));
	for (i = 0; i < t->ngroups; i++) {
		all += t->groups[i].v[FIG_BATCHES];
		order[i] = i;
	}
	/* most cases first */
	for (i = 1; i < t->ngroups; i++)
		for (k = i; k > 0 && t->groups[order[k]].v[FIG_BATCHES] >
				     t->groups[order[k - 1]].v[FIG_BATCHES]; k--) {
			size_t x = order[k];
			order[k] = order[k - 1];
			order[k - 1] = x;
		}
	/* the fastest-growing: the largest rise in percent over a non-zero base */
	for (i = 0; mark_fastest && i < t->ngroups; i++) {
		const long *w = fig_values(ty, t->groups[i].key[0], NULL);
		long now = t->groups[i].v[FIG_BATCHES], before = w[FIG_BATCHES];
		if (before > 0 && now > before && (now - before) * 1000 / before > best) {
			best = (now - before) * 1000 / before;
			fastest = i;
		}
	}
	render_table_begin(rp->r, caption, hdr, mark_fastest ? 7 : 6);
	for (k = 0; k < t->ngroups; k++) {
		const struct fig_group *g = &t->groups[order[k]];
		const long *w = fig_values(ty, g->key[0], NULL);
		i = order[k];
		if (!g->v[FIG_BATCHES] && !w[FIG_BATCHES])
			continue;	/* a group only other figures know */
		const char *cells[7] = {
			word ? word(rp->lang, g->key[0]) : (*g->key[0] ? g->key[0] : "-"),
			num(g->v[FIG_BATCHES], b[0]), num(g->v[FIG_PERSONS], b[1]),
			pct(g->v[FIG_BATCHES], all, b[2]), num(w[FIG_BATCHES], b[3]),
			chg(g->v[FIG_BATCHES], w[FIG_BATCHES], b[4]),
			i == fastest ? W(rp, "增长最快", "fastest rise") : "",
		};
		render_table_row(rp->r, cells);
	}
	render_table_end(rp->r);
	free(order);
}

const char *
kind_words(enum lang lang, const char *k)
{
	if (!strcmp(k, "first"))
		return lang == LANG_ZH ? "初信初访" : "first petitions";
	if (!strcmp(k, "repeat"))
		return lang == LANG_ZH ? "重复信访" : "repeat petitions";
	if (!strcmp(k, "referred"))
		return lang == LANG_ZH ? "交办件" : "referred from above";
	return k;
}

/* A unit's three rates (三率) and their mean, for the ranking. */
struct unit_rank {
	const char *unit;
	double r[3];
	int have[3];
	double score;
};

static int
cmp_rank(const void *a, const void *b)
{
	const struct unit_rank *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return strcmp(x->unit, y->unit);
}

void
bulletin_rates(const struct bulletin *rp, const struct fig_table *t)
{
	const char *hdr[] = { W(rp, "排名", "rank"), W(rp, "责任单位", "unit"),
			      W(rp, "及时受理率", "timely acceptance"),
			      W(rp, "按期办结率", "concluded on time"),
			      W(rp, "满意率", "satisfaction"), W(rp, "综合", "mean") };
	static const enum fig nums[3] = { FIG_TIMELY_ACCEPTED, FIG_ON_TIME, FIG_SATISFIED };
	static const enum fig dens[3] = { FIG_ACCEPT_DUE, FIG_DUE, FIG_RATED };
	struct unit_rank *u = xcalloc(t->ngroups + 1, sizeof(*u));
	size_t i, n = 0, k;
	char b[6][24];

	for (i = 0; i < t->ngroups; i++) {
		const struct fig_group *g = &t->groups[i];
		int have = 0;
		if (!*g->key[0])
			continue;	/* not yet assigned */
		u[n].unit = g->key[0];
		for (k = 0; k < 3; k++)
			if (g->v[dens[k]]) {
				u[n].r[k] = 100.0 * (double)g->v[nums[k]] / (double)g->v[dens[k]];
				u[n].have[k] = 1;
				u[n].score += u[n].r[k];
				have++;
			}
		u[n].score = have ? u[n].score / have : -1;
		n++;
	}
	if (n)
		qsort(u, n, sizeof(*u), cmp_rank);
	render_table_begin(rp->r, W(rp, "责任单位“三率”排名（月考评）",
				     "The three rates by unit, ranked"), hdr, 6);
	for (i = 0; i < n; i++) {
		const char *cells[6];
		snprintf(b[0], 24, "%zu", i + 1);
		cells[0] = u[i].score >= 0 ? b[0] : "-";
		cells[1] = u[i].unit;
		for (k = 0; k < 3; k++) {
			if (u[i].have[k])
				snprintf(b[k + 1], 24, "%.1f%%", u[i].r[k]);
			cells[k + 2] = u[i].have[k] ? b[k + 1] : "-";
		}
		if (u[i].score >= 0)
			snprintf(b[4], 24, "%.1f", u[i].score);
		cells[5] = u[i].score >= 0 ? b[4] : "-";
		render_table_row(rp->r, cells);
	}
	render_table_end(rp->r);
	free(u);
}

void
bulletin_colours(const struct bulletin *rp, const struct fig_table *ul)
{
	const char *hdr[] = { W(rp, "责任单位", "unit"), W(rp, "包案领导", "lead official"),
			      W(rp, "红牌", "red"), W(rp, "黄牌", "yellow") };
	size_t i;
	char b[2][24];

	render_table_begin(rp->r, W(rp, "红黄牌督办（按责任单位）", "Red and yellow cases by unit"),
			   hdr, 4);
	for (i = 0; i < ul->ngroups; i++) {
		const struct fig_group *g = &ul->groups[i];
		const char *cells[4] = {
			*g->key[0] ? g->key[0] : W(rp, "（未交办）", "(not assigned)"),
			*g->key[1] ? g->key[1] : "-", num(g->v[FIG_RED], b[0]),
			num(g->v[FIG_YELLOW], b[1]),
		};
		if (g->v[FIG_RED] || g->v[FIG_YELLOW])
			render_table_row(rp->r, cells);
	}
	render_table_end(rp->r);
}

void
bulletin_charts(const struct bulletin *rp, const struct fig_table *ch, const struct fig_table *ul,
		const long now[12], const long before[12])
{
	static const char *const chans[] = { "letter", "visit", "online", "phone", "sms" };
	static const char *const mlabels[12] = { "1", "2", "3", "4", "5", "6", "7", "8",
						 "9", "10", "11", "12" };
	const char *colors[2] = { "#c0392b", "#f1c40f" };
	long cv[5], red[64], yellow[64];
	const long *series[2];
	const char *names[2], *labels[64];
	struct strbuf svg;
	int i;
	size_t n;

	strbuf_init(&svg);
	series[0] = now;
	series[1] = before;
	names[0] = W(rp, "本年", "this year");
	names[1] = W(rp, "上年", "last year");
	chart_lines(&svg, W(rp, "各月受理批次与上年同期", "Cases by month, against last year"),
		    mlabels, 12, series, names, 2);
	render_svg(rp->r, svg.buf);

	strbuf_reset(&svg);
	for (i = 0; i < 5; i++) {
		cv[i] = fig_values(ch, chans[i], NULL)[FIG_BATCHES];
		labels[i] = channel_words(rp->lang, chans[i]);
	}
	chart_bars(&svg, W(rp, "信访形式构成（批次）", "Cases by channel"), labels, cv, 5);
	render_svg(rp->r, svg.buf);

	strbuf_reset(&svg);
	for (n = 0; n < ul->ngroups && n < 64; n++) {
		labels[n] = *ul->groups[n].key[0] ? ul->groups[n].key[0] : "-";
		red[n] = ul->groups[n].v[FIG_RED];
		yellow[n] = ul->groups[n].v[FIG_YELLOW];
	}
	series[0] = red;
	series[1] = yellow;
	names[0] = W(rp, "红牌", "red");
	names[1] = W(rp, "黄牌", "yellow");
	chart_stacked(&svg, W(rp, "红黄牌（按责任单位）", "Red and yellow cases by unit"),
		      labels, n, series, names, colors, 2);
	render_svg(rp->r, svg.buf);
	strbuf_release(&svg);
}

void
fig_visits_by_level(const struct fig_table *cl, struct fig_table *lv)
{
	struct fig_opts o = cl->opts;
	size_t i;

	o.nby = 1;
	o.by[0] = DIM_LEVEL;
	fig_table_init(lv, &o);
	for (i = 0; i < cl->ngroups; i++)
		if (!strcmp(cl->groups[i].key[0], "visit"))
			memcpy(fig_group_get(lv, &cl->groups[i].key[1])->v, cl->groups[i].v,
			       sizeof(cl->groups[i].v));
}

