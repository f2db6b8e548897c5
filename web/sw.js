// Strata's service worker: keeps one complete version of the site in a cache, so the app, every
// path and every visualizer work offline after one visit. scripts/offline-build.mjs writes the
// real sw.js from this file, filling in VERSION (a hash of the whole build) and FILES (every file
// of the build with its SHA-256), so a new build is a new worker.
//
// A version is all or nothing: install fetches every file and checks its hash, and a file that
// does not match (a deploy still in progress, a stale proxy) fails the install, which the browser
// retries later. A new worker then waits until the app asks it to take over (the "reload to
// update" button), and every open page reloads at that moment, so no page mixes two versions.
const VERSION = "%VERSION%";
const FILES = /*FILES*/[];
// Caches belong to the whole origin: the scope in the name keeps two deployments on one host
// (say /courses/strata/ and /courses/strata-beta/) from deleting each other's.
const CACHE_PREFIX = `strata:${self.registration.scope}:`;
const CACHE = CACHE_PREFIX + VERSION;

const scoped = (file) => new URL(file, self.registration.scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(FILES.map(async ([file, hash]) => {
    const url = scoped(file);
    if (await cache.match(url)) return; // an earlier, interrupted install got this far
    const response = await fetch(url, { cache: "no-cache" });
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    const digest = await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer());
    const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    if (hex !== hash) throw new Error(`${file} is not the file of version ${VERSION}`);
    // Hosts with "clean URLs" redirect index.html to the folder; a page load refuses a
    // response marked as redirected, so keep a plain copy.
    await cache.put(url, response.redirected ? new Response(await response.blob(), response) : response);
  }));
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
    }
    // Take the pages that loaded before this worker existed (the first visit), so a learner
    // who goes offline without reloading can still open a visualizer.
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "strata:activate") self.skipWaiting();
  if (type === "strata:version") event.source.postMessage({ type: "strata:version", version: VERSION });
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(fromCache(request));
});

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  const hit = await cache.match(url.href);
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (error) {
    // Offline, at a page the build does not have: the app's home, which has every route in
    // its hash. Not for the single file, a download the offline copy does not hold.
    const rest = request.url.slice(self.registration.scope.length);
    if (request.mode === "navigate" && !rest.startsWith("strata.html")) {
      return Response.redirect(self.registration.scope, 302);
    }
    throw error;
  }
}
