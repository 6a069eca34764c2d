/* ledger.c: opening the ledger, its schema migrations, and transactions. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "ledger.h"
#include "util.h"
#include "banned.h"

/*
 * The migrations, in order.  Never edit one that has shipped: add another.
 * Dates are TEXT "YYYY-MM-DD" (received may carry " HH:MM:SS"), so they
 * sort and compare as text and SQLite's date functions read them.
 */
#define STR_(x) #x
#define STR(x) STR_(x)


/*
 * Every tool is one thread, and a connection is used by one thread only:
 * no mutex around each call into SQLite (3% of pt-intake's time).
 */
#define LEDGER_OPEN_FLAGS SQLITE_OPEN_NOMUTEX

/* Migration 2's case_view and cases_open, made again as they were by 4. */
#define CASE_VIEW_2 \
	"CREATE VIEW case_view AS\n" \
	"  SELECT c.case_id, c.received, c.channel, c.name, c.id_number, c.phone,\n" \
	"         c.persons, c.region, c.category, c.level, c.referred_by,\n" \
	"         c.ref_due, c.ext_id, c.law_related, c.tags, c.summary, c.kind,\n" \
	"         f.case_id AS first_case, c.collective, c.stage, c.stage_start,\n" \
	"         c.due, c.unit, c.leader, c.procedure, c.accepted, c.extended,\n" \
	"         c.concluded, c.resolved, c.replied, c.rating, c.closed,\n" \
	"         c.closed_how, c.last_event, c.open, c.decided, c.conclude_due, c.id\n" \
	"  FROM cases c LEFT JOIN cases f ON f.id = c.first_case;\n"
#define CASES_OPEN_2 \
	"CREATE INDEX cases_open ON cases(due, stage, unit, leader, region, category,\n" \
	"  received, channel, name, phone, kind, procedure) WHERE open = 1;\n"

/* event_view's correction column, in words, as migrations 5 and 6 make it. */
#define EVENT_VIEW_CORRECTION \
	"         nullif(ltrim(coalesce(CASE e.event\n" \
	"           WHEN 'tag' THEN 'tags added: ' || e.tags\n" \
	"           WHEN 'untag' THEN 'tags removed: ' || e.tags\n" \
	"           WHEN 'amend' THEN 'amended: ' || e.changes\n" \
	"           WHEN 'void' THEN (SELECT 'voids ' || v.event || ' of ' || v.date\n" \
	"                             FROM events v WHERE v.voided_by = e.id) END, '')\n" \
	"           || coalesce((SELECT ' (voided by the void of ' || v.date || ')'\n" \
	"                        FROM events v WHERE v.id = e.voided_by), '')), '')\n" \
	"           AS correction"

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
	CASES_OPEN_2
	"CREATE TABLE calendar (\n"
	"  date TEXT PRIMARY KEY,\n"
	"  kind TEXT NOT NULL CHECK (kind = 'holiday' OR kind = 'workday')\n"
	") WITHOUT ROWID;\n"
	"DROP VIEW case_view;\n"
	CASE_VIEW_2,
	/* 3: the ledger says it is one (LEDGER_APP_ID, "PTLG") */
	"PRAGMA application_id = " STR(LEDGER_APP_ID) ";\n",
	/*
	 * 4: events keep the procedure and their run; open is derived from
	 * stage; cases_open covers stage_start too (pt-overdue counts a
	 * simplified case's working days from it); the closed sets get their
	 * CHECK constraints (those on columns that exist already are added by
	 * add_checks, after this).
	 */
	"ALTER TABLE events ADD COLUMN procedure TEXT\n"
	"  CHECK (procedure = 'normal' OR procedure = 'simplified');\n"
	"DROP VIEW case_view;\n"
	"DROP INDEX cases_open;\n"
	"ALTER TABLE cases DROP COLUMN open;\n"
	"ALTER TABLE cases ADD COLUMN open INTEGER GENERATED ALWAYS AS\n"
	"  (stage = 'registered' OR stage = 'in_progress' OR stage = 'in_review'\n"
	"   OR stage = 'in_recheck') VIRTUAL;\n"
	"CREATE INDEX cases_open ON cases(due, stage, unit, leader, region, category,\n"
	"  received, channel, name, phone, kind, procedure, stage_start) WHERE open = 1;\n"
	CASE_VIEW_2
	"DROP VIEW event_view;\n"
	"CREATE VIEW event_view AS\n"
	"  SELECT c.case_id, 'register' AS event, substr(c.received, 1, 10) AS date,\n"
	"         r.tool, r.by, NULL AS note, NULL AS days, NULL AS rating,\n"
	"         NULL AS resolved, NULL AS unit, NULL AS leader, c.run, 0 AS id,\n"
	"         NULL AS procedure\n"
	"  FROM cases c LEFT JOIN runs r ON r.id = c.run\n"
	"  UNION ALL\n"
	"  SELECT c.case_id, e.event, e.date, e.tool, e.by, e.note, e.days,\n"
	"         e.rating, e.resolved, e.unit, e.leader, e.run, e.id, e.procedure\n"
	"  FROM events e JOIN cases c ON c.id = e.case_ref;\n",
	/*
	 * 5: corrections: the tags a tag or untag event changed, what a row
	 * asked (to know a re-run), an amend's changes and old values, and
	 * the void that undid an event; event_view says each in words.
	 */
	"ALTER TABLE events ADD COLUMN tags TEXT;\n"
	"ALTER TABLE events ADD COLUMN asked TEXT;\n"
	"ALTER TABLE events ADD COLUMN changes TEXT;\n"
	"ALTER TABLE events ADD COLUMN was TEXT;\n"
	"ALTER TABLE events ADD COLUMN voided_by INTEGER REFERENCES events(id);\n"
	"CREATE INDEX events_voided_by ON events(voided_by) WHERE voided_by IS NOT NULL;\n"
	"DROP VIEW event_view;\n"
	"CREATE VIEW event_view AS\n"
	"  SELECT c.case_id, 'register' AS event, substr(c.received, 1, 10) AS date,\n"
	"         r.tool, r.by, NULL AS note, NULL AS days, NULL AS rating,\n"
	"         NULL AS resolved, NULL AS unit, NULL AS leader, c.run, 0 AS id,\n"
	"         NULL AS procedure, NULL AS tags, NULL AS changes,\n"
	"         NULL AS voided_by, NULL AS correction\n"
	"  FROM cases c LEFT JOIN runs r ON r.id = c.run\n"
	"  UNION ALL\n"
	"  SELECT c.case_id, e.event, e.date, e.tool, e.by, e.note, e.days,\n"
	"         e.rating, e.resolved, e.unit, e.leader, e.run, e.id, e.procedure,\n"
	"         e.tags, e.changes, e.voided_by,\n"
	EVENT_VIEW_CORRECTION "\n"
	"  FROM events e JOIN cases c ON c.id = e.case_ref;\n",
	/*
	 * 6: what a bureau's day adds: who handed a case over (source), the
	 * leader who received a visit (receiver), the petition bureau's own
	 * rating beside the unit's, a review's outcome, and disputes found by
	 * screening (矛盾纠纷, dispute = 1), which share the lifecycle but are
	 * never petitions: the view petition_cases is the petitions alone.
	 * The channels fax and video join the check on cases.channel (see
	 * widenings).
	 */
	"ALTER TABLE cases ADD COLUMN source TEXT;\n"
	"ALTER TABLE cases ADD COLUMN receiver TEXT;\n"
	"ALTER TABLE cases ADD COLUMN bureau_rating TEXT\n"
	"  CHECK (bureau_rating = 'satisfied' OR bureau_rating = 'basic'\n"
	"         OR bureau_rating = 'unsatisfied');\n"
	"ALTER TABLE cases ADD COLUMN dispute INTEGER NOT NULL DEFAULT 0\n"
	"  CHECK (dispute = 0 OR dispute = 1);\n"
	"ALTER TABLE events ADD COLUMN bureau_rating TEXT\n"
	"  CHECK (bureau_rating = 'satisfied' OR bureau_rating = 'basic'\n"
	"         OR bureau_rating = 'unsatisfied');\n"
	"ALTER TABLE events ADD COLUMN outcome TEXT\n"
	"  CHECK (outcome = 'upheld' OR outcome = 'revoked' OR outcome = 'changed');\n"
	"CREATE INDEX cases_receiver ON cases(substr(received, 1, 10), receiver)\n"
	"  WHERE receiver IS NOT NULL;\n"
	"DROP VIEW case_view;\n"
	"CREATE VIEW case_view AS\n"
	"  SELECT c.case_id, c.received, c.channel, c.name, c.id_number, c.phone,\n"
	"         c.persons, c.region, c.category, c.level, c.referred_by,\n"
	"         c.ref_due, c.ext_id, c.law_related, c.tags, c.summary, c.kind,\n"
	"         f.case_id AS first_case, c.collective, c.stage, c.stage_start,\n"
	"         c.due, c.unit, c.leader, c.procedure, c.accepted, c.extended,\n"
	"         c.concluded, c.resolved, c.replied, c.rating, c.closed,\n"
	"         c.closed_how, c.last_event, c.open, c.decided, c.conclude_due,\n"
	"         c.source, c.receiver, c.bureau_rating, c.dispute, c.id\n"
	"  FROM cases c LEFT JOIN cases f ON f.id = c.first_case;\n"
	"CREATE VIEW petition_cases AS SELECT * FROM cases WHERE dispute = 0;\n"
	"DROP VIEW event_view;\n"
	"CREATE VIEW event_view AS\n"
	"  SELECT c.case_id, 'register' AS event, substr(c.received, 1, 10) AS date,\n"
	"         r.tool, r.by, NULL AS note, NULL AS days, NULL AS rating,\n"
	"         NULL AS resolved, NULL AS unit, NULL AS leader, c.run, 0 AS id,\n"
	"         NULL AS procedure, NULL AS tags, NULL AS changes,\n"
	"         NULL AS voided_by, NULL AS correction,\n"
	"         NULL AS bureau_rating, NULL AS outcome\n"
	"  FROM cases c LEFT JOIN runs r ON r.id = c.run\n"
	"  UNION ALL\n"
	"  SELECT c.case_id, e.event, e.date, e.tool, e.by, e.note, e.days,\n"
	"         e.rating, e.resolved, e.unit, e.leader, e.run, e.id, e.procedure,\n"
	"         e.tags, e.changes, e.voided_by,\n"
	EVENT_VIEW_CORRECTION ",\n"
	"         e.bureau_rating, e.outcome\n"
	"  FROM events e JOIN cases c ON c.id = e.case_ref;\n",
	/*
	 * 7: the review figures read a period's reviews and rechecks through
	 * an index of their own: a partial one, so the writers pay for those
	 * events only, not for every event.
	 */
	"CREATE INDEX events_reviews ON events(date)\n"
	"  WHERE event IN ('review', 'review_done', 'recheck', 'recheck_done');\n",
	/*
	 * 8: the indexes the figures read the open, concluded and closed
	 * cases by carry dispute too, so that a petition figure (through
	 * petition_cases: dispute = 0) is answered from the index, as it was
	 * before disputes, without reading each case's row.
	 */
	"DROP INDEX cases_open;\n"
	"CREATE INDEX cases_open ON cases(due, stage, unit, leader, region, category,\n"
	"  received, channel, name, phone, kind, procedure, stage_start, dispute)\n"
	"  WHERE open = 1;\n"
	"DROP INDEX cases_concluded;\n"
	"CREATE INDEX cases_concluded ON cases(concluded, dispute) WHERE concluded IS NOT NULL;\n"
	"DROP INDEX cases_closed;\n"
	"CREATE INDEX cases_closed ON cases(closed, dispute) WHERE closed IS NOT NULL;\n",
	/*
	 * 9: a month's figures cost what the month holds.  The cases open at
	 * a past day's end are those concluded or closed since that came by
	 * then: the day they came is in those indexes, so only they are read.
	 * The indexes on the days received, decided and due carry dispute,
	 * so that the petitions of a period are listed (and the chart's
	 * months counted) from them alone.
	 * A matter's cases by a day are counted from cases_first_case alone.
	 * A row with an ext_id is known by it: the fingerprint index keeps
	 * the rows without one only, and intake no longer files a random key
	 * per case in it.  A case's tags are found from the case
	 * (case_tags_case): figures by tag read the period's cases and their
	 * tags, not every tag the ledger holds.
	 */
	"DROP INDEX cases_concluded;\n"
	"CREATE INDEX cases_concluded ON cases(concluded, dispute, received)\n"
	"  WHERE concluded IS NOT NULL;\n"
	"DROP INDEX cases_closed;\n"
	"CREATE INDEX cases_closed ON cases(closed, dispute, received) WHERE closed IS NOT NULL;\n"
	"DROP INDEX cases_received;\n"
	"CREATE INDEX cases_received ON cases(received, dispute);\n"
	"DROP INDEX cases_decided;\n"
	"CREATE INDEX cases_decided ON cases(decided, dispute) WHERE decided IS NOT NULL;\n"
	"DROP INDEX cases_conclude_due;\n"
	"CREATE INDEX cases_conclude_due ON cases(conclude_due, dispute)\n"
	"  WHERE conclude_due IS NOT NULL;\n"
	"DROP INDEX cases_first_case;\n"
	"CREATE INDEX cases_first_case ON cases(first_case, dispute, received)\n"
	"  WHERE first_case IS NOT NULL;\n"
	"DROP INDEX cases_fingerprint;\n"
	"CREATE UNIQUE INDEX cases_fingerprint ON cases(fingerprint)\n"
	"  WHERE fingerprint IS NOT NULL AND ext_id IS NULL;\n"
	"CREATE INDEX case_tags_case ON case_tags(case_ref, tag);\n",
	/*
	 * 10: the cases open at a past day's end, read by the day they came.
	 * Most came in the LEDGER_LATE_DAYS before it and are read from
	 * cases_received in the order of their rows; of the older ones, those
	 * concluded since are the ones concluded late, which this index holds
	 * alone (121,369 of 940,440 concluded cases on bench/month.sh's 1M
	 * ledger), so that the year before's red and yellow no longer walk
	 * every case concluded after it.
	 */
	"CREATE INDEX cases_concluded_late ON cases(concluded, dispute, received)\n"
	"  WHERE " LEDGER_LATE_WHERE ";\n",
	/*
	 * 11: the same for the older cases closed since a past day's end:
	 * those closed late, without the refusals of the first 15 days, which
	 * a ledger holds more of every month.
	 */
	"CREATE INDEX cases_closed_late ON cases(closed, dispute, received)\n"
	"  WHERE " LEDGER_CLOSED_LATE_WHERE ";\n",
	/*
	 * 12: the matters filed lately, apart (matters.h): a batch's new keys,
	 * scattered by their hash, touch the pages of this small table, not
	 * every page of matters; they join matters now and then, a page once.
	 */
	"CREATE TABLE matters_recent (\n"
	"  key        INTEGER PRIMARY KEY,\n"
	"  first_case INTEGER NOT NULL REFERENCES cases(id)\n"
	");\n",
};
_Static_assert(LEDGER_LATE_DAYS == 60, "LEDGER_LATE_WHERE says 60 days");

/*
 * Migration 4's CHECK constraints on columns the ledger had already.
 * SQLite adds a CHECK to an existing column only by rebuilding its table,
 * and a migration never rebuilds one; but a CHECK does not change how a
 * row is stored, so, as SQLite's documentation does for such changes, the
 * constraint goes into the table's CREATE text in sqlite_schema
 * (writable_schema, and schema_version one up so that every connection
 * reads the schema again), once every row has been found to meet it: a
 * ledger holding a value outside a set is refused, never half-migrated.
 * Each check is written as a chain of = (an IN list costs an UPDATE far
 * more).  decl is the column's declaration as migration 1 wrote it.
 */
static const struct added_check {
	const char *table, *decl, *check;
} added_checks[] = {
	{ "cases", "stage       TEXT NOT NULL DEFAULT 'registered'",
	  "stage = 'registered' OR stage = 'in_progress' OR stage = 'concluded'"
	  " OR stage = 'in_review' OR stage = 'reviewed' OR stage = 'in_recheck'"
	  " OR stage = 'closed'" },
	{ "cases", "procedure   TEXT NOT NULL DEFAULT 'normal'",
	  "procedure = 'normal' OR procedure = 'simplified'" },
	{ "cases", "rating      TEXT",
	  "rating = 'satisfied' OR rating = 'basic' OR rating = 'unsatisfied'" },
	{ "cases", "closed_how TEXT",
	  "closed_how = 'rejected' OR closed_how = 'terminated' OR closed_how = 'rechecked'" },
	{ "events", "event    TEXT NOT NULL",
	  "event = 'accept' OR event = 'reject' OR event = 'transfer' OR event = 'assign'"
	  " OR event = 'extend' OR event = 'conclude' OR event = 'reply' OR event = 'rate'"
	  " OR event = 'review' OR event = 'review_done' OR event = 'recheck'"
	  " OR event = 'recheck_done' OR event = 'terminate' OR event = 'reopen'"
	  " OR event = 'recalc'" },
	{ "events", "rating   TEXT",
	  "rating = 'satisfied' OR rating = 'basic' OR rating = 'unsatisfied'" },
};
#define NADDED_CHECKS (sizeof(added_checks) / sizeof(added_checks[0]))
#define ADDED_CHECKS_AT 4	/* the migration that adds them */

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

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
	int e = errno;

	l->rc = l->db ? sqlite3_extended_errcode(l->db) : SQLITE_CANTOPEN;
	snprintf(l->err, sizeof(l->err), "%s",
		 l->db ? sqlite3_errmsg(l->db) : "cannot open");
	/*
	 * "disk I/O error" says nothing of why: the system's error does.
	 * SQLite keeps it for a failed step, not for a failed commit, where
	 * errno is still the failed write's (its unix VFS sets nothing else
	 * on the way back).
	 */
	if (l->db && (l->rc & 0xff) == SQLITE_IOERR && !strcmp(l->err, "disk I/O error")) {
		if (sqlite3_system_errno(l->db) != 0)
			e = sqlite3_system_errno(l->db);
		if (e != 0)
			snprintf(l->err, sizeof(l->err), "disk I/O error: %s", strerror(e));
	}
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

/* The single integer a PRAGMA or query gives, into *v; -1 with l->err. */
static int
int_query(struct ledger *l, const char *sql, int *v)
{
	sqlite3_stmt *st = ledger_prepare(l, sql);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		ledger_fail(l);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}


static int
user_version(struct ledger *l, int *v)
{
	return int_query(l, "PRAGMA user_version", v);
}

static int add_checks(struct ledger *l);

/*
 * Checks made wider by a later migration, in the table's CREATE text as
 * migration 1 or add_checks wrote it: a wider set, which every row meets
 * already.  Run before the migration's text, whose ALTER TABLE on the
 * same table moves schema_version on (so other connections read the
 * schema again).  end is how the check ends; wider replaces it.
 */
static const struct widening {
	int at;			/* the migration that widens it */
	const char *table, *end, *wider;
} widenings[] = {
	/* 5: the corrections join migration 4's events */
	{ 5, "events", "OR event = 'recalc')",
	  "OR event = 'recalc' OR event = 'tag' OR event = 'untag' OR event = 'void'"
	  " OR event = 'amend')" },
	/* 6: fax 传真 and video 视频接访 join migration 1's channels */
	{ 6, "cases", "OR channel = 'sms')",
	  "OR channel = 'sms' OR channel = 'fax' OR channel = 'video')" },
};
#define NWIDENINGS (sizeof(widenings) / sizeof(widenings[0]))

/* Apply the widenings of migration at, inside its transaction: 0, or -1 with l->err. */
static int
widen_checks(struct ledger *l, int at)
{
	sqlite3_stmt *put;
	size_t i;
	int rc = 0;

	if (ledger_exec(l, "PRAGMA writable_schema = ON") < 0)
		return -1;
	put = ledger_prepare(l, "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2)"
			     " WHERE type = 'table' AND name = ?3 AND instr(sql, ?1) > 0");
	for (i = 0; put && rc == 0 && i < NWIDENINGS; i++) {
		if (widenings[i].at != at)
			continue;
		sqlite3_reset(put);
		sqlite3_bind_text(put, 1, widenings[i].end, -1, SQLITE_STATIC);
		sqlite3_bind_text(put, 2, widenings[i].wider, -1, SQLITE_STATIC);
		sqlite3_bind_text(put, 3, widenings[i].table, -1, SQLITE_STATIC);
		if (sqlite3_step(put) != SQLITE_DONE)
			rc = ledger_fail(l);
		else if (sqlite3_changes(l->db) != 1) {
			l->rc = SQLITE_CORRUPT;
			snprintf(l->err, sizeof(l->err), "table %s has no check ending in"
				 " \"%s\": not migrated", widenings[i].table, widenings[i].end);
			rc = -1;
		}
	}
	if (!put)
		rc = -1;
	sqlite3_finalize(put);
	/* off, and the schema read again: the ALTER TABLE after needs the new text */
	if (ledger_exec(l, "PRAGMA writable_schema = RESET") < 0)
		return -1;
	return rc;
}

/* Refuse a ledger of schema version v, newer than this build; returns -1. */
static int
too_new(struct ledger *l, int v)
{
	l->rc = SQLITE_ERROR;
	snprintf(l->err, sizeof(l->err),
		 "ledger schema version %d is newer than this pt knows (%d)", v, NMIGRATIONS);
	return -1;
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
	if (v > NMIGRATIONS)
		return too_new(l, v);
	if (ledger_begin(l) < 0)
		return -1;
	/* another process may have migrated while we waited for the lock */
	if (user_version(l, &v) < 0)
		goto fail;
	for (i = v; i < NMIGRATIONS; i++)
		if (widen_checks(l, i + 1) < 0 ||
		    ledger_exec(l, migrations[i]) < 0 ||
		    (i + 1 == ADDED_CHECKS_AT && add_checks(l) < 0))
			goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", NMIGRATIONS);
	if (ledger_exec(l, sql) < 0 || ledger_commit(l) < 0)
		goto fail;
	return 0;
fail:
	ledger_rollback(l);
	return -1;
}

/* Put added_checks[i] into its table's CREATE text: 0, or -1 with l->err. */
static int
add_check(struct ledger *l, sqlite3_stmt *put, size_t i)
{
	char sql[1024], decl[1024];
	int bad;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE NOT (%s)",
		 added_checks[i].table, added_checks[i].check);
	if (int_query(l, sql, &bad) < 0)
		return -1;
	if (bad) {
		l->rc = SQLITE_CONSTRAINT;
		snprintf(l->err, sizeof(l->err), "%d rows of %s break the check %s: "
			 "not migrated", bad, added_checks[i].table, added_checks[i].check);
		return -1;
	}
	snprintf(decl, sizeof(decl), "%s CHECK (%s)", added_checks[i].decl,
		 added_checks[i].check);
	sqlite3_reset(put);
	sqlite3_bind_text(put, 1, added_checks[i].decl, -1, SQLITE_STATIC);
	sqlite3_bind_text(put, 2, decl, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(put, 3, added_checks[i].table, -1, SQLITE_STATIC);
	if (sqlite3_step(put) != SQLITE_DONE)
		return ledger_fail(l);
	if (sqlite3_changes(l->db) != 1) {
		l->rc = SQLITE_CORRUPT;
		snprintf(l->err, sizeof(l->err), "table %s has no column declared as "
			 "\"%s\": not migrated", added_checks[i].table, added_checks[i].decl);
		return -1;
	}
	return 0;
}

/*
 * add_checks: migration 4's CHECK constraints (see added_checks), inside
 * the migration's transaction.  Returns 0, or -1 with l->err.
 */
static int
add_checks(struct ledger *l)
{
	sqlite3_stmt *put;
	char sql[64];
	size_t i;
	int v, rc = 0;

	if (int_query(l, "PRAGMA schema_version", &v) < 0 ||
	    ledger_exec(l, "PRAGMA writable_schema = ON") < 0)
		return -1;
	put = ledger_prepare(l, "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2)"
			     " WHERE type = 'table' AND name = ?3 AND instr(sql, ?1) > 0");
	for (i = 0; put && rc == 0 && i < NADDED_CHECKS; i++)
		rc = add_check(l, put, i);
	sqlite3_finalize(put);
	snprintf(sql, sizeof(sql), "PRAGMA schema_version = %d", v + 1);
	if (!put || rc < 0 || ledger_exec(l, sql) < 0) {
		ledger_exec(l, "PRAGMA writable_schema = OFF");
		return -1;
	}
	return ledger_exec(l, "PRAGMA writable_schema = OFF");
}

/* Refuse l's file as not a pt ledger, saying why; returns -1. */
static int
not_ledger(struct ledger *l, const char *why)
{
	l->rc = SQLITE_NOTADB;
	snprintf(l->err, sizeof(l->err), _("not a pt ledger (%s)"), why);
	return -1;
}

/*
 * What SQLite needs to know of a file before it opens it, from the file's
 * first 100 bytes (the SQLite header): fresh when the file is empty.
 * Returns 0, or -1 with l set: the file cannot be read, is not a SQLite
 * database, or belongs to another application (its application_id).
 */
static int
peek(struct ledger *l, const char *path, int *fresh, int *wal)
{
	unsigned char h[100];
	struct stat st;
	ssize_t n;
	uint32_t app;
	int fd = open(path, O_RDONLY | O_CLOEXEC), e;

	*fresh = *wal = 0;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || (n = read(fd, h, sizeof(h))) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	if (st.st_size == 0) {
		*fresh = 1;
		return 0;
	}
	if (n < (ssize_t)sizeof(h) || memcmp(h, "SQLite format 3", 16) != 0)
		return not_ledger(l, "not a SQLite database");
	*wal = h[18] == 2 && h[19] == 2;
	app = (uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 | (uint32_t)h[70] << 8 | h[71];
	if (app != 0 && app != LEDGER_APP_ID)
		return not_ledger(l, "a SQLite database of another application");
	return 0;
}

/*
 * Is the database l opened a pt ledger (1), an empty database (0: no
 * schema, no user_version), or something else (-1, l set)?  *v gets its
 * user_version.
 */
static int
identify(struct ledger *l, int *v)
{
	sqlite3_stmt *st = ledger_prepare(l,
		"SELECT (SELECT application_id FROM pragma_application_id),"
		" (SELECT user_version FROM pragma_user_version),"
		" (SELECT count(*) FROM sqlite_schema),"
		" (SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
		"  AND name IN ('cases', 'events', 'runs'))");
	int rc;
	int64_t app, objects, tables;

	if (!st) {
		if ((l->rc & 0xff) == SQLITE_NOTADB)
			return not_ledger(l, "not a SQLite database");
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		ledger_fail(l);
		if ((l->rc & 0xff) == SQLITE_NOTADB)
			return not_ledger(l, "not a SQLite database");
		return -1;
	}
	app = sqlite3_column_int64(st, 0);
	*v = sqlite3_column_int(st, 1);
	objects = sqlite3_column_int64(st, 2);
	tables = sqlite3_column_int64(st, 3);
	sqlite3_finalize(st);
	if (app == LEDGER_APP_ID)
		return 1;
	if (app != 0)
		return not_ledger(l, "a SQLite database of another application");
	if (*v == 0 && objects == 0)
		return 0;
	if (*v >= 1 && tables == 3)
		return 1;
	return not_ledger(l, "a SQLite database without the ledger's tables");
}

/* path as a file: URI (immutable=1 with immutable); the caller frees it. */
static char *
file_uri(const char *path, int immutable)
{
	struct strbuf b;
	const char *p;

	strbuf_init(&b);
	strbuf_adds(&b, path[0] == '/' ? "file://" : "file:");
	for (p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			strbuf_addf(&b, "%%%02x", (unsigned char)*p);
		else
			strbuf_addf(&b, "%c", *p);
	}
	strbuf_adds(&b, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
	return b.buf;
}

/* Does path exist (as far as we may know)? */
static int
exists(const char *path, const char *suffix)
{
	char buf[4096];
	struct stat st;

	snprintf(buf, sizeof(buf), "%s%s", path, suffix);
	return stat(buf, &st) == 0 || errno != ENOENT;
}

/* May we create files in the directory of path? */
static int
dir_writable(const char *path)
{
	char dir[4096];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		return access(".", W_OK) == 0;
	if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	return access(dir, W_OK) == 0;
}

/*
 * Open path read-only for a reader.  A WAL database needs its -shm (and
 * -wal), which SQLite creates when the directory lets it; when it cannot
 * and there is no -wal, every change is in the file itself and no writer
 * can be at work (it would need the -wal), so the file is read as it is
 * (immutable=1).
 */
static int
open_reader(struct ledger *l, const char *path, int wal)
{
	int immutable = wal && !exists(path, "-wal") && !dir_writable(path);

	l->uri = file_uri(path, immutable);
	/* whether SQLite makes them or a killed reader left them: see tidy */
	l->tidy = wal && !immutable;
	if (sqlite3_open_v2(l->uri, &l->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | LEDGER_OPEN_FLAGS,
			    NULL) != SQLITE_OK)
		return ledger_fail(l);
	return 0;
}

/*
 * A reader's connection has closed: remove the -wal and -shm beside a WAL
 * ledger, as the last connection of a writer does, whether SQLite made
 * them for this reader or an earlier one left them (killed before it
 * closed).  Only while no connection uses them: every SQLite connection to a
 * WAL database holds a shared lock on it (SQLite's lock bytes, from
 * PENDING_BYTE, 0x40000000, 512 bytes) while its -wal is open, and takes
 * one before it opens the -wal, so holding the exclusive lock proves them
 * unused; an empty -wal holds no change.  When the lock cannot be had (a
 * connection at work, or a file we may not write), they stay.
 */
static void
tidy(const char *path)
{
	char wal[4096], shm[4096];
	struct flock fl;
	struct stat st;
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0x40000000;
	fl.l_len = 512;
	snprintf(wal, sizeof(wal), "%s-wal", path);
	snprintf(shm, sizeof(shm), "%s-shm", path);
	if (fcntl(fd, F_SETLK, &fl) == 0 && stat(wal, &st) == 0 && st.st_size == 0) {
		unlink(shm);
		unlink(wal);
	}
	close(fd);	/* and the lock with it */
}

static int open_checked(struct ledger *l, const char *path, int flags);

/* Close l's connection, tidying a reader's -wal and -shm (see tidy). */
static void
close_db(struct ledger *l)
{
	if (!l->db)
		return;
	ledger_rollback(l);
	/* a statement left unfinalized keeps the files open: no tidying */
	if (sqlite3_close(l->db) != SQLITE_OK) {
		sqlite3_close_v2(l->db);
		l->tidy = 0;
	}
	if (l->tidy)
		tidy(l->path);
	l->db = NULL;
}

int
ledger_open(struct ledger *l, const char *path, int flags)
{
	static int configured;

	/*
	 * No count of the memory SQLite holds (nothing asks for it): each of
	 * its allocations would take a global mutex to keep it, a few per
	 * row written.  Set once, before SQLite starts.
	 */
	if (!configured++)
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (open_checked(l, path, flags) < 0) {
		/* what was opened to look at the file goes, and what SQLite made */
		close_db(l);
		return -1;
	}
	return 0;
}

/*
 * peek found no file at path (errno says why): create it, empty, with
 * LEDGER_CREATE; else, or when that fails, -1 with l's error and errno set.
 */
static int
create_missing(struct ledger *l, const char *path, int flags)
{
	int fd, e = errno;

	if (e != ENOENT || !(flags & LEDGER_CREATE) || (flags & LEDGER_READONLY)) {
		l->rc = SQLITE_CANTOPEN;
		l->missing = e == ENOENT;
		snprintf(l->err, sizeof(l->err), "%s", strerror(e));
		errno = e;
		return -1;
	}
	/* SQLite would create it 0644; a ledger holds personal data */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST) {
		e = errno;
		l->rc = SQLITE_CANTOPEN;
		l->create_failed = 1;
		snprintf(l->err, sizeof(l->err), _("cannot create: %s"), strerror(e));
		errno = e;
		return -1;
	}
	if (fd >= 0)
		close(fd);
	return 0;
}

/* A reader's ledger of schema version v: refuse one too old, then set it up. */
static int
reader_settings(struct ledger *l, int v, const char *path)
{
	if (v < LEDGER_READ_MIN) {
		l->rc = SQLITE_NOTADB;
		snprintf(l->err, sizeof(l->err),
			 "ledger schema version %d is older than this pt reads (%d);"
			 " any writer migrates it: echo case_id,event,date | pt-update -d %s",
			 v, LEDGER_READ_MIN, path);
		return -1;
	}
	/*
	 * Readers group and count DISTINCT over a whole period, which grows
	 * with the ledger: their temporary b-trees spill to files (TMPDIR) so
	 * memory stays flat.  They read a period's rows in row order, and 8 MB
	 * of pages does as well as 16 (bench/month.sh); the sorters behind
	 * GROUP BY take as much again before they spill, so a reader stays
	 * under 32 MB (pt-report: 47 MB with 16 MB of pages, 24 MB with 8).
	 * A soft heap limit (sqlite3_soft_heap_limit64) was tried: it changed
	 * neither.
	 */
	return ledger_exec(l, "PRAGMA cache_size = -8192; PRAGMA temp_store = FILE");
}

static int
open_checked(struct ledger *l, const char *path, int flags)
{
	const char *env;
	int ms = LEDGER_BUSY_MS_DEFAULT, rc, fresh = 0, wal = 0, v = 0;
	int reader = (flags & LEDGER_READONLY) != 0;
	long n;

	memset(l, 0, sizeof(*l));
	l->path = xstrdup(path);
	if (peek(l, path, &fresh, &wal) < 0) {
		if (l->rc || create_missing(l, path, flags) < 0)
			return -1;	/* not a ledger, or no file */
		fresh = 1;
	}
	/* SQLite would make an empty file a new ledger: a reader must not */
	if (fresh && reader)
		return not_ledger(l, "an empty file");
	if (reader)
		rc = open_reader(l, path, wal);
	else
		rc = sqlite3_open_v2(path, &l->db, SQLITE_OPEN_READWRITE | LEDGER_OPEN_FLAGS,
				     NULL) == SQLITE_OK
			? 0 : ledger_fail(l);
	if (rc < 0)
		return -1;
	env = getenv("PT_BUSY_TIMEOUT");
	if (env && parse_long(env, 0, 3600000, &n) == 0)
		ms = (int)n;
	sqlite3_busy_timeout(l->db, ms);
	sqlite3_extended_result_codes(l->db, 1);
	if (!fresh) {
		if ((rc = identify(l, &v)) < 0)
			return -1;
		fresh = rc == 0;
		if (fresh && reader)
			return not_ledger(l, "an empty SQLite database");
	}
	if (v > NMIGRATIONS)
		return too_new(l, v);
	if (reader)
		return reader_settings(l, v, path);
	/*
	 * A new, empty ledger: 32 KiB pages (bench/intake.sh: 1.28x the import
	 * against 1.47x with 8 KiB; a scattered update is slower, see README).
	 */
	if (fresh && ledger_exec(l, "PRAGMA page_size = 32768") < 0)
		return -1;
	/* Writers sort one batch: in memory. */
	if (ledger_exec(l, "PRAGMA journal_mode = WAL") < 0 ||
	    ledger_exec(l, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
			   " PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY") < 0)
		return -1;
	return migrate(l);
}

void
ledger_close(struct ledger *l)
{
	close_db(l);
	free(l->path);
	free(l->uri);
	l->path = l->uri = NULL;
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
	char *p = buf;

	if (id < 0)	/* never a case's: as snprintf has it */
		snprintf(buf, 24, "%" PRId64 "-%06" PRId64, id / CASE_SEQ_BASE, id % CASE_SEQ_BASE);
	else {
		p = put_decimal(p, (uint64_t)(id / CASE_SEQ_BASE), 1);
		*p++ = '-';
		*put_decimal(p, (uint64_t)(id % CASE_SEQ_BASE), 6) = '\0';
	}
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
