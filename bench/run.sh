#!/usr/bin/env bash
# The performance benchmark, in one command (`make bench`, or `npm run bench`):
# installs what is missing (.ci/setup.sh), builds the release app into bench/dist (its own
# directory, so dist/ is left alone) and the same release unsplit (SCREENER_SPLIT=0, one
# WebAssembly module, .ci/split-build.mjs) into bench/dist-unsplit, then measures the first
# with bench/bench.mjs, and the second beside it on the first visit over slow 4G (--compare).
#
#   BENCH_RUNS=20 make bench            # more runs per profile (default 10)
#   bash bench/run.sh --runs 20         # the same; arguments go to bench.mjs
#
# See bench/README.md for what is measured and how.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../.ci/setup.sh
source "$ROOT/.ci/setup.sh"
cd "$ROOT"

printf '\n\033[1;34m### release build into bench/dist (trunk build --release --offline)\033[0m\n'
trunk build --release --offline --dist bench/dist

printf '\n\033[1;34m### unsplit release build into bench/dist-unsplit (SCREENER_SPLIT=0 trunk build --release --offline)\033[0m\n'
SCREENER_SPLIT=0 trunk build --release --offline --dist bench/dist-unsplit

printf '\n\033[1;34m### benchmark\033[0m\n'
node bench/bench.mjs --dist bench/dist --compare bench/dist-unsplit "$@"
