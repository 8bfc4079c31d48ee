#!/usr/bin/env bash
# Installs everything the screener needs to build, serve and test, and checks that the
# installed tools match what the project is pinned to. Idempotent: on a machine that
# already has everything it finishes in a few seconds.
#
# Sourced by serve.sh and test.sh (it exports PATH). Never downloads a prebuilt binary or
# a browser: every tool comes from a package registry (crates.io, npm, Debian).
#
#   SETUP_SKIP_BROWSER=1   skip Chromium and its driver (serving needs neither)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"     # 0.22 needs rustc >= 1.96.1 (see shared/toolchain.md)
WASM_OPT_VERSION="132"      # Debian's wasm-opt 108 corrupts Rust 1.95 output
GECKODRIVER_VERSION="0.37.1" # Firefox's WebDriver server, for the cross-engine tests
WASM_SPLIT_VERSION="0.2.4"  # the splitter of the release build (.ci/split-build.mjs); 0.2.2 and later retry a failed chunk

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"
cd "$ROOT"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $*"; fi
}

# --- Rust toolchain and wasm target (rust-toolchain.toml pins the version) -------------
command -v rustup >/dev/null || die "rustup is required (https://rustup.rs); this machine has none"
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk's --offline also makes cargo offline: fetch every crate in Cargo.lock first.
cargo fetch --locked --quiet

# --- wasm-bindgen: the CLI must be exactly the library version in Cargo.lock -----------
WB_LOCK="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$WB_LOCK" ] || die "could not read the wasm-bindgen version from Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_LOCK" ] \
   || [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" != "$WB_LOCK" ]; then
  say "installing wasm-bindgen-cli $WB_LOCK (about 3 minutes)"
  # No --locked: its lock file names a webpki-roots release crates.io does not serve.
  cargo install wasm-bindgen-cli --version "$WB_LOCK" --force
fi
# --- Trunk ----------------------------------------------------------------------------
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi

# --- The WebAssembly splitter (wasm-split-cli): release builds only ----------------------
# It has no --version; cargo's list of installed packages names its version.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" \
   || ! command -v wasm-split-cli >/dev/null; then
  say "installing wasm_split_cli_support $WASM_SPLIT_VERSION (wasm-split-cli, about 2 minutes)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --force
fi

# --- npm packages: wasm-opt (binaryen), Playwright, axe-core, WebdriverIO --------------
command -v npm >/dev/null || die "Node.js and npm are required"
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.ci-installed-lock; then
  say "installing npm packages (binaryen, @playwright/test, @axe-core/playwright, webdriverio)"
  # The browsers come from Debian: Playwright must never download its own. WebdriverIO's
  # driver helpers (geckodriver, edgedriver) download only when asked to at install
  # (*_AUTO_INSTALL) or when a session names no driver host; ours always names one, and
  # --ignore-scripts keeps every package's install script from running.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts
  cp package-lock.json node_modules/.ci-installed-lock
fi
export PATH="$ROOT/node_modules/.bin:$PATH"
# Every pin checked in one place, with a clear message on any mismatch.
bash "$ROOT/.ci/check-tools.sh" "$ROOT"

# --- Browsers: Chromium, WebKit and Firefox, from Debian; geckodriver from crates.io ------
if [ -z "${SETUP_SKIP_BROWSER:-}" ]; then
  MINIBROWSER_BIN=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
  # fonts-noto-cjk: so screenshots of the Chinese screens show characters, not boxes.
  # (grep without -q: -q stops reading early, fc-list then dies of SIGPIPE, and with
  # pipefail the fonts look missing, so apt-get ran on every setup.)
  # webkit2gtk-driver (WebKitWebDriver + MiniBrowser, WebKitGTK: Safari's engine) needs a
  # display: xvfb and xauth give xvfb-run. firefox-esr is driven by geckodriver.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
     || ! fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null \
     || ! command -v WebKitWebDriver >/dev/null || [ ! -x "$MINIBROWSER_BIN" ] \
     || ! command -v xvfb-run >/dev/null || ! command -v xauth >/dev/null \
     || ! command -v firefox-esr >/dev/null; then
    say "installing chromium, chromium-driver, CJK fonts, webkit2gtk-driver, xvfb, xauth and firefox-esr from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
      chromium chromium-driver fonts-noto-cjk webkit2gtk-driver xvfb xauth firefox-esr
  fi
  # geckodriver is not packaged by Debian 12: build it from crates.io (about 4 minutes),
  # only when missing. Its own GitHub binaries are never downloaded.
  if ! "$HOME/.cargo/bin/geckodriver" --version >/dev/null 2>&1; then
    say "installing geckodriver $GECKODRIVER_VERSION from crates.io (about 4 minutes)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION"
  fi
  export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  export MINIBROWSER="${MINIBROWSER:-$MINIBROWSER_BIN}"
  export FIREFOX="${FIREFOX:-$(command -v firefox-esr)}"
  export GECKODRIVER="${GECKODRIVER:-$HOME/.cargo/bin/geckodriver}"
fi

say "tools ready: $(trunk --version), wasm-bindgen $WB_LOCK, wasm-opt $WASM_OPT_VERSION, wasm-split-cli $WASM_SPLIT_VERSION"
