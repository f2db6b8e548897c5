// The curriculum's prose arrives with the first path page, not with the home page: a failed
// fetch is explained and can be retried, and prose from another build is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, openApp } from "./support.mjs";
import { appUnderTest } from "./fixture.mjs";

const app = appUnderTest();
const isProse = (url) => String(url).endsWith("/curriculum-prose.txt");

test("home does without the prose; the first path page fetches it once for every page after", async () => {
  const { context, page, problems, requests } = await newPage(app.browser, { serviceWorkers: "block" });
  try {
    await openApp(page, app.server.url, "#/");
    await page.waitForSelector(".path-card, main h1");
    assert.equal(requests.filter(isProse).length, 0);
    await page.evaluate(() => { location.hash = "#/paths/data-engineer/w02"; });
    await page.waitForFunction(() => /Week 2/.test(document.querySelector("main h1")?.textContent ?? ""));
    assert.ok((await page.locator("main").textContent()).length > 500, "the week's prose is on the page");
    await page.evaluate(() => { location.hash = "#/paths/data-intensive-systems"; });
    await page.waitForFunction(() => /Data-Intensive Systems/i.test(document.querySelector("main h1")?.textContent ?? ""));
    assert.equal(requests.filter(isProse).length, 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("a failed prose fetch says so next to where the page would be, and Try again loads it", async () => {
  const { context, page } = await newPage(app.browser, { serviceWorkers: "block" });
  try {
    let refuse = true;
    await page.route(isProse, (route) => (refuse ? route.fulfill({ status: 503, body: "busy" }) : route.continue()));
    await openApp(page, app.server.url, "#/paths/data-engineer/w01");
    const alert = page.locator("main [role=alert]");
    await alert.waitFor();
    assert.match(await alert.textContent(), /could not be loaded \(HTTP 503\)/);
    refuse = false;
    await alert.getByRole("button", { name: "Try again" }).click();
    await page.waitForFunction(() => /Week 1/.test(document.querySelector("main h1")?.textContent ?? ""));
  } finally {
    await context.close();
  }
});

test("prose from another build is refused with a reload, never shown garbled", async () => {
  const { context, page } = await newPage(app.browser, { serviceWorkers: "block" });
  try {
    await page.route(isProse, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: (await response.text()).replace("a", "b") });
    });
    await openApp(page, app.server.url, "#/paths/data-engineer");
    const alert = page.locator("main [role=alert]");
    await alert.waitFor();
    assert.match(await alert.textContent(), /updated since this page was opened/);
    assert.equal(await alert.getByRole("button", { name: "Reload" }).count(), 1);
  } finally {
    await context.close();
  }
});
