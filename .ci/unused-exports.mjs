// Drops the JavaScript classes that Leptos's server-function support brings in and this
// client-only app never uses, for the release build's post-build hook
// (.ci/split-build.mjs).
//
// `server_fn` depends on wasm-streams, whose `IntoUnderlyingSource`, `IntoUnderlyingSink`
// and `IntoUnderlyingByteSource` are `#[wasm_bindgen]` classes: wasm-bindgen exports
// their methods from the module and writes a class for each in the glue, so neither
// wasm-opt nor terser can tell that nothing uses them. Here their exports leave the
// module (before wasm-opt, which then drops the code only they reached) and their
// classes and finalization registries leave the glue (before terser).
//
// The build stops if the glue still names one of them afterwards, or if they are not
// there to drop (a new wasm-bindgen or Leptos may have changed them).

import { leb, encodeLeb, readName, rewriteSection } from './wasm-binary.mjs';

const STREAM_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];

/** `wasm` without the exports whose names `drop` accepts; returns it and their names. */
function withoutExports(wasm, drop) {
  const dropped = [];
  const trimmed = rewriteSection(wasm, 7, (contents) => {
    let [count, pos] = leb(contents, 0);
    const kept = [];
    for (let i = 0; i < count; i++) {
      const from = pos;
      let name;
      [name, pos] = readName(contents, pos);
      pos = leb(contents, pos + 1)[1]; // the kind, then the index
      if (drop(name)) dropped.push(name);
      else kept.push(contents.subarray(from, pos));
    }
    if (pos !== contents.length) throw new Error('unused-exports: the export section did not end where it said');
    return Buffer.concat([encodeLeb(kept.length), ...kept]);
  }, 'unused-exports');
  return [trimmed, dropped];
}

/**
 * Removes wasm-streams' classes from `wasm` (wasm-bindgen's output, before wasm-opt) and
 * from `glue` (before terser). Returns both and the number of exports dropped.
 */
export function dropStreamClasses(wasm, glue) {
  const lower = STREAM_CLASSES.map((c) => c.toLowerCase());
  const ours = (name) => lower.some((c) => name.startsWith(`${c}_`) || name === `__wbg_${c}_free`);
  const [trimmed, dropped] = withoutExports(wasm, ours);
  if (dropped.length === 0) throw new Error('unused-exports: the module exports none of wasm-streams\' classes');

  let text = glue;
  for (const name of STREAM_CLASSES) {
    const exported = `export class ${name} {`;
    if (!text.includes(exported)) throw new Error(`unused-exports: the glue does not export ${name}`);
    // Unexported, the class is unused: terser drops it.
    text = text.replace(exported, `class ${name} {`);
    // What would keep it: its `Symbol.dispose` method and its finalization registry.
    const dispose = new RegExp(`^if \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`, 'm');
    const registry = new RegExp(`^const ${name}Finalization = [^;]*;\\n`, 'm');
    for (const [what, re] of [['Symbol.dispose line', dispose], ['finalization registry', registry]]) {
      if (!re.test(text)) throw new Error(`unused-exports: no ${what} for ${name} in the glue`);
      text = text.replace(re, '');
    }
  }
  return { wasm: trimmed, glue: text, count: dropped.length };
}

/** Throws if minified glue still names one of the classes (terser kept one). */
export function checkStreamClassesGone(minified) {
  const left = STREAM_CLASSES.filter((c) => minified.toLowerCase().includes(c.toLowerCase()));
  if (left.length > 0) throw new Error(`unused-exports: the minified glue still has ${left.join(', ')}`);
}
