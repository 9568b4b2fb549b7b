// search-trace.js SITE QUERY — where a query's time goes in chromium
// (not part of make test): search.html?q=QUERY from file:// in a fresh
// context, traced (devtools.timeline), then printed: the page's main
// thread (tasks of 1 ms or more: the parse, each script's evaluation,
// layout, each file asked for) and each file of search/ with the times
// it was asked for, its response came and it was finished, in ms from
// the navigation's commit. With YBT_TRACE=FILE the trace is kept there
// (chrome://tracing or Perfetto read it).
"use strict";
const fs = require("fs"), os = require("os"), path = require("path"), url = require("url");
const { chromium } = require("playwright-core");
const [site, q] = process.argv.slice(2);
const root = url.pathToFileURL(path.resolve(site)).href + "/";
const out = process.env.YBT_TRACE || path.join(os.tmpdir(), "ybt-search-trace." + process.pid + ".json");

(async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await (await browser.newContext()).newPage();
  await page.goto("about:blank");
  await browser.startTracing(page, { path: out, categories: ["devtools.timeline", "v8.execute", "blink", "loading"] });
  await page.goto(root + "search.html?q=" + encodeURIComponent(q), { waitUntil: "commit" });
  await page.waitForFunction(() => /共找到|没有找到/.test((document.getElementById("search-status") || {}).textContent || ""),
    null, { timeout: 60000 });
  const shown = await page.evaluate(() => document.getElementById("search-status").textContent);
  await new Promise((r) => setTimeout(r, 300));
  await browser.stopTracing();
  await browser.close();

  const t = JSON.parse(fs.readFileSync(out, "utf8")), ev = t.traceEvents || t;
  if (!process.env.YBT_TRACE) fs.unlinkSync(out);
  // the page's first script, and the last commit before it (not about:blank's)
  const p = ev.filter((e) => e.name === "EvaluateScript" && /search\.html/.test((e.args && e.args.data && e.args.data.url) || ""))
    .sort((a, b) => a.ts - b.ts)[0];
  if (!p) { console.log("no script of search.html in the trace"); process.exit(1); }
  const commits = ev.filter((e) => e.name === "DocumentLoader::CommitNavigation" && e.pid === p.pid && e.ts < p.ts)
    .sort((a, b) => a.ts - b.ts);
  const t0 = commits.length ? commits[commits.length - 1].ts : p.ts, ms = (ts) => ((ts - t0) / 1000).toFixed(0).padStart(5);
  const want = /^(ParseHTML|EvaluateScript|WebFrameWidgetImpl::UpdateLifecycle|Layout|Paint|TimerFire|FunctionCall|EventDispatch|ResourceFetcher::requestResource|DocumentLoader::CommitNavigation)$/;
  console.log(`${q}: ${shown}\nmain thread (ms from the commit, ms taken, what):`);
  for (const e of ev.filter((e) => e.pid === p.pid && e.tid === p.tid && e.ph === "X" && e.dur >= 1000 && want.test(e.name) && e.ts >= t0)
    .sort((a, b) => a.ts - b.ts)) {
    const u = ((e.args && e.args.data && e.args.data.url) || "").replace(/^.*\/site\//, "").replace(/\?q=.*/, "");
    console.log(`${ms(e.ts)} ${(e.dur / 1000).toFixed(1).padStart(6)} ${e.name} ${u}`);
  }
  const files = {};
  for (const e of ev) {
    const d = e.args && e.args.data;
    if (!d) continue;
    if (e.name === "ResourceSendRequest" && (d.url || "").startsWith(root + "search/"))
      files[d.requestId] = { name: d.url.slice(root.length + 7), asked: e.ts };
  }
  for (const e of ev) {
    const d = e.args && e.args.data, f = d && files[d.requestId];
    if (!f) continue;
    if (e.name === "ResourceReceiveResponse") f.response = e.ts;
    if (e.name === "ResourceFinish") f.finished = e.ts;
  }
  console.log("search/ files (asked, response, finished):");
  for (const f of Object.values(files).sort((a, b) => a.asked - b.asked))
    console.log(`${f.name.padEnd(24)} ${ms(f.asked)} ${f.response ? ms(f.response) : "    -"} ${f.finished ? ms(f.finished) : "    -"}`);
})().catch((e) => { console.error(e.message); process.exit(1); });
