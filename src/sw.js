// The screener's service worker: after a first visit, the page, its crisis
// lines and the whole screener open with no network at all.
//
// This file is a template: the post-build hook .ci/sw-build.mjs writes it into the build
// as sw.js, with BUILD (a hash of this build's files) and ASSETS (exactly this build's
// files, read from the build output) filled in. Each build therefore gets its own worker
// script and its own cache, `screener-<BUILD>`, and one build's page is never served with
// another build's assets.
//
// What it never does: store answers, a safety plan or a referral request (those stay in
// localStorage, which a worker cannot even read), make a request of its own to another
// origin, or touch a request to another origin (the browser handles those as if there
// were no worker). The page registers it only after its first screen is painted
// (src/loader.mjs). Switching it off everywhere: serve sw-kill.js as sw.js
// (docs/deploying.md, "Offline").
'use strict';

const BUILD = '__SCREENER_BUILD__';
// Paths relative to this script (so a build under --public-url works); './' is index.html.
const ASSETS = __SCREENER_ASSETS__;
// The app's WebAssembly: index.html names it, so a page naming it is this build's page.
const APP_WASM = '__SCREENER_WASM__';
const CACHE = `screener-${BUILD}`;
const PREFIX = 'screener-';
// How long the page and config.json may take from the network before the cached copy is
// used. A slow network then never makes the page slower than it is without a worker (it
// would wait for the network anyway), and a dead one costs at most this.
const NETWORK_TIMEOUT_MS = 2000;

const scope = new URL(self.registration.scope);
const at = (p) => new URL(p, scope).href;
const PAGE = at('./');
const PAGE_NAMES = new Set([PAGE, at('./index.html')]);
const CONFIG = at('./config.json');
// Trunk's names carry a 16-hex-digit content hash (screener-<hash>.js, <hash>-loader.mjs);
// embed.js, a fixed name, does not.
const HASHED = new Set(ASSETS.filter((p) => /[0-9a-f]{16}/.test(p)).map(at));
const UNHASHED = new Set(ASSETS.filter((p) => p !== './' && !HASHED.has(at(p))).map(at));

/** A response is this build's page only if it names this build's WebAssembly. */
async function isThisBuildsPage(response) {
  if (!response || !response.ok) return false;
  const text = await response.clone().text();
  return text.includes(APP_WASM);
}

/** config.json as the app would read it: a 200 JSON file, or the 404 of "no configuration". */
function isConfigAnswer(response) {
  if (!response) return false;
  if (response.status === 404) return true;
  return response.ok && (response.headers.get('content-type') || '').includes('json');
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // The page revalidates: never a copy of another build from the HTTP cache.
    const page = await fetch(PAGE, { cache: 'no-cache' });
    // A new build deployed while this one installs: give up; the next visit installs
    // the worker of the build that is there then.
    if (!(await isThisBuildsPage(page))) throw new Error(`screener ${BUILD}: the page is not this build's`);
    await cache.put(PAGE, page);
    await Promise.all(ASSETS.filter((p) => p !== './').map(async (p) => {
      // A hashed name is its content, so the copy this visit just downloaded into the HTTP
      // cache is the file: a person on a data plan does not download the app twice.
      // embed.js has a fixed name: it revalidates.
      const response = await fetch(at(p), { cache: HASHED.has(at(p)) ? 'force-cache' : 'no-cache' });
      if (!response.ok) throw new Error(`screener ${BUILD}: ${p} answered ${response.status}`);
      await cache.put(at(p), response);
    }));
    // The partner's configuration is not part of the build, but the app needs it offline.
    // Carry over the copy the previous build's cache holds, then try the network.
    const previous = await caches.match(CONFIG);
    if (previous) await cache.put(CONFIG, previous);
    try {
      const config = await fetch(CONFIG, { cache: 'no-cache' });
      if (isConfigAnswer(config)) await cache.put(CONFIG, config);
    } catch (_) { /* offline: keep the carried-over copy */ }
    // No skipWaiting here: the new worker takes over only once a page of its own build is
    // running (the `take-over` message below), or when every tab of the old one is closed.
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Old builds' caches go; another app's caches on this origin are left alone.
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    // The page request starts while the worker boots, so the worker costs no extra time.
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
  })());
});

// A page that loaded this (waiting) worker's build from the network asks it to take over,
// so its next visit, online or not, is served by the same build. A page of an older build
// never asks, so its tab keeps being served by the worker it started with.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (data && data.type === 'screener:take-over' && data.wasm === at(APP_WASM)) self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Another origin (a partner's FHIR server, a logo): not ours, the browser handles it.
  if (url.origin !== scope.origin) return;
  const key = url.origin + url.pathname;
  if (request.mode === 'navigate' && PAGE_NAMES.has(key)) {
    askForConfigEarly(event.resultingClientId);
    event.respondWith(networkFirst(event, PAGE, isThisBuildsPage));
  } else if (key === CONFIG) {
    event.respondWith(networkFirst(event, CONFIG, async (r) => isConfigAnswer(r), takeEarlyConfig(event.clientId)));
  } else if (HASHED.has(key)) {
    event.respondWith(cacheFirst(request, key));
  } else if (UNHASHED.has(key)) {
    event.respondWith(networkFirst(event, key, async (r) => r.ok));
  }
  // Anything else on this origin goes to the network as if there were no worker.
});

// config.json asked for when a page is navigated to, by the page (client) it will make.
// Every start of the app asks for it (src/loader.mjs), but only once the page has arrived
// and its scripts run: on a slow network that is a second round trip after the page's,
// and the first screen waits for it. Asked for here, the two round trips overlap. It is
// the same request the page would make, of the same origin, at the same visit: nothing
// else leaves the device, and the copy is no older than the page's would be. An entry
// the page never takes (its scripts failed) is dropped after EARLY_CONFIG_MS.
const earlyConfig = new Map();
const EARLY_CONFIG_MS = 30_000;

/** Starts the request for config.json that the page made by this navigation will make. */
function askForConfigEarly(clientId) {
  // No id (a browser without resultingClientId): the page asks for itself, as before.
  if (!clientId) return;
  const response = fetch(CONFIG, { cache: 'no-cache' });
  response.catch(() => {}); // a failure is the page's to see, if it takes this one
  earlyConfig.set(clientId, response);
  setTimeout(() => earlyConfig.delete(clientId), EARLY_CONFIG_MS);
}

/** The early response for this page's request, once; undefined if there is none. */
function takeEarlyConfig(clientId) {
  const response = clientId ? earlyConfig.get(clientId) : undefined;
  earlyConfig.delete(clientId);
  return response;
}

/**
 * Hashed files never change under the same name: any cached copy is the file (an older
 * build's cache still holds its own until this worker activates).
 */
async function cacheFirst(request, key) {
  return (await caches.match(key)) || fetch(request);
}

/**
 * The network's answer if it comes within NETWORK_TIMEOUT_MS (and, if it is one `keep`
 * accepts, it refreshes the cached copy: a partner's corrected crisis lines or
 * configuration then work offline too); otherwise, or if the network fails, the cached
 * copy; with no cached copy, whatever the network gives. `early`: the network's answer
 * already asked for (askForConfigEarly), used instead of asking again.
 */
async function networkFirst(event, key, keep, early) {
  let copy;
  const fromNetwork = (async () => {
    const preloaded = event.request.mode === 'navigate' ? await event.preloadResponse : await early;
    const response = preloaded || await fetch(event.request);
    copy = response.clone(); // before the page starts reading the body
    return response;
  })();
  // The page gets the network's response as it streams in; the copy refreshes the cache
  // afterwards (the worker is kept alive for it, even if the cached copy won the race).
  event.waitUntil(fromNetwork.then(async () => {
    if (await keep(copy)) await (await caches.open(CACHE)).put(key, copy);
  }).catch(() => {}));
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  if (!cached) return fromNetwork;
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(resolve, NETWORK_TIMEOUT_MS, cached); });
  try {
    // A server error is no better than no network: the cached copy has the crisis lines.
    const network = fromNetwork.then((r) => (r.status >= 500 ? cached : r), () => cached);
    return await Promise.race([network, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Background Sync: a referral request is waiting in the page's outbox (localStorage, out
// of this worker's reach), and the page registered this tag. The browser fires it when the
// network is back; the worker can only ask the open tabs to retry. With no tab open it
// fails, so the browser tries again later; the request itself goes on the next visit.
self.addEventListener('sync', (event) => {
  if (event.tag !== 'screener-outbox') return;
  event.waitUntil((async () => {
    const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    if (tabs.length === 0) throw new Error('screener: no open tab to send the request');
    for (const tab of tabs) tab.postMessage({ type: 'screener:retry' });
  })());
});
