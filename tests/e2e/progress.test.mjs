// Learner progress in the release build: marking items, persistence, tabs, recovery from bad
// storage, storage refused in a sandboxed frame, export and import, reset and undo, plans.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { newPage, openApp, scratchDir } from "./support.mjs";
import { appUnderTest } from "./fixture.mjs";

const app = appUnderTest();
const WEEK = "#/paths/data-engineer/w02"; // a week with a checkpoint list

/** The first item of the page and its buttons. */
function firstItem(page) {
  const item = page.locator("li.item").first();
  return {
    item,
    done: item.getByRole("button", { name: "Mark done" }),
    progress: item.getByRole("button", { name: "Mark in progress" }),
    skip: item.getByRole("button", { name: "Skip" }),
  };
}

async function stored(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem("strata:progress") ?? "null"));
}

async function expectState(locator, state) {
  await locator.page().waitForFunction(([sel, s]) => document.querySelector(sel)?.getAttribute("data-state") === s, ["li.item", state]).catch(() => {});
  assert.equal(await locator.getAttribute("data-state"), state);
}

test("items are marked by click and by key, shown on the item, and survive a reload", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openApp(page, app.server.url, WEEK);
  const { item, done, progress, skip } = firstItem(page);
  const title = await item.getAttribute("data-title");
  assert.equal(await done.getAttribute("aria-pressed"), "false");

  await done.click();
  await expectState(item, "done");
  assert.equal(await firstItem(page).done.getAttribute("aria-pressed"), "true");
  assert.match(await item.locator(".state-badge").innerText(), /Done/);
  // Focus stays on the button that was pressed, so the keyboard can carry on.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-set")), "done");
  // The status line tells screen readers what changed.
  await page.waitForFunction((t) => document.querySelector("[role=status].visually-hidden")?.textContent.includes(t), title);

  await page.keyboard.press("i");
  await expectState(item, "in-progress");
  await page.keyboard.press("s");
  await expectState(item, "skipped");
  assert.equal(await firstItem(page).skip.getAttribute("aria-pressed"), "true");
  await page.keyboard.press("r");
  await expectState(item, "not-started");
  await page.keyboard.press("d");
  await expectState(item, "done");

  // A second item in progress, a checkpoint line ticked.
  await page.locator("li.item").nth(1).getByRole("button", { name: "Mark in progress" }).click();
  const box = page.locator(".validation input[type=checkbox]").first();
  await box.check();
  assert.match(await page.locator(".completion").first().innerText(), /^1 of \d+ finished/);

  const envelope = await stored(page);
  assert.equal(envelope.format, "strata-progress");
  assert.equal(envelope.schema, 1);
  assert.ok(envelope.app && envelope.updated, "app version and updated time are stored");
  const key = await item.getAttribute("data-key");
  assert.equal(envelope.marks[key].state, "done");

  await page.reload();
  await page.waitForSelector("html[data-ready='true']");
  await expectState(firstItem(page).item, "done");
  assert.equal(await page.locator("li.item").nth(1).getAttribute("data-state"), "in-progress");
  assert.ok(await page.locator(".validation input[type=checkbox]").first().isChecked());

  // Home: carry on where you left off, and the path started with its completion.
  await page.evaluate(() => { location.hash = "#/"; });
  await page.waitForSelector(".continue");
  const cont = await page.locator(".continue").innerText();
  assert.match(cont, /Continue where you left off/);
  assert.match(cont, /Data Engineer/);
  assert.match(cont, /Week 2/);
  // The path page shows the same standing.
  await page.evaluate(() => { location.hash = "#/paths/data-engineer"; });
  await page.waitForSelector(".standing");
  assert.match(await page.locator(".standing").innerText(), /1 of \d+ finished/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("two tabs stay in step through the storage event", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openApp(page, app.server.url, WEEK);
  const other = await context.newPage();
  await openApp(other, app.server.url, WEEK);
  await firstItem(page).done.click();
  await other.waitForFunction(() => document.querySelector("li.item")?.getAttribute("data-state") === "done");
  await firstItem(other).skip.click();
  await page.waitForFunction(() => document.querySelector("li.item")?.getAttribute("data-state") === "skipped");
  assert.deepEqual(problems, []);
  await context.close();
});

test("corrupt stored progress is kept under a backup key, with a notice and a download", async () => {
  const { context, page } = await newPage(app.browser, { acceptDownloads: true });
  const corrupt = '{"format":"strata-progress","schema":1,"marks":{"data-engineer/x":{"state":"finished"';
  await context.addInitScript((text) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("strata:progress", text);
      sessionStorage.setItem("seeded", "1");
    }
  }, corrupt);
  await openApp(page, app.server.url, WEEK);
  const notice = page.locator(".storage-notice");
  await notice.waitFor();
  assert.match(await notice.innerText(), /could not be read/);
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("strata:progress-backup:")).map((k) => localStorage.getItem(k)));
  assert.deepEqual(backups, [corrupt], "the raw text is kept under a backup key");
  const [download] = await Promise.all([page.waitForEvent("download"), notice.getByRole("button", { name: "Download the unreadable data" }).click()]);
  const dir = await scratchDir("backup");
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  assert.equal(await fs.readFile(file, "utf8"), corrupt);
  // The app works and saves again; the backup stays.
  await firstItem(page).done.click();
  await expectState(firstItem(page).item, "done");
  assert.equal((await stored(page)).schema, 1);
  await notice.getByRole("button", { name: "Dismiss" }).click();
  assert.equal(await page.locator(".storage-notice").count(), 0);
  await context.close();
});

test("a full storage keeps the change in memory, says so and offers an export", async () => {
  const { context, page } = await newPage(app.browser, { acceptDownloads: true });
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === "strata:progress" && window.__storageFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return setItem.call(this, key, value);
    };
  });
  await openApp(page, app.server.url, WEEK);
  await page.evaluate(() => { window.__storageFull = true; });
  await firstItem(page).done.click();
  await expectState(firstItem(page).item, "done");
  const notice = page.locator(".storage-notice");
  await notice.waitFor();
  assert.match(await notice.innerText(), /storage for this site is full/);
  const [download] = await Promise.all([page.waitForEvent("download"), notice.getByRole("button", { name: "Export progress" }).click()]);
  const dir = await scratchDir("full");
  const file = path.join(dir, "export.json");
  await download.saveAs(file);
  const key = await firstItem(page).item.getAttribute("data-key");
  assert.equal(JSON.parse(await fs.readFile(file, "utf8")).marks[key].state, "done", "the export has the unsaved change");
  // Space again: the next change saves everything and the notice goes.
  await page.evaluate(() => { window.__storageFull = false; });
  await page.locator("li.item").nth(1).getByRole("button", { name: "Skip" }).click();
  await page.waitForFunction(() => !document.querySelector(".storage-notice"));
  assert.equal((await stored(page)).marks[key].state, "done");
  await context.close();
});

test("inside a sandboxed iframe without storage the app works in memory and says so", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await page.goto(`${app.server.url}index.html`);
  await page.setContent(`<iframe sandbox="allow-scripts" src="${app.server.url}${WEEK}" style="width:900px;height:700px"></iframe>`);
  const frame = page.frameLocator("iframe");
  await frame.locator("html[data-ready='true']").waitFor();
  await frame.locator(".storage-notice").waitFor();
  assert.match(await frame.locator(".storage-notice").innerText(), /not letting Strata save/);
  const item = frame.locator("li.item").first();
  await item.getByRole("button", { name: "Mark done" }).click();
  await frame.locator("li.item[data-state='done']").first().waitFor();
  assert.deepEqual(problems.filter((p) => !p.includes("sandboxed")), []);
  await context.close();
});

test("export then import into a fresh profile reproduces the progress; a bad file changes nothing", async () => {
  const first = await newPage(app.browser, { acceptDownloads: true });
  await openApp(first.page, app.server.url, WEEK);
  await firstItem(first.page).done.click();
  await first.page.locator("li.item").nth(2).getByRole("button", { name: "Skip" }).click();
  await first.page.waitForFunction(() => document.querySelectorAll("li.item")[2]?.getAttribute("data-state") === "skipped");
  await first.page.evaluate(() => { location.hash = "#/progress"; });
  await first.page.locator("#export-progress").waitFor();
  const [download] = await Promise.all([first.page.waitForEvent("download"), first.page.locator("#export-progress").click()]);
  assert.match(download.suggestedFilename(), /^strata-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const dir = await scratchDir("export");
  const exported = path.join(dir, "progress.json");
  await download.saveAs(exported);
  const envelope = JSON.parse(await fs.readFile(exported, "utf8"));
  assert.equal(envelope.schema, 1);
  assert.equal(Object.values(envelope.marks).filter((m) => m.state === "done").length, 1);
  await first.context.close();

  const second = await newPage(app.browser);
  const { page } = second;
  await openApp(page, app.server.url, "#/progress");
  await page.locator("#import-file").waitFor();
  // A bad file: a clear message, nothing changed.
  const bad = path.join(dir, "bad.json");
  await fs.writeFile(bad, '{"hello": "world"}');
  await page.locator("#import-file").setInputFiles(bad);
  await page.waitForFunction(() => document.querySelector("#import-error")?.textContent.includes("not a Strata progress file"));
  assert.match(await page.locator("#import-error").innerText(), /Nothing was changed/);
  assert.equal(await stored(page), null);
  const foreign = path.join(dir, "foreign.json");
  await fs.writeFile(foreign, JSON.stringify({ ...envelope, marks: { "other-app/thing": { state: "done", at: 1 } } }));
  await page.locator("#import-file").setInputFiles(foreign);
  await page.waitForFunction(() => document.querySelector("#import-error")?.textContent.includes("belong to Strata"));
  assert.equal(await stored(page), null);

  // The real file: a preview of the changes, then replace.
  await page.locator("#import-file").setInputFiles(exported);
  await page.locator(".import-preview").waitFor();
  assert.match(await page.locator(".import-preview").innerText(), /2 items change/);
  await page.locator("#import-replace").click();
  await page.waitForFunction(() => document.querySelector(".status")?.textContent.includes("Imported"));
  const imported = await stored(page);
  assert.deepEqual(imported.marks, envelope.marks);
  await openApp(page, app.server.url, WEEK);
  await expectState(firstItem(page).item, "done");
  assert.equal(await page.locator("li.item").nth(2).getAttribute("data-state"), "skipped");
  assert.deepEqual(second.problems, []);
  await second.context.close();
});

test("reset asks first and can be undone", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openApp(page, app.server.url, WEEK);
  await firstItem(page).done.click();
  await expectState(firstItem(page).item, "done");
  await page.evaluate(() => { location.hash = "#/progress"; });
  await page.locator("#reset-progress").click();
  await page.locator("#reset-confirm").click();
  await page.waitForFunction(() => document.querySelector(".status")?.textContent.includes("cleared"));
  assert.deepEqual((await stored(page)).marks, {});
  await page.locator("#undo-reset").click();
  await page.waitForFunction(() => document.querySelector(".status")?.textContent.includes("undone"));
  assert.equal(Object.values((await stored(page)).marks)[0].state, "done");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a study plan gives a verdict, a finish date, a chart, a streak and a calendar file", async () => {
  const { context, page, problems } = await newPage(app.browser, { acceptDownloads: true });
  await openApp(page, app.server.url, WEEK);
  await firstItem(page).done.click();
  await expectState(firstItem(page).item, "done");
  await page.evaluate(() => { location.hash = "#/plan/data-intensive-systems"; });
  await page.locator("#plan-start").waitFor();
  // The self-assessment: rate every domain, get a track.
  const domains = page.locator("fieldset.domain");
  const count = await domains.count();
  assert.equal(count, 5);
  for (let i = 0; i < count; i++) await domains.nth(i).getByLabel("3").check();
  await page.waitForFunction(() => document.querySelector(".assessment-result")?.textContent.includes("Total 15"));
  assert.match(await page.locator(".assessment-result").innerText(), /recommended/);

  await page.locator("#plan-hours").fill("lots");
  await page.locator("#plan-save").click();
  await page.waitForFunction(() => document.querySelector("#plan-error")?.textContent.includes("number"));
  assert.equal(await page.locator("#plan-hours").getAttribute("aria-invalid"), "true");
  await page.locator("#plan-start").fill("2026-01-05");
  await page.locator("#plan-hours").fill("7.5");
  await page.locator("#plan-save").click();
  await page.locator("#verdict").waitFor();
  assert.match(await page.locator("#verdict").innerText(), /Behind plan by/);
  assert.match(await page.locator("#finish").innerText(), /you finish around/);
  const plan = (await stored(page)).plans["data-intensive-systems"];
  assert.deepEqual([plan.start, plan.hoursPerWeek], ["2026-01-05", 7.5]);
  assert.ok(await page.locator("canvas.activity-chart").evaluate((c) => c.width > 0 && c.height > 0));
  await page.waitForFunction(() => /Streak: \d+ day/.test(document.querySelector("#streak")?.textContent ?? ""));

  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download-ics").click()]);
  const dir = await scratchDir("ics");
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const ics = await fs.readFile(file, "utf8");
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.equal(ics.match(/BEGIN:VEVENT/g).length, 12, "one event per week of the path");
  assert.match(ics, /DTSTART;VALUE=DATE:20260105\r\n/);

  // The print view lists every week with the marks.
  await page.evaluate(() => { location.hash = "#/print/data-engineer"; });
  await page.locator(".print-week").first().waitFor();
  assert.equal(await page.locator(".print-week").count(), 10);
  assert.equal(await page.locator(".print-items li[data-state='done']").count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a cold home page names the item to continue once the prose is in", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openApp(page, app.server.url, WEEK);
  const title = (await firstItem(page).item.locator(".item-title").first().innerText()).trim();
  await firstItem(page).progress.click();
  await expectState(firstItem(page).item, "in-progress");
  // A fresh load of the home page: item titles are not in the shell, they come with the prose.
  await page.goto(`${app.server.url}#/`);
  await page.reload();
  await page.waitForSelector(".continue a.button");
  await page.waitForFunction((t) => document.querySelector(".continue")?.textContent.includes(t), title);
  assert.match(await page.locator(".continue").innerText(), /last marked in progress/);
  assert.deepEqual(problems, []);
  await context.close();
});
