#!/usr/bin/env bash
# Writes the static release site to dist/. Every URL in it is relative, so dist/ can be
# copied to any static host at any sub-path.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$STRATA_ROOT"
trunk build --release
say "release site written to $STRATA_ROOT/dist"
