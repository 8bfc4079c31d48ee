// The whole intake flow, welcome to result, for each outcome, driven by visible labels
// and roles, with an axe-core scan of every screen and screenshots at phone and desktop.
import { test, expect } from '@playwright/test';
import { openApp, watchConsole, checkScreen, expectAccessible } from './helpers.mjs';
import { EN, answerUntilReview, scenario } from './flow.mjs';

async function start(page) {
  await openApp(page);
  await page.getByRole('button', { name: EN.start }).click();
}

async function seeResult(page) {
  await expect(page.getByRole('heading', { level: 1, name: EN.review })).toBeVisible();
  await page.getByRole('button', { name: EN.seeResult }).click();
  return page.getByRole('heading', { level: 1 });
}

test('eligible: every screen is accessible, contact preferences are asked, next steps shown', async ({ page }) => {
  // An axe scan on each of about 30 screens, and screenshots of many: more than the
  // default minute on a loaded two-core machine.
  test.slow();
  const errors = watchConsole(page);
  await openApp(page);
  await checkScreen(page, '01-welcome-en');
  await page.getByRole('button', { name: EN.start }).click();
  const shots = new Set(['age', 'phq9_1', 'phq9_difficulty', 'gad7_1', 'wsas_1', 'complex_diagnosis', 'risk_thoughts', 'contact_mode', 'contact_centre', 'contact_times']);
  const seen = [];
  await answerUntilReview(page, scenario(), {
    onScreen: async (item) => {
      seen.push(item);
      // Focus is on the question heading after each move, and the progress is in words.
      if (seen.length > 1) await expect(page.locator('#screener-main h1')).toBeFocused();
      await expect(page.locator('#screener-main').getByText(/^Question \d+ of \d+$/)).toBeVisible();
      if (shots.has(item)) await checkScreen(page, `02-question-${item}-en`);
      else await expectAccessible(page, item);
    },
  });
  expect(seen).toContain('contact_mode');
  expect(seen).not.toContain('risk_plans');
  await checkScreen(page, '03-review-en');
  const heading = await seeResult(page);
  await expect(heading).toHaveText('This service may be a good fit for you');
  await expect(heading).toBeFocused();
  await expect(page.getByRole('heading', { name: 'What happens next' })).toBeVisible();
  await expect(page.getByText('Mong Kok', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('row', { name: /Mood \(PHQ-9\) 8 \/ 27 Mild/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Anxiety \(GAD-7\) 6 \/ 21 Mild/ })).toBeVisible();
  await checkScreen(page, '04-result-eligible-en');
  expect(errors).toEqual([]);
});

for (const [name, answers, expected, shot] of [
  ['higher intensity', scenario({ phq: [3, 3, 3, 3, 3, 3, 3, 3, 0] }), 'You may need more support than this service offers', 'higher'],
  ['complex needs', scenario({ extra: { complex_diagnosis: 'Yes' } }), 'Another service may suit you better', 'complex'],
  ['outside the age range', scenario({ age: 17 }), 'This service is for a different age group', 'age'],
]) {
  test(`${name}: the result explains why and offers kind alternatives`, async ({ page }) => {
    await start(page);
    await answerUntilReview(page, answers);
    // Contact preferences are asked only of people the service can take.
    await expect(page.getByText('How would you like to have your first conversation?')).toHaveCount(0);
    const heading = await seeResult(page);
    await expect(heading).toHaveText(expected);
    await expect(page.getByRole('heading', { name: 'Why we suggest this' })).toBeVisible();
    await expect(page.getByText('Peer support.')).toBeVisible();
    await expect(page.getByText(/groups run by trained peers, one-to-one support/)).toBeVisible();
    await checkScreen(page, `05-result-${shot}-en`);
  });
}

test('changing an answer on the review screen changes the outcome', async ({ page }) => {
  await start(page);
  await answerUntilReview(page, scenario());
  let heading = await seeResult(page);
  await expect(heading).toHaveText('This service may be a good fit for you');
  await page.getByRole('button', { name: 'Back to my answers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: EN.review })).toBeFocused();
  await page.getByRole('button', { name: /^Change: Have you been diagnosed with a severe or complex/ }).click();
  await expect(page.locator('#screener-main h1')).toBeFocused();
  await page.getByRole('radio', { name: 'Yes', exact: true }).check();
  await page.getByRole('button', { name: 'Save and go back to my answers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: EN.review })).toBeVisible();
  heading = await seeResult(page);
  await expect(heading).toHaveText('Another service may suit you better');
  await expect(page.getByText('You said you have been diagnosed with a severe or complex mental health condition.')).toBeVisible();
});

test('Next without an answer explains what is needed and does not move on', async ({ page }) => {
  await start(page);
  await page.getByRole('textbox', { name: 'How old are you?' }).fill('30');
  await page.getByRole('button', { name: EN.next }).click();
  await page.getByRole('button', { name: EN.next }).click();
  await expect(page.getByText('Please choose an answer to go on.')).toBeVisible();
  await expect(page.locator('#screener-main').getByText(/^Question 2 of \d+$/)).toBeVisible();
  await expectAccessible(page, 'missing answer');
});

test('the whole flow can be completed with the keyboard alone', async ({ page }) => {
  await openApp(page);
  // Quick exit is first in keyboard order.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Leave this site' })).toBeFocused();
  await page.getByRole('button', { name: EN.start }).focus();
  await page.keyboard.press('Enter');
  // Age: type, then Enter submits.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'How old are you?' })).toBeFocused();
  await page.keyboard.type('34');
  await page.keyboard.press('Enter');
  // Every choice question: Tab into the group, Space or arrow keys to choose, Enter to go on.
  // Yes/no questions lead with "Yes"; the arrow key moves to "No" (a "Yes" to a safety
  // question would rightly open the crisis panel and take focus, tested elsewhere).
  const second = new Set(['phq9_1', 'gad7_2', 'complex_diagnosis', 'psychiatric_team', 'other_therapy',
    'risk_thoughts', 'risk_self_harm', 'risk_harm_others', 'risk_danger_now']);
  for (let guard = 0; guard < 60; guard++) {
    const heading = page.locator('#screener-main h1');
    await expect(heading).toBeFocused();
    if ((await heading.innerText()).trim() === EN.review) break;
    const first = page.locator('#screener-main form input').first();
    const kind = await first.getAttribute('type');
    const item = await first.getAttribute('name');
    await page.keyboard.press('Tab');
    if (kind === 'radio' && second.has(item)) {
      await page.keyboard.press('ArrowDown');
    } else {
      await page.keyboard.press('Space');
    }
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('heading', { level: 1, name: EN.review })).toBeFocused();
  await page.getByRole('button', { name: EN.seeResult }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This service may be a good fit for you');
  await expect(page.getByRole('row', { name: /Mood \(PHQ-9\) 1 \/ 27 Minimal/ })).toBeVisible();
});

test('at 320 px wide (400% zoom) nothing scrolls sideways, in either language', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const noSideways = async (label) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${label}: horizontal overflow in px`).toBeLessThanOrEqual(0);
  };
  await openApp(page);
  await noSideways('welcome');
  await page.getByRole('button', { name: 'Get help now' }).click();
  await noSideways('crisis panel');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: EN.start }).click();
  await answerUntilReview(page, scenario(), { onScreen: async (item) => { if (item.startsWith('wsas') || item === 'age' || item === 'contact_centre') await noSideways(item); } });
  await noSideways('review');
  await page.getByRole('button', { name: EN.seeResult }).click();
  await noSideways('result');
  await page.getByRole('button', { name: '繁體中文' }).click();
  await noSideways('result (zh)');
  await page.screenshot({ path: 'tests/e2e/screenshots/17-result-320px-zh.png', fullPage: true });
});
