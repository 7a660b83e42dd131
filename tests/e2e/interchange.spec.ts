import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { asTeacher, expectNoAxeViolations, openLibrary } from './helpers.ts';

// Questions in and out from the Library: a teacher's GIFT file (with the article pasted) and a
// Moodle XML export (carrying its article) become draft quizzes whose missing evidence the editor
// asks for; the seed quiz is exported to Moodle XML and downloaded, its report shown first.
// Every spec shares one server: these quizzes have headlines no other spec uses, and are deleted after.

const shotsDir = process.env['SHOTS_DIR'] ?? 'screenshots/interchange';
const GIFT_TITLE = 'Harbour bridge reopens after two years of repairs';
const MOODLE_TITLE = 'Lighthouse keeper retires after forty years on the rock';

const GIFT_ARTICLE = [
  GIFT_TITLE,
  '',
  'The harbour bridge reopened to traffic on Monday after two years of repairs costing 40 million pounds.',
  '',
  'Engineers replaced every cable and half of the deck, the city council said.',
  '',
  'Ferry operators, who carried extra passengers while the bridge was shut, expect fewer bookings.',
].join('\n');

const GIFT = [
  '// A teacher’s own questions, written for Moodle',
  '$CATEGORY: $course$/top/Harbour bridge',
  '',
  '::cost::How much did the repairs cost? {',
  '  =40 million pounds ~4 million pounds ~400 million pounds',
  '  ####The article says: “The harbour bridge reopened to traffic on Monday after two years of repairs costing 40 million pounds.”',
  '}',
  '',
  '::ferries::Ferry operators expect more bookings now.{F}',
  '',
  '::opinion::Should cities spend money on bridges? {}',
].join('\n');

const MOODLE = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Lighthouse</text></category></question>
  <question type="description">
    <name><text>Article</text></name>
    <questiontext format="html"><text><![CDATA[<h2>${MOODLE_TITLE}</h2>
<p>Tom Reid kept the lighthouse on the rock for forty years before it was automated in the spring.</p>
<p>He rowed out every fortnight with supplies, whatever the weather, his daughter said.</p>]]></text></questiontext>
  </question>
  <question type="multichoice">
    <name><text>years</text></name>
    <questiontext format="html"><text><![CDATA[<p>How long did Tom Reid keep the lighthouse?</p>]]></text></questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>The first paragraph says so.</p><blockquote>Tom Reid kept the lighthouse on the rock for forty years before it was automated in the spring.</blockquote>]]></text></generalfeedback>
    <single>true</single>
    <answer fraction="100"><text>Forty years</text></answer>
    <answer fraction="0"><text>Four years</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>supplies</text></name>
    <questiontext format="html"><text><![CDATA[<p>How often did he row out with supplies?</p>]]></text></questiontext>
    <answer fraction="100"><text>every fortnight</text></answer>
  </question>
</quiz>
`;

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: `${shotsDir}/${name}.png` });
}

test.afterAll(async ({ request }) => {
  const entries = await asTeacher<{ quizId: string; title: string; origin: string }[]>(request, 'libraryList', {});
  for (const entry of entries) {
    if (entry.origin === 'own' && (entry.title === GIFT_TITLE || entry.title === MOODLE_TITLE)) {
      await asTeacher(request, 'deleteQuiz', { quizId: entry.quizId });
    }
  }
});

test('a GIFT file and a pasted article become a draft quiz whose missing evidence the editor asks for', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLibrary(page);
  await page.getByRole('button', { name: 'Import questions…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import questions' });
  await dialog.getByLabel('Question file').setInputFiles({ name: 'harbour.gift', mimeType: 'text/plain', buffer: Buffer.from(GIFT) });

  // Without the article, the service asks for it and nothing is created.
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('“harbour.gift” carries no article: paste the article');
  await dialog.getByLabel('The article, if the file does not carry it (paste it)').fill(GIFT_ARTICLE);
  await expectNoAxeViolations(page, 'import questions');
  await shoot(page, 'import-form-light');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  await expect(dialog.getByRole('status')).toContainText(
    `“${GIFT_TITLE}” is a new draft quiz: 1 question with evidence, 1 needing evidence, 1 skipped.`,
  );
  const list = dialog.getByRole('list', { name: 'What became of each question' });
  await expect(list.getByRole('listitem')).toHaveText([
    /^imported cost \(single-choice\)$/,
    /^needs evidence ferries \(true-false-not-given\): needs evidence: pick the sentence that proves the answer$/,
    /^skipped opinion \(essay\): Evident has no essay questions$/,
  ]);
  await expectNoAxeViolations(page, 'import report');
  await shoot(page, 'import-report-light');

  await dialog.getByRole('button', { name: 'Open it in the editor' }).click();
  await expect(page.getByRole('heading', { name: `Questions: ${GIFT_TITLE}`, level: 1 })).toBeVisible();
  const ferries = page.getByRole('listitem').filter({ hasText: 'Ferry operators expect more bookings now.' });
  await expect(ferries).toContainText('problem');
  await ferries.getByText('Ferry operators expect more bookings now.').click();
  await expect(page.getByText(/needs evidence: pick the sentence that proves the answer/).first()).toBeVisible();
  await shoot(page, 'import-editor-light');

  // Publishing is refused until the evidence is picked.
  const entries = await asTeacher<{ quizId: string; title: string; status: string; problemCount: number }[]>(
    page.request,
    'libraryList',
    {},
  );
  const quiz = entries.find((e) => e.title === GIFT_TITLE)!;
  expect(quiz).toMatchObject({ status: 'draft' });
  expect(quiz.problemCount).toBeGreaterThan(0);
});

test('a Moodle XML export carrying its article becomes a draft quiz; the question without evidence is listed', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLibrary(page);
  await page.getByRole('button', { name: 'Import questions…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import questions' });
  await dialog
    .getByLabel('Question file')
    .setInputFiles({ name: 'lighthouse.xml', mimeType: 'application/xml', buffer: Buffer.from(MOODLE) });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText(
    `“${MOODLE_TITLE}” is a new draft quiz: 1 question with evidence, 1 needing evidence, 0 skipped.`,
  );
  await expect(dialog).toContainText('category “$course$/top/Lighthouse”');
  await dialog.getByRole('button', { name: 'Open it in the editor' }).click();
  await expect(page.getByRole('heading', { name: `Questions: ${MOODLE_TITLE}`, level: 1 })).toBeVisible();
  const supplies = page.getByRole('listitem').filter({ hasText: 'How often did he row out with supplies?' });
  await expect(supplies).toContainText('problem');
  const years = page.getByRole('listitem').filter({ hasText: 'How long did Tom Reid keep the lighthouse?' });
  await expect(years).not.toContainText('problem');

  // The import dialog and its report in dark, for people to look at.
  const dark = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  const darkPage = await dark.newPage();
  await openLibrary(darkPage);
  await darkPage.getByRole('button', { name: 'Import questions…' }).click();
  await shoot(darkPage, 'import-form-dark');
  await dark.close();
});

test('the seed quiz is exported to Moodle XML from the library: the report first, then the download', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLibrary(page);
  const card = page.getByRole('listitem', { name: 'North Korea fires threats at UN', exact: true });
  await card.getByRole('button', { name: /^Export as…/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Export “North Korea fires threats at UN”' });
  await expect(dialog.getByRole('radio', { name: /Moodle XML/ })).toBeChecked();
  await expect(dialog).toContainText(/34 questions: \d+ kept whole, \d+ reduced, 0 left out\./);
  await expect(dialog.getByRole('list', { name: 'Questions the format changes' })).toContainText('lenient answer matching');
  await expectNoAxeViolations(page, 'export dialog');
  await shoot(page, 'export-light');

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download north-korea-un.xml' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('north-korea-un.xml');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
  expect(text).toContain('<question type="description">');
  expect(text.match(/<question type="(?!category|description)/g)).toHaveLength(34);
  await expect(dialog.getByRole('status')).toHaveText('Saved north-korea-un.xml to your downloads.');

  // Aiken leaves out what it cannot hold, and says so before anything is saved.
  await dialog.getByRole('radio', { name: /Aiken/ }).check();
  await expect(dialog).toContainText(/left out/);
  await expect(dialog.getByRole('button', { name: 'Download north-korea-un.aiken.txt' })).toBeEnabled();

  const dark = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  const darkPage = await dark.newPage();
  await openLibrary(darkPage);
  await darkPage
    .getByRole('listitem', { name: 'North Korea fires threats at UN', exact: true })
    .getByRole('button', { name: /^Export as…/ })
    .click();
  await expect(darkPage.getByRole('dialog')).toContainText(/34 questions/);
  await shoot(darkPage, 'export-dark');
  await dark.close();
});
