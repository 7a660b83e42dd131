import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import { openStore } from '../../src/service/store.ts';
import { addressOf, classroomHarness, LAN, send, student, type ClassroomHarness } from './classroom-fixtures.ts';
import { seedQuiz, tempDir } from './fixtures.ts';

const quiz = seedQuiz();
let harness: ClassroomHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('a teacher restart mid-session', () => {
  it('brings the session back from the database, on the same address, and students keep their seats', async () => {
    harness = await classroomHarness();
    const session = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
    const call = student(session.port, addressOf(1));
    const { token } = (await call('join', { code: session.joinCode, name: 'Ada' })).json.value as { token: string };
    const [q1, q2] = quiz.questions as [(typeof quiz.questions)[0], (typeof quiz.questions)[0]];
    expect((await call('answer', { token, questionId: q1.id, response: correctResponse(q1) })).status).toBe(200);

    // The app quits: the server stops (the port is free), the session stays open in the database.
    await harness.classroom.stop();
    await expect(send(LAN.address, session.port, 'GET', '/')).rejects.toThrow(/ECONNREFUSED/);
    harness = await harness.restart();

    const status = harness.service.sessionStatus({})!;
    expect(status.sessionId).toBe(session.sessionId);
    expect(status.listening).toBe(true);
    expect(status.port).toBe(session.port);
    expect(status.joinCode).toBe(session.joinCode);
    expect(status.students.map((s) => [s.name, s.answered])).toEqual([['Ada', 1]]);

    const seat = await call('seat', { token });
    expect(seat.status).toBe(200);
    expect(seat.json.value.attempt.answers).toHaveLength(1);
    expect((await call('answer', { token, questionId: q2.id, response: correctResponse(q2) })).status).toBe(200);
    expect(harness.service.sessionStatus({})!.students[0]!.answered).toBe(2);
  });

  it('says so on the dashboard when the port is taken after the restart, and can still be ended', async () => {
    harness = await classroomHarness();
    const session = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
    await harness.classroom.stop();
    // Something else took the port while the app was closed.
    const squatter = await classroomHarness();
    const other = await squatter.service.startSession({
      quizId: quiz.id,
      settings: { shuffle: false },
      host: LAN.address,
      port: session.port,
    });
    expect(other.port).toBe(session.port);
    harness = await harness.restart();
    const status = harness.service.sessionStatus({})!;
    expect(status.listening).toBe(false);
    expect(status.serverProblem).toMatch(/could not reopen/);
    expect(harness.service.endSession({ sessionId: session.sessionId }).state).toBe('ended');
    await squatter.close();
  });
});

describe('the session tables migration', () => {
  it('brings a schema-1 database to the current schema and keeps its attempts and answers (on quiz version 1)', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'evident.db');
      const old = new DatabaseSync(file);
      // Schema 1, as Evident 0.1 wrote it.
      old.exec(`
        CREATE TABLE attempts (id TEXT PRIMARY KEY, quiz_id TEXT NOT NULL, student_name TEXT NOT NULL, settings TEXT NOT NULL,
          seed INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('in-progress', 'submitted')), started_at TEXT NOT NULL, submitted_at TEXT);
        CREATE TABLE responses (attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE, question_id TEXT NOT NULL,
          response TEXT NOT NULL, points REAL NOT NULL, max_points REAL NOT NULL, verdict TEXT NOT NULL, answered_at TEXT NOT NULL,
          PRIMARY KEY (attempt_id, question_id));
        PRAGMA application_id = ${0x45564944};
        PRAGMA user_version = 1;
        INSERT INTO attempts VALUES ('11111111-1111-4111-8111-111111111111', 'north-korea-un', 'Ada', '{"feedback":"deferred","shuffle":false}', 7, 'submitted', '2026-01-01T09:00:00.000Z', '2026-01-01T09:30:00.000Z');
        INSERT INTO responses VALUES ('11111111-1111-4111-8111-111111111111', 'q1', '{"type":"short-answer","text":"x"}', 0, 1, 'incorrect', '2026-01-01T09:10:00.000Z');
      `);
      old.close();

      const store = openStore(file);
      expect(store.getAttempt('11111111-1111-4111-8111-111111111111')).toMatchObject({ studentName: 'Ada', quizVersion: 1 });
      expect(store.listResponses('11111111-1111-4111-8111-111111111111')).toHaveLength(1);
      expect(store.unendedSessions()).toEqual([]);
      store.close();

      const check = new DatabaseSync(file, { readOnly: true });
      expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: 6 });
      const tables = check
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all()
        .map((r) => r['name']);
      expect(tables).toEqual(['attempts', 'responses', 'seats', 'sessions']);
      check.close();
    } finally {
      cleanup();
    }
  });

  it('keeps a seat from outliving its attempt when the teacher deletes it', async () => {
    harness = await classroomHarness();
    const session = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
    const call = student(session.port, addressOf(2));
    const joined = (await call('join', { code: session.joinCode, name: 'Gone' })).json.value as {
      token: string;
      seat: { attempt: { attemptId: string } };
    };
    harness.service.deleteAttempt({ attemptId: joined.seat.attempt.attemptId });
    expect(harness.service.sessionStatus({})!.students).toEqual([]);
    expect((await call('seat', { token: joined.token })).status).toBe(403);
  });

  it('refuses a start on a taken port with a clear error, and leaves no session behind', async () => {
    const squatter = await classroomHarness();
    const taken = await squatter.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
    harness = await classroomHarness();
    await expect(
      harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: taken.port }),
    ).rejects.toThrow(
      expect.objectContaining({
        reason: 'port-unavailable',
        message: expect.stringMatching(/could not listen on .*another program is using that port/),
      }),
    );
    expect(harness.service.sessionStatus({})).toBeNull();
    expect(harness.store.unendedSessions()).toEqual([]);
    const raw = new DatabaseSync(join(harness.dir, 'evident.db'));
    expect(raw.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    raw.close();
    // And a start on a free port still works.
    const started = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
    expect(started.state).toBe('open');
    await squatter.close();
  });
});
