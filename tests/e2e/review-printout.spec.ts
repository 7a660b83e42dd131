import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { goToQuestion } from './answering.ts';
import { seedBank } from './helpers.ts';

// The review steps through every question, and the printout (Chromium's PDF of the result)
// holds every question with the answer, the key, the points, the explanation and the evidence,
// checked by turning the PDF into text with pdftotext (Debian's poppler-utils).

const questions = seedBank.questions;
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

async function submitAfterTwoAnswers(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: /^Start/ }).click();
  const first = questions[0]!;
  if (first.type !== 'single-choice') throw new Error('the seed bank opens with a single-choice question');
  await page.getByRole('radio', { name: first.options.find((o) => o.id === first.correct)!.text }).check();
  await expect(page.getByRole('status')).toHaveText('Answer saved.');
  const short = questions.findIndex((q) => q.type === 'short-answer');
  await goToQuestion(page, short + 1, questions[short]!.prompt);
  await page.getByRole('textbox', { name: 'Your answer' }).fill('A typed answer that is wrong');
  await goToQuestion(page, questions.length, questions.at(-1)!.prompt);
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await page.getByRole('dialog', { name: 'Submit your answers?' }).getByRole('button', { name: 'Submit anyway' }).click();
  await expect(page.getByRole('heading', { name: 'Your result' })).toBeFocused();
}

test('the review goes from question to question with Previous and Next, and lists each question by its text', async ({ page }) => {
  await submitAfterTwoAnswers(page, 'Review Student');
  const list = page.getByRole('list').filter({ has: page.getByRole('button', { name: /^1\. / }) });
  await expect(list.getByRole('button')).toHaveCount(questions.length);
  for (const [i, q] of questions.slice(0, 3).entries()) {
    await expect(list.getByRole('button').nth(i)).toContainText(`${i + 1}. ${words(q.prompt).slice(0, 25)}`);
  }
  await expect(page.getByRole('heading', { level: 2, name: questions[0]!.prompt })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 2, name: questions[1]!.prompt })).toBeVisible();
  await expect(page.getByText(`Question 2 of ${questions.length}`)).toBeVisible();
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(page.getByRole('heading', { level: 2, name: questions[0]!.prompt })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Previous' })).toBeDisabled();
  // The review has nothing left to save.
  await expect(page.getByRole('button', { name: 'Save answer' })).toHaveCount(0);
});

test('the printout holds every question: the answer, the key, the points, the explanation and the evidence', async ({
  page,
  browserName,
}) => {
  test.skip(browserName !== 'chromium', 'page.pdf() prints in Chromium only');
  test.setTimeout(90_000);
  await submitAfterTwoAnswers(page, 'Printout Student');
  const dir = mkdtempSync(join(tmpdir(), 'evident-print-'));
  const pdf = join(dir, 'result.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
  let text: string;
  try {
    text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`pdftotext (Debian's poppler-utils, which .ci/run installs) could not read the printout: ${String(error)}`, {
      cause: error,
    });
  }
  const flat = words(text);

  expect(flat).toContain('Your result');
  expect(flat).toContain('Printout Student');
  for (const q of questions) {
    expect(flat, `question ${q.id}'s prompt`).toContain(words(q.prompt).slice(0, 50));
    expect(flat, `question ${q.id}'s explanation`).toContain(words(q.explanation).slice(0, 50));
  }
  // Points per question, the student's answer, the key and the evidence as quotes.
  const pointsLines = flat.match(/· \d+(\.\d+)? of \d+ points?/g) ?? [];
  expect(pointsLines.length).toBeGreaterThanOrEqual(questions.length);
  expect(flat).toContain('Your answer: A typed answer that is wrong');
  expect(flat).toContain('Correct answer:');
  expect((flat.match(/Evidence in the article:/g) ?? []).length).toBeGreaterThanOrEqual(questions.length - 2);
  expect((flat.match(/Not answered\./g) ?? []).length).toBe(questions.length - 2);

  // Pages as images, for people to look at.
  const shots = process.env['SHOTS_DIR'];
  if (shots) {
    mkdirSync(shots, { recursive: true });
    try {
      execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(shots, 'printout')]);
    } catch {
      // pdftoppm comes with pdftotext; without it the text check above still stands
    }
    expect(readdirSync(shots).some((f) => f.startsWith('printout'))).toBe(true);
  }
});
