import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type AttemptRecord, type SeatRecord, type SessionRecord, type Store } from '../../src/service/store.ts';
import { tempDir } from './fixtures.ts';

// The store keeps the session, the seats and the attempts that requests name in memory
// (store/cache.ts). What it hands out must always be what the database holds: every change
// the store makes, and every rollback, is seen by the next read.

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const attempt: AttemptRecord = {
  quizVersion: 1,
  id: '44444444-4444-4444-8444-444444444444',
  quizId: 'north-korea-un',
  studentName: 'Ada',
  settings: { feedback: 'deferred', shuffle: false },
  seed: 3,
  status: 'in-progress',
  startedAt: '2026-11-27T09:00:00.000Z',
  submittedAt: null,
};
const session: SessionRecord = {
  id: '55555555-5555-4555-8555-555555555555',
  quizId: 'north-korea-un',
  settings: { shuffle: false },
  joinCode: 'ABCDEF',
  state: 'open',
  reviewReleased: false,
  host: '127.0.0.1',
  port: 4000,
  createdAt: '2026-11-27T09:00:00.000Z',
  endedAt: null,
};
const seat: SeatRecord = {
  tokenHash: 'cd'.repeat(32),
  sessionId: session.id,
  attemptId: attempt.id,
  name: 'Ada',
  removed: false,
  joinedAt: attempt.startedAt,
};

function seated(): { store: Store; file: string } {
  const temp = tempDir();
  cleanup = temp.cleanup;
  const file = join(temp.dir, 'evident.db');
  const store = openStore(file);
  store.insertSession(session);
  store.insertAttempt(attempt);
  store.insertSeat(seat);
  // Read once each, so that all three are kept before they change.
  expect(store.getSession(session.id)).toEqual(session);
  expect(store.getAttempt(attempt.id)).toEqual(attempt);
  expect(store.seatByToken(session.id, seat.tokenHash)).toEqual(seat);
  return { store, file };
}

describe('the records the store keeps in memory', () => {
  it('follow every change the store makes', () => {
    const { store } = seated();
    store.markSubmitted(attempt.id, '2026-11-27T09:30:00.000Z');
    expect(store.getAttempt(attempt.id)).toMatchObject({ status: 'submitted', submittedAt: '2026-11-27T09:30:00.000Z' });
    store.updateSession(session.id, { state: 'locked' });
    expect(store.getSession(session.id)?.state).toBe('locked');
    store.setSeatRemoved(session.id, attempt.id, true);
    expect(store.seatByToken(session.id, seat.tokenHash)?.removed).toBe(true);
    store.deleteAttempt(attempt.id);
    expect(store.getAttempt(attempt.id)).toBeUndefined();
    expect(store.seatByToken(session.id, seat.tokenHash)).toBeUndefined();
    store.close();
  });

  it('forget what a rolled-back transaction wrote and read', () => {
    const { store } = seated();
    const other = { ...attempt, id: '66666666-6666-4666-8666-666666666666' };
    expect(() =>
      store.transaction(() => {
        store.insertAttempt(other);
        expect(store.getAttempt(other.id)).toEqual(other); // kept, inside the transaction
        store.updateSession(session.id, { reviewReleased: true });
        expect(store.getSession(session.id)?.reviewReleased).toBe(true);
        throw new Error('the work failed');
      }),
    ).toThrow('the work failed');
    expect(store.getAttempt(other.id)).toBeUndefined();
    expect(store.getSession(session.id)?.reviewReleased).toBe(false);
    store.close();
  });

  it('are read-only: a caller cannot change what the next caller gets', () => {
    const { store } = seated();
    const got = store.getAttempt(attempt.id)!;
    expect(() => {
      (got as { status: string }).status = 'submitted';
    }).toThrow(TypeError);
    expect(() => {
      (got.settings as { shuffle: boolean }).shuffle = true;
    }).toThrow(TypeError);
    expect(store.getAttempt(attempt.id)).toEqual(attempt);
    store.close();
  });

  it('are read from the database once, then from memory', () => {
    const { store, file } = seated();
    // Another connection changes the row behind the store's back (the data folder's lock
    // forbids this in the app): the kept record shows that the store did not read again.
    const raw = new DatabaseSync(file);
    raw.prepare('UPDATE attempts SET student_name = ? WHERE id = ?').run('Changed elsewhere', attempt.id);
    raw.close();
    expect(store.getAttempt(attempt.id)?.studentName).toBe('Ada');
    store.close();
    const reopened = openStore(file);
    expect(reopened.getAttempt(attempt.id)?.studentName).toBe('Changed elsewhere');
    reopened.close();
  });
});
