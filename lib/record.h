/* record.h: the intake record: its columns, aliases and checks. */
#ifndef PT_RECORD_H
#define PT_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "colmap.h"
#include "csvin.h"
#include "util.h"

enum rec_col {
	REC_RECEIVED, REC_CHANNEL, REC_NAME, REC_ID_NUMBER, REC_PHONE,
	REC_PERSONS, REC_REGION, REC_CATEGORY, REC_LEVEL, REC_REFERRED_BY,
	REC_DUE, REC_EXT_ID, REC_LAW_RELATED, REC_TAGS, REC_SUMMARY,
	REC_SOURCE, REC_RECEIVER,
	REC_ROW,		/* 序号, a row number: known, never read */
	REC_NCOLS
};

/* rec_col_name: the canonical (English) name of column c: static text. */
const char *rec_col_name(enum rec_col c);

/*
 * The values stored in the ledger for the enumerated columns, from an
 * English or Chinese name (case-insensitive); the strings returned are
 * static.
 *
 * rec_channel_parse: "letter", "visit", "online", "phone", "sms", "fax" or
 * "video"; NULL when s names none (上访 is a visit; 微信 and APP are online).
 */
const char *rec_channel_parse(const char *s);

/* rec_level_parse: "county", "city", "province" or "national"; NULL when s names none. */
const char *rec_level_parse(const char *s);

/* rec_referred_parse: "central", "province" or "city"; "" for ""; NULL when s names none. */
const char *rec_referred_parse(const char *s);

/*
 * tags_normalise: the tags of s (split at ; ； , ，, each trimmed, empties
 * and repeats dropped) into out as "a;b".  Returns 0, or -1 when a tag is
 * 256 bytes or more or they do not fit in size.
 */
int tags_normalise(const char *s, char *out, size_t size);
/* rec_bool_parse: 1 for yes, 0 for no or "", -1 when s is neither. */
int rec_bool_parse(const char *s);

/*
 * rec_values: what the column named name (canonical, of the intake or
 * any tool's yes/no columns) takes, as text for people ("letter 来信 信;
 * visit ..."), into buf (cut to size).  Returns buf, or NULL for a column
 * of free text or one it does not know.
 */
const char *rec_values(const char *name, char *buf, size_t size);

/*
 * The Chinese aliases of the intake columns ("a|b"), one list for every
 * input that carries intake columns: intake's, pt-update's amend and
 * pt-stats' case stream (a rules file has its own short names).  Intake
 * also takes 日期 for received (REC_A_RECEIVED_ALSO), where pt-update's
 * 日期 is the event's date.
 */
#define REC_A_RECEIVED "登记日期|收到日期|来信日期|来访日期"
#define REC_A_RECEIVED_ALSO "日期"
#define REC_A_CHANNEL "信访形式|来源渠道"
#define REC_A_NAME "姓名|信访人"
#define REC_A_ID_NUMBER "身份证号|身份证号码"
#define REC_A_PHONE "电话|联系电话|手机号|手机|联系方式"
#define REC_A_PERSONS "人数"
#define REC_A_REGION "问题属地|属地|所属地区"
#define REC_A_CATEGORY "问题类别"
#define REC_A_LEVEL "信访层级"
#define REC_A_REFERRED_BY "交办来源"
#define REC_A_DUE "办理期限"
#define REC_A_EXT_ID "外部编号"
#define REC_A_LAW_RELATED "涉法涉诉"
#define REC_A_TAGS "标签"
#define REC_A_SUMMARY "内容摘要|内容|信访内容"
#define REC_A_SOURCE "来源"
#define REC_A_RECEIVER "接待领导"

/*
 * rec_colspec: the intake columns, REC_NCOLS of them (static), for
 * listing them (--columns).
 */
const struct colspec *rec_colspec(void);

/*
 * rec_alias_check: 0 when to names an intake column (its canonical name
 * or an alias), else -1: for checking a --map before any input is read.
 */
int rec_alias_check(const char *to);

/*
 * rec_map_parse: a --map argument "NAME=COLUMN" into a (from NAME, to
 * COLUMN, both pointing into arg, whose '=' becomes a NUL).  Returns 0, or
 * -1 (arg unchanged) when it has no '=', NAME is empty or COLUMN names no
 * intake column (rec_alias_check).
 */
int rec_map_parse(char *arg, struct colmap_alias *a);

/*
 * intake_colmap_build: map a header onto the intake columns (canonical
 * names, Chinese aliases, and the nextra names of extra, the caller's)
 * through colmap_build_all, whose contract it has: with ignore_unknown,
 * unknown names are skipped instead of being an error.  Returns 0, or -1
 * with every problem in err, one line each (unknown, duplicate or missing
 * required columns).
 */
int intake_colmap_build(struct colmap *m, char *const *names, size_t n,
			const struct colmap_alias *extra, size_t nextra,
			int ignore_unknown, char *err, size_t errsize);

/*
 * struct intake_rec: one validated intake row, ready for the ledger.
 * String members point into the row's fields (trimmed in place by
 * str_trim_blank) or to
 * static strings; NULL when the column is empty or absent.
 */
struct intake_rec {
	int received_day, received_secs;
	char received[24];	/* normalised "YYYY-MM-DD[ HH:MM:SS]" */
	const char *channel;
	const char *name;
	const char *id_number;	/* upper-case X */
	const char *phone;
	long persons;
	const char *region;
	const char *category;
	const char *level;
	const char *referred_by;	/* NULL when received directly */
	int due_day;			/* -1 when none */
	char due[12];
	const char *ext_id;
	int law_related;
	char *tags;		/* normalised "a;b", owned by the caller's buffer */
	const char *summary;
	const char *source;	/* who handed it over, free text */
	const char *receiver;	/* the leader who received the visit */
	int dispute;		/* 1: a dispute (矛盾纠纷), not a petition */
	uint64_t fingerprint;	/* of every value (and the ext_id, when there is one) */
};

/*
 * intake_parse: check and convert one row's fields (every one trimmed in
 * place by str_trim_blank) by the header's column map; as_of is the
 * latest date accepted as received, and an ID number's birth date may not
 * be after the received date.  tagbuf (64+ bytes more than the tags field)
 * receives the normalised tags.  r->dispute is 0.  Returns 0, or -1 with
 * the reason, naming the column as the header named it (m->names; the
 * canonical name when m keeps none), in err; an ID number or phone quoted there is masked
 * (mask_id, mask_phone), any other value as mask_shown masks it, and a
 * name is never quoted.
 */
int intake_parse(const struct colmap *m, char **fields, size_t nfields,
		 int as_of, struct intake_rec *r, char *tagbuf, size_t tagsize,
		 char *err, size_t errsize);

/*
 * struct intake_header: an input's header, kept (the reader reuses its row
 * buffer): row holds its names as read, map the columns they are.  also
 * (nalso of them, set by the caller before intake_header_build; none when
 * 0) are columns known besides the intake columns, mapped after them: the
 * also[i] column is map's column REC_NCOLS + i.
 */
struct intake_header {
	struct csvrow row;
	struct strbuf names;
	struct colmap map;
	const struct colspec *also;
	size_t nalso;
};

/*
 * intake_header_build: keep a copy of the header row in h and map it with
 * intake_colmap_build (extra as there; with h->also known too, when there
 * are any: at most COLMAP_MAX - REC_NCOLS of them).  Returns 0, or -1 with
 * its message (lines) in err; either way h holds memory:
 * intake_header_release frees it.
 */
int intake_header_build(struct intake_header *h, const struct csvrow *row,
			const struct colmap_alias *extra, size_t nextra,
			int ignore_unknown, char *err, size_t errsize);

/* intake_header_release: free what intake_header_build kept in h. */
void intake_header_release(struct intake_header *h);

/*
 * struct intake_work: intake_parse_row's buffers, reused from row to row,
 * and dispute, the caller's: 1 when the rows are disputes.
 */
struct intake_work {
	struct strbuf copy, tags;
	char **fields;
	size_t alloc;
	int dispute;
};

/* intake_work_init: w with empty buffers (no memory yet). */
void intake_work_init(struct intake_work *w);

/* intake_work_release: free w's buffers, leaving it as intake_work_init does. */
void intake_work_release(struct intake_work *w);

/*
 * intake_parse_row: intake_parse on a copy of row's fields in w, so row
 * stays as it was read (for the rejects), r->dispute being w->dispute
 * (a dispute's fingerprint is not a petition's of the same values).  r's
 * strings point into w and are valid until the next call with w.  Returns
 * 0, or -1 with the reason in err, as intake_parse.
 */
int intake_parse_row(const struct colmap *m, const struct csvrow *row, int as_of,
		     struct intake_rec *r, struct intake_work *w,
		     char *err, size_t errsize);

#endif
