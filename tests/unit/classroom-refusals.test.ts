import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correctResponse } from '../../src/core/bank/key.ts';
import { newSeatToken } from '../../src/service/classroom/seat-token.ts';
import { MAX_STUDENT_BODY_BYTES } from '../../src/service/classroom/server.ts';
import { CHANNELS } from '../../src/shared/channels.ts';
import { SESSION_CHANNELS } from '../../src/shared/session-channels.ts';
import type { SessionStatus } from '../../src/shared/contract.ts';
import { addressOf, classroomHarness, CLIENT_ADDRESS_HEADER, LAN, send, student, type ClassroomHarness } from './classroom-fixtures.ts';
import { seedQuiz } from './fixtures.ts';

// The LAN is not trusted: everything a classmate's laptop could send that it should not is
// refused, and the server keeps serving the class afterwards.

const quiz = seedQuiz();
const question = quiz.questions[0]!;
let harness: ClassroomHarness;
let session: SessionStatus;
let seat: { token: string; attemptId: string };
const honest = () => student(session.port, addressOf(1));
const json = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  harness = await classroomHarness();
  session = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
  const joined = await honest()('join', { code: session.joinCode, name: 'Honest Student' });
  seat = { token: joined.json.value.token, attemptId: joined.json.value.seat.attempt.attemptId };
});
afterAll(() => harness.close());

/** After every refusal: the honest student can still work. */
async function stillServing(): Promise<void> {
  const reply = await honest()('answer', { token: seat.token, questionId: question.id, response: correctResponse(question) });
  expect(reply.status, reply.body).toBe(200);
}

describe('the session server refuses', () => {
  it('a wrong join code, without saying more', async () => {
    for (const code of ['AAAAAA', session.joinCode.slice(0, 5), `${session.joinCode}X`, ' ']) {
      const reply = await student(session.port, addressOf(10))('join', { code, name: 'Guesser' });
      expect([400, 403], code).toContain(reply.status);
      expect(reply.body).not.toContain(session.joinCode);
    }
    expect(harness.service.sessionStatus({})!.students.map((s) => s.name)).toEqual(['Honest Student']);
    await stillServing();
  });

  it('a join flood from one address (rate-limited), while other computers still join', async () => {
    const flood = student(session.port, addressOf(20));
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await flood('join', { code: 'WRONG1', name: 'Flood' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 403)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    // Even the right code is refused to the flooder for the rest of the minute.
    const right = await flood('join', { code: session.joinCode, name: 'Flood' });
    expect(right.status).toBe(429);
    expect(right.json.error).toMatchObject({ code: 'rate-limited', reason: 'too-many-joins' });
    expect((await student(session.port, addressOf(21))('join', { code: session.joinCode, name: 'Neighbour' })).status).toBe(200);
    await stillServing();
  });

  it('a flood that claims to come from many computers: the app counts the connection, not what a request says', async () => {
    // The harness's server believes CLIENT_ADDRESS_HEADER so that one machine can play a class;
    // the app's server (no clientAddress given) must not, or a flooder could name a new address per try.
    const real = await classroomHarness({ simulatedClients: false });
    try {
      const other = await real.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const reply = await send(LAN.address, other.port, 'POST', '/session-api/join', {
          body: JSON.stringify({ code: 'WRONG1', name: 'Flood' }),
          headers: { ...json, [CLIENT_ADDRESS_HEADER]: addressOf(200 + i) },
        });
        statuses.push(reply.status);
      }
      expect(statuses.slice(0, 10).every((s) => s === 403)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await real.close();
    }
  });

  it('forged seat tokens, and tokens stolen from another session', async () => {
    for (const token of [newSeatToken(), seat.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), 'not-a-token', seat.attemptId]) {
      const reply = await honest()('seat', { token });
      expect([400, 403], token).toContain(reply.status);
      expect(reply.body).not.toContain(seat.attemptId);
    }
    // An attempt id is not a credential here: the API has no field that takes one.
    const byId = await honest()('seat', { attemptId: seat.attemptId });
    expect(byId.status).toBe(400);
    // A seat of a session that ended does not open a seat in the next one.
    const other = await classroomHarness();
    const earlier = await other.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: '127.0.0.1', port: 0 });
    const stolen = (
      await send('127.0.0.1', earlier.port, 'POST', '/session-api/join', {
        body: JSON.stringify({ code: earlier.joinCode, name: 'Elsewhere' }),
        headers: json,
      })
    ).json.value.token as string;
    await other.close();
    expect((await honest()('seat', { token: stolen })).status).toBe(403);
    await stillServing();
  });

  it('names with markup or control characters, and names too long or empty', async () => {
    for (const name of ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', 'Bobby</td>', 'Tab\there', 'x'.repeat(61), '   ']) {
      const reply = await student(session.port, addressOf(30))('join', { code: session.joinCode, name });
      expect(reply.status, name).toBe(400);
    }
    expect(harness.service.sessionStatus({})!.students.some((s) => /[<>\t]/.test(s.name))).toBe(false);
    await stillServing();
  });

  it('oversize bodies, bodies that are not JSON, other methods and unknown channels', async () => {
    const big = await send(LAN.address, session.port, 'POST', '/session-api/answer', {
      body: JSON.stringify({
        token: seat.token,
        questionId: question.id,
        response: { type: 'short-answer', text: 'a'.repeat(MAX_STUDENT_BODY_BYTES) },
      }),
      headers: json,
    });
    expect(big.status).toBe(413);
    expect((await send(LAN.address, session.port, 'POST', '/session-api/seat', { body: '{"token":', headers: json })).status).toBe(400);
    expect(
      (await send(LAN.address, session.port, 'POST', '/session-api/seat', { body: 'token=x', headers: { 'Content-Type': 'text/plain' } }))
        .status,
    ).toBe(415);
    expect((await send(LAN.address, session.port, 'GET', '/session-api/seat')).status).toBe(405);
    expect((await honest()('dropTables', {})).json.error?.code).toBe('unknown-channel');
    await stillServing();
  });

  it('every teacher channel: they do not exist on the session server', async () => {
    for (const channel of CHANNELS) {
      const reply = await send(LAN.address, session.port, 'POST', `/api/${channel}`, { body: '{}', headers: json });
      expect(reply.status, channel).toBe(404);
      expect(reply.body, channel).not.toContain(session.joinCode);
      expect(reply.body, channel).not.toContain('Honest Student');
      // Nor through the student route, unless the student contract has a channel of that name.
      if (!(SESSION_CHANNELS as readonly string[]).includes(channel)) {
        expect((await honest()(channel, {})).json.error?.code, channel).toBe('unknown-channel');
      }
    }
    await stillServing();
  });

  it('../ paths and other files outside the built renderer; every page has a CSP', async () => {
    const index = await send(LAN.address, session.port, 'GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(index.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00',
      '/evident.db',
      '/../evident.db',
    ]) {
      const reply = await send(LAN.address, session.port, 'GET', path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toContain('outside the renderer');
      expect(reply.body, path).not.toContain('SQLite');
    }
    await stillServing();
  });

  it('other host names (DNS rebinding) and other sites’ pages', async () => {
    const rebound = await send(LAN.address, session.port, 'POST', '/session-api/info', {
      body: '{}',
      headers: { ...json, Host: `evil.example:${session.port}` },
    });
    expect(rebound.status).toBe(403);
    const crossSite = await send(LAN.address, session.port, 'POST', '/session-api/seat', {
      body: JSON.stringify({ token: seat.token }),
      headers: { ...json, Origin: 'http://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body).not.toContain(seat.attemptId);
    const sameSite = await send(LAN.address, session.port, 'POST', '/session-api/info', {
      body: '{}',
      headers: { ...json, Origin: `http://${LAN.address}:${session.port}` },
    });
    expect(sameSite.status).toBe(200);
    await stillServing();
  });

  it('random payloads on every student channel: always an envelope, never an internal error', async () => {
    const channels = ['info', 'join', 'seat', 'answer', 'submit', 'review'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), fc.anything(), async (channel, payload) => {
        const reply = await student(session.port, addressOf(40 + (channels.indexOf(channel) % 5)))(channel, payload);
        expect(typeof reply.json.ok).toBe('boolean');
        expect(reply.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    await stillServing();
  });
});
