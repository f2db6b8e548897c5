// The app as a learner meets it: the release build in headless Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serveStatic, newPage, openApp } from "./support.mjs";
import { appUnderTest } from "./fixture.mjs";

const app = appUnderTest();

const heading = (page) => page.locator("main h1").innerText();

/** Waits for the page's heading to match (the view re-renders just after the hash changes). */
async function expectHeading(page, expected) {
  const source = expected instanceof RegExp ? expected.source : null;
  await page.waitForFunction(([text, re]) => {
    const h = document.querySelector("main h1")?.innerText ?? "";
    return re ? new RegExp(re).test(h) : h === text;
  }, [source ? null : expected, source]).catch(() => {});
  if (source) assert.match(await heading(page), expected);
  else assert.equal(await heading(page), expected);
}

/** Navigates by changing the hash, as a link click does, and waits for the new page. */
async function go(page, hash, expectHeading) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  if (expectHeading) await page.waitForFunction((t) => document.querySelector("main h1")?.innerText.includes(t), expectHeading);
}

test("home loads with the five paths, no console errors, and nothing fetched from other hosts", async () => {
  const { context, page, problems, requests } = await newPage(app.browser);
  await openApp(page, app.server.url);
  assert.equal(await page.locator(".path-card").count(), 5);
  const titles = await page.locator(".path-card h3").allInnerTexts();
  assert.deepEqual(titles, [
    "Data-Intensive Systems",
    "Data Engineer",
    "Data Platform Architect",
    "Data Engineering Mastery Plan",
    "Data Engineer Complete Mastery",
  ]);
  assert.match(await page.locator(".path-card").first().innerText(), /12 weeks/);
  assert.equal(await page.locator("#boot").count(), 0, "the loading message is gone");
  const foreign = requests.filter((u) => !u.startsWith(app.server.origin) && !u.startsWith("data:"));
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("every path page and every week page renders", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/paths");
  const paths = await page.locator(".path-card h3 a").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href"), title: a.innerText })));
  assert.equal(paths.length, 5);
  const durations = [];
  let weekPages = 0;
  for (const path of paths) {
    await go(page, path.href, path.title);
    assert.equal(await heading(page), path.title);
    const weeks = await page.locator(".week-list a").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href"), title: a.querySelector(".week-title").innerText })));
    assert.ok(weeks.length > 0, `${path.title} lists weeks`);
    assert.equal(await page.locator(".timeline a").count(), weeks.length, "the timeline has a segment per week");
    durations.push(await page.locator(".facts").first().innerText());
    for (const week of weeks) {
      await go(page, week.href, week.title);
      assert.ok((await page.locator(".item").count()) > 0, `${week.href} shows its items`);
      assert.ok((await page.locator(".breadcrumbs a").count()) === 2);
      weekPages++;
    }
  }
  assert.ok(weekPages >= 5 * 10, `rendered ${weekPages} week pages`);
  for (const [i, weeks] of [12, 10, 14, 12, 40].entries()) assert.match(durations[i], new RegExp(`${weeks} weeks`));
  assert.deepEqual(problems, []);
  await context.close();
});

test("readings with an address open in a new tab, Strata's suggestions are marked, and nothing is fetched from other hosts", async () => {
  const { context, page, problems, requests } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/paths");
  const paths = await page.locator(".path-card h3 a").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href"), title: a.innerText })));
  let links = 0;
  for (const path of paths) {
    await go(page, path.href, path.title);
    const weeks = await page.locator(".week-list a").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href"), title: a.querySelector(".week-title").innerText })));
    for (const week of weeks) {
      await go(page, week.href, week.title);
      const found = await page.locator(".reading cite a, .note cite a").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href"), target: a.target, rel: a.rel })));
      for (const a of found) {
        assert.match(a.href, /^https:\/\/[^\s]+$/, `${week.href}: ${a.href}`);
        assert.doesNotMatch(a.href, /[?&](utm_|fbclid|gclid)/, a.href);
        assert.equal(a.target, "_blank", a.href);
        assert.match(a.rel, /\bnoopener\b/, a.href);
      }
      links += found.length;
    }
  }
  assert.ok(links >= 70, `only ${links} reading links`);
  // The Data-Intensive Systems source names no readings: each one is marked as Strata's.
  await go(page, "#/paths/data-intensive-systems/w01", "Storage Engines");
  const readings = page.locator(".readings .reading");
  assert.ok((await readings.count()) > 0);
  assert.equal(await page.locator(".readings .reading .suggested").count(), await readings.count());
  // A checklist the source does not give is marked too, with the reason for screen readers.
  await go(page, "#/paths/data-engineer/w02", "Data Pipeline Architecture");
  assert.match(await page.locator(".checkpoint .suggested").innerText(), /Strata's suggestion/);
  assert.match(await page.locator(".checkpoint .suggested").textContent(), /source gives no checklist/);
  const foreign = requests.filter((u) => !u.startsWith(app.server.origin) && !u.startsWith("data:"));
  assert.deepEqual(foreign, [], "the app itself never fetches a reading's address");
  assert.deepEqual(problems, []);
  await context.close();
});

async function searchFor(page, query) {
  await go(page, "#/search", "Search");
  await page.locator("#search-input").fill(query);
  await page.waitForFunction(() => document.querySelectorAll("#search-results .hit").length > 0);
  return page.locator("#search-results .hit > a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
}

test("search finds the LSM and consistent-hashing weeks, highlights matches, and updates the URL", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openApp(page, app.server.url);
  const lsm = await searchFor(page, "LSM");
  for (const week of ["#/paths/data-engineering-mastery-plan/w09", "#/paths/data-intensive-systems/w01"]) {
    assert.ok(lsm.slice(0, 10).includes(week), `${week} is among the first results for LSM: ${lsm.slice(0, 10)}`);
  }
  assert.ok((await page.locator("#search-results mark").count()) > 0, "matches are highlighted");
  assert.match(await page.locator("#search-results mark").first().innerText(), /^lsm$/i);
  assert.equal(new URL(page.url()).hash, "#/search?q=LSM");

  const hashing = await searchFor(page, "consistent hashing");
  for (const week of ["#/paths/data-intensive-systems/w03", "#/paths/data-engineering-mastery-plan/w09"]) {
    assert.ok(hashing.slice(0, 10).includes(week), `${week} is among the first results for consistent hashing: ${hashing.slice(0, 10)}`);
  }
  await page.locator("#search-input").fill("zzzz-nothing-matches");
  await page.waitForFunction(() => document.querySelector("#search-status").innerText.startsWith("No results"));
  assert.equal(await page.locator("#search-results .hit").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("search results are reachable by keyboard", async () => {
  const { context, page } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/search?q=bloom");
  await page.waitForSelector("#search-results .hit");
  assert.equal(await page.locator("#search-input").inputValue(), "bloom", "a search link restores its query");
  await page.locator("#search-input").focus();
  await page.keyboard.press("ArrowDown");
  const first = await page.locator("#search-results .hit > a").first().getAttribute("href");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), first);
  await page.keyboard.press("ArrowDown");
  const second = await page.locator("#search-results .hit > a").nth(1).getAttribute("href");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), second);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForFunction((h) => location.hash === h, first);
  await context.close();
});

test("'/' opens search from any page", async () => {
  const { context, page } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/paths/data-engineer");
  await page.keyboard.press("/");
  await page.waitForFunction(() => location.hash === "#/search");
  await page.waitForFunction(() => document.activeElement?.id === "search-input");
  await context.close();
});

test("a deep link to a week loads directly, and back and forward work", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/paths/data-intensive-systems/w02");
  await expectHeading(page, /Week 2\s+Indexing and Query Processing/);
  assert.match(await page.title(), /Week 2: Indexing and Query Processing/);

  await page.locator(".pager-next").click();
  await page.waitForFunction(() => location.hash.endsWith("/w03"));
  await expectHeading(page, /Week 3/);
  await page.locator(".breadcrumbs a", { hasText: "Data-Intensive Systems" }).click();
  await page.waitForFunction(() => location.hash === "#/paths/data-intensive-systems");
  await expectHeading(page, "Data-Intensive Systems");

  await page.goBack();
  await page.waitForFunction(() => location.hash.endsWith("/w03"));
  await expectHeading(page, /Week 3/);
  await page.goBack();
  await page.waitForFunction(() => location.hash.endsWith("/w02"));
  await expectHeading(page, /Week 2/);
  await page.goForward();
  await page.waitForFunction(() => location.hash.endsWith("/w03"));
  await expectHeading(page, /Week 3/);
  // A new page moves focus to its heading, for screen readers and keyboard users.
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "H1");
  assert.deepEqual(problems, []);
  await context.close();
});

test("unknown routes, paths and weeks show a not-found page with a way back", async () => {
  const { context, page } = await newPage(app.browser);
  for (const hash of ["#/nowhere", "#/paths/no-such-path", "#/paths/data-engineer/w99"]) {
    await openApp(page, app.server.url, hash);
    assert.equal(await heading(page), "Page not found");
    assert.ok((await page.locator("main code").innerText()).includes(hash.slice(2)));
  }
  await page.locator("main a", { hasText: "Back to the learning paths" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".path-card").length === 5);
  await context.close();
});

test("the theme follows the system and the toggle is remembered across reloads", async () => {
  const { context, page } = await newPage(app.browser, { colorScheme: "dark" });
  await openApp(page, app.server.url);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const darkBg = await bg();
  const toggle = page.locator(".theme-toggle");
  assert.equal(await toggle.getAttribute("aria-label"), "Switch to light theme");
  await toggle.click();
  assert.notEqual(await bg(), darkBg);
  assert.equal(await page.evaluate(() => localStorage.getItem("strata:theme")), "light");
  await page.reload();
  await page.waitForSelector("html[data-ready='true']");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
  assert.equal(await toggle.getAttribute("aria-label"), "Switch to dark theme");
  await context.close();
});

test("keyboard: the first Tab reaches the skip link, which moves focus into the page", async () => {
  const { context, page } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/paths/data-engineer");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.closest("main") !== null), true);
  assert.equal(new URL(page.url()).hash, "#/paths/data-engineer", "the route is untouched");
  await context.close();
});

test("a panic shows an error page with the message and a reload button, not a blank page", async () => {
  const { context, page } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/paths");
  await go(page, "#/debug/panic");
  await page.waitForSelector("html[data-panicked='true']");
  assert.equal(await heading(page), "Something went wrong");
  assert.match(await page.locator(".panic-message").innerText(), /deliberate panic/);
  assert.equal(await page.locator("button", { hasText: "Reload Strata" }).count(), 1);
  await page.locator("a", { hasText: "Go to the start page" }).click();
  await page.waitForSelector("html[data-ready='true']");
  assert.equal(await page.locator(".path-card").count(), 5);
  await context.close();
});

test("the built site works from a sub-path of a static host", async () => {
  const sub = await serveStatic(undefined, "/courses/strata/");
  const { context, page, problems } = await newPage(app.browser);
  try {
    await openApp(page, sub.url, "#/paths/data-engineer/w01");
    assert.match(await heading(page), /Week 1/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await sub.close();
  }
});
