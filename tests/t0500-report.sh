#!/bin/sh
# pt-report: the narrative's figures are pt-stats', rise and fall worded
# right in zh and en, the formats, the default periods, the exit statuses.
. "$(dirname "$0")/lib.sh"

H=received,channel,name,id_number,phone,persons,region,category,level,referred_by,due,ext_id,law_related,tags,summary

# st FILE COLUMN [G1 [G2]]: the value of COLUMN in pt-stats' output FILE, in
# the row whose group columns (those after period) are G1 (and G2).
st() {
	awk -F, -v n="$2" -v g1="${3-}" -v g2="${4-}" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; if (!c) exit 2; next }
		(g1 == "" || $2 == g1) && (g2 == "" || $3 == g2) { print $c; f = 1; exit }
		END { if (!f) exit 1 }' "$1"
}

# pl N ONE MANY: the English noun for N.
pl() {
	if [ "$1" = 1 ]; then echo "$2"; else echo "$3"; fi
}

# paras REPORT: the narrative of a text report, one paragraph a line (the
# indented lines between the first heading and the next).
paras() {
	sed -n '3,/^[^ ]/s/^    //p' "$1"
}

# The main ledger: March 2026 against March 2025, with every channel and
# level, joint letters, collective visits, a repeat and a referred case;
# cases accepted and concluded on time and late, red and yellow ones.
cat >y.csv <<EOF2
$H
2025-03-03,visit,甲一,,13900000001,3,青山区,劳动社保,national,,,,,,
2025-03-04,visit,甲二,,13900000002,7,青山区,劳动社保,national,,,,,,
2025-03-04,visit,甲五,,13900000005,1,青山区,劳动社保,national,,,,,,
2025-03-05,letter,甲三,,,20,东河区,城乡建设,city,,,,,,
2025-03-06,visit,甲四,,,30,东河区,企业改制,city,,,,,,
EOF2
i=0
while [ $i -lt 15 ]; do
	i=$((i + 1))
	echo "2025-03-$((10 + i)),phone,来电人$i,,,1,九原区,土地征用,city,,,,,,"
done >>y.csv
cat >m.csv <<EOF2
$H
2026-01-05,visit,乙一,,13900000011,1,昆都仑区,劳动社保,city,,,,,,
2026-01-06,letter,乙二,,13900000012,1,昆都仑区,城乡建设,city,,,,,,
2026-01-07,online,乙三,,13900000013,1,九原区,土地征用,city,,,,,积案,
2026-03-02,letter,丙一,,13900000021,1,青山区,城乡建设,city,,,,,,
2026-03-03,letter,丙二,,,12,青山区,城乡建设,city,,,,,,联名
2026-03-04,letter,丙三,,,3,东河区,农村农业,city,,,,,,联名
2026-03-05,visit,丙四,,13900000024,1,昆都仑区,劳动社保,national,,,,,,
2026-03-06,visit,丙五,,13900000025,2,昆都仑区,劳动社保,national,,,,,,
2026-03-07,visit,丙六,,,3,九原区,土地征用,province,,,,,,
2026-03-08,visit,乙一,,13900000011,1,昆都仑区,劳动社保,city,,,,,,重复
2026-03-09,visit,丙八,,,2,东河区,企业改制,city,,,,,,
2026-03-10,visit,丙九,,,8,东河区,企业改制,city,,,,,,集访
2026-03-11,visit,丙十,,,5,石拐区,房屋拆迁,city,,,,,,集访
2026-03-12,visit,丙十一,,,6,固阳县,农村农业,county,,,,,,到县集访
2026-03-13,online,丙十二,,,1,九原区,土地征用,city,,,,,,
2026-03-14,phone,丙十三,,,1,青山区,劳动社保,city,province,,,,,省交办
2026-03-15,sms,丙十四,,,1,青山区,劳动社保,city,,,,,,
2026-03-20,phone,丙十五,,,1,青山区,城乡建设,city,,,,,,
EOF2
cat >ev.csv <<EOF2
case_id,event,date,rating,resolved
2026-000001,conclude,2026-03-01,,yes
2026-000001,reply,2026-03-01,,
2026-000001,rate,2026-03-02,satisfied,
2026-000002,conclude,2026-03-20,,no
2026-000002,reply,2026-03-20,,
2026-000002,rate,2026-03-21,unsatisfied,
EOF2
A="--as-of 2026-04-10"

test_expect_success 'a ledger is built with pt-intake, pt-assign and pt-update' '
	pt-intake -q -d m.db $A y.csv m.csv >/dev/null &&
	printf "case_id\n2026-000001\n2026-000002\n2026-000003\n" |
		pt-assign -q -d m.db $A --unit 市人社局 --leader 钱副市长 --date 2026-01-10 >/dev/null &&
	printf "%s\n" case_id 2026-000004 2026-000005 2026-000006 2026-000007 \
		2026-000008 2026-000009 2026-000010 |
		pt-assign -q -d m.db $A --unit 青山区人民政府 --leader 吴区长 --date 2026-03-10 >/dev/null &&
	printf "case_id\n2026-000011\n" |
		pt-assign -q -d m.db $A --unit 东河区人民政府 --leader 郑区长 --date 2026-03-30 >/dev/null &&
	pt-update -q -d m.db $A ev.csv >/dev/null &&
	test "$(sqlite3 m.db "SELECT count(*) FROM cases")" = 38 &&
	pt-stats -d m.db $A --period 2026-03 --compare yoy >s.csv &&
	pt-stats -d m.db $A --period 2026-03 --by channel,level --compare yoy >cl.csv &&
	pt-stats -d m.db $A --period 2026-03 --by channel >ch.csv &&
	pt-stats -d m.db $A --period 2026-03 --by kind >kd.csv &&
	pt-report -d m.db $A --period 2026-03 >zh.txt &&
	pt-report -d m.db $A --period 2026-03 --lang en >en.txt &&
	test "$(paras zh.txt | wc -l)" = 5 && test "$(paras en.txt | wc -l)" = 5
'

# pt-stats' figures, for the sentences below.
b=$(st s.csv batches) p=$(st s.csv persons)
bc=$(st s.csv batches_change_pct) pc=$(st s.csv persons_change_pct)
ltr=$(st ch.csv batches letter) vis=$(st ch.csv batches visit) visp=$(st ch.csv persons visit)
onl=$(st ch.csv batches online) pho=$(st ch.csv batches phone) sms=$(st ch.csv batches sms)
fst=$(st s.csv first) fs=$(st s.csv first_share) re=$(st s.csv repeat) rs=$(st s.csv repeat_share)
rf=$(st s.csv referred) rfs=$(st s.csv referred_share)
lf=$(st ch.csv first letter) lfs=$(st ch.csv first_share letter)
lr=$(st ch.csv repeat letter) lrs=$(st ch.csv repeat_share letter)
lrf=$(st ch.csv referred letter) lrfs=$(st ch.csv referred_share letter)
rdue=$(st kd.csv due referred)
jl=$(st s.csv joint_letters) js=$(st s.csv joint_signers)
nb=$(st cl.csv batches visit national) np=$(st cl.csv persons visit national)
nbc=$(st cl.csv batches_change_pct visit national) npc=$(st cl.csv persons_change_pct visit national)
pb=$(st cl.csv batches visit province) pp=$(st cl.csv persons visit province)
cb=$(st cl.csv batches visit city) cp=$(st cl.csv persons visit city)
cc=$(st cl.csv collective visit city) ccp=$(st cl.csv collective_persons visit city)
kb=$(st cl.csv batches visit county) kp=$(st cl.csv persons visit county)
due=$(st s.csv due) ont=$(st s.csv on_time) ontr=$(st s.csv on_time_rate)
tar=$(st s.csv timely_accept_rate) par=$(st s.csv participation_rate)
sar=$(st s.csv satisfaction_rate) red=$(st s.csv red) yel=$(st s.csv yellow)
rc=$(st s.csv resolution_cases) rv=$(st s.csv resolved) rg=$(st s.csv resolving)
rr=$(st s.csv resolution_rate)

test_expect_success 'the test ledger has what the sentences below need' '
	case "$bc$pc$nbc$npc" in -*-*-*-*) ;; *) exit 1 ;; esac &&
	test "$b" = 15 && test "$jl" = 2 && test "$cc" = 2 && test "$kb" = 1 &&
	test "$re" = 1 && test "$rf" = 1 && test "$due" = 3 && test "$red" -gt 0 && test "$yel" = 1 &&
	test "$rc" = 1 && test "$rv" = 0 && test "$rg" = 1 &&
	test "$ltr" = 3 && test "$lf" = 3 && test "$rdue" = 0
'

test_expect_success 'zh: the narrative says what pt-stats counts' '
	cat >expect <<-EOF2 &&
	2026年3月，全市共受理群众来信来访${b}批次、${p}人次，同比分别下降${bc#-}%和${pc#-}%。其中，来信${ltr}件次，来访${vis}批次、${visp}人次，网上信访${onl}件次，来电${pho}件次，短信${sms}件次。
	初信初访${fst}件，占${fs}%；重复信访${re}件，占${rs}%；交办件${rf}件，占${rfs}%。来信${ltr}件，其中初信${lf}件，占总信的${lfs}%；重复信${lr}件，占${lrs}%；交办件${lrf}件，占${lrfs}%。联名信${jl}件，联名人数${js}人。
	发生进京上访${nb}起${np}人，同比起数、人数分别下降${nbc#-}%和${npc#-}%；赴省上访${pb}起${pp}人；来市上访${cb}起${cp}人，其中个访$((cb - cc))起$((cp - ccp))人，集访${cc}起${ccp}人；到县上访${kb}起${kp}人。
	上级交办信访事项${rf}件。到期应办结${due}件，按期办结${ont}件，按期办结率${ontr}%；及时受理率${tar}%；参评率${par}%，满意率${sar}%。截至2026年3月31日，超期未办结（红牌）${red}件，即将到期（黄牌）${yel}件。
	交办${rc}件，已化解${rv}件，${rg}件正在化解中，化解率${rr}%。
	EOF2
	paras zh.txt >got &&
	test_cmp expect got
'

test_expect_success 'en: the narrative says what pt-stats counts' '
	cat >expect <<-EOF2 &&
	In March 2026, the city received $b petitions from $p people (year on year: down ${bc#-}% and ${pc#-}% respectively). They came as $ltr $(pl $ltr letter letters), $vis visits by $visp people, $onl $(pl $onl "online petition" "online petitions"), $pho phone calls and $sms $(pl $sms "text message" "text messages").
	First petitions numbered $fst (${fs}%), repeat petitions $re (${rs}%) and cases referred from above $rf (${rfs}%). Of the $ltr letters, $lf were first (${lfs}%), $lr repeat (${lrs}%) and $lrf referred from above (${lrfs}%). $jl joint letters carried $js signatures.
	Visits to Beijing: $nb by $np people (year on year: down ${nbc#-}% and ${npc#-}% respectively); to the province: $pb by $pp people; to the city: $cb by $cp people, $((cb - cc)) of them individual ($((cp - ccp)) people) and $cc collective ($ccp people); to the county: $kb by $kp people.
	$rf case was referred from above. Of the $due cases due to be concluded, $ont was concluded on time (${ontr}%); timely acceptance ${tar}%; participation in rating ${par}%, satisfaction ${sar}%. As of 31 March 2026, $red cases were overdue (red) and $yel close to the deadline (yellow).
	Of the $rc $(pl $rc case cases) handed over, $rv have been resolved and $rg is being resolved (${rr}%).
	EOF2
	paras en.txt >got &&
	test_cmp expect got
'

test_expect_success 'the tables agree with pt-stats: channels, kinds, collective visits, red and yellow' '
	grep -q "^  来访 *$vis  *$visp  " zh.txt &&
	sed -n "/^集体访/,/^\$/p" zh.txt >coll &&
	grep -q "^  到市  *$cc  *$ccp  " coll &&
	test "$(awk "NR > 2 && NF { n += \$2; p += \$3 } END { print n + 0, p + 0 }" coll)" = "$(st s.csv collective) $(st s.csv collective_persons)" &&
	sed -n "/^Collective visits/,/^\$/p" en.txt | grep -q "^  to the city  *$cc  *$ccp  " &&
	grep -q "^  重复信访 *$re  " zh.txt &&
	grep -q "^  visits *$vis  *$visp  " en.txt &&
	test "$(sed -n "/^红黄牌督办/,/^\$/p" zh.txt | awk "NR > 2 && NF { r += \$(NF - 1); y += \$NF } END { print r + 0, y + 0 }")" = "$red $yel"
'

test_expect_success '--org names who reports, in the title and the narrative' '
	pt-report -d m.db $A --period 2026-03 --org 包头市信访局 >org.txt &&
	test "$(head -n 1 org.txt)" = "包头市信访局信访工作月报（2026年3月）" &&
	paras org.txt | head -n 1 | grep -q "^2026年3月，包头市信访局共受理群众来信来访15批次" &&
	pt-report -d m.db $A --period 2026-03 --lang en --org Baotou >org.txt &&
	test "$(head -n 1 org.txt)" = "Petition work monthly bulletin, March 2026 (Baotou)" &&
	paras org.txt | head -n 1 | grep -q "^In March 2026, Baotou received 15 petitions"
'

test_expect_success 'a period with no cases reads sensibly (zh)' '
	pt-report -d m.db --as-of 2027-04-10 --period 2027-03 >none.txt &&
	paras none.txt >got &&
	echo "2027年3月，全市未受理群众来信来访；上年同期为${b}批次、${p}人次。" >expect &&
	test_cmp expect got &&
	grep -q "^二、分类统计" none.txt
'

test_expect_success 'a period with no cases reads sensibly (en)' '
	pt-report -d m.db --as-of 2027-04-10 --period 2027-03 --lang en >none.txt &&
	paras none.txt >got &&
	echo "In March 2027, the city received no petitions (a year before: $b from $p people)." >expect &&
	test_cmp expect got
'

# Year-on-year pairs built by hand: national visits of PERSONS people each,
# so that the totals and the visits to Beijing change alike.
rows() {	# MONTH PERSONS...
	m=$1
	shift
	n=0
	for q; do
		n=$((n + 1))
		echo "$m-$(printf %02d $n),visit,来访人$n,,,$q,青山区,劳动社保,national,,,$m-$n,,,"
	done
}
{
	echo "$H"
	rows 2025-01 1 1 1 1 1;	rows 2026-01 2 1 1 1
	rows 2025-02 2 1 1 1 1;	rows 2026-02 1 1 1 1 1 1
	rows 2025-03 1 1 1 1 1;	rows 2026-03 1 1 1 1 1
	rows 2025-04 2 2 2 2 2;	rows 2026-04 1 1 1 1
	rows 2025-05 1 1 1 1 1;	rows 2026-05 1 1 1 1 2 2
	rows 2025-06 2 2 2 2 2;	rows 2026-06 1 1 1 1 1 1
	rows 2025-09 2 2 2 2 2;	rows 2026-09 1 1 1 1 1
	rows 2026-07 1 1 1	# and nothing in 2025-07
} >yoy.csv

# says MONTH ZH EN: the report on 2026-MONTH says ZH after 同比 and
# 同比起数、人数, and EN in both "(year on year: ...)".
says() {
	pt-report -d w.db --as-of 2026-12-31 --period "2026-$1" >w.txt &&
	pt-report -d w.db --as-of 2026-12-31 --period "2026-$1" --lang en >w-en.txt &&
	paras w.txt | sed -n 1p | grep -F "人次，同比$2。其中" &&
	paras w.txt | sed -n 3p | grep -F "人，同比起数、人数$2；" &&
	test "$(grep -cF "(year on year: $3)" w-en.txt)" = 2
}

test_expect_success 'a ledger of year-on-year pairs' '
	pt-intake -q -d w.db --as-of 2026-12-31 yoy.csv >/dev/null &&
	test "$(sqlite3 w.db "SELECT count(*) FROM cases")" = 74
'

test_expect_success 'a fall: 4 cases against 5 is 下降20.0% / down 20.0%' '
	says 01 "分别下降20.0%、持平" "down 20.0% and unchanged respectively"
'

test_expect_success 'a rise: 6 cases against 5 is 上升20.0% / up 20.0%' '
	says 02 "分别上升20.0%、持平" "up 20.0% and unchanged respectively"
'

test_expect_success 'no change: 5 against 5 is 持平 / unchanged' '
	says 09 "分别持平、下降50.0%" "unchanged and down 50.0% respectively"
'

test_expect_success 'no change in either count: 均持平 / both unchanged' '
	says 03 "均持平" "both unchanged"
'

test_expect_success 'both falling: 同比分别下降x%和y% / down x% and y% respectively' '
	says 04 "分别下降20.0%和60.0%" "down 20.0% and 60.0% respectively" &&
	grep -q "共受理群众来信来访4批次、4人次，同比分别下降20.0%和60.0%。" w.txt
'

test_expect_success 'both rising: 分别上升x%和y% / up x% and y% respectively' '
	says 05 "分别上升20.0%和60.0%" "up 20.0% and 60.0% respectively"
'

test_expect_success 'one rising, one falling: 分别上升x%、下降y% / up x% and down y%' '
	says 06 "分别上升20.0%、下降40.0%" "up 20.0% and down 40.0% respectively"
'

test_expect_success 'the tables give the change with its sign' '
	pt-report -d w.db --as-of 2026-12-31 --period 2026-06 >w.txt &&
	grep -q "^  来访 *6  *6  *100.0%  *5  *+20.0%" w.txt &&
	pt-report -d w.db --as-of 2026-12-31 --period 2026-01 >w.txt &&
	grep -q "^  来访 *4  *5  *100.0%  *5  *-20.0%" w.txt &&
	pt-report -d w.db --as-of 2026-12-31 --period 2026-03 >w.txt &&
	grep -q "^  来访 *5  *5  *100.0%  *5  *0.0%" w.txt
'

# A channel, region or category that had cases a year before but none now
# keeps its row, so the column 上年同期 adds up to the year before's total.
test_expect_success 'the tables keep a group that had cases only a year before' '
	printf "%s\n" "$H" "2025-03-03,sms,甲,,,1,白云区,教育,city,,,,,," \
		"2026-03-03,visit,乙,,,1,青山区,劳动社保,city,,,,,," >gone.csv &&
	pt-intake -q -d gone.db --as-of 2026-04-10 gone.csv >/dev/null &&
	printf "case_id,event,date\n2025-000001,reject,2025-03-05\n" |
		pt-update -q -d gone.db --as-of 2026-04-10 >/dev/null &&
	pt-report -d gone.db --as-of 2026-04-10 --period 2026-03 >gone.txt &&
	grep -q "^  来访  *1  *1  *100.0%  *0  *-" gone.txt &&
	grep -q "^  短信  *0  *0  *0.0%  *1  *-100.0%" gone.txt &&
	grep -q "^  白云区  *0  *0  *0.0%  *1  *-100.0%" gone.txt &&
	grep -q "^  教育  *0  *0  *0.0%  *1  *-100.0%" gone.txt
'

# With nothing a year before, the change is said once for both counts.
test_expect_success 'nothing a year before is said once, not once per count' '
	pt-report -d w.db --as-of 2026-12-31 --period 2026-07 >w.txt &&
	pt-report -d w.db --as-of 2026-12-31 --period 2026-07 --lang en >w-en.txt &&
	paras w.txt | sed -n 1p | grep "3批次、3人次，同比.*上年同期.*零" &&
	test "$(paras w.txt | sed -n 1p | grep -o "上年同期为零" | wc -l)" -le 1 &&
	test_no_match "none a year before and none a year before" w-en.txt
'

test_expect_success 'default period by --kind: the one just ended (the day itself for daily)' '
	pt-report -d m.db $A --kind daily >d.txt &&
	test "$(head -n 1 d.txt)" = "全市信访工作日报（2026年4月10日）" &&
	pt-report -d m.db $A >d.txt &&
	test "$(head -n 1 d.txt)" = "全市信访工作月报（2026年3月）" &&
	pt-report -d m.db $A --kind weekly >d.txt &&
	test "$(head -n 1 d.txt)" = "全市信访工作周报（2026年第14周（3月30日至4月5日））" &&
	pt-report -d m.db $A --kind quarterly >d.txt &&
	test "$(head -n 1 d.txt)" = "全市信访工作季度分析（2026年第一季度）" &&
	pt-report -d m.db $A --kind annual --lang en >d.txt &&
	test "$(head -n 1 d.txt)" = "Petition work annual summary, 2025 (the city)"
'

test_expect_success 'without --kind the kind follows --period: a year is the annual summary' '
	for p in "2025 年度总结（2025年）" "2026-Q1 季度分析（2026年第一季度）" \
		"2026-W11 周报（2026年第11周（3月9日至3月15日））" "2026-03-10 日报（2026年3月10日）" \
		"2026-03 月报（2026年3月）" "2026-H1 半年总结（2026年上半年）" \
		"2026-01..2026-03 月报（2026年1—3月）"; do
		pt-report -d m.db $A --period ${p%% *} >d.txt &&
		test "$(head -n 1 d.txt)" = "全市信访工作${p#* }" || exit 1
	done &&
	pt-report -d m.db $A --period 2026-03-10 >d.txt &&
	grep -q "^新登记信访事项" d.txt &&
	pt-report -d m.db $A --period 2025 --kind monthly >d.txt &&
	test "$(head -n 1 d.txt)" = "全市信访工作月报（2025年）"
'

test_expect_success 'the daily bulletin lists the day'\''s new cases' '
	pt-report -d m.db $A --kind daily --period 2026-03-10 >d.txt &&
	sed -n "/^新登记信访事项/,/^\$/p" d.txt >new &&
	test "$(wc -l <new)" = 4 &&
	grep -q "^  2026-000012  来访  *8  东河区  *企业改制  初信初访" new
'

test_expect_success 'the sections and tables come in order' '
	grep -v "^ " zh.txt | grep . >got &&
	cat >expect <<-\EOF2 &&
	全市信访工作月报（2026年3月）
	一、基本情况
	二、分类统计
	按信访形式
	来访按层级（进京、赴省、到市、到县）
	初信初访、重复信访与交办件
	集体访（5人以上来访，按层级）
	按问题属地
	按问题类别
	三、办理质效
	责任单位“三率”排名（月考评）
	红黄牌督办（按责任单位）
	EOF2
	test_cmp expect got
'

test_expect_success '--format md: headings and Markdown tables' '
	pt-report -d m.db $A --period 2026-03 --format md >r.md &&
	test "$(head -n 1 r.md)" = "# 全市信访工作月报（2026年3月）" &&
	grep -q "^## 一、基本情况\$" r.md &&
	grep -q "^\*\*按信访形式\*\*\$" r.md &&
	grep -q "^| 信访形式 | 批次 | 人次 | 占比 | 上年同期 | 同比 |\$" r.md &&
	grep -q "^| --- | ---: | ---: | ---: | ---: | ---: |\$" r.md &&
	grep -q "^| 来访 | $vis | $visp | " r.md &&
	grep -qF "2026年3月，全市共受理群众来信来访${b}批次" r.md &&
	test "$(grep -c "^| ---" r.md)" = 8 &&
	test_no_match -q "<svg" r.md
'

test_expect_success '--format html: one self-contained file with three charts' '
	for l in zh en; do
		pt-report -d m.db $A --period 2026-03 --format html --lang $l >r-$l.html &&
		test "$(head -n 1 r-$l.html)" = "<!DOCTYPE html>" &&
		test "$(tail -n 1 r-$l.html)" = "</html>" &&
		test "$(grep -c "<html" r-$l.html)" = 1 &&
		test "$(grep -o "<svg" r-$l.html | wc -l)" = 3 &&
		test "$(grep -o "</svg>" r-$l.html | wc -l)" = 3 &&
		grep -q "<style>@page{size:A4" r-$l.html || exit 1
	done &&
	grep -q "<title>全市信访工作月报（2026年3月）</title>" r-zh.html &&
	grep -q "<html lang=\"zh-CN\">" r-zh.html && grep -q "<html lang=\"en\">" r-en.html &&
	grep -qF "<p>2026年3月，全市共受理群众来信来访${b}批次" r-zh.html
'

# The months chart: each month's cases of 2026 and of 2025 (one count of
# cases_received a month), a line each; a point's height is the month's
# count over the axis top, the first tick (34 + 186 - count * 186 / top).
# expect_points DB YEAR TOP [AND...]: the points of YEAR's line (the cases
# that meet AND... too).
expect_points() {
	_m=0
	while [ $_m -lt 12 ]; do
		_m=$((_m + 1))
		_c=$(sqlite3 "$1" "SELECT count(*) FROM petition_cases
			WHERE substr(received, 1, 7) = printf('%s-%02d', '$2', $_m) ${4-}")
		printf "%d,%d " $((72 + (_m - 1) * 48)) $((220 - _c * 186 / $3))
	done
}
test_expect_success '--format html: the months chart counts each month of both years' '
	sed -n "/各月受理批次/,/<\/svg>/p" r-zh.html >months.svg &&
	top=$(grep -o "<text class=\"tick\"[^>]*>[0-9,]*<" months.svg | head -n 1 |
		sed "s/.*>\([0-9,]*\)<\$/\1/; s/,//g") &&
	test "$top" -gt 0 &&
	grep -o "points=\"[^\"]*\"" months.svg >got &&
	printf "points=\"%s\"\n" "$(expect_points m.db 2026 $top)" "$(expect_points m.db 2025 $top)" >expect &&
	test_cmp expect got &&
	test_no_match -q " 168,220 " expect &&
	pt-report -d m.db $A --period 2026-03 --format html --region 青山区 |
		sed -n "/各月受理批次/,/<\/svg>/p" >months.svg &&
	top=$(grep -o "<text class=\"tick\"[^>]*>[0-9,]*<" months.svg | head -n 1 |
		sed "s/.*>\([0-9,]*\)<\$/\1/; s/,//g") &&
	grep -o "points=\"[^\"]*\"" months.svg >got &&
	printf "points=\"%s\"\n" "$(expect_points m.db 2026 $top "AND region = '"'青山区'"'")" \
		"$(expect_points m.db 2025 $top "AND region = '"'青山区'"'")" >expect &&
	test_cmp expect got &&
	test_no_match -q " 168,220 " expect
'

test_expect_success '--format html: nothing is fetched from anywhere' '
	pt-report -d m.db --as-of 2027-04-10 --period 2027-03 --format html >none.html &&
	test "$(grep -o "<svg" none.html | wc -l)" = 3 &&
	for f in r-zh.html r-en.html none.html; do
		test_no_match -i -e "http://" -e "https://" -e "src=" -e "url(" -e "@import" \
			-e "<link" -e "<script" -e "<img" -e "<iframe" -e "<object" $f || exit 1
	done
'

# A chart's four gridlines are whole, evenly spaced numbers (the axis top
# is a multiple of 4).
test_expect_success '--format html: chart axis labels are evenly spaced' '
	pt-report -d w.db --as-of 2026-12-31 --period 2026-06 --format html >axis.html &&
	test "$(grep -c "<svg" axis.html)" = 3 &&
	grep "<svg" axis.html | while read -r svg; do
		printf "%s\n" "$svg" | grep -o "fill=\"#555\">[0-9]*<" | sed "s/.*>//; s/<//" >labels &&
		awk "{ v[NR] = \$1 } END { for (i = 2; i < NR; i++) if (v[i] - v[i + 1] != v[1] - v[2]) exit 1; exit NR != 5 }" labels ||
			{ echo "axis:" $(cat labels); exit 1; }
	done
'

test_expect_success '--format html: what --org says is escaped' '
	pt-report -d m.db $A --period 2026-03 --format html --org "<b>局&" >esc.html &&
	grep -q "<title>&lt;b&gt;局&amp;信访工作月报" esc.html &&
	test_no_match -q "<b>" esc.html
'

test_expect_code 69 'a missing ledger exits 69' '
	pt-report -d no-such.db --period 2026-03 >out 2>err
'

test_expect_success 'a missing ledger is named, not created' '
	grep -q "^pt-report: no-such.db: no ledger" err && test ! -s out &&
	test ! -e no-such.db &&
	{ PT_DB=no-such.db pt-report 2>err; test $? = 69; } &&
	test ! -e ledger.db
'

# The ranking lists the units with a case in what its rates are made of
# (received, accepted, due, concluded, open at the end); a unit whose only
# case in the month is a review (只复查单位: accepted in July, concluded in
# August, asked for review on 09-10) is counted by pt-stats by unit but is
# not ranked.
test_expect_success 'the ranking leaves out a unit with nothing but a review in the month' '
	printf "%s\n" "$H" "2026-07-01,letter,审一,,,1,K区,城建,city,,,R1,,," \
		"2026-09-03,letter,排一,,,1,K区,城建,city,,,R2,,," >rk.csv &&
	pt-intake -q -d rk.db --as-of 2026-10-31 rk.csv >/dev/null &&
	printf "%s\n" "case_id,event,date,unit,resolved" "2026-000001,accept,2026-07-02,只复查单位," \
		"2026-000001,conclude,2026-08-20,,yes" "2026-000001,reply,2026-08-20,," \
		"2026-000001,review,2026-09-10,," "2026-000002,accept,2026-09-04,排名单位," >rk-ev.csv &&
	pt-update -q -d rk.db --as-of 2026-10-31 rk-ev.csv >/dev/null &&
	pt-stats -d rk.db --period 2026-09 --by unit --as-of 2026-10-31 >rk-st.csv &&
	test "$(st rk-st.csv reviews 只复查单位)" = 1 &&
	pt-report -d rk.db --kind monthly --period 2026-09 --as-of 2026-10-31 >rk.txt &&
	grep -q "排名单位" rk.txt &&
	! grep -q "只复查单位" rk.txt
'

test_expect_success 'the ledger defaults to $PT_DB' '
	PT_DB=m.db pt-report $A --period 2026-03 >env.txt &&
	cmp zh.txt env.txt
'

test_expect_code 64 'a bad --kind exits 64' '
	pt-report -d m.db --kind hourly >out 2>err
'

test_expect_success 'a bad --kind is named, with the usage on stderr' '
	grep -q "^pt-report: unknown kind .hourly." err &&
	grep -q "^usage: pt-report" err && test ! -s out
'

test_expect_success 'a bad --lang, --format, --period, --as-of or an operand exits 64' '
	for a in "--lang fr" "--format csv" "--period 2026-13" "--as-of 2026-02-30" "-t" "x.csv"; do
		pt-report -d m.db $a >out 2>err
		test $? = 64 && test ! -s out || { echo "$a"; exit 1; }
	done
'

test_expect_code 74 'a full disk on standard output is an error (exit 74)' '
	pt-report -d m.db $A --period 2026-03 >/dev/full
'

test_expect_success 'a closed pipe ends the report quietly' '
	{ pt-report -d m.db $A --period 2026 --kind annual 2>err; echo $? >rc; } | head -n 1 >/dev/null &&
	test "$(cat rc)" = 0 &&
	test ! -s err
'

test_expect_success 'the report only reads: the ledger is unchanged' '
	sqlite3 m.db .dump >before &&
	pt-report -d m.db $A --period 2026-03 --format html >/dev/null &&
	sqlite3 m.db .dump >after &&
	test_cmp before after
'

# The reports' own figures: a half year's letters (来信1864件，其中初信1099件，
# 重复信292件，交办件473件；联名信191件，联名人数8044人) and a county's cases
# referred from above (上三级交办信访事项143件，到期应办结127件，按期办结127件).
test_expect_success 'the letters'\'' sentence, with the figures a report printed' '
	awk -v H="$H" "BEGIN {
		print H
		for (i = 1; i <= 1099; i++)
			printf \"2026-09-%02d,letter,甲%d,,139%08d,%d,青山区,劳动社保,city,,,,,,\\n\",
				1 + i % 10, i, i, i <= 190 ? 42 : i == 191 ? 64 : 1
		for (i = 1; i <= 292; i++)
			printf \"2026-09-%02d,letter,甲%d,,139%08d,1,青山区,劳动社保,city,,,,,,\\n\",
				15 + i % 10, i, i
		for (i = 1; i <= 473; i++)
			printf \"2026-09-%02d,letter,乙%d,,138%08d,1,东河区,城乡建设,city,province,,,,,\\n\",
				1 + i % 28, i, i
	}" >lt.csv &&
	pt-intake -q -d lt.db --as-of 2026-12-31 lt.csv >/dev/null &&
	pt-report -d lt.db --as-of 2026-12-31 --period 2026-09 >lt.txt &&
	paras lt.txt | sed -n 2p >got &&
	echo "初信初访1099件，占59.0%；重复信访292件，占15.7%；交办件473件，占25.4%。来信1864件，其中初信1099件，占总信的59.0%；重复信292件，占15.7%；交办件473件，占25.4%。联名信191件，联名人数8044人。" >expect &&
	test_cmp expect got
'

test_expect_success 'the cases referred from above, with their own on-time rate: 上三级 from a county' '
	{
		echo "$H,accepted,unit,concluded,resolved" &&
		awk "BEGIN {
			for (i = 1; i <= 127; i++)
				printf \"2026-07-01,letter,丙%d,,137%08d,1,九原区,教育,county,city,,,,,,2026-07-03,县教育局,2026-08-20,yes\\n\", i, i
			for (i = 1; i <= 143; i++)
				printf \"2026-09-%02d,online,丁%d,,136%08d,1,九原区,教育,county,province,,,,,,,,,\\n\", 1 + i % 28, i, i
			for (i = 1; i <= 10; i++)
				printf \"2026-07-01,visit,戊%d,,135%08d,1,九原区,教育,county,,,,,,,2026-07-03,县教育局,%s,yes\\n\", i, i, i <= 5 ? \"2026-08-20\" : \"2026-09-10\"
		}"
	} >rf.csv &&
	pt-intake -q --history -d rf.db --as-of 2026-12-31 rf.csv >/dev/null &&
	pt-report -d rf.db --as-of 2026-12-31 --period 2026-09 --org 九原区 --org-level county >rf.txt &&
	paras rf.txt | grep -o "^上三级交办信访事项[^；]*；" >got &&
	echo "上三级交办信访事项143件，到期应办结127件，按期办结127件，按期办结率100.0%。到期应办结137件，按期办结132件，按期办结率96.4%；" >expect &&
	test_cmp expect got &&
	pt-report -d rf.db --as-of 2026-12-31 --period 2026-09 >rf.txt &&
	paras rf.txt | grep -q "^上级交办信访事项143件，到期应办结127件" &&
	pt-report -d rf.db --as-of 2026-12-31 --period 2026-09 --lang en >rf.txt &&
	paras rf.txt | grep -q "^143 cases were referred from above; 127 referred cases fell due to be concluded, 127 of them on time (100.0%)\. Of the 137 cases due to be concluded, 132 were concluded on time (96.4%)"
'

test_done
