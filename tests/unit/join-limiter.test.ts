import { afterEach, describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../src/core/classroom/join-code.ts';
import {
  addressKey,
  createJoinLimiter,
  joinCodeGuessChance,
  JOIN_WINDOW_MS,
  WRONG_CODES_PER_WINDOW,
} from '../../src/core/classroom/rate-limit.ts';
import { addressOf, classroomHarness, LAN, student, type ClassroomHarness } from './classroom-fixtures.ts';
import { seedQuiz } from './fixtures.ts';

// A flood of wrong codes must cost the flooder, never the next student: failures and joins are
// counted apart, per address and per session, and the table forgets the stalest address when
// full instead of refusing newcomers.

describe('the join limiter', () => {
  it('never refuses a new address because the table is full of others’ failures', () => {
    const time = 0;
    const limiter = createJoinLimiter(() => time, { maxAddresses: 100 });
    for (let i = 0; i < 500; i++) for (let k = 0; k < WRONG_CODES_PER_WINDOW; k++) limiter.failed(addressOf(i));
    expect(limiter.size).toBeLessThanOrEqual(200);
    expect(limiter.mayTry('10.9.9.9')).toBe(true);
    expect(limiter.mayJoin('10.9.9.9')).toBe(true);
    // The latest flooders are still held to their limit.
    expect(limiter.mayTry(addressOf(499))).toBe(false);
  });

  it('counts wrong codes apart from joins', () => {
    let time = 0;
    const limiter = createJoinLimiter(() => time, { wrongCodes: 3, joins: 2 });
    limiter.joined('10.0.0.1');
    limiter.joined('10.0.0.1');
    expect(limiter.mayTry('10.0.0.1')).toBe(true); // joins are not wrong codes
    expect(limiter.mayJoin('10.0.0.1')).toBe(false);
    for (let i = 0; i < 3; i++) limiter.failed('10.0.0.2');
    expect(limiter.mayTry('10.0.0.2')).toBe(false);
    expect(limiter.mayJoin('10.0.0.2')).toBe(true);
    time += JOIN_WINDOW_MS;
    expect(limiter.mayTry('10.0.0.2')).toBe(true);
    expect(limiter.mayJoin('10.0.0.1')).toBe(true);
  });

  it('counts an IPv6 address by its /64, and an IPv4-mapped one as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('::ffff:192.168.1.20')).toBe('192.168.1.20');
    const limiter = createJoinLimiter(() => 0, { wrongCodes: 2 });
    limiter.failed('2001:db8:1:2::1');
    limiter.failed('2001:db8:1:2::2');
    expect(limiter.mayTry('2001:db8:1:2::ffff')).toBe(false);
    expect(limiter.mayTry('2001:db8:1:3::1')).toBe(true);
  });

  it('holds one address to the guessing rate the join code’s arithmetic assumes', () => {
    let time = 0;
    const limiter = createJoinLimiter(() => time);
    let checked = 0;
    // A guesser trying every 100 ms for an hour.
    for (let t = 0; t < 60 * 60_000; t += 100) {
      time = t;
      if (limiter.mayTry('10.0.0.66')) {
        checked++;
        limiter.failed('10.0.0.66');
      }
    }
    expect(checked).toBe(WRONG_CODES_PER_WINDOW * 60);
  });

  it('keeps guessing the join code improbable within those limits', () => {
    const codes = JOIN_CODE_ALPHABET.length ** JOIN_CODE_LENGTH;
    expect(codes).toBe(887_503_681);
    // One computer all through an 8-hour school day.
    expect(joinCodeGuessChance(1, 8 * 60)).toBeCloseTo(4_800 / codes, 12);
    expect(joinCodeGuessChance(1, 8 * 60)).toBeLessThan(1e-5);
    // Every computer of a /24 subnet through a one-hour lesson.
    expect(joinCodeGuessChance(254, 60)).toBeLessThan(2e-4);
  });
});

describe('joining a session under a flood', () => {
  const quiz = seedQuiz();
  let harness: ClassroomHarness;
  afterEach(() => harness?.close());

  it('lets a student with the right code in from a new address, whatever others failed', { timeout: 60_000 }, async () => {
    harness = await classroomHarness({ joinLimit: { limit: 10, windowMs: 60_000, maxAddresses: 50 } });
    const session = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
    for (let n = 0; n < 120; n++) {
      expect((await student(session.port, addressOf(n))('join', { code: 'WRONG1', name: 'Flood' })).status).toBe(403);
    }
    const reply = await student(session.port, addressOf(400))('join', { code: session.joinCode, name: 'Ada' });
    expect(reply.status, reply.body).toBe(200);
  });

  it('starts each session with its own counts', { timeout: 60_000 }, async () => {
    harness = await classroomHarness({ joinLimit: { limit: 2, windowMs: 60_000 } });
    const first = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
    const shared = student(first.port, addressOf(7));
    for (let i = 0; i < 2; i++) await shared('join', { code: 'WRONG1', name: 'Typo' });
    expect((await shared('join', { code: first.joinCode, name: 'Bea' })).status).toBe(429);
    harness.service.endSession({ sessionId: first.sessionId });
    const second = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
    const reply = await student(second.port, addressOf(7))('join', { code: second.joinCode, name: 'Bea' });
    expect(reply.status, reply.body).toBe(200);
  });
});

describe('answers from one seat', () => {
  const quiz = seedQuiz();
  let harness: ClassroomHarness;
  afterEach(() => harness?.close());

  it('are limited per seat, saying the answer was not saved, while other seats carry on', { timeout: 60_000 }, async () => {
    harness = await classroomHarness({ answerLimit: { limit: 5, windowMs: 60_000 } });
    const session = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
    const seats = [];
    for (const n of [1, 2]) {
      const client = student(session.port, addressOf(n));
      const joined = await client('join', { code: session.joinCode, name: `Student ${n}` });
      seats.push({ client, token: joined.json.value.token as string });
    }
    const [flooder, neighbour] = seats as [(typeof seats)[0], (typeof seats)[0]];
    const question = quiz.questions.find((q) => q.type === 'true-false-not-given')!;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const reply = await flooder.client('answer', {
        token: flooder.token,
        questionId: question.id,
        response: { type: 'true-false-not-given', value: 'true' },
      });
      statuses.push(reply.status);
      if (reply.status === 429)
        expect(reply.json.error).toMatchObject({ reason: 'too-many-answers', message: expect.stringMatching(/not saved/) });
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const other = await neighbour.client('answer', {
      token: neighbour.token,
      questionId: question.id,
      response: { type: 'true-false-not-given', value: 'false' },
    });
    expect(other.status, other.body).toBe(200);
  });
});
