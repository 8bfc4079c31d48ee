// Trunk post-build hook (after split-build.mjs and csp-hashes.mjs): writes the build's
// service worker, sw.js, from the template src/sw.js. It fills in
//   ASSETS: exactly the files of this build a visit needs (the page, the loader, the
//           app's script, styles and WebAssembly with the split loader and every chunk,
//           the embed script), read from the build output, never from a hand-kept list,
//           so a second visit works offline to the last screen;
//   WASM:   the app's WebAssembly, which the page names (the worker's test of "this build's page");
//   BUILD:  a hash of those files' names and contents and of the template, so each build
//           has its own worker script and its own cache.
// Left out: sw.js itself, the kill switch sw-kill.js, config.example.json (not read by the
// app), csp-hashes.txt (for the deployer). The partner's config.json is not part of the
// build: the worker caches it separately.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const template = fs.readFileSync(path.join(root, 'src', 'sw.js'), 'utf8');
const LEFT_OUT = new Set(['sw.js', 'sw-kill.js', 'config.example.json', 'csp-hashes.txt', 'config.json']);

const files = fs.readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isFile() && !LEFT_OUT.has(e.name) && /\.(html|js|mjs|css|wasm)$/.test(e.name))
  .map((e) => e.name)
  .sort();
if (!files.includes('index.html')) throw new Error(`sw-build: no index.html in ${dir}`);
const wasm = files.find((f) => f.endsWith('_bg.wasm'));
if (!wasm) throw new Error(`sw-build: no *_bg.wasm in ${dir}`);
// Every file the page names is in the list (the glue, the split loader, the main module).
const page = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
for (const [, named] of page.matchAll(/href="?\/?([^"\s>]+\.(?:js|mjs|css|wasm))"?/g)) {
  if (!files.includes(path.basename(named))) throw new Error(`sw-build: index.html names ${named}, which is not in ${dir}`);
}

const hash = crypto.createHash('sha256').update(template);
for (const f of files) hash.update(`\0${f}\0`).update(fs.readFileSync(path.join(dir, f)));
const build = hash.digest('hex').slice(0, 16);

// index.html is cached as the address of the app ('./'), which is how people open it.
const assets = files.map((f) => (f === 'index.html' ? './' : `./${f}`));
const fill = { __SCREENER_BUILD__: build, __SCREENER_WASM__: wasm };
let out = template.replace(/'(__SCREENER_BUILD__|__SCREENER_WASM__)'/g, (_, k) => `'${fill[k]}'`);
if (!out.includes('__SCREENER_ASSETS__')) throw new Error('sw-build: the template has no __SCREENER_ASSETS__');
out = out.replace('__SCREENER_ASSETS__', JSON.stringify(assets));
if (/__SCREENER_[A-Z]+__/.test(out.replace(/^\/\/.*$/gm, ''))) throw new Error('sw-build: a placeholder is left in sw.js');
fs.writeFileSync(path.join(dir, 'sw.js'), out);
console.log(`sw-build: sw.js for build ${build}, ${assets.length} files: ${assets.join(' ')}`);
