import { DatabaseSync } from 'node:sqlite';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, StoreError, type AttemptRecord, type SessionRecord } from '../../src/service/store.ts';
import { tempDir } from './fixtures.ts';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function dbFile(): string {
  const temp = tempDir();
  cleanup = temp.cleanup;
  return join(temp.dir, 'evident.db');
}

const attempt: AttemptRecord = {
  quizVersion: 1,
  id: '11111111-1111-4111-8111-111111111111',
  quizId: 'north-korea-un',
  studentName: 'Ada',
  settings: { feedback: 'deferred', shuffle: false },
  seed: 42,
  status: 'in-progress',
  startedAt: '2026-11-27T09:00:00.000Z',
  submittedAt: null,
};

const session: SessionRecord = {
  id: '33333333-3333-4333-8333-333333333333',
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

describe('the store', () => {
  it('keeps attempts and answers across reopening, in WAL mode', () => {
    const file = dbFile();
    const store = openStore(file);
    store.insertAttempt(attempt);
    store.saveResponse(attempt.id, {
      questionId: 'q1',
      response: { type: 'single-choice', optionId: 'a' },
      points: 1,
      maxPoints: 1,
      verdict: 'correct',
      answeredAt: '2026-11-27T09:01:00.000Z',
    });
    store.close();

    const reopened = openStore(file);
    expect(reopened.getAttempt(attempt.id)).toEqual(attempt);
    expect(reopened.listResponses(attempt.id)).toHaveLength(1);
    reopened.markSubmitted(attempt.id, '2026-11-27T09:05:00.000Z');
    expect(reopened.getAttempt(attempt.id)).toMatchObject({ status: 'submitted', submittedAt: '2026-11-27T09:05:00.000Z' });
    reopened.close();

    const raw = new DatabaseSync(file);
    expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    raw.close();
  });

  it('sets a corrupt file aside, reports it, and starts afresh without overwriting it', () => {
    const file = dbFile();
    writeFileSync(file, 'this is not a database, but it might be somebody’s work'.repeat(100));
    const onSetAside = vi.fn();
    const store = openStore(file, onSetAside);
    store.insertAttempt(attempt);
    store.close();

    expect(onSetAside).toHaveBeenCalledOnce();
    const [movedTo, reason] = onSetAside.mock.calls[0] as [string, string];
    expect(reason).toMatch(/not a database/);
    expect(readFileSync(movedTo, 'utf8')).toContain('somebody’s work');
  });

  it('sets aside an SQLite database that belongs to another program', () => {
    const file = dbFile();
    const foreign = new DatabaseSync(file);
    foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 9.5);');
    foreign.close();
    const onSetAside = vi.fn();
    openStore(file, onSetAside).close();
    expect(onSetAside).toHaveBeenCalledWith(expect.stringContaining('.unreadable-'), expect.stringContaining('not an Evident database'));
    const movedTo = onSetAside.mock.calls[0]![0] as string;
    const kept = new DatabaseSync(movedTo);
    expect(kept.prepare('SELECT amount FROM invoices').get()).toEqual({ amount: 9.5 });
    kept.close();
  });

  it('refuses a database from a newer version and leaves it where it is', () => {
    const file = dbFile();
    openStore(file).close();
    const raw = new DatabaseSync(file);
    raw.exec('PRAGMA user_version = 99');
    raw.close();
    const onSetAside = vi.fn();
    expect(() => openStore(file, onSetAside)).toThrow(StoreError);
    expect(() => openStore(file, onSetAside)).toThrow(/newer Evident/);
    expect(onSetAside).not.toHaveBeenCalled();
    expect(existsSync(file)).toBe(true);
  });

  it('names an unreadable stored row instead of returning it', () => {
    const file = dbFile();
    const store = openStore(file);
    store.insertAttempt(attempt);
    store.close();
    const raw = new DatabaseSync(file);
    raw.prepare('UPDATE attempts SET settings = ? WHERE id = ?').run('{"feedback": "sometimes"}', attempt.id);
    raw.close();
    const reopened = openStore(file);
    expect(() => reopened.getAttempt(attempt.id)).toThrow(/stored attempt 11111111.*settings/);
    reopened.close();
    expect(readdirSync(join(file, '..')).filter((f) => f.includes('unreadable'))).toEqual([]);
  });

  it('reads settings stored before shuffle and time limits existed, with their defaults', () => {
    const file = dbFile();
    const store = openStore(file);
    store.insertAttempt(attempt);
    store.close();
    const raw = new DatabaseSync(file);
    raw.prepare('UPDATE attempts SET settings = ? WHERE id = ?').run('{"feedback": "immediate"}', attempt.id);
    raw.close();
    const reopened = openStore(file);
    expect(reopened.getAttempt(attempt.id)!.settings).toEqual({ feedback: 'immediate', shuffle: false });
    reopened.close();
  });

  it('deletes an attempt with its responses, and only that one', () => {
    const file = dbFile();
    const store = openStore(file);
    const other = { ...attempt, id: '22222222-2222-4222-8222-222222222222' };
    const response = {
      questionId: 'q1',
      response: { type: 'single-choice', optionId: 'a' },
      points: 1,
      maxPoints: 1,
      verdict: 'correct',
      answeredAt: '2026-11-27T09:01:00.000Z',
    } as const;
    for (const a of [attempt, other]) {
      store.insertAttempt(a);
      store.saveResponse(a.id, response);
    }
    expect(store.deleteAttempt(attempt.id)).toBe(true);
    expect(store.deleteAttempt(attempt.id)).toBe(false);
    expect(store.getAttempt(attempt.id)).toBeUndefined();
    expect(store.responsesByAttempt({})).toEqual(new Map([[other.id, [response]]]));
    expect(store.scoresByAttempt({ status: 'submitted' })).toEqual(new Map());
    store.close();
  });

  it('deletes an attempt inside a larger transaction, and undoes the delete when that transaction fails', () => {
    const store = openStore(dbFile());
    store.insertAttempt(attempt);
    expect(() =>
      store.transaction(() => {
        expect(store.deleteAttempt(attempt.id)).toBe(true);
        throw new Error('a later step failed');
      }),
    ).toThrow('a later step failed');
    expect(store.getAttempt(attempt.id)).toEqual(attempt);
    expect(store.transaction(() => store.deleteAttempt(attempt.id))).toBe(true);
    expect(store.getAttempt(attempt.id)).toBeUndefined();
    store.close();
  });

  it('reads stored settings with its own schema: unknown keys dropped, a wrong value named', () => {
    const file = dbFile();
    const store = openStore(file);
    store.insertAttempt(attempt);
    store.insertSession(session);
    store.close();
    const raw = new DatabaseSync(file);
    // The wire's strict settings would refuse the extra key; a stored row is not a request.
    raw.prepare('UPDATE attempts SET settings = ?').run('{"feedback": "deferred", "shuffle": true, "theme": "dark"}');
    raw.prepare('UPDATE sessions SET settings = ?').run('{"timeLimitMinutes": 20}');
    raw.close();
    const reopened = openStore(file);
    expect(reopened.getAttempt(attempt.id)!.settings).toEqual({ feedback: 'deferred', shuffle: true });
    expect(() => reopened.getSession(session.id)).toThrow(/stored session is unreadable \(settings\.shuffle: /);
    reopened.close();
  });

  it('keeps sessions and seats, and reads their flags back as booleans', () => {
    const store = openStore(dbFile());
    store.insertAttempt(attempt);
    store.insertSession(session);
    const seat = {
      tokenHash: 'ab'.repeat(32),
      sessionId: session.id,
      attemptId: attempt.id,
      name: 'Ada',
      removed: false,
      joinedAt: attempt.startedAt,
    };
    store.insertSeat(seat);
    expect(store.getSession(session.id)).toEqual(session);
    store.updateSession(session.id, { state: 'locked', reviewReleased: true });
    expect(store.unendedSessions()).toEqual([{ ...session, state: 'locked', reviewReleased: true }]);
    expect(store.setSeatRemoved(session.id, attempt.id, true)).toBe(true);
    expect(store.seatByToken(session.id, seat.tokenHash)).toEqual({ ...seat, removed: true });
    expect(store.listAttempts({ sessionId: session.id }).map((a) => a.id)).toEqual([attempt.id]);
    expect(store.deleteAttempt(attempt.id)).toBe(true);
    expect(store.listSeats(session.id)).toEqual([]);
    store.close();
  });
});
