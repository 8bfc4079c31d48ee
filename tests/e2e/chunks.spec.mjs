// The split WebAssembly (src/chunks.rs, .ci/split-build.mjs): nothing but the first load
// before the first screen is painted; every chunk fetched in the background after it,
// with no interaction; a chunk that cannot be fetched shows the crisis lines and a
// "Try again" that works once it can; and crisis help never waits for a chunk.
//
// Chunks are the build's .wasm files other than the main module (*_bg.wasm). The tests
// fail a chunk with page.route, which the service worker cannot bypass: workers are
// blocked here, so every request is the page's own.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, watchConsole, checkScreen } from './helpers.mjs';
import { EN, answerUntil, answerUntilReview, clickAndMeasureCrisis, scenario } from './flow.mjs';

test.use({ serviceWorkers: 'block' });

const DIST = path.resolve('dist');
const CHUNKS = fs.readdirSync(DIST).filter((f) => f.endsWith('.wasm') && !f.endsWith('_bg.wasm'));
const isChunk = (url) => /\.wasm$/.test(new URL(url).pathname) && !/_bg\.wasm$/.test(new URL(url).pathname);
const CHUNK_URL = /\/[^/]+-[0-9a-f]{16}\.wasm$/;

test('the build has chunks, each named by its content', () => {
  expect(CHUNKS.length).toBeGreaterThan(2);
  for (const c of CHUNKS) expect(c).toMatch(/^[a-z_0-9]+-[0-9a-f]{16}\.wasm$/);
  for (const name of ['questions', 'results', 'intake']) {
    expect(CHUNKS.some((c) => c.startsWith(`split_${name}-`)), `a chunk for ${name}`).toBe(true);
  }
});

test('a first visit fetches no chunk before the first screen is painted, then every chunk with no interaction', async ({ page }) => {
  const errors = watchConsole(page);
  // The page's own clock: when the static help was hidden (the app's first screen is in
  // the document), then the frame after that, which is when it is painted.
  await page.addInitScript(() => {
    window.__firstPaint = new Promise((resolve) => {
      const watch = () => {
        const help = document.getElementById('screener-static');
        if (!help) return requestAnimationFrame(watch);
        const seen = new MutationObserver(() => {
          if (!help.hidden) return;
          seen.disconnect();
          requestAnimationFrame(() => resolve(performance.now()));
        });
        seen.observe(help, { attributes: true, attributeFilter: ['hidden'] });
      };
      watch();
    });
  });
  await openApp(page);
  const painted = await page.evaluate(() => window.__firstPaint);
  // Every chunk arrives within a few seconds, with nobody touching the page.
  await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\.wasm$/.test(e.name) && !/_bg\.wasm$/.test(e.name) && e.responseEnd > 0).length),
  { timeout: 10_000, message: 'every chunk fetched' }).toBe(CHUNKS.length);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\.wasm$/.test(e.name)).map((e) => ({ name: e.name, start: e.startTime })));
  for (const c of CHUNKS) {
    const entry = fetched.find((e) => e.name.endsWith(`/${c}`));
    expect(entry, `${c} fetched`).toBeTruthy();
    expect(entry.start, `${c} requested after the first paint (${painted} ms)`).toBeGreaterThanOrEqual(painted);
  }
  expect(errors).toEqual([]);
});

test('a chunk that cannot be loaded shows the crisis lines and "Try again", which works once it can', async ({ page }) => {
  let failing = true;
  await page.route(CHUNK_URL, (route) => (failing && isChunk(route.request().url()) ? route.abort('internetdisconnected') : route.continue()));
  await openApp(page);
  await page.getByRole('button', { name: EN.start }).click();

  const heading = page.getByRole('heading', { level: 1, name: 'This screen could not be loaded' });
  await expect(heading).toBeVisible();
  await expect(heading, 'the message takes focus like any new screen').toBeFocused();
  await expect(page.getByText('Your answers so far are kept. Check your connection, then try again.')).toBeVisible();
  // The configured crisis lines, tap to call, on the same screen.
  const main = page.locator('#screener-main');
  await expect(main.locator('.screener-chunk-failed a[href="tel:999"]')).toBeVisible();
  await expect(main.locator('.screener-chunk-failed a[href^="tel:"]')).not.toHaveCount(0);
  await checkScreen(page, '70-chunk-failed');

  // Still failing: the same message again, not a blank page.
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(heading).toBeVisible();

  failing = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('#screener-main form [name="age"]')).toBeVisible();
  await expect(heading).toBeHidden();
});

test('the failure message is in Chinese too, with the same crisis lines', async ({ page }) => {
  await page.route(CHUNK_URL, (route) => route.abort('internetdisconnected'));
  await openApp(page, '/?lang=zh-Hant-HK');
  await page.getByRole('button', { name: '開始' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '未能載入這一頁' })).toBeVisible();
  await expect(page.getByRole('button', { name: '再試一次' })).toBeVisible();
  await expect(page.locator('.screener-chunk-failed a[href="tel:999"]')).toBeVisible();
  await checkScreen(page, '71-chunk-failed-zh');
});

test('a risk answer shows the crisis lines at once while every chunk request after the first question fails', async ({ page }) => {
  // The results and intake chunks never come; once the first question is on screen,
  // nothing more does either.
  let allowQuestions = true;
  await page.route(CHUNK_URL, (route) => {
    const file = path.basename(new URL(route.request().url()).pathname);
    const later = /^split_(results|intake)-/.test(file);
    return !allowQuestions || later ? route.abort('internetdisconnected') : route.continue();
  });
  await openApp(page);
  await page.getByRole('button', { name: EN.start }).click();
  await expect(page.locator('#screener-main form [name="age"]')).toBeVisible();
  allowQuestions = false;

  await answerUntil(page, scenario(), 'risk_thoughts');
  const crisis = await clickAndMeasureCrisis(page, 'Yes');
  expect(crisis.found).toBe(true);
  expect(crisis.visible, 'crisis panel visible at the first frame after the answer').toBe(true);
  await expect(page.locator('#screener-crisis a[href="tel:999"]').first()).toBeVisible();

  // The screens after the questions cannot load: the person still sees the lines.
  await page.getByRole('button', { name: EN.next, exact: true }).click();
  const failed = 'This screen could not be loaded';
  await answerUntilReview(page, { ...scenario(), risk_thoughts: 'Yes', risk_plans: 'No' }, { t: { ...EN, review: failed } });
  await expect(page.getByRole('heading', { level: 1, name: failed })).toBeVisible();
  await expect(page.locator('#screener-crisis')).toBeVisible();
  await expect(page.locator('.screener-chunk-failed a[href="tel:999"]')).toBeVisible();
});
