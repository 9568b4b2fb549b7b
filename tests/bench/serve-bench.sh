#!/bin/sh
# serve-bench.sh — `ybt serve` on the N=1000 edition (run by
# run-bench.sh, or alone: BENCH_YBT=./ybt BENCH_GEN=... see below):
# edit-to-page latency of a matter edit (median of 5, from the write to
# the new bytes served), of an edition.md edit, beside the time of a
# full `ybt build -f html`, and serve's peak memory (the server or any
# of its rebuilds). Alone: sh tests/bench/serve-bench.sh makes its own
# edition under tests/work/serve-bench.
set -u
cd "$(dirname "$0")/../.." || exit 3
root=$(pwd)
YBT=${BENCH_YBT:-$root/ybt}
N=${BENCH_N:-1000}
if [ -z "${BENCH_EDITION:-}" ]; then
	W=$root/tests/work/serve-bench
	rm -rf "$W" && mkdir -p "$W/guides" || exit 3
	ln -s ../../../themes "$W/themes"
	cc -std=c11 -O2 -o "$W/gen" tests/bench/gen.c || exit 3
	"$W/gen" "$N" "$W/guides/bench$N" >/dev/null || exit 3
	BENCH_EDITION=$W/guides/bench$N
else
	W=$BENCH_WORK/serve
	mkdir -p "$W" || exit 3
fi
# Its own copy: the edits must not change what the other benches read.
ED=$W/guides-serve/$(basename "$BENCH_EDITION")
rm -rf "$W/guides-serve" && mkdir -p "$W/guides-serve" || exit 3
cp -R "$BENCH_EDITION" "$ED" || exit 3
ln -sfn "$root/themes" "$W/themes"
[ -d "$W/themes" ] || exit 3

/usr/bin/time -f '%e %M' -o "$W/build.time" "$YBT" build -f html \
	-o "$W/out" "$ED" >/dev/null 2>&1 || { echo "FAIL serve-bench: build"; exit 1; }
build_s=$(cut -d' ' -f1 "$W/build.time")
NODE_PATH=$root/tests/node_modules YBT="$YBT" ED="$ED" BUILD_S="$build_s" \
	node tests/bench/serve-latency.js
