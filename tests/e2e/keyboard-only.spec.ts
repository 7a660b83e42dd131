import { expect, test, type Page } from '@playwright/test';
import { seedBank } from './helpers.ts';

// A whole attempt with the keyboard alone: Tab, Shift+Tab, arrows, Space and Enter (and typing
// the name), from the page as it opens, with no focus() calls. What has focus is only read.

const questions = seedBank.questions;

/** What has focus, as a screen reader would name it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const label = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
    const type = el.tagName === 'INPUT' ? `[${el.getAttribute('type') ?? 'text'}]` : '';
    return `${el.tagName.toLowerCase()}${type}: ${label.replace(/\s+/g, ' ').trim()}`;
  });

/** Presses the key until focus is on what `want` matches; fails after `limit` presses. */
async function pressUntil(page: Page, key: 'Tab' | 'Shift+Tab', want: RegExp, limit = 25): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press(key);
    if (want.test(await focused(page))) return presses;
  }
  throw new Error(`${key} ×${limit} never reached ${want}; focus is on ${await focused(page)}`);
}

test('a whole attempt with Tab, Shift+Tab, arrows, Space and Enter only', async ({ page }) => {
  test.setTimeout(90_000);
  // Loading the page logs no failed request (it once asked /session-api/info and got a 405).
  const failed: string[] = [];
  page.on('response', (r) => void (r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`)));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Evident', level: 1 })).toBeVisible();
  expect(failed).toEqual([]);
  await pressUntil(page, 'Tab', /^input\[text\]: Your name/);
  await page.keyboard.type('Keyboard Student');
  await pressUntil(page, 'Tab', /^button: Start/);
  await page.keyboard.press('Enter');

  // Focus lands on the first question, not on the page's body.
  const first = questions[0]!;
  if (first.type !== 'single-choice') throw new Error('the seed bank opens with a single-choice question');
  await expect(page.getByRole('heading', { level: 2, name: first.prompt })).toBeFocused();
  // The first option is one Tab away: the question map is behind the question, not before it.
  expect(await pressUntil(page, 'Tab', /^input\[radio\]/, 3)).toBe(1);
  await page.keyboard.press('Space');
  await expect(page.getByRole('status')).toHaveText('Answer saved.');
  const correct = first.options.findIndex((o) => o.id === first.correct);
  for (let i = 0; i < correct; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio').nth(correct)).toBeChecked();

  await pressUntil(page, 'Tab', /^button: Next/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: questions[1]!.prompt })).toBeFocused();

  // The question map is one tab stop: Shift+Tab reaches the current number, the next one leaves the map.
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatch(/^button: Question 2, not answered/);
  await page.keyboard.press('End');
  expect(await focused(page)).toMatch(new RegExp(`^button: Question ${questions.length},`));
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: questions.at(-1)!.prompt })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).not.toMatch(/^button: Question \d+,/);

  // A skip link takes the student to the article.
  await pressUntil(page, 'Shift+Tab', /^a: Skip to the article/, 40);
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatch(/^div: Article/);
  await pressUntil(page, 'Shift+Tab', /^a: Skip to the question/, 5);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: questions.at(-1)!.prompt })).toBeFocused();

  // Submitting warns in a dialog that has focus; Shift+Tab reaches "Submit anyway".
  await pressUntil(page, 'Tab', /^button: Submit answers/, 40);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Submit your answers?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep answering' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Submit anyway' })).toBeFocused();
  await page.keyboard.press('Enter');

  // The result: focus on its heading; the review steps on with the keyboard.
  await expect(page.getByRole('heading', { name: 'Your result' })).toBeFocused();
  await expect(page.getByText(`1 of ${questions.reduce((n, q) => n + (q.points ?? 1), 0)} points`)).toBeVisible();
  await pressUntil(page, 'Tab', /^button: Next/, 60);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: questions[1]!.prompt })).toBeVisible();
});
