#!/bin/sh
# html-bench.sh — the portal's pages/s beside Hugo's on the same content.
# Called by run-bench.sh, which sets BENCH_YBT, BENCH_WORK, BENCH_N,
# BENCH_EDITION and BENCH_HUGO (see the top of run-bench.sh).
#
# Started by the bench owner (the Hugo part and a plain `ybt build -f
# html` timing); the HTML back end may refine the ybt part.
# Pages are counted as the .html files each tool writes: ybt's
# site/ (index, guides, matters, offices, departments…) and Hugo's
# public/ (home, guides, matters, offices, section and taxonomy lists).
set -u
: "${BENCH_YBT:?run via tests/bench/run-bench.sh}"
TIME=/usr/bin/time
W=$BENCH_WORK
status=0

# $1 = file written by time -f '%e %M'
secs() { tail -n 1 "$1" | cut -d' ' -f1; }
mb() { tail -n 1 "$1" | awk '{ printf "%d", $2 / 1024 + 0.5 }'; }
rate() { awk -v p="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", p / s; else print "?" }'; }

ybt_rate=
rm -rf "$W/html-out"
if $TIME -f '%e %M' -o "$W/html.time" "$BENCH_YBT" build -f html \
	-o "$W/html-out" "$BENCH_EDITION" >"$W/html.out" 2>"$W/html.err"; then
	site=$W/html-out/$(basename "$BENCH_EDITION")/site
	pages=$(find "$site" -name '*.html' | wc -l)
	size=$(du -sm "$site" | cut -f1)
	s=$(secs "$W/html.time")
	ybt_rate=$(rate "$pages" "$s")
	echo "ybt html N=$BENCH_N: $pages pages in $s s = $ybt_rate pages/s," \
		"$(mb "$W/html.time") MB peak, site $size MB"
else
	echo "FAIL html-bench: ybt build -f html failed; first lines:"
	head -n 10 "$W/html.err"
	status=1
fi

if command -v hugo >/dev/null 2>&1; then
	rm -rf "$W/hugo-out"
	if $TIME -f '%e %M' -o "$W/hugo.time" hugo --quiet \
		-s "$BENCH_HUGO" -d "$W/hugo-out" \
		--cacheDir "$W/hugo-cache" >"$W/hugo.out" 2>"$W/hugo.err"; then
		pages=$(find "$W/hugo-out" -name '*.html' | wc -l)
		size=$(du -sm "$W/hugo-out" | cut -f1)
		s=$(secs "$W/hugo.time")
		hugo_rate=$(rate "$pages" "$s")
		echo "hugo $(hugo version | awk '{ print $2 }') N=$BENCH_N:" \
			"$pages pages in $s s = $hugo_rate pages/s," \
			"$(mb "$W/hugo.time") MB peak, site $size MB"
		if [ -n "$ybt_rate" ] && [ "$hugo_rate" != "?" ]; then
			echo "html: ybt/hugo = $(awk -v a="$ybt_rate" -v b="$hugo_rate" \
				'BEGIN { if (b > 0) printf "%.1f", a / b; else print "?" }')x pages/s"
		fi
	else
		echo "FAIL html-bench: hugo failed; first lines:"
		head -n 10 "$W/hugo.err"
		status=1
	fi
else
	echo "hugo not installed (apt-get install hugo): no comparison"
fi
exit $status
