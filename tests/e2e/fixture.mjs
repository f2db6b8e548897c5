// The shared setup of every browser test file: dist/ served on loopback and one headless
// Chromium, started before the file's tests and stopped after them.
import { before, after } from "node:test";
import { serveStatic, launchBrowser } from "./support.mjs";

/** Returns `{ server, browser }`, filled in before the first test runs. */
export function appUnderTest() {
  const app = {};
  before(async () => {
    app.server = await serveStatic();
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
