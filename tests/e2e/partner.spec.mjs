// Partner embedding, end to end: a host page on one origin (127.0.0.1:8282) embeds the
// screener from another (127.0.0.1:8383) with embed.js. The iframe appears, is titled,
// lazy and in the page's language, and resizes as screens change; events reach the host
// with the right content and nothing more; the completed event's FHIR QuestionnaireResponse
// is structurally valid R4; the host can set the language and reset, and nothing else;
// forged messages from another origin do nothing; and a screener whose config does not
// allow the host (127.0.0.1:8484) tells it nothing. Every app server sends the documented
// CSP with frame-ancestors allowing the host.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { HOST, OTHER_ORIGIN, APP_ALLOWED, APP_EXCLUDED } from './host/ports.mjs';
import { checkQuestionnaireResponse, findItem } from './host/fhir-check.mjs';
import { EN, answerUntil, answerUntilReview, answerCurrent, scenario } from './flow.mjs';
import { snap } from './helpers.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const partnerConfig = JSON.parse(fs.readFileSync(path.join(here, 'host', 'configs', 'partner.json'), 'utf8'));
const TITLE = 'Wellbeing check from Harbour Community Services';
// partner.json offers a first conversation by phone or in person (no video).
const answers = () => scenario({ extra: { contact_centre: /^Wan Chai/, contact_mode: 'Phone call' } });

const iframe = (page) => page.locator('#screener-embed iframe');
const app = (page) => page.frameLocator('#screener-embed iframe');
const events = (page) => page.evaluate(() => window.screenerEvents);
const ofType = async (page, type) => (await events(page)).filter((e) => e.type === `screener:${type}`);
const appFrame = async (page) => (await iframe(page).elementHandle()).contentFrame();

/** Opens a host page and waits until the embedded screener has said it is ready. */
async function openHost(page, file = 'index.html') {
  await page.goto(`${HOST}/${file}`);
  await expect(app(page).locator('#screener-app h1').first()).toBeVisible();
  await expect.poll(() => ofType(page, 'ready').then((r) => r.length)).toBe(1);
}

/** The frame is exactly as tall as its content, and the content does not scroll inside. */
async function expectFits(page) {
  const frame = await appFrame(page);
  await expect.poll(async () => {
    const outer = (await iframe(page).boundingBox()).height;
    const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    return Math.abs(outer - inner);
  }, { message: 'iframe height equals the content height' }).toBeLessThanOrEqual(1);
  const scrolls = await frame.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 1);
  expect(scrolls, 'no scrollbar inside the iframe').toBe(false);
  return (await iframe(page).boundingBox()).height;
}

test('one script tag and a placeholder make a titled, lazy iframe in the page language', async ({ page }) => {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await openHost(page);
  await expect(iframe(page)).toHaveCount(1);
  await expect(iframe(page)).toHaveAttribute('title', TITLE);
  await expect(iframe(page)).toHaveAttribute('loading', 'lazy');
  const src = new URL(await iframe(page).getAttribute('src'));
  expect(src.origin).toBe(APP_ALLOWED);
  expect(src.searchParams.get('lang')).toBe('en');
  // The partner's configuration is in force inside, with its theme.
  await expect(app(page).locator('#screener-main .screener__eyebrow')).toHaveText('Harbour Wellbeing Steps');
  const frame = await appFrame(page);
  expect(await frame.evaluate(() => getComputedStyle(document.getElementById('screener')).getPropertyValue('--screener-color-primary').trim())).toBe('#005a9c');
  expect((await events(page)).slice(0, 2)).toEqual([
    { type: 'screener:ready', lang: 'en' },
    { type: 'screener:step', screen: 'welcome' },
  ]);
  // The embedded screener is accessible (the stand-in third-party frame is not ours).
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .exclude('.host-third-party')
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await snap(page, '40-partner-host-demo');
  expect(errors).toEqual([]);

  // A Chinese page gets the screener in Chinese.
  await page.goto(`${HOST}/zh.html`);
  await expect(app(page).locator('#screener-app h1').first()).toBeVisible();
  expect(new URL(await iframe(page).getAttribute('src')).searchParams.get('lang')).toBe('zh-Hant-HK');
  await expect(app(page).locator('html')).toHaveAttribute('lang', 'zh-Hant-HK');
  await expect.poll(() => ofType(page, 'ready')).toEqual([{ type: 'screener:ready', lang: 'zh-Hant-HK' }]);
});

test('the iframe resizes to its content as screens change, shrinking too, without an inner scrollbar', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openHost(page);
  const welcome = await expectFits(page);
  await app(page).getByRole('button', { name: EN.start }).click();
  await expect(app(page).locator('#screener-main h1')).toHaveText('How old are you?');
  const question = await expectFits(page);
  expect(question, 'the question screen is shorter than the welcome: the frame shrank').toBeLessThan(welcome - 100);
  // A narrow phone: the same screen wraps onto more lines, and the frame grows with it.
  await page.setViewportSize({ width: 360, height: 740 });
  const narrow = await expectFits(page);
  expect(narrow).toBeGreaterThan(question);
  await page.setViewportSize({ width: 1280, height: 800 });
  await answerUntilReview(app(page), answers());
  const review = await expectFits(page);
  expect(review, 'the review lists every answer: the frame grew').toBeGreaterThan(question + 300);
  // Only heights travel: the resize messages never reach the host page's listeners as events.
  expect((await events(page)).some((e) => e.type === 'screener:resize')).toBe(false);
});

test('events: steps name only the section, no risk, completed with a valid FHIR R4 QuestionnaireResponse', async ({ page }) => {
  await openHost(page);
  await app(page).getByRole('button', { name: EN.start }).click();
  await answerUntilReview(app(page), answers());
  await app(page).getByRole('button', { name: EN.seeResult }).click();
  await expect(app(page).locator('#screener-main h1')).toHaveText('This service may be a good fit for you');
  await expect.poll(() => ofType(page, 'completed').then((c) => c.length)).toBe(1);

  const all = await events(page);
  const steps = all.filter((e) => e.type === 'screener:step');
  expect(steps[0]).toEqual({ type: 'screener:step', screen: 'welcome' });
  expect(steps.at(-2)).toEqual({ type: 'screener:step', screen: 'review' });
  expect(steps.at(-1)).toEqual({ type: 'screener:step', screen: 'result' });
  const questionSteps = steps.filter((s) => s.screen === 'question');
  for (const s of questionSteps) expect(Object.keys(s).sort()).toEqual(['screen', 'section', 'type']);
  expect([...new Set(questionSteps.map((s) => s.section))]).toEqual(['about_you', 'phq9', 'gad7', 'wsas', 'complexity', 'safety', 'contact']);
  expect(JSON.stringify(steps)).not.toMatch(/phq9_|gad7_|risk_|contact_/);
  expect(all.filter((e) => e.type === 'screener:risk')).toEqual([]);

  const [completed] = await ofType(page, 'completed');
  expect(Object.keys(completed).sort()).toEqual(['alternativesShown', 'answersIncluded', 'outcome', 'questionnaire', 'questionnaireResponse', 'referral', 'type']);
  expect(completed.alternativesShown).toEqual([]); // partner.json lists no services of its own
  // No referral configured for this partner: none was made.
  expect(completed.referral).toBeNull();
  expect(completed.answersIncluded).toBe(true);
  expect(completed.outcome.headline).toBe('eligible');
  expect(completed.outcome.scores).toEqual([
    { instrument: 'phq9', total: 8, max: 27, band: 'mild' },
    { instrument: 'gad7', total: 6, max: 21, band: 'mild' },
    { instrument: 'wsas', total: 11, max: 40, band: 'wsas_significant' },
  ]);
  expect(completed.outcome.reasons).toEqual([{ reason: 'symptoms_in_mild_to_moderate_range' }]);

  const q = completed.questionnaire;
  const qr = completed.questionnaireResponse;
  expect(q.url).toBe(`${APP_ALLOWED}/fhir/Questionnaire/intake`);
  expect(checkQuestionnaireResponse(qr, q)).toEqual([]);
  expect(qr.status).toBe('completed');
  expect(qr.language).toBe('en');
  expect(Date.now() - Date.parse(qr.authored)).toBeLessThan(120_000);
  // LOINC where it exists: the panels, their items, totals and answers.
  const group = (id) => q.item.find((i) => i.linkId === id);
  expect(group('phq9').code[0]).toMatchObject({ system: 'http://loinc.org', code: '44249-1' });
  expect(group('gad7').code[0]).toMatchObject({ system: 'http://loinc.org', code: '69737-5' });
  expect(findItem(q.item, 'phq9_total').code[0].code).toBe('44261-6');
  expect(findItem(q.item, 'gad7_total').code[0].code).toBe('70274-6');
  expect(findItem(q.item, 'phq9_1').code[0].code).toBe('44250-9');
  expect(findItem(q.item, 'phq9_9').code[0].code).toBe('44260-8');
  expect(findItem(q.item, 'gad7_1').code[0].code).toBe('69725-0');
  // The answers, typed.
  expect(findItem(qr.item, 'age').answer).toEqual([{ valueInteger: 30 }]);
  expect(findItem(qr.item, 'phq9_1').answer[0].valueCoding).toMatchObject({ system: 'http://loinc.org', code: 'LA6569-3', display: 'Several days' });
  expect(findItem(qr.item, 'phq9_9').answer[0].valueCoding.code).toBe('LA6568-5');
  expect(findItem(qr.item, 'phq9_total').answer).toEqual([{ valueInteger: 8 }]);
  expect(findItem(qr.item, 'gad7_total').answer).toEqual([{ valueInteger: 6 }]);
  expect(findItem(qr.item, 'contact_centre').answer[0].valueCoding).toMatchObject({
    system: `${APP_ALLOWED}/fhir/CodeSystem/intake-contact_centre`, code: 'wan_chai',
  });
  expect(findItem(qr.item, 'contact_times').answer.map((a) => a.valueCoding.code)).toEqual(['weekday_evenings']);
  expect(findItem(qr.item, 'outcome').answer[0].valueCoding.code).toBe('eligible');
  // Hidden follow-ups are not part of it.
  expect(findItem(qr.item, 'risk_plans')).toBeUndefined();
});

test('risk flagged: one event, with no answer content', async ({ page }) => {
  await openHost(page);
  await app(page).getByRole('button', { name: EN.start }).click();
  await answerUntil(app(page), answers(), 'phq9_9');
  await answerCurrent(app(page), EN.several);
  await expect(app(page).locator('#screener-crisis')).toBeVisible();
  await expect.poll(() => ofType(page, 'risk')).toEqual([{ type: 'screener:risk' }]);
  // A second risk answer while the first stands does not announce anything new.
  await app(page).getByRole('button', { name: EN.next, exact: true }).click();
  await answerUntil(app(page), { ...answers(), phq9_9: EN.several }, 'risk_thoughts');
  await answerCurrent(app(page), 'Yes');
  await app(page).getByRole('button', { name: EN.next, exact: true }).click();
  await expect(app(page).locator('#screener-main h1')).toBeVisible();
  await page.waitForTimeout(300);
  expect(await ofType(page, 'risk')).toEqual([{ type: 'screener:risk' }]);
  expect(JSON.stringify(await events(page))).not.toMatch(/several_days|LA6569|risk_thoughts|"yes"/);
});

test('without include_answers the handoff is a summary: totals, contact, outcome, and valid', async ({ page }) => {
  // The same server with handoff.include_answers off (the default for partners).
  await page.route(`${APP_ALLOWED}/config.json`, (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ ...partnerConfig, handoff: { include_answers: false } }),
  }));
  await openHost(page);
  await app(page).getByRole('button', { name: EN.start }).click();
  await answerUntilReview(app(page), answers());
  await app(page).getByRole('button', { name: EN.seeResult }).click();
  await expect.poll(() => ofType(page, 'completed').then((c) => c.length)).toBe(1);
  const [completed] = await ofType(page, 'completed');
  expect(completed.answersIncluded).toBe(false);
  expect(completed.outcome).toEqual({
    headline: 'eligible',
    scores: [
      { instrument: 'phq9', total: 8, max: 27, band: 'mild' },
      { instrument: 'gad7', total: 6, max: 21, band: 'mild' },
      { instrument: 'wsas', total: 11, max: 40, band: 'wsas_significant' },
    ],
  });
  const { questionnaire: q, questionnaireResponse: qr } = completed;
  expect(q.url).toBe(`${APP_ALLOWED}/fhir/Questionnaire/intake-summary`);
  expect(checkQuestionnaireResponse(qr, q)).toEqual([]);
  const linkIds = [];
  (function walk(items) { for (const i of items || []) { linkIds.push(i.linkId); walk(i.item); } })(qr.item);
  expect(linkIds).toEqual(['phq9', 'phq9_total', 'gad7', 'gad7_total', 'wsas', 'wsas_total',
    'contact', 'contact_mode', 'contact_centre', 'contact_language', 'contact_times', 'outcome']);
  expect(JSON.stringify(completed)).not.toMatch(/"age"|valueInteger":30\b|phq9_1|risk_/);
});

test('the host may set the language and reset; unknown and forged messages do nothing', async ({ page }) => {
  await openHost(page);
  await app(page).getByRole('button', { name: EN.start }).click();
  await answerUntil(app(page), answers(), 'phq9_1');
  const heading = app(page).locator('#screener-main h1');
  const question = await heading.innerText();
  const before = (await events(page)).length;

  // Record what reaches the screener's window, to prove the forgeries were delivered
  // (and then ignored by the screener), not lost on the way.
  const inner = await appFrame(page);
  await inner.evaluate(() => {
    window.testSeen = [];
    window.addEventListener('message', (e) => window.testSeen.push({ origin: e.origin, data: e.data }));
  });
  // A frame from another origin on the same page tries both commands.
  await expect.poll(() => page.frame({ url: /forger\.html$/ }) !== null).toBe(true);
  const forger = page.frame({ url: /forger\.html$/ });
  await forger.waitForFunction(() => typeof window.forge === 'function');
  expect(new URL(forger.url()).origin).not.toBe(HOST);
  expect(await forger.evaluate(() => window.forge({ type: 'screener:reset' }))).toBeGreaterThan(0);
  await forger.evaluate(() => window.forge({ type: 'screener:set-language', lang: 'zh-Hant-HK' }));
  // The host itself sends things it may not: other types, extra fields, non-objects.
  await page.evaluate((target) => {
    const w = document.querySelector('#screener-embed iframe').contentWindow;
    w.postMessage({ type: 'screener:config', crisis_resources: [], thresholds: { phq9_higher_intensity: 1 } }, target);
    w.postMessage({ type: 'screener:reset', answers: {} }, target);
    w.postMessage({ type: 'screener:set-language', lang: 'fr' }, target);
    w.postMessage('screener:reset', target);
    w.postMessage({ type: 'screener:completed' }, target);
  }, APP_ALLOWED);
  await expect.poll(() => inner.evaluate(() => window.testSeen.length)).toBe(7);
  // Two from the forger's origin and five from the host, in whatever order they came:
  // the forger's frame is another site, in a process of its own, so the browser does not
  // order its messages with the host's.
  const origins = (await inner.evaluate(() => window.testSeen)).map((m) => m.origin);
  expect(origins.filter((o) => o === OTHER_ORIGIN)).toHaveLength(2);
  expect(origins.filter((o) => o === HOST)).toHaveLength(5);
  await page.waitForTimeout(300);
  await expect(heading).toHaveText(question);
  await expect(app(page).locator('html')).toHaveAttribute('lang', 'en');
  expect((await events(page)).length).toBe(before);

  // The two real commands, from the host: language (also following <html lang>), reset.
  await page.getByRole('button', { name: 'Screener in Chinese' }).click();
  await expect(app(page).locator('html')).toHaveAttribute('lang', 'zh-Hant-HK');
  await page.evaluate(() => { document.documentElement.lang = 'en'; });
  await expect(app(page).locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Start the screener again' }).click();
  await expect(app(page).getByRole('button', { name: EN.start })).toBeVisible();
  await expect.poll(async () => (await ofType(page, 'step')).at(-1)).toEqual({ type: 'screener:step', screen: 'welcome' });
  await app(page).getByRole('button', { name: EN.start }).click();
  // The answers were forgotten: the first question is empty again.
  await expect(app(page).locator('#screener-main form').getByRole('textbox')).toHaveValue('');
});

test('a host origin the config does not allow receives nothing and commands nothing', async ({ page }) => {
  const appMessages = [];
  await page.exposeFunction('recordMessage', (m) => appMessages.push(m));
  // Listen below embed.js too: any message at all from the screener's origin is recorded.
  await page.addInitScript((origin) => {
    window.addEventListener('message', (e) => { if (e.origin === origin) window.recordMessage(e.data); });
  }, APP_EXCLUDED);
  await page.goto(`${HOST}/excluded.html`);
  await expect(app(page).locator('#screener-app h1').first()).toBeVisible();
  // The screener itself works for the person.
  await app(page).getByRole('button', { name: EN.start }).click();
  await expect(app(page).locator('#screener-main h1')).toHaveText('How old are you?');
  await app(page).locator('#screener-main form').getByRole('textbox').fill('30');
  await app(page).getByRole('button', { name: EN.next, exact: true }).click();
  await answerCurrent(app(page), EN.several);
  // Nothing crossed over: no events, no messages, no resizing.
  await page.waitForTimeout(1000);
  expect(await events(page)).toEqual([]);
  expect(appMessages).toEqual([]);
  expect((await iframe(page).boundingBox()).height).toBe(640);
  // And the host cannot drive it.
  const heading = await app(page).locator('#screener-main h1').innerText();
  await page.getByRole('button', { name: 'Start the screener again' }).click();
  await page.getByRole('button', { name: 'Screener in Chinese' }).click();
  await page.waitForTimeout(500);
  await expect(app(page).locator('#screener-main h1')).toHaveText(heading);
  await expect(app(page).locator('html')).toHaveAttribute('lang', 'en');
});

test('the person can download the completed screening as FHIR JSON, with every answer', async ({ page }) => {
  // Even where the host gets only the summary, the person's own copy is complete.
  await page.route(`${APP_ALLOWED}/config.json`, (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ ...partnerConfig, handoff: { include_answers: false } }),
  }));
  await openHost(page);
  await app(page).getByRole('button', { name: EN.start }).click();
  await answerUntilReview(app(page), answers());
  await app(page).getByRole('button', { name: EN.seeResult }).click();
  // On the result screen itself, with "Print", not in a region after it.
  const button = app(page).locator('.screener__screen--result')
    .getByRole('button', { name: 'Download my answers (JSON)' });
  await expect(button).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('questionnaire-response.json');
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text).toMatch(/^\{\n {2}"/); // indented for people who open it
  const qr = JSON.parse(text);
  expect(qr.resourceType).toBe('QuestionnaireResponse');
  expect(qr.questionnaire).toBe(`${APP_ALLOWED}/fhir/Questionnaire/intake|1`);
  expect(qr.status).toBe('completed');
  expect(findItem(qr.item, 'age').answer).toEqual([{ valueInteger: 30 }]);
  expect(findItem(qr.item, 'phq9_1').answer[0].valueCoding.code).toBe('LA6569-3');
  expect(findItem(qr.item, 'contact_centre').answer[0].valueCoding.code).toBe('wan_chai');
  // The host, meanwhile, got the summary only.
  const [completed] = await ofType(page, 'completed');
  expect(completed.answersIncluded).toBe(false);
  expect(findItem(completed.questionnaireResponse.item, 'age')).toBeUndefined();
});
