# ybt — the 办事一本通 compiler.
#   make         install missing Debian packages, build ./ybt, compile guides/*
#   make test    run every test suite; ends with "N passed, N failed"
#   make asan    build with ASan+UBSan and run the tests under it
#   make tsan    ThreadSanitizer build: check and build samples and N=200
#   make serve-san  the serve suite under ASan+UBSan and under ThreadSanitizer
#   make fuzz    run the libFuzzer targets for FUZZ_SECONDS each
#   make bench   synthetic edition, timings beside Hugo and WeasyPrint

CC	?= cc
PREFIX	?= /usr/local
PKGS	 = libcmark-gfm yaml-0.1 libxml-2.0 libqrencode fontconfig freetype2 \
	   libdeflate libpng libjpeg xlsxwriter libzip libmicrohttpd
WARN	 = -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes
CFLAGS	?= -O2 -g
ALL_CFLAGS = -pthread -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 $(WARN) $(CFLAGS) \
	  -DYBT_SHARE=\"$(PREFIX)/share/ybt\" \
	  $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS	 = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lhpdf -lcsv -lm -pthread

SRCS	 = $(sort $(wildcard compiler/*.c))
OBJS	 = $(SRCS:compiler/%.c=build/%.o)
LIBOBJS	 = $(filter-out build/main.o,$(OBJS))
EDITIONS = $(sort $(dir $(wildcard guides/*/edition.md)))
FUZZ_SECONDS ?= 60

.PHONY: all deps test-deps editions test asan tsan serve-san fuzz bench bench-scale install clean

# The packages come first, and the rest is a new make so that pkg-config
# (evaluated when the Makefile is read) sees them, also under make -j.
all: deps
	@$(MAKE) --no-print-directory ybt editions

deps:
	@sh tools/deps.sh build

test-deps: deps
	@sh tools/deps.sh test

ybt: $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS)

build/%.o: compiler/%.c $(wildcard compiler/*.h) | build
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build:
	@mkdir -p build

build/libybt.a: $(LIBOBJS)
	rm -f $@ && ar rcs $@ $(LIBOBJS)

editions: ybt
	@for e in $(EDITIONS); do \
		echo "ybt build $${e%/}"; ./ybt build $${e%/} || exit $$?; \
	done

test: test-deps
	@$(MAKE) --no-print-directory ybt
	@sh tests/run

asan:
	$(MAKE) clean-objs
	$(MAKE) ybt CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		UBSAN_OPTIONS=print_stacktrace=1 \
		YBT_ASAN=1 sh tests/run; rc=$$?; \
		$(MAKE) clean-objs; $(MAKE) ybt; exit $$rc

tsan: deps
	@sh tests/tsan.sh

serve-san: test-deps
	@sh tests/serve/sanitizers.sh

fuzz: deps
	@sh tests/fuzz/run-fuzz.sh $(FUZZ_SECONDS)

bench: test-deps
	@$(MAKE) --no-print-directory ybt
	@sh tests/bench/run-bench.sh

bench-scale: test-deps
	@$(MAKE) --no-print-directory ybt
	@sh tests/bench/bench-scale.sh

install: ybt
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/ybt
	install -m 755 ybt $(DESTDIR)$(PREFIX)/bin/ybt
	install -m 644 doc/ybt.1 $(DESTDIR)$(PREFIX)/share/man/man1/ybt.1
	install -m 644 doc/ybt-sources.5 $(DESTDIR)$(PREFIX)/share/man/man5/ybt-sources.5
	cp -R themes $(DESTDIR)$(PREFIX)/share/ybt/

clean-objs:
	rm -rf build ybt

clean: clean-objs
	rm -rf out tests/work
