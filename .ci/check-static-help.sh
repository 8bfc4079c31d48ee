#!/usr/bin/env bash
# The static crisis list of a built page and its configuration cannot drift:
#   1. the default build's index.html shows exactly the default configuration's lines;
#   2. a partner copy of the build, rewritten by `screener-cli write-crisis-lines` with a
#      partner configuration of its own lines, shows exactly those (check-config PAGE);
#   3. the rewrite keeps the inline loader script byte for byte, so the CSP hashes the
#      build wrote (csp-hashes.txt) still allow it: they are recomputed on the rewritten
#      page and must be the same.
# The partner copy (target/e2e-partner-dist) is what the cross-engine tests serve.
#
#   bash .ci/check-static-help.sh [dist]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-dist}"
PARTNER_CONFIG="tests/fixtures/config-partner-lines.json"
PARTNER_DIST="target/e2e-partner-dist"
cd "$ROOT"

# The CLI is its own package of the workspace (crates/screener-cli); its binary lands in
# the workspace's target/ like the app's.
cargo build --locked --quiet -p screener-cli
# Cargo's output may be elsewhere (CARGO_TARGET_DIR); the scratch files below stay in this
# checkout's target/, where the cross-engine tests look for the partner copy.
CLI="${CARGO_TARGET_DIR:-target}/debug/screener-cli"
mkdir -p target
fail() { printf '\033[31mstatic crisis list: %s\033[0m\n' "$*" >&2; exit 1; }

"$CLI" default-config > target/default-config.json
"$CLI" check-config target/default-config.json "$DIST/index.html" \
  || fail "$DIST/index.html does not show the default configuration's crisis lines (see above)"

rm -rf "$PARTNER_DIST"
cp -r "$DIST" "$PARTNER_DIST"
"$CLI" check-config "$PARTNER_CONFIG" "$PARTNER_DIST/index.html" >/dev/null 2>&1 \
  && fail "check-config did not notice that the default page differs from $PARTNER_CONFIG"
"$CLI" write-crisis-lines "$PARTNER_CONFIG" "$PARTNER_DIST/index.html"
"$CLI" check-config "$PARTNER_CONFIG" "$PARTNER_DIST/index.html"

node .ci/csp-hashes.mjs "$PARTNER_DIST" >/dev/null
cmp -s "$DIST/csp-hashes.txt" "$PARTNER_DIST/csp-hashes.txt" \
  || fail "the rewrite changed an inline script: CSP hashes $(cat "$DIST/csp-hashes.txt") became $(cat "$PARTNER_DIST/csp-hashes.txt")"
[ -s "$DIST/csp-hashes.txt" ] && grep -q "sha256-" "$DIST/csp-hashes.txt" \
  || fail "$DIST/csp-hashes.txt hashes no inline script: nothing was checked"
echo "static crisis list: $DIST matches the default configuration; the partner copy matches $PARTNER_CONFIG; CSP hashes unchanged"
