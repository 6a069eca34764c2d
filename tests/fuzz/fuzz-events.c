/* fuzz-events: a pt-update events file through tabin, the parsers and lc_apply. */
#include <stdint.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "ledger.h"
#include "lifecycle.h"
#include "tabin.h"
#include "util.h"
#include "fuzz.h"
#include "banned.h"

static const char *const stages[] = {
	"registered", "in_progress", "concluded", "in_review", "reviewed",
	"in_recheck", "closed", NULL
};

/*
 * The case every input starts from: 2026-000001, registered on 2026-03-02
 * and due 15 days later, as pt-intake leaves it.  The rows of one input
 * apply to it in turn, so an input can walk the whole stage machine.
 */
static void
case_init(struct case_state *cs)
{
	memset(cs, 0, sizeof(*cs));
	cs->id = case_id_parse("2026-000001");
	snprintf(cs->stage, sizeof(cs->stage), "registered");
	cs->received = cs->stage_start = cs->last_event = date_from_ymd(2026, 3, 2);
	cs->due = cs->received + DL_ACCEPT_DAYS;
	snprintf(cs->procedure, sizeof(cs->procedure), "normal");
	cs->accepted = cs->concluded = cs->resolved = cs->replied = -1;
	cs->closed = cs->ref_due = cs->decided = cs->conclude_due = -1;
}

/* What lc_apply leaves must still be a case: a known stage, bounded text. */
static void
check_case(const struct case_state *cs, const struct lc_event *ev)
{
	size_t i;

	for (i = 0; stages[i] && strcmp(cs->stage, stages[i]); i++)
		;
	fuzz_check(stages[i] != NULL);
	fuzz_check(memchr(cs->unit, '\0', sizeof(cs->unit)) != NULL);
	fuzz_check(memchr(cs->leader, '\0', sizeof(cs->leader)) != NULL);
	fuzz_check(!strcmp(cs->procedure, "normal") || !strcmp(cs->procedure, "simplified"));
	fuzz_check(cs->last_event == ev->date);
	fuzz_check(cs->resolved >= -1 && cs->resolved <= 1);
	if (!strcmp(cs->stage, "in_progress"))
		fuzz_check(cs->due >= cs->stage_start);
	if (!strcmp(cs->stage, "closed"))
		fuzz_check(cs->closed >= 0 && cs->due == -1);
}

/* A row lc_event_read took: what pt-update would then apply. */
static void
check_event(const struct lc_event *ev, int64_t id)
{
	char buf[24];

	fuzz_check(case_id_parse(case_id_format(id, buf)) == id);
	fuzz_check(lc_event_known(ev->event));
	fuzz_check(ev->days >= -1 && ev->days <= LC_DAYS_MAX);
	fuzz_check(ev->resolved >= -1 && ev->resolved <= 1);
	fuzz_check(!ev->rating || lc_rating_parse(ev->rating) == ev->rating);
	fuzz_check(ev->by != NULL);
	if (!strcmp(ev->event, "extend"))
		fuzz_check(ev->days >= 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_file f;
	struct tabin t;
	struct calendar cal;
	struct case_state cs, before;
	struct lc_event ev;
	char err[512];
	int64_t id;
	int rc, as_of = date_from_ymd(2999, 12, 31);

	fuzz_check(fuzz_file_open(&f, data, size) == 0);
	calendar_init(&cal);
	case_init(&cs);
	rc = tabin_open(&t, f.path, NULL, lc_event_cols, LC_NCOLS, 1);
	fuzz_check(rc == 0 || rc == -2);
	if (rc == 0) {
		while ((rc = tabin_next(&t)) > 0) {
			if (rc == 2)
				continue;
			err[0] = '\0';
			if (lc_event_read(&t, "fuzz", &ev, &id, err, sizeof(err)) < 0) {
				fuzz_check(err[0] != '\0');
				continue;
			}
			check_event(&ev, id);
			memcpy(&before, &cs, sizeof(cs));	/* padding too, for memcmp */
			err[0] = '\0';
			if (lc_apply(&cs, &ev, &cal, as_of, err, sizeof(err)) < 0) {
				fuzz_check(err[0] != '\0');
				fuzz_check(!memcmp(&cs, &before, sizeof(cs)));
			} else {
				check_case(&cs, &ev);
			}
		}
		fuzz_check(rc == 0 || (rc == -1 && t.err[0] != '\0'));
	}
	tabin_close(&t);
	calendar_release(&cal);
	fuzz_file_close(&f);
	return 0;
}
