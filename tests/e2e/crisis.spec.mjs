// Crisis safety: help appears the moment risk is reported (within one animation frame of
// the click, on the same screen, with focus), stays on every later screen, and leads the
// result. Also: "Get help now" everywhere, the static fallback, and the quick exit.
import { test, expect } from '@playwright/test';
import { openApp, checkScreen, expectAccessible } from './helpers.mjs';
import { EN, answerUntil, answerUntilReview, clickAndMeasureCrisis, scenario } from './flow.mjs';

const PREFER_NOT = "I'd prefer not to say";
const RISKS = [
  // [item, risky label, extra answers needed to reach it, expected reason]
  ['phq9_9', 'Several days', {}, 'You said you have had thoughts that you would be better off dead, or of hurting yourself.'],
  ['risk_thoughts', 'Yes', {}, 'You said you have had thoughts of ending your life in the past month.'],
  ['risk_thoughts', PREFER_NOT, {}, 'You preferred not to answer a question about your safety.'],
  ['risk_plans', 'Yes', { risk_thoughts: 'Yes' }, 'You said you have made plans or preparations to end your life.'],
  ['risk_self_harm', 'Yes', {}, 'You said you have hurt yourself on purpose recently.'],
  ['risk_self_harm', PREFER_NOT, {}, 'You preferred not to answer a question about your safety.'],
  ['risk_harm_others', 'Yes', {}, 'You said you are worried you might harm someone else.'],
  ['risk_danger_now', 'Yes', {}, 'You said you are in danger right now.'],
  ['risk_danger_now', PREFER_NOT, {}, 'You preferred not to answer a question about your safety.'],
];

const panel = (page) => page.locator('#screener-crisis');

async function expectPanelUp(page, { focused = true } = {}) {
  await expect(panel(page)).toBeVisible();
  await expect(panel(page)).toHaveAttribute('role', 'alert');
  await expect(panel(page).getByRole('link', { name: /The Samaritans Hong Kong 2896 0000/ })).toHaveAttribute('href', /^tel:/);
  if (focused) await expect(page.getByRole('heading', { level: 2, name: "You don't have to go through this alone" })).toBeFocused();
}

for (const [item, label, extra, reason] of RISKS) {
  test(`risk "${label}" on ${item}: panel at once, persists, urgent result`, async ({ page }) => {
    const answers = scenario({ extra: { ...extra, [item]: label } });
    if (item === 'phq9_9') answers.phq9_9 = label;
    await openApp(page);
    await page.getByRole('button', { name: EN.start }).click();
    await answerUntil(page, answers, item);
    // (Plans are asked only after thoughts were reported, so the panel is already up.)
    if (item !== 'risk_plans') await expect(panel(page)).toBeHidden();
    const measured = await clickAndMeasureCrisis(page, label);
    expect(measured.found).toBe(true);
    expect(measured.visible, 'crisis panel visible at the next animation frame').toBe(true);
    console.log(`crisis panel for ${item}=${label}: visible at next frame, ${measured.ms.toFixed(1)} ms after click`);
    await expectPanelUp(page);
    if (item === 'risk_danger_now' && label === 'Yes') {
      // Immediate danger: emergency services first.
      await expect(panel(page).getByRole('listitem').first()).toContainText('999');
      await expect(panel(page).getByText(/If you are in danger now, call 999/)).toBeVisible();
    }
    if (item === 'risk_plans') await checkScreen(page, '06-crisis-panel-plans-en');
    else await expectAccessible(page, `crisis panel on ${item}`);
    // Collapse: it shrinks but never disappears while the flag stands; no Close button.
    await expect(panel(page).getByRole('button', { name: 'Close' })).toHaveCount(0);
    await panel(page).getByRole('button', { name: 'Show less' }).click();
    await expect(panel(page)).toBeVisible();
    await expect(panel(page).getByRole('link').first()).toBeVisible();
    await panel(page).getByRole('button', { name: 'Show all crisis lines' }).click();
    // Later screens keep it, and the result leads with urgent support.
    await page.getByRole('button', { name: EN.next, exact: true }).click();
    await expect(panel(page)).toBeVisible();
    await answerUntilReview(page, answers);
    await expect(panel(page)).toBeVisible();
    await page.getByRole('button', { name: EN.seeResult }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Please reach out for support now');
    await expect(panel(page)).toBeVisible();
    await expect(page.getByText(reason)).toBeVisible();
    if (item === 'risk_danger_now' && label === 'Yes') await checkScreen(page, '07-result-urgent-en');
  });
}

test('several risk answers together, given in reverse order from the review, keep the panel and urgent result', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: EN.start }).click();
  await answerUntilReview(page, scenario());
  await expect(panel(page)).toBeHidden();
  // Safety section first, then the earlier PHQ-9 item: the order does not matter.
  await page.getByRole('button', { name: /^Change: Have you hurt yourself on purpose recently\?/ }).click();
  let measured = await clickAndMeasureCrisis(page, 'Yes');
  expect(measured.visible).toBe(true);
  await expectPanelUp(page);
  await page.getByRole('button', { name: 'Save and go back to my answers' }).click();
  await page.getByRole('button', { name: /^Change: Thoughts that you would be better off dead/ }).click();
  measured = await clickAndMeasureCrisis(page, 'Nearly every day');
  expect(measured.visible).toBe(true);
  await expectPanelUp(page);
  await page.getByRole('button', { name: 'Save and go back to my answers' }).click();
  await page.getByRole('button', { name: EN.seeResult }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Please reach out for support now');
  await expect(page.getByText('You said you have hurt yourself on purpose recently.')).toBeVisible();
  await expect(page.getByText('You said you have had thoughts that you would be better off dead, or of hurting yourself.')).toBeVisible();
  // Only changing the answers lowers the flags.
  await page.getByRole('button', { name: 'Back to my answers' }).click();
  await page.getByRole('button', { name: /^Change: Have you hurt yourself on purpose recently\?/ }).click();
  await page.getByRole('radio', { name: 'No', exact: true }).check();
  await page.getByRole('button', { name: 'Save and go back to my answers' }).click();
  await expect(panel(page)).toBeVisible();
  await page.getByRole('button', { name: /^Change: Thoughts that you would be better off dead/ }).click();
  await page.getByRole('radio', { name: 'Not at all', exact: true }).check();
  await page.getByRole('button', { name: 'Save and go back to my answers' }).click();
  await expect(panel(page)).toBeHidden();
});

test('"Get help now" opens the crisis lines on every screen, by mouse and keyboard', async ({ page }) => {
  await openApp(page);
  const help = page.getByRole('button', { name: 'Get help now' });
  await help.click();
  await expect(panel(page)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Get help now' })).toBeFocused();
  await checkScreen(page, '08-get-help-now-en');
  await panel(page).getByRole('button', { name: 'Close' }).click();
  await expect(panel(page)).toBeHidden();
  await page.getByRole('button', { name: EN.start }).click();
  await expect(help).toBeVisible();
  await help.focus();
  await page.keyboard.press('Enter');
  await expect(panel(page)).toBeVisible();
  await expect(panel(page).getByRole('link', { name: /Emergency services 999/ })).toHaveAttribute('href', 'tel:999');
});

test('a safety plan can be written and is kept with the answers', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Get help now' }).click();
  await page.getByText('Write a short safety plan').click();
  await page.getByRole('textbox', { name: 'My safety plan' }).fill('Call my sister. Walk to the park.');
  await expectAccessible(page, 'safety plan');
  // The panel stays open across screens, with the plan in it.
  await page.getByRole('button', { name: EN.start }).click();
  await expect(page.getByRole('textbox', { name: 'My safety plan' })).toHaveValue('Call my sister. Walk to the park.');
});

test.describe('crisis help without the app', () => {
  test('visible with JavaScript disabled', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: /If you are in danger or thinking of ending your life/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /The Samaritans Hong Kong.*2896 0000/ })).toHaveAttribute('href', 'tel:+85228960000');
    await expect(page.getByText('If it does not start, the help below works without it.')).toBeVisible();
    // (axe-core needs JavaScript; the same markup is scanned in the next test.)
    await page.screenshot({ path: 'tests/e2e/screenshots/09-no-javascript-phone.png', fullPage: true });
    await context.close();
  });

  test('visible when the .wasm file returns 404', async ({ page }) => {
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto('/');
    await expect(page.getByText('The screener could not start. The help below works without it.')).toBeVisible();
    await expect(page.getByRole('link', { name: /Emergency services.*999/ })).toBeVisible();
    await expect(page.locator('#screener-app h1')).toHaveCount(0);
    await expectAccessible(page, 'static fallback');
  });

  test('visible when the app panics on start', async ({ page }) => {
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    // Test-only trigger: this fragment makes start() panic after mounting.
    await page.goto('/#screener-test-panic');
    await expect(page.getByText('Something went wrong and the screener stopped. The help below still works.')).toBeVisible();
    await expect(page.getByRole('link', { name: /Samaritan Befrienders Hong Kong.*2389 2222/ })).toBeVisible();
    await expect(page.locator('#screener-app')).toBeHidden();
    expect(errors.join('\n')).toContain('screener-test-panic');
  });
});

test.describe('quick exit', () => {
  const neutral = 'https://www.hko.gov.hk/en/index.html';
  test.beforeEach(async ({ page }) => {
    // The machine has no internet: stand in for the neutral site.
    await page.route('https://www.hko.gov.hk/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' }));
  });

  test('"Leave this site" is first in keyboard order and replaces the page; Back does not return', async ({ page }) => {
    await openApp(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Leave this site' })).toBeFocused();
    await page.getByRole('button', { name: 'Leave this site' }).click();
    await expect(page).toHaveURL(neutral);
    await expect(page.getByRole('heading', { name: 'Weather' })).toBeVisible();
    await page.goBack().catch(() => {});
    await expect(page).not.toHaveURL(/127\.0\.0\.1:\d+\/$/);
  });

  test('pressing Shift three times leaves at once', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: EN.start }).click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await expect(page).toHaveURL(neutral);
    await page.goBack().catch(() => {});
    await expect(page).not.toHaveURL(/127\.0\.0\.1:\d+\/$/);
  });

  test('two Shift presses do nothing', async ({ page }) => {
    await openApp(page);
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.waitForTimeout(300);
    await expect(page.locator('#screener-app h1')).toBeVisible();
  });
});
