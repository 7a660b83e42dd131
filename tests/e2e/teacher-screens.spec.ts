import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { asTeacher, seedBank, unlockTeacher } from './helpers.ts';

// Every screen of the teacher's side, at a laptop's 1280×800 in light and dark and at a small
// window's 900×700, saved as screenshots for people to LOOK at (SHOTS_DIR, else
// screenshots/teacher-screens): the unlock screen, the teacher's home with its settings, the
// library, a new quiz from an article (pasted, then checked), the question editor with a form
// open and the drafted questions, class results, hosting a session (setup, dashboard with a
// student, the projector view, ended). Each is reached the way a teacher reaches it, and none
// may scroll sideways. The quiz and session made here are deleted and ended at the end: every
// spec shares one server.

const shotsDir = `${process.env['SHOTS_DIR'] ?? 'screenshots'}/teacher-screens`;

const variants = [
  { name: 'laptop-light', viewport: { width: 1280, height: 800 }, theme: 'light', port: 40 },
  { name: 'laptop-dark', viewport: { width: 1280, height: 800 }, theme: 'dark', port: 41 },
  { name: 'small-light', viewport: { width: 900, height: 700 }, theme: 'light', port: 42 },
] as const;
type Variant = (typeof variants)[number];

const PAGE = (title: string) =>
  [
    'Menu',
    'News',
    'Weather',
    title,
    'By Sam Reed, Environment Reporter',
    '27 November 2026',
    'The town will plant 4,000 trees along its rivers over the next three years, the council said on Monday. The first 500 go in this winter.',
    'Advertisement',
    'Volunteers from twelve schools will help with the planting, according to the council’s parks officer, Mira Osei.',
    'The trees are meant to shade the water and cool it in summer, when fish struggle, a report to the council said.',
    'Photo: A volunteer plants a willow on the riverbank. (Photo: Sam Reed/The Courier)',
    'Share this article',
    '© 2026 The Courier. All rights reserved.',
  ].join('\n');

async function shot(page: Page, variant: Variant, screen: string, fullPage = false): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  expect(overflow, `${screen} (${variant.name}) scrolls sideways`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${shotsDir}/${variant.name}-${screen}.png`, fullPage });
}

async function newPage(browser: Browser, variant: Variant): Promise<Page> {
  const context = await browser.newContext({ viewport: variant.viewport, colorScheme: variant.theme });
  const page = await context.newPage();
  await page.addInitScript((theme) => localStorage.setItem('evident.preferences', JSON.stringify({ theme })), variant.theme);
  return page;
}

for (const variant of variants) {
  test(`every teacher screen, ${variant.name}`, async ({ browser }) => {
    test.setTimeout(300_000); // some twenty screens and a session on a shared machine: slow, not timed
    const sessionPort = Number(process.env['E2E_PORT'] ?? 4317) + variant.port;
    const title = `Trees along the river (${variant.name} screens)`;
    const page = await newPage(browser, variant);
    let quizId: string | undefined;
    let sessionId: string | undefined;
    try {
      // ── Unlocking, and the teacher's home with the settings for new attempts.
      await page.goto('/');
      await asTeacher(page.request, 'libraryList', {}); // the passphrase exists before the screen asks for it
      await page.getByRole('button', { name: 'Teacher', exact: true }).click();
      await expect(page.getByLabel('Passphrase', { exact: true })).toBeVisible();
      await shot(page, variant, 'unlock');
      await page.goto('/');
      await unlockTeacher(page);
      await shot(page, variant, 'home', true);

      // ── The library.
      await page.getByRole('button', { name: 'Quiz library' }).click();
      await expect(page.getByRole('heading', { name: 'Quiz library', level: 1 })).toBeVisible();
      await expect(page.getByRole('listitem').first()).toBeVisible();
      await shot(page, variant, 'library');
      await shot(page, variant, 'library-full', true);

      // ── A new quiz from a pasted page: the paste, then the check of the clean-up, then saved.
      await page.goto('/');
      await unlockTeacher(page);
      await page.getByRole('button', { name: 'New quiz from an article' }).click();
      await expect(page.getByRole('heading', { name: 'New quiz from an article', level: 1 })).toBeVisible();
      await page.getByLabel('Article text').fill(PAGE(title));
      await shot(page, variant, 'import-pasted');
      await page.getByRole('button', { name: 'Clean up the pasted text' }).click();
      await expect(page.getByRole('heading', { name: 'Check the clean-up' })).toBeFocused();
      await expect(page.getByLabel('Headline')).toHaveValue(title);
      await expect(page.locator('.counts')).toContainText('1 caption kept'); // not "1 captions"
      await shot(page, variant, 'import-check');
      await shot(page, variant, 'import-check-full', true);
      await page.getByRole('button', { name: 'Save as a new quiz' }).click();
      await expect(page.getByRole('status').filter({ hasText: `Saved “${title}” as a draft quiz.` })).toBeVisible();
      const entry = (await asTeacher<{ quizId: string; title: string }[]>(page.request, 'libraryList', {})).find((q) => q.title === title);
      quizId = entry?.quizId;
      expect(quizId, 'the saved quiz is in the library').toBeDefined();
      await shot(page, variant, 'import-saved');

      // ── The question editor: empty, then a single-choice form with its evidence, then the drafts.
      await page.goto('/');
      await unlockTeacher(page);
      await page.getByRole('button', { name: `Write questions for ${title}` }).click();
      await expect(page.getByRole('heading', { name: `Questions: ${title}` })).toBeVisible();
      await shot(page, variant, 'editor-empty');
      await page.getByRole('button', { name: 'New question' }).click();
      await page.getByRole('checkbox', { name: /The town will plant 4,000 trees/u }).click();
      await page.getByRole('button', { name: /^Single choice/u }).click();
      const form = page.getByRole('form');
      await form
        .getByLabel(/^Question/u)
        .first()
        .fill('How many trees will the town plant along its rivers?');
      await form.getByLabel('Option 1', { exact: true }).fill('4,000');
      await form.getByLabel('Option 2', { exact: true }).fill('500');
      // The checker's verdict follows the typing a moment later: shoot the form once it has.
      await expect(page.getByText('Option 2: must not be empty')).toHaveCount(0);
      await shot(page, variant, 'editor-form');
      await page.getByRole('button', { name: 'Drafted questions' }).click();
      const drafts = page.getByRole('region', { name: 'Drafted questions' });
      await expect(drafts.getByText(/\d+ drafts? from the article/u)).toBeVisible({ timeout: 60_000 });
      await shot(page, variant, 'editor-drafts');

      // ── Class results.
      await page.goto('/');
      await unlockTeacher(page);
      await page.getByRole('button', { name: 'Class results' }).click();
      await expect(page.getByRole('heading', { name: 'Class results', level: 1 })).toBeVisible();
      // The results themselves, not the screen before they load.
      await expect(page.getByRole('heading', { name: 'Questions', level: 2 })).toBeVisible({ timeout: 30_000 });
      await shot(page, variant, 'results');
      await shot(page, variant, 'results-full', true);

      // ── A class session: setup, the dashboard with a student who answered, the projector, ended.
      await page.getByRole('button', { name: 'Back to the teacher’s side' }).click();
      await page.getByRole('button', { name: 'Host a class session' }).click();
      await expect(page.getByLabel('Port')).toBeVisible();
      await shot(page, variant, 'host-setup');
      await page.getByLabel('Network').selectOption('127.0.0.1');
      await page.getByLabel('Port').fill(String(sessionPort));
      await page.getByRole('button', { name: 'Start the session' }).click();
      const joinUrl = `http://127.0.0.1:${sessionPort}/`;
      await expect(page.getByText(joinUrl)).toBeVisible();
      const code = ((await page.locator('.code').textContent()) ?? '').trim();
      sessionId = (await asTeacher<{ sessionId: string } | null>(page.request, 'sessionStatus', {}))?.sessionId;
      await shot(page, variant, 'host-waiting');

      const student = await (await browser.newContext()).newPage();
      await student.goto(joinUrl);
      await student.getByLabel('Join code').fill(code);
      await student.getByLabel('Your name').fill(`Teacher screens ${variant.name}`);
      await student.getByRole('button', { name: 'Join' }).click();
      const first = seedBank.questions[0] as { prompt: string; options: { text: string }[] }; // a single-choice question
      await expect(student.getByRole('heading', { name: first.prompt })).toBeVisible();
      await student.getByRole('radio', { name: first.options[0]!.text }).check();
      await expect(student.getByRole('status')).toHaveText('Answer saved.');
      await expect(page.getByRole('heading', { name: 'Students: 1 joined' })).toBeVisible();
      await shot(page, variant, 'host-dashboard');
      await shot(page, variant, 'host-dashboard-full', true);

      const [projector] = await Promise.all([
        page.context().waitForEvent('page'),
        page.getByRole('button', { name: 'Projector view' }).click(),
      ]);
      await projector.setViewportSize(variant.viewport);
      await expect(projector.getByText(code, { exact: true })).toBeVisible();
      await shot(projector, variant, 'projector');
      await projector.close();

      await page.getByRole('button', { name: 'End the session' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'End the session' }).click();
      await expect(page.getByRole('button', { name: 'Release the review' })).toBeVisible();
      sessionId = undefined;
      await shot(page, variant, 'host-ended');
      await student.context().close();
    } finally {
      if (sessionId) await asTeacher(page.request, 'endSession', { sessionId }).catch(() => undefined);
      if (quizId) await asTeacher(page.request, 'deleteQuiz', { quizId });
      await page.context().close();
    }
  });
}
