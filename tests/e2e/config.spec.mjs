// Partner configuration in the browser: an invalid config.json is rejected with every
// problem listed by path and reason (console and deployer notice) while the person gets a
// working screener on the default rules and crisis lines; a missing one is silent; a
// valid one applies; and the page address can choose only the language and a theme.
//
// The configuration is fed with page.route, which answers the app's fetch of
// ./config.json from the test; everything else (and the CSP) comes from the test server.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectAccessible, serveConfig, snap } from './helpers.mjs';
import { EN, answerUntilReview, scenario } from './flow.mjs';

// Each test answers ./config.json with page.route, several times in one page; a service
// worker registered by an earlier load would answer it from the network instead, out of
// page.route's sight. The worker has its own tests (offline.spec.mjs).
test.use({ serviceWorkers: 'block' });

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => fs.readFileSync(path.join(here, '..', 'fixtures', name), 'utf8');
const partner = JSON.parse(fs.readFileSync(path.join(here, 'host', 'configs', 'partner.json'), 'utf8'));
const withReferral = JSON.parse(fs.readFileSync(path.join(here, 'host', 'configs', 'referral.json'), 'utf8'));

const DEFAULT_NAME = 'Low-intensity psychological support';
const COLOUR_ROLES = 'primary, on_primary, background, surface, text, muted_text, border, accent, focus, danger, on_danger';
const TOP_LEVEL = 'service, age, thresholds, instruments, centres, crisis_resources, quick_exit_url, retention_days, languages, default_language, allowed_origins, handoff, theme, referral, alternatives';

/** Console errors, except the browser's own line for a failed network load. */
function consoleErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

async function open(page, url = '/') {
  await page.goto(url);
  await expect(page.locator('#screener-app h1').first()).toBeVisible();
  await expect(page.locator('#screener-static')).toBeHidden();
}

const notice = (page) => page.locator('#screener-deployer-notice');

/** The notice and the console both list exactly `expected` ([path, reason] pairs). */
async function expectProblems(page, errors, expected) {
  await expect(notice(page)).toBeVisible();
  await expect(notice(page).getByRole('heading', { level: 2 })).toHaveText(/configuration not used/);
  await expect(notice(page).locator('summary')).toHaveText(`${expected.length} problem(s) found`);
  const listed = notice(page).locator('.screener-partner__problem');
  await expect(listed).toHaveText(expected.map(([p, r]) => `${p}: ${r}`));
  const report = errors.find((e) => e.startsWith('screener: config.json was not used'));
  expect(report, `console.error report in ${JSON.stringify(errors)}`).toBeTruthy();
  expect(report).toContain(`(${expected.length} problem(s))`);
  for (const [p, r] of expected) expect(report).toContain(`\n  ${p}: ${r}`);
}

/** The person still gets the whole default screener: name, crisis lines, questions. */
async function expectDefaultsWork(page) {
  await expect(page.locator('#screener-main .screener__eyebrow')).toHaveText(DEFAULT_NAME);
  await page.getByRole('button', { name: 'Get help now' }).click();
  const crisis = page.locator('#screener-crisis');
  await expect(crisis).toBeVisible();
  await expect(crisis.getByRole('link', { name: /999/ }).first()).toHaveAttribute('href', 'tel:999');
  await expect(crisis.getByRole('link', { name: /The Samaritans Hong Kong.*2896 0000/ })).toHaveAttribute('href', 'tel:+85228960000');
  await page.getByRole('button', { name: EN.start }).click();
  await expect(page.locator('#screener-main h1')).toHaveText('How old are you?');
  // The default rules: 17 is below the default minimum of 18 (a partner file said 70–65).
  await page.locator('#screener-main form').getByRole('textbox').fill('17');
  await page.getByRole('button', { name: EN.next, exact: true }).click();
  await expect(page.locator('#screener-main h1')).not.toHaveText('How old are you?');
}

const INVALID = [
  ['age', 'min (70) is above max (65)'],
  ['thresholds.phq9_higher_intensity', '30 is outside the PHQ-9 total range (use 1 to 27)'],
  ['thresholds.gad7_higher_intensity', '0 is outside the GAD-7 total range (use 1 to 21)'],
  ['instruments', 'at least one of phq9 and gad7 must be enabled: the eligibility rules rest on them'],
  ['centres[1].id', 'duplicate id `central` (first used at centres[0].id)'],
  ['centres[1].name.en', 'must not be empty'],
  ['crisis_resources', 'one resource must be marked "emergency": true (the emergency number shown first)'],
  ['crisis_resources[0].href', 'must be a tel:, sms: or https: link'],
  ['quick_exit_url', 'must be an https:// URL'],
  ['retention_days', 'must be at least 1'],
  ['default_language', '`zh-Hant-HK` is not one of languages'],
  ['allowed_origins[0]', 'must name one origin; a wildcard would hand answers to any site'],
  ['theme.colors.primary', 'not a plain CSS colour (use #rgb, #rrggbb, rgb(…), hsl(…) or a colour name)'],
  ['theme.colors.sparkle', `unknown colour role (allowed: ${COLOUR_ROLES})`],
  ['theme.logo_url', 'contains spaces, quotes, brackets or other characters not allowed in a URL here'],
];

test('inconsistent values and unsafe links: every problem listed, defaults work, page accessible', async ({ page }) => {
  const errors = consoleErrors(page);
  await serveConfig(page, fixture('config-invalid.json'));
  await open(page);
  await expectProblems(page, errors, INVALID);
  // The rejected theme was not applied: no partner colour reached the root.
  const primary = await page.locator('#screener').evaluate((el) => el.style.getPropertyValue('--screener-color-primary'));
  expect(primary).toBe('');
  await notice(page).locator('summary').click();
  await expectAccessible(page, 'deployer notice open');
  await snap(page, '30-config-invalid-notice');
  await expectDefaultsWork(page);
  // Nothing else went wrong: the report is the only console error.
  expect(errors.filter((e) => !e.startsWith('screener: config.json was not used'))).toEqual([]);
});

test('wrong types, unknown fields and unknown values: every problem listed', async ({ page }) => {
  const errors = consoleErrors(page);
  await serveConfig(page, fixture('config-type-errors.json'));
  await open(page);
  await expectProblems(page, errors, [
    ['age', 'invalid type: string "adults", expected struct AgeRange'],
    ['centres[1]', 'invalid type: integer `3`, expected a string'],
    ['colour', `unknown field (expected one of ${TOP_LEVEL})`],
    ['languages[1]', 'unknown variant `fr`, expected `en` or `zh-Hant-HK`'],
    ['retention_days', 'invalid type: string "thirty", expected u32'],
  ]);
  await expectDefaultsWork(page);
});

test('missing fields and bad phone links in a crisis resource', async ({ page }) => {
  const errors = consoleErrors(page);
  await serveConfig(page, JSON.stringify({
    crisis_resources: [
      { id: 'police', name: { en: 'Police', zh: '警察' }, number: '999', href: 'tel:999', hours: { en: '24 hours', zh: '24小時' }, emergency: true },
      { id: 'line', name: { en: 'A line', zh: '熱線' }, number: '123', hours: { en: '24 hours', zh: '24小時' } },
    ],
    centres: [{ id: 'x', name: { en: 'X', zh: '甲' } }],
  }));
  await open(page);
  await expectProblems(page, errors, [
    ['centres[0]', 'missing field `area`'],
    ['crisis_resources[1]', 'missing field `href`'],
  ]);
  await page.unroute('**/config.json');
  const errors2 = consoleErrors(page);
  await serveConfig(page, JSON.stringify({
    crisis_resources: [
      { id: 'police', name: { en: 'Police', zh: '警察' }, number: '999', href: 'tel:abc', hours: { en: '24 hours', zh: '24小時' }, emergency: true },
      { id: 'sms', name: { en: 'Text us', zh: '短訊' }, number: ' ', href: 'sms:', hours: { en: '', zh: '全日' } },
    ],
  }));
  await open(page);
  await expectProblems(page, errors2, [
    ['crisis_resources[0].href', 'a tel: or sms: link must be followed by a phone number (digits, optional leading +, hyphens)'],
    ['crisis_resources[1].number', 'must not be empty'],
    ['crisis_resources[1].href', 'a tel: or sms: link must be followed by a phone number (digits, optional leading +, hyphens)'],
    ['crisis_resources[1].hours.en', 'must not be empty'],
  ]);
  await expectDefaultsWork(page);
});

test('not JSON at all, or not an object', async ({ page }) => {
  const errors = consoleErrors(page);
  await serveConfig(page, '{ "age": { "min": 18, ');
  await open(page);
  await expect(notice(page).locator('.screener-partner__problem')).toHaveCount(1);
  await expect(notice(page).locator('.screener-partner__problem')).toHaveText(/^\$: not valid JSON: EOF while parsing/);
  expect(errors.join('\n')).toContain('\n  $: not valid JSON: EOF while parsing');
  await page.unroute('**/config.json');
  await serveConfig(page, '[1, 2]');
  await open(page);
  await expect(notice(page).locator('.screener-partner__problem')).toHaveText(['$: expected a JSON object']);
  await expectDefaultsWork(page);
});

test('a server error is reported; a timeout-free failure still starts on the defaults', async ({ page }) => {
  const errors = consoleErrors(page);
  await serveConfig(page, 'oops', { status: 500, contentType: 'text/plain' });
  await open(page);
  await expect(notice(page).locator('.screener-partner__problem')).toHaveText(['$: config.json could not be loaded (HTTP status 500)']);
  expect(errors.join('\n')).toContain('$: config.json could not be loaded (HTTP status 500)');
  await expectDefaultsWork(page);
});

test('no config.json (404) means the defaults, silently', async ({ page }) => {
  const errors = consoleErrors(page);
  const failedLoads = [];
  page.on('console', (m) => {
    // Chromium itself logs every failed load as an error; that line is not the app's.
    if (m.type() === 'error' && m.text().startsWith('Failed to load resource')) failedLoads.push(m.location().url);
  });
  await serveConfig(page, 'not found', { status: 404, contentType: 'text/plain' });
  await open(page);
  await expect(notice(page)).toHaveCount(0);
  await expectDefaultsWork(page);
  expect(failedLoads.every((url) => url.endsWith('/config.json'))).toBe(true);
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
});

test('a host answering every path with index.html has no configuration either', async ({ page }) => {
  const errors = consoleErrors(page);
  await serveConfig(page, '<!DOCTYPE html><html><body>app</body></html>', { contentType: 'text/html; charset=utf-8' });
  await open(page);
  await expect(notice(page)).toHaveCount(0);
  await expect(page.locator('#screener-main .screener__eyebrow')).toHaveText(DEFAULT_NAME);
  expect(errors).toEqual([]);
});

test('a valid configuration applies: name, rules, centres, theme, no notice', async ({ page }) => {
  const errors = consoleErrors(page);
  await serveConfig(page, JSON.stringify(partner));
  await open(page);
  await expect(notice(page)).toHaveCount(0);
  await expect(page.locator('#screener-main .screener__eyebrow')).toHaveText('Harbour Wellbeing Steps');
  await expect(page.getByText('Short support for low mood, worry and stress, from Harbour Community Services.')).toBeVisible();
  const root = page.locator('#screener');
  const prop = (name) => root.evaluate((el, n) => getComputedStyle(el).getPropertyValue(n).trim(), name);
  expect(await prop('--screener-color-primary')).toBe('#005a9c');
  expect(await prop('--screener-color-focus')).toBe('#b45309');
  expect(await prop('--screener-font-family')).toBe('Arial, "Noto Sans TC", sans-serif');
  // Set through the CSSOM, so the strict CSP (no 'unsafe-inline' styles) allowed it.
  expect(errors).toEqual([]);
  await expectAccessible(page, 'partner-themed welcome');
  await snap(page, '31-config-partner-welcome');
});

test('broken alternatives: the rest of the file is used, and the notice and the console name their problems', async ({ page }) => {
  const errors = consoleErrors(page);
  const config = {
    ...partner,
    alternatives: [
      { id: 'walk', name: { en: 'Walk and talk' }, offers: { en: 'Walks', zh: '散步' }, form: 'peer_group', delivery: ['face_to_face'], suits: ['few_symptoms'], tel: 'tel:+85212345678' },
      { id: 'walk', name: { en: 'Again', zh: '再' }, offers: { en: 'x', zh: 'x' }, form: 'community', delivery: ['face_to_face'], suits: ['few_symptoms'], url: 'https://example.org' },
    ],
  };
  const expected = [
    ['alternatives[0].name.zh', 'must not be empty'],
    ['alternatives[1].id', 'duplicate id `walk` (first used at alternatives[0].id)'],
  ];
  await serveConfig(page, JSON.stringify(config));
  await open(page);
  // The partner's name, theme and rules are in force: only the alternatives are left out.
  await expect(page.locator('#screener-main .screener__eyebrow')).toHaveText('Harbour Wellbeing Steps');
  // Read once the result's chunk is in, after the first screen, with no step taken.
  await expect(notice(page).getByRole('heading', { level: 2 })).toHaveText(/part of the configuration not used/);
  await expect(notice(page)).toContainText('leaves them out (their paths are below) and uses everything else');
  await expect(notice(page).locator('summary')).toHaveText(`${expected.length} problem(s) found`);
  await expect(notice(page).locator('.screener-partner__problem')).toHaveText(expected.map(([p, r]) => `${p}: ${r}`));
  const report = errors.find((e) => e.startsWith('screener: part of config.json was not used (2 problem(s)): its alternatives (the result lists no other services).'));
  expect(report, `console.error report in ${JSON.stringify(errors)}`).toBeTruthy();
  for (const [p, r] of expected) expect(report).toContain(`\n  ${p}: ${r}`);
  expect(errors.filter((e) => e !== report)).toEqual([]);
  await expectAccessible(page, 'deployer notice, part of the configuration not used');
});

test('broken referral: no result offers a request, and a contact screen kept on the device gives way to the result', async ({ page }) => {
  const errors = consoleErrors(page);
  const contactHeading = page.getByRole('heading', { level: 1, name: 'How can the service reach you?' });
  await serveConfig(page, JSON.stringify(withReferral));
  await open(page);
  await page.getByRole('button', { name: EN.start }).click();
  await answerUntilReview(page, scenario());
  await page.getByRole('button', { name: EN.seeResult }).click();
  await page.getByRole('button', { name: 'Ask to be contacted' }).click();
  await expect(contactHeading).toBeFocused();
  // The same file again: the contact screen is restored (its chunk reads the section).
  await page.reload();
  await expect(contactHeading).toBeVisible();
  await expect(notice(page)).toHaveCount(0);

  // The file now has a broken referral section (plain http to a public host, no way to
  // withdraw): the rest of it is still used, the saved contact screen gives way to the
  // result, and the result offers no request.
  const broken = { ...withReferral, referral: { ...withReferral.referral, endpoint: 'http://fhir.example.org/R4', withdraw: { en: 'Call us.' } } };
  const expected = [
    ['referral.endpoint', 'must be an https:// URL (plain http:// only on a loopback host, for local testing)'],
    ['referral.withdraw.zh', 'must not be empty'],
  ];
  await page.unroute('**/config.json');
  await serveConfig(page, JSON.stringify(broken));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This service may be a good fit for you');
  await expect(page.getByText(/2345 6789/).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ask to be contacted' })).toHaveCount(0);
  await expect(notice(page).getByRole('heading', { level: 2 })).toHaveText(/part of the configuration not used/);
  await expect(notice(page).locator('.screener-partner__problem')).toHaveText(expected.map(([p, r]) => `${p}: ${r}`));
  const report = errors.find((e) => e.startsWith('screener: part of config.json was not used (2 problem(s)): its referral (no result offers a request to be contacted).'));
  expect(report, `console.error report in ${JSON.stringify(errors)}`).toBeTruthy();
  expect(errors.filter((e) => e !== report)).toEqual([]);
  await expectAccessible(page, 'result without a request, part of the configuration not used');
});

test('the page address chooses only the language and a listed theme', async ({ page }) => {
  const errors = consoleErrors(page);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  // Everything a hostile link might try, besides the two harmless choices.
  await page.goto('/?lang=zh-HK&theme=contrast&config=http://127.0.0.1:9/evil.json'
    + '&crisis_resources=tel:123&phq9_higher_intensity=1&age.min=99&allowed_origins=*&quick_exit_url=https://evil.example');
  await expect(page.locator('#screener-app h1').first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-HK');
  await expect(page.locator('#screener')).toHaveClass(/screener-partner__theme-contrast/);
  // The release build's CSS minifier may shorten #000000 to #000: the same colour.
  expect(await page.locator('#screener').evaluate((el) => getComputedStyle(el).getPropertyValue('--screener-color-text').trim())).toMatch(/^#000(000)?$/);
  await expectAccessible(page, 'contrast theme, Chinese');
  await snap(page, '32-config-url-contrast-zh');
  // Only the page's own origin was asked for anything, and the configuration only at ./config.json.
  expect(requests.filter((u) => !u.startsWith('http://127.0.0.1:8181/'))).toEqual([]);
  expect(requests.map((u) => new URL(u).pathname).filter((p) => p.includes('config') && p !== '/config.json')).toEqual([]);
  // The crisis lines and the rules are still the defaults.
  await page.getByRole('button', { name: '立即求助' }).click();
  await expect(page.locator('#screener-crisis').getByRole('link', { name: /999/ }).first()).toHaveAttribute('href', 'tel:999');
  await expect(page.locator('#screener-crisis a[href="tel:123"]')).toHaveCount(0);
  // An unlisted theme and an unoffered language are ignored.
  await page.goto('/?lang=fr&theme=dark');
  await expect(page.locator('#screener-app h1').first()).toBeVisible();
  await expect(page.locator('#screener')).not.toHaveClass(/screener-partner__/);
  expect(errors).toEqual([]);
});

test('a URL language the configuration does not offer is ignored', async ({ page }) => {
  await serveConfig(page, JSON.stringify({ ...partner, languages: ['en'], default_language: 'en' }));
  await open(page, '/?lang=zh-Hant-HK');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the service\'s facts are checked in the browser as check-config does, by path', async ({ page }) => {
  const errors = consoleErrors(page);
  await serveConfig(page, fixture('config-service-facts-invalid.json'));
  await open(page);
  await expectProblems(page, errors, [
    ['service.first_contact_within.value', 'must be at least 1 (got -3)'],
    ['service.first_conversation.minutes', 'must be 1 to 480 minutes (got 0)'],
    ['service.first_conversation.modes', 'must name at least one of video, phone, in_person (leave first_conversation out to promise none)'],
    ['service.sessions.max', 'must be at least min (5) (got 3)'],
    ['service.cost.paid.zh', 'must not be empty'],
    ['service.for_whom.zh', 'must not be empty'],
  ]);
  await expectDefaultsWork(page);
});

test('absurd lengths are refused by path and limit, as check-config refuses them', async ({ page }) => {
  // A 600 KB service name: the whole document is over the limit, so nothing of it is read.
  const errors = consoleErrors(page);
  const huge = JSON.stringify({ service: { name: { en: 'x'.repeat(600 * 1024), zh: '名' } } });
  await serveConfig(page, huge);
  await open(page);
  await expectProblems(page, errors, [['$', `is ${Buffer.byteLength(huge)} bytes long; the limit is 524288`]]);
  await expectDefaultsWork(page);
});

test('an over-long string anywhere, or crisis label, is named with its path and limit', async ({ page }) => {
  const errors = consoleErrors(page);
  await serveConfig(page, JSON.stringify({
    centres: [{ id: 'a', name: { en: 'n'.repeat(3000), zh: '中' }, area: { en: 'A', zh: '甲' } }],
    crisis_resources: [
      { id: 'e', name: { en: 'E'.repeat(121), zh: '緊急' }, number: '112', href: 'tel:112', emergency: true, open_24_hours: true },
    ],
  }));
  await open(page);
  await expectProblems(page, errors, [['centres[0].name.en', 'is 3000 characters long; the limit is 2048']]);
  await serveConfig(page, JSON.stringify({
    crisis_resources: [
      { id: 'e', name: { en: 'E'.repeat(121), zh: '緊急' }, number: '1'.repeat(33), href: 'tel:112', emergency: true, open_24_hours: true },
    ],
  }));
  await page.reload();
  await expect(page.locator('#screener-app h1').first()).toBeVisible();
  await expect(notice(page).locator('.screener-partner__problem')).toHaveText([
    'crisis_resources[0].name.en: is 121 characters long; the limit is 120',
    'crisis_resources[0].number: is 33 characters long; the limit is 32',
  ]);
  await expectDefaultsWork(page);
});
