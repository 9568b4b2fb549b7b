#!/bin/sh
# deps.sh build|test — install the Debian (and, for tests, npm) packages
# ybt needs, when they are missing. As root it runs apt-get itself;
# otherwise it prints the one command to run.
set -u
what=${1:-build}
build_pkgs="gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
 libhpdf-dev libxml2-dev libyaml-dev libqrencode-dev libfontconfig-dev
 libfreetype-dev zlib1g-dev libdeflate-dev libpng-dev
 libjpeg62-turbo-dev libxlsxwriter-dev libzip-dev libcsv-dev
 libmicrohttpd-dev
 libc-bin fonts-arphic-uming fonts-wqy-microhei fonts-wqy-zenhei
 fonts-hanazono"
test_pkgs="poppler-utils qpdf zbar-tools chromium nodejs npm
 default-jre-headless libxml2-utils clang libclang-rt-14-dev hugo weasyprint
 hyperfine time python3 gnumeric"
case $what in
build) pkgs=$build_pkgs ;;
test) pkgs=$test_pkgs ;;
*) echo "usage: deps.sh build|test" >&2; exit 3 ;;
esac

missing=
for p in $pkgs; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case $st in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
# node, npm and java may come from outside Debian on some machines.
if [ "$what" = test ]; then
	for p in nodejs npm default-jre-headless; do
		case " $missing " in *" $p "*) ;; *) continue ;; esac
		case $p in
		nodejs) command -v node >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ nodejs//') ;;
		npm) command -v npm >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ npm//') ;;
		default-jre-headless) command -v java >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ default-jre-headless//') ;;
		esac
	done
fi

if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "deps: installing$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -qq --no-install-recommends $missing >/tmp/ybt-apt.log 2>&1 ||
		{ apt-get update -qq >/dev/null 2>&1 &&
		  apt-get install -y -qq --no-install-recommends $missing >/tmp/ybt-apt.log 2>&1; } ||
		{ echo "deps: apt-get failed, see /tmp/ybt-apt.log" >&2; exit 3; }
	else
		echo "deps: missing packages; run as root:" >&2
		echo "  apt-get install -y$missing" >&2
		exit 3
	fi
fi

if [ "$what" = test ]; then
	# npm test tools, pinned, installed under tests/node_modules.
	dir=$(dirname "$0")/../tests
	if [ ! -d "$dir/node_modules/playwright-core" ] ||
	   [ ! -d "$dir/node_modules/axe-core" ] ||
	   [ ! -d "$dir/node_modules/vnu-jar" ]; then
		echo "deps: npm install (playwright-core, axe-core, vnu-jar)"
		(cd "$dir" && npm install --no-audit --no-fund --silent >/tmp/ybt-npm.log 2>&1) ||
		{ echo "deps: npm install failed, see /tmp/ybt-npm.log" >&2; exit 3; }
	fi
fi
exit 0
