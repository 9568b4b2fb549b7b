// serve-test.js — the tests of `ybt serve` (run by tests/serve/suite from
// the repository root). Copies guides/gz and guides/th under
// tests/work/serve, serves both, and checks: the URL line, content types,
// GET/HEAD only, traversal attempts, a scripted series of edits (each
// followed by a comparison of every served file with a fresh
// `ybt build -f html`, the injected data-ybt-serve elements stripped), the
// error banner and the last good page, hostile input, clients that go
// away, a port in use, SIGTERM, and (with BROWSER=1) that an open page in
// chromium reloads by itself after an edit.
//
// Nothing here waits for a fixed time: after each edit it asks
// /_ybt/status (which first reads the queued file events) until no
// rebuild is pending. The time limits only bound a hung server.
"use strict";
const fs = require("fs"), path = require("path"), net = require("net");
const { spawn, spawnSync } = require("child_process");

const W = path.resolve("tests/work/serve");
const YBT = path.resolve(process.env.YBT_SERVE_BIN || "./ybt");
const G = path.join(W, "guides");
let nfail = 0;

function ok(n) { console.log("ok serve-" + n); }
function fail(n, why) { console.log("FAIL serve-" + n + ": " + why); nfail++; }
function check(n, cond, why) { if (cond) ok(n); else fail(n, why); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function start(args, env) {
  const p = spawn(YBT, ["serve", "-p", "0", ...args], {
    env: { ...process.env, TMPDIR: path.join(W, "tmp"), ...(env || {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const srv = { p, out: "", err: "", url: null, exited: null };
  p.stdout.on("data", (d) => { srv.out += d; });
  p.stderr.on("data", (d) => { srv.err += d; });
  p.on("exit", (code, sig) => { srv.exited = { code, sig }; });
  return srv;
}

async function waitUrl(srv) {
  for (let i = 0; i < 1200 && !srv.url && !srv.exited; i++) {
    const m = /ybt serve: (http:\/\/\S+\/)/.exec(srv.out);
    if (m) srv.url = m[1];
    else await sleep(50);
  }
  return srv.url;
}

async function status(srv) {
  const r = await fetch(srv.url + "_ybt/status");
  return r.json();
}

// Until the server has built what it saw (bounded: 300 s).
async function settle(srv) {
  for (let i = 0; i < 6000; i++) {
    const s = await status(srv);
    if (!s.pending && s.builds > 0) return s;
    await sleep(50);
  }
  throw new Error("the server never settled");
}

function strip(buf) {
  let s = buf.toString("utf8");
  s = s.replace(/<script data-ybt-serve>[\s\S]*?<\/script>/g, "");
  s = s.replace(/<div data-ybt-serve[\s\S]*?<\/div>/, "");
  return Buffer.from(s, "utf8");
}

function walk(dir, rel, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? rel + "/" + e.name : e.name;
    if (e.isDirectory()) walk(path.join(dir, e.name), r, out);
    else out.push(r);
  }
  return out;
}

// Every file of a fresh build, fetched from the server, bytes compared.
async function sameAsFresh(srv, ids, name, freshDir) {
  const out = freshDir || path.join(W, "fresh");
  if (!freshDir) {
    fs.rmSync(out, { recursive: true, force: true });
    const b = spawnSync(YBT, ["build", "-f", "html", "-o", out,
      ...ids.map((id) => path.join(G, id))], { encoding: "utf8" });
    if (b.status !== 0) {
      fail(name, "fresh build failed: " + b.stderr.slice(0, 300));
      return false;
    }
  }
  const bad = [];
  let n = 0;
  for (const id of ids) {
    const site = path.join(out, id, "site");
    for (const rel of walk(site, "", [])) {
      const url = srv.url + (ids.length > 1 ? id + "/" : "") + rel;
      const r = await fetch(url);
      let got = Buffer.from(await r.arrayBuffer());
      const want = fs.readFileSync(path.join(site, rel));
      if (rel.endsWith(".html")) got = strip(got);
      n++;
      if (r.status !== 200 || !got.equals(want)) bad.push(id + "/" + rel);
    }
  }
  check(name, bad.length === 0 && n > 0, bad.length + " of " + n +
    " files differ from a fresh build: " + bad.slice(0, 5).join(" "));
  return bad.length === 0;
}

function edit(rel, fn) {
  const f = path.join(G, rel);
  fs.writeFileSync(f, fn(fs.readFileSync(f, "utf8")));
}

async function get(srv, rel, opts) {
  const r = await fetch(srv.url + rel, opts);
  return { status: r.status, type: r.headers.get("content-type"),
    body: Buffer.from(await r.arrayBuffer()) };
}

// A raw request (what fetch would normalise away).
function raw(srv, line) {
  const u = new URL(srv.url);
  return new Promise((resolve) => {
    const s = net.connect(+u.port, u.hostname, () => {
      s.write(line + "\r\nHost: x\r\nConnection: close\r\n\r\n");
    });
    let d = "";
    s.on("data", (c) => { d += c; });
    s.on("end", () => resolve(d));
    s.on("error", () => resolve(d));
  });
}

async function series(srv) {
  const ids = ["gz", "th"];
  await settle(srv);
  await sameAsFresh(srv, ids, "initial");

  const steps = [
    ["matter", () => edit("gz/matters/jiehun-dengji.md",
      (t) => t.replace(/^title: (.*)$/m, "title: $1（改）"))],
    ["guide", () => edit("gz/guides/jiehun-shengyu.md",
      (t) => t.replace(/^summary: /m, "summary: 改过的简介。"))],
    ["office", () => edit("gz/offices/yuexiu-hunyin.md",
      (t) => t.replace(/^phone: .*$/m, "phone: 020-12345678"))],
    ["base-overridden", () => edit("gz/offices/tianhe-zwfw.md",
      (t) => t.replace(/^name: (.*)$/m, "name: $1（市级）"))],
    ["edition-md", () => edit("gz/edition.md",
      (t) => t.replace(/^(版本|version): .*$/m, "$1: 2027年第一季度版"))],
    ["procedure", () => edit("th/procedures/th-rencai-liucheng.md",
      (t) => t.replace(/name: /, "name: 先"))],
    ["add-matter", () => fs.writeFileSync(path.join(G, "th/matters/th-new-x.md"),
      fs.readFileSync(path.join(G, "th/matters/th-rencai-jiangli.md"), "utf8")
        .replace(/^id: .*$/m, "id: th-new-x")
        .replace(/^title: .*$/m, "title: 新加的事项"))],
    ["override-base-matter", () => fs.writeFileSync(
      path.join(G, "th/matters/jiehun-dengji.md"),
      fs.readFileSync(path.join(G, "gz/matters/jiehun-dengji.md"), "utf8")
        .replace(/^title: .*$/m, "title: 天河区结婚登记"))],
    ["edit-overridden-base-matter", () => edit("gz/matters/jiehun-dengji.md",
      (t) => t.replace(/^title: .*$/m, "title: 结婚登记（市）"))],
    // A base matter th inherits (a copy there), in a guide of both: its
    // material (the merged checklists), department and title move.
    ["base-inherited-matter", () => edit("gz/matters/canjiren-zheng.md",
      (t) => t.replace("name: 近期正面免冠彩色照片", "name: 近期免冠照片")
        .replace(/^department: .*$/m, "department: 广州市民政局")
        .replace(/^title: (.*)$/m, "title: 阿$1"))],
    ["base-guide", () => edit("gz/guides/canjiren-fuwu.md",
      (t) => t.replace(/^title: (.*)$/m, "title: $1（新）"))],
    ["rename-matter", () => fs.renameSync(path.join(G, "th/matters/th-new-x.md"),
      path.join(G, "th/matters/zz-renamed.md"))],
    ["delete-matter", () => fs.unlinkSync(path.join(G, "th/matters/zz-renamed.md"))],
    ["editor-two-writes", () => {
      const f = path.join(G, "th/matters/th-rencai-lvka.md");
      const t = fs.readFileSync(f, "utf8").replace(/^title: (.*)$/m, "title: $1甲");
      fs.writeFileSync(f, t.slice(0, 40));
      fs.appendFileSync(f, t.slice(40));
    }],
    ["editor-rename-save", () => {
      const f = path.join(G, "th/guides/th-geti-kaiban.md");
      const t = fs.readFileSync(f, "utf8").replace(/^summary: /m, "summary: 另存。");
      fs.writeFileSync(f + ".swp", t);
      fs.renameSync(f + ".swp", f);
    }],
  ];
  // Edits of items that keep their ids: patched into the model the last
  // full pass holds, with no fork (model_patch.c); the others fork.
  const patched = new Set(["matter", "guide", "procedure",
    "edit-overridden-base-matter", "base-inherited-matter", "base-guide",
    "editor-two-writes"]);
  for (const [name, fn] of steps) {
    const before = (await status(srv)).patches;
    fn();
    const s = await settle(srv);
    if (patched.has(name))
      check("patched-" + name, s.patches === before + 1,
        "not patched: " + JSON.stringify(s));
    if (s.failed) {
      fail("edit-" + name, "the edit gave errors: " + srv.err.slice(-400));
      continue;
    }
    await sameAsFresh(srv, ids, "edit-" + name);
    // The quick pass rendered every page the full pass then changed.
    check("quick-" + name, s.missed <= 0, s.missed + " pages missed by the quick pass");
  }
  check("quick-passes-ran", (await status(srv)).quicks >= 8, "few quick passes");

  // An image a body names that is missing, then added: the items the
  // server made of the sources looked for it, and are made again.
  edit("gz/matters/canjiren-zheng.md", (t) => t + "\n![新加的图](images/zz-new.png)\n");
  await settle(srv);
  fs.copyFileSync(path.join(G, "gz/assets/images/tianhe-zwfw-weizhi.png"),
    path.join(G, "gz/assets/images/zz-new.png"));
  let sa = await settle(srv);
  check("asset-added", sa.failed === 0, JSON.stringify(sa));
  await sameAsFresh(srv, ids, "asset-added-fresh");
  const gone = await get(srv, "th/matter/th-new-x.html");
  check("deleted-page-404", gone.status === 404, "status " + gone.status);

  // A broken save: the banner on every page, the last good site beneath.
  const good = path.join(W, "good");
  fs.rmSync(good, { recursive: true, force: true });
  fs.cpSync(path.join(W, "fresh"), good, { recursive: true });
  const gf = path.join(G, "th/guides/th-geti-kaiban.md");
  const keep = fs.readFileSync(gf, "utf8");
  fs.writeFileSync(gf, keep.replace(/^matters:\n/m, "matters:\n  - no-such-matter\n"));
  let s = await settle(srv);
  check("broken-failed", s.failed === 1 && s.errors > 0, JSON.stringify(s));
  let p = await get(srv, "th/guide/th-geti-kaiban.html");
  const html = p.body.toString();
  check("broken-banner", /<body[^>]*><div data-ybt-serve[^>]*>/.test(html) &&
    html.includes("no-such-matter") && html.includes("th-geti-kaiban.md:"),
    "no banner right after <body> naming the error");
  p = await get(srv, "gz/index.html");
  check("broken-banner-everywhere", p.body.includes("<div data-ybt-serve"),
    "gz/index.html has no banner");
  await sameAsFresh(srv, ids, "broken-last-good", good);
  const diag = (await get(srv, "_ybt/")).body.toString();
  check("diag-page", diag.includes("no-such-matter"), "/_ybt/ lacks the error");
  check("terminal-diag", /th-geti-kaiban\.md:\d+:\d+: error: /.test(srv.err),
    "the terminal does not show the error as ybt check does");
  fs.writeFileSync(gf, keep);
  s = await settle(srv);
  p = await get(srv, "th/guide/th-geti-kaiban.html");
  check("fixed-no-banner", s.failed === 0 && !p.body.includes("data-ybt-serve role"),
    JSON.stringify(s));
  await sameAsFresh(srv, ids, "fixed");
}

async function http(srv) {
  let r = await get(srv, "");
  check("index-lists-editions", r.status === 200 && r.body.includes('href="/th/"'),
    "status " + r.status);
  const types = {
    "gz/index.html": "text/html; charset=utf-8",
    "gz/assets/style.css": "text/css; charset=utf-8",
    "gz/assets/ybt.js": "text/javascript; charset=utf-8",
    "gz/assets/logo.svg": "image/svg+xml",
    "gz/sitemap.xml": "application/xml",
    "gz/feed.xml": "application/atom+xml",
    "gz/files/images/tianhe-zwfw-weizhi.png": "image/png",
    "gz/files/forms/yanglao-shenlingbiao.pdf": "application/pdf",
  };
  const badt = [];
  for (const [u, t] of Object.entries(types)) {
    r = await get(srv, u);
    if (r.status !== 200 || r.type !== t) badt.push(u + " " + r.status + " " + r.type);
  }
  check("content-types", badt.length === 0, badt.join("; "));
  r = await get(srv, "gz/index.html");
  const body = r.body.toString();
  check("script-injected", (body.match(/<script data-ybt-serve>/g) || []).length === 1 &&
    /<script data-ybt-serve>[\s\S]*<\/script><\/body>/.test(body), "no script before </body>");
  r = await get(srv, "gz/index.html", { method: "HEAD" });
  check("head", r.status === 200 && r.body.length === 0, "status " + r.status);
  r = await get(srv, "gz/index.html", { method: "POST", body: "x" });
  check("post-405", r.status === 405, "status " + r.status);
  const trav = ["/gz/../th/index.html", "/gz/%2e%2e/th/index.html",
    "/gz/%2E%2E/%2E%2E/%2E%2E/etc/passwd", "/gz/..%2f..%2f..%2fetc/passwd",
    "/gz/assets/..", "/gz/%2e%2e", "/gz//etc/passwd", "/gz/./index.html",
    "/gz/..\\..\\etc\\passwd", "/../../etc/passwd", "/gz/%00index.html",
    "/gz/index.html%00.css", "/gz/%252e%252e/th/index.html", "/etc/passwd",
    "/gz/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd"];
  const leaked = [];
  for (const t of trav) {
    const d = await raw(srv, "GET " + t + " HTTP/1.1");
    const code = +(d.split(" ")[1] || 0);
    if (code !== 404 && code !== 400) leaked.push(t + " → " + code);
  }
  check("traversal-404", leaked.length === 0, leaked.join("; "));
  const red = await raw(srv, "GET /gz/guide HTTP/1.1");
  check("dir-redirect", /^HTTP\/1\.1 301/.test(red) && /Location: \/gz\/guide\//i.test(red),
    red.split("\r\n")[0]);
}

// Bad input while serving: the server stays up and recovers.
async function hostile(srv) {
  const m = path.join(G, "th/matters");
  const cases = [
    ["50mb", () => fs.writeFileSync(path.join(m, "big.md"), Buffer.alloc(50 << 20, 0x61)),
      () => fs.unlinkSync(path.join(m, "big.md"))],
    ["binary", () => fs.writeFileSync(path.join(m, "bin.md"),
      Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0, 1, 2, 0xff, 0xfe, 0, 0x0a])),
      () => fs.unlinkSync(path.join(m, "bin.md"))],
    ["symlink-loop", () => {
      fs.symlinkSync("loop.md", path.join(m, "loop.md"));
      fs.mkdirSync(path.join(G, "th/assets"), { recursive: true });
      fs.symlinkSync(".", path.join(G, "th/assets/self"));
    }, () => {
      fs.unlinkSync(path.join(m, "loop.md"));
      fs.unlinkSync(path.join(G, "th/assets/self"));
    }],
  ];
  for (const [name, make, undo] of cases) {
    make();
    let s = await settle(srv);
    check("hostile-" + name, s.failed === 1 && srv.exited === null,
      JSON.stringify(s));
    undo();
    s = await settle(srv);
    check("hostile-" + name + "-recovers", s.failed === 0, JSON.stringify(s));
  }
  // Files that come and go while the server reads them.
  for (let i = 0; i < 40; i++) {
    const f = path.join(m, "flicker.md");
    fs.writeFileSync(f, fs.readFileSync(path.join(m, "th-rencai-lvka.md"), "utf8")
      .replace(/^id: .*$/m, "id: th-flicker"));
    if (i % 4 === 0) await status(srv);
    fs.unlinkSync(f);
  }
  await settle(srv);
  await sameAsFresh(srv, ["gz", "th"], "hostile-flicker");
  // Clients that go away: mid-request, mid-response, mid-event-stream.
  const u = new URL(srv.url);
  const conns = [];
  for (let i = 0; i < 30; i++) {
    conns.push(new Promise((resolve) => {
      const s = net.connect(+u.port, u.hostname, () => {
        if (i % 3 === 0) s.write("GET /gz/matters.html HT");
        else if (i % 3 === 1) s.write("GET /gz/search/d0.js HTTP/1.1\r\nHost: x\r\n\r\n");
        else s.write("GET /_ybt/events HTTP/1.1\r\nHost: x\r\n\r\n");
        setImmediate(() => { s.destroy(); resolve(); });
      });
      s.on("error", resolve);
    }));
  }
  await Promise.all(conns);
  const r = await get(srv, "gz/index.html");
  check("client-disconnects", r.status === 200 && srv.exited === null, "status " + r.status);
}

async function browser(srv) {
  let chromium;
  try {
    ({ chromium } = require("playwright-core"));
  } catch (e) {
    fail("browser-reload", "playwright-core missing: " + e.message);
    return;
  }
  const b = await chromium.launch({ executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox"] });
  try {
    const page = await b.newPage();
    await page.goto(srv.url + "th/matter/th-rencai-rending.html");
    await page.evaluate(() => { window.__ybtOld = 1; });
    // The page is connected to the event stream before the edit.
    await page.waitForFunction(() => performance.getEntriesByType("resource")
      .some((e) => e.name.includes("/_ybt/events")), null, { timeout: 60000 })
      .catch(() => {});
    edit("th/matters/th-rencai-rending.md",
      (t) => t.replace(/^title: (.*)$/m, "title: $1（已刷新）"));
    await page.waitForFunction(() => window.__ybtOld === undefined &&
      document.title.includes("（已刷新）"), null, { timeout: 120000 });
    ok("browser-reload");
  } catch (e) {
    fail("browser-reload", e.message.split("\n")[0]);
  }
  try {
    // Over http the search files do not hold the first render (they
    // do from file://: tests/html/browser.js): the page shows while
    // they travel.
    const page = await b.newPage();
    await page.goto(srv.url + "th/search.html?q=" + encodeURIComponent("人才"));
    await page.waitForFunction(() => /共找到|没有找到/.test(document.getElementById("search-status").textContent),
      null, { timeout: 60000 });
    const s = await page.evaluate(() => Array.from(document.querySelectorAll("script[src*='search/']"))
      .map(e => [e.src.split("/").pop(), e.getAttribute("blocking")]));
    if (!s.length || s.some(x => x[1] !== null)) throw new Error("scripts: " + JSON.stringify(s));
    ok("browser-search-http");
  } catch (e) {
    fail("browser-search-http", e.message.split("\n")[0]);
  } finally {
    await b.close();
  }
}

async function singleAndErrors() {
  // One edition: served at /.
  const one = start([path.join(G, "gz")]);
  if (!(await waitUrl(one))) { fail("single-start", one.err); return; }
  await settle(one);
  let r = await get(one, "index.html");
  check("single-root", r.status === 200 && r.body.includes("<!DOCTYPE html>"),
    "status " + r.status);
  // The first edit after the start is one change, and its quick pass
  // writes only the pages it reaches (the sources read after the first
  // build are what that build read, not changes).
  while ((await status(one)).unread > 0) await sleep(50);
  edit("gz/matters/shebaoka-shenling.md", (t) => t.replace(/^title: (.*)$/m, "title: $1（首改）"));
  let s1 = await settle(one);
  check("first-edit-one-change", s1.changes === 1 && s1.quicks === 1 &&
    s1.quick_files > 0 && s1.quick_files < 20 && s1.missed === 0, JSON.stringify(s1));
  r = await get(one, "matter/shebaoka-shenling.html");
  check("first-edit-served", r.body.includes("（首改）"), "the page lacks the edit");
  // The edited matter's own pages were served before the pages that
  // link to it and the indexes.
  check("status-peak-mb", s1.peak_mb > 0 && s1.peak_mb < 4096, JSON.stringify(s1));
  check("own-pages-first", s1.own_ms > 0 && s1.own_ms <= s1.quick_ms &&
    /已更新编辑的页面 \d+ 个[\s\S]*已更新 \d+ 个页面/.test(one.err), JSON.stringify(s1));
  // A second server on the same port: a clear error, exit status 3.
  const port = new URL(one.url).port;
  const two = spawnSync(YBT, ["serve", "-p", port, path.join(G, "gz")],
    { encoding: "utf8", timeout: 60000 });
  check("port-in-use", two.status === 3 && /端口 \d+ 已被占用/.test(two.stderr),
    "status " + two.status + ": " + two.stderr);
  one.p.kill("SIGTERM");
  for (let i = 0; i < 1200 && one.exited === null; i++) await sleep(10);
  const left = fs.readdirSync(path.join(W, "tmp"));
  check("sigterm-exit", one.exited && one.exited.code === 0 && left.length === 0,
    JSON.stringify(one.exited) + " left " + left.join(" "));
}

// -f html,pdf,leaflets: the PDFs come with the first build, then only
// when asked for: a save leaves them stale (the pages link the last ones
// made); a request for one makes them, then serves it as a fresh build
// would have it, and the whole site is then a fresh build's.
async function pdfOnDemand() {
  const one = start(["-f", "html,pdf,leaflets", path.join(G, "gz")]);
  if (!(await waitUrl(one))) { fail("pdf-start", one.err); return; }
  let s = await settle(one);
  check("pdf-first-build", s.failed === 0 && s.pdf_stale === 0, JSON.stringify(s));
  while ((await status(one)).unread > 0) await sleep(50);
  const g = "jiehun-shengyu";
  edit("gz/guides/" + g + ".md", (t) => t.replace(/^title: (.*)$/m, "title: $1（单张）"));
  s = await settle(one);
  check("pdf-not-on-save", s.failed === 0 && s.pdf_stale === 1, JSON.stringify(s));
  const out = path.join(W, "fresh-pdf");
  fs.rmSync(out, { recursive: true, force: true });
  const b = spawnSync(YBT, ["build", "-f", "html,pdf,leaflets", "-o", out,
    path.join(G, "gz")], { encoding: "utf8" });
  if (b.status !== 0) { fail("pdf-fresh-build", b.stderr.slice(0, 300)); return; }
  const r = await get(one, "files/leaflets/" + g + ".pdf");
  const want = fs.readFileSync(path.join(out, "gz/site/files/leaflets", g + ".pdf"));
  check("pdf-on-demand-fresh", r.status === 200 && r.type === "application/pdf" &&
    r.body.equals(want), "status " + r.status + ", " + r.body.length + " bytes, want " +
    want.length);
  s = await settle(one);
  check("pdf-made-once", s.pdf_stale === 0, JSON.stringify(s));
  await sameAsFresh(one, ["gz"], "pdf-site-fresh", out);
  one.p.kill("SIGTERM");
  for (let i = 0; i < 1200 && one.exited === null; i++) await sleep(10);
  check("pdf-exit", one.exited && one.exited.code === 0, JSON.stringify(one.exited));
}

async function main() {
  fs.rmSync(W, { recursive: true, force: true });
  fs.mkdirSync(path.join(W, "tmp"), { recursive: true });
  fs.mkdirSync(G);
  fs.cpSync("guides/gz", path.join(G, "gz"), { recursive: true });
  fs.cpSync("guides/th", path.join(G, "th"), { recursive: true });
  fs.symlinkSync(path.resolve("themes"), path.join(W, "themes"));

  await singleAndErrors();
  await pdfOnDemand();
  const srv = start([path.join(G, "gz"), path.join(G, "th")]);
  if (!(await waitUrl(srv))) {
    fail("start", "no URL printed: " + srv.err);
    return;
  }
  check("url-loopback", srv.url.startsWith("http://127.0.0.1:"), srv.url);
  try {
    await settle(srv);
    await http(srv);
    await series(srv);
    await hostile(srv);
    if (process.env.BROWSER !== "0") await browser(srv);
  } catch (e) {
    fail("run", e.stack);
  }
  srv.p.kill("SIGINT");
  for (let i = 0; i < 1200 && srv.exited === null; i++) await sleep(10);
  check("sigint-exit", srv.exited && srv.exited.code === 0,
    JSON.stringify(srv.exited));
  fs.writeFileSync(path.join(W, "serve.err"), srv.err);
  check("no-sanitizer-reports", !/(AddressSanitizer|ThreadSanitizer|LeakSanitizer|runtime error:)/.test(srv.err),
    "see " + path.join(W, "serve.err"));
}

main().then(() => process.exit(nfail ? 1 : 0),
  (e) => { console.log("FAIL serve-run: " + e.stack); process.exit(1); });
