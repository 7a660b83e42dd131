import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import { createClassroom, type Classroom } from '../../src/service/classroom/classroom.ts';
import { dispatchStudent, startSessionServer } from '../../src/service/classroom/server.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import { createService, type Service } from '../../src/service/service.ts';
import { openStore, type Store } from '../../src/service/store.ts';
import { CLASSROOM_CHANNELS, type ClassroomChannel } from '../../src/shared/channels.ts';
import type { Envelope, SessionStatus } from '../../src/shared/contract.ts';
import { SESSION_CHANNELS, type SessionChannel } from '../../src/shared/session-channels.ts';
import type { RequestContext, StudentChannels } from '../../src/shared/session-contract.ts';
import { addressOf, LAN, LOOPBACK } from './classroom-fixtures.ts';
import { asTeacher, seedQuiz, seedQuizzes, tempDir, testTeacher } from './fixtures.ts';
import { checkEnvelope, payloads, responseFor, slug, watchDatabase, weirdValues } from './fuzz-support.ts';
import { fixedCatalogue } from '../../src/service/library/catalogue.ts';

// The classroom's channels take random and mutated payloads: the teacher's eight through
// dispatch (as the desktop app and the HTTP binding call them), the students' six through the
// session server's student dispatcher, in-process (the same function the server calls for every
// POST /session-api/<channel>, without the HTTP round trip). Each reply must be an envelope,
// never a throw and never `internal`, nothing logged; a refused payload must leave the database
// exactly as it was. Everything listens on loopback only (127.0.0.1, port 0).

const RUNS_PER_CHANNEL = 10_000;

const quiz = seedQuiz();
const questions = quiz.questions;
const sentenceIds = quiz.article.sentences.map((s) => s.id);

let cleanup: () => void;
let store: Store;
let classroom: Classroom;
let service: Service;
let watcher: ReturnType<typeof watchDatabase>;
let digest: () => string;
/** The student channels of the session server started last, as the classroom hands them to it. */
let students: StudentChannels | undefined;
let session: SessionStatus;
let endedSessionId: string;
const logged: string[] = [];
const log = (message: string) => void logged.push(message);

/** Seat tokens and attempt ids of the running session; joins during the fuzzing add to them. */
const liveTokens: string[] = [];
const seatAttempts: string[] = [];
/** A seat of the session that ended, and an attempt that is no seat at all. */
const foreignTokens: string[] = [];
const foreignAttempts: string[] = [];

async function joinFrom(n: number, name: string, code = session.joinCode): Promise<{ token: string; attemptId: string }> {
  // A join's reply waits for its commit, as an answer's does.
  const reply = await dispatchStudent(students!, 'join', { code, name }, { remoteAddress: addressOf(n) }, log);
  if (!reply.ok) throw new Error(reply.error.message);
  const value = reply.value as { token: string; seat: { attempt: { attemptId: string } } };
  return { token: value.token, attemptId: value.seat.attempt.attemptId };
}

beforeAll(async () => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  const rendererDir = join(temp.dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Evident</title>');
  const file = join(temp.dir, 'evident.db');
  store = openStore(file);
  classroom = createClassroom({
    catalogue: fixedCatalogue(seedQuizzes()),
    store,
    interfaces: () => [LAN, LOOPBACK],
    startServer: (options) => {
      // Never anything but loopback, whatever a fuzzed payload names.
      if (!options.host.startsWith('127.')) throw new Error(`the test would not bind ${options.host}`);
      students = options.students;
      return startSessionServer({ ...options, rendererDir, log });
    },
    log,
  });
  // The teacher has unlocked: these are the teacher's channels, fuzzed within a teacher session.
  ({ service } = asTeacher(createService({ quizzes: seedQuizzes(), store, classroom: classroom.channels, teacher: testTeacher() })));

  // An earlier session, ended: its id and its seat tokens are real, but no longer any use.
  session = await service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
  for (let n = 0; n < 2; n++) {
    const seat = await joinFrom(n, `Earlier ${n}`);
    foreignTokens.push(seat.token);
    foreignAttempts.push(seat.attemptId);
  }
  endedSessionId = session.sessionId;
  service.endSession({ sessionId: endedSessionId });

  // The running session, with a few students: one has answered, one has submitted.
  session = await service.startSession({ quizId: quiz.id, settings: { shuffle: true, timeLimitMinutes: 30 }, host: LAN.address, port: 0 });
  for (let n = 0; n < 5; n++) {
    const seat = await joinFrom(10 + n, `Student ${n}`, n === 0 ? session.joinCode.toLowerCase() : session.joinCode);
    liveTokens.push(seat.token);
    seatAttempts.push(seat.attemptId);
  }
  const q = questions[0]!;
  const answered = await dispatchStudent(
    students!,
    'answer',
    { token: liveTokens[0], questionId: q.id, response: correctResponse(q) },
    { remoteAddress: addressOf(10) },
    log,
  );
  const submitted = await dispatchStudent(students!, 'submit', { token: liveTokens[1] }, { remoteAddress: addressOf(11) }, log);
  if (!answered.ok || !submitted.ok) throw new Error('the setup could not answer or submit');
  // An ordinary attempt, outside any session.
  foreignAttempts.push(
    service.startAttempt({ quizId: quiz.id, studentName: 'At home', settings: { feedback: 'deferred', shuffle: false } }).attemptId,
  );
  if (logged.length > 0) throw new Error(`the setup logged: ${logged.join('; ')}`);

  watcher = watchDatabase(file);
  digest = watcher.digest;
});

afterAll(async () => {
  watcher?.close();
  await classroom?.stop();
  store?.close();
  cleanup?.();
  console.info(`fuzz-classroom refusals per channel: ${JSON.stringify(tally)}`);
});

// ── Valid payloads ────────────────────────────────────────────────────────────────────────

const pick = (pool: readonly string[]) => fc.nat().map((i) => pool[i % pool.length]!);
const liveToken = fc.constant(null).chain(() => pick(liveTokens));
const seatAttempt = fc.constant(null).chain(() => pick(seatAttempts));
const foreignToken = fc.constant(null).chain(() => pick(foreignTokens));
const foreignAttempt = fc.constant(null).chain(() => pick(foreignAttempts));
const currentSession = fc.constant(null).map(() => session.sessionId);
const endedSession = fc.constant(null).map(() => endedSessionId);

// Real ids and tokens also turn up where they do not belong.
const weird = weirdValues(liveToken, seatAttempt, currentSession, foreignToken);

const sessionId = fc.oneof(
  { weight: 6, arbitrary: currentSession },
  { weight: 1, arbitrary: endedSession },
  { weight: 1, arbitrary: fc.uuid() },
);
const attemptId = fc.oneof(
  { weight: 5, arbitrary: seatAttempt },
  { weight: 1, arbitrary: foreignAttempt },
  { weight: 1, arbitrary: fc.uuid() },
);
const bySeat = fc.record({ sessionId, attemptId });
const settings = fc.record({ shuffle: fc.boolean(), timeLimitMinutes: fc.integer({ min: 1, max: 240 }) }, { requiredKeys: [] });

const TEACHER_VALID: Record<ClassroomChannel, fc.Arbitrary<unknown>> = {
  listNetworkInterfaces: fc.constant({}),
  // A session is running, so even a valid start is refused (conflict) and binds nothing.
  startSession: fc.record(
    {
      quizId: fc.oneof(fc.constant(quiz.id), slug),
      settings,
      host: fc.constantFrom(LAN.address, LOOPBACK.address, '127.0.0.9'),
      port: fc.oneof(fc.constant(0), fc.integer({ min: 1024, max: 65535 })),
    },
    { requiredKeys: ['quizId', 'host', 'port'] },
  ),
  sessionStatus: fc.record({ sessionId }, { requiredKeys: [] }),
  lockJoining: fc.record({ sessionId, locked: fc.boolean() }),
  removeStudent: bySeat,
  readmitStudent: bySeat,
  releaseReview: fc.record({ sessionId }),
  // Last, and mostly aimed elsewhere: the first valid one ends the session, the rest are refused.
  endSession: fc.record({
    sessionId: fc.oneof(
      { weight: 1, arbitrary: currentSession },
      { weight: 2, arbitrary: endedSession },
      { weight: 3, arbitrary: fc.uuid() },
    ),
  }),
};

const token = fc.oneof(
  { weight: 6, arbitrary: liveToken },
  { weight: 1, arbitrary: foreignToken },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
);
const byToken = fc.record({ token });
const responses = questions.map((q) => responseFor(q, sentenceIds));
const code = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null).map(() => session.joinCode) },
  { weight: 1, arbitrary: fc.constant(null).map(() => ` ${session.joinCode.slice(0, 3).toLowerCase()}-${session.joinCode.slice(3)} `) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-HJ-NP-Z2-9]{6}$/) },
);
const studentName = fc.oneof(
  fc.string({ minLength: 1, maxLength: 60 }),
  fc.string({ minLength: 1, maxLength: 70, unit: 'grapheme' }),
  fc.constantFrom('<b>Bold</b>', 'Tab\there', '   ', 'x'.repeat(61)),
);

const STUDENT_VALID: Record<SessionChannel, fc.Arbitrary<unknown>> = {
  info: fc.constant({}),
  join: fc.record({ code, name: studentName }),
  seat: byToken,
  answer: fc
    .tuple(token, fc.nat(questions.length - 1), fc.nat(questions.length - 1), fc.boolean(), fc.boolean())
    .chain(([t, qi, ri, matching, right]) => {
      const question = questions[qi]!;
      const response = right ? fc.constant(correctResponse(question)) : responses[matching ? qi : ri]!;
      return fc.record({
        token: fc.constant(t),
        questionId: fc.oneof({ weight: 6, arbitrary: fc.constant(question.id) }, { weight: 1, arbitrary: slug }),
        response,
      });
    }),
  submit: byToken,
  review: byToken,
};

/** A classroom of computers, and addresses no socket would report. */
const context: fc.Arbitrary<RequestContext> = fc.record({
  remoteAddress: fc.oneof(
    { weight: 8, arbitrary: fc.nat(60).map(addressOf) },
    { weight: 1, arbitrary: fc.constantFrom('unknown', '', '::ffff:127.0.0.1', '__proto__', 'constructor', 'x'.repeat(5_000)) },
  ),
});

// ── The property ──────────────────────────────────────────────────────────────────────────

const tally: Record<string, { ok: number; refused: Record<string, number> }> = {};

/** The envelope, nothing logged, and a refusal that wrote nothing; returns whether it was refused. */
function check(channel: string, reply: Envelope<unknown>, before: string): boolean {
  checkEnvelope(reply);
  if (logged.length > 0) throw new Error(`${channel} logged: ${logged.join('; ')}`);
  const counts = (tally[channel] ??= { ok: 0, refused: {} });
  if (reply.ok) {
    counts.ok++;
    return false;
  }
  counts.refused[reply.error.code] = (counts.refused[reply.error.code] ?? 0) + 1;
  const after = digest();
  if (after !== before)
    throw new Error(`a refused ${channel} (${reply.error.code}: ${reply.error.message}) changed the database: ${before} → ${after}`);
  return true;
}

function assertMixed(channel: string, refused: number, exempt: { allRefused?: boolean; noneRefused?: boolean } = {}): void {
  // Not a weak property by accident: most payloads are bad, and some are good.
  if ((refused === 0 && !exempt.noneRefused) || (refused === RUNS_PER_CHANNEL && !exempt.allRefused)) {
    throw new Error(`${channel}: ${refused} of ${RUNS_PER_CHANNEL} refused; the generators are off`);
  }
}

// Reads first; the controls next; then the students (joining reopened, removed students back);
// and endSession last of all, so that the session runs for every other channel.
const TEACHER_ORDER: Exclude<ClassroomChannel, 'endSession'>[] = [
  'listNetworkInterfaces',
  'sessionStatus',
  'startSession',
  'lockJoining',
  'removeStudent',
  'readmitStudent',
  'releaseReview',
];
const STUDENT_ORDER: SessionChannel[] = ['info', 'seat', 'answer', 'review', 'join', 'submit'];

describe('fuzzing the classroom channels', () => {
  it('covers every teacher classroom channel and every student channel', () => {
    const teacher: ClassroomChannel[] = [...TEACHER_ORDER, 'endSession'];
    if (new Set(teacher).size !== CLASSROOM_CHANNELS.length || !CLASSROOM_CHANNELS.every((c) => teacher.includes(c))) {
      throw new Error(`the teacher order ${teacher.join()} does not match ${CLASSROOM_CHANNELS.join()}`);
    }
    if (new Set(STUDENT_ORDER).size !== SESSION_CHANNELS.length || !SESSION_CHANNELS.every((c) => STUDENT_ORDER.includes(c))) {
      throw new Error(`the student order ${STUDENT_ORDER.join()} does not match ${SESSION_CHANNELS.join()}`);
    }
  });

  for (const channel of TEACHER_ORDER) {
    it(`teacher ${channel}: ${RUNS_PER_CHANNEL} payloads through dispatch, each an envelope; refused ones change nothing`, async () => {
      let refused = 0;
      if (channel === 'startSession') {
        await fc.assert(
          fc.asyncProperty(payloads(TEACHER_VALID[channel], weird), async (payload) => {
            const before = digest();
            logged.length = 0;
            const reply = await dispatch(service, channel, payload, log);
            if (check(channel, reply, before)) refused++;
            else throw new Error('a second session started while one runs');
          }),
          { numRuns: RUNS_PER_CHANNEL },
        );
        assertMixed(channel, refused, { allRefused: true });
        return;
      }
      fc.assert(
        fc.property(payloads(TEACHER_VALID[channel], weird), (payload) => {
          const before = digest();
          logged.length = 0;
          if (check(channel, dispatch(service, channel, payload, log), before)) refused++;
        }),
        { numRuns: RUNS_PER_CHANNEL },
      );
      assertMixed(channel, refused);
    }, 120_000);
  }

  it('reopens joining and re-admits everybody before the students are fuzzed', () => {
    service.lockJoining({ sessionId: session.sessionId, locked: false });
    for (const student of service.sessionStatus({ sessionId: session.sessionId })!.students) {
      if (student.removed) service.readmitStudent({ sessionId: session.sessionId, attemptId: student.attemptId });
    }
    if (!service.sessionStatus({ sessionId: session.sessionId })!.reviewReleased) throw new Error('no valid releaseReview got through');
  });

  for (const channel of STUDENT_ORDER) {
    it(`student ${channel}: ${RUNS_PER_CHANNEL} payloads through the student dispatcher, each an envelope; refused ones change nothing`, async () => {
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(payloads(STUDENT_VALID[channel], weird), context, async (payload, from) => {
          const before = digest();
          logged.length = 0;
          // A join's and an answer's reply wait for their commit; the other student channels answer at once.
          const reply = await dispatchStudent(students!, channel, payload, from, log);
          if (check(channel, reply, before)) refused++;
          else if (channel === 'join' && reply.ok) {
            const value = reply.value as { token: string; seat: { attempt: { attemptId: string } } };
            liveTokens.push(value.token);
            seatAttempts.push(value.seat.attempt.attemptId);
          }
        }),
        { numRuns: RUNS_PER_CHANNEL },
      );
      assertMixed(channel, refused);
    }, 120_000);
  }

  it(`teacher endSession: ${RUNS_PER_CHANNEL} payloads through dispatch, last; refused ones change nothing`, () => {
    let refused = 0;
    fc.assert(
      fc.property(payloads(TEACHER_VALID.endSession, weird), (payload) => {
        const before = digest();
        logged.length = 0;
        if (check('endSession', dispatch(service, 'endSession', payload, log), before)) refused++;
      }),
      { numRuns: RUNS_PER_CHANNEL },
    );
    assertMixed('endSession', refused);
    if (service.sessionStatus({ sessionId: session.sessionId })!.state !== 'ended') throw new Error('no valid endSession got through');
  }, 120_000);
});
