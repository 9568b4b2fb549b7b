#!/bin/sh
# run-bench.sh — what `make bench` runs (from the repository root, after
# ./ybt is built and the test packages are installed).
#
#  1. builds tests/bench/gen.c (cc -O2, no dependencies);
#  2. generates the synthetic content under tests/work/bench/ (ignored
#     by git; wiped and rewritten on every run);
#  3. times `./ybt check` on the N=1000 edition (wall time, peak RSS);
#  4. runs tests/bench/html-bench.sh, pdf-bench.sh and serve-bench.sh
#     when they exist (owned by the HTML and PDF back ends and ybt serve)
#     (BENCH_PARTS="html pdf" runs only those)
#     and passes their output through. Without pdf-bench.sh, WeasyPrint alone is timed on
#     the N=50 HTML so that its figure is still there.
#
# Environment given to html-bench.sh and pdf-bench.sh (absolute paths):
#   BENCH_YBT        the ybt binary under test (./ybt)
#   BENCH_GEN        the generator: $BENCH_GEN N DIR, --hugo N DIR,
#                    --html N FILE (to make other sizes)
#   BENCH_WORK       tests/work/bench: write your outputs under it
#   BENCH_N          N of the large edition (default 1000)
#   BENCH_EDITION    the N=1000 edition: $BENCH_WORK/guides/bench1000
#                    (N guides, 10N matters, N procedures, N/10+5 offices)
#   BENCH_HUGO       the same content as a Hugo site: $BENCH_WORK/hugo1000
#                    (run: hugo --quiet -s "$BENCH_HUGO" -d OUTDIR)
#   BENCH_PDF_N      N of the small edition (default 50)
#   BENCH_EDITION50  the N=50 edition: $BENCH_WORK/guides/bench50
#   BENCH_HTML50     the same N=50 content as one print-styled HTML file
#                    for WeasyPrint: $BENCH_WORK/bench50.html
# ($BENCH_WORK/themes links to the repository's themes/, so `ybt build`
# finds the default theme beside the editions' guides/ folder.)
#
# Settable from the environment: BENCH_N, BENCH_PDF_N.
# Output: one line per figure. Exit status 1 when the generated edition
# does not pass `ybt check` or a sub-benchmark fails, 3 on set-up errors.
set -u
cd "$(dirname "$0")/../.." || exit 3
root=$(pwd)

N=${BENCH_N:-1000}
PN=${BENCH_PDF_N:-50}
W=$root/tests/work/bench
TIME=/usr/bin/time
status=0

[ -x ./ybt ] || { echo "bench: ./ybt is not built (run make ybt)" >&2; exit 3; }
[ -x $TIME ] || { echo "bench: $TIME missing (apt-get install time)" >&2; exit 3; }

# One run at a time: a second run would wipe the first one's files.
lock=$root/tests/work/bench.lock
mkdir -p "$root/tests/work" || exit 3
if ! mkdir "$lock" 2>/dev/null; then
	other=$(cat "$lock/pid" 2>/dev/null)
	if [ -n "$other" ] && kill -0 "$other" 2>/dev/null; then
		echo "bench: another run (pid $other) is using $W; try later" >&2
		exit 3
	fi
	rm -rf "$lock" && mkdir "$lock" || exit 3	# stale lock
fi
echo $$ >"$lock/pid"
trap 'rm -rf "$lock"' EXIT
trap 'exit 130' INT TERM

# The last run's files are moved aside now and deleted after this run's
# timings: ext4 is slow to create files for a minute or more after tens of
# thousands were deleted ("recently deleted" inodes), which would time
# the deletion, not the tools.
if [ -e "$W" ]; then
	mv "$W" "$W.old.$$" || exit 3
fi
mkdir -p "$W/guides" || exit 3
ln -s ../../../themes "$W/themes"

# $1 = file written by time -f "$TF": "wall KB user sys" on its last line
TF='%e %M %U %S'
secs() { tail -n 1 "$1" | cut -d' ' -f1; }
mb() { tail -n 1 "$1" | awk '{ printf "%d", $2 / 1024 + 0.5 }'; }
cpu() { tail -n 1 "$1" | awk '{ printf "%.2f", $3 + $4 }'; }

cc -std=c11 -O2 -o "$W/gen" tests/bench/gen.c || exit 3

export BENCH_YBT="$root/ybt" BENCH_GEN="$W/gen" BENCH_WORK="$W" \
	BENCH_N="$N" BENCH_PDF_N="$PN" \
	BENCH_EDITION="$W/guides/bench$N" BENCH_HUGO="$W/hugo$N" \
	BENCH_EDITION50="$W/guides/bench$PN" BENCH_HTML50="$W/bench$PN.html"

# The generator itself, timed on the large edition.
$TIME -f "$TF" -o "$W/gen.time" "$W/gen" "$N" "$BENCH_EDITION" || exit 3
files=$(find "$BENCH_EDITION" -type f | wc -l)
echo "gen N=$N: $files files in $(secs "$W/gen.time") s" \
	"(cpu $(cpu "$W/gen.time") s)"
"$W/gen" --hugo "$N" "$BENCH_HUGO" || exit 3
"$W/gen" "$PN" "$BENCH_EDITION50" || exit 3
"$W/gen" --html "$PN" "$BENCH_HTML50" || exit 3

# ybt check on the large edition. Its files were just written, so they
# are in the page cache: this measures ybt, not the disk.
$TIME -f "$TF" -o "$W/check.time" ./ybt check "$BENCH_EDITION" \
	>"$W/check.out" 2>"$W/check.err"
rc=$?
s=$(secs "$W/check.time")
m=$(mb "$W/check.time")
verdict=$(awk -v s="$s" -v m="$m" 'BEGIN {
	v = "";
	if (s + 0 >= 1) v = v " time";
	if (m + 0 >= 300) v = v " memory";
	print v == "" ? "met" : "MISSED:" v }')
echo "check N=$N ($((N * 10)) matters): $s s, $m MB peak" \
	"(target < 1 s, < 300 MB: $verdict; cpu $(cpu "$W/check.time") s)"
if [ "$rc" -ge 2 ]; then
	echo "FAIL bench: ybt check reports errors on the generated edition" \
		"(exit $rc); first ones:"
	grep -m 10 ': error:' "$W/check.err"
	status=1
fi
if [ "$rc" -eq 0 ] && grep -q ': warning:' "$W/check.err"; then
	echo "bench: ybt check warns on the generated edition:"
	grep -m 5 ': warning:' "$W/check.err"
fi

# The back ends' benchmarks.
for part in ${BENCH_PARTS:-html pdf serve}; do
	script=tests/bench/$part-bench.sh
	if [ -f "$script" ]; then
		echo "== $part-bench.sh"
		sh "$script" || { echo "FAIL bench: $script exited $?"; status=1; }
	elif [ "$part" = pdf ] && command -v weasyprint >/dev/null 2>&1; then
		echo "== WeasyPrint alone (tests/bench/pdf-bench.sh not present)"
		$TIME -f "$TF" -o "$W/weasy.time" weasyprint -q \
			"$BENCH_HTML50" "$W/weasy$PN.pdf" 2>"$W/weasy.err"
		pages=$(pdfinfo "$W/weasy$PN.pdf" 2>/dev/null |
			awk '/^Pages:/ { print $2 }')
		s=$(secs "$W/weasy.time")
		echo "weasyprint N=$PN: ${pages:-?} pages in $s s," \
			"$(awk -v s="$s" -v p="${pages:-0}" 'BEGIN {
			    if (p > 0) printf "%.1f", s * 1000 / p; else print "?" }') ms/page," \
			"$(mb "$W/weasy.time") MB peak"
	else
		echo "== $part-bench.sh not present (skipped)"
	fi
done
rm -rf "$root"/tests/work/bench.old.*
exit $status
