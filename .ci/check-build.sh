#!/usr/bin/env bash
# Checks a release build in DIST (default dist/): the files a browser needs are there,
# the WebAssembly is valid and split into its main module and chunks, every chunk is
# named by its content and listed by the service worker, and the first load and the
# whole build fit their size budgets with gzip. Sizes are deterministic, so the budgets
# are hard limits; on failure the largest contributors are named.
set -euo pipefail
DIST="${1:-dist}"
# Ceilings that stop regressions: the first load (what a person downloads before the
# first screen: page, loader, glue, split loader, main module, styles) and the whole build
# (that and every chunk, which are fetched after the first screen is painted). Lower them
# whenever the build shrinks; raise them only with the reason written in CHANGELOG.md,
# which keeps their history. docs/performance.md says where the bytes go.
BUDGET_BYTES="${SIZE_BUDGET_BYTES:-215000}"   # the goal of the split
WHOLE_BUDGET_BYTES="${WHOLE_SIZE_BUDGET_BYTES:-367000}"

fail() { printf '\033[31mBUILD CHECK FAILED: %s\033[0m\n' "$*" >&2; exit 1; }

[ -f "$DIST/index.html" ] || fail "$DIST/index.html is missing"
wasm=$(find "$DIST" -maxdepth 1 -name '*_bg.wasm' | head -n 1)
[ -n "$wasm" ] || fail "no main module (*_bg.wasm) in $DIST"
for f in "$DIST"/*.wasm; do
  [ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')" = "0061736d" ] || fail "$f is not WebAssembly"
done
grep -q "$(basename "$wasm")" "$DIST/index.html" || fail "index.html does not load $(basename "$wasm")"
# The chunks (.ci/split-build.mjs): each named by its content, named by this build's
# split loader, and nothing else of a chunk's kind lying about.
mapfile -t chunks < <(find "$DIST" -maxdepth 1 -name '*.wasm' ! -name '*_bg.wasm' -printf '%f\n' | sort)
[ "${#chunks[@]}" -gt 0 ] || fail "no chunks in $DIST: the release build must be split (.ci/split-build.mjs)"
loader=$(find "$DIST" -maxdepth 1 -name '__wasm_split-*.js' | head -n 1)
[ -n "$loader" ] || fail "no split loader (__wasm_split-<hash>.js) in $DIST"
grep -q "$(basename "$loader")" "$DIST/index.html" || fail "index.html does not preload $(basename "$loader")"
for c in "${chunks[@]}"; do
  [[ "$c" =~ -[0-9a-f]{16}\.wasm$ ]] || fail "chunk $c is not named by its content"
  grep -q "$c" "$loader" || fail "chunk $c is not loaded by $(basename "$loader"): another build's file?"
done
# Trunk's initializer, renamed by .ci/split-build.mjs after its bytes: Trunk names it after
# its source, and its minifier does not always write the same bytes for the same source.
initializer=$(find "$DIST" -maxdepth 1 -name '*-loader.mjs' | head -n 1)
[ -n "$initializer" ] || fail "no <hash>-loader.mjs in $DIST"
[ "$(basename "$initializer")" = "$(sha256sum "$initializer" | cut -c1-16)-loader.mjs" ] ||
  fail "$(basename "$initializer") is not named by its content"
grep -q "$(basename "$initializer")" "$DIST/index.html" || fail "index.html does not load $(basename "$initializer")"
# The offline copy: the worker written for this very build lists its wasm and every chunk.
[ -f "$DIST/sw.js" ] || fail "$DIST/sw.js is missing (the post-build hook .ci/sw-build.mjs writes it)"
for f in "$(basename "$wasm")" "$(basename "$loader")" "${chunks[@]}"; do
  grep -q "$f" "$DIST/sw.js" || fail "$DIST/sw.js does not list $f: it is another build's worker"
done

# Everything the first load fetches: the page, its scripts, styles and main module
# (config.json too, when present). Not the chunks: they are fetched after the first screen
# is painted. Not images or the embed script, nor the service worker (sw.js and its kill
# switch sw-kill.js): the page registers it only after its first screen is painted
# (src/loader.mjs), and it fetches the files below again only from the HTTP cache.
size_line() {
  printf '%9d B gzip  %9d B raw  %s' "$(gzip -9 -c "$1" | wc -c)" "$(wc -c < "$1")" "${1#"$DIST"/}"
}
first=0
report=""
while IFS= read -r f; do
  first=$((first + $(gzip -9 -c "$f" | wc -c)))
  report+="$(size_line "$f")"$'\n'
done < <(find "$DIST" -maxdepth 1 -type f \( -name '*.html' -o -name '*.js' -o -name '*.mjs' -o -name '*.css' -o -name '*_bg.wasm' -o -name 'config.json' \) ! -name 'embed.js' ! -name 'sw.js' ! -name 'sw-kill.js' | sort)
later=0
chunk_report=""
for c in "${chunks[@]}"; do
  later=$((later + $(gzip -9 -c "$DIST/$c" | wc -c)))
  chunk_report+="$(size_line "$DIST/$c")"$'\n'
done
whole=$((first + later))

printf 'First load with gzip -9 (budget %d B):\n' "$BUDGET_BYTES"
printf '%s' "$report" | sort -rn
printf '%9d B gzip  first load\n\n' "$first"
printf 'Chunks, fetched after the first screen is painted (%d files):\n' "${#chunks[@]}"
printf '%s' "$chunk_report" | sort -rn
printf '%9d B gzip  chunks\n' "$later"
printf '%9d B gzip  whole build (budget %d B), %d files\n' "$whole" "$WHOLE_BUDGET_BYTES" \
  "$(( $(printf '%s' "$report" | wc -l) + ${#chunks[@]} ))"
if [ "$first" -gt "$BUDGET_BYTES" ]; then
  fail "first load is $first B gzip, over the $BUDGET_BYTES B budget by $((first - BUDGET_BYTES)) B. Largest first:
$(printf '%s' "$report" | sort -rn | head -n 3)"
fi
if [ "$whole" -gt "$WHOLE_BUDGET_BYTES" ]; then
  fail "the whole build is $whole B gzip, over the $WHOLE_BUDGET_BYTES B budget by $((whole - WHOLE_BUDGET_BYTES)) B. Largest chunks first:
$(printf '%s' "$chunk_report" | sort -rn | head -n 3)"
fi
echo "size budgets: ok"

# No one huge function: the browser compiles each one whole on its first call, on the
# main thread, before the first screen (see .ci/wasm-functions.mjs). The largest is about
# 27 KB; 32 KiB leaves room and still stops a 76 KB one like the one wasm-opt builds
# without index.html's cap on its inlining.
for f in "$DIST"/*.wasm; do
  node "$(dirname "${BASH_SOURCE[0]}")/wasm-functions.mjs" "$f" 32768 || fail "a single wasm function in $f is too large (above)"
done
