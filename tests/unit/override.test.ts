import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { correctResponse } from '../../src/core/bank/key.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import { seedQuiz, serviceHarness, type Harness } from './fixtures.ts';

// The teacher's mark over the automatic one, for a short answer and each cloze gap: the
// original stays beside it, and the attempt's total, class results and the exports follow.

let harness: Harness;
afterEach(() => harness?.close());

const quiz = seedQuiz();
const shortAnswer = quiz.questions.find((q) => q.type === 'short-answer')! as Extract<LoadedQuestion, { type: 'short-answer' }>;
const cloze = quiz.questions.find((q) => q.type === 'cloze')! as Extract<LoadedQuestion, { type: 'cloze' }>;
const choice = quiz.questions.find((q) => q.type === 'single-choice')!;
const quiet = () => {};

async function attemptWithNearMisses() {
  harness = serviceHarness();
  const { attemptId } = harness.service.startAttempt({
    quizId: quiz.id,
    studentName: 'Ada',
    settings: { feedback: 'deferred', shuffle: false },
  });
  await harness.service.answer({ attemptId, questionId: shortAnswer.id, response: { type: 'short-answer', text: 'a near miss' } });
  const gaps = Object.fromEntries(cloze.gaps.map((g, i) => [g.id, i === 0 ? 'misspelt' : g.accepted[0]!]));
  await harness.service.answer({ attemptId, questionId: cloze.id, response: { type: 'cloze', gaps } });
  await harness.service.answer({ attemptId, questionId: choice.id, response: correctResponse(choice) });
  harness.service.submit({ attemptId });
  return attemptId;
}

const csvTotal = (content: string) => content.split('\r\n')[1]!.split(',')[6];

describe('overrideMark', () => {
  it('accepts a short answer as right with a reason, keeps the original mark, and the totals, results and CSVs follow', async () => {
    const attemptId = await attemptWithNearMisses();
    const before = harness.service.attemptDetail({ attemptId });
    const row = () => harness.service.attemptDetail({ attemptId }).questions.find((q) => q.questionId === shortAnswer.id)!;
    expect(row()).toMatchObject({ points: 0, verdict: 'incorrect', overridable: true, response: 'a near miss' });
    expect(row().original).toBeUndefined();
    const csvBefore = harness.service.exportCsv({ kind: 'attempts', quizId: quiz.id }).content;

    const after = harness.service.overrideMark({ attemptId, questionId: shortAnswer.id, correct: true, reason: 'same meaning' });
    const q = after.questions.find((x) => x.questionId === shortAnswer.id)!;
    expect(q).toMatchObject({ points: shortAnswer.points, verdict: 'correct', original: { points: 0, verdict: 'incorrect' } });
    expect(q.override).toMatchObject({ reason: 'same meaning' });
    expect(after.attempt.points).toBe(before.attempt.points + shortAnswer.points);

    const results = harness.service.quizResults({ quizId: quiz.id });
    expect(results.attempts[0]!.points).toBe(after.attempt.points);
    expect(results.questions.find((x) => x.questionId === shortAnswer.id)!.facility).toBe(1);
    expect(Number(csvTotal(harness.service.exportCsv({ kind: 'attempts', quizId: quiz.id }).content))).toBe(after.attempt.points);
    expect(csvTotal(csvBefore)).not.toBe(csvTotal(harness.service.exportCsv({ kind: 'attempts', quizId: quiz.id }).content));
    const gradebook = harness.service.exportCsv({ kind: 'gradebook', quizId: quiz.id }).content;
    expect(gradebook).toContain(`Ada,${after.attempt.points},`);
    // The student's own review shows the teacher's mark too.
    expect(harness.service.review({ attemptId }).points).toBe(after.attempt.points);

    const cleared = harness.service.overrideMark({ attemptId, questionId: shortAnswer.id, clear: true });
    expect(cleared.attempt.points).toBe(before.attempt.points);
    expect(cleared.questions.find((x) => x.questionId === shortAnswer.id)!.original).toBeUndefined();
  });

  it('marks one cloze gap right: the question earns its share, and the other gaps keep their marks', async () => {
    const attemptId = await attemptWithNearMisses();
    const gapRow = () => harness.service.attemptDetail({ attemptId }).questions.find((q) => q.questionId === cloze.id)!;
    expect(gapRow().gaps![0]).toMatchObject({ given: 'misspelt', correct: false });
    const after = harness.service.overrideMark({ attemptId, questionId: cloze.id, gaps: { [cloze.gaps[0]!.id]: true } });
    const q = after.questions.find((x) => x.questionId === cloze.id)!;
    expect(q.gaps!.every((g) => g.correct)).toBe(true);
    expect(q).toMatchObject({ points: cloze.points, verdict: 'correct' });
    expect(q.original!.verdict).toBe(cloze.gaps.length > 1 ? 'partial' : 'incorrect');
  });

  it('refuses, with the reason, a choice question, an unanswered question and a gap the cloze does not have', async () => {
    const attemptId = await attemptWithNearMisses();
    const unanswered = quiz.questions.find((q) => ![shortAnswer.id, cloze.id, choice.id].includes(q.id))!;
    const refuse = (input: object) => dispatch(harness.service, 'overrideMark', { attemptId, ...input }, quiet);
    expect(refuse({ questionId: choice.id, correct: false })).toMatchObject({
      ok: false,
      error: { reason: 'invalid-request', message: expect.stringMatching(/only short answers and cloze gaps/) },
    });
    expect(refuse({ questionId: unanswered.id, correct: true })).toMatchObject({
      ok: false,
      error: { reason: 'question-not-found', message: expect.stringMatching(/not answered/) },
    });
    expect(refuse({ questionId: cloze.id, gaps: { 'no-such-gap': true } })).toMatchObject({
      ok: false,
      error: { reason: 'invalid-request', message: expect.stringMatching(/no gap “no-such-gap”/) },
    });
    expect(refuse({ questionId: shortAnswer.id })).toMatchObject({ ok: false, error: { reason: 'invalid-request' } });
  });

  it('shows each question with the key, the evidence and the time the answer took', async () => {
    const attemptId = await attemptWithNearMisses();
    const detail = harness.service.attemptDetail({ attemptId });
    expect(detail.questions).toHaveLength(quiz.questions.length);
    const q = detail.questions.find((x) => x.questionId === choice.id)!;
    expect(q.key).toBe(q.response);
    expect(q.evidence.length).toBeGreaterThan(0);
    expect(q.evidence.every((e) => e.text.length > 0)).toBe(true);
    expect(q.secondsSpent).toEqual(expect.any(Number));
    expect(detail.questions.find((x) => x.response === null)!.secondsSpent).toBeNull();
  });
});
