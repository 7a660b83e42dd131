import { DatabaseSync } from 'node:sqlite';
import { existsSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { Response } from '../core/scoring/response.ts';
import { AttemptSettings, SessionSettings, SessionState } from '../shared/contract.ts';

// Every answer is one committed row, written before the service replies, so a crash or a
// power cut loses nothing that a student was told was saved.

/** 'EVID' as a 32-bit integer: marks a database file as ours, so a foreign one is never reused. */
const APPLICATION_ID = 0x45564944;
const SCHEMA_VERSION = 2;

const Verdict = z.enum(['correct', 'partial', 'incorrect']);
const Json = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
    return z.NEVER;
  }
});

const AttemptRow = z.object({
  id: z.string(),
  quiz_id: z.string(),
  student_name: z.string(),
  settings: Json.pipe(AttemptSettings),
  seed: z.int(),
  status: z.enum(['in-progress', 'submitted']),
  started_at: z.string(),
  submitted_at: z.string().nullable(),
});
export type AttemptRecord = {
  id: string;
  quizId: string;
  studentName: string;
  settings: AttemptSettings;
  seed: number;
  status: 'in-progress' | 'submitted';
  startedAt: string;
  submittedAt: string | null;
};

const ResponseRow = z.object({
  question_id: z.string(),
  response: Json.pipe(Response),
  points: z.number(),
  max_points: z.number(),
  verdict: Verdict,
  answered_at: z.string(),
});
export type ResponseRecord = {
  questionId: string;
  response: Response;
  points: number;
  maxPoints: number;
  verdict: z.infer<typeof Verdict>;
  answeredAt: string;
};

export type ScoreRecord = Pick<ResponseRecord, 'questionId' | 'points' | 'maxPoints' | 'verdict'>;

const ScoreRow = z.object({ attempt_id: z.string(), question_id: z.string(), points: z.number(), max_points: z.number(), verdict: Verdict });

const SessionRow = z.object({
  id: z.string(),
  quiz_id: z.string(),
  settings: Json.pipe(SessionSettings),
  join_code: z.string(),
  state: SessionState,
  review_released: z.int(),
  host: z.string(),
  port: z.int(),
  created_at: z.string(),
  ended_at: z.string().nullable(),
});
export type SessionRecord = {
  id: string;
  quizId: string;
  settings: SessionSettings;
  joinCode: string;
  state: SessionState;
  reviewReleased: boolean;
  host: string;
  port: number;
  createdAt: string;
  endedAt: string | null;
};

const SeatRow = z.object({
  token_hash: z.string(),
  session_id: z.string(),
  attempt_id: z.string(),
  name: z.string(),
  removed: z.int(),
  joined_at: z.string(),
});
/** A student's place in a session. Only a hash of the seat token is kept: a copied database hands out no seats. */
export type SeatRecord = {
  tokenHash: string;
  sessionId: string;
  attemptId: string;
  name: string;
  removed: boolean;
  joinedAt: string;
};

export class StoreError extends Error {
  override name = 'StoreError';
  /** Whether the file is unusable as it stands (foreign or damaged), as opposed to merely newer. */
  readonly unusable: boolean;
  constructor(message: string, unusable: boolean) {
    super(message);
    this.unusable = unusable;
  }
}

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

export interface Store {
  insertAttempt(attempt: AttemptRecord): void;
  getAttempt(id: string): AttemptRecord | undefined;
  /** Newest first. */
  listAttempts(filter: AttemptFilter): AttemptRecord[];
  saveResponse(attemptId: string, record: ResponseRecord): void;
  listResponses(attemptId: string): ResponseRecord[];
  /** The responses of every attempt the filter matches, by attempt id, each list in the order given. */
  responsesByAttempt(filter: AttemptFilter): Map<string, ResponseRecord[]>;
  /** Like responsesByAttempt, but only the scores: no response to read back, so a long list stays cheap. */
  scoresByAttempt(filter: AttemptFilter): Map<string, ScoreRecord[]>;
  markSubmitted(attemptId: string, submittedAt: string): void;
  /** Deletes the attempt and its responses in one transaction; false when there was no such attempt. */
  deleteAttempt(attemptId: string): boolean;
  /** Runs `work` in one transaction: all of its writes are kept, or none. */
  transaction<T>(work: () => T): T;

  insertSession(session: SessionRecord): void;
  /** Removes a session that never opened (its server could not listen): it has no seats yet. */
  deleteUnopenedSession(id: string): void;
  getSession(id: string): SessionRecord | undefined;
  /** Sessions not yet ended, newest first: what to resume after a restart. */
  unendedSessions(): SessionRecord[];
  updateSession(id: string, change: Partial<Pick<SessionRecord, 'state' | 'reviewReleased' | 'endedAt' | 'port'>>): void;
  insertSeat(seat: SeatRecord): void;
  seatByToken(sessionId: string, tokenHash: string): SeatRecord | undefined;
  /** In joining order. */
  listSeats(sessionId: string): SeatRecord[];
  setSeatRemoved(sessionId: string, attemptId: string, removed: boolean): boolean;
  close(): void;
}

export interface StoreOptions {
  /**
   * FULL (the default) syncs the write-ahead log on every commit, so an answer the student was
   * told is saved survives a power cut, not only a crash. NORMAL exists for the benchmark that
   * measures what FULL costs; the app never passes it.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

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
  try {
    return openExisting(file, options);
  } catch (error) {
    // A locked or newer database is left alone; only a foreign or damaged file is set aside.
    if (!existsSync(file) || !isUnusableFile(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const movedTo = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, movedTo);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
    }
    onSetAside(movedTo, reason);
    return openExisting(file, options);
  }
}

function openExisting(file: string, options: StoreOptions): Store {
  const db = new DatabaseSync(file);
  try {
    migrate(db, file, options.synchronous ?? 'FULL');
  } catch (error) {
    db.close();
    throw error;
  }
  return wrap(db);
}

function migrate(db: DatabaseSync, file: string, synchronous: 'FULL' | 'NORMAL'): void {
  const { application_id: appId } = db.prepare('PRAGMA application_id').get() as { application_id: number };
  const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  const tableCount = (db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number }).n;
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
const MIGRATIONS: readonly string[] = [
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
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     quiz_id TEXT NOT NULL,
     settings TEXT NOT NULL,
     join_code TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('open', 'locked', 'ended')),
     review_released INTEGER NOT NULL DEFAULT 0,
     host TEXT NOT NULL,
     port INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     ended_at TEXT
   );
   CREATE TABLE seats (
     token_hash TEXT PRIMARY KEY,
     session_id TEXT NOT NULL REFERENCES sessions(id),
     attempt_id TEXT NOT NULL UNIQUE REFERENCES attempts(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     removed INTEGER NOT NULL DEFAULT 0,
     joined_at TEXT NOT NULL
   );
   CREATE INDEX seats_by_session ON seats (session_id);`,
];

function parseRow<T>(schema: z.ZodType<T>, row: unknown, what: string): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ');
    throw new StoreError(`a stored ${what} is unreadable (${where})`, false);
  }
  return parsed.data;
}

function attemptRecord(row: unknown, what: string): AttemptRecord {
  const r = parseRow(AttemptRow, row, what);
  return {
    id: r.id,
    quizId: r.quiz_id,
    studentName: r.student_name,
    settings: r.settings,
    seed: r.seed,
    status: r.status,
    startedAt: r.started_at,
    submittedAt: r.submitted_at,
  };
}

function sessionRecord(row: unknown): SessionRecord {
  const r = parseRow(SessionRow, row, 'session');
  return {
    id: r.id,
    quizId: r.quiz_id,
    settings: r.settings,
    joinCode: r.join_code,
    state: r.state,
    reviewReleased: r.review_released !== 0,
    host: r.host,
    port: r.port,
    createdAt: r.created_at,
    endedAt: r.ended_at,
  };
}

function seatRecord(row: unknown): SeatRecord {
  const r = parseRow(SeatRow, row, 'seat');
  return { tokenHash: r.token_hash, sessionId: r.session_id, attemptId: r.attempt_id, name: r.name, removed: r.removed !== 0, joinedAt: r.joined_at };
}

function responseRecord(row: unknown, what: string): ResponseRecord {
  const r = parseRow(ResponseRow, row, what);
  return {
    questionId: r.question_id,
    response: r.response,
    points: r.points,
    maxPoints: r.max_points,
    verdict: r.verdict,
    answeredAt: r.answered_at,
  };
}

function wrap(db: DatabaseSync): Store {
  const insertAttempt = db.prepare(
    `INSERT INTO attempts (id, quiz_id, student_name, settings, seed, status, started_at, submitted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectAttempt = db.prepare('SELECT * FROM attempts WHERE id = ?');
  const upsertResponse = db.prepare(
    `INSERT INTO responses (attempt_id, question_id, response, points, max_points, verdict, answered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (attempt_id, question_id) DO UPDATE SET
       response = excluded.response, points = excluded.points, max_points = excluded.max_points,
       verdict = excluded.verdict, answered_at = excluded.answered_at`,
  );
  const selectResponses = db.prepare(
    'SELECT question_id, response, points, max_points, verdict, answered_at FROM responses WHERE attempt_id = ? ORDER BY rowid',
  );
  const updateSubmitted = db.prepare("UPDATE attempts SET status = 'submitted', submitted_at = ? WHERE id = ?");
  // NULL parameters switch a condition off, so one prepared statement serves every filter.
  const matches = `(:quizId IS NULL OR a.quiz_id = :quizId) AND (:status IS NULL OR a.status = :status)
    AND (:sessionId IS NULL OR a.id IN (SELECT attempt_id FROM seats WHERE session_id = :sessionId))`;
  const selectAttempts = db.prepare(`SELECT a.* FROM attempts a WHERE ${matches} ORDER BY a.started_at DESC, a.rowid DESC`);
  const selectResponsesWhere = db.prepare(
    `SELECT r.attempt_id, r.question_id, r.response, r.points, r.max_points, r.verdict, r.answered_at
     FROM responses r JOIN attempts a ON a.id = r.attempt_id WHERE ${matches} ORDER BY r.rowid`,
  );
  const selectScoresWhere = db.prepare(
    `SELECT r.attempt_id, r.question_id, r.points, r.max_points, r.verdict
     FROM responses r JOIN attempts a ON a.id = r.attempt_id WHERE ${matches} ORDER BY r.rowid`,
  );
  const deleteResponses = db.prepare('DELETE FROM responses WHERE attempt_id = ?');
  const deleteAttemptRow = db.prepare('DELETE FROM attempts WHERE id = ?');
  const filterParams = (f: AttemptFilter) => ({ quizId: f.quizId ?? null, status: f.status ?? null, sessionId: f.sessionId ?? null });
  const deleteSeat = db.prepare('DELETE FROM seats WHERE attempt_id = ?');
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, quiz_id, settings, join_code, state, review_released, host, port, created_at, ended_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const deleteSessionWithoutSeats = db.prepare('DELETE FROM sessions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM seats WHERE session_id = ?)');
  const selectSession = db.prepare('SELECT * FROM sessions WHERE id = ?');
  const selectUnended = db.prepare("SELECT * FROM sessions WHERE state <> 'ended' ORDER BY created_at DESC, rowid DESC");
  const updateSession = db.prepare(
    `UPDATE sessions SET state = coalesce(:state, state), review_released = coalesce(:released, review_released),
       ended_at = coalesce(:endedAt, ended_at), port = coalesce(:port, port) WHERE id = :id`,
  );
  const insertSeat = db.prepare(
    'INSERT INTO seats (token_hash, session_id, attempt_id, name, removed, joined_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectSeat = db.prepare('SELECT * FROM seats WHERE session_id = ? AND token_hash = ?');
  const selectSeats = db.prepare('SELECT * FROM seats WHERE session_id = ? ORDER BY rowid');
  const updateSeatRemoved = db.prepare('UPDATE seats SET removed = ? WHERE session_id = ? AND attempt_id = ?');
  let depth = 0;

  return {
    insertAttempt(a) {
      insertAttempt.run(a.id, a.quizId, a.studentName, JSON.stringify(a.settings), a.seed, a.status, a.startedAt, a.submittedAt);
    },
    getAttempt(id) {
      const row = selectAttempt.get(id);
      if (row === undefined) return undefined;
      return attemptRecord(row, `attempt ${id}`);
    },
    listAttempts(filter) {
      return selectAttempts.all(filterParams(filter)).map((row) => attemptRecord(row, 'attempt'));
    },
    saveResponse(attemptId, r) {
      upsertResponse.run(attemptId, r.questionId, JSON.stringify(r.response), r.points, r.maxPoints, r.verdict, r.answeredAt);
    },
    listResponses(attemptId) {
      return selectResponses.all(attemptId).map((row) => responseRecord(row, `response of attempt ${attemptId}`));
    },
    responsesByAttempt(filter) {
      const byAttempt = new Map<string, ResponseRecord[]>();
      for (const row of selectResponsesWhere.iterate(filterParams(filter))) {
        const attemptId = String(row['attempt_id']);
        const list = byAttempt.get(attemptId) ?? [];
        list.push(responseRecord(row, `response of attempt ${attemptId}`));
        byAttempt.set(attemptId, list);
      }
      return byAttempt;
    },
    scoresByAttempt(filter) {
      const byAttempt = new Map<string, ScoreRecord[]>();
      for (const row of selectScoresWhere.iterate(filterParams(filter))) {
        const r = parseRow(ScoreRow, row, 'response score');
        const list = byAttempt.get(r.attempt_id) ?? [];
        list.push({ questionId: r.question_id, points: r.points, maxPoints: r.max_points, verdict: r.verdict });
        byAttempt.set(r.attempt_id, list);
      }
      return byAttempt;
    },
    markSubmitted(attemptId, submittedAt) {
      updateSubmitted.run(submittedAt, attemptId);
    },
    deleteAttempt(attemptId) {
      // Explicit rather than left to ON DELETE CASCADE, which works only while the connection has
      // foreign_keys on: a teacher's delete must not leave a student's answers behind.
      db.exec('BEGIN IMMEDIATE');
      try {
        deleteSeat.run(attemptId);
        deleteResponses.run(attemptId);
        const { changes } = deleteAttemptRow.run(attemptId);
        db.exec('COMMIT');
        return Number(changes) > 0;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    transaction(work) {
      // Nested calls join the outer transaction.
      if (depth > 0) return work();
      db.exec('BEGIN IMMEDIATE');
      depth++;
      try {
        const result = work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      } finally {
        depth--;
      }
    },
    insertSession(x) {
      insertSession.run(x.id, x.quizId, JSON.stringify(x.settings), x.joinCode, x.state, x.reviewReleased ? 1 : 0, x.host, x.port, x.createdAt, x.endedAt);
    },
    deleteUnopenedSession(id) {
      deleteSessionWithoutSeats.run(id, id);
    },
    getSession(id) {
      const row = selectSession.get(id);
      return row === undefined ? undefined : sessionRecord(row);
    },
    unendedSessions() {
      return selectUnended.all().map(sessionRecord);
    },
    updateSession(id, change) {
      updateSession.run({
        id,
        state: change.state ?? null,
        released: change.reviewReleased === undefined ? null : change.reviewReleased ? 1 : 0,
        endedAt: change.endedAt ?? null,
        port: change.port ?? null,
      });
    },
    insertSeat(x) {
      insertSeat.run(x.tokenHash, x.sessionId, x.attemptId, x.name, x.removed ? 1 : 0, x.joinedAt);
    },
    seatByToken(sessionId, tokenHash) {
      const row = selectSeat.get(sessionId, tokenHash);
      return row === undefined ? undefined : seatRecord(row);
    },
    listSeats(sessionId) {
      return selectSeats.all(sessionId).map(seatRecord);
    },
    setSeatRemoved(sessionId, attemptId, removed) {
      return Number(updateSeatRemoved.run(removed ? 1 : 0, sessionId, attemptId).changes) > 0;
    },
    close() {
      db.close();
    },
  };
}
