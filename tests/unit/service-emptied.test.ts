import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { isEmptyResponse } from '../../src/core/scoring/index.ts';
import { seedQuiz, serviceHarness, type Harness } from './fixtures.ts';

let harness: Harness;
afterEach(() => harness?.close());

const ofType = <T extends LoadedQuestion['type']>(type: T) => {
  const q = seedQuiz().questions.find((x) => x.type === type);
  if (!q) throw new Error(`the seed quiz has no ${type} question`);
  return q as Extract<LoadedQuestion, { type: T }>;
};

describe('an emptied answer', () => {
  it('is forgotten by the service: the question is unanswered again, in the view and the review', async () => {
    harness = serviceHarness();
    const quiz = seedQuiz();
    const multi = ofType('multiple-select');
    const { attemptId } = harness.service.startAttempt({
      quizId: quiz.id,
      studentName: 'Ada',
      settings: { feedback: 'deferred', shuffle: false },
    });
    await harness.service.answer({
      attemptId,
      questionId: multi.id,
      response: { type: 'multiple-select', optionIds: [multi.options[0]!.id] },
    });
    expect(harness.service.getAttempt({ attemptId }).answers.map((a) => a.questionId)).toEqual([multi.id]);

    const reply = await harness.service.answer({ attemptId, questionId: multi.id, response: { type: 'multiple-select', optionIds: [] } });
    expect(reply.cleared).toBe(true);
    expect(harness.service.getAttempt({ attemptId }).answers).toEqual([]);
    const review = harness.service.submit({ attemptId });
    expect(review.questions.find((q) => q.question.id === multi.id)?.response).toBeNull();
  });

  it('covers every type that can be emptied: text, gaps, sentences, options, pairs', () => {
    expect(isEmptyResponse({ type: 'short-answer', text: '   ' })).toBe(true);
    expect(isEmptyResponse({ type: 'short-answer', text: 'a' })).toBe(false);
    expect(isEmptyResponse({ type: 'cloze', gaps: { a: ' ', b: '' } })).toBe(true);
    expect(isEmptyResponse({ type: 'cloze', gaps: { a: ' ', b: 'x' } })).toBe(false);
    expect(isEmptyResponse({ type: 'evidence-selection', sentenceIds: [] })).toBe(true);
    expect(isEmptyResponse({ type: 'matching', pairs: {} })).toBe(true);
    expect(isEmptyResponse({ type: 'single-choice', optionId: 'a' })).toBe(false);
    expect(isEmptyResponse({ type: 'two-part', partA: 'a', partB: [] })).toBe(false);
  });

  it('does not unlock a checked answer in immediate mode', async () => {
    harness = serviceHarness();
    const multi = ofType('multiple-select');
    const { attemptId } = harness.service.startAttempt({
      quizId: seedQuiz().id,
      studentName: 'Ada',
      settings: { feedback: 'immediate', shuffle: false },
    });
    await harness.service.answer({
      attemptId,
      questionId: multi.id,
      response: { type: 'multiple-select', optionIds: [multi.options[0]!.id] },
    });
    await expect(
      harness.service.answer({ attemptId, questionId: multi.id, response: { type: 'multiple-select', optionIds: [] } }),
    ).rejects.toThrow(/locked/);
    expect(harness.service.getAttempt({ attemptId }).answers).toHaveLength(1);
  });

  it('tells which cloze gap was wrong', async () => {
    harness = serviceHarness();
    const cloze = ofType('cloze');
    const { attemptId } = harness.service.startAttempt({
      quizId: seedQuiz().id,
      studentName: 'Ada',
      settings: { feedback: 'immediate', shuffle: false },
    });
    const [first, ...rest] = cloze.gaps;
    const gaps = Object.fromEntries([[first!.id, first!.accepted[0]!], ...rest.map((g) => [g.id, 'zzzz'])]);
    const reply = await harness.service.answer({ attemptId, questionId: cloze.id, response: { type: 'cloze', gaps } });
    expect(reply.feedback?.parts).toEqual([{ id: first!.id, correct: true }, ...rest.map((g) => ({ id: g.id, correct: false }))]);
  });
});
