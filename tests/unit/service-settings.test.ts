import { afterEach, describe, expect, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import { DEADLINE_GRACE_MS } from '../../src/service/service.ts';
import type { AttemptSettings, PublicQuestion } from '../../src/shared/contract.ts';
import { fakeClock, seedQuiz, serviceHarness, type Harness } from './fixtures.ts';

let harness: Harness;
afterEach(() => harness?.close());

const quiet = () => {};
const MINUTE = 60_000;

function start(settings: Partial<AttemptSettings>, studentName = 'Ada') {
  return harness.service.startAttempt({
    quizId: 'north-korea-un',
    studentName,
    settings: { feedback: 'deferred', shuffle: false, ...settings },
  });
}

/** The ids of the options a question shows, for the choice types that shuffle them. */
function shownOptionIds(q: PublicQuestion): string[] {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-select':
      return q.options.map((o) => o.id);
    case 'two-part':
      return q.partA.options.map((o) => o.id);
    case 'matching':
      return q.right.map((o) => o.id);
    default:
      return [];
  }
}

function bankOptionIds(q: LoadedQuestion): string[] {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-select':
      return q.options.map((o) => o.id);
    case 'two-part':
      return q.partA.options.map((o) => o.id);
    case 'matching':
      return q.right.map((o) => o.id);
    default:
      return [];
  }
}

describe('attempt settings: shuffle', () => {
  it('defaults to no shuffle: bank order, options as written, numbers 1..n', () => {
    harness = serviceHarness();
    const reply = dispatch(harness.service, 'startAttempt', { quizId: 'north-korea-un', studentName: 'Ada' }, quiet);
    if (!reply.ok) throw new Error(reply.error.message);
    const view = reply.value as ReturnType<typeof start>;
    expect(view.settings).toEqual({ feedback: 'deferred', shuffle: false });
    const bank = seedQuiz().questions;
    expect(view.questions.map((q) => q.id)).toEqual(bank.map((q) => q.id));
    expect(view.questions.map((q) => q.number)).toEqual(bank.map((_, i) => i + 1));
    for (const [i, q] of view.questions.entries()) {
      const written = bankOptionIds(bank[i]!);
      // Matching's right-hand list is always seeded away from the key (item-order.test.ts), so
      // without shuffling it is the same items, never the bank's order when that is the key's.
      if (q.type === 'matching') expect([...shownOptionIds(q)].sort()).toEqual([...written].sort());
      else expect(shownOptionIds(q)).toEqual(written);
    }
  });

  it('shuffles questions and the options of choice questions from the attempt seed, the same after a restart', () => {
    harness = serviceHarness({ newSeed: () => 12345 });
    const bank = seedQuiz().questions;
    const started = start({ shuffle: true });
    const ids = started.questions.map((q) => q.id);
    expect(ids).not.toEqual(bank.map((q) => q.id));
    expect([...ids].sort()).toEqual(bank.map((q) => q.id).sort());
    // `number` is the place on screen, not in the bank.
    expect(started.questions.map((q) => q.number)).toEqual(bank.map((_, i) => i + 1));

    const byId = new Map(bank.map((q) => [q.id, q]));
    let reordered = 0;
    for (const shown of started.questions) {
      const options = shownOptionIds(shown);
      const original = bankOptionIds(byId.get(shown.id)!);
      expect([...options].sort()).toEqual([...original].sort());
      if (options.join() !== original.join()) reordered++;
    }
    expect(reordered).toBeGreaterThan(5);

    harness = harness.reopen();
    expect(harness.service.getAttempt({ attemptId: started.attemptId }).questions).toEqual(started.questions);
    const review = harness.service.submit({ attemptId: started.attemptId });
    expect(review.questions.map((item) => item.question)).toEqual(started.questions);
  });

  it('gives different attempts different orders', () => {
    let seed = 1;
    harness = serviceHarness({ newSeed: () => seed++ });
    const orders = new Set(
      Array.from({ length: 5 }, (_, i) =>
        start({ shuffle: true }, `S${i}`)
          .questions.map((q) => q.id)
          .join(),
      ),
    );
    expect(orders.size).toBe(5);
  });

  it('scores by option id, so shuffled options score exactly as unshuffled ones', async () => {
    harness = serviceHarness({ newSeed: () => 777 });
    const { attemptId } = start({ shuffle: true });
    for (const q of seedQuiz().questions) await harness.service.answer({ attemptId, questionId: q.id, response: correctResponse(q) });
    const review = harness.service.submit({ attemptId });
    expect(review.points).toBe(review.maxPoints);
  });
});

describe('attempt settings: time limit', () => {
  it('sets a deadline and refuses answers once it and the grace have passed, but still takes the submit', async () => {
    const clock = fakeClock();
    harness = serviceHarness({ now: clock.now });
    const [q1, q2, q3] = seedQuiz().questions as [LoadedQuestion, LoadedQuestion, LoadedQuestion];
    const view = start({ timeLimitMinutes: 10 });
    expect(view.deadline).toBe(new Date(clock.now().getTime() + 10 * MINUTE).toISOString());

    clock.advance(10 * MINUTE);
    await harness.service.answer({ attemptId: view.attemptId, questionId: q1.id, response: correctResponse(q1) });
    clock.advance(DEADLINE_GRACE_MS); // exactly at the end of the grace: still taken
    await harness.service.answer({ attemptId: view.attemptId, questionId: q2.id, response: correctResponse(q2) });
    clock.advance(1);
    const late = await dispatch(
      harness.service,
      'answer',
      { attemptId: view.attemptId, questionId: q3.id, response: correctResponse(q3) },
      quiet,
    );
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'conflict', reason: 'time-up', message: expect.stringMatching(/^time is up/) },
    });

    const review = harness.service.submit({ attemptId: view.attemptId });
    expect(review.questions.filter((item) => item.response !== null)).toHaveLength(2);
  });

  it('keeps the deadline across a restart, and has none without a limit', () => {
    const clock = fakeClock();
    harness = serviceHarness({ now: clock.now });
    const timed = start({ timeLimitMinutes: 45 });
    expect(start({}).deadline).toBeUndefined();
    harness = harness.reopen();
    expect(harness.service.getAttempt({ attemptId: timed.attemptId }).deadline).toBe(timed.deadline);
    expect(harness.service.getAttempt({ attemptId: timed.attemptId }).settings.timeLimitMinutes).toBe(45);
  });

  it('accepts whole minutes from 1 to 240 only', () => {
    harness = serviceHarness();
    for (const timeLimitMinutes of [0, 241, 1.5, -5, '10', null]) {
      const reply = dispatch(
        harness.service,
        'startAttempt',
        { quizId: 'north-korea-un', studentName: 'Ada', settings: { timeLimitMinutes } },
        quiet,
      );
      expect(reply, String(timeLimitMinutes)).toMatchObject({
        ok: false,
        error: { code: 'bad-request', reason: 'invalid-request', issues: [{ path: 'settings.timeLimitMinutes' }] },
      });
    }
    for (const timeLimitMinutes of [1, 240]) {
      expect(
        dispatch(harness.service, 'startAttempt', { quizId: 'north-korea-un', studentName: 'Ada', settings: { timeLimitMinutes } }, quiet)
          .ok,
      ).toBe(true);
    }
  });
});
