// Drives the screener like a person: finds questions by their heading and answers by the
// visible option labels (roles and accessible names), pressing Next as a person would.
import { expect } from '@playwright/test';

export const EN = {
  start: 'Start', next: 'Next', back: 'Back', review: 'Check your answers', seeResult: 'See my result',
  notAtAll: 'Not at all', several: 'Several days', half: 'More than half the days', nearly: 'Nearly every day',
};

export const ZH = {
  start: '開始', next: '下一步', back: '返回', review: '檢查你的答案', seeResult: '查看我的結果',
  notAtAll: '完全沒有', several: '幾天', half: '一半以上的天數', nearly: '近乎每天',
};

/** The id of the item on screen (radio/checkbox group name or the number input's name). */
export async function currentItem(page) {
  const field = page.locator('#screener-main form [name]').first();
  await expect(field).toBeAttached();
  return field.getAttribute('name');
}

/**
 * Answers every question until the review screen. `answers` maps item id to the visible
 * label to choose (string), several labels (array), or a number typed in. Items not in
 * `answers` get `fallback(itemId)`.
 */
export async function answerUntilReview(page, answers, { t = EN, fallback, onScreen } = {}) {
  for (let guard = 0; guard < 60; guard++) {
    const heading = page.locator('#screener-main h1');
    await expect(heading).toBeVisible();
    if ((await heading.innerText()).trim() === t.review) return;
    const item = await currentItem(page);
    const answer = item in answers ? answers[item] : fallback?.(item);
    if (answer === undefined) throw new Error(`no answer given for ${item}`);
    if (onScreen) await onScreen(item);
    await answerCurrent(page, answer);
    await page.getByRole('button', { name: t.next, exact: true }).click();
  }
  throw new Error('never reached the review screen');
}

/** Answers questions (as answerUntilReview) until `stopItem` is on screen. */
export async function answerUntil(page, answers, stopItem, { t = EN } = {}) {
  for (let guard = 0; guard < 60; guard++) {
    await expect(page.locator('#screener-main h1')).toBeVisible();
    const item = await currentItem(page);
    if (item === stopItem) return;
    await answerCurrent(page, answers[item]);
    await page.getByRole('button', { name: t.next, exact: true }).click();
  }
  throw new Error(`never reached ${stopItem}`);
}

/**
 * Clicks the option labelled `label` on the current screen from inside the page and
 * reports, at the next animation frame, whether the crisis panel is visible and how long
 * after the click that frame came (ms).
 */
export async function clickAndMeasureCrisis(page, label) {
  return page.evaluate((label) => new Promise((resolve) => {
    const input = [...document.querySelectorAll('#screener-main input')]
      .find((i) => i.labels[0].innerText.trim() === label);
    if (!input) { resolve({ found: false }); return; }
    const t0 = performance.now();
    input.click();
    requestAnimationFrame(() => {
      const panel = document.getElementById('screener-crisis');
      const box = panel?.getBoundingClientRect();
      resolve({ found: true, visible: !!box && box.height > 0, ms: performance.now() - t0 });
    });
  }), label);
}

/** Answers the question on screen. */
export async function answerCurrent(page, answer) {
  const main = page.locator('#screener-main form');
  if (typeof answer === 'number') {
    await main.getByRole('textbox').fill(String(answer));
  } else if (Array.isArray(answer)) {
    for (const label of answer) await main.getByRole('checkbox', { name: label, exact: true }).check();
  } else if (answer instanceof RegExp) {
    await main.getByRole('radio', { name: answer }).check();
  } else {
    await main.getByRole('radio', { name: answer, exact: true }).check();
  }
}

/** Labels for a PHQ-9 / GAD-7 item score 0..3. */
export function freq(t, score) {
  return [t.notAtAll, t.several, t.half, t.nearly][score];
}

/** A complete set of answers: scores for PHQ-9 and GAD-7 items, everything else safe. */
export function scenario({ age = 30, phq = [1, 1, 1, 1, 1, 1, 1, 1, 0], gad = [1, 1, 1, 1, 1, 1, 0], t = EN, extra = {} } = {}) {
  const a = { age };
  phq.forEach((s, i) => { a[`phq9_${i + 1}`] = freq(t, s); });
  gad.forEach((s, i) => { a[`gad7_${i + 1}`] = freq(t, s); });
  const en = t === EN;
  Object.assign(a, {
    phq9_difficulty: en ? 'Somewhat difficult' : '有點困難',
    wsas_1: '3', wsas_2: '3', wsas_3: '1', wsas_4: '1', wsas_5: '3',
    complex_diagnosis: en ? 'No' : '否',
    psychiatric_team: en ? 'No' : '否',
    other_therapy: en ? 'No' : '否',
    risk_thoughts: en ? 'No' : '沒有',
    risk_plans: en ? 'No' : '沒有',
    risk_self_harm: en ? 'No' : '沒有',
    risk_harm_others: en ? 'No' : '否',
    risk_danger_now: en ? 'No' : '否',
    contact_mode: en ? 'Video call' : '視像通話',
    contact_centre: en ? /^Mong Kok/ : /^旺角/,
    contact_language: en ? 'Cantonese' : '廣東話',
    contact_times: [en ? 'Weekday evenings' : '平日晚上'],
  }, extra);
  return a;
}

