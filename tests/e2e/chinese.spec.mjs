// Traditional Chinese (Hong Kong): first visit follows the browser's language, the whole
// flow works in Chinese (including a risk answer), and switching language midway keeps
// every answer. <html lang> always matches what is shown.
import { test, expect } from '@playwright/test';
import { openApp, checkScreen, expectAccessible } from './helpers.mjs';
import { EN, ZH, answerUntil, answerUntilReview, scenario } from './flow.mjs';

test.describe('a browser that prefers Chinese', () => {
  test.use({ locale: 'zh-HK' });

  test('the whole flow in Chinese, with a risk answer, is accessible on every screen', async ({ page }) => {
    // An axe scan and two screenshots on each of about 30 screens: more than the default
    // minute on a loaded two-core machine.
    test.slow();
    await openApp(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-HK');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我們的免費支援適合你嗎？');
    await checkScreen(page, '10-welcome-zh');
    await page.getByRole('button', { name: ZH.start }).click();
    const shots = new Set(['age', 'phq9_1', 'phq9_difficulty', 'gad7_1', 'wsas_1', 'complex_diagnosis', 'risk_thoughts', 'risk_self_harm', 'risk_danger_now']);
    await answerUntilReview(page, scenario({ t: ZH, extra: { risk_self_harm: '有' } }), {
      t: ZH,
      onScreen: async (item) => {
        await expect(page.locator('#screener-main').getByText(/^第 \d+ 題，共 \d+ 題$/)).toBeVisible();
        if (shots.has(item)) await checkScreen(page, `11-question-${item}-zh`);
        else await expectAccessible(page, `${item} (zh)`);
      },
    });
    await expect(page.locator('#screener-crisis')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '你不需要獨自面對' })).toBeVisible();
    await checkScreen(page, '12-review-zh');
    await page.getByRole('button', { name: ZH.seeResult }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('請現在就尋求支援');
    await expect(page.getByText('你表示最近曾故意傷害自己。')).toBeVisible();
    await expect(page.getByRole('link', { name: /香港撒瑪利亞會 2896 0000/ })).toHaveAttribute('href', /^tel:/);
    await checkScreen(page, '13-result-urgent-zh');
  });

  test('eligible result and alternatives read in Chinese', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: ZH.start }).click();
    await answerUntilReview(page, scenario({ t: ZH }), { t: ZH });
    await page.getByRole('button', { name: ZH.seeResult }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('這項服務可能適合你');
    await expect(page.getByRole('row', { name: /情緒（PHQ-9） 8 \/ 27 輕度/ })).toBeVisible();
    await expect(page.getByRole('button', { name: '下載我的答案（JSON）' })).toBeVisible();
    await checkScreen(page, '14-result-eligible-zh');
  });
});

test('switching language midway keeps every answer and updates <html lang>', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: EN.start }).click();
  const answers = scenario();
  await answerUntil(page, answers, 'phq9_3');
  await page.getByRole('radio', { name: 'Nearly every day' }).check();
  await page.getByRole('button', { name: '繁體中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-HK');
  // The switch's one button is updated in place (src/components/language_switch.rs): it
  // now offers English, marked as English.
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: '繁體中文' })).toHaveCount(0);
  // The same question, now in Chinese, with the answer still chosen.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('難於入睡；半夜會醒或相反地睡覺時間過多');
  await expect(page.getByRole('radio', { name: '近乎每天' })).toBeChecked();
  await expectAccessible(page, 'switched to Chinese');
  await page.getByRole('button', { name: ZH.back }).click();
  await expect(page.getByRole('radio', { name: '幾天' })).toBeChecked();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('radio', { name: 'Several days' })).toBeChecked();
});

test('typing with an input method: Enter that ends a composition does not go on, and no characters are lost', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: EN.start }).click();
  const age = page.getByRole('textbox', { name: 'How old are you?' });
  await age.fill('30');
  // An IME's Enter arrives as a keydown with isComposing: it must not submit.
  await age.dispatchEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true });
  await age.evaluate((el) => {
    const e = new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true });
    el.dispatchEvent(e);
    if (!e.defaultPrevented) el.form.requestSubmit();
  });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How old are you?');
  // A composition in the safety plan: intermediate text is not written back, the final text is kept.
  await page.getByRole('button', { name: 'Get help now' }).click();
  await page.getByText('Write a short safety plan').click();
  const plan = page.getByRole('textbox', { name: 'My safety plan' });
  await plan.evaluate((el) => {
    el.focus();
    el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    for (const partial of ['ㄉ', '打', '打電', '打電話']) {
      el.value = partial;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, data: partial }));
    }
    el.value = '打電話給姊姊';
    el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '打電話給姊姊' }));
  });
  await expect(plan).toHaveValue('打電話給姊姊');
  // What is kept is the final text, not a fragment from mid-composition.
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('screener.v1.record') || '{}').safety_plan))
    .toBe('打電話給姊姊');
});
