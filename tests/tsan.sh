#!/bin/sh
# tsan.sh — what `make tsan` runs: ybt built with ThreadSanitizer (into
# tests/work/tsan/, the tree's ./ybt untouched) checks and builds the
# sample editions and a generated N=200 edition with every output, and
# the run fails on any ThreadSanitizer report. The threads are the
# reader threads of the model, the portal's page workers and indexer,
# and the leaflet painters' shared counter.
set -u
cd "$(dirname "$0")/.." || exit 3
W=tests/work/tsan
rm -rf "$W" && mkdir -p "$W/guides" || exit 3
PKGS="libcmark-gfm yaml-0.1 libxml-2.0 libqrencode fontconfig freetype2 libdeflate libpng libjpeg xlsxwriter libzip libmicrohttpd"
cc -pthread -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -O1 -g \
    -fsanitize=thread -DYBT_SHARE="\"$(pwd)\"" $(pkg-config --cflags $PKGS) \
    -o "$W/ybt" compiler/*.c $(pkg-config --libs $PKGS) \
    -lcmark-gfm-extensions -lhpdf -lcsv -lm || exit 3
cc -std=c11 -O2 -o "$W/gen" tests/bench/gen.c || exit 3
"$W/gen" 200 "$W/guides/bench200" >/dev/null || exit 3
ln -s ../../../themes "$W/themes"
fail=0
run() {	# name, then the ybt arguments
	name=$1
	shift
	TSAN_OPTIONS="halt_on_error=0 exitcode=0" "$W/ybt" "$@" \
	    >"$W/$name.out" 2>"$W/$name.err"
	n=$(grep -c 'WARNING: ThreadSanitizer' "$W/$name.err")
	if [ "$n" -ne 0 ]; then
		echo "FAIL tsan-$name: $n reports, first:"
		grep -m1 -A12 'WARNING: ThreadSanitizer' "$W/$name.err"
		fail=1
	else
		echo "ok tsan-$name"
	fi
}
run check-samples check guides/gz guides/th
run build-gz build -o "$W/out" guides/gz
run build-th build -o "$W/out" guides/th
run check-bench200 check "$W/guides/bench200"
run build-bench200 build -o "$W/out" "$W/guides/bench200"
exit $fail
