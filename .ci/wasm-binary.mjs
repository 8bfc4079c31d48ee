// Reading and rewriting the sections of a WebAssembly module, for the release build's
// post-build steps that edit one section of the main module (.ci/short-imports.mjs,
// .ci/unused-exports.mjs). Only what those need: LEB128 numbers, names, and a section
// replaced as a whole while every other byte is copied as it is.

/** Reads an unsigned LEB128 at `pos`: [value, next position]. */
export function leb(buf, pos) {
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
export function encodeLeb(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

/** Reads a name (its length, then UTF-8) at `pos`: [name, next position]. */
export function readName(buf, pos) {
  const [len, start] = leb(buf, pos);
  return [buf.subarray(start, start + len).toString('utf8'), start + len];
}

/** Encodes a name: its length, then UTF-8. */
export function encodeName(name) {
  const bytes = Buffer.from(name, 'utf8');
  return Buffer.concat([encodeLeb(bytes.length), bytes]);
}

/**
 * `wasm` with the contents of every section `id` replaced by `rewrite(contents)` (a
 * Buffer); every other section is copied as it is. `what` names the caller in errors.
 */
export function rewriteSection(wasm, id, rewrite, what) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${what}: not WebAssembly`);
  const parts = [wasm.subarray(0, 8)];
  let pos = 8;
  while (pos < wasm.length) {
    const start = pos;
    const sectionId = wasm[pos++];
    let size;
    [size, pos] = leb(wasm, pos);
    const end = pos + size;
    if (sectionId === id) {
      const contents = rewrite(wasm.subarray(pos, end));
      parts.push(Buffer.from([id]), encodeLeb(contents.length), contents);
    } else {
      parts.push(wasm.subarray(start, end));
    }
    pos = end;
  }
  return Buffer.concat(parts);
}

/** Calls `f(contents)` for every section `id` of `wasm`, without changing anything. */
export function forEachSection(wasm, id, f, what) {
  rewriteSection(wasm, id, (contents) => {
    f(contents);
    return contents;
  }, what);
}
