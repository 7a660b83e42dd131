import { expect, test, type Locator, type Page } from '@playwright/test';
import { asTeacher, expectNoAxeViolations, unlockTeacher } from './helpers.ts';

// A teacher writes a quiz in the editor: one question of each of the nine types, three of them
// by keyboard alone, fixes what the checker reports, and the quiz it saves is one the app loads.

const SHOTS = '/tmp/shots-editor';

const PARAGRAPHS = [
  'The town council met on Monday to discuss the new library. The mayor said the building would open in May.',
  'Residents asked for longer opening hours. The council agreed to open the library on Sundays.',
  'The library will hold forty thousand books. It cost three million pounds to build.',
  'Critics said the money should have gone to schools. The mayor disagreed and called the library an investment.',
];
const S = (p: number, s: number) => PARAGRAPHS[p - 1]!.split(/(?<=\.) /)[s - 1]!;

async function createQuiz(page: Page): Promise<{ quizId: string; title: string }> {
  const title = `Library quiz ${Date.now().toString(36)}`;
  const { quizId } = await asTeacher<{ quizId: string }>(page.request, 'createQuiz', {
    article: { title, paragraphs: PARAGRAPHS, captions: [] },
  });
  return { quizId, title };
}

const form = (page: Page) => page.getByRole('form');
const sentence = (page: Page, text: string) => page.getByRole('checkbox', { name: text, exact: true });

async function startQuestion(page: Page, type: string, ...evidence: string[]) {
  await page.getByRole('button', { name: 'New question' }).click();
  for (const text of evidence) await sentence(page, text).click();
  await page.getByRole('button', { name: new RegExp(`^${type}`) }).click();
  await expect(form(page).getByRole('heading', { level: 2 })).toContainText(type);
}

async function fillCommon(page: Page, prompt: string | null, explanation: string) {
  if (prompt !== null)
    await form(page)
      .getByLabel(/^(Question|Statement|Instruction|Introduction)/)
      .first()
      .fill(prompt);
  await form(page)
    .getByLabel(/^Explanation/)
    .fill(explanation);
}

const noProblems = (page: Page) => expect(form(page).getByText('No problems.')).toBeVisible();

async function fillOptions(scope: Locator, texts: string[]) {
  for (const [i, text] of texts.entries()) await scope.getByLabel(`Option ${i + 1}`, { exact: true }).fill(text);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

// Every spec shares one server: the quiz this spec publishes must not stay on other specs'
// student screen, where a second published quiz changes what they see.
const created: string[] = [];
test.afterEach(async ({ page }) => {
  for (const quizId of created.splice(0)) await asTeacher(page.request, 'deleteQuiz', { quizId });
});

test('a teacher writes one question of each type, fixes a problem, and the saved quiz loads without problems', async ({ page }) => {
  test.setTimeout(240_000);
  const { quizId, title } = await createQuiz(page);
  created.push(quizId);
  await page.goto('/');
  await unlockTeacher(page);
  await page.getByRole('button', { name: `Write questions for ${title}` }).click();
  await expect(page.getByRole('heading', { name: `Questions: ${title}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'New question' })).toBeVisible();
  await shot(page, 'editor-new-quiz-1280');
  await expectNoAxeViolations(page, 'editor (new quiz)');

  // 1. Single choice, by mouse; a problem first (an empty option), then fixed.
  await startQuestion(page, 'Single choice', S(1, 2));
  await fillCommon(page, 'When will the library open?', 'The mayor said the building would open in May.');
  await fillOptions(form(page), ['In May', 'In June']);
  // Only the empty option is left: its message stands beside it.
  await expect(form(page).locator('.problem')).toHaveCount(1);
  await expect(
    form(page)
      .getByRole('listitem')
      .filter({ has: page.getByLabel('Option 3', { exact: true }) })
      .locator('.problem'),
  ).toHaveText(/must not be empty/);
  await shot(page, 'editor-problem-1280');
  await expectNoAxeViolations(page, 'editor (a problem)');
  await form(page).getByLabel('Option 3', { exact: true }).fill('In September');
  await noProblems(page);

  // 2. Multiple select.
  await startQuestion(page, 'Multiple select', S(3, 1), S(3, 2));
  await fillCommon(page, 'Which are true of the library?', 'It holds forty thousand books and cost three million pounds.');
  await fillOptions(form(page), ['It holds forty thousand books', 'It cost three million pounds', 'It opens at night', 'It has a cafe']);
  await form(page).getByLabel('Option 2 is correct').check();
  await noProblems(page);

  // 3. True / false / not given.
  await startQuestion(page, 'True / false / not given', S(2, 2));
  await fillCommon(page, 'The library will open on Sundays.', 'The council agreed to open it on Sundays.');
  await form(page).getByLabel('True', { exact: true }).check();
  await noProblems(page);

  // 4. Short answer: the model answer picked in the evidence's words.
  await startQuestion(page, 'Short answer', S(1, 2));
  await fillCommon(page, 'In which month will the library open?', 'The mayor said May.');
  await form(page).getByRole('button', { name: 'May', exact: true }).click();
  await form(page)
    .getByRole('button', { name: /^Use as the model answer/ })
    .click();
  await noProblems(page);

  // 5. Cloze: a gap made from a picked word.
  await startQuestion(page, 'Fill in the gaps', S(3, 2));
  await fillCommon(page, 'Fill in the gap.', 'It cost three million pounds.');
  await form(page).getByRole('button', { name: 'three', exact: true }).click();
  await form(page).getByRole('button', { name: 'million', exact: true }).click();
  await form(page)
    .getByRole('button', { name: /^Make a gap/ })
    .click();
  await noProblems(page);
  await shot(page, 'editor-cloze-1280');

  // 6. Evidence selection: the answer picked in the article.
  await startQuestion(page, 'Find the evidence', S(4, 1));
  await fillCommon(page, 'Which sentence gives the critics’ view?', 'The critics said the money should have gone to schools.');
  await form(page).getByRole('button', { name: 'Same as the evidence' }).click();
  await noProblems(page);

  // 7–9 by keyboard alone: ordering, matching, two-part.
  await keyboardOrdering(page);
  await keyboardMatching(page);
  await keyboardTwoPart(page);
  await shot(page, 'editor-two-part-1280');

  // The list holds nine questions, none with a problem; everything is saved.
  const list = page.getByRole('navigation', { name: 'Questions' });
  await expect(list.getByRole('listitem')).toHaveCount(9);
  await expect(list.getByText('ready')).toHaveCount(9);
  await expect(page.getByText('All changes saved')).toBeVisible();
  await expectNoAxeViolations(page, 'editor (nine questions)');

  // Preview as a student: the single-choice question answered right.
  await list.getByRole('button', { name: /When will the library open/ }).click();
  await page.getByRole('button', { name: 'Preview as a student' }).click();
  await page.getByRole('radio', { name: /In May/ }).check();
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.getByText('The mayor said the building would open in May.').first()).toBeVisible();
  await shot(page, 'editor-preview-1280');
  await expectNoAxeViolations(page, 'editor (preview)');
  await page.getByRole('button', { name: 'Back to editing' }).click();

  // At 900×700 and in dark.
  await page.setViewportSize({ width: 900, height: 700 });
  await shot(page, 'editor-900');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'editor-900-dark');
  await expectNoAxeViolations(page, 'editor (900, dark)');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'editor-1280-dark');

  // Publish from the editor: the quiz is offered to students, and one takes it to full marks.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Students are offered this quiz.')).toBeVisible();
  await shot(page, 'editor-published-1280');

  const source = await asTeacher<{ bank: { questions: BankQuestion[] }; problems: unknown[] }>(page.request, 'getQuizSource', {
    quizId,
  });
  expect(source.problems).toEqual([]);
  await studentTakesToFullMarks(page, quizId, source.bank.questions);
  expect(source.bank.questions.map((q) => q.type).sort()).toEqual(
    [
      'cloze',
      'evidence-selection',
      'matching',
      'multiple-select',
      'ordering',
      'short-answer',
      'single-choice',
      'true-false-not-given',
      'two-part',
    ].sort(),
  );
});

type BankQuestion = Record<string, unknown> & { id: string; type: string };
type Envelope<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

/** A student (over the same HTTP API the student's page uses) answers every question with its key and submits. */
async function studentTakesToFullMarks(page: Page, quizId: string, questions: BankQuestion[]) {
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const reply = (await (await page.request.post(`/api/${channel}`, { data: input })).json()) as Envelope<T>;
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
    return reply.value;
  };
  const offered = await call<{ id: string }[]>('listQuizzes', {});
  expect(offered.map((q) => q.id)).toContain(quizId);
  const view = await call<{ attemptId: string; article: { paragraphs: { sentences: { id: string; text: string }[] }[] } }>('startAttempt', {
    quizId,
    studentName: 'Full Marks',
  });
  const idOf = (quote: string) => view.article.paragraphs.flatMap((p) => p.sentences).find((s) => s.text === quote)!.id;
  for (const q of questions) {
    const key: Record<string, unknown> = q;
    const response = {
      'single-choice': () => ({ optionId: key['correct'] }),
      'multiple-select': () => ({ optionIds: key['correct'] }),
      'true-false-not-given': () => ({ value: key['answer'] }),
      'short-answer': () => ({ text: (key['accepted'] as string[])[0] }),
      cloze: () => ({ gaps: Object.fromEntries((key['gaps'] as { id: string; accepted: string[] }[]).map((g) => [g.id, g.accepted[0]])) }),
      'evidence-selection': () => ({ sentenceIds: (key['answer'] as string[]).map(idOf) }),
      ordering: () => ({ order: key['order'] }),
      matching: () => ({ pairs: Object.fromEntries((key['pairs'] as { left: string; right: string }[]).map((p) => [p.left, p.right])) }),
      'two-part': () => ({
        partA: (key['partA'] as { correct: string }).correct,
        partB: (key['partB'] as { correct: string[] }).correct,
      }),
    }[q.type]!();
    await call('answer', { attemptId: view.attemptId, questionId: q.id, response: { type: q.type, ...response } });
  }
  const review = await call<{ points: number; maxPoints: number }>('submit', { attemptId: view.attemptId });
  expect(review.maxPoints).toBe(questions.length);
  expect(review.points).toBe(review.maxPoints);
}

/** Tab to the element matching `target`, as a keyboard user does (at most `limit` presses). */
async function tabTo(page: Page, target: Locator, limit = 250) {
  const handle = await target.elementHandle();
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((el) => document.activeElement === el, handle)) return;
  }
  throw new Error(`could not Tab to ${String(target)}`);
}

/** Starts a question by keyboard: New question, the evidence by arrows and Space, then the type. */
async function keyboardStart(page: Page, type: string, evidence: string) {
  await tabTo(page, page.getByRole('button', { name: 'New question' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.locator('.picker [role="checkbox"][tabindex="0"]'));
  const sentences = await page.locator('.picker [role="checkbox"]').allTextContents();
  const index = sentences.findIndex((t) => t.trim() === evidence);
  await page.keyboard.press('Home');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(sentence(page, evidence)).toHaveAttribute('aria-checked', 'true');
  await tabTo(page, page.getByRole('button', { name: new RegExp(`^${type}`) }));
  await page.keyboard.press('Enter');
  await expect(form(page).getByRole('heading', { level: 2 })).toContainText(type);
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

async function keyboardOrdering(page: Page) {
  await keyboardStart(page, 'Ordering', S(1, 1));
  await typeInto(page, form(page).getByLabel(/^Question/), 'Put the events in order.');
  await typeInto(page, form(page).getByLabel('Item 1', { exact: true }), 'The library opens');
  await typeInto(page, form(page).getByLabel('Item 2', { exact: true }), 'The council meets');
  await typeInto(page, form(page).getByLabel('Item 3', { exact: true }), 'Residents ask for Sundays');
  // The first item belongs last: moved down twice with the keyboard.
  await tabTo(page, form(page).getByRole('button', { name: 'Move item 1 down' }));
  await page.keyboard.press('Enter');
  await tabTo(page, form(page).getByRole('button', { name: 'Move item 2 down' }));
  await page.keyboard.press('Enter');
  await typeInto(page, form(page).getByLabel(/^Explanation/), 'The council met first; the library opens in May.');
  await noProblems(page);
  await expect(form(page).getByLabel('Item 3', { exact: true })).toHaveValue('The library opens');
}

async function keyboardMatching(page: Page) {
  await keyboardStart(page, 'Matching', S(4, 2));
  await typeInto(page, form(page).getByLabel(/^Question/), 'Who said what?');
  await typeInto(page, form(page).getByLabel('Left item 1', { exact: true }), 'The library is an investment');
  await typeInto(page, form(page).getByLabel('Left item 2', { exact: true }), 'The money should go to schools');
  await typeInto(page, form(page).getByLabel('Right item 1', { exact: true }), 'The mayor');
  await typeInto(page, form(page).getByLabel('Right item 2', { exact: true }), 'Critics');
  await tabTo(page, form(page).getByRole('button', { name: 'Add a distractor' }));
  await page.keyboard.press('Enter');
  await typeInto(page, form(page).getByLabel('Right item 3', { exact: true }), 'Residents');
  await typeInto(page, form(page).getByLabel(/^Explanation/), 'The mayor called it an investment; critics wanted schools.');
  await noProblems(page);
}

async function keyboardTwoPart(page: Page) {
  await keyboardStart(page, 'Two-part', S(2, 1));
  await typeInto(page, form(page).getByLabel(/^Introduction/), 'Answer both parts.');
  await typeInto(page, form(page).getByLabel('Part A question'), 'What did residents want?');
  await typeInto(page, form(page).getByLabel('Option 1', { exact: true }), 'Longer opening hours');
  await typeInto(page, form(page).getByLabel('Option 2', { exact: true }), 'A cafe');
  await typeInto(page, form(page).getByLabel('Option 3', { exact: true }), 'More parking');
  // Part B's options are sentences picked in the article by keyboard.
  await tabTo(page, form(page).getByRole('button', { name: 'Pick Part B’s options in the article' }));
  await page.keyboard.press('Enter');
  for (const text of [S(2, 1), S(1, 1)]) {
    await tabTo(page, page.locator('.picker [role="checkbox"][tabindex="0"]'));
    const sentences = await page.locator('.picker [role="checkbox"]').allTextContents();
    await page.keyboard.press('Home');
    for (let i = 0; i < sentences.findIndex((t) => t.trim() === text); i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
  }
  await tabTo(page, form(page).getByLabel('Part B option 1 is correct'));
  await page.keyboard.press('Space');
  await typeInto(page, form(page).getByLabel(/^Explanation/), 'Residents asked for longer opening hours.');
  await noProblems(page);
}
