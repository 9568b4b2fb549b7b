// search-latency.js SITE QUERY... — search from file:// in chromium, cold:
// each query in a fresh browser context (empty cache). For each query
// prints one line: the page's own performance.now() (ms from the
// navigation start of search.html) when #search-status first shows the
// count (共找到 N 条结果 or 没有找到), the status text, and the bytes of
// the files of search/ the page asked for until the count showed (the
// texts of the results shown are asked for after it: their bytes and
// files follow, "+ … after"). YBT_FILES=1 also lists each file with its
// size and the page's time when it was asked for.
"use strict";
const fs = require("fs"), path = require("path"), url = require("url");
const { chromium } = require("playwright-core");
const [site, ...queries] = process.argv.slice(2);
const root = url.pathToFileURL(path.resolve(site)).href + "/";

(async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  let worst = 0, status = 0;
  for (const q of queries) {
    const ctx = await browser.newContext();
    // Note the time the count appears, from inside the page.
    await ctx.addInitScript(() => {
      // and each script asked for: [url, time, before the count]
      window.__ybtF = [];
      new MutationObserver(m => {
        const s = document.getElementById("search-status");
        for (const r of m) for (const n of r.addedNodes)
          if (n.tagName === "SCRIPT" && n.src) window.__ybtF.push([n.src, performance.now(), window.__ybtT === undefined]);
        if (s && window.__ybtT === undefined && /共找到|没有找到/.test(s.textContent))
          window.__ybtT = performance.now();
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const page = await ctx.newPage();
    const bytes = [0, 0], files = [0, 0];
    let ms = NaN, text = "";
    try {
      await page.goto(root + "search.html?q=" + encodeURIComponent(q), { waitUntil: "commit" });
      await page.waitForFunction(() => window.__ybtT !== undefined, null, { timeout: 60000 });
      ms = await page.evaluate(() => window.__ybtT);
      text = await page.evaluate(() => document.getElementById("search-status").textContent);
      for (const [u, t, before] of await page.evaluate(() => window.__ybtF)) {
        let n = -1;
        if (!u.startsWith(root + "search/")) continue;
        try { n = fs.statSync(url.fileURLToPath(u)).size; } catch (e) { }	// a key's own file may be missing
        if (n >= 0) { bytes[before ? 0 : 1] += n; files[before ? 0 : 1]++; }
        if (process.env.YBT_FILES)
          console.log(`  ${t.toFixed(0)} ms ${before ? "     " : "after"} ${n < 0 ? "missing" : (n / 1024).toFixed(1) + " KB"} ${decodeURIComponent(u.slice(root.length))}`);
      }
    } catch (e) {
      text = "timeout: " + e.message.split("\n")[0];
      status = 1;
    }
    worst = Math.max(worst, ms || 60000);
    console.log(`search ${JSON.stringify(q)}: ${isNaN(ms) ? "?" : ms.toFixed(0)} ms, ` +
      `${(bytes[0] / 1048576).toFixed(2)} MB in ${files[0]} files + ${(bytes[1] / 1048576).toFixed(2)} MB in ${files[1]} after — ${text}`);
    await ctx.close();
  }
  console.log(`search worst: ${worst.toFixed(0)} ms over ${queries.length} queries`);
  await browser.close();
  process.exit(status);
})();
