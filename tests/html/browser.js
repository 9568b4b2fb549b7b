// browser.js SITE NAME SHOTS — the portal in a real browser (Debian's
// chromium through playwright-core), over file://: click from home to
// a stage, a guide and a matter; search 生孩子 and reach the 新生儿出生
// guide; switch large text on and see it survive a reload; run axe-core
// on every page type in normal and in large + high-contrast mode; read
// a page with JavaScript off; write screenshots of home and a guide at
// 1280 px and 390 px into SHOTS. Prints ok/FAIL lines.
"use strict";
const fs = require("fs"), path = require("path");
const { chromium } = require("playwright-core");
const [site, name, shots] = process.argv.slice(2);
const root = "file://" + path.resolve(site) + "/";
const axePath = require.resolve("axe-core/axe.min.js");

function report(test, err) {
  if (err) console.log(`FAIL ${name}-${test}: ${String(err.message || err).split("\n")[0]}`);
  else console.log(`ok ${name}-${test}`);
}
async function step(test, fn) {
  try { await fn(); report(test); } catch (e) { report(test, e); }
}
function first(dir) {
  const d = path.join(site, dir);
  if (!fs.existsSync(d)) return null;
  const f = fs.readdirSync(d).filter(x => x.endsWith(".html")).sort()[0];
  return f ? dir + "/" + f : null;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const external = [];
  page.on("request", r => { if (!r.url().startsWith("file:")) external.push(r.url()); });
  const errors = [];
  page.on("pageerror", e => errors.push(e.message));

  await step("navigate", async () => {
    await page.goto(root + "index.html");
    await page.click(".stage h3 a");
    if (!/\/stage\//.test(page.url())) throw new Error("not on a stage page: " + page.url());
    await page.click("ul.guides h2 a");
    if (!/\/guide\//.test(page.url())) throw new Error("not on a guide page: " + page.url());
    // the whole page read: an h1 just opened by the parser has no text yet
    await page.waitForLoadState("domcontentloaded");
    const h1 = await page.textContent("h1");
    await page.click("ol.matters a");
    if (!/\/matter\//.test(page.url())) throw new Error("not on a matter page: " + page.url());
    await page.click(".crumbs a >> nth=0");
    if (!/index\.html$/.test(page.url())) throw new Error("breadcrumb did not lead home");
    if (!h1) throw new Error("guide without h1");
  });

  await step("search", async () => {
    await page.goto(root + "index.html");
    await page.fill("#q-home", "生孩子");
    await page.press("#q-home", "Enter");
    await page.waitForSelector("#search-results li a", { timeout: 10000 });
    const t = await page.textContent("#search-results li a");
    if (!t.includes("新生儿出生")) throw new Error("first result is " + t);
    const marks = await page.$$("#search-results mark");
    if (!marks.length) throw new Error("no highlight");
    await page.click("#search-results li a");
    if (!/\/guide\//.test(page.url())) throw new Error("result did not open a guide");
    if (!(await page.textContent("h1")).includes("新生儿出生")) throw new Error("wrong guide");
  });

  await step("search-first-render", async () => {
    // The files a query asks for while search.html's head is read hold
    // its first render (blocking=render: they are run before the first
    // layout); the texts, asked for after the count, do not.
    await page.goto(root + "search.html?q=" + encodeURIComponent("出生"));
    await page.waitForFunction(() => /共找到/.test(document.getElementById("search-status").textContent));
    await page.waitForSelector("#search-results li p mark", { timeout: 10000 });
    const s = await page.evaluate(() => Array.from(document.querySelectorAll("script[src*='search/']"))
      .map(e => [e.src.split("/").pop(), e.getAttribute("blocking")]));
    const first = s.filter(x => x[1] === "render").map(x => x[0]);
    if (!first.length || first.some(n => !/^[ik]/.test(n))) throw new Error("first round: " + JSON.stringify(s));
    const texts = s.filter(x => x[0][0] === "d");
    if (!texts.length || texts.some(x => x[1] !== null)) throw new Error("texts: " + JSON.stringify(texts));
  });

  await step("search-more", async () => {
    // 办理地点 goes through lines (a key of lines bounds it): past 30
    // results its count and first page show before the whole list is
    // made (search.js, viaLines), which 显示更多 then pages through.
    await page.goto(root + "search.html?q=" + encodeURIComponent("办理地点"));
    await page.waitForFunction(() => /共找到|没有找到/.test(document.getElementById("search-status").textContent));
    const status = await page.textContent("#search-status");
    const n = +((/共找到 (\d+) 条/.exec(status) || [])[1] || 0);
    const shown = () => page.$$eval("#search-results > li > a", l => l.map(a => a.getAttribute("href")));
    let hrefs = await shown();
    if (hrefs.length !== Math.min(n, 30)) throw new Error(`${status}: ${hrefs.length} shown`);
    const more = await page.$("main button:not([type=submit])");
    if ((n > 30) !== !!more) throw new Error(`${n} results, ${more ? "a" : "no"} 显示更多`);
    if (more) {
      await more.click();
      await page.waitForFunction(k => document.querySelectorAll("#search-results > li").length > k, hrefs.length);
      hrefs = await shown();
      if (hrefs.length !== Math.min(n, 60)) throw new Error(`after 显示更多: ${hrefs.length} of ${n}`);
    }
    if (new Set(hrefs).size !== hrefs.length) throw new Error("a result listed twice");
    const lost = hrefs.filter(h => !fs.existsSync(path.join(site, h)));
    if (lost.length) throw new Error("results linking nowhere: " + lost.join(" "));
    if (await page.textContent("#search-status") !== status) throw new Error("the count changed");
  });

  await step("search-nothing", async () => {
    await page.goto(root + "search.html?q=" + encodeURIComponent("不可能出现的字符串"));
    await page.waitForFunction(() => !/正在查找/.test(document.getElementById("search-status").textContent));
    if (await page.$("#search-results li")) throw new Error("results for a string that occurs nowhere");
  });

  await step("large-text-persists", async () => {
    await page.goto(root + "index.html");
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    await page.click("#mode-large");
    await page.reload();
    const cls = await page.getAttribute("html", "class");
    const after = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    if (!/\blarge\b/.test(cls || "") || !(after > before)) throw new Error(`class ${cls}, size ${before} → ${after}`);
    if (await page.getAttribute("#mode-large", "aria-pressed") !== "true") throw new Error("button not pressed");
    const g = first("guide");
    await page.goto(root + g);
    if (!/\blarge\b/.test(await page.getAttribute("html", "class") || "")) throw new Error("lost on another page");
    // search.html has ybt.js written into it, not loaded: the same modes
    await page.goto(root + "search.html?q=" + encodeURIComponent("出生"));
    if (!/\blarge\b/.test(await page.getAttribute("html", "class") || "")) throw new Error("lost on search.html");
    if (await page.getAttribute("#mode-large", "aria-pressed") !== "true") throw new Error("search.html: button not pressed");
    await page.click("#mode-contrast");
    if (!/\bcontrast\b/.test(await page.getAttribute("html", "class") || "")) throw new Error("search.html: contrast does not switch on");
    await page.click("#mode-contrast");
    await page.goto(root + g);
    if (/\bcontrast\b/.test(await page.getAttribute("html", "class") || "")) throw new Error("contrast switched off on search.html stays on");
    await page.click("#mode-large");
    await page.reload();
    if (/\blarge\b/.test(await page.getAttribute("html", "class") || "")) throw new Error("cannot switch off");
  });

  await step("keyboard-skip-link", async () => {
    await page.goto(root + "index.html");
    await page.keyboard.press("Tab");
    const t = await page.evaluate(() => document.activeElement.textContent);
    if (!t.includes("跳到正文")) throw new Error("first Tab reaches " + t);
    await page.keyboard.press("Enter");
    // The link's activation runs as a task of its own: on a loaded
    // machine (make asan) the URL was read before it ran.
    await page.waitForFunction(() => location.hash === "#main", null, { timeout: 5000 }).catch(() => {});
    if (!page.url().endsWith("#main")) throw new Error("skip link did not move to #main");
  });

  const types = ["index.html", "stage/" + (first("stage") || "").split("/")[1], first("guide"),
    first("matter"), first("office"), first("dept"), "matters.html", "offices.html",
    "departments.html", "search.html?q=" + encodeURIComponent("出生")].filter(x => x && !x.endsWith("/undefined"));
  for (const mode of ["normal", "large-contrast"]) {
    await step("axe-" + mode, async () => {
      await page.goto(root + "index.html");
      await page.evaluate(m => localStorage.setItem("ybt-modes", JSON.stringify(m)),
        mode === "normal" ? {} : { large: true, contrast: true });
      const bad = [];
      for (const t of types) {
        await page.goto(root + t);
        if (t.startsWith("search")) await page.waitForSelector("#search-results li", { timeout: 10000 });
        await page.addScriptTag({ path: axePath });
        const r = await page.evaluate(async () => {
          const res = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
          return res.violations.map(v => v.id + "(" + v.nodes.length + "): " + v.nodes[0].target.join(" ") + " " + (v.nodes[0].failureSummary || "").replace(/\s+/g, " ").slice(0, 160));
        });
        for (const v of r) bad.push(t + " " + v);
      }
      await page.evaluate(() => localStorage.removeItem("ybt-modes"));
      if (bad.length) throw new Error(bad.length + " violations: " + bad.slice(0, 4).join(" | "));
    });
  }

  await step("no-javascript", async () => {
    const c2 = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const p2 = await c2.newPage();
    await p2.goto(root + first("guide"));
    const txt = await p2.textContent("main");
    if (!txt.includes("一套材料") || !txt.includes("办理流程")) throw new Error("guide unreadable without JS");
    if (await p2.isVisible("#modes")) throw new Error("mode buttons shown without JS");
    await c2.close();
  });

  await step("screenshots", async () => {
    fs.mkdirSync(shots, { recursive: true });
    for (const [w, h] of [[1280, 900], [390, 844]]) {
      const c3 = await browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: 1 });
      const p3 = await c3.newPage();
      await p3.goto(root + "index.html");
      await p3.screenshot({ path: path.join(shots, `home-${w}.png`), fullPage: true });
      await p3.goto(root + first("guide"));
      await p3.screenshot({ path: path.join(shots, `guide-${w}.png`), fullPage: true });
      await p3.goto(root + first("matter"));
      await p3.screenshot({ path: path.join(shots, `matter-${w}.png`), fullPage: true });
      const overflow = await p3.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      if (overflow) throw new Error(`page wider than the ${w}px screen`);
      await c3.close();
    }
  });

  report("offline", external.length ? "requests outside the bundle: " + external.slice(0, 3).join(" ") : null);
  report("no-script-errors", errors.length ? errors.slice(0, 3).join(" | ") : null);
  await browser.close();
})().catch(e => { console.log(`FAIL ${name}-browser: ${e.message.split("\n")[0]}`); process.exit(1); });
