// Finds things on the page the way a person (or their screen reader) does: by role and
// by the accessible name the *browser under test* computes (W3C WebDriver's "Get Computed
// Label"), never by ids or classes. That also checks each engine names the controls as
// the Chromium tests expect: a name an engine computes differently fails here.
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCREENSHOT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'screenshots');

/** CSS for the elements that have each role natively (the app uses native elements). */
const ROLE_CSS = {
  button: 'button, [role="button"], input[type="button"], input[type="submit"]',
  link: 'a[href]',
  radio: 'input[type="radio"]',
  checkbox: 'input[type="checkbox"]',
  textbox: 'input:not([type]), input[type="text"], input[type="number"], input[type="tel"], textarea',
  heading: 'h1, h2, h3, h4, h5, h6',
  h1: 'h1',
  h2: 'h2',
};

const matches = (label, name) => (name instanceof RegExp ? name.test(label) : label.trim() === name);

export class Person {
  constructor(browser, engine) {
    this.b = browser;
    this.engine = engine;
  }

  /** Every displayed element with `role` whose accessible name matches `name`, within `scope` (CSS). */
  async all(role, name, { scope } = {}) {
    const css = ROLE_CSS[role].split(',').map((c) => (scope ? `${scope} ${c.trim()}` : c.trim())).join(', ');
    const found = [];
    for (const el of await this.b.$$(css)) {
      // Radios and checkboxes are visually styled but displayed; others must be visible.
      if (!['radio', 'checkbox'].includes(role) && !(await el.isDisplayed())) continue;
      if (name === undefined || matches(await el.getComputedLabel(), name)) found.push(el);
    }
    return found;
  }

  /** Waits (up to `timeout` ms) for exactly one match and returns it. */
  async get(role, name, { scope, timeout = 5000 } = {}) {
    let found = [];
    await this.b.waitUntil(async () => {
      found = await this.all(role, name, { scope });
      return found.length === 1;
    }, { timeout, interval: 100, timeoutMsg: `expected one ${role} named ${name}${scope ? ` in ${scope}` : ''}; found ${found.length}` });
    return found[0];
  }

  async click(role, name, options) {
    const el = await this.get(role, name, options);
    await el.click();
    return el;
  }

  /** The text of the page's main heading. */
  async heading() {
    const h1 = await this.get('h1', undefined, { scope: '#screener-app' });
    return (await h1.getText()).trim();
  }

  async waitFor(what, fn, timeout = 5000) {
    let last;
    await this.b.waitUntil(async () => {
      last = await fn();
      return !!last;
    }, { timeout, interval: 100, timeoutMsg: `timed out waiting for ${what}` });
    return last;
  }

  async waitForHeading(text, timeout = 5000) {
    let seen = '';
    await this.b.waitUntil(async () => {
      seen = await this.heading().catch(() => '');
      return matches(seen, text);
    }, { timeout, interval: 100, timeoutMsg: `expected the heading ${text}, saw "${seen}"` });
  }

  /** What the console would have shown as errors since the page loaded (see probe.js). */
  async consoleErrors() {
    return this.b.execute(() => (window.__screenerProbe || ['the console probe did not load']).slice());
  }

  /** Saves the viewport as `<engine>-<name>.png` beside the Chromium screenshots. */
  async snap(name) {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.b.saveScreenshot(path.join(SCREENSHOT_DIR, `${this.engine}-${name}.png`));
  }

  /** Presses and releases one key, as a person does (W3C actions). */
  async press(key) {
    await this.b.action('key').down(key).up(key).perform();
  }
}

/**
 * Pages in a PDF: its page objects (`/Type /Page`), looked for in the file and inside its
 * compressed object streams (Firefox writes its page objects there).
 */
export function pdfPages(pdf) {
  const latin = pdf.toString('latin1');
  const texts = [latin];
  for (const m of latin.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = latin.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      texts.push(zlib.inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch { /* not a Flate stream, or an image: no page objects there */ }
  }
  return texts.reduce((n, t) => n + (t.match(/\/Type\s*\/Page(?![s\w])/g) || []).length, 0);
}
