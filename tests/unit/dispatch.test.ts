import { afterEach, describe, expect, it, vi } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import type { Service } from '../../src/service/service.ts';
import { contract, type Envelope } from '../../src/shared/contract.ts';
import { seedQuiz, serviceHarness, type Harness } from './fixtures.ts';

let harness: Harness;
afterEach(() => harness?.close());

const quiet = () => {};

function ok<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.value as T;
}

describe('dispatch: the one path every transport takes', () => {
  it('answers every question type in both feedback modes, and every reply is a strict public payload', async () => {
    harness = serviceHarness();
    const quiz = seedQuiz();
    for (const feedback of ['deferred', 'immediate'] as const) {
      const started = ok<{ attemptId: string }>(
        dispatch(harness.service, 'startAttempt', { quizId: quiz.id, studentName: 'Ada', settings: { feedback } }, quiet),
      );
      const replies: unknown[] = [started];
      for (const question of quiz.questions) {
        replies.push(
          ok(
            await dispatch(
              harness.service,
              'answer',
              { attemptId: started.attemptId, questionId: question.id, response: correctResponse(question) },
              quiet,
            ),
          ),
        );
      }
      const review = ok<{ points: number; maxPoints: number }>(
        dispatch(harness.service, 'submit', { attemptId: started.attemptId }, quiet),
      );
      expect(review.points).toBe(review.maxPoints);
      replies.push(review);

      // Parsed again here, independently of dispatch, with the strict public schemas.
      expect(() => contract.startAttempt.output.parse(replies[0])).not.toThrow();
      for (const reply of replies.slice(1, -1)) {
        const parsed = contract.answer.output.parse(reply);
        expect(parsed.feedback === undefined).toBe(feedback === 'deferred');
      }
      expect(() => contract.submit.output.parse(review)).not.toThrow();
    }
  });

  it('sends nothing of the answer key before a question is answered', () => {
    harness = serviceHarness();
    const quiz = seedQuiz();
    const view = ok(dispatch(harness.service, 'startAttempt', { quizId: quiz.id, studentName: 'Ada' }, quiet));
    const text = JSON.stringify(view);
    for (const question of quiz.questions) {
      expect(text, question.id).not.toContain(question.explanation);
      if (question.type === 'short-answer') for (const accepted of question.accepted) expect(text).not.toContain(`"${accepted}"`);
    }
  });

  it('public schemas are strict: a reply carrying a key field is refused, not sent', () => {
    harness = serviceHarness();
    const leaky = {
      ...harness.service,
      listQuizzes: () => harness.service.listQuizzes({}).map((s) => ({ ...s, correct: 'threats-and-un' })),
    } as Service;
    const log = vi.fn();
    const reply = dispatch(leaky, 'listQuizzes', {}, log);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'internal', reason: 'reply-withheld', message: expect.stringContaining('could not be sent') },
    });
    expect(JSON.stringify(reply)).not.toContain('threats-and-un');
    expect(log).toHaveBeenCalledOnce();
  });

  it('turns bad input into errors that say what and where', () => {
    harness = serviceHarness();
    expect(dispatch(harness.service, 'dropTables', {}, quiet)).toEqual({
      ok: false,
      error: { code: 'unknown-channel', reason: 'unknown-channel', message: 'there is no channel “dropTables”' },
    });
    const missingName = dispatch(harness.service, 'startAttempt', { quizId: 'north-korea-un', studentName: '   ' }, quiet);
    expect(missingName).toMatchObject({
      ok: false,
      error: { code: 'bad-request', reason: 'invalid-request', issues: [{ path: 'studentName', message: 'enter your name' }] },
    });
    const extra = dispatch(harness.service, 'listQuizzes', { admin: true }, quiet);
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(dispatch(harness.service, 'getAttempt', null, quiet)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('reports a response of the wrong shape for its question as invalid, and stores nothing', async () => {
    harness = serviceHarness();
    const question = seedQuiz().questions[0]!;
    const { attemptId } = ok<{ attemptId: string }>(
      dispatch(harness.service, 'startAttempt', { quizId: 'north-korea-un', studentName: 'Ada' }, quiet),
    );
    const wrongType = await dispatch(
      harness.service,
      'answer',
      { attemptId, questionId: question.id, response: { type: 'short-answer', text: 'x' } },
      quiet,
    );
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid-response', reason: 'invalid-response' } });
    const noSuchOption = await dispatch(
      harness.service,
      'answer',
      { attemptId, questionId: question.id, response: { type: 'single-choice', optionId: 'no-such-option' } },
      quiet,
    );
    expect(noSuchOption).toMatchObject({
      ok: false,
      error: { code: 'invalid-response', message: expect.stringContaining('no-such-option') },
    });
    expect(harness.store.listResponses(attemptId)).toEqual([]);
  });

  it('hides unexpected failures behind a generic message and logs them', () => {
    harness = serviceHarness();
    const broken = {
      ...harness.service,
      listQuizzes: () => {
        throw new TypeError('secret internals');
      },
    } as Service;
    const log = vi.fn();
    const reply = dispatch(broken, 'listQuizzes', {}, log);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal', reason: 'unexpected-error' } });
    expect(JSON.stringify(reply)).not.toContain('secret internals');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('listQuizzes'), expect.any(TypeError));
  });
});
