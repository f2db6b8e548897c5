// Trunk post-build hook: minifies the wasm-bindgen JS glue of release builds with terser.
// Trunk's own minifier fails on this glue ("RequiredTokenNotFound") and ships it as is; the
// glue is part of every first load, so this keeps about 3 KB gzip out of it. The rust links in
// index.html set data-integrity="none", since the files change after Trunk hashes them.
// The stylesheets Trunk copies as they are (viz.css, study.css: loaded by the modules that need
// them) lose their comments and indentation here: 1.4 KB gzip off every visualizer's visit.
import fs from "node:fs/promises";
import path from "node:path";
import { minify } from "terser";

if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");

async function* shippedFiles(dir) {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* shippedFiles(full);
    // The host script for slide decks stays as written: instructors read it.
    else if ((entry.name.endsWith(".js") && entry.name !== "strata-embed.js") || entry.name.endsWith(".css")) yield full;
  }
}

for await (const file of shippedFiles(staging)) {
  const code = await fs.readFile(file, "utf8");
  if (file.endsWith(".css")) {
    // No stylesheet here has "/*" inside a string or url(), so comments are plain to find.
    await fs.writeFile(file, code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s*\n\s*/g, "\n").trim() + "\n");
    continue;
  }
  const result = await minify(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  await fs.writeFile(file, result.code);
}
