/* checkpoint.h: a thread that copies a bulk writer's WAL into the ledger as it writes on. */
#ifndef PT_CHECKPOINT_H
#define PT_CHECKPOINT_H

#include <sqlite3.h>

/*
 * SQLite checkpoints a WAL ledger on the commit that leaves its WAL at
 * 1000 pages or more: the writer copies the pages into the ledger file
 * and syncs both files before it can go on.  A writer of large batches
 * hands that to a checkpointer instead, a thread with a connection of its
 * own, which runs a passive checkpoint (it never waits for, nor blocks,
 * a reader or a writer) after each commit while the writer writes the
 * next batch.
 *
 * SQLite starts the WAL over only when a writer begins with all of it
 * copied; so that it does not grow without end, the writer waits for the
 * checkpointer before it begins, once the WAL holds CKPT_WAL_PAGES pages.
 * A reader that holds an old snapshot keeps a checkpoint from finishing,
 * for the checkpointer as for SQLite's own: the WAL then grows until the
 * reader is done.
 */
#define CKPT_WAL_PAGES 8192

struct checkpointer;

/*
 * ckpt_start: a checkpointer for db, a connection to the ledger at path in
 * WAL mode, taking over its checkpoints (sqlite3_wal_hook: SQLite's own
 * are off from now on).  Returns NULL when the thread or its connection
 * cannot start: db then checkpoints as SQLite does.
 */
struct checkpointer *ckpt_start(sqlite3 *db, const char *path);

/*
 * ckpt_committed: after a commit on db: a checkpoint is due.  Returns at
 * once: the checkpointer runs it.
 */
void ckpt_committed(struct checkpointer *c);

/*
 * ckpt_before_begin: before db begins a transaction: when the WAL holds
 * CKPT_WAL_PAGES pages or more, wait until the checkpointer has copied
 * what was committed, so that the transaction starts the WAL over.
 */
void ckpt_before_begin(struct checkpointer *c);

/*
 * ckpt_stop: the checkpointer ended, after the checkpoint it runs, its
 * connection closed, and db's checkpoints SQLite's own again (c may be
 * NULL: nothing).  db's close checkpoints what is left, as SQLite does.
 */
void ckpt_stop(struct checkpointer *c);

#endif
