/* pt-stats: count and rate cases over a period, grouped, with 同比 and 环比. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "csvout.h"
#include "date.h"
#include "figures.h"
#include "ledger.h"
#include "msg.h"
#include "record.h"
#include "tabin.h"
#include "util.h"
#include "banned.h"

#define MAX_LEDGERS 64

static const char usage_text[] =
"usage: pt-stats [-qt] [-d ledger ...] [-E encoding] [--period period]\n"
"                [--from date --to date] [--by list] [--total]\n"
"                [--compare yoy|prev] [--warn-days n] [--resolution-tag tag]\n"
"                [--format csv|tsv|jsonl] [--bom] [--excel] [--as-of date]\n"
"                [file ...]\n";

enum { OPT_PERIOD = OPT_TOOL_BASE, OPT_FROM, OPT_TO, OPT_BY_DIMS, OPT_TOTAL,
       OPT_COMPARE, OPT_WARN, OPT_RESTAG };

enum compare { CMP_NONE, CMP_YOY, CMP_PREV };

/* The case stream's columns pt-stats can use; any others are ignored. */
enum { S_RECEIVED, S_CHANNEL, S_PERSONS, S_KIND, S_COLLECTIVE, S_REGION, S_CATEGORY,
       S_LEVEL, S_UNIT, S_LEADER, S_TAGS, S_COLOR, NSCOLS };
static const struct colspec stream_cols[NSCOLS] = {
	[S_RECEIVED] = { "received", "登记日期", 0 },
	[S_CHANNEL] = { "channel", "信访形式", 0 },
	[S_PERSONS] = { "persons", "人数", 0 },
	[S_KIND] = { "kind", "类型", 0 },
	[S_COLLECTIVE] = { "collective", "集体访", 0 },
	[S_REGION] = { "region", "问题属地", 0 },
	[S_CATEGORY] = { "category", "问题类别", 0 },
	[S_LEVEL] = { "level", "信访层级", 0 },
	[S_UNIT] = { "unit", "责任单位", 0 },
	[S_LEADER] = { "leader", "包案领导", 0 },
	[S_TAGS] = { "tags", "标签", 0 },
	[S_COLOR] = { "color", "颜色", 0 },
};

struct stats {
	struct cli cli;
	const char *dbs[MAX_LEDGERS];
	unsigned char dup[MAX_LEDGERS];	/* the same file as an earlier one */
	size_t ndbs;
	struct period period;
	int have_period;
	struct fig_opts opts;
	int total;
	enum compare compare;
	long rows_skipped;
};

static void
usage(void)
{
	fputs(usage_text, stderr);
	exit(EX_USAGE);
}

static void
help(void)
{
	fputs(usage_text, stdout);
	fputs("\nThe figures of a period (batches 批次, persons 人次, first/repeat/referred,\n"
	      "collective visits, joint letters, the three rates, red and yellow cases,\n"
	      "frequent petitioners), one row, or one per group with --by.  Reads the\n"
	      "ledger(s), or a case stream when files are named (\"-\" for stdin).\n\n"
	      "  -d, --db FILE          a ledger; repeat to add ledgers (shared cases once)\n"
	      "  -E, --encoding ENC     case stream encoding (default UTF-8)\n"
	      "      --period P         2026-09, 2026-Q3, 2026-H1, 2026, 2026-01..2026-09\n"
	      "      --from DATE        with --to: any range of days (inclusive)\n"
	      "      --to DATE\n"
	      "      --by LIST          group by channel,level,region,category,unit,\n"
	      "                         leader,kind,month,tag\n"
	      "      --total            add a row whose group values are total\n"
	      "      --compare WHAT     yoy (同比, a year before) or prev (环比)\n"
	      "      --warn-days N      yellow: due within N days (default 5)\n"
	      "      --resolution-tag T 化解率 over cases tagged T (default 积案)\n"
	      "  -t, --tsv              print TSV (same as --format tsv)\n"
	      "      --format FMT       csv (default), tsv or jsonl\n"
	      "      --bom              start the output with a UTF-8 BOM (Excel)\n"
	      "      --excel            neutralise cells starting with = + - @\n"
	      "      --as-of DATE       today (default period: its month)\n"
	      "  -q, --quiet            no warnings about skipped stream rows\n"
	      "  -h, --help             this text; --version the version\n", stdout);
	exit(0);
}

/*
 * Several ledgers: the same file named twice is counted once, and so is a
 * case (by ext_id) that several ledgers hold: in the first ledger named
 * that holds it.  The ext_ids of every ledger but the last go, once, into a
 * table seen(ext_id, ledger) in a temporary file of pt-stats' own, which
 * attaches each ledger read-only to fill it; each ledger, opened read-only,
 * attaches the file (read-only too) while it is counted.  SQLite keeps the
 * table on disk, so memory stays flat; no ledger is written.
 */
static char seen_path[4096];

/* The ledger open now, closed (and its -wal and -shm tidied) on any exit. */
static struct ledger *reading;

static void
seen_remove(void)
{
	if (seen_path[0]) {
		unlink(seen_path);
		seen_path[0] = '\0';
	}
}

static void
close_reading(void)
{
	if (reading)
		ledger_close(reading);
	reading = NULL;
}

static void
open_counted(struct stats *s, struct ledger *l, size_t i)
{
	reading = l;
	if (ledger_open(l, s->dbs[i], LEDGER_READONLY) < 0) {
		if (l->missing)
			msg_die(69, "%s: no ledger", s->dbs[i]);
		msg_die(ledger_exit_code(l), "%s: %s", s->dbs[i], l->err);
	}
}

static void
close_counted(struct ledger *l)
{
	ledger_close(l);
	reading = NULL;
}

/* Run sql, an ATTACH of ?1, with file for ?1; 0, or -1 with the db's error. */
static int
attach(sqlite3 *db, const char *file, const char *sql)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* attach the seen file to l as "seen", to read */
static void
attach_seen(struct stats *s, struct ledger *l, size_t i)
{
	if (attach(l->db, seen_path, "ATTACH ?1 AS seen") < 0) {
		ledger_fail(l);
		msg_die(ledger_exit_code(l), "%s: %s: %s", s->dbs[i], seen_path, l->err);
	}
}

/* Mark the files named twice; with two ledgers or more, fill the seen file. */
static void
seen_build(struct stats *s)
{
	struct stat st[MAX_LEDGERS];
	unsigned char have[MAX_LEDGERS];
	size_t i, j, last = 0, n = 0;
	sqlite3 *db = NULL;
	int fd;

	for (i = 0; i < s->ndbs; i++) {
		s->dup[i] = 0;
		have[i] = stat(s->dbs[i], &st[i]) == 0;	/* if not, the open says why */
		for (j = 0; have[i] && j < i; j++)
			if (have[j] && !s->dup[j] && st[j].st_dev == st[i].st_dev &&
			    st[j].st_ino == st[i].st_ino)
				s->dup[i] = 1;
		if (s->dup[i]) {
			msg_warn("%s: named twice; counted once", s->dbs[i]);
		} else {
			n++;
			last = i;
		}
	}
	if (n < 2)
		return;
	snprintf(seen_path, sizeof(seen_path), "%s", "/tmp/pt-stats.XXXXXX");
	if (getenv("TMPDIR") && strlen(getenv("TMPDIR")) < sizeof(seen_path) - 16)
		snprintf(seen_path, sizeof(seen_path), "%s/pt-stats.XXXXXX", getenv("TMPDIR"));
	if ((fd = mkstemp(seen_path)) < 0) {
		seen_path[0] = '\0';
		msg_die(EX_CANTCREAT, "cannot create a temporary file:");
	}
	close(fd);
	atexit(seen_remove);
	if (sqlite3_open_v2(seen_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL)
	    != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
			 " CREATE TABLE seen (ext_id TEXT PRIMARY KEY, ledger INTEGER)"
			 " WITHOUT ROWID", NULL, NULL, NULL) != SQLITE_OK)
		msg_die(EX_CANTCREAT, "%s: %s", seen_path, db ? sqlite3_errmsg(db) : "cannot open");
	for (i = 0; i < last; i++) {
		struct ledger l;
		char sql[160];

		if (s->dup[i])
			continue;
		open_counted(s, &l, i);
		snprintf(sql, sizeof(sql), "INSERT OR IGNORE INTO main.seen"
			 " SELECT ext_id, %zu FROM lg.cases WHERE ext_id IS NOT NULL", i);
		/* the ledger as l opened it: read-only, maybe immutable */
		if (attach(db, l.uri, "ATTACH ?1 AS lg") < 0 ||
		    sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(db, "DETACH lg", NULL, NULL, NULL) != SQLITE_OK) {
			l.rc = sqlite3_extended_errcode(db);
			snprintf(l.err, sizeof(l.err), "%s", sqlite3_errmsg(db));
			msg_die(ledger_exit_code(&l), "%s: %s", s->dbs[i], l.err);
		}
		close_counted(&l);
	}
	if (sqlite3_close(db) != SQLITE_OK)
		msg_die(EX_CANTCREAT, "%s: %s", seen_path, sqlite3_errmsg(db));
}

/* Count the ledgers into t, each case once, each in one read transaction. */
static void
count_ledgers(struct stats *s, struct fig_table *t, const struct period *p)
{
	size_t i;
	int first = 1;

	for (i = 0; i < s->ndbs; i++) {
		struct ledger l;

		if (s->dup[i])
			continue;
		open_counted(s, &l, i);
		t->skip_below = 0;
		if (seen_path[0] && !first) {
			attach_seen(s, &l, i);
			t->skip_below = (int)i;
		}
		first = 0;
		if (ledger_exec(&l, "BEGIN") < 0 || fig_count_ledger(t, &l, p) < 0 ||
		    ledger_commit(&l) < 0)
			msg_die(ledger_exit_code(&l), "%s: %s", s->dbs[i], l.err);
		close_counted(&l);
	}
	t->skip_below = 0;
}

/* One row of a case stream, read once, counted into every target. */
struct srow {
	int day;
	char month[8];
	long persons;
	const char *ch, *lv, *kind, *color, *tags;
	const char *val[NDIMS];
	int collective, joint;
};

/* Read a stream row; 0, or -1 (with a warning) for a row to skip. */
static int
read_row(struct stats *s, struct tabin *in, struct srow *r)
{
	const char *recv = tabin_get(in, S_RECEIVED), *pers = tabin_get(in, S_PERSONS);
	const char *coll = tabin_get(in, S_COLLECTIVE);
	int secs;

	memset(r, 0, sizeof(*r));
	r->day = -1;
	if (recv && date_parse(recv, &r->day, &secs) == 0)
		snprintf(r->month, sizeof(r->month), "%.7s", recv);
	r->persons = 1;
	if (pers && parse_long(pers, 1, 1000000, &r->persons) < 0) {
		s->rows_skipped++;
		if (!s->cli.quiet)
			msg_warn("%s:%ld: bad persons '%s'; row skipped", tabin_name(in),
				 in->row.line, pers);
		return -1;
	}
	r->ch = tabin_get(in, S_CHANNEL);
	if (r->ch && rec_channel_parse(r->ch))
		r->ch = rec_channel_parse(r->ch);
	r->lv = tabin_get(in, S_LEVEL);
	if (r->lv && rec_level_parse(r->lv))
		r->lv = rec_level_parse(r->lv);
	r->kind = tabin_get(in, S_KIND);
	r->color = tabin_get(in, S_COLOR);
	r->tags = tabin_get(in, S_TAGS);
	r->val[DIM_CHANNEL] = r->ch;
	r->val[DIM_LEVEL] = r->lv;
	r->val[DIM_REGION] = tabin_get(in, S_REGION);
	r->val[DIM_CATEGORY] = tabin_get(in, S_CATEGORY);
	r->val[DIM_UNIT] = tabin_get(in, S_UNIT);
	r->val[DIM_LEADER] = tabin_get(in, S_LEADER);
	r->val[DIM_KIND] = r->kind;
	r->val[DIM_MONTH] = r->month;
	r->collective = coll ? rec_bool_parse(coll) == 1
			     : r->ch && !strcmp(r->ch, "visit") && r->persons >= 5;
	r->joint = r->ch && !strcmp(r->ch, "letter") && r->persons > 1;
	return 0;
}

/* Count a stream row into t, when it falls in p (NULL: every row). */
static void
add_row(struct fig_table *t, const struct srow *r, const struct period *p)
{
	char *keys[NDIMS], tagbuf[512], *tag = NULL, *save = NULL;
	struct fig_group *g;
	size_t d, tagdim = NDIMS;

	if (p && (r->day < 0 || r->day < p->from || r->day > p->to))
		return;
	for (d = 0; d < t->opts.nby; d++) {
		if (t->opts.by[d] == DIM_TAG)
			tagdim = d;
		keys[d] = (char *)(t->opts.by[d] != DIM_TAG && r->val[t->opts.by[d]]
				   ? r->val[t->opts.by[d]] : "");
	}
	if (tagdim < NDIMS) {
		snprintf(tagbuf, sizeof(tagbuf), "%s", r->tags ? r->tags : "");
		if (!(tag = strtok_r(tagbuf, ";", &save)))
			return;		/* by tag: an untagged case is in no group */
	}
	do {
		if (tagdim < NDIMS)
			keys[tagdim] = tag;
		g = fig_group_get(t, keys);
		g->v[FIG_BATCHES]++;
		g->v[FIG_PERSONS] += r->persons;
		g->v[FIG_COLLECTIVE] += r->collective;
		g->v[FIG_COLLECTIVE_PERSONS] += r->collective ? r->persons : 0;
		g->v[FIG_JOINT_LETTERS] += r->joint;
		g->v[FIG_JOINT_SIGNERS] += r->joint ? r->persons : 0;
		if (r->kind) {
			g->v[FIG_FIRST] += !strcmp(r->kind, "first");
			g->v[FIG_REPEAT] += !strcmp(r->kind, "repeat");
			g->v[FIG_REFERRED] += !strcmp(r->kind, "referred");
		}
		if (r->color) {
			g->v[FIG_RED] += !strcmp(r->color, "red");
			g->v[FIG_YELLOW] += !strcmp(r->color, "yellow");
		}
	} while (tagdim < NDIMS && (tag = strtok_r(NULL, ";", &save)));
}

/* Where a stream's rows go: a table and the period it counts. */
struct target {
	struct fig_table *t;
	const struct period *p;
};

/*
 * Read one case stream, once, into every target (the period, the earlier
 * period, their totals): standard input cannot be read twice.
 */
static void
count_stream(struct stats *s, const struct target *tg, size_t n, const char *path)
{
	struct tabin in;
	struct srow r;
	size_t i;
	int rc = tabin_open(&in, path, s->cli.encoding, stream_cols, NSCOLS, 1);

	if (rc == -1) {
		if (errno == EINVAL)
			msg_die(EX_USAGE, "unknown encoding '%s'", s->cli.encoding);
		msg_warn("%s:", path);
		exit(EX_NOINPUT);
	}
	if (rc == -2)
		msg_die(EX_DATAERR, "%s:%ld: %s", tabin_name(&in), in.hdr.line, in.err);
	if (s->have_period && in.map.field[S_RECEIVED] < 0)
		msg_die(EX_DATAERR, "%s:1: a period needs a received column", tabin_name(&in));
	for (i = 0; i < n; i++) {
		int *have = tg[i].t->have;
		have[FIG_BATCHES] = 1;
		/* persons, collective visits and joint letters need a persons column */
		if (in.map.field[S_PERSONS] >= 0)
			have[FIG_PERSONS] = have[FIG_COLLECTIVE] = have[FIG_COLLECTIVE_PERSONS] =
				have[FIG_JOINT_LETTERS] = have[FIG_JOINT_SIGNERS] = 1;
		if (in.map.field[S_KIND] >= 0)
			have[FIG_FIRST] = have[FIG_REPEAT] = have[FIG_REFERRED] = 1;
		if (in.map.field[S_COLOR] >= 0)
			have[FIG_RED] = have[FIG_YELLOW] = 1;
	}
	while ((rc = tabin_next(&in)) > 0) {
		if (rc == 2) {
			s->rows_skipped++;
			msg_warn("%s:%ld: %s; row skipped", tabin_name(&in), in.row.line, in.err);
			continue;
		}
		if (read_row(s, &in, &r) == 0)
			for (i = 0; i < n; i++)
				add_row(tg[i].t, &r, s->have_period ? tg[i].p : NULL);
	}
	if (rc < 0)
		msg_die(EX_DATAERR, "%s:%ld: %s", tabin_name(&in), in.row.end_line, in.err);
	tabin_close(&in);
}

/*
 * The total row: the figures counted without grouping (all holds them; a
 * sum of the groups would count a case in two tags, or a petitioner in two
 * groups, twice).
 */
static void
add_total(struct fig_table *t, const struct fig_table *all)
{
	char *keys[NDIMS];
	struct fig_group *tot;
	size_t d;

	for (d = 0; d < t->opts.nby; d++)
		keys[d] = (char *)"total";
	tot = fig_group_get(t, keys);
	if (all->ngroups)
		memcpy(tot->v, all->groups[0].v, sizeof(tot->v));
}

/* Every group of the earlier period gets a row now too (a fall to nothing). */
static void
union_groups(struct fig_table *t, const struct fig_table *before)
{
	size_t i;
	for (i = 0; i < before->ngroups; i++)
		fig_group_get(t, before->groups[i].key);
}

static const char *
num(long v, char *buf, int have)
{
	if (!have)
		return NULL;
	snprintf(buf, 24, "%ld", v);
	return buf;
}

static void
print(struct stats *s, struct fig_table *t, struct fig_table *before, const char *label)
{
	const char *names[1 + NDIMS + 4 * (NFIGS + NRATES)];
	const char *cells[1 + NDIMS + 4 * (NFIGS + NRATES)];
	char bufs[4 * (NFIGS + NRATES)][24];
	struct strbuf hdr;
	struct out out;
	size_t n = 0, i, d, b, g;
	int f, r;
	enum fig nf, df;

	/* the header: period, groups, then each count (and its rate) */
	strbuf_init(&hdr);
	names[n++] = "period";
	for (d = 0; d < t->opts.nby; d++)
		names[n++] = dim_name(t->opts.by[d]);
	for (f = 0; f < NFIGS; f++) {
		names[n++] = fig_name(f);
		if (before) {
			strbuf_addf(&hdr, "%s_before%c%s_change_pct%c", fig_name(f), 0, fig_name(f), 0);
			n += 2;
		}
		if ((r = fig_rate_after(f)) >= 0) {
			names[n++] = rate_name(r);
			if (before) {
				strbuf_addf(&hdr, "%s_before%c", rate_name(r), 0);
				n++;
			}
		}
	}
	/* fill in the _before names from hdr, in order */
	{
		const char *p = hdr.buf;
		size_t k = 1 + t->opts.nby;
		for (f = 0; f < NFIGS; f++) {
			k++;
			if (before) {
				names[k++] = p; p += strlen(p) + 1;
				names[k++] = p; p += strlen(p) + 1;
			}
			if (fig_rate_after(f) >= 0) {
				k++;
				if (before) {
					names[k++] = p;
					p += strlen(p) + 1;
				}
			}
		}
	}
	out_init(&out, stdout, s->cli.fmt, s->cli.out_flags, names, n);
	for (i = 1 + t->opts.nby; i < n; i++)
		out_numeric(&out, i);
	out_header(&out);

	for (g = 0; g < t->ngroups; g++) {
		const struct fig_group *x = &t->groups[g], *y = NULL;
		static const long zero[NFIGS];
		const long *bv;

		if (before)
			for (i = 0; i < before->ngroups && !y; i++) {
				for (d = 0; d < t->opts.nby; d++)
					if (strcmp(before->groups[i].key[d], x->key[d]))
						break;
				if (d == t->opts.nby)
					y = &before->groups[i];
			}
		bv = y ? y->v : zero;
		n = b = 0;
		cells[n++] = label;
		for (d = 0; d < t->opts.nby; d++)
			cells[n++] = x->key[d];
		for (f = 0; f < NFIGS; f++) {
			cells[n++] = num(x->v[f], bufs[b++], t->have[f]);
			if (before) {
				cells[n++] = num(bv[f], bufs[b++], before->have[f]);
				cells[n++] = t->have[f] ? fig_change(x->v[f], bv[f], bufs[b++], 24) : NULL;
			}
			if ((r = fig_rate_after(f)) >= 0) {
				rate_parts(r, &nf, &df);
				cells[n++] = t->have[nf] ? fig_rate(x->v[nf], x->v[df], bufs[b++], 24)
							 : NULL;
				if (before)
					cells[n++] = before->have[nf]
						? fig_rate(bv[nf], bv[df], bufs[b++], 24) : NULL;
			}
		}
		out_row(&out, cells);
	}
	if (out_finish(&out) < 0)
		msg_die(EX_IOERR, "write error:");
	strbuf_release(&hdr);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_LONGOPTS,
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "by", required_argument, NULL, OPT_BY_DIMS },
		{ "total", no_argument, NULL, OPT_TOTAL },
		{ "compare", required_argument, NULL, OPT_COMPARE },
		{ "warn-days", required_argument, NULL, OPT_WARN },
		{ "resolution-tag", required_argument, NULL, OPT_RESTAG },
		{ NULL, 0, NULL, 0 }
	};
	struct stats s;
	struct fig_table t, b, tt, bt;
	struct period before;
	char label[64], *list, *tok, *save = NULL;
	const char *from = NULL, *to = NULL;
	int c, dim;
	long v;

	msg_init(argv[0]);
	memset(&s, 0, sizeof(s));
	cli_init(&s.cli);
	s.opts.warn_days = 5;
	s.opts.resolution_tag = "积案";
	while ((c = getopt_long(argc, argv, CLI_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (s.ndbs == MAX_LEDGERS)
				msg_die(EX_USAGE, "at most %d ledgers", MAX_LEDGERS);
			s.dbs[s.ndbs++] = optarg;
			break;
		case OPT_PERIOD:
			if (period_parse(optarg, &s.period) < 0) {
				msg_warn("bad period '%s'", optarg);
				usage();
			}
			s.have_period = 1;
			break;
		case OPT_FROM:
			from = optarg;
			break;
		case OPT_TO:
			to = optarg;
			break;
		case OPT_BY_DIMS:
			list = xstrdup(optarg);
			for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
				if ((dim = dim_parse(tok)) < 0) {
					msg_warn("cannot group by '%s'", tok);
					usage();
				}
				if (s.opts.nby == NDIMS)
					usage();
				s.opts.by[s.opts.nby++] = dim;
			}
			free(list);
			break;
		case OPT_TOTAL:
			s.total = 1;
			break;
		case OPT_COMPARE:
			if (!strcmp(optarg, "yoy"))
				s.compare = CMP_YOY;
			else if (!strcmp(optarg, "prev"))
				s.compare = CMP_PREV;
			else {
				msg_warn("--compare takes yoy or prev, not '%s'", optarg);
				usage();
			}
			break;
		case OPT_WARN:
			if (parse_long(optarg, 0, 365, &v) < 0) {
				msg_warn("bad --warn-days '%s'", optarg);
				usage();
			}
			s.opts.warn_days = (int)v;
			break;
		case OPT_RESTAG:
			s.opts.resolution_tag = optarg;
			break;
		default:
			cli_xoption(&s.cli, c, optarg, "pt-stats", help, usage);
		}
	}
	argc -= optind;
	argv += optind;
	if ((from != NULL) != (to != NULL)) {
		msg_warn("--from and --to go together");
		usage();
	}
	if (from) {
		char err[128];

		if (s.have_period) {
			msg_warn("--period, or --from and --to, not both");
			usage();
		}
		if (period_from_to(from, to, &s.period, err, sizeof(err)) < 0) {
			msg_warn("%s", err);
			usage();
		}
		s.have_period = 1;
	}
	if (!s.have_period) {
		int y, m, d;
		date_to_ymd(s.cli.as_of, &y, &m, &d);
		snprintf(label, sizeof(label), "%04d-%02d", y, m);
		period_parse(label, &s.period);
	}
	if (argc > 0 && s.ndbs > 0) {
		msg_warn("a case stream or ledgers, not both");
		usage();
	}
	if (s.ndbs == 0)
		s.dbs[s.ndbs++] = ledger_path(NULL);
	s.opts.as_of = s.cli.as_of;
	signal(SIGPIPE, SIG_IGN);
	atexit(close_reading);

	{
		struct fig_opts flat = s.opts;
		struct target tg[4];
		size_t n = 0;
		int i;

		flat.nby = 0;
		before = s.compare == CMP_YOY ? period_yoy(&s.period) : period_prev(&s.period);
		fig_table_init(&t, &s.opts);
		fig_table_init(&b, &s.opts);
		fig_table_init(&tt, &flat);
		fig_table_init(&bt, &flat);
		tg[n++] = (struct target){ &t, &s.period };
		if (s.compare)
			tg[n++] = (struct target){ &b, &before };
		if (s.total && s.opts.nby) {
			tg[n++] = (struct target){ &tt, &s.period };
			if (s.compare)
				tg[n++] = (struct target){ &bt, &before };
		}
		if (argc == 0)
			seen_build(&s);
		if (argc == 0)
			for (i = 0; i < (int)n; i++)
				count_ledgers(&s, tg[i].t, tg[i].p);
		for (i = 0; i < argc; i++)
			count_stream(&s, tg, n, argv[i]);
	}
	if (s.compare) {
		/* line the earlier months up with this period's */
		fig_shift_months(&b, (s.compare == CMP_YOY ? 12 :
			(s.period.months ? s.period.months : 0)));
		union_groups(&t, &b);
	}
	if (s.opts.nby == 0) {
		/* one row for the period, even with no cases */
		fig_group_get(&t, NULL);
		if (s.compare)
			fig_group_get(&b, NULL);
	}
	fig_table_sort(&t);
	if (s.total && s.opts.nby) {
		add_total(&t, &tt);
		if (s.compare)
			add_total(&b, &bt);
	}
	if (argc > 0 && !s.have_period)
		snprintf(label, sizeof(label), "all");	/* a stream counted whole */
	else
		period_format(&s.period, label, sizeof(label));
	print(&s, &t, s.compare ? &b : NULL, label);
	fig_table_release(&t);
	fig_table_release(&b);
	fig_table_release(&tt);
	fig_table_release(&bt);
	if (fclose(stdout) != 0 && errno != EPIPE)
		msg_die(EX_IOERR, "write error on standard output:");
	return s.rows_skipped ? EX_DATAERR : 0;
}
