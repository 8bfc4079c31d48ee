// Trunk post-build hook: writes csp-hashes.txt beside index.html, the CSP source list
// ('sha256-…' per inline script) that allows exactly the inline scripts Trunk generated
// (its loader) and nothing else. The test server and the deployment guide use it so the
// app runs under a strict Content-Security-Policy without 'unsafe-inline'.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const hashes = [];
for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  const digest = crypto.createHash('sha256').update(match[1], 'utf8').digest('base64');
  hashes.push(`'sha256-${digest}'`);
}
fs.writeFileSync(path.join(dir, 'csp-hashes.txt'), hashes.join(' ') + '\n');
console.log(`csp-hashes.txt: ${hashes.length} inline script(s) hashed`);
