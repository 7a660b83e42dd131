import { expect, test, type Page } from '@playwright/test';
import { asTeacher, expectNoAxeViolations, screenshotsAtTwoSizes, unlockTeacher } from './helpers.ts';

// A teacher makes a quiz from an article of their own: pastes a page, checks the clean-up (keeps
// a removed line, fixes the headline, joins two sentences), saves, and finds the quiz in the
// library. Screenshots of the screen at two sizes, light and dark, go to /tmp/shots-import/.

const PAGE = [
  'Menu',
  'News',
  'Sport',
  'Weather',
  'Bridge to close for six months as cracks found',
  'By Jane Doe, Transport Reporter',
  '27 November 2026, 9:14am',
  'The old bridge over the river will close for six months from May, the council said on Tuesday. Work on the piers starts at once.',
  'Share this article',
  'Engineers found cracks in two of its piers during an inspection in the autumn, according to a report to the council.',
  'Advertisement',
  'Drivers will be sent along the ring road, which adds about ten minutes to the journey into town.',
  'The council will hold a meeting for residents on Dec. 3 at the town hall. Mr. Patel, who chairs the transport committee, will answer questions.',
  'Sign up to our newsletter',
  'Read more: Council budget cut by 5%',
  '© 2026 The Courier. All rights reserved.',
].join('\n');

const SHOTS = process.env['SHOTS_DIR'] ?? '/tmp/shots-import';

async function shoot(page: Page, name: string): Promise<void> {
  await screenshotsAtTwoSizes(page, SHOTS, name);
  await page.screenshot({ path: `${SHOTS}/${name}-full.png`, fullPage: true });
}

// Screenshots at four sizes and schemes on a loaded two-core machine take a while: not a timed test.
test.describe.configure({ timeout: 120_000 });

// Every spec shares one server and data folder: the quizzes saved here are deleted afterwards, so
// later specs do not meet them (a results spec's label lookup once matched this quiz's title).
test.afterAll(async ({ request }) => {
  const library = await asTeacher<{ quizId: string; title: string }[]>(request, 'libraryList', {});
  for (const entry of library.filter((e) => e.title === 'Bridge to close for six months')) {
    await asTeacher(request, 'deleteQuiz', { quizId: entry.quizId });
  }
});

async function openImport(page: Page): Promise<void> {
  await page.goto('/');
  await unlockTeacher(page);
  await page.getByRole('button', { name: 'New quiz from an article' }).click();
  await expect(page.getByRole('heading', { name: 'New quiz from an article', level: 1 })).toBeVisible();
}

test('a teacher pastes a page, keeps a removed line, fixes the headline, saves, and finds the quiz in the library', async ({ page }) => {
  await openImport(page);
  await expectNoAxeViolations(page, 'import (start)');
  await shoot(page, 'import-start');

  await page.getByLabel('Article text').fill(PAGE);
  await page.getByRole('button', { name: 'Clean up the pasted text' }).click();
  await expect(page.getByRole('heading', { name: 'Check the clean-up' })).toBeFocused();
  await expect(page.getByRole('status').first()).toContainText('4 paragraphs kept, 11 lines removed');

  // The details the clean-up found, editable.
  await expect(page.getByLabel('Headline')).toHaveValue('Bridge to close for six months as cracks found');
  await expect(page.getByLabel('Byline')).toHaveValue('Jane Doe, Transport Reporter');
  await expect(page.getByLabel('Date')).toHaveValue('27 November 2026, 9:14am');

  // Every removed line is shown where it stood, with its reason.
  const lines = page.locator('ol.lines > li');
  const related = lines.filter({ hasText: 'Read more: Council budget cut by 5%' });
  await expect(related).toContainText('A link to another story');
  await expect(lines.filter({ hasText: 'Share this article' })).toContainText('A button or prompt to share the page.');
  // Sentence boundaries are visible: paragraph 1 holds two boxed sentences.
  const first = lines.filter({ hasText: 'Paragraph 1' });
  await expect(first.locator('.sentence')).toHaveCount(2);
  await expect(page.getByText('Words', { exact: true })).toBeVisible();
  const words = page.locator('.stats div').filter({ hasText: 'Words' }).locator('dd');
  await expect(words).toHaveText('89');
  await expectNoAxeViolations(page, 'import (check)');
  await shoot(page, 'import-check');

  // One click keeps the removed line: it becomes paragraph 5, and the word count follows.
  await related.getByRole('button', { name: /^Keep/ }).click();
  await expect(related).toContainText('Paragraph 5');
  await expect(related).toContainText('your choice');
  // "Read more: Council budget cut by 5%": seven more words.
  await expect(words).toHaveText('96');

  // Join the two sentences of paragraph 1 (keyboard: the buttons are ordinary buttons).
  await first.getByRole('button', { name: /Join or split sentences/ }).click();
  await first.getByRole('button', { name: 'Join sentences 1 and 2 of paragraph 1' }).click();
  await expect(first.locator('.sentence')).toHaveCount(1);
  await first.getByRole('button', { name: /Done with sentences/ }).click();

  // The headline fixed by hand.
  await page.getByLabel('Headline').fill('Bridge to close for six months');
  await expectNoAxeViolations(page, 'import (edited)');
  await shoot(page, 'import-edited');

  await page.getByRole('button', { name: 'Save as a new quiz' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “Bridge to close for six months” as a draft quiz.' })).toBeVisible();
  await shoot(page, 'import-saved');

  // In the library: a draft of the teacher's own, with the article exactly as checked.
  const library = await asTeacher<{ quizId: string; title: string; origin: string; status: string; questionCount: number }[]>(
    page.request,
    'libraryList',
    {},
  );
  const saved = library.find((entry) => entry.title === 'Bridge to close for six months');
  expect(saved).toMatchObject({ origin: 'own', status: 'draft', questionCount: 0 });
  const source = await asTeacher<{
    article: { headline: string; byline?: string; paragraphs: { sentences: { id: string; text: string }[] }[] };
  }>(page.request, 'getQuizSource', { quizId: saved?.quizId });
  expect(source.article.headline).toBe('Bridge to close for six months');
  expect(source.article.byline).toBe('Jane Doe, Transport Reporter');
  expect(source.article.paragraphs.map((p) => p.sentences.map((s) => s.id))).toEqual([
    ['p1.s1'],
    ['p2.s1'],
    ['p3.s1'],
    ['p4.s1', 'p4.s2'],
    ['p5.s1'],
  ]);
  expect(source.article.paragraphs[4]?.sentences[0]?.text).toBe('Read more: Council budget cut by 5%');
  // Students are not offered a draft.
  const offered = (await (await page.request.post('/api/listQuizzes', { data: {} })).json()) as { value: { title: string }[] };
  expect(offered.value.map((quiz) => quiz.title)).not.toContain('Bridge to close for six months');
});

test('a file that cannot be read is refused with a message naming the problem; a wrong file type never leaves the page', async ({
  page,
}) => {
  await openImport(page);
  await page.getByLabel('Article file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([1, 2, 3]) });
  await expect(page.getByRole('alert')).toHaveText('“photo.png” cannot be read: choose a .txt, .html, .htm, .docx or .pdf file.');
  await page
    .getByLabel('Article file')
    .setInputFiles({ name: 'broken.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip') });
  await expect(page.getByRole('alert')).toContainText('“broken.docx” could not be imported: the Word document could not be read');
  await expectNoAxeViolations(page, 'import (refused)');
  await shoot(page, 'import-refused');
});

test('a page saved from a browser (.html) is read by Readability, in the built service, with its article intact', async ({ page }) => {
  await openImport(page);
  const html = `<!doctype html><html><head><title>Ferry service resumes after storm</title></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
    <article><h1>Ferry service resumes after storm</h1>
    <p>The island ferry sailed again on Thursday morning, three days after the storm closed the harbour, the operator said.</p>
    <p>Passengers who missed crossings this week can travel on any sailing until Sunday without paying again.</p>
    <p>Engineers checked the landing ramps overnight and found no damage, according to a statement from the harbour master.</p>
    </article><footer>© 2026 The Island Courier</footer><script>document.title = 'ran';</script></body></html>`;
  await page.getByLabel('Article file').setInputFiles({ name: 'ferry.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  // The first saved page starts the service's page reader (a worker thread): slow on a loaded machine.
  await expect(page.getByRole('heading', { name: 'Check the clean-up' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('From “ferry.html”')).toBeVisible();
  const lines = page.locator('ol.lines > li');
  await expect(lines.filter({ hasText: 'The island ferry sailed again on Thursday morning' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'Passengers who missed crossings this week' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'Engineers checked the landing ramps overnight' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'Sport' })).toHaveCount(0);
});

test('a dropped file is imported like an opened one', async ({ page }) => {
  await openImport(page);
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'bridge.txt', { type: 'text/plain' }));
    return transfer;
  }, PAGE);
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByRole('heading', { name: 'Check the clean-up' })).toBeVisible();
  await expect(page.getByText('From “bridge.txt”')).toBeVisible();
  const lines = page.locator('ol.lines > li');
  // Split a sentence with the keyboard only: the cursor goes where the new sentence begins.
  const first = lines.filter({ hasText: 'Paragraph 1' });
  await first.getByRole('button', { name: /Join or split sentences/ }).focus();
  await page.keyboard.press('Enter');
  await first.getByRole('button', { name: /^Split sentence 2 of paragraph 1/ }).focus();
  await page.keyboard.press('Enter');
  await expect(first.getByLabel(/Put the cursor where the new sentence begins/)).toBeFocused();
  for (let i = 0; i < 'Work on the piers'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(first.locator('.sentence')).toHaveText([
    '1.1 The old bridge over the river will close for six months from May, the council said on Tuesday.',
    '1.2 Work on the piers',
    '1.3 starts at once.',
  ]);
  await expect(page.getByRole('status').first()).toHaveText('Split sentence 2 of paragraph 1 in two.');
  await expectNoAxeViolations(page, 'import (splitting)');

  // "Remove from here to the end": a second story appended to the page.
  await lines
    .filter({ hasText: 'Paragraph 3' })
    .getByRole('button', { name: /Remove from here to the end/ })
    .click();
  await expect(page.locator('.counts')).toContainText('2 paragraphs');
});
