// The B-tree visualizer in the release build: scenario URLs, the player, the message API,
// embedding in an iframe, and bad addresses.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import path from "node:path";
import { serveStatic, newPage, openApp, askState, scratchDir, distDir } from "./support.mjs";
import { appUnderTest } from "./fixture.mjs";

const app = appUnderTest();

/** Opens a visualizer address and waits for its tree to be drawn. */
async function openViz(page, hash) {
  await openApp(page, app.server.url, hash);
  await page.waitForSelector(".caption .step-label");
}

const getState = askState;

function command(page, cmd, step) {
  return page.evaluate(([c, s]) => postMessage({ type: "strata:command", command: c, step: s }, "*"), [cmd, step]);
}

/** Waits for the caption to match: the view redraws just after a command is taken. */
async function expectCaption(page, re) {
  await page.waitForFunction((src) => new RegExp(src, "i").test(document.querySelector(".caption")?.textContent ?? ""), re.source).catch(() => {});
  assert.match(await page.locator(".caption").textContent(), new RegExp(re.source, "i"));
}

const stepFromHash = (page) => page.evaluate(() => Number(new URLSearchParams(location.hash.split("?")[1]).get("step")));

/** Waits for the address to follow the view to step `n`. */
async function expectStepInHash(page, n) {
  await page.waitForFunction((want) => new URLSearchParams(location.hash.split("?")[1]).get("step") === String(want), n).catch(() => {});
  assert.equal(await stepFromHash(page), n);
}

test("a scenario URL replays its operations and shows the asked-for step", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openViz(page, "#/viz/btree?degree=4&ops=i10,i20,i30,i40&step=0");
  let state = await getState(page);
  assert.equal(state.widget, "btree");
  assert.equal(state.variant, "b");
  assert.equal(state.degree, 4);
  assert.equal(state.step, 0);
  assert.ok(state.steps > 4, "each insert expands into steps");
  assert.deepEqual(state.tree, { keys: [], children: [] });

  await command(page, "last");
  state = await getState(page);
  assert.equal(state.step, state.steps);
  // Degree 4: the fourth key overflows [10 20 30 40]; 20 moves up.
  assert.deepEqual(state.tree, {
    keys: [20],
    children: [{ keys: [10], children: [] }, { keys: [30, 40], children: [] }],
  });
  await expectStepInHash(page, state.steps);

  await command(page, "goto", 3);
  state = await getState(page);
  assert.equal(state.step, 3);
  assert.deepEqual(state.tree.children, [], "before the split the tree is one leaf");
  await expectCaption(page, /Step 3 of/);

  // Once the address has caught up (it is written when stepping pauses), reloading it
  // reproduces the same screen.
  await expectStepInHash(page, 3);
  await page.reload();
  await page.waitForSelector(".caption .step-label");
  assert.deepEqual(await getState(page), state);
  assert.deepEqual(problems, []);
  await context.close();
});

test("keys step the player: arrows, PageUp/PageDown, Home/End", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openViz(page, "#/viz/btree?variant=bplus&degree=3&ops=i5,i1,i9,i3&step=0");
  await page.locator("h1").click();
  await page.keyboard.press("ArrowRight");
  assert.equal((await getState(page)).step, 1);
  await page.keyboard.press("PageDown");
  await page.keyboard.press("PageDown");
  assert.equal((await getState(page)).step, 3);
  await page.keyboard.press("PageUp");
  assert.equal((await getState(page)).step, 2);
  await page.keyboard.press("End");
  const end = await getState(page);
  assert.equal(end.step, end.steps);
  assert.equal(end.variant, "bplus");
  await page.keyboard.press("Home");
  assert.equal((await getState(page)).step, 0);
  await expectStepInHash(page, 0);
  // The caption is a live region, so screen readers hear each step.
  assert.equal(await page.locator(".caption").getAttribute("aria-live"), "polite");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the operations form runs keys and explains bad input next to the field", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openViz(page, "#/viz/btree");
  const input = page.locator(".ops-form input[type=text]");
  await input.fill("3, 7 9,23");
  await page.locator(".ops-form button[type=submit]").click();
  await page.waitForFunction(() => document.querySelectorAll(".history li").length === 4);
  await command(page, "last");
  let state = await getState(page);
  const keys = (node) => [...node.keys, ...node.children.flatMap(keys)];
  assert.deepEqual(keys(state.tree).sort((a, b) => a - b), [3, 7, 9, 23]);
  await page.waitForFunction(() => /ops=i3,i7,i9,i23/.test(location.hash));
  assert.equal(await page.locator(".history li").count(), 4);

  await input.fill("12 abc");
  await page.locator(".ops-form button[type=submit]").click();
  await page.waitForFunction(() => document.querySelector("#ops-error")?.textContent.length > 0);
  assert.match(await page.locator("#ops-error").innerText(), /abc.*not a key/);
  assert.equal(await input.getAttribute("aria-invalid"), "true");
  assert.equal(await page.locator(".history li").count(), 4, "nothing ran");

  // A duplicate is refused with a captioned step, not ignored.
  await input.fill("7");
  await page.locator(".ops-form button[type=submit]").click();
  await command(page, "last");
  await expectCaption(page, /already/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a malformed address loads what it can and says what it ignored", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openViz(page, "#/viz/btree?degree=12&ops=i5,x9,i7,i100000&colour=red&step=999");
  const notices = await page.locator(".notices").innerText();
  assert.match(notices, /degree=12/);
  assert.match(notices, /x9/);
  assert.match(notices, /100000 is out of range/);
  assert.match(notices, /colour/);
  assert.match(notices, /step=999/);
  const state = await getState(page);
  assert.equal(state.degree, 4, "the default degree stands in");
  assert.equal(state.step, state.steps);
  const keys = (node) => [...node.keys, ...node.children.flatMap(keys)];
  assert.deepEqual(keys(state.tree).sort((a, b) => a - b), [5, 7]);

  await openApp(page, app.server.url, "#/viz/nope");
  await page.waitForSelector(".viz-unknown");
  assert.match(await page.locator("main h1").innerText(), /No such visualizer/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("compare mode steps a B-tree and a B+ tree together", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openViz(page, "#/viz/btree?degree=4&ops=i10,i20,i30,i40&compare=bplus&step=0");
  assert.equal(await page.locator(".tree-figure").count(), 2);
  await command(page, "last");
  const state = await getState(page);
  assert.equal(state.compare.variant, "bplus");
  assert.deepEqual(state.compare.tree, {
    keys: [30],
    children: [{ keys: [10, 20], children: [] }, { keys: [30, 40], children: [] }],
  });
  assert.deepEqual(state.tree.keys, [20]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an embed in an iframe fits 800×450, follows messages and reports its steps", async () => {
  const dir = await scratchDir("embed");
  const embedUrl = `${app.server.url}#/embed/btree?degree=3&ops=i1,i2,i3,i4,i5&controls=step&theme=dark&step=0`;
  await fs.writeFile(path.join(dir, "deck.html"), `<!doctype html><meta charset="utf-8"><title>deck</title><link rel="icon" href="data:,">
<iframe id="viz" src="${embedUrl}" width="800" height="450" style="border:0"></iframe>
<script>
  window.steps = [];
  addEventListener("message", (e) => { if (e.data && e.data.type === "strata:step") window.steps.push(e.data); });
  window.send = (m) => document.getElementById("viz").contentWindow.postMessage(m, "*");
</script>`);
  const deck = await serveStatic(dir);
  after(() => deck.close());
  const { context, page, problems } = await newPage(app.browser);
  await page.goto(`${deck.url}deck.html`);
  const frame = page.frameLocator("#viz");
  await frame.locator(".caption .step-label").waitFor();
  await page.waitForFunction(() => window.steps.length > 0);
  const first = await page.evaluate(() => window.steps.at(-1));
  assert.equal(first.step, 0);
  assert.ok(first.steps > 5);

  await page.evaluate(() => window.send({ type: "strata:command", command: "next" }));
  await page.evaluate(() => window.send(JSON.stringify({ type: "strata:command", command: "next" })));
  await page.waitForFunction(() => window.steps.at(-1).step === 2);
  await page.evaluate(() => window.send({ type: "strata:command", command: "goto", step: 4 }));
  await page.waitForFunction(() => window.steps.at(-1).step === 4);
  // Malformed messages are ignored without harm.
  await page.evaluate(() => {
    window.send("{not json");
    window.send(null);
    window.send({ type: "strata:command", command: "explode" });
    window.send({ type: "strata:command", command: "goto", step: "x" });
    window.send({ type: "strata:get-state" });
  });
  const state = await page.evaluate(() => new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error("no strata:state reply from the iframe")), 5000);
    addEventListener("message", function h(e) { if (e.data?.type === "strata:state" && e.data.id === 42) { removeEventListener("message", h); resolve(e.data); } });
    window.send({ type: "strata:get-state", id: 42 });
  }));
  assert.equal(state.id, 42);
  assert.equal(state.state.step, 4);

  const inner = page.frames().find((f) => f.url().includes("#/embed/"));
  const fit = await inner.evaluate(() => ({
    scrollH: document.documentElement.scrollHeight, clientH: document.documentElement.clientHeight,
    scrollW: document.documentElement.scrollWidth, clientW: document.documentElement.clientWidth,
    header: getComputedStyle(document.querySelector(".site-header")).display !== "none", theme: document.documentElement.dataset.theme,
    buttons: document.querySelectorAll(".player button").length,
  }));
  assert.ok(fit.scrollH <= fit.clientH && fit.scrollW <= fit.clientW, `no scrollbars: ${JSON.stringify(fit)}`);
  assert.equal(fit.header, false, "an embed shows only the visualizer");
  assert.equal(fit.theme, "dark");
  assert.equal(fit.buttons, 3, "controls=step keeps back, play and next");
  assert.deepEqual(problems, []);
  await context.close();
});

test("B-tree items in the curriculum link to guided scenarios that open", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/viz");
  // The index comes with the visualizer module, after the shell is ready.
  await page.waitForSelector(".guided a");
  const guided = await page.locator(".guided a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(guided.length >= 3);
  for (const href of guided) {
    await page.evaluate((h) => { location.hash = h; }, href);
    await page.waitForSelector(".caption .step-label");
    assert.equal(await page.locator(".notices").count(), 0, `${href} parses cleanly`);
    await page.evaluate(() => { location.hash = "#/viz"; });
    await page.waitForSelector(".guided");
  }
  // A week with B-tree items links to a scenario.
  await page.evaluate(() => { location.hash = "#/search?q=b-tree"; });
  // (The visualizer itself is now the first result; take the first week.)
  await page.waitForSelector(".hit[data-target='week'] a");
  await page.locator(".hit[data-target='week'] a").first().click();
  await page.waitForSelector(".try-viz a");
  await page.locator(".try-viz a").first().click();
  await page.waitForSelector(".caption .step-label");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the visualizer module loads only when a visualizer opens", async () => {
  const { context, page, requests } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/");
  assert.ok(!requests.some((u) => u.includes("strata-viz-")), "the home page does not fetch it");
  await page.evaluate(() => { location.hash = "#/viz/btree"; });
  await page.waitForSelector(".scene-svg");
  assert.ok(requests.some((u) => u.endsWith("strata-viz-btree_bg.wasm")));
  assert.ok(await fs.stat(path.join(distDir, "viz.css")));
  await context.close();
});

test("bench_insert takes any numbers JavaScript passes without panicking", async () => {
  const { context, page } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/viz/btree");
  await page.waitForSelector(".caption .step-label");
  const results = await page.evaluate(async () => {
    const m = await import(new URL("./strata-viz-btree.js", document.baseURI).href);
    // More keys than exist, a degree far outside 3–10, negative and fractional numbers.
    return [m.bench_insert(1_000_000, 200, false), m.bench_insert(100_001, 0, true), m.bench_insert(-5, 3.7, false)].map(Number.isFinite);
  });
  assert.deepEqual(results, [true, true, true]);
  await openApp(page, app.server.url, "#/viz/btree?ops=i5");
  assert.ok(await page.locator(".caption").isVisible(), "the module still runs afterwards");
  await context.close();
});
