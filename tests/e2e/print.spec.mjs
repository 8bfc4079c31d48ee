// "Print or save my summary": a clean one-page summary without controls.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { openApp } from './helpers.mjs';
import { EN, answerUntilReview, scenario } from './flow.mjs';

test('the printed summary is one clean page with the result, reasons and scores', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: EN.start }).click();
  await answerUntilReview(page, scenario());
  await page.getByRole('button', { name: EN.seeResult }).click();
  await expect(page.getByRole('button', { name: 'Print or save my summary' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Leave this site' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print or save my summary' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /Mood \(PHQ-9\)/ })).toBeVisible();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  fs.mkdirSync('tests/e2e/screenshots', { recursive: true });
  fs.writeFileSync('tests/e2e/screenshots/18-summary.pdf', pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  expect(pages, 'pages in the printed summary').toBe(1);
});
