// Answers kept on the device: resume after reload, delete, expiry, a corrupt record kept
// under a backup key, "don't keep on this device", and two tabs seeing each other's answers.
import { test, expect } from '@playwright/test';
import { openApp, checkScreen, expectAccessible } from './helpers.mjs';
import { EN, answerUntil, scenario } from './flow.mjs';

const RECORD_KEY = 'screener.v1.record';
const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('screener.')));
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), RECORD_KEY);

async function startAndAnswerFew(page) {
  await openApp(page);
  // Opening the page alone leaves nothing on the device.
  expect(await storedKeys(page)).toEqual([]);
  await page.getByRole('button', { name: EN.start }).click();
  await answerUntil(page, scenario({ age: 41 }), 'phq9_3');
  // Saving waits for the frame to be painted: let it land before a test reads or edits it.
  await expect.poll(async () => JSON.parse(await stored(page))?.step?.item, { timeout: 1000 }).toBe('phq9_3');
}

test('answers are saved as they are given, and a reload resumes at the same step', async ({ page }) => {
  await startAndAnswerFew(page);
  await page.getByRole('radio', { name: 'More than half the days' }).check();
  // Saved once the frame is painted (so a risk answer's crisis panel is never held up):
  // wait for it, within the 250 ms limit a change may wait without a frame.
  await expect.poll(async () => JSON.parse(await stored(page))?.answers?.phq9_3, { timeout: 1000 })
    .toBe('more_than_half_the_days');
  const record = JSON.parse(await stored(page));
  expect(record.answers).toMatchObject({ age: 41, phq9_1: 'several_days', phq9_2: 'several_days', phq9_3: 'more_than_half_the_days' });
  expect(record.step).toEqual({ step: 'question', item: 'phq9_3' });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trouble falling or staying asleep, or sleeping too much');
  await expect(page.getByRole('radio', { name: 'More than half the days' })).toBeChecked();
  await page.getByRole('button', { name: EN.back }).click();
  await expect(page.getByRole('radio', { name: 'Several days' })).toBeChecked();
  await page.getByRole('button', { name: EN.back }).click();
  await page.getByRole('button', { name: EN.back }).click();
  await expect(page.getByRole('textbox', { name: 'How old are you?' })).toHaveValue('41');
});

test('the language choice is saved with the answers', async ({ page }) => {
  await startAndAnswerFew(page);
  await page.getByRole('button', { name: '繁體中文' }).click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-HK');
  await expect(page.getByRole('button', { name: '返回' })).toBeVisible();
});

test('"Delete my answers" removes everything this app stored and says so', async ({ page }) => {
  await startAndAnswerFew(page);
  await page.evaluate(() => localStorage.setItem('screener.backup.1', 'old'));
  await page.evaluate(() => localStorage.setItem('unrelated.key', 'host data'));
  await page.getByRole('button', { name: 'Your answers' }).click();
  await page.getByRole('button', { name: 'Delete my answers' }).click();
  await expectAccessible(page, 'delete confirmation');
  await checkScreen(page, '15-delete-confirm-en');
  await page.getByRole('button', { name: 'Yes, delete them' }).click();
  await expect(page.getByText('Your answers have been deleted from this device.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Could our free support be right for you?');
  expect(await storedKeys(page)).toEqual([]);
  // Only this app's keys go.
  expect(await page.evaluate(() => localStorage.getItem('unrelated.key'))).toBe('host data');
  await page.reload();
  await expect(page.getByRole('button', { name: EN.start })).toBeVisible();
});

test('answers older than the retention period are deleted at start, and the person is told', async ({ page }) => {
  await startAndAnswerFew(page);
  const old = Date.now() - 31 * 24 * 3600 * 1000;
  await page.evaluate(([key, old]) => {
    const record = JSON.parse(localStorage.getItem(key));
    record.updated_ms = old;
    record.created_ms = old;
    localStorage.setItem(key, JSON.stringify(record));
  }, [RECORD_KEY, old]);
  await page.reload();
  await expect(page.getByText('Answers saved more than 30 days ago were deleted from this device')).toBeVisible();
  await expect(page.getByRole('button', { name: EN.start })).toBeVisible();
  expect(await storedKeys(page)).toEqual([]);
  await expectAccessible(page, 'expired notice');
});

test('a corrupt record: calm notice, a fresh start, and the original text kept under a backup key', async ({ page }) => {
  await startAndAnswerFew(page);
  const garbage = '{"format_version": 1, "answers": {"age": 4'; // cut off mid-write
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [RECORD_KEY, garbage]);
  await page.reload();
  await expect(page.getByText('We could not read the answers saved earlier')).toBeVisible();
  await checkScreen(page, '16-corrupt-notice-en');
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('screener.backup.')));
  expect(backups.length).toBe(1);
  expect(await page.evaluate((k) => localStorage.getItem(k), backups[0])).toBe(garbage);
  // The person can carry on, and new answers are saved.
  await page.getByRole('button', { name: EN.start }).click();
  await page.getByRole('textbox', { name: 'How old are you?' }).fill('29');
  await expect.poll(async () => JSON.parse(await stored(page))?.answers?.age).toBe(29);
  // Deleting answers removes the backup too.
  await page.getByRole('button', { name: 'Your answers' }).click();
  await page.getByRole('button', { name: 'Delete my answers' }).click();
  await page.getByRole('button', { name: 'Yes, delete them' }).click();
  expect(await storedKeys(page)).toEqual([]);
});

test('out-of-range and unknown answers in a stored record are dropped with a notice', async ({ page }) => {
  await startAndAnswerFew(page);
  await page.evaluate((key) => {
    const record = JSON.parse(localStorage.getItem(key));
    record.answers.phq9_1 = 'sometimes-maybe';
    record.answers.no_such_question = 'yes';
    localStorage.setItem(key, JSON.stringify(record));
  }, RECORD_KEY);
  await page.reload();
  await expect(page.getByText('2 saved answers no longer matched the questions and were left out.')).toBeVisible();
});

test('"Don\'t keep my answers on this device" removes them and stops saving', async ({ page }) => {
  await startAndAnswerFew(page);
  await page.getByRole('button', { name: 'Your answers' }).click();
  await page.getByRole('checkbox', { name: /Don't keep my answers on this device/ }).check();
  await expect(page.getByText('Your answers are no longer kept on this device.')).toBeVisible();
  expect(await storedKeys(page)).toEqual([]);
  await page.getByRole('button', { name: 'Your answers' }).click();
  await page.getByRole('radio', { name: 'Nearly every day' }).check();
  await page.getByRole('button', { name: EN.next }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feeling tired or having little energy');
  expect(await storedKeys(page)).toEqual([]);
});

test('two tabs see each other\'s answers, and an older tab does not overwrite newer ones', async ({ context }) => {
  const a = await context.newPage();
  await startAndAnswerFew(a);
  const b = await context.newPage();
  await b.goto('/');
  await expect(b.getByRole('heading', { level: 1 })).toHaveText('Trouble falling or staying asleep, or sleeping too much');
  // Tab B answers; tab A shows it and says so.
  await b.getByRole('radio', { name: 'Nearly every day' }).check();
  await expect(a.getByText('Your answers were updated in another tab.')).toBeVisible();
  await expect(a.getByRole('radio', { name: 'Nearly every day' })).toBeChecked();
  // Tab A changes it back: B follows, and the stored record has A's newer answer.
  await a.getByRole('radio', { name: 'Not at all' }).check();
  await expect(b.getByRole('radio', { name: 'Not at all' })).toBeChecked();
  expect(JSON.parse(await stored(a)).answers.phq9_3).toBe('not_at_all');
  // Deleting in one tab clears the other.
  await a.getByRole('button', { name: 'Your answers' }).click();
  await a.getByRole('button', { name: 'Delete my answers' }).click();
  await a.getByRole('button', { name: 'Yes, delete them' }).click();
  await expect(b.getByRole('button', { name: EN.start })).toBeVisible();
  expect(await storedKeys(b)).toEqual([]);
});

test.describe('storage that fails', () => {
  test('localStorage that throws: the screener still works and says answers are not saved', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    });
    await openApp(page);
    await expect(page.getByText('This browser is not letting us save your answers')).toBeVisible();
    await page.getByRole('button', { name: EN.start }).click();
    await page.getByRole('textbox', { name: 'How old are you?' }).fill('30');
    await page.getByRole('button', { name: EN.next }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Little interest or pleasure in doing things');
  });

  test('a full quota on save keeps the answers and says so', async ({ page }) => {
    await page.addInitScript(() => {
      const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (window.__fullQuota) throw new DOMException('full', 'QuotaExceededError');
        return real.call(this, key, value);
      };
    });
    await openApp(page);
    await page.getByRole('button', { name: EN.start }).click();
    await page.evaluate(() => { window.__fullQuota = true; });
    await page.getByRole('textbox', { name: 'How old are you?' }).fill('30');
    await expect(page.getByText("This browser's storage is full")).toBeVisible();
    await page.getByRole('button', { name: EN.next }).click();
    await page.getByRole('button', { name: EN.back }).click();
    await expect(page.getByRole('textbox', { name: 'How old are you?' })).toHaveValue('30');
  });
});
