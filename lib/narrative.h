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
 * channel and level, for the period and the same period a year before;
 * and by kind the cases due to be concluded in the period and those
 * concluded on time (due and on_time only), for the referred ones.
 */
struct bulletin_figs {
	const struct fig_table *total, *total_before, *chlv, *chlv_before, *kind_due;
};

/* The level of the office that reports; the ledger's levels above it are province and national. */
enum org_level { ORG_COUNTY, ORG_CITY, ORG_PROVINCE };

/*
 * Who reports: its name (全市, 舞钢市 ...), its level, and the name of the
 * level above (平顶山市, as in 到平顶山市上访), or NULL for the plain words
 * (到市, 赴省; a province's above is always 进京).
 */
struct narrative_who {
	const char *org, *above;
	enum org_level level;
};

/*
 * narrative_write: the opening paragraphs of a bulletin, as render_para
 * calls on r: totals
 * in 批次 and 人次 with 同比, the channels, first/repeat/referred shares, the
 * letters' own (来信N件，其中初信…占总信的…) and joint letters, visits by
 * level from who's level (进京 with 同比, the
 * levels above, its own as 来市上访 N起M人 with 个访 and 集访 — 来 and the
 * last character of who->org when that is 省, 市, 县 or 区, else of its
 * level —, and the levels below that had any), the cases referred from
 * above with their own on-time rate (上三级交办 from a county, else
 * 上级交办), the rates, and the red and yellow cases at end.  A period without cases received gets one sentence
 * saying so, with the year before's totals.  Nothing is returned; memory
 * is its own and freed before it returns.
 */
void narrative_write(struct render *r, enum lang lang, const struct narrative_who *who,
		     const struct period *period, int end, const struct bulletin_figs *f);

/*
 * narrative_empty: the one sentence of a period with nothing in it (no case
 * received, none due, none open): "2026年11月未收到信访事项。" / "In November
 * 2026, no petitions were received.", as a render_para call on r.
 */
void narrative_empty(struct render *r, enum lang lang, const struct period *period);

#endif
