/* rejects.c: writing refused rows so that nothing read is ever lost. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvout.h"
#include "rejects.h"
#include "util.h"
#include "banned.h"

struct rejects {
	FILE *fp;
	struct out out;
	int wrote_header;
	struct strbuf last;	/* the header last written, as same_header keeps it */
	struct strbuf next;	/* the header of this row, the same way */
	struct strbuf *cells;
	size_t ncells;
	const char **ptrs;
	size_t nptrs;
};

struct rejects *
rejects_open(const char *path)
{
	static const char *const none[] = { "file" };
	struct rejects *rj;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *fp;

	if (fd < 0)
		return NULL;
	if (!(fp = fdopen(fd, "w"))) {
		close(fd);
		return NULL;
	}
	rj = xcalloc(1, sizeof(*rj));
	rj->fp = fp;
	strbuf_init(&rj->last);
	strbuf_init(&rj->next);
	out_init(&rj->out, fp, OUT_CSV, 0, none, 1);
	return rj;
}

void
escape_bytes(struct strbuf *sb, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t n = 1;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0xf0)
			n = 4;
		else if (c >= 0xe0)
			n = 3;
		else if (c >= 0xc0)
			n = 2;
		if (c != 0 && i + n <= len && utf8_valid(s + i, n)) {
			strbuf_add(sb, s + i, n);
			i += n;
		} else {
			strbuf_addf(sb, "\\x%02X", c);
			i++;
		}
	}
}

/* Make room for n cells. */
static void
cells_grow(struct rejects *rj, size_t n)
{
	size_t i;
	if (n <= rj->ncells)
		return;
	rj->cells = xrealloc(rj->cells, n * sizeof(*rj->cells));
	for (i = rj->ncells; i < n; i++)
		strbuf_init(&rj->cells[i]);
	rj->ncells = n;
	rj->ptrs = xrealloc(rj->ptrs, n * sizeof(*rj->ptrs));
}

static void
put_fields(struct rejects *rj, const char *a, const char *b, const char *c,
	   const struct csvrow *row)
{
	size_t n = 3 + (row ? row->nfields : 0), i;

	cells_grow(rj, n);
	strbuf_reset(&rj->cells[0]);
	strbuf_adds(&rj->cells[0], a);
	strbuf_reset(&rj->cells[1]);
	strbuf_adds(&rj->cells[1], b);
	strbuf_reset(&rj->cells[2]);
	strbuf_adds(&rj->cells[2], c);
	for (i = 3; i < n; i++) {
		strbuf_reset(&rj->cells[i]);
		escape_bytes(&rj->cells[i], row->fields[i - 3], row->lens[i - 3]);
	}
	for (i = 0; i < n; i++)
		rj->ptrs[i] = rj->cells[i].buf;
	out_row_n(&rj->out, rj->ptrs, n);
}

/*
 * Keep header's names (NULL: none) in sb, each as its length and its
 * bytes, so that two headers are the same exactly when their copies are.
 */
static void
header_key(struct strbuf *sb, const struct csvrow *header)
{
	size_t i;

	strbuf_reset(sb);
	for (i = 0; header && i < header->nfields; i++) {
		strbuf_add(sb, &header->lens[i], sizeof(header->lens[i]));
		strbuf_add(sb, header->fields[i], header->lens[i]);
	}
}

int
rejects_add(struct rejects *rj, const char *file, const struct csvrow *header,
	    const struct csvrow *row, const char *reason)
{
	char line[32];

	/* a header line opens the file, and each block of another header */
	header_key(&rj->next, header);
	if (!rj->wrote_header || rj->next.len != rj->last.len ||
	    memcmp(rj->next.buf, rj->last.buf, rj->last.len) != 0) {
		struct strbuf t = rj->last;

		put_fields(rj, "file", "line", "reason", header);
		rj->wrote_header = 1;
		rj->last = rj->next;
		rj->next = t;
	}
	snprintf(line, sizeof(line), "%ld", row->line);
	put_fields(rj, file, line, reason, row);
	if (rj->out.error) {
		errno = rj->out.error;
		return -1;
	}
	return 0;
}

int
rejects_close(struct rejects *rj)
{
	int rc, e = 0;
	size_t i;

	if (!rj)
		return 0;
	rc = out_finish(&rj->out);
	if (rc < 0)
		e = errno;
	if (fclose(rj->fp) != 0 && !e)
		e = errno, rc = -1;
	for (i = 0; i < rj->ncells; i++)
		strbuf_release(&rj->cells[i]);
	free(rj->cells);
	free(rj->ptrs);
	strbuf_release(&rj->last);
	strbuf_release(&rj->next);
	free(rj);
	errno = e;
	return rc;
}
