#!/bin/sh
# The README's tour runs as written; bash completion covers every long
# option; make install installs what the README says.
. "$(dirname "$0")/lib.sh"

# tour_split README DIR: split the README's tour into DIR/cmd.N (the
# command), DIR/exp.N (the output it shows) and DIR/code.N (the exit status
# it says: "# exits N" on its line, else 0), and DIR/count.  The convention,
# which the tour states: a line indented 4 spaces that starts with "$ " is a
# command; one whose line ends in "\" or "|" goes on over the next lines;
# the indented lines after it, up to a blank line or the next command, are
# what it prints, standard output then standard error ("..." standing for
# any lines); a command shown without output prints nothing.
tour_split() {
	mkdir -p "$2" &&
	awk -v dir="$2" '
	function code_of(s) { return match(s, /# exits [0-9]+/) ? substr(s, RSTART + 8, RLENGTH - 8) + 0 : -1 }
	function put(f, s) { print s >> (dir "/" f "." n); close(dir "/" f "." n) }
	/^    \$ / {
		n++; line = substr($0, 7); cont = line ~ /(\\|\|)$/
		put("cmd", line); c = code_of(line); code[n] = c < 0 ? 0 : c
		printf "" > (dir "/exp." n); close(dir "/exp." n)
		inout = 1; next
	}
	inout && cont && /^    / {
		line = substr($0, 5); cont = line ~ /(\\|\|)$/
		put("cmd", line); c = code_of(line); if (c >= 0) code[n] = c
		next
	}
	inout && /^    / { put("exp", substr($0, 5)); next }
	{ inout = 0; cont = 0 }
	END {
		for (i = 1; i <= n; i++) { print code[i] > (dir "/code." i); close(dir "/code." i) }
		print n + 0 > (dir "/count")
	}' "$1"
}

# The runner: every command in order, in one shell (an export holds for
# the commands after it), from DIR, its output and status kept.
cat >"$TRASH/run-tour" <<'RUN'
cd "$1" || exit 1
n=$(cat "$2/count") i=1
while [ "$i" -le "$n" ]; do
	{ eval "$(cat "$2/cmd.$i")"; } >"$2/out.$i" 2>"$2/err.$i" </dev/null
	echo $? >"$2/rc.$i"
	i=$((i + 1))
done
RUN

# tour_match EXP ACTUAL: ACTUAL is EXP, a line "..." in EXP matching any lines.
cat >"$TRASH/tour-match" <<'PL'
open my $e, '<', $ARGV[0] or die; open my $a, '<', $ARGV[1] or die;
local $/; my $exp = <$e>; my $act = <$a>;
my $re = join '', map { $_ eq '...' ? '(?:[^\n]*\n)*?' : quotemeta($_) . '\n' } split /\n/, $exp;
exit($act =~ /\A$re\z/ ? 0 : 1);
PL
tour_match() {
	perl "$TRASH/tour-match" "$1" "$2" || { diff -u "$1" "$2" >&2; return 1; }
}

# tour_setup README: a scratch copy of the repository's testdata/ and a
# bin/ that is $PT_BIN, in $TRASH/root; the tour's pieces in $TRASH/tour-in.
tour_setup() {
	rm -rf "$TRASH/root" "$TRASH/tour-in" &&
	mkdir "$TRASH/root" &&
	cp -R "$ROOT/testdata" "$TRASH/root/testdata" &&
	ln -s "$PT_BIN" "$TRASH/root/bin" &&
	tour_split "$1" "$TRASH/tour-in" &&
	sh "$TRASH/run-tour" "$TRASH/root" "$TRASH/tour-in"
}

# tour_ok DIR: every command exited as said and printed what is shown.
tour_ok() {
	n=$(cat "$1/count") && i=1 &&
	while [ "$i" -le "$n" ]; do
		cat "$1/out.$i" "$1/err.$i" >"$1/all.$i" &&
		if [ "$(cat "$1/rc.$i")" != "$(cat "$1/code.$i")" ]; then
			echo "tour command $i exited $(cat "$1/rc.$i"), not $(cat "$1/code.$i"): $(cat "$1/cmd.$i")" >&2
			return 1
		fi &&
		{ tour_match "$1/exp.$i" "$1/all.$i" ||
			{ echo "tour command $i printed otherwise: $(cat "$1/cmd.$i")" >&2; return 1; }; } &&
		i=$((i + 1)) || return 1
	done
}

test_expect_success 'the README has a tour of at least 15 commands' '
	tour_split "$ROOT/README" split &&
	test "$(cat split/count)" -ge 15 &&
	grep -q "^pt-intake" split/cmd.3 &&
	grep -qx 65 split/code.3
'

tour_setup "$ROOT/README"
n=$(cat "$TRASH/tour-in/count")
i=1
while [ "$i" -le "$n" ]; do
	test_expect_success "README tour $i: $(head -n 1 "$TRASH/tour-in/cmd.$i" | sed 's/  *# exits.*//')" "
		d=\"\$TRASH/tour-in\" &&
		cat \"\$d/out.$i\" \"\$d/err.$i\" >all.$i &&
		echo \"exit \$(cat \"\$d/rc.$i\")\" >rc &&
		echo \"exit \$(cat \"\$d/code.$i\")\" >code &&
		test_cmp code rc &&
		tour_match \"\$d/exp.$i\" all.$i
	"
	i=$((i + 1))
done

test_expect_success 'the tour used only testdata/ and wrote only into tour/' '
	(cd "$TRASH/root" && ls) >ls &&
	printf "%s\n" bin testdata tour >ls.expect &&
	test_cmp ls.expect ls &&
	diff -r "$ROOT/testdata" "$TRASH/root/testdata"
'

test_expect_success 'a README command that breaks fails the tour check' '
	sed "s|--rules testdata/rules.csv --calendar|--rules testdata/no-such-rules.csv --calendar|" \
		"$ROOT/README" >README.broken &&
	! cmp -s "$ROOT/README" README.broken &&
	tour_split README.broken broken &&
	rm -rf root2 && mkdir root2 && cp -R "$ROOT/testdata" root2/testdata &&
	ln -s "$PT_BIN" root2/bin &&
	sh "$TRASH/run-tour" "$TRASH/root2" "$TRASH/broken" &&
	! tour_ok broken 2>why &&
	grep "tour command [0-9]* exited 66, not 65: pt-assign" why
'

test_expect_success 'output a README shows but a command does not print fails the check' '
	sed "s|^    pt-intake: 396 added, 4 rejected|    pt-intake: 397 added, 4 rejected|" \
		"$ROOT/README" >README.wrong &&
	! cmp -s "$ROOT/README" README.wrong &&
	tour_split README.wrong wrong &&
	rm -rf root3 && mkdir root3 && cp -R "$ROOT/testdata" root3/testdata &&
	ln -s "$PT_BIN" root3/bin &&
	sh "$TRASH/run-tour" "$TRASH/root3" "$TRASH/wrong" &&
	! tour_ok wrong 2>why &&
	grep "tour command 3 printed otherwise: pt-intake" why
'

test_expect_success 'the unbroken tour passes the same check' '
	tour_ok "$TRASH/tour-in"
'

# ---------------------------------------------------------------------------
# Bash completion, made from each tool's --help by scripts/pt-completion.

test_expect_success 'the completion script is valid bash' '
	sh "$ROOT/scripts/pt-completion" "$PT_BIN"/pt-* >pt.bash &&
	bash -n pt.bash &&
	test "$(grep -c "^complete -F" pt.bash)" = "$(ls "$PT_BIN"/pt-* | wc -l)"
'

# complete_words TOOL WORD...: what the completion offers for the last WORD.
cat >"$TRASH/complete" <<'SH'
. ./pt.bash
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
fn=_$(echo "$1" | tr - _)
"$fn"
printf '%s\n' "${COMPREPLY[@]}" | sort
SH

for tool in "$PT_BIN"/pt-*; do
	t=$(basename "$tool")
	test_expect_success "every long option of $t --help is completed" "
		$t --help | grep -o -- '--[a-z][a-z-]*' | sort -u >opts &&
		test -s opts &&
		bash \"\$TRASH/complete\" $t -- >offered &&
		test_cmp opts offered
	"
done

test_expect_success 'option values and file names are completed' '
	bash "$TRASH/complete" pt-report --format "" >v &&
	printf "%s\n" html md text >v.expect && test_cmp v.expect v &&
	bash "$TRASH/complete" pt-stats --compare y >v &&
	echo yoy >v.expect && test_cmp v.expect v &&
	mkdir -p cdir && : >cdir/rules-a.csv &&
	bash "$TRASH/complete" pt-assign --rules cdir/ru >v &&
	echo cdir/rules-a.csv >v.expect && test_cmp v.expect v &&
	bash "$TRASH/complete" pt-intake -d cdir/r >v &&
	test_cmp v.expect v &&
	bash "$TRASH/complete" pt-intake --unm >v &&
	echo --unmask >v.expect && test_cmp v.expect v
'

# ---------------------------------------------------------------------------
# make install and uninstall, into a DESTDIR.

test_expect_success 'make install DESTDIR=... PREFIX=/usr installs tools, pages, completion, calendar' '
	make -s -C "$ROOT" install DESTDIR="$TRASH/inst" PREFIX=/usr \
		BIN="$PT_BIN" BUILD="${PT_UNITS:-$ROOT/build}" >make.out 2>&1 &&
	(cd inst && find . -type f | sort) >installed &&
	{
		for t in "$PT_BIN"/pt-*; do echo "./usr/bin/${t##*/}" || exit 1; done &&
		for t in "$PT_BIN"/pt-*; do echo "./usr/share/bash-completion/completions/${t##*/}" || exit 1; done &&
		for m in "$ROOT"/man/*.1; do echo "./usr/share/man/man1/${m##*/}" || exit 1; done &&
		for m in "$ROOT"/man/*.5; do echo "./usr/share/man/man5/${m##*/}" || exit 1; done &&
		echo ./usr/share/man/man7/pt.7 &&
		echo ./usr/share/pt/calendar-cn.csv &&
		echo ./usr/share/locale/zh_CN/LC_MESSAGES/pt.mo
	} | sort >expected &&
	test_cmp expected installed &&
	cmp "$ROOT/testdata/calendar-cn.csv" inst/usr/share/pt/calendar-cn.csv &&
	cmp "$ROOT/man/pt.7" inst/usr/share/man/man7/pt.7 &&
	test -x inst/usr/bin/pt-intake &&
	inst/usr/bin/pt-intake --version >v && grep -q "^pt-intake " v &&
	bash -n inst/usr/share/bash-completion/completions/pt-stats &&
	grep -q "^complete -F _pt_stats pt-stats" inst/usr/share/bash-completion/completions/pt-stats
'

test_expect_success 'make uninstall removes what install put there' '
	make -s -C "$ROOT" uninstall DESTDIR="$TRASH/inst" PREFIX=/usr \
		BIN="$PT_BIN" BUILD="${PT_UNITS:-$ROOT/build}" >make.out 2>&1 &&
	(cd inst && find . -type f) >left &&
	test ! -s left
'

# ---------------------------------------------------------------------------
# pt(7), the overview.

test_expect_success 'pt(7) renders without warnings' '
	groff -mdoc -Tutf8 -ww -z "$ROOT/man/pt.7" 2>err &&
	test ! -s err
'

test_expect_success 'pt(7) names every tool and every other page in SEE ALSO' '
	sed -n "/^\.Sh SEE ALSO/,/^\.Sh/p" "$ROOT/man/pt.7" >see &&
	for m in "$ROOT"/man/pt-*.[0-9]; do
		b=${m##*/} &&
		grep -q "^\.Xr ${b%.*} ${b##*.}" see || { echo "missing $b" >&2; exit 1; }
	done &&
	for t in "$PT_BIN"/pt-*; do
		grep -q "^\.It Xr ${t##*/} 1" "$ROOT/man/pt.7" || { echo "no entry for ${t##*/}" >&2; exit 1; }
	done
'

test_expect_success 'pt(7) lists every exit status the pages use' '
	for n in 0 1 64 65 66 69 70 73 74 75; do
		sed -n "/^\.Sh EXIT STATUS/,/^\.Sh/p" "$ROOT/man/pt.7" | grep -qx "\.It $n" ||
			{ echo "no exit status $n" >&2; exit 1; }
	done
'

test_expect_success 'the README and pt(7) refer to nothing outside the repository' '
	test_no_match -n -i -e "SPEC\.md" -e "shared folder" -e "\.\./shared" -e "the issue" \
		"$ROOT/README" "$ROOT/man/pt.7" "$ROOT/bench/README"
'

test_done
