/* record.c: intake columns, their Chinese aliases, and per-field checks. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "idcard.h"
#include "record.h"
#include "util.h"
#include "banned.h"

/* The intake columns with their Chinese aliases. */
static const struct colspec cols[REC_NCOLS] = {
	[REC_RECEIVED] = { "received", REC_A_RECEIVED "|" REC_A_RECEIVED_ALSO, 1 },
	[REC_CHANNEL] = { "channel", REC_A_CHANNEL, 1 },
	[REC_NAME] = { "name", REC_A_NAME, 1 },
	[REC_ID_NUMBER] = { "id_number", REC_A_ID_NUMBER, 0 },
	[REC_PHONE] = { "phone", REC_A_PHONE, 0 },
	[REC_PERSONS] = { "persons", REC_A_PERSONS, 0 },
	[REC_REGION] = { "region", REC_A_REGION, 1 },
	[REC_CATEGORY] = { "category", REC_A_CATEGORY, 1 },
	[REC_LEVEL] = { "level", REC_A_LEVEL, 0 },
	[REC_REFERRED_BY] = { "referred_by", REC_A_REFERRED_BY, 0 },
	[REC_DUE] = { "due", REC_A_DUE, 0 },
	[REC_EXT_ID] = { "ext_id", REC_A_EXT_ID, 0 },
	[REC_LAW_RELATED] = { "law_related", REC_A_LAW_RELATED, 0 },
	[REC_TAGS] = { "tags", REC_A_TAGS, 0 },
	[REC_SUMMARY] = { "summary", REC_A_SUMMARY, 0 },
	[REC_SOURCE] = { "source", REC_A_SOURCE, 0 },
	[REC_RECEIVER] = { "receiver", REC_A_RECEIVER, 0 },
	[REC_ROW] = { "row", "序号", 0 },
};

const char *
rec_col_name(enum rec_col c)
{
	return cols[c].name;
}

#define NAMES 7
struct choice {
	const char *value;
	const char *names[NAMES];
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct choice channels[] = {
	{ "letter", { "letter", "来信", "信", NULL } },
	{ "visit", { "visit", "来访", "访", "上访", NULL } },
	{ "online", { "online", "网上", "网上信访", "网信", "微信", "APP", NULL } },
	{ "phone", { "phone", "来电", "电话", NULL } },
	{ "sms", { "sms", "短信", NULL } },
	{ "fax", { "fax", "传真", NULL } },
	{ "video", { "video", "视频", "视频接访", NULL } },
};

static const struct choice levels[] = {
	{ "county", { "county", "到县", "县", NULL } },
	{ "city", { "city", "到市", "市", "来市", NULL } },
	{ "province", { "province", "赴省", "省", "到省", NULL } },
	{ "national", { "national", "进京", "赴京", "京", NULL } },
};

static const struct choice referrers[] = {
	{ "central", { "central", "中央", NULL } },
	{ "province", { "province", "省", NULL } },
	{ "city", { "city", "市", NULL } },
};

static const struct choice bools[] = {
	{ "1", { "yes", "是", "y", "true", "1" } },
	{ "0", { "no", "否", "n", "false", "0" } },
};

static const char *
choose(const struct choice *c, size_t n, const char *s)
{
	size_t i, j;
	for (i = 0; i < n; i++)
		for (j = 0; j < NAMES && c[i].names[j]; j++)
			if (!strcasecmp(s, c[i].names[j]))
				return c[i].value;
	return NULL;
}

const char *
rec_channel_parse(const char *s)
{
	return choose(channels, NELEM(channels), s);
}

const char *
rec_level_parse(const char *s)
{
	return choose(levels, NELEM(levels), s);
}

const char *
rec_referred_parse(const char *s)
{
	if (!*s)
		return "";
	return choose(referrers, NELEM(referrers), s);
}

int
rec_bool_parse(const char *s)
{
	const char *v;
	if (!*s)
		return 0;
	v = choose(bools, NELEM(bools), s);
	return v ? *v - '0' : -1;
}

/* The n choices of c as "a A1 A2; b B1" into buf; a yes/no as "yes 是 y ...". */
static const char *
list_choices(const struct choice *c, size_t n, char *buf, size_t size)
{
	size_t i, j, o = 0;

	buf[0] = '\0';
	for (i = 0; i < n && o < size; i++)
		for (j = 0; j < NAMES && c[i].names[j] && o < size; j++)
			o += (size_t)snprintf(buf + o, size - o, "%s%s",
					      !j ? (i ? "; " : "") : " ", c[i].names[j]);
	return buf;
}

/* The yes/no columns of every tool's input. */
static const char *const bool_cols[] = { "law_related", "resolved", "collective" };

const char *
rec_values(const char *name, char *buf, size_t size)
{
	static const struct { const char *name, *text; } fixed[] = {
		{ "received", "a date: YYYY-MM-DD [HH:MM[:SS]], YYYY/MM/DD, "
			      "YYYY.MM.DD or YYYY年M月D日" },
		{ "due", "a date, on or after received" },
		{ "date", "a date: YYYY-MM-DD [HH:MM[:SS]]" },
		{ "id_number", "an 18-character resident ID number (its check digit verified)" },
		{ "phone", "5 to 20 digits, with + - ( ) and spaces between" },
		{ "persons", "a whole number, 1 or more (default 1)" },
		{ "tags", "labels separated by ; or ,"},
		{ "row", "a row number: ignored" },
		{ "case_id", "a case number: YYYY-NNNNNN" },
	};
	size_t i;

	if (!strcmp(name, "channel"))
		return list_choices(channels, NELEM(channels), buf, size);
	if (!strcmp(name, "level"))
		return list_choices(levels, NELEM(levels), buf, size);
	if (!strcmp(name, "referred_by"))
		return list_choices(referrers, NELEM(referrers), buf, size);
	for (i = 0; i < NELEM(bool_cols); i++)
		if (!strcmp(name, bool_cols[i]))
			return list_choices(bools, NELEM(bools), buf, size);
	for (i = 0; i < NELEM(fixed); i++)
		if (!strcmp(name, fixed[i].name)) {
			snprintf(buf, size, "%s", fixed[i].text);
			return buf;
		}
	return NULL;
}

const struct colspec *
rec_colspec(void)
{
	return cols;
}

int
rec_alias_check(const char *to)
{
	return colmap_lookup(cols, REC_NCOLS, to) < 0 ? -1 : 0;
}

int
rec_map_parse(char *arg, struct colmap_alias *a)
{
	char *eq = strchr(arg, '=');
	size_t n;

	if (!eq || eq == arg || rec_alias_check(eq + 1) < 0)
		return -1;
	str_blank_span(arg, &n);
	if (!n)
		return -1;
	*eq = '\0';
	a->from = arg;
	a->to = eq + 1;
	return 0;
}

int
intake_colmap_build(struct colmap *m, char *const *names, size_t n,
		    const struct colmap_alias *extra, size_t nextra,
		    int ignore_unknown, char *err, size_t errsize)
{
	return colmap_build_all(m, cols, REC_NCOLS, names, n, extra, nextra,
				ignore_unknown, err, errsize);
}

/* Phone: 5 to 20 digits, with + - ( ) and spaces allowed between. */
static int
phone_ok(const char *s)
{
	int digits = 0;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (!strchr("+-() ", *s))
			return 0;
	}
	return digits >= 5 && digits <= 20;
}

/* Split tags at ; or ；(and , ，), trim each, drop empties and repeats. */
int
tags_normalise(const char *s, char *out, size_t size)
{
	size_t o = 0;
	char tag[256];

	out[0] = '\0';
	while (*s) {
		size_t n = 0;
		char *t;
		while (*s && *s != ';' && *s != ',' && strncmp(s, "；", 3) && strncmp(s, "，", 3)) {
			if (n + 1 >= sizeof(tag))
				return -1;
			tag[n++] = *s++;
		}
		tag[n] = '\0';
		if (*s == ';' || *s == ',')
			s++;
		else if (*s)
			s += 3;
		t = str_trim_blank(tag);
		if (!*t)
			continue;
		{	/* skip a repeat */
			size_t tl = strlen(t);
			const char *p = out;
			int dup = 0;
			while (*p) {
				const char *e = strchr(p, ';');
				size_t pl = e ? (size_t)(e - p) : strlen(p);
				if (pl == tl && !memcmp(p, t, tl))
					dup = 1;
				p += pl + (e != NULL);
			}
			if (dup)
				continue;
		}
		if (o + strlen(t) + 2 > size)
			return -1;
		o += (size_t)snprintf(out + o, size - o, "%s%s", o ? ";" : "", t);
	}
	return 0;
}

static const char *
opt(char **f, const struct colmap *m, enum rec_col c)
{
	int i = m->field[c];
	return i >= 0 && *f[i] ? f[i] : NULL;
}

/* The name the header gave column c, else its canonical one: for messages. */
static const char *
colname(const struct colmap *m, enum rec_col c, char *buf, size_t size)
{
	const char *s = colmap_header_name(m, c, buf, size);
	return s ? s : cols[c].name;
}

/* column c's name as it may be quoted in a message, in the function's col[] */
#define COL(c) colname(m, (c), col, sizeof(col))
/* v as it may be quoted in a message, in the function's shown[] */
#define SHOWN(v) mask_shown((v), shown, sizeof(shown))
#define FAIL(...) do { snprintf(err, errsize, __VA_ARGS__); return -1; } while (0)

/* When and how it came, and who sent it: received to persons. */
static int
parse_who(const struct colmap *m, char **fields, int as_of, struct intake_rec *r,
	  char *err, size_t errsize)
{
	const char *s, *why;
	char shown[256], col[128];

	s = opt(fields, m, REC_RECEIVED);
	if (!s)
		FAIL("empty date in column %s", COL(REC_RECEIVED));
	if (date_parse(s, &r->received_day, &r->received_secs) < 0)
		FAIL("bad date '%s' in column %s", SHOWN(s), COL(REC_RECEIVED));
	if (r->received_day > as_of)
		FAIL("date '%s' in column %s is after the as-of date", SHOWN(s),
		     COL(REC_RECEIVED));
	date_format_time(r->received_day, r->received_secs, r->received);

	s = opt(fields, m, REC_CHANNEL);
	if (!s)
		FAIL("empty column %s", COL(REC_CHANNEL));
	if (!(r->channel = rec_channel_parse(s)))
		FAIL("unknown channel '%s' (letter, visit, online, phone, sms, fax, video)", SHOWN(s));

	if (!(r->name = opt(fields, m, REC_NAME)))
		FAIL("empty column %s", COL(REC_NAME));

	if ((s = opt(fields, m, REC_ID_NUMBER))) {
		if ((why = idcard_check_on(s, r->received_day)))
			FAIL("%s: '%s' in column %s", why,
			     mask_id(s, shown, sizeof(shown)), COL(REC_ID_NUMBER));
		if (s[17] == 'x')
			fields[m->field[REC_ID_NUMBER]][17] = 'X';
		r->id_number = s;
	}
	if ((s = opt(fields, m, REC_PHONE))) {
		if (!phone_ok(s))
			FAIL("bad phone number '%s' in column %s",
			     mask_phone(s, shown, sizeof(shown)), COL(REC_PHONE));
		r->phone = s;
	}
	r->persons = 1;
	if ((s = opt(fields, m, REC_PERSONS)) &&
	    parse_long(s, 1, 1000000, &r->persons) < 0)
		FAIL("bad count '%s' in column %s (a whole number, 1 or more)",
		     SHOWN(s), COL(REC_PERSONS));
	return 0;
}

/* What it is about and how it is to be handled: region to summary. */
static int
parse_what(const struct colmap *m, char **fields, struct intake_rec *r,
	   char *tagbuf, size_t tagsize, char *err, size_t errsize)
{
	const char *s;
	char shown[256], col[128];

	if (!(r->region = opt(fields, m, REC_REGION)))
		FAIL("empty column %s", COL(REC_REGION));
	if (!(r->category = opt(fields, m, REC_CATEGORY)))
		FAIL("empty column %s", COL(REC_CATEGORY));

	r->level = "city";
	if ((s = opt(fields, m, REC_LEVEL)) && !(r->level = rec_level_parse(s)))
		FAIL("unknown level '%s' (county, city, province, national)", SHOWN(s));

	s = opt(fields, m, REC_REFERRED_BY);
	if (s && !(r->referred_by = rec_referred_parse(s)))
		FAIL("unknown referring level '%s' in column %s "
		     "(central, province, city)", SHOWN(s), COL(REC_REFERRED_BY));
	r->due_day = -1;
	if ((s = opt(fields, m, REC_DUE))) {
		int secs;
		if (date_parse(s, &r->due_day, &secs) < 0)
			FAIL("bad date '%s' in column %s", SHOWN(s), COL(REC_DUE));
		if (r->due_day < r->received_day)
			FAIL("due date '%s' is before the received date", SHOWN(s));
		date_format(r->due_day, r->due);
	}
	r->ext_id = opt(fields, m, REC_EXT_ID);
	if ((s = opt(fields, m, REC_LAW_RELATED)) &&
	    (r->law_related = rec_bool_parse(s)) < 0)
		FAIL("bad value '%s' in column %s (yes or no)", SHOWN(s),
		     COL(REC_LAW_RELATED));
	if ((s = opt(fields, m, REC_TAGS))) {
		if (tags_normalise(s, tagbuf, tagsize) < 0)
			FAIL("tag too long in column %s", COL(REC_TAGS));
		if (*tagbuf)
			r->tags = tagbuf;
	}
	r->summary = opt(fields, m, REC_SUMMARY);
	r->source = opt(fields, m, REC_SOURCE);
	r->receiver = opt(fields, m, REC_RECEIVER);
	return 0;
}

/*
 * The row's identity: every value, separated; a row with an ext_id adds it
 * (so two ext_ids are two cases, even with the same values, and a row
 * under a known ext_id is told a re-run from a conflict).  Rows without
 * one hash as they always have: ledgers keep these.  So do rows without a
 * source or receiver that are not disputes: these three are added only
 * when there, each after its own mark, so that a dispute is never taken
 * for the petition of the same values already registered.
 */
static uint64_t
fingerprint(const struct intake_rec *r)
{
	const char *v[] = { r->received, r->channel, r->name, r->id_number,
			    r->phone, r->region, r->category, r->level,
			    r->referred_by, r->due_day >= 0 ? r->due : NULL,
			    r->tags, r->summary };
	char num[32];
	uint64_t h = HASH64_INIT;
	size_t i;

	for (i = 0; i < NELEM(v); i++) {
		h = hash64(h, v[i] ? v[i] : "", v[i] ? strlen(v[i]) : 0);
		h = hash64(h, "\x1f", 1);
	}
	snprintf(num, sizeof(num), "%ld/%d", r->persons, r->law_related);
	h = hash64(h, num, strlen(num));
	if (r->ext_id) {
		h = hash64(h, "\x1e", 1);
		h = hash64(h, r->ext_id, strlen(r->ext_id));
	}
	if (r->source) {
		h = hash64(h, "\x1d" "s", 2);
		h = hash64(h, r->source, strlen(r->source));
	}
	if (r->receiver) {
		h = hash64(h, "\x1d" "r", 2);
		h = hash64(h, r->receiver, strlen(r->receiver));
	}
	if (r->dispute)
		h = hash64(h, "\x1d" "d", 2);
	return h;
}

/* intake_parse, with r->dispute as given (it is part of the fingerprint). */
static int
parse_fields(const struct colmap *m, char **fields, size_t nfields, int as_of,
	     int dispute, struct intake_rec *r, char *tagbuf, size_t tagsize,
	     char *err, size_t errsize)
{
	size_t i;

	if (nfields != m->nfields)
		FAIL("%zu fields where the header has %zu", nfields, m->nfields);
	for (i = 0; i < nfields; i++)
		fields[i] = str_trim_blank(fields[i]);
	memset(r, 0, sizeof(*r));
	if (parse_who(m, fields, as_of, r, err, errsize) < 0 ||
	    parse_what(m, fields, r, tagbuf, tagsize, err, errsize) < 0)
		return -1;
	r->dispute = dispute;
	r->fingerprint = fingerprint(r);
	return 0;
}

int
intake_parse(const struct colmap *m, char **fields, size_t nfields,
	     int as_of, struct intake_rec *r, char *tagbuf, size_t tagsize,
	     char *err, size_t errsize)
{
	return parse_fields(m, fields, nfields, as_of, 0, r, tagbuf, tagsize,
			    err, errsize);
}
#undef FAIL
#undef SHOWN

int
intake_header_build(struct intake_header *h, const struct csvrow *row,
		    const struct colmap_alias *extra, size_t nextra,
		    int ignore_unknown, char *err, size_t errsize)
{
	size_t i, n = row->nfields;

	strbuf_init(&h->names);
	for (i = 0; i < n; i++)
		strbuf_add(&h->names, row->fields[i], row->lens[i] + 1);
	h->row = *row;
	h->row.fields = xcalloc(n, sizeof(*h->row.fields));
	h->row.lens = xcalloc(n, sizeof(*h->row.lens));
	h->row.fields[0] = h->names.buf;
	for (i = 1; i < n; i++)
		h->row.fields[i] = h->row.fields[i - 1] + strlen(h->row.fields[i - 1]) + 1;
	for (i = 0; i < n; i++)
		h->row.lens[i] = strlen(h->row.fields[i]);
	if (h->nalso) {
		struct colspec spec[COLMAP_MAX];
		size_t na = h->nalso < COLMAP_MAX - REC_NCOLS ? h->nalso : COLMAP_MAX - REC_NCOLS;

		memcpy(spec, cols, sizeof(cols));
		memcpy(spec + REC_NCOLS, h->also, na * sizeof(*spec));
		return colmap_build_all(&h->map, spec, REC_NCOLS + na, h->row.fields, n,
					extra, nextra, ignore_unknown, err, errsize);
	}
	return intake_colmap_build(&h->map, h->row.fields, n, extra, nextra,
				   ignore_unknown, err, errsize);
}

void
intake_header_release(struct intake_header *h)
{
	strbuf_release(&h->names);
	free(h->row.fields);
	free(h->row.lens);
}

void
intake_work_init(struct intake_work *w)
{
	memset(w, 0, sizeof(*w));
	strbuf_init(&w->copy);
	strbuf_init(&w->tags);
}

void
intake_work_release(struct intake_work *w)
{
	strbuf_release(&w->copy);
	strbuf_release(&w->tags);
	free(w->fields);
	memset(w, 0, sizeof(*w));
}

int
intake_parse_row(const struct colmap *m, const struct csvrow *row, int as_of,
		 struct intake_rec *r, struct intake_work *w,
		 char *err, size_t errsize)
{
	size_t i;

	if (row->nfields > w->alloc) {
		w->alloc = row->nfields;
		w->fields = xrealloc(w->fields, w->alloc * sizeof(*w->fields));
	}
	strbuf_reset(&w->tags);
	strbuf_grow(&w->tags, 64 + (row->nfields ? row->lens[0] : 0));
	for (i = 0; i < row->nfields; i++)
		strbuf_grow(&w->tags, row->lens[i] + 64);
	strbuf_reset(&w->copy);
	strbuf_add(&w->copy, row->fields[0], csvrow_size(row));
	for (i = 0; i < row->nfields; i++)
		w->fields[i] = w->copy.buf + (row->fields[i] - row->fields[0]);
	return parse_fields(m, w->fields, row->nfields, as_of, w->dispute, r,
			    w->tags.buf, w->tags.alloc, err, errsize);
}
