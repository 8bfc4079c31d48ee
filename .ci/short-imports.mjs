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

/** Reads an unsigned LEB128 at `pos`: [value, next position]. */
function leb(buf, pos) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, pos];
}

/** Encodes `n` as unsigned LEB128. */
function encodeLeb(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

const encodeName = (s) => {
  const bytes = Buffer.from(s, 'utf8');
  return Buffer.concat([encodeLeb(bytes.length), bytes]);
};

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

/** The module names of `wasm`'s imports, in order of first use. */
function importModules(wasm) {
  const modules = new Set();
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos++];
    let size;
    [size, pos] = leb(wasm, pos);
    const end = pos + size;
    if (id === 2) {
      let count;
      [count, pos] = leb(wasm, pos);
      for (let i = 0; i < count; i++) {
        let len;
        [len, pos] = leb(wasm, pos);
        modules.add(wasm.subarray(pos, pos + len).toString('utf8'));
        pos += len;
        [len, pos] = leb(wasm, pos);
        pos = skipImportDesc(wasm, pos + len);
      }
    }
    pos = end;
  }
  return [...modules];
}

/**
 * Renames every import of the glue's own module (`./<name>_bg.js`, as wasm-bindgen
 * names it) in `wasm` and in `glue`. Returns the new module and glue, and how many names
 * changed.
 */
export function shortenImports(wasm, glue) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('short-imports: not WebAssembly');
  const own = importModules(wasm).filter((m) => m.endsWith('_bg.js'));
  if (own.length !== 1) throw new Error(`short-imports: expected one glue module among the imports, found ${JSON.stringify(own)}`);
  const [module] = own;
  let pos = 8;
  const parts = [wasm.subarray(0, 8)];
  const renamed = new Map();
  while (pos < wasm.length) {
    const start = pos;
    const id = wasm[pos++];
    let size;
    [size, pos] = leb(wasm, pos);
    const end = pos + size;
    if (id !== 2) {
      parts.push(wasm.subarray(start, end));
      pos = end;
      continue;
    }
    let count;
    [count, pos] = leb(wasm, pos);
    const body = [encodeLeb(count)];
    for (let i = 0; i < count; i++) {
      const names = [];
      for (let k = 0; k < 2; k++) {
        let len;
        [len, pos] = leb(wasm, pos);
        names.push(wasm.subarray(pos, pos + len).toString('utf8'));
        pos += len;
      }
      const [mod, field] = names;
      const descEnd = skipImportDesc(wasm, pos);
      let name = field;
      if (mod === module) {
        if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
        name = renamed.get(field);
      }
      body.push(encodeName(mod), encodeName(name), wasm.subarray(pos, descEnd));
      pos = descEnd;
    }
    if (pos !== end) throw new Error('short-imports: the import section did not end where it said');
    const section = Buffer.concat(body);
    parts.push(Buffer.from([2]), encodeLeb(section.length), section);
  }
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
  return { wasm: Buffer.concat(parts), glue: text, count: renamed.size };
}
