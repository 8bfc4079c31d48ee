// Stand-ins for later deployments, made from the release build in dist/ for
// offline.spec.mjs (the server switches to them with --alt-root, see server.mjs):
//
//   builds/next:   "a new build": every hashed file renamed (new hashes), the styles
//                  changed, a marker in the page (<meta name=screener-build content=next>),
//                  the integrity and CSP hashes and the worker (sw.js, a new BUILD and file
//                  list) written again by the same tools the real build uses;
//   builds/killed: this build with the kill switch (sw-kill.js) served as sw.js, exactly
//                  as docs/deploying.md tells a partner to do.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(ROOT, 'dist');
export const BUILDS = path.join(ROOT, 'tests', 'e2e', 'builds');
export const NEXT = path.join(BUILDS, 'next');
export const KILLED = path.join(BUILDS, 'killed');

/** The hashed files of a build directory, by name. */
export function hashedFiles(dir) {
  return fs.readdirSync(dir).filter((f) => /-[0-9a-f]{16}(_bg)?\.[a-z]+$|^[0-9a-f]{16}-loader\.mjs$/.test(f));
}

const sha384 = (buf) => `sha384-${crypto.createHash('sha384').update(buf).digest('base64')}`;
const isText = (f) => /\.(html|js|mjs|css|json|txt)$/.test(f);

function copyDir(from, to) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(from)) {
    if (fs.statSync(path.join(from, f)).isFile()) fs.copyFileSync(path.join(from, f), path.join(to, f));
  }
}

function makeNext() {
  copyDir(DIST, NEXT);
  // Each 16-hex-digit hash becomes another (its digits reversed), everywhere.
  const hashes = new Set(hashedFiles(DIST).map((f) => f.match(/[0-9a-f]{16}/)[0]));
  const rename = (s) => [...hashes].reduce((acc, h) => acc.split(h).join([...h].reverse().join('')), s);
  for (const f of fs.readdirSync(NEXT)) {
    const from = path.join(NEXT, f);
    const to = path.join(NEXT, rename(f));
    if (isText(f)) {
      let text = rename(fs.readFileSync(from, 'utf8'));
      if (f.endsWith('.css')) text += '\n/* the next build */\n';
      if (f === 'index.html') text = text.replace(/(<meta content=noindex name=robots>)/, '$1<meta name=screener-build content=next>');
      fs.writeFileSync(from, text);
    }
    if (from !== to) fs.renameSync(from, to);
  }
  // Integrity attributes for the changed files (Trunk's and split-build's, recomputed).
  const index = path.join(NEXT, 'index.html');
  let html = fs.readFileSync(index, 'utf8');
  html = html.replace(/href=("?)\/([^\s">]+)\1 integrity=("?)sha384-[^\s">]+\3/g,
    (_, q1, file, q2) => `href=${q1}/${file}${q1} integrity=${q2}${sha384(fs.readFileSync(path.join(NEXT, file)))}${q2}`);
  if (!html.includes('screener-build content=next')) throw new Error('builds: no place for the marker in index.html');
  fs.writeFileSync(index, html);
  execFileSync(process.execPath, [path.join(ROOT, '.ci', 'csp-hashes.mjs'), NEXT], { cwd: ROOT, env: { ...process.env, TRUNK_STAGING_DIR: '' } });
  execFileSync(process.execPath, [path.join(ROOT, '.ci', 'sw-build.mjs'), NEXT], { cwd: ROOT, env: { ...process.env, TRUNK_STAGING_DIR: '' } });
}

function makeKilled() {
  copyDir(DIST, KILLED);
  fs.copyFileSync(path.join(KILLED, 'sw-kill.js'), path.join(KILLED, 'sw.js'));
}

/** Writes builds/next and builds/killed from dist/ (a few milliseconds; run before the tests). */
export function prepareBuilds() {
  if (!fs.existsSync(path.join(DIST, 'sw.js'))) throw new Error('builds: dist/sw.js is missing: build first');
  makeNext();
  makeKilled();
}
