// Renders the app icons (assets/icons/*.png) from the favicon's three bars with headless
// Chromium. The PNGs are committed; run this again only when the mark changes:
//   node scripts/make-icons.mjs
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../tests/e2e/support.mjs";

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../assets/icons");
const bars = `<rect x="3" y="4" width="18" height="4" rx="1" fill="#0b6e99"/>
  <rect x="3" y="10" width="14" height="4" rx="1" fill="#2a9d8f"/>
  <rect x="3" y="16" width="10" height="4" rx="1" fill="#e9a23b"/>`;
// "any": a rounded tile; "maskable": full bleed, the mark inside the central safe zone.
const icons = [
  { file: "icon-192.png", size: 192, svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#fbfaf7"/><g transform="translate(2.4 2.4) scale(0.8)">${bars}</g></svg>` },
  { file: "icon-512.png", size: 512, svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#fbfaf7"/><g transform="translate(2.4 2.4) scale(0.8)">${bars}</g></svg>` },
  { file: "icon-maskable-512.png", size: 512, svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" fill="#fbfaf7"/><g transform="translate(4.8 4.8) scale(0.6)">${bars}</g></svg>` },
];
const browser = await launchBrowser();
try {
  for (const { file, size, svg } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await fs.writeFile(path.join(out, file), await page.screenshot({ omitBackground: true }));
    await page.close();
  }
} finally {
  await browser.close();
}
