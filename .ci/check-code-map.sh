#!/usr/bin/env bash
# Keeps ARCHITECTURE.md's code map complete: each path below must appear in ARCHITECTURE.md
# in backticks (`src/flow.rs`; a folder as `src/storage` or `src/storage/`). On failure it names
# every path that is missing.
#   - every folder under src/, at any depth;
#   - every file directly in src/;
#   - every .rs, .mjs or .js file directly in a folder of src/ (src/storage/store.rs), except
#     mod.rs, which its folder stands for;
#   - every folder under tests/, at any depth;
#   - every folder under crates/, at any depth (each crate, its src/ and tests/ and their
#     folders);
#   - every .rs file under a crate's src/ (crates/screener-core/src/config/crisis.rs), at
#     any depth, except mod.rs, which its folder stands for, and each crate's Cargo.toml;
#   - every top-level folder of the repository.
# Files are the ones git knows of, committed or new but not ignored, that exist on disk, so
# a module added but not yet committed counts too.
#
#   bash .ci/check-code-map.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MAP="ARCHITECTURE.md"

fail() { printf '\033[31mcode map: %s\033[0m\n' "$*" >&2; exit 1; }

[ -f "$MAP" ] || fail "$MAP is missing"
listed="$(git ls-files --cached --others --exclude-standard)" \
  || fail "git ls-files failed (run this inside the repository)"

files=""
while IFS= read -r f; do
  [ -n "$f" ] && [ -f "$f" ] && files+="$f"$'\n'
done <<<"$listed"

# Every folder that holds a listed file, at any depth.
folders="$(printf '%s' "$files" | awk -F/ 'NF > 1 { p = $1; print p; for (i = 2; i < NF; i++) { p = p "/" $i; print p } }' | sort -u)"

required="$(
  {
    printf '%s\n' "$folders" | grep -E '^src/' || true
    printf '%s\n' "$folders" | grep -E '^tests/' || true
    printf '%s\n' "$folders" | grep -E '^crates/' || true
    printf '%s' "$files" | grep -E '^crates/[^/]+/src/.+\.rs$' | grep -vE '/mod\.rs$' || true
    printf '%s' "$files" | grep -E '^crates/[^/]+/Cargo\.toml$' || true
    printf '%s\n' "$folders" | grep -vE '/' || true
    printf '%s' "$files" | grep -E '^src/[^/]+$' || true
    printf '%s' "$files" | grep -E '^src/[^/]+/[^/]+\.(rs|mjs|js)$' | grep -vE '/mod\.rs$' || true
  } | awk 'NF' | sort -u
)"
[ -n "$required" ] || fail "found nothing to check (is this the repository?)"

missing=""
count=0
while IFS= read -r path; do
  count=$((count + 1))
  if ! grep -qF "\`$path\`" "$MAP" && ! grep -qF "\`$path/\`" "$MAP"; then
    missing+="  $path"$'\n'
  fi
done <<<"$required"

if [ -n "$missing" ]; then
  fail "$MAP does not name these paths (write each in backticks in its code map):
$missing"
fi
echo "code map: ok ($count paths named in $MAP)"
