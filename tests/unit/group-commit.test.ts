import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGroupCommit, type LogSync } from '../../src/service/group-commit.ts';
import { openStore, type AttemptRecord, type ResponseRecord } from '../../src/service/store.ts';
import { tempDir } from './fixtures.ts';

// Answers that arrive together are committed together, and each is acknowledged only after
// the commit that holds it: a reader on another connection (what survives a crash) sees an
// answer no later than its promise resolves.

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function dbFile(): string {
  const temp = tempDir();
  cleanup = temp.cleanup;
  return join(temp.dir, 'evident.db');
}

function database(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE IF NOT EXISTS t (n INTEGER UNIQUE)');
  return db;
}

const rows = (db: DatabaseSync) => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;

describe('group commit', () => {
  it('commits the writes queued in one turn of the event loop in one transaction, and resolves each after it', async () => {
    const file = dbFile();
    const db = database(file);
    const observer = database(file);
    const batches: number[] = [];
    const group = createGroupCommit(db, { onBatch: (size) => batches.push(size) });
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');

    const acknowledged: number[] = [];
    const writes = Array.from({ length: 50 }, (_, n) =>
      group
        .enqueue(() => insert.run(n))
        .then(() => {
          // Durable before acknowledged: another connection already sees this write.
          expect(rows(observer)).toBe(50);
          acknowledged.push(n);
        }),
    );
    expect(group.pending).toBe(50);
    expect(rows(observer)).toBe(0); // nothing committed, and nothing acknowledged, yet
    await Promise.all(writes);
    expect(batches).toEqual([50]);
    expect(acknowledged).toHaveLength(50);

    // The next turn's writes make a batch of their own.
    await Promise.all([group.enqueue(() => insert.run(50)), group.enqueue(() => insert.run(51))]);
    expect(batches).toEqual([50, 2]);
    db.close();
    observer.close();
  });

  it('fails a failing write alone: the others of its batch are committed', async () => {
    const file = dbFile();
    const db = database(file);
    const group = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const results = await Promise.allSettled([
      group.enqueue(() => insert.run(1)),
      group.enqueue(() => {
        insert.run(2); // a write of two statements whose second fails: both are taken back
        insert.run(1);
      }),
      group.enqueue(() => insert.run(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(
      db
        .prepare('SELECT n FROM t ORDER BY n')
        .all()
        .map((r) => r['n']),
    ).toEqual([1, 3]);
    db.close();
  });

  it('fails every write of the batch when its commit cannot be made, and acknowledges none', async () => {
    const file = dbFile();
    const db = database(file);
    const locker = database(file);
    db.exec('PRAGMA busy_timeout = 0');
    locker.exec('BEGIN IMMEDIATE'); // another writer holds the database
    const group = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const results = await Promise.allSettled([group.enqueue(() => insert.run(1)), group.enqueue(() => insert.run(2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    locker.exec('ROLLBACK');
    expect(rows(db)).toBe(0);
    // And the next batch goes through once the database is free.
    await group.enqueue(() => insert.run(3));
    expect(rows(locker)).toBe(1);
    db.close();
    locker.close();
  });

  it('commits at once what is queued when flushed, before the scheduled turn', async () => {
    const file = dbFile();
    const db = database(file);
    const scheduled: (() => void)[] = [];
    const group = createGroupCommit(db, { schedule: (flush) => scheduled.push(flush) });
    const done = group.enqueue(() => db.prepare('INSERT INTO t (n) VALUES (1)').run());
    expect(rows(db)).toBe(0);
    group.flush();
    expect(rows(db)).toBe(1);
    await done;
    for (const flush of scheduled) flush(); // the scheduled flush finds nothing left to do
    expect(rows(db)).toBe(1);
    db.close();
  });
});

/** A write-ahead log whose syncs finish only when the test says so. */
function manualLog() {
  const syncs: ((error: Error | null) => void)[] = [];
  const log: LogSync & { syncedNow: number; closed: boolean } = {
    syncedNow: 0,
    closed: false,
    sync: (done) => void syncs.push(done),
    syncNow() {
      this.syncedNow++;
    },
    close() {
      this.closed = true;
    },
  };
  return { log, syncs };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const synchronousOf = (db: DatabaseSync) => (db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous;

describe('group commit with the log synced off the event loop', () => {
  it('acknowledges a committed write only once a sync that started after its commit has finished', async () => {
    const file = dbFile();
    const db = database(file);
    const observer = database(file);
    const { log, syncs } = manualLog();
    const group = createGroupCommit(db, { log });
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    let acknowledged = 0;
    const first = [1, 2, 3].map((n) => group.enqueue(() => insert.run(n)).then(() => acknowledged++));
    await settle();
    expect(rows(observer)).toBe(3); // committed…
    expect(syncs).toHaveLength(1);
    expect(acknowledged).toBe(0); // …but not acknowledged before the log is on disk

    // A batch committed while that sync runs is not covered by it: it waits for the next one.
    const second = group.enqueue(() => insert.run(4)).then(() => acknowledged++);
    await settle();
    expect(rows(observer)).toBe(4);
    expect(syncs).toHaveLength(1); // one sync at a time
    syncs[0]!(null);
    await Promise.all(first);
    await settle();
    expect(acknowledged).toBe(3);
    expect(syncs).toHaveLength(2); // the next sync, for the batch that came meanwhile
    syncs[1]!(null);
    await second;
    expect(acknowledged).toBe(4);
    db.close();
    observer.close();
  });

  it('with maxSyncs, starts the sync of a batch committed meanwhile at once; each still waits for its own', async () => {
    const file = dbFile();
    const db = database(file);
    const { log, syncs } = manualLog();
    const group = createGroupCommit(db, { log, maxSyncs: 2 });
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const acknowledged: number[] = [];
    const write = (n: number) => group.enqueue(() => insert.run(n)).then(() => acknowledged.push(n));
    const first = write(1);
    await settle();
    const second = write(2);
    await settle();
    expect(syncs).toHaveLength(2); // the second batch's sync did not wait for the first's
    const third = write(3);
    await settle();
    expect(syncs).toHaveLength(2); // at most two at once: the third batch waits for a free one
    syncs[1]!(null); // the later sync finishes first: it acknowledges its own batch only
    await second;
    await settle();
    expect(acknowledged).toEqual([2]);
    expect(syncs).toHaveLength(3); // …and frees a place for the third batch's sync
    syncs[2]!(null);
    await third;
    expect(acknowledged).toEqual([2, 3]);
    syncs[0]!(null);
    await first;
    expect(acknowledged).toEqual([2, 3, 1]);
    db.close();
  });

  it('with maxBatch, commits a batch as soon as it is full, within the turn, and its sync starts there', async () => {
    const file = dbFile();
    const db = database(file);
    const observer = database(file);
    const batches: number[] = [];
    const { log, syncs } = manualLog();
    const group = createGroupCommit(db, { log, maxBatch: 4, maxSyncs: 2, onBatch: (size) => batches.push(size) });
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const writes = [];
    for (let n = 0; n < 10; n++) {
      writes.push(group.enqueue(() => insert.run(n)));
      if (n === 3) {
        // Still in the same turn: the first four are committed and being synced already.
        expect(rows(observer)).toBe(4);
        expect(syncs).toHaveLength(1);
      }
    }
    expect(batches).toEqual([4, 4]);
    expect(group.pending).toBe(2);
    await settle();
    expect(batches).toEqual([4, 4, 2]); // the rest, at the end of the turn
    for (const done of syncs) done(null);
    await settle();
    for (const done of syncs.slice(2)) done(null);
    await Promise.all(writes);
    expect(rows(observer)).toBe(10);
    db.close();
    observer.close();
  });

  it('commits with synchronous = NORMAL and puts FULL back for every other write', async () => {
    const file = dbFile();
    const db = database(file);
    const { log, syncs } = manualLog();
    let during: number | undefined;
    const group = createGroupCommit(db, { log });
    const done = group.enqueue(() => {
      during = synchronousOf(db);
      db.prepare('INSERT INTO t (n) VALUES (1)').run();
    });
    await settle();
    expect(during).toBe(1); // NORMAL: the log is written, its sync is ours
    expect(synchronousOf(db)).toBe(2); // FULL again
    syncs[0]!(null);
    await done;
    db.close();
  });

  it('fails the writes a sync covered when the sync fails (a full disk), and carries on with the next', async () => {
    const file = dbFile();
    const db = database(file);
    const { log, syncs } = manualLog();
    const group = createGroupCommit(db, { log });
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const failing = Promise.allSettled([group.enqueue(() => insert.run(1)), group.enqueue(() => insert.run(2))]);
    await settle();
    syncs[0]!(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    expect((await failing).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const next = group.enqueue(() => insert.run(3));
    await settle();
    syncs[1]!(null);
    await next;
    db.close();
  });

  it('syncs at once on close, acknowledging what a sync in flight and the last commit hold', async () => {
    const file = dbFile();
    const db = database(file);
    const { log, syncs } = manualLog();
    const group = createGroupCommit(db, { log });
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const inFlight = group.enqueue(() => insert.run(1));
    await settle();
    expect(syncs).toHaveLength(1);
    const queued = group.enqueue(() => insert.run(2));
    group.close();
    expect(log.syncedNow).toBe(1);
    expect(log.closed).toBe(true);
    await Promise.all([inFlight, queued]);
    syncs[0]!(null); // the sync in flight finishing late changes nothing
    expect(rows(db)).toBe(2);
    await expect(group.enqueue(() => insert.run(3))).rejects.toThrow(/closed/);
    db.close();
  });

  it('lets a write of the batch read (a flush from inside is no commit), and commits what it queues in a batch of its own', async () => {
    const file = dbFile();
    const db = database(file);
    const batches: number[] = [];
    const group = createGroupCommit(db, { onBatch: (size) => batches.push(size) });
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    let seenInside = -1;
    let queuedInside: Promise<void> | undefined;
    const first = group.enqueue(() => insert.run(1));
    const reading = group.enqueue(() => {
      insert.run(2);
      queuedInside = group.enqueue(() => insert.run(3));
      group.flush(); // what a read does first (store.ts): here it must not start another commit
      seenInside = rows(db); // the transaction's own writes so far
    });
    await Promise.all([first, reading]);
    expect(seenInside).toBe(2);
    expect(batches).toEqual([2]);
    await queuedInside;
    expect(batches).toEqual([2, 1]);
    expect(rows(db)).toBe(3);
    db.close();
  });
});

describe('the store’s answers under group commit', () => {
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
  const answer = (questionId: string): ResponseRecord => ({
    questionId,
    response: { type: 'single-choice', optionId: 'a' },
    points: 1,
    maxPoints: 1,
    verdict: 'correct',
    answeredAt: '2026-11-27T09:01:00.000Z',
  });

  it('acknowledges an answer only once another connection can read it', async () => {
    const file = dbFile();
    const store = openStore(file);
    store.insertAttempt(attempt);
    const observer = new DatabaseSync(file, { readOnly: true });
    const count = () => (observer.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
    const saved = Promise.all(['q1', 'q2', 'q3'].map((id) => store.saveResponse(attempt.id, answer(id))));
    expect(count()).toBe(0);
    await saved;
    expect(count()).toBe(3);
    observer.close();
    store.close();
  });

  it('lets nothing overtake a queued answer: reads see it, and a submission comes after it', async () => {
    const file = dbFile();
    const store = openStore(file);
    store.insertAttempt(attempt);
    const saved = store.saveResponse(attempt.id, answer('q1'));
    expect(store.listResponses(attempt.id).map((r) => r.questionId)).toEqual(['q1']);
    const second = store.saveResponse(attempt.id, answer('q2'));
    const raw = new DatabaseSync(file, { readOnly: true });
    const stored = () => (raw.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
    expect(stored()).toBe(1);
    store.markSubmitted(attempt.id, '2026-11-27T09:05:00.000Z');
    // The queued answer was committed before the submission, not after it.
    expect(stored()).toBe(2);
    await Promise.all([saved, second]);
    raw.close();
    store.close();
  });

  it('commits what is queued when closed', async () => {
    const file = dbFile();
    const store = openStore(file);
    store.insertAttempt(attempt);
    const saved = store.saveResponse(attempt.id, answer('q1'));
    store.close();
    await saved;
    const reopened = openStore(file);
    expect(reopened.listResponses(attempt.id)).toHaveLength(1);
    reopened.close();
  });
});
