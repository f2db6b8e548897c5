#!/usr/bin/env bash
# README command 1: install what is missing, build, and serve Strata on localhost.
# PORT=9000 scripts/serve.sh picks another port; --release serves the optimized build.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$STRATA_ROOT"
PORT="${PORT:-8080}"
say "building and serving Strata: open http://127.0.0.1:$PORT/ once the build finishes"
exec trunk serve --port "$PORT" "$@"
