// Offline use of the release build: the service worker (after one visit, with the server gone),
// updates offered and taken whole, the web app manifest, and the single file from file://.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { serveStatic, newPage, openApp, scratchDir, distDir } from "./support.mjs";
import { appUnderTest } from "./fixture.mjs";

const app = appUnderTest();
const offlineBuild = fileURLToPath(new URL("../../scripts/offline-build.mjs", import.meta.url));

/** Waits until a service worker controls the page and has its whole version cached. */
async function waitForOfflineCopy(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
}

/** A copy of dist/ in a scratch folder, served; `dispose` stops the server and deletes it. */
async function servedCopy(name) {
  const dir = await scratchDir(name);
  await fs.cp(distDir, dir, { recursive: true });
  const site = await serveStatic(dir);
  const dispose = async () => {
    await site.close();
    await fs.rm(dir, { recursive: true, force: true });
  };
  return { dir, site, dispose };
}

function version(page) {
  return page.evaluate(() => document.querySelector('meta[name="strata-version"]')?.content);
}

async function heading(page) {
  return (await page.locator("main h1").first().textContent()).trim();
}

test("after one online visit, a sub-path deployment works offline: reload, deep links, paths, a visualizer, the study pages", async () => {
  const site = await serveStatic(distDir, "/courses/strata/");
  const { context, page, problems } = await newPage(app.browser);
  let serverUp = true;
  try {
    await openApp(page, site.url, "#/");
    await waitForOfflineCopy(page);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), `${site.url}sw.js`);

    await site.close();
    serverUp = false;
    const failed = await fetch(site.url).then(() => false, () => true);
    assert.ok(failed, "the server is really gone");

    await page.reload();
    await page.waitForSelector("html[data-ready='true']");
    assert.match(await heading(page), /data systems/i);

    // A deep link opened in a new tab, with the server gone.
    const tab = await context.newPage();
    await openApp(tab, site.url, "#/paths/data-intensive-systems/w02");
    assert.match(await heading(tab), /Week 2/);
    await tab.close();
    await page.evaluate(() => { location.hash = "#/paths/data-engineer-complete-mastery"; });
    await page.waitForFunction(() => /Complete Mastery/i.test(document.querySelector("main h1")?.textContent ?? ""));

    // The visualizer module, loaded for the first time while offline.
    await page.evaluate(() => { location.hash = "#/viz/btree?guided=first-root-split&step=0"; });
    await page.waitForSelector(".caption .step-label");
    await page.locator(".caption").click();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => /^Step 1 of/.test(document.querySelector(".caption .step-label").textContent));

    // The single file is not cached, so the footer stops offering it while offline.
    await context.setOffline(true);
    await page.waitForFunction(() => document.documentElement.classList.contains("offline"));
    assert.equal(await page.getByRole("link", { name: "Download for offline use" }).isVisible(), false);
    await context.setOffline(false);

    // The study module too.
    await page.evaluate(() => { location.hash = "#/progress"; });
    await page.waitForFunction(() => /progress/i.test(document.querySelector("main h1")?.textContent ?? ""));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    if (serverUp) await site.close();
  }
});

test("a rebuild is installed in the background, offered, and taken by every page at once", async () => {
  const { dir, site, dispose } = await servedCopy("update");
  const { context, page, problems } = await newPage(app.browser);
  try {
    await openApp(page, site.url, "#/paths");
    await waitForOfflineCopy(page);
    const oldVersion = await version(page);
    const second = await context.newPage();
    await openApp(second, site.url, "#/viz");

    // A rebuild: the stylesheet changes and the post-build step writes a new worker.
    const css = (await fs.readdir(dir)).find((f) => /^style-.*\.css$/.test(f));
    await fs.appendFile(path.join(dir, css), "\n:root { --rebuilt: yes; }\n");
    execFileSync(process.execPath, [offlineBuild, dir], { env: { ...process.env, TRUNK_PROFILE: "release" } });
    const newVersion = /content="([0-9a-f]+)"/.exec(await fs.readFile(path.join(dir, "index.html"), "utf8"))[1];
    assert.notEqual(newVersion, oldVersion);

    // The app checks when it comes back into view; here it is asked directly.
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const banner = page.locator("#update-banner");
    await banner.waitFor({ timeout: 30000 });
    await page.waitForFunction(() => /new version of Strata is ready/i.test(document.querySelector("#update-banner").textContent));

    // Until it is taken, the page keeps the files of its own version, even fetched afresh.
    const served = await page.evaluate((file) => fetch(file).then((r) => r.text()), css);
    assert.ok(!served.includes("--rebuilt"), "the old page still gets the old stylesheet");
    assert.equal(await version(page), oldVersion);

    const reloads = [page, second].map((p) => p.waitForEvent("load", { timeout: 30000 }));
    await banner.getByRole("button", { name: "Reload to update" }).click();
    await Promise.all(reloads);
    for (const p of [page, second]) {
      await p.waitForSelector("html[data-ready='true']");
      assert.equal(await version(p), newVersion);
      assert.equal(await p.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--rebuilt").trim()), "yes");
    }
    assert.equal(await page.locator("#update-banner").count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await dispose();
  }
});

test("a file that does not match its hash fails the install: no worker, and the app still runs online", async () => {
  const { dir, site, dispose } = await servedCopy("mismatch");
  // As if a deploy were half done: the list is the old one, one file is already new.
  await fs.appendFile(path.join(dir, "viz.css"), "\n/* newer */\n");
  const { context, page, problems } = await newPage(app.browser);
  try {
    // Keep hold of the registration: a first install that fails removes it from the browser.
    await page.addInitScript(() => {
      const register = ServiceWorkerContainer.prototype.register;
      ServiceWorkerContainer.prototype.register = function (...args) {
        return (window.registering = register.apply(this, args));
      };
    });
    await openApp(page, site.url, "#/");
    await page.waitForFunction(() => window.registering !== undefined);
    const outcome = await page.evaluate(async () => {
      const reg = await window.registering;
      const worker = reg.installing ?? reg.waiting ?? reg.active;
      // (No worker left at all: the install has already failed.)
      if (worker && worker.state !== "redundant") await new Promise((resolve) => worker.addEventListener("statechange", () => worker.state === "redundant" && resolve()));
      // The files that did match may stay cached for the next attempt; nothing serves them.
      return { controlled: navigator.serviceWorker.controller !== null, active: reg.active !== null };
    });
    assert.deepEqual(outcome, { controlled: false, active: false });
    await page.evaluate(() => { location.hash = "#/viz/btree?guided=first-root-split"; });
    await page.waitForSelector(".caption .step-label");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await dispose();
  }
});

test("the app is installable: a manifest with icons, every file in the precache list", async () => {
  const { context, page, problems } = await newPage(app.browser);
  try {
    await openApp(page, app.server.url, "#/");
    await waitForOfflineCopy(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    // Test contexts are incognito profiles, which Chromium never installs into; nothing else may be wrong.
    assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== "in-incognito"), []);
    const manifest = await page.evaluate(() => fetch(document.querySelector('link[rel="manifest"]').href).then((r) => r.json()));
    assert.equal(manifest.start_url, "./");
    for (const icon of manifest.icons) {
      const status = await page.evaluate((src) => fetch(new URL(src, document.baseURI)).then((r) => r.status), icon.src);
      assert.equal(status, 200, icon.src);
    }
    // Every file of the build is cached, except the worker and the single file.
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith(`strata:${location.origin}/`)));
      return (await cache.keys()).map((r) => new URL(r.url).pathname.slice(1)).sort();
    });
    const built = [];
    for (const entry of await fs.readdir(distDir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) built.push(path.relative(distDir, path.join(entry.parentPath ?? entry.path, entry.name)));
    }
    assert.deepEqual(cached, built.filter((f) => f !== "sw.js" && f !== "strata.html").sort());
    // The site offers the single file.
    const href = await page.getByRole("link", { name: "Download for offline use" }).getAttribute("href");
    assert.equal(await page.evaluate((h) => fetch(h).then((r) => r.status), href), 200);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the single file opened from disk runs a visualizer and keeps progress across a reload", async () => {
  const dir = await scratchDir("single");
  const file = path.join(dir, "strata.html");
  await fs.copyFile(path.join(distDir, "strata.html"), file);
  const { context, page, problems, requests } = await newPage(app.browser);
  try {
    await page.goto(`file://${file}#/viz/btree?guided=first-root-split&step=0`);
    await page.waitForSelector(".caption .step-label", { timeout: 30000 });
    await page.locator(".caption").click();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => /^Step 2 of/.test(document.querySelector(".caption .step-label").textContent));
    assert.ok(await page.locator(".scene-svg .node").count() > 0, "the tree is drawn");

    await page.evaluate(() => { location.hash = "#/paths/data-engineer/w01"; });
    const done = page.locator("li.item").first().getByRole("button", { name: "Mark done" });
    await done.click();
    await page.waitForFunction(() => document.querySelector("li.item [aria-pressed='true']") !== null);
    await page.reload();
    await page.waitForSelector("html[data-ready='true']");
    assert.equal(await page.locator("li.item").first().getByRole("button", { name: "Mark done" }).getAttribute("aria-pressed"), "true");

    // The study module is inside too: search.
    await page.evaluate(() => { location.hash = "#/search?q=compaction"; });
    await page.waitForFunction(() => document.querySelectorAll("#search-results .hit").length > 0);

    // A copy on disk does not offer itself, registers no worker and fetches nothing.
    assert.equal(await page.getByRole("link", { name: "Download for offline use" }).count(), 0);
    assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
    assert.deepEqual(requests.filter((u) => !u.startsWith("file://") && !u.startsWith("blob:") && !u.startsWith("data:")), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test("the single file says plainly when the browser refuses it storage", async () => {
  const { context, page } = await newPage(app.browser);
  try {
    await context.addInitScript(() => {
      Object.defineProperty(window, "localStorage", { get() { throw new DOMException("The file: scheme has no storage here", "SecurityError"); } });
    });
    await page.goto(`file://${path.join(distDir, "strata.html")}#/paths/data-engineer/w01`);
    await page.waitForSelector("html[data-ready='true']", { timeout: 30000 });
    const notice = page.locator(".storage-notice");
    assert.match(await notice.textContent(), /file opened from disk/i);
    // Marking still works for the rest of the visit.
    await page.locator("li.item").first().getByRole("button", { name: "Mark done" }).click();
    await page.waitForFunction(() => document.querySelector("li.item [aria-pressed='true']") !== null);
  } finally {
    await context.close();
  }
});
