import type { LoadedQuestion } from '../bank/loaded.ts';
import { attemptScore } from './attempt-score.ts';
import { readableResponse, type SentenceText } from './readable.ts';
import type { AnswerScore, AttemptData } from './types.ts';

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
  /** The quiz version these questions are (absent: 1): an attempt is read against its own. */
  version?: number;
  title: string;
  questions: readonly LoadedQuestion[];
  sentenceText: SentenceText;
}

export const ATTEMPT_COLUMNS = ['Student', 'Quiz', 'Version', 'Status', 'Started', 'Submitted', 'Points', 'Max points', 'Percentage'];
export const RESPONSE_COLUMNS = [
  'Attempt id',
  'Student',
  'Quiz',
  'Version',
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
  version: number;
  questionId: string;
  header: string;
}

/** What identifies a quiz version among the quizzes of an export. */
export const versionKey = (quizId: string, version: number | undefined) => `${quizId}\u0000${version ?? 1}`;

/**
 * The question columns: from the quiz versions the attempts are at (`present`, by versionKey),
 * or from every quiz given when there are no attempts, so that an empty export still shows its
 * columns. With several quizzes, each question header is prefixed by its quiz id, and by the
 * version too when one quiz comes in several: a question's points are per version.
 */
export function questionColumns(quizzes: readonly QuizColumns[], present: ReadonlySet<string>): QuestionColumn[] {
  const columnQuizzes = present.size === 0 ? quizzes : quizzes.filter((q) => present.has(versionKey(q.id, q.version)));
  const prefix = columnQuizzes.length > 1;
  const versionsOf = (id: string) => columnQuizzes.filter((q) => q.id === id).length;
  return columnQuizzes.flatMap((quiz) => {
    const version = quiz.version ?? 1;
    const label = !prefix ? '' : versionsOf(quiz.id) > 1 ? `${quiz.id} v${version} ` : `${quiz.id} `;
    return quiz.questions.map((q, i) => ({ quizId: quiz.id, version, questionId: q.id, header: `${label}Q${i + 1} ${q.id}` }));
  });
}

/** One attempt's row: its standing, then its points per question column (empty when not answered). */
export function attemptRow(quiz: QuizColumns | undefined, attempt: AttemptData<AnswerScore>, columns: readonly QuestionColumn[]): Cell[] {
  const score = attemptScore(quiz?.questions ?? [], attempt.answers);
  const points = new Map(attempt.answers.map((a) => [a.questionId, a.points]));
  const version = attempt.quizVersion ?? 1;
  return [
    attempt.studentName,
    quiz?.title ?? attempt.quizId,
    version,
    attempt.status,
    attempt.startedAt,
    attempt.submittedAt,
    score.points,
    score.maxPoints,
    score.percentage,
    ...columns.map((c) => (c.quizId === attempt.quizId && c.version === version ? (points.get(c.questionId) ?? null) : null)),
  ];
}

/** One row per attempt, then one column per question holding its points (empty when not answered). */
export function attemptsTable(quizzes: readonly QuizColumns[], attempts: readonly AttemptData[]): Table {
  const quizByKey = new Map(quizzes.map((q) => [versionKey(q.id, q.version), q]));
  const columns = questionColumns(quizzes, new Set(attempts.map((a) => versionKey(a.quizId, a.quizVersion))));
  const rows = attempts.map((attempt) => attemptRow(quizByKey.get(versionKey(attempt.quizId, attempt.quizVersion)), attempt, columns));
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
      attempt.quizVersion ?? 1,
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
  const quizByKey = new Map(quizzes.map((q) => [versionKey(q.id, q.version), q]));
  return {
    header: RESPONSE_COLUMNS,
    rows: attempts.flatMap((attempt) => responseRows(quizByKey.get(versionKey(attempt.quizId, attempt.quizVersion)), attempt)),
  };
}

/**
 * The gradebook export: one row per student, for spreadsheets and gradebooks that import a
 * name and a mark (docs/exports.md says which). A student's latest submitted attempt counts;
 * an unfinished one is not a grade.
 */
export const GRADEBOOK_COLUMNS = ['Student', 'Score', 'Out of', 'Percentage'];

export function gradebookRow(quiz: QuizColumns | undefined, attempt: AttemptData<AnswerScore>): Cell[] {
  const score = attemptScore(quiz?.questions ?? [], attempt.answers);
  return [attempt.studentName, score.points, score.maxPoints, score.percentage];
}
