// Crisis help tells the truth for every partner. A partner whose lines are unlike the
// model service's in every crisis fact (emergency number 112; a night line, a weekday text
// line at standard rates, none free, none open around the clock) is shown only its own
// facts wherever crisis help appears: "Get help now" on the first and a middle screen, the
// danger answer, the urgent result and its print view, and the static list with scripts
// off, in English and in Chinese. A long unbroken label stays inside the panel at 320 px.
//
// The configuration is fed with page.route (as in config.spec.mjs); the static page is the
// built index.html rewritten by `screener-cli write-crisis-lines`, as a partner does it.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, checkScreen, expectAccessible, serveConfig } from './helpers.mjs';
import { EN, ZH, answerUntil, answerUntilReview, scenario } from './flow.mjs';

test.use({ serviceWorkers: 'block' });

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const CONFIG_PATH = path.join(here, 'host', 'configs', 'crisis-partner.json');
const CONFIG = fs.readFileSync(CONFIG_PATH, 'utf8');

/** What each language must show, and must never show, for this partner. */
const WORDS = {
  en: {
    t: EN,
    url: '/?lang=en',
    getHelp: 'Get help now',
    emergency: /Emergency line\s+112/,
    hours: ['7 pm to 7 am', 'Always answered', 'Weekdays 9 am to 5 pm', 'Standard text rates', 'By text message'],
    danger: 'If you are in danger now, call 112.',
    banned: [/999/, /24 hours/i, /\bfree\b/i, /Thank you for telling us/],
    dangerYes: 'Yes',
    urgentTitle: 'Please reach out for support now',
    notAround: 'Not all of the lines above are open around the clock',
  },
  zh: {
    t: ZH,
    url: '/?lang=zh-Hant-HK',
    getHelp: '立即求助',
    emergency: /緊急電話\s+112/,
    hours: ['晚上7時至早上7時', '隨時接聽', '平日上午9時至下午5時', '標準短訊收費', '以短訊聯絡'],
    danger: '如你現在身處危險，請致電 112。',
    banned: [/999/, /24\s*小時/, /免費/, /謝謝你告訴我們/],
    dangerYes: '是',
    urgentTitle: '請現在就尋求支援',
    notAround: '上面的熱線並非全部全日開放',
  },
};

const panel = (page) => page.locator('#screener-crisis');

/** The widget's visible text (crisis panel, screen, menus), as a person reads it. */
const shownText = (page) => page.locator('#screener').innerText();

function expectNone(text, banned, where) {
  for (const b of banned) expect(text, `${where} must not say ${b}`).not.toMatch(b);
}

async function expectPartnerLines(page, w, where) {
  await expect(panel(page)).toBeVisible();
  await expect(panel(page).getByRole('link', { name: w.emergency })).toHaveAttribute('href', 'tel:112');
  const text = await panel(page).innerText();
  for (const h of w.hours) expect(text, `${where} shows ${h}`).toContain(h);
  expectNone(await shownText(page), w.banned, where);
}

for (const [lang, w] of Object.entries(WORDS)) {
  test.describe(`a partner unlike the model in every crisis fact (${lang})`, () => {
    test.beforeEach(async ({ page }) => { await serveConfig(page, CONFIG); });

    test('"Get help now" on the first and a middle screen shows only its facts', async ({ page }) => {
      await openApp(page, w.url);
      expectNone(await shownText(page), w.banned, 'the first screen');
      await page.getByRole('button', { name: w.getHelp }).click();
      await expectPartnerLines(page, w, '"Get help now" on the first screen');
      await checkScreen(page, `40-crisis-partner-help-${lang}`);
      await page.getByRole('button', { name: w.t.start }).click();
      await answerUntil(page, scenario({ t: w.t }), 'gad7_1', { t: w.t });
      await page.getByRole('button', { name: w.getHelp }).click();
      await expectPartnerLines(page, w, '"Get help now" on a middle screen');
      await expectAccessible(page, `partner crisis panel on a middle screen (${lang})`);
    });

    test('the danger answer, the urgent result and its print view name 112', async ({ page }) => {
      await openApp(page, w.url);
      await page.getByRole('button', { name: w.t.start }).click();
      const answers = scenario({ t: w.t, extra: { risk_danger_now: w.dangerYes } });
      await answerUntil(page, answers, 'risk_danger_now', { t: w.t });
      await page.locator('#screener-main form').getByRole('radio', { name: w.dangerYes, exact: true }).check();
      await expect(panel(page).getByText(w.danger)).toBeVisible();
      // In danger now, the emergency line leads the list.
      await expect(panel(page).getByRole('listitem').first()).toContainText('112');
      await expectPartnerLines(page, w, 'the danger answer');
      await checkScreen(page, `41-crisis-partner-danger-${lang}`);
      await page.getByRole('button', { name: w.t.next, exact: true }).click();
      await answerUntilReview(page, answers, { t: w.t });
      await page.getByRole('button', { name: w.t.seeResult }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.urgentTitle);
      await expect(page.locator('#screener-main')).toContainText(w.notAround);
      await expectPartnerLines(page, w, 'the urgent result');
      await checkScreen(page, `42-crisis-partner-result-${lang}`);
      await page.emulateMedia({ media: 'print' });
      const printed = await page.locator('body').innerText();
      expect(printed).toContain('112');
      expect(printed).toContain(w.notAround);
      expectNone(printed, w.banned, 'the print view');
    });
  });
}

test('the static list says what the app says for the same configuration, scripts off, in both languages', async ({ browser, page: scanned }) => {
  // The built page, rewritten with the partner's lines as docs/deploying.md tells
  // partners to, by the same code the app's words come from.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-partner-'));
  const pagePath = path.join(dir, 'index.html');
  fs.copyFileSync(path.join(root, 'dist', 'index.html'), pagePath);
  execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'screener-cli', '--',
    'write-crisis-lines', CONFIG_PATH, pagePath], { cwd: root, stdio: 'inherit' });
  const html = fs.readFileSync(pagePath, 'utf8');
  const serve = (page) => page.route((url) => url.pathname === '/', (route) => route.fulfill({
    status: 200, contentType: 'text/html; charset=utf-8', body: html,
  }));

  const noScripts = await browser.newContext({ javaScriptEnabled: false });
  const page = await noScripts.newPage();
  await serve(page);
  await page.goto('/');
  const list = page.locator('#screener-static-list');
  await expect(list).toBeVisible();
  await expect(list.getByRole('link').first()).toHaveAttribute('href', 'tel:112');
  const text = await page.locator('#screener-static').innerText();
  for (const w of Object.values(WORDS)) {
    for (const h of w.hours) expect(text, `the static list shows ${h}`).toContain(h);
    expectNone(text, w.banned.slice(0, 3), 'the static list');
  }
  await page.screenshot({ path: path.join(here, 'screenshots', '43-crisis-partner-static-phone.png'), fullPage: true });
  await noScripts.close();

  // axe-core needs scripts: the same page is scanned where the app cannot start.
  await serve(scanned);
  await scanned.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await scanned.goto('/');
  await expect(scanned.locator('#screener-static-list')).toBeVisible();
  await expect(scanned.locator('#screener-static-list').getByRole('link').first()).toHaveAttribute('href', 'tel:112');
  await expectAccessible(scanned, 'the partner static list');
});

test('a long unbroken label wraps inside the crisis panel at 320 px', async ({ page }) => {
  const long = 'Helpline'.repeat(14); // 112 characters, no space: under the 120 limit
  const config = JSON.parse(CONFIG);
  config.crisis_resources[0].name.en = long;
  config.crisis_resources[0].hours.en = `Nightly${'0'.repeat(100)}`;
  await serveConfig(page, JSON.stringify(config));
  await page.setViewportSize({ width: 320, height: 640 });
  await openApp(page, '/?lang=en');
  await page.getByRole('button', { name: 'Get help now' }).click();
  await expect(panel(page)).toBeVisible();
  await expect(panel(page).getByText(long)).toBeVisible();
  const overflow = await panel(page).evaluate((p) => {
    const edge = p.getBoundingClientRect().right;
    // What a person can see: a closed <details> keeps its contents laid out but hidden.
    const outside = [...p.querySelectorAll('*')]
      .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > edge + 0.5)
      .map((el) => el.className || el.tagName);
    return { outside, scroll: p.scrollWidth, client: p.clientWidth, page: document.documentElement.scrollWidth };
  });
  expect(overflow.outside, 'elements past the panel edge').toEqual([]);
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  expect(overflow.page, 'no sideways scrolling').toBeLessThanOrEqual(320);
  await page.screenshot({ path: path.join(here, 'screenshots', '44-crisis-long-label-320.png'), fullPage: false });
  await expectAccessible(page, 'long crisis label at 320 px');
});
