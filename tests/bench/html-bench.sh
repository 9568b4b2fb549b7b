#!/bin/sh
# html-bench.sh — the portal's pages/s beside Hugo's on the same content,
# and the size of the search index. Called by run-bench.sh, which sets
# BENCH_YBT, BENCH_WORK, BENCH_N, BENCH_EDITION and BENCH_HUGO (see the
# top of run-bench.sh).
#
# Pages are counted as the .html files each tool writes: ybt's site/
# (index, stages, guides, matters, offices, departments, indexes) and
# Hugo's public/ (home, guides, matters, offices, section and taxonomy
# lists). Both run in turn on the same machine, BENCH_RUNS times each
# (default 3), and the medians are compared: for wall time (what a user
# waits) and for CPU time (user + sys, less sensitive to other load on a
# shared machine). Target: ybt ≥ 5× Hugo, < 500 MB peak.
set -u
: "${BENCH_YBT:?run via tests/bench/run-bench.sh}"
TIME=/usr/bin/time
W=$BENCH_WORK
root=$(cd "$(dirname "$0")/../.." && pwd)
status=0

# $1 = file written by time -f '%e %U %S %M'
secs() { tail -n 1 "$1" | cut -d' ' -f1; }
cpu() { tail -n 1 "$1" | awk '{ printf "%.2f", $2 + $3 }'; }
mb() { tail -n 1 "$1" | awk '{ printf "%d", $4 / 1024 + 0.5 }'; }
rate() { awk -v p="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", p / s; else print "?" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "?") printf "%.1f", a / b; else print "?" }'; }
kb() { du -sk "$1" | cut -f1; }

# Fresh output folders, left in place (run-bench.sh deletes them after
# the next run's timings): deleting ten thousand files just before a
# timed run makes the file system slow to create new ones for a while,
# which would measure the deletion, not the tool.
RUNS=${BENCH_RUNS:-3}
# median of the numbers given as arguments
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# ybt and Hugo in turn, RUNS times each, so that both meet the same
# machine; the medians are reported.
have_hugo=
command -v hugo >/dev/null 2>&1 && have_hugo=1
ys= yc= hs= hc= ybt_ok=1 hugo_ok=1
k=0
while [ $k -lt "$RUNS" ]; do
	k=$((k + 1))
	out=$W/html-out.$$.$k hout=$W/hugo-out.$$.$k
	if $TIME -f '%e %U %S %M' -o "$W/html.$k.time" "$BENCH_YBT" build -f html \
		-o "$out" "$BENCH_EDITION" >"$W/html.out" 2>"$W/html.err"; then
		ys="$ys $(secs "$W/html.$k.time")" yc="$yc $(cpu "$W/html.$k.time")"
	else
		ybt_ok=
	fi
	if [ -n "$have_hugo" ]; then
		if $TIME -f '%e %U %S %M' -o "$W/hugo.$k.time" hugo --quiet \
			-s "$BENCH_HUGO" -d "$hout" \
			--cacheDir "$W/hugo-cache" >"$W/hugo.out" 2>"$W/hugo.err"; then
			hs="$hs $(secs "$W/hugo.$k.time")" hc="$hc $(cpu "$W/hugo.$k.time")"
		else
			hugo_ok=
		fi
	fi
done

# measure LABEL DIR TIMEPREFIX "WALLS" "CPUS": one line of figures for a
# tool's site in DIR; sets RATE and CPU_RATE (pages per s and per CPU-s)
# and PEAK (MB, the largest of the runs).
measure() {
	pages=$(find "$2" -name '*.html' | wc -l)
	size=$(du -sm "$2" | cut -f1)
	s=$(median $4)
	c=$(median $5)
	RATE=$(rate "$pages" "$s")
	CPU_RATE=$(rate "$pages" "$c")
	PEAK=$(k=0; while [ $k -lt "$RUNS" ]; do k=$((k + 1));
		mb "$W/$3.$k.time"; echo; done | sort -n | tail -n 1)
	echo "$1 N=$BENCH_N: $pages pages in $s s = $RATE pages/s" \
		"($c CPU s = $CPU_RATE pages/CPU-s), $PEAK MB peak, site $size MB" \
		"(median of $RUNS runs: wall$4; CPU$5)"
}

ybt_rate= ybt_cpu_rate=
if [ -n "$ybt_ok" ]; then
	site=$out/$(basename "$BENCH_EDITION")/site
	measure "ybt html" "$site" html "$ys" "$yc"
	ybt_rate=$RATE ybt_cpu_rate=$CPU_RATE
	echo "search index N=$BENCH_N: $(kb "$site/search") KB in" \
		"$(ls "$site/search" | wc -l) shards, largest" \
		"$(ls -S "$site/search" | head -1 | xargs -I{} du -k "$site/search/{}" | cut -f1) KB"
	[ "$PEAK" -lt 500 ] || echo "html: peak memory over 500 MB"
else
	echo "FAIL html-bench: ybt build -f html failed; first lines:"
	head -n 10 "$W/html.err"
	status=1
fi

# The search index of the sample editions.
for e in "$root"/guides/*/; do
	[ -f "$e/edition.md" ] || continue
	id=$(basename "$e")
	if "$BENCH_YBT" build -f html -o "$W/html-sample" "$e" >/dev/null 2>&1; then
		s=$W/html-sample/$id/site
		echo "search index $id: $(kb "$s/search") KB in $(ls "$s/search" | wc -l) shards" \
			"for $(find "$s/guide" "$s/matter" "$s/office" -name '*.html' | wc -l) pages"
	fi
done

if [ -z "$have_hugo" ]; then
	echo "hugo not installed (apt-get install hugo): no comparison"
elif [ -n "$hugo_ok" ]; then
	measure "hugo $(hugo version | awk '{ print $2 }')" "$hout" hugo "$hs" "$hc"
	hugo_rate=$RATE hugo_cpu_rate=$CPU_RATE
	if [ -n "$ybt_rate" ] && [ "$hugo_rate" != "?" ]; then
		r=$(ratio "$ybt_rate" "$hugo_rate")
		echo "html: ybt/hugo = ${r}x pages/s (wall), $(ratio "$ybt_cpu_rate" "$hugo_cpu_rate")x pages/CPU-s" \
			"(target 5x: $(awk -v r="$r" 'BEGIN { print (r >= 5) ? "met" : "MISSED" }'))"
	fi
else
	echo "FAIL html-bench: hugo failed; first lines:"
	head -n 10 "$W/hugo.err"
	status=1
fi
exit $status
