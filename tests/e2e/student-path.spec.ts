import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, seedBank, snapshot } from './helpers.ts';

type ChoiceQuestion = {
  id: string;
  type: string;
  prompt: string;
  points?: number;
  options: { id: string; text: string }[];
  correct: string;
  evidence: string[];
};
const singleChoice = seedBank.questions.slice(0, 3) as ChoiceQuestion[];

test('a student answers, submits, and sees the score and the evidence in the article', async ({ page }) => {
  expect(singleChoice.map((q) => q.type)).toEqual(['single-choice', 'single-choice', 'single-choice']);
  const [first, second, third] = singleChoice as [ChoiceQuestion, ChoiceQuestion, ChoiceQuestion];

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Evident', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'North Korea fires threats at UN' })).toBeVisible();
  await expectNoAxeViolations(page, 'library');
  await snapshot(page, 'library');

  // Starting without a name is refused with a message, not an exception.
  await page.getByRole('button', { name: /^Start/ }).click();
  await expect(page.getByRole('alert')).toHaveText('Enter your name first.');

  await page.getByLabel('Your name').fill('  Ada Lovelace  ');
  await page.getByRole('button', { name: /^Start/ }).click();

  // The article as the app shows it: headline, caption once, no page boilerplate.
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { name: 'North Korea fires threats at UN' })).toBeVisible();
  await expect(article.locator('figcaption')).toContainText('is furious at allegations');
  await expect(article.getByText('is furious at allegations')).toHaveCount(1);
  await expect(article).not.toContainText('Share this article');
  await expect(article).not.toContainText('Subscribe to our daily newsletter');
  await expect(page.getByText('Ada Lovelace', { exact: true })).toBeVisible();

  await expect(page.getByRole('heading', { name: first.prompt })).toBeVisible();
  await expectNoAxeViolations(page, 'quiz');
  await snapshot(page, 'quiz');

  // Question 1 right by mouse; question 2 wrong by keyboard; question 3 right by keyboard.
  await page.getByRole('radio', { name: optionText(first, first.correct) }).check();
  await expect(page.getByRole('status')).toHaveText('Answer saved.');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: second.prompt })).toBeVisible();
  const wrongIndex = second.options.findIndex((o) => o.id !== second.correct);
  await page.getByRole('radio').first().focus();
  await page.keyboard.press(String(wrongIndex + 1));
  await expect(page.getByRole('radio', { name: optionText(second, second.options[wrongIndex]!.id) })).toBeChecked();
  await expect(page.getByRole('status')).toHaveText('Answer saved.');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: third.prompt })).toBeVisible();
  await page.getByRole('radio').first().focus();
  await page.keyboard.press(String(third.options.findIndex((o) => o.id === third.correct) + 1));
  await expect(page.getByRole('status')).toHaveText('Answer saved.');

  // Going to the last question and submitting warns about the unanswered ones first.
  await page.getByRole('button', { name: `Question ${seedBank.questions.length}, not answered` }).click();
  await page.getByRole('button', { name: 'Submit answers' }).click();
  const warning = page.getByRole('dialog', { name: 'Submit your answers?' });
  await expect(warning).toContainText(`${seedBank.questions.length - 3} questions are not answered`);
  await snapshot(page, 'submit-warning');
  await warning.getByRole('button', { name: 'Submit anyway' }).click();

  const totalPoints = seedBank.questions.reduce((n, q) => n + (q.points ?? 1), 0);
  const earned = (first.points ?? 1) + (third.points ?? 1);
  await expect(page.getByRole('heading', { name: 'Your result' })).toBeVisible();
  await expect(page.getByText(`${earned} of ${totalPoints} points`)).toBeVisible();

  // Question 1 is selected: its evidence sentence is highlighted in the article.
  // (The review also holds every other question for the printout, so look inside question 1.)
  await expect(page.getByRole('group', { name: /^Question 1 of/ }).getByText('Correct · 1 of 1 point')).toBeVisible();
  const evidence = page.getByRole('article').locator('mark');
  await expect(evidence.first()).toBeVisible();
  await expect(evidence.first()).toContainText(first.evidence[0]!.slice(0, 40));
  await expectNoAxeViolations(page, 'result');
  await snapshot(page, 'result');

  // Question 2 was answered wrongly: the review says so in words, with its own evidence.
  // The list names each question by its text, not only its number.
  const secondEntry = page.getByRole('button', { name: /^2\. / });
  await expect(secondEntry).toContainText(second.prompt.slice(0, 30));
  await expect(secondEntry).toContainText('Not correct');
  await secondEntry.click();
  await expect(page.getByRole('group', { name: /^Question 2 of/ }).getByText('Not correct · 0 of 1 point')).toBeVisible();
  await expect(page.getByRole('article').locator('mark').first()).toContainText(second.evidence[0]!.slice(0, 40));
});

test('an unfinished attempt is offered again after a reload, with its answers', async ({ page }) => {
  const first = singleChoice[0]!;
  await page.goto('/');
  await page.getByLabel('Your name').fill('Grace Hopper');
  await page.getByRole('button', { name: /^Start/ }).click();
  await page.getByRole('radio', { name: optionText(first, first.correct) }).check();
  await expect(page.getByRole('status')).toHaveText('Answer saved.');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Carry on where you stopped' })).toBeVisible();
  await expect(page.getByText(/Grace Hopper, you have answered 1 of/)).toBeVisible();
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(page.getByRole('radio', { name: optionText(first, first.correct) })).toBeChecked();
});

function optionText(question: ChoiceQuestion, optionId: string): string {
  const option = question.options.find((o) => o.id === optionId);
  if (!option) throw new Error(`${question.id} has no option ${optionId}`);
  return option.text;
}

test('a student who leaves gets a resume code; only their name with it brings the attempt back, in another window too', async ({
  page,
  browser,
}) => {
  const first = singleChoice[0]!;
  const name = `Leaver ${Date.now().toString(36)}`;
  await page.goto('/');
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: /^Start/ }).click();
  await page.getByRole('radio', { name: optionText(first, first.correct) }).check();
  await expect(page.getByRole('status')).toHaveText('Answer saved.');

  await page.getByRole('button', { name: 'Save and leave' }).click();
  const notice = page.getByRole('region', { name: 'Your answers are saved' });
  await expect(notice).toContainText(name);
  const code = ((await notice.locator('.code').textContent()) ?? '').trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expectNoAxeViolations(page, 'library after leaving');
  await snapshot(page, 'library-left');

  // The next person at the computer (a new window) is offered nothing of it.
  const next = await (await browser.newContext()).newPage();
  await next.goto('/');
  await expect(next.getByRole('heading', { name: 'Quizzes' })).toBeVisible();
  await expect(next.getByText(name)).toHaveCount(0);
  await expect(next.getByRole('heading', { name: 'Carry on where you stopped' })).toHaveCount(0);

  // Another name with the code is refused; the student's own name with it (typed loosely) resumes.
  await next.getByText('Resume my attempt').click();
  await next.getByLabel('The name you started with').fill('Somebody Else');
  await next.getByLabel('Resume code').fill(code);
  await next.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(next.getByRole('alert')).toContainText(/no unfinished attempt has that name and resume code/i);
  await expectNoAxeViolations(next, 'resume refused');
  await next.waitForTimeout(1_100); // a wrong code makes the next try wait a second
  await next.getByLabel('The name you started with').fill(name.toLowerCase());
  await next.getByLabel('Resume code').fill(code.toLowerCase().replace('-', ' '));
  await next.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(next.getByRole('radio', { name: optionText(first, first.correct) })).toBeChecked();
  await expect(next.getByText(name, { exact: true })).toBeVisible();
  await next.context().close();
});
