import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import type { CsvExport, QuizResults } from '../../src/shared/contract.ts';
import { seedQuiz, serviceHarness, type Harness } from './fixtures.ts';

// One response whose stored JSON was damaged (a disk error, a hand edit) must not take the
// class results and both CSVs down with it: the row is left out, named, and the rest served.

let harness: Harness;
afterEach(() => harness?.close());

const quiz = seedQuiz();
const [q1, q2] = quiz.questions as [LoadedQuestion, LoadedQuestion];
const quiet = () => {};

function classWithOneBadRow() {
  harness = serviceHarness();
  const ids: string[] = [];
  for (const name of ['Ada', 'Bea']) {
    const { attemptId } = harness.service.startAttempt({
      quizId: quiz.id,
      studentName: name,
      settings: { feedback: 'deferred', shuffle: false },
    });
    harness.service.answer({ attemptId, questionId: q1.id, response: correctResponse(q1) });
    harness.service.answer({ attemptId, questionId: q2.id, response: correctResponse(q2) });
    harness.service.submit({ attemptId });
    ids.push(attemptId);
  }
  const [ada, bea] = ids as [string, string];
  // Damage Ada's answer to q2 behind the store's back, as a second connection would.
  const raw = new DatabaseSync(harness.file);
  raw.prepare('UPDATE responses SET response = ? WHERE attempt_id = ? AND question_id = ?').run('{"type": "single-ch', ada, q2.id);
  raw.close();
  return { ada, bea };
}

describe('a damaged stored response', () => {
  it('leaves class results standing, without the bad row, and names it by attempt and question', () => {
    const { ada } = classWithOneBadRow();
    const reply = dispatch(harness.service, 'quizResults', { quizId: quiz.id }, quiet);
    if (!reply.ok) throw new Error(`quizResults failed: ${reply.error.message}`);
    const results = reply.value as QuizResults;
    expect(results.attempts).toHaveLength(2);
    const byId = new Map(results.questions.map((q) => [q.questionId, q]));
    expect(byId.get(q1.id)?.answered).toBe(2);
    expect(byId.get(q2.id)?.answered).toBe(1); // Bea's only: Ada's is unreadable
    expect(results.unreadable).toEqual([{ attemptId: ada, questionId: q2.id, problem: expect.stringMatching(/JSON/) }]);
  });

  it('leaves every CSV export standing, and names the bad row by the reason its JSON gives', () => {
    const { ada } = classWithOneBadRow();
    // The attempts and gradebook exports read marks only (not the responses): the row is still
    // found by its stored readable flag, and named with the reason its whole row gives.
    for (const kind of ['attempts', 'responses', 'gradebook'] as const) {
      const reply = dispatch(harness.service, 'exportCsv', { kind, quizId: quiz.id }, quiet);
      if (!reply.ok) throw new Error(`exportCsv ${kind} failed: ${reply.error.message}`);
      const file = reply.value as CsvExport;
      expect(file.content).toContain('Bea');
      expect(file.unreadable).toEqual([{ attemptId: ada, questionId: q2.id, problem: expect.stringMatching(/JSON/) }]);
    }
  });

  it('leaves the attempt list and the student’s own attempt readable', () => {
    const { ada } = classWithOneBadRow();
    expect(harness.service.listAttempts({ quizId: quiz.id })).toHaveLength(2);
    const view = harness.service.getAttempt({ attemptId: ada });
    expect(view.answers.map((a) => a.questionId)).toEqual([q1.id]);
  });

  it('leaves the other attempts readable when an attempt row itself is damaged', () => {
    const { ada, bea } = classWithOneBadRow();
    const raw = new DatabaseSync(harness.file);
    raw.prepare('UPDATE attempts SET settings = ? WHERE id = ?').run('not json', bea);
    raw.close();
    const reply = dispatch(harness.service, 'quizResults', { quizId: quiz.id }, quiet);
    if (!reply.ok) throw new Error(`quizResults failed: ${reply.error.message}`);
    const results = reply.value as QuizResults;
    expect(results.attempts.map((a) => a.attemptId)).toEqual([ada]);
    expect(results.unreadable).toContainEqual({ attemptId: bea, problem: expect.stringMatching(/settings/) });
  });
});
