// Alternatives that lead somewhere: a partner listing several services of its
// own (configs/alternatives.json, served on APP_ALTERNATIVES) sees, for each outcome, the
// services that fit it, with working tel: and https: links; the peer-support reflection
// reorders the peer options and is kept on the device; the built-in default shows no
// invented service. Each outcome is reached by resuming a saved record on the result step
// (the same record the app writes), so each test is quick; axe-clean and photographed in
// both languages.
import { test, expect } from '@playwright/test';
import { openApp, checkScreen, expectAccessible, watchConsole } from './helpers.mjs';
import { APP_ALTERNATIVES } from './host/ports.mjs';

const RECORD_KEY = 'screener.v1.record';

/** Complete answers by item id and option value: scores 0..3 per PHQ-9 / GAD-7 item. */
function answers({ age = 30, phq = 1, gad = 1, extra = {} } = {}) {
  const f = ['not_at_all', 'several_days', 'more_than_half_the_days', 'nearly_every_day'];
  const a = { age };
  for (let i = 1; i <= 9; i++) a[`phq9_${i}`] = f[i < 9 ? phq : 0];
  for (let i = 1; i <= 7; i++) a[`gad7_${i}`] = f[gad];
  Object.assign(a, {
    phq9_difficulty: 'somewhat_difficult',
    wsas_1: '3', wsas_2: '3', wsas_3: '1', wsas_4: '1', wsas_5: '3',
    complex_diagnosis: 'no', psychiatric_team: 'no', other_therapy: 'no',
    risk_thoughts: 'no', risk_self_harm: 'no', risk_harm_others: 'no', risk_danger_now: 'no',
    contact_mode: 'video', contact_centre: 'mong_kok', contact_language: 'cantonese',
    contact_times: ['weekday_evenings'],
  }, extra);
  return a;
}

/** Opens `base`, saves a record of `a` on the result step, and reloads into it. */
async function resultFor(page, base, a, { lang = 'en', reflection } = {}) {
  await openApp(page, `${base}/`);
  await page.evaluate(([key, a, lang, reflection]) => {
    const now = Date.now();
    const record = {
      format_version: 3, questionnaire_id: 'intake', questionnaire_version: '1',
      instrument_versions: {}, answers: a, step: { step: 'result' }, lang, safety_plan: '',
      contact: { name: '', phone: '', email: '', voicemail: null, sms: null },
      created_ms: now, updated_ms: now, revision: 1,
    };
    if (reflection) record.reflection = reflection;
    localStorage.setItem(key, JSON.stringify(record));
  }, [RECORD_KEY, a, lang, reflection]);
  await page.reload();
  await expect(page.locator('#screener-result-title')).toBeVisible();
}

/** The ids of the suggested services, in order. */
const shown = (page) => page.locator('.screener-suggestion').evaluateAll(
  (els) => els.map((e) => e.dataset.alternative));

const OUTCOMES = [
  ['eligible, waiting', answers(), ['walk_and_talk', 'befriending', 'online_circle', 'self_help_course']],
  ['few symptoms', answers({ phq: 0, gad: 0 }), ['walk_and_talk', 'befriending', 'online_circle', 'self_help_course']],
  ['higher intensity', answers({ phq: 3 }), ['walk_and_talk', 'befriending', 'online_circle', 'family_doctor', 'specialist_team']],
  ['complex needs', answers({ extra: { complex_diagnosis: 'yes' } }), ['befriending', 'family_doctor', 'specialist_team']],
  ['under the age range', answers({ age: 15 }), ['youth_space', 'family_doctor']],
  ['over the age range', answers({ age: 70 }), ['later_life', 'family_doctor']],
  ['urgent support', answers({ extra: { risk_thoughts: 'yes', risk_plans: 'no' } }), ['online_circle', 'specialist_team']],
];

for (const [name, a, ids] of OUTCOMES) {
  test(`${name}: the partner's services that fit, in order`, async ({ page }) => {
    const errors = watchConsole(page);
    await resultFor(page, APP_ALTERNATIVES, a);
    await expect(page.locator('.screener-suggestion')).toHaveCount(ids.length);
    expect(await shown(page)).toEqual(ids);
    // Each says why in a plain sentence.
    for (const why of await page.locator('.screener-suggestion__why').allInnerTexts()) {
      expect(why).toMatch(/^Suggested /);
    }
    expect(errors).toEqual([]);
  });
}

test('urgent support: the crisis lines come first, the services below them', async ({ page }) => {
  await resultFor(page, APP_ALTERNATIVES, answers({ extra: { risk_thoughts: 'yes', risk_plans: 'no' } }));
  const crisis = await page.locator('#screener-crisis').boundingBox();
  const first = await page.locator('.screener-suggestion').first().boundingBox();
  expect(crisis.y + crisis.height).toBeLessThanOrEqual(first.y);
  await expect(page.locator('.screener-suggestion').first())
    .toContainText('Suggested alongside the crisis lines above, not instead of them.');
  await checkScreen(page, '40-alternatives-urgent-en');
});

test('tel: and https: links work, and the card says who it is for', async ({ page, context }) => {
  await resultFor(page, APP_ALTERNATIVES, answers({ age: 15 }));
  const youth = page.locator('[data-alternative="youth_space"]');
  await expect(youth.getByRole('heading', { level: 3 })).toHaveText('Youth Wellbeing Space');
  await expect(youth).toContainText('Suggested because it is for people of your age.');
  await expect(youth).toContainText('12 to 17');
  const call = youth.getByRole('link', { name: '3000 0004' });
  await expect(call).toHaveAttribute('href', 'tel:+85230000004');
  const web = youth.getByRole('link', { name: 'youth.example.org' });
  await expect(web).toHaveAttribute('href', 'https://youth.example.org/');
  // The https link really goes there (answered here, not on the internet).
  await context.route('https://youth.example.org/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Youth</title><h1>Youth</h1>' }));
  await checkScreen(page, '41-alternatives-age-en');
  await web.click();
  await expect(page).toHaveURL('https://youth.example.org/');
});

test('the reflection reorders the peer options, is kept on the device, and says peer support is not for everyone', async ({ page }) => {
  await resultFor(page, APP_ALTERNATIVES, answers());
  const base = ['walk_and_talk', 'befriending', 'online_circle', 'self_help_course'];
  expect(await shown(page)).toEqual(base);
  await page.getByText('Is peer support for me? Four optional questions').click();
  await expect(page.getByText('Peer support does not suit everyone, and if it does not help you, that is not your fault.').first()).toBeVisible();
  await expectAccessible(page, 'reflection open');
  const setting = page.getByRole('group', { name: 'Would you rather meet face to face, or online?' });
  await setting.getByRole('radio', { name: 'Online', exact: true }).check();
  await expect.poll(() => shown(page)).toEqual(['online_circle', 'walk_and_talk', 'befriending', 'self_help_course']);
  await expect(page.getByRole('status').filter({ hasText: 'now in the order that fits your answers' })).toBeVisible();
  await expect(page.locator('[data-alternative="online_circle"]')).toContainText('It is online, as you prefer.');
  // Face to face and talking: the befriending service first.
  await setting.getByRole('radio', { name: 'Face to face', exact: true }).check();
  await page.getByRole('group', { name: /talk things through, or do activities/ })
    .getByRole('radio', { name: 'Talk things through' }).check();
  await expect.poll(() => shown(page)).toEqual(['befriending', 'walk_and_talk', 'online_circle', 'self_help_course']);
  await checkScreen(page, '42-alternatives-reflection-en');
  // Kept on the device with the other answers, and back after a reload.
  await expect.poll(async () => JSON.parse(await page.evaluate((k) => localStorage.getItem(k), RECORD_KEY)).reflection)
    .toBe('-00-');
  await page.reload();
  await expect(page.locator('#screener-result-title')).toBeVisible();
  expect(await shown(page)).toEqual(['befriending', 'walk_and_talk', 'online_circle', 'self_help_course']);
  await expect(page.getByRole('radio', { name: 'Talk things through' })).toBeChecked();
  // Not now: the peer options move to the end; the result itself is unchanged.
  await page.getByRole('radio', { name: 'Not right now' }).check();
  await expect.poll(() => shown(page)).toEqual(['self_help_course', 'befriending', 'walk_and_talk', 'online_circle']);
  await expect(page.locator('#screener-result-title')).toHaveText(/./);
  const title = await page.locator('#screener-result-title').innerText();
  // Clearing restores the partner's order.
  await page.getByRole('button', { name: 'Clear these answers' }).click();
  await expect.poll(() => shown(page)).toEqual(base);
  expect(await page.locator('#screener-result-title').innerText()).toBe(title);
});

test('Traditional Chinese: the same services, in Chinese, axe-clean', async ({ page }) => {
  await resultFor(page, APP_ALTERNATIVES, answers(), { lang: 'zh-Hant-HK', reflection: '--1-' });
  expect(await shown(page)).toEqual(['online_circle', 'walk_and_talk', 'befriending', 'self_help_course']);
  await expect(page.getByRole('heading', { level: 3, name: '網上朋輩圈' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '等候期間' })).toBeVisible();
  await expect(page.locator('[data-alternative="online_circle"]')).toContainText('它在網上進行，符合你的選擇。');
  await checkScreen(page, '43-alternatives-reflection-zh');
  await resultFor(page, APP_ALTERNATIVES, answers({ extra: { risk_thoughts: 'yes', risk_plans: 'no' } }), { lang: 'zh-Hant-HK' });
  await expect(page.locator('.screener-suggestion')).toHaveCount(2);
  await checkScreen(page, '44-alternatives-urgent-zh');
  await resultFor(page, APP_ALTERNATIVES, answers({ age: 70 }), { lang: 'zh-Hant-HK' });
  await expect(page.getByRole('link', { name: '3000 0005' })).toHaveAttribute('href', 'tel:+85230000005');
  await checkScreen(page, '45-alternatives-age-zh');
});

test('the printed summary keeps the services and their contact details, not the reflection', async ({ page }) => {
  await resultFor(page, APP_ALTERNATIVES, answers({ phq: 3 }));
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('[data-alternative="specialist_team"]')).toBeVisible();
  await expect(page.locator('[data-alternative="specialist_team"]')).toContainText('3000 0007');
  await expect(page.locator('[data-alternative="specialist_team"]')).toContainText('2 Example Street, Kowloon');
  await expect(page.locator('[data-alternative="family_doctor"]')).toContainText('gp-finder.example.org');
  await expect(page.locator('.screener-reflection')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
});

test('the built-in default shows no invented service, only the kinds of support as before', async ({ page }) => {
  for (const a of [answers({ phq: 3 }), answers({ age: 70 }), answers(), answers({ extra: { risk_thoughts: 'yes', risk_plans: 'no' } })]) {
    await resultFor(page, '', a);
    await expect(page.locator('.screener-suggestion')).toHaveCount(0);
    await expect(page.locator('.screener-reflection')).toHaveCount(0);
    await expect(page.getByText('While you wait')).toHaveCount(0);
  }
  await resultFor(page, '', answers({ phq: 3 }));
  await expect(page.getByText('Peer support.', { exact: true })).toBeVisible();
  await expect(page.getByText('Your family doctor.', { exact: true })).toBeVisible();
  await expect(page.getByText('Other services.', { exact: true })).toBeVisible();
});
