// The sample slide deck (dist/deck/) with strata-embed.js: a clicker steps a focused widget,
// the widget hands the key back at its ends, and the deck moves on with the keys.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage } from "./support.mjs";
import { appUnderTest } from "./fixture.mjs";

const app = appUnderTest();

/** Opens the deck, at slide `slide` when given (the deck reads `#N`). */
async function openDeck(browser, slide) {
  const opened = await newPage(browser);
  await opened.page.goto(`${app.server.url}deck/${slide ? `#${slide}` : ""}`);
  await opened.page.waitForSelector("body[data-slide]", { state: "attached" });
  return opened;
}

/** Polls `fn` in the page until it returns something truthy (on a timer, not per frame). */
const until = (page, fn, arg) => page.waitForFunction(fn, arg, { polling: 100 });

const slideNumber = (page) => page.evaluate(() => Number(document.body.dataset.slide));

async function expectSlide(page, n) {
  await until(page, (want) => document.body.dataset.slide === String(want), n).catch(() => {});
  assert.equal(await slideNumber(page), n);
  assert.equal(await page.locator("#slide-counter").textContent(), `Slide ${n} of 5`);
}

/** The "Widget step N of M" line under an iframe, once the widget has reported a step. */
async function widgetStep(page, frameId) {
  const line = page.locator(`.widget:has(#${frameId}) .widget-step`);
  await until(page,
    (id) => /Widget step \d+ of \d+/.test(document.getElementById(id).closest(".widget").querySelector(".widget-step").textContent),
    frameId,
  );
  const [, step, steps] = (await line.textContent()).match(/Widget step (\d+) of (\d+)/);
  return { step: Number(step), steps: Number(steps) };
}

async function expectWidgetStep(page, frameId, step) {
  await until(page,
    ([id, want]) => document.getElementById(id).closest(".widget").querySelector(".widget-step").textContent.startsWith(`Widget step ${want} of`),
    [frameId, step],
  ).catch(() => {});
  assert.equal((await widgetStep(page, frameId)).step, step);
}

/** Gives a widget the keys the way a presenter does: a click inside it (on its caption). */
async function focusWidget(page, frameId) {
  await page.frameLocator(`#${frameId}`).locator(".caption").click();
  await until(page, (id) => document.activeElement === document.getElementById(id), frameId);
  // The deck outlines the widget that has the keys.
  await until(page, (id) => document.getElementById(id).closest(".widget").classList.contains("has-keys"), frameId);
}

/** No console or page errors, and nothing fetched from anywhere but the test server. */
function assertClean(problems, requests) {
  assert.deepEqual(problems, []);
  const origin = new URL(app.server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith("data:")), []);
}

test("the deck shows one slide at a time and its keys change slides", async () => {
  const { context, page, problems, requests } = await openDeck(app.browser);
  try {
    assert.equal(await page.locator("section.slide").count(), 5);
    assert.equal(await page.locator("section.slide:not([hidden])").count(), 1);
    await expectSlide(page, 1);
    assert.equal(await page.locator("#slide-counter").getAttribute("aria-live"), "polite");
    for (const id of ["split", "merge", "compare"]) {
      assert.ok(await page.locator(`#${id}`).getAttribute("title"), `${id} has a title`);
    }

    await page.keyboard.press("ArrowRight");
    await expectSlide(page, 2);
    assert.equal(await page.locator("section.slide:not([hidden])").count(), 1);
    await until(page, () => location.hash === "#2");
    await page.keyboard.press("End");
    await expectSlide(page, 5);
    await page.keyboard.press("PageUp");
    await expectSlide(page, 4);
    await page.keyboard.press("Home");
    await expectSlide(page, 1);

    // The hash picks the slide on load.
    await page.goto(`${app.server.url}deck/#3`);
    await expectSlide(page, 3);
    assertClean(problems, requests);
  } finally {
    await context.close();
  }
});

test("a focused widget steps with the clicker and hands PageDown back at its last step", async () => {
  const { context, page, problems, requests } = await openDeck(app.browser);
  try {
    await page.keyboard.press("ArrowRight");
    await expectSlide(page, 2);
    const start = await widgetStep(page, "split");
    assert.ok(start.step < start.steps, `the scenario starts before its end: ${JSON.stringify(start)}`);

    await focusWidget(page, "split");
    await page.keyboard.press("ArrowRight");
    await expectWidgetStep(page, "split", start.step + 1);
    assert.equal(await slideNumber(page), 2, "the widget took the key");

    await page.keyboard.press("End");
    await expectWidgetStep(page, "split", start.steps);
    assert.equal(await slideNumber(page), 2);

    // Nothing more to show: the widget hands the key to the deck, which moves on.
    await page.keyboard.press("PageDown");
    await expectSlide(page, 3);
    assert.ok(await page.evaluate(() => document.activeElement !== document.getElementById("split")),
      "focus left the first widget");
    assert.ok(await page.evaluate(() => document.activeElement?.tagName !== "IFRAME"), "focus is back in the deck");
    await until(page, () => !document.querySelector(".widget.has-keys"));

    // So the next press goes straight to the deck.
    await page.keyboard.press("ArrowRight");
    await expectSlide(page, 4);
    assertClean(problems, requests);
  } finally {
    await context.close();
  }
});

test("at its first step a widget hands ArrowLeft back and the deck goes back a slide", async () => {
  const { context, page, problems, requests } = await openDeck(app.browser, 3);
  try {
    await expectSlide(page, 3);
    const start = await widgetStep(page, "merge");
    assert.ok(start.step > 0, "delete-merges starts part way through");

    await focusWidget(page, "merge");
    await page.keyboard.press("Home");
    await expectWidgetStep(page, "merge", 0);
    assert.equal(await slideNumber(page), 3);

    await page.keyboard.press("ArrowLeft");
    await expectSlide(page, 2);
    assert.ok(await page.evaluate(() => document.activeElement?.tagName !== "IFRAME"), "focus is back in the deck");
    assertClean(problems, requests);
  } finally {
    await context.close();
  }
});

test("a key the widget does not use reaches the deck", async () => {
  const { context, page, problems, requests } = await openDeck(app.browser, 4);
  try {
    await expectSlide(page, 4);
    const before = await widgetStep(page, "compare");
    await focusWidget(page, "compare");
    await page.keyboard.press("b");
    await until(page, () => document.body.hasAttribute("data-blank"));
    assert.equal(await slideNumber(page), 4);
    assert.equal((await widgetStep(page, "compare")).step, before.step, "the widget did not move");
    // The deck has the keys again: a second press unblanks without a trip through the widget.
    assert.ok(await page.evaluate(() => document.activeElement?.tagName !== "IFRAME"));
    await page.keyboard.press("b");
    await until(page, () => !document.body.hasAttribute("data-blank"));
    assertClean(problems, requests);
  } finally {
    await context.close();
  }
});

test("the host script sizes frames from strata:resize unless they are data-strata-fixed", async () => {
  const { context, page, problems, requests } = await newPage(app.browser);
  try {
    // Record each frame's resize reports next to the host script's own listener.
    await page.addInitScript(() => {
      if (window.top !== window) return;
      window.resizes = {};
      addEventListener("message", (e) => {
        let data = e.data;
        if (typeof data === "string") {
          try { data = JSON.parse(data); } catch { return; }
        }
        if (data?.type !== "strata:resize") return;
        const frame = [...document.querySelectorAll("iframe")].find((f) => f.contentWindow === e.source);
        if (frame) window.resizes[frame.id] = data.height;
      });
    });
    await page.goto(`${app.server.url}deck/#2`);
    await until(page, () => window.resizes.split > 0);
    // Every report is applied as it arrives, so the frame matches the latest one.
    const split = await page.evaluate(() => ({ reported: window.resizes.split, style: document.getElementById("split").style.height }));
    assert.match(split.style, /^\d+px$/);
    assert.equal(split.style, `${Math.ceil(Math.min(split.reported, 10000))}px`);
    assert.ok(parseInt(split.style, 10) > 0);

    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expectSlide(page, 4);
    await until(page, () => window.resizes.compare > 0);
    const compare = await page.evaluate(() => {
      const frame = document.getElementById("compare");
      return { fixed: frame.hasAttribute("data-strata-fixed"), style: frame.style.height, height: frame.getBoundingClientRect().height };
    });
    assert.equal(compare.fixed, true);
    assert.equal(compare.style, "", "a data-strata-fixed frame keeps the page's height");
    assert.ok(compare.height > 0);
    assertClean(problems, requests);
  } finally {
    await context.close();
  }
});

test("StrataEmbed.send drives a widget and a second copy of the script is harmless", async () => {
  const { context, page, problems, requests } = await openDeck(app.browser, 2);
  try {
    const { steps } = await widgetStep(page, "split");
    await page.addScriptTag({ url: `${app.server.url}strata-embed.js` });
    assert.ok(await page.evaluate(() => StrataEmbed.send(document.getElementById("split"), "goto", 2)));
    await expectWidgetStep(page, "split", 2);
    await page.evaluate(() => StrataEmbed.send(document.getElementById("split"), "last"));
    await expectWidgetStep(page, "split", steps);
    assert.equal(await page.evaluate(() => StrataEmbed.send(null, "next")), false);
    // Only one copy listens: a handed-back key moves the deck one slide, not two.
    await focusWidget(page, "split");
    await page.keyboard.press("PageDown");
    await expectSlide(page, 3);
    assertClean(problems, requests);
  } finally {
    await context.close();
  }
});
