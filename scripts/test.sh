#!/usr/bin/env bash
# README command 2: every test suite; exits non-zero on any failure.
#   1. native: content compiler, routes, search, curriculum invariants (cargo test)
#   2. end to end: the release build in headless Chromium (node --test + playwright-core)
set -euo pipefail
source "$(dirname "$0")/setup.sh" --browser
cd "$STRATA_ROOT"

say "native tests"
cargo test --workspace --locked

say "release build"
trunk build --release

say "browser tests against dist/ in headless Chromium"
node --test --test-concurrency=1 tests/e2e/
