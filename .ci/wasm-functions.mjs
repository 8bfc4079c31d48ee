// The largest function bodies of a .wasm file, for .ci/check-build.sh:
//
//   node .ci/wasm-functions.mjs FILE MAX_BYTES
//
// prints the five largest bodies and exits 1 if one is over MAX_BYTES.
//
// Why a size per function matters: browsers compile WebAssembly lazily, one whole function
// at a time, on the main thread, when it is first called. A single huge function (wasm-opt
// folds every function with one caller into it, unless index.html caps that) is compiled
// in full even when start-up runs a fraction of it; a 76 KB one cost over 100 ms before the
// first screen on a slow phone.
import fs from 'node:fs';

const [file, maxArg] = process.argv.slice(2);
const max = Number(maxArg);
if (!file || !Number.isInteger(max)) {
  console.error('usage: node .ci/wasm-functions.mjs FILE MAX_BYTES');
  process.exit(2);
}
const bytes = fs.readFileSync(file);
let at = 8; // after the magic number and version
const leb = () => {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return value;
  }
};

const CODE_SECTION = 10;
let sizes = null;
while (at < bytes.length) {
  const id = bytes[at++];
  const length = leb();
  const end = at + length;
  if (id === CODE_SECTION) {
    sizes = [];
    for (let count = leb(); count > 0; count--) {
      const size = leb();
      sizes.push(size);
      at += size;
    }
  }
  at = end;
}
if (!sizes) {
  console.error(`${file}: no code section`);
  process.exit(1);
}
sizes.sort((a, b) => b - a);
console.log(`largest wasm function bodies (limit ${max} B): ${sizes.slice(0, 5).join(', ')} B, of ${sizes.length} functions`);
if (sizes[0] > max) {
  console.error(`a wasm function of ${sizes[0]} B is over ${max} B: is wasm-opt's --one-caller-inline-max-function-size (index.html) still set?`);
  process.exit(1);
}
