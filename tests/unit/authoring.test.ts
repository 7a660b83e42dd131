import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import { loadQuiz } from '../../src/core/bank/load.ts';
import type { Question } from '../../src/core/bank/schema.ts';
import { checkDraftQuestion } from '../../src/service/authoring/check.ts';
import { fieldLabel } from '../../src/service/authoring/words.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import { seedQuiz, serviceHarness } from './fixtures.ts';

// The editor's check is the loader's: for every seed question and for broken ones, the editor
// reports a problem exactly when loading a bank holding that question would.

const quiz = seedQuiz();
const article = quiz.article;
const bankQuestions = quiz.bank.questions;
const sentence = (id: string) => article.sentences.find((s) => s.id === id)!.text;
const harness = serviceHarness();
afterAll(() => harness.close());

type SingleChoice = Extract<Question, { type: 'single-choice' }>;
const single = (): SingleChoice => structuredClone(bankQuestions.find((q) => q.type === 'single-choice')!) as SingleChoice;

describe('checkDraftQuestion', () => {
  it('accepts every question of the seed bank', () => {
    for (const question of bankQuestions) {
      const others = bankQuestions.filter((q) => q !== question).map((q) => q.id);
      expect(checkDraftQuestion(question, article, others).problems, question.id).toEqual([]);
    }
  });

  it('names an empty option by its place in the form, as the loader does by its path', () => {
    const question = single();
    question.options[1]!.text = '  ';
    const { problems } = checkDraftQuestion(question, article);
    expect(problems).toEqual([{ field: 'options.1.text', label: 'Option 2', message: 'must not be empty' }]);
  });

  it('reports a quote that is not in the article with the loader’s reason, and sentences in words', () => {
    const question = single();
    question.evidence = [sentence('p2.s1').replace(/\w+\.$/, 'banana.')];
    const { problems } = checkDraftQuestion(question, article);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'evidence.0', label: 'Evidence sentence 1' });
    expect(problems[0]!.message).toMatch(/^quote not found in the article/);
    expect(problems[0]!.message).toMatch(/paragraph 2, sentence 1/);
    expect(problems[0]!.message).not.toMatch(/p2\.s1/);
  });

  it('reports a short answer that is not words of the evidence', () => {
    const question = structuredClone(bankQuestions.find((q) => q.type === 'short-answer')!) as Extract<Question, { type: 'short-answer' }>;
    question.accepted = ['zebra crossing'];
    const { problems } = checkDraftQuestion(question, article);
    expect(problems.map((p) => p.field)).toEqual(['accepted.0']);
    expect(problems[0]!.label).toBe('Accepted answer 1');
  });

  it('reports a question id another question already uses, and only then', () => {
    const question = single();
    expect(checkDraftQuestion(question, article, ['other']).problems).toEqual([]);
    expect(checkDraftQuestion(question, article, ['other', question.id]).problems).toEqual([
      { field: 'id', label: 'Question id', message: 'another question of this quiz already uses this id' },
    ]);
  });

  it('puts a too-short list in a teacher’s words', () => {
    const question = single();
    question.options = question.options.slice(0, 1);
    const { problems } = checkDraftQuestion(question, article);
    expect(problems).toEqual([expect.objectContaining({ field: 'options', label: 'Options', message: 'give at least two options' })]);
    const matching = structuredClone(bankQuestions.find((q) => q.type === 'matching')!) as Extract<Question, { type: 'matching' }>;
    matching.left = matching.left.slice(0, 1);
    const left = checkDraftQuestion(matching, article).problems.find((p) => p.field === 'left');
    expect(left?.message).toBe('add at least 2');
  });

  it('agrees with the loader on which questions have problems', () => {
    const broken: unknown[] = [
      { ...single(), correct: 'nope' },
      { ...single(), prompt: '' },
      { ...single(), points: 0 },
      { ...single(), evidence: [] },
      { ...single(), skill: 'spelling' },
      { ...single(), extra: 1 },
      single(),
    ];
    for (const question of broken) {
      const bankText = JSON.stringify({ id: 'one', questions: [question] });
      const loaded = loadQuiz({ bankFile: 'bank.json', bankText, articleText: sourceText() });
      const checked = checkDraftQuestion(question, article);
      const loaderFields = loaded.ok ? [] : loaded.problems.map((p) => p.field);
      expect(checked.problems.map((p) => p.field)).toEqual(loaderFields);
    }
  });

  it('labels nested fields of a two-part question', () => {
    expect(fieldLabel('partB.options.0.quote')).toBe('Part B: Option 1');
    expect(fieldLabel('partA.prompt')).toBe('Part A: Question');
    expect(fieldLabel('pairs.1.right')).toBe('Pair 2, Right list');
    expect(fieldLabel('')).toBe('Question');
  });
});

describe('the checkQuestion and previewQuestion channels', () => {
  it('are the teacher’s: refused while locked', () => {
    const reply = dispatch(harness.guarded, 'checkQuestion', { quizId: quiz.id, question: single() }, () => {}, {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.reason).toBe('locked');
  });

  it('answer with the problems of the question', () => {
    const question = { ...single(), prompt: '' };
    const reply = dispatch(harness.service, 'checkQuestion', { quizId: quiz.id, question }, () => {});
    expect(reply).toEqual({ ok: true, value: { problems: [{ field: 'prompt', label: 'Question', message: 'must not be empty' }] } });
  });

  it('refuse an unknown quiz by name', () => {
    const reply = dispatch(harness.service, 'checkQuestion', { quizId: 'no-such-quiz', question: single() }, () => {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toMatchObject({ reason: 'quiz-not-found', message: expect.stringContaining('no-such-quiz') });
  });

  it('preview a question as a student sees it, without the key, and score an answer to it', () => {
    for (const loaded of quiz.questions) {
      const question = bankQuestions.find((q) => q.id === loaded.id)!;
      const shown = dispatch(harness.service, 'previewQuestion', { quizId: quiz.id, question }, () => {});
      if (!shown.ok) throw new Error(shown.error.message);
      const value = shown.value as { question: Record<string, unknown>; feedback?: unknown };
      expect(value.question['id']).toBe(question.id);
      expect(value.question).not.toHaveProperty('correct');
      expect(value.feedback).toBeUndefined();
      const answered = dispatch(
        harness.service,
        'previewQuestion',
        { quizId: quiz.id, question, response: correctResponse(loaded) },
        () => {},
      );
      if (!answered.ok) throw new Error(answered.error.message);
      expect(answered.value).toMatchObject({
        feedback: {
          points: question.points,
          maxPoints: question.points,
          verdict: 'correct',
          evidenceSentenceIds: loaded.evidenceSentenceIds,
        },
      });
    }
  });

  it('preview no question while it has problems, and say why', () => {
    const reply = dispatch(harness.service, 'previewQuestion', { quizId: quiz.id, question: { ...single(), explanation: '' } }, () => {});
    expect(reply.ok).toBe(true);
    if (reply.ok) {
      expect(reply.value).not.toHaveProperty('question');
      expect((reply.value as { problems: unknown[] }).problems).toHaveLength(1);
    }
  });

  it('creates no attempt', () => {
    expect(harness.service.listAttempts({})).toEqual([]);
  });
});

function sourceText(): string {
  // The seed's article file, as the loader reads it.
  return readFileSync(new URL('../../questions/north-korea-un/article.txt', import.meta.url), 'utf8');
}

describe('names instead of ids', () => {
  it('names a matching item by its place in the form, not its id', () => {
    const matching = structuredClone(quiz.bank.questions.find((q) => q.type === 'matching')!) as Extract<Question, { type: 'matching' }>;
    const last = matching.left.at(-1)!;
    matching.left.push({ id: 'extra-left', text: 'An extra statement' });
    const { problems } = checkDraftQuestion(matching, article);
    expect(problems).toEqual([{ field: 'pairs', label: 'Pairs', message: `Left item ${matching.left.length} is in no pair` }]);
    expect(last.id).not.toBe('extra-left');
  });
});
