/* narrative.h: the words of a bulletin, in Chinese and English. */
#ifndef PT_NARRATIVE_H
#define PT_NARRATIVE_H

#include <stddef.h>
#include "date.h"
#include "util.h"

enum lang { LANG_ZH, LANG_EN };

/*
 * change_phrase: how a count moved against the year before, as a bureau
 * writes it: zh 上升12.3% / 下降21.2% / 持平, en "up 12.3%" / "down 21.2%" /
 * "unchanged"; when the earlier count is 0 and this one is not, zh
 * 上年同期为零, en "none a year before".  Appended to sb.
 */
void change_phrase(struct strbuf *sb, enum lang lang, long now, long before);

/*
 * change_pair: two counts' changes in one phrase, as in 同比分别下降21.2%和
 * 22.3% ("down 21.2% and 22.3% respectively"), falling back to two phrases
 * when they move differently.
 */
void change_pair(struct strbuf *sb, enum lang lang, long now1, long before1,
		 long now2, long before2);

/*
 * period_words: 2026年9月, 2026年第三季度, 2026年1—9月, 2026年第48周（11月23日至
 * 11月29日）; September 2026, Q3 2026, week 48 of 2026 (23 to 29 November) ...
 * Appended to sb.
 */
void period_words(struct strbuf *sb, enum lang lang, const struct period *p);

/* day_words: 2026年9月30日; 30 September 2026. */
void day_words(struct strbuf *sb, enum lang lang, int day);

struct fig_table;
struct render;

/* fig_values: the counts of t's group with keys k0 (and k1), or zeros. */
const long *fig_values(const struct fig_table *t, const char *k0, const char *k1);

/* channel_words, level_words: 来信 / letters, 进京 / to Beijing, ... */
const char *channel_words(enum lang lang, const char *channel);
const char *level_words(enum lang lang, const char *level);

/*
 * The figures a bulletin's opening needs: totals (no grouping) and by
 * channel and level, for the period and the same period a year before.
 */
struct bulletin_figs {
	const struct fig_table *total, *total_before, *chlv, *chlv_before;
};

/*
 * narrative_write: the opening paragraphs of a bulletin, as render_para
 * calls on r: totals
 * in 批次 and 人次 with 同比, the channels, first/repeat/referred shares and
 * joint letters, visits by level with individual and collective visits,
 * the rates, and the red and yellow cases at end.  A period without cases
 * gets one sentence saying so.
 */
void narrative_write(struct render *r, enum lang lang, const char *org,
		     const struct period *period, int end, const struct bulletin_figs *f);

#endif
