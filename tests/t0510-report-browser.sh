#!/bin/sh
# pt-report's HTML in a real browser: it loads, it draws, it fetches nothing.
#
# Needs chromium: when it is missing and the test runs as root, the test
# installs it with apt-get; when it still cannot be had, every test here is
# skipped.  Each browser run is headless and offline: every host name
# resolves to nothing, so not even the browser's own update checks leave
# the machine, and the logs tell what the page itself asked for.
. "$(dirname "$0")/lib.sh"

# test_skip TITLE REASON: count a test that could not be run.
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # skip $2"
}

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	# wait for another apt-get (a parallel test run) rather than fail
	apt_install() {
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			-o DPkg::Lock::Timeout=300 --no-install-recommends chromium
	}
	{ apt_install || { apt-get update -q -o DPkg::Lock::Timeout=300 && apt_install; }; } \
		>apt.log 2>&1
fi

# browse WHAT ARGS...: run chromium headless, offline, on a fresh profile,
# with its log in WHAT.log and its net log in WHAT.netlog; 30 seconds at
# most.
browse() {
	what=$1
	shift
	rm -rf "$TRASH/profile-$what"
	timeout 30 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --no-default-browser-check --disable-background-networking \
		--disable-component-update --disable-sync --disable-extensions \
		--disable-default-apps --disable-domain-reliability --metrics-recording-only \
		--host-resolver-rules="MAP * ~NOTFOUND" --enable-logging=stderr --v=1 \
		--log-net-log="$TRASH/$what.netlog" --net-log-capture-mode=Default \
		--user-data-dir="$TRASH/profile-$what" --window-size=1000,1400 \
		"$@" 2>"$TRASH/$what.log"
}

# ink PNG: how much is drawn on a screenshot.  With python3, the bytes of
# the decoded (still filtered) image data that are not 0: a plain page
# filters to almost nothing but zeros.  Without it, the file's size.
ink() {
	if command -v python3 >/dev/null; then
		python3 - "$1" <<-\EOF
		import struct, sys, zlib
		d = open(sys.argv[1], "rb").read()
		assert d[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
		i, idat, w = 8, b"", 0
		while i < len(d):
		    n, t = struct.unpack(">I4s", d[i:i + 8])
		    if t == b"IHDR":
		        w, h, depth, ctype = struct.unpack(">IIBB", d[i + 8:i + 18])
		        bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype] * depth // 8
		    elif t == b"IDAT":
		        idat += d[i + 8:i + 8 + n]
		    i += 12 + n
		raw = zlib.decompress(idat)
		stride = w * bpp + 1
		filters = raw[0::stride]
		print(len(raw) - raw.count(0) - (len(filters) - filters.count(0)))
		EOF
	else
		wc -c <"$1"
	fi
}

# drawn PNG BLANK: PNG has far more drawn on it than BLANK, a blank page
# (a report's screenshot has some 50000 bytes of ink, a blank one 3, and
# is some 7 times the size).
drawn() {
	a=$(ink "$1") && b=$(ink "$2") &&
	echo "ink: $1 $a, $2 $b" >&2 &&
	if command -v python3 >/dev/null; then
		test "$a" -gt $((b * 10 + 10000))
	else
		test "$a" -gt $((b * 3))
	fi
}

# fetched WHAT PAGE: what the browser run WHAT loaded for the page PAGE
# besides PAGE itself, one URL a line.  Files are in the log (FileURLLoader,
# with --v=1); http(s) requests in the net log, where each names its
# initiator: a page's requests have one ("null" for a file), the browser's
# own background requests (update checks, which the resolver rules stop
# anyway) have "not an origin".
fetched() {
	{
		sed -n "s/.*FileURLLoader::Start: //p" "$TRASH/$1.log" | grep -vxF "$2"
		grep "\"initiator\":" "$TRASH/$1.netlog" |
			grep -vF "\"initiator\":\"not an origin\"" |
			sed -n "s/.*\"url\":\"\([^\"]*\)\".*/\1/p"
	} | sort -u
}

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary
cat >c.csv <<EOF2
$H
2025-03-03,visit,甲一,,13900000001,3,青山区,劳动社保,national,,,,,,
2025-05-05,letter,甲三,,,20,东河区,城乡建设,city,,,,,,
2025-09-06,visit,甲四,,,30,东河区,企业改制,city,,,,,,
2026-01-05,visit,乙一,,13900000011,1,昆都仑区,劳动社保,city,,,,,,
2026-02-06,letter,乙二,,13900000012,12,昆都仑区,城乡建设,city,,,,,,
2026-03-02,online,丙一,,13900000021,1,青山区,城乡建设,city,,,,,,
2026-03-05,visit,丙四,,13900000024,1,昆都仑区,劳动社保,national,,,,,,
2026-03-10,visit,丙九,,,8,东河区,企业改制,city,,,,,,
2026-03-14,phone,丙十三,,,1,青山区,劳动社保,city,province,,,,,
2026-03-28,sms,丙十四,,,1,青山区,劳动社保,city,,,,,,
EOF2

test_expect_success 'a report in HTML, and an empty page to compare with' '
	pt-intake -q -d l.db --as-of 2026-03-31 c.csv >/dev/null &&
	printf "case_id\n2026-000001\n2026-000002\n" |
		pt-assign -q -d l.db --as-of 2026-03-31 --unit 市人社局 --leader 钱副市长 \
			--date 2026-02-20 >/dev/null &&
	pt-report -d l.db --as-of 2026-03-31 --period 2026-03 --format html >r.html &&
	test "$(grep -o "<svg" r.html | wc -l)" = 3 &&
	printf "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>x</title></head><body></body></html>\n" >blank.html &&
	sed "s|</body>|<img src=\"http://pt-test.invalid/a.png\"><img src=\"b.png\"><link rel=\"stylesheet\" href=\"https://pt-test.invalid/c.css\"></body>|" r.html >net.html
'

if [ ! -x "$CHROMIUM" ]; then
	for t in 'the page loads: its DOM holds the title and three <svg>' \
		'the screenshot is not blank' 'the blank check fails on a blank page' \
		'nothing is fetched: no file, no network' \
		'the fetch check finds what a page fetches'; do
		test_skip "$t" "no chromium"
	done
	test_done
fi

test_expect_success 'the page loads: its DOM holds the title and three <svg>' '
	browse dom --dump-dom "file://$TRASH/r.html" >dom.html &&
	grep -q "<title>全市信访工作月报（2026年3月）</title>" dom.html &&
	test "$(grep -o "<svg" dom.html | wc -l)" = 3 &&
	test "$(grep -o "<polyline" dom.html | wc -l)" = 2 &&
	grep -q "<p>2026年3月，全市共受理群众来信来访5批次" dom.html
'

test_expect_success 'the screenshot is not blank' '
	browse shot --screenshot="$TRASH/shot.png" "file://$TRASH/r.html" &&
	browse blank --screenshot="$TRASH/blank.png" "file://$TRASH/blank.html" &&
	test -s shot.png && test -s blank.png &&
	drawn shot.png blank.png
'

test_expect_success 'the blank check fails on a blank page' '
	ink blank.png >/dev/null &&
	! drawn blank.png blank.png
'

test_expect_success 'nothing is fetched: no file, no network' '
	grep -qF "FileURLLoader::Start: file://$TRASH/r.html" shot.log &&
	grep -qF "FileURLLoader::Start: file://$TRASH/r.html" dom.log &&
	test -s shot.netlog && test -s dom.netlog &&
	fetched shot "file://$TRASH/r.html" >urls &&
	fetched dom "file://$TRASH/r.html" >>urls &&
	test ! -s urls
'

test_expect_success 'the fetch check finds what a page fetches' '
	browse net --screenshot="$TRASH/net.png" "file://$TRASH/net.html" &&
	fetched net "file://$TRASH/net.html" >urls &&
	printf "%s\n" "file://$TRASH/b.png" http://pt-test.invalid/a.png \
		https://pt-test.invalid/c.css | sort >expect &&
	test_cmp expect urls
'

test_done
