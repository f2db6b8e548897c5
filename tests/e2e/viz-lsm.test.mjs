// The LSM-tree visualizer in the release build: a scenario checked through the message API,
// a flush and a compaction stepped forward and back, compare mode, a 100,000-operation
// workload, bad parameters, the charts and their table, and embeds that fit their frame.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, openApp, askState, eachEmbed } from "./support.mjs";
import { appUnderTest } from "./fixture.mjs";

const app = appUnderTest();

async function openViz(page, hash) {
  await openApp(page, app.server.url, hash);
  await page.waitForSelector(".caption .step-label", { timeout: 30000 });
  await replayDone(page);
}

// A long workload runs in slices behind a progress bar; the steps exist once it is gone.
function replayDone(page) {
  return page.waitForFunction(() => !document.querySelector(".replay-progress") && /^Step \d+ of \d+/.test(document.querySelector(".caption .step-label")?.textContent ?? ""), null, { timeout: 120000 });
}

const progressValue = (page) => page.evaluate(() => document.querySelector(".replay-progress progress")?.value ?? -1);

function command(page, cmd, step) {
  return page.evaluate(([c, s]) => postMessage({ type: "strata:command", command: c, step: s }, "*"), [cmd, step]);
}

async function stateAt(page, step) {
  await command(page, "goto", step);
  await page.waitForFunction((n) => document.querySelector(".caption .step-label")?.textContent.startsWith(`Step ${n} of`), step);
  return askState(page);
}

const SIXTEEN = "p5,p60,p35,p90,p20,p75,p45,p10,p65,p30,p85,p50,p15,p95,p40,p70";

test("a guided scenario's address is checked through the message API", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openViz(page, "#/viz/lsm?guided=first-flush");
  let state = await askState(page);
  assert.equal(state.widget, "lsm");
  assert.equal(state.strategy, "leveled");
  assert.equal(state.step, 0);
  assert.deepEqual(state.levels, [[]]);
  assert.equal(state.memtable, 0);
  await command(page, "last");
  await page.waitForFunction(() => /Step 9 of 9/.test(document.querySelector(".caption")?.textContent ?? ""));
  state = await askState(page);
  assert.equal(state.step, state.steps);
  assert.deepEqual(state.levels, [[{ id: 1, min: 10, max: 90, entries: 4, bytes: 528 }]]);
  assert.equal(state.metrics.user_bytes, 4 * 116);
  assert.equal(state.metrics.disk_bytes_written, 528);
  assert.equal(typeof state.metrics.write_amp, "number");
  assert.ok(Math.abs(state.metrics.write_amp - 528 / 464) < 1e-5, "write amp has decimals");
  assert.equal(state.metrics.read_amp, 1);
  assert.match(await page.locator(".caption").textContent(), /bloom filter/);
  assert.match(await page.locator("h1").textContent(), /memtable fills and flushes/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a flush and a compaction step forward and back", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openViz(page, `#/viz/lsm?memtable=4&ops=${SIXTEEN}&step=0`);
  // Step 24: the fourth flush has left four tables in L0.
  let s = await stateAt(page, 24);
  assert.equal(s.levels[0].length, 4);
  assert.equal(s.memtable, 0);
  // Step 25 marks the compaction's inputs; 26 merges them, nothing on disk changed yet.
  s = await stateAt(page, 26);
  assert.equal(s.levels[0].length, 4);
  assert.match(await page.locator(".caption").textContent(), /Merged/);
  // 27: the four new tables are drawn pending beside the inputs; the state lists stored tables only.
  s = await stateAt(page, 27);
  assert.equal(s.levels[0].length, 4);
  assert.equal(s.levels.length, 1);
  assert.equal(await page.locator(".scene-svg .node.pending").count(), 4);
  // 28: the inputs are deleted and the new tables are L1.
  s = await stateAt(page, 28);
  assert.equal(s.levels[0].length, 0);
  assert.equal(s.levels[1].length, 4);
  assert.ok(s.levels[1].every((t, i, all) => i === 0 || all[i - 1].max < t.min), "L1 tables do not overlap");
  assert.match(await page.locator(".caption").textContent(), /are deleted/);
  assert.equal(await page.locator(".scene-svg .node.pending").count(), 0);
  // Back again: the same four L0 tables, drawn again.
  await page.locator("h1").click();
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => document.querySelector(".caption .step-label")?.textContent.startsWith("Step 24 of"));
  s = await askState(page);
  assert.equal(s.levels[0].length, 4);
  const tables = await page.locator(".scene-svg .node").count();
  // WAL + memtable boxes + four tables.
  assert.ok(tables >= 6, `tables drawn: ${tables}`);
  // Step 23: the memtable is sealed and waiting: before the flush.
  s = await stateAt(page, 23);
  assert.equal(s.levels[0].length, 3);
  assert.equal(s.immutable, 4);
  assert.deepEqual(problems, []);
  await context.close();
});

test("compare mode steps leveled and size-tiered together on one workload", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openViz(page, "#/viz/lsm?guided=tiered-vs-leveled");
  const s = await askState(page);
  assert.equal(s.step, 1);
  assert.equal(s.strategy, "leveled");
  assert.equal(s.compare.strategy, "tiered");
  assert.ok(s.compare.metrics.write_amp < s.metrics.write_amp, "tiered writes fewer bytes per user byte");
  assert.equal(await page.locator(".tree-figure").count(), 2);
  const next = await stateAt(page, 2);
  assert.equal(next.metrics.ops, s.metrics.ops + 1);
  assert.equal(next.compare.metrics.ops, s.compare.metrics.ops + 1);
  // The figures show both, each beside its model.
  assert.equal(await page.locator(".lsm-figures-table").count(), 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a 100,000-operation workload finishes and the page stays responsive", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openViz(page, "#/viz/lsm?strategy=leveled&memtable=64&ratio=10&bits=10&workload=uniform&n=100000&seed=7");
  const s = await askState(page);
  assert.equal(s.metrics.ops, 100000);
  assert.ok(s.levels.length >= 3, "the workload reached L2");
  assert.ok(s.metrics.write_amp > 1 && s.metrics.space_amp >= 1);
  assert.ok(Math.abs(s.metrics.bloom_fp_rate - s.metrics.model.bloom_fp_rate) < s.metrics.model.bloom_fp_rate, "measured bloom rate near the formula's");
  // Stepping through the last operations answers at once.
  await page.locator("h1").click();
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector(".caption .step-label")?.textContent.startsWith("Step 1 of"));
  assert.match(await page.locator(".caption").textContent(), /fast path ran 99988 operations/);
  // The charts are drawn and their numbers are in a table.
  const canvas = await page.locator("canvas.lsm-chart").first().evaluate((c) => c.width);
  assert.ok(canvas > 0);
  // The table is built when its disclosure opens.
  assert.equal(await page.locator(".lsm-chart-data table").count(), 0);
  await page.locator(".lsm-chart-data > summary").click();
  // The toggle event comes a moment after the click.
  await page.waitForFunction(() => document.querySelectorAll(".lsm-chart-data tbody tr").length > 5);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a 1,000,000-operation workload runs in slices: the page answers a click meanwhile, the charts fill in, and the last operations step", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/viz/lsm?workload=uniform&n=1000000&seed=7");
  const bar = page.locator(".replay-progress progress");
  await bar.waitFor({ timeout: 30000 });
  assert.equal(await page.getByRole("progressbar", { name: /Running on the fast path/ }).count(), 1, "the bar is labelled");
  assert.equal(await page.getByRole("button", { name: "Cancel" }).count(), 1);
  // The bar moves: slices run one after another.
  const first = await progressValue(page);
  await page.waitForFunction((v) => (document.querySelector(".replay-progress progress")?.value ?? Infinity) > v, first, { timeout: 60000 });
  // The charts fill in meanwhile: their data table gains points before the run ends.
  await page.locator(".lsm-chart-data > summary").click();
  await page.waitForFunction(() => document.querySelector(".replay-progress") && document.querySelectorAll(".lsm-chart-data tbody tr").length > 3, null, { timeout: 60000 });
  // A click is handled while it runs: the Embed dialog opens, and the bar was still there
  // when the click arrived.
  await page.evaluate(() => {
    const button = document.querySelector(".embed-button");
    button.addEventListener("click", () => { window.__clickedWhileRunning = !!document.querySelector(".replay-progress"); }, { capture: true, once: true });
  });
  await page.locator(".embed-button").click();
  await page.locator(".embed-dialog[open]").waitFor({ timeout: 60000 });
  const whileRunning = await page.evaluate(() => window.__clickedWhileRunning);
  await page.keyboard.press("Escape");
  await replayDone(page);
  assert.ok(whileRunning, "the click was handled before the workload finished");
  const s = await askState(page);
  assert.equal(s.metrics.ops, 1000000);
  assert.ok(s.steps > 12, "the last operations are steps");
  assert.ok(await page.locator(".lsm-chart-data tbody tr").count() > 5, "the charts have their points");
  await page.locator("h1").click();
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector(".caption .step-label")?.textContent.startsWith("Step 1 of"));
  assert.match(await page.locator(".caption").textContent(), /fast path ran 999988 operations/);
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector(".caption .step-label")?.textContent.startsWith("Step 2 of"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("Cancel stops a long workload where it is, keeps what ran and says so; the address names it", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openApp(page, app.server.url, "#/viz/lsm?workload=uniform&n=1000000&seed=7&compare=tiered");
  await page.locator(".replay-progress progress").waitFor({ timeout: 30000 });
  await page.waitForFunction(() => (document.querySelector(".replay-progress progress")?.value ?? 0) > 0, null, { timeout: 60000 });
  await page.getByRole("button", { name: "Cancel" }).click();
  await replayDone(page);
  assert.match(await page.locator(".replay-cancelled[role=status]").textContent(), /Cancelled at \d+ of \d+ on the fast path: what ran is kept/);
  // Keyboard focus goes to the message that replaced the button, not back to the page's top.
  await page.waitForFunction(() => document.activeElement?.closest(".replay-cancelled"), null, { timeout: 5000 });
  const s = await askState(page);
  assert.ok(s.metrics.ops > 12 && s.metrics.ops < 1000000, `ops after cancelling: ${s.metrics.ops}`);
  assert.equal(s.compare.metrics.ops, s.metrics.ops, "both structures ran the same share");
  await page.waitForFunction((n) => location.hash.includes(`n=${n}`), s.metrics.ops);
  // The cut workload's tail steps, like any other.
  await page.locator("h1").click();
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector(".caption .step-label")?.textContent.startsWith("Step 1 of"));
  assert.match(await page.locator(".caption").textContent(), new RegExp(`fast path ran ${s.metrics.ops - 12} operations`));
  assert.deepEqual(problems, []);
  await context.close();
});

test("malformed parameters are reported and the rest still loads", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openViz(page, "#/viz/lsm?strategy=btree&memtable=1&bits=x&n=5000000&ops=p5,q9,g5");
  const notices = await page.locator(".notices").textContent();
  for (const word of ["strategy", "memtable", "bits", "n", "q9"]) assert.ok(notices.includes(word), `notice for ${word}: ${notices}`);
  assert.match(notices, /2 to 4096/);
  const s = await askState(page);
  assert.equal(s.strategy, "leveled");
  assert.equal(s.metrics.ops, 2, "the good operations ran");
  // A bad number typed into an option is reported beside it.
  await page.locator("#lsm-memtable").fill("99999");
  await page.locator("#lsm-memtable").dispatchEvent("change");
  assert.match(await page.locator("#lsm-memtable-error").textContent(), /2 to 4096/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("embeds fit 800×450 and 640×360 for every controls= setting, nothing overlapping or outside", async () => {
  // Step 119 of the cascade is the tallest drawing (five L0 rows and a table being written):
  // text enlarged for a small frame must still not run into the next row.
  const scenarios = ["guided=leveled-cascade&step=126", "guided=leveled-cascade&step=119", "guided=bloom-skips&step=20&legend=1", "guided=tiered-vs-leveled"];
  await eachEmbed(app.browser, app.server.url, "lsm", scenarios, (report, label) => {
    assert.equal(report.scroll, false, `${label}: no page scrollbars`);
    assert.deepEqual(report.outside, [], `${label}: everything inside the frame`);
    assert.deepEqual(report.overlaps, [], `${label}: nothing overlaps`);
    assert.ok(report.labelCount > 5, `${label}: the stage draws its labels as SVG text (${report.labelCount})`);
    assert.deepEqual(report.labelOverlaps, [], `${label}: no two labels overlap`);
  });
});
