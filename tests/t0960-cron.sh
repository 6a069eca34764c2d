#!/bin/sh
# The README's crontab lines do what their comments say: each mails when,
# and only when, there is something to tell (red cases, a refused row or
# file, a tool that fails), and a good day mails nothing.
. "$(dirname "$0")/lib.sh"

# The crontab block of the README's "Running from cron": its variable lines
# and its job lines (the schedule's five fields left out), with the office's
# paths moved into the scratch directory.
cron_lines() {
	awk '/^Running from cron/ { on = 1 } on && /^Layout/ { exit } on' "$ROOT/README" |
	sed -n 's/^    \([A-Z_]*=.*\)$/\1/p; s/^    [0-9*][^ ]* [^ ]* [^ ]* [^ ]* [^ ]* //p' |
	sed "s|/srv/pt/|@SRV@/|g; s|/srv/in/|@IN@/|g; s|/tmp/|@TMP@/|g" |
	sed "s|@SRV@|$TRASH/srv|g; s|@IN@|$TRASH/in|g; s|@TMP@|$TRASH/tmp|g"
}

# A mail that keeps what it was given: mail.N holds the subject, then the body.
mkdir bin-mail srv in tmp &&
cat >bin-mail/mail <<'EOF'
#!/bin/sh
n=$(ls "$MAILDIR" | wc -l)
{ echo "subject: $2"; cat; } >"$MAILDIR/mail.$n"
EOF
chmod +x bin-mail/mail
MAILDIR=$TRASH/mails
export MAILDIR

# run_job N: run the crontab's Nth job as cron does (sh -c, the crontab's
# variables in its environment, nothing on standard input).
run_job() {
	cron_lines >lines &&
	grep '^[A-Z_]*=' lines >vars &&
	grep -v '^[A-Z_]*=' lines | grep -v '^#' | sed -n "$1p" >job &&
	test -s job &&
	rm -rf "$MAILDIR" && mkdir "$MAILDIR" &&
	env -i HOME="$TRASH" PATH="$TRASH/bin-mail:$PT_BIN:/usr/bin:/bin" \
		PT_DATADIR="$PT_DATADIR" MAILDIR="$MAILDIR" $(cat vars) sh -c "$(cat job)" </dev/null
}

mails() { ls "$MAILDIR" | wc -l; }

test_expect_success 'the README has the two jobs and sets PT_DB and TZ' '
	cron_lines >lines &&
	grep -q "^PT_DB=$TRASH/srv/ledger.db$" lines &&
	grep -q "^TZ=Asia/Shanghai$" lines &&
	test "$(grep -v "^[A-Z_]*=" lines | grep -v "^#" | wc -l)" = 2
'

test_expect_success 'setup: the hotline file, and one with a bad row' '
	printf "received,channel,name,region,category\n" >good &&
	printf "2026-01-05,phone,张三,青山区,劳动社保\n2026-01-06,visit,李四,东河区,城乡建设\n" >>good &&
	cp good in/12345.csv &&
	{ cat good && printf "2026-01-07,telex,王五,东河区,城乡建设\n"; } >bad.csv
'

test_expect_success 'the overdue job without a ledger mails the error' '
	run_job 1 &&
	test "$(mails)" = 1 &&
	grep "^subject: overdue petitions" mails/mail.0 &&
	grep "^pt-overdue: .*ledger.db" mails/mail.0
'

test_expect_success 'the intake job registers the file and mails nothing' '
	run_job 2 &&
	test "$(mails)" = 0 &&
	test "$(sqlite3 srv/ledger.db "SELECT count(*) FROM cases")" = 2
'

test_expect_success 'the intake job again on the same file adds nothing, mails nothing' '
	run_job 2 &&
	test "$(mails)" = 0 &&
	test "$(sqlite3 srv/ledger.db "SELECT count(*) FROM cases")" = 2
'

test_expect_success 'a refused row is mailed with its line, and kept in the rejects' '
	cp bad.csv in/12345.csv &&
	run_job 2 &&
	test "$(mails)" = 1 &&
	grep "^subject: intake refused rows" mails/mail.0 &&
	grep "12345.csv:4: unknown channel" mails/mail.0 &&
	grep -q telex in/rejects.csv
'

test_expect_success 'a file that cannot be read is mailed' '
	rm in/12345.csv &&
	run_job 2 &&
	test "$(mails)" = 1 &&
	grep "12345.csv" mails/mail.0
'

# The cases were received in January 2026; TZ fixes the date they are late
# by, and the tools take today as the local date: they are red by now.
test_expect_success 'the overdue job mails the red cases, as CSV' '
	run_job 1 &&
	test "$(mails)" = 1 &&
	sed 1d mails/mail.0 >red.csv &&
	head -n 1 red.csv | grep -q "^case_id,color," &&
	test "$(grep -c ",red," red.csv)" = 2
'

test_expect_success 'no red case, no mail' '
	sqlite3 srv/ledger.db "SELECT case_id || '"',reject,2026-01-10'"' FROM case_view" >ev &&
	{ echo case_id,event,date && cat ev; } | pt-update -q -d srv/ledger.db >/dev/null &&
	run_job 1 &&
	test "$(mails)" = 0
'

test_done
