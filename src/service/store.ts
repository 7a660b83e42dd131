import { DatabaseSync } from 'node:sqlite';
import { existsSync, renameSync, statSync } from 'node:fs';
import { z } from 'zod';
import { AttemptStatus, FeedbackMode, TimeLimitMinutes } from '../core/attempt.ts';
import { Response } from '../core/scoring/response.ts';
import { Verdict } from '../core/scoring/verdict.ts';
import { createCheckpointer } from './checkpointer.ts';
import { createGroupCommit, walLogSync } from './group-commit.ts';
import { RecordCaches } from './store/cache.ts';
import { Json, parseListedRow, parseRow, StoreError, type OnUnreadable } from './store/rows.ts';
import { SESSIONS_MIGRATION, sessionTables, type SessionTables } from './store/sessions.ts';
import {
  derivedColumns,
  BY_QUESTION_MIGRATION,
  DERIVED_MIGRATION,
  MARKS_MIGRATION,
  POINTS,
  resultsQueries,
  VERDICT,
  type ResultsQueries,
} from './results-queries.ts';

export { StoreError } from './store/rows.ts';
export type { OnUnreadable, UnreadableRow } from './store/rows.ts';
export type { SeatRecord, SessionRecord } from './store/sessions.ts';

// Every answer is a committed row before the service replies, so a crash or a power cut loses
// nothing that a student was told was saved. Answers that arrive together share one commit
// (group-commit.ts): the disk syncs once for the lot, and each is acknowledged after it.

/** 'EVID' as a 32-bit integer: marks a database file as ours, so a foreign one is never reused. */
const APPLICATION_ID = 0x45564944;
const SCHEMA_VERSION = 6;

/**
 * An attempt's settings as stored: the store's own schema, so the wire contract can change its
 * defaults or strictness without making old rows unreadable. A setting added after schema 1
 * (shuffle, the time limit) has the value that rows written before it meant; unknown keys are
 * dropped.
 */
export const StoredAttemptSettings = z.object({
  feedback: FeedbackMode,
  shuffle: z.boolean().default(false),
  timeLimitMinutes: TimeLimitMinutes.optional(),
});

export const AttemptRow = z
  .object({
    id: z.string(),
    quiz_id: z.string(),
    student_name: z.string(),
    settings: Json.pipe(StoredAttemptSettings),
    seed: z.int(),
    status: AttemptStatus,
    started_at: z.string(),
    submitted_at: z.string().nullable(),
    quiz_version: z.int().min(1),
  })
  .transform((r) => ({
    id: r.id,
    quizId: r.quiz_id,
    studentName: r.student_name,
    settings: r.settings,
    seed: r.seed,
    status: r.status,
    startedAt: r.started_at,
    submittedAt: r.submitted_at,
    /** The version of the quiz the attempt was taken on: its review, CSV rows and results use that version. */
    quizVersion: r.quiz_version,
  }));
export type AttemptRecord = z.output<typeof AttemptRow>;

/**
 * What class results list of an attempt, for a row SQL found readable (ATTEMPT_READABLE): its
 * settings' JSON, which the list never shows, is not parsed again for each of thousands of rows.
 */
export const ListedAttemptRow = z.object({
  id: z.string(),
  quiz_id: z.string(),
  student_name: z.string(),
  status: AttemptStatus,
  started_at: z.string(),
  submitted_at: z.string().nullable(),
  readable: z.literal(1),
});

/**
 * A response row's columns, checked. The export reads 100,000 of them in a row: it parses with
 * this and maps with `responseRecord`, because a zod `.transform` on the object made its parsed
 * rows outlive the young generation (30 MB of heap promoted over one export, measured).
 */
export const ResponseRowFields = z.object({
  question_id: z.string(),
  response: Json.pipe(Response),
  points: z.number(),
  max_points: z.number(),
  verdict: Verdict,
  answered_at: z.string(),
});
export const responseRecord = (r: z.output<typeof ResponseRowFields>) => ({
  questionId: r.question_id,
  response: r.response,
  points: r.points,
  maxPoints: r.max_points,
  verdict: r.verdict,
  answeredAt: r.answered_at,
});
export const ResponseRow = ResponseRowFields.transform(responseRecord);

/**
 * An answer's marks without its response, for the exports that need only points (the attempts
 * and gradebook CSVs): the response's JSON is neither read nor parsed, and whether the row can
 * be read at all is the stored `readable` flag class results go by (results-queries.ts).
 */
export const MarkRowFields = z.object({
  question_id: z.string(),
  points: z.number(),
  max_points: z.number(),
  verdict: Verdict,
  readable: z.literal(1),
});
export type ResponseRecord = z.output<typeof ResponseRow>;

const ScoreRow = z
  .object({ attempt_id: z.string(), question_id: z.string(), points: z.number(), max_points: z.number(), verdict: Verdict })
  .transform((r) => ({
    attemptId: r.attempt_id,
    score: { questionId: r.question_id, points: r.points, maxPoints: r.max_points, verdict: r.verdict },
  }));
export type ScoreRecord = z.output<typeof ScoreRow>['score'];

function isUnusableFile(error: unknown): boolean {
  if (error instanceof StoreError) return error.unusable;
  return error instanceof Error && /not a database|malformed|corrupt/i.test(error.message);
}

export interface AttemptFilter {
  quizId?: string | undefined;
  status?: AttemptRecord['status'] | undefined;
  /** Only the attempts that are seats of this classroom session. */
  sessionId?: string | undefined;
}

export interface Store extends SessionTables {
  /** Without a quiz version, the attempt is on version 1. */
  insertAttempt(attempt: Omit<AttemptRecord, 'quizVersion'> & { quizVersion?: number }): void;
  getAttempt(id: string): AttemptRecord | undefined;
  // The lists below leave out a row that no longer parses and report it to `onUnreadable`
  // (by default, the store's `onUnreadable` option), so one damaged row never hides the rest.
  /** Newest first. */
  listAttempts(filter: AttemptFilter, onUnreadable?: OnUnreadable): AttemptRecord[];
  /**
   * Resolves once the answer is committed (with the others that arrived in the same turn of the
   * event loop: one transaction, one sync). Inside `transaction` it is written at once, with it.
   */
  saveResponse(attemptId: string, record: ResponseRecord): Promise<void>;
  /** Forgets one question's answer (the student emptied it); false when none was stored. */
  deleteResponse(attemptId: string, questionId: string): boolean;
  listResponses(attemptId: string, onUnreadable?: OnUnreadable): ResponseRecord[];
  /** The responses of every attempt the filter matches, by attempt id, each list in the order given. */
  responsesByAttempt(filter: AttemptFilter, onUnreadable?: OnUnreadable): Map<string, ResponseRecord[]>;
  /** Like responsesByAttempt, but only the scores: no response to read back, so a long list stays cheap. */
  scoresByAttempt(filter: AttemptFilter, onUnreadable?: OnUnreadable): Map<string, ScoreRecord[]>;
  markSubmitted(attemptId: string, submittedAt: string): void;
  /** Deletes the attempt and its responses in one transaction; false when there was no such attempt. */
  deleteAttempt(attemptId: string): boolean;
  /** Runs `work` in one transaction: all of its writes are kept, or none. */
  transaction<T>(work: () => T): T;
  /**
   * Runs `work` as one transaction's worth of writes in the next group commit, with the answers
   * (and other such writes) that arrive in the same turn of the event loop: all of its writes are
   * kept, or none. Resolves with its result once committed and synced, so the caller acknowledges
   * nothing a crash could take back; meanwhile the event loop goes on (a join's sync no longer
   * stops every other student). Inside `work`, `transaction` and `saveResponse` join it.
   */
  commitTogether<T>(work: () => T): Promise<T>;
  /** The teacher's views over many answers, summed in SQL (results-queries.ts). */
  results: ResultsQueries;
  /** How many attempts each quiz version has (the library's counts; deleted quizzes' too). */
  attemptCounts(): { quizId: string; quizVersion: number; count: number }[];
  close(): void;
}

export interface StoreOptions {
  /**
   * FULL (the default) syncs the write-ahead log on every commit, so an answer the student was
   * told is saved survives a power cut, not only a crash. NORMAL exists for the benchmark that
   * measures what FULL costs; the app never passes it.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** Where a list reports a row it left out when its caller gave no `onUnreadable` (default: one line on stderr). */
  onUnreadable?: OnUnreadable;
  /** Told the number of answers in each group commit (benchmarks and crash trials). */
  onCommitBatch?: (size: number) => void;
}

const warnUnreadable: OnUnreadable = ({ attemptId, questionId, problem }) =>
  console.warn(
    `a stored ${questionId ? `answer to ${questionId} of attempt ${attemptId}` : `attempt ${attemptId}`} is unreadable and was left out (${problem})`,
  );

/**
 * Opens (or creates) the database at `file`. A file that is not an Evident database, or is
 * corrupt, is renamed aside with a timestamp and reported through `onSetAside`; a new one is
 * started in its place. Nothing is ever overwritten.
 */
export function openStore(
  file: string,
  onSetAside: (movedTo: string, reason: string) => void = () => {},
  options: StoreOptions = {},
): Store {
  const setAside = (reason: string) => {
    const movedTo = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // The database and its write-ahead log belong together: they are moved aside together.
    if (existsSync(file)) renameSync(file, movedTo);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
    }
    onSetAside(movedTo, reason);
  };
  // A database emptied (or lost) beside a write-ahead log that still holds changes is damaged,
  // not new: SQLite would start afresh and the log's changes would be lost for good.
  const logSize = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
  const fileSize = existsSync(file) ? statSync(file).size : 0;
  if (logSize > 0 && fileSize === 0) {
    setAside(`${file} is ${existsSync(file) ? 'empty' : 'missing'} but its write-ahead log holds ${logSize} bytes of changes`);
    return openExisting(file, options);
  }
  try {
    return openExisting(file, options);
  } catch (error) {
    // A locked or newer database is left alone; only a foreign or damaged file is set aside.
    if (!existsSync(file) || !isUnusableFile(error)) throw error;
    setAside(error instanceof Error ? error.message : String(error));
    return openExisting(file, options);
  }
}

/** How long a write waits for another connection's lock before it fails as "locked". */
export const BUSY_TIMEOUT_MS = 5_000;

function openExisting(file: string, options: StoreOptions): Store {
  const db = new DatabaseSync(file);
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db, file, options.synchronous ?? 'FULL');
  } catch (error) {
    db.close();
    throw error;
  }
  return wrap(db, file, options);
}

function migrate(db: DatabaseSync, file: string, synchronous: 'FULL' | 'NORMAL'): void {
  const { application_id: appId } = db.prepare('PRAGMA application_id').get() as { application_id: number };
  const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  const tableCount = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
  if (appId !== APPLICATION_ID && (appId !== 0 || tableCount > 0)) {
    throw new StoreError(`${file} is not an Evident database`, true);
  }
  if (version > SCHEMA_VERSION) {
    throw new StoreError(`${file} was written by a newer Evident (schema ${version}, this one knows ${SCHEMA_VERSION})`, false);
  }
  const check = db.prepare('PRAGMA quick_check').get() as { quick_check: string };
  if (check.quick_check !== 'ok') throw new StoreError(`${file} is damaged: ${check.quick_check}`, true);

  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
  db.exec('PRAGMA foreign_keys = ON');
  // Each step takes the schema from one version to the next, in its own transaction, so an old
  // database is brought up to date step by step and a failed step leaves it as it was.
  for (let from = version; from < SCHEMA_VERSION; from++) {
    const step = MIGRATIONS[from];
    if (!step) throw new StoreError(`there is no migration from schema ${from}`, false);
    db.exec(`BEGIN; ${step} PRAGMA user_version = ${from + 1}; COMMIT;`);
  }
}

/** MIGRATIONS[n] takes schema n to n + 1. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE attempts (
     id TEXT PRIMARY KEY,
     quiz_id TEXT NOT NULL,
     student_name TEXT NOT NULL,
     settings TEXT NOT NULL,
     seed INTEGER NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('in-progress', 'submitted')),
     started_at TEXT NOT NULL,
     submitted_at TEXT
   );
   CREATE TABLE responses (
     attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
     question_id TEXT NOT NULL,
     response TEXT NOT NULL,
     points REAL NOT NULL,
     max_points REAL NOT NULL,
     verdict TEXT NOT NULL,
     answered_at TEXT NOT NULL,
     PRIMARY KEY (attempt_id, question_id)
   );
   PRAGMA application_id = ${APPLICATION_ID};`,
  // 1 → 2: classroom sessions. Each seat is an attempt, so answers, results and exports need nothing new.
  SESSIONS_MIGRATION,
  // 2 → 3: the teacher's mark overrides beside the original marks, and an index for results by quiz.
  MARKS_MIGRATION,
  // 3 → 4: the quiz version each attempt was taken on (the library's versions); earlier attempts were on version 1.
  `ALTER TABLE attempts ADD COLUMN quiz_version INTEGER NOT NULL DEFAULT 1;
   CREATE INDEX attempts_by_quiz_version ON attempts (quiz_id, quiz_version);`,
  // 4 → 5: what class results add up, stored with each answer (results-queries.ts), and the index they read.
  DERIVED_MIGRATION,
  // 5 → 6: that index ordered by question, and unreadable answers indexed apart (results-queries.ts).
  BY_QUESTION_MIGRATION,
];

function journalMode(db: DatabaseSync): string {
  return String((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toLowerCase();
}

function attemptRecord(row: unknown, what: string): AttemptRecord {
  return parseRow(AttemptRow, row, what);
}

/**
 * Group commit's limits (group-commit.ts): a batch is committed once this many writes are queued,
 * and up to this many syncs of the log run at once, so that on a slow disk the first students of
 * a burst are answered while the last are still being read. Two syncs leave Node's thread pool
 * (four threads) room for everything else.
 */
const MAX_BATCH = 64;
const MAX_SYNCS = 2;

/** SQLite's own checkpoint, on the writer's thread, only past this many pages of log (its default is 1,000): see checkpointer.ts. */
export const BACKSTOP_CHECKPOINT_PAGES = 10_000;

/** How many records of each kind the store keeps in memory (store/cache.ts): a whole hall's seats and attempts. */
export const KEPT_RECORDS = 5_000;

function wrap(db: DatabaseSync, file: string, options: StoreOptions): Store {
  const { synchronous = 'FULL', onCommitBatch: onBatch } = options;
  const defaultOnUnreadable = options.onUnreadable ?? warnUnreadable;
  // The session, seats and attempts that requests name are kept in memory; every statement
  // prepared through `prepare` that may change a row drops them, and so does every rollback.
  const caches = new RecordCaches(KEPT_RECORDS);
  const prepare = caches.preparer(db);
  const keptAttempts = caches.create<AttemptRecord>();
  const insertAttempt = prepare(
    `INSERT INTO attempts (id, quiz_id, student_name, settings, seed, status, started_at, submitted_at, quiz_version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectAttempt = prepare('SELECT * FROM attempts WHERE id = ?');
  // Answers touch only the responses table, which nothing keeps: the hot path drops nothing.
  const upsertResponse = db.prepare(
    `INSERT INTO responses (attempt_id, question_id, response, points, max_points, verdict, answered_at, response_type, choice, readable)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
     ON CONFLICT (attempt_id, question_id) DO UPDATE SET
       response = excluded.response, points = excluded.points, max_points = excluded.max_points,
       verdict = excluded.verdict, answered_at = excluded.answered_at,
       response_type = excluded.response_type, choice = excluded.choice, readable = 1,
       override_points = NULL, override_verdict = NULL, override_gaps = NULL, override_reason = NULL, overridden_at = NULL`,
  );
  const selectResponses = prepare(
    `SELECT question_id, response, ${POINTS} AS points, max_points, ${VERDICT} AS verdict, answered_at FROM responses r WHERE attempt_id = ? ORDER BY rowid`,
  );
  const updateSubmitted = prepare("UPDATE attempts SET status = 'submitted', submitted_at = ? WHERE id = ?");
  // NULL parameters switch a condition off, so one prepared statement serves every filter.
  const matches = `(:quizId IS NULL OR a.quiz_id = :quizId) AND (:status IS NULL OR a.status = :status)
    AND (:sessionId IS NULL OR a.id IN (SELECT attempt_id FROM seats WHERE session_id = :sessionId))`;
  const selectAttempts = prepare(`SELECT a.* FROM attempts a WHERE ${matches} ORDER BY a.started_at DESC, a.rowid DESC`);
  const selectResponsesWhere = prepare(
    `SELECT r.attempt_id, r.question_id, r.response, ${POINTS} AS points, r.max_points, ${VERDICT} AS verdict, r.answered_at
     FROM responses r JOIN attempts a ON a.id = r.attempt_id WHERE ${matches} ORDER BY r.rowid`,
  );
  const selectScoresWhere = prepare(
    `SELECT r.attempt_id, r.question_id, ${POINTS} AS points, r.max_points, ${VERDICT} AS verdict
     FROM responses r JOIN attempts a ON a.id = r.attempt_id WHERE ${matches} ORDER BY r.rowid`,
  );
  const countAttempts = db.prepare('SELECT quiz_id, quiz_version, count(*) AS n FROM attempts GROUP BY quiz_id, quiz_version');
  const deleteResponses = prepare('DELETE FROM responses WHERE attempt_id = ?');
  const deleteOneResponse = db.prepare('DELETE FROM responses WHERE attempt_id = ? AND question_id = ?');
  const deleteAttemptRow = prepare('DELETE FROM attempts WHERE id = ?');
  const filterParams = (f: AttemptFilter) => ({ quizId: f.quizId ?? null, status: f.status ?? null, sessionId: f.sessionId ?? null });
  const { tables: sessions, deleteSeatOf } = sessionTables({ prepare }, caches);
  let depth = 0;
  const wal = journalMode(db) === 'wal';
  // Checkpoints run in a thread of their own (checkpointer.ts). SQLite's own, inside a COMMIT on
  // this thread, stays as a backstop at ten times its usual size, for a log that a writer never
  // lets the worker finish (it would otherwise grow for as long as writes keep coming).
  const checkpointer = wal
    ? createCheckpointer(file, { onError: (message) => console.warn(`a checkpoint failed: ${message}`) })
    : undefined;
  if (checkpointer) db.exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  // Reads of responses, and writes that must come after the answers already given (a
  // submission, a deletion, a transaction), commit the queued answers first: nothing sees the
  // database without them, and nothing overtakes them.
  const answers = createGroupCommit(db, {
    onRollback: () => caches.clear(),
    // With FULL, the log is synced off the event loop after each batch's commit (group-commit.ts).
    ...(synchronous === 'FULL' && wal ? { log: walLogSync(file), maxSyncs: MAX_SYNCS, maxBatch: MAX_BATCH } : {}),
    onBatch: (size) => {
      checkpointer?.committed();
      onBatch?.(size);
    },
  });
  const writeResponse = (attemptId: string, r: ResponseRecord) => {
    const { responseType, choice } = derivedColumns(r.response);
    upsertResponse.run(
      attemptId,
      r.questionId,
      JSON.stringify(r.response),
      r.points,
      r.maxPoints,
      r.verdict,
      r.answeredAt,
      responseType,
      choice,
    );
  };

  const store: Store = {
    insertAttempt(a) {
      insertAttempt.run(
        a.id,
        a.quizId,
        a.studentName,
        JSON.stringify(a.settings),
        a.seed,
        a.status,
        a.startedAt,
        a.submittedAt,
        a.quizVersion ?? 1,
      );
    },
    getAttempt(id) {
      return keptAttempts.get(id, () => {
        const row = selectAttempt.get(id);
        return row === undefined ? undefined : attemptRecord(row, `attempt ${id}`);
      });
    },
    listAttempts(filter, onUnreadable = defaultOnUnreadable) {
      return selectAttempts.all(filterParams(filter)).flatMap((row) => parseListedRow(AttemptRow, row, onUnreadable) ?? []);
    },
    saveResponse(attemptId, r) {
      if (depth > 0) {
        writeResponse(attemptId, r);
        return Promise.resolve();
      }
      return answers.enqueue(() => writeResponse(attemptId, r));
    },
    deleteResponse(attemptId, questionId) {
      answers.flush(); // an emptied answer comes after the one it empties
      return Number(deleteOneResponse.run(attemptId, questionId).changes) > 0;
    },
    listResponses(attemptId, onUnreadable = defaultOnUnreadable) {
      answers.flush();
      return selectResponses
        .all(attemptId)
        .flatMap((row) => parseListedRow(ResponseRow, { attempt_id: attemptId, ...row }, onUnreadable) ?? []);
    },
    responsesByAttempt(filter, onUnreadable = defaultOnUnreadable) {
      answers.flush();
      const byAttempt = new Map<string, ResponseRecord[]>();
      for (const row of selectResponsesWhere.iterate(filterParams(filter))) {
        const record = parseListedRow(ResponseRow, row, onUnreadable);
        if (!record) continue;
        const attemptId = String(row['attempt_id']);
        const list = byAttempt.get(attemptId) ?? [];
        list.push(record);
        byAttempt.set(attemptId, list);
      }
      return byAttempt;
    },
    scoresByAttempt(filter, onUnreadable = defaultOnUnreadable) {
      answers.flush();
      const byAttempt = new Map<string, ScoreRecord[]>();
      for (const row of selectScoresWhere.iterate(filterParams(filter))) {
        const parsed = parseListedRow(ScoreRow, row, onUnreadable);
        if (!parsed) continue;
        const { attemptId, score } = parsed;
        const list = byAttempt.get(attemptId) ?? [];
        list.push(score);
        byAttempt.set(attemptId, list);
      }
      return byAttempt;
    },
    markSubmitted(attemptId, submittedAt) {
      answers.flush();
      updateSubmitted.run(submittedAt, attemptId);
    },
    deleteAttempt(attemptId) {
      // Explicit rather than left to ON DELETE CASCADE, which works only while the connection has
      // foreign_keys on: a teacher's delete must not leave a student's answers behind.
      return store.transaction(() => {
        deleteSeatOf(attemptId);
        deleteResponses.run(attemptId);
        return Number(deleteAttemptRow.run(attemptId).changes) > 0;
      });
    },
    async commitTogether(work) {
      if (depth > 0) return work(); // inside a transaction: written at once, with it
      let result: ReturnType<typeof work> | undefined;
      await answers.enqueue(() => {
        depth++;
        try {
          result = work();
        } finally {
          depth--;
        }
      });
      return result as ReturnType<typeof work>;
    },
    transaction(work) {
      // Nested calls join the outer transaction.
      if (depth > 0) return work();
      answers.flush();
      db.exec('BEGIN IMMEDIATE');
      depth++;
      try {
        const result = work();
        db.exec('COMMIT');
        checkpointer?.committed();
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        caches.clear(); // a record read inside the transaction may be one it wrote
        throw error;
      } finally {
        depth--;
      }
    },
    results: resultsQueries(
      db,
      () => answers.flush(),
      () => new DatabaseSync(file, { readOnly: true, timeout: BUSY_TIMEOUT_MS }),
    ),
    attemptCounts() {
      return countAttempts
        .all()
        .map((row) => ({ quizId: String(row['quiz_id']), quizVersion: Number(row['quiz_version']), count: Number(row['n']) }));
    },
    ...sessions,
    close() {
      answers.close();
      checkpointer?.close();
      db.close();
    },
  };
  return store;
}
