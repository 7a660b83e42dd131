import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectNoAxeViolations, seedBank, snapshot, unlockTeacher } from './helpers.ts';

type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

async function call<T>(request: APIRequestContext, channel: string, input: unknown): Promise<T> {
  const reply = await request.post(`/api/${channel}`, { data: input });
  const envelope = (await reply.json()) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value;
}

/** A student who answers the first `right` single-choice questions correctly and submits. */
async function studentSubmits(request: APIRequestContext, name: string, right: number): Promise<void> {
  const { attemptId } = await call<{ attemptId: string }>(request, 'startAttempt', { quizId: 'north-korea-un', studentName: name });
  for (const question of seedBank.questions.slice(0, 3)) {
    if (question.type !== 'single-choice') throw new Error('the seed bank opens with single-choice questions');
    const index = seedBank.questions.indexOf(question);
    const optionId = index < right ? question.correct : question.options.find((o) => o.id !== question.correct)!.id;
    await call(request, 'answer', { attemptId, questionId: question.id, response: { type: 'single-choice', optionId } });
  }
  await call(request, 'submit', { attemptId });
}

test('the teacher sees two students, per-question facility, the shaded passage, exports CSV and deletes', async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const alice = `Alice ${suffix}`;
  const bob = `=HYPERLINK("http://x","Bob ${suffix}")`;
  await studentSubmits(request, alice, 3);
  await studentSubmits(request, bob, 1);

  await page.goto('/');
  await unlockTeacher(page);
  await page.getByRole('button', { name: 'Class results' }).click();
  await expect(page.getByRole('heading', { name: 'Class results' })).toBeVisible();
  const attempts = page.getByRole('table').first();
  await expect(attempts.getByRole('row', { name: new RegExp(alice) })).toContainText('Submitted');
  await expect(attempts.getByRole('row', { name: new RegExp(alice) })).toContainText(`3/${seedBank.questions.length}`);
  // A name that looks like markup or a formula is shown as the text it is.
  await expect(attempts.getByRole('rowheader', { name: bob })).toBeVisible();

  const questionsTable = page.getByRole('table').nth(1);
  await expect(questionsTable.getByRole('row').nth(1)).toContainText(seedBank.questions[0]!.prompt);
  // The passage is shaded where missed evidence lies, and says how often in words too.
  await expect(
    page
      .getByRole('region', { name: /Article, shaded/ })
      .locator('.missed')
      .first(),
  ).toBeVisible();
  await expect(page.getByText(/evidence for \d+ missed answers?/).first()).toBeAttached();
  await expectNoAxeViolations(page, 'teacher');
  await snapshot(page, 'teacher');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export attempts (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^evident-attempts-north-korea-un-.*\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv).toContain(alice);
  expect(csv).toContain(`'=HYPERLINK(""http://x"",""Bob ${suffix}"")`);
  expect(csv).toMatch(/\r\n/);

  const [responses] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export responses (CSV)' }).click(),
  ]);
  expect(readFileSync((await responses.path())!, 'utf8')).toContain(alice);

  await attempts.getByRole('button', { name: `Delete the attempt of ${alice}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this attempt?' });
  await expect(confirm).toContainText(alice);
  await expectNoAxeViolations(page, 'delete confirmation');
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Deleted the attempt of ${alice}.` })).toBeVisible();
  await expect(attempts.getByRole('row', { name: new RegExp(alice) })).toHaveCount(0);
  await expect(attempts.getByRole('rowheader', { name: bob })).toBeVisible();
});
