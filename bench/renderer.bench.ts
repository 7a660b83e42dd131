// The renderer as a student's browser meets it, against the real service over HTTP:
//  1. production JavaScript, gzipped (fonts apart). Target: ≤ 100 KB.
//  2. navigation to an interactive quiz in headless Chromium: from the click on Start to the
//     first question's options, enabled (the figure with the target: median ≤ 250 ms); and, for
//     context, a cold page load from navigation start to the library's Start button.
//  3. the page's JS heap after a full attempt with review (Chromium's performance metrics). Target: < 30 MB.
//
//   npm run build && node bench/renderer.bench.ts [runs, default 15]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { correctResponse } from '../src/core/bank/key.ts';
import { seedQuiz } from '../tests/unit/fixtures.ts';

const RUNS = Number(process.argv[2] ?? 15);
const rendererDir = new URL('../out/renderer/', import.meta.url).pathname;
if (!existsSync(join(rendererDir, 'index.html'))) {
  console.error('out/renderer is missing: run `npm run build` first');
  process.exit(1);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

// 1. Bundle size. What a student's page loads is what index.html names (its entry script and
// the chunks it preloads); the teacher's authoring screens are lazy chunks fetched only when
// opened, reported apart so that they can grow without the student's path growing.
const assets = join(rendererDir, 'assets');
const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
const indexHtml = readFileSync(join(rendererDir, 'index.html'), 'utf8');
const loadedByPage = new Set([...indexHtml.matchAll(/(?:src|href)="[^"]*?assets\/([^"/]+\.js)"/g)].map((m) => m[1]));
const sizes = (files: string[]) => ({
  raw: files.reduce((n, f) => n + readFileSync(join(assets, f)).length, 0),
  gzipped: files.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0),
});
const student = sizes(scripts.filter((f) => loadedByPage.has(f)));
const lazy = scripts.filter((f) => !loadedByPage.has(f));
const lazySizes = sizes(lazy);
console.log(
  `renderer JavaScript a student's page loads: ${kb(student.raw)} KB raw, ${kb(student.gzipped)} KB gzipped in ${loadedByPage.size} file(s) (target ≤ 100 KB gzipped)`,
);
console.log(
  `lazily loaded teacher chunks (not on the student's path): ${kb(lazySizes.raw)} KB raw, ${kb(lazySizes.gzipped)} KB gzipped in ${lazy.length} file(s)`,
);

// 2 and 3 run against the real service, in its own process as `npm run serve` runs it, so that
// Playwright's own work in this process does not slow the server down.
const dataDir = mkdtempSync(join(tmpdir(), 'evident-bench-renderer-'));
const serverProcess = spawn(process.execPath, ['out/main/serve.js', '--port', '0', '--data-dir', dataDir], {
  cwd: new URL('..', import.meta.url).pathname,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [firstLine] = (await once(serverProcess.stdout, 'data')) as [Buffer];
const baseUrl = /http:\/\/[^ ]+\//.exec(firstLine.toString())?.[0];
if (!baseUrl) throw new Error(`the server did not say where it listens: ${firstLine.toString()}`);
const chromiumPath = process.env['CHROMIUM_PATH'] ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
const browser = await chromium.launch({
  ...(chromiumPath ? { executablePath: chromiumPath } : {}),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

// Times are read in the page (performance.now() counts from navigation start), so Playwright's
// messaging is not counted; waitForFunction polls on every animation frame.
async function openQuiz(page: Page, name: string): Promise<{ toLibrary: number; toQuiz: number }> {
  await page.goto(baseUrl!);
  const library = await page.waitForFunction(() => {
    const start = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim().startsWith('Start'));
    return start ? performance.now() : false;
  });
  await page.getByLabel('Your name').fill(name);
  const clicked = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: /^Start/ }).click();
  const quiz = await page.waitForFunction(() => (document.querySelector('input[type=radio]:not([disabled])') ? performance.now() : false));
  const toLibrary = (await library.jsonValue()) as number;
  return { toLibrary, toQuiz: ((await quiz.jsonValue()) as number) - clicked };
}

async function answer(attemptId: string, questionId: string, response: unknown): Promise<void> {
  const reply = await fetch(`${baseUrl}api/answer`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ attemptId, questionId, response }),
  });
  const envelope = (await reply.json()) as { ok: boolean; error?: { message: string } };
  if (!envelope.ok) throw new Error(envelope.error?.message);
}

try {
  const toLibrary: number[] = [];
  const toQuiz: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const context = await browser.newContext(); // cold: nothing cached
    const times = await openQuiz(await context.newPage(), `Bench ${run}`);
    if (run > 0) {
      toLibrary.push(times.toLibrary);
      toQuiz.push(times.toQuiz);
    }
    await context.close();
  }
  console.log(
    `navigation to an interactive quiz (click on Start to the first question's options), median of ${RUNS}: ` +
      `${median(toQuiz).toFixed(0)} ms, max ${Math.max(...toQuiz).toFixed(0)} ms (target median ≤ 250 ms; includes Playwright's ~40 ms to deliver the click)`,
  );
  console.log(
    `cold page load to the library's Start button, median of ${RUNS}: ${median(toLibrary).toFixed(0)} ms (no target; fonts and first paint dominate)`,
  );

  // A full attempt: every question answered (through the API, as the page would), then the
  // page resumes it, submits, and the student looks at every question's review.
  const context = await browser.newContext();
  const page = await context.newPage();
  await openQuiz(page, 'Heap Student');
  const attemptId = await page.evaluate(() => localStorage.getItem('evident.unfinishedAttempt'));
  if (!attemptId) throw new Error('the page did not remember its attempt');
  const quiz = seedQuiz();
  for (const question of quiz.questions) await answer(attemptId, question.id, correctResponse(question));
  await page.reload();
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^Question ${quiz.questions.length},`) }).click();
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await page.getByRole('heading', { name: 'Your result' }).waitFor();
  const reviewButtons = page.getByRole('region', { name: 'Questions' }).getByRole('button');
  const count = await reviewButtons.count();
  for (let i = 0; i < count; i++) await reviewButtons.nth(i).click();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  console.log(
    `page JS heap after a full attempt and a review of all ${count} questions: ${(heap / 2 ** 20).toFixed(1)} MB (target < 30 MB)`,
  );
  await context.close();
} finally {
  await browser.close();
  serverProcess.kill('SIGTERM');
  await once(serverProcess, 'exit');
  rmSync(dataDir, { recursive: true, force: true });
}
