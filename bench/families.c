/*
 * bench/families.c: each family of figures counted alone over a period and
 * its year before, by channel (pt-stats --period P --by channel --compare
 * yoy), and then every family together: the median of RUNS runs, each
 * opening the ledger afresh (read-only, one transaction).  Counted with
 * the rest, the cases received ride in the matters' statement; alone,
 * each has its own, so the families' times add up to a little more than
 * "all".
 *
 *   build/bench-families LEDGER PERIOD AS_OF RUNS
 *
 * prints one line per family: its name and seconds.  A benchmark's tool,
 * built by `make bench-month` (and by the checks, so that it keeps
 * compiling); timing is a measurement here, never a test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "figsrc.h"
#include "statute.h"

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* One run: family k alone (k < 0: all), over p and py; seconds, or -1. */
static double
run(const char *ledger, int k, const struct period *p, const struct period *py, int as_of)
{
	struct fig_src s;
	struct fig_table t, ty;
	struct fig_opts o;
	double t0 = now();
	int rc;

	memset(&o, 0, sizeof(o));
	o.nby = 1;
	o.by[0] = DIM_CHANNEL;
	o.warn_days = DL_WARN_DAYS;
	o.resolution_tag = "积案";
	o.as_of = as_of;
	o.family = k + 1;
	fig_table_init(&t, &o);
	fig_table_init(&ty, &o);
	fig_src_init(&s);
	fig_src_add(&s, ledger);
	rc = fig_src_open(&s, 0) < 0 || fig_src_count(&s, &t, p) < 0 ||
	     fig_src_count(&s, &ty, py) < 0 || fig_src_end(&s) < 0;
	if (rc)
		fprintf(stderr, "bench-families: %s\n", s.err);
	fig_src_close(&s);
	fig_table_release(&t);
	fig_table_release(&ty);
	return rc ? -1 : now() - t0;
}

int
main(int argc, char **argv)
{
	struct period p, py;
	double *t;
	int k, i, runs, as_of;

	if (argc != 5 || period_parse(argv[2], &p) < 0 ||
	    date_parse(argv[3], &as_of, NULL) < 0 || (runs = atoi(argv[4])) < 1) {
		fprintf(stderr, "usage: bench-families LEDGER PERIOD AS_OF RUNS\n");
		return 64;
	}
	py = period_yoy(&p);
	t = calloc((size_t)runs, sizeof(*t));
	if (!t)
		return 71;
	for (k = 0; k <= fig_families(); k++) {
		int fam = k < fig_families() ? k : -1;
		for (i = 0; i < runs; i++)
			if ((t[i] = run(argv[1], fam, &p, &py, as_of)) < 0)
				return 1;
		qsort(t, (size_t)runs, sizeof(*t), cmp_double);
		printf("%s %.3f\n", fam < 0 ? "all" : fig_family_name(fam), t[runs / 2]);
	}
	free(t);
	return 0;
}
