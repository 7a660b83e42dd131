import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { attemptScore } from '../../src/core/results/attempt-score.ts';
import { classResults } from '../../src/core/results/class-results.ts';
import type { AttemptData } from '../../src/core/results/types.ts';
import { scoreResponse } from '../../src/core/scoring/index.ts';
import type { Response } from '../../src/core/scoring/response.ts';
import { createResultsChannels } from '../../src/service/results.ts';
import { openStore, type Store } from '../../src/service/store.ts';
import type { QuizResults } from '../../src/shared/contract.ts';
import { seedQuiz, tempDir, variedResponse } from './fixtures.ts';
import { fixedCatalogue } from '../../src/service/library/catalogue.ts';

// Class results are summed in SQL (results-queries.ts, class-sums.ts). The row-by-row
// computation in core (classResults, attemptScore) is the reference: on randomised classes the
// two must give the same figures.

const quiz = seedQuiz();
const sentenceIds = quiz.article.sentences.map((s) => s.id);
let cleanup = () => {};
afterEach(() => cleanup());

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomResponse(q: LoadedQuestion, rnd: () => number): Response {
  // Mostly the fixtures' varied answers; sometimes any option at all, so ties and rare choices happen.
  if (q.type === 'single-choice' && rnd() < 0.5) return { type: q.type, optionId: q.options[Math.floor(rnd() * q.options.length)]!.id };
  if (q.type === 'multiple-select' && rnd() < 0.5) return { type: q.type, optionIds: q.options.filter(() => rnd() < 0.4).map((o) => o.id) };
  return variedResponse(q, Math.floor(rnd() * 30), sentenceIds);
}

function randomClass(seed: number, students: number): { store: Store; attempts: AttemptData[] } {
  const rnd = random(seed);
  const { dir, cleanup: remove } = tempDir();
  const store = openStore(join(dir, 'evident.db'));
  cleanup = () => (store.close(), remove());
  const attempts: AttemptData[] = [];
  store.transaction(() => {
    for (let i = 0; i < students; i++) {
      const id = `00000000-0000-4000-8000-${String(seed * 1000 + i).padStart(12, '0')}`;
      // Some start at the same moment: the order then falls back to the order of insertion.
      const startedAt = new Date(Date.UTC(2026, 10, 1 + Math.floor(rnd() * 5), 9, Math.floor(rnd() * 3))).toISOString();
      const submitted = rnd() < 0.8;
      store.insertAttempt({
        id,
        quizId: quiz.id,
        studentName: `Student ${i}`,
        settings: { feedback: 'deferred', shuffle: false },
        seed: 1,
        status: submitted ? 'submitted' : 'in-progress',
        startedAt,
        submittedAt: submitted ? startedAt : null,
      });
      const skill = rnd();
      for (const q of quiz.questions) {
        if (rnd() < 0.15) continue; // unanswered
        const response = rnd() < skill ? randomResponse(q, rnd) : variedResponse(q, 0, sentenceIds);
        const score = scoreResponse(q, response);
        void store.saveResponse(id, { questionId: q.id, response, ...score, answeredAt: startedAt });
      }
    }
  });
  // The reference reads every row, as results did before SQL.
  const answers = store.responsesByAttempt({ quizId: quiz.id });
  for (const a of store.listAttempts({ quizId: quiz.id })) attempts.push({ ...a, answers: answers.get(a.id) ?? [] });
  return { store, attempts };
}

function expectSameResults(sql: QuizResults, attempts: readonly AttemptData[]) {
  const reference = classResults(quiz.questions, sentenceIds, attempts);
  expect(sql.sentences).toEqual(reference.sentences);
  expect(sql.questions).toHaveLength(reference.questions.length);
  for (const [i, expected] of reference.questions.entries()) {
    const actual = sql.questions[i]!;
    const { discrimination, ...rest } = expected;
    const { discrimination: sqlDiscrimination, ...sqlRest } = actual;
    expect(sqlRest, expected.questionId).toEqual(rest);
    if (discrimination === null) expect(sqlDiscrimination, expected.questionId).toBeNull();
    else expect(sqlDiscrimination, expected.questionId).toBeCloseTo(discrimination, 9);
  }
  const { alpha, ...reliability } = reference.reliability;
  const { alpha: sqlAlpha, ...sqlReliability } = sql.reliability;
  expect(sqlReliability).toEqual(reliability);
  if (alpha === null) expect(sqlAlpha).toBeNull();
  else expect(sqlAlpha).toBeCloseTo(alpha, 9);
  expect(sql.attempts.map((a) => [a.attemptId, a.answered, a.points, a.maxPoints, a.percentage])).toEqual(
    attempts.map((a) => {
      const s = attemptScore(quiz.questions, a.answers);
      return [a.id, s.answered, s.points, s.maxPoints, s.percentage];
    }),
  );
}

describe('class results summed in SQL', () => {
  for (const [seed, students] of [
    [1, 40],
    [2, 12],
    [3, 7],
    [4, 1],
    [5, 3],
    [6, 25],
  ] as const) {
    it(`equal the row-by-row reference on a randomised class (seed ${seed}, ${students} students)`, () => {
      const { store, attempts } = randomClass(seed, students);
      const channels = createResultsChannels({ catalogue: fixedCatalogue([quiz]), store, now: () => new Date() });
      expectSameResults(channels.quizResults({ quizId: quiz.id }), attempts);
    });
  }

  it('equal the reference on the attempts a filter keeps (one day, a part of a name)', () => {
    const { store, attempts } = randomClass(7, 30);
    const channels = createResultsChannels({ catalogue: fixedCatalogue([quiz]), store, now: () => new Date() });
    const day = { from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z' };
    const onDay = attempts.filter((a) => a.startedAt >= day.from && a.startedAt < day.to);
    expect(onDay.length).toBeGreaterThan(0);
    expect(onDay.length).toBeLessThan(attempts.length);
    expectSameResults(channels.quizResults({ quizId: quiz.id, ...day }), onDay);
    const named = attempts.filter((a) => a.studentName.includes('nt 1'));
    expectSameResults(channels.quizResults({ quizId: quiz.id, studentName: 'NT 1' }), named);
  });
});
