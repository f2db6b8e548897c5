#!/usr/bin/env bash
# Builds the release and prints Strata's figures (bundle sizes, time to interactive, the lazily
# loaded modules' sizes, loading a full progress file, B-tree insert throughput native and in
# the browser, step time); writes them to bench/REPORT.md. BENCH_RUNS=15 for more runs, BENCH_NO_WRITE=1 to only print.
set -euo pipefail
source "$(dirname "$0")/setup.sh" --browser
cd "$STRATA_ROOT"
trunk build --release
node bench/bench.mjs
