// The consistent-hashing visualizer in the release build: scenario URLs through the message
// API, a join stepped forward and back, compare mode, jump hash's refusal, malformed
// addresses, 100,000 keys on a canvas with the page still answering, embeds that fit, and
// the curriculum's links.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, openApp, askState, eachEmbed } from "./support.mjs";
import { appUnderTest } from "./fixture.mjs";

const app = appUnderTest();

async function openRing(page, hash) {
  await openApp(page, app.server.url, hash);
  await page.waitForSelector(".caption .step-label");
}

function command(page, cmd, step) {
  return page.evaluate(([c, s]) => postMessage({ type: "strata:command", command: c, step: s }, "*"), [cmd, step]);
}

async function expectCaption(page, re) {
  await page.waitForFunction((src) => new RegExp(src, "i").test(document.querySelector(".caption")?.textContent ?? ""), re.source).catch(() => {});
  assert.match(await page.locator(".caption").textContent(), new RegExp(re.source, "i"));
}

test("a scenario URL is checked through the message API, and a join steps forward and back", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openRing(page, "#/viz/ring?algorithm=ring&nodes=10&vnodes=100&keys=10000&seed=7&ops=+n11&step=1");
  let state = await askState(page);
  assert.equal(state.widget, "ring");
  assert.equal(state.algorithm, "ring");
  assert.equal(state.replication, 1);
  assert.equal(state.step, 1);
  assert.equal(state.steps, 3, "the keys, then the join in two steps");
  assert.equal(state.nodes.length, 10);
  assert.deepEqual(Object.keys(state.nodes[0]).sort(), ["keys", "name", "status", "vnodes", "weight"]);
  assert.equal(state.nodes.reduce((t, n) => t + n.keys, 0), 10000);
  assert.equal(state.metrics.keys_total, 10000);
  assert.ok(state.metrics.max_over_mean >= 1 && state.metrics.cov > 0, JSON.stringify(state.metrics));

  await page.locator("h1").click();
  await page.keyboard.press("ArrowRight");
  state = await askState(page);
  assert.equal(state.step, 2);
  assert.equal(state.nodes.length, 11);
  assert.equal(state.nodes[10].status, "joining");
  await expectCaption(page, /n11 joins the 10 nodes/);

  await page.keyboard.press("ArrowRight");
  state = await askState(page);
  assert.equal(state.step, 3);
  assert.equal(state.nodes[10].status, "up");
  const moved = state.metrics.keys_moved_last;
  assert.ok(moved > 500 && moved < 1600, `about a tenth moves: ${moved}`);
  assert.equal(state.nodes[10].keys, moved, "every key that moved went to n11");
  assert.ok(Math.abs(state.metrics.ideal_fraction_last - 1 / 11) < 1e-6);
  await expectCaption(page, /Every one went to n11/);
  assert.match(await page.locator(".ring-moved").innerText(), /Keys moved by the last change/);
  // The chart's table, built when opened, has a row per node with its keys.
  await page.getByText("Keys per node as a table").click();
  const rows = page.locator(".ring-chart .data-table tbody tr");
  await rows.first().waitFor();
  assert.equal(await rows.count(), 11);
  assert.match(await rows.nth(10).innerText(), new RegExp(`^n11\\s+${moved.toLocaleString("en-US")}\\s`));

  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  state = await askState(page);
  assert.equal(state.step, 1);
  assert.equal(state.nodes.length, 10, "stepping back shows the cluster before the join");
  assert.equal(state.metrics.keys_moved_last, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("compare mode steps two algorithms on the same keys and counts the moves of each", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openRing(page, "#/viz/ring?algorithm=modulo&nodes=10&keys=10000&compare=ring&ops=+n11&step=0");
  assert.equal(await page.locator(".tree-figure").count(), 2);
  await command(page, "last");
  const state = await askState(page);
  assert.equal(state.algorithm, "modulo");
  assert.equal(state.compare.algorithm, "ring");
  assert.equal(state.metrics.keys_total, state.compare.metrics.keys_total);
  assert.ok(state.metrics.moved_fraction_last > 0.8, `modulo moves most keys: ${state.metrics.moved_fraction_last}`);
  assert.ok(state.compare.metrics.moved_fraction_last < 0.2, `the ring about an eleventh: ${state.compare.metrics.moved_fraction_last}`);
  const table = await page.locator(".ring-moved").innerText();
  assert.match(table, /Modulo-N/);
  assert.match(table, /Hash ring/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("jump hash explains why it cannot remove a bucket in the middle", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openRing(page, "#/viz/ring?algorithm=jump&nodes=5&keys=500");
  await page.locator(".ring-ops select").first().selectOption("leave");
  await page.locator(".ring-ops select").nth(1).selectOption("n2");
  assert.match(await page.locator(".jump-note").innerText(), /only drop the last one, n5/);
  await page.locator(".ring-ops button[type=submit]").click();
  await command(page, "last");
  await expectCaption(page, /Jump hash cannot remove n2/);
  const state = await askState(page);
  assert.equal(state.nodes.length, 5, "nothing was removed");
  await page.waitForFunction(() => /ops=-n2/.test(location.hash));
  assert.deepEqual(problems, []);
  await context.close();
});

test("the operations form adds a node and looks up a key; bad input is explained", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openRing(page, "#/viz/ring?nodes=4&vnodes=5&keys=100&replication=3");
  await page.locator(".ring-ops button[type=submit]").click(); // adds n5 by default
  await command(page, "last");
  let state = await askState(page);
  assert.equal(state.nodes.at(-1).name, "n5");
  await page.locator(".ring-ops select").first().selectOption("lookup");
  await page.locator(".ring-ops input[type=text]").fill("user42");
  await page.locator(".ring-ops button[type=submit]").click();
  await command(page, "last");
  await expectCaption(page, /preference list for user42/);
  await page.waitForFunction(() => /ops=%2Bn5,%3Fuser42|ops=\+n5,\?user42/.test(location.hash));
  await page.locator(".ring-ops input[type=text]").fill("two words");
  await page.locator(".ring-ops button[type=submit]").click();
  assert.match(await page.locator("#ring-ops-error").innerText(), /cannot name a key/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a malformed address loads what it can and says what it ignored", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openRing(page, "#/viz/ring?algorithm=circle&vnodes=5000&c=0.2&table=100&ops=+n6,%25%25,k0&colour=red");
  const notices = await page.locator(".notices").innerText();
  for (const bit of [/algorithm=circle/, /vnodes=5000/, /c=0.2/, /table=100/, /not an operation/, /k0/, /colour/]) assert.match(notices, bit);
  const state = await askState(page);
  assert.equal(state.algorithm, "ring", "the default algorithm stands in");
  assert.equal(state.nodes.at(-1).name, "n6", "the good operation still ran");
  assert.deepEqual(problems, []);
  await context.close();
});

test("100,000 keys on 100 nodes × 1,000 virtual nodes: drawn on a canvas, binned, the page answering", async () => {
  const { context, page, problems } = await newPage(app.browser, { viewport: { width: 1280, height: 800 } });
  await openRing(page, "#/viz/ring?nodes=100&vnodes=1000&keys=100000&ops=+n101&step=1");
  const counts = await page.locator(".stage-viewport").first().getAttribute("data-counts");
  const shapes = counts.split(" ").reduce((t, kv) => t + Number(kv.split(":")[1]), 0);
  assert.ok(shapes < 2000, `aggregated, not a shape per key: ${counts}`);
  assert.notEqual(await page.locator(".canvas-spacer").first().evaluate((el) => el.style.display), "none", "the dense scene is on the canvas");
  await page.locator("h1").click();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  const state = await askState(page);
  assert.equal(state.step, 3);
  assert.equal(state.metrics.keys_total, 100000);
  assert.ok(Math.abs(state.metrics.moved_fraction_last - 1 / 101) < 0.004, `about 1/101 moved: ${state.metrics.moved_fraction_last}`);
  await expectCaption(page, /n101 joined/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a phone a bucket chart wider than the screen opens at its first bar, its names readable", async () => {
  const { context, page, problems } = await newPage(app.browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  for (const algorithm of ["maglev", "jump"]) {
    await openRing(page, `#/viz/ring?algorithm=${algorithm}&nodes=12&keys=2000&seed=3`);
    await page.waitForTimeout(500);
    const seen = await page.evaluate(() => {
      const viewport = document.querySelector(".stage-viewport");
      const vp = viewport.getBoundingClientRect();
      const first = [...document.querySelectorAll("svg.scene-svg text")].find((t) => t.textContent === "n1")?.getBoundingClientRect();
      return { wide: viewport.scrollWidth > vp.width + 4, first: first && { left: first.left, right: first.right, height: first.height }, vp: { left: vp.left, right: vp.right } };
    });
    assert.ok(seen.wide, `${algorithm}: the chart is wider than the phone: ${JSON.stringify(seen)}`);
    assert.ok(seen.first && seen.first.left >= seen.vp.left && seen.first.right <= seen.vp.right, `${algorithm}: n1's bar is in view: ${JSON.stringify(seen)}`);
    assert.ok(seen.first.height >= 14, `${algorithm}: its name is readable: ${JSON.stringify(seen)}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("embeds fit 800×450 and 640×360 for every controls= setting, nothing overlapping or outside", async () => {
  const scenarios = ["guided=modulo-vs-ring&step=3", "guided=replicas-failure&step=4&legend=1", "algorithm=maglev&nodes=6&keys=3000"];
  await eachEmbed(app.browser, app.server.url, "ring", scenarios, async (report, label, frame) => {
    assert.equal(report.scroll, false, `${label}: no page scrollbars`);
    assert.deepEqual(report.outside, [], `${label}: everything inside the frame`);
    assert.deepEqual(report.overlaps, [], `${label}: nothing overlaps`);
    // A ring's labels are drawn at 14 CSS px or more however small the ring is drawn, and so is
    // the legend (the names of the nodes included). A ring is the drawing with a band of arcs
    // (path.node); bucket views keep their text to scale.
    const sizes = await frame.evaluate(() => ({
      scene: [...document.querySelectorAll(".scene-svg text")].filter((t) => t.textContent && t.ownerSVGElement.querySelector("path.node")).map((t) => {
        const svg = t.ownerSVGElement;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return parseFloat(getComputedStyle(t).fontSize) * scale;
      }),
      legend: [...document.querySelectorAll(".legend li, .series-legend li")].map((li) => parseFloat(getComputedStyle(li).fontSize)),
    }));
    for (const px of [...sizes.scene, ...sizes.legend]) assert.ok(px >= 13.9, `${label}: text ${px.toFixed(1)} px high`);
  });
});

test("curriculum items on consistent hashing link to a guided ring scenario that opens", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/search?q=consistent%20hashing");
  await page.waitForSelector(".hit[data-target='week'] a");
  await page.locator(".hit[data-target='week'] a").first().click();
  await page.waitForSelector(".try-viz a[href*='viz/ring']");
  const href = await page.locator(".try-viz a[href*='viz/ring']").first().getAttribute("href");
  assert.match(href, /guided=/);
  await page.locator(".try-viz a[href*='viz/ring']").first().click();
  await page.waitForSelector(".caption .step-label");
  assert.equal(await page.locator(".notices").count(), 0);
  assert.ok(await page.locator(".guided-watch").isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});

test("bench_ring takes any numbers JavaScript passes without panicking", async () => {
  const { context, page } = await newPage(app.browser);
  await openRing(page, "#/viz/ring");
  const results = await page.evaluate(async () => {
    const m = await import(new URL("./strata-viz-ring.js", document.baseURI).href);
    return [m.bench_ring(0, 0, 0), m.bench_ring(1e9, 1e9, 1e9), m.bench_ring(-3, 2.5, -1), m.bench_ring(3, 4, 50)].map((r) => [...r].every((x) => typeof x === "number"));
  });
  assert.deepEqual(results, [true, true, true, true]);
  await openRing(page, "#/viz/ring?ops=k5");
  assert.ok(await page.locator(".caption").isVisible(), "the module still runs afterwards");
  await context.close();
});
