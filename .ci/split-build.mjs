// Trunk post-build hook, release builds only: turns Trunk's one WebAssembly module into
// the main module and the chunks of src/chunks.rs, optimises and minifies them, names
// every file by its content, and points index.html at the result. Trunk has no support
// for split modules, so the hook replaces what Trunk built (trunk-rs/trunk#1022).
//
//   1. cargo rustc --release --features split, linked with --emit-relocs (the splitter
//      needs the relocations; RUSTFLAGS would replace .cargo/config.toml's flags);
//   2. wasm-split-cli (crates.io wasm_split_cli_support, pinned in setup.sh): the main
//      module, one file per chunk, and __wasm_split.js, which fetches a chunk and links it
//      to the main module;
//   3. wasm-bindgen on the main module (the version Trunk uses, pinned in Trunk.toml);
//   4. wasm-streams' unused classes out of the main module and its glue
//      (.ci/unused-exports.mjs), wasm-opt (binaryen 132) on every module with
//      index.html's flags, short names for
//      the main module's imports from its glue (.ci/short-imports.mjs), terser on the
//      JavaScript, comments and indentation out of the CSS;
//   5. names: each chunk `<name>-<hash of its bytes>.wasm`, the split loader by a hash of
//      its text (which names every chunk), the glue by a hash of its text (which names the
//      split loader), the main module by its bytes. A page can therefore only ever load
//      the chunks of its own build, and a cached file is never stale;
//   6. index.html: the new names, their integrity hashes, and a modulepreload of the split
//      loader (the glue imports it, so the browser would otherwise find it one round trip
//      late).
//
// SCREENER_SPLIT=0 builds the same release without chunks (for the benchmark's
// comparison): Trunk's module, optimised and minified the same way.
//
// Runs before csp-hashes.mjs (which hashes index.html's inline script) and sw-build.mjs
// (which lists the final files).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { minify } from 'terser';
import { shortenImports } from './short-imports.mjs';
import { dropStreamClasses, checkStreamClassesGone } from './unused-exports.mjs';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const split = process.env.SCREENER_SPLIT !== '0';
// The inlining cap: see the comment on the rust link in index.html.
// `--low-memory-unused` lets wasm-opt fold a constant added to an address into the load's
// or store's offset, which is only sound if no address below 1 KiB is used: Rust's wasm32
// target places the 1 MiB stack first in memory, growing down towards 0 (the data and
// the heap start above it, at 1 MiB), so the first KiB is reached only by a stack that
// has already all but overflowed (0.9 KB gzip smaller).
const WASM_OPT_FLAGS = ['-Oz', '--one-caller-inline-max-function-size', '200', '--low-memory-unused'];

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root, ...opts });
const sha = (alg, data) => crypto.createHash(alg).update(data).digest();
const contentName = (stem, data, ext) => `${stem}-${sha('sha256', data).toString('hex').slice(0, 16)}${ext}`;
const integrity = (data) => `sha384-${sha('sha384', data).toString('base64')}`;
const wasmOpt = (file) => run(path.join(root, 'node_modules', '.bin', 'wasm-opt'), [...WASM_OPT_FLAGS, file, '-o', file]);
async function terse(code, name) {
  // `module`: top-level names are private, so they can be shortened; exported names and
  // the property names the wasm imports by are kept.
  const out = await minify(code, { module: true, compress: true, mangle: true });
  if (!out.code) throw new Error(`split-build: terser produced nothing for ${name}`);
  return out.code;
}

/** CSS without comments, leading whitespace or blank lines. Strings (and so `url("…")`
 * and `content`) are copied as they are, whatever they hold. */
function stripCss(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new Error('split-build: a CSS comment is not closed');
      i = end + 1;
    } else {
      out += c;
    }
  }
  return out.split('\n').map((line) => line.trimStart()).filter((line) => line.trim() !== '').join('\n') + '\n';
}

// What Trunk wrote: screener-<hash>_bg.wasm and its glue screener-<hash>.js.
const trunkWasm = fs.readdirSync(dir).find((f) => f.endsWith('_bg.wasm'));
if (!trunkWasm) throw new Error(`split-build: no *_bg.wasm in ${dir}`);
const trunkGlue = trunkWasm.replace(/_bg\.wasm$/, '.js');
const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');
const replaceAll = (from, to, what) => {
  if (!html.includes(from)) throw new Error(`split-build: index.html has no ${what} (${from})`);
  html = html.split(from).join(to);
};
const trunkIntegrity = (file) => integrity(fs.readFileSync(path.join(dir, file)));

// The styles: comments, indentation and blank lines out, nothing else (split or not).
// Not Trunk's CSS minifier, which rewrites rules (see index.html); this one leaves every
// rule as written. Trunk's name for a file stays: it is a hash of the original text.
for (const css of fs.readdirSync(dir).filter((f) => f.endsWith('.css'))) {
  const file = path.join(dir, css);
  const before = fs.readFileSync(file);
  const after = Buffer.from(stripCss(before.toString('utf8')));
  replaceAll(integrity(before), integrity(after), `integrity of ${css}`);
  fs.writeFileSync(file, after);
}

// Trunk's initializer (src/loader.mjs) is named by a hash of its source, but Trunk's
// minifier does not write the same bytes every time (the constants it hoists come out in
// another order from one build to the next). A name must mean one content: the worker
// answers a hashed name from any build's cache, so a new build's page could be given an
// older build's bytes, which fail the page's integrity check. Named here by its bytes.
const trunkInitializer = fs.readdirSync(dir).find((f) => /^[0-9a-f]{16}-loader\.mjs$/.test(f));
if (!trunkInitializer) throw new Error(`split-build: no <hash>-loader.mjs in ${dir}`);
const initializerName = `${sha('sha256', fs.readFileSync(path.join(dir, trunkInitializer))).toString('hex').slice(0, 16)}-loader.mjs`;
if (initializerName !== trunkInitializer) {
  replaceAll(`/${trunkInitializer}`, `/${initializerName}`, 'the initializer');
  fs.renameSync(path.join(dir, trunkInitializer), path.join(dir, initializerName));
}

if (!split) {
  const wasmPath = path.join(dir, trunkWasm);
  const oldWasm = trunkIntegrity(trunkWasm);
  const oldGlue = trunkIntegrity(trunkGlue);
  const trimmed = dropStreamClasses(fs.readFileSync(wasmPath), fs.readFileSync(path.join(dir, trunkGlue), 'utf8'));
  fs.writeFileSync(wasmPath, trimmed.wasm);
  wasmOpt(wasmPath);
  const short = shortenImports(fs.readFileSync(wasmPath), trimmed.glue);
  fs.writeFileSync(wasmPath, short.wasm);
  const glue = await terse(short.glue, trunkGlue);
  checkStreamClassesGone(glue);
  fs.writeFileSync(path.join(dir, trunkGlue), glue);
  replaceAll(oldWasm, integrity(fs.readFileSync(wasmPath)), 'integrity of the wasm');
  replaceAll(oldGlue, integrity(glue), 'integrity of the glue');
  fs.writeFileSync(indexPath, html);
  console.log(`split-build: SCREENER_SPLIT=0, one module ${trunkWasm}`);
  process.exit(0);
}

const target = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target');
const work = path.join(target, 'split-build');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(path.join(work, 'split'), { recursive: true });

// 1. The release build with its split points, and the relocations the splitter reads.
run('cargo', ['rustc', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '--bin', 'screener',
  '--features', 'split', '--', '-Clink-args=--emit-relocs']);
const raw = path.join(target, 'wasm32-unknown-unknown', 'release', 'screener.wasm');

// 2. Split.
run('wasm-split-cli', ['--target', 'web', '--out-name', 'screener', raw, path.join(work, 'split')]);
const chunks = fs.readdirSync(path.join(work, 'split')).filter((f) => f.endsWith('.wasm') && f !== 'screener.wasm').sort();
if (chunks.length === 0) throw new Error('split-build: the splitter wrote no chunk (is the `split` feature doing anything?)');

// 3. The main module's glue.
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
  '--out-dir', path.join(work, 'bindgen'), '--out-name', 'screener', path.join(work, 'split', 'screener.wasm')]);
if (fs.existsSync(path.join(work, 'bindgen', 'snippets'))) {
  throw new Error('split-build: wasm-bindgen wrote snippets/, which this hook does not copy');
}

// 4. Optimise every module (about 40 s on 2 cores), minify the JavaScript.
const mainWasm = path.join(work, 'bindgen', 'screener_bg.wasm');
const trimmed = dropStreamClasses(fs.readFileSync(mainWasm), fs.readFileSync(path.join(work, 'bindgen', 'screener.js'), 'utf8'));
fs.writeFileSync(mainWasm, trimmed.wasm);
wasmOpt(mainWasm);
for (const c of chunks) wasmOpt(path.join(work, 'split', c));
const short = shortenImports(fs.readFileSync(mainWasm), trimmed.glue);
fs.writeFileSync(mainWasm, short.wasm);
console.log(`split-build: ${trimmed.count} unused exports dropped, ${short.count} imports renamed`);
let loader = await terse(fs.readFileSync(path.join(work, 'split', '__wasm_split.js'), 'utf8'), '__wasm_split.js');
let glue = await terse(short.glue, 'screener.js');
checkStreamClassesGone(glue);

// 5. Content names, innermost first.
const outputs = [];
const write = (name, data) => {
  fs.writeFileSync(path.join(dir, name), data);
  outputs.push([name, data.length]);
};
for (const c of chunks) {
  const data = fs.readFileSync(path.join(work, 'split', c));
  const name = contentName(c.replace(/\.wasm$/, ''), data, '.wasm');
  const ref = `"./${c}"`;
  if (!loader.includes(ref)) throw new Error(`split-build: __wasm_split.js does not name ${c}`);
  loader = loader.split(ref).join(`"./${name}"`);
  write(name, data);
}
const GLUE_REF = /(["'])\.\/screener\.js\1/;
if (!GLUE_REF.test(loader)) throw new Error('split-build: __wasm_split.js does not import ./screener.js');
const loaderName = contentName('__wasm_split', loader, '.js');
// Only the import statements: the same string is also the key the main module's imports
// are looked up by, which must stay as the wasm names it.
const LOADER_IMPORT = /\bfrom\s*(["'])\.\/__wasm_split\.js\1/g;
if (!/\bfrom\s*(["'])\.\/__wasm_split\.js\1/.test(glue)) throw new Error('split-build: the glue does not import ./__wasm_split.js');
glue = glue.replace(LOADER_IMPORT, `from"./${loaderName}"`);
const glueName = contentName('screener', glue, '.js');
loader = loader.replace(GLUE_REF, `"./${glueName}"`);
const mainData = fs.readFileSync(mainWasm);
const wasmName = contentName('screener', mainData, '_bg.wasm');
write(loaderName, loader);
write(glueName, glue);
write(wasmName, mainData);

// 6. index.html: Trunk's names and integrity hashes become ours.
replaceAll(trunkIntegrity(trunkWasm), integrity(mainData), 'integrity of the wasm');
replaceAll(trunkIntegrity(trunkGlue), integrity(glue), 'integrity of the glue');
const sizeArg = new RegExp(`('/${trunkWasm}',\\s*)\\d+`);
if (!sizeArg.test(html)) throw new Error('split-build: index.html does not pass the wasm size to the initializer');
html = html.replace(sizeArg, `$1${mainData.length}`);
replaceAll(`/${trunkWasm}`, `/${wasmName}`, 'the wasm');
replaceAll(`/${trunkGlue}`, `/${glueName}`, 'the glue');
// The glue's name as a pattern (its dots literal), for the two places the page names it.
const gluePattern = glueName.replace(/\./g, '\\.');
// Beside the glue's modulepreload, with the same address prefix (Trunk's public URL).
const glueLink = html.match(new RegExp(`<link[^>]*href="?([^" >]*)${gluePattern}"?[^>]*>`));
if (!glueLink) throw new Error('split-build: index.html has no modulepreload of the glue');
html = html.replace(glueLink[0], `${glueLink[0]}<link crossorigin href=${glueLink[1]}${loaderName} integrity=${integrity(loader)} rel=modulepreload>`);
// The page's module script imports the split loader itself, beside the glue. Found only
// through the glue's import, it made the module graph one step deeper than the unsplit
// build's, and on a slow phone the graph was then rarely ready when parsing ended: the
// browser laid out and painted the static help first, and only then started the
// WebAssembly (docs/performance.md, "Repeat and offline"). The glue's import stays
// first, so the modules are evaluated in the same order as before.
const glueImport = new RegExp(`(import init, \\* as bindings from '([^']*)${gluePattern}';)`);
if (!glueImport.test(html)) throw new Error('split-build: index.html does not import the glue as Trunk writes it');
html = html.replace(glueImport, `$1\nimport '$2${loaderName}';`);
fs.writeFileSync(indexPath, html);
fs.rmSync(path.join(dir, trunkWasm));
fs.rmSync(path.join(dir, trunkGlue));

console.log(`split-build: main module and ${chunks.length} chunks`);
for (const [name, size] of outputs) console.log(`  ${String(size).padStart(8)} B  ${name}`);
