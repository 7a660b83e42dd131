import { expect, test } from '@playwright/test';
import { seedBank, snapshot } from './helpers.ts';

// The caption is part of the page a student reads: its sentence can be picked as evidence like
// any sentence of the body, and it is shown highlighted like one.
test('a caption sentence is a selectable sentence of the article, ahead of the body', async ({ page }) => {
  const index = seedBank.questions.findIndex((question) => question.type === 'evidence-selection');
  const question = seedBank.questions[index] as { prompt: string };

  await page.goto('/');
  await page.getByLabel('Your name').fill('Caption Reader');
  await page.getByRole('button', { name: /^Start/ }).click();
  await page.getByRole('button', { name: new RegExp(`^Question ${index + 1},`) }).click();
  await expect(page.getByRole('heading', { name: question.prompt })).toBeVisible();

  const article = page.getByRole('article');
  const caption = article.locator('figcaption').getByRole('checkbox', { name: /is furious at allegations/ });
  await expect(caption).toHaveAttribute('data-sentence', 'c1.s1');
  await expect(caption).toHaveAttribute('aria-checked', 'false');
  await expect(article.locator('figcaption')).toContainText('Picture: AFP/Getty');
  // Reading order: the caption's sentence is the first checkbox, the body's first sentence next.
  await expect(article.getByRole('checkbox').first()).toHaveAttribute('data-sentence', 'c1.s1');
  await expect(article.getByRole('checkbox').nth(1)).toHaveAttribute('data-sentence', 'p1.s1');

  await caption.click();
  await expect(caption).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByText('1 sentence selected')).toBeVisible();
  await expect(page.getByText('Answer saved.')).toBeVisible();
  await snapshot(page, 'caption-evidence-selected');
});
