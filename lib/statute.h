/* statute.h: the periods and thresholds pt follows, each defined once. */
#ifndef PT_STATUTE_H
#define PT_STATUTE_H

/*
 * Deadlines in calendar days unless the name says working days, from the
 * Regulations on Petition Work (信访工作条例, 2022): Art. 22-23 (decide
 * within 15 days), Art. 34 (conclude within 60 days, one extension of at
 * most 30), Art. 35 (review: asked within 30 days of the reply, opinion
 * within 30), Art. 36 (re-review: the same).  The simplified procedure's
 * 10 working days is the national bureau's rule (信访事项简易办理办法).
 * Every tool, SQL text included, takes these numbers from here.
 */
#define DL_ACCEPT_DAYS      15	/* registered: accept, reject or transfer */
#define DL_CONCLUDE_DAYS    60	/* in progress: conclude */
#define DL_SIMPLE_WORKDAYS  10	/* simplified procedure, working days */
#define DL_MAX_EXTENSION    30	/* one extension, at most */
#define DL_REVIEW_WINDOW    30	/* after the reply: ask for review */
#define DL_REVIEW_DAYS      30	/* review opinion */
#define DL_RECHECK_WINDOW   30	/* after the review: ask for re-review */
#define DL_RECHECK_DAYS     30	/* re-review opinion */

/* Practice, not statute. */
#define DL_WARN_DAYS         5	/* yellow: due within this many days (default) */
#define COLLECTIVE_PERSONS   5	/* a visit of this many people is collective (集体访) */
#define FREQUENT_CASES       3	/* 重信重访: this many cases on one matter */

/* STR(DL_ACCEPT_DAYS) is "15", for SQL text such as date(x, '+15 days'). */
#define STATUTE_STR_(x) #x
#define STATUTE_STR(x)  STATUTE_STR_(x)

#endif
