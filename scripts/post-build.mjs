// The one Trunk post-build hook. Trunk starts the hooks of a stage all at once, and these must
// run in order: the service worker's list hashes the files as they ship, after minifying.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

for (const step of ["minify-glue.mjs", "offline-build.mjs"]) {
  execFileSync(process.execPath, [fileURLToPath(new URL(step, import.meta.url))], { stdio: "inherit" });
}
