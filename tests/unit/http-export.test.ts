import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import { openApp, type OpenedApp } from '../../src/service/app.ts';
import { startHttpServer, type RunningServer } from '../../src/service/http.ts';
import { CSV_EXPORT_PATH } from '../../src/shared/channels.ts';
import { questionsDir, seedQuiz, tempDir, variedResponse } from './fixtures.ts';

const quiz = seedQuiz();
const sentenceIds = quiz.article.sentences.map((s) => s.id);

// The CSV exports over HTTP are streamed as they are read (results-export.ts): the same file as
// the exportCsv channel's, for the unlocked teacher only, refused with a reason otherwise.

let app: OpenedApp;
let server: RunningServer;
let cleanup: () => void;
let token: string;
let quizId: string;

beforeAll(async () => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  app = openApp({ questionsDir, dataDir: temp.dir, rendererDir: temp.dir, warn: () => {} });
  server = await startHttpServer({ service: app.service, rendererDir: temp.dir, log: () => {}, csvExport: app.csvExport });
  token = app.service.setTeacherPassphrase({ passphrase: 'a long enough passphrase' }).token;
  quizId = quiz.id;
  for (const [name, right] of [
    ['Zoë', 3],
    ['=Ada', 1],
    ['Bea', 0],
  ] as const) {
    const { attemptId } = app.service.startAttempt({ quizId, studentName: name });
    for (const [i, question] of quiz.questions.slice(0, 3).entries()) {
      const response = i < right ? correctResponse(question) : variedResponse(question, 1, sentenceIds);
      await app.service.answer({ attemptId, questionId: question.id, response });
    }
    app.service.submit({ attemptId });
  }
});

afterAll(async () => {
  await server.close();
  app.store.close();
  app.dataLock.release();
  cleanup();
});

function get(path: string, withToken = true): Promise<{ status: number; type: string; disposition: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        headers: { Host: `localhost:${server.port}`, ...(withToken ? { Authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type']),
            disposition: String(res.headers['content-disposition'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const caller = () => ({ teacherToken: token });

describe('the streamed CSV export', () => {
  for (const kind of ['attempts', 'responses', 'gradebook'] as const) {
    it(`sends the ${kind} file the channel gives, as an attachment`, async () => {
      const reply = await get(`${CSV_EXPORT_PATH}?kind=${kind}&quizId=${quizId}`);
      expect(reply.status).toBe(200);
      expect(reply.type).toBe('text/csv; charset=utf-8');
      expect(reply.disposition).toMatch(new RegExp(`^attachment; filename="evident-${kind}-${quizId}-.*\\.csv"$`));
      const channel = app.service.exportCsv({ kind, quizId }, caller());
      expect(reply.body).toBe(channel.content);
      expect(reply.body.startsWith('\ufeff')).toBe(true);
    });
  }

  it('writes the gradebook as one row per student, by name, with the formula neutralised', async () => {
    const reply = await get(`${CSV_EXPORT_PATH}?kind=gradebook&quizId=${quizId}`);
    const lines = reply.body.replace('\ufeff', '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Student,Score,Out of,Percentage');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(["'=Ada", 'Bea', 'Zoë']);
  });

  it('applies the filters: a name keeps only its attempts', async () => {
    const reply = await get(`${CSV_EXPORT_PATH}?kind=attempts&quizId=${quizId}&studentName=ZO`);
    const rows = reply.body.trimEnd().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^Zoë,/);
  });

  it('is refused while the teacher’s side is locked, and for a request that is not valid, with the reason', async () => {
    const locked = await get(`${CSV_EXPORT_PATH}?kind=attempts&quizId=${quizId}`, false);
    expect(locked.status).toBe(403);
    expect(JSON.parse(locked.body)).toMatchObject({ ok: false, error: { reason: 'locked' } });
    const bad = await get(`${CSV_EXPORT_PATH}?kind=everything&quizId=${quizId}`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { reason: 'invalid-request', message: expect.stringMatching(/kind/) } });
    const unknown = await get(`${CSV_EXPORT_PATH}?kind=attempts&quizId=no-such-quiz`);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { reason: 'quiz-not-found' } });
  });
});
