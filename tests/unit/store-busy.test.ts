import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openStore, type AttemptRecord } from '../../src/service/store.ts';
import { tempDir } from './fixtures.ts';

// Two connections on one database (a results export while answers arrive, a second process the
// lock file did not stop): while one holds the write lock, the other's write waits for it, up to
// BUSY_TIMEOUT_MS, instead of failing at once with "database is locked".

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const attempt: AttemptRecord = {
  quizVersion: 1,
  id: '22222222-2222-4222-8222-222222222222',
  quizId: 'north-korea-un',
  studentName: 'Grace',
  settings: { feedback: 'deferred', shuffle: false },
  seed: 7,
  status: 'in-progress',
  startedAt: '2026-11-27T09:00:00.000Z',
  submittedAt: null,
};

/**
 * Another connection, in its own thread, takes the write lock, says so, holds it for `holdMs`
 * and commits. (node:sqlite is synchronous: the waiting connection blocks its own thread.)
 */
function holdWriteLock(file: string, holdMs: number): { locked: Promise<void>; done: Promise<void> } {
  const worker = new Worker(
    `const { DatabaseSync } = require('node:sqlite');
     const { parentPort, workerData } = require('node:worker_threads');
     const db = new DatabaseSync(workerData.file);
     db.exec('BEGIN IMMEDIATE');
     db.exec("UPDATE attempts SET student_name = student_name WHERE 0");
     parentPort.postMessage('locked');
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
     db.exec('COMMIT');
     db.close();`,
    { eval: true, workerData: { file, holdMs } },
  );
  const locked = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const done = new Promise<void>((resolve, reject) => {
    worker.once('exit', () => resolve());
    worker.once('error', reject);
  });
  return { locked, done };
}

describe('the store’s busy timeout', () => {
  it('waits for another connection’s write lock instead of failing at once', async () => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    const file = join(temp.dir, 'evident.db');
    openStore(file).close(); // the schema, written before the other connection opens
    const store = openStore(file);
    const holdMs = 600;
    const other = holdWriteLock(file, holdMs);
    await other.locked;

    const started = performance.now();
    store.insertAttempt(attempt); // blocks until the other connection commits
    const waitedMs = performance.now() - started;

    expect(store.getAttempt(attempt.id)?.studentName).toBe('Grace');
    // It did wait (the lock was held when the write began), and for the lock, not the full timeout.
    expect(waitedMs).toBeGreaterThan(holdMs / 3);
    expect(waitedMs).toBeLessThan(BUSY_TIMEOUT_MS);
    await other.done;
    store.close();
  });
});
