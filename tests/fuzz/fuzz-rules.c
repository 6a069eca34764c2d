/* fuzz-rules: a pt-assign rules file through route.c, as pt-assign reads it. */
#include <stdint.h>
#include <string.h>

#include "route.h"
#include "fuzz.h"
#include "banned.h"

/* A value route_rules_read kept: non-empty, no blanks around it, normalised. */
static void
check_value(size_t c, const char *s)
{
	size_t n;

	if (!s)
		return;
	n = strlen(s);
	fuzz_check(n > 0 && strcmp(s, "*"));
	fuzz_check(s[0] != ' ' && s[0] != '\t');
	fuzz_check(s[n - 1] != ' ' && s[n - 1] != '\t' && s[n - 1] != '\r');
	if (c == ROUTE_LAW)
		fuzz_check(!strcmp(s, "1") || !strcmp(s, "0"));
	if (c == ROUTE_PROCEDURE)
		fuzz_check(!strcmp(s, "normal") || !strcmp(s, "simplified"));
}

/* A case whose facts are rule i's values is matched by rule i or an earlier one. */
static void
check_match(const struct route_rules *r, size_t i)
{
	struct lc_facts f;
	const struct route_rule *m;
	size_t c;

	memset(&f, 0, sizeof(f));
	for (c = ROUTE_REGION; c <= ROUTE_LAW; c++)
		f.v[c] = r->rule[i].v[c] ? r->rule[i].v[c] : "any";
	m = route_match(r, &f);
	fuzz_check(m != NULL && m <= &r->rule[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_file f;
	struct route_rules r;
	size_t i, c;
	int rc;

	fuzz_check(fuzz_file_open(&f, data, size) == 0);
	route_rules_init(&r);
	rc = route_rules_read(&r, f.path, NULL);
	fuzz_check(rc == 0 || rc == -2);
	if (rc == -2)
		fuzz_check(r.err[0] != '\0' && r.file[0] != '\0' && r.line >= 0);
	for (i = 0; i < r.n; i++) {
		if (rc == 0 || i + 1 < r.n)	/* the rule an error stopped may be part made */
			fuzz_check(r.rule[i].v[ROUTE_UNIT] != NULL);
		for (c = 0; c < ROUTE_NCOLS; c++)
			check_value(c, r.rule[i].v[c]);
	}
	for (i = 0; rc == 0 && i < r.n; i++)
		check_match(&r, i);
	route_rules_free(&r);
	fuzz_check(r.n == 0 && r.rule == NULL);
	fuzz_file_close(&f);
	return 0;
}
