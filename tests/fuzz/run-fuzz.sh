#!/bin/sh
# run-fuzz.sh SECONDS — build the libFuzzer targets with clang (ASan +
# UBSan) and run each for SECONDS, seeded from the sample editions and
# the regression cases. Crashes are left in tests/work/fuzz/<target>/.
# FUZZ_TARGETS="md file" runs only those targets (then the pipeline).
set -u
secs=${1:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 3
out=tests/work/fuzz
mkdir -p "$out/obj"
cflags="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 $(pkg-config --cflags libcmark-gfm yaml-0.1 libxml-2.0 libqrencode fontconfig freetype2 libdeflate libpng libjpeg xlsxwriter libzip libmicrohttpd)"
libs="$(pkg-config --libs libcmark-gfm yaml-0.1 libxml-2.0 libqrencode fontconfig freetype2 libdeflate libpng libjpeg xlsxwriter libzip libmicrohttpd) -lcmark-gfm-extensions -lhpdf -lcsv -lm"
objs=
for src in compiler/*.c; do
	case $src in compiler/main.c) continue ;; esac
	o=$out/obj/$(basename "$src" .c).o
	clang $cflags -c -o "$o" "$src" || exit 1
	objs="$objs $o"
done
# Seed corpora: real sources and the hostile regression inputs; the
# pictures of the samples and the pdf fixture for fuzz_image.
mkdir -p "$out/seed-md" "$out/seed-file" "$out/seed-image" "$out/seed-xlsx"
# The workbooks of the samples, as `ybt build -f xlsx` writes them,
# and the small regression edition's: libFuzzer cuts an input at
# -max_len (64 KB), and a cut zip has lost its directory, so the seeds
# must be smaller; one also stored unpacked, so that mutations reach
# the XML rather than the deflate stream.
[ -x ./ybt ] && ./ybt build -o "$out/xlsx-out" -f xlsx guides/gz guides/th \
    tests/regress/base/ed >/dev/null 2>&1 &&
    cp "$out"/xlsx-out/*/*.xlsx "$out/seed-xlsx/" &&
    python3 - "$out/seed-xlsx/ed.xlsx" "$out/seed-xlsx/ed-stored.xlsx" <<'PY'
import sys, zipfile
zi = zipfile.ZipFile(sys.argv[1])
zo = zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_STORED)
for n in zi.namelist():
    if not n.startswith(("docProps/", "xl/theme/")):
        zo.writestr(n, zi.read(n))
zo.close()
PY
for f in guides/*/assets/images/* tests/pdf/fixture/guides/px/assets/images/*; do
	[ -f "$f" ] && cp "$f" "$out/seed-image/"
done
i=0
for f in guides/*/*/*.md tests/regress/base/ed/*/*.md; do
	[ -f "$f" ] || continue
	i=$((i + 1))
	cp "$f" "$out/seed-md/$i.md"
	{ printf '\000'; cat "$f"; } >"$out/seed-file/$i"
done
[ -d tests/work/regress ] && for f in tests/work/regress/*/guides/ed/offices/*.md; do
	[ -f "$f" ] || continue
	i=$((i + 1)); { printf '\002'; head -c 100000 "$f"; } >"$out/seed-file/$i"
done
rc=0
for t in ${FUZZ_TARGETS:-front md file image xlsx}; do
	clang -g -O1 -fsanitize=fuzzer,address,undefined -o "$out/fuzz_$t" \
	    "tests/fuzz/fuzz_$t.c" $objs $libs || exit 1
	mkdir -p "$out/$t/corpus"
	seed=$out/seed-md
	[ "$t" = file ] && seed=$out/seed-file
	[ "$t" = image ] && seed=$out/seed-image
	[ "$t" = xlsx ] && seed=$out/seed-xlsx
	leaks=1
	[ "$t" = file ] && leaks=0
	echo "fuzz_$t: ${secs}s"
	(cd "$out/$t" && ASAN_OPTIONS=detect_leaks=$leaks ../fuzz_$t \
	    -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    -detect_leaks=$leaks -print_final_stats=1 corpus "$top/$seed" \
	    >log 2>&1)
	r=$?
	grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$out/$t/log" | tail -2
	if [ $r -ne 0 ]; then
		echo "fuzz_$t: FAILED (status $r), see $out/$t/log"
		rc=1
	fi
done

# The back ends see only what passes the checks, so libFuzzer never
# reaches them. Feed up to 200 bodies of the Markdown corpus (the valid
# UTF-8 ones), each as the body of a published matter, through every
# output of an ASan/UBSan build of ybt.
echo "pipeline: corpus bodies through ybt build (ASan, UBSan)"
pw=$out/pipeline
rm -rf "$pw"; mkdir -p "$pw/guides"
cc -pthread -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -O1 -g \
    -fsanitize=address,undefined -fno-sanitize-recover=undefined \
    $(pkg-config --cflags libcmark-gfm yaml-0.1 libxml-2.0 libqrencode fontconfig freetype2 libdeflate libpng libjpeg xlsxwriter libzip libmicrohttpd) \
    -o "$pw/ybt" compiler/*.c $libs -pthread || exit 1
cp -R tests/regress/base/ed "$pw/guides/ed"
ln -s "$top/themes" "$pw/themes"
head=$pw/head.md
cp "$pw/guides/ed/matters/ins.md" "$head"
n=0 built=0
for f in "$out/md/corpus"/*; do
	[ $n -lt 200 ] || break
	iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || continue
	tr -d '\000' <"$f" | cmp -s - "$f" || continue
	n=$((n + 1))
	cat "$head" "$f" >"$pw/guides/ed/matters/ins.md"
	rm -rf "$pw/out"
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 timeout 120 \
	    "$pw/ybt" build -j 1 -o "$pw/out" "$pw/guides/ed" >"$pw/log" 2>&1
	r=$?
	[ $r -eq 0 ] && built=$((built + 1))
	if [ $r -gt 2 ] || grep -q 'runtime error\|AddressSanitizer' "$pw/log"; then
		echo "pipeline: FAILED (status $r) on $f, see $pw/log"
		cp "$f" "$pw/crash-$(basename "$f")"
		rc=1
		break
	fi
done
echo "pipeline: $n bodies, $built built through every output"
exit $rc
