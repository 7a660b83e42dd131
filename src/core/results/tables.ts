import type { LoadedQuestion } from '../bank/loaded.ts';
import { attemptScore } from './attempt-score.ts';
import { readableResponse, type SentenceText } from './readable.ts';
import type { AttemptData } from './types.ts';

// The two exports as tables of cells. Writing them as CSV, and making the cells safe for a
// spreadsheet, is the service's job; here they are only data, so the columns are tested as such.

/** A number stays a number so that a spreadsheet can sum it; null is an empty cell. */
export type Cell = string | number | null;

export interface Table {
  header: string[];
  rows: Cell[][];
}

export interface QuizColumns {
  id: string;
  title: string;
  questions: readonly LoadedQuestion[];
  sentenceText: SentenceText;
}

export const ATTEMPT_COLUMNS = ['Student', 'Quiz', 'Status', 'Started', 'Submitted', 'Points', 'Max points', 'Percentage'];
export const RESPONSE_COLUMNS = [
  'Attempt id',
  'Student',
  'Quiz',
  'Question number',
  'Question id',
  'Type',
  'Response',
  'Points',
  'Max points',
  'Verdict',
  'Answered at',
];

/** A question column of the attempts export. */
export interface QuestionColumn {
  quizId: string;
  questionId: string;
  header: string;
}

/**
 * The question columns: from the quizzes the attempts are at (`present`), or from every quiz
 * given when there are no attempts, so that an empty export still shows its columns. With
 * several quizzes, each question header is prefixed by its quiz id.
 */
export function questionColumns(quizzes: readonly QuizColumns[], present: ReadonlySet<string>): QuestionColumn[] {
  const columnQuizzes = present.size === 0 ? quizzes : quizzes.filter((q) => present.has(q.id));
  const prefix = columnQuizzes.length > 1;
  return columnQuizzes.flatMap((quiz) =>
    quiz.questions.map((q, i) => ({ quizId: quiz.id, questionId: q.id, header: `${prefix ? `${quiz.id} ` : ''}Q${i + 1} ${q.id}` })),
  );
}

/** One attempt's row: its standing, then its points per question column (empty when not answered). */
export function attemptRow(quiz: QuizColumns | undefined, attempt: AttemptData, columns: readonly QuestionColumn[]): Cell[] {
  const score = attemptScore(quiz?.questions ?? [], attempt.answers);
  const points = new Map(attempt.answers.map((a) => [a.questionId, a.points]));
  return [
    attempt.studentName,
    quiz?.title ?? attempt.quizId,
    attempt.status,
    attempt.startedAt,
    attempt.submittedAt,
    score.points,
    score.maxPoints,
    score.percentage,
    ...columns.map((c) => (c.quizId === attempt.quizId ? (points.get(c.questionId) ?? null) : null)),
  ];
}

/** One row per attempt, then one column per question holding its points (empty when not answered). */
export function attemptsTable(quizzes: readonly QuizColumns[], attempts: readonly AttemptData[]): Table {
  const quizById = new Map(quizzes.map((q) => [q.id, q]));
  const columns = questionColumns(quizzes, new Set(attempts.map((a) => a.quizId)));
  const rows = attempts.map((attempt) => attemptRow(quizById.get(attempt.quizId), attempt, columns));
  return { header: [...ATTEMPT_COLUMNS, ...columns.map((c) => c.header)], rows };
}

/** One attempt's responses, in the order of the bank's questions; answers to questions no longer in the bank go last. */
export function responseRows(quiz: QuizColumns | undefined, attempt: AttemptData): Cell[][] {
  const questions = quiz?.questions ?? [];
  const position = new Map(questions.map((q, i) => [q.id, i]));
  const rank = (questionId: string) => position.get(questionId) ?? Infinity;
  const answers = [...attempt.answers].sort((a, b) => rank(a.questionId) - rank(b.questionId) || 0);
  return answers.map((answer) => {
    const index = position.get(answer.questionId);
    const question = index === undefined ? undefined : questions[index];
    return [
      attempt.id,
      attempt.studentName,
      quiz?.title ?? attempt.quizId,
      index === undefined ? null : index + 1,
      answer.questionId,
      answer.response.type,
      readableResponse(question, answer.response, quiz?.sentenceText ?? (() => undefined)),
      answer.points,
      answer.maxPoints,
      answer.verdict,
      answer.answeredAt,
    ];
  });
}

/** One row per stored response, attempt by attempt, in the order of the bank's questions. */
export function responsesTable(quizzes: readonly QuizColumns[], attempts: readonly AttemptData[]): Table {
  const quizById = new Map(quizzes.map((q) => [q.id, q]));
  return { header: RESPONSE_COLUMNS, rows: attempts.flatMap((attempt) => responseRows(quizById.get(attempt.quizId), attempt)) };
}

/**
 * The gradebook export: one row per student, for spreadsheets and gradebooks that import a
 * name and a mark (docs/exports.md says which). A student's latest submitted attempt counts;
 * an unfinished one is not a grade.
 */
export const GRADEBOOK_COLUMNS = ['Student', 'Score', 'Out of', 'Percentage'];

export function gradebookRow(quiz: QuizColumns | undefined, attempt: AttemptData): Cell[] {
  const score = attemptScore(quiz?.questions ?? [], attempt.answers);
  return [attempt.studentName, score.points, score.maxPoints, score.percentage];
}
