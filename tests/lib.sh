# tests/lib.sh: a small test library in git's manner, printing TAP for prove.
#
#   . "$(dirname "$0")/lib.sh"
#   test_expect_success 'what it checks' 'commands'
#   test_expect_code 65 'what it checks' 'commands'
#   test_expect_failure 'a known bug, reported as TAP TODO' 'commands'
#   test_done
#
# Each test runs in a fresh shell (set -e is not used: chain with &&) inside
# the test's own scratch directory $TRASH, with bin/ first on PATH.
#
# Before it runs, each body goes through the chain lint (tests/chainlint.pl):
# a command not joined to the next by && (or ||, |), or a loop that does
# not end a failed iteration with || exit 1, would lose a failure, so the
# test fails unrun with "broken && chain" and the line.  PT_TEST_CHAIN_LINT=0
# turns the lint off.
set -u
: "${PT_BIN:=$(cd "$(dirname "$0")/.." && pwd)/bin}"
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
TESTDATA=$(cd "$TESTS_DIR/../testdata" && pwd)
ROOT=$(cd "$TESTS_DIR/.." && pwd)
PATH="$PT_BIN:$PATH"
export PATH PT_BIN TESTDATA ROOT
unset PT_DB PT_CALENDAR
export TZ=Asia/Shanghai LC_ALL=C.UTF-8 USER=tester

TRASH=$(mktemp -d "${TMPDIR:-/tmp}/pt-test.XXXXXX")
trap 'rm -rf "$TRASH"' EXIT
cd "$TRASH" || exit 1
# No installed calendar counts: a test that wants one names its own
# directory (the tools load $PT_DATADIR/calendar-cn.csv into a ledger that
# has no calendar yet, and a machine may have run make install).
PT_DATADIR=$TRASH/no-share
export PT_DATADIR

test_count=0
test_failed=0

_test_run() {
	( eval "$1" ) >"$TRASH/.out" 2>"$TRASH/.err"
}

# _test_lint BODY: 0 when the body's chains hold; else 1, the problems in
# .err and nothing in .out.  The body is read, never run: git's trick of
# running "(exit 117) && BODY" first would run every command after a break.
_test_lint() {
	[ "${PT_TEST_CHAIN_LINT:-1}" = 0 ] && return 0
	printf '%s\n' "$1" | perl "$TESTS_DIR/chainlint.pl" >"$TRASH/.lint" 2>&1 &&
		return 0
	: >"$TRASH/.out"
	{
		echo "bug in the test script (not run): broken && chain or loop (line 1: the opening quote's):"
		cat "$TRASH/.lint"
	} >"$TRASH/.err"
	return 1
}

_test_report() {	# ok? title [directive]
	test_count=$((test_count + 1))
	if [ "$1" = 0 ]; then
		echo "ok $test_count - $2${3:+ # $3}"
	else
		[ -n "${3-}" ] || test_failed=$((test_failed + 1))
		echo "not ok $test_count - $2${3:+ # $3}"
		sed 's/^/#   out: /' "$TRASH/.out" | head -n 20
		sed 's/^/#   err: /' "$TRASH/.err" | head -n 20
	fi
}

# test_expect_success TITLE COMMANDS: the commands exit 0.
test_expect_success() {
	if _test_lint "$2"; then
		_test_run "$2"
		_test_report $? "$1"
	else
		_test_report 1 "$1"
	fi
}

# test_expect_code CODE TITLE COMMANDS: the commands exit with CODE.
test_expect_code() {
	_test_lint "$3" || { _test_report 1 "$2"; return; }
	_test_run "$3"
	rc=$?
	if [ "$rc" = "$1" ]; then
		_test_report 0 "$2"
	else
		echo "expected exit $1, got $rc" >>"$TRASH/.err"
		_test_report 1 "$2"
	fi
}

# test_expect_failure TITLE COMMANDS: a known bug: the commands should exit
# 0 but do not today.  TAP "not ok ... # TODO known breakage", which does
# not fail the script; "ok ... # TODO known breakage vanished" once fixed.
# A broken chain in its body is a real failure, as anywhere.
test_expect_failure() {
	_test_lint "$2" || { _test_report 1 "$1"; return; }
	_test_run "$2"
	if [ $? = 0 ]; then
		_test_report 0 "$1" "TODO known breakage vanished"
	else
		_test_report 1 "$1" "TODO known breakage"
	fi
}

# test_cmp EXPECTED ACTUAL: the files are equal; shows the diff if not.
test_cmp() {
	diff -u "$1" "$2" >&2
}

# test_no_match GREP-ARGS...: grep finds no line (exits 1).  Where "! grep"
# passes on a file that was never written (grep exits 2), this fails.
test_no_match() {
	grep "$@"
	[ $? = 1 ]
}

# csv_col FILE NAME: print column NAME of a simple CSV (no quoted commas).
csv_col() {
	awk -F, -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next }
		{ print $c }' "$1"
}

# Helpers of the crash and concurrency tests.

# lock_held DB: some process holds the ledger's write lock.
lock_held() {
	sqlite3 -cmd ".timeout 0" "$1" "BEGIN IMMEDIATE; ROLLBACK;" 2>&1 |
		grep -q "database is locked"
}

# stop_holding_lock PID DB [COMMAND...]: stop PID (SIGSTOP) at a moment it
# holds DB's write lock (and COMMAND, run while it is stopped, succeeds);
# try every 10 ms, for at most 60 s.
stop_holding_lock() {
	_pid=$1 _db=$2
	shift 2
	_n=0
	until kill -STOP "$_pid" && lock_held "$_db" && ${1+"$@"}; do
		kill -CONT "$_pid"
		_n=$((_n + 1))
		[ $_n -lt 6000 ] || { echo "pid $_pid never caught holding the lock" >&2; return 1; }
		sleep 0.01
	done
}

# wait_pipe_read PID: wait until PID sleeps reading a pipe, three samples
# in a row: state S in /proc/PID/stat, and a wchan naming a pipe where the
# kernel shows one.  Without /proc, wait 3 s.
wait_pipe_read() {
	[ -r /proc/"$1"/stat ] || { sleep 3; return 0; }
	i=0 n=0
	while [ $n -lt 3 ]; do
		s=$(cut -d" " -f3 /proc/"$1"/stat 2>/dev/null) || s=
		w=$(cat /proc/"$1"/wchan 2>/dev/null) || w=
		case $s:$w in
		S:*pipe* | S:0 | S:) n=$((n + 1)) ;;
		*) n=0 ;;
		esac
		i=$((i + 1))
		[ $i -le 1200 ] || { echo "pid $1 never waits on its pipe" >&2; return 1; }
		sleep 0.1
	done
}

# csv_cols FILE COL...: for each data row of CSV FILE, one line of
# "col=value" for each COL given ("NO-SUCH-COLUMN" for a column FILE
# lacks): what the figure tests compare, by column name.
csv_cols() {
	_f=$1
	shift
	awk -F, -v cols="$*" '
		NR == 1 { n = split(cols, want, " "); for (i = 1; i <= NF; i++) idx[$i] = i; next }
		{ s = ""
		  for (j = 1; j <= n; j++)
			s = s (j > 1 ? " " : "") want[j] "=" ((want[j] in idx) ? $(idx[want[j]]) : "NO-SUCH-COLUMN")
		  print s }' "$_f"
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" = 0 ]
	exit $?
}
