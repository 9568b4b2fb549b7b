#!/bin/sh
# pdf-bench.sh — the handbook PDF's benchmark, run by run-bench.sh with
# the BENCH_* environment it documents (or alone: it generates what is
# missing). Prints:
#   - ybt on the large synthetic edition (N=1000): pages, ms/page, pages/s;
#   - ybt on a ~1,000-page handbook: wall time and peak memory against
#     the targets (< 2 s, < 300 MB);
#   - the print PDF's time against the screen PDF's (target ≤ 1.3×) and
#     leaflets per second on N=1000 (target ≥ 500/s);
#   - how far justification opens the gaps of the N=200 handbook's lines
#     (YBT_LBSTATS, linebreak.c): the worst and the 99th percentile
#     against the cap (1/10 em), and how many lines were left ragged;
#   - ybt and WeasyPrint on the same N=50 content (WeasyPrint reads it as
#     one print-styled HTML file): ms/page for both and the ratio
#     (target: ybt at least 50× faster per page).
set -u
cd "$(dirname "$0")/../.." || exit 3
root=$(pwd)
W=${BENCH_WORK:-$root/tests/work/bench}
YBT=${BENCH_YBT:-$root/ybt}
N=${BENCH_N:-1000}
PN=${BENCH_PDF_N:-50}
GEN=${BENCH_GEN:-$W/gen}
ED=${BENCH_EDITION:-$W/guides/bench$N}
ED50=${BENCH_EDITION50:-$W/guides/bench$PN}
HTML50=${BENCH_HTML50:-$W/bench$PN.html}
K=45		# N of a ~1,000-page handbook
TIME=/usr/bin/time
TF='%e %M %U %S'
status=0

mkdir -p "$W/guides" "$W/pdf" || exit 3
[ -e "$W/themes" ] || ln -s ../../../themes "$W/themes"
[ -x "$GEN" ] || cc -std=c11 -O2 -o "$GEN" tests/bench/gen.c || exit 3
[ -d "$ED" ] || "$GEN" "$N" "$ED" || exit 3
[ -d "$ED50" ] || "$GEN" "$PN" "$ED50" || exit 3
[ -f "$HTML50" ] || "$GEN" --html "$PN" "$HTML50" || exit 3
EDK=$W/guides/bench$K
[ -d "$EDK" ] || "$GEN" "$K" "$EDK" || exit 3

secs() { tail -n 1 "$1" | cut -d' ' -f1; }
mb() { tail -n 1 "$1" | awk '{ printf "%d", $2 / 1024 + 0.5 }'; }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
per() { awk -v s="$1" -v p="${2:-0}" 'BEGIN { if (p > 0) printf "%.3f", s * 1000 / p; else print "?" }'; }

# $1 = edition folder, $2 = label; sets P (pages) and S (seconds)
build() {
	id=$(basename "$1")
	$TIME -f "$TF" -o "$W/pdf/$id.time" "$YBT" build -f pdf -o "$W/pdf" "$1" \
		>/dev/null 2>"$W/pdf/$id.err" ||
		{ echo "FAIL pdf-bench: ybt build -f pdf $1: $(grep -m 3 error "$W/pdf/$id.err")"; status=1; }
	P=$(pages "$W/pdf/$id/$id.pdf")
	S=$(secs "$W/pdf/$id.time")
	M=$(mb "$W/pdf/$id.time")
}

build "$ED"
echo "ybt pdf N=$N: ${P:-?} pages in $S s, $(per "$S" "$P") ms/page," \
	"$(awk -v s="$S" -v p="${P:-0}" 'BEGIN { if (s > 0) printf "%.0f", p / s; else print "?" }') pages/s, $M MB peak"

build "$EDK"
verdict=$(awk -v s="$S" -v m="$M" -v p="${P:-0}" 'BEGIN {
	v = ""; if (s * 1000 / p >= 2) v = v " time"; if (m + 0 >= 300) v = v " memory";
	print v == "" ? "met" : "MISSED:" v }')
echo "ybt pdf N=$K: ${P:-?} pages in $S s, $M MB peak" \
	"(target: 1,000 pages < 2 s, < 300 MB: $verdict)"

build "$ED50"
YMS=$(per "$S" "$P")
SCREEN=$S
echo "ybt pdf N=$PN: ${P:-?} pages in $S s, $YMS ms/page"

# issue 12: inter-character expansion of justified lines, N=200
ED200=$W/guides/bench200
[ -d "$ED200" ] || "$GEN" 200 "$ED200" || exit 3
rm -f "$W/pdf/lbstats"
YBT_LBSTATS=$W/pdf/lbstats "$YBT" build -f pdf -o "$W/pdf/lb" "$ED200" \
	>/dev/null 2>&1 || { echo "FAIL pdf-bench: ybt build -f pdf $ED200"; status=1; }
LC_ALL=C awk '{ v = $1; if (v ~ /^r/) { rg++; next } print v }' \
	"$W/pdf/lbstats" | sort -n | awk -v rg="$(grep -c '^r' "$W/pdf/lbstats")" '
	{ v[NR] = $1 } END { n = NR; p = n ? v[int(0.99 * (n - 1)) + 1] : 0
	printf "ybt lines N=200: %d justified, widest gap +%.3f em, 99th " \
	    "percentile +%.3f em (cap 0.100 em), %d left ragged\n", n,
	    n ? v[n] : 0, p, rg }'

# issue 6: the print PDF against the screen PDF, and leaflets per second
id=$(basename "$ED50")
$TIME -f "$TF" -o "$W/pdf/print.time" "$YBT" build -f print -o "$W/pdf/print" \
	"$ED50" >/dev/null 2>&1 || { echo "FAIL pdf-bench: ybt build -f print"; status=1; }
PS=$(secs "$W/pdf/print.time")
echo "ybt print N=$PN: $PS s, $(awk -v a="$PS" -v b="$SCREEN" \
	'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }')× the screen PDF (target ≤ 1.3×)"
# Leaflets per second on the N=1000 edition (the target, ≥ 500/s), the
# whole of `ybt build -f leaflets`: reading the edition, fitting every
# leaflet, the one-page files and leaflets.pdf; and on N=50 for scale.
for e in "$ED" "$ED50"; do
	eid=$(basename "$e")
	# a new folder: deleting a thousand files just before would slow
	# down creating them again, and measure the deletion
	lo=$W/pdf/leaf-$eid.$$
	$TIME -f "$TF" -o "$W/pdf/leaf-$eid.time" "$YBT" build -f leaflets \
		-o "$lo" "$e" >/dev/null 2>&1 ||
		{ echo "FAIL pdf-bench: ybt build -f leaflets $e"; status=1; }
	LS=$(secs "$W/pdf/leaf-$eid.time")
	NL=$(ls "$lo/$eid/leaflets" 2>/dev/null | wc -l)
	LR=$(awk -v n="$NL" -v s="$LS" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "?" }')
	if [ "$e" = "$ED" ]; then
		verdict=$(awk -v r="$LR" 'BEGIN { print ((r + 0 >= 500) ? "met" : "MISSED") }')
		echo "ybt leaflets N=$N: $NL leaflets (+ leaflets.pdf) in $LS s," \
			"$LR leaflets/s, $(mb "$W/pdf/leaf-$eid.time") MB peak" \
			"(target ≥ 500/s: $verdict)"
	else
		echo "ybt leaflets N=$PN: $NL leaflets (+ leaflets.pdf) in $LS s," \
			"$LR leaflets/s (start-up included)"
	fi
done
if command -v weasyprint >/dev/null 2>&1; then
	$TIME -f "$TF" -o "$W/pdf/weasy.time" weasyprint -q "$HTML50" \
		"$W/pdf/weasy$PN.pdf" 2>"$W/pdf/weasy.err"
	WP=$(pages "$W/pdf/weasy$PN.pdf")
	WS=$(secs "$W/pdf/weasy.time")
	WMS=$(per "$WS" "$WP")
	echo "weasyprint N=$PN: ${WP:-?} pages in $WS s, $WMS ms/page," \
		"$(mb "$W/pdf/weasy.time") MB peak"
	echo "ratio (WeasyPrint ms/page ÷ ybt ms/page): $(awk -v a="$WMS" -v b="$YMS" \
		'BEGIN { if (b > 0) printf "%.0f×", a / b; else print "?" }') (target ≥ 50×)"
else
	echo "weasyprint not installed (sh tools/deps.sh test): no ratio"
fi
exit $status
