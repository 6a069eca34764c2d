/* sentences.c: a batch, receptions, the two ratings and reviews, worded as bureaus word them. */
#include <stdio.h>
#include <string.h>

#include "sentences.h"
#include "figures.h"
#include "banned.h"

/* English singular or plural by count. */
static const char *
pl(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* num / den as a percent with one decimal and "%" (den is not 0). */
static void
pct(struct strbuf *sb, long num, long den)
{
	char r[24];
	strbuf_addf(sb, "%s%%", fig_rate(num, den, r, sizeof(r)));
}

void
sentence_batch(struct strbuf *sb, enum lang lang, const long *v)
{
	long n = v[FIG_RESOLUTION_CASES], m = v[FIG_RESOLVED], k = v[FIG_RESOLVING];

	if (n <= 0)
		return;
	if (lang == LANG_ZH) {
		strbuf_addf(sb, "交办%ld件，已化解%ld件，", n, m);
		if (k)
			strbuf_addf(sb, "%ld件正在化解中，", k);
		strbuf_adds(sb, "化解率");
		pct(sb, m, n);
		strbuf_adds(sb, "。");
		return;
	}
	strbuf_addf(sb, "Of the %ld %s handed over, %ld %s been resolved", n,
		    pl(n, "case", "cases"), m, pl(m, "has", "have"));
	if (k)
		strbuf_addf(sb, " and %ld %s being resolved", k, pl(k, "is", "are"));
	strbuf_adds(sb, " (");
	pct(sb, m, n);
	strbuf_adds(sb, "). ");
}

void
sentence_receptions(struct strbuf *sb, enum lang lang, const long *v)
{
	long s = v[FIG_RECEPTION_SESSIONS], l = v[FIG_RECEPTION_LEADERS];
	long b = v[FIG_RECEPTION_BATCHES], p = v[FIG_RECEPTION_PERSONS];

	if (s <= 0)
		return;
	if (lang == LANG_ZH)
		strbuf_addf(sb, "开展%ld次领导接待日活动，%ld名领导参与接待群众%ld批%ld人次。",
			    s, l, b, p);
	else
		strbuf_addf(sb, "Leaders held %ld reception %s (%ld %s), receiving %ld %s of %ld %s. ",
			    s, pl(s, "session", "sessions"), l, pl(l, "leader", "leaders"), b,
			    pl(b, "visit", "visits"), p, pl(p, "person", "people"));
}

void
sentence_ratings(struct strbuf *sb, enum lang lang, const long *v)
{
	if (v[FIG_BUREAU_RATED] <= 0)
		return;
	strbuf_adds(sb, lang == LANG_ZH ? "信访部门满意率为" : "Satisfaction with the petition bureau ");
	pct(sb, v[FIG_BUREAU_SATISFIED], v[FIG_BUREAU_RATED]);
	if (v[FIG_RATED] > 0) {
		strbuf_adds(sb, lang == LANG_ZH ? "，责任单位满意率为"
						: ", with the units handling the cases ");
		pct(sb, v[FIG_SATISFIED], v[FIG_RATED]);
	}
	strbuf_adds(sb, lang == LANG_ZH ? "。" : ". ");
}

void
sentence_reviews(struct strbuf *sb, enum lang lang, const long *v)
{
	/* reviews, rechecks (each when asked or answered), the outcomes, the end */
	static const char *const words[2][5] = {
		{ "受理复查申请%ld件，办结%ld件", "受理复核申请%ld件，办结%ld件", "；",
		  "维持原处理意见%ld件、撤销%ld件、变更%ld件", "。" },
		{ "Reviews asked %ld, answered %ld", "rechecks asked %ld, answered %ld", "; ",
		  "the decision upheld %ld, revoked %ld, changed %ld", ". " },
	};
	const char *const *w = words[lang == LANG_ZH ? 0 : 1];
	int rv = v[FIG_REVIEWS] + v[FIG_REVIEWS_ANSWERED] > 0;
	int rc = v[FIG_RECHECKS] + v[FIG_RECHECKS_ANSWERED] > 0;

	if (!rv && !rc)
		return;
	if (rv)
		strbuf_addf(sb, w[0], v[FIG_REVIEWS], v[FIG_REVIEWS_ANSWERED]);
	if (rv && rc)
		strbuf_adds(sb, w[2]);
	if (rc)	/* English: a capital when it opens the sentence */
		strbuf_addf(sb, rv || lang == LANG_ZH ? w[1] : "Rechecks asked %ld, answered %ld",
			    v[FIG_RECHECKS], v[FIG_RECHECKS_ANSWERED]);
	if (v[FIG_UPHELD] + v[FIG_REVOKED] + v[FIG_CHANGED]) {
		strbuf_adds(sb, w[2]);
		strbuf_addf(sb, w[3], v[FIG_UPHELD], v[FIG_REVOKED], v[FIG_CHANGED]);
	}
	strbuf_adds(sb, w[4]);
}

void
sentences_write(struct strbuf *sb, enum lang lang, const long *v)
{
	sentence_batch(sb, lang, v);
	sentence_receptions(sb, lang, v);
	sentence_ratings(sb, lang, v);
	sentence_reviews(sb, lang, v);
	/* English sentences end with a space for the next: none after the last */
	if (sb->len && sb->buf[sb->len - 1] == ' ')
		sb->buf[--sb->len] = '\0';
}
