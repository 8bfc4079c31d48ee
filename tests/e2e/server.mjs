// A small static file server for tests and the benchmark, behaving like a CDN would:
// correct MIME types (application/wasm), brotli or gzip when the browser accepts it,
// hashed assets cached as immutable and index.html/config.json revalidated, and the
// Content-Security-Policy a partner is told to send (see docs/deploying.md).
//
//   node tests/e2e/server.mjs --port 8181 --root dist [--no-csp] [--frame-ancestors "'self' http://127.0.0.1:8282"]
//                             [--config tests/e2e/host/configs/partner.json] [--no-wasm] [--probe FILE]
//                             [--connect-src http://127.0.0.1:8590]
//
// --config serves that file as /config.json, as a partner deploys their configuration
// beside the app; without it there is no /config.json (404), as in the default deployment.
// --no-wasm answers 404 for every .wasm file (the app cannot start: the static help must
// do). --probe serves FILE as /__e2e-probe.js and loads it first in index.html: the
// cross-engine tests (tests/engines) use it to collect console errors in engines whose
// WebDriver cannot read the console.
//
// --alt-root NAME=DIR (repeatable) adds a control endpoint for the offline tests
// (offline.spec.mjs): GET /__control/root?name=NAME serves DIR from then on, as if a new
// build had been deployed on the same origin (name "main" is --root); GET
// /__control/network?state=down makes every other request fail as a dead network would
// (the connection is dropped), and state=up restores it. GET /__control/hold-page?state=on
// holds every request for the page (/ or /index.html) until a request for /config.json
// arrives, and then answers it with a mark in its head (<meta name="e2e-page"
// content="after-config">), so a test can tell the network's page from a worker's cached
// copy; GET /__control/count tells how many requests for the page and for config.json
// came since hold-page was last switched on; state=off answers the page at once again.
//
// Only loopback: it binds 127.0.0.1 and never proxies anywhere.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const port = Number(opt('port', 8181));
const mainRoot = path.resolve(opt('root', 'dist'));
let root = mainRoot;
const altRoots = new Map([['main', mainRoot]]);
args.forEach((a, i) => {
  if (a === '--alt-root' && i + 1 < args.length) {
    const [name, dir] = args[i + 1].split('=');
    altRoots.set(name, path.resolve(dir));
  }
});
const control = altRoots.size > 1;
let networkDown = false;
let holdPage = false;
let held = []; // the held requests for the page, each a function that answers it
let count = { page: 0, config: 0 };
const useCsp = !args.includes('--no-csp');
const frameAncestors = opt('frame-ancestors', "'self'");
const configFile = opt('config', null) && path.resolve(opt('config', null));
// The origin of a partner's FHIR endpoint, added to connect-src as docs/deploying.md says.
const connectSrc = opt('connect-src', '');
const noWasm = args.includes('--no-wasm');
const probeFile = opt('probe', null) && path.resolve(opt('probe', null));
const PROBE_PATH = '/__e2e-probe.js';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt']);

export function contentSecurityPolicy(ancestors = "'self'", connect = connectSrc) {
  // 'wasm-unsafe-eval' lets WebAssembly compile; no third-party origins anywhere.
  // Trunk's loader is an inline module script, allowed by the hashes in csp-hashes.txt
  // when present (written by .ci/csp-hashes.sh), else by 'self' only.
  let hashes = '';
  try {
    hashes = fs.readFileSync(path.join(root, 'csp-hashes.txt'), 'utf8').trim();
  } catch { /* no inline scripts hashed yet */ }
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${connect}`.trim(),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

const cache = new Map();
function compressed(file, encoding) {
  const key = `${file}:${encoding}`;
  if (!cache.has(key)) {
    const raw = fs.readFileSync(file);
    cache.set(key, encoding === 'br'
      ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
      : zlib.gzipSync(raw, { level: 9 }));
  }
  return cache.get(key);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  if (control && url.pathname.startsWith('/__control/')) {
    const name = url.searchParams.get('name');
    const state = url.searchParams.get('state');
    if (url.pathname === '/__control/root' && altRoots.has(name)) root = altRoots.get(name);
    else if (url.pathname === '/__control/network' && (state === 'up' || state === 'down')) networkDown = state === 'down';
    else if (url.pathname === '/__control/hold-page' && (state === 'on' || state === 'off')) {
      holdPage = state === 'on';
      if (holdPage) count = { page: 0, config: 0 };
      else release();
    } else if (url.pathname !== '/__control/count') {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('bad control request');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ root: path.relative(process.cwd(), root), network: networkDown ? 'down' : 'up', holdPage, count }));
    return;
  }
  if (networkDown) {
    req.socket.destroy();
    return;
  }
  let rel = decodeURIComponent(url.pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  if (holdPage && rel === '/index.html') {
    count.page += 1;
    held.push(() => serve(req, res, rel, { marked: true }));
    return;
  }
  if (holdPage && rel === '/config.json') {
    count.config += 1;
    release();
  }
  serve(req, res, rel, { marked: false });
});

/** Answers every held request for the page. */
function release() {
  const waiting = held;
  held = [];
  for (const answer of waiting) answer();
}

/** Answers `req` with the file at `rel` (below the root), as a CDN would; `marked`: see hold-page. */
function serve(req, res, rel, { marked }) {
  const file = rel === '/config.json' && configFile ? configFile
    : rel === PROBE_PATH && probeFile ? probeFile
      : path.join(root, path.normalize(rel));
  const missing = noWasm && file.endsWith('.wasm');
  if (missing || !(file === configFile || file === probeFile || file.startsWith(root)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  const ext = path.extname(file);
  const headers = {
    'content-type': MIME[ext] || 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    vary: 'accept-encoding',
  };
  // Trunk puts a content hash in asset names: those never change, the rest must revalidate.
  headers['cache-control'] = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(file)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
  if (ext === '.html' && useCsp) headers['content-security-policy'] = contentSecurityPolicy(frameAncestors);
  const accepts = String(req.headers['accept-encoding'] || '');
  let body;
  if (COMPRESSIBLE.has(ext) && /\bbr\b/.test(accepts)) {
    body = compressed(file, 'br');
    headers['content-encoding'] = 'br';
  } else if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(accepts)) {
    body = compressed(file, 'gzip');
    headers['content-encoding'] = 'gzip';
  } else {
    body = fs.readFileSync(file);
  }
  if (ext === '.html' && (probeFile || marked)) {
    // Edits of the page are made on its text, so it goes uncompressed.
    let html = fs.readFileSync(file, 'utf8');
    // Before the first script, as a classic script: it runs before Trunk's module loader.
    // The CSP allows it as a 'self' script.
    if (probeFile) html = insertBefore(html, /<script/i, `<script src="${PROBE_PATH}"></script>`);
    if (marked) html = insertBefore(html, /<title/i, '<meta name="e2e-page" content="after-config">');
    body = Buffer.from(html);
    delete headers['content-encoding'];
  }
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** `html` with `text` before the first match of `where` (unchanged if there is none). */
function insertBefore(html, where, text) {
  const at = html.search(where);
  return at < 0 ? html : `${html.slice(0, at)}${text}${html.slice(at)}`;
}

server.listen(port, '127.0.0.1', () => {
  console.log(`serving ${root} on http://127.0.0.1:${port}/`);
});
