import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { answerCorrectly, goToQuestion, type Question } from './answering.ts';
import { asTeacher, expectNoAxeViolations, screenshotsAtTwoSizes, unlockTeacher } from './helpers.ts';

// The whole road from a teacher's pasted page to a student's score, through the screens only:
// a real news page (not the seed) pasted into the import screen, one removed line kept, the
// headline fixed, saved; "Edit questions" in the library; the drafts kept but one, which is
// rejected, and one kept draft edited a little; two questions written by hand citing the
// picture's caption (a choice with a problem the checker shows, fixed; a short answer picked from
// the caption's words): at least ten questions over at least four types; published; then
// a student in a fresh page answers by clicking, submits, and sees the score the key gives and
// the evidence in the article. The saved bank passes `npm run check-questions` in the data folder.
// Screenshots of each step, 1280×800 and 900×700, light and dark, go to /tmp/shots-authoring/.

const PAGE = readFileSync(new URL('../fixtures/pages/t24-liverpoolecho-blake-brown.txt', import.meta.url), 'utf8');
/** A title no other spec uses: every spec shares one server and one data folder. */
const TITLE = 'Detectives appeal over car seen before Blake Brown shooting';
const CAPTION = 'Floral tributes have been laid to Blake Brown, who was found murdered in Aigburth';
const KEPT_LINE = 'Officers also keen for information about people seen with torches in Priory Woods';
const HAND_WRITTEN = {
  prompt: 'Where was Blake Brown found murdered?',
  options: ['In Aigburth', 'In Priory Woods', 'On Moel Famau View'],
  explanation: 'The caption under the picture says he was found murdered in Aigburth.',
};
/** The second question by hand: a short answer whose model answer is picked in the caption's words. */
const SHORT_ANSWER = {
  prompt: 'In which part of Liverpool was Blake Brown found? Use one word from the article.',
  explanation: 'The caption says he was found murdered in Aigburth.',
  answer: 'Aigburth',
};
const SHOTS = process.env['SHOTS_DIR'] ?? '/tmp/shots-authoring';

const shoot = (page: Page, name: string, show?: Locator) => screenshotsAtTwoSizes(page, SHOTS, name, show);

const created = new Set<string>();
test.afterAll(async ({ request }) => {
  for (const quizId of created) await asTeacher(request, 'deleteQuiz', { quizId });
  // A quiz saved by the screen before its id was known (a failure between Save and the lookup).
  const left = await asTeacher<{ quizId: string; title: string }[]>(request, 'libraryList', {});
  for (const entry of left.filter((e) => e.title === TITLE)) await asTeacher(request, 'deleteQuiz', { quizId: entry.quizId });
});

test('a pasted page becomes a published quiz through the screens, and a student who clicks gets the score the key gives', async ({
  page,
  browser,
}) => {
  // Many screens, axe, drafting and 4 screenshots a step on a shared two-core machine: a behaviour test, not a timed one.
  test.setTimeout(420_000);

  // 1. Import: paste the page, keep one removed line, fix the headline, save.
  await page.goto('/');
  await unlockTeacher(page);
  await page.getByRole('button', { name: 'New quiz from an article' }).click();
  await page.getByLabel('Article text').fill(PAGE);
  await page.getByRole('button', { name: 'Clean up the pasted text' }).click();
  await expect(page.getByRole('heading', { name: 'Check the clean-up' })).toBeFocused();
  const lines = page.locator('ol.lines > li');
  // The picture's caption is shown as a caption, not as a paragraph.
  await expect(lines.filter({ hasText: CAPTION })).toContainText(/caption/i);
  const kept = lines.filter({ hasText: KEPT_LINE });
  await kept.getByRole('button', { name: /^Keep/ }).click();
  await expect(kept).toContainText(/Paragraph \d+/);
  await page.getByLabel('Headline').fill(TITLE);
  await shoot(page, '01-import-checked');
  await page.getByRole('button', { name: 'Save as a new quiz' }).click();

  // 2. The library: the new draft, and its "Edit questions".
  await expect(page.getByRole('heading', { name: 'Quiz library', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Saved “${TITLE}” as a draft quiz.` })).toBeVisible();
  const library = await asTeacher<{ quizId: string; title: string; status: string }[]>(page.request, 'libraryList', {});
  const quizId = library.find((entry) => entry.title === TITLE)?.quizId;
  expect(quizId, 'the saved quiz is in the library').toBeDefined();
  created.add(quizId!);
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: TITLE }) });
  await expect(card).toContainText('Draft');
  await shoot(page, '02-library-draft');
  await card.getByRole('button', { name: `Edit questions of ${TITLE}` }).click();
  await expect(page.getByRole('heading', { name: `Questions: ${TITLE}` })).toBeVisible();
  // The article as checked: the kept line is a paragraph; the caption is listed after the body.
  const picker = page.getByRole('region', { name: 'Article' });
  await expect(picker.getByRole('checkbox', { name: KEPT_LINE, exact: true })).toBeVisible();
  const caption = picker.getByRole('region', { name: 'Picture caption' }).getByRole('checkbox', { name: CAPTION, exact: true });
  await expect(caption).toHaveAttribute('data-sentence', 'c1.s1');
  await expect(picker.getByRole('checkbox').last()).toHaveAttribute('data-sentence', 'c1.s1');
  await shoot(page, '03-editor-empty', caption);

  // 3. Drafts: the teacher keeps all but one, which they reject.
  await page.getByRole('button', { name: 'Drafted questions' }).click();
  const panel = page.getByRole('region', { name: 'Drafted questions' });
  await expect(panel.getByText(/\d+ drafts from the article/u)).toBeVisible({ timeout: 90_000 });
  const undecided = panel.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Accept' }) });
  const offered = await undecided.count();
  // Eight drafts kept and two written by hand make the ten questions a teacher's quiz needs.
  expect(offered, 'drafts offered for this 250-word page').toBeGreaterThanOrEqual(9);
  await undecided.first().getByRole('button', { name: 'Reject' }).click();
  await expect(panel.getByText(/0 accepted,\s+1\s+rejected/u)).toBeVisible();
  const accepted = offered - 1;
  for (let i = 0; i < accepted; i++) {
    await undecided.first().getByRole('button', { name: 'Accept' }).click();
    await expect(panel.getByText(new RegExp(`${i + 1} accepted,`, 'u'))).toBeVisible();
  }
  await shoot(page, '04-drafts-accepted');
  const list = page.getByRole('navigation', { name: 'Questions' });
  await expect(list.getByRole('listitem')).toHaveCount(accepted);
  await expect(list.getByText('drafted')).toHaveCount(accepted);

  // A small edit to one kept draft: a sentence added to its explanation. It is no longer labelled as drafted.
  await list.getByRole('listitem').first().locator('button').first().click();
  const explanation = page.getByRole('form').getByLabel(/^Explanation/);
  await explanation.fill(`${await explanation.inputValue()} Read the sentence again before you answer.`);
  await expect(list.getByText('drafted')).toHaveCount(accepted - 1);

  // 4. One question by hand whose evidence is the caption's sentence.
  await list.getByRole('button', { name: 'New question' }).click();
  await caption.click();
  await expect(caption).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('button', { name: /^Single choice/ }).click();
  const form = page.getByRole('form');
  await expect(form.getByRole('heading', { level: 2 })).toContainText('Single choice');
  await expect(form.getByText(/^“Floral tributes have been laid/u)).toBeVisible();
  await form.getByLabel(/^Question/).fill(HAND_WRITTEN.prompt);
  await form.getByLabel(/^Explanation/).fill(HAND_WRITTEN.explanation);
  await form.getByLabel('Option 1', { exact: true }).fill(HAND_WRITTEN.options[0]!);
  await form.getByLabel('Option 2', { exact: true }).fill(HAND_WRITTEN.options[1]!);
  // Option 3 left empty: the checker says so beside it, and the quiz cannot be offered yet.
  const third = form.getByRole('listitem').filter({ has: page.getByLabel('Option 3', { exact: true }) });
  await expect(third.locator('.problem')).toHaveText(/must not be empty/);
  await expect(page.getByText(/1 problem: saved as a draft, not offered to students/u)).toBeVisible();
  await shoot(page, '05-editor-caption-problem', caption);
  await expectNoAxeViolations(page, 'editor (caption question with a problem)');
  await form.getByLabel('Option 3', { exact: true }).fill(HAND_WRITTEN.options[2]!);
  await expect(form.getByText('No problems.')).toBeVisible();
  // The coverage strip counts the caption as cited.
  await expect(picker.locator('[data-caption="c1"] .strip')).toContainText('1 question cites this caption');
  await expect(page.getByText('All changes saved')).toBeVisible();
  await shoot(page, '06-editor-caption-fixed', caption);

  // A short answer on the same caption, its model answer picked among the caption's words.
  await list.getByRole('button', { name: 'New question' }).click();
  await caption.click();
  await page.getByRole('button', { name: /^Short answer/ }).click();
  await expect(form.getByRole('heading', { level: 2 })).toContainText('Short answer');
  await form.getByLabel(/^Question/).fill(SHORT_ANSWER.prompt);
  await form.getByLabel(/^Explanation/).fill(SHORT_ANSWER.explanation);
  await form.getByRole('button', { name: SHORT_ANSWER.answer, exact: true }).click();
  await form.getByRole('button', { name: /^Use as the model answer/ }).click();
  await expect(form.getByText('No problems.')).toBeVisible();
  await expect(picker.locator('[data-caption="c1"] .strip')).toContainText('2 questions cite this caption');
  await expect(page.getByText('All changes saved')).toBeVisible();

  // 5. Publish.
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Students are offered this quiz.')).toBeVisible();
  await shoot(page, '07-editor-published');

  const source = await asTeacher<{ bank: { questions: Question[] }; problems: unknown[] }>(page.request, 'getQuizSource', { quizId });
  expect(source.problems).toEqual([]);
  const questions = source.bank.questions;
  // A quiz a class can take: ten questions or more, over four types or more.
  expect(questions).toHaveLength(accepted + 2);
  expect(questions.length).toBeGreaterThanOrEqual(10);
  expect(new Set(questions.map((q) => q.type)).size, JSON.stringify(questions.map((q) => q.type))).toBeGreaterThanOrEqual(4);
  expect(questions.filter((q) => (q as { drafted?: boolean }).drafted === true)).toHaveLength(accepted - 1);
  const handWritten = questions.find((q) => q.prompt === HAND_WRITTEN.prompt);
  expect(handWritten).toMatchObject({ type: 'single-choice', evidence: [CAPTION], correct: 'a' });
  expect(questions.find((q) => q.prompt === SHORT_ANSWER.prompt)).toMatchObject({
    type: 'short-answer',
    evidence: [CAPTION],
    accepted: [SHORT_ANSWER.answer],
  });

  // 6. The bank as saved in the data folder passes the command teachers run.
  const folder = join(process.env['E2E_DATA_DIR']!, 'quizzes', quizId!);
  const report = JSON.parse(
    execFileSync(process.execPath, ['scripts/node24.mjs', 'scripts/check-questions.ts', '--json', folder], { encoding: 'utf8' }),
  ) as unknown;
  expect(JSON.stringify(report)).toContain(quizId!);

  // 7. A student, in a fresh page, opens the quiz from the student screen and answers by clicking:
  // every question right except the hand-written one, answered wrong on purpose.
  const student = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await student.goto('/');
  await expect(student.getByRole('heading', { name: TITLE })).toBeVisible();
  await student.getByLabel('Your name').fill('Clicking Student');
  await student.getByRole('button', { name: `Start “${TITLE}”` }).click();
  await expect(student.getByRole('article').getByRole('heading', { name: TITLE })).toBeVisible();
  await shoot(student, '08-student-quiz');
  for (const [i, question] of questions.entries()) {
    await goToQuestion(student, i + 1, question.prompt);
    if (question === handWritten) await student.getByRole('main').getByRole('radio', { name: HAND_WRITTEN.options[1] }).check();
    else await answerCorrectly(student, question, 'mouse');
    await expect(student.getByRole('status').filter({ hasText: 'Answer saved.' })).toBeVisible();
  }
  await shoot(student, '09-student-answered');
  await student.getByRole('button', { name: 'Submit answers' }).click();

  const total = questions.reduce((n, q) => n + (q.points ?? 1), 0);
  const earned = total - (handWritten!.points ?? 1);
  await expect(student.getByRole('heading', { name: 'Your result' })).toBeVisible();
  await expect(student.getByText(`${earned} of ${total} points`)).toBeVisible();

  // The hand-written question is marked wrong, and its evidence, the caption, is highlighted.
  const number = questions.indexOf(handWritten!) + 1;
  await student.getByRole('button', { name: new RegExp(`^${number}\\. `) }).click();
  await expect(
    student.getByRole('group', { name: new RegExp(`^Question ${number} of`) }).getByText('Not correct · 0 of 1 point'),
  ).toBeVisible();
  await expect(student.getByRole('article').locator('mark').first()).toContainText(CAPTION.slice(0, 40));
  await shoot(student, '10-student-review-caption');
  // A drafted question answered right: its own evidence is highlighted.
  const draftedIndex = questions.findIndex((q) => q !== handWritten && q.type !== 'short-answer');
  await student.getByRole('button', { name: new RegExp(`^${draftedIndex + 1}\\. `) }).click();
  await expect(
    student.getByRole('group', { name: new RegExp(`^Question ${draftedIndex + 1} of`) }).getByText(/Correct · (\d+) of \1 points?/u),
  ).toBeVisible();
  await expect(student.getByRole('article').locator('mark').first()).toContainText(questions[draftedIndex]!.evidence[0]!.slice(0, 40));
  await expectNoAxeViolations(student, 'result after a quiz made in the app');
  await shoot(student, '11-student-review-drafted');
  await student.context().close();
});
