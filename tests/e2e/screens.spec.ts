import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, seedBank, snapshot, unlockTeacher } from './helpers.ts';

// Every screen at the two window sizes a classroom has, in light and dark, checked by axe and
// saved as a screenshot for people to look at.

const variants = [
  { name: 'wide-light', viewport: { width: 1280, height: 800 }, theme: 'light' },
  { name: 'narrow-light', viewport: { width: 900, height: 700 }, theme: 'light' },
  { name: 'wide-dark', viewport: { width: 1280, height: 800 }, theme: 'dark' },
  { name: 'narrow-dark', viewport: { width: 900, height: 700 }, theme: 'dark' },
] as const;

async function check(page: Page, screen: string, variant: string): Promise<void> {
  await expectNoAxeViolations(page, `${screen} (${variant})`);
  await snapshot(page, `${screen}-${variant}`);
}

/** On a wide window the columns scroll, not the page: the header stays put when evidence scrolls into view. */
async function expectPageDoesNotScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)).toBe(0);
}

for (const variant of variants) {
  test(`every screen, ${variant.name}`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(variant.viewport);
    // The theme is a stored preference, as a student would have set it in Settings.
    await page.addInitScript((theme) => {
      localStorage.setItem('evident.preferences', JSON.stringify({ theme }));
    }, variant.theme);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', variant.theme);
    await check(page, 'library', variant.name);

    await page.getByLabel('Your name').fill(`Screens ${variant.name}`);
    await page.getByRole('button', { name: /^Start/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: seedBank.questions[0]!.prompt })).toBeVisible();
    await check(page, 'quiz', variant.name);
    if (variant.name.startsWith('wide')) await expectPageDoesNotScroll(page);

    await page.getByRole('button', { name: 'Reading settings' }).click();
    await check(page, 'reading-settings', variant.name);
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    // An evidence-selection question makes the article's sentences selectable.
    const evidence = seedBank.questions.findIndex((q) => q.type === 'evidence-selection');
    await page.getByRole('button', { name: new RegExp(`^Question ${evidence + 1},`) }).click();
    await page.getByRole('article').getByRole('checkbox').nth(2).click();
    await check(page, 'evidence-selection', variant.name);

    await page.getByRole('button', { name: new RegExp(`^Question ${seedBank.questions.length},`) }).click();
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await check(page, 'submit-warning', variant.name);
    await page.getByRole('button', { name: 'Submit anyway' }).click();
    await expect(page.getByRole('heading', { name: 'Your result' })).toBeVisible();
    await check(page, 'result', variant.name);
    if (variant.name.startsWith('wide')) await expectPageDoesNotScroll(page);

    await page.getByRole('button', { name: 'Back to quizzes' }).click();
    await page.getByRole('button', { name: 'Teacher', exact: true }).click();
    await expect(page.getByLabel('Passphrase', { exact: true })).toBeVisible();
    await check(page, 'teacher-unlock', variant.name);
    await page.getByRole('button', { name: 'Back to the student screen' }).click();
    await unlockTeacher(page);
    await check(page, 'teacher-home', variant.name);
    await page.getByRole('button', { name: 'Class results' }).click();
    await expect(page.getByRole('heading', { name: 'Class results' })).toBeVisible();
    await expect(page.getByRole('table').first()).toBeVisible();
    await check(page, 'teacher', variant.name);
    await page.getByRole('button', { name: 'Back to the teacher’s side' }).click();
    await page.getByRole('button', { name: 'Lock and go to the student screen' }).click();
    await expect(page.getByRole('button', { name: 'Teacher', exact: true })).toBeVisible();
  });
}

test('the system theme follows the computer’s dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(background).toBe('rgb(22, 24, 28)');
  await expectNoAxeViolations(page, 'library (system dark)');
});

test('text size and line spacing apply to the page and persist', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Reading settings' }).click();
  await page.getByRole('slider', { name: /Text size/ }).fill('22');
  await page.getByRole('slider', { name: /Line spacing/ }).fill('2');
  await page.getByRole('combobox', { name: 'Colours' }).selectOption('dark');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await page.reload();
  // The page's module awaits the server before mounting, so the load event can come before the
  // app applies the stored settings: wait for the app itself (a full run once read 17px here).
  await expect(page.getByRole('heading', { name: 'Evident', level: 1 })).toBeVisible();
  const style = await page.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    return { fontSize: root.fontSize, lineHeight: root.lineHeight };
  });
  expect(style).toEqual({ fontSize: '22px', lineHeight: '44px' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // While the app waits on the server to start, the page is already dark and at the reader's size:
  // hold the first request the page makes, and look at the page meanwhile.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/session-api/info', async (route) => {
    await held;
    await route.continue();
  });
  await page.reload({ waitUntil: 'domcontentloaded' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('22px');
  await expect(page.getByRole('heading', { name: 'Evident', level: 1 })).toHaveCount(0);
  release();
  await expect(page.getByRole('heading', { name: 'Evident', level: 1 })).toBeVisible();
});
