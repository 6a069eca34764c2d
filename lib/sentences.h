/* sentences.h: what a bulletin says of a batch, receptions, the two ratings and reviews. */
#ifndef PT_SENTENCES_H
#define PT_SENTENCES_H

#include "narrative.h"
#include "util.h"

/*
 * Each appends to sb, in lang, the sentence bureaus write of the counts v
 * (a figure group's, indexed by enum fig), and appends nothing when its
 * figures are zero.  None fails.
 *
 * sentence_batch: the batch's progress, when resolution_cases > 0:
 *   交办3件，已化解2件，1件正在化解中，化解率66.7%。
 * sentence_receptions: leaders' receptions, when reception_sessions > 0:
 *   开展3次领导接待日活动，2名领导参与接待群众4批8人次。
 * sentence_ratings: the bureau's own rating beside the units', when
 *   bureau_rated > 0: 信访部门满意率为99.4%，责任单位满意率为84.0%。
 * sentence_reviews: reviews (复查) and rechecks (复核) asked and answered,
 *   and the answers' outcomes, when any was asked or answered.
 */
void sentence_batch(struct strbuf *sb, enum lang lang, const long *v);
void sentence_receptions(struct strbuf *sb, enum lang lang, const long *v);
void sentence_ratings(struct strbuf *sb, enum lang lang, const long *v);
void sentence_reviews(struct strbuf *sb, enum lang lang, const long *v);

/* sentences_write: every sentence above that applies, in that order, into sb. */
void sentences_write(struct strbuf *sb, enum lang lang, const long *v);

#endif
