// Short names for the main module's imports from its JavaScript glue, for the release
// build's post-build hook (.ci/split-build.mjs).
//
// wasm-bindgen names each import after the function it binds plus a 16-digit hash
// (`__wbg_addEventListener_3f2bc1c6b5a9e8f1`), and each name is written twice: in the
// module's import section and as a key of the glue's import object. About 185 such names
// are 9 KB in each file, and the hashes hardly compress. Both sides are renamed
// together, here, after wasm-bindgen and wasm-opt: the module by rewriting its import
// section (nothing else in a module refers to an import by name), the glue by replacing
// each name where it is the key. Only imports of the glue's own module are renamed; the
// split loader's and the exports keep their names.
//
// Each name must appear exactly once in the glue, as an object key: otherwise the glue
// is not what this was written for, and the build stops rather than guess.

import { leb, readName, encodeName, encodeLeb, rewriteSection, forEachSection } from './wasm-binary.mjs';

/** The `i`th short name: a, b, …, Z, then aa, ab, …: letters only, never `__proto__`. */
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name = letters[i % letters.length] + name;
    i = Math.floor(i / letters.length) - 1;
  } while (i >= 0);
  return name;
}

/** The end of an import's description, which starts at `pos` with its kind. */
function skipImportDesc(buf, pos) {
  const kind = buf[pos++];
  switch (kind) {
    case 0: // function: type index
      return leb(buf, pos)[1];
    case 1: { // table: reference type, limits
      pos += 1;
      const flags = buf[pos++];
      pos = leb(buf, pos)[1];
      return flags & 1 ? leb(buf, pos)[1] : pos;
    }
    case 2: { // memory: limits
      const flags = buf[pos++];
      pos = leb(buf, pos)[1];
      return flags & 1 ? leb(buf, pos)[1] : pos;
    }
    case 3: // global: value type (one byte: numbers and externref), mutability
      if (buf[pos] === 0x63 || buf[pos] === 0x64) throw new Error('short-imports: a global of a typed reference');
      return pos + 2;
    case 4: // tag: attribute, type index
      return leb(buf, pos + 1)[1];
    default:
      throw new Error(`short-imports: unknown import kind ${kind}`);
  }
}

/** The entries of an import section's contents: module, field and description bytes. */
function importsOf(contents) {
  let [count, pos] = leb(contents, 0);
  const entries = [];
  for (let i = 0; i < count; i++) {
    let module;
    let field;
    [module, pos] = readName(contents, pos);
    [field, pos] = readName(contents, pos);
    const end = skipImportDesc(contents, pos);
    entries.push({ module, field, desc: contents.subarray(pos, end) });
    pos = end;
  }
  if (pos !== contents.length) throw new Error('short-imports: the import section did not end where it said');
  return entries;
}

/**
 * Renames every import of the glue's own module (`./<name>_bg.js`, as wasm-bindgen
 * names it) in `wasm` and in `glue`. Returns the new module and glue, and how many names
 * changed.
 */
export function shortenImports(wasm, glue) {
  const modules = new Set();
  forEachSection(wasm, 2, (contents) => importsOf(contents).forEach((e) => modules.add(e.module)), 'short-imports');
  const own = [...modules].filter((m) => m.endsWith('_bg.js'));
  if (own.length !== 1) throw new Error(`short-imports: expected one glue module among the imports, found ${JSON.stringify(own)}`);
  const [module] = own;
  const renamed = new Map();
  const shortened = rewriteSection(wasm, 2, (contents) => {
    const entries = importsOf(contents);
    const body = [encodeLeb(entries.length)];
    for (const { module: from, field, desc } of entries) {
      let name = field;
      if (from === module) {
        if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
        name = renamed.get(field);
      }
      body.push(encodeName(from), encodeName(name), desc);
    }
    return Buffer.concat(body);
  }, 'short-imports');
  if (renamed.size === 0) throw new Error(`short-imports: the module imports nothing from ${module}`);

  let text = glue;
  for (const [long, short] of renamed) {
    // The key of the import object: `name: function(`, or `name(` as a method.
    const key = new RegExp(`(?<![\\w$])${long.replace(/\$/g, '\\$')}(?=\\s*[:(])`, 'g');
    const uses = text.split(new RegExp(`(?<![\\w$])${long.replace(/\$/g, '\\$')}(?![\\w$])`)).length - 1;
    const keys = (text.match(key) || []).length;
    if (uses !== 1 || keys !== 1) {
      throw new Error(`short-imports: ${long} appears ${uses} time(s) in the glue, ${keys} as a key; expected once, as the key`);
    }
    text = text.replace(key, short);
  }
  return { wasm: shortened, glue: text, count: renamed.size };
}
