import type { Response } from '../scoring/response.ts';
import type { AttemptStatus } from '../attempt.ts';
import type { Verdict } from '../scoring/types.ts';

// The results module works on plain records: what the store keeps of an attempt and its
// answers. It knows nothing of the database or the contract, so it is tested in plain Node.

/** The score an answer got when it was given, without the response itself. */
export interface AnswerScore {
  questionId: string;
  points: number;
  maxPoints: number;
  verdict: Verdict;
}

/** An answer as stored: the response and the score it got when it was given. */
export interface ScoredAnswer extends AnswerScore {
  response: Response;
  answeredAt: string;
}

export interface AttemptData<Answer extends AnswerScore = ScoredAnswer> {
  id: string;
  quizId: string;
  /** The version of the quiz the attempt was taken on (absent: 1). */
  quizVersion?: number;
  studentName: string;
  status: AttemptStatus;
  startedAt: string;
  submittedAt: string | null;
  answers: readonly Answer[];
}
