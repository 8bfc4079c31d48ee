// Offline and instant on return: the service worker (src/sw.js, written for
// each build as sw.js by .ci/sw-build.mjs, registered by src/loader.mjs after the first
// screen is painted).
//
// The app is served on its own port (APP_OFFLINE) with a partner's configuration, by a
// server that can switch to another build and play a dead network (server.mjs
// --alt-root; tests/e2e/builds.mjs makes the builds). "Offline" is both at once: the
// browser context offline, and the server dropping every connection, so nothing can come
// from the network whichever part of the browser asks. Every wait is for a state (the
// worker activated, the page controlled, a cache present), never for a length of time.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, watchConsole, snap, expectAccessible, chunksFetched } from './helpers.mjs';
import { EN, answerUntilReview, scenario } from './flow.mjs';
import { APP_OFFLINE, HOST, APP_ALLOWED, APP_REFERRAL, FHIR } from './host/ports.mjs';
import { fhirReset, fhirResources } from './fhir/client.mjs';
import { prepareBuilds, hashedFiles, NEXT } from './builds.mjs';

const DIST = path.resolve('dist');
// partner.json offers a first conversation by phone or in person (no video).
const answers = () => scenario({ extra: { contact_centre: /^Wan Chai/, contact_mode: 'Phone call' } });
const buildOf = (dir) => fs.readFileSync(path.join(dir, 'sw.js'), 'utf8').match(/const BUILD = '([0-9a-f]+)'/)[1];

test.beforeAll(() => prepareBuilds());
test.beforeEach(async ({ request }) => {
  await control(request, 'root?name=main');
  await control(request, 'network?state=up');
  await control(request, 'hold-page?state=off');
});

async function control(request, what) {
  const response = await request.get(`${APP_OFFLINE}/__control/${what}`);
  expect(response.ok(), `control ${what}`).toBe(true);
}

/** Resolves once the registration of this page (or frame) has an activated worker. */
async function workerActivated(target) {
  return target.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const worker = reg.active;
    if (worker.state !== 'activated') {
      await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
    }
    return worker.state;
  });
}

const controlled = (target) => target.evaluate(() => !!navigator.serviceWorker.controller);
const screenerCaches = (target) => target.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('screener-')));

/** First visit online, the worker installed and activated, then a second visit it controls. */
async function visitTwice(page) {
  await openApp(page, `${APP_OFFLINE}/`);
  expect(await workerActivated(page)).toBe('activated');
  expect(await screenerCaches(page)).toEqual([`screener-${buildOf(DIST)}`]);
  await page.reload();
  await expect(page.locator('#screener-app h1').first()).toBeVisible();
  expect(await controlled(page), 'the second visit is served by the worker').toBe(true);
  // Its chunks too: a test that reloads next would otherwise abort a fetch in flight.
  await chunksFetched(page);
}

/** From the first screen through every question, the result and contact details to the
 * consent screen (configs/referral.json offers a request for the default answers). */
async function toConsent(page) {
  await page.getByRole('button', { name: EN.start }).click();
  await answerUntilReview(page, scenario());
  await page.getByRole('button', { name: EN.seeResult }).click();
  await page.getByRole('button', { name: 'Ask to be contacted' }).click();
  await page.getByLabel('What should we call you?').fill('Ka Yan');
  await page.getByLabel('Phone number').fill('9123 4567');
  await page.getByRole('group', { name: 'Is it safe to leave a voicemail on this phone?' }).getByRole('radio', { name: 'No' }).check();
  await page.getByRole('group', { name: 'Is it safe to send a text message to this phone?' }).getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function goOffline(context, request) {
  await control(request, 'network?state=down');
  await context.setOffline(true);
}

/** Every request and failure of the page from now on. */
function recordRequests(page) {
  const seen = { responses: [], failed: [] };
  page.on('response', (r) => seen.responses.push({ url: r.url(), status: r.status(), fromWorker: r.fromServiceWorker() }));
  page.on('requestfailed', (r) => seen.failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  return seen;
}

test('offline on a later visit: crisis lines at once, the partner configuration, and the whole flow to a result', async ({ page, context, request }) => {
  test.slow(); // a whole flow with an axe scan and screenshots, on a shared machine
  const errors = watchConsole(page);
  await visitTwice(page);

  await goOffline(context, request);
  const seen = recordRequests(page);
  const response = await page.reload({ waitUntil: 'commit' });
  expect(response.fromServiceWorker(), 'the page came from the worker').toBe(true);
  // The page itself carries the crisis lines (tap-to-call: a phone dials with no data).
  const html = await response.text();
  for (const tel of ['tel:999', 'tel:+85228960000', 'tel:18111']) expect(html).toContain(`href=${tel}`);

  // The app starts, with the partner's configuration from the first visit.
  await expect(page.locator('#screener-app h1').first()).toBeVisible();
  await expect(page.locator('#screener-main .screener__eyebrow')).toHaveText('Harbour Wellbeing Steps');
  await page.getByRole('button', { name: 'Get help now' }).first().click();
  await expect(page.locator('.screener-crisis a[href="tel:999"]').first()).toBeVisible();
  await snap(page, '60-offline-reload-crisis');
  await page.keyboard.press('Escape');
  await chunksFetched(page); // from the worker's cache; a navigation now would abort them

  await openApp(page, `${APP_OFFLINE}/`); // and opening it by its address, offline too
  // The page fetches its chunks in the background. One still in flight when the flow
  // below ran its download and print was reported aborted (net::ERR_ABORTED) on a
  // loaded machine, so the flow starts once they are in, as a person's usually are.
  await chunksFetched(page);
  await page.getByRole('button', { name: EN.start }).click();
  await answerUntilReview(page, answers());
  await page.getByRole('button', { name: EN.seeResult }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'This service may be a good fit for you' })).toBeVisible();
  await expectAccessible(page, 'the offline result');
  await snap(page, '61-offline-result');

  // Print and download need no network either.
  const download = page.locator('.screener__screen--result').getByRole('button', { name: 'Download my answers (JSON)' });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(JSON.parse(fs.readFileSync(await file.path(), 'utf8')).resourceType).toBe('QuestionnaireResponse');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print or save my summary' })).toBeHidden();
  await expect(page.getByRole('row', { name: /Mood \(PHQ-9\)/ })).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.length).toBeGreaterThan(1000);
  await page.emulateMedia({ media: 'screen' });

  // Everything came from the worker; nothing failed; no console error.
  expect(seen.failed).toEqual([]);
  expect(seen.responses.filter((r) => !r.fromWorker)).toEqual([]);
  expect(errors).toEqual([]);
});

test('on a later visit the worker asks for config.json with the page, not a round trip after it, and once', async ({ page, request }) => {
  const errors = watchConsole(page);
  await visitTwice(page);
  // The server now answers the page only after a request for config.json has come in.
  // The page's own request comes only once the page has arrived, so unless the worker
  // asks as the page is asked for, the worker gives up on the network after its 2 s and
  // serves its cached copy, which has no mark.
  await control(request, 'hold-page?state=on');
  const response = await page.reload();
  expect(response.fromServiceWorker(), 'the page came through the worker').toBe(true);
  await expect(page.locator('meta[name="e2e-page"]'), 'the network\'s page, not the cached copy').toHaveAttribute('content', 'after-config');
  // The page's own request took the worker's answer: the partner's configuration is in
  // use, and the server saw one request for it.
  await expect(page.locator('#screener-main .screener__eyebrow')).toHaveText('Harbour Wellbeing Steps');
  await chunksFetched(page);
  const { count } = await (await request.get(`${APP_OFFLINE}/__control/count`)).json();
  expect(count).toEqual({ page: 1, config: 1 });
  expect(errors).toEqual([]);
});

test('a new build deployed between two visits is what the next visit runs, never mixed with the old one', async ({ page, context, request }) => {
  const errors = watchConsole(page);
  await visitTwice(page);
  const oldFiles = new Set(hashedFiles(DIST));
  const newFiles = new Set(hashedFiles(NEXT));

  await control(request, 'root?name=next');
  // The server compresses a file on its first request: do that now, so the page answers
  // well within the worker's network-first timeout however loaded the machine is (were it
  // slower, the worker would rightly serve the cached old build, whole, and this visit
  // would not be the one that sees the new build).
  expect((await request.get(`${APP_OFFLINE}/`, { headers: { 'accept-encoding': 'br, gzip' } })).ok()).toBe(true);
  const seen = recordRequests(page);
  await page.reload();
  await expect(page.locator('#screener-app h1').first()).toBeVisible();
  await expect(page.locator('meta[name="screener-build"]')).toHaveAttribute('content', 'next');
  // The new page and only the new build's files; none of them failed.
  const files = seen.responses.map((r) => path.basename(new URL(r.url).pathname)).filter((f) => /[0-9a-f]{16}/.test(f));
  expect(files.length).toBeGreaterThanOrEqual(4);
  expect(files.filter((f) => !newFiles.has(f)), 'files not of the new build').toEqual([]);
  expect(files.filter((f) => oldFiles.has(f))).toEqual([]);
  expect(seen.responses.filter((r) => r.status >= 400)).toEqual([]);
  expect(seen.failed).toEqual([]);

  // The new build's worker takes over (this page asked it to) and the old cache goes.
  await expect.poll(() => screenerCaches(page), { message: 'only the new build is cached' })
    .toEqual([`screener-${buildOf(NEXT)}`]);
  expect(await workerActivated(page)).toBe('activated');

  // Offline, the next visit is the new build, whole.
  await goOffline(context, request);
  seen.responses.length = 0;
  await page.reload();
  await expect(page.locator('#screener-app h1').first()).toBeVisible();
  await expect(page.locator('meta[name="screener-build"]')).toHaveAttribute('content', 'next');
  const offlineFiles = seen.responses.map((r) => path.basename(new URL(r.url).pathname)).filter((f) => /[0-9a-f]{16}/.test(f));
  expect(offlineFiles.filter((f) => !newFiles.has(f))).toEqual([]);
  expect(seen.failed).toEqual([]);
  await page.getByRole('button', { name: EN.start }).click();
  await expect(page.locator('#screener-main h1')).toHaveText('How old are you?');
  expect(errors).toEqual([]);
});

test('the kill switch (sw-kill.js served as sw.js) unregisters the worker and removes its caches', async ({ page, request }) => {
  const errors = watchConsole(page);
  await visitTwice(page);

  await control(request, 'root?name=killed');
  await page.reload();
  await expect(page.locator('#screener-app h1').first()).toBeVisible();
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length),
    { message: 'no registration left' }).toBe(0);
  await expect.poll(() => screenerCaches(page)).toEqual([]);
  // The next visit is the network's, with no worker in between.
  await page.reload();
  await expect(page.locator('#screener-app h1').first()).toBeVisible();
  expect(await controlled(page)).toBe(false);
  expect(errors).toEqual([]);
});

test.describe('inside a partner\'s iframe', () => {
  const frameApp = (page) => page.frameLocator('#screener-embed iframe');
  const appFrame = async (page) => (await page.locator('#screener-embed iframe').elementHandle()).contentFrame();

  test('with a registered worker the embed works as before, served by it on the next visit', async ({ page }) => {
    const errors = watchConsole(page);
    await page.goto(`${HOST}/index.html`);
    await expect(frameApp(page).locator('#screener-app h1').first()).toBeVisible();
    expect(await workerActivated(await appFrame(page))).toBe('activated');
    await page.reload();
    await expect(frameApp(page).locator('#screener-app h1').first()).toBeVisible();
    const frame = await appFrame(page);
    expect(new URL(frame.url()).origin).toBe(APP_ALLOWED);
    expect(await controlled(frame), 'the frame is served by its worker').toBe(true);
    await expect(frameApp(page).locator('#screener-main .screener__eyebrow')).toHaveText('Harbour Wellbeing Steps');
    await frameApp(page).getByRole('button', { name: EN.start }).click();
    await expect(frameApp(page).locator('#screener-main h1')).toHaveText('How old are you?');
    await expect.poll(() => page.evaluate(() => window.screenerEvents.filter((e) => e.type === 'screener:ready').length)).toBe(1);
    expect(errors).toEqual([]);
  });

  test('where the browser refuses a worker, the embed works and says so only on console.info', async ({ page }) => {
    await page.context().addInitScript(() => {
      if (window.ServiceWorkerContainer) {
        ServiceWorkerContainer.prototype.register = () => Promise.reject(new DOMException('refused by the test', 'SecurityError'));
      }
    });
    const errors = watchConsole(page);
    const infos = [];
    page.on('console', (m) => { if (m.type() === 'info') infos.push(m.text()); });
    await page.goto(`${HOST}/index.html`);
    await expect(frameApp(page).locator('#screener-app h1').first()).toBeVisible();
    await expect.poll(() => infos.some((t) => t.includes('screener: offline copy not available') && t.includes('refused by the test'))).toBe(true);
    await frameApp(page).getByRole('button', { name: EN.start }).click();
    await expect(frameApp(page).locator('#screener-main h1')).toHaveText('How old are you?');
    expect(await controlled(await appFrame(page))).toBe(false);
    expect(errors).toEqual([]);
  });
});

test('a referral request made offline asks for Background Sync, and the worker\'s sync event makes the page send it, once', async ({ page, context }) => {
  await fhirReset(FHIR);
  const errors = watchConsole(page);
  await openApp(page, `${APP_REFERRAL}/`);
  expect(await workerActivated(page)).toBe('activated');
  await toConsent(page);

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(page.getByRole('heading', { name: 'Your request has not been sent yet' })).toBeVisible();
  await expect.poll(() => page.evaluate(async () => (await (await navigator.serviceWorker.ready).sync.getTags())),
    { message: 'the pending request registered a sync tag' }).toContain('screener-outbox');

  // The browser fires the sync event when the network is back; here the DevTools protocol
  // fires it, so the test does not wait on the browser's own connectivity checks.
  await page.evaluate(() => {
    window.__screenerRetries = 0;
    addEventListener('screener:retry', () => { window.__screenerRetries += 1; });
  });
  await context.setOffline(false);
  const cdp = await context.newCDPSession(page);
  const registration = new Promise((resolve) => cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
    const ours = registrations.find((r) => r.scopeURL === `${APP_REFERRAL}/` && !r.isDeleted);
    if (ours) resolve(ours.registrationId);
  }));
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin: APP_REFERRAL, registrationId: await registration, tag: 'screener-outbox', lastChance: false,
  });
  await expect.poll(() => page.evaluate(() => window.__screenerRetries), { message: 'the worker asked the tab to retry' })
    .toBeGreaterThanOrEqual(1);
  await expect(page.getByRole('heading', { name: 'Your request was sent' })).toBeVisible();
  const { ServiceRequest = [] } = await fhirResources(FHIR);
  expect(ServiceRequest.length).toBe(1);
  expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

test('on a second visit offline a person reaches every screen (every chunk), sends a request and sees it pending', async ({ page, context }) => {
  test.slow(); // a whole flow, on a shared machine
  await fhirReset(FHIR);
  const errors = watchConsole(page);
  // First visit online: the worker installs this build, chunks included.
  await openApp(page, `${APP_REFERRAL}/`);
  expect(await workerActivated(page)).toBe('activated');
  const cached = await page.evaluate(async () => {
    const keys = await (await caches.open((await caches.keys()).find((k) => k.startsWith('screener-')))).keys();
    return keys.map((r) => new URL(r.url).pathname.slice(1));
  });
  for (const chunk of fs.readdirSync(DIST).filter((f) => f.endsWith('.wasm') || f.startsWith('__wasm_split-'))) {
    expect(cached, `the worker precached ${chunk}`).toContain(chunk);
  }

  // The second visit starts offline, before any chunk is in memory.
  await context.setOffline(true);
  const seen = recordRequests(page);
  await page.reload();
  await expect(page.locator('#screener-app h1').first()).toBeVisible();
  expect(await controlled(page), 'the second visit is served by the worker').toBe(true);
  await toConsent(page);
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(page.getByRole('heading', { name: 'Your request has not been sent yet' })).toBeVisible();

  // Every chunk came from the worker; only the request itself met the dead network.
  const chunkResponses = seen.responses.filter((r) => /\.wasm$/.test(new URL(r.url).pathname));
  expect(chunkResponses.length).toBeGreaterThan(1);
  expect(chunkResponses.filter((r) => !r.fromWorker)).toEqual([]);
  expect(seen.failed.filter((f) => !f.startsWith(FHIR))).toEqual([]);
  expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});
