/*
 * main.c — the command line: ybt build | check | diff | new | serve | -T.
 * It loads editions through model.c, hands them to the back ends
 * (out.h) and turns the diagnostics into the exit status. A build
 * writes into a temporary folder and renames it into place only when
 * every requested output succeeded, so a failed build leaves the
 * previous output as it was.
 */
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <malloc.h>
#include <getopt.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "model.h"
#include "theme.h"
#include "out.h"
#include "xlsx.h"
#include "report.h"
#include "check.h"
#include "source.h"
#include "keys.h"
#include "zhtext.h"
#include "serve.h"

#define YBT_VERSION "0.1"

static const char usage_text[] =
"用法 usage:\n"
"  ybt build [-o DIR] [-f html,pdf,print,leaflets,xml,xlsx] [-j N] [-W LEVEL]\n"
"            [--duplex] [--impose saddle] EDITION...\n"
"  ybt check [--format text|html|json|xlsx] [-W LEVEL] EDITION...\n"
"  ybt diff OLD_EDITION NEW_EDITION\n"
"  ybt new edition ID [--base BASE] [GUIDES_DIR]\n"
"  ybt new guide|matter|procedure|office ID [EDITION]\n"
"  ybt serve [-p PORT] [--bind ADDR] [-f FORMATS] [-j N] EDITION...\n"
"  ybt import -o EDITION_DIR [--prune] FILE.xlsx | SHEET.csv...\n"
"  ybt export -o FILE.xlsx EDITION\n"
"  ybt -T tree|lint EDITION\n"
"  ybt --help | --version\n"
"\n"
"EDITION is an edition folder such as guides/gz. -W note|warning|error\n"
"sets the least level printed; -Werror makes warnings fail (exit 1).\n"
"Exit status: 0 clean, 1 warnings with -Werror, 2 content errors,\n"
"3 bad usage or I/O failure. See ybt(1) and ybt-sources(5).\n";

static int
usage(const char *msg)
{
	if (msg)
		fprintf(stderr, "ybt: %s\n", msg);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

/* A whole number of lo to hi for an option (-j, -p); -1 if arg is not
 * one. -j: 1 to JOBS_MAX back ends and threads (more only waits on the
 * disk and the locks, and 99999 threads would fail to start). */
#define JOBS_MAX	64

static int
opt_int(const char *arg, long lo, long hi, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}

/*
 * -W LEVEL: "note" (or "all") and "warning" set the least level printed;
 * "error" (so -Werror and -W error alike) makes warnings fail, as in cc.
 */
static int
opt_W(const char *arg)
{
	if (strcmp(arg, "error") == 0)
		diag_set_werror(1);
	else if (strcmp(arg, "warning") == 0)
		diag_set_min(DIAG_WARNING);
	else if (strcmp(arg, "note") == 0 || strcmp(arg, "all") == 0)
		diag_set_min(DIAG_NOTE);
	else
		return usage("-W 应为 note、warning、error 或 -Werror");
	return 0;
}

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
edition_path_ok(const char *dir)
{
	char *f;
	int ok;

	if (!is_dir(dir)) {
		fprintf(stderr, "ybt: %s: 没有这个版本文件夹（应为 guides/<版本> "
		    "这样的文件夹）\n", dir);
		return 0;
	}
	f = xasprintf("%s/edition.md", dir);
	ok = access(f, F_OK) == 0;
	if (!ok)
		fprintf(stderr, "ybt: %s: 不是版本文件夹：缺少 edition.md\n", dir);
	free(f);
	return ok;
}

/*
 * The theme an edition folder names (edition.md's theme, else default),
 * found without a word: for `ybt check`, before the model is read.
 */
static struct theme *
theme_quiet(const char *dir)
{
	struct source src;
	const struct ynode *v = NULL;
	struct theme *t;
	char *f = xasprintf("%s/edition.md", dir);

	if (source_read(f, &src) == 0 && src.front != NULL)
		v = keys_get(KIND_EDITION, src.front, "theme");
	t = theme_load_quiet(v && v->type == YN_SCALAR ? v->str : "default",
	    dir);
	source_free(&src);	/* its problems are said once, by the model */
	free(f);
	return t;
}

/* The EDITION... operands of a command: 0, or the exit status. */
static int
editions_given(const char *cmd, int argc, char *argv[])
{
	char msg[128];

	if (argc == 0) {
		snprintf(msg, sizeof(msg), "%s 需要至少一个版本文件夹，如 "
		    "guides/gz", cmd);
		return usage(msg);
	}
	for (int i = 0; i < argc; i++)
		if (!edition_path_ok(argv[i]))
			return EXIT_USAGE;
	return 0;
}

/*
 * Without -o, outputs go to out/ in the current folder; `ybt build .`
 * run inside guides/<edition> writes the repository's out/ (beside
 * guides/, as from the top), not a folder among the sources.
 */
static const char *
default_outdir(int argc, char *argv[])
{
	char real[PATH_MAX];
	const char *slash;

	for (int i = 0; i < argc; i++) {
		if (!str_eq(argv[i], ".") && !str_eq(argv[i], "./"))
			continue;
		if (realpath("..", real) == NULL)
			break;
		slash = strrchr(real, '/');
		if (slash != NULL && str_eq(slash + 1, "guides"))
			return "../../out";
		break;
	}
	return "out";
}

static int
parse_formats(const char *s, unsigned *out)
{
	static const struct { const char *name; unsigned bit; } t[] = {
		{ "html", FMT_HTML }, { "pdf", FMT_PDF }, { "print", FMT_PRINT },
		{ "leaflets", FMT_LEAFLETS }, { "xml", FMT_XML },
		{ "xlsx", FMT_XLSX },
	};
	char *copy = xstrdup(s), *tok, *save = NULL;

	*out = 0;
	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
			if (strcmp(tok, t[i].name) == 0)
				break;
		if (i == sizeof(t) / sizeof(t[0])) {
			fprintf(stderr, "ybt: 未知的输出格式“%s”：可用 html、pdf、"
			    "print、leaflets、xml、xlsx\n", tok);
			free(copy);
			return -1;
		}
		*out |= t[i].bit;
	}
	free(copy);
	return *out ? 0 : -1;
}

static void
progress(int on, const char *ed, const char *what)
{
	if (on)
		fprintf(stderr, "\r\033[K[%s] %s", ed, what);
}

/* The worst exit status of the back-end children (-j N). */
static int	child_status;
static int	nkids;

/* Wait for one back-end child; -1 when there is none left. */
static int
reap(int *rc)
{
	int st;

	if (nkids == 0 || wait(&st) == -1)
		return -1;
	nkids--;
	st = WIFEXITED(st) ? WEXITSTATUS(st) : EXIT_USAGE;
	if (st > child_status)
		child_status = st;
	if (st != 0)
		*rc = -1;
	return 0;
}

/* A back end in a child process; its exit status says how it went. */
struct step_run {
	int			(*fn)(const struct out_ctx *);
	const struct out_ctx	*ctx;
};

static int
run_step(void *arg)
{
	const struct step_run	*run = arg;
	int			 r = run->fn(run->ctx);

	return r != 0 && diag_exit_status() == 0 ? EXIT_CONTENT :
	    diag_exit_status();
}

static int
build_one(struct edition *ed, const char *outdir, unsigned formats,
    int jobs, int duplex, const char *impose)
{
	struct out_ctx ctx;
	struct theme *theme;
	char *final, *tmp, *old;
	int rc = 0, tty = isatty(2), typeset = 0;
	static const struct {
		unsigned	 bit;
		int		(*fn)(const struct out_ctx *);
		const char	*name;
	} steps[] = {
		{ FMT_XLSX, out_xlsx, "xlsx" },	/* first: see zh_typeset */
		{ FMT_XML, out_xml, "xml" },
		{ FMT_HTML, out_html, "html" },
		{ FMT_PDF | FMT_PRINT, out_pdf, "pdf" },	/* one layout */
		{ FMT_LEAFLETS, out_leaflets, "leaflets" },
	};

	char *dfile[sizeof(steps) / sizeof(steps[0])] = { NULL };

	if ((theme = theme_load(ed->theme, ed->dir)) == NULL)
		return -1;
	final = xasprintf("%s/%s", outdir, ed->id);
	tmp = xasprintf("%s/.%s.tmp%ld", outdir, ed->id, (long)getpid());
	old = xasprintf("%s/.%s.old%ld", outdir, ed->id, (long)getpid());
	rm_rf(tmp);
	if (mkdir_p(tmp) == -1) {
		fprintf(stderr, "ybt: %s: %s\n", tmp, zh_strerror(errno));
		rc = -2;
		goto out;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.ed = ed;
	ctx.theme = theme;
	ctx.dir = tmp;
	ctx.formats = formats;
	ctx.jobs = jobs;
	ctx.duplex = duplex || theme_bool(theme, "leaflet.duplex", 0);
	ctx.impose = impose;
	ctx.progress = tty;
	/* The others go before the portal so that it can link them. */
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (steps[i].bit == FMT_HTML || !(formats & steps[i].bit))
			continue;
		/* Every output but the spreadsheet (which gives the text
		 * back as the sources write it) sets the text by the
		 * Chinese rules: the spreadsheet goes first, then the
		 * model is typeset once for the rest. */
		if (!typeset && steps[i].bit != FMT_XLSX) {
			zh_typeset(ed);
			typeset = 1;
		}
		if (jobs > 1) {
			/* Each back end in a child of its own: they write
			 * different files of the same folder. A child hands
			 * its diagnostics to this process (printed once,
			 * sorted, with the model's) and says how it went. */
			struct step_run run = { steps[i].fn, &ctx };

			if (nkids >= jobs && reap(&rc) == -1)
				break;
			dfile[i] = xasprintf("%s.%s.diag", tmp,
			    steps[i].name);
			if (diag_fork(dfile[i], run_step, &run) == -1) {
				fprintf(stderr, "ybt: fork: %s\n", zh_strerror(errno));
				rc = -2;
				break;
			}
			nkids++;
			continue;
		}
		progress(tty, ed->id, steps[i].name);
		if (steps[i].fn(&ctx) != 0 || diag_count(DIAG_ERROR))
			rc = -1;
		phase_time(steps[i].name);
	}
	while (nkids > 0 && reap(&rc) == 0)
		continue;
	if (jobs > 1 && (formats & ~FMT_HTML))
		phase_time("back ends");
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (dfile[i] != NULL) {
			diag_load(dfile[i]);
			free(dfile[i]);
		}
	if ((formats & FMT_HTML) && rc == 0) {
		if (!typeset)
			zh_typeset(ed);
		progress(tty, ed->id, "html");
		if (out_html(&ctx) != 0 || diag_count(DIAG_ERROR))
			rc = -1;
	}
	if (tty)
		fputs("\r\033[K", stderr);
	if (rc != 0) {
		rm_rf(tmp);
		goto out;
	}
	/* Swap into place: old aside, new in, old removed. */
	rm_rf(old);
	if (is_dir(final) && rename(final, old) == -1) {
		fprintf(stderr, "ybt: %s: %s\n", final, zh_strerror(errno));
		rm_rf(tmp);
		rc = -2;
		goto out;
	}
	if (rename(tmp, final) == -1) {
		fprintf(stderr, "ybt: %s: %s\n", final, zh_strerror(errno));
		rename(old, final);
		rm_rf(tmp);
		rc = -2;
		goto out;
	}
	rm_rf(old);
out:
	free(final);
	free(tmp);
	free(old);
	theme_free(theme);
	return rc;
}

static int
cmd_build(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "duplex", no_argument, NULL, 'd' },
		{ "impose", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *outdir = "out", *impose = NULL;
	unsigned formats = FMT_HTML | FMT_PDF | FMT_PRINT | FMT_LEAFLETS |
	    FMT_XML;
	int c, jobs, duplex = 0, rc = EXIT_CLEAN, io = 0, outdir_given = 0;
	struct edition **eds;

	/* By default one job per CPU: outputs are the same bytes anyway. */
	jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	jobs = jobs < 1 ? 1 : jobs > 8 ? 8 : jobs;
	while ((c = getopt_long(argc, argv, "o:f:j:W:h", longopts, NULL)) != -1)
		switch (c) {
		case 'o': outdir = optarg; outdir_given = 1; break;
		case 'f':
			if (parse_formats(optarg, &formats) == -1)
				return usage(NULL);
			break;
		case 'j':
			if (opt_int(optarg, 1, JOBS_MAX, &jobs) == -1)
				return usage("-j 应为 1 到 64 之间的整数");
			break;
		case 'W':
			if ((rc = opt_W(optarg)) != 0)
				return rc;
			break;
		case 'd': duplex = 1; break;
		case 'i':
			if (strcmp(optarg, "saddle") != 0)
				return usage("--impose 只支持 saddle（骑马钉）");
			impose = optarg;
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: return usage(NULL);
		}
	argc -= optind;
	argv += optind;
	if ((rc = editions_given("build", argc, argv)) != 0)
		return rc;
	if (!outdir_given)
		outdir = default_outdir(argc, argv);
	phase_time(NULL);
	eds = xcalloc((size_t)argc, sizeof(*eds));
	for (int i = 0; i < argc; i++)
		eds[i] = model_load(argv[i]);
	phase_time("read");
	if (diag_count(DIAG_ERROR) || (diag_exit_status() == EXIT_WARN)) {
		diag_flush();
		fprintf(stderr, "ybt: 有错误，未生成输出；原有输出保持不变\n");
		free(eds);
		return diag_exit_status();
	}
	model_drop_sources(eds, (size_t)argc);
	if (mkdir_p(outdir) == -1) {
		fprintf(stderr, "ybt: %s: %s\n", outdir, zh_strerror(errno));
		free(eds);
		return EXIT_USAGE;
	}
	for (int i = 0; i < argc; i++) {
		int r = build_one(eds[i], outdir, formats, jobs, duplex, impose);

		if (r == -2)
			io = 1;
		if (r != 0)
			fprintf(stderr, "ybt: %s: 生成失败，原有输出保持不变\n",
			    eds[i]->id);
	}
	diag_flush();
	rc = diag_exit_status();
	if (child_status > rc)
		rc = child_status;
	if (io && rc == EXIT_CLEAN)
		rc = EXIT_USAGE;
	free(eds);
	return rc;
}

static int
cmd_check(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format = "text";
	struct edition **eds;
	int c, rc;

	while ((c = getopt_long(argc, argv, "W:h", longopts, NULL)) != -1)
		switch (c) {
		case 'F':
			if (strcmp(optarg, "text") && strcmp(optarg, "json") &&
			    strcmp(optarg, "html") && strcmp(optarg, "xlsx"))
				return usage("--format 应为 text、html、json 或 "
				    "xlsx");
			format = optarg;
			break;
		case 'W':
			if ((rc = opt_W(optarg)) != 0)
				return rc;
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: return usage(NULL);
		}
	argc -= optind;
	argv += optind;
	if (strcmp(format, "xlsx") == 0 && isatty(STDOUT_FILENO))
		return usage("--format xlsx 写出工作簿：请重定向到文件，如 "
		    "ybt check --format xlsx guides/gz > 抽查.xlsx");
	if ((rc = editions_given("check", argc, argv)) != 0)
		return rc;
	phase_time(NULL);
	eds = xcalloc((size_t)argc, sizeof(*eds));
	for (int i = 0; i < argc; i++) {
		/* The fonts of the first edition's theme judge the glyphs
		 * of all (a district's theme rarely changes its fonts). */
		struct theme *th = i == 0 ? theme_quiet(argv[i]) : NULL;

		if (th != NULL) {
			check_glyphs_prepare(th);
			theme_free(th);
		}
		eds[i] = model_load(argv[i]);
	}
	phase_time("read");
	report_check(stdout, eds, (size_t)argc, format);
	fflush(stdout);
	diag_flush();
	phase_time("report");
	rc = diag_exit_status();
	free(eds);
	return rc;
}

/*
 * ybt serve: the options here, the server in serve.c. The portal is
 * always built; -f adds the PDF outputs its download links point to.
 */
static int
cmd_serve(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "bind", required_argument, NULL, 'b' },
		{ "port", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct serve_opts o;
	int c, rc;

	memset(&o, 0, sizeof(o));
	o.bind = "127.0.0.1";
	o.port = 8000;
	o.formats = FMT_HTML;
	o.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = o.jobs < 1 ? 1 : o.jobs > 8 ? 8 : o.jobs;
	while ((c = getopt_long(argc, argv, "p:b:f:j:W:h", longopts, NULL))
	    != -1)
		switch (c) {
		case 'p':
			if (opt_int(optarg, 0, 65535, &o.port) == -1)
				return usage("-p 应为 0 到 65535 之间的端口号");
			break;
		case 'b': o.bind = optarg; break;
		case 'f':
			if (parse_formats(optarg, &o.formats) == -1)
				return usage(NULL);
			if (o.formats & (FMT_XML | FMT_XLSX))
				return usage("serve 的 -f 只支持 html、pdf、print、"
				    "leaflets");
			o.formats |= FMT_HTML;
			break;
		case 'j':
			if (opt_int(optarg, 1, JOBS_MAX, &o.jobs) == -1)
				return usage("-j 应为 1 到 64 之间的整数");
			break;
		case 'W':
			if ((rc = opt_W(optarg)) != 0)
				return rc;
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: return usage(NULL);
		}
	argc -= optind;
	argv += optind;
	if ((rc = editions_given("serve", argc, argv)) != 0)
		return rc;
	o.dirs = argv;
	o.ndirs = argc;
	return serve_run(&o);
}

/*
 * The heaps on transparent huge pages. A build at N=10000 touches
 * 1.4 GB of fresh memory, a page fault every 4 KB: on a virtual machine
 * each costs ~10 µs more than zeroing the page (a 1.4 GB test: 6.5 s
 * against 2.7 s on 2 MB pages), 56 CPU-s of such a build against 48.
 * glibc's malloc asks the kernel for huge pages only when the tunable
 * glibc.malloc.hugetlb=1 is in the environment as the program starts,
 * and the kernel gives them to memory so marked when its setting is
 * "madvise" (Debian's). So a command that loads editions runs itself
 * again, once, with the tunable added. Left alone: a kernel that gives
 * them anyway ("always") or never, a tunable already set, or a program
 * under valgrind (its LD_PRELOAD), which the new image would escape.
 */
static void
heap_huge_pages(char *argv[])
{
	const char *t = getenv("GLIBC_TUNABLES"), *pre = getenv("LD_PRELOAD");
	char mode[128], *env;
	size_t n = 0;
	FILE *f;

	if ((t != NULL && strstr(t, "glibc.malloc.hugetlb") != NULL) ||
	    (pre != NULL && strstr(pre, "vgpreload") != NULL))
		return;
	if ((f = fopen("/sys/kernel/mm/transparent_hugepage/enabled",
	    "r")) != NULL) {
		n = fread(mode, 1, sizeof(mode) - 1, f);
		fclose(f);
	}
	mode[n] = '\0';
	if (strstr(mode, "[madvise]") == NULL)
		return;
	env = t != NULL && *t != '\0' ?
	    xasprintf("%s:glibc.malloc.hugetlb=1", t) :
	    xstrdup("glibc.malloc.hugetlb=1");
	if (setenv("GLIBC_TUNABLES", env, 1) == 0)
		execv("/proc/self/exe", argv);
	free(env);	/* no such file: go on as we are */
}

int
main(int argc, char *argv[])
{
	const char *cmd;

	/* A one-shot compiler that frees little until it exits: grow and
	 * keep the heaps in large steps (fewer brk/mprotect calls from the
	 * reader and page threads). */
	mallopt(M_TOP_PAD, 16 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, HEAP_MMAP_THRESHOLD);
	/* A heap for each thread that allocates at once (the workers, one
	 * a CPU, and the main thread that takes their work), not glibc's
	 * eight a CPU: the reader, page and index threads then reuse each
	 * other's freed memory (N=10000 build, 2 CPUs: peak 1,382-1,400
	 * MB against 1,435-1,530). With one a CPU, two of the three
	 * threads shared a heap whenever glibc put them together, and
	 * waited on its lock: N=10000 ybt check made 1.9 million futex
	 * calls in 9.3-9.6 s in most runs, against 110-118 thousand in
	 * 5.3-5.4 s in every run with this one more (peaks 10-20 MB
	 * higher). */
	{
		long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

		mallopt(M_ARENA_MAX, ncpu < 2 ? 3 : ncpu > 64 ? 65 : (int)ncpu + 1);
	}
	if (argc < 2)
		return usage(NULL);
	cmd = argv[1];
	if (strcmp(cmd, "build") == 0 || strcmp(cmd, "check") == 0 ||
	    strcmp(cmd, "serve") == 0 || strcmp(cmd, "diff") == 0)
		heap_huge_pages(argv);
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("ybt %s\n", YBT_VERSION);
		return 0;
	}
	if (strcmp(cmd, "build") == 0)
		return cmd_build(argc - 1, argv + 1);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	if (strcmp(cmd, "diff") == 0) {
		struct edition *a, *b;
		int rc;

		if (argc != 4)
			return usage("diff 需要两个版本文件夹：旧版 新版");
		if (!edition_path_ok(argv[2]) || !edition_path_ok(argv[3]))
			return EXIT_USAGE;
		model_keep_trees(1);	/* report_diff compares values */
		a = model_load(argv[2]);
		b = model_load(argv[3]);
		report_diff(stdout, a, b);
		fflush(stdout);
		diag_set_min(DIAG_ERROR);
		diag_flush();
		rc = diag_exit_status();
		return rc == EXIT_WARN ? EXIT_CLEAN : rc;
	}
	if (strcmp(cmd, "export") == 0) {
		struct edition *ed;
		int st;

		if (argc != 5 || strcmp(argv[2], "-o") != 0)
			return usage("export 需要 -o 文件.xlsx 和一个版本文件夹");
		if (!edition_path_ok(argv[4]))
			return EXIT_USAGE;
		ed = model_load(argv[4]);
		if (ed == NULL || diag_count(DIAG_ERROR)) {
			diag_flush();
			return ed == NULL ? EXIT_USAGE : diag_exit_status();
		}
		diag_flush();
		st = xlsx_export(ed, argv[3]) == 0 ? EXIT_CLEAN : EXIT_USAGE;
		diag_flush();	/* why it failed (diag_io in out_xlsx.c) */
		return st;
	}
	if (strcmp(cmd, "import") == 0) {
		int prune = 0, i = 2;
		const char *dir = NULL;

		for (; i < argc; i++)
			if (strcmp(argv[i], "--prune") == 0)
				prune = 1;
			else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
				dir = argv[++i];
			else
				break;
		if (dir == NULL || i >= argc)
			return usage("import 需要 -o 版本文件夹 和 .xlsx 或 .csv 文件"
			    "（可加 --prune）");
		return xlsx_import(dir, argv + i, argc - i, prune);
	}
	if (strcmp(cmd, "new") == 0 && argc >= 3 &&
	    strcmp(argv[2], "edition") == 0) {
		const char *base = NULL, *id = NULL, *parent = NULL;

		for (int i = 3; i < argc; i++)
			if (strcmp(argv[i], "--base") == 0 && i + 1 < argc)
				base = argv[++i];
			else if (strncmp(argv[i], "--base=", 7) == 0)
				base = argv[i] + 7;
			else if (argv[i][0] == '-')
				return usage("new edition 只接受 --base 版本");
			else if (id == NULL)
				id = argv[i];
			else if (parent == NULL)
				parent = argv[i];
			else
				return usage("new edition 需要编号，如 ybt new "
				    "edition panyu --base gz");
		if (id == NULL)
			return usage("new edition 需要编号，如 ybt new edition "
			    "panyu --base gz");
		return report_new_edition(id, base, parent);
	}
	if (strcmp(cmd, "new") == 0) {
		if (argc != 4 && argc != 5)
			return usage("new 需要类型和编号，如 ybt new matter "
			    "birth-certificate guides/gz");
		return report_new(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	}
	if (strncmp(cmd, "-T", 2) == 0) {
		const char *mode = cmd[2] ? cmd + 2 : argc > 2 ? argv[2] : NULL;
		int first = cmd[2] ? 2 : 3;
		struct edition *ed;

		if (mode != NULL && strcmp(mode, "keys") == 0) {
			report_keys(stdout);
			return 0;
		}
		if (mode == NULL || (strcmp(mode, "tree") && strcmp(mode, "lint")))
			return usage("-T 应为 tree 或 lint");
		if (argc != first + 1)
			return usage("-T 需要一个版本文件夹");
		if (!edition_path_ok(argv[first]))
			return EXIT_USAGE;
		ed = model_load(argv[first]);
		if (strcmp(mode, "tree") == 0) {
			if (ed)
				report_tree(stdout, ed);
			fflush(stdout);
			diag_flush();
		} else
			diag_flush_to(stdout);
		return diag_exit_status();
	}
	return usage(cmd[0] == '-' ? "未知的选项" : "未知的命令");
}
