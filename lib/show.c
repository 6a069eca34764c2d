/* show.c: the read queries of pt-show: a case's life, a petitioner's cases, referrals and reports back. */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idcard.h"
#include "render.h"
#include "show.h"
#include "util.h"
#include "banned.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The columns of each query, in the order its statements select them. */
static const struct show_col case_cols[] = {
	{ "case_id", "编号", SHOW_PLAIN, 0 },
	{ "received", "登记日期", SHOW_PLAIN, 0 },
	{ "channel", "信访形式", SHOW_PLAIN, 0 },
	{ "name", "姓名", SHOW_PLAIN, 0 },
	{ "id_number", "身份证号", SHOW_ID_NUMBER, 0 },
	{ "phone", "电话", SHOW_PHONE, 0 },
	{ "persons", "人数", SHOW_PLAIN, 1 },
	{ "region", "问题属地", SHOW_PLAIN, 0 },
	{ "category", "问题类别", SHOW_PLAIN, 0 },
	{ "level", "信访层级", SHOW_PLAIN, 0 },
	{ "referred_by", "交办来源", SHOW_PLAIN, 0 },
	{ "ref_due", "交办期限", SHOW_PLAIN, 0 },
	{ "ext_id", "外部编号", SHOW_PLAIN, 0 },
	{ "source", "来源", SHOW_PLAIN, 0 },
	{ "receiver", "接待领导", SHOW_PLAIN, 0 },
	{ "law_related", "涉法涉诉", SHOW_PLAIN, 0 },
	{ "tags", "标签", SHOW_PLAIN, 0 },
	{ "summary", "内容摘要", SHOW_TEXT, 0 },
	{ "kind", "类型", SHOW_PLAIN, 0 },
	{ "first_case", "初次件", SHOW_PLAIN, 0 },
	{ "collective", "集体访", SHOW_PLAIN, 0 },
	{ "dispute", "矛盾纠纷", SHOW_PLAIN, 0 },
	{ "stage", "阶段", SHOW_PLAIN, 0 },
	{ "stage_start", "阶段开始", SHOW_PLAIN, 0 },
	{ "due", "期限", SHOW_PLAIN, 0 },
	{ "unit", "责任单位", SHOW_PLAIN, 0 },
	{ "leader", "包案领导", SHOW_PLAIN, 0 },
	{ "procedure", "程序", SHOW_PLAIN, 0 },
	{ "accepted", "受理", SHOW_PLAIN, 0 },
	{ "extended", "延期天数", SHOW_PLAIN, 1 },
	{ "concluded", "办结", SHOW_PLAIN, 0 },
	{ "resolved", "化解", SHOW_PLAIN, 0 },
	{ "replied", "答复", SHOW_PLAIN, 0 },
	{ "rating", "评价", SHOW_PLAIN, 0 },
	{ "bureau_rating", "信访部门评价", SHOW_PLAIN, 0 },
	{ "closed", "终结", SHOW_PLAIN, 0 },
	{ "closed_how", "终结方式", SHOW_PLAIN, 0 },
	{ "conclude_due", "办结期限", SHOW_PLAIN, 0 },
	{ "last_event", "最近事件", SHOW_PLAIN, 0 },
};

static const struct show_col event_cols[] = {
	{ "case_id", "编号", SHOW_PLAIN, 0 },
	{ "date", "日期", SHOW_PLAIN, 0 },
	{ "event", "事件", SHOW_PLAIN, 0 },
	{ "unit", "责任单位", SHOW_PLAIN, 0 },
	{ "leader", "包案领导", SHOW_PLAIN, 0 },
	{ "days", "天数", SHOW_PLAIN, 1 },
	{ "rating", "评价", SHOW_PLAIN, 0 },
	{ "bureau_rating", "信访部门评价", SHOW_PLAIN, 0 },
	{ "outcome", "复查结果", SHOW_PLAIN, 0 },
	{ "resolved", "化解", SHOW_PLAIN, 0 },
	{ "note", "备注", SHOW_TEXT, 0 },
	{ "correction", "更正", SHOW_TEXT, 0 },
	{ "by", "经办人", SHOW_PLAIN, 0 },
	{ "tool", "工具", SHOW_PLAIN, 0 },
};

static const struct show_col petitioner_cols[] = {
	{ "case_id", "编号", SHOW_PLAIN, 0 },
	{ "received", "登记日期", SHOW_PLAIN, 0 },
	{ "channel", "信访形式", SHOW_PLAIN, 0 },
	{ "region", "问题属地", SHOW_PLAIN, 0 },
	{ "category", "问题类别", SHOW_PLAIN, 0 },
	{ "kind", "类型", SHOW_PLAIN, 0 },
	{ "stage", "阶段", SHOW_PLAIN, 0 },
	{ "unit", "责任单位", SHOW_PLAIN, 0 },
	{ "due", "期限", SHOW_PLAIN, 0 },
	{ "summary", "内容摘要", SHOW_TEXT, 0 },
	{ "first_case", "初次件", SHOW_PLAIN, 0 },
	{ "name", "姓名", SHOW_PLAIN, 0 },
	{ "id_number", "身份证号", SHOW_ID_NUMBER, 0 },
	{ "phone", "电话", SHOW_PHONE, 0 },
};

/* The intake columns, as pt-intake reads them. */
static const struct show_col referral_cols[] = {
	{ "received", NULL, SHOW_PLAIN, 0 },
	{ "channel", NULL, SHOW_PLAIN, 0 },
	{ "name", NULL, SHOW_PLAIN, 0 },
	{ "id_number", NULL, SHOW_ID_NUMBER, 0 },
	{ "phone", NULL, SHOW_PHONE, 0 },
	{ "persons", NULL, SHOW_PLAIN, 1 },
	{ "region", NULL, SHOW_PLAIN, 0 },
	{ "category", NULL, SHOW_PLAIN, 0 },
	{ "level", NULL, SHOW_PLAIN, 0 },
	{ "referred_by", NULL, SHOW_PLAIN, 0 },
	{ "due", NULL, SHOW_PLAIN, 0 },
	{ "ext_id", NULL, SHOW_PLAIN, 0 },
	{ "law_related", NULL, SHOW_PLAIN, 0 },
	{ "tags", NULL, SHOW_PLAIN, 0 },
	{ "summary", NULL, SHOW_TEXT, 0 },
};

/* The columns of an events file, as pt-update reads them. */
static const struct show_col report_back_cols[] = {
	{ "case_id", NULL, SHOW_PLAIN, 0 },
	{ "event", NULL, SHOW_PLAIN, 0 },
	{ "date", NULL, SHOW_PLAIN, 0 },
	{ "note", NULL, SHOW_TEXT, 0 },
	{ "days", NULL, SHOW_PLAIN, 1 },
	{ "rating", NULL, SHOW_PLAIN, 0 },
	{ "bureau_rating", NULL, SHOW_PLAIN, 0 },
	{ "resolved", NULL, SHOW_PLAIN, 0 },
	{ "unit", NULL, SHOW_PLAIN, 0 },
	{ "by", NULL, SHOW_PLAIN, 0 },
};

static const struct {
	const struct show_col *cols;
	size_t n;
} queries[SHOW_NQUERIES] = {
	[SHOW_CASE] = { case_cols, NELEM(case_cols) },
	[SHOW_EVENTS] = { event_cols, NELEM(event_cols) },
	[SHOW_PETITIONER] = { petitioner_cols, NELEM(petitioner_cols) },
	[SHOW_REFERRAL] = { referral_cols, NELEM(referral_cols) },
	[SHOW_REPORT_BACK] = { report_back_cols, NELEM(report_back_cols) },
};

const struct show_col *
show_cols(enum show_query q, size_t *n)
{
	*n = queries[q].n;
	return queries[q].cols;
}

enum show_key
show_key_of(const char *who)
{
	if (!idcard_check(who))
		return SHOW_BY_ID_NUMBER;
	if (*who && who[strspn(who, "0123456789+-() ")] == '\0' && strpbrk(who, "0123456789"))
		return SHOW_BY_PHONE;
	return SHOW_BY_NAME;
}

/* A 0/1 column as yes or no, NULL staying NULL. */
#define YES_NO(col) "CASE " col " WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END"

/* A petitioner's cases: one SELECT, three keys, each an equality on cases. */
#define PETITIONER_SQL(where) \
	"SELECT case_id, received, channel, region, category, kind, stage, unit," \
	" due, summary, first_case, name, id_number, phone FROM case_view" \
	" WHERE " where " ORDER BY received DESC, id DESC"

/*
 * The event kinds a referring office records on a case it referred down
 * (报结); the registration, acceptance and routing it did itself.
 */
#define REPORTED "('conclude', 'reply', 'rate', 'extend')"

/*
 * A referral's ext_id names the level that referred it: "city:2026-000001"
 * (see show_referral).  EXT_LEVEL is that level, NULL for an ext_id
 * without one (referrals made before ext_ids named it); EXT_CASE the
 * upper office's case id, the ext_id with the prefix taken off.
 */
#define EXT_LEVEL \
	"(CASE WHEN c.ext_id GLOB 'central:*' THEN 'central'" \
	" WHEN c.ext_id GLOB 'province:*' THEN 'province'" \
	" WHEN c.ext_id GLOB 'city:*' THEN 'city' END)"
#define EXT_CASE "coalesce(substr(c.ext_id, length(" EXT_LEVEL ") + 2), c.ext_id)"

enum { ST_CASE, ST_REG, ST_EVIDS, ST_EVENT, ST_BY_ID, ST_BY_PHONE, ST_BY_NAME,
       ST_REFERRAL, ST_BACK };

static const char *const stmt_sql[SHOW_NSTMT] = {
	[ST_CASE] =
		"SELECT case_id, received, channel, name, id_number, phone, persons,"
		" region, category, level, referred_by, ref_due, ext_id, source,"
		" receiver, " YES_NO("law_related") ", tags, summary, kind, first_case,"
		" " YES_NO("collective") ", " YES_NO("dispute") ", stage, stage_start,"
		" due, unit, leader, procedure, accepted, extended, concluded,"
		" " YES_NO("resolved") ", replied, rating, bureau_rating, closed,"
		" closed_how, conclude_due, last_event FROM case_view WHERE id = ?1",
	/* the registration, as event_view's first part says it */
	[ST_REG] =
		"SELECT c.case_id, substr(c.received, 1, 10), 'register', NULL, NULL,"
		" NULL, NULL, NULL, NULL, NULL, NULL, NULL, r.by, r.tool"
		" FROM cases c LEFT JOIN runs r ON r.id = c.run WHERE c.id = ?1",
	[ST_EVIDS] = "SELECT id FROM events WHERE case_ref = ?1 ORDER BY id",
	/*
	 * One event of event_view by its id: SQLite reads a view of a UNION
	 * ALL by a term pushed into each part, and it pushes id = ?1 (the
	 * events' primary key; the registration's part is skipped once, as
	 * 0 = ?1 is false), never a term with a subquery or a join: a case's
	 * events are read by their ids, each one looked up.
	 */
	[ST_EVENT] =
		"SELECT case_id, date, event, unit, leader, days, rating, bureau_rating,"
		" outcome, " YES_NO("resolved") ", note, correction, by, tool"
		" FROM event_view WHERE id = ?1",
	/*
	 * By ID number, and, as a repeat is found, the cases registered
	 * without one under the name and phone of a case with it.
	 */
	[ST_BY_ID] = PETITIONER_SQL("id_number = ?1 OR (id_number IS NULL AND phone IS NOT NULL"
				    " AND (name, phone) IN (SELECT name, phone FROM cases"
				    " WHERE id_number = ?1 AND phone IS NOT NULL))"),
	[ST_BY_PHONE] = PETITIONER_SQL("phone = ?1"),
	[ST_BY_NAME] = PETITIONER_SQL("name = ?1"),
	[ST_REFERRAL] =
		"SELECT received, channel, name, id_number, phone, persons, region,"
		" category, level, ?2, conclude_due, ?2 || ':' || case_id,"
		" CASE law_related WHEN 1 THEN 'yes' ELSE 'no' END, tags, summary,"
		" dispute FROM cases WHERE id = ?1",	/* dispute: not a column shown */
	[ST_BACK] =
		"SELECT " EXT_CASE ", e.event, e.date, e.note, e.days, e.rating,"
		" e.bureau_rating, " YES_NO("e.resolved") ", e.unit, e.by"
		" FROM cases c JOIN events e ON e.case_ref = c.id"
		" WHERE c.ext_id IS NOT NULL AND c.referred_by IS NOT NULL"
		" AND (?2 IS NULL OR coalesce(" EXT_LEVEL ", c.referred_by) = ?2)"
		" AND (?1 IS NULL OR e.date >= ?1)"
		" AND (e.event IN " REPORTED " OR (e.event = 'void' AND EXISTS"
		" (SELECT 1 FROM events v WHERE v.voided_by = e.id AND v.event IN " REPORTED ")))"
		" ORDER BY c.id, e.id",
};

int
show_init(struct show *s, struct ledger *l)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	if (ledger_exec(l, "BEGIN") < 0)
		return -1;
	s->l = l;
	for (i = 0; i < SHOW_NSTMT; i++)
		if (!(s->st[i] = ledger_prepare(l, stmt_sql[i])))
			return -1;
	return 0;
}

int
show_release(struct show *s)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < SHOW_NSTMT; i++)
		sqlite3_finalize(s->st[i]);
	if (s->l && ledger_commit(s->l) < 0)
		rc = -1;
	memset(s, 0, sizeof(*s));
	return rc;
}

/* Make st the statement read, reset and bound to id (when id > 0). */
static sqlite3_stmt *
begin(struct show *s, int which, enum show_query q, int64_t id)
{
	sqlite3_stmt *st = s->st[which];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (id > 0)
		sqlite3_bind_int64(st, 1, id);
	s->cur = st;
	s->q = q;
	s->step = 0;
	return st;
}

/* One step of st: 1 a row, 0 none, -1 with l->err. */
static int
step(struct show *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return ledger_fail(s->l);
}

/* A bound text parameter, NULL bound as NULL. */
static int
bind_text(struct show *s, sqlite3_stmt *st, int at, const char *v)
{
	if (v && sqlite3_bind_text(st, at, v, -1, SQLITE_TRANSIENT) != SQLITE_OK)
		return ledger_fail(s->l);
	return 0;
}

int
show_case(struct show *s, int64_t id)
{
	return step(s, begin(s, ST_CASE, SHOW_CASE, id));
}

int
show_events_begin(struct show *s, int64_t id)
{
	begin(s, ST_EVIDS, SHOW_EVENTS, id);
	begin(s, ST_REG, SHOW_EVENTS, id);
	return 0;
}

int
show_petitioner_begin(struct show *s, const char *who)
{
	enum show_key k = show_key_of(who);
	char id[24];
	size_t i;

	if (k == SHOW_BY_ID_NUMBER) {
		for (i = 0; who[i] && i + 1 < sizeof(id); i++)
			id[i] = (char)toupper((unsigned char)who[i]);
		id[i] = '\0';
		who = id;
	}
	return bind_text(s, begin(s, k == SHOW_BY_ID_NUMBER ? ST_BY_ID :
				  k == SHOW_BY_PHONE ? ST_BY_PHONE : ST_BY_NAME,
				  SHOW_PETITIONER, 0), 1, who);
}

int
show_report_back_begin(struct show *s, const char *since, const char *referred_by)
{
	sqlite3_stmt *st = begin(s, ST_BACK, SHOW_REPORT_BACK, 0);

	return bind_text(s, st, 1, since) < 0 || bind_text(s, st, 2, referred_by) < 0 ? -1 : 0;
}

int
show_referral(struct show *s, int64_t id, const char *referred_by)
{
	sqlite3_stmt *st = begin(s, ST_REFERRAL, SHOW_REFERRAL, id);
	int rc;

	if (bind_text(s, st, 2, referred_by) < 0)
		return -1;
	if ((rc = step(s, st)) == 1 && sqlite3_column_int(st, (int)NELEM(referral_cols)))
		return 2;
	return rc;
}

/* The next event of a case: the registration, then each event by its id. */
static int
next_event(struct show *s)
{
	sqlite3_stmt *ev = s->st[ST_EVENT];
	int rc;

	if (s->step++ == 0)
		return step(s, s->st[ST_REG]);
	for (;;) {
		if ((rc = step(s, s->st[ST_EVIDS])) <= 0)
			return rc;
		sqlite3_reset(ev);
		sqlite3_bind_int64(ev, 1, sqlite3_column_int64(s->st[ST_EVIDS], 0));
		s->cur = ev;
		if ((rc = step(s, ev)) != 0)
			return rc;
	}
}

int
show_next(struct show *s)
{
	if (s->q == SHOW_EVENTS)
		return next_event(s);
	return step(s, s->cur);
}

/* v as a listing shows it: masked as the column's kind says, into buf. */
static const char *
masked(const struct show_col *c, const char *v, struct strbuf *buf)
{
	if (!v || c->personal == SHOW_PLAIN)
		return v;
	strbuf_reset(buf);
	strbuf_grow(buf, strlen(v) + 64);
	switch (c->personal) {
	case SHOW_ID_NUMBER: return mask_id(v, buf->buf, buf->alloc);
	case SHOW_PHONE: return mask_phone(v, buf->buf, buf->alloc);
	default: return mask_text(v, buf->buf, buf->alloc);
	}
}

void
show_row(const struct show *s, int unmask, const char **cells, struct strbuf *bufs)
{
	size_t c;

	for (c = 0; c < queries[s->q].n; c++) {
		cells[c] = show_get(s, c);
		if (!unmask)
			cells[c] = masked(&queries[s->q].cols[c], cells[c], &bufs[c]);
	}
}

const char *
show_get(const struct show *s, size_t col)
{
	const char *v = (const char *)sqlite3_column_text(s->cur, (int)col);

	return v && *v ? v : NULL;
}

/*
 * A copy of v for a terminal: control characters (a line end, a tab, an
 * escape sequence's ESC) become spaces, so a value stays on its line and
 * cannot drive the terminal.
 */
static char *
text_clean(const char *v)
{
	char *c = xstrdup(v), *p;

	for (p = c; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return c;
}

void
show_table_init(struct show_table *t, enum show_query q, size_t first)
{
	memset(t, 0, sizeof(*t));
	t->cols = show_cols(q, &t->ncols);
	t->first = first;
	assert(t->ncols <= SHOW_MAXCOLS);
}

void
show_table_add(struct show_table *t, const char *const *cells)
{
	size_t c;

	if (t->nrows == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 16;
		t->cells = xrealloc(t->cells, t->alloc * t->ncols * sizeof(*t->cells));
	}
	for (c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = cells[c] ? text_clean(cells[c]) : NULL;
	t->nrows++;
}

/* The width of each column shown into w (0: empty in every row); the last shown. */
static size_t
table_widths(const struct show_table *t, size_t *w)
{
	size_t r, c, cw, last = 0;
	const char *v;

	for (c = t->first; c < t->ncols; c++) {
		w[c] = 0;
		for (r = 0; r < t->nrows; r++) {
			if (!(v = t->cells[r * t->ncols + c]))
				continue;
			cw = text_width(v);
			w[c] = cw > w[c] ? cw : w[c];
			w[c] = w[c] > strlen(t->cols[c].name) ? w[c] : strlen(t->cols[c].name);
			last = c;
		}
	}
	return last;
}

void
show_table_print(struct show_table *t, FILE *fp)
{
	size_t r, c, w[SHOW_MAXCOLS], last;
	const char *v;

	if (!t->nrows)
		return;
	last = table_widths(t, w);
	for (r = 0; r <= t->nrows; r++) {
		for (c = t->first; c <= last; c++) {
			if (!w[c])
				continue;
			v = r ? t->cells[(r - 1) * t->ncols + c] : t->cols[c].name;
			v = v ? v : "";
			fputs(v, fp);
			if (c < last)
				fprintf(fp, "%*s", (int)(w[c] - text_width(v) + 2), "");
		}
		fputc('\n', fp);
	}
	for (r = 0; r < t->nrows * t->ncols; r++)
		free(t->cells[r]);
	t->nrows = 0;
}

void
show_table_release(struct show_table *t)
{
	size_t r;

	for (r = 0; r < t->nrows * t->ncols; r++)
		free(t->cells[r]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

#define HEAD_WIDTH 28	/* the display columns of "name 中文名" and the space after */

void
show_print_case(FILE *fp, const char *const *cells)
{
	char key[128], *v;
	size_t c, w;

	fprintf(fp, "case %s\n", cells[0] ? cells[0] : "");
	for (c = 1; c < NELEM(case_cols); c++) {
		if (!cells[c])
			continue;
		snprintf(key, sizeof(key), "%s %s", case_cols[c].name, case_cols[c].label);
		w = text_width(key);
		v = text_clean(cells[c]);
		fprintf(fp, "  %s%*s%s\n", key, (int)(w < HEAD_WIDTH ? HEAD_WIDTH - w : 1), "", v);
		free(v);
	}
}
