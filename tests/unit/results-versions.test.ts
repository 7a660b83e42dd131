import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type OpenedApp } from '../../src/service/app.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import { startHttpServer, type RunningServer } from '../../src/service/http.ts';
import type { Caller, Service } from '../../src/service/service.ts';
import { CSV_EXPORT_PATH } from '../../src/shared/channels.ts';
import type { CsvKind, ParsedInput, QuizResults } from '../../src/shared/contract.ts';
import { asTeacher, questionsDir, tempDir } from './fixtures.ts';

// Results per quiz version (issues 15 and 16). An own quiz edited after attempts exist gets a
// new version; class results, item analysis and the CSVs read one version at a time, against
// that version's questions, keys and article, and never mix two versions in one figure.

const quiet = () => {};

const ARTICLE: ParsedInput<'createQuiz'>['article'] = {
  title: 'The town library stays open after a close vote',
  byline: 'Jane Doe',
  publication: 'The Versions Courier',
  paragraphs: [
    'The council voted on Tuesday to keep the town library open. The vote ended a year of argument.',
    ['Mr. Jones, who led the campaign, said the vote was close.', 'It passed by one vote.'],
  ],
  captions: [],
};

/** Version 1: two questions, "keep" is the key. Version 2 moves the key to "close", rewords the options and drops the short answer. */
function bank(quizId: string, version: 1 | 2): Record<string, any> {
  const choice = {
    id: 'vote-result',
    type: 'single-choice',
    skill: 'detail',
    difficulty: 'easy',
    prompt: version === 1 ? 'What did the council decide?' : 'What was the vote, as Mr. Jones saw it?',
    options:
      version === 1
        ? [
            { id: 'keep', text: 'To keep the library open' },
            { id: 'close', text: 'To close the library' },
          ]
        : [
            { id: 'keep', text: 'A landslide' },
            { id: 'close', text: 'Close' },
          ],
    correct: version === 1 ? 'keep' : 'close',
    evidence: [version === 1 ? 'The council voted on Tuesday to keep the town library open.' : 'said the vote was close.'],
    explanation: 'The article says so.',
  };
  const margin = {
    id: 'margin',
    type: 'short-answer',
    skill: 'detail',
    difficulty: 'easy',
    prompt: 'By how many votes did it pass?',
    accepted: ['one', 'one vote', '1'],
    evidence: ['It passed by one vote.'],
    explanation: 'It passed by one vote.',
  };
  return { id: quizId, questions: version === 1 ? [choice, margin] : [choice] };
}

let app: OpenedApp;
let service: Service;
let teacher: Caller;
let server: RunningServer;
let cleanup: () => void;
let quizId: string;

async function sit(studentName: string, answers: Record<string, ParsedInput<'answer'>['response']>): Promise<void> {
  const { attemptId } = service.startAttempt({ quizId, studentName });
  for (const [questionId, response] of Object.entries(answers)) await service.answer({ attemptId, questionId, response });
  service.submit({ attemptId });
}

beforeAll(async () => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  app = openApp({ questionsDir, dataDir: temp.dir, rendererDir: temp.dir, warn: quiet });
  ({ service, teacher } = asTeacher(app.service));
  server = await startHttpServer({ service: app.service, rendererDir: temp.dir, log: quiet, csvExport: app.csvExport });
  ({ quizId } = service.createQuiz({ article: ARTICLE }));
  expect(service.saveQuizBank({ quizId, bank: bank(quizId, 1) })).toMatchObject({ version: 1 });
  service.publishQuiz({ quizId, published: true });
  // Version 1: both choose "keep", right at version 1; Ada also gets the short answer.
  await sit('Ada', { 'vote-result': { type: 'single-choice', optionId: 'keep' }, margin: { type: 'short-answer', text: 'one' } });
  await sit('Ben', { 'vote-result': { type: 'single-choice', optionId: 'keep' }, margin: { type: 'short-answer', text: 'two' } });
  // The edit once attempts exist starts version 2: the key moves and a question goes.
  expect(service.saveQuizBank({ quizId, bank: bank(quizId, 2) })).toMatchObject({ version: 2, newVersion: true });
  // Version 2: two right ("close"), one wrong ("keep").
  await sit('Cy', { 'vote-result': { type: 'single-choice', optionId: 'close' } });
  await sit('Dee', { 'vote-result': { type: 'single-choice', optionId: 'keep' } });
  await sit('Eve', { 'vote-result': { type: 'single-choice', optionId: 'close' } });
});

afterAll(async () => {
  await server.close();
  app.store.close();
  app.dataLock.release();
  cleanup();
});

const names = (results: QuizResults) => results.attempts.map((a) => a.studentName).sort();

describe('class results per quiz version', () => {
  it('shows the newest version with attempts by default, and lists every version with its attempts', () => {
    const results = service.quizResults({ quizId });
    expect(results.version).toBe(2);
    expect(results.versions).toEqual([
      { version: 1, attempts: 2, current: false },
      { version: 2, attempts: 3, current: true },
    ]);
    expect(names(results)).toEqual(['Cy', 'Dee', 'Eve']);
    expect(results.attempts.every((a) => a.maxPoints === 1 && a.questionCount === 1)).toBe(true);
    expect(results.questions.map((q) => q.questionId)).toEqual(['vote-result']);
    const [choice] = results.questions;
    expect(choice).toMatchObject({ answered: 3, prompt: 'What was the vote, as Mr. Jones saw it?' });
    expect(choice!.facility).toBeCloseTo(2 / 3, 9);
    expect(choice!.options).toEqual([
      { id: 'keep', text: 'A landslide', correct: false, count: 1, share: 1 / 3 },
      { id: 'close', text: 'Close', correct: true, count: 2, share: 2 / 3 },
    ]);
    expect(choice!.mostChosenWrong).toEqual({ text: 'A landslide', count: 1 });
    expect(results.reliability.attempts).toBe(3);
    // The heat map is version 2's: its one evidence sentence, missed by one answer of three.
    expect(results.sentences.map((s) => [s.sentenceId, s.answered, s.missed])).toEqual([['p2.s1', 3, 1]]);
  });

  it('reads version 1 against its own questions, keys and article', () => {
    const results = service.quizResults({ quizId, version: 1 });
    expect(results.version).toBe(1);
    expect(results.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(names(results)).toEqual(['Ada', 'Ben']);
    expect(results.questions.map((q) => q.questionId)).toEqual(['vote-result', 'margin']);
    const [choice, margin] = results.questions;
    expect(choice).toMatchObject({ prompt: 'What did the council decide?', answered: 2, facility: 1 });
    expect(choice!.options).toEqual([
      { id: 'keep', text: 'To keep the library open', correct: true, count: 2, share: 1 },
      { id: 'close', text: 'To close the library', correct: false, count: 0, share: 0 },
    ]);
    expect(margin).toMatchObject({ answered: 2, facility: 0.5 });
    const ada = results.attempts.find((a) => a.studentName === 'Ada')!;
    expect(ada).toMatchObject({ points: 2, maxPoints: 2, questionCount: 2, percentage: 100 });
    expect(results.sentences.map((s) => s.sentenceId)).toEqual(['p1.s1', 'p2.s2']);
  });

  it('follows the other filters: a name found only at version 1 defaults to version 1', () => {
    const results = service.quizResults({ quizId, studentName: 'ben' });
    expect(results.version).toBe(1);
    expect(names(results)).toEqual(['Ben']);
    expect(results.versions).toEqual([
      { version: 1, attempts: 1, current: false },
      { version: 2, attempts: 0, current: true },
    ]);
  });

  it('lists each attempt with its score at the version it was taken on', () => {
    const ada = service.listAttempts({ quizId }).find((a) => a.studentName === 'Ada')!;
    expect(ada).toMatchObject({ points: 2, maxPoints: 2, questionCount: 2 });
  });

  it('refuses a hostile version through the contract, naming the field', () => {
    for (const version of [0, -1, 1e9, '2', 1.5, null]) {
      const reply = dispatch(app.service, 'quizResults', { quizId, version }, quiet, teacher);
      expect(reply, String(version)).toMatchObject({ ok: false, error: { code: 'bad-request', reason: 'invalid-request' } });
      if (!reply.ok) expect(reply.error.issues?.map((i) => i.path)).toEqual(['version']);
    }
    for (const kind of ['attempts', 'responses', 'gradebook']) {
      const reply = dispatch(app.service, 'exportCsv', { kind, quizId, version: '1' }, quiet, teacher);
      expect(reply).toMatchObject({ ok: false, error: { reason: 'invalid-request' } });
    }
  });

  it('refuses a version the quiz does not have, saying which it has', () => {
    const reply = dispatch(app.service, 'quizResults', { quizId, version: 3 }, quiet, teacher);
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found', reason: 'version-not-found' } });
    if (!reply.ok) expect(reply.error.message).toMatch(/has no version 3: its versions are 1 to 2/);
    const bundled = dispatch(app.service, 'quizResults', { quizId: 'north-korea-un', version: 2 }, quiet, teacher);
    expect(bundled).toMatchObject({ ok: false, error: { reason: 'version-not-found' } });
  });
});

/** A CSV as cells (these files hold no quoted commas or line breaks). */
const cells = (content: string) =>
  content
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

function csv(kind: CsvKind, version?: number): string[][] {
  return cells(service.exportCsv({ kind, quizId, ...(version === undefined ? {} : { version }) }).content);
}

describe('the CSV exports per quiz version', () => {
  it('writes the attempts of one version, with a Version column and that version’s questions', () => {
    const [header, ...rows] = csv('attempts');
    expect(header!.slice(0, 4)).toEqual(['Student', 'Quiz', 'Version', 'Status']);
    expect(header!.slice(9)).toEqual(['Q1 vote-result']);
    expect(rows.map((r) => [r[0], r[2]]).sort()).toEqual([
      ['Cy', '2'],
      ['Dee', '2'],
      ['Eve', '2'],
    ]);
    const [header1, ...rows1] = csv('attempts', 1);
    expect(header1!.slice(9)).toEqual(['Q1 vote-result', 'Q2 margin']);
    const ben = rows1.find((r) => r[0] === 'Ben')!;
    // Points 1 of 2: the choice right at version 1, the short answer wrong.
    expect([ben[2], ben[6], ben[7], ben[9], ben[10]]).toEqual(['1', '1', '2', '1', '0']);
    expect(rows1).toHaveLength(2);
  });

  it('writes the responses of one version in that version’s words, with a Version column', () => {
    const [header, ...rows] = csv('responses', 1);
    expect(header!.slice(0, 5)).toEqual(['Attempt id', 'Student', 'Quiz', 'Version', 'Question number']);
    expect(rows).toHaveLength(4);
    const adaChoice = rows.find((r) => r[1] === 'Ada' && r[5] === 'vote-result')!;
    expect([adaChoice[3], adaChoice[4], adaChoice[7], adaChoice[8], adaChoice[10]]).toEqual([
      '1',
      '1',
      'To keep the library open',
      '1',
      'correct',
    ]);
    const latest = csv('responses').slice(1);
    expect(latest.map((r) => [r[1], r[3], r[7], r[10]]).sort()).toEqual([
      ['Cy', '2', 'Close', 'correct'],
      ['Dee', '2', 'A landslide', 'incorrect'],
      ['Eve', '2', 'Close', 'correct'],
    ]);
  });

  it('writes the gradebook of one version', () => {
    expect(csv('gradebook').slice(1)).toEqual([
      ['Cy', '1', '1', '100'],
      ['Dee', '0', '1', '0'],
      ['Eve', '1', '1', '100'],
    ]);
    expect(csv('gradebook', 1).slice(1)).toEqual([
      ['Ada', '2', '2', '100'],
      ['Ben', '1', '2', '50'],
    ]);
  });

  it('names the version in the file name, and refuses a version without its quiz', () => {
    expect(service.exportCsv({ kind: 'attempts', quizId, version: 1 }).filename).toMatch(new RegExp(`^evident-attempts-${quizId}-v1-`));
    const reply = dispatch(app.service, 'exportCsv', { kind: 'responses', version: 1 }, quiet, teacher);
    expect(reply).toMatchObject({ ok: false, error: { reason: 'invalid-request' } });
  });

  it('writes every quiz with each attempt against its own version when no quiz is chosen', () => {
    const [header, ...rows] = cells(service.exportCsv({ kind: 'attempts' }).content);
    // Both versions of the one quiz with attempts: their questions apart, prefixed by quiz and version.
    expect(header!.slice(9)).toEqual([`${quizId} v1 Q1 vote-result`, `${quizId} v1 Q2 margin`, `${quizId} v2 Q1 vote-result`]);
    const ada = rows.find((r) => r[0] === 'Ada')!;
    const cy = rows.find((r) => r[0] === 'Cy')!;
    expect([ada[2], ada[9], ada[10], ada[11]]).toEqual(['1', '1', '1', '']);
    expect([cy[2], cy[9], cy[10], cy[11]]).toEqual(['2', '', '', '1']);
  });
});

describe('the streamed CSV export per version', () => {
  function get(query: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `${CSV_EXPORT_PATH}?${query}`,
          headers: { Host: `localhost:${server.port}`, Authorization: `Bearer ${teacher.teacherToken}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('takes the version in digits and sends that version’s file', async () => {
    const reply = await get(`kind=gradebook&quizId=${quizId}&version=1`);
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(service.exportCsv({ kind: 'gradebook', quizId, version: 1 }).content);
  });

  it('refuses a version that is not a whole number from 1, naming the field', async () => {
    for (const version of ['0', '-1', '1e9', '1000000000', '2.0', 'two', '']) {
      const reply = await get(`kind=attempts&quizId=${quizId}&version=${encodeURIComponent(version)}`);
      expect(reply.status, version).toBe(400);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { reason: 'invalid-request' } });
      expect(reply.body, version).toMatch(/version/);
    }
    const missing = await get(`kind=attempts&quizId=${quizId}&version=9`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatch(/version-not-found/);
  });
});
