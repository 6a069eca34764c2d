/* vscan.c: the methods shared by the eponymous virtual tables of vscan.h. */
#include <string.h>

#include "vscan.h"
#include "banned.h"

struct vscan_vtab {
	sqlite3_vtab base;
	const struct vscan_table *t;
};

int
vscan_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
	      sqlite3_vtab **vt, char **err)
{
	const struct vscan_table *t = aux;
	struct vscan_vtab *v;
	int rc;

	(void)argc, (void)argv, (void)err;
	if ((rc = sqlite3_declare_vtab(db, t->schema)) != SQLITE_OK)
		return rc;
	if (!(v = sqlite3_malloc(sizeof(*v))))
		return SQLITE_NOMEM;
	memset(v, 0, sizeof(*v));
	v->t = t;
	*vt = &v->base;
	return SQLITE_OK;
}

int
vscan_disconnect(sqlite3_vtab *vt)
{
	sqlite3_free(vt);
	return SQLITE_OK;
}

/* Only with its pointer given: name(?1). */
int
vscan_best_index(sqlite3_vtab *vt, sqlite3_index_info *ii)
{
	const struct vscan_table *t = ((struct vscan_vtab *)vt)->t;
	int i;

	for (i = 0; i < ii->nConstraint; i++)
		if (ii->aConstraint[i].iColumn == t->scan_col &&
		    ii->aConstraint[i].op == SQLITE_INDEX_CONSTRAINT_EQ) {
			if (!ii->aConstraint[i].usable)
				return SQLITE_CONSTRAINT;
			ii->aConstraintUsage[i].argvIndex = 1;
			ii->aConstraintUsage[i].omit = 1;
			ii->estimatedCost = 1000;
			return SQLITE_OK;
		}
	return SQLITE_CONSTRAINT;
}

int
vscan_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **cur)
{
	const struct vscan_table *t = ((struct vscan_vtab *)vt)->t;
	sqlite3_vtab_cursor *c = sqlite3_malloc64(t->cursor_size);

	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, t->cursor_size);
	*cur = c;
	return SQLITE_OK;
}

int
vscan_close(sqlite3_vtab_cursor *cur)
{
	sqlite3_free(cur);
	return SQLITE_OK;
}

void *
vscan_arg(const sqlite3_vtab_cursor *cur, int argc, sqlite3_value **argv)
{
	const struct vscan_table *t = ((const struct vscan_vtab *)cur->pVtab)->t;

	return argc == 1 ? sqlite3_value_pointer(argv[0], t->ptr_type) : NULL;
}
