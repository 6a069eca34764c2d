/* fuzz-rules: a pt-assign rules file through tabin and the per-field parsers. */
#include <stdint.h>
#include <string.h>

#include "record.h"
#include "tabin.h"
#include "fuzz.h"
#include "banned.h"

/* The rules columns, as cmd/pt-assign.c has them. */
enum { R_REGION, R_CATEGORY, R_CHANNEL, R_LEVEL, R_LAW, R_UNIT, R_LEADER,
       R_PROCEDURE, NRCOLS };
static const struct colspec rule_cols[NRCOLS] = {
	[R_REGION] = { "region", "问题属地", 0 },
	[R_CATEGORY] = { "category", "问题类别", 0 },
	[R_CHANNEL] = { "channel", "信访形式", 0 },
	[R_LEVEL] = { "level", "信访层级", 0 },
	[R_LAW] = { "law_related", "涉法涉诉", 0 },
	[R_UNIT] = { "unit", "责任单位", 1 },
	[R_LEADER] = { "leader", "包案领导", 0 },
	[R_PROCEDURE] = { "procedure", "程序", 0 },
};

/* tabin_get's promise: NULL, or a non-empty value with no blanks around it. */
static void
check_value(const char *s)
{
	size_t n;

	if (!s)
		return;
	n = strlen(s);
	fuzz_check(n > 0);
	fuzz_check(s[0] != ' ' && s[0] != '\t');
	fuzz_check(s[n - 1] != ' ' && s[n - 1] != '\t' && s[n - 1] != '\r');
}

/*
 * One cell as pt-assign's rule_value reads it: "*" or empty matches
 * anything; channel, level and law_related go through record.c's parsers.
 * Returns 0, or -1 where pt-assign would stop on a bad value.
 */
static int
rule_value(struct tabin *t, size_t c)
{
	const char *s = tabin_get(t, c), *v;
	int b;

	check_value(s);
	if (!s || !strcmp(s, "*"))
		return 0;
	v = s;
	if (c == R_CHANNEL)
		v = rec_channel_parse(s);
	else if (c == R_LEVEL)
		v = rec_level_parse(s);
	else if (c == R_LAW) {
		b = rec_bool_parse(s);
		fuzz_check(b >= -1 && b <= 1);
		v = b < 0 ? NULL : b ? "1" : "0";
	} else if (c == R_PROCEDURE && strcmp(s, "normal") && strcmp(s, "simplified"))
		v = NULL;
	return v ? 0 : -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_file f;
	struct tabin t;
	size_t c;
	int rc;

	fuzz_check(fuzz_file_open(&f, data, size) == 0);
	rc = tabin_open(&t, f.path, NULL, rule_cols, NRCOLS, 0);
	fuzz_check(rc == 0 || rc == -2);
	if (rc == 0) {
		fuzz_check(t.map.field[R_UNIT] >= 0);
		while ((rc = tabin_next(&t)) > 0) {
			fuzz_check(rc == 1 || rc == 2);
			if (rc == 2) {
				fuzz_check(t.err[0] != '\0');
				continue;
			}
			fuzz_check(t.row.nfields == t.hdr.nfields);
			for (c = 0; c < NRCOLS; c++)
				(void)rule_value(&t, c);
		}
		fuzz_check(rc == 0 || (rc == -1 && t.err[0] != '\0'));
	} else {
		fuzz_check(t.err[0] != '\0');
	}
	tabin_close(&t);
	fuzz_file_close(&f);
	return 0;
}
