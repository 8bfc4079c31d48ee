// Performance benchmark of a release build. bench/run.sh builds the app and runs
// this; see bench/README.md for what each figure means.
//
//   node bench/bench.mjs [--dist bench/dist] [--runs 10] [--out bench/results/latest.json]
//                        [--profiles slow-4g,...] [--compare bench/dist-unsplit]
//
// --compare DIR also measures the build in DIR (make bench: the unsplit build) on the
// profiles the goals are stated for (first visit over slow 4G, repeat visit over slow 4G,
// offline), served by a second server the same way, its runs alternating with the main
// build's, and prints the two side by side.
//
// It serves the build on loopback with tests/e2e/server.mjs (brotli or gzip, like a CDN),
// then, in headless Debian Chromium, loads the app in a fresh browser context per run,
// under each profile (unthrottled, and slow 4G with a 4x slower CPU), and walks the flow
// to the result screen as a person would. Timings are taken inside the page (probe.mjs);
// bytes come from the DevTools protocol. Exits non-zero if any run fails.
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { EN, answerUntilReview, scenario } from '../tests/e2e/flow.mjs';
import { PHONE } from '../tests/e2e/helpers.mjs';
import { installProbe, FIRST_SCREEN_MESSAGE } from './probe.mjs';
import { TYPES, median, summarise, summariseRuns, table, requestList, comparisonTable, returnComparisonTable } from './report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const DIST = path.resolve(ROOT, opt('dist', 'bench/dist'));
const RUNS = Number(opt('runs', process.env.BENCH_RUNS || 10));
const OUT = path.resolve(ROOT, opt('out', 'bench/results/latest.json'));
const RESULTS_DIR = path.dirname(OUT);
// --profiles a,b: only those (for a quick look; the README's figures are from all of them).
const ONLY = opt('profiles', null)?.split(',');
// --compare DIR: a second build, measured on COMPARE_PROFILES only, alternating with DIST.
// The first visit is compared by its time to the first screen and its bytes; the visits
// coming back by the ratio interactive / FCP as well, whose goals were measured on another
// day: only two builds in the same run, on the same machine, compare fairly.
const COMPARE = opt('compare', null) && path.resolve(ROOT, opt('compare', null));
const COMPARE_PROFILE = 'slow-4g';
const COMPARE_PROFILES = [COMPARE_PROFILE, 'repeat-slow-4g', 'offline'];

// Same flags as the end-to-end suite, plus precise (unrounded) performance.memory.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-precise-memory-info',
];

// Slow 4G as docs/performance.md states it: 1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU 4x
// slower. (DevTools' own "Slow 4G" preset scales these by 0.9 and 3.75 to mimic packet-level
// effects; these are the nominal figures.) timeoutMs bounds each step of a run.
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: 1.6e6 / 8,
  uploadThroughput: 750e3 / 8,
  connectionType: 'cellular4g',
};
// `visit`: 'first' is a fresh browser (empty cache and storage); 'repeat' and 'offline'
// come back to the app in the same browser context after an unthrottled first visit that
// left its service worker activated: 'repeat' with the network, 'offline' with
// none at all (the context offline, for the page and its worker alike).
const ALL_PROFILES = [
  { name: 'unthrottled', label: 'unthrottled', visit: 'first', timeoutMs: 30_000 },
  { name: 'slow-4g', label: 'slow 4G (1.6 Mbps, 150 ms, CPU 4x)', visit: 'first', timeoutMs: 120_000, network: SLOW_4G, cpuRate: 4 },
  { name: 'repeat', label: 'repeat visit, unthrottled', visit: 'repeat', timeoutMs: 30_000 },
  { name: 'repeat-slow-4g', label: 'repeat visit, slow 4G, CPU 4x', visit: 'repeat', timeoutMs: 120_000, network: SLOW_4G, cpuRate: 4 },
  { name: 'offline', label: 'offline, CPU 4x', visit: 'offline', timeoutMs: 60_000, cpuRate: 4 },
];
const PROFILES = ALL_PROFILES.filter((p) => !ONLY || ONLY.includes(p.name));

// Answers for the whole flow: PHQ-9 item 9 ("better off dead or of hurting yourself")
// gets "Several days", a risk answer, so the crisis panel is measured on the way.
const ANSWERS = scenario({ phq: [1, 1, 1, 1, 1, 1, 1, 1, 1] });
const RISK_ITEM = 'phq9_9';
// Next is timed from each PHQ-9 item to the following one (8 clicks per run).
const TIMED_NEXT = /^phq9_[1-8]$/;

/** Rejects with "<what> timed out" unless `promise` settles within `ms`. */
function withTimeout(promise, ms, what) {
  promise.catch(() => {}); // if the timeout wins, a later rejection must not go unhandled
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve, reject) => probe.listen(0, '127.0.0.1', resolve).on('error', reject));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts tests/e2e/server.mjs on a free loopback port for `root`; resolves once it listens. */
async function startServer(root) {
  const port = await freePort();
  const child = spawn(process.execPath,
    [path.join(ROOT, 'tests/e2e/server.mjs'), '--port', String(port), '--root', root],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  await withTimeout(new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => { if (String(chunk).includes('serving')) resolve(); });
    child.on('exit', (code) => reject(new Error(`server exited with code ${code}: ${stderr.trim()}`)));
  }), 15_000, 'starting tests/e2e/server.mjs');
  return { url: `http://127.0.0.1:${port}/`, child };
}

/** Records every http(s) request of a page over CDP; `settled(ms)` waits until none is in flight. */
function trackNetwork(cdp) {
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (/^https?:/.test(e.request.url)) requests.set(e.requestId, { url: e.request.url, done: false });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    Object.assign(r, {
      status: e.response.status, mimeType: e.response.mimeType, encoding: headers['content-encoding'] || 'identity',
      fromWorker: !!e.response.fromServiceWorker,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true });
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { failed: e.errorText, done: true });
  });
  const pending = () => [...requests.values()].filter((r) => !r.done);
  return {
    async settled(ms) {
      const deadline = Date.now() + ms;
      while (pending().length) {
        if (Date.now() > deadline) {
          throw new Error(`requests still in flight after ${ms / 1000} s: ${pending().map((r) => r.url).join(', ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    snapshot: () => [...requests.values()],
  };
}

// By the response's MIME type, so a 404 page counts as what it is, not as what was asked for.
function typeOf(mimeType = '') {
  if (mimeType === 'text/html') return 'html';
  if (mimeType.includes('javascript')) return 'js';
  if (mimeType === 'application/wasm') return 'wasm';
  if (mimeType === 'text/css') return 'css';
  if (mimeType.includes('json')) return 'json';
  return 'other';
}

/**
 * The first visit before a repeat or offline one: unthrottled, until the app's first screen
 * is up and its service worker (registered after that screen) is activated.
 */
async function firstVisit(context, url, timeoutMs) {
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  await page.goto(url);
  await page.getByRole('button', { name: EN.start, exact: true }).waitFor();
  await withTimeout(page.evaluate(async () => {
    const worker = (await navigator.serviceWorker.ready).active;
    if (worker.state !== 'activated') {
      await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
    }
  }), timeoutMs, 'first visit: service worker activated');
  await page.close();
}

/**
 * A DevTools session with the app's service worker (its own target: the page's network
 * emulation does not reach the requests the worker makes), through the browser session.
 * `send` runs a command there; `requests` is what the worker fetched from the network.
 */
async function attachWorker(browserCdp, url) {
  const { targetInfos } = await browserCdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(url));
  if (!target) throw new Error('no service worker target after the first visit');
  const { sessionId } = await browserCdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 0;
  const replies = new Map();
  const requests = new Map();
  browserCdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    if (message.id !== undefined && replies.has(message.id)) {
      replies.get(message.id)(message);
      replies.delete(message.id);
    } else if (message.method === 'Network.requestWillBeSent') {
      requests.set(message.params.requestId, { url: message.params.request.url, bytes: 0 });
    } else if (message.method === 'Network.loadingFinished') {
      const r = requests.get(message.params.requestId);
      if (r) r.bytes = message.params.encodedDataLength;
    }
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = ++nextId;
    replies.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
    browserCdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
  return { send, requests: () => [...requests.values()], detach: () => browserCdp.send('Target.detachFromTarget', { sessionId }).catch(() => {}) };
}

/** One run: a fresh context, (for repeat and offline: a first visit, then) a load, the flow to the result screen, memory. */
async function measureRun(browser, url, profile, label) {
  const context = await browser.newContext({ locale: 'en-US', viewport: PHONE });
  let worker = null;
  let browserCdp = null;
  if (profile.visit !== 'first') {
    await firstVisit(context, url, profile.timeoutMs);
    if (profile.visit === 'offline') await context.setOffline(true);
    if (profile.network) {
      browserCdp = await browser.newBrowserCDPSession();
      worker = await attachWorker(browserCdp, url);
      await worker.send('Network.enable');
      await worker.send('Network.emulateNetworkConditions', profile.network);
    }
  }
  const page = await context.newPage();
  page.setDefaultTimeout(profile.timeoutMs);
  const errors = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err}`));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  const step = (what, promise) => withTimeout(promise, profile.timeoutMs, what);
  try {
    const cdp = await context.newCDPSession(page);
    const network = trackNetwork(cdp);
    await cdp.send('Network.enable');
    // Throttling is set on the fresh page before it navigates anywhere.
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
    if (profile.cpuRate) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuRate });
    await page.addInitScript(installProbe, { startLabel: EN.start, firstScreenMessage: FIRST_SCREEN_MESSAGE });

    // Nothing is evaluated in the page until the probe says the first screen is up (see
    // FIRST_SCREEN_MESSAGE): the driver's own scripts must not compete with the start-up.
    const settled = page.waitForEvent('console', { predicate: (m) => m.text() === FIRST_SCREEN_MESSAGE, timeout: 0 });
    await step('loading index.html', page.goto(url, { waitUntil: 'domcontentloaded' }));
    await step('first screen (welcome h1 + enabled Start button)', settled);
    const { interactive, interactivePaint } = await page.evaluate(() => window.__bench.firstScreen);
    const fcp = await step('first-contentful-paint entry', page.evaluate(() => window.__bench.fcp));
    const appStarted = await page.evaluate(() => window.__bench.appStarted);
    // First load = everything requested until the first screen is up and nothing is in flight.
    await network.settled(profile.timeoutMs);
    // Bodies alone (no headers), as the page's Resource Timing sees them: comparable with
    // the compressed file sizes .ci/check-build.sh budgets. And when each request started
    // (ms from navigation start, like `interactive`), to tell what came before the first screen.
    const timing = await page.evaluate(() => Object.fromEntries(
      performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
        .map((entry) => [entry.name, { body: entry.encodedBodySize, start: entry.startTime }])));
    const requests = network.snapshot().map((r) => {
      if (r.failed) throw new Error(`request failed: ${r.url}: ${r.failed}`);
      // Answered by the service worker: nothing crossed the wire for the page (what the
      // worker itself fetched is counted below).
      const wire = r.fromWorker ? 0 : r.bytes;
      return {
        path: new URL(r.url).pathname, type: typeOf(r.mimeType), status: r.status, encoding: r.fromWorker ? 'worker' : r.encoding,
        bytes: wire, bodyBytes: r.fromWorker ? 0 : timing[r.url]?.body ?? null, started: timing[r.url]?.start ?? null,
      };
    });
    const transfer = Object.fromEntries(TYPES.map((type) => [type, 0]));
    // The browser does not always report a size (a request it answered without a
    // response event): such a request counts 0 and is listed with `?`.
    for (const r of requests) transfer[r.type] += r.bytes ?? 0;
    const workerBytes = worker ? worker.requests().reduce((sum, r) => sum + (r.bytes ?? 0), 0) : 0;
    transfer.total = requests.reduce((sum, r) => sum + (r.bytes ?? 0), 0) + workerBytes;
    transfer.bodies = requests.reduce((sum, r) => sum + (r.bodyBytes ?? 0), 0);
    transfer.fromWorker = network.snapshot().filter((r) => r.fromWorker).length;

    await page.getByRole('button', { name: EN.start, exact: true }).click();
    await step('answering every question', answerUntilReview(page, ANSWERS, {
      onScreen: async (item) => {
        const arm = item === RISK_ITEM ? 'armCrisis' : TIMED_NEXT.test(item) ? 'armNext' : null;
        if (arm) await page.evaluate((name) => window.__bench[name](), arm);
      },
    }));
    await page.getByRole('button', { name: EN.seeResult, exact: true }).click();
    await step('result screen', page.locator('.screener__screen--result').waitFor());
    const timings = await step('in-page Next and crisis measurements', page.evaluate(() => window.__bench.collect()));

    // Memory that stays: collect garbage first, so the figure does not depend on GC timing.
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const inPage = await page.evaluate(() => ({
      jsHeapUsed: performance.memory.usedJSHeapSize,
      wasm: window.__bench.wasmMemory?.buffer.byteLength ?? null,
    }));
    if (inPage.wasm === null) throw new Error('no WebAssembly memory: TrunkApplicationStarted carried no exports');
    const pageErrors = errors.filter((e) => e.startsWith('page error'));
    if (pageErrors.length) throw new Error(pageErrors.join('\n'));

    return {
      transfer, requests, fcp, appStarted, interactive, interactivePaint, ratio: interactive / fcp,
      next: {
        rendered: median(timings.next.map((n) => n.rendered)),
        painted: median(timings.next.map((n) => n.painted)),
        clicks: timings.next,
      },
      crisis: timings.crisis,
      memory: { ...inPage, cdpHeapUsed: heap.usedSize, cdpHeapTotal: heap.totalSize },
    };
  } catch (err) {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const shot = path.join(RESULTS_DIR, `failure-${label.replace(/\W+/g, '-')}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    throw new Error(`${label} failed: ${err.message}\n  screenshot: ${path.relative(ROOT, shot)}` +
      (errors.length ? `\n  ${errors.slice(-5).join('\n  ')}` : ''));
  } finally {
    await worker?.detach();
    await browserCdp?.detach().catch(() => {});
    await context.close();
  }
}

/** The gzip -9 size of a file, exactly as .ci/check-build.sh counts it (`gzip -9 -c FILE | wc -c`). */
const gzipSizes = new Map();
function gzipSize(file) {
  if (!gzipSizes.has(file)) gzipSizes.set(file, execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 28 }).length);
  return gzipSizes.get(file);
}

/**
 * The files of `dist` one run fetched before its first screen was interactive (requests
 * whose Resource Timing start precedes `interactive`; one with no entry counts too), with
 * their gzip -9 size. A 404 (the default deployment's config.json) is no file of the build.
 */
function firstScreenFiles(run, dist) {
  const files = [];
  for (const r of run.requests) {
    if ((r.started !== null && r.started >= run.interactive) || r.status !== 200) continue;
    const rel = r.path.endsWith('/') ? `${r.path}index.html` : r.path;
    const file = path.join(dist, path.normalize(decodeURIComponent(rel)));
    if (file.startsWith(dist + path.sep) && fs.existsSync(file)) files.push({ path: rel, gzip: gzipSize(file) });
  }
  return files;
}

/** 'split' if the build has a split loader (__wasm_split-<hash>.js, .ci/split-build.mjs), else 'unsplit'. */
const buildKind = (dist) => (fs.readdirSync(dist).some((f) => /^__wasm_split-.*\.js$/.test(f)) ? 'split' : 'unsplit');

/** One build's side of the comparison: summaries over its runs, and run 1's first-screen files. */
function compared(dist, runs) {
  const files = runs.map((run) => firstScreenFiles(run, dist));
  return {
    kind: buildKind(dist),
    build: path.relative(ROOT, dist),
    interactive: summarise(runs.map((r) => r.interactive)),
    firstScreenGzip: summarise(files.map((list) => list.reduce((sum, f) => sum + f.gzip, 0))),
    transfer: summarise(runs.map((r) => r.transfer.total)),
    files: files[0],
  };
}

function gitState() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT }).toString().trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
}

async function main() {
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a positive whole number, not ${RUNS}`);
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: build first (bash bench/run.sh does)`);
  if (COMPARE && !fs.existsSync(path.join(COMPARE, 'index.html'))) throw new Error(`${COMPARE}/index.html is missing: build first (bash bench/run.sh does)`);
  // Only the compared profiles that --profiles runs; the first-visit table needs slow-4g.
  const compareProfile = COMPARE && PROFILES.find((p) => p.name === COMPARE_PROFILE);
  const comparedProfiles = COMPARE ? PROFILES.filter((p) => COMPARE_PROFILES.includes(p.name)) : [];
  if (COMPARE && !comparedProfiles.length) console.log(`--compare ${path.relative(ROOT, COMPARE)} ignored: it measures the ${COMPARE_PROFILES.join(', ')} profiles, which --profiles leaves out\n`);

  const server = await startServer(DIST);
  // The second build gets a server of its own (another origin, so nothing is shared).
  const compareServer = comparedProfiles.length ? await startServer(COMPARE).catch((err) => { server.child.kill(); throw err; }) : null;
  // Whatever happens (error, Ctrl-C, kill), the servers go with us.
  const stopServer = () => { server.child.kill(); compareServer?.child.kill(); };
  process.on('exit', stopServer);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(128 + os.constants.signals[signal]));

  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const require = createRequire(import.meta.url);
    const facts = {
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
      chromium: browser.version(),
      playwright: require('@playwright/test/package.json').version,
      node: process.version,
      git: gitState(),
      build: path.relative(ROOT, DIST),
      runs: RUNS,
      ...(comparedProfiles.length ? { compare: { build: path.relative(ROOT, COMPARE), profiles: comparedProfiles.map((p) => p.name) } } : {}),
    };
    console.log(`date ${facts.date}  |  ${facts.cpus} CPUs (${facts.cpuModel}), ${facts.memoryGiB} GiB, load ${facts.loadAverageAtStart.join(' ')}`);
    console.log(`Chromium ${facts.chromium}, Playwright ${facts.playwright}, Node ${facts.node}` +
      (facts.git ? `, commit ${facts.git.commit}${facts.git.dirty ? ' + uncommitted changes' : ''}` : ''));
    console.log(`serving ${facts.build} at ${server.url}; ${RUNS} run${RUNS === 1 ? '' : 's'} per profile, each in a fresh browser context\n`);
    if (compareServer) {
      console.log(`comparing: ${buildKind(DIST)} ${facts.build} with ${buildKind(COMPARE)} ${facts.compare.build} (served at ${compareServer.url}) ` +
        `on ${comparedProfiles.map((p) => p.name).join(', ')}, run by run\n`);
    }

    // One unreported run first: the server compresses each file on its first request
    // (brotli quality 11 takes a while) and Chromium warms up; neither is the app's cost.
    await measureRun(browser, server.url, PROFILES[0], 'warm-up run');
    console.log('warm-up run done (not counted)');
    if (compareServer) {
      await measureRun(browser, compareServer.url, ALL_PROFILES[0], 'warm-up run, compared build');
      console.log(`warm-up run of ${facts.compare.build} done (not counted)`);
    }

    const runs = Object.fromEntries(PROFILES.map((p) => [p.name, []]));
    const compareRuns = Object.fromEntries(comparedProfiles.map((p) => [p.name, []]));
    const runLine = (name, i, run) => console.log(`${name.padEnd(11)} run ${String(i).padStart(2)}/${RUNS}: ` +
      `${run.transfer.total} B, FCP ${run.fcp.toFixed(0)} ms, interactive ${run.interactive.toFixed(0)} ms ` +
      `(x${run.ratio.toFixed(2)}), Next ${run.next.rendered.toFixed(1)} ms, crisis ${run.crisis.visible.toFixed(1)} ms`);
    // Profiles alternate run by run, so a burst of load on the machine hits both alike.
    for (let i = 1; i <= RUNS; i++) {
      for (const profile of PROFILES) {
        const measureMain = async () => {
          const run = await measureRun(browser, server.url, profile, `${profile.name} run ${i}/${RUNS}`);
          runs[profile.name].push(run);
          runLine(profile.name, i, run);
        };
        if (!comparedProfiles.includes(profile)) {
          await measureMain();
          continue;
        }
        // The compared build's run i right beside the main build's run i; which goes first
        // swaps every run (ABBA), so neither always follows the same kind of run.
        const measureCompared = async () => {
          const run = await measureRun(browser, compareServer.url, profile, `${profile.name} run ${i}/${RUNS}, compared build`);
          compareRuns[profile.name].push(run);
          runLine(`${profile.name} (${facts.compare.build})`, i, run);
        };
        for (const measure of i % 2 ? [measureMain, measureCompared] : [measureCompared, measureMain]) await measure();
      }
    }
    facts.loadAverageAtEnd = os.loadavg().map((l) => Number(l.toFixed(2)));

    const profiles = PROFILES.map((p) => ({ ...p, summary: summariseRuns(runs[p.name]), runs: runs[p.name] }));
    const firsts = profiles.filter((p) => p.visit === 'first');
    const returns = profiles.filter((p) => p.visit !== 'first');
    if (firsts.length) console.log(`\n${table(firsts)}\n`);
    if (returns.length) console.log('Coming back (after a first visit that left the service worker activated; transfer = what this load and its worker fetched from the network):');
    if (returns.length) console.log(`\n${table(returns)}\n`);
    for (const p of profiles) {
      console.log(`ratio interactive / FCP per run, ${p.label}: ${p.runs.map((r) => r.ratio.toFixed(2)).join(' ')}`);
    }
    console.log(`\nFirst-load requests (${profiles[0].label}, run 1):\n${requestList(profiles[0].runs[0])}`);
    const repeat = profiles.find((p) => p.name === 'repeat-slow-4g');
    if (repeat) console.log(`\nRepeat-visit requests (${repeat.label}, run 1; "worker" = answered by the service worker):\n${requestList(repeat.runs[0])}`);
    for (const p of profiles.filter((x) => x.visit !== 'first')) {
      const ratio = p.summary['ratio interactive / FCP (target <= 1.5)'];
      console.log(`  ${p.label}: interactive / FCP median ${ratio.median.toFixed(2)} (min ${ratio.min.toFixed(2)}, max ${ratio.max.toFixed(2)}), target <= 1.5: ${ratio.median <= 1.5 ? 'met' : 'NOT met'}`);
    }

    const un = profiles[0].summary;
    const crisis = un['risk answer -> crisis panel visible (target < 16)'].median;
    const ratio = un['ratio interactive / FCP (target <= 1.5)'].median;
    console.log('\nGoals (reported, not asserted; timings depend on machine load):');
    console.log(`  risk answer -> crisis panel visible, median unthrottled: ${crisis.toFixed(1)} ms (target < 16 ms): ${crisis < 16 ? 'met' : 'NOT met'}`);
    console.log(`  first screen interactive / FCP, median unthrottled: ${ratio.toFixed(2)} (target <= 1.5): ${ratio <= 1.5 ? 'met' : 'NOT met'}`);
    console.log(`  machine load average at start ${facts.loadAverageAtStart.join(' ')}, at end ${facts.loadAverageAtEnd.join(' ')}`);

    const comparison = compareProfile
      ? { profile: COMPARE_PROFILE, label: compareProfile.label, builds: [compared(DIST, runs[COMPARE_PROFILE]), compared(COMPARE, compareRuns[COMPARE_PROFILE])] }
      : null;
    if (comparison) console.log(`\n${comparisonTable(comparison, RUNS)}`);
    const returnComparisons = comparedProfiles.filter((p) => p.visit !== 'first').map((p) => ({
      profile: p.name,
      label: p.label,
      builds: [[DIST, runs[p.name]], [COMPARE, compareRuns[p.name]]].map(([dist, list]) => ({
        kind: buildKind(dist),
        build: path.relative(ROOT, dist),
        fcp: summarise(list.map((r) => r.fcp)),
        interactive: summarise(list.map((r) => r.interactive)),
        ratio: summarise(list.map((r) => r.ratio)),
      })),
    }));
    if (returnComparisons.length) console.log(`\n${returnComparisonTable(returnComparisons, RUNS)}`);

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(OUT, JSON.stringify({
      facts,
      transferMeasuredAs: 'CDP Network.loadingFinished encodedDataLength (encoded body + response headers), per request, until the first screen is interactive and no request is in flight',
      profiles: profiles.map(({ name, label, network, cpuRate, summary, runs: list }) =>
        ({ name, label, network: network ?? null, cpuRate: cpuRate ?? 1, summary, runs: list })),
      // The main build's runs are its slow-4g profile's above; the compared build's are here.
      ...(comparison ? { comparison: { ...comparison, comparedBuildRuns: compareRuns[COMPARE_PROFILE] } } : {}),
      ...(returnComparisons.length ? {
        returnComparisons: returnComparisons.map((c) => ({ ...c, comparedBuildRuns: compareRuns[c.profile] })),
      } : {}),
    }, null, 2) + '\n');
    console.log(`\nfull results: ${path.relative(ROOT, OUT)}`);
  } finally {
    await browser?.close();
    stopServer();
  }
}

main().catch((err) => {
  console.error(`\nBENCHMARK FAILED: ${err.message}`);
  process.exit(1); // at once: a step that timed out may still hold a timer
});
