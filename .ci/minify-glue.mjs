// Trunk post-build hook, release builds only: minifies wasm-bindgen's JavaScript glue,
// which Trunk's own `minify` leaves alone (about 50 KB of comments and long names, 8.5 KB
// with gzip before, 6.4 KB after), and updates the `integrity` hash that Trunk wrote for
// it in index.html: a stale hash would make the browser refuse the script.
//
// Runs before csp-hashes.mjs, which hashes the inline scripts of the final index.html.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { minify } from 'terser';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

// The glue is the .js file beside the .wasm of the same name (screener-<hash>.js).
const wasm = fs.readdirSync(dir).find((f) => f.endsWith('_bg.wasm'));
if (!wasm) throw new Error(`minify-glue: no *_bg.wasm in ${dir}`);
const glue = wasm.replace(/_bg\.wasm$/, '.js');
const gluePath = path.join(dir, glue);
const before = fs.readFileSync(gluePath, 'utf8');

// `module`: top-level names are private to the module, so they can be shortened; exported
// names and the property names the wasm imports by are kept (terser does not touch
// properties unless asked).
const out = await minify(before, { module: true, compress: true, mangle: true });
if (!out.code) throw new Error(`minify-glue: terser produced nothing for ${glue}`);
fs.writeFileSync(gluePath, out.code);

const integrity = (text) => `sha384-${crypto.createHash('sha384').update(text, 'utf8').digest('base64')}`;
const oldHash = integrity(before);
const count = html.split(oldHash).length - 1;
if (count === 0) throw new Error(`minify-glue: index.html has no integrity ${oldHash} for ${glue}`);
html = html.split(oldHash).join(integrity(out.code));
fs.writeFileSync(indexPath, html);
console.log(`minify-glue: ${glue} ${before.length} -> ${out.code.length} bytes, ${count} integrity hash(es) updated`);
