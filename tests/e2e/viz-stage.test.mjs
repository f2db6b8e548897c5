// The visualizer platform's stage in the release build: nothing stale whatever the path to a
// step (every guided scenario and compare mode stepped forward, back and forward again, with
// the drawing checked against the structure's own counts from the message API at every step),
// a drawing reached by stepping equal to a fresh one, embeds that fit their frame for every
// controls= setting, readable keys on a 1,000-key tree, the legend, guided scenarios that
// guide, and the smaller faults (backticks, contrast, Compare jumping, tap targets).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import { newPage, openApp, askState, eachEmbed } from "./support.mjs";
import { appUnderTest } from "./fixture.mjs";

const app = appUnderTest();
const GUIDED = ["first-root-split", "delete-borrows", "delete-merges", "b-vs-bplus", "bplus-range-scan"];

async function openViz(page, hash) {
  await openApp(page, app.server.url, hash);
  await page.waitForSelector(".caption .step-label");
}

const getState = askState;

/** The structure's own counts: nodes, keys and parent-child edges (an empty tree has none). */
function counts(tree) {
  if (tree.keys.length === 0 && tree.children.length === 0) return { nodes: 0, keys: 0, edges: 0 };
  let nodes = 0;
  let keys = 0;
  const walk = (n) => { nodes += 1; keys += n.keys.length; n.children.forEach(walk); };
  walk(tree);
  return { nodes, keys, edges: nodes - 1 };
}

/** What each figure draws: node boxes, key cells and edges, counted in the DOM. */
const drawn = (page) => page.evaluate(() => [...document.querySelectorAll(".tree-figure svg.scene-svg")].map((svg) => ({
  nodes: svg.querySelectorAll("g.node").length,
  keys: svg.querySelectorAll("g.key").length,
  edges: svg.querySelectorAll("path.edge").length,
})));

/** Checks the drawing against the message API's state at the current step; returns the state. */
async function expectDrawingMatches(page, label) {
  const state = await getState(page);
  const want = [counts(state.tree), ...(state.compare ? [counts(state.compare.tree)] : [])];
  // The view redraws just after the step changes: give it a moment, then insist.
  await page.waitForFunction((w) => {
    const got = [...document.querySelectorAll(".tree-figure svg.scene-svg")].map((svg) => ({
      nodes: svg.querySelectorAll("g.node").length, keys: svg.querySelectorAll("g.key").length, edges: svg.querySelectorAll("path.edge").length,
    }));
    return JSON.stringify(got) === JSON.stringify(w);
  }, want, { timeout: 2000 }).catch(() => {});
  assert.deepEqual(await drawn(page), want, `${label}, step ${state.step}`);
  return state;
}

/** Forward to the end, back to the start and forward again, checking every step. */
async function walk(page, label) {
  await page.locator(".caption").click();
  await page.keyboard.press("Home");
  let state = await expectDrawingMatches(page, `${label} start`);
  const steps = state.steps;
  for (const [key, pass] of [["ArrowRight", "forward"], ["ArrowLeft", "back"], ["ArrowRight", "forward again"]]) {
    for (let i = 0; i < steps; i++) {
      await page.keyboard.press(key);
      state = await expectDrawingMatches(page, `${label} ${pass}`);
    }
  }
  assert.equal(state.step, steps);
}

for (const slug of GUIDED) {
  test(`guided ${slug}: the drawing matches the tree at every step, forward, back and forward`, async () => {
    const { context, page, problems } = await newPage(app.browser, { viewport: { width: 1280, height: 800 } });
    await openViz(page, `#/viz/btree?guided=${slug}`);
    await walk(page, slug);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("compare mode with deletes: nothing stale, and a stepped drawing equals a fresh one", async () => {
  const { context, page, problems } = await newPage(app.browser, { viewport: { width: 1280, height: 800 } });
  const hash = "#/viz/btree?degree=3&ops=i10,i20,i30,i40,i50,i60,i70,d10,d40,d70&compare=bplus:4&step=0";
  await openViz(page, hash);
  await walk(page, "compare");

  // The same step through the scrubber, the history and compare off and on again.
  const picture = (p) => p.evaluate(() => [...document.querySelectorAll(".tree-figure svg.scene-svg")].map((svg) =>
    [...svg.querySelectorAll("[data-id]")].map((el) => {
      const style = el.getAttribute("style") ?? "";
      const place = (style.match(/transform:[^;]+|d:path\([^)]*\)/) ?? [""])[0];
      const rect = el.querySelector("rect")?.getAttribute("style")?.match(/width:[^;]+;height:[^;]+/)?.[0] ?? "";
      return `${el.dataset.id} ${el.getAttribute("class").replace(" entering", "")} ${place} ${rect} ${el.textContent}`;
    }).sort().join("\n")));
  const target = 14;
  await page.locator(".scrubber").fill(String(target));
  await expectDrawingMatches(page, "scrubber");
  await page.locator(".history li button").nth(2).click();
  await page.locator(".caption").click();
  for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
  await page.locator(".scrubber").fill(String(target));
  await page.waitForTimeout(1500); // every transition settled
  const stepped = await picture(page);
  const fresh = await context.newPage();
  await openViz(fresh, hash.replace("step=0", `step=${target}`));
  await fresh.waitForTimeout(300);
  assert.equal(stepped.length, 2);
  const freshPicture = await picture(fresh);
  assert.deepEqual(stepped, freshPicture, "step 14 reached by stepping is drawn as a fresh page draws it");

  // Compare off, then on: still one figure per tree, each matching its tree.
  const toggle = page.getByLabel("Compare with a second tree");
  await toggle.uncheck();
  await page.waitForFunction(() => document.querySelectorAll(".tree-figure").length === 1);
  await expectDrawingMatches(page, "compare off");
  await toggle.check();
  await page.waitForFunction(() => document.querySelectorAll(".tree-figure").length === 2);
  await expectDrawingMatches(page, "compare on again");
  // Another scenario on the same page.
  await page.evaluate(() => { location.hash = "#/viz/btree?guided=delete-merges"; });
  await page.waitForFunction(() => /merges/.test(document.querySelector("h1")?.textContent ?? ""));
  await expectDrawingMatches(page, "another scenario");
  assert.deepEqual(problems, []);
  await context.close();
});

test("ticking Compare keeps the step; options keep it where they can", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openViz(page, "#/viz/btree?degree=4&ops=i10,i20,i30,i40,i50&step=3");
  await page.getByLabel("Compare with a second tree").check();
  await page.waitForFunction(() => document.querySelectorAll(".tree-figure").length === 2);
  const state = await getState(page);
  assert.equal(state.step, 3, "still step 3, not the last");
  assert.ok(state.compare);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a 1,000-key tree is drawn with keys at least 14 px high, and the view follows the step", async () => {
  const { context, page, problems } = await newPage(app.browser, { viewport: { width: 1280, height: 800 } });
  await openViz(page, "#/viz/btree?degree=3&fill=1000&seed=4&ops=i99999,s99999&step=1");
  await page.locator(".caption").click();
  await page.keyboard.press("End");
  await page.waitForTimeout(1200); // the smooth scroll to the found key
  const result = await page.evaluate(() => {
    const vp = document.querySelector(".stage-viewport").getBoundingClientRect();
    const texts = [...document.querySelectorAll("svg.scene-svg g.key text")];
    const visible = texts.filter((t) => { const r = t.getBoundingClientRect(); return r.right > vp.left && r.left < vp.right && r.bottom > vp.top && r.top < vp.bottom; });
    const found = document.querySelector("svg.scene-svg g.key.mark-found")?.getBoundingClientRect();
    return {
      // The scene's own count: a big scene keeps only the shapes near the view in the DOM.
      keys: Number(document.querySelector(".stage-viewport").dataset.counts.match(/key:(\d+)/)[1]),
      inDom: texts.length,
      visible: visible.length,
      minHeight: Math.min(...visible.map((t) => t.getBoundingClientRect().height)),
      fontSize: parseFloat(getComputedStyle(visible[0]).fontSize),
      scale: Number(document.querySelector(".stage-viewport").dataset.scale),
      foundInView: !!found && found.left >= vp.left && found.right <= vp.right && found.top >= vp.top && found.bottom <= vp.bottom,
      scrolls: document.querySelector(".stage-viewport").scrollWidth > vp.width,
    };
  });
  assert.ok(result.keys >= 1000, `every key is in the scene (${result.keys})`);
  assert.ok(result.inDom < result.keys, "only the keys near the view are in the DOM");
  assert.ok(result.visible > 0);
  assert.ok(result.minHeight >= 14, `key text at least 14 px high: ${JSON.stringify(result)}`);
  assert.ok(result.foundInView, `the found key is brought into view: ${JSON.stringify(result)}`);
  assert.ok(result.scrolls, "the stage scrolls sideways instead of shrinking the tree");
  // Fit is one zoom choice among others.
  await page.getByLabel("Zoom level").selectOption("fit");
  await page.waitForFunction(() => Number(document.querySelector(".stage-viewport").dataset.scale) < 50);
  await page.getByLabel("Zoom level").selectOption("1.5");
  await page.waitForFunction(() => document.querySelector(".stage-viewport").dataset.scale === "150");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the legend explains every highlight; guided scenarios open with what to watch and notes", async () => {
  const { context, page, problems } = await newPage(app.browser);
  await openViz(page, "#/viz/btree?guided=delete-borrows");
  assert.ok(await page.locator(".legend li").count() >= 5);
  assert.match(await page.locator(".legend").innerText(), /Overfull/);
  assert.equal(await page.locator("h1").innerText(), "A delete that borrows");
  assert.match(await page.locator(".guided-watch").innerText(), /What to watch/);
  assert.equal(await page.title(), "A delete that borrows · Strata");
  await page.locator(".caption").click();
  // Step 9 of this scenario carries a note; the address keeps guided=.
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.waitForSelector(".step-note");
  assert.match(await page.locator(".step-note").innerText(), /Notice/);
  await page.waitForFunction(() => /^#\/viz\/btree\?guided=delete-borrows&step=9$/.test(location.hash));
  // A node one key over its limit is called overfull, not "133% full".
  await openViz(page, "#/viz/btree?degree=4&ops=i10,i20,i30,i40&step=4");
  assert.match(await page.locator(".tree-stats").innerText(), /over its limit/);
  assert.doesNotMatch(await page.locator(".tree-stats").innerText(), /1\d\d%/);
  assert.equal(await page.locator("svg.scene-svg g.node.overfull").count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("messages show no raw backticks, and the error orange reaches 4.5:1 in the light theme", async () => {
  const { context, page, problems } = await newPage(app.browser, { colorScheme: "light" });
  await openViz(page, "#/viz/btree?ops=x9");
  assert.doesNotMatch(await page.locator(".notices").innerText(), /`/);
  await page.locator(".ops-form input[type=text]").fill("12 abc");
  await page.locator(".ops-form button[type=submit]").click();
  await page.waitForFunction(() => document.querySelector("#ops-error")?.textContent.length > 0);
  const error = await page.locator("#ops-error").innerText();
  assert.doesNotMatch(error, /`/);
  const ratio = await page.evaluate(() => {
    const rgb = (s) => s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
      .reduce((t, c, i) => t + c * [0.2126, 0.7152, 0.0722][i], 0);
    let el = document.querySelector("#ops-error");
    const fg = rgb(getComputedStyle(el).color);
    let bg = "rgba(0, 0, 0, 0)";
    while (el && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) { bg = getComputedStyle(el).backgroundColor; el = el.parentElement; }
    const [a, b] = [lum(fg), lum(rgb(bg))].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });
  assert.ok(ratio >= 4.5, `error text contrast ${ratio.toFixed(2)}:1`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a phone every visualizer control is at least 44 px high", async () => {
  const { context, page, problems } = await newPage(app.browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await openViz(page, "#/viz/btree?guided=first-root-split");
  const small = await page.evaluate(() => [...document.querySelectorAll(".viz button, .viz select, .viz input[type=text], .viz input[type=range]")]
    .filter((el) => el.offsetParent !== null)
    .map((el) => ({ what: el.getAttribute("aria-label") ?? el.textContent.trim().slice(0, 30), h: el.getBoundingClientRect().height }))
    .filter((b) => b.h < 44));
  assert.deepEqual(small, [], "controls under 44 px");
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a phone a wide tree opens on its root, not on an empty corner or a scrap of leaves", async () => {
  const { context, page, problems } = await newPage(app.browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await openViz(page, "#/viz/btree?variant=b&degree=4&fill=200&seed=3");
  const rootKeys = (await getState(page)).tree.keys.map(String);
  await page.waitForTimeout(500);
  const seen = await page.evaluate((rootKeys) => {
    const viewport = document.querySelector(".stage-viewport");
    const vp = viewport.getBoundingClientRect();
    // The root's keys are the topmost key cells with its values.
    const cells = [...document.querySelectorAll("svg.scene-svg g.key")].filter((g) => rootKeys.includes(g.textContent.trim()))
      .map((g) => g.getBoundingClientRect()).sort((a, b) => a.top - b.top).slice(0, rootKeys.length);
    const inView = (r) => r.left >= vp.left && r.right <= vp.right && r.top >= vp.top && r.bottom <= vp.bottom;
    return { wide: viewport.scrollWidth > vp.width * 1.5, scrolled: viewport.scrollLeft, cells: cells.length, inView: cells.every(inView) };
  }, rootKeys);
  assert.ok(seen.wide, `the tree is wider than the phone: ${JSON.stringify(seen)}`);
  assert.equal(seen.cells, rootKeys.length, `the root's keys are drawn: ${JSON.stringify(seen)}`);
  assert.ok(seen.inView, `the root is in view: ${JSON.stringify(seen)}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("embeds fit 800×450 and 640×360 for every controls= setting, nothing overlapping or outside", async () => {
  const scenarios = ["guided=b-vs-bplus&step=16", "guided=first-root-split&step=5&legend=1", "variant=b&degree=4&fill=200&seed=3"];
  await eachEmbed(app.browser, app.server.url, "btree", scenarios, async (report, label, frame) => {
    assert.equal(report.scroll, false, `${label}: no page scrollbars`);
    assert.deepEqual(report.outside, [], `${label}: everything inside the frame`);
    assert.deepEqual(report.overlaps, [], `${label}: nothing overlaps`);
    assert.equal(report.stageScroll, false, `${label}: the stage fits without scrollbars`);
    assert.deepEqual(report.innerOutside, [], `${label}: the stage's parts inside the frame`);
    assert.ok(Math.min(...report.stages) >= 80, `${label}: the stage keeps room (${report.stages})`);
    if (label.includes("guided")) assert.ok(await frame.locator(".embed-title").count(), `${label}: the scenario's title shows`);
    if (label.includes("legend=1")) assert.ok(await frame.locator(".legend li").count() >= 4, `${label}: legend=1 shows the legend`);
  });
});

/** The canvas lies inside the stage's visible box and fills it (or the whole scene, if smaller). */
async function expectCanvasInView(page) {
  const box = await page.evaluate(() => {
    const v = document.querySelector(".stage-viewport");
    const inner = { left: v.getBoundingClientRect().left + v.clientLeft, top: v.getBoundingClientRect().top + v.clientTop, width: v.clientWidth, height: v.clientHeight };
    const c = document.querySelector("canvas.scene-canvas").getBoundingClientRect();
    const spacer = document.querySelector(".canvas-spacer").getBoundingClientRect();
    return { inner, canvas: { left: c.left, top: c.top, width: c.width, height: c.height }, spacer: { width: spacer.width, height: spacer.height } };
  });
  const { inner, canvas } = box;
  assert.ok(canvas.left >= inner.left - 1 && canvas.top >= inner.top - 1, `canvas starts inside the view: ${JSON.stringify(box)}`);
  assert.ok(canvas.left + canvas.width <= inner.left + inner.width + 1 && canvas.top + canvas.height <= inner.top + inner.height + 1, `and ends inside it: ${JSON.stringify(box)}`);
  assert.ok(canvas.width >= Math.min(inner.width, box.spacer.width) - 2 && canvas.height >= Math.min(inner.height, box.spacer.height) - 2, `and fills it: ${JSON.stringify(box)}`);
}

test("a dense scene is drawn on a canvas: sharp, in the theme's ink, and gone again when the scene thins", async () => {
  const { context, page, problems } = await newPage(app.browser, { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  // 4,000 keys at degree 3: about 10,000 shapes, past the canvas threshold.
  await openViz(page, "#/viz/btree?degree=3&fill=2000&seed=5&ops=f2000");
  await page.waitForFunction(() => getComputedStyle(document.querySelector(".canvas-spacer")).display !== "none");
  const canvas = await page.evaluate(() => {
    const c = document.querySelector("canvas.scene-canvas");
    const ink = getComputedStyle(c).getPropertyValue("--ink").trim();
    // The theme's ink as the canvas itself writes it, to look for among the drawn pixels.
    const probe = document.createElement("canvas").getContext("2d");
    probe.fillStyle = ink;
    probe.fillRect(0, 0, 1, 1);
    const want = [...probe.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0) painted += 1;
      if (data[i + 3] === 255 && Math.abs(data[i] - want[0]) + Math.abs(data[i + 1] - want[1]) + Math.abs(data[i + 2] - want[2]) < 12) inked += 1;
    }
    return {
      bitmap: [c.width, c.height],
      css: [c.getBoundingClientRect().width, c.getBoundingClientRect().height],
      svgShapes: document.querySelectorAll("svg.scene-svg [data-id]").length,
      painted: painted / (data.length / 4),
      inked,
    };
  });
  // Two device pixels per CSS pixel: a sharp bitmap, not a stretched one.
  assert.equal(canvas.bitmap[0], Math.round(canvas.css[0] * 2));
  assert.equal(canvas.bitmap[1], Math.round(canvas.css[1] * 2));
  assert.equal(canvas.svgShapes, 0, "the SVG is emptied while the canvas draws");
  assert.ok(canvas.painted > 0.02, `the canvas shows the tree (${(canvas.painted * 100).toFixed(1)} % painted)`);
  assert.ok(canvas.inked > 200, `keys are written in the theme's ink (${canvas.inked} pixels)`);
  await expectCanvasInView(page);
  // Scrolled along, the canvas stays in view and is redrawn for what is now visible.
  await page.locator(".stage-viewport").evaluate((v) => { v.scrollLeft += 3000; });
  await page.waitForTimeout(200);
  await expectCanvasInView(page);
  // In an embed at 800×450 too, where Auto fits the whole scene into the frame.
  const embed = await context.newPage();
  await embed.setViewportSize({ width: 800, height: 450 });
  await openViz(embed, "#/embed/btree?degree=3&fill=2000&seed=5&ops=f2000&controls=full");
  await embed.waitForFunction(() => getComputedStyle(document.querySelector(".canvas-spacer")).display !== "none");
  await expectCanvasInView(embed);
  await embed.close();
  // A small scenario on the same page: back to SVG, no canvas left behind.
  await page.evaluate(() => { location.hash = "#/viz/btree?degree=3&ops=i1,i2,i3,i4"; });
  await page.waitForFunction(() => getComputedStyle(document.querySelector(".canvas-spacer")).display === "none");
  await expectDrawingMatches(page, "small after dense");
  assert.deepEqual(problems, []);
  await context.close();
});

/** Pixels that differ clearly (more than 48 in some channel) between two PNGs, decoded by the browser. */
async function pixelDiff(page, a, b) {
  return page.evaluate(async ([a, b]) => {
    const load = async (b64) => { const img = new Image(); img.src = `data:image/png;base64,${b64}`; await img.decode(); return img; };
    const [ia, ib] = [await load(a), await load(b)];
    const pixels = (img) => { const c = document.createElement("canvas"); c.width = img.width; c.height = img.height; const x = c.getContext("2d"); x.drawImage(img, 0, 0); return x.getImageData(0, 0, c.width, c.height).data; };
    const [pa, pb] = [pixels(ia), pixels(ib)];
    let changed = 0;
    for (let i = 0; i < Math.min(pa.length, pb.length); i += 4) {
      if (Math.max(Math.abs(pa[i] - pb[i]), Math.abs(pa[i + 1] - pb[i + 1]), Math.abs(pa[i + 2] - pb[i + 2])) > 48) changed += 1;
    }
    return { sameSize: ia.width === ib.width && ia.height === ib.height, changed, total: pa.length / 4 };
  }, [a.toString("base64"), b.toString("base64")]);
}

test("path independence, by picture: a step reached by stepping forward and back looks as a fresh page draws it", async () => {
  // Reduced motion, so every step is drawn at once and a screenshot is never mid-move; an embed
  // that fits, so the whole drawing is on screen whatever the scroll position would have been.
  const options = { viewport: { width: 800, height: 450 }, reducedMotion: "reduce" };
  const { context, page, problems } = await newPage(app.browser, options);
  const scenario = "degree=3&ops=i10,i20,i30,i40,i50,i60,i70,d10,d40,d70&compare=bplus:4&controls=none";
  await openViz(page, `#/embed/btree?${scenario}&step=0`);
  await page.locator("body").click();
  const picture = async (p) => { await p.waitForTimeout(150); return p.locator(".stage").screenshot({ animations: "disabled" }); };
  for (const [target, route] of [[9, "forward"], [4, "back"], [14, "forward again"]]) {
    const state = await askState(page);
    const key = target > state.step ? "ArrowRight" : "ArrowLeft";
    for (let i = 0; i < Math.abs(target - state.step); i++) await page.keyboard.press(key);
    assert.equal((await askState(page)).step, target);
    const stepped = await picture(page);
    const fresh = await context.newPage();
    await openViz(fresh, `#/embed/btree?${scenario}&step=${target}`);
    const drawn = await picture(fresh);
    await fresh.close();
    const diff = await pixelDiff(page, stepped, drawn);
    if (diff.changed > 0 && process.env.STRATA_SHOTS) {
      await fs.writeFile(`${process.env.STRATA_SHOTS}/stepped-${target}.png`, stepped);
      await fs.writeFile(`${process.env.STRATA_SHOTS}/fresh-${target}.png`, drawn);
    }
    // Text is rasterised a hair differently now and then; a stale or moved shape changes far more.
    assert.ok(diff.sameSize && diff.changed <= diff.total * 0.002, `step ${target} (${route}): ${diff.changed} of ${diff.total} pixels differ from a fresh page's`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
