import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { correctResponse } from '../../src/core/bank/key.ts';
import { LiveSession } from '../../src/service/classroom/dashboard.ts';
import type { SessionStatus } from '../../src/shared/contract.ts';
import { addressOf, classroomHarness, LAN, send, student, type ClassroomHarness } from './classroom-fixtures.ts';
import { seedQuiz } from './fixtures.ts';

// A class session as its students and its teacher meet it: an emptied answer on the dashboard,
// two students with the same name, a removed student, and the end of the session.

const quiz = seedQuiz();

let harness: ClassroomHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function started(): Promise<{ harness: ClassroomHarness; session: SessionStatus; status: () => SessionStatus }> {
  harness = await classroomHarness();
  const session = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
  const h = harness;
  return { harness: h, session, status: () => h.service.sessionStatus({ sessionId: session.sessionId })! };
}

async function join(session: SessionStatus, n: number, name: string) {
  const call = student(session.port, addressOf(n));
  const reply = await call('join', { code: session.joinCode, name });
  expect(reply.status, reply.body).toBe(200);
  return { call, token: reply.json.value.token as string, attemptId: reply.json.value.seat.attempt.attemptId as string, reply };
}

const ofType = <T extends LoadedQuestion['type']>(type: T) => {
  const q = quiz.questions.find((x) => x.type === type);
  if (!q) throw new Error(`the seed quiz has no ${type} question`);
  return q as Extract<LoadedQuestion, { type: T }>;
};

describe('an emptied answer on the live dashboard', () => {
  it('stops counting as answered: the student’s progress, the question’s count and the passage go back', async () => {
    const { session, status } = await started();
    const ada = await join(session, 1, 'Ada');
    const multi = ofType('multiple-select');
    const wrongOption = multi.options.find((o) => !multi.correct.includes(o.id))!;
    const given = await ada.call('answer', {
      token: ada.token,
      questionId: multi.id,
      response: { type: 'multiple-select', optionIds: [wrongOption.id] },
    });
    expect(given.status, given.body).toBe(200);
    const number = quiz.questions.indexOf(multi);
    let board = status();
    expect(board.students[0]).toMatchObject({ name: 'Ada', answered: 1 });
    expect(board.questions[number]).toMatchObject({ answered: 1, correct: 0 });
    const cited = new Set(multi.evidenceSentenceIds);
    expect(board.sentences.filter((s) => cited.has(s.sentenceId)).every((s) => s.missed === 1 && s.answered === 1)).toBe(true);

    const emptied = await ada.call('answer', {
      token: ada.token,
      questionId: multi.id,
      response: { type: 'multiple-select', optionIds: [] },
    });
    expect(emptied.status, emptied.body).toBe(200);
    expect(emptied.json.value.cleared).toBe(true);
    board = status();
    expect(board.students[0]).toMatchObject({ name: 'Ada', answered: 0, points: 0 });
    expect(board.questions[number]).toMatchObject({ answered: 0, correct: 0, shareCorrect: null });
    expect(board.sentences.filter((s) => cited.has(s.sentenceId)).every((s) => s.missed === 0 && s.answered === 0)).toBe(true);

    // Answered again, it counts again.
    await ada.call('answer', { token: ada.token, questionId: multi.id, response: correctResponse(multi) });
    expect(status().questions[number]).toMatchObject({ answered: 1, correct: 1 });
  });

  it('leaves out an answer told after the emptying that came before it (flushed out of the group commit)', () => {
    const live = new LiveSession(
      {
        id: '00000000-0000-4000-8000-000000000001',
        quizId: quiz.id,
        settings: { shuffle: false },
        joinCode: 'ABCDEF',
        state: 'open',
        reviewReleased: false,
        host: '127.0.0.1',
        port: 4320,
        createdAt: '2026-11-27T09:00:00.000Z',
        endedAt: null,
      },
      quiz,
    );
    const attemptId = '00000000-0000-4000-8000-000000000002';
    live.join({ tokenHash: 'x', sessionId: live.session.id, attemptId, name: 'Ada', removed: false, joinedAt: '2026-11-27T09:00:00.000Z' });
    const q = quiz.questions[0]!;
    const score = { questionId: q.id, points: 1, maxPoints: 1, verdict: 'correct' as const };
    live.clear(attemptId, q.id, '2026-11-27T09:00:02.000Z');
    live.answer(attemptId, { ...score, answeredAt: '2026-11-27T09:00:01.000Z' });
    expect(live.status({ listening: true }).students[0]!.answered).toBe(0);
    live.answer(attemptId, { ...score, answeredAt: '2026-11-27T09:00:03.000Z' });
    expect(live.status({ listening: true }).students[0]!.answered).toBe(1);
  });
});

describe('the projector’s status', () => {
  it('carries the join address, code and count, never a name or a score; removed students leave the count', async () => {
    const { harness: h, session } = await started();
    expect(h.service.projectorStatus({})).toMatchObject({ joined: 0, state: 'open', joinCodeDisplay: session.joinCodeDisplay });
    const ada = await join(session, 1, 'Ada');
    await join(session, 2, 'Grace');
    await ada.call('answer', { token: ada.token, questionId: quiz.questions[0]!.id, response: correctResponse(quiz.questions[0]!) });
    const wall = h.service.projectorStatus({})!;
    expect(Object.keys(wall).sort()).toEqual(
      ['sessionId', 'title', 'state', 'joinCodeDisplay', 'joinAddress', 'joinUrl', 'joined', 'listening'].sort(),
    );
    expect(wall).toMatchObject({ joined: 2, joinUrl: session.joinUrl, joinAddress: session.joinAddress, listening: true });
    expect(JSON.stringify(wall)).not.toMatch(/Ada|Grace|points|answered/);
    h.service.removeStudent({ sessionId: session.sessionId, attemptId: ada.attemptId });
    expect(h.service.projectorStatus({})!.joined).toBe(1);
    h.service.lockJoining({ sessionId: session.sessionId, locked: true });
    expect(h.service.projectorStatus({})!.state).toBe('locked');
    h.service.endSession({ sessionId: session.sessionId });
    expect(h.service.projectorStatus({})).toBeNull();
  });
});

describe('two students with the same name', () => {
  it('the second is told to add an initial, so the dashboard never shows two identical rows', async () => {
    const { session, status } = await started();
    await join(session, 1, 'Ada');
    for (const same of ['Ada', 'ada', ' ADA ', 'Ada\u00a0']) {
      const refused = await student(session.port, addressOf(2))('join', { code: session.joinCode, name: same });
      expect(refused.status, same).toBe(409);
      expect(refused.json.error).toMatchObject({
        reason: 'name-taken',
        message: expect.stringMatching(/already called “.*”.*first letter of your family name/),
      });
    }
    await join(session, 2, 'Ada L.');
    const names = status().students.map((s) => s.name);
    expect(names).toEqual(['Ada', 'Ada L.']);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });
});

describe('a removed student', () => {
  it('cannot come back as a new seat under the same name or from the same browser, until the teacher re-admits them', async () => {
    const { harness: h, session, status } = await started();
    const ada = await join(session, 1, 'Ada Lovelace');
    h.service.removeStudent({ sessionId: session.sessionId, attemptId: ada.attemptId });
    // Told at once on the next look at the seat, without answering anything.
    expect((await ada.call('seat', { token: ada.token })).json.error).toMatchObject({ reason: 'seat-removed' });

    // The same name from another computer (any case), and the same browser under another name: refused.
    const sameName = await student(session.port, addressOf(7))('join', { code: session.joinCode, name: 'ada lovelace' });
    expect(sameName.status).toBe(403);
    expect(sameName.json.error).toMatchObject({
      reason: 'seat-removed',
      message: expect.stringMatching(/removed “ada lovelace”.*let you back in/),
    });
    const sameBrowser = await ada.call('join', { code: session.joinCode, name: 'Someone Else', previous: ada.token });
    expect(sameBrowser.status).toBe(403);
    expect(sameBrowser.json.error).toMatchObject({ reason: 'seat-removed' });
    expect(status().students).toHaveLength(1);

    // Re-admitted: back to the same seat; the name is now that seated student's again.
    h.service.readmitStudent({ sessionId: session.sessionId, attemptId: ada.attemptId });
    expect((await ada.call('seat', { token: ada.token })).status).toBe(200);
    const again = await student(session.port, addressOf(7))('join', { code: session.joinCode, name: 'Ada Lovelace' });
    expect(again.json.error).toMatchObject({ reason: 'name-taken' });
    // A browser whose seat is in good standing may still join with another name (a shared computer).
    expect((await ada.call('join', { code: session.joinCode, name: 'Grace Hopper', previous: ada.token })).status).toBe(200);
    expect(status().students.map((s) => s.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
  });
});

describe('after the end', () => {
  it('the server keeps answering: a seat says "ended" (after a reload too), the review once released; nothing can change', async () => {
    const { harness: h, session } = await started();
    const ada = await join(session, 1, 'Ada');
    const grace = await join(session, 2, 'Grace');
    const q = quiz.questions[0]!;
    await ada.call('answer', { token: ada.token, questionId: q.id, response: correctResponse(q) });
    await grace.call('submit', { token: grace.token });

    const ended = h.service.endSession({ sessionId: session.sessionId });
    expect(ended.state).toBe('ended');
    expect(ended.listening).toBe(true);

    // Ada was still working: her seat now says "ended", handed in with her answer.
    const seat = await ada.call('seat', { token: ada.token });
    expect(seat.status, seat.body).toBe(200);
    expect(seat.json.value).toMatchObject({ sessionState: 'ended', reviewReleased: false, attempt: { status: 'submitted' } });
    expect(seat.json.value.attempt.answers).toHaveLength(1);
    // A reload: the page itself and the session's info are still served.
    expect((await student(session.port, addressOf(1))('info', {})).json.value).toEqual({ session: true, joinable: false });
    expect((await send(LAN.address, session.port, 'GET', '/')).status).toBe(200);
    // Nothing changes any more.
    const late = await ada.call('answer', {
      token: ada.token,
      questionId: quiz.questions[1]!.id,
      response: correctResponse(quiz.questions[1]!),
    });
    expect(late.json.error).toMatchObject({ reason: 'session-ended' });
    expect((await ada.call('submit', { token: ada.token })).json.error).toMatchObject({ reason: 'session-ended' });
    expect((await student(session.port, addressOf(3))('join', { code: session.joinCode, name: 'Late' })).json.error).toMatchObject({
      reason: 'session-ended',
    });
    expect((await grace.call('review', { token: grace.token })).json.error).toMatchObject({ reason: 'review-not-released' });

    // The teacher releases the review after the end: both get theirs.
    const released = h.service.releaseReview({ sessionId: session.sessionId });
    expect(released).toMatchObject({ state: 'ended', reviewReleased: true, listening: true });
    expect((await ada.call('seat', { token: ada.token })).json.value).toMatchObject({ sessionState: 'ended', reviewReleased: true });
    const review = await grace.call('review', { token: grace.token });
    expect(review.status).toBe(200);
    expect(review.json.value.questions[0].feedback.correctResponse).toBeDefined();

    // Until the teacher starts another session: then the old server stops.
    const next = await h.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
    expect(next.port).not.toBe(session.port);
    // (On a fresh connection: one kept alive from before is simply hung up on.)
    await expect(send(LAN.address, session.port, 'GET', '/', { agent: new Agent() })).rejects.toThrow(/ECONNREFUSED/);
    expect(h.service.sessionStatus({ sessionId: session.sessionId })!.listening).toBe(false);
  });

  it('a new session may take the port of the one that just ended', async () => {
    const { harness: h, session } = await started();
    h.service.endSession({ sessionId: session.sessionId });
    const next = await h.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: session.port });
    expect(next.port).toBe(session.port);
    const joined = await student(next.port, addressOf(1))('join', { code: next.joinCode, name: 'Ada' });
    expect(joined.status).toBe(200);
  });
});
