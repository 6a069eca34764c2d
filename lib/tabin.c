/* tabin.c: header mapping and per-row checks over csvin. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idcard.h"
#include "tabin.h"
#include "banned.h"

/* Copy row r into sb, pointing fields (grown as needed) at the copy. */
static char **
copy_row(const struct csvrow *r, struct strbuf *sb, char **fields, size_t *alloc)
{
	size_t i;

	if (r->nfields > *alloc) {
		*alloc = r->nfields;
		fields = xrealloc(fields, *alloc * sizeof(*fields));
	}
	strbuf_reset(sb);
	strbuf_add(sb, r->fields[0], csvrow_size(r));
	for (i = 0; i < r->nfields; i++)
		fields[i] = sb->buf + (r->fields[i] - r->fields[0]);
	return fields;
}

int
tabin_open(struct tabin *t, const char *path, const char *encoding,
	   const struct colspec *spec, size_t nspec, int ignore_unknown)
{
	size_t alloc = 0, i;
	long line;
	int rc;

	memset(t, 0, sizeof(*t));
	strbuf_init(&t->hcopy);
	strbuf_init(&t->wcopy);
	if (!(t->in = csvin_open(path, encoding)))
		return -1;
	rc = csvin_next(t->in, &t->hdr);
	line = t->hdr.line;
	if (rc <= 0 || t->hdr.problem) {
		/* the reader owns these until they are copied below */
		t->hdr.fields = NULL;
		t->hdr.lens = NULL;
		t->hdr.nfields = 0;
	}
	if (rc < 0) {
		t->hdr.line = csvin_line(t->in);
		snprintf(t->err, sizeof(t->err), "%s", csvin_errmsg(t->in));
		return -2;
	}
	if (rc == 0) {
		t->hdr.line = 1;
		snprintf(t->err, sizeof(t->err), "empty input, no header");
		return -2;
	}
	if (t->hdr.problem) {
		t->hdr.line = line;
		snprintf(t->err, sizeof(t->err), "%s in the header",
			 csvin_problem_text(t->in, t->hdr.problem));
		return -2;
	}
	t->hdr.fields = copy_row(&t->hdr, &t->hcopy, NULL, &alloc);
	t->hdr.lens = xcalloc(t->hdr.nfields, sizeof(*t->hdr.lens));
	for (i = 0; i < t->hdr.nfields; i++)
		t->hdr.lens[i] = strlen(t->hdr.fields[i]);
	if (colmap_build(&t->map, spec, nspec, t->hdr.fields, t->hdr.nfields,
			 ignore_unknown, t->err, sizeof(t->err)) < 0)
		return -2;
	return 0;
}

int
tabin_next(struct tabin *t)
{
	int rc = csvin_next(t->in, &t->row);

	if (rc < 0) {
		/* the line reading stopped on, for the caller's message */
		t->row.line = t->row.end_line = csvin_line(t->in);
		snprintf(t->err, sizeof(t->err), "%s", csvin_errmsg(t->in));
		return -1;
	}
	if (rc == 0)
		return 0;
	if (t->row.problem) {
		size_t f = t->row.problem_field;
		char shown[256];
		snprintf(t->err, sizeof(t->err), "%s in column %s",
			 csvin_problem_text(t->in, t->row.problem),
			 f < t->hdr.nfields ? mask_shown(t->hdr.fields[f], shown, sizeof(shown))
			 : "beyond the header");
		return 2;
	}
	if (t->row.nfields != t->hdr.nfields) {
		snprintf(t->err, sizeof(t->err), "%zu fields where the header has %zu",
			 t->row.nfields, t->hdr.nfields);
		return 2;
	}
	t->work = copy_row(&t->row, &t->wcopy, t->work, &t->nwork);
	return 1;
}

char *
tabin_get(struct tabin *t, size_t c)
{
	return colmap_get(&t->map, c, t->work, t->row.nfields);
}

const char *
tabin_name(const struct tabin *t)
{
	return t->in ? csvin_name(t->in) : "?";
}

void
tabin_close(struct tabin *t)
{
	csvin_close(t->in);
	free(t->hdr.fields);
	free(t->hdr.lens);
	free(t->work);
	strbuf_release(&t->hcopy);
	strbuf_release(&t->wcopy);
	memset(t, 0, sizeof(*t));
}
