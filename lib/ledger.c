/* ledger.c: opening the ledger, its schema migrations, and transactions. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ledger.h"
#include "util.h"
#include "banned.h"

/*
 * The migrations, in order.  Never edit one that has shipped: add another.
 * Dates are TEXT "YYYY-MM-DD" (received may carry " HH:MM:SS"), so they
 * sort and compare as text and SQLite's date functions read them.
 */
static const char *const migrations[] = {
	/* 1: cases, events, tags, runs */
	"CREATE TABLE cases (\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  case_id     TEXT GENERATED ALWAYS AS\n"
	"              (printf('%d-%06d', id / 100000000, id % 100000000)) VIRTUAL,\n"
	"  received    TEXT NOT NULL,\n"
	"  channel     TEXT NOT NULL CHECK (channel = 'letter' OR channel = 'visit' OR channel = 'online' OR channel = 'phone' OR channel = 'sms'),\n"
	"  name        TEXT NOT NULL,\n"
	"  id_number   TEXT,\n"
	"  phone       TEXT,\n"
	"  persons     INTEGER NOT NULL DEFAULT 1 CHECK (persons >= 1),\n"
	"  region      TEXT NOT NULL,\n"
	"  category    TEXT NOT NULL,\n"
	"  level       TEXT NOT NULL DEFAULT 'city'\n"
	"              CHECK (level = 'county' OR level = 'city' OR level = 'province' OR level = 'national'),\n"
	"  referred_by TEXT CHECK (referred_by = 'central' OR referred_by = 'province' OR referred_by = 'city'),\n"
	"  ref_due     TEXT,\n"
	"  ext_id      TEXT,\n"
	"  law_related INTEGER NOT NULL DEFAULT 0,\n"
	"  tags        TEXT,\n"
	"  summary     TEXT,\n"
	"  kind        TEXT NOT NULL CHECK (kind = 'first' OR kind = 'repeat' OR kind = 'referred'),\n"
	"  first_case  INTEGER REFERENCES cases(id),\n"
	"  collective  INTEGER NOT NULL DEFAULT 0,\n"
	"  fingerprint INTEGER,\n"
	"  run         INTEGER REFERENCES runs(id),\n"
	"  stage       TEXT NOT NULL DEFAULT 'registered',\n"
	"  stage_start TEXT NOT NULL,\n"
	"  due         TEXT,\n"
	"  unit        TEXT,\n"
	"  leader      TEXT,\n"
	"  procedure   TEXT NOT NULL DEFAULT 'normal',\n"
	"  accepted    TEXT,\n"
	"  extended    INTEGER NOT NULL DEFAULT 0,\n"
	"  concluded   TEXT,\n"
	"  resolved    INTEGER,\n"
	"  replied     TEXT,\n"
	"  rating      TEXT,\n"
	"  closed      TEXT\n"
	");\n"
	"CREATE UNIQUE INDEX cases_ext_id ON cases(ext_id) WHERE ext_id IS NOT NULL;\n"
	"CREATE UNIQUE INDEX cases_fingerprint ON cases(fingerprint) WHERE fingerprint IS NOT NULL;\n"
	"CREATE INDEX cases_received ON cases(received);\n"
	"CREATE TABLE matters (\n"
	"  key        INTEGER PRIMARY KEY,\n"
	"  first_case INTEGER NOT NULL REFERENCES cases(id)\n"
	");\n"
	"CREATE TABLE case_tags (\n"
	"  tag      TEXT NOT NULL,\n"
	"  case_ref INTEGER NOT NULL REFERENCES cases(id),\n"
	"  PRIMARY KEY (tag, case_ref)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE events (\n"
	"  id       INTEGER PRIMARY KEY,\n"
	"  case_ref INTEGER NOT NULL REFERENCES cases(id),\n"
	"  event    TEXT NOT NULL,\n"
	"  date     TEXT NOT NULL,\n"
	"  tool     TEXT NOT NULL,\n"
	"  by       TEXT,\n"
	"  note     TEXT,\n"
	"  days     INTEGER,\n"
	"  rating   TEXT,\n"
	"  resolved INTEGER,\n"
	"  unit     TEXT,\n"
	"  leader   TEXT,\n"
	"  run      INTEGER REFERENCES runs(id)\n"
	");\n"
	"CREATE INDEX events_case ON events(case_ref);\n"
	"CREATE TABLE runs (\n"
	"  id       INTEGER PRIMARY KEY,\n"
	"  tool     TEXT NOT NULL,\n"
	"  started  TEXT NOT NULL,\n"
	"  by       TEXT,\n"
	"  input    TEXT\n"
	");\n"
	"CREATE VIEW case_view AS\n"
	"  SELECT c.case_id, c.received, c.channel, c.name, c.id_number, c.phone,\n"
	"         c.persons, c.region, c.category, c.level, c.referred_by,\n"
	"         c.ref_due, c.ext_id, c.law_related, c.tags, c.summary, c.kind,\n"
	"         f.case_id AS first_case, c.collective, c.stage, c.stage_start,\n"
	"         c.due, c.unit, c.leader, c.procedure, c.accepted, c.extended,\n"
	"         c.concluded, c.resolved, c.replied, c.rating, c.closed, c.id\n"
	"  FROM cases c LEFT JOIN cases f ON f.id = c.first_case;\n"
	"CREATE VIEW event_view AS\n"
	"  SELECT c.case_id, 'register' AS event, substr(c.received, 1, 10) AS date,\n"
	"         r.tool, r.by, NULL AS note, NULL AS days, NULL AS rating,\n"
	"         NULL AS resolved, NULL AS unit, NULL AS leader, c.run, 0 AS id\n"
	"  FROM cases c LEFT JOIN runs r ON r.id = c.run\n"
	"  UNION ALL\n"
	"  SELECT c.case_id, e.event, e.date, e.tool, e.by, e.note, e.days,\n"
	"         e.rating, e.resolved, e.unit, e.leader, e.run, e.id\n"
	"  FROM events e JOIN cases c ON c.id = e.case_ref;\n",
	/* 2: the life of a case: calendar, open cases, last event */
	"ALTER TABLE cases ADD COLUMN closed_how TEXT;\n"
	"ALTER TABLE cases ADD COLUMN last_event TEXT;\n"
	"ALTER TABLE cases ADD COLUMN open INTEGER NOT NULL DEFAULT 1;\n"
	"ALTER TABLE cases ADD COLUMN decided TEXT;\n"
	"ALTER TABLE cases ADD COLUMN conclude_due TEXT;\n"
	"CREATE INDEX cases_decided ON cases(decided) WHERE decided IS NOT NULL;\n"
	"CREATE INDEX cases_conclude_due ON cases(conclude_due) WHERE conclude_due IS NOT NULL;\n"
	"CREATE INDEX cases_concluded ON cases(concluded) WHERE concluded IS NOT NULL;\n"
	"CREATE INDEX cases_closed ON cases(closed) WHERE closed IS NOT NULL;\n"
	"CREATE INDEX cases_first_case ON cases(first_case) WHERE first_case IS NOT NULL;\n"
	"CREATE INDEX cases_open ON cases(due, stage, unit, leader, region, category,\n"
	"  received, channel, name, phone, kind, procedure) WHERE open = 1;\n"
	"CREATE TABLE calendar (\n"
	"  date TEXT PRIMARY KEY,\n"
	"  kind TEXT NOT NULL CHECK (kind = 'holiday' OR kind = 'workday')\n"
	") WITHOUT ROWID;\n"
	"DROP VIEW case_view;\n"
	"CREATE VIEW case_view AS\n"
	"  SELECT c.case_id, c.received, c.channel, c.name, c.id_number, c.phone,\n"
	"         c.persons, c.region, c.category, c.level, c.referred_by,\n"
	"         c.ref_due, c.ext_id, c.law_related, c.tags, c.summary, c.kind,\n"
	"         f.case_id AS first_case, c.collective, c.stage, c.stage_start,\n"
	"         c.due, c.unit, c.leader, c.procedure, c.accepted, c.extended,\n"
	"         c.concluded, c.resolved, c.replied, c.rating, c.closed,\n"
	"         c.closed_how, c.last_event, c.open, c.decided, c.conclude_due, c.id\n"
	"  FROM cases c LEFT JOIN cases f ON f.id = c.first_case;\n",
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int
ledger_schema_version(void)
{
	return NMIGRATIONS;
}

const char *
ledger_path(const char *arg)
{
	const char *env;
	if (arg)
		return arg;
	env = getenv("PT_DB");
	if (env && *env)
		return env;
	return "./ledger.db";
}

int
ledger_fail(struct ledger *l)
{
	l->rc = l->db ? sqlite3_extended_errcode(l->db) : SQLITE_CANTOPEN;
	snprintf(l->err, sizeof(l->err), "%s",
		 l->db ? sqlite3_errmsg(l->db) : "cannot open");
	return -1;
}

int
ledger_exec(struct ledger *l, const char *sql)
{
	if (sqlite3_exec(l->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return ledger_fail(l);
	return 0;
}

sqlite3_stmt *
ledger_prepare(struct ledger *l, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(l->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL)
	    != SQLITE_OK) {
		ledger_fail(l);
		return NULL;
	}
	return st;
}

int
ledger_begin(struct ledger *l)
{
	return ledger_exec(l, "BEGIN IMMEDIATE");
}

int
ledger_commit(struct ledger *l)
{
	return ledger_exec(l, "COMMIT");
}

int
ledger_begin_once(struct ledger *l)
{
	return sqlite3_get_autocommit(l->db) ? ledger_begin(l) : 0;
}

int
ledger_commit_open(struct ledger *l)
{
	return sqlite3_get_autocommit(l->db) ? 0 : ledger_commit(l);
}

void
ledger_rollback(struct ledger *l)
{
	if (l->db && !sqlite3_get_autocommit(l->db))
		sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
}

static int
user_version(struct ledger *l, int *v)
{
	sqlite3_stmt *st = ledger_prepare(l, "PRAGMA user_version");
	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return ledger_fail(l);
	}
	*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

static int
migrate(struct ledger *l)
{
	int v, i;
	char sql[64];

	if (user_version(l, &v) < 0)
		return -1;
	if (v == NMIGRATIONS)
		return 0;
	if (v > NMIGRATIONS) {
		l->rc = SQLITE_ERROR;
		snprintf(l->err, sizeof(l->err),
			 "ledger schema version %d is newer than this pt knows (%d)",
			 v, NMIGRATIONS);
		return -1;
	}
	if (ledger_begin(l) < 0)
		return -1;
	/* another process may have migrated while we waited for the lock */
	if (user_version(l, &v) < 0)
		goto fail;
	for (i = v; i < NMIGRATIONS; i++)
		if (ledger_exec(l, migrations[i]) < 0)
			goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", NMIGRATIONS);
	if (ledger_exec(l, sql) < 0 || ledger_commit(l) < 0)
		goto fail;
	return 0;
fail:
	ledger_rollback(l);
	return -1;
}

int
ledger_open(struct ledger *l, const char *path, int flags)
{
	struct stat stbuf;
	off_t stbuf_size;
	const char *env;
	int ms = LEDGER_BUSY_MS_DEFAULT, rc;
	long v;

	memset(l, 0, sizeof(*l));
	l->path = xstrdup(path);
	stbuf.st_size = 0;
	if (stat(path, &stbuf) < 0) {
		int fd;
		if (errno != ENOENT || !(flags & LEDGER_CREATE) || (flags & LEDGER_READONLY)) {
			int e = errno;
			l->rc = SQLITE_CANTOPEN;
			l->missing = e == ENOENT;
			snprintf(l->err, sizeof(l->err), "%s", strerror(e));
			errno = e;
			return -1;
		}
		/* SQLite would create it 0644; a ledger holds personal data */
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			int e = errno;
			l->rc = SQLITE_CANTOPEN;
			l->create_failed = 1;
			snprintf(l->err, sizeof(l->err), "cannot create: %s", strerror(e));
			errno = e;
			return -1;
		}
		if (fd >= 0)
			close(fd);
	}
	stbuf_size = stbuf.st_size;
	if (stbuf_size == 0 && (flags & LEDGER_READONLY)) {
		/* SQLite would make an empty file a new ledger: a reader must not */
		l->rc = SQLITE_NOTADB;
		snprintf(l->err, sizeof(l->err), "empty file, not a ledger");
		return -1;
	}
	if (sqlite3_open_v2(path, &l->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return ledger_fail(l);
	env = getenv("PT_BUSY_TIMEOUT");
	if (env && parse_long(env, 0, 3600000, &v) == 0)
		ms = (int)v;
	sqlite3_busy_timeout(l->db, ms);
	sqlite3_extended_result_codes(l->db, 1);
	/*
	 * A new, empty ledger: 32 KiB pages (bench/intake.sh: 1.28x the import
	 * against 1.47x with 8 KiB; a scattered update is slower, see README).
	 */
	if (stbuf_size == 0 && ledger_exec(l, "PRAGMA page_size = 32768") < 0)
		return -1;
	/*
	 * Writers sort one batch: in memory.  Readers group and count DISTINCT
	 * over a whole period, which grows with the ledger: their temporary
	 * b-trees spill to files (TMPDIR) so memory stays flat.
	 */
	if (ledger_exec(l, "PRAGMA journal_mode = WAL") < 0 ||
	    ledger_exec(l, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
			   " PRAGMA cache_size = -16384") < 0)
		return -1;
	if (flags & LEDGER_READONLY)
		rc = ledger_exec(l, "PRAGMA temp_store = FILE");
	else
		rc = ledger_exec(l, "PRAGMA temp_store = MEMORY");
	if (rc < 0)
		return -1;
	return migrate(l);
}

void
ledger_close(struct ledger *l)
{
	if (l->db) {
		ledger_rollback(l);
		sqlite3_close_v2(l->db);
	}
	l->db = NULL;
	free(l->path);
	l->path = NULL;
}

int
ledger_exit_code(const struct ledger *l)
{
	if (l->create_failed)
		return 73;
	switch (l->rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return 75;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
		return 74;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return 65;
	}
	return 70;
}

char *
case_id_format(int64_t id, char *buf)
{
	snprintf(buf, 24, "%" PRId64 "-%06" PRId64, id / CASE_SEQ_BASE, id % CASE_SEQ_BASE);
	return buf;
}

int64_t
case_id_parse(const char *s)
{
	long y;
	char *end;
	long long seq;
	char ybuf[5];

	if (strlen(s) < 6 || s[4] != '-')
		return -1;
	memcpy(ybuf, s, 4);
	ybuf[4] = '\0';
	if (parse_long(ybuf, 1900, 2999, &y) < 0)
		return -1;
	if (s[5] < '0' || s[5] > '9')
		return -1;
	errno = 0;
	seq = strtoll(s + 5, &end, 10);
	if (errno || *end || seq < 0 || seq >= CASE_SEQ_BASE)
		return -1;
	return (int64_t)y * CASE_SEQ_BASE + seq;
}
