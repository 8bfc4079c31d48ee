#!/usr/bin/env bash
# Runs every test layer of the screener and fails if any fails:
#   0. the tool-pin checks themselves
#   1. formatting and lints (native and wasm32)
#   2. native unit, property and exhaustive tests of the whole workspace: the app, the pure
#      core (crates/screener-core) and its command line (crates/screener-cli)
#   3. browser tests (wasm-bindgen-test in headless Chromium, then Firefox)
#   4. release build (trunk --release --offline, wasm-opt -Oz) and the size budget
#   5. end-to-end tests (Playwright + axe-core) against that build served on loopback,
#      after the self-test of the FHIR server the referral tests send to
#   6. the static crisis list: the built page matches its configuration, a partner's
#      rewrite matches the partner's, and the CSP hashes survive the rewrite
#   7. cross-engine end-to-end tests: the same build in WebKit and Firefox through
#      WebDriver (tests/engines, node's test runner with WebdriverIO)
#
# `make test` runs this; so does CI (.ci/run). Set E2E_ARGS to pass flags to Playwright.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/.ci/setup.sh"
cd "$ROOT"

step() { printf '\n\033[1;34m### %s\033[0m\n' "$*"; }

step "tool pins (a mismatch must stop the build with a clear message)"
bash "$ROOT/.ci/test-check-tools.sh"

step "format"
cargo fmt --all --check

step "code map (ARCHITECTURE.md names every folder and module)"
bash "$ROOT/.ci/check-code-map.sh"

step "clippy (native)"
cargo clippy --workspace --all-targets --locked --features screener/test-doubles -- -D warnings

step "clippy (wasm32)"
cargo clippy --workspace --all-targets --locked --features screener/test-doubles --target wasm32-unknown-unknown -- -D warnings

step "unit, property and exhaustive tests (native, every crate of the workspace)"
cargo test --workspace --locked --features screener/test-doubles

browser_tests() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test --locked --target wasm32-unknown-unknown -p screener --features test-doubles --test web --test web_storage
}
# wasm-bindgen-test-runner takes the first driver it finds, geckodriver before chromedriver,
# and setup.sh exports both: without GECKODRIVER it runs in Chromium, with it in Firefox.
step "browser tests (wasm-bindgen-test, headless Chromium)"
(unset GECKODRIVER; browser_tests)
step "browser tests (wasm-bindgen-test, headless Firefox)"
browser_tests

step "release build (trunk --release --offline)"
rm -rf dist
trunk build --release --offline
bash "$ROOT/.ci/check-build.sh" dist

step "test FHIR server self-test (Medplum's router: conditional create, faults, CORS)"
node --experimental-websocket --test tests/e2e/fhir/selftest.mjs

step "end-to-end tests (Playwright + axe-core, Debian Chromium)"
# shellcheck disable=SC2086
npx playwright test --config tests/e2e/playwright.config.mjs ${E2E_ARGS:-}

step "static crisis list (page and configuration agree; the CSP hash survives a rewrite)"
bash "$ROOT/.ci/check-static-help.sh" dist

step "cross-engine end-to-end tests (WebKit and Firefox through WebDriver)"
node --test --test-reporter=spec tests/engines/

printf '\n\033[1;32mAll test layers passed.\033[0m\n'
