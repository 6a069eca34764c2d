#!/bin/sh
# Privacy and security: SQL only with bound parameters (string-built SQL is
# found by reading the sources), no program run and no shell, the ledger
# and its -wal, -shm and the rejects created 0600, ID numbers and phones
# masked in every listing and report unless --unmask, and --excel
# neutralising what a spreadsheet would run as a formula.
. "$(dirname "$0")/lib.sh"

# ---------------------------------------------------------------------------
# 1. SQL text and programs run, read from cmd/*.c and lib/*.c.
#
# sqlcheck.pl ALLOWLIST FILE... (below) parses the C well enough for pt's
# style(9) sources: a function's name starts its line; calls are matched
# with their parentheses; comments are dropped, strings kept.

cat >sqlcheck.pl <<'EOF_PERL'
#!/usr/bin/perl
# sqlcheck.pl ALLOWLIST FILE...: how SQL text is made in pt's C sources.
#
# 1. No call runs a shell or another program (system, popen, exec*,
#    posix_spawn*, fork, wordexp) and none uses SQLite's own printf
#    (sqlite3_mprintf and kin: quoting instead of binding).
# 2. Every SQL sink (ledger_exec, ledger_prepare, sqlite3_exec,
#    sqlite3_prepare*, and any function that passes its parameter on to
#    one) gets a string literal, or its SQL is built in a function on the
#    allow-list.
# 3. Every format call that builds SQL (snprintf, strbuf_addf, ...: its
#    format reads as SQL, or its buffer ends in a sink) is in a function on
#    the allow-list, with no more %s than the list reviewed; and every %s
#    argument is a literal, a static const string, an SQL buffer built the
#    same way, or a parameter that every caller fills with one of these
#    (followed up the calls).  Integers (%d, %ld, %zu) are always fine.
#
# The allow-list has one line per function: FILE:FUNCTION N ARGS..., where
# N is the number of %s the function's SQL formats hold and ARGS the
# expressions they take, as reviewed.  Prints "sqlcheck: ..." per problem
# and exits 1 when there is any.
use strict;
use warnings;

my $allowfile = shift @ARGV;
my (%allow_n, %allow_args);
open my $af, '<', $allowfile or die "sqlcheck: $allowfile: $!\n";
while (<$af>) {
	s/#.*//;
	next unless /\S/;
	my ($where, $n, @args) = split;
	$allow_n{$where} = $n;
	$allow_args{$where} = { map { $_ => 1 } @args };
}
close $af;

my $STR = qr/"(?:[^"\\\n]|\\.)*"/;
my $CHR = qr/'(?:[^'\\\n]|\\.)*'/;
my $PAREN;
$PAREN = qr/\((?:[^()"']++|$STR|$CHR|(??{ $PAREN }))*\)/;

my @problems;
sub problem { push @problems, "sqlcheck: $_[0]" }

# Per file: text without comments, line -> function, macros, static strings.
my (%text, %funcs, %macros, %statics, %tables);
# functions{name} = { file, params => [..], start, end }
my %fn;

for my $file (@ARGV) {
	open my $fh, '<', $file or die "sqlcheck: $file: $!\n";
	local $/;
	my $src = <$fh>;
	close $fh;
	# comments become spaces (newlines kept); strings and chars stay
	$src =~ s{(/\*.*?\*/|//[^\n]*)|($STR|$CHR)}{
		defined $1 ? ($1 =~ s/[^\n]/ /gr) : $2
	}gse;
	$text{$file} = $src;
	# string macros: #define NAME "..." "..." (with continuation lines)
	while ($src =~ /^#\s*define\s+(\w+)[ \t]+((?:$STR[ \t]*(?:\\\n[ \t]*)?)+)$/mg) {
		my ($name, $body) = ($1, $2);
		$macros{$file}{$name} = join '', map { substr $_, 1, -1 } $body =~ /($STR)/g;
	}
	# static const strings: static const char NAME[] = "..." "...";
	while ($src =~ /\bstatic\s+const\s+char\s+(\w+)\s*\[\]\s*=\s*((?:$STR\s*)+);/g) {
		$statics{$file}{$1} = 1;
	}
	# static const tables whose char * fields are string literals (and macros
	# of them) only: static const struct T { ... } NAME[N] = { ... };
	while ($src =~ /\bstatic\s+const\s+struct\s+\w+\s*\{[^}]*\}\s*(\w+)\s*\[\w*\]\s*=\s*\{(.*?)\n\};/gs) {
		my ($name, $body) = ($1, $2);
		$body =~ s/$STR/""/g;
		$tables{$file}{$name} = 1 unless $body =~ /[=,{]\s*[a-z_]\w*\s*(?:\(|->|\.)/;
	}
	# function definitions: the name at the start of a line (style(9))
	my @lines = split /\n/, $src, -1;
	my @starts;
	my $pos = 0;
	for my $i (0 .. $#lines) {
		if ($lines[$i] =~ /^([A-Za-z_]\w*)\(/) {
			my $name = $1;
			my $rest = substr $src, $pos + length($name);
			my ($plist) = $rest =~ /^($PAREN)\s*\{/;
			if (!defined $plist) { $pos += length($lines[$i]) + 1; next }
			my @params;
			if (defined $plist) {
				for my $p (split /,/, substr($plist, 1, -1)) {
					push @params, $p =~ /(\w+)\s*(?:\[[^\]]*\]\s*)*$/ ? $1 : '';
				}
			}
			push @starts, [$name, $pos, \@params];
		}
		$pos += length($lines[$i]) + 1;
	}
	for my $k (0 .. $#starts) {
		my ($name, $start, $params) = @{$starts[$k]};
		my $end = $k < $#starts ? $starts[$k + 1][1] : length $src;
		push @{$funcs{$file}}, { name => $name, start => $start, end => $end, params => $params };
		$fn{$name} //= [];
		push @{$fn{$name}}, { file => $file, params => $params };
	}
}

sub func_at {	# file, offset -> function record or undef
	my ($file, $off) = @_;
	for my $f (@{$funcs{$file} || []}) {
		return $f if $off >= $f->{start} && $off < $f->{end};
	}
	return undef;
}

sub line_at { my ($file, $off) = @_; 1 + (substr($text{$file}, 0, $off) =~ tr/\n//) }

sub split_args {	# "(a, f(b, c), "x,y")" -> ("a", "f(b, c)", "\"x,y\"")
	my $s = substr $_[0], 1, -1;
	my @args;
	my ($depth, $cur) = (0, '');
	while ($s =~ /\G($STR|$CHR|[(\[]|[)\]]|,|[^"'(),\[\]]+)/gc) {
		my $t = $1;
		if ($t eq '(' || $t eq '[') { $depth++ }
		elsif ($t eq ')' || $t eq ']') { $depth-- }
		elsif ($t eq ',' && $depth == 0) { push @args, $cur; $cur = ''; next }
		$cur .= $t;
	}
	push @args, $cur if $cur =~ /\S/ || @args;
	s/^\s+|\s+$//gs for @args;
	return @args;
}

# calls NAMERE: every call in every file: [file, offset, name, args, func]
sub calls {
	my ($re) = @_;
	my @out;
	for my $file (sort keys %text) {
		my $src = $text{$file};
		while ($src =~ /(?<![\w.>])($re)\s*($PAREN)/g) {
			my ($name, $plist) = ($1, $2);
			my $off = $-[1];
			my $f = func_at($file, $off);
			# a definition is not a call
			next if $f && $f->{start} == $off;
			push @out, [$file, $off, $name, [split_args($plist)], $f];
		}
	}
	return @out;
}

# the text of string literals and string macros in an expression, or undef
# when it holds anything else
sub literal {
	my ($file, $e) = @_;
	my $s = '';
	my $any = 0;
	while ($e =~ /\G\s*($STR|[A-Z][A-Z0-9_]*)\s*/gc) {
		my $t = $1;
		if ($t =~ /^"/) { $s .= substr $t, 1, -1; $any = 1 }
		elsif (exists $macros{$file}{$t}) { $s .= $macros{$file}{$t} }
		else { return undef }
	}
	return undef unless $any && (pos($e) // 0) == length $e;
	return $s;
}

sub where { my ($c) = @_; "$c->[0]:" . ($c->[4] ? $c->[4]{name} : '-') }
sub at { my ($c) = @_; "$c->[0]:" . line_at($c->[0], $c->[1]) }

# 1. no shell, no program run, no SQLite printf
for my $c (calls(qr/system|popen|exec[lv]p?e?|execvpe|fexecve|posix_spawnp?|fork|vfork|wordexp|sqlite3_v?mprintf|sqlite3_v?snprintf|sqlite3_str_v?appendf|sqlite3_load_extension/)) {
	problem(at($c) . ": $c->[2]() in " . where($c));
}

# 2. the sinks, and the functions that pass their parameter on to one
my %sink = (ledger_exec => 1, ledger_prepare => 1, sqlite3_exec => 1,
	    sqlite3_prepare => 1, sqlite3_prepare_v2 => 1, sqlite3_prepare_v3 => 1,
	    sqlite3_prepare16 => 1, sqlite3_prepare16_v2 => 1, sqlite3_prepare16_v3 => 1);
my @dynamic;	# sink calls with SQL that is not a literal
my $changed = 1;
while ($changed) {
	$changed = 0;
	@dynamic = ();
	my $re = join '|', sort { length $b <=> length $a } keys %sink;
	for my $c (calls(qr/$re/)) {
		my $sql = $c->[3][$sink{$c->[2]}];
		next if !defined $sql;
		next if defined literal($c->[0], $sql);
		my $f = $c->[4];
		# a wrapper: its own parameter goes to the sink
		if ($f && $sql =~ /^\w+$/) {
			my @p = @{$f->{params}};
			my ($k) = grep { $p[$_] eq $sql } 0 .. $#p;
			if (defined $k) {
				if (!exists $sink{$f->{name}}) { $sink{$f->{name}} = $k; $changed = 1 }
				next;
			}
		}
		push @dynamic, [$c, $sql];
	}
}

# 3. SQL built by formats
my $SQLWORD = qr/\b(?:SELECT|INSERT|UPDATE|DELETE|REPLACE|PRAGMA|WHERE|FROM|JOIN|GROUP\s+BY|ORDER\s+BY|VALUES|ATTACH|UNION|AND|OR|IS\s+NULL|LIMIT)\b|\b(?:sum|count|substr|ifnull|coalesce|date|julianday|group_concat|total)\(/;
my %fmt_arg = (snprintf => 2, vsnprintf => 2, strbuf_addf => 1, asprintf => 1,
	       vasprintf => 1, sprintf => 1, dprintf => 1);
my @fmtcalls = calls(qr/snprintf|vsnprintf|strbuf_addf|v?asprintf|sprintf|dprintf/);
my $appendre = qr/strbuf_adds|strbuf_add|strbuf_addch|strbuf_insert|strcat|strncat|memcpy/;
my @appends = calls($appendre);

sub bufname { my ($e) = @_; $e =~ s/^&\s*//; $e =~ s/(?:\.|->)buf$//; $e =~ /^(\w+)$/ ? $1 : undef }
sub fkey { my ($file, $f) = @_; "$file:" . ($f ? $f->{name} : '-') }

# SQL buffers per function: names that go to a sink, and (to a fixpoint)
# names that are %s arguments of SQL formats or the buffers of SQL formats
my %sqlbuf;	# "file:func" -> { name => 1 }
for my $d (@dynamic) {
	my ($c, $sql) = @$d;
	my $b = bufname($sql);
	$sqlbuf{fkey($c->[0], $c->[4])}{$b} = 1 if defined $b;
}
sub fmt_of {	# format call -> (format text or undef, index of the format)
	my ($c) = @_;
	my $k = $fmt_arg{$c->[2]};
	return (undef, $k) unless defined $c->[3][$k];
	return (literal($c->[0], $c->[3][$k]), $k);
}
my %sqlfmt;	# index in @fmtcalls -> 1
$changed = 1;
while ($changed) {
	$changed = 0;
	for my $i (0 .. $#fmtcalls) {
		next if $sqlfmt{$i};
		my $c = $fmtcalls[$i];
		my ($fmt) = fmt_of($c);
		my $b = bufname($c->[3][0]);
		my $key = fkey($c->[0], $c->[4]);
		if ((defined $fmt && $fmt =~ $SQLWORD) || (defined $b && $sqlbuf{$key}{$b})) {
			$sqlfmt{$i} = 1;
			$changed = 1;
			$sqlbuf{$key}{$b} = 1 if defined $b;
			my ($f, $k) = fmt_of($c);
			my @a = @{$c->[3]};
			for my $e (@a[$k + 1 .. $#a]) {
				my $n = bufname($e);
				$sqlbuf{$key}{$n} = 1 if defined $n && !$sqlbuf{$key}{$n};
			}
		}
	}
}

# the buffers SQL formats and appends write into
my %sqldest;
for my $i (keys %sqlfmt) {
	my $c = $fmtcalls[$i];
	my $b = bufname($c->[3][0]);
	$sqldest{fkey($c->[0], $c->[4])}{$b} = 1 if defined $b;
}
for my $c (@appends) {
	my $key = fkey($c->[0], $c->[4]);
	my $b = bufname($c->[3][0] // '');
	$sqldest{$key}{$b} = 1 if defined $b && $sqlbuf{$key}{$b};
}

# reassigned FILE FUNC NAME: the function assigns NAME something but a literal
sub reassigned {
	my ($file, $f, $n) = @_;
	return 0 unless $f;
	my $body = substr $text{$file}, $f->{start}, $f->{end} - $f->{start};
	while ($body =~ /(?<![\w.>])\Q$n\E\s*(?:\[[^\]]*\]\s*)*=(?!=)\s*([^;]*);/g) {
		my $rhs = $1;
		return 1 unless defined literal($file, $rhs);
	}
	return 0;
}

# the %s conversions of a format, with the index of the argument each takes
sub conversions {
	my ($fmt) = @_;
	my @conv;
	my $argi = 0;
	while ($fmt =~ /%(%|[-+ #0']*(\*|\d+)?(?:\.(\*|\d+))?(?:hh|h|ll|l|L|q|j|z|Z|t)?([a-zA-Z]))/g) {
		next if $1 eq '%';
		$argi++ if defined $2 && $2 eq '*';
		$argi++ if defined $3 && $3 eq '*';
		push @conv, [$4, $argi];
		$argi++;
	}
	return @conv;
}

sub constant_expr {
	my ($file, $e) = @_;
	return defined literal($file, $e) || $e =~ /^[^"?]*\?\s*$STR\s*:\s*$STR$/;
}

# follow a %s argument: is it made only of reviewed, constant SQL?
my %param_checked;
sub safe_expr {
	my ($file, $f, $e, $depth) = @_;
	return 1 if defined literal($file, $e);
	# cond ? "lit" : "lit"
	if ($e =~ /^[^"?]*\?\s*($STR)\s*:\s*($STR)$/) { return 1 }
	# a field of a static table of literals: NAME[i].field
	return 1 if $e =~ /^(\w+)\s*\[[^\]]*\]\.\w+$/ && $tables{$file}{$1};
	my $n = bufname($e);
	return 0 unless defined $n;
	return 1 if $statics{$file}{$n};
	my $key = fkey($file, $f);
	if ($f) {
		my @p = @{$f->{params}};
		my ($k) = grep { $p[$_] eq $n } 0 .. $#p;
		if (defined $k) {
			# a parameter: what every caller passes must be safe too
			return check_param($f->{name}, $k, $depth + 1);
		}
	}
	# a local SQL buffer: only SQL formats and appends (checked here)
	# write it, and nothing assigns it
	return 0 if reassigned($file, $f, $n);
	return 1 if $sqldest{$key}{$n};
	# filled by a function that builds SQL into that parameter
	for my $c (calls(qr/\w+/)) {
		next unless $c->[0] eq $file && fkey($c->[0], $c->[4]) eq $key;
		my @a = @{$c->[3]};
		for my $k (0 .. $#a) {
			next unless $a[$k] =~ /^&\s*\Q$n\E$/;
			for my $def (@{$fn{$c->[2]} || []}) {
				my $pn = $def->{params}[$k] // '';
				return 1 if $sqldest{"$def->{file}:$c->[2]"}{$pn};
			}
		}
	}
	return 0;
}
sub check_param {
	my ($name, $k, $depth) = @_;
	return 1 if $depth > 8;
	return $param_checked{"$name/$k"} if exists $param_checked{"$name/$k"};
	$param_checked{"$name/$k"} = 1;	# cut cycles
	my $ok = 1;
	for my $c (calls(qr/\Q$name\E/)) {
		next unless $c->[2] eq $name;
		my $e = $c->[3][$k];
		next unless defined $e;
		unless (safe_expr($c->[0], $c->[4], $e, $depth)) {
			problem(at($c) . ": " . where($c) . " passes '$e' to $name() where SQL is built from it");
			$ok = 0;
		}
	}
	return $param_checked{"$name/$k"} = $ok;
}

my %count;	# "file:func" -> number of %s in its SQL formats
my %seen_fn;
for my $i (sort { $a <=> $b } keys %sqlfmt) {
	my $c = $fmtcalls[$i];
	my $key = fkey($c->[0], $c->[4]);
	my ($fmt, $k) = fmt_of($c);
	if (!defined $fmt) {
		problem(at($c) . ": $key builds SQL with a format that is not a literal");
		next;
	}
	$seen_fn{$key} = 1;
	for my $cv (conversions($fmt)) {
		my ($conv, $ai) = @$cv;
		next unless $conv eq 's' || $conv eq 'c' || $conv eq 'S' || $conv eq 'p';
		$count{$key}++;
		my $e = $c->[3][$k + 1 + $ai] // '?';
		if (!exists $allow_n{$key}) {
			problem(at($c) . ": %$conv in SQL built by $key (not on the allow-list) from '$e'");
		} elsif (!constant_expr($c->[0], $e) && !$allow_args{$key}{$e}) {
			problem(at($c) . ": %$conv in SQL built by $key from '$e', not an argument the allow-list reviewed");
		} elsif (!safe_expr($c->[0], $c->[4], $e, 0)) {
			problem(at($c) . ": %$conv in SQL built by $key from '$e', which is not constant SQL");
		}
	}
}
for my $key (sort keys %count) {
	next unless exists $allow_n{$key};
	problem("$key: $count{$key} %s in its SQL, the allow-list reviewed $allow_n{$key}")
		if $count{$key} > $allow_n{$key};
}
for my $key (sort keys %allow_n) {
	print "# allow-list entry $key ($allow_n{$key}) matches no SQL format (now " .
	      ($count{$key} // 0) . "): shorten the list\n"
		if ($count{$key} // 0) != $allow_n{$key} && !$seen_fn{$key} || ($count{$key} // 0) < $allow_n{$key};
}

# appends into SQL buffers: literals, or reviewed functions only
for my $c (@appends) {
	my $key = fkey($c->[0], $c->[4]);
	my $b = bufname($c->[3][0] // '');
	next unless defined $b && $sqlbuf{$key}{$b};
	next if $c->[2] eq 'strbuf_addch';
	my $e = $c->[3][1] // '';
	next if defined literal($c->[0], $e) || safe_expr($c->[0], $c->[4], $e, 0);
	problem(at($c) . ": $key appends '$e' to the SQL in $b");
}

# sinks given SQL that is not a literal: only where it is built (reviewed)
for my $d (@dynamic) {
	my ($c, $sql) = @$d;
	my $key = fkey($c->[0], $c->[4]);
	next if exists $allow_n{$key};
	problem(at($c) . ": $c->[2]() in $key runs SQL '$sql' that is not a literal and not built in a reviewed function");
}

if ($ENV{SQLCHECK_VERBOSE}) {
	print "# sink $_ (SQL is argument $sink{$_})\n" for sort keys %sink;
	print "# SQL not a literal: ", at($_->[0]), " ", where($_->[0]), " $_->[1]\n" for @dynamic;
	print "# SQL format: ", at($fmtcalls[$_]), " ", where($fmtcalls[$_]), "\n"
		for sort { $a <=> $b } keys %sqlfmt;
	print "# SQL buffers in $_: ", join(' ', sort keys %{$sqldest{$_}}), "\n" for sort keys %sqldest;
}
print "$_\n" for @problems;
exit(@problems ? 1 : 0);
EOF_PERL

# The reviewed places that build SQL text at run time, one line each:
# FILE:FUNCTION, the number of %s in its SQL formats, and the expressions
# those %s take (literals and "cond ? literal : literal" need no listing).
# Each was read and holds only compile-time text; sqlcheck.pl also follows
# every listed parameter up to its callers, which must pass literals.
cat >allow.txt <<'EOF_ALLOW'
# the GROUP BY list: fixed column names; ref is the family's date column,
# static text in the table fams[]
lib/figures.c:group_sql 1 fams[fm].ref
# one statement of a family of figures: sel from group_sql and the
# aggregates of figdefs[], from of fams[], where passed by family(): its
# where or where_more, all static text
lib/figures.c:family_where 7 sel.buf figdefs[g].agg fams[fm].from where
# pt-overdue's scans: where is one of four literals in od_scan_begin()
lib/overdue.c:prepare 1 where
# migrations[] are static text; PRAGMA user_version = %d takes an int
lib/ledger.c:migrate 0
# migration 4's checks: table and check from the static table added_checks[]
lib/ledger.c:add_check 2 added_checks[i].table added_checks[i].check
# PRAGMA schema_version = %d takes an int
lib/ledger.c:add_checks 0
# several ledgers: the ledger's number (%zu) into the seen table
lib/figsrc.c:seen_add 0
# pt-show's statements, prepared in a loop: stmt_sql[] is a static table
# of string literals (made of string macros), nothing formatted into them
lib/show.c:show_init 0
EOF_ALLOW

test_expect_success 'SQL is built only from compile-time text; values are bound' '
	(cd "$ROOT" && perl "$TRASH/sqlcheck.pl" "$TRASH/allow.txt" cmd/*.c lib/*.c) >out &&
	test_no_match "^sqlcheck:" out
'

test_expect_success 'the check sees the SQL each reviewed function builds' '
	(cd "$ROOT" && SQLCHECK_VERBOSE=1 perl "$TRASH/sqlcheck.pl" "$TRASH/allow.txt" \
		cmd/*.c lib/*.c) >out &&
	grep -q "^# SQL format: .*lib/overdue.c:prepare\$" out &&
	grep -q "^# SQL format: .*lib/figures.c:group_sql\$" out &&
	grep -q "^# SQL format: .*lib/figures.c:family_where\$" out &&
	grep -q "^# SQL not a literal: .*lib/ledger.c:migrate sql\$" out &&
	grep -q "^# sink ledger_prepare " out
'

# a copy of the sources to break on purpose
mkdir src && cp -R "$ROOT/cmd" "$ROOT/lib" src/

# breaks WHAT: run sqlcheck on src/ changed by the perl -0pi expression
# $2 in file $1 (the change must apply); it must fail and say WHAT.
breaks() {
	rm -rf bad && cp -R src bad &&
	perl -0pi -e "$2" "bad/$1" && ! cmp -s "src/$1" "bad/$1" &&
	(cd bad && ! perl "$TRASH/sqlcheck.pl" "$TRASH/allow.txt" cmd/*.c lib/*.c >out) &&
	grep "$3" bad/out
}

test_expect_success 'the check fails on a new function that formats a value into SQL' '
	cat >>src/cmd/pt-stats.c <<-\EOF &&
	static void
	find_name(struct ledger *l, const char *name)
	{
		char sql[256];
		snprintf(sql, sizeof(sql), "SELECT id FROM cases WHERE name = '\''%s'\''", name);
		ledger_prepare(l, sql);
	}
	EOF
	(cd src && ! perl "$TRASH/sqlcheck.pl" "$TRASH/allow.txt" cmd/*.c lib/*.c >out) &&
	cat src/out &&
	grep -q "pt-stats.c:[0-9]*: %s in SQL built by cmd/pt-stats.c:find_name (not on the allow-list) from .name." src/out &&
	grep -q "ledger_prepare() in cmd/pt-stats.c:find_name runs SQL .sql. that is not a literal" src/out &&
	cp "$ROOT/cmd/pt-stats.c" src/cmd/pt-stats.c
'

test_expect_success 'the check fails on a new %s in a reviewed function' '
	breaks lib/overdue.c "s/( ORDER BY due, id\", where)/ AND unit = %s\$1, s->q->unit/" \
		"lib/overdue.c:prepare: 2 %s in its SQL, the allow-list reviewed 1"
'

test_expect_success 'the check fails when an option reaches a reviewed %s' '
	breaks lib/overdue.c "s/prepare\(s, \"open = 0\"/prepare(s, q->region/" \
		"od_scan_begin passes .q->region. to prepare() where SQL is built from it" &&
	breaks lib/figures.c "s/sel.buf, fams\\[fm\\].from,/sel.buf, t->opts.resolution_tag,/" \
		"from .t->opts.resolution_tag., not an argument the allow-list reviewed" &&
	breaks lib/figures.c "s/strbuf_adds\(sel, \"c.kind\"\)/strbuf_adds(sel, o->resolution_tag)/" \
		"group_sql appends .o->resolution_tag. to the SQL in sel"
'

test_expect_success 'the check fails on SQL run from a variable, or quoted by sqlite3_mprintf' '
	breaks lib/overdue.c "s/(\tif \(ledger_exec\(l, \"BEGIN\"\) < 0\))/\tledger_exec(l, q->unit);\n\$1/" \
		"ledger_exec() in lib/overdue.c:od_scan_begin runs SQL .q->unit. that is not a literal" &&
	breaks lib/overdue.c "s/(\tif \(ledger_exec\(l, \"BEGIN\"\) < 0\))/\tsqlite3_free(sqlite3_mprintf(\"%Q\", q->unit));\n\$1/" \
		"sqlite3_mprintf() in lib/overdue.c:od_scan_begin"
'

test_expect_success 'no tool runs a shell or another program' '
	test_no_match -nE "(^|[^_[:alnum:]])(system|popen|exec[lv]p?e?|execvpe|fexecve|posix_spawnp?|fork|vfork|wordexp)[[:space:]]*\(" \
		"$ROOT"/cmd/*.c "$ROOT"/lib/*.c &&
	breaks cmd/pt-report.c "s/(\n\tmsg_init\(argv\[0\]\);)/\$1\n\tsystem(\"true\");/" \
		"system() in cmd/pt-report.c:main" &&
	breaks lib/util.c "s/\z/\nvoid\nrun(char *const *a)\n{\n\texecvp(a[0], a);\n}\n/" \
		"execvp() in lib/util.c:run"
'

test_expect_success 'no tool is linked with a function that runs a program' '
	for t in "$PT_BIN"/pt-*; do
		# a wrapper script (scripts/valgrind-suite): read the tool it runs
		if [ "$(head -c 2 "$t")" = "#!" ]; then t="$ROOT/bin/$(basename "$t")"; fi &&
		nm -D --undefined-only "$t" >syms 2>/dev/null || nm -u "$t" >syms || exit 1
		if grep -E "[[:space:]](system|popen|exec[lv]p?e?|execvpe|fexecve|posix_spawnp?|fork|vfork|wordexp)(@|\$)" syms; then
			echo "$t"; exit 1
		fi
	done
'

# ---------------------------------------------------------------------------
# 2. Files holding personal data are created 0600, whatever the umask.

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary

# The people of the fixture: full ID numbers and phones, and the masks the
# listings show.  None of the full values may appear in any listing.
ID1=150202196807311007 ID1M='150202********1007'
ID2=150221194310033398 ID2M='150221********3398'
ID3=11010519491231002X ID3M='110105********002X'
ID4=440304199001011233
PH1=13951627384 PH1M='139****7384'
PH2=13862951111 PH2M='138****1111'
PH3=0472-5123456 PH3M='047*****3456'
PH4=18677778888

test_expect_success 'a new ledger, its -wal and -shm, and the rejects are 0600 under umask 000' '
	umask 000 &&
	mkfifo in.fifo &&
	{ pt-intake -d m.db --as-of 2026-09-30 --rejects rj.csv <in.fifo >m.csv 2>m.err & } &&
	exec 3>in.fifo &&
	printf "%s\n" "$H" "2026-09-01,visit,王建国,$ID1,$PH1,1,昆都仑区,劳动社保,,,,,,," \
		"2026-13-01,visit,bad,,,1,a,b,,,,,,," >&3 &&
	i=0 && while [ $i -lt 300 ] && ! { [ -e m.db-wal ] && [ -e m.db-shm ] && [ -e rj.csv ]; }; do
		sleep 0.1 && i=$((i + 1)) || exit 1; done &&
	stat -c "%a %n" m.db m.db-wal m.db-shm rj.csv >modes &&
	exec 3>&- && { wait $!; test $? = 65; } &&
	printf "600 %s\n" m.db m.db-wal m.db-shm rj.csv >expect &&
	test_cmp expect modes &&
	test "$(stat -c %a m.db)" = 600 &&
	test "$(sqlite3 m.db "SELECT count(*) FROM cases")" = 1
'

test_expect_success 'pt-update creates its rejects 0600 under umask 000' '
	umask 000 &&
	printf "case_id,event,date\n2026-000001,rate,2026-09-02\n" >ev.csv &&
	{ pt-update -q -d m.db --as-of 2026-09-30 --rejects urj.csv ev.csv >/dev/null 2>&1; test $? = 65; } &&
	test "$(stat -c %a urj.csv)" = 600 &&
	grep -q 2026-000001 urj.csv
'

test_expect_success 'readers never create a ledger' '
	for t in pt-overdue pt-stats pt-report; do
		{ $t -d none.db --as-of 2026-09-30 >/dev/null 2>&1; test $? = 69; } || exit 1
	done &&
	test ! -e none.db
'

# ---------------------------------------------------------------------------
# 3. ID numbers and phones are masked in every listing and report.

cat >p.csv <<EOF2
$H
2025-09-05,phone,赵敏,$ID4,$PH4,1,九原区,土地征用,city,,,,no,,去年同期
2026-08-03,visit,王建国,$ID1,$PH1,1,昆都仑区,劳动社保,city,,,,no,积案,反映社保断缴
2026-08-10,visit,王建国,$ID1,$PH1,1,昆都仑区,劳动社保,city,,,,no,,再次反映
2026-09-01,letter,李秀英,$ID3,$PH3,12,青山区,城乡建设,county,,,,no,重点,联名信
2026-09-10,visit,张伟,$ID2,$PH2,30,东河区,企业改制,province,,,,no,,集体访
2026-09-11,online,赵敏,$ID4,$PH4,1,九原区,土地征用,national,central,2026-10-01,ZY-1,no,,中央交办
2026-09-12,sms,钱强,,$PH2,1,石拐区,涉法涉诉,city,,,,yes,,短信
2026-99-12,visit,孙丽,$ID1,$PH1,1,石拐区,教育,city,,,,no,,bad date
EOF2
printf "%s\n" $ID1 $ID2 $ID3 $ID4 $PH1 $PH2 $PH3 $PH4 >full.txt
# the parts a mask hides, alone: the birth date and sequence, the middle digits
printf "%s\n" 19680731 19431003 19491231 19900101 5162 6295 5123 7777 >middle.txt
mkdir listings

test_expect_success 'the fixture goes through every tool; each output is kept' '
	{ pt-intake -d p.db --as-of 2026-09-20 --rejects p-rj.csv p.csv >listings/intake.csv 2>listings/intake.err;
	  test $? = 65; } &&
	test "$(sqlite3 p.db "SELECT count(*) FROM cases")" = 7 &&
	{ pt-intake -q -t -d pt.db --as-of 2026-09-20 p.csv >listings/intake.tsv 2>/dev/null; test $? = 65; } &&
	{ pt-intake -q --format jsonl -d pj.db --as-of 2026-09-20 p.csv >listings/intake.jsonl 2>/dev/null;
	  test $? = 65; } &&
	{ pt-intake -q --excel --bom -d px.db --as-of 2026-09-20 p.csv >listings/intake-excel.csv 2>/dev/null;
	  test $? = 65; } &&
	test -s listings/intake.tsv && test -s listings/intake.jsonl && test -s listings/intake-excel.csv &&
	pt-assign -d p.db --pending --unit 市人社局 --leader 李副市长 --date 2026-09-14 \
		--as-of 2026-09-20 >listings/assign.csv 2>listings/assign.err &&
	printf "%s\n" case_id,event,date,resolved 2026-000003,conclude,2026-09-18,yes \
		2026-000003,reply,2026-09-19, >ev.csv &&
	pt-update -d p.db --as-of 2026-09-20 ev.csv >listings/update.csv 2>listings/update.err &&
	for f in "" --all --summary "--all -t" "--all --format jsonl" "--all --excel"; do
		pt-overdue -d p.db --as-of 2026-11-20 $f >"listings/overdue$(echo $f | tr -d " ").csv" 2>>listings/overdue.err
		test $? -le 1 || exit 1
	done &&
	for b in "" channel level region category unit leader kind month tag; do
		pt-stats -d p.db --period 2026-09 ${b:+--by $b} --total --compare yoy --as-of 2026-11-20 \
			>"listings/stats-$b.csv" 2>>listings/stats.err || exit 1
	done &&
	for k in daily:2026-09-10 monthly:2026-09 quarterly:2026-Q3 annual:2026; do
		for f in text md html; do
			for g in zh en; do
				pt-report -d p.db --kind ${k%%:*} --period ${k#*:} --format $f --lang $g \
					--as-of 2026-11-20 >"listings/report-${k%%:*}-$g.$f" 2>>listings/report.err || exit 1
			done
		done
	done &&
	ls listings | wc -l >n && test "$(cat n)" -ge 48
'

test_expect_success 'case streams carrying full numbers are not echoed by the next tool' '
	{ pt-intake -q --unmask -d s.db --as-of 2026-09-20 p.csv >unmasked.csv 2>/dev/null; test $? = 65; } &&
	grep -q "$ID1" unmasked.csv &&
	pt-assign -d s.db --unit 市人社局 --date 2026-09-14 --as-of 2026-09-20 \
		<unmasked.csv >listings/assign-stream.csv 2>listings/assign-stream.err &&
	pt-stats --by region unmasked.csv >listings/stats-stream.csv 2>listings/stats-stream.err &&
	test "$(wc -l <listings/assign-stream.csv)" = 8
'

test_expect_success 'pt-intake prints ID numbers and phones masked' '
	grep -qF ",$ID1M,$PH1M," listings/intake.csv &&
	grep -qF ",$ID2M,$PH2M," listings/intake.csv &&
	grep -qF ",$ID3M,$PH3M," listings/intake.csv &&
	grep -qF "$(printf "\t%s\t%s\t" "$ID1M" "$PH1M")" listings/intake.tsv &&
	grep -qF "\"id_number\":\"$ID3M\",\"phone\":\"$PH3M\"" listings/intake.jsonl
'

test_expect_success 'pt-overdue prints phones masked' '
	csv_col listings/overdue--all.csv phone | sort -u >phones &&
	grep -qF "$PH1M" phones && grep -qF "$PH2M" phones && grep -qF "$PH3M" phones &&
	grep -qF "186****8888" phones &&
	test "$(wc -l <phones)" = 4 &&
	grep -qF "$PH1M" listings/overdue--all-t.csv &&
	grep -qF "\"phone\":\"$PH1M\"" listings/overdue--all--formatjsonl.csv
'

test_expect_success 'no listing, report or message of any tool holds a full ID number or phone' '
	test "$(ls listings | wc -l)" -ge 50 &&
	test_no_match -rF -f full.txt listings/ &&
	test_no_match -rF -f middle.txt listings/
'

test_expect_success 'no full number leaves in a message either: a rejected row with an ID' '
	grep -q "p.csv:9: bad date .2026-99-12. in column received" listings/intake.err &&
	test_no_match -F -f full.txt listings/intake.err
'

test_expect_success 'the ledger itself and the rejects keep the full values' '
	test "$(sqlite3 p.db "SELECT id_number FROM cases WHERE name = \"李秀英\"")" = "$ID3" &&
	grep -q "$ID1" p-rj.csv
'

test_expect_success '--unmask prints them in full: pt-intake IDs and phones, pt-overdue phones' '
	grep -qF ",$ID1,$PH1," unmasked.csv && grep -qF ",$ID3,$PH3," unmasked.csv &&
	pt-overdue -d p.db --as-of 2026-11-20 --all --unmask >ov-full.csv;
	test $? = 1 &&
	grep -qF ",$PH1," ov-full.csv && grep -qF ",$PH3," ov-full.csv
'

test_expect_success 'tools without --unmask refuse it (exit 64), not ignore it' '
	for t in pt-assign pt-update pt-stats pt-report; do
		{ $t --unmask -d p.db >/dev/null 2>&1; test $? = 64; } || { echo $t; exit 1; }
	done
'

# ---------------------------------------------------------------------------
# 4. --excel: a cell a spreadsheet would run as a formula (= + - @ first)
# gets a leading ', in CSV and in TSV; a plain number stays a number.

HL='=HYPERLINK("http://example.org/x","点击")'
cat >x.csv <<EOF2
$H
2025-09-01,visit,甲,,,1,+1,劳动社保,,,,,,,去年
2025-09-02,visit,乙,,,1,+1,劳动社保,,,,,,,去年
2026-09-01,visit,=1+2,,,1,+1,-2+3,,,,,,,@SUM(A1)
2026-09-02,visit,"$(echo "$HL" | sed 's/"/""/g')",,,1,九原区,土地征用,,,,,,,链接
EOF2

test_expect_success 'pt-intake --excel: = + - @ cells get a leading quote, in CSV and TSV' '
	pt-intake -q --excel -d x.db --as-of 2026-09-20 x.csv >x-out.csv &&
	grep -qF ",'\''=1+2,,,1,'\''+1,'\''-2+3," x-out.csv &&
	grep -qF ",'\''@SUM(A1)" x-out.csv &&
	pt-intake -q --excel -t -d xt.db --as-of 2026-09-20 x.csv >x-out.tsv &&
	grep -qF "$(printf "\t'\''=1+2\t\t\t1\t'\''+1\t'\''-2+3\t")" x-out.tsv &&
	grep -qF "$(printf "\t'\''@SUM(A1)")" x-out.tsv
'

test_expect_success 'without --excel the cells are as they came' '
	pt-intake -q -d xn.db --as-of 2026-09-20 x.csv >xn-out.csv &&
	grep -qF ",=1+2,,,1,+1,-2+3," xn-out.csv &&
	test_no_match -qF "'\''" xn-out.csv
'

# csv_fields FILE: the number of fields of each record of a CSV file, read as
# RFC 4180 says (quoted fields may hold commas, quotes and newlines).
csv_fields() {
	perl -e '
		local $/; my $s = <>; my $n = 1;
		while ((pos($s) // 0) < length $s) {
			$s =~ /\G(?:"(?:[^"]|"")*"|[^,"\n]*)(,|\n)/gc or
				do { print "bad field at byte ", pos($s) // 0, "\n"; exit 1 };
			if ($1 eq ",") { $n++ } else { print "$n\n"; $n = 1 }
		}
	' "$1"
}

test_expect_success '--excel keeps a formula with quotes and commas one quoted CSV field' '
	pt-intake -q --excel -d xq.db --as-of 2026-09-20 x.csv >xq.csv &&
	csv_fields xq.csv | sort -u >nf &&
	test "$(cat nf)" = 20 &&
	grep -qF ",\"'\''=HYPERLINK(\"\"http://example.org/x\"\",\"\"点击\"\")\"," xq.csv
'

test_expect_success '--excel keeps a formula with quotes one quoted TSV field' '
	pt-intake -q --excel -t -d xqt.db --as-of 2026-09-20 x.csv >xq.tsv &&
	grep -qF "$(printf "\t\"'\''=HYPERLINK(\"\"http://example.org/x\"\",\"\"点击\"\")\"\t")" xq.tsv
'

test_expect_success 'pt-assign, pt-update and pt-overdue --excel: a formula unit is quoted, days_left -3 is a number' '
	U="=cmd|'\'' /C calc'\''!A0" &&
	pt-assign -q --excel -d x.db --pending --unit "$U" --date 2026-09-10 \
		--as-of 2026-09-20 >as-x.csv &&
	grep -qF ",'\''$U," as-x.csv &&
	printf "case_id,event,date,days\n2026-000002,extend,2026-09-15,5\n" >ext.csv &&
	pt-update -q --excel -d x.db --as-of 2026-09-20 ext.csv >up-x.csv &&
	grep -qF ",'\''$U," up-x.csv &&
	# 2026-000001: accepted 2026-09-10, due in 60 days: 2026-11-09; as of 11-12, 3 days late
	{ pt-overdue -d x.db --excel --as-of 2026-11-12 >ov-x.csv; test $? = 1; } &&
	grep -qF "2026-000001,red,in_progress,2026-11-09,-3,'\''$U," ov-x.csv &&
	{ pt-overdue -d x.db --excel -t --as-of 2026-11-12 >ov-x.tsv; test $? = 1; } &&
	grep -qF "$(printf "2026-000001\tred\tin_progress\t2026-11-09\t-3\t'\''%s\t" "$U")" ov-x.tsv &&
	grep -qF ",'\''=1+2," ov-x.csv
'

test_expect_success 'pt-stats --excel: a formula group is quoted, a fall of -50.0% stays a number' '
	pt-stats --excel -d x.db --period 2026-09 --by region --compare yoy --as-of 2026-11-12 >st-x.csv &&
	test "$(grep "^2026-09,'\''+1," st-x.csv | cut -d, -f3-5)" = 1,2,-50.0 &&
	pt-stats --excel -t -d x.db --period 2026-09 --by region --compare yoy --as-of 2026-11-12 >st-x.tsv &&
	grep -q "^2026-09	'\''+1	1	2	-50.0	" st-x.tsv
'

test_done
