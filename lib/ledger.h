/* ledger.h: the SQLite ledger: open, create, migrate, transactions. */
#ifndef PT_LEDGER_H
#define PT_LEDGER_H

#include <sqlite3.h>
#include <stdint.h>

/*
 * The ledger is one SQLite file in WAL mode.  Its schema is in ledger.c
 * as numbered migrations; PRAGMA user_version says how many are applied,
 * and ledger_open applies the rest in one transaction.  man/pt-ledger.5
 * documents the tables and views: they are an interface.
 *
 * A case's key is the integer id = year * CASE_SEQ_BASE + sequence; its
 * text form, case_id, is "YYYY-NNNNNN" (at least six digits).
 */
#define CASE_SEQ_BASE ((int64_t)100000000)

#define LEDGER_CREATE   1	/* create the file (mode 0600) when missing */
#define LEDGER_READONLY 2	/* the tool only reads; never create */

#define LEDGER_BUSY_MS_DEFAULT 30000

/*
 * A pt ledger is recognised by PRAGMA application_id = LEDGER_APP_ID (set
 * by migration 3), or, written before it, by application_id 0, a
 * user_version of 1 or more and the tables cases, events and runs.
 */
#define LEDGER_APP_ID 1347701831	/* 0x50544c47, "PTLG" */

/*
 * cases_concluded_late (migration 10) holds the cases concluded more than
 * LEDGER_LATE_DAYS after the day they came, few in a bureau that
 * concludes within the 60 days the Regulations give from acceptance;
 * cases_closed_late (migration 11) the cases closed more than
 * LEDGER_LATE_DAYS after the day they came, few too: most closed cases
 * are refused within the 15 days to accept.  LEDGER_LATE_WHERE and
 * LEDGER_CLOSED_LATE_WHERE are their WHEREs, which a query writes as they
 * are for SQLite to use the index.  Never changed: the migrations wrote
 * them into ledgers.
 */
#define LEDGER_LATE_DAYS 60
#define LEDGER_LATE_WHERE "concluded IS NOT NULL AND concluded > date(received, '+60 days')"
#define LEDGER_CLOSED_LATE_WHERE "closed IS NOT NULL AND closed > date(received, '+60 days')"

/* The oldest schema a reader reads as it is (its queries need migration 2). */
#define LEDGER_READ_MIN 2

struct ledger {
	sqlite3 *db;
	char *path;
	char *uri;		/* what SQLite opened: a file: URI for a reader */
	int tidy;		/* a reader: remove the -wal/-shm SQLite made, on close */
	int rc;			/* SQLite result code of the last failure */
	int create_failed;	/* the file could not be created */
	int missing;		/* there is no such file (and it was not created) */
	char err[512];		/* its text */
};

/*
 * ledger_path: the ledger to use: arg when not NULL, else $PT_DB, else
 * "./ledger.db".  Returns a pointer into arg or the environment.
 */
const char *ledger_path(const char *arg);

/*
 * ledger_open: open (or with LEDGER_CREATE create) the ledger at path.
 * Without LEDGER_READONLY (a writer): a new or empty file (0 bytes, or a
 * SQLite database with nothing in it) becomes a ledger; an existing
 * ledger is switched to WAL and its schema brought up to date.  With
 * LEDGER_READONLY (a reader): the file is opened read-only (SQLite's
 * SQLITE_OPEN_READONLY), never created, migrated or switched to WAL; a
 * ledger in WAL mode in a directory the reader cannot write, with no -wal
 * beside it, is opened immutable; the -wal and -shm beside a WAL ledger
 * (made by SQLite for this reader, or left by one killed) are removed by
 * ledger_close when no other connection uses them and the -wal is empty
 * (never one holding frames); a ledger older than LEDGER_READ_MIN is
 * refused.
 * Either way a file that is not a pt ledger (see LEDGER_APP_ID) is left as
 * it is and refused with l->rc SQLITE_NOTADB and l->err "not a pt
 * ledger (why)".  The busy timeout is $PT_BUSY_TIMEOUT milliseconds, else
 * LEDGER_BUSY_MS_DEFAULT.  Returns 0, or -1 with l->rc and l->err set;
 * errno is ENOENT when the file is missing and creation was not asked
 * for, and l->missing is set.  Call ledger_close in both cases.
 */
int ledger_open(struct ledger *l, const char *path, int flags);

/*
 * ledger_close: roll back what is open, close the connection and free l's
 * memory; l may have failed to open.  A reader's -wal and -shm: see
 * ledger_open.
 */
void ledger_close(struct ledger *l);

/*
 * ledger_exec: run SQL without results.  ledger_prepare: compile one
 * statement (NULL on failure).  Both return -1 / NULL with l->err set.
 */
int ledger_exec(struct ledger *l, const char *sql);
sqlite3_stmt *ledger_prepare(struct ledger *l, const char *sql);

/*
 * ledger_begin, ledger_commit, ledger_rollback: the transactions.
 * ledger_begin runs BEGIN IMMEDIATE (it waits, up to the busy timeout,
 * for another writer); ledger_commit runs COMMIT.  Both return 0, or -1
 * with l->rc and l->err set (the transaction stays open when COMMIT
 * fails: roll it back).  ledger_rollback rolls back the open transaction,
 * if any (nothing when l has no connection or none is open); it cannot
 * fail and leaves l->err as it was.
 */
int ledger_begin(struct ledger *l);
int ledger_commit(struct ledger *l);
void ledger_rollback(struct ledger *l);

/*
 * ledger_begin_once: BEGIN IMMEDIATE unless a transaction is open already.
 * ledger_commit_open: COMMIT if one is open.  Both return 0 or -1.
 */
int ledger_begin_once(struct ledger *l);
int ledger_commit_open(struct ledger *l);

/*
 * ledger_fail: record the db's current error in l (its extended code in
 * l->rc, its text in l->err; SQLite's bare "disk I/O error" gets the
 * system's reason appended, as "disk I/O error: File too large");
 * returns -1.
 */
int ledger_fail(struct ledger *l);

/*
 * ledger_exit_code: the sysexits status for l->rc: 73 when the file could
 * not be created, 75 when the ledger stayed busy past the timeout, 74 for
 * I/O and full-disk errors, 65 for a file that is not a ledger (or one a
 * reader cannot read: too old, corrupt), 70 otherwise.
 */
int ledger_exit_code(const struct ledger *l);

/* case_id_format: "YYYY-NNNNNN" for id into buf (24 bytes); returns buf. */
char *case_id_format(int64_t id, char *buf);

/* case_id_parse: the id for "YYYY-NNNNNN"; -1 when s is not one. */
int64_t case_id_parse(const char *s);

#endif
