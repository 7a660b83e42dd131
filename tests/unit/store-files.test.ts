import { copyFileSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src/service/app.ts';
import { DataFolderInUse, lockDataFolder, LOCK_FILE } from '../../src/service/data-lock.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import { createService } from '../../src/service/service.ts';
import { startupProblem, storageProblemOf } from '../../src/service/storage-errors.ts';
import { openStore, type Store } from '../../src/service/store.ts';
import { classroomHarness, LAN, student, addressOf, type ClassroomHarness } from './classroom-fixtures.ts';
import { questionsDir, seedQuiz, seedQuizzes, tempDir } from './fixtures.ts';

const quiet = () => {};
let cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});
function folder(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

/** An error as node:sqlite throws it, with SQLite's result code. */
function sqliteError(errcode: number, errstr: string): Error {
  return Object.assign(new Error(errstr), { code: 'ERR_SQLITE_ERROR', errcode, errstr });
}

describe('a zero-byte database beside a live write-ahead log', () => {
  it('is damaged, not new: the database and its -wal and -shm are moved aside together, and that is said', () => {
    const dir = folder();
    const file = join(dir, 'evident.db');
    const store = openStore(file);
    store.insertAttempt({
      id: 'a1',
      quizId: 'q',
      studentName: 'Ada',
      settings: { feedback: 'deferred', shuffle: false },
      seed: 1,
      status: 'in-progress',
      startedAt: '2026-11-27T09:00:00.000Z',
      submittedAt: null,
    });
    // The log as it stands while the app runs (nothing checkpointed yet), then the database emptied.
    copyFileSync(`${file}-wal`, join(dir, 'saved-wal'));
    store.close();
    copyFileSync(join(dir, 'saved-wal'), `${file}-wal`);
    truncateSync(file, 0);
    const told: string[] = [];
    const reopened = openStore(file, (movedTo, reason) => told.push(`${movedTo}|${reason}`));
    cleanups.push(() => reopened.close());
    expect(told).toHaveLength(1);
    const [movedTo, reason] = told[0]!.split('|') as [string, string];
    expect(reason).toMatch(/empty.*write-ahead log/);
    expect(existsSync(movedTo)).toBe(true);
    expect(existsSync(`${movedTo}-wal`)).toBe(true);
    expect(reopened.listAttempts({})).toEqual([]);
  });
});

describe('two Evidents on one data folder', () => {
  it('the second is told which process holds the folder', () => {
    const dir = folder();
    // The parent of this test process is alive and is not this process: it plays the first server.
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: hostname(), since: '2026-11-27T09:00:00.000Z' }));
    expect(() => lockDataFolder(dir)).toThrow(DataFolderInUse);
    expect(() => openApp({ questionsDir, dataDir: dir, rendererDir: dir, warn: quiet })).toThrow(new RegExp(`process ${process.ppid}`));
    expect(
      startupProblem(
        catching(() => lockDataFolder(dir)),
        dir,
      ),
    ).toMatch(new RegExp(`^Evident cannot start: the data folder .* is in use by another Evident \\(process ${process.ppid}`));
  });

  it('a lock left by a process that is gone is stale, and taken over', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: '2026-11-27T09:00:00.000Z' }));
    const lock = lockDataFolder(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(readdirSync(dir)).not.toContain(LOCK_FILE);
  });

  it('the app takes the lock and gives it back', () => {
    const dir = folder();
    const opened = openApp({ questionsDir, dataDir: dir, rendererDir: dir, warn: quiet });
    expect(readdirSync(dir)).toContain(LOCK_FILE);
    opened.store.close();
    opened.dataLock.release();
    expect(readdirSync(dir)).not.toContain(LOCK_FILE);
  });
});

describe('storage errors', () => {
  it('name the problem in words: disk full, read-only, locked', () => {
    expect(storageProblemOf(sqliteError(13, 'database or disk is full'))).toBe('the disk is full');
    expect(storageProblemOf(sqliteError(8 | (1 << 8), 'attempt to write a readonly database'))).toBe('the database is read-only');
    expect(storageProblemOf(sqliteError(5, 'database is locked'))).toBe('the database is locked by another program');
    expect(storageProblemOf(new Error('something else'))).toBeUndefined();
  });

  it('a read-only database at start-up is one clear sentence, without a stack trace', () => {
    const sentence = startupProblem(sqliteError(8, 'attempt to write a readonly database'), '/data');
    expect(sentence).toMatch(/^Evident cannot start: the database is read-only/);
    expect(sentence).not.toContain('\n');
    expect(sentence).not.toMatch(/ at /);
  });

  /** A store whose writes fail as a full disk fails them. */
  function failingWrites(store: Store, error: Error): Store {
    return new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'saveResponse' || key === 'insertAttempt')
          return () => {
            throw error;
          };
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  }

  it('a teacher’s own save on a full disk says so, and not “internal”', () => {
    const dir = folder();
    const store = openStore(join(dir, 'evident.db'));
    cleanups.push(() => store.close());
    const service = createService({ quizzes: seedQuizzes(), store: failingWrites(store, sqliteError(13, 'database or disk is full')) });
    const reply = dispatch(service, 'startAttempt', { quizId: seedQuiz().id, studentName: 'Ada' }, quiet);
    expect(reply).toMatchObject({ ok: false, error: { reason: 'not-saved', message: expect.stringMatching(/disk is full/) } });
  });

  it(
    'a student whose answer was not saved is told to tell the teacher, and the teacher’s dashboard says what is wrong',
    { timeout: 60_000 },
    async () => {
      const harness: ClassroomHarness = await classroomHarness();
      cleanups.push(() => harness.close());
      const quiz = seedQuiz();
      const session = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
      const client = student(session.port, addressOf(1));
      const joined = await client('join', { code: session.joinCode, name: 'Ada' });
      const token = joined.json.value.token as string;
      const question = quiz.questions.find((q) => q.type === 'true-false-not-given')!;
      // The disk fills up under the running session.
      const real = harness.store.saveResponse.bind(harness.store);
      harness.store.saveResponse = () => {
        throw sqliteError(13, 'database or disk is full');
      };
      const reply = await client('answer', { token, questionId: question.id, response: { type: 'true-false-not-given', value: 'true' } });
      expect(reply.status).toBe(500);
      expect(reply.json.error).toMatchObject({ reason: 'not-saved', message: expect.stringMatching(/^Not saved: tell your teacher/) });
      expect(harness.service.sessionStatus({})!.serverProblem).toMatch(/not being saved: the disk is full/);
      // Space again: the next answer is saved and the warning goes.
      harness.store.saveResponse = real;
      expect(
        (await client('answer', { token, questionId: question.id, response: { type: 'true-false-not-given', value: 'true' } })).status,
      ).toBe(200);
      expect(harness.service.sessionStatus({})!.serverProblem).toBeUndefined();
    },
  );
});

function catching(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
