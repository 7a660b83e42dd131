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

/**
 * One row per attempt, then one column per question holding its points (empty when not
 * answered). Question columns come from the quizzes the attempts are at, or from every quiz
 * given when there are no attempts, so that an empty export still shows its columns. With
 * several quizzes, each question header is prefixed by its quiz id.
 */
export function attemptsTable(quizzes: readonly QuizColumns[], attempts: readonly AttemptData[]): Table {
  const quizById = new Map(quizzes.map((q) => [q.id, q]));
  const present = new Set(attempts.map((a) => a.quizId));
  const columnQuizzes = attempts.length === 0 ? quizzes : quizzes.filter((q) => present.has(q.id));
  const prefix = columnQuizzes.length > 1;
  const columns = columnQuizzes.flatMap((quiz) =>
    quiz.questions.map((q, i) => ({ quizId: quiz.id, questionId: q.id, header: `${prefix ? `${quiz.id} ` : ''}Q${i + 1} ${q.id}` })),
  );

  const rows = attempts.map((attempt) => {
    const quiz = quizById.get(attempt.quizId);
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
  });
  return { header: [...ATTEMPT_COLUMNS, ...columns.map((c) => c.header)], rows };
}

/** One row per stored response, attempt by attempt, in the order of the bank's questions. */
export function responsesTable(quizzes: readonly QuizColumns[], attempts: readonly AttemptData[]): Table {
  const quizById = new Map(quizzes.map((q) => [q.id, q]));
  const rows = attempts.flatMap((attempt) => {
    const quiz = quizById.get(attempt.quizId);
    const questions = quiz?.questions ?? [];
    const position = new Map(questions.map((q, i) => [q.id, i]));
    // Answers to questions no longer in the bank go last, still exported.
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
  });
  return { header: RESPONSE_COLUMNS, rows };
}
