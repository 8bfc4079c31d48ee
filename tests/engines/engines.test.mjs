// The cross-engine end-to-end layer: the release build (dist/), served as in the Chromium
// end-to-end tests, driven through W3C WebDriver in WebKit (Safari's engine, and every
// browser on an iPhone) and in Firefox, at phone size, by visible labels and roles.
//
//   node --test tests/engines/            (ENGINES=webkit or ENGINES=firefox for one)
//
// Each step starts from a clean device (no stored answers). A failure names the engine
// and the step, and leaves a screenshot `<engine>-FAILED-<step>.png`; screenshots of each
// screen land beside the Chromium ones in tests/e2e/screenshots/ as `<engine>-<screen>.png`.
// .ci/check-static-help.sh must have written the partner copy of the build first.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Key } from 'webdriverio';
import { ENGINES, PHONE, openSession, start, waitForPort } from './drivers.mjs';
import { Person, SCREENSHOT_DIR, pdfPages } from './person.mjs';
import { EN, scenario } from '../e2e/flow.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOGS = path.join(ROOT, 'tests', 'engines', 'logs');
const PARTNER_DIST = path.join(ROOT, 'target', 'e2e-partner-dist');
const PARTNER_CONFIG = path.join(ROOT, 'tests', 'fixtures', 'config-partner-lines.json');
const QUICK_EXIT = 'https://www.hko.gov.hk/en/index.html';
const RECORD_KEY = 'screener.v1.record';
const engines = (process.env.ENGINES || 'webkit,firefox').split(',').map((e) => e.trim()).filter(Boolean);

// The app as the other end-to-end tests serve it, and the partner copy of the build
// (its static crisis list rewritten by screener-cli) with and without its wasm.
const SERVERS = {
  app: { port: 8191, args: ['--root', 'dist', '--config', 'tests/e2e/host/configs/default.json'] },
  partner: { port: 8192, args: ['--root', PARTNER_DIST, '--config', PARTNER_CONFIG] },
  partnerNoWasm: { port: 8193, args: ['--root', PARTNER_DIST, '--config', PARTNER_CONFIG, '--no-wasm'] },
};
const url = (server, rest = '/') => `http://127.0.0.1:${SERVERS[server].port}${rest}`;

const servers = [];
before(async () => {
  for (const dir of [path.join(ROOT, 'dist'), PARTNER_DIST]) {
    assert.ok(fs.existsSync(path.join(dir, 'index.html')),
      `${dir}/index.html is missing: build first (.ci/test.sh runs trunk, then .ci/check-static-help.sh)`);
  }
  fs.mkdirSync(LOGS, { recursive: true });
  for (const [name, { port, args }] of Object.entries(SERVERS)) {
    servers.push(start('node', ['tests/e2e/server.mjs', '--port', String(port), ...args, '--probe', 'tests/engines/probe.js'],
      { log: path.join(LOGS, `server-${name}.log`) }));
    await waitForPort(port, 10_000, `test server ${name}`);
  }
});
after(() => servers.forEach((s) => s.stop()));

/** The partner's lines as the static page must show them: emergency first, both languages. */
const PARTNER_LINES = [
  ['Emergency services 緊急服務 999', 'tel:999'],
  ['Samaritans 撒瑪利亞會（英國） 116 123', 'tel:116123'],
  ['Shout <text SHOUT> Shout 短訊支援 85258', 'sms:85258'],
  ['NHS 111, option 2 NHS 111（選 2） 111', 'tel:111'],
];

for (const engine of engines) {
  describe(`${engine}: ${ENGINES[engine]?.label ?? 'unknown engine'}`, () => {
    let session;
    let b;
    let p;
    const timings = [];

    before(async () => {
      const t0 = Date.now();
      session = await openSession(engine, { logDir: LOGS }).catch((error) => {
        error.message = `[${engine}] could not open a WebDriver session (driver log: tests/engines/logs/${engine}-driver.log): ${error.message}`;
        throw error;
      });
      b = session.browser;
      p = new Person(b, engine);
      await b.setWindowSize(PHONE.width, PHONE.height);
      await b.url(url('app'));
      const [w, h] = await b.execute(() => [window.innerWidth, window.innerHeight]);
      if (w !== PHONE.width || h !== PHONE.height) {
        // The window has chrome around the page: grow it by the difference once.
        await b.setWindowSize(PHONE.width * 2 - w, PHONE.height * 2 - h);
      }
      timings.push(`session ${Date.now() - t0} ms`);
    });
    after(async () => {
      await session?.close();
      console.log(`${engine}: ${timings.join(', ')}`);
    });

    /** One step: fails with the engine and the step in the message, and a screenshot. */
    const step = (title, fn) => test(title, async () => {
      const t0 = Date.now();
      try {
        await fn();
      } catch (error) {
        await p?.snap(`FAILED-${title.replace(/[^a-z0-9]+/gi, '-')}`).catch(() => {});
        throw new Error(`[${engine}] step "${title}" failed: ${error.message}`, { cause: error });
      } finally {
        timings.push(`${title.slice(0, 24)}… ${Date.now() - t0} ms`);
      }
    });

    /** A clean device: this origin's storage emptied, then the app opened and mounted. */
    async function openClean(server = 'app', rest = '/') {
      await b.url(url(server, rest));
      await b.execute(() => localStorage.clear());
      await b.url('about:blank');
      await b.url(url(server, rest));
      await waitMounted();
    }
    async function waitMounted() {
      await p.waitFor('the app to mount', async () =>
        (await (await b.$('#screener-app h1')).isDisplayed().catch(() => false))
        && !(await (await b.$('#screener-static')).isDisplayed()), 15_000);
    }
    const stored = () => b.execute((key) => localStorage.getItem(key), RECORD_KEY);
    const panel = () => b.$('#screener-crisis');

    /** The item on screen: the name of its field (how the Chromium tests read it too). */
    async function currentItem() {
      const field = await b.$('#screener-main form [name]');
      await field.waitForExist({ timeout: 5000 });
      return field.getAttribute('name');
    }

    async function answer(item, value) {
      if (typeof value === 'number') {
        const box = await p.get('textbox', undefined, { scope: '#screener-main form' });
        await box.setValue(String(value));
        return;
      }
      for (const label of Array.isArray(value) ? value : [value]) {
        const role = Array.isArray(value) ? 'checkbox' : 'radio';
        const input = await p.get(role, label, { scope: '#screener-main form' });
        // The input is drawn by its label; a person taps the label.
        const id = await input.getAttribute('id');
        await (await b.$(`label[for="${id}"]`)).click();
        await p.waitFor(`${item} = ${label} to be chosen`, () => input.isSelected(), 2000);
      }
    }

    async function next(from) {
      await p.click('button', EN.next);
      await p.waitFor(`the question after ${from}`, async () =>
        (await p.heading().catch(() => '')) === EN.review || (await currentItem().catch(() => from)) !== from);
    }

    /** Answers every question until the review screen, snapping the screens in `shots`. */
    async function answerUntil(answers, stop, shots = new Set()) {
      for (let guard = 0; guard < 60; guard++) {
        if ((await p.heading()) === EN.review) return;
        const item = await currentItem();
        if (item === stop) return;
        if (!(item in answers)) throw new Error(`no answer given for ${item}`);
        if (shots.has(item)) await p.snap(`02-question-${item}`);
        await answer(item, answers[item]);
        await next(item);
      }
      throw new Error('never reached the review screen');
    }

    async function toResult() {
      await openClean();
      await p.click('button', EN.start);
      await answerUntil(scenario(), null, new Set(['age', 'phq9_1', 'wsas_1', 'contact_centre']));
      await p.waitForHeading(EN.review);
      await p.snap('03-review');
      await p.click('button', EN.seeResult);
      await p.waitForHeading('This service may be a good fit for you');
    }

    step('opens at phone size and starts with no console error', async () => {
      await openClean();
      assert.deepEqual(await b.execute(() => [window.innerWidth, window.innerHeight]), [PHONE.width, PHONE.height], 'viewport');
      assert.equal(await p.heading(), 'Could our free support be right for you?');
      // Nothing stored by opening the page alone.
      assert.equal(await stored(), null);
      assert.deepEqual(await p.consoleErrors(), []);
      await p.snap('01-welcome');
    });

    step('a complete flow reaches the eligible result', async () => {
      await toResult();
      const h1 = await p.get('h1', 'This service may be a good fit for you');
      assert.ok(await h1.isFocused(), 'focus moves to the result heading');
      await p.get('heading', 'What happens next');
      const texts = [];
      for (const row of await b.$$('tr')) texts.push(await row.getText());
      assert.ok(texts.some((t) => /Mood \(PHQ-9\)\s*8 \/ 27\s*Mild/.test(t)), `PHQ-9 row in ${JSON.stringify(texts)}`);
      assert.deepEqual(await p.consoleErrors(), []);
      await p.snap('04-result-eligible');
    });

    step('the download holds the answers as a FHIR QuestionnaireResponse', async () => {
      if ((await p.heading().catch(() => '')) !== 'This service may be a good fit for you') await toResult();
      await p.click('button', 'Download my answers (JSON)');
      const file = path.join(session.downloads, 'questionnaire-response.json');
      await p.waitFor(`${file} to be saved`, () => fs.existsSync(file) && fs.statSync(file).size > 0, 10_000);
      const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.equal(saved.resourceType, 'QuestionnaireResponse');
      assert.equal(saved.status, 'completed');
      assert.ok(saved.item.length > 5, 'answers in the file');
      assert.deepEqual(await p.consoleErrors(), []);
      if (engine === 'firefox') {
        // WebKit's driver has no "Print Page"; Firefox's prints with the print styles.
        // A4 without margins, as the Chromium print test prints (Playwright's default).
        // With WebDriver's default 1 cm margins Firefox runs three lines onto a second page.
        const pdf = Buffer.from(await b.printPage('portrait', 1, true, 21.0, 29.7, 0, 0, 0, 0), 'base64');
        fs.writeFileSync(path.join(SCREENSHOT_DIR, `${engine}-18-summary.pdf`), pdf);
        // Chromium prints this summary on one page (tests/e2e/print.spec.mjs); Firefox
        // runs its last two lines onto a second (measured with 11pt and with 10pt print
        // text: still open). More than two means the print
        // styles no longer hide the controls.
        const pages = pdfPages(pdf);
        assert.ok(pages >= 1 && pages <= 2, `pages in the printed summary: ${pages}`);
      }
    });

    step('a risk answer shows the crisis lines on the same screen', async () => {
      await openClean();
      await p.click('button', EN.start);
      await answerUntil(scenario(), 'risk_thoughts');
      assert.equal(await (await panel()).isDisplayed(), false, 'no panel before the answer');
      const question = await p.heading();
      await answer('risk_thoughts', 'Yes');
      await p.waitFor('the crisis panel', () => panel().then((el) => el.isDisplayed()), 1000);
      assert.equal(await p.heading(), question, 'still the same question');
      const link = await p.get('link', /^The Samaritans Hong Kong 2896 0000$/, { scope: '#screener-crisis' });
      assert.equal(await link.getAttribute('href'), 'tel:+85228960000');
      const title = await p.get('h2', "You don't have to go through this alone", { scope: '#screener-crisis' });
      await p.waitFor('focus on the crisis panel', () => title.isFocused(), 1000).catch(async (error) => {
        const active = await b.execute(() => `${document.activeElement?.tagName} ${document.activeElement?.id} ${document.activeElement?.textContent?.slice(0, 40)}`);
        throw new Error(`${error.message}; focus is on ${active}`);
      });
      assert.equal(await (await panel()).getAttribute('role'), 'alert');
      await p.snap('06-crisis-panel');
    });

    step('"Get help now" opens the crisis lines and Close puts them away', async () => {
      await openClean();
      await p.click('button', 'Get help now');
      await p.waitFor('the crisis panel', () => panel().then((el) => el.isDisplayed()), 1000);
      const emergency = await p.get('link', /^Emergency services 999$/, { scope: '#screener-crisis' });
      assert.equal(await emergency.getAttribute('href'), 'tel:999');
      await p.snap('08-get-help-now');
      await p.click('button', 'Close', { scope: '#screener-crisis' });
      await p.waitFor('the panel to close', async () => !(await (await panel()).isDisplayed()), 2000);
    });

    /** After a quick exit: the screener is hidden at once and the page goes to the neutral site. */
    async function expectLeft() {
      // No network here: the neutral site cannot load, but the browser has left for it.
      await p.waitFor('the neutral site', async () => (await b.getUrl()).startsWith(QUICK_EXIT), 5000);
      assert.equal(await b.execute(() => !!document.getElementById('screener-app')), false, 'the screener page is gone');
    }

    step('quick exit: "Leave this site" leaves at once', async () => {
      await openClean();
      const leave = await p.get('button', 'Leave this site');
      // Firefox's driver reports the neutral site's failed load (no network here) as the
      // click's error: leaving is what is checked next.
      // The plain protocol command, so the error is the driver's own (no element retry).
      await b.elementClick(leave.elementId).catch((error) => {
        if (!/error page|not known in the current browsing context/i.test(error.message)) throw error;
      });
      await expectLeft();
    });

    step('quick exit: pressing Shift three times leaves at once', async () => {
      await openClean();
      await p.click('button', EN.start);
      await currentItem();
      for (let i = 0; i < 3; i++) await p.press(Key.Shift);
      await expectLeft();
    });

    step('answers survive a reload, and "Delete my answers" removes them', async () => {
      await openClean();
      await p.click('button', EN.start);
      await answerUntil(scenario({ age: 41 }), 'phq9_3');
      await answer('phq9_3', 'More than half the days');
      await p.waitFor('the answer to be saved', async () => JSON.parse(await stored())?.answers?.phq9_3 === 'more_than_half_the_days', 2000);
      await b.refresh();
      await p.waitForHeading('Trouble falling or staying asleep, or sleeping too much', 15_000);
      assert.ok(await (await p.get('radio', 'More than half the days')).isSelected(), 'answer kept');
      await p.click('button', EN.back);
      await p.waitFor('the previous answer', async () => (await p.get('radio', 'Several days')).isSelected());
      await p.snap('14-resumed');
      // Its name ends with the ▾ the styles add (CSS generated content is part of the name).
      await p.click('button', /^Your answers\b/);
      await p.click('button', 'Delete my answers');
      await p.snap('15-delete-confirm');
      await p.click('button', 'Yes, delete them');
      await p.waitFor('the deletion notice', async () =>
        (await (await b.$('body')).getText()).includes('Your answers have been deleted from this device.'));
      assert.equal(await p.heading(), 'Could our free support be right for you?');
      assert.deepEqual(await b.execute(() => Object.keys(localStorage).filter((k) => k.startsWith('screener.'))), []);
      await b.refresh();
      await waitMounted();
      await p.get('button', EN.start);
      assert.equal(await stored(), null, 'nothing back after a reload');
    });

    step('switches to Traditional Chinese', async () => {
      await openClean();
      await p.click('button', '繁體中文');
      await p.waitForHeading('我們的免費支援適合你嗎？');
      assert.equal(await b.execute(() => document.documentElement.lang), 'zh-Hant-HK');
      await p.snap('10-welcome-zh');
      await p.click('button', '開始');
      await p.waitForHeading('你今年幾歲？');
      assert.match(await (await b.$('body')).getText(), /第 1 題，共 \d+ 題/);
      await p.snap('11-question-age-zh');
      await p.click('button', '立即求助');
      await p.get('link', /^香港撒瑪利亞會 2896 0000$/, { scope: '#screener-crisis' });
      assert.deepEqual(await p.consoleErrors(), []);
    });

    step("a partner's page shows the partner's own crisis lines when the wasm is missing", async () => {
      await b.url(url('partnerNoWasm'));
      await p.waitFor('the failure notice', async () =>
        (await (await b.$('#screener-static')).getText()).includes('The screener could not start. The help below works without it.'), 15_000);
      const links = await p.all('link', undefined, { scope: '#screener-static' });
      const shown = await Promise.all(links.map(async (l) => [(await l.getComputedLabel()).trim(), await l.getAttribute('href')]));
      assert.deepEqual(shown, PARTNER_LINES);
      const text = await (await b.$('body')).getText();
      assert.ok(!text.includes('2896 0000'), 'no Hong Kong line left on the partner page');
      assert.ok(text.includes('24 hours, every day · English & Welsh'), 'hours and languages shown');
      await p.snap('09-partner-static-no-wasm');
    });

    step("a partner's rewritten page still starts the app under its Content-Security-Policy", async () => {
      await b.url(url('partner'));
      await waitMounted();
      // A loader blocked by a stale CSP hash would leave the app unmounted and report here.
      assert.deepEqual(await p.consoleErrors(), []);
      await p.click('button', 'Get help now');
      const samaritans = await p.get('link', /^Samaritans 116 123$/, { scope: '#screener-crisis' });
      assert.equal(await samaritans.getAttribute('href'), 'tel:116123');
    });
  });
}
