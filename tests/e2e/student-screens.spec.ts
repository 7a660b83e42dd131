import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { asTeacher, seedBank } from './helpers.ts';

// Every screen a student meets, at a laptop's 1280×800 and a phone's 390×844, in light and dark,
// saved as screenshots for people to LOOK at (SHOTS_DIR, else screenshots/student-screens): the
// library, the quiz and each question type, the article on a phone, feedback after a question,
// the submit dialog, the result, the review, the printout's pages (as images), and in a class
// session the join screen, the seat, the wait for the review, the removed and the end screens.
// Each screen is reached the way a student reaches it, and none may scroll sideways.

const SESSION_PORT = Number(process.env['E2E_PORT'] ?? 4317) + 30;
const shotsDir = `${process.env['SHOTS_DIR'] ?? 'screenshots'}/student-screens`;
const questions = seedBank.questions;

const variants = [
  { name: 'laptop-light', viewport: { width: 1280, height: 800 }, theme: 'light', phone: false },
  { name: 'laptop-dark', viewport: { width: 1280, height: 800 }, theme: 'dark', phone: false },
  { name: 'phone-light', viewport: { width: 390, height: 844 }, theme: 'light', phone: true },
  { name: 'phone-dark', viewport: { width: 390, height: 844 }, theme: 'dark', phone: true },
] as const;
type Variant = (typeof variants)[number];

async function shot(page: Page, variant: Variant, screen: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  expect(overflow, `${screen} (${variant.name}) scrolls sideways`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${shotsDir}/${variant.name}-${screen}.png` });
}

/** As a student goes to a question: on a phone the question map is folded behind "Question n of m" first. */
async function goTo(page: Page, variant: Variant, index: number): Promise<void> {
  const number = page.getByRole('button', { name: new RegExp(`^Question ${index + 1},`) });
  if (variant.phone && !(await number.isVisible())) await page.getByRole('button', { name: /^Question \d+ of \d+/ }).click();
  await number.click();
  await expect(page.getByRole('heading', { level: 2, name: questions[index]!.prompt })).toBeVisible();
}

async function newStudentPage(browser: Browser, variant: Variant): Promise<Page> {
  const context = await browser.newContext({ viewport: variant.viewport, colorScheme: variant.theme });
  const page = await context.newPage();
  await page.addInitScript((theme) => localStorage.setItem('evident.preferences', JSON.stringify({ theme })), variant.theme);
  return page;
}

for (const variant of variants) {
  test(`every student screen, ${variant.name}`, async ({ browser, request }) => {
    test.setTimeout(300_000); // some forty screens on a shared machine: slow, not timed
    const page = await newStudentPage(browser, variant);
    let sessionId: string | undefined;
    try {
      // ── The library and the quiz, each question type once.
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Evident', level: 1 })).toBeVisible();
      await shot(page, variant, 'library');
      await page.getByRole('button', { name: 'Join a class session' }).click();
      await expect(page.getByRole('heading', { name: 'Class session', level: 1 })).toBeVisible();
      await shot(page, variant, 'join-from-library');
      await page.getByRole('button', { name: 'Back to quizzes' }).click();

      await page.getByLabel('Your name').fill(`Screens ${variant.name}`);
      await page.getByRole('button', { name: /^Start/ }).click();
      await expect(page.getByRole('heading', { level: 2, name: questions[0]!.prompt })).toBeVisible();
      await shot(page, variant, 'quiz');
      if (variant.phone) {
        await page.getByRole('button', { name: 'Article', exact: true }).click();
        await expect(page.getByRole('article')).toBeVisible();
        await shot(page, variant, 'quiz-article');
        await page.getByRole('button', { name: 'Question 1', exact: true }).click();
        await page.getByRole('button', { name: /^Question 1 of \d+/ }).click();
        await shot(page, variant, 'quiz-map');
        await page.getByRole('button', { name: /^Question 1 of \d+/ }).click();
      }
      const types = [...new Set(questions.map((q) => q.type))];
      expect(types).toHaveLength(9);
      for (const type of types) {
        await goTo(
          page,
          variant,
          questions.findIndex((q) => q.type === type),
        );
        await shot(page, variant, `type-${type}`);
      }

      // ── Handing in: the dialog, the result, the review, the printout.
      await goTo(page, variant, questions.length - 1);
      await page.getByRole('button', { name: 'Submit answers' }).click();
      const dialog = page.getByRole('dialog', { name: 'Submit your answers?' });
      await expect(dialog).toBeVisible();
      await shot(page, variant, 'submit-dialog');
      await dialog.getByRole('button', { name: 'Submit anyway' }).click();
      await expect(page.getByRole('heading', { name: 'Your result' })).toBeVisible();
      await shot(page, variant, 'result');
      await page.getByRole('button', { name: /^2\. / }).click();
      await expect(page.getByRole('heading', { level: 2, name: questions[1]!.prompt })).toBeVisible();
      await shot(page, variant, 'review');
      if (!variant.phone && variant.theme === 'light') {
        // The printout as paper: Chromium's PDF, its first pages as images.
        const pdf = `${shotsDir}/printout.pdf`;
        await page.emulateMedia({ media: 'print' });
        await page.pdf({ path: pdf, format: 'A4', printBackground: true });
        await page.emulateMedia({ media: 'screen' });
        execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, `${shotsDir}/printout-page`]);
      }
      await page.getByRole('button', { name: 'Back to quizzes' }).click();

      // ── Feedback after each question (the teacher's setting for new attempts).
      await asTeacher(request, 'setAttemptSettings', { feedback: 'immediate', shuffle: false });
      await page.getByLabel('Your name').fill(`Feedback ${variant.name}`);
      await page.getByRole('button', { name: /^Start/ }).click();
      const first = questions[0]!;
      if (first.type !== 'single-choice') throw new Error('the seed bank opens with a single-choice question');
      await page.getByRole('radio', { name: first.options.find((o) => o.id !== first.correct)!.text }).check();
      await page.getByRole('button', { name: 'Check answer' }).click();
      await expect(page.getByText(/Not correct|Incorrect/i).first()).toBeVisible();
      await shot(page, variant, 'feedback');
      await asTeacher(request, 'setAttemptSettings', { feedback: 'deferred', shuffle: false });

      // ── A class session: join, the seat, waiting for the review, removed, ended.
      const session = await asTeacher<{ sessionId: string; joinCode: string; joinUrl: string }>(request, 'startSession', {
        quizId: 'north-korea-un',
        host: '127.0.0.1',
        port: SESSION_PORT,
        settings: { shuffle: false },
      });
      sessionId = session.sessionId;
      await page.goto(session.joinUrl);
      await expect(page.getByLabel('Join code')).toBeVisible();
      await shot(page, variant, 'session-join');
      await page.getByLabel('Join code').fill(session.joinCode);
      await page.getByLabel('Your name').fill('Ada');
      await page.getByRole('button', { name: 'Join' }).click();
      await expect(page.getByRole('heading', { level: 2, name: first.prompt })).toBeVisible();
      await shot(page, variant, 'session-seat');

      // Two students named Ada: the second is told to add an initial.
      const other = await newStudentPage(browser, variant);
      await other.goto(session.joinUrl);
      await other.getByLabel('Join code').fill(session.joinCode);
      await other.getByLabel('Your name').fill('Ada');
      await other.getByRole('button', { name: 'Join' }).click();
      await expect(other.getByRole('alert')).toContainText('already called “Ada”');
      await shot(other, variant, 'session-same-name');
      await other.getByLabel('Your name').fill('Ada B.');
      await other.getByRole('button', { name: 'Join' }).click();
      await expect(other.getByRole('heading', { level: 2, name: first.prompt })).toBeVisible();
      const status = await asTeacher<{ students: { name: string; attemptId: string }[] }>(request, 'sessionStatus', { sessionId });
      const removed = status.students.find((s) => s.name === 'Ada B.')!;
      await asTeacher(request, 'removeStudent', { sessionId, attemptId: removed.attemptId });
      await expect(other.getByRole('heading', { name: 'Your teacher has removed you from this session' })).toBeVisible({
        timeout: 12_000,
      });
      await shot(other, variant, 'session-removed');
      await other.context().close();

      await goTo(page, variant, questions.length - 1);
      await page.getByRole('button', { name: 'Submit answers' }).click();
      await page.getByRole('dialog', { name: 'Submit your answers?' }).getByRole('button', { name: 'Submit anyway' }).click();
      await expect(page.getByRole('heading', { name: 'Your answers are handed in' })).toBeVisible();
      await shot(page, variant, 'session-waiting');

      await asTeacher(request, 'endSession', { sessionId });
      sessionId = undefined;
      await expect(page.getByRole('heading', { name: 'This class session has ended' })).toBeVisible({ timeout: 12_000 });
      await shot(page, variant, 'session-ended');
      await page.reload();
      await expect(page.getByRole('heading', { name: 'This class session has ended' })).toBeVisible();
    } finally {
      await asTeacher(request, 'setAttemptSettings', { feedback: 'deferred', shuffle: false });
      if (sessionId) await asTeacher(request, 'endSession', { sessionId });
      await page.context().close();
    }
  });
}
