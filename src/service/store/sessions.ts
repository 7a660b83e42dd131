import type { StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { TimeLimitMinutes } from '../../core/attempt.ts';
import { SessionState } from '../../core/classroom/session-state.ts';
import type { RecordCaches } from './cache.ts';
import { Flag, Json, parseRow } from './rows.ts';

// The classroom session tables: a session, and a seat per student. Each seat is an attempt,
// so answers, results and exports live in the attempt tables and need nothing here.

/** Schema 1 → 2 (see the migrations in store.ts). */
export const SESSIONS_MIGRATION = `CREATE TABLE sessions (
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
   CREATE INDEX seats_by_session ON seats (session_id);`;

/**
 * A session's settings as stored: the store's own schema, not the wire's (see
 * StoredAttemptSettings). Sessions arrived with schema 2, shuffle with them, so it is required.
 * Feedback is not among them: a session's attempts are always deferred.
 */
export const StoredSessionSettings = z.object({
  shuffle: z.boolean(),
  timeLimitMinutes: TimeLimitMinutes.optional(),
});

const SessionRow = z
  .object({
    id: z.string(),
    quiz_id: z.string(),
    settings: Json.pipe(StoredSessionSettings),
    join_code: z.string(),
    state: SessionState,
    review_released: Flag,
    host: z.string(),
    port: z.int(),
    created_at: z.string(),
    ended_at: z.string().nullable(),
  })
  .transform((r) => ({
    id: r.id,
    quizId: r.quiz_id,
    settings: r.settings,
    joinCode: r.join_code,
    state: r.state,
    reviewReleased: r.review_released,
    host: r.host,
    port: r.port,
    createdAt: r.created_at,
    endedAt: r.ended_at,
  }));
export type SessionRecord = z.output<typeof SessionRow>;

const SeatRow = z
  .object({
    token_hash: z.string(),
    session_id: z.string(),
    attempt_id: z.string(),
    name: z.string(),
    removed: Flag,
    joined_at: z.string(),
  })
  .transform((r) => ({
    tokenHash: r.token_hash,
    sessionId: r.session_id,
    attemptId: r.attempt_id,
    name: r.name,
    removed: r.removed,
    joinedAt: r.joined_at,
  }));
/** A student's place in a session. Only a hash of the seat token is kept: a copied database hands out no seats. */
export type SeatRecord = z.output<typeof SeatRow>;

export interface SessionTables {
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
  /** The sessions run on a quiz, newest first, with their seats counted (results' way in). */
  sessionsOfQuiz(quizId: string): SessionOfQuiz[];
  /** When each attempt at a quiz outside any session started, newest first. */
  practiceStarts(quizId: string): { startedAt: string; submitted: boolean }[];
}

export interface SessionOfQuiz {
  id: string;
  createdAt: string;
  endedAt: string | null;
  state: SessionRecord['state'];
  students: number;
  submitted: number;
}

/**
 * The session tables' statements on `db`, plus what the attempt tables need of them. The session
 * and the seats that requests name are kept in `caches` (store/cache.ts), whose `db` drops them
 * on any change.
 */
export function sessionTables(
  db: { prepare(sql: string): StatementSync },
  caches: RecordCaches,
): { tables: SessionTables; deleteSeatOf(attemptId: string): void } {
  const keptSessions = caches.create<SessionRecord>();
  const keptSeats = caches.create<SeatRecord>();
  const deleteSeat = db.prepare('DELETE FROM seats WHERE attempt_id = ?');
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, quiz_id, settings, join_code, state, review_released, host, port, created_at, ended_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const deleteSessionWithoutSeats = db.prepare(
    'DELETE FROM sessions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM seats WHERE session_id = ?)',
  );
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
  const selectSessionsOfQuiz = db.prepare(
    `SELECT s.id, s.created_at, s.ended_at, s.state, count(t.attempt_id) AS students,
       coalesce(sum(a.status = 'submitted'), 0) AS submitted
     FROM sessions s LEFT JOIN seats t ON t.session_id = s.id LEFT JOIN attempts a ON a.id = t.attempt_id
     WHERE s.quiz_id = ? GROUP BY s.id ORDER BY s.created_at DESC, s.rowid DESC`,
  );
  const selectPracticeStarts = db.prepare(
    `SELECT a.started_at, a.status FROM attempts a
     WHERE a.quiz_id = ? AND NOT EXISTS (SELECT 1 FROM seats t WHERE t.attempt_id = a.id) ORDER BY a.started_at DESC`,
  );
  const updateSeatRemoved = db.prepare('UPDATE seats SET removed = ? WHERE session_id = ? AND attempt_id = ?');
  const sessionRecord = (row: unknown) => parseRow(SessionRow, row, 'session');
  const seatRecord = (row: unknown) => parseRow(SeatRow, row, 'seat');

  const tables: SessionTables = {
    insertSession(x) {
      insertSession.run(
        x.id,
        x.quizId,
        JSON.stringify(x.settings),
        x.joinCode,
        x.state,
        x.reviewReleased ? 1 : 0,
        x.host,
        x.port,
        x.createdAt,
        x.endedAt,
      );
    },
    deleteUnopenedSession(id) {
      deleteSessionWithoutSeats.run(id, id);
    },
    getSession(id) {
      return keptSessions.get(id, () => {
        const row = selectSession.get(id);
        return row === undefined ? undefined : sessionRecord(row);
      });
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
      return keptSeats.get(`${sessionId} ${tokenHash}`, () => {
        const row = selectSeat.get(sessionId, tokenHash);
        return row === undefined ? undefined : seatRecord(row);
      });
    },
    listSeats(sessionId) {
      return selectSeats.all(sessionId).map(seatRecord);
    },
    setSeatRemoved(sessionId, attemptId, removed) {
      return Number(updateSeatRemoved.run(removed ? 1 : 0, sessionId, attemptId).changes) > 0;
    },
    sessionsOfQuiz(quizId) {
      return selectSessionsOfQuiz.all(quizId).map((row) => ({
        id: String(row['id']),
        createdAt: String(row['created_at']),
        endedAt: row['ended_at'] === null ? null : String(row['ended_at']),
        state: SessionState.parse(row['state']),
        students: Number(row['students']),
        submitted: Number(row['submitted']),
      }));
    },
    practiceStarts(quizId) {
      return selectPracticeStarts
        .all(quizId)
        .map((row) => ({ startedAt: String(row['started_at']), submitted: row['status'] === 'submitted' }));
    },
  };
  return {
    tables,
    deleteSeatOf(attemptId) {
      deleteSeat.run(attemptId);
    },
  };
}
