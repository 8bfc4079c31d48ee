#!/usr/bin/env bash
# Checks that the build tools on PATH match what the project is pinned to, and stops with a
# clear message if not: a mismatched wasm-bindgen or a broken wasm-opt produces a page that
# does not start, which is far worse than a failed build.
#
#   check-tools.sh [ROOT]   (ROOT holds Cargo.lock and Trunk.toml; default: the repository)
set -euo pipefail
ROOT="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
WASM_OPT_VERSION="132"   # binaryen from npm; Debian's wasm-opt 108 corrupts Rust 1.95 output

die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

WB_LOCK="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
[ -n "$WB_LOCK" ] || die "could not read the wasm-bindgen version from Cargo.lock"
WB_TRUNK="$(awk -F'"' '/^wasm_bindgen *=/ { print $2 }' "$ROOT/Trunk.toml")"
[ "$WB_TRUNK" = "$WB_LOCK" ] \
  || die "Trunk.toml [tools] wasm_bindgen = \"$WB_TRUNK\" but Cargo.lock has wasm-bindgen $WB_LOCK. Set them equal: a mismatched CLI produces a page that does not start."
WB_CLI="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
[ "$WB_CLI" = "$WB_LOCK" ] \
  || die "wasm-bindgen on PATH is '${WB_CLI:-missing}', Cargo.lock needs $WB_LOCK (cargo install wasm-bindgen-cli --version $WB_LOCK)"
grep -q "^wasm_opt = \"version_$WASM_OPT_VERSION\"" "$ROOT/Trunk.toml" \
  || die "Trunk.toml [tools] wasm_opt must be \"version_$WASM_OPT_VERSION\" to match the npm binaryen"
WASM_OPT_SEEN="$(wasm-opt --version 2>/dev/null || true)"
case "$WASM_OPT_SEEN" in
  *"version $WASM_OPT_VERSION"*|*"version_$WASM_OPT_VERSION"*) ;;
  *) die "wasm-opt on PATH is '${WASM_OPT_SEEN:-missing}', expected binaryen $WASM_OPT_VERSION from npm (Debian's wasm-opt 108 corrupts the output)";;
esac
