// Shared helpers for the end-to-end suite: open the app like a person would, scan with
// axe-core, and keep screenshots of every screen at phone and desktop widths.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCREENSHOT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** Collects console errors and page errors so a test can assert there were none. */
export function watchConsole(page) {
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

/** Answers the app's request for ./config.json with `body` (a service worker would answer
 * it out of page.route's sight: block workers in specs that use this). */
export async function serveConfig(page, body, { status = 200, contentType = 'application/json; charset=utf-8' } = {}) {
  await page.route('**/config.json', (route) => route.fulfill({ status, contentType, body }));
}

/** Resolves once every chunk of the build (the .wasm files other than the main module)
 * has been fetched by the page, as it does by itself after the first screen: a test that
 * navigates away sooner would abort a fetch in flight. */
export async function chunksFetched(page) {
  const chunks = fs.readdirSync(path.resolve('dist')).filter((f) => f.endsWith('.wasm') && !f.endsWith('_bg.wasm'));
  await expect.poll(() => page.evaluate((names) => names.filter((n) => performance.getEntriesByType('resource')
    .some((e) => e.name.endsWith(`/${n}`) && e.responseEnd > 0)).length, chunks),
  { message: 'every chunk fetched', timeout: 10_000 }).toBe(chunks.length);
}

/** Opens the app and waits until it has mounted (the static help is then hidden). */
export async function openApp(page, url = '/') {
  await page.goto(url);
  await expect(page.locator('#screener-app h1').first()).toBeVisible();
  await expect(page.locator('#screener-static')).toBeHidden();
}

/** Fails on any axe-core violation (WCAG 2.0/2.1/2.2 A and AA rules and best practices). */
export async function expectAccessible(page, label) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n    ')}`);
  expect(summary, `axe-core violations on ${label}`).toEqual([]);
}

/** Saves the current screen at phone and desktop widths, then restores the viewport. */
export async function snap(page, name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const [suffix, size] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${suffix}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** axe-scan and screenshot: what every screen a test visits gets. */
export async function checkScreen(page, name) {
  await expectAccessible(page, name);
  await snap(page, name);
}
