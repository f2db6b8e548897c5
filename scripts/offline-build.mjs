// Trunk post-build hook, after minify-glue.mjs: ships the curriculum's prose
// (curriculum-prose.txt, fetched by the shell with the first path page) and makes the release
// site work offline and as one file. In the staging directory it writes
//   strata.html  the whole app in one self-contained HTML file that opens from disk (file://);
//   sw.js        the service worker (web/sw.js) with every file of the build and its SHA-256;
// and stamps index.html with the build's version, so a page can tell whether the worker that
// controls it serves its own version.
// Debug builds get a sw.js that removes any worker a release build left on the same origin, so
// `trunk serve` never shows a cached release.
import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const staging = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook (or pass the directory)");
const release = process.env.TRUNK_PROFILE ? process.env.TRUNK_PROFILE === "release" : true;

/** Files of the build that are not part of the offline copy: the worker itself, and the single
 * file (a download of about a megabyte that the offline site does not need). */
const OUTSIDE_PRECACHE = new Set(["sw.js", "strata.html"]);

const sha256 = (bytes) => crypto.createHash("sha256").update(bytes).digest("hex");

async function listFiles(dir, prefix = "") {
  const out = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...await listFiles(path.join(dir, entry.name), `${rel}/`));
    else out.push(rel);
  }
  return out.sort();
}

const KILL_SWITCH = `// Debug build: no offline cache. This removes a worker (and its caches) left by a release
// build at the same address, then reloads its pages so they come from the development server.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  const mine = \`strata:\${self.registration.scope}:\`;
  for (const name of await caches.keys()) if (name.startsWith(mine)) await caches.delete(name);
  await self.registration.unregister();
  for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url);
})()));
`;

// The curriculum's prose, which the shell fetches with the first path page (see
// src/curriculum/prose.rs); crates/curriculum/build.rs wrote it during this build.
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
await fs.copyFile(path.join(targetDir, "generated/curriculum-prose.txt"), path.join(staging, "curriculum-prose.txt"));

if (!release) {
  await fs.writeFile(path.join(staging, "sw.js"), KILL_SWITCH);
  process.exit(0);
}

const read = (rel) => fs.readFile(path.join(staging, rel));
const files = (await listFiles(staging)).filter((f) => !OUTSIDE_PRECACHE.has(f));
// Without an earlier stamp, so running this again over a build (as the tests do) is safe.
const indexHtml = (await read("index.html")).toString("utf8").replace(/<meta name="strata-version"[^>]*>/, "");

// 1. The single file, from the unstamped index.html (a copy on disk has no worker).
await fs.writeFile(path.join(staging, "strata.html"), await singleFile(indexHtml));

// 2. The version: a hash of every file's name and contents.
const hashes = new Map();
for (const file of files) hashes.set(file, sha256(await read(file)));
const version = sha256([...hashes].map(([f, h]) => `${f} ${h}\n`).join("")).slice(0, 16);

// 3. index.html learns its version (after hashing the rest, so the stamp is part of the list).
const stamped = indexHtml.replace("</title>", `</title><meta name="strata-version" content="${version}">`);
if (stamped === indexHtml) throw new Error("index.html has no </title> to stamp the version after");
await fs.writeFile(path.join(staging, "index.html"), stamped);
hashes.set("index.html", sha256(stamped));

// 4. The worker.
const template = await fs.readFile(path.join(root, "web/sw.js"), "utf8");
const list = JSON.stringify([...hashes]);
const worker = template.replace("%VERSION%", version).replace("/*FILES*/[]", list);
if (!worker.includes(version) || !worker.includes(list)) throw new Error("web/sw.js lost its VERSION or FILES placeholder");
await fs.writeFile(path.join(staging, "sw.js"), worker);
console.log(`offline-build: sw.js precaches ${hashes.size} files as version ${version}; strata.html written`);

/**
 * The whole app in one HTML file. Module scripts and fetch do not work from file://, so the wasm
 * modules travel gzipped and base64-encoded in inert <script> elements, and a small inline
 * module script turns each into bytes (DecompressionStream) and its JS glue into a blob: URL to
 * import. `window.strataSingleFile.load(name)` is what src/viz_host.rs uses instead of fetching,
 * and `.prose()` what src/curriculum/prose.rs uses (the curriculum's prose travels the same way).
 */
async function singleFile(html) {
  const shell = /from\s*['"]\.\/(strata-[0-9a-f]+)\.js['"]/.exec(html)?.[1];
  if (!shell) throw new Error("index.html does not import the shell's strata-<hash>.js");
  // The shell, then every lazily loaded module: the study tools and one per visualizer.
  const modules = { strata: shell };
  for (const f of files) {
    const lazy = /^(strata-(?:study|viz-[a-z0-9-]+))_bg\.wasm$/.exec(f)?.[1];
    if (lazy) modules[lazy] = lazy;
  }
  if (!modules["strata-study"] || !Object.keys(modules).some((m) => m.startsWith("strata-viz-"))) {
    throw new Error(`the single file needs the study and visualizer modules; found ${Object.keys(modules)}`);
  }

  const glue = {};
  const payloads = [];
  for (const [name, file] of Object.entries(modules)) {
    glue[name] = (await read(`${file}.js`)).toString("utf8");
    const packed = zlib.gzipSync(await read(`${file}_bg.wasm`), { level: 9 }).toString("base64");
    payloads.push(`<script type="application/octet-stream" id="packed-${name}">${packed}</script>`);
  }
  // The prose, which src/curriculum/prose.rs asks strataSingleFile.prose() for instead of fetching.
  payloads.push(`<script type="application/octet-stream" id="packed-prose">${zlib.gzipSync(await read("curriculum-prose.txt"), { level: 9 }).toString("base64")}</script>`);
  // The shell's wasm-bindgen snippets (inline_js), imported by its glue by relative path.
  const snippets = {};
  for (const file of files.filter((f) => f.startsWith("snippets/"))) {
    snippets[`./${file}`] = (await read(file)).toString("utf8");
  }

  const loader = `
const glue = ${scriptJson(glue)};
const snippets = ${scriptJson(snippets)};
const asModule = (text) => URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
const snippetUrls = Object.fromEntries(Object.entries(snippets).map(([path, text]) => [path, asModule(text)]));
async function unpack(name) {
  const text = document.getElementById("packed-" + name).textContent;
  const packed = Uint8Array.fromBase64 ? Uint8Array.fromBase64(text) : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
}
const loaded = {};
function load(name) {
  return loaded[name] ??= (async () => {
    // Only the import statements change: the same path is also the name the wasm module's
    // imports are keyed by, which must stay.
    const text = glue[name].replace(/(from\\s*)(["'])(\\.\\/snippets\\/[^"']+)\\2/g, (all, from, quote, path) =>
      snippetUrls[path] ? from + quote + snippetUrls[path] + quote : all);
    const m = await import(asModule(text));
    await m.default({ module_or_path: await unpack(name) });
    return m;
  })().catch((e) => { delete loaded[name]; throw e; }); // "Try again" tries again
}
const prose = async () => new TextDecoder().decode(await unpack("prose"));
window.strataSingleFile = { load, prose };
try {
  window.wasmBindings = await load("strata");
  dispatchEvent(new CustomEvent("TrunkApplicationStarted"));
} catch (e) {
  const boot = document.getElementById("boot");
  if (boot) boot.textContent = "This copy of Strata could not start in this browser: " + (e && e.message || e);
  throw e;
}`;

  // Stylesheets become <style> (the lazy modules' sheets too, under the ids ensure_stylesheet
  // looks for), the icon a data: URL; preloads, the manifest and touch icons go.
  const replacements = new Map();
  let sheetsInlined = false;
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = (attr(tag, "href") ?? "").replace(/^\.\//, "");
    const rel = attr(tag, "rel");
    if (rel === "stylesheet") {
      const lazySheets = sheetsInlined ? "" :
        `<style id="strata-viz-css">${await readText("viz.css")}</style><style id="strata-study-css">${await readText("study.css")}</style>`;
      sheetsInlined = true;
      replacements.set(tag, `<style>${await readText(href)}</style>${lazySheets}`);
    } else if (rel === "icon") {
      replacements.set(tag, `<link rel="icon" href="data:image/svg+xml;base64,${(await read(href)).toString("base64")}">`);
    } else {
      replacements.set(tag, "");
    }
  }
  let out = html.replace(/<link\b[^>]*>/g, (tag) => replacements.get(tag));
  // Trunk's loader fetches the shell: replaced by the inline one.
  const before = out;
  out = out.replace(/<script type=["']?module["']?>[\s\S]*?<\/script>/, () => `<script type="module">${loader}</script>`);
  if (out === before) throw new Error("index.html has no module script to replace");
  // The payloads go last (a minifier may have dropped the optional </body>).
  return out.includes("</body>") ? out.replace("</body>", () => `${payloads.join("")}</body>`) : out + payloads.join("");
}

/** A stylesheet's text, to go inside <style>, where "</style" would end it early. */
async function readText(rel) {
  const text = (await read(rel)).toString("utf8");
  if (/<\/style/i.test(text)) throw new Error(`${rel} contains "</style", which cannot be inlined`);
  return text;
}

/** JSON that is safe inside an inline <script>: no "</script" or "<!--" can appear. */
function scriptJson(value) {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** An attribute of one tag, quoted or not (Trunk's minifier drops the quotes it can). */
function attr(tag, name) {
  const m = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`).exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
}
