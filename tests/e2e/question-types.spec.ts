import { expect, test, type Page } from '@playwright/test';
import { answerCorrectly, goToQuestion, type Input } from './answering.ts';
import { asTeacher, expectNoAxeViolations, seedBank, snapshot, unlockTeacher } from './helpers.ts';

const questions = seedBank.questions;
const totalPoints = questions.reduce((n, q) => n + (q.points ?? 1), 0);
const typesSeen = new Set<string>();

async function start(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: /^Start/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: questions[0]!.prompt })).toBeVisible();
}

for (const input of ['mouse', 'keyboard'] as const satisfies Input[]) {
  test(`every question type answered correctly by ${input}, submitted, full marks`, async ({ page }) => {
    test.setTimeout(120_000);
    await start(page, `All by ${input}`);
    for (const [i, question] of questions.entries()) {
      await goToQuestion(page, i + 1, question.prompt);
      await answerCorrectly(page, question, input);
      await expect(page.getByRole('status').filter({ hasText: 'Answer saved.' })).toBeVisible();
      if (!typesSeen.has(`${input}:${question.type}`)) {
        typesSeen.add(`${input}:${question.type}`);
        if (input === 'mouse') {
          await expectNoAxeViolations(page, `${question.type} question`);
          await snapshot(page, `question-${question.type}`);
        }
      }
    }
    await expect(page.getByText(`${questions.length} of ${questions.length} answered`)).toBeVisible();
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await expect(page.getByRole('heading', { name: 'Your result' })).toBeVisible();
    await expect(page.getByText(`${totalPoints} of ${totalPoints} points`)).toBeVisible();
    await expect(page.getByText('100%', { exact: true })).toBeVisible();
    expect(new Set([...typesSeen].filter((t) => t.startsWith(input)).map((t) => t.split(':')[1])).size).toBe(9);
  });
}

test.afterEach(async ({ request }) => {
  // Every other test expects the default settings for new attempts.
  await asTeacher(request, 'setAttemptSettings', { feedback: 'deferred', shuffle: false });
});

test('immediate feedback: a draft until checked, then the verdict, the explanation and the evidence, for a whole attempt', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The teacher chooses immediate feedback for new attempts, then locks and hands the computer over.
  await page.goto('/');
  await unlockTeacher(page);
  await page.getByLabel('Feedback').selectOption('immediate');
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expectNoAxeViolations(page, 'settings');
  await snapshot(page, 'settings');
  await page.getByRole('button', { name: 'Lock and go to the student screen' }).click();
  await expect(page.getByText('New attempts: feedback after each question (set by your teacher).')).toBeVisible();
  await page.getByLabel('Your name').fill('Immediate Student');
  await page.getByRole('button', { name: /^Start/ }).click();

  const first = questions[0]!;
  if (first.type !== 'single-choice') throw new Error('the seed bank opens with a single-choice question');
  const wrong = first.options.find((o) => o.id !== first.correct)!;
  await page.getByRole('radio', { name: wrong.text }).check();
  // Not sent yet: the student can still change their mind.
  await expect(page.getByText('0 of 34 answered')).toBeVisible();
  await page.getByRole('radio', { name: first.options.find((o) => o.id === first.correct)!.text }).check();
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Correct: 1 of 1 point.' })).toBeVisible();
  await expect(page.getByText(first.explanation.slice(0, 50))).toBeVisible();
  await expect(page.getByRole('article').locator('mark').first()).toContainText(first.evidence[0]!.slice(0, 30));
  await expect(page.getByRole('radio').first()).toBeDisabled();
  await snapshot(page, 'immediate-feedback');

  // A wrong answer: the verdict says so in words.
  const second = questions[1]!;
  if (second.type !== 'single-choice') throw new Error('the seed bank’s second question is single-choice');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radio', { name: second.options.find((o) => o.id !== second.correct)!.text }).check();
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Not correct: 0 of 1 point.' })).toBeVisible();
  await expectNoAxeViolations(page, 'immediate feedback');

  // Reloading keeps the verdicts, and comes back to the question the student was on.
  await page.reload();
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: second.prompt })).toBeFocused();
  await expect(page.getByText('Not correct · 0 of 1 point')).toBeVisible();
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(page.getByText('Correct · 1 of 1 point')).toBeVisible();

  // The rest of the attempt, every type checked one by one, then handed in.
  for (const [i, question] of questions.entries()) {
    if (i < 2) continue;
    await goToQuestion(page, i + 1, question.prompt);
    await answerCorrectly(page, question, 'mouse');
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Correct: / })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Check answer' })).toHaveCount(0);
  }
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('heading', { name: 'Your result' })).toBeVisible();
  await expect(page.getByText(`${totalPoints - 1} of ${totalPoints} points`)).toBeVisible();
});

test('flags a question and is warned about flagged and unanswered questions before submitting', async ({ page }) => {
  await start(page, 'Flagging Student');
  await page.getByRole('button', { name: 'Flag for review' }).click();
  await expect(page.getByRole('button', { name: 'Question 1, not answered, flagged' })).toBeVisible();
  await goToQuestion(page, questions.length, questions.at(-1)!.prompt);
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('dialog', { name: 'Submit your answers?' })).toContainText('Flagged for review: 1.');
  await page.getByRole('button', { name: 'Keep answering' }).click();
  await expect(page.getByRole('dialog', { name: 'Submit your answers?' })).toHaveCount(0);
});
