#!/bin/sh
# Messages and --help in the user's language: Chinese under a zh_CN locale
# (the catalogue po/zh_CN.po, built and installed as pt.mo), English under
# C; the catalogue up to date with the sources; and the data the tools
# print, their stdout and their rejects, the same whatever the locale.
. "$(dirname "$0")/lib.sh"

# every tool built, so that a new one must have its texts marked and translated
TOOLS=$(cd "$PT_BIN" && ls pt-*)
AS=2026-11-23
BUILT=${PT_UNITS:-$ROOT/build}

# Locales of our own, so that the test needs none of the system's:
# zh_CN.UTF-8, and de_DE.UTF-8, whose decimal comma, dates and collation
# would show in the data if a tool took them.  With LOCPATH set the C
# library looks there alone.
LOC=$TRASH/loc

# zh COMMAND...: run it in Chinese (LC_ALL=zh_CN.UTF-8).
zh() {
	env LOCPATH="$LOC" LC_ALL=zh_CN.UTF-8 "$@"
}

# mixed COMMAND...: messages in Chinese (LANG), every other category German.
mixed() {
	env -u LC_ALL LOCPATH="$LOC" LANG=zh_CN.UTF-8 LC_NUMERIC=de_DE.UTF-8 \
		LC_TIME=de_DE.UTF-8 LC_COLLATE=de_DE.UTF-8 LC_MONETARY=de_DE.UTF-8 \
		LC_CTYPE=de_DE.UTF-8 "$@"
}

# --- 1. the catalogue -------------------------------------------------------

test_expect_success 'po/update --check: every message of the sources is in po/zh_CN.po, translated' '
	"$ROOT/po/update" --check 2>err &&
	test ! -s err
'

test_expect_success 'po/update --check fails, naming it, on a message the catalogue lacks' '
	mkdir tree &&
	cp -R "$ROOT/po" "$ROOT/cmd" "$ROOT/lib" tree/ &&
	echo "static void probe(void) { msg_warn(\"a message no catalogue has\"); }" \
		>>tree/cmd/pt-stats.c &&
	{ tree/po/update --check 2>err; rc=$?; } &&
	test $rc = 1 &&
	grep -q "zh_CN.po: untranslated" err &&
	grep -q "a message no catalogue has" err &&
	cmp "$ROOT/po/zh_CN.po" tree/po/zh_CN.po
'

test_expect_success 'po/zh_CN.po: every message translated, none fuzzy, formats matching (msgfmt -c)' '
	msgfmt -c --statistics -o /dev/null "$ROOT/po/zh_CN.po" 2>stats &&
	grep -q "^[0-9][0-9]* translated messages\.$" stats &&
	msgattrib --untranslated --no-obsolete "$ROOT/po/zh_CN.po" >untranslated &&
	test ! -s untranslated &&
	msgattrib --only-fuzzy --no-obsolete "$ROOT/po/zh_CN.po" >fuzzy &&
	test ! -s fuzzy
'

test_expect_success 'the built catalogue is po/zh_CN.po as it is now' '
	msgunfmt "$BUILT/locale/zh_CN/LC_MESSAGES/pt.mo" >built.po &&
	msgfmt -o now.mo "$ROOT/po/zh_CN.po" && msgunfmt now.mo >now.po &&
	test_cmp now.po built.po
'

test_expect_success 'set-up: the zh_CN.UTF-8 and de_DE.UTF-8 locales, of our own' '
	mkdir loc &&
	for l in zh_CN de_DE; do
		{ localedef -i $l -f UTF-8 "$LOC/$l.UTF-8" >/dev/null 2>&1 ||
			test -f "$LOC/$l.UTF-8/LC_CTYPE"; } || exit 1
	done &&
	zh locale >locale.out 2>locale.err && test ! -s locale.err &&
	mixed locale decimal_point >dp 2>locale.err && test ! -s locale.err &&
	echo , >dp.expect && test_cmp dp.expect dp
'

# --- 2. --help and the usage ----------------------------------------------

test_expect_success 'every tool: --help in Chinese under zh_CN.UTF-8, to stdout, exit 0' '
	for t in $TOOLS; do
		zh $t --help >out 2>err &&
		grep -q "^用法：$t \[" out &&
		grep -q "^  -h, --help             显示本说明；--version 显示版本$" out &&
		test_no_match "^usage:" out &&
		test ! -s err || { echo "$t"; exit 1; }
	done
'

test_expect_success 'every tool: the Chinese --help names the same options as the English' '
	for t in $TOOLS; do
		$t --help | grep -o -- "--[a-z][a-z-]*" | sort -u >en.opts &&
		zh $t --help | grep -o -- "--[a-z][a-z-]*" | sort -u >zh.opts &&
		test_cmp en.opts zh.opts || { echo "$t"; exit 1; }
	done
'

test_expect_success 'every tool: the Chinese usage lines up as the English does' '
	for t in $TOOLS; do
		$t --help | sed -n "2,/^$/p" >en.cont &&
		zh $t --help | sed -n "2,/^$/p" | sed "s/^/ /; s/^ $//" >zh.cont &&
		test_cmp en.cont zh.cont || { echo "$t"; exit 1; }
	done
'

test_expect_success 'every tool: a bad flag gives the Chinese usage on stderr, exit 64' '
	for t in $TOOLS; do
		{ zh $t --no-such-flag >out 2>err; rc=$?; } &&
		test $rc = 64 &&
		grep -q "^用法：$t \[" err &&
		test ! -s out || { echo "$t: exit $rc"; exit 1; }
	done
'

test_expect_success 'every tool: --help in English under C.UTF-8, C, and a locale the system lacks' '
	for t in $TOOLS; do
		for l in C.UTF-8 C POSIX en_US.UTF-8; do
			env LOCPATH="$LOC" LC_ALL=$l $t --help >out 2>/dev/null &&
			grep -q "^usage: $t \[" out &&
			grep -q "^  -h, --help             this text; --version the version$" out ||
			{ echo "$t under $l"; exit 1; }
		done
	done
'

# --- 3. messages, and which variable chooses ---------------------------------

test_expect_code 64 'an option error is Chinese under zh_CN.UTF-8 (exit 64)' '
	zh pt-stats -d none.db --period 2026-13 >out 2>err
'

test_expect_success 'it reads: pt-stats: 统计期“2026-13”有误, then the usage' '
	echo "pt-stats: 统计期“2026-13”有误" >expect &&
	head -n 1 err >first && test_cmp expect first &&
	sed -n 2p err | grep -q "^用法：pt-stats " &&
	test ! -s out
'

test_expect_code 64 'the same error is English under C.UTF-8 (exit 64)' '
	pt-stats -d none.db --period 2026-13 >out 2>err
'

test_expect_success 'it reads: pt-stats: bad period '"'"'2026-13'"'"'' '
	echo "pt-stats: bad period '"'"'2026-13'"'"'" >expect &&
	head -n 1 err >first && test_cmp expect first
'

test_expect_success 'LANG, LC_MESSAGES and LANGUAGE choose as gettext reads them; C stays English' '
	L="env -u LC_ALL -u LANG -u LANGUAGE -u LC_MESSAGES LOCPATH=$LOC" &&
	for v in LANG=zh_CN.UTF-8 LC_MESSAGES=zh_CN.UTF-8 \
		"LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8" "LANG=zh_CN.UTF-8 LC_TIME=en_DK.UTF-8"; do
		{ $L $v pt-overdue --warn-days x 2>err; rc=$?; } && test $rc = 64 &&
		grep -q "^pt-overdue: --warn-days 的值“x”有误（0 至 365）$" err ||
			{ echo "$v"; exit 1; }
	done &&
	for v in "LANG=zh_CN.UTF-8 LANGUAGE=en" "LANG=zh_CN.UTF-8 LC_ALL=C.UTF-8" \
		"LC_ALL=C.UTF-8 LANGUAGE=zh_CN" "LANG=C LANGUAGE=zh_CN:en" \
		"LANG=en_US.UTF-8 LANGUAGE=zh_CN"; do
		{ $L $v pt-overdue --warn-days x 2>err; rc=$?; } && test $rc = 64 &&
		grep -q "^pt-overdue: bad --warn-days '"'"'x'"'"' (0 to 365)$" err ||
			{ echo "$v"; exit 1; }
	done
'

test_expect_success 'a file given that is not there: the system error is Chinese too' '
	{ zh pt-intake -d i.db missing.csv >out 2>err; rc=$?; } &&
	test $rc = 66 &&
	echo "pt-intake: missing.csv: 没有那个文件或目录" >expect &&
	test_cmp expect err
'

test_expect_success 'a message lib/ words (the GB18030 hint) is Chinese under zh_CN' '
	printf "received,channel,name,region,category\n2026-01-05,letter,张三,A区,城乡建设\n" |
		iconv -f UTF-8 -t GB18030 >gb.csv &&
	{ zh pt-intake -d g.db --as-of $AS gb.csv >out 2>err; rc=$?; } &&
	test $rc = 65 &&
	grep -q "^pt-intake: gb.csv:1: 不是有效的 UTF-8，而是有效的 GB18030.*-E GB18030 读取$" err
'

test_expect_success 'a tool run through a symbolic link finds the build tree catalogue' '
	ln -s "$PT_BIN/pt-stats" ./stats-link &&
	{ zh ./stats-link --period x 2>err; rc=$?; } && test $rc = 64 &&
	grep -q "^stats-link: 统计期“x”有误$" err
'

# --- 4. data never changes with the locale ---------------------------------

test_expect_success 'pt-intake: stdout and rejects the same under zh_CN (German numbers) as under C' '
	{ pt-intake -d c.db --as-of $AS --rejects c.rej "$TESTDATA/sample-intake.csv" \
		>c.out 2>c.err; rc1=$?; } &&
	{ mixed pt-intake -d z.db --as-of $AS --rejects z.rej "$TESTDATA/sample-intake.csv" \
		>z.out 2>z.err; rc2=$?; } &&
	test $rc1 = 65 && test $rc2 = 65 &&
	test -s c.out && test -s c.rej &&
	test_cmp c.out z.out &&
	test_cmp c.rej z.rej
'

test_expect_success 'its summary line is Chinese, the English one under C' '
	grep -q "^pt-intake: [0-9]* added, [0-9]* rejected, 0 already in the ledger$" c.err &&
	grep -q "^pt-intake：新登记 [0-9]* 件，拒收 [0-9]* 件，台账中已有 0 件$" z.err
'

test_expect_success 'pt-stats: the same bytes under zh_CN with German numbers and dates as under C' '
	for f in csv jsonl; do
		pt-stats -d c.db --as-of $AS --period 2026-01..2026-09 --by channel,region \
			--compare yoy --total --format $f >c.stats &&
		mixed pt-stats -d c.db --as-of $AS --period 2026-01..2026-09 --by channel,region \
			--compare yoy --total --format $f >z.stats &&
		grep -q "[0-9]\.[0-9]" c.stats &&
		test_cmp c.stats z.stats || exit 1
	done
'

test_expect_success 'set-up: r.db, September 2026 assigned by the rules, a third concluded' '
	{ pt-intake -q -d r.db --as-of 2026-09-30 "$TESTDATA/sample-intake.csv" >/dev/null 2>&1;
	  rc=$?; } && test $rc = 65 &&
	{ pt-assign -q -d r.db --as-of 2026-09-30 --pending --rules "$TESTDATA/rules.csv" \
		>assigned.csv 2>/dev/null; rc=$?; } && test $rc = 65 &&
	awk -F, "NR == 1 { print \"case_id,event,date,resolved\"; next }
		NR % 3 == 0 { print \$1 \",conclude,2026-09-30,yes\" }" assigned.csv >events.csv &&
	test $(wc -l <events.csv) -gt 50 &&
	pt-update -q -d r.db --as-of 2026-09-30 events.csv >/dev/null
'

test_expect_success 'pt-overdue and pt-report (its rates by unit): the same bytes under zh_CN as under C' '
	{ pt-overdue -d r.db --as-of 2026-09-30 --all >c.od 2>/dev/null; rc1=$?; } &&
	{ mixed pt-overdue -d r.db --as-of 2026-09-30 --all >z.od 2>/dev/null; rc2=$?; } &&
	test $rc1 = $rc2 && test -s c.od && test_cmp c.od z.od &&
	for f in text md html; do
		pt-report -q -d r.db --as-of 2026-09-30 --period 2026-09 --format $f >c.rep &&
		mixed pt-report -q -d r.db --as-of 2026-09-30 --period 2026-09 --format $f >z.rep &&
		grep -q "100\.0" c.rep &&
		test_cmp c.rep z.rep || exit 1
	done
'

# --- 5. installed ------------------------------------------------------------

test_expect_success 'make install puts pt.mo in PREFIX/share/locale; the installed tools speak Chinese' '
	make -s -C "$ROOT" install DESTDIR="$TRASH/inst" PREFIX=/usr \
		BIN="$PT_BIN" BUILD="$BUILT" >make.out 2>&1 &&
	cmp "$BUILT/locale/zh_CN/LC_MESSAGES/pt.mo" inst/usr/share/locale/zh_CN/LC_MESSAGES/pt.mo &&
	{ zh inst/usr/bin/pt-report --kind x 2>err; rc=$?; } && test $rc = 64 &&
	grep -q "^pt-report: 未知的通报类型“x”" err &&
	{ inst/usr/bin/pt-report --kind x 2>err; rc=$?; } && test $rc = 64 &&
	grep -q "^pt-report: unknown kind '"'"'x'"'"'" err
'

test_expect_success 'make uninstall removes the catalogue' '
	make -s -C "$ROOT" uninstall DESTDIR="$TRASH/inst" PREFIX=/usr \
		BIN="$PT_BIN" BUILD="$BUILT" >make.out 2>&1 &&
	test ! -e inst/usr/share/locale/zh_CN/LC_MESSAGES/pt.mo
'

test_done
