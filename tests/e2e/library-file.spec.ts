import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { asTeacher, expectNoAxeViolations, openLibrary } from './helpers.ts';

// A quiz shared as a .evident file, in the browser: the teacher exports a quiz from the library
// (a real download), imports that file with "Import a quiz file…", and gets the same quiz back
// (same article, same questions) as a new unpublished quiz; a broken file dropped on the library
// is refused in words. Screenshots at 1280×800, light and dark, for people to LOOK at.
// Every spec shares one server and data folder: this one uses its own title and deletes every
// quiz it made.

const shotsDir = process.env['SHOTS_DIR'] ?? 'screenshots/library-file';
const TITLE = 'Harbour ferry returns after winter repairs';

const ARTICLE = {
  title: TITLE,
  byline: 'Sam Okafor',
  publication: 'The Estuary Gazette',
  date: '3 March 2026',
  address: 'https://example.org/ferry-returns',
  paragraphs: [
    ['The harbour ferry returned to service on Monday after three months of repairs.', 'Its engines were rebuilt in the town’s own yard.'],
    'Crossings will run every twenty minutes from seven in the morning. The first week is free for residents.',
  ],
  captions: ['The ferry leaves the yard on Sunday.'],
};

function bankFor(quizId: string) {
  return {
    id: quizId,
    questions: [
      {
        id: 'how-long',
        type: 'single-choice',
        skill: 'detail',
        difficulty: 'easy',
        prompt: 'How long was the ferry out of service?',
        options: [
          { id: 'three-months', text: 'Three months' },
          { id: 'one-week', text: 'One week' },
        ],
        correct: 'three-months',
        evidence: ['The harbour ferry returned to service on Monday after three months of repairs.'],
        explanation: 'The first sentence says three months.',
      },
      {
        id: 'how-often',
        type: 'short-answer',
        skill: 'detail',
        difficulty: 'easy',
        prompt: 'How often will crossings run?',
        accepted: ['every twenty minutes', 'twenty minutes'],
        evidence: ['Crossings will run every twenty minutes from seven in the morning.'],
        explanation: 'Every twenty minutes, from seven.',
      },
    ],
  };
}

type Entry = { quizId: string; title: string };
type Source = { article: unknown; bank: { questions: unknown[] } };

let downloads: string;

test.beforeAll(() => {
  downloads = mkdtempSync(join(tmpdir(), 'evident-e2e-files-'));
});

test.afterEach(async ({ request }) => {
  // Every quiz this spec made: the original and each imported copy.
  const list = await asTeacher<Entry[]>(request, 'libraryList', {});
  for (const entry of list.filter((e) => e.title.startsWith(TITLE))) await asTeacher(request, 'deleteQuiz', { quizId: entry.quizId });
});

test.afterAll(() => rmSync(downloads, { recursive: true, force: true }));

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: `${shotsDir}/${name}.png` });
}

const cardOf = (page: Page, title: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

/** Drops a file on the library as the operating system would, with a DataTransfer holding it. */
async function dropFile(page: Page, name: string, bytes: number[]): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, bytes }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/octet-stream' }));
      return data;
    },
    { name, bytes },
  );
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
}

async function exportAndImport(page: Page, title: string, expectedCopy: string, shotPrefix: string): Promise<string> {
  const card = cardOf(page, title);
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: /^Share as a file/ }).click()]);
  expect(download.suggestedFilename()).toBe(`${TITLE}.evident`);
  const file = join(downloads, shotPrefix, download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByRole('status')).toContainText(`Exported “${title}” as ${TITLE}.evident`);
  await expect(page.getByRole('status')).toContainText('no student’s name or answers');

  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import a quiz file…' }).click(),
  ]);
  await chooser.setFiles(file);
  await expect(page.getByRole('status')).toContainText(`Imported “${expectedCopy}” from`);
  await expect(page.getByRole('status')).toContainText('2 questions, unpublished until you publish it');
  const copy = cardOf(page, expectedCopy);
  await expect(copy).toContainText('Just imported');
  await expect(copy).toContainText('Ready');
  await expect(copy).toContainText('2 questions');
  await expect(copy).toContainText('The Estuary Gazette');
  await expect(copy).toContainText(/reading grade \d+/);
  await copy.scrollIntoViewIfNeeded();
  return file;
}

async function brokenFileDropped(page: Page): Promise<void> {
  await dropFile(page, 'From a colleague.evident', [...Buffer.from('this is not a zip at all')]);
  await expect(page.getByRole('alert')).toHaveText(
    '“From a colleague.evident” cannot be imported: it is not an Evident quiz file (not a zip)',
  );
}

async function darkPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  return context.newPage();
}

test('a quiz exported as a .evident file and imported again is the same quiz, and a broken file is refused in words', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000); // two contexts, downloads, axe, on a shared machine: a behaviour test, not a timed one
  await page.setViewportSize({ width: 1280, height: 800 });
  const { quizId } = await asTeacher<{ quizId: string }>(page.request, 'createQuiz', { article: ARTICLE });
  await asTeacher(page.request, 'saveQuizBank', { quizId, bank: bankFor(quizId) });

  await openLibrary(page);
  await page.getByLabel('Search').fill('Estuary Gazette');
  await expect(page.getByRole('listitem')).toHaveCount(1);
  await expect(cardOf(page, TITLE)).toContainText(/reading grade \d+/);
  await expectNoAxeViolations(page, 'quiz library with Export and Import');
  await shoot(page, 'library-controls-light');

  await exportAndImport(page, TITLE, `${TITLE} (2)`, 'light');
  await expect(page.getByRole('listitem')).toHaveCount(2);
  await expectNoAxeViolations(page, 'quiz library after an import');
  await shoot(page, 'library-imported-light');

  // The same quiz: the same article, sentence for sentence, and the same questions.
  const list = await asTeacher<Entry[]>(page.request, 'libraryList', {});
  const imported = list.find((e) => e.title === `${TITLE} (2)`)!;
  const original = await asTeacher<Source>(page.request, 'getQuizSource', { quizId });
  const copy = await asTeacher<Source>(page.request, 'getQuizSource', { quizId: imported.quizId });
  expect(copy.article).toEqual(original.article);
  expect(copy.bank.questions).toEqual(original.bank.questions);
  expect(imported).toMatchObject({ origin: 'own', status: 'ready', offered: false, attemptCount: 0 });

  await brokenFileDropped(page);
  await expectNoAxeViolations(page, 'quiz library with an import error');
  await shoot(page, 'library-import-error-light');
  expect((await asTeacher<Entry[]>(page.request, 'libraryList', {})).filter((e) => e.title.startsWith(TITLE))).toHaveLength(2);

  // Dark: the same three screens in a context of its own (the bundled quiz exports too).
  const dark = await darkPage(browser);
  await openLibrary(dark);
  await dark.getByLabel('Search').fill('Estuary Gazette');
  await expect(dark.getByRole('listitem')).toHaveCount(2);
  await shoot(dark, 'library-controls-dark');
  await exportAndImport(dark, TITLE, `${TITLE} (3)`, 'dark');
  await shoot(dark, 'library-imported-dark');
  await brokenFileDropped(dark);
  await shoot(dark, 'library-import-error-dark');
  await dark.context().close();
});

test('the bundled quiz exports as a file named after its title', async ({ page }) => {
  await openLibrary(page);
  const card = page.getByRole('listitem', { name: 'North Korea fires threats at UN', exact: true });
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: /^Share as a file/ }).click()]);
  expect(download.suggestedFilename()).toBe('North Korea fires threats at UN.evident');
  const file = join(downloads, 'bundled.evident');
  await download.saveAs(file);
  expect([...readFileSync(file).subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // a zip
});
