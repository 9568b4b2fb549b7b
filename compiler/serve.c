/*
 * serve.c — `ybt serve`: the live preview. It builds the portal of the
 * editions into a private staging folder (never out/), serves it over
 * HTTP (libmicrohttpd, GET and HEAD only, loopback unless --bind says
 * otherwise), watches every folder of the editions, their bases and
 * themes with inotify, and rebuilds after a save. Open pages reload by
 * themselves: served HTML pages get one <script data-ybt-serve> before
 * </body> that listens to /_ybt/events (Server-Sent Events); when a save
 * breaks the sources, the last good site stays served and every page
 * gets a <div data-ybt-serve> banner with the errors right after
 * <body…>. Neither element is ever written into a built file.
 *
 * One process, one thread: the HTTP server runs in this process's poll
 * loop (MHD's external epoll mode), beside the inotify and signal file
 * descriptors. A rebuild runs in a child process (diag_fork), so the
 * server keeps answering while it builds, the model's memory goes with
 * the child, and the server's own state is never touched by a build.
 * The child writes into the served folder only the files whose bytes
 * changed, each by a rename, so a page is never served half-written.
 *
 * Incremental rebuilds: serve_cache.c keeps every source file read and
 * parsed in this process (keyed by path and content); a child inherits
 * it with fork and re-reads nothing but what changed. The child first
 * renders only the pages that an edit can reach (the quick pass), then
 * the whole site to compare (the full pass), which also rewrites the
 * search index, sitemap and feed and removes vanished pages. The child
 * of a good full pass stays as the holder of its model; a save that
 * only edits items is sent to it as a patch (no fork, no load).
 */
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "util.h"
#include "diag.h"
#include "serve.h"
#include "serve_cache.h"

#define SERVE_DEBOUNCE_MS	60	/* quiet time after the last event */
#define SERVE_PING_MS		15000	/* SSE keep-alive comment */
#define SERVE_MAX_WATCHES	8192
#define SERVE_MAX_DEPTH		8	/* folders below a watched root */
#define SERVE_MAX_URL		4096
#define SERVE_MAX_HTML		(64u << 20)	/* an HTML page to inject */

struct sv_edition {
	char	*dir;		/* as given */
	char	*id;		/* the folder's name */
	char	*live;		/* stage/live/<id>/site: what is served */
	char	*real;		/* its realpath, once it exists */
	char	*linkfile;	/* the pages and links of the last full build */
	struct slinks *links;
};

struct watch {
	int	 wd;
	char	*path;
};

struct sse {
	struct MHD_Connection	*c;
	unsigned long		 gen;		/* what the page has seen */
	int			 hello;
	int			 suspended;
	int			 ping;
	struct sse		*next;
};

static struct {
	const struct serve_opts	*o;
	struct MHD_Daemon	*d;
	char			*stage;
	struct sv_edition	*eds;
	size_t			 neds;
	unsigned long		 gen;		/* bumped when pages change */
	unsigned long		 builds;	/* rebuilds finished */
	int			 have_site;
	int			 failed;	/* the last build had errors */
	struct sdiag		*diags;		/* the last build's */
	size_t			 ndiags;
	char			*banner;	/* HTML, or NULL */
	int			 ifd;
	struct watch		*w;
	size_t			 nw;
	int			 dirty;
	long long		 due;		/* ms: start the rebuild */
	long long		 dirty_since;	/* ms: first event of it */
	pid_t			 child;
	long long		 child_start;
	struct sse		*sse;
	long long		 next_ping;
	int			 stopping;
	char			*dfile;		/* the child's diagnostics */
	char			*rfile;		/* what it read (cache_record) */
	double			 last_ms;	/* last rebuild, event to served */
	double			 quick_ms;	/* the same, by a quick pass */
	int			 other;		/* a non-item file changed since
						 * the last full build */
	uint64_t		 sig;		/* the sources of the last build */
	int			 qfd;		/* the child's quick line */
	int			 quick_done;	/* the child's quick pass is in */
	int			 superseded;	/* we stopped the child */
	long			 missed;	/* pages the last quick pass missed */
	unsigned long		 quicks;	/* quick passes done */
	size_t			 changes;	/* source files the last rebuild
						 * took as changed */
	long			 quick_files;	/* files its quick pass wrote */
	double			 own_ms;	/* event to the edited items'
						 * own pages served */
	long			 own_files;	/* files those changed */
	int			 cfd_w;		/* the patches of the child */
	pid_t			 holder;	/* a child that holds the model
						 * of the last full build */
	int			 hold_w, hold_qfd;	/* its cfd_w, qfd */
	int			 patching;	/* the child is the holder */
	int			 need_full;	/* after a patch: a full pass */
	int			 patched;	/* and its pages are served */
	unsigned long		 patches;	/* patches that served pages */
	unsigned		 on_demand;	/* formats made when asked for */
	int			 pdf_build;	/* the child makes them */
	int			 pdf_stale;	/* the served ones are older */
	int			 want_pdf;	/* one is asked for */
	struct MHD_Connection	**pdfwait;	/* those asking, suspended */
	size_t			 npdfwait;
} S;

/* ---- watching -------------------------------------------------------- */

#define WATCH_MASK	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | \
			 IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB | \
			 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

static const char *
watch_path(int wd)
{
	for (size_t i = 0; i < S.nw; i++)
		if (S.w[i].wd == wd)
			return S.w[i].path;
	return NULL;
}

/* Watch dir and the folders below it (symbolic links not followed). */
static void
watch_tree(const char *dir, int depth)
{
	DIR *d;
	struct dirent *de;
	int wd;

	if (S.nw >= SERVE_MAX_WATCHES || depth > SERVE_MAX_DEPTH)
		return;
	if ((wd = inotify_add_watch(S.ifd, dir, WATCH_MASK)) == -1)
		return;
	if (watch_path(wd) == NULL)
		*VEC_PUSH(&S.w, &S.nw) = (struct watch){ wd, xstrdup(dir) };
	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		char *sub;

		if (de->d_name[0] == '.')
			continue;
		sub = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			watch_tree(sub, depth + 1);
		free(sub);
	}
	closedir(d);
}

static void
watch_forget(int wd)
{
	for (size_t i = 0; i < S.nw; i++)
		if (S.w[i].wd == wd) {
			free(S.w[i].path);
			S.w[i] = S.w[--S.nw];
			return;
		}
}

static void
mark_dirty(void)
{
	long long t = now_ms();

	if (!S.dirty)
		S.dirty_since = t;
	S.dirty = 1;
	S.due = t + SERVE_DEBOUNCE_MS;
}

/* A file that is not an item's changed (path, NULL when it is not
 * known): only a full pass can tell what it changes, and the items made
 * of the sources name files of assets/ (an image of a body, a form's
 * template). */
static void
other_change(const char *path)
{
	S.other = 1;
	if (path == NULL || strstr(path, "/assets/") != NULL ||
	    (strlen(path) >= 7 && strcmp(path + strlen(path) - 7,
	    "/assets") == 0))
		cache_forget_items();
}

/* Read what inotify has queued (non-blocking). */
static void
drain_events(void)
{
	char buf[16384] __attribute__((aligned(8)));
	ssize_t n;

	while ((n = read(S.ifd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + n; ) {
			struct inotify_event *ev = (struct inotify_event *)p;
			const char *dir = watch_path(ev->wd);
			char *f;

			p += sizeof(*ev) + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) {
				other_change(NULL);
				cache_rescan();
				mark_dirty();
				continue;
			}
			if (ev->mask & IN_IGNORED) {
				watch_forget(ev->wd);
				continue;
			}
			if (ev->len > 0 && ignored_name(ev->name))
				continue;
			if ((ev->mask & IN_ISDIR) && (ev->mask &
			    (IN_CREATE | IN_MOVED_TO)) && dir != NULL) {
				char *sub = xasprintf("%s/%s", dir, ev->name);

				watch_tree(sub, 1);
				free(sub);
			}
			/* An item file: the cache reads it again and tells
			 * what changed. Anything else: only a full pass
			 * can tell. */
			f = ev->len > 0 && dir != NULL ? xasprintf("%s/%s",
			    dir, ev->name) : NULL;
			if (ev->mask & (IN_ISDIR | IN_DELETE_SELF |
			    IN_MOVE_SELF)) {
				other_change(f != NULL ? f : dir);
				cache_rescan();
			} else if (f == NULL || !cache_touch(f))
				other_change(f != NULL ? f : dir);
			free(f);
			mark_dirty();
		}
	}
}

static void
watch_listed(void)
{
	char *p = xasprintf("%s/watch", S.stage), *data, *line, *save = NULL;
	size_t len;

	if (file_read(p, &data, &len, 0) == 0) {
		for (line = strtok_r(data, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			if (strlen(line) < 3 || !dir_exists(line + 2))
				continue;
			if (line[0] == 'E')
				cache_edition(line + 2);
			watch_tree(line + 2, 0);
		}
		free(data);
	}
	free(p);
}

/* ---- diagnostics, banner ------------------------------------------- */

static void
diags_clear(void)
{
	for (size_t i = 0; i < S.ndiags; i++) {
		free(S.diags[i].where);
		free(S.diags[i].msg);
	}
	free(S.diags);
	S.diags = NULL;
	S.ndiags = 0;
}

/* Keep the build's diagnostics; 1 when they differ from the last. */
static int
diags_take(void)
{
	const struct diag_rec *r;
	size_t n = diag_records(&r);
	int differ = n != S.ndiags;

	for (size_t i = 0; !differ && i < n; i++)
		differ = r[i].level != S.diags[i].level ||
		    strcmp(r[i].msg, S.diags[i].msg) != 0;
	diags_clear();
	for (size_t i = 0; i < n; i++) {
		struct sdiag *d = VEC_PUSH(&S.diags, &S.ndiags);

		d->level = r[i].level;
		d->where = r[i].line > 0 ? xasprintf("%s:%d:%d", r[i].file,
		    r[i].line, r[i].col > 0 ? r[i].col : 1) :
		    xstrdup(r[i].file);
		d->msg = xstrdup(r[i].msg);
	}
	return differ;
}

static const char *const level_zh[] = { "提示", "警告", "错误" };

static void
make_banner(void)
{
	free(S.banner);
	S.banner = S.failed ? banner_html(S.diags, S.ndiags) : NULL;
}

/* ---- the rebuilds ---------------------------------------------------- */

static void
sse_notify(void)
{
	for (struct sse *e = S.sse; e != NULL; e = e->next)
		if (e->suspended) {
			e->suspended = 0;
			MHD_resume_connection(e->c);
		}
}

/* ---- the holder ------------------------------------------------------ */

static void	build_done(int);

/* The requests for PDFs that waited for them: answered now (by the
 * access handler again). */
static void
pdf_resume(void)
{
	S.want_pdf = 0;
	for (size_t i = 0; i < S.npdfwait; i++)
		MHD_resume_connection(S.pdfwait[i]);
	S.npdfwait = 0;
}

static void
holder_drop(void)
{
	if (S.holder == 0)
		return;
	kill(S.holder, SIGTERM);	/* reaped as any child */
	close(S.hold_w);
	close(S.hold_qfd);
	S.holder = 0;
}

/* The full pass is done and its child holds the model ("H"). */
static void
holder_take(void)
{
	pid_t pid = S.child;
	int qfd = S.qfd, cw = S.cfd_w, superseded = S.superseded;

	S.qfd = S.cfd_w = -1;
	build_done(0);	/* S.child is 0 after this */
	S.holder = pid;
	S.hold_w = cw;
	S.hold_qfd = qfd;
	if (superseded)
		holder_drop();	/* a newer save is on its way */
}

/*
 * The holder takes the changes of b when they are edits of matters,
 * guides or procedures that keep their ids (model_patch says the rest):
 * it becomes the child. 1 when it took them.
 */
static int
patch_start(const struct sbuild *b)
{
	struct buf cmd;
	int ok = b->nch > 0 && b->nch <= 16;

	buf_init(&cmd);
	for (size_t i = 0; ok && i < b->nch; i++) {
		const struct schange *c = &b->ch[i];

		ok = c->old_id != NULL && c->new_id != NULL &&
		    strcmp(c->old_id, c->new_id) == 0 &&
		    (c->kind == KIND_MATTER || c->kind == KIND_GUIDE ||
		    c->kind == KIND_PROCEDURE) && c->path != NULL &&
		    strchr(c->path, '\n') == NULL &&
		    strchr(c->new_id, ' ') == NULL;
		buf_printf(&cmd, "C %d %s %s\n", (int)c->kind, c->new_id,
		    c->path);
	}
	buf_puts(&cmd, ".\n");
	ok = ok && write(S.hold_w, cmd.data, cmd.len) == (ssize_t)cmd.len;
	buf_free(&cmd);
	if (!ok)
		return 0;
	close(S.hold_w);
	S.child = S.holder;
	S.qfd = S.hold_qfd;
	S.holder = 0;
	S.patching = 1;
	return 1;
}

/* The patch child ended: a full pass follows (its quick pass too, when
 * the patch did not serve the edited pages). */
static void
patch_done(int st)
{
	S.child = 0;
	S.patching = 0;
	if (S.qfd != -1) {
		close(S.qfd);
		S.qfd = -1;
	}
	diag_load(S.dfile);
	diag_forget();
	if (S.superseded)
		return;
	S.patched = WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
	    S.own_files >= 0 && !S.dirty;
	S.patches += S.patched;
	mark_dirty();
	S.due = now_ms();
	S.need_full = 1;
}

static void
start_build(void)
{
	static struct sbuild_ed *be;
	static struct sbuild b;
	int qp[2], cp[2];
	pid_t pid;
	uint64_t sig;

	cache_refresh(0);
	sig = cache_signature();
	/* A save that changed no byte (or only touched a file) builds
	 * nothing. */
	if (S.builds > 0 && !S.other && sig == S.sig && !S.need_full &&
	    !S.want_pdf) {
		S.dirty = 0;
		S.dirty_since = 0;
		return;
	}
	S.sig = sig;
	free(be);
	be = xcalloc(S.neds, sizeof(*be));
	memset(&b, 0, sizeof(b));
	b.quick = S.have_site && !S.other && cache_unread() == 0;
	for (size_t i = 0; i < S.neds; i++) {
		be[i].dir = S.eds[i].dir;
		be[i].live = S.eds[i].live;
		be[i].links = S.eds[i].links;
		be[i].linkfile = S.eds[i].linkfile;
		if (S.eds[i].links == NULL)
			b.quick = 0;
	}
	b.stage = S.stage;
	b.eds = be;
	b.neds = S.neds;
	b.formats = S.o->formats;
	b.jobs = S.o->jobs;
	/* The PDFs: with the first build, then when asked for. */
	if (S.on_demand && S.have_site && !S.want_pdf) {
		b.formats &= ~S.on_demand;
		b.keep = S.on_demand;
	}
	S.pdf_build = (b.formats & S.on_demand) != 0;
	{
		struct schange *ch;

		b.nch = cache_changes(&ch);
		S.changes = b.nch;
		b.ch = ch;
	}
	if (!S.need_full) {
		S.child_start = S.dirty_since ? S.dirty_since : now_ms();
		S.quick_done = 0;
		S.quick_files = -1;
		S.own_files = -1;
	}
	S.dirty = 0;
	S.dirty_since = 0;
	S.superseded = 0;
	if (S.holder != 0 && !S.need_full && b.quick && !S.pdf_build &&
	    patch_start(&b))
		return;
	holder_drop();
	if (S.patched)
		b.quick = 0;	/* the patch served what a quick pass would */
	S.need_full = S.patched = 0;
	if (pipe(qp) == -1) {
		qp[0] = qp[1] = -1;
		b.quick = 0;
	}
	b.qfd = qp[1];
	b.dfile = S.dfile;
	if (pipe(cp) == -1)
		cp[0] = cp[1] = -1;
	b.cfd = cp[0];
	b.cfd_w = cp[1];
	pid = diag_fork(S.dfile, serve_child_build, &b);
	if (qp[1] != -1)
		close(qp[1]);
	if (cp[0] != -1)
		close(cp[0]);
	if (pid == -1) {
		logf_("无法启动生成进程：%s", zh_strerror(errno));
		if (qp[0] != -1)
			close(qp[0]);
		if (cp[1] != -1)
			close(cp[1]);
		mark_dirty();
		S.due = now_ms() + 1000;
		return;
	}
	S.qfd = qp[0];
	S.cfd_w = cp[1];
	S.child = pid;
}

/* Pages are served: open pages reload. */
static void
pages_changed(void)
{
	S.gen++;
	sse_notify();
}

/* A line of the child's quick pass: "P n", the edited items' own pages
 * are served (n files changed); "Q n", all that it renders (n in all). */
static void
quick_line(const char *line)
{
	long q;

	if (sscanf(line, "P %ld", &q) == 1) {
		S.own_ms = (double)(now_ms() - S.child_start);
		S.own_files = q;
		if (S.failed) {
			S.failed = 0;
			make_banner();
		}
		logf_("已更新编辑的页面 %ld 个（%.0f 毫秒）", q, S.own_ms);
		if (q > 0)
			pages_changed();
	} else if (strcmp(line, "H 0") == 0) {
		holder_take();
	} else if (sscanf(line, "Q %ld", &q) == 1) {
		S.quick_done = 1;
		S.quicks++;
		S.quick_files = q;
		S.quick_ms = (double)(now_ms() - S.child_start);
		logf_("已更新 %ld 个页面（%.0f 毫秒）；正在完整核对", q,
		    S.quick_ms);
		if (q > S.own_files)
			pages_changed();
	}
}

static void
quick_in(void)
{
	char buf[128], *line, *save = NULL;
	ssize_t n = read(S.qfd, buf, sizeof(buf) - 1);

	if (n <= 0) {
		close(S.qfd);
		S.qfd = -1;
		return;
	}
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		quick_line(line);
}

static void
build_done(int st)
{
	char *p = xasprintf("%s/changed", S.stage), *data;
	size_t len, changed = 0;
	long quick = -1, html = 0;
	int rc = WIFEXITED(st) ? WEXITSTATUS(st) : EXIT_USAGE;
	int was_failed = S.failed, differ;

	S.child = 0;
	if (S.qfd != -1) {
		close(S.qfd);
		S.qfd = -1;
	}
	if (S.cfd_w != -1) {
		close(S.cfd_w);
		S.cfd_w = -1;
	}
	if (file_read(p, &data, &len, 0) == 0) {
		sscanf(data, "%zu %ld %ld", &changed, &quick, &html);
		free(data);
	}
	unlink(p);
	free(p);
	diag_load(S.dfile);
	if (S.superseded) {
		/* Stopped for a newer save: its quick pass stands, the
		 * next build says the rest. */
		diag_forget();
		unlink(S.rfile);
		return;
	}
	S.builds++;
	differ = diags_take();
	if (differ)
		diag_flush();	/* as `ybt check` prints them */
	diag_forget();
	watch_listed();
	S.last_ms = (double)(now_ms() - S.child_start);
	if (rc == 0) {
		S.failed = 0;
		S.have_site = 1;
		S.other = 0;
		S.missed = S.quick_done ? html : -1;
		cache_built(S.rfile);
		for (size_t i = 0; i < S.neds; i++) {
			free(S.eds[i].real);
			S.eds[i].real = realpath(S.eds[i].live, NULL);
			links_free(S.eds[i].links);
			S.eds[i].links = links_load(S.eds[i].linkfile);
		}
		if (S.quick_done && html > 0)
			logf_("完整核对又更新了 %ld 个页面", html);
		logf_("完整生成：更新 %zu 个文件（%.0f 毫秒）", changed,
		    S.last_ms);
	} else {
		S.failed = 1;
		if (!WIFEXITED(st))
			logf_("生成进程异常退出（信号 %d）；页面保持上一次成功"
			    "生成的内容", WTERMSIG(st));
		else
			logf_("有错误，页面保持上一次成功生成的内容");
	}
	unlink(S.rfile);
	if (rc == 0)
		S.pdf_stale = S.on_demand && !S.pdf_build;
	if (S.pdf_build || rc != 0)
		pdf_resume();
	make_banner();
	if (changed > 0 || was_failed != S.failed || (S.failed && differ))
		pages_changed();
}

static void
child_done(pid_t pid, int st)
{
	if (pid == S.child && S.patching)
		patch_done(st);
	else if (pid == S.child)
		build_done(st);
	else if (pid == S.holder) {
		S.holder = 0;	/* it died: the next save forks */
		close(S.hold_w);
		close(S.hold_qfd);
	}
}

/* ---- HTTP ------------------------------------------------------------ */

static enum MHD_Result
send_page(struct MHD_Connection *c, unsigned code, struct buf *b)
{
	size_t len;
	char *out;

	buf_puts(b, "</body>\n</html>\n");
	out = inject(b->data, b->len, S.banner, S.gen, &len);
	buf_free(b);
	return send_buf(c, code, "text/html; charset=utf-8", out, len, NULL);
}

/* /_ybt/: the state of the server and every diagnostic of the last build. */
static enum MHD_Result
page_ybt(struct MHD_Connection *c)
{
	struct buf b;
	size_t n[3] = { 0, 0, 0 };

	buf_init(&b);
	page_head(&b, "ybt serve：诊断");
	for (size_t i = 0; i < S.ndiags; i++)
		n[S.diags[i].level]++;
	buf_printf(&b, "<h1>ybt serve</h1>\n<p>%s。上一次生成：错误 %zu，"
	    "警告 %zu，提示 %zu。</p>\n", S.failed ? "<strong class=\"error\">"
	    "源文件有错误，预览保持上一次成功生成的内容</strong>" :
	    S.have_site ? "预览是最新的" : "正在生成", n[2], n[1], n[0]);
	buf_puts(&b, "<ul>\n");
	for (size_t i = 0; i < S.neds; i++) {
		buf_puts(&b, "<li><a href=\"");
		if (S.neds > 1) {
			buf_puts(&b, "/");
			esc_attr(&b, S.eds[i].id);
		}
		buf_puts(&b, "/\">");
		esc_html(&b, S.eds[i].dir);
		buf_puts(&b, "</a></li>\n");
	}
	buf_puts(&b, "</ul>\n<h2>诊断</h2>\n");
	if (S.ndiags == 0)
		buf_puts(&b, "<p>没有错误、警告或提示。</p>\n");
	else {
		buf_puts(&b, "<ol>\n");
		for (size_t i = 0; i < S.ndiags; i++) {
			buf_printf(&b, "<li class=\"%s\"><code>", S.diags[i].level ==
			    DIAG_ERROR ? "error" : S.diags[i].level ==
			    DIAG_WARNING ? "warning" : "note");
			esc_html(&b, S.diags[i].where);
			buf_printf(&b, "</code> %s：", level_zh[S.diags[i].level]);
			esc_html(&b, S.diags[i].msg);
			buf_puts(&b, "</li>\n");
		}
		buf_puts(&b, "</ol>\n");
	}
	return send_page(c, MHD_HTTP_OK, &b);
}

/* /_ybt/status: for scripts and tests. */
static enum MHD_Result
page_status(struct MHD_Connection *c)
{
	size_t n[3] = { 0, 0, 0 };
	char *s;

	drain_events();	/* a write before this request is seen */
	for (size_t i = 0; i < S.ndiags; i++)
		n[S.diags[i].level]++;
	s = xasprintf("{\"run\":%ld,\"gen\":%lu,\"builds\":%lu,\"pending\":%d,"
	    "\"site\":%d,\"failed\":%d,\"errors\":%zu,\"warnings\":%zu,"
	    "\"notes\":%zu,\"last_ms\":%.0f,\"quick_ms\":%.0f,\"quicks\":%lu,"
	    "\"missed\":%ld,\"changes\":%zu,\"quick_files\":%ld,"
	    "\"own_ms\":%.0f,\"patches\":%lu,\"pdf_stale\":%d,"
	    "\"cache_mb\":%zu,\"peak_mb\":%ld,\"unread\":%zu}\n",
	    (long)getpid(), S.gen,
	    S.builds, S.dirty || S.child != 0, S.have_site, S.failed, n[2],
	    n[1], n[0], S.last_ms, S.quick_ms, S.quicks, S.missed,
	    S.changes, S.quick_files, S.own_ms, S.patches, S.pdf_stale,
	    cache_bytes() >> 20, peak_mb(), cache_unread());
	return send_buf(c, MHD_HTTP_OK, "application/json", s, strlen(s),
	    NULL);
}

static ssize_t
sse_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct sse *e = cls;
	int n;

	(void)pos;
	if (S.stopping)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (max < 64)
		return 0;
	if (!e->hello) {
		e->hello = 1;
		return snprintf(buf, max, "retry: 1000\n\n");
	}
	if (e->gen != S.gen) {
		e->gen = S.gen;
		n = snprintf(buf, max, "data: reload\n\n");
		return n;
	}
	if (e->ping) {
		e->ping = 0;
		return snprintf(buf, max, ": ping\n\n");
	}
	e->suspended = 1;
	MHD_suspend_connection(e->c);
	return 0;
}

static void
sse_free(void *cls)
{
	struct sse *e = cls, **pp;

	for (pp = &S.sse; *pp != NULL; pp = &(*pp)->next)
		if (*pp == e) {
			*pp = e->next;
			break;
		}
	free(e);
}

static enum MHD_Result
page_events(struct MHD_Connection *c)
{
	struct MHD_Response *r;
	struct sse *e = xcalloc(1, sizeof(*e));
	const char *g = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
	    "gen");
	const char *run = MHD_lookup_connection_value(c,
	    MHD_GET_ARGUMENT_KIND, "run");
	enum MHD_Result ret;

	e->c = c;
	e->gen = g != NULL ? strtoul(g, NULL, 10) : S.gen;
	/* A page of an earlier server: reload it at once. */
	if (run != NULL && strtol(run, NULL, 10) != (long)getpid())
		e->gen = S.gen + 1;
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256, sse_read,
	    e, sse_free);
	if (r == NULL) {
		free(e);
		return MHD_NO;
	}
	e->next = S.sse;
	S.sse = e;
	MHD_add_response_header(r, "Content-Type", "text/event-stream");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

/* / when several editions are served. */
static enum MHD_Result
page_index(struct MHD_Connection *c)
{
	struct buf b;

	buf_init(&b);
	page_head(&b, "ybt serve");
	buf_puts(&b, "<h1>预览的版本</h1>\n<ul>\n");
	for (size_t i = 0; i < S.neds; i++) {
		buf_puts(&b, "<li><a href=\"/");
		esc_attr(&b, S.eds[i].id);
		buf_puts(&b, "/\">");
		esc_html(&b, S.eds[i].id);
		buf_puts(&b, "</a>（");
		esc_html(&b, S.eds[i].dir);
		buf_puts(&b, "）</li>\n");
	}
	buf_puts(&b, "</ul>\n<p><a href=\"/_ybt/\">诊断</a></p>\n");
	return send_page(c, MHD_HTTP_OK, &b);
}

/* Before the first good build: say so; the page reloads by itself. */
static enum MHD_Result
page_waiting(struct MHD_Connection *c)
{
	struct buf b;

	buf_init(&b);
	page_head(&b, "ybt serve");
	buf_puts(&b, S.failed ? "<h1>还没有可预览的页面</h1>\n<p>源文件有错误"
	    "（见上）；改正并保存后，本页会自动刷新。</p>\n" :
	    "<h1>正在生成……</h1>\n<p>生成完成后本页会自动刷新。</p>\n");
	return send_page(c, MHD_HTTP_SERVICE_UNAVAILABLE, &b);
}

static enum MHD_Result
send_file(struct MHD_Connection *c, struct sv_edition *e, const char *url,
    const char *rel, void **asked)
{
	char *full, *real, *data;
	size_t len, rl;
	struct stat st;
	enum MHD_Result ret;

	if (!S.have_site || e->real == NULL)
		return page_waiting(c);
	/* A PDF older than the sources: made first, then served. */
	if (S.pdf_stale && *asked == NULL && is_download(rel, e->id) &&
	    !S.stopping) {
		*asked = &S;
		*VEC_PUSH(&S.pdfwait, &S.npdfwait) = c;
		MHD_suspend_connection(c);
		S.want_pdf = 1;
		mark_dirty();
		S.due = now_ms();
		return MHD_YES;
	}
	if (*rel == '\0')
		full = xasprintf("%s/index.html", e->live);
	else {
		/* "dir/" is dir/index.html; every segment a plain name */
		size_t n = strlen(rel);
		char *r2 = xstrndup(rel, rel[n - 1] == '/' ? n - 1 : n);

		if (!clean_path(r2)) {
			free(r2);
			return not_found(c);
		}
		full = xasprintf(rel[n - 1] == '/' ? "%s/%s/index.html" :
		    "%s/%s", e->live, r2);
		free(r2);
	}
	real = realpath(full, NULL);
	free(full);
	rl = strlen(e->real);
	/* Nothing outside the site, even through a symbolic link. */
	if (real == NULL || strncmp(real, e->real, rl) != 0 ||
	    real[rl] != '/') {
		free(real);
		return not_found(c);
	}
	if (stat(real, &st) != 0) {
		free(real);
		return not_found(c);
	}
	if (S_ISDIR(st.st_mode)) {
		free(real);
		return redirect_slash(c, url);
	}
	if (!S_ISREG(st.st_mode)) {
		free(real);
		return not_found(c);
	}
	if (strcmp(content_type(real), "text/html; charset=utf-8") == 0) {
		char *out;

		if (file_read(real, &data, &len, SERVE_MAX_HTML) != 0) {
			free(real);
			return not_found(c);
		}
		free(real);
		out = inject(data, len, S.banner, S.gen, &len);
		free(data);
		return send_buf(c, MHD_HTTP_OK, "text/html; charset=utf-8",
		    out, len, NULL);
	}
	ret = send_fd(c, real);
	free(real);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	const char *rel;
	size_t i;

	(void)cls;
	(void)version;
	(void)upload;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		*upload_size = 0;
		return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "405 只支持 GET 和 HEAD\n");
	}
	if (url[0] != '/' || strlen(url) > SERVE_MAX_URL)
		return not_found(c);
	if (strcmp(url, "/_ybt") == 0)
		return redirect_slash(c, url);
	if (strcmp(url, "/_ybt/") == 0)
		return page_ybt(c);
	if (strcmp(url, "/_ybt/status") == 0)
		return page_status(c);
	if (strcmp(url, "/_ybt/events") == 0)
		return page_events(c);
	if (strncmp(url, "/_ybt/", 6) == 0)
		return not_found(c);
	if (S.neds == 1)
		return send_file(c, &S.eds[0], url, url + 1, con_cls);
	if (strcmp(url, "/") == 0)
		return page_index(c);
	for (i = 0; i < S.neds; i++) {
		size_t n = strlen(S.eds[i].id);

		if (strncmp(url + 1, S.eds[i].id, n) != 0)
			continue;
		rel = url + 1 + n;
		if (*rel == '\0')
			return redirect_slash(c, url);
		if (*rel == '/')
			return send_file(c, &S.eds[i], url, rel + 1, con_cls);
	}
	return not_found(c);
}

/* ---- setting up, the loop ------------------------------------------- */

static void
shutdown_server(void)
{
	S.stopping = 1;
	sse_notify();
	pdf_resume();
	/* Let the resumed event streams end before the daemon stops. */
	for (int i = 0; i < 4 && S.sse != NULL; i++)
		MHD_run(S.d);
	MHD_stop_daemon(S.d);
	S.d = NULL;
}

int
serve_run(const struct serve_opts *o)
{
	char url[128], tmpl[PATH_MAX];
	const char *tmp = getenv("TMPDIR");
	const union MHD_DaemonInfo *info;
	sigset_t set;
	int lfd, sfd, efd, rc = EXIT_CLEAN;

	memset(&S, 0, sizeof(S));
	S.o = o;
	S.ifd = -1;
	for (int i = 0; i < o->ndirs; i++) {
		struct sv_edition *e = VEC_PUSH(&S.eds, &S.neds);

		e->dir = o->dirs[i];
		e->id = path_leaf(o->dirs[i]);
		for (size_t j = 0; j + 1 < S.neds; j++)
			if (strcmp(S.eds[j].id, e->id) == 0) {
				fprintf(stderr, "ybt: %s 和 %s 是同名的版本“%s”："
				    "一次只能预览其中一个\n", S.eds[j].dir,
				    e->dir, e->id);
				return EXIT_USAGE;
			}
	}
	if ((lfd = listen_on(o->bind, o->port, url, sizeof(url))) == -1)
		return EXIT_USAGE;
	snprintf(tmpl, sizeof(tmpl), "%s/ybt-serve.XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "ybt: %s: 无法创建临时文件夹：%s\n", tmpl,
		    zh_strerror(errno));
		close(lfd);
		return EXIT_USAGE;
	}
	S.stage = xstrdup(tmpl);
	S.dfile = xasprintf("%s/diag", S.stage);
	S.rfile = xasprintf("%s/read", S.stage);
	S.qfd = S.cfd_w = -1;
	S.missed = -1;
	S.on_demand = o->formats & serve_on_demand();
	for (size_t i = 0; i < S.neds; i++) {
		S.eds[i].linkfile = xasprintf("%s/links-%s", S.stage,
		    S.eds[i].id);
		S.eds[i].live = xasprintf("%s/live/%s/site", S.stage,
		    S.eds[i].id);
		mkdir_p(S.eds[i].live);
	}

	/* Signals as file descriptors: nothing happens in a handler. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	S.ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (sfd == -1 || S.ifd == -1) {
		fprintf(stderr, "ybt: 无法监视文件：%s\n", zh_strerror(errno));
		rc = EXIT_USAGE;
		goto out;
	}
	for (size_t i = 0; i < S.neds; i++)
		watch_tree(S.eds[i].dir, 0);

	S.d = MHD_start_daemon(MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME,
	    0, NULL, NULL, on_request, NULL,
	    MHD_OPTION_LISTEN_SOCKET, lfd,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
	    MHD_OPTION_UNESCAPE_CALLBACK, url_unescape, NULL,
	    MHD_OPTION_END);
	if (S.d == NULL || (info = MHD_get_daemon_info(S.d,
	    MHD_DAEMON_INFO_EPOLL_FD)) == NULL) {
		fprintf(stderr, "ybt: 无法启动 HTTP 服务\n");
		rc = EXIT_USAGE;
		goto out;
	}
	efd = info->epoll_fd;
	printf("ybt serve: %s\n", url);
	fflush(stdout);
	logf_("正在生成 %zu 个版本的门户；按 Ctrl-C 结束", S.neds);
	mark_dirty();
	S.due = 0;
	S.next_ping = now_ms() + SERVE_PING_MS;

	for (;;) {
		struct pollfd pf[4] = {
			{ sfd, POLLIN, 0 }, { S.ifd, POLLIN, 0 },
			{ efd, POLLIN, 0 }, { S.qfd, POLLIN, 0 },
		};
		MHD_UNSIGNED_LONG_LONG mt;
		long long t = now_ms(), wait = S.next_ping - t;
		/* The first reading of the sources, a slice at a time. */
		size_t unread = S.dirty ? 0 : cache_unread() +
		    cache_unconverted();

		if (S.dirty && S.child == 0 && S.due - t < wait)
			wait = S.due - t;
		if (unread > 0)
			wait = 0;
		if (MHD_get_timeout(S.d, &mt) == MHD_YES &&
		    (long long)mt < wait)
			wait = (long long)mt;
		if (wait < 0)
			wait = 0;
		if (poll(pf, S.qfd != -1 ? 4 : 3, (int)wait) == -1 &&
		    errno != EINTR)
			break;
		if (S.qfd != -1 && (pf[3].revents & (POLLIN | POLLHUP)))
			quick_in();
		if (pf[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			int stop = 0;

			while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
				if (si.ssi_signo == SIGCHLD) {
					int st;
					pid_t pid;

					while ((pid = waitpid(-1, &st,
					    WNOHANG)) > 0)
						child_done(pid, st);
				} else
					stop = 1;
			}
			if (stop)
				break;
		}
		if (pf[1].revents & POLLIN)
			drain_events();
		t = now_ms();
		/* A newer save: the full pass of the last one is not worth
		 * waiting for once its quick pass is in. */
		if (S.dirty && S.child != 0 && S.quick_done && !S.superseded &&
		    t >= S.due) {
			kill(S.child, SIGTERM);
			S.superseded = 1;
		}
		if (S.dirty && S.child == 0 && t >= S.due)
			start_build();
		else if (unread > 0 && cache_refresh(256) == 0)
			cache_convert(256);
		if (t >= S.next_ping) {
			for (struct sse *e = S.sse; e != NULL; e = e->next)
				e->ping = 1;
			sse_notify();
			S.next_ping = t + SERVE_PING_MS;
		}
		MHD_run(S.d);
	}
	logf_("结束");
out:
	if (S.d != NULL)
		shutdown_server();
	if (S.holder != 0) {
		pid_t pid = S.holder;

		holder_drop();
		waitpid(pid, NULL, 0);
	}
	if (S.child != 0) {
		int st;

		kill(S.child, SIGTERM);
		waitpid(S.child, &st, 0);
	}
	if (S.stage != NULL)
		rm_rf(S.stage);
	return rc;
}
