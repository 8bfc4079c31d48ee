import { test, expect } from '@playwright/test';
import { openApp, watchConsole, checkScreen } from './helpers.mjs';
import { EN, answerUntil, scenario } from './flow.mjs';

test('the app mounts without console errors and is accessible', async ({ page }) => {
  const errors = watchConsole(page);
  await openApp(page);
  await checkScreen(page, '00-first-screen-en');
  expect(errors).toEqual([]);
});

test('every question is a screen of its own: nothing of the last answer shows on the next', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: EN.start }).click();
  await answerUntil(page, scenario(), 'phq9_1');
  const first = await page.locator('#screener-main h1').innerText();
  await page.getByRole('radio', { name: EN.nearly }).check();
  const oldScreen = await page.locator('#screener-main form').elementHandle();
  // The next question's heading and the same four labels, none of them chosen, in a form
  // built afresh: the last one's DOM is gone, not patched into the next question's.
  await page.getByRole('button', { name: EN.next, exact: true }).click();
  await expect(page.locator('#screener-main h1')).not.toHaveText(first);
  expect(await oldScreen.evaluate((form) => form.isConnected)).toBe(false);
  await expect(page.getByRole('radio', { name: EN.nearly })).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(4);
  for (const radio of await page.getByRole('radio').all()) await expect(radio).not.toBeChecked();
  // And back again: the answer given is the one chosen.
  await page.getByRole('button', { name: EN.back }).click();
  await expect(page.locator('#screener-main h1')).toHaveText(first);
  await expect(page.getByRole('radio', { name: EN.nearly })).toBeChecked();
});
