#!/bin/sh
# sanitizers.sh — `make serve-san`: ybt built with ASan+UBSan and with
# ThreadSanitizer (into tests/work/serve-san/, ./ybt untouched), each
# running the serve suite (tests/serve/suite with YBT_SERVE_BIN); a
# sanitizer report in the server's output fails the suite's
# no-sanitizer-reports test.
set -u
cd "$(dirname "$0")/../.." || exit 3
W=tests/work/serve-san
mkdir -p "$W" || exit 3
PKGS="libcmark-gfm yaml-0.1 libxml-2.0 libqrencode fontconfig freetype2 libdeflate libpng libjpeg xlsxwriter libzip libmicrohttpd"
CF="-pthread -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -O1 -g -fno-omit-frame-pointer -DYBT_SHARE=\"$(pwd)\" $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lcmark-gfm-extensions -lhpdf -lcsv -lm"
rc=0
for san in asan tsan; do
	case $san in
	asan) f="-fsanitize=address,undefined -fno-sanitize-recover=undefined" ;;
	tsan) f="-fsanitize=thread" ;;
	esac
	if [ ! -x "$W/ybt-$san" ] || [ -n "$(find compiler -newer "$W/ybt-$san" -name '*.[ch]' | head -1)" ]; then
		# shellcheck disable=SC2086
		cc $CF $f -o "$W/ybt-$san" compiler/*.c $LIBS || { echo "FAIL serve-$san-build"; rc=1; continue; }
	fi
	echo "== serve under $san"
	# The suite's status and its FAIL lines both count (a pipe into sed
	# would hide the first).
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	TSAN_OPTIONS="halt_on_error=0 exitcode=0" BROWSER=0 \
	    YBT_SERVE_BIN="$W/ybt-$san" sh tests/serve/suite >"$W/$san.out" 2>&1 || rc=1
	sed "s/^\(ok\|FAIL\) serve-/\1 serve-$san-/" "$W/$san.out"
	grep -q '^FAIL' "$W/$san.out" && rc=1
	grep -q '^ok' "$W/$san.out" || { echo "FAIL serve-$san: no test ran"; rc=1; }
done
exit $rc
