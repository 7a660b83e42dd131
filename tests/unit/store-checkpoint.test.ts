import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, type AttemptRecord } from '../../src/service/store.ts';
import { tempDir } from './fixtures.ts';

// A checkpoint (the write-ahead log copied back into the database, then both synced) must not
// run on the service's thread: SQLite's own runs inside whichever COMMIT takes the log past 1,000
// pages, and there it stopped every student's request for 10–45 ms at a time. The store leaves
// it to a worker thread (checkpointer.ts), which runs it a moment after the commit.

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const attemptOf = (i: number): AttemptRecord => ({
  quizVersion: 1,
  id: `attempt-${i}`,
  quizId: 'north-korea-un',
  studentName: `Student ${i}`,
  settings: { feedback: 'deferred', shuffle: false },
  seed: i,
  status: 'in-progress',
  startedAt: '2026-11-27T09:00:00.000Z',
  submittedAt: null,
});

describe('checkpoints', () => {
  it(
    'never run inside a commit on the service’s thread; a worker copies the log into the database soon after',
    { timeout: 20_000 },
    async () => {
      const temp = tempDir();
      cleanup = temp.cleanup;
      const file = join(temp.dir, 'evident.db');
      const store = openStore(file);
      store.transaction(() => {
        for (let i = 0; i < 300; i++) store.insertAttempt(attemptOf(i));
      });
      const before = statSync(file).size;
      // Answers, committed batch by batch on this thread (a read commits what is queued at once),
      // until the log is past SQLite's 1,000-page (4 MB) checkpoint threshold.
      const saved = [];
      let i = 0;
      while (statSync(`${file}-wal`).size <= 4_096 * 1_100) {
        for (let q = 1; q <= 36; q++) {
          saved.push(
            store.saveResponse(`attempt-${i}`, {
              questionId: `q${q}`,
              response: { type: 'short-answer', text: `answer ${i} ${q} `.repeat(34) },
              points: 0,
              maxPoints: 1,
              verdict: 'incorrect',
              answeredAt: '2026-11-27T09:01:00.000Z',
            }),
          );
        }
        expect(store.listResponses(`attempt-${i}`)).toHaveLength(36);
        i++;
      }
      // Still the same synchronous stretch: every COMMIT ran on this thread, and none of them
      // copied anything into the database file.
      expect(i).toBeLessThan(300);
      expect(statSync(file).size).toBe(before);
      await Promise.all(saved);
      // The worker's checkpoint copies the answers into the database file.
      await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 1_000_000), { timeout: 10_000, interval: 50 });
      store.close();
      const reopened = openStore(file);
      expect(reopened.listResponses(`attempt-${i - 1}`)).toHaveLength(36);
      reopened.close();
    },
  );
});
