import { get, type IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import { attemptScore } from '../../src/core/results/attempt-score.ts';
import { liveResults } from '../../src/core/results/live.ts';
import type { AnswerScore } from '../../src/core/results/types.ts';
import { LiveSession } from '../../src/service/classroom/dashboard.ts';
import { FeedWatches, MAX_WATCHES_PER_PAGE } from '../../src/service/classroom/feed-watches.ts';
import { startHttpServer, type RunningServer } from '../../src/service/http.ts';
import type { SessionRecord } from '../../src/service/store.ts';
import { SESSION_EVENTS_PATH } from '../../src/shared/channels.ts';
import type { SessionEvent, SessionStatus } from '../../src/shared/contract.ts';
import { applySessionEvent } from '../../src/renderer/src/lib/session-status.ts';
import { addressOf, classroomHarness, LAN, LOOPBACK, send, student, type ClassroomHarness } from './classroom-fixtures.ts';
import { seedQuiz, tempDir } from './fixtures.ts';

// The live dashboard: kept in memory and updated per answer (never recounted from the rows),
// pushed as a snapshot and then updates. Checked three ways: the incremental figures against a
// count from scratch over random histories; the renderer's merge of the updates against the
// whole status; and the server-sent events end to end on loopback.

const quiz = seedQuiz();
const sentenceOrder = quiz.article.sentences.map((s) => s.id);

const sessionRecord: SessionRecord = {
  id: '22222222-2222-4222-8222-222222222222',
  quizId: quiz.id,
  settings: { shuffle: false },
  joinCode: 'ABC234',
  state: 'open',
  reviewReleased: false,
  host: '127.0.0.1',
  port: 4320,
  createdAt: '2026-11-27T09:00:00.000Z',
  endedAt: null,
};

const attemptIdOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

type Step =
  | { op: 'join'; student: number }
  | { op: 'answer'; student: number; question: number; verdict: AnswerScore['verdict'] }
  | { op: 'clear'; student: number; question: number }
  | { op: 'submit'; student: number }
  | { op: 'remove'; student: number; removed: boolean }
  | { op: 'delete'; student: number }
  | { op: 'push' };

// Four students, and a second answer arbitrary over the first four questions only, so that a
// history often joins before answering and answers one question again (the cases that matter).
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('join' as const), student: fc.nat(3) }),
  fc.record({
    op: fc.constant('answer' as const),
    student: fc.nat(3),
    question: fc.nat(quiz.questions.length - 1),
    verdict: fc.constantFrom('correct' as const, 'partial' as const, 'incorrect' as const),
  }),
  fc.record({
    op: fc.constant('answer' as const),
    student: fc.nat(3),
    question: fc.nat(3),
    verdict: fc.constantFrom('correct' as const, 'incorrect' as const),
  }),
  fc.record({ op: fc.constant('clear' as const), student: fc.nat(3), question: fc.nat(3) }),
  fc.record({ op: fc.constant('submit' as const), student: fc.nat(3) }),
  fc.record({ op: fc.constant('remove' as const), student: fc.nat(3), removed: fc.boolean() }),
  fc.record({ op: fc.constant('delete' as const), student: fc.nat(3) }),
  fc.record({ op: fc.constant('push' as const) }),
);

interface ModelSeat {
  attemptId: string;
  name: string;
  removed: boolean;
  status: 'in-progress' | 'submitted';
  answers: Map<string, AnswerScore>;
}

describe('the live dashboard, kept per answer', () => {
  it('always shows what counting every answer from scratch shows, and the pushed updates rebuild it exactly', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 120 }), (steps) => {
        const live = new LiveSession(sessionRecord, quiz);
        const server = { listening: true };
        const model = new Map<string, ModelSeat>();
        const deleted = new Set<string>();
        let shown: SessionStatus | null = applySessionEvent(null, { kind: 'snapshot', status: live.status(server) });
        for (const s of steps) {
          if (s.op === 'push') {
            const update = live.takeUpdate(server);
            if (update) shown = applySessionEvent(shown, { kind: 'update', update });
            continue;
          }
          const id = attemptIdOf(s.student);
          const seat = model.get(id);
          if (s.op === 'join') {
            if (seat || deleted.has(id)) continue; // a seat joins once; a deleted attempt's id is never reused
            model.set(id, { attemptId: id, name: `S${s.student}`, removed: false, status: 'in-progress', answers: new Map() });
            live.join({
              tokenHash: 'x',
              sessionId: sessionRecord.id,
              attemptId: id,
              name: `S${s.student}`,
              removed: false,
              joinedAt: '2026-11-27T09:01:00.000Z',
            });
          } else if (!seat) {
            continue;
          } else if (s.op === 'answer') {
            const q = quiz.questions[s.question]!;
            const score: AnswerScore = {
              questionId: q.id,
              points: s.verdict === 'correct' ? q.points : 0,
              maxPoints: q.points,
              verdict: s.verdict,
            };
            seat.answers.set(q.id, score);
            live.answer(id, score);
          } else if (s.op === 'clear') {
            // The student emptied an answer (or one never given): the question is unanswered again.
            const q = quiz.questions[s.question]!;
            seat.answers.delete(q.id);
            live.clear(id, q.id, '2026-11-27T09:30:00.000Z');
          } else if (s.op === 'submit') {
            seat.status = 'submitted';
            live.submit(id);
          } else if (s.op === 'remove') {
            seat.removed = s.removed;
            live.setRemoved(id, s.removed);
          } else {
            model.delete(id);
            deleted.add(id);
            live.forget(id);
          }
        }
        const status = live.status(server);
        const counted = [...model.values()]
          .filter((seat) => !seat.removed)
          .map((seat) => ({
            id: seat.attemptId,
            quizId: quiz.id,
            studentName: seat.name,
            status: seat.status,
            startedAt: '',
            submittedAt: null,
            answers: [...seat.answers.values()],
          }));
        const expected = liveResults(quiz.questions, sentenceOrder, counted);
        expect(status.questions).toEqual(expected.questions);
        expect(status.sentences).toEqual(expected.sentences);
        expect(status.students.map((s) => s.attemptId)).toEqual([...model.keys()]);
        for (const row of status.students) {
          const seat = model.get(row.attemptId)!;
          expect(row).toMatchObject({
            status: seat.status,
            removed: seat.removed,
            ...attemptScore(quiz.questions, [...seat.answers.values()]),
          });
        }
        // The renderer's copy, built from the snapshot and the updates alone, is the same status.
        const last = live.takeUpdate(server);
        if (last) shown = applySessionEvent(shown, { kind: 'update', update: last });
        expect(shown).toEqual(status);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out an update older than what the screen already shows, and takes a snapshot whole', () => {
    const live = new LiveSession(sessionRecord, quiz);
    const server = { listening: true };
    live.join({
      tokenHash: 'x',
      sessionId: sessionRecord.id,
      attemptId: attemptIdOf(1),
      name: 'Ada',
      removed: false,
      joinedAt: '2026-11-27T09:01:00.000Z',
    });
    const stale = live.takeUpdate(server)!;
    live.touch({ ...sessionRecord, state: 'locked' });
    const newer = live.status(server); // a control's reply, overtaking the push
    expect(applySessionEvent(newer, { kind: 'update', update: stale })).toBe(newer);
    expect(applySessionEvent(newer, { kind: 'update', update: { ...stale, sessionId: attemptIdOf(9) } })).toBe(newer);
    const fresh = new LiveSession(sessionRecord, quiz).status(server);
    expect(applySessionEvent(newer, { kind: 'snapshot', status: fresh })).toBe(fresh);
  });
});

describe('watches from the desktop app’s pages', () => {
  it('parses what the page sends, ends a page’s watches with it, and bounds them', () => {
    const open = new Set<string>();
    const TOKEN = 'the-teachers-session-token';
    const callers: (string | undefined)[] = [];
    const watch = (sessionId: string, _watcher: unknown, caller: { teacherToken?: string | undefined }) => {
      callers.push(caller.teacherToken);
      if (sessionId !== sessionRecord.id) throw Object.assign(new Error('x'), { name: 'ServiceError' });
      const key = `${Math.random()}`;
      open.add(key);
      return () => open.delete(key);
    };
    const watches = new FeedWatches(watch);
    const sent: number[] = [];
    expect(watches.start(1, 'one', sessionRecord.id, TOKEN, (id) => sent.push(id))).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(watches.start(1, 1, 'not a session', TOKEN, (id) => sent.push(id))).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(watches.start(1, 1, sessionRecord.id, TOKEN, (id) => sent.push(id))).toEqual({ ok: true, value: null });
    expect(watches.start(1, 1, sessionRecord.id, TOKEN, (id) => sent.push(id))).toEqual({ ok: true, value: null }); // the same id again replaces it
    expect(watches.start(2, 1, sessionRecord.id, TOKEN, (id) => sent.push(id))).toEqual({ ok: true, value: null });
    expect(open.size).toBe(2);
    watches.stop(2, 1);
    expect(open.size).toBe(1);
    for (let id = 2; id <= MAX_WATCHES_PER_PAGE; id++) expect(watches.start(1, id, sessionRecord.id, TOKEN, () => {}).ok).toBe(true);
    expect(watches.start(1, 99, sessionRecord.id, TOKEN, () => {})).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/at most/) },
    });
    watches.stopPage(1);
    expect(open.size).toBe(0);
    expect(watches.size).toBe(0);
    // The page's token reaches the watch, where the teacher's gate decides.
    expect(new Set(callers)).toEqual(new Set([TOKEN]));
  });
});

// ── Server-sent events on loopback ────────────────────────────────────────────────────────

interface Stream {
  response: IncomingMessage;
  events: SessionEvent[];
  /** Resolves with the first event (from now on) that passes `test`. */
  next(test: (event: SessionEvent) => boolean): Promise<SessionEvent>;
  close(): void;
}

function openStream(port: number, query: string, host = '127.0.0.1'): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = get(
      { host, port, path: `${SESSION_EVENTS_PATH}?${query}`, headers: { Host: `127.0.0.1:${port}`, Accept: 'text/event-stream' } },
      (response) => {
        const events: SessionEvent[] = [];
        const waiting: { test: (e: SessionEvent) => boolean; resolve: (e: SessionEvent) => void }[] = [];
        let read = 0; // events before this one were looked at by an earlier next()
        let buffered = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffered += chunk;
          const blocks = buffered.split('\n\n');
          buffered = blocks.pop() ?? '';
          for (const block of blocks) {
            const data = block.split('\n').find((line) => line.startsWith('data: '));
            if (!data) continue;
            const event = JSON.parse(data.slice('data: '.length)) as SessionEvent;
            events.push(event);
            const w = waiting[0];
            if (w) {
              read = events.length;
              if (w.test(event)) {
                waiting.shift();
                w.resolve(event);
              }
            }
          }
        });
        resolve({
          response,
          events,
          next: (test) =>
            new Promise((done) => {
              while (read < events.length) {
                const event = events[read++]!;
                if (test(event)) return done(event);
              }
              waiting.push({ test, resolve: done });
            }),
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
  });
}

describe('the dashboard over server-sent events', () => {
  let harness: ClassroomHarness;
  let teacher: RunningServer;
  let session: SessionStatus;
  let cleanup: () => void;

  beforeAll(async () => {
    harness = await classroomHarness();
    const temp = tempDir();
    cleanup = temp.cleanup;
    teacher = await startHttpServer({
      service: harness.service,
      rendererDir: temp.dir,
      host: '0.0.0.0',
      log: () => {},
      watchSession: harness.watchSession,
    });
    session = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
  });
  afterAll(async () => {
    await teacher.close();
    await harness.close();
    cleanup();
  });

  it('sends a snapshot at once, then each join and committed answer as an update with only what changed', async () => {
    const stream = await openStream(teacher.port, `sessionId=${session.sessionId}&token=${harness.teacher.teacherToken}`);
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    const first = await stream.next(() => true);
    expect(first).toMatchObject({ kind: 'snapshot', status: { sessionId: session.sessionId, students: [] } });

    const call = student(session.port, addressOf(1));
    const joined = await call('join', { code: session.joinCode, name: 'Ada' });
    const { token, seat } = joined.json.value as { token: string; seat: { attempt: { attemptId: string } } };
    const attemptId = seat.attempt.attemptId;
    const q = quiz.questions[0]!;
    expect((await call('answer', { token, questionId: q.id, response: correctResponse(q) })).status).toBe(200);
    const update = await stream.next(
      (e) => e.kind === 'update' && e.update.students.some((s) => s.attemptId === attemptId && s.answered === 1),
    );
    if (update.kind !== 'update') throw new Error('expected an update');
    expect(update.update.students.map((s) => s.attemptId)).toEqual([attemptId]);
    expect(update.update.questions[0]).toMatchObject({ questionId: q.id, answered: 1, correct: 1 });
    expect(update.update).not.toHaveProperty('article');

    // A second student's answer: the update names only that student.
    const other = student(session.port, addressOf(2));
    const bea = await other('join', { code: session.joinCode, name: 'Bea' });
    const beaId = (bea.json.value as { seat: { attempt: { attemptId: string } } }).seat.attempt.attemptId;
    await other('answer', { token: bea.json.value.token, questionId: q.id, response: correctResponse(q) });
    const second = await stream.next(
      (e) => e.kind === 'update' && e.update.students.some((s) => s.attemptId === beaId && s.answered === 1),
    );
    if (second.kind !== 'update') throw new Error('expected an update');
    expect(second.update.students.map((s) => s.attemptId)).toEqual([beaId]);
    stream.close();

    // Reconnecting (a dropped connection, a reload) starts again from a whole snapshot.
    const again = await openStream(teacher.port, `sessionId=${session.sessionId}&token=${harness.teacher.teacherToken}`);
    const snapshot = await again.next(() => true);
    expect(snapshot.kind).toBe('snapshot');
    if (snapshot.kind === 'snapshot') expect(snapshot.status.students.map((s) => s.answered)).toEqual([1, 1]);

    // A teacher's control reaches the dashboard too.
    harness.service.lockJoining({ sessionId: session.sessionId, locked: true });
    await again.next((e) => e.kind === 'update' && e.update.state === 'locked');
    again.close();
  });

  it('is the teacher’s: refused as locked without the unlocked teacher’s token, or with a made-up one', async () => {
    for (const query of [`sessionId=${session.sessionId}`, `sessionId=${session.sessionId}&token=${'x'.repeat(43)}`]) {
      const reply = await send('127.0.0.1', teacher.port, 'GET', `${SESSION_EVENTS_PATH}?${query}`);
      expect(reply.status).toBe(403);
      expect(reply.json.error).toMatchObject({ reason: 'locked' });
      expect(reply.body).not.toContain('snapshot');
    }
  });

  it('refuses a malformed or unknown session with a plain error, and is absent from the session server', async () => {
    const bad = await send('127.0.0.1', teacher.port, 'GET', `${SESSION_EVENTS_PATH}?sessionId=nope`);
    expect(bad.status).toBe(400);
    const unknown = await send(
      '127.0.0.1',
      teacher.port,
      'GET',
      `${SESSION_EVENTS_PATH}?sessionId=${attemptIdOf(5)}&token=${harness.teacher.teacherToken}`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json.error?.message).toMatch(/no class session/);
    const onTheLan = await send(LAN.address, session.port, 'GET', `${SESSION_EVENTS_PATH}?sessionId=${session.sessionId}`);
    expect(onTheLan.status).toBe(404);
    expect(onTheLan.body).not.toContain(session.sessionId);
  });

  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  it.skipIf(!lanAddress)('is refused to a computer on the network', async () => {
    const reply = await send(lanAddress!, teacher.port, 'GET', `${SESSION_EVENTS_PATH}?sessionId=${session.sessionId}`, {
      headers: { Host: `localhost:${teacher.port}` },
    });
    expect(reply.status).toBe(403);
  });

  void LOOPBACK;
});
