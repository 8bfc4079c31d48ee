// Intake: an eligible person asks to be contacted, and the request reaches a
// real FHIR implementation (tests/e2e/fhir/server.mjs: Medplum's router in memory, on its
// own origin) exactly once, however the network behaves. Driven by visible labels and
// roles; the server's log and store are the witnesses.
import { test, expect } from '@playwright/test';
import { openApp, watchConsole, checkScreen, expectAccessible, PHONE } from './helpers.mjs';
import { EN, ZH, answerUntilReview, scenario } from './flow.mjs';
import { APP_REFERRAL, APP_BLOCKED, FHIR } from './host/ports.mjs';
import { fhirReset, fhirFaults, fhirResources, fhirLog } from './fhir/client.mjs';

test.beforeEach(async () => { await fhirReset(FHIR); });

const posts = async () => (await fhirLog(FHIR)).filter((e) => e.method === 'POST');

/** Welcome to the eligible result, in English. */
async function toResult(page, url = APP_REFERRAL, answers = scenario()) {
  await openApp(page, `${url}/`);
  await page.getByRole('button', { name: EN.start }).click();
  await answerUntilReview(page, answers);
  await page.getByRole('button', { name: EN.seeResult }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** From the result, through the contact details, to the consent screen. */
async function toConsent(page) {
  await page.getByRole('button', { name: 'Ask to be contacted' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'How can the service reach you?' })).toBeFocused();
  await page.getByLabel('What should we call you?').fill('Ka Yan');
  await page.getByLabel('Phone number').fill('9123 4567');
  await page.getByRole('group', { name: 'Is it safe to leave a voicemail on this phone?' }).getByRole('radio', { name: 'No' }).check();
  await page.getByRole('group', { name: 'Is it safe to send a text message to this phone?' }).getByRole('radio', { name: 'Yes' }).check();
  await page.getByLabel('Email (optional)').fill('kayan@example.org');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Send your request to be contacted?' })).toBeVisible();
}

async function send(page) {
  await page.getByRole('button', { name: 'Send my request' }).click();
}

/**
 * Says "online" to the page (as the browser does when the network returns: a try at once)
 * until the receipt shows; bounded, and independent of the backoff timers' timing.
 */
async function nudgeUntilSent(page) {
  for (let i = 0; i < 20 && !(await receipt(page).isVisible()); i++) {
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForTimeout(250);
  }
  await expect(receipt(page)).toBeVisible();
}

/**
 * Records every Background Sync registration the page asks for (a registration that has
 * already fired leaves no tag behind to look at afterwards). `syncAsked(page)` reads them.
 */
const recordSync = (page) => page.addInitScript(() => {
  window.__syncAsked = [];
  const proto = window.SyncManager && SyncManager.prototype;
  if (!proto) return;
  const register = proto.register;
  proto.register = function (tag) {
    window.__syncAsked.push(tag);
    return register.call(this, tag);
  };
});
const syncAsked = (page) => page.evaluate(() => window.__syncAsked);

const receipt = (page) => page.getByRole('heading', { name: 'Your request was sent' });
const pending = (page) => page.getByRole('heading', { name: 'Your request has not been sent yet' });

/** One Patient, one QuestionnaireResponse, one ServiceRequest, referring to each other and valid. */
async function expectOneReferral() {
  const stored = await fhirResources(FHIR);
  const { Patient = [], QuestionnaireResponse = [], ServiceRequest = [] } = stored;
  expect([Patient.length, QuestionnaireResponse.length, ServiceRequest.length]).toEqual([1, 1, 1]);
  expect(stored.invalid).toEqual([]);
  const [patient, response, request] = [Patient[0], QuestionnaireResponse[0], ServiceRequest[0]];
  expect(request.subject.reference).toBe(`Patient/${patient.id}`);
  expect(request.supportingInfo[0].reference).toBe(`QuestionnaireResponse/${response.id}`);
  expect(response.subject.reference).toBe(`Patient/${patient.id}`);
  expect(request.intent).toBe('proposal');
  return { patient, response, request };
}

test('nothing reaches the server before consent; then one referral arrives with a receipt', async ({ page }) => {
  const errors = watchConsole(page);
  await toResult(page);
  await expect(page.getByRole('heading', { name: 'Ask to be contacted' })).toBeVisible();
  await checkScreen(page, '30-result-referral-offer-en');
  await page.getByRole('button', { name: 'Ask to be contacted' }).click();
  await checkScreen(page, '31-contact-en');
  await page.getByRole('button', { name: EN.back, exact: true }).click();
  await toConsent(page);
  await expect(page.getByText('Phone number: +85291234567')).toBeVisible();
  await expect(page.getByText('the intake team of the Example Wellbeing Service')).toBeVisible();
  await checkScreen(page, '32-consent-en');
  expect(await fhirLog(FHIR), 'not even a preflight before consent').toEqual([]);

  await page.setViewportSize(PHONE);
  await send(page);
  await expect(receipt(page)).toBeVisible();
  // Focus (and so the view, on a phone) is on the request's status, below the scores,
  // not on the result's heading: whether it went is the first thing the person sees.
  const status = page.locator('.screener__referral-status');
  await expect(status).toBeFocused();
  await expect(status).toBeInViewport();
  const { patient, request } = await expectOneReferral();
  expect(patient.name).toEqual([{ text: 'Ka Yan' }]);
  expect(patient.telecom).toEqual(expect.arrayContaining([
    expect.objectContaining({ system: 'phone', value: '+85291234567' }),
    expect.objectContaining({ system: 'sms', value: '+85291234567' }),
    expect.objectContaining({ system: 'email', value: 'kayan@example.org' }),
  ]));
  const reference = request.identifier.find((i) => i.system.endsWith('/fhir/referral-reference')).value;
  expect(reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  await expect(page.getByText(reference, { exact: true })).toBeVisible();
  await expect(page.getByText(/usually contacts you within two weeks/)).toBeVisible();
  await checkScreen(page, '33-receipt-en');

  // The receipt is there on a later visit, and nothing is sent again.
  await page.reload();
  await expect(receipt(page)).toBeVisible();
  await expect(page.getByText(reference, { exact: true })).toBeVisible();
  expect((await posts()).length).toBe(1);
  expect(errors).toEqual([]);
});

test('503s and a dropped connection: the request stays pending, then arrives once', async ({ page }) => {
  await recordSync(page);
  await toResult(page);
  await toConsent(page);
  await fhirFaults(FHIR, [{ kind: 'status', status: 503 }, { kind: 'drop' }]);
  // With the offline copy's worker ready (it asks for Background Sync), the page's timers
  // stand still from the send until the pending screen is checked: no retry of the page's
  // own can come before the check, however slow the machine.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.clock.install();
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  await send(page);
  await expect(pending(page)).toBeVisible();
  await expect.poll(async () => (await posts()).length).toBe(1);
  // Online, no Background Sync is asked for: the browser would fire it at once and retry
  // without waiting out the backoff (a second POST here, before any "online").
  expect(await syncAsked(page)).toEqual([]);
  expect((await posts()).length).toBe(1);
  // axe-core needs the page's timers. The backoff's retry is then at least 2.5 s away and
  // meets a dropped connection, so the screen checked is the pending one.
  await page.clock.resume();
  await checkScreen(page, '34-pending-en');
  // The browser saying it is back online tries again at once (no waiting out the backoff).
  await nudgeUntilSent(page);
  await expectOneReferral();
  expect((await posts()).map((p) => p.fault)).toEqual(['status', 'drop', null]);
});

test.describe('a reason to try that comes during a try', () => {
  // page.route must see the request: a service worker would make it out of its sight.
  test.use({ serviceWorkers: 'block' });

  test('the network coming back during a slow failing try brings one more try at once, not after the backoff', async ({ page }) => {
    await toResult(page);
    await toConsent(page);
    await fhirFaults(FHIR, [{ kind: 'status', status: 503 }]);
    // The first POST is held in flight until the test lets it go on (to its 503).
    let arrived;
    const first = new Promise((resolve) => { arrived = resolve; });
    let release;
    const released = new Promise((resolve) => { release = resolve; });
    let held = false;
    await page.route(`${FHIR}/**`, async (route) => {
      if (route.request().method() === 'POST' && !held) {
        held = true;
        arrived();
        await released;
      }
      await route.continue();
    });
    // The page's timers stand still: no backoff timer can bring the second try.
    await page.clock.install();
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
    await send(page);
    await first;
    // The network comes back while the try is still under way…
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    // …then that try fails.
    release();
    // One more try follows it straight away, and arrives.
    await expect(receipt(page)).toBeVisible();
    expect((await posts()).map((p) => p.fault)).toEqual(['status', null]);
    await page.clock.resume();
    await expectOneReferral();
  });
});

test('offline in the browser: pending until the network returns, then sent once', async ({ page, context }) => {
  await recordSync(page);
  await toResult(page);
  await toConsent(page);
  await context.setOffline(true);
  await send(page);
  await expect(pending(page)).toBeVisible();
  expect(await posts()).toEqual([]);
  // Offline, Background Sync is asked for, so the worker can wake the tab when the network
  // returns.
  await expect.poll(() => syncAsked(page)).toEqual(['screener-outbox']);
  await context.setOffline(false);
  // The browser's own online event sends it. The bound is generous, not a timing: on a
  // loaded two-core machine the try and the server's answer took over the default 5 s.
  await expect(receipt(page)).toBeVisible({ timeout: 20_000 });
  await expectOneReferral();
});

test('stored but the answer was lost: the retry creates nothing new', async ({ page }) => {
  await toResult(page);
  await toConsent(page);
  await fhirFaults(FHIR, [{ kind: 'store-then-drop' }]);
  await send(page);
  await expect(pending(page)).toBeVisible();
  await expect.poll(async () => (await fhirResources(FHIR)).ServiceRequest?.length ?? 0).toBe(1);
  await nudgeUntilSent(page);
  await expectOneReferral();
  expect((await posts()).length).toBe(2);
});

test('reloaded mid-retry, or closed and opened again: sent on the next visit, once', async ({ page, context }) => {
  await toResult(page);
  await toConsent(page);
  await fhirFaults(FHIR, [{ kind: 'status', status: 503, retryAfter: '0' }, { kind: 'drop' }]);
  await send(page);
  await expect(pending(page)).toBeVisible();
  await page.reload();
  await expect(pending(page)).toBeVisible();
  // The reload itself tried again (and met the dropped connection).
  await expect.poll(async () => (await posts()).length).toBeGreaterThanOrEqual(2);
  await page.close();
  const again = await context.newPage();
  await again.goto(`${APP_REFERRAL}/`);
  await expect(receipt(again)).toBeVisible();
  await expectOneReferral();
  // At most two tries reached the server whole. Chromium itself resends a POST whose
  // reused connection was dropped; when that resend lands as the tab closes, its answer
  // is lost with the tab, and the next visit's try is the "answer lost" case, which the
  // server's conditional create deduplicates (one referral, checked above). Seen once in
  // a full run on a loaded machine; never a third.
  expect((await posts()).filter((p) => p.status === 200).length).toBeLessThanOrEqual(2);
});

test('two tabs: the request is sent once', async ({ page, context }) => {
  await toResult(page);
  await toConsent(page);
  await fhirFaults(FHIR, [{ kind: 'drop' }]);
  await send(page);
  await expect(pending(page)).toBeVisible();
  const second = await context.newPage();
  await second.goto(`${APP_REFERRAL}/`);
  // The second tab's visit and both tabs nudged at once; the lock and the stored outbox
  // make one of them send.
  await Promise.all([page, second].map((p) => p.evaluate(() => window.dispatchEvent(new Event('online')))));
  await expect(receipt(second)).toBeVisible();
  await expect(receipt(page)).toBeVisible();
  await expectOneReferral();
  expect((await posts()).filter((p) => p.status === 200)).toHaveLength(1);
});

test('a 400 stops the retries and says what to do instead', async ({ page }) => {
  await toResult(page);
  await toConsent(page);
  await fhirFaults(FHIR, [{ kind: 'status', status: 400 }]);
  await send(page);
  await expect(page.getByRole('heading', { name: 'The service could not accept your request' })).toBeVisible();
  await expect(page.getByRole('link', { name: '2345 6789' })).toHaveAttribute('href', 'tel:23456789');
  await expect(page.getByRole('button', { name: /Download my answers/ })).toBeVisible();
  await checkScreen(page, '35-refused-en');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'The service could not accept your request' })).toBeVisible();
  expect((await posts()).length).toBe(1);
});

test('urgent support offers crisis help, never a referral', async ({ page }) => {
  await toResult(page, APP_REFERRAL, scenario({ extra: { risk_thoughts: 'Yes', risk_plans: 'No' } }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Please reach out for support now');
  await expect(page.locator('#screener-crisis')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ask to be contacted' })).toHaveCount(0);
  expect(await fhirLog(FHIR)).toEqual([]);
});

test('a phone number that cannot be used is refused with its message', async ({ page }) => {
  await toResult(page);
  await page.getByRole('button', { name: 'Ask to be contacted' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Enter what you would like us to call you.' })).toBeVisible();
  await page.getByLabel('What should we call you?').fill('Ka Yan');
  await page.getByLabel('Phone number').fill('1234 567');
  await page.getByRole('button', { name: 'Continue' }).click();
  const phone = page.getByLabel('Phone number');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveAccessibleDescription(/A Hong Kong number has 8 digits\. For a number outside Hong Kong, start with \+/);
  await checkScreen(page, '36-contact-errors-en');
  await phone.fill('+44 20 7946 0958');
  await page.getByRole('group', { name: /voicemail/ }).getByRole('radio', { name: 'No' }).check();
  await page.getByRole('group', { name: /text message/ }).getByRole('radio', { name: 'No' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Phone number: +442079460958')).toBeVisible();
  expect(await fhirLog(FHIR)).toEqual([]);
});

test('an endpoint missing from connect-src is reported to the deployer and stays pending', async ({ page }) => {
  const errors = watchConsole(page);
  await toResult(page, APP_BLOCKED);
  await toConsent(page);
  await send(page);
  await expect(pending(page)).toBeVisible();
  await expect(page.locator('#screener-referral-blocked')).toContainText('connect-src');
  expect(errors.join('\n')).toContain('connect-src');
  expect(await posts()).toEqual([]);
  await expect(receipt(page)).toHaveCount(0);
});

test('an endpoint that is not https is refused by the browser: nothing is offered or sent', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ referral: { endpoint: 'http://fhir.example.org/R4', recipient: { en: 'x', zh: 'x' }, purpose: { en: 'x', zh: 'x' }, withdraw: { en: 'x', zh: 'x' } } }),
  }));
  await toResult(page);
  await expect(page.locator('#screener-deployer-notice')).toContainText('referral.endpoint');
  await expect(page.getByRole('button', { name: 'Ask to be contacted' })).toHaveCount(0);
  await expect(page.getByText('Nothing has been sent from this page')).toBeVisible();
});

test('deleting answers warns that an unsent request is cancelled', async ({ page, context }) => {
  await toResult(page);
  await toConsent(page);
  await context.setOffline(true);
  await send(page);
  await expect(pending(page)).toBeVisible();
  await page.locator('.screener__screen--result').getByRole('button', { name: 'Delete my answers' }).click();
  await expect(page.getByText('Deleting your answers cancels it')).toBeVisible();
  await page.getByRole('button', { name: 'Yes, delete them' }).click();
  await expect(page.getByText('has been cancelled')).toBeVisible();
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.reload();
  await expect(page.getByRole('button', { name: EN.start })).toBeVisible();
  expect(await posts()).toEqual([]);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('screener.')))).toEqual([]);
});

test('Chinese: contact, consent and receipt screens, accessible', async ({ page }) => {
  await openApp(page, `${APP_REFERRAL}/?lang=zh-Hant-HK`);
  await page.getByRole('button', { name: ZH.start }).click();
  await answerUntilReview(page, scenario({ t: ZH }), { t: ZH });
  await page.getByRole('button', { name: ZH.seeResult }).click();
  await page.getByRole('button', { name: '申請聯絡' }).click();
  await page.getByLabel('我們應該怎樣稱呼你？').fill('家欣');
  await page.getByLabel('電話號碼').fill('91234567');
  await page.getByRole('group', { name: /語音訊息/ }).getByRole('radio', { name: '不可以', exact: true }).check();
  await page.getByRole('group', { name: /短訊/ }).getByRole('radio', { name: '可以', exact: true }).check();
  await checkScreen(page, '31-contact-zh');
  await page.getByRole('button', { name: '繼續' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '傳送你的聯絡申請？' })).toBeVisible();
  await checkScreen(page, '32-consent-zh');
  await page.getByRole('button', { name: '傳送我的申請' }).click();
  await expect(page.getByRole('heading', { name: '你的申請已傳送' })).toBeVisible();
  await checkScreen(page, '33-receipt-zh');
  const { response } = await expectOneReferral();
  expect(response.language).toBe('zh-Hant-HK');
});

test('without an endpoint (the default) nothing is asked or sent, and it says so', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: EN.start }).click();
  await answerUntilReview(page, scenario());
  await page.getByRole('button', { name: EN.seeResult }).click();
  await expect(page.getByText('Nothing has been sent from this page: the service does not know about you yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ask to be contacted' })).toHaveCount(0);
  await expect(page.getByText(/usually contacts you within two weeks/)).toHaveCount(0);
  await expectAccessible(page, 'result without endpoint');
});
