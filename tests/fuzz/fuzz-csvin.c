/* fuzz-csvin: every record of the input through csvin, as UTF-8 and as GB18030. */
#include <stdint.h>
#include <string.h>

#include "csvin.h"
#include "util.h"
#include "fuzz.h"
#include "banned.h"

/*
 * Check one record against what csvin.h promises: fields lie in one block
 * in order, each NUL-terminated at its length; a record without a problem
 * holds no NUL and only UTF-8; lines go forward.
 */
static void
check_row(const struct csvin *in, const struct csvrow *r, long prev_line)
{
	size_t i;

	fuzz_check(r->nfields >= 1);
	fuzz_check(r->line >= 1 && r->line >= prev_line);
	fuzz_check(r->end_line >= r->line);
	for (i = 0; i < r->nfields; i++) {
		fuzz_check(r->fields[i][r->lens[i]] == '\0');
		if (i + 1 < r->nfields)
			fuzz_check(r->fields[i + 1] == r->fields[i] + r->lens[i] + 1);
		if (r->problem == CSVIN_OK) {
			fuzz_check(strlen(r->fields[i]) == r->lens[i]);
			fuzz_check(utf8_valid(r->fields[i], r->lens[i]));
		}
	}
	fuzz_check(csvrow_size(r) == (size_t)(r->fields[r->nfields - 1] - r->fields[0]) +
				      r->lens[r->nfields - 1] + 1);
	if (r->problem != CSVIN_OK) {
		fuzz_check(r->problem_field < r->nfields);
		fuzz_check(csvin_problem_text(in, r->problem) != NULL);
	}
}

/* Read path to its end with the given encoding (NULL: UTF-8). */
static void
read_all(const char *path, const char *encoding)
{
	struct csvin *in = csvin_open(path, encoding);
	struct csvrow r;
	long prev = 1;
	int rc;

	fuzz_check(in != NULL);
	while ((rc = csvin_next(in, &r)) == 1) {
		check_row(in, &r, prev);
		prev = r.line;
		(void)csvin_buffered(in);
	}
	fuzz_check(rc == 0 || rc == -1);
	if (rc < 0)
		fuzz_check(*csvin_errmsg(in) != '\0');
	else
		fuzz_check(csvin_next(in, &r) == 0);	/* stays at the end */
	(void)csvin_is_tsv(in);
	csvin_close(in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_file f;

	fuzz_check(fuzz_file_open(&f, data, size) == 0);
	read_all(f.path, NULL);
	read_all(f.path, "GB18030");
	fuzz_file_close(&f);
	return 0;
}
