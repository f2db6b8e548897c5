// Strata's benchmark: prints, and writes to bench/REPORT.md,
//   - every file the browser loads for a first visit, raw and gzip, with the total and the budget;
//   - the median time from navigation to interactive in headless Chromium, against a blank page
//     served the same way in the same run.
//   - the curriculum prose and the visualizer and study modules: downloads added when first needed;
//   - loading, parsing and applying a progress file with every item of all five paths set;
//   - B-tree engine throughput: 100,000 random inserts on the fast path, native and in the browser;
//   - p50/p95 time to show one step of a 1,000-key tree (key press to DOM updated and laid out);
//   - LSM tree: 1,000,000 uniform puts per strategy on the fast path, native and in the browser,
//     with the amplification figures beside the models'; p50/p95 time to show a step after a
//     100,000-operation workload; the LSM module's download;
//   - the consistent-hashing visualizer: its module's size, placing 100,000 keys on 100 nodes ×
//     1,000 virtual nodes and recomputing after a join (native and in the browser), and the
//     p50/p95 time to show a step with 100,000 keys;
//   - offline: what the service worker caches after the first visit, time to interactive from
//     its cache with the server gone, and the single file's size and time to interactive.
// Run it through scripts/bench.sh, which builds the release first. Figures are for reading and
// comparing, never asserted in tests.
import fs from "node:fs/promises";
import path from "node:path";
import os from "node:os";
import zlib from "node:zlib";
import { execSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { serveStatic, launchBrowser, scratchDir, distDir } from "../tests/e2e/support.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const BUDGET_GZIP = 150 * 1024;
const here = path.dirname(fileURLToPath(import.meta.url));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function firstLoadFiles(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = [];
  page.on("requestfinished", (req) => files.push(new URL(req.url()).pathname));
  await page.goto(url);
  await page.waitForSelector("html[data-ready='true']");
  await page.waitForLoadState("networkidle");
  await context.close();
  return sizes(files);
}

/** Milliseconds from navigation start until `ready` resolves in the page, over fresh contexts. */
async function timeToInteractive(browser, url, readyScript) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(readyScript);
    await page.goto(url);
    times.push(await page.evaluate(() => window.__benchReady));
    await context.close();
  }
  return times;
}

/** Reloads timed with the server gone: everything comes from the service worker's cache. */
async function offlineTimes(browser) {
  const site = await serveStatic();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(appReady);
  await page.goto(site.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cached = await page.evaluate(async () => {
    const cache = await caches.open((await caches.keys()).find((n) => n.startsWith("strata:")));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  await site.close();
  const times = await timedReloads(page);
  await context.close();
  return { times, cached: await sizes(cached) };
}

/** RUNS timed reloads of `page`, after one untimed reload that warms the caches. */
async function timedReloads(page) {
  const times = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await page.reload();
    times.push(await page.evaluate(() => window.__benchReady));
  }
  return times.slice(1);
}

/** Reloads of one page from the server with no worker: the online twin of `offlineTimes`. */
async function onlineReloadTimes(browser, url) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.addInitScript(appReady);
  await page.goto(url);
  await page.evaluate(() => window.__benchReady);
  const times = await timedReloads(page);
  await context.close();
  return times;
}

/** The single file opened from disk, in a fresh context each run. */
async function singleFileTimes(browser) {
  const url = `file://${path.join(distDir, "strata.html")}`;
  const times = await timeToInteractive(browser, url, appReady);
  const bytes = await fs.readFile(path.join(distDir, "strata.html"));
  return { times, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
}

// The app marks <html data-ready="true"> once mounted and interactive.
const appReady = `window.__benchReady = new Promise((resolve) => {
  new MutationObserver((_, obs) => {
    if (document.documentElement?.dataset.ready === "true") { obs.disconnect(); resolve(performance.now()); }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] });
});`;
// A visualizer is interactive once its first step is drawn and captioned.
const vizReady = `window.__benchReady = new Promise((resolve) => {
  new MutationObserver((_, obs) => {
    if (document.querySelector(".caption .step-label") && document.querySelector("svg.scene-svg g.node")) { obs.disconnect(); resolve(performance.now()); }
  }).observe(document, { childList: true, subtree: true });
});`;
// A blank page is interactive when its DOM is ready.
const blankReady = `window.__benchReady = new Promise((resolve) => {
  document.addEventListener("DOMContentLoaded", () => resolve(performance.now()));
});`;

function machine() {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const run = (cmd) => { try { return execSync(cmd, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(); } catch { return "unknown"; } };
  return {
    cpu: `${cpu} × ${os.cpus().length}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    rustc: run("rustc --version"),
    chromium: run("/usr/bin/chromium --version"),
  };
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

/** What opening `hash` (a page of a lazily loaded module) adds to a visit that already loaded the shell. */
async function moduleFiles(browser, url, alreadyLoaded, hash, shownSelector) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("html[data-ready='true']");
  await page.waitForLoadState("networkidle");
  const files = [];
  page.on("requestfinished", (req) => files.push(new URL(req.url()).pathname));
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForSelector(shownSelector);
  await page.waitForLoadState("networkidle");
  await context.close();
  return sizes(files.filter((f) => !alreadyLoaded.some((a) => f.endsWith(a.file))));
}

const sum = (rows) => rows.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });

/** Importing the largest progress file in the browser (the study module's import path), best of 5. */
async function browserProgress(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}#/progress`);
  await page.waitForSelector("#export-progress");
  const result = await page.evaluate(async () => {
    const m = await import(new URL("./strata-study.js", document.baseURI).href);
    const text = m.bench_progress_file();
    let best = Infinity;
    for (let i = 0; i < 5; i++) best = Math.min(best, m.bench_import(text));
    return { bytes: new TextEncoder().encode(text).length, ms: best };
  });
  await context.close();
  return result;
}

function nativeProgress() {
  const out = execSync("cargo run -q --release -p strata-curriculum --example bench_progress", { encoding: "utf8" });
  return Object.fromEntries(out.trim().split(" ").slice(1).map((kv) => kv.split("=")));
}

/** The gzip totals in the report a previous run wrote, to show what a change cost or saved. */
async function previousTotals() {
  const text = await fs.readFile(path.join(here, "REPORT.md"), "utf8").catch(() => "");
  const gzipOf = (label) => {
    const row = text.split("\n").find((l) => l.startsWith(`| **${label}** |`));
    const cells = row?.match(/\*\*([\d.]+) KB\*\*/g);
    return cells?.length === 2 ? Number(cells[1].replace(/[^\d.]/g, "")) * 1024 : null;
  };
  return {
    date: text.match(/^Run (\d{4}-\d{2}-\d{2})/m)?.[1] ?? "none",
    first: gzipOf("total"),
    viz: gzipOf("added by the visualizers"),
    study: gzipOf("added by the study tools"),
  };
}

async function sizes(files) {
  const rows = [];
  for (const p of [...new Set(files)]) {
    const rel = p.replace(/^\//, "") || "index.html";
    const body = await fs.readFile(path.join(distDir, rel));
    rows.push({ file: rel, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
  }
  return rows;
}

/** The engine in the browser: the same 100,000 keys as the native example, best of 5. */
async function browserInserts(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}#/viz/btree`);
  await page.waitForSelector(".caption .step-label");
  const results = [];
  for (const [degree, bplus] of [[4, false], [10, false], [4, true], [10, true]]) {
    const ms = await page.evaluate(async ([d, p]) => {
      const m = await import(new URL("./strata-viz-btree.js", document.baseURI).href);
      let best = Infinity;
      for (let i = 0; i < 5; i++) best = Math.min(best, m.bench_insert(100000, d, p));
      return best;
    }, [degree, bplus]);
    results.push({ degree, variant: bplus ? "bplus" : "b", ms });
  }
  await context.close();
  return results;
}

/** Steps through a 1,000-key degree-3 tree with the arrow key, timing each step. */
async function stepTimes(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const ops = [];
  for (let i = 0; i < 40; i++) ops.push(`i${100000 - 1 - i * 37}`);
  for (let i = 0; i < 40; i++) ops.push(`d${100000 - 1 - i * 37}`);
  await page.goto(`${url}#/viz/btree?degree=3&seed=7&fill=1000&ops=${ops.join(",")}&step=1`);
  await page.waitForSelector(".caption .step-label");
  const times = await measureKeys(page, presses("ArrowRight", 300));
  // The same loop with a key nobody handles: what the measuring itself costs.
  const baseline = await measureKeys(page, presses("x", 100));
  await context.close();
  return { times, baseline };
}

/** `count` presses of `key`. */
const presses = (key, count) => Array(count).fill(key);

/**
 * Presses `keys` in turn on `page`, timing each press from the key event to the DOM updated and
 * laid out. Each press waits for the frame after the last one, as a learner's presses come
 * frames apart, so the time is the step's own work, not the painting of the one before. Every
 * visualizer's step figure is measured this way.
 */
function measureKeys(page, keys) {
  return page.evaluate(async (keys) => {
    const out = [];
    // A message runs after every microtask the step queued (and, unlike setTimeout(0), is not
    // clamped to 4 ms when nested).
    const channel = new MessageChannel();
    const settle = () => new Promise((r) => { channel.port1.onmessage = () => r(); channel.port2.postMessage(0); });
    const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    for (const key of keys) {
      await nextFrame();
      const t0 = performance.now();
      document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
      await settle();
      document.body.getBoundingClientRect(); // force style and layout
      out.push(performance.now() - t0);
    }
    return out;
  }, keys);
}

/** The LSM engine in the browser: 1,000,000 uniform puts per strategy on the fast path, best of 2. */
async function browserLsm(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}#/viz/lsm`);
  await page.waitForSelector(".caption .step-label");
  const results = [];
  for (const tiered of [false, true]) {
    const ms = await page.evaluate(async (t) => {
      const m = await import(new URL("./strata-viz-lsm.js", document.baseURI).href);
      let best = Infinity;
      for (let i = 0; i < 2; i++) best = Math.min(best, m.bench_lsm(1000000, t));
      return best;
    }, tiered);
    results.push({ strategy: tiered ? "tiered" : "leveled", ms });
  }
  await context.close();
  return results;
}

function nativeLsm() {
  const out = execSync("cargo run -q --release -p strata-engine --example bench_lsm", { encoding: "utf8" });
  return out.trim().split("\n").filter((l) => l.includes("puts=")).map((line) => {
    const fields = {};
    let last = "";
    for (const kv of line.split(" ").slice(1)) {
      const [k, v] = kv.split("=");
      // "model=" follows the figure it estimates.
      fields[k === "model" ? `${last}_model` : k] = v;
      if (k !== "model") last = k;
    }
    return fields;
  });
}

/** Steps through the LSM view after a 100,000-operation uniform workload, timing each step. */
async function lsmStepTimes(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const ops = [];
  for (let i = 0; i < 60; i++) ops.push(i % 2 ? `g${(i * 7919) % 100000}` : `p${(i * 104729) % 100000}`);
  await page.goto(`${url}#/viz/lsm?workload=uniform&n=100000&seed=7&ops=${ops.join(",")}&step=1`);
  await page.waitForSelector(".caption .step-label", { timeout: 60000 });
  // The workload runs in slices behind a progress bar; the steps exist once it is gone.
  await page.waitForFunction(() => !document.querySelector(".replay-progress"), null, { timeout: 120000 });
  const times = await measureKeys(page, presses("ArrowRight", 120));
  await context.close();
  return times;
}

/** The ring engine natively: every algorithm, 100,000 keys on 100 nodes, then a join. */
function nativeRing() {
  const out = execSync("cargo run -q --release -p strata-engine --example bench_ring", { encoding: "utf8" });
  return out.trim().split("\n").map((line) => Object.fromEntries(line.split(" ").slice(1).map((kv) => kv.split("="))));
}

/** The same placement and join in the browser through the ring module's export, best of 5. */
async function browserRing(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}#/viz/ring`);
  await page.waitForSelector(".caption .step-label");
  const best = await page.evaluate(async () => {
    const m = await import(new URL("./strata-viz-ring.js", document.baseURI).href);
    let best = null;
    for (let i = 0; i < 5; i++) {
      const [place, join, moved] = m.bench_ring(100, 1000, 100000);
      if (!best || place + join < best.place + best.join) best = { place, join, moved };
    }
    return best;
  });
  await context.close();
  return best;
}

/** Steps back and forth through a scenario with 100,000 keys, timing each step. */
async function ringStepTimes(browser, url, query) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}#/viz/ring?${query}&step=0`);
  await page.waitForSelector(".caption .step-label");
  const steps = Number(/of (\d+)/.exec(await page.textContent(".step-label"))[1]);
  const round = [...presses("ArrowRight", steps), ...presses("ArrowLeft", steps)];
  const times = await measureKeys(page, Array(6).fill(round).flat());
  await context.close();
  return times;
}

/** The ring visualizer's section of the report. */
async function ringSection(browser, url, firstLoad) {
  const files = await moduleFiles(browser, url, firstLoad, "#/viz/ring", ".caption .step-label");
  const total = sum(files);
  const native = nativeRing();
  const inBrowser = await browserRing(browser, url);
  const ops = "ops=+n101,?user42,!n7,^n7,-n3,k1000";
  const dense = await ringStepTimes(browser, url, `nodes=100&vnodes=1000&keys=100000&${ops}`);
  const svg = await ringStepTimes(browser, url, `nodes=10&vnodes=100&keys=100000&ops=+n11,?user42,!n7,^n7,-n3,k1000`);
  const ring = native.find((n) => n.algorithm === "ring");
  return [
    "## Consistent-hashing visualizer",
    "",
    "Its module, fetched when `#/viz/ring` first opens (a cold visit beyond the first load; budget 250 KB gzip):",
    "",
    "| file | raw | gzip -9 |",
    "| --- | ---: | ---: |",
    ...files.map((f) => `| ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} |`),
    `| **added by the ring visualizer** | **${kb(total.raw)}** | **${kb(total.gzip)}** |`,
    "",
    "Placing 100,000 uniform keys on 100 nodes, then node 101 joining and every owner recomputed (fast path, best of 5; the ring and bounded loads with 1,000 virtual nodes per node):",
    "",
    "| algorithm | place (native) | join (native) | moved (ideal 1/101 = 0.99 %) |",
    "| --- | ---: | ---: | ---: |",
    ...native.map((n) => `| ${n.algorithm} | ${n.place_ms} ms | ${n.join_ms} ms | ${(Number(n.moved) * 100).toFixed(2)} % |`),
    "",
    `In the browser (wasm, release, \`bench_ring(100, 1000, 100000)\`): place ${inBrowser.place.toFixed(1)} ms, join and recompute ${inBrowser.join.toFixed(1)} ms, ${(inBrowser.place + inBrowser.join).toFixed(1)} ms in all (target: under 100 ms); ${(inBrowser.moved * 100).toFixed(2)} % of the keys moved (native ring: ${ring ? `${ring.place_ms} + ${ring.join_ms} ms` : "?"}).`,
    "",
    `Showing a step with 100,000 keys (the arrow key to the DOM updated and laid out, back and forth through \`${ops}\`, ${dense.length} steps; the stage draws each step in SVG or on a canvas by the weight of its scene):`,
    "",
    "| scene | p50 | p95 | max |",
    "| --- | ---: | ---: | ---: |",
    `| 100 nodes × 1,000 virtual nodes | ${pct(dense, 0.5).toFixed(1)} ms | ${pct(dense, 0.95).toFixed(1)} ms | ${Math.max(...dense).toFixed(1)} ms |`,
    `| 10 nodes × 100 virtual nodes | ${pct(svg, 0.5).toFixed(1)} ms | ${pct(svg, 0.95).toFixed(1)} ms | ${Math.max(...svg).toFixed(1)} ms |`,
    "",
  ];
}

function nativeInserts() {
  const out = execSync("cargo run -q --release -p strata-engine --example bench_insert", { encoding: "utf8" });
  return out.trim().split("\n").map((line) => Object.fromEntries(line.split(" ").slice(1).map((kv) => kv.split("="))));
}

const blankDir = await scratchDir("blank");
await fs.writeFile(path.join(blankDir, "index.html"), "<!doctype html><html><head><meta charset=utf-8><title>blank</title></head><body></body></html>");
const app = await serveStatic();
const blank = await serveStatic(blankDir);
const browser = await launchBrowser();
try {
  const files = await firstLoadFiles(browser, app.url);
  const proseFiles = await sizes(["/curriculum-prose.txt"]);
  const vizFiles = await moduleFiles(browser, app.url, files, "#/viz/btree", ".caption .step-label");
  const vizTotal = sum(vizFiles);
  const studyFiles = await moduleFiles(browser, app.url, files, "#/progress", "#export-progress");
  const studyTotal = sum(studyFiles);
  const progressNative = nativeProgress();
  const progressBrowser = await browserProgress(browser, app.url);
  const native = nativeInserts();
  const inBrowser = await browserInserts(browser, app.url);
  const { times: steps, baseline } = await stepTimes(browser, app.url);
  const lsmFiles = await moduleFiles(browser, app.url, files, "#/viz/lsm", ".caption .step-label");
  const lsmTotal = sum(lsmFiles);
  const lsmNative = nativeLsm();
  const lsmBrowser = await browserLsm(browser, app.url);
  const lsmSteps = await lsmStepTimes(browser, app.url);
  const ringLines = await ringSection(browser, app.url, files);
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });
  await timeToInteractive(browser, app.url, appReady); // warm the OS file cache; not counted
  const appTimes = await timeToInteractive(browser, app.url, appReady);
  const blankTimes = await timeToInteractive(browser, blank.url, blankReady);
  // A cold deep link to a visualizer, in the same run as the home page.
  const vizTimes = await timeToInteractive(browser, `${app.url}#/viz/btree?guided=first-root-split&step=5`, vizReady);
  const onlineReloads = await onlineReloadTimes(browser, app.url);
  const offline = await offlineTimes(browser);
  const offlineTotal = sum(offline.cached);
  const single = await singleFileTimes(browser);
  const row = (label, xs) => `| ${label} | ${median(xs).toFixed(0)} ms | ${Math.min(...xs).toFixed(0)} ms | ${Math.max(...xs).toFixed(0)} ms | ${xs.length} |`;
  const m = machine();
  const date = new Date().toISOString().slice(0, 10);
  const before = await previousTotals();
  const change = (label, was, now) =>
    `| ${label} | ${was == null ? "—" : kb(was)} | ${kb(now)} | ${was == null ? "—" : `${now >= was ? "+" : "−"}${kb(Math.abs(now - was))}`} |`;
  const lines = [
    "# Strata benchmark report",
    "",
    `Run ${date} by \`scripts/bench.sh\` on ${m.cpu}, ${m.memory}, ${m.os}; ${m.rustc}; ${m.chromium}.`,
    "",
    "## First load (release build)",
    "",
    "| file | raw | gzip -9 |",
    "| --- | ---: | ---: |",
    ...files.map((f) => `| ${f.file.replace(/-[0-9a-f]{12,16}(?=[._\/])/, "-<hash>")} | ${kb(f.raw)} | ${kb(f.gzip)} |`),
    `| **total** | **${kb(total.raw)}** | **${kb(total.gzip)}** |`,
    "",
    `Budget: ${kb(BUDGET_GZIP)} gzip for the whole first load: ${total.gzip <= BUDGET_GZIP ? "within budget" : `OVER by ${kb(total.gzip - BUDGET_GZIP)}`}.`,
    "",
    "## Navigation to interactive (headless Chromium, loopback server, cold context each run)",
    "",
    "| page | median | min | max | runs |",
    "| --- | ---: | ---: | ---: | ---: |",
    `| Strata home (\`data-ready\` set after mount) | ${median(appTimes).toFixed(0)} ms | ${Math.min(...appTimes).toFixed(0)} ms | ${Math.max(...appTimes).toFixed(0)} ms | ${RUNS} |`,
    `| blank static page (DOMContentLoaded) | ${median(blankTimes).toFixed(0)} ms | ${Math.min(...blankTimes).toFixed(0)} ms | ${Math.max(...blankTimes).toFixed(0)} ms | ${RUNS} |`,
    `| cold deep link to a visualizer (\`#/viz/btree?guided=first-root-split&step=5\`, first step drawn) | ${median(vizTimes).toFixed(0)} ms | ${Math.min(...vizTimes).toFixed(0)} ms | ${Math.max(...vizTimes).toFixed(0)} ms | ${RUNS} |`,
    "",
    `The visualizer deep link is interactive ${(median(vizTimes) / median(appTimes)).toFixed(2)}× the home page's time (target: at most 1.5×); index.html starts fetching the visualizer module beside the shell when the first address is a visualizer.`,
    "",
    "## Offline",
    "",
    "Time to interactive of the home page. A first visit runs in a fresh profile (the table above);",
    "reloads reuse one page, so the browser's compiled-code caches help both reload rows alike:",
    "from the server with service workers blocked, and from the worker's cache with the server",
    "stopped. The single file is opened from disk in a fresh profile each run.",
    "",
    "| how | median | min | max | runs |",
    "| --- | ---: | ---: | ---: | ---: |",
    row("online, first visit (no worker yet)", appTimes),
    row("online, reload (no worker; the server sends `no-store`)", onlineReloads),
    row("offline, reload from the worker's cache (server stopped)", offline.times),
    row("single file, `file://`", single.times),
    "",
    `Single file \`dist/strata.html\`: ${kb(single.raw)} (${kb(single.gzip)} gzip), all three modules inside (their wasm gzipped and base64-encoded).`,
    "",
    `After the first visit the worker caches the whole build in the background: ${offline.cached.length} files, ${kb(offlineTotal.raw)} raw, ${kb(offlineTotal.gzip)} gzip.`,
    "",
    "## Curriculum prose (fetched with the first path or week page, not on the first load)",
    "",
    "| file | raw | gzip -9 |",
    "| --- | ---: | ---: |",
    ...proseFiles.map((f) => `| ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} |`),
    "",
    "## Visualizer module (fetched when a visualizer first opens, not on the first load)",
    "",
    "| file | raw | gzip -9 |",
    "| --- | ---: | ---: |",
    ...vizFiles.map((f) => `| ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} |`),
    `| **added by the visualizers** | **${kb(vizTotal.raw)}** | **${kb(vizTotal.gzip)}** |`,
    "",
    "## Study module (search, progress page, study plans, print views: fetched when one first opens)",
    "",
    "| file | raw | gzip -9 |",
    "| --- | ---: | ---: |",
    ...studyFiles.map((f) => `| ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} |`),
    `| **added by the study tools** | **${kb(studyTotal.raw)}** | **${kb(studyTotal.gzip)}** |`,
    "",
    `## Progress file with every item of all five paths set (${progressNative.records} records, ${kb(Number(progressNative.bytes))})`,
    "",
    "| | what is timed | best of |",
    "| --- | --- | ---: |",
    `| native: ${Number(progressNative.ms).toFixed(2)} ms | read from storage, parse and check, every path's standing (opening the home page) | 20 |`,
    `| browser: ${progressBrowser.ms.toFixed(1)} ms | import: parse and check ids, diff with the current progress, hand to the shell's store (parsed again, written to localStorage), every path's standing | 5 |`,
    "",
    "## B-tree engine: 100,000 random inserts on the fast path (no steps recorded), best of 5",
    "",
    "| variant | degree | native (release) | browser (wasm, release) |",
    "| --- | ---: | ---: | ---: |",
    ...inBrowser.map((b) => {
      const n = native.find((x) => x.variant === b.variant && Number(x.degree) === b.degree);
      return `| ${b.variant === "b" ? "B-tree" : "B+ tree"} | ${b.degree} | ${n ? `${n.ms} ms` : "?"} | ${b.ms.toFixed(1)} ms |`;
    }),
    "",
    "## Showing one step of a 1,000-key tree (degree 3, 40 inserts then 40 deletes, 300 steps)",
    "",
    "From the arrow key to the DOM updated and laid out: layout, SVG sync, captions, counters. Each",
    "press waits for the frame after the last. The baseline is the same loop with a key nothing handles.",
    "",
    "| p50 | p95 | max | baseline p50 |",
    "| ---: | ---: | ---: | ---: |",
    `| ${pct(steps, 0.5).toFixed(1)} ms | ${pct(steps, 0.95).toFixed(1)} ms | ${Math.max(...steps).toFixed(1)} ms | ${pct(baseline, 0.5).toFixed(1)} ms |`,
    "",
    "## LSM tree: the visualizer's module (fetched when `#/viz/lsm` first opens)",
    "",
    "| file | raw | gzip -9 |",
    "| --- | ---: | ---: |",
    ...lsmFiles.map((f) => `| ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} |`),
    `| **added by the LSM visualizer** | **${kb(lsmTotal.raw)}** | **${kb(lsmTotal.gzip)}** |`,
    "",
    `Cap: 250 KB gzip for any one visualizer: ${lsmTotal.gzip <= 250 * 1024 ? "within" : `OVER by ${kb(lsmTotal.gzip - 250 * 1024)}`}.`,
    "",
    "## LSM engine: 1,000,000 uniform puts on the fast path (memtable 64, 10 bloom bits per key, default ratios)",
    "",
    "Amplification measured after the puts and 10,000 gets of random keys, beside the model's estimate (model in brackets).",
    "",
    "| strategy | native (release) | browser (wasm, release) | write amp | read amp (tables/get) | space amp | bloom false positives |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...lsmNative.map((n) => {
      const b = lsmBrowser.find((x) => x.strategy === n.strategy);
      return `| ${n.strategy} | ${n.ms} ms | ${b ? `${b.ms.toFixed(0)} ms` : "?"} | ${n.write_amp} (${n.write_amp_model}) | ${n.read_amp} (${n.read_amp_model}) | ${n.space_amp} (${n.space_amp_model}) | ${n.bloom_fp} (${n.bloom_fp_model}) |`;
    }),
    "",
    "## Showing one step of the LSM view after a 100,000-operation workload (120 steps)",
    "",
    "| p50 | p95 | max |",
    "| ---: | ---: | ---: |",
    `| ${pct(lsmSteps, 0.5).toFixed(1)} ms | ${pct(lsmSteps, 0.95).toFixed(1)} ms | ${Math.max(...lsmSteps).toFixed(1)} ms |`,
    "",
    ...ringLines,
    `## Sizes against the previous report (${before.date}), gzip -9`,
    "",
    "| what a visit fetches | previous | this run | change |",
    "| --- | ---: | ---: | ---: |",
    change("first load", before.first, total.gzip),
    change("visualizer module, when first opened", before.viz, vizTotal.gzip),
    change("study module, when first opened", before.study, studyTotal.gzip),
    "",
  ];
  const report = lines.join("\n");
  console.log(report);
  if (process.env.BENCH_NO_WRITE !== "1") await fs.writeFile(path.join(here, "REPORT.md"), report);
} finally {
  await browser.close();
  await app.close();
  await blank.close();
}
