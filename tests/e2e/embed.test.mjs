// The Embed dialog of a visualizer: the snippets follow the scenario, the step and the options,
// bad sizes are explained in place, copying works, and the snippet's address shows the same step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, openApp } from "./support.mjs";
import { appUnderTest } from "./fixture.mjs";

const app = appUnderTest();

const stepLabel = (page) => page.locator(".caption .step-label").textContent();

test("the Embed dialog builds snippets for the current scenario and step, and copies them", async () => {
  const { context, page, problems } = await newPage(app.browser);
  try {
    await openApp(page, app.server.url, "#/viz/btree?degree=3&ops=i5,i9,i2,i7&step=0");
    await page.waitForSelector(".caption .step-label");
    await page.locator(".caption").click();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => /^Step 3 of/.test(document.querySelector(".caption .step-label").textContent));

    const open = page.getByRole("button", { name: "Embed" });
    await open.click();
    const dialog = page.getByRole("dialog", { name: "Embed this scenario" });
    await dialog.waitFor();
    assert.match(await dialog.locator("label.check").textContent(), /current step \(3\)/);

    // Keys inside the dialog are the dialog's: the player behind it stays at step 3, with
    // focus on a button or fallen to the page behind.
    await dialog.getByRole("button", { name: "Close" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press("PageDown");
    assert.match(await stepLabel(page), /^Step 3 of/);

    await dialog.getByLabel("Theme").selectOption("dark");
    await dialog.getByLabel("Controls").selectOption("none");
    await dialog.getByLabel("Width").fill("640");
    const html = await dialog.getByLabel("HTML").inputValue();
    assert.match(html, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/#\/embed\/btree\?degree=3&ops=i5,i9,i2,i7&controls=none&theme=dark&step=3" width="640" height="450"/);
    assert.match(html, /title="Strata: B-tree, degree 3"/);
    assert.match(html, /<script src="http:\/\/127\.0\.0\.1:\d+\/strata-embed\.js"><\/script>/);
    const link = await dialog.getByLabel("Link").inputValue();
    assert.match(link, /#\/embed\/btree\?degree=3&ops=i5,i9,i2,i7&controls=none&theme=dark&step=3$/);
    assert.match(await dialog.getByLabel("reveal.js").inputValue(), /<section>\n {2}<iframe data-src="[^"]+step=3" width="640"/);
    assert.match(await dialog.getByLabel("Slidev").inputValue(), /^---\nlayout: default\n---\n\n# Strata: B-tree, degree 3\n\n<iframe src="[^"]+step=3"/);

    // A size out of range is explained next to the field; the snippet keeps a usable size.
    await dialog.getByLabel("Width").fill("12");
    assert.match(await dialog.locator("#embed-width-error").textContent(), /from 240 to 3840/);
    assert.equal(await dialog.getByLabel("Width").getAttribute("aria-invalid"), "true");
    assert.match(await dialog.getByLabel("HTML").inputValue(), /width="800"/);
    await dialog.getByLabel("Width").fill("640");

    // Without "current step" the embed starts at the scenario's end.
    await dialog.getByRole("checkbox").uncheck();
    assert.doesNotMatch(await dialog.getByLabel("Link").inputValue(), /step=/);
    await dialog.getByRole("checkbox").check();

    assert.equal(await dialog.getByRole("link", { name: "See a sample deck" }).getAttribute("href"), "deck/");
    await dialog.getByRole("button", { name: "Copy Link" }).click();
    await page.waitForFunction(() => /copied/i.test(document.querySelector(".embed-status")?.textContent ?? ""));

    // Escape closes it and focus goes back to the button.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Embed");

    // The address from the dialog shows that very step, dark, without controls.
    const embed = await context.newPage();
    await embed.goto(link);
    await embed.waitForSelector(".caption .step-label");
    assert.match(await stepLabel(embed), /^Step 3 of/);
    assert.equal(await embed.evaluate(() => document.documentElement.getAttribute("data-theme")), "dark");
    assert.equal(await embed.locator(".player").count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
