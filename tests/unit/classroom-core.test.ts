import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAndPort } from '../../src/core/classroom/address.ts';
import { formatJoinCode, JOIN_CODE_ALPHABET, joinCodeMatches, newJoinCode, normaliseJoinCode } from '../../src/core/classroom/join-code.ts';
import { createRateLimiter } from '../../src/core/classroom/rate-limit.ts';
import { liveResults } from '../../src/core/results/live.ts';
import { forwardStudentCall, parseSessionAddress } from '../../src/service/classroom/proxy.ts';
import { hashSeatToken, newSeatToken } from '../../src/service/classroom/seat-token.ts';
import type { SessionStatus } from '../../src/shared/contract.ts';
import { classroomHarness, LOOPBACK, type ClassroomHarness } from './classroom-fixtures.ts';
import { seedQuiz } from './fixtures.ts';

describe('join codes', () => {
  it('are six characters without look-alikes, and forgive case, spaces and dashes', () => {
    let i = 0;
    const code = newJoinCode((n) => i++ % n);
    expect(code).toHaveLength(6);
    for (const c of code) expect(JOIN_CODE_ALPHABET).toContain(c);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(normaliseJoinCode(' abc-def ')).toBe('ABCDEF');
    expect(joinCodeMatches('abc def', 'ABCDEF')).toBe(true);
    expect(joinCodeMatches('ABCDEG', 'ABCDEF')).toBe(false);
    expect(joinCodeMatches('ABCDE', 'ABCDEF')).toBe(false);
    expect(joinCodeMatches('ABCDEFA', 'ABCDEF')).toBe(false);
    expect(formatJoinCode('ABCDEF')).toBe('ABC DEF');
  });
});

describe('a join address', () => {
  it('is host:port, with an IPv6 host in brackets so the port cannot be read as part of it', () => {
    expect(hostAndPort('192.168.1.20', 4320)).toBe('192.168.1.20:4320');
    expect(hostAndPort('fe80::1', 4320)).toBe('[fe80::1]:4320');
  });
});

describe('the join rate limiter', () => {
  it('allows `limit` hits per window and address, then refuses until the window ends', () => {
    let time = 0;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => time });
    expect([1, 2, 3, 4].map(() => limiter.allow('a'))).toEqual([true, true, true, false]);
    expect(limiter.allow('b')).toBe(true);
    time += 59_999;
    expect(limiter.allow('a')).toBe(false);
    time += 1;
    expect(limiter.allow('a')).toBe(true);
  });

  it('stays bounded under a flood from many addresses', () => {
    let time = 0;
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, now: () => time, maxKeys: 100 });
    for (let i = 0; i < 500; i++) limiter.allow(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
    time += 1_000;
    expect(limiter.allow('10.9.9.9')).toBe(true);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});

describe('seat tokens', () => {
  it('are 32 random bytes, and only their SHA-256 is kept', () => {
    const token = newSeatToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSeatToken()).not.toBe(token);
    expect(hashSeatToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSeatToken(token)).not.toContain(token);
  });
});

describe('live results', () => {
  const quiz = seedQuiz();
  const [q1, q2] = quiz.questions as [(typeof quiz.questions)[0], (typeof quiz.questions)[0]];
  const attempt = (
    id: string,
    status: 'in-progress' | 'submitted',
    answers: { questionId: string; verdict: 'correct' | 'incorrect' }[],
  ) => ({
    id,
    quizId: quiz.id,
    studentName: id,
    status,
    startedAt: '2026-01-01T09:00:00.000Z',
    submittedAt: null,
    answers: answers.map((a) => ({ ...a, points: a.verdict === 'correct' ? 1 : 0, maxPoints: 1 })),
  });

  it('counts answers the moment they are given, and an unanswered question nowhere, handed in or not', () => {
    const live = liveResults(
      quiz.questions,
      quiz.article.sentences.map((s) => s.id),
      [
        attempt('a', 'in-progress', [{ questionId: q1.id, verdict: 'correct' }]),
        attempt('b', 'in-progress', [{ questionId: q1.id, verdict: 'incorrect' }]),
        attempt('c', 'submitted', [{ questionId: q1.id, verdict: 'correct' }]),
      ],
    );
    expect(live.questions[0]).toMatchObject({ questionId: q1.id, answered: 3, correct: 2, shareCorrect: 2 / 3 });
    expect(live.questions[1]).toMatchObject({ questionId: q2.id, answered: 0, correct: 0, shareCorrect: null });
    // Only q1 was answered (3 times, 1 wrong): a sentence citing it stands behind 3 answers and 1 miss.
    // c handed in without answering q2, which says nothing about q2's sentences: 0 of 0 (the heat map's rule).
    const citesQ1 = new Set(q1.evidenceSentenceIds);
    const q2Only = q2.evidenceSentenceIds.filter((id) => !citesQ1.has(id));
    expect(q2Only.length).toBeGreaterThan(0);
    for (const s of live.sentences) {
      expect(s, s.sentenceId).toMatchObject(citesQ1.has(s.sentenceId) ? { missed: 1, answered: 3 } : { missed: 0, answered: 0 });
    }
    // Nowhere more missed answers than answers.
    for (const s of live.sentences) expect(s.missed).toBeLessThanOrEqual(s.answered ?? 0);
  });
});

describe('the desktop app’s proxy to a session', () => {
  let harness: ClassroomHarness;
  let session: SessionStatus;
  beforeAll(async () => {
    harness = await classroomHarness();
    session = await harness.service.startSession({ quizId: seedQuiz().id, settings: { shuffle: false }, host: LOOPBACK.address, port: 0 });
  });
  afterAll(() => harness.close());

  it('reads the address as the teacher’s screen shows it, and nothing else', () => {
    expect(parseSessionAddress('192.168.1.20:4320')).toBe('192.168.1.20:4320');
    expect(parseSessionAddress(' http://192.168.1.20:4320/ ')).toBe('192.168.1.20:4320');
    for (const bad of ['', '192.168.1.20', 'evil.example:80/path', 'user@host:80', 'a b:80', 'file:///etc/passwd']) {
      expect(parseSessionAddress(bad), bad).toBeUndefined();
    }
  });

  it('forwards a student call to the session server and back', async () => {
    const address = `127.0.0.1:${session.port}`;
    const joined = await forwardStudentCall(address, 'join', { code: session.joinCode, name: 'Desktop Student' });
    expect(joined.ok).toBe(true);
    const refused = await forwardStudentCall(address, 'join', { code: 'WRONG9', name: 'Desktop Student' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'wrong-join-code' } });
    expect(await forwardStudentCall('not an address', 'info', {})).toMatchObject({
      ok: false,
      error: { code: 'bad-request', reason: 'invalid-session-address' },
    });
  });

  it('lets nothing back that does not fit the student contract', async () => {
    const liar = (async () =>
      new Response(JSON.stringify({ ok: true, value: { session: true, joinable: true, secret: 1 } }))) as typeof fetch;
    expect(await forwardStudentCall('10.0.0.1:4320', 'info', {}, liar)).toMatchObject({
      ok: false,
      error: { code: 'internal', reason: 'unreadable-reply' },
    });
    const html = (async () => new Response('<html>')) as typeof fetch;
    expect(await forwardStudentCall('10.0.0.1:4320', 'info', {}, html)).toMatchObject({ ok: false, error: { reason: 'unreadable-reply' } });
    // A refusal must name a known reason with that reason's code: a peer cannot dress one up as another.
    const mislabelled = (async () =>
      new Response(JSON.stringify({ ok: false, error: { code: 'conflict', reason: 'seat-removed', message: 'x' } }))) as typeof fetch;
    expect(await forwardStudentCall('10.0.0.1:4320', 'info', {}, mislabelled)).toMatchObject({
      ok: false,
      error: { reason: 'unreadable-reply' },
    });
    const honest = (async () =>
      new Response(JSON.stringify({ ok: false, error: { code: 'forbidden', reason: 'seat-removed', message: 'x' } }))) as typeof fetch;
    expect(await forwardStudentCall('10.0.0.1:4320', 'info', {}, honest)).toEqual({
      ok: false,
      error: { code: 'forbidden', reason: 'seat-removed', message: 'x' },
    });
    const down = (async () => Promise.reject(new Error('ECONNREFUSED'))) as typeof fetch;
    expect(await forwardStudentCall('10.0.0.1:4320', 'info', {}, down)).toMatchObject({
      ok: false,
      error: { reason: 'unreachable', message: /could not be reached/ },
    });
  });
});
