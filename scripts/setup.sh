#!/usr/bin/env bash
# Installs what Strata's build needs, skipping whatever is already in place, so a second run
# installs nothing. Sourced by serve.sh, build.sh, test.sh and bench.sh; `--browser` also
# installs Debian's Chromium and ChromeDriver for the browser tests.
#
# Versions are pinned here and in Cargo.toml/Trunk.toml/package.json: the wasm-bindgen CLI
# must equal the wasm-bindgen crate exactly, and Trunk 0.22 needs a newer rustc than ours.
set -euo pipefail

STRATA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_REQ='^0.21'
WASM_BINDGEN_VERSION="0.2.130"

export PATH="$STRATA_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
    say "installing Trunk 0.21 (a few minutes, once)"
    cargo install trunk --version "$TRUNK_REQ" --locked
  fi
}

ensure_wasm_bindgen() {
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about two minutes, once)"
    # Not --locked: one of its locked dependencies is not on the registry.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_node_modules() {
  # binaryen's wasm-opt (Debian's is too old and breaks the module), terser for the JS glue,
  # and playwright-core.
  local stamp="$STRATA_ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$STRATA_ROOT/package-lock.json" -nt "$stamp" ]; then
    say "installing npm packages (wasm-opt, terser, playwright-core)"
    (cd "$STRATA_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

ensure_wasm_target
ensure_trunk
ensure_wasm_bindgen
ensure_node_modules
if [ "${1:-}" = "--browser" ]; then
  ensure_browser
fi
