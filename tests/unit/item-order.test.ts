import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { publicQuestion } from '../../src/service/public.ts';
import type { PublicQuestion } from '../../src/shared/contract.ts';
import { seedQuizzes, serviceHarness, type Harness } from './fixtures.ts';

// The key must never be readable from the order on screen: matching's right-hand list and
// ordering's items are always shown in a seeded order that is not the key's, shuffle or not.

type Matching = Extract<LoadedQuestion, { type: 'matching' }>;
type Ordering = Extract<LoadedQuestion, { type: 'ordering' }>;

/** Whether the answers, read down the (unshuffled) left rows, appear in the same order in the shown list. */
function matchingInKeyOrder(question: Matching, shownRight: readonly { id: string }[]): boolean {
  const position = new Map(shownRight.map((r, i) => [r.id, i]));
  const answerOf = new Map(question.pairs.map((p) => [p.left, p.right]));
  const places = question.left.map((l) => position.get(answerOf.get(l.id) ?? '') ?? -1);
  return places.every((p, i) => i === 0 || p >= places[i - 1]!);
}

function orderingInKeyOrder(question: Ordering, shownItems: readonly { id: string }[]): boolean {
  return shownItems.every((item, i) => item.id === question.order[i]);
}

const shown = <T extends PublicQuestion['type']>(q: LoadedQuestion, seed: number, shuffle: boolean) =>
  publicQuestion(q, 1, seed, shuffle) as Extract<PublicQuestion, { type: T }>;

const all = seedQuizzes().flatMap((quiz) => quiz.questions);
const matchings = all.filter((q): q is Matching => q.type === 'matching');
const orderings = all.filter((q): q is Ordering => q.type === 'ordering');

/** A matching question whose bank lists the right-hand column in key order: the worst case. */
const twoPairs: Matching = {
  ...matchings[0]!,
  id: 'two-pairs',
  left: [
    { id: 'l1', text: 'first' },
    { id: 'l2', text: 'second' },
  ],
  right: [
    { id: 'r1', text: 'one' },
    { id: 'r2', text: 'two' },
  ],
  pairs: [
    { left: 'l1', right: 'r1' },
    { left: 'l2', right: 'r2' },
  ],
};

/** An ordering question whose bank lists its items in reverse key order (the old fallback's answer). */
const reversedOrdering: Ordering = {
  ...orderings[0]!,
  id: 'reversed',
  items: [
    { id: 'c', text: 'C' },
    { id: 'b', text: 'B' },
    { id: 'a', text: 'A' },
  ],
  order: ['a', 'b', 'c'],
};

describe('items whose order is the key', () => {
  it('the seed bank has matching and ordering questions to check', () => {
    expect(matchings.length).toBeGreaterThan(0);
    expect(orderings.length).toBeGreaterThan(0);
  });

  for (const shuffle of [false, true]) {
    it(`never shows matching's right-hand list in key order (shuffle ${shuffle ? 'on' : 'off'})`, () => {
      for (const question of [...matchings, twoPairs]) {
        for (let seed = 0; seed < 500; seed++) {
          const right = shown<'matching'>(question, seed, shuffle).right;
          expect(matchingInKeyOrder(question, right), `${question.id}, seed ${seed}: ${right.map((r) => r.id).join(' ')}`).toBe(false);
          expect(right.map((r) => r.id).sort()).toEqual(question.right.map((r) => r.id).sort());
        }
      }
    });

    it(`never shows ordering's items in key order (shuffle ${shuffle ? 'on' : 'off'})`, () => {
      for (const question of [...orderings, reversedOrdering]) {
        for (let seed = 0; seed < 500; seed++) {
          const items = shown<'ordering'>(question, seed, shuffle).items;
          expect(orderingInKeyOrder(question, items), `${question.id}, seed ${seed}`).toBe(false);
        }
      }
    });
  }

  it('varies the order with the seed, so no one order can be learnt', () => {
    const question = matchings[0]!;
    const orders = new Set(
      Array.from({ length: 50 }, (_, seed) =>
        shown<'matching'>(question, seed, false)
          .right.map((r) => r.id)
          .join(' '),
      ),
    );
    expect(orders.size).toBeGreaterThan(2);
  });

  describe('in an attempt', () => {
    let harness: Harness;
    afterEach(() => harness?.close());

    it('the review replays the order the attempt showed', () => {
      harness = serviceHarness({ newSeed: () => 12345 });
      const quizId = 'north-korea-un';
      const started = harness.service.startAttempt({ quizId, studentName: 'Ada', settings: { feedback: 'deferred', shuffle: false } });
      const pick = (questions: readonly PublicQuestion[]) =>
        questions
          .filter((q) => q.type === 'matching' || q.type === 'ordering')
          .map((q) => (q.type === 'matching' ? q.right : q.type === 'ordering' ? q.items : []));
      const before = pick(started.questions);
      expect(before.length).toBeGreaterThan(0);
      const review = harness.service.submit({ attemptId: started.attemptId });
      expect(pick(review.questions.map((q) => q.question))).toEqual(before);
      expect(pick(harness.reopen().service.getAttempt({ attemptId: started.attemptId }).questions)).toEqual(before);
    });
  });
});
