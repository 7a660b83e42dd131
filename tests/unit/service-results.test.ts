import { afterEach, describe, expect, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import { fakeClock, seedQuiz, serviceHarness, type Harness } from './fixtures.ts';

let harness: Harness;
afterEach(() => harness?.close());

const quiet = () => {};
const quiz = seedQuiz();
const [q1, q2] = quiz.questions as [LoadedQuestion, LoadedQuestion];
const maxPoints = quiz.questions.reduce((n, q) => n + q.points, 0);

/** Three attempts a minute apart: Ada (submitted, q1 right), Adam (in progress, q1 right), Bea (submitted, nothing). */
async function classOfThree() {
  const clock = fakeClock();
  harness = serviceHarness({ now: clock.now });
  const ids: Record<string, string> = {};
  for (const name of ['Ada Lovelace', 'Adam', 'Bea']) {
    ids[name] = harness.service.startAttempt({
      quizId: quiz.id,
      studentName: name,
      settings: { feedback: 'deferred', shuffle: false },
    }).attemptId;
    clock.advance(60_000);
  }
  await harness.service.answer({ attemptId: ids['Ada Lovelace']!, questionId: q1.id, response: correctResponse(q1) });
  await harness.service.answer({ attemptId: ids['Adam']!, questionId: q1.id, response: correctResponse(q1) });
  harness.service.submit({ attemptId: ids['Ada Lovelace']! });
  harness.service.submit({ attemptId: ids['Bea']! });
  return ids;
}

describe('listAttempts', () => {
  it('lists attempts newest first with their standing', async () => {
    const ids = await classOfThree();
    const list = harness.service.listAttempts({});
    expect(list.map((a) => a.studentName)).toEqual(['Bea', 'Adam', 'Ada Lovelace']);
    expect(list[2]).toEqual({
      attemptId: ids['Ada Lovelace'],
      quizId: quiz.id,
      title: quiz.title,
      studentName: 'Ada Lovelace',
      status: 'submitted',
      startedAt: '2026-11-27T09:00:00.000Z',
      submittedAt: '2026-11-27T09:03:00.000Z',
      answered: 1,
      questionCount: quiz.questions.length,
      points: q1.points,
      maxPoints,
      percentage: Math.round((q1.points / maxPoints) * 1000) / 10,
    });
    expect(list[1]!.submittedAt).toBeUndefined();
  });

  it('filters by quiz, by any part of the name ignoring case, and by status', async () => {
    await classOfThree();
    const names = (input: Parameters<typeof harness.service.listAttempts>[0]) =>
      harness.service.listAttempts(input).map((a) => a.studentName);
    expect(names({ studentName: 'ADA' })).toEqual(['Adam', 'Ada Lovelace']);
    expect(names({ studentName: 'love' })).toEqual(['Ada Lovelace']);
    expect(names({ status: 'submitted' })).toEqual(['Bea', 'Ada Lovelace']);
    expect(names({ status: 'in-progress', studentName: 'a' })).toEqual(['Adam']);
    expect(names({ quizId: quiz.id })).toHaveLength(3);
    expect(names({ quizId: 'another-quiz' })).toEqual([]);
  });
});

describe('deleteAttempt', () => {
  it('deletes the attempt and its responses, and says not-found for an unknown or deleted one', async () => {
    const ids = await classOfThree();
    const adam = ids['Adam']!;
    expect(harness.store.listResponses(adam)).toHaveLength(1);
    expect(dispatch(harness.service, 'deleteAttempt', { attemptId: adam }, quiet)).toEqual({ ok: true, value: { deleted: true } });
    expect(harness.store.listResponses(adam)).toEqual([]);
    expect(dispatch(harness.service, 'getAttempt', { attemptId: adam }, quiet)).toMatchObject({
      ok: false,
      error: { code: 'not-found', reason: 'attempt-not-found' },
    });
    expect(dispatch(harness.service, 'deleteAttempt', { attemptId: adam }, quiet)).toMatchObject({
      ok: false,
      error: { code: 'not-found', reason: 'attempt-not-found' },
    });
    expect(harness.service.listAttempts({}).map((a) => a.studentName)).toEqual(['Bea', 'Ada Lovelace']);
    // The others keep their answers.
    expect(harness.store.listResponses(ids['Ada Lovelace']!)).toHaveLength(1);
  });
});

describe('quizResults', () => {
  it('lists every attempt but computes the statistics from the submitted ones', async () => {
    await classOfThree();
    const reply = dispatch(harness.service, 'quizResults', { quizId: quiz.id }, quiet);
    if (!reply.ok) throw new Error(reply.error.message);
    const results = reply.value as ReturnType<typeof harness.service.quizResults>;
    expect(results.attempts.map((a) => a.studentName)).toEqual(['Bea', 'Adam', 'Ada Lovelace']);
    // Adam's right answer is still in progress: only Ada's counts.
    expect(results.questions[0]).toMatchObject({ questionId: q1.id, answered: 1, facility: 1, averagePoints: q1.points });
    expect(results.questions[1]).toMatchObject({ questionId: q2.id, answered: 0, facility: null });
    // Only answers given shade the passage: Ada's right answer to q1 is the one answer among the
    // submitted attempts, so q1's sentences proved one answer and missed none; Bea's blanks count nowhere.
    expect(q1.evidenceSentenceIds.length).toBeGreaterThan(0);
    for (const sentence of results.sentences) {
      expect(sentence, sentence.sentenceId).toEqual({
        sentenceId: sentence.sentenceId,
        missed: 0,
        answered: q1.evidenceSentenceIds.includes(sentence.sentenceId) ? 1 : 0,
      });
    }
  });

  it('says not-found for a quiz that is not installed', () => {
    harness = serviceHarness();
    expect(dispatch(harness.service, 'quizResults', { quizId: 'no-such-quiz' }, quiet)).toMatchObject({
      ok: false,
      error: { code: 'not-found', reason: 'quiz-not-found' },
    });
  });
});
