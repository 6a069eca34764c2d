/* checkpoint.c: passive checkpoints on a thread of their own while a bulk writer writes. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint.h"
#include "util.h"
#include "banned.h"

struct checkpointer {
	sqlite3 *writer;	/* the writer's connection, whose wal hook this is */
	sqlite3 *db;		/* the checkpointer's own */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int wal_pages;		/* in the WAL after the writer's last commit */
	long committed, done;	/* commits so far; those a checkpoint has run after */
	int quit;
};

/* The writer's wal hook: after each commit, the WAL's size (no checkpoint here). */
static int
wal_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct checkpointer *c = arg;

	(void)db, (void)name;
	pthread_mutex_lock(&c->mu);
	c->wal_pages = pages;
	pthread_mutex_unlock(&c->mu);
	return SQLITE_OK;
}

static void *
ckpt_main(void *arg)
{
	struct checkpointer *c = arg;
	long upto;

	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (c->done == c->committed && !c->quit)
			pthread_cond_wait(&c->cv, &c->mu);
		if (c->done == c->committed)
			break;
		upto = c->committed;
		pthread_mutex_unlock(&c->mu);
		/* a failure leaves the pages in the WAL, for the next checkpoint */
		sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->mu);
		c->done = upto;
		pthread_cond_broadcast(&c->cv);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

struct checkpointer *
ckpt_start(sqlite3 *writer, const char *path)
{
	struct checkpointer *c = xcalloc(1, sizeof(*c));

	c->writer = writer;
	/* one thread uses the connection: no SQLite mutexes, as the writer's */
	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK ||
	    /* a connection knows the WAL once it has read the ledger */
	    sqlite3_exec(c->db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL)
		!= SQLITE_OK)
		goto fail;
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	if (pthread_create(&c->thread, NULL, ckpt_main, c) != 0) {
		pthread_cond_destroy(&c->cv);
		pthread_mutex_destroy(&c->mu);
		goto fail;
	}
	sqlite3_wal_hook(writer, wal_hook, c);
	return c;
fail:
	sqlite3_close(c->db);
	free(c);
	return NULL;
}

void
ckpt_committed(struct checkpointer *c)
{
	pthread_mutex_lock(&c->mu);
	c->committed++;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

void
ckpt_before_begin(struct checkpointer *c)
{
	pthread_mutex_lock(&c->mu);
	if (c->wal_pages >= CKPT_WAL_PAGES)
		while (c->done != c->committed)
			pthread_cond_wait(&c->cv, &c->mu);
	pthread_mutex_unlock(&c->mu);
}

void
ckpt_stop(struct checkpointer *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->mu);
	c->quit = 1;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	sqlite3_wal_autocheckpoint(c->writer, 1000);	/* SQLite's default again */
	sqlite3_close(c->db);
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
	free(c);
}
