#!/bin/sh
# pt-report's HTML in a real browser: it loads, it draws, it fetches nothing.
#
# Needs chromium: when it is missing and the test runs as root, the test
# installs it with apt-get; when it still cannot be had, every test here is
# skipped.  Each browser run is headless and offline: every host name
# resolves to nothing, so not even the browser's own update checks leave
# the machine, and the logs tell what the page itself asked for.
#
# Then the report as a bureau publishes it, on a ledger of 13 units with
# long Chinese names: a script added to a copy of the page measures in the
# browser (every chart label's box, the ticks, the bars and their values,
# the computed styles) and writes what it found into the DOM, which
# --dump-dom prints; the page printed to PDF is read back for its pages,
# their numbers and the table heads on them.
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

# pdf_pages PDF: one line per page of a PDF that Chromium printed: "page N
# text TEXT", TEXT the page's text in the order drawn (by the fonts'
# ToUnicode maps, and the ActualText that Chromium gives glyphs it had no
# font for).  Needs python3.
pdf_pages() {
	python3 - "$1" <<-\EOF
	import re, sys, zlib
	d = open(sys.argv[1], "rb").read()
	objs = dict((int(n), b) for n, b in re.findall(rb"(\d+) 0 obj(.*?)endobj", d, re.S))
	def stream(n):
	    b = objs[n]
	    raw = b[b.index(b"stream") + 6:]
	    raw = raw[1:] if raw[:1] == b"\n" else raw[2:] if raw[:2] == b"\r\n" else raw
	    return zlib.decompress(raw) if b"FlateDecode" in b[:b.index(b"stream")] else raw
	def cmap(n):
	    m = {}
	    s = stream(n).decode("latin1")
	    for blk in re.findall(r"beginbfchar(.*?)endbfchar", s, re.S):
	        for a, u in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", blk):
	            m[int(a, 16)] = bytes.fromhex(u).decode("utf-16-be")
	    for blk in re.findall(r"beginbfrange(.*?)endbfrange", s, re.S):
	        for a, b, u in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", blk):
	            for i in range(int(a, 16), int(b, 16) + 1):
	                m[i] = chr(int(u, 16) + i - int(a, 16))
	    return m
	pages = []
	kids = re.search(rb"/Type\s*/Pages\b.*?/Kids\s*\[([^\]]*)\]", d, re.S).group(1)
	for p in [int(x) for x in re.findall(rb"(\d+) 0 R", kids)]:
	    fonts = {}
	    for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", objs[p]):
	        t = re.search(rb"/ToUnicode (\d+) 0 R", objs[int(ref)])
	        fonts[name.decode()] = cmap(int(t.group(1))) if t else {}
	    c = stream(int(re.search(rb"/Contents (\d+) 0 R", objs[p]).group(1))).decode("latin1")
	    text, font, skip = [], {}, False
	    for tok in re.finditer(r"/ActualText <FEFF([0-9A-F]*)>|/(F\d+) [\d.]+ Tf|<([0-9a-fA-F]*)> Tj|(EMC)", c):
	        if tok.group(1) is not None:
	            text.append(bytes.fromhex(tok.group(1)).decode("utf-16-be"))
	            skip = True
	        elif tok.group(4):
	            skip = False
	        elif tok.group(2):
	            font = fonts.get(tok.group(2), {})
	        elif tok.group(3) is not None and not skip:
	            h = tok.group(3)
	            text.append("".join(font.get(int(h[i:i + 4], 16), "?") for i in range(0, len(h), 4)))
	    box = re.search(rb"/MediaBox\s*\[([^\]]*)\]", objs[p]).group(1).decode()
	    print("page", len(pages) + 1, "box", box, "text", "".join(text).replace("\n", " "))
	    pages.append(p)
	EOF
}

# check.js: the measures, added to a copy of a report (with_check) and run
# when it loads: one line each, in <pre id="pt-check"> (checks):
#   font F, svgfont F       the computed font-family of the body, of chart text
#   tables N heads M        of N tables M have one head row, as table-header-group
#   margin NAME CONTENT     an @page margin box the browser kept
#   svg K texts N overlaps M, and "overlap K: A | B" for each pair of labels
#                           whose boxes intersect (by more than half a pixel)
#   ticks K V...            chart K's axis values, top to bottom or left to right
#   bars K N unlabelled M   of N bars (a stack counts each segment) M have no
#                           number within 6 pixels of their stack
#   row K LABEL=V           the number at the end of LABEL's row (a horizontal chart)
#   tab UNIT=V              red plus yellow of UNIT in the red and yellow table
cat >check.js <<\EOF_JS
(function () {
	var out = [], all = [].slice.call(document.querySelectorAll("svg"));
	function box(e) {
		var b = e.getBBox();
		return { x: b.x, y: b.y, r: b.x + b.width, b: b.y + b.height };
	}
	function near(a, b, d) {
		return a.x - d < b.r && b.x - d < a.r && a.y - d < b.b && b.y - d < a.b;
	}
	function num(t) { return /^[0-9,]+$/.test(t) ? +t.replace(/,/g, "") : NaN; }
	out.push("font " + getComputedStyle(document.body).fontFamily);
	var st = all.length ? all[0].querySelector("text") : null;
	out.push("svgfont " + (st ? getComputedStyle(st).fontFamily : ""));
	var tables = [].slice.call(document.querySelectorAll("table"));
	out.push("tables " + tables.length + " heads " + tables.filter(function (t) {
		return t.tHead && getComputedStyle(t.tHead).display === "table-header-group" &&
			t.tHead.rows.length === 1;
	}).length);
	[].forEach.call(document.styleSheets, function (sheet) {
		[].forEach.call(sheet.cssRules, function (r) {
			[].forEach.call(r.cssRules || [], function (m) {
				if (m.name) out.push("margin " + m.name + " " + m.style.content);
			});
		});
	});
	all.forEach(function (svg, k) {
		var texts = [].slice.call(svg.querySelectorAll("text")), boxes = texts.map(box);
		var ticks = texts.filter(function (t) { return t.getAttribute("fill") === "#555"; });
		var vals = texts.filter(function (t, i) {
			return ticks.indexOf(t) < 0 && !isNaN(num(t.textContent));
		});
		var i, j, n = 0;
		for (i = 0; i < texts.length; i++)
			for (j = i + 1; j < texts.length; j++)
				if (near(boxes[i], boxes[j], -0.5)) {
					out.push("overlap " + k + ": " + texts[i].textContent + " | " +
						 texts[j].textContent);
					n++;
				}
		out.push("svg " + k + " texts " + texts.length + " overlaps " + n);
		out.push("ticks " + k + " " + ticks.map(function (t) { return num(t.textContent); }).join(" "));
		/* bars: the rects but the background and the legend's swatches, stacks joined */
		var bars = [].slice.call(svg.querySelectorAll("rect")).slice(1).filter(function (r) {
			return !(r.getAttribute("width") === "12" && r.getAttribute("height") === "12");
		}).map(box), unlabelled = 0;
		bars.forEach(function (b) {
			var stack = bars.filter(function (c) { return near(b, c, 0.5); });
			if (!vals.some(function (v) {
				return stack.some(function (c) { return near(box(v), c, 6); });
			}))
				unlabelled++;
		});
		out.push("bars " + k + " " + bars.length + " unlabelled " + unlabelled);
		texts.forEach(function (t, i) {
			var row = vals.filter(function (v) {
				var b = box(v);
				return Math.abs((b.y + b.b) / 2 - (boxes[i].y + boxes[i].b) / 2) < 10 &&
					b.x > boxes[i].r;
			}).map(function (v) { return box(v).x; });
			var end = vals.filter(function (v) { return box(v).x === Math.max.apply(null, row); });
			if (row.length && ticks.indexOf(t) < 0 && isNaN(num(t.textContent)))
				out.push("row " + k + " " + t.textContent + "=" + num(end[0].textContent));
		});
	});
	tables.forEach(function (t) {
		if (!/红黄牌督办|Red and yellow/.test(t.caption ? t.caption.textContent : ""))
			return;
		[].slice.call(t.rows, 1).forEach(function (r) {
			out.push("tab " + r.cells[0].textContent + "=" +
				 (num(r.cells[2].textContent) + num(r.cells[3].textContent)));
		});
	});
	var pre = document.createElement("pre");
	pre.id = "pt-check";
	pre.textContent = "\n" + out.join("\n") + "\n";
	document.body.appendChild(pre);
})();
EOF_JS

# units_only: the lines UNIT=V of the 13 units.
units_only() {
	awk -F= "NR == FNR { u[\$0]; next } \$1 in u" units -
}

# with_check HTML OUT: HTML with check.js run at its end.
with_check() {
	{ sed "s|</body>||; s|</html>||" "$1" && echo "<script>" && cat check.js &&
		echo "</script></body></html>"; } >"$2"
}

# checks WHAT HTML: the measures of HTML, browsed as WHAT, into WHAT.chk.
checks() {
	with_check "$2" "$1.check.html" &&
	browse "$1" --dump-dom "file://$TRASH/$1.check.html" >"$1.dom" &&
	sed -n "/<pre id=\"pt-check\">/,/<\/pre>/p" "$1.dom" | sed "1d; \$d" >"$1.chk" &&
	test -s "$1.chk"
}

# print_pdf WHAT HTML: HTML printed to WHAT.pdf (no header or footer of the
# browser's own), its pages in WHAT.pages.
print_pdf() {
	browse "$1" --no-pdf-header-footer --print-to-pdf="$TRASH/$1.pdf" "file://$TRASH/$2" &&
	pdf_pages "$1.pdf" >"$1.pages"
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

# The ledger of a bureau with 13 units, their names long: unit k has 3k + 2
# red cases (accepted in January, past their 60 days on 31 March) and k % 3
# yellow ones (due within days); two January letters were never assigned
# (red: past their days to be accepted); 2,100 online cases came on 30 March.
cat >units <<\EOF2
市人力资源和社会保障局劳动保障监察支队
市住房和城乡建设局房地产市场监管处
市自然资源和规划局不动产登记中心
市市场监督管理局消费者权益保护科
市生态环境局综合行政执法支队
市交通运输局城市公共交通管理处
市卫生健康委员会医政医管处
市教育局基础教育与学前教育科
市公安局交通管理支队车辆管理所
市城市管理综合行政执法局
市民政局社会救助和福利处
市农业农村局农村经营管理站
青山区人民政府信访接待中心
EOF2

test_expect_success 'a bureau of 13 units with long names: its report in HTML' '
	awk -v H=$H "BEGIN { print H
		for (k = 1; k <= 13; k++) {
			for (j = 0; j < 3 * k + 2; j++) print \"2026-01-05,letter,甲\" k \"-\" j \",,,1,青山区,劳动社保,city,,,,,,\"
			for (j = 0; j < k % 3; j++) print \"2026-02-01,visit,乙\" k \"-\" j \",,,1,东河区,城乡建设,city,,,,,,\"
		}
		for (j = 0; j < 2; j++) print \"2026-01-05,letter,丁\" j \",,,1,青山区,劳动社保,city,,,,,,\"
		for (j = 0; j < 2100; j++) print \"2026-03-30,online,丙\" j \",,,1,昆都仑区,城乡建设,city,,,,,,\"
	}" >u.csv &&
	pt-intake -q -d u.db --as-of 2026-03-31 u.csv >u.ids &&
	awk -F, "NR == FNR { u[NR] = \$0; next } FNR > 1 { id[++n] = \$1 }
		END { print \"case_id,unit,leader,date\"
		for (k = 1; k <= 13; k++) {
			for (j = 0; j < 3 * k + 2; j++) print id[++i] \",\" u[k] \",王副市长,2026-01-06\"
			for (j = 0; j < k % 3; j++) print id[++i] \",\" u[k] \",王副市长,2026-02-02\"
		} }" units u.ids >u-assign.csv &&
	test "$(wc -l <u-assign.csv)" = 313 &&
	pt-assign -q -d u.db --as-of 2026-03-31 u-assign.csv >/dev/null &&
	for l in zh en; do
		pt-report -d u.db --as-of 2026-03-31 --period 2026-03 --format html --lang $l \
			>u-$l.html || exit 1
	done &&
	test "$(grep -o "<svg" u-zh.html | wc -l)" = 3
'

if [ ! -x "$CHROMIUM" ]; then
	for t in 'the measures are taken' 'the CJK font stack, in the text and in the charts' \
		'every table has its head row as table-header-group' \
		'no two labels of a chart overlap' 'the overlap check finds labels that overlap' \
		'every bar has its value on it; a unit'\''s total is its red and yellow' \
		'the axis ticks are 0 and steps of 1, 2 or 5 times a power of ten' \
		'numbers have a comma between thousands, in charts and tables' \
		'printed: A4, every page numbered "N / pages"' \
		'printed: a long table repeats its head on every page it runs onto' \
		'the head check finds a head printed once' \
		'pt-report --mark: the mark on the page and on every printed page'; do
		test_skip "$t" "no chromium"
	done
	test_done
fi

test_expect_success 'the measures are taken' '
	checks zh u-zh.html && checks en u-en.html &&
	grep -q "^svg 2 texts" zh.chk && grep -q "^svg 2 texts" en.chk
'

test_expect_success 'the CJK font stack, in the text and in the charts' '
	f="\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"PingFang SC\", SimSun, sans-serif" &&
	printf "font %s\nsvgfont %s\n" "$f" "$f" >expect &&
	grep "font " zh.chk >got &&
	test_cmp expect got
'

test_expect_success 'every table has its head row as table-header-group' '
	grep "^tables" zh.chk >got &&
	n=$(grep -c "<table>" u-zh.html) && test "$n" -ge 8 &&
	echo "tables $n heads $n" >expect &&
	test_cmp expect got
'

# Each chart's labels: the title, the legend, the ticks, the names and the
# values; the unit chart alone has 13 names and 13 totals.  (In awk, END
# runs after exit: a failure is kept in bad.)
test_expect_success 'no two labels of a chart overlap' '
	for l in zh en; do
		grep "^svg [0-9]" $l.chk >got &&
		awk "\$3 != \"texts\" || \$6 != 0 { bad = 1 } \$2 == 2 && \$4 < 40 { bad = 1 }
			END { exit bad || NR != 3 }" got ||
			{ cat got; grep "^overlap" $l.chk; exit 1; }
	done
'

test_expect_success 'the overlap check finds labels that overlap' '
	printf "%s\n" "<!DOCTYPE html><html><body><svg viewBox=\"0 0 200 50\"><rect width=\"200\" height=\"50\"/>" \
		"<text x=\"10\" y=\"20\">市人力资源和社会保障局</text><text x=\"40\" y=\"24\">市住房和城乡建设局</text>" \
		"<text x=\"10\" y=\"45\">甲</text></svg></body></html>" >lap.html &&
	checks lap lap.html &&
	grep "^svg [0-9]" lap.chk >got &&
	echo "svg 0 texts 3 overlaps 1" >expect &&
	test_cmp expect got
'

test_expect_success 'every bar has its value on it; a unit'\''s total is its red and yellow' '
	for l in zh en; do
		grep "^bars" $l.chk >got &&
		awk "\$4 != \"unlabelled\" || \$5 != 0 { bad = 1 } END { exit bad || NR != 3 }" got ||
			{ cat got; exit 1; }
	done &&
	grep "^tab " zh.chk | sed "s/^tab //" | units_only | sort >expect &&
	test "$(wc -l <expect)" = 13 &&
	grep "^row 2 " zh.chk | sed "s/^row 2 //" | units_only | sort >got &&
	test_cmp expect got
'

# The unit chart's row and the table's row of the cases no unit has: the
# same word, 未分配 in Chinese.
test_expect_success 'unassigned is 未分配 in the chart and in the table alike' '
	grep "^tab 未分配=2\$" zh.chk &&
	grep "^row 2 未分配=2\$" zh.chk &&
	grep "^tab unassigned=2\$" en.chk &&
	grep "^row 2 unassigned=2\$" en.chk
'

# The chart of the months: its labels under the slots, left to right.
test_expect_success 'the months are labelled 1月 to 12月 (Jan to Dec in English)' '
	for l in zh en; do
		grep -o "<svg.*</svg>" $l.dom | head -n 1 |
			grep -o "<text class=\"label\"[^>]*>[^<]*</text>" | sed "s/<[^>]*>//g" |
			paste -sd " " >got-$l || exit 1
	done &&
	echo "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月" >expect &&
	test_cmp expect got-zh &&
	echo "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec" >expect &&
	test_cmp expect got-en
'

test_expect_success 'the axis ticks are 0 and steps of 1, 2 or 5 times a power of ten' '
	grep "^ticks" zh.chk >got &&
	awk "{ if (NF != 7) bad = 1
		s = \$3 - \$4; if (s < 0) s = -s
		for (i = 4; i <= 7; i++) { d = \$(i - 1) - \$i; if (d != s && d != -s) bad = 1 }
		if (\$3 != 0 && \$7 != 0) bad = 1
		while (s >= 10 && s % 10 == 0) s /= 10
		if (s != 1 && s != 2 && s != 5) bad = 1 }
		END { exit bad || NR != 3 }" got ||
		{ cat got; exit 1; }
'

test_expect_success 'numbers have a comma between thousands, in charts and tables' '
	grep -q "<td class=\"n\">2,100</td>" zh.dom &&
	grep -q "<text class=\"tick\"[^>]*>1,000</text>" zh.dom &&
	grep -q ">2,100</text>" zh.dom &&
	test_no_match -e ">2100<" -e ">1000<" zh.dom
'

if ! command -v python3 >/dev/null; then
	for t in 'printed: A4, every page numbered "N / pages"' \
		'printed: a long table repeats its head on every page it runs onto' \
		'the head check finds a head printed once' \
		'pt-report --mark: the mark on the page and on every printed page'; do
		test_skip "$t" "no python3"
	done
	test_done
fi

test_expect_success 'printed: A4, every page numbered "N / pages"' '
	print_pdf pdf u-zh.html &&
	n=$(wc -l <pdf.pages) && test "$n" -ge 3 &&
	grep -c "^page [0-9]* box 0 0 594.9[0-9]* 841.9[0-9]* " pdf.pages >got &&
	echo $n >expect && test_cmp expect got &&
	i=1 && while [ $i -le $n ]; do
		grep -q "^page $i box .* text .*$i / $n" pdf.pages || { echo "page $i"; exit 1; }
		i=$((i + 1))
	done
'

# The list of red cases has 50 rows: more than a page.
test_expect_success 'printed: a long table repeats its head on every page it runs onto' '
	h="编号责任单位包案领导期限超期天数问题类别" &&
	test "$(grep -c "$h" pdf.pages)" -ge 2 &&
	test "$(grep -o "$h" pdf.pages | wc -l)" = "$(grep -c "$h" pdf.pages)"
'

test_expect_success 'the head check finds a head printed once' '
	sed "s|<thead>|<tbody>|g; s|</thead>|</tbody>|g" u-zh.html >nohead.html &&
	print_pdf nohead nohead.html &&
	test "$(grep -o "编号责任单位包案领导期限超期天数问题类别" nohead.pages | wc -l)" = 1
'

# pt-report --mark TEXT hands TEXT to render_set_meta.
test_expect_success 'pt-report --mark: the mark on the page and on every printed page' '
	pt-report -d u.db --as-of 2026-03-31 --period 2026-03 --format html \
		--mark 内部资料 >mark.html &&
	grep -q "<div class=\"mark\">内部资料</div>" mark.html &&
	print_pdf mark mark.html &&
	test "$(grep -c "内部资料" mark.pages)" = "$(wc -l <mark.pages)"
'

test_done
