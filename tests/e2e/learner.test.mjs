// The learner's pages on a phone (390×844, touch) and a laptop (1280×800): hours that agree,
// a compact header, a readable timeline with progress, a usable progress table, forgiving
// search, a bounded chart, tag links and the self-assessment's bands.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, openApp } from "./support.mjs";
import { appUnderTest } from "./fixture.mjs";

const app = appUnderTest();

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 };
const LAPTOP = { viewport: { width: 1280, height: 800 } };
const LONG_PATH = "data-engineer-complete-mastery";

async function go(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction((h) => location.hash === h && document.querySelector("main h1"), hash);
  await page.waitForTimeout(50);
}

/** Waits for a page drawn by the study module or behind the prose (it arrives after the hash). */
async function waitFor(page, selector) {
  await page.locator(selector).first().waitFor({ timeout: 15000 });
}

/** Writes a progress envelope with `marks` (key → state) and reloads. */
async function seed(page, marks, extra = {}) {
  const at = Date.now();
  const envelope = {
    format: "strata-progress", schema: 1, app: "test", updated: new Date(at).toISOString(),
    marks: Object.fromEntries(Object.entries(marks).map(([k, state]) => [k, { state, at }])),
    plans: extra.plans ?? {}, assessments: {},
  };
  await page.evaluate((text) => localStorage.setItem("strata:progress", text), JSON.stringify(envelope));
  await page.reload();
  await page.waitForSelector("html[data-ready='true']");
}

/** The item keys of a week page. */
async function itemKeys(page, path, week) {
  await go(page, `#/paths/${path}/${week}`);
  await waitFor(page, "li.item[data-key]");
  return page.locator("li.item[data-key]").evaluateAll((lis) => lis.map((li) => li.dataset.key));
}

// Relative luminance and contrast (WCAG 2), from computed `rgb()` colours.
function channels(css) {
  const m = css.match(/rgba?\(([^)]+)\)/);
  return m[1].split(",").map((x) => parseFloat(x));
}
function luminance(css) {
  const [r, g, b] = channels(css).slice(0, 3).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

for (const [name, size] of [["phone", PHONE], ["laptop", LAPTOP]]) {
  test(`${name}: the header is compact and every link in it is reachable by keyboard`, async () => {
    const { context, page, problems } = await newPage(app.browser, size);
    await openApp(page, app.server.url, "#/paths");
    const header = await page.locator(".site-header").boundingBox();
    assert.ok(header.height <= 64, `header is ${header.height} px tall`);
    const links = await page.locator(".site-header nav a").allInnerTexts();
    assert.deepEqual(links, ["Home", "Paths", "Progress", "Visualizers", "Search"]);
    // Tab through: skip link, brand, then each link, which comes into view when focused.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    for (const text of links) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement.innerText);
      assert.equal(focused, text);
      await page.waitForTimeout(100);
      const box = await page.evaluate(() => {
        const r = document.activeElement.getBoundingClientRect();
        const nav = document.querySelector(".site-header nav").getBoundingClientRect();
        return { left: r.left, right: r.right, navLeft: nav.left, navRight: nav.right };
      });
      assert.ok(box.left >= box.navLeft - 1 && box.right <= box.navRight + 1, `${text} is scrolled into view: ${JSON.stringify(box)}`);
    }
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "theme-toggle");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${name}: timeline labels never overlap, read at 4.5:1, and finished weeks look finished`, async () => {
    const { context, page, problems } = await newPage(app.browser, size);
    await openApp(page, app.server.url);
    const week1 = await itemKeys(page, LONG_PATH, "w01-02");
    const week3 = await itemKeys(page, LONG_PATH, "w03");
    const marks = Object.fromEntries([...week1.map((k) => [k, "done"]), [week3[0], "done"]]);
    await seed(page, marks);
    for (const theme of ["light", "dark"]) {
      await page.evaluate((t) => { localStorage.setItem("strata:theme", t); document.documentElement.dataset.theme = t; }, theme);
      for (const path of ["data-intensive-systems", "data-platform-architect", LONG_PATH]) {
        await go(page, `#/paths/${path}`);
        await waitFor(page, ".timeline a");
        const segments = await page.locator(".timeline a").evaluateAll((as) => as.map((a) => {
          const label = a.querySelector("span").getBoundingClientRect();
          const box = a.getBoundingClientRect();
          const style = getComputedStyle(a);
          return {
            text: a.innerText, state: a.dataset.state,
            label: { left: label.left, right: label.right, top: label.top, bottom: label.bottom },
            box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
            color: style.color, background: style.backgroundColor,
          };
        }));
        for (const [i, s] of segments.entries()) {
          assert.ok(s.label.left >= s.box.left && s.label.right <= s.box.right, `${path} week ${s.text}: its label fits its segment`);
          for (const t of segments.slice(i + 1)) {
            const apart = s.label.right <= t.label.left || t.label.right <= s.label.left || s.label.bottom <= t.label.top || t.label.bottom <= s.label.top;
            assert.ok(apart, `${path}: labels ${s.text} and ${t.text} overlap`);
          }
          const ratio = contrast(s.color, s.background);
          assert.ok(ratio >= 4.5, `${path} ${theme} week ${s.text} (${s.state}): ${s.color} on ${s.background} is ${ratio.toFixed(2)}:1`);
        }
        if (path === LONG_PATH) {
          assert.equal(segments[0].state, "done");
          assert.equal(segments[1].state, "started");
          assert.equal(segments[2].state, "todo");
          assert.notEqual(segments[0].background, segments[2].background, "a finished week looks different");
          const started = await page.locator(".timeline a").nth(1).evaluate((a) => getComputedStyle(a).getPropertyValue("--done").trim());
          assert.match(started, /^[1-9]\d?%$/, "a started week shows how far it is");
        }
      }
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${name}: every column of the progress table is on screen, and import is a styled button`, async () => {
    const { context, page, problems } = await newPage(app.browser, size);
    await openApp(page, app.server.url, "#/progress");
    await waitFor(page, ".overview tbody tr");
    const width = size.viewport.width;
    const cells = await page.locator(".overview tbody tr").evaluateAll((rows) => rows.flatMap((tr) =>
      [...tr.children].map((c) => { const r = c.getBoundingClientRect(); return { text: c.innerText, left: r.left, right: r.right, label: c.dataset.label ?? "path" }; })));
    assert.equal(cells.length, 5 * 8);
    for (const c of cells) {
      assert.ok(c.left >= 0 && c.right <= width, `${c.label} “${c.text}” runs off a ${width} px screen (${c.left}–${c.right})`);
    }
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= width, `the page scrolls sideways: ${scrollWidth}`);
    if (width < 600) {
      const labelled = await page.locator(".overview td").first().evaluate((td) => getComputedStyle(td, "::before").content);
      assert.equal(labelled, '"Finished"', "each figure is labelled on a narrow screen");
    }
    const button = page.locator("label.file-button");
    const look = await button.evaluate((b) => { const s = getComputedStyle(b); return { radius: s.borderRadius, border: s.borderTopStyle, cursor: s.cursor, height: b.getBoundingClientRect().height }; });
    assert.equal(look.border, "solid");
    assert.notEqual(look.radius, "0px");
    assert.equal(look.cursor, "pointer");
    // The input behind it still takes focus, and the button shows it.
    await page.locator("#import-file").focus();
    const ring = await button.evaluate((b) => getComputedStyle(b).outlineStyle);
    assert.equal(ring, "solid");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("phone: every control is at least 44 px tall on a touch screen", async () => {
  const { context, page, problems } = await newPage(app.browser, PHONE);
  await openApp(page, app.server.url);
  assert.equal(await page.evaluate(() => matchMedia("(pointer: coarse)").matches), true);
  const tooSmall = async (selector) => page.locator(selector).evaluateAll((els) => els
    .filter((e) => e.getClientRects().length > 0)
    .map((e) => ({ text: e.innerText.slice(0, 30), h: e.getBoundingClientRect().height }))
    .filter((e) => e.h < 43.5));
  assert.deepEqual(await tooSmall(".site-header a, .theme-toggle, .button"), []);
  await go(page, `#/paths/${LONG_PATH}`);
  await waitFor(page, ".timeline a");
  assert.deepEqual(await tooSmall(".timeline a, .week-list a, .breadcrumbs a"), []);
  await go(page, "#/paths/data-intensive-systems/w01");
  await waitFor(page, ".state-button");
  assert.deepEqual(await tooSmall(".state-button, .tags a, .validation label, .pager a"), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("hours agree: the card, the path page, its phases, weeks, items, the progress page and the plan", async () => {
  const { context, page, problems } = await newPage(app.browser, LAPTOP);
  await openApp(page, app.server.url);
  const cards = await page.locator(".path-card").evaluateAll((cs) => cs.map((c) => Number(c.querySelector("[data-minutes]").dataset.minutes)));
  const ids = ["data-intensive-systems", "data-engineer", "data-platform-architect", "data-engineering-mastery-plan", LONG_PATH];
  for (const [i, id] of ids.entries()) {
    await go(page, `#/paths/${id}`);
    await waitFor(page, ".phase");
    const figures = await page.evaluate(() => {
      const n = (el) => Number(el.dataset.minutes);
      return {
        all: n(document.querySelector(".facts [data-minutes]")),
        phases: [...document.querySelectorAll(".phase")].map((p) => ({ phase: n(p.querySelector("h3 [data-minutes]")), weeks: [...p.querySelectorAll(".week-list [data-minutes]")].map(n) })),
      };
    });
    assert.equal(figures.all, cards[i], `${id}: the card against the page`);
    assert.equal(figures.phases.reduce((s, p) => s + p.phase, 0), figures.all, `${id}: phases against the path`);
    for (const p of figures.phases) assert.equal(p.weeks.reduce((s, w) => s + w, 0), p.phase, `${id}: weeks against the phase`);
    if (id === "data-intensive-systems") {
      // The 20–25 h week counts 22.5 h and its items add up to exactly that.
      assert.equal(figures.all, 298 * 60);
      await go(page, `#/paths/${id}/w01`);
      await waitFor(page, ".group");
      const week = await page.evaluate(() => ({
        time: Number(document.querySelector(".facts [data-minutes]").dataset.minutes),
        items: [...document.querySelectorAll(".item [data-minutes]")].map((e) => Number(e.dataset.minutes)),
        note: document.querySelector("#hours-note")?.innerText ?? "",
      }));
      assert.equal(week.time, 1350);
      assert.equal(week.items.reduce((s, m) => s + m, 0), 1350);
      assert.match(week.note, /add up to/);
    }
  }
  await go(page, "#/progress");
  await waitFor(page, ".overview tbody tr");
  const left = await page.locator(".overview tbody tr").first().locator("td[data-label='Hours left']").innerText();
  assert.equal(left, "298 h");
  await go(page, "#/plan/data-intensive-systems");
  await waitFor(page, "#suggested");
  assert.match(await page.locator("#suggested").innerText(), /298 h over 12 weeks .*24\.9 h a week finishes it in 12 weeks/);
  assert.equal(await page.locator("#plan-hours").inputValue(), "24.9");
  assert.deepEqual(problems, []);
  await context.close();
});

test("search forgives spellings and typos, says why a tag matched, and finds the visualizer", async () => {
  const { context, page, problems } = await newPage(app.browser, LAPTOP);
  await openApp(page, app.server.url, "#/search");
  await waitFor(page, "#search-input");
  const run = async (q) => {
    await page.locator("#search-input").fill(q);
    await page.waitForFunction(() => document.querySelector("#search-status")?.innerText.match(/result|No results/));
    return page.locator("#search-results > li").evaluateAll((lis) => lis.map((li) => ({
      target: li.dataset.target, href: li.querySelector("a").getAttribute("href"), text: li.innerText,
      marks: [...li.querySelectorAll("mark")].map((m) => m.innerText.toLowerCase()),
    })));
  };
  for (const q of ["btree", "b-tree", "b+ tree", "bplus", "bplus tree"]) {
    const hits = await run(q);
    assert.ok(hits.some((h) => h.target === "week"), `${q} finds weeks`);
    const viz = hits.findIndex((h) => h.target === "visualizer");
    assert.ok(viz >= 0 && viz < 5, `${q} finds the B-tree visualizer near the top (at ${viz})`);
    assert.equal(hits[viz].href, "#/viz/btree");
    assert.ok(hits.some((h) => h.target === "scenario" && h.href.startsWith("#/viz/btree?guided=")), `${q} finds guided scenarios`);
  }
  for (const q of ["lsm", "log-structured", "sstable", "consistent hashing", "hash ring"]) {
    const hits = await run(q);
    assert.ok(hits.filter((h) => h.target === "week").length >= 2, `${q} finds weeks`);
  }
  const lsm = await run("log-structured");
  assert.ok(lsm.some((h) => h.marks.some((m) => m.includes("lsm"))), "log-structured marks LSM in the results");
  const typo = await run("kafak");
  assert.ok(typo.length > 0, "kafak finds something");
  assert.ok(typo.some((h) => h.marks.includes("kafka")), "the typo's match is marked");
  const tagged = (await run("sharding")).find((h) => h.target === "week" && /Tagged Sharding on “/.test(h.text));
  assert.ok(tagged, "a week found by its tag says which tag and item");
  assert.deepEqual(problems, []);
  await context.close();
});

test("tag pills are links, and a case study's label does not run into its title", async () => {
  const { context, page, problems } = await newPage(app.browser, LAPTOP);
  await openApp(page, app.server.url, "#/paths/data-intensive-systems/w01");
  await waitFor(page, ".tags a");
  const btree = page.locator(".tags a[data-tag='btree']").first();
  assert.equal(await btree.getAttribute("href"), "#/viz/btree");
  const lsm = page.locator(".tags a[data-tag='lsm']").first();
  // Every tag now has a visualizer: the LSM pill opens the LSM tree's.
  assert.equal(await lsm.getAttribute("href"), "#/viz/lsm");
  await lsm.click();
  await waitFor(page, ".viz-lsm .caption .step-label");
  await go(page, "#/paths/data-intensive-systems/w01");
  await waitFor(page, ".item[data-kind='Case study']");
  const gaps = await page.locator(".item[data-kind='Case study']").evaluateAll((items) => items.map((li) => {
    const kind = li.querySelector(".kind").getBoundingClientRect();
    const title = li.querySelector(".item-title").getBoundingClientRect();
    return title.top >= kind.bottom - 1 ? 99 : title.left - kind.right;
  }));
  assert.ok(gaps.length > 0);
  for (const gap of gaps) assert.ok(gap >= 4, `the label is ${gap} px from its title`);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [name, size] of [["phone", PHONE], ["laptop", { ...LAPTOP, deviceScaleFactor: 2 }]]) {
  test(`${name}: the activity chart's bars are bounded and its canvas matches the device pixels`, async () => {
    const { context, page, problems } = await newPage(app.browser, size);
    await openApp(page, app.server.url);
    const keys = await itemKeys(page, "data-engineer", "w01");
    await seed(page, { [keys[0]]: "done", [keys[1]]: "done" }, { plans: { "data-engineer": { start: new Date().toISOString().slice(0, 10), hoursPerWeek: 10, at: Date.now() } } });
    await go(page, "#/plan/data-engineer");
    await waitFor(page, "canvas.activity-chart");
    await page.waitForTimeout(300);
    const measured = await page.locator("canvas.activity-chart").evaluate((c) => {
      const ratio = devicePixelRatio;
      const css = c.getBoundingClientRect();
      const ctx = c.getContext("2d");
      const accent = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim();
      const want = [1, 3, 5].map((i) => parseInt(accent.slice(i, i + 2), 16));
      // The widest run of bar-coloured pixels along a row just above the x axis.
      let widest = 0;
      for (let y = Math.floor(c.height * 0.5); y < c.height * 0.85; y += Math.max(1, Math.floor(ratio * 4))) {
        const row = ctx.getImageData(0, y, c.width, 1).data;
        let run = 0;
        for (let x = 0; x < c.width; x++) {
          const near = Math.abs(row[x * 4] - want[0]) + Math.abs(row[x * 4 + 1] - want[1]) + Math.abs(row[x * 4 + 2] - want[2]) < 30;
          run = near ? run + 1 : 0;
          widest = Math.max(widest, run);
        }
      }
      return { ratio, backing: [c.width, c.height], css: [css.width, css.height], widestCss: widest / ratio };
    });
    assert.ok(measured.css[0] >= Math.min(size.viewport.width - 40, 700), `the chart fills its column (${measured.css[0]} px), not a guessed size`);
    assert.equal(measured.backing[0], Math.round(measured.css[0] * measured.ratio), "backing store width is CSS width × devicePixelRatio");
    assert.equal(measured.backing[1], Math.round(measured.css[1] * measured.ratio));
    assert.ok(measured.widestCss > 4, `a bar is drawn (${measured.widestCss} px)`);
    assert.ok(measured.widestCss <= 37, `one week's bar is ${measured.widestCss} CSS px wide`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("the self-assessment says what every total means, below 8 and the unreachable expert band included", async () => {
  const { context, page, problems } = await newPage(app.browser, LAPTOP);
  await openApp(page, app.server.url, "#/plan/data-intensive-systems");
  await waitFor(page, ".bands tbody tr");
  const rows = await page.locator(".bands tbody tr").allInnerTexts();
  assert.equal(rows.length, 5);
  assert.match(rows[0], /^5–7\s+Full path/);
  assert.match(rows[0], /below 8/);
  assert.match(rows[1], /^8–15\s+Full path/);
  assert.match(rows[3], /^23–25\s+Accelerated path[\s\S]*23–28/);
  assert.match(rows[4], /^cannot be reached\s+Expert track[\s\S]*29\+/);
  for (const radio of await page.locator(".domain input[value='1']").all()) await radio.check();
  await page.waitForFunction(() => /Total 5 of 25/.test(document.querySelector(".assessment-result").innerText));
  assert.match(await page.locator(".assessment-result").innerText(), /below the source's lowest band \(8\).*Full path/);
  assert.deepEqual(problems, []);
  await context.close();
});
