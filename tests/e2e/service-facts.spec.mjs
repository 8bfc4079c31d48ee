// The service's facts come from the partner's configuration. The partner app
// (127.0.0.1:8383, host/configs/partner.json) describes a service whose every fact differs
// from the model service's: contact within five days, a 30-minute first conversation by
// phone or in person, 3 to 5 sessions over ten weeks, a charge, its own words on who it
// is for, and ages 16 to 70. On every screen, in the printed summary and in the handoff
// to the host page, the configured facts appear and none of the model service's do.
import { test, expect } from '@playwright/test';
import { HOST } from './host/ports.mjs';
import { EN, ZH, answerUntilReview, scenario } from './flow.mjs';
import { snap } from './helpers.mjs';

// The model service's facts as the pages word them (see crates/screener-core/src/config/service.rs).
const DEFAULT_FACTS_EN = [
  /45[- ]minute/i, /two weeks/i, /6 to 8/, /video or phone/i, /video call/i, /adults aged/i,
  /free support/i, /mild to moderate/i, /30 days/,
];
const DEFAULT_FACTS_ZH = [/45 ?分鐘/, /兩星期/, /6 至 8/, /視像/, /成年人/, /免費支援/, /輕度至中度/, /30 日/];

const app = (page) => page.frameLocator('#screener-embed iframe');
const events = (page) => page.evaluate(() => window.screenerEvents);

function expectNone(text, patterns, where) {
  for (const p of patterns) expect(text, `${where} must not say ${p}`).not.toMatch(p);
}

/** Answers every question, recording the options the contact-mode question offered. */
async function answerAll(frame, t, extra) {
  let modes = null;
  await answerUntilReview(frame, scenario({ t, extra }), {
    t,
    onScreen: async (item) => {
      if (item === 'contact_mode') {
        const labels = await frame.locator('#screener-main form label').allInnerTexts();
        modes = labels.map((l) => l.trim());
      }
    },
  });
  return modes;
}

test('a partner\'s own facts, in English: welcome, questions, result, print and handoff', async ({ page }) => {
  await page.goto(`${HOST}/index.html`);
  const frame = app(page);
  await expect(frame.locator('#screener-app h1').first()).toBeVisible();
  const main = frame.locator('#screener-main');

  // Welcome.
  await expect(main.locator('h1')).toHaveText('Could this support be right for you?');
  const welcome = await main.innerText();
  for (const fact of [
    'It starts with a 30-minute conversation by phone or in person, whichever you prefer.',
    'If it fits, someone usually gets in touch within five days.',
    'Cost: HK$50 a session, waived on request',
    'People aged 16 to 70 who feel stressed at work or at home.',
    // retention_days: 14, not the default's 30.
    'deleted after 14 days',
  ]) expect(welcome).toContain(fact);
  expectNone(welcome, DEFAULT_FACTS_EN, 'the welcome screen');
  await snap(page, '70-service-facts-welcome');

  // The questions: the contact section says 30 minutes and offers only phone or in person.
  await frame.getByRole('button', { name: EN.start }).click();
  const seen = [];
  let modes = null;
  await answerUntilReview(frame, scenario({ extra: { contact_centre: /^Wan Chai/, contact_mode: 'In person' } }), {
    onScreen: async (item) => {
      const text = await main.innerText();
      seen.push(text);
      if (item === 'contact_mode') {
        modes = (await main.locator('form label').allInnerTexts()).map((l) => l.trim());
        expect(text).toContain('Would you like the first conversation by phone or in person?');
        expect(text).toContain('about 30 minutes');
        await snap(page, '71-service-facts-contact-mode');
      }
    },
  });
  expect(modes, 'the contact-mode question offers only the configured modes').toEqual(['Phone call', 'In person']);
  expectNone(seen.join('\n'), DEFAULT_FACTS_EN, 'the questions');
  const review = await main.innerText();
  expect(review).toContain('In person');
  expectNone(review, DEFAULT_FACTS_EN, 'the review screen');

  // Result and next steps.
  await frame.getByRole('button', { name: EN.seeResult }).click();
  await expect(main.locator('h1')).toHaveText('This service may be a good fit for you');
  const result = await main.innerText();
  expect(result).toContain('Together you decide whether the 3 to 5 sessions over ten weeks are right for you.');
  expectNone(result, DEFAULT_FACTS_EN, 'the result screen');
  await snap(page, '72-service-facts-result');

  // The printed summary.
  await page.emulateMedia({ media: 'print' });
  const printed = await frame.locator('body').innerText();
  expect(printed).toContain('3 to 5 sessions over ten weeks');
  expectNone(printed, DEFAULT_FACTS_EN, 'the printed summary');
  await page.emulateMedia({ media: 'screen' });

  // The handoff: the FHIR Questionnaire names the configured modes and length only.
  await expect.poll(async () => (await events(page)).filter((e) => e.type === 'screener:completed').length).toBe(1);
  const completed = (await events(page)).find((e) => e.type === 'screener:completed');
  const handoff = JSON.stringify(completed);
  expect(handoff).toContain('In person');
  expect(handoff).toContain('about 30 minutes');
  expectNone(handoff, [...DEFAULT_FACTS_EN, ...DEFAULT_FACTS_ZH], 'the handoff');
});

test('a partner\'s own facts, in Chinese: welcome, contact-mode question and result', async ({ page }) => {
  await page.goto(`${HOST}/zh.html`);
  const frame = app(page);
  await expect(frame.locator('#screener-app h1').first()).toBeVisible();
  const main = frame.locator('#screener-main');
  await expect(main.locator('h1')).toHaveText('這項支援適合你嗎？');
  const welcome = await main.innerText();
  for (const fact of [
    '首先會有一次 30 分鐘的電話或面對面對談，由你選擇。',
    '如服務適合你，一般會在五天內與你聯絡。',
    '費用：每節港幣50元，可申請豁免',
    '16 至 70 歲、受工作或家庭壓力困擾的人士。',
    '答案會在 14 日後刪除',
  ]) expect(welcome).toContain(fact);
  expectNone(welcome, DEFAULT_FACTS_ZH, 'the Chinese welcome screen');

  await frame.getByRole('button', { name: ZH.start }).click();
  const modes = await answerAll(frame, ZH, { contact_centre: /^灣仔/, contact_mode: '面對面' });
  expect(modes).toEqual(['電話', '面對面']);
  await frame.getByRole('button', { name: ZH.seeResult }).click();
  await expect(main.locator('h1')).toBeVisible();
  await expect(main).toContainText('你們會一起決定在十星期內的 3 至 5 節面談是否適合你。');
  const result = await main.innerText();
  expectNone(result, DEFAULT_FACTS_ZH, 'the Chinese result screen');
  await page.emulateMedia({ media: 'print' });
  expectNone(await frame.locator('body').innerText(), DEFAULT_FACTS_ZH, 'the Chinese printed summary');
});
