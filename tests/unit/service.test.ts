import { afterEach, describe, expect, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import type { Response } from '../../src/core/scoring/response.ts';
import { ServiceError } from '../../src/service/service.ts';
import { seedQuiz, serviceHarness, type Harness } from './fixtures.ts';

let harness: Harness;
afterEach(() => harness?.close());

function wrongSingleChoice(question: LoadedQuestion): Response {
  if (question.type !== 'single-choice') throw new Error(`${question.id} is not single choice`);
  const wrong = question.options.find((o) => o.id !== question.correct);
  return { type: 'single-choice', optionId: wrong!.id };
}

describe('the service', () => {
  it('lists the seed quiz with its headline, counts and an estimated time', () => {
    harness = serviceHarness();
    const [summary] = harness.service.listQuizzes({});
    expect(summary).toMatchObject({
      id: 'north-korea-un',
      headline: 'North Korea fires threats at UN',
      questionCount: seedQuiz().questions.length,
      source: { publication: 'The Scotsman' },
    });
    expect(summary!.estimatedMinutes).toBeGreaterThan(5);
  });

  it('starts an attempt with the article and questions but no answer key', () => {
    harness = serviceHarness();
    const view = harness.service.startAttempt({
      quizId: 'north-korea-un',
      studentName: 'Ada',
      settings: { feedback: 'deferred', shuffle: false },
    });
    expect(view.status).toBe('in-progress');
    expect(view.questions).toHaveLength(seedQuiz().questions.length);
    expect(view.article.paragraphs).toHaveLength(seedQuiz().article.paragraphs.length);
    const text = JSON.stringify(view);
    for (const question of seedQuiz().questions) {
      expect(text).not.toContain(question.explanation);
    }
    expect(text).not.toMatch(/"correct"|"accepted"|"evidence"|"explanation"|"answer"/);
  });

  it('scores answers as they are given and totals them on submit', async () => {
    harness = serviceHarness();
    const quiz = seedQuiz();
    const [q1, q2, q3] = quiz.questions as [LoadedQuestion, LoadedQuestion, LoadedQuestion];
    const { attemptId } = harness.service.startAttempt({
      quizId: quiz.id,
      studentName: 'Ada',
      settings: { feedback: 'deferred', shuffle: false },
    });

    const reply = await harness.service.answer({ attemptId, questionId: q1.id, response: correctResponse(q1) });
    expect(reply.feedback).toBeUndefined(); // deferred: nothing of the key before submit
    await harness.service.answer({ attemptId, questionId: q2.id, response: wrongSingleChoice(q2) });
    await harness.service.answer({ attemptId, questionId: q3.id, response: wrongSingleChoice(q3) });
    // A changed answer replaces the earlier one.
    await harness.service.answer({ attemptId, questionId: q3.id, response: correctResponse(q3) });

    const review = harness.service.submit({ attemptId });
    const total = quiz.questions.reduce((n, q) => n + q.points, 0);
    expect(review.maxPoints).toBe(total);
    expect(review.points).toBe(q1.points + q3.points);
    expect(review.percentage).toBe(Math.round(((q1.points + q3.points) / total) * 1000) / 10);
    const byId = new Map(review.questions.map((item) => [item.question.id, item]));
    expect(byId.get(q1.id)!.feedback.verdict).toBe('correct');
    expect(byId.get(q2.id)!.feedback).toMatchObject({ verdict: 'incorrect', points: 0, explanation: q2.explanation });
    expect(byId.get(q2.id)!.feedback.evidenceSentenceIds).toEqual(q2.evidenceSentenceIds);
    expect(byId.get(q2.id)!.feedback.correctResponse).toEqual(correctResponse(q2));
    const unanswered = review.questions.find((item) => item.response === null)!;
    expect(unanswered.feedback).toMatchObject({ points: 0, verdict: 'incorrect' });
  });

  it('refuses answers after submit, and submitting again returns the same review', async () => {
    harness = serviceHarness();
    const q1 = seedQuiz().questions[0]!;
    const { attemptId } = harness.service.startAttempt({
      quizId: 'north-korea-un',
      studentName: 'Ada',
      settings: { feedback: 'deferred', shuffle: false },
    });
    await harness.service.answer({ attemptId, questionId: q1.id, response: correctResponse(q1) });
    const first = harness.service.submit({ attemptId });
    await expect(harness.service.answer({ attemptId, questionId: q1.id, response: correctResponse(q1) })).rejects.toThrow(
      expect.objectContaining({ code: 'conflict', reason: 'attempt-submitted' }),
    );
    expect(harness.service.submit({ attemptId })).toEqual(first);
    expect(harness.service.review({ attemptId })).toEqual(first);
  });

  it('opens the review only after submit', () => {
    harness = serviceHarness();
    const { attemptId } = harness.service.startAttempt({
      quizId: 'north-korea-un',
      studentName: 'Ada',
      settings: { feedback: 'deferred', shuffle: false },
    });
    expect(() => harness.service.review({ attemptId })).toThrow(ServiceError);
    expect(() => harness.service.review({ attemptId })).toThrow(expect.objectContaining({ reason: 'not-submitted-yet' }));
  });

  it('gives feedback at once and locks the answer in immediate mode', async () => {
    harness = serviceHarness();
    const q1 = seedQuiz().questions[0]!;
    const { attemptId } = harness.service.startAttempt({
      quizId: 'north-korea-un',
      studentName: 'Ada',
      settings: { feedback: 'immediate', shuffle: false },
    });
    const reply = await harness.service.answer({ attemptId, questionId: q1.id, response: wrongSingleChoice(q1) });
    expect(reply.feedback).toMatchObject({ verdict: 'incorrect', evidenceSentenceIds: q1.evidenceSentenceIds });
    await expect(harness.service.answer({ attemptId, questionId: q1.id, response: correctResponse(q1) })).rejects.toThrow(
      expect.objectContaining({ code: 'conflict', reason: 'answer-locked' }),
    );
    expect(harness.service.getAttempt({ attemptId }).answers[0]!.feedback).toEqual(reply.feedback);
  });

  it('names what was wrong: unknown quiz, attempt or question', async () => {
    harness = serviceHarness();
    expect(() =>
      harness.service.startAttempt({ quizId: 'no-such-quiz', studentName: 'Ada', settings: { feedback: 'deferred', shuffle: false } }),
    ).toThrow(/no quiz “no-such-quiz”/);
    expect(() =>
      harness.service.startAttempt({ quizId: 'no-such-quiz', studentName: 'Ada', settings: { feedback: 'deferred', shuffle: false } }),
    ).toThrow(expect.objectContaining({ reason: 'quiz-not-found' }));
    expect(() => harness.service.getAttempt({ attemptId: '00000000-0000-4000-8000-000000000000' })).toThrow(/no attempt/);
    expect(() => harness.service.getAttempt({ attemptId: '00000000-0000-4000-8000-000000000000' })).toThrow(
      expect.objectContaining({ reason: 'attempt-not-found' }),
    );
    const { attemptId } = harness.service.startAttempt({
      quizId: 'north-korea-un',
      studentName: 'Ada',
      settings: { feedback: 'deferred', shuffle: false },
    });
    await expect(
      harness.service.answer({ attemptId, questionId: 'no-such-question', response: { type: 'short-answer', text: 'x' } }),
    ).rejects.toThrow(/no question “no-such-question”/);
  });

  it('keeps every answer across a restart and resumes the attempt where it stopped', async () => {
    harness = serviceHarness();
    const [q1, q2] = seedQuiz().questions as [LoadedQuestion, LoadedQuestion];
    const started = harness.service.startAttempt({
      quizId: 'north-korea-un',
      studentName: 'Ada',
      settings: { feedback: 'deferred', shuffle: false },
    });
    await harness.service.answer({ attemptId: started.attemptId, questionId: q1.id, response: correctResponse(q1) });
    await harness.service.answer({ attemptId: started.attemptId, questionId: q2.id, response: wrongSingleChoice(q2) });

    harness = harness.reopen();
    const resumed = harness.service.getAttempt({ attemptId: started.attemptId });
    expect(resumed.status).toBe('in-progress');
    expect(resumed.answers.map((a) => [a.questionId, a.response])).toEqual([
      [q1.id, correctResponse(q1)],
      [q2.id, wrongSingleChoice(q2)],
    ]);
    // The shuffled order of ordering items is rebuilt from the stored seed.
    expect(resumed.questions).toEqual(started.questions);
  });

  it('never shows ordering items in their correct order', () => {
    harness = serviceHarness();
    const orderings = seedQuiz().questions.filter((q) => q.type === 'ordering');
    expect(orderings.length).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) {
      const view = harness.service.startAttempt({
        quizId: 'north-korea-un',
        studentName: `S${i}`,
        settings: { feedback: 'deferred', shuffle: false },
      });
      for (const question of orderings) {
        const shown = view.questions.find((q) => q.id === question.id);
        if (shown?.type !== 'ordering' || question.type !== 'ordering') throw new Error('ordering question missing');
        expect(shown.items.map((item) => item.id)).not.toEqual(question.order);
        expect([...shown.items.map((item) => item.id)].sort()).toEqual([...question.order].sort());
      }
    }
  });
});
