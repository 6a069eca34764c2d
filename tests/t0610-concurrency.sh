#!/bin/sh
# Concurrency: readers (pt-overdue, pt-stats) run while pt-intake and
# pt-update write; they neither fail nor see half a batch; a writer waits
# for another (busy timeout) and gives up past it with exit 75 (SPEC §3, §8).
. "$(dirname "$0")/lib.sh"
unset PT_BUSY_TIMEOUT

AS=2030-12-31
# 120,000 rows (rows 1-60,000 received in 2025, the rest in 2026) in three
# parts of 60,000, 40,000 and 20,000 rows.  pt-intake commits every 50,000
# rows and at the end of a file, so a reader may see these counts only:
WHOLE="0 50000 60000 100000 120000"

# wait_lock DB: wait (at most 60 s) until some process holds DB's write lock.
wait_lock() {
	i=0
	until lock_held "$1"; do
		i=$((i + 1))
		[ $i -le 600 ] || { echo "$1: nobody takes the write lock" >&2; return 1; }
		sleep 0.1
	done
}

# hold_lock DB: an sqlite3 shell takes DB's write lock (BEGIN IMMEDIATE) and
# keeps it, reading more SQL from fd 4, until release_lock.
hold_lock() {
	rm -f lock.fifo && mkfifo lock.fifo && exec 4<>lock.fifo &&
	{ sqlite3 "$1" <lock.fifo >lock.out 2>&1 4>&- & } &&
	holder=$! &&
	echo "BEGIN IMMEDIATE; SELECT 'holding';" >&4 &&
	i=0 &&
	until grep -q holding lock.out; do
		i=$((i + 1))
		[ $i -le 600 ] || { echo "sqlite3 never took the lock" >&2; return 1; }
		sleep 0.1
	done
}

release_lock() {
	echo "ROLLBACK;" >&4
	exec 4>&-
	wait $holder
}

# ms: milliseconds since the epoch.
ms() {
	echo $(($(date +%s%N) / 1000000))
}

# whole N: N is a count of cases a reader may see.
whole() {
	case " $WHOLE " in *" $1 "*) return 0 ;; esac
	echo "$1 cases: not a whole number of batches" >&2
	return 1
}

test_expect_success 'setup: 120,000 rows in three parts, and an empty ledger' '
	gen-petitions -n 120000 -s 11 >all.csv &&
	head -n 1 all.csv >header.csv &&
	{ cat header.csv && sed -n "2,60001p" all.csv; } >p1.csv &&
	{ cat header.csv && sed -n "60002,100001p" all.csv; } >p2.csv &&
	{ cat header.csv && sed -n "100002,120001p" all.csv; } >p3.csv &&
	test "$(cat p1.csv p2.csv p3.csv | wc -l)" = 120003 &&
	test "$(sed -n 2p p2.csv | cut -d, -f12)" = XF2026000001 &&
	pt-intake -q -d l.db --as-of $AS header.csv >/dev/null &&
	test "$(sqlite3 l.db "SELECT count(*) FROM cases")" = 0
'

# Writers in the background: the three parts one after the other, then an
# accept event for every fourth case.  Readers in a loop until they are done (at
# most 40 s), each run's exit status and messages kept.
test_expect_success 'pt-stats and pt-overdue run in a loop while pt-intake and pt-update write' '
	{
		pt-intake -q -d l.db --as-of $AS p1.csv >/dev/null 2>w1.err &&
		pt-intake -q -d l.db --as-of $AS p2.csv >/dev/null 2>w2.err &&
		pt-intake -q -d l.db --as-of $AS p3.csv >/dev/null 2>w3.err &&
		{
			echo case_id,event,date &&
			sqlite3 -cmd ".timeout 30000" -csv l.db "SELECT case_id, '\''accept'\'',
				substr(received, 1, 10) FROM cases WHERE id % 4 = 0 ORDER BY id"
		} >accept.csv &&
		pt-update -q -d l.db --as-of $AS accept.csv >/dev/null 2>w4.err
		echo $? >writers.rc
	} &
	wpid=$! &&
	t0=$(date +%s) n=0 &&
	while kill -0 $wpid 2>/dev/null && [ $(($(date +%s) - t0)) -lt 40 ]; do
		n=$((n + 1)) &&
		pt-stats -d l.db --from 2000-01-01 --to 2030-12-31 --as-of $AS \
			--format jsonl >stats.$n.out 2>stats.$n.err
		echo "pt-stats $n $?" >>readers.log &&
		pt-overdue -d l.db --all --summary --as-of $AS >overdue.$n.out 2>overdue.$n.err
		echo "pt-overdue $n $?" >>readers.log || exit 1
	done &&
	wait $wpid &&
	echo "# $n reader rounds in $(($(date +%s) - t0)) s" >&2 &&
	test "$(cat writers.rc)" = 0 &&
	test $n -ge 3
'

test_expect_success 'the writers registered every row and applied every event' '
	sqlite3 l.db "SELECT count(*), count(DISTINCT ext_id) FROM cases;
		SELECT stage, count(*) FROM cases GROUP BY stage ORDER BY stage;
		SELECT count(*) FROM events WHERE event = '\''accept'\''" >got &&
	printf "120000|120000\nin_progress|30000\nregistered|90000\n30000\n" >expect &&
	test_cmp expect got &&
	test "$(sqlite3 l.db "PRAGMA integrity_check")" = ok
'

test_expect_success 'every pt-stats run exited 0, every pt-overdue run 0 or 1 (red)' '
	test -s readers.log &&
	test_no_match -v -e "^pt-stats [0-9]* 0$" -e "^pt-overdue [0-9]* [01]$" readers.log >&2
'

test_expect_success 'no reader or writer said the ledger was locked or busy' '
	test_no_match -il -e locked -e busy -- *.err >&2 &&
	test_no_match -v -e "^pt-overdue: [0-9]* red, [0-9]* yellow, [0-9]* blue, [0-9]* green as of $AS$" \
		overdue.*.err >&2 &&
	test "$(cat stats.*.err | wc -c)" = 0
'

test_expect_success 'pt-stats saw whole batches only, each counted consistently' '
	for f in stats.*.out; do
		test "$(wc -l <"$f")" = 1 &&
		b=$(sed "s/.*\"batches\":\([0-9]*\),.*/\1/" "$f") &&
		k=$(sed "s/.*\"first\":\([0-9]*\),.*\"repeat\":\([0-9]*\),.*\"referred\":\([0-9]*\),.*/\1 + \2 + \3/" "$f") &&
		whole "$b" &&
		test $(($k)) = "$b" ||
		{ echo "$f: $(cat "$f")" >&2; exit 1; }
	done
'

test_expect_success 'pt-overdue saw whole batches only' '
	for f in overdue.*.err; do
		c=$(sed "s/^pt-overdue: \([0-9]*\) red, \([0-9]*\) yellow, \([0-9]*\) blue, \([0-9]*\) green.*/\1 + \2 + \3 + \4/" "$f") &&
		whole $(($c)) ||
		{ echo "$f: $(cat "$f")" >&2; exit 1; }
	done
'

# Counts the readers saw, for the record (timing decides which).
echo "# readers saw: $(cat "$TRASH"/stats.*.out 2>/dev/null |
	sed "s/.*\"batches\":\([0-9]*\),.*/\1/" | sort -n | uniq -c |
	awk '{ printf "%s%s cases (%d runs)", (NR > 1 ? ", " : ""), $2, $1 }')"

# A writes 40,000 rows, B 20,000, both from files.  A is stopped (SIGSTOP)
# while it holds its batch's write lock; B, started then, must wait for it.
# Both register 2026 cases, so the case numbers of one must follow the
# other's.
test_expect_success 'two pt-intake runs at once both succeed, the second waiting' '
	pt-intake -q -d two.db --as-of $AS header.csv >/dev/null &&
	{ pt-intake -d two.db --as-of $AS p2.csv >a.out 2>a.err & } &&
	apid=$! &&
	{
		stop_holding_lock $apid two.db &&
		{ pt-intake -d two.db --as-of $AS p3.csv >b.out 2>b.err & } &&
		bpid=$! &&
		sleep 1 &&
		kill -0 $bpid &&
		test "$(sqlite3 two.db "SELECT count(*) FROM cases")" = 0
	}
	ok=$? &&
	kill -CONT $apid &&
	test $ok = 0 &&
	wait $apid && wait $bpid &&
	grep -q "^pt-intake: 40000 added, 0 rejected, 0 already in the ledger$" a.err &&
	grep -q "^pt-intake: 20000 added, 0 rejected, 0 already in the ledger$" b.err &&
	test "$(sed 1d a.out | wc -l)" = 40000 &&
	test "$(sed 1d b.out | wc -l)" = 20000 &&
	sqlite3 two.db "SELECT count(*), count(DISTINCT ext_id), min(case_id), max(case_id)
		FROM cases" >got &&
	echo "60000|60000|2026-000001|2026-060000" >expect &&
	test_cmp expect got
'

# pt-intake keeps a batch in its spool while it reads, and takes the write
# lock only to write it: a slow producer upstream keeps no writer out.
test_expect_success 'pt-intake waiting for more input holds no write lock' '
	pt-intake -q -d slow.db --as-of $AS header.csv >/dev/null &&
	mkfifo i.fifo &&
	exec 3<>i.fifo &&
	{ pt-intake -d slow.db --as-of $AS <i.fifo >i.out 2>i.err 3>&- & } &&
	pid=$! &&
	{
		head -n 10001 p3.csv >&3 &&
		wait_pipe_read $pid &&
		! lock_held slow.db &&
		test "$(sqlite3 slow.db "SELECT count(*) FROM cases")" = 0 &&
		head -n 11 p1.csv >other.csv &&
		pt-intake -q -d slow.db --as-of $AS other.csv >/dev/null
	}
	ok=$? &&
	exec 3>&- &&
	wait $pid &&
	test $ok = 0 &&
	grep -q "^pt-intake: 10000 added, 0 rejected, 0 already in the ledger$" i.err &&
	test "$(sqlite3 slow.db "SELECT count(*) FROM cases")" = 10010
'

test_expect_success 'a writer finding the ledger locked waits, then goes on' '
	head -n 11 p1.csv >ten.csv &&
	pt-intake -q -d w.db --as-of $AS header.csv >/dev/null &&
	hold_lock w.db &&
	{ pt-intake -d w.db --as-of $AS ten.csv >wait.out 2>wait.err 4>&- & } &&
	pid=$! &&
	sleep 1.5 &&
	kill -0 $pid &&
	test "$(sqlite3 w.db "SELECT count(*) FROM cases")" = 0 &&
	release_lock &&
	wait $pid &&
	grep -q "^pt-intake: 10 added, 0 rejected, 0 already in the ledger$" wait.err &&
	test "$(sqlite3 w.db "SELECT count(*) FROM cases")" = 10
'

test_expect_success 'setup: accept events for those 10 cases' '
	echo case_id,event,date >ev.csv &&
	sqlite3 -csv w.db "SELECT case_id, '\''accept'\'', substr(received, 1, 10)
		FROM cases ORDER BY id" >>ev.csv &&
	test "$(wc -l <ev.csv)" = 11
'

test_expect_success 'past PT_BUSY_TIMEOUT pt-intake gives up: exit 75, the ledger named, nothing changed' '
	sed -n "1p;12,21p" p1.csv >ten2.csv &&
	hold_lock w.db &&
	t=$(ms) &&
	{ PT_BUSY_TIMEOUT=500 pt-intake -d w.db --as-of $AS ten2.csv >busy.out 2>busy.err 4>&-; rc=$?; } &&
	t=$(($(ms) - t)) &&
	release_lock &&
	echo "exit $rc after $t ms" >&2 &&
	test $rc = 75 &&
	test $t -ge 450 && test $t -lt 15000 &&
	grep -q "^pt-intake: w\.db: .*\(locked\|busy\)" busy.err &&
	test "$(sqlite3 w.db "SELECT count(*) FROM cases")" = 10
'

test_expect_success 'past PT_BUSY_TIMEOUT pt-update gives up: exit 75, the ledger named, nothing changed' '
	hold_lock w.db &&
	{ PT_BUSY_TIMEOUT=500 pt-update -d w.db --as-of $AS ev.csv >busy.out 2>busy.err 4>&-; rc=$?; } &&
	release_lock &&
	echo "exit $rc" >&2 &&
	test $rc = 75 &&
	grep -q "^pt-update: w\.db: .*\(locked\|busy\)" busy.err &&
	test "$(sqlite3 w.db "SELECT count(*) FROM events")" = 0
'

test_expect_success 'while a writer holds the lock, readers still read (WAL)' '
	hold_lock w.db &&
	{ PT_BUSY_TIMEOUT=500 pt-stats -d w.db --from 2000-01-01 --to 2030-12-31 --as-of $AS \
		--format jsonl >r.out 2>r.err 4>&-; s=$?; } &&
	{ PT_BUSY_TIMEOUT=500 pt-overdue -d w.db --all --as-of $AS >o.out 2>o.err 4>&-; o=$?; } &&
	release_lock &&
	echo "pt-stats exit $s, pt-overdue exit $o" >&2 &&
	test $s = 0 && test $o = 1 &&
	grep -q "\"batches\":10," r.out &&
	test "$(sed 1d o.out | wc -l)" = 10 &&
	test_no_match -i -e locked -e busy r.err o.err
'

# pt-update commits before a read that could block, so a slow producer
# upstream does not keep other writers out.  two.db's 60,000 cases are
# still registered; 5,000 accept events are about 150 KiB.
test_expect_success 'pt-update waiting for more input holds no write lock' '
	{
		echo case_id,event,date,note &&
		sqlite3 -csv two.db "SELECT case_id, '\''accept'\'', substr(received, 1, 10), '\'''\''
			FROM cases ORDER BY id"
	} >slow.csv &&
	mkfifo u.fifo &&
	exec 3<>u.fifo &&
	{ pt-update -d two.db --as-of $AS <u.fifo >u.out 2>u.err 3>&- & } &&
	pid=$! &&
	{
		head -n 5001 slow.csv >&3 &&
		wait_pipe_read $pid &&
		! lock_held two.db &&
		test "$(sqlite3 two.db "SELECT count(*) FROM events")" -gt 0
	}
	ok=$? &&
	exec 3>&- &&
	wait $pid &&
	test $ok = 0 &&
	grep -q "^pt-update: 5000 applied, 0 refused, 0 already in the ledger$" u.err
'

# The same, but the input stops in the middle of a quoted field that holds a
# newline.  The input is cut exactly where pt-intake/pt-update read it in
# 128 KiB pieces (gzbuffer() in lib/csvin.c), so pt-update has the rows
# before it and the start of that row, and must wait for the rest.
# pt-update must see that no whole row is buffered (csvin_buffered() in
# lib/csvin.c looks for a record's end outside quotes) and commit first.
test_expect_success 'pt-update waiting for the rest of a row holds no write lock' '
	{ head -n 1 slow.csv && sed -n "5002,8001p" slow.csv; } >cut.csv &&
	row=$(sed -n 8002p slow.csv | cut -d, -f1-3) &&
	pad=$((131072 - $(wc -c <cut.csv) - ${#row} - 3)) &&
	test $pad -gt 0 &&
	{
		cat cut.csv &&
		printf "%s,\"" "$row" &&
		head -c $pad /dev/zero | tr "\\0" x &&
		echo
	} >cut2.csv &&
	test "$(wc -c <cut2.csv)" = 131072 &&
	mkfifo c.fifo &&
	exec 3<>c.fifo &&
	{ pt-update -d two.db --as-of $AS <c.fifo >c.out 2>c.err 3>&- & } &&
	pid=$! &&
	{
		cat cut2.csv >&3 &&
		wait_pipe_read $pid &&
		c=$(sqlite3 two.db "SELECT count(*) FROM events") &&
		echo "$c events committed, 5000 + 3001 sent" >&2 &&
		test $c -gt 5000 &&
		if lock_held two.db; then echo "pt-update holds the write lock" >&2; false; fi
	}
	ok=$? &&
	echo "y\"" >&3 &&
	exec 3>&- &&
	wait $pid &&
	test $ok = 0 &&
	grep -q "^pt-update: 3001 applied, 0 refused, 0 already in the ledger$" c.err
'

test_done
