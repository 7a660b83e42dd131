import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, seedBank, unlockTeacher } from './helpers.ts';
import { mkdirSync } from 'node:fs';

// The projector view of a class session: what the whole class sees on the wall. It must carry
// the join address, a code readable from the back of the room, the QR code and the joined count,
// and nothing that helps answer: no names with scores, no percentages, no questions, no evidence.

const SESSION_PORT = Number(process.env['E2E_PORT'] ?? 4317) + 20;
const SHOTS = process.env['SHOTS_DIR'] ?? 'screenshots';

type ChoiceQuestion = { id: string; prompt: string; options: { id: string; text: string }[]; correct: string };
const first = seedBank.questions[0] as unknown as ChoiceQuestion;
const wrong = first.options.find((o) => o.id !== first.correct)!;

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

test('the projector view shows the join code large, the QR code and the count, and nothing that helps answer', async ({
  page: teacher,
  browser,
}) => {
  test.setTimeout(90_000);
  await teacher.goto('/');
  await unlockTeacher(teacher);
  await teacher.getByRole('button', { name: 'Host a class session' }).click();
  await teacher.getByLabel('Network').selectOption('127.0.0.1');
  await teacher.getByLabel('Port').fill(String(SESSION_PORT));
  await teacher.getByRole('button', { name: 'Start the session' }).click();
  const joinUrl = `http://127.0.0.1:${SESSION_PORT}/`;
  await expect(teacher.getByText(joinUrl)).toBeVisible();
  const code = ((await teacher.locator('.code').textContent()) ?? '').trim();

  // Two students join and answer, one wrongly: the teacher's dashboard now has names, scores,
  // percentages and shaded evidence, none of which may reach the wall.
  const students: Page[] = [];
  for (const name of ['Ada Lovelace', 'Grace Hopper']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(joinUrl);
    await page.getByLabel('Join code').fill(code);
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByRole('heading', { name: first.prompt })).toBeVisible();
    const option = name === 'Ada Lovelace' ? first.options.find((o) => o.id === first.correct)! : wrong;
    await page.getByRole('radio', { name: option.text }).check();
    await expect(page.getByRole('status')).toHaveText('Answer saved.');
    students.push(page);
  }
  await expect(teacher.getByRole('heading', { name: 'Students: 2 joined' })).toBeVisible();
  await expect(teacher.getByRole('row').filter({ hasText: first.prompt })).toContainText('50%');

  // The teacher opens the projector view: in a browser, a window of its own.
  const [projector] = await Promise.all([
    teacher.context().waitForEvent('page'),
    teacher.getByRole('button', { name: 'Projector view' }).click(),
  ]);
  await projector.setViewportSize({ width: 1280, height: 800 });
  await expect(projector.getByText('2 students have joined')).toBeVisible();
  await expect(projector.getByText(code, { exact: true })).toBeVisible();
  await expect(projector.getByText(joinUrl, { exact: true })).toBeVisible();
  await expect(projector.getByRole('img', { name: `QR code of ${joinUrl}` })).toBeVisible();
  await expect(projector).toHaveTitle('Projector · Evident');

  // Readable from the back of the room: the code is at least 8% of the screen's height.
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
    { width: 1024, height: 768 },
    { width: 900, height: 700 },
  ]) {
    await projector.setViewportSize(viewport);
    const shown = projector.getByText(code, { exact: true });
    const box = (await shown.boundingBox())!;
    const size = `${viewport.width}x${viewport.height}`;
    expect(box.height / viewport.height, size).toBeGreaterThanOrEqual(0.08);
    // And on the screen whole: not cut off at the side, not running out of its box under the QR code.
    expect(box.x + box.width, size).toBeLessThanOrEqual(viewport.width);
    expect(await shown.evaluate((el) => el.scrollWidth - el.clientWidth), size).toBeLessThanOrEqual(0);
    const qr = (await projector.getByRole('img', { name: `QR code of ${joinUrl}` }).boundingBox())!;
    const overlaps = box.x < qr.x + qr.width && qr.x < box.x + box.width && box.y < qr.y + qr.height && qr.y < box.y + box.height;
    expect(overlaps, `${size}: the code runs under the QR code`).toBe(false);
  }
  await projector.setViewportSize({ width: 1280, height: 800 });
  await shot(projector, 'projector-1280x800');

  // Nothing that helps answer, and no student with a score: the page's whole text.
  const text = await projector.locator('body').innerText();
  expect(text).not.toMatch(/%/);
  expect(text).not.toMatch(/\b\d+\s*\/\s*\d+\b/); // "3/34", a score or a count of answers
  expect(text).not.toMatch(/score|points?|correct|answered/i);
  for (const name of ['Ada', 'Lovelace', 'Grace', 'Hopper']) expect(text).not.toContain(name);
  for (const q of seedBank.questions) expect(text).not.toContain(q.prompt);
  for (const o of first.options) expect(text).not.toContain(o.text);
  // No sentence of the article (the evidence) either: the dashboard shows the shaded passage.
  const sentences = await teacher.locator('.reading [data-sentence]').allInnerTexts();
  expect(sentences.length).toBeGreaterThan(10);
  for (const sentence of sentences) expect(text).not.toContain(sentence.trim());
  await expect(projector.locator('[data-sentence], progress, table')).toHaveCount(0);
  await expectNoAxeViolations(projector, 'projector');

  // The count follows joins within a few seconds; a removed student leaves it.
  await teacher.getByRole('button', { name: 'Remove Grace Hopper' }).click();
  await teacher.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(projector.getByText('1 student has joined')).toBeVisible({ timeout: 5_000 });

  // Joining locked: the wall says so instead of showing a code that no longer lets anybody in.
  await teacher.getByRole('button', { name: 'Lock joining' }).click();
  await expect(projector.getByText('Joining is closed')).toBeVisible({ timeout: 5_000 });
  await expect(projector.getByText(code, { exact: true })).toHaveCount(0);
  await teacher.getByRole('button', { name: 'Unlock joining' }).click();
  await expect(projector.getByText(code, { exact: true })).toBeVisible({ timeout: 5_000 });

  // In the dark theme too (the colours follow the computer's).
  await projector.emulateMedia({ colorScheme: 'dark' });
  await shot(projector, 'projector-1280x800-dark');

  // The teacher's side locks (idle time, or on request): the wall keeps its code.
  await teacher.getByRole('button', { name: 'Back to the teacher’s side' }).click();
  await teacher.getByRole('button', { name: 'Lock and go to the student screen' }).click();
  await projector.reload();
  await expect(projector.getByText(code, { exact: true })).toBeVisible();

  // Ending the session: the wall says it has ended.
  await unlockTeacher(teacher);
  await teacher.getByRole('button', { name: 'Host a class session' }).click();
  await expect(teacher.getByRole('heading', { name: 'Students: 1 joined' })).toBeVisible();
  await teacher.getByRole('button', { name: 'End the session' }).click();
  await expect(teacher.getByRole('dialog')).toBeVisible();
  await teacher.getByRole('dialog').getByRole('button', { name: 'End the session' }).click();
  await expect(projector.getByText('This class session has ended')).toBeVisible({ timeout: 5_000 });
  await expect(projector.getByText(code, { exact: true })).toHaveCount(0);
  await shot(projector, 'projector-ended');
  // The teacher's screen says how long students still see the end (and offers the review).
  await expect(teacher.getByText('until you start another session or quit Evident')).toBeVisible();
  await expect(teacher.getByRole('button', { name: 'Release the review' })).toBeVisible();
  await shot(teacher, 'host-ended');
  for (const page of students) await page.context().close();
});
