/* vscan.h: a batch in memory as a table for one statement, through a bound pointer. */
#ifndef PT_VSCAN_H
#define PT_VSCAN_H

#include <stddef.h>
#include <sqlite3.h>

/*
 * A writer that inserts what it holds in memory (a batch's cases, its
 * matter keys) gives it to SQLite as an eponymous virtual table, read by
 * one INSERT ... SELECT instead of an INSERT per row: name(?1), with ?1
 * bound by sqlite3_bind_pointer to what the module's cursor reads.  The
 * table takes no other constraint and gives its rows in its own order.
 * These are the methods every such module shares; a module adds xFilter
 * (which finds its pointer with vscan_arg), xNext, xEof, xColumn, xRowid.
 */
struct vscan_table {
	const char *schema;	/* "CREATE TABLE x(..., scan HIDDEN)" */
	int scan_col;		/* the hidden column's place */
	const char *ptr_type;	/* the pointer's type, as sqlite3_bind_pointer names it */
	size_t cursor_size;	/* the module's cursor, a sqlite3_vtab_cursor first */
};

/*
 * vscan_connect, vscan_disconnect, vscan_best_index, vscan_open,
 * vscan_close: the shared methods, for a module registered with its
 * struct vscan_table as pAux (sqlite3_create_module).
 */
int vscan_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
		  sqlite3_vtab **vt, char **err);
int vscan_disconnect(sqlite3_vtab *vt);
int vscan_best_index(sqlite3_vtab *vt, sqlite3_index_info *ii);
int vscan_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **cur);
int vscan_close(sqlite3_vtab_cursor *cur);

/* vscan_arg: in xFilter, the pointer bound to the hidden column; NULL when none was. */
void *vscan_arg(const sqlite3_vtab_cursor *cur, int argc, sqlite3_value **argv);

#endif
