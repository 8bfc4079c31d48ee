import { test, expect } from '@playwright/test';
import { openApp, watchConsole, checkScreen } from './helpers.mjs';

test('the app mounts without console errors and is accessible', async ({ page }) => {
  const errors = watchConsole(page);
  await openApp(page);
  await checkScreen(page, '00-first-screen-en');
  expect(errors).toEqual([]);
});
