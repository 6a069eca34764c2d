/* figout.c: a figure table as rows of named columns (CSV, TSV, JSON lines). */
#include <stdio.h>
#include <string.h>

#include "figout.h"
#include "banned.h"

static const char *
num(long v, char *buf, int have)
{
	if (!have)
		return NULL;
	snprintf(buf, 24, "%ld", v);
	return buf;
}

size_t
fig_out_header(const struct fig_table *t, int compare, const char **names, struct strbuf *hdr)
{
	size_t n = 0, d, off[4 * (NFIGS + NRATES)], k = 0;
	int f, r;

	names[n++] = "period";
	for (d = 0; d < t->opts.nby; d++)
		names[n++] = dim_name(t->opts.by[d]);
	for (f = 0; f < NFIGS; f++) {
		if (!fig_shown(&t->opts, f))
			continue;
		names[n++] = fig_name(f);
		if (compare) {
			off[k++] = n++;
			strbuf_addf(hdr, "%s_before%c", fig_name(f), 0);
			off[k++] = n++;
			strbuf_addf(hdr, "%s_change_pct%c", fig_name(f), 0);
		}
		if ((r = fig_rate_after(f)) >= 0) {
			names[n++] = rate_name(r);
			if (compare) {
				off[k++] = n++;
				strbuf_addf(hdr, "%s_before%c", rate_name(r), 0);
			}
		}
	}
	/* the names made, in order, now that hdr moves no more */
	{
		const char *p = hdr->buf;
		for (d = 0; d < k; d++, p += strlen(p) + 1)
			names[off[d]] = p;
	}
	return n;
}

/* before's group with x's keys, or NULL. */
static const struct fig_group *
match(const struct fig_table *before, const struct fig_group *x, size_t nby)
{
	size_t i, d;
	for (i = 0; before && i < before->ngroups; i++) {
		for (d = 0; d < nby; d++)
			if (strcmp(before->groups[i].key[d], x->key[d]))
				break;
		if (d == nby)
			return &before->groups[i];
	}
	return NULL;
}

void
fig_out_row(struct out *out, const struct fig_table *t, const struct fig_table *before,
	  const struct fig_group *x, const char *label)
{
	const char *cells[FIG_OUT_MAXCOLS];
	char bufs[4 * (NFIGS + NRATES)][24];
	static const long zero[NFIGS];
	const struct fig_group *y = match(before, x, t->opts.nby);
	const long *bv = y ? y->v : zero;
	size_t n = 0, b = 0, d;
	enum fig nf, df;
	int f, r;

	cells[n++] = label;
	for (d = 0; d < t->opts.nby; d++)
		cells[n++] = x->key[d];
	for (f = 0; f < NFIGS; f++) {
		if (!fig_shown(&t->opts, f))
			continue;
		cells[n++] = num(x->v[f], bufs[b++], t->have[f]);
		if (before) {
			cells[n++] = num(bv[f], bufs[b++], before->have[f]);
			cells[n++] = t->have[f] ? fig_change(x->v[f], bv[f], bufs[b++], 24) : NULL;
		}
		if ((r = fig_rate_after(f)) >= 0) {
			rate_parts(r, &nf, &df);
			cells[n++] = t->have[nf] ? fig_rate(x->v[nf], x->v[df], bufs[b++], 24) : NULL;
			if (before)
				cells[n++] = before->have[nf]
					? fig_rate(bv[nf], bv[df], bufs[b++], 24) : NULL;
		}
	}
	out_row(out, cells);
}

