#!/usr/bin/env bash
# Proves that .ci/check-tools.sh stops a build with a clear message when a tool does not
# match its pin (each case must fail, and say why), and passes with the real tools.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
WB="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"

fake_tools() { # $1: dir, $2: wasm-bindgen version, $3: wasm-opt version line
  mkdir -p "$1"
  printf '#!/bin/sh\necho "wasm-bindgen %s"\n' "$2" > "$1/wasm-bindgen"
  printf '#!/bin/sh\necho "%s"\n' "$3" > "$1/wasm-opt"
  chmod +x "$1/wasm-bindgen" "$1/wasm-opt"
}
expect_failure() { # $1: label, $2: expected message, $3: project dir, $4: tool dir
  local out
  if out="$(PATH="$4:$PATH" bash "$ROOT/.ci/check-tools.sh" "$3" 2>&1)"; then
    echo "FAIL: $1: check-tools.sh accepted it"; exit 1
  fi
  grep -q "$2" <<<"$out" || { echo "FAIL: $1: message was: $out"; exit 1; }
  echo "ok: $1 is refused: $(tail -n1 <<<"$out" | sed 's/\x1b\[[0-9;]*m//g')"
}

cp "$ROOT/Cargo.lock" "$ROOT/Trunk.toml" "$work/"
fake_tools "$work/good" "$WB" "wasm-opt version 132 (version_132)"
PATH="$work/good:$PATH" bash "$ROOT/.ci/check-tools.sh" "$work" && echo "ok: matching tools pass"

fake_tools "$work/debian-opt" "$WB" "wasm-opt version 108"
expect_failure "Debian's wasm-opt 108" "expected binaryen 132" "$work" "$work/debian-opt"

fake_tools "$work/old-bindgen" "0.2.100" "wasm-opt version 132 (version_132)"
expect_failure "a wasm-bindgen CLI of another version" "Cargo.lock needs $WB" "$work" "$work/old-bindgen"

mkdir -p "$work/drift" && cp "$ROOT/Cargo.lock" "$work/drift/"
sed 's/^wasm_bindgen = .*/wasm_bindgen = "0.2.99"/' "$ROOT/Trunk.toml" > "$work/drift/Trunk.toml"
expect_failure "Trunk.toml pinned to another wasm-bindgen" "Set them equal" "$work/drift" "$work/good"

echo "4 passed, 0 failed"
