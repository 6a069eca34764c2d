/* fuzz-events: a pt-update events file through tabin, the parsers and lc_apply. */
#include <stdint.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "ledger.h"
#include "lifecycle.h"
#include "record.h"
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

/*
 * One row as pt-update's read_event reads it.  Returns 0 with *ev filled,
 * or -1 where pt-update would refuse the row.
 */
static int
read_event(struct tabin *t, struct lc_event *ev)
{
	const char *s, *cid = tabin_get(t, LC_C_CASE);
	char buf[24];
	int64_t id;
	int secs;

	memset(ev, 0, sizeof(*ev));
	ev->days = -1;
	ev->resolved = -1;
	if (!cid || (id = case_id_parse(cid)) < 0)
		return -1;
	fuzz_check(case_id_parse(case_id_format(id, buf)) == id);
	ev->event = tabin_get(t, LC_C_EVENT);
	if (!ev->event || !lc_event_known(ev->event))
		return -1;
	s = tabin_get(t, LC_C_DATE);
	if (!s || date_parse(s, &ev->date, &secs) < 0)
		return -1;
	if ((s = tabin_get(t, LC_C_DAYS)) && parse_long(s, 0, 100000, &ev->days) < 0)
		return -1;
	fuzz_check(ev->days >= -1 && ev->days <= 100000);
	if (!strcmp(ev->event, "extend") && ev->days < 0)
		return -1;
	if ((s = tabin_get(t, LC_C_RATING)) && !(ev->rating = lc_rating_parse(s)))
		return -1;
	if ((s = tabin_get(t, LC_C_RESOLVED)) && (!*s || (ev->resolved = rec_bool_parse(s)) < 0))
		return -1;
	ev->note = tabin_get(t, LC_C_NOTE);
	ev->unit = tabin_get(t, LC_C_UNIT);
	ev->leader = tabin_get(t, LC_C_LEADER);
	ev->procedure = tabin_get(t, LC_C_PROCEDURE);
	ev->by = tabin_get(t, LC_C_BY);
	if (!ev->by)
		ev->by = "fuzz";
	return 0;
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
	int rc, as_of = date_from_ymd(2999, 12, 31);

	fuzz_check(fuzz_file_open(&f, data, size) == 0);
	calendar_init(&cal);
	case_init(&cs);
	rc = tabin_open(&t, f.path, NULL, lc_event_cols, LC_NCOLS, 1);
	fuzz_check(rc == 0 || rc == -2);
	if (rc == 0) {
		while ((rc = tabin_next(&t)) > 0) {
			if (rc == 2 || read_event(&t, &ev) < 0)
				continue;
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
