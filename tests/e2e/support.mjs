// Shared setup for the browser tests: a static server over dist/ and headless Chromium.
// Every test runs against the release build a learner gets (scripts/test.sh builds it first).
import http from "node:http";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const distDir = path.join(root, "dist");

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
};

/** Serves `dir` on a free loopback port; `prefix` mounts it under a sub-path such as /courses/strata/. */
export async function serveStatic(dir = distDir, prefix = "/") {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end("outside the app's prefix");
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || "index.html";
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.join(dir, rel);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await fs.readFile(file);
      // CORS as common static hosts send it: a sandboxed frame (an opaque origin) loads modules with CORS.
      res.writeHead(200, { "content-type": MIME[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store", "access-control-allow-origin": "*" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) };
}

/** Headless Debian Chromium with the flags this machine needs (see DESIGN.md). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/**
 * A fresh page that records console errors, page errors and every request's URL.
 * `problems` should stay empty in a healthy run.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("console", (msg) => { if (msg.type() === "error") problems.push(`console: ${msg.text()}`); });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("request", (req) => requests.push(req.url()));
  return { context, page, problems, requests };
}

/** Opens the app at `hash` and waits until it has mounted. */
export async function openApp(page, baseUrl, hash = "#/") {
  await page.goto(`${baseUrl}${hash}`);
  await page.waitForSelector("html[data-ready='true']");
}

export async function scratchDir(name) {
  return fs.mkdtemp(path.join(os.tmpdir(), `strata-${name}-`));
}

/** Asks a visualizer page for its state through the message API, as an embedding deck would. */
export function askState(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const id = `t${Math.random()}`;
    const timer = setTimeout(() => reject(new Error("no strata:state reply")), 5000);
    addEventListener("message", function reply(e) {
      if (e.data?.type === "strata:state" && e.data.id === id) {
        clearTimeout(timer);
        removeEventListener("message", reply);
        resolve(e.data.state);
      }
    });
    postMessage({ type: "strata:get-state", id }, "*");
  }));
}

/**
 * Opens `#/embed/<widget>?<scenario>&controls=<setting>` in an iframe of 800×450 and of 640×360,
 * for every controls= setting and every scenario, and measures its layout: page scrollbars,
 * boxes outside the frame, overlapping boxes, overlapping stage labels, scrollbars inside a
 * stage, stage heights.
 * `check(report, label, frame)` asserts what the caller's visualizer promises.
 */
export async function eachEmbed(browser, appUrl, widget, scenarios, check) {
  const dir = await scratchDir(`${widget}-embed-fit`);
  const deck = await serveStatic(dir);
  const { context, page, problems } = await newPage(browser, { viewport: { width: 1000, height: 700 } });
  try {
    for (const [w, h] of [[800, 450], [640, 360]]) {
      for (const controls of ["full", "step", "none"]) {
        for (const scenario of scenarios) {
          const src = `${appUrl}#/embed/${widget}?${scenario}&controls=${controls}`;
          await fs.writeFile(path.join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">
<iframe id="f" src="${src}" width="${w}" height="${h}" style="border:0;display:block"></iframe>`);
          await page.goto(`${deck.url}index.html?${Math.random()}`);
          const frame = page.frames().find((f) => f.url().includes("#/embed/"));
          await frame.waitForSelector(".caption .step-label", { timeout: 30000 });
          await frame.waitForTimeout(200);
          const report = await frame.evaluate(() => {
            const root = document.documentElement;
            const boxes = [".embed-title", ".tree-figure", ".caption", ".legend", ".player", ".workbench-drawer > summary"]
              .flatMap((sel) => [...document.querySelectorAll(sel)].map((el, i) => ({ sel: `${sel}#${i}`, r: el.getBoundingClientRect() })));
            const inner = [...document.querySelectorAll(".tree-figure figcaption, .zoom-controls, .stage-viewport")].map((el) => ({ sel: el.className, r: el.getBoundingClientRect() }));
            const isOutside = ({ r }) => r.width > 0 && (r.left < -0.5 || r.top < -0.5 || r.right > root.clientWidth + 0.5 || r.bottom > root.clientHeight + 0.5);
            // Every pair of boxes that overlap by more than `slack` pixels each way, named.
            const overlapping = (items, slack) => {
              const out = [];
              for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
                const a = items[i].r; const b = items[j].r;
                if (a.width && b.width && a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack) out.push(`${items[i].sel} × ${items[j].sel}`);
              }
              return out;
            };
            const overlaps = overlapping(boxes, 0.5);
            // The stage's SVG labels, which a small frame may draw larger than the scene's scale.
            const labels = [...document.querySelectorAll(".stage-viewport svg text")].map((t) => ({ sel: t.textContent, r: t.getBoundingClientRect() })).filter((b) => b.r.width > 0);
            const stages = [...document.querySelectorAll(".stage-viewport")];
            return {
              scroll: root.scrollHeight > root.clientHeight || root.scrollWidth > root.clientWidth,
              stageScroll: stages.some((v) => v.scrollHeight > v.clientHeight + 1 || v.scrollWidth > v.clientWidth + 1),
              outside: boxes.filter(isOutside).map((b) => b.sel),
              innerOutside: inner.filter(isOutside).map((b) => b.sel),
              overlaps,
              labelCount: labels.length,
              labelOverlaps: overlapping(labels, 1),
              stages: stages.map((v) => v.getBoundingClientRect().height),
            };
          });
          await check(report, `${w}×${h} controls=${controls} ${scenario}`, frame);
        }
      }
    }
    if (problems.length) throw new Error(`the embeds reported problems: ${problems.join("; ")}`);
  } finally {
    await context.close();
    deck.close();
  }
}
