import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import { scoreResponse } from '../../src/core/scoring/index.ts';
import type { SessionStatus } from '../../src/shared/contract.ts';
import { addressOf, classroomHarness, LAN, student, type ClassroomHarness } from './classroom-fixtures.ts';
import { seedQuiz, variedResponse } from './fixtures.ts';

// A class of 30 simulated students through the session server's HTTP API on loopback, with
// the teacher's controls called as the app calls them.

const quiz = seedQuiz();
const sentenceIds = quiz.article.sentences.map((s) => s.id);
const CLASS_SIZE = 30;

let harness: ClassroomHarness;
let session: SessionStatus;

beforeAll(async () => {
  harness = await classroomHarness();
  session = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: true }, host: LAN.address, port: 0 });
});
afterAll(() => harness.close());

const status = () => harness.service.sessionStatus({ sessionId: session.sessionId })!;

interface Seat {
  name: string;
  token: string;
  attemptId: string;
  call: ReturnType<typeof student>;
}

async function join(n: number, name = `Student ${n}`): Promise<Seat> {
  const call = student(session.port, addressOf(n));
  const reply = await call('join', { code: session.joinCode.toLowerCase(), name });
  expect(reply.status, reply.body).toBe(200);
  return { name, token: reply.json.value.token, attemptId: reply.json.value.seat.attempt.attemptId, call };
}

describe('a class session with 30 students', () => {
  let seats: Seat[];

  it('starts on the chosen interface with a join code, a join address and an empty dashboard', () => {
    expect(session.host).toBe(LAN.address);
    expect(session.port).toBeGreaterThan(0);
    expect(session.joinUrl).toBe(`http://${LAN.address}:${session.port}/`);
    expect(session.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    // The screen shows what the service sends; it derives nothing.
    expect(session.joinAddress).toBe(`${LAN.address}:${session.port}`);
    expect(session.joinCodeDisplay).toBe(`${session.joinCode.slice(0, 3)} ${session.joinCode.slice(3)}`);
    expect(session.state).toBe('open');
    expect(session.students).toEqual([]);
    expect(session.listening).toBe(true);
  });

  it('refuses a second session while one runs', async () => {
    await expect(
      harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 }),
    ).rejects.toThrow(expect.objectContaining({ reason: 'session-running', message: expect.stringMatching(/already running/) }));
  });

  it('lets everybody join with the code, each from their own computer', async () => {
    seats = await Promise.all(Array.from({ length: CLASS_SIZE }, (_, n) => join(n)));
    expect(new Set(seats.map((s) => s.token)).size).toBe(CLASS_SIZE);
    const board = status();
    expect(board.students.map((s) => s.name).sort()).toEqual(seats.map((s) => s.name).sort());
    expect(board.students.every((s) => s.answered === 0 && s.status === 'in-progress')).toBe(true);
  });

  it('takes every answer, durable as it arrives, and the dashboard follows', async () => {
    const before = status().version;
    await Promise.all(
      seats.map(async (seat, n) => {
        for (const [i, question] of quiz.questions.entries()) {
          // Half the questions for now; the rest after the reload test below.
          if (i >= quiz.questions.length / 2) break;
          const reply = await seat.call('answer', {
            token: seat.token,
            questionId: question.id,
            response: variedResponse(question, n + i, sentenceIds),
          });
          expect(reply.status, reply.body).toBe(200);
          // Deferred feedback in class: no verdict, no key.
          expect(reply.json.value.feedback).toBeUndefined();
        }
      }),
    );
    const board = status();
    expect(board.version).toBeGreaterThan(before);
    const half = Math.ceil(quiz.questions.length / 2);
    expect(board.students.every((s) => s.answered === half)).toBe(true);
    // Per-question share correct, against the scoring of what each student sent.
    const first = board.questions[0]!;
    const firstQuestion = quiz.questions[0]!;
    expect(first.answered).toBe(CLASS_SIZE);
    const right = seats.filter((_, n) => scoreResponse(firstQuestion, variedResponse(firstQuestion, n, sentenceIds)).verdict === 'correct');
    expect(right.length).toBeGreaterThan(0);
    expect(right.length).toBeLessThan(CLASS_SIZE);
    expect(first.correct).toBe(right.length);
    expect(first.shareCorrect).toBeCloseTo(first.correct / CLASS_SIZE);
    expect(board.questions.at(-1)!.answered).toBe(0);
    expect(board.questions.at(-1)!.shareCorrect).toBeNull();
    // Missed evidence is counted per sentence as answers arrive.
    expect(board.sentences.some((s) => s.missed > 0)).toBe(true);
    // Every answer is in the database now: the teacher's ordinary views see them.
    const listed = harness.service.listAttempts({ quizId: quiz.id });
    expect(listed.filter((a) => a.answered === half)).toHaveLength(CLASS_SIZE);
  }, 60_000); // a burst of 30 × half the quiz, each answer synced to disk: speed is the benchmark's business, not this test's

  it('gives a reloaded page its seat back, with every answer', async () => {
    const seat = seats[0]!;
    const reply = await seat.call('seat', { token: seat.token });
    expect(reply.status).toBe(200);
    expect(reply.json.value.attempt.attemptId).toBe(seat.attemptId);
    expect(reply.json.value.attempt.answers).toHaveLength(Math.ceil(quiz.questions.length / 2));
    expect(reply.json.value.attempt.answers.every((a: { feedback?: unknown }) => a.feedback === undefined)).toBe(true);
  });

  it('gives a dropped connection its seat back: the socket dies, the next request carries on', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const seat = seats[1]!;
    const call = student(session.port, addressOf(1), agent);
    expect((await call('seat', { token: seat.token })).status).toBe(200);
    // The Wi-Fi drops: every open socket is destroyed under the client.
    for (const sockets of Object.values(agent.sockets).concat(Object.values(agent.freeSockets))) for (const s of sockets ?? []) s.destroy();
    const question = quiz.questions.at(-1)!;
    const reply = await call('answer', { token: seat.token, questionId: question.id, response: correctResponse(question) });
    expect(reply.status, reply.body).toBe(200);
    const again = await call('seat', { token: seat.token });
    expect(again.json.value.attempt.answers.map((a: { questionId: string }) => a.questionId)).toContain(question.id);
    agent.destroy();
  });

  it('removes a student, who can then do nothing, and re-admits them to the same seat', async () => {
    const seat = seats[2]!;
    let board = harness.service.removeStudent({ sessionId: session.sessionId, attemptId: seat.attemptId });
    expect(board.students.find((s) => s.attemptId === seat.attemptId)?.removed).toBe(true);
    const question = quiz.questions.at(-1)!;
    const refused = await seat.call('answer', { token: seat.token, questionId: question.id, response: correctResponse(question) });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ reason: 'seat-removed', message: expect.stringMatching(/removed/) });
    expect((await seat.call('seat', { token: seat.token })).status).toBe(403);

    board = harness.service.readmitStudent({ sessionId: session.sessionId, attemptId: seat.attemptId });
    expect(board.students.find((s) => s.attemptId === seat.attemptId)?.removed).toBe(false);
    const back = await seat.call('seat', { token: seat.token });
    expect(back.status).toBe(200);
    expect(back.json.value.attempt.answers).toHaveLength(Math.ceil(quiz.questions.length / 2));
  });

  it('locks joining for newcomers while seated students carry on, and unlocks it', async () => {
    harness.service.lockJoining({ sessionId: session.sessionId, locked: true });
    const late = await student(session.port, addressOf(100))('join', { code: session.joinCode, name: 'Late' });
    expect(late.status).toBe(409);
    expect((await student(session.port, addressOf(100))('info', {})).json.value).toEqual({ session: true, joinable: false });
    const seat = seats[3]!;
    expect((await seat.call('seat', { token: seat.token })).status).toBe(200);
    harness.service.lockJoining({ sessionId: session.sessionId, locked: false });
    expect((await student(session.port, addressOf(100))('join', { code: session.joinCode, name: 'Late' })).status).toBe(200);
  });

  it('keeps the review (the answer key) closed until the teacher releases it', async () => {
    const seat = seats[4]!;
    const submitted = await seat.call('submit', { token: seat.token });
    expect(submitted.status).toBe(200);
    expect(submitted.json.value.attempt.status).toBe('submitted');
    expect(submitted.json.value.reviewReleased).toBe(false);
    expect(JSON.stringify(submitted.json.value)).not.toMatch(/correctResponse|explanation|evidenceSentenceIds/);
    const early = await seat.call('review', { token: seat.token });
    expect(early.status).toBe(409);
    expect(early.body).not.toMatch(/correctResponse/);

    harness.service.releaseReview({ sessionId: session.sessionId });
    const review = await seat.call('review', { token: seat.token });
    expect(review.status).toBe(200);
    expect(review.json.value.questions[0].feedback.correctResponse).toBeDefined();
    // Released, but only for one's own attempt, and only once submitted.
    const notYet = await seats[5]!.call('review', { token: seats[5]!.token });
    expect(notYet.status).toBe(409);
  });

  it('ends: open attempts are handed in, the server answers only "ended", and the session is in the results', async () => {
    const ended = harness.service.endSession({ sessionId: session.sessionId });
    expect(ended.state).toBe('ended');
    // The server stays up for the students still on the page (classroom-sessions.test.ts), but lets nobody in.
    const late = await student(session.port, addressOf(101))('join', { code: session.joinCode, name: 'Very Late' });
    expect(late.json.error).toMatchObject({ reason: 'session-ended' });
    expect((await seats[6]!.call('seat', { token: seats[6]!.token })).json.value).toMatchObject({ sessionState: 'ended' });
    expect(harness.service.sessionStatus({})).toBeNull();
    const after = harness.service.sessionStatus({ sessionId: session.sessionId })!;
    expect(after.listening).toBe(true);
    expect(after.students.every((s) => s.status === 'submitted')).toBe(true);

    const results = harness.service.quizResults({ quizId: quiz.id });
    expect(results.attempts.filter((a) => a.status === 'submitted').length).toBeGreaterThanOrEqual(CLASS_SIZE);
    const csv = harness.service.exportCsv({ kind: 'attempts', quizId: quiz.id });
    for (const seat of seats) expect(csv.content).toContain(seat.name);
    expect(() => harness.service.lockJoining({ sessionId: session.sessionId, locked: true })).toThrow(
      expect.objectContaining({ reason: 'session-ended' }),
    );
  });
});
