import { Agent } from 'node:http';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addressOf, classroomHarness, LAN, student, type ClassroomHarness } from './classroom-fixtures.ts';
import { seedQuiz } from './fixtures.ts';

// A class joining at once: each join is committed with the others of the same moment (one sync
// of the disk for them all, off the event loop) and acknowledged only once it is, as an answer
// is. Before, every join was a transaction of its own whose sync stopped the event loop, so a
// hall of 2,000 joining within seconds stopped every other student's request meanwhile.

const quiz = seedQuiz();
let harness: ClassroomHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function started(batches: number[]) {
  harness = await classroomHarness({ onCommitBatch: (size) => batches.push(size) });
  const session = await harness.service.startSession({ quizId: quiz.id, settings: { shuffle: false }, host: LAN.address, port: 0 });
  return { h: harness, session };
}

describe('students joining at the same moment', () => {
  it('share commits, and each join is acknowledged only once its seat is on disk', async () => {
    const batches: number[] = [];
    const { h, session } = await started(batches);
    // What survives a crash: another connection sees only what was committed.
    const observer = new DatabaseSync(join(h.dir, 'evident.db'), { readOnly: true });
    const seatsOf = observer.prepare('SELECT count(*) AS n FROM seats s JOIN attempts a ON a.id = s.attempt_id WHERE s.attempt_id = ?');
    const CLASS = 24;
    // Each student's browser has its connection open already (it loaded the page), so the joins
    // reach the server together.
    const calls = Array.from({ length: CLASS }, (_, n) =>
      student(session.port, addressOf(n), new Agent({ keepAlive: true, maxSockets: 1 })),
    );
    await Promise.all(calls.map((call) => call('info', {})));
    const replies = await Promise.all(
      calls.map(async (call, n) => {
        const reply = await call('join', { code: session.joinCode, name: `Student ${n}` });
        expect(reply.status, reply.body).toBe(200);
        // Acknowledged: the seat and its attempt are already committed.
        expect((seatsOf.get(reply.json.value.seat.attempt.attemptId) as { n: number }).n).toBe(1);
        return reply;
      }),
    );
    observer.close();
    expect(new Set(replies.map((r) => r.json.value.token)).size).toBe(CLASS);
    // Every join went through group commit, and joins that arrived together shared a commit.
    expect(batches.reduce((a, b) => a + b, 0)).toBe(CLASS);
    expect(batches.length).toBeLessThan(CLASS);
    expect(Math.max(...batches)).toBeGreaterThan(1);
    const status = h.service.sessionStatus({ sessionId: session.sessionId })!;
    expect(status.students).toHaveLength(CLASS);
    // Each seat works at once: its student can answer.
    const first = replies[0]!.json.value;
    const answer = await student(session.port, addressOf(0))('answer', {
      token: first.token,
      questionId: quiz.questions[0]!.id,
      response: { type: 'single-choice', optionId: 'a' },
    });
    expect([200, 422]).toContain(answer.status);
  });

  it('two students under one name at the same moment: one gets the seat, the other is asked for an initial', async () => {
    const { h, session } = await started([]);
    for (const round of [0, 1, 2]) {
      const name = `Ada ${round}`;
      const [a, b] = await Promise.all([
        student(session.port, addressOf(2 * round))('join', { code: session.joinCode, name }),
        student(session.port, addressOf(2 * round + 1))('join', { code: session.joinCode, name: name.toUpperCase() }),
      ]);
      expect([a!.status, b!.status].sort()).toEqual([200, 409]);
      expect((a!.status === 409 ? a : b)!.json.error).toMatchObject({ reason: 'name-taken' });
    }
    const names = h.service.sessionStatus({ sessionId: session.sessionId })!.students.map((s) => s.name.toLowerCase());
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
  });

  it('a join refused by the database leaves no seat and frees the name again', async () => {
    const { h, session } = await started([]);
    // The attempts table refuses new rows for a moment (as a full disk would): the join fails alone.
    const writer = new DatabaseSync(join(h.dir, 'evident.db'));
    writer.exec(`CREATE TRIGGER refuse BEFORE INSERT ON attempts BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`);
    const refused = await student(session.port, addressOf(1))('join', { code: session.joinCode, name: 'Grace' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    writer.exec('DROP TRIGGER refuse');
    writer.close();
    expect(h.service.sessionStatus({ sessionId: session.sessionId })!.students).toHaveLength(0);
    const again = await student(session.port, addressOf(2))('join', { code: session.joinCode, name: 'Grace' });
    expect(again.status, again.body).toBe(200);
  });
});
