import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { asTeacher, expectNoAxeViolations, unlockTeacher } from './helpers.ts';

// The teacher's quiz library: an own quiz is listed as ready, publishing it puts it on the
// student's screen, and deleting it says how many attempts exist and takes it off again.
// Screenshots of the screen at 1280×800, light and dark, for people to LOOK at.

const shotsDir = process.env['SHOTS_DIR'] ?? 'screenshots/library';

const ARTICLE = {
  title: 'Council votes to keep the town library open',
  byline: 'Jane Doe',
  publication: 'The Riverside Courier',
  paragraphs: [
    'The council voted on Tuesday to keep the town library open. The vote ended a year of argument.',
    ['Mr. Jones, who led the campaign, said the vote was close.', 'It passed by one vote.'],
  ],
  captions: ['The library on Main Street.'],
};

function bankFor(quizId: string) {
  return {
    id: quizId,
    questions: [
      {
        id: 'vote-result',
        type: 'single-choice',
        skill: 'detail',
        difficulty: 'easy',
        prompt: 'What did the council decide?',
        options: [
          { id: 'keep', text: 'To keep the library open' },
          { id: 'close', text: 'To close the library' },
        ],
        correct: 'keep',
        evidence: ['The council voted on Tuesday to keep the town library open.'],
        explanation: 'The first sentence says so.',
      },
    ],
  };
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: `${shotsDir}/${name}.png` });
}

test('the library lists an own quiz, publishing offers it to students, and deleting it names its attempts', async ({ page, browser }) => {
  test.setTimeout(120_000); // several screens, two contexts and axe, on a shared machine: a behaviour test, not a timed one
  await page.setViewportSize({ width: 1280, height: 800 });
  const { quizId } = await asTeacher<{ quizId: string }>(page.request, 'createQuiz', { article: ARTICLE });
  const draft = await asTeacher<{ quizId: string }>(page.request, 'createQuiz', {
    article: { ...ARTICLE, title: 'A draft without questions' },
  });
  await asTeacher(page.request, 'saveQuizBank', { quizId, bank: bankFor(quizId) });

  await page.goto('/');
  await expect(page.getByRole('heading', { name: ARTICLE.title })).toHaveCount(0); // not published yet
  await unlockTeacher(page);
  await page.getByRole('button', { name: 'Quiz library' }).click();
  await expect(page.getByRole('heading', { name: 'Quiz library', level: 1 })).toBeVisible();

  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: ARTICLE.title }) });
  await expect(card).toContainText('Ready');
  await expect(card).toContainText('1 question');
  await expect(card).toContainText('The Riverside Courier');
  const draftCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'A draft without questions' }) });
  await expect(draftCard).toContainText('Draft');
  await expect(draftCard.getByRole('button', { name: /^Publish/ })).toBeDisabled();
  await expect(page.getByRole('listitem', { name: 'North Korea fires threats at UN', exact: true })).toContainText('Published');

  // Search and sort work on the cards.
  // Every spec shares one server: the search names this spec's own publication.
  await page.getByLabel('Search').fill('riverside');
  await expect(page.getByRole('listitem')).toHaveCount(2);
  await page.getByLabel('Search').fill('');
  await page.getByLabel('Sort by').selectOption('status');
  await expect(page.getByRole('listitem').first()).toContainText('Published');
  await expectNoAxeViolations(page, 'quiz library');
  await shoot(page, 'library-light');

  await card.getByRole('button', { name: /^Publish/ }).click();
  await expect(page.getByRole('status')).toContainText(`“${ARTICLE.title}” is published`);
  await expect(card).toContainText('Published');

  // Dark, in a context of its own with the same server.
  const dark = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  const darkPage = await dark.newPage();
  await darkPage.goto('/');
  await unlockTeacher(darkPage);
  await darkPage.getByRole('button', { name: 'Quiz library' }).click();
  await expect(darkPage.getByRole('heading', { name: ARTICLE.title })).toBeVisible();
  await shoot(darkPage, 'library-dark');
  await dark.close();

  // The student's screen now offers it, and a student takes it.
  await page.getByRole('button', { name: 'Back to the teacher’s side' }).click();
  await page.getByRole('button', { name: 'Lock and go to the student screen' }).click();
  await expect(page.getByRole('heading', { name: ARTICLE.title })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'A draft without questions' })).toHaveCount(0);
  const taken = await page.request.post('/api/startAttempt', { data: { quizId, studentName: 'Ada' } });
  expect(((await taken.json()) as { ok: boolean }).ok).toBe(true);

  // Deleting asks with the attempt count, and the quiz leaves the student's screen.
  await unlockTeacher(page);
  await page.getByRole('button', { name: 'Quiz library' }).click();
  await card.getByRole('button', { name: /^Delete/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('1 attempt has been taken on it; it stays in Class results.');
  await shoot(page, 'library-delete-light');
  await dialog.getByRole('button', { name: 'Delete the quiz' }).click();
  await expect(page.getByRole('status')).toContainText('Its 1 attempt is kept in Class results.');
  await expect(page.getByRole('heading', { name: ARTICLE.title })).toHaveCount(0);
  await asTeacher(page.request, 'deleteQuiz', { quizId: draft.quizId });
  await page.getByRole('button', { name: 'Back to the teacher’s side' }).click();
  await page.getByRole('button', { name: 'Lock and go to the student screen' }).click();
  await expect(page.getByRole('heading', { name: 'North Korea fires threats at UN' })).toBeVisible();
  await expect(page.getByRole('heading', { name: ARTICLE.title })).toHaveCount(0);
});
