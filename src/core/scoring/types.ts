import type { LoadedQuestion } from '../bank/loaded.ts';
import type { QuestionType } from '../bank/schema.ts';
import type { Verdict } from './verdict.ts';

export type { Verdict };

export interface ScorePart {
  /** A gap id, a left item id, or "partA" / "partB". */
  id: string;
  points: number;
  maxPoints: number;
  /** Whether this part's answer is right on its own (see two-part: it may be right yet earn 0). */
  correct: boolean;
}

export interface ScoreResult {
  points: number;
  maxPoints: number;
  verdict: Verdict;
  parts?: ScorePart[];
}

export type LoadedQuestionOf<T extends QuestionType> = Extract<LoadedQuestion, { type: T }>;

/**
 * The response does not fit the question: a bug or tampering in the caller, never a wrong answer.
 * Scoring it as 0 would hide the bug, so it is thrown instead.
 */
export class ResponseShapeError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'ResponseShapeError';
    this.field = field;
  }
}
