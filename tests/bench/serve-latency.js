// serve-latency.js — the figures of serve-bench.sh: starts ybt serve,
// edits one matter five times and edition.md once, and times each from
// the write to the first response that holds the new bytes; the peak
// memory is the server's own figure (/_ybt/status peak_mb: the largest
// RSS of the server or of one of its finished rebuilds).
"use strict";
const fs = require("fs"), path = require("path");
const { spawn } = require("child_process");
const ED = process.env.ED, YBT = process.env.YBT, BUILD_S = +process.env.BUILD_S;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const p = spawn(YBT, ["serve", "-p", "0", ED],
    { stdio: ["ignore", "pipe", "pipe"] });
  let out = "", url = null, exited = false;
  p.stdout.on("data", (d) => { out += d; });
  p.stderr.on("data", () => {});
  p.on("exit", () => { exited = true; });
  for (let i = 0; i < 6000 && !url; i++) {
    const m = /ybt serve: (http:\/\/\S+\/)/.exec(out);
    if (m) url = m[1]; else await sleep(20);
  }
  if (!url) throw new Error("serve did not start");
  const status = async () => (await fetch(url + "_ybt/status")).json();
  const settle = async () => {
    for (let i = 0; i < 60000; i++) {
      const s = await status();
      if (!s.pending && s.builds > 0 && s.unread === 0) return s;
      await sleep(20);
    }
    throw new Error("serve never settled");
  };
  const first = await settle();
  const mdir = path.join(ED, "matters");
  const name = fs.readdirSync(mdir).filter((f) => f.endsWith(".md")).sort()[0];
  const file = path.join(mdir, name);
  const id = /^id: (.*)$/m.exec(fs.readFileSync(file, "utf8"))[1];
  const page = url + "matter/" + id + ".html";
  const lat = [];
  for (let k = 1; k <= 5; k++) {
    const mark = "基准" + k;
    const t = fs.readFileSync(file, "utf8").replace(/^title: (.*?)(基准\d+)?$/m, "title: $1" + mark);
    const t0 = process.hrtime.bigint();
    fs.writeFileSync(file, t);
    for (;;) {
      const body = await (await fetch(page)).text();
      if (body.includes("<title>" + (/^title: (.*)$/m.exec(t)[1]))) break;
      await sleep(2);
    }
    lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
    await settle();
  }
  // edition.md: every page changes.
  const ef = path.join(ED, "edition.md");
  const et = fs.readFileSync(ef, "utf8").replace(/^(version|版本): .*$/m, "$1: 基准版");
  const e0 = process.hrtime.bigint();
  fs.writeFileSync(ef, et);
  for (;;) {
    const body = await (await fetch(page)).text();
    if (body.includes("基准版")) break;
    await sleep(5);
  }
  const edms = Number(process.hrtime.bigint() - e0) / 1e6;
  const last = await settle();
  p.kill("SIGINT");
  for (let i = 0; i < 3000 && !exited; i++) await sleep(10);
  lat.sort((a, b) => a - b);
  const med = lat[2], mb = last.peak_mb;
  if (!(mb > 0)) throw new Error("no peak_mb in /_ybt/status");
  const v = [];
  if (med > 200) v.push("matter latency");
  if (edms > BUILD_S * 1000) v.push("edition.md latency");
  if (mb > 1024) v.push("memory");
  console.log(`serve N=1000: matter edit → page ${med.toFixed(0)} ms median ` +
    `(${lat.map((x) => x.toFixed(0)).join(", ")} ms), edition.md edit → page ` +
    `${edms.toFixed(0)} ms, beside build -f html ${BUILD_S.toFixed(2)} s; first ` +
    `build ${first.last_ms} ms; peak ${mb} MB (server or a rebuild; cache ` +
    `${last.cache_mb} MB of text) (targets ≤ 200 ms, ≤ build, ≤ 1 GB: ` +
    (v.length ? "MISSED: " + v.join(", ") : "met") + ")");
}
main().catch((e) => { console.log("FAIL serve-bench: " + e.message); process.exit(1); });
