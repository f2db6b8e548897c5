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
