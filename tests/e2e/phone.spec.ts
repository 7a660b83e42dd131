import { expect, test, type Page } from '@playwright/test';
import { goToQuestion } from './answering.ts';
import { expectNoAxeViolations, seedBank } from './helpers.ts';

// Students join from phones: at 390×844 the question and the article are two views switched at
// the top, each scrolling with the page; the question map folds away; nothing is wider than
// the screen. Screenshots in light and dark go to SHOTS_DIR (or screenshots/) to be looked at.

const questions = seedBank.questions;
const shotsDir = process.env['SHOTS_DIR'] ?? 'screenshots';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${shotsDir}/phone-${name}.png`, fullPage: false });
}

async function expectNothingWiderThanTheScreen(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  expect(overflow, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(0);
}

for (const theme of ['light', 'dark'] as const) {
  test(`a whole attempt on a phone, ${theme}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.addInitScript((t) => localStorage.setItem('evident.preferences', JSON.stringify({ theme: t })), theme);
    await page.goto('/');
    await shot(page, `library-${theme}`);
    await page.getByLabel('Your name').fill('Phone Student');
    await page.getByRole('button', { name: /^Start/ }).click();

    // The question first: the map is folded, the article is a switch away.
    const heading = page.getByRole('heading', { level: 2, name: questions[0]!.prompt });
    await expect(heading).toBeFocused();
    expect(await page.evaluate(() => scrollY)).toBe(0);
    await expect(page.getByRole('button', { name: /^Question 1,/ })).toBeHidden();
    await expect(page.getByRole('article')).toBeHidden();
    const box = await heading.boundingBox();
    expect(box!.y, 'the question is near the top of the screen').toBeLessThan(844 / 2);
    await expectNothingWiderThanTheScreen(page, 'question');
    if (theme === 'light') await expectNoAxeViolations(page, 'phone question');
    await shot(page, `question-${theme}`);

    await page.getByRole('button', { name: 'Article', exact: true }).click();
    await expect(page.getByRole('article')).toBeVisible();
    await expect(heading).toBeHidden();
    // The article is not a small box inside the page: the page itself scrolls it.
    const reading = await page.getByRole('region', { name: 'Article' }).evaluate((el) => getComputedStyle(el).overflowY);
    expect(reading).toBe('visible');
    await shot(page, `article-${theme}`);
    await page.getByRole('button', { name: 'Question 1', exact: true }).click();
    await expect(heading).toBeVisible();

    // The folded map opens, and a number goes to its question.
    await page.getByRole('button', { name: /^Question 1 of \d+/ }).click();
    const ordering = questions.findIndex((q) => q.type === 'ordering');
    await shot(page, `map-${theme}`);
    await goToQuestion(page, ordering + 1, questions[ordering]!.prompt);
    await expect(page.getByRole('button', { name: /^Question \d+,/ }).first()).toBeHidden();
    // Ordering items keep the row: their Move buttons sit under the text, not beside it.
    const item = page.getByRole('main').getByRole('listitem').first();
    const text = await item.locator('.text').boundingBox();
    expect(text!.width, 'an ordering item’s text has most of the row').toBeGreaterThan(250);
    await expectNothingWiderThanTheScreen(page, 'ordering');
    await shot(page, `ordering-${theme}`);

    await page.getByRole('button', { name: /^Question \d+ of \d+/ }).click();
    await goToQuestion(page, questions.length, questions.at(-1)!.prompt);
    await page.getByRole('button', { name: 'Submit answers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Submit your answers?' });
    await expect(dialog).toBeInViewport();
    await shot(page, `submit-warning-${theme}`);
    await dialog.getByRole('button', { name: 'Submit anyway' }).click();

    await expect(page.getByRole('heading', { name: 'Your result' })).toBeFocused();
    expect(await page.evaluate(() => scrollY)).toBe(0);
    await expectNothingWiderThanTheScreen(page, 'result');
    if (theme === 'light') await expectNoAxeViolations(page, 'phone result');
    await shot(page, `result-${theme}`);
    await page.getByRole('button', { name: 'Next' }).click();
    await shot(page, `review-${theme}`);
  });
}
