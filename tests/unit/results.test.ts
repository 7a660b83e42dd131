import { describe, expect, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { attemptScore } from '../../src/core/results/attempt-score.ts';
import { classResults } from '../../src/core/results/class-results.ts';
import { readableResponse, wrongChoices } from '../../src/core/results/readable.ts';
import { attemptsTable, responsesTable, type QuizColumns } from '../../src/core/results/tables.ts';
import type { AttemptData, ScoredAnswer } from '../../src/core/results/types.ts';
import { scoreResponse } from '../../src/core/scoring/index.ts';
import type { Response } from '../../src/core/scoring/response.ts';
import { seedQuiz } from './fixtures.ts';

const quiz = seedQuiz();
const questions = quiz.questions;
const sentenceOrder = quiz.article.sentences.map((s) => s.id);

function question<T extends LoadedQuestion['type']>(id: string, type: T): Extract<LoadedQuestion, { type: T }> {
  const q = questions.find((x) => x.id === id);
  if (!q || q.type !== type) throw new Error(`the seed bank has no ${type} question ${id}`);
  return q as Extract<LoadedQuestion, { type: T }>;
}

const mainIdea = question('main-idea', 'single-choice');
const firstTime = question('first-time-discussed', 'true-false-not-given');
const pressure = question('responses-to-pressure', 'multiple-select');
const whoSaid = question('who-said-it', 'matching');
const meeting = question('significance-of-meeting', 'two-part');

const wrongOption = <O extends { id: string }>(q: { options: O[]; correct: string | string[] }, nth = 0): O =>
  q.options.filter((o) => !([] as string[]).concat(q.correct).includes(o.id))[nth]!;

function scored(q: LoadedQuestion, response: Response): ScoredAnswer {
  return { questionId: q.id, response, ...scoreResponse(q, response), answeredAt: '2026-11-27T09:10:00.000Z' };
}

let nextId = 0;
function attempt(status: AttemptData['status'], answers: ScoredAnswer[], studentName = 'Ada'): AttemptData {
  nextId++;
  return {
    id: `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`,
    quizId: quiz.id,
    studentName,
    status,
    startedAt: '2026-11-27T09:00:00.000Z',
    submittedAt: status === 'submitted' ? '2026-11-27T09:30:00.000Z' : null,
    answers,
  };
}

describe('attemptScore', () => {
  it('totals against the whole bank and ignores answers to questions it no longer has', () => {
    const stale: ScoredAnswer = { ...scored(mainIdea, correctResponse(mainIdea)), questionId: 'removed-question', points: 50 };
    const score = attemptScore(questions, [scored(mainIdea, correctResponse(mainIdea)), stale]);
    const max = questions.reduce((n, q) => n + q.points, 0);
    expect(score).toEqual({
      answered: 1,
      questionCount: questions.length,
      points: mainIdea.points,
      maxPoints: max,
      percentage: Math.round((mainIdea.points / max) * 1000) / 10,
    });
  });
});

describe('classResults', () => {
  const w1 = wrongOption(mainIdea, 0);
  const w2 = wrongOption(mainIdea, 1);
  const [pressureWrongA, pressureWrongB] = [wrongOption(pressure, 0), wrongOption(pressure, 1)];
  const wrongPairLeft = whoSaid.left[0]!;
  const wrongPairRight = whoSaid.right.find((r) => r.id !== whoSaid.pairs.find((p) => p.left === wrongPairLeft.id)!.right)!;
  const attempts = [
    attempt('submitted', [
      scored(mainIdea, correctResponse(mainIdea)),
      scored(firstTime, { type: 'true-false-not-given', value: 'not-given' }),
      scored(pressure, { type: 'multiple-select', optionIds: [pressure.correct[0]!, pressureWrongA.id, pressureWrongB.id] }),
      scored(whoSaid, { type: 'matching', pairs: { [wrongPairLeft.id]: wrongPairRight.id } }),
    ]),
    attempt('submitted', [
      scored(mainIdea, { type: 'single-choice', optionId: w1.id }),
      scored(firstTime, { type: 'true-false-not-given', value: 'not-given' }),
      scored(pressure, { type: 'multiple-select', optionIds: [pressureWrongB.id] }),
      scored(meeting, { type: 'two-part', partA: wrongOption(meeting.partA).id, partB: [] }),
    ]),
    attempt('submitted', [scored(mainIdea, { type: 'single-choice', optionId: w1.id })]),
    // In progress: counts for nothing, however wrong.
    attempt('in-progress', [
      scored(mainIdea, { type: 'single-choice', optionId: w2.id }),
      scored(mainIdea, { type: 'single-choice', optionId: w2.id }),
      scored(mainIdea, { type: 'single-choice', optionId: w2.id }),
    ]),
  ];
  const results = classResults(questions, sentenceOrder, attempts);
  const stats = (id: string) => results.questions.find((q) => q.questionId === id)!;

  it('gives each question its facility, average and most chosen wrong option, over submitted answers only', () => {
    expect(results.questions.map((q) => q.questionId)).toEqual(questions.map((q) => q.id));
    const { options, discrimination, flagged, ...plain } = stats(mainIdea.id);
    // Three submitted attempts: too few to flag; the option counts add up to the three answers.
    expect(flagged).toBe(false);
    expect(discrimination === null || Math.abs(discrimination) <= 1).toBe(true);
    expect(options?.reduce((n, o) => n + o.count, 0)).toBe(3);
    expect(options?.find((o) => o.correct)).toMatchObject({ id: mainIdea.correct, count: 1 });
    expect(plain).toEqual({
      questionId: mainIdea.id,
      number: questions.indexOf(mainIdea) + 1,
      prompt: mainIdea.prompt,
      type: 'single-choice',
      skill: mainIdea.skill,
      answered: 3,
      facility: 1 / 3,
      averagePoints: Math.round((mainIdea.points / 3) * 100) / 100,
      mostChosenWrong: { text: w1.text, count: 2 },
    });
    expect(stats(firstTime.id)).toMatchObject({
      answered: 2,
      facility: 0,
      averagePoints: 0,
      mostChosenWrong: { text: 'Not given', count: 2 },
    });
    expect(stats(pressure.id).mostChosenWrong).toEqual({ text: pressureWrongB.text, count: 2 });
    expect(stats(whoSaid.id).mostChosenWrong).toEqual({ text: `${wrongPairLeft.text} → ${wrongPairRight.text}`, count: 1 });
    expect(stats(meeting.id).mostChosenWrong).toEqual({ text: wrongOption(meeting.partA).text, count: 1 });
  });

  it('leaves facility and average empty for a question nobody answered, and never names a wrong choice for a free-text type', () => {
    const shortAnswer = questions.find((q) => q.type === 'short-answer')!;
    expect(stats(shortAnswer.id)).toMatchObject({ answered: 0, facility: null, averagePoints: null });
    expect(stats(shortAnswer.id).mostChosenWrong).toBeUndefined();
    const allRight = classResults(questions, sentenceOrder, [attempt('submitted', [scored(mainIdea, correctResponse(mainIdea))])]);
    expect(allRight.questions[questions.indexOf(mainIdea)]).toMatchObject({ facility: 1 });
    expect(allRight.questions[questions.indexOf(mainIdea)]!.mostChosenWrong).toBeUndefined();
  });

  it('counts, per evidence sentence, the submitted answers not fully right out of those given: unanswered questions count nowhere', () => {
    const cited = new Set(questions.flatMap((q) => q.evidenceSentenceIds));
    expect(results.sentences.map((s) => s.sentenceId)).toEqual(sentenceOrder.filter((id) => cited.has(id)));
    // Worked by hand: main-idea was answered 3 times and fully right once; first-time answered twice, never right.
    const given = new Map(
      questions.map((q) => [
        q.id,
        { answered: stats(q.id).answered, missed: stats(q.id).answered - Math.round((stats(q.id).facility ?? 0) * stats(q.id).answered) },
      ]),
    );
    expect(given.get(mainIdea.id)).toEqual({ answered: 3, missed: 2 });
    expect(given.get(firstTime.id)).toEqual({ answered: 2, missed: 2 });
    for (const sentence of results.sentences) {
      const citing = questions.filter((q) => q.evidenceSentenceIds.includes(sentence.sentenceId));
      expect(sentence.missed, sentence.sentenceId).toBe(citing.reduce((n, q) => n + given.get(q.id)!.missed, 0));
      expect(sentence.answered, sentence.sentenceId).toBe(citing.reduce((n, q) => n + given.get(q.id)!.answered, 0));
    }
    // A sentence whose questions nobody answered is not shaded at all.
    const unanswered = results.sentences.filter((s) => s.answered === 0);
    expect(unanswered.every((s) => s.missed === 0)).toBe(true);
    const none = classResults(questions, sentenceOrder, [attempts[3]!]);
    expect(none.sentences.every((s) => s.missed === 0)).toBe(true);
  });
});

describe('readableResponse and wrongChoices', () => {
  const sentenceText = (id: string) => quiz.article.sentences.find((s) => s.id === id)?.text;

  it('writes every type in words, with option texts instead of ids', () => {
    for (const q of questions) {
      const text = readableResponse(q, correctResponse(q), sentenceText);
      expect(text, q.id).not.toBe('');
      expect(text, q.id).not.toMatch(/^\{/);
    }
    expect(readableResponse(mainIdea, { type: 'single-choice', optionId: wrongOption(mainIdea).id }, sentenceText)).toBe(
      wrongOption(mainIdea).text,
    );
    expect(readableResponse(firstTime, { type: 'true-false-not-given', value: 'false' }, sentenceText)).toBe('False');
    expect(
      readableResponse(pressure, { type: 'multiple-select', optionIds: [pressure.options[0]!.id, pressure.options[1]!.id] }, sentenceText),
    ).toBe(`${pressure.options[0]!.text} | ${pressure.options[1]!.text}`);
    const [first] = quiz.article.sentences;
    expect(
      readableResponse(
        question('denial-sentences', 'evidence-selection'),
        { type: 'evidence-selection', sentenceIds: [first!.id] },
        sentenceText,
      ),
    ).toBe(`${first!.id} “${first!.text}”`);
    const cloze = question('warning-last-month', 'cloze');
    expect(readableResponse(cloze, { type: 'cloze', gaps: { [cloze.gaps[1]!.id]: 'the council' } }, sentenceText)).toBe(
      `${cloze.gaps[1]!.id}: the council`,
    );
    const ordering = question('un-timeline', 'ordering');
    expect(readableResponse(ordering, correctResponse(ordering), sentenceText)).toBe(
      ordering.order.map((id) => ordering.items.find((i) => i.id === id)!.text).join(' → '),
    );
    expect(
      readableResponse(meeting, { type: 'two-part', partA: meeting.partA.correct, partB: [meeting.partB.options[0]!.id] }, sentenceText),
    ).toBe(`A: ${meeting.partA.options.find((o) => o.id === meeting.partA.correct)!.text} | B: ${meeting.partB.options[0]!.quote}`);
  });

  it('keeps a response to a removed or retyped question as it was stored', () => {
    const response: Response = { type: 'short-answer', text: 'kept' };
    expect(readableResponse(undefined, response, sentenceText)).toBe(JSON.stringify(response));
    expect(readableResponse(mainIdea, response, sentenceText)).toBe(JSON.stringify(response));
  });

  it('names no wrong choice for a right answer', () => {
    for (const q of questions) expect(wrongChoices(q, correctResponse(q)), q.id).toEqual([]);
  });
});

describe('export tables', () => {
  const columns: QuizColumns = { id: quiz.id, title: quiz.title, questions, sentenceText: () => undefined };
  const done = attempt('submitted', [scored(firstTime, correctResponse(firstTime)), scored(mainIdea, correctResponse(mainIdea))], 'Zoë');
  const open = attempt('in-progress', [], 'Bo');

  it('attempts: one row per attempt, numbers as numbers, an empty cell for an unanswered question', () => {
    const table = attemptsTable([columns], [done, open]);
    expect(table.header.slice(0, 9)).toEqual([
      'Student',
      'Quiz',
      'Version',
      'Status',
      'Started',
      'Submitted',
      'Points',
      'Max points',
      'Percentage',
    ]);
    expect(table.header.slice(9)).toEqual(questions.map((q, i) => `Q${i + 1} ${q.id}`));
    const max = questions.reduce((n, q) => n + q.points, 0);
    const [row, openRow] = table.rows as [unknown[], unknown[]];
    expect(row.slice(0, 8)).toEqual([
      'Zoë',
      quiz.title,
      1,
      'submitted',
      done.startedAt,
      done.submittedAt,
      firstTime.points + mainIdea.points,
      max,
    ]);
    expect(row[9 + questions.indexOf(mainIdea)]).toBe(mainIdea.points);
    expect(row[9 + questions.indexOf(pressure)]).toBeNull();
    expect(openRow[5]).toBeNull();
  });

  it('attempts: prefixes question headers with the quiz id when several quizzes are in one export', () => {
    const other: QuizColumns = { ...columns, id: 'other-quiz', title: 'Other', questions: questions.slice(0, 2) };
    const table = attemptsTable([columns, other], [done, { ...open, quizId: 'other-quiz' }]);
    expect(table.header).toContain(`other-quiz Q2 ${questions[1]!.id}`);
    expect(table.header).toContain(`${quiz.id} Q1 ${questions[0]!.id}`);
    expect(table.header.length).toBe(9 + questions.length + 2);
  });

  it('attempts: keeps two versions of one quiz apart, each attempt under its own version’s columns', () => {
    const v2: QuizColumns = { ...columns, version: 2, questions: questions.slice(0, 1) };
    const table = attemptsTable([columns, v2], [done, { ...done, id: 'later', quizVersion: 2 }]);
    expect(table.header.slice(9)).toEqual([
      ...questions.map((q, i) => `${quiz.id} v1 Q${i + 1} ${q.id}`),
      `${quiz.id} v2 Q1 ${questions[0]!.id}`,
    ]);
    const [first, later] = table.rows as [unknown[], unknown[]];
    expect(first[2]).toBe(1);
    expect(later[2]).toBe(2);
    // Scored against version 2's one question: the answer to a question it dropped counts for nothing.
    expect(later.slice(6, 8)).toEqual([firstTime.points, questions[0]!.points]);
    expect(later.at(-1)).toBe(firstTime.points);
    expect(later.slice(9, 9 + questions.length).every((cell) => cell === null)).toBe(true);
  });

  it('responses: one row per response in bank order, with a removed question last and unnumbered', () => {
    const stale: ScoredAnswer = { ...scored(mainIdea, correctResponse(mainIdea)), questionId: 'removed-question' };
    const table = responsesTable([columns], [{ ...done, answers: [stale, ...done.answers] }]);
    expect(table.rows.map((r) => r[5])).toEqual([mainIdea.id, firstTime.id, 'removed-question']);
    expect(table.rows[0]).toEqual([
      done.id,
      'Zoë',
      quiz.title,
      1,
      questions.indexOf(mainIdea) + 1,
      mainIdea.id,
      'single-choice',
      mainIdea.options.find((o) => o.id === mainIdea.correct)!.text,
      mainIdea.points,
      mainIdea.points,
      'correct',
      '2026-11-27T09:10:00.000Z',
    ]);
    expect(table.rows[2]![4]).toBeNull();
  });
});
