import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, request as newRequest, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { asTeacher, expectNoAxeViolations, seedBank, unlockTeacher } from './helpers.ts';

// The teacher's results on screen: a quiz's class session found by its weekday and date, one
// student's attempt opened, a short answer's mark overridden with a reason, the total changing on
// screen and in the attempts and gradebook CSVs, and the session's printout as one PDF with a
// page per student. Students take the session over its own server, as in class.

const BASE = `http://127.0.0.1:${Number(process.env['E2E_PORT'] ?? 4317)}`;
const SESSION_PORT = Number(process.env['E2E_PORT'] ?? 4317) + 40;
const QUIZ = 'north-korea-un';
const suffix = Date.now().toString(36);
const [ADA, BEA, CY] = [`Ada ${suffix}`, `Bea ${suffix}`, `Cy ${suffix}`];
const DEE = `Dee ${suffix}`;

const choice = seedBank.questions[0]!;
const shortAnswer = seedBank.questions.find((q) => q.type === 'short-answer')!;
const shortNumber = seedBank.questions.indexOf(shortAnswer) + 1;
const SHORT_POINTS = shortAnswer.points ?? 1;
if (choice.type !== 'single-choice') throw new Error('the seed bank opens with a single-choice question');

type Envelope<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

async function seat<T>(api: APIRequestContext, channel: string, input: unknown): Promise<T> {
  const reply = (await (await api.post(`http://127.0.0.1:${SESSION_PORT}/session-api/${channel}`, { data: input })).json()) as Envelope<T>;
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.value;
}

let api: APIRequestContext;
let sessionId: string | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  api = await newRequest.newContext({ baseURL: BASE });
  // A class session of three: everyone gets the first question right; Ada writes a short answer
  // the key does not accept (the teacher will accept it), Cy leaves it out.
  const status = await asTeacher<{ sessionId: string; joinCode: string }>(api, 'startSession', {
    quizId: QUIZ,
    host: '127.0.0.1',
    port: SESSION_PORT,
  });
  sessionId = status.sessionId;
  for (const name of [ADA, BEA, CY]) {
    const { token } = await seat<{ token: string }>(api, 'join', { code: status.joinCode, name });
    await seat(api, 'answer', { token, questionId: choice.id, response: { type: 'single-choice', optionId: choice.correct } });
    if (name !== CY) {
      const text = name === ADA ? 'a hundred and twenty thousand prisoners' : 'nobody knows';
      await seat(api, 'answer', { token, questionId: shortAnswer.id, response: { type: 'short-answer', text } });
    }
    await seat(api, 'submit', { token });
  }
  await asTeacher(api, 'endSession', { sessionId });
  // And one student practising alone, outside the session.
  const { attemptId } = await asTeacher<{ attemptId: string }>(api, 'startAttempt', { quizId: QUIZ, studentName: DEE });
  await asTeacher(api, 'submit', { attemptId });
});

test.afterAll(async () => {
  if (sessionId) await asTeacher(api, 'endSession', { sessionId }).catch(() => {});
  // Leave the shared data folder as it was: this spec's attempts go (their seats with them).
  const results = await asTeacher<{ attempts: { attemptId: string }[] }>(api, 'quizResults', { quizId: QUIZ, studentName: suffix });
  for (const { attemptId } of results.attempts) await asTeacher(api, 'deleteAttempt', { attemptId });
  await api.dispose();
});

async function openResults(page: Page): Promise<void> {
  await page.goto('/');
  await unlockTeacher(page);
  await page.getByRole('button', { name: 'Class results' }).click();
  await expect(page.getByRole('heading', { name: 'Class results', level: 1 })).toBeVisible();
  const quiz = page.getByRole('combobox', { name: 'Quiz' });
  if ((await quiz.count()) > 0) await quiz.selectOption(QUIZ);
}

/** Today's session, found as a teacher finds it: by its weekday and date in the list of sessions. */
async function openTodaysSession(page: Page): Promise<void> {
  const weekday = await page.evaluate(() => new Date().toLocaleDateString(undefined, { weekday: 'long' }));
  const sessions = page.getByRole('list', { name: 'Class sessions' });
  // The newest first: this spec's session is the latest.
  const first = sessions.getByRole('button').first();
  await expect(first).toContainText(weekday);
  await expect(first).toContainText('3 students, 3 submitted');
  await first.click();
  await expect(first).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { name: new RegExp(`^Class session of ${weekday}.*: 3 attempts, 3 submitted$`) })).toBeVisible();
}

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync((await file.path())!, 'utf8');
}

/** RFC 4180 as the exports write it: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted && c === '"' && body[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The cell of `column` in the row whose first cell is `name`. */
function cellOf(csv: string, name: string, column: string | ((header: string) => boolean)): string | undefined {
  const [header, ...rows] = parseCsv(csv);
  const index = header!.findIndex(typeof column === 'string' ? (h) => h === column : column);
  expect(index, `a column ${String(column)}`).toBeGreaterThan(-1);
  return rows.find((r) => r[0] === name)?.[index];
}

test('the teacher opens a session, overrides a short answer with a reason, and sees the total change on screen and in the CSVs', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openResults(page);
  await openTodaysSession(page);
  const attempts = page.getByRole('table').first();
  await expect(attempts.getByRole('rowheader')).toHaveCount(3);
  for (const name of [ADA, BEA, CY]) await expect(attempts.getByRole('rowheader', { name })).toBeVisible();
  await expect(attempts.getByRole('rowheader', { name: DEE })).toHaveCount(0);
  const adaRow = attempts.getByRole('row', { name: new RegExp(ADA) });
  const before = /(\d+(?:\.\d+)?)\/(\d+)/.exec((await adaRow.getByRole('cell').nth(1).textContent()) ?? '')!;
  const [pointsBefore, outOf] = [Number(before[1]), Number(before[2])];

  expect(Number(cellOf(await download(page, 'Export gradebook (CSV)'), ADA, 'Score'))).toBe(pointsBefore);

  // ── One student's attempt: answers, key, points, evidence, time spent.
  await adaRow.getByRole('button', { name: `Open the attempt of ${ADA}` }).click();
  await expect(page.getByRole('heading', { name: ADA, level: 2 })).toBeVisible();
  const total = page.getByLabel('Total');
  await expect(total).toContainText(`${pointsBefore} of ${outOf} points`);
  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `${shortNumber}. ${shortAnswer.prompt}` }) });
  await expect(item).toContainText('a hundred and twenty thousand prisoners');
  await expect(item).toContainText('Key');
  await expect(item).toContainText('time spent');
  await expect(item.locator('blockquote').first()).not.toBeEmpty();
  await expectNoAxeViolations(page, 'attempt view');

  // ── The override, with a reason; the automatic mark stays beside it.
  await item.getByRole('textbox', { name: /Reason/ }).fill('the number in words is right');
  await item.getByRole('button', { name: `Mark right question ${shortNumber}` }).click();
  await expect(total).toContainText(`${pointsBefore + SHORT_POINTS} of ${outOf} points`);
  await expect(item).toContainText(`Automatic mark: 0 of ${SHORT_POINTS}`);
  await expect(item).toContainText('Reason: “the number in words is right”');
  await expect(page.getByRole('status').first()).toContainText(`Total ${pointsBefore + SHORT_POINTS} of ${outOf}`);
  await expectNoAxeViolations(page, 'attempt view, overridden');

  // ── Back in the session's list the total follows, and so do both CSVs.
  await page.getByRole('button', { name: '← Back to the results' }).click();
  await expect(adaRow.getByRole('cell').nth(1)).toContainText(`${pointsBefore + SHORT_POINTS}/${outOf}`);
  const gradebook = await download(page, 'Export gradebook (CSV)');
  expect(Number(cellOf(gradebook, ADA, 'Score'))).toBe(pointsBefore + SHORT_POINTS);
  expect(gradebook).not.toContain(DEE); // the session's gradebook: practice is not in it
  const attemptsCsv = await download(page, 'Export attempts (CSV)');
  expect(Number(cellOf(attemptsCsv, ADA, 'Points'))).toBe(pointsBefore + SHORT_POINTS);
  expect(Number(cellOf(attemptsCsv, ADA, (h) => h.endsWith(` ${shortAnswer.id}`)))).toBe(SHORT_POINTS);
});

test('the session prints as one PDF with a page per student, each with their name, the quiz, the date and the score', async ({ page }) => {
  test.setTimeout(300_000); // pdftotext on every page, on a loaded machine: not a timed test
  await openResults(page);
  await openTodaysSession(page);
  await page.getByRole('button', { name: 'Report per student (print or PDF)' }).click();
  const pages = page.getByRole('article');
  await expect(pages).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeEnabled();
  await expectNoAxeViolations(page, 'print view');
  const pdfFile = join(tmpdir(), `evident-results-${suffix}.pdf`);
  writeFileSync(pdfFile, await page.pdf({ format: 'A4', printBackground: true }));
  const pageCount = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))?.[1]);
  expect(pageCount).toBeGreaterThanOrEqual(3);
  // Each student's report starts a page; the name is on that page and on no other student's.
  const texts = new Map<number, string>();
  const read = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdfFile, '-'], { encoding: 'utf8' });
  const text = (n: number) => texts.get(n) ?? texts.set(n, read(n)).get(n)!;
  const starts = new Map<string, number>();
  for (let n = 1; n <= pageCount; n++) {
    const onPage = [ADA, BEA, CY].filter((name) => text(n).includes(name));
    expect(onPage.length, `page ${n} names ${onPage.join(', ')}`).toBeLessThanOrEqual(1);
    if (onPage[0] && !starts.has(onPage[0])) starts.set(onPage[0], n);
  }
  expect([...starts.keys()]).toEqual([ADA, BEA, CY]); // in name order
  const first = text(starts.get(ADA)!);
  const quizTitle = ((await pages.first().locator('.quiz').textContent()) ?? '').replace(/\(version \d+\)/, '').trim();
  expect(quizTitle.length).toBeGreaterThan(0);
  expect(first.replace(/\s+/g, ' ')).toContain(quizTitle.slice(0, 25));
  expect(first).toMatch(/Score: \d+ of \d+ · \d+(\.\d)?%/);
  expect(first).toContain('Class session of');
  // Every question follows on the student's pages, up to the next student's first page.
  const adaPages = Array.from({ length: starts.get(BEA)! - starts.get(ADA)! }, (_, i) => text(starts.get(ADA)! + i)).join('\n');
  expect(adaPages).toContain(`${seedBank.questions.length} `); // the last question's number
  expect(adaPages).toContain('a hundred and twenty'); // the overridden answer, with its mark
  expect(adaPages).toContain('teacher’s mark'); // (the columns interleave in pdftotext's layout)
  expect(adaPages).toContain('(was 0)');
  // Nothing of the app around it is printed.
  expect(first).not.toContain('Back to the results');
  expect(first).not.toContain('Export gradebook');
});

test('practice outside a session is listed by day, and the date range narrows the sessions and days', async ({ page }) => {
  test.setTimeout(120_000); // axe on a loaded machine: not a timed test
  await openResults(page);
  const day = await page.evaluate(() =>
    new Date().toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
  );
  const practice = page.getByRole('list', { name: 'Practice outside a session' });
  await practice.getByRole('button', { name: new RegExp(day) }).click();
  const attempts = page.getByRole('table').first();
  await expect(attempts.getByRole('rowheader', { name: DEE })).toBeVisible();
  await expect(attempts.getByRole('rowheader', { name: ADA })).toHaveCount(0);
  // A range that ended yesterday hides today's session and practice.
  const yesterday = await page.evaluate(() => {
    const d = new Date(Date.now() - 86_400_000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await page.getByLabel('To', { exact: true }).fill(yesterday);
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(practice.getByRole('button', { name: new RegExp(day) })).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Class sessions' }).getByRole('button', { name: new RegExp(day) })).toHaveCount(0);
  await expect(attempts.getByRole('rowheader', { name: DEE })).toHaveCount(0);
  await expectNoAxeViolations(page, 'results with filters');
});

// On a phone (390×844, light and dark): the results screen with today's session chosen, one
// student's attempt and the printout's screen, each saved for people to LOOK at (SHOTS_DIR, else
// screenshots/results-phone), and none may scroll sideways.
const shotsDir = `${process.env['SHOTS_DIR'] ?? 'screenshots'}/results-phone`;

async function phonePage(browser: Browser, theme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: theme });
  const page = await context.newPage();
  await page.addInitScript((t) => localStorage.setItem('evident.preferences', JSON.stringify({ theme: t })), theme);
  return page;
}

async function phoneShot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: innerWidth }));
  expect(scrollWidth, `${name} scrolls sideways on a phone`).toBeLessThanOrEqual(width);
  await page.screenshot({ path: `${shotsDir}/${name}.png` });
  await page.screenshot({ path: `${shotsDir}/${name}-full.png`, fullPage: true });
}

for (const theme of ['light', 'dark'] as const) {
  test(`on a phone (${theme}), the results, an attempt and the printout fit the screen's width`, async ({ browser }) => {
    test.setTimeout(180_000);
    const page = await phonePage(browser, theme);
    try {
      await openResults(page);
      await openTodaysSession(page);
      await phoneShot(page, `${theme}-results`);
      await expectNoAxeViolations(page, `results on a phone (${theme})`); // the tables drawn as cards keep their semantics
      await page
        .getByRole('table')
        .first()
        .getByRole('button', { name: `Open the attempt of ${ADA}` })
        .click();
      await expect(page.getByRole('heading', { name: ADA, level: 2 })).toBeVisible();
      await phoneShot(page, `${theme}-attempt`);
      await page.getByRole('button', { name: '← Back to the results' }).click();
      await page.getByRole('button', { name: 'Report per student (print or PDF)' }).click();
      await expect(page.getByRole('article')).toHaveCount(3);
      await phoneShot(page, `${theme}-print`);
    } finally {
      await page.context().close();
    }
  });
}
